"""The scale-out examples in python/examples: Ray Data, datatrove, NeMo Curator.

The Ray test starts a local two-worker cluster; it runs when `ray` is importable
(`.ci/run` installs it unless MOJIFIX_TEST_RAY=0). The datatrove formatter runs inside
datatrove when that is installed, and the recipe's batching function runs on its own
always.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import mojifix
from conftest import REPO, synthetic_inputs

sys.path.insert(0, str(REPO / "python" / "examples"))

import datatrove_formatter  # noqa: E402
import nemo_curator_modifier  # noqa: E402


def records(n: int) -> list[dict]:
    """`n` records: garbled, clean, and a few without text, in a fixed order."""
    rng = random.Random(8)
    garbled = synthetic_inputs()
    clean = [mojifix.fix_text(t) for t in garbled]
    out = []
    for i in range(n):
        kind = rng.random()
        text = rng.choice(garbled) if kind < 0.3 else None if kind > 0.98 else rng.choice(clean)
        out.append({"id": i, "text": text, "lang": "xx"})
    return out


def test_ray_data_example_cleans_a_jsonl_dataset(tmp_path):
    pytest.importorskip("ray", reason="ray is not installed (.ci/run installs it)")
    import ray

    import ray_clean_jsonl

    data = records(20_000)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
    try:
        result = ray_clean_jsonl.clean(str(source), str(tmp_path / "out"), workers=2, batch_size=2000)
    finally:
        ray.shutdown()
    print("ray:", json.dumps(result))

    written = []
    for part in sorted((tmp_path / "out").glob("*.json*")):
        written += [json.loads(line) for line in part.read_text(encoding="utf-8").split("\n") if line]
    written.sort(key=lambda r: r["id"])
    assert [r["id"] for r in written] == [r["id"] for r in data]
    expected = [mojifix.fix_text(r["text"]) if isinstance(r["text"], str) else r["text"] for r in data]
    assert [r["text"] for r in written] == expected
    assert all(set(r) == {"id", "text", "lang"} for r in written)
    changed = sum(1 for r in data if isinstance(r["text"], str) and mojifix.needs_fix(r["text"]))
    assert result["records"] == len(data)
    assert result["changed"] == changed > 0


def test_datatrove_recipe_function_on_its_own():
    docs = [SimpleNamespace(text=t) for t in ["CafÃ©", "ok", "a &amp; b", "\x1b[1mbold\x1b[0m"]]
    out = list(datatrove_formatter.fix_documents(docs, batch_size=3, **datatrove_formatter.FINEWEB_OPTIONS))
    assert [(d.text, changed) for d, changed in out] == [
        ("Café", True),
        ("ok", False),
        ("a & b", True),
        ("bold", True),
    ]


def test_datatrove_formatter_in_datatrove():
    pytest.importorskip("datatrove", reason="datatrove is not installed")
    from datatrove.data import Document

    formatter = datatrove_formatter.MojifixFormatter(batch_size=2)
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(["CafÃ©", "ok", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"])]
    out = list(formatter.run(iter(docs)))
    assert [d.text for d in out] == ["Café", "ok", "привет"]
    assert formatter.stats["formatted"].total == 2


def test_nemo_curator_recipe_function_on_its_own():
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    series = pd.Series(["CafÃ©", None, "ok"], index=[10, 11, 12], dtype=object)
    out = nemo_curator_modifier.fix_series(series)
    assert out.tolist() == ["Café", None, "ok"]
    assert list(out.index) == [10, 11, 12]
    # pandas' own string dtype (missing values are NaN) passes through the same way.
    out = nemo_curator_modifier.fix_series(pd.Series(["CafÃ©", None], dtype="string"))
    assert out[0] == "Café" and out.isna()[1]


def test_datatrove_pipeline_reads_formats_and_writes(tmp_path):
    pytest.importorskip("datatrove", reason="datatrove is not installed")
    pytest.importorskip("orjson", reason="datatrove's JSONL reader needs orjson")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    (tmp_path / "in").mkdir()
    data = [r for r in records(500) if r["text"] is not None]
    lines = [json.dumps({"id": str(r["id"]), "text": r["text"]}, ensure_ascii=False) for r in data]
    (tmp_path / "in" / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            datatrove_formatter.MojifixFormatter(batch_size=64),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = [json.loads(line) for p in (tmp_path / "out").glob("*.jsonl") for line in p.read_text("utf-8").split("\n") if line]
    got = {r["id"]: r["text"] for r in written}
    assert got == {str(r["id"]): mojifix.fix_text(r["text"], **datatrove_formatter.FINEWEB_OPTIONS) for r in data}
