"""Schedule records: whole units, administrations, dated dose events and the schedule.

A :class:`Schedule` is the per-day administrations of one vitamer, the same every day; each
:class:`Administration` is an anchor (when), an exact amount and, if given in whole units,
its :class:`UnitCount` list.  :meth:`Schedule.expand` places the day on a calendar in a time
zone as :class:`DoseEvent` values.  Schedules are made by :func:`~vitk2.divide`
(``vitk2._schedule_divide``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, final

import attrs

from vitk2._amounts import Amount, DailyDose, text_spec
from vitk2._errors import ScheduleError
from vitk2._schedule_timing import (
    MAX_TIMES,
    MEALS,
    RELATION_OFFSET,
    Anchor,
    MealAnchor,
    MealTimes,
    anchor,
    anchor_text,
    aware,
    date_range,
    placement,
    read_meal_times,
    read_time_zone,
)
from vitk2._vitamers import Vitamer

__all__ = [
    "Administration",
    "DoseEvent",
    "Schedule",
    "UnitCount",
]


def refuse(what: str, value: object, accepted: str) -> ScheduleError:
    return ScheduleError(f"{what}={value!r} is not accepted; give {accepted}")


def _check_count(_: object, __: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise refuse("count", value, "a whole number of units, at least 1")


def _check_strength(_: object, __: object, value: Any) -> None:
    if not isinstance(value, Amount) or value.micrograms <= 0:
        raise refuse("strength", value, "an Amount above zero such as Amount('MK-4', '15 mg')")


@final
@attrs.frozen
class UnitCount:
    """A whole number of dosage units of one strength: ``1 × 15 mg``."""

    count: int = attrs.field(validator=_check_count)
    strength: Amount = attrs.field(validator=_check_strength)

    def __str__(self) -> str:
        """``1 × 15 mg``."""
        return f"{self.count} × {mass_text(self.strength)}"


def mass_text(a: Amount) -> str:
    """``15 mg`` without the vitamer."""
    return str(a).rsplit(" ", 1)[0]


def as_items(what: str, value: object, accepted: str) -> tuple[object, ...]:
    """A caller's iterable frozen into a tuple (text and mappings are refused, not iterated)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise refuse(what, value, accepted)
    return tuple(value)


def to_anchor(value: object) -> Anchor:
    if not isinstance(value, str | MealAnchor | dt.time):
        accepted = "a MealAnchor, a datetime.time or text such as 'after dinner'"
        raise refuse("anchor", value, accepted)
    return anchor(value)


def _to_units(value: object) -> tuple[UnitCount, ...]:
    units = as_items("units", value, "a tuple of UnitCount")
    for u in units:
        if not isinstance(u, UnitCount):
            raise refuse("units", value, "a tuple of UnitCount such as (UnitCount(1, strength),)")
    return units  # type: ignore[return-value]


def _check_amount(_: object, __: object, value: Any) -> None:
    if not isinstance(value, Amount) or value.micrograms <= 0:
        raise refuse("amount", value, "an Amount above zero such as Amount('MK-4', '15 mg')")


@final
@attrs.frozen
class Administration:
    """One intake of the day: when (anchor), how much (amount), and in which units if any.

    The anchor may be given as text (``"after dinner"``); units, if given, must add up to the
    amount.

    >>> str(Administration("after dinner", Amount("MK-4", "15 mg")))
    '15 mg MK-4 after dinner'
    """

    anchor: Anchor = attrs.field(converter=to_anchor)
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
        return anchor_text(self.anchor)

    def __str__(self) -> str:
        """``15 mg MK-4 after breakfast (1 × 15 mg)``."""
        return format(self, "")

    def __format__(self, spec: str) -> str:
        """``str()``, or with ``"human"`` the amount as people read it (``≈143 µg MK-7``)."""
        amount = format(self.amount, text_spec(spec, "an administration"))
        unit_text = f" ({' + '.join(str(u) for u in self.units)})" if self.units else ""
        return f"{amount} {anchor_text(self.anchor)}{unit_text}"


_COUNT_WORDS: Final = {1: "once a day", 2: "twice a day", 3: "three times a day"}


def _to_administrations(value: object) -> tuple[Administration, ...]:
    accepted = "a tuple of Administration, one per intake of the day"
    items = as_items("administrations", value, accepted)
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
            raise refuse("when", value, "a timezone-aware datetime.datetime")

    @administration.validator
    def _check_administration(self, _: object, value: object) -> None:
        if not isinstance(value, Administration):
            raise refuse("administration", value, "an Administration")

    def __str__(self) -> str:
        """``2026-03-29 08:30 CEST: 15 mg MK-4``."""
        return f"{self.when:%Y-%m-%d %H:%M %Z}: {self.amount}"


@final
@attrs.frozen
class Schedule:
    """Per-day administrations of one vitamer; the same every day.

    >>> from vitk2 import divide
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
            raise refuse(
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
            raise refuse("requested", value, "a daily dose above zero")

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

        >>> from vitk2 import divide
        >>> divide(DailyDose("MK-4", "45 mg/day"), times=3).local_times()[0]
        datetime.time(8, 30)
        """
        times = read_meal_times(meal_times)
        return tuple(placement(a.anchor, times)[0] for a in self.administrations)

    def day_shifts(self, meal_times: MealTimes | None = None) -> tuple[int, ...]:
        """For each administration, its calendar day relative to the dosing day: 0, +1 or -1.

        >>> from vitk2 import divide
        >>> s = divide(DailyDose("MK-4", "45 mg/day"), times=3)
        >>> s.day_shifts(), s.day_shifts({"dinner": "23:50"})
        ((0, 0, 0), (0, 0, 1))
        """
        times = read_meal_times(meal_times)
        return tuple(placement(a.anchor, times)[1] for a in self.administrations)

    def __str__(self) -> str:
        """Human-readable, e.g. ``15 mg MK-4 three times a day after meals``."""
        return format(self, "")

    def __format__(self, spec: str) -> str:
        """``str()``, or with ``"human"`` the amounts as people read them (``≈143 µg MK-7``).

        ``1000/7 µg MK-7 once a day`` then reads ``≈143 µg MK-7 once a day``; ``str()`` stays exact.
        """
        spec = text_spec(spec, "a schedule")
        adm = self.administrations
        n = len(adm)
        same_amount = len({a.amount for a in adm}) == 1
        anchors = [a.anchor for a in adm]
        text: str
        if same_amount:
            count = _COUNT_WORDS.get(n, f"{n} times a day")
            meal = [a for a in anchors if isinstance(a, MealAnchor)]
            if n == 1:
                when = anchor_text(anchors[0])
            elif len(meal) == n and n == 3 and {a.meal for a in meal} == set(MEALS) and (
                len({(a.relation, a.fat_containing) for a in meal}) == 1
            ):
                when = f"{meal[0].relation} meals"
            else:
                when = _join([anchor_text(a) for a in anchors])
            text = f"{adm[0].amount:{spec}} {count} {when}"
        else:
            text = ", ".join(f"{a.amount:{spec}} {anchor_text(a.anchor)}" for a in adm)
        if self.difference:
            sign = "+" if self.difference > 0 else "−"
            diff = DailyDose.from_micrograms_per_day(self.vitamer, abs(self.difference))
            shown = f"{sign}{diff:{spec}}".replace(f"{sign}≈", f"≈{sign}")
            text += f" (rounded: {shown} against the requested {self.requested:{spec}})"
        return text

    def expand(
        self,
        start: dt.date,
        end: dt.date | None = None,
        *,
        tz: str | dt.tzinfo,
        days: int | None = None,
        meal_times: MealTimes | None = None,
    ) -> tuple[DoseEvent, ...]:
        """Dated, timezone-aware events for the dosing days *start* to *end* inclusive (or *days*).

        *tz* (an IANA name such as ``"Europe/Berlin"``, or a tzinfo) is required: vitk2 never
        guesses a time zone, here, in :func:`~vitk2.to_ical` or on the command line.

        Wall-clock times are kept across daylight-saving changes; a time that does not exist on
        the day clocks go forward is moved forward by the gap (02:30 becomes 03:30), and a time
        that occurs twice when they go back is the first occurrence.  Meal times may be
        :class:`datetime.time` values or ``"HH:MM"`` text.

        A meal-anchored dose belongs to the day of its meal and is placed the stated time after
        (or before) that meal in elapsed time, so an offset that crosses midnight moves the dose
        to the neighbouring calendar day: "after dinner" with dinner at 23:50 is 00:20 the next
        morning, after that day's breakfast-time doses, never before them.  Events come in time
        order.  At most :data:`MAX_DAYS` days.

        >>> from vitk2 import divide
        >>> s = divide(DailyDose("MK-4", "45 mg/day"), times=3)
        >>> events = s.expand(dt.date(2026, 3, 28), days=2, tz="Europe/Berlin")
        >>> [str(e) for e in events[::3]]
        ['2026-03-28 08:30 CET: 15 mg MK-4', '2026-03-29 08:30 CEST: 15 mg MK-4']
        >>> late = s.expand(dt.date(2026, 1, 5), tz="UTC", days=1, meal_times={"dinner": "23:50"})
        >>> [f"{e.when:%d %H:%M}" for e in late]
        ['05 08:30', '05 13:00', '06 00:20']
        """
        zone = read_time_zone(tz)
        dates = date_range(start, end, days)
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
                when = aware(day, wall, zone)
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
