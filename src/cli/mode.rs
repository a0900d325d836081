//! Modes: what the run does with each [`Outcome`]. Every mode consumes the same
//! value, in input order, and records per-file results in a [`Status`] that decides
//! the exit code. Adding a mode means adding a variant to [`Mode`] and a [`Consumer`].

use std::io::{self, Write};

use mojifix::decode::SourceEncoding;

use super::messages;
use super::outcome::{Body, Outcome, Piece, Source, Text};
use super::report::{self, ReportOptions, Reporter};
use super::write;

/// What happens to each file's repaired text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Print the repaired text to standard output (one input).
    Print,
    /// Write repaired files back in place and list the changes on standard output.
    Write,
    /// Report what would change (`--check`).
    Check,
    /// Print a unified diff of what would change (`--diff`).
    Diff,
    /// Explain each change (`--explain`).
    Explain,
}

impl Mode {
    /// The report mode, for the modes that render a report in a `--format`.
    pub fn report_mode(self) -> Option<mojifix::report::Mode> {
        match self {
            Mode::Write => Some(mojifix::report::Mode::Write),
            Mode::Check => Some(mojifix::report::Mode::Check),
            Mode::Diff => Some(mojifix::report::Mode::Diff),
            Mode::Print | Mode::Explain => None,
        }
    }

    /// Whether the mode prints repaired text to standard output, which only makes sense
    /// for one input.
    pub fn prints_text(self) -> bool {
        self == Mode::Print
    }
}

/// What the run remembers across files to decide the exit code.
#[derive(Debug, Default)]
pub struct Status {
    /// Inputs that could not be read, decoded or written.
    pub errors: usize,
    /// Inputs whose output differs from what was read.
    pub changed: usize,
}

impl Status {
    /// 2 when any input failed; else 1 when `--check` or `--diff` found something to
    /// change; else 0.
    pub fn exit_code(&self, mode: Mode) -> i32 {
        if self.errors > 0 {
            2
        } else if self.changed > 0 && matches!(mode, Mode::Check | Mode::Diff) {
            1
        } else {
            0
        }
    }
}

/// A failure that ends the whole run: standard output is gone.
#[derive(Debug)]
pub struct StdoutFailed(pub io::Error);

/// Consumes outcomes for one mode.
pub trait Consumer {
    /// Handles one input's outcome.
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed>;
    /// Called once after the last input.
    fn finish(&mut self) -> Result<(), StdoutFailed>;
}

/// The consumer for `mode`, writing to `out`; `report` says how reports render.
pub fn consumer<'w>(
    mode: Mode,
    report: ReportOptions,
    out: Box<dyn Write + 'w>,
) -> Box<dyn Consumer + 'w> {
    match mode {
        Mode::Print => Box::new(Print { out }),
        Mode::Write => Box::new(WriteBack {
            reporter: Reporter::new(report, out),
        }),
        Mode::Check | Mode::Diff => Box::new(Report {
            reporter: Reporter::new(report, out),
        }),
        Mode::Explain => Box::new(Explain {
            out,
            explained: false,
        }),
    }
}

/// Handles the bodies that are not text the same way in every mode: a note for a
/// skipped input, an error line and a failure count for a failed one. Returns the
/// text, if there is one.
fn text_or_report(outcome: Outcome, status: &mut Status) -> Option<(Source, Text)> {
    match outcome.body {
        Body::Text(text) => {
            messages::decoding(&outcome.source, &text.decoding);
            Some((outcome.source, text))
        }
        Body::Skipped(reason) => {
            if outcome.explicit {
                messages::note(&outcome.source, &reason);
            }
            None
        }
        Body::Failed(error) => {
            messages::error(&error);
            status.errors += 1;
            None
        }
    }
}

/// Prints repaired text to standard output.
struct Print<'w> {
    out: Box<dyn Write + 'w>,
}

impl Consumer for Print<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        let Some((source, text)) = text_or_report(outcome, status) else {
            return Ok(());
        };
        let mut changed = text.converts();
        if text.write_bom {
            self.out
                .write_all("\u{feff}".as_bytes())
                .map_err(StdoutFailed)?;
        }
        for piece in text.pieces() {
            match piece {
                Ok(piece) => {
                    messages::invalid_runs(&source, &piece.invalid_runs);
                    changed |= piece.changed();
                    self.out
                        .write_all(piece.output().as_bytes())
                        .map_err(StdoutFailed)?;
                }
                Err(error) => {
                    // A stream that fails halfway has printed part of its text; the
                    // error says so and the exit code is 2.
                    messages::error(&error);
                    status.errors += 1;
                    return Ok(());
                }
            }
        }
        if changed {
            status.changed += 1;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.out.flush().map_err(StdoutFailed)
    }
}

/// Writes repaired files back and lists the changes in the report format.
struct WriteBack<'w> {
    reporter: Reporter<'w>,
}

impl Consumer for WriteBack<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        let stamp = outcome.stamp.clone();
        if let Body::Failed(error) = &outcome.body {
            self.reporter
                .failed(&outcome.source.to_string(), &error.to_string())
                .map_err(StdoutFailed)?;
        }
        let Some((source, text)) = text_or_report(outcome, status) else {
            return Ok(());
        };
        let Some(path) = source.path() else {
            // Validation refuses `-` with --write; nothing to write back to.
            return Ok(());
        };
        let name = source.to_string();
        start_file(&mut self.reporter, &name, &text, Mode::Write);
        // Findings are reported as the pieces are repaired, so a streamed file's
        // changes never pile up in memory; if the write then fails, the error says
        // the file was not modified.
        let reporter = &mut self.reporter;
        let mut stdout_error = None;
        let result = write::write_back(path, stamp.as_ref(), text, |piece| {
            messages::invalid_runs(&source, &piece.invalid_runs);
            if stdout_error.is_none() {
                stdout_error = super::progress::suspend(|| add_piece(reporter, piece)).err();
            }
        });
        if let Some(e) = stdout_error {
            return Err(StdoutFailed(e));
        }
        match result {
            Ok(written) => {
                super::progress::suspend(|| self.reporter.end(written)).map_err(StdoutFailed)?;
                if written {
                    status.changed += 1;
                }
            }
            Err(error) => {
                messages::note(&source, &error);
                status.errors += 1;
                self.reporter
                    .failed(&name, &error.to_string())
                    .map_err(StdoutFailed)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.reporter.finish().map_err(StdoutFailed)
    }
}

/// `--check` and `--diff`: findings or diffs in the chosen format, nothing written.
struct Report<'w> {
    reporter: Reporter<'w>,
}

impl Consumer for Report<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        let name = outcome.source.to_string();
        if let Body::Failed(error) = &outcome.body {
            self.reporter
                .failed(&name, &error.to_string())
                .map_err(StdoutFailed)?;
        }
        let Some((source, text)) = text_or_report(outcome, status) else {
            return Ok(());
        };
        start_file(&mut self.reporter, &name, &text, Mode::Check);
        for piece in text.pieces() {
            match piece {
                Ok(piece) => {
                    messages::invalid_runs(&source, &piece.invalid_runs);
                    super::progress::suspend(|| add_piece(&mut self.reporter, &piece))
                        .map_err(StdoutFailed)?;
                }
                Err(error) => {
                    messages::error(&error);
                    status.errors += 1;
                    return self
                        .reporter
                        .failed(&name, &error.to_string())
                        .map_err(StdoutFailed);
                }
            }
        }
        if super::progress::suspend(|| self.reporter.end(false)).map_err(StdoutFailed)? {
            status.changed += 1;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.reporter.finish().map_err(StdoutFailed)
    }
}

/// Starts a file in the report, with the notes that concern the whole file.
fn start_file(reporter: &mut Reporter<'_>, name: &str, text: &Text, mode: Mode) {
    reporter.begin(name, (text.decoding.bom, text.write_bom));
    let would = if mode == Mode::Write { "" } else { "would be " };
    let decoding = &text.decoding;
    if decoding.encoding != SourceEncoding::Utf8 {
        reporter.note(format!(
            "{would}written as UTF-8 (was {})",
            decoding.encoding
        ));
    } else if decoding.bom && !text.write_bom {
        let removed = if mode == Mode::Write {
            "removed"
        } else {
            "would be removed"
        };
        reporter.note(format!("byte order mark {removed}"));
    }
}

/// Adds a piece's changes, and its invalid bytes (replaced in the output), to the
/// report.
fn add_piece(reporter: &mut Reporter<'_>, piece: &Piece) -> std::io::Result<()> {
    reporter.piece(
        &piece.original,
        piece.output(),
        piece.changes(),
        piece.first_line,
        piece.offset,
    )?;
    for run in &piece.invalid_runs {
        reporter.note(format!(
            "invalid UTF-8 at byte {} ({} bytes) decoded as {}",
            run.bytes.start,
            run.bytes.end - run.bytes.start,
            run.decoded_as.name()
        ));
    }
    Ok(())
}

/// `--explain`: every change spelled out.
struct Explain<'w> {
    out: Box<dyn Write + 'w>,
    /// Whether anything was explained yet (explanations are separated by a blank
    /// line, also across files).
    explained: bool,
}

impl Consumer for Explain<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        let Some((source, text)) = text_or_report(outcome, status) else {
            return Ok(());
        };
        let name = source.to_string();
        let mut changed = false;
        for piece in text.pieces() {
            match piece {
                Ok(piece) => {
                    messages::invalid_runs(&source, &piece.invalid_runs);
                    if self.explained && !piece.changes().is_empty() {
                        self.out.write_all(b"\n").map_err(StdoutFailed)?;
                    }
                    changed |= report::explain(
                        &mut *self.out,
                        &name,
                        &piece.original,
                        piece.changes(),
                        piece.first_line,
                        piece.offset,
                    )
                    .map_err(StdoutFailed)?;
                    self.explained |= changed;
                }
                Err(error) => {
                    messages::error(&error);
                    status.errors += 1;
                    return Ok(());
                }
            }
        }
        if !changed {
            messages::note(&source, &"nothing to repair");
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.out.flush().map_err(StdoutFailed)
    }
}
