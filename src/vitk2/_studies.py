"""Doses used in human trials of vitamin K2 (with K1 comparators), each cited.

A :class:`Study` is one dose arm of a published trial: a trial with three dose groups is three
records sharing a ``trial`` label and citation.  Doses are exact :class:`~vitk2.DailyDose`
values; where a paper gives the dose per administration (``3 × 15 mg``, ``360 µg three times a
week``) the record keeps that :class:`Division` too, and ``division`` is ``None`` where the
paper's abstract does not say how the dose was split.  Findings are one line each, in vitk2's
own words, at the level of the abstract.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, Literal, final

import attrs

from vitk2._amounts import Amount, DailyDose, compare, text_spec
from vitk2._errors import (
    IncompatibleVitamersError,
    InvalidAmountError,
    NotFoundError,
    UnknownOutcomeError,
    Vitk2Error,
)
from vitk2._sources import Citation, citation
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__ = [
    "DEFAULT_TOLERANCE",
    "OUTCOME_AREAS",
    "Division",
    "DoseInContext",
    "OutcomeArea",
    "Study",
    "UnknownOutcomeError",
    "all_studies",
    "dose_in_context",
    "studies",
    "study",
]

OutcomeArea = Literal[
    "bone",
    "fracture",
    "vascular calcification",
    "arterial stiffness",
    "anticoagulation",
    "pharmacokinetics",
    "vitamin K status",
    "glycaemic",
]
#: The fixed set of outcome areas a study can be filed under.
OUTCOME_AREAS: Final[tuple[OutcomeArea, ...]] = (
    "bone",
    "fracture",
    "vascular calcification",
    "arterial stiffness",
    "anticoagulation",
    "pharmacokinetics",
    "vitamin K status",
    "glycaemic",
)
#: "About the same" means within ±20 % of the dose asked about.
DEFAULT_TOLERANCE: Final = Fraction(1, 5)
Basis = Literal["vitamer", "mass", "moles"]


@final
@attrs.frozen(kw_only=True)
class Division:
    """How a daily dose was given: ``administrations`` of ``each`` per day or per week.

    >>> d = Division(administrations=3, per="day", each=Amount("MK-4", "15 mg"))
    >>> str(d), d.daily_dose
    ('3 × 15 mg MK-4 per day', DailyDose('MK-4', '45 mg/day'))
    """

    administrations: int = attrs.field(validator=attrs.validators.ge(1))
    per: Literal["day", "week"] = attrs.field(validator=attrs.validators.in_(("day", "week")))
    each: Amount

    @property
    def daily_dose(self) -> DailyDose:
        """The average daily dose: per-week schedules are divided by 7, exactly."""
        days = 1 if self.per == "day" else 7
        return DailyDose.from_micrograms_per_day(
            self.each.vitamer, self.each.micrograms * self.administrations / days
        )

    def __str__(self) -> str:
        """E.g. ``'3 × 360 µg MK-7 per week'``."""
        return f"{self.administrations} × {self.each} per {self.per}"


def _outcomes(value: Iterable[str]) -> tuple[OutcomeArea, ...]:
    return tuple(_outcome(v) for v in value)


#: The evidence map's name for an area, where the dose catalogue calls it otherwise.
_AREA_ALIASES: Final[dict[str, OutcomeArea]] = {"calcification": "vascular calcification"}


def _outcome(name: object) -> OutcomeArea:
    if isinstance(name, str):
        folded = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
        for area in OUTCOME_AREAS:
            if area.casefold() == folded:
                return area
        if folded in _AREA_ALIASES:
            return _AREA_ALIASES[folded]
    msg = f"no outcome area {name!r}; choose one of: {', '.join(OUTCOME_AREAS)}"
    raise UnknownOutcomeError(msg)


@final
@attrs.frozen(kw_only=True)
class Study:
    """One dose arm of a published human trial.

    >>> s = study("knapen-2013")
    >>> s.daily_dose, s.duration, s.n_randomized
    (DailyDose('MK-7', '180 µg/day'), '3 y', 244)
    >>> s.citations[0].doi
    '10.1007/s00198-013-2325-6'
    """

    key: str
    trial: str
    sources: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    daily_dose: DailyDose
    division: Division | None
    """How the dose was split, or ``None`` where the source's abstract does not say."""
    duration: str
    """As stated in the source (``'3 y'``, ``'8 wk'``)."""
    population: str
    n_randomized: int | None
    outcomes: tuple[OutcomeArea, ...] = attrs.field(converter=_outcomes)
    finding: str
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """The split, where given, must add up to the daily dose."""
        if self.division is not None and self.division.daily_dose != self.daily_dose:
            msg = f"study {self.key!r}: {self.division} is not {self.daily_dose}"
            raise Vitk2Error(msg)

    @property
    def vitamer(self) -> Vitamer:
        """The vitamer given."""
        return self.daily_dose.vitamer

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The cited sources as :class:`~vitk2.Citation` objects."""
        return tuple(citation(k) for k in self.sources)

    def __str__(self) -> str:
        """One line: trial, dose, duration and size."""
        return format(self, "")

    def __format__(self, spec: str) -> str:
        """``str()``, or with ``"human"`` the dose as people read it (``≈154 µg/day MK-7``)."""
        dose = format(self.daily_dose, text_spec(spec, "a study arm"))
        n = "n unknown" if self.n_randomized is None else f"n={self.n_randomized}"
        return f"{self.trial}: {dose}, {self.duration}, {n}"


def _division(raw: dict[str, Any] | None, v: Vitamer) -> Division | None:
    if raw is None:
        return None
    return Division(
        administrations=raw["administrations"],
        per=raw["per"],
        each=Amount.from_micrograms(v, raw["each_ug"]),
    )


@cache
def _records() -> tuple[Study, ...]:
    text = resources.files("vitk2").joinpath("data", "studies.json").read_text(encoding="utf-8")
    out = []
    for raw in json.loads(text):
        v = vitamer(raw["vitamer"])
        out.append(
            Study(
                key=raw["key"],
                trial=raw["trial"],
                sources=tuple(raw["sources"]),
                daily_dose=DailyDose.from_micrograms_per_day(v, raw["ug_per_day"]),
                division=_division(raw["division"], v),
                duration=raw["duration"],
                population=raw["population"],
                n_randomized=raw["n_randomized"],
                outcomes=raw["outcomes"],
                finding=raw["finding"],
                note=raw.get("note"),
            )
        )
    return tuple(out)


def all_studies() -> tuple[Study, ...]:
    """Every study dose arm vitk2 ships.

    >>> len({s.trial.split(",")[0].split(" (")[0] for s in all_studies()}) >= 20
    True
    """
    return _records()


def study(key: str) -> Study:
    """The study arm with this key.

    >>> study("jiang-2014").daily_dose
    DailyDose('MK-4', '45 mg/day')
    >>> study("nobody-1900")
    Traceback (most recent call last):
    ...
    vitk2.NotFoundError: no study 'nobody-1900'; ...
    """
    for s in _records():
        if s.key == key:
            return s
    msg = f"no study {key!r}; see vitk2.all_studies() for the keys"
    raise NotFoundError(msg)


def studies(
    *,
    vitamer: Vitamer | str | None = None,
    outcome: str | None = None,
    dose_range: tuple[DailyDose, DailyDose] | None = None,
) -> tuple[Study, ...]:
    """Study arms filtered by vitamer, outcome area and an inclusive daily-dose range.

    A dose range compares doses of one vitamer only: its bounds fix the vitamer.

    >>> [s.key for s in studies(vitamer="MK-7", outcome="Arterial  Stiffness")]
    ['knapen-2015']
    >>> low, high = DailyDose("MK-7", "100 µg/day"), DailyDose("MK-7", "200 µg/day")
    >>> sorted({s.trial for s in studies(dose_range=(low, high))})
    ['Caluwé 2014, 360 µg three times a week', 'Knapen 2013', 'Knapen 2015']
    """
    from vitk2._vitamers import vitamer as _lookup  # noqa: PLC0415 (the parameter shadows it)

    want = None if vitamer is None else _lookup(vitamer)
    area = None if outcome is None else _outcome(outcome)
    lo = hi = None
    if dose_range is not None:
        pair = tuple(dose_range) if isinstance(dose_range, tuple | list) else ()
        lo, hi = pair if len(pair) == 2 else (None, None)
        if not isinstance(lo, DailyDose) or not isinstance(hi, DailyDose):
            msg = f"dose_range must be two DailyDoses, not {dose_range!r}"
            raise InvalidAmountError(msg)
        if lo.vitamer != hi.vitamer:
            msg = f"dose_range ({lo}, {hi}) mixes vitamers; give one vitamer"
            raise IncompatibleVitamersError(msg)
        if want is not None and want != lo.vitamer:
            msg = f"vitamer={want.key} but dose_range is in {lo.vitamer.key}"
            raise IncompatibleVitamersError(msg)
        if hi < lo:
            msg = f"dose_range ({lo}, {hi}) is reversed; give (low, high)"
            raise InvalidAmountError(msg)
        want = lo.vitamer
    out = []
    for s in _records():
        if want is not None and s.vitamer != want:
            continue
        if area is not None and area not in s.outcomes:
            continue
        if lo is not None and hi is not None and not (lo <= s.daily_dose <= hi):
            continue
        out.append(s)
    return tuple(out)


@final
@attrs.frozen(kw_only=True)
class DoseInContext:
    """Where a daily dose sits among the doses trials used.

    Every compared study arm is in exactly one of ``less``, ``about_same`` and ``more``;
    "about the same" means within ``tolerance`` (±20 % by default) of ``dose``.
    """

    dose: DailyDose
    by: Basis
    tolerance: Fraction
    less: tuple[Study, ...]
    about_same: tuple[Study, ...]
    more: tuple[Study, ...]
    outcome: OutcomeArea | None = None
    """The outcome area the study arms were restricted to, or ``None`` for all of them."""

    @property
    def compared(self) -> tuple[Study, ...]:
        """All study arms that were compared, in the three groups' order."""
        return self.less + self.about_same + self.more

    def __str__(self) -> str:
        """A short readable summary, listing the trials near the dose."""
        return format(self, "")

    def __format__(self, spec: str) -> str:
        """``str()``, or with ``"human"`` the doses as people read them (``≈154 µg/day``)."""
        spec = text_spec(spec, "a dose in context")
        pct = format_number(self.tolerance * 100)
        basis = "same vitamer" if self.by == "vitamer" else f"all vitamers, by {self.by}"
        arms = "study arms" if self.outcome is None else f"{self.outcome} study arms"
        lines = [
            f"{self.dose:{spec}} among {len(self.compared)} {arms} ({basis}):",
            f"  used less: {len(self.less)}",
            f"  about the same (±{pct}%): {len(self.about_same)}",
        ]
        lines.extend(f"    {s:{spec}}" for s in self.about_same)
        lines.append(f"  used more: {len(self.more)}")
        return "\n".join(lines)


def dose_in_context(
    dose: DailyDose,
    *,
    by: Basis = "vitamer",
    tolerance: Fraction | int = DEFAULT_TOLERANCE,
    outcome: str | None = None,
) -> DoseInContext:
    """Which study arms used less, about the same, or more than ``dose``.

    By default only arms of the same vitamer are compared (``by="vitamer"``); ``by="mass"`` or
    ``by="moles"`` compares with every arm through :func:`vitk2.compare`.  ``outcome``
    restricts the comparison to the arms of one outcome area (``"arterial stiffness"``;
    ``"calcification"`` is read as ``"vascular calcification"``).

    >>> print(dose_in_context(DailyDose("MK-7", "180 µg/day"), outcome="arterial stiffness"))
    180 µg/day MK-7 among 1 arterial stiffness study arms (same vitamer):
      used less: 0
      about the same (±20%): 1
        Knapen 2015: 180 µg/day MK-7, 3 y, n=244
      used more: 0

    >>> ctx = dose_in_context(DailyDose("MK-4", "45 mg/day"))
    >>> len(ctx.about_same), len(ctx.less), len(ctx.more)
    (4, 5, 1)
    >>> print(dose_in_context(DailyDose("MK-7", "180 µg/day")))
    180 µg/day MK-7 among 18 study arms (same vitamer):
      used less: 6
      about the same (±20%): 3
        Knapen 2013: 180 µg/day MK-7, 3 y, n=244
        Knapen 2015: 180 µg/day MK-7, 3 y, n=244
        Caluwé 2014, 360 µg three times a week: 1080/7 µg/day MK-7, 8 wk, n=200
      used more: 9
    """
    if not isinstance(dose, DailyDose):
        msg = f"dose_in_context() takes a DailyDose such as '180 µg/day' MK-7, not {dose!r}"
        raise InvalidAmountError(msg)
    if by not in ("vitamer", "mass", "moles"):
        msg = f"by={by!r}: choose 'vitamer', 'mass' or 'moles'"
        raise InvalidAmountError(msg)
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | Fraction)
        or not (0 <= tolerance < 1)
    ):
        msg = f"tolerance={tolerance!r}: give a Fraction from 0 to under 1, e.g. Fraction(1, 5)"
        raise InvalidAmountError(msg)
    if dose.micrograms_per_day == 0:
        msg = f"{dose} is zero; there is nothing to place among trial doses"
        raise InvalidAmountError(msg)
    area = None if outcome is None else _outcome(outcome)
    tol = Fraction(tolerance)
    less: list[Study] = []
    same: list[Study] = []
    more: list[Study] = []
    for s in _records():
        if area is not None and area not in s.outcomes:
            continue
        if by == "vitamer":
            if s.vitamer != dose.vitamer:
                continue
            ratio = s.daily_dose.micrograms_per_day / dose.micrograms_per_day
        else:
            ratio = compare(s.daily_dose, dose, by=by).ratio
        if ratio < 1 - tol:
            less.append(s)
        elif ratio > 1 + tol:
            more.append(s)
        else:
            same.append(s)
    return DoseInContext(
        dose=dose,
        by=by,
        tolerance=tol,
        less=tuple(less),
        about_same=tuple(same),
        more=tuple(more),
        outcome=area,
    )
