"""Benchmark: building a food diary from a CSV file, as a ratio to reading that CSV alone.

Run from the repository root::

    python benchmarks/bench_diary.py [--rows 1000000] [--repeat 3]

Target (issue 16): reading a CSV of 1,000,000 (food, amount) rows and building a
:class:`vitk2.Diary` from it, row by row with ``Diary.add`` as ``vitk2 diary`` does, takes at
most 10x the time of reading the same file with the ``csv`` module alone (``csv.DictReader``,
rows kept as (food, amount) pairs), measured in the same run.  Before the fix ``Diary.add``
copied the diary: 100,000 rows took 152 s.

Also printed, not targets: the same with the totals (the whole ``vitk2 diary`` job), the
per-row time at a tenth of the rows (linear building keeps it flat), and ``vitk2 diary`` run
in a fresh process (cold caches).  Every row is checked against the totals' entry count.

The file is deterministic: foods drawn uniformly from every packaged food, half the portions
in grams with one decimal (1.0 to 500.0 g), half a count (1, 2, 1/2, 1 1/2) of one of the
food's household measures.  Prints the ratio; exits 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
import time

from _common import best_of, report

from vitk2 import Diary, all_food_ids, food
from vitk2._cli import main as cli_main

TARGET = 10.0


def write_diary_csv(path: str, rows: int, seed: int = 20261202) -> None:
    """A food diary of *rows* entries, as people would keep one (ids and portions)."""
    rng = random.Random(seed)
    ids = all_food_ids()
    measures = {fid: [m.description for m in food(fid).measures] for fid in ids}
    counts = ("1", "2", "1/2", "1 1/2")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["food", "amount"])
        for _ in range(rows):
            fid = rng.choice(ids)
            if measures[fid] and rng.random() < 0.5:
                amount = f"{rng.choice(counts)} {rng.choice(measures[fid])}"
            else:
                amount = f"{rng.randint(10, 5000) / 10} g"
            writer.writerow([fid, amount])


def read_csv_only(path: str) -> list[tuple[str, str]]:
    """The baseline: what reading the file costs with the csv module and nothing else."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return [(row["food"].strip(), row["amount"].strip()) for row in csv.DictReader(fh)]


def build_diary(path: str) -> Diary:
    """What ``vitk2 diary`` does before totalling: stream the rows into Diary.add."""
    diary = Diary()
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            diary = diary.add(row["food"].strip(), row["amount"].strip())
    return diary


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "diary.csv")
        small = os.path.join(tmp, "diary-tenth.csv")
        write_diary_csv(big, args.rows)
        write_diary_csv(small, args.rows // 10)
        size_mb = os.path.getsize(big) / 1e6

        start = time.perf_counter()
        diary = build_diary(big)  # first build: looks up every food once (cold caches)
        t_first = time.perf_counter() - start
        assert len(diary) == args.rows
        assert all(t.entries == args.rows for t in diary.totals())

        t_csv = best_of(lambda: read_csv_only(big), args.repeat)
        t_build = best_of(lambda: build_diary(big), args.repeat)
        t_total = best_of(lambda: build_diary(big).totals(), args.repeat)
        t_small = best_of(lambda: build_diary(small), args.repeat)
        t_cli = best_of(lambda: cli_main(["diary", big], out=io.StringIO()), 1)

        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "vitk2", "diary", big],
            check=True, capture_output=True,
        )
        t_fresh = time.perf_counter() - start

    per_row_big = t_build / args.rows * 1e6
    per_row_small = t_build and t_small / (args.rows // 10) * 1e6
    ratio = t_build / t_csv
    print(f"rows: {args.rows:,} ({size_mb:.1f} MB)")
    print(f"csv module alone             : {t_csv:8.2f} s")
    print(f"Diary.add per row            : {t_build:8.2f} s  ({per_row_big:.1f} µs/row)")
    print(f"  at a tenth of the rows     : {per_row_small:8.1f} µs/row (flat = linear)")
    print(f"  first build (cold caches)  : {t_first:8.2f} s")
    print(f"Diary.add + totals()         : {t_total:8.2f} s  (ratio {t_total / t_csv:.2f})")
    print(f"vitk2 diary (main(), warm)   : {t_cli:8.2f} s  (ratio {t_cli / t_csv:.2f})")
    print(f"vitk2 diary (fresh process)  : {t_fresh:8.2f} s  (ratio {t_fresh / t_csv:.2f})")
    ok = ratio <= TARGET
    report(
        "diary build / csv read", ratio, f"<= {TARGET:g}", ok,
        f"{args.rows:,} rows, Diary.add {t_build:.2f} s vs csv {t_csv:.2f} s",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
