#!/usr/bin/env python3
"""Garble real translated text through every candidate page and measure the repair.

The synthetic set (fixtures/synthetic) garbles sentences this project wrote; its
figures could flatter a cost model calibrated on them. This check takes text written
by others: the translated strings (msgstr) of Django 5.2.19's gettext catalogues, 99
languages, fetched from PyPI into the cache that tools/real_text_check.py uses. For
each language it keeps up to --per-language strings that have a non-ASCII letter (10
to 200 characters, one line), garbles each whole string through each of the 15
candidate pages exactly as tools/gen_fixtures.py does (UTF-8 bytes decoded with the
page; undefined bytes in 0x80-0x9F become C1 controls), and runs
`mojifix --normalize none` on them, and ftfy.fix_encoding when ftfy is installed.

A string counts as repaired when the output equals the original exactly. The
strings themselves are checked too: a change to one of them is a damaged clean line.

    cargo build --release && python3 tools/real_text_roundtrip.py [--per-language 20]
        [--bin BIN] [--misses N] [--page windows-1250]...

Exit status: 0, or 2 when the download or the binary is missing.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_fixtures import ENC_NAMES, garble  # noqa: E402
from real_text_check import PACKAGES, fetch, unpack  # noqa: E402
from ftfy_sdist import cache_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

try:
    import ftfy  # type: ignore
except ImportError:  # pragma: no cover
    ftfy = None

ESCAPES = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t"}


def po_strings(path: Path) -> list[str]:
    """The msgstr texts of a gettext catalogue (continuation lines joined)."""
    out, current = [], None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("msgstr"):
            if current is not None:
                out.append(current)
            m = re.match(r'msgstr(\[\d+\])? "(.*)"$', line)
            current = m.group(2) if m else None
        elif line.startswith('"') and current is not None:
            current += line[1:-1]
        else:
            if current is not None:
                out.append(current)
            current = None
    if current is not None:
        out.append(current)
    return [re.sub(r'\\.', lambda m: ESCAPES.get(m.group(0), m.group(0)), s) for s in out]


def sample(tree: Path, per_language: int) -> dict[str, list[str]]:
    by_language: dict[str, set[str]] = defaultdict(set)
    for po in sorted(tree.rglob("locale/*/LC_MESSAGES/*.po")):
        language = po.parts[po.parts.index("locale") + 1]
        for s in po_strings(po):
            if (10 <= len(s) <= 200 and "\n" not in s and "\r" not in s
                    and any(not c.isascii() and c.isalpha() for c in s)
                    and unicodedata.is_normalized("NFC", s)):
                by_language[language].add(s)
    picked = {}
    for language, strings in sorted(by_language.items()):
        ordered = sorted(strings)
        step = max(1, len(ordered) // per_language)
        picked[language] = ordered[::step][:per_language]
    return picked


def run_mojifix(binary: str, lines: list[str]) -> list[str]:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        name = f.name
    p = subprocess.run([binary, "--normalize", "none", name], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    Path(name).unlink()
    if p.returncode != 0:
        sys.exit(f"mojifix failed: {p.stderr.decode(errors='replace')}")
    out = p.stdout.decode("utf-8").split("\n")
    return out[: len(lines)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "mojifix"))
    ap.add_argument("--per-language", type=int, default=20)
    ap.add_argument("--misses", type=int, default=5, help="misses to list per page")
    ap.add_argument("--page", action="append", help="only these pages (repeatable)")
    args = ap.parse_args()
    if not Path(args.bin).exists():
        print(f"no binary at {args.bin}: run cargo build --release", file=sys.stderr)
        return 2
    requirement = next(r for n, r, _ in PACKAGES if n == "django")
    base = cache_dir() / "real-text"
    base.mkdir(parents=True, exist_ok=True)
    archive = fetch(requirement, base)
    if archive is None:
        return 2
    tree = unpack(archive, base / requirement.replace("==", "-"))
    picked = sample(tree, args.per_language)
    originals = [(language, s) for language, strings in picked.items() for s in strings]
    print(f"{len(originals)} strings in {len(picked)} languages from {requirement}")

    clean_out = run_mojifix(args.bin, [s for _, s in originals])
    damaged = [(lang, s, o) for (lang, s), o in zip(originals, clean_out) if o != s]
    print(f"clean strings changed: {len(damaged)} of {len(originals)}")
    for lang, s, o in damaged[: args.misses]:
        print(f"  [{lang}] {s!r} -> {o!r}")

    pages = args.page or ENC_NAMES
    print(f"\n{'page':14} {'cases':>6} {'mojifix':>8} {'%':>7} {'ftfy':>6} {'%':>7}")
    totals = [0, 0, 0]
    listed = []
    for page in pages:
        cases = [(lang, s, g) for lang, s in originals
                 if (g := garble(s, page)) is not None and g != s]
        out = run_mojifix(args.bin, [g for _, _, g in cases])
        ok = sum(o == s for (_, s, _), o in zip(cases, out))
        ftfy_ok = sum(ftfy.fix_encoding(g) == s for _, s, g in cases) if ftfy else 0
        totals[0] += len(cases)
        totals[1] += ok
        totals[2] += ftfy_ok
        ftfy_cols = f"{ftfy_ok:6} {100 * ftfy_ok / max(1, len(cases)):6.2f}%" if ftfy else "     -       -"
        print(f"{page:14} {len(cases):6} {ok:8} {100 * ok / max(1, len(cases)):6.2f}% {ftfy_cols}")
        misses = [(lang, s, g, o) for (lang, s, g), o in zip(cases, out) if o != s]
        listed.extend((page, *m) for m in misses[: args.misses])
    n, ok, fo = totals
    ftfy_cols = f"{fo:6} {100 * fo / max(1, n):6.2f}%" if ftfy else "     -       -"
    print(f"{'all':14} {n:6} {ok:8} {100 * ok / max(1, n):6.2f}% {ftfy_cols}")
    if listed:
        print("\nmisses (up to --misses per page):")
        for page, lang, s, g, o in listed:
            print(f"  {page} [{lang}]\n    expected {s!r}\n    got      {o!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
