//! The "every input byte is accounted for" oracle, shared by the property tests
//! (`tests/robust_bytes.rs`) and the `decode` fuzz target (`fuzz/`), which includes
//! this file with `#[path]`.
//!
//! It restates the promise of `mojifix::decode` from the bytes alone, without using
//! the library's own segmentation:
//! - UTF-8 input: the reported invalid runs are exactly the maximal runs of bytes
//!   that `std::str::from_utf8` rejects (offsets in the whole input, counting the
//!   byte order mark), the valid bytes between them come out unchanged and in order,
//!   and each run comes out as its bytes decoded with the encoding the run names,
//!   with nothing replaced by U+FFFD along the way.
//! - Any other encoding: the text is exactly the bytes decoded with that encoding
//!   without replacement (a malformed byte must have been an error instead).

#![allow(dead_code)]

use mojifix::decode::{DecodeError, Decoded, Decoding, InvalidRun, SourceEncoding};

/// Checks a result of `mojifix::decode::decode(bytes, ..)`.
pub fn check_decoded(bytes: &[u8], result: &Result<Decoded, DecodeError>) -> Result<(), String> {
    match result {
        Ok(decoded) => check_text(
            bytes,
            decoded.decoding,
            &decoded.text,
            &decoded.invalid_runs,
        ),
        Err(DecodeError::Malformed { offset, .. }) if *offset > bytes.len() as u64 => Err(format!(
            "malformed offset {offset} beyond the input ({} bytes)",
            bytes.len()
        )),
        Err(_) => Ok(()),
    }
}

/// Checks that `text` (the whole decoded input, without byte order mark) and `runs`
/// account for every byte of `bytes` (the whole input) read as `decoding`.
pub fn check_text(
    bytes: &[u8],
    decoding: Decoding,
    text: &str,
    runs: &[InvalidRun],
) -> Result<(), String> {
    let bom = bom_len(bytes, decoding)?;
    let body = &bytes[bom..];
    match decoding.encoding {
        SourceEncoding::Utf8 => check_utf8(body, bom as u64, text, runs),
        other => {
            if !runs.is_empty() {
                return Err(format!("{} input with invalid runs {runs:?}", other.name()));
            }
            let expected = decode_strict(body, other)
                .ok_or_else(|| format!("{} input with malformed bytes decoded", other.name()))?;
            if expected != text {
                return Err(format!(
                    "{} text differs from a strict decoding: {text:?} vs {expected:?}",
                    other.name()
                ));
            }
            Ok(())
        }
    }
}

fn bom_len(bytes: &[u8], decoding: Decoding) -> Result<usize, String> {
    if !decoding.bom {
        return Ok(0);
    }
    let mark: &[u8] = match decoding.encoding {
        SourceEncoding::Utf8 => b"\xef\xbb\xbf",
        SourceEncoding::Utf16Le => b"\xff\xfe",
        SourceEncoding::Utf16Be => b"\xfe\xff",
        SourceEncoding::Utf32Le => b"\xff\xfe\x00\x00",
        SourceEncoding::Utf32Be => b"\x00\x00\xfe\xff",
        other => return Err(format!("byte order mark reported for {}", other.name())),
    };
    if !bytes.starts_with(mark) {
        return Err(format!(
            "byte order mark reported but input starts {:?}",
            &bytes[..bytes.len().min(4)]
        ));
    }
    Ok(mark.len())
}

fn decode_strict(body: &[u8], encoding: SourceEncoding) -> Option<String> {
    let encoding_rs = match encoding {
        SourceEncoding::Utf16Le => encoding_rs::UTF_16LE,
        SourceEncoding::Utf16Be => encoding_rs::UTF_16BE,
        SourceEncoding::Utf32Le | SourceEncoding::Utf32Be => {
            return decode_utf32(body, encoding == SourceEncoding::Utf32Be)
        }
        SourceEncoding::Legacy(encoding) => encoding,
        _ => return None,
    };
    encoding_rs
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|text| text.into_owned())
}

fn decode_utf32(body: &[u8], big_endian: bool) -> Option<String> {
    if body.len() % 4 != 0 {
        return None;
    }
    body.chunks_exact(4)
        .map(|unit| {
            let unit = [unit[0], unit[1], unit[2], unit[3]];
            let value = if big_endian {
                u32::from_be_bytes(unit)
            } else {
                u32::from_le_bytes(unit)
            };
            char::from_u32(value)
        })
        .collect()
}

/// The maximal runs of bytes `std::str::from_utf8` rejects, as ranges of `body`.
pub fn invalid_ranges(body: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let Err(error) = std::str::from_utf8(&body[pos..]) else {
            break;
        };
        let bad = pos + error.valid_up_to();
        let end = error.error_len().map_or(body.len(), |len| bad + len);
        match ranges.last_mut() {
            Some(last) if last.end == bad => last.end = end,
            _ => ranges.push(bad..end),
        }
        pos = end;
    }
    ranges
}

fn check_utf8(body: &[u8], base: u64, text: &str, runs: &[InvalidRun]) -> Result<(), String> {
    let expected_ranges = invalid_ranges(body);
    let reported: Vec<std::ops::Range<usize>> = runs
        .iter()
        .map(|run| {
            (run.bytes.start.wrapping_sub(base)) as usize
                ..(run.bytes.end.wrapping_sub(base)) as usize
        })
        .collect();
    if reported != expected_ranges {
        return Err(format!(
            "invalid runs reported at {reported:?} (body offsets), invalid bytes are at {expected_ranges:?}"
        ));
    }
    let mut expected = String::with_capacity(body.len());
    let mut pos = 0;
    for (range, run) in expected_ranges.iter().zip(runs) {
        expected
            .push_str(std::str::from_utf8(&body[pos..range.start]).expect("valid between runs"));
        let decoded = run
            .decoded_as
            .decode_without_bom_handling_and_without_replacement(&body[range.clone()])
            .ok_or_else(|| {
                format!(
                    "invalid run {:?} ({:02x?}) is not decodable as {}: its bytes were replaced",
                    run.bytes,
                    &body[range.clone()],
                    run.decoded_as.name()
                )
            })?;
        expected.push_str(&decoded);
        pos = range.end;
    }
    expected.push_str(std::str::from_utf8(&body[pos..]).expect("valid after the last run"));
    if expected != text {
        return Err(format!(
            "text {text:?} is not the input's bytes in order: expected {expected:?}"
        ));
    }
    Ok(())
}
