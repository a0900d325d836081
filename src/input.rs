//! Reading input: the one place the library touches the file system. Bytes become
//! text through [`crate::decode`]; this module adds files, standard input and
//! streaming.
//!
//! Two ways in:
//! - [`read_file`] reads a whole file and decodes it (what the binary does for files
//!   up to a few megabytes).
//! - [`TextStream`] reads any [`Read`] in chunks of [`CHUNK_BYTES`] and hands out runs
//!   of whole lines, so memory stays bounded whatever the input's size. Repair works
//!   line by line, so a chunk boundary never splits a mojibake sequence. A line longer
//!   than [`MAX_LINE_BYTES`] is handed out in pieces cut after a whitespace character
//!   (or, with none, at any character boundary); only such giant lines can have a
//!   garbled word split by a cut.
//!
//! The encoding of a stream is decided from its first chunk (see [`crate::decode`]).

use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::decode::{self, Decoded, Decoder, Decoding, InvalidRun};
use crate::Error;

/// Bytes read from a stream at a time.
pub const CHUNK_BYTES: usize = 1 << 20;

/// The longest piece of a single line a stream holds before handing it out anyway.
pub const MAX_LINE_BYTES: usize = 8 << 20;

/// Reads a whole file and decodes it; `forced` is the encoding given by
/// `--encoding`, if any (a byte order mark still wins).
///
/// ```no_run
/// let decoded = mojifix::input::read_file(std::path::Path::new("notes.txt"), None)?;
/// println!("decoded as {}", decoded.decoding.encoding);
/// # Ok::<(), mojifix::Error>(())
/// ```
pub fn read_file(path: &Path, forced: Option<&'static Encoding>) -> Result<Decoded, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode::decode(&bytes, forced).map_err(|source| Error::Decode {
        path: path.to_path_buf(),
        source,
    })
}

/// Whole lines of a stream, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The text: whole lines with their endings, except for the last chunk of an
    /// input without a final newline and for pieces of a line longer than
    /// [`MAX_LINE_BYTES`].
    pub text: String,
    /// Line number (from 1) of the chunk's first line.
    pub first_line: u64,
    /// Byte offset of the chunk in the decoded text of the whole input.
    pub offset: u64,
    /// Stray invalid runs decoded on their own (offsets in the input bytes).
    pub invalid_runs: Vec<InvalidRun>,
}

/// An input read in chunks of whole lines with bounded memory.
///
/// ```
/// use mojifix::input::TextStream;
/// let bytes: &[u8] = b"one\ntwo caf\xc3\xa9\nthree";
/// let mut stream = TextStream::new(bytes, "<memory>".into(), None).unwrap();
/// let mut text = String::new();
/// while let Some(chunk) = stream.next_chunk().unwrap() {
///     text.push_str(&chunk.text);
/// }
/// assert_eq!(text, "one\ntwo café\nthree");
/// ```
pub struct TextStream<R> {
    reader: R,
    name: PathBuf,
    decoder: Decoder,
    /// Read but not yet decoded (only the first chunk, before the decoder exists).
    first: Option<Vec<u8>>,
    /// Decoded text after the last complete line.
    pending: String,
    runs: Vec<InvalidRun>,
    line: u64,
    offset: u64,
    eof: bool,
}

impl<R: Read> TextStream<R> {
    /// Reads the first chunk and decides the encoding from it. `name` names the input
    /// in errors.
    pub fn new(
        mut reader: R,
        name: PathBuf,
        forced: Option<&'static Encoding>,
    ) -> Result<Self, Error> {
        let mut first = Vec::with_capacity(CHUNK_BYTES);
        let eof = fill(&mut reader, &mut first, CHUNK_BYTES).map_err(|source| Error::Io {
            path: name.clone(),
            source,
        })?;
        let decoder = Decoder::new(&first, forced, eof).map_err(|source| Error::Decode {
            path: name.clone(),
            source,
        })?;
        first.drain(..decoder.bom_len());
        Ok(TextStream {
            reader,
            name,
            decoder,
            first: Some(first),
            pending: String::new(),
            runs: Vec::new(),
            line: 1,
            offset: 0,
            eof,
        })
    }

    /// How the input is decoded.
    pub fn decoding(&self) -> Decoding {
        self.decoder.decoding()
    }

    /// The next run of whole lines, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, Error> {
        loop {
            if let Some(cut) = self.cut_point() {
                return Ok(Some(self.take(cut)));
            }
            if self.first.is_none() && self.eof {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let all = self.pending.len();
                return Ok(Some(self.take(all)));
            }
            self.read_more()?;
        }
    }

    /// Where to cut the pending text: after its last line break, or for a giant
    /// line, after its last whitespace.
    fn cut_point(&self) -> Option<usize> {
        if let Some(i) = memchr::memrchr(b'\n', self.pending.as_bytes()) {
            return Some(i + 1);
        }
        if self.pending.len() < MAX_LINE_BYTES {
            return None;
        }
        let cut = self
            .pending
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or_else(|| {
                let mut i = self.pending.len() - 1;
                while !self.pending.is_char_boundary(i) {
                    i -= 1;
                }
                i.max(1)
            });
        Some(cut)
    }

    fn take(&mut self, cut: usize) -> Chunk {
        let rest = self.pending.split_off(cut);
        let text = std::mem::replace(&mut self.pending, rest);
        let chunk = Chunk {
            first_line: self.line,
            offset: self.offset,
            invalid_runs: std::mem::take(&mut self.runs),
            text,
        };
        self.line += memchr::memchr_iter(b'\n', chunk.text.as_bytes()).count() as u64;
        self.offset += chunk.text.len() as u64;
        chunk
    }

    /// Decodes the next chunk of bytes into `pending`.
    fn read_more(&mut self) -> Result<(), Error> {
        let bytes = match self.first.take() {
            Some(first) => first,
            None => {
                let mut buf = Vec::with_capacity(CHUNK_BYTES);
                self.eof =
                    fill(&mut self.reader, &mut buf, CHUNK_BYTES).map_err(|source| Error::Io {
                        path: self.name.clone(),
                        source,
                    })?;
                buf
            }
        };
        self.decoder
            .decode_chunk(&bytes, self.eof, &mut self.pending, &mut self.runs)
            .map_err(|source| Error::Decode {
                path: self.name.clone(),
                source,
            })
    }
}

/// Reads until `buf` holds `want` bytes or the input ends; `true` at the end.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    while buf.len() < want {
        let start = buf.len();
        buf.resize(want, 0);
        match reader.read(&mut buf[start..]) {
            Ok(0) => {
                buf.truncate(start);
                return Ok(true);
            }
            Ok(n) => buf.truncate(start + n),
            Err(e) if e.kind() == ErrorKind::Interrupted => buf.truncate(start),
            Err(e) => {
                buf.truncate(start);
                return Err(e);
            }
        }
    }
    Ok(false)
}
