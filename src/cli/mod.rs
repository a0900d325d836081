//! The binary's modules: [`args`] parses and validates flags into a plan, [`walk`]
//! lists the files, [`read`] turns each into an [`outcome::Outcome`] (read, decoded,
//! repaired; in parallel), and the [`mode`] consumes the outcomes in input order:
//! prints them, writes them back ([`write`]), or reports them ([`report`]).
//!
//! Exit codes: 0 success; 1 when `--check` or `--diff` found something to change; 2
//! error. A closed stdout (`mojifix file | head`) is success.

mod args;
mod interrupt;
mod jsonl;
mod messages;
mod mode;
mod outcome;
mod progress;
mod read;
mod report;
mod walk;
mod write;

use std::io::{self, ErrorKind};
use std::sync::mpsc;

use clap::Parser;
use rayon::prelude::*;

use args::{Args, Plan};
use mode::{Consumer, Status, StdoutFailed};
use outcome::{Body, Outcome, Source, Workers};
use walk::{Input, WalkError};

/// Most files read ahead of the output in one batch.
const BATCH_FILES: usize = 256;

/// Most bytes (by file size) read ahead of the output in one batch. With the batch
/// being output and the one waiting, at most about three batches are in memory.
const BATCH_BYTES: u64 = 32 << 20;

/// Runs the command and returns the exit code.
pub fn run() -> i32 {
    let args = Args::parse();
    if let Some(what) = args.generated() {
        return match args::write_generated(what, &mut io::stdout().lock()) {
            Ok(()) => 0,
            Err(e) if e.kind() == ErrorKind::BrokenPipe => 0,
            Err(e) => {
                messages::error(&format_args!("<stdout>: {e}"));
                2
            }
        };
    }
    let plan = match args.validate() {
        Ok(plan) => plan,
        Err(e) => {
            messages::error(&e);
            return 2;
        }
    };
    if let Some(jsonl) = &plan.jsonl {
        return jsonl::run(
            &plan.inputs[0],
            jsonl,
            plan.mode,
            plan.report.format,
            &plan.settings.config,
            plan.jobs,
        );
    }
    let inputs = if plan.mode.prints_text() {
        // One input, read as named (a directory is an error there, not a walk).
        let arg = &plan.inputs[0];
        vec![Ok(Input {
            source: Source::from_arg(arg),
            explicit: true,
            size: 0,
        })]
    } else {
        walk::inputs(&plan.inputs, &plan.filters, plan.mode == mode::Mode::Write)
    };
    let inputs = selected(inputs, &plan);
    if plan.mode == mode::Mode::Write {
        interrupt::install();
    }
    let stdout = io::stdout();
    let out = Box::new(io::BufWriter::new(stdout.lock()));
    let mut consumer = mode::consumer(plan.mode, plan.report, out);
    let mut status = Status::default();
    let result =
        process(&plan, inputs, consumer.as_mut(), &mut status).and_then(|()| consumer.finish());
    progress::finish();
    if interrupt::requested() {
        messages::error(&format_args!(
            "interrupted: {} files written before the signal, the rest left as they were",
            status.changed
        ));
        return interrupt::EXIT_CODE;
    }
    match result {
        Ok(()) => status.exit_code(plan.mode),
        Err(StdoutFailed(e)) if e.kind() == ErrorKind::BrokenPipe => 0,
        Err(StdoutFailed(e)) => {
            messages::error(&format_args!("<stdout>: {e}"));
            2
        }
    }
}

/// Reads and repairs the inputs in parallel batches on a producer thread while the
/// consumer handles the previous batch, in input order; a single input on this
/// thread (its stream chunks or long runs of lines still on the pool).
fn process(
    plan: &Plan,
    inputs: Vec<Result<Input, WalkError>>,
    consumer: &mut dyn Consumer,
    status: &mut Status,
) -> Result<(), StdoutFailed> {
    // A stream (standard input, a big file) is repaired by chunks on the same pool,
    // while its consumer writes the chunks before it.
    let workers = Workers::new(plan.jobs);
    progress::start(inputs.len() as u64);
    if let [_] = inputs.as_slice() {
        // One input: read and repaired on this thread, which starting the pool and a
        // producer for it would only delay (a pre-commit hook's run over one file).
        for input in inputs {
            let outcome = outcome_of(input, plan, &workers);
            consumer.consume(outcome, status)?;
            progress::advance();
        }
        return Ok(());
    }
    let pool = match workers.pool() {
        Ok(pool) => pool,
        Err(e) => {
            messages::error(&format_args!("cannot start worker threads: {e}"));
            status.errors += 1;
            return Ok(());
        }
    };
    let batches = batches(inputs);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<Outcome>>(1);
        let workers = &workers;
        scope.spawn(move || {
            for batch in batches {
                let outcomes = pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|input| outcome_of(input, plan, workers))
                        .collect::<Vec<_>>()
                });
                if sender.send(outcomes).is_err() {
                    // The consumer stopped (stdout closed): no more work.
                    return;
                }
            }
        });
        for outcomes in receiver {
            for outcome in outcomes {
                if interrupt::requested() {
                    // Dropping the outcomes left removes their temporary files; the
                    // closed channel stops the producer.
                    return Ok(());
                }
                consumer.consume(outcome, status)?;
                progress::advance();
            }
        }
        Ok(())
    })
}

/// Splits inputs into batches of at most [`BATCH_FILES`] files and about
/// [`BATCH_BYTES`] bytes.
fn batches(inputs: Vec<Result<Input, WalkError>>) -> Vec<Vec<Result<Input, WalkError>>> {
    let mut batches = Vec::new();
    let mut current = Vec::new();
    let mut bytes = 0u64;
    for input in inputs {
        let size = input
            .as_ref()
            .map_or(0, |i| i.size.min(read::STREAM_ABOVE_BYTES));
        if !current.is_empty() && (current.len() >= BATCH_FILES || bytes + size > BATCH_BYTES) {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(input);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

fn outcome_of(input: Result<Input, WalkError>, plan: &Plan, workers: &Workers) -> Outcome {
    if interrupt::requested() {
        // Not read: the consumer stops at the first outcome after the signal.
        let path = match input {
            Ok(input) => input.source.path().map(Into::into).unwrap_or_default(),
            Err((path, _)) => path,
        };
        return Outcome {
            source: Source::File(path.clone()),
            body: Body::Failed(mojifix::Error::Io {
                path,
                source: io::Error::from(ErrorKind::Interrupted),
            }),
            stamp: None,
            explicit: false,
        };
    }
    match input {
        Ok(input) => read::outcome(input.source, input.explicit, plan, workers),
        Err((path, message)) => Outcome {
            source: Source::File(path.clone()),
            body: Body::Failed(mojifix::Error::Io {
                path,
                source: io::Error::other(message),
            }),
            stamp: None,
            explicit: false,
        },
    }
}

/// The inputs the settings file's `include` and `exclude` let through. They apply to
/// files named on the command line too: that is how pre-commit passes files, and a
/// project's list of intentional mojibake files must hold for its hooks.
fn selected(inputs: Vec<Result<Input, WalkError>>, plan: &Plan) -> Vec<Result<Input, WalkError>> {
    inputs
        .into_iter()
        .filter(|input| match input {
            Ok(Input {
                source: Source::File(path),
                ..
            }) => plan.settings.selects(path),
            _ => true,
        })
        .collect()
}
