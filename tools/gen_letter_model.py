#!/usr/bin/env python3
"""Generate mojifix's letter model, src/letter_model/bigrams.rs, from CLDR.

The model says which letter sequences each language writes: for every language
below, the cost in bits of each letter following another (or opening or ending a
word), learnt from the words of the language's CLDR locale data (names of
languages, territories, scripts, months, days, units, currencies, time zones...:
a few thousand real words per language, written by CLDR's translators). The
engine uses it to choose between two repairs of the same garbled text that give
different letters ("žaba" or "şaba"); see src/letter_model.rs.

The CLDR data comes from the Babel wheel on PyPI, pinned below. The wheel is
fetched with pip at run time into a cache outside the repository (like
tools/ftfy_sdist.py fetches ftfy) and nothing downloaded is committed. CLDR is
under the Unicode License v3 (babel/locale-data/LICENSE.unicode in the wheel);
Babel itself is BSD-3-Clause, and only its data is used.

Deliberately NOT learnt from: seeds/clean/ (the source of the synthetic test set),
the word lists of tests/properties.rs, and the Django and spaCy catalogues that
tools/real_text_*.py fetch (the evaluation corpus).

Deterministic: the same wheel gives the same file byte for byte.
Run from anywhere:  python3 tools/gen_letter_model.py   (--check: exit 1 if the
committed file differs from what would be generated; --stats: print sizes)
"""

from __future__ import annotations

import argparse
import collections
import math
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ftfy_sdist import cache_dir, pip_download  # noqa: E402  (the tools share these)

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "letter_model" / "bigrams.rs"
BABEL_VERSION = "2.16.0"
WHEEL = f"babel-{BABEL_VERSION}-py3-none-any.whl"

# The languages modelled, by CLDR locale, grouped by script. Any UTF-8 text can be
# garbled, so the alphabetic scripts a repair can produce are covered (Latin,
# Cyrillic, Greek, Hebrew, Arabic, Armenian, Georgian) through the languages of
# seeds/clean and the larger ones of the translation catalogues the real-text
# checks read, where CLDR has a couple of thousand words for them. Scripts of
# thousands of syllables (Han, Hangul, kana) and the abugidas (Devanagari, Thai)
# are left out: letter pairs say little there, their tables would be as big as all
# the others, and no repair among the measured misses hinged on them. The table
# stays about 60 KB.
LANGUAGES: dict[str, list[str]] = {
    "LATIN": (
        "az br bs ca cs cy da de dsb en eo es et fi fr ga gl hr hsb hu is it lt lv nb nl "
        "pl pt ro sk sl sv tr vi"
    ).split(),
    "CYRILLIC": "be bg kk ky mk mn ru sr uk".split(),
    "GREEK": ["el"],
    "HEBREW": ["he"],
    "ARABIC": "ar fa ur".split(),
    "ARMENIAN": ["hy"],
    "GEORGIAN": ["ka"],
}

# Locale data that holds patterns and codes rather than words ("d MMM y", "#,##0").
SKIP_KEYS = {
    "locale_id", "plural_form", "ordinal_form", "day_period_rules", "week_data",
    "date_formats", "time_formats", "datetime_formats", "datetime_skeletons",
    "interval_formats", "number_symbols", "numbering_systems", "decimal_formats",
    "compact_decimal_formats", "scientific_formats", "percent_formats",
    "currency_formats", "compact_currency_formats", "measurement_systems",
    "zone_formats", "currency_symbols", "list_patterns", "unit_patterns",
    "compound_unit_patterns", "currency_unit_patterns",
}

# Costs are whole bits of -log2 P(next letter | letter), the word boundary being a
# letter too. A pair seen in fewer than MIN_WORDS distinct words is not kept (one
# foreign name is no evidence). A pair not listed backs off to how often the
# language writes its second letter at all: -log2 P(letter) + BACKOFF bits, at most
# FLOOR; a letter the language does not write (seen in fewer than MIN_WORDS words)
# costs FLOOR. Pairs whose cost is within a bit of their back-off are left out too:
# the table lists what the back-off would get wrong. A few thousand words see only part of
# what a language writes (Latvian "ļoti" opens with a pair its CLDR words have once),
# hence the back-off rather than a flat floor for every unseen pair.
MIN_WORDS = 2
BACKOFF = 3
FLOOR = 14
BOUNDARY = "_"
UNIGRAM = "*"


def babel_dir() -> Path:
    """The unpacked pinned Babel wheel, fetched with pip once."""
    d = cache_dir("mojifix-letter-model")
    unpacked = d / f"babel-{BABEL_VERSION}"
    if (unpacked / "babel" / "locale-data" / "root.dat").exists():
        return unpacked
    wheel = d / WHEEL
    if not wheel.exists():
        print(f"fetching Babel {BABEL_VERSION} into {d} ...", file=sys.stderr)
        p = pip_download(f"babel=={BABEL_VERSION}", d, binary=True)
        if p.returncode != 0 or not wheel.exists():
            sys.exit("could not download the Babel wheel:\n" + p.stderr.decode(errors="replace"))
    with zipfile.ZipFile(wheel) as z:
        z.extractall(unpacked)
    return unpacked


def script_of(c: str) -> str:
    return unicodedata.name(c, "?").split(" ")[0]


def is_word_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


def lower(c: str) -> str:
    # One character for one, as the engine lowercases (Rust's first char of
    # to_lowercase): "İ" is "i".
    return c.lower()[0]


def strings_of(data) -> list[str]:
    out: list[str] = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for key in sorted(x, key=repr):
                walk(x[key])
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(data)
    return out


def words_of(localedata, locale: str, script: str) -> set[str]:
    """The distinct lowercase words of a locale written wholly in `script`."""
    data = localedata.load(locale)
    words: set[str] = set()
    for key, value in data.items():
        if key in SKIP_KEYS:
            continue
        for s in strings_of(value):
            word: list[str] = []
            for c in s + " ":
                if is_word_char(c):
                    word.append(c)
                    continue
                if word and any(unicodedata.category(w)[0] == "L" for w in word) \
                        and all(script_of(w) == script for w in word):
                    words.add("".join(lower(w) for w in word))
                word = []
    return words


def costs_of(words: set[str]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """(unigram[b], cost[a][b]): whole bits of -log2 P(b) and of -log2 P(b | a) over
    the words' letter pairs, the latter only where it differs from the back-off."""
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()
    for word in words:
        s = BOUNDARY + word + BOUNDARY
        for a, b in zip(s, s[1:]):
            pairs[(a, b)] += 1
    totals: collections.Counter[str] = collections.Counter()
    seconds: collections.Counter[str] = collections.Counter()
    for (a, b), n in pairs.items():
        totals[a] += n
        seconds[b] += n
    everything = sum(seconds.values())
    unigram = {b: min(FLOOR - 1, round(-math.log2(n / everything)))
               for b, n in seconds.items() if n >= MIN_WORDS}
    cost: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for (a, b), n in pairs.items():
        if n < MIN_WORDS:
            continue
        bits = min(FLOOR - 1, round(-math.log2(n / totals[a])))
        backoff = min(FLOOR, unigram[b] + BACKOFF) if b in unigram else FLOOR
        if abs(bits - backoff) > 1:
            cost[a][b] = bits
    return unigram, cost


def table_of(unigram: dict[str, int], cost: dict[str, dict[str, int]]) -> str:
    """The back-off line (`*`, then each letter with its cost as one hexadecimal
    digit), then one line per first letter: the letter, then each next letter with
    its cost, in code point order."""
    lines = [UNIGRAM + "".join(f"{b}{bits:x}" for b, bits in sorted(unigram.items()))]
    for a in sorted(cost):
        entries = "".join(f"{b}{bits:x}" for b, bits in sorted(cost[a].items()))
        if entries:
            lines.append(a + entries)
    return "\n".join(lines)


def rust_string(s: str) -> str:
    assert '"#' not in s
    return 'r#"' + s + '"#'


def generate() -> tuple[str, list[tuple[str, str, int, int]]]:
    sys.path.insert(0, str(babel_dir()))
    from babel import localedata  # noqa: E402  (the pinned wheel, not an installed Babel)
    import babel  # noqa: E402
    assert babel.__version__ == BABEL_VERSION, babel.__version__
    stats = []
    entries = []
    for script, locales in LANGUAGES.items():
        for locale in locales:
            words = words_of(localedata, locale, script)
            table = table_of(*costs_of(words))
            stats.append((locale, script, len(words), len(table.encode())))
            entries.append(f"    (\n        \"{locale}\",\n        {rust_string(chr(10) + table + chr(10))},\n    ),")
    header = f"""\
// @generated by `python3 tools/gen_letter_model.py`; do not edit by hand.
//
// Source: the CLDR locale data shipped in Babel {BABEL_VERSION} (the `babel` wheel on
// PyPI, babel/locale-data/*.dat), Unicode License v3, copyright Unicode, Inc.;
// see README.md, "Credits". The words of each locale (names of languages,
// territories, scripts, months, days, units, currencies, time zones...) written
// wholly in its script, lowercased, each distinct word counted once.
//
// Format: per language, a first line `{UNIGRAM}` followed by pairs of a letter B and
// one hexadecimal digit, the cost in whole bits of -log2 P(B); then one line per
// letter A (`{BOUNDARY}` is the word boundary): A, then pairs of a letter B and the cost
// of -log2 P(B follows A). A pair not listed costs B's cost plus [`BACKOFF`], at
// most [`FLOOR`]; a letter not on the first line costs [`FLOOR`]. Letters and pairs
// seen in fewer than {MIN_WORDS} words are left out, and so are pairs that cost
// within a bit of what their back-off gives.

/// The cost of a letter the language does not write, and the most any pair costs.
pub(super) const FLOOR: u8 = {FLOOR};

/// What a pair the table does not list costs beyond its second letter's own cost.
pub(super) const BACKOFF: u8 = {BACKOFF};

/// The first character of the line of single-letter costs.
pub(super) const UNIGRAM: char = '{UNIGRAM}';

/// The character that stands for the word boundary in [`LANGUAGES`].
pub(super) const BOUNDARY: char = '{BOUNDARY}';

/// Per language (CLDR locale), its letter pairs and their costs.
#[rustfmt::skip]
pub(super) const LANGUAGES: &[(&str, &str)] = &[
"""
    return header + "\n".join(entries) + "\n];\n", stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed table differs from a fresh one")
    parser.add_argument("--stats", action="store_true", help="print words and bytes per language")
    args = parser.parse_args()
    text, stats = generate()
    if args.stats:
        for locale, script, words, size in stats:
            print(f"{locale:5} {script:11} {words:6} words {size:6} bytes")
        print(f"total {len(text.encode())} bytes")
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(REPO)} has drifted: run python3 tools/gen_letter_model.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
