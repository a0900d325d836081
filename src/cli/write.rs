//! Writing repaired files back in place, safely.
//!
//! - Atomic: the new content goes to a temporary file in the same directory, which
//!   then replaces the original by rename. A reader sees the old file or the new one,
//!   never half of either; a failure at any step (disk full, permission denied) leaves
//!   the original exactly as it was and removes the temporary file.
//! - Permissions are copied to the new file, and on Unix its owner and group; if the
//!   owner or group cannot be kept, the file is not replaced.
//! - A file whose output equals its input is not written at all (its mtime stays).
//! - A read-only file is not replaced, even where the directory would allow it.
//! - A file that changed on disk between reading and writing is not replaced: its
//!   size, mtime and (on Unix) device and inode are compared just before the rename,
//!   so a newer version renamed over it is kept even with the same size and mtime.
//!   (What happens between that check and the rename, microseconds, cannot be seen.)
//! - A signal (Ctrl-C) stops a streamed file between two pieces, see
//!   [`super::interrupt`]; the temporary file is removed and the original kept.
//! - Symbolic links are never written through: the run loop skips them in write mode.
//!   Replacing a file breaks its other hard links, which keep the old content.
//!
//! Files read whole are [`prepare`]d on the worker threads (temporary file written,
//! permissions and owner set, flushed to disk), so the slow part of writing runs in
//! parallel; the output thread only checks the original is unchanged and renames, in
//! input order. Streamed files are written by the output thread as they are read.

use std::fs::{File, Metadata};
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use tempfile::{NamedTempFile, TempPath};

use super::outcome::{Piece, Text};

/// Why a file was left as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file has no write permission.
    #[error("read-only file, not modified")]
    ReadOnly,
    /// The file's size or mtime changed after it was read.
    #[error("changed on disk while being repaired, not modified")]
    ChangedMeanwhile,
    /// A signal stopped the run before the file was replaced.
    #[error("interrupted, not modified")]
    Interrupted,
    /// The file could not be read to the end (a stream that failed halfway).
    #[error("{0}; not modified")]
    Read(mojifix::Error),
    /// A step of the write failed.
    #[error("cannot {step}: {source}; not modified")]
    Io {
        /// What was being done.
        step: &'static str,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

fn io_step(step: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    move |source| WriteError::Io { step, source }
}

/// Writes the repaired `text` of `path` back when it differs from what was read;
/// `stamp` is the file's metadata from before it was read. Calls `on_piece` for each
/// piece, in order. Returns whether the file was replaced.
pub fn write_back(
    path: &Path,
    stamp: Option<&Metadata>,
    mut text: Text,
    mut on_piece: impl FnMut(&Piece),
) -> Result<bool, WriteError> {
    if let Some(Prepared(prepared)) = text.prepared.take() {
        for piece in text.pieces() {
            on_piece(&piece.map_err(WriteError::Read)?);
        }
        commit(path, stamp, prepared?)?;
        return Ok(true);
    }
    let converts = text.converts();
    let write_bom = text.write_bom;
    // Without a conversion, every unchanged piece is written back as the very bytes
    // it was read from (UTF-8, BOM kept), so the temporary file can start at the
    // first changed piece by copying the original's bytes before it. Nothing is
    // written for a file that needs no change, whatever its size.
    let bom_len = if text.decoding.bom { 3 } else { 0 };
    let mut temp: Option<BufWriter<NamedTempFile>> = None;
    let mut changed = converts;
    for piece in text.pieces() {
        if super::interrupt::requested() {
            return Err(WriteError::Interrupted);
        }
        let piece = piece.map_err(WriteError::Read)?;
        on_piece(&piece);
        changed |= piece.changed();
        if !changed {
            continue;
        }
        let out = match temp.as_mut() {
            Some(out) => out,
            None if piece.offset == 0 => temp.insert(start_temp(path, stamp, write_bom)?),
            None => {
                let out = temp.insert(start_temp(path, stamp, false)?);
                copy_prefix(path, bom_len + piece.offset, out)?;
                out
            }
        };
        out.write_all(piece.output().as_bytes())
            .map_err(io_step("write the temporary file"))?;
    }
    match temp {
        Some(out) => {
            commit(path, stamp, seal(stamp, out)?)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Copies the first `len` bytes of the original file to the temporary file.
fn copy_prefix(
    path: &Path,
    len: u64,
    out: &mut BufWriter<NamedTempFile>,
) -> Result<(), WriteError> {
    let original = File::open(path).map_err(io_step("read the file again"))?;
    let copied =
        io::copy(&mut original.take(len), out).map_err(io_step("write the temporary file"))?;
    if copied != len {
        return Err(WriteError::ChangedMeanwhile);
    }
    Ok(())
}

/// Creates the temporary file next to `path`, after checking the file may be
/// replaced, and writes the byte order mark if the output has one.
fn start_temp(
    path: &Path,
    stamp: Option<&Metadata>,
    write_bom: bool,
) -> Result<BufWriter<NamedTempFile>, WriteError> {
    if stamp.is_some_and(|m| m.permissions().readonly()) {
        return Err(WriteError::ReadOnly);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".mojifix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_step("create a temporary file"))?;
    let mut out = BufWriter::with_capacity(1 << 16, temp);
    if write_bom {
        out.write_all("\u{feff}".as_bytes())
            .map_err(io_step("write the temporary file"))?;
    }
    Ok(out)
}

/// The new content of a file read whole, already in its temporary file (or why it
/// could not be written there), waiting to replace the original.
#[derive(Debug)]
pub struct Prepared(Result<TempPath, WriteError>);

/// Writes the repaired text of a file read whole to a temporary file beside it, when
/// it differs from what was read; `None` when there is nothing to write.
pub fn prepare(path: &Path, stamp: &Metadata, text: &Text) -> Option<Prepared> {
    let piece = text.whole_piece()?;
    if !(text.converts() || piece.changed()) {
        return None;
    }
    let written = start_temp(path, Some(stamp), text.write_bom).and_then(|mut out| {
        out.write_all(piece.output().as_bytes())
            .map_err(io_step("write the temporary file"))?;
        seal(Some(stamp), out)
    });
    Some(Prepared(written))
}

/// Flushes the temporary file and gives it the original's permissions and owner.
/// The file handle is closed; the path still deletes the file when dropped.
fn seal(stamp: Option<&Metadata>, out: BufWriter<NamedTempFile>) -> Result<TempPath, WriteError> {
    let temp = out.into_inner().map_err(|e| WriteError::Io {
        step: "write the temporary file",
        source: e.into_error(),
    })?;
    let file = temp.as_file();
    if let Some(meta) = stamp {
        file.set_permissions(meta.permissions())
            .map_err(io_step("copy permissions"))?;
        keep_owner(file, meta)?;
    }
    file.sync_all().map_err(io_step("flush to disk"))?;
    Ok(temp.into_temp_path())
}

/// Renames the temporary file over the original, after checking the original did not
/// change since it was read.
fn commit(path: &Path, stamp: Option<&Metadata>, temp: TempPath) -> Result<(), WriteError> {
    test_hook_before_rename();
    if let Some(before) = stamp {
        let now = std::fs::metadata(path).map_err(io_step("check the file again"))?;
        if now.len() != before.len()
            || now.modified().ok() != before.modified().ok()
            || !same_file(&now, before)
        {
            return Err(WriteError::ChangedMeanwhile);
        }
    }
    temp.persist(path).map_err(|e| WriteError::Io {
        step: "replace the file",
        source: e.error,
    })?;
    Ok(())
}

/// Whether two stats are of the same file (not another one renamed into its place).
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &Metadata, _b: &Metadata) -> bool {
    true
}

/// Fault injection for `tests/robust_write.rs`, in debug builds only: with
/// `MOJIFIX_TEST_HOOK_BEFORE_RENAME=<path>`, creates `<path>.ready` and waits (up to a
/// minute) for `<path>.go` before checking and renaming, so a test can replace or
/// remove the file in between. Release builds compile it to nothing.
fn test_hook_before_rename() {
    #[cfg(debug_assertions)]
    if let Some(hook) = std::env::var_os("MOJIFIX_TEST_HOOK_BEFORE_RENAME") {
        let hook = Path::new(&hook);
        let _ = File::create(hook.with_extension("ready"));
        let go = hook.with_extension("go");
        for _ in 0..6000 {
            if go.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Gives the new file the original's owner and group. Changing the owner needs
/// privileges, so only what differs is changed.
#[cfg(unix)]
fn keep_owner(file: &File, original: &Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let current = file
        .metadata()
        .map_err(io_step("read the temporary file"))?;
    let uid = (current.uid() != original.uid()).then_some(original.uid());
    let gid = (current.gid() != original.gid()).then_some(original.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, uid, gid).map_err(io_step("keep the owner and group"))
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: &Metadata) -> Result<(), WriteError> {
    Ok(())
}
