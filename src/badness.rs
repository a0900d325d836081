//! How implausible a stretch of text is: the cost model that decides whether a
//! re-decoding is an improvement.
//!
//! The model is a sum of per-character rarities (`charclass::RARITY`) and of costs for
//! adjacent pairs that correct text rarely contains but mojibake constantly does: a
//! letter next to a symbol, a lowercase letter followed by an uppercase accented one,
//! letters of two scripts in one word, a combining mark with nothing to combine with.
//! Correct words of any language cost about nothing; a garbled word costs several units
//! per garbled character. A repair is kept only when it lowers the cost by a margin
//! (`redecode::ACCEPT`), so text that is merely unusual but not more plausible after
//! re-decoding is left alone.
//!
//! Costs are in arbitrary "badness units"; every weight is a named constant below,
//! calibrated on ftfy's published cases, the project's synthetic set and the clean
//! seed texts (`tools/compare_ftfy.py` prints all three).

use crate::charclass::{classify, scripts_mix_well, Class, Kind};
use unicode_script::Script;

/// Two letters of scripts that are not written together, side by side in one word
/// ("Ð¿" is Latin then punctuation, but "Ðп" would be Latin then Cyrillic).
const SCRIPT_CLASH: f32 = 2.5;
/// A lowercase letter followed by an uppercase one, where either is non-ASCII
/// ("tÃ©"). ASCII camel case ("iPhone") is free.
const CASE_FLIP: f32 = 1.5;
/// An uppercase run continued by a non-ASCII lowercase letter ("AHř").
const CAPS_THEN_LOWER: f32 = 1.0;
/// A letter directly beside a non-ASCII symbol ("Ã©", "Ñ€").
const LETTER_SYMBOL: f32 = 1.5;
/// A letter directly before a brand mark (™ ® ©), which real names do ("NESTLÉ®").
const LETTER_BRAND: f32 = 0.3;
/// Two non-ASCII symbols side by side, unless both are box drawing ("×¢").
const SYMBOL_PAIR: f32 = 1.0;
/// Non-ASCII punctuation squeezed between two letters ("AÃ‘OS").
const PUNCT_INSIDE_WORD: f32 = 1.0;
/// A combining mark with no letter of a compatible script before it.
const MARK_WITHOUT_BASE: f32 = 1.5;
/// An overlay mark (strike-through and the like) after a non-letter, which fancy
/// text does on purpose ("$̶6̶3̶").
const OVERLAY_WITHOUT_BASE: f32 = 0.3;
/// A no-break space between two letters, with no space around.
const NBSP_INSIDE_WORD: f32 = 0.8;
/// A non-ASCII capital standing alone as a word ("Ã" for "à ").
const LONE_ACCENTED_CAPITAL: f32 = 0.5;
/// The only letter of its script in a word of otherwise different letters or digits,
/// when that script is not Latin ("5ף35").
const LONE_FOREIGN_LETTER: f32 = 1.5;

/// Punctuation that does belong inside words: apostrophes, hyphens, the Catalan middle
/// dot, Hebrew geresh and maqaf.
const WORD_INTERNAL_PUNCT: &[char] = &[
    '\u{2019}', '\u{2010}', '\u{2011}', '\u{b7}', '\u{5be}', '\u{5f3}', '\u{5f4}', '\u{2bc}',
];

/// Total cost of `chars`, which should be a word with one character of context on each
/// side where there is one.
///
/// ```ignore
/// assert!(cost(&"FranÃ§ais".chars().collect::<Vec<_>>()) > 4.0);
/// ```
pub(crate) fn cost(chars: &[char]) -> f32 {
    let classes: Vec<Class> = chars.iter().map(|&c| classify(c)).collect();
    let mut total = 0.0;
    for (i, class) in classes.iter().enumerate() {
        total += class.rarity;
        let before = i.checked_sub(1).map(|j| &classes[j]);
        let after = classes.get(i + 1);
        if class.kind == Kind::Mark {
            total += mark_cost(chars[i], before);
        }
        if let Some(prev) = before {
            let prev2 = i.checked_sub(2).map(|j| &classes[j]);
            total += pair_cost(prev, class, prev2, chars[i]);
        }
        total += context_cost(chars[i], class, before, after);
    }
    total + lone_foreign_letter_cost(&classes)
}

fn mark_cost(mark: char, base: Option<&Class>) -> f32 {
    let overlay = ('\u{334}'..='\u{338}').contains(&mark);
    match base {
        Some(b) if b.is_letter() && scripts_mix_well(b.script, classify(mark).script) => 0.0,
        Some(b) if b.kind == Kind::Mark => 0.0,
        _ if overlay => OVERLAY_WITHOUT_BASE,
        _ => MARK_WITHOUT_BASE,
    }
}

fn pair_cost(a: &Class, b: &Class, before_a: Option<&Class>, b_char: char) -> f32 {
    if a.is_letter() && b.is_letter() {
        return letter_pair_cost(a, b, before_a);
    }
    if a.is_letter() && b.is_symbolic() {
        return if matches!(b_char, '™' | '®' | '©') {
            LETTER_BRAND
        } else {
            LETTER_SYMBOL
        };
    }
    if a.is_symbolic() && b.is_letter() {
        return LETTER_SYMBOL;
    }
    let symbolish = |c: &Class| c.is_symbolic() || (c.kind == Kind::Punct && !c.ascii);
    if symbolish(a) && symbolish(b) && a.is_symbolic() != b.is_symbolic() {
        return SYMBOL_PAIR;
    }
    if a.is_symbolic() && b.is_symbolic() && !(a.kind == Kind::Box && b.kind == Kind::Box) {
        return SYMBOL_PAIR;
    }
    0.0
}

fn letter_pair_cost(a: &Class, b: &Class, before_a: Option<&Class>) -> f32 {
    let mut cost = 0.0;
    if !scripts_mix_well(a.script, b.script) {
        cost += SCRIPT_CLASH;
    }
    let non_ascii = !a.ascii || !b.ascii;
    if a.kind == Kind::Lower && b.kind == Kind::Upper && non_ascii {
        cost += CASE_FLIP;
    }
    let caps_run = before_a.is_some_and(|c| c.kind == Kind::Upper);
    if a.kind == Kind::Upper && b.kind == Kind::Lower && !b.ascii && caps_run {
        cost += CAPS_THEN_LOWER;
    }
    cost
}

/// Costs that depend on both neighbours of one character.
fn context_cost(c: char, class: &Class, before: Option<&Class>, after: Option<&Class>) -> f32 {
    let is_letter = |c: Option<&Class>| c.is_some_and(Class::is_letter);
    let is_edge = |c: Option<&Class>| c.is_none_or(|c| c.is_space() || c.kind == Kind::AsciiPunct);
    match class.kind {
        Kind::Nbsp if is_letter(before) && is_letter(after) => NBSP_INSIDE_WORD,
        Kind::Punct
            if !class.ascii
                && is_letter(before)
                && is_letter(after)
                && !WORD_INTERNAL_PUNCT.contains(&c) =>
        {
            PUNCT_INSIDE_WORD
        }
        Kind::Upper if !class.ascii && is_edge(before) && is_edge(after) => LONE_ACCENTED_CAPITAL,
        _ => 0.0,
    }
}

fn lone_foreign_letter_cost(classes: &[Class]) -> f32 {
    let mut letters = classes.iter().filter(|c| c.is_letter());
    let Some(first) = letters.next() else {
        return 0.0;
    };
    let foreign = |s: Script| !matches!(s, Script::Latin | Script::Common | Script::Inherited);
    let mut scripts = vec![(first.script, 1usize)];
    for letter in letters {
        match scripts.iter_mut().find(|(s, _)| *s == letter.script) {
            Some((_, n)) => *n += 1,
            None => scripts.push((letter.script, 1)),
        }
    }
    let has_other = classes.iter().any(|c| c.kind == Kind::Digit) || scripts.len() > 1;
    scripts
        .iter()
        .filter(|&&(s, n)| n == 1 && foreign(s) && has_other)
        .count() as f32
        * LONE_FOREIGN_LETTER
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> f32 {
        cost(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn correct_words_cost_nothing() {
        for word in [
            "Français",
            "Céline",
            "привет",
            "Ελληνικά",
            "日本語",
            "עברית",
            "Čeština",
            "weiß",
            "Tiếng",
            "VIÐ",
            "Ünïcödé",
        ] {
            assert!(c(word) < 0.6, "{word}: {}", c(word));
        }
    }

    #[test]
    fn mojibake_costs_a_lot() {
        for word in ["FranÃ§ais", "CĂ©line", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "â€œquotedâ€"]
        {
            assert!(c(word) > 2.0, "{word}: {}", c(word));
        }
    }
}
