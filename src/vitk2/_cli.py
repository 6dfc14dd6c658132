"""The ``vitk2`` command line: the jobs people do in a terminal.

Exit status: 0 success; 1 a finding that needs attention (an interaction at or above
``--fail-at``); 2 bad usage or bad input.  User errors print one line on stderr, never a
traceback.  ``--json`` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NoReturn, TextIO

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._errors import Vitk2Error
from vitk2._units import format_number

__all__ = ["main"]

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, TextIO], int]


class _UsageError(Exception):
    """Bad usage detected after argparse: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line (argparse's own behaviour, kept explicit)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _number(value: Fraction, digits: int = 6) -> str:
    """Exact if short, otherwise a rounded decimal marked with ≈."""
    exact = format_number(value)
    if "/" not in exact and len(exact) <= 12:
        return exact
    rounded = f"{float(value):.{digits}g}"
    return f"≈{rounded}"


def _approx(x: Any) -> str:
    """An amount for people: exact when short, else to 4 significant digits with ≈."""
    text = str(x)
    return text if len(text.split(maxsplit=1)[0]) <= 8 else format(x, ".4g")


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write("\n")


# --- convert -------------------------------------------------------------------------------

_CONVERT_EPILOG = """\
examples:
  vitk2 convert "0.1 mg MK-7" µg
  vitk2 convert "180 mcg MK-7" nmol          (by moles, through the molar mass)
  vitk2 convert "45 mg/day menatetrenone" ug/d
  vitk2 convert "277 nmol MK-7" mg --json
"""


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import DailyDose, parse_dose  # noqa: PLC0415
    from vitk2._units import split_quantity_text, unit_spec  # noqa: PLC0415

    text: str = args.amount
    x = parse_dose(text)
    per_day = isinstance(x, DailyDose)
    unit_text: str = args.unit
    parts = split_quantity_text(f"1 {unit_text}")
    if parts is None:
        raise _UsageError(f"{unit_text!r} is not a unit; try µg, mg, nmol or µg/day")
    _, bare_unit, unit_per_day = parts
    if unit_per_day != per_day:
        kind = "a daily dose" if per_day else "an amount"
        want = "a per-day unit such as mg/day" if per_day else "a unit without /day"
        raise _UsageError(f"{text!r} is {kind}; convert it to {want}, not {unit_text!r}")
    spec = unit_spec(bare_unit)
    value = x.in_units(spec.code)
    suffix = "/day" if per_day else ""
    basis = "moles, through the molar mass" if spec.dimension == "substance" else "mass"
    if args.json:
        _print_json(
            {
                "input": text,
                "vitamer": x.vitamer.key,
                "unit": spec.code + ("/d" if per_day else ""),
                "value": float(value),
                "exact": format_number(value),
                "basis": "moles" if spec.dimension == "substance" else "mass",
                "molar_mass_g_per_mol": float(x.vitamer.molar_mass_g_per_mol),
            },
            out,
        )
    else:
        out.write(f"{x} = {_number(value)} {spec.symbol}{suffix} {x.vitamer.key}  (by {basis})\n")
    return EXIT_OK


# --- compare -------------------------------------------------------------------------------

_COMPARE_EPILOG = """\
examples:
  vitk2 compare "100 µg MK-4" "100 µg MK-7"             (by mass and by moles)
  vitk2 compare "45 mg/day MK-4" "180 µg/day MK-7" --by moles
"""


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import compare, parse_dose  # noqa: PLC0415

    first, second = parse_dose(args.first), parse_dose(args.second)
    if type(first) is not type(second):
        raise _UsageError("compare two amounts, or two daily doses, not one of each")
    bases = ["mass", "moles"] if args.by == "both" else [args.by]
    results = [compare(first, second, by=b) for b in bases]  # type: ignore[arg-type]
    if args.json:
        _print_json(
            {
                "first": str(first),
                "second": str(second),
                "comparisons": [
                    {"by": c.by, "ratio": float(c.ratio), "exact_ratio": format_number(c.ratio)}
                    for c in results
                ],
            },
            out,
        )
    else:
        for c in results:
            out.write(f"{c}\n")
    return EXIT_OK


# --- check (interactions) -----------------------------------------------------------------

_CHECK_EPILOG = """\
examples:
  vitk2 check "Coumadin 5 mg tablet" --supplement "100 µg/day MK-7"
  vitk2 check warfarin apixaban --supplement MK-4 --format markdown
  vitk2 check acenocoumarol --json --fail-at moderate

exit status: 1 when the overall level is at or above --fail-at (default: moderate).
An input vitk2 does not recognise is reported as UNKNOWN, which is never treated as safe.
"""


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._interactions import Severity, check_interactions  # noqa: PLC0415

    # check_interactions reads a vitamer name or a dose text itself.
    report = check_interactions(list(args.medications), supplement=args.supplement)
    if args.json:
        _print_json(report.to_dict(), out)
    elif args.format == "markdown":
        out.write(report.to_markdown().rstrip("\n") + "\n")
    else:
        out.write(report.to_text().rstrip("\n") + "\n")
    threshold = Severity(args.fail_at)
    return EXIT_ATTENTION if report.overall >= threshold else EXIT_OK


# --- food ----------------------------------------------------------------------------------

_FOOD_EPILOG = """\
examples:
  vitk2 food search cheddar
  vitk2 food search "chicken breast roasted" --limit 5
  vitk2 food show 11233
  vitk2 food show "Kale, raw" --portion "1 cup"
  vitk2 food show natto --json
"""


def _cmd_food(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._foods import FOOD_VITAMERS, food, search_foods  # noqa: PLC0415

    if args.action == "search":
        query = " ".join(args.query)
        found = search_foods(query, limit=args.limit)
        if args.json:
            _print_json([{"id": f.id, "description": f.description, "group": f.group}
                         for f in found], out)
        elif not found:
            out.write(f"no food matches {query!r}\n")
        else:
            for f in found:
                out.write(f"{f.id:>8}  {f.description}\n")
        return EXIT_OK
    key = " ".join(args.query)
    try:
        f = food(key)
    except Vitk2Error:
        matches = search_foods(key, limit=1)
        if not matches:
            raise
        f = matches[0]
    rows = []
    for v in FOOD_VITAMERS:
        content = f.content(v)
        portion = f.amount_of(v, args.portion) if args.portion else None
        rows.append((v, content, portion))
    if args.json:
        _print_json(
            {
                "id": f.id,
                "description": f.description,
                "group": f.group,
                "portion": args.portion,
                "portion_grams": float(f.grams(args.portion)) if args.portion else None,
                "per_100g_ug": {
                    v.key: (None if c.micrograms_per_100g is None else float(c.micrograms_per_100g))
                    for v, c, _ in rows
                },
                "per_portion_ug": {
                    v.key: (None if p is None else float(p.micrograms)) for v, _, p in rows
                } if args.portion else None,
                "measures": [m.description for m in f.measures],
                "sources": sorted({k for _, c, _ in rows for k in c.sources} | set(f.sources)),
            },
            out,
        )
        return EXIT_OK
    out.write(f"{f.id}  {f.description}  ({f.group})\n")
    if args.portion:
        out.write(f"portion: {args.portion} = {_number(f.grams(args.portion))} g\n")
    for v, content, portion in rows:
        per_100 = str(content) if content.known else f"{v.key}: unknown per 100 g"
        line = f"  {per_100}"
        if args.portion:
            line += f"; per portion: {_approx(portion) if portion is not None else 'unknown'}"
        out.write(line + "\n")
    if f.measures:
        out.write("household measures: " + "; ".join(
            f"{_number(m.amount)} {m.description} = {_number(m.grams)} g" for m in f.measures
        ) + "\n")
    return EXIT_OK


# --- diary ---------------------------------------------------------------------------------

_DIARY_EPILOG = """\
The CSV file has a header row with the columns "food" (an SR28 NDB number, a curated id or an
exact description) and "amount" (grams such as "30 g", or a household measure such as "1 cup").

examples:
  vitk2 diary meals.csv
  vitk2 diary meals.csv --json
"""


def _cmd_diary(args: argparse.Namespace, out: TextIO) -> int:
    import csv  # noqa: PLC0415

    from vitk2._foods import Diary  # noqa: PLC0415

    diary = Diary()
    try:
        with open(args.csv, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is not None and not {"food", "amount"} <= set(reader.fieldnames):
                raise _UsageError(f"{args.csv!r} needs the columns 'food' and 'amount'")
            # Streamed row by row; Diary.add appends in O(1), so a large file is linear.
            for row in reader:
                try:
                    diary = diary.add((row["food"] or "").strip(), (row["amount"] or "").strip())
                except Vitk2Error as exc:
                    raise _UsageError(f"{args.csv}, line {reader.line_num}: {exc}") from None
    except OSError as exc:
        raise _UsageError(f"cannot read {args.csv!r}: {exc.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _UsageError(f"{args.csv!r} is not a UTF-8 CSV file: {exc}") from None
    if not diary:
        raise _UsageError(f"{args.csv!r} has no entries; expected a header 'food,amount' and rows")
    totals = diary.totals()
    if args.json:
        _print_json(
            {
                "entries": len(diary),
                "totals": {
                    t.vitamer.key: {
                        "known_ug": None if t.known is None else float(t.known.micrograms),
                        "is_lower_bound": t.is_lower_bound,
                        "unknown_entries": list(t.unknown_entries),
                    }
                    for t in totals
                },
            },
            out,
        )
        return EXIT_OK
    out.write(f"{len(diary)} entries\n")
    for t in totals:
        n, known = len(t.unknown_entries), t.known
        if known is None:
            out.write(f"  {t.vitamer.key}: unknown for all {t.entries} entries\n")
        elif n:
            out.write(f"  {t.vitamer.key}: at least {_approx(known)} "
                      f"(unknown for {n} of {t.entries} entries)\n")
        else:
            out.write(f"  {t.vitamer.key}: {_approx(known)}\n")
    return EXIT_OK


# --- intake --------------------------------------------------------------------------------

_INTAKE_EPILOG = """\
Reference values are for total vitamin K, set mostly on phylloquinone (K1).

examples:
  vitk2 intake IOM --age 40 --sex female
  vitk2 intake EFSA --age 30 --weight "70 kg"
  vitk2 intake IOM --age 30 --sex female --pregnant --dose "180 µg/day MK-7"
  vitk2 intake IOM --age-months 4
  vitk2 intake --list
"""


def _cmd_intake(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._intakes import (  # noqa: PLC0415
        AUTHORITIES,
        percent_of_reference,
        reference_intake,
        upper_limit,
    )

    if args.list:
        for a in AUTHORITIES:
            out.write(f"{a.key:10} {a.name}\n")
        return EXIT_OK
    if not args.authority:
        raise _UsageError("name an authority (see vitk2 intake --list)")
    r = reference_intake(
        args.authority,
        age_years=Fraction(args.age) if args.age is not None else None,
        age_months=Fraction(args.age_months) if args.age_months is not None else None,
        sex=args.sex,
        pregnant=args.pregnant,
        lactating=args.lactating,
        body_weight=args.weight,
    )
    ul = upper_limit(r.authority)
    pct = percent_of_reference(parse_daily_dose(args.dose), r) if args.dose else None
    if args.json:
        _print_json(
            {
                "reference": str(r),
                "kind": r.kind,
                "value_ug_per_day": None if r.value is None else float(r.value.micrograms),
                "upper_limit": str(ul),
                "percent_of_reference": None if pct is None else float(pct.percent),
                "sources": list(r.sources),
            },
            out,
        )
        return EXIT_OK
    out.write(f"{r}\n")
    out.write(f"upper limit: {ul}\n")
    if pct is not None:
        out.write(f"{pct}\n")
    out.write("sources: " + "; ".join(c.short for c in r.citations) + "\n")
    return EXIT_OK


# --- studies -------------------------------------------------------------------------------

_STUDIES_EPILOG = """\
examples:
  vitk2 studies --around "180 µg/day MK-7"
  vitk2 studies --around "45 mg/day MK-4"
  vitk2 studies --vitamer MK-7 --outcome bone
"""


def _cmd_studies(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._studies import dose_in_context, studies  # noqa: PLC0415

    if args.around:
        context = dose_in_context(parse_daily_dose(args.around))
        if args.json:
            _print_json(
                {
                    "dose": str(context.dose),
                    "less": [s.key for s in context.less],
                    "about_the_same": [s.key for s in context.about_same],
                    "more": [s.key for s in context.more],
                },
                out,
            )
        else:
            out.write(f"{context}\n")
        return EXIT_OK
    found = studies(vitamer=args.vitamer, outcome=args.outcome)
    if args.json:
        _print_json([{"key": s.key, "study": str(s)} for s in found], out)
    else:
        for s in found:
            out.write(f"{s}\n")
        out.write(f"{len(found)} study arms\n")
    return EXIT_OK


# --- schedule ------------------------------------------------------------------------------

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

    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._schedules import InfeasibleScheduleError, divide  # noqa: PLC0415

    try:
        schedule = divide(
            parse_daily_dose(args.dose),
            args.times,
            unit_strengths=args.strength or None,
            allow_rounding=args.allow_rounding,
            anchors=args.at or None,
        )
    except InfeasibleScheduleError as exc:
        text = str(exc).replace("pass allow_rounding=True", "use --allow-rounding")
        raise _UsageError(text) from None
    try:
        start = dt.date.fromisoformat(args.start) if args.start else dt.date.today()
    except ValueError:
        raise _UsageError(f"--start {args.start!r} is not a date like 2026-01-05") from None
    if args.days < 1:
        raise _UsageError(f"--days must be at least 1, not {args.days}")
    fmt = "json" if args.json else args.format
    if fmt == "text":
        out.write(f"{schedule}\n")
        for a in schedule.administrations:
            out.write(f"  {a}\n")
        out.write(f"total per day: {schedule.daily_dose}\n")
    elif fmt == "fhir":
        from vitk2._exports import to_fhir_dosage  # noqa: PLC0415

        _print_json(to_fhir_dosage(schedule), out)
    elif fmt == "ical":
        from vitk2._exports import to_ical  # noqa: PLC0415

        out.write(to_ical(schedule, start, days=args.days, tz=args.tz))
    elif fmt == "events":
        from vitk2._exports import to_event_table  # noqa: PLC0415

        unit = "ug" if schedule.daily_dose.micrograms_per_day < 1000 else "mg"
        out.write(to_event_table(schedule, days=args.days, unit=unit).to_csv())
    else:  # json
        events = schedule.expand(start, days=args.days, tz=args.tz)
        _print_json(
            {
                "schedule": str(schedule),
                "daily_dose": str(schedule.daily_dose),
                "administrations": [str(a) for a in schedule.administrations],
                "events": [{"at": e.when.isoformat(), "amount": str(e.amount)} for e in events],
            },
            out,
        )
    return EXIT_OK


# --- the parser ------------------------------------------------------------------------------

_DESCRIPTION = f"""\
vitk2: unit-safe, cited vitamin K2 (and K1, K3) amounts, foods, intakes, studies, interaction
checks and dose schedules.

{NOT_MEDICAL_ADVICE}
"""

_EPILOG = """\
Run "vitk2 COMMAND --help" for a command's options and examples.
exit status: 0 success, 1 a finding that needs attention, 2 bad usage or input.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="vitk2", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="store_true", help="print vitk2's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "convert",
        help="convert an amount or daily dose to another unit (by mass, or to moles)",
        description="Convert an amount or a daily dose to another unit, exactly.",
        epilog=_CONVERT_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("amount", help='an amount with a vitamer, e.g. "0.1 mg MK-7"')
    p.add_argument("unit", help="the unit to convert to: µg, mg, ng, nmol, µmol, µg/day …")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_convert)

    p = sub.add_parser(
        "compare",
        help="compare two amounts (of any vitamers) by mass and/or by moles",
        description="Compare two amounts, or two daily doses, by mass or by moles.",
        epilog=_COMPARE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("first")
    p.add_argument("second")
    p.add_argument("--by", choices=["mass", "moles", "both"], default="both")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_compare)

    p = sub.add_parser(
        "check",
        help="check medications for interactions with vitamin K (fails closed)",
        description="Check medications against vitamin K. Unknown inputs are reported as unknown.",
        epilog=_CHECK_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("medications", nargs="*", help="medication names, brands, ATC codes or RxCUIs")
    p.add_argument(
        "--supplement",
        help='the vitamin K supplement: "100 µg/day MK-7", "45 mg/day MK-4", or a vitamer',
    )
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--fail-at",
        choices=["info", "minor", "moderate", "major", "unknown", "contraindicated"],
        default="moderate",
        help="exit 1 when the overall level is at or above this (default: moderate)",
    )
    p.set_defaults(handler=_cmd_check)
    _add_knowledge_parsers(sub, fmt)
    return parser


def _add_knowledge_parsers(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Subcommands over vitk2's data: foods, diaries, reference intakes, studies."""
    p = sub.add_parser(
        "food",
        help="look a food up, or search foods by words",
        description="Vitamin K content of foods (USDA SR28 and curated menaquinone data).",
        epilog=_FOOD_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("action", choices=["show", "search"])
    p.add_argument("query", nargs="+", help="an NDB number, a description, or search words")
    p.add_argument("--portion", help='a portion: "30 g", "1 cup", "3 oz" (with show)')
    p.add_argument("--limit", type=int, default=10, help="search results to show (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_food)

    p = sub.add_parser(
        "diary",
        help="total vitamin K per vitamer over a food diary in a CSV file",
        description="Totals per vitamer over a CSV food diary; unknown contents are reported.",
        epilog=_DIARY_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("csv", help="path to the CSV file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_diary)

    p = sub.add_parser(
        "intake",
        help="reference intake for a person, by authority",
        description="Reference intakes of vitamin K by authority and life stage.",
        epilog=_INTAKE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("authority", nargs="?", help="IOM, EFSA, D-A-CH, UK, … (see --list)")
    p.add_argument("--list", action="store_true", help="list the authorities")
    p.add_argument("--age", help="age in years")
    p.add_argument("--age-months", help="age in months (infants)")
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--lactating", action="store_true")
    p.add_argument("--weight", help='body weight, e.g. "70 kg" (for per-kg values)')
    p.add_argument("--dose", help='a daily dose to express as a percentage, "180 µg/day MK-7"')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_intake)

    p = sub.add_parser(
        "studies",
        help="human trials by vitamer and outcome, or around a daily dose",
        description="Doses used in human trials of K1, MK-4 and MK-7, with citations.",
        epilog=_STUDIES_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("--around", help='a daily dose: which trials used less, the same, more')
    p.add_argument("--vitamer", help="filter by vitamer, e.g. MK-7")
    p.add_argument("--outcome", help="filter by outcome area, e.g. bone")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_studies)

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


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = sys.stdout if out is None else out
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version  # noqa: PLC0415

        stream.write(f"vitk2 {version('vitk2')}\n")
        return EXIT_OK
    if args.command is None:
        parser.print_help(stream)
        return EXIT_USAGE
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except (Vitk2Error, _UsageError) as exc:
        sys.stderr.write(f"vitk2 {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return EXIT_OK


def console_main() -> NoReturn:
    """Entry point of the ``vitk2`` console script."""
    sys.exit(main())
