"""Reference intakes: lookups, per-kg rule, upper limits, percent of reference."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from tests.strategies import adult_ages, authority_spellings, daily_doses_of
from vitk2 import (
    AUTHORITIES,
    K1,
    DailyDose,
    InvalidLifeStageError,
    MissingInputError,
    NoReferenceValueError,
    UnknownAuthorityError,
    all_reference_intakes,
    authority,
    percent_of_reference,
    reference_intake,
    upper_limit,
)

# --- properties ------------------------------------------------------------------------------


@given(authority_spellings())
def test_authority_lookup_ignores_case_and_whitespace(spelled: tuple[str, str]) -> None:
    text, key = spelled
    assert authority(text).key == key


@given(daily_doses_of("MK-7"), daily_doses_of("MK-7"), adult_ages)
def test_percent_of_reference_is_monotone_in_dose(
    a: DailyDose, b: DailyDose, age: Fraction
) -> None:
    ref = reference_intake("Japan", age_years=age)  # counts MK-7, as MK-4 equivalents
    pa, pb = percent_of_reference(a, ref).percent, percent_of_reference(b, ref).percent
    assert (a < b) == (pa < pb)
    assert (a == b) == (pa == pb)


@given(daily_doses_of("K1"), st.sampled_from(["IOM", "EFSA", "D-A-CH"]), adult_ages)
def test_percent_times_reference_gives_the_dose_back(
    dose: DailyDose, name: str, age: Fraction
) -> None:
    ref = reference_intake(name, age_years=age, sex="male")
    assert ref.value is not None
    p = percent_of_reference(dose, ref)
    assert p.same_vitamer
    assert p.percent * ref.value.micrograms_per_day / 100 == dose.micrograms_per_day


@given(st.fractions(min_value=1, max_value=300, max_denominator=10), adult_ages)
def test_per_kg_rule_is_linear_in_body_weight(kg: Fraction, age: Fraction) -> None:
    r = reference_intake("EFSA", age_years=age, body_weight=f"{float(kg)} kg")
    exact = Fraction(str(float(kg)))
    assert r.body_weight_kg == exact
    assert r.value == DailyDose.from_micrograms_per_day(K1, exact)


@given(
    st.fractions(min_value=0, max_value=100, max_denominator=12),
    st.sampled_from(["female", "male"]),
)
def test_iom_has_exactly_one_value_at_every_age(
    age: Fraction, sex: Literal["female", "male"]
) -> None:
    r = reference_intake("IOM", age_years=age, sex=sex)
    assert r.value is not None
    assert r.life_stage.contains(age * 12)


def test_every_record_cites_known_sources() -> None:
    known = {c.key for c in vitk2.all_citations()}
    for r in all_reference_intakes():
        assert r.sources
        assert set(r.sources) <= known
        assert all(c.key in known for c in r.citations)
    for a in AUTHORITIES:
        ul = upper_limit(a.key)
        assert set(ul.sources) <= known
        assert (ul.status == "not established") == bool(ul.sources)


# --- facts against the sources ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs", "ug"),
    [
        ("IOM", {"age_years": 40, "sex": "female"}, "90"),  # IOM 2001 adult women AI
        ("IOM", {"age_years": 40, "sex": "male"}, "120"),
        ("IOM", {"age_months": 3}, "2.0"),
        ("IOM", {"age_months": 9}, "2.5"),
        ("IOM", {"age_years": 2}, "30"),
        ("IOM", {"age_years": 16, "pregnant": True}, "75"),
        ("IOM", {"age_years": 30, "lactating": True}, "90"),
        ("EFSA", {"age_years": 2}, "12"),  # EFSA 2017 press release and opinion
        ("EFSA", {"age_years": 16}, "65"),
        ("EFSA", {"age_years": 50}, "70"),
        ("EFSA", {"age_years": 30, "pregnant": True}, "70"),
        ("EFSA", {"age_months": 9}, "10"),
        ("D-A-CH", {"age_years": 30, "sex": "male"}, "70"),  # DGE Schätzwerte
        ("D-A-CH", {"age_years": 30, "sex": "female"}, "60"),
        ("D-A-CH", {"age_years": 70, "sex": "male"}, "80"),
        ("D-A-CH", {"age_years": 70, "sex": "female"}, "65"),
        ("D-A-CH", {"age_months": 2}, "4"),
        ("D-A-CH", {"age_years": 25, "pregnant": True}, "60"),
    ],
)
def test_values_match_the_sources(name: str, kwargs: dict[str, object], ug: str) -> None:
    r = reference_intake(name, **kwargs)  # type: ignore[arg-type]
    assert r.value == DailyDose.from_micrograms_per_day(K1, ug)
    assert r.value.vitamer == K1


def test_efsa_per_kg_rule_and_uk_weight() -> None:
    efsa = reference_intake("EFSA", age_years=40)
    assert efsa.per_kg_body_weight == 1
    assert reference_intake("EFSA", age_years=40, body_weight="65 kg").value == DailyDose(
        K1, "65 µg/day"
    )
    uk = reference_intake("UK", age_years=40, body_weight="75 kg")
    assert uk.value == DailyDose(K1, "75 µg/day")  # NHS: 75 kg -> 75 µg
    assert uk.body_weight_kg == 75
    assert "75 kg" in str(uk)


def test_upper_limits_are_not_established_never_zero() -> None:
    for key in ("IOM", "EFSA", "UK", "Japan"):
        ul = upper_limit(key)
        assert ul.status == "not established"
        assert not ul.established
        assert "no upper limit established" in str(ul)
    assert upper_limit("UK").guidance == DailyDose(K1, "1 mg/day")
    assert upper_limit("WHO/FAO").status == "unknown"


def test_percent_of_reference_by_mass_is_a_labelled_plain_total() -> None:
    ref = reference_intake("IOM", age_years=40, sex="male")
    p = percent_of_reference(DailyDose("MK-7", "180 µg/day"), ref, by="mass")
    assert p.percent == 150
    assert not p.same_vitamer
    assert "different vitamers" in str(p)
    assert "not what IOM counts" in str(p)
    assert "plain total by mass" in p.note
    # On IOM's own basis, MK-7 is not counted at all.
    on_basis = percent_of_reference(DailyDose("MK-7", "180 µg/day"), ref)
    assert on_basis.percent == 0
    assert on_basis.left_out == (DailyDose("MK-7", "180 µg/day"),)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"age_years": -1}, InvalidLifeStageError),
        ({"age_months": -1}, InvalidLifeStageError),
        ({"age_years": 9, "sex": "female", "pregnant": True}, InvalidLifeStageError),
        ({"age_years": 30, "sex": "male", "pregnant": True}, InvalidLifeStageError),
        ({"age_years": 30, "pregnant": True, "lactating": True}, InvalidLifeStageError),
        ({"age_years": 200}, InvalidLifeStageError),
        ({"age_years": float("nan")}, InvalidLifeStageError),
        ({"age_years": "40"}, InvalidLifeStageError),
        ({"age_years": 40, "sex": "other"}, InvalidLifeStageError),
        ({}, MissingInputError),
        ({"age_years": 1, "age_months": 12}, MissingInputError),
        ({"age_years": 40}, MissingInputError),  # IOM adults differ by sex
        ({"age_years": 60, "pregnant": True}, NoReferenceValueError),
    ],
)
def test_bad_input_raises_a_specific_error(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        reference_intake("IOM", **kwargs)  # type: ignore[arg-type]


def test_other_bad_input() -> None:
    with pytest.raises(UnknownAuthorityError, match="Atlantis"):
        reference_intake("Atlantis", age_years=40)
    with pytest.raises(MissingInputError, match="body_weight"):
        reference_intake("UK", age_years=40)
    with pytest.raises(InvalidLifeStageError):
        reference_intake("UK", age_years=40, body_weight="0 kg")
    with pytest.raises(vitk2.BareNumberError):
        reference_intake("UK", age_years=40, body_weight=70)
    with pytest.raises(NoReferenceValueError, match="unknown"):
        reference_intake("EFSA", age_months=3)  # EFSA sets no value under 7 months
    for name in ("WHO/FAO", "NHMRC", "NNR", "Korea"):
        with pytest.raises(NoReferenceValueError, match="not zero"):
            reference_intake(name, age_years=40, sex="female")
    with pytest.raises(vitk2.InvalidAmountError):
        percent_of_reference(180, reference_intake("EFSA", age_years=40))
    with pytest.raises(MissingInputError):
        percent_of_reference(DailyDose(K1, "1 µg/day"), all_reference_intakes("UK")[0])


# --- body weight: a person's mass, in a plausible range ---------------------------------------


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("0.2 kg", Fraction(1, 5)),
        ("200 g", Fraction(1, 5)),
        ("0.2001 kg", Fraction(2001, 10_000)),
        ("700 kg", Fraction(700)),
        ("699.9 kg", Fraction(6999, 10)),
        ("700000 g", Fraction(700)),
    ],
)
def test_body_weights_just_inside_the_range_are_accepted(text: str, kg: Fraction) -> None:
    r = reference_intake("EFSA", age_years=40, body_weight=text)
    assert r.body_weight_kg == kg
    assert r.value == DailyDose.from_micrograms_per_day(K1, kg)  # EFSA: 1 µg/kg/day


@pytest.mark.parametrize(
    "text", ["0.1999 kg", "199 g", "700.001 kg", "700001 g", "7000 kg", "0 kg", "0.0001 kg"]
)
def test_body_weights_just_outside_the_range_are_refused_naming_value_and_range(
    text: str,
) -> None:
    with pytest.raises(InvalidLifeStageError) as info:
        reference_intake("EFSA", age_years=40, body_weight=text)
    message = str(info.value)
    assert repr(text) in message
    assert "from 0.2 kg to 700 kg" in message
    assert "plausibility" in message


@pytest.mark.parametrize("text", ["70 mg", "70000 mg", "70 µg", "70 mcg", "70 ng", "7e10 ug"])
def test_a_body_weight_in_milligrams_or_micrograms_is_refused(text: str) -> None:
    # 70000 mg and 7e10 µg are 70 kg: the unit itself is the typo, whatever the number.
    with pytest.raises(InvalidLifeStageError, match="kg or g") as info:
        reference_intake("EFSA", age_years=40, body_weight=text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("text", ["70 lb", "154 lbs", "70 nmol", "70 mL", "70 IU", "-5 kg", "x"])
def test_other_body_weights_list_what_is_accepted_never_mole_units(text: str) -> None:
    with pytest.raises(InvalidLifeStageError) as info:
        reference_intake("EFSA", age_years=40, body_weight=text)
    message = str(info.value)
    assert repr(text) in message
    assert "kg or g" in message
    assert "mol" not in message.replace(repr(text), "")
    assert "IU" not in message.replace(repr(text), "")


def test_a_pint_body_weight_is_converted_exactly_and_range_checked() -> None:
    pint = pytest.importorskip("pint")
    ureg = pint.UnitRegistry()
    r = reference_intake("EFSA", age_years=40, body_weight=ureg.Quantity(154, "lb"))
    assert r.body_weight_kg == Fraction("69.85322498")  # 154 x 0.45359237 kg, exactly
    with pytest.raises(InvalidLifeStageError, match="out of range"):
        reference_intake("EFSA", age_years=40, body_weight=ureg.Quantity(70, "mg"))


def test_a_bad_body_weight_is_refused_where_the_value_is_not_per_kg() -> None:
    # IOM's value does not use the weight, but a typo is never silently ignored.
    iom = reference_intake("IOM", age_years=40, sex="male", body_weight="70 kg")
    assert iom.body_weight_kg is None
    with pytest.raises(InvalidLifeStageError, match="out of range"):
        reference_intake("IOM", age_years=40, sex="male", body_weight="7000 kg")


@pytest.mark.parametrize("sex", ["femal", "", "other"])
def test_a_misspelt_sex_is_still_refused_when_the_call_runs(sex: str) -> None:
    # The parameter is typed Literal["female", "male"]; untyped callers still get the check.
    with pytest.raises(InvalidLifeStageError, match="give 'female' or 'male'") as info:
        reference_intake("IOM", age_years=40, sex=sex)  # type: ignore[arg-type]
    assert repr(sex) in str(info.value)
