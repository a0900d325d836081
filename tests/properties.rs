//! Property tests: repair never panics, its output is normalized and stable, clean
//! text in many scripts is left alone, and garbling a correct sentence with any
//! candidate code page is undone.

use mojifix::{fix_text, CodePage, Config, Normalization, Preset, FIXES};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::{is_nfc, is_nfkc};

const NORMALIZATIONS: [Normalization; 3] =
    [Normalization::Nfc, Normalization::Nfkc, Normalization::None];

fn config(normalization: Normalization) -> Config {
    let mut config = Config::default();
    config.normalization = normalization;
    config
}

/// Characters that mojibake is made of, and that look like it: the upper half of
/// Latin-1, windows-1252's extra punctuation, C1 controls, box drawing, Cyrillic,
/// the replacement character, `?`, spaces, a few ASCII letters and line breaks.
fn mojibake_alphabet() -> Vec<char> {
    let mut chars: Vec<char> = ('\u{80}'..='\u{ff}').collect();
    chars.extend("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".chars());
    chars.extend('\u{2500}'..='\u{257f}');
    chars.extend('\u{2580}'..='\u{25a0}');
    chars.extend('\u{400}'..='\u{45f}');
    chars.extend("ĂăĹĺĽľŁłŢţŞşÄ±ÅŸÎžΞΟ√≈ ﬁ�?  \u{301}aeiost.,\n\r\n".chars());
    chars
}

fn mojibake_prone() -> impl Strategy<Value = String> {
    prop::collection::vec(select(mojibake_alphabet()), 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

fn any_normalization() -> impl Strategy<Value = Normalization> {
    select(NORMALIZATIONS.to_vec())
}

/// Correct words in many languages (NFC). Each list is one language, so a sentence
/// drawn from one list is plausible text.
#[rustfmt::skip]
const LANGUAGES: &[(&str, &[&str])] = &[
    ("en", &["the", "weather", "is", "nice", "today", "and", "we", "walk", "home", "café", "naïve", "résumé"]),
    ("fr", &["le", "garçon", "a", "mangé", "une", "crème", "brûlée", "à", "côté", "où", "été", "Noël", "très", "déjà"]),
    ("de", &["Grüße", "aus", "München", "schöne", "Straße", "für", "Mädchen", "über", "Bäcker", "heißt", "Öl"]),
    ("es", &["el", "niño", "está", "en", "la", "montaña", "mañana", "¿dónde", "año", "corazón", "también"]),
    ("pt", &["São", "Paulo", "não", "é", "a", "capital", "informação", "você", "coração", "irmã", "avô"]),
    ("it", &["perché", "città", "più", "caffè", "così", "può", "università", "già", "là"]),
    ("nl", &["een", "mooie", "dag", "in", "Nederland", "geïnteresseerd", "café", "ideeën", "één"]),
    ("sv", &["hej", "på", "dig", "smörgås", "älskar", "för", "många", "år", "över"]),
    ("da", &["København", "er", "en", "smuk", "by", "rødgrød", "med", "fløde", "på", "æble"]),
    ("fi", &["hyvää", "päivää", "kiitos", "kahvista", "tämä", "on", "hyvä", "yö", "äiti"]),
    ("is", &["góðan", "daginn", "þetta", "er", "fallegt", "veður", "á", "Íslandi", "við", "ætlum"]),
    ("pl", &["zażółć", "gęślą", "jaźń", "dziękuję", "bardzo", "łódź", "źródło", "świat", "że"]),
    ("cs", &["dobrý", "den", "děkuji", "za", "vaši", "zprávu", "příliš", "žluťoučký", "kůň", "úpěl"]),
    ("sk", &["ďakujem", "pekne", "dobrý", "deň", "ľúbim", "ťa", "päť", "môj"]),
    ("hu", &["árvíztűrő", "tükörfúrógép", "köszönöm", "szépen", "jó", "napot", "őszinte"]),
    ("ro", &["mulțumesc", "frumos", "școală", "țară", "înțeleg", "că", "și", "până"]),
    ("hr", &["hvala", "lijepa", "naša", "domovina", "čovjek", "žena", "ćevapi", "đak"]),
    ("sl", &["hvala", "lepa", "hiša", "čas", "življenje", "šola", "žaba"]),
    ("tr", &["ışık", "ağaçların", "arasından", "süzülüyor", "teşekkür", "ederim", "güzel", "İstanbul", "çok"]),
    ("lt", &["ačiū", "labai", "gražus", "rytas", "prie", "jūros", "šiandien", "žmogus", "ąžuolas"]),
    ("lv", &["paldies", "labdien", "kā", "jums", "klājas", "ļoti", "skaists", "ziņa", "ķēķis"]),
    ("et", &["tere", "hommikust", "kõik", "on", "hästi", "tänan", "väga", "õun", "üks"]),
    ("vi", &["tiếng", "Việt", "có", "nhiều", "dấu", "thanh", "xin", "chào", "cảm", "ơn", "đẹp"]),
    ("el", &["καλημέρα", "κόσμε", "τα", "παιδιά", "παίζουν", "στην", "αυλή", "ευχαριστώ", "πολύ"]),
    ("ru", &["привет", "как", "дела", "спасибо", "за", "письмо", "съешь", "ещё", "мягких", "булок"]),
    ("uk", &["дякую", "їжак", "ґудзик", "єнот", "гуляють", "у", "лісі", "привіт"]),
    ("bg", &["здравей", "благодаря", "България", "хубаво", "време", "щастие", "ъгъл"]),
    ("sr", &["здраво", "хвала", "ђак", "љубав", "његош", "ћуприја", "џеп"]),
    ("he", &["שלום", "עולם", "מה", "שלומך", "היום", "תודה", "רבה"]),
    ("ar", &["مرحبا", "بالعالم", "كيف", "حالك", "اليوم", "شكرا", "جزيلا"]),
    ("hi", &["नमस्ते", "दुनिया", "आप", "कैसे", "हैं", "धन्यवाद", "भारत"]),
    ("th", &["สวัสดี", "ครับ", "วันนี้", "อากาศ", "ดี", "มาก", "ขอบคุณ"]),
    ("zh", &["你好", "世界", "谢谢", "中文", "文本", "今天", "天气", "很好"]),
    ("ja", &["こんにちは", "日本語", "テキスト", "ありがとう", "東京", "カタカナ"]),
    ("ko", &["안녕하세요", "한국어", "문장", "감사합니다", "서울", "날씨"]),
    ("symbols", &["5×4 m²", "£35", "½", "√π", "≤", "∞", "→", "€12", "°C", "“quoted”", "it’s", "—", "…", "👍🏽", "👨‍👩‍👧‍👦", "™"]),
];

/// Correct text the engine used to change, with the wrong result it gave; checked,
/// alone and inside an English sentence, by `known_clean_traps_are_unchanged`. Kept
/// out of the word lists above, whose sentences (drawn from a fixed seed) calibrate
/// the round-trip ceilings.
const KNOWN_CLEAN_TRAPS: &[(&str, &str)] = &[
    // D7 A3 (the windows-1252 bytes of "×£") is the UTF-8 of Hebrew final pe.
    ("5×£35", "5ף35"),
    // "Ã" and a space read as "à" whose no-break space was lost.
    (
        "The letter Ã is used in Portuguese.",
        "The letter à is used in Portuguese.",
    ),
];

/// Separators between words: spaces and punctuation that correct text uses.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", ", ", "; ", ": ", " - ", " — ", " (", ") ", " / ",
];
const ENDINGS: &[&str] = &["", ".", "!", "?", "…", "\n"];

/// A sentence of 1 to 8 words from one language, joined by separators.
fn sentence_in(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec((select(words), select(SEPARATORS)), 1..9).prop_flat_map(|pairs| {
        select(ENDINGS).prop_map(move |end| {
            let mut s = String::new();
            for (i, (word, sep)) in pairs.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                s.push_str(word);
            }
            s.push_str(end);
            s
        })
    })
}

/// A sentence in one randomly chosen language.
fn sentence() -> impl Strategy<Value = String> {
    select(LANGUAGES.to_vec()).prop_flat_map(|(_, words)| sentence_in(words))
}

/// Several sentences, possibly in different languages, on separate lines.
fn multilingual_text() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), select(vec!["\n", "\r\n", " "])), 1..4).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(s, sep)| s + sep)
            .collect::<String>()
    })
}

/// The UTF-8 bytes of `text` decoded one by one with `page`, or `None` when a byte
/// has no character in that page.
fn garble(text: &str, page: CodePage) -> Option<String> {
    text.bytes().map(|b| page.decode_byte(b)).collect()
}

fn check_output(input: &str, normalization: Normalization) -> Result<(), TestCaseError> {
    let fixed = fix_text(input, &config(normalization));
    let text = fixed.text();
    match normalization {
        Normalization::Nfc => prop_assert!(is_nfc(text), "not NFC: {:?}", text),
        Normalization::Nfkc => prop_assert!(is_nfkc(text), "not NFKC: {:?}", text),
        Normalization::None => {}
    }
    // Line breaks are never added, removed or moved between lines.
    prop_assert_eq!(
        input.matches('\n').count(),
        text.matches('\n').count(),
        "line count changed: {:?} -> {:?}",
        input,
        text
    );
    prop_assert_eq!(
        fixed.changed(),
        text != input || !fixed.changes().is_empty()
    );
    for change in fixed.changes() {
        prop_assert_eq!(&input[change.range.clone()], change.before.as_str());
    }
    Ok(())
}

/// Any configuration the library accepts: either preset, any fixes switched on or
/// off on top, any normalization and any layer budget (the CLI caps it at 16, the
/// library's field takes any `u8`).
fn any_config() -> impl Strategy<Value = Config> {
    let preset = select(vec![Preset::Safe, Preset::Ftfy]);
    let switches = prop::collection::vec((select(FIXES.to_vec()), any::<bool>()), 0..6);
    let layers = prop_oneof![4 => 0u8..=16, 1 => any::<u8>()];
    (preset, switches, any_normalization(), layers).prop_map(|(preset, switches, form, layers)| {
        let mut config = Config::preset(preset);
        for (info, on) in switches {
            config.set(info.fix, on);
        }
        config.normalization = form;
        config.max_layers = layers;
        config
    })
}

/// What holds under any configuration: the output is in the normalization form
/// asked for, and the change list explains it exactly (the changes are in order,
/// do not overlap, quote the input, and applied to the input give the output).
fn check_any_config(input: &str, config: &Config) -> Result<(), TestCaseError> {
    let fixed = fix_text(input, config);
    let text = fixed.text();
    match config.normalization {
        Normalization::Nfc => prop_assert!(is_nfc(text), "not NFC: {:?}", text),
        Normalization::Nfkc => prop_assert!(is_nfkc(text), "not NFKC: {:?}", text),
        _ => {}
    }
    let mut rebuilt = String::with_capacity(input.len());
    let mut pos = 0;
    for change in fixed.changes() {
        prop_assert!(
            change.range.start >= pos,
            "changes overlap: {:?}",
            fixed.changes()
        );
        prop_assert_eq!(&input[change.range.clone()], change.before.as_str());
        rebuilt.push_str(&input[pos..change.range.start]);
        rebuilt.push_str(&change.after);
        pos = change.range.end;
    }
    rebuilt.push_str(&input[pos..]);
    prop_assert_eq!(
        rebuilt.as_str(),
        text,
        "changes do not explain the output of {:?}",
        input
    );
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic_with_any_config(input in any::<String>(), config in any_config()) {
        check_any_config(&input, &config)?;
    }

    #[test]
    fn mojibake_prone_strings_never_panic_with_any_config(
        input in mojibake_prone(),
        config in any_config(),
    ) {
        check_any_config(&input, &config)?;
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>(), form in any_normalization()) {
        check_output(&input, form)?;
    }

    #[test]
    fn mojibake_prone_strings_never_panic(input in mojibake_prone(), form in any_normalization()) {
        check_output(&input, form)?;
    }

    #[test]
    fn repair_is_idempotent_on_arbitrary_strings(input in any::<String>()) {
        let once = fix_text(&input, &Config::default()).text().to_owned();
        let twice = fix_text(&once, &Config::default()).text().to_owned();
        prop_assert_eq!(&twice, &once, "input {:?}", input);
    }

    #[test]
    fn repair_is_idempotent_on_mojibake_prone_strings(input in mojibake_prone()) {
        let once = fix_text(&input, &Config::default()).text().to_owned();
        let twice = fix_text(&once, &Config::default()).text().to_owned();
        prop_assert_eq!(&twice, &once, "input {:?}", input);
    }

    #[test]
    fn clean_sentences_are_unchanged(text in sentence()) {
        let fixed = fix_text(&text, &Config::default());
        prop_assert_eq!(fixed.text(), text.as_str(), "changes: {:?}", fixed.changes());
        prop_assert!(!fixed.changed());
    }

    #[test]
    fn clean_multilingual_text_is_unchanged(text in multilingual_text()) {
        let fixed = fix_text(&text, &Config::default());
        prop_assert_eq!(fixed.text(), text.as_str(), "changes: {:?}", fixed.changes());
        prop_assert!(!fixed.changed());
    }
}

/// One round-trip property per candidate page: garble a correct sentence with the
/// page, repair it, get the sentence back.
/// A page may name `unless = f`: a test `f(&text, &garbled, page)` for a class of texts
/// that no engine can repair without breaking correct text, argued where `f` is
/// written; those texts are skipped and nothing else is.
macro_rules! round_trip {
    ($($name:ident => $page:expr $(, unless = $ambiguous:path)? $(, ignore = $why:literal)?;)*) => {
        proptest! {
            $(
                #[test]
                $(#[ignore = $why])?
                fn $name(text in sentence()) {
                    let page = $page;
                    let Some(garbled) = garble(&text, page) else {
                        return Ok(());
                    };
                    $(
                        if $ambiguous(&text, &garbled, page) {
                            return Ok(());
                        }
                    )?
                    let fixed = fix_text(&garbled, &Config::default());
                    prop_assert_eq!(
                        fixed.text(),
                        text.as_str(),
                        "{} garbled {:?}",
                        page.name(),
                        garbled
                    );
                }
            )*
        }
    };
}

/// The box-drawing characters with a stroke reaching their left edge, and those with
/// one reaching their right edge (from their Unicode names: LEFT, RIGHT or
/// HORIZONTAL; the same data as the cost model's, restated for the test).
const BOX_LEFT_STROKES: &str =
    "─━┄┅┈┉┐┑┒┓┘┙┚┛┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╌╍═╕╖╗╛╜╝╡╢╣╤╥╦╧╨╩╪╫╬╮╯╴╸╼╾";
const BOX_RIGHT_STROKES: &str =
    "─━┄┅┈┉┌┍┎┏└┕┖┗├┝┞┟┠┡┢┣┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╌╍═╒╓╔╘╙╚╞╟╠╤╥╦╧╨╩╪╫╬╭╰╶╺╼╾";

/// Whether `garbled` is, but for spaces and ASCII punctuation, nothing but pieces of a
/// diagram: box drawing whose strokes join wherever two characters touch ("┬╜", which
/// IBM437 and IBM866 show for a lone "½"). Issue 2 requires box drawing to come out
/// unchanged, and such a text is box drawing by every test a reader could make: no
/// letter, no digit, no stroke ending in the middle of nowhere. The same text is the
/// garbling of "½", and one engine cannot give both answers; it keeps the diagram.
/// A fragment between words of prose, or beside any other character, is not skipped.
fn is_diagram_fragment(_text: &str, garbled: &str, _page: CodePage) -> bool {
    let is_box = |c: char| ('\u{2500}'..='\u{257F}').contains(&c);
    let chars: Vec<char> = garbled.chars().collect();
    let only_boxes_and_punctuation = chars
        .iter()
        .all(|&c| is_box(c) || c.is_ascii_whitespace() || c.is_ascii_punctuation());
    let joins = |a: char, b: char| BOX_RIGHT_STROKES.contains(a) == BOX_LEFT_STROKES.contains(b);
    only_boxes_and_punctuation
        && chars.iter().any(|&c| is_box(c))
        && chars
            .windows(2)
            .all(|pair| !(is_box(pair[0]) && is_box(pair[1])) || joins(pair[0], pair[1]))
}

/// Whether a word of `text` is itself what `page` makes of another word ("√π" is Mac
/// Roman for "ù"). Then the garbled text is also that other text garbled twice: both
/// "√π" and "ù" are correct text, and the engine, which undoes every layer that pays
/// its way, cannot tell how many layers there were. Only words whose bytes in `page`
/// are valid UTF-8 with a character beyond ASCII qualify; ordinary words of the word
/// lists never do.
fn is_garbled_twice_of_another_text(text: &str, _garbled: &str, page: CodePage) -> bool {
    text.split_whitespace().any(|word| {
        let bytes: Option<Vec<u8>> = word.chars().map(|c| page.encode_char(c)).collect();
        bytes.is_some_and(|bytes| {
            std::str::from_utf8(&bytes).is_ok_and(|s| s != word && !s.is_ascii())
        })
    })
}

/// The candidate pages other than `page` that garble `other` into exactly `garbled`.
fn pages_that_garble_into<'a>(
    other: &'a str,
    garbled: &'a str,
    page: CodePage,
) -> impl Iterator<Item = CodePage> + 'a {
    CodePage::ALL
        .into_iter()
        .filter(move |&rival| rival != page && garble(other, rival).as_deref() == Some(garbled))
}

/// Whether the engine's repair of `garbled` is not `text` but another text that
/// another candidate page garbles into exactly `garbled`, byte for byte: then the
/// garbled text is the garbling of both, and nothing in it tells which one was
/// written. Sister pages differ in a few bytes, so a word of letters at those bytes
/// is such a collision: ISO-8859-2 "ĂĽr" is "år", and windows-1250 "ür"; windows-1250
/// "ĹĄa" is "ťa", and ISO-8859-2 "ša"; ISO-8859-15 "ÄŒoti" is Latvian "ļoti", and
/// windows-1252 "Čoti". A repair that mixes pages ("žmogus" read through windows-1252
/// beside a dash only ISO-8859-15 explains), one left garbled, or one that no page
/// garbles into `garbled` is no collision and still fails. The property with this
/// predicate says: the repair is the original, or a text no engine can tell from it.
/// (It asks the engine twice; the ceilings below count collisions as failures.)
fn is_exact_collision(text: &str, garbled: &str, page: CodePage) -> bool {
    let fixed = fix_text(garbled, &Config::default());
    fixed.text() != text
        && pages_that_garble_into(fixed.text(), garbled, page)
            .next()
            .is_some()
}

#[test]
fn exact_collisions_are_texts_another_page_garbles_the_same_way() {
    let collides = |other: &str, garbled: &str, page| {
        pages_that_garble_into(other, garbled, page).collect::<Vec<_>>()
    };
    assert_eq!(
        collides("ür", "ĂĽr", CodePage::Iso8859_2),
        [CodePage::Windows1250]
    );
    assert_eq!(
        collides("ša", "ĹĄa", CodePage::Windows1250),
        [CodePage::Iso8859_2]
    );
    assert!(collides("Čoti", "ÄŒoti", CodePage::Iso8859_15).contains(&CodePage::Windows1252));
    // The garbling page itself is no rival, and a repair that mixes pages matches none.
    assert!(collides("år", "ĂĽr", CodePage::Iso8859_2).is_empty());
    let mixed = "şmogus — şmogus";
    assert!(collides(mixed, "ÅŸmogus â\u{80}\u{94} ÅŸmogus", CodePage::Iso8859_15).is_empty());
    // Text left garbled is no collision either.
    assert!(!is_exact_collision("½?", "ВЅ?", CodePage::Windows1251));
}

#[test]
fn a_word_that_is_mojibake_itself_is_told_by_its_page() {
    let diag = |s| is_diagram_fragment("", s, CodePage::Ibm437);
    assert!(is_garbled_twice_of_another_text(
        "√π €12",
        "",
        CodePage::MacRoman
    ));
    assert!(!is_garbled_twice_of_another_text(
        "√π €12",
        "",
        CodePage::Windows1252
    ));
    assert!(!is_garbled_twice_of_another_text(
        "naïve café",
        "",
        CodePage::MacRoman
    ));
    assert!(diag("┬╜"));
}

#[test]
fn diagram_fragments_are_only_joined_box_drawing() {
    let is_diagram_fragment = |s| is_diagram_fragment("", s, CodePage::Ibm437);
    assert!(is_diagram_fragment("┬╜"));
    assert!(is_diagram_fragment("┬╜ (┬╜."));
    assert!(
        !is_diagram_fragment("╨║╨░╨║"),
        "\"как\" through IBM437 does not join"
    );
    assert!(!is_diagram_fragment("┬╜ΓÇª"), "\"½…\" has a letter");
    assert!(!is_diagram_fragment("the ┬╜"));
    assert!(!is_diagram_fragment("..."));
}

round_trip! {
    round_trip_windows_1252 => CodePage::Windows1252;
    round_trip_latin1 => CodePage::Latin1;
    round_trip_windows_1250 => CodePage::Windows1250, unless = is_exact_collision, ignore = "engine: up to exact collisions, none of the 20,000 listed sentences fails but 2 of 100,000 do, and the property finds one in about 40,000 cases: Icelandic \"þetta\" read \"õetta\" and \"Íslandi\" read \"ëslandi\" through ISO-8859-2 beside \"á\", which both pages read alike";
    round_trip_windows_1251 => CodePage::Windows1251, ignore = "engine: 5 of 20,000 fail, a lone symbol with nothing else on the line: \"½\" (\"ВЅ\"), \"£35\" (\"ВЈ35\")";
    round_trip_iso_8859_15 => CodePage::Iso8859_15, unless = is_exact_collision, ignore = "engine: up to exact collisions, 2 of 20,000 fail: a lone \"½\" (\"Âœ\")";
    round_trip_iso_8859_2 => CodePage::Iso8859_2, unless = is_exact_collision, ignore = "engine: up to exact collisions, none of the 20,000 listed sentences fails but 17 of 100,000 do: Swedish \"många\", \"på\", \"över\" read \"münga\", \"pü\", \"Üver\" through windows-1250 beside \"för\", which only ISO-8859-2 reads (the letter model finds Swedish \"för många\" 58 bits cheaper but counts \"ü\" as a letter Swedish writes), Slovak \"ťa\" read \"ża\" beside \"…\" or \"—\", Czech \"zprávu\" read \"zpråvu\" beside another \"zprávu\"";
    round_trip_windows_1254 => CodePage::Windows1254;
    round_trip_windows_1253 => CodePage::Windows1253;
    round_trip_windows_1257 => CodePage::Windows1257;
    round_trip_macintosh => CodePage::MacRoman, unless = is_garbled_twice_of_another_text, ignore = "engine: 9 of 20,000 fail, the texts garbled twice among them since a line garbled once pays the prior of a second layer through its page (111 before): a lone \"у\" (\"—É\", which Portuguese dialogue writes) or the same word repeated, \"½\" alone";
    round_trip_koi8_r => CodePage::Koi8R, ignore = "engine: 5 of 20,000 fail, a lone symbol with nothing else on the line: \"½\" (\"б╫\"), \"£35\" (\"бё35\")";
    round_trip_koi8_u => CodePage::Koi8U, ignore = "engine: 5 of 20,000 fail, a lone symbol with nothing else on the line: \"½\" (\"бҐ\"), \"£35\" (\"бё35\")";
    round_trip_ibm437 => CodePage::Ibm437, unless = is_diagram_fragment;
    round_trip_ibm850 => CodePage::Ibm850, ignore = "engine: 9 of 20,000 fail, a lone symbol with nothing else on the line: \"™\" (\"Ôäó\"), \"½\" (\"┬¢\")";
    round_trip_ibm866 => CodePage::Ibm866, unless = is_diagram_fragment;
}

#[test]
fn round_trips_cover_every_page() {
    // A new candidate page needs a round-trip property above.
    assert_eq!(CodePage::ALL.len(), 15);
}

#[test]
fn known_clean_traps_are_unchanged() {
    let mut wrong = Vec::new();
    for (trap, _) in KNOWN_CLEAN_TRAPS {
        for text in [trap.to_string(), format!("It costs {trap} in total.\n")] {
            let fixed = fix_text(&text, &Config::default());
            if fixed.text() != text {
                wrong.push(format!("{text:?} -> {:?}", fixed.text()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The idempotence counterexample found by `repair_is_idempotent_on_mojibake_prone_strings`,
/// as a plain test: the first pass turns the C1 control into "‚", which together with
/// "В" then reads as windows-1251 mojibake on the second pass.
#[test]
fn c1_fix_does_not_create_new_mojibake() {
    let once = fix_text("x В\u{82} y", &Config::default())
        .text()
        .to_owned();
    let twice = fix_text(&once, &Config::default()).text().to_owned();
    assert_eq!(twice, once);
}

/// Found by `repair_is_idempotent_on_mojibake_prone_strings` with PROPTEST_CASES=1000000:
/// lossy garbage whose first run spent all four layers of `max_layers` on the line,
/// so the repeat passes inside one run could not undo more, while a second run started
/// with a fresh budget and undid two more lossy layers. A line that needs more layers
/// than `max_layers` is now left as it is, which a second run agrees with.
#[test]
fn repeat_passes_share_the_layer_budget_with_a_second_run() {
    let once = fix_text("˜─åВÂГ\u{82}\u{fffd}‚", &Config::default())
        .text()
        .to_owned();
    let twice = fix_text(&once, &Config::default()).text().to_owned();
    assert_eq!(twice, once);
}

/// Round-trip failures through windows-1250 and ISO-8859-2: "à!" garbles to
/// "Ă\u{a0}!" (the lead byte 0xC3 is a capital, the continuation 0xA0 a no-break
/// space). A letter followed by a no-break space at the start of a line is used as a
/// word; a letter named there, with an ordinary space, stays.
#[test]
fn a_lone_letter_bound_by_a_no_break_space_opens_a_line_as_a_word() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("Ă\u{a0}!"), "à!");
    assert_eq!(fix("Ă\u{a0}"), "à");
    assert_eq!(fix("Ă este o literă."), "Ă este o literă.");
    assert_eq!(fix("V\u{a0}Praze"), "V\u{a0}Praze");
}

/// Round-trip failures through ISO-8859-2: Portuguese "é" opening a line garbles to
/// "ĂŠ", which windows-1250 reads as "Ê"; a capital alone at the start of a line
/// whose languages are known is no named letter there. A lowercase letter opening a
/// line stays exempt (Icelandic "á daginn" through windows-1250 is no "÷ daginn").
#[test]
fn a_lone_capital_opening_a_portuguese_line_is_a_lowercase_word() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("ĂŠ (vocĂŞ) informaĂ§ĂŁo\n"), "é (você) informação\n");
    assert_eq!(
        fix("ĂŠ; capital, coraĂ§ĂŁo SĂŁo (informaĂ§ĂŁo!"),
        "é; capital, coração São (informação!"
    );
    assert_eq!(
        fix("Ăˇ daginn ĂŤslandi; fallegt\n"),
        "á daginn Íslandi; fallegt\n"
    );
}

/// Round-trip failures through windows-1253, windows-1251 and windows-1257: an arrow
/// alone on its line ("β†’", "в†’", "ā†’" for "→": the dagger is the middle byte of
/// every arrow, and no footnote mark is followed by a quote), and "à" at the start of
/// a line through windows-1253 and windows-1251 ("Γ\u{a0}!", "Г\u{a0}?": a capital
/// that is no word, bound by a no-break space to nothing). Footnote marks and one-letter
/// words bound to the next word stay.
#[test]
fn a_lone_arrow_and_a_capital_bound_to_nothing_are_repaired() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    for garbled in ["β†’", "в†’", "ā†’", "β†’\n"] {
        assert_eq!(fix(garbled).trim_end(), "→", "{garbled:?}");
    }
    assert_eq!(fix("Γ\u{a0}!"), "à!");
    assert_eq!(fix("Г\u{a0}?"), "à?");
    assert_eq!(fix("a) une (Γ\u{a0}."), "a) une (à.");
    assert_eq!(fix("Γ\u{a0} une?"), "à une?");
    for clean in [
        "Smith†, “Jones†” and Müller‡.",
        "† 1923",
        "В\u{a0}Москве",
        "Ο\u{a0}!",
        "См. пункт Г.",
    ] {
        assert_eq!(fix(clean), clean);
    }
}

/// Round-trip failure through ISO-8859-2: a word repeated in a line counts once towards
/// the line's language. The first pass read "estĂĄ" through windows-1250 ("estå", by the
/// page priors), and its four repetitions outvoted "niño" and "mañana", which only
/// ISO-8859-2 reads, so that "á" was foreign to the line.
#[test]
fn a_repeated_word_does_not_outvote_the_rest_of_its_line() {
    let fixed = fix_text(
        "estĂĄ - estĂĄ, niĂąo - estĂĄ (estĂĄ: maĂąana",
        &Config::default(),
    );
    assert_eq!(fixed.text(), "está - está, niño - está (está: mañana");
}

/// Round-trip failure through windows-1257: Turkish "çok" alone garbles to "Ć§ok"; a
/// section sign glued to the end of a letter is the continuation byte 0xA7, while
/// references keep it apart from words.
#[test]
fn a_section_sign_after_a_letter_is_a_continuation_byte() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("Ć§ok"), "çok");
    assert_eq!(fix("ederim: Ć§ok."), "ederim: çok.");
    let clean = "siehe § 5 und §§ 3-5 (§3), Art. 2 §4";
    assert_eq!(fix(clean), clean);
}

/// Round-trip failure through Mac Roman: Slovak "ťa" alone garbles to "≈•a", an operator
/// glued to a bullet. Operators followed by their operand, and an arrow before an
/// ellipsis, stay.
#[test]
fn an_operator_glued_to_punctuation_is_a_lead_byte() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("≈•a!"), "ťa!");
    for clean in ["x ≈ 5, a ≤ b…", "≈5 km → …", "→…", "±2 (≈3)"] {
        assert_eq!(fix(clean), clean);
    }
}

/// Round-trip failures through windows-1251: "á" and "у" alone garble to "ГЎ" and
/// "Сѓ", a consonant before Belarusian "ў" or Macedonian "ѓ", which their
/// orthographies write only after a vowel. Clean Belarusian, Ukrainian and Macedonian
/// words with those letters stay.
#[test]
fn a_vowel_letter_after_a_consonant_is_a_continuation_byte() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("ГЎ!"), "á!");
    assert_eq!(fix("Сѓ"), "у");
    assert_eq!(fix("Сѓ, Сѓ?"), "у, у?");
    for clean in [
        "праўда і мова",
        "Ананьїв, її країна",
        "меѓу рѓа, најќе куќа",
    ] {
        assert_eq!(fix(clean), clean);
    }
}

/// Round-trip failure through Mac Roman: Romanian "și" alone garbles to "»ôi", a
/// closing guillemet opening a word with "ô", which no language that opens
/// quotations with "»" writes there. German "»öffentlich«" stays.
#[test]
fn a_guillemet_before_o_circumflex_is_a_lead_byte() {
    let fix = |s: &str| fix_text(s, &Config::default()).text().to_owned();
    assert_eq!(fix("frumos / »ôi\n"), "frumos / și\n");
    assert_eq!(fix("»ôi, »ôi - frumos"), "și, și - frumos");
    let clean = "Er nannte es »öffentlich« und »ganz neu«.";
    assert_eq!(fix(clean), clean);
}

/// Regression guard while the strict round-trip properties above are ignored: on a
/// fixed sample of sentences, the number of failed round trips per page must not grow
/// past its ceiling (the failures measured when it was last lowered). Lower a ceiling
/// when the engine improves; run with `--nocapture` to see the counts.
#[test]
fn round_trip_failures_stay_under_their_ceilings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    const SAMPLE: usize = 500;
    // (page, most failures allowed out of the SAMPLE sentences): the failures measured
    // on 2026-11-27 (seventh session, after the page-score share of readings that span
    // several words), with no margin: the sample is fixed, so any growth is a change
    // of the engine's output that must be looked at. (Before: 100 sentences, measured
    // + 1, every page at or under 1 failure but ISO-8859-15 and ISO-8859-2 at 1.)
    // IBM850 lowered from 4 to 2 after the rarity of a capital "Ý" (the same day).
    // ISO-8859-15 lowered from 4 to 3 in the tenth session (a repeated word counts once
    // towards the line's language). IBM850 lowered from 2 to 1 in the eleventh (a tilde
    // vowel before an accented vowel: Vietnamese "ơn" read as "ãín"). ISO-8859-2 lowered
    // from 9 to 7 in the fifteenth (a word Vietnamese cannot spell does not make a
    // Portuguese line Vietnamese, so "ĂŠ" is "é" there, not "Ê").
    let ceilings: [(CodePage, usize); 15] = [
        (CodePage::Windows1252, 0),
        (CodePage::Latin1, 0),
        (CodePage::Windows1250, 2),
        (CodePage::Windows1251, 0),
        (CodePage::Iso8859_15, 3),
        (CodePage::Iso8859_2, 7),
        (CodePage::Windows1254, 0),
        (CodePage::Windows1253, 0),
        (CodePage::Windows1257, 0),
        (CodePage::MacRoman, 0),
        (CodePage::Koi8R, 0),
        (CodePage::Koi8U, 0),
        (CodePage::Ibm437, 0),
        (CodePage::Ibm850, 1),
        (CodePage::Ibm866, 0),
    ];
    let mut runner = TestRunner::deterministic();
    let strategy = sentence();
    let sentences: Vec<String> = (0..SAMPLE)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    let mut over = Vec::new();
    for (page, ceiling) in ceilings {
        let mut tried = 0;
        let mut failed = Vec::new();
        for text in &sentences {
            let Some(garbled) = garble(text, page) else {
                continue;
            };
            tried += 1;
            if fix_text(&garbled, &Config::default()).text() != text {
                failed.push(garbled);
            }
        }
        println!("{:14} {:3} of {tried} failed", page.name(), failed.len());
        if failed.len() > ceiling {
            over.push(format!(
                "{}: {} failures of {tried} (ceiling {ceiling}), e.g. {:?}",
                page.name(),
                failed.len(),
                &failed[..failed.len().min(3)]
            ));
        }
    }
    assert!(over.is_empty(), "{}", over.join("\n"));
}

/// Listing tool, not a check: garbles `ROUND_TRIP_SAMPLE` generated sentences (default
/// 2,000, from a fixed seed) with every page (or only `ROUND_TRIP_PAGE`, a page name)
/// and prints each failed round trip with what the engine made of it. Run with
/// `cargo test --release --test properties list_round_trip_failures -- --ignored --nocapture`.
#[test]
#[ignore = "listing tool: prints round-trip failures, checks nothing"]
fn list_round_trip_failures() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let sample: usize = std::env::var("ROUND_TRIP_SAMPLE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let only = std::env::var("ROUND_TRIP_PAGE").ok();
    let mut runner = TestRunner::deterministic();
    let strategy = sentence();
    let sentences: Vec<String> = (0..sample)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    for page in CodePage::ALL {
        if only.as_deref().is_some_and(|name| name != page.name()) {
            continue;
        }
        let mut tried = 0;
        let mut failed = 0;
        for text in &sentences {
            let Some(garbled) = garble(text, page) else {
                continue;
            };
            tried += 1;
            let fixed = fix_text(&garbled, &Config::default());
            if fixed.text() != text {
                failed += 1;
                let rivals: Vec<&str> = pages_that_garble_into(fixed.text(), &garbled, page)
                    .map(|rival| rival.name())
                    .collect();
                println!(
                    "{}: {text:?}\n    garbled {garbled:?}\n    got     {:?}\n    collision {rivals:?}",
                    page.name(),
                    fixed.text()
                );
            }
        }
        println!("== {:14} {failed} of {tried} failed", page.name());
    }
}
