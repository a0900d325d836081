//! A memo of [`badness::cost`](crate::badness) per word and context, shared by every
//! pass and layer of the repair of one line.
//!
//! The repair judges the same texts in the same places many times: every page that
//! finds a word judges the garbled word, pages that agree judge the same repair, each
//! pass of a line (first, informed, second) judges its words again, and each further
//! layer of a word judges its readings in the same surroundings. What a cost depends
//! on is small and explicit: the word with one character of context on each side, the
//! scripts of the rest of the line ([`ScriptSet`]), the languages its accents suggest,
//! and whether the word continues a sentence ([`WordContext`]). Two questions with
//! equal keys have equal answers, so the memo changes no result, only the time.
//!
//! A window judged in a new context is often one already judged in another (the
//! first and the second pass of a line see its scripts and languages differently:
//! 53% of the misses on the mojibake bench), so the part of its cost that reads
//! nothing but the window ([`badness::cost_parts`](crate::badness)) is kept per
//! window as well, and only the contextual part is computed again (-5% of the
//! instructions on mojibake lines).
//!
//! Invariant: [`CostCache::cost`] returns exactly what computing the cost returns.
//! Texts are kept in one buffer, once per window, and looked up by a 64-bit hash with
//! the text compared in full, so a lookup allocates nothing.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::alphabets::LanguageMask;
use crate::badness::{contextual_cost, cost_parts, mid_sentence_cost, ScriptSet};

/// What the cost of a word may know about the line around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct WordContext {
    /// The scripts of the rest of the line.
    pub(crate) outside: ScriptSet,
    /// The languages the accented letters of the rest of the line may be in.
    pub(crate) alphabet: Option<LanguageMask>,
    /// Whether the word continues a sentence rather than opening one.
    pub(crate) mid_sentence: bool,
}

/// Costs already computed, by context and window (see the module documentation).
#[derive(Default)]
pub(crate) struct CostCache {
    /// Hash of context and window to the latest entry with that hash.
    index: FxHashMap<u64, u32>,
    entries: Vec<Entry>,
    /// The windows of all entries, one after the other, each once.
    texts: Vec<char>,
    /// Hash of a window to the latest of [`CostCache::windows`] with that hash.
    window_index: FxHashMap<u64, u32>,
    /// Each window's place in `texts` and the context-free part of its cost.
    windows: Vec<Window>,
}

struct Window {
    text: (u32, u32),
    context_free: f32,
    /// The previous window with the same hash (`NONE` for none).
    collision: u32,
}

struct Entry {
    context: WordContext,
    /// Where the window is in `texts`, and where the word is inside it.
    text: (u32, u32),
    middle: (u32, u32),
    cost: f32,
    /// The previous entry with the same hash (`NONE` for none).
    collision: u32,
}

const NONE: u32 = u32::MAX;

/// Past this many characters of windows (1 MiB), or this many entries, the memo
/// starts over, so that a long run keeps it bounded: at most 2^18 entries of 80 bytes
/// and as many windows of 16, with their indexes, about 40 MiB per thread at worst.
/// On the 10 MB mojibake bench corpus the whole run peaks at 34 MiB (`-j 1`; 28 MiB
/// when each entry kept its own copy of its window, which filled the buffer about
/// twice as fast). A larger memo (4x) had the same hit rate on that corpus and raised
/// its peak memory from 32 to 50 MiB; half this one took 2% more instructions on
/// 3,000 of its lines.
const MAX_TEXT: usize = 1 << 18;

impl CostCache {
    /// The cost of `window[middle]` written in `window` (the word with its context
    /// characters), judged in `context`: [`badness::cost`](crate::badness) of the
    /// window, plus the cost of opening mid-sentence when the word continues one.
    pub(crate) fn cost(
        &mut self,
        context: &WordContext,
        window: &[char],
        middle: std::ops::Range<usize>,
    ) -> f32 {
        let hash = key_hash(context, window, &middle);
        let mut at = self.index.get(&hash).copied().unwrap_or(NONE);
        while at != NONE {
            let entry = &self.entries[at as usize];
            if self.holds(entry, context, window, &middle) {
                return entry.cost;
            }
            at = entry.collision;
        }
        if self.texts.len() + window.len() > MAX_TEXT || self.entries.len() >= MAX_TEXT {
            *self = CostCache::default();
        }
        let (start, context_free, contextual) = self.parts(context, window);
        let value = opening_cost(context, window, middle.clone()) + (context_free + contextual);
        // The entry this one replaces as the head of its hash's chain, if any.
        let collision = self
            .index
            .insert(hash, self.entries.len() as u32)
            .unwrap_or(NONE);
        self.entries.push(Entry {
            context: *context,
            text: (start, window.len() as u32),
            middle: (middle.start as u32, middle.end as u32),
            cost: value,
            collision,
        });
        value
    }

    /// Where `window` is in `texts` (added if new) and the two parts of its cost in
    /// `context`, the context-free one from the memo when the window is known.
    fn parts(&mut self, context: &WordContext, window: &[char]) -> (u32, f32, f32) {
        let hash = window_hash(window);
        let mut at = self.window_index.get(&hash).copied().unwrap_or(NONE);
        while at != NONE {
            let known = &self.windows[at as usize];
            let (start, len) = (known.text.0 as usize, known.text.1 as usize);
            if self.texts[start..start + len] == *window {
                let contextual = contextual_cost(window, context.outside, context.alphabet);
                return (known.text.0, known.context_free, contextual);
            }
            at = known.collision;
        }
        let (context_free, contextual) = cost_parts(window, context.outside, context.alphabet);
        let start = self.texts.len() as u32;
        self.texts.extend_from_slice(window);
        let collision = self
            .window_index
            .insert(hash, self.windows.len() as u32)
            .unwrap_or(NONE);
        self.windows.push(Window {
            text: (start, window.len() as u32),
            context_free,
            collision,
        });
        (start, context_free, contextual)
    }

    fn holds(
        &self,
        entry: &Entry,
        context: &WordContext,
        window: &[char],
        middle: &std::ops::Range<usize>,
    ) -> bool {
        let (start, len) = (entry.text.0 as usize, entry.text.1 as usize);
        entry.context == *context
            && entry.middle == (middle.start as u32, middle.end as u32)
            && self.texts[start..start + len] == *window
    }
}

fn key_hash(context: &WordContext, window: &[char], middle: &std::ops::Range<usize>) -> u64 {
    let mut hasher = FxHasher::default();
    context.hash(&mut hasher);
    middle.hash(&mut hasher);
    window.hash(&mut hasher);
    hasher.finish()
}

/// What opening mid-sentence adds to the cost of `window[middle]` in `context`.
fn opening_cost(context: &WordContext, window: &[char], middle: std::ops::Range<usize>) -> f32 {
    if context.mid_sentence {
        mid_sentence_cost(&window[middle])
    } else {
        0.0
    }
}

fn window_hash(window: &[char]) -> u64 {
    let mut hasher = FxHasher::default();
    window.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badness::{cost, ScriptCounts};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn context(line: &str, mid_sentence: bool) -> WordContext {
        WordContext {
            outside: ScriptCounts::of(&chars(line)).scripts(),
            alphabet: None,
            mid_sentence,
        }
    }

    #[test]
    fn a_cached_cost_is_the_computed_cost() {
        let mut cache = CostCache::default();
        let latin = context("plain words", false);
        let cyrillic = context("слова", true);
        for (window, middle) in [(" CafÃ© ", 1..6), (" Über ", 1..5), ("(Ð¿Ñ€)", 1..5)] {
            let window = chars(window);
            for ctx in [latin, cyrillic] {
                let expected = computed(&ctx, &window, middle.clone());
                assert_eq!(cache.cost(&ctx, &window, middle.clone()), expected);
                // Asked again: answered from the memo, the same value.
                assert_eq!(cache.cost(&ctx, &window, middle.clone()), expected);
            }
        }
        assert_eq!(cache.entries.len(), 6);
        // Each window is kept once, with the part of its cost no context changes.
        assert_eq!(cache.windows.len(), 3);
        assert_eq!(cache.texts.len(), 7 + 6 + 6);
    }

    #[test]
    fn a_window_known_in_one_context_costs_what_it_costs_in_another() {
        // Contexts that change the contextual part: the scripts outside the word
        // (a lone Cyrillic letter in a Latin line), the line's languages (a lone
        // accented letter), a sentence going on.
        let contexts = [
            context("plain words", false),
            context("слова", true),
            WordContext {
                alphabet: Some(1),
                ..context("plain words", false)
            },
            WordContext {
                alphabet: Some(!0),
                ..context("", true)
            },
        ];
        let windows = [(" ж ", 1..2), (" à ", 1..2), (" Ã© ", 1..3), (" ñu ", 1..3)];
        for order in [[0, 1, 2, 3], [3, 2, 1, 0]] {
            let mut cache = CostCache::default();
            for (window, middle) in &windows {
                let window = chars(window);
                for &k in &order {
                    let expected = computed(&contexts[k], &window, middle.clone());
                    let got = cache.cost(&contexts[k], &window, middle.clone());
                    assert_eq!(got.to_bits(), expected.to_bits(), "{window:?} {k}");
                }
            }
        }
    }

    /// The cost computed without the memo.
    fn computed(context: &WordContext, window: &[char], middle: std::ops::Range<usize>) -> f32 {
        opening_cost(context, window, middle) + cost(window, context.outside, context.alphabet)
    }

    #[test]
    fn the_context_is_part_of_the_key() {
        // "Über" opening a sentence costs nothing; mid-sentence its capital costs.
        let mut cache = CostCache::default();
        let window = chars(" Über ");
        let opening = cache.cost(&context("", false), &window, 1..5);
        let inside = cache.cost(&context("", true), &window, 1..5);
        assert!(inside > opening, "{inside} vs {opening}");
    }

    #[test]
    fn the_memo_starts_over_instead_of_growing_without_bound() {
        let mut cache = CostCache::default();
        let ctx = context("", false);
        let long: Vec<char> = std::iter::repeat_n('Ã', MAX_TEXT / 2 + 1).collect();
        let first = cache.cost(&ctx, &long, 0..long.len());
        let second = cache.cost(&ctx, &long[1..], 0..long.len() - 1);
        assert!(cache.texts.len() <= MAX_TEXT);
        assert_eq!(cache.cost(&ctx, &long[1..], 0..long.len() - 1), second);
        assert!(first.is_finite());
    }
}
