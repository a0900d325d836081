//! Curly quotation marks to straight ones: `‘ ’ ‚ ‛` and the modifier letter apostrophe
//! `ʼ` become `'`, `“ ” „ ‟` become `"`.
//!
//! Typographic quotes are correct text; this is a cosmetic fix for corpora and
//! tokenizers that expect ASCII quotes, never part of the safe preset. Guillemets and
//! primes are not quotes of this kind and stay.

use super::{map_chars, Replacement};

/// The straight quote for a curly one.
fn straight(c: char) -> Option<&'static str> {
    match c {
        '\u{2BC}' | '\u{2018}'..='\u{201B}' => Some("'"),
        '\u{201C}'..='\u{201F}' => Some("\""),
        _ => None,
    }
}

/// The curly quotes in `text`, each replaced with its straight form.
///
/// ```ignore
/// let text = "“here’s a test”";
/// assert_eq!(apply(text, &curly_quotes(text)), "\"here's a test\"");
/// ```
pub(crate) fn curly_quotes(text: &str) -> Vec<Replacement> {
    if text.is_ascii() {
        return Vec::new();
    }
    map_chars(text, |c| straight(c).map(String::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    #[test]
    fn curly_quotes_become_straight() {
        let text = "“here’s a test” ‘a’ „b‟ ‚c‛ ʼd";
        assert_eq!(
            apply(text, &curly_quotes(text)),
            "\"here's a test\" 'a' \"b\" 'c' 'd"
        );
    }

    #[test]
    fn other_quotes_stay() {
        assert!(curly_quotes("«guillemets» ‹x› 5′ 6″ 'a' \"b\"").is_empty());
    }
}
