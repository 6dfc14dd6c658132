"""The ``vitk2`` command line: the jobs people do in a terminal.

Exit status: 0 success; 1 a finding that needs attention (an interaction at or above
``--fail-at``); 2 bad usage or bad input.  User errors print one line on stderr, never a
traceback.  ``--json`` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from typing import Any, BinaryIO, Literal, NamedTuple, NoReturn, TextIO

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
    """argparse that exits 2 with one clear line (argparse's own behaviour, kept explicit).

    With ``intermixed=True`` options may stand between positional arguments
    (``vitk2 convert "1 mg K1" --file more.txt mg``), as in :meth:`parse_intermixed_args`.
    """

    def __init__(self, *args: Any, intermixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._intermixed = intermixed
        self._parsing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if not self._intermixed or self._parsing:
            return super().parse_known_args(args, namespace)
        self._parsing = True  # the intermixed parser calls parse_known_args itself
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False

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
    import json  # noqa: PLC0415  (only when asked: the convert path must start fast)

    json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write("\n")


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
            raise _UsageError(f"{unit_text!r} is not a unit; try µg, mg, nmol or µg/day")
        spec = unit_spec(parts[1])
    except (Vitk2Error, _UsageError) as exc:
        raise _UsageError(f"{hint}{exc}") from None
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
        raise _UsageError("standard input ('-') can be read only once")
    if stdin_uses and sys.stdin is None:
        raise _UsageError("standard input ('-') is closed; give the inputs another way")
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
            raise _UsageError(f"cannot read {path!r}: {exc.strerror}") from None
        sources.append(_InputSource(path, _file_inputs(stream), True))
    return sources


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    inputs: list[str] = list(args.inputs)
    if args.to is None:
        if not inputs:
            raise _UsageError("give an amount and a unit, e.g. vitk2 convert '100 mcg MK-7' mg")
        target = _convert_target(inputs.pop(), is_last_argument=True)
        if not inputs and not args.file:
            raise _UsageError(
                f"give an amount before the unit {target.text!r}, "
                "e.g. vitk2 convert '100 mcg MK-7' mg"
            )
    else:
        target = _convert_target(args.to, is_last_argument=False)
        if not inputs and not args.file:
            raise _UsageError(
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
                    message = str(exc).replace(_DECIMAL_API_HINT, _DECIMAL_CLI_HINT)
                    if source.counts_lines:
                        where = f"{source.name}, line {number}: "
                    else:
                        where = f"argument {number}: " if several else ""
                    err.write(f"vitk2 convert: error: {where}{message}\n")
                    status = EXIT_USAGE
                    continue
                out.write(line)
    return status


_DECIMAL_CHOICES = ("point", "comma")


def _decimal_mark(option: str | None) -> Literal[".", ","] | None:
    """The library's ``decimal=`` from the command line's ``--decimal point|comma``."""
    return None if option is None else "." if option == "point" else ","


_DECIMAL_API_HINT = "(decimal='.' or decimal=',')"
_DECIMAL_CLI_HINT = "(--decimal point or --decimal comma)"


def _converter(
    target: _ConvertTarget, *, as_json: bool, decimal: str | None
) -> Callable[[str, str, int], str]:
    """The function that turns one input text into its output line (set up once per run)."""
    from vitk2._amounts import DailyDose, parse_dose  # noqa: PLC0415

    separator: Literal[".", ","] | None = (
        _decimal_mark(decimal)
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
        return f"{x} = {_number(value)} {symbol}{suffix} {x.vitamer.key}  (by {basis})\n"

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


# --- label ---------------------------------------------------------------------------------

_LABEL_EPILOG = """\
The panel is read from a text file (or "-" for standard input), one row per line, as it is
copied from a label: columns separated by tabs, pipes or runs of spaces.

examples:
  vitk2 label panel.txt
  vitk2 label - < panel.txt
  vitk2 label eu-panel.txt --region eu --decimal comma
  vitk2 label old-panel.txt --reference fda-rdi-1995
  vitk2 label panel.txt --json
  vitk2 label panel.txt --require-primary

exit status: 0 when every declared vitamin K percent fits its amount, 1 when a line is
flagged (the percent contradicts the amount) or, with --require-primary, left unchecked
because its reference value or rounding rule was read only in secondary copies, 2 on bad
usage or an unreadable file.
"""


def _cmd_label(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._labels import read_label  # noqa: PLC0415

    source: str = args.file
    if source == "-":
        text = sys.stdin.read()
        name = "standard input"
    else:
        try:
            with open(source, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as exc:
            raise _UsageError(f"cannot read {source!r}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise _UsageError(f"{source!r} is not a UTF-8 text file") from None
        name = source
    if not text.strip():
        raise _UsageError(f"{name} is empty; give the panel's lines, one row per line")
    report = read_label(
        text,
        region=args.region,
        decimal=_decimal_mark(args.decimal),
        reference=args.reference,
        require_primary=args.require_primary,
    )
    if args.json:
        _print_json(report.to_dict(), out)
    elif args.format == "markdown":
        out.write(report.to_markdown().rstrip("\n") + "\n")
    else:
        out.write(report.to_text().rstrip("\n") + "\n")
    return EXIT_OK if report.ok else EXIT_ATTENTION


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
    from vitk2._food_lookup import food  # noqa: PLC0415
    from vitk2._food_records import FOOD_VITAMERS  # noqa: PLC0415
    from vitk2._food_search import search_foods  # noqa: PLC0415

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

    from vitk2._diaries import Diary  # noqa: PLC0415

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
        raise _UsageError(text) from None
    for w in caught:  # one line on stderr, in CLI words, whatever --format prints on stdout
        note = str(w.message).replace("allow_rounding=True", "--allow-rounding")
        sys.stderr.write(f"vitk2 schedule: warning: {note}\n")
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
        from vitk2._export_fhir import to_fhir_dosage  # noqa: PLC0415

        _print_json(to_fhir_dosage(schedule), out)
    elif fmt == "ical":
        from vitk2._export_ical import to_ical  # noqa: PLC0415

        out.write(to_ical(schedule, start, days=args.days, tz=args.tz))
    elif fmt == "events":
        from vitk2._export_events import to_event_table  # noqa: PLC0415

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


def build_parser(*, only_convert: bool = False) -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job (or only ``convert``, see main())."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="vitk2", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="store_true", help="print vitk2's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_convert_parser(sub, fmt)
    if only_convert:
        return parser

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
    _add_label_parser(sub, fmt)
    return parser


def _add_convert_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
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
        choices=_DECIMAL_CHOICES,
        help="how the inputs write numbers: point (1,000.5 mcg: US, UK labels) or comma "
        "(37,5 µg: EU labels); without it, a comma that could be either is an error",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per input line")
    p.set_defaults(handler=_cmd_convert)


def _add_label_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``label`` subcommand: read a Supplement Facts or nutrition panel."""
    p = sub.add_parser(
        "label",
        help="read a Supplement Facts or nutrition panel; cross-check each vitamin K %%DV/%%NRV",
        description="Read a supplement or nutrition panel and check every vitamin K percent "
        "against its amount (FDA Daily Value 120 µg, EU/UK NRV 75 µg).",
        epilog=_LABEL_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("file", help='a text file with the panel, or "-" for standard input')
    p.add_argument("--region", choices=["us", "eu"],
                   help="us (%%DV) or eu (EU/UK %%NRV); default: read from the panel")
    p.add_argument("--decimal", choices=_DECIMAL_CHOICES,
                   help="the panel's decimal mark, point or comma; default: comma for eu, "
                   "point for us")
    p.add_argument("--reference", choices=["fda-dv-2016", "fda-rdi-1995", "eu-nrv"],
                   help="check against this reference value instead of the panel's own")
    p.add_argument("--require-primary", action="store_true",
                   help="do not use a reference value or rounding rule read only in secondary "
                   "copies; such lines are reported as unchecked (exit 1)")
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_label)


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
    if argv is None:
        argv = sys.argv[1:]
    # `vitk2 convert` runs once per process in scripts: building the other subcommands' parsers
    # would cost it more than the conversion, so it gets a parser with only its own.
    parser = build_parser(only_convert=argv[:1] == ["convert"])
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
