"""Food records: a food, its content of each vitamer per 100 g, and its household measures.

Every food table reads its data into these classes (see :mod:`vitk2._food_tables`).
Unknown is never zero: a food without a value for a vitamer has *unknown* content
(``FoodContent.micrograms_per_100g is None``).  Where sources disagree every value is kept with
its source; the central value is their median and ``low``/``high`` give the range.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, final

import attrs

from vitk2._amounts import Amount
from vitk2._errors import NotOneVitamerError, UnitParseError
from vitk2._portions import find_measure, portion_grams
from vitk2._sources import Citation, citation
from vitk2._units import format_number, quantity, unit_spec
from vitk2._vitamers import DIHYDRO_K1, K1, MK4, Vitamer, menaquinone, vitamer

__all__ = [
    "FOOD_VITAMERS",
    "VITAMIN_K_TOTALS",
    "ContentMeasurement",
    "Food",
    "FoodContent",
    "HouseholdMeasure",
    "VitaminKTotal",
]

FOOD_VITAMERS: Final[tuple[Vitamer, ...]] = (
    K1,
    DIHYDRO_K1,
    MK4,
    *(menaquinone(n) for n in range(5, 11)),
)
"""The vitamers vitk2's food tables track: SR28's three and the long-chain MK-5 … MK-10."""

VITAMIN_K_TOTALS: Final[Mapping[str, str]] = {
    "K2": "vitamin K2: the total of several menaquinones, not one vitamer",
    "K": "vitamin K: the total of phylloquinone and menaquinones, not one vitamer",
}
"""The totals a food table may give besides its per-vitamer values, by key."""

_HUNDRED: Final = Fraction(100)
SR28_CODES_FILE: Final = "foods-sr28-codes.json"


def read_data(name: str) -> bytes:
    """The bytes of a packaged data file (``src/vitk2/data/<name>``)."""
    return resources.files("vitk2").joinpath("data", name).read_bytes()


@cache
def sr28_codes() -> Mapping[str, Any]:
    """SR28's codes as vitk2 reads them (``data/foods-sr28-codes.json``), on first use."""
    loaded: Mapping[str, Any] = json.loads(read_data(SR28_CODES_FILE))
    return loaded


def _basis_of(source_code: str) -> str | None:
    basis: Mapping[str, str] = sr28_codes()["basis"]
    return basis.get(source_code)


@final
@attrs.frozen(kw_only=True)
class ContentMeasurement:
    """One published value of a vitamer in a food, in µg per 100 g edible portion.

    SR28 values carry SR28's provenance (number of data points, ``Src_Cd`` and ``Deriv_Cd``
    with their meanings, the food a value was imputed from, min and max of the samples).

    >>> from vitk2 import food
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
        return _basis_of(self.source_code) or self.source_meaning or "unknown"

    @property
    def assumed_zero(self) -> bool:
        """True for SR28's ``Src_Cd`` 7: a real zero, but assumed rather than measured."""
        return self.source_code == "7"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this value was read in."""
        return tuple(citation(k) for k in self.sources)


def median(values: Sequence[Fraction]) -> Fraction:
    """The median of exact values (the mean of the middle two for an even count)."""
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


@final
@attrs.frozen(kw_only=True)
class FoodContent:
    """The content of one vitamer in one food, per 100 g edible portion, with its sources.

    ``micrograms_per_100g`` is ``None`` when no source gives a value (unknown, not zero).  When
    several sources do, it is their median and ``low``/``high`` give the range.

    >>> from vitk2 import food
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
        return median([m.micrograms_per_100g for m in self.measurements])

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


def _total_kind(_: object, __: object, value: object) -> None:
    if value not in VITAMIN_K_TOTALS:
        accepted = ", ".join(repr(k) for k in VITAMIN_K_TOTALS)
        msg = f"{value!r} is not a vitamin K total vitk2 knows; give one of {accepted}"
        raise NotOneVitamerError(msg)


@final
@attrs.frozen(kw_only=True)
class VitaminKTotal:
    """A table's *total* of several vitamin K forms in a food, in µg per 100 g edible portion.

    Some tables publish only a sum: NEVO's "vitamin K2" adds up several menaquinones without
    saying how much of each.  Such a total is kept apart from the per-vitamer values: it is
    never counted as MK-7 (or any one menaquinone), it has no molar mass, and so it converts
    between mass units only.  ``kind`` is ``"K2"`` (total menaquinones) or ``"K"`` (total
    vitamin K, phylloquinone included); see :data:`VITAMIN_K_TOTALS`.

    >>> t = VitaminKTotal(food_id="nevo:513", kind="K2", micrograms_per_100g=Fraction("63.7"),
    ...                   sources=("rivm-nevo-2021",))
    >>> str(t), t.to("mg")
    ('63.7 µg vitamin K2 (total of menaquinones) per 100 g', <Quantity(0.0637, 'milligram')>)
    >>> t.micrograms_in(Fraction(30))
    Fraction(1911, 100)
    >>> t.to("nmol")
    Traceback (most recent call last):
    ...
    vitk2.NotOneVitamerError: 63.7 µg vitamin K2 (total of menaquinones) per 100 g is a total of
    several forms and has no molar mass, so it cannot be given in 'nmol'; give a mass unit ...
    """

    food_id: str
    kind: str = attrs.field()
    micrograms_per_100g: Fraction
    sources: tuple[str, ...]
    note: str | None = None

    @kind.validator
    def _check_kind(self, attribute: object, value: object) -> None:
        _total_kind(self, attribute, value)

    @property
    def label(self) -> str:
        """``vitamin K2 (total of menaquinones)`` or ``vitamin K (total)``."""
        return "vitamin K2 (total of menaquinones)" if self.kind == "K2" else "vitamin K (total)"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this total was read in."""
        return tuple(citation(k) for k in self.sources)

    def micrograms_in(self, grams: Fraction) -> Fraction:
        """The total in µg in *grams* of the food (exact).

        >>> VitaminKTotal(food_id="x:1", kind="K", micrograms_per_100g=Fraction(10),
        ...               sources=()).micrograms_in(Fraction(250))
        Fraction(25, 1)
        """
        return self.micrograms_per_100g * Fraction(grams) / _HUNDRED

    def to(self, unit: str) -> Any:
        """The total per 100 g as a pint quantity in a mass unit (``"µg"``, ``"mg"`` …).

        A unit of amount of substance (``"nmol"``) raises :class:`NotOneVitamerError`: a sum
        of forms of different molar masses has no molar mass.
        """
        spec = unit_spec(unit) if isinstance(unit, str) else None
        if spec is None:
            msg = f"{unit!r} is not a unit text; give a mass unit such as 'µg' or 'mg'"
            raise UnitParseError(msg)
        if spec.dimension != "mass":
            msg = (
                f"{self} is a total of several forms and has no molar mass, so it cannot be "
                f"given in {unit!r}; give a mass unit such as 'µg' or 'mg'"
            )
            raise NotOneVitamerError(msg)
        return quantity(self.micrograms_per_100g / spec.factor, spec.code)

    def __str__(self) -> str:
        """``63.7 µg vitamin K2 (total of menaquinones) per 100 g``."""
        return f"{format_number(self.micrograms_per_100g)} µg {self.label} per 100 g"


@final
@attrs.frozen(kw_only=True)
class HouseholdMeasure:
    """A household measure of a food and its gram weight, as SR28 gives it.

    ``amount`` of ``description`` weighs ``grams``: e.g. 0.5 × ``cup, chopped`` = 78 g.

    >>> from vitk2 import food
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

    >>> from vitk2 import food
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
    origin: str = "usda-sr28"
    """The table the food comes from: ``"usda-sr28"``, ``"curated"``, or another table's name."""
    sources: tuple[str, ...] = ("usda-sr28",)
    """Where the food's description and measures come from."""
    totals: tuple[VitaminKTotal, ...] = ()
    """Totals of several forms the food's table gives (NEVO's vitamin K2); never a vitamer."""

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

        >>> from vitk2 import food
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

        >>> from vitk2 import food
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

    def total(self, kind: str) -> tuple[VitaminKTotal, ...]:
        """The totals of several forms (``"K2"``, ``"K"``) the food's tables give; () if none.

        A total is not a vitamer: ``food.content("MK-7")`` never includes it.

        >>> from vitk2 import food
        >>> food("16113").total("K2")
        ()
        """
        _total_kind(None, None, kind)
        return tuple(t for t in self.totals if t.kind == kind)

    def grams(self, portion: object) -> Fraction:
        """The exact weight in grams of a portion of this food.

        A portion is a mass (``"30 g"``, ``"0.2 kg"``, ``"3 oz"``, ``"1 lb"``; an ounce is
        exactly 28.349523125 g) or a count of one of the food's household measures
        (``"1 cup"``, ``"2 tbsp"``, ``"1/2 cup, chopped"``), matched ignoring case and
        punctuation; a measure named by its first words must fit only one of the food's.

        >>> from vitk2 import food
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
        return portion_grams(self, portion)

    def measure(self, description: str) -> HouseholdMeasure:
        """The household measure a description names (``"cup"``, ``"cup, diced"``, ``"tbsp"``).

        >>> from vitk2 import food
        >>> str(food("01001").measure("tablespoon"))
        '1 tbsp (14.2 g)'
        """
        return find_measure(self, description, shown=description)

    def amount_of(self, vitamer_: Vitamer | str, portion: object) -> Amount | None:
        """The amount of a vitamer in a portion, or None if the content is unknown.

        >>> from vitk2 import food
        >>> food("16113").amount_of("MK-7", "1 cup")
        Amount('MK-7', '1.64325 mg')
        >>> food("16113").amount_of("MK-9", "1 cup") is None
        True
        """
        grams = portion_grams(self, portion)
        ug = self.content(vitamer_).micrograms_per_100g
        if ug is None:
            return None
        return Amount.from_micrograms(vitamer(vitamer_), ug * grams / _HUNDRED)


