//! Property tests for bytes in: decoding any bytes, with any `--encoding` or none,
//! whole or streamed in chunks of any size, never panics, and accounts for every
//! input byte (decoded in order, or reported as an invalid run with its offset;
//! nothing dropped or silently replaced). The oracle is `tests/support/accounting.rs`,
//! shared with the `decode` fuzz target. The decoded text then repaired under any
//! configuration is normalized as asked.
//!
//! Case counts: proptest's default of 256 per property (a few seconds in all);
//! `PROPTEST_CASES=100000 cargo test --release --test robust_bytes` for a long run.

use mojifix::decode::{decode, encoding_for_label, SourceEncoding};
use mojifix::input::TextStream;
use mojifix::{fix_text, Config, Normalization};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::{is_nfc, is_nfkc};

#[path = "support/accounting.rs"]
mod accounting;

/// `None` (detect) and every label README documents for `--encoding`.
const LABELS: &[Option<&str>] = &[
    None,
    Some("utf-8"),
    Some("windows-1252"),
    Some("windows-1251"),
    Some("iso-8859-2"),
    Some("koi8-r"),
    Some("shift_jis"),
    Some("euc-jp"),
    Some("gbk"),
    Some("gb18030"),
    Some("big5"),
    Some("euc-kr"),
    Some("utf-16le"),
    Some("utf-16be"),
];

fn forced() -> impl Strategy<Value = Option<&'static encoding_rs::Encoding>> {
    select(LABELS.to_vec()).prop_map(|label| label.map(|l| encoding_for_label(l).unwrap()))
}

/// Bytes that exercise every branch of the decoder: byte order marks, ASCII, high
/// bytes, NUL, line breaks and valid multi-byte UTF-8.
fn tricky_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        (0x80u8..=0xff).prop_map(|b| vec![b]),
        select(vec![
            &b"\xef\xbb\xbf"[..],
            b"\xff\xfe",
            b"\xfe\xff",
            b"\xff\xfe\x00\x00",
            b"\x00\x00\xfe\xff",
            b"\n",
            b"\r\n",
            b" ",
            "é".as_bytes(),
            "ж".as_bytes(),
            "日".as_bytes(),
            "🙂".as_bytes(),
            b"\xc3",
            b"\xe6\x97",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"abc",
        ])
        .prop_map(|b| b.to_vec()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Mostly valid UTF-8 text in several scripts with stray runs of high bytes, as left
/// by a windows-1252 editor inside a UTF-8 file.
fn mostly_utf8() -> impl Strategy<Value = Vec<u8>> {
    let text = prop::collection::vec(
        select("aé ü ж日🙂Ωñ\nß€—".chars().collect::<Vec<_>>()),
        1..30,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>().into_bytes());
    let stray = prop::collection::vec(0x80u8..=0xff, 1..4);
    prop::collection::vec(prop_oneof![4 => text, 1 => stray], 1..12)
        .prop_map(|pieces| pieces.concat())
}

/// Decodes `bytes` whole and as a stream, and checks the accounting of both.
fn check_bytes(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    chunk: usize,
    max_line: usize,
) -> Result<(), TestCaseError> {
    let whole = decode(bytes, forced);
    if let Err(problem) = accounting::check_decoded(bytes, &whole) {
        return Err(TestCaseError::fail(format!("decode: {problem}")));
    }
    let Ok(mut stream) = TextStream::with_limits(bytes, "<test>".into(), forced, chunk, max_line)
    else {
        return Ok(());
    };
    let decoding = stream.decoding();
    let (mut text, mut runs) = (String::new(), Vec::new());
    loop {
        match stream.next_chunk() {
            Ok(Some(piece)) => {
                prop_assert_eq!(piece.offset, text.len() as u64);
                text.push_str(&piece.text);
                runs.extend(piece.invalid_runs);
            }
            Ok(None) => break,
            Err(_) => return Ok(()),
        }
    }
    if let Err(problem) = accounting::check_text(bytes, decoding, &text, &runs) {
        return Err(TestCaseError::fail(format!(
            "stream of {chunk}-byte chunks: {problem}"
        )));
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_bytes_are_decoded_or_refused_and_every_byte_is_accounted_for(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        forced in forced(),
        chunk in 1usize..64,
        max_line in 1usize..64,
    ) {
        check_bytes(&bytes, forced, chunk, max_line)?;
    }

    #[test]
    fn tricky_bytes_are_decoded_or_refused_and_every_byte_is_accounted_for(
        bytes in tricky_bytes(),
        forced in forced(),
        chunk in 1usize..32,
        max_line in 1usize..32,
    ) {
        check_bytes(&bytes, forced, chunk, max_line)?;
    }

    #[test]
    fn stray_invalid_runs_in_utf8_are_reported_exactly(
        bytes in mostly_utf8(),
        chunk in 1usize..64,
    ) {
        let decoded = decode(&bytes, None);
        if let Err(problem) = accounting::check_decoded(&bytes, &decoded) {
            return Err(TestCaseError::fail(problem));
        }
        // The decision rule: four valid non-ASCII bytes per invalid byte make UTF-8,
        // unless a UTF-16 byte order mark says otherwise (stray bytes FE FF or FF FE
        // at the start; found with PROPTEST_CASES=50000).
        let utf16_mark = bytes.starts_with(b"\xfe\xff") || bytes.starts_with(b"\xff\xfe");
        let invalid: usize = accounting::invalid_ranges(&bytes).iter().map(|r| r.len()).sum();
        let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count() - invalid;
        if non_ascii >= 4 * invalid && !utf16_mark {
            let decoded = decoded.expect("mostly UTF-8 is text");
            prop_assert_eq!(decoded.decoding.encoding, SourceEncoding::Utf8);
        }
        check_bytes(&bytes, None, chunk, 1 << 20)?;
    }

    #[test]
    fn decoded_bytes_repaired_under_any_normalization_are_normalized(
        bytes in mostly_utf8(),
        form in select(vec![Normalization::Nfc, Normalization::Nfkc, Normalization::None]),
    ) {
        let Ok(decoded) = decode(&bytes, None) else {
            return Ok(());
        };
        let mut config = Config::default();
        config.normalization = form;
        let fixed = fix_text(&decoded.text, &config);
        match form {
            Normalization::Nfc => prop_assert!(is_nfc(fixed.text())),
            Normalization::Nfkc => prop_assert!(is_nfkc(fixed.text())),
            _ => {}
        }
    }
}

/// A Shift_JIS sentence inside a UTF-8 file: many Shift_JIS characters have an
/// ASCII trail byte (`\x93s` is 東京都's 都), so the invalid runs are single lead
/// bytes cut off from their trail byte. Whatever encoding detection picks for the
/// runs, each must come out as characters, not as U+FFFD.
#[test]
fn shift_jis_sentence_inside_utf8_accounts_for_every_byte() {
    let utf8 = "日本語のテキストです。東京は晴れ。".repeat(20);
    let sjis = b"\x93\x8c\x8b\x9e\x93s\x82\xcc\x93V\x8bC\x97\\\x95\xf1\x82\xc5\x82\xb7\x81B";
    let mut bytes = utf8.clone().into_bytes();
    bytes.extend_from_slice(b"\n");
    bytes.extend_from_slice(&sjis.repeat(4));
    bytes.extend_from_slice(b"\n");
    bytes.extend_from_slice(utf8.as_bytes());
    let decoded = decode(&bytes, None);
    if let Err(problem) = accounting::check_decoded(&bytes, &decoded) {
        panic!("{problem}");
    }
}

/// Found by `tricky_bytes_are_decoded_or_refused_and_every_byte_is_accounted_for`: a
/// line limit shorter than one character cut a four-byte character at byte 1 and
/// panicked (`String::split_off` off a character boundary).
#[test]
fn a_line_limit_shorter_than_a_character_cuts_between_characters() {
    let bytes = "🙂🙂é".as_bytes();
    let mut stream = TextStream::with_limits(bytes, "<test>".into(), None, 1, 1).unwrap();
    let mut pieces = Vec::new();
    while let Some(chunk) = stream.next_chunk().unwrap() {
        pieces.push(chunk.text);
    }
    assert_eq!(pieces, ["🙂", "🙂", "é"]);
}

/// Found by `stray_invalid_runs_in_utf8_are_reported_exactly`: an invalid run cut by
/// chunk boundaries was reported once per chunk (seven one-byte runs for one
/// seven-byte run), and each piece could be decoded with another encoding.
#[test]
fn an_invalid_run_across_chunk_boundaries_is_reported_once() {
    let mut bytes = "Grüße aus Köln, schöne Grüße. ".repeat(4).into_bytes();
    let at = bytes.len() as u64;
    bytes.extend_from_slice(b"\xe9\xe8\xe0\xf9\xe7\xe2\xea end\n");
    for chunk in [1, 2, 3, 7, 64] {
        let mut stream =
            TextStream::with_limits(&bytes[..], "<test>".into(), None, chunk, 1 << 20).unwrap();
        let mut runs = Vec::new();
        while let Some(piece) = stream.next_chunk().unwrap() {
            runs.extend(piece.invalid_runs);
        }
        let ranges: Vec<_> = runs.iter().map(|run| run.bytes.clone()).collect();
        assert_eq!(ranges, vec![(at..at + 7)], "chunks of {chunk} bytes");
    }
}

/// Found by the `decode` fuzz target in its first second: a stream that starts as
/// UTF-8 and then holds 99 bytes 0xE7, which detection reads as Shift_JIS. The odd
/// last lead byte has no trail byte inside the run (the `n` after it is valid UTF-8)
/// and came out as U+FFFD: a byte silently replaced. Such a run is now decoded as
/// windows-1252, which maps every byte.
#[test]
fn an_invalid_run_the_detected_encoding_cannot_decode_is_not_replaced() {
    let mut bytes = "Cafe\u{301} cre\u{300}me, Ha\u{308}user, "
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(&[0xe7; 99]);
    bytes.extend_from_slice("n\u{303}\n".as_bytes());
    check_bytes(&bytes, None, 1, 2).unwrap();
    let mut stream =
        TextStream::with_limits(&bytes[..], "<test>".into(), None, 1, 1 << 20).unwrap();
    let mut text = String::new();
    while let Some(chunk) = stream.next_chunk().unwrap() {
        text.push_str(&chunk.text);
    }
    assert!(!text.contains('\u{fffd}'), "{text:?}");
}
