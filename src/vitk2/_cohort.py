"""Cohort totals: food records in a pandas, Polars or Dask DataFrame, totalled per group.

One row per (group, vitamer) comes out, vitamers in :data:`COHORT_ROWS` order.  Exact where it
can be: every entry's mass of a vitamer is an integer number of **picograms** (1 pg = 10⁻⁶ µg),
computed with integers from the food's exact content and the portion's grams in whole
milligrams; sums are integer sums, so a partition-wise total (Dask) equals the one-machine
total bit for bit.  When an entry's portion is not a whole number of milligrams (``"1 oz"`` is
28 349.523125 mg) or its picograms are not whole, that entry is rounded to the nearest
picogram and the group's ``exact`` is False.

The work is vectorised: each distinct food, amount text and (food, household measure) pair is
resolved once, then NumPy does the rest.  pandas, Polars and Dask are imported on first use.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, Literal, NamedTuple

from vitk2._errors import CohortInputError, FoodInputError, Vitk2Error
from vitk2._food_lookup import food
from vitk2._food_records import Food
from vitk2._food_tables import catalogue
from vitk2._intakes import ReferenceIntake
from vitk2._optional import require
from vitk2._portions import portion_grams
from vitk2._vitamers import DIHYDRO_K1, K1, Vitamer, menaquinone

__all__ = ["COHORT_ROWS", "COHORT_VITAMERS", "BadRow", "bad_records", "cohort_totals"]

COHORT_VITAMERS: Final[tuple[Vitamer, ...]] = (
    K1,
    DIHYDRO_K1,
    *(menaquinone(n) for n in range(4, 14)),
)
"""The vitamers a cohort total has a row for: K1, dihydro-K1, MK-4 … MK-13."""

TOTAL_K2: Final = "total K2"
TOTAL_K: Final = "total K"
COHORT_ROWS: Final[tuple[str, ...]] = (*(v.key for v in COHORT_VITAMERS), TOTAL_K2, TOTAL_K)
"""The ``vitamer`` column's values, in order: each vitamer, then the sum of the menaquinones
(``"total K2"``) and of every vitamer (``"total K"``)."""

_N: Final = len(COHORT_VITAMERS)
_K2: Final = tuple(j for j, v in enumerate(COHORT_VITAMERS) if v.key.startswith("MK-"))
_PG_PER_UG: Final = 1_000_000
_EXACT_FLOAT: Final = 2**53
_CHUNK: Final = 2**24
_SHOWN_BAD_ROWS: Final = 10
_MAX_PORTION_GRAMS: Final = 1_000_000
"""The largest portion a cohort total takes, in grams (a tonne): larger is a bad row."""


class BadRow(NamedTuple):
    """One input row cohort totals could not use: its index label, the column and why."""

    row: Hashable
    """The row's index label (its position for a Polars frame)."""
    column: str
    value: object
    reason: str


# -- per food: its content in picograms per milligram, as exact integer fractions -------------


def _food_contents(f: Food) -> tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]]:
    """Numerators, denominators (pg per mg of food) and known flags, per cohort vitamer."""
    cache: dict[int, Any] = catalogue().derive("cohort", lambda _: {})
    hit = cache.get(id(f))
    if hit is not None and hit[0] is f:
        return hit[1]  # type: ignore[no-any-return]
    by_vitamer = {c.vitamer: c.micrograms_per_100g for c in f.contents}
    nums, dens, known = [], [], []
    for v in COHORT_VITAMERS:
        ug = by_vitamer.get(v)
        # µg per 100 g = 10 pg per mg
        q = Fraction(0) if ug is None else ug * 10
        nums.append(q.numerator)
        dens.append(q.denominator)
        known.append(ug is not None)
    out = (tuple(nums), tuple(dens), tuple(known))
    cache[id(f)] = (f, out)
    return out


# -- reading the three columns ---------------------------------------------------------------


class _Rows:
    """The input columns as NumPy arrays, and the bad rows found while reading them."""

    def __init__(self, index: Any, n: int) -> None:
        self.index = index
        self.n = n
        self.bad: list[tuple[int, str, object, str]] = []

    def flag(
        self, np: Any, mask: Any, column: str, values: Any, reason: str | Callable[[int], str]
    ) -> None:
        """Record the rows where *mask* is True, with a reason (or a reason per position)."""
        for i in np.flatnonzero(mask).tolist():
            why = reason if isinstance(reason, str) else reason(i)
            self.bad.append((i, column, _at(values, i), why))

    def report(self) -> tuple[BadRow, ...]:
        """The bad rows, in row order."""
        self.bad.sort(key=lambda b: b[0])
        return tuple(
            BadRow(row=_label(self.index, i), column=c, value=_plain(v), reason=r)
            for i, c, v, r in self.bad
        )

    def raise_if_bad(self) -> None:
        if not self.bad:
            return
        rows = self.report()
        shown = "; ".join(
            f"row {b.row!r} ({b.column}={b.value!r}): {b.reason}" for b in rows[:_SHOWN_BAD_ROWS]
        )
        more = f"; and {len(rows) - _SHOWN_BAD_ROWS} more" if len(rows) > _SHOWN_BAD_ROWS else ""
        msg = (
            f"{len(rows)} food record(s) cannot be totalled, none was dropped: {shown}{more}. "
            "The error's bad_rows lists them all"
        )
        raise CohortInputError(msg, bad_rows=rows)


def _at(values: Any, i: int) -> Any:
    """The value at position *i* of an array or a pandas Series (never by label)."""
    return values.iloc[i] if hasattr(values, "iloc") else values[i]


def _label(index: Any, i: int) -> Hashable:
    return _plain(index[i]) if index is not None else i


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python value it holds (3, not np.int64(3)); a missing value None."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        value = item()
    if (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType":
        return None
    return value


def _missing(pd: Any, values: Any) -> Any:
    return pd.isna(values)


def _food_codes(
    np: Any, pd: Any, rows: _Rows, foods: Any, column: str
) -> tuple[Any, list[Food | None]]:
    """Each row's index into the distinct foods, resolved once each (-1 for a bad row)."""
    codes, uniques = pd.factorize(foods, use_na_sentinel=True)
    resolved: list[Food | None] = []
    bad_codes = []
    reasons: dict[int, str] = {}
    for u, key in enumerate(uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)):
        f = None
        if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
            try:
                f = food(key)
            except Vitk2Error as exc:
                reasons[u] = str(exc)
        else:
            reasons[u] = (
                f"{key!r} is not a food id or description; give a food id ('11233', "
                "'vk2:…'), an NDB number (11233) or an exact description ('Kale, raw')"
            )
        if f is None:
            bad_codes.append(u)
        resolved.append(f)
    codes = np.asarray(codes, dtype=np.intp)
    rows.flag(np, codes < 0, column, foods, "no food given (missing value)")
    if bad_codes:
        mask = np.isin(codes, bad_codes)
        rows.flag(np, mask, column, foods, lambda i: reasons[int(codes[i])])
        codes = np.where(mask, -1, codes)
    return codes, resolved


def _portion_arrays(np: Any, grams: Sequence[Fraction | None]) -> tuple[Any, Any, Any]:
    """Whole milligrams (int64), whether that is exact (bool) and grams (float) of portions."""
    mg = np.zeros(len(grams), dtype=np.int64)
    exact = np.ones(len(grams), dtype=bool)
    as_float = np.zeros(len(grams), dtype=np.float64)
    for i, g in enumerate(grams):
        if g is not None:
            x = g * 1000
            mg[i], exact[i], as_float[i] = round(x), x.denominator == 1, float(g)
    return mg, exact, as_float


def _amounts(
    np: Any,
    pd: Any,
    rows: _Rows,
    amounts: Any,
    *,
    column: str,
    fcodes: Any,
    foods: list[Food | None],
) -> tuple[Any, Any, Any]:
    """Each row's portion: whole milligrams (int64), whether exact (bool), grams (float)."""
    a = amounts
    dtype = getattr(a, "dtype", None)
    if dtype is not None and dtype.kind in "iuf":
        g = a.to_numpy(dtype=np.float64, na_value=np.nan) if hasattr(a, "iloc") else a.astype(float)
        bad = ~np.isfinite(g) | (g < 0)
        rows.flag(np, bad, column, a, lambda i: _bad_grams(_at(a, i)))
        huge = ~bad & (g > _MAX_PORTION_GRAMS)
        rows.flag(np, huge, column, a, lambda i: _too_large(_at(a, i)))
        bad |= huge
        g = np.where(bad, 0.0, g)
        x = g * 1000
        mg = np.rint(x)
        # a float such as 30.1 is read as the decimal it prints as: 30 100 mg, exactly
        exact = np.abs(x - mg) <= 8 * np.finfo(np.float64).eps * x
        return mg.astype(np.int64), exact, g
    codes, uniques = pd.factorize(a, use_na_sentinel=True)
    uniq = list(uniques)
    grams: list[Fraction | None] = []
    reasons: dict[int, str] = {}
    for u, value in enumerate(uniq):
        try:
            grams.append(_grams_alone(_plain(value)))
        except Vitk2Error as exc:
            reasons[u] = str(exc)
            grams.append(Fraction(0))
    codes = np.asarray(codes, dtype=np.intp)
    rows.flag(np, codes < 0, column, a, "no amount given (missing value)")
    if reasons:
        bad = np.isin(codes, list(reasons))
        rows.flag(np, bad, column, a, lambda i: reasons[int(codes[i])])
        codes = np.where(bad, -1, codes)
    mg, exact, as_float = (x[np.maximum(codes, 0)] for x in _portion_arrays(np, grams))
    per_food = [u for u, g in enumerate(grams) if g is None]
    if per_food:
        # a household measure ("1 cup") weighs what the food's own measure weighs: one look-up
        # per distinct (food, text) pair
        measured = np.flatnonzero(np.isin(codes, per_food) & (fcodes >= 0))
        pcodes, pairs = pd.factorize(
            fcodes[measured].astype(np.int64) * len(uniq) + codes[measured]
        )
        pair_grams: list[Fraction | None] = []
        for p, key in enumerate(pairs.tolist()):
            try:
                f = foods[key // len(uniq)]
                assert f is not None  # only rows with a known food are measured
                text = uniq[key % len(uniq)]
                pair_grams.append(_within_limit(portion_grams(f, text), text))
            except Vitk2Error as exc:
                pair_grams.append(None)
                rows.bad.extend(
                    (i, column, _at(a, i), str(exc)) for i in measured[pcodes == p].tolist()
                )
        for into, values in zip(
            (mg, exact, as_float), _portion_arrays(np, pair_grams), strict=True
        ):
            into[measured] = values[pcodes]
    return mg, exact, as_float


def _bad_grams(value: Any) -> str:
    return f"{_plain(value)!r} is not a weight in grams; give a finite number, 0 or more"


def _too_large(value: Any) -> str:
    return (
        f"{_plain(value)!r} is more than a tonne ({_MAX_PORTION_GRAMS:,} g), the largest "
        "portion cohort totals add exactly; check the amount and its unit"
    )


def _within_limit(grams: Fraction, value: object) -> Fraction:
    """*grams*, or a FoodInputError when the portion is over :data:`_MAX_PORTION_GRAMS`."""
    if grams > _MAX_PORTION_GRAMS:
        raise FoodInputError(_too_large(value))
    return grams


def _grams_alone(value: object) -> Fraction | None:
    """Grams a value names whatever the food (a number, "30 g", "2 oz"); None for "1 cup"."""
    from vitk2._portions import read_portion_cached  # noqa: PLC0415 - the cached portion reader

    if isinstance(value, bool) or not isinstance(value, int | float | str):
        msg = f"{value!r} is not an amount; give grams (30.5), or text ('30 g', '1 cup')"
        raise FoodInputError(msg)
    if not isinstance(value, str):
        if not math.isfinite(value) or value < 0:
            raise FoodInputError(_bad_grams(value))
        grams = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        return _within_limit(grams, value)
    read = read_portion_cached(value)
    if read is None:
        msg = f"{value!r} is not a portion; give grams ('30 g'), ounces ('3 oz') or '1 cup'"
        raise FoodInputError(msg)
    return None if read[1] is None else _within_limit(read[1], value)


# -- the sums: one row per group, integer columns that add up across partitions ----------------

SUM_COLUMNS: Final[tuple[str, ...]] = (
    "entries",
    "mg",
    *(f"pg_{j}" for j in range(_N)),
    *(f"inexact_{j}" for j in range(_N)),
    *(f"unknown_{j}" for j in range(_N + 2)),
    *(f"known_mg_{j}" for j in range(_N + 2)),
)
"""The partial sums per group (all int64): what a Dask partition hands on to be added up."""


def _int_sums(np: Any, groups: Any, weights: Any, k: int) -> Any:
    """Exact integer sums of int64 *weights* per group (bincount in float, split if large)."""
    if len(weights) == 0:
        return np.zeros(k, dtype=np.int64)
    if len(weights) > _CHUNK:  # keeps every partial float sum below 2**53
        out = np.zeros(k, dtype=np.int64)
        for i in range(0, len(weights), _CHUNK):
            out += _int_sums(np, groups[i : i + _CHUNK], weights[i : i + _CHUNK], k)
        return out
    top = int(weights.max())
    if top * len(weights) < _EXACT_FLOAT:
        return np.rint(np.bincount(groups, weights=weights, minlength=k)).astype(np.int64)
    low_bits = 26
    if (top >> low_bits) * len(weights) >= _EXACT_FLOAT:
        msg = "cohort totals too large to add exactly in 64-bit integers; split the cohort"
        raise FoodInputError(msg)
    lo = np.rint(np.bincount(groups, weights=weights & ((1 << low_bits) - 1), minlength=k))
    hi = np.rint(np.bincount(groups, weights=weights >> low_bits, minlength=k))
    return (hi.astype(np.int64) << low_bits) + lo.astype(np.int64)


def _sums(
    np: Any,
    gcodes: Any,
    k: int,
    *,
    fcodes: Any,
    foods: list[Food | None],
    portions: tuple[Any, Any, Any],
) -> dict[str, Any]:
    """The :data:`SUM_COLUMNS` for rows already read (every row good)."""
    mg, exact, grams = portions
    nf = max(len(foods), 1)
    num = np.zeros((nf, _N), dtype=np.int64)
    den = np.ones((nf, _N), dtype=np.int64)
    known = np.zeros((nf, _N), dtype=bool)
    for i, f in enumerate(foods):
        if f is not None:  # a bad food's rows were raised before: none of them is here
            num[i], den[i], known[i] = _food_contents(f)
    # foods that are known for the same vitamers share a pattern; counts per (group, pattern)
    # give every unknown count and known mass with one bincount each
    patterns, pat_of_food = np.unique(known, axis=0, return_inverse=True)
    pat_of_food = pat_of_food.reshape(-1)
    npat = len(patterns)
    row_pat = pat_of_food[fcodes]
    cell = gcodes.astype(np.int64) * npat + row_pat
    counts = np.bincount(cell, minlength=k * npat).reshape(k, npat).astype(np.int64)
    mass = _int_sums(np, cell, mg, k * npat).reshape(k, npat)
    known_cols = np.concatenate(
        [
            patterns,
            patterns[:, list(_K2)].all(axis=1, keepdims=True),
            patterns.all(axis=1, keepdims=True),
        ],
        axis=1,
    ).astype(np.int64)
    out: dict[str, Any] = {"entries": counts.sum(axis=1), "mg": mass.sum(axis=1)}
    unknown = counts @ (1 - known_cols)
    known_mg = mass @ known_cols
    inexact_mg = ~exact
    any_inexact_mg = bool(inexact_mg.any())
    zeros = np.zeros(k, dtype=np.int64)
    for j in range(_N):
        out[f"unknown_{j}"] = unknown[:, j]
        out[f"known_mg_{j}"] = known_mg[:, j]
        if not num[:, j].any():  # unknown (or zero) in every food here
            out[f"pg_{j}"] = out[f"inexact_{j}"] = zeros
            continue
        n, d = num[:, j][fcodes], den[:, j][fcodes]
        pg, inexact = _picograms(
            np, mg, n, d, rough=(~exact & (n != 0)) if any_inexact_mg else None, grams=grams
        )
        out[f"pg_{j}"] = _int_sums(np, gcodes, pg, k)
        out[f"inexact_{j}"] = (
            np.bincount(gcodes[inexact], minlength=k).astype(np.int64)
            if inexact is not None and inexact.any()
            else np.zeros(k, dtype=np.int64)
        )
    for j in (_N, _N + 1):
        out[f"unknown_{j}"] = unknown[:, j]
        out[f"known_mg_{j}"] = known_mg[:, j]
    return out


def _picograms(np: Any, mg: Any, n: Any, d: Any, *, rough: Any, grams: Any) -> tuple[Any, Any]:
    """Each entry's picograms, ``mg × n / d`` rounded half to even, and which were rounded.

    *rough* marks entries whose portion is not a whole number of milligrams (None: none is);
    those are computed from their grams in floating point and rounded to the picogram.
    """
    if len(mg) and int(mg.max()) * int(n.max()) >= 2**62:
        msg = (
            "a portion's content is too large to total exactly in 64-bit integers; "
            "check the food's contents"
        )
        raise FoodInputError(msg)
    pg = mg * n
    inexact = rough
    if not (d == 1).all():
        q, r = np.divmod(pg, d)
        # round half to even, as Python's round() does
        pg = q + ((2 * r > d) | ((2 * r == d) & (q % 2 == 1)))
        inexact = r != 0 if rough is None else (r != 0) | rough
    if rough is not None and rough.any():
        pg[rough] = np.rint(grams[rough] * 1000.0 * n[rough] / d[rough]).astype(np.int64)
    return pg, inexact


class _Counting(NamedTuple):
    """How a reference counts each cohort vitamer: µg counted per µg (0: not counted)."""

    factors: tuple[float, ...]
    counted: tuple[bool, ...]
    micrograms_per_day: float
    text: str


def _counting(reference: object, by: object) -> _Counting:
    """The reference's counting, checked: its basis (``by="basis"``) or every form by mass."""
    if not isinstance(reference, ReferenceIntake) or reference.value is None:
        msg = (
            f"reference={reference!r} is not accepted; give a reference intake with a daily "
            "value, such as reference_intake('IOM', age_years=50, sex='male')"
        )
        raise FoodInputError(msg)
    if by not in ("basis", "mass"):
        msg = (
            f"counting={by!r} is not accepted; give counting='basis' (what the reference "
            "counts) or counting='mass'"
        )
        raise FoodInputError(msg)
    basis = reference.basis
    value = reference.value.micrograms_per_day
    who = f"{reference.authority.key} {reference.edition} {reference.kind} ({value} µg/day)"
    if by == "mass" or basis is None or not basis.known:
        why = "" if by == "mass" else f" ({reference.authority.key} does not say what it counts)"
        return _Counting(
            factors=(1.0,) * _N,
            counted=(True,) * _N,
            micrograms_per_day=float(value),
            text=f"percent of the {who}, by mass of every form{why}",
        )
    factors = tuple(basis.factor(v) for v in COHORT_VITAMERS)
    return _Counting(
        factors=tuple(0.0 if f is None else float(f) for f in factors),
        counted=tuple(f is not None for f in factors),
        micrograms_per_day=float(value),
        text=f"percent of the {who}, counting {basis.counted_text()}",
    )


def _percent_columns(
    np: Any, counting: _Counting, pg: Any, unknown: Any, none_known: Any
) -> dict[str, Any]:
    """Each row's part of the reference, as it counts it; totals add their vitamers' parts.

    A vitamer the reference does not count is 0; a counted one unknown for every entry is
    NaN on its own row; a counted one unknown for some entries makes the percent a lower bound.
    """
    factors = np.array(counting.factors)
    counted = np.array(counting.counted)
    part = np.where(none_known[:, :_N], 0.0, pg[:, :_N] * factors) * (
        100.0 / (counting.micrograms_per_day * _PG_PER_UG)
    )
    unknown_counted = (unknown[:, :_N] > 0) & counted
    k2 = list(_K2)
    # as percent_of_reference() counts a diary: a total counts what is known, and is a lower
    # bound where a counted vitamer is unknown for some entries
    percent = np.column_stack(
        [
            np.where(none_known[:, :_N] & counted, np.nan, part),
            part[:, k2].sum(axis=1),
            part.sum(axis=1),
        ]
    )
    lower = np.column_stack(
        [unknown_counted, unknown_counted[:, k2].any(axis=1), unknown_counted.any(axis=1)]
    )
    return {"percent_of_reference": percent.ravel(), "percent_is_lower_bound": lower.ravel()}


# -- from sums to the tidy frame ---------------------------------------------------------------


def _tidy(np: Any, pd: Any, sums: Mapping[str, Any], counting: _Counting | None) -> dict[str, Any]:
    """The tidy columns (all but the keys), one row per (group, vitamer), group-major."""
    entries = np.asarray(sums["entries"], dtype=np.int64)
    k = len(entries)
    rows = len(COHORT_ROWS)
    pg = np.empty((k, rows), dtype=np.int64)
    unknown = np.empty((k, rows), dtype=np.int64)
    known_mg = np.empty((k, rows), dtype=np.int64)
    inexact = np.empty((k, rows), dtype=np.int64)
    for j in range(_N):
        pg[:, j] = sums[f"pg_{j}"]
        inexact[:, j] = sums[f"inexact_{j}"]
    pg[:, _N] = pg[:, list(_K2)].sum(axis=1)
    pg[:, _N + 1] = pg[:, :_N].sum(axis=1)
    inexact[:, _N] = inexact[:, list(_K2)].sum(axis=1)
    inexact[:, _N + 1] = inexact[:, :_N].sum(axis=1)
    for j in range(rows):
        unknown[:, j] = sums[f"unknown_{j}"]
        known_mg[:, j] = sums[f"known_mg_{j}"]
    n = entries[:, None]
    none_known = (unknown == n) & (n > 0)
    # a total is unknown only when none of its vitamers is known for any entry; an entry with
    # some of them unknown makes it a lower bound
    none_known[:, _N] = none_known[:, list(_K2)].all(axis=1)
    none_known[:, _N + 1] = none_known[:, :_N].all(axis=1)
    mg = np.asarray(sums["mg"], dtype=np.float64)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(mg > 0, known_mg / np.where(mg > 0, mg, 1.0), np.nan)
    micrograms = np.where(none_known, np.nan, pg / _PG_PER_UG)
    out: dict[str, Any] = {
        "vitamer": pd.Categorical.from_codes(
            np.tile(np.arange(rows, dtype=np.int8), k),
            categories=list(COHORT_ROWS),
            ordered=True,
        ),
        "micrograms": micrograms.ravel(),
        "picograms": pd.arrays.IntegerArray(pg.ravel(), none_known.ravel()),
        "exact": pd.arrays.BooleanArray((inexact == 0).ravel(), none_known.ravel()),
        "lower_bound": ((unknown > 0) & ~none_known).ravel(),
        "unknown_entries": unknown.ravel(),
        "entries": np.repeat(entries, rows),
        "known_mass_share": share.ravel(),
    }
    if counting is not None:
        out.update(_percent_columns(np, counting, pg, unknown, none_known))
    return out


# -- the public function -----------------------------------------------------------------------


def _check_names(food: object, amount: object) -> None:
    for name, value in (("food", food), ("amount", amount)):
        if not isinstance(value, str):
            msg = f"{name}={value!r} is not accepted; give the name of the {name} column"
            raise FoodInputError(msg)


def _keys_of(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    keys = [by] if isinstance(by, str) else list(by)
    if not all(isinstance(c, str) for c in keys):
        msg = f"by={by!r} is not accepted; give a column name or a list of column names"
        raise FoodInputError(msg)
    return keys


def _check_columns(columns: Sequence[Any], needed: Sequence[str]) -> None:
    missing = [c for c in needed if c not in columns]
    if missing:
        have = ", ".join(repr(c) for c in columns)
        msg = f"the frame has no column {missing[0]!r}; its columns are {have}"
        raise FoodInputError(msg)


def _group_codes(
    np: Any, pd: Any, rows: _Rows, keys: Sequence[Any], names: Sequence[str]
) -> tuple[Any, Any, int]:
    """Group codes in key order, the first row of each group, the number of groups."""
    combined = np.zeros(rows.n, dtype=np.int64)
    for values, name in zip(keys, names, strict=True):
        null = np.asarray(_missing(pd, values), dtype=bool)
        if null.any():
            rows.flag(np, null, name, values, f"no value for the group key {name!r}")
        try:
            codes, uniques = pd.factorize(values, sort=True)
        except TypeError:  # keys of mixed types that do not order: first-seen order
            codes, uniques = pd.factorize(values, sort=False)
        if len(names) == 1:  # one key: its codes are the groups, in key order
            codes = np.asarray(codes, dtype=np.intp)
            return codes, _first_rows(np, pd, codes, len(uniques)), len(uniques)
        width = max(len(uniques), 1)
        if combined.max(initial=0) >= (2**62) // width:
            combined, _ = pd.factorize(combined, sort=True)
        combined = combined * width + np.maximum(codes, 0)
    if not names:
        return (
            np.zeros(rows.n, dtype=np.intp),
            np.zeros(min(rows.n, 1), dtype=np.intp),
            min(rows.n, 1),
        )
    gcodes, uniq = pd.factorize(combined, sort=True)
    gcodes = np.asarray(gcodes, dtype=np.intp)
    return gcodes, _first_rows(np, pd, gcodes, len(uniq)), len(uniq)


def _first_rows(np: Any, pd: Any, gcodes: Any, k: int) -> Any:
    """The position of each group's first row (its key values are read there)."""
    # a row with a missing key has code -1: it starts no group (and every key may be missing)
    first_pos = np.flatnonzero(~pd.Series(gcodes).duplicated().to_numpy() & (gcodes >= 0))
    first = np.empty(k, dtype=np.intp)
    first[gcodes[first_pos]] = first_pos
    return first


def _columns_sums(
    np: Any,
    pd: Any,
    index: Any,
    n: int,
    *,
    keys: Sequence[Any],
    names: Sequence[str],
    foods: Any,
    amounts: Any,
    food_col: str,
    amount_col: str,
    report: list[BadRow] | None = None,
) -> tuple[dict[str, Any], Any]:
    """The sums per group and each group's first row; bad rows raise, or go into *report*."""
    rows = _Rows(index, n)
    gcodes, first, k = _group_codes(np, pd, rows, keys, names)
    fcodes, resolved = _food_codes(np, pd, rows, foods, food_col)
    portions = _amounts(np, pd, rows, amounts, column=amount_col, fcodes=fcodes, foods=resolved)
    if report is not None:
        report.extend(rows.report())
        return {}, first
    rows.raise_if_bad()
    return _sums(
        np, gcodes, k, fcodes=np.maximum(fcodes, 0), foods=resolved, portions=portions
    ), first


def _pandas_sums(
    frame: Any,
    keys: list[str],
    food_col: str,
    amount_col: str,
    report: list[BadRow] | None = None,
) -> Any:
    """One row per group of *frame* (pandas): the key columns and the :data:`SUM_COLUMNS`.

    With *report*, the bad rows go into it instead, and nothing is summed (None).
    """
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    named = [*frame.columns, frame.index.name] if frame.index.name in keys else frame.columns
    _check_columns(list(named), [*keys, food_col, amount_col])
    key_columns = [_key_column(pd, frame, c) for c in keys]
    sums, first = _columns_sums(
        np,
        pd,
        frame.index,
        len(frame),
        keys=key_columns,
        names=keys,
        foods=frame[food_col],
        amounts=frame[amount_col],
        food_col=food_col,
        amount_col=amount_col,
        report=report,
    )
    if report is not None:
        return None
    return _with_keys(pd, [c.iloc[first] for c in key_columns], {c: sums[c] for c in SUM_COLUMNS})


def _key_column(pd: Any, frame: Any, name: str) -> Any:
    """A key column of a pandas frame, or its index when the index has that name."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(frame.index.array, name=name, copy=False)


def _with_keys(pd: Any, keys: Sequence[Any], columns: Mapping[str, Any]) -> Any:
    """The key columns (pandas Series) and the *columns*, side by side, without copies."""
    body = pd.DataFrame(columns, copy=False)
    if not keys:
        return body
    return pd.concat([*(k.reset_index(drop=True) for k in keys), body], axis=1)


def _pandas_tidy(sums_frame: Any, keys: list[str], counting: _Counting | None) -> Any:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    columns = _tidy(np, pd, {c: sums_frame[c].to_numpy() for c in SUM_COLUMNS}, counting)
    repeat = np.repeat(np.arange(len(sums_frame)), len(COHORT_ROWS))
    return _with_keys(pd, [sums_frame[c].iloc[repeat] for c in keys], columns)


def _polars_totals(
    frame: Any, keys: list[str], food_col: str, amount_col: str, counting: _Counting | None
) -> Any:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    _check_columns(frame.columns, [*keys, food_col, amount_col])
    sums, first = _columns_sums(
        np,
        pd,
        None,
        frame.height,
        keys=[frame[c].to_pandas(use_pyarrow_extension_array=True) for c in keys],
        names=keys,
        foods=frame[food_col].to_pandas(use_pyarrow_extension_array=True),
        amounts=frame[amount_col].to_pandas(use_pyarrow_extension_array=True),
        food_col=food_col,
        amount_col=amount_col,
    )
    tidy = pl.from_pandas(pd.DataFrame(_tidy(np, pd, sums, counting))).with_columns(
        pl.col("vitamer").cast(pl.String).cast(pl.Enum(list(COHORT_ROWS)))
    )
    if not keys:
        return tidy
    return pl.concat(
        [frame.select(keys)[np.repeat(first, len(COHORT_ROWS))], tidy], how="horizontal"
    )


def cohort_totals(
    frame: Any,
    *,
    by: str | Sequence[str] | None = None,
    food: str = "food",
    amount: str = "amount",
    reference: ReferenceIntake | None = None,
    counting: Literal["basis", "mass"] = "basis",
) -> Any:
    """Per-group, per-vitamer totals of food records in a pandas, Polars or Dask DataFrame.

    *frame* has a food column (an id from any food table, an NDB number or an exact
    description) and an amount column (grams as numbers, or text: ``"30 g"``, ``"2 oz"``,
    ``"1 cup"``); *by* names the group key column(s) (a person, a day, a meal: any values
    that compare equal).  The result has one row per group and vitamer (:data:`COHORT_ROWS`
    order), with the key columns and:

    ``micrograms`` (float64, NaN when no entry's content is known), ``picograms`` (Int64, the
    same total in whole picograms, exact when ``exact`` is True), ``exact`` (boolean),
    ``lower_bound`` (some entries unknown, so the total is at least ``micrograms``),
    ``unknown_entries`` and ``entries`` (int64), ``known_mass_share`` (the share of the
    group's grams whose content is known, float64).

    With *reference* (a :class:`~vitk2.ReferenceIntake`), ``percent_of_reference`` (float64)
    is each row's part of the reference's daily value as the reference counts it
    (``counting="basis"``: its vitamers, with its conversion; a vitamer it does not count is 0)
    or by mass of every form (``counting="mass"``, also where vitk2 does not know what the
    reference counts); a total adds its vitamers' parts, so the ``"total K"`` row is the
    group's percent (a group being one person's day).  ``percent_is_lower_bound`` says a
    counted vitamer was unknown for some entries.  A pandas result says how it counted in
    ``.attrs["percent_of_reference"]``.

    A pandas frame gives a pandas frame, a Polars frame a Polars frame, a Dask frame a lazy
    Dask frame whose partitions are totalled apart and added exactly.  Rows that cannot be
    totalled raise :class:`~vitk2.CohortInputError` listing every one by index; none is dropped.

    >>> import pandas as pd
    >>> records = pd.DataFrame({"person": ["ann", "ann", "bob"],
    ...                         "food": ["Kale, raw", "16113", "11233"],
    ...                         "amount": ["1 cup", 30, "30 g"]})
    >>> t = cohort_totals(records, by="person")
    >>> t[t.vitamer == "K1"][["person", "micrograms", "picograms", "exact", "lower_bound"]]
       person  micrograms  picograms  exact  lower_bound
    0     ann     119.698  119698000   True        False
    14    bob     211.440  211440000   True        False
    >>> t.loc[t.vitamer == "MK-7", ["person", "micrograms", "unknown_entries"]].to_numpy().tolist()
    [['ann', 281.7, 1], ['bob', nan, 1]]
    """
    keys = _keys_of(by)
    _check_names(food, amount)
    how = None if reference is None else _counting(reference, counting)
    kind = _frame_kind(frame)
    if kind == "dask":
        return _dask_totals(frame, keys, food, amount, how)
    if kind == "polars":
        return _polars_totals(frame, keys, food, amount, how)
    out = _pandas_tidy(_pandas_sums(frame, keys, food, amount), keys, how)
    if how is not None:
        out.attrs["percent_of_reference"] = how.text
    return out


def bad_records(
    frame: Any,
    *,
    by: str | Sequence[str] | None = None,
    food: str = "food",
    amount: str = "amount",
) -> Any:
    """Every record :func:`cohort_totals` would refuse, as a frame, one row per problem.

    Columns ``row`` (the index label), ``column``, ``value`` (its ``repr``) and ``reason``;
    no rows when every record can be totalled.  The same checks, without totalling: find
    every bad row of a cohort in one pass (over all partitions of a Dask frame, lazily), then
    fix or drop them.  A pandas, Polars or Dask frame gives the same kind.

    >>> import pandas as pd
    >>> records = pd.DataFrame({"food": ["11233", "kale", "16113"],
    ...                         "amount": ["30 g", "30 g", "-2 g"]}, index=[7, 8, 9])
    >>> bad_records(records)[["row", "column", "value"]]
       row  column   value
    0    8    food  'kale'
    1    9  amount  '-2 g'
    """
    keys = _keys_of(by)
    _check_names(food, amount)
    kind = _frame_kind(frame)
    if kind == "dask":
        meta = _pandas_bad_records(frame._meta, keys, food, amount)
        return frame.map_partitions(_pandas_bad_records, keys, food, amount, meta=meta)
    if kind == "polars":
        import pandas as pd  # noqa: PLC0415
        import polars as pl  # noqa: PLC0415

        _check_columns(frame.columns, [*keys, food, amount])
        found = _pandas_bad_records(
            pd.DataFrame(
                {
                    c: frame[c].to_pandas(use_pyarrow_extension_array=True)
                    for c in dict.fromkeys([*keys, food, amount])
                }
            ),
            keys,
            food,
            amount,
        )
        return pl.from_pandas(found.astype({"row": "int64"}))
    return _pandas_bad_records(frame, keys, food, amount)


def _pandas_bad_records(frame: Any, keys: list[str], food_col: str, amount_col: str) -> Any:
    import pandas as pd  # noqa: PLC0415

    found: list[BadRow] = []
    _pandas_sums(frame, keys, food_col, amount_col, report=found)
    return pd.DataFrame(
        {
            "row": pd.Series([b.row for b in found], dtype=object),
            "column": pd.Series([b.column for b in found], dtype=str),
            "value": pd.Series([repr(b.value) for b in found], dtype=str),
            "reason": pd.Series([b.reason for b in found], dtype=str),
        }
    )


def _frame_kind(frame: object) -> str:
    module = type(frame).__module__.partition(".")[0]
    if module in ("dask", "dask_expr") and hasattr(frame, "map_partitions"):
        require("dask", "dask", "cohort_totals() on a Dask frame")
        return "dask"
    if module == "polars" and hasattr(frame, "height"):
        require("pandas", "polars", "cohort_totals() on a Polars frame")
        return "polars"
    if module == "pandas" and hasattr(frame, "iloc"):
        return "pandas"
    msg = (
        f"cohort_totals() takes a pandas, Polars or Dask DataFrame, not {type(frame).__name__}; "
        "build one with pandas.DataFrame({'food': ..., 'amount': ...})"
    )
    raise FoodInputError(msg)


_ALL: Final = "__cohort_all__"


def _dask_totals(
    frame: Any, keys: list[str], food_col: str, amount_col: str, counting: _Counting | None
) -> Any:
    """Partition-wise integer sums, added with Dask's groupby tree reduction, then tidied.

    Records partitioned by their first key (its index, with known divisions, as
    ``set_index("person")`` or ``read_parquet(..., index="person")`` leave them) have no group
    in two partitions: each partition is totalled on its own, with no shuffle.
    """
    if frame.index.name in keys and frame.index.name not in frame.columns:
        if frame.index.name == keys[0] and frame.known_divisions:
            meta = _pandas_tidy(
                _pandas_sums(frame._meta, keys, food_col, amount_col), keys, counting
            )
            return frame.map_partitions(
                _partition_totals, keys, food_col, amount_col, counting, meta=meta
            )
        frame = frame.reset_index()
    _check_columns(list(frame.columns), [*keys, food_col, amount_col])
    group = keys or [_ALL]
    if not keys:
        frame = frame.assign(**{_ALL: 0})
    meta = _pandas_sums(frame._meta, group, food_col, amount_col)
    partial = frame.map_partitions(_pandas_sums, group, food_col, amount_col, meta=meta)
    # as many result partitions as input partitions: a cohort's tidy totals are about as many
    # rows as its records, so no one worker (or the client) has to hold them all
    parts = frame.npartitions if keys else 1
    added = partial.groupby(group, sort=parts == 1, dropna=False, observed=True).sum(
        split_out=parts,
        shuffle_method="tasks",  # measured faster than p2p on these small sums
    )
    tidy_meta = _dask_tidy(meta.set_index(group), group, keys, counting)
    return added.map_partitions(_dask_tidy, group, keys, counting, meta=tidy_meta)


def _partition_totals(
    part: Any, keys: list[str], food_col: str, amount_col: str, counting: _Counting | None
) -> Any:
    """One partition's totals, its first key taken from the index."""
    return _pandas_tidy(_pandas_sums(part, keys, food_col, amount_col), keys, counting)


def _dask_tidy(added: Any, group: list[str], keys: list[str], counting: _Counting | None) -> Any:
    sums = added.reset_index()
    if keys:
        sums = sums.sort_values(keys, kind="stable") if len(sums) else sums
    out = _pandas_tidy(sums.reset_index(drop=True), group, counting)
    return out.drop(columns=[_ALL]) if not keys else out
