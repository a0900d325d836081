//! Helpers shared by the integration tests that run the real binary.
// Each test crate compiles this module and uses only some of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The `mojifix` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mojifix"))
}

/// A fresh, empty directory for test `name` of suite `suite`, under the target
/// directory.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(suite)
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `command` with `stdin` fed from another thread, so that large inputs cannot
/// deadlock against a full stdout pipe, and collects its output. A run that stops
/// early (a usage error, `--help`) may close stdin first; that is not an error.
pub fn feed(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mojifix");
    let mut pipe = child.stdin.take().expect("stdin pipe");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for mojifix");
    writer.join().expect("stdin writer thread");
    output
}
