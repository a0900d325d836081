#!/usr/bin/env python3
"""Compare mojifix with ftfy 6.3.1 on three test sets.

(a) ftfy's own published cases (tests/test_cases.json from the ftfy 6.3.1
    sdist, fetched with pip into a cache directory outside the repository);
(b) the synthetic set fixtures/synthetic/cases.jsonl (per encoding, per kind);
(c) clean negatives: lines of seeds/clean/*.txt that each tool changes;
(d) the demo documents seeds/samples/* against fixtures/samples/* (mojifix only).

ftfy is optional: without it only mojifix's columns are printed.
Exit status: 0, or 2 if the mojifix binary is missing.

    python3 tools/compare_ftfy.py [--bin target/release/mojifix] [--show-failures N]
    python3 tools/compare_ftfy.py --only b --misses [--page P]... [--kind K]...

--misses lists every synthetic case mojifix gets wrong, grouped by page (a case
counts under each page it involves) and kind, with expected and got, and the
words that differ; --page and --kind keep only those groups.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from ftfy_sdist import FTFY_VERSION, load_test_cases

REPO = Path(__file__).resolve().parent.parent

try:
    import ftfy  # type: ignore

    HAVE_FTFY = True
except ImportError:  # pragma: no cover
    ftfy = None
    HAVE_FTFY = False


# --------------------------------------------------------------------------- helpers

def show(s: str, limit: int = 160) -> str:
    r = repr(s)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def pct(ok: int, n: int) -> str:
    return f"{ok:5d}/{n:<5d} {100.0 * ok / n:6.2f}%" if n else "    -/0         -"


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))


def run_bin(binary: str, text: str, normalize: str) -> tuple[str, int, str]:
    p = subprocess.run([binary, "--normalize", normalize], input=text.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.stdout.decode("utf-8", errors="surrogateescape"), p.returncode, \
        p.stderr.decode("utf-8", errors="replace")


def split_lines(text: str) -> list[str]:
    """Split on LF only (str.splitlines would also split on U+0085, U+2028, ...)."""
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return parts


# --------------------------------------------------------------------------- (a)

def part_a(binary: str, normalize: str) -> None:
    print("=" * 78)
    print(f"(a) ftfy {FTFY_VERSION} published test cases (expected = fixed-encoding if present else fixed)")
    cases = load_test_cases()
    if cases is None:
        print("    skipped")
        return
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong = []
    for c in cases:
        exp = c.get("fixed-encoding", c["fixed"])
        group = c.get("expect", "pass")
        got, rc, err = run_bin(binary, c["original"], normalize)
        ok = rc == 0 and got == exp
        counts[("mojifix", group)][0] += ok
        counts[("mojifix", group)][1] += 1
        if not ok:
            wrong.append((c, exp, got if rc == 0 else f"<exit {rc}: {err.strip()[:200]}>"))
        if HAVE_FTFY:
            counts[("ftfy", group)][0] += ftfy.fix_encoding(c["original"]) == exp
            counts[("ftfy", group)][1] += 1
    tools = ["mojifix"] + (["ftfy.fix_encoding"] if HAVE_FTFY else [])
    rows = []
    for group in ("pass", "fail"):
        row = [f"expect={group}"]
        for t in tools:
            key = "ftfy" if t.startswith("ftfy") else "mojifix"
            row.append(pct(*counts[(key, group)]))
        rows.append(row)
    tot = ["all"] + [pct(sum(counts[("ftfy" if t.startswith("ftfy") else "mojifix", g)][0] for g in ("pass", "fail")),
                         sum(counts[("ftfy" if t.startswith("ftfy") else "mojifix", g)][1] for g in ("pass", "fail")))
                     for t in tools]
    rows.append(tot)
    table("exact matches", ["cases"] + tools, rows)
    print(f"\nmojifix wrong on {len(wrong)} ftfy cases (all listed):")
    for c, exp, got in wrong:
        print(f"  - [{c.get('expect', 'pass')}] {c['label']}")
        print(f"      original: {show(c['original'], 300)}")
        print(f"      expected: {show(exp, 300)}")
        print(f"      got:      {show(got, 300)}")


# --------------------------------------------------------------------------- (b)

def differing_words(expected: str, got: str) -> str:
    """The words that differ between expected and got, as `exp -> got` pairs.

    Aligned word by word when both have as many words; otherwise the whole
    middle between the common prefix and suffix of words is shown."""
    ew, gw = expected.split(" "), got.split(" ")
    if len(ew) == len(gw):
        pairs = [(a, b) for a, b in zip(ew, gw) if a != b]
    else:
        lo = 0
        while lo < min(len(ew), len(gw)) and ew[lo] == gw[lo]:
            lo += 1
        hi = 0
        while hi < min(len(ew), len(gw)) - lo and ew[-1 - hi] == gw[-1 - hi]:
            hi += 1
        pairs = [(" ".join(ew[lo:len(ew) - hi]), " ".join(gw[lo:len(gw) - hi]))]
    return "; ".join(f"{a!r} -> {b!r}" for a, b in pairs)


def list_misses(fails: list[tuple[dict, str]], pages: list[str] | None, kinds: list[str] | None) -> None:
    """Every miss grouped by (page, kind); a case of two pages is listed under both."""
    groups: dict[tuple[str, str], list[tuple[dict, str]]] = defaultdict(list)
    for c, g in fails:
        for e in sorted(set(re.split(r"[+,]", c["encoding"]))):
            if (pages is None or e in pages) and (kinds is None or c["kind"] in kinds):
                groups[(e, c["kind"])].append((c, g))
    shown = sum(len(v) for v in groups.values())
    print(f"\nmisses by page and kind ({shown} listings of {len(fails)} misses; "
          "a two-page case is listed under each page):")
    for (e, k) in sorted(groups):
        print(f"\n[{e} / {k}] {len(groups[(e, k)])}")
        for c, g in groups[(e, k)]:
            print(f"  - {c['id']} [{c['encoding']}, {c['lang']}]")
            print(f"      input:    {show(c['input'], 300)}")
            print(f"      expected: {show(c['expected'], 300)}")
            print(f"      got:      {show(g, 300)}")
            print(f"      words:    {differing_words(c['expected'], g)}")


def part_b(binary: str, normalize: str, show_n: int, cases_path: Path,
           misses: bool = False, pages: list[str] | None = None,
           kinds: list[str] | None = None) -> None:
    print("\n" + "=" * 78)
    print(f"(b) synthetic set {cases_path.relative_to(REPO) if cases_path.is_relative_to(REPO) else cases_path}")
    if not cases_path.exists():
        print("    missing; run tools/gen_fixtures.py")
        return
    cases = [json.loads(l) for l in cases_path.read_text(encoding="utf-8").split("\n") if l]
    stdin = "".join(c["input"] + "\n" for c in cases)
    out, rc, err = run_bin(binary, stdin, normalize)
    got = split_lines(out)
    if rc != 0:
        print(f"    mojifix exited {rc}: {err.strip()[:500]}")
    if len(got) != len(cases):
        print(f"    WARNING: mojifix printed {len(got)} lines for {len(cases)} input lines; "
              "results below are unreliable")
        got += [""] * (len(cases) - len(got))
    fgot = [ftfy.fix_encoding(c["input"]) for c in cases] if HAVE_FTFY else None

    def bucket_keys(c: dict) -> list[str]:
        return sorted(set(re.split(r"[+,]", c["encoding"])))

    by_enc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # mojifix ok, ftfy ok, n
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    allc = [0, 0, 0]
    fails = []
    for i, c in enumerate(cases):
        m_ok = got[i] == c["expected"]
        f_ok = bool(fgot and fgot[i] == c["expected"])
        buckets = [by_kind[c["kind"]], by_lang[c["lang"]], allc] + [by_enc[e] for e in bucket_keys(c)]
        for b in buckets:
            b[0] += m_ok
            b[1] += f_ok
            b[2] += 1
        if not m_ok:
            fails.append((c, got[i]))

    header = ["", "mojifix"] + (["ftfy.fix_encoding"] if HAVE_FTFY else [])

    def row(name: str, b: list[int]) -> list[str]:
        r = [name, pct(b[0], b[2])]
        if HAVE_FTFY:
            r.append(pct(b[1], b[2]))
        return r

    table("overall (exact match)", header, [row("all", allc)])
    enc_order = [c["encoding"] for c in cases if "+" not in c["encoding"] and "," not in c["encoding"]]
    seen: list[str] = []
    for e in enc_order:
        if e not in seen:
            seen.append(e)
    table("per encoding (a case counts for every encoding it involves)", header,
          [row(e, by_enc[e]) for e in seen + sorted(set(by_enc) - set(seen))])
    table("per kind", header, [row(k, by_kind[k]) for k in ("full", "partial", "double", "nbsp", "mixed")
                               if k in by_kind])
    table("per language", header, [row(k, by_lang[k]) for k in sorted(by_lang)])
    if misses:
        list_misses(fails, pages, kinds)
        return
    print(f"\nmojifix wrong on {len(fails)} synthetic cases (listing up to {show_n}):")
    for c, g in fails[:show_n]:
        print(f"  - {c['id']} [{c['encoding']}, {c['lang']}]")
        print(f"      input:    {show(c['input'])}")
        print(f"      expected: {show(c['expected'])}")
        print(f"      got:      {show(g)}")


# --------------------------------------------------------------------------- (c)

def part_c(binary: str, normalize: str, show_n: int) -> None:
    print("\n" + "=" * 78)
    print("(c) clean negatives: seeds/clean/*.txt lines changed (should be 0)")
    rows = []
    tot = [0, 0, 0]
    changed = []
    for path in sorted((REPO / "seeds" / "clean").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        lines = split_lines(text)
        out, rc, err = run_bin(binary, text, normalize)
        if rc != 0:
            print(f"    mojifix exited {rc} on {path.name}: {err.strip()[:300]}")
        outl = split_lines(out)
        if len(outl) != len(lines):
            print(f"    WARNING: {path.name}: {len(outl)} output lines for {len(lines)} input lines")
        outl += [None] * (len(lines) - len(outl))
        m = 0
        for a, b in zip(lines, outl):
            if a != b:
                m += 1
                changed.append(("mojifix", path.name, a, b))
        f = 0
        if HAVE_FTFY:
            for a in lines:
                fb = ftfy.fix_encoding(a)
                if fb != a:
                    f += 1
                    changed.append(("ftfy", path.name, a, fb))
        tot[0] += m
        tot[1] += f
        tot[2] += len(lines)
        r = [path.name, str(len(lines)), str(m)] + ([str(f)] if HAVE_FTFY else [])
        rows.append(r)
    rows.append(["total", str(tot[2]), str(tot[0])] + ([str(tot[1])] if HAVE_FTFY else []))
    table("lines changed", ["file", "lines", "mojifix"] + (["ftfy.fix_encoding"] if HAVE_FTFY else []), rows)
    if changed:
        print(f"\nchanged clean lines (listing up to {show_n}):")
        for tool, name, a, b in changed[:show_n]:
            print(f"  - {tool} {name}")
            print(f"      clean: {show(a)}")
            print(f"      got:   {show(b)}")


# --------------------------------------------------------------------------- (d)

def part_d(binary: str) -> None:
    print("\n" + "=" * 78)
    print("(d) sample documents: mojifix seeds/samples/<name> vs fixtures/samples/<name> (default NFC)")
    rows = []
    diffs = []
    for exp_path in sorted((REPO / "fixtures" / "samples").iterdir()):
        if exp_path.name.startswith(".") or not exp_path.is_file():
            continue
        src = REPO / "seeds" / "samples" / exp_path.name
        if not src.exists():
            continue
        p = subprocess.run([binary, str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        got = p.stdout.decode("utf-8", errors="surrogateescape")
        exp = exp_path.read_bytes().decode("utf-8")
        gl, el = got.split("\n"), exp.split("\n")
        bad = sum(1 for a, b in zip(gl, el) if a != b) + abs(len(gl) - len(el))
        rows.append([exp_path.name, str(len(el) - 1), "identical" if got == exp else f"{bad} lines differ",
                     str(p.returncode)])
        for i, (a, b) in enumerate(zip(gl, el)):
            if a != b:
                diffs.append((exp_path.name, i + 1, a, b))
    table("samples", ["file", "lines", "result", "exit"], rows)
    for name, ln, a, b in diffs:
        print(f"  - {name}:{ln}")
        print(f"      expected: {show(b)}")
        print(f"      got:      {show(a)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare mojifix with ftfy.fix_encoding.")
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "mojifix"),
                    help="mojifix binary (default: target/release/mojifix)")
    ap.add_argument("--show-failures", type=int, default=20, metavar="N",
                    help="list at most N failures in (b) and (c) (default 20); (a) always lists all")
    ap.add_argument("--normalize", default="none", choices=["nfc", "nfkc", "none"],
                    help="--normalize passed to mojifix (default none, like ftfy.fix_encoding)")
    ap.add_argument("--cases", type=Path, default=REPO / "fixtures" / "synthetic" / "cases.jsonl")
    ap.add_argument("--misses", action="store_true",
                    help="in (b), list every miss grouped by page and kind, with the words that differ")
    ap.add_argument("--page", action="append", metavar="P",
                    help="with --misses, only this page (repeatable; e.g. koi8-u, ibm437)")
    ap.add_argument("--kind", action="append", choices=["full", "partial", "double", "nbsp", "mixed"],
                    help="with --misses, only this kind (repeatable)")
    ap.add_argument("--only", choices=["a", "b", "c", "d"], action="append",
                    help="run only these sections (repeatable)")
    args = ap.parse_args(argv)
    binary = args.bin
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"mojifix binary not found: {binary} (build with `cargo build --release`)", file=sys.stderr)
        return 2
    if HAVE_FTFY:
        print(f"ftfy {getattr(ftfy, '__version__', '?')} found")
        if getattr(ftfy, "__version__", FTFY_VERSION) != FTFY_VERSION:
            print(f"  note: the reference results were made with ftfy {FTFY_VERSION}")
    else:
        print("ftfy not importable: showing mojifix only (pip install ftfy==6.3.1 to compare)")
    sections = args.only or ["a", "b", "c", "d"]
    if "a" in sections:
        part_a(binary, args.normalize)
    if "b" in sections:
        part_b(binary, args.normalize, args.show_failures, args.cases,
               args.misses, args.page, args.kind)
    if "c" in sections:
        part_c(binary, args.normalize, args.show_failures)
    if "d" in sections:
        part_d(binary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
