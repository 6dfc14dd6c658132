"""Interaction checks: properties first, then facts against the sources, then hostile input."""

from __future__ import annotations

import json
from collections.abc import Iterable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    KNOWN_MEDICATION_NAMES,
    daily_doses,
    medication_items,
    refused_medication_items,
    unknown_names,
)
from vitk2 import (
    K1,
    MK4,
    MK7,
    MK9,
    NOT_MEDICAL_ADVICE,
    AmbiguousNameError,
    Amount,
    DailyDose,
    Direction,
    InteractionInputError,
    InteractionReport,
    NotFoundError,
    Severity,
    Substance,
    all_citations,
    all_substances,
    check_interactions,
    citation,
    normalize_medication_name,
    substance,
)

VKAS = ("warfarin", "acenocoumarol", "phenprocoumon", "fluindione", "dicoumarol", "phenindione")
DOACS = ("apixaban", "rivaroxaban", "dabigatran", "edoxaban")
NMTT = ("cefamandole", "cefoperazone", "cefotetan", "cefmenoxime", "latamoxef", "cefmetazole")


def _only(meds: list[object], **kw: object) -> tuple[str | None, Severity]:
    report = check_interactions(meds, **kw)  # type: ignore[arg-type]
    assert len(report.findings) == 1
    f = report.findings[0]
    return f.substance, f.severity


# --- properties -----------------------------------------------------------------------------


@given(st.lists(medication_items(), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_report_does_not_depend_on_order(meds: list[object], rnd: object) -> None:
    shuffled = list(meds)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = check_interactions(meds).to_dict()
    b = check_interactions(shuffled).to_dict()
    assert a == b


@given(st.lists(medication_items(), min_size=1, max_size=5), medication_items())
def test_adding_a_medication_never_lowers_the_overall(meds: list[object], extra: object) -> None:
    before = check_interactions(meds, supplement=DailyDose(MK7, "20 µg/day")).overall
    after = check_interactions([*meds, extra], supplement=DailyDose(MK7, "20 µg/day")).overall
    assert after >= before


@given(unknown_names())
def test_an_unknown_name_always_yields_an_unknown_finding(name: str) -> None:
    report = check_interactions([name])
    assert [f.severity for f in report.findings] == [Severity.UNKNOWN]
    assert report.overall is Severity.UNKNOWN
    assert report.findings[0].direction is Direction.UNKNOWN


@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize_medication_name(text)
    assert normalize_medication_name(once) == once


@given(st.lists(medication_items(), min_size=1, max_size=6))
def test_every_finding_has_a_citation_and_every_input_a_finding(meds: list[object]) -> None:
    report = check_interactions(meds)
    assert len(report.findings) >= len(meds)
    for f in report.findings:
        assert f.citations
    # Fail closed: nothing non-empty is ever reported as NONE unless a catalogue entry said so.
    for f in report.findings:
        if f.severity is Severity.NONE:
            assert f.substance in DOACS


@given(st.lists(medication_items(), min_size=1, max_size=6))
def test_json_round_trip(meds: list[object]) -> None:
    d = check_interactions(meds, supplement=Amount(K1, "100 µg")).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["schema_version"] == 1
    assert d["not_medical_advice"] == NOT_MEDICAL_ADVICE
    worst = max(Severity(f["ranks_as"]) for f in d["findings"])
    assert d["overall"] == worst.value


@given(st.fractions(min_value=0, max_value=200_000))
def test_vka_severity_is_monotonic_in_the_mk7_dose(micrograms: Fraction) -> None:
    lower = check_interactions(
        ["warfarin"], supplement=DailyDose.from_micrograms_per_day(MK7, micrograms)
    ).overall
    higher = check_interactions(
        ["warfarin"], supplement=DailyDose.from_micrograms_per_day(MK7, micrograms + 1)
    ).overall
    assert lower <= higher


def test_severity_scale_order_and_unknown_is_never_safe() -> None:
    order = list(Severity)
    assert order == sorted(order)
    assert Severity.UNKNOWN > Severity.MAJOR
    assert Severity.CONTRAINDICATED > Severity.UNKNOWN
    assert [s.rank for s in order] == list(range(len(order)))


# --- the catalogue --------------------------------------------------------------------------


def test_every_record_cites_a_known_source() -> None:
    known = {c.key for c in all_citations()}
    for s in all_substances():
        keys = [*s.sources, *s.interaction.sources]
        keys += [k for b in s.brands for k in b.sources]
        keys += [k for i in s.identifiers for k in i.sources]
        assert keys, s.key
        assert set(keys) <= known, s.key


def test_catalogue_covers_the_issue() -> None:
    keys = {s.key for s in all_substances()}
    assert {*VKAS, *DOACS, *NMTT} <= keys
    assert {"colestyramine", "colestipol", "colesevelam", "orlistat", "mineral-oil"} <= keys
    assert {"vitamin-e", "vitamin-d", "calcium", "broad-spectrum-antibiotics"} <= keys


@pytest.mark.parametrize("s", all_substances(), ids=lambda s: s.key)
def test_every_catalogue_entry_is_found_by_its_names(s: Substance) -> None:
    for name in (s.name, *s.synonyms, *s.salts):
        assert substance(name) is s, name
        assert substance(name.upper()) is s, name
        found, _ = _only([name])
        assert found == s.key, name
    for ident in s.identifiers:
        code: str | int = ident.code if ident.system == "ATC" else int(ident.code)
        assert substance(code) is s
        assert _only([code])[0] == s.key


BRANDS = [(s.key, b.name) for s in all_substances() for b in s.brands]


@pytest.mark.parametrize(("key", "brand"), BRANDS, ids=[b for _, b in BRANDS])
def test_every_brand_name_matches_with_strength_and_form(key: str, brand: str) -> None:
    for text in (brand, brand.lower(), f"  {brand.upper()} 5 mg tablet ", f"{brand}® 1mg"):
        found, _ = _only([text])
        assert found == key, text


def test_brand_status_is_marked() -> None:
    statuses = {b.status for s in all_substances() for b in s.brands}
    assert statuses <= {"confirmed", "secondary"}
    coumadin = next(b for b in substance("warfarin").brands if b.name == "Coumadin")
    assert coumadin.status == "confirmed"
    assert "source confirmed" in (check_interactions(["Coumadin"]).findings[0].matched_as or "")


COMMON_BRANDS = [
    ("Eliquis 5 mg tablet", "apixaban"),
    ("Xarelto 20 mg film-coated tablet", "rivaroxaban"),
    ("Pradaxa 150 mg capsule", "dabigatran"),
    ("Savaysa 60 mg tablet", "edoxaban"),
    ("Lixiana 30 mg film-coated tablets", "edoxaban"),
    ("Questran 4 g", "colestyramine"),
    ("Colestid 1 g tablets", "colestipol"),
    ("Welchol 625 mg tablet", "colesevelam"),
    ("alli 60 mg capsule", "orlistat"),
    ("Xenical 120 mg capsule", "orlistat"),
]


@pytest.mark.parametrize(("text", "key"), COMMON_BRANDS, ids=[t for t, _ in COMMON_BRANDS])
def test_common_brands_match_their_substance(text: str, key: str) -> None:
    report = check_interactions([text], supplement=DailyDose(MK7, "180 µg/day"))
    assert [f.substance for f in report.findings] == [key]
    f = report.findings[0]
    assert "brand of" in (f.matched_as or "")
    if key in DOACS:
        # A documented none, even with a vitamer at a dose that matters for a VKA.
        assert (f.severity, f.direction) == (Severity.NONE, Direction.NONE)
    else:
        assert (f.severity, f.direction) == (Severity.MODERATE, Direction.VITAMIN_K_LOWERED)


def test_brand_status_matches_its_sources() -> None:
    # A confirmed brand cites no copy marked SECONDARY; a secondary one cites at least one.
    for s in all_substances():
        for b in s.brands:
            notes = [citation(k).note or "" for k in b.sources]
            secondary = [n for n in notes if "SECONDARY" in n]
            if b.status == "confirmed":
                assert not secondary, (s.key, b.name)
            else:
                assert secondary, (s.key, b.name)


@pytest.mark.parametrize(
    ("substance_key", "brand", "host"),
    [
        ("warfarin", "Marevan", "medicines.org.uk"),
        ("warfarin", "Waran", "www.fass.se"),
        ("phenprocoumon", "Marcumar", "fachinfo.de"),
        ("acenocoumarol", "Sintrom", "cima.aemps.es"),
        ("apixaban", "Eliquis", "dailymed.nlm.nih.gov"),
        ("rivaroxaban", "Xarelto", "dailymed.nlm.nih.gov"),
        ("dabigatran", "Pradaxa", "nctr-crs.fda.gov"),
        ("edoxaban", "Savaysa", "dailymed.nlm.nih.gov"),
        ("edoxaban", "Lixiana", "www.medicines.org.uk"),
        ("orlistat", "alli", "ema.europa.eu"),
    ],
)
def test_brands_cite_their_own_label(substance_key: str, brand: str, host: str) -> None:
    b = next(b for b in substance(substance_key).brands if b.name == brand)
    assert b.status == "confirmed"
    urls = [citation(k).url for k in b.sources]
    assert [u.split("/")[2] for u in urls if u is not None] == [host]


def test_facts_against_the_sources() -> None:
    # HL7 PDDI warfarin value set (RxNorm 2018-07-02).
    assert set(substance("warfarin").rxcuis) == {11289, 114194, 82118, 202421, 405155}
    # WHO ATC index, group B01AA.
    assert substance("warfarin").atc == "B01AA03"
    assert substance("acenocoumarol").atc == "B01AA07"
    assert substance("phenprocoumon").atc == "B01AA04"
    assert substance("fluindione").atc == "B01AA12"
    # Lixiana label; EMA Xenical EPAR.
    assert substance("edoxaban").atc == "B01AF03"
    assert substance("orlistat").atc == "A08AB01"
    # Unconfirmed identifiers are unknown (None), never guessed.
    assert substance("colesevelam").atc is None
    assert substance("apixaban").rxcuis == ()
    assert citation("theuwissen-2013").doi == "10.1111/jth.12203"
    assert citation("schurgers-2004").pmid == "15231565"


def test_salts_ingredient_names_and_synonyms() -> None:
    assert substance("warfarin potassium").key == "warfarin"
    assert substance("moxalactam").key == "latamoxef"
    assert substance("cholestyramine").key == "colestyramine"
    assert substance("edoxaban tosilate").key == "edoxaban"
    assert substance("RxCUI 114194").key == "warfarin"
    with pytest.raises(NotFoundError):
        substance("aspirin")
    with pytest.raises(NotFoundError):
        substance("warfarin and orlistat")


# --- the dose-aware check -------------------------------------------------------------------


@pytest.mark.parametrize("vka", VKAS)
def test_mk7_thresholds_on_both_sides(vka: str) -> None:
    def at(ug: str) -> tuple[Severity, tuple[str, ...]]:
        f = check_interactions([vka], supplement=DailyDose(MK7, f"{ug} µg/day")).findings[0]
        return f.severity, f.sources

    assert at("9.999") == (Severity.MODERATE, ("theuwissen-2013",))
    assert at("10") == (Severity.MAJOR, ("theuwissen-2013",))
    assert at("49.999") == (Severity.MAJOR, ("theuwissen-2013",))
    assert at("50") == (Severity.MAJOR, ("schurgers-2007", "theuwissen-2013"))


def test_k1_threshold_on_both_sides() -> None:
    assert _only(["warfarin"], supplement=DailyDose(K1, "149 µg/day"))[1] is Severity.MODERATE
    assert _only(["warfarin"], supplement=DailyDose(K1, "150 µg/day"))[1] is Severity.MAJOR
    f = check_interactions(["warfarin"], supplement=DailyDose(K1, "100 µg/day")).findings[0]
    assert "Schurgers 2004" in f.evidence
    assert f.sources == ("schurgers-2004",)


def test_menatetrenone_contraindication_on_both_sides() -> None:
    below = check_interactions(["warfarin"], supplement=DailyDose(MK4, "44.999 mg/day"))
    at = check_interactions(["warfarin"], supplement=DailyDose(MK4, "45 mg/day"))
    assert below.overall is Severity.MAJOR
    assert at.overall is Severity.CONTRAINDICATED
    assert "pmda-menatetrenone-kaken" in at.findings[0].sources
    assert "Japanese label" in at.findings[0].evidence


def test_supplement_forms() -> None:
    # A single Amount is assumed to be taken once a day, and the finding says so.
    f = check_interactions(["warfarin"], supplement=Amount(MK7, "0.1 mg")).findings[0]
    assert f.severity is Severity.MAJOR
    assert "once a day" in f.evidence
    # A vitamer without a dose is assessed at its most severe tier.
    assert _only(["warfarin"], supplement=MK4)[1] is Severity.CONTRAINDICATED
    assert _only(["warfarin"], supplement=MK7)[1] is Severity.MAJOR
    assert _only(["warfarin"], supplement=MK9)[1] is Severity.MAJOR
    # No supplement: the class-level interaction with vitamin K in general.
    assert _only(["warfarin"])[1] is Severity.MAJOR
    # Text is parsed into a dose or a vitamer.
    assert _only(["warfarin"], supplement="5 µg/day MK-7")[1] is Severity.MODERATE
    assert _only(["warfarin"], supplement="menatetrenone")[1] is Severity.CONTRAINDICATED


def test_advice_is_consistency_and_monitoring_not_avoidance() -> None:
    f = check_interactions(["warfarin"], supplement=DailyDose(MK7, "90 µg/day")).findings[0]
    assert "consistent" in f.advice
    assert "INR" in f.advice
    assert f.direction is Direction.DRUG_EFFECT_LOWERED


def test_non_vka_entries() -> None:
    for doac in DOACS:
        f = check_interactions([doac], supplement=DailyDose(MK7, "500 µg/day")).findings[0]
        assert (f.severity, f.direction) == (Severity.NONE, Direction.NONE)
        assert "kampouraki-2017" in f.sources
    for ceph in NMTT:
        f = check_interactions([ceph]).findings[0]
        assert (f.severity, f.direction) == (Severity.MODERATE, Direction.VITAMIN_K_LOWERED)
    assert check_interactions(["vitamin D3"]).findings[0].direction is Direction.SYNERGY
    assert check_interactions(["calcium"]).overall is Severity.INFO
    assert check_interactions(["orlistat"]).overall is Severity.MODERATE


def test_an_empty_list_is_refused_never_reported_as_none() -> None:
    empties: tuple[Iterable[object], ...] = ([], (), iter([]))
    for empty in empties:
        with pytest.raises(InteractionInputError, match="nothing to check") as info:
            check_interactions(empty, supplement="100 µg/day MK-7")
        assert "['warfarin']" in str(info.value)  # what is accepted
    with pytest.raises(InteractionInputError, match="at least one finding"):
        InteractionReport(findings=(), overall=Severity.NONE, supplement=None,
                          medications_checked=0)


@pytest.mark.parametrize(
    ("items", "index", "shown"),
    [
        ([None], 0, "None"),
        (["warfarin", None], 1, "None"),
        ([""], 0, "''"),
        (["warfarin", "   "], 1, "'   '"),
        ([3.5], 0, "3.5"),
        ([True], 0, "True"),
        ([b"warfarin"], 0, "b'warfarin'"),
        ([["warfarin"]], 0, "['warfarin']"),
    ],
)
def test_an_empty_or_non_text_name_is_refused_by_name(
    items: list[object], index: int, shown: str
) -> None:
    with pytest.raises(InteractionInputError) as info:
        check_interactions(items)
    message = str(info.value)
    assert f"medications[{index}] is {shown}" in message
    assert "a name (text such as 'warfarin') or an RxCUI (a whole number)" in message


@given(
    st.lists(medication_items(), max_size=4),
    refused_medication_items(),
    st.lists(medication_items(), max_size=4),
)
def test_one_refused_item_refuses_the_whole_list(
    before: list[object], bad: object, after: list[object]
) -> None:
    with pytest.raises(InteractionInputError, match=rf"medications\[{len(before)}\]"):
        check_interactions([*before, bad, *after])


def test_combination_products_and_leftovers() -> None:
    report = check_interactions(["Calcium carbonate 500 mg + Vitamin D3 1000 IU"])
    assert {f.substance for f in report.findings} == {"calcium", "vitamin-d"}
    report = check_interactions(["warfarin and amoxicillin"])
    assert {f.substance for f in report.findings} == {"warfarin", None}
    assert report.overall is Severity.UNKNOWN


def test_renderings_carry_the_disclaimer_and_the_findings() -> None:
    report = check_interactions(
        ["Coumadin 5 mg", "qzfrob", 0], supplement=DailyDose(MK7, "180 µg/day")
    )
    text, md = report.to_text(), report.to_markdown()
    for rendering in (text, md):
        assert NOT_MEDICAL_ADVICE in rendering.replace("\\", "")
        assert "warfarin" in rendering
        assert "cannot assess" in rendering
    assert md.startswith("# Vitamin K interaction check")
    assert "https://doi.org/10.1182/blood-2006-08-040709" in md


def test_markdown_escapes_user_input() -> None:
    md = check_interactions(["*bold* [x](http://evil)"]).to_markdown()
    assert "[x](http://evil)" not in md


# --- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        "\u0000",
        "x" * 10_000,
        "w" * 499,
        -1,
        0,
        99_999_999_999,
        "warfarin\u200b",  # zero-width space inside the word
        "tablet",
        "5 mg",
        "sodium",
        "🙂",
    ],
    ids=repr,
)
def test_garbage_items_give_unknown_findings_never_none(item: object) -> None:
    report = check_interactions([item])
    assert report.findings
    assert report.overall >= Severity.MAJOR or report.overall is Severity.UNKNOWN
    assert all(f.severity is not Severity.NONE for f in report.findings)


@pytest.mark.parametrize(
    "lookalike",
    [
        "w\u0430rfarin",  # Cyrillic a
        "warfar\u0456n",  # Cyrillic i
        "Coumad\u0456n",
        "\u0430pixaban",  # a DOAC look-alike must not become a documented 'none'
    ],
)
def test_unicode_lookalikes_are_unknown_and_say_why(lookalike: str) -> None:
    report = check_interactions([lookalike])
    assert [f.severity for f in report.findings] == [Severity.UNKNOWN]
    assert "CYRILLIC" in report.findings[0].evidence


def test_compatibility_forms_are_folded() -> None:
    # NFKC folds full-width letters, which are the same letters, not look-alikes.
    assert _only(["ｗａｒｆａｒｉｎ"])[0] == "warfarin"
    assert _only(["PRÉVISCAN 20 mg"])[0] == "fluindione"


@pytest.mark.parametrize("bad", ["warfarin", b"warfarin", None, 42, {"warfarin": 1}])
def test_a_wrong_container_is_a_clear_error(bad: object) -> None:
    with pytest.raises(InteractionInputError, match="list"):
        check_interactions(bad)  # type: ignore[arg-type]


def test_a_bad_supplement_is_a_clear_error() -> None:
    with pytest.raises(InteractionInputError, match="supplement"):
        check_interactions(["warfarin"], supplement=42)  # type: ignore[arg-type]
    with pytest.raises(AmbiguousNameError):
        check_interactions(["warfarin"], supplement="K2")


def test_generators_are_accepted_and_nothing_is_dropped() -> None:
    report = check_interactions(x for x in ["warfarin", "qzfrob", "warfarin"])
    assert report.medications_checked == 3
    assert len(report.findings) == 3


@given(st.sampled_from(KNOWN_MEDICATION_NAMES), st.text(alphabet=" ,.;:-_()/", max_size=6))
def test_punctuation_around_known_names_does_not_change_the_match(name: str, noise: str) -> None:
    plain = {f.substance for f in check_interactions([name]).findings}
    noisy = {f.substance for f in check_interactions([f"{noise}{name}{noise}"]).findings}
    assert plain == noisy


@pytest.mark.parametrize("text", ["0G.", "5MG.", "warfarin 5 mg.", "2,5 mg,", "Coumadin 1g."])
def test_normalising_trailing_punctuation_is_stable(text: str) -> None:
    once = normalize_medication_name(text)
    assert normalize_medication_name(once) == once


def test_a_supplement_text_gets_the_dose_parsers_error() -> None:
    # "100 IU MK-7" is a dose with a unit vitamin K does not have, not an unknown vitamer.
    from vitk2 import NoInternationalUnitError

    with pytest.raises(NoInternationalUnitError):
        check_interactions(["warfarin"], supplement="100 IU MK-7")


# --- fail closed for every variant (issue 16) -----------------------------------------------

HIGH_MK4 = "45 mg/day MK-4"  # contraindicated with a vitamin K antagonist on its Japanese label


def _worst_known(supplement: object) -> Severity:
    """The worst severity any catalogued medicine has with this supplement, via the public API."""
    names = [s.name for s in all_substances()]
    report = check_interactions(names, supplement=supplement)  # type: ignore[arg-type]
    return max(f.severity for f in report.findings)


VARIANTS_THAT_WERE_UNKNOWN = [
    "warfarin™",
    "warfarin®",
    "Warfarine",
    "warfarina",
    "warfrin",
    "wafarin",
    "acenocumarol",
    "fenprocoumon",
    "phenprocoumone",
    "Dindevan",
    "tioclomarol",
    "anisindione",
    "Miradon",
    "ethyl biscoumacetate",
    "clorindione",
    "diphenadione",
    "VKA",
    "vitamin K antagonist",
    "coumarin",
    "anticoagulant",
    "blood thinner",
]


@pytest.mark.parametrize("text", VARIANTS_THAT_WERE_UNKNOWN)
def test_no_variant_of_a_vka_ranks_below_warfarin(text: str) -> None:
    plain = check_interactions(["warfarin"], supplement=HIGH_MK4)
    assert plain.overall is Severity.CONTRAINDICATED
    report = check_interactions([text], supplement=HIGH_MK4)
    assert report.overall is Severity.CONTRAINDICATED, report.findings
    assert all(f.ranks_as is Severity.CONTRAINDICATED for f in report.findings)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("warfarin™", "warfarin"),
        ("Warfarin® 5 mg", "warfarin"),
        ("warfarin (TM)", "warfarin"),
        ("Coumadin(R) 5mg tablet", "warfarin"),
        ("Marevan©", "warfarin"),
        ("Coumadin\u1d40\u1d39", "warfarin"),  # superscript T M, which NFKC spells "TM"
        ("Coumadin（ＴＭ）", "warfarin"),  # full-width brackets, folded to ASCII first
        ("Warfarine", "warfarin"),
        ("warfarina sódica 5 mg", "warfarin"),
        ("acenocumarol 4 mg", "acenocoumarol"),
        ("fenprocoumon", "phenprocoumon"),
        ("Phenprocoumone", "phenprocoumon"),
        ("Dindevan 10mg Tablets", "phenindione"),
        ("Miradon 50 mg", "anisindione"),
        ("ethyl biscoumacetate", "ethyl-biscoumacetate"),
        ("Tromexan", "ethyl-biscoumacetate"),
        ("B01AA08", "ethyl-biscoumacetate"),
        ("clorindione", "clorindione"),
        ("B01AA09", "clorindione"),
        ("diphenadione", "diphenadione"),
        ("B01AA10", "diphenadione"),
        ("tioclomarol", "tioclomarol"),
        ("B01AA11", "tioclomarol"),
    ],
)
def test_signs_national_names_new_antagonists_and_brands_resolve(text: str, key: str) -> None:
    found, severity = _only([text], supplement=HIGH_MK4)
    assert found == key
    assert severity is Severity.CONTRAINDICATED


def test_trademark_signs_are_stripped_not_spelled_out() -> None:
    for sign in ("™", "®", "©", "℠", " (TM)", "(r)", " (C) ", "(SM)", "ᵀᴹ"):
        assert normalize_medication_name(f"Warfarin{sign}") == "warfarin", sign
    assert normalize_medication_name("Dindevan™ 10 mg") == "dindevan"


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("warfrin", "warfarin"),
        ("wafarin", "warfarin"),
        ("warfain 5 mg", "warfarin"),
        ("acenocoumarl", "acenocoumarol"),
        ("fenprocumon", "phenprocoumon"),
        ("Dindevn", "Dindevan"),
        ("rivaroxiban", "rivaroxaban"),
        ("antikoagulant", "anticoagulant"),
        ("w\u0430rfarin", "warfarin"),  # a Cyrillic look-alike still gets a hint, never a match
    ],
)
def test_likely_misspellings_get_did_you_mean_and_stay_at_the_worst(typo: str, meant: str) -> None:
    report = check_interactions([typo], supplement=HIGH_MK4)
    [f] = report.findings
    assert f.severity is Severity.UNKNOWN
    assert f.substance is None
    assert meant in f.did_you_mean
    assert f.ranks_as is Severity.CONTRAINDICATED
    assert "Did you mean" in f.evidence
    assert f"Did you mean: {', '.join(f.did_you_mean)}?" in report.to_text()
    assert f.to_dict()["did_you_mean"] == list(f.did_you_mean)


@pytest.mark.parametrize("text", ["frobnicillin", "vitamin K", "vitamin K2", "vitamin C"])
def test_no_suggestion_for_a_different_word(text: str) -> None:
    # A short word that differs ("K" for "E") names something else; it is not a typo.
    [f] = check_interactions([text]).findings
    assert f.severity is Severity.UNKNOWN
    assert f.did_you_mean == ()


@pytest.mark.parametrize(
    "supplement",
    [
        None,
        MK7,
        DailyDose(MK7, "5 µg/day"),
        DailyDose(MK7, "180 µg/day"),
        DailyDose(K1, "100 µg/day"),
        DailyDose(MK4, "1 mg/day"),
        DailyDose(MK4, "45 mg/day"),
        MK4,
    ],
    ids=repr,
)
def test_class_words_are_the_class_they_name(supplement: object) -> None:
    vka = check_interactions(["warfarin"], supplement=supplement).findings[0]  # type: ignore[arg-type]
    doac = check_interactions(["apixaban"], supplement=supplement).findings[0]  # type: ignore[arg-type]
    vka_words = ["VKA", "vitamin K antagonists", "coumarins", "Coumarin anticoagulant"]
    vka_words += ["indandione", "indanedione derivatives"]
    for word in vka_words:
        [f] = check_interactions([word], supplement=supplement).findings  # type: ignore[arg-type]
        assert (f.substance, f.substance_name) == (None, "vitamin K antagonists (class)"), word
        assert (f.severity, f.direction, f.ranks_as) == (vka.severity, vka.direction, vka.severity)
        assert f.evidence == vka.evidence
        assert "class word" in (f.matched_as or "")
    for word in ("anticoagulant", "blood thinners", "Blood-thinner"):
        [f] = check_interactions([word], supplement=supplement).findings  # type: ignore[arg-type]
        assert f.severity is max(vka.severity, doac.severity), word
        assert f.severity is vka.severity
        assert "which medicine" in f.advice
        assert "anticoagulants (class" in (f.substance_name or "")


def test_class_words_are_not_substances() -> None:
    with pytest.raises(NotFoundError):
        substance("VKA")
    with pytest.raises(NotFoundError):
        substance("blood thinner")


def test_new_antagonists_cite_their_sources() -> None:
    assert substance("Dindevan").key == "phenindione"
    dindevan = next(b for b in substance("phenindione").brands if b.name == "Dindevan")
    assert (dindevan.status, dindevan.countries) == ("confirmed", ("GB",))
    assert [citation(k).url for k in dindevan.sources] == [
        "https://www.medicines.org.uk/emc/product/5678/smpc"
    ]
    miradon = substance("Miradon").brands[0]
    assert (miradon.name, miradon.status) == ("Miradon", "secondary")
    assert substance("anisindione").atc is None  # no ATC code found: unknown, not guessed
    assert substance("ethyl biscoumacetate").atc == "B01AA08"
    assert substance("diphenadione").atc == "B01AA10"
    assert substance("clorindione").atc == "B01AA09"
    assert substance("tioclomarol").atc == "B01AA11"
    # Codes read only in a copy of the ATC index say so.
    assert "SECONDARY" in (citation("pharmacolibrary-atc-b01aa").note or "")
    for key in ("clorindione", "tioclomarol", "anisindione", "ethyl-biscoumacetate"):
        assert next(s for s in all_substances() if s.key == key).interaction.key == (
            "vitamin-k-antagonist"
        )


@given(
    st.one_of(
        st.none(),
        st.sampled_from([MK7, K1, MK4, MK9]),
        daily_doses(),
    ),
    st.one_of(
        st.text(max_size=30).filter(lambda t: bool(t.strip())),
        st.sampled_from(VARIANTS_THAT_WERE_UNKNOWN),
        st.sampled_from([s.name for s in all_substances()]),
        st.builds(lambda a, b: f"{a} {b}", st.sampled_from(KNOWN_MEDICATION_NAMES), st.text()),
    ),
)
def test_unknown_never_ranks_below_the_worst_case_for_that_supplement(
    supplement: object, medication: str
) -> None:
    worst = _worst_known(supplement)
    vka = check_interactions(["warfarin"], supplement=supplement)  # type: ignore[arg-type]
    report = check_interactions([medication], supplement=supplement)  # type: ignore[arg-type]
    for f in report.findings:
        assert f.ranks_as >= f.severity
        if f.severity is Severity.UNKNOWN:
            assert f.ranks_as >= worst
            assert f.ranks_as >= Severity.UNKNOWN
        else:
            assert f.ranks_as is f.severity
        if f.substance is None and f.severity is not Severity.UNKNOWN:
            # A class word: both classes hold the vitamin K antagonists, so never below warfarin.
            assert f.ranks_as >= vka.overall
    assert report.overall is max(f.ranks_as for f in report.findings)


@given(st.sampled_from([s.name for s in all_substances()]), st.sampled_from(["™", "®", "(TM)"]))
def test_a_trademark_sign_never_changes_the_match(name: str, sign: str) -> None:
    plain = [(f.substance, f.severity) for f in check_interactions([name]).findings]
    signed = [(f.substance, f.severity) for f in check_interactions([f"{name}{sign}"]).findings]
    assert plain == signed


# --- only vitk2's own errors reach a user ---------------------------------------------------


@pytest.mark.parametrize("bad", [None, 5, b"warfarin", ["warfarin"], 1.5])
def test_normalize_refuses_non_text_with_a_vitk2_error(bad: object) -> None:
    with pytest.raises(InteractionInputError, match="reads text") as info:
        normalize_medication_name(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert repr(bad) in str(info.value) or str(bad) in str(info.value)


def test_a_foreign_quantity_as_the_medications_is_a_vitk2_error() -> None:
    from tests.test_units import _FOREIGN

    q = _FOREIGN.Quantity(5, "mg")
    with pytest.raises(InteractionInputError, match="quantity, not a list"):
        check_interactions(q)
    with pytest.raises(InteractionInputError, match="quantity has no vitamer"):
        check_interactions(["warfarin"], supplement=q)  # type: ignore[arg-type]
    # Inside the list it names no medication: refused by its place in the list.
    with pytest.raises(InteractionInputError, match=r"medications\[0\] is '5 milligram'"):
        check_interactions([q])


def test_an_overlong_number_in_the_supplement_is_a_vitk2_error() -> None:
    from vitk2 import UnitParseError, Vitk2Error

    for text in ("1" * 4301 + " mcg MK-7", "MK-7 " + "x" * 600):
        with pytest.raises(Vitk2Error) as info:
            check_interactions(["warfarin"], supplement=text)
        assert isinstance(info.value, UnitParseError | NotFoundError), text
        assert len(str(info.value)) < 400


def test_an_iterable_that_fails_is_a_vitk2_error() -> None:
    class Broken:
        def __iter__(self) -> object:
            msg = "not really iterable"
            raise TypeError(msg)

    with pytest.raises(InteractionInputError, match="could not be read as a list"):
        check_interactions(Broken())  # type: ignore[arg-type]


def test_an_item_whose_repr_fails_is_still_refused_with_a_vitk2_error() -> None:
    class Hostile:
        def __repr__(self) -> str:
            msg = "no repr"
            raise RuntimeError(msg)

    with pytest.raises(InteractionInputError, match=r"medications\[0\] is <Hostile object>"):
        check_interactions([Hostile()])


def _reference_osa(a: str, b: str) -> int:
    """Textbook optimal-string-alignment distance, full table, for checking the banded one."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            substitution = d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, substitution)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@given(st.text("abcd", max_size=9), st.text("abcd", max_size=9), st.integers(1, 3))
def test_the_banded_edit_distance_matches_the_full_table(a: str, b: str, limit: int) -> None:
    from vitk2._interactions import edit_distance

    full = _reference_osa(a, b)
    assert edit_distance(a, b, limit) == (full if full <= limit else limit + 1)


@pytest.mark.parametrize(
    "number",
    [10**5000, -(10**5000), 0, 10**9, 2**64],
    ids=["5001 digits", "minus 5001 digits", "zero", "ten digits", "2**64"],
)
def test_a_number_that_cannot_be_an_rxcui_is_unknown_never_a_python_error(number: int) -> None:
    [f] = check_interactions([number]).findings
    assert f.severity is Severity.UNKNOWN
    assert len(f.input) <= 80
    with pytest.raises(NotFoundError):
        substance(number)


# --- one line for an app: worst known and the unknowns side by side (issue 14) --------------


@given(
    st.lists(st.sampled_from(KNOWN_MEDICATION_NAMES) | unknown_names(), min_size=1, max_size=6),
    daily_doses(),
)
def test_worst_known_and_unknowns_never_hide_each_other(names: list[str], dose: DailyDose) -> None:
    report = check_interactions(names, supplement=dose)
    assessed = [f.severity for f in report.findings if f.severity is not Severity.UNKNOWN]
    assert report.worst_known == (max(assessed) if assessed else None)
    assert all(f.severity is Severity.UNKNOWN for f in report.unknowns)
    assert len(report.unknowns) + len(assessed) == len(report.findings)
    # Failing closed is kept: the overall level is at least the worst known and any unknown.
    if report.worst_known is not None:
        assert report.overall >= report.worst_known
    if report.unknowns:
        assert report.overall >= Severity.UNKNOWN
    # The one line shows both, so a MAJOR never hides behind UNKNOWN.
    line = report.headline
    if names:
        assert "Worst known:" in line
        assert "Not assessed:" in line
    for f in report.unknowns:
        assert f.input in line
    if report.worst_known is Severity.MAJOR:
        assert "major" in line
    text = str(report)
    assert text.endswith(NOT_MEDICAL_ADVICE)
    assert line in text
    assert all(f.input in text for f in report.findings)


def test_a_finding_reads_as_sentences_and_repr_stays_exact() -> None:
    report = check_interactions(["warfarin", "qzwarf"], supplement=DailyDose(MK7, "100 µg/day"))
    warfarin, unknown = sorted(report.findings, key=lambda f: f.input)[::-1]
    assert str(warfarin).startswith("warfarin: warfarin, major. What to do: ")
    assert str(warfarin).endswith(NOT_MEDICAL_ADVICE)
    assert str(unknown).startswith("qzwarf: not recognised, UNKNOWN")
    assert repr(report).startswith("InteractionReport(findings=(Finding(")
    assert report.headline == (
        "Worst known: major (warfarin). Not assessed: 1 (qzwarf), ranked as unknown."
    )


# Each direct oral anticoagulant's own prescribing information, at the regulator's (issue 14).
OWN_LABELS = {
    "apixaban": {"dailymed-eliquis"},
    "rivaroxaban": {"dailymed-xarelto"},
    "dabigatran": {"fdalabel-pradaxa"},
    "edoxaban": {"emc-lixiana-smpc", "dailymed-savaysa"},
}


@pytest.mark.parametrize("drug", sorted(OWN_LABELS))
def test_a_documented_none_cites_the_medicines_own_label_and_no_mirror(drug: str) -> None:
    (f,) = check_interactions([drug], supplement=DailyDose(MK7, "180 µg/day")).findings
    assert f.severity is Severity.NONE
    labels = {c.key for c in f.citations if c.kind == "drug-label"}
    assert labels == OWN_LABELS[drug]  # its own label, not another drug's
    for c in f.citations:
        assert "mims" not in (c.link or ""), c.link  # no copy on a MIMS mirror
        assert not (c.note or "").startswith("SECONDARY"), c.key


def test_no_source_is_a_test_mirror() -> None:
    for c in all_citations():
        link = (c.url or "").lower()
        assert not any(m in link for m in ("uat.", "sit.", "mimsdev", "staging.")), c.url


def test_a_stored_report_with_no_findings_is_refused_when_read() -> None:
    from vitk2 import SerializationError, from_dict

    d = check_interactions(["apixaban"]).to_dict()
    assert from_dict(d).overall is Severity.NONE  # a documented absence reads back
    empty = {**d, "findings": [], "medications_checked": 0}
    with pytest.raises(SerializationError, match="at least one finding"):
        from_dict(empty)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("MK-99", "vitk2 knows menaquinones MK-1 to MK-13"),
        ("menaquinone-14", "vitk2 knows menaquinones MK-1 to MK-13"),
        ("K9", "did you mean 'MK-9'?"),
        ("frobnicin", "is not a vitamer vitk2 knows"),
    ],
)
def test_an_unknown_vitamer_alone_as_the_supplement_says_so_not_no_amount(
    text: str, says: str
) -> None:
    from vitk2 import UnknownVitamerError

    with pytest.raises(UnknownVitamerError) as info:
        check_interactions(["warfarin"], supplement=text)
    message = str(info.value)
    assert repr(text) in message
    assert says in message
    assert "no amount" not in message
    assert "'MK-7'" in message  # a vitamer alone is accepted, and the message says so


def test_a_supplement_with_an_amount_keeps_the_dose_parsers_error() -> None:
    from vitk2 import UnknownVitamerError

    check_interactions(["warfarin"], supplement="MK-13")  # the last menaquinone vitk2 knows
    with pytest.raises(UnknownVitamerError, match="in '100 µg MK-99'"):
        check_interactions(["warfarin"], supplement="100 µg MK-99")
