//! Which languages write which accented Latin letters.
//!
//! Two code pages often explain the same garbled word equally well and differ in one
//! letter ("ÅŸ" is "ş" through windows-1252 but "ž" through ISO-8859-15). The other
//! accented letters of the line usually say which language it is in, and so which
//! reading fits ("takşe" in a line with "č", "ľ" and "ť" is Slovak "takže"). The table
//! below is the alphabets themselves, declared once; it is no statistical model.

use rustc_hash::FxHashMap;

/// A set of languages from [`ALPHABETS`], one bit each.
pub(crate) type LanguageMask = u64;

/// Languages and the non-ASCII letters their alphabets use (lowercase).
const ALPHABETS: &[(&str, &str)] = &[
    ("fr", "àâæçéèêëîïôœùûüÿ"),
    ("de", "äöüß"),
    ("es", "áéíñóúü"),
    ("pt", "áâãàçéêíóôõú"),
    ("it", "àèéìíîòóùú"),
    ("ca", "àçèéíïòóúüŀ"),
    ("nl", "áéëíïóöüèà"),
    ("da", "æøåé"),
    ("no", "æøåéôò"),
    ("sv", "åäöé"),
    ("fi", "äöåšž"),
    ("is", "áðéíóúýþæö"),
    ("fo", "áðíóúýæø"),
    ("et", "äöõüšž"),
    ("lv", "āčēģīķļņšūž"),
    ("lt", "ąčęėįšųūž"),
    ("pl", "ąćęłńóśźż"),
    ("cs", "áčďéěíňóřšťúůýž"),
    ("sk", "áäčďéíĺľňóôŕšťúýž"),
    ("sl", "čšžćđ"),
    ("hr", "čćđšž"),
    ("hu", "áéíóöőúüű"),
    ("ro", "ăâîșțşţ"),
    ("tr", "çğıöşüâîû"),
    ("az", "çəğıöşü"),
    ("sq", "çë"),
    ("mt", "ċġħżàèìòù"),
    ("eo", "ĉĝĥĵŝŭ"),
    ("ga", "áéíóú"),
    ("cy", "âêîôûŵŷäëïöüáéíóúàèìòùẁẃẅỳ"),
    ("af", "áéèêëíîïóôöúûüŉ"),
    (
        "vi",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
    ),
];

/// Frequent short words written in plain ASCII, per language of [`ALPHABETS`]: the
/// articles, conjunctions, prepositions and auxiliaries that make up a good part of
/// any sentence. A line whose garbled word is its only accented one still tells its
/// language through them ("Skolen har fĂĽet midler til et nyt bibliotek og en
/// sportshal" is Danish, so "fået" and not "füet"). Words that are also common English
/// ("in", "is", "on", "to", "die", "so", "do", "per", "pour", "till", "bet", "a",
/// "s" of "’s") are left out, and so are "var", "pre" and "non", which code and
/// English prefixes write: English writes no accents, and a quoted English phrase
/// must not pull a line towards a language. One-letter words count only in
/// lowercase, so that "i" is Swedish, Polish or Catalan and "I" is English.
/// A word may belong to several languages; it counts for each, like a letter does.
/// Czech "den" (day) is no function word but as frequent, and is listed for Czech so
/// that "dobrý den" is not a Danish or German line in which "ý" is foreign (found by
/// the round-trip property through IBM437 and Mac Roman).
const FUNCTION_WORDS: &[(&str, &str)] = &[
    ("fr", "le la les de des du et est une un en dans pas ne que qui sur au aux avec ce cette sont mais nous vous ils il elle par ou son sa ses leur"),
    ("de", "der das und ist nicht mit sich auf ein eine einen dem den zu zum zur von sie wir ich auch nach bei aus es im wie wird"),
    ("es", "el la los las de del en con por una un para como pero que se es y su sus al lo le muy fue ha"),
    ("pt", "os um uma de do da dos das em na nos para com que por mais mas se e o ao foi muito"),
    ("it", "il la lo le della delle degli che con una un sono gli anche di da al del nel nella alla su sul come ma ha hanno questo e"),
    ("ca", "el la els les de en amb una un del que es al i"),
    ("nl", "het een van de en niet zijn op met voor dat deze ook te"),
    ("da", "og det er til en et af med har ikke den som jeg om vi i"),
    ("no", "og det er til en et av med har ikke den som jeg seg om vi i"),
    ("sv", "och det att en som med har inte av jag den ett om vi i"),
    ("fi", "ja ei se oli mutta kun tai sen ovat"),
    ("is", "og er en um til sem hann ekki"),
    ("et", "ja ei et kui oli ka mis ning"),
    ("lv", "un ir ar uz par kas ka"),
    ("lt", "ir yra su kad ar nuo iki ne"),
    ("pl", "nie jest na do jak ale od po za w z i"),
    ("cs", "je se na jsou jsme ale jak od do za pro v z byl bylo den"),
    ("sk", "je sa na sme ale ako od do za v z bol bolo"),
    ("sl", "je na da se za pa tudi ki v z"),
    ("hr", "je na da se su za od ali kao u i"),
    ("hu", "az hogy nem egy van meg de"),
    ("ro", "de la cu pe un nu sunt este ca"),
    ("tr", "ve bir bu da de ile ama gibi daha olarak"),
    // Esperanto's own words only: its "la", "de", "en", "ne" are other languages' too.
    ("eo", "kaj estas estis kiu kiuj tiu tio povas ili"),
];

/// The accented letters each language writes as a word on its own (lowercase):
/// Portuguese "à", "é" and "ó", French "à", Italian "è", Icelandic "á" and "í", Irish
/// "é" and "í", Swedish "å" and "ö", Danish and Norwegian "å" and "ø", Hungarian "ő",
/// Welsh "â". Vietnamese writes any syllable alone, which
/// [`is_vietnamese_syllable`] tells. A lone "ê" is no Portuguese word, so "vocĂŞ ...
/// ĂŠ" in a Portuguese line is "é" (ISO-8859-2), not "Ê" (windows-1250).
const ONE_LETTER_WORDS: &[(&str, &str)] = &[
    ("pt", "àéó"),
    ("fr", "à"),
    ("it", "è"),
    ("ca", "à"),
    ("is", "áí"),
    ("ga", "éí"),
    ("sv", "åö"),
    ("da", "åø"),
    ("no", "åø"),
    ("hu", "ő"),
    ("cy", "â"),
];

/// Whether one of the languages in `line` writes the letter `c` as a word on its own.
pub(crate) fn is_one_letter_word_in(c: char, line: LanguageMask) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if line & VIETNAMESE != 0 && is_vietnamese_syllable(&[lower]) {
        return true;
    }
    ONE_LETTER_WORDS
        .iter()
        .any(|&(code, letters)| line & language(code) != 0 && letters.contains(lower))
}

/// The rimes of Vietnamese (a syllable less its initial consonants) without tone
/// marks: every vowel cluster Vietnamese spells, alone or with each final consonant it
/// takes (written as the cluster followed by its finals, "a:c ch m n ng nh p t" being
/// "ac", "ach", "am", ...). Vietnamese writes one syllable per word and its syllables
/// are a closed set, so a word that no rime ends is no Vietnamese ("loấi", "mấnh":
/// "â" takes no "i" after an "o" and never "nh"), while the sister-page readings
/// "loại" and "mạnh" are. Declared from the spelling rules of the language (the
/// nucleus and final tables of any grammar), not from a corpus.
const VIETNAMESE_RIMES: &[(&str, &str)] = &[
    ("a", "- c ch m n ng nh p t i o u y"),
    ("ă", "c m n ng p t"),
    ("â", "c m n ng p t u y"),
    ("e", "- c m n ng p t o"),
    ("ê", "- ch m n nh p t u"),
    ("i", "- ch m n nh p t a u"),
    ("iê", "c m n ng p t u"),
    ("o", "- c m n ng p t i oc ong"),
    ("oa", "- c ch m n ng nh p t i o y"),
    ("oă", "c m n ng t"),
    ("oe", "- m n t o"),
    ("ô", "- c m n ng p t i"),
    ("ơ", "- m n p t i"),
    ("u", "- c m n ng p t a i y"),
    ("uâ", "n ng t y"),
    ("uê", "- ch n nh"),
    ("uô", "c m n ng t i"),
    ("uơ", "-"),
    ("uy", "- ch n nh p t a u"),
    ("uyê", "n t"),
    ("ư", "- c m n ng t a i u"),
    ("ươ", "c m n ng p t i u"),
    ("y", "-"),
    ("yê", "m n ng t u"),
];

/// Whether `word` (letters only) is spelled like a Vietnamese syllable: initial
/// consonants (Vietnamese ones, or "f", "j", "w", "z" of loanwords), then one of [`VIETNAMESE_RIMES`] once tone marks are taken off. The "u"
/// of "qu" and the "i" of "gi" belong to the initial ("quốc", "giữa"), or to the rime
/// ("gì").
pub(crate) fn is_vietnamese_syllable(word: &[char]) -> bool {
    if !may_be_vietnamese_syllable(word) {
        return false;
    }
    let mut toneless: smallvec::SmallVec<[char; 16]> = smallvec::SmallVec::new();
    for &c in word {
        let lower = c.to_lowercase().next().unwrap_or(c);
        toneless.push(toneless_letter(lower));
    }
    let vowel = |c: &char| "aăâeêioôơuưy".contains(*c);
    let initial = toneless.iter().take_while(|c| !vowel(c)).count();
    // Vietnamese consonant letters, and those of loanwords.
    if !toneless[..initial]
        .iter()
        .all(|c| "bcdđghklmnpqrstvxfjwz".contains(*c))
    {
        return false;
    }
    let rime = &toneless[initial..];
    let glide = match (&toneless[..initial], rime.first()) {
        (['q'], Some('u')) | (['g'], Some('i')) => Some(&rime[1..]),
        _ => None,
    };
    is_rime(rime) || glide.is_some_and(|r| !r.is_empty() && is_rime(r))
}

/// The longest rime of [`VIETNAMESE_RIMES`] with the glide of "qu" or "gi" before it
/// ("uyên" after "q"): four letters and the glide.
const LONGEST_RIME: usize = 5;

/// What [`is_vietnamese_syllable`] asks first, in a few instructions a letter: that
/// every letter is ASCII or one of the Vietnamese alphabet's, and that no more than
/// [`LONGEST_RIME`] letters follow the initial consonants. Many words of other
/// languages fail it ("informação", "koń", "München"), and a letter outside the
/// alphabet is no longer read as the Vietnamese letter it would be without its
/// accent (Polish "ń" as "n").
fn may_be_vietnamese_syllable(word: &[char]) -> bool {
    let initial = word
        .iter()
        .take_while(|&&c| {
            matches!(c, 'đ' | 'Đ') || (c.is_ascii_alphabetic() && !"aeiouyAEIOUY".contains(c))
        })
        .count();
    word.len() - initial <= LONGEST_RIME
        && word.iter().all(|&c| {
            c.is_ascii_alphabetic() || languages_of(c).is_some_and(|l| l & VIETNAMESE != 0)
        })
}

/// The letters of the longest rime of [`VIETNAMESE_RIMES`] ("oong", "uyên").
const RIME_LETTERS: usize = 4;

/// Whether `rime` (toneless) is one of [`VIETNAMESE_RIMES`]: a nucleus, then one of its
/// finals ("-" for none). The rimes are spelt out once into a sorted list, which is
/// searched in place of trying each nucleus and final (2,000 instructions a word).
fn is_rime(rime: &[char]) -> bool {
    static RIMES: std::sync::OnceLock<Vec<[char; RIME_LETTERS]>> = std::sync::OnceLock::new();
    if rime.len() > RIME_LETTERS {
        return false;
    }
    let rimes = RIMES.get_or_init(|| {
        let mut rimes = Vec::new();
        for &(nucleus, finals) in VIETNAMESE_RIMES {
            for f in finals.split(' ') {
                let spelt: Vec<char> = nucleus
                    .chars()
                    .chain(f.chars().filter(|&c| c != '-'))
                    .collect();
                let mut key = ['\0'; RIME_LETTERS];
                key[..spelt.len()].copy_from_slice(&spelt);
                rimes.push(key);
            }
        }
        rimes.sort_unstable();
        rimes
    });
    let mut key = ['\0'; RIME_LETTERS];
    key[..rime.len()].copy_from_slice(rime);
    rimes.binary_search(&key).is_ok()
}

/// [`without_tone`] of `c` (lowercase), looked up for the letters of the Vietnamese
/// alphabet: decomposing and composing each letter of each word the cost model asks
/// about was most of [`is_vietnamese_syllable`]'s work.
fn toneless_letter(c: char) -> char {
    static TABLE: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return c;
    }
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<(char, char)> = ALPHABETS
            .iter()
            .filter(|(code, _)| *code == "vi")
            .flat_map(|(_, letters)| letters.chars())
            .map(|l| (l, without_tone(l)))
            .collect();
        table.sort_unstable();
        table
    });
    match table.binary_search_by_key(&c, |&(letter, _)| letter) {
        Ok(i) => table[i].1,
        Err(_) => without_tone(c),
    }
}

/// `c` (lowercase) without a Vietnamese tone mark (grave, acute, hook above, tilde, dot
/// below), keeping the marks that make letters (breve, circumflex, horn).
fn without_tone(c: char) -> char {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    if c.is_ascii() {
        return c;
    }
    let mut base = None;
    let mut marks: smallvec::SmallVec<[char; 3]> = smallvec::SmallVec::new();
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if !TONES.contains(&d) {
            marks.push(d);
        }
    });
    let mut out = base.unwrap_or(c);
    for mark in marks {
        out = unicode_normalization::char::compose(out, mark).unwrap_or(out);
    }
    out
}

/// The languages of [`FUNCTION_WORDS`] that write `word` (lowercase ASCII letters);
/// `None` for any other word.
pub(crate) fn languages_of_word(word: &str) -> Option<LanguageMask> {
    static TABLE: std::sync::OnceLock<FxHashMap<&'static str, LanguageMask>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = FxHashMap::default();
        for &(code, words) in FUNCTION_WORDS {
            for w in words.split(' ') {
                *table.entry(w).or_insert(0) |= language(code);
            }
        }
        table
    });
    table.get(word).copied()
}

/// The function words of `chars` (runs of ASCII letters between characters that are
/// neither letters nor digits), as the index of each word's first character and its
/// languages, in order.
pub(crate) fn function_words(chars: &[char]) -> Vec<(usize, LanguageMask)> {
    const LONGEST: usize = 8;
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let len = chars[start..]
            .iter()
            .take(LONGEST + 1)
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if len == 0 {
            // Most characters of a line in another script: no word starts here.
            start += 1;
            continue;
        }
        // Asked only where a short ASCII word may stand: the Unicode letter test is
        // slow for other scripts, which every line of them would pay per character.
        let opens = start == 0 || !crate::charclass::is_alphanumeric(chars[start - 1]);
        let closes = || {
            chars
                .get(start + len)
                .is_none_or(|&c| !crate::charclass::is_alphanumeric(c))
        };
        if opens && len <= LONGEST && closes() {
            let mut lower = [0u8; LONGEST];
            for (slot, c) in lower.iter_mut().zip(&chars[start..start + len]) {
                // A one-letter word counts only in lowercase: English writes "I".
                *slot = if len == 1 {
                    *c as u8
                } else {
                    c.to_ascii_lowercase() as u8
                };
            }
            let word = std::str::from_utf8(&lower[..len]).unwrap_or_default();
            if let Some(mask) = languages_of_word(word) {
                out.push((start, mask));
            }
        }
        start += len;
    }
    out
}

/// The bit of one language of [`ALPHABETS`], by its code; 0 for a code not listed.
/// A `const fn`, so that the cost model names its languages in constants
/// ([`VIETNAMESE`]) instead of searching the table for each word it judges (the
/// search was 1.1% of the instructions on 3,000 lines of the mojibake bench).
pub(crate) const fn language(code: &str) -> LanguageMask {
    let mut i = 0;
    while i < ALPHABETS.len() {
        if same_code(ALPHABETS[i].0, code) {
            return 1 << i;
        }
        i += 1;
    }
    0
}

/// `a == b`, for [`language`] (`==` on strings is not `const`).
const fn same_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Vietnamese, which the cost model and one-letter words ask about most.
pub(crate) const VIETNAMESE: LanguageMask = language("vi");

/// Number of languages in [`ALPHABETS`].
pub(crate) const LANGUAGE_COUNT: usize = ALPHABETS.len();

/// The languages whose alphabet has `c` (in either case); `None` for characters no
/// listed alphabet has (ASCII, other scripts, rare letters), which say nothing.
pub(crate) fn languages_of(c: char) -> Option<LanguageMask> {
    if c.is_ascii() {
        return None;
    }
    // Every listed letter is Latin: Latin-1, Extended-A and -B, or Latin Extended
    // Additional (Vietnamese, Welsh). Those ranges are looked up in a table; the
    // cost model asks for every character of every candidate word.
    let code = c as usize;
    let slot = match code {
        0..LOW_END => Some(code),
        // Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai,
        // Georgian...: no Latin letter, so nothing to look up for the letters of lines
        // in those scripts (the test of the dense table covers this range too).
        NO_LATIN_START..NO_LATIN_END => return None,
        ADDITIONAL_START..ADDITIONAL_END => Some(LOW_END + code - ADDITIONAL_START),
        _ => None,
    };
    match slot {
        Some(slot) => {
            let mask = dense_table()[slot];
            (mask != 0).then_some(mask)
        }
        // Only a Latin letter can be (or lower-case to) one of the listed letters, and
        // the script is cached where the Unicode lookups are not.
        None if crate::charclass::classify(c).script != unicode_script::Script::Latin => None,
        None => languages_of_uncached(c),
    }
}

const LOW_END: usize = 0x250;
const NO_LATIN_START: usize = 0x370;
const NO_LATIN_END: usize = 0x1D00;
const ADDITIONAL_START: usize = 0x1E00;
const ADDITIONAL_END: usize = 0x1F00;

/// [`languages_of`] for the Latin ranges, 0 meaning none, built once.
fn dense_table() -> &'static [LanguageMask] {
    static TABLE: std::sync::OnceLock<Vec<LanguageMask>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOW_END)
            .chain(ADDITIONAL_START..ADDITIONAL_END)
            .map(|code| {
                char::from_u32(code as u32)
                    .filter(|c| !c.is_ascii())
                    .and_then(languages_of_lowercase)
                    .unwrap_or(0)
            })
            .collect()
    })
}

fn languages_of_uncached(c: char) -> Option<LanguageMask> {
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    languages_of_lowercase(c)
}

/// The languages whose alphabet has the lowercase of `c`, without asking whether `c`
/// is alphabetic: every listed letter is, and a character that lowercases to another
/// is cased, so alphabetic too. The dense table asks this of 848 characters: asking
/// the standard library's alphabetic lookup as well was half of its build (0.50M ->
/// 0.24M instructions).
fn languages_of_lowercase(c: char) -> Option<LanguageMask> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let table = letter_table();
    table
        .binary_search_by_key(&lower, |&(letter, _)| letter)
        .ok()
        .map(|i| table[i].1)
}

/// Every letter of [`ALPHABETS`] with the languages that write it, sorted, built once.
fn letter_table() -> &'static [(char, LanguageMask)] {
    static TABLE: std::sync::OnceLock<Vec<(char, LanguageMask)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(char, LanguageMask)> = Vec::new();
        for (i, (_, letters)) in ALPHABETS.iter().enumerate() {
            for letter in letters.chars() {
                match table.iter_mut().find(|(l, _)| *l == letter) {
                    Some((_, mask)) => *mask |= 1 << i,
                    None => table.push((letter, 1 << i)),
                }
            }
        }
        table.sort_unstable_by_key(|&(letter, _)| letter);
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The languages that could have written every letter of `letters` that some listed
    /// alphabet has; `None` when there is no such letter or when no single language
    /// could (a line quoting two languages says nothing).
    fn common_languages(letters: impl Iterator<Item = char>) -> Option<LanguageMask> {
        let mut common: Option<LanguageMask> = None;
        for c in letters {
            if let Some(mask) = languages_of(c) {
                common = Some(common.map_or(mask, |m| m & mask));
            }
        }
        common.filter(|&m| m != 0)
    }

    #[test]
    fn the_dense_table_agrees_with_the_lookup() {
        for code in 0..0x2000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(languages_of(c), languages_of_uncached(c), "{c:?}");
            }
        }
    }

    #[test]
    fn languages_are_found_by_code() {
        assert_ne!(language("vi") & languages_of('ư').unwrap(), 0);
        assert_eq!(language("xx"), 0);
    }

    #[test]
    fn the_table_fits_in_the_mask() {
        assert!(ALPHABETS.len() <= 64);
    }

    #[test]
    fn slovak_letters_point_to_slovak() {
        let common = common_languages("čľťž".chars()).unwrap();
        assert_ne!(common & languages_of('ž').unwrap(), 0);
        assert_eq!(common & languages_of('ş').unwrap(), 0);
    }

    #[test]
    fn ascii_and_other_scripts_say_nothing() {
        assert_eq!(languages_of('a'), None);
        assert_eq!(languages_of('ж'), None);
        assert_eq!(common_languages("abc".chars()), None);
    }

    #[test]
    fn every_function_word_belongs_to_a_listed_language() {
        for &(code, words) in FUNCTION_WORDS {
            assert_ne!(language(code), 0, "{code}");
            for w in words.split(' ') {
                assert!(
                    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()),
                    "{w:?}"
                );
            }
        }
    }

    #[test]
    fn esperanto_function_words_make_its_letters_no_foreign_ones() {
        // Real-text round trips: "ne" is French and Lithuanian too, and without
        // Esperanto's own words the line was French, where "ĉ" is foreign.
        let fixed = crate::fix_text("Tio ne estas ─ëar pluvas", &crate::Config::default());
        assert_eq!(fixed.text(), "Tio ne estas ĉar pluvas");
    }

    #[test]
    fn function_words_tell_a_line_without_accents() {
        let line: Vec<char> = "Skolen har fĂĽet midler til et nyt bibliotek og en sportshal."
            .chars()
            .collect();
        let found = function_words(&line);
        let danish = language("da");
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(found.iter().all(|&(_, mask)| mask & danish != 0));
        assert_eq!(found[0].0, 7);
        // English words and words glued to digits or other letters say nothing.
        let english: Vec<char> = "The test is in the box, I said: a3 deř".chars().collect();
        assert!(function_words(&english).is_empty());
    }

    #[test]
    fn vietnamese_syllables_are_told_from_other_spellings() {
        let word = |s: &str| s.chars().collect::<Vec<_>>();
        for clean in [
            "loại", "mạnh", "tạm", "Ủy", "ban", "nhân", "dân", "thành", "phố", "tổ", "chức", "lễ",
            "kỷ", "niệm", "một", "trăm", "năm", "quốc", "giữa", "gì", "Nguyễn", "khuya", "người",
            "đẹp", "thuở", "xoong", "huynh", "tuần", "yêu", "khuyết", "giếng", "hội", "Việt",
            "nghiêng", "oái", "ươm", "quý", "gió",
        ] {
            assert!(is_vietnamese_syllable(&word(clean)), "{clean}");
        }
        // Nor are words with a letter the alphabet lacks, even one that would be
        // Vietnamese without its accent ("ń"), or too long a rime.
        for garbled in [
            "loấi",
            "mấnh",
            "lčs",
            "ťa",
            "šaba",
            "aả",
            "Ịy",
            "koń",
            "ẃn",
            "você",
            "irmã",
            "informação",
        ] {
            assert!(!is_vietnamese_syllable(&word(garbled)), "{garbled}");
        }
    }

    #[test]
    fn one_letter_words_belong_to_their_languages() {
        let portuguese = language("pt");
        assert!(is_one_letter_word_in('é', portuguese));
        assert!(is_one_letter_word_in('É', portuguese));
        assert!(!is_one_letter_word_in('ê', portuguese));
        assert!(is_one_letter_word_in('ê', language("vi")));
        assert!(is_one_letter_word_in('ở', language("vi")));
        for &(code, _) in ONE_LETTER_WORDS {
            assert_ne!(language(code), 0, "{code}");
        }
    }

    #[test]
    fn conflicting_letters_say_nothing() {
        assert_eq!(common_languages("ğő".chars()), None);
    }

    #[test]
    fn only_latin_letters_belong_to_an_alphabet() {
        for code in 0..=char::MAX as u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if languages_of_uncached(c).is_some() {
                let script = crate::charclass::classify(c).script;
                assert_eq!(script, unicode_script::Script::Latin, "{code:X}");
            }
        }
    }
}
