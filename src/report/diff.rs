//! Unified diffs of a repair, made with `similar`, that `git apply` and `patch -p1`
//! accept: `a/` and `b/` headers, `\ No newline at end of file` where a file lacks a
//! final newline, and lines split at `\n` only, so `\r\n` endings and lone `\r`
//! characters stay inside their lines exactly as the file has them (`similar`'s own
//! line splitter would also break at a lone `\r`, which `git apply` does not).
//!
//! The line operations come from the repair's own [`Change`] list: every change
//! marks its lines as replaced, and the lines between are equal. That is exact and
//! linear, where a general line diff (Myers) grows with the product of the file's
//! length and the number of changed lines, and can align repeated lines
//! arbitrarily. The operations are checked (equal lines must be equal, all lines
//! covered) and, should they not hold, `similar`'s own diff is used. `similar`
//! groups them into hunks and writes the hunk headers.
//!
//! With colour, removed and added lines are red and green and the characters that
//! changed inside them are shown in reverse video, located from the same changes.

use std::io::{self, Write};
use std::ops::Range;

use anstyle::{AnsiColor, Style};
use similar::udiff::UnifiedHunkHeader;
use similar::{group_diff_ops, ChangeTag, DiffOp, TextDiff};

use crate::explain::Change;
use crate::suppress::apply_changes;

/// Lines of context around each hunk, as `diff -u` and git use.
const CONTEXT_LINES: usize = 3;

/// How long the general diff may search before settling for a coarser (still
/// correct) diff. It is only used when the changes do not describe the texts.
const FALLBACK_DIFF_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

const HEADER_STYLE: Style = Style::new().bold();
const HUNK_STYLE: Style = AnsiColor::Cyan.on_default();
const DELETE_STYLE: Style = AnsiColor::Red.on_default();
const INSERT_STYLE: Style = AnsiColor::Green.on_default();

/// How to draw a diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiffStyle {
    /// ANSI colours, with changed spans inside lines highlighted.
    pub color: bool,
}

impl DiffStyle {
    /// A style with colour on or off.
    pub fn with_color(color: bool) -> Self {
        DiffStyle { color }
    }
}

/// The unified diff from `old` to `new` for the file `path`; empty when they are equal.
/// `changes` are the repair's changes of `old` (used only to highlight spans).
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::{unified_diff, DiffStyle};
///
/// let old = "ok\nCafÃ©";
/// let fixed = fix_text(old, &Config::default());
/// let diff = unified_diff("menu.txt", old, fixed.text(), fixed.changes(), DiffStyle::default());
/// assert_eq!(diff, "--- a/menu.txt\n+++ b/menu.txt\n@@ -1,2 +1,2 @@\n ok\n-CafÃ©\n\\ No newline at end of file\n+Café\n\\ No newline at end of file\n");
/// ```
pub fn unified_diff(
    path: &str,
    old: &str,
    new: &str,
    changes: &[Change],
    style: DiffStyle,
) -> String {
    let mut out = Vec::new();
    write_unified_diff(&mut out, path, old, new, changes, style)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the diff of two strings is UTF-8")
}

/// Writes the unified diff from `old` to `new` to `out`; nothing when they are equal.
pub fn write_unified_diff(
    out: &mut dyn Write,
    path: &str,
    old: &str,
    new: &str,
    changes: &[Change],
    style: DiffStyle,
) -> io::Result<()> {
    if old == new {
        return Ok(());
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = ops_from_changes(old, new, &old_lines, &new_lines, changes).unwrap_or_else(|| {
        TextDiff::configure()
            .timeout(FALLBACK_DIFF_TIMEOUT)
            .diff_slices(&old_lines, &new_lines)
            .ops()
            .to_vec()
    });
    let spans = Spans::new(old, new, &old_lines, &new_lines, changes);
    let path = patch_path(path);
    let paint = Painter(style.color);
    paint.line(out, HEADER_STYLE, &format!("--- a/{path}"))?;
    paint.line(out, HEADER_STYLE, &format!("+++ b/{path}"))?;
    for group in group_diff_ops(ops, CONTEXT_LINES) {
        paint.line(out, HUNK_STYLE, &UnifiedHunkHeader::new(&group).to_string())?;
        for change in group
            .iter()
            .flat_map(|op| op.iter_changes(&old_lines[..], &new_lines[..]))
        {
            let line: &str = change.value();
            match change.tag() {
                ChangeTag::Equal => paint.plain(out, ' ', line)?,
                ChangeTag::Delete => {
                    let marks = change
                        .old_index()
                        .map(|i| spans.on_old_line(i))
                        .unwrap_or_default();
                    paint.marked(out, '-', DELETE_STYLE, line, &marks)?;
                }
                ChangeTag::Insert => {
                    let marks = change
                        .new_index()
                        .map(|i| spans.on_new_line(i))
                        .unwrap_or_default();
                    paint.marked(out, '+', INSERT_STYLE, line, &marks)?;
                }
            }
            if !line.ends_with('\n') {
                out.write_all(b"\n\\ No newline at end of file\n")?;
            }
        }
    }
    Ok(())
}

/// The line operations that turn `old` into `new`, read from `changes`; `None` when
/// the changes do not describe the texts (then a general diff is made).
fn ops_from_changes(
    old: &str,
    new: &str,
    old_lines: &[&str],
    new_lines: &[&str],
    changes: &[Change],
) -> Option<Vec<DiffOp>> {
    if old_lines.is_empty() || new_lines.is_empty() || apply_changes(old, changes) != new {
        return None;
    }
    let old_starts = line_starts(old_lines);
    let new_starts = line_starts(new_lines);
    // Each change replaces the lines it touches; touching or overlapping regions merge.
    let mut regions: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut shift: isize = 0;
    for change in changes {
        let out_start = usize::try_from(change.range.start as isize + shift).ok()?;
        shift += change.after.len() as isize - change.before.len() as isize;
        let old_span = line_span(&old_starts, change.range.clone());
        let new_span = line_span(&new_starts, out_start..out_start + change.after.len());
        match regions.last_mut() {
            Some((o, n)) if old_span.start <= o.end || new_span.start <= n.end => {
                o.end = o.end.max(old_span.end);
                n.end = n.end.max(new_span.end);
            }
            _ => regions.push((old_span, new_span)),
        }
    }
    let end = (
        old_lines.len()..old_lines.len(),
        new_lines.len()..new_lines.len(),
    );
    let mut ops = Vec::with_capacity(regions.len() * 2 + 1);
    let (mut old_pos, mut new_pos) = (0, 0);
    for (o, n) in regions.into_iter().chain([end]) {
        let len = o.start.checked_sub(old_pos)?;
        if n.start.checked_sub(new_pos)? != len
            || (0..len).any(|k| old_lines[old_pos + k] != new_lines[new_pos + k])
        {
            return None;
        }
        if len > 0 {
            ops.push(DiffOp::Equal {
                old_index: old_pos,
                new_index: new_pos,
                len,
            });
        }
        ops.extend(replacement(o.clone(), n.clone()));
        (old_pos, new_pos) = (o.end, n.end);
    }
    Some(ops)
}

/// The operation that replaces the `old` lines with the `new` ones.
fn replacement(old: Range<usize>, new: Range<usize>) -> Option<DiffOp> {
    let (old_len, new_len) = (old.len(), new.len());
    match (old_len, new_len) {
        (0, 0) => None,
        (0, _) => Some(DiffOp::Insert {
            old_index: old.start,
            new_index: new.start,
            new_len,
        }),
        (_, 0) => Some(DiffOp::Delete {
            old_index: old.start,
            old_len,
            new_index: new.start,
        }),
        _ => Some(DiffOp::Replace {
            old_index: old.start,
            old_len,
            new_index: new.start,
            new_len,
        }),
    }
}

/// The lines (indices) that the byte range touches; an empty range touches the line
/// it sits on.
fn line_span(starts: &[usize], range: Range<usize>) -> Range<usize> {
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    let first = line_of(range.start);
    let last = line_of(range.end.saturating_sub(1).max(range.start));
    first..last + 1
}

/// The path as a patch header shows it: forward slashes, no leading `./`.
fn patch_path(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path.trim_start_matches('/').to_string()
}

/// Where the changes lie on each old and new line, in bytes from the line's start.
struct Spans {
    old: Vec<Vec<Range<usize>>>,
    new: Vec<Vec<Range<usize>>>,
}

impl Spans {
    fn new(
        old: &str,
        new: &str,
        old_lines: &[&str],
        new_lines: &[&str],
        changes: &[Change],
    ) -> Self {
        let mut spans = Spans {
            old: vec![Vec::new(); old_lines.len()],
            new: vec![Vec::new(); new_lines.len()],
        };
        let old_starts = line_starts(old_lines);
        let new_starts = line_starts(new_lines);
        // Output positions follow from the input ones: each change shifts what comes
        // after it by the difference of its lengths.
        let mut shift: isize = 0;
        for change in changes {
            let range = change.range.clone();
            let out_start = range.start as isize + shift;
            shift += change.after.len() as isize - change.before.len() as isize;
            Self::place(&mut spans.old, &old_starts, old, range);
            if let Ok(start) = usize::try_from(out_start) {
                Self::place(
                    &mut spans.new,
                    &new_starts,
                    new,
                    start..start + change.after.len(),
                );
            }
        }
        spans
    }

    /// Records `range` on the lines it covers, if it is a valid range of `text`.
    fn place(lines: &mut [Vec<Range<usize>>], starts: &[usize], text: &str, range: Range<usize>) {
        if range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            return;
        }
        let first = starts
            .partition_point(|&s| s <= range.start)
            .saturating_sub(1);
        for (line, &start) in starts.iter().enumerate().skip(first) {
            if start >= range.end && line > first {
                break;
            }
            let end = starts.get(line + 1).copied().unwrap_or(text.len());
            let from = range.start.max(start) - start;
            let to = range.end.min(end) - start;
            if from < to {
                lines[line].push(from..to);
            }
        }
    }

    fn on_old_line(&self, line: usize) -> Vec<Range<usize>> {
        self.old.get(line).cloned().unwrap_or_default()
    }

    fn on_new_line(&self, line: usize) -> Vec<Range<usize>> {
        self.new.get(line).cloned().unwrap_or_default()
    }
}

fn line_starts(lines: &[&str]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(lines.len());
    let mut pos = 0;
    for line in lines {
        starts.push(pos);
        pos += line.len();
    }
    starts
}

/// Writes diff lines, with or without colour.
struct Painter(bool);

impl Painter {
    fn line(&self, out: &mut dyn Write, style: Style, text: &str) -> io::Result<()> {
        if self.0 {
            writeln!(out, "{}{text}{}", style.render(), style.render_reset())
        } else {
            writeln!(out, "{text}")
        }
    }

    fn plain(&self, out: &mut dyn Write, tag: char, line: &str) -> io::Result<()> {
        write!(out, "{tag}{line}")
    }

    /// A removed or added line; colour stops before the line ending so that terminals
    /// do not paint the rest of the row.
    fn marked(
        &self,
        out: &mut dyn Write,
        tag: char,
        style: Style,
        line: &str,
        marks: &[Range<usize>],
    ) -> io::Result<()> {
        if !self.0 {
            return write!(out, "{tag}{line}");
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let strong = style.invert();
        write!(out, "{}{tag}", style.render())?;
        let mut pos = 0;
        for mark in marks.iter().filter(|m| m.end <= body.len()) {
            write!(out, "{}", &body[pos..mark.start])?;
            write!(
                out,
                "{}{}{}{}",
                strong.render(),
                &body[mark.clone()],
                strong.render_reset(),
                style.render()
            )?;
            pos = mark.end;
        }
        write!(out, "{}{}{ending}", &body[pos..], style.render_reset())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fix_text, Config};

    fn diff(old: &str) -> String {
        let fixed = fix_text(old, &Config::default());
        unified_diff(
            "f.txt",
            old,
            fixed.text(),
            fixed.changes(),
            DiffStyle::default(),
        )
    }

    #[test]
    fn no_change_no_diff() {
        assert_eq!(diff("café\n"), "");
    }

    #[test]
    fn crlf_and_lone_cr_stay_inside_lines() {
        let d = diff("a\rb\r\nCafÃ©\r\n");
        assert_eq!(
            d,
            "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\rb\r\n-CafÃ©\r\n+Café\r\n"
        );
    }

    #[test]
    fn headers_drop_dot_slash() {
        assert_eq!(patch_path("./docs\\a.md"), "docs/a.md");
    }

    #[test]
    fn colour_marks_only_the_changed_characters() {
        let old = "x CafÃ© y\n";
        let fixed = fix_text(old, &Config::default());
        let d = unified_diff(
            "f",
            old,
            fixed.text(),
            fixed.changes(),
            DiffStyle::with_color(true),
        );
        let strong_red = DELETE_STYLE.invert().render().to_string();
        let strong_green = INSERT_STYLE.invert().render().to_string();
        assert!(d.contains(&format!("{strong_red}Ã©")), "{d:?}");
        assert!(d.contains(&format!("{strong_green}é")), "{d:?}");
    }
}
