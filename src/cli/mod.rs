//! The binary's modules: [`args`] parses and validates flags into a plan, the run loop
//! here reads and repairs each input into an [`outcome::Outcome`], and the [`mode`]
//! consumes the outcomes in input order.
//!
//! Exit codes: 0 success, 2 error. A closed stdout (`mojifix file | head`) is success.

mod args;
mod messages;
mod mode;
mod outcome;

use std::io::{self, ErrorKind};

use clap::Parser;
use mojifix::input;

use args::{Args, Plan};
use mode::{Status, StdoutFailed};
use outcome::{Body, Outcome, Source, Text};

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
        .map(|arg| read_outcome(Source::from_arg(arg), &plan))
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

/// Reads, decodes and repairs one input.
fn read_outcome(source: Source, plan: &Plan) -> Outcome {
    let path = source.path().unwrap_or(std::path::Path::new("-"));
    let body = match input::read_text(path) {
        Ok(text) => Body::Text(Text::repair(text, &plan.config)),
        Err(e) => Body::Failed(e),
    };
    Outcome { source, body }
}
