"""The food-table seam: packaged readers, namespaced ids, and a third table defined here.

The third table is a test-only reader over fixture data (below) with its own sources entry;
registering it must make its foods searchable, usable in a Diary and in the bulk path, with no
change anywhere else in vitk2.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from tests.conftest import with_sources
from tests.strategies import food_ids
from vitk2 import (
    MK7,
    Diary,
    UnknownFoodError,
    Vitk2Error,
    _sources,
    all_citations,
    all_food_ids,
    bulk_totals,
    food,
    search_foods,
)
from vitk2._food_records import ContentMeasurement, Food, HouseholdMeasure, read_data
from vitk2._food_tables import (
    FoodListing,
    FoodTable,
    FoodTableData,
    contents_of,
    food_tables,
    register_food_table,
    unregister_food_table,
)
from vitk2._portions import OUNCE_G, POUND_G

# ------------------------------------------------------------------------------------------
# The third table: fixture data, a sources entry and a reader, as a new table would have them
# ------------------------------------------------------------------------------------------

FIXTURE_SOURCE: dict[str, Any] = {
    "key": "fixture-table-2026",
    "kind": "database",
    "authors": "vitk2 test suite",
    "year": 2026,
    "title": "A fixture food table (invented values, for tests only)",
    "container": "vitk2 tests",
    "url": "https://example.org/vitk2-fixture-table",
}

FIXTURE_DATA = json.dumps(
    {
        "foods": [
            {
                "id": "fx:quark",
                "name": "Quark, fixture",
                "portions": [["1", "cup", "240"], ["1", "tbsp", "15"]],
                "values": {"MK-7": "12.5", "K1": "3"},
            },
            {"id": "fx:kefir", "name": "Kefir, fixture", "portions": [], "values": {"MK-9": "2"}},
        ],
        # a value for another table's food (SR28 kale), added after kale's own values
        "elsewhere": [{"food": "11233", "vitamer": "MK-7", "value": "1.5"}],
    }
)


def _fixture_table(text: str = FIXTURE_DATA, namespace: str = "fx") -> FoodTable:
    """A reader module in miniature: fixture JSON in, FoodTableData out."""

    @cache
    def read() -> FoodTableData:
        data = json.loads(text)
        rows = {row["id"]: row for row in data["foods"]}

        def measurement(vitamer: str, value: str) -> ContentMeasurement:
            return ContentMeasurement(
                vitamer=vitk2.vitamer(vitamer),
                micrograms_per_100g=Fraction(value),
                sources=(FIXTURE_SOURCE["key"],),
            )

        def build(fid: str) -> Food:
            row = rows[fid]
            by_vitamer = {
                vitk2.vitamer(v): [measurement(v, value)] for v, value in row["values"].items()
            }
            return Food(
                id=fid,
                description=row["name"],
                measures=tuple(
                    HouseholdMeasure(amount=Fraction(a), description=d, grams=Fraction(g))
                    for a, d, g in row["portions"]
                ),
                contents=contents_of(fid, by_vitamer),
                origin="fixture",
                sources=(FIXTURE_SOURCE["key"],),
            )

        elsewhere: dict[str, list[ContentMeasurement]] = {}
        for m in data["elsewhere"]:
            elsewhere.setdefault(m["food"], []).append(measurement(m["vitamer"], m["value"]))
        return FoodTableData(
            listings=tuple(FoodListing(id=fid, description=r["name"]) for fid, r in rows.items()),
            build=build,
            measurements=elsewhere,
        )

    return FoodTable(namespace=namespace, read=read)


@pytest.fixture
def fixture_sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fixture table's sources entry, beside the packaged ones."""
    yield from with_sources(monkeypatch, [FIXTURE_SOURCE])


@pytest.fixture
def third_table(fixture_sources: None) -> Iterator[FoodTable]:
    table = _fixture_table()
    register_food_table(table)
    try:
        yield table
    finally:
        unregister_food_table("fx")


# ------------------------------------------------------------------------------------------
# The seam, used
# ------------------------------------------------------------------------------------------


def test_packaged_tables_are_found_by_module_name() -> None:
    assert [(t.namespace, t.bare_ids) for t in food_tables()] == [("sr28", True), ("vk2", False)]


def test_a_third_table_is_found_searched_and_cited(third_table: FoodTable) -> None:
    quark = food("fx:quark")
    assert food("quark, FIXTURE") is quark
    assert quark.origin == "fixture"
    assert search_foods("quark")[0] is quark
    assert search_foods("kefir fix") == (food("fx:kefir"),)
    assert {"fx:kefir", "fx:quark"} <= set(all_food_ids())
    assert list(all_food_ids()) == sorted(all_food_ids())
    assert [c.key for c in quark.citations] == ["fixture-table-2026"]
    assert quark.content("MK-7").micrograms_per_100g == Fraction(25, 2)
    assert not quark.content("MK-4").known
    known = {c.key for c in all_citations()}
    for fid in ("fx:quark", "fx:kefir", "11233"):
        assert set(food(fid).sources) <= known
        assert all(set(c.sources) <= known for c in food(fid).contents)


def test_a_third_table_in_a_diary_and_the_bulk_path(third_table: FoodTable) -> None:
    d = Diary.of(("fx:quark", "1 cup"), ("fx:quark", "2 tbsp"), ("fx:kefir", "100 g"))
    totals = d.totals()
    grams = Fraction(240 + 30)
    assert totals["MK-7"].known == vitk2.Amount.from_micrograms(MK7, Fraction(25, 2) * grams / 100)
    assert totals["MK-7"].unknown_entries == (2,)
    assert str(totals["MK-9"]) == "at least 2 µg MK-9 (unknown for 2 of 3 entries)"
    bulk = bulk_totals(["fx:quark", "fx:kefir", "sr28:11233"], [240.0, 100.0, 30.0])
    assert bulk.total("MK-7") == pytest.approx(12.5 * 2.4 + 1.5 * 0.3)
    assert bulk.unknown_count("MK-7") == 1


def test_a_table_adds_values_to_another_tables_food(third_table: FoodTable) -> None:
    mk7 = food("11233").content("MK-7")
    assert [m.sources for m in mk7.measurements] == [("fixture-table-2026",)]
    k1 = food("11233").content("K1")
    assert k1.measurements[0].sources == ("usda-sr28",)  # kale's own values come first


def test_unregistering_restores_every_answer(fixture_sources: None) -> None:
    before = (all_food_ids(), search_foods("kale"), food("11233").content("MK-7").known)
    register_food_table(_fixture_table())
    assert food("11233").content("MK-7").known
    unregister_food_table("fx")
    after = (all_food_ids(), search_foods("kale"), food("11233").content("MK-7").known)
    assert before == after
    assert before[2] is False
    with pytest.raises(UnknownFoodError):
        food("fx:quark")
    with pytest.raises(Vitk2Error, match="no registered food table"):
        unregister_food_table("fx")


def _edited(**changes: Any) -> str:
    data = json.loads(FIXTURE_DATA)
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "namespace", "message"),
    [
        (_edited(foods=[{"id": "quark", "name": "Q", "portions": [], "values": {}}]), "fx",
         "must be 'fx:<name>'"),
        (_edited(foods=[{"id": "vk2:x", "name": "Q", "portions": [], "values": {}}]), "fx",
         "must be 'fx:<name>'"),
        (_edited(foods=[{"id": "fx:", "name": "Q", "portions": [], "values": {}}]), "fx",
         "must be 'fx:<name>'"),
        (_edited(foods=[{"id": "fx:k", "name": "Kale, raw", "portions": [], "values": {}}]), "fx",
         "share the description"),
        (_edited(elsewhere=[{"food": "99999", "vitamer": "K1", "value": "1"}]), "fx",
         "unknown food '99999'"),
        (FIXTURE_DATA, "vk2", "already registered"),
        (FIXTURE_DATA, "sr28", "already registered"),
    ],
)
def test_a_bad_table_is_refused_and_nothing_changes(
    fixture_sources: None, text: str, namespace: str, message: str
) -> None:
    before = (food_tables(), all_food_ids())
    with pytest.raises(Vitk2Error, match=message):
        register_food_table(_fixture_table(text, namespace))
    assert (food_tables(), all_food_ids()) == before


@pytest.mark.parametrize("namespace", ["", "FX", "f x", "fx:", "1fx", 7])
def test_a_namespace_must_be_a_plain_lower_case_word(namespace: object) -> None:
    with pytest.raises(Vitk2Error, match="namespace="):
        FoodTable(namespace=namespace, read=lambda: FoodTableData(listings=(), build=food))  # type: ignore[arg-type]


def test_only_food_tables_register() -> None:
    with pytest.raises(Vitk2Error, match="is not a FoodTable"):
        register_food_table("fx")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# Ids: SR28 stays bare and answers namespaced too; other tables are namespaced only
# ------------------------------------------------------------------------------------------


@given(food_ids())
def test_sr28_ids_answer_bare_and_namespaced(fid: str) -> None:
    f = food(fid)
    if f.origin == "usda-sr28":
        assert fid.isdigit()
        assert food(f"sr28:{fid}") is f
        assert food(f" SR28:{fid} ") is f
        assert bulk_totals([f"sr28:{fid}"], [1.0]).entries.tolist() == [1]
    else:
        assert fid.startswith("vk2:")
        with pytest.raises(UnknownFoodError):
            food(f"sr28:{fid}")


@pytest.mark.parametrize("key", ["vk2:11233", "sr28:", "sr28:sr28:11233", "sr28: 11233"])
def test_namespaces_are_not_guessed(key: str) -> None:
    with pytest.raises(UnknownFoodError):
        food(key)
    with pytest.raises(UnknownFoodError, match="is not a food vitk2 knows"):
        bulk_totals(np.array([key, "11233"]), [1.0, 1.0])


def test_bulk_error_names_the_id_as_given() -> None:
    with pytest.raises(UnknownFoodError, match=r"food_ids\[1\] = 'sr28:99999'"):
        bulk_totals(["sr28:11233", "sr28:99999"], [1.0, 1.0])


# ------------------------------------------------------------------------------------------
# Data moved out of code, and one set of mass factors
# ------------------------------------------------------------------------------------------


def _json(name: str) -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = json.loads(read_data(name))
    return loaded


@pytest.mark.parametrize("name", ["foods-sr28-codes.json", "foods-measure-words.json"])
def test_moved_data_cites_known_sources(name: str) -> None:
    data = _json(name)
    assert data["sources"]
    assert set(data["sources"]) <= {c.key for c in all_citations()}


def test_sr28_codes_cover_the_codes_sr28_uses() -> None:
    codes = _json("foods-sr28-codes.json")
    sr28 = json.loads(__import__("gzip").decompress(read_data("foods-sr28.json.gz")))
    used = {c[3] for row in sr28["foods"] for c in row[6] if c[3] is not None}
    assert used <= set(codes["basis"])
    assert set(codes["prepared_groups"]) <= set(sr28["groups"])


def test_measure_words_point_at_words_sr28_uses() -> None:
    words = _json("foods-measure-words.json")["synonyms"]
    assert words["tablespoons"] == "tbsp"
    assert all(k != v for k, v in words.items())
    assert not set(words) & set(words.values())  # one step: a synonym never maps to a synonym


def test_ounces_and_pounds_are_exact_by_definition() -> None:
    assert Fraction(45359237, 100000) == POUND_G
    assert OUNCE_G * 16 == POUND_G
    cheddar = food("01009")
    assert cheddar.grams("1 lb") == cheddar.grams("16 oz") == POUND_G
    assert cheddar.grams("2 pounds") == 2 * POUND_G


@given(st.fractions(min_value=0, max_value=1000).map(lambda f: f.limit_denominator(1000)))
def test_ounce_portions_scale_exactly(n: Fraction) -> None:
    text = f"{n.numerator}/{n.denominator}" if n.denominator != 1 else str(n.numerator)
    assert food("01009").grams(f"{text} oz") == n * OUNCE_G
    assert food("01009").grams(f"{text} lb") == n * POUND_G


# ------------------------------------------------------------------------------------------
# Any table that fits: every food answers by id and description, and totals are exact
# ------------------------------------------------------------------------------------------

_NAME_WORDS = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=3, max_size=8)


@st.composite
def _fixture_tables(draw: st.DrawFn) -> str:
    names = draw(st.lists(_NAME_WORDS, min_size=1, max_size=4, unique=True))
    foods = [
        {
            "id": f"fx:{i}",
            "name": f"Fixturefood {name}",
            "portions": [["1", "cup", str(draw(st.integers(1, 500)))]],
            "values": draw(
                st.dictionaries(
                    st.sampled_from(["K1", "MK-4", "MK-7"]),
                    st.fractions(0, 2000).map(lambda f: str(f.limit_denominator(100))),
                )
            ),
        }
        for i, name in enumerate(names)
    ]
    return json.dumps({"foods": foods, "elsewhere": []})


@settings(max_examples=15, deadline=None)
@given(_fixture_tables(), st.data())
def test_any_fitting_table_is_found_and_totalled_exactly(text: str, data: st.DataObject) -> None:
    rows = json.loads(text)["foods"]
    before = all_food_ids()
    with pytest.MonkeyPatch.context() as mp:
        packaged = list(_sources._files())
        fixture = ("fixture.json", json.dumps([FIXTURE_SOURCE]))
        mp.setattr(_sources, "_files", lambda: iter([*packaged, fixture]))
        _sources._registry.cache_clear()
        register_food_table(_fixture_table(text))
        try:
            for row in rows:
                f = food(row["id"])
                assert food(row["name"].upper()) is f
                assert f in search_foods(row["name"], limit=len(rows))
            picks = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=6))
            diary = Diary.of(*((row["id"], "1 cup") for row in picks))
            for v in ("K1", "MK-4", "MK-7"):
                total = diary.totals()[v]
                known = [r for r in picks if v in r["values"]]
                expected = sum(
                    (Fraction(r["values"][v]) * Fraction(r["portions"][0][2]) / 100 for r in known),
                    Fraction(0),
                )
                if known:
                    assert total.known is not None
                    assert total.known.micrograms == expected
                else:
                    assert total.known is None
                assert len(total.unknown_entries) == len(picks) - len(known)
        finally:
            unregister_food_table("fx")
            _sources._registry.cache_clear()
    assert all_food_ids() == before


# ------------------------------------------------------------------------------------------
# Layers: each food module imports only those below it; nothing imports a reader
# ------------------------------------------------------------------------------------------

# The food errors live in vitk2._errors with every other error class, below all of these.
FOOD_LAYERS = (
    "_food_names",
    "_portions",
    "_food_records",
    "_food_tables",
    "_foodtable_*",
    "_food_search",
    "_food_lookup",
    "_diaries",
    "_food_bulk",
)


def _layer(module: str) -> int | None:
    name = module.removeprefix("vitk2.")
    if name.startswith("_foodtable_"):
        name = "_foodtable_*"
    return FOOD_LAYERS.index(name) if name in FOOD_LAYERS else None


def _imports(path: Path) -> set[str]:
    """The vitk2 modules *path* imports at run time (not those under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for n in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vitk2."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("vitk2.")}
    return found


def test_food_modules_import_only_downward() -> None:
    src = Path(vitk2.__file__).parent
    modules = [*sorted(src.glob("_food*.py")), src / "_portions.py", src / "_diaries.py"]
    assert {_layer(p.stem) for p in modules} == set(range(len(FOOD_LAYERS)))
    for path in modules:
        mine = _layer(path.stem)
        assert mine is not None
        for imported in _imports(path):
            theirs = _layer(imported)
            if theirs is not None:
                assert theirs < mine or (theirs == mine and imported.endswith(path.stem)), (
                    f"{path.name} imports {imported}, which is not below it"
                )
    every = {m for p in src.glob("*.py") for m in _imports(p)}
    assert not any(m.startswith("vitk2._foodtable_") for m in every)
    assert not (src / "_foods.py").exists()
