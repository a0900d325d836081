//! Turning one input into an [`Outcome`]: checks what the path is, then reads it
//! whole (small files) or opens it as a stream (standard input, big files).

use std::fs::{File, Metadata};
use std::io::Read;

use mojifix::input::{self, TextStream};
use mojifix::Error;

use super::args::Plan;
use super::mode::Mode;
use super::outcome::{Body, Outcome, Source, Text, Workers};
use super::write;

/// Files up to this size are read whole; larger ones are streamed, so memory stays
/// bounded. Parallel workers read small files whole, so this also bounds what each
/// holds.
pub const STREAM_ABOVE_BYTES: u64 = 8 << 20;

/// Reads, decodes and repairs one input (a stream is repaired as the mode reads it).
pub fn outcome(source: Source, explicit: bool, plan: &Plan, workers: &Workers) -> Outcome {
    let (body, stamp) = match &source {
        Source::Stdin => (stdin_body(plan, workers), None),
        Source::File(path) => match file_metadata(path, plan.mode) {
            Ok(meta) => (file_body(path, &meta, plan, workers), Some(meta)),
            Err(body) => (body, None),
        },
    };
    Outcome {
        source,
        body,
        stamp,
        explicit,
    }
}

fn stdin_body(plan: &Plan, workers: &Workers) -> Body {
    let reader: Box<dyn Read + Send> = Box::new(std::io::stdin());
    match TextStream::new(reader, "<stdin>".into(), plan.encoding) {
        Ok(stream) => Body::Text(Text::stream(
            stream,
            &plan.settings,
            plan.strip_bom,
            Some(workers.clone()),
        )),
        Err(e) => Body::from_error(e),
    }
}

/// What the path is, without following a symbolic link in write mode (see
/// `write.rs`). In write mode anything but a regular file ends here; printing also
/// reads pipes and devices.
fn file_metadata(path: &std::path::Path, mode: Mode) -> Result<Metadata, Body> {
    let io_failure = |source| {
        Body::Failed(Error::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let link = std::fs::symlink_metadata(path).map_err(io_failure)?;
    if link.file_type().is_symlink() && mode == Mode::Write {
        let to_dir = std::fs::metadata(path).is_ok_and(|meta| meta.is_dir());
        return Err(Body::Skipped(if to_dir {
            "symbolic link to a directory, not followed with --write (name the directory it points to)".into()
        } else {
            "symbolic link, not followed with --write (name the file it points to)".into()
        }));
    }
    let meta = std::fs::metadata(path).map_err(io_failure)?;
    if meta.is_dir() {
        return Err(Body::Failed(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(
                "is a directory (use --write to repair a directory tree)",
            ),
        }));
    }
    if !meta.is_file() && mode == Mode::Write {
        return Err(Body::Skipped(
            "not a regular file, cannot be replaced in place".into(),
        ));
    }
    Ok(meta)
}

fn file_body(path: &std::path::Path, meta: &Metadata, plan: &Plan, workers: &Workers) -> Body {
    // Pipes and devices (`mojifix <(command)`) have no size worth trusting: stream.
    if meta.is_file() && meta.len() <= STREAM_ABOVE_BYTES {
        return match input::read_file(path, plan.encoding) {
            Ok(decoded) => {
                let mut text = Text::whole(decoded, &plan.settings, plan.strip_bom, Some(workers));
                if plan.mode == Mode::Write {
                    // Written here, on a worker thread; renamed in output order.
                    text.prepared = write::prepare(path, meta, &text);
                }
                Body::Text(text)
            }
            Err(e) => Body::from_error(e),
        };
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(source) => {
            return Body::Failed(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let reader: Box<dyn Read + Send> = Box::new(file);
    match TextStream::new(reader, path.to_path_buf(), plan.encoding) {
        Ok(stream) => Body::Text(Text::stream(
            stream,
            &plan.settings,
            plan.strip_bom,
            Some(workers.clone()),
        )),
        Err(e) => Body::from_error(e),
    }
}
