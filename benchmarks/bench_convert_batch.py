"""Benchmark: `vitk2 convert --to mg -` over 100,000 label lines, against a plain Python loop.

Target (issue 9): the command costs at most 2x the same lines read with ``parse_amount`` and
formatted in one Python process.  Both are whole processes that read the same file and write
one line per input to a pipe, started alternately; medians compared.  The lines are varied
(different numbers, spellings and vitamers, nearly all distinct), so the parse cache does not
do the work.  The loop's own time, without interpreter start and imports, is printed too.
Bytecode writing is allowed (see bench_cli.py), so no timed run compiles vitk2.
Run: python benchmarks/bench_convert_batch.py
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import report

LINES = 100_000
RUNS = 3
TARGET = 2.0

_SCRIPT = shutil.which("vitk2", path=str(Path(sys.executable).parent))
VITK2 = [*([_SCRIPT] if _SCRIPT else [sys.executable, "-m", "vitk2"]), "convert", "--to", "mg", "-"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# The baseline: what a script would write with the library alone.  It prints the loop time on
# stderr so the report can separate it from interpreter start and imports.
BASELINE = """\
import sys, time
from vitk2 import parse_amount
from vitk2._units import format_number
t = time.perf_counter()
write = sys.stdout.write
for line in sys.stdin:
    a = parse_amount(line)
    write(f"{a} = {format_number(a.in_units('mg'))} mg {a.vitamer.key}\\n")
sys.stdout.flush()
print(time.perf_counter() - t, file=sys.stderr)
"""

UNITS = ("mcg", "µg", "ug", "MCG", "microgram", "mg", "MG")
VITAMERS = (
    "MK-7",
    "MK-4",
    "K1",
    "menaquinone-7",
    "menatetrenone",
    "vitamin K1",
    "phylloquinone",
    "vitamin K2 (MK-7)",
    "MK-9",
)


def label_lines(n: int, seed: int = 9) -> list[str]:
    """*n* varied label lines, reproducibly."""
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        whole = rng.randint(1, 5000)
        number = str(whole) if rng.random() < 0.5 else f"{whole}.{rng.randint(1, 99)}"
        space = " " if rng.random() < 0.9 else ""
        lines.append(f"{number}{space}{rng.choice(UNITS)} {rng.choice(VITAMERS)}")
    return lines


def run_seconds(cmd: list[str], path: Path) -> tuple[float, str, str]:
    """Seconds of one process running *cmd* with *path* on stdin; with its stdout and stderr."""
    with path.open("rb") as stdin:
        start = time.perf_counter()
        res = subprocess.run(cmd, stdin=stdin, capture_output=True, check=False, env=ENV)
        elapsed = time.perf_counter() - start
    if res.returncode != 0:
        msg = f"{cmd!r} failed ({res.returncode}): {res.stderr.decode()[:500]}"
        raise SystemExit(msg)
    return elapsed, res.stdout.decode(), res.stderr.decode()


def main() -> int:
    """Measure, print the ratios, and return non-zero if the target is missed."""
    lines = label_lines(LINES)
    distinct = len(set(lines))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "labels.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        baseline_cmd = [sys.executable, "-c", BASELINE]
        # Warm-up (and bytecode) runs; also check both give one line per input, the same values.
        _, cli_out, _ = run_seconds(VITK2, path)
        _, base_out, _ = run_seconds(baseline_cmd, path)
        cli_lines, base_lines = cli_out.splitlines(), base_out.splitlines()
        if len(cli_lines) != LINES or len(base_lines) != LINES:
            msg = f"expected {LINES} lines, got {len(cli_lines)} and {len(base_lines)}"
            raise SystemExit(msg)
        for mine, theirs in zip(cli_lines, base_lines, strict=True):
            if mine.split(" = ")[0] != theirs.split(" = ")[0]:
                msg = f"different readings: {mine!r} vs {theirs!r}"
                raise SystemExit(msg)
        cli_times: list[float] = []
        base_times: list[float] = []
        loop_times: list[float] = []
        for _ in range(RUNS):
            cli_times.append(run_seconds(VITK2, path)[0])
            seconds, _, err = run_seconds(baseline_cmd, path)
            base_times.append(seconds)
            loop_times.append(float(err.strip().splitlines()[-1]))
    c, b, loop = (statistics.median(t) for t in (cli_times, base_times, loop_times))
    ratio = c / b
    report(
        f"vitk2 convert --to mg - / parse_amount + format loop ({LINES:,} lines)",
        ratio,
        f"<= {TARGET}",
        ratio <= TARGET,
        f"medians over {RUNS} interleaved runs: vitk2 convert {c:.2f} s, Python loop process "
        f"{b:.2f} s ({distinct:,} distinct lines)",
    )
    print(
        f"  also: / the loop alone, without interpreter start and imports ({loop:.2f} s): "
        f"{c / loop:.3f}; vitk2 convert {c / LINES * 1e6:.1f} µs per line",
        flush=True,
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
