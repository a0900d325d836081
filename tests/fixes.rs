//! The optional fixes through the public API: what each does in the pipeline, that
//! every change's range and explanation point at the input, that the safe preset
//! leaves cosmetic matters alone, and that fixes switch on and off one by one.

use std::borrow::Cow;

use mojifix::{fix_text, Change, Config, Fix, Normalization, Preset, Step, FIXES};

mod common;

fn ftfy() -> Config {
    Config::preset(Preset::Ftfy)
}

fn only(fix: Fix) -> Config {
    let mut config = Config::default();
    config.set(Fix::Encoding, false).set(Fix::C1Controls, false);
    config.normalization = Normalization::None;
    config.set(fix, true);
    config
}

/// Every change's range holds its `before`, and applying the changes to the input
/// gives the output.
fn check_changes(input: &str, output: &str, changes: &[Change]) {
    let mut rebuilt = String::new();
    let mut pos = 0;
    for change in changes {
        assert!(
            change.range.start >= pos,
            "{input:?}: overlapping {changes:#?}"
        );
        assert_eq!(&input[change.range.clone()], change.before, "{input:?}");
        assert_ne!(change.before, change.after);
        assert!(!change.chain.is_empty());
        rebuilt.push_str(&input[pos..change.range.start]);
        rebuilt.push_str(&change.after);
        pos = change.range.end;
    }
    rebuilt.push_str(&input[pos..]);
    assert_eq!(
        rebuilt, output,
        "{input:?}: changes do not rebuild the output"
    );
}

/// (fix, input, expected output with only that fix on, the step it reports)
const CASES: &[(Fix, &str, &str, Step)] = &[
    (
        Fix::HtmlEntities,
        "caf&eacute; &amp;amp;eacute; &#x2019;",
        "café é ’",
        Step::HtmlEntity,
    ),
    (
        Fix::TerminalEscapes,
        "\u{1b}[1;31mred\u{1b}[0m",
        "red",
        Step::TerminalEscape,
    ),
    (
        Fix::CurlyQuotes,
        "“here’s a test”",
        "\"here's a test\"",
        Step::CurlyQuote,
    ),
    (
        Fix::CharacterWidth,
        "ＬＯＵＤ　ＮＯＩＳＥＳ",
        "LOUD NOISES",
        Step::CharacterWidth,
    ),
    (
        Fix::LatinLigatures,
        "ﬂuﬃeﬆ",
        "fluffiest",
        Step::LatinLigature,
    ),
    (
        Fix::LineBreaks,
        "a\r\nb\rc\u{2028}d\u{2029}e\u{85}f\r\n",
        "a\nb\nc\nd\ne\nf\n",
        Step::LineBreak,
    ),
    (
        Fix::ControlChars,
        "a\u{0}b\u{7}c\u{c}d",
        "abc\u{c}d",
        Step::ControlChar,
    ),
    (Fix::Bom, "\u{feff}one\u{feff}two", "onetwo", Step::Bom),
    (
        Fix::Surrogates,
        r"say \ud83d\ude00",
        "say 😀",
        Step::SurrogatePair,
    ),
    (
        Fix::Surrogates,
        r"half \ud83d!",
        "half \u{fffd}!",
        Step::LoneSurrogate,
    ),
];

#[test]
fn each_fix_alone() {
    for &(fix, input, expected, step) in CASES {
        let fixed = fix_text(input, &only(fix));
        assert_eq!(fixed.text(), expected, "{fix}");
        check_changes(input, fixed.text(), fixed.changes());
        assert!(
            fixed.changes().iter().all(|c| c.chain == [step]),
            "{fix}: {:#?}",
            fixed.changes()
        );
        assert!(!fixed.changes()[0].explanation().is_empty());
    }
}

#[test]
fn safe_preset_leaves_every_cosmetic_case_alone() {
    for &(fix, input, _, _) in CASES {
        let fixed = fix_text(input, &Config::default());
        let touched_c1 = input.contains('\u{85}');
        assert!(
            !fixed.changed() || touched_c1,
            "{fix}: safe preset changed {input:?} to {:?}",
            fixed.text()
        );
    }
    let typography = "« Il a dit “oui” » — ﬁn\u{feff}\r\nＡ\r\n";
    let fixed = fix_text(typography, &Config::preset(Preset::Safe));
    assert!(!fixed.changed());
    assert!(matches!(fixed.into_text(), Cow::Borrowed(_)));
}

#[test]
fn turning_a_fix_off_keeps_the_rest() {
    for info in FIXES {
        let mut config = ftfy();
        config.set(info.fix, false);
        assert!(!config.enabled(info.fix));
        for &(fix, input, _, _) in CASES {
            if fix == info.fix || matches!(info.fix, Fix::Encoding | Fix::C1Controls) {
                continue;
            }
            let fixed = fix_text(input, &config);
            assert!(
                fixed.changed(),
                "{} off stopped {fix} on {input:?}",
                info.name
            );
            check_changes(input, fixed.text(), fixed.changes());
        }
    }
}

#[test]
fn fixes_before_and_after_re_decoding_chain_in_one_change() {
    // An entity that decodes to mojibake, repaired, then uncurled.
    let input = "x caf&Atilde;&copy; â€œokâ€\u{9d} y";
    let fixed = fix_text(input, &ftfy());
    assert_eq!(fixed.text(), "x café \"ok\" y");
    check_changes(input, fixed.text(), fixed.changes());
    let first = &fixed.changes()[0];
    assert_eq!(first.before, "&Atilde;&copy;");
    assert_eq!(first.chain[0], Step::HtmlEntity);
    assert!(matches!(first.chain[1], Step::Redecode { .. }));
    let quotes = &fixed.changes()[1];
    assert!(quotes.chain.contains(&Step::CurlyQuote), "{quotes:#?}");
}

#[test]
fn a_control_character_inside_mojibake_no_longer_hides_it() {
    let fixed = fix_text("caf\u{c3}\u{1}\u{a9} ok", &ftfy());
    assert_eq!(fixed.text(), "café ok");
}

#[test]
fn html_is_left_alone_from_the_first_angle_bracket() {
    let input = "AT&amp;T &lt;3\n<p>caf&eacute;</p>\n&amp;\n";
    let fixed = fix_text(input, &ftfy());
    assert_eq!(fixed.text(), "AT&T <3\n<p>caf&eacute;</p>\n&amp;\n");
}

#[test]
fn line_breaks_at_every_position() {
    for (input, expected) in [
        ("a\r\n", "a\n"),
        ("a\r", "a\n"),
        ("\r\n\r\n", "\n\n"),
        ("a\r\r\nb", "a\n\nb"),
        ("café\r\nthé\r\n", "café\nthé\n"),
        ("FranÃ§ais\r\n", "Français\n"),
    ] {
        let fixed = fix_text(input, &ftfy());
        assert_eq!(fixed.text(), expected, "{input:?}");
        check_changes(input, fixed.text(), fixed.changes());
    }
}

#[test]
fn ftfy_preset_examples_from_its_documentation() {
    for (input, expected) in [
        ("âœ” No problems", "✔ No problems"),
        ("&macr; (ã\u{83}\u{84}) &macr;", "¯ (ツ) ¯"),
        (
            "Broken text&hellip; it&#x2019;s ﬂubberiﬁc!",
            "Broken text… it's flubberific!",
        ),
        ("ＬＯＵＤ　ＮＯＩＳＥＳ", "LOUD NOISES"),
        ("ｶﾞｷﾞ", "ガギ"),
        ("\u{ed}\u{a0}\u{bd}\u{ed}\u{b2}\u{a9}", "💩"),
    ] {
        let fixed = fix_text(input, &ftfy());
        assert_eq!(fixed.text(), expected, "{input:?}");
        check_changes(input, fixed.text(), fixed.changes());
    }
}

#[test]
fn clean_text_is_borrowed_under_the_ftfy_preset() {
    let clean = "Plain ASCII line.\nNaïve café, привет, 日本語.\n";
    let fixed = fix_text(clean, &ftfy());
    assert!(!fixed.changed());
    assert!(matches!(fixed.into_text(), Cow::Borrowed(_)));
}

#[test]
fn nfkc_is_a_normalization_choice() {
    let mut config = Config::default();
    config.normalization = Normalization::Nfkc;
    let fixed = fix_text("x² ﬁ", &config);
    assert_eq!(fixed.text(), "x2 fi");
    assert_eq!(
        fixed.changes()[0].chain,
        [Step::Normalize(Normalization::Nfkc)]
    );
}

#[test]
fn readme_library_example() {
    let mut config = Config::preset(Preset::Ftfy);
    config.set(Fix::CurlyQuotes, false);
    let fixed = fix_text("ﬁne “quotes” &amp; caf&eacute;\r\n", &config);
    assert_eq!(fixed.text(), "fine “quotes” & café\n");
    assert_eq!("line-breaks".parse::<Fix>(), Ok(Fix::LineBreaks));
}

mod cli {
    use std::process::Output;

    fn run(args: &[&str], stdin: &str) -> Output {
        crate::common::feed(crate::common::bin().args(args), stdin.as_bytes())
    }

    fn stdout(args: &[&str], stdin: &str) -> String {
        let out = run(args, stdin);
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// The README's examples of the flags.
    #[test]
    fn preset_fix_and_no_fix() {
        let input = "ﬁne “quotes” caf&eacute;\r\n";
        assert_eq!(
            stdout(&["--preset", "ftfy"], input),
            "fine \"quotes\" café\n"
        );
        assert_eq!(
            stdout(
                &[
                    "--preset",
                    "ftfy",
                    "--no-fix",
                    "curly-quotes",
                    "--no-fix",
                    "line-breaks"
                ],
                "ﬁne “quotes”\r\n"
            ),
            "fine “quotes”\r\n"
        );
        assert_eq!(
            stdout(&["--fix", "latin-ligatures"], "ﬁne “quotes”\n"),
            "fine “quotes”\n"
        );
        assert_eq!(stdout(&[], input), input, "safe preset is the default");
        assert_eq!(stdout(&["--preset", "safe"], input), input);
    }

    #[test]
    fn the_bom_fix_also_drops_a_leading_bom() {
        let input = "\u{feff}abc\u{feff}d\n";
        assert_eq!(stdout(&["--preset", "ftfy"], input), "abcd\n");
        assert_eq!(stdout(&["--fix", "bom"], input), "abcd\n");
        assert_eq!(stdout(&[], input), input, "safe keeps byte order marks");
    }

    #[test]
    fn bad_names_are_usage_errors() {
        for args in [
            &["--fix", "smart-quotes"][..],
            &["--preset", "strict"],
            &["--fix", "bom", "--no-fix", "bom"],
        ] {
            let out = run(args, "x");
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(out.stdout.is_empty());
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.contains(args[1]), "{args:?}: {err}");
        }
    }

    #[test]
    fn help_names_every_fix() {
        let help = stdout(&["--help"], "");
        for info in mojifix::FIXES {
            assert!(
                help.contains(info.name),
                "--help does not name {}",
                info.name
            );
        }
    }
}

mod legacy {
    use super::*;

    fn with_legacy() -> Config {
        let mut config = Config::default();
        config.set(Fix::LegacyEncoding, true);
        config
    }

    #[test]
    fn a_legacy_line_is_repaired_and_explained() {
        let input = "clean line\nÏðèâåò, êàê ó òåáÿ äåëà?\n";
        let fixed = fix_text(input, &with_legacy());
        assert_eq!(fixed.text(), "clean line\nПривет, как у тебя дела?\n");
        check_changes(input, fixed.text(), fixed.changes());
        assert_eq!(
            fixed.changes()[0].explanation(),
            "windows-1251 read as windows-1252"
        );
        assert!(
            !fix_text(input, &Config::default()).changed(),
            "opt-in only"
        );
        assert!(!ftfy().enabled(Fix::LegacyEncoding), "ftfy has no such fix");
    }

    #[test]
    fn no_clean_seed_line_changes() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/clean");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let base = fix_text(&text, &Config::default());
            let fixed = fix_text(&text, &with_legacy());
            assert_eq!(fixed.text(), base.text(), "{}", path.display());
            files += 1;
        }
        assert!(files >= 30);
    }

    #[test]
    fn utf8_mojibake_stays_the_engines() {
        let input = "Ð¿Ñ€Ð¸Ð²ÐµÑ‚, ÐºÐ°Ðº Ð´ÐµÐ»Ð°?";
        let fixed = fix_text(input, &with_legacy());
        assert_eq!(fixed.text(), "привет, как дела?");
        assert!(matches!(fixed.changes()[0].chain[0], Step::Redecode { .. }));
    }
}

/// Over every synthetic case and every clean seed line, with every fix on: the
/// change list rebuilds the output exactly, and fixing the output again changes
/// nothing.
#[test]
fn every_fix_on_the_corpora_explains_itself_and_is_stable() {
    let mut config = ftfy();
    config.set(Fix::LegacyEncoding, true);
    let root = env!("CARGO_MANIFEST_DIR");
    let cases = std::fs::read_to_string(format!("{root}/fixtures/synthetic/cases.jsonl")).unwrap();
    let mut inputs: Vec<String> = cases
        .lines()
        .map(|line| {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            case["input"].as_str().unwrap().to_string()
        })
        .collect();
    for entry in std::fs::read_dir(format!("{root}/seeds/clean")).unwrap() {
        inputs.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut unstable = Vec::new();
    for input in &inputs {
        let fixed = fix_text(input, &config);
        check_changes(input, fixed.text(), fixed.changes());
        let again = fix_text(fixed.text(), &config);
        if again.changed() {
            unstable.push((
                input.clone(),
                fixed.text().to_string(),
                again.text().to_string(),
            ));
        }
    }
    assert!(
        unstable.is_empty(),
        "{} of {} not stable, e.g. {:#?}",
        unstable.len(),
        inputs.len(),
        &unstable[..unstable.len().min(5)]
    );
}
