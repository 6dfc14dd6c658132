"""Helpers shared by the benchmark scripts: robust timing and a uniform report line."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable


def per_call(func: Callable[[], object], *, repeat: int = 7, min_time: float = 0.2) -> float:
    """Median seconds per call of *func*, over *repeat* timeit runs of at least *min_time* s."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    number = max(number, int(number * min_time / 0.2))
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def best_of(func: Callable[[], object], repeat: int = 5) -> float:
    """Fastest of *repeat* single calls, in seconds (for calls long enough to time one by one)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def import_seconds(module: str, runs: int) -> list[float]:
    """Seconds to import *module* in each of *runs* fresh interpreters (not their startup)."""
    code = (
        "import time; t = time.perf_counter(); import " + module + "; "
        "print(time.perf_counter() - t)"
    )
    # Both modules are timed from their bytecode caches, as an installed package loads: an
    # environment with PYTHONDONTWRITEBYTECODE would otherwise compile one of them every time.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        out.append(float(res.stdout))
    return out


def report(name: str, ratio: float, target: str, ok: bool, detail: str) -> None:
    """Print one result line: name, ratio, target and verdict."""
    verdict = "OK" if ok else "MISSED"
    print(f"{name}: ratio {ratio:.3f} (target {target}) {verdict} — {detail}", flush=True)
