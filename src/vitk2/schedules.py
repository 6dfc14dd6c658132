"""Schedules: a daily dose split into timed administrations and expanded into dose events.

Administrations are anchored to meals or clock times, in a time zone.

>>> import vitk2
>>> from vitk2 import schedules
>>> schedules.Schedule is vitk2.Schedule
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._errors import InfeasibleScheduleError, ScheduleError, UnknownTimeZoneError
from vitk2._schedule_divide import divide
from vitk2._schedule_timing import (
    MAX_DAYS,
    Anchor,
    MealAnchor,
    anchor,
    check_days,
    count_dosing_days,
    default_anchors,
    read_time_zone,
)
from vitk2._schedules import Administration, DoseEvent, Schedule, UnitCount

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
