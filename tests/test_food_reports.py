"""Cross-table views, richest foods, typo-forgiving search, diary coverage and consistency.

Each works over any food table: the packaged SR28 and curated tables, and the test-only third
table of tests/test_food_tables.py (registered here with a cited link).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import vitk2
from tests import strategies as s
from tests.test_food_tables import FIXTURE_SOURCE, _fixture_table, fixture_sources  # noqa: F401
from vitk2 import (
    FOOD_VITAMERS,
    Diary,
    FoodInputError,
    InvalidAmountError,
    NotFoundError,
    Vitk2Error,
    corrected_words,
    food,
    food_across_tables,
    intake_consistency,
    richest_foods,
    search_foods,
)
from vitk2._food_search import close_words, edit_distance, max_edits, search_index
from vitk2._food_tables import (
    FoodLink,
    FoodTable,
    catalogue,
    register_food_table,
    unregister_food_table,
)

# ------------------------------------------------------------------------------------------
# A third table with a cited link: its quark is the same food as SR28's cottage cheese
# ------------------------------------------------------------------------------------------

COTTAGE = "01012"


def _linked_table(link_to: str = COTTAGE, *, sources: tuple[str, ...] | None = None) -> FoodTable:
    """The fixture table, its quark linked to *link_to* (citing the fixture unless *sources*)."""
    link = FoodLink(
        food="fx:quark",
        same_as=link_to,
        sources=(FIXTURE_SOURCE["key"],) if sources is None else sources,
        note="the fixture's quark is sampled as cottage cheese",
    )
    return _fixture_table(links=(link,))


@pytest.fixture
def linked_table(fixture_sources: None) -> Iterator[FoodTable]:  # noqa: F811
    table = _linked_table()
    register_food_table(table)
    try:
        yield table
    finally:
        unregister_food_table("fx")


# ------------------------------------------------------------------------------------------
# Cross-table views
# ------------------------------------------------------------------------------------------


def test_cheddar_per_table_and_across_tables_each_value_citing_its_table() -> None:
    view = food_across_tables("Cheese, cheddar")
    assert view.tables == ("sr28", "vk2")
    sr28 = {c.vitamer.key: c for c in view.in_table("sr28")}
    assert {"K1", "MK-4"} <= set(sr28)
    assert all(c.sources == ("usda-sr28",) for c in sr28.values())
    mk9 = view.content("MK-9")
    assert mk9.tables == ("vk2",)
    assert mk9.sources == ("dunlop-2022",)
    assert [v.food_id for v in mk9.values] == ["01009"]
    assert "MK-9" not in sr28


def test_disagreement_is_a_range_with_each_end_sourced_never_an_average() -> None:
    k1 = food_across_tables("Spinach, raw").content("K1")
    assert k1.lowest is not None
    assert k1.highest is not None
    assert (k1.lowest.table, k1.lowest.micrograms_per_100g) == ("sr28", Fraction("482.9"))
    assert (k1.highest.table, k1.highest.micrograms_per_100g) == ("vk2", Fraction(498))
    assert not k1.agree
    assert not hasattr(k1, "micrograms_per_100g")  # no central value to read silently
    assert "482.9–498" in str(k1)


def test_unknown_table_is_named_with_the_tables_that_answer() -> None:
    with pytest.raises(NotFoundError, match=r"'nevo'.*these do: sr28, vk2"):
        food_across_tables("01009").in_table("nevo")


@given(s.food_ids(), st.sampled_from(FOOD_VITAMERS))
def test_unknown_is_not_zero_across_tables(fid: str, v: vitk2.Vitamer) -> None:
    f = food(fid)
    c = food_across_tables(f).content(v)
    assert c.known == f.content(v).known
    if not c.known:
        assert c.low is None
        assert c.high is None
        assert c.values == ()
        assert "unknown in every table" in str(c)
    else:
        assert c.low == f.content(v).low
        assert c.high == f.content(v).high
        assert set(c.tables) <= {t.namespace for t in vitk2._food_tables.food_tables()}


def test_a_third_table_is_linked_by_its_cited_link(linked_table: FoodTable) -> None:
    quark = food_across_tables("fx:quark")
    assert [f.id for f in quark.linked] == [COTTAGE]
    assert quark.link_sources == (FIXTURE_SOURCE["key"],)
    k1 = quark.content("K1")
    assert {(v.table, v.food_id) for v in k1.values} == {("fx", "fx:quark"), ("sr28", COTTAGE)}
    # the link works from either side, and the quark's own MK-7 stays its own
    cottage = food_across_tables(COTTAGE)
    assert [f.id for f in cottage.linked] == ["fx:quark"]
    assert [v.food_id for v in cottage.content("MK-7").values] == ["fx:quark"]
    assert "same food as fx:quark" in cottage.to_text()
    # a value given for another table's food is that table's, without a link
    kale = food_across_tables("11233").content("MK-7")
    assert [(v.table, v.micrograms_per_100g) for v in kale.values] == [("fx", Fraction(3, 2))]


@pytest.mark.parametrize(
    ("link_to", "sources", "message"),
    [
        ("99999", None, "links unknown food '99999'"),
        ("fx:kefir", None, "of the same table"),
        (COTTAGE, (), "cites nothing"),
    ],
)
def test_a_bad_link_is_refused_and_nothing_registered(
    fixture_sources: None,  # noqa: F811
    link_to: str,
    sources: tuple[str, ...] | None,
    message: str,
) -> None:
    with pytest.raises(Vitk2Error, match=message):
        register_food_table(_linked_table(link_to, sources=sources))
    assert "fx:quark" not in catalogue().listings


# ------------------------------------------------------------------------------------------
# Richest foods
# ------------------------------------------------------------------------------------------


@given(st.sampled_from(FOOD_VITAMERS), st.integers(1, 40), st.sampled_from(["100 g", "serving"]))
def test_ranking_is_best_first_and_counts_every_food(
    v: vitk2.Vitamer, limit: int, per: str
) -> None:
    r = richest_foods(v, limit=limit, per=per)  # type: ignore[arg-type]
    assert len(r.foods) <= limit
    assert r.known + r.unknown == len(vitk2.all_food_ids())
    assert [x.rank for x in r.foods] == list(range(1, len(r.foods) + 1))
    if per == "100 g":
        keys = [(-x.micrograms_per_100g, x.food.id) for x in r.foods]
    else:
        assert all(x.per_serving is not None for x in r.foods)
        keys = [(-x.per_serving.micrograms, x.food.id) for x in r.foods]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    for x in r.foods:
        assert food(x.food.id).content(v).known  # unknown is never ranked
        assert x.measured + x.imputed == len(food(x.food.id).content(v).measurements)


@pytest.mark.parametrize("v", ["K1", "MK-4", "MK-7", "MK-9"])
def test_the_top_food_is_the_richest_of_all(v: str) -> None:
    best = max(
        (f for f in map(food, vitk2.all_food_ids()) if f.content(v).known),
        key=lambda f: (f.content(v).micrograms_per_100g, [-ord(c) for c in f.id]),
    )
    assert richest_foods(v, limit=1).foods[0].food == best


def test_ranking_by_table_counts_only_that_tables_values() -> None:
    r = richest_foods("MK-7", tables=["sr28"])
    assert r.foods == ()
    assert r.known == 0  # SR28 never measured MK-7: unknown, not zero
    assert "0 foods have a value for MK-7; " in r.to_text()
    assert "have none (unknown, not zero)" in r.to_text()
    vk2 = richest_foods("MK-7", tables=["vk2"])
    assert "16113" in {x.food.id for x in vk2.foods}  # natto's MK-7 comes from the curated table


def test_measured_and_imputed_are_counted() -> None:
    r = richest_foods("K1", limit=40)
    assert r.measured + r.imputed == sum(x.measured + x.imputed for x in r.foods)
    assert r.measured > 0
    assert r.imputed > 0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"per": "cup"}, InvalidAmountError, "per='cup'"),
        ({"limit": 0}, InvalidAmountError, "limit=0"),
        ({"tables": ["usda"]}, NotFoundError, "no such food table"),
    ],
)
def test_ranking_arguments_are_checked(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        richest_foods("K1", **kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# Search that forgives typing
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("brocolli", "Broccoli, raw"), ("kael", "Kale, raw"), ("chedar", "Cheese, cheddar")],
)
def test_misspellings_find_the_food_first(typed: str, meant: str) -> None:
    assert search_foods(typed)[0].description == meant
    assert search_foods(typed, fuzzy=False) == ()
    assert corrected_words(typed)[typed][0] in meant.casefold()


def test_fuzzy_search_covers_every_table(linked_table: FoodTable) -> None:
    assert search_foods("kefr")[0].id == "fx:kefir"
    assert search_foods("raclete")[0].id == "vk2:cheese-raclette"


def test_fewer_edits_rank_first() -> None:
    found = search_foods("chedar", limit=50)
    edits = [
        min(edit_distance("chedar", w, 2) for w in vitk2._food_names.name_words(f.description))
        for f in found
    ]
    assert edits == sorted(edits)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, unbounded (the oracle)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


_letters = st.text(alphabet="abcdeklnorst", min_size=0, max_size=9)


@given(_letters, _letters, st.integers(0, 3))
def test_bounded_edit_distance_agrees_with_the_oracle(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(_osa(a, b), limit + 1)


@st.composite
def _typos(draw: st.DrawFn) -> tuple[str, str]:
    """A word of the foods with one edit: a swap, a dropped, doubled or changed letter."""
    word = draw(st.sampled_from([w for w in search_index().vocab if len(w) >= 5]))
    i = draw(st.integers(0, len(word) - 2))
    kind = draw(st.sampled_from(["swap", "drop", "double", "change"]))
    if kind == "swap":
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif kind == "drop":
        typo = word[:i] + word[i + 1 :]
    elif kind == "double":
        typo = word[:i] + word[i] + word[i:]
    else:
        typo = word[:i] + draw(st.sampled_from("aeiouxz")) + word[i + 1 :]
    return word, typo


@given(_typos())
def test_one_typo_finds_the_word_both_ways(pair: tuple[str, str]) -> None:
    word, typo = pair
    vocab = search_index().vocab
    assume(len(typo) >= 5)
    python = close_words(typo, vocab, accelerated=False)
    if typo != word:
        assert python.get(word) == 1
    pytest.importorskip("rapidfuzz")
    assert close_words(typo, vocab, accelerated=True) == python


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
def test_close_words_are_within_the_limit(word: str) -> None:
    found = close_words(word, search_index().vocab, accelerated=False)
    assert all(d == _osa(word, w) <= max_edits(word) for w, d in found.items())
    if len(word) < 3:
        assert found == {}


# ------------------------------------------------------------------------------------------
# Diary coverage (completeness by weight)
# ------------------------------------------------------------------------------------------

MIXED = ("16113", "11233", "01009", "11457", "vk2:cheese-raclette")


def _mixed_ids() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(MIXED), s.food_ids())


def _diary(pairs: list[tuple[str, Fraction]]) -> Diary:
    return Diary.of(*((fid, f"{vitk2._units.format_number(g)} g") for fid, g in pairs))


_pairs = st.lists(st.tuples(_mixed_ids(), s.gram_weights()), max_size=6)


@given(_pairs, st.sampled_from(FOOD_VITAMERS))
def test_coverage_is_a_share_of_the_weight(
    pairs: list[tuple[str, Fraction]], v: vitk2.Vitamer
) -> None:
    t = _diary(pairs).totals()[v]
    grams = sum((g for _, g in pairs), Fraction(0))
    if grams == 0:
        assert t.coverage is None
        return
    assert t.coverage is not None
    assert 0 <= t.coverage <= 1
    known = sum((g for fid, g in pairs if food(fid).content(v).known), Fraction(0))
    assert t.coverage == known / grams
    assert t.is_complete == (len(t.unknown_entries) == 0)


@given(_pairs, _mixed_ids(), s.gram_weights(), st.sampled_from(FOOD_VITAMERS))
def test_coverage_grows_when_a_known_entry_is_added(
    pairs: list[tuple[str, Fraction]], fid: str, grams: Fraction, v: vitk2.Vitamer
) -> None:
    before = _diary(pairs).totals()[v].coverage
    after = _diary([*pairs, (fid, grams)]).totals()[v].coverage
    if food(fid).content(v).known:
        assert after is None or before is None or after >= before
        if grams > 0:
            assert after is not None
            assert after > 0
    elif before is not None and after is not None:
        assert after <= before


def test_a_total_says_how_much_of_the_weight_it_covers() -> None:
    t = Diary.of(("Natto", "20 g"), ("Kale, raw", "80 g")).totals()["MK-7"]
    assert t.coverage == Fraction(1, 5)
    assert str(t).endswith("(unknown for 1 of 2 entries, 80 % of the weight)")


# ------------------------------------------------------------------------------------------
# Consistency over days
# ------------------------------------------------------------------------------------------


@given(st.lists(_pairs, min_size=2, max_size=4), st.sampled_from(FOOD_VITAMERS))
def test_consistency_fails_closed_on_unknown_content(
    days: list[list[tuple[str, Fraction]]], v: vitk2.Vitamer
) -> None:
    diaries = {f"day {i}": _diary(pairs) for i, pairs in enumerate(days)}
    report = intake_consistency(diaries, vitamers=[v])
    variation = report[v]
    hidden = any(g > 0 and not food(fid).content(v).known for pairs in days for fid, g in pairs)
    assert variation.assessed is not hidden
    if hidden:
        assert variation.spread is None
        assert variation.mean is None
        assert "not assessed" in str(variation)
    else:
        totals = [d.totals()[v].known for d in diaries.values()]
        values = [Fraction(0) if t is None else t.micrograms for t in totals]
        assert variation.spread == max(values) - min(values)
        assert variation.mean == sum(values, Fraction(0)) / len(values)
        change = variation.largest_change
        assert change is not None
        assert change[0] == max(abs(b - a) for a, b in itertools.pairwise(values))


def test_consistency_on_k1_with_totals() -> None:
    days = {
        "2026-12-01": Diary.of(("Kale, raw", "50 g")),
        "2026-12-02": Diary.of(("Kale, raw", "10 g")),
        "2026-12-03": Diary.of(("Spinach, raw", "100 g")),
    }
    report = intake_consistency(days, vitamers=["K1", "dihydro-K1"])
    k1 = report["K1"]
    assert k1.assessed
    assert k1.highest == Fraction("490.45")  # spinach's two sources, median of the food's values
    assert k1.largest_change == (Fraction("490.45") - Fraction("70.48"), "2026-12-02", "2026-12-03")
    assert not report["dihydro-K1"].assessed  # kale has no dihydro-K1 value
    assert not report["total by mass"].assessed
    assert report.sources == ("ods-vitamin-k",)
    assert "not flagged" in report.to_text()
    lenient = intake_consistency(days, vitamers=["K1", "dihydro-K1"], min_coverage="0")
    assert lenient["total by mass"].assessed


def test_one_day_is_not_a_variation() -> None:
    report = intake_consistency({"Mon": Diary.of(("Kale, raw", "50 g"))}, vitamers="K1")
    assert not report["K1"].assessed
    assert report["K1"].reason == "needs at least two days"


@pytest.mark.parametrize(
    ("days", "kwargs", "error", "message"),
    [
        ([("Mon", Diary()), ("Mon", Diary())], {}, FoodInputError, "more than once"),
        ({"Mon": "kale"}, {}, FoodInputError, "not a \\(day, Diary\\) pair"),
        ("Mon", {}, FoodInputError, "days='Mon'"),
        ({"Mon": Diary()}, {"min_coverage": "1.5"}, InvalidAmountError, "min_coverage='1.5'"),
        ({"Mon": Diary()}, {"min_coverage": True}, InvalidAmountError, "min_coverage=True"),
        ({"Mon": Diary()}, {"vitamers": []}, FoodInputError, "names no vitamer"),
    ],
)
def test_consistency_arguments_are_checked(
    days: object, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        intake_consistency(days, **kwargs)  # type: ignore[arg-type]


def test_a_report_basis_that_is_not_there_is_named() -> None:
    report = intake_consistency({"a": Diary(), "b": Diary()}, vitamers=["K1"])
    with pytest.raises(NotFoundError, match="'MK-7' is not a basis of this report; it has K1"):
        report["MK-7"]


@pytest.mark.parametrize("query", ["brocolli", "kael", "chedar raw", "chiken brest"])
def test_search_without_rapidfuzz_gives_the_same_foods(
    query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_it = search_foods(query, limit=20)
    monkeypatch.setattr(vitk2._food_search, "_HAVE_RAPIDFUZZ", False)
    assert search_foods(query, limit=20) == with_it


def test_coverage_in_json_old_records_and_contradictions() -> None:
    t = Diary.of(("Natto", "20 g"), ("Kale, raw", "80 g")).totals()["MK-7"]
    data = vitk2.to_dict(t)
    assert vitk2.from_dict(data) == t
    old = {k: v for k, v in data.items() if k not in {"grams", "unknown_grams"}}
    assert vitk2.from_dict(old).coverage is None  # written before coverage: unknown, not 1
    with pytest.raises(vitk2.SerializationError, match="unknown_grams"):
        vitk2.from_dict({**data, "unknown_grams": "200"})


def test_a_consistency_report_that_contradicts_itself_is_refused() -> None:
    days = {"a": Diary.of(("Kale, raw", "50 g")), "b": Diary.of(("Natto", "10 g"))}
    data = vitk2.to_dict(intake_consistency(days, vitamers=["MK-7"]))
    assert data["variations"][0]["assessed"] is False  # kale's MK-7 is unknown
    data["variations"][0]["assessed"] = True
    with pytest.raises(vitk2.SerializationError, match="contradicts"):
        vitk2.from_dict(data)


# ------------------------------------------------------------------------------------------
# The command line: vitk2 food tables|richest|search, vitk2 diary completeness|consistency
# ------------------------------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str]:
    import io

    from vitk2._cli import main

    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_food_tables_richest_and_forgiving_search() -> None:
    rc, text = _cli("food", "tables")
    assert rc == 0
    assert text.startswith("sr28: 5,227 foods")
    rc, text = _cli("food", "tables", "Spinach, raw")
    assert "K1: 482.9–498 µg per 100 g (sr28: 482.9; vk2: 498)" in text
    assert "kamao-2007 (Kamao et al. 2007)" in text
    data = json.loads(_cli("food", "tables", "01009", "--json")[1])
    assert data["contents"]["MK-9"]["values"][0]["table"] == "vk2"
    assert data["contents"]["MK-7"] == {"low_ug": None, "high_ug": None, "values": []}
    rc, text = _cli("food", "richest", "MK-7", "--table", "vk2", "--limit", "1")
    assert "Natto" in text.splitlines()[1]
    ranked = json.loads(_cli("food", "richest", "K1", "--per", "serving", "--json")[1])
    assert ranked["per"] == "serving"
    assert len(ranked["foods"]) == 10
    rc, text = _cli("food", "search", "chedar", "--limit", "1")
    assert text.splitlines() == [
        "(read 'chedar' as 'cheddar' or 'caesar' or 'clear')",
        "   01009  Cheese, cheddar",
    ]
    rc, text = _cli("food", "search", "chedar", "--exact")
    assert text.startswith("no food matches 'chedar'")
    rc, text = _cli("food", "search", "qqqq", "kale")
    assert "'qqqq' is not close to any word of the foods" in text
    assert "'kale' alone finds: Kale, raw" in text


def test_cli_food_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("food", "richest")[0] == 2
    assert _cli("food", "richest", "K1", "MK-7")[0] == 2
    with pytest.raises(SystemExit) as refused:  # argparse refuses it, in vitk2's words
        _cli("food", "richest", "K1", "--limit", "0")
    assert refused.value.code == 2
    assert "--limit '0': give a whole number 1 or more" in capsys.readouterr().err
    assert _cli("food", "tables", "01009", "--table", "nevo")[0] == 2
    assert "these do: sr28, vk2" in capsys.readouterr().err


def test_cli_diary_completeness_and_consistency(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    week = Path(str(tmp_path)) / "week.csv"
    week.write_text(
        'food,amount,date\n"Kale, raw",50 g,Mon\n01009,1 oz,Mon\nNatto,20 g,Tue\n'
        '"Spinach, raw",1 cup,Tue\n',
        encoding="utf-8",
    )
    rc, text = _cli("diary", str(week))
    assert rc == 0
    assert "MK-7: at least 187.8 µg MK-7 (unknown for 3 of 4 entries, 84 % of the weight)" in text
    rc, text = _cli("diary", "completeness", str(week))
    assert "  K1: 100 %" in text
    assert "  MK-7: 16 % (unknown: Kale, raw; Cheese, cheddar; Spinach, raw)" in text
    data = json.loads(_cli("diary", "completeness", str(week), "--json")[1])
    assert data["completeness"]["MK-7"]["coverage"] == pytest.approx(20 / (100 + 28.349523125))
    rc, text = _cli("diary", "consistency", str(week), "--vitamer", "K1")
    assert rc == 0
    assert text.splitlines()[1].startswith("  K1: ")
    assert "not flagged" in text
    rc, text = _cli("diary", "consistency", str(week), "--vitamer", "MK-7")
    assert rc == 1  # fails closed: nothing could be assessed
    assert "MK-7: not assessed" in text
    report = vitk2.from_dict(json.loads(_cli("diary", "consistency", str(week), "--json")[1]))
    assert isinstance(report, vitk2.ConsistencyReport)
    assert report.days == ("Mon", "Tue")
    capsys.readouterr()
    assert _cli("diary", "weekly", str(week))[0] == 2
    assert "not a diary report" in capsys.readouterr().err
    assert _cli("diary", str(week), "--vitamer", "K1")[0] == 2
    no_date = Path(str(tmp_path)) / "no-date.csv"
    no_date.write_text("food,amount\n11233,30 g\n", encoding="utf-8")
    assert _cli("diary", "consistency", str(no_date))[0] == 2
    assert "'date'" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------
# Over NEVO (a user's download, read from the fixture): totals stay apart from vitamers
# ------------------------------------------------------------------------------------------

NEVO_FIXTURE = Path(__file__).parent / "data" / "nevo-fixture.csv"


@pytest.fixture
def nevo() -> Iterator[None]:
    vitk2.load_nevo(NEVO_FIXTURE)
    try:
        yield
    finally:
        vitk2.unload_nevo()


def test_nevo_across_tables_keeps_its_totals_apart(nevo: None) -> None:
    view = food_across_tables("nevo:9001")
    assert view.tables == ("nevo",)
    assert [(ns, t.kind) for ns, t in view.totals] == [("nevo", "K2"), ("nevo", "K")]
    assert not view.content("MK-7").known  # a K2 total is never MK-7
    assert all(not view.content(v).known for v in FOOD_VITAMERS if v != vitk2.K1)
    assert "vitamin K2 (total of menaquinones): 48 µg per 100 g (nevo; a total" in view.to_text()
    summary = {t.namespace: t for t in vitk2._food_views.table_summaries()}
    assert summary["nevo"].foods == 4
    assert summary["nevo"].totals == {"K2": 2, "K": 4}
    assert summary["nevo"].values == {"K1": 3}


def test_nevo_in_rankings_search_coverage_and_consistency(nevo: None) -> None:
    r = richest_foods("K1", tables=["nevo"])
    assert [x.food.id for x in r.foods] == ["nevo:9002", "nevo:9004", "nevo:9001"]
    assert (r.measured, r.imputed, r.unstated) == (0, 0, 3)  # NEVO does not say how
    assert r.unknown == len(vitk2.all_food_ids()) - 3
    assert "3 basis not stated" in r.to_text()
    assert search_foods("proefkas")[0].id == "nevo:9001"  # a misspelt Dutch synonym
    t = Diary.of(("nevo:9001", "100 g"), ("Natto", "100 g")).totals()
    assert t["MK-7"].coverage == Fraction(1, 2)  # the cheese's K2 total is not MK-7
    days = {"a": Diary.of(("nevo:9002", "50 g")), "b": Diary.of(("nevo:9003", "50 g"))}
    report = intake_consistency(days, vitamers=["K1"])
    assert not report["K1"].assessed  # the chicken has a total vitamin K but no K1 value
    assert _cli("food", "tables")[0] == 0
    text = _cli("food", "tables")[1]
    assert "nevo: 4 foods;" in text
    assert "4 totals of vitamin K (several forms, not a vitamer)" in text


# Over Frida (a user's download, read from the fixture): per-form menaquinones, 0 kept as 0

FRIDA_FIXTURE = Path(__file__).parent / "data" / "frida-fixture.xlsx"


@pytest.fixture
def frida() -> Iterator[None]:
    vitk2.load_frida(FRIDA_FIXTURE)
    try:
        yield
    finally:
        vitk2.unload_frida()


def test_frida_in_views_rankings_search_and_diaries(frida: None) -> None:
    cheese = food_across_tables("frida:9001")
    assert cheese.tables == ("frida",)
    assert str(cheese.content("MK-9")) == "MK-9: 24.5 µg per 100 g (frida: 24.5)"
    assert str(cheese.content("MK-7")) == "MK-7: 0 µg per 100 g (frida: 0)"  # a zero, not unknown
    top = richest_foods("MK-9", limit=1).foods[0]
    assert top.food.id == "frida:9001"  # 24.5 µg beats Raclette's 16.7 µg
    assert (top.measured, top.imputed, top.unstated) == (0, 0, 1)
    r = richest_foods("MK-6")
    assert [x.food.id for x in r.foods] == ["frida:9001"]  # MK-6 at last has a value
    assert search_foods("cheese fixtur")[0].id == "frida:9001"
    t = Diary.of(("frida:9001", "50 g"), ("frida:9003", "50 g")).totals()
    assert t["MK-7"].coverage == 1  # the cheese's 0 is known: it counts
    assert t["MK-9"].coverage == Fraction(1, 2)  # the pizza has no MK-9 value
    days = {"a": Diary.of(("frida:9001", "30 g")), "b": Diary.of(("frida:9001", "60 g"))}
    mk9 = intake_consistency(days, vitamers=["MK-9"])["MK-9"]
    assert mk9.assessed
    assert mk9.spread == Fraction("24.5") * 30 / 100


def test_a_lowered_coverage_says_the_figures_are_lower_bounds() -> None:
    days = {
        "a": Diary.of(("Natto", "50 g"), ("Kale, raw", "50 g")),
        "b": Diary.of(("Natto", "50 g")),
    }
    strict = intake_consistency(days, vitamers=["MK-7"])["MK-7"]
    assert not strict.assessed
    lenient = intake_consistency(days, vitamers=["MK-7"], min_coverage="0.5")["MK-7"]
    assert lenient.assessed
    assert lenient.reason.endswith("(each day's is a lower bound)")
    complete = intake_consistency(days, vitamers=["K1"])["K1"]
    assert "lower bound" not in complete.reason


_known_pairs = st.one_of(st.sampled_from(MIXED), s.food_ids()).flatmap(
    lambda fid: st.tuples(st.just(fid), st.sampled_from(food(fid).known_vitamers))
)


@given(_known_pairs)
def test_a_cross_table_range_spans_every_value_and_each_end_is_one(
    pair: tuple[str, vitk2.Vitamer],
) -> None:
    fid, v = pair
    c = food_across_tables(fid).content(v)
    assert c.known
    assert c.low is not None
    assert c.high is not None
    assert all(c.low <= x.micrograms_per_100g <= c.high for x in c.values)
    assert c.lowest in c.values
    assert c.highest in c.values
    assert c.agree == (c.low == c.high)
    assert set(c.tables) == {x.table for x in c.values}
    for table in c.tables:
        assert c.in_table(table).values == tuple(x for x in c.values if x.table == table)
