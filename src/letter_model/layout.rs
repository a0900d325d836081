//! How the per-language tables of `bigrams` become the rows the model reads: what
//! each listed letter pair, and each letter's back-off, costs every language.
//!
//! Shared by the build script, which lays the rows out once at compile time (building
//! them at run time took 2.8 million instructions, most of the start-up of a small
//! file), and by the model's tests, which check the rows against each language's
//! table read alone.

use std::collections::BTreeMap;

use super::bigrams;

/// How many languages the tables list.
pub(super) const LANGUAGES: usize = bigrams::LANGUAGES.len();

/// What something costs in each language of [`bigrams::LANGUAGES`], in whole bits.
pub(super) type Row = [u8; LANGUAGES];

/// What a pair ending in a letter no language writes costs every language.
pub(super) const FLOOR_ROW: Row = [bigrams::FLOOR; LANGUAGES];

/// The entries of one line of a language's table: its first character (a letter,
/// [`bigrams::BOUNDARY`] or [`bigrams::UNIGRAM`]) and each letter after it with its
/// cost.
pub(super) fn entries_of(line: &str) -> Option<(char, impl Iterator<Item = (char, u8)> + '_)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let entries = std::iter::from_fn(move || {
        let letter = chars.next()?;
        let cost = chars.next()?;
        Some((
            letter,
            cost.to_digit(16).map_or(bigrams::FLOOR, |d| d as u8),
        ))
    });
    Some((first, entries))
}

/// The tables of all languages as rows, in the order of their keys.
pub(super) struct Rows {
    /// Per letter some language writes: what a pair ending in it that a language does
    /// not list costs that language (its back-off), and the languages that write it
    /// (a bit per language: a rare letter's back-off may reach the floor, and it is
    /// still no foreign letter).
    pub(super) letters: BTreeMap<char, (Row, u64)>,
    /// Per letter pair some language lists: what it costs each language, the
    /// language's own cost where it lists the pair, the back-off of the pair's second
    /// letter where it does not.
    pub(super) pairs: BTreeMap<(char, char), Row>,
}

/// Reads every language's table into rows: the letters' line of each language first,
/// since a pair's row starts from the back-off of its second letter.
pub(super) fn rows() -> Rows {
    let mut letters: BTreeMap<char, (Row, u64)> = BTreeMap::new();
    for (language, (_, table)) in bigrams::LANGUAGES.iter().enumerate() {
        // The format puts the letters' line first: the pairs are not read twice.
        let mut lines = table.lines().filter_map(entries_of);
        if let Some((_, entries)) = lines.find(|(first, _)| *first == bigrams::UNIGRAM) {
            for (letter, cost) in entries {
                let (backoff, written) = letters.entry(letter).or_insert((FLOOR_ROW, 0));
                backoff[language] = (cost + bigrams::BACKOFF).min(bigrams::FLOOR);
                *written |= 1 << language;
            }
        }
    }
    let mut pairs: BTreeMap<(char, char), Row> = BTreeMap::new();
    for (language, (_, table)) in bigrams::LANGUAGES.iter().enumerate() {
        let lines = table.lines().filter_map(entries_of);
        for (first, entries) in lines.filter(|(first, _)| *first != bigrams::UNIGRAM) {
            for (letter, cost) in entries {
                let row = pairs.entry((first, letter)).or_insert_with(|| {
                    letters
                        .get(&letter)
                        .map_or(FLOOR_ROW, |&(backoff, _)| backoff)
                });
                row[language] = cost;
            }
        }
    }
    Rows { letters, pairs }
}

/// The key under which a letter pair is searched: ordered as the pairs are.
pub(super) fn pair_key(first: char, second: char) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}
