//! Times `mojifix::fix_text` in-process on each file named on the command line and
//! prints one line per file: `<path> <bytes> <seconds> <MB/s>` (best of `--runs N`,
//! default 3). Reading the file is not timed. Used by `tools/bench.py --lib`.
//!
//! Each run is timed on a fresh thread: the repair keeps a memo of costs per thread,
//! and a run on the thread of the run before it would find the corpus's words judged
//! already, which no single pass over a corpus does. Tables built once per process
//! (character classes) stay built, as they do for the whole of a long run.
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
            let (seconds, any_change) = std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        let start = Instant::now();
                        let fixed = fix_text(&text, &config);
                        (start.elapsed().as_secs_f64(), fixed.changed())
                    })
                    .join()
                    .expect("the timed run does not panic")
            });
            changed = any_change;
            best = best.min(seconds);
        }
        let mb = text.len() as f64 / 1e6;
        println!(
            "{path} {} {best:.6} {:.1} changed={changed}",
            text.len(),
            mb / best
        );
    }
}
