#!/usr/bin/env python3
"""Build the demo documents in seeds/samples/ from their clean versions.

The clean (expected) documents live in fixtures/samples/<name>; this script
garbles chosen lines or words with known causes and writes
seeds/samples/<name>. Line endings (LF or CRLF) are kept exactly.
Deterministic, stdlib only.  Run:  python3 tools/make_samples.py
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_fixtures import garble  # noqa: E402  (WHATWG/sloppy tables)

REPO = Path(__file__).resolve().parent.parent

# Per file: {line index (0-based): op}. Ops:
#   ("line", enc)            whole line garbled once
#   ("line2", enc1, enc2)    whole line garbled twice (enc1 first)
#   ("nbsp", enc)            whole line garbled, then U+00A0 -> ' '
#   ("words", [(substring, enc), ...])  first occurrence of each substring garbled
SPEC: dict[str, dict[int, tuple]] = {
    "newsletter_fr_de.txt": {
        1: ("nbsp", "windows-1252"),
        3: ("line", "windows-1252"),
        5: ("words", [("spécialité", "windows-1252"), ("région", "windows-1252")]),
        6: ("words", [("séjour", "macintosh"), ("jusqu’au", "macintosh")]),
        11: ("line", "windows-1252"),
        12: ("line2", "windows-1252", "windows-1252"),
        14: ("words", [("Übrigens:", "windows-1250")]),
        16: ("words", [("Hélène", "windows-1250"), ("secrétaire", "windows-1250")]),
    },
    "note_ru.txt": {
        0: ("line", "windows-1252"),
        2: ("line", "windows-1251"),
        4: ("words", [("Поезд", "windows-1252"), ("виды!", "windows-1252")]),
        6: ("line", "koi8-r"),
        9: ("line2", "windows-1252", "windows-1252"),
    },
    "products_cs_pl.csv": {
        1: ("line", "windows-1252"),
        2: ("words", [("Keramický", "windows-1250"), ("„Šumava“", "windows-1250"), ("myčky", "windows-1250")]),
        4: ("line", "iso-8859-2"),
        6: ("line", "windows-1252"),
        10: ("line2", "windows-1252", "windows-1252"),
        11: ("words", [("źródło:", "windows-1250"), ("Żywcu", "windows-1250")]),
    },
    "travel_el_tr.md": {
        3: ("line", "windows-1252"),
        5: ("line", "windows-1253"),
        9: ("line", "windows-1254"),
        10: ("words", [("Topkapı", "windows-1252"), ("günleri", "windows-1252"), ("açılıyor.", "windows-1252")]),
        11: ("words", [("Karaköy’den", "macintosh"), ("Kadıköy’e", "macintosh")]),
        16: ("line", "ibm437"),
        17: ("words", [("Καλό", "windows-1252"), ("İyi", "windows-1254")]),
    },
    "menu_es_pt_it.md": {
        0: ("words", [("Menú", "windows-1252"), ("Menù", "windows-1252")]),
        5: ("line", "windows-1252"),
        7: ("line2", "windows-1252", "windows-1252"),
        8: ("nbsp", "windows-1252"),
        9: ("words", [("Pastéis", "macintosh"), ("três", "macintosh")]),
        11: ("line", "iso-8859-15"),
        14: ("words", [("¿Alergias?", "windows-1252")]),
        16: ("line", "windows-1252"),
    },
}


def must(s: str | None) -> str:
    assert s is not None, "undefined byte"
    return s


def apply_op(line: str, op: tuple) -> str:
    kind = op[0]
    if kind == "line":
        return must(garble(line, op[1]))
    if kind == "line2":
        return must(garble(must(garble(line, op[1])), op[2]))
    if kind == "nbsp":
        g = must(garble(line, op[1]))
        assert "\u00a0" in g
        return g.replace("\u00a0", " ")
    if kind == "words":
        for word, enc in op[1]:
            i = line.index(word)
            line = line[:i] + must(garble(word, enc)) + line[i + len(word):]
        return line
    raise ValueError(kind)


def main() -> int:
    src_dir = REPO / "fixtures" / "samples"
    out_dir = REPO / "seeds" / "samples"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, spec in SPEC.items():
        clean = (src_dir / name).read_bytes().decode("utf-8")
        assert unicodedata.normalize("NFC", clean) == clean, name
        parts = clean.split("\n")
        out = []
        for idx, part in enumerate(parts):
            body, cr = (part[:-1], "\r") if part.endswith("\r") else (part, "")
            if idx in spec:
                g = apply_op(body, spec[idx])
                assert g != body, (name, idx)
                assert "\n" not in g and "\r" not in g
                body = g
            out.append(body + cr)
        assert max(spec) < len(parts) - 1
        (out_dir / name).write_bytes("\n".join(out).encode("utf-8"))
        print(f"{name}: {len(spec)} of {len(parts) - 1} lines garbled", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
