//! Line breaks to LF: CRLF, a lone CR, LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR
//! U+2029 and NEXT LINE U+0085 each become `\n`.
//!
//! The pipeline works line by line and keeps each line's ending; this fix is given
//! the line *with* its ending, so a CRLF ending becomes LF and a CR or separator inside
//! the line becomes a line break of its own. When C1 controls are fixed too, U+0085
//! has already become `…` (what it nearly always meant) before this fix sees it.

use super::Replacement;

/// The line breaks in `text` that are not a plain LF.
///
/// ```ignore
/// let text = "a\r\nb\rc\u{2028}d";
/// assert_eq!(apply(text, &line_breaks(text)), "a\nb\nc\nd");
/// ```
pub(crate) fn line_breaks(text: &str) -> Vec<Replacement> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let len = match c {
            '\r' if chars.next_if(|&(_, next)| next == '\n').is_some() => 2,
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => c.len_utf8(),
            _ => continue,
        };
        out.push(Replacement::new(i..i + len, "\n".to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &line_breaks(text))
    }

    #[test]
    fn every_kind_of_break_becomes_lf() {
        assert_eq!(
            fix("a\r\nb\rc\u{2028}d\u{2029}e\u{85}f\n"),
            "a\nb\nc\nd\ne\nf\n"
        );
        assert_eq!(fix("a\r\r\n"), "a\n\n");
        assert_eq!(fix("\r"), "\n");
    }

    #[test]
    fn lf_and_other_text_stay() {
        assert!(line_breaks("a\nb\n\tc\u{c}").is_empty());
    }
}
