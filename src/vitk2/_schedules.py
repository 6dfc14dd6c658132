"""Divided-dose schedules: split a :class:`~vitk2.DailyDose` into administrations people can follow.

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

import datetime as dt
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from math import gcd, lcm
from typing import Any, Final, Literal, TypeAlias, final

import attrs

from vitk2._amounts import Amount, DailyDose
from vitk2._errors import (
    InfeasibleScheduleError,
    RoundingWarning,
    ScheduleError,
    UnknownTimeZoneError,
)
from vitk2._units import format_number
from vitk2._vitamers import MK4, Vitamer

__all__ = [
    "MAX_DAYS",
    "Administration",
    "Anchor",
    "DoseEvent",
    "InfeasibleScheduleError",
    "MealAnchor",
    "Schedule",
    "ScheduleError",
    "UnitCount",
    "UnknownTimeZoneError",
    "anchor",
    "check_days",
    "count_dosing_days",
    "default_anchors",
    "divide",
    "read_time_zone",
]


Meal = Literal["breakfast", "lunch", "dinner"]
Relation = Literal["before", "with", "after"]
_MEALS: Final[tuple[str, ...]] = ("breakfast", "lunch", "dinner")
_RELATIONS: Final[tuple[str, ...]] = ("before", "with", "after")

DEFAULT_MEAL_TIMES: Final[Mapping[str, dt.time]] = {
    "breakfast": dt.time(8, 0),
    "lunch": dt.time(12, 30),
    "dinner": dt.time(18, 30),
}
"""Local meal times used when a schedule is placed on a clock; an unnamed meal is lunch."""

MealTimes: TypeAlias = Mapping[str, "dt.time | str"]
"""Meal times by meal name: ``{"dinner": datetime.time(19, 0)}`` or ``{"dinner": "19:00"}``."""

_EPOCH: Final = dt.date(2000, 1, 1)

RELATION_OFFSET: Final[Mapping[str, dt.timedelta]] = {
    "before": dt.timedelta(minutes=-30),
    "with": dt.timedelta(0),
    "after": dt.timedelta(minutes=30),
}
"""Where "before", "with" and "after" a meal fall on the clock (a convention, not a source)."""


@final
@attrs.frozen
class MealAnchor:
    """An administration tied to a meal: ``after breakfast``, ``with a fat-containing meal``.

    ``meal=None`` means any main meal.

    >>> str(MealAnchor("breakfast", "after"))
    'after breakfast'
    >>> str(MealAnchor(None, "with", fat_containing=True))
    'with a fat-containing meal'
    """

    meal: Meal | None = attrs.field(
        validator=attrs.validators.optional(attrs.validators.in_(_MEALS))
    )
    relation: Relation = attrs.field(default="after", validator=attrs.validators.in_(_RELATIONS))
    fat_containing: bool = attrs.field(default=False, kw_only=True)

    def __str__(self) -> str:
        """Plain words: ``after dinner``."""
        if self.meal is None:
            what = "a fat-containing meal" if self.fat_containing else "a meal"
        else:
            what = self.meal
        return f"{self.relation} {what}"

    def local_time(self, meal_times: MealTimes | None = None) -> dt.time:
        """The wall-clock time of this anchor given meal times (defaults: 08:00, 12:30, 18:30).

        Meal times are :class:`datetime.time` values or ``"HH:MM"`` text.  When the offset
        crosses midnight (after a dinner at 23:50) the time is on the next day; see
        :meth:`day_shift`.

        >>> MealAnchor("dinner", "after").local_time()
        datetime.time(19, 0)
        >>> MealAnchor("dinner", "after").local_time({"dinner": "23:50"})
        datetime.time(0, 20)
        """
        return self._placed(read_meal_times(meal_times))[0]

    def day_shift(self, meal_times: MealTimes | None = None) -> int:
        """The calendar day of this dose relative to its meal's day: 0, +1 or -1.

        A dose belongs to the day of its meal: 30 minutes after a dinner at 23:50 is 00:20 on
        the *next* day (+1); 30 minutes before a breakfast at 00:10 is 23:40 on the day before
        (-1).

        >>> after_dinner = MealAnchor("dinner", "after")
        >>> after_dinner.day_shift(), after_dinner.day_shift({"dinner": "23:50"})
        (0, 1)
        """
        return self._placed(read_meal_times(meal_times))[1]

    def _placed(self, times: Mapping[str, dt.time]) -> tuple[dt.time, int]:
        moment = dt.datetime.combine(_EPOCH, times[self.meal or "lunch"])
        moved = moment + RELATION_OFFSET[self.relation]
        return moved.time(), (moved.date() - _EPOCH).days


Anchor: TypeAlias = MealAnchor | dt.time
"""A meal anchor or a naive wall-clock :class:`datetime.time`."""

_CLOCK: Final = re.compile(r"^\s*(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(?:h)?\s*$", re.IGNORECASE)
_MEAL_TEXT: Final = re.compile(
    r"^\s*(before|with|after)\s+(?:the\s+|a\s+)?(fat-containing\s+|fatty\s+)?"
    r"(breakfast|lunch|dinner|meal)s?\s*$",
    re.IGNORECASE,
)


def _clock(text: str) -> dt.time | None:
    """``"08:00"``, ``"8:30"``, ``"at 20"``, ``"7h"`` as a wall-clock time, or None."""
    c = _CLOCK.match(text)
    if c:
        hour, minute = int(c.group(1)), int(c.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return None


def read_meal_times(meal_times: object) -> Mapping[str, dt.time]:
    """The meal times to place a schedule on the clock: the defaults, overridden by *meal_times*.

    Keys are ``"breakfast"``, ``"lunch"`` and ``"dinner"``; values are naive
    :class:`datetime.time` values or clock text such as ``"08:00"``.  Anything else is refused,
    naming the bad key or value (a misspelt meal is never silently ignored).

    >>> read_meal_times({"dinner": "19:15"})["dinner"]
    datetime.time(19, 15)
    >>> read_meal_times({"diner": "19:15"})
    Traceback (most recent call last):
    ...
    vitk2.ScheduleError: meal_times key 'diner' is not a meal; give 'breakfast', 'lunch' or 'dinner'
    """
    if meal_times is None:
        return DEFAULT_MEAL_TIMES
    if not isinstance(meal_times, Mapping):
        msg = (
            f"meal_times={meal_times!r} is not a mapping; give a dict such as "
            "{'breakfast': '07:30', 'dinner': datetime.time(19, 0)}"
        )
        raise ScheduleError(msg)
    out = dict(DEFAULT_MEAL_TIMES)
    for key, value in meal_times.items():
        if key not in _MEALS:
            msg = f"meal_times key {key!r} is not a meal; give 'breakfast', 'lunch' or 'dinner'"
            raise ScheduleError(msg)
        time = _clock(value) if isinstance(value, str) else value
        if not isinstance(time, dt.time) or time.tzinfo is not None:
            msg = (
                f"meal_times[{key!r}]={value!r} is not a meal time; give clock text such as "
                "'19:00' or a datetime.time without a time zone (pass tz= to place it)"
            )
            raise ScheduleError(msg)
        out[key] = time
    return out


def anchor(value: str | Anchor) -> Anchor:
    """Read an anchor: ``"after breakfast"``, ``"with a fat-containing meal"``, ``"08:00"``.

    >>> anchor("after lunch")
    MealAnchor(meal='lunch', relation='after', fat_containing=False)
    >>> anchor("20:30")
    datetime.time(20, 30)
    >>> anchor("after tea")
    Traceback (most recent call last):
    ...
    vitk2.ScheduleError: cannot read the anchor 'after tea'; ...
    """
    if isinstance(value, MealAnchor):
        return value
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            msg = f"anchor {value!r} has a time zone; give a wall-clock time and pass tz= later"
            raise ScheduleError(msg)
        return value
    if isinstance(value, str):
        m = _MEAL_TEXT.match(value)
        if m:
            relation, fat, meal = m.group(1).lower(), m.group(2), m.group(3).lower()
            return MealAnchor(
                None if meal == "meal" else meal,  # type: ignore[arg-type]
                relation,  # type: ignore[arg-type]
                fat_containing=fat is not None,
            )
        clock = _clock(value)
        if clock is not None:
            return clock
    msg = (
        f"cannot read the anchor {value!r}; give 'before|with|after breakfast|lunch|dinner|meal', "
        "'with a fat-containing meal', a clock time such as '08:00', or a datetime.time"
    )
    raise ScheduleError(msg)


def _anchor_text(a: Anchor) -> str:
    return str(a) if isinstance(a, MealAnchor) else f"at {a:%H:%M}"


def _placement(a: Anchor, times: Mapping[str, dt.time]) -> tuple[dt.time, int]:
    """Wall-clock time and day shift (-1, 0, +1) of an anchor, given read meal times."""
    return a._placed(times) if isinstance(a, MealAnchor) else (a, 0)


def default_anchors(vitamer: Vitamer, times: int) -> tuple[Anchor, ...]:
    """Sensible anchors for *times* administrations a day of *vitamer*.

    Menatetrenone (MK-4) is labelled for three doses after meals; other forms, fat-soluble,
    are taken with a fat-containing meal once a day, after breakfast and dinner twice a day,
    after each meal three times a day, and at evenly spaced clock times from 08:00 beyond that.

    >>> [str(a) for a in default_anchors(MK4, 3)]
    ['after breakfast', 'after lunch', 'after dinner']
    >>> from vitk2 import MK7
    >>> [str(a) for a in default_anchors(MK7, 1)]
    ['with a fat-containing meal']
    """
    _check_times(times)
    if times == 1:
        if vitamer == MK4:
            return (MealAnchor("breakfast", "after"),)
        return (MealAnchor(None, "with", fat_containing=True),)
    if times == 2:
        return (MealAnchor("breakfast", "after"), MealAnchor("dinner", "after"))
    if times == 3:
        return tuple(MealAnchor(m, "after") for m in ("breakfast", "lunch", "dinner"))
    step = Fraction(24 * 60, times)
    out: list[Anchor] = []
    for i in range(times):
        minutes = 8 * 60 + int(step * i)
        out.append(dt.time((minutes // 60) % 24, minutes % 60))
    return tuple(out)


def _default_times(vitamer: Vitamer) -> int:
    return 3 if vitamer == MK4 else 1


MAX_TIMES: Final = 24


def _check_times(times: object) -> int:
    if isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= MAX_TIMES:
        msg = (
            f"times={times!r}: the number of administrations a day must be a whole number "
            f"from 1 to {MAX_TIMES}"
        )
        raise ScheduleError(msg)
    return times


def _fail(what: str, value: object, accepted: str) -> ScheduleError:
    return ScheduleError(f"{what}={value!r} is not accepted; give {accepted}")


def _check_count(_: object, __: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail("count", value, "a whole number of units, at least 1")


def _check_strength(_: object, __: object, value: Any) -> None:
    if not isinstance(value, Amount) or value.micrograms <= 0:
        raise _fail("strength", value, "an Amount above zero such as Amount('MK-4', '15 mg')")


@final
@attrs.frozen
class UnitCount:
    """A whole number of dosage units of one strength: ``1 × 15 mg``."""

    count: int = attrs.field(validator=_check_count)
    strength: Amount = attrs.field(validator=_check_strength)

    def __str__(self) -> str:
        """``1 × 15 mg``."""
        return f"{self.count} × {_mass_text(self.strength)}"


def _mass_text(a: Amount) -> str:
    """``15 mg`` without the vitamer."""
    return str(a).rsplit(" ", 1)[0]


def _items(what: str, value: object, accepted: str) -> tuple[object, ...]:
    """A caller's iterable frozen into a tuple (text and mappings are refused, not iterated)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail(what, value, accepted)
    return tuple(value)


def _to_anchor(value: object) -> Anchor:
    if not isinstance(value, str | MealAnchor | dt.time):
        raise _fail("anchor", value, "a MealAnchor, a datetime.time or text such as 'after dinner'")
    return anchor(value)


def _to_units(value: object) -> tuple[UnitCount, ...]:
    units = _items("units", value, "a tuple of UnitCount")
    for u in units:
        if not isinstance(u, UnitCount):
            raise _fail("units", value, "a tuple of UnitCount such as (UnitCount(1, strength),)")
    return units  # type: ignore[return-value]


def _check_amount(_: object, __: object, value: Any) -> None:
    if not isinstance(value, Amount) or value.micrograms <= 0:
        raise _fail("amount", value, "an Amount above zero such as Amount('MK-4', '15 mg')")


@final
@attrs.frozen
class Administration:
    """One intake of the day: when (anchor), how much (amount), and in which units if any.

    The anchor may be given as text (``"after dinner"``); units, if given, must add up to the
    amount.

    >>> str(Administration("after dinner", Amount("MK-4", "15 mg")))
    '15 mg MK-4 after dinner'
    """

    anchor: Anchor = attrs.field(converter=_to_anchor)
    amount: Amount = attrs.field(validator=_check_amount)
    units: tuple[UnitCount, ...] = attrs.field(default=(), converter=_to_units)

    @units.validator
    def _check_units(self, _: object, value: tuple[UnitCount, ...]) -> None:
        if not value:
            return
        if any(u.strength.vitamer != self.amount.vitamer for u in value) or (
            sum(u.count * u.strength.micrograms for u in value) != self.amount.micrograms
        ):
            listed = " + ".join(str(u) for u in value)
            msg = f"units {listed} do not make up {self.amount}; give units that add up to it"
            raise ScheduleError(msg)

    @property
    def anchor_text(self) -> str:
        """When, in plain words: ``after dinner``, ``with a fat-containing meal``, ``at 08:00``.

        >>> Administration("20:00", Amount("MK-7", "100 µg")).anchor_text
        'at 20:00'
        """
        return _anchor_text(self.anchor)

    def __str__(self) -> str:
        """``15 mg MK-4 after breakfast (1 × 15 mg)``."""
        unit_text = f" ({' + '.join(str(u) for u in self.units)})" if self.units else ""
        return f"{self.amount} {_anchor_text(self.anchor)}{unit_text}"


_COUNT_WORDS: Final = {1: "once a day", 2: "twice a day", 3: "three times a day"}


def _to_administrations(value: object) -> tuple[Administration, ...]:
    accepted = "a tuple of Administration, one per intake of the day"
    items = _items("administrations", value, accepted)
    for a in items:
        if not isinstance(a, Administration):
            msg = f"administrations holds {a!r}, not an Administration; give {accepted}"
            raise ScheduleError(msg)
    return items  # type: ignore[return-value]


@final
@attrs.frozen
class DoseEvent:
    """One dated administration: an aware datetime, the amount, and the administration."""

    when: dt.datetime = attrs.field()
    amount: Amount = attrs.field(validator=_check_amount)
    administration: Administration = attrs.field()

    @when.validator
    def _check_when(self, _: object, value: object) -> None:
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise _fail("when", value, "a timezone-aware datetime.datetime")

    @administration.validator
    def _check_administration(self, _: object, value: object) -> None:
        if not isinstance(value, Administration):
            raise _fail("administration", value, "an Administration")

    def __str__(self) -> str:
        """``2026-03-29 08:30 CEST: 15 mg MK-4``."""
        return f"{self.when:%Y-%m-%d %H:%M %Z}: {self.amount}"


@final
@attrs.frozen
class Schedule:
    """Per-day administrations of one vitamer; the same every day.

    >>> s = divide(DailyDose("MK-4", "45 mg/day"), times=3)
    >>> str(s)
    '15 mg MK-4 three times a day after meals'
    >>> s.daily_dose
    DailyDose('MK-4', '45 mg/day')
    """

    administrations: tuple[Administration, ...] = attrs.field(converter=_to_administrations)
    requested: DailyDose = attrs.field()
    """The daily dose that was asked for; :attr:`daily_dose` differs only after rounding."""

    @administrations.validator
    def _check(self, _: object, value: tuple[Administration, ...]) -> None:
        if not value:
            msg = "a schedule needs at least one administration"
            raise ScheduleError(msg)
        if len(value) > MAX_TIMES:
            msg = f"{len(value)} administrations a day; a schedule holds 1 to {MAX_TIMES}"
            raise ScheduleError(msg)
        vitamers = {a.amount.vitamer for a in value}
        if len(vitamers) != 1:
            msg = f"a schedule holds one vitamer, got {sorted(v.key for v in vitamers)}"
            raise ScheduleError(msg)

    @requested.validator
    def _check_requested(self, _: object, value: object) -> None:
        v = self.administrations[0].amount.vitamer
        if not isinstance(value, DailyDose):
            raise _fail(
                "requested", value, f"the DailyDose that was asked for, such as DailyDose("
                f"{v.key!r}, '100 µg/day')"
            )
        if value.vitamer != v:
            msg = (
                f"requested={value} is not {v.key}; give the daily dose of {v.key} that was "
                "asked for"
            )
            raise ScheduleError(msg)
        if value.micrograms_per_day <= 0:
            raise _fail("requested", value, "a daily dose above zero")

    @property
    def vitamer(self) -> Vitamer:
        """The vitamer given."""
        return self.administrations[0].amount.vitamer

    @property
    def times_per_day(self) -> int:
        """Number of administrations a day."""
        return len(self.administrations)

    @property
    def daily_dose(self) -> DailyDose:
        """What the administrations add up to, per day (exact)."""
        total = sum(a.amount.micrograms for a in self.administrations)
        return DailyDose.from_micrograms_per_day(self.vitamer, total)

    @property
    def difference(self) -> Fraction:
        """Scheduled minus requested, in µg/day (signed; 0 unless rounding was allowed)."""
        return self.daily_dose.micrograms_per_day - self.requested.micrograms_per_day

    @property
    def is_exact(self) -> bool:
        """True when the administrations add up to the requested daily dose."""
        return self.difference == 0

    def local_times(self, meal_times: MealTimes | None = None) -> tuple[dt.time, ...]:
        """The wall-clock time of each administration, in schedule order.

        A meal-anchored dose whose offset crosses midnight is at this time on the next (or the
        previous) calendar day; :meth:`day_shifts` says which, and :meth:`expand` places it there.

        >>> divide(DailyDose("MK-4", "45 mg/day"), times=3).local_times()[0]
        datetime.time(8, 30)
        """
        times = read_meal_times(meal_times)
        return tuple(_placement(a.anchor, times)[0] for a in self.administrations)

    def day_shifts(self, meal_times: MealTimes | None = None) -> tuple[int, ...]:
        """For each administration, its calendar day relative to the dosing day: 0, +1 or -1.

        >>> s = divide(DailyDose("MK-4", "45 mg/day"), times=3)
        >>> s.day_shifts(), s.day_shifts({"dinner": "23:50"})
        ((0, 0, 0), (0, 0, 1))
        """
        times = read_meal_times(meal_times)
        return tuple(_placement(a.anchor, times)[1] for a in self.administrations)

    def __str__(self) -> str:
        """Human-readable, e.g. ``15 mg MK-4 three times a day after meals``."""
        adm = self.administrations
        n = len(adm)
        same_amount = len({a.amount for a in adm}) == 1
        anchors = [a.anchor for a in adm]
        text: str
        if same_amount:
            count = _COUNT_WORDS.get(n, f"{n} times a day")
            meal = [a for a in anchors if isinstance(a, MealAnchor)]
            if n == 1:
                when = _anchor_text(anchors[0])
            elif len(meal) == n and n == 3 and {a.meal for a in meal} == set(_MEALS) and (
                len({(a.relation, a.fat_containing) for a in meal}) == 1
            ):
                when = f"{meal[0].relation} meals"
            else:
                when = _join([_anchor_text(a) for a in anchors])
            text = f"{adm[0].amount} {count} {when}"
        else:
            text = ", ".join(f"{a.amount} {_anchor_text(a.anchor)}" for a in adm)
        if self.difference:
            sign = "+" if self.difference > 0 else "−"
            diff = DailyDose.from_micrograms_per_day(self.vitamer, abs(self.difference))
            text += f" (rounded: {sign}{diff} against the requested {self.requested})"
        return text

    def expand(
        self,
        start: dt.date,
        end: dt.date | None = None,
        *,
        days: int | None = None,
        tz: str | dt.tzinfo = "Europe/Berlin",
        meal_times: MealTimes | None = None,
    ) -> tuple[DoseEvent, ...]:
        """Dated, timezone-aware events for the dosing days *start* to *end* inclusive (or *days*).

        Wall-clock times are kept across daylight-saving changes; a time that does not exist on
        the day clocks go forward is moved forward by the gap (02:30 becomes 03:30), and a time
        that occurs twice when they go back is the first occurrence.  Meal times may be
        :class:`datetime.time` values or ``"HH:MM"`` text.

        A meal-anchored dose belongs to the day of its meal and is placed the stated time after
        (or before) that meal in elapsed time, so an offset that crosses midnight moves the dose
        to the neighbouring calendar day: "after dinner" with dinner at 23:50 is 00:20 the next
        morning, after that day's breakfast-time doses, never before them.  Events come in time
        order.  At most :data:`MAX_DAYS` days.

        >>> s = divide(DailyDose("MK-4", "45 mg/day"), times=3)
        >>> events = s.expand(dt.date(2026, 3, 28), days=2, tz="Europe/Berlin")
        >>> [str(e) for e in events[::3]]
        ['2026-03-28 08:30 CET: 15 mg MK-4', '2026-03-29 08:30 CEST: 15 mg MK-4']
        >>> late = s.expand(dt.date(2026, 1, 5), days=1, meal_times={"dinner": "23:50"})
        >>> [f"{e.when:%d %H:%M}" for e in late]
        ['05 08:30', '05 13:00', '06 00:20']
        """
        zone = read_time_zone(tz)
        dates = _date_range(start, end, days)
        times = read_meal_times(meal_times)
        placed = []
        for adm in self.administrations:
            if isinstance(adm.anchor, MealAnchor):
                meal = times[adm.anchor.meal or "lunch"]
                placed.append((meal, RELATION_OFFSET[adm.anchor.relation], adm))
            else:
                placed.append((adm.anchor, dt.timedelta(0), adm))
        events: list[DoseEvent] = []
        for day in dates:
            for wall, offset, adm in placed:
                when = _aware(day, wall, zone)
                if offset:
                    # Elapsed time after the meal, counted in UTC: right across midnight and
                    # across a daylight-saving change alike.
                    when = (when.astimezone(dt.UTC) + offset).astimezone(zone)
                events.append(DoseEvent(when, adm.amount, adm))
        events.sort(key=lambda e: e.when.astimezone(dt.UTC))
        return tuple(events)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def read_time_zone(tz: str | dt.tzinfo) -> dt.tzinfo:
    """The time zone named *tz* (an IANA name such as ``"Europe/Berlin"``), or *tz* itself.

    Exports that place a schedule on a calendar read their ``tz=`` argument with this, so an
    unknown name is the same :class:`UnknownTimeZoneError` everywhere.

    >>> read_time_zone("Europe/Berlin")
    zoneinfo.ZoneInfo(key='Europe/Berlin')
    >>> read_time_zone("Europe/Berln")
    Traceback (most recent call last):
    ...
    vitk2.UnknownTimeZoneError: unknown time zone 'Europe/Berln'; give an IANA name such as 'Europe/Berlin' or 'UTC'
    """  # noqa: E501
    if isinstance(tz, dt.tzinfo):
        return tz
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415 - only when expanding

    if isinstance(tz, str) and tz.strip():
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    msg = f"unknown time zone {tz!r}; give an IANA name such as 'Europe/Berlin' or 'UTC'"
    raise UnknownTimeZoneError(msg)


MAX_DAYS: Final[int] = 36_525
"""The longest span (100 years of days) a schedule is expanded or exported over."""


def check_days(days: object) -> int:
    """*days* as a whole number of days from 1 to :data:`MAX_DAYS`, or a clear error.

    >>> check_days(28)
    28
    >>> check_days(0)
    Traceback (most recent call last):
    ...
    vitk2.ScheduleError: days=0: give a whole number of days from 1 to 36,525 (100 years)
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        msg = f"days={days!r}: give a whole number of days from 1 to {MAX_DAYS:,} (100 years)"
        raise ScheduleError(msg)
    return days


def count_dosing_days(
    start: dt.date, end: dt.date | None = None, *, days: int | None = None
) -> int:
    """The number of dosing days from *start*, given either *end* (inclusive) or *days*.

    Checked as :meth:`Schedule.expand` checks it: a :class:`datetime.date` start, exactly one
    of *end* and *days*, at most :data:`MAX_DAYS` days, and room on the calendar for a dose
    moved to the neighbouring day.

    >>> count_dosing_days(dt.date(2026, 3, 1), dt.date(2026, 3, 28))
    28
    >>> count_dosing_days(dt.date(2026, 3, 1), days=7)
    7
    >>> count_dosing_days(dt.date(2026, 3, 1))
    Traceback (most recent call last):
    ...
    vitk2.ScheduleError: give exactly one of end= or days= (got end=None, days=None)
    """
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        msg = f"start={start!r}: give a datetime.date"
        raise ScheduleError(msg)
    if (end is None) == (days is None):
        msg = f"give exactly one of end= or days= (got end={end!r}, days={days!r})"
        raise ScheduleError(msg)
    if days is not None:
        count = check_days(days)
    else:
        if isinstance(end, dt.datetime) or not isinstance(end, dt.date) or end < start:
            msg = f"end={end!r}: give a datetime.date on or after start={start!r}"
            raise ScheduleError(msg)
        count = (end - start).days + 1
        if count > MAX_DAYS:
            msg = (
                f"end={end!r} is {count:,} days from start={start!r}; at most {MAX_DAYS:,} days "
                "(100 years) are supported"
            )
            raise ScheduleError(msg)
    # One day of margin either side: a dose may move to the neighbouring calendar day.
    if start <= dt.date.min or (dt.date.max - start).days < count:
        msg = f"start={start!r} with {count:,} days runs off the calendar; give a later start"
        raise ScheduleError(msg)
    return count


def _date_range(start: dt.date, end: dt.date | None, days: int | None) -> list[dt.date]:
    count = count_dosing_days(start, end, days=days)
    return [start + dt.timedelta(days=i) for i in range(count)]


def _aware(day: dt.date, wall: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """Wall-clock *wall* on *day* in *zone*; nonexistent times move forward by the gap."""
    # fold=0 always: a meal time given as datetime.time(2, 0, fold=1) is the same wall time as
    # "02:00", and the docs promise the first occurrence.
    naive = dt.datetime.combine(day, wall).replace(fold=0)
    # fold=0 in a gap reads the wall time with the offset before the change, so the round trip
    # through UTC lands after the gap (02:30 -> 03:30); in an overlap it is the first occurrence.
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


# --- splitting --------------------------------------------------------------------------------


def _read_strengths(
    vitamer: Vitamer, unit_strengths: Iterable[str | Amount] | str | Amount
) -> tuple[Amount, ...]:
    accepted = "a strength such as '15 mg', an Amount, or a list of them"
    items = (
        (unit_strengths,)
        if isinstance(unit_strengths, str | Amount)
        else _items("unit_strengths", unit_strengths, accepted)
    )
    out: list[Amount] = []
    for s in items:
        if not isinstance(s, str | Amount):
            raise _fail("unit_strengths", unit_strengths, accepted)
        a = s if isinstance(s, Amount) else Amount(vitamer, s)
        if a.vitamer != vitamer:
            msg = f"unit strength {a} is not {vitamer.key}; give strengths of the dosed vitamer"
            raise ScheduleError(msg)
        if a.micrograms <= 0:
            msg = f"unit strength {a} must be more than zero"
            raise ScheduleError(msg)
        out.append(a)
    if not out:
        msg = "unit_strengths is empty; give at least one strength such as '15 mg', or None"
        raise ScheduleError(msg)
    return tuple(sorted(set(out), reverse=True))


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
    n = _check_times(_default_times(v) if times is None else times)
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
            else _items("anchors", anchors, "a list such as ['after breakfast', '20:00']")
        )
        chosen = tuple(_to_anchor(a) for a in given)
        if len(chosen) != n:
            msg = f"{len(chosen)} anchors given for times={n}; give one anchor per administration"
            raise ScheduleError(msg)

    if unit_strengths is None:
        return Schedule(_exact_parts(v, dose_ug, n, chosen), daily_dose)

    strengths = _read_strengths(v, unit_strengths)
    too_big = [s for s in strengths if s.micrograms > dose_ug]
    if too_big:
        msg = (
            f"unit strength {_mass_text(too_big[0])} is larger than the whole daily dose "
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
    strengths_text = ", ".join(_mass_text(s) for s in strengths)
    if allow_rounding and nearest:
        # Nearest total; on a tie, the lower one (rounding never adds on a tie).
        rounded = min(nearest, key=lambda s: (abs(s.difference), s.difference))
        _warn_rounded(rounded, strengths_text)
        return rounded
    options = "; ".join(
        f"{s.daily_dose} as {' + '.join(_mass_text(a.amount) for a in s.administrations)}"
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
