"""Portions: "30 g", "3 oz", "1 cup, chopped" read into exact grams of a given food.

Metric masses go through vitk2's unit parser (:func:`vitk2._units.read_quantity`).  Ounces and
pounds are read here, as *avoirdupois* masses: the unit parser refuses a bare ``oz`` (it could be
a fluid ounce), but on a food portion an ounce is a weight (SR28 weighs its measures in grams).
Their factors are exact by definition (1 oz = 28.349523125 g, 1 lb = 453.59237 g; the
international yard and pound agreement, 1959), not pint's floats.  Household measures
(``"1 cup"``, ``"2 tbsp"``) are matched against the food's own measures, with the words in
``data/foods-measure-words.json``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from typing import TYPE_CHECKING, Final

from vitk2._errors import (
    AmbiguousMeasureError,
    InvalidAmountError,
    UnitParseError,
    UnknownMeasureError,
)
from vitk2._food_names import fold_name
from vitk2._units import parse_number, read_quantity, split_quantity_text, unit_spec

if TYPE_CHECKING:
    from vitk2._food_records import Food, HouseholdMeasure

__all__ = ["CACHED_TEXT", "find_measure", "portion_grams", "portion_text"]

OUNCE_G: Final = Fraction("28.349523125")
"""Grams in an avoirdupois ounce, exactly (1 lb / 16)."""
POUND_G: Final = Fraction("453.59237")
"""Grams in an avoirdupois pound, exactly, by definition."""

_VULGAR: Final[Mapping[str, str]] = {
    "½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8",
}
_PORTION: Final = re.compile(
    r"""^\s*(?P<sign>[+\-\u2212])?\s*
        (?:(?P<whole>\d+)\s+(?P<frac>\d+/\d+)|(?P<num>\d+(?:\.\d*)?(?:[eE][+\-]?\d+)?(?:/\d+)?|\.\d+))
        \s*(?P<rest>.*?)\s*$""",
    re.VERBOSE,
)
_MASS_WORDS: Final[Mapping[str, Fraction | None]] = {
    "oz": OUNCE_G, "ounce": OUNCE_G, "ounces": OUNCE_G,
    "lb": POUND_G, "lbs": POUND_G, "pound": POUND_G, "pounds": POUND_G,
    # metric masses go through vitk2's unit parser (None: not a factor here)
    "g": None, "gram": None, "grams": None, "kg": None, "mg": None,
}
_MEASURE_WORDS_FILE: Final = "foods-measure-words.json"


@functools.cache
def _measure_synonyms() -> Mapping[str, str]:
    """Spellings of SR28's measure words, read from the data file on first use."""
    data = json.loads(resources.files("vitk2").joinpath("data", _MEASURE_WORDS_FILE).read_bytes())
    synonyms: dict[str, str] = data["synonyms"]
    return synonyms


def _measure_words(text: str) -> tuple[str, ...]:
    t = fold_name(text)
    for k, v in _VULGAR.items():
        t = t.replace(k, f" {v} ")
    synonyms = _measure_synonyms()
    return tuple(synonyms.get(w, w) for w in re.findall(r"[0-9a-z/\"'.]+", t))


def _measures_text(f: Food) -> str:
    if not f.measures:
        return "it has no household measures; give grams such as '30 g'"
    listed = "; ".join(str(m) for m in f.measures)
    return f"it has: {listed}; or give grams such as '30 g'"


def find_measure(f: Food, description: str, *, shown: object) -> HouseholdMeasure:
    """The one household measure of *f* that *description* names; *shown* is quoted in errors."""
    wanted = _measure_words(description)
    if not wanted:
        msg = f"{shown!r} names no household measure of {f.id} {f.description}; {_measures_text(f)}"
        raise UnknownMeasureError(msg)
    exact = [m for m in f.measures if _measure_words(m.description) == wanted]
    if exact:
        return exact[0]
    starts = [m for m in f.measures if _measure_words(m.description)[: len(wanted)] == wanted]
    if len({m.grams_per_unit for m in starts}) == 1:
        return starts[0]
    if starts:
        listed = "; ".join(str(m) for m in starts)
        msg = f"{shown!r} fits several measures of {f.id} {f.description}: {listed}; name one"
        raise AmbiguousMeasureError(msg)
    msg = f"{shown!r} is not a household measure of {f.id} {f.description}; {_measures_text(f)}"
    raise UnknownMeasureError(msg)


CACHED_TEXT: Final = 64
"""Portion texts up to this length are cached (a diary repeats its portions); longer are not."""
_MEASURE_CACHE_SIZE: Final = 65_536
_measure_cache: dict[tuple[int, str], tuple[Food, Fraction]] = {}


def portion_grams(f: Food, portion: object) -> Fraction:
    """The portion of *f* in exact grams (see :meth:`vitk2.Food.grams`)."""
    if not isinstance(portion, str):
        parsed = read_quantity(portion, what="portion")
        if parsed.dimension != "mass" or parsed.per_day:
            msg = f"{portion!r} is not a mass; give a portion such as '30 g' or '1 cup'"
            raise UnitParseError(msg)
        return parsed.value / 1_000_000
    read = read_portion_cached(portion) if len(portion) <= CACHED_TEXT else _split_portion(portion)
    if read is None:
        msg = (
            f"{portion!r} is not a portion; give grams ('30 g'), ounces ('3 oz') or a count "
            f"of a household measure of {f.id} {f.description} ('1 cup')"
        )
        raise UnitParseError(msg)
    count, grams, rest = read
    if grams is not None:
        return grams
    return count * _grams_per_unit(f, rest, portion)


def _grams_per_unit(f: Food, rest: str, portion: str) -> Fraction:
    """Grams in one of the household measure *rest* names, cached by the food object.

    Never cached by the food's id alone: a caller's own Food with a catalogue id must not get
    the catalogue food's measures.
    """
    key = (id(f), rest)
    hit = _measure_cache.get(key)
    if hit is not None and hit[0] is f:
        return hit[1]
    grams = find_measure(f, rest, shown=portion).grams_per_unit
    if len(rest) <= CACHED_TEXT:
        if len(_measure_cache) >= _MEASURE_CACHE_SIZE:
            _measure_cache.clear()
        _measure_cache[key] = (f, grams)
    return grams


@functools.lru_cache(maxsize=8192)
def read_portion_cached(text: str) -> tuple[Fraction, Fraction | None, str] | None:
    """:func:`_split_portion`, cached for short texts (errors are not cached)."""
    return _split_portion(text)


def _split_portion(text: str) -> tuple[Fraction, Fraction | None, str] | None:
    """A portion text as (count, grams if it is a mass else None, the measure words).

    None when the text is not a count followed by words (the caller names the food in the
    error); a negative, non-finite or bare number raises here.  A mass in any unit vitk2 knows
    (``"100 µg"``, ``"1e3 g"``) is read as a mass, never as a household measure.
    """
    portion = text
    metric = _metric_mass(text)
    if metric is not None:
        return metric
    for k, v in _VULGAR.items():
        text = text.replace(k, f" {v}")
    m = _PORTION.match(text)
    if m is None:
        if re.match(r"^\s*[+\-\u2212]?\s*(nan|inf)", text, re.IGNORECASE):
            msg = f"{portion!r}: a portion must be a finite, non-negative number"
            raise InvalidAmountError(msg)
        return None
    if m.group("whole"):
        count = int(m.group("whole")) + parse_number(m.group("frac"), original=portion)
    else:
        count = parse_number(m.group("num"), original=portion)
    if m.group("sign") in {"-", "\u2212"} and count != 0:
        msg = f"{portion!r}: a portion cannot be negative"
        raise InvalidAmountError(msg)
    rest = m.group("rest")
    if not rest:
        msg = f"{portion!r} is a bare number; give grams ('{count} g') or a measure ('1 cup')"
        raise UnitParseError(msg)
    unit = rest.casefold().rstrip(".")
    if unit in _MASS_WORDS:
        factor = _MASS_WORDS[unit]
        if factor is None:
            return count, read_quantity(f"{count} {rest}", what="portion").value / 1_000_000, rest
        return count, count * factor, rest
    return count, None, rest


def _metric_mass(text: str) -> tuple[Fraction, Fraction, str] | None:
    """(count, grams, unit) when *text* is a number and a metric mass unit, else None."""
    try:
        split = split_quantity_text(text.strip(), original=text)
        if split is None or split[2] or unit_spec(split[1]).dimension != "mass":
            return None
    except UnitParseError:  # not a unit vitk2 knows ("cup"), or a rate: not a metric mass
        return None
    parsed = read_quantity(text, what="portion")
    return parsed.value / parsed.unit.factor, parsed.value / 1_000_000, split[1]


def portion_text(portion: object) -> str:
    """The portion as a diary entry shows it (runs of whitespace made single)."""
    if isinstance(portion, str):
        return " ".join(portion.split())
    return str(portion)
