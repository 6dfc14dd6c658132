"""CSV text that is safe to open in a spreadsheet.

Every CSV vitk2 writes goes through :func:`csv_text`.  A spreadsheet reads a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV or formula
injection); following the OWASP guidance such a *text* cell is written with a leading
apostrophe (``'=1+1``), which spreadsheets show as text and which :func:`unneutralise` removes.

Only text is neutralised.  Numbers (``int``, :class:`~fractions.Fraction`,
:class:`~decimal.Decimal`, ``float``) are written as numbers, so ``-5`` stays ``-5``: a
number vitk2 formats can never be a formula.  The text ``"-5"`` is text, and becomes ``'-5``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
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
        return format_number(Fraction(value))
    if isinstance(value, float):
        return repr(value)
    return neutralise(str(value))


def _quoted(cell: str) -> str:
    # RFC 4180 quoting, and for a lone CR too (the csv module leaves it bare when the line
    # terminator is "\n", and a reader then splits the row there).
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


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
