"""Medication names as people write them, reduced to the words that name the medicine.

:func:`normalize_medication_name` folds case, accents and trademark signs and drops strength,
dose-form and salt words; :func:`suggest_close` finds catalogue names one or two edits (or a
sounds-alike spelling) away from an unmatched word, for "did you mean".  Nothing here knows the
catalogue: the catalogue (:mod:`vitk2._interaction_catalogue`) hands its names in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Final, final

import attrs

from vitk2._errors import InteractionInputError, Vitk2Error
from vitk2._text import fold_accents
from vitk2._units import MAX_TEXT_LENGTH

__all__ = ["InteractionInputError", "normalize_medication_name"]

MAX_INPUT_LENGTH: Final = MAX_TEXT_LENGTH
"""Longer texts are not read as medication names (they give an UNKNOWN finding): the same bound
as every other text vitk2 reads."""


def show_input(item: object) -> str:
    if isinstance(item, str):
        return item if len(item) <= 80 else f"{item[:77]}..."
    if isinstance(item, int) and not isinstance(item, bool):
        return str(item) if item.bit_length() <= 200 else f"<int of {item.bit_length()} bits>"
    try:
        text = repr(item)
    except Exception:  # a broken __repr__ must not hide the finding
        text = f"<{type(item).__name__} object>"
    return text if len(text) <= 80 else f"{text[:77]}..."


_STRENGTH: Final = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s*"
    r"(?:mg|mcg|μg|ug|g|ml|iu|ie|units?|%|mmol|nmol)?"
    r"(?:\s*/\s*(?:day|d|ml|tab|tablet|dose))?(?![\w.,])"
)
LATIN_TOKEN: Final = re.compile(r"^[a-z0-9]+$")
_TRADEMARK_SIGNS: Final = re.compile("[\u2122\u2120\u00ae\u00a9\u24c7\u1d40\u1d39\u1d3f]")
_TRADEMARK_WORDS: Final = re.compile(r"\(\s*(?:tm|r|c|sm)\s*\)")
ATC_CODE_TEXT: Final = re.compile(r"^[a-z]\d\d[a-z][a-z]\d\d$")
RXCUI_LIMIT: Final = 10**9  # RxCUIs have at most 9 digits
RXCUI_TEXT: Final = re.compile(r"^\s*(?:rxcui|rxnorm)?\s*[:#]?\s*(\d{1,9})\s*$", re.IGNORECASE)


@final
@attrs.frozen
class _Words:
    """The reading vocabulary from ``medication-words.json``."""

    form: frozenset[str]
    """Strength, dose-form, frequency and filler words, dropped wherever they stand."""
    salts: frozenset[str]
    """Salt and hydrate words, dropped when another word remains ("warfarin sodium")."""
    sounds_alike: tuple[tuple[str, str], ...]
    """Spellings folded together (in this order) for "did you mean"."""


def _word_list(raw: object, what: str) -> list[str]:
    # Words are compared with folded tokens, so each must be one token that folding leaves alone.
    if not isinstance(raw, list) or not all(
        isinstance(w, str) and w.split() == [w] and _fold(w) == w for w in raw
    ):
        msg = f"medication-words.json: {what} must be a list of single, case-folded words"
        raise Vitk2Error(msg)
    return raw


@cache
def _words() -> _Words:
    text = resources.files("vitk2").joinpath("data", "medication-words.json").read_text("utf-8")
    return _words_from(json.loads(text))


def _words_from(raw: dict[str, Any]) -> _Words:
    """Read word data (the shape of ``medication-words.json``), refusing anything unclear."""
    missing = {"form_words", "salt_words", "sounds_alike"} - set(raw)
    if missing or not isinstance(raw["salt_words"], list):
        msg = "medication-words.json: give form_words, salt_words (a list) and sounds_alike"
        raise Vitk2Error(msg)
    salts = raw["salt_words"]
    pairs = raw["sounds_alike"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 for p in pairs
    ):
        msg = "medication-words.json: sounds_alike must be a list of [spelling, replacement]"
        raise Vitk2Error(msg)
    return _Words(
        form=frozenset(_word_list(raw["form_words"], "form_words")),
        salts=frozenset(
            _word_list([w.get("word") if isinstance(w, dict) else w for w in salts], "salt_words")
        ),
        sounds_alike=tuple(
            (a, b) for a, b in (_word_list(p, "each sounds_alike pair") for p in pairs)
        ),
    )


def is_salt_word(word: str) -> bool:
    return word in _words().salts


def _fold(text: str) -> str:
    # Accents are folded (Préviscan = Previscan); letters of other scripts are kept as they are.
    return fold_accents(text)


def normalize_medication_name(text: str) -> str:
    """Reduce a medication text to the words that name the medicine.

    NFKC, case fold, accents removed, punctuation to spaces, strength and dose-form words
    ("5 mg", "tablet") and salt words ("sodium") removed (salt words only when another word
    remains).  Letters from other scripts, such as a Cyrillic ``о`` that looks like a Latin
    ``o``, are kept unchanged, so a look-alike never silently matches a catalogue name.

    >>> normalize_medication_name("  Coumadin® 5 mg Tablet ")
    'coumadin'
    >>> normalize_medication_name("Warfarin Sodium")
    'warfarin'
    >>> normalize_medication_name("PRÉVISCAN 20mg")
    'previscan'

    Trademark signs (``™ ® © ℠`` and ``(TM)``, ``(R)``, ``(C)``, ``(SM)``) are removed, not
    spelled out, and anything but text is refused with :class:`InteractionInputError`:

    >>> normalize_medication_name("Warfarin™ (TM)")
    'warfarin'
    >>> normalize_medication_name(None)
    Traceback (most recent call last):
    ...
    vitk2.InteractionInputError: normalize_medication_name() reads text; got None (NoneType)...
    """
    if not isinstance(text, str):
        msg = (
            f"normalize_medication_name() reads text; got {show_input(text)} "
            f"({type(text).__name__}); give a medication name such as 'warfarin 5 mg'"
        )
        raise InteractionInputError(msg)
    # One pass can expose more to remove ("0G." loses its "." and then reads as a strength),
    # so repeat until nothing changes: normalising twice must change nothing.
    result = _normalize_once(text)
    while (again := _normalize_once(result)) != result:
        result = again
    return result


def _normalize_once(text: str) -> str:
    # Signs first (NFKC would spell "™" as "TM" and glue it to the name), then the bracketed
    # forms, which folding may only now have made ASCII ("（ＴＭ）").
    t = _TRADEMARK_SIGNS.sub(" ", text)
    t = _TRADEMARK_WORDS.sub(" ", _fold(t))
    t = _STRENGTH.sub(" ", t)
    t = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in t)
    words = _words()
    tokens = [w for w in t.split() if w not in words.form and not w.isdigit()]
    without_salts = [w for w in tokens if w not in words.salts]
    return " ".join(without_salts or tokens)


# --- "did you mean" ---------------------------------------------------------------------------

_MAX_SUGGESTIONS: Final = 3
_MAX_WORDS_CHECKED: Final = 8


def _sound_key(word: str) -> str:
    """A rough spelling-independent key: 'fenprocoumon' and 'phenprocoumon' share one."""
    for a, b in _words().sounds_alike:
        word = word.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", word)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance (a swap of neighbours counts once), capped.

    Only the band of cells within *limit* of the diagonal is computed; anything beyond the cap
    comes back as ``limit + 1``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    prev2: list[int] = []
    prev = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        cur = [big] * (len(b) + 1)
        cur[0] = i if i <= limit else big
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = min(best, big)
        if min(cur) > limit:
            return big
        prev2, prev = prev, cur
    return prev[-1]


def _changes_a_short_word(word: str, name: str) -> bool:
    """Whether *name* differs from *word* inside a word of under four letters.

    "vitamin k" is not a typo of "vitamin e", nor "vitamin d3" of "vitamin d2": a short word that
    differs is a different word, so it is never offered as a correction.
    """
    ours, theirs = word.split(), name.split()
    if len(ours) != len(theirs):
        return False
    return any(a != b and min(len(a), len(b)) < 4 for a, b in zip(ours, theirs, strict=True))


def suggestion_keys(spellings: Mapping[str, str]) -> tuple[tuple[str, str, str], ...]:
    """(normalised name, spelling, sound key) for every name in *spellings* worth suggesting."""
    return tuple((n, s, _sound_key(n)) for n, s in spellings.items() if len(n) >= 4)


def suggest_close(leftover: list[str], keys: Iterable[tuple[str, str, str]]) -> tuple[str, ...]:
    """Names in *keys* one or two edits (or a sounds-alike spelling) away from unmatched words."""
    keys = tuple(keys)
    words = [w for w in leftover if 4 <= len(w) <= 40][:_MAX_WORDS_CHECKED]
    if 2 <= len(leftover) <= 3:
        words.append(" ".join(leftover))
    found: dict[str, int] = {}
    for word in words:
        limit = 1 if len(word) <= 7 else 2
        key = _sound_key(word)
        for norm, spelled, sound in keys:
            if abs(len(norm) - len(word)) > limit and abs(len(sound) - len(key)) > 1:
                continue
            if _changes_a_short_word(word, norm):
                continue
            d = edit_distance(word, norm, limit)
            if d > limit and edit_distance(key, sound, 1) > 1:
                continue
            found[spelled] = min(found.get(spelled, d), d)
    ranked = sorted(found, key=lambda s: (found[s], s.casefold()))
    return tuple(ranked[:_MAX_SUGGESTIONS])
