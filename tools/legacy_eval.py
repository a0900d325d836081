#!/usr/bin/env python3
"""Repair and false-positive rates of the `legacy-encoding` fix.

For every pair the fix handles (text in one legacy encoding shown as another),
generates at least 1,000 lines from the clean sentences of seeds/clean (whole
sentences, and new lines made of two or three sentences or of sentence halves,
deterministically shuffled), garbles each the way the pair does (encode in the
source encoding, decode as the shown encoding; lines the garbling loses bytes of
are left out, as no repair can be exact for them), and runs the binary with
`--fix legacy-encoding` on top of the safe preset:

- repair rate: garbled lines whose output equals the original exactly;
- false positives: clean lines changed. The clean sets are every line of
  seeds/clean (all 35 languages plus symbols), the generated originals of every
  pair, and the clean side (`expected`) of fixtures/synthetic/cases.jsonl;
- no harm to ordinary mojibake: fixtures/synthetic/cases.jsonl exact-repair count
  with and without the fix.

Traditional Chinese for Big5 comes from the simplified sentences converted with
`hanziconv` (pip-installed when missing; without it Big5 is skipped).

    python3 tools/legacy_eval.py [--bin target/release/mojifix] [--lines 1000]

Exit status 0, or 1 when a clean line changes (the bar is zero).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (source, shown as, Python codec for source, Python codec for shown, languages)
PAIRS = [
    ("windows-1251", "windows-1252", "cp1251", "cp1252", ["ru", "uk", "bg", "sr"]),
    ("KOI8-R", "windows-1251", "koi8_r", "cp1251", ["ru", "bg"]),
    ("KOI8-U", "windows-1251", "koi8_u", "cp1251", ["uk"]),
    ("Shift_JIS", "windows-1252", "cp932", "cp1252", ["ja"]),
    ("GBK", "windows-1252", "gbk", "cp1252", ["zh"]),
    ("Big5", "windows-1252", "big5", "cp1252", ["zh-Hant"]),
    ("EUC-KR", "windows-1252", "euc_kr", "cp1252", ["ko"]),
    ("UTF-8", "GBK", "utf-8", "gbk", ["ru", "ja", "zh", "el", "fr", "de", "pl"]),
    ("UTF-8", "Shift_JIS", "utf-8", "cp932", ["fr", "de", "es", "pt", "it", "ru", "el"]),
]


def decode_shown(data: bytes, codec: str) -> str | None:
    """Decode as encoding_rs does: windows-125x bytes it leaves undefined become
    the C1 control with the same number; anything else undecodable is a loss."""
    if codec.startswith("cp125"):
        out = []
        for b in data:
            try:
                out.append(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                if 0x80 <= b <= 0x9F:
                    out.append(chr(b))
                else:
                    return None
        return "".join(out)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def sentences(lang: str) -> list[str]:
    if lang == "zh-Hant":
        try:
            from hanziconv import HanziConv  # type: ignore
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "hanziconv==0.3.2"])
            try:
                from hanziconv import HanziConv  # type: ignore
            except ImportError:
                return []
        return [HanziConv.toTraditional(s) for s in sentences("zh")]
    path = REPO / "seeds" / "clean" / f"{lang}.txt"
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def generate(langs: list[str], count: int, rng: random.Random) -> list[str]:
    pool = [s for lang in langs for s in sentences(lang)]
    if not pool:
        return []
    halves = []
    for s in pool:
        words = s.split(" ")
        if len(words) >= 4:
            halves += [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])]
        else:
            mid = len(s) // 2
            halves += [s[:mid], s[mid:]]
    lines = list(pool)
    seen = set(lines)
    attempts = 0
    while len(lines) < count * 3 and attempts < count * 50:
        attempts += 1
        kind = rng.random()
        if kind < 0.4:
            parts = rng.sample(pool, min(len(pool), rng.choice([2, 3])))
        elif kind < 0.8:
            parts = rng.sample(halves, min(len(halves), rng.choice([2, 3])))
        else:
            parts = [rng.choice(halves)]
        line = " ".join(p.strip() for p in parts)
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


def run(binary: str, lines: list[str], extra: list[str]) -> list[str]:
    text = "\n".join(lines) + "\n"
    p = subprocess.run([binary, *extra], input=text.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    out = p.stdout.decode("utf-8").split("\n")
    assert out[-1] == "" and len(out) == len(lines) + 1, "line count changed"
    return out[:-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "mojifix"))
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    fix = ["--fix", "legacy-encoding"]
    rng = random.Random(20261126)

    print(f"{'pair':34s} {'lines':>6s} {'repaired':>9s} {'rate':>7s} {'clean changed':>14s}")
    clean_lines: list[str] = []
    failures = []
    total_fp = 0
    for source, shown, src_codec, shown_codec, langs in PAIRS:
        originals, garbled = [], []
        for line in generate(langs, args.lines, rng):
            try:
                data = line.encode(src_codec)
            except UnicodeEncodeError:
                continue
            shown_text = decode_shown(data, shown_codec)
            if shown_text is None or shown_text == line or "\n" in shown_text or "\r" in shown_text:
                continue
            originals.append(line)
            garbled.append(shown_text)
            if len(originals) == args.lines:
                break
        name = f"{source} shown as {shown}"
        if not originals:
            print(f"{name:34s} {'-':>6s}  (no lines: corpus missing)")
            continue
        out = run(args.bin, garbled, fix)
        ok = sum(o == want for o, want in zip(out, originals))
        clean_out = run(args.bin, originals, fix)
        clean_changed = sum(o != c for o, c in zip(clean_out, originals))
        clean_lines += originals
        total_fp += clean_changed
        print(f"{name:34s} {len(originals):6d} {ok:9d} {100.0 * ok / len(originals):6.1f}% "
              f"{clean_changed:14d}")
        failures += [(name, g, o, w) for g, o, w in zip(garbled, out, originals) if o != w]

    # Clean text: every seed line, and the clean side of the synthetic set.
    seeds = []
    for path in sorted((REPO / "seeds" / "clean").glob("*.txt")):
        seeds += [l for l in path.read_text(encoding="utf-8").split("\n") if l]
    synthetic = [json.loads(l) for l in
                 (REPO / "fixtures" / "synthetic" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [c["expected"] for c in synthetic if "\n" not in c["expected"] and "\r" not in c["expected"]]
    print()
    for label, lines in (("seeds/clean, every line", seeds),
                         ("synthetic cases, expected side", expected)):
        base = run(args.bin, lines, [])
        with_fix = run(args.bin, lines, fix)
        changed = sum(a != b for a, b in zip(base, with_fix))
        total_fp += changed
        print(f"clean: {label:34s} {len(lines):6d} lines, changed by the fix: {changed}")
        for a, b, l in zip(base, with_fix, lines):
            if a != b and args.show:
                print(f"    {l!r} -> {b!r}")

    inputs = [c["input"] for c in synthetic if "\n" not in c["input"] and "\r" not in c["input"]]
    wanted = [c["expected"] for c in synthetic if "\n" not in c["input"] and "\r" not in c["input"]]
    base = run(args.bin, inputs, [])
    with_fix = run(args.bin, inputs, fix)
    print(f"\nUTF-8 mojibake (synthetic set): exact without the fix "
          f"{sum(a == w for a, w in zip(base, wanted))}, with it "
          f"{sum(a == w for a, w in zip(with_fix, wanted))}, of {len(wanted)}")

    if args.show and failures:
        print("\nsome lines not repaired exactly:")
        shown_per_pair: dict[str, int] = {}
        for name, g, o, w in failures:
            if shown_per_pair.get(name, 0) >= args.show:
                continue
            shown_per_pair[name] = shown_per_pair.get(name, 0) + 1
            print(f"  {name}: {g[:60]!r}\n      got  {o[:60]!r}\n      want {w[:60]!r}")
    if total_fp:
        print(f"\nFAIL: {total_fp} clean lines changed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
