//! The one value every mode consumes: what became of one input.
//!
//! Reading, decoding and repairing happen before a mode sees a file (in parallel when
//! there are many), so a mode only decides what to do with an [`Outcome`]: print it,
//! write it back, report it. A text comes as [`Piece`]s: one for a file read whole,
//! runs of whole lines for a stream (standard input, big files), repaired as they are
//! read. Whether writing back changes anything is decided in one place:
//! [`Text::converts`] for the encoding and BOM, [`Piece::changed`] for the text, from
//! `Fixed::changed()`.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use mojifix::decode::{Decoded, Decoding, InvalidRun, SourceEncoding};
use mojifix::input::{Chunk, TextStream};
use mojifix::settings::Settings;
use mojifix::{Error, Fixed};

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
    /// The repair of `original`; change ranges are relative to `original`.
    pub fixed: Fixed<'static>,
    /// Line number (from 1) of the piece's first line in the input.
    pub first_line: u64,
    /// Byte offset of the piece in the decoded text of the whole input.
    pub offset: u64,
    /// Stray invalid bytes decoded on their own (offsets in the input's bytes).
    pub invalid_runs: Vec<InvalidRun>,
}

impl Piece {
    fn repair(chunk: Chunk, settings: &Settings) -> Piece {
        let fixed = settings.fix(&chunk.text).into_owned();
        Piece {
            original: chunk.text,
            fixed,
            first_line: chunk.first_line,
            offset: chunk.offset,
            invalid_runs: chunk.invalid_runs,
        }
    }

    /// Whether the piece's output bytes differ from its input bytes: a repair, or
    /// stray invalid bytes now written as UTF-8.
    pub fn changed(&self) -> bool {
        self.fixed.changed() || !self.invalid_runs.is_empty()
    }
}

/// A stream being repaired chunk by chunk.
struct Stream {
    reader: TextStream<Box<dyn Read + Send>>,
    settings: Settings,
}

impl Text {
    /// Repairs a whole decoded input.
    pub fn whole(decoded: Decoded, settings: &Settings, strip_bom: bool) -> Text {
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
            content: Content::Whole(Box::new(Piece::repair(chunk, settings))),
        }
    }

    /// A stream to be repaired as it is read.
    pub fn stream(
        reader: TextStream<Box<dyn Read + Send>>,
        settings: &Settings,
        strip_bom: bool,
    ) -> Text {
        let decoding = reader.decoding();
        Text {
            decoding,
            write_bom: decoding.bom && !strip_bom,
            prepared: None,
            content: Content::Stream(Box::new(Stream {
                reader,
                settings: settings.clone(),
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
            Content::Stream(mut stream) => match stream.reader.next_chunk() {
                Ok(Some(chunk)) => {
                    let piece = Piece::repair(chunk, &stream.settings);
                    self.content = Some(Content::Stream(stream));
                    Some(Ok(piece))
                }
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            },
        }
    }
}
