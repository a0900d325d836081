//! Where mojibake can be: the *units* (characters that one page turns into a
//! well-formed UTF-8 sequence of two to four bytes, or one that lost a byte) and
//! the *spans* of units that form one word, found for every candidate page at once.
//!
//! Nothing here judges: it finds what could be re-decoded; `super` decides what is.

use super::*;

/// A cheap test: could `chars` contain a unit for any page at all? Some page must
/// give one character a lead byte and each of the characters after it, as many as the
/// lead asks for, a continuation byte or a stand-in for a lost one (U+FFFD or `?` in
/// any page, a space where a page has its no-break space at 0xA0). Only whole
/// sequences count: Russian "ра" is E0 A0 in IBM866 but needs a third byte, and a
/// word ending in "é" before a space in KOI8-R (which has no no-break space at 0xA0)
/// is no unit. Takes any sequence of characters, so that the pipeline can ask before
/// collecting a line.
///
/// The test runs one small automaton for all pages at once: `need[k]` holds the pages
/// in which the characters read so far leave an open sequence that `k + 1` more
/// continuation bytes complete.
pub(crate) fn may_contain_mojibake(chars: impl IntoIterator<Item = char>) -> bool {
    let mut scan = MojibakeScan::new();
    chars.into_iter().any(|c| scan.completes_a_sequence(c))
}

/// The automaton of [`may_contain_mojibake`], fed one character at a time, so that the
/// pipeline's quick test of a line runs it in the same pass as the normalization
/// check.
pub(crate) struct MojibakeScan {
    table: &'static crate::codec::CharTable,
    /// Pages in which the characters read so far leave an open sequence that `k + 1`
    /// more continuation bytes complete, in 16-bit lane `k` (as [`OpenStart`]'s
    /// lanes, without its `done`).
    need: u64,
}

impl MojibakeScan {
    pub(crate) fn new() -> MojibakeScan {
        MojibakeScan {
            table: tables(),
            need: 0,
        }
    }

    /// Reads `c`; true when it completes a whole sequence in some page.
    #[inline(always)]
    pub(crate) fn completes_a_sequence(&mut self, c: char) -> bool {
        if c.is_ascii() && self.need == 0 {
            // ASCII opens no sequence; it only matters as a stand-in for a lost
            // continuation byte (`?`, a space) of one already open.
            return false;
        }
        let entry = self.table.entry(c);
        let cont = match c {
            '\u{FFFD}' | '?' => PageMask::MAX,
            ' ' => self.table.nbsp_at_a0(),
            _ => entry.map_or(0, |e| e.cont),
        };
        let need = self.need;
        let opens = entry.map_or(0, |e| e.leads);
        self.need = ((need >> 16) & in_three_lanes(cont)) | opens;
        need as PageMask & cont != 0
    }

    /// Whether no sequence is open: ASCII read now changes nothing, so a run of it
    /// can be skipped.
    #[inline(always)]
    pub(crate) fn is_idle(&self) -> bool {
        self.need == 0
    }

    /// Whether a space after the characters read so far could stand for the lost
    /// no-break space (byte 0xA0) of a sequence they open.
    pub(crate) fn would_take_a_lost_no_break_space(&self) -> bool {
        self.need & in_three_lanes(self.table.nbsp_at_a0()) != 0
    }
}

/// The spans of units that each page finds in `chars[lo..hi]`, with the bounds of the
/// word around each, in [`CodePage::ALL`] order. With `scripts_break`, a change
/// between scripts written without spaces ends a word (deeper layers repair the word
/// found in the first one as a whole).
pub(super) struct PageSpans {
    /// Every page's units, page after page.
    pub(super) units: Vec<Unit>,
    pub(super) spans: Vec<PageSpan>,
}

/// The vectors that finding the spans of a line fills, kept from one line to the next
/// by the thread (with the word breaks' vector): most suspect lines of clean text
/// end as soon as their spans are found, and allocating these afresh for each was
/// about a twentieth of their work (4.9% of the instructions of real-multi's lines
/// ruled out by their IBM866 leftovers).
#[derive(Default)]
pub(super) struct SpanBuffers {
    pub(super) known: Vec<Cell<u8>>,
    starts: Vec<(usize, PageMask)>,
    units: Vec<Unit>,
    spans: Vec<PageSpan>,
}

/// The most elements of room that [`SpanBuffers`] keeps in a vector (at most 160 KiB
/// for spans): more than a line of text needs, less than what a long window of
/// mojibake would hold on to for the rest of a run.
const KEPT_CAPACITY: usize = 4096;

/// `buffer` emptied, or a new vector when it grew past [`KEPT_CAPACITY`].
pub(super) fn kept<T>(mut buffer: Vec<T>) -> Vec<T> {
    if buffer.capacity() > KEPT_CAPACITY {
        return Vec::new();
    }
    buffer.clear();
    buffer
}

/// One span: its page, its word's bounds, and its units in [`PageSpans::units`].
pub(super) struct PageSpan {
    pub(super) page: CodePage,
    pub(super) bounds: (usize, usize),
    pub(super) units: std::ops::Range<usize>,
    /// Its [`leftover_penalty`], which every pass over the line asks for again.
    leftover: f32,
}

/// A span as [`PageSpans::iter`] hands it out.
#[derive(Clone, Copy)]
pub(super) struct SpanView<'s> {
    pub(super) page: CodePage,
    pub(super) bounds: (usize, usize),
    pub(super) units: &'s [Unit],
    /// [`leftover_penalty`] of the span in its word: infinite when the word is left
    /// whole whatever the line says.
    pub(super) leftover: f32,
}

impl PageSpans {
    pub(super) fn of(
        chars: &[char],
        lo: usize,
        hi: usize,
        merged_spaces: bool,
        scripts_break: bool,
    ) -> PageSpans {
        PageSpans::within(&WordBreaks::of(chars, lo, hi, scripts_break), merged_spaces)
    }

    /// [`PageSpans::of`] the text that `breaks` knows the word breaks of.
    pub(super) fn within(breaks: &WordBreaks<'_>, merged_spaces: bool) -> PageSpans {
        PageSpans::within_reusing(breaks, merged_spaces, &mut SpanBuffers::default())
    }

    /// [`PageSpans::within`], filling the vectors that `buffers` holds instead of
    /// allocating new ones (see [`SpanBuffers`]).
    pub(super) fn within_reusing(
        breaks: &WordBreaks<'_>,
        merged_spaces: bool,
        buffers: &mut SpanBuffers,
    ) -> PageSpans {
        let (chars, lo, hi) = (breaks.chars, breaks.lo, breaks.hi);
        let starts = UnitStarts::of_into(chars, lo, hi, std::mem::take(&mut buffers.starts));
        let mut units = std::mem::take(&mut buffers.units);
        let mut spans = std::mem::take(&mut buffers.spans);
        if starts.any == 0 {
            buffers.starts = kept(starts.starts);
            return PageSpans { units, spans };
        }
        // Sized once: every start gives at most one unit per page it may start in.
        let most_units = starts
            .starts
            .iter()
            .map(|(_, pages)| pages.count_ones() as usize)
            .sum();
        units.reserve(most_units);
        spans.reserve(most_units);
        for page in starts.pages() {
            let first = units.len();
            find_units(chars, hi, page, merged_spaces, &starts, &mut units);
            let found = group_into_spans(breaks, &units[first..])
                .map(|range| first + range.start..first + range.end);
            for range in found {
                let opening = &units[range.start];
                let glued = range.len() > 1
                    && glues_words(chars, opening)
                    && (classify(opening.decoded).rarity >= RARE_GLUE
                        || ends_a_word_of_another_script(chars, opening));
                push_span(chars, breaks, page, &units, range.clone(), &mut spans);
                if glued {
                    // A span that opens with a unit whose no-break space was lost glues
                    // the word before the space, otherwise clean, to the next one: the
                    // rest of the span is judged on its own too, the space taken as the
                    // real space it looks like ("Η Ξ²ΞΉΞ²..." is the Greek article
                    // before a garbled word, not "Ǡβιβ...").
                    push_span(
                        chars,
                        breaks,
                        page,
                        &units,
                        range.start + 1..range.end,
                        &mut spans,
                    );
                }
            }
        }
        buffers.starts = kept(starts.starts);
        PageSpans { units, spans }
    }

    /// Gives the vectors back to `buffers`, emptied, for the next line ([`kept`]).
    pub(super) fn recycle(self, buffers: &mut SpanBuffers) {
        buffers.units = kept(self.units);
        buffers.spans = kept(self.spans);
    }

    /// Each span with its page, word bounds and leftovers.
    pub(super) fn iter(&self) -> impl Iterator<Item = SpanView<'_>> + '_ {
        self.spans.iter().map(|span| SpanView {
            page: span.page,
            bounds: span.bounds,
            units: &self.units[span.units.clone()],
            leftover: span.leftover,
        })
    }
}

/// How rare the character a span's opening unit decodes to (with a lost no-break
/// space) must be for the rest of the span to be judged without it as well: a common
/// letter ("Š" of "Ε umavě", "נ", "Р") is the garbled first letter of the next word,
/// as the lost space says; a rare one ("Ǡ" of the Greek article "Η" before a garbled
/// word) says the space was real. Calibrated on the synthetic `nbsp` cases, which
/// lose repairs when common letters are doubted too.
const RARE_GLUE: f32 = 1.0;

/// Whether `unit` closes a word whose letter before it is of a script that the letter
/// it decodes to does not mix with: words keep to one script, so the no-break space
/// it would have lost was a real space ("відзначає СЃС‚РѕСЂС–С‡С‡СЏ", where windows-1251
/// reads "ає " as a Lao letter that would end "відзнач"; synthetic
/// windows-1251-mixed-0070).
fn ends_a_word_of_another_script(chars: &[char], unit: &Unit) -> bool {
    let Some(&before) = unit.start.checked_sub(1).and_then(|i| chars.get(i)) else {
        return false;
    };
    let (before, decoded) = (classify(before), classify(unit.decoded));
    before.is_letter()
        && decoded.is_letter()
        && !crate::charclass::scripts_mix_well(before.script, decoded.script)
}

/// Adds the span of `units[range]` to `spans`, with the bounds of its word.
fn push_span(
    chars: &[char],
    breaks: &WordBreaks<'_>,
    page: CodePage,
    units: &[Unit],
    range: std::ops::Range<usize>,
    spans: &mut Vec<PageSpan>,
) {
    let (start, end) = (units[range.start].start, units[range.end - 1].end);
    let bounds = breaks.word_bounds(start, end);
    spans.push(PageSpan {
        page,
        bounds,
        leftover: leftover_penalty(chars, bounds, page, &units[range.clone()]),
        units: range,
    });
}

/// Whether `unit` takes a space for a lost no-break space and so joins the word
/// before the space to the word after it into one span.
fn glues_words(chars: &[char], unit: &Unit) -> bool {
    unit.loss == Loss::Space && chars[unit.end - 1] == ' '
}

/// Which characters of a text searched end words ([`is_word_break`]), each looked up
/// once, when first asked: the bounds of every unit's word are found by walking to the
/// breaks around it, and a long line garbled without spaces has many units (asking
/// [`is_word_break`] at every step took a tenth of the time of the mojibake bench
/// corpus). Looking every character up front cost suspect clean lines, which have
/// few units, more than it saved them.
pub(super) struct WordBreaks<'t> {
    chars: &'t [char],
    lo: usize,
    hi: usize,
    scripts_break: bool,
    /// Per character of `chars[lo..hi]`: [`UNKNOWN`], or whether it ends a word.
    known: Vec<Cell<u8>>,
}

const UNKNOWN: u8 = 2;

impl<'t> WordBreaks<'t> {
    /// The breaks of `chars[lo..hi]`; with `scripts_break`, a character of a script
    /// written without spaces ends a word too.
    pub(super) fn of(chars: &'t [char], lo: usize, hi: usize, scripts_break: bool) -> Self {
        WordBreaks::reusing(chars, lo, hi, scripts_break, Vec::new())
    }

    /// [`WordBreaks::of`], filling `known` (emptied first) instead of a new vector.
    pub(super) fn reusing(
        chars: &'t [char],
        lo: usize,
        hi: usize,
        scripts_break: bool,
        mut known: Vec<Cell<u8>>,
    ) -> Self {
        known.clear();
        known.resize(hi - lo, Cell::new(UNKNOWN));
        WordBreaks {
            chars,
            lo,
            hi,
            scripts_break,
            known,
        }
    }

    /// The vector of what is known, for [`WordBreaks::reusing`] on the next text.
    pub(super) fn into_buffer(self) -> Vec<Cell<u8>> {
        self.known
    }

    #[inline(always)]
    fn at(&self, i: usize) -> bool {
        let slot = &self.known[i - self.lo];
        match slot.get() {
            UNKNOWN => self.look_up(i),
            known => known == 1,
        }
    }

    #[inline(never)]
    fn look_up(&self, i: usize) -> bool {
        let is_break = is_word_break(self.chars[i], self.scripts_break);
        self.known[i - self.lo].set(u8::from(is_break));
        is_break
    }

    /// Extends `start..end` to the word breaks around it, at most [`MAX_CONTEXT`]
    /// characters each way and never outside the text searched.
    pub(super) fn word_bounds(&self, start: usize, end: usize) -> (usize, usize) {
        let (chars, lo, hi) = (self.chars, self.lo, self.hi);
        let mut s = start;
        while s > lo && start - s < MAX_CONTEXT && !self.at(s - 1) {
            s -= 1;
        }
        if s > lo && s < chars.len() && classify(chars[s]).kind == Kind::Mark {
            // A word of a script written without spaces that starts with a mark keeps the
            // letter the mark sits on ("แก่" before "ŕ¸\u{99}").
            s -= 1;
        }
        let mut e = end;
        while e < hi && e - end < MAX_CONTEXT && !self.at(e) {
            e += 1;
        }
        (s, e)
    }

    /// Whether a word ends between `start` and `end`.
    fn any_between(&self, start: usize, end: usize) -> bool {
        (start..end).any(|i| self.at(i))
    }
}

/// Where a word ends: whitespace, or a character of a script written without spaces
/// (Chinese, Japanese, Thai; Korean too, whose words are long). No candidate page
/// encodes those, so they are never part of mojibake, and a line in them mixing two
/// garbled runs ("住ÂÆÖÂú∞に新ÒüùÒüä") has each run judged, and repaired, on its
/// own instead of the whole line as one word.
pub(super) fn is_word_break(c: char, scripts_break: bool) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace();
    }
    let class = classify(c);
    class.ends_words || scripts_break && class.unspaced
}

/// Groups units that are not separated by whitespace: the ranges of `units` that
/// form spans, in order.
pub(super) fn group_into_spans<'a>(
    breaks: &'a WordBreaks<'_>,
    units: &'a [Unit],
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut first = 0;
    (1..=units.len()).filter_map(move |i| {
        let split = i == units.len() || breaks.any_between(units[i - 1].end, units[i].start);
        split.then(|| {
            let span = first..i;
            first = i;
            span
        })
    })
}

/// A character as a byte of `page`, or as a wildcard standing for a lost byte.
#[derive(Clone, Copy)]
pub(super) enum Byte {
    Exact(u8),
    Lost(Loss),
}

pub(super) fn byte_of(c: char, page: CodePage, nbsp_at_a0: bool) -> Option<Byte> {
    match c {
        '\u{FFFD}' => Some(Byte::Lost(Loss::Replacement)),
        '?' => Some(Byte::Lost(Loss::QuestionMark)),
        ' ' if nbsp_at_a0 => Some(Byte::Lost(Loss::Space)),
        _ => page.encode_char(c).map(Byte::Exact),
    }
}

/// Where a unit may start in `chars[lo..hi]`, and through which pages: a character
/// that a page gives a lead byte, followed within `lo..hi` by as many characters as
/// the lead asks for that the same page gives continuation bytes or that may stand for
/// a lost byte (the test of [`MojibakeScan`], kept per start). Looked up once per line
/// instead of once per page; only these positions are decoded, and a page with none
/// is not scanned. Only whole sequences count: Cyrillic letters are three-byte leads
/// in several pages, and decoding every such start of a clean line that looked
/// suspect only to find a byte missing cost more than this test (finding the spans of
/// 5 MB of clean multilingual text took 14% fewer instructions with it).
pub(super) struct UnitStarts {
    /// Positions with the pages a unit may start there in, in line order.
    pub(super) starts: Vec<(usize, PageMask)>,
    pub(super) any: PageMask,
}

/// The sequences opened at one position while the characters after it are read: the
/// pages in which one is complete, and those in which one still needs `k + 1` more
/// continuation bytes, packed as four 16-bit lanes of one word (`done`, then `k` =
/// 0, 1, 2) so that reading a character is four operations on it instead of a mask
/// at a time (a Cyrillic letter opens sequences in several pages, and every
/// character of a suspect Cyrillic line is read three times over).
#[derive(Clone, Copy, Default)]
struct OpenStart(u64);

/// A page mask copied into the three lower lanes of an [`OpenStart`].
fn in_three_lanes(mask: PageMask) -> u64 {
    u64::from(mask) * 0x0000_0001_0001_0001
}

impl OpenStart {
    /// A position whose character opens sequences that need 1, 2 or 3 more bytes in
    /// the pages of lanes 0, 1 and 2 of `leads` ([`crate::codec::Entry::leads`]).
    fn opened(leads: u64) -> OpenStart {
        OpenStart(leads << 16)
    }

    /// The pages in which a sequence from here is complete.
    fn done(self) -> PageMask {
        self.0 as PageMask
    }

    /// Reads a character that is a continuation byte (or a stand-in for a lost one)
    /// in the pages of `cont`, spread by [`in_three_lanes`]: each open sequence that
    /// it continues needs one byte fewer, and those that needed one are done.
    #[inline(always)]
    fn read(&mut self, cont: u64) {
        self.0 = (self.0 & 0xFFFF) | ((self.0 >> 16) & cont);
    }
}

impl UnitStarts {
    #[cfg(test)]
    pub(super) fn of(chars: &[char], lo: usize, hi: usize) -> UnitStarts {
        // Room for the starts of most suspect lines: growing from empty took three
        // reallocations on a Russian line with IBM866 starts in a few words.
        UnitStarts::of_into(chars, lo, hi, Vec::with_capacity(16))
    }

    /// The positions where a unit may start in `chars[lo..hi]`, with the pages it may
    /// start in, filling `starts` (emptied first) instead of a new vector.
    pub(super) fn of_into(
        chars: &[char],
        lo: usize,
        hi: usize,
        mut starts: Vec<(usize, PageMask)>,
    ) -> UnitStarts {
        let table = tables();
        let nbsp_pages = table.nbsp_at_a0();
        starts.clear();
        let mut any = 0;
        // A sequence is at most four characters long, so the starts still open are the
        // last three characters read; the one three back is final after this one.
        let (mut back1, mut back2, mut back3) = (
            OpenStart::default(),
            OpenStart::default(),
            OpenStart::default(),
        );
        let mut record = |pos: usize, start: OpenStart| {
            let done = start.done();
            if done != 0 {
                starts.push((pos, done));
                any |= done;
            }
        };
        for (j, &c) in chars[lo..hi].iter().enumerate() {
            let (cont, leads) = if c.is_ascii() {
                // ASCII leads no sequence; it only stands for a lost byte.
                let cont = match c {
                    '?' => PageMask::MAX,
                    ' ' => nbsp_pages,
                    _ => 0,
                };
                (cont, 0)
            } else {
                let (cont, leads) = table.entry(c).map_or((0, 0), |e| (e.cont, e.leads));
                let cont = if c == '\u{FFFD}' { PageMask::MAX } else { cont };
                (cont, leads)
            };
            let cont = in_three_lanes(cont);
            back1.read(cont);
            back2.read(cont);
            back3.read(cont);
            // A slot before `lo` was never opened and records nothing.
            record((lo + j).wrapping_sub(3), back3);
            (back3, back2, back1) = (back2, back1, OpenStart::opened(leads));
        }
        record(hi.wrapping_sub(3), back3);
        record(hi.wrapping_sub(2), back2);
        UnitStarts { starts, any }
    }

    /// The pages in which some unit may start, in [`CodePage::ALL`] order.
    pub(super) fn pages(&self) -> impl Iterator<Item = CodePage> + '_ {
        CodePage::ALL
            .into_iter()
            .filter(|page| self.any & page.bit() != 0)
    }
}

/// Appends to `units` every unit of `page` that starts in `chars[lo..hi]`, left to
/// right; `starts` covers at least `lo..hi`.
pub(super) fn find_units(
    chars: &[char],
    hi: usize,
    page: CodePage,
    merged_spaces: bool,
    starts: &UnitStarts,
    units: &mut Vec<Unit>,
) {
    let bit = page.bit();
    let nbsp_at_a0 = page.has_nbsp_at_a0();
    let mut free_from = 0;
    for &(i, mask) in &starts.starts {
        if mask & bit == 0 || i < free_from {
            continue;
        }
        if let Some(unit) = decode_unit(chars, i, hi, page, nbsp_at_a0, merged_spaces) {
            units.push(unit);
            free_from = unit.end;
        }
    }
}

/// Decodes the UTF-8 sequence whose lead byte is `chars[i]` in `page`.
pub(super) fn decode_unit(
    chars: &[char],
    i: usize,
    hi: usize,
    page: CodePage,
    nbsp: bool,
    merged_spaces: bool,
) -> Option<Unit> {
    let lead = page.encode_char(chars[i])?;
    let (len, first_range) = sequence_shape(lead)?;
    if i + len > hi {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut loss = Loss::None;
    let mut exact = 0u8;
    for k in 1..len {
        let range = if k == 1 {
            first_range.clone()
        } else {
            0x80..=0xBF
        };
        match byte_of(chars[i + k], page, nbsp)? {
            Byte::Exact(b) if range.contains(&b) => {
                bytes[k] = b;
                exact += 1;
            }
            Byte::Exact(_) => return None,
            Byte::Lost(Loss::Space) if range.contains(&0xA0) => {
                if loss == Loss::Space {
                    // Two no-break spaces inside one character (U+2820 "⠠" is E2 A0
                    // A0) are rare; a one-letter word before a run of spaces, as in
                    // text aligned in columns ("в      | in"), is not.
                    return None;
                }
                bytes[k] = 0xA0;
                exact += 1;
                loss = worse(loss, Loss::Space);
            }
            Byte::Lost(Loss::Space) => return None,
            Byte::Lost(l) => {
                // A lost byte must follow at least the lead; two lost question marks in
                // one sequence is ordinary punctuation, not loss.
                if l == Loss::QuestionMark && loss == Loss::QuestionMark {
                    return None;
                }
                bytes[k] = 0x80;
                loss = worse(loss, l);
            }
        }
    }
    if len > 2 && exact == 0 {
        // A lead byte followed only by lost bytes says too little.
        return None;
    }
    if lead == 0xED && (0xA0..=0xAF).contains(&bytes[1]) {
        return decode_cesu_pair(chars, i, hi, page, bytes);
    }
    let decoded = match loss {
        Loss::Replacement | Loss::QuestionMark => '\u{FFFD}',
        // C0 80 is an overlong NUL, which UTF-8 refuses.
        _ if lead == 0xC0 => return None,
        _ => char_of_sequence(&bytes[..len])?,
    };
    let decoded = if lead == 0xC0 { '\0' } else { decoded };
    if loss == Loss::Space && !space_can_be_lost(chars, i + len, page, decoded) {
        return None;
    }
    let mut end = i + len;
    if loss == Loss::Space
        && merged_spaces
        && chars[end - 1] == ' '
        && keeps_the_space(chars, end, hi, page, decoded)
    {
        // The no-break space and a real space after it were merged into one: the
        // space stays, the unit ends before it.
        end -= 1;
    }
    Some(Unit {
        start: i,
        end,
        decoded,
        loss,
        exact,
    })
}

/// Whether a space may have stood for a no-break space, judging by what follows it
/// (at `pos`): a decoded no-break space may come before anything but the line end;
/// anything else must be followed by the rest of its word (a letter, a digit, more of
/// the page's high bytes) or by the real space it merged with. Before punctuation the
/// space was a real one ("SENSЕ - Oleg"), except after "à" ("VoilÃ , the"); before an
/// English word that never follows "à" it was a real one too.
pub(super) fn space_can_be_lost(chars: &[char], pos: usize, page: CodePage, decoded: char) -> bool {
    let Some(&next) = chars.get(pos) else {
        return false;
    };
    if decoded == 'à' && starts_a_word_never_after_a_grave(chars, pos) {
        return false;
    }
    decoded == '\u{a0}'
        || next == ' '
        || is_alphanumeric(next)
        || page.encode_char(next).is_some_and(|b| b >= 0x80)
        || (decoded == 'à' && !next.is_whitespace())
}

/// Whether the word at `pos` is one of [`NEVER_AFTER_A_GRAVE`] (in any case).
fn starts_a_word_never_after_a_grave(chars: &[char], pos: usize) -> bool {
    let len = chars[pos..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let ends_word = chars.get(pos + len).is_none_or(|&c| !is_alphanumeric(c));
    let word: String = chars[pos..pos + len]
        .iter()
        .map(char::to_ascii_lowercase)
        .collect();
    len > 0 && ends_word && NEVER_AFTER_A_GRAVE.contains(&word.as_str())
}

/// Whether a space that stood for byte 0xA0 also was the real space between words.
/// Only "à" is a word on its own among the characters that end in byte 0xA0, so only
/// after it can the no-break space and a real space have merged into one; even then
/// not when another space follows, nor before the tail of a Portuguese contraction
/// ("Ã s" is "às").
pub(super) fn keeps_the_space(
    chars: &[char],
    after: usize,
    hi: usize,
    page: CodePage,
    decoded: char,
) -> bool {
    let Some(&next) = chars.get(after) else {
        return false;
    };
    if decoded != 'à'
        || !crate::charclass::is_alphabetic(next)
        || page.encode_char(next).is_some_and(|b| b >= 0x80)
    {
        return false;
    }
    let tail_end = chars[after..hi]
        .iter()
        .position(|&c| !crate::charclass::is_alphabetic(c))
        .map_or(hi, |p| after + p);
    let tail: String = chars[after..tail_end].iter().collect();
    let ends_word = tail_end == hi || chars[tail_end] == ' ';
    !(ends_word && A_GRAVE_CONTRACTION_TAILS.contains(&tail.as_str()))
}

pub(super) fn worse(a: Loss, b: Loss) -> Loss {
    if b.penalty() > a.penalty() {
        b
    } else {
        a
    }
}

/// Length of the UTF-8 sequence a lead byte starts, and the allowed range of its first
/// continuation byte. C0 is accepted only as Java's two-byte NUL (C0 80); ED is allowed
/// up to 0xAF so that CESU-8 high surrogates reach `decode_cesu_pair`.
pub(super) fn sequence_shape(lead: u8) -> Option<(usize, std::ops::RangeInclusive<u8>)> {
    Some(match lead {
        0xC0 => (2, 0x80..=0x80),
        0xC2..=0xDF => (2, 0x80..=0xBF),
        0xE0 => (3, 0xA0..=0xBF),
        0xE1..=0xEC | 0xEE | 0xEF => (3, 0x80..=0xBF),
        0xED => (3, 0x80..=0xAF),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return None,
    })
}

/// The character of a UTF-8 sequence whose bytes [`sequence_shape`] vouched for (a
/// lead of two to four bytes, a second byte in its range, continuation bytes after
/// it): put together from its bits, without validating it again.
fn char_of_sequence(bytes: &[u8]) -> Option<char> {
    let (&lead, rest) = bytes.split_first()?;
    let lead_bits = match bytes.len() {
        2 => lead & 0x1F,
        3 => lead & 0x0F,
        _ => lead & 0x07,
    };
    let code = rest.iter().fold(u32::from(lead_bits), |code, &b| {
        code << 6 | u32::from(b & 0x3F)
    });
    char::from_u32(code)
}

/// A CESU-8 pair: a high surrogate (ED A0..AF xx) followed by a low one
/// (ED B0..BF xx), six characters standing for one supplementary character.
pub(super) fn decode_cesu_pair(
    chars: &[char],
    i: usize,
    hi: usize,
    page: CodePage,
    high: [u8; 4],
) -> Option<Unit> {
    if i + 6 > hi {
        return None;
    }
    let mut low = [0u8; 3];
    for (k, slot) in low.iter_mut().enumerate() {
        *slot = page.encode_char(chars[i + 3 + k])?;
    }
    if low[0] != 0xED || !(0xB0..=0xBF).contains(&low[1]) || !(0x80..=0xBF).contains(&low[2]) {
        return None;
    }
    if !(0x80..=0xBF).contains(&high[2]) {
        return None;
    }
    let surrogate = |b: [u8; 3]| {
        (u32::from(b[0] & 0x0F) << 12) | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F)
    };
    let hi_unit = surrogate([high[0], high[1], high[2]]);
    let lo_unit = surrogate(low);
    let code = 0x10000 + ((hi_unit - 0xD800) << 10) + (lo_unit - 0xDC00);
    Some(Unit {
        start: i,
        end: i + 6,
        decoded: char::from_u32(code)?,
        loss: Loss::None,
        exact: 5,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_is_put_together_as_utf_8_decodes_it() {
        for c in ('\u{80}'..=char::MAX)
            .step_by(7)
            .chain(['\u{7FF}', '\u{800}', '\u{FFFF}'])
        {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let (len, second) = sequence_shape(bytes[0]).expect("a lead");
            assert_eq!(len, bytes.len(), "{c:?}");
            assert!(second.contains(&bytes[1]), "{c:?}");
            assert_eq!(char_of_sequence(bytes), Some(c), "{c:?}");
        }
    }

    /// Word bounds found by asking [`is_word_break`] at every step, as before
    /// [`WordBreaks`].
    fn walked_bounds(chars: &[char], lo: usize, hi: usize, unit: (usize, usize)) -> (usize, usize) {
        let (start, end) = unit;
        let mut s = start;
        while s > lo && start - s < MAX_CONTEXT && !is_word_break(chars[s - 1], true) {
            s -= 1;
        }
        if s > lo && s < chars.len() && classify(chars[s]).kind == Kind::Mark {
            s -= 1;
        }
        let mut e = end;
        while e < hi && e - end < MAX_CONTEXT && !is_word_break(chars[e], true) {
            e += 1;
        }
        (s, e)
    }

    #[test]
    fn word_bounds_stop_at_breaks_at_most_max_context_away() {
        let long = format!("x {} y", "Ã©".repeat(MAX_CONTEXT));
        for text in [
            "Le cafÃ© est trÃ¨s bon.",
            "住ÂÆÖÂú∞に新ÒüùÒüä",
            "แก่ŕ¸\u{99}ŕ¸",
            long.as_str(),
        ] {
            let chars: Vec<char> = text.chars().collect();
            let (lo, hi) = (1, chars.len() - 1);
            let breaks = WordBreaks::of(&chars, lo, hi, true);
            // Every place a unit could be, asked in an order that fills the memo
            // from both ends.
            for start in (lo..hi).rev().chain(lo..hi) {
                for end in start + 1..(start + 3).min(hi) {
                    assert_eq!(
                        breaks.word_bounds(start, end),
                        walked_bounds(&chars, lo, hi, (start, end)),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    /// Every unit that [`decode_unit`] finds, asked at every place through every page,
    /// starts where [`UnitStarts`] says one may start in its page: the starts are a
    /// filter, and a filter that dropped a unit would change repairs.
    #[test]
    fn unit_starts_keep_every_place_a_unit_decodes() {
        let garbled = |text: &str, page: CodePage| -> String {
            text.bytes()
                .map(|b| page.decode_byte(b).unwrap_or('?'))
                .collect()
        };
        let mut texts = vec![
            "Музеј отвара изложбу о историји пловидбе Дунавом.".to_string(),
            "Η γιαγιά μου πλέκει πουλόβερ για όλα τα εγγόνια της.".to_string(),
            "Синоптики обещают солнечную погоду, Ã la carte â€? \u{FFFD}".to_string(),
            "VoilÃ  ?? é? Ã\u{FFFD}\u{FFFD} ä€ ra".to_string(),
        ];
        for page in CodePage::ALL {
            texts.push(garbled("Céline « привет » 因为 ❤ 𝄞 Straße", page));
            texts.push(garbled("à la", page).replace('\u{a0}', " "));
        }
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            for (lo, hi) in [(0, chars.len()), (1, chars.len() - 2)] {
                let starts = UnitStarts::of(&chars, lo, hi);
                for page in CodePage::ALL {
                    for i in lo..hi {
                        for merged in [false, true] {
                            let nbsp = page.has_nbsp_at_a0();
                            if decode_unit(&chars, i, hi, page, nbsp, merged).is_none() {
                                continue;
                            }
                            assert!(
                                starts
                                    .starts
                                    .iter()
                                    .any(|&(at, pages)| at == i && pages & page.bit() != 0),
                                "{text:?}: a unit at {i} in {} ({lo}..{hi})",
                                page.name()
                            );
                        }
                    }
                }
            }
        }
    }

    /// [`is_word_break`] reads two flags that [`classify`] keeps per character; they
    /// must say what the properties they are made of say, for every character.
    #[test]
    fn word_break_flags_agree_with_the_properties() {
        use unicode_script::Script;
        let from_properties = |c: char, scripts_break: bool| {
            if c.is_ascii() {
                return c.is_ascii_whitespace();
            }
            let class = classify(c);
            let space = c != '\u{a0}' && class.kind == Kind::Space;
            let unspaced = class.kind != Kind::Mark
                && matches!(
                    class.script,
                    Script::Han
                        | Script::Hiragana
                        | Script::Katakana
                        | Script::Hangul
                        | Script::Thai
                )
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c);
            space || scripts_break && unspaced
        };
        let sample = (0..0x3400).chain(0xAC00..0xAC40).chain(0xFF00..0x10000);
        for c in sample.filter_map(char::from_u32) {
            for scripts_break in [false, true] {
                assert_eq!(
                    is_word_break(c, scripts_break),
                    from_properties(c, scripts_break),
                    "{c:?} {scripts_break}"
                );
            }
        }
        assert!(is_word_break('\u{3000}', false), "the ideographic space");
        assert!(!is_word_break('\u{a0}', true));
        assert!(is_word_break('因', true) && !is_word_break('因', false));
        // A Thai mark does not end a word; the letter before it does.
        assert!(!is_word_break('\u{E48}', true) && is_word_break('ก', true));
    }
}
