//! Reports of what a run found or changed, for people and for CI: one renderer per
//! `--format` (`text`, `json`, `jsonl`, `github`, `sarif`), and unified diffs.
//!
//! The renderers write to the writers they are given and never print on their own.
//! Each receives, file after file in the order the caller wants them shown (the
//! binary keeps the order of its arguments), the file's findings as they are found (a
//! long file comes in pieces, so findings never pile up for the streaming formats),
//! then a [`FileReport`] that ends the file; then the [`Summary`]. Data goes to `out` (the binary's
//! standard output); the human summary goes to `side` (standard error, or for `github`
//! the file named by `$GITHUB_STEP_SUMMARY`).
//!
//! # The JSON wire format (stable)
//!
//! `--format json` writes one document; `--format jsonl` writes one [`Message`] per
//! line. Both carry the same objects. Fields are only ever added (new fields may
//! appear in later versions, and new `type`s of messages and `kind`s of steps: ignore
//! the ones you do not know); `schema` is raised if a field ever changes meaning.
//!
//! A **finding** ([`Finding`]):
//!
//! ```json
//! {"path": "docs/a.md", "line": 3, "column": 7, "end_column": 9,
//!  "byte_range": {"start": 41, "end": 45}, "before": "Ã©", "after": "é",
//!  "word_before": "CafÃ©", "word_after": "Café",
//!  "explanation": "UTF-8 read as windows-1252",
//!  "chain": [{"kind": "redecode", "text": "UTF-8 read as windows-1252",
//!             "page": "windows-1252", "lossy": false}],
//!  "confidence": 0.99}
//! ```
//!
//! `line` and `column` count from 1; columns count characters (Unicode scalar values);
//! `end_column` is exclusive; `byte_range` is into the repaired text's input (the file
//! itself when it is UTF-8). `chain` lists the damage earliest first; a step's `kind`
//! is `redecode` (with `page`, `lossy`), `c1_control`, `normalize` (with `form`), the
//! name of an optional fix (see [`StepReport`]) or `other`, and `text` is always its
//! phrase.
//!
//! A **file** (one for each file with changes, after its findings):
//! `{"path": "docs/a.md", "changed": true, "written": false, "findings": 2}`, plus
//! `"diff"` (the unified diff as a string) in diff mode and `"notes"` (a list of
//! strings) when the file changes as a whole: decoded from another encoding (output
//! is always UTF-8), byte order mark dropped, invalid bytes replaced. `findings` is the list of
//! finding objects in the JSON document and their count in JSON Lines.
//!
//! An **error**: `{"path": "b.txt", "message": "not valid UTF-8 (...)"}`.
//!
//! The **summary**: `{"mode": "check", "files_checked": 3, "files_changed": 1,
//! "findings": 2, "errors": 0, "elapsed_seconds": 0.004}`.
//!
//! The JSON document is `{"schema": 1, "tool": "mojifix", "version": "0.1.0",
//! "files": [...], "errors": [...], "summary": {...}}`. It is written as the run goes
//! (one finding per line, keys in the order they become known), so memory does not
//! grow with the number of findings; SARIF is written the same way. JSON Lines messages are
//! `{"type": "finding"|"file"|"error"|"summary", "data": {...}}`, in that order for
//! each file and the summary last.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod diff;
mod explain;
mod finding;
mod github;
mod json;
mod sarif;
mod text;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use diff::{unified_diff, write_unified_diff, DiffStyle};
pub use explain::{describe_char, write_explanation};
pub use finding::{findings, findings_at, findings_iter, quote, ByteRange, Finding, StepReport};
pub use json::{FileMessage, Message, SCHEMA_VERSION};

/// The output format of a report.
///
/// ```
/// use mojifix::report::Format;
/// assert_eq!("sarif".parse::<Format>().unwrap(), Format::Sarif);
/// assert!("xml".parse::<Format>().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// `path:line:col: "before" -> "after" (explanation)`, summary on the side.
    #[default]
    Text,
    /// One JSON document.
    Json,
    /// One JSON message per line.
    Jsonl,
    /// GitHub Actions workflow commands, with a Markdown summary on the side.
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Github,
        Format::Sarif,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Github => "github",
            Format::Sarif => "sarif",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for an unknown format name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?} (expected text, json, jsonl, github or sarif)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// What the run does with the files; it decides the wording of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// Report what would change.
    Check,
    /// Show a unified diff of what would change.
    Diff,
    /// Change the files in place and report what changed.
    Write,
}

impl Mode {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Check => "check",
            Mode::Diff => "diff",
            Mode::Write => "write",
        }
    }
}

/// What a report says about one file once its findings have gone by.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct FileReport {
    /// The file, as it should be shown.
    pub path: String,
    /// How many findings were reported for it.
    pub findings: usize,
    /// The unified diff, in diff mode.
    pub diff: Option<String>,
    /// Whether the file was rewritten.
    pub written: bool,
    /// Changes to the whole file that have no place in its text: decoded from another
    /// encoding (the output is UTF-8), a byte order mark dropped, invalid bytes replaced.
    pub notes: Vec<String>,
}

impl FileReport {
    /// A report for `path`, which had `findings` findings.
    ///
    /// ```
    /// use mojifix::report::FileReport;
    /// let report = FileReport::new("a.txt", 0);
    /// assert!(!report.changed());
    /// ```
    pub fn new(path: impl Into<String>, findings: usize) -> Self {
        FileReport {
            path: path.into(),
            findings,
            diff: None,
            written: false,
            notes: Vec::new(),
        }
    }

    /// Whether anything changed (or would).
    pub fn changed(&self) -> bool {
        self.findings > 0 || !self.notes.is_empty()
    }
}

/// Totals of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// The mode of the run.
    pub mode: Mode,
    /// Files read and repaired (errors not counted).
    pub files_checked: usize,
    /// Files with at least one change.
    pub files_changed: usize,
    /// Changes over all files.
    pub findings: usize,
    /// Files that could not be read or written.
    pub errors: usize,
    /// Wall-clock time of the run, in seconds.
    pub elapsed_seconds: f64,
}

impl Summary {
    /// An empty summary for a run in `mode`.
    pub fn new(mode: Mode) -> Self {
        Summary {
            mode,
            files_checked: 0,
            files_changed: 0,
            findings: 0,
            errors: 0,
            elapsed_seconds: 0.0,
        }
    }

    /// Counts one file.
    pub fn add_file(&mut self, file: &FileReport) {
        self.files_checked += 1;
        if file.changed() {
            self.files_changed += 1;
            self.findings += file.findings;
        }
    }

    /// Counts one error.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    /// Records the run time, rounded to milliseconds.
    pub fn set_elapsed(&mut self, elapsed: Duration) {
        self.elapsed_seconds = (elapsed.as_secs_f64() * 1000.0).round() / 1000.0;
    }
}

/// Options common to all renderers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Use ANSI colours (only the `text` format has any).
    pub color: bool,
}

/// A report renderer: one per [`Format`].
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::{findings, renderer, FileReport, Format, Mode, RenderOptions, Summary};
///
/// let text = "CĂ©line\n";
/// let fixed = fix_text(text, &Config::default());
/// let found = findings("names.txt", text, fixed.changes());
/// let file = FileReport::new("names.txt", found.len());
/// let mut summary = Summary::new(Mode::Check);
/// summary.add_file(&file);
///
/// let (mut out, mut side) = (Vec::new(), Vec::new());
/// let mut report = renderer(Format::Text, Mode::Check, RenderOptions::default());
/// report.findings(&mut out, &found).unwrap();
/// report.file(&mut out, &file).unwrap();
/// report.finish(&mut out, &mut side, &summary).unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "names.txt:1:2: \"CĂ©line\" -> \"Céline\" (UTF-8 read as windows-1250)\n"
/// );
/// assert!(String::from_utf8(side).unwrap().starts_with("1 file checked, 1 with changes"));
/// ```
pub trait Renderer {
    /// Reports findings of the file being read, as they are found; called any number
    /// of times (also not at all) before the file's [`Renderer::file`].
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()>;
    /// Ends a file (called for every file read, changed or not).
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()>;
    /// Reports a file that could not be processed. The binary also prints the error
    /// on standard error; machine formats carry it as data as well.
    fn error(&mut self, out: &mut dyn Write, path: &str, message: &str) -> io::Result<()>;
    /// Ends the report: documents that were being collected are written to `out`, the
    /// human summary to `side`.
    fn finish(
        &mut self,
        out: &mut dyn Write,
        side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()>;
}

/// The renderer for `format` in `mode`.
pub fn renderer(format: Format, mode: Mode, options: RenderOptions) -> Box<dyn Renderer> {
    match format {
        Format::Text => Box::new(text::TextRenderer::new(mode, options)),
        Format::Json => Box::new(json::JsonRenderer::new()),
        Format::Jsonl => Box::new(json::JsonlRenderer),
        Format::Github => Box::new(github::GithubRenderer::new(mode)),
        Format::Sarif => Box::new(sarif::SarifRenderer::new(mode)),
    }
}
