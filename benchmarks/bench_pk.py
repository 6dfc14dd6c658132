"""Benchmark vitk2.simulate against a closed-form NumPy baseline, with naive superposition beside.

One year of menatetrenone 15 mg three times a day on a one-minute grid (525,600 points), with
the one-compartment model and with the two-compartment model (three exponentials).  Target:
vitk2 at most 2x the baseline measured in the same run, for each model; exits 1 if missed.

    python benchmarks/bench_pk.py
"""

from __future__ import annotations

import math
import sys

import numpy as np
from _common import best_of

from vitk2 import DailyDose, PKModel, Schedule, divide, pk_model, simulate

DAYS = 365
STEP_MIN = 1
NAIVE_DAYS = 30  # naive superposition is O(points x doses); run a month and scale by (365/30)^2
TARGET = 2.0


def _baseline(
    terms: list[tuple[float, float]], hours_of_day: list[float], rel: list[float], days: int
) -> np.ndarray:
    """Closed form: one state per exponential just after each dose, carried to each grid point."""
    order = np.argsort(hours_of_day)
    times = np.repeat(np.arange(days) * 24.0, len(order)) + np.tile(
        np.asarray(hours_of_day)[order], days
    )
    doses = np.tile(np.asarray(rel)[order], days)
    gaps = np.diff(times, prepend=times[0])
    grid = np.arange(days * 24 * 60 // STEP_MIN) * (STEP_MIN / 60)
    idx = np.searchsorted(times, grid, side="right") - 1
    valid = idx >= 0
    idx = np.where(valid, idx, 0)
    since = np.where(valid, grid - times[idx], 0.0)
    c = np.zeros_like(grid)
    for rate, coef in terms:
        state = np.empty_like(doses)
        s = 0.0
        for i in range(len(doses)):
            s = s * math.exp(-rate * gaps[i]) + doses[i]
            state[i] = s
        c += coef * state[idx] * np.exp(-rate * since)
    return np.where(valid, c, 0.0)


def _naive(
    terms: list[tuple[float, float]], hours_of_day: list[float], rel: list[float], days: int
) -> np.ndarray:
    """Superposition: add every past dose's whole response at every grid point."""
    times = [24.0 * d + h for d in range(days) for h in hours_of_day]
    doses = [r for _ in range(days) for r in rel]
    grid = np.arange(days * 24 * 60 // STEP_MIN) * (STEP_MIN / 60)
    c = np.zeros_like(grid)
    for t0, d in zip(times, doses, strict=True):
        dt = np.clip(grid - t0, 0.0, None)
        c += d * sum(coef * np.exp(-rate * dt) for rate, coef in terms)
    return c


def _case(name: str, schedule: Schedule, model: PKModel) -> float:
    terms = [(x.rate, x.coefficient) for x in model.terms]
    hours_of_day = [lt.hour + lt.minute / 60 for lt in schedule.local_times()]
    rel = [float(a.amount.micrograms / schedule.daily_dose.micrograms_per_day)
           for a in schedule.administrations]  # fmt: skip

    ours = simulate(schedule, DAYS, f"{STEP_MIN} min", model=model).concentration
    base = _baseline(terms, hours_of_day, rel, DAYS)
    assert ours.shape == base.shape == (DAYS * 24 * 60 // STEP_MIN,)
    assert np.allclose(ours, base, rtol=1e-12, atol=1e-12)
    month = simulate(schedule, NAIVE_DAYS, "1 min", model=model).concentration
    assert np.allclose(month, _naive(terms, hours_of_day, rel, NAIVE_DAYS))

    t_ours = best_of(lambda: simulate(schedule, DAYS, f"{STEP_MIN} min", model=model))
    t_base = best_of(lambda: _baseline(terms, hours_of_day, rel, DAYS))
    t_naive_month = best_of(lambda: _naive(terms, hours_of_day, rel, NAIVE_DAYS), repeat=1)
    t_naive_year = t_naive_month * (DAYS / NAIVE_DAYS) ** 2
    ratio = t_ours / t_base
    print(
        f"{name}\n"
        f"points: {len(ours):,}  doses: {DAYS * len(rel):,}  exponentials: {len(terms)}\n"
        f"vitk2.simulate          {t_ours * 1e3:9.1f} ms\n"
        f"closed-form numpy       {t_base * 1e3:9.1f} ms\n"
        f"naive superposition     {t_naive_year * 1e3:9.1f} ms  (measured "
        f"{t_naive_month * 1e3:.1f} ms over {NAIVE_DAYS} days, scaled by ({DAYS}/{NAIVE_DAYS})^2)\n"
        f"ratio vitk2 / baseline  {ratio:9.2f}  (target <= {TARGET})\n"
        f"ratio naive / baseline  {t_naive_year / t_base:9.1f}\n"
    )
    return ratio


def main() -> int:
    schedule = divide(DailyDose("MK-4", "45 mg/day"), 3)
    ratios = [
        _case("one compartment (pk_model('MK-4'))", schedule, pk_model("MK-4")),
        _case(
            "two compartments (pk_model('MK-4', compartments=2))",
            schedule,
            pk_model("MK-4", compartments=2),
        ),
    ]
    return 0 if max(ratios) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
