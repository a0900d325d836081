//! The reporting modes through the real binary: golden outputs for `--check`,
//! `--diff`, `--write` and `--explain` in every `--format` (`fixtures/report/expected/`,
//! compared byte for byte after masking the run time), exit codes, diffs applied with
//! `git apply` and `patch -p1` giving exactly what `--write` writes, JSON and SARIF
//! parsed back and checked against their schemas, and settings files.
//!
//! To accept new outputs after a deliberate change, run the tests with
//! `MOJIFIX_BLESS=1` and review the diff of `fixtures/report/expected/`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mojifix::report::Message;
use regex::Regex;
use serde_json::Value;

/// The inputs of `fixtures/report/input/`, in the order they are passed.
const INPUTS: [&str; 4] = ["names.txt", "menu.md", "clean.txt", "notes.md"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("report")
}

fn input_dir() -> PathBuf {
    root().join("input")
}

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir` with `args`, no settings file, and `env`.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mojifix"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("spawn mojifix");
    drop(child.stdin.take());
    child.wait_with_output().expect("wait for mojifix")
}

fn run_inputs(extra: &[&str]) -> Output {
    let mut args = vec!["--no-config"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&INPUTS);
    run(&input_dir(), &args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// The run time changes between runs, and confidences change whenever the engine is
/// recalibrated; the goldens are about the formats, so both are masked (confidences
/// are checked to lie in (0, 1] on the way).
fn mask(s: &str) -> String {
    let masks = [
        (r"in \d+\.\d{3}s", "in 0.000s"),
        (
            r#""elapsed_seconds": ?[0-9.e-]+"#,
            r#""elapsed_seconds": 0.0"#,
        ),
        (r#""confidence": ?([0-9.]+)"#, r#""confidence": 0.5"#),
        (r"confidence (\d\.\d\d)", "confidence 0.50"),
    ];
    let mut out = s.to_string();
    for (pattern, replacement) in masks {
        let re = Regex::new(pattern).unwrap();
        for value in re.captures_iter(s).filter_map(|c| c.get(1)) {
            let v: f64 = value.as_str().parse().unwrap();
            assert!(v > 0.0 && v <= 1.0, "confidence {v} out of (0, 1]");
        }
        out = re.replace_all(&out, replacement).into_owned();
    }
    out
}

/// Compares `actual` with `fixtures/report/expected/<name>`, or writes it there when
/// `MOJIFIX_BLESS` is set.
fn golden(name: &str, actual: &str) {
    let path = root().join("expected").join(name);
    if std::env::var_os("MOJIFIX_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with MOJIFIX_BLESS=1 to create it)",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

#[test]
fn check_text() {
    let out = run_inputs(&["--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    golden("check.txt", &text(&out.stdout));
    golden("check.stderr.txt", &mask(&text(&out.stderr)));
}

#[test]
fn check_json_parses_back_and_points_at_the_changes() {
    let out = run_inputs(&["--check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    golden("check.json", &mask(&stdout));
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["summary"]["files_checked"], 4);
    assert_eq!(doc["summary"]["files_changed"], 3);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "only files with changes are listed");
    for file in files {
        let path = file["path"].as_str().unwrap();
        let content = fs::read_to_string(input_dir().join(path)).unwrap();
        for finding in file["findings"].as_array().unwrap() {
            let start = finding["byte_range"]["start"].as_u64().unwrap() as usize;
            let end = finding["byte_range"]["end"].as_u64().unwrap() as usize;
            assert_eq!(&content[start..end], finding["before"].as_str().unwrap());
            // Line and column (in characters, from 1) name the same place.
            let line = finding["line"].as_u64().unwrap() as usize;
            let column = finding["column"].as_u64().unwrap() as usize;
            let line_start = content[..start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(content[..start].matches('\n').count() + 1, line);
            assert_eq!(content[line_start..start].chars().count() + 1, column);
            assert!(finding["word_before"]
                .as_str()
                .unwrap()
                .contains(finding["before"].as_str().unwrap()));
            assert!(!finding["chain"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn check_jsonl_is_one_message_per_line() {
    let out = run_inputs(&["--check", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    golden("check.jsonl", &mask(&stdout));
    let messages: Vec<Message> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    let findings = messages
        .iter()
        .filter(|m| matches!(m, Message::Finding(_)))
        .count();
    let files = messages
        .iter()
        .filter(|m| matches!(m, Message::File(_)))
        .count();
    assert_eq!((findings, files), (9, 3));
    assert!(matches!(messages.last(), Some(Message::Summary(_))));
}

#[test]
fn check_github_annotates_and_summarises() {
    let dir = scratch("github");
    let summary = dir.join("summary.md");
    let mut args = vec!["--no-config", "--check", "--format", "github"];
    args.extend_from_slice(&INPUTS);
    let out = run(
        &input_dir(),
        &args,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(1));
    golden("check.github.txt", &text(&out.stdout));
    golden(
        "check.github.summary.md",
        &mask(&fs::read_to_string(&summary).unwrap()),
    );
    assert_eq!(
        text(&out.stderr),
        "",
        "the summary went to the step summary file"
    );
    for line in text(&out.stdout).lines() {
        assert!(line.starts_with("::error file="), "{line}");
    }
}

#[test]
fn check_sarif_meets_the_schema() {
    let out = run_inputs(&["--check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    golden("check.sarif", &mask(&stdout));
    let log: Value = serde_json::from_str(&stdout).unwrap();
    sarif::check_log(&log);
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 9);
}

#[test]
fn diff_text_and_formats() {
    let out = run_inputs(&["--diff"]);
    assert_eq!(out.status.code(), Some(1));
    golden("diff.patch", &text(&out.stdout));
    golden("diff.stderr.txt", &mask(&text(&out.stderr)));

    let out = run_inputs(&["--diff", "--color", "always"]);
    assert_eq!(out.status.code(), Some(1));
    golden("diff.color.txt", &text(&out.stdout));

    let out = run_inputs(&["--diff", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let plain = text(&run_inputs(&["--diff"]).stdout);
    let joined: String = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diff"].as_str().unwrap())
        .collect();
    assert_eq!(joined, plain, "the JSON diffs are the text diff");

    let out = run_inputs(&["--diff", "--format", "github"]);
    golden("diff.github.txt", &text(&out.stdout));
}

#[test]
fn colour_never_and_no_color() {
    let out = run_inputs(&["--diff", "--color", "never"]);
    assert!(!text(&out.stdout).contains('\u{1b}'));
    let mut args = vec!["--no-config", "--diff"];
    args.extend_from_slice(&INPUTS);
    let out = run(&input_dir(), &args, &[("NO_COLOR", "1")]);
    assert!(!text(&out.stdout).contains('\u{1b}'));
    let mut args = vec!["--no-config", "--diff", "--color", "always"];
    args.extend_from_slice(&INPUTS);
    let out = run(&input_dir(), &args, &[("NO_COLOR", "1")]);
    assert!(
        text(&out.stdout).contains('\u{1b}'),
        "--color always wins over NO_COLOR"
    );
}

#[test]
fn explain() {
    let out = run(
        &input_dir(),
        &["--no-config", "--explain", "names.txt", "menu.md"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("explain.txt", &mask(&text(&out.stdout)));
}

#[test]
fn clean_files_exit_zero_and_print_nothing() {
    for mode in ["--check", "--diff"] {
        let out = run(&input_dir(), &["--no-config", mode, "clean.txt"], &[]);
        assert_eq!(out.status.code(), Some(0), "{mode}");
        assert_eq!(text(&out.stdout), "", "{mode}");
    }
    let out = run(
        &input_dir(),
        &["--no-config", "--check", "--format", "jsonl", "clean.txt"],
        &[],
    );
    assert_eq!(
        out.stdout.iter().filter(|&&b| b == b'\n').count(),
        1,
        "only the summary"
    );
}

#[test]
fn errors_exit_two_and_are_data_in_machine_formats() {
    let out = run(
        &input_dir(),
        &["--no-config", "--check", "names.txt", "missing.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("mojifix: missing.txt: "), "{stderr}");
    assert!(stderr.contains("1 error"), "{stderr}");
    let out = run(
        &input_dir(),
        &[
            "--no-config",
            "--check",
            "--format",
            "json",
            "names.txt",
            "missing.txt",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(doc["errors"][0]["path"], "missing.txt");
    let out = run(
        &input_dir(),
        &["--no-config", "--check", "--format", "sarif", "missing.txt"],
        &[],
    );
    let log: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    sarif::check_log(&log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn usage_errors() {
    let out = run(
        &input_dir(),
        &["--no-config", "--format", "json", "names.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--format json goes with --check, --diff or --write"));
    let out = run(
        &input_dir(),
        &["--no-config", "--check", "--diff", "names.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &input_dir(),
        &["--no-config", "--check", "--format", "xml", "names.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// Copies the inputs (and `extra` files) into a scratch directory.
fn scratch_copy(name: &str, extra: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch(name);
    for input in INPUTS {
        fs::copy(input_dir().join(input), dir.join(input)).unwrap();
    }
    for (file, bytes) in extra {
        fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

/// Files whose ends and line breaks are easy to get wrong in a patch.
const TRICKY: [(&str, &[u8]); 4] = [
    ("crlf_no_eol.txt", b"ok\r\nlast Caf\xc3\x83\xc2\xa9\r\nend Caf\xc3\x83\xc2\xa9"),
    ("lone_cr.txt", b"a\rb Caf\xc3\x83\xc2\xa9\rc\n"),
    ("bom.txt", b"\xef\xbb\xbfCaf\xc3\x83\xc2\xa9\nok\n"),
    ("deep.txt", b"1\n2\n3\n4\n5\n6\n7\n8\n9\nCaf\xc3\x83\xc2\xa9\n11\n12\n13\n14\n15\n16\n17\n18\nCaf\xc3\x83\xc2\xa9\n"),
];

fn all_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn tool_runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn diff_applies_to_give_exactly_what_write_writes() {
    let written = scratch_copy("written", &TRICKY);
    let names = all_files(&written);
    let mut args = vec!["--no-config", "--write"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&written, &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    golden("write.txt", &text(&out.stdout));

    let original = scratch_copy("original", &TRICKY);
    let mut args = vec!["--no-config", "--diff"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&original, &args, &[]);
    assert_eq!(out.status.code(), Some(1));
    let patch = out.stdout;

    for (tool, tool_args) in [
        ("git", vec!["apply", "--whitespace=nowarn", "-"]),
        ("patch", vec!["-p1", "--quiet", "--batch"]),
    ] {
        if !tool_runs(tool) {
            println!("skipped {tool}: not installed");
            continue;
        }
        let target = scratch_copy(&format!("applied-{tool}"), &TRICKY);
        let mut child = Command::new(tool)
            .args(&tool_args)
            .current_dir(&target)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&patch).unwrap();
        let result = child.wait_with_output().unwrap();
        assert!(result.status.success(), "{tool}: {}", text(&result.stderr));
        for name in &names {
            assert_eq!(
                fs::read(target.join(name)).unwrap(),
                fs::read(written.join(name)).unwrap(),
                "{tool} applied to {name}"
            );
        }
    }
}

/// Applies `patch` in `dir` with `git apply`; false when git is missing.
fn git_apply(dir: &Path, patch: &[u8]) -> bool {
    if !tool_runs("git") {
        println!("skipped git apply: git not installed");
        return false;
    }
    let mut child = Command::new("git")
        .args(["apply", "--whitespace=nowarn", "-"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(patch).unwrap();
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "git apply: {}",
        text(&result.stderr)
    );
    true
}

#[test]
fn diff_of_fixes_that_change_line_breaks_applies_too() {
    // The ftfy preset turns CRLF and lone CR into LF: lines appear and change ends.
    let content: &[u8] = b"a\r\nCaf\xc3\x83\xc2\xa9\r\nb\rc \xef\xac\x81n\r\nend\r\n";
    let written = scratch("breaks-written");
    fs::write(written.join("f.txt"), content).unwrap();
    let out = run(
        &written,
        &["--no-config", "--preset", "ftfy", "--write", "f.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        fs::read(written.join("f.txt")).unwrap(),
        b"a\nCaf\xc3\xa9\nb\nc fin\nend\n"
    );
    let target = scratch("breaks-applied");
    fs::write(target.join("f.txt"), content).unwrap();
    let out = run(
        &target,
        &["--no-config", "--preset", "ftfy", "--diff", "f.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    if git_apply(&target, &out.stdout) {
        assert_eq!(
            fs::read(target.join("f.txt")).unwrap(),
            fs::read(written.join("f.txt")).unwrap()
        );
    }
}

#[test]
fn whole_file_changes_are_reported_in_check_and_diff() {
    let dir = scratch("legacy");
    let cp1251: &[u8] = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xea\xe0\xea \xe4\xe5\xeb\xe0? \xc2\xf1\xb8 \xf5\xee\xf0\xee\xf8\xee.\n";
    fs::write(dir.join("ru.txt"), cp1251).unwrap();
    let out = run(&dir, &["--no-config", "--check", "ru.txt"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "ru.txt: would be written as UTF-8 (was windows-1251)\n"
    );
    let out = run(&dir, &["--no-config", "--diff", "ru.txt"], &[]);
    assert_eq!(out.status.code(), Some(1), "exit 1: the file would change");
    assert_eq!(
        text(&out.stdout),
        "",
        "a diff of the text has nothing to show"
    );
    assert!(
        text(&out.stderr).contains("mojifix: ru.txt: would be written as UTF-8 (was windows-1251)"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &dir,
        &["--no-config", "--check", "--format", "sarif", "ru.txt"],
        &[],
    );
    let log: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    sarif::check_log(&log);
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "whole-file");
    assert_eq!(
        fs::read(dir.join("ru.txt")).unwrap(),
        cp1251,
        "nothing written"
    );
}

#[test]
fn write_with_machine_formats() {
    let dir = scratch_copy("write-jsonl", &[]);
    let mut args = vec!["--no-config", "--write", "--format", "jsonl"];
    args.extend_from_slice(&INPUTS);
    let out = run(&dir, &args, &[]);
    assert_eq!(out.status.code(), Some(0));
    let last: Message = serde_json::from_str(text(&out.stdout).lines().last().unwrap()).unwrap();
    let Message::Summary(summary) = last else {
        panic!("summary last")
    };
    assert_eq!((summary.files_changed, summary.findings), (3, 9));
    for line in text(&out.stdout).lines() {
        if let Ok(Message::File(file)) = serde_json::from_str::<Message>(line) {
            assert!(file.written, "{line}");
        }
    }
}

#[test]
fn settings_file_excludes_allows_and_normalizes() {
    let dir = root().join("configured");
    let out = run(&dir, &["--check", "."], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    golden("configured.check.txt", &text(&out.stdout));
    // Named explicitly, an excluded file is still left out (pre-commit names files).
    let out = run(&dir, &["--check", "vendor/lib.txt"], &[]);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), String::new())
    );
    // The same run without the file sees everything.
    let out = run(&dir, &["--check", "--no-config", "vendor/lib.txt"], &[]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn settings_errors_name_the_line() {
    let dir = scratch("bad-settings");
    fs::write(
        dir.join("mojifix.toml"),
        "# ok\nnormalize = \"nfc\"\nexlude = [\"x\"]\n",
    )
    .unwrap();
    fs::write(dir.join("a.txt"), "ok\n").unwrap();
    let out = run(&dir, &["--check", "a.txt"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("mojifix: mojifix.toml:3:1: unknown field `exlude`"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    fs::write(dir.join("mojifix.toml"), "").unwrap();
    fs::write(
        dir.join("pyproject.toml"),
        "[tool.mojifix]\nmax-layers = 99\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("sub")).unwrap();
    let out = run(
        &dir.join("sub"),
        &["--check", "--config", "../pyproject.toml", "../a.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("mojifix: ../pyproject.toml:2:14: max-layers must be 0 to 16"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn ignore_marker_in_print_mode_too() {
    let out = run(&input_dir(), &["--no-config", "notes.md"], &[]);
    assert_eq!(
        text(&out.stdout),
        "Mojibake looks like CafÃ© <!-- mojifix: ignore -->\nbut this Café is a real one.\n"
    );
}

#[test]
fn completions_and_man_page() {
    let out = run(&input_dir(), &["--completions", "bash"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    assert!(
        script.contains("mojifix") && script.contains("--check"),
        "{script}"
    );
    let out = run(&input_dir(), &["--man"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH mojifix"),
        "{page}"
    );
    assert!(page.contains("\\-\\-diff"), "{page}");
    let out = run(&input_dir(), &["--completions", "bash", "--check"], &[]);
    assert_eq!(out.status.code(), Some(2), "--completions stands alone");
}

/// The SARIF 2.1.0 schema's rules for the objects mojifix writes: each object's
/// required properties and, since the schema sets `additionalProperties: false`, the
/// only properties it may have; plus the enumerations and minimums.
mod sarif {
    use serde_json::Value;

    fn object<'a>(
        value: &'a Value,
        what: &str,
        required: &[&str],
        allowed: &[&str],
    ) -> &'a serde_json::Map<String, Value> {
        let map = value
            .as_object()
            .unwrap_or_else(|| panic!("{what} is not an object: {value}"));
        for key in required {
            assert!(
                map.contains_key(*key),
                "{what} lacks required {key:?}: {value}"
            );
        }
        for key in map.keys() {
            assert!(
                required.contains(&key.as_str()) || allowed.contains(&key.as_str()),
                "{what} may not have {key:?}"
            );
        }
        map
    }

    fn message(value: &Value, what: &str) {
        let map = object(
            value,
            what,
            &[],
            &["text", "markdown", "id", "arguments", "properties"],
        );
        assert!(
            map.contains_key("text") || map.contains_key("id"),
            "{what} needs text or id"
        );
    }

    fn multiformat(value: &Value, what: &str) {
        object(value, what, &["text"], &["markdown", "properties"]);
    }

    fn level(value: &Value) {
        let level = value.as_str().unwrap();
        assert!(
            ["none", "note", "warning", "error"].contains(&level),
            "{level}"
        );
    }

    fn artifact_location(value: &Value) {
        let map = object(
            value,
            "artifactLocation",
            &[],
            &["uri", "uriBaseId", "index", "description", "properties"],
        );
        let uri = map["uri"].as_str().unwrap();
        assert!(
            !uri.contains(' ') && !uri.contains('\\'),
            "not a URI reference: {uri}"
        );
    }

    fn region(value: &Value) {
        let map = object(
            value,
            "region",
            &[],
            &[
                "startLine",
                "startColumn",
                "endLine",
                "endColumn",
                "charOffset",
                "charLength",
                "byteOffset",
                "byteLength",
                "snippet",
                "message",
                "sourceLanguage",
                "properties",
            ],
        );
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            if let Some(v) = map.get(key) {
                assert!(v.as_u64().unwrap() >= 1, "{key} counts from 1");
            }
        }
        if let Some(snippet) = map.get("snippet") {
            object(
                snippet,
                "artifactContent",
                &[],
                &["text", "binary", "rendered", "properties"],
            );
        }
    }

    fn location(value: &Value) {
        let map = object(
            value,
            "location",
            &[],
            &[
                "id",
                "physicalLocation",
                "logicalLocations",
                "message",
                "annotations",
                "relationships",
                "properties",
            ],
        );
        let physical = object(
            &map["physicalLocation"],
            "physicalLocation",
            &[],
            &[
                "address",
                "artifactLocation",
                "region",
                "contextRegion",
                "properties",
            ],
        );
        artifact_location(&physical["artifactLocation"]);
        if let Some(r) = physical.get("region") {
            region(r);
        }
    }

    fn result(value: &Value, rules: &[Value]) {
        let map = object(
            value,
            "result",
            &["message"],
            &[
                "guid",
                "correlationGuid",
                "ruleId",
                "ruleIndex",
                "rule",
                "taxa",
                "kind",
                "level",
                "analysisTarget",
                "locations",
                "webRequest",
                "webResponse",
                "fingerprints",
                "partialFingerprints",
                "codeFlows",
                "graphs",
                "graphTraversals",
                "stacks",
                "relatedLocations",
                "suppressions",
                "baselineState",
                "rank",
                "attachments",
                "hostedViewerUri",
                "workItemUris",
                "provenance",
                "fixes",
                "occurrenceCount",
                "properties",
            ],
        );
        message(&map["message"], "result.message");
        level(&map["level"]);
        let index = map["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], map["ruleId"],
            "ruleIndex points at ruleId"
        );
        for l in map["locations"].as_array().unwrap() {
            location(l);
        }
        for fix in map
            .get("fixes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let fix = object(
                fix,
                "fix",
                &["artifactChanges"],
                &["description", "properties"],
            );
            message(&fix["description"], "fix.description");
            let changes = fix["artifactChanges"].as_array().unwrap();
            assert!(!changes.is_empty(), "artifactChanges minItems 1");
            for change in changes {
                let change = object(
                    change,
                    "artifactChange",
                    &["artifactLocation", "replacements"],
                    &["properties"],
                );
                artifact_location(&change["artifactLocation"]);
                let replacements = change["replacements"].as_array().unwrap();
                assert!(!replacements.is_empty(), "replacements minItems 1");
                for r in replacements {
                    let r = object(
                        r,
                        "replacement",
                        &["deletedRegion"],
                        &["insertedContent", "properties"],
                    );
                    region(&r["deletedRegion"]);
                }
            }
        }
    }

    /// Checks a whole log.
    pub fn check_log(log: &Value) {
        let root = object(
            log,
            "sarifLog",
            &["version", "runs"],
            &["$schema", "inlineExternalProperties", "properties"],
        );
        assert_eq!(root["version"], "2.1.0");
        for run in root["runs"].as_array().unwrap() {
            let run = object(
                run,
                "run",
                &["tool"],
                &[
                    "invocations",
                    "conversion",
                    "language",
                    "versionControlProvenance",
                    "originalUriBaseIds",
                    "artifacts",
                    "logicalLocations",
                    "graphs",
                    "results",
                    "automationDetails",
                    "runAggregates",
                    "baselineGuid",
                    "redactionTokens",
                    "defaultEncoding",
                    "defaultSourceLanguage",
                    "newlineSequences",
                    "columnKind",
                    "externalPropertyFileReferences",
                    "threadFlowLocations",
                    "taxonomies",
                    "addresses",
                    "translations",
                    "policies",
                    "webRequests",
                    "webResponses",
                    "specialLocations",
                    "properties",
                ],
            );
            assert!(["utf16CodeUnits", "unicodeCodePoints"]
                .contains(&run["columnKind"].as_str().unwrap()));
            let tool = object(
                &run["tool"],
                "tool",
                &["driver"],
                &["extensions", "properties"],
            );
            let driver = object(
                &tool["driver"],
                "toolComponent",
                &["name"],
                &[
                    "guid",
                    "nickname",
                    "organization",
                    "product",
                    "productSuite",
                    "shortDescription",
                    "fullDescription",
                    "fullName",
                    "version",
                    "semanticVersion",
                    "dottedQuadFileVersion",
                    "releaseDateUtc",
                    "downloadUri",
                    "informationUri",
                    "globalMessageStrings",
                    "notifications",
                    "rules",
                    "taxa",
                    "locations",
                    "language",
                    "contents",
                    "isComprehensive",
                    "localizedDataSemanticVersion",
                    "minimumRequiredLocalizedDataSemanticVersion",
                    "associatedComponent",
                    "translationMetadata",
                    "supportedTaxonomies",
                    "properties",
                ],
            );
            let rules = driver["rules"].as_array().unwrap();
            for rule in rules {
                let rule = object(
                    rule,
                    "reportingDescriptor",
                    &["id"],
                    &[
                        "deprecatedIds",
                        "guid",
                        "deprecatedGuids",
                        "name",
                        "deprecatedNames",
                        "shortDescription",
                        "fullDescription",
                        "messageStrings",
                        "defaultConfiguration",
                        "helpUri",
                        "help",
                        "relationships",
                        "properties",
                    ],
                );
                multiformat(&rule["shortDescription"], "shortDescription");
                let config = object(
                    &rule["defaultConfiguration"],
                    "reportingConfiguration",
                    &[],
                    &["enabled", "level", "rank", "parameters", "properties"],
                );
                level(&config["level"]);
            }
            for invocation in run["invocations"].as_array().unwrap() {
                let invocation = object(
                    invocation,
                    "invocation",
                    &["executionSuccessful"],
                    &[
                        "commandLine",
                        "arguments",
                        "responseFiles",
                        "startTimeUtc",
                        "endTimeUtc",
                        "exitCode",
                        "ruleConfigurationOverrides",
                        "notificationConfigurationOverrides",
                        "toolExecutionNotifications",
                        "toolConfigurationNotifications",
                        "exitCodeDescription",
                        "exitSignalName",
                        "exitSignalNumber",
                        "processStartFailureMessage",
                        "machine",
                        "account",
                        "processId",
                        "executableLocation",
                        "workingDirectory",
                        "environmentVariables",
                        "stdin",
                        "stdout",
                        "stderr",
                        "stdoutStderr",
                        "properties",
                    ],
                );
                for n in invocation["toolExecutionNotifications"].as_array().unwrap() {
                    let n = object(
                        n,
                        "notification",
                        &["message"],
                        &[
                            "locations",
                            "level",
                            "threadId",
                            "timeUtc",
                            "exception",
                            "descriptor",
                            "associatedRule",
                            "properties",
                        ],
                    );
                    message(&n["message"], "notification.message");
                    level(&n["level"]);
                }
            }
            for r in run["results"].as_array().unwrap() {
                result(r, rules);
            }
        }
    }
}
