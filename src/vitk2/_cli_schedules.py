"""The ``schedule`` command: a daily dose divided into administrations, and its exports."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_OK, UsageError, cli_words, print_json, whole_number
from vitk2._schedule_timing import MAX_DAYS, MAX_TIMES

_SCHEDULE_EPILOG = """\
examples:
  vitk2 schedule "45 mg/day menatetrenone" --times 3 --strength "15 mg"
  vitk2 schedule "180 µg/day MK-7"
  vitk2 schedule "180 µg/day MK-7" --times 2 --strength "100 µg" --allow-rounding
  vitk2 schedule "45 mg/day MK-4" --strength "15 mg" --format fhir
  vitk2 schedule "45 mg/day MK-4" --strength "15 mg" --format ical --start 2026-01-05 --days 28 \\
      --tz Europe/Berlin --reminder 10 > mk4.ics
  vitk2 schedule "100 µg/day MK-7" --at 08:00 --format events --days 7 > events.csv
  vitk2 schedule "180 µg/day MK-7" --json --start 2026-01-05 --days 7 --tz UTC
"""


_ON_A_CALENDAR = ("ical", "json")


def _cmd_schedule(args: argparse.Namespace, out: TextIO) -> int:
    import datetime as dt  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._errors import InfeasibleScheduleError, RoundingWarning  # noqa: PLC0415
    from vitk2._schedule_divide import divide  # noqa: PLC0415

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
        note = cli_words(str(w.message))
        sys.stderr.write(f"vitk2 schedule: warning: {note}\n")
    try:
        start = dt.date.fromisoformat(args.start) if args.start else dt.date.today()
    except ValueError:
        raise UsageError(f"--start {args.start!r} is not a date like 2026-01-05") from None
    if args.days < 1:
        raise UsageError(f"--days must be at least 1, not {args.days}")
    fmt = "json" if args.json else args.format
    if fmt in _ON_A_CALENDAR and args.tz is None:
        # One policy with the library: vitk2 never guesses a time zone.
        raise UsageError(
            f"--format {fmt} puts the doses on a calendar and needs --tz, an IANA time zone "
            "such as --tz Europe/Berlin or --tz UTC (vitk2 never guesses one)"
        )
    if fmt == "text":
        out.write(f"{schedule:human}\n")
        for a in schedule.administrations:
            out.write(f"  {a:human}\n")
        out.write(f"total per day: {schedule.daily_dose:human}\n")
    elif fmt == "fhir":
        from vitk2._export_fhir import to_fhir_dosage  # noqa: PLC0415

        print_json(to_fhir_dosage(schedule), out)
    elif fmt == "ical":
        from vitk2._export_ical import to_ical  # noqa: PLC0415

        if args.reminder is not None and not 0 <= args.reminder <= 24 * 60:
            raise UsageError(f"--reminder {args.reminder}: give minutes from 0 to 1440 (a day)")
        reminder = None if args.reminder is None else dt.timedelta(minutes=args.reminder)
        out.write(to_ical(schedule, start, days=args.days, tz=args.tz, reminder=reminder))
    elif fmt == "events":
        from vitk2._export_events import to_event_table  # noqa: PLC0415

        unit = "ug" if schedule.daily_dose.micrograms_per_day < 1000 else "mg"
        if not 1 <= args.subjects <= 10_000:
            raise UsageError(f"--subjects {args.subjects}: give a count from 1 to 10,000")
        table = to_event_table(schedule, days=args.days, unit=unit, subjects=args.subjects)
        # The CSV stays what NONMEM, mrgsolve and pandas read as it is; its units go to stderr.
        sys.stderr.write(
            f"vitk2 schedule: {table.vitamer}; AMT in {table.amount_unit}; TIME and II in "
            f"{table.time_unit}\n"
        )
        out.write(table.to_csv())
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
    p.add_argument("--times", type=whole_number("--times", 1, MAX_TIMES),
                   help="administrations a day (default: per vitamer)")
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
    p.add_argument("--days", type=whole_number("--days", 1, MAX_DAYS), default=28,
                   help="days to cover (default 28)")
    p.add_argument("--subjects", type=whole_number("--subjects", 1), default=1,
                   metavar="N",
                   help="--format events: the same regimen for subjects (IDs) 1 to N (default 1)")
    # the largest --subjects and --reminder are the exports' to check: their messages name them
    p.add_argument("--reminder", type=whole_number("--reminder", 0), metavar="MINUTES",
                   help="--format ical: an alarm this many minutes before each dose (0 to 1440)")
    p.add_argument("--tz", help="IANA time zone, e.g. Europe/Berlin; needed by --format ical "
                   "and json, which put doses on a calendar (never guessed)")
    p.set_defaults(handler=_cmd_schedule)
