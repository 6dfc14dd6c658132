"""Benchmark: `import vitk2` (no data touched) against `import pint` alone, in the same run.

Target (issue 9): at most 0.35x (pint is loaded lazily, on first use). Each import is timed
inside a fresh interpreter, alternating the two modules so machine drift affects both; the medians
are compared.
Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import sys

from _common import import_seconds, report

RUNS = 31
TARGET = 0.35


def main() -> int:
    """Measure, print the ratio, and return non-zero if the target is missed."""
    pint_times: list[float] = []
    vitk2_times: list[float] = []
    import_seconds("vitk2", 2)  # warm the file-system cache
    for _ in range(RUNS):
        pint_times += import_seconds("pint", 1)
        vitk2_times += import_seconds("vitk2", 1)
    p, v = statistics.median(pint_times), statistics.median(vitk2_times)
    ratio = v / p
    report(
        "import vitk2 / import pint",
        ratio,
        f"<= {TARGET}",
        ratio <= TARGET,
        f"median import pint {p * 1000:.1f} ms, import vitk2 {v * 1000:.1f} ms over {RUNS} runs",
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
