#!/usr/bin/env python3
"""Files per second of `mojifix --write` on a tree of small files, at -j 1 and -j 2.

Usage: python3 tools/bench_tree.py [--files N] [--bin PATH]

Builds a tree of N (default 10,000) small files (about 1 KiB each, in 100
directories; one in three has mojibake, one in ten is windows-1252, the rest clean
UTF-8), copies it fresh for each run, and times `mojifix --write -j J DIR`. This is a
measurement, not a test: run it on an idle machine with a release build
(`cargo build --release`, the default --bin).
"""

import argparse
import os
import shutil
import subprocess
import tempfile
import time

CLEAN = (
    "Le café de la gare est fermé le dimanche, dit Céline.\n"
    "Über die Brücke gehen wir morgen früh zur Bäckerei.\n"
    "The quick brown fox jumps over the lazy dog.\n"
    "Привет, как дела? Всё хорошо, спасибо.\n"
)


def make_tree(root, count):
    garbled = CLEAN.encode("utf-8").decode("cp1252", errors="replace")
    for i in range(count):
        d = os.path.join(root, "d%02d" % (i % 100))
        os.makedirs(d, exist_ok=True)
        if i % 10 == 0:
            data = (CLEAN.replace("Привет, как дела? Всё хорошо, спасибо.\n", "") * 4).encode("cp1252")
        elif i % 3 == 0:
            data = (CLEAN * 3 + garble_line(garbled)).encode("utf-8")
        else:
            data = (CLEAN * 4).encode("utf-8")
        with open(os.path.join(d, "f%05d.txt" % i), "wb") as f:
            f.write(data)


def garble_line(garbled):
    return garbled.splitlines(keepends=True)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "mojifix"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mojifix-bench-")
    try:
        source = os.path.join(work, "source")
        make_tree(source, args.files)
        for jobs in (1, 2):
            tree = os.path.join(work, "tree-j%d" % jobs)
            shutil.copytree(source, tree)
            start = time.perf_counter()
            run = subprocess.run([args.bin, "--write", "-j", str(jobs), tree],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - start
            if run.returncode != 0:
                raise SystemExit("mojifix failed: %s" % run.stderr.decode(errors="replace"))
            print("-j %d: %d files in %.2f s = %.0f files/s" % (jobs, args.files, elapsed, args.files / elapsed))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
