//! `--jsonl`: JSON Lines in, one record at a time, repaired fields spliced back.
//!
//! Streams: batches of lines (at most 4096 lines or about 8 MiB) are read, repaired
//! ([`mojifix::jsonl::fix_record`]) on `-j` threads, and written in input order before
//! the next batch is read, so memory stays bounded. Line endings
//! (`\n`, `\r\n`, none at the end) pass through, and so do blank lines, which are not
//! counted as records. A line that is not a JSON object holding every field is handled
//! by the `--on-error` policy. At the end a summary goes to standard error.
//!
//! In print mode the repaired records go to standard output; with `--check` nothing is
//! printed but one finding per changed field (text, or `--format jsonl`), and the exit
//! code is 1 when any record would change.

use std::fs::File;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::path::Path;

use mojifix::jsonl::{fix_record, FieldChanges, FieldPath, RecordError};
use mojifix::report::Format;
use mojifix::Config;
use rayon::prelude::*;

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
pub fn run(
    input: &Path,
    jsonl: &JsonlPlan,
    mode: Mode,
    format: Format,
    config: &Config,
    jobs: usize,
) -> i32 {
    let source = Source::from_arg(input);
    let reader: Box<dyn Read> = if input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(input) {
            Ok(file) => Box::new(file),
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
    // One thread reads and writes; with more than one job, batches of lines are
    // repaired on a pool, and written in input order.
    let pool = (jobs > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .ok()
        })
        .flatten();
    let result = job.stream(reader, &mut out, &mut tally, pool.as_ref());
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

/// Most lines read ahead and repaired at once; with the bytes limit below, this bounds
/// memory while giving every worker thread enough to do.
const BATCH_LINES: usize = 4096;
/// Most bytes of lines read ahead at once (a batch holds at least one line).
const BATCH_BYTES: usize = 8 << 20;

/// A batch of lines as read, in one buffer: UTF-8 text (the usual case, checked once
/// for the whole batch), or bytes when some line is not UTF-8.
struct Batch {
    text: Result<String, Vec<u8>>,
    lines: Vec<Line>,
}

/// One line of a batch: where its bytes are (ending included), its number, and its
/// record number (`None` for a blank line, which is no record).
struct Line {
    range: Range<usize>,
    number: u64,
    record: Option<u64>,
}

impl Batch {
    fn bytes(&self) -> &[u8] {
        match &self.text {
            Ok(text) => text.as_bytes(),
            Err(bytes) => bytes,
        }
    }

    /// The line's text without its ending, or `None` when it is not UTF-8.
    fn content(&self, line: &Line) -> Option<&str> {
        let end = line.range.start + split_ending(&self.bytes()[line.range.clone()]).0.len();
        match &self.text {
            Ok(text) => Some(&text[line.range.start..end]),
            Err(bytes) => std::str::from_utf8(&bytes[line.range.start..end]).ok(),
        }
    }

    /// The buffer, emptied, for the next batch.
    fn into_buffer(self) -> Vec<u8> {
        let mut buffer = match self.text {
            Ok(text) => text.into_bytes(),
            Err(bytes) => bytes,
        };
        buffer.clear();
        buffer
    }
}

/// What became of one line.
enum Verdict {
    /// Written as it was read.
    Unchanged,
    /// A record with changed fields: the new line without its ending, and the findings
    /// (check mode).
    Changed(String, Vec<String>),
    /// Not a record with every field; the problem.
    Bad(String),
}

impl Job<'_> {
    /// Streams every line, repairing batches of lines on `pool` and writing them in
    /// input order; returns whether a bad line stopped the run (`--on-error fail`).
    fn stream(
        &self,
        reader: impl Read,
        out: &mut impl Write,
        tally: &mut Tally,
        pool: Option<&rayon::ThreadPool>,
    ) -> Result<bool, Failure> {
        let mut counts = (0u64, 0u64);
        let mut buffer = Vec::new();
        let mut reader = LineReader {
            reader,
            carry: Vec::new(),
            eof: false,
        };
        loop {
            let batch = reader.batch(&mut counts, buffer).map_err(Failure::Read)?;
            if batch.lines.is_empty() {
                return Ok(false);
            }
            let verdicts: Vec<Verdict> = match pool {
                Some(pool) => pool.install(|| {
                    batch
                        .lines
                        .par_iter()
                        .map(|l| self.judge(&batch, l))
                        .collect()
                }),
                None => batch.lines.iter().map(|l| self.judge(&batch, l)).collect(),
            };
            if self.settle(&batch, verdicts, out, tally)? {
                return Ok(true);
            }
            buffer = batch.into_buffer();
        }
    }

    /// Writes a batch's results and counts them; returns whether the run must stop.
    /// Runs of lines written as they were read go out in one write, straight from
    /// the batch's buffer.
    fn settle(
        &self,
        batch: &Batch,
        verdicts: Vec<Verdict>,
        out: &mut impl Write,
        tally: &mut Tally,
    ) -> Result<bool, Failure> {
        let bytes = batch.bytes();
        let mut unchanged_from = 0;
        for (line, verdict) in batch.lines.iter().zip(verdicts) {
            if line.record.is_some() {
                tally.records += 1;
            }
            let passes = match verdict {
                Verdict::Unchanged => true,
                Verdict::Changed(fixed, findings) => {
                    tally.changed += 1;
                    self.emit(out, &bytes[unchanged_from..line.range.start])?;
                    for finding in findings {
                        writeln!(out, "{finding}").map_err(Failure::Write)?;
                    }
                    self.emit(out, fixed.as_bytes())?;
                    self.emit(out, split_ending(&bytes[line.range.clone()]).1)?;
                    false
                }
                Verdict::Bad(problem) => {
                    tally.errors += 1;
                    messages::error(&format_args!("{}:{}: {problem}", self.source, line.number));
                    match self.plan.on_error {
                        OnError::Keep => true,
                        OnError::Skip => {
                            self.emit(out, &bytes[unchanged_from..line.range.start])?;
                            false
                        }
                        OnError::Fail => {
                            self.emit(out, &bytes[unchanged_from..line.range.start])?;
                            return Ok(true);
                        }
                    }
                }
            };
            if !passes {
                unchanged_from = line.range.end;
            }
        }
        self.emit(out, &bytes[unchanged_from..])?;
        Ok(false)
    }

    /// Repairs one line; pure, so lines can be judged on any thread.
    fn judge(&self, batch: &Batch, line: &Line) -> Verdict {
        let Some(record) = line.record else {
            return Verdict::Unchanged;
        };
        let Some(text) = batch.content(line) else {
            return Verdict::Bad("not UTF-8".to_owned());
        };
        let fixed = match fix_record(text, &self.plan.fields, self.config) {
            Ok(fixed) => fixed,
            Err(e) => return Verdict::Bad(describe(&e)),
        };
        if !fixed.changed() {
            return Verdict::Unchanged;
        }
        let findings = if self.check {
            fixed
                .fields()
                .iter()
                .flat_map(|field| self.findings(line.number, record, field))
                .collect()
        } else {
            Vec::new()
        };
        Verdict::Changed(fixed.into_line().into_owned(), findings)
    }

    /// The report lines for one changed field in check mode.
    fn findings(&self, line: u64, record: u64, field: &FieldChanges) -> Vec<String> {
        field
            .changes
            .iter()
            .map(|change| {
                if self.format == Format::Jsonl {
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
                }
            })
            .collect()
    }

    /// Writes bytes of the output (nothing in check mode).
    fn emit(&self, out: &mut impl Write, bytes: &[u8]) -> Result<(), Failure> {
        if self.check || bytes.is_empty() {
            return Ok(());
        }
        out.write_all(bytes).map_err(Failure::Write)
    }
}

/// Bytes asked of the input at a time.
const READ_BYTES: usize = 1 << 20;

/// The input, read in blocks straight into a batch's buffer (no line-by-line copy
/// out of a reader's own buffer).
struct LineReader<R> {
    reader: R,
    /// Bytes read after the last whole line of the previous batch.
    carry: Vec<u8>,
    eof: bool,
}

impl<R: Read> LineReader<R> {
    /// Reads up to [`BATCH_LINES`] lines or about [`BATCH_BYTES`] bytes into
    /// `buffer` (empty, reused from the previous batch); `counts` carries the
    /// numbers of lines and records read so far.
    fn batch(&mut self, counts: &mut (u64, u64), mut buffer: Vec<u8>) -> io::Result<Batch> {
        buffer.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut lines = Vec::new();
        let mut start = 0;
        while lines.len() < BATCH_LINES {
            let end = match memchr::memchr(b'\n', &buffer[start..]) {
                Some(i) => start + i + 1,
                None if start < buffer.len() && self.eof => buffer.len(),
                None if self.eof || (start >= BATCH_BYTES && !lines.is_empty()) => break,
                None => {
                    let read = (&mut self.reader)
                        .take(READ_BYTES as u64)
                        .read_to_end(&mut buffer)?;
                    self.eof = read == 0;
                    continue;
                }
            };
            lines.push(line(&buffer, start..end, counts));
            start = end;
        }
        self.carry.extend_from_slice(&buffer[start..]);
        buffer.truncate(start);
        // Line feeds are character boundaries, so the batch is UTF-8 when every line
        // is.
        let text = String::from_utf8(buffer).map_err(|e| e.into_bytes());
        Ok(Batch { text, lines })
    }
}

/// The line at `range` of `buffer`, numbered.
fn line(buffer: &[u8], range: Range<usize>, counts: &mut (u64, u64)) -> Line {
    counts.0 += 1;
    let blank = split_ending(&buffer[range.clone()])
        .0
        .iter()
        .all(u8::is_ascii_whitespace);
    let record = (!blank).then(|| {
        counts.1 += 1;
        counts.1
    });
    Line {
        range,
        number: counts.0,
        record,
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
