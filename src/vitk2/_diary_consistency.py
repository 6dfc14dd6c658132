"""Day-to-day consistency of vitamin K intake over a multi-day diary, for people on warfarin.

People taking warfarin or another vitamin K antagonist are told to keep their vitamin K intake
about the same from day to day (NIH Office of Dietary Supplements, vitamin K fact sheet).  This
module reports how much each day's intake varies, per vitamer and as totals by mass and by
moles.  It flags nothing: no source vitk2 has read sets a numeric limit on a day-to-day swing
(the studies quantify sustained changes, not daily swings: see docs/foods.md).

It fails closed: a day whose content is unknown for part of what was eaten could hide a swing
of any size (unknown is not zero, and foods hold up to several mg per 100 g), so a basis is
assessed only when every day's known share of the weight eaten is at least ``min_coverage``
(by default all of it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Final, final

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._diaries import Diary, percent_text
from vitk2._errors import FoodInputError, InvalidAmountError, NotFoundError
from vitk2._food_records import FOOD_VITAMERS
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__ = ["ConsistencyReport", "DayIntake", "IntakeVariation", "intake_consistency"]

_HUNDRED: Final = Fraction(100)
NO_THRESHOLD: Final = (
    "not flagged: no source vitk2 has read sets a numeric limit on day-to-day swings "
    "(NIH ODS advises a consistent intake without a number)"
)


@final
@attrs.frozen(kw_only=True)
class DayIntake:
    """One day's known intake on one basis, and the share of the weight eaten it covers."""

    day: str
    value: Fraction | None
    """The known intake (µg, or nmol for the moles basis); None when nothing eaten is known."""
    coverage: Fraction | None
    """Known share of the weight eaten, 0 to 1 (None when nothing was eaten)."""


@final
@attrs.frozen(kw_only=True)
class IntakeVariation:
    """How one basis (a vitamer, or a total) varies from day to day.

    ``assessed`` is False when a day covers less than ``min_coverage`` of its weight (or there
    are fewer than two days): the statistics are then None and ``reason`` says why.
    """

    basis: str
    """A vitamer (``"K1"``), or ``"total by mass"`` / ``"total by moles"``."""
    unit: str
    days: tuple[DayIntake, ...]
    min_coverage: Fraction
    assessed: bool
    reason: str

    def _values(self) -> list[Fraction] | None:
        if not self.assessed:
            return None
        values = [d.value for d in self.days]
        return [v if v is not None else Fraction(0) for v in values]

    @property
    def lowest(self) -> Fraction | None:
        """The lowest day's intake, or None when not assessed."""
        values = self._values()
        return None if values is None else min(values)

    @property
    def highest(self) -> Fraction | None:
        """The highest day's intake, or None when not assessed."""
        values = self._values()
        return None if values is None else max(values)

    @property
    def spread(self) -> Fraction | None:
        """Highest minus lowest day, or None when not assessed."""
        values = self._values()
        return None if values is None else max(values) - min(values)

    @property
    def mean(self) -> Fraction | None:
        """The mean daily intake, exact, or None when not assessed."""
        values = self._values()
        return None if values is None else sum(values, Fraction(0)) / len(values)

    @property
    def standard_deviation(self) -> float | None:
        """The sample standard deviation of the daily intakes, or None when not assessed."""
        values = self._values()
        mean = self.mean
        if values is None or mean is None:
            return None
        return math.sqrt(float(sum((v - mean) ** 2 for v in values) / (len(values) - 1)))

    @property
    def coefficient_of_variation(self) -> float | None:
        """Standard deviation over mean (None when not assessed or the mean is 0)."""
        sd, mean = self.standard_deviation, self.mean
        if sd is None or not mean:
            return None
        return sd / float(mean)

    @property
    def largest_change(self) -> tuple[Fraction, str, str] | None:
        """The largest change between consecutive days: (size, from day, to day), or None."""
        values = self._values()
        if values is None:
            return None
        pairs = zip(self.days, self.days[1:], values, values[1:], strict=False)
        size, a, b = max(
            ((abs(y - x), d1.day, d2.day) for d1, d2, x, y in pairs), key=lambda t: t[0]
        )
        return size, a, b

    def __str__(self) -> str:
        """``K1: 120–860 µg a day (mean 430, SD 310, CV 72 %); largest change 740 µg …``."""
        if not self.assessed:
            return f"{self.basis}: not assessed ({self.reason})"
        lo, hi, mean = self.lowest, self.highest, self.mean
        sd, cv, change = self.standard_deviation, self.coefficient_of_variation, self.largest_change
        assert lo is not None
        assert hi is not None
        assert mean is not None
        assert sd is not None
        assert change is not None
        cv_text = "" if cv is None else f", CV {round(cv * 100)} %"
        return (
            f"{self.basis}: {_n(lo)}–{_n(hi)} {self.unit} a day (mean {_n(mean)}, "
            f"SD {_n(Fraction(sd))}{cv_text}); largest day-to-day change {_n(change[0])} "
            f"{self.unit} ({change[1]} → {change[2]})"
        )


def _n(x: Fraction) -> str:
    """A value for reading, to 3 significant figures at most (exact values live in the data)."""
    if x == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(float(x)))))
    return format_number(Fraction(round(x, digits)))


@final
@attrs.frozen(kw_only=True)
class ConsistencyReport:
    """Day-to-day variation of vitamin K intake over a multi-day diary, per basis.

    Nothing is flagged (``threshold`` says why); a basis whose days are too incomplete is not
    assessed.
    """

    days: tuple[str, ...]
    variations: tuple[IntakeVariation, ...]
    min_coverage: Fraction
    threshold: str = NO_THRESHOLD
    sources: tuple[str, ...] = ("ods-vitamin-k",)
    """The advice to keep vitamin K intake consistent, and why nothing is flagged."""
    not_medical_advice: str = NOT_MEDICAL_ADVICE

    def __getitem__(self, basis: str | Vitamer) -> IntakeVariation:
        """The variation of one basis: a vitamer (or its name) or ``"total by mass"``."""
        wanted = basis if isinstance(basis, str) and basis.startswith("total") else None
        if wanted is None:
            wanted = vitamer(basis).key
        for v in self.variations:
            if v.basis == wanted:
                return v
        have = ", ".join(v.basis for v in self.variations)
        msg = f"{basis!r} is not a basis of this report; it has {have}"
        raise NotFoundError(msg)

    def to_text(self) -> str:
        """The report as lines of text."""
        head = (
            f"vitamin K intake over {len(self.days)} days ({self.days[0]} … {self.days[-1]}); "
            f"assessed where every day's known share of the weight is at least "
            f"{percent_text(self.min_coverage)}"
        )
        lines = [head]
        lines.extend(f"  {v}" for v in self.variations)
        lines.append(self.threshold)
        lines.append(self.not_medical_advice)
        return "\n".join(lines)

    def __str__(self) -> str:
        """The same as :meth:`to_text`."""
        return self.to_text()


def _day_pairs(days: object) -> list[tuple[str, Diary]]:
    if isinstance(days, Mapping):
        items = list(days.items())
    elif isinstance(days, Iterable) and not isinstance(days, str | bytes):
        items = list(days)
    else:
        msg = f"days={days!r} is not accepted; give a mapping of day -> Diary"
        raise FoodInputError(msg)
    out = []
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2 or not isinstance(item[1], Diary):
            msg = f"{item!r} is not a (day, Diary) pair; give e.g. {{'2026-12-01': Diary.of(...)}}"
            raise FoodInputError(msg)
        out.append((str(item[0]), item[1]))
    labels = [d for d, _ in out]
    if len(set(labels)) != len(labels):
        repeated = sorted({d for d in labels if labels.count(d) > 1})
        msg = f"days {repeated} are given more than once; give each day one Diary"
        raise FoodInputError(msg)
    return out


def _coverage_of_total(diary: Diary, keys: Sequence[Vitamer]) -> Fraction | None:
    """Known share of the weight where every vitamer of *keys* is known."""
    grams = Fraction(0)
    unknown = Fraction(0)
    for e in diary.entries:
        grams += e.grams
        if not all(e.food.content(v).known for v in keys):
            unknown += e.grams
    return None if not grams else 1 - unknown / grams


def _variation(
    basis: str, unit: str, days: list[DayIntake], min_coverage: Fraction
) -> IntakeVariation:
    short = [d for d in days if d.coverage is not None and d.coverage < min_coverage]
    if len(days) < 2:
        reason = "needs at least two days"
    elif short:
        worst = min(short, key=lambda d: (d.coverage, d.day))
        assert worst.coverage is not None
        reason = (
            f"content unknown for {percent_text(1 - worst.coverage)} of the weight eaten on "
            f"{worst.day}; {len(short)} of {len(days)} days cover less than "
            f"{percent_text(min_coverage)}"
        )
    else:
        reason = f"every day covers at least {percent_text(min_coverage)} of the weight eaten"
        if any(d.coverage is not None and d.coverage < 1 for d in days):
            reason += "; the figures count known content only (each day's is a lower bound)"
    return IntakeVariation(
        basis=basis,
        unit=unit,
        days=tuple(days),
        min_coverage=min_coverage,
        assessed=len(days) >= 2 and not short,
        reason=reason,
    )


def intake_consistency(
    days: Mapping[str, Diary] | Mapping[dt.date, Diary] | Iterable[tuple[str | dt.date, Diary]],
    *,
    vitamers: Iterable[Vitamer | str] = FOOD_VITAMERS,
    min_coverage: Fraction | int | str = 1,
) -> ConsistencyReport:
    """How much vitamin K intake varies from day to day, per vitamer and as totals.

    *days* maps each day (a date or a label, in order) to that day's :class:`Diary`.
    Totals by mass and by moles add the *vitamers* given; an entry counts as known for a total
    only when every one of them is known for it.  A basis is assessed only when every day's
    known share of the weight eaten is at least *min_coverage* (default 1: anything unknown
    could hide a swing of any size); a day with nothing eaten has intake 0.

    >>> from vitk2 import Diary
    >>> days = {
    ...     "Mon": Diary.of(("Kale, raw", "50 g")),
    ...     "Tue": Diary.of(("Kale, raw", "10 g"), ("Natto", "20 g")),
    ... }
    >>> report = intake_consistency(days, vitamers=["K1", "MK-7"])
    >>> str(report["K1"])
    'K1: 75.1–352 µg a day (mean 214, SD 196, CV 92 %); largest day-to-day change 277 µg (Mon → Tue)'
    >>> report["MK-7"].assessed, report["MK-7"].reason
    (False, 'content unknown for 100 % of the weight eaten on Mon; 2 of 2 days cover less than 100 %')
    """  # noqa: E501
    pairs = _day_pairs(days)
    if isinstance(vitamers, str):
        vitamers = (vitamers,)
    keys = tuple(dict.fromkeys(vitamer(v) for v in vitamers))
    if not keys:
        msg = "vitamers=() names no vitamer; give vitamers such as ['K1', 'MK-7']"
        raise FoodInputError(msg)
    try:
        threshold = Fraction(min_coverage) if not isinstance(min_coverage, bool) else None
    except (ValueError, TypeError, ZeroDivisionError):
        threshold = None
    if threshold is None or not 0 <= threshold <= 1:
        msg = f"min_coverage={min_coverage!r} is not accepted; give a share from 0 to 1 ('0.95')"
        raise InvalidAmountError(msg)
    per_vitamer: dict[Vitamer, list[DayIntake]] = {v: [] for v in keys}
    mass: list[DayIntake] = []
    moles: list[DayIntake] = []
    with_moles = all(v.molar_mass_g_per_mol is not None for v in keys)
    for day, diary in pairs:
        totals = diary.totals(keys)
        known_ug = Fraction(0)
        known_nmol = Fraction(0)
        for t in totals:
            ug = None if t.known is None else t.known.micrograms
            per_vitamer[t.vitamer].append(DayIntake(day=day, value=ug, coverage=t.coverage))
            if ug is not None:
                known_ug += ug
                if with_moles:
                    molar = t.vitamer.molar_mass_g_per_mol
                    assert molar is not None
                    known_nmol += ug * 1000 / molar
        cover = _coverage_of_total(diary, keys)
        mass.append(DayIntake(day=day, value=known_ug, coverage=cover))
        moles.append(DayIntake(day=day, value=known_nmol, coverage=cover))
    variations = [_variation(v.key, "µg", ds, threshold) for v, ds in per_vitamer.items()]
    if len(keys) > 1:
        variations.append(_variation("total by mass", "µg", mass, threshold))
        if with_moles:
            variations.append(_variation("total by moles", "nmol", moles, threshold))
    return ConsistencyReport(
        days=tuple(d for d, _ in pairs), variations=tuple(variations), min_coverage=threshold
    )
