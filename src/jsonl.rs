//! Repairing string fields of JSON Lines records, leaving every other byte of the line
//! as it was.
//!
//! A record is one line holding a JSON object. The fields to repair are named by
//! [`FieldPath`]s (`text`, or `meta.title` for a field of a nested object). The line is
//! never re-serialized: the raw span of each field's string value is found
//! (`serde_json`'s `RawValue` gives the exact bytes, and validates the whole line on
//! the way), its escapes are decoded (`\u00c3\u00a9`, surrogate pairs), the text is
//! repaired with [`fix_text`], and only when it changed is a new string literal
//! spliced into the same span. Key order, spacing, number formatting and the other
//! fields keep their bytes, and a record whose fields need nothing comes back
//! borrowed.
//!
//! The new literal escapes only what JSON requires (`"`, `\`, control characters),
//! except that a value written entirely in ASCII with `\u` escapes for non-ASCII
//! characters is written back the same way, so that a file produced with
//! `ensure_ascii` stays ASCII.
//!
//! What it does not do: repair strings inside arrays, address keys that contain a
//! dot, or accept anything but an object per line. Reading and writing lines is the
//! caller's job; nothing here touches a file.
//!
//! ```
//! use mojifix::jsonl::{fix_record, FieldPath};
//! use mojifix::Config;
//!
//! let fields = [FieldPath::parse("text")];
//! let line = r#"{"id": 7, "text": "Caf\u00c3\u00a9 cr\u00c3\u00a8me", "n": 1.50}"#;
//! let record = fix_record(line, &fields, &Config::default()).unwrap();
//! assert_eq!(record.line(), r#"{"id": 7, "text": "Caf\u00e9 cr\u00e8me", "n": 1.50}"#);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{fix_text, Change, Config};

/// A field to repair: a key, or a dotted path of keys through nested objects.
///
/// ```
/// use mojifix::jsonl::FieldPath;
/// assert_eq!(FieldPath::parse("meta.title").to_string(), "meta.title");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    keys: Vec<String>,
}

impl FieldPath {
    /// Splits `path` at dots: `meta.title` is the key `title` of the object under
    /// `meta`.
    pub fn parse(path: &str) -> FieldPath {
        FieldPath {
            keys: path.split('.').map(str::to_owned).collect(),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.keys.join("."))
    }
}

/// Why a line could not be handled as a record.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not valid JSON (serde_json's message, with the column).
    #[error("not valid JSON: {0}")]
    NotJson(String),
    /// The line is valid JSON but not an object.
    #[error("not a JSON object")]
    NotAnObject,
    /// The field (or an object on its path) is absent.
    #[error("no field {0:?}")]
    MissingField(String),
    /// The field holds something other than a string, or a key on its path holds
    /// something other than an object.
    #[error("field {0:?} is not a string")]
    NotAString(String),
    /// The field's string has an escape that is no character (a lone surrogate).
    #[error("field {0:?} has an escape that is no character (a lone surrogate)")]
    InvalidEscape(String),
}

/// The changes made to one field of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChanges {
    /// The field, as given.
    pub field: String,
    /// The changes, with byte ranges into the field's decoded string value.
    pub changes: Vec<Change>,
}

/// A repaired record: the line (borrowed when nothing changed) and what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<'a> {
    line: Cow<'a, str>,
    fields: Vec<FieldChanges>,
}

impl<'a> Record<'a> {
    /// The record's line after repair, without its line ending.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The line, borrowed from the input when nothing changed.
    pub fn into_line(self) -> Cow<'a, str> {
        self.line
    }

    /// The fields that changed, in the order they were asked for.
    pub fn fields(&self) -> &[FieldChanges] {
        &self.fields
    }

    /// Whether any field changed.
    pub fn changed(&self) -> bool {
        !self.fields.is_empty()
    }
}

/// Repairs `fields` of the record on `line` (one JSON object, without its line
/// ending). Every field must be present and hold a string.
///
/// ```
/// use mojifix::jsonl::{fix_record, FieldPath, RecordError};
/// use mojifix::Config;
///
/// let fields = [FieldPath::parse("meta.title")];
/// let line = r#"{"meta":{"title":"FranÃ§ais","n":1}}"#;
/// let record = fix_record(line, &fields, &Config::default()).unwrap();
/// assert_eq!(record.line(), r#"{"meta":{"title":"Français","n":1}}"#);
///
/// let err = fix_record(r#"{"id":1}"#, &fields, &Config::default()).unwrap_err();
/// assert_eq!(err, RecordError::MissingField("meta".into()));
/// ```
pub fn fix_record<'a>(
    line: &'a str,
    fields: &[FieldPath],
    config: &Config,
) -> Result<Record<'a>, RecordError> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut changed = Vec::new();
    // Only the entries a field starts with are kept; the others are parsed (and so
    // validated) without being collected.
    let wanted: Vec<&str> = fields.iter().map(|f| f.keys[0].as_str()).collect();
    let top = object_entries(line, &wanted).map_err(|e| match e {
        Shape::NotJson(message) => RecordError::NotJson(message),
        Shape::NotAnObject => RecordError::NotAnObject,
    })?;
    for field in fields {
        let span = locate(line, &top, field)?;
        let literal = &line[span.clone()];
        let value =
            string_value(literal).ok_or_else(|| RecordError::InvalidEscape(field.to_string()))?;
        let fixed = fix_text(&value, config);
        if !fixed.changed() {
            continue;
        }
        let ascii_style = literal.is_ascii() && literal.contains("\\u") && !value.is_ascii();
        edits.push((span, encode_string(fixed.text(), ascii_style)));
        changed.push(FieldChanges {
            field: field.to_string(),
            changes: fixed.changes().to_vec(),
        });
    }
    if edits.is_empty() {
        return Ok(Record {
            line: Cow::Borrowed(line),
            fields: changed,
        });
    }
    Ok(Record {
        line: Cow::Owned(splice(line, edits)),
        fields: changed,
    })
}

/// The text of a string literal the whole line's parse already validated. Without
/// a backslash it is the bytes between the quotes (most fields: no second parse, no
/// copy); with escapes, serde_json decodes them. `None` for an escape that is no
/// character (a lone surrogate).
fn string_value(literal: &str) -> Option<Cow<'_, str>> {
    if memchr::memchr(b'\\', literal.as_bytes()).is_none() {
        return Some(Cow::Borrowed(&literal[1..literal.len() - 1]));
    }
    serde_json::from_str::<JsonStr<'_>>(literal)
        .ok()
        .map(|JsonStr(value)| value)
}

/// `line` with each range replaced; ranges may come in any order but never overlap
/// (two paths naming the same field give the same edit, kept once).
fn splice(line: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    edits.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::with_capacity(line.len() + 16);
    let mut pos = 0;
    for (range, text) in edits {
        out.push_str(&line[pos..range.start]);
        out.push_str(&text);
        pos = range.end;
    }
    out.push_str(&line[pos..]);
    out
}

/// The byte range of the raw value of `field` in `line`.
fn locate(line: &str, top: &[Entry<'_>], field: &FieldPath) -> Result<Range<usize>, RecordError> {
    let mut nested: Vec<Entry<'_>>;
    let mut entries = top;
    let mut walked = String::new();
    for (depth, key) in field.keys.iter().enumerate() {
        if depth > 0 {
            walked.push('.');
        }
        walked.push_str(key);
        // The last of duplicate keys wins, as in most JSON readers.
        let raw = entries
            .iter()
            .rev()
            .find(|e| e.key == key.as_str())
            .map(|e| e.value)
            .ok_or_else(|| RecordError::MissingField(walked.clone()))?;
        if depth + 1 == field.keys.len() {
            if !raw.get().starts_with('"') {
                return Err(RecordError::NotAString(walked));
            }
            return Ok(span_in(line, raw.get()));
        }
        let next = [field.keys[depth + 1].as_str()];
        nested = object_entries(raw.get(), &next)
            .map_err(|_| RecordError::NotAString(walked.clone()))?;
        entries = &nested;
    }
    Err(RecordError::MissingField(field.to_string()))
}

/// Where `part`, a slice of `line`, lies in it.
fn span_in(line: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - line.as_ptr() as usize;
    start..start + part.len()
}

/// One key of an object and its raw value, borrowed from the line (a key with escapes
/// is decoded).
#[derive(Clone, Debug)]
struct Entry<'a> {
    key: Cow<'a, str>,
    value: &'a RawValue,
}

/// Why a text is not an object.
enum Shape {
    NotJson(String),
    NotAnObject,
}

/// The entries of the object `text` whose key is one of `wanted`, in order,
/// duplicates included.
fn object_entries<'a>(text: &'a str, wanted: &[&str]) -> Result<Vec<Entry<'a>>, Shape> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Entries { wanted }
        .deserialize(&mut deserializer)
        .and_then(|entries| deserializer.end().map(|()| entries));
    match parsed {
        Ok(entries) => Ok(entries),
        Err(e) if e.classify() == serde_json::error::Category::Data => Err(Shape::NotAnObject),
        Err(e) => Err(Shape::NotJson(e.to_string())),
    }
}

/// Collects the entries of one object whose key is wanted, in order.
struct Entries<'k> {
    wanted: &'k [&'k str],
}

impl<'de> DeserializeSeed<'de> for Entries<'_> {
    type Value = Vec<Entry<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = Vec<Entry<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(self.wanted.len());
        while let Some(JsonStr(key)) = map.next_key()? {
            // A raw value is validated and skipped, never built.
            let value: &'de RawValue = map.next_value()?;
            if self.wanted.contains(&key.as_ref()) {
                entries.push(Entry { key, value });
            }
        }
        Ok(entries)
    }
}

/// A JSON string, borrowed from the input when it has no escapes (serde's own
/// `Cow<str>` always copies).
struct JsonStr<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for JsonStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = JsonStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

/// `text` as a JSON string literal with only the escapes JSON requires; with
/// `ascii`, every non-ASCII character is escaped too (`\u00e9`, surrogate pairs
/// beyond the BMP).
fn encode_string(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_escape(&mut out, c as u16),
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for &unit in c.encode_utf16(&mut units).iter() {
                    push_escape(&mut out, unit);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn push_escape(out: &mut String, unit: u16) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{unit:04x}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix<'a>(line: &'a str, fields: &[&str]) -> Result<Record<'a>, RecordError> {
        let fields: Vec<FieldPath> = fields.iter().map(|f| FieldPath::parse(f)).collect();
        fix_record(line, &fields, &Config::default())
    }

    #[test]
    fn unchanged_records_are_borrowed_byte_for_byte() {
        let line = r#"{ "id" :1.50e3,"text":"Café \"ok\" \u00e9\n", "x":[1, 2 ] }"#;
        let record = fix(line, &["text"]).unwrap();
        assert!(matches!(record.line, Cow::Borrowed(_)));
        assert!(!record.changed());
    }

    #[test]
    fn only_the_field_changes() {
        let line = r#"{"b": 1.0, "text": "FranÃ§ais", "c": "FranÃ§ais" , "d":null}"#;
        let record = fix(line, &["text"]).unwrap();
        assert_eq!(
            record.line(),
            r#"{"b": 1.0, "text": "Français", "c": "FranÃ§ais" , "d":null}"#
        );
        assert_eq!(record.fields()[0].field, "text");
        assert_eq!(record.fields()[0].changes[0].before, "Ã§");
    }

    #[test]
    fn unicode_escapes_are_decoded_and_the_ascii_style_kept() {
        let line = r#"{"text":"Caf\u00c3\u00a9 \ud83d\ude00 \u00c3\u00a8"}"#;
        let record = fix(line, &["text"]).unwrap();
        assert_eq!(record.line(), r#"{"text":"Caf\u00e9 \ud83d\ude00 \u00e8"}"#);
        // Raw UTF-8 in, raw UTF-8 out, with only the required escapes.
        let line = "{\"text\":\"Ã©\\\"\\\\\\t\\u0001 😀\"}";
        let record = fix(line, &["text"]).unwrap();
        assert_eq!(record.line(), "{\"text\":\"é\\\"\\\\\\t\\u0001 😀\"}");
    }

    #[test]
    fn nested_fields_and_several_fields() {
        let line = r#"{"meta":{"title":"ZaÅ¼Ã³Å‚Ä‡","n":2},"text":"CafÃ©","meta2":{}}"#;
        let record = fix(line, &["text", "meta.title"]).unwrap();
        assert_eq!(
            record.line(),
            r#"{"meta":{"title":"Zażółć","n":2},"text":"Café","meta2":{}}"#
        );
        assert_eq!(record.fields().len(), 2);
    }

    #[test]
    fn escaped_keys_match_their_decoded_name() {
        let line = r#"{"t\u0065xt":"CafÃ©"}"#;
        assert_eq!(
            fix(line, &["text"]).unwrap().line(),
            r#"{"t\u0065xt":"Café"}"#
        );
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(matches!(
            fix("{\"text\": ", &["text"]),
            Err(RecordError::NotJson(_))
        ));
        assert!(matches!(
            fix("not json", &["text"]),
            Err(RecordError::NotJson(_))
        ));
        assert!(matches!(
            fix(r#"{"text":"a"} x"#, &["text"]),
            Err(RecordError::NotJson(_))
        ));
        assert_eq!(
            fix("[1,2]", &["text"]).unwrap_err(),
            RecordError::NotAnObject
        );
        assert_eq!(
            fix(r#""text""#, &["text"]).unwrap_err(),
            RecordError::NotAnObject
        );
        assert_eq!(
            fix(r#"{"id":1}"#, &["text"]).unwrap_err(),
            RecordError::MissingField("text".into())
        );
        assert_eq!(
            fix(r#"{"meta":{"a":1}}"#, &["meta.title"]).unwrap_err(),
            RecordError::MissingField("meta.title".into())
        );
        assert_eq!(
            fix(r#"{"text":5}"#, &["text"]).unwrap_err(),
            RecordError::NotAString("text".into())
        );
        assert_eq!(
            fix(r#"{"meta":"x"}"#, &["meta.title"]).unwrap_err(),
            RecordError::NotAString("meta".into())
        );
        assert_eq!(
            fix(r#"{"text":"\ud800 x"}"#, &["text"]).unwrap_err(),
            RecordError::InvalidEscape("text".into())
        );
    }

    #[test]
    fn the_last_of_duplicate_keys_is_repaired() {
        let line = r#"{"text":"CafÃ©","text":"CafÃ©"}"#;
        assert_eq!(
            fix(line, &["text"]).unwrap().line(),
            r#"{"text":"CafÃ©","text":"Café"}"#
        );
    }

    #[test]
    fn string_values_without_escapes_are_borrowed_and_escapes_decoded() {
        assert!(matches!(
            string_value(r#""Café""#),
            Some(Cow::Borrowed("Café"))
        ));
        assert_eq!(string_value(r#""""#).as_deref(), Some(""));
        assert_eq!(
            string_value(r#""a\"b\u00e9\ud83d\ude00""#).as_deref(),
            Some("a\"bé😀")
        );
        assert_eq!(string_value(r#""\ud800""#), None);
    }

    #[test]
    fn encoded_strings_parse_back_to_the_text() {
        for text in [
            "plain",
            "q\"b\\s/\u{1}\u{1f}\u{7f}\u{85}\u{2028}",
            "é😀\n\r\t\u{8}\u{c}",
        ] {
            for ascii in [false, true] {
                let encoded = encode_string(text, ascii);
                let back: String = serde_json::from_str(&encoded).unwrap();
                assert_eq!(back, text, "{encoded}");
                assert!(!ascii || encoded.is_ascii());
            }
        }
    }
}
