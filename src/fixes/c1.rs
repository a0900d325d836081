//! C1 control characters (U+0080..U+009F) that are really windows-1252 characters.
//!
//! Text decoded as ISO-8859-1 when it was windows-1252 carries C1 controls where the
//! writer meant curly quotes, dashes, the euro sign or an ellipsis. Real C1 controls
//! almost never occur in text, so each one that windows-1252 defines is replaced. The
//! five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept:
//! there is nothing better to say about them.

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

/// Whether the C1 control at `chars[pos]` stands beside an invisible character above
/// U+00FF (a zero-width space, a Unicode space, a byte order mark), looking past
/// adjacent C1 controls. Such a run is a list of unusual whitespace spelled out in
/// code or test data (core-js tests `"\u200b\u0085\u180e"` to see what `trim`
/// removes), not windows-1252 text decoded as ISO-8859-1: that accident yields only
/// characters up to U+00FF, so nothing it produced sits next to them.
///
/// ```ignore
/// let chars: Vec<char> = "\u{200b}\u{85}\u{180e}".chars().collect();
/// assert!(is_among_invisible_characters(&chars, 1));
/// let chars: Vec<char> = "parlé\u{85}".chars().collect();
/// assert!(!is_among_invisible_characters(&chars, 5));
/// ```
pub(crate) fn is_among_invisible_characters(chars: &[char], pos: usize) -> bool {
    let is_c1 = |c: &char| ('\u{80}'..='\u{9f}').contains(c);
    let before = chars[..pos].iter().rev().find(|c| !is_c1(c));
    let after = chars[pos + 1..].iter().find(|c| !is_c1(c));
    [before, after]
        .into_iter()
        .flatten()
        .any(|&c| u32::from(c) > 0xFF && matches!(classify(c).kind, Kind::Space | Kind::Control))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn among_invisibles(text: &str) -> Vec<bool> {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .filter(|&i| c1_as_windows_1252(chars[i]).is_some())
            .map(|i| is_among_invisible_characters(&chars, i))
            .collect()
    }

    #[test]
    fn c1_controls_beside_unicode_invisibles_are_spelled_out_on_purpose() {
        assert_eq!(among_invisibles("\"\u{200b}\u{85}\u{180e}\""), [true]);
        assert_eq!(among_invisibles("\u{2028}\u{85}\u{85}x"), [true, true]);
        assert_eq!(among_invisibles("x\u{85}\u{feff}"), [true]);
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
