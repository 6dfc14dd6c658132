"""The ``intake`` command: reference intakes of vitamin K by authority and life stage."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_OK, UsageError, print_json

_INTAKE_EPILOG = """\
Each value shows its edition, its grade (primary: read in the authority's own text; secondary:
only in copies) and what it counts. --dose is counted as the authority counts it (--by basis,
the default), or as a plain total by mass of every form (--by mass).

examples:
  vitk2 intake IOM --age 40 --sex female
  vitk2 intake EFSA --age 30 --weight "70 kg"
  vitk2 intake IOM --age 30 --sex female --pregnant --dose "180 µg/day MK-7"
  vitk2 intake Japan --age 40 --dose "60 µg/day K1" --dose "180 µg/day MK-7"
  vitk2 intake Japan --age 5 --edition 2015
  vitk2 intake IOM --age-months 4
  vitk2 intake --list
"""


def add_person_arguments(p: argparse.ArgumentParser, *, require_primary: bool = True) -> None:
    """The options that pick a reference value: who, which edition, which grade, how to count.

    ``require_primary=False`` leaves out ``--require-primary`` for a command that has its own.
    """
    p.add_argument("--age", help="age in years")
    p.add_argument("--age-months", help="age in months (infants)")
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--lactating", action="store_true")
    p.add_argument("--weight", help='body weight, e.g. "70 kg" (for per-kg values)')
    p.add_argument("--edition", help="the authority's edition, e.g. 2020 (default: the latest)")
    if require_primary:
        p.add_argument(
            "--require-primary",
            action="store_true",
            help="refuse a value read only in secondary copies",
        )
    p.add_argument(
        "--by",
        choices=["basis", "mass"],
        default="basis",
        help="count what the authority counts (basis, default) or every form by mass",
    )


def check_person_options(args: argparse.Namespace, authority: str | None, option: str) -> None:
    """Refuse person options given without the option that names the authority."""
    named = ("age", "age_months", "sex", "weight", "edition")
    given = any(getattr(args, o) is not None for o in named) or args.pregnant or args.lactating
    if authority is None and (given or args.by != "basis"):
        msg = f"the person options (--age, --sex, --by, ...) need {option}"
        raise UsageError(msg)


def lookup_reference(authority_name: str, args: argparse.Namespace) -> Any:
    """The reference value the person options describe."""
    from vitk2._intakes import reference_intake  # noqa: PLC0415

    return reference_intake(
        authority_name,
        age_years=Fraction(args.age) if args.age is not None else None,
        age_months=Fraction(args.age_months) if args.age_months is not None else None,
        sex=args.sex,
        pregnant=args.pregnant,
        lactating=args.lactating,
        body_weight=args.weight,
        edition=args.edition,
        require_primary=args.require_primary,
    )


def reference_json(r: Any) -> dict[str, Any]:
    """The reference value as JSON fields (floats for reading; the exact value is in to_dict)."""
    basis = r.basis
    return {
        "reference": str(r),
        "authority": r.authority.key,
        "edition": r.edition,
        "kind": r.kind,
        "value_ug_per_day": None if r.value is None else float(r.value.micrograms),
        "grade": r.grade,
        "copies": list(r.copies),
        "counts": None if basis is None or not basis.known else basis.counted_text(),
        "sources": list(r.sources),
    }


def percent_json(p: Any) -> dict[str, Any]:
    """A comparison with a reference as JSON fields."""
    return {
        "percent": float(p.percent),
        "by": p.by,
        "is_lower_bound": p.is_lower_bound,
        "counted": [str(d) for d in p.counted],
        "counted_ug_per_day": float(p.counted_micrograms_per_day),
        "left_out": [str(d) for d in p.left_out],
        "unknown": [v.key for v in p.unknown],
        "unattributed": list(p.unattributed),
        "note": p.note,
    }


def write_percent(p: Any, out: TextIO) -> None:
    """The comparison, and how it was counted, as lines of text."""
    out.write(f"{p}\n")
    out.write(f"  {p.note}\n")


def _cmd_intake(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._intakes import AUTHORITIES, percent_of_reference, upper_limit  # noqa: PLC0415

    if args.list:
        for a in AUTHORITIES:
            editions = ", ".join(a.editions)
            shipped = "" if a.shipped else "  (not confirmed: no values)"
            out.write(f"{a.key:10} {a.name} [{editions}]{shipped}\n")
        return EXIT_OK
    if not args.authority:
        raise UsageError("name an authority (see vitk2 intake --list)")
    r = lookup_reference(args.authority, args)
    ul = upper_limit(r.authority, edition=r.edition)
    doses = [parse_daily_dose(d) for d in args.dose or ()]
    pct = percent_of_reference(doses, r, by=args.by) if doses else None
    if args.json:
        data = reference_json(r)
        data["upper_limit"] = str(ul)
        data["percent_of_reference"] = None if pct is None else percent_json(pct)
        print_json(data, out)
        return EXIT_OK
    out.write(f"{r}\n")
    if r.copies:
        out.write("read only in copies: " + "; ".join(r.copies) + "\n")
    out.write(f"upper limit: {ul}\n")
    if pct is not None:
        write_percent(pct, out)
    out.write("sources: " + "; ".join(c.short for c in r.citations) + "\n")
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``intake`` subcommand."""
    p = sub.add_parser(
        "intake",
        help="reference intake for a person, by authority",
        description="Reference intakes of vitamin K by authority, edition and life stage.",
        epilog=_INTAKE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("authority", nargs="?", help="IOM, EFSA, D-A-CH, Japan, UK, … (see --list)")
    p.add_argument("--list", action="store_true", help="list the authorities")
    add_person_arguments(p)
    p.add_argument(
        "--dose",
        action="append",
        help='a daily dose to express as a percentage, "180 µg/day MK-7" (repeatable)',
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_intake)
