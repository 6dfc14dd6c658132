"""Foods: vitamin K content per 100 g, portions, diaries and a vectorised bulk path.

Two tables are packaged and read on first use (never at ``import vitk2``):

* ``data/foods-sr28.json.gz``: every USDA SR28 food with a phylloquinone (K1),
  dihydrophylloquinone or menaquinone-4 value, with its household measures and the provenance of
  each value (data points, source and derivation codes, min/max).  ``tools/build_foods.py``
  regenerates it from the raw SR28 files.
* ``data/foods-curated.json``: published measurements SR28 lacks (such as natto's MK-7), each
  with its citation, attached to an SR28 food when it is the same food.

Unknown is never zero: a food without a value for a vitamer has *unknown* content
(``FoodContent.micrograms_per_100g is None``), and totals say which entries were unknown.
Where sources disagree every value is kept with its source; the central value is their median
and ``low``/``high`` give the range.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import gzip
import json
import math
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, final, overload

import attrs

from vitk2._amounts import Amount
from vitk2._errors import (
    AmbiguousNameError,
    InvalidAmountError,
    NotFoundError,
    UnitParseError,
    Vitk2Error,
)
from vitk2._sources import Citation, citation
from vitk2._text import fold_accents
from vitk2._units import format_number, parse_number, read_quantity
from vitk2._vitamers import DIHYDRO_K1, K1, MK4, Vitamer, menaquinone, vitamer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "FOOD_VITAMERS",
    "AmbiguousMeasureError",
    "BulkTotals",
    "ContentMeasurement",
    "Diary",
    "DiaryEntry",
    "DiaryTotals",
    "Food",
    "FoodContent",
    "FoodInputError",
    "HouseholdMeasure",
    "UnknownEntries",
    "UnknownFoodError",
    "UnknownMeasureError",
    "VitamerTotal",
    "all_food_ids",
    "bulk_totals",
    "food",
    "search_foods",
]

FOOD_VITAMERS: Final[tuple[Vitamer, ...]] = (
    K1,
    DIHYDRO_K1,
    MK4,
    *(menaquinone(n) for n in range(5, 11)),
)
"""The vitamers vitk2's food tables track: SR28's three and the long-chain MK-5 … MK-10."""

_T = TypeVar("_T")

_SR28_FILE: Final = "foods-sr28.json.gz"
_CURATED_FILE: Final = "foods-curated.json"
_NUTRIENTS: Final[Mapping[str, Vitamer]] = {"428": MK4, "429": DIHYDRO_K1, "430": K1}
_OUNCE_G: Final = Fraction("28.349523125")
_POUND_G: Final = Fraction("453.59237")
_HUNDRED: Final = Fraction(100)


class UnknownFoodError(NotFoundError):
    """A food id or description vitk2's food tables do not hold; the message suggests matches.

    ``suggestions`` holds the suggested foods as strings that :func:`food` resolves back to
    them (the exact description, or the id where the description is not unique), and
    ``suggested_ids`` their ids, in the same order.
    """

    def __init__(
        self,
        message: str,
        *,
        suggestions: tuple[str, ...] = (),
        suggested_ids: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.suggestions = suggestions
        self.suggested_ids = suggested_ids


class UnknownMeasureError(NotFoundError):
    """A household measure (``"1 cup"``) the food has no gram weight for; lists those it has."""


class AmbiguousMeasureError(AmbiguousNameError):
    """A household measure that fits several of the food's measures.

    Such as ``"cup"`` for a food with ``cup, chopped`` and ``cup, sliced`` of different
    weights; the message lists them so that one can be named.
    """


class FoodInputError(Vitk2Error, ValueError):
    """Malformed bulk input: arrays of different lengths, wrong shapes or bad group indexes."""


for _cls in (UnknownFoodError, UnknownMeasureError, AmbiguousMeasureError, FoodInputError):
    _cls.__module__ = "vitk2"  # shown as vitk2.UnknownFoodError, the public path


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------

_BASIS: Final[Mapping[str, str]] = {
    "1": "analytical",
    "6": "analytical",
    "12": "analytical",
    "13": "analytical",
    "4": "calculated or imputed",
    "11": "calculated or imputed",
    "7": "assumed zero",
    "5": "label claim",
    "8": "label claim",
    "9": "label claim",
}


@final
@attrs.frozen(kw_only=True)
class ContentMeasurement:
    """One published value of a vitamer in a food, in µg per 100 g edible portion.

    SR28 values carry SR28's provenance (number of data points, ``Src_Cd`` and ``Deriv_Cd``
    with their meanings, the food a value was imputed from, min and max of the samples).

    >>> m = food("11233").content("K1").measurements[0]
    >>> m.micrograms_per_100g, m.data_points, m.basis, m.sources
    (Fraction(3524, 5), 1, 'analytical', ('usda-sr28',))
    """

    vitamer: Vitamer
    micrograms_per_100g: Fraction
    sources: tuple[str, ...]
    data_points: int | None = None
    source_code: str | None = None
    """SR28 ``Src_Cd`` (1 analytical, 4 calculated or imputed, 7 assumed zero …)."""
    source_meaning: str | None = None
    derivation_code: str | None = None
    """SR28 ``Deriv_Cd`` (``A`` analytical, ``BFSN`` based on another form of the food …)."""
    derivation_meaning: str | None = None
    reference_food: str | None = None
    """For an imputed SR28 value, the NDB number of the food it was taken from."""
    sample_min: Fraction | None = None
    sample_max: Fraction | None = None
    sample: str | None = None
    """For a curated value, the food as the paper sampled it (country, state, composite …)."""
    location: str | None = None
    """For a curated value, where the paper prints it (``"abstract"``, ``"Table 2"`` …)."""
    note: str | None = None

    @property
    def basis(self) -> str:
        """How the value was obtained, in words.

        One of ``analytical``, ``calculated or imputed``, ``assumed zero``, ``label claim``.
        A curated measurement from a paper is ``analytical``.
        """
        if self.source_code is None:
            return "analytical"
        return _BASIS.get(self.source_code, self.source_meaning or "unknown")

    @property
    def assumed_zero(self) -> bool:
        """True for SR28's ``Src_Cd`` 7: a real zero, but assumed rather than measured."""
        return self.source_code == "7"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this value was read in."""
        return tuple(citation(k) for k in self.sources)


def _median(values: Sequence[Fraction]) -> Fraction:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


@final
@attrs.frozen(kw_only=True)
class FoodContent:
    """The content of one vitamer in one food, per 100 g edible portion, with its sources.

    ``micrograms_per_100g`` is ``None`` when no source gives a value (unknown, not zero).  When
    several sources do, it is their median and ``low``/``high`` give the range.

    >>> c = food("Spinach, raw").content("K1")
    >>> [(format_number(m.micrograms_per_100g), m.sources) for m in c.measurements]
    [('482.9', ('usda-sr28',)), ('498', ('kamao-2007',))]
    >>> c.low, c.high, c.micrograms_per_100g
    (Fraction(4829, 10), Fraction(498, 1), Fraction(9809, 20))
    >>> food("Natto").content("MK-9").known
    False
    """

    food_id: str
    vitamer: Vitamer
    measurements: tuple[ContentMeasurement, ...] = ()

    @property
    def known(self) -> bool:
        """Whether any source gives a value."""
        return bool(self.measurements)

    @property
    def micrograms_per_100g(self) -> Fraction | None:
        """The central value in µg per 100 g (median of the sources), or None if unknown."""
        if not self.measurements:
            return None
        return _median([m.micrograms_per_100g for m in self.measurements])

    @property
    def low(self) -> Fraction | None:
        """The lowest value any source gives, or None if unknown."""
        return min((m.micrograms_per_100g for m in self.measurements), default=None)

    @property
    def high(self) -> Fraction | None:
        """The highest value any source gives, or None if unknown."""
        return max((m.micrograms_per_100g for m in self.measurements), default=None)

    @property
    def per_100g(self) -> Amount | None:
        """The central value as an :class:`Amount` in 100 g of the food, or None if unknown."""
        ug = self.micrograms_per_100g
        return None if ug is None else Amount.from_micrograms(self.vitamer, ug)

    @property
    def sources(self) -> tuple[str, ...]:
        """Citation keys of every measurement, in order, without repeats."""
        return tuple(dict.fromkeys(k for m in self.measurements for k in m.sources))

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works the measurements were read in."""
        return tuple(citation(k) for k in self.sources)

    def __str__(self) -> str:
        """``704.8 µg K1 per 100 g`` or ``MK-7 unknown``."""
        ug = self.micrograms_per_100g
        if ug is None:
            return f"{self.vitamer.key} unknown"
        text = f"{format_number(ug)} µg {self.vitamer.key} per 100 g"
        if self.low != self.high:
            assert self.low is not None
            assert self.high is not None
            text += f" (sources give {format_number(self.low)}–{format_number(self.high)})"
        return text


@final
@attrs.frozen(kw_only=True)
class HouseholdMeasure:
    """A household measure of a food and its gram weight, as SR28 gives it.

    ``amount`` of ``description`` weighs ``grams``: e.g. 0.5 × ``cup, chopped`` = 78 g.

    >>> m = food("11233").measures[0]
    >>> str(m), m.grams_per_unit
    ('1 cup 1" pieces, loosely packed (16 g)', Fraction(16, 1))
    """

    amount: Fraction
    description: str
    grams: Fraction
    data_points: int | None = None

    @property
    def grams_per_unit(self) -> Fraction:
        """Grams in one unit of the measure (``grams / amount``)."""
        return self.grams / self.amount

    def __str__(self) -> str:
        """``1 cup, chopped (67 g)``."""
        return f"{format_number(self.amount)} {self.description} ({format_number(self.grams)} g)"


@final
@attrs.frozen(kw_only=True, eq=False)
class Food:
    """A food and its vitamin K content per 100 g, household measures and sources.

    Two foods are equal when their ids are.  Look foods up with :func:`food` and
    :func:`search_foods`.

    >>> kale = food("11233")
    >>> kale.description, kale.group
    ('Kale, raw', 'Vegetables and Vegetable Products')
    >>> str(kale.content("K1"))
    '704.8 µg K1 per 100 g'
    >>> kale.amount_of("K1", "30 g")
    Amount('K1', '211.44 µg')
    """

    id: str
    """SR28 NDB number (5 digits, leading zeros kept) or ``vk2:<name>`` for a curated food."""
    description: str
    short_description: str | None = None
    common_names: str | None = None
    group_code: str | None = None
    group: str | None = None
    measures: tuple[HouseholdMeasure, ...] = ()
    contents: tuple[FoodContent, ...] = ()
    """Every vitamer with at least one value; use :meth:`content` for any vitamer."""
    origin: Literal["usda-sr28", "curated"] = "usda-sr28"
    sources: tuple[str, ...] = ("usda-sr28",)
    """Where the food's description and measures come from."""

    def __eq__(self, other: object) -> bool:
        """Foods are equal when their ids are."""
        if isinstance(other, Food):
            return self.id == other.id
        return NotImplemented

    def __hash__(self) -> int:
        """Hash by id, consistent with equality."""
        return hash(("Food", self.id))

    def __repr__(self) -> str:
        """``<Food 11233 Kale, raw>``."""
        return f"<Food {self.id} {self.description}>"

    def __str__(self) -> str:
        """The description."""
        return self.description

    @property
    def known_vitamers(self) -> tuple[Vitamer, ...]:
        """The vitamers with at least one value for this food.

        >>> [v.key for v in food("01009").known_vitamers]
        ['K1', 'dihydro-K1', 'MK-4', 'MK-5', 'MK-8', 'MK-9']
        """
        return tuple(c.vitamer for c in self.contents)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every work this food's record and values come from."""
        keys = dict.fromkeys((*self.sources, *(k for c in self.contents for k in c.sources)))
        return tuple(citation(k) for k in keys)

    def content(self, vitamer_: Vitamer | str) -> FoodContent:
        """The content of a vitamer per 100 g (unknown if no source gives it).

        >>> food("16113").content("MK-7").micrograms_per_100g
        Fraction(939, 1)
        >>> food("16113").content("MK-4").micrograms_per_100g is None
        True
        """
        v = vitamer(vitamer_)
        for c in self.contents:
            if c.vitamer == v:
                return c
        return FoodContent(food_id=self.id, vitamer=v)

    def grams(self, portion: object) -> Fraction:
        """The exact weight in grams of a portion of this food.

        A portion is a mass (``"30 g"``, ``"0.2 kg"``, ``"3 oz"``, ``"1 lb"``; an ounce is
        exactly 28.349523125 g) or a count of one of the food's household measures
        (``"1 cup"``, ``"2 tbsp"``, ``"1/2 cup, chopped"``), matched ignoring case and
        punctuation; a measure named by its first words must fit only one of the food's.

        >>> cheddar = food("01009")
        >>> cheddar.grams("3 oz")
        Fraction(136077711, 1600000)
        >>> cheddar.grams("2 slice")
        Fraction(56, 1)
        >>> cheddar.grams("1 pint")
        Traceback (most recent call last):
        ...
        vitk2.UnknownMeasureError: '1 pint' is not a household measure of 01009 ...
        """
        return _portion_grams(self, portion)

    def measure(self, description: str) -> HouseholdMeasure:
        """The household measure a description names (``"cup"``, ``"cup, diced"``, ``"tbsp"``).

        >>> str(food("01001").measure("tablespoon"))
        '1 tbsp (14.2 g)'
        """
        return _find_measure(self, description, shown=description)

    def amount_of(self, vitamer_: Vitamer | str, portion: object) -> Amount | None:
        """The amount of a vitamer in a portion, or None if the content is unknown.

        >>> food("16113").amount_of("MK-7", "1 cup")
        Amount('MK-7', '1.64325 mg')
        >>> food("16113").amount_of("MK-9", "1 cup") is None
        True
        """
        grams = _portion_grams(self, portion)
        ug = self.content(vitamer_).micrograms_per_100g
        if ug is None:
            return None
        return Amount.from_micrograms(vitamer(vitamer_), ug * grams / _HUNDRED)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a name."""
    return " ".join(fold_accents(text).split())


_WORD: Final = re.compile(r"[0-9a-z]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


class _Catalogue:
    """The loaded tables: raw rows by id, built lazily into :class:`Food` objects."""

    __slots__ = ("curated", "derivations", "foods", "groups", "ids", "names", "rows", "sources")

    def __init__(self, sr28: Mapping[str, Any], curated: Mapping[str, Any]) -> None:
        self.groups: dict[str, str] = sr28["groups"]
        self.sources: dict[str, str] = sr28["source_codes"]
        self.derivations: dict[str, str] = sr28["derivation_codes"]
        self.rows: dict[str, Any] = {row[0]: row for row in sr28["foods"]}
        for entry in curated["foods"]:
            if entry["id"] in self.rows or not entry["id"].startswith("vk2:"):
                msg = f"curated food id {entry['id']!r} must be new and start with 'vk2:'"
                raise Vitk2Error(msg)
            self.rows[entry["id"]] = entry
        self.curated: dict[str, list[Mapping[str, Any]]] = {}
        for m in curated["measurements"]:
            if m["food"] not in self.rows:
                msg = f"curated measurement for unknown food {m['food']!r}"
                raise Vitk2Error(msg)
            self.curated.setdefault(m["food"], []).append(m)
        self.ids: tuple[str, ...] = tuple(sorted(self.rows))
        self.names: dict[str, str] = {}
        for fid in self.ids:
            row = self.rows[fid]
            name = _fold(row[2] if isinstance(row, list) else row["description"])
            if name in self.names:
                msg = f"foods {self.names[name]} and {fid} share the description {name!r}"
                raise Vitk2Error(msg)
            self.names[name] = fid
        self.foods: dict[str, Food] = {}

    def food(self, fid: str) -> Food:
        found = self.foods.get(fid)
        if found is None:
            found = self.foods[fid] = self._build(fid)
        return found

    def _build(self, fid: str) -> Food:
        row = self.rows[fid]
        by_vitamer: dict[Vitamer, list[ContentMeasurement]] = {}
        if isinstance(row, list):
            ndb, group, long_desc, short_desc, common, measures, contents = row
            for nutr, value, points, src, deriv, ref, lo, hi in contents:
                v = _NUTRIENTS[nutr]
                by_vitamer.setdefault(v, []).append(
                    ContentMeasurement(
                        vitamer=v,
                        micrograms_per_100g=Fraction(value),
                        sources=("usda-sr28",),
                        data_points=None if points is None else int(points),
                        source_code=src,
                        source_meaning=None if src is None else self.sources[src],
                        derivation_code=deriv,
                        derivation_meaning=None if deriv is None else self.derivations[deriv],
                        reference_food=ref,
                        sample_min=None if lo is None else Fraction(lo),
                        sample_max=None if hi is None else Fraction(hi),
                    )
                )
            fields: dict[str, Any] = {
                "id": ndb,
                "description": long_desc,
                "short_description": short_desc,
                "common_names": common,
                "group_code": group,
                "group": self.groups.get(group),
                "measures": tuple(
                    HouseholdMeasure(
                        amount=Fraction(a),
                        description=d,
                        grams=Fraction(g),
                        data_points=None if n is None else int(n),
                    )
                    for a, d, g, n in measures
                ),
            }
        else:
            fields = {
                "id": fid,
                "description": row["description"],
                "common_names": row.get("common_names"),
                "group": row.get("group"),
                "measures": tuple(
                    HouseholdMeasure(amount=Fraction(a), description=d, grams=Fraction(g))
                    for a, d, g in row.get("measures", [])
                ),
                "origin": "curated",
                "sources": tuple(row["sources"]),
            }
        for m in self.curated.get(fid, []):
            v = vitamer(m["vitamer"])
            by_vitamer.setdefault(v, []).append(
                ContentMeasurement(
                    vitamer=v,
                    micrograms_per_100g=Fraction(m["value"]),
                    sources=tuple(m["sources"]),
                    sample=m.get("sample"),
                    location=m.get("location"),
                    note=m.get("note"),
                )
            )
        order = {v: i for i, v in enumerate(FOOD_VITAMERS)}
        contents_ = tuple(
            FoodContent(food_id=fid, vitamer=v, measurements=tuple(ms))
            for v, ms in sorted(by_vitamer.items(), key=lambda kv: order.get(kv[0], 99))
        )
        return Food(contents=contents_, **fields)


def _read_data(name: str) -> bytes:
    return resources.files("vitk2").joinpath("data", name).read_bytes()


@cache
def _catalogue() -> _Catalogue:
    sr28 = json.loads(gzip.decompress(_read_data(_SR28_FILE)))
    curated = json.loads(_read_data(_CURATED_FILE))
    return _Catalogue(sr28, curated)


def all_food_ids() -> tuple[str, ...]:
    """The id of every food vitk2 knows, sorted (SR28 NDB numbers, then ``vk2:`` ids).

    >>> ids = all_food_ids()
    >>> len(ids) > 5000, ids[0]
    (True, '01001')
    """
    return _catalogue().ids


def food(key: str | int) -> Food:
    """Look a food up by id (``"11233"``, ``11233``, ``"vk2:…"``) or exact description.

    Descriptions match ignoring case, accents and runs of whitespace.  Anything else raises
    :class:`UnknownFoodError` with close matches; use :func:`search_foods` to search by words.

    >>> food(1009)
    <Food 01009 Cheese, cheddar>
    >>> food("  kale,   RAW ")
    <Food 11233 Kale, raw>
    >>> food("kale")
    Traceback (most recent call last):
    ...
    vitk2.UnknownFoodError: no food with id or description 'kale'; ...

    The error's ``suggestions`` are strings that look the suggested foods up again:

    >>> try:
    ...     food("kale")
    ... except UnknownFoodError as err:
    ...     [food(s) for s in err.suggestions][:2]
    [<Food 11233 Kale, raw>, <Food 11234 Kale, cooked, boiled, drained, without salt>]
    """
    cat = _catalogue()
    if isinstance(key, int) and not isinstance(key, bool) and 0 < key < 100_000:
        key = f"{key:05d}"
    if not isinstance(key, str):
        msg = f"{key!r} is not a food id or description; give e.g. '11233' or 'Kale, raw'"
        raise UnknownFoodError(msg)
    text = key.strip()
    if text in cat.rows:
        return cat.food(text)
    fid = cat.names.get(_fold(text))
    if fid is not None:
        return cat.food(fid)
    ids = [f.id for f in search_foods(text, limit=3)] if text else []
    if not ids and text:
        # misspelt words: search again with each word replaced by its closest known word
        vocab = _search_index().vocab
        fixed = [(difflib.get_close_matches(w, vocab, n=1, cutoff=0.75) or [w])[0]
                 for w in _words(text)]
        ids = [f.id for f in search_foods(" ".join(fixed), limit=3)]
    if not ids:
        ids = [cat.names[n] for n in difflib.get_close_matches(_fold(text), list(cat.names), n=3)]
    suggestions = tuple(_suggestion(cat, fid) for fid in ids)
    shown = [
        repr(s) if s != fid else f"{s!r} ({cat.food(fid).description})"
        for s, fid in zip(suggestions, ids, strict=True)
    ]
    hint = f"did you mean {', '.join(shown)}? " if shown else ""
    msg = (
        f"no food with id or description {key!r}; {hint}"
        "give an SR28 NDB number such as '11233', an exact description such as 'Kale, raw', "
        "or use search_foods()"
    )
    raise UnknownFoodError(msg, suggestions=suggestions, suggested_ids=tuple(ids))


def _suggestion(cat: _Catalogue, fid: str) -> str:
    """A string :func:`food` resolves to this food: its unique description, else its id."""
    description = cat.food(fid).description
    if cat.names.get(_fold(description)) == fid and description.strip() not in cat.rows:
        return description
    return fid


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------


# Food groups of prepared, branded or composite foods; a search ranks plain foods before them.
_PREPARED_GROUPS: Final = frozenset(
    {"0300", "0600", "0700", "1800", "1900", "2100", "2200", "2500", "3600"}
)


class _SearchIndex:
    __slots__ = ("first", "ids", "postings", "prepared", "raw", "sizes", "vocab", "words")

    def __init__(self, cat: _Catalogue) -> None:
        self.ids = cat.ids
        postings: dict[str, set[int]] = {}
        self.words: list[frozenset[str]] = []
        self.sizes: list[int] = []
        self.first: list[str] = []
        self.raw: list[bool] = []
        self.prepared: list[bool] = []
        for i, fid in enumerate(self.ids):
            row = cat.rows[fid]
            if isinstance(row, list):
                desc, common, group = row[2], row[4], row[1]
            else:
                desc, common, group = row["description"], row.get("common_names"), None
            self.prepared.append(group in _PREPARED_GROUPS)
            desc_words = _words(desc)
            every = frozenset(desc_words + _words(common or ""))
            self.words.append(every)
            self.sizes.append(len(set(desc_words)))
            self.first.append(desc_words[0] if desc_words else "")
            self.raw.append("raw" in desc_words)
            for w in every:
                postings.setdefault(w, set()).add(i)
        self.vocab = sorted(postings)
        self.postings = postings

    def _matching_words(self, w: str) -> set[str]:
        found = set()
        start = bisect.bisect_left(self.vocab, w)
        for word in self.vocab[start:]:
            if not word.startswith(w):
                break
            found.add(word)
        # plural query words: "eggs" finds "egg", "tomatoes" finds "tomato"
        for cut in (1, 2):
            if len(w) - cut >= 3 and w.endswith("s") and w[:-cut] in self.postings:
                found.add(w[:-cut])
        return found

    def search(self, query: str, limit: int) -> list[str]:
        terms = list(dict.fromkeys(_words(query)))
        if not terms:
            return []
        matched: list[set[str]] = [self._matching_words(t) for t in terms]
        candidates: set[int] | None = None
        for words in matched:
            hits: set[int] = set()
            for w in words:
                hits |= self.postings[w]
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return []
        assert candidates is not None
        # a term matches a whole word if the word is the term or, for plurals, its singular
        exact_forms = [
            {t} | {w for w in ws if len(w) < len(t)} for t, ws in zip(terms, matched, strict=True)
        ]

        def rank(i: int) -> tuple[int, bool, bool, bool, Fraction, int, str]:
            own = self.words[i]
            exact = sum(1 for forms in exact_forms if forms & own)
            covered = sum(1 for ws in matched for w in ws if w in own)
            coverage = Fraction(min(covered, self.sizes[i]), max(self.sizes[i], 1))
            head = any(self.first[i] in ws for ws in matched)
            return (
                -exact,
                self.prepared[i],
                not head,
                not self.raw[i],
                -coverage,
                self.sizes[i],
                self.ids[i],
            )

        return [self.ids[i] for i in sorted(candidates, key=rank)[:limit]]


@cache
def _search_index() -> _SearchIndex:
    return _SearchIndex(_catalogue())


def search_foods(query: str, *, limit: int = 10) -> tuple[Food, ...]:
    """Foods whose description or common names contain every word of the query, best first.

    Each query word must be the start of a word of the food (``"ched"`` finds cheddar; case,
    accents and punctuation are ignored; a plural finds its singular).  Ranking, in order:

    1. more query words matching whole words (``"egg"`` before ``"eggplant"``);
    2. plain foods before prepared, branded or composite ones (SR28 groups such as baby
       foods, sausages and luncheon meats, baked products, sweets, fast foods, meals,
       snacks, restaurant foods, soups and sauces);
    3. foods whose first word is matched (``"Chicken, …, breast, …, roasted"`` for
       ``"chicken breast roasted"``);
    4. raw forms (``"Kale, raw"`` before ``"Kale, frozen, …"``);
    5. the larger share of the description's words covered by the query (so
       ``"Cheese, cheddar"`` comes before ``"Cheese, cheddar, sharp, sliced"``);
    6. shorter descriptions; 7. the id.

    >>> [f.description for f in search_foods("cheddar", limit=2)]
    ['Cheese, cheddar', 'Cheese, cheddar, reduced fat']
    >>> search_foods("natto")[0]
    <Food 16113 Natto>
    >>> search_foods("zzzz")
    ()
    """
    if not isinstance(query, str):
        msg = f"{query!r} is not a search text; give words such as 'chicken breast roasted'"
        raise UnitParseError(msg)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit={limit!r}: give a whole number of results, at least 1"
        raise InvalidAmountError(msg)
    cat = _catalogue()
    return tuple(cat.food(fid) for fid in _search_index().search(query, limit))


# --------------------------------------------------------------------------------------------
# Portions
# --------------------------------------------------------------------------------------------

_VULGAR: Final[Mapping[str, str]] = {
    "½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8",
}
_PORTION: Final = re.compile(
    r"""^\s*(?P<sign>[+\-\u2212])?\s*
        (?:(?P<whole>\d+)\s+(?P<frac>\d+/\d+)|(?P<num>\d+(?:\.\d*)?(?:/\d+)?|\.\d+))
        \s*(?P<rest>.*?)\s*$""",
    re.VERBOSE,
)
_MASS_WORDS: Final[Mapping[str, Fraction | None]] = {
    "oz": _OUNCE_G, "ounce": _OUNCE_G, "ounces": _OUNCE_G,
    "lb": _POUND_G, "lbs": _POUND_G, "pound": _POUND_G, "pounds": _POUND_G,
    # metric masses go through vitk2's unit parser (None: not a factor here)
    "g": None, "gram": None, "grams": None, "kg": None, "mg": None,
}
_MEASURE_SYNONYMS: Final[Mapping[str, str]] = {
    "tablespoon": "tbsp", "tablespoons": "tbsp", "tbsps": "tbsp", "tbs": "tbsp",
    "teaspoon": "tsp", "teaspoons": "tsp", "tsps": "tsp",
    "cups": "cup", "slices": "slice", "pieces": "piece", "pats": "pat", "sticks": "stick",
    "ounce": "oz", "ounces": "oz", "fluid": "fl", "servings": "serving", "packets": "packet",
    "wedges": "wedge", "links": "link", "patties": "patty", "leaves": "leaf",
}


def _measure_words(text: str) -> tuple[str, ...]:
    t = _fold(text)
    for k, v in _VULGAR.items():
        t = t.replace(k, f" {v} ")
    return tuple(_MEASURE_SYNONYMS.get(w, w) for w in re.findall(r"[0-9a-z/\"'.]+", t))


def _measures_text(f: Food) -> str:
    if not f.measures:
        return "it has no household measures; give grams such as '30 g'"
    listed = "; ".join(str(m) for m in f.measures)
    return f"it has: {listed}; or give grams such as '30 g'"


def _find_measure(f: Food, description: str, *, shown: object) -> HouseholdMeasure:
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


_CACHED_TEXT: Final = 64
"""Portion texts up to this length are cached (a diary repeats its portions); longer are not."""
_MEASURE_CACHE_SIZE: Final = 65_536
_measure_cache: dict[tuple[int, str], tuple[Food, Fraction]] = {}


def _portion_grams(f: Food, portion: object) -> Fraction:
    """The portion in exact grams."""
    if not isinstance(portion, str):
        parsed = read_quantity(portion, what="portion")
        if parsed.dimension != "mass" or parsed.per_day:
            msg = f"{portion!r} is not a mass; give a portion such as '30 g' or '1 cup'"
            raise UnitParseError(msg)
        return parsed.value / 1_000_000
    read = _read_portion(portion) if len(portion) <= _CACHED_TEXT else _split_portion(portion)
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
    grams = _find_measure(f, rest, shown=portion).grams_per_unit
    if len(rest) <= _CACHED_TEXT:
        if len(_measure_cache) >= _MEASURE_CACHE_SIZE:
            _measure_cache.clear()
        _measure_cache[key] = (f, grams)
    return grams


@functools.lru_cache(maxsize=8192)
def _read_portion(text: str) -> tuple[Fraction, Fraction | None, str] | None:
    """:func:`_split_portion`, cached for short texts (errors are not cached)."""
    return _split_portion(text)


def _split_portion(text: str) -> tuple[Fraction, Fraction | None, str] | None:
    """A portion text as (count, grams if it is a mass else None, the measure words).

    None when the text is not a count followed by words (the caller names the food in the
    error); a negative, non-finite or bare number raises here.
    """
    portion = text
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


# --------------------------------------------------------------------------------------------
# Diaries
# --------------------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class DiaryEntry:
    """One food eaten in a portion, with its exact weight in grams."""

    food: Food = attrs.field()
    grams: Fraction = attrs.field()
    portion: str = attrs.field()
    """The portion as given (``"1 cup"``, ``"30 g"``)."""

    @food.validator
    def _check_food(self, _: object, value: object) -> None:
        if not isinstance(value, Food):
            msg = f"food={value!r} is not a Food; look one up with food('11233')"
            raise FoodInputError(msg)

    @grams.validator
    def _check_grams(self, _: object, value: object) -> None:
        if not isinstance(value, Fraction) or value.numerator < 0:
            msg = f"grams={value!r} is not accepted; give a Fraction of grams, not negative"
            raise FoodInputError(msg)

    @portion.validator
    def _check_portion(self, _: object, value: object) -> None:
        if not isinstance(value, str):
            msg = f"portion={value!r} is not accepted; give the portion text, such as '30 g'"
            raise FoodInputError(msg)

    def __str__(self) -> str:
        """``1 cup (175 g) Natto``."""
        return f"{self.portion} ({format_number(self.grams)} g) {self.food.description}"


@final
@attrs.frozen(kw_only=True)
class VitamerTotal:
    """The total of one vitamer over a diary, honest about entries whose content is unknown.

    ``known`` sums the entries with a value (``None`` when no entry has one); when some
    entries are unknown it is a lower bound (``is_lower_bound``).  ``low`` and ``high`` sum the
    lowest and highest source values of each known entry.
    """

    vitamer: Vitamer
    known: Amount | None
    low: Amount | None
    high: Amount | None
    unknown_entries: tuple[int, ...]
    """Positions (0-based) of the diary entries whose content of this vitamer is unknown."""
    entries: int

    @property
    def is_complete(self) -> bool:
        """True when every entry's content is known, so ``known`` is the total."""
        return not self.unknown_entries

    @property
    def is_lower_bound(self) -> bool:
        """True when some entries are unknown and others known: the total is at least ``known``."""
        return bool(self.unknown_entries) and self.known is not None

    def __str__(self) -> str:
        """``at least 12.5 µg MK-4 (unknown for 1 of 3 entries)``."""
        n = len(self.unknown_entries)
        if self.known is None:
            return f"{self.vitamer.key} unknown ({n} of {self.entries} entries unknown)"
        if n:
            return f"at least {self.known} (unknown for {n} of {self.entries} entries)"
        return str(self.known)


@final
@attrs.frozen(kw_only=True)
class DiaryTotals:
    """Totals per vitamer of a :class:`Diary`; index it by vitamer (or its name).

    Iterating gives the :class:`VitamerTotal` of each vitamer; ``in`` answers for a vitamer,
    its name, or a :class:`VitamerTotal`, consistently with indexing.

    >>> t = Diary.of(("Natto", "1 cup"), ("Kale, raw", "30 g")).totals()
    >>> str(t["K1"]), str(t["MK-7"])
    ('251.865 µg K1', 'at least 1.64325 mg MK-7 (unknown for 1 of 2 entries)')
    >>> t.unknown["MK-7"], t.unknown.get("MK-7"), "MK-7" in t.unknown, "K1" in t.unknown
    ((1,), (1,), True, False)
    """

    per_vitamer: tuple[VitamerTotal, ...]

    def _find(self, key: object) -> VitamerTotal | None:
        v = _vitamer_or_none(key)
        for t in self.per_vitamer:
            if t.vitamer == v:
                return t
        return None

    def __getitem__(self, key: Vitamer | str) -> VitamerTotal:
        """The total for a vitamer."""
        found = self._find(key)
        if found is None:
            v = vitamer(key)  # an unknown name raises UnknownVitamerError, with suggestions
            tracked = ", ".join(t.vitamer.key for t in self.per_vitamer)
            msg = f"{v.key} is not tracked by these totals; they track {tracked}"
            raise NotFoundError(msg)
        return found

    def __contains__(self, key: object) -> bool:
        """True for a tracked vitamer (or its name), or for one of the totals."""
        if isinstance(key, VitamerTotal):
            return key in self.per_vitamer
        return self._find(key) is not None

    def __iter__(self) -> Iterator[VitamerTotal]:
        """Iterate over the per-vitamer totals."""
        return iter(self.per_vitamer)

    def __len__(self) -> int:
        """The number of vitamers totalled."""
        return len(self.per_vitamer)

    @property
    def unknown(self) -> UnknownEntries:
        """Which entries were unknown, by vitamer (only vitamers with unknown entries)."""
        return UnknownEntries(
            {t.vitamer: t.unknown_entries for t in self.per_vitamer if t.unknown_entries}
        )


def _vitamer_or_none(key: object) -> Vitamer | None:
    """The vitamer *key* names, or None for anything that names none (for ``in`` and get)."""
    if isinstance(key, Vitamer):
        return key
    if not isinstance(key, str):
        return None
    try:
        return vitamer(key)
    except Vitk2Error:
        return None


@final
class UnknownEntries(Mapping[Vitamer, tuple[int, ...]]):
    """An immutable mapping from vitamer to the positions of entries with unknown content.

    Keys are :class:`Vitamer` objects; any name :func:`~vitk2.vitamer` reads works for
    ``[]``, ``get`` and ``in`` alike, so the mapping answers the same whichever way it is asked.
    A vitamer without unknown entries is not a key: ``[]`` raises :class:`NotFoundError`
    (a :class:`LookupError`), ``get`` gives the default and ``in`` is False.

    >>> u = Diary.of(("Natto", "1 cup"), ("Kale, raw", "30 g")).totals().unknown
    >>> u[vitamer("MK-7")] == u["MK-7"] == u.get("menaquinone-7") == (1,)
    True
    >>> "K1" in u, u.get("K1"), u.get("K1", ())
    (False, None, ())
    """

    __slots__ = ("_data",)
    _data: dict[Vitamer, tuple[int, ...]]

    def __init__(self, data: Mapping[Vitamer, tuple[int, ...]] | None = None) -> None:
        """Freeze *data* (vitamer -> positions) into the mapping."""
        frozen: dict[Vitamer, tuple[int, ...]] = {}
        for k, v in (data or {}).items():
            if not isinstance(k, Vitamer):
                msg = f"key {k!r} is not a Vitamer; give vitk2 vitamers such as vitamer('MK-7')"
                raise FoodInputError(msg)
            positions = tuple(v)
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in positions):
                msg = f"{k.key}: {v!r} are not entry positions; give whole numbers"
                raise FoodInputError(msg)
            frozen[k] = positions
        object.__setattr__(self, "_data", frozen)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: the mapping is immutable."""
        msg = f"UnknownEntries is immutable; cannot set {name!r}"
        raise AttributeError(msg)

    def __getitem__(self, key: object) -> tuple[int, ...]:
        """The positions for a vitamer (or its name) with unknown entries."""
        v = _vitamer_or_none(key)
        if v is not None and v in self._data:
            return self._data[v]
        if v is None and isinstance(key, str):
            vitamer(key)  # raises UnknownVitamerError with suggestions
        have = ", ".join(k.key for k in self._data) or "none"
        msg = f"{key!r} has no unknown entries here; vitamers with unknown entries: {have}"
        raise NotFoundError(msg)

    @overload
    def get(self, key: object, /) -> tuple[int, ...] | None: ...
    @overload
    def get(self, key: object, /, default: tuple[int, ...] | _T) -> tuple[int, ...] | _T: ...

    def get(self, key: object, /, default: object = None) -> object:
        """The positions for *key*, or *default* when it has none."""
        v = _vitamer_or_none(key)
        return self._data.get(v, default) if v is not None else default

    def __contains__(self, key: object) -> bool:
        """True when *key* (a vitamer or its name) has unknown entries."""
        v = _vitamer_or_none(key)
        return v is not None and v in self._data

    def __iter__(self) -> Iterator[Vitamer]:
        """The vitamers with unknown entries."""
        return iter(self._data)

    def __len__(self) -> int:
        """The number of vitamers with unknown entries."""
        return len(self._data)

    def __hash__(self) -> int:
        """Hash of the frozen contents (equal mappings hash equal)."""
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        """``UnknownEntries({'MK-7': (1,)})``."""
        return f"UnknownEntries({ {k.key: v for k, v in self._data.items()} !r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by contents."""
        return (UnknownEntries, (self._data,))


def _food_of(item: Food | str | int) -> Food:
    return item if isinstance(item, Food) else food(item)


_ENTRY_CACHE_SIZE: Final = 65_536
_entry_cache: dict[tuple[int, str], DiaryEntry] = {}


def _entry(f: Food, portion: object) -> DiaryEntry:
    """The diary entry for *portion* of *f*, shared by repeats of the same (food, portion).

    Entries are values, and diaries repeat their rows: sharing saves time and memory on large
    files.  Keyed by the food object, as for the measure cache.
    """
    if not isinstance(portion, str) or len(portion) > _CACHED_TEXT:
        return DiaryEntry(food=f, grams=_portion_grams(f, portion), portion=_portion_text(portion))
    key = (id(f), portion)
    hit = _entry_cache.get(key)
    if hit is not None and hit.food is f:
        return hit
    entry = DiaryEntry(food=f, grams=_portion_grams(f, portion), portion=_portion_text(portion))
    if len(_entry_cache) >= _ENTRY_CACHE_SIZE:
        _entry_cache.clear()
    _entry_cache[key] = entry
    return entry


class _Buffer:
    """The append-only list behind a chain of diaries; each diary sees a prefix of it."""

    __slots__ = ("items", "lock")

    def __init__(self, items: list[DiaryEntry]) -> None:
        self.items = items
        self.lock = threading.Lock()


@final
class Diary:
    """A meal or a food diary: (food, portion) entries, totalled per vitamer.

    Diaries are values: :meth:`add` and :meth:`extend` return a new diary and leave this one
    as it was.  Building is linear: a diary shares its entries with the diaries made from it,
    so ``d = d.add(...)`` in a loop costs O(1) per entry (amortised), not a copy of the diary.

    >>> d = Diary().add("01009", "1 oz").add(food("Butter, salted"), "1 tbsp")
    >>> len(d), str(d.totals()["MK-4"])
    (2, 'at least 2.43805898875 µg MK-4 (unknown for 1 of 2 entries)')
    >>> Diary().add("11233", "30 g") == Diary.of(("11233", "30 g"))
    True
    """

    __slots__ = ("_buffer", "_entries", "_length")
    _buffer: _Buffer
    _length: int
    _entries: tuple[DiaryEntry, ...] | None

    def __init__(self, entries: Iterable[DiaryEntry] = ()) -> None:
        """A diary of :class:`DiaryEntry` values (use :meth:`of` or :meth:`add` for pairs)."""
        if isinstance(entries, str | bytes | Mapping) or not isinstance(entries, Iterable):
            msg = f"entries={entries!r} is not accepted; give DiaryEntry values, or use Diary.of()"
            raise FoodInputError(msg)
        items = tuple(entries)
        for e in items:
            if not isinstance(e, DiaryEntry):
                msg = (
                    f"{e!r} is not a DiaryEntry; give DiaryEntry values, or (food, portion) "
                    "pairs to Diary.of()"
                )
                raise FoodInputError(msg)
        self._set(_Buffer(list(items)), len(items), items)

    def _set(self, buffer: _Buffer, length: int, entries: tuple[DiaryEntry, ...] | None) -> None:
        object.__setattr__(self, "_buffer", buffer)
        object.__setattr__(self, "_length", length)
        object.__setattr__(self, "_entries", entries)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a diary is a value; :meth:`add` returns a new one."""
        msg = f"a Diary is immutable; cannot set {name!r} (add() returns a new diary)"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Refuse: a diary is a value."""
        msg = f"a Diary is immutable; cannot delete {name!r}"
        raise AttributeError(msg)

    @property
    def entries(self) -> tuple[DiaryEntry, ...]:
        """The entries, in the order they were added."""
        if self._entries is None:
            with self._buffer.lock:
                entries = tuple(self._buffer.items[: self._length])
            object.__setattr__(self, "_entries", entries)
            return entries
        return self._entries

    @classmethod
    def of(cls, *pairs: tuple[Food | str | int, object]) -> Diary:
        """A diary from (food, portion) pairs.

        >>> len(Diary.of(("11233", "1 cup"), ("16113", "85 g")))
        2
        """
        return cls().extend(pairs)

    def add(self, item: Food | str | int, portion: object) -> Diary:
        """A new diary with one more entry; the food is looked up as by :func:`food`."""
        return self._with([_entry(_food_of(item), portion)])

    def extend(self, pairs: Iterable[tuple[Food | str | int, object]]) -> Diary:
        """A new diary with more entries; nothing is added if any entry is bad.

        >>> Diary().extend([("11233", "30 g"), ("11233", "-1 g")])
        Traceback (most recent call last):
        ...
        vitk2.InvalidAmountError: ...
        """
        if isinstance(pairs, str | bytes | Mapping) or not isinstance(pairs, Iterable):
            msg = f"{pairs!r} is not accepted; give (food, portion) pairs like [('11233', '30 g')]"
            raise FoodInputError(msg)
        new = []
        for pair in pairs:
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                msg = f"diary entry {pair!r} is not a (food, portion) pair like ('11233', '30 g')"
                raise FoodInputError(msg)
            item, portion = pair
            new.append(_entry(_food_of(item), portion))
        return self._with(new)

    def _with(self, new: list[DiaryEntry]) -> Diary:
        """This diary plus *new*: appended in place when this diary is the buffer's newest."""
        buffer = self._buffer
        with buffer.lock:
            if len(buffer.items) == self._length:
                buffer.items.extend(new)
            else:  # an older diary grows a new branch: copy its prefix once
                buffer = _Buffer([*buffer.items[: self._length], *new])
        out = object.__new__(Diary)
        out._set(buffer, self._length + len(new), None)
        return out

    def __len__(self) -> int:
        """The number of entries."""
        return self._length

    def __eq__(self, other: object) -> bool:
        """Diaries are equal when their entries are."""
        if isinstance(other, Diary):
            return self._length == other._length and self.entries == other.entries
        return NotImplemented

    def __hash__(self) -> int:
        """Hash of the entries."""
        return hash(self.entries)

    def __repr__(self) -> str:
        """``Diary(entries=(...))``."""
        return f"Diary(entries={self.entries!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by entries."""
        return (Diary, (self.entries,))

    def totals(self, vitamers: Iterable[Vitamer | str] | str = FOOD_VITAMERS) -> DiaryTotals:
        """Exact totals per vitamer, with the entries whose content is unknown.

        Linear in the number of entries: grams are summed exactly per food first, then
        multiplied by each food's content once.

        >>> Diary().totals()["K1"].known
        Amount('K1', '0 µg')
        >>> str(Diary.of(("11233", "30 g")).totals("K1")["K1"])
        '211.44 µg K1'
        """
        if isinstance(vitamers, str):
            vitamers = (vitamers,)
        if isinstance(vitamers, Mapping) or not isinstance(vitamers, Iterable):
            msg = f"vitamers={vitamers!r} is not accepted; give vitamers such as ['K1', 'MK-7']"
            raise FoodInputError(msg)
        keys = tuple(dict.fromkeys(vitamer(k) for k in vitamers))
        entries = self.entries
        unknown: list[list[int]] = [[] for _ in keys]
        # Per food object (not id: a caller's own Food may share a catalogue id): the lists its
        # entries are unknown in, and its grams as integer numerators per denominator.
        targets: dict[int, tuple[list[int], ...]] = {}
        grams_by_food: dict[int, dict[int, int]] = {}
        contents: dict[int, list[FoodContent | None]] = {}
        for i, e in enumerate(entries):
            key = id(e.food)
            lists = targets.get(key)
            if lists is None:
                by_vitamer = {c.vitamer: c for c in e.food.contents if c.known}
                known_here = contents[key] = [by_vitamer.get(v) for v in keys]
                grams_by_food[key] = {}
                lists = targets[key] = tuple(
                    unknown[j] for j, c in enumerate(known_here) if c is None
                )
            for positions in lists:
                positions.append(i)
            g = e.grams
            sums = grams_by_food[key]
            sums[g.denominator] = sums.get(g.denominator, 0) + g.numerator
        # known, low and high per vitamer, as integer numerators per denominator (exact)
        acc: list[tuple[dict[int, int], ...]] = [({}, {}, {}) for _ in keys]
        for key, known_here in contents.items():
            grams = _exact_sum(grams_by_food[key])
            for j, c in enumerate(known_here):
                if c is None:
                    continue
                ug = c.micrograms_per_100g
                assert ug is not None
                assert c.low is not None
                assert c.high is not None
                for value, into in zip((ug, c.low, c.high), acc[j], strict=True):
                    den = value.denominator * grams.denominator
                    into[den] = into.get(den, 0) + value.numerator * grams.numerator
        out = []
        for j, v in enumerate(keys):
            known, low, high = (_exact_sum(a) / _HUNDRED for a in acc[j])
            none_known = len(unknown[j]) == len(entries) and bool(entries)
            out.append(
                VitamerTotal(
                    vitamer=v,
                    known=None if none_known else Amount.from_micrograms(v, known),
                    low=None if none_known else Amount.from_micrograms(v, low),
                    high=None if none_known else Amount.from_micrograms(v, high),
                    unknown_entries=tuple(unknown[j]),
                    entries=len(entries),
                )
            )
        return DiaryTotals(per_vitamer=tuple(out))


def _exact_sum(numerators: Mapping[int, int]) -> Fraction:
    """The exact sum of numerator/denominator terms given as {denominator: summed numerator}."""
    if not numerators:
        return Fraction(0)
    common = math.lcm(*numerators)
    return Fraction(sum(n * (common // d) for d, n in numerators.items()), common)


def _portion_text(portion: object) -> str:
    if isinstance(portion, str):
        return " ".join(portion.split())
    return str(portion)


# --------------------------------------------------------------------------------------------
# Bulk path (NumPy)
# --------------------------------------------------------------------------------------------


def _numpy() -> Any:
    try:
        import numpy  # noqa: PLC0415 - optional dependency, imported on first bulk use
    except ImportError:  # pragma: no cover - exercised only without numpy
        msg = "the bulk food path needs NumPy: pip install 'vitk2[numpy]'"
        raise Vitk2Error(msg) from None
    return numpy


class _BulkTable:
    """Food ids and per-100 g values as NumPy arrays (NaN = unknown), built on first use."""

    __slots__ = ("filled", "ids", "known_vitamers", "ndb", "ndb_rows", "unknown")

    def __init__(self, cat: _Catalogue) -> None:
        np = _numpy()
        self.ids = np.array(cat.ids)
        numeric = [i for i, fid in enumerate(cat.ids) if fid.isdigit()]
        self.ndb = np.array([int(cat.ids[i]) for i in numeric], dtype=np.int64)
        self.ndb_rows = np.array(numeric, dtype=np.intp)
        values = np.full((len(cat.ids), len(FOOD_VITAMERS)), np.nan)
        for i, fid in enumerate(cat.ids):
            for c in cat.food(fid).contents:
                ug = c.micrograms_per_100g
                if ug is not None and c.vitamer in FOOD_VITAMERS:
                    values[i, FOOD_VITAMERS.index(c.vitamer)] = float(ug) / 100.0
        any_known = ~np.isnan(values).all(axis=0)
        self.known_vitamers = tuple(v for v, k in zip(FOOD_VITAMERS, any_known, strict=True) if k)
        kept = values[:, any_known]
        self.unknown = np.ascontiguousarray(np.isnan(kept))
        self.filled = np.ascontiguousarray(np.nan_to_num(kept, nan=0.0))


@cache
def _bulk_table() -> _BulkTable:
    return _BulkTable(_catalogue())


@final
@attrs.frozen(kw_only=True, eq=False)
class BulkTotals:
    """Per-vitamer totals of a bulk diary, in float µg, per group (one group if none given).

    ``micrograms[v][g]`` sums the entries of group *g* whose content of *v* is known;
    ``unknown[v][g]`` counts those whose content is unknown.  A group where every entry is
    unknown for *v* has total NaN (unknown), never 0; a group with some unknown entries has a
    lower bound.
    """

    vitamers: tuple[Vitamer, ...]
    micrograms: Mapping[Vitamer, npt.NDArray[np.float64]]
    unknown: Mapping[Vitamer, npt.NDArray[np.int64]]
    entries: npt.NDArray[np.int64]
    """Number of entries per group."""

    def total(self, key: Vitamer | str) -> float:
        """The total over all groups in µg (NaN if no entry has a known value).

        >>> round(bulk_totals(["11233", "16113"], [30.0, 100.0]).total("K1"), 6)
        234.54
        """
        v = vitamer(key)
        known = self.entries.sum() - self.unknown[v].sum()
        if known == 0 and self.unknown[v].sum() > 0:
            return float("nan")
        return float(_numpy().nansum(self.micrograms[v]))

    def unknown_count(self, key: Vitamer | str) -> int:
        """How many entries, over all groups, have unknown content of the vitamer.

        >>> bulk_totals(["11233", "16113"], [30.0, 100.0]).unknown_count("MK-7")
        1
        """
        return int(self.unknown[vitamer(key)].sum())


def _first_bad(mask: Any) -> int:
    return int(_numpy().flatnonzero(mask)[0])


def bulk_totals(
    food_ids: Any,
    grams: Any,
    *,
    groups: Any = None,
    n_groups: int | None = None,
) -> BulkTotals:
    """Per-vitamer totals for many (food, grams) entries at once, vectorised with NumPy.

    ``food_ids`` is an array (or sequence) of food id strings, or of integer NDB numbers;
    ``grams`` the weight eaten of each, as floats.  ``groups`` optionally gives each entry's
    group (a person or a day) as integers ``0 … n_groups - 1``; totals are then per group.
    Unknown ids, negative, NaN or infinite grams raise vitk2 errors naming the first bad entry.
    Floats, not Fractions: this is the path for cohorts; use :class:`Diary` for exact sums.

    >>> import numpy as np
    >>> t = bulk_totals(np.array([11233, 16113, 1009]), np.array([30.0, 100.0, 28.0]),
    ...                 groups=np.array([0, 0, 1]))
    >>> t.micrograms[K1].round(3).tolist(), t.unknown[MK4].tolist()
    ([234.54, 0.672], [2, 0])
    >>> bulk_totals(["11233"], [-1.0])
    Traceback (most recent call last):
    ...
    vitk2.InvalidAmountError: grams[0] = -1.0 is negative; ...
    """
    np = _numpy()
    table = _bulk_table()
    ids = np.asarray(food_ids)
    try:
        g = np.asarray(grams, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        msg = f"grams must be numbers (weights in grams): {exc}"
        raise FoodInputError(msg) from None
    if ids.ndim != 1 or g.ndim != 1 or ids.shape != g.shape:
        msg = (
            f"food_ids (shape {ids.shape}) and grams (shape {g.shape}) must be "
            "one-dimensional arrays of the same length"
        )
        raise FoodInputError(msg)
    finite = np.isfinite(g)
    if not finite.all():
        i = _first_bad(~finite)
        msg = f"grams[{i}] = {float(g[i])!r} is not a finite number; give grams, 0 or more"
        raise InvalidAmountError(msg)
    if (g < 0).any():
        i = _first_bad(g < 0)
        msg = f"grams[{i}] = {float(g[i])!r} is negative; give weights in grams, 0 or more"
        raise InvalidAmountError(msg)
    rows = _rows_of(np, table, ids)
    group_idx, k, entries = _groups_of(np, groups, n_groups, len(g))
    filled = table.filled[rows]
    unknown = table.unknown[rows]
    micrograms: dict[Vitamer, Any] = {}
    unknown_counts: dict[Vitamer, Any] = {}
    if group_idx is None:
        sums = g @ filled
        counts = np.count_nonzero(unknown, axis=0)
        for j, v in enumerate(table.known_vitamers):
            micrograms[v] = np.array([sums[j]])
            unknown_counts[v] = np.array([counts[j]], dtype=np.int64)
    else:
        for j, v in enumerate(table.known_vitamers):
            micrograms[v] = np.bincount(group_idx, weights=g * filled[:, j], minlength=k)
            counts = np.bincount(group_idx, weights=unknown[:, j], minlength=k)
            unknown_counts[v] = counts.astype(np.int64)
    for v in FOOD_VITAMERS:
        if v not in micrograms:
            micrograms[v] = np.zeros(k)
            unknown_counts[v] = entries.copy()
    for v in FOOD_VITAMERS:
        all_unknown = (unknown_counts[v] == entries) & (entries > 0)
        if all_unknown.any():
            micrograms[v][all_unknown] = np.nan
    return BulkTotals(
        vitamers=FOOD_VITAMERS,
        micrograms=micrograms,
        unknown=unknown_counts,
        entries=entries,
    )


def _groups_of(np: Any, groups: Any, n_groups: int | None, n: int) -> tuple[Any, int, Any]:
    """Check the group index array; return it, the number of groups and entries per group."""
    if groups is None:
        if n_groups not in (None, 1):
            msg = f"n_groups={n_groups!r} needs a groups array"
            raise FoodInputError(msg)
        return None, 1, np.array([n], dtype=np.int64)
    group_idx = np.asarray(groups)
    if group_idx.shape != (n,) or group_idx.dtype.kind not in "iu":
        msg = f"groups must be an integer array of the same length as grams, not {groups!r}"
        raise FoodInputError(msg)
    if n and int(group_idx.min()) < 0:
        msg = f"groups[{_first_bad(group_idx < 0)}] is negative; groups are 0 … n_groups - 1"
        raise FoodInputError(msg)
    k = int(group_idx.max()) + 1 if n else 0
    if n_groups is not None:
        if isinstance(n_groups, bool) or not isinstance(n_groups, int) or n_groups < k:
            msg = f"n_groups={n_groups!r} but groups holds index {k - 1}"
            raise FoodInputError(msg)
        k = n_groups
    return group_idx, k, np.bincount(group_idx, minlength=k).astype(np.int64)


def _ndb_numbers(np: Any, ids: Any) -> Any:
    """The ids as integers if every one is a 5-digit NDB number, else None (vectorised)."""
    width = ids.dtype.itemsize // 4
    if width < 5 or len(ids) == 0:
        return None
    codes = ids.view(np.uint32).reshape(len(ids), width)
    digits = codes[:, :5]
    if not (((digits >= 48) & (digits <= 57)).all() and not codes[:, 5:].any()):
        return None
    weights = np.array([10_000, 1_000, 100, 10, 1], dtype=np.int64)
    return (digits.astype(np.int64) - 48) @ weights


def _rows_of(np: Any, table: _BulkTable, ids: Any, shown: Any = None) -> Any:
    """Map food ids (strings, or integer NDB numbers) to table rows; refuse unknown ids."""
    if ids.dtype.kind in "iu":
        keys, lookup = table.ndb, ids
    elif ids.dtype.kind in "UOS":
        lookup = ids if ids.dtype.kind == "U" else ids.astype(str)
        numeric = _ndb_numbers(np, lookup)
        if numeric is not None:
            # all ids are 5-digit NDB numbers: integer search, several times faster
            return _rows_of(np, table, numeric, shown=lookup)
        keys = table.ids
    else:
        msg = f"food_ids must hold id strings or integer NDB numbers, not {ids.dtype}"
        raise FoodInputError(msg)
    if len(lookup) == 0:
        return np.zeros(0, dtype=np.intp)
    pos = np.searchsorted(keys, lookup)
    np.minimum(pos, len(keys) - 1, out=pos)
    bad = keys[pos] != lookup
    if bad.any():
        i = _first_bad(bad)
        msg = (
            f"food_ids[{i}] = {(lookup if shown is None else shown)[i].item()!r} is not a "
            "food vitk2 knows; "
            "give SR28 NDB numbers ('11233' or 11233) or curated 'vk2:' ids"
        )
        raise UnknownFoodError(msg)
    if ids.dtype.kind in "iu":
        return table.ndb_rows[pos]
    return pos
