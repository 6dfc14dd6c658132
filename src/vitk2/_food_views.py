"""Cross-table views: one food's values in every table, each value with its table.

A value belongs to the table that gives it: a food's own table, or another table that gives a
value for it (the curated table gives natto's MK-7 for SR28's natto).  Foods of different tables
are the same food only where a table says so in its data, with a citation (a
:class:`~vitk2._food_tables.FoodLink`); names are never matched to join foods.  Where tables
disagree, every value is kept and the view gives the range (lowest–highest, each end with its
source); it never averages.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import final

import attrs

from vitk2._errors import NotFoundError
from vitk2._food_lookup import food
from vitk2._food_records import FOOD_VITAMERS, ContentMeasurement, Food, VitaminKTotal
from vitk2._food_tables import Catalogue, catalogue
from vitk2._sources import Citation, citation
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__ = [
    "CrossTableContent",
    "FoodAcrossTables",
    "TableSummary",
    "TableValue",
    "food_across_tables",
    "table_summaries",
    "values_by_table",
]


def values_by_table(cat: Catalogue, f: Food) -> list[tuple[str, ContentMeasurement]]:
    """Every value of *f* with the namespace of the table that gives it, in the food's order."""
    given = {id(m): ns for ns, m in cat.extra_from.get(f.id, ())}
    owner = cat.owner.get(f.id)
    own = owner[0].namespace if owner is not None else f.origin
    return [(given.get(id(m), own), m) for c in f.contents for m in c.measurements]


@final
@attrs.frozen(kw_only=True)
class TableValue:
    """One value of a vitamer in a food, with the table that gives it.

    >>> v = food_across_tables("01009").content("MK-9").values[0]
    >>> v.table, v.food_id, str(v)
    ('vk2', '01009', '8 µg MK-9 per 100 g (vk2: Dunlop et al. 2022)')
    """

    table: str
    """The namespace of the table that gives the value (``"sr28"``, ``"vk2"`` …)."""
    food_id: str
    """The food the table gives it for (the asked food, or a food linked to it)."""
    measurement: ContentMeasurement

    @property
    def vitamer(self) -> Vitamer:
        """The vitamer measured."""
        return self.measurement.vitamer

    @property
    def micrograms_per_100g(self) -> Fraction:
        """The value in µg per 100 g."""
        return self.measurement.micrograms_per_100g

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works the value was read in."""
        return self.measurement.citations

    def __str__(self) -> str:
        """``8 µg MK-9 per 100 g (vk2: Dunlop et al. 2022)``."""
        cited = ", ".join(c.short for c in self.citations)
        return (
            f"{format_number(self.micrograms_per_100g)} µg {self.vitamer.key} per 100 g "
            f"({self.table}: {cited})"
        )


@final
@attrs.frozen(kw_only=True)
class CrossTableContent:
    """Every table's values of one vitamer in one food (and the foods linked to it).

    No central value: where tables disagree the answer is the range, ``low``–``high``, each end
    with the value (and so the table and source) that gives it.

    >>> c = food_across_tables("Spinach, raw").content("K1")
    >>> str(c)
    'K1: 482.9–498 µg per 100 g (sr28: 482.9; vk2: 498)'
    >>> c.tables, c.agree
    (('sr28', 'vk2'), False)
    >>> str(food_across_tables("Kale, raw").content("MK-7"))
    'MK-7: unknown in every table'
    """

    vitamer: Vitamer
    values: tuple[TableValue, ...] = ()

    @property
    def known(self) -> bool:
        """Whether any table gives a value."""
        return bool(self.values)

    @property
    def lowest(self) -> TableValue | None:
        """The value that gives the low end (the first such, in table order), or None."""
        return min(self.values, key=lambda v: v.micrograms_per_100g, default=None)

    @property
    def highest(self) -> TableValue | None:
        """The value that gives the high end (the first such, in table order), or None."""
        return max(self.values, key=lambda v: v.micrograms_per_100g, default=None)

    @property
    def low(self) -> Fraction | None:
        """The lowest value in µg per 100 g, or None if unknown."""
        lowest = self.lowest
        return None if lowest is None else lowest.micrograms_per_100g

    @property
    def high(self) -> Fraction | None:
        """The highest value in µg per 100 g, or None if unknown."""
        highest = self.highest
        return None if highest is None else highest.micrograms_per_100g

    @property
    def agree(self) -> bool:
        """True when every value is the same (or there is at most one)."""
        return len({v.micrograms_per_100g for v in self.values}) <= 1

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables giving a value, in order, without repeats."""
        return tuple(dict.fromkeys(v.table for v in self.values))

    @property
    def sources(self) -> tuple[str, ...]:
        """Citation keys of every value, in order, without repeats."""
        return tuple(dict.fromkeys(k for v in self.values for k in v.measurement.sources))

    def in_table(self, namespace: str) -> CrossTableContent:
        """Only the values that table *namespace* gives.

        >>> food_across_tables("Spinach, raw").content("K1").in_table("vk2").high
        Fraction(498, 1)
        """
        return CrossTableContent(
            vitamer=self.vitamer, values=tuple(v for v in self.values if v.table == namespace)
        )

    def __str__(self) -> str:
        """``K1: 482.9–498 µg per 100 g (sr28: 482.9; vk2: 498)``."""
        if not self.values:
            return f"{self.vitamer.key}: unknown in every table"
        low, high = self.low, self.high
        assert low is not None
        assert high is not None
        span = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
        each = "; ".join(f"{v.table}: {format_number(v.micrograms_per_100g)}" for v in self.values)
        return f"{self.vitamer.key}: {span} µg per 100 g ({each})"


@final
@attrs.frozen(kw_only=True)
class FoodAcrossTables:
    """A food's values in every table, and in the foods that tables link to it.

    ``linked`` are the foods of other tables that a table's data says are the same food, with
    ``link_sources`` citing the works that describe them; values given by another table for
    this food's own id are included without a link, since that table names the food itself.

    >>> cheddar = food_across_tables("Cheese, cheddar")
    >>> cheddar.tables
    ('sr28', 'vk2')
    >>> [str(c) for c in cheddar.in_table("sr28")]
    ['K1: 2.4 µg per 100 g (sr28: 2.4)', 'dihydro-K1: 0 µg per 100 g (sr28: 0)', 'MK-4: 8.6 µg per 100 g (sr28: 8.6)']
    >>> str(cheddar.content("MK-9"))
    'MK-9: 8 µg per 100 g (vk2: 8)'
    """  # noqa: E501

    food: Food
    linked: tuple[Food, ...] = ()
    link_sources: tuple[str, ...] = ()
    contents: tuple[CrossTableContent, ...] = ()
    totals: tuple[tuple[str, VitaminKTotal], ...] = ()
    """Totals of several forms (NEVO's vitamin K2) the tables give, each with its table.

    Never a vitamer: they are listed apart and never enter a vitamer's range."""

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables that give at least one value, in order."""
        return tuple(dict.fromkeys(t for c in self.contents for t in c.tables))

    def content(self, vitamer_: Vitamer | str) -> CrossTableContent:
        """Every table's values of one vitamer (no values: unknown in every table)."""
        v = vitamer(vitamer_)
        for c in self.contents:
            if c.vitamer == v:
                return c
        return CrossTableContent(vitamer=v)

    def in_table(self, namespace: str) -> tuple[CrossTableContent, ...]:
        """The values one table gives, one :class:`CrossTableContent` per vitamer it has.

        >>> food_across_tables("01009").in_table("usda")
        Traceback (most recent call last):
        ...
        vitk2.NotFoundError: no table 'usda' gives values for 01009 Cheese, cheddar; these do: sr28, vk2
        """  # noqa: E501
        if namespace not in self.tables:
            have = ", ".join(self.tables) or "none"
            msg = (
                f"no table {namespace!r} gives values for {self.food.id} "
                f"{self.food.description}; these do: {have}"
            )
            raise NotFoundError(msg)
        return tuple(c for c in (c.in_table(namespace) for c in self.contents) if c.known)

    def to_text(self) -> str:
        """The view as lines of text: the food, its linked foods, one line per vitamer.

        >>> print(food_across_tables("16113").to_text())
        16113 Natto (tables: sr28, vk2)
          K1: 23.1 µg per 100 g (sr28: 23.1)
          dihydro-K1: unknown in every table
          MK-4: unknown in every table
          MK-5: unknown in every table
          MK-6: unknown in every table
          MK-7: 939 µg per 100 g (vk2: 939)
          MK-8: unknown in every table
          MK-9: unknown in every table
          MK-10: unknown in every table
        """
        lines = [f"{self.food.id} {self.food.description} (tables: {', '.join(self.tables)})"]
        lines.extend(f"  same food as {other.id} {other.description}" for other in self.linked)
        if self.link_sources:
            cited = "; ".join(citation(k).short for k in self.link_sources)
            lines.append(f"  linked by: {cited}")
        lines.extend(f"  {c}" for c in self.contents)
        lines.extend(
            f"  {t.label}: {format_number(t.micrograms_per_100g)} µg per 100 g ({ns}; a total "
            "of several forms, not a vitamer)"
            for ns, t in self.totals
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        """The same as :meth:`to_text`."""
        return self.to_text()


def _linked_ids(cat: Catalogue, fid: str) -> tuple[list[str], list[str]]:
    """The foods linked to *fid* (transitively, *fid* first) and the links' citation keys."""
    seen = [fid]
    sources: dict[str, None] = {}
    i = 0
    while i < len(seen):
        for link in cat.links.get(seen[i], ()):
            sources.update(dict.fromkeys(link.sources))
            for other in (link.food, link.same_as):
                if other not in seen:
                    seen.append(other)
        i += 1
    return seen, list(sources)


def _view(cat: Catalogue, f: Food, vitamers: Iterable[Vitamer]) -> FoodAcrossTables:
    ids, sources = _linked_ids(cat, f.id)
    foods = [f, *(cat.food(i) for i in ids[1:])]
    by_vitamer: dict[Vitamer, list[TableValue]] = {v: [] for v in vitamers}
    for each in foods:
        for ns, m in values_by_table(cat, each):
            by_vitamer.setdefault(m.vitamer, []).append(
                TableValue(table=ns, food_id=each.id, measurement=m)
            )
    return FoodAcrossTables(
        food=f,
        linked=tuple(foods[1:]),
        link_sources=tuple(sources),
        totals=tuple(
            (cat.owner[each.id][0].namespace if each.id in cat.owner else each.origin, t)
            for each in foods
            for t in each.totals
        ),
        contents=tuple(
            CrossTableContent(vitamer=v, values=tuple(vs)) for v, vs in by_vitamer.items()
        ),
    )


def food_across_tables(key: Food | str | int) -> FoodAcrossTables:
    """A food's values in every table that gives one, each with its table and source.

    *key* is anything :func:`food` takes (or a :class:`Food`).  Values of foods that a table's
    data links to this one, with a citation, are included and say which food they belong to.

    >>> view = food_across_tables("Spinach, raw")
    >>> for value in view.content("K1").values:
    ...     print(value)
    482.9 µg K1 per 100 g (sr28: U.S. Department of Agriculture 2016)
    498 µg K1 per 100 g (vk2: Kamao et al. 2007)
    >>> str(view.content("K1"))
    'K1: 482.9–498 µg per 100 g (sr28: 482.9; vk2: 498)'
    """
    f = key if isinstance(key, Food) else food(key)
    return _view(catalogue(), f, FOOD_VITAMERS)


@final
@attrs.frozen(kw_only=True)
class TableSummary:
    """What one table holds, counted from its data (for ``docs/foods.md`` and ``vitk2 food``)."""

    namespace: str
    foods: int
    """Foods with this table's ids."""
    foods_with_values: int
    """Foods (of any table) this table gives at least one value for."""
    values: dict[str, int]
    """Values this table gives, per vitamer key, in :data:`FOOD_VITAMERS` order."""
    for_other_tables: int
    """Values it gives for other tables' foods."""
    links: int
    """Cited links from its foods to other tables' foods."""
    totals: dict[str, int]
    """Totals of several forms it gives (``"K2"``, ``"K"``), by kind: never vitamers."""
    sources: tuple[str, ...]
    """Citation keys of its foods and values."""


def table_summaries() -> tuple[TableSummary, ...]:
    """Every table's counts, read from the data (builds every food once).

    >>> [(t.namespace, t.foods > 0) for t in table_summaries()][:2]
    [('sr28', True), ('vk2', True)]
    """
    cat = catalogue()
    order = {v.key: i for i, v in enumerate(FOOD_VITAMERS)}
    names = [t.namespace for t in cat.tables]
    foods = dict.fromkeys(names, 0)
    other = dict.fromkeys(names, 0)
    links = dict.fromkeys(names, 0)
    with_values: dict[str, set[str]] = {ns: set() for ns in names}
    values: dict[str, dict[str, int]] = {ns: {} for ns in names}
    sources: dict[str, dict[str, None]] = {ns: {} for ns in names}
    totals: dict[str, dict[str, int]] = {ns: {} for ns in names}
    for fid in cat.ids:
        own = cat.owner[fid][0].namespace
        foods[own] += 1
        f = cat.food(fid)
        sources[own].update(dict.fromkeys(f.sources))
        for t in f.totals:
            totals[own][t.kind] = totals[own].get(t.kind, 0) + 1
            sources[own].update(dict.fromkeys(t.sources))
        for ns, m in values_by_table(cat, f):
            with_values[ns].add(fid)
            values[ns][m.vitamer.key] = values[ns].get(m.vitamer.key, 0) + 1
            other[ns] += ns != own
            sources[ns].update(dict.fromkeys(m.sources))
        links[own] += sum(1 for link in cat.links.get(fid, ()) if link.food == fid)
    return tuple(
        TableSummary(
            namespace=ns,
            foods=foods[ns],
            foods_with_values=len(with_values[ns]),
            values=dict(sorted(values[ns].items(), key=lambda kv: order.get(kv[0], 99))),
            for_other_tables=other[ns],
            links=links[ns],
            totals=totals[ns],
            sources=tuple(sources[ns]),
        )
        for ns in names
    )
