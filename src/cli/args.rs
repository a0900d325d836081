//! Command-line flags, in two steps (ripgrep's "low" and "high" arguments): clap parses
//! [`Args`] as the user typed them, then [`Args::validate`] enforces the rules between
//! flags and builds the [`Plan`] the run loop follows. Nothing here touches a file.

use std::path::PathBuf;

use clap::Parser;
use mojifix::{Config, Normalization};

use super::mode::Mode;

/// Repair mojibake (text decoded with the wrong encoding) and normalize Unicode.
///
/// Reads each FILE (or standard input when there is none, or for `-`) and prints the
/// repaired text. Line endings are kept exactly.
#[derive(Debug, Parser)]
#[command(name = "mojifix", version, about, long_about = None)]
pub struct Args {
    /// Files to repair; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Unicode normalization after repair. NFC rewrites CJK compatibility ideographs;
    /// use `none` to keep them.
    #[arg(long, value_name = "FORM", default_value = "nfc", value_parser = parse_normalization)]
    pub normalize: Normalization,

    /// Most layers of garbling to undo in one word.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(0..=16))]
    pub max_layers: u8,
}

fn parse_normalization(s: &str) -> Result<Normalization, String> {
    s.parse()
        .map_err(|e: mojifix::normalize::UnknownNormalization| e.to_string())
}

/// A combination of flags that clap accepts but that makes no sense together. Shown
/// as `mojifix: <message>`; the run exits 2 before reading anything.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What the run will do, built from validated flags.
#[derive(Debug)]
pub struct Plan {
    /// What happens to each file's repaired text.
    pub mode: Mode,
    /// What to repair.
    pub config: Config,
    /// The inputs as given; `-` is standard input. Never empty.
    pub inputs: Vec<PathBuf>,
}

impl Args {
    /// Checks the rules between flags and builds the plan.
    pub fn validate(self) -> Result<Plan, UsageError> {
        let mut config = Config::default();
        config.normalization = self.normalize;
        config.max_layers = self.max_layers;
        let inputs = if self.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.files
        };
        Ok(Plan {
            mode: Mode::Print,
            config,
            inputs,
        })
    }
}
