"""PEP 517 build backend: maturin's, plus the `mojifix` command in the same wheel.

maturin builds either a PyO3 extension or a binary into a wheel, not both (its
issue 368). A pre-commit hook with `language: python` needs the command, and corpus
code needs the module, from one `pip install`. So before maturin builds the
extension, this wrapper builds the crate's own binary with cargo (release profile,
the same target directory, so the dependencies are compiled once) and puts it in
`python/mojifix.data/scripts/`, which maturin ships as the wheel's scripts: pip
installs it on PATH as `mojifix`, exactly the binary `cargo install` would give.

Everything else is maturin's backend, unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import maturin
from maturin import *  # noqa: F401,F403  (the PEP 517 hooks this module does not wrap)

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "python" / "mojifix.data" / "scripts"
EXE = "mojifix.exe" if sys.platform == "win32" else "mojifix"


def _cargo() -> str:
    return os.environ.get("CARGO", "cargo")


def _target_dir() -> Path:
    out = subprocess.run(
        [_cargo(), "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
    ).stdout
    return Path(json.loads(out)["target_directory"])


def build_cli() -> Path:
    """Builds the `mojifix` binary and stages it as a wheel script; returns its path."""
    cmd = [_cargo(), "build", "--release", "--bin", "mojifix"]
    if (ROOT / "Cargo.lock").exists():
        cmd.append("--locked")
    print("mojifix_build: " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=sys.stderr)
    built = _target_dir() / "release" / EXE
    SCRIPTS.mkdir(parents=True, exist_ok=True)
    staged = SCRIPTS / EXE
    shutil.copy2(built, staged)
    return staged


def _ensure_data_dir() -> None:
    # maturin checks that the data directory exists even when it only writes
    # metadata; the directory is build output, so it is not in git.
    SCRIPTS.mkdir(parents=True, exist_ok=True)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    _ensure_data_dir()
    return maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    build_cli()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    build_cli()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
