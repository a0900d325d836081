//! The one value every mode consumes: what became of one input.
//!
//! Reading, decoding and repairing happen before a mode sees a file (in parallel when
//! there are many), so a mode only decides what to do with an [`Outcome`]: print it,
//! write it back, report it. A text comes as [`Piece`]s: one for a file read whole,
//! runs of whole lines for a stream (standard input, big files), repaired as they are
//! read. Whether writing back changes anything is decided in one place:
//! [`Text::converts`] for the encoding and BOM, [`Piece::changed`] for the text, from
//! `Fixed::changed()`.

use std::collections::VecDeque;
use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, OnceLock};

use mojifix::decode::{Decoded, Decoding, InvalidRun, SourceEncoding};
use mojifix::input::{Chunk, TextStream};
use mojifix::settings::Settings;
use mojifix::{Change, Error};
use rayon::prelude::*;

/// Where an input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-` or no argument).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

impl Source {
    /// `-` is standard input; anything else is a path.
    pub fn from_arg(arg: &Path) -> Source {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// The path, for files.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(path) => Some(path),
        }
    }

    /// How the input is named in messages, as a path.
    pub fn name(&self) -> PathBuf {
        match self {
            Source::Stdin => PathBuf::from("<stdin>"),
            Source::File(path) => path.clone(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name().display())
    }
}

/// What became of one input.
pub struct Outcome {
    /// Where it came from.
    pub source: Source,
    /// Its repaired text, or why there is none.
    pub body: Body,
    /// The file's metadata from before it was read (None for standard input), to
    /// keep permissions and notice changes made meanwhile.
    pub stamp: Option<std::fs::Metadata>,
    /// Named on the command line rather than found in a directory walk; skips of
    /// such inputs are reported (ripgrep's rule: a walk passes binary files silently).
    pub explicit: bool,
}

/// The result of reading and repairing one input.
pub enum Body {
    /// The input was read, decoded and repaired (a stream: is being).
    Text(Text),
    /// The input is not text, or must not be touched (a binary file, a symbolic link
    /// in write mode): it was not read or is not modified. Not an error.
    Skipped(String),
    /// The input could not be read or decoded; reported, and the run exits 2.
    Failed(Error),
}

impl Body {
    /// Binary inputs are skipped; every other error is a failure.
    pub fn from_error(error: Error) -> Body {
        if error.is_binary() {
            Body::Skipped(error.cause())
        } else {
            Body::Failed(error)
        }
    }
}

/// A decoded input and its repair.
pub struct Text {
    /// How the input was decoded.
    pub decoding: Decoding,
    /// Whether the output starts with a UTF-8 byte order mark: the input had a BOM
    /// and `--strip-bom` was not given.
    pub write_bom: bool,
    /// In write mode, the new content already in its temporary file (files read
    /// whole that change; see `write.rs`).
    pub prepared: Option<super::write::Prepared>,
    content: Content,
}

enum Content {
    Whole(Box<Piece>),
    Stream(Box<Stream>),
}

/// A run of whole lines and its repair.
#[derive(Debug)]
pub struct Piece {
    /// The decoded text, as read.
    pub original: String,
    /// The repair of `original` when it changed anything; `None` when the output is
    /// `original` itself, which is then neither copied nor held twice.
    repair: Option<Repair>,
    /// Line number (from 1) of the piece's first line in the input.
    pub first_line: u64,
    /// Byte offset of the piece in the decoded text of the whole input.
    pub offset: u64,
    /// Stray invalid bytes decoded on their own (offsets in the input's bytes).
    pub invalid_runs: Vec<InvalidRun>,
    /// Where the text goes back for reuse when the piece is dropped (streams).
    spare: Option<Spare>,
}

/// A repaired text and its changes (ranges relative to the piece's `original`).
#[derive(Debug)]
struct Repair {
    text: String,
    changes: Vec<Change>,
}

impl Repair {
    fn of(text: &str, settings: &Settings) -> Option<Repair> {
        let fixed = settings.fix(text);
        // Taken apart, not copied: a piece can hold millions of changes.
        fixed.changed().then(|| {
            let (text, changes) = fixed.into_parts();
            Repair {
                text: text.into_owned(),
                changes,
            }
        })
    }

    /// Repairs `text` in runs of whole lines of about [`PARALLEL_PIECE_BYTES`] on the
    /// workers and joins the results. Repair works line by line, so this gives what
    /// one call on the whole text gives.
    fn in_parallel(text: &str, settings: &Settings, pool: &rayon::ThreadPool) -> Option<Repair> {
        let ranges = line_runs(text, PARALLEL_PIECE_BYTES);
        let repairs: Vec<Option<Repair>> = pool.install(|| {
            ranges
                .par_iter()
                .map(|range| Repair::of(&text[range.clone()], settings))
                .collect()
        });
        if repairs.iter().all(Option::is_none) {
            return None;
        }
        let mut joined = Repair {
            text: String::with_capacity(text.len() + text.len() / 8),
            changes: Vec::new(),
        };
        for (range, repair) in ranges.iter().zip(repairs) {
            match repair {
                None => joined.text.push_str(&text[range.clone()]),
                Some(repair) => {
                    joined.text.push_str(&repair.text);
                    joined
                        .changes
                        .extend(repair.changes.into_iter().map(|mut change| {
                            change.range =
                                change.range.start + range.start..change.range.end + range.start;
                            change
                        }));
                }
            }
        }
        Some(joined)
    }
}

/// Texts read whole and longer than twice this are repaired in parallel runs of
/// whole lines of about this size (with more than one job).
const PARALLEL_PIECE_BYTES: usize = 1 << 20;

/// `text` cut into runs of whole lines of at least `size` bytes (the last may be
/// shorter; a line longer than `size` is one run).
fn line_runs(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        match memchr::memchr(b'\n', &text.as_bytes()[start + size..]) {
            Some(i) => {
                let end = start + size + i + 1;
                runs.push(start..end);
                start = end;
            }
            None => break,
        }
    }
    if start < text.len() || runs.is_empty() {
        runs.push(start..text.len());
    }
    runs
}

impl Piece {
    fn repair(chunk: Chunk, settings: &Settings, spare: Option<Spare>) -> Piece {
        let repair = Repair::of(&chunk.text, settings);
        Piece::new(chunk, repair, spare)
    }

    fn new(chunk: Chunk, repair: Option<Repair>, spare: Option<Spare>) -> Piece {
        Piece {
            original: chunk.text,
            repair,
            first_line: chunk.first_line,
            offset: chunk.offset,
            invalid_runs: chunk.invalid_runs,
            spare,
        }
    }

    /// The repaired text.
    pub fn output(&self) -> &str {
        self.repair
            .as_ref()
            .map_or(&self.original, |repair| &repair.text)
    }

    /// The changes, with byte ranges into `original`.
    pub fn changes(&self) -> &[Change] {
        self.repair.as_ref().map_or(&[], |repair| &repair.changes)
    }

    /// Whether the piece's output bytes differ from its input bytes: a repair, or
    /// stray invalid bytes now written as UTF-8.
    pub fn changed(&self) -> bool {
        self.repair.is_some() || !self.invalid_runs.is_empty()
    }
}

impl Drop for Piece {
    fn drop(&mut self) {
        if let Some(spare) = &self.spare {
            spare.put(std::mem::take(&mut self.original));
        }
    }
}

/// Texts of a stream's pieces that were consumed, on their way back to the stream
/// to hold later chunks (pieces are dropped by the output, possibly after being
/// repaired on another thread).
#[derive(Clone, Debug, Default)]
struct Spare(Arc<Mutex<Vec<String>>>);

impl Spare {
    fn put(&self, text: String) {
        if let Ok(mut texts) = self.0.lock() {
            texts.push(text);
        }
    }

    fn return_to(&self, reader: &mut TextStream<Box<dyn Read + Send>>) {
        if let Ok(mut texts) = self.0.lock() {
            for text in texts.drain(..) {
                reader.recycle(text);
            }
        }
    }
}

/// A stream being repaired chunk by chunk: on the output thread, or with more than
/// one job on the worker threads, several chunks at once.
struct Stream {
    reader: TextStream<Box<dyn Read + Send>>,
    settings: Arc<Settings>,
    spare: Spare,
    workers: Option<Workers>,
    /// Chunks being repaired, in input order: at most one more than there are
    /// workers, which bounds memory.
    in_flight: VecDeque<mpsc::Receiver<Piece>>,
    /// The stream ended (or failed) after the chunks in flight.
    ended: bool,
    failure: Option<Error>,
}

/// The threads a run's files, a stream's chunks and a long text's runs of lines are
/// repaired on, and how many. The pool starts at first use: a run over one small
/// file needs no thread but its own.
#[derive(Clone)]
pub struct Workers {
    pool: Arc<OnceLock<Result<rayon::ThreadPool, String>>>,
    /// How many threads the pool has.
    pub jobs: usize,
}

impl Workers {
    /// Workers for `jobs` threads, none started yet.
    pub fn new(jobs: usize) -> Workers {
        Workers {
            pool: Arc::default(),
            jobs,
        }
    }

    /// The pool, started on first use, or why its threads could not be started.
    pub fn pool(&self) -> Result<&rayon::ThreadPool, &str> {
        let pool = self.pool.get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(self.jobs)
                .build()
                .map_err(|e| e.to_string())
        });
        pool.as_ref().map_err(String::as_str)
    }
}

impl Stream {
    fn next_piece(&mut self) -> Option<Result<Piece, Error>> {
        self.spare.return_to(&mut self.reader);
        // Without threads to spare (or none to start), each chunk is repaired here.
        let workers = self.workers.clone();
        let parallel = workers
            .as_ref()
            .and_then(|w| Some((w.pool().ok()?, w.jobs)));
        let Some((pool, jobs)) = parallel else {
            return match self.reader.next_chunk() {
                Ok(Some(chunk)) => Some(Ok(Piece::repair(
                    chunk,
                    &self.settings,
                    Some(self.spare.clone()),
                ))),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            };
        };
        while !self.ended && self.in_flight.len() <= jobs {
            match self.reader.next_chunk() {
                Ok(Some(chunk)) => {
                    let (sender, receiver) = mpsc::sync_channel(1);
                    let settings = Arc::clone(&self.settings);
                    let spare = self.spare.clone();
                    pool.spawn(move || {
                        // The receiver is gone only when the output stopped.
                        let _ = sender.send(Piece::repair(chunk, &settings, Some(spare)));
                    });
                    self.in_flight.push_back(receiver);
                }
                Ok(None) => self.ended = true,
                Err(e) => {
                    self.failure = Some(e);
                    self.ended = true;
                }
            }
        }
        match self.in_flight.pop_front() {
            Some(receiver) => Some(receiver.recv().map_err(|_| worker_lost(&self.reader))),
            None => self.failure.take().map(Err),
        }
    }
}

/// The error for a chunk whose worker thread died (a panic, which repair never
/// does by contract).
fn worker_lost(reader: &TextStream<Box<dyn Read + Send>>) -> Error {
    Error::Io {
        path: reader.name().to_path_buf(),
        source: std::io::Error::other("a worker thread failed while repairing"),
    }
}

impl Text {
    /// Repairs a whole decoded input; a long one in parallel runs of lines when
    /// there is more than one worker.
    pub fn whole(
        decoded: Decoded,
        settings: &Settings,
        strip_bom: bool,
        workers: Option<&Workers>,
    ) -> Text {
        let long = decoded.text.len() > 2 * PARALLEL_PIECE_BYTES;
        let pool = workers
            .filter(|w| w.jobs > 1 && long)
            .and_then(|w| w.pool().ok());
        let repair = match pool {
            Some(pool) => Repair::in_parallel(&decoded.text, settings, pool),
            None => Repair::of(&decoded.text, settings),
        };
        let chunk = Chunk {
            text: decoded.text,
            first_line: 1,
            offset: 0,
            invalid_runs: decoded.invalid_runs,
        };
        Text {
            decoding: decoded.decoding,
            write_bom: decoded.decoding.bom && !strip_bom,
            prepared: None,
            content: Content::Whole(Box::new(Piece::new(chunk, repair, None))),
        }
    }

    /// A stream to be repaired as it is read; with `workers`, chunks are repaired in
    /// parallel and handed out in order.
    pub fn stream(
        reader: TextStream<Box<dyn Read + Send>>,
        settings: &Settings,
        strip_bom: bool,
        workers: Option<Workers>,
    ) -> Text {
        let decoding = reader.decoding();
        Text {
            decoding,
            write_bom: decoding.bom && !strip_bom,
            prepared: None,
            content: Content::Stream(Box::new(Stream {
                reader,
                settings: Arc::new(settings.clone()),
                spare: Spare::default(),
                workers: workers.filter(|w| w.jobs > 1),
                in_flight: VecDeque::new(),
                ended: false,
                failure: None,
            })),
        }
    }

    /// Whether writing the text back changes the file even where no piece changed: the
    /// input was not UTF-8 (the output always is), or had a BOM that is dropped, or
    /// was a BOM-less text written back with one (never).
    pub fn converts(&self) -> bool {
        self.decoding.encoding != SourceEncoding::Utf8 || self.decoding.bom != self.write_bom
    }

    /// The one piece of a text read whole; `None` for a stream.
    pub fn whole_piece(&self) -> Option<&Piece> {
        match &self.content {
            Content::Whole(piece) => Some(piece),
            Content::Stream(_) => None,
        }
    }

    /// The pieces in order; a stream reads and repairs each as it is asked for.
    pub fn pieces(self) -> Pieces {
        Pieces {
            content: Some(self.content),
        }
    }
}

/// The pieces of a [`Text`], in order.
pub struct Pieces {
    content: Option<Content>,
}

impl Iterator for Pieces {
    type Item = Result<Piece, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.content.take()? {
            Content::Whole(piece) => Some(Ok(*piece)),
            Content::Stream(mut stream) => {
                let next = stream.next_piece()?;
                if next.is_ok() {
                    self.content = Some(Content::Stream(stream));
                }
                Some(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_runs_cover_the_text_and_end_at_line_ends() {
        let text = "one\ntwo lines\nthree\n\nlast without end";
        for size in 1..=text.len() + 1 {
            let runs = line_runs(text, size);
            assert_eq!(runs[0].start, 0);
            assert_eq!(runs.last().unwrap().end, text.len());
            for pair in runs.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert!(
                    text[pair[0].clone()].ends_with('\n'),
                    "size {size}: {runs:?}"
                );
            }
        }
        assert_eq!(line_runs("", 4), vec![0..0]);
    }
}
