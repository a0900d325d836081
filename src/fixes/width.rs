//! Full-width and half-width forms to normal width: `ＬＯＵＤ` → `LOUD`, the ideographic
//! space U+3000 → a space, half-width katakana `ﾀｰﾝ` → `ターン`.
//!
//! These forms exist to line text up in a grid of CJK cells; outside such a grid they
//! break search and tokenization. The characters touched are U+3000 and the Halfwidth
//! and Fullwidth Forms block (U+FF01..=U+FFEE); each becomes its compatibility
//! equivalent. A half-width voiced mark becomes the combining mark, which NFC then
//! joins to the kana before it (`ｶﾞ` → `ガ`).

use unicode_normalization::UnicodeNormalization;

use super::{map_chars, Replacement};

/// The normal-width form of a full-width or half-width character.
fn normal_width(c: char) -> Option<String> {
    if c != '\u{3000}' && !('\u{FF01}'..='\u{FFEE}').contains(&c) {
        return None;
    }
    let folded: String = std::iter::once(c).nfkc().collect();
    (folded.chars().ne(std::iter::once(c))).then_some(folded)
}

/// The full-width and half-width characters in `text` with their normal forms.
///
/// ```ignore
/// let text = "ＬＯＵＤ　ＮＯＩＳＥＳ";
/// assert_eq!(apply(text, &character_width(text)), "LOUD NOISES");
/// ```
pub(crate) fn character_width(text: &str) -> Vec<Replacement> {
    if text.is_ascii() {
        return Vec::new();
    }
    map_chars(text, normal_width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &character_width(text))
    }

    #[test]
    fn full_width_latin_and_ideographic_space() {
        assert_eq!(fix("ＬＯＵＤ　ＮＯＩＳＥＳ！ １２３"), "LOUD NOISES! 123");
        assert_eq!(fix("￥１０￠"), "¥10¢");
    }

    #[test]
    fn half_width_katakana_and_hangul() {
        assert_eq!(fix("Ｕﾀｰﾝ"), "Uターン");
        assert_eq!(fix("ｶﾞ"), "カ\u{3099}");
        // Half-width hangul goes to the conjoining jamo, as NFKC takes it.
        assert_eq!(fix("ﾡ"), "\u{1100}");
    }

    #[test]
    fn normal_width_text_stays() {
        assert!(character_width("日本語のテキスト、「引用」。Hangul 한국어").is_empty());
    }
}
