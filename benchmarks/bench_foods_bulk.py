"""Benchmark vitk2's bulk food path against hand-written NumPy and a per-entry Amount loop.

Run from the repository root::

    python benchmarks/bench_foods_bulk.py [--entries 1000000] [--loop-entries 20000]

Targets (issue 3): on 1,000,000 random (food id, grams) entries, ``vitk2.bulk_totals`` takes at
most 1.5x the time of a hand-written NumPy baseline doing the same job (map ids to rows, gather
per-100 g values, keep unknowns apart, sum) measured in the same run, and is at least 50x faster
than a loop building an exact ``Amount`` per entry (timed on fewer entries and scaled).  Also
reports the time to load the food table on first use (target < 150 ms, in a fresh process).
Prints the ratios; exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from fractions import Fraction
from typing import Any

import numpy as np
from _common import best_of

import vitk2
from vitk2 import FOOD_VITAMERS, Amount, all_food_ids, bulk_totals, food


def numpy_table() -> tuple[Any, Any]:
    """The baseline's own table: sorted ids and a (foods x vitamers) array, NaN = unknown."""
    ids = np.array(all_food_ids())
    values = np.full((len(ids), len(FOOD_VITAMERS)), np.nan)
    for i, fid in enumerate(ids):
        for j, v in enumerate(FOOD_VITAMERS):
            ug = food(str(fid)).content(v).micrograms_per_100g
            if ug is not None:
                values[i, j] = float(ug) / 100.0
    return ids, values


def baseline(table_ids: Any, values: Any, ids: Any, grams: Any) -> tuple[Any, Any]:
    """What a careful analyst would write by hand: totals and unknown counts per vitamer."""
    rows = np.searchsorted(table_ids, ids)
    per_entry = values[rows]
    unknown = np.isnan(per_entry)
    totals = np.nansum(per_entry * grams[:, None], axis=0)
    return totals, unknown.sum(axis=0)


def per_entry_loop(ids: Any, grams: Any) -> dict[vitk2.Vitamer, Amount]:
    """The exact path, one Amount per entry and vitamer."""
    totals = {v: Amount.from_micrograms(v, 0) for v in FOOD_VITAMERS}
    for fid, g in zip(ids.tolist(), grams.tolist(), strict=True):
        f = food(fid)
        grams_exact = Fraction(g)
        for v in FOOD_VITAMERS:
            ug = f.content(v).micrograms_per_100g
            if ug is not None:
                totals[v] = totals[v] + Amount.from_micrograms(v, ug * grams_exact / 100)
    return totals


def load_time_ms() -> float:
    code = (
        "import time, vitk2\n"
        "t = time.perf_counter(); vitk2.food('11233')\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(3)
    ]
    return min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--loop-entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rng = np.random.default_rng(20240601)
    table_ids, values = numpy_table()
    ids = table_ids[rng.integers(0, len(table_ids), args.entries)]
    grams = rng.uniform(0.0, 300.0, args.entries).round(1)
    bulk_totals(ids[:10], grams[:10])  # build vitk2's arrays once, as the baseline's are built

    # both paths must agree before their speed means anything
    ours = bulk_totals(ids, grams)
    ref_totals, ref_unknown = baseline(table_ids, values, ids, grams)
    for j, v in enumerate(FOOD_VITAMERS):
        assert ours.unknown_count(v) == int(ref_unknown[j]), v
        if ours.unknown_count(v) < args.entries:
            assert np.isclose(ours.total(v), ref_totals[j], rtol=1e-9), v

    t_bulk = best_of(lambda: bulk_totals(ids, grams), args.repeat)
    t_base = best_of(lambda: baseline(table_ids, values, ids, grams), args.repeat)
    n_loop = min(args.loop_entries, args.entries)
    t_loop = best_of(lambda: per_entry_loop(ids[:n_loop], grams[:n_loop]), 1)
    t_loop_scaled = t_loop * args.entries / n_loop
    ints = np.array([int(x) for x in ids if x.isdigit()])
    t_int = best_of(lambda: bulk_totals(ints, grams[: len(ints)]), args.repeat)
    load_ms = load_time_ms()

    vs_base = t_bulk / t_base
    vs_loop = t_loop_scaled / t_bulk
    print(f"entries: {args.entries:,} (per-entry loop timed on {n_loop:,} and scaled)")
    print(f"bulk_totals, string ids : {t_bulk * 1000:8.1f} ms")
    print(f"bulk_totals, integer ids: {t_int * 1000:8.1f} ms")
    print(f"hand-written NumPy      : {t_base * 1000:8.1f} ms")
    print(f"per-entry Amount loop   : {t_loop_scaled * 1000:8.1f} ms (scaled)")
    print(f"ratio bulk / NumPy baseline   = {vs_base:.2f}  (target <= 1.5)")
    print(f"ratio Amount loop / bulk      = {vs_loop:.0f}  (target >= 50)")
    print(f"food table first use          = {load_ms:.0f} ms (target < 150)")
    ok = vs_base <= 1.5 and vs_loop >= 50 and load_ms < 150
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
