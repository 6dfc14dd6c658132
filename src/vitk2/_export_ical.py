"""Export format: iCalendar (RFC 5545), one daily-repeating event per administration.

Needs the optional ``icalendar`` package (``pip install 'vitk2[ical]'``), imported only when
:func:`to_ical` is called.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from vitk2._errors import ScheduleError
from vitk2._exports import check_schedule
from vitk2._optional import require
from vitk2._schedule_timing import MealTimes, count_dosing_days, read_time_zone
from vitk2._schedules import Schedule

__all__ = ["to_ical"]

_UID_PREFIX: Final = re.compile(r"[A-Za-z0-9._-]{1,100}")


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
    :data:`~vitk2.MAX_DAYS` days.  Needs ``pip install 'vitk2[ical]'``.

    >>> from vitk2 import DailyDose, divide
    >>> text = to_ical(divide(DailyDose("MK-4", "45 mg/day"), 3), dt.date(2026, 3, 1), days=28)
    >>> text.count("BEGIN:VEVENT"), "RRULE:FREQ=DAILY;COUNT=28" in text
    (3, True)
    """
    schedule = check_schedule(schedule, "to_ical")
    zone = read_time_zone(tz)
    count = count_dosing_days(start, until, days=days)
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
        event.add("summary", f"{adm.amount} {adm.anchor_text}")
        event.add("description", str(adm))
        event.add("rrule", {"freq": "daily", "count": count})
        cal.add_component(event)
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text
