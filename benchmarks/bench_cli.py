"""Benchmark: one `vitk2 convert "100 mcg MK-7" mg` process against the same conversion with pint.

Target (issue 9): the vitk2 process takes at most 0.3x the time of a process that imports pint
and does the conversion itself.  Both are whole processes (interpreter start, imports, the
conversion, printing), started alternately so machine drift affects both; medians compared.
Two pint baselines are timed: a fresh ``pint.UnitRegistry()`` (what most scripts write) and
pint's application registry; the verdict uses the faster of the two.
The processes run with bytecode writing allowed (an installed package has its ``.pyc`` files,
compiled by pip at install time), so the warm-up run compiles vitk2 once and no timed run
compiles anything.
Run: python benchmarks/bench_cli.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import report

RUNS = 21
TARGET = 0.3

_SCRIPT = shutil.which("vitk2", path=str(Path(sys.executable).parent))
VITK2 = [
    *([_SCRIPT] if _SCRIPT else [sys.executable, "-m", "vitk2"]),
    "convert",
    "100 mcg MK-7",
    "mg",
]
PINT_NEW = [
    sys.executable,
    "-c",
    "import pint; u = pint.UnitRegistry(); print(u.Quantity(100, 'microgram').to('mg'))",
]
PINT_APP = [
    sys.executable,
    "-c",
    (
        "import pint; u = pint.get_application_registry(); "
        "print(u.Quantity(100, 'microgram').to('mg'))"
    ),
]

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_seconds(cmd: list[str], expect: str) -> float:
    """Wall-clock seconds of one process running *cmd*; its output must contain *expect*."""
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=True, env=ENV)
    elapsed = time.perf_counter() - start
    if expect not in res.stdout:
        msg = f"{cmd!r} printed {res.stdout!r}, not {expect!r}"
        raise SystemExit(msg)
    return elapsed


def main() -> int:
    """Measure, print the ratios, and return non-zero if the target is missed."""
    cases = {
        "vitk2": (VITK2, "0.1 mg MK-7"),
        "pint UnitRegistry()": (PINT_NEW, "0.1 milligram"),
        "pint application registry": (PINT_APP, "0.1 milligram"),
        "python -c pass": ([sys.executable, "-c", "print('started')"], "started"),
    }
    for cmd, expect in cases.values():  # warm the file-system cache
        run_seconds(cmd, expect)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(RUNS):
        for name, (cmd, expect) in cases.items():
            times[name].append(run_seconds(cmd, expect))
    medians = {name: statistics.median(t) for name, t in times.items()}
    v = medians["vitk2"]
    pint_names = ("pint UnitRegistry()", "pint application registry")
    baseline_name = min(pint_names, key=medians.__getitem__)
    ratio = v / medians[baseline_name]
    detail = ", ".join(f"{name} {m * 1000:.1f} ms" for name, m in medians.items()
                       if name != "python -c pass")
    report(
        f'vitk2 convert "100 mcg MK-7" mg / {baseline_name} (process)',
        ratio,
        f"<= {TARGET}",
        ratio <= TARGET,
        f"medians over {RUNS} interleaved runs: {detail}",
    )
    other = pint_names[1] if baseline_name == pint_names[0] else pint_names[0]
    bare = medians["python -c pass"]
    print(
        f"  also: / {other} {v / medians[other]:.3f}; the interpreter alone starts in "
        f"{bare * 1000:.1f} ms, so vitk2's own share is {(v - bare) * 1000:.1f} ms",
        flush=True,
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
