//! Latin ligatures to the letters they are made of: `ﬁ` → `fi`, `ﬂ` → `fl`, `ĳ` → `ij`,
//! `ǆ` → `dž`.
//!
//! Single-character Latin ligatures nearly always come from copying text out of a PDF
//! or a typeset page; they break search. Ligatures of other scripts (Arabic,
//! Armenian, Hebrew presentation forms) may be intended and stay; NFKC normalization
//! takes those apart too for who wants it.

use super::{map_chars, Replacement};

/// The Latin ligature characters and the letters each is made of (its compatibility
/// decomposition, one level deep, so `ﬅ` keeps its long s): the Dutch `Ĳ ĳ`, `ŉ`, the
/// Croatian digraphs `Ǆ..ǌ` and `Ǳ..ǳ`, and the typographic ligatures `ﬀ..ﬆ`.
const LATIN_LIGATURES: &[(char, &str)] = &[
    ('\u{132}', "IJ"),
    ('\u{133}', "ij"),
    ('\u{149}', "\u{2BC}n"),
    ('\u{1C4}', "D\u{17D}"),
    ('\u{1C5}', "D\u{17E}"),
    ('\u{1C6}', "d\u{17E}"),
    ('\u{1C7}', "LJ"),
    ('\u{1C8}', "Lj"),
    ('\u{1C9}', "lj"),
    ('\u{1CA}', "NJ"),
    ('\u{1CB}', "Nj"),
    ('\u{1CC}', "nj"),
    ('\u{1F1}', "DZ"),
    ('\u{1F2}', "Dz"),
    ('\u{1F3}', "dz"),
    ('\u{FB00}', "ff"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
    ('\u{FB05}', "\u{17F}t"),
    ('\u{FB06}', "st"),
];

fn letters(c: char) -> Option<String> {
    LATIN_LIGATURES
        .iter()
        .find(|&&(ligature, _)| ligature == c)
        .map(|&(_, letters)| letters.to_string())
}

/// The Latin ligatures in `text` with the letters they stand for.
///
/// ```ignore
/// let text = "ﬂuﬃeﬆ";
/// assert_eq!(apply(text, &latin_ligatures(text)), "fluffiest");
/// ```
pub(crate) fn latin_ligatures(text: &str) -> Vec<Replacement> {
    if text.is_ascii() {
        return Vec::new();
    }
    map_chars(text, letters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &latin_ligatures(text))
    }

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(fix("ﬂuﬃeﬆ ﬁne ﬀ ﬄ"), "fluffiest fine ff ffl");
        assert_eq!(fix("Ĳsselmeer ǆep ǈ"), "IJsselmeer džep Lj");
        assert_eq!(fix("ﬅ"), "ſt");
    }

    #[test]
    fn table_agrees_with_the_compatibility_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        for &(ligature, letters) in LATIN_LIGATURES {
            let nfkd: String = std::iter::once(ligature).nfkd().collect();
            let ours: String = letters.nfkd().collect();
            // NFKD goes all the way down (ſ to s); ours stops one level above.
            assert_eq!(nfkd, ours.replace('\u{17F}', "s"), "{ligature}");
        }
    }

    #[test]
    fn other_scripts_and_plain_letters_stay() {
        assert!(latin_ligatures("ﭏ ﬓ æ œ ß Straße").is_empty());
    }
}
