"""The core path as a new user walks it: quantities that behave, label wording, bad input.

Each test named after a reproduction in the issues failed on the code before it was written.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import unicodedata
from fractions import Fraction
from typing import Any

import numpy as np
import pint
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import amounts, daily_doses, micrograms, vitamers
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
    OperandError,
    UnitParseError,
    Vitk2Error,
    parse_amount,
    parse_daily_dose,
    parse_dose,
)
from vitk2._amounts import _parse_cached
from vitk2._units import (
    MAX_DIGITS,
    MAX_TEXT_LENGTH,
    app_registry,
    format_number,
    parse_number,
    plain_magnitude,
    read_quantity,
)

# --- quantities that behave like pint's -------------------------------------------------


def test_a_converted_amount_prints_as_people_read_it() -> None:
    a = parse_amount("100 mcg MK-7")
    assert str(a.to("mg")) == "0.1 milligram"
    assert f"{a.to('nmol'):.1f}" == "154.1 nanomole"
    assert f"{a.to('mg'):.2f~P}" == "0.10 mg"
    assert f"{a.to('ug'):~}" == "100 µg"
    assert float(a.to("mg").magnitude) == 0.1


    q: Any = parse_amount("100 mcg MK-7").to("ug")
    q = parse_amount("100 mcg MK-7").to("ug")
    root = np.sqrt(q)
    assert root.magnitude == pytest.approx(10.0)
    assert str(root.units) == "microgram ** 0.5"
    assert np.isclose(np.add(q, q).magnitude, 200)


@given(amounts(), st.sampled_from(["pg", "ng", "ug", "mg", "g", "pmol", "nmol", "umol"]))
def test_to_is_the_float_of_the_exact_value(a: Amount, unit: str) -> None:
    q = a.to(unit)
    exact = a.in_units(unit)
    assert q.magnitude == plain_magnitude(exact)
    assert isinstance(q.magnitude, int | float)
    assert abs(Fraction(q.magnitude) - exact) <= abs(exact) * Fraction(1, 2**52)


@given(daily_doses(), st.sampled_from(["ug/day", "mg/d", "nmol per day"]))
def test_daily_dose_to_is_the_float_of_the_exact_value(d: DailyDose, unit: str) -> None:
    q = d.to(unit)
    assert q.magnitude == plain_magnitude(d.in_units(unit))
    assert q.check("[mass] / [time]") or q.check("[substance] / [time]")


def test_plain_magnitude_is_an_int_only_when_whole_and_exact_as_a_float() -> None:
    assert plain_magnitude(Fraction(45000)) == 45000
    assert type(plain_magnitude(Fraction(45000))) is int
    assert type(plain_magnitude(Fraction(2**53))) is int
    assert type(plain_magnitude(Fraction(2**53 + 1))) is float
    assert type(plain_magnitude(Fraction(1, 10))) is float


def test_to_accepts_pint_units_and_quantities_of_the_application_registry() -> None:
    ureg = app_registry()
    a = parse_amount("100 mcg MK-7")
    assert a.to(ureg.mg).magnitude == pytest.approx(0.1)
    assert str(a.to(ureg.mg).units) == "milligram"
    assert a.to(ureg.Quantity(3, "nmol")).magnitude == pytest.approx(154.0793, rel=1e-6)
    d = parse_daily_dose("45 mg/day MK-4")
    assert d.to(ureg.ug / ureg.day).magnitude == 45000


def test_to_accepts_units_of_a_users_own_registry_and_answers_on_it() -> None:
    mine: pint.UnitRegistry[Any] = pint.UnitRegistry()
    a = parse_amount("180 mcg MK-7")
    q = a.to(mine.mg)
    assert q._REGISTRY is mine
    assert (q + mine.Quantity(0.02, "mg")).magnitude == pytest.approx(0.2)
    grains = a.to(mine.grain)
    assert grains._REGISTRY is mine
    assert grains.to("mg").magnitude == pytest.approx(0.18)
    per_week = parse_daily_dose("180 mcg/day MK-7").to(mine.ug / mine.week)
    assert per_week.magnitude == pytest.approx(1260)


@pytest.mark.parametrize("target", ["mL", 5, None, "mg/day"])
def test_to_refuses_what_is_not_a_unit_of_the_right_kind(target: object) -> None:
    with pytest.raises(UnitParseError):
        parse_amount("100 mcg MK-7").to(target)


def test_to_refuses_a_pint_unit_of_the_wrong_dimension() -> None:
    ureg = app_registry()
    with pytest.raises(DimensionError, match="not a mass or an amount of substance"):
        parse_amount("100 mcg MK-7").to(ureg.mL)
    with pytest.raises(DimensionError, match="per day"):
        parse_daily_dose("100 mcg/day MK-7").to(ureg.mg)


def test_import_vitk2_does_not_import_pint() -> None:
    code = (
        "import sys, vitk2; vitk2.parse_amount('1 mg K1').in_units('ug'); "
        "print('pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- one rule for operands ---------------------------------------------------------------

_FOREIGN: list[object] = [5, 0.5, Fraction(1, 2), "1 µg", None, [1], object()]


@pytest.mark.parametrize("other", _FOREIGN, ids=repr)
@pytest.mark.parametrize(
    "op",
    [
        lambda a, b: a + b,
        lambda a, b: b + a,
        lambda a, b: a - b,
        lambda a, b: b - a,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
        lambda a, b: b / a,
    ],
)
def test_foreign_operands_raise_vitk2s_operand_error(op: Any, other: object) -> None:
    for x in (parse_amount("100 µg MK-7"), parse_daily_dose("100 µg/day MK-7")):
        with pytest.raises(OperandError) as info:
            op(x, other)
        assert isinstance(info.value, TypeError)
        assert "100 µg" in str(info.value)


def test_sum_still_starts_from_zero_but_not_from_false() -> None:
    a = parse_amount("100 µg MK-7")
    assert sum([a, a]) == Amount(MK7, "200 µg")
    with pytest.raises(OperandError):
        False + a
    with pytest.raises(OperandError):
        0.0 + a  # type: ignore[operator]


def test_a_pint_quantity_on_either_side_is_vitk2s_error_saying_how() -> None:
    ureg = app_registry()
    a = parse_amount("100 µg MK-7")
    with pytest.raises(OperandError, match=r"Amount\('MK-7', quantity\)"):
        a + ureg.Quantity(10, "ug")
    with pytest.raises(OperandError, match="does not say which vitamer"):
        ureg.Quantity(10, "ug") + a
    with pytest.raises(OperandError):
        a < ureg.Quantity(10, "ug")  # noqa: B015
    assert a + Amount(MK7, ureg.Quantity(10, "ug")) == Amount(MK7, "110 µg")


def test_scaling_takes_plain_numbers_only() -> None:
    a = parse_amount("100 µg MK-7")
    for bad in ("3", a, None, app_registry().Quantity(2, "")):
        with pytest.raises(OperandError):
            a * bad  # type: ignore[operator]
    assert a * 3 == 3 * a == Amount(MK7, "300 µg")
    assert a / Fraction(1, 2) == Amount(MK7, "200 µg")


def test_equality_with_anything_else_is_false() -> None:
    a = parse_amount("100 µg MK-7")
    assert a != 100  # type: ignore[comparison-overlap]
    assert a != "100 µg MK-7"  # type: ignore[comparison-overlap]
    assert a != a.to("ug")
    assert a != parse_amount("100 µg MK-4")


# --- label wording --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e2 ug MK-7", Amount(MK7, "100 µg")),
        ("1E2 ug MK-7", Amount(MK7, "100 µg")),
        ("1.5e-1 mg MK-7", Amount(MK7, "150 µg")),
        ("½ mg K1", Amount(K1, "500 µg")),
        ("¼ mg K1", Amount(K1, "250 µg")),
        ("¾ mg K1", Amount(K1, "750 µg")),
        ("1⁄2 mg K1", Amount(K1, "500 µg")),
        ("1½ mg K1", Amount(K1, "1.5 mg")),
        ("1 ½ mg K1", Amount(K1, "1.5 mg")),
        ("K1 ½ mg", Amount(K1, "500 µg")),
        ("MK-7, 100 mcg", Amount(MK7, "100 µg")),
    ],
)
def test_label_numbers(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "100 µg MK-7 daily",
        "100 µg MK-7 per day",
        "100 µg MK-7 a day",
        "100 µg MK-7, once daily",
        "100 µg daily MK-7",
        "100 µg/d MK-7",
        "100 µg/day MK-7",
        "100 µg per day MK-7",
        "MK-7 100 µg daily",
        "MK-7 100 µg once a day",
        "100 µg MK-7 every day",
    ],
)
def test_per_day_words(text: str) -> None:
    assert parse_daily_dose(text) == DailyDose(MK7, "100 µg/day")
    assert parse_dose(text) == DailyDose(MK7, "100 µg/day")
    with pytest.raises(UnitParseError, match="per day"):
        parse_amount(text)


@pytest.mark.parametrize("word", ["qd", "QD", "q.d.", "Q.D.", "q.d", "qod", "QOD", "q.o.d."])
def test_qd_is_refused_with_the_joint_commission_reason(word: str) -> None:
    for text in (f"100 mcg MK-7 {word}", f"100 mcg {word} MK-7"):
        with pytest.raises(UnitParseError, match="Do Not Use"):
            parse_dose(text)


@pytest.mark.parametrize(
    "text",
    ["100 mcg MK-7 bid", "100 mcg MK-7 twice daily", "15 mg MK-4 3 times a day",
     "15 mg MK-4 tid", "15 mg MK-4 3x daily", "100 mcg MK-7 weekly"],
)
def test_frequencies_are_not_read_as_per_day(text: str) -> None:
    with pytest.raises(UnitParseError, match="how often"):
        parse_dose(text)


@given(
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=1, max_value=10),
    st.sampled_from(["½", "⅓", "⅔", "¼", "¾", "⅛", "⅜", "⅝", "⅞", "⅕"]),
    st.sampled_from(["", " "]),
)
def test_vulgar_fractions_are_exact(whole: int, scale: int, glyph: str, space: str) -> None:
    value = Fraction(whole) + Fraction(unicodedata.numeric(glyph)).limit_denominator(10)
    text = f"{whole}{space}{glyph} mg K1" if whole else f"{glyph} mg K1"
    assert parse_amount(text).in_units("mg") == value
    assert parse_amount(text) * scale == Amount(K1, f"{value * scale} mg")


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=999))
def test_thousands_separators_under_each_convention(whole: int, frac: int) -> None:
    us = f"{whole:,}.{frac:03d}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    exact = Fraction(whole) + Fraction(frac, 1000)
    assert parse_number(us, decimal=".") == exact
    assert parse_number(eu, decimal=",") == exact
    # with both separators present the text says which is which
    assert parse_number(us) == parse_number(eu) == exact


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_single_comma_before_three_digits_needs_a_convention(head: int, tail: int) -> None:
    text = f"{head},{tail:03d}"
    with pytest.raises(UnitParseError, match="could be"):
        parse_number(text)
    assert parse_number(text, decimal=".") == head * 1000 + tail
    assert parse_number(text, decimal=",") == head + Fraction(tail, 1000)


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("1,00,000", "."), ("1.00.000", ","), ("1,000.5,0", "."), ("37.5", ","), ("1,5,5", ",")],
)
def test_badly_grouped_numbers_are_refused(text: str, decimal: Any) -> None:
    with pytest.raises(UnitParseError):
        parse_number(text, decimal=decimal)


def test_decimal_convention_in_parsers() -> None:
    assert parse_amount("1,000 mcg MK-7", decimal=".") == Amount(MK7, "1 mg")
    assert parse_amount("37,5 µg K1", decimal=",") == Amount(K1, "37.5 µg")
    assert parse_amount("37,5 µg K1") == Amount(K1, "37.5 µg")
    assert parse_daily_dose("1.000 µg/Tag".replace("/Tag", "/day") + " MK-7", decimal=",") == (
        DailyDose(MK7, "1 mg/day")
    )
    with pytest.raises(UnitParseError, match="decimal"):
        parse_amount("1 mg K1", decimal=";")  # type: ignore[arg-type]


@given(amounts())
def test_format_then_parse_is_identity_in_every_unit(a: Amount) -> None:
    for unit in ("ug", "mg", "ng"):
        assert parse_amount(f"{a:{unit}}") == a
    assert parse_amount(format(a, "ucum")) == a


@given(amounts())
def test_us_grouped_text_reads_back(a: Amount) -> None:
    exact = a.in_units("ug")
    assume(exact.denominator == 1)
    assert parse_amount(f"{exact.numerator:,} mcg {a.vitamer.key}", decimal=".") == a


# --- look-alike and non-ASCII digits (issue 16: silent misreads) ------------------------


@pytest.mark.parametrize(
    "text",
    ["1² mg K1", "²⁰ mg K1", "① mg K1", "⒈5 mg K1", "١٠٠ mg K1", "१०० mg K1", "１００ mg K1",
     "100 mg MK-1٣", "100 mcg MK-١0", "1₂ mg K1"],
)
def test_look_alike_digits_are_refused_not_folded(text: str) -> None:
    with pytest.raises(UnitParseError, match="not a digit vitk2 reads"):
        parse_amount(text)
    with pytest.raises(UnitParseError, match="not a digit vitk2 reads"):
        parse_dose(text)


_ODD_DIGITS = st.characters(
    codec="utf-8", categories=["Nd", "No"], exclude_characters="0123456789½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
)


@given(amounts(), _ODD_DIGITS, st.integers(min_value=0, max_value=40))
def test_a_non_ascii_digit_anywhere_is_an_error_never_another_amount(
    a: Amount, digit: str, at: int
) -> None:
    text = str(a)
    at = min(at, len(text))
    with pytest.raises(UnitParseError):
        parse_amount(text[:at] + digit + text[at:])


# --- bounds: no foreign exceptions, no unbounded work ------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        parse_amount,
        lambda t: parse_daily_dose(t.replace(" mcg", " mcg/day")),
        parse_dose,
        lambda t: Amount(MK7, t.removesuffix(" MK-7")),
        lambda t: DailyDose(MK7, t.removesuffix(" MK-7") + "/day"),
        lambda t: read_quantity(t.removesuffix(" MK-7")),
        lambda t: Amount.from_micrograms(MK7, t.removesuffix(" mcg MK-7")),
    ],
)
def test_numbers_beyond_pythons_digit_limit_are_vitk2_errors(call: Any) -> None:
    with pytest.raises(UnitParseError):
        call("1" * 4301 + " mcg MK-7")
    with pytest.raises(UnitParseError, match="too long"):
        call("1" * (MAX_DIGITS + 1) + " mcg MK-7")


def test_the_digit_limit_is_exact() -> None:
    # digits past the point: the magnitude limit (below 1e31) leaves room for them
    assert parse_number("9." + "9" * (MAX_DIGITS - 1)) == 10 - Fraction(1, 10 ** (MAX_DIGITS - 1))
    with pytest.raises(UnitParseError, match="too long"):
        parse_number("9." + "9" * MAX_DIGITS)


def test_huge_python_numbers_are_vitk2_errors() -> None:
    with pytest.raises(InvalidAmountError, match="1,000 digits"):
        Amount.from_micrograms(MK7, 10**5000)
    with pytest.raises(InvalidAmountError):
        Amount.from_micrograms(MK7, Fraction(1, 10**5000))
    with pytest.raises(InvalidAmountError):
        Amount(MK7, "1 µg") * 10**5000
    with pytest.raises(Vitk2Error):
        Amount(MK7, app_registry().Quantity(10**5000, "ug"))


def test_long_text_is_refused_at_the_limit_and_not_cached() -> None:
    filler = " " * (MAX_TEXT_LENGTH - len("1 mg K1"))
    assert parse_amount("1 mg K1" + filler) == Amount(K1, "1 mg")
    with pytest.raises(UnitParseError, match="at most 500 characters"):
        parse_amount("1 mg K1" + filler + " ")
    before = _parse_cached.cache_info().currsize
    for n in range(5):
        parse_amount("1 mg K1" + " " * (200 + n))
    assert _parse_cached.cache_info().currsize == before
    with pytest.raises(UnitParseError):
        parse_amount("1 mg " + "K" * 1_000_000)


@given(st.text(max_size=80))
def test_arbitrary_text_in_every_parser_raises_only_vitk2_errors(text: str) -> None:
    for parse in (parse_amount, parse_daily_dose, parse_dose):
        with contextlib.suppress(Vitk2Error):
            parse(text)
    for decimal in (".", ","):
        with contextlib.suppress(Vitk2Error):
            parse_number(text, decimal=decimal)


@given(micrograms, vitamers)
def test_bare_numbers_stay_bare_number_errors(ug: Fraction, v: object) -> None:
    with pytest.raises(BareNumberError):
        read_quantity(format_number(ug))
    with pytest.raises(Vitk2Error):
        parse_amount(f"{format_number(ug)} {v}")


def test_different_vitamers_still_refuse_to_mix() -> None:
    with pytest.raises(IncompatibleVitamersError):
        parse_amount("1 mg MK-4") + parse_amount("1 mg MK-7")
    assert parse_amount("45 mg MK-4") / 3 == Amount(MK4, "15 mg")
