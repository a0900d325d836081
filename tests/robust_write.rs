//! Faults during `--write`, through the real binary: a real full disk (a 1 MiB tmpfs),
//! a file replaced or removed between reading and renaming, and SIGINT in the middle
//! of a batch. In every case each file is either its old bytes or its whole new
//! content, the error names the file, and no temporary file is left behind.
//!
//! The replaced/removed cases need a window between reading and renaming: debug
//! builds of the binary honour `MOJIFIX_TEST_HOOK_BEFORE_RENAME=<path>` (see
//! `src/cli/write.rs`): before each rename they create `<path>.ready` and wait for
//! `<path>.go`. Release builds ignore it.
//!
//! The tmpfs case needs `mount` (root, and a kernel and container that allow it); it
//! is skipped with a printed reason otherwise.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::bin;

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("robust_write", name)
}

/// Every `.mojifix-*.tmp` file under `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temp_files(&path));
        } else if entry.file_name().to_string_lossy().starts_with(".mojifix-") {
            found.push(path);
        }
    }
    found
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Kills the child if the test fails before waiting for it.
struct Reaper(Option<Child>);

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts mojifix with `args` in `dir`, its error output piped; returns it (killed if
/// the test fails) and its process id for `kill`.
fn spawn_in(dir: &Path, args: &[&str]) -> (Reaper, String) {
    let child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    (Reaper(Some(child)), pid)
}

/// Starts `mojifix -w file` with the rename hook, waits until it is about to rename,
/// lets `meddle` act on the file, then lets it go on. Returns its exit code and
/// standard error.
fn write_with_meddling(dir: &Path, file: &str, meddle: impl FnOnce(&Path)) -> (i32, String) {
    let hook = dir.join("hook");
    let child = bin()
        .args(["-w", file])
        .current_dir(dir)
        .env("MOJIFIX_TEST_HOOK_BEFORE_RENAME", &hook)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reaper = Reaper(Some(child));
    let ready = hook.with_extension("ready");
    wait_for("the rename hook", Duration::from_secs(60), || {
        ready.exists()
    });
    meddle(&dir.join(file));
    fs::write(hook.with_extension("go"), "").unwrap();
    let output = reaper.0.take().unwrap().wait_with_output().unwrap();
    let _ = fs::remove_file(&ready);
    let _ = fs::remove_file(hook.with_extension("go"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const GARBLED: &str = "Un cafÃ© noir, s'il vous plaÃ®t.\n";
const REPAIRED: &str = "Un café noir, s'il vous plaît.\n";

#[test]
fn a_file_renamed_over_before_the_rename_is_not_clobbered() {
    let dir = scratch("renamed_over");
    fs::write(dir.join("a.txt"), GARBLED).unwrap();
    // The newer version has the same size and the same mtime as the one read: only
    // its identity (inode) tells it apart.
    let newer = GARBLED.replace("noir", "bleu");
    let (code, err) = write_with_meddling(&dir, "a.txt", |path| {
        let mtime = fs::metadata(path).unwrap().modified().unwrap();
        let other = path.with_file_name("newer.txt");
        fs::write(&other, &newer).unwrap();
        fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        fs::rename(&other, path).unwrap();
    });
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("mojifix: a.txt: changed on disk while being repaired, not modified"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), newer);
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

#[test]
fn a_file_rewritten_with_other_content_is_not_clobbered() {
    let dir = scratch("rewritten");
    fs::write(dir.join("a.txt"), GARBLED).unwrap();
    let (code, err) = write_with_meddling(&dir, "a.txt", |path| {
        fs::write(path, "new content from an editor\n").unwrap();
    });
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("mojifix: a.txt: changed on disk"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.join("a.txt")).unwrap(),
        "new content from an editor\n"
    );
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

#[test]
fn a_file_removed_before_the_rename_is_not_brought_back() {
    let dir = scratch("removed");
    fs::write(dir.join("a.txt"), GARBLED).unwrap();
    let (code, err) = write_with_meddling(&dir, "a.txt", |path| {
        fs::remove_file(path).unwrap();
    });
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("mojifix: a.txt: "), "{err}");
    assert!(err.contains("not modified"), "{err}");
    assert!(!dir.join("a.txt").exists(), "the removed file came back");
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

#[test]
fn without_meddling_the_hooked_write_goes_through() {
    // The hook itself changes nothing: guards the tests above against passing only
    // because the hook broke writing.
    let dir = scratch("hook_alone");
    fs::write(dir.join("a.txt"), GARBLED).unwrap();
    let (code, err) = write_with_meddling(&dir, "a.txt", |_| {});
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), REPAIRED);
}

/// Unmounts the tmpfs when the test ends, however it ends.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_every_file_intact() {
    let dir = scratch("tmpfs");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&dir)
        .output();
    match mounted {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            eprintln!(
                "skipped: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("skipped: cannot run mount ({e})");
            return;
        }
    }
    let _mount = Mount(dir.clone());
    // 700 KB to repair on a 1 MiB file system: the temporary copy cannot fit.
    let big = GARBLED.repeat(700_000 / GARBLED.len());
    fs::write(dir.join("big.txt"), &big).unwrap();
    fs::write(dir.join("small.txt"), GARBLED).unwrap();
    let output = bin()
        .args(["-w", "big.txt", "small.txt"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mojifix: big.txt: cannot write the temporary file: No space left on device"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(dir.join("big.txt")).unwrap(), big);
    // The run went on, and the small file fits.
    assert_eq!(fs::read_to_string(dir.join("small.txt")).unwrap(), REPAIRED);
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

/// `count` files of mojibake, each a few kilobytes, with distinct contents.
fn batch_of_files(dir: &Path, count: usize) -> Vec<(PathBuf, String, String)> {
    let mut files = Vec::new();
    for i in 0..count {
        let old = format!("file {i}\n{}", GARBLED.repeat(30));
        let new = format!("file {i}\n{}", REPAIRED.repeat(30));
        let path = dir.join(format!("f{i:04}.txt"));
        fs::write(&path, &old).unwrap();
        files.push((path, old, new));
    }
    files
}

#[test]
fn sigint_in_the_middle_of_a_batch_leaves_each_file_old_or_new() {
    let dir = scratch("sigint");
    let files = batch_of_files(&dir, 600);
    let (mut reaper, pid) = spawn_in(&dir, &["-w", "-j", "2", "."]);
    // Interrupt once the first files are written, so the batch is under way.
    wait_for("the first written file", Duration::from_secs(120), || {
        files
            .iter()
            .take(8)
            .any(|(path, _, new)| fs::read_to_string(path).is_ok_and(|text| &text == new))
    });
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let output = reaper.0.take().unwrap().wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    let (mut old, mut new) = (0, 0);
    for (path, before, after) in &files {
        let text = fs::read_to_string(path).unwrap();
        if &text == before {
            old += 1;
        } else if &text == after {
            new += 1;
        } else {
            panic!(
                "{} is neither old nor new: {:?}",
                path.display(),
                &text[..80]
            );
        }
    }
    let left = temp_files(&dir);
    assert!(
        left.is_empty(),
        "{} temporary files left, e.g. {:?}",
        left.len(),
        &left[..left.len().min(3)]
    );
    assert!(
        new > 0 && old > 0,
        "not interrupted mid-batch: {new} new, {old} old"
    );
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(err.contains("mojifix: interrupted"), "{err}");
}

#[test]
fn sigint_while_a_big_file_streams_keeps_the_original() {
    // Over 8 MiB, so the file is repaired as a stream and written piece by piece
    // by the output thread; the signal stops it between two pieces.
    let dir = scratch("sigint_stream");
    // One garbled line in twenty: each 1 MiB piece takes about a second to repair
    // in a debug build, so the run is still going when the signal comes.
    let block = format!(
        "{}Un cafÃ© noir, s'il vous plaÃ®t, et une crÃ¨me brÃ»lÃ©e pour finir.\n",
        "Un café noir, s'il vous plaît, et une crème brûlée pour finir.\n".repeat(19)
    );
    let original = block.repeat((9 << 20) / block.len() + 1);
    let path = dir.join("big.txt");
    fs::write(&path, &original).unwrap();
    let (mut reaper, pid) = spawn_in(&dir, &["-w", "big.txt"]);
    wait_for("the temporary file", Duration::from_secs(120), || {
        !temp_files(&dir).is_empty()
    });
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let output = reaper.0.take().unwrap().wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(
        err.contains("mojifix: big.txt: interrupted, not modified"),
        "{err}"
    );
    assert!(
        fs::read_to_string(&path).unwrap() == original,
        "the original changed"
    );
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}
