//! Command-line flags, in two steps (ripgrep's "low" and "high" arguments): clap parses
//! [`Args`] as the user typed them, then [`Args::validate`] enforces the rules between
//! flags, reads the settings file, and builds the [`Plan`] the run loop follows.
//! Nothing here touches an input file.

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};
use encoding_rs::Encoding;
use mojifix::jsonl::FieldPath;
use mojifix::report::Format;
use mojifix::settings::Settings;
use mojifix::{Config, Fix, Normalization, Preset};

use super::jsonl::{JsonlPlan, OnError};
use super::mode::Mode;
use super::report::{ColorChoice, ReportOptions};
use super::walk::Filters;

/// Repair mojibake (text decoded with the wrong encoding) and normalize Unicode.
///
/// Prints the repaired text of one input (a FILE, or standard input when there is
/// none or for `-`), or with --write repairs files and directory trees in place.
/// Input in any encoding is read (BOM, UTF-16/32, detected legacy encodings); output
/// is UTF-8 with line endings kept exactly. With --check, --diff or --explain it
/// reports what it would change, and changes nothing.
///
/// Settings are read from mojifix.toml, or [tool.mojifix] in pyproject.toml, in the
/// working directory or the nearest directory above it that has one.
#[derive(Debug, Parser)]
#[command(name = "mojifix", version, about, long_about)]
pub struct Args {
    /// Input to repair: a file, a directory (with --write, --check or --diff), or `-`
    /// for standard input.
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,

    /// Repair files in place (atomically; unchanged files are not touched) and list
    /// every change on standard output.
    #[arg(short, long, group = "mode")]
    pub write: bool,

    /// Report every change that would be made, change nothing; exit 1 if anything
    /// would change.
    #[arg(long, group = "mode")]
    pub check: bool,

    /// Print a unified diff of the repairs (for `git apply` or `patch -p1`), change
    /// nothing; exit 1 if anything would change.
    #[arg(long, group = "mode")]
    pub diff: bool,

    /// For each change, list the code points before and after, the chain of wrong
    /// decodings replayed byte by byte, and the confidence.
    #[arg(long, group = "mode")]
    pub explain: bool,

    /// Read JSON Lines: repair the string fields named by --field in each record and
    /// leave every other byte of the line as it was. Streams; one input.
    #[arg(long)]
    pub jsonl: bool,

    /// With --jsonl: a field to repair; `meta.title` names a field of a nested
    /// object. Repeatable.
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    pub field: Vec<String>,

    /// With --jsonl: what to do with a line that is not a JSON object with every
    /// field as a string: fail (stop, exit 2), skip (drop the line) or keep (pass it
    /// through). Each is reported and counted.
    #[arg(long, value_name = "POLICY", value_enum, default_value_t = OnError::Fail, requires = "jsonl")]
    pub on_error: OnError,

    /// Report format for --check, --diff and --write: text, json, jsonl, github or
    /// sarif.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = parse_format)]
    pub format: Format,

    /// When to colour the output (diffs and findings); NO_COLOR turns `auto` off.
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Read settings from this file instead of looking for mojifix.toml or
    /// pyproject.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore settings files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Leave out files and directories matching GLOB when walking
    /// directories (a name at any depth, or a path relative to the directory given
    /// when GLOB contains `/`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Keep only files matching GLOB when walking directories.
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
    /// use `none` to keep them. [default: nfc]
    #[arg(long, value_name = "FORM", value_parser = parse_normalization)]
    pub normalize: Option<Normalization>,

    /// Most layers of garbling to undo in one word. [default: 4]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=16))]
    pub max_layers: Option<u8>,

    /// Which fixes are on to start with: `safe` (encoding, C1 controls; nothing
    /// cosmetic) or `ftfy` (every fix, as ftfy 6.3.1's fix_text). Replaces the fixes
    /// a settings file chose. [default: safe]
    #[arg(long, value_name = "PRESET", value_parser = parse_preset)]
    pub preset: Option<Preset>,

    /// Turn a fix on, on top of the preset. Repeatable. NAME is one of:
    /// terminal-escapes, html-entities, control-chars, bom, surrogates,
    /// legacy-encoding, encoding, c1-controls, latin-ligatures, character-width,
    /// curly-quotes, line-breaks.
    #[arg(long = "fix", value_name = "NAME", value_parser = parse_fix)]
    pub fix: Vec<Fix>,

    /// Turn a fix off, on top of the preset. Repeatable; same names as --fix.
    #[arg(long = "no-fix", value_name = "NAME", value_parser = parse_fix)]
    pub no_fix: Vec<Fix>,

    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell) and
    /// exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
        .map_err(|e: mojifix::report::UnknownFormat| e.to_string())
}

fn parse_preset(s: &str) -> Result<Preset, String> {
    s.parse().map_err(|e: mojifix::UnknownName| e.to_string())
}

fn parse_fix(s: &str) -> Result<Fix, String> {
    s.parse().map_err(|e: mojifix::UnknownName| e.to_string())
}

/// `base` (from the settings file) with the preset, if given, and the single fixes
/// switched on and off; naming a fix both ways is an error rather than a silent
/// last-one-wins. A preset replaces the settings file's fixes, not its other keys.
fn fix_config(
    base: Config,
    preset: Option<Preset>,
    on: &[Fix],
    off: &[Fix],
) -> Result<Config, UsageError> {
    if let Some(both) = on.iter().find(|fix| off.contains(fix)) {
        return Err(UsageError(format!(
            "--fix {both} and --no-fix {both} contradict each other"
        )));
    }
    let mut config = match preset {
        Some(preset) => {
            let mut config = Config::preset(preset);
            config.normalization = base.normalization;
            config.max_layers = base.max_layers;
            config
        }
        None => base,
    };
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

/// A combination of flags that clap accepts but that makes no sense together, or a
/// settings file that cannot be used. Shown as `mojifix: <message>`; the run exits 2
/// before reading anything.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What the run will do, built from validated flags.
pub struct Plan {
    /// What happens to each file's repaired text.
    pub mode: Mode,
    /// What to repair, what to leave alone, which files to take.
    pub settings: Settings,
    /// How reports render.
    pub report: ReportOptions,
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
    /// With `--jsonl`: the fields and the error policy.
    pub jsonl: Option<JsonlPlan>,
}

/// What the binary prints instead of running: output generated from the flags
/// themselves.
pub enum Generated {
    /// A shell completion script.
    Completions(clap_complete::Shell),
    /// The manual page.
    Man,
}

impl Args {
    /// Output that replaces the run, if asked for.
    pub fn generated(&self) -> Option<Generated> {
        if self.man {
            return Some(Generated::Man);
        }
        self.completions.map(Generated::Completions)
    }

    /// Checks the rules between flags, reads the settings, and builds the plan.
    pub fn validate(self) -> Result<Plan, UsageError> {
        let mut settings = self.settings()?;
        settings.config = fix_config(settings.config, self.preset, &self.fix, &self.no_fix)?;
        if let Some(form) = self.normalize {
            settings.config.normalization = form;
        }
        if let Some(layers) = self.max_layers {
            settings.config.max_layers = layers;
        }
        // The bom fix removes every U+FEFF, the one at the start of a file included.
        let strip_bom = self.strip_bom || settings.config.enabled(Fix::Bom);
        let encoding = self.encoding.as_deref().map(parse_encoding).transpose()?;
        let mode = self.mode();
        let jsonl = self.jsonl_plan(mode)?;
        if self.format != Format::Text && mode.report_mode().is_none() {
            return Err(UsageError(format!(
                "--format {} goes with --check, --diff or --write",
                self.format
            )));
        }
        let report = ReportOptions {
            mode: mode.report_mode().unwrap_or(mojifix::report::Mode::Check),
            format: self.format,
            color: self.color.enabled(),
        };
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
            settings,
            report,
            inputs,
            encoding,
            strip_bom,
            filters,
            jobs,
            jsonl,
        })
    }

    /// The `--jsonl` plan: at least one field, printing or `--check` only, and a
    /// report format that names records (text or jsonl).
    fn jsonl_plan(&self, mode: Mode) -> Result<Option<JsonlPlan>, UsageError> {
        if !self.jsonl {
            return Ok(None);
        }
        if self.field.is_empty() {
            return Err(UsageError(
                "--jsonl needs at least one --field naming the string field to repair".into(),
            ));
        }
        if !matches!(mode, Mode::Print | Mode::Check) {
            return Err(UsageError(
                "--jsonl prints repaired records or, with --check, reports them; it does not \
                 go with --write, --diff or --explain"
                    .into(),
            ));
        }
        if !matches!(self.format, Format::Text | Format::Jsonl) {
            return Err(UsageError(format!(
                "--jsonl --check reports in --format text or jsonl, not {}",
                self.format
            )));
        }
        Ok(Some(JsonlPlan {
            fields: self.field.iter().map(|f| FieldPath::parse(f)).collect(),
            on_error: self.on_error,
        }))
    }
}

impl Args {
    fn mode(&self) -> Mode {
        if self.write {
            Mode::Write
        } else if self.check {
            Mode::Check
        } else if self.diff {
            Mode::Diff
        } else if self.explain {
            Mode::Explain
        } else {
            Mode::Print
        }
    }

    /// The settings file named by `--config`, or the one found from the working
    /// directory up, or the defaults.
    fn settings(&self) -> Result<Settings, UsageError> {
        if self.no_config {
            return Ok(Settings::default());
        }
        let usage = |e: mojifix::settings::SettingsError| UsageError(e.to_string());
        let path = match &self.config {
            Some(path) => Some(path.clone()),
            None => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                Settings::discover(&cwd).map_err(usage)?
            }
        };
        match path {
            Some(path) => Settings::load(&relative_to_cwd(&path)).map_err(usage),
            None => Ok(Settings::default()),
        }
    }
}

/// A discovered settings path shown relative to the working directory when it lies
/// below it, so messages name it the way the user would.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Writes the completion script or manual page to `out`.
pub fn write_generated(what: Generated, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut command = Args::command();
    match what {
        Generated::Completions(shell) => {
            clap_complete::generate(shell, &mut command, "mojifix", out);
            Ok(())
        }
        Generated::Man => clap_mangen::Man::new(command).render(out),
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
             to repair several files or directories in place, or --check or --diff",
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
