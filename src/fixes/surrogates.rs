//! UTF-16 surrogates that reached the text as two code units instead of one
//! character, in the two forms valid UTF-8 text can carry them:
//!
//! - JSON / JavaScript escapes: `\ud83d\ude00` becomes `😀`. A lone escaped surrogate
//!   (`\ud83d` with no partner) stands for no character at all; it becomes U+FFFD and
//!   the change says so (`Step::LoneSurrogate`). An escaped backslash (`\\ud83d`) is
//!   no escape and stays.
//! - CESU-8 (or WTF-8) bytes read as windows-1252 or Latin-1: `í ½í²©` (the six bytes
//!   `ED A0 BD ED B2 A9`, each pair of surrogates encoded separately, as Java's
//!   "modified UTF-8" and MySQL's old `utf8` do) becomes `💩`. Only complete pairs are
//!   joined: a lone one in this form is too weak a signal in Latin text.
//!
//! Raw surrogate code points cannot occur in Rust text; bytes that encode them in a
//! file are the input's business.

use super::Replacement;
use crate::codec::CodePage;

/// What a surrogate fix produced: a joined pair or a replaced lone surrogate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SurrogateKind {
    /// Two code units joined into one character.
    Pair,
    /// A lone code unit replaced with U+FFFD.
    Lone,
}

/// The surrogate escapes and CESU-8 pairs in `text`, with what each stands for.
///
/// ```ignore
/// let text = r"\ud83d\ude00 and \ud83d";
/// let reps = surrogates(text);
/// assert_eq!(apply(text, &reps.iter().map(|r| r.0.clone()).collect::<Vec<_>>()), "😀 and \u{fffd}");
/// ```
pub(crate) fn surrogates(text: &str) -> Vec<(Replacement, SurrogateKind)> {
    let mut out = escaped_surrogates(text);
    if !text.is_ascii() {
        out.extend(
            cesu8_pairs(text)
                .into_iter()
                .map(|r| (r, SurrogateKind::Pair)),
        );
        out.sort_by_key(|(r, _)| r.range.start);
    }
    out
}

/// Surrogates written as `\uXXXX` escapes.
fn escaped_surrogates(text: &str) -> Vec<(Replacement, SurrogateKind)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = memchr::memmem::find(&bytes[pos..], b"\\u") {
        let start = pos + found;
        pos = start + 2;
        if !is_real_escape(bytes, start) {
            continue;
        }
        let Some(unit) = escaped_unit(bytes, start).filter(|u| is_surrogate(*u)) else {
            continue;
        };
        let low = escaped_unit(bytes, start + 6).filter(|u| (0xDC00..=0xDFFF).contains(u));
        match low {
            Some(low) if unit < 0xDC00 => {
                let joined = join(unit, low);
                out.push((
                    Replacement::new(start..start + 12, joined.to_string()),
                    SurrogateKind::Pair,
                ));
                pos = start + 12;
            }
            _ => {
                out.push((
                    Replacement::new(start..start + 6, '\u{FFFD}'.to_string()),
                    SurrogateKind::Lone,
                ));
                pos = start + 6;
            }
        }
    }
    out
}

/// Whether the backslash at `start` begins an escape (is not itself escaped).
fn is_real_escape(bytes: &[u8], start: usize) -> bool {
    let preceding = bytes[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    preceding % 2 == 0
}

/// The code unit of a `\uXXXX` escape at `start`, if there is one.
fn escaped_unit(bytes: &[u8], start: usize) -> Option<u32> {
    let escape = bytes.get(start..start + 6)?;
    if &escape[..2] != b"\\u" || !escape[2..].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()
}

fn is_surrogate(unit: u32) -> bool {
    (0xD800..=0xDFFF).contains(&unit)
}

fn join(high: u32, low: u32) -> char {
    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// Pairs of CESU-8 surrogates shown as windows-1252 or Latin-1 characters.
fn cesu8_pairs(text: &str) -> Vec<Replacement> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 6 <= chars.len() {
        let unit = |at: usize| cesu8_unit(&chars[at..at + 3]);
        match (unit(i), unit(i + 3)) {
            (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) => {
                let end = chars.get(i + 6).map_or(text.len(), |&(at, _)| at);
                out.push(Replacement::new(
                    chars[i].0..end,
                    join(high, low).to_string(),
                ));
                i += 6;
            }
            _ => i += 1,
        }
    }
    out
}

/// The surrogate code unit three characters stand for as CESU-8 bytes.
fn cesu8_unit(three: &[(usize, char)]) -> Option<u32> {
    let byte = |c: char| match u32::from(c) {
        code @ 0..=0xFF => Some(code as u8),
        _ => CodePage::Windows1252.encode_char(c),
    };
    let [lead, b1, b2] = [byte(three[0].1)?, byte(three[1].1)?, byte(three[2].1)?];
    if lead != 0xED || !(0xA0..=0xBF).contains(&b1) || !(0x80..=0xBF).contains(&b2) {
        return None;
    }
    Some(0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        let reps: Vec<Replacement> = surrogates(text).into_iter().map(|(r, _)| r).collect();
        apply(text, &reps)
    }

    #[test]
    fn escaped_pairs_are_joined() {
        assert_eq!(
            fix(r#"{"e": "\ud83d\ude00 \uD83D\uDCA9"}"#),
            "{\"e\": \"😀 💩\"}"
        );
    }

    #[test]
    fn lone_escapes_become_replacement_characters() {
        let text = r"a \ud83d b \udca9\ud83d";
        assert_eq!(fix(text), "a \u{fffd} b \u{fffd}\u{fffd}");
        assert!(surrogates(text)
            .iter()
            .all(|(_, kind)| *kind == SurrogateKind::Lone));
    }

    #[test]
    fn escaped_backslashes_and_other_escapes_stay() {
        for text in [r"\\ud83d\\ude00", r"\u00e9 \u20ac", r"\ud83", r"\xd83d"] {
            assert!(surrogates(text).is_empty(), "{text:?}");
        }
        assert_eq!(fix(r"\\\ud83d\ude00"), "\\\\😀");
    }

    #[test]
    fn cesu8_read_as_latin1_or_windows_1252_is_joined() {
        assert_eq!(fix("x \u{ed}\u{a0}\u{bd}\u{ed}\u{b2}\u{a9} y"), "x 💩 y");
        // ED A0 BD ED B8 80 (😀) with 0x80 shown as the windows-1252 euro sign.
        assert_eq!(fix("\u{ed}\u{a0}\u{bd}\u{ed}\u{b8}€"), "😀");
    }

    #[test]
    fn spanish_text_stays() {
        assert!(surrogates("Así ½ taza, aquí ²").is_empty());
        assert!(surrogates("í ½í²©").is_empty());
    }
}
