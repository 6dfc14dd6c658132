"""Text folding shared by every name lookup (vitamers, foods, authorities, medications).

Two folds, for two kinds of key:

* :func:`alnum_key` keeps only ASCII letters and digits after NFKC and case folding, for short
  codes where spacing and punctuation carry no meaning (``" D-A-CH "`` = ``"dach"``).
* :func:`fold_accents` folds case, width and accents but keeps words, punctuation and letters of
  other scripts, for names matched word by word (``"Préviscan"`` = ``"previscan"``, while a
  Cyrillic look-alike stays distinct).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["alnum_key", "fold_accents"]

_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")


def alnum_key(text: str) -> str:
    """NFKC, case fold, and drop everything but ASCII letters and digits.

    >>> alnum_key(" D-A-CH ")
    'dach'
    """
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def fold_accents(text: str) -> str:
    """NFKC and case fold, with combining accents removed; other characters are kept.

    >>> fold_accents("PRÉVISCAN 20mg")
    'previscan 20mg'
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", t).casefold()
