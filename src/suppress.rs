//! Intentional mojibake: changes a project wants left alone.
//!
//! Documentation that shows mojibake on purpose ("`CafÃ©` is what you see when...")
//! must not be "repaired". Two ways to say so: a line containing `mojifix: ignore`
//! keeps all of its text, and an allowlist of strings and regular expressions keeps
//! every change that touches one of their matches on its line. This is a filter over
//! the change list, applied after repair, so every mode (print, write, check, diff,
//! explain) sees the same result.
//!
//! Invariant: the repaired text equals the input with every kept change applied (the
//! changes are disjoint and in order), so dropping changes and re-applying the rest
//! gives exactly the text the kept changes describe. When nothing is dropped, the
//! pipeline's own text is returned untouched.

use std::borrow::Cow;
use std::ops::Range;

use regex::Regex;

use crate::{Change, Fixed};

/// The marker that keeps a line as it is.
pub const IGNORE_MARKER: &str = "mojifix: ignore";

/// Which changes to drop: lines marked `mojifix: ignore`, and allowlisted text.
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::suppress::Suppressions;
///
/// let text = "CafÃ© # mojifix: ignore\nCafÃ©\nL'exemple CĂ©line\n";
/// let allow = Suppressions::new(&["CĂ©line".to_string()], &[]).unwrap();
/// let fixed = allow.apply(text, fix_text(text, &Config::default()));
/// assert_eq!(fixed.text(), "CafÃ© # mojifix: ignore\nCafé\nL'exemple CĂ©line\n");
/// assert_eq!(fixed.changes().len(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    allowed: Vec<Regex>,
}

impl Suppressions {
    /// Suppressions with allowlisted literal `strings` and `regexes` (`regex` crate
    /// syntax). The `mojifix: ignore` marker always applies.
    pub fn new(strings: &[String], regexes: &[String]) -> Result<Self, regex::Error> {
        let mut allowed = Vec::with_capacity(strings.len() + regexes.len());
        for s in strings {
            allowed.push(Regex::new(&regex::escape(s))?);
        }
        for r in regexes {
            allowed.push(Regex::new(r)?);
        }
        Ok(Suppressions { allowed })
    }

    /// `fixed` (the repair of `text`) without the suppressed changes.
    pub fn apply<'a>(&self, text: &'a str, fixed: Fixed<'a>) -> Fixed<'a> {
        if !fixed.changed() {
            return fixed;
        }
        // Which changes stay, decided before any is moved: most runs suppress
        // nothing, and then `fixed` is returned as it is, without copying a change.
        let mut keep = Vec::with_capacity(fixed.changes.len());
        let mut line_cache: Option<(Range<usize>, bool, Vec<Range<usize>>)> = None;
        for change in &fixed.changes {
            // Changes come in order: look the line up only when a change leaves the
            // cached one. Finding it anew for every change cost a scan of the whole
            // line per change, quadratic on a long line full of changes (5 million
            // C1 controls on one line took hours).
            let start = change.range.start;
            let on_cached_line = line_cache
                .as_ref()
                .is_some_and(|(r, _, _)| r.start <= start && start <= r.end);
            if !on_cached_line {
                let line = line_around(text, start);
                let content = &text[line.clone()];
                let ignored = content.contains(IGNORE_MARKER);
                let matches = if ignored {
                    Vec::new()
                } else {
                    self.matches(content, line.start)
                };
                line_cache = Some((line, ignored, matches));
            }
            let (_, ignored, matches) = line_cache.as_ref().expect("filled above");
            let allowed = matches.iter().any(|m| overlaps(m, &change.range));
            keep.push(!(*ignored || allowed));
        }
        if keep.iter().all(|&k| k) {
            return fixed;
        }
        let kept: Vec<Change> = fixed
            .changes
            .into_iter()
            .zip(keep)
            .filter_map(|(change, keep)| keep.then_some(change))
            .collect();
        let text = if kept.is_empty() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(apply_changes(text, &kept))
        };
        Fixed {
            text,
            changes: kept,
        }
    }

    /// Byte ranges, in the whole text, of every allowlisted match on a line.
    fn matches(&self, line: &str, base: usize) -> Vec<Range<usize>> {
        self.allowed
            .iter()
            .flat_map(|re| re.find_iter(line))
            .map(|m| m.start() + base..m.end() + base)
            .collect()
    }
}

/// Whether two byte ranges share a byte (an empty change counts at its position).
fn overlaps(allowed: &Range<usize>, change: &Range<usize>) -> bool {
    let change_end = change.end.max(change.start + 1);
    allowed.start < change_end && change.start < allowed.end
}

/// The line holding byte `offset`, without its `\n`.
fn line_around(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// `text` with `changes` (disjoint, in order) applied.
pub(crate) fn apply_changes(text: &str, changes: &[Change]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for change in changes {
        out.push_str(&text[pos..change.range.start]);
        out.push_str(&change.after);
        pos = change.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fix_text, Config};

    fn run(text: &str, strings: &[&str], regexes: &[&str]) -> String {
        let strings: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
        let regexes: Vec<String> = regexes.iter().map(|s| s.to_string()).collect();
        let s = Suppressions::new(&strings, &regexes).unwrap();
        s.apply(text, fix_text(text, &Config::default()))
            .text()
            .to_string()
    }

    #[test]
    fn the_marker_keeps_only_its_line() {
        let text = "a CafÃ© <!-- mojifix: ignore -->\r\nb CafÃ©\r\n";
        assert_eq!(
            run(text, &[], &[]),
            "a CafÃ© <!-- mojifix: ignore -->\r\nb Café\r\n"
        );
    }

    #[test]
    fn regexes_allow_their_matches_only() {
        let text = "shows Ã© here, but FranÃ§ais is wrong\n";
        assert_eq!(
            run(text, &[], &[r"Ã©"]),
            "shows Ã© here, but Français is wrong\n"
        );
    }

    #[test]
    fn nothing_dropped_keeps_the_pipeline_text() {
        let text = "CafÃ©\n";
        let s = Suppressions::default();
        let fixed = s.apply(text, fix_text(text, &Config::default()));
        assert_eq!(fixed, fix_text(text, &Config::default()));
    }

    #[test]
    fn applying_every_change_gives_the_repaired_text() {
        for text in [
            "CafÃ© et CĂ©line\nâ€œquotedâ€\u{9d} x\u{85}\n",
            "Cafe\u{301} ÃƒÂ©t\r\nok",
        ] {
            let fixed = fix_text(text, &Config::default());
            assert_eq!(
                apply_changes(text, fixed.changes()),
                fixed.text(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn each_change_is_judged_by_its_own_line() {
        // Several changes per line, lines alternating marked and not, a change right
        // before a line break: the line looked up once per line must still be the
        // right one for every change.
        let text =
            "CafÃ© x\u{85} y\u{85}\nCafÃ© \u{85} mojifix: ignore \u{85}\nCafÃ©\u{85}\n\u{85}";
        assert_eq!(
            run(text, &[], &[]),
            "Café x… y…\nCafÃ© \u{85} mojifix: ignore \u{85}\nCafé…\n…"
        );
    }

    #[test]
    fn bad_regex_is_an_error() {
        assert!(Suppressions::new(&[], &["(".to_string()]).is_err());
    }
}
