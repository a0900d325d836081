//! HTML character references: `&eacute;`, `&#233;`, `&#xE9;`, and references escaped
//! twice (`&amp;eacute;`), decoded to the characters they stand for.
//!
//! Only references that end in a semicolon are decoded: `this&not that` is ordinary
//! text, not `this¬ that`. All-caps spellings of named references that exist in lower
//! case (`P&EACUTE;REZ`, common in old databases) decode to the upper-case expansion
//! (`PÉREZ`). Numeric references follow HTML's rules: windows-1252 for 128..=159,
//! U+FFFD for 0, surrogates and numbers past U+10FFFF, and nothing for the control
//! and noncharacter code points HTML forbids.
//!
//! This function does not decide whether the text is markup: the pipeline skips it
//! from the first `<` of a document on (see `markup_starts_at`), because in real HTML
//! or XML the references are meant to stay.

use htmlize::ENTITIES;

use super::Replacement;
use crate::codec::CodePage;

/// The longest name decoded. HTML's longest, `CounterClockwiseContourIntegral` (31
/// letters), stays as ftfy 6.3.1 leaves it; the next longest has 24. This also
/// bounds the scan after each `&`.
const MAX_NAME_LEN: usize = 30;

/// Where markup starts in `text`: the first `<`. Lines from the one holding it on
/// are treated as HTML/XML, whose references must be kept. This is the rule ftfy 6
/// uses, kept for compatibility: it is conservative (a stray `a < b` also turns the
/// fix off for the rest of the document) and never decodes real markup.
///
/// ```ignore
/// assert_eq!(markup_starts_at("a &amp; b\n<p>"), Some(10));
/// ```
pub(crate) fn markup_starts_at(text: &str) -> Option<usize> {
    memchr::memchr(b'<', text.as_bytes())
}

/// The references in `text`, each with what it decodes to.
///
/// ```ignore
/// let reps = html_entities("caf&eacute; &amp;amp;eacute;");
/// assert_eq!(reps[0].text, "é");
/// assert_eq!(reps[1].text, "é");
/// ```
pub(crate) fn html_entities(text: &str) -> Vec<Replacement> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[pos..]) {
        let start = pos + found;
        match decode_escaped_reference(bytes, start + 1) {
            Some((end, value)) => {
                out.push(Replacement::new(start..end, value));
                pos = end;
            }
            None => pos = start + 1,
        }
    }
    out
}

/// Decodes the reference whose `&` comes just before `name_start`, following
/// `&amp;` into a reference escaped again (`&amp;amp;eacute;` is `é`). Returns the end
/// of the last reference and the decoded text.
fn decode_escaped_reference(bytes: &[u8], name_start: usize) -> Option<(usize, String)> {
    let (mut end, mut value) = decode_reference(bytes, name_start)?;
    while value == "&" {
        match decode_reference(bytes, end) {
            Some((next_end, next_value)) => {
                end = next_end;
                value = next_value;
            }
            None => break,
        }
    }
    Some((end, value))
}

/// Decodes one reference whose body starts at `start` (just after a real or implied
/// `&`); returns the position after its `;` and the decoded text.
fn decode_reference(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    if bytes.get(start) == Some(&b'#') {
        return decode_numeric(bytes, start + 1);
    }
    let len = bytes[start..]
        .iter()
        .take(MAX_NAME_LEN + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || len > MAX_NAME_LEN || bytes.get(start + len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&bytes[start..start + len]).ok()?;
    Some((start + len + 1, named(name)?))
}

/// The expansion of `&name;`, including the all-caps spelling of a lower-case name.
fn named(name: &str) -> Option<String> {
    let lookup = |name: &str| {
        ENTITIES
            .get(format!("&{name};").as_bytes())
            .and_then(|v| std::str::from_utf8(v).ok())
    };
    if let Some(value) = lookup(name) {
        return Some(value.to_string());
    }
    let all_caps = name.bytes().any(|b| b.is_ascii_uppercase())
        && !name.bytes().any(|b| b.is_ascii_lowercase());
    if all_caps && !starts_with_bare_capital_entity(name) {
        return lookup(&name.to_ascii_lowercase()).map(str::to_uppercase);
    }
    None
}

/// Whether an all-caps `name` begins with one of the capitalised names HTML also
/// accepts without a semicolon (`AMP`, `COPY`, `ETH`, `GT`, `LT`, `QUOT`, `REG`,
/// `THORN`): `&GTCC;` is then not read as `&gtcc;`, as ftfy 6.3.1 does not.
fn starts_with_bare_capital_entity(name: &str) -> bool {
    ENTITIES.keys().any(|key| {
        let Some(bare) = key.strip_prefix(b"&") else {
            return false;
        };
        !bare.ends_with(b";")
            && bare.iter().all(u8::is_ascii_uppercase)
            && name.as_bytes().starts_with(bare)
    })
}

/// Decodes `&#233;` or `&#xE9;`; `start` is just after the `#`.
fn decode_numeric(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    let (radix, digits_start) = match bytes.get(start) {
        Some(b'x' | b'X') => (16, start + 1),
        _ => (10, start),
    };
    let digits = bytes[digits_start..]
        .iter()
        .take_while(|b| (b as &u8).is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
        .count();
    let end = digits_start + digits;
    if digits == 0 || bytes.get(end) != Some(&b';') {
        return None;
    }
    let number = std::str::from_utf8(&bytes[digits_start..end])
        .ok()
        .and_then(|s| u32::from_str_radix(s, radix).ok())
        .unwrap_or(u32::MAX);
    // A reference to the semicolon itself stays, as ftfy 6.3.1 leaves it.
    if number == u32::from(b';') {
        return None;
    }
    Some((end + 1, numeric_value(number)))
}

/// What HTML makes of a numeric reference to `number`.
fn numeric_value(number: u32) -> String {
    if number == 0 || number > 0x10FFFF || (0xD800..=0xDFFF).contains(&number) {
        return '\u{FFFD}'.to_string();
    }
    if (0x80..=0x9F).contains(&number) {
        // Browsers read these as windows-1252, as the pages that wrote them meant.
        let mapped = CodePage::Windows1252.decode_byte(number as u8);
        if let Some(c) = mapped.filter(|c| u32::from(*c) != number) {
            return c.to_string();
        }
        return char::from_u32(number).map(String::from).unwrap_or_default();
    }
    if is_forbidden(number) {
        return String::new();
    }
    char::from_u32(number).map(String::from).unwrap_or_default()
}

/// Control characters and noncharacters that a numeric reference may not produce.
fn is_forbidden(number: u32) -> bool {
    matches!(number, 0x01..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F | 0xFDD0..=0xFDEF)
        || (number & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &html_entities(text))
    }

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(
            fix("caf&eacute; caf&#233; caf&#xE9; caf&#XE9;"),
            "café café café café"
        );
        assert_eq!(fix("&lt;tag&gt; &nbsp;"), "<tag> \u{a0}");
        assert_eq!(fix("&checkmark; &NotEqualTilde;"), "✓ ≂\u{338}");
    }

    #[test]
    fn double_escaped_references() {
        assert_eq!(fix("&amp;eacute; &amp;amp;eacute; &#38;eacute;"), "é é é");
        assert_eq!(fix("AT&amp;T"), "AT&T");
        assert_eq!(fix("&amp;#233;"), "é");
    }

    #[test]
    fn all_caps_names() {
        assert_eq!(
            fix("P&EACUTE;REZ BUNDESSTRA&SZLIG;E"),
            "PÉREZ BUNDESSTRASSE"
        );
        assert_eq!(fix("&ntilde; &Ntilde; &NTILDE; &nTILDE;"), "ñ Ñ Ñ &nTILDE;");
        assert_eq!(fix("&AMP; &COPY;"), "& ©");
    }

    #[test]
    fn what_ftfy_leaves_stays() {
        for text in [
            "&CounterClockwiseContourIntegral;",
            "&GTCC; &LTRIF; &COPYSR;",
            "&#59; &#x3B;",
        ] {
            assert!(html_entities(text).is_empty(), "{text:?}");
        }
        assert_eq!(fix("&DoubleLongLeftRightArrow; &copysr; &GT;"), "⟺ ℗ >");
    }

    #[test]
    fn references_without_semicolon_stay() {
        for text in [
            "this&not that",
            "&eacute",
            "&#65",
            "&#x;",
            "&#;",
            "& amp;",
            "&;",
        ] {
            assert!(html_entities(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn numeric_references_follow_html() {
        assert_eq!(fix("&#150;&#x80;"), "–€");
        assert_eq!(fix("&#x81;"), "\u{81}");
        assert_eq!(
            fix("&#0;&#xD800;&#1114112;&#99999999999;"),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(fix("a&#1;&#x7F;&#xFDD0;&#xFFFE;&#x1FFFF;b"), "ab");
        assert_eq!(fix("&#x1F600;&#00000000233;&#13;"), "😀é\r");
    }

    #[test]
    fn markup_is_found_at_the_first_angle_bracket() {
        assert_eq!(markup_starts_at("a &amp; b\n<p>"), Some(10));
        assert_eq!(markup_starts_at("a &gt; b"), None);
    }
}
