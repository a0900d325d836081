//! Messages on standard error, one line each: `mojifix: <path>: <problem>`.

use std::fmt::Display;

use mojifix::decode::{Decoding, InvalidRun, SourceEncoding};

use super::outcome::Source;
use super::progress;

/// At most this many stray invalid runs are listed per input; the rest are counted.
const MAX_RUNS_LISTED: usize = 10;

/// Reports an error that makes the run exit 2. The library's errors name the file.
pub fn error(error: &dyn Display) {
    progress::suspend(|| eprintln!("mojifix: {error}"));
}

/// Reports something about one input: a skip, or a failure in write mode.
pub fn note(source: &Source, message: &dyn Display) {
    progress::suspend(|| eprintln!("mojifix: {source}: {message}"));
}

/// Says what an input was decoded as, when it was not plain UTF-8.
pub fn decoding(source: &Source, decoding: &Decoding) {
    if decoding.encoding == SourceEncoding::Utf8 {
        return;
    }
    let how = if decoding.bom {
        " (byte order mark)"
    } else if decoding.detected {
        " (detected)"
    } else {
        ""
    };
    note(
        source,
        &format_args!("decoded as {}{how}", decoding.encoding),
    );
}

/// Lists stray invalid runs of a UTF-8 input with their byte offsets.
pub fn invalid_runs(source: &Source, runs: &[InvalidRun]) {
    for run in runs.iter().take(MAX_RUNS_LISTED) {
        note(
            source,
            &format_args!(
                "invalid UTF-8 at byte {} ({} bytes), decoded as {}",
                run.bytes.start,
                run.bytes.end - run.bytes.start,
                run.decoded_as.name()
            ),
        );
    }
    if runs.len() > MAX_RUNS_LISTED {
        note(
            source,
            &format_args!("{} more invalid UTF-8 runs", runs.len() - MAX_RUNS_LISTED),
        );
    }
}
