//! The change list: what was changed, where, and why.
//!
//! Every mode of the tool (print, check, diff, write, explain) consumes the same
//! [`Change`] values; they are the single truth about what a repair did.

use std::fmt;
use std::ops::Range;

use crate::codec::CodePage;
use crate::normalize::Normalization;

/// One step in the explanation of a change.
///
/// ```
/// use mojifix::{CodePage, Step};
/// let step = Step::Redecode { page: CodePage::Windows1250, lossy: false };
/// assert_eq!(step.to_string(), "UTF-8 read as windows-1250");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// UTF-8 bytes had been decoded with `page`; they were re-encoded with it and
    /// decoded as UTF-8. `lossy` when some bytes had been lost on the way (as U+FFFD,
    /// `?`, or a no-break space turned into a space), so the result may hold U+FFFD.
    Redecode {
        /// The code page the text had wrongly been decoded with.
        page: CodePage,
        /// Whether bytes had been lost.
        lossy: bool,
    },
    /// A C1 control character (U+0080..U+009F) that stood for the windows-1252
    /// character with the same byte value.
    C1Control,
    /// Unicode normalization.
    Normalize(Normalization),
    /// An HTML character reference (`&eacute;`, `&#233;`) decoded.
    HtmlEntity,
    /// A terminal escape sequence removed.
    TerminalEscape,
    /// A curly quote made straight.
    CurlyQuote,
    /// A full-width or half-width form made normal width.
    CharacterWidth,
    /// A Latin ligature taken apart.
    LatinLigature,
    /// A line break (CRLF, CR, U+2028, U+2029, U+0085) made LF.
    LineBreak,
    /// A control character removed.
    ControlChar,
    /// A byte order mark inside the text removed.
    Bom,
    /// A surrogate pair written as two code units joined into one character.
    SurrogatePair,
    /// A lone surrogate code unit, which stands for no character, replaced with U+FFFD.
    LoneSurrogate,
    /// A line in the legacy encoding `source` that had been shown as `shown_as`.
    Legacy {
        /// The encoding the text was written in.
        source: &'static encoding_rs::Encoding,
        /// The encoding it had wrongly been read with.
        shown_as: &'static encoding_rs::Encoding,
    },
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Redecode { page, lossy: false } => write!(f, "UTF-8 read as {page}"),
            Step::Redecode { page, lossy: true } => {
                write!(f, "UTF-8 read as {page}, with bytes lost")
            }
            Step::C1Control => f.write_str("C1 control that was windows-1252"),
            Step::Normalize(form) => write!(f, "{form} normalization"),
            Step::HtmlEntity => f.write_str("HTML character reference"),
            Step::TerminalEscape => f.write_str("terminal escape sequence"),
            Step::CurlyQuote => f.write_str("curly quote made straight"),
            Step::CharacterWidth => f.write_str("full-width or half-width form"),
            Step::LatinLigature => f.write_str("Latin ligature"),
            Step::LineBreak => f.write_str("line break made LF"),
            Step::ControlChar => f.write_str("control character"),
            Step::Bom => f.write_str("byte order mark inside the text"),
            Step::SurrogatePair => f.write_str("surrogate pair written as two code units"),
            Step::LoneSurrogate => f.write_str("lone surrogate replaced"),
            Step::Legacy { source, shown_as } => {
                write!(f, "{} read as {}", source.name(), shown_as.name())
            }
        }
    }
}

/// One change made to the input.
///
/// ```
/// use mojifix::{fix_text, Config};
/// let fixed = fix_text("Céline says CĂ©line", &Config::default());
/// let change = &fixed.changes()[0];
/// assert_eq!(change.before, "Ă©");
/// assert_eq!(change.after, "é");
/// assert_eq!(&"Céline says CĂ©line"[change.range.clone()], "Ă©");
/// assert_eq!(change.explanation(), "UTF-8 read as windows-1250");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Byte range of the changed text in the input.
    pub range: Range<usize>,
    /// The input text in `range`.
    pub before: String,
    /// What replaced it.
    pub after: String,
    /// The steps that explain the change, in the order the damage happened (earliest
    /// first); normalization, if any, comes last.
    pub chain: Vec<Step>,
    /// How sure the repair is, from 0 to 1: 1 for deterministic fixes (C1 controls,
    /// normalization), and for re-decoding a figure that grows with the evidence.
    pub confidence: f32,
}

impl Change {
    /// The chain as one phrase: "UTF-8 read as windows-1252, then as windows-1251".
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        let mut previous_was_redecode = false;
        for (i, step) in self.chain.iter().enumerate() {
            if i > 0 {
                out.push_str(", then ");
            }
            match step {
                Step::Redecode { page, lossy } if previous_was_redecode => {
                    out.push_str("as ");
                    out.push_str(page.name());
                    if *lossy {
                        out.push_str(", with bytes lost");
                    }
                }
                _ => out.push_str(&step.to_string()),
            }
            previous_was_redecode = matches!(step, Step::Redecode { .. });
        }
        out
    }
}

/// Turns a gain in badness units into a confidence between 0 and 1. A gain at the
/// acceptance threshold maps to about 0.5; each further threshold's worth halves the
/// remaining doubt.
pub(crate) fn confidence_from_gain(gain: f32) -> f32 {
    let doubt = 0.5f32.powf(gain.max(0.0) / crate::redecode::ACCEPT);
    (1.0 - doubt).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_read_in_order() {
        let change = Change {
            range: 0..4,
            before: "Г‚ВЈ".into(),
            after: "£".into(),
            chain: vec![
                Step::Redecode {
                    page: CodePage::Windows1252,
                    lossy: false,
                },
                Step::Redecode {
                    page: CodePage::Windows1251,
                    lossy: false,
                },
            ],
            confidence: 0.9,
        };
        assert_eq!(
            change.explanation(),
            "UTF-8 read as windows-1252, then as windows-1251"
        );
    }

    #[test]
    fn confidence_grows_with_gain() {
        assert!(confidence_from_gain(1.0) < confidence_from_gain(4.0));
        assert!(confidence_from_gain(100.0) <= 1.0);
        assert_eq!(confidence_from_gain(-3.0), 0.0);
    }
}
