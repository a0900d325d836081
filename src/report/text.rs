//! The `text` format: one line per finding for people and editors
//! (`path:line:col: "CĂ©line" -> "Céline" (UTF-8 read as windows-1250)`), or the
//! unified diff in diff mode; in check and diff mode the summary line goes to the
//! side channel.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{quote, FileReport, Finding, Mode, RenderOptions, Renderer, Summary};

const PATH_STYLE: Style = Style::new().bold();
const BEFORE_STYLE: Style = AnsiColor::Red.on_default();
const AFTER_STYLE: Style = AnsiColor::Green.on_default();

pub(super) struct TextRenderer {
    mode: Mode,
    options: RenderOptions,
}

impl TextRenderer {
    pub(super) fn new(mode: Mode, options: RenderOptions) -> Self {
        TextRenderer { mode, options }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.options.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn finding_line(&self, finding: &Finding) -> String {
        let location = format!("{}:{}:{}:", finding.path, finding.line, finding.column);
        format!(
            "{} {} -> {} ({})",
            self.paint(PATH_STYLE, &location),
            self.paint(BEFORE_STYLE, &quote(&finding.word_before)),
            self.paint(AFTER_STYLE, &quote(&finding.word_after)),
            finding.explanation
        )
    }
}

impl Renderer for TextRenderer {
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        if self.mode == Mode::Diff {
            return Ok(());
        }
        for finding in findings {
            writeln!(out, "{}", self.finding_line(finding))?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if self.mode == Mode::Diff {
            if let Some(diff) = &file.diff {
                out.write_all(diff.as_bytes())?;
            }
            return Ok(());
        }
        for note in &file.notes {
            let location = format!("{}:", file.path);
            writeln!(out, "{} {note}", self.paint(PATH_STYLE, &location))?;
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, _path: &str, _message: &str) -> io::Result<()> {
        // People read errors on standard error, where the binary already put them.
        Ok(())
    }

    fn finish(
        &mut self,
        _out: &mut dyn Write,
        side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        // Write mode stays quiet on standard error, where each line is a problem
        // (`mojifix: <path>: <problem>`); its findings already say what changed.
        if summary.mode == Mode::Write {
            return Ok(());
        }
        writeln!(side, "{}", summary_line(summary))
    }
}

/// `3 files checked, 1 with changes (2 findings), 0 errors in 0.004s`.
pub(super) fn summary_line(summary: &Summary) -> String {
    let changed = match summary.mode {
        Mode::Write => "fixed",
        _ => "with changes",
    };
    format!(
        "{}, {} {changed} ({}), {} in {:.3}s",
        count(summary.files_checked, "file checked", "files checked"),
        summary.files_changed,
        count(summary.findings, "finding", "findings"),
        count(summary.errors, "error", "errors"),
        summary.elapsed_seconds
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_in_words() {
        let mut summary = Summary::new(Mode::Write);
        summary.files_checked = 1;
        summary.files_changed = 1;
        summary.findings = 2;
        summary.elapsed_seconds = 0.25;
        assert_eq!(
            summary_line(&summary),
            "1 file checked, 1 fixed (2 findings), 0 errors in 0.250s"
        );
    }
}
