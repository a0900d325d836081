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
//! Invariant: [`CostCache::cost`] returns exactly what computing the cost returns.
//! Texts are kept in one buffer and looked up by a 64-bit hash with the text compared
//! in full, so a lookup allocates nothing.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::alphabets::LanguageMask;
use crate::badness::{cost, mid_sentence_cost, ScriptSet};

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
    /// The windows of all entries, one after the other.
    texts: Vec<char>,
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

/// Past this many characters of windows (1 MiB, about 4 MiB with entries and index)
/// the memo starts over, so that a long run keeps it small. A larger memo (4x) had
/// the same hit rate on the mojibake bench corpus and raised its peak memory from
/// 32 to 50 MiB.
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
        let value = compute(context, window, middle.clone());
        if self.texts.len() + window.len() > MAX_TEXT || self.entries.len() >= NONE as usize {
            *self = CostCache::default();
        }
        let start = self.texts.len() as u32;
        self.texts.extend_from_slice(window);
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

fn compute(context: &WordContext, window: &[char], middle: std::ops::Range<usize>) -> f32 {
    let opening = if context.mid_sentence {
        mid_sentence_cost(&window[middle])
    } else {
        0.0
    };
    opening + cost(window, context.outside, context.alphabet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badness::ScriptCounts;

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
                let expected = compute(&ctx, &window, middle.clone());
                assert_eq!(cache.cost(&ctx, &window, middle.clone()), expected);
                // Asked again: answered from the memo, the same value.
                assert_eq!(cache.cost(&ctx, &window, middle.clone()), expected);
            }
        }
        assert_eq!(cache.entries.len(), 6);
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
