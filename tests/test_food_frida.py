"""Frida (DTU) through the food-table seam: the user's own download, read and registered.

The fixture (tests/data/frida-fixture.xlsx, written by tests/frida_workbook.py) has the layout of
DTU's Frida workbook and invented values.  Frida gives K1 and each menaquinone MK-4 … MK-10 per
food: each is read as that vitamer, exactly as written, 0 kept as 0 and an empty or NULL cell
unknown; Frida's calculated "Vitamin K2" and "Vitamin K" rows are not read.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from tests import frida_workbook as wb
from vitk2 import Diary, FoodTableFileError, UnknownFoodError
from vitk2._food_frida import read_frida
from vitk2._food_tables import catalogue

FIXTURE = Path(__file__).parent / "data" / "frida-fixture.xlsx"
MK = [f"MK-{n}" for n in range(4, 11)]


@pytest.fixture
def frida() -> Iterator[None]:
    vitk2.load_frida(FIXTURE)
    try:
        yield
    finally:
        vitk2.unload_frida()


def _rows(*rows: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return rows


# ------------------------------------------------------------------------------------------
# The fixture
# ------------------------------------------------------------------------------------------


def test_the_fixture_is_what_the_workbook_writer_writes(tmp_path: Path) -> None:
    written = wb.write_workbook(tmp_path / "frida.xlsx")
    assert written.read_bytes() == FIXTURE.read_bytes()


# ------------------------------------------------------------------------------------------
# Reading and registering
# ------------------------------------------------------------------------------------------


def test_foods_ids_names_and_groups(frida: None) -> None:
    ids = [i for i in vitk2.all_food_ids() if i.startswith("frida:")]
    # 9004 has only an energy row, a NULL K1 and Frida's calculated K2: not loaded
    assert ids == ["frida:9001", "frida:9002", "frida:9003"]
    cheese = vitk2.food("frida:9001")
    assert cheese.description == "Cheese fixture, 45+ (Frida)"
    assert cheese.common_names == "Ost, fixture, 45+"
    assert cheese.group == "Cheese, fixture"
    assert cheese.origin == "frida"
    assert cheese.sources == ("dtu-frida-2025-nov",)
    assert vitk2.food("Cheese fixture, 45+ (Frida)") is cheese
    assert [f.id for f in vitk2.search_foods("æg, fixture")][:1] == ["frida:9002"]
    with pytest.raises(UnknownFoodError):
        vitk2.food("frida:9004")


def test_ids_are_namespaced_and_never_bare(frida: None) -> None:
    owners = catalogue().owner
    frida_ids = [i for i, (table, _) in owners.items() if table.namespace == "frida"]
    assert frida_ids
    assert all(i.startswith("frida:") for i in frida_ids)
    assert "9001" not in owners or owners["9001"][0].namespace != "frida"


def test_every_form_is_read_exactly_as_that_vitamer(frida: None) -> None:
    cheese = vitk2.food("frida:9001")
    expected = ["1.25", "4.5", "0.25", "0.35", "0", "7.25", "24.5", "1.5"]
    got = [cheese.content(v).micrograms_per_100g for v in ["K1", *MK]]
    assert got == [Fraction(x) for x in expected]
    assert vitk2.food("frida:9003").content("MK-7").micrograms_per_100g == Fraction("0.109875")
    for v in ["K1", *MK]:
        (m,) = cheese.content(v).measurements
        assert m.sources == ("dtu-frida-2025-nov",)
        assert m.vitamer.key == v


def test_provenance_of_each_value(frida: None) -> None:
    egg = vitk2.food("frida:9002")
    (mk4,) = egg.content("MK-4").measurements
    assert (mk4.data_points, mk4.sample_min, mk4.sample_max) == (3, Fraction(20), Fraction(40))
    assert mk4.note == "Frida source 9102: Fixture source for menaquinones (2024)."
    (k1,) = egg.content("K1").measurements
    assert k1.data_points is None  # NULL determinations: not counted
    # two sources; one is not in the Source sheet and is named by its id only
    assert (
        k1.note == "Frida source 9101: Fixture source for phylloquinone (2020). Frida source 9103."
    )


def test_zero_is_a_value_and_empty_or_null_is_unknown(frida: None) -> None:
    cheese = vitk2.food("frida:9001")
    mk7 = cheese.content("MK-7")
    assert mk7.known
    assert mk7.micrograms_per_100g == 0
    assert "no natural content, or traces too small to matter" in (mk7.measurements[0].note or "")
    egg = vitk2.food("frida:9002")
    assert not egg.content("MK-6").known  # NULL
    assert not egg.content("MK-7").known  # no row at all
    assert egg.content("MK-6").micrograms_per_100g is None


def test_fridas_calculated_totals_are_not_read(frida: None) -> None:
    cheese = vitk2.food("frida:9001")
    assert cheese.totals == ()
    assert {c.vitamer.key for c in cheese.contents} == {"K1", *MK}


def test_prepared_foods_rank_after_plain_ones(frida: None) -> None:
    listings = {x.id: x for x in catalogue().listings.values() if x.id.startswith("frida:")}
    assert listings["frida:9003"].prepared  # "fast food"
    assert not listings["frida:9001"].prepared


def test_a_diary_adds_each_form_on_its_own(frida: None) -> None:
    totals = Diary.of(("frida:9001", "40 g"), ("frida:9002", "50 g")).totals()
    assert totals["MK-9"].known == vitk2.Amount("MK-9", "9.8 µg")
    assert totals["MK-4"].known == vitk2.Amount("MK-4", "1.8 µg") + vitk2.Amount("MK-4", "14.8 µg")
    # each form is one vitamer, so it has moles (unlike a total of several forms)
    assert vitk2.food("frida:9001").content("MK-9").per_100g is not None
    assert vitk2.food("frida:9001").content("MK-9").per_100g.to("nmol").magnitude > 0  # type: ignore[union-attr]


def test_two_foods_with_one_english_name_carry_their_ids(tmp_path: Path) -> None:
    rows = _rows(
        wb._row("9101", "Salami A", "Sausage, salami", 1, "10"),
        wb._row("9102", "Salami B", "Sausage, salami", 1, "12"),
    )
    data = read_frida(wb.write_workbook(tmp_path / "f.xlsx", data_rows=rows)).read()
    assert [x.description for x in data.listings] == [
        "Sausage, salami (Frida 9101)",
        "Sausage, salami (Frida 9102)",
    ]


def test_loading_again_replaces_and_unload_removes(frida: None, tmp_path: Path) -> None:
    rows = _rows(wb._row("9001", "Ost", "Cheese renamed", 6, "3"))
    assert vitk2.load_frida(wb.write_workbook(tmp_path / "f.xlsx", data_rows=rows)) == (
        "frida:9001",
    )
    assert vitk2.food("frida:9001").description == "Cheese renamed (Frida)"
    vitk2.unload_frida()
    assert not any(i.startswith("frida:") for i in vitk2.all_food_ids())
    vitk2.unload_frida()  # nothing loaded: nothing happens


def test_a_failed_load_keeps_the_loaded_table(frida: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(FoodTableFileError):
        vitk2.load_frida(bad)
    assert vitk2.food("frida:9001").description == "Cheese fixture, 45+ (Frida)"


# ------------------------------------------------------------------------------------------
# Versions and files that are not Frida's workbook
# ------------------------------------------------------------------------------------------


def test_version_5_4_cites_5_4(tmp_path: Path) -> None:
    data = read_frida(wb.write_workbook(tmp_path / "f.xlsx", version="5.4")).read()
    food = data.build("frida:9001")
    assert food.sources == ("dtu-frida-2025-may",)
    assert food.content("MK-9").sources == ("dtu-frida-2025-may",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": "6.0"}, r"is Frida version 6\.0; vitk2 reads versions 5\.4, 5\.5"),
        ({"header": wb.DATA_HEADER[:5] + wb.DATA_HEADER[6:]}, r"lacks the column 'ParameterName'"),
        (
            {"data_rows": (wb._row("9001", "Ost", "Cheese", 1, "1,5"),)},
            r"row 2, ResVal: '1,5' is not a number",
        ),
        (
            {"data_rows": (wb._row("9001", "Ost", "Cheese", 1, "-1"),)},
            r"row 2: ResVal '-1' is negative",
        ),
        (
            {"data_rows": (wb._row("x1", "Ost", "Cheese", 1, "1"),)},
            r"row 2: FoodID 'x1' is not a number",
        ),
        (
            {"data_rows": (wb._row("9001", "O", "C", 1, "1"), wb._row("9001", "O", "C", 1, "2"))},
            r"row 3: food 9001 has a second 'Menaquinone 4' value",
        ),
    ],
)
def test_malformed_workbooks(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = wb.write_workbook(tmp_path / "f.xlsx", **change)  # type: ignore[arg-type]
    with pytest.raises(FoodTableFileError, match=message):
        read_frida(path)


def test_a_workbook_without_the_data_sheet_or_a_version(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(FIXTURE) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            text = src.read(item).decode()
            if item.filename == "xl/workbook.xml":
                text = text.replace('"Data_Normalised"', '"Data"')
            dst.writestr(item, text)
    with pytest.raises(FoodTableFileError, match="is not a Frida download: it has no sheet"):
        read_frida(path)
    unversioned = tmp_path / "unversioned.xlsx"
    with zipfile.ZipFile(FIXTURE) as src, zipfile.ZipFile(unversioned, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).decode().replace("version 5.5", "edition"))
    with pytest.raises(FoodTableFileError, match="names no Frida version"):
        read_frida(unversioned)


def test_files_that_are_not_workbooks(tmp_path: Path) -> None:
    with pytest.raises(FoodTableFileError, match="cannot read the Frida file"):
        read_frida(tmp_path / "missing.xlsx")
    with pytest.raises(FoodTableFileError, match="cannot read the Frida file"):
        read_frida(tmp_path)  # a directory
    text = tmp_path / "frida.csv"
    text.write_text("FoodID;FoodName\n", encoding="utf-8")
    with pytest.raises(FoodTableFileError, match=r"is not an \.xlsx workbook"):
        read_frida(text)
    empty_zip = tmp_path / "empty.xlsx"
    zipfile.ZipFile(empty_zip, "w").close()
    with pytest.raises(FoodTableFileError, match=r"has no part 'xl/_rels/workbook\.xml\.rels'"):
        read_frida(empty_zip)
    assert isinstance(FoodTableFileError("x"), ValueError)


# ------------------------------------------------------------------------------------------
# Every cell reads exactly; NULL stays unknown
# ------------------------------------------------------------------------------------------

_CELL = st.none() | st.decimals(min_value=0, max_value=10**4, places=6, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(_CELL, min_size=8, max_size=8))
def test_every_cell_reads_exactly_and_null_stays_unknown(
    tmp_path_factory: pytest.TempPathFactory, values: list[Decimal | None]
) -> None:
    rows = tuple(
        wb._row("9001", "Ost", "Cheese", i, "NULL" if x is None else format(x, "f"))
        for i, x in enumerate(values)
    )
    path = wb.write_workbook(tmp_path_factory.mktemp("frida") / "f.xlsx", data_rows=rows)
    data = read_frida(path).read()
    if all(x is None for x in values):
        assert data.listings == ()
        return
    food = data.build("frida:9001")
    for key, x in zip(["K1", *MK], values, strict=True):
        assert food.content(key).micrograms_per_100g == (None if x is None else Fraction(x))


# ------------------------------------------------------------------------------------------
# The real download, where the user points VITK2_FRIDA_FILE at it
# ------------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("VITK2_FRIDA_FILE"), reason="set VITK2_FRIDA_FILE to Frida's .xlsx"
)
def test_the_real_frida_workbook() -> None:
    data = read_frida(os.environ["VITK2_FRIDA_FILE"]).read()
    foods = [data.build(x.id) for x in data.listings]
    # measured on a copy of version 5.4's Data sheet: 94 foods with MK-4 … MK-10 each
    for key in MK:
        assert sum(f.content(key).known for f in foods) >= 94
    assert all(f.sources[0].startswith("dtu-frida-") for f in foods)
