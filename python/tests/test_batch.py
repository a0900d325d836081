"""fix_batch equals one-by-one repair, and repair runs without the GIL.

Timing is asserted only as CPU time over wall time (how many cores the process kept
busy), best of three tries, so that a slow or shared machine cannot fail the test by
being slow; a GIL held by the repair keeps that ratio at 1.0 whatever the machine.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

import mojifix
from conftest import GOLDEN, golden_cases, read_text, synthetic_inputs

CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def busy_reason() -> str | None:
    """Why parallelism cannot be measured here, if it cannot: fewer than two cores,
    or a machine so loaded that other processes hold the cores (a shared developer
    machine; CI runs alone)."""
    if CORES < 2:
        return f"needs 2 cores to show parallel work, has {CORES}"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load >= CORES + 1:
        return f"machine busy (load {load:.1f} on {CORES} cores): cores are not free to measure"
    return None


def corpus() -> list[str]:
    texts = synthetic_inputs()
    texts += [read_text(GOLDEN / f"{name}.input.txt") for name in golden_cases()]
    texts += ["", "ascii only", "Café", "\ufeffBOM", "a\r\nb\r\n"]
    return texts


@pytest.mark.parametrize("options", [{}, {"preset": "ftfy"}, {"normalization": None, "max_layers": 1}])
def test_batch_equals_one_by_one(options):
    texts = corpus()
    assert mojifix.fix_batch(texts, **options) == [mojifix.fix_text(t, **options) for t in texts]


def test_batch_keeps_unchanged_objects_and_takes_any_iterable():
    clean = "nothing to do here"
    out = mojifix.fix_batch([clean, "CafÃ©"])
    assert out[0] is clean and out[1] == "Café"
    assert mojifix.fix_batch(t for t in ["CafÃ©"]) == ["Café"]
    assert mojifix.fix_batch(("CafÃ©",)) == ["Café"]
    assert mojifix.fix_batch([]) == []


def big_text() -> str:
    """About 2 MB of mojibake: enough for a repair to take a good fraction of a second."""
    lines = synthetic_inputs()
    return "\n".join(lines * (2_000_000 // sum(len(line) for line in lines) + 1))


def test_fix_text_releases_the_gil():
    # While one thread is inside fix_text, a pure-Python loop on the main thread must
    # keep running. With the GIL held the loop could not take a single step until the
    # call returned.
    text = big_text()
    inside = {}

    def worker():
        inside["start"] = time.perf_counter()
        mojifix.fix_text(text)
        inside["end"] = time.perf_counter()

    ticks = []
    thread = threading.Thread(target=worker)
    thread.start()
    while thread.is_alive():
        ticks.append(time.perf_counter())
        for _ in range(1000):
            pass
    thread.join()
    duration = inside["end"] - inside["start"]
    assert duration > 0.1, "the text is too small to show anything"
    # Ticks well inside the call (margins for thread start and stop).
    margin = duration * 0.1
    during = [t for t in ticks if inside["start"] + margin < t < inside["end"] - margin]
    assert len(during) >= 10, f"main thread ran {len(during)} times in {duration:.2f}s"


def cpu_over_wall(run) -> float:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


def test_fix_batch_uses_several_cores():
    if busy_reason():
        pytest.skip(busy_reason())
    texts = synthetic_inputs() * 6
    best = max(cpu_over_wall(lambda: mojifix.fix_batch(texts)) for _ in range(3))
    assert best >= 1.3, f"fix_batch kept {best:.2f} cores busy"


def test_threads_calling_fix_text_run_in_parallel():
    if busy_reason():
        pytest.skip(busy_reason())
    chunks = [big_text()[: 1_000_000]] * 2

    def two_threads():
        threads = [threading.Thread(target=mojifix.fix_text, args=(c,)) for c in chunks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    best = max(cpu_over_wall(two_threads) for _ in range(3))
    assert best >= 1.3, f"two threads kept {best:.2f} cores busy"
