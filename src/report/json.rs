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

#[derive(Serialize)]
struct ErrorEntry {
    path: String,
    message: String,
}

/// The end of a file's entry in the JSON document, after its findings.
#[derive(Serialize)]
struct FileTail<'a> {
    changed: bool,
    written: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// Writes the JSON document as the run goes, one finding per line, so that memory
/// does not grow with the number of findings: the header when the first thing is
/// written, each file's entry opened at its first finding and closed at its end, the
/// errors and the summary last. (Object keys come in the order they are known; JSON
/// gives key order no meaning.)
pub(super) struct JsonRenderer {
    header_written: bool,
    files_written: usize,
    /// Findings written in the open file entry, if one is open.
    open_file: Option<usize>,
    errors: Vec<ErrorEntry>,
}

impl JsonRenderer {
    pub(super) fn new() -> Self {
        JsonRenderer {
            header_written: false,
            files_written: 0,
            open_file: None,
            errors: Vec::new(),
        }
    }

    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            write!(
                out,
                "{{\"schema\":{SCHEMA_VERSION},\"tool\":\"mojifix\",\"version\":{},\"files\":[",
                serde_json::to_string(env!("CARGO_PKG_VERSION"))?
            )?;
            self.header_written = true;
        }
        Ok(())
    }

    fn open_file(&mut self, out: &mut dyn Write, path: &str) -> io::Result<()> {
        self.header(out)?;
        if self.open_file.is_none() {
            let comma = if self.files_written > 0 { "," } else { "" };
            write!(
                out,
                "{comma}\n{{\"path\":{},\"findings\":[",
                serde_json::to_string(path)?
            )?;
            self.open_file = Some(0);
        }
        Ok(())
    }

    fn close_file(&mut self, out: &mut dyn Write, tail: &FileTail<'_>) -> io::Result<()> {
        if self.open_file.take().is_some() {
            let tail = serde_json::to_string(tail)?;
            // `tail` is an object; its members continue the entry.
            write!(out, "\n],{}", &tail[1..])?;
            self.files_written += 1;
        }
        Ok(())
    }
}

impl Renderer for JsonRenderer {
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        let Some(first) = findings.first() else {
            return Ok(());
        };
        self.open_file(out, &first.path)?;
        for finding in findings {
            let written = self.open_file.as_mut().expect("opened above");
            out.write_all(if *written == 0 { b"\n" } else { b",\n" })?;
            *written += 1;
            serde_json::to_writer(&mut *out, finding)?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if !file.changed() {
            return Ok(());
        }
        self.open_file(out, &file.path)?;
        let tail = FileTail {
            changed: true,
            written: file.written,
            diff: file.diff.as_deref(),
            notes: &file.notes,
        };
        self.close_file(out, &tail)
    }

    fn error(&mut self, out: &mut dyn Write, path: &str, message: &str) -> io::Result<()> {
        // A stream that fails halfway has an open entry: close it with what it had.
        let tail = FileTail {
            changed: true,
            written: false,
            diff: None,
            notes: &[],
        };
        self.close_file(out, &tail)?;
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
        self.header(out)?;
        write!(
            out,
            "\n],\"errors\":{},\"summary\":{}}}\n",
            serde_json::to_string(&self.errors)?,
            serde_json::to_string(summary)?
        )
    }
}
