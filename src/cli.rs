//! Command-line arguments and the run loop of the binary.
//!
//! Exit codes: 0 success, 2 error. A closed stdout (`mojifix file | head`) is success.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Parser;
use mojifix::{fix_text, input, Config, Normalization};

/// Repair mojibake (text decoded with the wrong encoding) and normalize Unicode.
///
/// Reads each FILE (or standard input when there is none, or for `-`) and prints the
/// repaired text. Line endings are kept exactly.
#[derive(Debug, Parser)]
#[command(name = "mojifix", version, about, long_about = None)]
struct Args {
    /// Files to repair; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Unicode normalization after repair. NFC rewrites CJK compatibility ideographs;
    /// use `none` to keep them.
    #[arg(long, value_name = "FORM", default_value = "nfc", value_parser = parse_normalization)]
    normalize: Normalization,

    /// Most layers of garbling to undo in one word.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(0..=16))]
    max_layers: u8,
}

fn parse_normalization(s: &str) -> Result<Normalization, String> {
    s.parse()
        .map_err(|e: mojifix::normalize::UnknownNormalization| e.to_string())
}

/// Runs the command and returns the exit code.
pub fn run() -> i32 {
    let args = Args::parse();
    let mut config = Config::default();
    config.normalization = args.normalize;
    config.max_layers = args.max_layers;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = 0;
    for path in &files {
        match input::read_text(path) {
            Ok(text) => {
                let fixed = fix_text(&text, &config);
                if let Err(e) = out.write_all(fixed.text().as_bytes()) {
                    return write_error(&e);
                }
            }
            Err(e) => {
                eprintln!("mojifix: {e}");
                status = 2;
            }
        }
    }
    if let Err(e) = out.flush() {
        return write_error(&e);
    }
    status
}

fn write_error(e: &io::Error) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return 0;
    }
    eprintln!("mojifix: <stdout>: {e}");
    2
}
