"""ftfy's published test cases, fetched at run time and never committed.

`load_test_cases()` downloads the ftfy sdist with pip (once, into a cache outside the
repository) and returns the parsed tests/test_cases.json, or None with a message on
stderr when it cannot. Shared by compare_ftfy.py and ftfy_preset_check.py.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FTFY_VERSION = "6.3.1"


def cache_dir(name: str = "mojifix-compare") -> Path:
    """The user's cache directory `name` (created), never inside the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = Path(base) / name
    if REPO == d.resolve() or REPO in d.resolve().parents:
        d = Path(tempfile.gettempdir()) / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def pip_download(requirement: str, dest: Path, binary: bool) -> subprocess.CompletedProcess:
    """`pip download` of one pinned package (its wheel, or with `binary=False` its
    sdist) into `dest`, without its dependencies; pip's output is captured."""
    kind = "--only-binary" if binary else "--no-binary"
    return subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           kind, ":all:", requirement, "-d", str(dest)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def load_test_cases() -> list[dict] | None:
    d = cache_dir()
    tgz = d / f"ftfy-{FTFY_VERSION}.tar.gz"
    if not tgz.exists():
        print(f"fetching the ftfy {FTFY_VERSION} sdist into {d} ...", file=sys.stderr)
        p = pip_download(f"ftfy=={FTFY_VERSION}", d, binary=False)
        if p.returncode != 0 or not tgz.exists():
            candidates = sorted(d.glob(f"ftfy-{FTFY_VERSION}*.tar.gz"))
            if not candidates:
                print("could not download the ftfy sdist:\n" + p.stderr.decode(errors="replace"),
                      file=sys.stderr)
                return None
            tgz = candidates[0]
    with tarfile.open(tgz) as tf:
        member = next((m for m in tf.getmembers()
                       if m.name.endswith("tests/test_cases.json")), None)
        f = tf.extractfile(member) if member is not None else None
        if f is None:
            print("tests/test_cases.json not found in the sdist", file=sys.stderr)
            return None
        return json.loads(f.read().decode("utf-8"))
