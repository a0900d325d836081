//! mojifix repairs mojibake — text whose UTF-8 bytes were decoded with the wrong code
//! page, such as "CĂ©line" for "Céline" or "Ð¿Ñ€Ð¸Ð²ÐµÑ‚" for "привет" — and normalizes
//! Unicode, reporting every change it makes and why.
//!
//! ```
//! use mojifix::{fix_text, Config};
//!
//! let fixed = fix_text("Le cafÃ© de la gare", &Config::default());
//! assert_eq!(fixed.text(), "Le café de la gare");
//! assert_eq!(fixed.changes()[0].explanation(), "UTF-8 read as windows-1252");
//!
//! // Correct text comes back borrowed, untouched.
//! let clean = fix_text("Vielen Dank für Ihre Nachricht", &Config::default());
//! assert!(!clean.changed());
//! ```
//!
//! # How it decides
//!
//! The pipeline runs line by line (see the modules in order): [`codec`] maps characters
//! back to the bytes each candidate code page would give them; `redecode` finds runs
//! whose bytes form UTF-8 and re-decodes them; `badness` scores the word before and
//! after, and only a clear improvement is kept, so correct text in any language is
//! left alone; `fixes` replaces C1 controls that were windows-1252; [`normalize`]
//! applies NFC; `explain` records each [`Change`] with the chain of wrong decodings that
//! explains it and a confidence.
//!
//! # What it does not do
//!
//! Repairing in-memory text cannot fail and never panics. It does not guess at text
//! that was never UTF-8 (one legacy code page read as another), and it does not touch
//! typography, line endings or byte order marks: those are separate, optional fixes.

mod alphabets;
mod badness;
mod charclass;
pub mod codec;
mod config;
mod cost_cache;
pub mod decode;
mod error;
mod explain;
mod fixes;
pub mod input;
pub mod jsonl;
mod letter_model;
pub mod normalize;
mod pipeline;
#[cfg(feature = "python")]
mod python;
mod redecode;
pub mod report;
pub mod settings;
pub mod suppress;

use std::borrow::Cow;

pub use codec::CodePage;
pub use error::Error;
pub use explain::{Change, Step};
pub use fixes::{Fix, FixInfo, Preset, UnknownName, FIXES};
pub use normalize::Normalization;

/// What to repair. `Config::default()` repairs encoding and C1 controls and applies NFC.
///
/// ```
/// use mojifix::{fix_text, Config, Normalization};
/// let mut config = Config::default();
/// config.normalization = Normalization::None;
/// assert_eq!(fix_text("Cafe\u{301}", &config).text(), "Cafe\u{301}");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// Re-decode mojibake.
    pub repair_encoding: bool,
    /// Replace C1 controls that stand for windows-1252 characters.
    pub fix_c1_controls: bool,
    /// Normalization applied after repair.
    pub normalization: Normalization,
    /// How many layers of garbling to undo at most in one word.
    pub max_layers: u8,
    /// The other fixes that are on; see [`Config::set`] and [`Config::preset`].
    fixes: fixes::FixSet,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            repair_encoding: true,
            fix_c1_controls: true,
            normalization: Normalization::Nfc,
            max_layers: 4,
            fixes: fixes::FixSet::default(),
        }
    }
}

/// The result of [`fix_text`]: the repaired text and the list of changes.
///
/// ```
/// use mojifix::{fix_text, Config};
/// let fixed = fix_text("â€œquotedâ€\u{9d}", &Config::default());
/// assert!(fixed.changed());
/// assert_eq!(fixed.text(), "“quoted”");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Fixed<'a> {
    text: Cow<'a, str>,
    changes: Vec<Change>,
}

impl<'a> Fixed<'a> {
    /// The repaired text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The repaired text, borrowed from the input when nothing changed.
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// Every change, in input order, with byte ranges into the input.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The same result, owning its text, so it can outlive the input (the binary
    /// repairs files on worker threads and hands the results to the output in order).
    ///
    /// ```
    /// use mojifix::{fix_text, Config, Fixed};
    /// let fixed: Fixed<'static> = {
    ///     let input = String::from("CafÃ©");
    ///     fix_text(&input, &Config::default()).into_owned()
    /// };
    /// assert_eq!(fixed.text(), "Café");
    /// ```
    pub fn into_owned(self) -> Fixed<'static> {
        Fixed {
            text: Cow::Owned(self.text.into_owned()),
            changes: self.changes,
        }
    }

    /// The repaired text and the changes, taken apart without copying them.
    ///
    /// ```
    /// use mojifix::{fix_text, Config};
    /// let (text, changes) = fix_text("CafÃ©", &Config::default()).into_parts();
    /// assert_eq!((text.as_ref(), changes.len()), ("Café", 1));
    /// ```
    pub fn into_parts(self) -> (Cow<'a, str>, Vec<Change>) {
        (self.text, self.changes)
    }

    /// Whether anything changed. This is the single truth every mode relies on.
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// Repairs `text` according to `config`. Never fails, never panics.
///
/// ```
/// use mojifix::{fix_text, Config};
/// let fixed = fix_text("vedere Ă®nceĹŁoĹźatÄ\u{83}", &Config::default());
/// assert_eq!(fixed.text(), "vedere înceţoşată");
/// ```
pub fn fix_text<'a>(text: &'a str, config: &Config) -> Fixed<'a> {
    pipeline::fix(text, config)
}
