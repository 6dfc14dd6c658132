"""Export format: iCalendar (RFC 5545), one daily-repeating event per administration.

Needs the optional ``icalendar`` package (``pip install 'vitk2[ical]'``), imported only when
:func:`to_ical` is called.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Final

from vitk2._errors import ScheduleError
from vitk2._exports import check_schedule
from vitk2._optional import require
from vitk2._schedule_timing import MealTimes, count_dosing_days, read_time_zone
from vitk2._schedules import Schedule

__all__ = ["to_ical"]

_UID_PREFIX: Final = re.compile(r"[A-Za-z0-9._-]{1,100}")


_LONGEST_REMINDER: Final = dt.timedelta(days=1)


def _uid_stem(schedule: Schedule, start: dt.date) -> str:
    """A digest of the schedule and its first day: the same on every run, new for a new plan."""
    # repr is exact (amounts, anchors, units, the requested dose) and has no address or hash
    # salt in it, so it names the schedule the same way in every process.
    text = f"{schedule!r}|{start.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _check_reminder(reminder: object) -> dt.timedelta | None:
    if reminder is None:
        return None
    if isinstance(reminder, dt.timedelta) and dt.timedelta(0) <= reminder <= _LONGEST_REMINDER:
        return reminder
    msg = (
        f"reminder={reminder!r} is not accepted; give how long before each dose to remind, "
        "as a datetime.timedelta from 0 to 1 day (e.g. timedelta(minutes=10)), or None"
    )
    raise ScheduleError(msg)


def _named_zone(tz: str | dt.tzinfo) -> dt.tzinfo:
    """The IANA zone *tz* names: a calendar needs the name (TZID) to place doses across DST."""
    zone = read_time_zone(tz)
    if zone is dt.UTC or isinstance(getattr(zone, "key", None), str):
        return zone
    msg = (
        f"tz={tz!r} has no IANA name, which a calendar needs to follow daylight-saving "
        "changes; give a name such as 'Europe/Berlin' or 'UTC', or a zoneinfo.ZoneInfo"
    )
    raise ScheduleError(msg)


def to_ical(
    schedule: Schedule,
    start: dt.date,
    *,
    tz: str | dt.tzinfo,
    days: int | None = None,
    until: dt.date | None = None,
    uid_prefix: str = "vitk2",
    dtstamp: dt.datetime | None = None,
    meal_times: MealTimes | None = None,
    reminder: dt.timedelta | None = None,
) -> str:
    """An iCalendar (RFC 5545) text: one daily-repeating event per administration.

    *tz* is required: vitk2 never guesses a time zone (the command line asks for ``--tz``
    too).  Times are local wall-clock times with a TZID and a VTIMEZONE that covers the whole
    course, however far in the future (also past 2038).  A dose whose meal offset crosses
    midnight starts on the neighbouring day, as in :meth:`~vitk2.Schedule.expand`.  At most
    :data:`~vitk2.MAX_DAYS` days.

    Each event's UID is ``{uid_prefix}-{digest}-{n}@vitk2``: *digest* is taken from the
    schedule and *start*, and *n* numbers the administrations, so exporting the same plan
    again gives the same UIDs (a calendar replaces the events instead of doubling them) and
    two plans starting on the same day never share one.  DTSTAMP is *dtstamp* (default:
    midnight UTC of *start*), so the same call gives the same bytes.  *reminder* adds an alarm
    (VALARM) that long before each dose.  Needs ``pip install 'vitk2[ical]'``.

    >>> from vitk2 import DailyDose, divide
    >>> s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    >>> text = to_ical(s, dt.date(2026, 3, 1), days=28, tz="Europe/Berlin")
    >>> text.count("BEGIN:VEVENT"), "RRULE:FREQ=DAILY;COUNT=28" in text
    (3, True)
    >>> [line for line in text.splitlines() if line.startswith("UID")]  # doctest: +ELLIPSIS
    ['UID:vitk2-...-1@vitk2', 'UID:vitk2-...-2@vitk2', 'UID:vitk2-...-3@vitk2']
    >>> alarm = to_ical(s, dt.date(2026, 3, 1), days=28, tz="UTC", reminder=dt.timedelta(minutes=10))
    >>> alarm.count("BEGIN:VALARM"), "TRIGGER:-PT10M" in alarm
    (3, True)
    """  # noqa: E501
    schedule = check_schedule(schedule, "to_ical")
    zone = _named_zone(tz)
    count = count_dosing_days(start, until, days=days)
    local = schedule.local_times(meal_times)
    shifts = schedule.day_shifts(meal_times)
    alarm_before = _check_reminder(reminder)
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
    stem = _uid_stem(schedule, start)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vitk2//schedule export//EN")
    cal.add("version", "2.0")
    placed = zip(schedule.administrations, local, shifts, strict=True)
    for n, (adm, wall, shift) in enumerate(placed, 1):
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{stem}-{n}@vitk2")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        day = start + dt.timedelta(days=shift)
        event.add("dtstart", dt.datetime.combine(day, wall, tzinfo=zone))
        summary = f"{adm.amount} {adm.anchor_text}"
        event.add("summary", summary)
        event.add("description", str(adm))
        event.add("rrule", {"freq": "daily", "count": count})
        if alarm_before is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -alarm_before)
            event.add_component(alarm)
        cal.add_component(event)
    # One day either side: a dose may move to the neighbouring day.  icalendar's default
    # VTIMEZONE span ends in 2038; this one covers the course, wherever it lies.
    first = start - dt.timedelta(days=1)
    last = start + dt.timedelta(days=min(count + 1, (dt.date.max - start).days))
    cal.add_missing_timezones(first_date=first, last_date=last)
    text: str = cal.to_ical().decode("utf-8")
    return text
