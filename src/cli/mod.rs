//! The binary's modules: [`args`] parses and validates flags into a plan, [`read`]
//! turns each input into an [`outcome::Outcome`] (read, decoded, repaired), and the
//! [`mode`] consumes the outcomes in input order: prints them, or writes them back
//! ([`write`]) listing the [`changes`].
//!
//! Exit codes: 0 success, 2 error. A closed stdout (`mojifix file | head`) is success.

mod args;
mod changes;
mod messages;
mod mode;
mod outcome;
mod read;
mod write;

use std::io::{self, ErrorKind};

use clap::Parser;

use args::Args;
use mode::{Status, StdoutFailed};
use outcome::Source;

/// Runs the command and returns the exit code.
pub fn run() -> i32 {
    let plan = match Args::parse().validate() {
        Ok(plan) => plan,
        Err(e) => {
            messages::error(&e);
            return 2;
        }
    };
    let stdout = io::stdout();
    let out = Box::new(io::BufWriter::new(stdout.lock()));
    let mut consumer = mode::consumer(plan.mode, out);
    let mut status = Status::default();
    let result = plan
        .inputs
        .iter()
        .map(|arg| read::outcome(Source::from_arg(arg), &plan))
        .try_for_each(|outcome| consumer.consume(outcome, &mut status))
        .and_then(|()| consumer.finish());
    match result {
        Ok(()) => status.exit_code(plan.mode),
        Err(StdoutFailed(e)) if e.kind() == ErrorKind::BrokenPipe => 0,
        Err(StdoutFailed(e)) => {
            messages::error(&format_args!("<stdout>: {e}"));
            2
        }
    }
}
