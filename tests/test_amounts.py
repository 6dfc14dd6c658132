"""Amount and DailyDose: exactness, arithmetic, ordering, parsing and formatting."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    MASS_SPELLINGS,
    PER_DAY_SPELLINGS,
    VITAMER_NAMES,
    amounts,
    daily_doses,
    micrograms,
    vitamers,
)
from vitk2 import (
    K1,
    MK4,
    MK7,
    AmbiguousNameError,
    Amount,
    BareNumberError,
    DailyDose,
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    NoInternationalUnitError,
    UnitParseError,
    UnknownVitamerError,
    Vitamer,
    Vitk2Error,
    compare,
    parse_amount,
    parse_daily_dose,
    total,
)


def test_examples_from_the_issue() -> None:
    assert parse_amount("100 mcg MK-7") == Amount(MK7, "100 µg")
    assert parse_amount("45mg menatetrenone") == Amount(MK4, "45 mg")
    assert parse_amount("0.1 mg vitamin K2 (MK-7)") == Amount(MK7, "100 µg")
    assert parse_daily_dose("180 µg/day MK-7") == DailyDose(MK7, "180 µg/day")
    assert str(Amount(MK7, "180 µg")) == "180 µg MK-7"
    assert Amount(MK7, "180 µg").ucum == "180 ug"
    assert DailyDose(MK4, "45 mg/day").ucum == "45 mg/d"
    assert format(Amount(MK7, "0.1 mg"), "ucum") == "100 ug MK-7"
    assert format(Amount(MK7, "0.1 mg"), "mg") == "0.1 mg MK-7"


@pytest.mark.parametrize(("spelling", "code"), MASS_SPELLINGS)
@pytest.mark.parametrize(("name", "key"), VITAMER_NAMES[:6])
def test_parse_spellings(spelling: str, code: str, name: str, key: str) -> None:
    a = parse_amount(f"2.5 {spelling} {name}")
    assert a.vitamer.key == key
    assert a.in_units(code) == Fraction(5, 2)


@pytest.mark.parametrize(
    "text",
    ["MK-7 100 mcg", "MK-7: 100 mcg", "menaquinone-7, 100 µg", "100µg MK7", "100 μg of MK-7"],
)
def test_parse_either_order(text: str) -> None:
    assert parse_amount(text) == Amount(MK7, "100 µg")


@pytest.mark.parametrize("per", PER_DAY_SPELLINGS)
def test_parse_daily_dose_forms(per: str) -> None:
    assert parse_daily_dose(f"180 mcg{per} MK-7") == DailyDose(MK7, "180 µg/day")


def test_moles() -> None:
    a = Amount(MK7, "180 µg")
    # 277.344 with M = 649.016 g/mol from the formula (the notes' 277.35 used a rounded 649.0)
    assert round(float(a.in_units("nmol")), 2) == 277.34
    assert Amount.from_moles(MK7, f"{a.in_units('nmol')} nmol") == a
    assert a.to("nmol").magnitude == float(a.in_units("nmol"))
    assert Amount(MK7, "277.35 nmol") == Amount.from_moles(MK7, "277.35 nmol")
    # Sato 2012 converted 420 µg MK-4 to 945 nmol and 420 µg MK-7 to 647 nmol
    assert round(float(Amount(MK4, "420 µg").in_units("nmol"))) == 945
    assert round(float(Amount(MK7, "420 µg").in_units("nmol"))) == 647


@given(amounts(), st.sampled_from(["pmol", "nmol", "umol", "mmol"]))
def test_mass_to_moles_to_mass_is_identity(a: Amount, unit: str) -> None:
    # The exact path (in_units) round-trips exactly; the pint quantity is its float.
    assert Amount.from_moles(a.vitamer, f"{a.in_units(unit)} {unit}") == a
    assert a.to(unit).magnitude == float(a.in_units(unit))


@given(amounts())
def test_parse_of_str_is_identity(a: Amount) -> None:
    assert parse_amount(str(a)) == a
    assert parse_amount(f"{a.ucum} {a.vitamer.key}") == a
    assert parse_amount(format(a, "ucum")) == a
    assert eval(repr(a), {"Amount": Amount}) == a


@given(daily_doses())
def test_parse_of_str_is_identity_for_daily_doses(d: DailyDose) -> None:
    assert parse_daily_dose(str(d)) == d
    assert parse_daily_dose(format(d, "ucum")) == d
    assert eval(repr(d), {"DailyDose": DailyDose}) == d


@given(micrograms, vitamers)
def test_eq_implies_hash(ug: Fraction, v: Vitamer) -> None:
    a = Amount.from_micrograms(v, ug)
    for unit in ("mg", "ng", "g"):
        b = Amount(v, f"{a.in_units(unit)} {unit}")
        assert a == b
        assert hash(a) == hash(b)
    assert len({a, Amount(v, f"{a.in_units('mg')} mg")}) == 1


@given(amounts(MK7), amounts(MK7))
def test_ordering_agrees_with_mass(a: Amount, b: Amount) -> None:
    assert (a < b) == (a.micrograms < b.micrograms)
    assert (a <= b) == (a.micrograms <= b.micrograms)
    assert (a > b) == (a.micrograms > b.micrograms)
    assert (a >= b) == (a.micrograms >= b.micrograms)
    assert (a == b) == (a.micrograms == b.micrograms)
    assert sorted([a, b]) == sorted([b, a])


@given(amounts(MK4), amounts(MK4), amounts(MK4))
def test_addition_is_exact_and_associative(a: Amount, b: Amount, c: Amount) -> None:
    assert (a + b) + c == a + (b + c)
    assert (a + b).micrograms == a.micrograms + b.micrograms
    assert sum([a, b, c]) == a + b + c
    assert (a + b) - b == a


# Factors down to 1e-20: amounts hold 1e-30 ng (1e-33 µg) and more (see test_mutation_kills).
@given(amounts(), st.fractions(min_value=0, max_value=1000, max_denominator=10**20),
       st.integers(1, 1000))
def test_scaling(a: Amount, k: Fraction, n: int) -> None:
    assert (a * k).micrograms == a.micrograms * k
    assert k * a == a * k
    assert (a / n) * n == a
    if a:
        assert (a * n) / a == n


def test_different_vitamers_do_not_mix_silently() -> None:
    a, b = Amount(MK4, "100 µg"), Amount(MK7, "100 µg")
    with pytest.raises(IncompatibleVitamersError, match="different vitamers"):
        a + b
    with pytest.raises(IncompatibleVitamersError):
        a - b
    with pytest.raises(IncompatibleVitamersError, match="compare"):
        a < b  # noqa: B015
    with pytest.raises(IncompatibleVitamersError):
        a / b
    assert a != b
    # explicitly:
    assert total([a, b], by="mass").magnitude == 200
    by_moles = compare(a, b, by="moles")
    assert by_moles.ratio == MK7.molar_mass_g_per_mol / MK4.molar_mass_g_per_mol
    assert by_moles.larger is a
    assert "1.46 times" in str(by_moles)
    assert compare(a, b, by="mass").larger is None
    assert str(compare(a, b, by="mass")) == "100 µg MK-4 is equal to 100 µg MK-7 by mass"


@given(amounts(), amounts())
def test_total_by_moles_is_the_sum(a: Amount, b: Amount) -> None:
    assert total([a, b], by="moles").magnitude == float(a.in_units("nmol") + b.in_units("nmol"))


def test_an_amount_is_not_a_daily_dose() -> None:
    a, d = Amount(MK7, "180 µg"), DailyDose(MK7, "180 µg/day")
    assert a != d  # type: ignore[comparison-overlap]
    with pytest.raises(IncompatibleVitamersError, match="not a daily dose"):
        a + d  # type: ignore[operator]
    with pytest.raises(IncompatibleVitamersError, match="not a daily dose"):
        a < d  # type: ignore[operator]  # noqa: B015
    with pytest.raises(UnitParseError, match="per day"):
        Amount(MK7, "180 µg/day")
    with pytest.raises(UnitParseError, match="not an amount per day"):
        DailyDose(MK7, "180 µg")
    with pytest.raises(UnitParseError, match="parse_daily_dose"):
        parse_amount("180 µg/day MK-7")
    with pytest.raises(UnitParseError):
        parse_daily_dose("180 µg MK-7")
    assert a.per_day() == d
    assert d.amount == a
    assert d.over(7) == Amount(MK7, "1.26 mg")
    with pytest.raises(IncompatibleVitamersError):
        compare(a, d, by="mass")  # type: ignore[call-overload]  # mypy refuses it too


def test_bare_numbers_in_arithmetic() -> None:
    a = Amount(K1, "90 µg")
    with pytest.raises(UnitParseError, match="bare number"):
        a + 5  # type: ignore[operator]
    with pytest.raises(UnitParseError):
        a * "3"  # type: ignore[operator]
    with pytest.raises(UnitParseError):
        a * a  # type: ignore[operator]


def test_negative_results_are_errors_and_nothing_changes() -> None:
    a, b = Amount(K1, "90 µg"), Amount(K1, "100 µg")
    with pytest.raises(InvalidAmountError, match="negative"):
        a - b
    with pytest.raises(InvalidAmountError):
        a * -1
    with pytest.raises(InvalidAmountError):
        a / 0
    assert a == Amount(K1, "90 µg")  # frozen: untouched
    with pytest.raises(AttributeError):
        a.vitamer = MK7  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("100", BareNumberError),
        ("100 MK-7", UnitParseError),
        ("100 µg", UnknownVitamerError),
        ("100 µg K2", AmbiguousNameError),
        ("100 µg vitamin Q", UnknownVitamerError),
        ("100 IU vitamin K", NoInternationalUnitError),
        ("90 mL MK-7", DimensionError),
        ("-5 µg MK-7", InvalidAmountError),
        ("nan µg MK-7", InvalidAmountError),
        ("", UnitParseError),
        ("MK-7", UnitParseError),
    ],
)
def test_bad_amount_text(text: str, error: type[Vitk2Error]) -> None:
    with pytest.raises(error) as info:
        parse_amount(text)
    assert repr(text) in str(info.value)


def test_vitamer_given_twice_must_agree() -> None:
    assert parse_amount("100 µg", vitamer="MK-7") == Amount(MK7, "100 µg")
    assert parse_amount("100 µg MK-7", vitamer=MK7) == Amount(MK7, "100 µg")
    with pytest.raises(IncompatibleVitamersError):
        parse_amount("100 µg MK-4", vitamer="MK-7")


@pytest.mark.parametrize("value", [None, 100, 1.5, ["100 µg"], b"100 ug"])
def test_non_string_input_to_parsers(value: object) -> None:
    with pytest.raises(UnitParseError):
        parse_amount(value)  # type: ignore[arg-type]
    with pytest.raises(Vitk2Error):
        Amount(MK7, value)  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_vitk2_errors(text: str) -> None:
    for parse in (parse_amount, parse_daily_dose):
        with contextlib.suppress(Vitk2Error):
            parse(text)


def test_display_units() -> None:
    assert str(Amount(MK4, "45 mg")) == "45 mg MK-4"
    assert str(Amount(MK7, "0.5 µg")) == "500 ng MK-7"
    assert str(Amount(MK7, "0 µg")) == "0 µg MK-7"
    assert str(Amount(MK7, "1000/3 µg")) == "1000/3 µg MK-7"
    assert str(DailyDose(MK4, "45 mg/day") / 3) == "15 mg/day MK-4"


@given(amounts())
def test_parse_dose_reads_amounts_and_daily_doses(a: Amount) -> None:
    from vitk2 import parse_dose

    assert parse_dose(str(a)) == a
    assert parse_dose(str(a.per_day())) == a.per_day()


def test_parse_dose_errors_are_the_parsers_errors() -> None:
    from vitk2 import parse_dose

    with pytest.raises(NoInternationalUnitError):
        parse_dose("100 IU MK-7")
    with pytest.raises(UnitParseError):
        parse_dose(None)  # type: ignore[arg-type]
