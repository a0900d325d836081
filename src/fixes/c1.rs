//! C1 control characters (U+0080..U+009F) that are really windows-1252 characters.
//!
//! Text decoded as ISO-8859-1 when it was windows-1252 carries C1 controls where the
//! writer meant curly quotes, dashes, the euro sign or an ellipsis. Real C1 controls
//! almost never occur in text, so each one that windows-1252 defines is replaced. The
//! five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept:
//! there is nothing better to say about them.

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

#[cfg(test)]
mod tests {
    use super::*;

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
