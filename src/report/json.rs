//! The `json` and `jsonl` formats (wire format documented in the module above).
//! JSON Lines follows ripgrep's printer: every line is one externally tagged message,
//! `{"type": ..., "data": {...}}`, so a consumer can dispatch on `type` and skip the
//! types it does not know.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{FileReport, Finding, Renderer, Summary};

/// Raised only if a field of the wire format ever changes meaning; added fields and
/// added message types do not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of `--format jsonl`.
///
/// ```
/// use mojifix::report::Message;
/// let line = r#"{"type":"error","data":{"path":"a.txt","message":"not valid UTF-8"}}"#;
/// let message: Message = serde_json::from_str(line).unwrap();
/// assert!(matches!(message, Message::Error { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Message {
    /// One change.
    Finding(Finding),
    /// The end of a file with changes, after its findings.
    File(FileMessage),
    /// A file that could not be processed.
    Error {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The totals, last.
    Summary(Summary),
}

/// The end of a file in JSON Lines: what happened to it, with the number of findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileMessage {
    /// The file.
    pub path: String,
    /// Whether anything changed (or would).
    pub changed: bool,
    /// Whether the file was rewritten.
    pub written: bool,
    /// How many findings came before this message.
    pub findings: usize,
    /// The unified diff, in diff mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// Changes to the whole file (see the module documentation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

pub(super) struct JsonlRenderer;

fn emit(out: &mut dyn Write, message: &Message) -> io::Result<()> {
    serde_json::to_writer(&mut *out, message)?;
    out.write_all(b"\n")
}

impl Renderer for JsonlRenderer {
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            emit(out, &Message::Finding(finding.clone()))?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if !file.changed() {
            return Ok(());
        }
        emit(
            out,
            &Message::File(FileMessage {
                path: file.path.clone(),
                changed: true,
                written: file.written,
                findings: file.findings,
                diff: file.diff.clone(),
                notes: file.notes.clone(),
            }),
        )
    }

    fn error(&mut self, out: &mut dyn Write, path: &str, message: &str) -> io::Result<()> {
        emit(
            out,
            &Message::Error {
                path: path.to_string(),
                message: message.to_string(),
            },
        )
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        emit(out, &Message::Summary(*summary))
    }
}

/// A file in the JSON document.
#[derive(Serialize)]
struct FileEntry {
    path: String,
    changed: bool,
    written: bool,
    findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

#[derive(Serialize)]
struct ErrorEntry {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    tool: &'static str,
    version: &'static str,
    files: &'a [FileEntry],
    errors: &'a [ErrorEntry],
    summary: &'a Summary,
}

/// Collects everything and writes one document at the end.
pub(super) struct JsonRenderer {
    files: Vec<FileEntry>,
    errors: Vec<ErrorEntry>,
    current: Vec<Finding>,
}

impl JsonRenderer {
    pub(super) fn new() -> Self {
        JsonRenderer {
            files: Vec::new(),
            errors: Vec::new(),
            current: Vec::new(),
        }
    }
}

impl Renderer for JsonRenderer {
    fn findings(&mut self, _out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        self.current.extend_from_slice(findings);
        Ok(())
    }

    fn file(&mut self, _out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let findings = std::mem::take(&mut self.current);
        if file.changed() {
            self.files.push(FileEntry {
                path: file.path.clone(),
                changed: true,
                written: file.written,
                findings,
                diff: file.diff.clone(),
                notes: file.notes.clone(),
            });
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, path: &str, message: &str) -> io::Result<()> {
        self.current.clear();
        self.errors.push(ErrorEntry {
            path: path.to_string(),
            message: message.to_string(),
        });
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        let document = Document {
            schema: SCHEMA_VERSION,
            tool: "mojifix",
            version: env!("CARGO_PKG_VERSION"),
            files: &self.files,
            errors: &self.errors,
            summary,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        out.write_all(b"\n")
    }
}
