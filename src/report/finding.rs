//! Findings: each [`Change`] located in its file by line and column, with the word
//! around it for people and the structured chain for machines.
//!
//! Lines are counted from 1 and end at `\n` (the pipeline's own notion of a line, so a
//! `\r\n` ending belongs to its line and a lone `\r` does not end one). Columns are
//! counted from 1 in characters (Unicode scalar values), not bytes and not UTF-16 code
//! units; `end_column` is the column just after the last changed character, as in
//! SARIF. Byte offsets are into the text that was repaired (the file's bytes when the
//! file is UTF-8).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::explain::{Change, Step};

/// Longest stretch of a word shown on each side of a change, in characters. Words in
/// scripts written without spaces, or long URLs, would otherwise make the quoted text
/// as long as the line.
const MAX_CONTEXT_CHARS: usize = 24;

/// One change located in a file.
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::findings;
///
/// let text = "ok\nCĂ©line\n";
/// let fixed = fix_text(text, &Config::default());
/// let found = findings("names.txt", text, fixed.changes());
/// assert_eq!((found[0].line, found[0].column), (2, 2));
/// assert_eq!(found[0].word_before, "CĂ©line");
/// assert_eq!(found[0].word_after, "Céline");
/// assert_eq!(found[0].explanation, "UTF-8 read as windows-1250");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The file, as given on the command line (`<stdin>` for standard input).
    pub path: String,
    /// Line of the change, from 1.
    pub line: usize,
    /// Column of the first changed character, from 1, in characters.
    pub column: usize,
    /// Column just after the last changed character, from 1, in characters.
    pub end_column: usize,
    /// Byte range of the change in the text.
    pub byte_range: ByteRange,
    /// The changed text as it was.
    pub before: String,
    /// What replaces it.
    pub after: String,
    /// The whole word (up to whitespace) around the change, as it was.
    pub word_before: String,
    /// The same word repaired.
    pub word_after: String,
    /// The chain as one phrase: "UTF-8 read as windows-1252, then as windows-1251".
    pub explanation: String,
    /// The chain as structured steps, earliest damage first.
    pub chain: Vec<StepReport>,
    /// Confidence from 0 to 1, rounded to two decimals.
    pub confidence: f32,
}

impl Finding {
    /// The finding as one phrase: `"CĂ©line" -> "Céline" (UTF-8 read as windows-1250)`,
    /// quoting the whole words.
    pub fn message(&self) -> String {
        format!(
            "{} -> {} ({})",
            quote(&self.word_before),
            quote(&self.word_after),
            self.explanation
        )
    }
}

/// A byte range, `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByteRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One step of a chain, as data.
///
/// `kind` is `redecode` (with `page` and `lossy`), `c1_control`, `normalize` (with
/// `form`), `legacy` (a legacy encoding read as another: `source` and `page`), one of
/// the optional fixes (`html_entity`, `terminal_escape`, `curly_quote`,
/// `character_width`, `latin_ligature`, `line_break`, `control_char`, `bom`,
/// `surrogate_pair`, `lone_surrogate`), or `other` for steps newer than this report
/// format; `text` always holds the human phrase.
///
/// ```
/// use mojifix::{CodePage, Step};
/// use mojifix::report::StepReport;
/// let step = StepReport::from(&Step::Redecode { page: CodePage::Windows1250, lossy: false });
/// assert_eq!(step.kind, "redecode");
/// assert_eq!(step.page.as_deref(), Some("windows-1250"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StepReport {
    /// What kind of step.
    pub kind: String,
    /// The step as a phrase.
    pub text: String,
    /// For `redecode`: the code page the text had wrongly been decoded with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// For `redecode`: whether bytes had been lost on the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lossy: Option<bool>,
    /// For `normalize`: the form (`NFC`, `NFKC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// For `legacy`: the legacy encoding the text was written in (`page` is the one it
    /// was wrongly read with).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl From<&Step> for StepReport {
    fn from(step: &Step) -> Self {
        let mut report = StepReport {
            kind: "other".into(),
            text: step.to_string(),
            page: None,
            lossy: None,
            form: None,
            source: None,
        };
        match step {
            Step::Redecode { page, lossy } => {
                report.kind = "redecode".into();
                report.page = Some(page.name().into());
                report.lossy = Some(*lossy);
            }
            Step::C1Control => report.kind = "c1_control".into(),
            Step::HtmlEntity => report.kind = "html_entity".into(),
            Step::TerminalEscape => report.kind = "terminal_escape".into(),
            Step::CurlyQuote => report.kind = "curly_quote".into(),
            Step::CharacterWidth => report.kind = "character_width".into(),
            Step::LatinLigature => report.kind = "latin_ligature".into(),
            Step::LineBreak => report.kind = "line_break".into(),
            Step::ControlChar => report.kind = "control_char".into(),
            Step::Bom => report.kind = "bom".into(),
            Step::SurrogatePair => report.kind = "surrogate_pair".into(),
            Step::LoneSurrogate => report.kind = "lone_surrogate".into(),
            Step::Legacy { source, shown_as } => {
                report.kind = "legacy".into();
                report.page = Some(shown_as.name().to_string());
                report.source = Some(source.name().to_string());
            }
            Step::Normalize(form) => {
                report.kind = "normalize".into();
                report.form = Some(form.to_string());
            }
            // Steps added after this format was written stay readable through `text`.
            #[allow(unreachable_patterns)]
            _ => {}
        }
        report
    }
}

/// Locates every change of `text` (as returned by [`crate::fix_text`] for that text).
/// `changes` must be in input order, as [`crate::Fixed::changes`] gives them.
pub fn findings(path: &str, text: &str, changes: &[Change]) -> Vec<Finding> {
    findings_at(path, text, changes, 1, 0)
}

/// Like [`findings`], for a piece of a longer input that starts at line `first_line`
/// (from 1) and byte `offset` of it: lines and byte ranges are given in the whole
/// input. Pieces must be whole lines.
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::findings_at;
/// let piece = "CĂ©line\n";
/// let fixed = fix_text(piece, &Config::default());
/// let found = findings_at("big.txt", piece, fixed.changes(), 1001, 52_000);
/// assert_eq!((found[0].line, found[0].byte_range.start), (1001, 52_001));
/// ```
pub fn findings_at(
    path: &str,
    text: &str,
    changes: &[Change],
    first_line: usize,
    offset: usize,
) -> Vec<Finding> {
    findings_iter(path, text, changes, first_line, offset).collect()
}

/// Like [`findings_at`], one finding at a time, so that a caller can report a piece
/// with millions of changes in batches instead of holding a [`Finding`] (about a
/// kilobyte with its strings) for each of them.
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::findings_iter;
/// let piece = "CĂ©line et FranĂ§ois\n";
/// let fixed = fix_text(piece, &Config::default());
/// let columns: Vec<usize> = findings_iter("a.txt", piece, fixed.changes(), 1, 0)
///     .map(|found| found.column)
///     .collect();
/// assert_eq!(columns, [2, 16]);
/// ```
pub fn findings_iter<'a>(
    path: &'a str,
    text: &'a str,
    changes: &'a [Change],
    first_line: usize,
    offset: usize,
) -> impl Iterator<Item = Finding> + 'a {
    // A clean file, the usual case in `--check`, has no change to place: its lines
    // are not indexed at all.
    let lines = if changes.is_empty() {
        LineIndex::default()
    } else {
        LineIndex::new(text)
    };
    // Columns are counted from the previous change when it is on the same line, so
    // a line full of changes costs one pass over it, not one pass per change.
    let mut cursor = ColumnCursor::default();
    changes.iter().map(move |change| {
        let (line, line_start) = lines.locate(change.range.start);
        let line = line + first_line.max(1) - 1;
        let column = cursor.column(text, line_start, change.range.start);
        let (word_before, word_after) = word_around(text, changes, change.range.clone());
        Finding {
            path: path.to_string(),
            line,
            column,
            end_column: column + change.before.chars().count(),
            byte_range: ByteRange {
                start: change.range.start + offset,
                end: change.range.end + offset,
            },
            before: change.before.clone(),
            after: change.after.clone(),
            word_before,
            word_after,
            explanation: change.explanation(),
            chain: change.chain.iter().map(StepReport::from).collect(),
            confidence: (change.confidence * 100.0).round() / 100.0,
        }
    })
}

/// The column (from 1, in characters) of the last byte offset asked for, to count
/// the next one on the same line from there.
#[derive(Default)]
struct ColumnCursor {
    line_start: usize,
    offset: usize,
    column: usize,
}

impl ColumnCursor {
    fn column(&mut self, text: &str, line_start: usize, offset: usize) -> usize {
        let column = if self.column > 0 && self.line_start == line_start && self.offset <= offset {
            self.column + text[self.offset..offset].chars().count()
        } else {
            text[line_start..offset].chars().count() + 1
        };
        *self = ColumnCursor {
            line_start,
            offset,
            column,
        };
        column
    }
}

/// Byte offsets where lines start, for turning offsets into line numbers.
#[derive(Default)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`, and the byte where that line starts.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&start| start <= offset) - 1;
        (index + 1, self.starts[index])
    }
}

/// The word around `range` (up to whitespace, at most [`MAX_CONTEXT_CHARS`] on each
/// side), before and after repair. Other changes inside the word are applied too, so
/// the repaired word is the one the output will hold.
fn word_around(text: &str, changes: &[Change], range: Range<usize>) -> (String, String) {
    let mut start = range.start;
    for (taken, (i, c)) in text[..range.start].char_indices().rev().enumerate() {
        if c.is_whitespace() || taken == MAX_CONTEXT_CHARS {
            break;
        }
        start = i;
    }
    let mut end = range.end;
    for (taken, (i, c)) in text[range.end..].char_indices().enumerate() {
        if c.is_whitespace() || taken == MAX_CONTEXT_CHARS {
            break;
        }
        end = range.end + i + c.len_utf8();
    }
    // Widen over changes that straddle the edges so none is shown half applied. The
    // changes are sorted and disjoint, so only those from the first one ending after
    // `start` can touch the word: a line full of changes stays linear.
    let first = changes.partition_point(|c| c.range.end <= start);
    let mut last = first;
    while let Some(change) = changes.get(last) {
        if change.range.start >= end {
            break;
        }
        start = start.min(change.range.start);
        end = end.max(change.range.end);
        last += 1;
    }
    let mut after = String::with_capacity(end - start);
    let mut pos = start;
    for change in &changes[first..last] {
        after.push_str(&text[pos..change.range.start]);
        after.push_str(&change.after);
        pos = change.range.end;
    }
    after.push_str(&text[pos..end]);
    (text[start..end].to_string(), after)
}

/// Quotes `s` for a terminal or a log: in double quotes, with `"` and `\` escaped and
/// control and invisible formatting characters shown as `\u{..}`. A C1 control such as
/// U+009B would otherwise start an escape sequence on some terminals, and bidi controls
/// would reorder the line a reviewer reads.
///
/// ```
/// assert_eq!(mojifix::report::quote("parlé\u{85}"), r#""parlé\u{85}""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || is_invisible_format(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Zero-width and bidi formatting characters, which would be invisible or reorder text.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{AD}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fix_text, Config};

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        let text = "première ligne\r\nla CafÃ© et CĂ©line\n";
        let fixed = fix_text(text, &Config::default());
        let found = findings("x", text, fixed.changes());
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].line, found[0].column, found[0].end_column),
            (2, 7, 9)
        );
        assert_eq!(
            &text[found[0].byte_range.start..found[0].byte_range.end],
            "Ã©"
        );
        assert_eq!((found[1].line, found[1].column), (2, 14));
    }

    #[test]
    fn the_word_shows_every_change_inside_it() {
        let text = "a x\u{93}y\u{94}z w";
        let fixed = fix_text(text, &Config::default());
        let found = findings("x", text, fixed.changes());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].word_before, "x\u{93}y\u{94}z");
        assert_eq!(found[0].word_after, "x“y”z");
        assert_eq!(found[1].word_after, "x“y”z");
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(100);
        let text = format!("{long}CafÃ©{long}");
        let fixed = fix_text(&text, &Config::default());
        let found = findings("x", &text, fixed.changes());
        if let Some(f) = found.first() {
            assert!(f.word_before.chars().count() <= 2 * MAX_CONTEXT_CHARS + 2);
        }
    }

    #[test]
    fn first_and_last_line_without_newline() {
        let text = "CĂ©line";
        let fixed = fix_text(text, &Config::default());
        let found = findings("x", text, fixed.changes());
        assert_eq!(
            (found[0].line, found[0].column, found[0].end_column),
            (1, 2, 4)
        );
    }

    #[test]
    fn quoting_escapes_controls_and_bidi() {
        assert_eq!(quote("a\"b\\"), r#""a\"b\\""#);
        assert_eq!(quote("\u{9b}x\u{202e}"), r#""\u{9b}x\u{202e}""#);
        assert_eq!(quote("Céline"), "\"Céline\"");
    }

    #[test]
    fn legacy_steps_name_both_encodings() {
        let mut config = Config::default();
        config.set(crate::Fix::LegacyEncoding, true);
        let text = "Ïðèâåò, êàê ó òåáÿ äåëà?\n";
        let fixed = fix_text(text, &config);
        let found = findings("x", text, fixed.changes());
        let step = &found[0].chain[0];
        assert_eq!(step.kind, "legacy");
        assert_eq!(step.source.as_deref(), Some("windows-1251"));
        assert_eq!(step.page.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn steps_as_data() {
        let step = StepReport::from(&Step::C1Control);
        assert_eq!(step.kind, "c1_control");
        let json = serde_json::to_string(&step).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"c1_control","text":"C1 control that was windows-1252"}"#
        );
    }
}
