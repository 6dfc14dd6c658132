"""Vitamers: formulae, molar masses from atomic weights, identifiers, forgiving lookup."""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
import unicodedata
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    TWO_NAME_TEMPLATES,
    VITAMER_NAMES,
    non_ascii_numerals,
    vitamer_phrases,
    vitamer_spellings,
    vitamers,
)
from vitk2 import (
    K1,
    K3,
    MK4,
    MK7,
    MK9,
    AmbiguousNameError,
    ConflictingVitamerNamesError,
    UnitParseError,
    UnknownVitamerError,
    Vitamer,
    Vitk2Error,
    all_vitamers,
    citation,
    menaquinone,
    parse_amount,
    read_vitamer_phrase,
    trade_names,
    vitamer,
)
from vitk2._text import alnum_key
from vitk2._vitamer_data import read_vitamer_data
from vitk2._vitamers import ATOMIC_WEIGHTS, _fold, _names, _read, formula_mass


@pytest.mark.parametrize(
    ("v", "sourced"),
    # Sourced molar masses: MK-4 444.65 (Glakay label), K1 450.7, K3 172.18 g/mol.
    [(MK4, 444.65), (K1, 450.7), (K3, 172.18)],
)
def test_molar_masses_agree_with_sourced_values(v: Vitamer, sourced: float) -> None:
    assert abs(float(v.molar_mass_g_per_mol) - sourced) <= 0.01


def test_mk7_molar_mass_agrees_to_the_precision_it_is_sourced() -> None:
    # MK-7's sourced 649.0 g/mol is stated to 0.1 g/mol; the formula gives 649.016, which
    # rounds to it.  (A 0.01 tolerance would ask the source for a digit it does not give.)
    assert round(float(MK7.molar_mass_g_per_mol), 1) == 649.0
    assert abs(float(MK7.molar_mass_g_per_mol) - 649.0) < 0.05


def test_molar_mass_is_computed_from_the_formula() -> None:
    c, h, o = ATOMIC_WEIGHTS["C"], ATOMIC_WEIGHTS["H"], ATOMIC_WEIGHTS["O"]
    assert MK7.molar_mass_g_per_mol == 46 * c + 64 * h + 2 * o
    assert MK7.molar_mass.to("kg/mol").magnitude == pytest.approx(0.649016, rel=1e-12)


@given(st.integers(min_value=1, max_value=13))
def test_menaquinone_formula_rule(n: int) -> None:
    mk = menaquinone(n)
    assert mk.formula == f"C{11 + 5 * n}H{8 + 8 * n}O2"
    assert mk.isoprenyl_units == n
    assert mk.key == f"MK-{n}"
    # each isoprenyl unit C5H8 adds the same mass
    if n > 1:
        step = mk.molar_mass_g_per_mol - menaquinone(n - 1).molar_mass_g_per_mol
        assert step == formula_mass("C5H8")


def test_constants() -> None:
    assert (menaquinone(4), menaquinone(7), menaquinone(9)) == (MK4, MK7, MK9)
    assert K1.formula == "C31H46O2"
    assert K3.human_supplement is False
    assert all(v.human_supplement for v in all_vitamers() if v is not K3)
    assert len({v.key for v in all_vitamers()}) == len(all_vitamers()) == 16


@pytest.mark.parametrize(("name", "key"), VITAMER_NAMES)
def test_forgiving_lookup(name: str, key: str) -> None:
    assert vitamer(name).key == key


@given(st.sampled_from(VITAMER_NAMES), st.data())
def test_lookup_is_case_and_space_insensitive(pair: tuple[str, str], data: st.DataObject) -> None:
    name, key = pair
    flipped = "".join(
        c.upper() if data.draw(st.booleans()) else c.lower() for c in name
    )
    padded = data.draw(st.sampled_from(["", " ", "  ", "\t"])) + flipped + " "
    assert vitamer(padded).key == key


@pytest.mark.parametrize("name", ["K2", "k2", "vitamin K2", "menaquinone", "Vitamin K 2"])
def test_bare_k2_is_ambiguous(name: str) -> None:
    with pytest.raises(AmbiguousNameError, match="ambiguous"):
        vitamer(name)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("menatetrenon", "menatetrenone"),
        ("phyloquinone", "phylloquinone"),
        ("menadion", "menadione"),
    ],
)
def test_unknown_names_suggest_close_matches(name: str, suggestion: str) -> None:
    with pytest.raises(UnknownVitamerError, match=suggestion):
        vitamer(name)


@pytest.mark.parametrize("name", ["MK-14", "MK-0x", "vitamin K2(33)", "", "vitamin Q", "MK-999"])
def test_unknown_names(name: str) -> None:
    with pytest.raises(UnknownVitamerError) as info:
        vitamer(name)
    assert repr(name) in str(info.value)


@pytest.mark.parametrize("n", [0, 14, -1, True, 7.0])
def test_menaquinone_range(n: object) -> None:
    with pytest.raises(UnknownVitamerError):
        menaquinone(n)  # type: ignore[arg-type]


def test_lookup_errors_are_lookup_errors() -> None:
    with pytest.raises(LookupError):
        vitamer("nonsense")


@given(vitamers)
def test_vitamer_round_trips(v: Vitamer) -> None:
    assert vitamer(v.key) is v
    assert vitamer(v.name) is v
    assert pickle.loads(pickle.dumps(v)) is v
    assert hash(v) == hash(vitamer(v.key))


def test_identifiers_are_sourced_where_present() -> None:
    for v in all_vitamers():
        ids = v.identifiers
        present = [ids.cas, ids.pubchem_cid, ids.chebi, ids.unii, ids.atc]
        if any(x is not None for x in present):
            assert ids.sources, v.key
        for key in (*ids.sources, *v.sources):
            citation(key)
    assert MK4.identifiers.cas == "863-61-6"
    assert MK7.identifiers.cas == "2124-57-4"
    assert K1.identifiers.cas == "84-80-0"
    assert K1.identifiers.atc == "B02BA01"
    # unconfirmed identifiers are absent, not guessed
    assert MK7.identifiers.pubchem_cid is None
    assert MK9.identifiers.cas is None


def test_pharmacokinetic_values_are_sourced_and_consistent() -> None:
    for v in all_vitamers():
        for pk in v.pharmacokinetics:
            assert pk.low_hours <= pk.hours <= pk.high_hours
            assert pk.citations
    assert MK7.time_to_peak[0].hours == 4.0
    assert {c.key for p in MK4.half_life for c in p.citations} == {"pmda-kaytwo-n-iv"}
    assert MK7.half_life == ()  # not confirmed in a primary source: absent, not guessed


# --- vitamer phrases as labels and papers write them ----------------------------------------


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("(as menaquinone-7)", "MK-7"),
        ("as MK-7", "MK-7"),
        ("(MK-7)", "MK-7"),
        ("Vitamin K2 (as menaquinone-7)", "MK-7"),
        ("Vitamin K2 as MK-7", "MK-7"),
        ("K2 as MK-7", "MK-7"),
        ("Vitamin K-2 (as MK-7)", "MK-7"),
        ("K2 MK-7", "MK-7"),
        ("vitamin K2 MK-7", "MK-7"),
        ("MK-7 (menaquinone-7)", "MK-7"),
        ("Vitamin K1 (as phylloquinone)", "K1"),
        ("K1 (phytonadione)", "K1"),
        ("all-trans MK-7", "MK-7"),
        ("all-trans-menaquinone-7", "MK-7"),
        ("MK-7 (all-trans)", "MK-7"),
        ("menatetrenone", "MK-4"),
        ("Vitamin K2 (as menatetrenone)", "MK-4"),
        ("Vitamin K2 (as MK-4)", "MK-4"),
        ("MK-7 from natto", "MK-7"),
        ("K1 from chickpea", "K1"),
        ("MK-7 (from natto extract)", "MK-7"),
        ("MK-7 derived from Bacillus subtilis natto", "MK-7"),
        ("Vitamin K2 from natto as MK-7", "MK-7"),
        ("Vitamin K2 (as MK-7) from natto", "MK-7"),
        ("Vitamin K2(35)", "MK-7"),
        ("Vitamin K2 (as vitamin K2(20))", "MK-4"),
        ("2',3'-dihydrophylloquinone", "dihydro-K1"),
        ("Vitamin K3 (menadione)", "K3"),
        ("Vitamin K (as MK-7)", "MK-7"),
        ("Vitamin K2 (as MenaQ7®)", "MK-7"),
        ("MK-7 (MenaQ7™)", "MK-7"),
        ("MenaQ-7", "MK-7"),
        ("K2VITAL", "MK-7"),
        ("Glakay", "MK-4"),
        ("Kaytwo N", "MK-4"),
        ("Natural Vitamin K2 (as MK-7)", "MK-7"),
        ("natural vitamin K2 MK-7", "MK-7"),
        ("synthetic all-trans MK-7", "MK-7"),
        ("Vit. K2 (as MK-7)", "MK-7"),
        ("Vit K1", "K1"),
        ("Vitamin K2 (MK7)", "MK-7"),
    ],
)
def test_label_phrases(phrase: str, key: str) -> None:
    assert vitamer(phrase).key == key
    assert read_vitamer_phrase(phrase).vitamer.key == key


def test_a_phrase_says_what_each_part_said() -> None:
    p = read_vitamer_phrase(
        "Vitamin K2 (as all-trans MenaQ7®) derived from Bacillus subtilis natto"
    )
    assert p.vitamer is MK7
    assert p.form_words == ("Vitamin K2", "MenaQ7")
    assert p.origin == "Bacillus subtilis natto"
    assert p.isomer == "all-trans"
    assert p.trade_name is not None
    assert p.trade_name.name == "MenaQ7"
    assert p.sources == ("knapen-2015", "battula-2021")
    assert [c.key for c in p.citations] == ["knapen-2015", "battula-2021"]
    plain = read_vitamer_phrase("MK-7")
    assert (plain.origin, plain.trade_name, plain.isomer, plain.sources) == (None, None, None, ())
    assert plain.form_words == ("MK-7",)


def test_descriptors_are_kept_apart_from_the_form_words() -> None:
    p = read_vitamer_phrase("Natural Vitamin K2 (as MK-7)")
    assert (p.descriptors, p.form_words) == (("Natural",), ("Vitamin K2", "MK-7"))
    assert read_vitamer_phrase("Vitamin K2 (MK7)").form_words == ("Vitamin K2", "MK7")
    with pytest.raises(UnknownVitamerError, match="names no vitamer"):
        vitamer("natural")
    with pytest.raises(UnknownVitamerError):
        vitamer("multivitamin")  # 'vitamin' inside a word is not the word 'vitamin'


@pytest.mark.parametrize(
    ("phrase", "origin"),
    [
        ("MK-7 from natto", "natto"),
        ("K1 from chickpea", "chickpea"),
        ("MK-7 (from natto extract)", "natto extract"),
        ("MK-7 derived from Bacillus subtilis natto", "Bacillus subtilis natto"),
        ("Vitamin K2 from natto as MK-7", "natto"),
    ],
)
def test_an_origin_is_recorded_and_never_decides_the_vitamer(phrase: str, origin: str) -> None:
    assert read_vitamer_phrase(phrase).origin == origin


@pytest.mark.parametrize(
    "phrase", ["Vitamin K2 from natto", "K2 (from natto extract)", "menaquinone from natto"]
)
def test_an_origin_does_not_imply_a_form(phrase: str) -> None:
    with pytest.raises(AmbiguousNameError, match="says where it comes from, not which form"):
        vitamer(phrase)


@pytest.mark.parametrize("phrase", ["from natto", "(from natto extract)", "all-trans"])
def test_a_phrase_with_no_name_names_no_vitamer(phrase: str) -> None:
    with pytest.raises(UnknownVitamerError):
        vitamer(phrase)


def test_from_with_nothing_after_it() -> None:
    with pytest.raises(UnknownVitamerError, match="not from what"):
        vitamer("MK-7 from")


@pytest.mark.parametrize(
    "phrase",
    [
        "Vitamin K1 (as MK-7)",
        "MK-4 (as menaquinone-7)",
        "Vitamin K2 (as phylloquinone)",
        "K2 as K1",
        "MK-4 and MK-7",
        "MK-7, MK-9",
        "MK-4 (MenaQ7)",
        "Glakay (as MK-7)",
        "Vitamin K1 (as dihydrophylloquinone)",
        "menadione (as MK-4)",
    ],
)
def test_a_phrase_naming_two_vitamers_is_refused(phrase: str) -> None:
    with pytest.raises(ConflictingVitamerNamesError, match="names two vitamers") as info:
        vitamer(phrase)
    assert repr(phrase) in str(info.value)
    assert isinstance(info.value, LookupError)


@given(vitamers, vitamers, st.data())
def test_two_different_vitamers_always_raise(v: Vitamer, w: Vitamer, data: st.DataObject) -> None:
    if v == w:
        return
    a = data.draw(st.sampled_from(vitamer_spellings(v)))
    b = data.draw(st.sampled_from(vitamer_spellings(w)))
    phrase = data.draw(st.sampled_from(TWO_NAME_TEMPLATES)).format(a=a, b=b)
    with pytest.raises(ConflictingVitamerNamesError):
        vitamer(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "cis-MK-7",
        "MK-7 (cis/trans)",
        "cis MK-7",
        "MK-7 cis",
        "trans-MK-7",
        "Vitamin K2 (as cis-MK-7)",
        "cis-phylloquinone",
    ],
)
def test_cis_isomers_are_not_all_trans_mk7(phrase: str) -> None:
    with pytest.raises(UnknownVitamerError, match="different substances") as info:
        vitamer(phrase)
    assert "Battula" in str(info.value)
    assert "all-trans MK-7" in str(info.value)


def test_all_trans_describes_only_a_menaquinone() -> None:
    with pytest.raises(UnknownVitamerError, match="side chain of a menaquinone"):
        vitamer("all-trans phylloquinone")


@pytest.mark.parametrize(
    "phrase",
    ["Vitamin K2", "K2", "menaquinone", "Vitamin K-2", "vitamin k 2", "MK", "menaquinones"],
)
def test_bare_k2_lists_the_forms(phrase: str) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        vitamer(phrase)
    assert "MK-4, MK-7" in str(info.value)
    assert "'MK-7'" in str(info.value)


@pytest.mark.parametrize("phrase", ["Vitamin K", "vitamin k", "K", "Vitamin K from natto"])
def test_bare_vitamin_k_is_never_taken_for_k1(phrase: str) -> None:
    with pytest.raises(AmbiguousNameError, match="never assumes K1") as info:
        vitamer(phrase)
    message = str(info.value)
    for form in ("K1 (phylloquinone)", "K2", "K3 (menadione)", "'Vitamin K2 (as MK-7)'"):
        assert form in message


@pytest.mark.parametrize(
    ("name", "char"),
    [("MK-1\u0663", "\u0663"), ("MK-\u06610", "\u0661"), ("MK-1\u00b2", "\u00b2"),
     ("MK-\uff17", "\uff17"), ("MK-\u2466", "\u2466"), ("MK-\u096d", "\u096d")],
)
def test_non_ascii_digit_reproducers(name: str, char: str) -> None:
    # Before: 'MK-1٣' was MK-1 and 'MK-١0' was K3 (the fold dropped the digit), 'MK-1²' MK-12.
    with pytest.raises(UnknownVitamerError) as info:
        vitamer(name)
    assert repr(char) in str(info.value)
    assert f"U+{ord(char):04X}" in str(info.value)


@given(vitamer_phrases(), non_ascii_numerals, st.data())
def test_non_ascii_numerals_anywhere_always_raise(
    pair: tuple[str, Vitamer], numeral: str, data: st.DataObject
) -> None:
    phrase, _ = pair
    at = data.draw(st.integers(min_value=0, max_value=len(phrase)))
    with pytest.raises(UnknownVitamerError) as info:
        vitamer(phrase[:at] + numeral + phrase[at:])
    assert repr(numeral) in str(info.value)


@given(non_ascii_numerals)
def test_non_ascii_numerals_in_amounts_are_refused_in_the_vitamer_part(numeral: str) -> None:
    with pytest.raises(Vitk2Error) as info:
        parse_amount(f"100 mcg MK-1{numeral}")
    # parse_amount folds a vulgar fraction ('½' → '1⁄2') before the vitamer is read: the error
    # then names the fraction slash it left; either way no look-alike becomes a menaquinone.
    assert repr(numeral) in str(info.value) or "U+2044 FRACTION SLASH" in str(info.value)


@pytest.mark.parametrize("text", ["100 mcg MK-\u00bd", "100 mcg MK-1\u2044\u0032"])
def test_a_fraction_in_a_vitamer_name_is_not_a_menaquinone(text: str) -> None:
    # Before: 'MK-½' was folded to 'MK-1⁄2' and read as MK-12.  Refused either by the number
    # reader (a fraction glyph that is not a number) or by the name reader (a fraction slash).
    with pytest.raises((UnknownVitamerError, UnitParseError), match=r"FRACTION SLASH|fraction one"):
        parse_amount(text)


def test_long_names_are_refused_and_not_cached() -> None:
    _read.cache_clear()
    long = "MK-7 " + "x" * 300
    with pytest.raises(UnknownVitamerError, match=r"305 characters long; .* at most 200") as info:
        vitamer(long)
    assert len(str(info.value)) < 200  # the message does not repeat the whole text
    assert _read.cache_info().currsize == 0
    padded = "MK-7".ljust(200)
    assert vitamer(padded) is MK7
    assert _read.cache_info().currsize == 1


@given(vitamer_phrases())
def test_every_spelling_in_every_template_names_its_vitamer(pair: tuple[str, Vitamer]) -> None:
    phrase, v = pair
    assert vitamer(phrase) is v


_DASHES = ("-", "\u2010", "\u2013", "\u2212", " ", "")


@given(vitamer_phrases(), st.data())
def test_case_spacing_and_hyphens_do_not_change_the_reading(
    pair: tuple[str, Vitamer], data: st.DataObject
) -> None:
    phrase, v = pair
    varied = "".join(
        (c.upper() if data.draw(st.booleans()) else c.lower()) if c.isalpha() else c
        for c in phrase
    )
    dash = data.draw(st.sampled_from(_DASHES))
    # A hyphen inside "2',3'-" or between digits ("K2(35)" has none) may be dropped, but joining
    # two numbers would change them, so only hyphens next to a letter are varied.
    varied = re.sub(r"(?<=[A-Za-z])-|-(?=[A-Za-z])", lambda _: dash, varied)
    spaces = data.draw(st.sampled_from([" ", "  ", "\t", " \u00a0"]))
    varied = varied.replace(" ", spaces)
    varied = data.draw(st.sampled_from(["", " ", "\t"])) + varied + data.draw(
        st.sampled_from(["", " "])
    )
    assert vitamer(varied) is v


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_with_a_vitk2_error(text: str) -> None:
    try:
        v = vitamer(text)
    except Vitk2Error:
        return
    assert v in all_vitamers()


def test_trade_names_are_cited_data() -> None:
    names = trade_names()
    assert {t.name: t.vitamer.key for t in names} == {
        "MenaQ7": "MK-7",
        "K2VITAL": "MK-7",
        "Glakay": "MK-4",
        "Kaytwo": "MK-4",
    }
    for t in names:
        assert t.citations, t.name
        assert t.evidence
        secondary = any((c.note or "").startswith("SECONDARY") for c in t.citations)
        assert (t.status == "secondary") == secondary, t.name
        for spelling in (t.name, *t.aliases):
            # a brand never shadows a vitamer name, and every spelling reads as its vitamer
            assert _fold(spelling) not in _names(), spelling
            assert read_vitamer_phrase(spelling).trade_name is t
            assert vitamer(f"{spelling}®") is t.vitamer
        assert t.name in t.evidence, t.name


def test_trade_names_are_matched_as_whole_names() -> None:
    assert alnum_key("Mena Q7") == "menaq7"
    with pytest.raises(UnknownVitamerError):
        vitamer("MenaQ")
    with pytest.raises(UnknownVitamerError):
        vitamer("Glakays")


@pytest.mark.parametrize(
    "text",
    [
        "Vitamin K2 (as menaquinone-7) 100 mcg",
        "100 mcg K2 as MK-7",
        "Vitamin K-2 (as MK-7) 100 µg",
        "100 µg all-trans MK-7 (from natto)",
        "MK-7 (as MenaQ7®) 100 mcg",
    ],
)
def test_parse_amount_reads_label_phrases(text: str) -> None:
    assert parse_amount(text) == parse_amount("100 µg MK-7")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("100 mcg MK-1\u0663", Vitk2Error),
        ("100 mcg Vitamin K", AmbiguousNameError),
        ("100 mcg Vitamin K2 from natto", AmbiguousNameError),
        ("100 mcg Vitamin K1 (as MK-7)", ConflictingVitamerNamesError),
        ("100 mcg cis-MK-7", UnknownVitamerError),
    ],
)
def test_parse_amount_refuses_what_vitamer_refuses(text: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        parse_amount(text)
    assert repr(text) in str(info.value)


def test_vitamer_lookups_are_cached() -> None:
    _read.cache_clear()
    vitamer("Vitamin K2 (as MK-7)")
    vitamer("Vitamin K2 (as MK-7)")
    info = _read.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_normalisation_assumption() -> None:
    # The digit rule exists because NFKC folds these into ASCII digits.
    assert unicodedata.normalize("NFKC", "MK-1\u00b2") == "MK-12"


# --- identifiers and pharmacokinetic values are data (data/vitamers.json) -------------------


def _vitamer_file() -> dict[str, Any]:
    text = resources.files("vitk2").joinpath("data", "vitamers.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_KEYS = [v.key for v in all_vitamers()]


def test_the_vitamers_expose_exactly_what_the_data_file_says() -> None:
    records = _vitamer_file()["vitamers"]
    for v in all_vitamers():
        record = records.get(v.key, {})
        ids = attrs.asdict(v.identifiers)
        given_ids = record.get("identifiers", {})
        assert {k: x for k, x in ids.items() if x not in (None, ())} == {
            k: (tuple(x) if k == "sources" else x) for k, x in given_ids.items()
        }, v.key
        assert [attrs.asdict(p) for p in v.pharmacokinetics] == [
            {"note": None, **p, "sources": tuple(p["sources"])}
            for p in record.get("pharmacokinetics", [])
        ], v.key


def test_the_data_file_is_read_on_first_use_not_at_import() -> None:
    code = (
        "import vitk2, vitk2._vitamers as v\n"
        "vitk2.parse_amount('100 µg MK-7'); vitk2.vitamer('menatetrenone')\n"
        "before = v._data.cache_info().currsize\n"
        "vitk2.MK4.half_life\n"
        "print(before, v._data.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


def _damaged(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(_vitamer_file())
    *parents, last = path
    node: Any = data
    for step in parents:
        node = node[step]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("vitamers", "MK-77"), {}, "'MK-77' is not a vitamer key"),
        (("vitamers", "K1", "identifiers", "cas"), "84800", "'84800' is not a CAS RN"),
        (("vitamers", "K1", "identifiers", "cas"), "84-80-1", "fails the CAS check digit"),
        (("vitamers", "K1", "identifiers", "atc"), "84-80-0", "is not an ATC code"),
        (("vitamers", "K1", "identifiers", "unii"), "a034se7857", "is not a UNII"),
        (("vitamers", "K1", "identifiers", "pubchem_cid"), "5284607", "not a PubChem CID"),
        (("vitamers", "K1", "identifiers", "sources"), [], "non-empty list of citation keys"),
        (("vitamers", "K1", "identifiers", "cass"), "84-80-0", "unknown field 'cass'"),
        (("vitamers", "K3", "identifiers"), {"sources": ["fda-gsrs"]}, "no identifier given"),
        (("vitamers", "MK-4", "pharmacokinetics", 1, "sources"), ["pmda-kaytwo"],
         "'pmda-kaytwo' is not a citation key"),
        (("vitamers", "MK-4", "pharmacokinetics", 1, "hours"), 0.5, "does not hold the typical"),
        (("vitamers", "MK-4", "pharmacokinetics", 1, "hours"), "17.52", "not a number of hours"),
        (("vitamers", "MK-4", "pharmacokinetics", 1, "low_hours"), -1, "not a number of hours"),
        (("vitamers", "MK-4", "pharmacokinetics", 1, "parameter"), "half life",
         "'half life' is not 'half-life' or 'time to peak'"),
        (("vitamers", "MK-4", "pharmacokinetics", 0, "context"), " ", "is not a text"),
        (("vitamers", "MK-4", "pharmacokinetics", 0, "note"), 3, "is not a text"),
        (("vitamers", "MK-4", "pharmacokinetics", 0, "context"), _DELETE,
         "missing field 'context'"),
        (("vitamers", "MK-4", "pharmacokinetics"), {}, "give a list of values"),
        (("vitamers",), [], "give an object of records by vitamer key"),
        (("vitamer",), {}, "unknown field 'vitamer'"),
    ],
)
def test_a_damaged_data_file_is_refused_where_it_is_wrong(
    path: tuple[str | int, ...], value: object, message: str
) -> None:
    with pytest.raises(Vitk2Error, match=re.escape(message)):
        read_vitamer_data(_damaged(path, value), _KEYS)


_PK_VALUES = [
    (key, i)
    for key, record in _vitamer_file()["vitamers"].items()
    for i in range(len(record.get("pharmacokinetics", [])))
]


@given(
    where=st.sampled_from(_PK_VALUES),
    field=st.sampled_from(["parameter", "hours", "low_hours", "high_hours", "context", "sources"]),
)
def test_every_required_field_of_every_value_is_checked(where: tuple[str, int], field: str) -> None:
    key, i = where
    data = _damaged(("vitamers", key, "pharmacokinetics", i, field), _DELETE)
    with pytest.raises(Vitk2Error, match=rf"{re.escape(key)}\.pharmacokinetics\[{i}\]"):
        read_vitamer_data(data, _KEYS)


@given(where=st.sampled_from(_PK_VALUES), low=st.floats(0.01, 500), high=st.floats(0.01, 500))
def test_a_range_is_accepted_exactly_when_it_holds_its_typical_value(
    where: tuple[str, int], low: float, high: float
) -> None:
    key, i = where
    data = _damaged(("vitamers", key, "pharmacokinetics", i, "low_hours"), low)
    data["vitamers"][key]["pharmacokinetics"][i]["high_hours"] = high
    hours = data["vitamers"][key]["pharmacokinetics"][i]["hours"]
    if low <= hours <= high:
        value = read_vitamer_data(data, _KEYS)[key].pharmacokinetics[i]
        assert (value.low_hours, value.high_hours) == (low, high)
    else:
        with pytest.raises(Vitk2Error, match="does not hold the typical"):
            read_vitamer_data(data, _KEYS)
