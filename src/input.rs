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

/// Largest file [`read_file`] decodes into a copy. Valid UTF-8 is checked by
/// encoding_rs's vectorized check and copied, several times faster than the standard
/// library's check that keeping the buffer as the text needs (on 5 MB of clean
/// multilingual text, 7% of the instructions of the whole run); a larger file becomes
/// its text in place, without a second buffer of its size. The command line streams
/// files above 8 MiB anyway.
pub const COPY_DECODE_MAX_BYTES: usize = 16 << 20;

/// Reads a whole file and decodes it; `forced` is the encoding given by
/// `--encoding`, if any (a byte order mark still wins).
///
/// ```no_run
/// let decoded = mojifix::input::read_file(std::path::Path::new("notes.txt"), None)?;
/// println!("decoded as {}", decoded.decoding.encoding);
/// # Ok::<(), mojifix::Error>(())
/// ```
pub fn read_file(path: &Path, forced: Option<&'static Encoding>) -> Result<Decoded, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    let decoded = if size <= COPY_DECODE_MAX_BYTES as u64 {
        let bytes = read_small_file(&mut file, size as usize).map_err(io_error)?;
        decode::decode(&bytes, forced)
    } else {
        let mut bytes = Vec::with_capacity(size as usize);
        file.read_to_end(&mut bytes).map_err(io_error)?;
        decode::decode_vec(bytes, forced)
    };
    decoded.map_err(|source| Error::Decode {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a file expected to hold `size` bytes into page-aligned memory (it may have
/// grown or shrunk since its size was read: what is read is what counts).
fn read_small_file(file: &mut impl Read, size: usize) -> std::io::Result<PageAligned> {
    let mut bytes = PageAligned::new(size + 1);
    let mut filled = 0;
    loop {
        let (read, eof) = fill(file, &mut bytes.as_mut_slice()[filled..])?;
        filled += read;
        if eof {
            bytes.truncate(filled);
            return Ok(bytes);
        }
        bytes.grow();
    }
}

/// A byte buffer that starts at a page boundary. The kernel copies a read several
/// times faster into page-aligned memory than at the 16-byte offset where a large
/// allocation starts (20 MB from the page cache in 1 MiB reads: 2.7 ms against
/// 9.8 ms on the machine the benchmark runs on).
struct PageAligned {
    memory: Vec<u8>,
    start: usize,
    len: usize,
}

const PAGE_BYTES: usize = 4096;

impl PageAligned {
    fn new(len: usize) -> Self {
        let memory = vec![0; len + PAGE_BYTES];
        // align_offset may fail to find an offset (it never does for u8 in
        // practice); the buffer then merely starts unaligned.
        let start = memory.as_ptr().align_offset(PAGE_BYTES).min(PAGE_BYTES);
        PageAligned { memory, start, len }
    }

    /// Twice the length, keeping the bytes.
    fn grow(&mut self) {
        let mut bigger = PageAligned::new(self.len * 2);
        bigger.as_mut_slice()[..self.len].copy_from_slice(self);
        *self = bigger;
    }

    fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }

    fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.memory[self.start..self.start + self.len]
    }
}

impl std::ops::Deref for PageAligned {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.memory[self.start..self.start + self.len]
    }
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
    /// The read buffer, allocated once: `buf[read_from..filled]` is read but not yet
    /// decoded (the first chunk, before the decoder exists, without its byte order
    /// mark).
    buf: PageAligned,
    read_from: usize,
    filled: usize,
    /// Decoded text after the last complete line.
    pending: String,
    /// Texts of chunks handed back with [`TextStream::recycle`], reused so that a long
    /// stream does not allocate (and fault in) fresh memory for every chunk.
    spare: Vec<String>,
    runs: Vec<InvalidRun>,
    line: u64,
    offset: u64,
    eof: bool,
    max_line_bytes: usize,
}

/// Most chunk texts kept for reuse.
const MAX_SPARE: usize = 8;

impl<R: Read> TextStream<R> {
    /// Reads the first chunk and decides the encoding from it. `name` names the input
    /// in errors.
    pub fn new(reader: R, name: PathBuf, forced: Option<&'static Encoding>) -> Result<Self, Error> {
        Self::with_limits(reader, name, forced, CHUNK_BYTES, MAX_LINE_BYTES)
    }

    /// Like [`TextStream::new`] with other sizes than [`CHUNK_BYTES`] and
    /// [`MAX_LINE_BYTES`] (both at least 1; tests use tiny ones to put chunk
    /// boundaries everywhere).
    ///
    /// ```
    /// use mojifix::input::TextStream;
    /// let bytes: &[u8] = "long line\nx".as_bytes();
    /// let mut stream = TextStream::with_limits(bytes, "<memory>".into(), None, 3, 6).unwrap();
    /// assert_eq!(stream.next_chunk().unwrap().unwrap().text, "long ");
    /// assert_eq!(stream.next_chunk().unwrap().unwrap().text, "line\n");
    /// assert_eq!(stream.next_chunk().unwrap().unwrap().text, "x");
    /// ```
    pub fn with_limits(
        mut reader: R,
        name: PathBuf,
        forced: Option<&'static Encoding>,
        chunk_bytes: usize,
        max_line_bytes: usize,
    ) -> Result<Self, Error> {
        let mut buf = PageAligned::new(chunk_bytes.max(1));
        let (filled, eof) = fill(&mut reader, buf.as_mut_slice()).map_err(|source| Error::Io {
            path: name.clone(),
            source,
        })?;
        let decoder =
            Decoder::new(&buf[..filled], forced, eof).map_err(|source| Error::Decode {
                path: name.clone(),
                source,
            })?;
        Ok(TextStream {
            reader,
            name,
            read_from: decoder.bom_len(),
            decoder,
            buf,
            filled,
            pending: String::new(),
            spare: Vec::new(),
            runs: Vec::new(),
            line: 1,
            offset: 0,
            eof,
            max_line_bytes: max_line_bytes.max(1),
        })
    }

    /// How the input is decoded.
    pub fn decoding(&self) -> Decoding {
        self.decoder.decoding()
    }

    /// The name the input goes by in errors.
    pub fn name(&self) -> &Path {
        &self.name
    }

    /// Hands back the text of a chunk that is no longer needed, so that its memory
    /// holds a later chunk. Optional: a stream allocates what it lacks.
    ///
    /// ```
    /// use mojifix::input::TextStream;
    /// let mut stream = TextStream::with_limits(&b"a\nb\n"[..], "<memory>".into(), None, 2, 8).unwrap();
    /// let first = stream.next_chunk().unwrap().unwrap();
    /// stream.recycle(first.text);
    /// assert_eq!(stream.next_chunk().unwrap().unwrap().text, "b\n");
    /// ```
    pub fn recycle(&mut self, text: String) {
        if self.spare.len() < MAX_SPARE {
            self.spare.push(text);
        }
    }

    /// The next run of whole lines, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, Error> {
        loop {
            if let Some(cut) = self.cut_point() {
                return Ok(Some(self.take(cut)));
            }
            if self.read_from == self.filled && self.eof {
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
        if self.pending.len() < self.max_line_bytes {
            return None;
        }
        let cut = self
            .pending
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or_else(|| {
                // No whitespace: cut before the last character, or after it when it
                // is the only one (a limit below four bytes can be shorter than one
                // character; cutting at byte 1 of it panicked).
                match self.pending.char_indices().next_back() {
                    Some((i, _)) if i > 0 => i,
                    _ => self.pending.len(),
                }
            });
        Some(cut)
    }

    /// Hands out `pending[..cut]`; the rest (part of a line) moves to a spare string
    /// that becomes the new `pending`.
    fn take(&mut self, cut: usize) -> Chunk {
        let mut rest = self.spare.pop().unwrap_or_default();
        rest.clear();
        rest.push_str(&self.pending[cut..]);
        self.pending.truncate(cut);
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

    /// Decodes the bytes read (reading the next chunk first if they are all
    /// decoded) into `pending`.
    fn read_more(&mut self) -> Result<(), Error> {
        if self.read_from == self.filled {
            let (filled, eof) =
                fill(&mut self.reader, self.buf.as_mut_slice()).map_err(|source| Error::Io {
                    path: self.name.clone(),
                    source,
                })?;
            (self.read_from, self.filled, self.eof) = (0, filled, eof);
        }
        let bytes = &self.buf[self.read_from..self.filled];
        self.read_from = self.filled;
        self.decoder
            .decode_chunk(bytes, self.eof, &mut self.pending, &mut self.runs)
            .map_err(|source| Error::Decode {
                path: self.name.clone(),
                source,
            })
    }
}

/// Reads until `buf` is full or the input ends; returns how many bytes it holds and
/// whether the input ended.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<(usize, bool)> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => return Ok((filled, true)),
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((filled, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fix_text, Config};

    fn chunks(bytes: &[u8], chunk: usize, max_line: usize) -> Vec<Chunk> {
        let mut stream =
            TextStream::with_limits(bytes, "<test>".into(), None, chunk, max_line).unwrap();
        let mut out = Vec::new();
        while let Some(c) = stream.next_chunk().unwrap() {
            out.push(c);
        }
        out
    }

    #[test]
    fn repair_by_chunks_equals_repair_of_the_whole_at_every_chunk_size() {
        let text = "Le cafÃ© est prÃªt.\r\nÐ¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€\nclean line\nCĂ©line\nend without newline Ã©";
        let whole = fix_text(text, &Config::default()).text().to_owned();
        for chunk in 1..=text.len() + 1 {
            let pieces = chunks(text.as_bytes(), chunk, 1 << 20);
            let mut joined = String::new();
            for piece in &pieces {
                joined.push_str(fix_text(&piece.text, &Config::default()).text());
            }
            assert_eq!(joined, whole, "chunk size {chunk}");
            // Chunks are whole lines, numbered and placed right.
            for piece in &pieces[..pieces.len() - 1] {
                assert!(
                    piece.text.ends_with('\n'),
                    "chunk size {chunk}: {:?}",
                    piece.text
                );
            }
            for piece in &pieces {
                let start = piece.offset as usize;
                assert_eq!(&text[start..start + piece.text.len()], piece.text);
                let line = text[..start].matches('\n').count() as u64 + 1;
                assert_eq!(piece.first_line, line);
            }
        }
    }

    #[test]
    fn recycled_chunks_give_the_same_text_at_every_chunk_size() {
        // Every read-buffer boundary: inside CRLF, inside 2-, 3- and 4-byte
        // characters, next to a stray invalid byte; texts handed back for reuse.
        let mut bytes = "Grüße\r\n日本語 😀\r\nCafé crème\n".repeat(2).into_bytes();
        bytes.extend_from_slice(b"caf\xe9\r\n\xf0\x9f\x98\x80 end\r");
        let whole = crate::decode::decode(&bytes, None).unwrap().text;
        for chunk in 1..=bytes.len() + 1 {
            let mut stream =
                TextStream::with_limits(&bytes[..], "<test>".into(), None, chunk, 1 << 20).unwrap();
            let mut joined = String::new();
            let mut lines = 1;
            while let Some(piece) = stream.next_chunk().unwrap() {
                assert_eq!(piece.first_line, lines, "chunk size {chunk}");
                assert_eq!(piece.offset as usize, joined.len(), "chunk size {chunk}");
                lines += piece.text.matches('\n').count() as u64;
                joined.push_str(&piece.text);
                // A chunk ends after a line feed, so CRLF is never split.
                assert!(
                    piece.text.ends_with('\n') || joined.len() == whole.len(),
                    "chunk size {chunk}: {:?}",
                    piece.text
                );
                stream.recycle(piece.text);
            }
            assert_eq!(joined, whole, "chunk size {chunk}");
        }
    }

    #[test]
    fn a_giant_line_is_cut_after_whitespace_within_the_bound() {
        let text = "aaaa bbbb cccc dddd\n";
        let pieces = chunks(text.as_bytes(), 2, 8);
        let texts: Vec<&str> = pieces.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.concat(), text);
        assert!(texts.iter().all(|t| t.len() <= 10), "{texts:?}");
        assert_eq!(texts[0], "aaaa ");
    }

    #[test]
    fn a_giant_line_without_whitespace_is_cut_at_a_character_boundary() {
        let text = "ééééééééééé";
        let pieces = chunks(text.as_bytes(), 3, 5);
        let texts: Vec<&str> = pieces.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.concat(), text);
        assert!(texts.len() > 1);
    }

    #[test]
    fn a_file_is_read_whole_into_page_aligned_memory_whatever_size_was_expected() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        for expected in [0, 1, 4095, 9_999, 10_000, 10_001, 50_000] {
            let read = read_small_file(&mut &bytes[..], expected).unwrap();
            assert_eq!(&read[..], &bytes[..], "size expected {expected}");
            assert_eq!(read.as_ptr() as usize % PAGE_BYTES, 0);
        }
    }

    #[test]
    fn stray_bytes_in_a_later_chunk_are_reported_with_input_offsets() {
        let mut bytes = "Grüße aus Köln, schöne Grüße.\n".repeat(3).into_bytes();
        let at = bytes.len() + 3;
        bytes.extend_from_slice(b"caf\xe9\n");
        let pieces = chunks(&bytes, 16, 1 << 20);
        let runs: Vec<_> = pieces.iter().flat_map(|c| c.invalid_runs.clone()).collect();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].bytes, at as u64..at as u64 + 1);
        let text: String = pieces.iter().map(|c| c.text.as_str()).collect();
        assert!(text.ends_with("café\n"));
    }
}
