"""The `mojifix` command from the wheel, and equivalence with the Python API.

The golden pairs of fixtures/golden are the same ones tests/cli.rs runs through the
Rust binary: the installed command, `fix_text` and `fix_batch` must all give the
expected bytes.
"""

from __future__ import annotations

import subprocess

import pytest

import mojifix
from conftest import GOLDEN, golden_cases, read_text, synthetic_inputs


@pytest.mark.parametrize("name", golden_cases())
def test_golden_pairs_cli_and_api_agree(cli, name):
    source = GOLDEN / f"{name}.input.txt"
    expected = (GOLDEN / f"{name}.expected.txt").read_bytes()
    run = subprocess.run([cli, source], capture_output=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected
    assert mojifix.fix_text(read_text(source)).encode("utf-8") == expected


def test_cli_and_fix_batch_agree_on_the_synthetic_set(cli, tmp_path):
    # 7,805 garbled lines in 15 code pages: one file through the command, the same
    # lines through fix_batch.
    lines = [line for line in synthetic_inputs() if "\n" not in line and "\r" not in line]
    source = tmp_path / "synthetic.txt"
    source.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    run = subprocess.run([cli, source], capture_output=True, check=True)
    assert run.stdout.decode("utf-8").split("\n")[:-1] == mojifix.fix_batch(lines)


def test_cli_presets_match_the_api(cli):
    text = "“ﬁne” &amp; CafÃ©\r\n"
    for preset in ("safe", "ftfy"):
        run = subprocess.run(
            [cli, "--preset", preset], input=text.encode("utf-8"), capture_output=True, check=True
        )
        assert run.stdout.decode("utf-8") == mojifix.fix_text(text, preset=preset), preset


def test_cli_version_is_the_package_version(cli):
    run = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["mojifix", mojifix.__version__]


def test_cli_exit_codes(cli, tmp_path):
    missing = subprocess.run([cli, tmp_path / "missing.txt"], capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr.startswith("mojifix: ")
    bad_flag = subprocess.run([cli, "--no-such-flag"], capture_output=True, text=True)
    assert bad_flag.returncode == 2


def test_cli_jsonl_mode_and_fix_batch_agree(cli, tmp_path):
    # The command's JSON Lines mode and fix_batch on the same text fields: the two
    # ways a corpus pipeline can call mojifix must give the same records.
    import json

    texts = synthetic_inputs()[::7] + ["clean", "tab\tand \\ backslash", "😀 CafÃ©"]
    source = tmp_path / "corpus.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=i % 2 == 0) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    run = subprocess.run([cli, "--jsonl", "--field", "text", source], capture_output=True, check=True)
    got = [json.loads(line)["text"] for line in run.stdout.decode("utf-8").split("\n") if line]
    assert got == mojifix.fix_batch(texts)
