"""Behaviour of the core (``_units``, ``_amounts``) that mutation testing found untested.

Each test pins something a user relies on: ordering, division, the input limits exactly at their
boundary and one past it, the thousands-separator rules, vulgar fractions, the int/float switch of
pint magnitudes, and NumPy numbers.  ``tools/mutation.py`` measures how many mutants of the two
modules these tests (with ``test_units.py`` and ``test_amounts.py``) kill; see docs/mutation.md.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import amounts, daily_doses, micrograms, positive_micrograms, vitamers
from vitk2 import (
    K1,
    MK4,
    MK7,
    Amount,
    BareNumberError,
    DailyDose,
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    NoInternationalUnitError,
    OperandError,
    RoundingWarning,
    UnitParseError,
    UnknownVitamerError,
    Vitamer,
    compare,
    parse_amount,
    parse_daily_dose,
    parse_dose,
    total,
)
from vitk2._amounts import MAX_MAGNITUDE_BITS
from vitk2._units import (
    MAX_DIGITS,
    MAX_TEXT_LENGTH,
    app_registry,
    exact_magnitude,
    format_number,
    parse_number,
    plain_magnitude,
    prepare_text,
    quantity,
    read_quantity,
    unit_spec,
    unit_target,
)

# --- ordering ------------------------------------------------------------------------------


@given(amounts(MK7), amounts(MK7))
def test_ordering_is_a_total_order_by_mass(a: Amount, b: Amount) -> None:
    # Each operator is called directly, so a reflected fallback cannot stand in for it.
    assert a.__lt__(b) is (a.micrograms < b.micrograms)
    assert a.__le__(b) is (a.micrograms <= b.micrograms)
    assert a.__gt__(b) is (a.micrograms > b.micrograms)
    assert a.__ge__(b) is (a.micrograms >= b.micrograms)


@given(daily_doses(MK4), daily_doses(MK4))
def test_daily_doses_order_by_rate(a: DailyDose, b: DailyDose) -> None:
    assert a.__lt__(b) is (a.micrograms_per_day < b.micrograms_per_day)
    assert a.__ge__(b) is (a.micrograms_per_day >= b.micrograms_per_day)
    assert max(a, b).micrograms_per_day == max(a.micrograms_per_day, b.micrograms_per_day)


def test_ordering_at_equality_and_sorting() -> None:
    small, big = Amount(MK7, "90 µg"), Amount(MK7, "0.18 mg")
    same = Amount(MK7, "90 mcg")
    assert small < big
    assert not big < small
    assert not small < same
    assert small <= same
    assert small <= big
    assert not big <= small
    assert big > small
    assert not small > big
    assert not small > same
    assert small >= same
    assert big >= small
    assert not small >= big
    assert sorted([big, small, Amount(MK7, "1 ng")]) == [Amount(MK7, "1 ng"), small, big]
    assert min(big, small) is small


@pytest.mark.parametrize("other", [5, 0.5, Fraction(1), Decimal(1), "1 µg", None, object()])
@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_ordering_with_a_foreign_operand_is_a_vitk2_error(other: object, op: str) -> None:
    a = Amount(MK7, "100 µg")
    with pytest.raises(OperandError, match=rf"cannot order \({op}\) 100 µg MK-7"):
        {"<": a.__lt__, "<=": a.__le__, ">": a.__gt__, ">=": a.__ge__}[op](other)  # type: ignore[arg-type]
    d = DailyDose(MK7, "100 µg/day")
    with pytest.raises(OperandError):
        {"<": d.__lt__, "<=": d.__le__, ">": d.__gt__, ">=": d.__ge__}[op](other)  # type: ignore[arg-type]


def test_ordering_across_vitamers_or_kinds_is_refused() -> None:
    a = Amount(MK7, "100 µg")
    with pytest.raises(IncompatibleVitamersError, match="different vitamers"):
        _ = a < Amount(MK4, "100 µg")
    with pytest.raises(IncompatibleVitamersError, match="not a daily dose"):
        _ = a < DailyDose(MK7, "100 µg/day")  # type: ignore[operator]
    with pytest.raises(IncompatibleVitamersError, match="not a daily dose"):
        _ = DailyDose(MK7, "100 µg/day") >= a  # type: ignore[operator]


# --- arithmetic ----------------------------------------------------------------------------


@given(amounts(MK7), positive_micrograms)
def test_amount_divided_by_amount_is_the_exact_ratio(a: Amount, ug: Fraction) -> None:
    b = Amount.from_micrograms(MK7, ug)
    ratio = a / b
    assert type(ratio) is Fraction
    assert ratio == a.micrograms / ug
    assert b * ratio == a


def test_amount_divided_by_one_microgram_is_its_micrograms() -> None:
    a = Amount(MK7, "0.18 mg")
    assert a / Amount(MK7, "1 µg") == Fraction(180)
    assert a / a == 1
    assert DailyDose(MK7, "90 µg/day") / DailyDose(MK7, "180 µg/day") == Fraction(1, 2)


def test_division_by_zero_is_refused() -> None:
    a = Amount(MK7, "100 µg")
    with pytest.raises(InvalidAmountError, match="by zero amount"):
        _ = a / Amount(MK7, "0 µg")
    with pytest.raises(InvalidAmountError, match="by zero"):
        _ = a / 0
    with pytest.raises(InvalidAmountError, match="by zero"):
        _ = a / Fraction(0)
    with pytest.raises(IncompatibleVitamersError):
        _ = a / Amount(MK4, "1 µg")
    with pytest.raises(OperandError):
        _ = a / DailyDose(MK7, "1 µg/day")


@given(amounts(), st.integers(min_value=1, max_value=10**6))
def test_division_by_a_number(a: Amount, k: int) -> None:
    assert (a / k).micrograms == a.micrograms / k
    assert (a / k).vitamer == a.vitamer
    assert (a / Decimal(k)) == a / k == a / float(k)


def test_bad_scale_factors() -> None:
    a = Amount(MK7, "100 µg")
    for bad in (True, "2", None, a):
        with pytest.raises(OperandError):
            _ = a * bad  # type: ignore[operator]
    with pytest.raises(OperandError, match="cannot divide"):
        _ = a / "2"  # type: ignore[operator]
    with pytest.raises(InvalidAmountError, match="negative"):
        _ = a * -1
    with pytest.raises(InvalidAmountError, match="negative"):
        _ = a / -2
    assert 2 * a == a * 2 == Amount(MK7, "200 µg")
    assert a * 0 == Amount(MK7, "0 µg")


@given(amounts(MK4), amounts(MK4))
def test_subtraction(a: Amount, b: Amount) -> None:
    big, small = max(a, b), min(a, b)
    assert (big - small).micrograms == big.micrograms - small.micrograms
    assert big - big == Amount(MK4, "0 µg")
    if big != small:
        with pytest.raises(InvalidAmountError, match="would be negative"):
            _ = small - big


def test_foreign_operands_on_the_right_are_refused() -> None:
    a = Amount(MK7, "100 µg")
    d = DailyDose(MK7, "100 µg/day")
    with pytest.raises(OperandError, match="subtract from"):
        _ = 5 - a
    with pytest.raises(OperandError, match="divide by"):
        _ = 5 / a
    with pytest.raises(OperandError, match=r"parse_daily_dose\('1 µg'"):
        _ = d + "1 µg"  # type: ignore[operator]
    with pytest.raises(OperandError, match=r"parse_amount\('1 µg'"):
        _ = a + "1 µg"  # type: ignore[operator]
    with pytest.raises(OperandError, match="pint quantity"):
        _ = a + quantity(Fraction(1), "ug")
    with pytest.raises(OperandError, match=r"the bare number 1\b"):
        _ = a + 1  # type: ignore[operator]
    with pytest.raises(OperandError, match="combines only with an Amount"):
        _ = a + None  # type: ignore[operator]


def test_sum_starts_from_int_zero_only() -> None:
    a = Amount(MK7, "100 µg")
    assert sum([a, a]) == Amount(MK7, "200 µg")
    assert 0 + a is a
    for start in (0.0, 1, False, Fraction(0)):
        with pytest.raises(OperandError):
            _ = start + a  # type: ignore[operator]


def test_truthiness_is_non_zero() -> None:
    assert not Amount(MK7, "0 µg")
    assert Amount(MK7, "1 pg")
    assert not DailyDose(MK7, "0 µg/day")


def test_over_days() -> None:
    d = DailyDose(MK7, "180 µg/day")
    assert d.over(7) == Amount(MK7, "1.26 mg")
    assert d.over(0) == Amount(MK7, "0 µg")
    assert d.over(Fraction(1, 2)) == Amount(MK7, "90 µg")
    for bad in (-1, True, 1.5, "7", Fraction(-1, 2)):
        with pytest.raises(InvalidAmountError, match="days must be"):
            d.over(bad)  # type: ignore[arg-type]


# --- construction ----------------------------------------------------------------------------


def test_from_moles_refuses_a_mass_and_a_rate() -> None:
    assert Amount.from_moles(MK7, "1 µmol") == Amount(MK7, "649.016 µg")
    assert Amount.from_moles("MK-4", "1000 pmol") == Amount(MK4, "1 nmol")
    for bad in ("100 µg", "100 nmol/day", "1 mg"):
        with pytest.raises(UnitParseError, match="is not an amount of substance"):
            Amount.from_moles(MK7, bad)


def test_amount_and_daily_dose_constructors_keep_their_kind() -> None:
    assert Amount(MK7, "277 nmol").in_units("nmol") == 277
    with pytest.raises(UnitParseError, match="is an amount per day"):
        Amount(MK7, "100 µg/day")
    with pytest.raises(UnitParseError, match="not an amount per day"):
        DailyDose(MK7, "100 µg")
    assert DailyDose(MK4, "45 mg/d").amount == Amount(MK4, "45 mg")
    assert DailyDose.from_micrograms_per_day("K1", "90").micrograms_per_day == 90
    assert Amount.from_micrograms("K1", "1/3").micrograms == Fraction(1, 3)
    assert Amount.from_micrograms("mk7", 5).vitamer is MK7
    with pytest.raises(InvalidAmountError, match=r"-1 µg"):
        Amount.from_micrograms(MK7, -1)


def test_max_magnitude_bits_boundary() -> None:
    # Values near 1 µg (inside the magnitude range) whose numerator or denominator is long.
    top = 2**MAX_MAGNITUDE_BITS - 1  # exactly MAX_MAGNITUDE_BITS bits (odd)
    near_one = Fraction(top, top - 2)
    assert Amount.from_micrograms(MK7, near_one).micrograms == near_one
    assert Amount.from_micrograms(MK7, 1 / near_one).micrograms == 1 / near_one
    with pytest.raises(InvalidAmountError, match="1,000 digits"):
        Amount.from_micrograms(MK7, Fraction(top + 2, top))
    with pytest.raises(InvalidAmountError, match="1,000 digits"):
        Amount.from_micrograms(MK7, Fraction(top, top + 2))
    with pytest.raises(InvalidAmountError, match="1,000 digits"):
        _ = Amount.from_micrograms(MK7, near_one) * 2


# --- views and formatting ------------------------------------------------------------------


def test_display_unit_thresholds() -> None:
    assert str(Amount(MK7, "999 µg")) == "999 µg MK-7"
    assert str(Amount(MK7, "1000 µg")) == "1 mg MK-7"
    assert str(Amount(MK7, "0.999 µg")) == "999 ng MK-7"
    assert str(Amount(MK7, "1 µg")) == "1 µg MK-7"
    assert str(Amount(MK7, "0 µg")) == "0 µg MK-7"
    assert repr(Amount(MK7, "0.5 µg")) == "Amount('MK-7', '500 ng')"
    assert repr(DailyDose(MK7, "1500 µg/d")) == "DailyDose('MK-7', '1.5 mg/day')"
    assert Amount(MK7, "0.5 µg").ucum == "500 ng"
    assert DailyDose(MK7, "2 mg/day").ucum == "2 mg/d"


def test_format_specs() -> None:
    a = Amount(MK7, "1000/3 µg")
    assert f"{a:.2f}" == "≈333.33 µg MK-7"
    assert f"{a:.3g mg}" == "≈0.333 mg MK-7"
    assert f"{Amount(MK7, '0.25 mg'):.2f mg}" == "0.25 mg MK-7"
    assert f"{Amount(MK7, '0.25 mg'):nmol}".endswith(" nmol MK-7")
    assert f"{DailyDose(MK7, '90 µg/day'):mg}" == "0.09 mg/day MK-7"
    assert f"{DailyDose(MK7, '90 µg/day'):.1f}" == "90.0 µg/day MK-7"
    with pytest.raises(UnitParseError):
        format(a, "furlong")


@given(amounts(), st.sampled_from(["nmol", "pmol", "umol"]))
def test_in_units_of_substance_uses_the_molar_mass(a: Amount, unit: str) -> None:
    nmol = a.micrograms * 1000 / a.vitamer.molar_mass_g_per_mol
    assert a.in_units(unit) == nmol / unit_spec(unit).factor


def test_daily_dose_in_units_accepts_per_day_spellings() -> None:
    d = DailyDose(MK7, "180 µg/day")
    assert d.in_units("mg/day") == d.in_units("mg") == Fraction(9, 50)
    assert d.in_units("mcg per day") == 180


def test_to_with_pint_units_of_any_kind() -> None:
    ureg = app_registry()
    a = Amount(MK7, "100 µg")
    assert a.to(ureg.mg).magnitude == pytest.approx(0.1)
    assert str(a.to(ureg.mg).units) == "milligram"
    assert a.to(ureg.Quantity(1, "nmol")).magnitude == pytest.approx(154.0794, rel=1e-6)
    assert a.to(ureg.grain).magnitude == pytest.approx(100e-6 / 0.06479891)
    assert a.to(ureg.millimole).magnitude == pytest.approx(154.0794e-6, rel=1e-6)
    with pytest.raises(DimensionError, match="not a mass or an amount of substance"):
        a.to(ureg.meter)
    d = DailyDose(MK7, "180 µg/day")
    assert d.to(ureg.mg / ureg.day).magnitude == pytest.approx(0.18)
    assert d.to(ureg.mg / ureg.week).magnitude == pytest.approx(1.26)
    weekly = 7 * float(d.in_units("nmol"))
    assert d.to(ureg.nmol / ureg.week).magnitude == pytest.approx(weekly, rel=1e-12)
    assert str(d.to("nmol/d").units) == "nanomole / day"
    with pytest.raises(DimensionError, match="amount per day"):
        d.to(ureg.mg)
    with pytest.raises(UnitParseError, match="is not a unit"):
        a.to(5)


def test_unit_target() -> None:
    ureg = app_registry()
    assert unit_target("mcg") == (unit_spec("ug"), None)
    spec, unit = unit_target(ureg.mg)
    assert spec is not None
    assert spec.code == "mg"
    assert unit == ureg.mg
    assert unit_target(ureg.mg / ureg.day, per_day=True)[0] == unit_spec("mg")
    assert unit_target(ureg.mg / ureg.day)[0] is None
    assert unit_target(ureg.mg, per_day=True)[0] is None
    assert unit_target(ureg.mg / ureg.hour, per_day=True)[0] is None
    assert unit_target(ureg.mg**2)[0] is None
    assert unit_target(ureg.grain)[0] is None


@given(amounts(), st.sampled_from(["by", "mass", "moles"]))
def test_total_and_compare(a: Amount, by: str) -> None:
    b = Amount(K1, "100 µg")
    if by == "by":
        with pytest.raises(UnitParseError, match="choose 'mass' or 'moles'"):
            total([a, b], by=by)  # type: ignore[arg-type]
        return
    t = total([a, b], by=by)  # type: ignore[arg-type]
    if by == "mass":
        assert t.magnitude == pytest.approx(float(a.micrograms + 100))
        assert str(t.units) == "microgram"
    else:
        assert t.magnitude == pytest.approx(float(a.in_units("nmol") + b.in_units("nmol")))
        assert str(t.units) == "nanomole"
    c = compare(a, b, by=by)  # type: ignore[call-overload]
    unit = "ug" if by == "mass" else "nmol"
    assert c.ratio == a.in_units(unit) / b.in_units(unit)
    assert c.larger == (None if c.ratio == 1 else (a if c.ratio > 1 else b))


def test_compare_and_total_refuse_bad_input() -> None:
    a = Amount(MK7, "100 µg")
    assert str(compare(a, a, by="mass")) == "100 µg MK-7 is equal to 100 µg MK-7 by mass"
    with pytest.raises(InvalidAmountError, match="against zero"):
        compare(a, Amount(MK7, "0 µg"), by="mass")
    with pytest.raises(IncompatibleVitamersError):
        compare(a, DailyDose(MK7, "1 µg/day"), by="mass")  # type: ignore[call-overload]
    with pytest.raises(UnitParseError, match="takes Amounts or DailyDoses"):
        compare(a, "1 µg", by="mass")  # type: ignore[call-overload]
    with pytest.raises(UnitParseError, match="iterable"):
        total("100 µg MK-7", by="mass")  # type: ignore[arg-type]
    with pytest.raises(UnitParseError, match="iterable"):
        total(5, by="mass")  # type: ignore[arg-type]
    with pytest.raises(UnitParseError, match="takes Amounts"):
        total([a, DailyDose(MK7, "1 µg/day")], by="mass")  # type: ignore[list-item]
    assert total([], by="moles").magnitude == 0


# --- parsing amounts -----------------------------------------------------------------------


def test_parse_dose_kinds_and_default_vitamer() -> None:
    assert parse_dose("100 µg", vitamer="MK-7") == Amount(MK7, "100 µg")
    assert parse_dose("100 µg MK-7 daily") == DailyDose(MK7, "100 µg/day")
    assert parse_dose("277 nmol MK-7") == Amount.from_moles(MK7, "277 nmol")
    with pytest.raises(UnitParseError, match="is an amount per day"):
        parse_amount("100 µg/day MK-7")
    with pytest.raises(UnitParseError, match="is an amount, not an amount per day"):
        parse_daily_dose("100 µg MK-7")
    with pytest.raises(IncompatibleVitamersError, match="but vitamer=MK-4"):
        parse_amount("100 µg MK-7", vitamer="MK-4")
    assert parse_amount("100 µg MK-7", vitamer=MK7) == Amount(MK7, "100 µg")


@pytest.mark.parametrize(
    ("text", "error", "match"),
    [
        ("", UnitParseError, "is empty"),
        ("   ", UnitParseError, "is empty"),
        ("inf mg MK-7", InvalidAmountError, "finite"),
        ("MK-7", UnitParseError, "has no amount"),
        ("MK-7 100%x", UnitParseError, "has no amount"),
        ("MK-7 83%", UnitParseError, r"ends in a percentage \('83%'\)"),
        ("Vitamin K2 (as MK-7) 100 mcg 83%", UnitParseError, r"ends in a percentage \('83%'\)"),
        ("100 µg MK-7 83 %", UnknownVitamerError, r"ends in a percentage \('83 %'\)"),
        ("100 µg MK-7 <1%", UnknownVitamerError, r"ends in a percentage \('<1%'\)"),
        ("100 µg 12,5%", UnknownVitamerError, r"ends in a percentage \('12,5%'\)"),
        ("100 µg MK-7 (83%)", UnknownVitamerError, r"'\(83%\)' is left over after the vitamer"),
        ("<1%", UnitParseError, r"'<1%' ends in a percentage \('<1%'\)"),
        ("100 µg", UnknownVitamerError, "does not say which vitamer"),
        ("100 xg MK-7", UnitParseError, "not a unit"),
        ("100 IU K1", NoInternationalUnitError, "International Unit"),
        ("100 µg vitamin Q", LookupError, "in '100 µg vitamin Q'"),
    ],
)
def test_parse_amount_errors(text: str, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        parse_amount(text)


def test_a_label_line_given_as_an_amount_says_what_is_wrong() -> None:
    text = "Vitamin K2 (as MK-7) 100 mcg 83%"
    expected = (
        f"{text!r} ends in a percentage ('83%'); an amount is a number, a unit and a vitamer, "
        "such as '100 µg MK-7'; to check a label line with its %DV or %NRV, use read_label()"
    )
    for parse in (parse_amount, parse_dose, parse_daily_dose):
        with pytest.raises(UnitParseError) as info:
            parse(text)
        assert str(info.value) == expected
    with pytest.raises(UnknownVitamerError) as vitamer_info:
        parse_amount("100 mcg 83%", vitamer="MK-7")
    assert str(vitamer_info.value).startswith("'100 mcg 83%' ends in a percentage ('83%');")
    # Without the percent the same line is one amount.
    assert parse_amount("Vitamin K2 (as MK-7) 100 mcg") == Amount(MK7, "100 µg")


def test_long_input_is_parsed_without_the_cache_and_equally() -> None:
    pad = " " * 200
    assert parse_amount(f"{pad}100 µg MK-7{pad}") == parse_amount("100 µg MK-7")
    with pytest.raises(UnknownVitamerError, match="does not say which vitamer"):
        parse_amount(f"100 µg{pad}")


# --- numbers ---------------------------------------------------------------------------------


def test_exponent_limit_boundary() -> None:
    assert parse_number("1e30") == 10**30
    assert parse_number("1E+30") == 10**30
    assert parse_number("1e-30") == Fraction(1, 10**30)
    for bad in ("1e31", "1e-31", "2E+31"):
        with pytest.raises(UnitParseError, match="out of range"):
            parse_number(bad)
    assert parse_amount("1e-30 g MK-7").micrograms == Fraction(1, 10**24)


def test_max_digits_boundary() -> None:
    assert parse_number("1." + "0" * (MAX_DIGITS - 1)) == 1
    assert parse_number("0." + "1" * (MAX_DIGITS - 1)) == Fraction(int("1" * (MAX_DIGITS - 1)),
                                                                   10 ** (MAX_DIGITS - 1))
    with pytest.raises(UnitParseError, match=f"{MAX_DIGITS + 1} digits is too long"):
        parse_number("1." + "0" * MAX_DIGITS)
    with pytest.raises(UnitParseError, match="too long"):
        parse_amount("0." + "1" * MAX_DIGITS + " pg MK-7")


def test_max_text_length_boundary() -> None:
    at_limit = "1 µg MK-7".ljust(MAX_TEXT_LENGTH)
    assert len(at_limit) == MAX_TEXT_LENGTH
    assert parse_amount(at_limit) == Amount(MK7, "1 µg")
    assert prepare_text("x" * MAX_TEXT_LENGTH) == "x" * MAX_TEXT_LENGTH
    with pytest.raises(UnitParseError, match=f"{MAX_TEXT_LENGTH + 1:,} characters long"):
        parse_amount(at_limit + " ")
    with pytest.raises(UnitParseError, match="an amount per day is at most 500"):
        prepare_text("x" * (MAX_TEXT_LENGTH + 1), what="amount per day")


def test_number_errors() -> None:
    with pytest.raises(UnitParseError, match="division by zero"):
        parse_number("1/0")
    assert parse_number("0/5") == 0
    for text in ("nan", "-inf", "+Infinity"):
        with pytest.raises(InvalidAmountError, match="finite"):
            parse_number(text)
    with pytest.raises(UnitParseError, match="is not a number"):
        parse_number("1.2.3")
    assert parse_number(" \u22121.5 ") == Fraction(-3, 2)
    with pytest.raises(UnitParseError, match="'weird'"):
        parse_number("x", original="weird")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234,567", 1234567),
        ("+1,000,000", 1000000),
        ("1,000.5", Fraction(2001, 2)),
        ("1,000,000.25", Fraction(4000001, 4)),
        ("1.000,5", Fraction(2001, 2)),
        ("1.000.000,5", Fraction(2000001, 2)),
        ("37,5", Fraction(75, 2)),
        ("0,500", Fraction(1, 2)),
        (",500", Fraction(1, 2)),
        ("1,2345", Fraction(12345, 10000)),
        ("-1,5", Fraction(-3, 2)),
        ("1,5e3", 1500),
        ("1,5E3", 1500),
        ("123,456,789", 123456789),
    ],
)
def test_separators_without_a_convention(text: str, value: Fraction) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1,000", ".", 1000),
        ("1,000e3", ".", 10**6),
        ("12,345.5", ".", Fraction(24691, 2)),
        ("1,000", ",", 1),
        ("1.000", ",", 1000),
        ("5,", ",", 5),
        ("37,5", ",", Fraction(75, 2)),
        ("1.000.000,5", ",", Fraction(2000001, 2)),
        ("100", ",", 100),
        ("-2,5", ",", Fraction(-5, 2)),
    ],
)
def test_separators_with_a_convention(text: str, decimal: str, value: Fraction) -> None:
    assert parse_number(text, decimal=decimal) == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "decimal", "match"),
    [
        ("1,000", None, "could be 1000"),
        ("12,345", None, "could be 12345"),
        ("12,34,567", None, "groups of three digits"),
        ("1234,567,890", None, "groups of three digits"),
        (",123,456", None, "groups of three digits"),
        ("1,00", ".", "groups of three digits"),
        ("1,0000", ".", "groups of three digits"),
        ("1.00,5", ",", "groups of three digits, as thousands separators do with a decimal comma"),
        ("1,5,5", ",", "more than one decimal separator ','"),
        ("1,000.5.5", ".", "more than one decimal separator '.'"),
        ("1,5.000", ",", "thousands separator '.' after the decimal ','"),
        ("1.5,000", ".", "thousands separator ',' after the decimal '.'"),
        ("1,5", "x", "decimal='x'"),
    ],
)
def test_separator_errors(text: str, decimal: str | None, match: str) -> None:
    with pytest.raises(UnitParseError, match=match):
        parse_number(text, decimal=decimal)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_grouped_thousands_read_back(n: int, cents: int) -> None:
    grouped = f"{n:,}"
    assert parse_number(f"{grouped}.{cents:02d}", decimal=".") == n + Fraction(cents, 100)
    eu = grouped.replace(",", ".")
    assert parse_number(f"{eu},{cents:02d}", decimal=",") == n + Fraction(cents, 100)
    if n >= 1000:
        assert parse_number(f"{grouped}.{cents:02d}") == n + Fraction(cents, 100)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("½ mg K1", Fraction(1, 2)),
        ("1½ mg K1", Fraction(3, 2)),
        ("1 ½ mg K1", Fraction(3, 2)),
        ("1\u00a0½ mg K1", Fraction(3, 2)),
        ("2¾ mg K1", Fraction(11, 4)),
        ("⅛ mg K1", Fraction(1, 8)),
        ("10⅓ mg K1", Fraction(31, 3)),
        ("1⁄2 mg K1", Fraction(1, 2)),
        ("3 ∕ 4 mg K1", Fraction(3, 4)),
    ],
)
def test_vulgar_fractions_and_fraction_slashes(text: str, value: Fraction) -> None:
    assert parse_amount(text).in_units("mg") == value


@pytest.mark.parametrize("text", ["½½ mg K1", "x½ mg K1", "½3 mg K1", "1.½ mg K1", "½/2 mg K1"])
def test_misplaced_vulgar_fractions_are_refused(text: str) -> None:
    with pytest.raises(UnitParseError, match="must stand alone or follow a whole number"):
        prepare_text(text)


@pytest.mark.parametrize("text", ["1² mg K1", "① mg K1", "1٣ mg K1", "１ mg K1", "⒈5 mg K1"])
def test_look_alike_digits_are_refused_by_name(text: str) -> None:
    with pytest.raises(UnitParseError, match="is not a digit vitk2 reads"):
        prepare_text(text)


def test_prepare_text_normalises_only_what_it_must() -> None:
    assert prepare_text("100 μg") == "100 μg"  # ASCII-free text still goes through NFKC
    assert prepare_text("１００ ｍｇ".replace("１００", "100")) == "100 mg"
    assert prepare_text("5\u00a0mg") == "5 mg"
    assert prepare_text("plain ascii") == "plain ascii"


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["½", "¼", "¾", "⅝", "⅒"]))
def test_mixed_numbers_are_exact(whole: int, glyph: str) -> None:
    frac = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4), "⅝": Fraction(5, 8),
            "⅒": Fraction(1, 10)}[glyph]
    assert parse_amount(f"{whole}{glyph} µg MK-7").micrograms == whole + frac
    assert parse_amount(f"{glyph} µg MK-7").micrograms == frac


# --- magnitudes ----------------------------------------------------------------------------


def test_plain_magnitude_switches_to_float_past_2_53() -> None:
    for n in (0, 1, 2**53, -(2**53)):
        m = plain_magnitude(Fraction(n))
        assert type(m) is int
        assert m == n
    for n in (2**53 + 1, -(2**53) - 1, 10**30):
        m = plain_magnitude(Fraction(n))
        assert type(m) is float
        assert m == float(n)
    m = plain_magnitude(Fraction(1, 3))
    assert type(m) is float
    assert m == 1 / 3


@given(micrograms)
def test_quantity_magnitude_is_the_nearest_float(ug: Fraction) -> None:
    q = quantity(ug, "ug")
    assert q.magnitude == (ug.numerator if ug.denominator == 1 else float(ug))
    assert str(q.units) == "microgram"


def test_numpy_scalars_are_read_exactly() -> None:
    np = pytest.importorskip("numpy")
    assert exact_magnitude(np.int64(5)) == 5
    assert exact_magnitude(np.int32(-3)) == -3
    assert exact_magnitude(np.uint8(7)) == 7
    assert exact_magnitude(np.float32(0.5)) == Fraction(1, 2)
    assert exact_magnitude(np.float16(0.25)) == Fraction(1, 4)
    # A float32 is read as the float64 it widens to, exactly.
    assert exact_magnitude(np.float32(0.1)) == Fraction(repr(float(np.float32(0.1))))
    with pytest.raises(InvalidAmountError, match="finite"):
        exact_magnitude(np.float32("inf"))
    with pytest.raises(UnitParseError, match="not a number vitk2 can use"):
        exact_magnitude(np.float32("nan"))
    with pytest.raises(UnitParseError, match="not a number vitk2 can use"):
        exact_magnitude(np.array([1, 2]))
    assert Amount.from_micrograms(MK7, np.int64(90)) == Amount(MK7, "90 µg")


def test_numpy_float64_is_read_as_the_decimal_it_prints() -> None:
    np = pytest.importorskip("numpy")
    assert exact_magnitude(np.float64(0.1)) == Fraction(1, 10)
    assert Amount.from_micrograms(MK7, np.float64(90.5)) == Amount(MK7, "90.5 µg")
    assert Amount(MK7, app_registry().Quantity(np.float64(0.1), "mg")) == Amount(MK7, "100 µg")


def test_exact_magnitude_of_plain_numbers() -> None:
    assert exact_magnitude(0.1) == Fraction(1, 10)
    assert exact_magnitude(Decimal("0.125")) == Fraction(1, 8)
    assert exact_magnitude(Fraction(2, 3)) == Fraction(2, 3)
    assert exact_magnitude(7) == 7
    for bad in (True, "5", None, [1]):
        with pytest.raises(UnitParseError):
            exact_magnitude(bad)
    for non_finite in (float("nan"), float("-inf"), Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(InvalidAmountError, match="finite"):
            exact_magnitude(non_finite)
    with pytest.raises(UnitParseError, match="'shown'"):
        exact_magnitude(None, what="shown")


@given(st.fractions().filter(lambda x: x == 0 or Fraction(1, 10**30) <= abs(x) < 10**31))
def test_format_number_round_trips(x: Fraction) -> None:  # within parse_number's magnitude limit
    text = format_number(x)
    assert parse_number(text) == x
    assert ("/" in text) == (_without_2_and_5(x.denominator) != 1)


def _without_2_and_5(n: int) -> int:
    """*n* with every factor 2 and 5 divided out: 1 exactly when 1/n is a terminating decimal."""
    for p in (2, 5):
        while n % p == 0:
            n //= p
    return n


def test_without_2_and_5() -> None:
    assert [_without_2_and_5(n) for n in (1, 2, 8, 10, 1000, 3, 6, 15, 7 * 2**40)] == [
        1, 1, 1, 1, 1, 3, 3, 3, 7
    ]


def test_format_number_examples() -> None:
    assert format_number(Fraction(-45, 2)) == "-22.5"
    assert format_number(Fraction(1, 8)) == "0.125"
    assert format_number(Fraction(1, 1000)) == "0.001"
    assert format_number(Fraction(-1, 20)) == "-0.05"
    assert format_number(Fraction(7, 6)) == "7/6"
    assert format_number(Fraction(100)) == "100"


# --- units and quantities ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("MCG", "ug"), ("UMOL", "umol"), ("Grams", "g"), ("MOLES", "mol"), ("mol", "mol"),
     ("μmol", "umol"), ("nanomoles", "nmol"), ("kg", "kg"), ("KG", "kg"), ("pmol", "pmol")],
)
def test_unit_spellings(text: str, code: str) -> None:
    assert unit_spec(text).code == code


@pytest.mark.parametrize("text", ["Mg", "gs", "mgs", "Kg", "moles per day", "x" * 41, "", "Ug"])
def test_unit_misspellings_are_refused(text: str) -> None:
    with pytest.raises(UnitParseError, match="is not a unit vitk2 accepts"):
        unit_spec(text)


def test_unit_errors_name_the_whole_text() -> None:
    with pytest.raises(UnitParseError, match=r"^in '100 xg MK-7': '100 xg': 'xg' is not a unit"):
        parse_amount("100 xg MK-7")
    with pytest.raises(DimensionError, match="'ml' is not a mass"):
        read_quantity("5 ml")
    with pytest.raises(DimensionError, match=r"'tsp\.' is not a mass"):
        read_quantity("1 tsp.")
    with pytest.raises(NoInternationalUnitError):
        unit_spec("I.U.")
    with pytest.raises(NoInternationalUnitError, match=r"'100 i\.u\.'"):
        read_quantity("100 i.u.")


@pytest.mark.parametrize(
    ("text", "value", "dimension", "per_day"),
    [
        ("180 mcg/d", Fraction(180), "mass", True),
        ("180 mcg/DAY", Fraction(180), "mass", True),
        ("1 mg per day", Fraction(1000), "mass", True),
        ("1 mg once daily", Fraction(1000), "mass", True),
        ("1 mg every day", Fraction(1000), "mass", True),
        ("1 mg", Fraction(1000), "mass", False),
        ("2 µmol", Fraction(2000), "substance", False),
        ("2 pmol/days", Fraction(2, 1000), "substance", True),
        ("0 mg", Fraction(0), "mass", False),
    ],
)
def test_read_quantity_text(text: str, value: Fraction, dimension: str, per_day: bool) -> None:
    parsed = read_quantity(text)
    assert (parsed.value, parsed.dimension, parsed.per_day) == (value, dimension, per_day)


@pytest.mark.parametrize("text", ["1 mg/week", "1 mg/Day", "1 mg per hour", "1 mg/dAY"])
def test_only_per_day_rates(text: str) -> None:
    with pytest.raises(UnitParseError, match="only per-day rates"):
        read_quantity(text)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("-1 mg", InvalidAmountError),
        ("\u22121 mg", InvalidAmountError),
        ("nan mg", InvalidAmountError),
        ("100", UnitParseError),
        ("1 mg qd", UnitParseError),
        ("1 mg bid", UnitParseError),
        ("1 mg twice daily", UnitParseError),
    ],
)
def test_read_quantity_refusals(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_quantity(text)


def test_bare_number_text_names_the_number() -> None:
    with pytest.raises(UnitParseError, match=r"^' 100 ' is a bare number.*'100 µg'"):
        read_quantity(" 100 ")
    with pytest.raises(UnitParseError, match=r"is a bare number.*e\.g\. '5 µg'"):
        read_quantity(5)
    with pytest.raises(UnitParseError, match="an amount per day; give a string"):
        read_quantity(None, what="amount per day")


@given(positive_micrograms, st.sampled_from(["day", "hour", "minute", "second", "week"]))
def test_pint_rates_are_read_exactly(ug: Fraction, per: str) -> None:
    ureg = app_registry()
    q = ureg.Quantity(ug, f"microgram / {per}")
    parsed = read_quantity(q)
    days: Fraction = {"day": Fraction(1), "hour": Fraction(1, 24), "minute": Fraction(1, 1440),
                      "second": Fraction(1, 86400), "week": Fraction(7)}[per]
    assert parsed.per_day
    assert parsed.dimension == "mass"
    assert parsed.value == ug / days


def test_pint_quantities_in_other_units() -> None:
    ureg = app_registry()
    assert read_quantity(ureg.Quantity(1, "pound")).value == 453592370
    assert read_quantity(ureg.Quantity(2, "nmol / day")).value == 2
    parsed = read_quantity(ureg.Quantity(3, "mmol"))
    assert (parsed.value, parsed.dimension, parsed.per_day) == (
        Fraction(3_000_000), "substance", False
    )
    slow = read_quantity(ureg.Quantity(1, "mmol / week"))
    assert (slow.dimension, slow.per_day) == ("substance", True)
    with pytest.raises(DimensionError, match=r"has dimension \[mass\] \*\* 2"):
        read_quantity(ureg.Quantity(1, "mg ** 2"))
    with pytest.raises(InvalidAmountError, match="negative"):
        read_quantity(ureg.Quantity(-1, "mg"))
    with pytest.raises(InvalidAmountError, match="negative"):
        read_quantity(ureg.Quantity(-1, "pound"))


@given(vitamers, positive_micrograms)
def test_amount_from_pint_mass_and_substance(v: Vitamer, ug: Fraction) -> None:
    ureg = app_registry()
    assert Amount(v, ureg.Quantity(ug, "microgram")).micrograms == ug
    nmol = ug * 1000 / v.molar_mass_g_per_mol
    assert Amount(v, ureg.Quantity(nmol, "nanomole")).micrograms == ug
    assert DailyDose(v, ureg.Quantity(ug, "microgram / day")).micrograms_per_day == ug


# --- messages name the value and the call --------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "name", "example"),
    [
        (parse_amount, "parse_amount", "100 µg MK-7"),
        (parse_daily_dose, "parse_daily_dose", "180 µg/day MK-7"),
        (parse_dose, "parse_dose", "180 µg/day MK-7"),
    ],
)
def test_parsers_name_themselves_for_non_strings(parse: object, name: str, example: str) -> None:
    assert callable(parse)
    with pytest.raises(UnitParseError) as info:
        parse(5)
    assert str(info.value) == f"{name}() takes a string such as {example!r}, not 5"


def test_decimal_convention_reaches_every_parser() -> None:
    for parse in (parse_amount, parse_dose):
        assert parse("1,000 mcg MK-7", decimal=".") == Amount(MK7, "1 mg")
        assert parse("1,000 mcg MK-7", decimal=",") == Amount(MK7, "1 µg")
    assert parse_daily_dose("1,000 mcg/day MK-7", decimal=".") == DailyDose(MK7, "1 mg/day")
    assert parse_dose("1,5 mg/d MK-7", decimal=",") == DailyDose(MK7, "1.5 mg/day")


def test_arithmetic_errors_say_which_operation_and_value() -> None:
    a = Amount(MK7, "100 µg")
    with pytest.raises(OperandError, match=r"^cannot multiply 100 µg MK-7 by '2'; scale by"):
        _ = a * "2"  # type: ignore[operator]
    with pytest.raises(OperandError, match=r"^cannot divide 100 µg MK-7 by '2'; scale by"):
        _ = a / "2"  # type: ignore[operator]
    with pytest.raises(InvalidAmountError, match=r"^100 µg MK-7 × -1: an amount cannot be"):
        _ = a * -1
    with pytest.raises(InvalidAmountError, match=r"^100 µg MK-7 / -2: an amount cannot be"):
        _ = a / -2
    with pytest.raises(OperandError, match=r"^cannot add 100 µg MK-7 and the bare number 1:"):
        _ = 1 + a
    with pytest.raises(OperandError, match=r"^cannot subtract 100 µg MK-7 and the bare number"):
        _ = a - 1  # type: ignore[operator]
    with pytest.raises(IncompatibleVitamersError, match=r"^cannot subtract 100 µg MK-7 and 1 µg"):
        _ = a - Amount(MK4, "1 µg")
    with pytest.raises(InvalidAmountError, match=r"^1 µg MK-7 − 100 µg MK-7 would be negative"):
        _ = Amount(MK7, "1 µg") - a


def test_short_cuts_long_and_hostile_reprs() -> None:
    from vitk2._units import brief

    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError

    assert brief(Hostile()) == "<Hostile object>"
    assert brief("x" * 78) == repr("x" * 78)  # 80 characters: kept whole
    long = "x" * 79  # 81 characters with its quotes
    assert brief(long) == repr(long)[:77] + "…"
    assert len(brief(long)) == 78
    with pytest.raises(UnitParseError) as info:
        read_quantity([1] * 100)
    assert str(info.value).startswith(repr([1] * 100)[:77] + "… is not an amount;")


def test_lazy_pattern_compiles_once_with_its_flags() -> None:
    import re

    from vitk2._units import LazyPattern

    plain = LazyPattern(r"a+b")
    assert plain._compiled is None
    assert plain.fullmatch("aab") is not None
    assert plain.fullmatch("AAB") is None
    assert plain.compiled is plain.compiled
    assert plain.compiled.flags == re.compile(r"a+b").flags
    folded = LazyPattern(r"a+b", re.IGNORECASE)
    m = folded.match("AAbc")
    assert m is not None
    assert m.group() == "AAb"
    found = folded.search("xxAB")
    assert found is not None
    assert found.start() == 2
    assert folded.search("xyz") is None


@pytest.mark.parametrize(
    ("text", "match"),
    [
        # the last separator decides the convention; the other one must then group thousands
        ("1,000.000,5", "more than one decimal separator ','"),
        ("1.000,000.5", "more than one decimal separator '.'"),
        ("1,2,34", "as thousands separators do with a decimal point"),
        ("1,5e3e3", "is not a number"),
    ],
)
def test_separator_convention_is_read_from_the_last_separator(text: str, match: str) -> None:
    with pytest.raises(UnitParseError, match=match):
        parse_number(text)


@pytest.mark.parametrize("sign", ["+", "-", "\u2212"])
def test_a_sign_is_not_part_of_the_first_group(sign: str) -> None:
    value = -123456789 if sign != "+" else 123456789
    assert parse_number(f"{sign}123,456,789") == value
    assert parse_number(f"{sign}123.456.789", decimal=",") == value


def test_pint_units_outside_the_exact_table() -> None:
    # pounds and kilomoles are not in vitk2's table: converted through pint, to 15 digits
    ureg = app_registry()
    pound = read_quantity(ureg.Quantity(1, "pound"))
    assert (pound.value, pound.dimension, pound.per_day) == (Fraction(453592370), "mass", False)
    assert pound.per_day is False
    assert pound.unit == unit_spec("ug")
    kmol = read_quantity(ureg.Quantity(1, "kilomole"))
    assert (kmol.value, kmol.dimension, kmol.per_day) == (Fraction(10**12), "substance", False)
    assert kmol.unit == unit_spec("nmol")
    daily = read_quantity(ureg.Quantity(1, "pound / day"))
    assert (daily.value, daily.dimension, daily.per_day) == (Fraction(453592370), "mass", True)
    assert daily.unit == unit_spec("ug")
    kmol_daily = read_quantity(ureg.Quantity(1, "kilomole / day"))
    assert (kmol_daily.value, kmol_daily.dimension, kmol_daily.per_day) == (
        Fraction(10**12), "substance", True
    )
    assert kmol_daily.unit == unit_spec("nmol")


def test_pint_units_in_the_exact_table() -> None:
    ureg = app_registry()
    weekly = read_quantity(ureg.Quantity(7, "microgram / week"))
    assert (weekly.value, weekly.dimension, weekly.per_day) == (Fraction(1), "mass", True)
    assert weekly.unit == unit_spec("ug")
    mg = read_quantity(ureg.Quantity(3, "mg"))
    assert mg.per_day is False
    assert mg.unit == unit_spec("mg")
    per_week = read_quantity(ureg.Quantity(7, "nanomole / week"))
    assert (per_week.value, per_week.dimension, per_week.per_day) == (
        Fraction(1), "substance", True
    )


@pytest.mark.parametrize("unit", ["mg / liter", "mg / day ** 2", "mg / day / kg", "mg * day"])
def test_pint_rates_other_than_per_time_are_refused(unit: str) -> None:
    with pytest.raises(DimensionError, match="not a mass or an amount of substance"):
        read_quantity(app_registry().Quantity(1, unit))


def test_pint_quantity_errors_name_the_quantity() -> None:
    ureg = app_registry()
    for magnitude, match in ((float("nan"), "finite"), (-1, "cannot be negative")):
        for unit in ("milligram", "pound"):
            q = ureg.Quantity(magnitude, unit)
            with pytest.raises(InvalidAmountError) as info:
                read_quantity(q)
            assert str(info.value).startswith(f"'{q}': ")  # as people read it, not pint's repr
            assert match in str(info.value)


def test_numpy_magnitudes_in_pint_quantities() -> None:
    np = pytest.importorskip("numpy")
    ureg = app_registry()
    assert Amount(MK7, ureg.Quantity(np.int64(90), "microgram")) == Amount(MK7, "90 µg")
    assert Amount(MK7, ureg.Quantity(np.float32(0.5), "mg")) == Amount(MK7, "500 µg")
    q = ureg.Quantity(np.float32("inf"), "mg")
    with pytest.raises(InvalidAmountError) as info:
        read_quantity(q)
    assert str(info.value).startswith(f"'{q}': an amount must be a finite number")


def test_is_pint_quantity_without_pint_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    from vitk2._units import is_pint_quantity, is_pint_unit

    class QuantityLike:
        _REGISTRY = None

        def to_tuple(self) -> tuple[int, tuple[tuple[str, int], ...]]:
            return 1, (("microgram", 1),)

    assert is_pint_quantity(QuantityLike())
    assert is_pint_quantity(app_registry().Quantity(1, "mg"))
    assert not is_pint_quantity(app_registry().mg)
    assert is_pint_unit(app_registry().mg)
    assert not is_pint_unit("mg")
    monkeypatch.delitem(sys.modules, "pint")
    assert not is_pint_quantity(QuantityLike())
    assert not is_pint_unit(QuantityLike())
    with pytest.raises(BareNumberError):
        read_quantity(5)


def test_error_messages_say_what_was_expected() -> None:
    with pytest.raises(BareNumberError, match="give the amount of substance with a unit"):
        Amount.from_moles(MK7, 5)  # type: ignore[arg-type]
    with pytest.raises(BareNumberError, match="give the amount per day with a unit"):
        DailyDose(MK7, 5)  # type: ignore[arg-type]
    with pytest.raises(UnitParseError, match=r"^None is not an amount per day;"):
        DailyDose(MK7, None)  # type: ignore[arg-type]


@given(vitamers, positive_micrograms)
def test_daily_dose_of_substance_uses_the_molar_mass(v: Vitamer, ug: Fraction) -> None:
    nmol = ug * 1000 / v.molar_mass_g_per_mol
    d = DailyDose(v, f"{format_number(nmol)} nmol/day")
    assert d.micrograms_per_day == ug
    assert DailyDose(v, "1 µmol/day").micrograms_per_day == v.molar_mass_g_per_mol


@pytest.mark.parametrize(("twos", "fives"), [(1, 30), (0, 30), (70, 0), (60, 25), (1, 23)])
def test_format_number_with_long_terminating_decimals(twos: int, fives: int) -> None:
    # Denominators beyond 2**53: a float division anywhere would lose the exact digits.
    x = Fraction(3, 2**twos * 5**fives)
    text = format_number(x)
    assert "/" not in text
    assert Fraction(text) == x
    assert len(text.split(".")[1]) == max(twos, fives)


def test_quantity_like_with_a_unit_pint_does_not_define() -> None:
    class QuantityLike:
        """Duck-typed like a quantity of another registry, in a unit only that registry has."""

        _REGISTRY = None

        def to_tuple(self) -> tuple[int, tuple[tuple[str, int], ...]]:
            return 1, (("smidgen", 1),)

    with pytest.raises(UnitParseError, match="not defined in pint's application registry"):
        read_quantity(QuantityLike())


def test_division_errors_name_both_amounts() -> None:
    a = Amount(MK7, "100 µg")
    with pytest.raises(IncompatibleVitamersError, match=r"^cannot divide 100 µg MK-7 and 1 µg"):
        _ = a / Amount(MK4, "1 µg")
    with pytest.raises(OperandError, match=r"^cannot divide 100 µg MK-7 by None"):
        _ = a / None  # type: ignore[operator]


def test_pint_hands_mixed_arithmetic_back_to_vitk2(monkeypatch: pytest.MonkeyPatch) -> None:
    import pint

    from vitk2._units import pint_module

    names = ("vitk2._amounts.Amount", "vitk2._amounts.DailyDose")
    upcast = pint.compat.upcast_type_map
    for name in names:
        monkeypatch.delitem(upcast, name, raising=False)
    assert pint_module() is pint
    assert all(name in upcast for name in names)
    q = app_registry().Quantity(1, "mg")
    with pytest.raises(OperandError, match="pint quantity"):
        _ = q + Amount(MK7, "1 µg")
    with pytest.raises(OperandError, match="pint quantity"):
        _ = q - DailyDose(MK7, "1 µg/day")


def test_to_keeps_amounts_and_rates_apart() -> None:
    ureg = app_registry()
    a = Amount(MK7, "100 µg")
    with pytest.raises(UnitParseError, match="not a unit"):
        a.to("mg/day")
    d = DailyDose(MK7, "180 µg/day")
    assert str(d.to(ureg.mg / ureg.day).units) == "milligram / day"
    assert str(d.to("mg/day").units) == "milligram / day"
    assert str(a.to(ureg.mg).units) == "milligram"
    with pytest.raises(DimensionError, match="it is not an amount per day"):
        d.to(ureg.mg)
    with pytest.raises(DimensionError, match="it is not a mass or an amount of substance"):
        a.to(ureg.mg / ureg.day)


def test_amount_constructor_messages() -> None:
    with pytest.raises(BareNumberError, match="give the amount with a unit"):
        Amount(MK7, 5)  # type: ignore[arg-type]
    with pytest.raises(UnitParseError, match=r"^None is not an amount;"):
        Amount(MK7, None)  # type: ignore[arg-type]


def test_parse_daily_dose_with_a_vitamer_and_moles() -> None:
    assert parse_daily_dose("180 µg/day", vitamer="MK-7") == DailyDose(MK7, "180 µg/day")
    assert parse_daily_dose("180 µg/day MK-7", vitamer=MK7) == DailyDose(MK7, "180 µg/day")
    with pytest.raises(IncompatibleVitamersError, match="but vitamer=MK-4"):
        parse_daily_dose("180 µg/day MK-7", vitamer="MK-4")
    assert parse_daily_dose("1 µmol/day MK-7") == DailyDose(MK7, "1 µmol/day")
    assert parse_daily_dose("1 µmol/day MK-7").micrograms_per_day == MK7.molar_mass_g_per_mol
    assert parse_amount("1 µmol MK-4").micrograms == MK4.molar_mass_g_per_mol


def test_unit_text_length_limit_is_forty_characters() -> None:
    assert unit_spec("microgram".ljust(40)).code == "ug"
    with pytest.raises(UnitParseError, match=r"^'x{37}…' is not a unit"):
        unit_spec("x" * 41)
    with pytest.raises(UnitParseError, match="is not a unit"):
        unit_spec("microgram".ljust(41))
    with pytest.raises(UnitParseError, match=f"^'{'x' * 40}' is not a unit"):
        unit_spec("x" * 40)


def test_other_rationals_are_read_exactly() -> None:
    import numbers

    class Ratio:
        """A rational number from another library (registered, as gmpy2 and sympy do)."""

        numerator = 2
        denominator = 3

    numbers.Rational.register(Ratio)
    assert exact_magnitude(Ratio()) == Fraction(2, 3)


def test_magnitude_errors_name_the_value() -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(UnitParseError, match=r"^True: a boolean"):
        exact_magnitude(True)
    with pytest.raises(InvalidAmountError) as info:
        exact_magnitude(np.float32("inf"))
    assert str(info.value).startswith(repr(np.float32("inf")) + ": ")
    with pytest.raises(UnitParseError, match=r"^'x': 'x' is not a number"):
        parse_number("x")
    with pytest.raises(UnitParseError, match=r"^'12,34,567': in"):
        parse_number("12,34,567")


def test_long_inputs_keep_their_options() -> None:
    pad = " " * 100  # past the cache limit: parsed on the uncached path
    assert parse_amount(f"{pad}1,000 mcg{pad}", vitamer="MK-7", decimal=".") == Amount(MK7, "1 mg")
    with pytest.raises(IncompatibleVitamersError):
        parse_amount(f"{pad}1 mg MK-7{pad}", vitamer="MK-4")


def test_frequency_words_are_refused_naming_the_text() -> None:
    for parse in (parse_amount, parse_dose):
        with pytest.raises(UnitParseError, match=r"^'100 µg MK-7 bid': 'bid' says how often"):
            parse("100 µg MK-7 bid")
        with pytest.raises(UnitParseError, match=r"^'100 µg MK-7 qd': 'qd' is on"):
            parse("100 µg MK-7 qd")
    with pytest.raises(UnitParseError, match=r"^'100 µg twice daily': 'twice' says"):
        read_quantity("100 µg twice daily")


def test_text_messages_say_what_was_expected() -> None:
    with pytest.raises(UnitParseError, match=r"^'' is empty; give an amount per day such as"):
        read_quantity("", what="amount per day")
    with pytest.raises(UnitParseError, match="; an amount per day is at most 500 characters"):
        read_quantity("1" * 501, what="amount per day")
    with pytest.raises(UnitParseError, match="; an amount is at most 500 characters"):
        parse_amount("1" * 501)
    with pytest.raises(BareNumberError, match=r"^'1,000' is a bare number"):
        read_quantity("1,000", decimal=".")
    with pytest.raises(UnitParseError, match=r"^'shown': '²' \(superscript two\)"):
        prepare_text("1² mg", shown="shown")
    with pytest.raises(UnitParseError, match=r"^'1 mg/week': only per-day rates"):
        DailyDose(MK7, "1 mg/day").in_units("mg/week")


# --- messages name numbers as people write them; examples are themselves valid ------------------


def test_messages_write_numbers_as_people_do() -> None:
    with pytest.raises(InvalidAmountError, match=r"^-5 µg: an amount cannot be negative$"):
        Amount.from_micrograms(MK7, Fraction(-5))
    with pytest.raises(InvalidAmountError, match=r"^-1/3 µg: "):
        Amount.from_micrograms(MK7, Fraction(-1, 3))
    with pytest.raises(InvalidAmountError, match=r"^-2\.5 µg: "):
        Amount.from_micrograms(MK7, Decimal("-2.50"))
    with pytest.raises(InvalidAmountError, match=r"× -1: an amount cannot be negative"):
        _ = Amount(MK7, "1 µg") * Fraction(-1)


def test_bare_number_example_is_a_valid_amount_or_absent() -> None:
    with pytest.raises(BareNumberError, match=r"^1/3 is a bare number.*e\.g\. '1/3 µg'$"):
        Amount(MK7, Fraction(1, 3))  # type: ignore[arg-type]
    assert Amount(MK7, "1/3 µg").micrograms == Fraction(1, 3)
    for bare in (-5, Fraction(-5), "-5", "−5"):
        with pytest.raises(BareNumberError, match=r"a unit such as µg or mg; also, an amount "
                                                  r"cannot be negative$") as info:
            Amount(MK7, bare)  # type: ignore[arg-type]
        assert "e.g." not in str(info.value)
        assert "Fraction" not in str(info.value)
    with pytest.raises(BareNumberError, match=r"such as µg or mg; also, .*out of range") as info:
        read_quantity(1e-300)
    assert "e.g." not in str(info.value)
    with pytest.raises(BareNumberError, match=r"e\.g\. '37,5 µg'$"):
        read_quantity("37,5")


# --- a valid vitamer followed (or preceded) by junk ------------------------------------------


def test_text_left_over_beside_a_vitamer_is_named_not_guessed_at() -> None:
    left_over = UnknownVitamerError
    with pytest.raises(left_over, match=r"'100 μg' is left over after the vitamer MK-7;") as e:
        parse_amount("100 µg MK-7 100 µg")
    assert "did you mean" not in str(e.value)
    with pytest.raises(left_over, match=r"'100 μg' is left over before the vitamer MK-7;"):
        parse_amount("100 µg 100 µg MK-7")
    with pytest.raises(left_over, match=r"^in 'MK-7 100 µg 100 µg': '100 μg' is left over"):
        parse_amount("MK-7 100 µg 100 µg")
    with pytest.raises(left_over, match=r"'tablets' is left over after the vitamer MK-7 "
                                             r"\('vitamin K2 \(MK-7\)'\)"):
        parse_daily_dose("100 µg/day vitamin K2 (MK-7) tablets")
    # A name that is not a vitamer at all still gets vitk2's close matches.
    with pytest.raises(UnknownVitamerError, match="did you mean 'MK-7'"):
        parse_amount("100 µg MK7z")
    assert parse_amount("100 µg vitamin K2 (MK-7)") == Amount(MK7, "100 µg")


# --- one magnitude limit, however a number is written ------------------------------------------


def test_magnitude_limit_counts_digits_as_well_as_exponents() -> None:
    assert parse_number("1" + "0" * 30) == 10**30
    assert parse_number("9.99e30") == Fraction(999, 100) * 10**30
    assert parse_number("0." + "0" * 29 + "1") == Fraction(1, 10**30)
    assert parse_number("1/" + "1" + "0" * 30) == Fraction(1, 10**30)
    assert parse_number("0.00001e35") == 10**30
    assert parse_number("0e99") == 0
    for bad in ("1" + "0" * 31, "0." + "0" * 30 + "1", "1/" + "1" + "0" * 31, "10e30",
                "-1e31", "1e308", "1e999999999", "0.1e-30"):
        with pytest.raises(UnitParseError, match=r"is out of range; vitk2 reads numbers from "
                                                 r"1e-30 to below 1e31"):
            parse_number(bad)
    with pytest.raises(UnitParseError, match=r"^in '1" + "0" * 109 + " mcg MK-7': .*out of range"):
        parse_amount("1" + "0" * 109 + " mcg MK-7")


def test_amount_range_keeps_every_amount_printable_and_readable() -> None:
    smallest = Fraction(1, 10**33)  # 1e-30 ng
    largest = Fraction(10**34) - Fraction(1, 1000)  # just below 1e31 mg
    for ug in (smallest, largest):
        a = Amount.from_micrograms(MK7, ug)
        assert parse_amount(str(a)) == a
        assert parse_daily_dose(str(a.per_day())) == a.per_day()
    assert Amount.from_micrograms(MK7, 0).micrograms == 0
    for ug in (smallest * Fraction(999, 1000), Fraction(10**34)):
        with pytest.raises(InvalidAmountError, match=r"is out of range; an amount is 0 or from "
                                                     r"1e-30 ng to below 1e31 mg"):
            Amount.from_micrograms(MK7, ug)
    with pytest.raises(InvalidAmountError, match=r"× 1e-300: the amount, ≈1e-298 µg, is out"):
        _ = Amount(MK7, "100 µg") * 1e-300
    with pytest.raises(InvalidAmountError, match=r"≈1e41 µg"):
        _ = Amount(MK7, "10 µg") * (10**40)
    with pytest.raises(InvalidAmountError, match=r"^in '1e30 kg MK-7': the amount, ≈1e39 µg"):
        parse_amount("1e30 kg MK-7")
    with pytest.raises(InvalidAmountError, match="out of range"):
        DailyDose(MK7, "1e30 mol/day")
    with pytest.raises(InvalidAmountError, match="out of range"):
        DailyDose(MK7, "1e30 mg/day").over(10)


# --- "human": exact where a decimal, else 3 significant figures marked ≈ ------------------------


def test_human_format_rounds_only_what_is_not_a_decimal() -> None:
    assert f"{Amount(MK7, '1000/7 µg'):human}" == "≈143 µg MK-7"
    assert f"{DailyDose(MK7, '1080/7 µg/day'):human}" == "≈154 µg/day MK-7"
    assert f"{Amount(MK7, '1/3 µg'):human}" == "≈333 ng MK-7"
    assert f"{Amount(MK7, '10/3 mg'):human}" == "≈3.33 mg MK-7"
    # a decimal, however long, is unchanged; str() stays exact either way
    assert f"{Amount(MK7, '0.1234 mg'):human}" == "123.4 µg MK-7"
    assert f"{Amount(MK7, '123.4567 µg'):human}" == "123.4567 µg MK-7"
    assert f"{Amount(MK7, '0 µg'):human}" == "0 µg MK-7"
    assert str(Amount(MK7, "1000/7 µg")) == "1000/7 µg MK-7"


def test_texts_holding_amounts_take_the_human_spec() -> None:
    from vitk2 import divide, dose_in_context, studies

    c = compare(Amount(MK7, "1000/7 µg"), Amount(MK4, "100 µg"), by="mass")
    assert f"{c:human}" == "≈143 µg MK-7 is 1.43 times 100 µg MK-4 by mass"
    assert str(c) == format(c, "") == "1000/7 µg MK-7 is 1.43 times 100 µg MK-4 by mass"
    s = divide(DailyDose(MK7, "1000/7 µg/day"))
    assert f"{s:human}" == "≈143 µg MK-7 once a day with a fat-containing meal"
    assert str(s) == "1000/7 µg MK-7 once a day with a fat-containing meal"
    assert f"{s.administrations[0]:human}" == "≈143 µg MK-7 with a fat-containing meal"
    with pytest.warns(RoundingWarning, match="cannot be given as 2 administrations"):
        r = divide(DailyDose(MK7, "1000/7 µg/day"), 2, unit_strengths=["100 µg"],
                   allow_rounding=True)
    assert f"{r:human}".endswith(
        "(rounded: ≈+57.1 µg/day MK-7 against the requested ≈143 µg/day MK-7)"
    )
    assert str(r).endswith("(rounded: +400/7 µg/day MK-7 against the requested "
                           "1000/7 µg/day MK-7)")
    arm = next(a for a in studies(vitamer="MK-7") if "/" in str(a.daily_dose).split()[0])
    assert "≈" in f"{arm:human}"
    assert "≈" not in str(arm)
    ctx = dose_in_context(DailyDose(MK7, "1080/7 µg/day"))
    assert f"{ctx:human}".startswith("≈154 µg/day MK-7 among ")
    assert str(ctx).startswith("1080/7 µg/day MK-7 among ")
    for x in (c, s, s.administrations[0], arm, ctx):
        with pytest.raises(UnitParseError, match=r"format spec '\.3g' for .*'human'"):
            format(x, ".3g")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("100 µg MK-7 2x", "'2x' says how often"),
        ("100 µg MK-7 x2 daily", "'x2 daily' says how often"),
        ("100 µg menaquinone-7 x 2", "'x 2' says how often"),
        ("100 µg MK-7 × three", "'× three' says how often"),
        ("2 x 100 µg MK-7", "'2 x' says how often"),
    ],
)
def test_a_count_of_doses_is_named_as_such(text: str, said: str) -> None:
    with pytest.raises(UnitParseError, match=said):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "left"),
    [("100 µg MK-7 x", "'x'"), ("100 µg MK 7 x", "'x'"), ("100 µg menaquinone-7 times", "'times'")],
)
def test_a_vitamers_own_number_is_not_a_count_of_doses(text: str, left: str) -> None:
    with pytest.raises(UnknownVitamerError, match=f"{left} is left over after the vitamer MK-7"):
        parse_amount(text)
