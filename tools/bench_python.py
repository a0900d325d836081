#!/usr/bin/env python3
"""Throughput of the Python package against ftfy, in the same process.

Uses the corpora of tools/bench.py (generated into target/bench/scale-S/ on first
use) as a corpus pipeline sees them: a list of records (the lines of each text corpus, the
"text" field of each JSONL record). Times, on the same list, best of --runs:

    fix_batch      mojifix.fix_batch(records), rayon threads (all cores)
    fix_batch/1    the same with RAYON_NUM_THREADS=1 (a separate process)
    fix_text loop  [mojifix.fix_text(r) for r in records]
    ftfy           [ftfy.fix_text(r) for r in records], ftfy's defaults (one run)
    ftfy preset    mojifix.fix_batch(records, preset="ftfy")

and prints MB/s (10^6 bytes of UTF-8 records per second).

    pip install ./ ftfy==6.3.1 && python3 tools/bench_python.py [--scale 0.2] [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "tools" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_records(scale: float) -> dict[str, list[str]]:
    paths = load_bench().build_corpora(scale)
    out = {}
    for name in ("clean-ascii.txt", "clean-multi.txt", "mojibake.txt"):
        # Lines as files have them: str.splitlines would also split at U+2028, U+0085...
        out[name[: -len(".txt")]] = paths[name].read_text("utf-8").split("\n")
    lines = paths["corpus.jsonl"].read_text("utf-8").split("\n")
    out["jsonl"] = [json.loads(line)["text"] for line in lines if line]
    return out


CPU = {}  # (corpus, column) -> MB per CPU-second, which a loaded machine distorts less


def best_of(runs: int, work, key=None, size=0.0) -> float:
    """Best wall time of `runs` runs; records the CPU time of that run under `key`."""
    best, best_cpu = float("inf"), 0.0
    for _ in range(runs):
        cpu, start = time.process_time(), time.perf_counter()
        work()
        wall = time.perf_counter() - start
        if wall < best:
            best, best_cpu = wall, time.process_time() - cpu
    if key is not None and best_cpu > 0:
        CPU[key] = size / best_cpu
    return best


def measure(scale: float, runs: int, ftfy_too: bool) -> dict[str, dict[str, float]]:
    import mojifix

    results = {}
    for name, records in corpus_records(scale).items():
        size = sum(len(r.encode("utf-8")) for r in records) / MB
        row = {"MB": round(size, 2), "records": len(records)}
        row["fix_batch"] = size / best_of(runs, lambda: mojifix.fix_batch(records), (name, "fix_batch"), size)
        loop = best_of(runs, lambda: [mojifix.fix_text(r) for r in records], (name, "fix_text loop"), size)
        row["fix_text loop"] = size / loop
        ftfy_preset = best_of(runs, lambda: mojifix.fix_batch(records, preset="ftfy"), (name, "ftfy preset"), size)
        row["ftfy preset"] = size / ftfy_preset
        if ftfy_too:
            import ftfy

            row["ftfy"] = size / best_of(1, lambda: [ftfy.fix_text(r) for r in records], (name, "ftfy"), size)
        results[name] = row
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-ftfy", action="store_true")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.json:  # the single-thread child run
        print(json.dumps(measure(args.scale, args.runs, ftfy_too=False)))
        return 0
    try:
        import ftfy  # noqa: F401

        ftfy_too = not args.no_ftfy
    except ImportError:
        ftfy_too = False
    results = measure(args.scale, args.runs, ftfy_too)
    child = subprocess.run(
        [sys.executable, __file__, "--json", "--scale", str(args.scale), "--runs", str(args.runs)],
        env={**os.environ, "RAYON_NUM_THREADS": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    for name, row in json.loads(child.stdout).items():
        results[name]["fix_batch/1"] = row["fix_batch"]
    columns = ["fix_batch", "fix_batch/1", "fix_text loop", "ftfy preset"] + (["ftfy"] if ftfy_too else [])
    print(f"cores: {len(os.sched_getaffinity(0))}, load: {os.getloadavg()[0]:.1f}, MB/s (10^6 bytes/s)")
    print(f"{'corpus':<12} {'MB':>6} {'records':>8} " + " ".join(f"{c:>13}" for c in columns))
    for name, row in results.items():
        cells = " ".join(f"{row[c]:>13.1f}" for c in columns)
        print(f"{name:<12} {row['MB']:>6.2f} {row['records']:>8} {cells}")
    per_cpu = [c for c in columns if c != "fix_batch/1"]
    print("\nMB per CPU-second (all threads of this process; less sensitive to a busy machine)")
    print(f"{'corpus':<12} " + " ".join(f"{c:>13}" for c in per_cpu))
    for name in results:
        print(f"{name:<12} " + " ".join(f"{CPU.get((name, c), float('nan')):>13.1f}" for c in per_cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
