"""Cohort totals: the DataFrame path against the exact Diary loop, Polars parity, bad rows.

The Dask path is compared with the one-machine path in tests/test_cohort_dask.py.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Hashable
from fractions import Fraction
from typing import Any, Literal
from unittest.mock import patch

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from tests.test_food_tables import fixture_sources, third_table  # noqa: F401 -- fixtures
from vitk2 import (
    COHORT_ROWS,
    COHORT_VITAMERS,
    BadRow,
    CohortInputError,
    Diary,
    FoodInputError,
    _cohort,
    all_food_ids,
    bad_records,
    cohort_totals,
    food,
    reference_intake,
)
from vitk2._cohort import _int_sums
from vitk2._food_tables import FoodTable

Record = tuple[Hashable, object, object]

# -------------------------------------------------------------------------------------------
# Random food records, and the exact loop they are checked against
# -------------------------------------------------------------------------------------------

# a fixed sample of foods, so that examples repeat foods (as cohorts do) and measures resolve
_SAMPLE_IDS = ("11233", "16113", "01009", "01145", "11457", "05062", "vk2:cheese-raclette")


def _spellings(fid: str) -> list[object]:
    """Ways a record can name the food: id, description, NDB number, namespaced id."""
    f = food(fid)
    names: list[object] = [fid, f.description]
    if fid.isdigit():
        names += [int(fid), f"sr28:{fid}"]
    return names


@st.composite
def amounts_for(draw: st.DrawFn, fid: str) -> object:
    """A portion of the food: grams as a number, or text in grams, ounces or a measure."""
    grams = Fraction(draw(st.integers(0, 400_000)), 1000)
    measures = [f"{m.amount} {m.description}" for m in food(fid).measures[:3]]
    choice = draw(
        st.sampled_from(["number", "grams", "ounces", *(["measure"] if measures else [])])
    )
    if choice == "number":
        return float(grams)
    if choice == "grams":
        return f"{float(grams)} g"
    if choice == "ounces":
        return f"{draw(st.integers(1, 12))} oz"
    return draw(st.sampled_from(measures))


@st.composite
def records(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 25) -> list[Record]:
    keys = draw(
        st.lists(
            st.one_of(st.integers(-3, 3), st.sampled_from(["ann", "bob", "Ünal"])),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    # one key type per column, as a DataFrame column has
    if len({type(k) for k in keys}) > 1:
        keys = [str(k) for k in keys]
    out: list[Record] = []
    for _ in range(draw(st.integers(min_size, max_size))):
        fid = draw(st.sampled_from(_SAMPLE_IDS))
        name = draw(st.sampled_from(_spellings(fid)))
        out.append((draw(st.sampled_from(keys)), name, draw(amounts_for(fid))))
    return out


def _frame(rows: list[Record]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["person", "food", "amount"])
    frame["food"] = frame["food"].astype(object)
    frame["amount"] = frame["amount"].astype(object)
    return frame


def _portion(amount: object) -> object:
    return f"{amount} g" if isinstance(amount, float) else amount


def _diary_of(rows: list[Record]) -> Diary:
    return Diary.of(*((name, _portion(amount)) for _, name, amount in rows))  # type: ignore[arg-type]


def _check_group(group: pd.DataFrame, rows: list[Record]) -> None:
    """One group's tidy rows against the exact Diary totals of its records."""
    diary = _diary_of(rows)
    exact = diary.totals(COHORT_VITAMERS)
    assert list(group["vitamer"]) == list(COHORT_ROWS)
    by_row = {str(r["vitamer"]): r for _, r in group.iterrows()}
    grams = sum((e.grams for e in diary.entries), Fraction(0))
    for v in COHORT_VITAMERS:
        row, t = by_row[v.key], exact[v]
        assert row["entries"] == len(rows)
        assert row["unknown_entries"] == len(t.unknown_entries)
        assert bool(row["lower_bound"]) == t.is_lower_bound
        if t.known is None:
            assert math.isnan(row["micrograms"])
            assert row["picograms"] is pd.NA
            continue
        known_pg = t.known.micrograms * 1_000_000
        if row["exact"]:
            assert row["picograms"] == known_pg
        else:
            assert abs(row["picograms"] - known_pg) <= Fraction(501, 1000) * len(rows)
        assert row["micrograms"] == row["picograms"] / 1_000_000
        known_grams = sum(
            (e.grams for i, e in enumerate(diary.entries) if i not in t.unknown_entries),
            Fraction(0),
        )
        if grams:
            assert row["known_mass_share"] == pytest.approx(float(known_grams / grams), abs=1e-3)
        else:
            assert math.isnan(row["known_mass_share"])
    for label, members in (("total K2", COHORT_VITAMERS[2:]), ("total K", COHORT_VITAMERS)):
        row = by_row[label]
        parts = [by_row[v.key] for v in members]
        known = [p for p in parts if p["picograms"] is not pd.NA]
        if not known:
            assert math.isnan(row["micrograms"])
            continue
        assert row["picograms"] == sum(p["picograms"] for p in known)
        assert bool(row["exact"]) == all(bool(p["exact"]) for p in known)
        any_unknown = {i for v in members for i in exact[v].unknown_entries}
        assert row["unknown_entries"] == len(any_unknown)
        assert bool(row["lower_bound"]) == bool(any_unknown)


@given(records())
@settings(max_examples=40)
def test_frame_totals_equal_the_exact_diary_loop(rows: list[Record]) -> None:
    out = cohort_totals(_frame(rows), by="person")
    keys = sorted({k for k, _, _ in rows}, key=lambda k: (str(type(k)), k))
    assert sorted(out["person"].unique(), key=lambda k: (str(type(k)), k)) == keys
    assert len(out) == len(keys) * len(COHORT_ROWS)
    for key in keys:
        _check_group(out[out["person"] == key], [r for r in rows if r[0] == key])


@given(records(max_size=12))
@settings(max_examples=20)
def test_order_of_records_does_not_change_totals(rows: list[Record]) -> None:
    forward = cohort_totals(_frame(rows), by="person")
    backward = cohort_totals(_frame(rows[::-1]), by="person")
    pd.testing.assert_frame_equal(forward, backward)


@given(records(max_size=12))
@settings(max_examples=20)
def test_polars_gives_the_pandas_totals(rows: list[Record]) -> None:
    frame = _frame(rows)
    # a Polars column holds one type: amounts as text, foods as text
    frame["amount"] = [_portion(a) for a in frame["amount"]]
    frame["food"] = [str(f) for f in frame["food"]]
    frame["food"] = [f"{int(f):05d}" if f.isdigit() else f for f in frame["food"]]
    expected = cohort_totals(frame, by="person")
    got = cohort_totals(pl.from_pandas(frame), by="person")
    assert isinstance(got, pl.DataFrame)
    assert got.columns == list(expected.columns)
    assert got.schema["vitamer"] == pl.Enum(list(COHORT_ROWS))
    back = got.to_pandas()
    for column in expected.columns:
        want, have = expected[column].tolist(), back[column].tolist()
        assert [None if _is_missing(x) else x for x in have] == [
            None if _is_missing(x) else x for x in want
        ], column


def _is_missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def test_several_keys_and_no_key() -> None:
    frame = pd.DataFrame(
        {
            "person": ["p2", "p1", "p1", "p2"],
            "day": [1, 2, 1, 1],
            "food": ["11233", "Natto", "11233", "01009"],
            "amount": [30.0, 10.0, 20.0, 28.0],
        }
    )
    out = cohort_totals(frame, by=["person", "day"])
    groups = out[["person", "day"]].drop_duplicates().to_numpy().tolist()
    assert groups == [["p1", 1], ["p1", 2], ["p2", 1]]
    k1 = out[out["vitamer"] == "K1"]
    assert k1["entries"].tolist() == [1, 1, 2]
    whole = cohort_totals(frame)
    assert list(whole.columns[:2]) == ["vitamer", "micrograms"]
    assert whole["picograms"].tolist()[0] == sum(k1["picograms"])
    assert len(whole) == len(COHORT_ROWS)


def test_dtypes_are_arrow_friendly() -> None:
    frame = pd.DataFrame(
        {"person": [1, 1, 2], "food": ["11233", "16113", "11233"], "amount": [30, 30, 30]}
    )
    out = cohort_totals(frame, by="person", reference=reference_intake("EFSA", age_years=30))
    assert out["vitamer"].dtype == pd.CategoricalDtype(list(COHORT_ROWS), ordered=True)
    table = pa.Table.from_pandas(out, preserve_index=False)
    vitamer_type = table.schema.field("vitamer").type
    assert pa.types.is_dictionary(vitamer_type)
    assert vitamer_type.ordered
    assert vitamer_type.index_type == pa.int8()
    assert pa.types.is_string(vitamer_type.value_type) or pa.types.is_large_string(
        vitamer_type.value_type
    )
    assert dict(zip(table.schema.names, map(str, table.schema.types), strict=True)) == {
        "person": "int64",
        "vitamer": str(vitamer_type),
        "micrograms": "double",
        "picograms": "int64",
        "exact": "bool",
        "lower_bound": "bool",
        "unknown_entries": "int64",
        "entries": "int64",
        "known_mass_share": "double",
        "percent_of_reference": "double",
        "percent_is_lower_bound": "bool",
    }
    # unknown stays unknown through Arrow: a null, not 0
    mk9 = table.filter(pa.compute.equal(table["vitamer"], "MK-9"))
    assert mk9["picograms"].null_count == 2


_REFERENCES: tuple[tuple[str, int, Literal["female", "male"] | None], ...] = (
    ("IOM", 50, "male"),
    ("Japan", 40, None),
    ("EFSA", 30, None),
)


@given(
    records(max_size=12),
    st.sampled_from(_REFERENCES),
    st.sampled_from(["basis", "mass"]),
)
@settings(max_examples=25)
def test_percent_of_reference_is_the_diarys_percent_on_the_same_basis(
    rows: list[Record], which: tuple[str, int, Literal["female", "male"] | None], counting: str
) -> None:
    name, age, sex = which
    ref = reference_intake(name, age_years=age, sex=sex)
    out = cohort_totals(_frame(rows), by="person", reference=ref, counting=counting)  # type: ignore[arg-type]
    assert out.attrs["percent_of_reference"].startswith(f"percent of the {name}")
    for key in {k for k, _, _ in rows}:
        group = out[(out["person"] == key) & (out["vitamer"] == "total K")].iloc[0]
        day = _diary_of([r for r in rows if r[0] == key])
        p = day.percent_of_reference(ref, by=counting)  # type: ignore[arg-type]
        # each vitamer of an entry rounded to the picogram (exact False) moves it by <= 0.5 pg
        assert ref.value is not None
        pg = 0.51 * group["entries"] * len(COHORT_VITAMERS)
        rounding = 100 * pg / float(ref.value.micrograms_per_day * 10**6)
        assert group["percent_of_reference"] == pytest.approx(
            float(p.percent), rel=1e-9, abs=rounding + 1e-12
        )
        assert bool(group["percent_is_lower_bound"]) == p.is_lower_bound


def test_a_vitamer_the_reference_does_not_count_adds_nothing() -> None:
    ref = reference_intake("EFSA", age_years=30)
    frame = pd.DataFrame({"person": [1, 1], "food": ["11233", "16113"], "amount": ["30 g", "30 g"]})
    out = cohort_totals(frame, by="person", reference=ref).set_index("vitamer")
    assert out.loc["MK-7", "percent_of_reference"] == 0
    assert (
        math.isnan(out.loc["MK-9", "percent_of_reference"])
        or out.loc["MK-9", "percent_of_reference"] == 0
    )
    assert out.loc["total K", "percent_of_reference"] == out.loc["K1", "percent_of_reference"]
    with pytest.raises(FoodInputError, match="reference="):
        cohort_totals(frame, reference="EFSA")  # type: ignore[arg-type]
    with pytest.raises(FoodInputError, match="counting='moles'"):
        cohort_totals(frame, reference=ref, counting="moles")  # type: ignore[arg-type]


# -------------------------------------------------------------------------------------------
# Bad rows: reported by index label, every one, none dropped
# -------------------------------------------------------------------------------------------


def test_bad_rows_are_listed_by_index_label() -> None:
    frame = pd.DataFrame(
        {
            "person": ["a", None, "c", "d", "e", "f"],
            "food": ["kale", "11233", "11233", 3.5, None, "11233"],
            "amount": [1, -2, "1 furlong", 1, 1, float("nan")],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    with pytest.raises(CohortInputError) as info:
        cohort_totals(frame, by="person")
    bad = info.value.bad_rows
    assert [(b.row, b.column) for b in bad] == [
        (10, "food"),
        (11, "person"),
        (11, "amount"),
        (12, "amount"),
        (13, "food"),
        (14, "food"),
        (15, "amount"),
    ]
    assert all(isinstance(b, BadRow) for b in bad)
    assert "did you mean 'Kale, raw'" in bad[0].reason
    assert "furlong" in bad[3].reason
    message = str(info.value)
    assert message.startswith("7 food record(s) cannot be totalled, none was dropped")
    assert "row 13 (food=3.5)" in message
    assert isinstance(info.value, ValueError)
    # the error survives pickling (a Dask worker raises it, the client re-raises it)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.bad_rows == bad
    assert str(again) == message


def test_many_bad_rows_are_all_kept_but_the_message_is_short() -> None:
    frame = pd.DataFrame({"food": ["nope"] * 30, "amount": [1.0] * 30})
    with pytest.raises(CohortInputError, match="and 20 more") as info:
        cohort_totals(frame)
    assert len(info.value.bad_rows) == 30
    assert len(str(info.value)) < 2000


def test_polars_bad_rows_are_named_by_position() -> None:
    frame = pl.DataFrame({"food": ["11233", "nope"], "amount": ["30 g", "1 cup"]})
    with pytest.raises(CohortInputError) as info:
        cohort_totals(frame)
    assert [b.row for b in info.value.bad_rows] == [1]


_NOT_STR: Any = 3


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda f: cohort_totals([1, 2]), "takes a pandas, Polars or Dask DataFrame, not list"),
        (lambda f: cohort_totals(f, by="who"), "no column 'who'"),
        (lambda f: cohort_totals(f, food="item"), "no column 'item'"),
        (lambda f: cohort_totals(f, by=[_NOT_STR]), "by=\\[3\\] is not accepted"),
        (lambda f: cohort_totals(f, amount=_NOT_STR), "amount=3 is not accepted"),
        (lambda f: cohort_totals(f.assign(amount=[True])), "amount=True\\): True is not an"),
    ],
)
def test_bad_calls(call: Any, match: str) -> None:
    frame = pd.DataFrame({"person": [1], "food": ["11233"], "amount": ["30 g"]})
    with pytest.raises(FoodInputError, match=match):
        call(frame)


def test_empty_frame_gives_no_rows() -> None:
    frame = pd.DataFrame({"person": pd.Series([], dtype="int64"), "food": [], "amount": []})
    out = cohort_totals(frame, by="person")
    assert len(out) == 0
    assert out["picograms"].dtype == "Int64"


# -------------------------------------------------------------------------------------------
# Any registered table, and the exact integer sums
# -------------------------------------------------------------------------------------------


def test_a_registered_table_is_totalled(third_table: FoodTable) -> None:  # noqa: F811
    frame = pd.DataFrame(
        {
            "person": [1, 1, 2],
            "food": ["fx:quark", "Kefir, fixture", "11233"],
            "amount": ["1 tbsp", 100, "30 g"],
        }
    )
    out = cohort_totals(frame, by="person").set_index(["person", "vitamer"], drop=False)
    # quark: 15 g x 12.5 µg/100 g MK-7; kale has the fixture table's 1.5 µg/100 g MK-7 too
    assert out.loc[(1, "MK-7"), "picograms"] == 1_875_000
    assert out.loc[(1, "MK-9"), "picograms"] == 2_000_000
    assert out.loc[(2, "MK-7"), "picograms"] == 450_000
    _check_group(
        out.loc[1].reset_index(drop=True), [(1, "fx:quark", "1 tbsp"), (1, "Kefir, fixture", 100.0)]
    )


@given(st.lists(st.integers(0, 2**54), max_size=40), st.integers(1, 4), st.sampled_from([3, 2**24]))
def test_integer_sums_are_exact(weights: list[int], k: int, chunk: int) -> None:
    groups = np.arange(len(weights)) % k
    with patch.object(_cohort, "_CHUNK", chunk):
        got = _int_sums(np, groups, np.array(weights, dtype=np.int64), k)
    assert got.tolist() == [sum(weights[g::k]) for g in range(k)]


def test_rounded_entries_are_flagged_inexact() -> None:
    # 1 oz = 28.349523125 g is not a whole number of milligrams
    frame = pd.DataFrame({"food": ["11233", "11233"], "amount": ["1 oz", "30 g"]})
    out = cohort_totals(frame).set_index("vitamer")
    exact = Diary.of(("11233", "1 oz"), ("11233", "30 g")).totals()["K1"].known
    assert exact is not None
    assert not out.loc["K1", "exact"]
    assert out.loc["K1", "picograms"] == round(exact.micrograms * 1_000_000)


@pytest.fixture(scope="module")
def all_ids() -> tuple[str, ...]:
    return all_food_ids()


def test_every_packaged_food_resolves(all_ids: tuple[str, ...]) -> None:
    frame = pd.DataFrame({"food": list(all_ids), "amount": 100.0})
    out = cohort_totals(frame).set_index("vitamer")
    assert out.loc["K1", "entries"] == len(all_ids)
    assert out.loc["K1", "unknown_entries"] == sum(
        vitk2.food(i).content("K1").micrograms_per_100g is None for i in all_ids
    )


def test_keys_of_any_hashable_type_keep_their_dtype() -> None:
    frame = pd.DataFrame(
        {
            "who": [("a", 1), ("b", 2), ("a", 1)],
            "when": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-01-02"]),
            "meal": pd.Categorical(["lunch", "dinner", "lunch"]),
            "food": ["11233", "11233", "11233"],
            "amount": [1.0, 2.0, 3.0],
        }
    )
    out = cohort_totals(frame, by=["who", "when", "meal"])
    k1 = out[out["vitamer"] == "K1"]
    assert k1["who"].tolist() == [("a", 1), ("b", 2)]
    assert k1["entries"].tolist() == [2, 1]
    assert out["when"].dtype == frame["when"].dtype
    assert out["meal"].dtype == frame["meal"].dtype


def test_a_key_may_be_the_index() -> None:
    frame = pd.DataFrame(
        {"person": [2, 1, 2], "food": ["11233", "16113", "01009"], "amount": [30.0, 10.0, 28.0]}
    )
    by_column = cohort_totals(frame, by="person")
    pd.testing.assert_frame_equal(cohort_totals(frame.set_index("person"), by="person"), by_column)


def test_bad_records_lists_what_cohort_totals_refuses() -> None:
    frame = pd.DataFrame(
        {
            "person": ["a", None, "c", "d"],
            "food": ["kale", "11233", "11233", "16113"],
            "amount": [1, -2, "1 furlong", "30 g"],
        },
        index=[10, 11, 12, 13],
    )
    report = bad_records(frame, by="person")
    with pytest.raises(CohortInputError) as info:
        cohort_totals(frame, by="person")
    assert list(report.columns) == ["row", "column", "value", "reason"]
    assert [tuple(r) for r in report.itertuples(index=False)] == [
        (b.row, b.column, repr(b.value), b.reason) for b in info.value.bad_rows
    ]
    assert len(bad_records(frame.drop(index=report["row"].tolist()), by="person")) == 0
    polars_report = bad_records(
        pl.from_pandas(frame.astype({"amount": str}).reset_index(drop=True))
    )
    assert isinstance(polars_report, pl.DataFrame)
    # as text, the amounts 1 and -2 are bare numbers too
    assert polars_report["row"].to_list() == [0, 0, 1, 2]
