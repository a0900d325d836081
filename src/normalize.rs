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
        if self.is_normalized(text) {
            return None;
        }
        // Sized first: the normalized text is about as long as the text, and collecting
        // would grow it a doubling at a time.
        let mut normalized = String::with_capacity(text.len());
        match self {
            Normalization::None => return None,
            Normalization::Nfc => normalized.extend(text.nfc()),
            Normalization::Nfkc => normalized.extend(text.nfkc()),
        }
        (normalized != text).then_some(normalized)
    }
}

impl Normalization {
    /// Whether `text` is already in this form (always true for
    /// [`Normalization::None`]), found with the quick check and, where it cannot
    /// answer, by normalizing the few characters in question. When it is,
    /// [`Normalization::apply`] returns `None` without normalizing the whole text.
    pub(crate) fn is_normalized(self, text: &str) -> bool {
        self.quick_check(text)
            .is_none_or(|check| quick_yes(text, check.form))
    }

    /// [`Normalization::is_normalized`] of `text`, whose characters the caller holds
    /// decoded in `chars`: the usual answer (every character stable) is read from them
    /// without decoding the text again (the suspect lines of clean text end here).
    pub(crate) fn is_normalized_decoded(self, text: &str, chars: &[char]) -> bool {
        self.quick_check(text).is_none_or(|check| {
            all_stable_by_blocks(chars.iter().copied(), check.form)
                || quick_yes_run_by_run(text, check.form)
        })
    }

    /// Which of the 64 characters from `block * 64` on are stable in this form (see
    /// [`QuickCheck`]), a bit each: all of them without normalization, none in a block
    /// of surrogates.
    pub(crate) fn stable_bits_of_block(self, block: u32) -> u64 {
        let form = match self {
            Normalization::None => return u64::MAX,
            Normalization::Nfc => Form::Nfc,
            Normalization::Nfkc => Form::Nfkc,
        };
        char::from_u32(block * 64).map_or(0, |c| stable_bits(c, form).stable)
    }

    /// The quick check of `text` to feed character by character (see
    /// [`Normalization::is_normalized`]); `None` for [`Normalization::None`], which
    /// needs none.
    pub(crate) fn quick_check(self, text: &str) -> Option<QuickCheck<'_>> {
        match self {
            Normalization::None => None,
            Normalization::Nfc => Some(QuickCheck::new(text, Form::Nfc)),
            Normalization::Nfkc => Some(QuickCheck::new(text, Form::Nfkc)),
        }
    }
}

/// The two forms [`stable_bits`] keeps tables for.
#[derive(Clone, Copy)]
enum Form {
    Nfc,
    Nfkc,
}

/// Whether `text` is in `form`, checked run by run. A *stable* character (allowed by
/// the quick check and of combining class 0: nothing before it can change it, and
/// nothing reorders or composes across it) is a bit test; only the runs of other
/// characters go through the crate's quick check, which looks up two properties per
/// character, and a run it cannot answer is normalized with the character before it
/// ([`run_is_normalized`]). Normalization starts afresh at a stable character, so
/// checking each run on its own gives the answer for the whole text.
fn quick_yes(text: &str, form: Form) -> bool {
    // Most texts asked are all stable (the suspect lines of clean text): a loop of bit
    // tests answers them without keeping track of runs.
    all_stable_by_blocks(text.chars(), form) || quick_yes_run_by_run(text, form)
}

/// [`quick_yes`] without its test of whether every character is stable.
fn quick_yes_run_by_run(text: &str, form: Form) -> bool {
    let mut check = QuickCheck::new(text, form);
    text.char_indices().all(|(i, c)| check.allows(i, c)) && check.finish()
}

/// Whether every character of `chars` is stable in `form`, looking up the bits of a
/// block of 64 characters only when the block changes.
fn all_stable_by_blocks(mut chars: impl Iterator<Item = char>, form: Form) -> bool {
    let mut group = (u32::MAX, 0u64);
    chars.all(|c| {
        let code = c as u32;
        code < form.stable_below() || {
            if group.0 != code / 64 {
                group = (code / 64, stable_bits(c, form).stable);
            }
            group.1 & (1 << (code % 64)) != 0
        }
    })
}

/// The quick check of [`quick_yes`] fed one character at a time with its byte offset
/// in the text, so that the pipeline's quick test of a line runs it in the same pass
/// as the search for mojibake.
pub(crate) struct QuickCheck<'t> {
    text: &'t str,
    form: Form,
    /// Where the run of characters that are not stable began, if one is open.
    run_start: Option<usize>,
    /// Whether the open run is one quiet mark (see [`Bits::quiet_marks`]) so far.
    lone_quiet_mark: bool,
    /// Characters of a text mostly come from a few blocks: the stable bits of the
    /// last 64 characters looked up serve the next character of the same block.
    group: (u32, u64),
}

impl<'t> QuickCheck<'t> {
    fn new(text: &'t str, form: Form) -> QuickCheck<'t> {
        QuickCheck {
            text,
            form,
            run_start: None,
            lone_quiet_mark: false,
            group: (u32::MAX, 0),
        }
    }

    /// Whether no run of characters that are not stable is open: a stable character
    /// read now changes nothing.
    #[inline(always)]
    pub(crate) fn is_idle(&self) -> bool {
        self.run_start.is_none()
    }

    /// Reads `c`, found at byte `i` of the text; false once the check cannot answer
    /// yes.
    #[inline(always)]
    pub(crate) fn allows(&mut self, i: usize, c: char) -> bool {
        let code = c as u32;
        if code < self.form.stable_below() {
            return self.close_run(i);
        }
        if self.group.0 != code / 64 {
            self.group = (code / 64, stable_bits(c, self.form).stable);
        }
        if self.group.1 & (1 << (code % 64)) != 0 {
            return self.close_run(i);
        }
        match self.run_start {
            None => {
                // Looked up again only here: most characters are stable, and keeping
                // both sets of bits at hand slowed their loop.
                let quiet_marks = stable_bits(c, self.form).quiet_marks;
                self.run_start = Some(i);
                self.lone_quiet_mark = quiet_marks & (1 << (code % 64)) != 0;
            }
            Some(_) => self.lone_quiet_mark = false,
        }
        true
    }

    /// Ends the open run, if any, at byte `end` (a stable character): whether the run
    /// is in the form.
    #[inline(always)]
    fn close_run(&mut self, end: usize) -> bool {
        let Some(start) = self.run_start else {
            return true;
        };
        self.run_start = None;
        self.lone_quiet_mark || run_is_normalized(self.text, start..end, self.form)
    }

    /// Whether the check answers yes, once every character has been read.
    pub(crate) fn finish(self) -> bool {
        self.run_start.is_none_or(|start| {
            self.lone_quiet_mark || run_is_normalized(self.text, start..self.text.len(), self.form)
        })
    }
}

/// Whether `text[run]`, a run of characters that are not stable between two stable
/// ones (or the ends of the text), is in `form`. The crate's quick check answers most
/// runs. It cannot answer a run with a character that may compose with the one before
/// it (a nukta after "न", a combining accent after "e"): the answer then depends only
/// on the stable character before the run, since a stable character before it blocks
/// anything earlier and the stable character after it composes with nothing behind
/// it, so that character and the run are normalized alone and compared, instead of
/// the whole line (the Hindi lines of the clean bench corpus with a nukta letter were
/// normalized whole to find them unchanged).
fn run_is_normalized(text: &str, run: std::ops::Range<usize>, form: Form) -> bool {
    let quick = match form {
        Form::Nfc => is_nfc_quick(text[run.clone()].chars()),
        Form::Nfkc => is_nfkc_quick(text[run.clone()].chars()),
    };
    match quick {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => {
            let before = text[..run.start].chars().next_back();
            let from = run.start - before.map_or(0, char::len_utf8);
            let piece = &text[from..run.end];
            match form {
                Form::Nfc => piece.nfc().eq(piece.chars()),
                Form::Nfkc => piece.nfkc().eq(piece.chars()),
            }
        }
    }
}

impl Form {
    /// Every character below this one is stable in the form: in NFC everything below
    /// the combining diacritics (U+0300); NFKC folds some of them (no-break space,
    /// superscripts, fractions).
    fn stable_below(self) -> u32 {
        match self {
            Form::Nfc => 0x300,
            Form::Nfkc => 0x80,
        }
    }
}

const STABLE_BLOCK: usize = 256;
const STABLE_BLOCKS: usize = (char::MAX as usize + 1) / STABLE_BLOCK;

/// What the quick check knows of 64 neighbouring characters, a bit each.
#[derive(Clone, Copy, Default)]
struct Bits {
    /// Stable characters: allowed by the quick check and of combining class 0.
    stable: u64,
    /// Quiet marks: allowed by the quick check, of a nonzero combining class. One
    /// alone between stable characters is in the form: allowed, it composes with
    /// nothing (the marks that may compose are the ones the check cannot answer), and
    /// a single mark has no order to keep. Thai tone marks, Devanagari viramas and
    /// Hebrew points are such marks: each was a run for the crate's quick check (a
    /// Thai text spent a seventh of its time there).
    quiet_marks: u64,
}

/// The bits of the 64 characters around `c`, from a table filled a block of 256
/// characters at a time on first use (as `charclass` does), so that start-up does not
/// pay for blocks a text never uses.
fn stable_bits(c: char, form: Form) -> Bits {
    type Blocks = [std::sync::OnceLock<[Bits; STABLE_BLOCK / 64]>; STABLE_BLOCKS];
    static NFC: Blocks = [const { std::sync::OnceLock::new() }; STABLE_BLOCKS];
    static NFKC: Blocks = [const { std::sync::OnceLock::new() }; STABLE_BLOCKS];
    let table = match form {
        Form::Nfc => &NFC,
        Form::Nfkc => &NFKC,
    };
    let code = c as usize;
    let block = table[code / STABLE_BLOCK].get_or_init(|| stable_block(code / STABLE_BLOCK, form));
    block[code % STABLE_BLOCK / 64]
}

fn stable_block(block: usize, form: Form) -> [Bits; STABLE_BLOCK / 64] {
    let mut bits = [Bits::default(); STABLE_BLOCK / 64];
    for offset in 0..STABLE_BLOCK {
        let Some(c) = char::from_u32((block * STABLE_BLOCK + offset) as u32) else {
            continue;
        };
        let one = std::iter::once(c);
        let allowed = match form {
            Form::Nfc => is_nfc_quick(one),
            Form::Nfkc => is_nfkc_quick(one),
        } == IsNormalized::Yes;
        let group = &mut bits[offset / 64];
        match (
            allowed,
            unicode_normalization::char::canonical_combining_class(c),
        ) {
            (false, _) => {}
            (true, 0) => group.stable |= 1 << (offset % 64),
            (true, _) => group.quiet_marks |= 1 << (offset % 64),
        }
    }
    bits
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

    #[test]
    fn stable_characters_pass_the_full_quick_check() {
        for code in 0..=char::MAX as u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let one = c.to_string();
            if all_stable_by_blocks(one.chars(), Form::Nfc) {
                assert_eq!(is_nfc_quick(one.chars()), IsNormalized::Yes, "{code:X}");
                assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            }
            if all_stable_by_blocks(one.chars(), Form::Nfkc) {
                assert_eq!(is_nfkc_quick(one.chars()), IsNormalized::Yes, "{code:X}");
                assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            }
        }
    }

    #[test]
    fn checking_runs_of_unstable_characters_answers_like_normalizing_the_whole_text() {
        // Stable and unstable characters: combining marks of different classes (whose
        // order matters), a singleton, a compatibility ideograph, Devanagari nukta and
        // virama with letters the nukta composes with ("न") or not ("क"), a letter
        // whose nukta form is excluded from composition (U+0958), a Hangul vowel that
        // composes with the syllable before it, "e" before a combining acute; a Thai
        // letter with a vowel and a tone mark (classes 103 and 107) and a Hebrew point
        // (class 14): quiet marks, alone or in and out of order.
        let alphabet = [
            'a', 'e', 'é', '\u{301}', '\u{316}', '\u{387}', 'क', 'न', '\u{958}', '\u{93c}',
            '\u{94d}', '\u{f900}', '\u{a0}', 'ﬁ', '가', '\u{1100}', '\u{1161}', 'ก', '\u{e38}',
            '\u{e48}', '\u{5b4}',
        ];
        let mut text = String::new();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    text.clear();
                    text.extend([a, b, c]);
                    let nfc = text.nfc().eq(text.chars());
                    let nfkc = text.nfkc().eq(text.chars());
                    assert_eq!(quick_yes(&text, Form::Nfc), nfc, "{text:?}");
                    assert_eq!(quick_yes(&text, Form::Nfkc), nfkc, "{text:?}");
                    let chars: Vec<char> = text.chars().collect();
                    let decoded = |form: Normalization| form.is_normalized_decoded(&text, &chars);
                    assert_eq!(decoded(Normalization::Nfc), nfc, "{text:?}");
                    assert_eq!(decoded(Normalization::Nfkc), nfkc, "{text:?}");
                    // The crate's quick check alone never says yes where this says no.
                    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
                        assert!(nfc, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn unstable_characters_fall_back_to_the_full_check() {
        // A combining mark, a singleton (Greek ano teleia), a compatibility character.
        assert!(!all_stable_by_blocks("e\u{301}".chars(), Form::Nfc));
        assert!(!all_stable_by_blocks("\u{387}".chars(), Form::Nfc));
        assert!(all_stable_by_blocks("ﬁ\u{a0}".chars(), Form::Nfc));
        assert!(!all_stable_by_blocks("\u{a0}".chars(), Form::Nfkc));
        assert_eq!(Normalization::Nfkc.apply("\u{a0}").as_deref(), Some(" "));
        assert!(Normalization::Nfc.is_normalized("Ελληνικά, русский, 日本語, עברית"));
        // A nukta that composes with the letter before it is not in NFC; one that
        // does not leaves the line as it is, without normalizing it whole.
        assert_eq!(
            Normalization::Nfc.apply("न\u{93c}").as_deref(),
            Some("\u{929}")
        );
        assert!(Normalization::Nfc.is_normalized("फ़िल्म और ज़िंदगी"));
    }
}
