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
    from vitk2._units import format_number  # noqa: PLC0415

    exact = format_number(value)
    if "/" not in exact and len(exact) <= 12:
        return exact
    rounded = f"{float(value):.{digits}g}"
    return f"≈{rounded}"


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
    from vitk2._amounts import parse_amount, parse_daily_dose  # noqa: PLC0415
    from vitk2._units import split_quantity_text, unit_spec  # noqa: PLC0415

    text: str = args.amount
    per_day = _looks_per_day(text)
    x = parse_daily_dose(text) if per_day else parse_amount(text)
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
                "exact": _exact(value),
                "basis": "moles" if spec.dimension == "substance" else "mass",
                "molar_mass_g_per_mol": float(x.vitamer.molar_mass_g_per_mol),
            },
            out,
        )
    else:
        out.write(f"{x} = {_number(value)} {spec.symbol}{suffix} {x.vitamer.key}  (by {basis})\n")
    return EXIT_OK


def _exact(value: Fraction) -> str:
    from vitk2._units import format_number  # noqa: PLC0415

    return format_number(value)


def _looks_per_day(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in ("/d", " per day", " a day", " daily"))


# --- compare -------------------------------------------------------------------------------

_COMPARE_EPILOG = """\
examples:
  vitk2 compare "100 µg MK-4" "100 µg MK-7"             (by mass and by moles)
  vitk2 compare "45 mg/day MK-4" "180 µg/day MK-7" --by moles
"""


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import compare, parse_amount, parse_daily_dose  # noqa: PLC0415

    texts: list[str] = [args.first, args.second]
    kinds = {_looks_per_day(t) for t in texts}
    if len(kinds) != 1:
        raise _UsageError("compare two amounts, or two daily doses, not one of each")
    parse = parse_daily_dose if kinds.pop() else parse_amount
    first, second = (parse(t) for t in texts)
    bases = ["mass", "moles"] if args.by == "both" else [args.by]
    results = [compare(first, second, by=b) for b in bases]  # type: ignore[arg-type]
    if args.json:
        _print_json(
            {
                "first": str(first),
                "second": str(second),
                "comparisons": [
                    {"by": c.by, "ratio": float(c.ratio), "exact_ratio": _exact(c.ratio)}
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

    supplement = _read_supplement(args.supplement) if args.supplement else None
    report = check_interactions(list(args.medications), supplement=supplement)
    if args.json:
        _print_json(report.to_dict(), out)
    elif args.format == "markdown":
        out.write(report.to_markdown().rstrip("\n") + "\n")
    else:
        out.write(report.to_text().rstrip("\n") + "\n")
    threshold = Severity(args.fail_at)
    return EXIT_ATTENTION if report.overall >= threshold else EXIT_OK


def _read_supplement(text: str) -> Any:
    from vitk2._amounts import parse_amount, parse_daily_dose  # noqa: PLC0415
    from vitk2._errors import NotFoundError  # noqa: PLC0415
    from vitk2._vitamers import vitamer  # noqa: PLC0415

    try:
        return vitamer(text)
    except NotFoundError:
        pass
    return parse_daily_dose(text) if _looks_per_day(text) else parse_amount(text)


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
    return parser


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
