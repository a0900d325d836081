#!/usr/bin/env python3
"""Generate the synthetic mojibake fixture set for mojifix.

Reads every ``seeds/clean/*.txt`` file (clean UTF-8, one sentence per line)
and writes ``fixtures/synthetic/cases.jsonl``: one JSON object per line with
the keys ``id, encoding, layers, lang, kind, input, expected``.

* ``expected`` is the clean source line (NFC).
* ``input`` is that line garbled: its UTF-8 bytes decoded with a wrong
  single-byte code page (see ``ENCODINGS``), once or twice, as a whole or only
  for some words.

Deterministic (fixed seeds, sorted inputs), stdlib only, no network.
Run from anywhere:  python3 tools/gen_fixtures.py
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (name used in the "encoding" field, Python codec)
ENCODINGS: list[tuple[str, str]] = [
    ("windows-1252", "cp1252"),
    ("iso-8859-1", "latin-1"),
    ("windows-1250", "cp1250"),
    ("iso-8859-2", "iso8859_2"),
    ("windows-1251", "cp1251"),
    ("koi8-r", "koi8_r"),
    ("koi8-u", "koi8_u"),
    ("windows-1253", "cp1253"),
    ("windows-1254", "cp1254"),
    ("windows-1257", "cp1257"),
    ("iso-8859-15", "iso8859_15"),
    ("macintosh", "mac_roman"),
    ("ibm437", "cp437"),
    ("ibm850", "cp850"),
    ("ibm866", "cp866"),
]

# Where Python's codec differs from the WHATWG Encoding Standard index (which
# encoding_rs implements) for a byte that Python *does* define.  Bytes that
# Python leaves undefined in 0x80-0x9F are handled generically below (they
# become the C1 control U+0080+n, which is exactly what WHATWG specifies for
# windows-125x).  Checked against encoding_rs 0.8.44 src/data.rs: for
# windows-1250/1251/1252/1253/1254/1257, iso-8859-2, iso-8859-15, koi8-r,
# macintosh and ibm866 the only differences are those undefined 0x80-0x9F
# bytes; koi8-u differs in two defined bytes (Python follows RFC 2319,
# WHATWG follows KOI8-RU for these two):
WHATWG_OVERRIDES: dict[str, dict[int, str]] = {
    "koi8-u": {
        0xAE: "\u045e",  # Python: U+255D BOX DRAWINGS DOUBLE UP AND LEFT
        0xBE: "\u040e",  # Python: U+256C BOX DRAWINGS DOUBLE VERTICAL AND HORIZONTAL
    },
}
# Bytes undefined outside 0x80-0x9F (both in Python and in WHATWG); a case
# whose bytes hit one of them is skipped:
#   windows-1253: 0xAA 0xD2 0xFF      windows-1257: 0xA1 0xA5

ENC_NAMES = [n for n, _ in ENCODINGS]

# Second layer for "double" cases when it is not the same encoding again:
# the code pages most often seen as a second mis-decoding in the wild.
SECOND_LAYER = ["windows-1252", "windows-1252", "iso-8859-1", "windows-1250",
                "windows-1251", "macintosh", "ibm437", "windows-1254"]

QUOTA = {"full": 160, "partial": 160, "double": 90, "nbsp": 70, "mixed": 70}
KINDS = ["full", "partial", "double", "nbsp", "mixed"]
SEED = "mojifix-synthetic-v1"


def build_table(name: str, codec: str) -> list[str | None]:
    table: list[str | None] = []
    for b in range(256):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            ch = chr(b) if 0x80 <= b <= 0x9F else None
        table.append(ch)
    for b, ch in WHATWG_OVERRIDES.get(name, {}).items():
        table[b] = ch
    for b in range(128):
        assert table[b] == chr(b), (name, b)
    defined = [c for c in table if c is not None]
    assert len(set(defined)) == len(defined), f"{name}: table not injective"
    return table


TABLES = {name: build_table(name, codec) for name, codec in ENCODINGS}
REVERSE = {name: {c: b for b, c in enumerate(t) if c is not None} for name, t in TABLES.items()}


def garble(text: str, enc: str) -> str | None:
    """UTF-8 encode, then decode with the sloppy/WHATWG table of ``enc``."""
    table = TABLES[enc]
    out = []
    for b in text.encode("utf-8"):
        ch = table[b]
        if ch is None:
            return None
        out.append(ch)
    return "".join(out)


def ungarble(text: str, enc: str) -> str:
    """Inverse of ``garble`` (used for self-checks)."""
    rev = REVERSE[enc]
    return bytes(rev[c] for c in text).decode("utf-8")


def load_seeds(seed_dir: Path) -> list[tuple[str, str]]:
    items = []
    for path in sorted(seed_dir.glob("*.txt")):
        lang = path.stem
        data = path.read_bytes().decode("utf-8")
        for line in data.split("\n"):
            if not line or line.isascii():
                continue
            line = unicodedata.normalize("NFC", line)
            assert "\r" not in line
            items.append((lang, line))
    return items


def interleave(items: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Round-robin over languages, each language's lines shuffled."""
    by_lang: dict[str, list[str]] = {}
    for lang, line in items:
        by_lang.setdefault(lang, []).append(line)
    langs = sorted(by_lang)
    for lang in langs:
        rng.shuffle(by_lang[lang])
    out = []
    i = 0
    while any(by_lang.values()):
        order = langs[:]
        rng.shuffle(order)
        for lang in order:
            if by_lang[lang]:
                out.append((lang, by_lang[lang].pop()))
        i += 1
    return out


TOKEN_RE = re.compile(r"\S+")


def segments(line: str) -> list[tuple[int, int]]:
    """Word-like spans. Space-separated tokens when the line has at least
    three, else (CJK/Thai) short character runs that avoid splitting inside a
    grapheme cluster."""
    toks = [m.span() for m in TOKEN_RE.finditer(line)]
    if len(toks) >= 3:
        return toks
    spans = []
    i = 0
    n = len(line)
    rng = random.Random(line)
    while i < n:
        j = min(n, i + rng.randint(2, 4))
        # do not split before a combining mark (Thai vowels/tones, Devanagari signs)
        while j < n and unicodedata.category(line[j]) in ("Mn", "Mc", "Me"):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def apply(line: str, spans: list[tuple[int, int]], encs: list[str]) -> str | None:
    """Garble each span with its encoding (spans must not overlap)."""
    out = []
    pos = 0
    for (a, b), enc in sorted(zip(spans, encs)):
        out.append(line[pos:a])
        g = garble(line[a:b], enc)
        if g is None:
            return None
        out.append(g)
        pos = b
    out.append(line[pos:])
    return "".join(out)


def make_partial(line: str, enc: str, rng: random.Random) -> str | None:
    segs = segments(line)
    idx = [i for i, (a, b) in enumerate(segs) if not line[a:b].isascii()]
    if not idx:
        return None
    mode = rng.choice(["start", "end", "phrase", "words", "words"])
    if mode == "start" and idx[0] == 0:
        chosen = [0] + ([rng.choice(idx[1:])] if len(idx) > 1 and rng.random() < 0.3 else [])
    elif mode == "end" and idx[-1] == len(segs) - 1:
        chosen = [len(segs) - 1]
    elif mode == "phrase" and len(segs) >= 4:
        k = rng.randint(2, 4)
        start = rng.randint(0, len(segs) - k)
        a, b = segs[start][0], segs[start + k - 1][1]
        if line[a:b].isascii():
            return None
        g = garble(line[a:b], enc)
        return None if g is None else line[:a] + g + line[b:]
    else:
        chosen = rng.sample(idx, min(len(idx), rng.randint(1, 3)))
    chosen = sorted(set(chosen))
    return apply(line, [segs[i] for i in chosen], [enc] * len(chosen))


def make_mixed(line: str, enc: str, enc2: str, rng: random.Random) -> str | None:
    segs = segments(line)
    idx = [i for i, (a, b) in enumerate(segs) if not line[a:b].isascii()]
    if len(idx) < 2:
        return None
    i, j = rng.sample(idx, 2)
    a = apply(line, [segs[i]], [enc])
    b = apply(line, [segs[j]], [enc2])
    if a is None or b is None or a == line or b == line:
        return None
    out = apply(line, [segs[i], segs[j]], [enc, enc2])
    return out


def make_case(kind: str, enc: str, line: str, rng: random.Random):
    """Return (encoding_field, layers, input) or None."""
    if kind == "full":
        return enc, 1, garble(line, enc)
    if kind == "partial":
        return enc, 1, make_partial(line, enc, rng)
    if kind == "double":
        enc2 = enc if rng.random() < 0.5 else rng.choice([e for e in SECOND_LAYER if e != enc])
        g = garble(line, enc)
        g2 = None if g is None else garble(g, enc2)
        return f"{enc}+{enc2}", 2, g2
    if kind == "nbsp":
        g = garble(line, enc)
        if g is None or "\u00a0" not in g:
            return enc, 1, None
        return enc, 1, g.replace("\u00a0", " ")
    if kind == "mixed":
        enc2 = rng.choice([e for e in ENC_NAMES if e != enc])
        return f"{enc},{enc2}", 1, make_mixed(line, enc, enc2, rng)
    raise ValueError(kind)


ESCAPE_RE = re.compile("[\u0080-\u009f\u00ad\u2028\u2029\ufeff\u200b-\u200f\u202a-\u202e\u2060-\u2064]")


def dump(obj: dict) -> str:
    s = json.dumps(obj, ensure_ascii=False)
    # keep the file readable but make invisible/line-breaking characters explicit
    return ESCAPE_RE.sub(lambda m: "\\u%04x" % ord(m.group()), s)


def generate(seed_dir: Path) -> list[dict]:
    items = load_seeds(seed_dir)
    cases: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for enc in ENC_NAMES:
        for kind in KINDS:
            if kind == "nbsp" and TABLES[enc][0xA0] != "\u00a0":
                continue
            rng = random.Random(f"{SEED}/{enc}/{kind}")
            pool = interleave(items, rng)
            start = rng.randrange(len(pool))
            n = 0
            for k in range(len(pool)):
                if n >= QUOTA[kind]:
                    break
                lang, line = pool[(start + k) % len(pool)]
                res = make_case(kind, enc, line, rng)
                if res is None or res[2] is None:
                    continue
                enc_field, layers, inp = res
                if inp == line or (inp, line) in seen:
                    continue
                assert "\n" not in inp and "\r" not in inp
                seen.add((inp, line))
                n += 1
                cases.append({
                    "id": f"{enc}-{kind}-{n:04d}",
                    "encoding": enc_field,
                    "layers": layers,
                    "lang": lang,
                    "kind": kind,
                    "input": inp,
                    "expected": line,
                })
    return cases


def self_check(cases: list[dict]) -> None:
    for c in cases:
        assert c["input"] != c["expected"]
        assert "\n" not in c["input"] + c["expected"] and "\r" not in c["input"] + c["expected"]
        assert unicodedata.normalize("NFC", c["expected"]) == c["expected"]
        if c["kind"] == "full":
            assert ungarble(c["input"], c["encoding"]) == c["expected"], c["id"]
        elif c["kind"] == "double":
            e1, e2 = c["encoding"].split("+")
            assert ungarble(ungarble(c["input"], e2), e1) == c["expected"], c["id"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds" / "clean")
    ap.add_argument("--out", type=Path, default=REPO / "fixtures" / "synthetic" / "cases.jsonl")
    args = ap.parse_args(argv)
    cases = generate(args.seeds)
    self_check(cases)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(dump(c) + "\n")
    # summary
    per_enc: dict[str, int] = {}
    per_kind: dict[str, int] = {}
    for c in cases:
        per_kind[c["kind"]] = per_kind.get(c["kind"], 0) + 1
        for e in sorted(set(re.split(r"[+,]", c["encoding"]))):
            per_enc[e] = per_enc.get(e, 0) + 1
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
    print("per kind: " + ", ".join(f"{k}={per_kind.get(k, 0)}" for k in KINDS), file=sys.stderr)
    print("per encoding (cases involving it): " + ", ".join(f"{e}={per_enc.get(e, 0)}" for e in ENC_NAMES),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
