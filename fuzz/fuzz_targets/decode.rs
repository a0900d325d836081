//! Decodes arbitrary bytes, whole and as a stream in small chunks, under an encoding
//! chosen by the first byte (none, so detection runs, or one of the `--encoding`
//! labels), and checks that nothing panics and that every input byte is accounted
//! for: decoded in order, or reported as an invalid run with its offset, never
//! silently dropped or replaced (the oracle is `tests/support/accounting.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mojifix::decode::{decode, encoding_for_label};
use mojifix::input::TextStream;

#[path = "../../tests/support/accounting.rs"]
mod accounting;

/// `None` (detect) and the labels the README documents for `--encoding`.
const LABELS: &[Option<&str>] = &[
    None,
    None,
    None,
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
    Some("iso-2022-jp"),
    Some("x-user-defined"),
    Some("macintosh"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let forced = LABELS[usize::from(selector) % LABELS.len()]
        .map(|label| encoding_for_label(label).expect("documented label"));
    let whole = decode(bytes, forced);
    if let Err(problem) = accounting::check_decoded(bytes, &whole) {
        panic!("decode: {problem}");
    }
    // The same input as a stream with chunk boundaries everywhere.
    let chunk = 1 + usize::from(selector >> 4);
    let max_line = 2 + usize::from(selector & 0x7) * 3;
    let Ok(mut stream) = TextStream::with_limits(bytes, "<fuzz>".into(), forced, chunk, max_line)
    else {
        return;
    };
    let decoding = stream.decoding();
    let mut text = String::new();
    let mut runs = Vec::new();
    loop {
        match stream.next_chunk() {
            Ok(Some(piece)) => {
                assert_eq!(piece.offset, text.len() as u64, "chunk offset");
                text.push_str(&piece.text);
                runs.extend(piece.invalid_runs);
            }
            Ok(None) => break,
            Err(_) => return,
        }
    }
    if let Err(problem) = accounting::check_text(bytes, decoding, &text, &runs) {
        panic!("stream (chunk {chunk}, line {max_line}): {problem}");
    }
});
