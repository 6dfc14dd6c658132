"""Hand a :class:`~vitk2.Schedule` to other software: FHIR R4 Dosage, iCalendar, dosing events.

FHIR output is plain JSON-ready dicts (no dependency); iCalendar output needs the optional
``icalendar`` package (``pip install 'vitk2[ical]'``), imported only when called.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, final

import attrs

from vitk2._amounts import Amount
from vitk2._csv import csv_text
from vitk2._optional import require
from vitk2._schedules import (
    Anchor,
    MealAnchor,
    MealTimes,
    Schedule,
    ScheduleError,
    _anchor_text,
    _day_count,
    _zone,
    anchor,
    check_days,
)
from vitk2._units import format_number, unit_spec
from vitk2._vitamers import vitamer

__all__ = [
    "UCUM_SYSTEM",
    "EventRow",
    "EventTable",
    "to_event_table",
    "to_fhir_dosage",
    "to_ical",
    "when_code",
]

UCUM_SYSTEM: Final = "http://unitsofmeasure.org"
"""The FHIR ``system`` of UCUM unit codes."""

_MEAL_CODE: Final = {"breakfast": "M", "lunch": "D", "dinner": "V", None: ""}
_RELATION_CODE: Final = {"before": "AC", "with": "C", "after": "PC"}
_UNIT_DISPLAY: Final = {"ug": "µg", "mg": "mg", "ng": "ng"}
_UID_PREFIX: Final = re.compile(r"[A-Za-z0-9._-]{1,100}")


def when_code(a: MealAnchor | str) -> str:
    """The FHIR R4 EventTiming code of a meal anchor: ``PCM`` = after breakfast.

    Text is read as by :func:`~vitk2.anchor`.  Codes are from the FHIR R4 value set
    ``event-timing`` (``AC``/``C``/``PC`` before/at/after a meal; ``M``, ``D``, ``V`` for
    breakfast, lunch and dinner).  A clock time has no code (FHIR gives it as ``timeOfDay``).

    >>> when_code(MealAnchor("dinner", "after")), when_code(MealAnchor(None, "with"))
    ('PCV', 'C')
    >>> when_code("after lunch"), when_code("before breakfast"), when_code("with dinner")
    ('PCD', 'ACM', 'CV')
    """
    read = _read_anchor(a)
    if not isinstance(read, MealAnchor):
        msg = (
            f"{a!r} is a clock time, which has no FHIR EventTiming code (FHIR gives it as "
            "timeOfDay); give a meal anchor such as 'after lunch'"
        )
        raise ScheduleError(msg)
    return _RELATION_CODE[read.relation] + _MEAL_CODE[read.meal]


def _read_anchor(a: object) -> Anchor:
    if not isinstance(a, MealAnchor | str | dt.time):
        msg = f"{a!r} is not an anchor; give a MealAnchor or text such as 'after lunch'"
        raise ScheduleError(msg)
    return anchor(a)


def _check_schedule(schedule: object, function: str) -> Schedule:
    if not isinstance(schedule, Schedule):
        msg = (
            f"{function}() needs a Schedule such as divide(DailyDose('MK-4', '45 mg/day'), 3), "
            f"got {schedule!r}"
        )
        raise ScheduleError(msg)
    return schedule


def _json_number(value: Fraction) -> int | float:
    if value.denominator == 1:
        return int(value)
    text = format_number(value)
    return float(Decimal(text)) if "/" not in text else float(value)


def _ucum(amount: Amount) -> tuple[Fraction, str]:
    """Magnitude and UCUM code (mg, ug or ng), the unit vitk2 displays the amount in."""
    code = amount.ucum.rsplit(" ", 1)[1]
    return amount.in_units(code), code


def _dose_quantity(amount: Amount) -> dict[str, Any]:
    value, code = _ucum(amount)
    return {
        "value": _json_number(value),
        "unit": _UNIT_DISPLAY[code],
        "system": UCUM_SYSTEM,
        "code": code,
    }


def to_fhir_dosage(schedule: Schedule) -> list[dict[str, Any]]:
    """FHIR R4 ``Dosage`` elements (JSON-ready dicts) for a schedule.

    Administrations of the same amount and anchor kind share one Dosage (frequency n per 1 d,
    with ``when`` codes or ``timeOfDay``); all carry ``sequence`` 1 because they run together.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> d = to_fhir_dosage(divide(DailyDose("MK-4", "45 mg/day"), 3))
    >>> d[0]["timing"]["repeat"]
    {'frequency': 3, 'period': 1, 'periodUnit': 'd', 'when': ['PCM', 'PCD', 'PCV']}
    >>> d[0]["doseAndRate"][0]["doseQuantity"]
    {'value': 15, 'unit': 'mg', 'system': 'http://unitsofmeasure.org', 'code': 'mg'}
    """
    schedule = _check_schedule(schedule, "to_fhir_dosage")
    groups: dict[tuple[Amount, bool], list[int]] = {}
    for i, adm in enumerate(schedule.administrations):
        groups.setdefault((adm.amount, isinstance(adm.anchor, MealAnchor)), []).append(i)
    out: list[dict[str, Any]] = []
    for (amount, is_meal), members in groups.items():
        anchors = [schedule.administrations[i].anchor for i in members]
        repeat: dict[str, Any] = {"frequency": len(members), "period": 1, "periodUnit": "d"}
        if is_meal:
            repeat["when"] = [when_code(a) for a in anchors if isinstance(a, MealAnchor)]
        else:
            repeat["timeOfDay"] = sorted(
                f"{a:%H:%M:%S}" for a in anchors if isinstance(a, dt.time)
            )
        words = ", ".join(_anchor_text(a) for a in anchors)
        out.append(
            {
                "sequence": 1,
                "text": f"{amount} {words}",
                "timing": {"repeat": repeat},
                "doseAndRate": [{"doseQuantity": _dose_quantity(amount)}],
            }
        )
    return out


def to_ical(
    schedule: Schedule,
    start: dt.date,
    *,
    days: int | None = None,
    until: dt.date | None = None,
    tz: str = "Europe/Berlin",
    uid_prefix: str = "vitk2",
    dtstamp: dt.datetime | None = None,
    meal_times: MealTimes | None = None,
) -> str:
    """An iCalendar (RFC 5545) text: one daily-repeating event per administration.

    UIDs are ``{uid_prefix}-{start:%Y%m%d}-{n}@vitk2`` and DTSTAMP is *dtstamp* (default:
    midnight UTC of *start*), so the same call gives the same bytes.  Times are local wall-clock
    times with a TZID and the matching VTIMEZONE.  A dose whose meal offset crosses midnight
    starts on the neighbouring day, as in :meth:`~vitk2.Schedule.expand`.  At most
    :data:`~vitk2._schedules.MAX_DAYS` days.  Needs ``pip install 'vitk2[ical]'``.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> text = to_ical(divide(DailyDose("MK-4", "45 mg/day"), 3), dt.date(2026, 3, 1), days=28)
    >>> text.count("BEGIN:VEVENT"), "RRULE:FREQ=DAILY;COUNT=28" in text
    (3, True)
    """
    schedule = _check_schedule(schedule, "to_ical")
    zone = _zone(tz)
    count = _day_count(start, until, days)
    local = schedule.local_times(meal_times)
    shifts = schedule.day_shifts(meal_times)
    require("icalendar", "ical", "to_ical()")
    import icalendar  # noqa: PLC0415

    stamp = dt.datetime.combine(start, dt.time(0), tzinfo=dt.UTC) if dtstamp is None else dtstamp
    if not isinstance(stamp, dt.datetime) or stamp.tzinfo is None:
        msg = f"dtstamp={dtstamp!r}: give a timezone-aware datetime.datetime (UTC)"
        raise ScheduleError(msg)
    if not isinstance(uid_prefix, str) or not _UID_PREFIX.fullmatch(uid_prefix):
        msg = (
            f"uid_prefix={uid_prefix!r}: give 1 to 100 letters, digits, '.', '_' or '-' "
            "(it starts every event's UID)"
        )
        raise ScheduleError(msg)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vitk2//schedule export//EN")
    cal.add("version", "2.0")
    placed = zip(schedule.administrations, local, shifts, strict=True)
    for n, (adm, wall, shift) in enumerate(placed, 1):
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{start:%Y%m%d}-{n}@vitk2")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        day = start + dt.timedelta(days=shift)
        event.add("dtstart", dt.datetime.combine(day, wall, tzinfo=zone))
        event.add("summary", f"{adm.amount} {_anchor_text(adm.anchor)}")
        event.add("description", str(adm))
        event.add("rrule", {"freq": "daily", "count": count})
        cal.add_component(event)
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text


def _exact(what: str, value: object, *, whole: bool = False) -> Fraction:
    """A finite, non-negative exact number (a whole one if *whole*), or a clear error."""
    finite = not isinstance(value, Decimal) or value.is_finite()
    if not isinstance(value, bool) and isinstance(value, int | Fraction | Decimal) and finite:
        number = Fraction(value)
        if number >= 0 and (not whole or number.denominator == 1):
            return number
    kind = "a whole number" if whole else "an exact number (int, Fraction or Decimal)"
    msg = f"{what}={value!r} is not accepted; give {kind}, not negative"
    raise ScheduleError(msg)


def _time(value: object) -> Fraction:
    return _exact("time", value)


def _amt(value: object) -> Fraction:
    return _exact("amt", value)


def _ii(value: object) -> int:
    return int(_exact("ii", value, whole=True))


def _addl(value: object) -> int:
    return int(_exact("addl", value, whole=True))


def _evid(value: object) -> int:
    return int(_exact("evid", value, whole=True))


def _cmt(value: object) -> int:
    return int(_exact("cmt", value, whole=True))


_TIME_UNITS: Final = ("s", "min", "h", "d")


@final
@attrs.frozen
class EventRow:
    """One dosing record: NONMEM / mrgsolve columns, exact and non-negative."""

    time: Fraction = attrs.field(converter=_time)
    amt: Fraction = attrs.field(converter=_amt)
    ii: int = attrs.field(converter=_ii)
    addl: int = attrs.field(converter=_addl)
    evid: int = attrs.field(default=1, converter=_evid)
    cmt: int = attrs.field(default=1, converter=_cmt)


def _to_rows(value: object) -> tuple[EventRow, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = f"rows={value!r} is not accepted; give a tuple of EventRow"
        raise ScheduleError(msg)
    rows = tuple(value)
    for r in rows:
        if not isinstance(r, EventRow):
            msg = f"rows holds {r!r}, not an EventRow; give a tuple of EventRow"
            raise ScheduleError(msg)
    return rows


def _to_vitamer_key(value: object) -> str:
    if not isinstance(value, str):
        msg = f"vitamer={value!r} is not accepted; give a vitamer name such as 'MK-4'"
        raise ScheduleError(msg)
    return vitamer(value).key


def _to_unit_code(value: object) -> str:
    """A unit vitk2 reads (``µg``, ``mcg``, ``mg``, ``nmol`` …) as its UCUM code."""
    if not isinstance(value, str):
        msg = f"amount_unit={value!r} is not accepted; give a unit such as 'mg', 'ug' or 'nmol'"
        raise ScheduleError(msg)
    return unit_spec(value).code


@final
@attrs.frozen
class EventTable:
    """Dosing records with their units stated: ``amt`` in :attr:`amount_unit`, times in hours.

    Every field is checked when the table is made: the vitamer is read as by
    :func:`~vitk2.vitamer` (stored as its key), the amount unit is a UCUM mass code and the
    time unit one of ``s``, ``min``, ``h``, ``d``, so no caller's text reaches the CSV.
    """

    rows: tuple[EventRow, ...] = attrs.field(converter=_to_rows)
    amount_unit: str = attrs.field(converter=_to_unit_code)
    vitamer: str = attrs.field(converter=_to_vitamer_key)
    time_unit: str = attrs.field(default="h")

    @time_unit.validator
    def _check_time_unit(self, _: object, value: object) -> None:
        if value not in _TIME_UNITS:
            msg = f"time_unit={value!r} is not accepted; give one of {', '.join(_TIME_UNITS)}"
            raise ScheduleError(msg)

    def to_csv(self, *, comment: bool = True) -> str:
        """CSV with header ``time,amt,ii,addl,evid,cmt``; a leading ``#`` line states units.

        NONMEM skips ``#`` lines by default; in R use ``read.csv(comment.char = "#")``.  The
        text is written by :func:`vitk2._csv.csv_text`, which neutralises any text cell that
        a spreadsheet would read as a formula; every cell here is a number or a fixed word.

        >>> row = EventRow(time=Fraction(17, 2), amt=15, ii=24, addl=6)
        >>> print(EventTable((row,), "mg", "menatetrenone").to_csv(), end="")
        # MK-4; amt in mg; time and ii in h
        time,amt,ii,addl,evid,cmt
        8.5,15,24,6,1,1
        """
        header = (
            [f"# {self.vitamer}; amt in {self.amount_unit}; time and ii in {self.time_unit}"]
            if comment
            else []
        )
        rows: list[tuple[object, ...]] = [("time", "amt", "ii", "addl", "evid", "cmt")]
        rows += [(r.time, r.amt, r.ii, r.addl, r.evid, r.cmt) for r in self.rows]
        return "".join(f"{line}\n" for line in header) + csv_text(rows)


def to_event_table(
    schedule: Schedule,
    *,
    days: int,
    unit: str = "mg",
    meal_times: MealTimes | None = None,
) -> EventTable:
    """A NONMEM/mrgsolve-style dosing table: one row per daily administration, ii = 24 h.

    ``time`` is hours from midnight of the first day (nominal clock, no daylight-saving shift);
    ``addl`` = days − 1 more doses every ``ii`` hours.  A dose whose meal offset crosses
    midnight is on the next day (after a dinner at 23:50: ``time`` 24.33); one that would fall
    before the first midnight (before a breakfast at 00:10) is refused, as NONMEM times
    cannot be negative.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> print(to_event_table(divide(DailyDose("MK-4", "45 mg/day"), 3), days=7).to_csv())
    # MK-4; amt in mg; time and ii in h
    time,amt,ii,addl,evid,cmt
    8.5,15,24,6,1,1
    13,15,24,6,1,1
    19,15,24,6,1,1
    <BLANKLINE>
    """
    schedule = _check_schedule(schedule, "to_event_table")
    check_days(days)
    rows = []
    placed = zip(
        schedule.local_times(meal_times),
        schedule.day_shifts(meal_times),
        schedule.administrations,
        strict=True,
    )
    for t, shift, adm in placed:
        if shift < 0:
            msg = (
                f"{adm.amount} {_anchor_text(adm.anchor)} falls at {t:%H:%M} on the evening "
                "before the first day, a negative time in an event table; give a later meal "
                "time or a clock-time anchor"
            )
            raise ScheduleError(msg)
        hours = 24 * shift + Fraction(t.hour) + Fraction(t.minute, 60) + Fraction(t.second, 3600)
        rows.append(EventRow(time=hours, amt=adm.amount.in_units(unit), ii=24, addl=days - 1))
    rows.sort(key=lambda r: r.time)
    code = unit_spec(unit).code
    return EventTable(tuple(rows), amount_unit=code, vitamer=schedule.vitamer.key)
