//! Repairs arbitrary text under a configuration chosen by the first byte (one value
//! repeats the text into a line longer than the engine's window), and checks
//! what every caller relies on: no panic, the change list explains the output exactly
//! (applying the changes to the input gives the output), and fixing the output again
//! changes nothing under the default configuration.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mojifix::{fix_text, Config, Normalization};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let long;
    let text = if selector == LONG_LINE {
        long = long_line(text);
        long.as_str()
    } else {
        text
    };
    let config = config_from(selector);
    let fixed = fix_text(text, &config);
    assert_eq!(
        apply_changes(text, &fixed),
        fixed.text(),
        "changes do not explain the output"
    );
    if config == Config::default() {
        let again = fix_text(fixed.text(), &config);
        assert!(
            !again.changed(),
            "not idempotent: {text:?} -> {:?} -> {:?}",
            fixed.text(),
            again.text()
        );
    }
});

/// The selector that repeats the text into one line longer than the engine's 64 KiB
/// window (under the default configuration), so that lines cut into windows are
/// fuzzed too; any other selector runs the text as it is.
const LONG_LINE: u8 = 0x7f;

/// `text` without its line breaks, repeated with a space between copies until it is
/// longer than the engine's 64 KiB window (empty text stays empty).
fn long_line(text: &str) -> String {
    let one: String = text.replace(['\n', '\r'], " ");
    let mut line = String::with_capacity(70_000);
    while !one.is_empty() && line.len() < 70_000 {
        line.push_str(&one);
        line.push(' ');
    }
    line
}

fn config_from(selector: u8) -> Config {
    let mut config = Config::default();
    if selector & 0x80 == 0 {
        return config;
    }
    config.normalization = match selector & 0x3 {
        0 => Normalization::Nfc,
        1 => Normalization::Nfkc,
        _ => Normalization::None,
    };
    config.fix_c1_controls = selector & 0x4 != 0;
    config.repair_encoding = selector & 0x8 != 0;
    config.max_layers = (selector >> 4) & 0x7;
    config
}

/// The input with every change's range replaced by its `after` text.
fn apply_changes(text: &str, fixed: &mojifix::Fixed<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for change in fixed.changes() {
        assert!(
            change.range.start >= pos,
            "changes overlap or are out of order"
        );
        assert_eq!(
            &text[change.range.clone()],
            change.before,
            "before does not match input"
        );
        out.push_str(&text[pos..change.range.start]);
        out.push_str(&change.after);
        pos = change.range.end;
    }
    out.push_str(&text[pos..]);
    out
}
