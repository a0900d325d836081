//! The reporting modes' side of the binary: `--check`, `--diff` and `--explain`, and
//! the findings `--write` lists, rendered by the library's [`mojifix::report`] in the
//! `--format` asked for. This module only decides where things go: data to standard
//! output, the human summary to standard error (or, for `--format github`, to the
//! file `$GITHUB_STEP_SUMMARY` names when it is set).

use std::fs::OpenOptions;
use std::io::{self, IsTerminal, Write};
use std::time::Instant;

use mojifix::report::{
    self, findings_iter, renderer, unified_diff, write_explanation, DiffStyle, FileReport, Format,
    RenderOptions, Renderer, Summary,
};
use mojifix::Change;

/// Findings are made and rendered this many at a time: a piece can hold millions of
/// changes, and a finding takes about a kilobyte with its strings.
const FINDINGS_BATCH: usize = 1024;

/// `--color`: when to use ANSI colours on standard output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always, even into a pipe or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output. `NO_COLOR` (set and not empty) turns `auto`
    /// off, as <https://no-color.org> asks; an explicit `always` still wins.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                !no_color && io::stdout().is_terminal()
            }
        }
    }
}

/// How a reporting run renders.
#[derive(Clone, Copy, Debug)]
pub struct ReportOptions {
    /// What the run does.
    pub mode: report::Mode,
    /// `--format`.
    pub format: Format,
    /// Colour on standard output (only the text format uses it).
    pub color: bool,
}

/// Notes listed per file at most (a file can hold any number of invalid byte runs).
const MAX_NOTES: usize = 10;

/// A report being written: the renderer, its totals, the file in progress, and where
/// the summary goes.
pub struct Reporter<'w> {
    out: Box<dyn Write + 'w>,
    side: Box<dyn Write>,
    renderer: Box<dyn Renderer>,
    summary: Summary,
    started: Instant,
    options: ReportOptions,
    file: Option<FileInProgress>,
}

/// What is gathered about a file while its pieces go by. The texts and changes are
/// kept only in diff mode, where the diff needs the whole file.
struct FileInProgress {
    report: FileReport,
    /// Notes beyond [`MAX_NOTES`], counted.
    more_notes: usize,
    old: String,
    new: String,
    changes: Vec<Change>,
}

impl<'w> Reporter<'w> {
    /// Starts a report written to `out`.
    pub fn new(options: ReportOptions, out: Box<dyn Write + 'w>) -> Self {
        let mut render = RenderOptions::default();
        render.color = options.color;
        Reporter {
            out,
            side: side_channel(options.format),
            renderer: renderer(options.format, options.mode, render),
            summary: Summary::new(options.mode),
            started: Instant::now(),
            options,
            file: None,
        }
    }

    /// Starts a file. `bom` says whether the input began with a byte order mark and
    /// whether the output will: diffs show it, so that they apply to the file's bytes.
    pub fn begin(&mut self, name: &str, bom: (bool, bool)) {
        let mut file = FileInProgress {
            report: FileReport::new(name, 0),
            more_notes: 0,
            old: String::new(),
            new: String::new(),
            changes: Vec::new(),
        };
        if self.options.mode == report::Mode::Diff {
            if bom.0 {
                file.old.push('\u{feff}');
            }
            if bom.1 {
                file.new.push('\u{feff}');
            }
        }
        self.file = Some(file);
    }

    /// Adds a piece of the file: whole lines starting at line `first_line` and byte
    /// `offset` of the decoded text. Its findings are rendered at once, so that a long
    /// stream's findings do not pile up (the diff, which needs the whole file, does).
    pub fn piece(
        &mut self,
        original: &str,
        output: &str,
        changes: &[Change],
        first_line: u64,
        offset: u64,
    ) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let path = file.report.path.clone();
        let mut found = findings_iter(
            &path,
            original,
            changes,
            first_line as usize,
            offset as usize,
        );
        loop {
            let batch: Vec<_> = found.by_ref().take(FINDINGS_BATCH).collect();
            if batch.is_empty() {
                break;
            }
            file.report.findings += batch.len();
            self.renderer.findings(&mut *self.out, &batch)?;
        }
        if self.options.mode == report::Mode::Diff {
            let base = file.old.len();
            file.changes.extend(changes.iter().map(|c| {
                let mut c = c.clone();
                c.range = c.range.start + base..c.range.end + base;
                c
            }));
            file.old.push_str(original);
            file.new.push_str(output);
        }
        Ok(())
    }

    /// Adds a change to the whole file that has no place in its text (decoded from
    /// another encoding, a byte order mark dropped, invalid bytes replaced).
    pub fn note(&mut self, note: String) {
        if let Some(file) = self.file.as_mut() {
            if file.report.notes.len() < MAX_NOTES {
                file.report.notes.push(note);
            } else {
                file.more_notes += 1;
            }
        }
    }

    /// Ends the file and renders it. Returns whether it had (or would have) changes.
    pub fn end(&mut self, written: bool) -> io::Result<bool> {
        let Some(mut file) = self.file.take() else {
            return Ok(false);
        };
        file.report.written = written;
        if file.more_notes > 0 {
            file.report
                .notes
                .push(format!("{} more notes like these", file.more_notes));
        }
        if self.options.mode == report::Mode::Diff && file.old != file.new {
            let color = self.options.color && self.options.format == Format::Text;
            file.report.diff = Some(unified_diff(
                &file.report.path,
                &file.old,
                &file.new,
                &file.changes,
                DiffStyle::with_color(color),
            ));
        }
        if self.options.mode == report::Mode::Diff && self.options.format == Format::Text {
            // A diff has no place for a change to the whole file (its encoding, its
            // byte order mark): say it where messages go, so exit 1 is explained.
            for note in &file.report.notes {
                let _ = writeln!(self.side, "mojifix: {}: {note}", file.report.path);
            }
        }
        self.summary.add_file(&file.report);
        self.renderer.file(&mut *self.out, &file.report)?;
        Ok(file.report.changed())
    }

    /// Reports an input that could not be processed, dropping what was gathered
    /// about it.
    pub fn failed(&mut self, name: &str, message: &str) -> io::Result<()> {
        self.file = None;
        self.summary.add_error();
        self.renderer.error(&mut *self.out, name, message)
    }

    /// Ends the report. A summary that cannot be written (standard error closed, the
    /// step summary file unwritable) does not fail the run.
    pub fn finish(&mut self) -> io::Result<()> {
        self.summary.set_elapsed(self.started.elapsed());
        let mut side = SideWriter {
            inner: &mut *self.side,
        };
        self.renderer
            .finish(&mut *self.out, &mut side, &self.summary)?;
        self.out.flush()
    }
}

/// Writes to the side channel, swallowing its errors: the summary is for people and
/// must not turn a finished run into a failure.
struct SideWriter<'a> {
    inner: &'a mut dyn Write,
}

impl Write for SideWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = self.inner.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.inner.flush();
        Ok(())
    }
}

/// Where the human summary goes: `$GITHUB_STEP_SUMMARY` (appended to) for the github
/// format when it is set, else standard error.
fn side_channel(format: Format) -> Box<dyn Write> {
    if format == Format::Github {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            match OpenOptions::new().create(true).append(true).open(&path) {
                Ok(file) => return Box::new(file),
                Err(e) => super::messages::error(&format_args!(
                    "{}: {e} (step summary written to standard error instead)",
                    std::path::Path::new(&path).display()
                )),
            }
        }
    }
    Box::new(io::stderr())
}

/// Writes `--explain` output for one piece of a text; returns whether it had changes.
pub fn explain(
    out: &mut dyn Write,
    name: &str,
    original: &str,
    changes: &[Change],
    first_line: u64,
    offset: u64,
) -> io::Result<bool> {
    let mut found = findings_iter(
        name,
        original,
        changes,
        first_line as usize,
        offset as usize,
    );
    let mut any = false;
    loop {
        let batch: Vec<_> = found.by_ref().take(FINDINGS_BATCH).collect();
        if batch.is_empty() {
            return Ok(any);
        }
        if any {
            // The blank line write_explanation puts between the findings it is given.
            writeln!(out)?;
        }
        write_explanation(out, &batch)?;
        any = true;
    }
}
