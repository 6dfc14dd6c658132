"""CSV text that is safe to open in a spreadsheet.

Every CSV vitk2 writes goes through :func:`csv_text`.  A spreadsheet reads a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV or formula
injection); following the OWASP guidance such a *text* cell is written with a leading
apostrophe (``'=1+1``), which spreadsheets show as text and which :func:`unneutralise` removes.

Only text is neutralised.  Numbers (``int``, :class:`~fractions.Fraction`,
:class:`~decimal.Decimal`, ``float``) are written as numbers, so ``-5`` stays ``-5``: a
number vitk2 formats can never be a formula.  The text ``"-5"`` is text, and becomes ``'-5``.

Numbers are written as plain decimals, exactly when they have a finite decimal form; one that
has none (8 h 20 min is 25/3 h) is rounded to 12 significant digits (``8.33333333333``),
because CSV readers such as NONMEM and R take no fractions.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Final

from vitk2._units import format_number

__all__ = ["csv_text", "neutralise", "unneutralise"]

FORMULA_LEADS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell (OWASP, CSV injection)."""


def neutralise(text: str) -> str:
    """*text* made safe as a CSV cell: prefixed with ``'`` if it starts a formula.

    Text that already starts with ``'`` gets one more, so :func:`unneutralise` is exact.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("Natto"), neutralise("'quoted")
    ('\\'=HYPERLINK("http://x")', 'Natto', "''quoted")
    """
    if text.startswith((*FORMULA_LEADS, "'")):
        return "'" + text
    return text


def unneutralise(cell: str) -> str:
    """The text that :func:`neutralise` was given.

    >>> unneutralise("'=1+1"), unneutralise("Natto")
    ('=1+1', 'Natto')
    """
    return cell[1:] if cell.startswith("'") else cell


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return neutralise(str(value))
    if isinstance(value, Decimal) and not value.is_finite():
        return str(value)
    if isinstance(value, int | Fraction | Decimal):
        return _decimal_text(Fraction(value))
    if isinstance(value, float):
        return repr(value)
    return neutralise(str(value))


def _quoted(cell: str) -> str:
    # RFC 4180 quoting, and for a lone CR too (the csv module leaves it bare when the line
    # terminator is "\n", and a reader then splits the row there).
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


_DIGITS: Final = 12


def _decimal_text(value: Fraction) -> str:
    """Exact decimal text, or 12 significant digits if there is no finite decimal form.

    >>> _decimal_text(Fraction(17, 2)), _decimal_text(Fraction(25, 3))
    ('8.5', '8.33333333333')
    >>> _decimal_text(Fraction(-2, 3)), _decimal_text(Fraction(1, 3 * 10**12))
    ('-0.666666666667', '0.000000000000333333333333')
    """
    text = format_number(value)
    if "/" not in text:
        return text
    with localcontext() as ctx:
        ctx.prec = _DIGITS
        ctx.rounding = ROUND_HALF_EVEN
        rounded = Decimal(value.numerator) / Decimal(value.denominator)
        return format(rounded, "f")


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV text (``\n`` line ends, RFC 4180 quoting), text cells neutralised.

    >>> print(csv_text([("food", "grams"), ("=cmd|' /C calc'!A0", -5), ("a, b", 1)]), end="")
    food,grams
    '=cmd|' /C calc'!A0,-5
    "a, b",1
    """
    lines = []
    for row in rows:
        cells = [_quoted(_cell(v)) for v in row]
        # one empty cell is written "" so that it does not read back as an empty line
        lines.append('""\n' if cells == [""] else ",".join(cells) + "\n")
    return "".join(lines)
