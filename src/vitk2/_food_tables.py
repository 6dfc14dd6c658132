"""The food-table seam: one reader per source, one record shape, ids namespaced by source.

A *food table* is a :class:`FoodTable`: a namespace (``"sr28"``, ``"vk2"``) and a reader that
turns the table's packaged data into :class:`FoodTableData` — one :class:`FoodListing` per food
(what search and lookup need, without building the food), a function that builds a food's
:class:`~vitk2.Food` record, and the values the table gives for *other* tables' foods (the
curated table adds natto's MK-7 to SR28's natto).

Tables are found, not listed: every module ``vitk2/_foodtable_<name>.py`` that defines
``TABLE`` is a table (read on first use, never at ``import vitk2``).  Adding a table is a reader
module, its data file under ``vitk2/data/`` and its sources entry — nothing else.  A table can
also be registered at run time with :func:`register_food_table` (tests use this for a table
defined in the test).

Ids: a table's foods have ids ``<namespace>:<local id>`` (``vk2:cheese-raclette``).  SR28 is
the one exception, for compatibility: its ids stay the bare 5-digit NDB numbers (``"11233"``),
and the namespaced form ``"sr28:11233"`` answers too.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple, final

import attrs

from vitk2._errors import Vitk2Error
from vitk2._food_names import fold_name
from vitk2._food_records import FOOD_VITAMERS, ContentMeasurement, Food, FoodContent
from vitk2._vitamers import Vitamer

__all__ = [
    "FoodLink",
    "FoodListing",
    "FoodTable",
    "FoodTableData",
    "catalogue",
    "discard_food_table",
    "food_tables",
    "register_food_table",
    "replace_food_table",
    "unregister_food_table",
]

_READER_PREFIX: Final = "_foodtable_"
_NAMESPACE: Final = re.compile(r"^[a-z][a-z0-9]*$")


class FoodListing(NamedTuple):
    """What a table says about one of its foods before the food is built.

    ``prepared`` marks prepared, branded or composite foods, which a search ranks after
    plain ones.  A named tuple, not an attrs class: a table lists thousands, on first use.
    """

    id: str
    description: str
    common_names: str | None = None
    prepared: bool = False


@final
@attrs.frozen(kw_only=True)
class FoodLink:
    """A table's cited statement that one of its foods is the same food as another table's.

    Cross-table views (:func:`vitk2.food_across_tables`) show the values of linked foods side
    by side.  Links are data, never guessed from names: ``sources`` are citation keys of the
    works that describe the two foods (so a reader can check the match), ``note`` says why
    they are the same food.
    """

    food: str
    """The id of this table's food."""
    same_as: str
    """The id of the other table's food."""
    sources: tuple[str, ...]
    note: str | None = None


@final
@attrs.frozen(kw_only=True)
class FoodTableData:
    """A table's data, read: its foods, how to build each, and its values for other foods.

    ``build(id)`` returns the food's record with this table's own values; ``measurements``
    maps food ids (of this or any other table) to further values this table gives for them,
    which are added after the food's own.  ``links`` say which of this table's foods are the
    same food as another table's (see :class:`FoodLink`).
    """

    listings: tuple[FoodListing, ...]
    build: Callable[[str], Food]
    measurements: Mapping[str, Sequence[ContentMeasurement]] = attrs.field(factory=dict)
    links: Sequence[FoodLink] = ()


@final
@attrs.frozen(kw_only=True)
class FoodTable:
    """A food table: its id namespace, its reader, and whether its ids are bare (SR28 only).

    ``read`` is called once, on first use of any food, and returns the table's
    :class:`FoodTableData`.
    """

    namespace: str = attrs.field()
    read: Callable[[], FoodTableData]
    bare_ids: bool = False
    """True for SR28: ids stay bare NDB numbers; ``"<namespace>:<id>"`` also resolves."""

    @namespace.validator
    def _check_namespace(self, _: object, value: object) -> None:
        if not isinstance(value, str) or not _NAMESPACE.match(value):
            msg = f"namespace={value!r} is not accepted; give lower-case letters and digits"
            raise Vitk2Error(msg)


class Catalogue:
    """Every table's foods merged: listings by id, foods built lazily, one name per food."""

    __slots__ = (
        "_lock", "derived", "extra", "extra_from", "foods", "ids", "links", "listings", "names",
        "owner", "tables",
    )

    def __init__(self, tables: Sequence[FoodTable]) -> None:
        self.tables = tuple(tables)
        self.listings: dict[str, FoodListing] = {}
        self.owner: dict[str, tuple[FoodTable, FoodTableData]] = {}
        read = [(t, t.read()) for t in self.tables]
        for table, data in read:
            for listing in data.listings:
                _check_id(table, listing.id)
                if listing.id in self.listings:
                    other = self.owner[listing.id][0].namespace
                    msg = (
                        f"food id {listing.id!r} of table {table.namespace!r} "
                        f"is taken by table {other!r}"
                    )
                    raise Vitk2Error(msg)
                self.listings[listing.id] = listing
                self.owner[listing.id] = (table, data)
        self.extra: dict[str, list[ContentMeasurement]] = {}
        self.extra_from: dict[str, list[tuple[str, ContentMeasurement]]] = {}
        """Per food id, the values other tables give for it, each with the giving table."""
        for table, data in read:
            for fid, ms in data.measurements.items():
                if fid not in self.listings:
                    msg = f"table {table.namespace!r} gives values for unknown food {fid!r}"
                    raise Vitk2Error(msg)
                self.extra.setdefault(fid, []).extend(ms)
                self.extra_from.setdefault(fid, []).extend((table.namespace, m) for m in ms)
        self.links: dict[str, list[FoodLink]] = {}
        """Per food id, the links that name it (on either side)."""
        for table, data in read:
            for link in data.links:
                _check_link(table, link, self)
                self.links.setdefault(link.food, []).append(link)
                self.links.setdefault(link.same_as, []).append(link)
        self.ids: tuple[str, ...] = tuple(sorted(self.listings))
        self.names: dict[str, str] = {}
        for fid in self.ids:
            name = fold_name(self.listings[fid].description)
            if name in self.names:
                msg = f"foods {self.names[name]} and {fid} share the description {name!r}"
                raise Vitk2Error(msg)
            self.names[name] = fid
        self.foods: dict[str, Food] = {}
        self.derived: dict[str, Any] = {}
        """Structures built from this catalogue (search index, bulk arrays), by name."""
        self._lock = threading.Lock()

    def resolve(self, text: str) -> str | None:
        """The id *text* names (``"11233"``, ``"sr28:11233"``, ``"vk2:…"``), or None."""
        if text in self.listings:
            return text
        namespace, sep, local = text.partition(":")
        if sep and local in self.listings:
            table = self.owner[local][0]
            if table.bare_ids and table.namespace == namespace.casefold():
                return local
        return None

    def food(self, fid: str) -> Food:
        """The food with id *fid* (an id of :attr:`ids`), built on first use."""
        found = self.foods.get(fid)
        if found is None:
            found = self.foods[fid] = self._build(fid)
        return found

    def _build(self, fid: str) -> Food:
        base = self.owner[fid][1].build(fid)
        extra = self.extra.get(fid)
        if not extra:
            return base
        by_vitamer: dict[Vitamer, list[ContentMeasurement]] = {
            c.vitamer: list(c.measurements) for c in base.contents
        }
        for m in extra:
            by_vitamer.setdefault(m.vitamer, []).append(m)
        return attrs.evolve(base, contents=contents_of(fid, by_vitamer))

    def derive(self, name: str, build: Callable[[Catalogue], Any]) -> Any:
        """A structure built once from this catalogue (dropped with it when tables change)."""
        found = self.derived.get(name)
        if found is None:
            with self._lock:
                found = self.derived.get(name)
                if found is None:
                    found = self.derived[name] = build(self)
        return found


def contents_of(
    fid: str, by_vitamer: Mapping[Vitamer, Iterable[ContentMeasurement]]
) -> tuple[FoodContent, ...]:
    """One :class:`FoodContent` per vitamer, in :data:`FOOD_VITAMERS` order (others last)."""
    order = {v: i for i, v in enumerate(FOOD_VITAMERS)}
    return tuple(
        FoodContent(food_id=fid, vitamer=v, measurements=tuple(ms))
        for v, ms in sorted(by_vitamer.items(), key=lambda kv: order.get(kv[0], 99))
    )


def _check_link(table: FoodTable, link: object, cat: Catalogue) -> None:
    if not isinstance(link, FoodLink):
        msg = f"table {table.namespace!r}: link {link!r} is not a FoodLink"
        raise Vitk2Error(msg)
    for fid in (link.food, link.same_as):
        if fid not in cat.listings:
            msg = f"table {table.namespace!r} links unknown food {fid!r}"
            raise Vitk2Error(msg)
    if cat.owner[link.food][0] is not table:
        msg = f"table {table.namespace!r} links {link.food!r}, a food of another table"
        raise Vitk2Error(msg)
    if cat.owner[link.same_as][0] is table:
        msg = (
            f"table {table.namespace!r} links {link.food!r} to {link.same_as!r} of the same "
            "table; a link joins foods of two tables"
        )
        raise Vitk2Error(msg)
    if not link.sources:
        msg = f"table {table.namespace!r}: the link {link.food!r} = {link.same_as!r} cites nothing"
        raise Vitk2Error(msg)


def _check_id(table: FoodTable, fid: object) -> None:
    if not isinstance(fid, str) or not fid or fid != fid.strip():
        msg = f"table {table.namespace!r}: food id {fid!r} is not a non-empty string"
        raise Vitk2Error(msg)
    if table.bare_ids:
        if ":" in fid:
            msg = f"table {table.namespace!r} has bare ids; {fid!r} must not hold a ':'"
            raise Vitk2Error(msg)
    elif not fid.startswith(f"{table.namespace}:") or fid == f"{table.namespace}:":
        msg = f"table {table.namespace!r}: food id {fid!r} must be '{table.namespace}:<name>'"
        raise Vitk2Error(msg)


_lock: Final = threading.RLock()
_extra_tables: list[FoodTable] = []
_state: dict[str, Any] = {}


def _packaged_tables() -> tuple[FoodTable, ...]:
    """Every ``vitk2._foodtable_*`` module's ``TABLE``, by namespace."""
    found = _state.get("packaged")
    if found is None:
        package = importlib.import_module("vitk2")
        tables = []
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith(_READER_PREFIX):
                module = importlib.import_module(f"vitk2.{info.name}")
                table = module.TABLE
                if not isinstance(table, FoodTable):
                    msg = f"vitk2.{info.name}.TABLE is not a FoodTable"
                    raise Vitk2Error(msg)
                tables.append(table)
        found = _state["packaged"] = tuple(sorted(tables, key=lambda t: t.namespace))
    return found


def food_tables() -> tuple[FoodTable, ...]:
    """The tables vitk2 reads: the packaged ones (by namespace), then those registered."""
    with _lock:
        return (*_packaged_tables(), *_extra_tables)


def register_food_table(table: FoodTable) -> None:
    """Add a food table; its foods are found by :func:`~vitk2.food`, search and diaries.

    The table is read now, with every other table: if its data does not fit (an id taken,
    a description another food has, values for an unknown food) this raises and nothing
    is registered.
    """
    if not isinstance(table, FoodTable):
        msg = f"{table!r} is not a FoodTable"
        raise Vitk2Error(msg)
    with _lock:
        tables = food_tables()
        if any(t.namespace == table.namespace for t in tables):
            msg = f"a food table with namespace {table.namespace!r} is already registered"
            raise Vitk2Error(msg)
        merged = Catalogue((*tables, table))
        _extra_tables.append(table)
        _state["catalogue"] = merged


def replace_food_table(table: FoodTable) -> tuple[str, ...]:
    """Register *table* in place of the registered table of its namespace, if there is one.

    For a table read from the user's file (NEVO, Frida): loading it again replaces it.  If the
    new table does not fit, this raises and the table registered before stays registered.
    Returns the ids of the table's foods.
    """
    with _lock:
        previous = [t for t in _extra_tables if t.namespace == table.namespace]
        if previous:
            unregister_food_table(table.namespace)
        try:
            register_food_table(table)
        except Vitk2Error:
            if previous:
                register_food_table(previous[0])
            raise
    return tuple(x.id for x in table.read().listings)


def discard_food_table(namespace: str) -> None:
    """Remove the registered table of *namespace*; nothing happens if there is none."""
    with _lock:
        if any(t.namespace == namespace for t in _extra_tables):
            unregister_food_table(namespace)


def unregister_food_table(namespace: str) -> None:
    """Remove a table added with :func:`register_food_table` (packaged tables stay)."""
    with _lock:
        kept = [t for t in _extra_tables if t.namespace != namespace]
        if len(kept) == len(_extra_tables):
            msg = f"no registered food table has namespace {namespace!r}"
            raise Vitk2Error(msg)
        _extra_tables[:] = kept
        _state.pop("catalogue", None)


def catalogue() -> Catalogue:
    """Every table's foods, read on first use (and again after the tables change)."""
    found = _state.get("catalogue")
    if found is None:
        with _lock:
            found = _state.get("catalogue")
            if found is None:
                found = Catalogue(food_tables())
                _state["catalogue"] = found
    return found
