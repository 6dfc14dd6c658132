"""Export format: NONMEM / mrgsolve dosing events, exact, with their units stated."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from typing import Final, final

import attrs

from vitk2._csv import csv_text
from vitk2._errors import ScheduleError
from vitk2._exports import check_schedule
from vitk2._schedule_timing import MealTimes, check_days
from vitk2._schedules import Schedule
from vitk2._units import unit_spec
from vitk2._vitamers import vitamer

__all__ = ["EventRow", "EventTable", "to_event_table"]


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


def _subject(value: object) -> int:
    number = int(_exact("subject", value, whole=True))
    if number < 1:
        msg = f"subject={value!r} is not accepted; give a whole number from 1 (NONMEM's ID)"
        raise ScheduleError(msg)
    return number


@final
@attrs.frozen
class EventRow:
    """One dosing record: NONMEM / mrgsolve columns, exact and non-negative.

    *subject* is the ``ID`` column (1 and up).  A dosing record has no observation, so ``MDV``
    is 1 and ``DV`` is 0 (:attr:`mdv`, :attr:`dv`): NONMEM wants every dose record to carry
    MDV=1, and ignores DV where it does.

    >>> EventRow(time=8, amt=15, ii=24, addl=6, subject=2).subject
    2
    """

    time: Fraction = attrs.field(converter=_time)
    amt: Fraction = attrs.field(converter=_amt)
    ii: int = attrs.field(converter=_ii)
    addl: int = attrs.field(converter=_addl)
    evid: int = attrs.field(default=1, converter=_evid)
    cmt: int = attrs.field(default=1, converter=_cmt)
    subject: int = attrs.field(default=1, converter=_subject, kw_only=True)

    @property
    def mdv(self) -> int:
        """``MDV``: 1 on a dose record (no dependent variable), 0 on an observation."""
        return 0 if self.evid == 0 else 1

    @property
    def dv(self) -> int:
        """``DV``: 0, the placeholder NONMEM ignores on a record with ``MDV`` 1."""
        return 0


# NONMEM data-item labels, in the order the CSV has them; RATE is left out (0, a bolus dose).
_COLUMNS: Final = ("ID", "TIME", "AMT", "CMT", "EVID", "MDV", "DV", "II", "ADDL")
_MAX_SUBJECTS: Final = 10_000


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

    def to_csv(self, *, comment: bool = False) -> str:
        """CSV as NONMEM, mrgsolve, pandas and R read it: a header line, then one row per dose.

        Columns are (``ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL``), in upper case as
        NONMEM labels them; mrgsolve reads upper-case dosing names as they are (it only asks
        that lower and upper case are not mixed).  Numbers are plain decimals, never
        fractions.  In NONMEM, give ``$DATA events.csv IGNORE=@`` (it skips the header line)
        and ``$INPUT ID TIME AMT CMT EVID MDV DV II ADDL``.

        *comment* puts a ``#`` line stating the units first (for a person or an archive; R
        then needs ``read.csv(comment.char = "#")``, pandas ``comment="#"``).  The text is
        written by :func:`vitk2._csv.csv_text`, which neutralises any text cell that a
        spreadsheet would read as a formula; every cell here is a number or a fixed word.

        >>> row = EventRow(time=Fraction(17, 2), amt=15, ii=24, addl=6)
        >>> print(EventTable((row,), "mg", "menatetrenone").to_csv(comment=True), end="")
        # MK-4; AMT in mg; TIME and II in h
        ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL
        1,8.5,15,1,1,1,0,24,6
        """
        header = (
            [f"# {self.vitamer}; AMT in {self.amount_unit}; TIME and II in {self.time_unit}"]
            if comment
            else []
        )
        rows: list[tuple[object, ...]] = [_COLUMNS]
        rows += [
            (r.subject, r.time, r.amt, r.cmt, r.evid, r.mdv, r.dv, r.ii, r.addl) for r in self.rows
        ]
        return "".join(f"{line}\n" for line in header) + csv_text(rows)


def _subjects(value: object) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        if 1 <= value <= _MAX_SUBJECTS:
            return tuple(range(1, value + 1))
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        ids = tuple(islice(value, _MAX_SUBJECTS + 1))
        if 1 <= len(ids) <= _MAX_SUBJECTS:
            numbers = tuple(_subject(i) for i in ids)
            if len(set(numbers)) == len(numbers):
                return numbers
    msg = (
        f"subjects={value!r} is not accepted; give a count from 1 to {_MAX_SUBJECTS:,} "
        "or a list of distinct whole-number IDs from 1"
    )
    raise ScheduleError(msg)


def to_event_table(
    schedule: Schedule,
    *,
    days: int,
    unit: str = "mg",
    meal_times: MealTimes | None = None,
    subjects: int | Iterable[int] = 1,
) -> EventTable:
    """A NONMEM/mrgsolve dosing table: one row per subject and daily administration, ii = 24 h.

    ``TIME`` is hours from midnight of the first day (nominal clock, no daylight-saving shift);
    ``ADDL`` = days − 1 more doses every ``II`` hours.  A dose whose meal offset crosses
    midnight is on the next day (after a dinner at 23:50: ``TIME`` 24.33); one that would fall
    before the first midnight (before a breakfast at 00:10) is refused, as NONMEM times
    cannot be negative.  *unit* is any mass or amount-of-substance unit vitk2 reads (``mg``,
    ``µg``, ``nmol``); amounts stay exact in the rows and are written as decimals.

    *subjects* is how many subjects get the regimen (IDs 1 to n), or their IDs; rows are
    grouped by ID and in time order within each, as NONMEM requires.

    >>> from vitk2 import DailyDose, divide
    >>> print(to_event_table(divide(DailyDose("MK-4", "45 mg/day"), 3), days=7).to_csv())
    ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL
    1,8.5,15,1,1,1,0,24,6
    1,13,15,1,1,1,0,24,6
    1,19,15,1,1,1,0,24,6
    <BLANKLINE>
    """
    schedule = check_schedule(schedule, "to_event_table")
    check_days(days)
    ids = _subjects(subjects)
    daily = []
    placed = zip(
        schedule.local_times(meal_times),
        schedule.day_shifts(meal_times),
        schedule.administrations,
        strict=True,
    )
    for t, shift, adm in placed:
        if shift < 0:
            msg = (
                f"{adm.amount} {adm.anchor_text} falls at {t:%H:%M} on the evening "
                "before the first day, a negative time in an event table; give a later meal "
                "time or a clock-time anchor"
            )
            raise ScheduleError(msg)
        hours = 24 * shift + Fraction(t.hour) + Fraction(t.minute, 60) + Fraction(t.second, 3600)
        daily.append((hours, adm.amount.in_units(unit)))
    daily.sort(key=lambda row: row[0])
    rows = [
        EventRow(time=hours, amt=amt, ii=24, addl=days - 1, subject=i)
        for i in ids
        for hours, amt in daily
    ]
    code = unit_spec(unit).code
    return EventTable(tuple(rows), amount_unit=code, vitamer=schedule.vitamer.key)
