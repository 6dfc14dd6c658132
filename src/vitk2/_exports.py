"""Hand a :class:`~vitk2.Schedule` to other software: the seam every export format plugs into.

Each format is one module, ``vitk2._export_<name>``, built only on the public timing API of
:class:`~vitk2.Schedule` (:attr:`~vitk2.Schedule.administrations`,
:meth:`~vitk2.Schedule.local_times`, :meth:`~vitk2.Schedule.day_shifts`,
:meth:`~vitk2.Schedule.expand`, :attr:`~vitk2.Administration.anchor_text`) and the public
helpers :func:`~vitk2.read_time_zone`, :func:`~vitk2.count_dosing_days` and
:func:`~vitk2.check_days`; it imports no ``_private`` name from another module (a test
checks).  Shipped formats:

* ``_export_fhir``: FHIR R4 ``Dosage`` (:func:`~vitk2.to_fhir_dosage`, :func:`~vitk2.when_code`);
* ``_export_ical``: iCalendar, RFC 5545 (:func:`~vitk2.to_ical`; optional ``icalendar``);
* ``_export_events``: NONMEM/mrgsolve dosing events (:func:`~vitk2.to_event_table`).

A new format is a new module with a ``to_<name>(schedule, ...)`` function that starts with
:func:`check_schedule`, plus one line in vitk2's lazy-name table; nothing else changes.  The
worked example is in the docs (``docs/schedules.md``, "Adding an export format").
"""

from __future__ import annotations

from vitk2._errors import ScheduleError
from vitk2._schedules import Schedule

__all__ = ["check_schedule"]


def check_schedule(schedule: object, function: str) -> Schedule:
    """*schedule* if it is a :class:`~vitk2.Schedule`, else a :class:`~vitk2.ScheduleError`.

    Every export function calls this first, with its own name, so a wrong argument gets the
    same clear message from every format.

    >>> check_schedule("45 mg/day", "to_timeline")
    Traceback (most recent call last):
    ...
    vitk2.ScheduleError: to_timeline() needs a Schedule such as divide(DailyDose('MK-4', '45 mg/day'), 3), got '45 mg/day'
    """  # noqa: E501
    if not isinstance(schedule, Schedule):
        msg = (
            f"{function}() needs a Schedule such as divide(DailyDose('MK-4', '45 mg/day'), 3), "
            f"got {schedule!r}"
        )
        raise ScheduleError(msg)
    return schedule
