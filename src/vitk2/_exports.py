"""Hand a :class:`~vitk2.Schedule` to other software: FHIR R4 Dosage, iCalendar, dosing events.

FHIR output is plain JSON-ready dicts (no dependency); iCalendar output needs the optional
``icalendar`` package (``pip install 'vitk2[ical]'``), imported only when called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, final

import attrs

from vitk2._amounts import Amount
from vitk2._schedules import (
    MealAnchor,
    Schedule,
    ScheduleError,
    _anchor_text,
    _date_range,
    _zone,
    require,
)
from vitk2._units import format_number, unit_spec

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


def when_code(a: MealAnchor) -> str:
    """The FHIR/HL7 v3 EventTiming code of a meal anchor: ``PCM`` = after breakfast.

    >>> when_code(MealAnchor("dinner", "after")), when_code(MealAnchor(None, "with"))
    ('PCV', 'C')
    """
    return _RELATION_CODE[a.relation] + _MEAL_CODE[a.meal]


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
    meal_times: Mapping[str, dt.time] | None = None,
) -> str:
    """An iCalendar (RFC 5545) text: one daily-repeating event per administration.

    UIDs are ``{uid_prefix}-{start:%Y%m%d}-{n}@vitk2`` and DTSTAMP is *dtstamp* (default:
    midnight UTC of *start*), so the same call gives the same bytes.  Times are local wall-clock
    times with a TZID and the matching VTIMEZONE.  Needs ``pip install 'vitk2[ical]'``.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> text = to_ical(divide(DailyDose("MK-4", "45 mg/day"), 3), dt.date(2026, 3, 1), days=28)
    >>> text.count("BEGIN:VEVENT"), "RRULE:FREQ=DAILY;COUNT=28" in text
    (3, True)
    """
    require("icalendar", "ical", "to_ical()")
    import icalendar  # noqa: PLC0415

    zone = _zone(tz)
    count = len(_date_range(start, until, days))
    stamp = dtstamp or dt.datetime.combine(start, dt.time(0), tzinfo=dt.UTC)
    if stamp.tzinfo is None:
        msg = f"dtstamp={dtstamp!r} must be timezone-aware (UTC)"
        raise ScheduleError(msg)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vitk2//schedule export//EN")
    cal.add("version", "2.0")
    local = schedule.local_times(meal_times)
    for n, (adm, wall) in enumerate(zip(schedule.administrations, local, strict=True), 1):
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{start:%Y%m%d}-{n}@vitk2")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", dt.datetime.combine(start, wall, tzinfo=zone))
        event.add("summary", f"{adm.amount} {_anchor_text(adm.anchor)}")
        event.add("description", str(adm))
        event.add("rrule", {"freq": "daily", "count": count})
        cal.add_component(event)
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text


@final
@attrs.frozen
class EventRow:
    """One dosing record: NONMEM / mrgsolve columns."""

    time: Fraction
    amt: Fraction
    ii: int
    addl: int
    evid: int = 1
    cmt: int = 1


@final
@attrs.frozen
class EventTable:
    """Dosing records with their units stated: ``amt`` in :attr:`amount_unit`, times in hours."""

    rows: tuple[EventRow, ...]
    amount_unit: str
    vitamer: str
    time_unit: str = "h"

    def to_csv(self, *, comment: bool = True) -> str:
        """CSV with header ``time,amt,ii,addl,evid,cmt``; a leading ``#`` line states units.

        NONMEM skips ``#`` lines by default; in R use ``read.csv(comment.char = "#")``.
        """
        lines = [
            f"# {self.vitamer}; amt in {self.amount_unit}; time and ii in {self.time_unit}"
        ] if comment else []
        lines.append("time,amt,ii,addl,evid,cmt")
        lines += [
            f"{format_number(r.time)},{format_number(r.amt)},{r.ii},{r.addl},{r.evid},{r.cmt}"
            for r in self.rows
        ]
        return "\n".join(lines) + "\n"


def to_event_table(
    schedule: Schedule,
    *,
    days: int,
    unit: str = "mg",
    meal_times: Mapping[str, dt.time] | None = None,
) -> EventTable:
    """A NONMEM/mrgsolve-style dosing table: one row per daily administration, ii = 24 h.

    ``time`` is hours from midnight of the first day (nominal clock, no daylight-saving shift);
    ``addl`` = days − 1 more doses every ``ii`` hours.

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
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        msg = f"days={days!r}: give a whole number of days, at least 1"
        raise ScheduleError(msg)
    rows = sorted(
        (
            EventRow(
                time=Fraction(t.hour) + Fraction(t.minute, 60) + Fraction(t.second, 3600),
                amt=adm.amount.in_units(unit),
                ii=24,
                addl=days - 1,
            )
            for t, adm in zip(
                schedule.local_times(meal_times), schedule.administrations, strict=True
            )
        ),
        key=lambda r: r.time,
    )
    code = unit_spec(unit).code
    return EventTable(tuple(rows), amount_unit=code, vitamer=schedule.vitamer.key)
