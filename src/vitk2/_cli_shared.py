"""What every ``vitk2`` command shares.

Exit statuses, the parser class, the usage error, the ``--decimal`` option, and how numbers,
amounts, JSON and reports are printed.  Each command family is a module ``vitk2._cli_<area>``;
``vitk2._cli`` builds the parser from them and runs the command.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Final, Literal, NoReturn, TextIO

from vitk2._units import format_number

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, TextIO], int]


class UsageError(Exception):
    """Bad usage detected after argparse: one line, exit 2."""


class Parser(argparse.ArgumentParser):
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


# The library's messages name its Python arguments; on the command line they are options.
_OPTIONS: Final = {
    "age_years": "--age",
    "age_months": "--age-months",
    "body_weight": "--weight",
    "sex": "--sex",
    "times": "--times",
    "days": "--days",
    "start": "--start",
    "end": "--end",
    "unit_strengths": "--strength",
    "anchors": "--at",
}
_FLAGS: Final = {
    "pregnant=True": "--pregnant",
    "lactating=True": "--lactating",
    "allow_rounding=True": "--allow-rounding",
}
_ARGUMENT: Final = re.compile(r"\b(" + "|".join(_OPTIONS) + r")=('[^']*'|\S+?)(?=[\s:;,)]|$)")
_FRACTION: Final = re.compile(r"Fraction\((-?\d+), (\d+)\)")
_DECIMAL: Final = re.compile(r"Decimal\('([^']*)'\)")
_TIME: Final = re.compile(r"datetime\.time\((\d+), (\d+)(?:, (\d+))?\)")
_DATE: Final = re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)")
_PHRASES: Final = (
    (re.compile(r",? or a datetime\.time\b"), ""),
    (re.compile(r",? or pass vitamer='[^']*'"), " (the vitamer goes after the amount)"),
    (re.compile(r"\bvitamer='([^']*)'"), r"the vitamer \1"),
    (re.compile(r"\buse search_foods\(\)"), "search with: vitk2 food search WORDS"),
    (re.compile(r"\buse read_label\(\)"), "use vitk2 label FILE"),
    (re.compile(r"\bsearch_foods\(\)"), "vitk2 food search"),
    (re.compile(r"\b[a-z_]+\(\) needs the optional package"), "this needs the optional package"),
    (re.compile(r"\b[a-z_]+\(\) needs "), "this needs "),
)


def cli_words(message: str) -> str:
    """A library message in command-line terms: options, not arguments; values, not reprs.

    >>> cli_words("give age_years= (or age_months= for infants)")
    'give --age (or --age-months for infants)'
    >>> cli_words("age Fraction(135, 1) years is out of range")
    'age 135 years is out of range'
    >>> cli_words("pregnant=True with sex='male' is not a life stage; use sex='female'")
    '--pregnant with --sex male is not a life stage; use --sex female'
    >>> cli_words("times=0: the number of administrations")
    '--times 0: the number of administrations'
    """
    text = _FRACTION.sub(lambda m: format_number(Fraction(int(m[1]), int(m[2]))), message)
    text = _DECIMAL.sub(r"\1", text)
    text = _TIME.sub(lambda m: f"{int(m[1]):02d}:{int(m[2]):02d}", text)
    text = _DATE.sub(lambda m: f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    for pattern, words in _PHRASES:
        text = pattern.sub(words, text)
    for flag, option in _FLAGS.items():
        text = text.replace(flag, option)
    text = _ARGUMENT.sub(lambda m: f"{_OPTIONS[m[1]]} {m[2].strip(chr(39))}", text)
    text = re.sub(r"(--sex \w+) or '(\w+)'", r"\1 or \2", text)
    # An argument named with nothing after it: "give age_years= (or ...)".
    return re.sub(r"\b(" + "|".join(_OPTIONS) + r")=(?=\s|$)", lambda m: _OPTIONS[m[1]], text)


def short_number(value: Fraction, digits: int = 6) -> str:
    """Exact if short, otherwise a rounded decimal marked with ≈."""
    exact = format_number(value)
    if "/" not in exact and len(exact) <= 12:
        return exact
    rounded = f"{float(value):.{digits}g}"
    return f"≈{rounded}"


def approx(x: Any) -> str:
    """An amount for people: exact when short, else to 4 significant digits with ≈."""
    text = str(x)
    return text if len(text.split(maxsplit=1)[0]) <= 8 else format(x, ".4g")


def print_json(data: Any, out: TextIO) -> None:
    import json  # noqa: PLC0415  (only when asked: the convert path must start fast)

    json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write("\n")



DECIMAL_CHOICES = ("point", "comma")


def decimal_mark(option: str | None) -> Literal[".", ","] | None:
    """The library's ``decimal=`` from the command line's ``--decimal point|comma``."""
    return None if option is None else "." if option == "point" else ","


def print_report(report: Any, args: argparse.Namespace, out: TextIO) -> None:
    """A report (interactions, label) as ``--json``, ``--format markdown`` or text."""
    if args.json:
        print_json(report.to_dict(), out)
    elif args.format == "markdown":
        out.write(report.to_markdown().rstrip("\n") + "\n")
    else:
        out.write(report.to_text().rstrip("\n") + "\n")
