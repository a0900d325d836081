//! The fixes around the re-decoding engine, for one line, and the bookkeeping that
//! maps every change back to the input.
//!
//! Order, and why:
//! 1. Before the engine: terminal escapes, HTML references, control characters,
//!    byte order marks and surrogates. They undo a *representation* of characters
//!    (`&eacute;`, `\ud83d\ude00`) or remove noise that would split a garbled word
//!    (`Ã\u{1}©`), so the engine must see their result.
//! 2. Legacy-to-legacy mojibake (whole lines), unless the engine reads the line as
//!    UTF-8 mojibake; then the engine: re-decoding, C1 controls, normalization.
//! 3. After it: ligatures, character width, curly quotes, line breaks. These change
//!    characters that mojibake is made of (`Ã‘` holds a curly quote, `â€¨` becomes
//!    U+2028), so they must see repaired text. Normalization runs again when they
//!    changed anything.
//!
//! Each step produces edits from its input to its output; [`compose`] joins two such
//! lists into one from the original line to the latest text, merging edits that
//! touch, so that each final change is one range of the input with the whole chain of
//! steps that explains it. A line no fix applies to costs one scan per enabled fix
//! and allocates nothing.

use std::ops::Range;

use super::surrogates::SurrogateKind;
use super::{apply, Fix, Replacement};
use crate::explain::{Change, Step};
use crate::pipeline::{common_affixes, fix_line_until_stable, readable_affixes};
use crate::Config;

/// An edit from one text (`src`) to the next (`out`).
#[derive(Clone, Debug, PartialEq)]
struct Edit {
    src: Range<usize>,
    out: Range<usize>,
    chain: Vec<Step>,
    confidence: f32,
}

/// The current text of a line and the edits from the original line to it.
struct Rewrite {
    text: String,
    edits: Vec<Edit>,
}

/// Runs the configured fixes and the engine over one `line`, whose content (the line
/// without its ending) is `content_len` bytes long; returns the new line, ending
/// included, or `None` when nothing changed. Changes are appended with byte ranges
/// offset by `base`.
pub(crate) fn fix_line(
    line: &str,
    content_len: usize,
    base: usize,
    html_allowed: bool,
    config: &Config,
    changes: &mut Vec<Change>,
) -> Option<String> {
    if nothing_to_do(line) {
        return None;
    }
    let mut state = State {
        line,
        original: &line[..content_len],
        ending: &line[content_len..],
        current: None,
        applied: 0,
    };
    // Each fix runs only when one pass over the current text found a character it
    // starts from; the pass is repeated only after something changed the text.
    let mut mask = (usize::MAX, 0u32);
    let mut wanted = |state: &State, fix: Fix| {
        if !config.enabled(fix) {
            return false;
        }
        if mask.0 != state.applied {
            mask = (state.applied, candidates(state.current_text()));
        }
        mask.1 & candidate_bit(fix) != 0
    };
    if wanted(&state, Fix::TerminalEscapes) {
        state.step(super::terminal::terminal_escapes, |_| Step::TerminalEscape);
    }
    if html_allowed && wanted(&state, Fix::HtmlEntities) {
        state.step(super::html::html_entities, |_| Step::HtmlEntity);
    }
    if wanted(&state, Fix::ControlChars) {
        state.step(super::control::control_chars, |_| Step::ControlChar);
    }
    if wanted(&state, Fix::Bom) {
        state.step(super::bom::byte_order_marks, |_| Step::Bom);
    }
    if wanted(&state, Fix::Surrogates) {
        state.surrogates();
    }
    if config.enabled(Fix::LegacyEncoding) {
        state.legacy(config);
    }
    state.engine(config);
    let before_post = state.applied;
    if wanted(&state, Fix::LatinLigatures) {
        state.step(super::ligatures::latin_ligatures, |_| Step::LatinLigature);
    }
    if wanted(&state, Fix::CharacterWidth) {
        state.step(super::width::character_width, |_| Step::CharacterWidth);
    }
    if wanted(&state, Fix::CurlyQuotes) {
        state.step(super::quotes::curly_quotes, |_| Step::CurlyQuote);
    }
    if wanted(&state, Fix::LineBreaks) {
        state.step_with_ending(super::line_breaks::line_breaks, |_| Step::LineBreak);
    }
    if state.applied != before_post {
        state.normalize(config);
    }
    let rewrite = state.current?;
    let mut any = false;
    for edit in &rewrite.edits {
        let before = &line[edit.src.clone()];
        let after = &rewrite.text[edit.out.clone()];
        if before == after {
            continue;
        }
        // A re-decoded span reads whole ("Ã¢â‚¬Å“" -> "“"); a removal is just that.
        let redecoded = edit
            .chain
            .iter()
            .any(|s| matches!(s, Step::Redecode { .. }));
        let (prefix, suffix) = if redecoded {
            readable_affixes(before, after)
        } else {
            common_affixes(before, after)
        };
        any = true;
        changes.push(Change {
            range: base + edit.src.start + prefix..base + edit.src.end - suffix,
            before: before[prefix..before.len() - suffix].to_string(),
            after: after[prefix..after.len() - suffix].to_string(),
            chain: edit.chain.clone(),
            confidence: edit.confidence,
        });
    }
    any.then_some(rewrite.text)
}

/// Whether no fix can apply to `line`: it is ASCII without any byte a fix starts
/// from (`&`, `\\`, ESC and other controls, CR). One tight scan, so that the common
/// case costs about what the safe preset costs.
fn nothing_to_do(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b' '..=b'%' | b'\''..=b'[' | b']'..=b'~' | b'\t' | b'\n' | 0x0C))
}

/// The bit of `fix` in a [`candidates`] mask.
fn candidate_bit(fix: Fix) -> u32 {
    1 << (fix as u32)
}

/// The fixes that may apply to `text`: each has a character it starts from. A
/// superset is fine (the fix itself decides); missing one is not.
fn candidates(text: &str) -> u32 {
    let bit = candidate_bit;
    let mut mask = 0;
    for c in text.chars() {
        mask |= match c {
            '\t' | '\n' | '\u{C}' | ' '..='%' | '\''..='[' | ']'..='~' => continue,
            '&' => bit(Fix::HtmlEntities),
            '\\' | '\u{ED}' => bit(Fix::Surrogates),
            '\u{1B}' => bit(Fix::TerminalEscapes) | bit(Fix::ControlChars),
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => bit(Fix::LineBreaks),
            '\u{0}'..='\u{1F}' | '\u{7F}' | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFC}' => {
                bit(Fix::ControlChars)
            }
            '\u{FEFF}' => bit(Fix::Bom),
            '\u{2BC}' | '\u{2018}'..='\u{201F}' => bit(Fix::CurlyQuotes),
            '\u{3000}' | '\u{FF01}'..='\u{FFEE}' => bit(Fix::CharacterWidth),
            '\u{132}'
            | '\u{133}'
            | '\u{149}'
            | '\u{1C4}'..='\u{1CC}'
            | '\u{1F1}'..='\u{1F3}'
            | '\u{FB00}'..='\u{FB06}' => bit(Fix::LatinLigatures),
            _ => continue,
        };
    }
    mask
}

/// A line on its way through the fixes.
struct State<'a> {
    line: &'a str,
    original: &'a str,
    ending: &'a str,
    /// `None` while nothing has changed.
    current: Option<Rewrite>,
    /// How many steps changed the line so far.
    applied: usize,
}

impl State<'_> {
    /// The current text, line ending included.
    fn current_text(&self) -> &str {
        self.current.as_ref().map_or(self.line, |r| r.text.as_str())
    }

    /// The current text without the line ending.
    fn content(&self) -> &str {
        match &self.current {
            Some(r) => &r.text[..r.text.len() - self.ending.len()],
            None => self.original,
        }
    }

    /// Applies a fix that works on the line's content.
    fn step(&mut self, find: fn(&str) -> Vec<Replacement>, step: fn(&Replacement) -> Step) {
        let reps = find(self.content());
        self.push(reps, step);
    }

    /// Applies a fix that also sees the line's ending.
    fn step_with_ending(
        &mut self,
        find: fn(&str) -> Vec<Replacement>,
        step: fn(&Replacement) -> Step,
    ) {
        let reps = match &self.current {
            Some(r) => find(&r.text),
            None => find(self.line),
        };
        self.push(reps, step);
    }

    fn surrogates(&mut self) {
        let found = super::surrogates::surrogates(self.content());
        if found.is_empty() {
            return;
        }
        let kinds: Vec<SurrogateKind> = found.iter().map(|(_, k)| *k).collect();
        let reps: Vec<Replacement> = found.into_iter().map(|(r, _)| r).collect();
        let edits = edits_for(&reps, |i| match kinds[i] {
            SurrogateKind::Pair => Step::SurrogatePair,
            SurrogateKind::Lone => Step::LoneSurrogate,
        });
        let text = apply(&self.text_with_ending(), &reps);
        self.then(text, edits);
    }

    /// Repairs a line in one legacy encoding shown as another, unless the engine
    /// explains most of the line as UTF-8 mojibake: then that is what it is (double
    /// garbling through Mac Roman can look like Shift_JIS shown as windows-1252).
    fn legacy(&mut self, config: &Config) {
        let Some((rep, pair)) = super::legacy::legacy_mojibake(self.content()) else {
            return;
        };
        if engine_explains_most_of(self.content(), config) {
            return;
        }
        let step = Step::Legacy {
            source: pair.source,
            shown_as: pair.shown_as,
        };
        let reps = [rep];
        let edits = edits_for(&reps, |_| step);
        let text = apply(&self.text_with_ending(), &reps);
        self.then(text, edits);
    }

    fn push(&mut self, reps: Vec<Replacement>, step: fn(&Replacement) -> Step) {
        if reps.is_empty() {
            return;
        }
        let edits = edits_for(&reps, |i| step(&reps[i]));
        let text = apply(&self.text_with_ending(), &reps);
        self.then(text, edits);
    }

    fn text_with_ending(&self) -> String {
        match &self.current {
            Some(r) => r.text.clone(),
            None => self.line.to_string(),
        }
    }

    /// Runs re-decoding, C1 controls and normalization on the current content.
    fn engine(&mut self, config: &Config) {
        let mut engine_changes = Vec::new();
        let Some(fixed) = fix_line_until_stable(self.content(), 0, config, &mut engine_changes)
        else {
            return;
        };
        let mut edits = Vec::with_capacity(engine_changes.len());
        let mut delta: isize = 0;
        for change in engine_changes {
            let start = change.range.start.checked_add_signed(delta).unwrap_or(0);
            let out = start..start + change.after.len();
            delta += change.after.len() as isize - change.range.len() as isize;
            edits.push(Edit {
                src: change.range,
                out,
                chain: change.chain,
                confidence: change.confidence,
            });
        }
        let mut text = fixed;
        text.push_str(self.ending);
        self.then(text, edits);
    }

    /// Normalizes again after the fixes that follow the engine changed the line.
    fn normalize(&mut self, config: &Config) {
        let Some(current) = &self.current else { return };
        let Some(normalized) = config.normalization.apply(&current.text) else {
            return;
        };
        let (prefix, suffix) = common_affixes(&current.text, &normalized);
        let edit = Edit {
            src: prefix..current.text.len() - suffix,
            out: prefix..normalized.len() - suffix,
            chain: vec![Step::Normalize(config.normalization)],
            confidence: 1.0,
        };
        self.then(normalized, vec![edit]);
    }

    fn then(&mut self, text: String, edits: Vec<Edit>) {
        self.applied += 1;
        let composed = match self.current.take() {
            Some(previous) => compose(&previous.edits, &edits),
            None => edits,
        };
        self.current = Some(Rewrite {
            text,
            edits: composed,
        });
    }
}

/// Share of a line's non-ASCII characters the engine must re-decode for its reading
/// (UTF-8 mojibake) to win over a legacy-encoding reading of the whole line. Set on
/// `tools/legacy_eval.py`: the engine's stray repairs inside legacy mojibake cover
/// a few words; its real repairs cover nearly every non-ASCII character.
const ENGINE_SHARE: f32 = 0.8;

fn engine_explains_most_of(content: &str, config: &Config) -> bool {
    let mut changes = Vec::new();
    if fix_line_until_stable(content, 0, config, &mut changes).is_none() {
        return false;
    }
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let covered: usize = changes.iter().map(|c| non_ascii(&c.before)).sum();
    covered as f32 >= ENGINE_SHARE * non_ascii(content) as f32
}

/// Edits for replacements applied to a text, with output positions.
fn edits_for(reps: &[Replacement], step: impl Fn(usize) -> Step) -> Vec<Edit> {
    let mut delta: isize = 0;
    reps.iter()
        .enumerate()
        .map(|(i, rep)| {
            let start = rep.range.start.checked_add_signed(delta).unwrap_or(0);
            delta += rep.text.len() as isize - rep.range.len() as isize;
            Edit {
                src: rep.range.clone(),
                out: start..start + rep.text.len(),
                chain: vec![step(i)],
                confidence: 1.0,
            }
        })
        .collect()
}

/// Joins `first` (edits from S to T) and `second` (from T to U) into edits from S to
/// U. Edits of the two lists that overlap in T become one edit, whose chain is the
/// first's steps followed by the second's.
fn compose(first: &[Edit], second: &[Edit]) -> Vec<Edit> {
    // Every edit as an interval of the middle text T, tagged with its list.
    let mut items: Vec<(Range<usize>, bool, usize)> = first
        .iter()
        .enumerate()
        .map(|(i, e)| (e.out.clone(), true, i))
        .chain(
            second
                .iter()
                .enumerate()
                .map(|(j, e)| (e.src.clone(), false, j)),
        )
        .collect();
    items.sort_by_key(|(range, is_first, _)| (range.start, range.end, !*is_first));

    let mut out = Vec::new();
    let mut last_first: Option<usize> = None;
    let mut last_second: Option<usize> = None;
    let mut i = 0;
    while i < items.len() {
        let mut region = items[i].0.clone();
        let mut members = vec![i];
        i += 1;
        while i < items.len() && items[i].0.start < region.end {
            region.end = region.end.max(items[i].0.end);
            members.push(i);
            i += 1;
        }
        let firsts: Vec<usize> = members
            .iter()
            .filter(|&&m| items[m].1)
            .map(|&m| items[m].2)
            .collect();
        let seconds: Vec<usize> = members
            .iter()
            .filter(|&&m| !items[m].1)
            .map(|&m| items[m].2)
            .collect();

        // T -> S through the edits of `first`, T -> U through those of `second`.
        let back = |pos: usize, last: Option<usize>| {
            last.map_or(pos, |k| first[k].src.end + pos - first[k].out.end)
        };
        let forward = |pos: usize, last: Option<usize>| {
            last.map_or(pos, |k| second[k].out.end + pos - second[k].src.end)
        };
        let src_start = back(region.start, last_first);
        let out_start = forward(region.start, last_second);
        if let Some(&k) = firsts.last() {
            last_first = Some(k);
        }
        if let Some(&k) = seconds.last() {
            last_second = Some(k);
        }
        let src_end = back(region.end, last_first);
        let out_end = forward(region.end, last_second);

        let mut chain = Vec::new();
        let mut confidence: f32 = 1.0;
        for edit in firsts
            .iter()
            .map(|&k| &first[k])
            .chain(seconds.iter().map(|&k| &second[k]))
        {
            for step in &edit.chain {
                if !chain.contains(step) {
                    chain.push(*step);
                }
            }
            confidence = confidence.min(edit.confidence);
        }
        out.push(Edit {
            src: src_start..src_end,
            out: out_start..out_end,
            chain,
            confidence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(src: Range<usize>, out: Range<usize>, step: Step) -> Edit {
        Edit {
            src,
            out,
            chain: vec![step],
            confidence: 1.0,
        }
    }

    #[test]
    fn plain_ascii_lines_are_skipped_and_others_are_not() {
        assert!(nothing_to_do(
            "Plain text, (with) [brackets] {and} 100% ~tildes~!\n"
        ));
        for line in [
            "a &amp; b",
            "a\\u00e9",
            "\u{1b}[0m",
            "a\r\n",
            "\u{0}",
            "\u{7f}",
            "é",
        ] {
            assert!(!nothing_to_do(line), "{line:?}");
        }
    }

    #[test]
    fn candidates_find_what_each_fix_starts_from() {
        let cases = [
            (Fix::HtmlEntities, "a &amp; b"),
            (Fix::TerminalEscapes, "\u{1b}[0m"),
            (Fix::ControlChars, "a\u{0}b"),
            (Fix::Bom, "\u{feff}"),
            (Fix::Surrogates, r"\ud83d"),
            (Fix::Surrogates, "\u{ed}\u{a0}\u{bd}"),
            (Fix::CurlyQuotes, "’"),
            (Fix::CharacterWidth, "Ａ"),
            (Fix::LatinLigatures, "ﬁ"),
            (Fix::LineBreaks, "a\r\n"),
        ];
        for (fix, text) in cases {
            assert_ne!(candidates(text) & candidate_bit(fix), 0, "{fix}: {text:?}");
        }
        assert_eq!(candidates("Naïve café, привет, 日本語.\n"), 0);
    }

    #[test]
    fn compose_keeps_separate_edits_and_shifts_them() {
        // S "a&amp;b“c" -> T "a&b“c" -> U "a&b\"c"
        let first = [edit(1..6, 1..2, Step::HtmlEntity)];
        let second = [edit(3..6, 3..4, Step::CurlyQuote)];
        let composed = compose(&first, &second);
        assert_eq!(
            composed,
            [
                edit(1..6, 1..2, Step::HtmlEntity),
                edit(7..10, 3..4, Step::CurlyQuote)
            ]
        );
    }

    #[test]
    fn compose_merges_overlapping_edits_and_chains_their_steps() {
        // S "x&#x201C;" -> T "x“" -> U "x\""
        let first = [edit(1..9, 1..4, Step::HtmlEntity)];
        let second = [edit(1..4, 1..2, Step::CurlyQuote)];
        let composed = compose(&first, &second);
        assert_eq!(composed.len(), 1);
        assert_eq!(composed[0].src, 1..9);
        assert_eq!(composed[0].out, 1..2);
        assert_eq!(composed[0].chain, [Step::HtmlEntity, Step::CurlyQuote]);
    }

    #[test]
    fn compose_handles_deletions_next_to_each_other() {
        // S "ab\u{1}\u{1}c" -> T "abc" (two deletions at 2) -> U "aBc"
        let first = [
            edit(2..3, 2..2, Step::ControlChar),
            edit(3..4, 2..2, Step::ControlChar),
        ];
        let second = [edit(1..2, 1..2, Step::CurlyQuote)];
        let composed = compose(&first, &second);
        let srcs: Vec<_> = composed.iter().map(|e| e.src.clone()).collect();
        assert_eq!(srcs, [1..2, 2..3, 3..4]);
        let outs: Vec<_> = composed.iter().map(|e| e.out.clone()).collect();
        assert_eq!(outs, [1..2, 2..2, 2..2]);
    }
}
