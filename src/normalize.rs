//! Unicode normalization after repair, gated by the quick check so that text already
//! in the target form costs one fast scan and no allocation.
//!
//! NFC is the default. It is not free of side effects: it replaces CJK compatibility
//! ideographs (U+F900..U+FAFF) with their unified equivalents and recomposes some Indic
//! nukta letters, which is why it can be turned off.

use std::fmt;
use std::str::FromStr;

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Which normalization form to apply after repair.
///
/// ```
/// use mojifix::Normalization;
/// assert_eq!("nfkc".parse::<Normalization>(), Ok(Normalization::Nfkc));
/// assert_eq!(Normalization::Nfc.apply("e\u{301}").as_deref(), Some("é"));
/// assert_eq!(Normalization::Nfc.apply("é"), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Normalization {
    /// Canonical composition (the default).
    #[default]
    Nfc,
    /// Compatibility composition: also folds ligatures, full-width forms, superscripts.
    Nfkc,
    /// Leave the text as repaired.
    None,
}

impl Normalization {
    /// Returns the normalized text, or `None` when `text` is already normalized.
    pub fn apply(self, text: &str) -> Option<String> {
        let normalized: String = match self {
            Normalization::None => return None,
            Normalization::Nfc => {
                if is_nfc_quick(text.chars()) == IsNormalized::Yes {
                    return None;
                }
                text.nfc().collect()
            }
            Normalization::Nfkc => {
                if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
                    return None;
                }
                text.nfkc().collect()
            }
        };
        (normalized != text).then_some(normalized)
    }
}

impl Normalization {
    /// Whether the quick check alone says `text` is already in this form (always true
    /// for [`Normalization::None`]). When it is, [`Normalization::apply`] returns `None`.
    pub(crate) fn is_quick_yes(self, text: &str) -> bool {
        match self {
            Normalization::None => true,
            Normalization::Nfc => is_nfc_quick(text.chars()) == IsNormalized::Yes,
            Normalization::Nfkc => is_nfkc_quick(text.chars()) == IsNormalized::Yes,
        }
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Normalization::Nfc => "NFC",
            Normalization::Nfkc => "NFKC",
            Normalization::None => "no",
        })
    }
}

/// The error for an unknown normalization name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown normalization {0:?} (expected nfc, nfkc or none)")]
pub struct UnknownNormalization(pub String);

impl FromStr for Normalization {
    type Err = UnknownNormalization;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "nfc" => Ok(Normalization::Nfc),
            "nfkc" => Ok(Normalization::Nfkc),
            "none" => Ok(Normalization::None),
            _ => Err(UnknownNormalization(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_and_skips_normalized_text() {
        assert_eq!(Normalization::Nfc.apply("Cafe\u{301}").unwrap(), "Café");
        assert!(Normalization::Nfc.apply("Café, привет, 日本").is_none());
    }

    #[test]
    fn nfc_rewrites_cjk_compatibility_ideographs() {
        // U+F900 is canonically equivalent to U+8C48: the reason NFC can be turned off.
        assert_eq!(Normalization::Nfc.apply("\u{F900}").unwrap(), "\u{8C48}");
        assert!(Normalization::None.apply("\u{F900}").is_none());
    }

    #[test]
    fn nfkc_folds_ligatures() {
        assert_eq!(Normalization::Nfkc.apply("ﬁne").unwrap(), "fine");
        assert!(Normalization::Nfc.apply("ﬁne").is_none());
    }

    #[test]
    fn parse_rejects_unknown_names() {
        assert!("nfd".parse::<Normalization>().is_err());
    }
}
