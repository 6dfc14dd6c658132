"""Text folding shared by every name lookup (vitamers, foods, authorities, medications).

Two folds, for two kinds of key:

* :func:`alnum_key` keeps only ASCII letters and digits after NFKC and case folding, for short
  codes where spacing and punctuation carry no meaning (``" D-A-CH "`` = ``"dach"``).
* :func:`fold_accents` folds case, width and accents but keeps words, punctuation and letters of
  other scripts, for names matched word by word (``"Préviscan"`` = ``"previscan"``, while a
  Cyrillic look-alike stays distinct).

And one escape shared by every Markdown rendering: :func:`markdown_text`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "alnum_key",
    "describe_character",
    "first_non_ascii_numeral",
    "fold_accents",
    "markdown_code",
    "markdown_text",
]

_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")


def alnum_key(text: str) -> str:
    """NFKC, case fold, and drop everything but ASCII letters and digits.

    >>> alnum_key(" D-A-CH ")
    'dach'
    """
    if not text.isascii():  # NFKC leaves ASCII unchanged, and costs a microsecond
        text = unicodedata.normalize("NFKC", text)
    return _NOT_ALNUM.sub("", text.casefold())


def fold_accents(text: str) -> str:
    """NFKC and case fold, with combining accents removed; other characters are kept.

    >>> fold_accents("PRÉVISCAN 20mg")
    'previscan 20mg'
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", t).casefold()


def first_non_ascii_numeral(text: str, *, allow_vulgar_fractions: bool = False) -> str | None:
    """The first character of *text* that has a numeric value but is not an ASCII digit, or None.

    NFKC folds superscripts, circled and fullwidth digits into ASCII ("MK-1²" becomes "MK-12"),
    and a fold that drops non-ASCII characters turns "MK-1٣" into "MK-1": both are silent
    misreads, so vitk2 looks for such characters before it folds anything.  With
    ``allow_vulgar_fractions``, characters that NFKC writes with a fraction slash (``½`` is
    ``1⁄2``) are let through, for number parsers that read them on purpose.

    >>> first_non_ascii_numeral("MK-1\u0663")
    '\u0663'
    >>> first_non_ascii_numeral("menaquinone-7") is None
    True
    >>> first_non_ascii_numeral("\u00bd mg", allow_vulgar_fractions=True) is None
    True
    """
    for ch in text:
        if ch < "\x80" or unicodedata.numeric(ch, None) is None:
            continue
        if allow_vulgar_fractions and "\u2044" in unicodedata.normalize("NFKC", ch):
            continue
        return ch
    return None


def describe_character(ch: str) -> str:
    """A character as an error message names it: itself, its code point and its Unicode name.

    >>> describe_character("\u00b2")
    "'²' (U+00B2 SUPERSCRIPT TWO)"
    """
    return f"{ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})"


# Escaped anywhere: what starts or ends emphasis, code, links, HTML, tables and headings.
# Parentheses, braces, "!" and "+" mean nothing once "[" and "]" are escaped, so they are left.
_MARKDOWN_SYNTAX: Final = re.compile(r"([\\`*_\[\]<>#|~]|&(?=#?\w+;))")
# At the start of a line, "+ x", "- x" and "1. x" / "1) x" would make a list item.
_LIST_START: Final = re.compile(r"^(\d{0,9})([+\-]|(?<=\d)[.)])(?=\s|$|-+\s*$)")


def markdown_text(text: str) -> str:
    """*text* on one line, with Markdown syntax escaped so that it renders as written.

    Reports put user input (a medication name, a label line) into Markdown with this.  Only what
    Markdown reads as syntax is escaped: ``(warfarin)`` stays as it is.

    >>> print(markdown_text("Vitamin K2 (as MK-7)  *100*  mcg"))
    Vitamin K2 (as MK-7) \\*100\\* mcg
    >>> print(markdown_text("- [x] #1 | a_b `c` <d> ~e~"))
    \\- \\[x\\] \\#1 \\| a\\_b \\`c\\` \\<d\\> \\~e\\~
    """
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(text.split()))
    return _LIST_START.sub(r"\1\\\2", escaped)


def markdown_code(text: str) -> str:
    """*text* on one line as a Markdown code span that shows it as written, backticks included.

    The fence is one backtick longer than the longest run of backticks inside (CommonMark), with
    a space either side when the text starts or ends with a backtick.

    >>> print(markdown_code("100 mcg"))
    `100 mcg`
    >>> print(markdown_code("a `b` c"))
    ``a `b` c``
    >>> print(markdown_code("`x"))
    `` `x ``
    """
    line = " ".join(text.split())
    runs = [len(r) for r in re.findall(r"`+", line)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"
