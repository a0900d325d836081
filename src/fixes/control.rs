//! Control characters with no place in text: C0 controls other than tab, LF, CR and
//! form feed, DEL, the deprecated Arabic format controls U+206A..=U+206F, and the
//! interlinear annotation characters and object replacement character
//! U+FFF9..=U+FFFC.
//!
//! Kept on purpose: tab, LF, CR (line breaks are their own fix); form feed, which
//! plain text uses as a page break; C1 controls, which are evidence of mojibake and
//! have their own fix; joiners, direction marks and embeddings, which change how
//! text renders; tag characters (emoji flags); and U+FEFF, which is the `bom` fix.

use super::{map_chars, Replacement};

/// Whether `c` is a control character this fix removes.
fn is_removable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'
        | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFC}')
}

/// The removable control characters in `text`, each replaced with nothing.
///
/// ```ignore
/// let text = "a\u{0}b\u{c}c";
/// assert_eq!(apply(text, &control_chars(text)), "ab\u{c}c");
/// ```
pub(crate) fn control_chars(text: &str) -> Vec<Replacement> {
    let has_candidate = text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            || b == 0x7F
            || b == 0xE2
            || b == 0xEF
    });
    if !has_candidate {
        return Vec::new();
    }
    map_chars(text, |c| is_removable(c).then(String::new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &control_chars(text))
    }

    #[test]
    fn controls_are_removed() {
        assert_eq!(fix("a\u{0}b\u{7}c\u{b}d\u{1b}e\u{7f}f"), "abcdef");
        assert_eq!(fix("x\u{206a}\u{206f}y\u{fff9}\u{fffc}z"), "xyz");
    }

    #[test]
    fn whitespace_marks_and_c1_stay() {
        for text in [
            "a\tb\nc\rd\u{c}e",
            "\u{85}\u{9d}",
            "\u{200c}\u{200d}\u{200e}\u{200f}\u{202a}\u{202e}",
            "🏴\u{e0067}\u{e0062}\u{e007f}",
            "\u{feff}",
            "\u{2028}\u{2029}",
        ] {
            assert!(control_chars(text).is_empty(), "{text:?}");
        }
    }
}
