"""Benchmark vitk2.simulate against a closed-form NumPy baseline, with naive superposition beside.

One year of menatetrenone 15 mg three times a day on a one-minute grid (525,600 points).
Target: vitk2 at most 2x the baseline measured in the same run; exits 1 if missed.

    python benchmarks/bench_pk.py
"""

from __future__ import annotations

import math
import sys

import numpy as np
from _common import best_of

from vitk2 import DailyDose, divide, pk_model, simulate

DAYS = 365
STEP_MIN = 1
NAIVE_DAYS = 30  # naive superposition is O(points x doses); run a month and scale by (365/30)^2
TARGET = 2.0


def main() -> int:
    schedule = divide(DailyDose("MK-4", "45 mg/day"), 3)
    model = pk_model("MK-4")
    k, ka = model.elimination_rate, model.absorption_rate
    tmax = model.time_to_peak.hours
    scale = 1.0 / (math.exp(-k * tmax) - math.exp(-ka * tmax))
    hours_of_day = [lt.hour + lt.minute / 60 for lt in schedule.local_times()]
    rel = [float(a.amount.micrograms / schedule.daily_dose.micrograms_per_day)
           for a in schedule.administrations]  # fmt: skip

    def dose_arrays(days: int) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(hours_of_day)
        day = np.repeat(np.arange(days) * 24.0, len(order))
        times = day + np.tile(np.asarray(hours_of_day)[order], days)
        doses = np.tile(np.asarray(rel)[order], days)
        return times, doses

    def baseline(days: int) -> np.ndarray:
        """Closed form: states just after each dose, carried to each grid point analytically."""
        times, doses = dose_arrays(days)
        gaps = np.diff(times, prepend=times[0])
        body = np.empty_like(doses)
        gut = np.empty_like(doses)
        e = a = 0.0
        for i in range(len(doses)):
            e = e * math.exp(-k * gaps[i]) + doses[i]
            a = a * math.exp(-ka * gaps[i]) + doses[i]
            body[i], gut[i] = e, a
        grid = np.arange(days * 24 * 60 // STEP_MIN) * (STEP_MIN / 60)
        idx = np.searchsorted(times, grid, side="right") - 1
        valid = idx >= 0
        idx = np.where(valid, idx, 0)
        since = np.where(valid, grid - times[idx], 0.0)
        c = scale * (body[idx] * np.exp(-k * since) - gut[idx] * np.exp(-ka * since))
        return np.where(valid, c, 0.0)

    def naive(days: int) -> np.ndarray:
        """Superposition: add every past dose's Bateman curve at every grid point."""
        times, doses = dose_arrays(days)
        grid = np.arange(days * 24 * 60 // STEP_MIN) * (STEP_MIN / 60)
        c = np.zeros_like(grid)
        for t0, d in zip(times, doses, strict=True):
            dt = np.clip(grid - t0, 0.0, None)
            c += d * scale * (np.exp(-k * dt) - np.exp(-ka * dt))
        return c

    ours = simulate(schedule, DAYS, f"{STEP_MIN} min").concentration
    base = baseline(DAYS)
    assert ours.shape == base.shape == (DAYS * 24 * 60 // STEP_MIN,)
    assert np.allclose(ours, base, rtol=1e-12, atol=1e-12)
    assert np.allclose(simulate(schedule, NAIVE_DAYS, "1 min").concentration, naive(NAIVE_DAYS))

    t_ours = best_of(lambda: simulate(schedule, DAYS, f"{STEP_MIN} min"))
    t_base = best_of(lambda: baseline(DAYS))
    t_naive_month = best_of(lambda: naive(NAIVE_DAYS), repeat=1)
    t_naive_year = t_naive_month * (DAYS / NAIVE_DAYS) ** 2
    ratio = t_ours / t_base
    print(
        f"points: {len(ours):,}  doses: {DAYS * 3:,}\n"
        f"vitk2.simulate          {t_ours * 1e3:9.1f} ms\n"
        f"closed-form numpy       {t_base * 1e3:9.1f} ms\n"
        f"naive superposition     {t_naive_year * 1e3:9.1f} ms  (measured "
        f"{t_naive_month * 1e3:.1f} ms over {NAIVE_DAYS} days, scaled by ({DAYS}/{NAIVE_DAYS})^2)\n"
        f"ratio vitk2 / baseline  {ratio:9.2f}  (target <= {TARGET})\n"
        f"ratio naive / baseline  {t_naive_year / t_base:9.1f}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
