"""Richest foods per vitamer, per 100 g or per usual serving, honest about what is unknown.

A food's *usual serving* is the first household measure its table lists (SR28 lists its
measures in its own sequence; a curated food lists the serving its paper or SR28 uses).  A value
counts as *measured* when it is analytical (SR28 source codes 1, 6, 12 …, or a paper's own
measurement, printed at a stated place in the paper), as *imputed* when its table says it was
calculated, imputed from another food, assumed zero or a label claim, and as *basis not stated*
when its table gives no such provenance (NEVO's values, read from the user's download, carry
none); the ranking says how many of each it rests on, and how many foods have no value
at all (unknown, not zero: they are not ranked, not counted as 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Literal, final

import attrs

from vitk2._amounts import Amount
from vitk2._errors import InvalidAmountError, NotFoundError
from vitk2._food_records import ContentMeasurement, Food, HouseholdMeasure, median
from vitk2._food_tables import catalogue, food_tables
from vitk2._food_views import values_by_table
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__ = ["FoodRanking", "RankedFood", "richest_foods"]

_HUNDRED: Final = Fraction(100)
Per = Literal["100 g", "serving"]


@final
@attrs.frozen(kw_only=True)
class RankedFood:
    """One food in a :class:`FoodRanking`: its value per 100 g and per usual serving.

    ``micrograms_per_100g`` is the median of the values counted (as :class:`FoodContent`
    gives it); ``low``/``high`` keep the range when sources disagree.
    """

    rank: int
    food: Food
    vitamer: Vitamer
    micrograms_per_100g: Fraction
    low: Fraction
    high: Fraction
    serving: HouseholdMeasure | None
    """The usual serving (the first measure the food's table lists), or None if it has none."""
    measured: int
    """How many of the values counted are analytical."""
    imputed: int
    """How many are calculated, imputed, assumed zero or a label claim."""
    sources: tuple[str, ...]
    unstated: int = 0
    """How many come from a table that does not say how the value was obtained."""

    @property
    def per_100g(self) -> Amount:
        """The value as an :class:`Amount` in 100 g."""
        return Amount.from_micrograms(self.vitamer, self.micrograms_per_100g)

    @property
    def per_serving(self) -> Amount | None:
        """The amount in one usual serving, or None when the food has no household measure."""
        if self.serving is None:
            return None
        grams = self.serving.grams_per_unit
        return Amount.from_micrograms(self.vitamer, self.micrograms_per_100g * grams / _HUNDRED)

    def __str__(self) -> str:
        """``1. 16113 Natto: 939 µg MK-7 per 100 g; 1.64325 mg per 1 cup (175 g) [1 measured]``."""
        text = f"{self.rank}. {self.food.id} {self.food.description}: {self.per_100g} per 100 g"
        if self.low != self.high:
            text += f" ({format_number(self.low)}–{format_number(self.high)} µg)"
        per_serving = self.per_serving
        if per_serving is not None:
            assert self.serving is not None
            text += f"; {per_serving} per {self.serving}"
        else:
            text += "; no household measure"
        parts = [
            f"{n} {word}"
            for n, word in (
                (self.measured, "measured"),
                (self.imputed, "imputed"),
                (self.unstated, "basis not stated"),
            )
            if n
        ]
        return f"{text} [{', '.join(parts)}]"


@final
@attrs.frozen(kw_only=True)
class FoodRanking:
    """The foods richest in a vitamer, best first, with what the ranking rests on.

    ``known`` foods have a value for the vitamer; ``unknown`` have none (never counted as 0).
    Ranked per serving, ``without_serving`` foods have a value but no household measure, so
    they are left out of that ranking.
    """

    vitamer: Vitamer
    per: Per
    foods: tuple[RankedFood, ...]
    known: int
    unknown: int
    without_serving: int
    tables: tuple[str, ...]

    @property
    def measured(self) -> int:
        """Analytical values among the ranked foods."""
        return sum(r.measured for r in self.foods)

    @property
    def imputed(self) -> int:
        """Calculated, imputed or assumed values among the ranked foods."""
        return sum(r.imputed for r in self.foods)

    @property
    def unstated(self) -> int:
        """Values among the ranked foods whose table does not say how they were obtained."""
        return sum(r.unstated for r in self.foods)

    def to_text(self) -> str:
        """The ranking as lines of text, ending with what it rests on and the unknowns."""
        head = (
            f"foods richest in {self.vitamer.key} per {self.per} (tables: {', '.join(self.tables)})"
        )
        lines = [head]
        lines.extend(str(r) for r in self.foods)
        unstated = f", {self.unstated} basis not stated" if self.unstated else ""
        lines.append(
            f"values behind these {len(self.foods)}: {self.measured} measured, "
            f"{self.imputed} imputed{unstated}"
        )
        lines.append(
            f"{self.known} foods have a value for {self.vitamer.key}; {self.unknown} have none "
            "(unknown, not zero)"
        )
        if self.per == "serving" and self.without_serving:
            lines.append(
                f"{self.without_serving} foods with a value have no household measure "
                "and are ranked only per 100 g"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        """The same as :meth:`to_text`."""
        return self.to_text()


def _basis(m: ContentMeasurement) -> str:
    """``measured``, ``imputed`` or ``not stated`` (no source code and no place in a paper)."""
    if m.source_code is None and m.location is None and m.sample is None:
        return "not stated"
    return "measured" if m.basis == "analytical" else "imputed"


def _counted(
    values: Iterable[tuple[str, ContentMeasurement]], v: Vitamer, tables: frozenset[str]
) -> list[ContentMeasurement]:
    return [m for ns, m in values if m.vitamer == v and ns in tables]


def _ranked_all(v: Vitamer, tables: tuple[str, ...]) -> tuple[list[RankedFood], int, int]:
    """Every food with a value for *v* given by one of *tables*, best per 100 g first."""
    cat = catalogue()
    wanted = frozenset(tables)
    found: list[tuple[Fraction, str, RankedFood]] = []
    unknown = 0
    for fid in cat.ids:
        f = cat.food(fid)
        ms = _counted(values_by_table(cat, f), v, wanted)
        if not ms:
            unknown += 1
            continue
        values = [m.micrograms_per_100g for m in ms]
        measured = sum(1 for m in ms if _basis(m) == "measured")
        unstated = sum(1 for m in ms if _basis(m) == "not stated")
        central = median(values)
        found.append(
            (
                -central,
                fid,
                RankedFood(
                    rank=0,
                    food=f,
                    vitamer=v,
                    micrograms_per_100g=central,
                    low=min(values),
                    high=max(values),
                    serving=f.measures[0] if f.measures else None,
                    measured=measured,
                    imputed=len(ms) - measured - unstated,
                    unstated=unstated,
                    sources=tuple(dict.fromkeys(k for m in ms for k in m.sources)),
                ),
            )
        )
    found.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in found], len(found), unknown


def richest_foods(
    vitamer_: Vitamer | str,
    *,
    per: Per = "100 g",
    limit: int = 10,
    tables: Iterable[str] | None = None,
) -> FoodRanking:
    """The foods richest in a vitamer, per 100 g or per usual serving, best first.

    Counts only values from *tables* (namespaces such as ``"sr28"``, ``"vk2"``; default every
    table).  Ties go to the lower id.  Foods without a value are never ranked, and the ranking
    says how many there are.

    >>> r = richest_foods("MK-7", limit=2)
    >>> [(x.food.description, str(x.per_100g)) for x in r.foods]
    [('Natto, dried', '3.99757 mg MK-7'), ('Natto', '939 µg MK-7')]
    >>> r.known, r.unknown > 5000
    (2, True)
    >>> top = richest_foods("K1", per="serving", limit=1).foods[0]
    >>> top.food.description, str(top.serving), top.measured, top.imputed
    ('Kale, frozen, cooked, boiled, drained, without salt', '1 cup, chopped (130 g)', 0, 1)
    >>> str(top.per_serving)
    '1.1466 mg K1'
    """
    v = vitamer(vitamer_)
    if per not in ("100 g", "serving"):
        msg = f"per={per!r} is not accepted; give '100 g' or 'serving'"
        raise InvalidAmountError(msg)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit={limit!r}: give a whole number of foods, at least 1"
        raise InvalidAmountError(msg)
    every = tuple(t.namespace for t in food_tables())
    chosen = every if tables is None else tuple(dict.fromkeys(tables))
    missing = [t for t in chosen if t not in every]
    if missing or not chosen:
        bad = missing or list(chosen)
        msg = f"tables={bad!r}: no such food table; vitk2 has {', '.join(every)}"
        raise NotFoundError(msg)
    key = f"richest:{v.key}:{','.join(sorted(chosen))}"
    ranked, known, unknown = catalogue().derive(key, lambda _: _ranked_all(v, chosen))
    without_serving = 0
    if per == "serving":
        with_serving = [r for r in ranked if r.serving is not None]
        without_serving = len(ranked) - len(with_serving)
        ranked = sorted(with_serving, key=_per_serving_key)
    top = tuple(attrs.evolve(r, rank=i) for i, r in enumerate(ranked[:limit], start=1))
    return FoodRanking(
        vitamer=v,
        per=per,
        foods=top,
        known=known,
        unknown=unknown,
        without_serving=without_serving,
        tables=chosen,
    )


def _per_serving_key(r: RankedFood) -> tuple[Fraction, str]:
    amount = r.per_serving
    assert amount is not None
    return (-amount.micrograms, r.food.id)
