//! `--jsonl`: JSON Lines in, one record at a time, repaired fields spliced back.
//!
//! Streams: one line is read, repaired ([`mojifix::jsonl::fix_record`]) and written
//! before the next is read, so memory stays bounded by the longest line. Line endings
//! (`\n`, `\r\n`, none at the end) pass through, and so do blank lines, which are not
//! counted as records. A line that is not a JSON object holding every field is handled
//! by the `--on-error` policy. At the end a summary goes to standard error.
//!
//! In print mode the repaired records go to standard output; with `--check` nothing is
//! printed but one finding per changed field (text, or `--format jsonl`), and the exit
//! code is 1 when any record would change.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use mojifix::jsonl::{fix_record, FieldChanges, FieldPath, RecordError};
use mojifix::report::Format;
use mojifix::Config;

use super::messages;
use super::mode::Mode;
use super::outcome::Source;

/// What to do with a line that is not a record with every field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OnError {
    /// Stop at the line, naming it; exit 2.
    #[default]
    Fail,
    /// Leave the line out of the output and count it.
    Skip,
    /// Pass the line through untouched and count it.
    Keep,
}

/// The JSON Lines part of a plan.
#[derive(Debug)]
pub struct JsonlPlan {
    /// The fields to repair in every record.
    pub fields: Vec<FieldPath>,
    /// What to do with a bad line.
    pub on_error: OnError,
}

/// What the run counted, for the summary and the exit code.
#[derive(Debug, Default)]
struct Tally {
    records: u64,
    changed: u64,
    errors: u64,
}

/// Runs `--jsonl` over `input` (a path, or `-` for standard input) and returns the
/// exit code.
pub fn run(input: &Path, jsonl: &JsonlPlan, mode: Mode, format: Format, config: &Config) -> i32 {
    let source = Source::from_arg(input);
    let reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(input) {
            Ok(file) => Box::new(BufReader::with_capacity(1 << 16, file)),
            Err(e) => {
                messages::error(&format_args!("{source}: {e}"));
                return 2;
            }
        }
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut tally = Tally::default();
    let job = Job {
        source: &source,
        plan: jsonl,
        config,
        check: mode == Mode::Check,
        format,
    };
    let result = job.stream(reader, &mut out, &mut tally);
    let result = result.and_then(|stopped| out.flush().map(|()| stopped).map_err(Failure::Write));
    let code = match result {
        Ok(false) => 0,
        Ok(true) => 2,
        Err(Failure::Read(e)) => {
            messages::error(&format_args!("{source}: {e}"));
            2
        }
        Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => return 0,
        Err(Failure::Write(e)) => {
            messages::error(&format_args!("<stdout>: {e}"));
            return 2;
        }
    };
    messages::error(&format_args!(
        "{source}: {} records, {} changed, {} errors",
        tally.records, tally.changed, tally.errors
    ));
    if code == 0 && job.check && tally.changed > 0 {
        return 1;
    }
    code
}

/// Why streaming stopped early.
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// One `--jsonl` run's settings.
struct Job<'a> {
    source: &'a Source,
    plan: &'a JsonlPlan,
    config: &'a Config,
    check: bool,
    format: Format,
}

impl Job<'_> {
    /// Streams every line; returns whether a bad line stopped the run (`--on-error
    /// fail`).
    fn stream(
        &self,
        mut reader: impl BufRead,
        out: &mut impl Write,
        tally: &mut Tally,
    ) -> Result<bool, Failure> {
        let mut buffer = Vec::new();
        let mut line_number = 0u64;
        loop {
            buffer.clear();
            if reader
                .read_until(b'\n', &mut buffer)
                .map_err(Failure::Read)?
                == 0
            {
                return Ok(false);
            }
            line_number += 1;
            let (content, ending) = split_ending(&buffer);
            if content.iter().all(u8::is_ascii_whitespace) {
                self.emit(out, &buffer)?;
                continue;
            }
            tally.records += 1;
            match self.record(content, line_number, tally.records, out)? {
                Ok(None) => self.emit(out, &buffer)?,
                Ok(Some(fixed)) => {
                    tally.changed += 1;
                    self.emit(out, fixed.as_bytes())?;
                    self.emit(out, ending)?;
                }
                Err(problem) => {
                    tally.errors += 1;
                    messages::error(&format_args!("{}:{line_number}: {problem}", self.source));
                    match self.plan.on_error {
                        OnError::Fail => return Ok(true),
                        OnError::Skip => {}
                        OnError::Keep => self.emit(out, &buffer)?,
                    }
                }
            }
        }
    }

    /// Repairs one record: `Ok(None)` when it stays as it is, the new line when it
    /// changes, or the problem with the line. In check mode the findings are written
    /// instead.
    fn record(
        &self,
        content: &[u8],
        line: u64,
        record: u64,
        out: &mut impl Write,
    ) -> Result<Result<Option<String>, String>, Failure> {
        let Ok(text) = std::str::from_utf8(content) else {
            return Ok(Err("not UTF-8".to_owned()));
        };
        let fixed = match fix_record(text, &self.plan.fields, self.config) {
            Ok(fixed) => fixed,
            Err(e) => return Ok(Err(describe(&e))),
        };
        if !fixed.changed() {
            return Ok(Ok(None));
        }
        if self.check {
            for field in fixed.fields() {
                self.finding(out, line, record, field)?;
            }
        }
        Ok(Ok(Some(fixed.into_line().into_owned())))
    }

    /// Writes one changed field's report line in check mode.
    fn finding(
        &self,
        out: &mut impl Write,
        line: u64,
        record: u64,
        field: &FieldChanges,
    ) -> Result<(), Failure> {
        for change in &field.changes {
            let text = if self.format == Format::Jsonl {
                serde_json::json!({
                    "path": self.source.to_string(),
                    "line": line,
                    "record": record,
                    "field": field.field,
                    "range": [change.range.start, change.range.end],
                    "before": change.before,
                    "after": change.after,
                    "explanation": change.explanation(),
                    "confidence": change.confidence,
                })
                .to_string()
            } else {
                format!(
                    "{}:{line}: record {record}, field {}: {:?} -> {:?} ({})",
                    self.source,
                    field.field,
                    change.before,
                    change.after,
                    change.explanation()
                )
            };
            writeln!(out, "{text}").map_err(Failure::Write)?;
        }
        Ok(())
    }

    /// Writes bytes of the output (nothing in check mode).
    fn emit(&self, out: &mut impl Write, bytes: &[u8]) -> Result<(), Failure> {
        if self.check {
            return Ok(());
        }
        out.write_all(bytes).map_err(Failure::Write)
    }
}

/// A line without its ending, and the ending (`\n`, `\r\n` or nothing).
fn split_ending(line: &[u8]) -> (&[u8], &[u8]) {
    let mut end = line.len();
    if line[..end].ends_with(b"\n") {
        end -= 1;
        if line[..end].ends_with(b"\r") {
            end -= 1;
        }
    }
    line.split_at(end)
}

/// The problem with a line; serde_json's position is always on line 1 of it.
fn describe(error: &RecordError) -> String {
    error
        .to_string()
        .replace(" at line 1 column ", " at column ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_split_off() {
        assert_eq!(split_ending(b"{}\r\n"), (&b"{}"[..], &b"\r\n"[..]));
        assert_eq!(split_ending(b"{}\n"), (&b"{}"[..], &b"\n"[..]));
        assert_eq!(split_ending(b"{}"), (&b"{}"[..], &b""[..]));
        assert_eq!(split_ending(b"{}\r"), (&b"{}\r"[..], &b""[..]));
    }
}
