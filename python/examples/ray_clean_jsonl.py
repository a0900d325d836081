#!/usr/bin/env python3
"""Clean a JSONL (or Parquet) dataset with Ray Data and mojifix.

    pip install ./ "ray[data]"       # from the mojifix repository root
    python python/examples/ray_clean_jsonl.py INPUT OUTPUT_DIR [--field text] [--workers 2]

Reads INPUT (a JSONL file or directory; Parquet when the name ends in .parquet),
repairs the `--field` column of every record with `mojifix.fix_batch` inside
`Dataset.map_batches` on `--workers` Ray workers, writes the records in the same
format to OUTPUT_DIR, and prints one JSON line: records read, records changed,
seconds, records per second. Records whose field is not a string are passed through.

Each worker repairs its batch on one core (RAYON_NUM_THREADS=1): Ray spreads the
batches over the workers, so rayon's own threads would only compete with them.
Starts a local Ray cluster unless RAY_ADDRESS names one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

import mojifix

CHANGED = "_mojifix_changed"


def clean_batch(batch: Any, field: str, options: dict[str, Any]) -> Any:
    """Repairs the `field` column of a pyarrow Table batch and adds a boolean column
    saying which records changed. Nulls and other non-strings pass through."""
    import pyarrow as pa

    column = batch.column(field)
    values = column.to_pylist()
    where = [i for i, v in enumerate(values) if isinstance(v, str)]
    texts = [values[i] for i in where]
    changed = [False] * len(values)
    for i, before, after in zip(where, texts, mojifix.fix_batch(texts, **options)):
        if after is not before:
            values[i] = after
            changed[i] = True
    batch = batch.set_column(batch.schema.get_field_index(field), field, pa.array(values, type=column.type))
    return batch.append_column(CHANGED, pa.array(changed, type=pa.bool_()))


def clean(
    source: str,
    destination: str,
    field: str = "text",
    workers: int = 2,
    batch_size: int = 1024,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Runs the pipeline and returns its counts and timing."""
    import ray

    if not ray.is_initialized():
        # Workers import this file by name to run clean_batch: give them its folder.
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
        ray.init(
            num_cpus=workers,
            include_dashboard=False,
            runtime_env={"env_vars": {"RAYON_NUM_THREADS": "1", "PYTHONPATH": path}},
            log_to_driver=False,
        )
    parquet = source.endswith(".parquet")
    start = time.perf_counter()
    ds = ray.data.read_parquet(source) if parquet else ray.data.read_json(source, lines=True)
    cleaned = ds.map_batches(
        clean_batch,
        fn_kwargs={"field": field, "options": options or {}},
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=workers,
    ).materialize()
    records = cleaned.count()
    changed = int(cleaned.sum(CHANGED) or 0) if records else 0
    out = cleaned.drop_columns([CHANGED])
    if parquet:
        out.write_parquet(destination)
    else:
        out.write_json(destination, lines=True, force_ascii=False)
    seconds = time.perf_counter() - start
    return {
        "records": records,
        "changed": changed,
        "seconds": round(seconds, 3),
        "records_per_second": round(records / seconds, 1) if seconds else None,
        "workers": workers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("destination")
    parser.add_argument("--field", default="text")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=1024)
    parser.add_argument("--preset", choices=["safe", "ftfy"], default="safe")
    args = parser.parse_args(argv)
    result = clean(
        args.source,
        args.destination,
        field=args.field,
        workers=args.workers,
        batch_size=args.batch_size,
        options={"preset": args.preset},
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
