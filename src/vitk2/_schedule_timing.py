"""When a schedule's doses fall: anchors, meal times, time zones and dosing days.

An administration is anchored to a meal (:class:`MealAnchor`: ``after breakfast``, ``with a
fat-containing meal``) or to a wall-clock time.  Meal times place a meal anchor on the clock; a
dose belongs to the day of its meal, so an offset that crosses midnight moves it to the
neighbouring calendar day.  Time zones are read by IANA name, and a span of dosing days is
checked in one place.  This is the timing API export formats are written on (see
``docs/schedules.md``, "Adding an export format").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Final, Literal, TypeAlias, final

import attrs

from vitk2._errors import ScheduleError, UnknownTimeZoneError
from vitk2._vitamers import MK4, Vitamer

__all__ = [
    "MAX_DAYS",
    "Anchor",
    "MealAnchor",
    "anchor",
    "check_days",
    "count_dosing_days",
    "default_anchors",
    "read_time_zone",
]


Meal = Literal["breakfast", "lunch", "dinner"]

Relation = Literal["before", "with", "after"]

MEALS: Final[tuple[str, ...]] = ("breakfast", "lunch", "dinner")

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
        validator=attrs.validators.optional(attrs.validators.in_(MEALS))
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
        if key not in MEALS:
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


def anchor_text(a: Anchor) -> str:
    return str(a) if isinstance(a, MealAnchor) else f"at {a:%H:%M}"


def placement(a: Anchor, times: Mapping[str, dt.time]) -> tuple[dt.time, int]:
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
    check_times(times)
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


MAX_TIMES: Final = 24


def check_times(times: object) -> int:
    if isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= MAX_TIMES:
        msg = (
            f"times={times!r}: the number of administrations a day must be a whole number "
            f"from 1 to {MAX_TIMES}"
        )
        raise ScheduleError(msg)
    return times


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


def date_range(start: dt.date, end: dt.date | None, days: int | None) -> list[dt.date]:
    count = count_dosing_days(start, end, days=days)
    return [start + dt.timedelta(days=i) for i in range(count)]


def aware(day: dt.date, wall: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """Wall-clock *wall* on *day* in *zone*; nonexistent times move forward by the gap."""
    # fold=0 always: a meal time given as datetime.time(2, 0, fold=1) is the same wall time as
    # "02:00", and the docs promise the first occurrence.
    naive = dt.datetime.combine(day, wall).replace(fold=0)
    # fold=0 in a gap reads the wall time with the offset before the change, so the round trip
    # through UTC lands after the gap (02:30 -> 03:30); in an overlap it is the first occurrence.
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)
