//! Command-line flags, in two steps (ripgrep's "low" and "high" arguments): clap parses
//! [`Args`] as the user typed them, then [`Args::validate`] enforces the rules between
//! flags and builds the [`Plan`] the run loop follows. Nothing here touches a file.

use std::path::PathBuf;

use clap::Parser;
use encoding_rs::Encoding;
use mojifix::{Config, Fix, Normalization, Preset};

use super::mode::Mode;
use super::walk::Filters;

/// Repair mojibake (text decoded with the wrong encoding) and normalize Unicode.
///
/// Prints the repaired text of one input (a FILE, or standard input when there is
/// none or for `-`), or with --write repairs files and directory trees in place.
/// Input in any encoding is read (BOM, UTF-16/32, detected legacy encodings); output
/// is UTF-8 with line endings kept exactly.
#[derive(Debug, Parser)]
#[command(name = "mojifix", version, about, long_about = None)]
pub struct Args {
    /// Input to repair: a file, a directory (with --write), or `-` for standard input.
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,

    /// Repair files in place (atomically; unchanged files are not touched) and list
    /// every change on standard output.
    #[arg(short, long)]
    pub write: bool,

    /// With --write: leave out files and directories matching GLOB when walking
    /// directories (a name at any depth, or a path relative to the directory given
    /// when GLOB contains `/`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// With --write: keep only files matching GLOB when walking directories.
    /// Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Apply --exclude and --include to files named on the command line too (by
    /// default a file named explicitly is always read, as pre-commit expects).
    #[arg(long)]
    pub force_exclude: bool,

    /// Number of files repaired at once (default: the number of CPUs). Output order
    /// does not depend on it.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Read input as this encoding (a WHATWG label such as windows-1251, latin1,
    /// shift_jis, utf-16le) instead of detecting it. A byte order mark still wins.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Drop a UTF-8 byte order mark from the output instead of keeping it.
    #[arg(long)]
    pub strip_bom: bool,

    /// Unicode normalization after repair. NFC rewrites CJK compatibility ideographs;
    /// use `none` to keep them.
    #[arg(long, value_name = "FORM", default_value = "nfc", value_parser = parse_normalization)]
    pub normalize: Normalization,

    /// Most layers of garbling to undo in one word.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(0..=16))]
    pub max_layers: u8,

    /// Which fixes are on to start with: `safe` (encoding, C1 controls; nothing
    /// cosmetic) or `ftfy` (every fix, as ftfy 6.3.1's fix_text).
    #[arg(long, value_name = "PRESET", default_value = "safe", value_parser = parse_preset)]
    pub preset: Preset,

    /// Turn a fix on, on top of the preset. Repeatable. NAME is one of:
    /// terminal-escapes, html-entities, control-chars, bom, surrogates, encoding,
    /// c1-controls, latin-ligatures, character-width, curly-quotes, line-breaks.
    #[arg(long = "fix", value_name = "NAME", value_parser = parse_fix)]
    pub fix: Vec<Fix>,

    /// Turn a fix off, on top of the preset. Repeatable; same names as --fix.
    #[arg(long = "no-fix", value_name = "NAME", value_parser = parse_fix)]
    pub no_fix: Vec<Fix>,
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    s.parse().map_err(|e: mojifix::UnknownName| e.to_string())
}

fn parse_fix(s: &str) -> Result<Fix, String> {
    s.parse().map_err(|e: mojifix::UnknownName| e.to_string())
}

/// The preset with the single fixes switched on and off; naming a fix both ways is
/// an error rather than a silent last-one-wins.
fn fix_config(preset: Preset, on: &[Fix], off: &[Fix]) -> Result<Config, UsageError> {
    if let Some(both) = on.iter().find(|fix| off.contains(fix)) {
        return Err(UsageError(format!(
            "--fix {both} and --no-fix {both} contradict each other"
        )));
    }
    let mut config = Config::preset(preset);
    for &fix in on {
        config.set(fix, true);
    }
    for &fix in off {
        config.set(fix, false);
    }
    Ok(config)
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
    /// The encoding from `--encoding`, if given.
    pub encoding: Option<&'static Encoding>,
    /// Drop a UTF-8 BOM from the output.
    pub strip_bom: bool,
    /// Which files of a directory tree to read.
    pub filters: Filters,
    /// Files repaired at once.
    pub jobs: usize,
}

impl Args {
    /// Checks the rules between flags and builds the plan.
    pub fn validate(self) -> Result<Plan, UsageError> {
        let mut config = fix_config(self.preset, &self.fix, &self.no_fix)?;
        config.normalization = self.normalize;
        config.max_layers = self.max_layers;
        let encoding = self.encoding.as_deref().map(parse_encoding).transpose()?;
        let mode = if self.write { Mode::Write } else { Mode::Print };
        let inputs = if self.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.files
        };
        check_inputs_for_mode(mode, &inputs)?;
        let filters = Filters::new(&self.include, &self.exclude, self.force_exclude)?;
        let jobs = match self.jobs {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(Plan {
            mode,
            config,
            inputs,
            encoding,
            strip_bom: self.strip_bom,
            filters,
            jobs,
        })
    }
}

fn parse_encoding(label: &str) -> Result<&'static Encoding, UsageError> {
    mojifix::decode::encoding_for_label(label).ok_or_else(|| {
        UsageError(format!(
            "--encoding: unknown encoding label {label:?} (try windows-1252, \
             windows-1251, iso-8859-2, koi8-r, shift_jis, gbk, big5, euc-kr, utf-16le)"
        ))
    })
}

/// Printing repaired text is for one input: several files concatenated on standard
/// output could not be told apart or written back.
fn check_inputs_for_mode(mode: Mode, inputs: &[PathBuf]) -> Result<(), UsageError> {
    if mode.prints_text() && inputs.len() > 1 {
        return Err(UsageError(format!(
            "{} inputs given, but printing repaired text takes one; use --write (-w) \
             to repair several files or directories in place",
            inputs.len()
        )));
    }
    if mode == Mode::Write && inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(UsageError(
            "--write cannot write back to standard input; give file or directory paths".to_owned(),
        ));
    }
    Ok(())
}
