//! Mojibake between legacy encodings: text that was never UTF-8, saved in one legacy
//! encoding and read as another. windows-1251 Russian read as windows-1252
//! (`Ïðèâåò` for `Привет`), KOI8-R read as windows-1251 (`рТЙЧЕФ`), Shift_JIS, GBK,
//! Big5 or EUC-KR read as windows-1252 (`“ú–{Œê` for `日本語`), and UTF-8 read as
//! Shift_JIS or GBK (`浣犲ソ` for `你好`).
//!
//! A line is repaired only on strong evidence, all of it required:
//! - the whole line encodes in the encoding it was shown as, and the bytes decode
//!   in the source encoding without a single error;
//! - chardetng, given those bytes, names the source encoding (for a UTF-8 source:
//!   the bytes are valid UTF-8 with several multi-byte sequences, which text in a
//!   legacy CJK encoding practically never is);
//! - the repaired letters are of the scripts the source encoding is for, and none is
//!   a control, private-use or replacement character;
//! - when shown as windows-1252, most of the line's letters are non-ASCII, which
//!   real Latin-script text never has.
//!
//! The unit is the line: legacy mojibake comes from whole files read with the wrong
//! encoding, and a line has the length chardetng needs. A line that mixes such
//! mojibake with text the shown encoding cannot hold is left alone. This fix is in no
//! preset: turn it on with `--fix legacy-encoding`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    Encoding, BIG5, EUC_KR, GBK, KOI8_R, KOI8_U, SHIFT_JIS, UTF_8, WINDOWS_1251, WINDOWS_1252,
};
use unicode_script::{Script, UnicodeScript};

use super::Replacement;

/// One kind of legacy mojibake: text in `source` shown as `shown_as`.
#[derive(Debug)]
pub(crate) struct LegacyPair {
    pub(crate) source: &'static Encoding,
    pub(crate) shown_as: &'static Encoding,
    /// The scripts the repaired letters must be in; empty for "any one script".
    scripts: &'static [Script],
}

const CYRILLIC: &[Script] = &[Script::Cyrillic];
const JAPANESE: &[Script] = &[Script::Han, Script::Hiragana, Script::Katakana];
const CHINESE: &[Script] = &[Script::Han];
const KOREAN: &[Script] = &[Script::Hangul, Script::Han];

/// The pairs tried, in order. The first whose evidence holds wins.
pub(crate) const PAIRS: &[LegacyPair] = &[
    LegacyPair {
        source: WINDOWS_1251,
        shown_as: WINDOWS_1252,
        scripts: CYRILLIC,
    },
    LegacyPair {
        source: KOI8_R,
        shown_as: WINDOWS_1251,
        scripts: CYRILLIC,
    },
    LegacyPair {
        source: SHIFT_JIS,
        shown_as: WINDOWS_1252,
        scripts: JAPANESE,
    },
    LegacyPair {
        source: GBK,
        shown_as: WINDOWS_1252,
        scripts: CHINESE,
    },
    LegacyPair {
        source: BIG5,
        shown_as: WINDOWS_1252,
        scripts: CHINESE,
    },
    LegacyPair {
        source: EUC_KR,
        shown_as: WINDOWS_1252,
        scripts: KOREAN,
    },
    LegacyPair {
        source: UTF_8,
        shown_as: SHIFT_JIS,
        scripts: &[],
    },
    LegacyPair {
        source: UTF_8,
        shown_as: GBK,
        scripts: &[],
    },
];

/// Fewest non-ASCII characters a line needs before it is judged: chardetng, like any
/// statistical detector, says little about a couple of bytes. Calibrated on
/// `tools/legacy_eval.py`: at 4 no clean line changes and short greetings
/// (`Ïðèâåò!`) are still found.
const MIN_NON_ASCII: usize = 4;

/// Fewest multi-byte sequences in recovered UTF-8.
const MIN_UTF8_SEQUENCES: usize = 2;

/// Share of a windows-1252 line's letters that must be non-ASCII. Real Latin-script
/// text stays far below (Hungarian and Icelandic reach about a quarter); Cyrillic or
/// CJK bytes shown as windows-1252 are nearly all non-ASCII.
const MIN_NON_ASCII_LETTER_SHARE: f32 = 0.5;

/// The repair of a whole `line` shown in the wrong legacy encoding, if the evidence
/// is strong, with the pair that explains it.
///
/// ```ignore
/// let (rep, pair) = legacy_mojibake("Ïðèâåò, ìèð!").unwrap();
/// assert_eq!(rep.text, "Привет, мир!");
/// ```
pub(crate) fn legacy_mojibake(line: &str) -> Option<(Replacement, &'static LegacyPair)> {
    let non_ascii = line.chars().filter(|c| !c.is_ascii()).count();
    if non_ascii < MIN_UTF8_SEQUENCES || is_character_listing(line) {
        return None;
    }
    PAIRS.iter().find_map(|pair| {
        if pair.source != UTF_8 && non_ascii < MIN_NON_ASCII {
            return None;
        }
        let repaired = try_pair(line, pair)?;
        Some((Replacement::new(0..line.len(), repaired), pair))
    })
}

fn try_pair(line: &str, pair: &LegacyPair) -> Option<String> {
    if pair.shown_as == WINDOWS_1252 && non_ascii_letter_share(line) < MIN_NON_ASCII_LETTER_SHARE {
        return None;
    }
    let bytes = encode_strictly(line, pair.shown_as)?;
    // Bytes that are UTF-8 with multi-byte sequences are UTF-8 mojibake, the
    // re-decoding engine's business; text in a legacy encoding practically never is.
    let utf8 = std::str::from_utf8(&bytes).is_ok();
    let sequences = bytes.iter().filter(|b| (0xC2..=0xF4).contains(*b)).count();
    let source = if pair.source == UTF_8 {
        (utf8 && sequences >= MIN_UTF8_SEQUENCES).then_some(UTF_8)?
    } else if utf8 && sequences > 0 {
        return None;
    } else {
        detected_as(&bytes, pair.source)?
    };
    let repaired = source.decode_without_bom_handling_and_without_replacement(&bytes)?;
    if repaired == line || !plausible_letters(&repaired, pair.scripts) {
        return None;
    }
    Some(repaired.into_owned())
}

/// The encoding chardetng names for `bytes`, if it is `source`. KOI8-U counts as
/// KOI8-R: it is the same for Russian and adds the Ukrainian letters, and chardetng
/// names it for KOI8-R text.
fn detected_as(bytes: &[u8], source: &'static Encoding) -> Option<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    (guess == source || (source == KOI8_R && guess == KOI8_U)).then_some(guess)
}

/// `text` in `encoding`, or `None` if a character has no byte sequence there.
fn encode_strictly(text: &str, encoding: &'static Encoding) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let mut out =
        Vec::with_capacity(encoder.max_buffer_length_from_utf8_without_replacement(text.len())?);
    let (result, _) = encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
    matches!(result, encoding_rs::EncoderResult::InputEmpty).then_some(out)
}

/// Fewest adjacent characters with consecutive code points that make a line a
/// character listing (`àáâãäå`, a table of an alphabet) rather than words: such
/// lines are exactly the byte runs a detector takes for an alphabet of another
/// encoding. Words do reach four (`законопроект` holds `нопр`), not six.
const LISTING_RUN: usize = 6;

fn is_character_listing(line: &str) -> bool {
    let mut run = 1;
    let mut previous: Option<u32> = None;
    for c in line.chars() {
        let code = u32::from(c);
        run = if previous.is_some_and(|p| p + 1 == code) {
            run + 1
        } else {
            1
        };
        if run >= LISTING_RUN {
            return true;
        }
        previous = Some(code);
    }
    false
}

fn non_ascii_letter_share(line: &str) -> f32 {
    let (letters, non_ascii) = line
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0u32, 0u32), |(n, m), c| {
            (n + 1, m + u32::from(!c.is_ascii()))
        });
    if letters == 0 {
        0.0
    } else {
        non_ascii as f32 / letters as f32
    }
}

/// Whether the repaired text's non-ASCII letters are all of `scripts` (or, when it
/// is empty, all of one script or all CJK), with no control, private-use or U+FFFD character.
fn plausible_letters(text: &str, scripts: &[Script]) -> bool {
    let mut seen: Option<Script> = None;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t') || c == '\u{FFFD}' || is_private_use(c) {
            return false;
        }
        if c.is_ascii() || !c.is_alphabetic() {
            continue;
        }
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited) {
            continue;
        }
        if scripts.is_empty() {
            // Japanese and Korean write with several scripts: they count as one.
            let script = match script {
                Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
                    Script::Han
                }
                other => other,
            };
            if seen.is_some_and(|s| s != script) {
                return false;
            }
            seen = Some(script);
        } else if !scripts.contains(&script) {
            return false;
        }
    }
    true
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> Option<(String, &'static str, &'static str)> {
        legacy_mojibake(line).map(|(r, p)| (r.text, p.source.name(), p.shown_as.name()))
    }

    fn garble(text: &str, source: &'static Encoding, shown_as: &'static Encoding) -> String {
        let (bytes, _, unmappable) = source.encode(text);
        assert!(!unmappable);
        shown_as.decode_without_bom_handling(&bytes).0.into_owned()
    }

    #[test]
    fn each_pair_is_repaired() {
        let cases = [
            (
                "Привет, как у тебя дела сегодня?",
                WINDOWS_1251,
                WINDOWS_1252,
            ),
            ("Привет, как у тебя дела сегодня?", KOI8_R, WINDOWS_1251),
            ("日本語のテキストを読みました。", SHIFT_JIS, WINDOWS_1252),
            ("我们今天去公园散步了。", GBK, WINDOWS_1252),
            ("我們今天去公園散步了。", BIG5, WINDOWS_1252),
            ("오늘은 날씨가 정말 좋습니다.", EUC_KR, WINDOWS_1252),
            ("日本語のテキスト", UTF_8, GBK),
            ("你好世界", UTF_8, GBK),
            ("Привет, как у тебя дела?", UTF_8, GBK),
            ("Le café crème est prêt, côté jardin.", UTF_8, SHIFT_JIS),
            (
                "Nous avons déjeuné sur la terrasse malgré le vent.",
                UTF_8,
                GBK,
            ),
        ];
        for (text, source, shown_as) in cases {
            let garbled = garble(text, source, shown_as);
            let fixed = fix(&garbled);
            assert_eq!(
                fixed.as_ref().map(|f| f.0.as_str()),
                Some(text),
                "{} shown as {}: {garbled:?}",
                source.name(),
                shown_as.name()
            );
        }
    }

    #[test]
    fn the_classic_example() {
        let (text, source, shown_as) = fix("Ïðèâåò, ìèð!").unwrap();
        assert_eq!(
            (text.as_str(), source, shown_as),
            ("Привет, мир!", "windows-1251", "windows-1252")
        );
    }

    #[test]
    fn clean_text_stays() {
        for line in [
            "Élève à l'école, où l'été dure.",
            "Größere Übungen für Schüler außerhalb.",
            "Привет, как у тебя дела сегодня?",
            "Пример текста на русском языке без ошибок.",
            "日本語のテキストを読みました。",
            "我们今天去公园散步了。",
            "오늘은 날씨가 정말 좋습니다.",
            "Þórður fór í bæinn á föstudögum.",
            "Ártéktelen tükörfúrógép ünnepén.",
            "ÉTÉ À ÎLE",
            "Ça été fêté à Noël",
            "Åsa åker på ön, Ørsted ærø øl",
            "“quoted” — dash… ‰",
            "àáâãäåæçèéêëìíîï ðñòóôõö ùúûüýþÿ",
            // UTF-8 mojibake is the engine's: never taken for windows-1251.
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚, ÐºÐ°Ðº Ð´ÐµÐ»Ð°?",
            "РџСЂРёРІРµС‚, РєР°Рє РґРµР»Р°?",
        ] {
            assert_eq!(fix(line), None, "{line:?}");
        }
    }

    #[test]
    fn short_lines_are_not_judged() {
        assert_eq!(fix("Ïðè"), None);
    }
}
