//! Repairs fields of an arbitrary JSON Lines record and checks what `--jsonl`
//! promises: no panic; a record that needs nothing comes back byte for byte; a
//! changed record is still valid JSON, each named field holds exactly what
//! `fix_text` makes of its old value, and every other value is unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mojifix::jsonl::{fix_record, FieldPath};
use mojifix::{fix_text, Config, Preset};
use serde_json::Value;

/// Field paths tried, chosen by the first byte.
const FIELDS: &[&[&str]] = &[
    &["text"],
    &["text", "title"],
    &["meta.title"],
    &["a", "a"],
    &["text", "meta.title", "x.y.z"],
    &[""],
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(line) = std::str::from_utf8(rest) else {
        return;
    };
    let names = FIELDS[usize::from(selector & 0x7) % FIELDS.len()];
    let fields: Vec<FieldPath> = names.iter().map(|name| FieldPath::parse(name)).collect();
    let config = if selector & 0x80 == 0 {
        Config::default()
    } else {
        Config::preset(Preset::Ftfy)
    };
    let Ok(record) = fix_record(line, &fields, &config) else {
        return;
    };
    if !record.changed() {
        assert_eq!(record.line(), line, "unchanged record rewritten");
        return;
    }
    // A lone surrogate escape in a field not named is accepted (only the named
    // fields must be strings) but refused by serde_json's `Value`: the comparison
    // below cannot be made for such a record.
    let Ok(before) = serde_json::from_str::<Value>(line) else {
        return;
    };
    let after: Value = serde_json::from_str(record.line()).expect("repaired line is JSON");
    let mut expected = before.clone();
    for name in names {
        let keys: Vec<&str> = name.split('.').collect();
        let old = lookup(&before, &keys)
            .and_then(Value::as_str)
            .expect("field is a string");
        let new = fix_text(old, &config).text().to_owned();
        *lookup_mut(&mut expected, &keys).expect("field present") = Value::String(new);
    }
    assert_eq!(after, expected, "repaired record differs beyond its fields");
});

/// The value at `keys`. With duplicate keys serde_json keeps the last, as `fix_record`
/// repairs the last.
fn lookup<'v>(value: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter()
        .try_fold(value, |v, key| v.as_object()?.get(*key))
}

fn lookup_mut<'v>(value: &'v mut Value, keys: &[&str]) -> Option<&'v mut Value> {
    keys.iter()
        .try_fold(value, |v, key| v.as_object_mut()?.get_mut(*key))
}
