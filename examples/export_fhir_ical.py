"""Export a divided-dose schedule to the formats health software reads.

What it shows: 45 mg/day menatetrenone as 3 x 15 mg after meals exported as FHIR R4 Dosage JSON
(EventTiming "when" codes, UCUM dose quantities), as an iCalendar file with one daily-repeating
event per administration (explicit UID and DTSTAMP, so the output is reproducible, and the
VTIMEZONE included), and as a NONMEM/mrgsolve dosing table. Needs the `ical` extra.
Run it with: python examples/export_fhir_ical.py   (writes menatetrenone.ics)
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from vitk2 import divide, parse_daily_dose, to_event_table, to_fhir_dosage, to_ical


def main() -> None:
    """Build the schedule and print or write each export."""
    schedule = divide(parse_daily_dose("45 mg/day MK-4"), times=3, unit_strengths=["15 mg"])
    print(schedule)
    print()
    print("FHIR R4 Dosage:")
    print(json.dumps(to_fhir_dosage(schedule), indent=2))

    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    ics = to_ical(schedule, dt.date(2026, 3, 23), days=14, tz="Europe/Berlin", dtstamp=stamp)
    out_dir = Path(os.environ.get("VITK2_EXAMPLE_OUTPUT", "."))
    path = out_dir / "menatetrenone.ics"
    path.write_text(ics, encoding="utf-8")
    keys = ("SUMMARY", "DTSTART;", "RRULE")
    events = [line for line in ics.splitlines() if line.startswith(keys)]
    print()
    print(f"iCalendar ({len(ics.splitlines())} lines) written to {path}; its events:")
    for line in events:
        print("  ", line)

    print()
    print("NONMEM/mrgsolve dosing records for 14 days:")
    print(to_event_table(schedule, days=14, unit="mg").to_csv())


if __name__ == "__main__":
    main()
