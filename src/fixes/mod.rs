//! Fixes other than re-decoding, each a small pure function in its own file, and the
//! table that names them.
//!
//! Each fix looks at a piece of text and returns the [`Replacement`]s it would make,
//! in order and without overlap; it returns nothing, without allocating, for text
//! that has nothing for it to do. The `stage` module applies them and keeps track of
//! where every change came from in the input.

pub(crate) mod bom;
pub(crate) mod c1;
pub(crate) mod control;
pub(crate) mod html;
pub(crate) mod legacy;
pub(crate) mod ligatures;
pub(crate) mod line_breaks;
pub(crate) mod quotes;
pub(crate) mod stage;
pub(crate) mod surrogates;
pub(crate) mod terminal;
pub(crate) mod width;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// One replacement a fix makes: the byte `range` of its input and the new `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Replacement {
    pub(crate) range: Range<usize>,
    pub(crate) text: String,
}

impl Replacement {
    pub(crate) fn new(range: Range<usize>, text: String) -> Self {
        Replacement { range, text }
    }
}

/// `text` with `replacements` (sorted, not overlapping) applied.
pub(crate) fn apply(text: &str, replacements: &[Replacement]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for rep in replacements {
        out.push_str(&text[pos..rep.range.start]);
        out.push_str(&rep.text);
        pos = rep.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Replacements for every character `map` has a replacement for; neighbouring
/// characters are reported as one replacement.
pub(crate) fn map_chars(text: &str, map: impl Fn(char) -> Option<String>) -> Vec<Replacement> {
    let mut out: Vec<Replacement> = Vec::new();
    for (i, c) in text.char_indices() {
        let Some(new) = map(c) else { continue };
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.range.end == i => {
                last.range.end = end;
                last.text.push_str(&new);
            }
            _ => out.push(Replacement::new(i..end, new)),
        }
    }
    out
}

/// A fix that can be switched on or off. Normalization is chosen separately
/// ([`Normalization`](crate::Normalization)).
///
/// ```
/// use mojifix::Fix;
/// assert_eq!("curly-quotes".parse::<Fix>(), Ok(Fix::CurlyQuotes));
/// assert_eq!("html_entities".parse::<Fix>(), Ok(Fix::HtmlEntities));
/// assert_eq!(Fix::LineBreaks.name(), "line-breaks");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Fix {
    /// Re-decode mojibake (UTF-8 read with the wrong code page).
    Encoding,
    /// C1 controls that stand for windows-1252 characters.
    C1Controls,
    /// HTML character references, outside markup.
    HtmlEntities,
    /// Terminal escape sequences (colours, cursor moves).
    TerminalEscapes,
    /// Curly quotes to straight quotes.
    CurlyQuotes,
    /// Full-width and half-width forms to normal width.
    CharacterWidth,
    /// Latin ligatures to letters.
    LatinLigatures,
    /// CRLF, CR, U+2028, U+2029 and U+0085 to LF.
    LineBreaks,
    /// Control characters other than tab, LF, CR and form feed.
    ControlChars,
    /// Byte order marks (U+FEFF) inside the text.
    Bom,
    /// Surrogate pairs written as two code units joined; lone ones replaced.
    Surrogates,
    /// Whole lines in one legacy encoding shown as another (`Ïðèâåò` → `Привет`).
    /// In no preset.
    LegacyEncoding,
}

/// A row of the fix table: the fix, its name on the command line and in the
/// configuration file, what it does, and whether each preset turns it on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FixInfo {
    /// The fix.
    pub fix: Fix,
    /// Its name for `--fix`, `--no-fix` and the configuration file.
    pub name: &'static str,
    /// One line on what it does.
    pub description: &'static str,
    /// On in the `safe` preset (the default).
    pub safe: bool,
    /// On in the `ftfy` preset (ftfy 6.3.1's `fix_text` defaults).
    pub ftfy: bool,
}

const fn row(fix: Fix, name: &'static str, description: &'static str, safe: bool) -> FixInfo {
    // Every fix ftfy has is on in the ftfy preset: ftfy 6.3.1's fix_text turns all
    // of its fixes on by default.
    FixInfo {
        fix,
        name,
        description,
        safe,
        ftfy: true,
    }
}

/// Every fix, in the order the pipeline applies them.
///
/// ```
/// use mojifix::FIXES;
/// let safe: Vec<&str> = FIXES.iter().filter(|f| f.safe).map(|f| f.name).collect();
/// assert_eq!(safe, ["encoding", "c1-controls"]);
/// ```
pub const FIXES: &[FixInfo] = &[
    row(
        Fix::TerminalEscapes,
        "terminal-escapes",
        "remove terminal escape sequences (ANSI colours, cursor moves)",
        false,
    ),
    row(
        Fix::HtmlEntities,
        "html-entities",
        "decode HTML character references (&eacute; &#233; &amp;eacute;) outside markup",
        false,
    ),
    row(
        Fix::ControlChars,
        "control-chars",
        "remove control characters other than tab, LF, CR and form feed",
        false,
    ),
    row(
        Fix::Bom,
        "bom",
        "remove byte order marks (U+FEFF) inside the text",
        false,
    ),
    row(
        Fix::Surrogates,
        "surrogates",
        "join surrogate pairs written as two code units; replace lone ones with U+FFFD",
        false,
    ),
    FixInfo {
        fix: Fix::LegacyEncoding,
        name: "legacy-encoding",
        description: "repair lines in one legacy encoding shown as another (Ïðèâåò → Привет)",
        safe: false,
        // ftfy only repairs text that was UTF-8; this fix has no counterpart there.
        ftfy: false,
    },
    row(
        Fix::Encoding,
        "encoding",
        "re-decode mojibake: UTF-8 that was read with the wrong code page",
        true,
    ),
    row(
        Fix::C1Controls,
        "c1-controls",
        "replace C1 controls that stand for windows-1252 characters",
        true,
    ),
    row(
        Fix::LatinLigatures,
        "latin-ligatures",
        "take Latin ligatures apart (ﬁ → fi)",
        false,
    ),
    row(
        Fix::CharacterWidth,
        "character-width",
        "full-width and half-width forms to normal width (Ａ → A)",
        false,
    ),
    row(
        Fix::CurlyQuotes,
        "curly-quotes",
        "curly quotes to straight quotes (“ ’ → \" ')",
        false,
    ),
    row(
        Fix::LineBreaks,
        "line-breaks",
        "CRLF, CR, U+2028, U+2029 and U+0085 to LF",
        false,
    ),
];

impl Fix {
    /// This fix's row in [`FIXES`].
    pub fn info(self) -> &'static FixInfo {
        FIXES
            .iter()
            .find(|info| info.fix == self)
            .expect("every fix has a row in FIXES")
    }

    /// The name used by `--fix`, `--no-fix` and the configuration file.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for an unknown fix or preset name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {name:?} (expected one of: {expected})")]
pub struct UnknownName {
    kind: &'static str,
    name: String,
    expected: String,
}

impl FromStr for Fix {
    type Err = UnknownName;

    /// Accepts the table's names in kebab-case or snake_case, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        FIXES
            .iter()
            .find(|info| info.name == wanted)
            .map(|info| info.fix)
            .ok_or_else(|| UnknownName {
                kind: "fix",
                name: s.to_string(),
                expected: FIXES.iter().map(|i| i.name).collect::<Vec<_>>().join(", "),
            })
    }
}

/// A set of fixes, as configured.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct FixSet(u16);

impl FixSet {
    pub(crate) fn contains(self, fix: Fix) -> bool {
        self.0 & fix.bit() != 0
    }

    pub(crate) fn set(&mut self, fix: Fix, on: bool) {
        if on {
            self.0 |= fix.bit();
        } else {
            self.0 &= !fix.bit();
        }
    }

    /// Whether any fix beyond re-decoding and C1 controls is on: those two run inside
    /// the engine, all the others in the stages around it.
    pub(crate) fn has_stage_fixes(self) -> bool {
        let engine = Fix::Encoding.bit() | Fix::C1Controls.bit();
        self.0 & !engine != 0
    }
}

impl fmt::Debug for FixSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(
                FIXES
                    .iter()
                    .filter(|i| self.contains(i.fix))
                    .map(|i| i.name),
            )
            .finish()
    }
}

/// A starting set of fixes.
///
/// ```
/// use mojifix::{fix_text, Config, Preset};
/// let ftfy = Config::preset(Preset::Ftfy);
/// assert_eq!(fix_text("ﬁne “quotes”\r\n", &ftfy).text(), "fine \"quotes\"\n");
/// let safe = Config::preset(Preset::Safe);
/// assert!(!fix_text("ﬁne “quotes”\r\n", &safe).changed());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preset {
    /// Encoding repair, C1 controls that were windows-1252, NFC. Nothing cosmetic:
    /// correct typography, line endings and byte order marks are kept. The default.
    #[default]
    Safe,
    /// The fixes and defaults of ftfy 6.3.1's `fix_text`: everything on, NFC.
    Ftfy,
}

impl Preset {
    /// The preset's name: `safe` or `ftfy`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Safe => "safe",
            Preset::Ftfy => "ftfy",
        }
    }

    /// Whether the preset turns `fix` on.
    pub fn includes(self, fix: Fix) -> bool {
        let info = fix.info();
        match self {
            Preset::Safe => info.safe,
            Preset::Ftfy => info.ftfy,
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "safe" => Ok(Preset::Safe),
            "ftfy" => Ok(Preset::Ftfy),
            _ => Err(UnknownName {
                kind: "preset",
                name: s.to_string(),
                expected: "safe, ftfy".to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fix_has_one_row_and_a_unique_name() {
        let all = [
            Fix::Encoding,
            Fix::C1Controls,
            Fix::HtmlEntities,
            Fix::TerminalEscapes,
            Fix::CurlyQuotes,
            Fix::CharacterWidth,
            Fix::LatinLigatures,
            Fix::LineBreaks,
            Fix::ControlChars,
            Fix::Bom,
            Fix::Surrogates,
            Fix::LegacyEncoding,
        ];
        assert_eq!(FIXES.len(), all.len());
        for fix in all {
            assert_eq!(FIXES.iter().filter(|i| i.fix == fix).count(), 1);
            assert_eq!(fix.name().parse::<Fix>(), Ok(fix));
            assert_eq!(
                fix.name().replace('-', "_").to_uppercase().parse::<Fix>(),
                Ok(fix)
            );
        }
    }

    #[test]
    fn unknown_names_are_errors_that_list_the_choices() {
        let err = "smart-quotes".parse::<Fix>().unwrap_err().to_string();
        assert!(
            err.contains("smart-quotes") && err.contains("curly-quotes"),
            "{err}"
        );
        assert!("strict".parse::<Preset>().is_err());
        assert_eq!("FTFY".parse::<Preset>(), Ok(Preset::Ftfy));
    }

    #[test]
    fn safe_preset_is_encoding_and_c1_only() {
        for info in FIXES {
            let expected = matches!(info.fix, Fix::Encoding | Fix::C1Controls);
            assert_eq!(Preset::Safe.includes(info.fix), expected, "{}", info.name);
            // ftfy has every fix but the one it has no counterpart for.
            let ftfy = info.fix != Fix::LegacyEncoding;
            assert_eq!(Preset::Ftfy.includes(info.fix), ftfy, "{}", info.name);
        }
    }

    #[test]
    fn map_chars_merges_neighbours() {
        let reps = map_chars("aXXbX", |c| (c == 'X').then(|| "y".to_string()));
        assert_eq!(
            reps,
            [
                Replacement::new(1..3, "yy".into()),
                Replacement::new(4..5, "y".into())
            ]
        );
    }
}
