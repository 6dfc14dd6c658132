"""The ``convert`` and ``compare`` commands: amounts and daily doses, exactly."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Literal, NamedTuple, TextIO

from vitk2._cli_shared import (
    DECIMAL_CHOICES,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    cli_words,
    decimal_mark,
    print_json,
    short_number,
)
from vitk2._errors import Vitk2Error
from vitk2._units import format_number

# --- convert -------------------------------------------------------------------------------

_CONVERT_EPILOG = """\
inputs:
  Amounts ("100 mcg MK-7") or daily doses ("180 mcg/d MK-7"), as arguments, from a file
  (--file FILE, repeatable) or from standard input ("-" as an argument, or --file -).
  Without --to, the last argument is the unit.  A mass or substance unit converts daily doses
  too (to mg/day, nmol/day, ...); a per-day unit (mg/day) accepts only daily doses.
  In files, one input per line; blank lines are skipped, and so are comments: from a # at the
  start of a line, or after a space or tab, to the end of the line.

output:
  One line per input (one JSON object per line with --json), in input order: the arguments
  first ("-" reads standard input in its place), then each --file in turn.  A bad input is
  reported on stderr with its line number (or argument number); every other input is still
  converted.

exit status: 0 every input converted; 2 bad usage, or at least one input could not be read.

examples:
  vitk2 convert "0.1 mg MK-7" µg
  vitk2 convert "180 mcg MK-7" nmol          (by moles, through the molar mass)
  vitk2 convert "45 mg/day menatetrenone" ug/d
  vitk2 convert "277 nmol MK-7" mg --json
  vitk2 convert --to mg "100 mcg MK-7" "180 mcg/d MK-7" "15 mg menatetrenone"
  vitk2 convert --to nmol --file labels.txt --json > labels.jsonl
  vitk2 convert --to mg --decimal comma "37,5 µg MK-7" "1.000 µg K1"   (EU labels)
  cut -f3 products.tsv | vitk2 convert --to µg -
"""

#: Longest input line read; a label line is far shorter, and a longer one is not a label.
_MAX_INPUT_CHARS = 1000


class _BadInputError(Exception):
    """One input that cannot be converted: reported with its place, and the batch goes on."""


class _ConvertTarget(NamedTuple):
    """The unit every input is converted to."""

    text: str
    code: str
    symbol: str
    by_moles: bool
    per_day_only: bool


def _convert_target(unit_text: str, *, is_last_argument: bool) -> _ConvertTarget:
    from vitk2._units import split_quantity_text, unit_spec  # noqa: PLC0415

    hint = (
        "the last argument is the unit to convert to (or give the unit with --to UNIT); "
        if is_last_argument
        else ""
    )
    try:
        parts = split_quantity_text(f"1 {unit_text}", original=unit_text)
        if parts is None:
            raise UsageError(f"{unit_text!r} is not a unit; try µg, mg, nmol or µg/day")
        spec = unit_spec(parts[1])
    except (Vitk2Error, UsageError) as exc:
        raise UsageError(f"{hint}{exc}") from None
    return _ConvertTarget(
        unit_text, spec.code, spec.symbol, spec.dimension == "substance", parts[2]
    )


class _InputSource(NamedTuple):
    """Where inputs come from: the arguments, a file, or standard input."""

    name: str
    lines: Iterator[tuple[int, str | _BadInputError]]
    counts_lines: bool
    """True for files and standard input (report "line N"), False for arguments."""


def _argument_inputs(texts: list[str], first: int) -> Iterator[tuple[int, str | _BadInputError]]:
    for number, text in enumerate(texts, start=first):
        yield number, text.strip()


def _file_inputs(stream: BinaryIO) -> Iterator[tuple[int, str | _BadInputError]]:
    """Numbered input lines of a file, without blank lines and comments.

    Read as bytes and decoded line by line, so one line that is not UTF-8 is reported with
    its number while the others are still read.
    """
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, _BadInputError("this line is not UTF-8 text (save the file as UTF-8)")
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
        if "#" in line:
            line = _strip_comment(line)
        text = line.strip()
        if text:
            yield number, text


def _strip_comment(line: str) -> str:
    """Drop a comment: from a # at the start of a line or after whitespace, to the end.

    The convention of pip's requirements files, so ``MK-7#2`` is not cut (nor misread).
    """
    for i, char in enumerate(line):
        if char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def _convert_sources(
    args: argparse.Namespace, inputs: list[str], stack: contextlib.ExitStack[bool | None]
) -> list[_InputSource]:
    """Every source of inputs, in output order.

    Files are opened here, before any input is converted, so a missing file is a usage error
    and nothing has been printed.
    """
    stdin_uses = inputs.count("-") + list(args.file or []).count("-")
    if stdin_uses > 1:
        raise UsageError("standard input ('-') can be read only once")
    if stdin_uses and sys.stdin is None:
        raise UsageError("standard input ('-') is closed; give the inputs another way")
    sources: list[_InputSource] = []
    pending: list[str] = []
    for number, text in enumerate(inputs, start=1):
        if text == "-":
            if pending:
                first = number - len(pending)
                sources.append(_InputSource("", _argument_inputs(pending, first), False))
            sources.append(_InputSource("standard input", _file_inputs(sys.stdin.buffer), True))
            pending = []
        else:
            pending.append(text)
    if pending:
        first = len(inputs) + 1 - len(pending)
        sources.append(_InputSource("", _argument_inputs(pending, first), False))
    for path in args.file or []:
        if path == "-":
            sources.append(_InputSource("standard input", _file_inputs(sys.stdin.buffer), True))
            continue
        try:
            stream = stack.enter_context(open(path, "rb"))  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"cannot read {path!r}: {exc.strerror}") from None
        sources.append(_InputSource(path, _file_inputs(stream), True))
    return sources


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    inputs: list[str] = list(args.inputs)
    if args.to is None:
        if not inputs:
            raise UsageError("give an amount and a unit, e.g. vitk2 convert '100 mcg MK-7' mg")
        target = _convert_target(inputs.pop(), is_last_argument=True)
        if not inputs and not args.file:
            raise UsageError(
                f"give an amount before the unit {target.text!r}, "
                "e.g. vitk2 convert '100 mcg MK-7' mg"
            )
    else:
        target = _convert_target(args.to, is_last_argument=False)
        if not inputs and not args.file:
            raise UsageError(
                "give the inputs: arguments, --file FILE, or '-' for standard input"
            )
    err = sys.stderr
    with contextlib.ExitStack() as stack:
        sources = _convert_sources(args, inputs, stack)
        several = len(inputs) > 1 or bool(args.file)
        status = EXIT_OK
        convert = _converter(target, as_json=args.json, decimal=args.decimal)
        for source in sources:
            for number, text in source.lines:
                try:
                    if isinstance(text, _BadInputError):
                        raise text
                    if len(text) > _MAX_INPUT_CHARS:
                        raise _BadInputError(
                            f"this input is {len(text)} characters long; "
                            f"a label line has at most {_MAX_INPUT_CHARS}"
                        )
                    line = convert(text, source.name or "arguments", number)
                except (Vitk2Error, _BadInputError) as exc:
                    message = cli_words(str(exc).replace(_DECIMAL_API_HINT, _DECIMAL_CLI_HINT))
                    if source.counts_lines:
                        where = f"{source.name}, line {number}: "
                    else:
                        where = f"argument {number}: " if several else ""
                    err.write(f"vitk2 convert: error: {where}{message}\n")
                    status = EXIT_USAGE
                    continue
                out.write(line)
    return status


_DECIMAL_API_HINT = "(decimal='.' or decimal=',')"
_DECIMAL_CLI_HINT = "(--decimal point or --decimal comma)"


def _converter(
    target: _ConvertTarget, *, as_json: bool, decimal: str | None
) -> Callable[[str, str, int], str]:
    """The function that turns one input text into its output line (set up once per run)."""
    from vitk2._amounts import DailyDose, parse_dose  # noqa: PLC0415

    separator: Literal[".", ","] | None = (
        decimal_mark(decimal)
    )

    dumps = None
    if as_json:
        import json  # noqa: PLC0415

        dumps = json.JSONEncoder(ensure_ascii=False).encode
    code, symbol = target.code, target.symbol
    basis = "moles, through the molar mass" if target.by_moles else "mass"

    def convert(text: str, source: str, number: int) -> str:
        x = parse_dose(text, decimal=separator)
        per_day = isinstance(x, DailyDose)
        if target.per_day_only and not per_day:
            msg = (
                f"{text!r} is an amount, not a daily dose; convert it to a unit "
                f"without /day, not {target.text!r}"
            )
            raise _BadInputError(msg)
        value = x.in_units(code)
        if dumps is not None:
            return dumps(
                {
                    "source": source,
                    "line": number,
                    "input": text,
                    "vitamer": x.vitamer.key,
                    "unit": code + ("/d" if per_day else ""),
                    "value": float(value),
                    "exact": format_number(value),
                    "basis": "moles" if target.by_moles else "mass",
                    "molar_mass_g_per_mol": float(x.vitamer.molar_mass_g_per_mol),
                    "dose": x.to_dict(),
                }
            ) + "\n"
        suffix = "/day" if per_day else ""
        return f"{x} = {short_number(value)} {symbol}{suffix} {x.vitamer.key}  (by {basis})\n"

    return convert


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
        raise UsageError("compare two amounts, or two daily doses, not one of each")
    bases = ["mass", "moles"] if args.by == "both" else [args.by]
    results = [compare(first, second, by=b) for b in bases]  # type: ignore[arg-type]
    if args.json:
        print_json(
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
            out.write(f"{c:human}\n")
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``convert`` and ``compare`` subcommands."""
    add_convert_parser(sub, fmt)
    p = sub.add_parser(
        "compare",
        help="compare two amounts (of any vitamers) by mass and/or by moles",
        description="Compare two amounts, or two daily doses, by mass or by moles.",
        epilog=_COMPARE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("first", help='an amount or daily dose with its vitamer, e.g. "100 µg MK-4"')
    p.add_argument("second", help='the amount or daily dose to compare it with, e.g. "100 µg MK-7"')
    p.add_argument("--by", choices=["mass", "moles", "both"], default="both",
                   help="compare by mass, by moles (amount of substance) or both (default)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_compare)


def add_convert_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``convert`` subcommand alone (``vitk2 convert`` builds no other parser)."""
    p = sub.add_parser(
        "convert",
        help="convert an amount or daily dose to another unit (by mass, or to moles)",
        description="Convert amounts or daily doses to another unit, exactly.",
        usage="vitk2 convert AMOUNT... UNIT [--decimal point|comma] [--json]\n"
        "       vitk2 convert --to UNIT [AMOUNT | -]... [--file FILE]... "
        "[--decimal point|comma] [--json]",
        epilog=_CONVERT_EPILOG,
        formatter_class=fmt,
        intermixed=True,
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help='an amount or daily dose, e.g. "0.1 mg MK-7"; "-" reads standard input; '
        "without --to, the last argument is the UNIT",
    )
    p.add_argument("--to", metavar="UNIT",
                   help="the unit to convert to: µg, mg, ng, nmol, µmol, µg/day …")
    p.add_argument("-f", "--file", action="append", metavar="FILE",
                   help="read inputs from FILE, one per line ('-': standard input); repeatable")
    p.add_argument(
        "--decimal",
        choices=DECIMAL_CHOICES,
        help="how the inputs write numbers: point (1,000.5 mcg: US, UK labels) or comma "
        "(37,5 µg: EU labels); without it, a comma that could be either is an error",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per input line")
    p.set_defaults(handler=_cmd_convert)
