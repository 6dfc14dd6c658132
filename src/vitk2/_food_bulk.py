"""The bulk food path: totals for many (food, grams) entries at once, vectorised with NumPy.

Floats, not Fractions: this is the path for cohorts; :class:`~vitk2.Diary` sums exactly.
NumPy is imported on first use (``pip install 'vitk2[numpy]'``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, final

import attrs

from vitk2._errors import FoodInputError, InvalidAmountError, UnknownFoodError, Vitk2Error
from vitk2._food_records import FOOD_VITAMERS
from vitk2._food_tables import Catalogue, catalogue
from vitk2._vitamers import Vitamer, vitamer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["BulkTotals", "bulk_totals"]


def _numpy() -> Any:
    try:
        import numpy  # noqa: PLC0415 - optional dependency, imported on first bulk use
    except ImportError:  # pragma: no cover - exercised only without numpy
        msg = "the bulk food path needs NumPy: pip install 'vitk2[numpy]'"
        raise Vitk2Error(msg) from None
    return numpy


class _BulkTable:
    """Food ids and per-100 g values as NumPy arrays (NaN = unknown), built on first use."""

    __slots__ = ("bare_prefixes", "filled", "ids", "known_vitamers", "ndb", "ndb_rows", "unknown")

    def __init__(self, cat: Catalogue) -> None:
        np = _numpy()
        self.ids = np.array(cat.ids)
        # "sr28:11233" names the bare id "11233"
        self.bare_prefixes = tuple(f"{t.namespace}:" for t in cat.tables if t.bare_ids)
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


def _bulk_table() -> _BulkTable:
    return catalogue().derive("bulk", _BulkTable)  # type: ignore[no-any-return]


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
    >>> from vitk2 import K1, MK4
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


def _without_bare_prefixes(np: Any, table: _BulkTable, ids: Any) -> Any:
    """The ids with a bare table's namespace (``"sr28:"``) taken off, or None if none has one."""
    for prefix in table.bare_prefixes:
        named = np.char.startswith(ids, prefix)
        if named.any():
            cut = len(prefix)
            return np.array(
                [s[cut:] if n else s for s, n in zip(ids.tolist(), named.tolist(), strict=True)]
            )
    return None


def _rows_of(
    np: Any, table: _BulkTable, ids: Any, shown: Any = None, *, prefixed: bool = True
) -> Any:
    """Map food ids (strings, or integer NDB numbers) to table rows; refuse unknown ids."""
    if ids.dtype.kind in "iu":
        keys, lookup = table.ndb, ids
    elif ids.dtype.kind in "UOS":
        lookup = ids if ids.dtype.kind == "U" else ids.astype(str)
        numeric = _ndb_numbers(np, lookup)
        if numeric is not None:
            # all ids are 5-digit NDB numbers: integer search, several times faster
            return _rows_of(np, table, numeric, shown=lookup if shown is None else shown)
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
        # only now look for namespaced SR28 ids ("sr28:11233"), so plain ids pay nothing
        bare = _without_bare_prefixes(np, table, lookup) if prefixed and keys is table.ids else None
        if bare is not None:
            return _rows_of(np, table, bare, shown=lookup, prefixed=False)
        i = _first_bad(bad)
        msg = (
            f"food_ids[{i}] = {(lookup if shown is None else shown)[i].item()!r} is not a "
            "food vitk2 knows; "
            "give SR28 NDB numbers ('11233', 'sr28:11233' or 11233) or namespaced ids ('vk2:…')"
        )
        raise UnknownFoodError(msg)
    if ids.dtype.kind in "iu":
        return table.ndb_rows[pos]
    return pos
