//! Times `mojifix::fix_text` in-process on each file named on the command line and
//! prints one line per file: `<path> <bytes> <seconds> <MB/s>` (best of `--runs N`,
//! default 3). Reading the file is not timed. Used by `tools/bench.py --lib`.
//!
//! ```sh
//! cargo run --release --example throughput -- target/bench/clean-multi.txt
//! ```

use std::time::Instant;

use mojifix::{fix_text, Config};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("--runs N");
        args.drain(i..i + 2);
    }
    let config = Config::default();
    for path in args {
        let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
        let mut best = f64::INFINITY;
        let mut changed = false;
        for _ in 0..runs {
            let start = Instant::now();
            let fixed = fix_text(&text, &config);
            changed = fixed.changed();
            best = best.min(start.elapsed().as_secs_f64());
            drop(fixed);
        }
        let mb = text.len() as f64 / 1e6;
        println!(
            "{path} {} {best:.6} {:.1} changed={changed}",
            text.len(),
            mb / best
        );
    }
}
