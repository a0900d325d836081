//! `--jsonl` through the real binary: records that need nothing come out byte for
//! byte, only the named fields change, bad lines follow `--on-error`, and the summary
//! and exit codes hold.

use std::path::PathBuf;
use std::process::Output;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::feed(common::bin().args(args), stdin)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

/// Records built from every clean seed line, in the styles JSON writers use.
fn clean_records() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/clean");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("seeds/clean")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    let mut out = String::new();
    for (n, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("seed file");
        for (i, line) in text.lines().enumerate() {
            let value = serde_json::to_string(line).expect("encode");
            let ascii: String = value
                .chars()
                .flat_map(|c| {
                    if c.is_ascii() {
                        vec![c.to_string()]
                    } else {
                        let mut units = [0u16; 2];
                        c.encode_utf16(&mut units)
                            .iter()
                            .map(|u| format!("\\u{u:04x}"))
                            .collect()
                    }
                })
                .collect();
            let style = (n + i) % 3;
            match style {
                0 => out.push_str(&format!("{{\"id\":{i},\"text\":{value}}}\n")),
                1 => out.push_str(&format!(
                    "{{ \"text\" : {ascii} , \"score\": 1.50E+2, \"tags\": [\"a\", null] }}\r\n"
                )),
                _ => out.push_str(&format!(
                    "{{\"meta\": {{\"lang\": \"{n}\", \"text\": {value}}}, \"text\": {value}}}\n"
                )),
            }
        }
    }
    out
}

#[test]
fn clean_records_come_out_byte_for_byte() {
    let input = clean_records();
    let output = run(&["--jsonl", "--field", "text"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output) == input, "a clean record changed");
    let records = input.lines().count();
    assert!(stderr(&output).contains(&format!("{records} records, 0 changed, 0 errors")));
}

#[test]
fn only_the_named_field_changes() {
    let input = "{\"id\": 1.0, \"text\": \"FranÃ§ais\", \"other\": \"FranÃ§ais\"}\n";
    let output = run(&["--jsonl", "--field", "text"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "{\"id\": 1.0, \"text\": \"Français\", \"other\": \"FranÃ§ais\"}\n"
    );
    assert!(stderr(&output).contains("1 records, 1 changed, 0 errors"));
}

#[test]
fn unicode_escapes_are_repaired_in_their_own_style() {
    let input = "{\"text\":\"Caf\\u00c3\\u00a9 \\ud83d\\ude00\"}\r\n{\"text\":\"Ã©\\n\"}";
    let output = run(&["--jsonl", "--field", "text"], input.as_bytes());
    assert_eq!(
        stdout(&output),
        "{\"text\":\"Caf\\u00e9 \\ud83d\\ude00\"}\r\n{\"text\":\"é\\n\"}"
    );
}

#[test]
fn nested_and_repeated_fields() {
    let input = "{\"meta\":{\"title\":\"ZaÅ¼Ã³Å‚Ä‡\"},\"text\":\"CafÃ©\"}\n";
    let output = run(
        &["--jsonl", "--field", "meta.title", "--field", "text"],
        input.as_bytes(),
    );
    assert_eq!(
        stdout(&output),
        "{\"meta\":{\"title\":\"Zażółć\"},\"text\":\"Café\"}\n"
    );
}

const WITH_BAD_LINES: &str =
    "{\"text\":\"CafÃ©\"}\n{\"text\": \n\n{\"id\":3}\n[1]\n{\"text\":\"ok\"}\n";

#[test]
fn a_bad_line_fails_the_run_by_default() {
    let output = run(&["--jsonl", "--field", "text"], WITH_BAD_LINES.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "{\"text\":\"Café\"}\n");
    let err = stderr(&output);
    assert!(err.contains("mojifix: <stdin>:2: not valid JSON"), "{err}");
    assert!(err.contains("2 records, 1 changed, 1 errors"), "{err}");
}

#[test]
fn bad_lines_are_skipped_or_kept_and_counted() {
    let output = run(
        &["--jsonl", "--field", "text", "--on-error", "skip"],
        WITH_BAD_LINES.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "{\"text\":\"Café\"}\n\n{\"text\":\"ok\"}\n"
    );
    let err = stderr(&output);
    assert!(err.contains("<stdin>:4: no field \"text\""), "{err}");
    assert!(err.contains("<stdin>:5: not a JSON object"), "{err}");
    assert!(err.contains("5 records, 1 changed, 3 errors"), "{err}");

    let output = run(
        &["--jsonl", "--field", "text", "--on-error", "keep"],
        WITH_BAD_LINES.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), WITH_BAD_LINES.replace("CafÃ©", "Café"));
}

#[test]
fn a_field_that_is_not_a_string_is_an_error() {
    let output = run(
        &["--jsonl", "--field", "text", "--on-error", "keep"],
        b"{\"text\": 12}\n",
    );
    assert!(stderr(&output).contains("<stdin>:1: field \"text\" is not a string"));
    assert_eq!(stdout(&output), "{\"text\": 12}\n");
}

#[test]
fn check_reports_record_and_field_and_exits_1() {
    let input = "{\"text\":\"ok\"}\n{\"text\":\"CafÃ©\"}\n";
    let output = run(
        &["--jsonl", "--field", "text", "--check", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let finding: serde_json::Value =
        serde_json::from_str(stdout(&output).trim()).expect("one JSON finding");
    assert_eq!(finding["record"], 2);
    assert_eq!(finding["line"], 2);
    assert_eq!(finding["field"], "text");
    assert_eq!(finding["before"], "Ã©");
    assert_eq!(finding["after"], "é");

    let output = run(
        &["--jsonl", "--field", "text", "--check"],
        b"{\"text\":\"ok\"}\n",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

#[test]
fn usage_errors() {
    let output = run(&["--jsonl"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--jsonl needs at least one --field"));
    let output = run(&["--field", "text"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["--jsonl", "--field", "text", "--diff"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn parallel_batches_keep_the_order_and_stop_at_the_first_bad_line() {
    // More lines than one batch holds, garbled and clean records mixed.
    let mut input = String::new();
    for i in 0..10_000 {
        if i % 7 == 0 {
            input.push_str(&format!("{{\"id\":{i},\"text\":\"CafÃ© nÂº{i}\"}}\n"));
        } else {
            input.push_str(&format!("{{\"id\":{i},\"text\":\"line {i}\"}}\n"));
        }
    }
    let one = run(&["--jsonl", "--field", "text", "-j", "1"], input.as_bytes());
    let two = run(&["--jsonl", "--field", "text", "-j", "2"], input.as_bytes());
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(stdout(&one), stdout(&two));
    assert_eq!(
        stdout(&one),
        input.replace("CafÃ©", "Café").replace("nÂº", "nº")
    );
    assert!(stderr(&two).contains("10000 records, 1429 changed, 0 errors"));

    let bad = input.replacen("{\"id\":5000,", "{\"id\":5000", 1);
    let output = run(&["--jsonl", "--field", "text", "-j", "2"], bad.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output).lines().count(), 5000);
    assert!(stderr(&output).contains("<stdin>:5001: not valid JSON"));
    assert!(stderr(&output).contains("5001 records, 715 changed, 1 errors"));
}

#[test]
fn a_line_that_is_not_utf8_is_bad_and_the_rest_of_its_batch_still_repaired() {
    let input =
        b"{\"text\":\"Caf\xc3\x83\xc2\xa9\"}\n{\"text\":\"caf\xe9\"}\r\n{\"text\":\"ok\"}\n";
    let output = run(&["--jsonl", "--field", "text", "--on-error", "keep"], input);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        output.stdout,
        b"{\"text\":\"Caf\xc3\xa9\"}\n{\"text\":\"caf\xe9\"}\r\n{\"text\":\"ok\"}\n"
    );
    let err = stderr(&output);
    assert!(err.contains("<stdin>:2: not UTF-8"), "{err}");
    assert!(err.contains("3 records, 1 changed, 1 errors"), "{err}");
    let output = run(&["--jsonl", "--field", "text", "--on-error", "skip"], input);
    assert_eq!(
        output.stdout,
        b"{\"text\":\"Caf\xc3\xa9\"}\n{\"text\":\"ok\"}\n"
    );
}

#[test]
fn lines_across_read_blocks_and_batches_come_out_whole() {
    // About 3 MiB, so lines straddle the 1 MiB reads; more lines than a batch holds;
    // CRLF endings, a long line, and no newline at the end.
    let mut input = String::new();
    let mut i = 0;
    while input.len() < 3 << 20 {
        i += 1;
        let pad = "x".repeat(i % 300);
        let ending = if i % 3 == 0 { "\r\n" } else { "\n" };
        input.push_str(&format!("{{\"id\":{i},\"text\":\"CafÃ© {pad}\"}}{ending}"));
        if i == 5000 {
            input.push_str(&format!("{{\"text\":\"{}\"}}\n", "long ".repeat(400_000)));
        }
    }
    input.push_str("{\"text\":\"fin du cafÃ©\"}");
    let expected = input.replace("CafÃ©", "Café").replace("cafÃ©", "café");
    for jobs in ["1", "2"] {
        let output = run(
            &["--jsonl", "--field", "text", "-j", jobs],
            input.as_bytes(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            output.stdout == expected.as_bytes(),
            "-j {jobs}: output differs"
        );
        let summary = format!("{} records, {} changed, 0 errors", i + 2, i + 1);
        assert!(stderr(&output).contains(&summary), "{}", stderr(&output));
    }
}
