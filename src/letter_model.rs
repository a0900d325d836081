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

mod bigrams;

use rustc_hash::FxHashMap;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// How many languages the model knows.
pub(crate) const LANGUAGE_COUNT: usize = bigrams::LANGUAGES.len();

// A set of languages is a bit mask in a `u64`, and a language's index a `u8`.
const _: () = assert!(LANGUAGE_COUNT <= 64);

/// A cost, in bits, per language of [`bigrams::LANGUAGES`].
pub(crate) type Costs = [u32; LANGUAGE_COUNT];

/// The parsed table: for each letter pair some language lists, the languages that
/// list it and what it costs them; for each letter, what a pair ending in it costs
/// each language that does not list the pair (its back-off).
struct Model {
    pairs: FxHashMap<(char, char), Vec<(u8, u8)>>,
    backoff: FxHashMap<char, [u8; LANGUAGE_COUNT]>,
    /// For each letter, the languages that write it (a bit per language): a rare
    /// letter's back-off may reach the floor, and it is still no foreign letter.
    written: FxHashMap<char, u64>,
}

fn model() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let mut pairs: FxHashMap<(char, char), Vec<(u8, u8)>> = FxHashMap::default();
        let mut backoff: FxHashMap<char, [u8; LANGUAGE_COUNT]> = FxHashMap::default();
        let mut written: FxHashMap<char, u64> = FxHashMap::default();
        for (language, (_, table)) in bigrams::LANGUAGES.iter().enumerate() {
            for line in table.lines() {
                let mut chars = line.chars();
                let Some(first) = chars.next() else { continue };
                let rest: Vec<char> = chars.collect();
                for entry in rest.chunks_exact(2) {
                    let cost = entry[1].to_digit(16).map_or(bigrams::FLOOR, |d| d as u8);
                    if first == bigrams::UNIGRAM {
                        *written.entry(entry[0]).or_default() |= 1 << language;
                        backoff
                            .entry(entry[0])
                            .or_insert([bigrams::FLOOR; LANGUAGE_COUNT])[language] =
                            (cost + bigrams::BACKOFF).min(bigrams::FLOOR);
                    } else {
                        pairs
                            .entry((first, entry[0]))
                            .or_default()
                            .push((language as u8, cost));
                    }
                }
            }
        }
        Model {
            pairs,
            backoff,
            written,
        }
    })
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
    let model = model();
    let mut costs = [0u32; LANGUAGE_COUNT];
    let add = |a: char, b: char, costs: &mut Costs| {
        match model.backoff.get(&b) {
            Some(backoff) => {
                for (cost, &b) in costs.iter_mut().zip(backoff) {
                    *cost += u32::from(b);
                }
            }
            None => costs
                .iter_mut()
                .for_each(|cost| *cost += u32::from(bigrams::FLOOR)),
        }
        if let Some(known) = model.pairs.get(&(a, b)) {
            // A language that lists the pair pays its own cost instead of the back-off.
            let backoff = model.backoff.get(&b);
            for &(language, cost) in known {
                let language = usize::from(language);
                let paid = backoff.map_or(bigrams::FLOOR, |b| b[language]);
                costs[language] = costs[language] - u32::from(paid) + u32::from(cost);
            }
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
    let model = model();
    text.iter()
        .filter(|&&c| is_word_char(c))
        .filter(|&&c| {
            model
                .written
                .get(&lower(c))
                .is_none_or(|languages| languages & 1 << language == 0)
        })
        .count()
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
        let mut seen = [false; LANGUAGE_COUNT];
        for known in model().pairs.values() {
            for &(language, cost) in known {
                seen[usize::from(language)] = true;
                assert!(cost < bigrams::FLOOR);
            }
        }
        assert!(seen.iter().all(|&s| s));
        // Every language writes some letters, and the word boundary.
        let boundary = model().backoff[&bigrams::BOUNDARY];
        assert!(boundary.iter().all(|&cost| cost < bigrams::FLOOR));
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
