"""NEVO through the food-table seam: the user's own download, read and registered.

The fixture (tests/data/nevo-fixture.csv) has NEVO-online 2021's layout and invented values.
NEVO's vitamin K2 is a total of several menaquinones: it must stay a VitaminKTotal, never a
vitamer, never MK-7 and never moles.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from vitk2 import (
    AmbiguousNameError,
    Diary,
    FoodTableFileError,
    NotOneVitamerError,
    UnknownFoodError,
    VitaminKTotal,
    from_dict,
    to_dict,
)
from vitk2._food_nevo import read_nevo
from vitk2._food_tables import catalogue, food_tables
from vitk2._units import unit_spec

FIXTURE = Path(__file__).parent / "data" / "nevo-fixture.csv"
HEADER, *ROWS = FIXTURE.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def nevo() -> Iterator[None]:
    vitk2.load_nevo(FIXTURE)
    try:
        yield
    finally:
        vitk2.unload_nevo()


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "NEVO2021.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _cell(row: str, column: str, value: str) -> str:
    """*row* with the cell of *column* replaced by *value* (as written in the file)."""
    names = [c.strip('"') for c in HEADER.split("|")]
    cells = row.split("|")
    cells[names.index(column)] = value
    return "|".join(cells)


# ------------------------------------------------------------------------------------------
# Reading and registering
# ------------------------------------------------------------------------------------------


def test_foods_ids_and_names(nevo: None) -> None:
    ids = [i for i in vitk2.all_food_ids() if i.startswith("nevo:")]
    # 9005 is given per 100 ml and 9006 has no vitamin K value: both left out
    assert ids == ["nevo:9001", "nevo:9002", "nevo:9003", "nevo:9004"]
    cheese = vitk2.food("nevo:9001")
    assert cheese.description == "Cheese fixture 48+ (NEVO)"
    assert cheese.common_names == "Kaas proef 48+, Proefkaas"
    assert cheese.group == "Cheese"
    assert cheese.origin == "nevo"
    assert vitk2.food("Cheese fixture 48+ (NEVO)") is cheese
    assert [f.id for f in vitk2.search_foods("proefkaas")] == ["nevo:9001"]
    with pytest.raises(UnknownFoodError):
        vitk2.food("nevo:9005")


def test_ids_are_namespaced_and_never_bare(nevo: None) -> None:
    with pytest.raises(UnknownFoodError):
        vitk2.food("9001")
    owners = catalogue().owner
    nevo_ids = [i for i, (table, _) in owners.items() if table.namespace == "nevo"]
    assert nevo_ids
    assert all(re.fullmatch(r"nevo:[0-9]+", i) for i in nevo_ids)
    assert all(owners[i][0].namespace == "nevo" for i in owners if i.startswith("nevo:"))


def test_values_are_exact_and_cite_nevo(nevo: None) -> None:
    cheese = vitk2.food("nevo:9001")
    (k1,) = cheese.content("K1").measurements
    assert k1.micrograms_per_100g == Fraction("2.5")
    assert k1.sources == ("rivm-nevo-2021",)
    assert [c.url for c in k1.citations] == [
        "https://www.rivm.nl/en/dutch-food-composition-database"
    ]
    (k2,) = cheese.total("K2")
    (k,) = cheese.total("K")
    assert (k2.micrograms_per_100g, k.micrograms_per_100g) == (Fraction(48), Fraction("50.5"))
    for food_id in ("nevo:9001", "nevo:9002", "nevo:9003", "nevo:9004"):
        f = vitk2.food(food_id)
        cited = [m.sources for c in f.contents for m in c.measurements]
        cited += [t.sources for t in f.totals]
        assert cited, food_id
        assert all(s == ("rivm-nevo-2021",) for s in cited), food_id
        assert f.sources == ("rivm-nevo-2021",)


def test_unknown_is_not_zero(nevo: None) -> None:
    kale = vitk2.food("nevo:9002")
    (k2,) = kale.total("K2")  # NEVO's "0" is a measured zero
    assert k2.micrograms_per_100g == 0
    chicken = vitk2.food("nevo:9003")  # NULL K1 and K2: unknown, only the total K is given
    assert not chicken.content("K1").known
    assert chicken.content("K1").micrograms_per_100g is None
    assert chicken.total("K2") == ()
    assert chicken.amount_of("K1", "100 g") is None
    assert [t.micrograms_per_100g for t in chicken.total("K")] == [Fraction(9)]


def test_prepared_groups_rank_after_plain_foods(nevo: None) -> None:
    listings = catalogue().listings
    assert listings["nevo:9004"].prepared
    assert not listings["nevo:9001"].prepared


def test_loading_again_replaces_and_unload_removes(nevo: None) -> None:
    vitk2.load_nevo(FIXTURE)
    assert [t.namespace for t in food_tables()].count("nevo") == 1
    vitk2.unload_nevo()
    assert "nevo" not in [t.namespace for t in food_tables()]
    with pytest.raises(UnknownFoodError):
        vitk2.food("nevo:9001")
    vitk2.unload_nevo()  # nothing loaded: nothing happens
    vitk2.load_nevo(str(FIXTURE))  # a str path works too (the fixture unloads it)
    assert vitk2.food("nevo:9002").description == "Kale fixture (NEVO)"


def test_a_diary_counts_nevo_k1_and_never_its_k2_as_a_vitamer(nevo: None) -> None:
    totals = Diary.of(("nevo:9001", "200 g"), ("11233", "100 g")).totals()
    assert totals["K1"].known == vitk2.Amount("K1", "5 µg") + vitk2.Amount("K1", "704.8 µg")
    for key in ("MK-4", "MK-7", "MK-9"):
        assert totals[key].known is None  # 48 µg of "K2" per 100 g is no one menaquinone


# ------------------------------------------------------------------------------------------
# The K2 total: not a vitamer, not MK-7, no moles
# ------------------------------------------------------------------------------------------


def test_the_k2_total_never_converts_to_moles(nevo: None) -> None:
    (k2,) = vitk2.food("nevo:9001").total("K2")
    for unit in ("nmol", "µmol", "umol", "mmol", "mol", "pmol"):
        with pytest.raises(NotOneVitamerError, match="no molar mass"):
            k2.to(unit)
    with pytest.raises(ValueError, match="mass unit"):  # a ValueError too
        k2.to("nmol")
    assert k2.to("mg").magnitude == pytest.approx(0.048)
    assert not hasattr(k2, "vitamer")
    with pytest.raises(AmbiguousNameError):
        vitk2.food("nevo:9001").content("K2")
    with pytest.raises(AmbiguousNameError):
        vitk2.Amount("K2", "48 µg")


def test_the_k2_total_is_never_mk7(nevo: None) -> None:
    cheese = vitk2.food("nevo:9001")
    assert [c.vitamer.key for c in cheese.contents] == ["K1"]
    assert not cheese.content("MK-7").known
    assert cheese.amount_of("MK-7", "100 g") is None
    assert str(cheese.total("K2")[0]) == "48 µg vitamin K2 (total of menaquinones) per 100 g"


@given(
    value=st.fractions(min_value=0, max_value=10**6),
    unit=st.sampled_from(["pg", "ng", "µg", "mcg", "mg", "g", "kg"]),
    grams=st.fractions(min_value=0, max_value=10**4),
)
def test_mass_conversions_are_exact(value: Fraction, unit: str, grams: Fraction) -> None:
    t = VitaminKTotal(food_id="x:1", kind="K2", micrograms_per_100g=value, sources=())
    factor = unit_spec(unit).factor
    q = t.to(unit)
    assert Fraction(q.magnitude) == pytest.approx(value / factor)
    assert t.micrograms_in(grams) == value * grams / 100
    with pytest.raises(NotOneVitamerError):
        t.to("nmol")


def test_kinds_are_checked() -> None:
    with pytest.raises(NotOneVitamerError, match="'K2', 'K'"):
        VitaminKTotal(food_id="x:1", kind="MK-7", micrograms_per_100g=Fraction(1), sources=())
    with pytest.raises(NotOneVitamerError, match="'K2', 'K'"):
        vitk2.food("11233").total("K1")
    assert vitk2.food("11233").total("K2") == ()  # SR28 publishes no totals


def test_totals_serialise(nevo: None) -> None:
    (k2,) = vitk2.food("nevo:9001").total("K2")
    d = to_dict(k2)
    assert d["kind"] == "K2"
    assert d["micrograms_per_100g"] == "48"
    assert from_dict(d) == k2
    food = to_dict(vitk2.food("nevo:9001"))
    assert [t["kind"] for t in food["totals"]] == ["K2", "K"]
    assert from_dict(food) is vitk2.food("nevo:9001")


# ------------------------------------------------------------------------------------------
# Files that are not NEVO-online 2021's export
# ------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FoodTableFileError, match="cannot read the NEVO file"):
        read_nevo("/nonexistent/NEVO2021.csv")
    with pytest.raises(FoodTableFileError, match="cannot read the NEVO file"):
        read_nevo(tmp_path)  # a directory


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ((), "is empty"),
        (('"a"|"b"',), "lacks the columns"),
        ((HEADER, _cell(ROWS[0], "VITK1 (µg)", '"2.5"')), r"line 2, VITK1 \(µg\): '2.5'"),
        ((HEADER, _cell(ROWS[0], "VITK2 (µg)", '"-1"')), "is not a NEVO value"),
        (
            (HEADER, _cell(ROWS[0], "NEVO-versie/NEVO-version", '"NEVO-Online 2023 8.0"')),
            "'NEVO-Online 2023 8.0' is not one vitk2 reads",
        ),
        ((HEADER, ROWS[0], ROWS[0]), "line 3: NEVO-code 9001 appears twice"),
        ((HEADER, ROWS[0] + "|NULL"), "line 2: 145 fields, the header has 144"),
        ((HEADER, _cell(ROWS[0], "NEVO-code", "x1")), "NEVO-code 'x1' is not a number"),
    ],
)
def test_malformed_files(tmp_path: Path, lines: tuple[str, ...], message: str) -> None:
    path = _write(tmp_path, *lines) if lines else tmp_path / "empty.csv"
    if not lines:
        path.write_bytes(b"")
    with pytest.raises(FoodTableFileError, match=message):
        read_nevo(path)
    assert "nevo" not in [t.namespace for t in food_tables()]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "NEVO2021.csv"
    path.write_bytes(HEADER.encode("utf-8") + b"\r\n\xff\xfe")
    with pytest.raises(FoodTableFileError, match="not UTF-8"):
        read_nevo(path)


def test_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "NEVO2021.csv"
    path.write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes())
    data = read_nevo(path).read()
    assert [x.id for x in data.listings] == ["nevo:9001", "nevo:9002", "nevo:9003", "nevo:9004"]


def test_a_failed_load_keeps_the_loaded_table(nevo: None, tmp_path: Path) -> None:
    with pytest.raises(FoodTableFileError):
        vitk2.load_nevo(_write(tmp_path, '"a"'))
    assert vitk2.food("nevo:9001").description == "Cheese fixture 48+ (NEVO)"


# ------------------------------------------------------------------------------------------
# The real download, where the user points VITK2_NEVO_FILE at it
# ------------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("VITK2_NEVO_FILE"), reason="set VITK2_NEVO_FILE to NEVO2021.csv"
)
def test_the_real_nevo_2021_file() -> None:
    data = read_nevo(os.environ["VITK2_NEVO_FILE"]).read()
    foods = [data.build(x.id) for x in data.listings]
    # measured on NEVO2021.csv (2,207 foods): 1,090 per 100 g with a vitamin K value
    assert len(foods) == 1090
    assert sum(f.content("K1").known for f in foods) == 1062
    assert sum(bool(f.total("K2")) for f in foods) == 455
    assert all(f.total("K") for f in foods)
    assert all(t.sources == ("rivm-nevo-2021",) for f in foods for t in f.totals)


_CELL = st.none() | st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(k1=_CELL, k2=_CELL, k=_CELL)
def test_every_cell_reads_exactly_and_null_stays_unknown(
    tmp_path_factory: pytest.TempPathFactory, k1: Any, k2: Any, k: Any
) -> None:
    def cell(x: Any) -> str:
        return "NULL" if x is None else f'"{format(x, "f").replace(".", ",")}"'

    row = ROWS[0]
    for column, x in (("VITK1 (µg)", k1), ("VITK2 (µg)", k2), ("VITK (µg)", k)):
        row = _cell(row, column, cell(x))
    data = read_nevo(_write(tmp_path_factory.mktemp("nevo"), HEADER, row)).read()
    if k1 is None and k2 is None and k is None:
        assert data.listings == ()  # a food without any vitamin K value is not loaded
        return
    (food,) = (data.build(x.id) for x in data.listings)
    assert food.content("K1").micrograms_per_100g == (None if k1 is None else Fraction(k1))
    for kind, x in (("K2", k2), ("K", k)):
        assert [t.micrograms_per_100g for t in food.total(kind)] == (
            [] if x is None else [Fraction(x)]
        )
