//! One text through the whole pipeline: split into lines, re-decode mojibake, replace
//! C1 controls, normalize, and record each change against the input.
//!
//! Lines are independent (a UTF-8 sequence never contains a line break), so each line
//! is repaired on its own and line endings pass through untouched. Output is only
//! allocated once something changes; text that needs nothing is returned borrowed.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use crate::explain::{confidence_from_gain, Change, Step};
use crate::fixes::c1::{
    c1_as_windows_1252, c1_run_around, is_among_invisible_characters, NEIGHBORS as C1_NEIGHBORS,
};
use crate::redecode::{repair_line, repair_suspect_line, MojibakeScan};
use crate::{Config, Fixed, Normalization};

/// An edit to one line, in the line's character positions.
struct Edit {
    chars: Range<usize>,
    replacement: String,
    chain: Vec<Step>,
    confidence: f32,
}

/// Runs the pipeline over `text`.
///
/// Unless optional fixes that also touch ASCII are on, only lines with a non-ASCII
/// character are looked at: re-decoding, the C1 fix and normalization cannot change
/// ASCII (no code page gives an ASCII character a high byte, ASCII has no C1 controls
/// and is in every normalization form). The scan for the next non-ASCII byte is
/// [`ascii_prefix_len`], and the line around it is found with `memchr`, so clean
/// ASCII costs about as much as reading it.
pub(crate) fn fix<'a>(text: &'a str, config: &Config) -> Fixed<'a> {
    if config.has_stage_fixes() {
        return fix_with_stage_fixes(text, config);
    }
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut changes = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let hit = pos + ascii_prefix_len(&bytes[pos..]);
        if hit == bytes.len() {
            break;
        }
        let line_start = last_newline(&bytes[pos..hit]).map_or(pos, |i| pos + i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |i| hit + i + 1);
        let line = &text[line_start..line_end];
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(fixed) = fix_line_until_stable(content, line_start, config, &mut changes) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            out.push_str(&text[copied..line_start]);
            out.push_str(&fixed);
            out.push_str(&line[content.len()..]);
            copied = line_end;
        }
        pos = line_end;
    }
    let text = match out {
        Some(mut s) => {
            s.push_str(&text[copied..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(text),
    };
    Fixed { text, changes }
}

/// How many bytes at the start of `bytes` are ASCII. The standard library's check
/// of a 64-byte block is vectorized: 22 GB/s on clean ASCII here, against 9.5 for
/// encoding_rs's `ascii_valid_up_to`, whose SIMD needs a nightly compiler. Within
/// the block that is not ASCII, eight bytes at a time find the first high bit.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const BLOCK: usize = 64;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut done = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if !block.is_ascii() {
            break;
        }
        done += BLOCK;
    }
    for word in bytes[done..].chunks_exact(8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let high = u64::from_le_bytes(eight) & HIGH_BITS;
        if high != 0 {
            return done + (high.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    done + bytes[done..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - done)
}

/// Where the last line feed of `bytes` is. Usually `bytes` is the ASCII start of a
/// line that follows another line with a byte beyond ASCII: a few bytes and no line
/// feed, which a plain loop searches in less time than `memrchr` takes to start.
fn last_newline(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < 32 {
        bytes.iter().rposition(|&b| b == b'\n')
    } else {
        memchr::memrchr(b'\n', bytes)
    }
}

/// [`fix`] when optional fixes that also touch ASCII (HTML references, terminal
/// escapes, ...) are on: every line goes through the fixes stage.
fn fix_with_stage_fixes<'a>(text: &'a str, config: &Config) -> Fixed<'a> {
    let mut out: Option<String> = None;
    let mut changes = Vec::new();
    let mut line_start = 0;
    let markup_at = crate::fixes::html::markup_starts_at(text);
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let html_allowed = markup_at.is_none_or(|at| at >= line_start + line.len());
        let fixed = crate::fixes::stage::fix_line(
            line,
            content.len(),
            line_start,
            html_allowed,
            config,
            &mut changes,
        );
        match fixed {
            Some(fixed) => {
                let out = out.get_or_insert_with(|| {
                    let mut s = String::with_capacity(text.len() + 16);
                    s.push_str(&text[..line_start]);
                    s
                });
                out.push_str(&fixed);
            }
            None => {
                if let Some(out) = out.as_mut() {
                    out.push_str(line);
                }
            }
        }
        line_start += line.len();
    }
    let text = match out {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    };
    Fixed { text, changes }
}

/// How many times a line is repaired in all at most. A repair can complete mojibake
/// that was not visible before it (a C1 control fixed to "‚" next to "В" forms
/// windows-1251 "В‚"); repairing to a fixed point keeps the tool idempotent. One extra
/// pass has always sufficed on real text; the bound guards against a cycle.
const MAX_PASSES: usize = 3;

/// Repairs one line to a fixed point (see [`fix_window_until_stable`]); a line longer
/// than [`ENGINE_WINDOW_BYTES`] window by window, each window to its own fixed point,
/// and then the whole line again while that changes something: a repair at a window's
/// edge can complete mojibake with the start of the next window, which a second run,
/// cutting the changed line elsewhere, would repair (found by the fuzz target in its
/// long-line mode: "udovΓ©" repaired to "udové" at a window's end, then "é Ž…" read
/// as windows-1250 mojibake of "頎"). When a later pass changes something, the line's
/// changes become one change from the input to the final text. A line still
/// changing after [`MAX_PASSES`] passes keeps the last pass's output.
pub(crate) fn fix_line_until_stable(
    line: &str,
    base: usize,
    config: &Config,
    changes: &mut Vec<Change>,
) -> Option<String> {
    if line.len() <= ENGINE_WINDOW_BYTES {
        return fix_window_until_stable(line, base, Surroundings::NONE, config, changes);
    }
    let mut line_changes = Vec::new();
    let mut current = fix_windows(line, config, &mut line_changes)?;
    for _ in 1..MAX_PASSES {
        let mut later = Vec::new();
        let Some(again) = fix_windows(&current, config, &mut later) else {
            break;
        };
        line_changes.extend(later);
        line_changes = vec![whole_line_change(line, &again, &line_changes)];
        current = again;
    }
    extend_shifted(changes, line_changes, base);
    Some(current)
}

/// One pass of [`fix_line_until_stable`] over a long line: each window repaired to
/// its own fixed point. Changes are appended with byte ranges in `line`.
fn fix_windows(line: &str, config: &Config, changes: &mut Vec<Change>) -> Option<String> {
    let mut out: Option<String> = None;
    let mut start = 0;
    while start < line.len() {
        let end = window_end(line, start);
        let window = &line[start..end];
        let around = Surroundings {
            before: &line[..start],
            after: &line[end..],
        };
        match fix_window_until_stable(window, start, around, config, changes) {
            Some(fixed) => out
                .get_or_insert_with(|| {
                    let mut s = String::with_capacity(line.len() + 16);
                    s.push_str(&line[..start]);
                    s
                })
                .push_str(&fixed),
            None => {
                if let Some(out) = out.as_mut() {
                    out.push_str(window);
                }
            }
        }
        start = end;
    }
    out
}

/// Repairs one line (or window of a long line), then its output again until nothing
/// more changes, so that fixing the output a second time never finds anything. When a
/// later pass changes something, the line's changes become one change from the input
/// to the final text.
///
/// Every pass searches with the whole `max_layers`, as a second run would, and the
/// layers of all passes together must stay within it. A line that would need more
/// layers, or is still changing after [`MAX_PASSES`], is left as it is, only normalized
/// ([`left_unrepaired`]): any repair short of the end would change again when fixed
/// again, and such lines are garbage rather than text (random symbols that decode
/// through six lossy layers), so leaving them is the safe choice.
fn fix_window_until_stable(
    line: &str,
    base: usize,
    around: Surroundings<'_>,
    config: &Config,
    changes: &mut Vec<Change>,
) -> Option<String> {
    let mut line_changes = Vec::new();
    let mut current = fix_line(line, 0, around, config, &mut line_changes)?;
    let mut layers = deepest_chain(&line_changes);
    let mut passes = 1;
    loop {
        let mut later = Vec::new();
        let Some(again) = fix_line(&current, 0, around, config, &mut later) else {
            break;
        };
        passes += 1;
        layers = layers.saturating_add(deepest_chain(&later));
        if passes > MAX_PASSES || layers > config.max_layers {
            return left_unrepaired(line, base, around, config, changes);
        }
        line_changes.extend(later);
        line_changes = vec![whole_line_change(line, &again, &line_changes)];
        current = again;
    }
    extend_shifted(changes, line_changes, base);
    Some(current)
}

/// Appends `parts`, whose byte ranges are in a line that starts at `base`, to
/// `changes` with ranges in the whole text.
fn extend_shifted(changes: &mut Vec<Change>, parts: Vec<Change>, base: usize) {
    changes.extend(parts.into_iter().map(|mut c| {
        c.range = c.range.start + base..c.range.end + base;
        c
    }));
}

/// What becomes of a line the repair leaves as it is: it still gets the normalization
/// form asked for, since the output is always in that form (found by the property
/// test of every configuration: a line needing more layers than `--max-layers 1`
/// came back without NFKC). Normalizing can complete mojibake the line did not show
/// (NFC turns the Greek ano teleia U+0387 into the middle dot U+00B7, a windows-1252
/// byte), so the normalized line is repaired in its own right, as a second run would
/// repair it (found by the fuzz target: the first run only normalized, the second
/// repaired). The normalized line is in the form already, so this goes at most one
/// level deep.
fn left_unrepaired(
    line: &str,
    base: usize,
    around: Surroundings<'_>,
    config: &Config,
    changes: &mut Vec<Change>,
) -> Option<String> {
    let only_normalization = Config {
        repair_encoding: false,
        fix_c1_controls: false,
        ..config.clone()
    };
    let mut parts = Vec::new();
    let normalized = fix_line(line, 0, around, &only_normalization, &mut parts)?;
    let fixed = match fix_window_until_stable(&normalized, 0, around, config, &mut parts) {
        Some(repaired) => {
            parts = vec![whole_line_change(line, &repaired, &parts)];
            repaired
        }
        None => normalized,
    };
    extend_shifted(changes, parts, base);
    Some(fixed)
}

/// Longest piece of a line the engine is given at once, in bytes. The engine holds
/// a few kilobytes for every garbled word of what it is given (its candidates, their
/// costs and layers), so a long line full of mojibake would otherwise need memory
/// hundreds of times its size: 8 MB of `cafÃ© ` on one line peaked at 3.6 GB. A window
/// this long still gives each word far more context than the line statistics need,
/// and only lines longer than it are affected (minified files, text without line
/// breaks).
pub(crate) const ENGINE_WINDOW_BYTES: usize = 64 << 10;

/// Where the window of `line` that starts at `start` ends. Each window is repaired on
/// its own, so a cut should fall where no repair could reach across it and where a
/// second run, which cuts the repaired line anew, cuts too: after the last space in
/// the window's second half that has ASCII on both sides (repairs never change
/// ASCII, and a unit of mojibake never ends in a space that follows ASCII: `Ã ` is
/// `à` with its no-break space lost). Failing that, after the last tab or space that
/// cannot be such a lost no-break space (found by the fuzz target in a line of
/// garbled Chinese: cut after "å› ", the first run left "因" split between two
/// windows, and the second, cutting elsewhere, repaired it); then after the last
/// space or tab; then after the last ASCII character (no unit of mojibake goes on
/// past one, except a `?` that stands for a lost byte); and in 32 KiB without ASCII,
/// after the next ASCII character, so a garbled "word" that long is never cut inside
/// a character.
fn window_end(line: &str, start: usize) -> usize {
    let limit = start + ENGINE_WINDOW_BYTES;
    if limit >= line.len() {
        return line.len();
    }
    let half = start + ENGINE_WINDOW_BYTES / 2;
    let bytes = line.as_bytes();
    let quiet = |i: usize| {
        bytes[i] == b' '
            && bytes[i - 1].is_ascii()
            && !bytes[i - 1].is_ascii_whitespace()
            && bytes[i + 1].is_ascii()
            && !bytes[i + 1].is_ascii_whitespace()
    };
    if let Some(i) = (half..limit).rev().find(|&i| quiet(i)) {
        return i + 1;
    }
    let whole = |i: usize| {
        bytes[i] == b'\t' || (bytes[i] == b' ' && !may_be_a_lost_no_break_space(line, i))
    };
    if let Some(i) = (half..limit).rev().find(|&i| whole(i)) {
        return i + 1;
    }
    if let Some(i) = memchr::memrchr2(b' ', b'\t', &bytes[half..limit]) {
        return half + i + 1;
    }
    let ends_a_unit = |b: &u8| b.is_ascii() && *b != b'?';
    if let Some(i) = bytes[half..limit].iter().rposition(ends_a_unit) {
        return half + i + 1;
    }
    bytes[limit..]
        .iter()
        .position(ends_a_unit)
        .map_or(line.len(), |i| limit + i + 1)
}

/// Whether the space at byte `i` of `line` may be the no-break space lost from a
/// sequence that the characters before it open ("å›" and a space are "因" through
/// windows-1252): a sequence has at most three characters before its last byte.
fn may_be_a_lost_no_break_space(line: &str, i: usize) -> bool {
    let before: smallvec::SmallVec<[char; 3]> = line[..i].chars().rev().take(3).collect();
    let mut scan = MojibakeScan::new();
    for &c in before.iter().rev() {
        scan.completes_a_sequence(c);
    }
    scan.would_take_a_lost_no_break_space()
}

/// The most re-decodings any one change needed.
fn deepest_chain(changes: &[Change]) -> u8 {
    let depth = |c: &Change| {
        c.chain
            .iter()
            .filter(|s| matches!(s, Step::Redecode { .. }))
            .count()
    };
    changes.iter().map(depth).max().unwrap_or(0).min(255) as u8
}

/// One change from `line` to `fixed`, trimmed to the part that differs, explained by
/// every step of `parts` in order.
fn whole_line_change(line: &str, fixed: &str, parts: &[Change]) -> Change {
    let (prefix, suffix) = readable_affixes(line, fixed);
    let mut chain: Vec<Step> = Vec::new();
    for step in parts.iter().flat_map(|c| &c.chain) {
        // Each re-decoding is a layer of its own; other steps are said once.
        if matches!(step, Step::Redecode { .. }) || !chain.contains(step) {
            chain.push(*step);
        }
    }
    Change {
        range: prefix..line.len() - suffix,
        before: line[prefix..line.len() - suffix].to_string(),
        after: fixed[prefix..fixed.len() - suffix].to_string(),
        chain,
        confidence: parts.iter().map(|c| c.confidence).fold(1.0, f32::min),
    }
}

/// What the quick test found in a line that may change, so that the engine does not
/// look for it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suspect {
    /// A C1 control (looked for first, when C1 controls are fixed).
    C1Control,
    /// A unit of mojibake, and no C1 control.
    Unit,
    /// A character that may not be in the normalization form, or a unit the test
    /// stopped before knowing of; no C1 control.
    Other,
}

/// Whether anything in `line` could change under `config`: a possible unit of mojibake,
/// a C1 control, or a character that may not be in the normalization form. A line that
/// fails all three is returned as it is (`None`), without collecting its characters;
/// for the others, what the test found ([`Suspect`]).
fn may_change(line: &str, config: &Config) -> Option<Suspect> {
    if config.fix_c1_controls && has_c1_control(line) {
        return Some(Suspect::C1Control);
    }
    // One pass for both remaining tests: most lines are clean and pass both. The
    // usual configuration, both tests on, has a loop of its own without a test of
    // which one is on at every character.
    let mojibake = (config.repair_encoding && config.max_layers > 0).then(MojibakeScan::new);
    let mut has_units = false;
    let suspect = match (mojibake, config.normalization.quick_check(line)) {
        (Some(mut scan), Some(mut check)) => {
            let quiet = QuietBlocks::new(config.normalization);
            let suspect = skipping_quiet_runs(line, &mut scan, quiet, |scan, i, c| {
                has_units = scan.completes_a_sequence(c);
                let stop = has_units || !check.allows(i, c);
                (stop, check.is_idle())
            });
            suspect || !check.finish()
        }
        (Some(mut scan), None) => {
            let quiet = QuietBlocks::new(Normalization::None);
            has_units = skipping_quiet_runs(line, &mut scan, quiet, |scan, _, c| {
                (scan.completes_a_sequence(c), true)
            });
            has_units
        }
        (None, Some(mut check)) => {
            !(line.char_indices().all(|(i, c)| check.allows(i, c)) && check.finish())
        }
        (None, None) => false,
    };
    suspect.then_some(if has_units {
        Suspect::Unit
    } else {
        Suspect::Other
    })
}

/// Whether `stop` holds for some character of `line` (given with its byte offset),
/// asked in order. `stop` also says whether the test it runs beside `scan` is idle;
/// while both are, the characters that change neither test are skipped without
/// being decoded: ASCII (it opens no sequence, and the normalization check takes it
/// as stable), and the characters that no page encodes and that are stable in the
/// form ([`QuietBlocks`]). Lines of Latin-script text are mostly runs of ASCII between
/// accented letters, which a vectorized scan passes over; lines in Hebrew, Arabic,
/// the Indic scripts, Thai, Chinese, Japanese or Korean are mostly quiet characters
/// (reading each through both tests was four fifths of the work on clean Hebrew).
#[inline(always)]
fn skipping_quiet_runs(
    line: &str,
    scan: &mut MojibakeScan,
    quiet: QuietBlocks,
    mut stop: impl FnMut(&mut MojibakeScan, usize, char) -> (bool, bool),
) -> bool {
    let bytes = line.as_bytes();
    let mut from = 0;
    'runs: while from < line.len() {
        for (k, c) in line[from..].char_indices() {
            let i = from + k;
            let (stops, other_idle) = stop(scan, i, c);
            if stops {
                return true;
            }
            if other_idle && scan.is_idle() {
                let next = i + c.len_utf8();
                let after = quiet.skip(bytes, next);
                if after > next {
                    from = after;
                    continue 'runs;
                }
            }
        }
        return false;
    }
    false
}

/// The characters that change neither quick test while both are idle: ASCII, and any
/// character of the Basic Multilingual Plane that no page encodes (it neither opens
/// nor continues a sequence) and that is stable in the form of `normalization`.
/// U+FFFD is quiet too: it stands for a lost continuation byte, which completes
/// nothing when no sequence is open.
#[derive(Clone, Copy)]
struct QuietBlocks {
    normalization: Normalization,
}

impl QuietBlocks {
    fn new(normalization: Normalization) -> QuietBlocks {
        QuietBlocks { normalization }
    }

    /// Whether the character `code` (below U+10000) is quiet, from a table filled a
    /// block of 256 characters at a time on first use.
    #[inline(always)]
    fn holds(self, code: u32) -> bool {
        type Blocks = [OnceLock<[u64; 4]>; 256];
        static NFC: Blocks = [const { OnceLock::new() }; 256];
        static NFKC: Blocks = [const { OnceLock::new() }; 256];
        static NONE: Blocks = [const { OnceLock::new() }; 256];
        let table = match self.normalization {
            Normalization::Nfc => &NFC,
            Normalization::Nfkc => &NFKC,
            Normalization::None => &NONE,
        };
        let block = (code / 256) as usize;
        let bits = table[block].get_or_init(|| self.quiet_bits(block as u32));
        bits[(code % 256 / 64) as usize] & (1 << (code % 64)) != 0
    }

    fn quiet_bits(self, block: u32) -> [u64; 4] {
        let codec = crate::codec::tables();
        std::array::from_fn(|k| {
            let group = block * 4 + k as u32;
            self.normalization.stable_bits_of_block(group) & !codec.encodable_bits(group)
        })
    }

    /// Where the run of quiet characters of `bytes` (valid UTF-8) from `i` ends.
    /// Latin, Greek and Cyrillic letters (U+0080..U+04FF) end it without a look-up:
    /// nearly all of them are encoded by some page. So do characters of four bytes:
    /// they are rare, and not worth the decoding here.
    #[inline(always)]
    fn skip(self, bytes: &[u8], mut i: usize) -> usize {
        while let Some(&lead) = bytes.get(i) {
            let (code, len) = match lead {
                0..=0x7F => {
                    i += 1;
                    // A long run of ASCII (between Latin words) through the vectorized
                    // scan; one space between words of another script inline.
                    if bytes.get(i).is_some_and(u8::is_ascii) {
                        i += ascii_prefix_len(&bytes[i..]);
                    }
                    continue;
                }
                0xD4..=0xDF => (
                    u32::from(lead & 0x1F) << 6 | u32::from(bytes[i + 1] & 0x3F),
                    2,
                ),
                0xE0..=0xEF => (
                    u32::from(lead & 0x0F) << 12
                        | u32::from(bytes[i + 1] & 0x3F) << 6
                        | u32::from(bytes[i + 2] & 0x3F),
                    3,
                ),
                _ => return i,
            };
            if !self.holds(code) {
                return i;
            }
            i += len;
        }
        i
    }
}

/// Whether `line` has a C1 control (U+0080..U+009F, encoded C2 80..C2 9F).
fn has_c1_control(line: &str) -> bool {
    memchr::memchr_iter(0xC2, line.as_bytes())
        .any(|i| matches!(line.as_bytes().get(i + 1), Some(0x80..=0x9F)))
}

/// Repairs one line without its ending; `None` when nothing changes. Changes are
/// appended with byte ranges offset by `base`.
pub(crate) fn fix_line(
    line: &str,
    base: usize,
    around: Surroundings<'_>,
    config: &Config,
    changes: &mut Vec<Change>,
) -> Option<String> {
    // No test of whether the line is ASCII first: `fix` only sends lines with a byte
    // beyond ASCII, and the quick test passes over ASCII with one vectorized scan.
    let suspect = may_change(line, config)?;
    repair_line_fully(line, base, around, config, suspect, changes)
}

/// [`fix_line`] after the quick test, which found `suspect`.
fn repair_line_fully(
    line: &str,
    base: usize,
    around: Surroundings<'_>,
    config: &Config,
    suspect: Suspect,
    changes: &mut Vec<Change>,
) -> Option<String> {
    // Sized first, by the byte length (no fewer bytes than characters): collecting
    // would grow the vector a doubling at a time, counting would decode twice.
    let mut chars = Vec::with_capacity(line.len());
    chars.extend(line.chars());
    let mut edits = Vec::new();
    if config.repair_encoding {
        edits = redecode_edits(&chars, config.max_layers, suspect == Suspect::Unit);
    }
    // Without edits, only a C1 control of the line itself can be fixed; most lines
    // that get here have neither, and the quick test looked for C1 controls first.
    if config.fix_c1_controls && (!edits.is_empty() || suspect == Suspect::C1Control) {
        edits = with_c1_fixes(&chars, around, edits);
    }
    if edits.is_empty() && config.normalization.is_normalized_decoded(line, &chars) {
        // Most lines that looked suspect: nothing to repair, nothing to normalize.
        return None;
    }
    let offsets = byte_offsets(line);
    let mut repaired = String::with_capacity(line.len());
    let mut segments = Vec::with_capacity(edits.len() * 2 + 1);
    let mut pos = 0;
    for (index, edit) in edits.iter().enumerate() {
        push_segment(
            &mut repaired,
            &mut segments,
            line,
            offsets[pos]..offsets[edit.chars.start],
        );
        let out_start = repaired.len();
        repaired.push_str(&edit.replacement);
        segments.push(Segment {
            output: out_start..repaired.len(),
            input: offsets[edit.chars.start]..offsets[edit.chars.end],
            edit: Some(index),
        });
        pos = edit.chars.end;
    }
    push_segment(&mut repaired, &mut segments, line, offsets[pos]..line.len());

    let mut line_changes: Vec<Change> = edits
        .iter()
        .zip(segments.iter().filter(|s| s.edit.is_some()))
        .map(|(edit, seg)| trimmed_change(line, seg.input.clone(), &edit.replacement, edit))
        .collect();
    let result = match config.normalization.apply(&repaired) {
        Some(normalized) => {
            line_changes =
                merge_normalization(line, &repaired, &normalized, &segments, &edits, config);
            normalized
        }
        None => repaired,
    };
    if line_changes.is_empty() {
        return None;
    }
    extend_shifted(changes, line_changes, base);
    Some(result)
}

/// A piece of the repaired line and where it came from in the input line.
struct Segment {
    output: Range<usize>,
    input: Range<usize>,
    edit: Option<usize>,
}

impl Segment {
    /// Whether the segment's output shares a byte with `start..end`, an empty range
    /// counting as the byte at its position (an insertion touches what it sits in).
    fn touches(&self, start: usize, end: usize) -> bool {
        self.output.start < end.max(start + 1) && start < self.output.end.max(self.output.start + 1)
    }
}

fn push_segment(out: &mut String, segments: &mut Vec<Segment>, line: &str, input: Range<usize>) {
    if input.is_empty() {
        return;
    }
    let start = out.len();
    out.push_str(&line[input.clone()]);
    segments.push(Segment {
        output: start..out.len(),
        input,
        edit: None,
    });
}

fn byte_offsets(line: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
    offsets.push(line.len());
    offsets
}

fn redecode_edits(chars: &[char], max_layers: u8, has_units: bool) -> Vec<Edit> {
    let candidates = if has_units {
        repair_suspect_line(chars, max_layers)
    } else {
        repair_line(chars, max_layers)
    };
    candidates
        .into_iter()
        .map(|candidate| Edit {
            chars: candidate.start..candidate.end,
            replacement: candidate.replacement.iter().collect(),
            chain: candidate.chain.into_vec(),
            confidence: confidence_from_gain(candidate.gain),
        })
        .collect()
}

/// The text of a long line around the window being repaired (empty for a whole
/// line): a C1 control near the window's edge is judged by its neighbours in the line
/// ([`is_among_invisible_characters`]), wherever the window was cut, so that a second
/// run, which cuts the repaired line anew, judges it the same way.
#[derive(Clone, Copy)]
pub(crate) struct Surroundings<'a> {
    pub(crate) before: &'a str,
    pub(crate) after: &'a str,
}

impl Surroundings<'_> {
    pub(crate) const NONE: Surroundings<'static> = Surroundings {
        before: "",
        after: "",
    };
}

/// The run of C1 controls around `chars[pos]` and whether it is kept as it is, judged
/// with the characters of the line beyond the window where the run is near its edge.
fn judge_c1_run(
    chars: &[char],
    pos: usize,
    around: Surroundings<'_>,
) -> (std::ops::Range<usize>, bool) {
    let run = c1_run_around(chars, pos);
    let near_edge = run.start < C1_NEIGHBORS || run.end + C1_NEIGHBORS > chars.len();
    if !near_edge || (around.before.is_empty() && around.after.is_empty()) {
        let kept = is_among_invisible_characters(chars, run.clone());
        return (run, kept);
    }
    let mut before: Vec<char> = around.before.chars().rev().take(C1_NEIGHBORS + 1).collect();
    before.reverse();
    let extended: Vec<char> = before
        .iter()
        .chain(chars)
        .chain(
            around
                .after
                .chars()
                .take(C1_NEIGHBORS + 1)
                .collect::<Vec<_>>()
                .iter(),
        )
        .copied()
        .collect();
    let wide = c1_run_around(&extended, pos + before.len());
    (run, is_among_invisible_characters(&extended, wide))
}

/// Adds an edit for every run of adjacent C1 controls outside the existing edits, and
/// fixes the ones that re-decoding produced inside them.
fn with_c1_fixes(chars: &[char], around: Surroundings<'_>, edits: Vec<Edit>) -> Vec<Edit> {
    let mut out = Vec::with_capacity(edits.len());
    let mut pos = 0;
    let mut edits = edits.into_iter().peekable();
    // The run of C1 controls last judged, and whether it is kept as it is.
    let mut judged: (std::ops::Range<usize>, bool) = (0..0, false);
    while pos < chars.len() {
        if let Some(edit) = edits.next_if(|e| e.chars.start == pos) {
            pos = edit.chars.end;
            out.push(fix_c1_inside(edit));
            continue;
        }
        let mapped = c1_as_windows_1252(chars[pos]).filter(|_| {
            if !judged.0.contains(&pos) {
                judged = judge_c1_run(chars, pos, around);
            }
            !judged.1
        });
        if let Some(mapped) = mapped {
            match out.last_mut() {
                Some(run) if run.chars.end == pos && is_c1_run(run) => {
                    run.chars.end = pos + 1;
                    run.replacement.push(mapped);
                }
                _ => out.push(Edit {
                    chars: pos..pos + 1,
                    replacement: mapped.to_string(),
                    chain: vec![Step::C1Control],
                    confidence: 1.0,
                }),
            }
        }
        pos += 1;
    }
    out
}

/// Whether `edit` replaces nothing but C1 controls. Adjacent C1 controls become one
/// edit, and so one [`Change`] with the same explanation: a line made of them would
/// otherwise hold a change (about 200 bytes with its strings) for every 2 bytes of
/// input. The output is the same either way.
fn is_c1_run(edit: &Edit) -> bool {
    edit.chain == [Step::C1Control]
}

fn fix_c1_inside(mut edit: Edit) -> Edit {
    if edit
        .replacement
        .chars()
        .any(|c| c1_as_windows_1252(c).is_some())
    {
        edit.replacement = edit
            .replacement
            .chars()
            .map(|c| c1_as_windows_1252(c).unwrap_or(c))
            .collect();
        edit.chain.push(Step::C1Control);
    }
    edit
}

/// A change for an edit, trimmed to the characters that actually differ (a word was
/// re-decoded, but only its garbled letters changed).
fn trimmed_change(line: &str, input: Range<usize>, after: &str, edit: &Edit) -> Change {
    let before = &line[input.clone()];
    let (prefix, suffix) = readable_affixes(before, after);
    Change {
        range: input.start + prefix..input.end - suffix,
        before: before[prefix..before.len() - suffix].to_string(),
        after: after[prefix..after.len() - suffix].to_string(),
        chain: edit.chain.clone(),
        confidence: edit.confidence,
    }
}

/// Like [`common_affixes`], but never trims either side to nothing when it had text: a
/// change reads "Ã¢â‚¬Å“" -> "“", not a deletion of "Ã¢â‚¬Å" before a "“" that stayed.
pub(crate) fn readable_affixes(a: &str, b: &str) -> (usize, usize) {
    let (mut prefix, mut suffix) = common_affixes(a, b);
    let trimmed_empty = |prefix: usize, suffix: usize| {
        (a.len() > prefix + suffix || b.len() > prefix + suffix)
            && (a.len() == prefix + suffix || b.len() == prefix + suffix)
    };
    if trimmed_empty(prefix, suffix) {
        // Give back the common character next to the change.
        if let Some(c) = a[a.len() - suffix..].chars().next() {
            suffix -= c.len_utf8();
        } else if let Some(c) = a[..prefix].chars().next_back() {
            prefix -= c.len_utf8();
        }
    }
    (prefix, suffix)
}

/// Byte lengths of the longest common prefix and suffix of `a` and `b`, on character
/// boundaries, not overlapping.
pub(crate) fn common_affixes(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .scan(0, |total, n| {
            *total += n;
            Some(*total)
        })
        .take_while(|&total| total <= max_suffix)
        .last()
        .unwrap_or(0);
    (prefix, suffix)
}

/// Rebuilds a line's changes after normalization changed the repaired text: each
/// region normalization touched is widened over the edits it meets and becomes one
/// change; edits it does not meet stay changes of their own.
///
/// Regions are found piece by piece between spaces, which no normalization form
/// composes across, so that two decomposed accents far apart on a line do not fold
/// every repair between them into one change (whose chain would then read as if one
/// word had been garbled through each of their pages in turn).
fn merge_normalization(
    line: &str,
    repaired: &str,
    normalized: &str,
    segments: &[Segment],
    edits: &[Edit],
    config: &Config,
) -> Vec<Change> {
    let cores = normalized_regions(repaired, normalized, config);
    let mut regions: Vec<(usize, usize)> = cores.iter().map(|c| (c.start, c.end)).collect();
    // Which region each edit was folded into.
    let mut owner: Vec<Option<usize>> = vec![None; edits.len()];
    loop {
        let mut grew = false;
        for seg in segments {
            if seg.edit.is_none() {
                continue;
            }
            for region in regions.iter_mut() {
                let (start, end) = *region;
                if seg.touches(start, end) && (seg.output.start < start || seg.output.end > end) {
                    *region = (start.min(seg.output.start), end.max(seg.output.end));
                    grew = true;
                }
            }
        }
        grew |= merge_overlapping(&mut regions);
        if !grew {
            break;
        }
    }
    for seg in segments {
        if let Some(index) = seg.edit {
            owner[index] = regions
                .iter()
                .position(|&(start, end)| seg.touches(start, end));
        }
    }
    let mut changes = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        if owner[index].is_none() {
            let seg = segments
                .iter()
                .find(|s| s.edit == Some(index))
                .expect("every edit has a segment");
            changes.push(trimmed_change(
                line,
                seg.input.clone(),
                &edit.replacement,
                edit,
            ));
        }
    }
    for (region_index, &(out_start, out_end)) in regions.iter().enumerate() {
        let mut chain: Vec<Step> = Vec::new();
        let mut confidence: f32 = 1.0;
        for (edit, _) in edits
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == Some(region_index))
        {
            for step in &edit.chain {
                if !chain.contains(step) {
                    chain.push(*step);
                }
            }
            confidence = confidence.min(edit.confidence);
        }
        chain.push(Step::Normalize(config.normalization));
        let input =
            to_input(line, segments, out_start, false)..to_input(line, segments, out_end, true);
        let after = to_normalized(&cores, out_start, false)..to_normalized(&cores, out_end, true);
        changes.push(Change {
            range: input.clone(),
            before: line[input].to_string(),
            after: normalized[after].to_string(),
            chain,
            confidence,
        });
    }
    changes.sort_by_key(|c| c.range.start);
    changes
}

/// A range of the repaired line that normalization changed, and by how many bytes
/// the normalized text is longer (or shorter).
struct Core {
    start: usize,
    end: usize,
    growth: isize,
}

/// The ranges of `repaired` that normalization changed, in order and apart. Found
/// piece by piece between spaces; when the pieces normalized on their own do not add
/// up to `normalized` (the forms do not promise that they always will), the one
/// range between the common prefix and suffix.
fn normalized_regions(repaired: &str, normalized: &str, config: &Config) -> Vec<Core> {
    let growth = |after: &str, before: &str| after.len() as isize - before.len() as isize;
    let mut regions = Vec::new();
    let mut rebuilt = String::with_capacity(normalized.len());
    let mut start = 0;
    for piece in repaired.split_inclusive(' ') {
        match config.normalization.apply(piece) {
            Some(done) => {
                let (prefix, suffix) = common_affixes(piece, &done);
                regions.push(Core {
                    start: start + prefix,
                    end: start + piece.len() - suffix,
                    growth: growth(&done, piece),
                });
                rebuilt.push_str(&done);
            }
            None => rebuilt.push_str(piece),
        }
        start += piece.len();
    }
    if rebuilt != normalized {
        let (prefix, suffix) = common_affixes(repaired, normalized);
        return vec![Core {
            start: prefix,
            end: repaired.len() - suffix,
            growth: growth(normalized, repaired),
        }];
    }
    regions
}

/// Joins regions that overlap or touch; whether any were joined.
fn merge_overlapping(regions: &mut Vec<(usize, usize)>) -> bool {
    regions.sort_unstable();
    let before = regions.len();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(before);
    for &(start, end) in regions.iter() {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    *regions = merged;
    regions.len() != before
}

/// Where position `pos` of the repaired line is in the input line: inside an edit,
/// at the edit's start (or end, for an end); elsewhere at the same offset.
fn to_input(line: &str, segments: &[Segment], pos: usize, is_end: bool) -> usize {
    for seg in segments {
        let inside = if is_end {
            seg.output.start < pos && pos <= seg.output.end
        } else {
            seg.output.start <= pos && pos < seg.output.end
        };
        if inside {
            return match (seg.edit.is_some(), is_end) {
                (true, true) => seg.input.end,
                (true, false) => seg.input.start,
                (false, _) => seg.input.start + (pos - seg.output.start),
            };
        }
    }
    if is_end {
        line.len()
    } else {
        0
    }
}

/// Where position `pos` of the repaired line, outside the ranges normalization
/// changed or at one's edge, is in the normalized line: shifted by how much the
/// ranges before it grew. An empty range (an insertion) at `pos` counts for an end,
/// not for a start.
fn to_normalized(cores: &[Core], pos: usize, is_end: bool) -> usize {
    let growth: isize = cores
        .iter()
        .filter(|c| c.end < pos || (c.end == pos && (is_end || c.start < c.end)))
        .map(|c| c.growth)
        .sum();
    pos.saturating_add_signed(growth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_prefix_ends_at_the_first_high_byte_wherever_it_is() {
        let naive = |b: &[u8]| b.iter().position(|b| !b.is_ascii()).unwrap_or(b.len());
        for len in 0..=200 {
            let clean = vec![b'a'; len];
            assert_eq!(ascii_prefix_len(&clean), len);
            for at in 0..len {
                let mut bytes = clean.clone();
                bytes[at] = 0xC3;
                // A second high byte later must not be taken for the first.
                if at + 9 < len {
                    bytes[at + 9] = 0xFF;
                }
                assert_eq!(
                    ascii_prefix_len(&bytes),
                    naive(&bytes),
                    "len {len}, at {at}"
                );
                assert_eq!(ascii_prefix_len(&bytes), at);
            }
        }
    }

    #[test]
    fn normalization_far_apart_stays_apart_from_the_repairs_between() {
        let fixed = fix("Cafe\u{301} cafÃ© CĂ©line cre\u{300}me", &Config::default());
        assert_eq!(fixed.text, "Café café Céline crème");
        let befores: Vec<&str> = fixed.changes.iter().map(|c| c.before.as_str()).collect();
        assert_eq!(
            befores,
            ["e\u{301}", "Ã©", "Ă©", "e\u{300}"],
            "{:?}",
            fixed.changes
        );
        // A repair touching a decomposed accent is one change with it.
        let fixed = fix("cafÃ©\u{301}x", &Config::default());
        assert_eq!(fixed.changes.len(), 1);
    }

    /// The configurations whose quick test differs: both tests on, either one off.
    #[test]
    fn the_last_newline_is_found_in_short_and_long_prefixes() {
        for len in [0usize, 1, 31, 32, 33, 100] {
            for at in [None, Some(0), Some(len / 2), Some(len.saturating_sub(1))] {
                let mut bytes = vec![b'a'; len];
                if let Some(i) = at.filter(|&i| i < len) {
                    bytes[i] = b'\n';
                }
                assert_eq!(
                    last_newline(&bytes),
                    memchr::memrchr(b'\n', &bytes),
                    "{len} {at:?}"
                );
            }
        }
    }

    fn quick_test_configs() -> [Config; 4] {
        [
            Config::default(),
            Config {
                normalization: Normalization::Nfkc,
                ..Config::default()
            },
            Config {
                normalization: Normalization::None,
                ..Config::default()
            },
            Config {
                repair_encoding: false,
                ..Config::default()
            },
        ]
    }

    /// `may_change` as it was before ASCII runs were skipped: every character read.
    fn may_change_reading_every_character(line: &str, config: &Config) -> Option<bool> {
        if config.fix_c1_controls && has_c1_control(line) {
            return Some(false);
        }
        let mut scan = MojibakeScan::new();
        let units = config.repair_encoding
            && config.max_layers > 0
            && line.chars().any(|c| scan.completes_a_sequence(c));
        let unstable = !config.normalization.is_normalized(line);
        // The quick test stops at the first unit, so it reports one only when no
        // character before it failed the normalization check; compared below only
        // where the two agree on what they know.
        (units || unstable).then_some(units)
    }

    #[test]
    fn skipping_quiet_runs_changes_no_answer_of_the_quick_test() {
        // Sequences that ASCII completes or keeps open ('?' and a space stand for lost
        // bytes), combining marks after ASCII, runs of every length at both ends; runs
        // of characters no page encodes, with what ends them: marks, U+FFFD, letters
        // that compose with the one before (Hangul jamo), forms that NFKC folds.
        let lines = [
            "שלום עולם",
            "שָׁלוֹם",
            "مرحبا بالعالم",
            "中文 字符",
            "한국어 텍스트",
            "नमस्ते क़लम",
            "ภาษาไทย",
            "\u{F900} 豈",
            "שלום \u{FFFD}",
            "日本\u{FFFD}\u{FFFD}",
            "中Ã©",
            "한\u{301}",
            "ש?",
            "אé",
            "Ё中",
            "ⅷ ｱ",
            "가\u{11A8}",
            "\u{1100}\u{1161}",
            "中\u{1F600}中",
            "Ԁ Ա ש",
            "plain words, then é",
            "é then plain words",
            "Ã?x and more",
            "å› x then text",
            "å›  two spaces",
            "ðŸ?  lost bytes",
            "a\u{301}bc",
            "e\u{301} and é",
            "ascii  ́ spaced mark",
            "x ÃƒÂ© y",
            "ﬁ ligature then words",
            "Ð¿Ñ€Ð¸ words",
            "words ¥˜тА║ words",
            "tail Ã",
            "Ã",
            "é",
            "\u{a0}?",
            // A lead whose lost bytes are ASCII stand-ins: the second of them is read
            // while the sequence is still open.
            "xâ?? tail",
            "ð??? tail",
            "â  x",
        ];
        for config in &quick_test_configs() {
            for line in lines {
                let fast = may_change(line, config);
                let slow = may_change_reading_every_character(line, config);
                assert_eq!(fast.is_some(), slow.is_some(), "{line:?}");
                if fast == Some(Suspect::Unit) {
                    assert_eq!(slow, Some(true), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn quiet_characters_are_those_no_page_encodes_and_the_form_keeps() {
        let [nfc, nfkc, none] =
            [Normalization::Nfc, Normalization::Nfkc, Normalization::None].map(QuietBlocks::new);
        for c in ['ש', 'م', '中', '한', 'क', 'ก', '\u{FFFD}'] {
            assert!(nfc.holds(c as u32) && nfkc.holds(c as u32), "{c:?}");
        }
        // Encoded by some page: a letter of windows-1257, a Cyrillic letter, a stroke.
        for c in ['Ā', 'ж', '─', 'é'] {
            assert!(!nfc.holds(c as u32) && !none.holds(c as u32), "{c:?}");
        }
        // Not stable: a combining mark, a compatibility ideograph (NFC), a
        // half-width katakana (NFKC only); without normalization both are quiet.
        assert!(!nfc.holds(0x301) && !nfkc.holds(0x301));
        assert!(!nfc.holds(0xF900) && none.holds(0xF900));
        assert!(nfc.holds('ｱ' as u32) && !nfkc.holds('ｱ' as u32));
    }

    proptest::proptest! {
        #[test]
        fn the_quick_test_reads_quiet_runs_as_reading_every_character(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\u{20}', '\u{7E}'),
                    proptest::char::range('\u{80}', '\u{52F}'),
                    proptest::char::range('\u{590}', '\u{6FF}'),
                    proptest::char::range('\u{900}', '\u{E7F}'),
                    proptest::char::range('\u{1100}', '\u{11FF}'),
                    proptest::char::range('\u{2000}', '\u{25FF}'),
                    proptest::char::range('\u{3000}', '\u{30FF}'),
                    proptest::char::range('\u{AC00}', '\u{AC3F}'),
                    proptest::char::range('\u{F900}', '\u{FFFF}'),
                    proptest::char::any(),
                    proptest::sample::select(vec!['?', ' ', '\u{FFFD}', '\u{301}', 'Ã', '中']),
                ],
                0..24,
            ),
        ) {
            let line: String = chars.into_iter().collect();
            for config in &quick_test_configs() {
                let fast = may_change(&line, config);
                let slow = may_change_reading_every_character(&line, config);
                proptest::prop_assert_eq!(fast.is_some(), slow.is_some(), "{:?}", line);
                if fast == Some(Suspect::Unit) {
                    proptest::prop_assert_eq!(slow, Some(true), "{:?}", line);
                }
            }
        }
    }

    #[test]
    fn common_affixes_respect_char_boundaries() {
        assert_eq!(common_affixes("CĂ©line", "Céline"), (1, 4));
        assert_eq!(common_affixes("aa", "aaa"), (2, 0));
        assert_eq!(common_affixes("", "x"), (0, 0));
    }

    #[test]
    fn changes_never_read_as_bare_deletions() {
        assert_eq!(readable_affixes("Ã¢â‚¬Å“", "“"), (0, 0));
        assert_eq!(readable_affixes("aa", "aaa"), (1, 0));
        assert_eq!(readable_affixes("CĂ©line", "Céline"), (1, 4));
        assert_eq!(readable_affixes("same", "same"), (4, 0));
    }

    #[test]
    fn clean_text_is_borrowed() {
        let fixed = fix("naïve café\nпривет\r\n", &Config::default());
        assert!(matches!(fixed.text, Cow::Borrowed(_)));
        assert!(fixed.changes.is_empty());
    }

    #[test]
    fn line_endings_are_kept() {
        let fixed = fix("FranÃ§ais\r\nok\nCĂ©line", &Config::default());
        assert_eq!(fixed.text, "Français\r\nok\nCéline");
        assert_eq!(fixed.changes.len(), 2);
        assert_eq!(fixed.changes[1].range, 17..21);
    }

    #[test]
    fn normalization_is_reported_against_the_input() {
        let input = "x Cafe\u{301} y";
        let fixed = fix(input, &Config::default());
        assert_eq!(fixed.text, "x Café y");
        let change = &fixed.changes[0];
        assert_eq!(&input[change.range.clone()], change.before);
        assert_eq!(change.chain, vec![Step::Normalize(Normalization::Nfc)]);
    }

    #[test]
    fn a_repair_that_completes_mojibake_is_repaired_again() {
        // The C1 fix turns "\u{82}" into "‚", which with "В" is windows-1251 mojibake.
        let input = "x В\u{82} y";
        let once = fix(input, &Config::default());
        let twice = fix(&once.text, &Config::default());
        assert_eq!(twice.text, once.text.as_ref());
        assert!(twice.changes.is_empty());
        let change = &once.changes[0];
        assert_eq!(&input[change.range.clone()], change.before);
        assert!(change.chain.contains(&Step::C1Control));
        assert!(change.chain.contains(&Step::Redecode {
            page: crate::CodePage::Windows1251,
            lossy: false
        }));
    }

    /// Found by `mojibake_prone_strings_never_panic_with_any_config`: a line that needs
    /// more layers than allowed was returned without the normalization asked for.
    #[test]
    fn a_line_left_unrepaired_is_still_normalized() {
        let line = "¥˜тА║\u{91}Г©";
        let config = Config {
            normalization: Normalization::Nfkc,
            max_layers: 1,
            ..Config::default()
        };
        let fixed = crate::fix_text(line, &config);
        let nfkc: String = unicode_normalization::UnicodeNormalization::nfkc(line).collect();
        assert_eq!(fixed.text(), nfkc);
        assert!(fixed
            .changes
            .iter()
            .all(|c| c.chain == [Step::Normalize(Normalization::Nfkc)]));
        let again = crate::fix_text(fixed.text(), &config);
        assert_eq!(again.text(), fixed.text());
    }

    /// Found by the fuzz target `repair_text` once lines left unrepaired were
    /// normalized: NFC turned U+0387 into U+00B7, which completed mojibake, and only
    /// a second run repaired it. The normalized line is now repaired in the same run.
    #[test]
    fn normalizing_a_line_left_unrepaired_does_not_leave_a_repair_to_a_second_run() {
        let line = "Ä\u{90}â€™Ä\u{90}Â¸Ä\u{90}Â´Ä\u{90}Â¸Ä\u{90}Ä½Ä\u{90}Ä¾ƒÂƒ Ä\u{90}Å¼Ä\u{90}ÂµÅƒâ€šÄ¨บ\u{e32}ลว\u{e32}ง\u{e41}ผนจะสร\u{e49}\u{e32}ง\u{e42}รง\u{e40}ร\u{e35}ΰ\u{348}ΆΰΉ™ΰ000000000000Έ\u{ad}ΰΈ™ΰΈΈΰΈ\u{9a}ΰΈ²ΰΈ¥UUUUUUU\u{1}ΰ·\u{81}ΰΈ«ΰΉ\u{88}\u{e35}Åƒ";
        let config = Config::default();
        let fixed = crate::fix_text(line, &config);
        let again = crate::fix_text(fixed.text(), &config);
        assert!(!again.changed(), "{:?} -> {:?}", fixed.text(), again.text());
        assert_eq!(fixed.changes.len(), 1);
        // The one change explains the output.
        let change = &fixed.changes[0];
        assert_eq!(&line[change.range.clone()], change.before);
        let applied = format!(
            "{}{}{}",
            &line[..change.range.start],
            change.after,
            &line[change.range.end..]
        );
        assert_eq!(applied, fixed.text());
    }

    /// Found by the fuzz target `repair_text` in its long-line mode (ninth session), and
    /// reproduced on the session's first commit: this text repeated into one line of
    /// 70 KB was not repaired to a fixed point. The first run repaired "udovΓ©" to
    /// "udové" at a window's end; the second, cutting the shorter line elsewhere, read
    /// "é Ž" and what follows as windows-1250 mojibake of "頎" across the place the
    /// first run cut. A long line is now repaired again while that changes it.
    #[test]
    fn a_long_line_is_repaired_to_a_fixed_point_across_window_edges() {
        let text = concat!(
            "ĺ¸+EEEEEEE\u{8f}Â\u{81}Ã\u{8e}Â¯Ã\u{8e}Â± `Ã\u{8f}â€\u{9e}Ã\u{8e}Â·Ã",
            "\u{8f}â€š Ã\u{8e}Â½ǃ\u{8e}Â±Ã\u{0}\u{0}EEEE\u{8f}Â\u{81}Ã\u{8e}Â¯Ã",
            "\u{8e}Â± Ã\u{8f}â€\u{9e}Ã\u{8e}Â spijval\u{0}9v\u{0}\u{0}\u{0}\u{0}udo",
            "vΓ© \u{8e}Â±Ã\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{8f}â€¦}/Rото",
            "\u{0}\u{0}\u{0}>\u{0}н\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}ЌAGIина Ñ\u{81}‚ćA",
            "”żĺŽ…ä¸ľčˇŚç››\u{93}ĺ\u{0}\u{0}\u{0}\u{0}\u{0}¤§çŦ--------------------",
            "--------------------------------------¸ďĽŚçşŞĢľĺ‘¨ĺą´ă€‚"
        );
        let one = text.replace(['\n', '\r'], " ");
        let mut line = String::new();
        while line.len() < 70_000 {
            line.push_str(&one);
            line.push(' ');
        }
        let config = Config::default();
        let fixed = crate::fix_text(&line, &config);
        let again = crate::fix_text(fixed.text(), &config);
        assert!(!again.changed(), "{:?}", again.changes);
    }

    #[test]
    fn the_quick_test_never_skips_a_line_that_changes() {
        let lines = [
            "plain ASCII line",
            "Le café est très bon",
            "FranÃ§ais",
            "parlé\u{85}",
            "Cafe\u{301}",
            "\u{F900} compatibility ideograph",
            "ﬁne ligature",
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
            "привет, мир",
            "voilÃ le travail",
            "lost byte Ã\u{FFFD} here",
            "â?¦ and Ã? too",
            "Ελληνικά και ΐ ά ",
            "日本語のテキスト",
            "\u{C2}\u{A0}",
            "weiß und Ðœ",
        ];
        for config in &quick_test_configs() {
            for line in lines {
                let (mut quick, mut full) = (Vec::new(), Vec::new());
                // What the engine knows without the quick test: whether there is a C1
                // control, not whether there is a unit.
                let suspect = if config.fix_c1_controls && has_c1_control(line) {
                    Suspect::C1Control
                } else {
                    Suspect::Other
                };
                assert_eq!(
                    fix_line(line, 0, Surroundings::NONE, config, &mut quick),
                    repair_line_fully(line, 0, Surroundings::NONE, config, suspect, &mut full),
                    "{line:?} {config:?}"
                );
                assert_eq!(quick, full);
            }
        }
    }

    #[test]
    fn ascii_runs_and_endings_around_changed_lines() {
        let input = "ascii\r\nmore ascii\nCafÃ©\r\n\nplain\nparlé\u{85}";
        let fixed = fix(input, &Config::default());
        assert_eq!(fixed.text, "ascii\r\nmore ascii\nCafé\r\n\nplain\nparlé…");
        assert_eq!(&input[fixed.changes[0].range.clone()], "Ã©");
        assert_eq!(&input[fixed.changes[1].range.clone()], "\u{85}");
    }

    #[test]
    fn windows_end_after_a_space_then_after_ascii_and_never_inside_a_character() {
        let w = ENGINE_WINDOW_BYTES;
        let spaced = format!("{} {}", "a".repeat(w - 10), "b".repeat(w));
        assert_eq!(window_end(&spaced, 0), w - 9);
        let unspaced = format!("é{}é", "a".repeat(w));
        assert_eq!(window_end(&unspaced, 0), w);
        // No ASCII in the second half: the window runs on to the next ASCII byte.
        let garbled = format!("x{}?y", "é".repeat(w));
        let end = window_end(&garbled, 0);
        assert_eq!(&garbled[end - 1..end], "y");
        assert_eq!(window_end("short", 0), 5);
    }

    #[test]
    fn a_c1_control_at_a_window_edge_is_judged_by_its_neighbours_in_the_line() {
        // Found by the repair_text fuzz target: cut after "\u{84} ", a window hid the
        // NUL after the space, so one run replaced the control that the next run, which
        // cut the line elsewhere, kept among its invisible neighbours. Cutting anywhere
        // else split "Rh\0\0\0\0\0sÌ\u{8c}", whose repair then depended on the cut.
        let config = Config::default();
        for piece in ["\0\0\0|]\u{84} ", "Rh\0\0\0\0\0sÌ\u{8c} "] {
            let line = piece.repeat(2 * ENGINE_WINDOW_BYTES / piece.len());
            let once = fix(&line, &config);
            let again = fix(once.text(), &config);
            assert!(!again.changed(), "not idempotent on {piece:?}");
        }
        // Every control before NULs is kept; only the last one, before the line end, is
        // judged by visible neighbours alone.
        let piece = "\0\0\0|]\u{84} ";
        let line = piece.repeat(2 * ENGINE_WINDOW_BYTES / piece.len());
        let once = fix(&line, &config);
        assert_eq!(
            once.text().matches('\u{84}').count(),
            line.matches('\u{84}').count() - 1
        );
    }

    #[test]
    fn a_window_never_ends_after_a_space_that_may_be_a_lost_no_break_space() {
        // Found by the repair_text fuzz target: "图书馆因装修暂停开放。" through
        // windows-1252, whose "因" (E5 9B A0) lost its no-break space, repeated on one
        // line with no space between ASCII characters to cut at.
        let piece = "å›¾ä¹¦é¦†å› è£…ä¿®æš‚å\u{81}œå¼€æ”¾ã€‚ ";
        let line = piece.repeat(2 * ENGINE_WINDOW_BYTES / piece.len());
        let end = window_end(&line, 0);
        let last: String = line[..end].chars().rev().take(4).collect();
        assert!(line[..end].ends_with("ã€‚ "), "reversed end: {last:?}");
        let config = Config::default();
        let once = fix(&line, &config);
        assert!(!once.text().contains('å'), "a window split a character");
        assert!(!fix(once.text(), &config).changed(), "not idempotent");
        assert!(may_be_a_lost_no_break_space("å› ", "å›".len()));
        assert!(!may_be_a_lost_no_break_space("ã€‚ ", "ã€‚".len()));
        assert!(!may_be_a_lost_no_break_space("a ", 1));
    }

    #[test]
    fn a_long_line_gives_what_its_windows_give() {
        let word = "crÃ¨me ";
        let line = word.repeat(3 * ENGINE_WINDOW_BYTES / word.len());
        let mut changes = Vec::new();
        let fixed = fix_line_until_stable(&line, 0, &Config::default(), &mut changes).unwrap();
        assert_eq!(fixed, "crème ".repeat(3 * ENGINE_WINDOW_BYTES / word.len()));
        assert_eq!(changes.len(), 3 * ENGINE_WINDOW_BYTES / word.len());
        assert!(changes
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start));
    }

    #[test]
    fn c1_controls_become_windows_1252() {
        let fixed = fix("parlé\u{85} Tu", &Config::default());
        assert_eq!(fixed.text, "parlé… Tu");
        assert_eq!(fixed.changes[0].chain, vec![Step::C1Control]);
    }
}
