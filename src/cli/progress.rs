//! The progress bar: on standard error, only when it is a terminal, and only once a
//! run has lasted [`SHOW_AFTER`]; short runs and pipes see nothing. Messages printed
//! while it shows go through [`suspend`] so they do not tear it.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Below this many files there is no bar at all.
const MIN_FILES: u64 = 2;

struct State {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
}

thread_local! {
    // The consumer runs on the main thread only, and so does all output.
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Prepares a bar for `total` files (hidden until the run is long).
pub fn start(total: u64) {
    if total < MIN_FILES || !std::io::stderr().is_terminal() {
        return;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed}") {
        bar.set_style(style);
    }
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            bar,
            started: Instant::now(),
            shown: false,
        })
    });
}

/// Counts one file done, showing the bar once the run is long.
pub fn advance() {
    STATE.with(|s| {
        if let Some(state) = s.borrow_mut().as_mut() {
            state.bar.inc(1);
            if !state.shown && state.started.elapsed() >= SHOW_AFTER {
                state.bar.set_draw_target(ProgressDrawTarget::stderr());
                state.shown = true;
            }
        }
    });
}

/// Runs `f` (which prints) with the bar out of the way.
pub fn suspend<R>(f: impl FnOnce() -> R) -> R {
    STATE.with(|s| match s.borrow().as_ref() {
        Some(state) if state.shown => state.bar.suspend(f),
        _ => f(),
    })
}

/// Removes the bar.
pub fn finish() {
    STATE.with(|s| {
        if let Some(state) = s.borrow_mut().take() {
            state.bar.finish_and_clear();
        }
    });
}
