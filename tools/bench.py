#!/usr/bin/env python3
"""Throughput benchmark: mojifix against ftfy 6.3.1 on the same files.

Generates deterministic corpora from seeds/clean (fixed seeds, stdlib only) into
target/bench/ (target/bench/scale-S/ with --scale S), then times the release
binary on each (best of --runs, single thread, output written to a file) and,
when ftfy is importable, ftfy on the same
text in the same run (in-process, one run, start-up excluded, which flatters ftfy):

    clean-ascii   20 MB   English sentences, ASCII only
    clean-multi   20 MB   sentences in the 35 languages of seeds/clean plus symbols
    mojibake      10 MB   every line garbled: whole line, some words, two layers,
                          lost no-break spaces, two pages on one line (15 pages)
    real-multi    ~6 MB   the non-ASCII lines of the translation catalogues (.po) in
                          the packages tools/real_text_check.py fetched (Django,
                          Sphinx, wagtail... about 100 languages): clean text by
                          others, never repeated the way the generated corpora
                          repeat their seed sentences; skipped until that tool ran
    jsonl         10 MB   one JSON object per line, 30% of the "text" fields garbled,
                          some written with \\u escapes; timed with
                          `mojifix --jsonl --field text -j 1`, and again with
                          `-j 2`, when the binary has --jsonl

It prints MB/s (1 MB = 10^6 bytes) for both tools and their ratio, the share of
mojibake lines mojifix repaired exactly, peak memory, and start-up time. Beside
mojifix's figure it prints what `cat` reaches on the same file and output (reading
and writing, nothing else: the ceiling for the binary on this machine). A second
table times -j 1 against -j 2 on the clean multilingual corpus fed as one stream
on standard input (repaired in parallel chunks of lines) and cut into 200 files
(`--check` on the directory). MB/CPU-s divides by the CPU time (user + system)
the run used: on a machine other jobs keep busy, it is what the single-threaded
run reaches on a core of its own.

    cargo build --release && python3 tools/bench.py [--runs 3] [--scale 1.0] [--no-ftfy] [--lib]

With --lib, fix_text is also timed in-process (examples/throughput.rs, file reading
excluded), which separates the engine from the binary's reading and writing.

Exit status 0, or 2 when the binary is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
CORPUS_VERSION = "bench-v1"

try:
    import ftfy  # type: ignore
except ImportError:  # pragma: no cover
    ftfy = None


def load_gen_fixtures():
    """The synthetic-set generator: its sloppy code page tables and garbling helpers."""
    spec = importlib.util.spec_from_file_location("gen_fixtures", REPO / "tools" / "gen_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- corpora

ASCII_FOLD = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
              "\u2026": "...", "\u00a0": " "}


def seed_lines() -> dict[str, list[str]]:
    out = {}
    for path in sorted((REPO / "seeds" / "clean").glob("*.txt")):
        lines = [unicodedata.normalize("NFC", l) for l in path.read_text("utf-8").split("\n") if l.strip()]
        out[path.stem] = lines
    return out


def fill(target: int, next_line) -> str:
    parts, size = [], 0
    while size < target:
        line = next_line()
        parts.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(parts) + "\n"


def clean_ascii(seeds, target: int) -> str:
    rng = random.Random(f"{CORPUS_VERSION}/ascii")
    words = []
    for line in seeds["en"]:
        folded = "".join(ASCII_FOLD.get(c, c) for c in line)
        words.extend(w for w in folded.split() if w.isascii())
    sentences = ["".join(ASCII_FOLD.get(c, c) for c in l) for l in seeds["en"]]
    sentences = [s for s in sentences if s.isascii()]

    def line():
        if rng.random() < 0.5:
            return rng.choice(sentences)
        n = rng.randint(6, 22)
        text = " ".join(rng.choice(words) for _ in range(n))
        return text[0].upper() + text[1:].rstrip(".,;:") + rng.choice([".", ".", ".", "?", "!"])

    return fill(target, line)


def clean_multi(seeds, target: int) -> str:
    rng = random.Random(f"{CORPUS_VERSION}/multi")
    langs = sorted(seeds)
    return fill(target, lambda: rng.choice(seeds[rng.choice(langs)]))


# Code pages weighted roughly by how often they garble real text.
PAGE_WEIGHTS = [("windows-1252", 30), ("iso-8859-1", 8), ("windows-1250", 8), ("windows-1251", 10),
                ("iso-8859-2", 3), ("iso-8859-15", 3), ("windows-1254", 3), ("windows-1253", 3),
                ("windows-1257", 3), ("macintosh", 6), ("koi8-r", 4), ("koi8-u", 2), ("ibm437", 4),
                ("ibm850", 3), ("ibm866", 3)]
KIND_WEIGHTS = [("full", 35), ("partial", 35), ("double", 12), ("nbsp", 8), ("mixed", 10)]


def weighted(rng: random.Random, table):
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def mojibake(seeds, target: int, gen) -> tuple[str, str]:
    """Garbled lines and, line for line, what they should be repaired to."""
    rng = random.Random(f"{CORPUS_VERSION}/mojibake")
    pool = [l for lang in sorted(seeds) if lang != "symbols" for l in seeds[lang] if not l.isascii()]
    garbled, expected, size = [], [], 0
    while size < target:
        line = rng.choice(pool)
        kind = weighted(rng, KIND_WEIGHTS)
        enc = weighted(rng, PAGE_WEIGHTS)
        case = gen.make_case(kind, enc, line, rng)
        if case is None or case[2] is None or case[2] == line or "\n" in case[2] or "\r" in case[2]:
            continue
        garbled.append(case[2])
        expected.append(line)
        size += len(case[2].encode("utf-8")) + 1
    return "\n".join(garbled) + "\n", "\n".join(expected) + "\n"


def jsonl(seeds, target: int, gen) -> str:
    rng = random.Random(f"{CORPUS_VERSION}/jsonl")
    langs = sorted(seeds)
    records, size, n = [], 0, 0
    while size < target:
        lang = rng.choice(langs)
        text = " ".join(rng.choice(seeds[lang]) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.3 and not text.isascii():
            garbled = gen.make_case("partial", weighted(rng, PAGE_WEIGHTS), text, rng)
            if garbled and garbled[2]:
                text = garbled[2]
        n += 1
        record = {"id": n, "lang": lang, "text": text,
                  "meta": {"source": "bench", "chars": len(text), "score": round(rng.random(), 4)}}
        line = json.dumps(record, ensure_ascii=rng.random() < 0.2)
        records.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(records) + "\n"


def corpora_dir(scale: float) -> Path:
    """target/bench/ for the full corpora, a folder of its own for any other scale,
    so that a smaller run (tools/bench_python.py uses 0.2) never replaces the full
    corpora that other checks read from target/bench/."""
    base = REPO / "target" / "bench"
    return base if scale == 1.0 else base / f"scale-{scale}"


def build_corpora(scale: float) -> dict[str, Path]:
    out_dir = corpora_dir(scale)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = out_dir / "VERSION"
    wanted = f"{CORPUS_VERSION} scale={scale}"
    names = ["clean-ascii.txt", "clean-multi.txt", "mojibake.txt", "mojibake.expected.txt", "corpus.jsonl"]
    paths = {name: out_dir / name for name in names}
    if stamp.exists() and stamp.read_text() == wanted and all(p.exists() for p in paths.values()):
        return paths
    print(f"generating corpora in {out_dir.relative_to(REPO)}/ ...", file=sys.stderr)
    seeds = seed_lines()
    gen = load_gen_fixtures()
    paths["clean-ascii.txt"].write_text(clean_ascii(seeds, int(20 * MB * scale)), "utf-8")
    paths["clean-multi.txt"].write_text(clean_multi(seeds, int(20 * MB * scale)), "utf-8")
    garbled, expected = mojibake(seeds, int(10 * MB * scale), gen)
    paths["mojibake.txt"].write_text(garbled, "utf-8")
    paths["mojibake.expected.txt"].write_text(expected, "utf-8")
    paths["corpus.jsonl"].write_text(jsonl(seeds, int(10 * MB * scale), gen), "utf-8")
    stamp.write_text(wanted)
    return paths


def real_multi(out_dir: Path) -> Path | None:
    """The real-multi corpus (see the module documentation), rebuilt when the fetched
    packages change; None when tools/real_text_check.py has not fetched them."""
    sys.path.insert(0, str(REPO / "tools"))
    from ftfy_sdist import cache_dir  # the cache real_text_check.py fills
    files = sorted(p for p in (cache_dir() / "real-text").glob("*/**/*.po") if p.is_file())
    if not files:
        return None
    path, stamp = out_dir / "real-multi.txt", out_dir / "real-multi.source"
    wanted = f"{len(files)} files, {sum(f.stat().st_size for f in files)} bytes"
    if path.exists() and stamp.exists() and stamp.read_text() == wanted:
        return path
    with path.open("w", encoding="utf-8") as out:
        for f in files:
            for line in f.read_text("utf-8", errors="replace").splitlines():
                # A catalogue that is not UTF-8 would bring U+FFFD, not text.
                if not line.isascii() and "\ufffd" not in line:
                    out.write(line + "\n")
    stamp.write_text(wanted)
    return path


# --------------------------------------------------------------------------- timing

# Runs one command from a small Python process: the peak RSS that wait4 reports for a
# child includes the memory of the process that forked it, and this script holds the
# corpora in memory, so it must not fork the binary itself.
MEASURE = """
import os, sys, time
out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) if sys.argv[1] else os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(out, 1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 2)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
      usage.ru_utime + usage.ru_stime)
"""


def run_binary(args: list[str], stdout_path: Path | None) -> tuple[float, int, int, float]:
    """Wall time in seconds, peak RSS in KiB (at least the few MiB of the small
    process that starts it), exit status and CPU seconds (user + system) of one run."""
    result = subprocess.run([sys.executable, "-S", "-c", MEASURE, str(stdout_path or ""), *args],
                            capture_output=True, text=True, check=True)
    elapsed, rss, code, cpu = result.stdout.split()
    return float(elapsed), int(rss), int(code), float(cpu)


def time_mojifix(binary: str, extra: list[str], path: Path, runs: int,
                 out: Path) -> tuple[float, int, float]:
    """Best wall time, peak RSS and least CPU time over `runs` runs. On a machine
    other jobs keep busy, MB per CPU-second is what a single-threaded run would
    reach on an idle core."""
    best, rss, cpu = float("inf"), 0, float("inf")
    for _ in range(runs):
        elapsed, peak, code, used = run_binary([binary, *extra, str(path)], out)
        if code != 0:
            raise SystemExit(f"bench: {binary} exited {code} on {path}")
        best, rss, cpu = min(best, elapsed), max(rss, peak), min(cpu, used)
    return best, rss, cpu


def time_command(args: list[str], runs: int, out: Path | None, stdin: Path | None = None) -> float:
    """Best wall time of `runs` runs of a command (stdin from a file if given)."""
    best = float("inf")
    for _ in range(runs):
        with open(stdin or os.devnull, "rb") as source, open(out or os.devnull, "wb") as sink:
            start = time.perf_counter()
            subprocess.run(args, stdin=source, stdout=sink, stderr=subprocess.DEVNULL, check=False)
            best = min(best, time.perf_counter() - start)
    return best


def split_into_files(path: Path, parts: int) -> Path:
    """The corpus cut at line ends into `parts` files of a fresh directory."""
    out_dir = path.parent / f"{path.stem}-files"
    stamp = out_dir / ".source"
    wanted = f"{path.stat().st_size} {parts}"
    if stamp.exists() and stamp.read_text() == wanted:
        return out_dir
    out_dir.mkdir(exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    lines = path.read_text("utf-8").splitlines(keepends=True)
    per = -(-len(lines) // parts)
    for i in range(parts):
        (out_dir / f"part{i:04}.txt").write_text("".join(lines[i * per:(i + 1) * per]), "utf-8")
    stamp.write_text(wanted)
    return out_dir


def parallel_rows(binary: str, paths: dict[str, Path], runs: int) -> list[list[str]]:
    """-j 1 against -j 2: one big input streamed in chunks of lines, and many files."""
    rows = []
    big = paths["clean-multi.txt"]
    size = big.stat().st_size / MB
    one = time_command([binary, "-j", "1", "-"], runs, None, stdin=big)
    two = time_command([binary, "-j", "2", "-"], runs, None, stdin=big)
    rows.append(["clean-multi, one stream (stdin)", f"{size:.1f}", f"{size / one:.1f}",
                 f"{size / two:.1f}", f"{one / two:.2f}x"])
    files = split_into_files(big, 200)
    one = time_command([binary, "--check", "-j", "1", str(files)], runs, None)
    two = time_command([binary, "--check", "-j", "2", str(files)], runs, None)
    rows.append(["clean-multi as 200 files, --check", f"{size:.1f}", f"{size / one:.1f}",
                 f"{size / two:.1f}", f"{one / two:.2f}x"])
    return rows


def time_ftfy(path: Path, is_jsonl: bool) -> float:
    text = path.read_text("utf-8")
    start = time.perf_counter()
    if is_jsonl:
        out = []
        # Not splitlines(): U+2028 and U+0085 may stand unescaped inside a string.
        for line in text.split("\n"):
            if not line:
                continue
            record = json.loads(line)
            record["text"] = ftfy.fix_text(record["text"])
            out.append(json.dumps(record, ensure_ascii=False))
    else:
        ftfy.fix_text(text)
    return time.perf_counter() - start


def library_speeds(paths: dict[str, Path], runs: int) -> dict[str, str]:
    """MB/s of fix_text in-process per text corpus, from examples/throughput.rs."""
    subprocess.run(["cargo", "build", "--release", "--example", "throughput"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    files = [str(paths[f]) for f in ("clean-ascii.txt", "clean-multi.txt", "mojibake.txt",
                                     "real-multi.txt") if f in paths]
    result = subprocess.run([str(REPO / "target" / "release" / "examples" / "throughput"), "--runs",
                             str(runs), *files], check=True, capture_output=True, text=True)
    speeds = {}
    for line in result.stdout.splitlines():
        path, _, _, speed, _ = line.split()
        speeds[Path(path).name] = speed
    return speeds


def startup_ms(args: list[str], stdin_text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, input=stdin_text.encode(), stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def exact_share(output: Path, expected: Path) -> tuple[int, int]:
    got = output.read_text("utf-8").split("\n")
    want = expected.read_text("utf-8").split("\n")
    return sum(g == w for g, w in zip(got, want) if w), sum(1 for w in want if w)


# --------------------------------------------------------------------------- main

def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths)) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "mojifix"))
    ap.add_argument("--runs", type=int, default=3, help="mojifix runs per corpus, best kept")
    ap.add_argument("--scale", type=float, default=1.0, help="corpus size factor (1.0 = 20/20/10/10 MB)")
    ap.add_argument("--no-ftfy", action="store_true", help="skip ftfy even when installed")
    ap.add_argument("--lib", action="store_true", help="also time fix_text in-process "
                    "(builds and runs examples/throughput.rs)")
    ap.add_argument("--only", action="append", help="corpus to run (repeatable): clean-ascii, "
                    "clean-multi, real-multi, mojibake, jsonl, 'jsonl -j 2', parallel")
    args = ap.parse_args(argv)
    if not Path(args.bin).is_file():
        print(f"bench: {args.bin} not found; run `cargo build --release` first", file=sys.stderr)
        return 2
    use_ftfy = ftfy is not None and not args.no_ftfy
    if ftfy is None and not args.no_ftfy:
        print("bench: ftfy not installed (pip install ftfy==6.3.1); mojifix only", file=sys.stderr)
    paths = build_corpora(args.scale)
    real = real_multi(corpora_dir(1.0))
    if real is None:
        print("bench: real-multi skipped (run tools/real_text_check.py once to fetch its packages)",
              file=sys.stderr)
    else:
        paths["real-multi.txt"] = real
    help_text = subprocess.run([args.bin, "--help"], capture_output=True, text=True).stdout
    has_jsonl = "--jsonl" in help_text
    out_dir = REPO / "target" / "bench" / "out"
    out_dir.mkdir(exist_ok=True)

    # Files over 2 MiB are repaired on every core by default: -j 1 keeps the main
    # table single-threaded, as its header says.
    corpora = [("clean-ascii", "clean-ascii.txt", ["-j", "1"]),
               ("clean-multi", "clean-multi.txt", ["-j", "1"]),
               ("real-multi", "real-multi.txt", ["-j", "1"]),
               ("mojibake", "mojibake.txt", ["-j", "1"]),
               ("jsonl", "corpus.jsonl", ["--jsonl", "--field", "text", "-j", "1"]),
               ("jsonl -j 2", "corpus.jsonl", ["--jsonl", "--field", "text", "-j", "2"])]
    lib_speed = library_speeds(paths, args.runs) if args.lib else {}
    rows = []
    for name, file, extra in corpora:
        if args.only and name not in args.only:
            continue
        if file not in paths:
            continue
        path = paths[file]
        size = path.stat().st_size
        if name.startswith("jsonl") and not has_jsonl:
            rows.append([name, f"{size / MB:.1f}", "(no --jsonl)", "-", "-", "-", "-", "-", "-", "-"])
            continue
        out = out_dir / file
        seconds, rss, cpu = time_mojifix(args.bin, extra, path, args.runs, out)
        ours = size / MB / seconds
        per_cpu = size / MB / max(cpu, 1e-6)
        theirs = ratio = "-"
        if use_ftfy:
            ftfy_seconds = time_ftfy(path, name.startswith("jsonl"))
            theirs = f"{size / MB / ftfy_seconds:.2f}"
            ratio = f"{ours / (size / MB / ftfy_seconds):.0f}x"
        note = ""
        if name == "mojibake":
            ok, total = exact_share(out, paths["mojibake.expected.txt"])
            note = f"{ok}/{total} lines repaired exactly"
        lib = lib_speed.get(file, "-") if not name.startswith("jsonl") else "-"
        # What the kernel allows: cat reading the same file and writing the same place.
        cat = size / MB / time_command(["cat", str(path)], args.runs, out)
        rows.append([name, f"{size / MB:.1f}", f"{ours:.1f}", f"{per_cpu:.1f}", lib, f"{cat:.0f}",
                     theirs, ratio, f"{rss / 1024:.0f}", note])
        print(f"  {name}: {ours:.1f} MB/s ({seconds:.3f} s)", file=sys.stderr)

    header = ["corpus", "MB", "mojifix MB/s", "MB/CPU-s", "library MB/s", "cat MB/s", "ftfy MB/s",
              "ratio", "mojifix peak MiB", "note"]
    print_table(header, rows)
    if not args.only or "parallel" in args.only:
        print()
        print_table(["parallel", "MB", "-j 1 MB/s", "-j 2 MB/s", "speed-up"],
                    parallel_rows(args.bin, paths, args.runs))

    empty = startup_ms([args.bin], "", 30)
    one_line = startup_ms([args.bin], "CafÃ© crÃ¨me\n", 30)
    print(f"\nstart-up (median of 30): mojifix {empty:.1f} ms on empty input, "
          f"{one_line:.1f} ms on one garbled line (tables built)")
    # What a pre-commit hook pays per process: a small document with mojibake in a few
    # languages, the bundled seed samples (about 1 KB each), each in a process of its own.
    samples = sorted(p for p in (REPO / "seeds" / "samples").glob("*") if not p.name.startswith("."))
    if samples:
        per_sample = {p.name: startup_ms([args.bin], p.read_text("utf-8"), 30) for p in samples}
        slowest = max(per_sample, key=per_sample.get)
        print(f"start-up (median of 30): mojifix {min(per_sample.values()):.1f} to "
              f"{per_sample[slowest]:.1f} ms on each of the {len(samples)} seed samples "
              f"(slowest: {slowest})")
    if use_ftfy:
        ftfy_start = startup_ms([sys.executable, "-c", "import ftfy, sys; ftfy.fix_text(sys.stdin.read())"],
                                "CafÃ© crÃ¨me\n", 5)
        print(f"start-up (median of 5): ftfy {ftfy_start:.1f} ms on one garbled line (python3 -c)")
    print(f"ftfy {'%s in-process, one run' % ftfy.__version__ if use_ftfy else 'not measured'}; "
          f"mojifix best of {args.runs}, {os.cpu_count()} cores, single thread except the "
          f"parallel table; load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
