"""The ``intake`` command: reference intakes of vitamin K by authority and life stage."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_OK, UsageError, print_json

_INTAKE_EPILOG = """\
Reference values are for total vitamin K, set mostly on phylloquinone (K1).

examples:
  vitk2 intake IOM --age 40 --sex female
  vitk2 intake EFSA --age 30 --weight "70 kg"
  vitk2 intake IOM --age 30 --sex female --pregnant --dose "180 µg/day MK-7"
  vitk2 intake IOM --age-months 4
  vitk2 intake --list
"""


def _years(text: str) -> Fraction:
    """An age as given on the command line: a number (``30``, ``2.5``, ``1/2``)."""
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        msg = f"{text!r} is not a number; give the age as a number such as 30 or 2.5"
        raise argparse.ArgumentTypeError(msg) from None


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
        raise UsageError("name an authority (see vitk2 intake --list)")
    r = reference_intake(
        args.authority,
        age_years=args.age,
        age_months=args.age_months,
        sex=args.sex,
        pregnant=args.pregnant,
        lactating=args.lactating,
        body_weight=args.weight,
    )
    ul = upper_limit(r.authority)
    pct = percent_of_reference(parse_daily_dose(args.dose), r) if args.dose else None
    if args.json:
        print_json(
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


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``intake`` subcommand."""
    p = sub.add_parser(
        "intake",
        help="reference intake for a person, by authority",
        description="Reference intakes of vitamin K by authority and life stage.",
        epilog=_INTAKE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("authority", nargs="?", help="IOM, EFSA, D-A-CH, UK, … (see --list)")
    p.add_argument("--list", action="store_true", help="list the authorities")
    p.add_argument("--age", type=_years, help="age in years")
    p.add_argument("--age-months", type=_years, help="age in months (infants)")
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--lactating", action="store_true")
    p.add_argument("--weight", help='body weight, e.g. "70 kg" (for per-kg values)')
    p.add_argument("--dose", help='a daily dose to express as a percentage, "180 µg/day MK-7"')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_intake)
