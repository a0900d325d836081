//! Bytes to text: byte order marks, UTF-16 and UTF-32, legacy encodings, stray
//! invalid bytes in UTF-8, and the binary sniff. Pure: no file system, no printing.
//!
//! The decision is made once, from the start of the input (all of it for a file read
//! whole, the first chunk for a stream):
//!
//! 1. A byte order mark wins: UTF-32 LE/BE, UTF-16 LE/BE, UTF-8. Otherwise,
//! 2. `--encoding LABEL` ([`Decoder::new`]'s `forced`) is used as given. Otherwise,
//! 3. a NUL byte means binary: the input is refused ([`DecodeError::Binary`]), since
//!    text files do not contain NUL and UTF-16 without a BOM cannot be told apart from
//!    binary reliably (pass `--encoding utf-16le` for it).
//! 4. UTF-8 when the bytes are valid UTF-8, or *mostly* UTF-8: at least four valid
//!    non-ASCII bytes per invalid byte. Each invalid run (a paragraph saved by a
//!    windows-1252 editor) is decoded on its own with the legacy encoding that
//!    `chardetng` finds for the lines containing such runs (windows-1252 when there
//!    are too few invalid bytes to judge), and reported as an [`InvalidRun`] with its
//!    byte offset.
//! 5. Otherwise a legacy encoding detected by `chardetng` over the whole start. Bytes
//!    that are malformed in the detected encoding, or text that comes out full of
//!    control characters, mean binary too. (With an encoding given by a byte order
//!    mark or `--encoding`, malformed bytes are an error instead.)
//!
//! A stream keeps the decision of its first chunk: a stream that started as UTF-8 and
//! later has invalid bytes gets them decoded run by run as in 4; a legacy stream is
//! decoded with the encoding detected from its first chunk. Output is always UTF-8
//! without the byte order mark (the caller decides whether to write one back).

use std::fmt;
use std::ops::Range;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Share of control characters (other than tab, line feed, carriage return, form
/// feed, escape and backspace) above which a legacy-decoded input counts as binary:
/// one in twenty characters. Legacy text files have almost none; binary data that
/// happens to contain no NUL byte has several in every hundred bytes.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Valid non-ASCII UTF-8 bytes needed per invalid byte for an input to count as UTF-8
/// with stray invalid runs rather than as legacy text.
const MIN_VALID_PER_INVALID: usize = 4;

/// Fewer invalid bytes than this in a mostly-UTF-8 input are decoded as
/// windows-1252 without asking chardetng, whose guesses on a handful of bytes are
/// close to arbitrary (one stray byte came out as windows-1250); windows-1252 is what
/// the editors that leave such bytes behind most often used.
const MIN_BYTES_TO_DETECT_RUNS: usize = 16;

/// The longest invalid run at the end of a stream's chunk that is kept back to be
/// joined with the invalid bytes that start the next chunk. Longer runs cut by a chunk
/// boundary are reported in pieces.
const MAX_HELD_RUN: usize = 4096;

/// The encoding an input was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceEncoding {
    /// UTF-8, possibly with stray invalid runs decoded on their own.
    Utf8,
    /// UTF-16 little-endian.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// UTF-32 little-endian (only with a byte order mark).
    Utf32Le,
    /// UTF-32 big-endian (only with a byte order mark).
    Utf32Be,
    /// A legacy encoding, such as windows-1251 or Shift_JIS.
    Legacy(&'static Encoding),
}

impl SourceEncoding {
    /// The encoding's name as people write it: `UTF-8`, `UTF-16LE`, `windows-1251`.
    ///
    /// ```
    /// use mojifix::decode::SourceEncoding;
    /// assert_eq!(SourceEncoding::Legacy(encoding_rs::KOI8_R).name(), "KOI8-R");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::Utf32Le => "UTF-32LE",
            SourceEncoding::Utf32Be => "UTF-32BE",
            SourceEncoding::Legacy(encoding) => encoding.name(),
        }
    }
}

impl fmt::Display for SourceEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How an input was decoded, decided from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoding {
    /// The encoding.
    pub encoding: SourceEncoding,
    /// Whether the input started with a byte order mark (not part of the text).
    pub bom: bool,
    /// Whether the encoding was guessed by detection rather than given by a byte order
    /// mark, by `--encoding`, or by the bytes being valid UTF-8.
    pub detected: bool,
}

/// A run of bytes that were not valid UTF-8 in an otherwise UTF-8 input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRun {
    /// Byte range in the input (counting the byte order mark, if any).
    pub bytes: Range<u64>,
    /// The encoding the run was decoded with.
    pub decoded_as: &'static Encoding,
}

/// Why bytes could not be decoded as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input looks like binary data.
    #[error("binary file ({reason})")]
    Binary {
        /// What gave it away, such as "NUL byte at offset 12".
        reason: String,
    },
    /// The bytes are not valid in the encoding they were to be decoded with.
    #[error("not valid {encoding} (malformed bytes at offset {offset})")]
    Malformed {
        /// The encoding's name.
        encoding: &'static str,
        /// Byte offset of the malformed sequence, as near as the decoder tells.
        offset: u64,
    },
}

/// A decoded input.
///
/// ```
/// use mojifix::decode::{decode, SourceEncoding};
/// let decoded = decode(b"\xef\xbb\xbfcaf\xc3\xa9", None).unwrap();
/// assert_eq!(decoded.text, "café");
/// assert!(decoded.decoding.bom);
/// assert_eq!(decoded.decoding.encoding, SourceEncoding::Utf8);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte order mark.
    pub text: String,
    /// How it was decoded.
    pub decoding: Decoding,
    /// Stray invalid runs decoded on their own (UTF-8 inputs only).
    pub invalid_runs: Vec<InvalidRun>,
}

/// Decodes a whole input; `forced` is the encoding given by `--encoding`, if any.
///
/// ```
/// use mojifix::decode::{decode, SourceEncoding};
/// let decoded = decode(b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! \xca\xe0\xea \xe4\xe5\xeb\xe0?", None).unwrap();
/// assert_eq!(decoded.text, "Привет, мир! Как дела?");
/// assert_eq!(decoded.decoding.encoding.name(), "windows-1251");
/// ```
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    match plain_utf8(bytes, forced) {
        Some(decoded) => Ok(decoded),
        None => decode_by_decoder(bytes, forced),
    }
}

/// [`decode`] through a [`Decoder`]: any encoding, stray invalid bytes, errors.
fn decode_by_decoder(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let mut decoder = Decoder::new(bytes, forced, true)?;
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut invalid_runs = Vec::new();
    let body = &bytes[decoder.bom_len()..];
    decoder.decode_chunk(body, true, &mut text, &mut invalid_runs)?;
    Ok(Decoded {
        text,
        decoding: decoder.decoding(),
        invalid_runs,
    })
}

/// Valid UTF-8 without a byte order mark or NUL (nearly every input), decided and
/// decoded by one vectorized check instead of one to decide and one to decode.
fn plain_utf8(bytes: &[u8], forced: Option<&'static Encoding>) -> Option<Decoded> {
    if forced.is_some() || sniff_bom(bytes).is_some() || memchr_nul(bytes).is_some() {
        return None;
    }
    let text = UTF_8.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded {
        text: text.into_owned(),
        decoding: Decoding {
            encoding: SourceEncoding::Utf8,
            bom: false,
            detected: false,
        },
        invalid_runs: Vec::new(),
    })
}

/// Like [`decode`], taking the bytes: valid UTF-8 (the usual case) becomes the text
/// in place, without a second buffer of the input's size.
///
/// ```
/// use mojifix::decode::decode_vec;
/// let decoded = decode_vec(b"\xef\xbb\xbfcaf\xc3\xa9".to_vec(), None).unwrap();
/// assert_eq!(decoded.text, "café");
/// assert!(decoded.decoding.bom);
/// ```
pub fn decode_vec(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let decoder = Decoder::new(&bytes, forced, true)?;
    let body = &bytes[decoder.bom_len()..];
    if decoder.decoding().encoding != SourceEncoding::Utf8 || memchr_nul(body).is_some() {
        return decode(&bytes, forced);
    }
    // The standard library's check, which making a `String` needs anyway, is the only
    // one: a second one (encoding_rs's) before it cost 1% of the time of clean text.
    // Invalid bytes go the way of every other input, which reports them.
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(invalid) => return decode(&invalid.into_bytes(), forced),
    };
    text.drain(..decoder.bom_len());
    Ok(Decoded {
        text,
        decoding: decoder.decoding(),
        invalid_runs: Vec::new(),
    })
}

/// A decoder for one input, fed in chunks. The first chunk decides the encoding.
#[derive(Debug)]
pub struct Decoder {
    decoding: Decoding,
    bom_len: usize,
    state: State,
    /// Input bytes consumed so far, counting the byte order mark.
    offset: u64,
}

#[derive(Debug)]
enum State {
    /// UTF-8; `pending` holds an incomplete sequence cut by the chunk boundary.
    Utf8 { pending: Vec<u8> },
    /// UTF-32; `pending` holds the bytes of an incomplete code unit.
    Utf32 { big_endian: bool, pending: Vec<u8> },
    /// Anything encoding_rs decodes (UTF-16 and the legacy encodings).
    EncodingRs(encoding_rs::Decoder),
}

impl Decoder {
    /// Decides the encoding from `start` (the whole input, or a stream's first chunk,
    /// which must then be passed to [`Decoder::decode_chunk`] again without its first
    /// [`Decoder::bom_len`] bytes). `last` says whether `start` is all there is.
    pub fn new(
        start: &[u8],
        forced: Option<&'static Encoding>,
        last: bool,
    ) -> Result<Decoder, DecodeError> {
        let (decoding, bom_len) = decide(start, forced, last)?;
        let state = match decoding.encoding {
            SourceEncoding::Utf8 => State::Utf8 {
                pending: Vec::new(),
            },
            SourceEncoding::Utf32Le | SourceEncoding::Utf32Be => State::Utf32 {
                big_endian: decoding.encoding == SourceEncoding::Utf32Be,
                pending: Vec::new(),
            },
            SourceEncoding::Utf16Le => {
                State::EncodingRs(UTF_16LE.new_decoder_without_bom_handling())
            }
            SourceEncoding::Utf16Be => {
                State::EncodingRs(UTF_16BE.new_decoder_without_bom_handling())
            }
            SourceEncoding::Legacy(encoding) => {
                State::EncodingRs(encoding.new_decoder_without_bom_handling())
            }
        };
        Ok(Decoder {
            decoding,
            bom_len,
            state,
            offset: bom_len as u64,
        })
    }

    /// How the input is decoded.
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// Length of the byte order mark at the start of the input (0 without one).
    pub fn bom_len(&self) -> usize {
        self.bom_len
    }

    /// Decodes the next chunk, appending the text to `out` and any stray invalid runs
    /// to `runs`. `last` marks the end of the input: an incomplete sequence there is
    /// malformed (UTF-16/32, legacy) or a stray run (UTF-8).
    pub fn decode_chunk(
        &mut self,
        bytes: &[u8],
        last: bool,
        out: &mut String,
        runs: &mut Vec<InvalidRun>,
    ) -> Result<(), DecodeError> {
        let start = self.offset;
        self.offset += bytes.len() as u64;
        if let Some(at) = memchr_nul(bytes).filter(|_| self.nul_means_binary()) {
            return Err(binary_at(start + at as u64));
        }
        let name = self.decoding.encoding.name();
        let detected = self.decoding.detected;
        match &mut self.state {
            State::Utf8 { pending } => {
                decode_utf8_mixed(pending, bytes, start, last, out, runs);
                Ok(())
            }
            State::Utf32 {
                big_endian,
                pending,
            } => decode_utf32(pending, *big_endian, bytes, start, last, out),
            State::EncodingRs(decoder) => {
                let from = out.len();
                decode_with(decoder, bytes, start, last, out, name).map_err(|e| {
                    // Detection was wrong or the data is not text: either way it is
                    // not to be touched. A declared encoding that fails is an error.
                    match e {
                        DecodeError::Malformed { offset, .. } if detected => DecodeError::Binary {
                            reason: format!(
                                "not decodable as {name}: malformed bytes at offset {offset}"
                            ),
                        },
                        e => e,
                    }
                })?;
                if detected && too_many_controls(&out[from..]) {
                    return Err(DecodeError::Binary {
                        reason: format!("control characters when decoded as {name}"),
                    });
                }
                Ok(())
            }
        }
    }

    /// NUL is a character in UTF-16 and UTF-32, and binary everywhere else.
    fn nul_means_binary(&self) -> bool {
        !matches!(
            self.decoding.encoding,
            SourceEncoding::Utf16Le
                | SourceEncoding::Utf16Be
                | SourceEncoding::Utf32Le
                | SourceEncoding::Utf32Be
        )
    }
}

/// Decides the encoding and the length of the byte order mark.
fn decide(
    start: &[u8],
    forced: Option<&'static Encoding>,
    last: bool,
) -> Result<(Decoding, usize), DecodeError> {
    let given = |encoding, bom| Decoding {
        encoding,
        bom,
        detected: false,
    };
    if let Some((encoding, len)) = sniff_bom(start) {
        return Ok((given(encoding, true), len));
    }
    if let Some(encoding) = forced {
        let encoding = source_encoding_for(encoding);
        return Ok((given(encoding, false), 0));
    }
    if let Some(at) = memchr_nul(start) {
        return Err(binary_at(at as u64));
    }
    // Valid UTF-8 (nearly every input) is settled by encoding_rs's vectorized check
    // alone; only invalid bytes make the input worth weighing and detecting.
    if utf8_prefix_len(start, last) == start.len() || Utf8Shape::of(start, last).is_mostly_utf8() {
        return Ok((given(SourceEncoding::Utf8, false), 0));
    }
    let encoding = detect_legacy(start, last);
    Ok((
        Decoding {
            encoding: SourceEncoding::Legacy(encoding),
            bom: false,
            detected: true,
        },
        0,
    ))
}

/// The encodings encoding_rs names but decodes specially: its UTF-16 labels map to the
/// UTF-16 variants; `replacement` and `x-user-defined` are decoded as labelled.
fn source_encoding_for(encoding: &'static Encoding) -> SourceEncoding {
    if encoding == UTF_8 {
        SourceEncoding::Utf8
    } else if encoding == UTF_16LE {
        SourceEncoding::Utf16Le
    } else if encoding == UTF_16BE {
        SourceEncoding::Utf16Be
    } else {
        SourceEncoding::Legacy(encoding)
    }
}

/// Finds an encoding by `--encoding` label: the WHATWG labels (so `latin1` means
/// windows-1252). UTF-32 has no label there: it is only read with its byte order
/// mark. The `replacement` label is refused, since it decodes nothing.
///
/// ```
/// assert_eq!(mojifix::decode::encoding_for_label("cp1251").unwrap().name(), "windows-1251");
/// assert!(mojifix::decode::encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
}

/// Recognizes a byte order mark. UTF-32LE's mark starts with UTF-16LE's, so it is
/// checked first.
fn sniff_bom(bytes: &[u8]) -> Option<(SourceEncoding, usize)> {
    const MARKS: [(&[u8], SourceEncoding); 5] = [
        (b"\xff\xfe\x00\x00", SourceEncoding::Utf32Le),
        (b"\x00\x00\xfe\xff", SourceEncoding::Utf32Be),
        (b"\xef\xbb\xbf", SourceEncoding::Utf8),
        (b"\xff\xfe", SourceEncoding::Utf16Le),
        (b"\xfe\xff", SourceEncoding::Utf16Be),
    ];
    MARKS
        .iter()
        .find(|(mark, _)| bytes.starts_with(mark))
        .map(|(mark, encoding)| (*encoding, mark.len()))
}

/// How many bytes outside ASCII are valid UTF-8 and how many are not.
#[derive(Debug, Default)]
struct Utf8Shape {
    valid_non_ascii: usize,
    invalid: usize,
}

impl Utf8Shape {
    fn of(bytes: &[u8], last: bool) -> Utf8Shape {
        let mut shape = Utf8Shape::default();
        for segment in invalid_segments(bytes, last).0 {
            match segment {
                Segment::Valid(range) => {
                    shape.valid_non_ascii += bytes[range].iter().filter(|b| !b.is_ascii()).count();
                }
                Segment::Invalid(range) => shape.invalid += range.len(),
            }
        }
        shape
    }

    /// UTF-8 with stray invalid bytes, rather than a legacy encoding: valid UTF-8
    /// outweighs the invalid bytes [`MIN_VALID_PER_INVALID`] to one. Legacy text forms
    /// valid UTF-8 only by chance (in EUC-JP or GBK about one byte in five at most).
    fn is_mostly_utf8(&self) -> bool {
        self.valid_non_ascii >= MIN_VALID_PER_INVALID * self.invalid
    }
}

/// A piece of input bytes: valid UTF-8, or a maximal run of invalid sequences.
#[derive(Debug)]
enum Segment {
    Valid(Range<usize>),
    Invalid(Range<usize>),
}

/// Splits bytes into valid and invalid segments. Unless `last`, an incomplete
/// sequence at the end is left out; the second value is where the segments end.
fn invalid_segments(bytes: &[u8], last: bool) -> (Vec<Segment>, usize) {
    let mut segments = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let error = match std::str::from_utf8(&bytes[pos..]) {
            Ok(_) => {
                segments.push(Segment::Valid(pos..bytes.len()));
                return (segments, bytes.len());
            }
            Err(error) => error,
        };
        let bad = pos + error.valid_up_to();
        if bad > pos {
            segments.push(Segment::Valid(pos..bad));
        }
        let end = match error.error_len() {
            Some(len) => bad + len,
            None if last => bytes.len(),
            None => return (segments, bad),
        };
        match segments.last_mut() {
            Some(Segment::Invalid(run)) if run.end == bad => run.end = end,
            _ => segments.push(Segment::Invalid(bad..end)),
        }
        pos = end;
    }
    (segments, pos)
}

/// Decodes UTF-8 with stray invalid runs; `pending` carries an incomplete sequence
/// from the previous chunk, `start` is the input offset of `bytes`.
fn decode_utf8_mixed(
    pending: &mut Vec<u8>,
    mut bytes: &[u8],
    mut start: u64,
    last: bool,
    out: &mut String,
    runs: &mut Vec<InvalidRun>,
) {
    // A character cut by the chunk boundary (every other chunk of text outside
    // ASCII) is finished on its own, so that the rest of the chunk is not copied
    // behind it into a fresh buffer.
    if let Some(used) = finish_cut_character(pending, bytes, out) {
        pending.clear();
        bytes = &bytes[used..];
        start += used as u64;
    }
    let joined;
    let (bytes, base) = if pending.is_empty() {
        (bytes, start)
    } else {
        let base = start - pending.len() as u64;
        pending.extend_from_slice(bytes);
        joined = std::mem::take(pending);
        (joined.as_slice(), base)
    };
    // The fast path: one vectorized validation, one copy. The few bytes of a
    // sequence cut by the chunk boundary wait for the next chunk.
    let end = if last {
        bytes.len()
    } else {
        bytes.len() - cut_sequence_len(bytes)
    };
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(&bytes[..end]) {
        out.push_str(&text);
        pending.extend_from_slice(&bytes[end..]);
        return;
    }
    let (mut segments, mut end) = invalid_segments(bytes, last);
    // An invalid run at the end of a chunk may go on in the next one: keep it back
    // (up to MAX_HELD_RUN bytes, so memory stays bounded) to decode and report it as
    // one run, not one per chunk.
    if !last {
        if let Some(Segment::Invalid(range)) = segments.last() {
            if range.end == end && range.len() < MAX_HELD_RUN {
                end = range.start;
                segments.pop();
            }
        }
    }
    let encoding = encoding_for_runs(bytes, &segments);
    for segment in &segments {
        match segment {
            Segment::Valid(range) => out.push_str(&String::from_utf8_lossy(&bytes[range.clone()])),
            Segment::Invalid(range) => {
                let (text, decoded_as) = decode_run(&bytes[range.clone()], encoding);
                out.push_str(&text);
                runs.push(InvalidRun {
                    bytes: base + range.start as u64..base + range.end as u64,
                    decoded_as,
                });
            }
        }
    }
    pending.extend_from_slice(&bytes[end..]);
}

/// Decodes one invalid run with `encoding`, or with windows-1252 when `encoding`
/// cannot decode it whole: a multi-byte encoding (detection can pick Shift_JIS or
/// GBK) fails on a lead byte whose trail byte is ASCII, so belongs to the next valid
/// segment, and would put U+FFFD in its place. windows-1252 maps every byte, so no
/// input byte is ever silently replaced. Returns the text and the encoding used.
fn decode_run(run: &[u8], encoding: &'static Encoding) -> (String, &'static Encoding) {
    match encoding.decode_without_bom_handling_and_without_replacement(run) {
        Some(text) => (text.into_owned(), encoding),
        None => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(run);
            (text.into_owned(), encoding_rs::WINDOWS_1252)
        }
    }
}

/// How many bytes at the start of `bytes` are valid UTF-8 (encoding_rs's vectorized
/// check, several times faster than `std::str::from_utf8` on text outside ASCII);
/// unless `last`, a sequence cut off at the end counts as valid too, since the next
/// chunk completes it.
fn utf8_prefix_len(bytes: &[u8], last: bool) -> usize {
    let valid = Encoding::utf8_valid_up_to(bytes);
    if !last && is_incomplete_sequence(&bytes[valid..]) {
        bytes.len()
    } else {
        valid
    }
}

/// When `pending` is the start of a sequence and `bytes` starts with the rest of
/// it: appends the character to `out` and returns how many bytes of `bytes` it took.
fn finish_cut_character(pending: &[u8], bytes: &[u8], out: &mut String) -> Option<usize> {
    if !is_incomplete_sequence(pending) {
        return None;
    }
    let len = match pending[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let mut sequence = [0; 4];
    sequence[..pending.len()].copy_from_slice(pending);
    let used = len - pending.len();
    sequence[pending.len()..len].copy_from_slice(bytes.get(..used)?);
    out.push_str(std::str::from_utf8(&sequence[..len]).ok()?);
    Some(used)
}

/// Length of the sequence cut off at the end of `bytes` (0 when none is).
fn cut_sequence_len(bytes: &[u8]) -> usize {
    (1..=3.min(bytes.len()))
        .find(|&n| is_incomplete_sequence(&bytes[bytes.len() - n..]))
        .unwrap_or(0)
}

/// Whether `tail` is the start of a UTF-8 sequence whose other bytes are missing.
fn is_incomplete_sequence(tail: &[u8]) -> bool {
    !tail.is_empty()
        && tail.len() < 4
        && matches!(std::str::from_utf8(tail), Err(e) if e.valid_up_to() == 0 && e.error_len().is_none())
}

/// The legacy encoding for the invalid runs of a mostly-UTF-8 input: detection over
/// the lines that contain them (their ASCII letters are the context chardetng needs),
/// with valid multi-byte UTF-8 left out so it does not count as legacy text.
fn encoding_for_runs(bytes: &[u8], segments: &[Segment]) -> &'static Encoding {
    let invalid: usize = segments
        .iter()
        .map(|s| match s {
            Segment::Invalid(range) => range.len(),
            Segment::Valid(_) => 0,
        })
        .sum();
    if invalid < MIN_BYTES_TO_DETECT_RUNS {
        return encoding_rs::WINDOWS_1252;
    }
    let mut sample = Vec::new();
    for segment in segments {
        if let Segment::Invalid(range) = segment {
            let line_start = bytes[..range.start]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line_end = bytes[range.end..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| range.end + i);
            sample.extend_from_slice(
                &bytes[line_start.max(range.start.saturating_sub(200))..range.start],
            );
            sample.extend_from_slice(&bytes[range.start..line_end.min(range.end + 200)]);
            sample.push(b'\n');
        }
    }
    let mut cleaned = Vec::with_capacity(sample.len());
    for segment in invalid_segments(&sample, true).0 {
        match segment {
            Segment::Valid(range) => {
                cleaned.extend(
                    sample[range]
                        .iter()
                        .map(|&b| if b.is_ascii() { b } else { b' ' }),
                )
            }
            Segment::Invalid(range) => cleaned.extend_from_slice(&sample[range]),
        }
    }
    detect_legacy(&cleaned, true)
}

/// chardetng's guess for bytes known not to be UTF-8.
fn detect_legacy(bytes: &[u8], last: bool) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, last);
    detector.guess(None, Utf8Detection::Deny)
}

/// Decodes with an encoding_rs decoder; malformed bytes are an error.
fn decode_with(
    decoder: &mut encoding_rs::Decoder,
    mut bytes: &[u8],
    start: u64,
    last: bool,
    out: &mut String,
    name: &'static str,
) -> Result<(), DecodeError> {
    let mut consumed = 0u64;
    loop {
        if let Some(needed) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) {
            out.reserve(needed);
        }
        let (result, read) = decoder.decode_to_string_without_replacement(bytes, out, last);
        consumed += read as u64;
        bytes = &bytes[read..];
        match result {
            DecoderResult::InputEmpty => return Ok(()),
            DecoderResult::OutputFull => out.reserve(bytes.len().max(64) * 3),
            DecoderResult::Malformed(bad, _) => {
                return Err(DecodeError::Malformed {
                    encoding: name,
                    offset: (start + consumed).saturating_sub(u64::from(bad)),
                })
            }
        }
    }
}

/// Decodes UTF-32 (encoding_rs has no UTF-32); surrogates and values beyond U+10FFFF
/// are malformed.
fn decode_utf32(
    pending: &mut Vec<u8>,
    big_endian: bool,
    bytes: &[u8],
    start: u64,
    last: bool,
    out: &mut String,
) -> Result<(), DecodeError> {
    let base = start - pending.len() as u64;
    pending.extend_from_slice(bytes);
    let whole = pending.len() / 4 * 4;
    for (i, unit) in pending[..whole].chunks_exact(4).enumerate() {
        let unit = [unit[0], unit[1], unit[2], unit[3]];
        let value = if big_endian {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        let malformed = || DecodeError::Malformed {
            encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
            offset: base + 4 * i as u64,
        };
        out.push(char::from_u32(value).ok_or_else(malformed)?);
    }
    pending.drain(..whole);
    if last && !pending.is_empty() {
        return Err(DecodeError::Malformed {
            encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
            offset: base + whole as u64,
        });
    }
    Ok(())
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

fn binary_at(offset: u64) -> DecodeError {
    DecodeError::Binary {
        reason: format!("NUL byte at offset {offset}"),
    }
}

/// Whether decoded text has more control characters than text ever does.
fn too_many_controls(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\x08') {
            controls += 1;
        }
    }
    chars > 0 && controls as f64 / chars as f64 > MAX_CONTROL_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> (String, SourceEncoding) {
        let decoded = decode(bytes, None).unwrap();
        (decoded.text, decoded.decoding.encoding)
    }

    #[test]
    fn byte_order_marks_pick_the_unicode_encoding() {
        let mut utf16be = vec![0xfe, 0xff];
        utf16be.extend("é\n".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text_of(&utf16be), ("é\n".into(), SourceEncoding::Utf16Be));
        let mut utf32le = vec![0xff, 0xfe, 0, 0];
        utf32le.extend("😀".chars().flat_map(|c| u32::from(c).to_le_bytes()));
        assert_eq!(text_of(&utf32le), ("😀".into(), SourceEncoding::Utf32Le));
    }

    #[test]
    fn utf32_surrogates_are_malformed() {
        let bytes = [0xff, 0xfe, 0, 0, 0x00, 0xd8, 0, 0];
        assert!(matches!(
            decode(&bytes, None),
            Err(DecodeError::Malformed { offset: 4, .. })
        ));
    }

    #[test]
    fn stray_runs_in_utf8_are_decoded_and_reported_with_offsets() {
        let bytes = "Déjà vu, naïve, façade.\nUn caf\u{0}".replace('\u{0}', "");
        let mut bytes = bytes.into_bytes();
        bytes.extend_from_slice(b"\xe9 cr\xe8me\n");
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.decoding.encoding, SourceEncoding::Utf8);
        assert_eq!(decoded.text, "Déjà vu, naïve, façade.\nUn café crème\n");
        let offsets: Vec<_> = decoded
            .invalid_runs
            .iter()
            .map(|r| r.bytes.clone())
            .collect();
        let first = bytes.iter().position(|&b| b == 0xe9).unwrap() as u64;
        assert_eq!(offsets[0], first..first + 1);
        assert_eq!(decoded.invalid_runs.len(), 2);
    }

    #[test]
    fn nul_bytes_mean_binary_but_not_in_utf16() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", None),
            Err(DecodeError::Binary { .. })
        ));
        assert!(decode(b"\xff\xfea\x00", None).is_ok());
    }

    #[test]
    fn forced_encoding_is_used_but_a_bom_wins() {
        let forced = encoding_for_label("koi8-r");
        let decoded = decode(b"\xd0\xd2\xc9\xd7\xc5\xd4", forced).unwrap();
        assert_eq!(decoded.text, "привет");
        let decoded = decode(b"\xef\xbb\xbf\xc3\xa9", forced).unwrap();
        assert_eq!(decoded.text, "é");
    }

    #[test]
    fn a_sequence_split_between_chunks_is_joined() {
        let bytes = "aé".as_bytes();
        let mut decoder = Decoder::new(&bytes[..2], None, false).unwrap();
        let (mut out, mut runs) = (String::new(), Vec::new());
        decoder
            .decode_chunk(&bytes[..2], false, &mut out, &mut runs)
            .unwrap();
        decoder
            .decode_chunk(&bytes[2..], true, &mut out, &mut runs)
            .unwrap();
        assert_eq!(out, "aé");
        assert!(runs.is_empty());
    }

    #[test]
    fn plain_utf8_is_decoded_as_the_decoder_decodes_it() {
        let inputs: [&[u8]; 7] = [
            b"",
            b"plain ASCII\n",
            "Grüße, привет, 日本語 😀\n".as_bytes(),
            b"\xef\xbb\xbfcaf\xc3\xa9",
            b"caf\xe9",
            b"nul\x00byte",
            b"cut \xe2\x82",
        ];
        for bytes in inputs {
            let by_decoder = decode_by_decoder(bytes, None);
            match plain_utf8(bytes, None) {
                Some(plain) => assert_eq!(Ok(plain), by_decoder, "{bytes:?}"),
                None => assert!(
                    std::str::from_utf8(bytes).is_err()
                        || bytes.starts_with(b"\xef\xbb\xbf")
                        || bytes.contains(&0),
                    "{bytes:?}"
                ),
            }
            assert_eq!(decode(bytes, None), by_decoder, "{bytes:?}");
        }
        assert!(plain_utf8(b"abc", encoding_for_label("latin1")).is_none());
    }

    #[test]
    fn decoding_in_chunks_of_any_size_equals_decoding_whole() {
        // Characters of two, three and four bytes cut at every place, next to stray
        // bytes (one cut short, one a lone continuation, one held across a boundary).
        let mut bytes = "aé日😀 Grüße, ".repeat(3).into_bytes();
        bytes.extend_from_slice(b"caf\xe9 \xe2\x82 x \x80\x80\x80 ");
        bytes.extend_from_slice("€ ☃ 𝄞 ß".as_bytes());
        bytes.push(0xf0);
        let whole = decode(&bytes, None).unwrap();
        assert_eq!(whole.decoding.encoding, SourceEncoding::Utf8);
        assert_eq!(whole.invalid_runs.len(), 4, "{:?}", whole.invalid_runs);
        for size in 1..=bytes.len() {
            let mut decoder = Decoder::new(&bytes[..size], None, false).unwrap();
            let (mut text, mut runs) = (String::new(), Vec::new());
            let pieces: Vec<&[u8]> = bytes.chunks(size).collect();
            for (i, piece) in pieces.iter().enumerate() {
                let last = i + 1 == pieces.len();
                decoder
                    .decode_chunk(piece, last, &mut text, &mut runs)
                    .unwrap();
            }
            assert_eq!(text, whole.text, "chunks of {size}");
            let at = |runs: &[InvalidRun]| runs.iter().map(|r| r.bytes.clone()).collect::<Vec<_>>();
            assert_eq!(at(&runs), at(&whole.invalid_runs), "chunks of {size}");
        }
    }

    #[test]
    fn a_sequence_cut_by_the_first_chunk_keeps_the_input_utf8() {
        for text in ["aé", "a日", "a😀"] {
            let bytes = text.as_bytes();
            for cut in 2..bytes.len() {
                let decoder = Decoder::new(&bytes[..cut], None, false).unwrap();
                assert_eq!(decoder.decoding().encoding, SourceEncoding::Utf8);
            }
        }
        // At the very end of the input, the cut sequence is a stray run.
        let bytes = "déjà vu, naïve caf\u{0}".replace('\u{0}', "");
        let mut bytes = bytes.into_bytes();
        let at = bytes.len() as u64;
        bytes.push(0xc3);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.decoding.encoding, SourceEncoding::Utf8);
        assert_eq!(decoded.invalid_runs.len(), 1);
        assert_eq!(decoded.invalid_runs[0].bytes, at..at + 1);
    }

    #[test]
    fn malformed_bytes_are_binary_when_detected_and_an_error_when_declared() {
        // Shift_JIS text with a lead byte cut off at the end of the input.
        let mut bytes = "こんにちは、元気ですか？私は元気です、ありがとう。".repeat(4);
        bytes.push('\n');
        let (encoded, _, _) = encoding_rs::SHIFT_JIS.encode(&bytes);
        let mut encoded = encoded.into_owned();
        encoded.push(0x82);
        assert!(matches!(
            decode(&encoded, None),
            Err(DecodeError::Binary { .. })
        ));
        let forced = encoding_for_label("shift_jis");
        assert!(matches!(
            decode(&encoded, forced),
            Err(DecodeError::Malformed { .. })
        ));
    }

    #[test]
    fn detected_legacy_text_full_of_controls_is_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { 0xe9 })
            .collect();
        assert!(matches!(
            decode(&bytes, None),
            Err(DecodeError::Binary { .. })
        ));
    }
}
