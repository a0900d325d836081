//! Which letter sequences each language writes: a letter-pair model per language,
//! learnt from CLDR's locale data (see `tools/gen_letter_model.py`), used to choose
//! between two repairs of the same garbled text that give different letters.
//!
//! Two code pages often explain one garbled word equally well: "Ĺživljenje" is
//! "življenje" through ISO-8859-2 and "Şivljenje" through windows-1250, "ĂĽr" is "år"
//! or "ür". The cost model of `badness` judges how a word looks (case, symbols,
//! scripts) but knows no spelling; this model knows which letters follow which in
//! about fifty languages, and so which of the readings a language writes.
//!
//! What it does not do: it never decides whether a word is garbled. It only compares
//! readings of the same text, each costed under every language, and is asked only
//! for lines where repairs already compete (`redecode::readings`). Costs are in
//! whole bits; a pair of letters the language is not known to write costs
//! [`bigrams::FLOOR`]. Lowercase only: case is the cost model's business.

// Reading the per-language tables is the build script's work (it includes both
// files); the run reads its output, and the tests read the tables again to check it.
#[cfg_attr(not(test), allow(dead_code))]
mod bigrams;
#[cfg_attr(not(test), allow(dead_code))]
mod layout;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// How many languages the model knows.
pub(crate) const LANGUAGE_COUNT: usize = layout::LANGUAGES;

// A set of languages is a bit mask in a `u64`, and a language's index a `u8`.
const _: () = assert!(LANGUAGE_COUNT <= 64);

/// A cost, in bits, per language of [`bigrams::LANGUAGES`].
pub(crate) type Costs = [u32; LANGUAGE_COUNT];

// The rows laid out by the build script (`layout::rows`), in place: `LETTERS`, each
// letter some language writes, sorted, with `WRITTEN`, the languages that write it
// (a bit per language); `PAIRS`, each letter pair some language lists, as sorted
// `layout::pair_key`s.
include!(concat!(env!("OUT_DIR"), "/letter_tables.rs"));

/// Per letter of `LETTERS`, its back-off row: what a pair ending in it that a
/// language does not list costs that language.
static BACKOFF_ROWS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/letter_backoff_rows.bin"));

/// Per pair of `PAIRS`, what it costs each language.
static PAIR_ROWS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/letter_pair_rows.bin"));

/// Row `index` of `rows`.
fn row(rows: &'static [u8], index: usize) -> &'static layout::Row {
    rows[index * LANGUAGE_COUNT..][..LANGUAGE_COUNT]
        .try_into()
        .expect("the build script writes whole rows")
}

/// What a pair ending in `letter` that a language does not list costs each language.
fn backoff_row(letter: char) -> &'static layout::Row {
    LETTERS
        .binary_search(&letter)
        .map_or(&layout::FLOOR_ROW, |index| row(BACKOFF_ROWS, index))
}

/// What the pair `first`, `second` costs each language.
fn pair_row(first: char, second: char) -> &'static layout::Row {
    match PAIRS.binary_search(&layout::pair_key(first, second)) {
        Ok(index) => row(PAIR_ROWS, index),
        Err(_) => backoff_row(second),
    }
}

/// Whether `language` writes `letter` at all.
fn writes(language: usize, letter: char) -> bool {
    written_by(letter) & 1 << language != 0
}

/// The languages that write `letter` (a bit per language).
fn written_by(letter: char) -> u64 {
    LETTERS
        .binary_search(&letter)
        .map_or(0, |index| WRITTEN[index])
}

/// The language code (CLDR locale) of language `index`.
#[cfg(test)]
fn language_code(index: usize) -> &'static str {
    bigrams::LANGUAGES[index].0
}

/// Whether `c` is part of a word for the model: a letter or a combining mark (the
/// vowel signs of Devanagari and Thai), as the generator splits words, and any other
/// character beyond ASCII but punctuation and spaces. The generator's words have
/// none of those, so their pairs cost the floor: a reading that makes a symbol or a
/// digit of another script ("kh÷" for "khá", "٦جف" for "يجف") must not look cheap
/// for having fewer letters.
fn is_word_char(c: char) -> bool {
    match c.general_category_group() {
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark => true,
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator => false,
        _ => !c.is_ascii(),
    }
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// What the letters of `text` cost in each language: every pair of neighbouring
/// letters of each word, the word's boundaries included.
pub(crate) fn costs(text: &[char]) -> Costs {
    let mut costs = [0u32; LANGUAGE_COUNT];
    let add = |a: char, b: char, costs: &mut Costs| {
        for (cost, &paid) in costs.iter_mut().zip(pair_row(a, b)) {
            *cost += u32::from(paid);
        }
    };
    let mut previous = bigrams::BOUNDARY;
    for &c in text {
        if is_word_char(c) {
            let c = lower(c);
            add(previous, c, &mut costs);
            previous = c;
        } else if previous != bigrams::BOUNDARY {
            add(previous, bigrams::BOUNDARY, &mut costs);
            previous = bigrams::BOUNDARY;
        }
    }
    if previous != bigrams::BOUNDARY {
        add(previous, bigrams::BOUNDARY, &mut costs);
    }
    costs
}

/// How many letters of `text` (and other characters that are part of words, see
/// [`costs`]) `language` does not write at all.
pub(crate) fn foreign_letters(text: &[char], language: usize) -> usize {
    text.iter()
        .filter(|&&c| is_word_char(c) && !writes(language, lower(c)))
        .count()
}

/// How many letters of `text` `language` writes too rarely for its words to price
/// them (their back-off is the floor, as a letter it does not write: "ü" in Swedish,
/// seen only in "Zürich", "Volapük" and three other names among its CLDR words),
/// each distinct word counted once: a word repeated in a line is one piece of
/// evidence ("pá pá pá" is no more Hungarian than "pá").
pub(crate) fn unpriced_letters(text: &[char], language: usize) -> usize {
    let unpriced = |c: char| writes(language, c) && backoff_row(c)[language] >= bigrams::FLOOR;
    let mut seen: rustc_hash::FxHashSet<&[char]> = rustc_hash::FxHashSet::default();
    text.split(|&c| !is_word_char(c))
        .filter_map(|word| {
            let count = word.iter().filter(|&&c| unpriced(lower(c))).count();
            (count > 0 && seen.insert(word)).then_some(count)
        })
        .sum()
}

/// [`foreign_letters`] of `text` in every language, in one pass over it (asking each
/// language in turn made choosing a line's page 7% of the work on mojibake lines).
pub(crate) fn foreign_letters_in_every_language(text: &[char]) -> [usize; LANGUAGE_COUNT] {
    let mut foreign = [0; LANGUAGE_COUNT];
    for &c in text.iter().filter(|&&c| is_word_char(c)) {
        let written = written_by(lower(c));
        for (language, count) in foreign.iter_mut().enumerate() {
            *count += usize::from(written & 1 << language == 0);
        }
    }
    foreign
}

/// The language that writes `text` at the least cost, and that cost.
pub(crate) fn best_language(text: &[char]) -> (usize, u32) {
    let costs = costs(text);
    costs
        .iter()
        .copied()
        .enumerate()
        .min_by_key(|&(_, cost)| cost)
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn language(code: &str) -> usize {
        (0..LANGUAGE_COUNT)
            .find(|&i| language_code(i) == code)
            .unwrap()
    }

    fn cost(text: &str, code: &str) -> u32 {
        costs(&chars(text))[language(code)]
    }

    #[test]
    fn the_table_parses_into_every_language() {
        for (code, table) in bigrams::LANGUAGES {
            let costs: Vec<u8> = table
                .lines()
                .filter_map(layout::entries_of)
                .filter(|(first, _)| *first != bigrams::UNIGRAM)
                .flat_map(|(_, letters)| letters.map(|(_, cost)| cost).collect::<Vec<_>>())
                .collect();
            assert!(!costs.is_empty(), "{code}");
            assert!(costs.iter().all(|&cost| cost < bigrams::FLOOR), "{code}");
        }
        // Every language writes some letters, and the word boundary.
        let boundary = backoff_row(bigrams::BOUNDARY);
        assert!(boundary.iter().all(|&cost| cost < bigrams::FLOOR));
    }

    #[test]
    fn the_rows_in_place_are_those_the_tables_give() {
        // What the build script wrote, read back, against the tables read now: a
        // stale or misordered output would cost some pairs another language's bits.
        let rows = layout::rows();
        assert_eq!(LETTERS.len(), rows.letters.len());
        for (index, (&letter, (backoff, written))) in rows.letters.iter().enumerate() {
            assert_eq!(LETTERS[index], letter);
            assert_eq!(WRITTEN[index], *written, "{letter:?}");
            assert_eq!(backoff_row(letter), backoff, "{letter:?}");
        }
        assert_eq!(PAIRS.len(), rows.pairs.len());
        for (&(first, second), pair) in &rows.pairs {
            assert_eq!(pair_row(first, second), pair, "{first:?}{second:?}");
        }
    }

    /// One language's table as its format reads: each letter's cost, each listed
    /// pair's cost.
    type TableAlone = (HashMap<char, u8>, HashMap<(char, char), u8>);

    fn table_alone(language: usize) -> TableAlone {
        let (mut letters, mut pairs) = (HashMap::new(), HashMap::new());
        let table = bigrams::LANGUAGES[language].1;
        for (first, entries) in table.lines().filter_map(layout::entries_of) {
            for (letter, cost) in entries {
                if first == bigrams::UNIGRAM {
                    letters.insert(letter, cost);
                } else {
                    pairs.insert((first, letter), cost);
                }
            }
        }
        (letters, pairs)
    }

    /// What `text` costs in a language, read from its table alone: a pair's listed
    /// cost, or its second letter's cost plus the back-off, at most the floor.
    fn cost_from_the_table_alone(text: &[char], (letters, pairs): &TableAlone) -> u32 {
        let pair_cost = |a: char, b: char| {
            let backoff = letters.get(&b).map_or(bigrams::FLOOR, |&cost| {
                (cost + bigrams::BACKOFF).min(bigrams::FLOOR)
            });
            u32::from(*pairs.get(&(a, b)).unwrap_or(&backoff))
        };
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        for &c in text {
            if is_word_char(c) {
                words.last_mut().unwrap().push(lower(c));
            } else if !words.last().unwrap().is_empty() {
                words.push(Vec::new());
            }
        }
        let edge = bigrams::BOUNDARY;
        words
            .iter()
            .filter(|word| !word.is_empty())
            .map(|word| {
                let inner: u32 = word.windows(2).map(|w| pair_cost(w[0], w[1])).sum();
                pair_cost(edge, word[0]) + inner + pair_cost(word[word.len() - 1], edge)
            })
            .sum()
    }

    #[test]
    fn the_rows_cost_what_each_languages_table_says() {
        let mut texts: Vec<String> = ["Şivljenje ĂĽr kh÷ ǅungla", "ŕ¤¸ŕ¤ľ лÑ\u{f}", "x"]
            .map(String::from)
            .to_vec();
        let clean = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/clean");
        for entry in std::fs::read_dir(clean).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            texts.extend(text.lines().take(20).map(String::from));
        }
        let tables: Vec<TableAlone> = (0..LANGUAGE_COUNT).map(table_alone).collect();
        for text in &texts {
            let text = chars(text);
            let costs = costs(&text);
            for (language, table) in tables.iter().enumerate() {
                let expected = cost_from_the_table_alone(&text, table);
                assert_eq!(
                    costs[language],
                    expected,
                    "{} in {:?}",
                    language_code(language),
                    text
                );
            }
        }
    }

    #[test]
    fn sister_page_readings_are_told_apart_by_their_language() {
        assert!(cost("življenje", "sl") < cost("şivljenje", "sl"));
        assert!(cost("år", "sv") < cost("ür", "sv"));
        assert!(cost("lietuviško", "lt") < cost("lietuviťko", "lt"));
        assert!(cost("žaba", "hr") < cost("şaba", "hr"));
        // A lone word may fit another language as well: "ża" is Polish.
        assert!(cost("ťa", "sk") <= cost("ża", "sk"));
    }

    #[test]
    fn the_language_of_a_line_is_the_one_that_writes_it_cheapest() {
        const CYRILLIC: &[&str] = &[
            "be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "tt", "uk",
        ];
        let (best, _) = best_language(&chars("Življenje je lepo, hiša in šola."));
        assert!(["sl", "hr", "bs"].contains(&language_code(best)));
        let (best, _) = best_language(&chars("Привет, как дела? Спасибо за письмо."));
        assert!(
            CYRILLIC.contains(&language_code(best)),
            "{}",
            language_code(best)
        );
        let (best, _) = best_language(&chars("Καλημέρα κόσμε"));
        assert_eq!(language_code(best), "el");
    }

    #[test]
    fn foreign_letters_are_those_a_language_does_not_write() {
        assert_eq!(foreign_letters(&chars("Şivljenje"), language("sl")), 1);
        assert_eq!(foreign_letters(&chars("življenje"), language("sl")), 0);
        assert_eq!(foreign_letters(&chars("kh÷, khá"), language("vi")), 1);
        // Lower Sorbian writes "ś", rarely: its back-off is the floor, but it is no
        // foreign letter (a strict IBM437 round trip read Polish "świat" as "Žwiat").
        assert_eq!(foreign_letters(&chars("świat"), language("dsb")), 0);
        for text in ["Şivljenje kh÷, khá świat", "Привет, Καλημέρα ĂĽr", ""] {
            let every = foreign_letters_in_every_language(&chars(text));
            for (language, &foreign) in every.iter().enumerate() {
                assert_eq!(foreign, foreign_letters(&chars(text), language), "{text:?}");
            }
        }
    }

    #[test]
    fn unpriced_letters_are_written_too_rarely_to_price_once_per_word() {
        // Swedish CLDR words have "ü" only in five names.
        assert_eq!(unpriced_letters(&chars("Zürich"), language("sv")), 1);
        assert_eq!(unpriced_letters(&chars("Zürich"), language("de")), 0);
        assert_eq!(unpriced_letters(&chars("många år"), language("sv")), 0);
        // A letter Swedish does not write at all is foreign, not unpriced.
        assert_eq!(unpriced_letters(&chars("ş"), language("sv")), 0);
        assert_eq!(unpriced_letters(&chars("pü pü, münga"), language("sv")), 2);
    }

    #[test]
    #[ignore]
    fn debug_letter_costs() {
        // Prints, for each text in $MOJI_LM ("|" between texts), the language that
        // writes it best and the cost and foreign letters in that language and in
        // the first text's best; a calibration aid, not a check.
        let Ok(texts) = std::env::var("MOJI_LM") else {
            return;
        };
        let texts: Vec<Vec<char>> = texts.split('|').map(chars).collect();
        let (first, _) = best_language(&texts[0]);
        for text in &texts {
            let (best, cost) = best_language(text);
            let word: String = text.iter().collect();
            eprintln!(
                "{word:?} best {} {cost} foreign {}; in {} {} foreign {}",
                language_code(best),
                foreign_letters(text, best),
                language_code(first),
                costs(text)[first],
                foreign_letters(text, first)
            );
        }
    }

    #[test]
    fn case_and_punctuation_do_not_change_a_cost() {
        assert_eq!(cost("ŽABA, žaba!", "sl"), cost("žaba žaba", "sl"));
        assert_eq!(cost("", "sl"), 0);
        assert_eq!(cost("...", "sl"), 0);
        // A symbol in a word costs like a letter no language writes.
        assert!(cost("kh÷", "vi") > cost("khá", "vi"));
    }
}
