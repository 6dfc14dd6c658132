"""The ``schedule`` command: a daily dose divided into administrations, and its exports."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_OK, UsageError, print_json

_SCHEDULE_EPILOG = """\
examples:
  vitk2 schedule "45 mg/day menatetrenone" --times 3 --strength "15 mg"
  vitk2 schedule "180 µg/day MK-7"
  vitk2 schedule "180 µg/day MK-7" --times 2 --strength "100 µg" --allow-rounding
  vitk2 schedule "45 mg/day MK-4" --strength "15 mg" --format fhir
  vitk2 schedule "45 mg/day MK-4" --strength "15 mg" --format ical --start 2026-01-05 --days 28 \\
      --tz Europe/Berlin > mk4.ics
  vitk2 schedule "100 µg/day MK-7" --at 08:00 --format events --days 7
"""


def _cmd_schedule(args: argparse.Namespace, out: TextIO) -> int:
    import datetime as dt  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._errors import RoundingWarning  # noqa: PLC0415
    from vitk2._schedules import InfeasibleScheduleError, divide  # noqa: PLC0415

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RoundingWarning)
            schedule = divide(
                parse_daily_dose(args.dose),
                args.times,
                unit_strengths=args.strength or None,
                allow_rounding=args.allow_rounding,
                anchors=args.at or None,
            )
    except InfeasibleScheduleError as exc:
        text = str(exc).replace("pass allow_rounding=True", "use --allow-rounding")
        raise UsageError(text) from None
    for w in caught:  # one line on stderr, in CLI words, whatever --format prints on stdout
        note = str(w.message).replace("allow_rounding=True", "--allow-rounding")
        sys.stderr.write(f"vitk2 schedule: warning: {note}\n")
    try:
        start = dt.date.fromisoformat(args.start) if args.start else dt.date.today()
    except ValueError:
        raise UsageError(f"--start {args.start!r} is not a date like 2026-01-05") from None
    if args.days < 1:
        raise UsageError(f"--days must be at least 1, not {args.days}")
    fmt = "json" if args.json else args.format
    if fmt == "text":
        out.write(f"{schedule}\n")
        for a in schedule.administrations:
            out.write(f"  {a}\n")
        out.write(f"total per day: {schedule.daily_dose}\n")
    elif fmt == "fhir":
        from vitk2._export_fhir import to_fhir_dosage  # noqa: PLC0415

        print_json(to_fhir_dosage(schedule), out)
    elif fmt == "ical":
        from vitk2._export_ical import to_ical  # noqa: PLC0415

        out.write(to_ical(schedule, start, days=args.days, tz=args.tz))
    elif fmt == "events":
        from vitk2._export_events import to_event_table  # noqa: PLC0415

        unit = "ug" if schedule.daily_dose.micrograms_per_day < 1000 else "mg"
        out.write(to_event_table(schedule, days=args.days, unit=unit).to_csv())
    else:  # json
        events = schedule.expand(start, days=args.days, tz=args.tz)
        print_json(
            {
                "schedule": str(schedule),
                "daily_dose": str(schedule.daily_dose),
                "administrations": [str(a) for a in schedule.administrations],
                "events": [{"at": e.when.isoformat(), "amount": str(e.amount)} for e in events],
            },
            out,
        )
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``schedule`` subcommand."""
    p = sub.add_parser(
        "schedule",
        help="split a daily dose into a schedule; text, JSON, FHIR, iCalendar or event table",
        description="Divide a daily dose into administrations (exactly, or in whole units).",
        epilog=_SCHEDULE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("dose", help='a daily dose, e.g. "45 mg/day MK-4"')
    p.add_argument("--times", type=int, help="administrations a day (default: per vitamer)")
    p.add_argument(
        "--strength", action="append", help='a unit strength, e.g. "15 mg" (repeatable)'
    )
    p.add_argument("--allow-rounding", action="store_true",
                   help="take the nearest feasible schedule and state the difference")
    p.add_argument("--at", action="append",
                   help='an anchor per administration: "after breakfast", "08:00" (repeatable)')
    p.add_argument("--format", choices=["text", "json", "fhir", "ical", "events"],
                   default="text")
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument("--start", help="first day, YYYY-MM-DD (default: today)")
    p.add_argument("--days", type=int, default=28, help="days to cover (default 28)")
    p.add_argument("--tz", default="UTC", help="IANA time zone, e.g. Europe/Berlin")
    p.set_defaults(handler=_cmd_schedule)
