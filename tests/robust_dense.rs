//! Lines made mostly or only of changes (issue 6, pathological input): their change
//! lists stay compact and every report format stays correct on them.
//!
//! - A run of adjacent C1 controls is one change (same explanation), not one per
//!   character: 5 million of them held 2 GB of changes before.
//! - A line longer than the engine's window (64 KiB) is repaired window by window,
//!   cut after whitespace (or after ASCII, never inside a character's bytes), and
//!   gives the same text as the same words on short lines.
//! - Reports of thousands of changes on one line count their columns right (they are
//!   made in batches, with the column carried from one change to the next).
//!
//! No test here is timed: `tools/pathological.py` measures time and memory.

use mojifix::report::{findings, findings_iter};
use mojifix::{fix_text, Change, Config, Preset, Step};
use serde_json::Value;

mod common;
use common::{bin, feed};

/// Applies `changes` (byte ranges into `input`) to `input`.
fn apply(input: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for change in changes {
        assert!(
            change.range.start >= pos,
            "changes overlap or are out of order"
        );
        assert_eq!(&input[change.range.clone()], change.before);
        out.push_str(&input[pos..change.range.start]);
        out.push_str(&change.after);
        pos = change.range.end;
    }
    out.push_str(&input[pos..]);
    out
}

/// Checks what every result must satisfy: the changes explain the output exactly,
/// and fixing the output again changes nothing.
fn assert_consistent(input: &str, config: &Config) -> (String, Vec<Change>) {
    let fixed = fix_text(input, config);
    let text = fixed.text().to_string();
    assert_eq!(apply(input, fixed.changes()), text);
    let again = fix_text(&text, config);
    assert!(again.changes().is_empty(), "not idempotent");
    (text, fixed.changes().to_vec())
}

#[test]
fn adjacent_c1_controls_are_one_change() {
    let input = "a\u{85}\u{85}\u{93}b\u{94} c\u{80}";
    let (text, changes) = assert_consistent(input, &Config::default());
    assert_eq!(text, "a……“b” c€");
    let said: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            ("\u{85}\u{85}\u{93}", "……“"),
            ("\u{94}", "”"),
            ("\u{80}", "€")
        ]
    );
    for change in &changes {
        assert_eq!(change.chain, [Step::C1Control]);
        assert_eq!(change.explanation(), "C1 control that was windows-1252");
        assert_eq!(change.confidence, 1.0);
    }
}

#[test]
fn a_c1_control_windows_1252_leaves_undefined_splits_the_run() {
    // U+0081 has no windows-1252 character: it stays, and the runs on each side are
    // changes of their own.
    let input = "x\u{85}\u{85}\u{81}\u{85}y";
    let (text, changes) = assert_consistent(input, &Config::default());
    assert_eq!(text, "x……\u{81}…y");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].before, "\u{85}\u{85}");
    assert_eq!(changes[1].before, "\u{85}");
}

#[test]
fn a_line_of_c1_controls_is_one_change_under_every_preset() {
    let input = format!("{}\n", "\u{80}".repeat(100_000));
    for preset in [Preset::Safe, Preset::Ftfy] {
        let (text, changes) = assert_consistent(&input, &Config::preset(preset));
        assert_eq!(text, format!("{}\n", "€".repeat(100_000)), "{preset:?}");
        assert_eq!(changes.len(), 1, "{preset:?}");
        assert_eq!(changes[0].range, 0..200_000);
    }
}

#[test]
fn c1_runs_next_to_mojibake_keep_each_explanation() {
    // The C1 run and the garbled word touch nothing in common: two changes, each
    // with its own chain.
    let input = "\u{93}\u{94} cafÃ© \u{85}";
    let (text, changes) = assert_consistent(input, &Config::default());
    assert_eq!(text, "“” café …");
    assert_eq!(changes.len(), 3);
    assert_eq!(changes[0].chain, [Step::C1Control]);
    assert!(matches!(changes[1].chain[0], Step::Redecode { .. }));
    assert_eq!(changes[2].chain, [Step::C1Control]);
}

const SENTENCE: &str = "Le garÃ§on a mangÃ© une crÃ¨me brÃ»lÃ©e Ã  cÃ´tÃ© de la gare. ";
const REPAIRED: &str = "Le garçon a mangé une crème brûlée à côté de la gare. ";

#[test]
fn a_line_longer_than_the_engine_window_is_repaired_everywhere() {
    // About 260 KB on one line: four windows and more, each word repaired as it is
    // on a short line, including the words at the cuts.
    let copies = 4_000;
    let input = SENTENCE.repeat(copies);
    let (text, changes) = assert_consistent(&input, &Config::default());
    assert_eq!(text, REPAIRED.repeat(copies));
    let per_sentence = fix_text(SENTENCE, &Config::default()).changes().len();
    assert_eq!(changes.len(), per_sentence * copies);
}

#[test]
fn a_long_line_without_spaces_is_never_cut_inside_a_character() {
    // 160 KB of one garbled "word"; an odd prefix puts every 64 KiB mark between the
    // two characters of a unit. Cutting there would leave "Ã" and "©" behind.
    let input = format!("xy{}", "Ã©".repeat(40_000));
    let (text, _) = assert_consistent(&input, &Config::default());
    assert_eq!(text, format!("xy{}", "é".repeat(40_000)));
    let with_ascii = format!("xy{}", "Ã©a".repeat(30_000));
    let (text, _) = assert_consistent(&with_ascii, &Config::default());
    assert_eq!(text, format!("xy{}", "éa".repeat(30_000)));
}

#[test]
fn findings_one_at_a_time_equal_findings_all_at_once() {
    let text = format!("{}\nok\n{}", SENTENCE.repeat(300), "\u{85}x".repeat(50));
    let fixed = fix_text(&text, &Config::default());
    let all = findings("a.txt", &text, fixed.changes());
    let one_by_one: Vec<_> = findings_iter("a.txt", &text, fixed.changes(), 1, 0).collect();
    assert_eq!(all, one_by_one);
    for found in &all {
        let line_start = text[..found.byte_range.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let column = text[line_start..found.byte_range.start].chars().count() + 1;
        assert_eq!(found.column, column, "{found:?}");
    }
}

/// A file with a line of C1 controls and a line of 3,000 garbled words (more than
/// one batch of findings), with text around.
fn dense_input() -> String {
    format!(
        "début {} fin\n{}\nplain\n",
        "\u{85}".repeat(50_000),
        "naÃ¯ve ".repeat(3_000)
    )
}

/// Expected (line, column) of every finding of [`dense_input`].
fn expected_positions() -> Vec<(u64, u64)> {
    let mut positions = vec![(1, 7)];
    positions.extend((0..3_000).map(|i| (2, 3 + 7 * i)));
    positions
}

fn run(args: &[&str], input: &str) -> std::process::Output {
    feed(bin().args(args), input.as_bytes())
}

#[test]
fn every_json_format_reports_each_dense_change_where_it_is() {
    let input = dense_input();
    let jsonl = run(&["--check", "--format", "jsonl", "-"], &input);
    assert_eq!(jsonl.status.code(), Some(1));
    let messages: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let found: Vec<&Value> = messages
        .iter()
        .filter(|m| m["type"] == "finding")
        .map(|m| &m["data"])
        .collect();
    let positions: Vec<(u64, u64)> = found
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(positions, expected_positions());
    assert_eq!(
        found[0]["before"].as_str().unwrap(),
        "\u{85}".repeat(50_000)
    );
    assert_eq!(found[0]["after"].as_str().unwrap(), "…".repeat(50_000));
    assert_eq!(found[0]["end_column"], 7 + 50_000);
    assert_eq!(found[1]["word_after"], "naïve");
    let summary = messages.last().unwrap();
    assert_eq!(summary["data"]["findings"], 3_001);

    let json = run(&["--check", "--format", "json", "-"], &input);
    let document: Value = serde_json::from_slice(&json.stdout).unwrap();
    let listed = document["files"][0]["findings"].as_array().unwrap();
    assert_eq!(listed.len(), 3_001);
    assert_eq!(listed[3_000]["column"], 3 + 7 * 2_999);

    let sarif = run(&["--check", "--format", "sarif", "-"], &input);
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3_001);
    let region = &results[3_000]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&2.into(), &(3 + 7 * 2_999).into())
    );
}

#[test]
fn text_github_explain_and_diff_report_dense_lines_whole() {
    let input = dense_input();
    let text = run(&["--check", "-"], &input);
    let lines: Vec<String> = String::from_utf8(text.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 3_001);
    assert!(
        lines[0].starts_with("<stdin>:1:7: \"\\u{85}\\u{85}"),
        "{}",
        &lines[0][..40]
    );
    assert_eq!(
        lines[3_000],
        format!(
            "<stdin>:2:{}: \"naÃ¯ve\" -> \"naïve\" (UTF-8 read as windows-1252)",
            3 + 7 * 2_999
        )
    );

    let github = run(&["--check", "--format", "github", "-"], &input);
    let annotations = String::from_utf8(github.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("::"))
        .count();
    assert_eq!(annotations, 3_001);

    let explain = run(&["--explain", "-"], &input);
    let explained = String::from_utf8(explain.stdout).unwrap();
    let blocks: Vec<&str> = explained.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), 3_001);
    assert!(blocks[1_024].starts_with(&format!("<stdin>:2:{}: ", 3 + 7 * 1_023)));

    let diff = run(&["--diff", "-"], &input);
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.contains(&format!("+début {} fin\n", "…".repeat(50_000))));
    assert!(diff.contains(&format!("+{}\n", "naïve ".repeat(3_000))));
}

#[test]
fn a_long_line_of_real_mojibake_is_repaired_to_a_fixed_point_across_windows() {
    // Every sample document and golden input joined into one line and repeated with
    // a shifting prefix, so that the 64 KiB cuts fall in different words each time:
    // the changes still explain the output and a second run finds nothing.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words = Vec::new();
    for dir in ["seeds/samples", "fixtures/golden"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.to_string_lossy().contains("expected"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                words.extend(text.split_whitespace().map(String::from));
            }
        }
    }
    let joined = words.join(" ");
    assert!(joined.len() > 10_000, "{}", joined.len());
    for shift in ["", "x", "xyz "] {
        let mut line = String::from(shift);
        while line.len() < 200_000 {
            line.push_str(&joined);
            line.push(' ');
        }
        let (text, changes) = assert_consistent(&line, &Config::default());
        assert_ne!(text, line);
        assert!(changes.len() > 100, "{}", changes.len());
    }
}

#[test]
fn normalization_far_apart_does_not_make_separate_words_read_as_layers() {
    // Three words each garbled once, through three pages, between two decomposed
    // accents. The line was one change explained as "UTF-8 read as windows-1252,
    // then as windows-1250, then as macintosh, then NFC normalization", as if one
    // word had been garbled three times, and the layer budget of a later pass
    // counted those three "layers" too.
    let input = "Cafe\u{301} cafÃ© CĂ©line caf√© cre\u{300}me";
    let (text, changes) = assert_consistent(input, &Config::default());
    assert_eq!(text, "Café café Céline café crème");
    for change in &changes {
        let layers = change
            .chain
            .iter()
            .filter(|s| matches!(s, Step::Redecode { .. }))
            .count();
        assert!(layers <= 1, "{:?}: {}", change.before, change.explanation());
    }
}
