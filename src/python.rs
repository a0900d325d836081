//! Python bindings (cargo feature `python`): the extension module `mojifix._mojifix`
//! that the `mojifix` Python package re-exports. Built by maturin from
//! `pyproject.toml`; plain `cargo build` never compiles this file.
//!
//! What it adds to the library, and nothing more:
//! - keyword options named as ftfy's `TextFixerConfig` names them, mapped onto a
//!   [`Config`] through one table ([`OPTIONS`]); unknown names raise `TypeError`, bad
//!   values `TypeError` or `ValueError`, never a crash of the interpreter;
//! - change offsets in characters (Python `str` indices), not bytes;
//! - `fix_batch`, which releases the GIL and repairs a list on all cores with rayon;
//! - strings Rust cannot hold: a Python `str` may contain surrogate code points. Pairs
//!   are joined into the character they encode and lone ones become U+FFFD, as ftfy's
//!   `fix_surrogates` does; `fix_and_explain` reports each as a change at its place in
//!   the caller's string.
//!
//! Offsets: a change's `start` and `end` index the input `str`, so
//! `text[c.start:c.end] == c.before` always holds, surrogates included.

use std::borrow::Cow;
use std::ops::Range;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::{fix_text as fix, Config, Fix, Normalization, Preset};

/// Where a keyword option lands in the [`Config`].
#[derive(Clone, Copy, Debug)]
enum Setting {
    /// A fix switched on or off, by its name in the library's fix table.
    Fix(&'static str),
    /// `normalization`: `"NFC"`, `"NFKC"` or `None`.
    Normalization,
    /// `max_layers`: layers of garbling to undo in one word, 0 to 16.
    MaxLayers,
}

/// The keyword options, named as ftfy 6.3's `TextFixerConfig` names the same fix so
/// that moving from `ftfy.fix_text(text, uncurl_quotes=False)` is a one-word change.
/// This table is the only place a Python name meets the library's configuration.
const OPTIONS: &[(&str, Setting)] = &[
    ("fix_encoding", Setting::Fix("encoding")),
    ("fix_c1_controls", Setting::Fix("c1-controls")),
    ("unescape_html", Setting::Fix("html-entities")),
    ("remove_terminal_escapes", Setting::Fix("terminal-escapes")),
    ("remove_control_chars", Setting::Fix("control-chars")),
    ("remove_bom", Setting::Fix("bom")),
    ("fix_surrogates", Setting::Fix("surrogates")),
    ("fix_latin_ligatures", Setting::Fix("latin-ligatures")),
    ("fix_character_width", Setting::Fix("character-width")),
    ("uncurl_quotes", Setting::Fix("curly-quotes")),
    ("fix_line_breaks", Setting::Fix("line-breaks")),
    ("normalization", Setting::Normalization),
    ("max_layers", Setting::MaxLayers),
];

/// ftfy options mojifix has no switch of its own for, with the reason given to a
/// caller who passes one.
const FTFY_ONLY: &[(&str, &str)] = &[
    (
        "restore_byte_a0",
        "mojifix restores lost no-break spaces as part of fix_encoding",
    ),
    (
        "replace_lossy_sequences",
        "mojifix repairs sequences with lost bytes as part of fix_encoding",
    ),
    (
        "decode_inconsistent_utf8",
        "mojifix judges each word on its own as part of fix_encoding",
    ),
    (
        "max_decode_length",
        "mojifix has no length limit: it repairs line by line",
    ),
    (
        "explain",
        "use fix_and_explain() to get the list of changes",
    ),
];

/// Highest `max_layers` accepted, as on the command line.
const MAX_LAYERS_LIMIT: u8 = 16;

/// Builds the configuration from `preset` and the keyword options of `func`.
fn config_from(
    func: &str,
    preset: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Config> {
    let mut config = config_for_preset(preset)?;
    let Some(options) = options else {
        return Ok(config);
    };
    for (key, value) in options.iter() {
        let name: String = key.extract()?;
        let Some(&(_, setting)) = OPTIONS.iter().find(|(n, _)| *n == name) else {
            return Err(unknown_option(func, &name));
        };
        apply(&mut config, &name, setting, &value)?;
    }
    Ok(config)
}

/// The configuration a preset starts from; `None` is the default (`"safe"`).
fn config_for_preset(preset: Option<&Bound<'_, PyAny>>) -> PyResult<Config> {
    let Some(preset) = preset.filter(|p| !p.is_none()) else {
        return Ok(Config::default());
    };
    let Ok(name) = preset.extract::<String>() else {
        return Err(PyTypeError::new_err(format!(
            "option \"preset\" must be \"safe\", \"ftfy\" or None, not {}",
            type_name(preset)
        )));
    };
    name.parse::<Preset>()
        .map(Config::preset)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

fn unknown_option(func: &str, name: &str) -> PyErr {
    if let Some((_, why)) = FTFY_ONLY.iter().find(|(n, _)| *n == name) {
        return PyTypeError::new_err(format!(
            "{func}() got ftfy's option {name:?}, which mojifix does not have: {why}"
        ));
    }
    let valid: Vec<&str> = OPTIONS.iter().map(|(n, _)| *n).collect();
    PyTypeError::new_err(format!(
        "{func}() got an unexpected option {name:?} (expected preset or one of: {})",
        valid.join(", ")
    ))
}

/// Applies one option's value.
fn apply(
    config: &mut Config,
    name: &str,
    setting: Setting,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    match setting {
        Setting::Fix(fix) => {
            let on = switch(name, value)?;
            set_fix(config, fix, on);
        }
        Setting::Normalization => config.normalization = normalization(value)?,
        Setting::MaxLayers => config.max_layers = max_layers(value)?,
    }
    Ok(())
}

/// Turns the library fix named `fix` on or off.
fn set_fix(config: &mut Config, fix: &str, on: bool) {
    let fix: Fix = fix
        .parse()
        .expect("every fix in OPTIONS is in mojifix::FIXES");
    config.set(fix, on);
}

/// Options that also take ftfy's value `"auto"`, which means on: ftfy then leaves
/// text with HTML tags alone, and mojifix's fix skips markup by itself.
const AUTO_OPTIONS: &[&str] = &["unescape_html"];

/// A fix's on/off value: a bool, or `"auto"` where ftfy accepts it.
fn switch(name: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(b.is_true());
    }
    if let Ok(s) = value.extract::<String>() {
        if AUTO_OPTIONS.contains(&name) && s == "auto" {
            return Ok(true);
        }
        let expected = if AUTO_OPTIONS.contains(&name) {
            "True, False or \"auto\""
        } else {
            "True or False"
        };
        return Err(PyValueError::new_err(format!(
            "option {name:?} must be {expected}, not {s:?}"
        )));
    }
    Err(PyTypeError::new_err(format!(
        "option {name:?} must be a bool, not {}",
        type_name(value)
    )))
}

fn normalization(value: &Bound<'_, PyAny>) -> PyResult<Normalization> {
    if value.is_none() {
        return Ok(Normalization::None);
    }
    let Ok(form) = value.extract::<String>() else {
        return Err(PyTypeError::new_err(format!(
            "option \"normalization\" must be \"NFC\", \"NFKC\" or None, not {}",
            type_name(value)
        )));
    };
    match form.to_ascii_uppercase().as_str() {
        "NFC" => Ok(Normalization::Nfc),
        "NFKC" => Ok(Normalization::Nfkc),
        "NONE" => Ok(Normalization::None),
        "NFD" | "NFKD" => Err(PyValueError::new_err(format!(
            "normalization {form:?} is not supported: mojifix applies \"NFC\", \"NFKC\" or None"
        ))),
        _ => Err(PyValueError::new_err(format!(
            "unknown normalization {form:?} (expected \"NFC\", \"NFKC\" or None)"
        ))),
    }
}

fn max_layers(value: &Bound<'_, PyAny>) -> PyResult<u8> {
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(
            "option \"max_layers\" must be an int, not bool",
        ));
    }
    let Ok(n) = value.extract::<i64>() else {
        return Err(PyTypeError::new_err(format!(
            "option \"max_layers\" must be an int, not {}",
            type_name(value)
        )));
    };
    u8::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_LAYERS_LIMIT)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "option \"max_layers\" must be between 0 and {MAX_LAYERS_LIMIT}, not {n}"
            ))
        })
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A Python `str` as Rust text: borrowed from the `str` itself (an ASCII `str` is
/// its own UTF-8; any other keeps the UTF-8 copy Python makes once), so that a batch
/// of clean records is not copied on the way in. `surrogates` is set when the `str`
/// held surrogate code points: the text then is a copy with them repaired, and
/// `surrogates` maps each character of the text back to its code point index in the
/// `str`.
struct Input<'a> {
    text: Cow<'a, str>,
    surrogates: Option<Surrogates>,
}

/// What repairing surrogates did to a `str`.
struct Surrogates {
    /// For each character of the repaired text, the index of its first code point in
    /// the original `str`, plus one final entry for the end.
    origin: Vec<usize>,
    /// The code point ranges of the original that were joined or replaced, and what
    /// became of them.
    repairs: Vec<(Range<usize>, char)>,
}

/// Reads `value` as text; `func` and `what` name it in the `TypeError` for a non-str.
fn read_str<'a>(value: &'a Bound<'_, PyAny>, func: &str, what: &str) -> PyResult<Input<'a>> {
    let Ok(s) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "{func}() {what} must be str, not {}",
            type_name(value)
        )));
    };
    match s.to_str() {
        Ok(text) => Ok(Input {
            text: Cow::Borrowed(text),
            surrogates: None,
        }),
        // Only surrogate code points make a str fail to encode as UTF-8.
        Err(_) => repair_surrogates(s),
    }
}

/// Joins surrogate pairs and replaces lone surrogates with U+FFFD, keeping the map
/// back to the original code point indices. Only called for a `str` that holds
/// surrogates, so the detour through UTF-32 costs nothing on ordinary text.
fn repair_surrogates(s: &Bound<'_, PyString>) -> PyResult<Input<'static>> {
    let bytes: Vec<u8> = s
        .call_method1("encode", ("utf-32-le", "surrogatepass"))?
        .extract()?;
    let points: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mut text = String::with_capacity(points.len());
    let mut origin = Vec::with_capacity(points.len() + 1);
    let mut repairs = Vec::new();
    let mut i = 0;
    while i < points.len() {
        // How many code points of the `str` this character takes, and whether it is
        // a repair (a joined pair or a replaced lone surrogate).
        let (c, width, repaired) = match (points[i], points.get(i + 1)) {
            (high @ 0xD800..=0xDBFF, Some(&low @ 0xDC00..=0xDFFF)) => {
                let joined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                (char::from_u32(joined).unwrap_or('\u{fffd}'), 2, true)
            }
            (point, _) => match char::from_u32(point) {
                Some(c) => (c, 1, false),
                None => ('\u{fffd}', 1, true),
            },
        };
        if repaired {
            repairs.push((i..i + width, c));
        }
        text.push(c);
        origin.push(i);
        i += width;
    }
    origin.push(i);
    Ok(Input {
        text: Cow::Owned(text),
        surrogates: Some(Surrogates { origin, repairs }),
    })
}

/// One change made by fix_and_explain: `text[start:end]`, which is `before`, was
/// replaced by `after`. Offsets count characters (str indices), not bytes.
#[pyclass(module = "mojifix", name = "Change", frozen, get_all)]
pub struct PyChange {
    /// Index of the first changed character of the input `str`.
    start: usize,
    /// Index after the last changed character.
    end: usize,
    /// The input text in `[start:end]`.
    before: Py<PyAny>,
    /// What replaced it.
    after: String,
    /// The steps that explain it, earliest damage first.
    chain: Vec<String>,
    /// How sure the repair is, from 0 to 1.
    confidence: f64,
    /// The chain as one phrase, such as "UTF-8 read as windows-1252".
    explanation: String,
}

#[pymethods]
impl PyChange {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let before = self.before.bind(py).repr()?;
        let after = PyString::new(py, &self.after).repr()?;
        let explanation = PyString::new(py, &self.explanation).repr()?;
        Ok(format!(
            "Change(start={}, end={}, before={before}, after={after}, explanation={explanation}, confidence={:.3})",
            self.start, self.end, self.confidence
        ))
    }

    /// The change as a plain dict (for JSON output or a DataFrame).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("before", self.before.bind(py))?;
        d.set_item("after", &self.after)?;
        d.set_item("chain", &self.chain)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("explanation", &self.explanation)?;
        Ok(d)
    }
}

/// Repair mojibake in `text` and return the repaired str.
///
/// Options are named as in ftfy's TextFixerConfig (`mojifix.OPTIONS` lists them);
/// `preset` ("safe", the default, or "ftfy") chooses the starting set and options
/// override it. Text that needs nothing comes back as the same object.
///
/// >>> fix_text("Le cafÃ© de la gare")
/// 'Le café de la gare'
///
/// Raises TypeError for a non-str or an unknown option, ValueError for a bad value.
/// Surrogate code points are repaired (pairs joined, lone ones -> U+FFFD).
#[pyfunction]
#[pyo3(signature = (text, /, *, preset = None, **options))]
fn fix_text(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    preset: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let config = config_from("fix_text", preset, options)?;
    let input = read_str(text, "fix_text", "argument 'text'")?;
    let repaired = py.detach(|| repair(&input.text, &config));
    Ok(match repaired {
        Some(out) => PyString::new(py, &out).into_any().unbind(),
        None if input.surrogates.is_some() => PyString::new(py, &input.text).into_any().unbind(),
        None => text.clone().unbind(),
    })
}

/// The repaired text, or `None` when nothing changes.
fn repair(text: &str, config: &Config) -> Option<String> {
    let fixed = fix(text, config);
    fixed.changed().then(|| fixed.into_text().into_owned())
}

/// Whether fix_text(text, ...) would change `text`.
///
/// The cheap gate for pipelines that only count or route records: it runs the same
/// engine (so it is exactly as right as fix_text), returns at once for ASCII text,
/// and builds no output string.
///
/// >>> needs_fix("CafÃ©"), needs_fix("Café")
/// (True, False)
#[pyfunction]
#[pyo3(signature = (text, /, *, preset = None, **options))]
fn needs_fix(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    preset: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<bool> {
    let config = config_from("needs_fix", preset, options)?;
    let input = read_str(text, "needs_fix", "argument 'text'")?;
    if input.surrogates.is_some() {
        return Ok(true);
    }
    Ok(py.detach(|| fix(&input.text, &config).changed()))
}

/// Repair every str of `texts` (a list or any iterable of str) and return a list.
///
/// The work runs without the GIL on all cores (rayon; set RAYON_NUM_THREADS to
/// limit it). The result equals [fix_text(t, ...) for t in texts]; unchanged items
/// are returned as the same objects.
///
/// >>> fix_batch(["CafÃ©", "ok"])
/// ['Café', 'ok']
#[pyfunction]
#[pyo3(signature = (texts, /, *, preset = None, **options))]
fn fix_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    preset: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let config = config_from("fix_batch", preset, options)?;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "fix_batch() argument 'texts' must be a list of str, not a str (use fix_text)",
        ));
    }
    let items: Vec<Bound<'py, PyAny>> = texts
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "fix_batch() argument 'texts' must be an iterable of str, not {}",
                type_name(texts)
            ))
        })?
        .collect::<PyResult<_>>()?;
    let inputs: Vec<Input> = items
        .iter()
        .enumerate()
        .map(|(i, item)| read_str(item, "fix_batch", &format!("item {i}")))
        .collect::<PyResult<_>>()?;
    let repaired: Vec<Option<String>> = py.detach(|| {
        inputs
            .par_iter()
            .map(|input| repair(&input.text, &config))
            .collect()
    });
    let out = PyList::empty(py);
    for ((item, input), fixed) in items.iter().zip(&inputs).zip(repaired) {
        match fixed {
            Some(text) => out.append(PyString::new(py, &text))?,
            None if input.surrogates.is_some() => out.append(PyString::new(py, &input.text))?,
            None => out.append(item)?,
        }
    }
    Ok(out)
}

/// Repair `text` and return (fixed_text, changes).
///
/// Each Change has `start` and `end` as character offsets into `text` (Python str
/// indices, so text[c.start:c.end] == c.before), `before`, `after`, `chain` (the
/// steps, earliest damage first), `confidence` (0 to 1) and `explanation`.
///
/// >>> fixed, changes = fix_and_explain("CafÃ©")
/// >>> changes[0].explanation
/// 'UTF-8 read as windows-1252'
#[pyfunction]
#[pyo3(signature = (text, /, *, preset = None, **options))]
fn fix_and_explain<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    preset: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let config = config_from("fix_and_explain", preset, options)?;
    let input = read_str(text, "fix_and_explain", "argument 'text'")?;
    let fixed = py.detach(|| fix(&input.text, &config));
    let char_ranges = char_ranges(&input.text, fixed.changes().iter().map(|c| c.range.clone()));
    let mut changes = Vec::new();
    for (change, chars) in fixed.changes().iter().zip(char_ranges) {
        let span = match &input.surrogates {
            Some(s) => s.origin[chars.start]..s.origin[chars.end],
            None => chars,
        };
        changes.push(PyChange {
            before: text
                .get_item(pyo3::types::PySlice::new(
                    py,
                    span.start as isize,
                    span.end as isize,
                    1,
                ))?
                .unbind(),
            start: span.start,
            end: span.end,
            after: change.after.clone(),
            chain: change.chain.iter().map(|s| s.to_string()).collect(),
            confidence: f64::from(change.confidence),
            explanation: change.explanation(),
        });
    }
    if let Some(s) = &input.surrogates {
        add_surrogate_changes(py, text, s, &mut changes)?;
    }
    let list = PyList::empty(py);
    for change in changes {
        list.append(Bound::new(py, change)?)?;
    }
    let out = PyString::new(py, fixed.text()).into_any();
    PyTuple::new(py, [out, list.into_any()])
}

/// The surrogate repairs as changes, except where a change of the engine already
/// covers them; keeps `changes` in input order.
fn add_surrogate_changes(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    surrogates: &Surrogates,
    changes: &mut Vec<PyChange>,
) -> PyResult<()> {
    for (range, c) in &surrogates.repairs {
        let covered = changes
            .iter()
            .any(|ch| ch.start <= range.start && range.end <= ch.end);
        if covered {
            continue;
        }
        let (chain, explanation) = if *c == '\u{fffd}' {
            ("lone surrogate", "lone surrogate replaced with U+FFFD")
        } else {
            ("surrogate pair", "surrogate pair joined into one character")
        };
        let slice = pyo3::types::PySlice::new(py, range.start as isize, range.end as isize, 1);
        changes.push(PyChange {
            start: range.start,
            end: range.end,
            before: text.get_item(slice)?.unbind(),
            after: c.to_string(),
            chain: vec![chain.to_string()],
            confidence: 1.0,
            explanation: explanation.to_string(),
        });
    }
    changes.sort_by_key(|c| c.start);
    Ok(())
}

/// The byte ranges `ranges` of `text` as character ranges, in one pass over the text
/// whatever the order of the ranges.
fn char_ranges(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let ranges: Vec<Range<usize>> = ranges.collect();
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut chars_at = Vec::with_capacity(bounds.len());
    let (mut byte, mut chars) = (0, 0);
    for &b in &bounds {
        chars += text[byte..b].chars().count();
        byte = b;
        chars_at.push(chars);
    }
    let to_chars = |b: usize| chars_at[bounds.binary_search(&b).expect("bound was collected")];
    ranges
        .iter()
        .map(|r| to_chars(r.start)..to_chars(r.end))
        .collect()
}

/// The extension module `mojifix._mojifix`.
#[pymodule]
#[pyo3(name = "_mojifix")]
fn extension_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fix_text, m)?)?;
    m.add_function(wrap_pyfunction!(fix_and_explain, m)?)?;
    m.add_function(wrap_pyfunction!(fix_batch, m)?)?;
    m.add_function(wrap_pyfunction!(needs_fix, m)?)?;
    m.add_class::<PyChange>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let names: Vec<&str> = OPTIONS.iter().map(|(n, _)| *n).collect();
    m.add("OPTIONS", PyTuple::new(m.py(), names)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_names_a_fix_of_the_library() {
        for (name, setting) in OPTIONS {
            if let Setting::Fix(fix) = setting {
                assert!(fix.parse::<Fix>().is_ok(), "{name} -> {fix}");
            }
        }
    }

    #[test]
    fn byte_ranges_become_char_ranges() {
        let text = "Cé x Ã© y";
        let a = text.find('Ã').unwrap();
        let got = char_ranges(text, [a..a + 4, 0..1].into_iter());
        assert_eq!(got, [5..7, 0..1]);
    }
}
