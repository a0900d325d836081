//! The change list of write mode, one line per change:
//! `path:line:col: "before" -> "after" (explanation)`. Lines and columns count from
//! 1; the column counts characters. Kept in one place so that a `--format` flag can
//! swap it for another renderer.

use std::io::Write;

use mojifix::decode::SourceEncoding;

use super::outcome::{Piece, Source, Text};

/// Appends one line per change in `piece` to `out`.
pub fn list(out: &mut Vec<u8>, source: &Source, piece: &Piece) {
    let mut cursor = Cursor::new(piece.first_line);
    for change in piece.fixed.changes() {
        let (line, column) = cursor.advance_to(&piece.original, change.range.start);
        // Writing to a Vec cannot fail.
        let _ = writeln!(
            out,
            "{source}:{line}:{column}: {:?} -> {:?} ({})",
            change.before,
            change.after,
            change.explanation()
        );
    }
}

/// Appends a line saying how a rewritten file's encoding changed, if it did:
/// `path: written as UTF-8 (was windows-1251)`, `path: byte order mark removed`.
pub fn conversion(out: &mut Vec<u8>, source: &Source, text: &Text) {
    let decoding = &text.decoding;
    if decoding.encoding != SourceEncoding::Utf8 {
        let _ = writeln!(
            out,
            "{source}: written as UTF-8 (was {})",
            decoding.encoding
        );
    } else if decoding.bom && !text.write_bom {
        let _ = writeln!(out, "{source}: byte order mark removed");
    }
}

/// Turns increasing byte offsets into line and column numbers in one pass.
struct Cursor {
    offset: usize,
    line: u64,
    line_start: usize,
}

impl Cursor {
    fn new(first_line: u64) -> Cursor {
        Cursor {
            offset: 0,
            line: first_line,
            line_start: 0,
        }
    }

    fn advance_to(&mut self, text: &str, offset: usize) -> (u64, usize) {
        let offset = offset.min(text.len());
        if offset >= self.offset {
            for (i, byte) in text.as_bytes()[self.offset..offset].iter().enumerate() {
                if *byte == b'\n' {
                    self.line += 1;
                    self.line_start = self.offset + i + 1;
                }
            }
            self.offset = offset;
        }
        let column = text
            .get(self.line_start..offset)
            .map_or(0, |s| s.chars().count());
        (self.line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        let text = "première ligne\nLe cafÃ© est là\n";
        let mut cursor = Cursor::new(10);
        assert_eq!(cursor.advance_to(text, 0), (10, 1));
        let at = text.find("Ã").unwrap();
        assert_eq!(cursor.advance_to(text, at), (11, 7));
    }
}
