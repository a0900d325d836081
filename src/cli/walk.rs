//! Which files a run reads: explicit paths as given, directories walked recursively.
//!
//! - A directory is walked with the `ignore` crate: `.gitignore` (also outside a git
//!   repository), `.ignore`, `.git/info/exclude` and the global git excludes are
//!   honored and hidden files and directories are skipped. Symbolic links are not
//!   followed, and links found in a walk are left out.
//! - A symbolic link named on the command line is read (a link to a directory is
//!   walked) in the modes that only read, as ripgrep does; with `--write` it is not
//!   followed, whether it points to a file or a directory.
//! - `--exclude GLOB` leaves out matching files and whole matching directories;
//!   `--include GLOB` keeps only matching files. A glob without `/` matches a file or
//!   directory name at any depth (`*.min.js`, `vendor`); a glob with `/` matches the
//!   path relative to the directory given (`docs/*.txt`, `**/generated/**`).
//! - A file named explicitly is read even if ignored or excluded (this is how
//!   pre-commit passes files), unless `--force-exclude`, which applies `--exclude`
//!   and `--include` to it too (matched against its name and the path as given).
//! - Order is deterministic: inputs in the order given, each directory's files sorted
//!   by path.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use super::args::UsageError;
use super::outcome::Source;

/// One input to read.
#[derive(Clone, Debug)]
pub struct Input {
    /// What to read.
    pub source: Source,
    /// Named on the command line (rather than found in a directory): skips are then
    /// reported, since the user asked for this file.
    pub explicit: bool,
    /// Size in bytes when known (to balance batches); 0 otherwise.
    pub size: u64,
}

/// Problems met while walking, as (path, message).
pub type WalkError = (PathBuf, String);

/// The `--include` / `--exclude` filters.
#[derive(Debug, Default)]
pub struct Filters {
    include: Option<GlobSets>,
    exclude: Option<GlobSets>,
    /// Apply the filters to explicitly named files too.
    pub force_exclude: bool,
}

/// Globs split by what they match: a name at any depth, or a relative path.
#[derive(Debug)]
struct GlobSets {
    names: GlobSet,
    paths: GlobSet,
}

impl GlobSets {
    fn new(globs: &[String], flag: &str) -> Result<Option<GlobSets>, UsageError> {
        if globs.is_empty() {
            return Ok(None);
        }
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for glob in globs {
            let trimmed = glob.trim_start_matches("./").trim_end_matches('/');
            let parsed =
                Glob::new(trimmed).map_err(|e| UsageError(format!("{flag} {glob:?}: {e}")))?;
            if trimmed.contains('/') {
                paths.add(parsed);
            } else {
                names.add(parsed);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| UsageError(format!("{flag}: {e}")));
        Ok(Some(GlobSets {
            names: build(names)?,
            paths: build(paths)?,
        }))
    }

    fn matches(&self, relative: &Path) -> bool {
        relative
            .file_name()
            .is_some_and(|name| self.names.is_match(name))
            || self.paths.is_match(relative)
    }
}

impl Filters {
    /// Builds the filters from the flags' globs.
    pub fn new(
        include: &[String],
        exclude: &[String],
        force_exclude: bool,
    ) -> Result<Filters, UsageError> {
        Ok(Filters {
            include: GlobSets::new(include, "--include")?,
            exclude: GlobSets::new(exclude, "--exclude")?,
            force_exclude,
        })
    }

    fn excludes(&self, relative: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.matches(relative))
    }

    /// For `--force-exclude`: an explicit file is left out when it or any directory
    /// above it (as written) is excluded, as it would have been in a walk.
    fn includes_explicit(&self, path: &Path) -> bool {
        self.includes_file(path)
            && !path
                .ancestors()
                .skip(1)
                .any(|dir| !dir.as_os_str().is_empty() && self.excludes(dir))
    }

    fn includes_file(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(relative)) && !self.excludes(relative)
    }
}

/// Lists the inputs for the paths given, walking directories; problems met on the
/// way (unreadable directories) are returned beside them, in order.
///
/// With `write`, a symbolic link named on the command line is never followed, to a
/// directory (even written `link/`) as to a file: it is passed on as a file, which the
/// reader then skips with a note. Otherwise `mojifix -w *` would write through every
/// link the shell expands, out of the tree that `mojifix -w .` keeps to.
pub fn inputs(args: &[PathBuf], filters: &Filters, write: bool) -> Vec<Result<Input, WalkError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(Input {
                source: Source::Stdin,
                explicit: true,
                size: 0,
            }));
        } else if let Some(link) = write.then(|| named_link(arg)).flatten() {
            if !filters.force_exclude || filters.includes_explicit(&clean(&link)) {
                out.push(Ok(Input {
                    source: Source::File(link),
                    explicit: true,
                    size: 0,
                }));
            }
        } else if arg.is_dir() {
            walk_dir(arg, filters, &mut out);
        } else if !filters.force_exclude || filters.includes_explicit(&clean(arg)) {
            let size = std::fs::metadata(arg).map_or(0, |m| m.len());
            out.push(Ok(Input {
                source: Source::File(arg.clone()),
                explicit: true,
                size,
            }));
        }
    }
    if args.len() > 1 {
        drop_repeats(&mut out);
    }
    out
}

/// `arg` without trailing slashes when that names a symbolic link. The system
/// resolves `link/` through the link, but the user named the link all the same
/// (shells complete a link to a directory with the slash).
fn named_link(arg: &Path) -> Option<PathBuf> {
    // Collecting the components drops trailing slashes (and inner `.`), nothing else.
    let trimmed: PathBuf = arg.components().collect();
    std::fs::symlink_metadata(&trimmed)
        .is_ok_and(|meta| meta.file_type().is_symlink())
        .then_some(trimmed)
}

/// Keeps the first of inputs that name the same directory entry (`a.txt` and
/// `./a.txt`, or a file also found in a directory given beside it): writing one file
/// twice would find it changed the second time. The last component is not resolved,
/// so a symbolic link and the file it points to stay two inputs.
fn drop_repeats(inputs: &mut Vec<Result<Input, WalkError>>) {
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| {
        let Ok(Input {
            source: Source::File(path),
            ..
        }) = input
        else {
            return true;
        };
        seen.insert(entry_identity(path))
    });
}

/// The canonical directory of `path` joined with its file name.
fn entry_identity(path: &Path) -> PathBuf {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return path.to_path_buf();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::canonicalize(parent).map_or_else(|_| path.to_path_buf(), |dir| dir.join(name))
}

/// The path without a leading `./`, as globs are written.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

fn walk_dir(root: &Path, filters: &Filters, out: &mut Vec<Result<Input, WalkError>>) {
    let mut builder = WalkBuilder::new(root);
    builder
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b));
    let root_for_filter = root.to_path_buf();
    let exclude = filters
        .exclude
        .as_ref()
        .map(|g| (g.names.clone(), g.paths.clone()));
    builder.filter_entry(move |entry| {
        let Some((names, paths)) = &exclude else {
            return true;
        };
        let relative = entry
            .path()
            .strip_prefix(&root_for_filter)
            .unwrap_or(entry.path());
        entry.depth() == 0 || !(names.is_match(entry.file_name()) || paths.is_match(relative))
    });
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                if is_file && filters.includes_file(relative) {
                    let size = entry.metadata().map_or(0, |m| m.len());
                    out.push(Ok(Input {
                        source: Source::File(entry.into_path()),
                        explicit: false,
                        size,
                    }));
                }
            }
            Err(error) => out.push(Err(walk_error(root, &error))),
        }
    }
}

/// The path and message of a walk error (ignore's own message repeats the path).
fn walk_error(root: &Path, error: &ignore::Error) -> WalkError {
    fn find(error: &ignore::Error) -> Option<(PathBuf, String)> {
        match error {
            ignore::Error::WithPath { path, err } => Some((
                path.clone(),
                find(err).map_or_else(|| err.to_string(), |(_, m)| m),
            )),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find(err)
            }
            ignore::Error::Io(e) => Some((PathBuf::new(), e.to_string())),
            _ => None,
        }
    }
    match find(error) {
        Some((path, message)) if !path.as_os_str().is_empty() => (path, message),
        Some((_, message)) => (root.to_path_buf(), message),
        None => (root.to_path_buf(), error.to_string()),
    }
}
