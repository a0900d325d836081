//! Ctrl-C (SIGINT), SIGTERM and SIGHUP during `--write`.
//!
//! Killed outright, the binary would leave the temporary files of the files being
//! prepared behind (`.mojifix-*.tmp`, hundreds in a big batch): `tempfile` removes
//! them on drop, and a signal does not drop anything. So in write mode the first
//! signal only sets a flag: no new file is started, files already prepared but not
//! yet renamed are dropped (which removes their temporary files), a streamed file
//! stops between two pieces, and the run exits 130. A rename is never cut in two, so
//! every file is either its old bytes or its whole new content. A second signal
//! exits at once (temporary files may then be left).
//!
//! The other modes write nothing and keep the default behaviour of signals.

use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code after an interruption, as shells report a process killed by SIGINT.
pub const EXIT_CODE: i32 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler. If one cannot be installed, signals keep their default
/// effect: that loses temporary files, never data.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_CODE);
        }
    });
}

/// Whether a signal asked the run to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
