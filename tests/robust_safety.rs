//! Where `--write` may write, through the real binary: only the files named and the
//! files found under the directories named; never through a symbolic link, found in
//! a walk or named on the command line, to a file or to a directory; and nothing a
//! settings file says (`mojifix.toml`, `[tool.mojifix]` in `pyproject.toml`) can
//! widen that, name an output, or run anything. Each test snapshots a whole scratch tree (bytes and
//! link targets) before and after, and asserts exactly which paths changed.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::bin;

const GARBLED: &str = "Un cafÃ© noir, s'il vous plaÃ®t.\n";
const REPAIRED: &str = "Un café noir, s'il vous plaît.\n";

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch("robust_safety", name)
}

/// Every path under `root` (relative), with its bytes or, for a link, its target.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut all = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                all.insert(relative, format!("link -> {}", target.display()));
            } else if kind.is_dir() {
                all.insert(relative, "dir".into());
                stack.push(path);
            } else {
                all.insert(
                    relative,
                    String::from_utf8_lossy(&fs::read(&path).unwrap()).into(),
                );
            }
        }
    }
    all
}

/// The paths whose snapshot differs.
fn changed(before: &BTreeMap<PathBuf, String>, after: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| p.display().to_string())
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin().args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// root/project/{a.txt, sub/b.txt, other/c.txt} and root/outside/victim.txt, all
/// garbled.
fn tree(name: &str) -> PathBuf {
    let root = scratch(name);
    for file in [
        "project/a.txt",
        "project/sub/b.txt",
        "project/other/c.txt",
        "outside/victim.txt",
        "outside/dir/d.txt",
    ] {
        let path = root.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, GARBLED).unwrap();
    }
    root
}

#[test]
fn writes_only_the_files_named_and_those_under_the_directories_named() {
    let root = tree("only_named");
    let before = snapshot(&root);
    let output = run(&root.join("project"), &["-w", "a.txt", "sub"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        changed(&before, &snapshot(&root)),
        ["project/a.txt", "project/sub/b.txt"]
    );
    assert_eq!(
        fs::read_to_string(root.join("project/a.txt")).unwrap(),
        REPAIRED
    );
}

#[test]
fn symbolic_links_out_of_a_walked_tree_are_not_followed() {
    let root = tree("links_out");
    let project = root.join("project");
    symlink(root.join("outside/victim.txt"), project.join("link.txt")).unwrap();
    symlink(
        "../../outside/victim.txt",
        project.join("sub/relative-link.txt"),
    )
    .unwrap();
    symlink(root.join("outside/dir"), project.join("linked-dir")).unwrap();
    symlink("../outside", project.join("sub/up")).unwrap();
    let before = snapshot(&root);
    let output = run(&project, &["-w", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        changed(&before, &snapshot(&root)),
        ["project/a.txt", "project/other/c.txt", "project/sub/b.txt"]
    );
    // Not even read: --check finds nothing through the links.
    fs::write(project.join("a.txt"), REPAIRED).unwrap();
    let output = run(&project, &["--check", "."]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn a_symbolic_link_named_on_the_command_line_is_not_written_through() {
    let root = tree("link_named");
    let project = root.join("project");
    symlink(root.join("outside/victim.txt"), project.join("link.txt")).unwrap();
    let before = snapshot(&root);
    let output = run(&project, &["-w", "link.txt", "a.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "mojifix: link.txt: symbolic link, not followed with --write (name the file it points to)\n"
    );
    assert_eq!(changed(&before, &snapshot(&root)), ["project/a.txt"]);
}

/// `tree(name)` plus project/linked-dir -> outside/dir, and in outside/dir a link
/// inner-link.txt -> outside/victim.txt.
fn tree_with_linked_dir(name: &str) -> PathBuf {
    let root = tree(name);
    symlink(root.join("outside/dir"), root.join("project/linked-dir")).unwrap();
    symlink(
        root.join("outside/victim.txt"),
        root.join("outside/dir/inner-link.txt"),
    )
    .unwrap();
    root
}

const LINKED_DIR_SKIPPED: &str = "mojifix: linked-dir: symbolic link to a directory, not followed \
     with --write (name the directory it points to)\n";

#[test]
fn a_linked_directory_named_on_the_command_line_is_not_written_through() {
    // `mojifix -w *` must keep to the tree as `mojifix -w .` does: the shell expands
    // `*` to the names of links too. Tab completion writes `linked-dir/`.
    let root = tree_with_linked_dir("linked_dir_named");
    let project = root.join("project");
    for args in [
        &["-w", "linked-dir"][..],
        &["-w", "linked-dir/"],
        &["-w", "linked-dir//"],
        &["-w", "./linked-dir/"],
    ] {
        let before = snapshot(&root);
        let output = run(&project, args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?} {}",
            stderr(&output)
        );
        let name = args[1].trim_end_matches('/');
        assert_eq!(
            stderr(&output),
            LINKED_DIR_SKIPPED.replace("linked-dir", name),
            "{args:?}"
        );
        assert!(changed(&before, &snapshot(&root)).is_empty(), "{args:?}");
    }
    // What the shell makes of `mojifix -w *`.
    let before = snapshot(&root);
    let output = run(&project, &["-w", "a.txt", "linked-dir", "other", "sub"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), LINKED_DIR_SKIPPED);
    assert_eq!(
        changed(&before, &snapshot(&root)),
        ["project/a.txt", "project/other/c.txt", "project/sub/b.txt"]
    );
}

#[test]
fn the_directory_a_link_points_to_can_be_named_instead() {
    let root = tree_with_linked_dir("linked_dir_target");
    let before = snapshot(&root);
    let output = run(&root.join("project"), &["-w", "../outside/dir"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The link inside it is still not followed.
    assert_eq!(changed(&before, &snapshot(&root)), ["outside/dir/d.txt"]);
}

#[test]
fn a_linked_directory_named_on_the_command_line_is_read_in_the_modes_that_only_read() {
    // As ripgrep does: reading through a link the user named harms nothing. Links
    // inside it are still not followed (victim.txt is not reported).
    let root = tree_with_linked_dir("linked_dir_check");
    let before = snapshot(&root);
    let output = run(&root.join("project"), &["--check", "linked-dir"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let reported = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(reported.contains("linked-dir/d.txt:1:"), "{reported}");
    assert!(!reported.contains("inner-link"), "{reported}");
    assert_eq!(reported.lines().count(), 2, "{reported}");
    assert!(changed(&before, &snapshot(&root)).is_empty());
}

#[test]
fn force_exclude_leaves_out_a_named_link_silently() {
    let root = tree_with_linked_dir("linked_dir_excluded");
    let before = snapshot(&root);
    let output = run(
        &root.join("project"),
        &[
            "-w",
            "--force-exclude",
            "--exclude",
            "linked-*",
            "linked-dir/",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert!(changed(&before, &snapshot(&root)).is_empty());
}

/// Settings files that try to reach outside the tree, name outputs, or run
/// commands, each in `mojifix.toml` and in `pyproject.toml`.
const HOSTILE: &[(&str, &str)] = &[
    // Globs can only leave files out: these select nothing outside the tree.
    (
        "include-outside",
        "include = [\"../outside/*\", \"/**/victim.txt\", \"../**\"]\n",
    ),
    (
        "exclude-dotdot",
        "exclude = [\"../**\", \"/\", \"/etc/passwd\"]\n",
    ),
    // Keys that do not exist are errors, whatever they are meant to do.
    ("output", "output = \"../outside/victim.txt\"\n"),
    ("out-dir", "out-dir = \"/tmp\"\n"),
    ("command", "command = \"touch pwned\"\n"),
    ("hook", "hooks = { pre = \"touch pwned\" }\n"),
    ("entry", "entry = \"sh -c 'touch pwned'\"\n"),
    // Huge or wrong values are errors too.
    ("huge-layers", "max-layers = 99999999999999\n"),
    ("negative-layers", "max-layers = -1\n"),
    (
        "huge-regex",
        "allow-regex = [\"(((a{100}){100}){100}){100}\"]\n",
    ),
    ("config-in-config", "config = \"../outside/mojifix.toml\"\n"),
];

#[test]
fn a_hostile_settings_file_cannot_write_elsewhere_or_run_anything() {
    for (name, body) in HOSTILE {
        for pyproject in [false, true] {
            let root = tree(&format!("hostile_{name}_{pyproject}"));
            let project = root.join("project");
            if pyproject {
                fs::write(
                    project.join("pyproject.toml"),
                    format!("[tool.mojifix]\n{body}"),
                )
                .unwrap();
            } else {
                fs::write(project.join("mojifix.toml"), body).unwrap();
            }
            let before = snapshot(&root);
            let output = run(&project, &["-w", "."]);
            let diff = changed(&before, &snapshot(&root));
            let allowed = ["project/a.txt", "project/other/c.txt", "project/sub/b.txt"];
            assert!(
                diff.iter().all(|path| allowed.contains(&path.as_str())),
                "{name} (pyproject: {pyproject}) changed {diff:?}: {}",
                stderr(&output)
            );
            assert!(!project.join("pwned").exists() && !root.join("pwned").exists());
            eprintln!(
                "{name} (pyproject: {pyproject}): exit {:?} {}",
                output.status.code(),
                stderr(&output).trim()
            );
            match output.status.code() {
                // Accepted: it can only have narrowed the files written.
                Some(0) => {}
                // Refused: one line naming the settings file, before anything is written.
                Some(2) => {
                    let err = stderr(&output);
                    let file = if pyproject {
                        "pyproject.toml"
                    } else {
                        "mojifix.toml"
                    };
                    assert!(err.contains(file), "{name}: {err}");
                    assert_eq!(err.lines().count(), 1, "{name}: {err}");
                    assert!(diff.is_empty(), "{name}: refused but wrote {diff:?}");
                }
                other => panic!("{name}: exit {other:?}: {}", stderr(&output)),
            }
        }
    }
}

#[test]
fn include_globs_that_point_outside_select_nothing() {
    let root = tree("include_outside_only");
    let project = root.join("project");
    fs::write(
        project.join("mojifix.toml"),
        "include = [\"../outside/**\", \"/**\"]\n",
    )
    .unwrap();
    let before = snapshot(&root);
    let output = run(&project, &["-w", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // "/**" matches nothing relative; "../outside/**" names no file under the tree.
    let diff = changed(&before, &snapshot(&root));
    assert!(!diff.iter().any(|p| p.starts_with("outside")), "{diff:?}");
}
