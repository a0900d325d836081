//! Messages on standard error, one line each: `mojifix: <path>: <problem>`.

use std::fmt::Display;

/// Reports an error that makes the run exit 2. The library's errors name the file.
pub fn error(error: &dyn Display) {
    eprintln!("mojifix: {error}");
}
