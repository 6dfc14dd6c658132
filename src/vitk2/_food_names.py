"""How food names are compared: folded (case, accents, whitespace) and split into words."""

from __future__ import annotations

import re
from typing import Final

from vitk2._text import fold_accents

__all__ = ["fold_name", "name_words"]


def fold_name(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a name.

    >>> fold_name("  Crème   FRAÎCHE ")
    'creme fraiche'
    """
    return " ".join(fold_accents(text).split())


_WORD: Final = re.compile(r"[0-9a-z]+")


def name_words(text: str) -> list[str]:
    """The words of a name, folded, without punctuation.

    >>> name_words("Kale, raw (Brassica)")
    ['kale', 'raw', 'brassica']
    """
    return _WORD.findall(fold_name(text))
