"""Dose splitting: divide a :class:`~vitk2.DailyDose` into administrations people can follow.

Splitting is exact.  Without unit strengths the daily dose is split at the nanogram by largest
remainder allocation (the first administrations get the extra nanogram), so the parts add up to
the daily dose exactly and differ by at most 1 ng; a dose that is not a whole number of nanograms
(one read from moles, say) is split into exactly equal :class:`~fractions.Fraction` parts.  With
unit strengths (capsules of 15 mg, tablets of 100 µg and 50 µg …) every administration is a whole
number of units, the largest and smallest administration differ as little as possible, and a
daily dose that cannot be met raises :class:`InfeasibleScheduleError` listing the nearest
feasible schedules, unless the caller allows rounding, in which case the schedule states the
difference and a :class:`~vitk2.RoundingWarning` says so when it is made.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import gcd, lcm
from typing import Final

from vitk2._amounts import Amount, DailyDose, parse_amount
from vitk2._errors import InfeasibleScheduleError, RoundingWarning, ScheduleError, Vitk2Error
from vitk2._schedule_timing import Anchor, check_times, default_anchors
from vitk2._schedules import (
    Administration,
    Schedule,
    UnitCount,
    as_items,
    mass_text,
    refuse,
    to_anchor,
)
from vitk2._units import format_number
from vitk2._vitamers import MK4, Vitamer

__all__ = [
    "divide",
]


def _default_times(vitamer: Vitamer) -> int:
    return 3 if vitamer == MK4 else 1


def _read_strengths(
    vitamer: Vitamer, unit_strengths: Iterable[str | Amount] | str | Amount
) -> tuple[Amount, ...]:
    accepted = "a strength such as '15 mg', an Amount, or a list of them"
    items = (
        (unit_strengths,)
        if isinstance(unit_strengths, str | Amount)
        else as_items("unit_strengths", unit_strengths, accepted)
    )
    out: list[Amount] = []
    for s in items:
        if not isinstance(s, str | Amount):
            raise refuse("unit_strengths", unit_strengths, accepted)
        a = s if isinstance(s, Amount) else _strength_of(vitamer, s)
        if a.vitamer != vitamer:
            msg = (
                f"unit strength {a} is {a.vitamer.key}, but the dose is {vitamer.key}; give "
                f"strengths of the dosed vitamer ('15 mg' or '15 mg {vitamer.key}')"
            )
            raise ScheduleError(msg)
        if a.micrograms <= 0:
            msg = f"unit strength {a} must be more than zero"
            raise ScheduleError(msg)
        out.append(a)
    if not out:
        msg = "unit_strengths is empty; give at least one strength such as '15 mg', or None"
        raise ScheduleError(msg)
    return tuple(sorted(set(out), reverse=True))


def _strength_of(vitamer: Vitamer, text: str) -> Amount:
    """A strength text: an amount of the dosed vitamer ("15 mg"), or one naming its vitamer."""
    try:
        return Amount(vitamer, text)
    except Vitk2Error as exc:
        try:  # "15 mg K1": named, so a vitamer other than the dose's is said as such
            return parse_amount(text)
        except Vitk2Error:
            raise exc from None


MAX_GRID: Final = 200_000
"""Most multiples of the strengths' common divisor a daily dose may span (keeps splitting fast)."""


class _Units:
    """Integer arithmetic on whole units: everything counted in multiples of the strengths' gcd."""

    def __init__(self, strengths: tuple[Amount, ...], dose_ug: Fraction) -> None:
        den = lcm(*(s.micrograms.denominator for s in strengths), dose_ug.denominator)
        ints = [int(s.micrograms * den) for s in strengths]
        self.quantum = Fraction(gcd(*ints), den)  # µg
        self.strengths = strengths
        self.sizes = [int(s.micrograms / self.quantum) for s in strengths]
        self.dose = dose_ug / self.quantum  # a Fraction in quanta, maybe not whole

    def tables(self, limit: int) -> tuple[list[int], list[int]]:
        """Fewest and most units making up each value 0..limit (-1 where impossible)."""
        inf = limit + 1
        fewest = [inf] * (limit + 1)
        most = [-1] * (limit + 1)
        fewest[0] = 0
        most[0] = 0
        for v in range(1, limit + 1):
            for s in self.sizes:
                if s <= v and most[v - s] >= 0:
                    fewest[v] = min(fewest[v], fewest[v - s] + 1)
                    most[v] = max(most[v], most[v - s] + 1)
        return [f if f <= limit else -1 for f in fewest], most

    def combination(self, value: int, fewest: list[int]) -> tuple[UnitCount, ...]:
        """The combination with the fewest units, preferring larger strengths."""
        counts = [0] * len(self.sizes)
        v = value
        while v > 0:
            for i, s in enumerate(self.sizes):  # strengths are sorted large to small
                if s <= v and fewest[v - s] == fewest[v] - 1:
                    counts[i] += 1
                    v -= s
                    break
        return tuple(
            UnitCount(c, st) for c, st in zip(counts, self.strengths, strict=True) if c
        )


def _balanced(total: int, n: int, usable: list[int]) -> list[int] | None:
    """Pick n values from *usable* (sorted) summing to *total* with the smallest spread, or None."""
    target = Fraction(total, n)
    lows = [u for u in reversed(usable) if u <= target]  # nearest the target first
    highs = [u for u in usable if u >= target]
    if not lows or not highs:
        return None
    # Windows [lo, hi] in order of increasing spread, generated lazily (k smallest pair sums);
    # after many misses, fall back to the widest window, which holds every solution.
    heap = [(highs[0] - lows[0], 0, 0)]
    seen = {(0, 0)}
    for _ in range(2000):
        if not heap:
            break
        _, i, j = heapq.heappop(heap)
        for ni, nj in ((i + 1, j), (i, j + 1)):
            if ni < len(lows) and nj < len(highs) and (ni, nj) not in seen:
                seen.add((ni, nj))
                heapq.heappush(heap, (highs[nj] - lows[ni], ni, nj))
        found = _pick(total, n, [u for u in usable if lows[i] <= u <= highs[j]])
        if found is not None:
            return found
    return _pick(total, n, usable)


def _pick(total: int, n: int, allowed: list[int]) -> list[int] | None:
    """Pick n values (repeats allowed) from *allowed* summing to *total*, as a bitset DP."""
    mask = (1 << (total + 1)) - 1
    layers = [1]
    for _ in range(n):
        nxt = 0
        for u in allowed:
            nxt |= layers[-1] << u
        layers.append(nxt & mask)
    if not (layers[n] >> total) & 1:
        return None
    # Walk back through the layers; take large values first so the result is deterministic.
    parts: list[int] = []
    rest = total
    for k in range(n, 0, -1):
        for u in sorted(allowed, reverse=True):
            if rest - u >= 0 and (layers[k - 1] >> (rest - u)) & 1:
                parts.append(u)
                rest -= u
                break
    return sorted(parts, reverse=True)


def divide(
    daily_dose: DailyDose,
    times: int | None = None,
    *,
    unit_strengths: Iterable[str | Amount] | str | Amount | None = None,
    allow_rounding: bool = False,
    anchors: Sequence[str | Anchor] | None = None,
) -> Schedule:
    """Split *daily_dose* into *times* administrations a day, exactly.

    *times* defaults to the vitamer's usual number (3 for menatetrenone, MK-4; 1 otherwise) and
    *anchors* to :func:`default_anchors`.

    >>> str(divide(DailyDose("MK-4", "45 mg/day"), times=3, unit_strengths=["15 mg"]))
    '15 mg MK-4 three times a day after meals'
    >>> [str(a.amount) for a in divide(DailyDose("MK-7", "100 µg/day"), times=3).administrations]
    ['33.334 µg MK-7', '33.333 µg MK-7', '33.333 µg MK-7']
    >>> divide(DailyDose("MK-7", "180 µg/day"), times=2, unit_strengths=["100 µg"])
    Traceback (most recent call last):
    ...
    vitk2.InfeasibleScheduleError: 180 µg/day MK-7 cannot be given as 2 administrations ...

    With ``allow_rounding=True`` the nearest feasible schedule is taken (the lower one on a
    tie); it states the difference, and a :class:`~vitk2.RoundingWarning` says it too:

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     rounded = divide(DailyDose("MK-7", "180 µg/day"), 2, unit_strengths="100 µg",
    ...                      allow_rounding=True)
    >>> str(rounded)
    '100 µg MK-7 twice a day after breakfast and after dinner (rounded: +20 µg/day MK-7 against the requested 180 µg/day MK-7)'
    >>> print(caught[0].message)
    180 µg/day MK-7 cannot be given as 2 administrations of whole units of 100 µg; scheduled 200 µg/day MK-7 instead (+20 µg/day MK-7), as allow_rounding=True allows
    """  # noqa: E501
    if not isinstance(daily_dose, DailyDose):
        msg = (
            f"divide() needs a DailyDose such as DailyDose('MK-4', '45 mg/day'), "
            f"got {daily_dose!r}"
        )
        raise ScheduleError(msg)
    v = daily_dose.vitamer
    n = check_times(_default_times(v) if times is None else times)
    dose_ug = daily_dose.micrograms_per_day
    if dose_ug <= 0:
        msg = f"cannot divide a daily dose of {daily_dose}; give a dose above zero"
        raise ScheduleError(msg)
    if anchors is None:
        chosen = default_anchors(v, n)
    else:
        given = (
            (anchors,)
            if isinstance(anchors, str)
            else as_items("anchors", anchors, "a list such as ['after breakfast', '20:00']")
        )
        chosen = tuple(to_anchor(a) for a in given)
        if len(chosen) != n:
            msg = f"{len(chosen)} anchors given for times={n}; give one anchor per administration"
            raise ScheduleError(msg)

    if unit_strengths is None:
        return Schedule(_exact_parts(v, dose_ug, n, chosen), daily_dose)

    strengths = _read_strengths(v, unit_strengths)
    too_big = [s for s in strengths if s.micrograms > dose_ug]
    if too_big:
        msg = (
            f"unit strength {mass_text(too_big[0])} is larger than the whole daily dose "
            f"{daily_dose}; give strengths no larger than the dose (check µg against mg)"
        )
        raise ScheduleError(msg)
    units = _Units(strengths, dose_ug)
    limit = int(units.dose) + n * max(units.sizes)
    if limit > MAX_GRID:
        msg = (
            f"{daily_dose} is {limit} multiples of the strengths' common divisor "
            f"{format_number(units.quantum)} µg; at most {MAX_GRID} are supported"
        )
        raise ScheduleError(msg)
    fewest, most = units.tables(limit)

    def build(total: int) -> Schedule:
        usable = [u for u in range(1, total + 1) if most[u] >= 1]
        parts = _balanced(total, n, usable)
        assert parts is not None  # callers pass only feasible totals
        adm = tuple(
            Administration(
                a,
                Amount.from_micrograms(v, p * units.quantum),
                units.combination(p, fewest),
            )
            for a, p in zip(chosen, parts, strict=True)
        )
        return Schedule(adm, daily_dose)

    feasible = [t for t in range(limit + 1) if most[t] >= n]
    if units.dose.denominator == 1 and int(units.dose) in feasible:
        return build(int(units.dose))
    below = [t for t in feasible if t < units.dose]
    above = [t for t in feasible if t > units.dose]
    nearest = tuple(build(t) for t in (below[-1:] + above[:1]))
    strengths_text = ", ".join(mass_text(s) for s in strengths)
    if allow_rounding and nearest:
        # Nearest total; on a tie, the lower one (rounding never adds on a tie).
        rounded = min(nearest, key=lambda s: (abs(s.difference), s.difference))
        _warn_rounded(rounded, strengths_text)
        return rounded
    options = "; ".join(
        f"{s.daily_dose} as {' + '.join(mass_text(a.amount) for a in s.administrations)}"
        for s in nearest
    )
    msg = (
        f"{daily_dose} cannot be given as {n} administrations of whole units of "
        f"{strengths_text}; nearest feasible: {options or 'none'}; pass allow_rounding=True "
        "to take the nearest"
    )
    raise InfeasibleScheduleError(msg, nearest)


def _warn_rounded(schedule: Schedule, strengths_text: str) -> None:
    """Say, as a :class:`~vitk2.RoundingWarning`, that *schedule* is not the dose asked for."""
    import warnings  # noqa: PLC0415 - only when rounding

    n = schedule.times_per_day
    sign = "+" if schedule.difference > 0 else "−"
    diff = DailyDose.from_micrograms_per_day(schedule.vitamer, abs(schedule.difference))
    msg = (
        f"{schedule.requested} cannot be given as {n} administration{'' if n == 1 else 's'} of "
        f"whole units of {strengths_text}; scheduled {schedule.daily_dose} instead "
        f"({sign}{diff}), as allow_rounding=True allows"
    )
    # stacklevel 3: the line that called divide(), not divide() itself.
    warnings.warn(RoundingWarning(msg), stacklevel=3)


def _exact_parts(
    v: Vitamer, dose_ug: Fraction, n: int, anchors: tuple[Anchor, ...]
) -> tuple[Administration, ...]:
    nanograms = dose_ug * 1000
    if nanograms.denominator == 1:
        q, r = divmod(int(nanograms), n)
        parts = [Fraction(q + (1 if i < r else 0), 1000) for i in range(n)]
    else:
        parts = [dose_ug / n] * n
    if parts[-1] == 0:
        msg = (
            f"{DailyDose.from_micrograms_per_day(v, dose_ug)} is too small to give {n} times a "
            "day (less than 1 ng each); give fewer times"
        )
        raise ScheduleError(msg)
    return tuple(
        Administration(a, Amount.from_micrograms(v, p)) for a, p in zip(anchors, parts, strict=True)
    )
