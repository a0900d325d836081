//! Modes: what the run does with each [`Outcome`]. Every mode consumes the same
//! value, in input order, and records per-file results in a [`Status`] that decides
//! the exit code. Adding a mode means adding a variant to [`Mode`] and a [`Consumer`].

use std::io::{self, Write};

use super::changes;
use super::messages;
use super::outcome::{Body, Outcome, Source, Text};
use super::write;

/// What happens to each file's repaired text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Print the repaired text to standard output (one input).
    Print,
    /// Write repaired files back in place and list the changes on standard output.
    Write,
}

impl Mode {
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
    /// 2 when any input failed, else 0 (the check and diff modes will add 1).
    pub fn exit_code(&self, _mode: Mode) -> i32 {
        if self.errors > 0 {
            2
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

/// The consumer for `mode`, writing to `out`.
pub fn consumer<'w>(mode: Mode, out: Box<dyn Write + 'w>) -> Box<dyn Consumer + 'w> {
    match mode {
        Mode::Print => Box::new(Print { out }),
        Mode::Write => Box::new(WriteBack { out }),
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
                        .write_all(piece.fixed.text().as_bytes())
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

/// Writes repaired files back and lists the changes on standard output.
struct WriteBack<'w> {
    out: Box<dyn Write + 'w>,
}

impl Consumer for WriteBack<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        let stamp = outcome.stamp.clone();
        let Some((source, text)) = text_or_report(outcome, status) else {
            return Ok(());
        };
        let Some(path) = source.path() else {
            // Validation refuses `-` with --write; nothing to write back to.
            return Ok(());
        };
        // The listing is printed as the pieces are repaired, so a streamed file's
        // changes never pile up in memory; if the write then fails, the error says
        // the file was not modified.
        let mut listing = Vec::new();
        changes::conversion(&mut listing, &source, &text);
        let mut stdout_error = None;
        let out = &mut self.out;
        let result = write::write_back(path, stamp.as_ref(), text, |piece| {
            messages::invalid_runs(&source, &piece.invalid_runs);
            changes::list(&mut listing, &source, piece);
            if stdout_error.is_none() {
                stdout_error = super::progress::suspend(|| out.write_all(&listing)).err();
            }
            listing.clear();
        });
        if let Some(e) = stdout_error {
            return Err(StdoutFailed(e));
        }
        match result {
            Ok(true) => status.changed += 1,
            Ok(false) => {}
            Err(error) => {
                messages::note(&source, &error);
                status.errors += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.out.flush().map_err(StdoutFailed)
    }
}
