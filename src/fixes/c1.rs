//! C1 control characters (U+0080..U+009F) that are really windows-1252 characters.
//!
//! Text decoded as ISO-8859-1 when it was windows-1252 carries C1 controls where the
//! writer meant curly quotes, dashes, the euro sign or an ellipsis. Real C1 controls
//! almost never occur in text, so each one that windows-1252 defines is replaced. The
//! five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept:
//! there is nothing better to say about them. Nor are the ones that code spells out
//! among control or invisible characters ([`is_among_invisible_characters`]).

use std::ops::Range;

use crate::charclass::{classify, Kind};
use crate::codec::CodePage;

/// The windows-1252 character a C1 control stands for, if any.
///
/// ```ignore
/// assert_eq!(c1_as_windows_1252('\u{85}'), Some('…'));
/// assert_eq!(c1_as_windows_1252('\u{81}'), None);
/// ```
pub(crate) fn c1_as_windows_1252(c: char) -> Option<char> {
    let code = u32::from(c);
    if !(0x80..=0x9F).contains(&code) {
        return None;
    }
    let mapped = CodePage::Windows1252.decode_byte(code as u8)?;
    (mapped != c).then_some(mapped)
}

/// Whether the run of C1 controls `chars[run]` (a maximal one: [`c1_run_around`])
/// stands among invisible characters: within [`NEIGHBORS`] characters on either side
/// of the run, a C0 control other than a line break or tab, DEL, or an invisible or
/// unassigned character above U+00FF (a zero-width space, a Unicode space, a byte
/// order mark). Such a run is spelled out in code or data on purpose: core-js tests
/// `"\u200b\u0085\u180e"` to see what `trim` removes, and XRegExp lists the control
/// range `"\0-\x1f\x7f-\x9f"`. Windows-1252 text decoded as ISO-8859-1, the accident
/// this fix undoes, holds no control characters and nothing above U+00FF. Every
/// control of a run gets the same answer, so it is asked once per run: asked per
/// control, a line of a million C1 controls took quadratic time.
///
/// ```ignore
/// let chars: Vec<char> = "\u{200b}\u{85}\u{180e}".chars().collect();
/// assert!(is_among_invisible_characters(&chars, c1_run_around(&chars, 1)));
/// let chars: Vec<char> = "parlé\u{85}".chars().collect();
/// assert!(!is_among_invisible_characters(&chars, c1_run_around(&chars, 5)));
/// ```
pub(crate) fn is_among_invisible_characters(chars: &[char], run: Range<usize>) -> bool {
    let before = chars[..run.start].iter().rev().take(NEIGHBORS);
    let after = chars[run.end..].iter().take(NEIGHBORS);
    before.chain(after).any(|&c| is_invisible(c))
}

/// The run of adjacent C1 controls (U+0080..U+009F) that `chars[pos]` belongs to.
pub(crate) fn c1_run_around(chars: &[char], pos: usize) -> Range<usize> {
    let start = pos - chars[..pos].iter().rev().take_while(|&&c| is_c1(c)).count();
    let end = pos + chars[pos..].iter().take_while(|&&c| is_c1(c)).count();
    start..end
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// How many characters on each side of a C1 control [`is_among_invisible_characters`]
/// looks at: a range in a character class puts one between (`\x7f-\x9f`).
pub(crate) const NEIGHBORS: usize = 2;

fn is_invisible(c: char) -> bool {
    match u32::from(c) {
        0x09 | 0x0A | 0x0C | 0x0D => false,
        0x00..=0x1F | 0x7F => true,
        0x20..=0xFF => false,
        _ => matches!(classify(c).kind, Kind::Space | Kind::Control | Kind::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn among_invisibles(text: &str) -> Vec<bool> {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .filter(|&i| c1_as_windows_1252(chars[i]).is_some())
            .map(|i| is_among_invisible_characters(&chars, c1_run_around(&chars, i)))
            .collect()
    }

    #[test]
    fn c1_controls_beside_unicode_invisibles_are_spelled_out_on_purpose() {
        assert_eq!(among_invisibles("\"\u{200b}\u{85}\u{180e}\""), [true]);
        assert_eq!(among_invisibles("\u{2028}\u{85}\u{85}x"), [true, true]);
        assert_eq!(among_invisibles("x\u{85}\u{feff}"), [true]);
    }

    #[test]
    fn c1_controls_in_a_range_of_control_characters_are_spelled_out_on_purpose() {
        assert_eq!(among_invisibles("bmp:\"\\0-\u{1f}\u{7f}-\u{9f}\""), [true]);
        assert_eq!(among_invisibles("\u{9f}\u{ad}\u{378}"), [true]);
    }

    #[test]
    fn c1_controls_in_text_are_windows_1252() {
        assert_eq!(among_invisibles("Il a parlé\u{85}"), [false]);
        assert_eq!(
            among_invisibles("\u{93}oui\u{94} \u{96} puis"),
            [false, false, false]
        );
        // An ellipsis written as `&#133;` beside Cyrillic, and beside a no-break space,
        // which windows-1252 text holds.
        assert_eq!(among_invisibles("привет\u{85}"), [false]);
        assert_eq!(among_invisibles("mais\u{a0}\u{85}"), [false]);
        assert_eq!(among_invisibles("a\tb\u{85}\r\n"), [false]);
    }

    #[test]
    fn defined_bytes_become_their_characters() {
        assert_eq!(c1_as_windows_1252('\u{85}'), Some('…'));
        assert_eq!(c1_as_windows_1252('\u{93}'), Some('“'));
        assert_eq!(c1_as_windows_1252('\u{80}'), Some('€'));
    }

    #[test]
    fn undefined_bytes_and_other_characters_stay() {
        for c in [
            '\u{81}', '\u{8d}', '\u{8f}', '\u{90}', '\u{9d}', 'a', '\u{a0}',
        ] {
            assert_eq!(c1_as_windows_1252(c), None);
        }
    }
}
