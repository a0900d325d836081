//! End to end with the real `pre-commit` (installed by `.ci/run` with pip): a temporary
//! git repository whose local hooks run the built binary, as `.pre-commit-hooks.yaml`
//! declares them. A commit with mojibake is stopped (and with the fixing hook the file
//! is repaired); a clean commit passes. Skipped, with the reason printed, when
//! `pre-commit` or `git` is not installed, so that `cargo test` works offline.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GARBLED: &str = "Bonjour CĂ©line, le cafÃ© est prêt.\n";
const REPAIRED: &str = "Bonjour Céline, le café est prêt.\n";

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// How to run pre-commit: its script, or the module when only that is reachable (a
/// `pip install --user` whose scripts directory is not on PATH).
fn pre_commit() -> Option<Vec<&'static str>> {
    if runs("pre-commit", &["--version"]) {
        Some(vec!["pre-commit"])
    } else if runs("python3", &["-m", "pre_commit", "--version"]) {
        Some(vec!["python3", "-m", "pre_commit"])
    } else {
        None
    }
}

/// A throw-away git repository with pre-commit's cache inside it.
struct Repo {
    dir: PathBuf,
}

impl Repo {
    fn new(name: &str, hook_args: &str) -> Repo {
        let dir =
            std::env::temp_dir().join(format!("mojifix-pre-commit-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let repo = Repo { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        // The hooks of .pre-commit-hooks.yaml, pointed at the binary under test.
        let hooks: String = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        )
        .unwrap();
        assert!(hooks.contains(&format!("entry: mojifix {hook_args}")));
        let config = format!(
            "repos:\n- repo: local\n  hooks:\n  - id: mojifix\n    name: mojifix\n    \
             entry: {} {hook_args}\n    language: system\n    types: [text]\n",
            env!("CARGO_BIN_EXE_mojifix")
        );
        repo.write(".pre-commit-config.yaml", &config);
        repo.git(&["add", ".pre-commit-config.yaml"]);
        repo.git(&["commit", "-q", "--no-verify", "-m", "hooks"]);
        let command = pre_commit().expect("checked by skip_reason");
        let mut args = command[1..].to_vec();
        args.push("install");
        let out = repo.run(command[0], &args);
        assert!(out.status.success(), "pre-commit install: {}", text(&out));
        repo
    }

    fn write(&self, name: &str, content: &str) {
        fs::write(self.dir.join(name), content).unwrap();
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.dir.join(name)).unwrap()
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(&self.dir)
            .env("PRE_COMMIT_HOME", self.dir.join(".cache"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.dir)
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.run("git", args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
        out
    }

    fn commit(&self, message: &str) -> Output {
        self.run("git", &["commit", "-q", "-m", message])
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn skip_reason() -> Option<String> {
    if !runs("git", &["--version"]) {
        return Some("git is not installed".into());
    }
    pre_commit()
        .is_none()
        .then(|| "pre-commit is not installed (pip install pre-commit)".into())
}

#[test]
fn fixing_hook_stops_the_commit_and_repairs_the_file() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason} (.ci/run installs it)");
        return;
    }
    let repo = Repo::new("write", "--write");
    repo.write("letter.txt", GARBLED);
    repo.git(&["add", "letter.txt"]);
    let out = repo.commit("with mojibake");
    assert!(
        !out.status.success(),
        "the commit went through: {}",
        text(&out)
    );
    assert!(
        text(&out).contains("files were modified by this hook"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("letter.txt:1:10:"), "{}", text(&out));
    assert_eq!(repo.read("letter.txt"), REPAIRED);

    // The repaired file, staged again, commits.
    repo.git(&["add", "letter.txt"]);
    let out = repo.commit("repaired");
    assert!(out.status.success(), "{}", text(&out));

    // A clean commit passes and leaves the file alone.
    repo.write("clean.txt", "Grüße aus Köln, привет, 日本語\n");
    repo.git(&["add", "clean.txt"]);
    let out = repo.commit("clean");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(repo.read("clean.txt"), "Grüße aus Köln, привет, 日本語\n");
}

#[test]
fn checking_hook_stops_the_commit_and_changes_nothing() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason} (.ci/run installs it)");
        return;
    }
    let repo = Repo::new("check", "--check");
    repo.write("letter.txt", GARBLED);
    repo.git(&["add", "letter.txt"]);
    let out = repo.commit("with mojibake");
    assert!(
        !out.status.success(),
        "the commit went through: {}",
        text(&out)
    );
    assert!(
        text(&out)
            .contains(r#"letter.txt:1:10: "CĂ©line," -> "Céline," (UTF-8 read as windows-1250)"#),
        "{}",
        text(&out)
    );
    assert_eq!(repo.read("letter.txt"), GARBLED);

    repo.write("letter.txt", REPAIRED);
    repo.git(&["add", "letter.txt"]);
    let out = repo.commit("clean");
    assert!(out.status.success(), "{}", text(&out));
}
