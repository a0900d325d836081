"""Shared fixtures for the Python package's tests.

The tests run against the installed package (``pip install ./`` from the repository
root, as ``.ci/run`` does), never against ``python/mojifix`` in the source tree,
which has no compiled module.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "fixtures" / "golden"
SYNTHETIC = REPO / "fixtures" / "synthetic" / "cases.jsonl"


def golden_cases() -> list[str]:
    """Names of the golden pairs in fixtures/golden (NAME.input.txt, NAME.expected.txt)."""
    return sorted(p.name[: -len(".input.txt")] for p in GOLDEN.glob("*.input.txt"))


def read_text(path: Path) -> str:
    # Bytes, then UTF-8: no newline translation, so CRLF cases stay CRLF.
    return path.read_bytes().decode("utf-8")


def synthetic_inputs() -> list[str]:
    with SYNTHETIC.open(encoding="utf-8") as f:
        return [json.loads(line)["input"] for line in f]


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `mojifix` command installed by the same wheel, beside this interpreter."""
    name = "mojifix.exe" if os.name == "nt" else "mojifix"
    exe = Path(sys.executable).parent / name
    if not exe.exists():
        pytest.fail(f"the wheel did not install the `mojifix` command at {exe}")
    return exe
