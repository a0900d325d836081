//! Modes: what the run does with each [`Outcome`]. Every mode consumes the same
//! value, in input order, and records per-file failures in a [`Status`] that decides
//! the exit code. Adding a mode means adding a variant to [`Mode`] and a [`Consumer`].

use std::io::{self, Write};

use super::messages;
use super::outcome::{Body, Outcome};

/// What happens to each file's repaired text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Print the repaired text to standard output.
    Print,
}

/// What the run remembers across files to decide the exit code.
#[derive(Debug, Default)]
pub struct Status {
    /// Inputs that could not be read, decoded or written.
    pub errors: usize,
    /// Inputs whose repaired text differs from what was read.
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
    }
}

/// Prints repaired text to standard output.
struct Print<'w> {
    out: Box<dyn Write + 'w>,
}

impl Consumer for Print<'_> {
    fn consume(&mut self, outcome: Outcome, status: &mut Status) -> Result<(), StdoutFailed> {
        match outcome.body {
            Body::Text(text) => {
                if text.changed() {
                    status.changed += 1;
                }
                self.out
                    .write_all(text.fixed.text().as_bytes())
                    .map_err(StdoutFailed)
            }
            Body::Failed(error) => {
                messages::error(&error);
                status.errors += 1;
                Ok(())
            }
        }
    }

    fn finish(&mut self) -> Result<(), StdoutFailed> {
        self.out.flush().map_err(StdoutFailed)
    }
}
