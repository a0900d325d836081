//! Which languages write which accented Latin letters.
//!
//! Two code pages often explain the same garbled word equally well and differ in one
//! letter ("ÅŸ" is "ş" through windows-1252 but "ž" through ISO-8859-15). The other
//! accented letters of the line usually say which language it is in, and so which
//! reading fits ("takşe" in a line with "č", "ľ" and "ť" is Slovak "takže"). The table
//! below is the alphabets themselves, declared once; it is no statistical model.

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

/// Number of languages in [`ALPHABETS`].
pub(crate) const LANGUAGE_COUNT: usize = ALPHABETS.len();

/// The languages whose alphabet has `c` (in either case); `None` for characters no
/// listed alphabet has (ASCII, other scripts, rare letters), which say nothing.
pub(crate) fn languages_of(c: char) -> Option<LanguageMask> {
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
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
    fn conflicting_letters_say_nothing() {
        assert_eq!(common_languages("ğő".chars()), None);
    }
}
