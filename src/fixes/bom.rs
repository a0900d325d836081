//! Byte order marks inside the text: U+FEFF decoded as a character, usually where
//! files that each began with a BOM were concatenated, or where a UTF-8 file with a
//! BOM was read by software that did not expect one.
//!
//! Every U+FEFF is removed, the first character of the text included: as a zero
//! width no-break space it has been deprecated since Unicode 3.2 (U+2060 replaced it).
//! A BOM that was still bytes when the file was read is the input's business and
//! never reaches this fix.

use super::Replacement;

const BOM: char = '\u{FEFF}';

/// Every U+FEFF in `text`, replaced with nothing.
///
/// ```ignore
/// let text = "a\u{feff}b";
/// assert_eq!(apply(text, &byte_order_marks(text)), "ab");
/// ```
pub(crate) fn byte_order_marks(text: &str) -> Vec<Replacement> {
    text.match_indices(BOM)
        .map(|(i, m)| Replacement::new(i..i + m.len(), String::new()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    #[test]
    fn boms_anywhere_are_removed() {
        let text = "\u{feff}Where do you want to go\u{feff} today?";
        assert_eq!(
            apply(text, &byte_order_marks(text)),
            "Where do you want to go today?"
        );
    }

    #[test]
    fn text_without_bom_stays() {
        assert!(byte_order_marks("no mark \u{2060} here").is_empty());
    }
}
