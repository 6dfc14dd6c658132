"""Foods: packaged SR28 and curated tables, lookups, search, portions, diaries, bulk path."""

from __future__ import annotations

import copy
import gzip
import importlib.util
import json
import math
import pickle
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from importlib import resources
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from tests.strategies import diary_entries, food_ids, gram_weights
from vitk2 import (
    DIHYDRO_K1,
    FOOD_VITAMERS,
    K1,
    MK4,
    MK7,
    AmbiguousMeasureError,
    Amount,
    Diary,
    FoodInputError,
    InvalidAmountError,
    NotFoundError,
    UnitParseError,
    UnknownFoodError,
    UnknownMeasureError,
    all_citations,
    all_food_ids,
    bulk_totals,
    food,
    menaquinone,
    search_foods,
)

ROOT = Path(__file__).resolve().parent.parent


def _build_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "tools" / "build_foods.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _packaged_sr28() -> dict[str, object]:
    data = resources.files("vitk2").joinpath("data", "foods-sr28.json.gz").read_bytes()
    loaded: dict[str, object] = json.loads(gzip.decompress(data))
    return loaded


# --- the packaged tables -------------------------------------------------------------------


def test_packaged_file_matches_a_fresh_build() -> None:
    tool = _build_tool()
    raw = tool.find_raw()
    if raw is None:
        pytest.skip("../shared/data/usda-sr28 is absent; the packaged file cannot be rebuilt here")
    packaged = resources.files("vitk2").joinpath("data", "foods-sr28.json.gz").read_bytes()
    assert tool.build(raw) == packaged


def test_counts_match_sr28_provenance() -> None:
    # PROVENANCE.md: 5,226 foods with K1, 1,410 with dihydro-K1, 588 with MK-4.
    ids = [i for i in all_food_ids() if i.isdigit()]
    foods = [food(i) for i in ids]
    assert sum(f.content(K1).known for f in foods) == 5226
    assert sum(f.content(DIHYDRO_K1).known for f in foods) == 1410
    assert sum(f.content(MK4).known for f in foods) == 588
    assert all(f.known_vitamers for f in foods)


def test_every_record_cites_known_sources() -> None:
    known = {c.key for c in all_citations()}
    for fid in all_food_ids():
        f = food(fid)
        assert set(f.sources) <= known, fid
        for c in f.contents:
            assert c.measurements, fid
            for m in c.measurements:
                assert m.sources, fid
                assert set(m.sources) <= known, (fid, m.sources)
        assert f.citations


def test_curated_file_is_well_formed() -> None:
    path = resources.files("vitk2").joinpath("data", "foods-curated.json")
    curated = json.loads(path.read_text(encoding="utf-8"))
    known = {c.key for c in all_citations()}
    for m in curated["measurements"]:
        assert vitk2.vitamer(m["vitamer"]) in FOOD_VITAMERS
        assert Fraction(m["value"]) >= 0
        assert set(m["sources"]) <= known
        assert food(m["food"]).content(m["vitamer"]).known
    for m in curated["measurements"]:
        assert m["sample"]
        assert m["location"]
    for f in curated["foods"]:
        assert f["id"].startswith("vk2:")
        assert set(f["sources"]) <= known
        assert food(f["id"]).known_vitamers  # every curated food has a measured value


def test_ndb_numbers_keep_leading_zeros() -> None:
    assert food("01009").id == "01009"
    assert food(1009) is food("01009")
    assert all(len(i) == 5 for i in all_food_ids() if i.isdigit())


# --- facts against the sources (SR28 files and the cited papers) ---------------------------


@pytest.mark.parametrize(
    ("ndb", "vitamer", "value", "points", "basis"),
    [
        ("11233", K1, "704.8", 1, "analytical"),  # Kale, raw
        ("01009", MK4, "8.6", 2, "analytical"),  # Cheese, cheddar
        ("01009", K1, "2.4", 2, "analytical"),
        ("16113", K1, "23.1", 0, "calculated or imputed"),  # Natto: imputed from 16112
        ("01002", MK4, "20.9", 4, "analytical"),  # Butter, whipped, with salt
        ("04044", K1, "183.9", 35, "analytical"),  # Soybean oil
        ("11090", K1, "101.6", 8, "analytical"),  # Broccoli, raw
    ],
)
def test_sr28_values(
    ndb: str, vitamer: vitk2.Vitamer, value: str, points: int, basis: str
) -> None:
    sr28 = [m for m in food(ndb).content(vitamer).measurements if m.sources == ("usda-sr28",)]
    assert len(sr28) == 1
    assert sr28[0].micrograms_per_100g == Fraction(value)
    assert sr28[0].data_points == points
    assert sr28[0].basis == basis


def test_sr28_provenance_fields() -> None:
    natto = food("16113").content(K1).measurements[0]
    provenance = (natto.source_code, natto.derivation_code, natto.reference_food)
    assert provenance == ("4", "BFSN", "16112")
    assert natto.source_meaning == "Calculated or imputed"
    butter = food("01002").content(MK4).measurements[0]
    assert (butter.sample_min, butter.sample_max) == (Fraction("19.3"), Fraction("22.0"))
    oil = food("04044").content(K1).measurements[0]
    assert (oil.sample_min, oil.sample_max) == (Fraction("108.1"), Fraction("290.0"))
    assert food("01009").group == "Dairy and Egg Products"
    assert food("01009").group_code == "0100"


def test_household_measures_from_sr28() -> None:
    assert food("16113").measure("cup").grams == 175
    assert food("01001").measure("tbsp").grams == Fraction("14.2")
    assert food("01077").grams("1 cup") == 244
    assert food("01125").grams("1 large") == 17  # one large egg yolk


def test_curated_values_from_kamao_2007() -> None:
    natto = food("16113").content(MK7)
    assert natto.micrograms_per_100g == 939
    assert natto.sources == ("kamao-2007",)
    assert natto.measurements[0].basis == "analytical"
    spinach = food("11457").content(K1)
    assert [m.micrograms_per_100g for m in spinach.measurements] == [Fraction("482.9"), 498]
    assert (spinach.low, spinach.high) == (Fraction("482.9"), Fraction(498))
    broccoli = food("11090").content(K1)
    assert (broccoli.low, broccoli.high) == (Fraction("101.6"), Fraction(307))


@pytest.mark.parametrize(
    ("fid", "vitamer", "value", "source"),
    [
        # Dunlop et al. 2022, abstract: Australian Cheddar MK-9 8, MK-8 4, MK-5 1.1 µg/100 g
        ("01009", "MK-9", "8", "dunlop-2022"),
        ("01009", "MK-8", "4", "dunlop-2022"),
        ("01009", "MK-5", "1.1", "dunlop-2022"),
        ("01017", "MK-5", "1.0", "dunlop-2022"),  # cream cheese
        ("vk2:chicken-leg-meat-au", "MK-4", "58", "dunlop-2022"),
        # Chollet et al. 2017, abstract medians in µg/kg: 149, 70, 167, 66, 48 (× 0.1)
        ("vk2:cheese-vacherin-fribourgeois", "MK-9", "14.9", "chollet-2017"),
        ("vk2:cheese-vacherin-fribourgeois", "MK-8", "7", "chollet-2017"),
        ("vk2:cheese-raclette", "MK-9", "16.7", "chollet-2017"),
        ("vk2:cheese-raclette", "MK-8", "6.6", "chollet-2017"),
        ("vk2:cheese-emmental-young", "MK-4", "4.8", "chollet-2017"),
        # Tanaka & Tanaka 2024, abstract: dried natto MK-7 3997.57 µg/100 g
        ("vk2:natto-dried", "MK-7", "3997.57", "tanaka-2024"),
        ("vk2:matcha", "K1", "3069.66", "tanaka-2024"),
    ],
)
def test_curated_values_from_the_papers(fid: str, vitamer: str, value: str, source: str) -> None:
    measured = [m for m in food(fid).content(vitamer).measurements if source in m.sources]
    assert [m.micrograms_per_100g for m in measured] == [Fraction(value)]
    assert measured[0].location == "abstract"
    assert measured[0].sample
    assert measured[0].basis == "analytical"


def test_curated_cheeses_keep_sources_apart() -> None:
    cheddar = food("01009")
    mk4 = cheddar.content(MK4)
    assert mk4.sources == ("usda-sr28",)  # the Australian paper gives no Cheddar MK-4
    mk9 = cheddar.content(menaquinone(9))
    assert mk9.sources == ("dunlop-2022",)
    assert (mk9.low, mk9.micrograms_per_100g, mk9.high) == (Fraction(8),) * 3
    assert "Australian" in (mk9.measurements[0].sample or "")
    assert cheddar.content(menaquinone(10)).micrograms_per_100g is None
    raclette = food("vk2:cheese-raclette")
    assert raclette.origin == "curated"
    assert [c.short for c in raclette.citations] == ["Chollet et al. 2017"]
    assert raclette.amount_of("MK-9", "30 g") == Amount.from_micrograms(
        menaquinone(9), Fraction("5.01")
    )
    assert raclette.content(MK7).known is False


def test_assumed_zero_is_a_flagged_zero() -> None:
    zeros = [
        m
        for fid in all_food_ids()[:2000]
        for c in food(fid).contents
        for m in c.measurements
        if m.assumed_zero
    ]
    assert zeros
    assert all(m.micrograms_per_100g == 0 and m.basis == "assumed zero" for m in zeros)


def test_missing_is_unknown_not_zero() -> None:
    kale = food("11233")
    assert kale.content(MK4).micrograms_per_100g is None
    assert kale.content(MK4).per_100g is None
    assert kale.amount_of(MK7, "100 g") is None
    assert str(kale.content(MK7)) == "MK-7 unknown"
    assert kale.content(menaquinone(9)).low is None


# --- lookups and search --------------------------------------------------------------------


@given(food_ids(), st.sampled_from([str.upper, str.lower, str.title, str.swapcase]), st.data())
def test_lookup_is_case_and_whitespace_insensitive(
    fid: str, case: object, data: st.DataObject
) -> None:
    f = food(fid)
    assert callable(case)
    spaced = data.draw(st.sampled_from(["  {}", "{}  ", "\t{}\n"])).format(case(f.description))
    spaced = spaced.replace(" ", data.draw(st.sampled_from([" ", "  ", " \t "])))
    assert food(spaced) is f
    assert food(f"  {fid} ") is f


@given(food_ids())
def test_search_finds_each_food_by_its_description(fid: str) -> None:
    f = food(fid)
    results = search_foods(f.description, limit=500)
    assert f in results


@given(st.sampled_from(["chees", "chicken bre", "kale", "natto", "milk who", "butter salt"]))
def test_every_result_matches_every_word_prefix(query: str) -> None:
    results = search_foods(query, limit=50)
    assert results
    for f in results:
        words = set((f.description + " " + (f.common_names or "")).casefold().replace(",", " ")
                    .replace("-", " ").split())
        for q in query.split():
            assert any(w.startswith(q) or q.startswith(w) for w in words), (q, f)


@pytest.mark.parametrize(
    ("query", "fid"),
    [
        ("raclette", "vk2:cheese-raclette"),
        ("vacherin", "vk2:cheese-vacherin-fribourgeois"),
        ("emmental young", "vk2:cheese-emmental-young"),
        ("natto dried", "vk2:natto-dried"),
        ("matcha", "vk2:matcha"),
        ("lamb liver australian", "vk2:lamb-liver-au"),
    ],
)
def test_search_finds_curated_foods(query: str, fid: str) -> None:
    assert search_foods(query)[0].id == fid


def test_search_mixes_curated_and_sr28_foods() -> None:
    natto = [f.id for f in search_foods("natto")]
    assert natto[0] == "16113"
    assert "vk2:natto-dried" in natto
    cheese = {f.id for f in search_foods("cheese", limit=500)}
    assert {"01009", "vk2:cheese-raclette", "vk2:cheese-vacherin-fribourgeois"} <= cheese
    assert food("cheese, raclette (swiss)").id == "vk2:cheese-raclette"


def test_search_ranking_examples() -> None:
    assert search_foods("cheddar")[0].id == "01009"
    assert search_foods("natto")[0].id == "16113"
    assert search_foods("kale")[0].description == "Kale, raw"
    assert search_foods("chicken breast roasted")[0].id == "05064"
    assert search_foods("eggs")[0].description.startswith("Egg, whole, raw")
    assert search_foods("CHEDDAR") == search_foods("  cheddar ")
    assert len(search_foods("cheese", limit=3)) == 3


def test_unknown_food_is_a_clear_error() -> None:
    with pytest.raises(UnknownFoodError, match=r"'kale'.*did you mean 'Kale, raw'"):
        food("kale")
    with pytest.raises(NotFoundError, match="99999"):
        food("99999")
    with pytest.raises(LookupError):
        food("")
    with pytest.raises(UnknownFoodError):
        food(3.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError):
        search_foods("kale", limit=0)


@given(
    st.data(),
    food_ids(),
    st.sampled_from(["drop", "swap", "double", "prefix"]),
)
def test_suggestions_resolve_to_the_suggested_food(
    data: st.DataObject, fid: str, typo: str
) -> None:
    # a misspelt description, a word prefix or a stray string: whatever food() suggests for it
    # must look the suggested food up again
    words = food(fid).description.split()
    i = data.draw(st.integers(0, len(words) - 1))
    w = words[i]
    j = data.draw(st.integers(0, max(len(w) - 1, 0)))
    if typo == "drop":
        w = w[:j] + w[j + 1 :]
    elif typo == "swap":
        w = w[:j] + w[j + 1 : j + 2] + w[j : j + 1] + w[j + 2 :]
    elif typo == "double":
        w = w[:j] + w[j : j + 1] * 2 + w[j + 1 :]
    else:
        words = words[: i + 1]
    query = " ".join([*words[:i], w, *words[i + 1 :]])
    try:
        found = food(query)
    except UnknownFoodError as caught:
        err = caught
    else:  # the mangled text is some food's exact description (or id): no suggestions
        folded = " ".join(found.description.split()).casefold()
        assert " ".join(query.split()).casefold() in {folded, found.id}
        return
    assert len(err.suggestions) == len(err.suggested_ids)
    for text, suggested in zip(err.suggestions, err.suggested_ids, strict=True):
        assert food(text).id == suggested
        assert repr(text) in str(err)


def test_suggestions_for_a_stray_string() -> None:
    with pytest.raises(UnknownFoodError) as caught:
        food("raclete")
    assert caught.value.suggestions
    assert [food(s).id for s in caught.value.suggestions] == list(caught.value.suggested_ids)
    with pytest.raises(UnknownFoodError) as nothing:
        food("")
    assert nothing.value.suggestions == ()


# --- portions -------------------------------------------------------------------------------


@given(food_ids(), st.sampled_from(FOOD_VITAMERS), gram_weights(), gram_weights())
def test_content_is_linear_in_grams(fid: str, v: vitk2.Vitamer, a: Fraction, b: Fraction) -> None:
    f = food(fid)
    one = f.amount_of(v, f"{a} g")
    two = f.amount_of(v, f"{b} g")
    both = f.amount_of(v, f"{a + b} g")
    if not f.content(v).known:
        assert one is None
        assert both is None
        return
    assert one is not None
    assert two is not None
    assert both == one + two
    ug = f.content(v).micrograms_per_100g
    assert ug is not None
    assert one.micrograms == ug * a / 100


def test_portions_in_mass_units() -> None:
    kale = food("11233")
    assert kale.grams("30 g") == 30
    assert kale.grams("0.25 kg") == 250
    assert kale.grams("500 mg") == Fraction(1, 2)
    assert kale.grams("3 oz") == 3 * Fraction("28.349523125")
    assert kale.grams("1 lb") == Fraction("453.59237")
    assert kale.grams(vitk2.Amount("K1", "5 g").mass) == 5
    assert kale.amount_of(K1, "100 g") == Amount(K1, "704.8 µg")


def test_portions_in_household_measures() -> None:
    cheddar = food("01009")
    assert cheddar.grams("2 slice") == cheddar.grams("2 slices") == 56
    butter = food("01001")
    assert butter.grams("2 tbsp") == butter.grams("2 tablespoons") == Fraction("28.4")
    assert butter.grams("1/2 stick") == butter.grams("½ stick") == Fraction(113, 2)
    assert butter.grams("1 1/2 tbsp") == Fraction("21.3")
    assert food("16113").amount_of(MK7, "1 cup") == Amount(MK7, "1643.25 µg")


def test_bad_portions() -> None:
    natto = food("16113")
    with pytest.raises(UnknownMeasureError, match=r"'1 tbsp'.*it has: 1 cup \(175 g\)"):
        natto.grams("1 tbsp")
    with pytest.raises(InvalidAmountError):
        natto.grams("-30 g")
    with pytest.raises(InvalidAmountError):
        natto.grams("-1 cup")
    with pytest.raises(InvalidAmountError):
        natto.grams("nan g")
    with pytest.raises(UnitParseError, match="bare number"):
        natto.grams("30")
    with pytest.raises(UnitParseError):
        natto.grams("a little")
    with pytest.raises(UnitParseError):
        natto.grams(30)
    with pytest.raises(UnknownMeasureError):
        natto.grams("30 mL")


def test_ambiguous_measure_lists_the_choices() -> None:
    # Kale, raw has "cup 1\" pieces, loosely packed" and "cup, chopped" of different weights.
    kale = food("11233")
    cups = {m.grams_per_unit for m in kale.measures if m.description.startswith("cup")}
    if len(cups) > 1:
        with pytest.raises(AmbiguousMeasureError, match="fits several measures"):
            kale.grams("1 cup")
    broccoli = food("11090")
    with pytest.raises(AmbiguousMeasureError):
        broccoli.grams("1 cup")


# --- diaries ---------------------------------------------------------------------------------


@given(diary_entries(), st.randoms(use_true_random=False))
def test_diary_total_is_the_sum_of_its_entries_in_any_order(
    entries: list[tuple[str, Fraction]], rnd: object
) -> None:
    diary = Diary.of(*((fid, f"{g} g") for fid, g in entries))
    shuffled = list(entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    other = Diary.of(*((fid, f"{g} g") for fid, g in shuffled))
    totals, other_totals = diary.totals(), other.totals()
    for v in FOOD_VITAMERS:
        t = totals[v]
        assert t.known == other_totals[v].known
        assert len(t.unknown_entries) == len(other_totals[v].unknown_entries)
        amounts = [food(fid).amount_of(v, f"{g} g") for fid, g in entries]
        known = [a for a in amounts if a is not None]
        assert t.unknown_entries == tuple(i for i, a in enumerate(amounts) if a is None)
        if entries and not known:
            assert t.known is None
        else:
            assert t.known == sum(known, Amount.from_micrograms(v, 0))
            assert t.low is not None
            assert t.high is not None
            assert t.low <= t.known <= t.high
        assert t.is_lower_bound == (bool(known) and len(known) < len(entries))


def test_diary_reports_unknowns() -> None:
    t = Diary.of(("16113", "100 g"), ("11233", "100 g")).totals()
    assert t[MK7].known == Amount(MK7, "939 µg")
    assert t[MK7].unknown_entries == (1,)
    assert t[MK7].is_lower_bound
    assert t.unknown["MK-7"] == (1,)
    assert t[K1].is_complete
    assert t[menaquinone(5)].known is None
    assert str(t[menaquinone(5)]) == "MK-5 unknown (2 of 2 entries unknown)"
    with pytest.raises(NotFoundError):
        t["K3"]


def test_diary_is_unchanged_after_a_bad_entry() -> None:
    d = Diary.of(("11233", "30 g"))
    with pytest.raises(UnknownFoodError):
        d.extend([("11233", "10 g"), ("nonsense food", "10 g")])
    with pytest.raises(UnknownMeasureError):
        d.add("16113", "1 tbsp")
    assert len(d) == 1


# --- bulk path -------------------------------------------------------------------------------


@given(diary_entries(max_size=12))
def test_bulk_agrees_with_the_per_entry_path(entries: list[tuple[str, Fraction]]) -> None:
    ids = [fid for fid, _ in entries]
    grams = [float(g) for _, g in entries]
    bulk = bulk_totals(np.array(ids, dtype=str), np.array(grams))
    exact = Diary.of(*((fid, f"{g} g") for fid, g in zip(ids, grams, strict=True))).totals()
    for v in FOOD_VITAMERS:
        t = exact[v]
        assert bulk.unknown_count(v) == len(t.unknown_entries)
        if t.known is None:
            assert math.isnan(bulk.total(v))
        else:
            assert bulk.total(v) == pytest.approx(float(t.known.micrograms), rel=1e-9, abs=1e-9)


def test_bulk_groups_and_integer_ids() -> None:
    ids = np.array([11233, 16113, 1009, 1009])
    grams = np.array([30.0, 100.0, 28.0, 0.0])
    t = bulk_totals(ids, grams, groups=np.array([0, 0, 2, 2]), n_groups=4)
    assert t.entries.tolist() == [2, 0, 2, 0]
    assert t.micrograms[K1][[0, 2]].tolist() == pytest.approx([234.54, 0.672])
    assert t.micrograms[K1][[1, 3]].tolist() == [0.0, 0.0]
    assert math.isnan(t.micrograms[MK4][0])  # both entries of group 0 unknown: not zero
    assert t.unknown[MK4].tolist() == [2, 0, 0, 0]
    same = bulk_totals(["11233", "16113", "01009", "01009"], grams)
    assert same.total(K1) == pytest.approx(t.total(K1))


def test_bulk_bad_input() -> None:
    with pytest.raises(UnknownFoodError, match=r"food_ids\[1\] = '99999'"):
        bulk_totals(["11233", "99999"], [1.0, 2.0])
    with pytest.raises(UnknownFoodError):
        bulk_totals(np.array([11233, 99999]), [1.0, 2.0])
    with pytest.raises(InvalidAmountError, match=r"grams\[1\] = nan"):
        bulk_totals(["11233", "11233"], [1.0, float("nan")])
    with pytest.raises(InvalidAmountError, match="negative"):
        bulk_totals(["11233"], [-0.5])
    with pytest.raises(FoodInputError):
        bulk_totals(["11233"], [1.0, 2.0])
    with pytest.raises(FoodInputError):
        bulk_totals(["11233"], [1.0], groups=[-1])
    with pytest.raises(FoodInputError):
        bulk_totals(["11233"], [1.0], groups=[3], n_groups=2)
    with pytest.raises(FoodInputError):
        bulk_totals(np.array([1.5]), [1.0])


def test_bulk_empty_input_is_complete_zero() -> None:
    t = bulk_totals(np.array([], dtype=str), np.array([]))
    assert t.total(K1) == 0.0
    assert t.unknown_count(K1) == 0


@pytest.mark.parametrize("pair", [("11233",), "11233", ("11233", "30 g", "extra"), None])
def test_diary_entries_must_be_pairs(pair: object) -> None:
    with pytest.raises(FoodInputError, match="pair"):
        Diary.of(pair)  # type: ignore[arg-type]


def test_bulk_grams_must_be_numbers() -> None:
    pytest.importorskip("numpy")
    with pytest.raises(FoodInputError, match="numbers"):
        bulk_totals(["11233"], ["a"])


# --- diaries: one answer however a mapping is asked; linear, shared building (issue 16) ------

_NAMES = st.sampled_from(
    [*FOOD_VITAMERS, *(v.key for v in FOOD_VITAMERS), "menaquinone-7", "K3", "MK-13",
     "not a vitamer", "", None, 7]
)


@given(diary_entries(), st.lists(_NAMES, min_size=1, max_size=6))
def test_unknown_entries_answers_the_same_whichever_way_it_is_asked(
    entries: list[tuple[str, Fraction]], keys: list[object]
) -> None:
    totals = Diary.of(*((fid, f"{g} g") for fid, g in entries)).totals()
    unknown = totals.unknown
    assert len(unknown) == len(list(unknown)) == len(dict(unknown.items()))
    assert dict(unknown) == {t.vitamer: t.unknown_entries for t in totals if t.unknown_entries}
    for key in [*keys, *unknown]:
        if key in unknown:
            assert unknown.get(key) == unknown[key] == totals[key].unknown_entries
            assert unknown[key]
        else:
            assert unknown.get(key) is None
            assert unknown.get(key, ()) == ()
            with pytest.raises(LookupError):
                unknown[key]
    assert hash(unknown) == hash(totals.unknown)
    assert unknown == totals.unknown


def test_unknown_entries_is_immutable_and_refuses_what_it_cannot_hold() -> None:
    unknown = Diary.of(("11233", "30 g")).totals().unknown
    with pytest.raises(AttributeError):
        unknown._data = {}
    assert not hasattr(unknown, "__setitem__")
    with pytest.raises(NotFoundError, match="no unknown entries"):
        unknown["K1"]
    with pytest.raises(vitk2.UnknownVitamerError):
        unknown["vitamin Q"]
    with pytest.raises(FoodInputError):
        vitk2.UnknownEntries({"MK-7": (1,)})  # type: ignore[dict-item]


def test_diary_totals_contains_what_it_indexes() -> None:
    totals = Diary.of(("16113", "100 g")).totals(["K1", "MK-7"])
    assert len(totals) == 2
    for present in ("K1", MK7, "menaquinone-7"):
        assert present in totals
    for absent in ("MK-4", "nonsense", None):
        assert absent not in totals
    assert totals["MK-7"] in totals
    with pytest.raises(NotFoundError, match="not tracked"):
        totals["MK-4"]


_OPS = st.lists(
    st.tuples(st.integers(0, 30), food_ids(), gram_weights(500)), min_size=1, max_size=25
)


@given(_OPS)
def test_diaries_that_share_entries_never_see_each_others(
    ops: list[tuple[int, str, Fraction]]
) -> None:
    # Grow a tree of diaries from random earlier versions; each must equal a plain tuple model.
    versions = [Diary()]
    models: list[tuple[tuple[str, Fraction], ...]] = [()]
    for pick, fid, grams in ops:
        i = pick % len(versions)
        versions.append(versions[i].add(fid, f"{grams} g"))
        models.append((*models[i], (fid, grams)))
    for diary, model in zip(versions, models, strict=True):
        assert len(diary) == len(model)
        assert [(e.food.id, e.grams) for e in diary.entries] == list(model)
        assert diary == Diary.of(*((fid, f"{g} g") for fid, g in model))
        assert hash(diary) == hash(Diary.of(*((fid, f"{g} g") for fid, g in model)))


def test_diary_is_a_value() -> None:
    d = Diary.of(("11233", "30 g"), ("16113", "1 cup"))
    with pytest.raises(AttributeError):
        d.entries = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d._length = 0
    assert pickle.loads(pickle.dumps(d)) == d
    assert copy.deepcopy(d) == d == Diary(d.entries)
    assert d != Diary.of(("11233", "30 g"))
    assert {d: 1}[Diary(d.entries)] == 1
    with pytest.raises(FoodInputError, match="not a DiaryEntry"):
        Diary([("11233", "30 g")])  # type: ignore[list-item]
    with pytest.raises(FoodInputError):
        Diary.of(("11233", "30 g")).extend(None)  # type: ignore[arg-type]


@given(
    st.lists(
        st.tuples(food_ids(), st.sampled_from(["1", "2", "1/2", "1 1/2", "0.25"]), st.integers()),
        max_size=8,
    )
)
def test_household_measure_totals_agree_with_each_entrys_amount(
    rows: list[tuple[str, str, int]]
) -> None:
    pairs = []
    for fid, count, k in rows:
        f = food(fid)
        portion = f"{count} {f.measures[k % len(f.measures)].description}" if f.measures else "1 g"
        pairs.append((fid, portion))
    totals = Diary.of(*pairs).totals()
    for v in FOOD_VITAMERS:
        amounts = [food(fid).amount_of(v, p) for fid, p in pairs]
        known = [a for a in amounts if a is not None]
        assert totals[v].unknown_entries == tuple(i for i, a in enumerate(amounts) if a is None)
        if known or not pairs:
            assert totals[v].known == sum(known, Amount.from_micrograms(v, 0))


def test_a_callers_food_with_a_catalogue_id_keeps_its_own_measures() -> None:
    kale = food("11233")
    mine = vitk2.Food(
        id="11233",
        description="My kale",
        measures=(
            vitk2.HouseholdMeasure(amount=Fraction(1), description="cup", grams=Fraction(99)),
        ),
        contents=kale.contents,
    )
    assert Diary().add(kale, "1 cup").entries[0].grams == 16  # SR28: 1 cup 1" pieces, 16 g
    assert Diary().add(mine, "1 cup").entries[0].grams == 99
    assert Diary().add(kale, "1 cup").entries[0].grams == 16
    # totals group entries by food object, so the two kales are not merged either
    d = Diary().add(kale, "100 g").add(mine, "100 g")
    assert d.totals()["K1"].known == 2 * kale.content("K1").per_100g  # type: ignore[operator]


def test_diaries_grown_from_one_diary_in_threads_keep_their_own_entries() -> None:
    base = Diary.of(("11233", "1 g"))
    grams = list(range(2, 202))
    with ThreadPoolExecutor(max_workers=8) as pool:
        grown = list(pool.map(lambda g: base.add("11233", f"{g} g").add("16113", f"{g} g"), grams))
    assert len(base) == 1
    for g, d in zip(grams, grown, strict=True):
        assert [e.grams for e in d.entries] == [1, g, g]


# --- str() of diary totals: a short table, unknown stays unknown (issue 14) --------------------


@given(diary_entries())
def test_diary_totals_read_as_a_table_and_never_print_unknown_as_zero(
    entries: list[tuple[str, Fraction]],
) -> None:
    totals = Diary.of(*((fid, f"{g} g") for fid, g in entries)).totals()
    text = str(totals)
    lines = text.splitlines()
    if not entries:
        assert lines == ["Vitamin K per vitamer: the diary has no entries."]
        return
    assert lines[0].endswith(f"{len(entries)} diary entr{'y' if len(entries) == 1 else 'ies'}:")
    assert len(lines) == 1 + len(totals.per_vitamer)
    for line, t in zip(lines[1:], totals.per_vitamer, strict=True):
        assert line.split()[0] == t.vitamer.key
        if t.known is None:
            assert "unknown" in line
        else:
            assert ("at least" in line) == bool(t.unknown_entries)
    assert repr(totals).startswith("DiaryTotals(per_vitamer=(")
