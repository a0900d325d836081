//! The candidate code pages that text may have been wrongly decoded with, and strict
//! single-byte encoders for them.
//!
//! Every candidate is a single-byte code page whose lower half is ASCII. Each one is
//! declared once in `CODE_PAGES`; its upper half (bytes 0x80..=0xFF) is either taken
//! from `encoding_rs`, is the identity (true ISO-8859-1, which `encoding_rs` does not
//! offer because WHATWG maps the label to windows-1252), or is a declared table (IBM437,
//! IBM850, absent from `encoding_rs`).
//!
//! Decoding is *sloppy*: a byte the code page leaves undefined in 0x80..=0x9F decodes to
//! the C1 control with the same number, because that is what real garbling software
//! produced. Encoding is *strict*: a character the code page cannot represent makes the
//! encoding fail; it is never replaced (`encoding_rs`'s convenience encoder would write
//! `&#9731;` instead, which is why it is not used here).
//!
//! The reverse map is built once, lazily, into `CharTable`, indexed by character, so
//! that the per-character question "which byte would this be in code page N?" is a
//! table lookup for all pages at once.

use std::fmt;
use std::sync::OnceLock;

/// A single-byte code page that UTF-8 text may have been mistakenly decoded with.
///
/// ```
/// use mojifix::CodePage;
/// assert_eq!(CodePage::Windows1250.name(), "windows-1250");
/// assert_eq!(CodePage::Windows1250.decode_byte(0xC4), Some('Ä'));
/// assert_eq!(CodePage::Windows1250.encode_char('Ă'), Some(0xC3));
/// assert_eq!(CodePage::Windows1250.encode_char('☃'), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CodePage {
    /// windows-1252, Western European (sloppy: undefined bytes are C1 controls).
    Windows1252,
    /// True ISO-8859-1: every byte 0x80..=0xFF is the code point with the same number.
    Latin1,
    /// windows-1250, Central European.
    Windows1250,
    /// windows-1251, Cyrillic.
    Windows1251,
    /// ISO-8859-15, Western European with the euro sign.
    Iso8859_15,
    /// ISO-8859-2, Central European.
    Iso8859_2,
    /// windows-1254, Turkish.
    Windows1254,
    /// windows-1253, Greek.
    Windows1253,
    /// windows-1257, Baltic.
    Windows1257,
    /// Mac OS Roman.
    MacRoman,
    /// KOI8-R, Russian.
    Koi8R,
    /// KOI8-U, Ukrainian.
    Koi8U,
    /// IBM code page 437, the original PC character set.
    Ibm437,
    /// IBM code page 850, DOS Western European.
    Ibm850,
    /// IBM code page 866, DOS Cyrillic.
    Ibm866,
}

/// Where a code page's upper half comes from.
enum Source {
    EncodingRs(&'static encoding_rs::Encoding),
    Identity,
    Declared(&'static [&'static str; 8]),
}

/// One row of the declared table of candidates.
struct Spec {
    page: CodePage,
    name: &'static str,
    source: Source,
    /// Extra evidence (in badness units, see `badness`) a repair through this page must
    /// show. Calibrated on the synthetic set and ftfy's cases: the pages that garble most
    /// of the world's text cost nothing, rarer ones cost more, so that when two pages
    /// explain a span about equally well the common one wins and a single ambiguous
    /// span through a rare page is left alone.
    prior: f32,
    /// Characters that other decoders of the same page give for a byte, accepted when
    /// encoding back (decoding keeps the main table's character).
    also_encodes: &'static [(char, u8)],
}

/// KOI8-U as RFC 2319 and most software other than browsers define it: WHATWG's table
/// (KOI8-RU) has "ў" and "Ў" at 0xAE and 0xBE, the RFC has box drawings there, so text
/// garbled by either is found.
const KOI8_U_RFC_2319: &[(char, u8)] = &[('╝', 0xAE), ('╬', 0xBE)];

/// IBM437, bytes 0x80..=0xFF, sixteen per row.
const IBM437_UPPER: [&str; 8] = [
    "ÇüéâäàåçêëèïîìÄÅ",
    "ÉæÆôöòûùÿÖÜ¢£¥₧ƒ",
    "áíóúñÑªº¿⌐¬½¼¡«»",
    "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐",
    "└┴┬├─┼╞╟╚╔╩╦╠═╬╧",
    "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀",
    "αßΓπΣσµτΦΘΩδ∞φε∩",
    "≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}",
];

/// IBM850, bytes 0x80..=0xFF, sixteen per row.
const IBM850_UPPER: [&str; 8] = [
    "ÇüéâäàåçêëèïîìÄÅ",
    "ÉæÆôöòûùÿÖÜø£Ø×ƒ",
    "áíóúñÑªº¿®¬½¼¡«»",
    "░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐",
    "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤",
    "ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀",
    "ÓßÔÒõÕµþÞÚÛÙýÝ¯´",
    "\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}",
];

/// The candidates, in the order they are tried; ties in evidence go to the earlier one.
const CODE_PAGES: [Spec; 15] = [
    Spec {
        page: CodePage::Windows1252,
        name: "windows-1252",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1252),
        prior: 0.0,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Latin1,
        name: "ISO-8859-1",
        source: Source::Identity,
        prior: 0.0,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Windows1250,
        name: "windows-1250",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1250),
        prior: 0.3,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Windows1251,
        name: "windows-1251",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1251),
        prior: 0.3,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Iso8859_15,
        name: "ISO-8859-15",
        source: Source::EncodingRs(encoding_rs::ISO_8859_15),
        prior: 0.5,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Iso8859_2,
        name: "ISO-8859-2",
        source: Source::EncodingRs(encoding_rs::ISO_8859_2),
        prior: 0.4,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Windows1254,
        name: "windows-1254",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1254),
        prior: 0.3,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Windows1253,
        name: "windows-1253",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1253),
        prior: 0.5,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Windows1257,
        name: "windows-1257",
        source: Source::EncodingRs(encoding_rs::WINDOWS_1257),
        prior: 0.5,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::MacRoman,
        name: "macintosh",
        source: Source::EncodingRs(encoding_rs::MACINTOSH),
        prior: 0.6,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Koi8R,
        name: "KOI8-R",
        source: Source::EncodingRs(encoding_rs::KOI8_R),
        prior: 0.8,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Koi8U,
        name: "KOI8-U",
        source: Source::EncodingRs(encoding_rs::KOI8_U),
        prior: 0.9,
        also_encodes: KOI8_U_RFC_2319,
    },
    Spec {
        page: CodePage::Ibm437,
        name: "IBM437",
        source: Source::Declared(&IBM437_UPPER),
        // Re-tuned from 0.6 with IBM866 on the synthetic set: a Latin letter of
        // Extended-A after a word's letters ("kdy┼╛", "Trak┼│", "me├░") showed 0.1
        // too little evidence; IBM850 stays at 0.6, where "Ôôô" (ftfy's negative
        // case) would become "ⓓ".
        prior: 0.5,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Ibm850,
        name: "IBM850",
        source: Source::Declared(&IBM850_UPPER),
        prior: 0.6,
        also_encodes: &[],
    },
    Spec {
        page: CodePage::Ibm866,
        name: "IBM866",
        source: Source::EncodingRs(encoding_rs::IBM866),
        // See IBM437.
        prior: 0.5,
        also_encodes: &[],
    },
];

/// Number of candidate code pages.
pub const PAGE_COUNT: usize = CODE_PAGES.len();

/// A set of code pages, one bit each, in [`CodePage::ALL`] order.
pub type PageMask = u16;

impl CodePage {
    /// Every candidate, in the order they are tried.
    pub const ALL: [CodePage; PAGE_COUNT] = {
        let mut all = [CodePage::Windows1252; PAGE_COUNT];
        let mut i = 0;
        while i < PAGE_COUNT {
            all[i] = CODE_PAGES[i].page;
            i += 1;
        }
        all
    };

    /// The page's row in [`CODE_PAGES`]; the enum is declared in table order (a test
    /// checks it), so this is a cast.
    fn index(self) -> usize {
        self as usize
    }

    fn spec(self) -> &'static Spec {
        &CODE_PAGES[self.index()]
    }

    /// The page's usual name, as used in reports ("UTF-8 read as windows-1250").
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Extra evidence a repair through this page must show.
    pub(crate) fn prior(self) -> f32 {
        self.spec().prior
    }

    /// This page's bit in a [`PageMask`].
    pub(crate) fn bit(self) -> PageMask {
        1 << self.index()
    }

    /// Whether byte 0xA0 is a no-break space in this page, which is what makes the
    /// "no-break space became a plain space" loss possible.
    pub(crate) fn has_nbsp_at_a0(self) -> bool {
        self.decode_byte(0xA0) == Some('\u{a0}')
    }

    /// Decodes one byte (sloppily: undefined bytes in 0x80..=0x9F give C1 controls).
    /// Returns `None` for a byte the page leaves undefined elsewhere.
    pub fn decode_byte(self, byte: u8) -> Option<char> {
        if byte < 0x80 {
            return Some(char::from(byte));
        }
        tables().upper[self.index()][usize::from(byte - 0x80)]
    }

    /// Encodes one character strictly: `None` when the page has no byte for it.
    pub fn encode_char(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        tables().entry(c).and_then(|entry| entry.byte(self))
    }

    /// Looks a page up by any of its names (case-insensitive), e.g. `"cp1252"`.
    ///
    /// ```
    /// use mojifix::CodePage;
    /// assert_eq!(CodePage::from_label("CP437"), Some(CodePage::Ibm437));
    /// assert_eq!(CodePage::from_label("latin1"), Some(CodePage::Latin1));
    /// ```
    pub fn from_label(label: &str) -> Option<CodePage> {
        let label = label.trim().to_ascii_lowercase();
        let page = match label.as_str() {
            "windows-1252" | "cp1252" => CodePage::Windows1252,
            "iso-8859-1" | "latin1" | "latin-1" | "iso8859-1" => CodePage::Latin1,
            "windows-1250" | "cp1250" => CodePage::Windows1250,
            "iso-8859-2" | "latin2" | "iso8859-2" => CodePage::Iso8859_2,
            "windows-1251" | "cp1251" => CodePage::Windows1251,
            "koi8-r" | "koi8r" => CodePage::Koi8R,
            "koi8-u" | "koi8u" => CodePage::Koi8U,
            "windows-1253" | "cp1253" => CodePage::Windows1253,
            "windows-1254" | "cp1254" => CodePage::Windows1254,
            "windows-1257" | "cp1257" => CodePage::Windows1257,
            "iso-8859-15" | "latin9" | "iso8859-15" => CodePage::Iso8859_15,
            "macintosh" | "macroman" | "mac-roman" | "mac_roman" => CodePage::MacRoman,
            "ibm437" | "cp437" => CodePage::Ibm437,
            "ibm850" | "cp850" => CodePage::Ibm850,
            "ibm866" | "cp866" => CodePage::Ibm866,
            _ => return None,
        };
        Some(page)
    }
}

impl fmt::Display for CodePage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What every code page makes of one non-ASCII character.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Entry {
    /// The byte in each page (0 where the page cannot encode the character; 0 is never
    /// the encoding of a non-ASCII character).
    bytes: [u8; PAGE_COUNT],
    /// Pages in which the character is a UTF-8 continuation byte (0x80..=0xBF).
    pub(crate) cont: PageMask,
    /// Pages in which the character is the lead byte of a sequence of two, three and
    /// four bytes ([`utf8_sequence_len`]), in the 16-bit lanes 0, 1 and 2 of one word:
    /// the layout of the automaton that looks for such sequences in `redecode`, which
    /// takes them in one operation.
    pub(crate) leads: u64,
}

impl Entry {
    /// Pages in which the character opens a sequence of `len` bytes (2 to 4).
    #[cfg(test)]
    pub(crate) fn leads_of_len(&self, len: usize) -> PageMask {
        (self.leads >> (16 * (len - 2))) as PageMask
    }
}

/// How many bytes a UTF-8 sequence that `lead` opens has: 2, 3 or 4, or `None` for a
/// byte that opens none. 0xC0 counts, for Java's modified UTF-8 (C0 80 for U+0000);
/// 0xC1 and 0xF5..=0xFF open nothing, even overlong.
pub(crate) fn utf8_sequence_len(lead: u8) -> Option<usize> {
    match lead {
        0xC0 | 0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

impl Entry {
    /// The byte for `page`, if the page can encode the character.
    pub(crate) fn byte(&self, page: CodePage) -> Option<u8> {
        match self.bytes[page.index()] {
            0 => None,
            b => Some(b),
        }
    }
}

/// Decoding and encoding tables for all pages, built once.
pub(crate) struct CharTable {
    upper: [[Option<char>; 128]; PAGE_COUNT],
    /// Dense index for characters below `DENSE_LIMIT` into `entries`.
    dense: Vec<u16>,
    /// The few mapped characters at or above `DENSE_LIMIT`, sorted.
    sparse: Vec<(char, u16)>,
    entries: Vec<Entry>,
    /// Per block of 64 characters below `DENSE_LIMIT`, which of them some page encodes.
    encodable: Vec<u64>,
    /// The pages whose byte 0xA0 is a no-break space.
    nbsp_at_a0: PageMask,
}

/// Characters below this bound are looked up directly; every candidate page maps most
/// of its upper half below it (Latin, Greek, Cyrillic, punctuation, box drawing).
const DENSE_LIMIT: u32 = 0x2600;
const NO_ENTRY: u16 = u16::MAX;

impl CharTable {
    fn build() -> CharTable {
        let mut upper = [[None; 128]; PAGE_COUNT];
        for (row, spec) in upper.iter_mut().zip(CODE_PAGES.iter()) {
            *row = upper_half(&spec.source);
        }
        let mut table = CharTable {
            upper,
            dense: vec![NO_ENTRY; DENSE_LIMIT as usize],
            sparse: Vec::new(),
            entries: Vec::new(),
            encodable: vec![0; (DENSE_LIMIT / 64) as usize],
            nbsp_at_a0: 0,
        };
        for (page_index, row) in upper.iter().enumerate() {
            for (offset, slot) in row.iter().enumerate() {
                if let Some(c) = *slot {
                    table.add(c, page_index, 0x80 + offset as u8);
                }
            }
        }
        for (page_index, spec) in CODE_PAGES.iter().enumerate() {
            for &(c, byte) in spec.also_encodes {
                table.add(c, page_index, byte);
            }
        }
        table.sparse.sort_unstable();
        // From the rows themselves: `CodePage::has_nbsp_at_a0` asks these tables.
        table.nbsp_at_a0 = (0..PAGE_COUNT)
            .filter(|&i| upper[i][0x20] == Some('\u{a0}'))
            .fold(0, |mask, i| mask | 1 << i);
        table
    }

    fn add(&mut self, c: char, page_index: usize, byte: u8) {
        let index = match self.entry_index(c) {
            Some(i) => i,
            None => {
                let i = self.entries.len() as u16;
                self.entries.push(Entry::default());
                if (c as u32) < DENSE_LIMIT {
                    self.dense[c as usize] = i;
                    self.encodable[c as usize / 64] |= 1 << (c as u32 % 64);
                } else {
                    self.sparse.push((c, i));
                    self.sparse.sort_unstable();
                }
                usize::from(i)
            }
        };
        let entry = &mut self.entries[index];
        // A page that maps two bytes to one character (none of ours does) keeps the first.
        if entry.bytes[page_index] == 0 {
            entry.bytes[page_index] = byte;
            let bit = 1 << page_index;
            if (0x80..=0xBF).contains(&byte) {
                entry.cont |= bit;
            }
            if let Some(len) = utf8_sequence_len(byte) {
                entry.leads |= u64::from(bit) << (16 * (len - 2));
            }
        }
    }

    fn entry_index(&self, c: char) -> Option<usize> {
        let code = c as u32;
        let index = if code < DENSE_LIMIT {
            self.dense[code as usize]
        } else if self.sparse.first().is_none_or(|&(first, _)| c < first) {
            // Most characters above the dense range (CJK, Hangul, emoji) lie below the
            // first of the few mapped ones: one comparison instead of a search.
            NO_ENTRY
        } else {
            self.sparse
                .binary_search_by_key(&c, |&(k, _)| k)
                .map_or(NO_ENTRY, |pos| self.sparse[pos].1)
        };
        (index != NO_ENTRY).then_some(usize::from(index))
    }

    /// Which of the 64 characters from `block * 64` on some page encodes, a bit each.
    pub(crate) fn encodable_bits(&self, block: u32) -> u64 {
        if let Some(&bits) = self.encodable.get(block as usize) {
            return bits;
        }
        let first = self
            .sparse
            .partition_point(|&(c, _)| (c as u32) / 64 < block);
        self.sparse[first..]
            .iter()
            .take_while(|&&(c, _)| (c as u32) / 64 == block)
            .fold(0, |bits, &(c, _)| bits | 1 << (c as u32 % 64))
    }

    /// The pages whose byte 0xA0 is a no-break space, the one that can arrive as a
    /// plain space.
    pub(crate) fn nbsp_at_a0(&self) -> PageMask {
        self.nbsp_at_a0
    }

    /// What the pages make of `c`; `None` when no page can encode it (ASCII included:
    /// ASCII is the same in every page and never part of a multi-byte sequence).
    #[inline]
    pub(crate) fn entry(&self, c: char) -> Option<&Entry> {
        self.entry_index(c).map(|i| &self.entries[i])
    }
}

/// What a page makes of bytes 0x80..=0xFF ([`decode_with_source`] of each). An
/// encoding_rs page decodes the whole half in one call: one call per byte, each
/// allocating its string, took 0.65 million instructions, a seventh of a run on one
/// garbled line.
fn upper_half(source: &Source) -> [Option<char>; 128] {
    let mut row = [None; 128];
    let bytes: [u8; 128] = std::array::from_fn(|offset| 0x80 + offset as u8);
    if let Source::EncodingRs(encoding) = source {
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        // A single-byte page gives one character per byte, U+FFFD where it has none.
        if text.chars().count() == row.len() {
            for ((slot, c), byte) in row.iter_mut().zip(text.chars()).zip(bytes) {
                *slot = sloppy(byte, (c != '\u{FFFD}').then_some(c));
            }
            return row;
        }
    }
    for (slot, byte) in row.iter_mut().zip(bytes) {
        *slot = decode_with_source(source, byte);
    }
    row
}

fn decode_with_source(source: &Source, byte: u8) -> Option<char> {
    let decoded = match source {
        Source::Identity => Some(char::from(byte)),
        Source::Declared(rows) => {
            let offset = usize::from(byte - 0x80);
            rows[offset / 16].chars().nth(offset % 16)
        }
        Source::EncodingRs(encoding) => {
            let bytes = [byte];
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
            let c = text.chars().next();
            if had_errors {
                None
            } else {
                c
            }
        }
    };
    sloppy(byte, decoded)
}

/// Sloppy decoding: software that met an undefined byte in 0x80..=0x9F usually passed
/// it through as the C1 control of the same number.
fn sloppy(byte: u8, decoded: Option<char>) -> Option<char> {
    match decoded {
        Some(c) => Some(c),
        None if byte <= 0x9F => char::from_u32(u32::from(byte)),
        None => None,
    }
}

/// The shared tables, built on first use.
pub(crate) fn tables() -> &'static CharTable {
    static TABLES: OnceLock<CharTable> = OnceLock::new();
    TABLES.get_or_init(CharTable::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_decoded_half_at_once_is_the_page_decoded_byte_by_byte() {
        for spec in CODE_PAGES {
            let bytes = (0x80..=0xFFu8).map(|byte| decode_with_source(&spec.source, byte));
            assert!(
                upper_half(&spec.source).into_iter().eq(bytes),
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn enum_order_matches_the_table() {
        for (i, spec) in CODE_PAGES.iter().enumerate() {
            assert_eq!(spec.page as usize, i, "{}", spec.name);
        }
    }

    #[test]
    fn koi8_u_accepts_both_definitions_of_two_bytes() {
        assert_eq!(CodePage::Koi8U.encode_char('╬'), Some(0xBE));
        assert_eq!(CodePage::Koi8U.encode_char('Ў'), Some(0xBE));
        assert_eq!(CodePage::Koi8U.decode_byte(0xBE), Some('Ў'));
    }

    #[test]
    fn every_page_round_trips_its_upper_half() {
        for page in CodePage::ALL {
            for byte in 0x80..=0xFFu8 {
                if let Some(c) = page.decode_byte(byte) {
                    assert_eq!(page.encode_char(c), Some(byte), "{page} byte {byte:#x}");
                }
            }
        }
    }

    #[test]
    fn latin1_is_the_identity_not_windows_1252() {
        assert_eq!(CodePage::Latin1.decode_byte(0x80), Some('\u{80}'));
        assert_eq!(CodePage::Windows1252.decode_byte(0x80), Some('€'));
        assert_eq!(CodePage::Latin1.encode_char('€'), None);
    }

    #[test]
    fn undefined_windows_1252_bytes_are_c1_controls() {
        for byte in [0x81u8, 0x8D, 0x8F, 0x90, 0x9D] {
            let c = CodePage::Windows1252.decode_byte(byte).unwrap();
            assert_eq!(c as u32, u32::from(byte));
        }
    }

    #[test]
    fn undefined_bytes_above_the_c1_range_stay_undefined() {
        assert_eq!(CodePage::Windows1253.decode_byte(0xAA), None);
        assert_eq!(CodePage::Windows1257.decode_byte(0xA1), None);
    }

    #[test]
    fn declared_tables_have_128_characters() {
        for rows in [&IBM437_UPPER, &IBM850_UPPER] {
            assert!(rows.iter().all(|row| row.chars().count() == 16));
        }
        assert_eq!(CodePage::Ibm437.decode_byte(0xC4), Some('─'));
        assert_eq!(CodePage::Ibm850.decode_byte(0xB8), Some('©'));
    }

    #[test]
    fn encoding_is_strict() {
        assert_eq!(CodePage::Windows1252.encode_char('☃'), None);
        assert_eq!(CodePage::Koi8R.encode_char('é'), None);
        assert_eq!(CodePage::MacRoman.encode_char('√'), Some(0xC3));
    }

    #[test]
    fn masks_mark_lead_and_continuation_bytes() {
        let entry = tables().entry('Ã').unwrap();
        // 0xC3 opens a sequence of two bytes.
        assert_ne!(entry.leads_of_len(2) & CodePage::Windows1252.bit(), 0);
        assert_eq!(entry.leads_of_len(3) | entry.leads_of_len(4), 0);
        // 0xE2 opens one of three bytes, 0xF0 one of four.
        let entry = tables().entry('â').unwrap();
        assert_ne!(entry.leads_of_len(3) & CodePage::Windows1252.bit(), 0);
        let entry = tables().entry('ð').unwrap();
        assert_ne!(entry.leads_of_len(4) & CodePage::Windows1252.bit(), 0);
        let entry = tables().entry('©').unwrap();
        assert_ne!(entry.cont & CodePage::Windows1252.bit(), 0);
    }

    #[test]
    fn labels_resolve() {
        for page in CodePage::ALL {
            assert_eq!(CodePage::from_label(page.name()), Some(page));
        }
        assert_eq!(CodePage::from_label("utf-8"), None);
    }
}
