//! What a whole line says about how to judge one of its words: the scripts and
//! languages of the rest of it, whether a word continues a sentence, and which
//! pages explain the line's clear repairs. Built once per pass of a line.

use super::*;

/// What the whole line says about how to judge one of its words.
pub(super) struct LineContext<'l> {
    /// Letters per script in the line (after provisional repair, in the second pass).
    pub(super) letters: ScriptCounts,
    /// Whether "Ã " may stand for "à" followed by a space that merged with the lost
    /// no-break space. Not in Vietnamese, where "à" sits inside syllables ("ngày").
    pub(super) merged_spaces: bool,
    /// Pages that explain the line's clear repairs (second pass only); other pages pay
    /// [`PAGE_SWITCH`].
    pub(super) dominant: PageMask,
    /// Pages of the deeper layers of the line's clear repairs (second pass only): a
    /// deeper layer through one of them pays no prior.
    pub(super) layer_pages: PageMask,
    /// The line's accented letters, to tell which languages it may be in.
    pub(super) accents: AccentIndex,
    /// Where the letters counted in `letters` came from, so that a word's own letters
    /// can be taken out of the count.
    pub(super) letter_origins: LetterIndex,
    /// Whether a word starting at a position of the original line stands in the
    /// middle of a sentence.
    pub(super) mid_sentence: MidSentence<'l>,
    /// What each word range of the original line knows of the rest of it, computed
    /// once: every page, candidate and layer of a word asks the same.
    pub(super) words: RefCell<FxHashMap<(usize, usize), WordContext>>,
}

impl LineContext<'_> {
    /// The context of the word at `origin` (a range of the original line).
    pub(super) fn word_context(&self, origin: (usize, usize)) -> WordContext {
        *self.words.borrow_mut().entry(origin).or_insert_with(|| {
            let (start, end) = origin;
            WordContext {
                outside: self
                    .letters
                    .scripts_besides(&self.letter_origins.within(start, end)),
                alphabet: self.accents.outside(start, end),
                mid_sentence: self.mid_sentence.at(start),
            }
        })
    }
}

/// Where in a line words continue a sentence: a word does when the last character
/// before it that is not whitespace is a lowercase letter or a comma.
pub(super) enum MidSentence<'l> {
    /// The original line itself, looked at before a word when the word is first
    /// judged: the first pass over a line that is not repaired (nearly every suspect
    /// line) judges a few of its words, and a table of every position cost 7% of the
    /// time of clean Cyrillic text.
    Line(&'l [char]),
    /// A table for each position of the original line ([`mid_sentence_positions`]),
    /// for a provisional repair, whose characters come from other positions.
    Positions(Vec<bool>),
}

impl MidSentence<'_> {
    /// Whether a word starting at `start` (a position of the original line)
    /// continues a sentence.
    pub(super) fn at(&self, start: usize) -> bool {
        match self {
            MidSentence::Line(chars) => {
                start < chars.len()
                    && chars[..start]
                        .iter()
                        .rev()
                        .find(|c| !c.is_whitespace())
                        .is_some_and(|&p| continues_a_sentence(p))
            }
            MidSentence::Positions(positions) => positions.get(start).copied().unwrap_or(false),
        }
    }
}

/// Whether a word after `last`, the last character before it that is not
/// whitespace, continues a sentence.
fn continues_a_sentence(last: char) -> bool {
    crate::charclass::is_lowercase(last) || last == ','
}

/// For each position of the original line (`len` characters), whether the last
/// character before it in `chars` that is not whitespace is a lowercase letter or a
/// comma: a word starting there continues a sentence. `origin(i)` is the
/// original-line position of `chars[i]` (the provisional repair replaces garbled
/// words, whose last letters say nothing).
pub(super) fn mid_sentence_positions(
    chars: &[char],
    origin: impl Fn(usize) -> usize,
    len: usize,
) -> Vec<bool> {
    let mut out = vec![false; len + 1];
    let mut last = None;
    let mut previous = None;
    for (i, &c) in chars.iter().enumerate() {
        let position = origin(i);
        if previous != Some(position) {
            out[position] = last.is_some_and(continues_a_sentence);
            previous = Some(position);
        }
        if !c.is_whitespace() {
            last = Some(c);
        }
    }
    out
}

/// The letters of the text that [`LineContext::letters`] counts, with their positions in
/// the original line, so that the letters outside a word are found without counting
/// the whole line again.
pub(super) struct LetterIndex {
    pub(super) positions: Vec<usize>,
    pub(super) letters: Vec<char>,
}

impl LetterIndex {
    /// Indexes `chars`, where `origin[i]` is the original-line position of `chars[i]`,
    /// and counts its letters per script (what [`LineContext::letters`] holds, and
    /// [`ScriptCounts::of`] would count): each character is classified once.
    pub(super) fn with_counts(
        chars: &[char],
        origin: impl Fn(usize) -> usize,
    ) -> (LetterIndex, ScriptCounts) {
        let mut positions = Vec::with_capacity(chars.len());
        let mut letters = Vec::with_capacity(chars.len());
        let mut counts = ScriptCounts::default();
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii() || c.is_ascii_alphabetic() {
                let class = classify(c);
                if class.is_letter() {
                    positions.push(origin(i));
                    letters.push(c);
                    counts.add(class.script, 1);
                }
            }
        }
        (LetterIndex { positions, letters }, counts)
    }

    /// The letters counted for `start..end` of the original line, per script.
    pub(super) fn within(&self, start: usize, end: usize) -> ScriptCounts {
        let first = self.positions.partition_point(|&p| p < start);
        let last = self.positions.partition_point(|&p| p < end);
        ScriptCounts::of(&self.letters[first..last])
    }
}

/// The accented Latin letters of a line with their positions in the original line,
/// and running counts of how many of them each language writes, so that the likely
/// languages of everything outside one word are found in constant time.
pub(super) struct AccentIndex {
    pub(super) positions: Vec<usize>,
    /// `prefix[i][l]`: how many of the first `i` letters language `l` writes.
    pub(super) prefix: Vec<[u16; LANGUAGE_COUNT]>,
}

impl AccentIndex {
    /// An index of no letters.
    pub(super) fn empty() -> AccentIndex {
        AccentIndex {
            positions: Vec::new(),
            prefix: vec![[0; LANGUAGE_COUNT]],
        }
    }

    /// Indexes `chars`, where `origin[i]` is the original-line position of `chars[i]`.
    /// Function words ([`crate::alphabets::function_words`]) count like accented
    /// letters, at the position where they start.
    pub(super) fn new(chars: &[char], origin: impl Fn(usize) -> usize) -> AccentIndex {
        let mut index = AccentIndex::empty();
        let mut evidence: Vec<(usize, LanguageMask, u16)> = chars
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| languages_of(c).map(|mask| (i, mask, ACCENT_WEIGHT)))
            .collect();
        not_in_vietnamese_words(chars, &mut evidence);
        evidence.extend(
            crate::alphabets::function_words(chars)
                .into_iter()
                .map(|(i, mask)| (i, mask, FUNCTION_WORD_WEIGHT)),
        );
        evidence.sort_by_key(|&(i, _, _)| i);
        for (i, mask, weight) in evidence {
            let mut counts = index.prefix[index.prefix.len() - 1];
            for (l, count) in counts.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    // Wrapping: differences of these running counts stay exact while the
                    // counts they stand for fit in 16 bits, and a line of more than 32,767
                    // accented letters must not overflow.
                    *count = count.wrapping_add(weight);
                }
            }
            index.positions.push(origin(i));
            index.prefix.push(counts);
        }
        index
    }

    /// The languages that write the most accented letters outside `start..end` of the
    /// original line; `None` when there are none.
    pub(super) fn outside(&self, start: usize, end: usize) -> Option<LanguageMask> {
        let before = self.positions.partition_point(|&p| p < start);
        let after = self.positions.partition_point(|&p| p < end);
        let total = &self.prefix[self.prefix.len() - 1];
        let counts: [u16; LANGUAGE_COUNT] = std::array::from_fn(|l| {
            self.prefix[before][l].wrapping_add(total[l].wrapping_sub(self.prefix[after][l]))
        });
        let best = counts.iter().copied().max().unwrap_or(0);
        (best > 0).then(|| {
            counts
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0 && n + FUNCTION_WORD_WEIGHT >= best)
                .fold(0, |mask, (l, _)| mask | 1 << l)
        })
    }
}

/// Takes Vietnamese from the languages of each accented letter (`evidence`, in order of
/// position in `chars`) whose word Vietnamese cannot spell: it writes one syllable per
/// word from a closed set ([`crate::alphabets::is_vietnamese_syllable`]), so "você"
/// and "irmã" are no Vietnamese however many of their letters it writes. Otherwise
/// every Portuguese line was Vietnamese too, and a lone "Ê" in it a Vietnamese word:
/// windows-1250 read the "ĂŠ" of ISO-8859-2 for Portuguese "é" as that "Ê" (strict
/// round trips).
fn not_in_vietnamese_words(chars: &[char], evidence: &mut [(usize, LanguageMask, u16)]) {
    let is_letter = |c: char| c.is_alphabetic();
    let mut word: Option<(usize, usize, bool)> = None;
    for (i, mask, _) in evidence.iter_mut() {
        if *mask & crate::alphabets::VIETNAMESE == 0 {
            continue;
        }
        let spelt = match word {
            Some((start, end, spelt)) if (start..end).contains(i) => spelt,
            _ => {
                let start = chars[..*i]
                    .iter()
                    .rposition(|&c| !is_letter(c))
                    .map_or(0, |p| p + 1);
                let end = chars[*i..]
                    .iter()
                    .position(|&c| !is_letter(c))
                    .map_or(chars.len(), |p| *i + p);
                let spelt = crate::alphabets::is_vietnamese_syllable(&chars[start..end]);
                word = Some((start, end, spelt));
                spelt
            }
        };
        if !spelt {
            *mask &= !crate::alphabets::VIETNAMESE;
        }
    }
}

/// What an accented letter and a function word count towards the languages of a line
/// ([`AccentIndex`]). A language that falls short of the best by one function word
/// stays among the line's languages: short lines share words across languages ("o" and
/// "na" are Portuguese, and "na" Croatian too, in "dokumentarac o životu na otocima"),
/// while a letter settles a language as it always did (differences in letters are
/// twice that slack). Calibrated on the synthetic set: without the slack three Italian
/// and Croatian lines lost their repair to a Spanish or Portuguese reading of their
/// words.
pub(super) const ACCENT_WEIGHT: u16 = 2;
pub(super) const FUNCTION_WORD_WEIGHT: u16 = 1;

/// The characters of the words that no page finds a unit in (given the units of every
/// page, with merged spaces), with their positions in the line: before anything is
/// repaired, only those tell the line's language and scripts (the garbled ones are
/// noise: "Ä…" is Lithuanian "ą", not German).
pub(super) fn clean_words_of(
    chars: &[char],
    spans: &PageSpans,
    breaks: &WordBreaks<'_>,
) -> (Vec<char>, Vec<usize>) {
    let mut suspect = vec![false; chars.len()];
    // Sister pages find most units at the same places: each place once. A unit is
    // at most six characters long (a CESU-8 pair), so the lengths seen at a start fit
    // in a byte.
    let mut lengths_seen = vec![0u8; chars.len()];
    for unit in &spans.units {
        let length = u32::try_from(unit.end - unit.start).ok();
        if let Some(bit) = length.and_then(|l| 1u8.checked_shl(l)) {
            if lengths_seen[unit.start] & bit != 0 {
                continue;
            }
            lengths_seen[unit.start] |= bit;
        }
        let (start, end) = breaks.word_bounds(unit.start, unit.end);
        suspect[start..end].iter_mut().for_each(|s| *s = true);
    }
    // Sized for the whole line: collecting through a filter would grow them a
    // push at a time, for every suspect line.
    let mut clean = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate().filter(|&(i, _)| !suspect[i]) {
        clean.push(c);
        origin.push(i);
    }
    (clean, origin)
}

/// The accents ([`AccentIndex`]) of the provisional repair of a line (`provisional`,
/// with each character's position in the original line in `origin`), without the words that a page of the line
/// (`dominant`) reads as garbled but the first pass left alone: until the second pass
/// judges them, their letters are as much noise as the garbled words of the first
/// pass ([`clean_words_of`]). A Romanian line through Mac Roman, "»ôi (»ôi p√¢nƒÉ",
/// repairs only "până" at first; the "ô" of the other "»ôi" made the line Vietnamese
/// (ô, â and ă), and "și" then cost a letter foreign to it (round-trip listing).
///
/// Only words that the line's page would repair into Latin text are left out: their
/// accents compete with the line's real ones. Calibrated on the real-text round trip:
/// leaving out every suspect word also took the repair of two lines the first pass
/// had read as another script (Armenian "մեկ ժամ առաջ" through ISO-8859-15, Amharic
/// "ለ" through Mac Roman), whose garbled Latin letters the second pass had used.
/// Mac Roman round trips: 158 -> 154 failures of 20,000; no other page changes.
///
///
/// Word ranges in `also_left_out` are left out as well: for the final pass, the
/// [`contested_readings`] of the first (not for the informed pass, which chooses the
/// page again: there the first pass's readings are all it has to go on, and leaving
/// them out lost Esperanto "ĝ" in "Alŝutu ĝustaforman ... aŭ" through IBM437 to
/// IBM850's "ľ" once the "ž" of IBM850's "Alžutu" was gone; real-text round trip).
pub(super) fn accents_without_suspects_left(
    provisional: &[char],
    origin: &[usize],
    candidates: &[Candidate],
    accepted: &[Candidate],
    dominant: PageMask,
    also_left_out: &[(usize, usize)],
) -> AccentIndex {
    let repaired = Ranges::of(accepted);
    let mut suspects: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| dominant & c.first_page.bit() != 0 && c.gain.is_finite())
        .filter(|c| repaired.overlapping(c.start, c.end).next().is_none())
        .filter(|c| is_latin_text(&c.replacement))
        .map(|c| (c.start, c.end))
        .collect();
    suspects.extend_from_slice(also_left_out);
    suspects.extend(repeated_readings(accepted));
    if suspects.is_empty() {
        return AccentIndex::new(provisional, |i| origin[i]);
    }
    let suspects = Ranges::new(suspects.into_iter());
    let (kept, kept_origin): (Vec<char>, Vec<usize>) = provisional
        .iter()
        .zip(origin)
        .filter(|&(_, &o)| suspects.overlapping(o, o + 1).next().is_none())
        .map(|(&c, &o)| (c, o))
        .unzip();
    AccentIndex::new(&kept, |i| kept_origin[i])
}

/// The accepted words whose reading (its letters) an earlier accepted word of the line
/// already gave: a word repeated in a line is one piece of evidence of the line's
/// language, not one per repetition, and each repetition of a word read through the
/// wrong sister page made the others' letters look like the line's. In "estĂĄ - estĂĄ,
/// niĂąo - estĂĄ (estĂĄ: maĂąana" (ISO-8859-2 for Spanish "está", "niño", "mañana") the
/// first pass took windows-1250's "estå" by the page priors, and its four "å" then
/// outvoted the two "ñ" of the words only ISO-8859-2 reads, so that "á" was foreign to
/// the line (round-trip listing).
fn repeated_readings(accepted: &[Candidate]) -> Vec<(usize, usize)> {
    let mut seen: rustc_hash::FxHashSet<Vec<char>> = rustc_hash::FxHashSet::default();
    let mut repeated = Vec::new();
    for a in accepted {
        let letters: Vec<char> = a
            .replacement
            .iter()
            .copied()
            .filter(|&c| crate::charclass::is_alphabetic(c))
            .collect();
        if letters.iter().all(char::is_ascii) {
            continue;
        }
        if !seen.insert(letters) {
            repeated.push((a.start, a.end));
        }
    }
    repeated
}

/// The accepted words read through a page outside `dominant` although a dominant page
/// reads the same word with other letters: which reading is right is what the final
/// pass decides, so their letters must not tell the line's languages there. Repeated
/// words vouched for each other ("Ĺžmogus â\u{80}\u{94} Ĺžmogus", ISO-8859-2 for
/// Lithuanian "žmogus — žmogus": the first pass took windows-1250's "Şmogus" by the
/// page priors, and each "Ş" then made the other's "ž" foreign to a Turkish line).
pub(super) fn contested_readings(
    candidates: &[Candidate],
    accepted: &[Candidate],
    dominant: PageMask,
) -> Vec<(usize, usize)> {
    let outside = |a: &&Candidate| dominant & a.first_page.bit() == 0;
    if !accepted.iter().any(|a| outside(&a)) {
        return Vec::new();
    }
    let ranges = Ranges::of(candidates);
    accepted
        .iter()
        .filter(outside)
        .filter(|a| {
            ranges.overlapping(a.start, a.end).any(|i| {
                let c = &candidates[i];
                dominant & c.first_page.bit() != 0
                    && c.gain.is_finite()
                    && c.start == a.start
                    && c.end == a.end
                    && c.replacement != a.replacement
            })
        })
        .map(|a| (a.start, a.end))
        .collect()
}

/// Whether every letter of `text` is Latin.
fn is_latin_text(text: &[char]) -> bool {
    text.iter().all(|&c| {
        let class = classify(c);
        !class.is_letter() || class.script == unicode_script::Script::Latin
    })
}
