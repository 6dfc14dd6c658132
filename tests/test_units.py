"""The units policy: spellings, exactness, registries, and bad input."""

from __future__ import annotations

import contextlib
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from tests.strategies import (
    MASS_SPELLINGS,
    MASS_UNITS,
    PER_DAY_SPELLINGS,
    SUBSTANCE_SPELLINGS,
    decimal_text,
    micrograms,
)
from vitk2 import (
    MK7,
    Amount,
    BareNumberError,
    DailyDose,
    DimensionError,
    InvalidAmountError,
    NoInternationalUnitError,
    UnitParseError,
    Vitk2Error,
)
from vitk2._units import (
    app_registry,
    exact_magnitude,
    format_number,
    parse_number,
    read_quantity,
    unit_spec,
)


@pytest.mark.parametrize(("spelling", "code"), MASS_SPELLINGS + SUBSTANCE_SPELLINGS)
def test_label_spellings(spelling: str, code: str) -> None:
    parsed = read_quantity(f"12.5 {spelling}")
    assert parsed.unit.code == code
    assert parsed.value == Fraction(25, 2) * unit_spec(code).factor


@pytest.mark.parametrize("spelling", ["12.5µg", "12.5 µg", "  12.5   µg  ", "12.5\tmcg"])
def test_whitespace(spelling: str) -> None:
    assert read_quantity(spelling).value == Fraction(25, 2)


@pytest.mark.parametrize("per", PER_DAY_SPELLINGS)
@pytest.mark.parametrize(("spelling", "code"), [("µg", "ug"), ("mcg", "ug"), ("mg", "mg")])
def test_per_day_forms(per: str, spelling: str, code: str) -> None:
    parsed = read_quantity(f"180 {spelling}{per}")
    assert parsed.per_day
    assert parsed.value == 180 * unit_spec(code).factor


@pytest.mark.parametrize("text", ["5 Mg", "5 mG", "5 Mcg", "5 uG", "5 Nmol"])
def test_mixed_case_symbols_are_refused(text: str) -> None:
    # Mg is magnesium; vitk2 reads symbols only in lower case or all upper case.
    with pytest.raises(UnitParseError, match="lower case or all upper case"):
        read_quantity(text)


@pytest.mark.parametrize("text", ["100 IU", "100 iu", "100 I.U.", "100 international units"])
def test_iu_has_its_own_error(text: str) -> None:
    with pytest.raises(NoInternationalUnitError, match="no International Unit") as info:
        read_quantity(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("value", [90, 90.0, Fraction(90), Decimal(90), "90", " 90 ", "0.5"])
def test_bare_numbers_are_errors(value: object) -> None:
    with pytest.raises(BareNumberError, match="never guesses"):
        read_quantity(value)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("90 mL", DimensionError),
        ("2 tbsp", DimensionError),
        ("", UnitParseError),
        ("   ", UnitParseError),
        ("garbage", UnitParseError),
        ("12 parsecs", UnitParseError),
        ("nan µg", InvalidAmountError),
        ("inf mg", InvalidAmountError),
        ("-5 µg", InvalidAmountError),
        ("\u22125 µg", InvalidAmountError),
        ("1,000 µg", UnitParseError),
        ("1,000 mg", UnitParseError),
        ("1e400 µg", UnitParseError),
        ("1/0 µg", UnitParseError),
        ("5 µg/week", UnitParseError),
    ],
)
def test_bad_text(text: str, error: type[Vitk2Error]) -> None:
    with pytest.raises(error) as info:
        read_quantity(text)
    assert repr(text) in str(info.value) or repr(text.strip()) in str(info.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_quantities(value: float) -> None:
    with pytest.raises(InvalidAmountError, match="finite"):
        read_quantity(vitk2_quantity(value, "microgram"))


def vitk2_quantity(value: object, unit: str) -> Any:
    return app_registry().Quantity(value, unit)


def test_wrong_dimension_quantity() -> None:
    with pytest.raises(DimensionError, match="not a mass"):
        read_quantity(vitk2_quantity(90, "milliliter"))


def test_array_quantity_is_refused() -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(UnitParseError, match="scalar"):
        read_quantity(vitk2_quantity(np.array([1.0, 2.0]), "microgram"))


@given(micrograms, st.sampled_from(MASS_UNITS), st.sampled_from(MASS_UNITS))
def test_round_trip_between_every_pair_of_mass_units(ug: Fraction, a: str, b: str) -> None:
    amount = Amount.from_micrograms(MK7, ug)
    via_a = Amount(MK7, f"{amount.in_units(a)} {a}")
    in_b = via_a.in_units(b)
    assert Amount(MK7, f"{in_b} {b}") == amount
    assert in_b == ug / unit_spec(b).factor
    assert via_a.to(b).magnitude == float(in_b)


@given(micrograms, st.sampled_from(MASS_UNITS))
def test_text_in_any_unit_reads_back_exactly(ug: Fraction, code: str) -> None:
    text = f"{decimal_text(ug, code)} {unit_spec(code).symbol}"
    assert read_quantity(text).value == ug


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_subnormal=False))
def test_floats_are_read_as_the_decimal_they_print(x: float) -> None:
    assert exact_magnitude(x) == Fraction(repr(x))
    assert float(exact_magnitude(x)) == x


@given(
    st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**60).filter(
        lambda x: x == 0 or abs(x) >= Fraction(1, 10**30)  # parse_number's magnitude limit
    )
)
def test_format_number_is_exact(x: Fraction) -> None:
    assert parse_number(format_number(x)) == x


def test_foreign_registry_quantity_is_accepted_and_equal() -> None:
    # The one place a test builds its own registry: a user's UnitRegistry() at the boundary.
    foreign: pint.UnitRegistry[Any] = pint.UnitRegistry()
    q = foreign.Quantity(180, "microgram")
    assert Amount(MK7, q) == Amount(MK7, "180 µg")
    rate = foreign.Quantity(1.26, "milligram / week")
    assert DailyDose(MK7, rate) == DailyDose(MK7, "180 µg/day")
    grains = foreign.Quantity(1, "grain")  # 64.79891 mg exactly
    assert Amount(MK7, grains).micrograms == Fraction("64798.91")


@given(micrograms)
def test_foreign_registry_property(ug: Fraction) -> None:
    foreign = _FOREIGN
    q = foreign.Quantity(ug / 1000, "milligram")
    assert Amount(MK7, q).micrograms == ug


_FOREIGN: pint.UnitRegistry[Any] = pint.UnitRegistry()


def test_swapping_the_application_registry_leaves_nothing_stale() -> None:
    original = app_registry().get()
    before = Amount(MK7, "180 µg").to("mg")
    new: pint.UnitRegistry[Any] = pint.UnitRegistry()
    pint.set_application_registry(new)  # type: ignore[no-untyped-call]
    try:
        after = Amount(MK7, "180 µg").to("mg")
        assert after._REGISTRY is new
        # arithmetic with a user's quantity on the new registry works: nothing cached is stale
        assert (after + new.Quantity(1, "mg")).magnitude == pytest.approx(1.18)
        assert MK7.molar_mass._REGISTRY is new
    finally:
        pint.set_application_registry(original)  # type: ignore[no-untyped-call]
    assert before._REGISTRY is original


def test_import_does_not_build_a_registry() -> None:
    import subprocess
    import sys

    code = (
        "import pint, vitk2\n"
        "reg = pint.get_application_registry()\n"
        "inner = object.__getattribute__(reg, '_registry')\n"
        "print(type(inner).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # pint swaps the class to UnitRegistry when the lazy registry is built.
    assert out.stdout.split() == ["LazyRegistry"]


@given(st.text(max_size=40))
def test_arbitrary_text_raises_only_vitk2_errors(text: str) -> None:
    try:
        parsed = read_quantity(text)
    except Vitk2Error:
        return
    assert parsed.value >= 0
    assert math.isfinite(float(parsed.value))


@given(
    st.from_regex(
        r"\A[ \-+]?[0-9.,/eE]{0,8}\s?(µ|μ|u|mc|m|n|p|M|U|MC)?(g|G|mol|MOL|IU)?(/d|/day| per day)?"
        r"( MK-?[0-9]{0,2}| K[0-9]| menatetrenone| K2)?\Z"
    )
)
def test_near_miss_text_raises_only_vitk2_errors(text: str) -> None:
    with contextlib.suppress(Vitk2Error):
        vitk2.parse_amount(text)
    with contextlib.suppress(Vitk2Error):
        vitk2.parse_daily_dose(text)


@pytest.mark.parametrize("unit", [None, 5, b"mg", ["mg"]])
def test_non_string_units(unit: object) -> None:
    with pytest.raises(UnitParseError):
        unit_spec(unit)  # type: ignore[arg-type]
