//! Character classes: what kind of character each one is, which script it belongs to,
//! and how rare it is in correct text.
//!
//! This is the vocabulary of the badness model (`badness`). The rarity table is data,
//! declared once in [`RARITY`]; everything else comes from the Unicode general category
//! and script properties (`unicode-properties`, `unicode-script`).

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_script::{Script, UnicodeScript};

/// The broad role a character plays in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII whitespace and other separators except U+00A0.
    Space,
    /// U+00A0 NO-BREAK SPACE, which garbling both produces and loses.
    Nbsp,
    /// An uppercase or titlecase letter.
    Upper,
    /// A lowercase letter.
    Lower,
    /// A letter without case (CJK, Arabic, Hebrew, modifier letters, ...).
    Letter,
    /// A decimal digit or other number.
    Digit,
    /// A combining mark.
    Mark,
    /// ASCII punctuation and symbols.
    AsciiPunct,
    /// Non-ASCII punctuation that sits naturally next to words: quotes, dashes,
    /// ellipsis, guillemets, inverted marks.
    Punct,
    /// A currency sign.
    Currency,
    /// Any other symbol (math, modifiers, dingbats, emoji).
    Symbol,
    /// Box drawing and block elements, which DOS code pages produce in bulk.
    Box,
    /// A control or invisible format character.
    Control,
    /// U+FFFD, the mark of an earlier lossy decoding.
    Replacement,
    /// Unassigned, private use or surrogate.
    Other,
}

/// The class of one character.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Class {
    pub(crate) kind: Kind,
    pub(crate) script: Script,
    /// Cost of meeting this character at all, in badness units.
    pub(crate) rarity: f32,
    pub(crate) ascii: bool,
    /// A math symbol (general category Sm).
    pub(crate) math: bool,
    /// [`char::is_alphanumeric`] of the character itself (for a C1 control, of the
    /// control, not of the character it is classified as): looked up once here, since
    /// the standard library's lookup outside ASCII is slow and the repair asks it of
    /// every garbled word for every page.
    pub(crate) alphanumeric: bool,
    /// [`char::is_alphabetic`] of the character itself, looked up once for the same
    /// reason.
    pub(crate) alphabetic: bool,
    /// [`char::is_lowercase`] of the character itself, looked up once for the same
    /// reason (asked of the last letter before every word of a line).
    pub(crate) lowercase: bool,
    /// A space that ends words (any but the no-break space, which joins them).
    pub(crate) ends_words: bool,
    /// A character of a script written without spaces (Chinese, Japanese, Thai;
    /// Korean too, whose words are long), or CJK punctuation or a full-width form:
    /// each ends a word where the repair breaks words by script.
    pub(crate) unspaced: bool,
}

impl Class {
    /// A space-like class that ends words, for scans that need a sentinel.
    pub(crate) const BOUNDARY: Class = Class {
        kind: Kind::Space,
        script: Script::Common,
        rarity: 0.0,
        ascii: true,
        math: false,
        alphanumeric: false,
        alphabetic: false,
        lowercase: false,
        ends_words: true,
        unspaced: false,
    };

    pub(crate) fn is_letter(&self) -> bool {
        matches!(self.kind, Kind::Upper | Kind::Lower | Kind::Letter)
    }

    /// Separators and line edges: where words end.
    pub(crate) fn is_space(&self) -> bool {
        matches!(self.kind, Kind::Space | Kind::Nbsp)
    }

    /// Symbols that look out of place inside a word.
    pub(crate) fn is_symbolic(&self) -> bool {
        matches!(
            self.kind,
            Kind::Currency | Kind::Symbol | Kind::Box | Kind::Control | Kind::Other
        ) && !self.ascii
    }
}

/// Extra rarity of a C1 control over the windows-1252 character it stands for.
const C1_STAND_IN: f32 = 0.5;

/// How rare a character is in correct text, in badness units, for the characters whose
/// general category alone says too little. First matching range wins.
///
/// Calibrated by hand against the clean seed texts (which must all cost ~0 per word) and
/// the mojibake that the candidate code pages produce: characters that garbling makes
/// constantly but real text seldom uses (Ã, Â, ¤, ¦, IPA letters, C1 controls, archaic
/// Cyrillic) cost most.
const RARITY: &[(char, char, f32)] = &[
    // C1 controls: almost always a windows-1252 byte decoded as ISO-8859-1.
    ('\u{80}', '\u{9F}', 6.0),
    // Soft hyphen: invisible, and byte 0xAD of Latin pages.
    ('\u{AD}', '\u{AD}', 2.0),
    ('¢', '¢', 1.0),
    ('¤', '¤', 1.5),
    ('¦', '¦', 1.5),
    ('¨', '¨', 1.0),
    ('ª', 'ª', 1.0),
    ('¬', '¬', 1.0),
    ('¯', '¯', 1.2),
    ('²', '³', 0.8),
    ('´', '´', 1.0),
    ('µ', 'µ', 0.6),
    ('¶', '¶', 1.0),
    ('¸', '¹', 1.2),
    ('º', 'º', 1.0),
    ('¼', '¾', 0.8),
    // Lead bytes of two-byte UTF-8 in windows-1252: common in mojibake, rare uppercase.
    ('Â', 'Ã', 1.0),
    ('Ð', 'Ð', 0.5),
    // Lead bytes of two-byte UTF-8 in windows-1250 (0xC3, 0xC5): Romanian and Slovak
    // write them, but mostly in lowercase.
    ('Ă', 'Ă', 0.5),
    ('Ĺ', 'Ĺ', 1.0),
    // Lead byte 0xC3 of windows-1257 (every Latin-1 letter): Polish and Croatian write
    // it, but mostly in lowercase. Calibrated like "Ă": at 0.5 a lone "Ć–l" ("Öl") and
    // "Ć\u{a0}!" ("à!") are repaired through windows-1257 (round-trip listing).
    ('Ć', 'Ć', 0.5),
    ('ĺ', 'ĺ', 0.5),
    // Byte 0x9C of windows-1252, a continuation byte of ✓-like dingbats and of “;
    // French writes it only after a few consonants.
    ('œ', 'œ', 0.5),
    ('Ÿ', 'Ÿ', 1.0),
    ('ƒ', 'ƒ', 1.0),
    ('Þ', 'Þ', 0.5),
    // No Czech or Slovak word starts with "ý", and few Icelandic ones; IBM437 reads the
    // "þ" (C3 BE) of an IBM850-garbled "þetta" as "Ý" (C3 9D). Calibrated on the
    // round-trip listing: at 0.5 the IBM850 reading wins over IBM437's despite its
    // prior (0.6 against 0.5) and the rarity of "þ" (0.3).
    ('Ý', 'Ý', 0.5),
    ('ð', 'ð', 0.3),
    ('þ', 'þ', 0.3),
    // Latin Extended-A is everyday Central European, Baltic and Turkish text, except
    // the letters of Maltese, Sami and old orthographies, which garbling produces far
    // more often than writers do. The long s is archaic. Esperanto's circumflex and
    // breve letters are everyday letters of its text (Django ships an Esperanto
    // catalogue): at 1.0 they left 55 of the real-text round trips garbled ("─ëiuj",
    // "ƒâiuj"); at 0.3, as cheap as a schwa, 30 of them are repaired and no other
    // figure moves (synthetic set, clean texts, ftfy's cases, generated round trips).
    ('Ĉ', 'ĉ', 0.3),
    ('Ċ', 'ċ', 1.0),
    // Esperanto "ĝ" and Maltese "ġ", not Turkish "ğ" between them.
    ('Ĝ', 'ĝ', 0.3),
    ('Ġ', 'ġ', 1.0),
    ('Ĥ', 'ĥ', 0.3),
    ('Ħ', 'ħ', 1.0),
    ('Ĩ', 'ĩ', 1.0),
    ('Ĭ', 'ĭ', 1.0),
    ('Ĳ', 'ĳ', 1.0),
    ('Ĵ', 'ĵ', 0.3),
    ('ĸ', 'ĸ', 1.0),
    ('Ŀ', 'ŀ', 1.0),
    ('ŉ', 'ŋ', 1.0),
    ('Ŏ', 'ŏ', 1.0),
    ('Ŕ', 'ŗ', 1.0),
    ('Ŝ', 'ŝ', 0.3),
    ('Ŧ', 'ŧ', 1.0),
    ('Ũ', 'ũ', 1.0),
    ('Ŭ', 'ŭ', 0.3),
    ('Ŵ', 'ŷ', 1.0),
    ('ſ', 'ſ', 4.0),
    // Czech and Slovak "ť" is far rarer than "š", and "ĹĄ" is either: "ť" through
    // windows-1250 or "š" through ISO-8859-2. Calibrated on the synthetic set: 0.2
    // (twice the rest of Extended-A) turns the Croatian and Slovene "ť" readings into
    // "š"; 0.3 also takes the "ť" of a Slovak line with other Slovak letters ("Päť").
    ('Ť', 'ť', 0.2),
    ('\u{100}', '\u{17F}', 0.1),
    // Latin Extended-B: Vietnamese horn letters, pinyin carons, Romanian comma letters
    // and African letters are real; most of the rest is rare. Only the horn letters
    // (Ơ ơ, Ư ư) are Vietnamese: the tone letters and hooked consonants between them
    // ("ƨ", "ƭ", "Ʈ") are what windows-1250 makes of Baltic mojibake.
    ('\u{1A0}', '\u{1A1}', 0.2),
    ('\u{1AF}', '\u{1B0}', 0.2),
    ('\u{1CD}', '\u{1DC}', 0.3),
    ('\u{218}', '\u{21B}', 0.1),
    // The schwa is an everyday letter of Azerbaijani (Django's catalogue writes "ə" in
    // most lines); what garbling reads as it ("É™", "…ô") is never correct text.
    ('Ə', 'Ə', 0.3),
    // The open e and o and the gamma of the African reference alphabet are everyday
    // letters of Kabyle, Akan, Ewe, Lingala and others (Django's Kabyle catalogue
    // writes "ɣ" in one line of six). At 2.0 and 3.0 their repairs ("ÉŁ", "╔ø", "…£")
    // never paid for themselves; at 0.5, 43 more real-text round trips are repaired
    // and no other figure moves.
    ('Ɔ', 'Ɔ', 0.5),
    ('Ɛ', 'Ɛ', 0.5),
    ('Ɣ', 'Ɣ', 0.5),
    ('\u{180}', '\u{24F}', 2.0),
    // IPA extensions: a lead byte of windows-1252 (É, Ê, ...) before a continuation.
    ('ə', 'ə', 0.3),
    ('ɔ', 'ɔ', 0.5),
    ('ɛ', 'ɛ', 0.5),
    ('ɣ', 'ɣ', 0.5),
    ('\u{250}', '\u{2AF}', 3.0),
    // Spacing modifier letters (ˆ ˜ ˇ ˘ ˙ ˛ ˝ and phonetic superscripts).
    ('\u{2B0}', '\u{2FF}', 1.5),
    // Overlay marks (strike-through) are used for effect; the tilde overlay is not one
    // of them (strike-through text uses the stroke and solidus overlays) but what Mac
    // Roman makes of "Ã¥", the windows-1252 mojibake of "å".
    ('\u{334}', '\u{334}', 1.5),
    ('\u{335}', '\u{338}', 0.0),
    // Combining diacritics are handled by the mark rule; archaic Greek letters and
    // symbols are rare.
    ('\u{370}', '\u{385}', 1.5),
    ('\u{3CF}', '\u{3FF}', 3.0),
    // Cyrillic: Ukrainian, Belarusian, Serbian and Macedonian letters are everyday text
    // but each is rarer than Russian's; historic and extended letters are rare.
    // Macedonian "ѕ" (dze) is rare even in Macedonian, and windows-1251 shows the
    // continuation bytes 0xBD and 0xBE (of "½", "¾", "Ľ"...) as "Ѕ" and "ѕ" ("ВЅ").
    ('\u{405}', '\u{405}', 1.0),
    ('\u{455}', '\u{455}', 1.0),
    ('\u{400}', '\u{40F}', 0.4),
    ('\u{450}', '\u{45F}', 0.4),
    ('\u{490}', '\u{491}', 0.4),
    ('\u{460}', '\u{48F}', 3.0),
    ('\u{492}', '\u{52F}', 1.5),
    // Armenian is a national script like Georgian (Django ships an Armenian
    // catalogue). At 1.5 its repairs did not pay: "Õ§" stayed for the everyday word
    // "է" and whole windows-1251 lines ("ХЎЦЂХ¤ХҐХ¶") stayed garbled. At 0.3 the
    // real-text round trips gain 40 and no other figure moves; its symbols stay rare.
    ('\u{531}', '\u{58A}', 0.3),
    ('\u{530}', '\u{58F}', 1.5),
    // Hebrew cantillation marks and points.
    ('\u{591}', '\u{5CF}', 2.0),
    ('\u{5EB}', '\u{5FF}', 2.0),
    // Arabic beyond the basic letters.
    ('\u{600}', '\u{61F}', 0.5),
    ('\u{650}', '\u{65F}', 0.5),
    ('\u{660}', '\u{669}', 0.0),
    ('\u{66A}', '\u{670}', 0.5),
    // Persian and Urdu letters are everyday text; the rest of the extended Arabic
    // letters (Jawi, Sindhi, ...) are rarely what a byte pair really meant.
    ('پ', 'پ', 0.3),
    ('ٹ', 'ٹ', 0.3),
    ('چ', 'چ', 0.3),
    ('ڈ', 'ڈ', 0.3),
    ('ڑ', 'ڑ', 0.3),
    ('ژ', 'ژ', 0.3),
    ('ک', 'ک', 0.3),
    ('گ', 'گ', 0.3),
    ('ں', 'ھ', 0.3),
    ('ہ', 'ہ', 0.3),
    ('ی', 'ی', 0.3),
    ('ے', 'ے', 0.3),
    // So are the letters of Sorani Kurdish (Django ships a Sorani catalogue): at 1.5
    // windows-1251's "ШЁЫЋШЄ" for "بێت" stayed garbled.
    ('ڕ', 'ڕ', 0.3),
    ('ڵ', 'ڵ', 0.3),
    ('ۆ', 'ۆ', 0.3),
    ('ێ', 'ێ', 0.3),
    ('ە', 'ە', 0.3),
    ('\u{671}', '\u{6FF}', 1.5),
    // Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic extensions: what E0-prefixed
    // UTF-8 of DOS Cyrillic pages decodes to.
    ('\u{700}', '\u{8FF}', 3.0),
    // Brahmic scripts, Thai, Lao, Tibetan, Myanmar, Georgian: real text.
    ('\u{900}', '\u{10FF}', 0.3),
    ('\u{1100}', '\u{11FF}', 1.0),
    ('\u{1200}', '\u{139F}', 1.0),
    // Subscript letters of formulas ("xᵢ", "∑ᵢ"), among the phonetic extensions.
    ('\u{1D62}', '\u{1D6A}', 0.5),
    // Khmer is a national script with plenty of text online (Django ships a Khmer
    // catalogue); the rest of the range below is historic or minor.
    ('\u{1780}', '\u{17FF}', 0.3),
    ('\u{13A0}', '\u{1DFF}', 3.0),
    // Latin Extended Additional: Vietnamese from U+1EA0, transliteration before it.
    ('\u{1E00}', '\u{1E9F}', 1.0),
    ('\u{1EA0}', '\u{1EFF}', 0.2),
    ('\u{1F00}', '\u{1FFF}', 1.0),
    ('\u{2000}', '\u{200F}', 1.0),
    ('†', '‡', 1.0),
    ('‰', '‰', 1.0),
    ('‹', '›', 0.8),
    ('‚', '‚', 1.0),
    ('‗', '‗', 1.5),
    // Line and paragraph separators: text files break lines with control characters;
    // E2 80 A8 and E2 80 A9 are what ISO-8859-2 reads in the ISO-8859-15 mojibake of
    // "…" (E2 80 A6, "â\u{80}Š"). Priced like the invisible formatting characters.
    ('\u{2028}', '\u{2029}', 1.5),
    ('\u{2060}', '\u{206F}', 1.5),
    ('₧', '₧', 1.5),
    ('ⁿ', 'ⁿ', 1.5),
    ('\u{2200}', '\u{22FF}', 0.5),
    ('\u{2600}', '\u{27BF}', 0.0),
    ('⌐', '⌐', 1.5),
    ('⌠', '⌡', 1.5),
    ('\u{2500}', '\u{257F}', 0.3),
    ('\u{2580}', '\u{259F}', 0.5),
    // Supplemental arrows: what "â€" becomes through ISO-8859-15.
    ('\u{2900}', '\u{297F}', 1.5),
    ('\u{2C00}', '\u{2DFF}', 2.5),
    ('\u{3400}', '\u{4DBF}', 2.5),
    ('\u{A000}', '\u{ABFF}', 2.5),
    ('\u{E000}', '\u{F8FF}', 3.0),
    ('\u{F900}', '\u{FAFF}', 1.5),
    ('\u{FE00}', '\u{FE0F}', 0.0),
    ('\u{FEFF}', '\u{FEFF}', 1.5),
    ('\u{FFF0}', '\u{FFFC}', 3.0),
    ('\u{FFFD}', '\u{FFFD}', 1.0),
    ('\u{10000}', '\u{1EFFF}', 1.5),
    ('\u{1F000}', '\u{1FAFF}', 0.0),
    ('\u{20000}', '\u{3FFFF}', 1.5),
    ('\u{E0000}', '\u{10FFFF}', 3.0),
];

/// Spacing accents that people type as quotation marks or apostrophes ("lá´´"); they
/// behave like punctuation, not like symbols.
const SPACING_ACCENTS_USED_AS_QUOTES: &[char] = &['´', '¨'];

/// Rarity for characters the table does not list, by kind.
fn default_rarity(kind: Kind) -> f32 {
    match kind {
        Kind::Space | Kind::Upper | Kind::Lower | Kind::Letter | Kind::Digit => 0.0,
        Kind::AsciiPunct => 0.0,
        Kind::Nbsp | Kind::Punct | Kind::Currency => 0.2,
        Kind::Mark | Kind::Symbol | Kind::Box => 0.5,
        Kind::Replacement => 1.0,
        Kind::Control => 3.0,
        Kind::Other => 4.0,
    }
}

/// The rarity of `c` in `ranges` ([`RARITY`] or the part of it that meets `c`'s
/// block, in the same order): the first range that holds `c`.
fn table_rarity(c: char, ranges: &[(char, char, f32)]) -> Option<f32> {
    ranges
        .iter()
        .find(|&&(lo, hi, _)| lo <= c && c <= hi)
        .map(|&(_, _, cost)| cost)
}

/// The ranges of [`RARITY`] that meet the block `first..=last`, in their order, so
/// that the first of them to hold a character of the block is still the first of
/// [`RARITY`]. Searching the whole table for every character of a block was most of
/// the time a block took to fill (about 900 of 1,200 instructions a character), and
/// filling blocks most of a small file's run.
fn rarity_ranges_meeting(first: char, last: char) -> Vec<(char, char, f32)> {
    RARITY
        .iter()
        .filter(|&&(lo, hi, _)| lo <= last && first <= hi)
        .copied()
        .collect()
}

fn kind_of(c: char) -> Kind {
    use GeneralCategory as G;
    if c == '\u{A0}' {
        return Kind::Nbsp;
    }
    if c == '\u{FFFD}' {
        return Kind::Replacement;
    }
    if c.is_ascii() {
        return match c {
            'A'..='Z' => Kind::Upper,
            'a'..='z' => Kind::Lower,
            '0'..='9' => Kind::Digit,
            '\t' | '\n' | '\r' | ' ' | '\x0C' => Kind::Space,
            c if c.is_ascii_control() => Kind::Control,
            _ => Kind::AsciiPunct,
        };
    }
    if ('\u{2500}'..='\u{259F}').contains(&c) {
        return Kind::Box;
    }
    if SPACING_ACCENTS_USED_AS_QUOTES.contains(&c) {
        return Kind::Punct;
    }
    if c == 'ƒ' {
        // The florin sign, encoded as a letter; byte 0x83 of windows-1252 and 0xC4 of
        // Mac Roman.
        return Kind::Currency;
    }
    match c.general_category() {
        G::UppercaseLetter | G::TitlecaseLetter => Kind::Upper,
        G::LowercaseLetter => Kind::Lower,
        G::ModifierLetter | G::OtherLetter => Kind::Letter,
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark => Kind::Mark,
        G::DecimalNumber | G::LetterNumber => Kind::Digit,
        // Superscripts and fractions (¹ ² ³ ½ ¼) never sit inside words; garbling puts
        // them there constantly (bytes 0xB2, 0xB3, 0xB9, 0xBC-0xBE).
        G::OtherNumber => Kind::Symbol,
        G::ConnectorPunctuation
        | G::DashPunctuation
        | G::OpenPunctuation
        | G::ClosePunctuation
        | G::InitialPunctuation
        | G::FinalPunctuation
        | G::OtherPunctuation => Kind::Punct,
        G::CurrencySymbol => Kind::Currency,
        G::MathSymbol | G::ModifierSymbol | G::OtherSymbol => Kind::Symbol,
        G::SpaceSeparator | G::LineSeparator | G::ParagraphSeparator => Kind::Space,
        G::Control | G::Format => Kind::Control,
        G::Surrogate | G::PrivateUse | G::Unassigned => Kind::Other,
    }
}

/// Classifications are cached in blocks of this many characters, each block filled on
/// first use: the Unicode property lookups behind a classification are too slow for
/// the inner loop, and filling only the blocks a text uses keeps start-up short. The
/// candidate readings of a garbled line touch a few characters each of many blocks
/// (Cyrillic, Greek, box drawing...): blocks of 16 instead of 256 took one garbled
/// line's run from 3.92M to 2.54M instructions, the newsletter seed sample's from 6.62M
/// to 5.05M.
const BLOCK: usize = 16;
const BLOCKS: usize = (char::MAX as usize + 1) / BLOCK;

/// Whether `c` is alphabetic ([`char::is_alphabetic`]), through the table of
/// [`classify`].
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        classify(c).alphabetic
    }
}

/// Whether `c` is lowercase ([`char::is_lowercase`]), through the table of
/// [`classify`].
pub(crate) fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        classify(c).lowercase
    }
}

/// Whether `c` is alphanumeric ([`char::is_alphanumeric`]), through the table of
/// [`classify`].
///
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        classify(c).alphanumeric
    }
}

/// Classifies one character.
pub(crate) fn classify(c: char) -> Class {
    static TABLE: [std::sync::OnceLock<Box<[Class; BLOCK]>>; BLOCKS] =
        [const { std::sync::OnceLock::new() }; BLOCKS];
    let code = c as usize;
    let block = TABLE[code / BLOCK].get_or_init(|| classify_block((code / BLOCK * BLOCK) as u32));
    block[code % BLOCK]
}

/// The classes of the block of characters that starts at `first`.
fn classify_block(first: u32) -> Box<[Class; BLOCK]> {
    let last = first + BLOCK as u32 - 1;
    // Surrogates are no characters: the block's ends are clamped to characters.
    let ranges = rarity_ranges_meeting(
        char::from_u32(first).unwrap_or('\u{E000}'),
        char::from_u32(last).unwrap_or('\u{D7FF}'),
    );
    let mut classes = Box::new([Class::BOUNDARY; BLOCK]);
    for (offset, slot) in classes.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(first + offset as u32) {
            *slot = classify_uncached(c, &ranges);
        }
    }
    classes
}

/// Classifies one character from its Unicode properties; `ranges` holds at least
/// the ranges of [`RARITY`] that meet `c`, in their order.
///
/// A C1 control that windows-1252 defines is classified as that character, a little
/// dearer: the C1 fix (`fixes::c1`) will turn it into that character anyway, so its
/// presence is no evidence for re-decoding.
fn classify_uncached(c: char, ranges: &[(char, char, f32)]) -> Class {
    if let Some(mapped) = crate::fixes::c1::c1_as_windows_1252(c) {
        // The character it stands for lies in another block.
        let mut class = classify_uncached(mapped, RARITY);
        class.rarity += C1_STAND_IN;
        class.alphanumeric = c.is_alphanumeric();
        class.alphabetic = c.is_alphabetic();
        class.lowercase = c.is_lowercase();
        return class;
    }
    let kind = kind_of(c);
    let alphabetic = c.is_alphabetic();
    let math = !c.is_ascii() && c.general_category() == GeneralCategory::MathSymbol;
    let rarity = if c.is_ascii() {
        default_rarity(kind)
    } else if is_uncommon_ideograph_or_syllable(c) {
        UNCOMMON_IDEOGRAPH
    } else {
        table_rarity(c, ranges).unwrap_or_else(|| default_rarity(kind))
    };
    let script = c.script();
    Class {
        kind,
        script,
        rarity,
        ascii: c.is_ascii(),
        math,
        alphanumeric: alphabetic || c.is_numeric(),
        alphabetic,
        lowercase: c.is_lowercase(),
        ends_words: if c.is_ascii() {
            c.is_ascii_whitespace()
        } else {
            c != '\u{a0}' && kind == Kind::Space
        },
        unspaced: kind != Kind::Mark
            && matches!(
                script,
                Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Thai
            )
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c),
    }
}

/// Rarity of a CJK ideograph or a Hangul syllable that the first level of no national
/// standard lists (see [`is_uncommon_ideograph_or_syllable`]). Re-decoding through a
/// sister page changes one byte of a three-byte sequence and turns "大" into "倧", "불"
/// into "뜈": still a letter of the line's script, and free before this. Calibrated
/// on the synthetic set (Korean, Chinese and Japanese lines garbled once or twice):
/// at 0.5 five such ties there go to the common reading (the other CJK misses are
/// between two common characters); clean lines in these scripts have no mojibake
/// units and are never judged.
const UNCOMMON_IDEOGRAPH: f32 = 0.5;

/// The CJK Unified Ideographs (basic block) and the Hangul syllables, which the
/// common-character sets below cover.
const HAN: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;
const HANGUL: std::ops::RangeInclusive<u32> = 0xAC00..=0xD7A3;

/// Whether `c` is a CJK ideograph or a Hangul syllable outside every first-level set of
/// the national standards: GB 2312 level 1 (3,755 common simplified characters), JIS X
/// 0208 level 1 (2,965 common Japanese kanji), Big5 level 1 (5,401 common traditional
/// characters) and the 2,350 Hangul syllables of KS X 1001. Those sets were chosen as
/// the characters of everyday text; the other 8,800 syllables and 13,000 ideographs of
/// these blocks are names, dialects and classical text. Characters of other blocks
/// (extensions, compatibility forms) are priced by [`RARITY`].
fn is_uncommon_ideograph_or_syllable(c: char) -> bool {
    let code = c as u32;
    if !HAN.contains(&code) && !HANGUL.contains(&code) {
        return false;
    }
    let common = common_ideographs();
    let bit = common_bit(code);
    common[bit / 64] & (1 << (bit % 64)) == 0
}

/// Position of a Han or Hangul code point in the bit set of [`common_ideographs`].
fn common_bit(code: u32) -> usize {
    if HAN.contains(&code) {
        (code - HAN.start()) as usize
    } else {
        (HAN.end() - HAN.start() + 1 + code - HANGUL.start()) as usize
    }
}

/// The bit set of common ideographs and syllables, decoded once from the first levels
/// of the four standards with `encoding_rs`'s own tables (every two-byte code of the
/// level, in order): the data is the standards', not a list kept here.
fn common_ideographs() -> &'static [u64] {
    static SET: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let bits = (HAN.end() - HAN.start() + 1 + HANGUL.end() - HANGUL.start() + 1) as usize;
        let mut set = vec![0u64; bits.div_ceil(64)];
        let levels: [(&encoding_rs::Encoding, Vec<u8>); 4] = [
            // GB 2312 level 1: rows 16-55 (lead bytes B0-D7).
            (
                encoding_rs::GBK,
                two_byte_codes(0xB0..=0xD7, &[0xA1..=0xFE]),
            ),
            // JIS X 0208 level 1: rows 16-47 (EUC-JP lead bytes B0-CF).
            (
                encoding_rs::EUC_JP,
                two_byte_codes(0xB0..=0xCF, &[0xA1..=0xFE]),
            ),
            // Big5 level 1: A440-C67E.
            (encoding_rs::BIG5, big5_level_one()),
            // KS X 1001 Hangul: rows 16-40 (lead bytes B0-C8).
            (
                encoding_rs::EUC_KR,
                two_byte_codes(0xB0..=0xC8, &[0xA1..=0xFE]),
            ),
        ];
        for (encoding, bytes) in levels {
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            for c in text.chars() {
                let code = c as u32;
                if HAN.contains(&code) || HANGUL.contains(&code) {
                    let bit = common_bit(code);
                    set[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        set
    })
}

/// Every two-byte code with a lead byte in `leads` and a trail byte in one of `trails`.
fn two_byte_codes(
    leads: std::ops::RangeInclusive<u8>,
    trails: &[std::ops::RangeInclusive<u8>],
) -> Vec<u8> {
    let mut bytes = Vec::new();
    for lead in leads {
        for trail in trails.iter().cloned().flatten() {
            bytes.extend([lead, trail]);
        }
    }
    bytes
}

/// Big5 level 1 (A440-C67E): lead bytes A4-C5 whole, and the first half of C6.
fn big5_level_one() -> Vec<u8> {
    let mut bytes = two_byte_codes(0xA4..=0xC5, &[0x40..=0x7E, 0xA1..=0xFE]);
    bytes.extend(two_byte_codes(0xC6..=0xC6, &[0x40..=0x7E]));
    bytes
}

/// Whether two letters' scripts can meet inside one word: the same script, or scripts
/// that are written together (Han with kana or Hangul), or either is shared.
pub(crate) fn scripts_mix_well(a: Script, b: Script) -> bool {
    fn east_asian(s: Script) -> bool {
        matches!(
            s,
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
        )
    }
    a == b
        || matches!(a, Script::Common | Script::Inherited | Script::Unknown)
        || matches!(b, Script::Common | Script::Inherited | Script::Unknown)
        || (east_asian(a) && east_asian(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as the whole pipeline repairs it by default.
    fn fix(s: &str) -> String {
        crate::fix_text(s, &crate::Config::default())
            .text()
            .to_string()
    }

    #[test]
    fn a_block_filled_from_its_own_rarity_ranges_classifies_as_the_whole_table_does() {
        // Every edge of every range, and the characters beside it, where a range
        // clipped to a block or searched out of order would first show.
        let edges = RARITY.iter().flat_map(|&(lo, hi, _)| [lo, hi]);
        for edge in edges {
            for code in (edge as u32).saturating_sub(1)..=edge as u32 + 1 {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                assert_eq!(classify(c), classify_uncached(c, RARITY), "{c:?}");
            }
        }
    }

    #[test]
    fn the_table_answers_is_alphanumeric_alphabetic_and_lowercase_as_the_standard_library_does() {
        // Every character of the blocks a repair meets, C1 controls included (they
        // are classified as the windows-1252 character of their number, "Š" for
        // U+008A, but are no letters themselves).
        let ranges = [
            '\0'..='\u{2FFF}',
            '\u{3000}'..='\u{33FF}',
            '\u{AC00}'..='\u{AFFF}',
        ];
        for c in ranges
            .into_iter()
            .flatten()
            .chain(['\u{1F600}', '\u{10FFFF}'])
        {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
        }
        assert!(!is_alphanumeric('\u{8A}') && is_alphanumeric('Š'));
        assert!(!is_alphabetic('\u{8A}') && is_alphabetic('Š') && !is_alphabetic('٣'));
    }

    #[test]
    fn macedonian_dze_is_rare() {
        // windows-1251 "ВЅ" for "½".
        assert!(classify('Ѕ').rarity >= classify('½').rarity);
        assert!(classify('ѕ').rarity > classify('љ').rarity);
    }

    #[test]
    fn line_and_paragraph_separators_are_rare() {
        // ISO-8859-2 reads ISO-8859-15's "â\u{80}Š" (for "…") as U+2029.
        assert!(classify('\u{2029}').rarity > classify('…').rarity + 1.0);
        assert!(classify('\u{2028}').rarity > 1.0);
    }

    #[test]
    fn kinds_of_common_characters() {
        assert_eq!(classify('é').kind, Kind::Lower);
        assert_eq!(classify('Ã').kind, Kind::Upper);
        assert_eq!(classify('©').kind, Kind::Symbol);
        assert_eq!(classify('€').kind, Kind::Currency);
        assert_eq!(classify('“').kind, Kind::Punct);
        assert_eq!(classify('\u{a0}').kind, Kind::Nbsp);
        assert_eq!(classify('\u{85}').kind, Kind::Punct);
        assert_eq!(classify('\u{81}').kind, Kind::Control);
        assert_eq!(classify('║').kind, Kind::Box);
        assert_eq!(classify('日').kind, Kind::Letter);
        assert_eq!(classify('\u{301}').kind, Kind::Mark);
    }

    #[test]
    fn everyday_letters_are_free_and_garbling_products_are_not() {
        for c in "aéßçøπжяשعकไ日本한កាəƏ".chars() {
            assert!(classify(c).rarity <= 0.3, "{c}");
        }
        for c in "\u{81}ɮʅ¤Ѱ\u{e000}".chars() {
            assert!(classify(c).rarity >= 1.5, "{c}");
        }
    }

    #[test]
    fn esperanto_letters_are_everyday_letters() {
        // Real-text round trip: Esperanto "ĉiu" through IBM437.
        assert_eq!(fix("─ëiu tago"), "ĉiu tago");
    }

    #[test]
    fn letters_of_the_african_reference_alphabet_are_everyday_letters() {
        // Real-text round trips: Kabyle "ɣ" through windows-1250, "ɛ" through IBM850.
        assert_eq!(fix("taÉŁult"), "taɣult");
        assert_eq!(fix("u╔øeddi"), "uɛeddi");
    }

    #[test]
    fn sorani_kurdish_letters_are_everyday_letters() {
        // Real-text round trip: Sorani "بەها بێت" through windows-1251.
        assert_eq!(fix("ШЁЫ•Щ‡Ш§ ШЁЫЋШЄ"), "بەها بێت");
    }

    #[test]
    fn armenian_letters_are_everyday_letters() {
        // Armenian "Բարև ձեզ" through windows-1251, "Սա է մեր տունը" through Mac Roman.
        assert_eq!(fix("ФІХЎЦЂЦ‡ Х±ХҐХ¦"), "Բարև ձեզ");
        assert_eq!(fix("’ç’° ’ß ’¥’•÷Ä ’ø’∏÷Ç’∂’®"), "Սա է մեր տունը");
    }

    #[test]
    fn ideographs_and_syllables_outside_the_common_sets_are_uncommon() {
        // Everyday characters of Chinese, Japanese and Korean text are free...
        for c in "大家人们这实节乐时遊曜恆会日本語한국어불치즈된장찌개를".chars()
        {
            assert_eq!(classify(c).rarity, 0.0, "{c}");
        }
        // ...while what a sister page makes of them is not (synthetic
        // iso-8859-15-partial-0104, iso-8859-2-double-0023, windows-1250-double-0044).
        for c in "倧恧뜈됶찦갶롥".chars() {
            assert_eq!(classify(c).rarity, UNCOMMON_IDEOGRAPH, "{c}");
        }
        // Each set decoded to about the size its standard gives it.
        let common = common_ideographs()
            .iter()
            .map(|w| w.count_ones())
            .sum::<u32>();
        assert!((8_000..=10_000).contains(&common), "{common}");
    }

    #[test]
    fn rarity_ranges_are_well_formed() {
        for &(lo, hi, cost) in RARITY {
            assert!(lo <= hi && cost >= 0.0, "{lo:?}..{hi:?}");
        }
    }

    #[test]
    fn script_mixing() {
        assert!(scripts_mix_well(Script::Han, Script::Hiragana));
        assert!(scripts_mix_well(Script::Latin, Script::Common));
        assert!(!scripts_mix_well(Script::Latin, Script::Cyrillic));
    }
}
