"""preset="ftfy" against ftfy 6.3.1 itself, on ftfy's published test cases.

The cases are tests/test_cases.json of the ftfy 6.3.1 sdist, fetched with pip by
tools/compare_ftfy.py into a cache outside the repository. For every case ftfy
expects to pass, mojifix with the ftfy preset must give exactly what
`ftfy.fix_text` gives, except for the few cases listed in KNOWN_DIFFERENCES, each
with the reason. Skips, saying why, when ftfy 6.3.1 or the cases are not at hand;
`.ci/run` installs ftfy so that the test runs there.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

import mojifix
from conftest import REPO

ftfy = pytest.importorskip("ftfy", reason="ftfy is not installed (pip install ftfy==6.3.1)")

# label of the case -> why mojifix's answer differs from ftfy's on purpose.
KNOWN_DIFFERENCES: dict[str, str] = {
    # ftfy's expected output keeps "DrÃ¥ber" garbled although the case's own comment
    # says it was meant to be Latin-1; mojifix repairs it to "Dråber" (README,
    # "Comparison with ftfy").
    "Sort of negative: this inconsistent mojibake could be Latin-1 or MacRoman, and it "
    "was meant to be Latin-1, but it's safest to not decode it as either": "repaired on purpose",
}


def load_cases():
    spec = importlib.util.spec_from_file_location("ftfy_sdist", REPO / "tools" / "ftfy_sdist.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ftfy_sdist", module)
    spec.loader.exec_module(module)
    return module.load_test_cases()


@pytest.fixture(scope="module")
def cases():
    if ftfy.__version__ != "6.3.1":
        pytest.skip(f"ftfy {ftfy.__version__} is installed; the comparison is with 6.3.1")
    cases = load_cases()
    if not cases:
        pytest.skip("ftfy 6.3.1's test cases could not be fetched (pip download of the sdist)")
    return cases


def test_ftfy_preset_equals_ftfy_on_its_published_cases(cases):
    passing = [c for c in cases if c["expect"] == "pass"]
    assert len(passing) >= 150
    differ = []
    for case in passing:
        ours = mojifix.fix_text(case["original"], preset="ftfy")
        theirs = ftfy.fix_text(case["original"])
        if ours != theirs and case["label"] not in KNOWN_DIFFERENCES:
            differ.append(f"{case['label']}: {case['original']!r} -> ours {ours!r}, ftfy {theirs!r}")
    assert not differ, f"{len(differ)} of {len(passing)} differ:\n" + "\n".join(differ)
    print(f"ftfy preset equals ftfy 6.3.1 on {len(passing) - len(KNOWN_DIFFERENCES)}/{len(passing)}")


def test_known_differences_still_differ(cases):
    # A known difference that disappeared must leave the list, so the list stays true.
    labels = {c["label"]: c for c in cases}
    for label in KNOWN_DIFFERENCES:
        case = labels[label]
        assert mojifix.fix_text(case["original"], preset="ftfy") != ftfy.fix_text(case["original"]), label
