//! The `github` format: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=a.md,line=3,col=7,endColumn=9,title=mojifix::...`), and a Markdown
//! summary with every finding per file on the side channel (the binary points it at
//! `$GITHUB_STEP_SUMMARY`). GitHub shows only ten annotations of each level per step,
//! so the summary is where a reviewer sees them all. In diff mode each file's diff is
//! also printed, folded in a log group.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::text::summary_line;
use super::{FileReport, Finding, Mode, Renderer, Summary};

/// Findings listed in the step summary at most; GitHub caps a step summary at 1 MiB.
const MAX_SUMMARY_ROWS: usize = 2000;
/// Diff text put in the step summary at most, over all files, in bytes.
const MAX_SUMMARY_DIFF_BYTES: usize = 256 * 1024;

pub(super) struct GithubRenderer {
    mode: Mode,
    /// The first [`MAX_SUMMARY_ROWS`] findings, for the summary.
    rows: Vec<Finding>,
    /// Diffs, for the summary.
    diffs: Vec<(String, String)>,
    notes: Vec<(String, Vec<String>)>,
    errors: Vec<(String, String)>,
}

impl GithubRenderer {
    pub(super) fn new(mode: Mode) -> Self {
        GithubRenderer {
            mode,
            rows: Vec::new(),
            diffs: Vec::new(),
            notes: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn level(&self) -> &'static str {
        match self.mode {
            Mode::Write => "notice",
            _ => "error",
        }
    }
}

impl Renderer for GithubRenderer {
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                self.level(),
                escape_property(repo_path(&finding.path)),
                finding.line,
                finding.column,
                finding.line,
                finding.end_column,
                escape_property(title(self.mode)),
                escape_data(&finding.message()),
            )?;
            if self.rows.len() < MAX_SUMMARY_ROWS {
                self.rows.push(finding.clone());
            }
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if !file.changed() {
            return Ok(());
        }
        for note in &file.notes {
            writeln!(
                out,
                "::{} file={},title={}::{}",
                self.level(),
                escape_property(repo_path(&file.path)),
                escape_property(title(self.mode)),
                escape_data(note),
            )?;
        }
        if let Some(diff) = &file.diff {
            writeln!(
                out,
                "::group::{}",
                escape_data(&format!("diff of {}", file.path))
            )?;
            out.write_all(diff.as_bytes())?;
            writeln!(out, "::endgroup::")?;
            self.diffs.push((file.path.clone(), diff.clone()));
        }
        if !file.notes.is_empty() {
            self.notes.push((file.path.clone(), file.notes.clone()));
        }
        Ok(())
    }

    fn error(&mut self, out: &mut dyn Write, path: &str, message: &str) -> io::Result<()> {
        writeln!(
            out,
            "::error file={},title=mojifix::{}",
            escape_property(repo_path(path)),
            escape_data(message)
        )?;
        self.errors.push((path.to_string(), message.to_string()));
        Ok(())
    }

    fn finish(
        &mut self,
        _out: &mut dyn Write,
        side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        side.write_all(self.markdown(summary).as_bytes())
    }
}

fn title(mode: Mode) -> &'static str {
    match mode {
        Mode::Write => "mojifix fixed",
        _ => "mojifix",
    }
}

impl GithubRenderer {
    fn markdown(&self, summary: &Summary) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "### mojifix {}\n", summary.mode.name());
        let _ = writeln!(md, "{}\n", summary_line(summary));
        if !self.rows.is_empty() {
            md.push_str("| file | line:col | before | after | why |\n|---|---|---|---|---|\n");
            for finding in &self.rows {
                let _ = writeln!(
                    md,
                    "| {} | {}:{} | {} | {} | {} |",
                    code(&finding.path),
                    finding.line,
                    finding.column,
                    code(&finding.word_before),
                    code(&finding.word_after),
                    html(&finding.explanation)
                );
            }
            if summary.findings > self.rows.len() {
                let more = summary.findings - self.rows.len();
                let _ = writeln!(md, "\n{more} more findings not listed.");
            }
            md.push('\n');
        }
        for (path, notes) in &self.notes {
            for note in notes {
                let _ = writeln!(md, "- {}: {}", code(path), html(note));
            }
        }
        for (path, message) in &self.errors {
            let _ = writeln!(md, "- error: {}: {}", code(path), html(message));
        }
        self.append_diffs(&mut md);
        md
    }

    fn append_diffs(&self, md: &mut String) {
        let mut budget = MAX_SUMMARY_DIFF_BYTES;
        for (path, diff) in &self.diffs {
            if diff.len() > budget {
                let _ = writeln!(
                    md,
                    "\nDiff of {} too long for the summary; see the log.",
                    code(path)
                );
                continue;
            }
            budget -= diff.len();
            let fence = "`".repeat(longest_backtick_run(diff).max(2) + 1);
            let _ = write!(
                md,
                "\n<details><summary>{}</summary>\n\n{fence}diff\n{diff}",
                html(path)
            );
            if !diff.ends_with('\n') {
                md.push('\n');
            }
            let _ = writeln!(md, "{fence}\n\n</details>");
        }
    }
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Text as inline code inside a Markdown table cell.
fn code(s: &str) -> String {
    format!("<code>{}</code>", html(s))
}

fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '`' => out.push_str("&#96;"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The path as GitHub matches it against the repository: without a leading `./`
/// (what a walk of `.` gives).
fn repo_path(path: &str) -> &str {
    let mut path = path;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path
}

/// Escapes the message of a workflow command, as GitHub's toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command, as GitHub's toolkit does.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_their_dot_slash() {
        assert_eq!(repo_path("./docs/a.md"), "docs/a.md");
        assert_eq!(repo_path("docs/a.md"), "docs/a.md");
    }

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(code("a|b<c>`"), "<code>a&#124;b&lt;c&gt;&#96;</code>");
    }

    #[test]
    fn fences_outgrow_backticks_in_the_diff() {
        assert_eq!(longest_backtick_run("a ```` b ` c"), 4);
    }
}
