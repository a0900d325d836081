#!/usr/bin/env python3
"""Conformance of `mojifix --preset ftfy` with ftfy 6.3.1's `fix_text`.

1. ftfy's published test cases (tests/test_cases.json from the ftfy 6.3.1 sdist,
   fetched with pip into a cache directory outside the repository, never
   committed): every `pass` case goes through the mojifix binary with
   `--preset ftfy`, and its output is compared exactly with the case's `fixed`.
2. The project's multilingual corpora (seeds/clean, seeds/samples,
   fixtures/synthetic/cases.jsonl): the preset's output is compared with
   `ftfy.fix_text` on the same text, and every difference is listed and sorted
   into the kinds README.md documents (mojifix repairs what ftfy leaves garbled,
   ftfy repairs what mojifix leaves, both differ from the expected text, ...).

ftfy 6.3.1 is pip-installed when missing. The binary is built with
`cargo build --release` when missing.

    python3 tools/ftfy_preset_check.py [--bin PATH] [--min-pass N] [--cases-only]
                                       [--show N]

Exit status: 0; 1 when fewer than --min-pass pass cases match exactly (the CI
gate); 2 when ftfy, its test cases or the binary cannot be had.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ftfy_sdist import FTFY_VERSION, load_test_cases

REPO = Path(__file__).resolve().parent.parent

# Characters that make a line not stand alone: the line-breaks fix turns them
# into new lines, and `<` switches HTML references off for the rest of a document
# (in both tools). Texts holding one are run on their own, not batched.
NOT_BATCHABLE = ("\r", "\u2028", "\u2029", "\x85", "<", "&#", "\n")


def ensure_ftfy():
    try:
        ftfy = importlib.import_module("ftfy")
        if getattr(ftfy, "__version__", "") == FTFY_VERSION:
            return ftfy
    except ImportError:
        pass
    print(f"installing ftfy=={FTFY_VERSION} with pip ...", file=sys.stderr)
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                        f"ftfy=={FTFY_VERSION}"])
    if p.returncode != 0:
        return None
    importlib.invalidate_caches()
    for name in [m for m in sys.modules if m == "ftfy" or m.startswith("ftfy.")]:
        del sys.modules[name]
    return importlib.import_module("ftfy")


def ensure_binary(path: str | None) -> Path | None:
    binary = Path(path) if path else REPO / "target" / "release" / "mojifix"
    if not binary.exists() and path is None:
        print("building target/release/mojifix ...", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO)
    return binary if binary.exists() else None


def run_mojifix(binary: Path, text: str) -> str:
    p = subprocess.run([str(binary), "--preset", "ftfy"], input=text.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        return f"<exit {p.returncode}: {p.stderr.decode(errors='replace').strip()[:200]}>"
    return p.stdout.decode("utf-8", errors="surrogateescape")


def show(s: str, limit: int = 150) -> str:
    r = repr(s)
    return r if len(r) <= limit else r[: limit - 3] + "..."


# ------------------------------------------------------------------ part 1: test cases

def check_test_cases(binary: Path, cases: list[dict], show_n: int) -> int:
    passing = [c for c in cases if c["expect"] == "pass"]
    wrong = []
    for c in passing:
        got = run_mojifix(binary, c["original"])
        if got != c["fixed"]:
            wrong.append((c, got))
    ok = len(passing) - len(wrong)
    print(f"ftfy {FTFY_VERSION} test_cases.json, `pass` cases, mojifix --preset ftfy "
          f"== fixed: {ok}/{len(passing)}")
    for c, got in wrong[:show_n]:
        print(f"  - {c['label']}")
        print(f"      original {show(c['original'])}")
        print(f"      fixed    {show(c['fixed'])}")
        print(f"      mojifix  {show(got)}")
    return ok


# ------------------------------------------------------------------ part 2: corpora

def corpus_items() -> list[tuple[str, str, str | None]]:
    """(id, text, expected or None) for every text of the corpora."""
    items: list[tuple[str, str, str | None]] = []
    for path in sorted((REPO / "seeds" / "clean").glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line:
                items.append((f"clean/{path.name}:{n}", line, line))
    for path in sorted((REPO / "seeds" / "samples").iterdir()):
        if path.is_file() and not path.name.startswith("."):
            expected = REPO / "fixtures" / "samples" / path.name
            exp = expected.read_text(encoding="utf-8") if expected.exists() else None
            items.append((f"samples/{path.name}", path.read_text(encoding="utf-8"), exp))
    cases = REPO / "fixtures" / "synthetic" / "cases.jsonl"
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines():
            c = json.loads(line)
            items.append((f"synthetic/{c['id']}", c["input"], c["expected"]))
    return items


def run_mojifix_many(binary: Path, texts: list[str]) -> list[str]:
    """mojifix on each text. Single-line texts go through in batches joined by LF
    (both tools work line by line, so this changes nothing), the others one by one."""
    out: list[str | None] = [None] * len(texts)
    batch = [i for i, t in enumerate(texts) if not any(ch in t for ch in NOT_BATCHABLE)]
    for start in range(0, len(batch), 2000):
        idx = batch[start:start + 2000]
        lines = run_mojifix(binary, "\n".join(texts[i] for i in idx) + "\n").split("\n")
        if len(lines) == len(idx) + 1:
            for i, line in zip(idx, lines):
                out[i] = line
    for i, t in enumerate(texts):
        if out[i] is None:
            out[i] = run_mojifix(binary, t)
    return [o if o is not None else "" for o in out]


def kind_of(text: str, expected: str | None, ours: str, theirs: str, ftfy) -> str:
    """Which documented kind a difference between the two outputs is."""
    if expected is not None and expected == text:
        if ours == text:
            return "clean text: ftfy changes it, mojifix leaves it"
        return "clean text: mojifix changes it differently from ftfy"
    if expected is not None:
        # The corpora's expected texts are not cosmetically fixed; compare after
        # putting them through the same cosmetic fixes with re-decoding off.
        exp = ftfy.fix_text(expected, fix_encoding=False)
        if ours == exp and theirs != exp:
            return "mojibake: mojifix repairs it, ftfy does not"
        if theirs == exp and ours != exp:
            return "mojibake: ftfy repairs it, mojifix does not"
        return "mojibake: both differ from the expected text"
    return "no expected text"


def check_corpora(binary: Path, ftfy, show_n: int) -> None:
    items = corpus_items()
    ours = run_mojifix_many(binary, [t for _, t, _ in items])
    kinds: dict[str, list] = defaultdict(list)
    per_set: Counter = Counter()
    same: Counter = Counter()
    for (ident, text, expected), mine in zip(items, ours):
        group = ident.split("/")[0]
        per_set[group] += 1
        theirs = ftfy.fix_text(text)
        if mine == theirs:
            same[group] += 1
            continue
        kinds[kind_of(text, expected, mine, theirs, ftfy)].append((ident, text, mine, theirs))
    print()
    print("corpora, mojifix --preset ftfy == ftfy.fix_text:")
    for group in ("clean", "samples", "synthetic"):
        if per_set[group]:
            print(f"  {group:10s} {same[group]:5d}/{per_set[group]:<5d} identical")
    print()
    print("differences by kind (README.md, section \"The ftfy preset against ftfy's "
          "fix_text\", documents each):")
    for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(rows):5d}  {kind}")
    for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        if show_n <= 0:
            break
        print(f"\n  {kind}:")
        for ident, text, mine, theirs in rows[:show_n]:
            print(f"    {ident}")
            print(f"      input    {show(text)}")
            print(f"      mojifix  {show(mine)}")
            print(f"      ftfy     {show(theirs)}")


# ------------------------------------------------------------------ part 3: entities

def check_entities(binary: Path, ftfy, show_n: int) -> None:
    """Every HTML named reference, in its own case, in all caps and escaped twice,
    and numeric references 0..=300 plus edge values, against ftfy.fix_text."""
    import html.entities as H
    names = sorted(k for k in H.html5 if k.endswith(";")
                   and "\n" not in H.html5[k] and "\r" not in H.html5[k])
    lines = []
    for k in names:
        lines += [f"x &{k} y", f"x &{k.upper()} y", f"x &amp;{k} y"]
    for n in list(range(0, 301)) + [0xD800, 0xFDD0, 0xFFFE, 0x10FFFF, 0x110000, 0x1F600]:
        if n not in (10, 13):
            lines += [f"x &#{n}; y", f"x &#x{n:X}; y"]
    out = run_mojifix(binary, "\n".join(lines) + "\n").split("\n")[:-1]
    bad = [(l, o, ftfy.fix_text(l)) for l, o in zip(lines, out) if o != ftfy.fix_text(l)]
    print()
    print(f"HTML references, mojifix --preset ftfy == ftfy.fix_text: "
          f"{len(lines) - len(bad)}/{len(lines)}")
    for line, mine, theirs in bad[:show_n]:
        print(f"    {line!r}: mojifix {mine!r}, ftfy {theirs!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="mojifix binary (default: target/release/mojifix, built if missing)")
    ap.add_argument("--min-pass", type=int, default=0,
                    help="exit 1 when fewer pass cases than this match exactly")
    ap.add_argument("--cases-only", action="store_true", help="skip the corpora")
    ap.add_argument("--show", type=int, default=5, help="examples shown per kind")
    args = ap.parse_args()

    ftfy = ensure_ftfy()
    if ftfy is None:
        print(f"ftfy {FTFY_VERSION} is not installed and pip could not install it", file=sys.stderr)
        return 2
    cases = load_test_cases()
    if cases is None:
        return 2
    binary = ensure_binary(args.bin)
    if binary is None:
        print("no mojifix binary (cargo build --release failed?)", file=sys.stderr)
        return 2
    ok = check_test_cases(binary, cases, args.show if args.show > 0 else 0)
    if not args.cases_only:
        check_corpora(binary, ftfy, args.show)
        check_entities(binary, ftfy, args.show)
    if ok < args.min_pass:
        print(f"\nFAIL: {ok} pass cases match, fewer than the required {args.min_pass}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
