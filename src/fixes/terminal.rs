//! Terminal escape sequences: the "ANSI" control sequences that colour text or move
//! the cursor (`ESC [ 1;31 m`, `ESC [ 2 J`, `ESC [ 10;20 H`), left in logs captured from
//! a terminal.
//!
//! Only the common form is removed: ESC, `[`, numbers separated by `;`, and one final
//! letter. Other escapes (private modes such as `ESC [ ? 25 l`, title strings) are rare
//! in text and stay, as ftfy leaves them; a lone ESC stays too.

use super::Replacement;

const ESC: u8 = 0x1B;

/// The escape sequences in `text`, each replaced with nothing.
///
/// ```ignore
/// let text = "\u{1b}[36;44mI'm blue\u{1b}[0m";
/// assert_eq!(apply(text, &terminal_escapes(text)), "I'm blue");
/// ```
pub(crate) fn terminal_escapes(text: &str) -> Vec<Replacement> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = memchr::memchr(ESC, &bytes[pos..]) {
        let start = pos + found;
        match sequence_end(bytes, start) {
            Some(end) => {
                out.push(Replacement::new(start..end, String::new()));
                pos = end;
            }
            None => pos = start + 1,
        }
    }
    out
}

/// The end of the control sequence starting with the ESC at `start`, if it is one.
fn sequence_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start + 1) != Some(&b'[') {
        return None;
    }
    let params = bytes[start + 2..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    let last = start + 2 + params;
    bytes
        .get(last)
        .filter(|b| b.is_ascii_alphabetic())
        .map(|_| last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixes::apply;

    fn fix(text: &str) -> String {
        apply(text, &terminal_escapes(text))
    }

    #[test]
    fn colours_and_cursor_moves_are_removed() {
        assert_eq!(fix("\u{1b}[1;31mred\u{1b}[0m ok"), "red ok");
        assert_eq!(fix("\u{1b}[2J\u{1b}[H\u{1b}[10;20Hx\u{1b}[K\u{1b}[1A"), "x");
        assert_eq!(fix("\u{1b}[38;5;196mx"), "x");
    }

    #[test]
    fn other_escapes_stay() {
        for text in [
            "\u{1b}[?25l",
            "\u{1b}]0;title\u{7}",
            "\u{1b}(B",
            "\u{1b}M",
            "\u{1b}[",
            "\u{1b}[12",
            "\u{1b}[38:2:1:2:3m",
            "plain [31m text",
        ] {
            assert!(terminal_escapes(text).is_empty(), "{text:?}");
        }
    }
}
