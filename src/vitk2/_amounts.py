"""Exact, vitamer-aware amounts: :class:`Amount` and :class:`DailyDose`.

An amount is stored as an exact number of micrograms (:class:`fractions.Fraction`), so µg ↔ mg
round trips are exact and equal amounts hash equally.  Each amount knows its vitamer; MK-4 and
MK-7 are never added or ordered silently, only through an explicit total or comparison by mass or
by moles.  An amount per day is a :class:`DailyDose`, a different type with the same arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal, Self, TypeAlias, final, overload

import attrs

from vitk2._errors import (
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    NotFoundError,
    OperandError,
    UnitParseError,
    UnknownVitamerError,
    Vitk2Error,
)
from vitk2._units import (
    NON_FINITE,
    NUMBER_TEXT,
    PER_DAY_TEXT,
    UNIT_TEXT,
    Decimal_,
    LazyPattern,
    ParsedQuantity,
    brief,
    check_decimal,
    check_frequency_words,
    exact_magnitude,
    format_number,
    is_pint_quantity,
    pint_module,
    prepare_text,
    quantity,
    read_prepared_text,
    read_quantity,
    split_quantity_text,
    unit_spec,
    unit_target,
)
from vitk2._vitamers import Vitamer, vitamer

if TYPE_CHECKING:
    from pint.facets.plain import PlainQuantity

__all__ = [
    "Amount",
    "Comparison",
    "DailyDose",
    "compare",
    "parse_amount",
    "parse_daily_dose",
    "parse_dose",
    "text_spec",
    "total",
]

Number: TypeAlias = int | float | Fraction | Decimal
"""A plain number, used only as a scale factor, never as an amount."""
MassLike: TypeAlias = "str | PlainQuantity[Any]"
Basis = Literal["mass", "moles"]


def _scale_factor(value: object, *, op: str, shown: object) -> Fraction:
    if isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
        return exact_magnitude(value)
    msg = f"cannot {op} {shown} by {brief(value)}; scale by a plain number"
    raise OperandError(msg)


#: The most bits an exact magnitude's numerator or denominator may have (about 1,000 digits):
#: far beyond any dose, and well inside what Python prints and parses.
MAX_MAGNITUDE_BITS: Final = 3300


#: The smallest non-zero amount, 1e-30 ng, and the smallest amount too large, 1e31 mg: an amount
#: prints in ng below 1 µg and in mg from 1 mg, as a number that :func:`parse_number` reads.
MIN_MICROGRAMS: Final = Fraction(1, 10**33)
MAX_MICROGRAMS: Final = Fraction(10**34)


def _check_nonnegative(micrograms: Fraction, shown: object) -> None:
    if micrograms < 0:
        msg = f"{shown}: an amount cannot be negative"
        raise InvalidAmountError(msg)
    if (
        micrograms.numerator.bit_length() > MAX_MAGNITUDE_BITS
        or micrograms.denominator.bit_length() > MAX_MAGNITUDE_BITS
    ):
        msg = (
            "an amount's exact value may have at most about 1,000 digits above or below the "
            "decimal point; this one has more (a number far beyond any dose, or a long chain of "
            "divisions — round it with Amount.from_micrograms(v, round(x.micrograms, 6)))"
        )
        raise InvalidAmountError(msg)
    if micrograms and not MIN_MICROGRAMS <= micrograms < MAX_MICROGRAMS:
        about = _about(micrograms)
        msg = (
            f"{shown}: the amount, ≈{about} µg, is out of range; an amount is "
            "0 or from 1e-30 ng to below 1e31 mg, so that it prints as a number vitk2 reads back"
        )
        raise InvalidAmountError(msg)


def _about(value: Fraction) -> str:
    """3 significant figures of any exact value, even one far beyond a float (``1e+999``)."""
    with localcontext() as ctx:
        ctx.prec = 3
        rounded = Decimal(value.numerator) / Decimal(value.denominator)
    return format(rounded.normalize(), "g").replace("e+", "e")


def _from_parsed(v: Vitamer, parsed: ParsedQuantity) -> Fraction:
    """Micrograms from a parsed mass or amount of substance of vitamer *v*."""
    if parsed.dimension == "mass":
        return parsed.value
    # nmol × g/mol = ng; /1000 gives µg.
    return parsed.value * v.molar_mass_g_per_mol / 1000


_FLOAT_SPEC: Final = LazyPattern(r"^(?P<float>\.\d{1,2}[fgFGeE])(?:\s+(?P<unit>\S+))?$")


class _Exact:
    """Behaviour shared by Amount and DailyDose: exact micrograms of one vitamer.

    The two classes do not mix: an amount is not a daily dose.
    """

    __slots__ = ()
    vitamer: Vitamer
    _micrograms: Fraction
    _suffix: str = ""
    _ucum_suffix: str = ""

    def _new(self, micrograms: Fraction) -> Self:
        raise NotImplementedError

    # --- views -------------------------------------------------------------------------
    @property
    def micrograms(self) -> Fraction:
        """The exact mass in micrograms (per day for a daily dose)."""
        return self._micrograms

    def in_units(self, unit: str) -> Fraction:
        """The exact magnitude in *unit*: a mass unit, or a substance unit through the molar mass.

        >>> from vitk2 import Amount
        >>> Amount("MK-7", "180 µg").in_units("mg")
        Fraction(9, 50)
        """
        spec = unit_spec(_strip_per_day(unit, self._suffix))
        if spec.dimension == "mass":
            return self._micrograms / spec.factor
        nanomoles = self._micrograms * 1000 / self.vitamer.molar_mass_g_per_mol
        return nanomoles / spec.factor

    def _display_unit(self) -> str:
        ug = self._micrograms
        if ug >= 1000:
            return "mg"
        if 0 < ug < 1:
            return "ng"
        return "ug"

    def _formatted(self, code: str, symbol: str) -> str:
        return f"{format_number(self.in_units(code))} {symbol}{self._suffix}"

    def __str__(self) -> str:
        """Read naturally: ``180 µg MK-7``; exact, so ``parse(str(x)) == x``."""
        code = self._display_unit()
        return f"{self._formatted(code, unit_spec(code).symbol)} {self.vitamer.key}"

    def __format__(self, spec: str) -> str:
        """Format for people or machines.

        ``format(x, "ucum")`` gives the UCUM form, ``format(x, "mg")`` a given unit, and a
        float format such as ``".3g"`` (optionally followed by a unit: ``".3g mg"``) a rounded
        value marked ``≈`` when rounding changed it.  ``format(x, "human")`` is for text people
        read: the exact value where it is a decimal, else 3 significant figures marked ``≈``
        (``1080/7 µg/day`` reads ``≈154 µg/day``).

        >>> from vitk2 import Amount
        >>> a = Amount("MK-7", "1000/3 µg")
        >>> f"{a}", f"{a:mg}", f"{a:.4g}", f"{a:.2f mg}", f"{a:ucum}"
        ('1000/3 µg MK-7', '1/3 mg MK-7', '≈333.3 µg MK-7', '≈0.33 mg MK-7', '1000/3 ug MK-7')
        >>> f"{a:human}", f"{Amount('MK-7', '0.1234 mg'):human}"
        ('≈333 µg MK-7', '123.4 µg MK-7')
        """
        if not spec:
            return str(self)
        if spec == "human":
            text = str(self)
            return format(self, ".3g") if "/" in text.split(" ", 1)[0] else text
        if spec == "ucum":
            return f"{self.ucum} {self.vitamer.key}"
        m = _FLOAT_SPEC.match(spec)
        if m is not None:
            code = m.group("unit") or self._display_unit()
            unit = unit_spec(code)
            exact = self.in_units(unit.code)
            shown = format(float(exact), m.group("float"))
            mark = "" if Fraction(shown) == exact else "≈"
            return f"{mark}{shown} {unit.symbol}{self._suffix} {self.vitamer.key}"
        unit = unit_spec(spec)
        return f"{self._formatted(unit.code, unit.symbol)} {self.vitamer.key}"

    # --- JSON (the form lives in vitk2._serial) ---------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as :func:`vitk2.to_dict` writes it.

        >>> from vitk2 import Amount
        >>> Amount("MK-7", "1000/3 µg").to_dict()["micrograms"]
        '1000/3'
        """
        from vitk2._serial import to_dict  # noqa: PLC0415

        return to_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Self:
        """Read the JSON form of this class; any other ``type`` is refused.

        >>> from vitk2 import DailyDose
        >>> DailyDose.from_dict({"type": "DailyDose", "schema_version": 1, "vitamer": "K1",
        ...                      "micrograms_per_day": "90"})
        DailyDose('K1', '90 µg/day')
        """
        from vitk2._serial import from_dict_as  # noqa: PLC0415

        value: Self = from_dict_as(d, cls.__name__)
        return value

    @property
    def ucum(self) -> str:
        """Value and UCUM unit code for machine exchange, e.g. ``180 ug`` or ``45 mg/d``."""
        code = self._display_unit()
        return f"{format_number(self.in_units(code))} {code}{self._ucum_suffix}"

    # --- arithmetic --------------------------------------------------------------------
    def _same_vitamer(self, other: _Exact, op: str) -> None:
        if other.vitamer != self.vitamer:
            msg = (
                f"cannot {op} {self} and {other}: they are different vitamers; use "
                "vitk2.total(..., by='mass' or 'moles') or vitk2.compare(..., by=...) "
                "to say how they should be combined"
            )
            raise IncompatibleVitamersError(msg)

    def _other(self, other: object, op: str) -> Fraction:
        if type(other) is type(self):
            assert isinstance(other, _Exact)
            self._same_vitamer(other, op)
            return other._micrograms
        if isinstance(other, _Exact):
            msg = f"cannot {op} {self} and {other}: an amount is not a daily dose"
            raise IncompatibleVitamersError(msg)
        raise self._operand_error(other, op)

    def _operand_error(self, other: object, op: str) -> OperandError:
        """The one rule for foreign operands: a vitk2 error that says what to write instead."""
        cls = type(self).__name__
        example = f"{cls}({self.vitamer.key!r}, '5 µg{self._suffix}')"
        if isinstance(other, int | float | Fraction | Decimal) and not isinstance(other, bool):
            why = (
                f"the bare number {brief(other)}: vitk2 never guesses µg or mg; "
                f"give an amount with a unit, e.g. {example}"
            )
        elif isinstance(other, str):
            why = (
                f"the text {brief(other)}: read it first, e.g. "
                f"{'parse_daily_dose' if self._suffix else 'parse_amount'}"
                f"({brief(other)}, vitamer={self.vitamer.key!r})"
            )
        elif is_pint_quantity(other):
            why = (
                f"the pint quantity {brief(other)}: a quantity does not say which "
                "vitamer it "
                f"is; make it one with {cls}({self.vitamer.key!r}, quantity), or compare "
                "magnitudes with x.to(unit)"
            )
        else:
            why = f"{brief(other)}: an {cls} combines only with an {cls} of the same vitamer"
        return OperandError(f"cannot {op} {self} and {why}")

    def __add__(self, other: Self) -> Self:
        """Add two amounts of the same vitamer."""
        value = self._other(other, "add")
        return self._new(self._micrograms + value)

    def __radd__(self, other: int) -> Self:
        """Support ``sum()``, which starts from 0."""
        if type(other) is int and other == 0:
            return self
        return self.__add__(other)  # type: ignore[operator]  # raises the operand error

    def __sub__(self, other: Self) -> Self:
        """Subtract an amount of the same vitamer; the result must not be negative."""
        value = self._other(other, "subtract")
        result = self._micrograms - value
        if result < 0:
            msg = f"{self} − {other} would be negative"
            raise InvalidAmountError(msg)
        return self._new(result)

    def __rsub__(self, other: object) -> Self:
        """Only an amount can be subtracted from: refuse numbers, text and quantities."""
        raise self._operand_error(other, "subtract from")

    def __rtruediv__(self, other: object) -> Self:
        """Nothing is divided by an amount here: refuse it with vitk2's operand error."""
        raise self._operand_error(other, "divide by")

    def __mul__(self, factor: Number) -> Self:
        """Scale by a plain, non-negative number."""
        if isinstance(factor, _Exact):
            msg = f"cannot multiply {self} by {factor}"
            raise OperandError(msg)
        k = _scale_factor(factor, op="multiply", shown=self)
        result = self._micrograms * k
        _check_nonnegative(result, f"{self} × {brief(factor)}")
        return self._new(result)

    __rmul__ = __mul__

    @overload
    def __truediv__(self, other: Self) -> Fraction: ...
    @overload
    def __truediv__(self, other: Number) -> Self: ...
    def __truediv__(self, other: Self | Number) -> Self | Fraction:
        """Divide by a number (an amount), or by a like amount (a ratio, as a Fraction)."""
        if type(other) is type(self):
            assert isinstance(other, _Exact)
            self._same_vitamer(other, "divide")
            if other._micrograms == 0:
                msg = f"cannot divide {self} by zero amount {other}"
                raise InvalidAmountError(msg)
            return self._micrograms / other._micrograms
        k = _scale_factor(other, op="divide", shown=self)
        if k == 0:
            msg = f"cannot divide {self} by zero"
            raise InvalidAmountError(msg)
        result = self._micrograms / k
        _check_nonnegative(result, f"{self} / {brief(other)}")
        return self._new(result)

    # --- ordering, within one vitamer -------------------------------------------------
    def _cmp_value(self, other: object, op: str) -> Fraction:
        if type(other) is type(self):
            assert isinstance(other, _Exact)
            if other.vitamer != self.vitamer:
                msg = (
                    f"cannot order {self} and {other}: different vitamers; use "
                    "vitk2.compare(a, b, by='mass' or 'moles')"
                )
                raise IncompatibleVitamersError(msg)
            return other._micrograms
        if isinstance(other, _Exact):
            msg = f"cannot compare {self} with {other}: an amount is not a daily dose"
            raise IncompatibleVitamersError(msg)
        raise self._operand_error(other, f"order ({op})")

    def __lt__(self, other: Self) -> bool:
        """Order by mass within one vitamer."""
        return self._micrograms < self._cmp_value(other, "<")

    def __le__(self, other: Self) -> bool:
        """Order by mass within one vitamer."""
        return self._micrograms <= self._cmp_value(other, "<=")

    def __gt__(self, other: Self) -> bool:
        """Order by mass within one vitamer."""
        return self._micrograms > self._cmp_value(other, ">")

    def __ge__(self, other: Self) -> bool:
        """Order by mass within one vitamer."""
        return self._micrograms >= self._cmp_value(other, ">=")

    def __bool__(self) -> bool:
        """An amount is truthy when it is not zero."""
        return self._micrograms != 0


def _convert(x: _Exact, unit: object, *, per_day: bool) -> PlainQuantity[Any]:
    """Shared body of Amount.to and DailyDose.to: vitk2's exact table first, then pint's."""
    if isinstance(unit, str):
        spec = unit_spec(_strip_per_day(unit, "/day" if per_day else ""))
        code = f"{spec.pint_name} / day" if per_day else spec.code
        return quantity(x.in_units(spec.code), code)
    known, target = unit_target(unit, per_day=per_day)
    reg = target._REGISTRY
    if known is not None:
        code = f"{known.pint_name} / day" if per_day else known.code
        return quantity(x.in_units(known.code), code, registry=reg)
    # A unit outside vitk2's table (grain, pound, µg/week …): pint converts the float.
    pint = pint_module()
    suffix = " / day" if per_day else ""
    for base, exact in (("microgram", x.micrograms), ("nanomole", x.in_units("nmol"))):
        q = reg.Quantity(float(exact), base + suffix)
        try:
            return q.to(target)  # type: ignore[no-any-return]
        except pint.errors.DimensionalityError:
            continue
    kind = "an amount per day (mass or substance per day)" if per_day else (
        "a mass or an amount of substance"
    )
    msg = f"cannot convert {x} to {brief(unit)}: it is not {kind}"
    raise DimensionError(msg)


def _strip_per_day(unit: str, suffix: str) -> str:
    if not suffix:
        return unit
    parts = split_quantity_text(f"1 {unit}")
    if parts is None:
        return unit
    return parts[1]


def _init_amount(
    vitamer_: Vitamer | str, value: object, *, what: str
) -> tuple[Vitamer, ParsedQuantity]:
    v = vitamer(vitamer_)
    parsed = read_quantity(value, what=what)
    return v, parsed


@final
@attrs.frozen(init=False, repr=False, eq=True, order=False)
class Amount(_Exact):
    """An exact mass of one vitamer.

    >>> from vitk2 import Amount, MK7
    >>> a = Amount(MK7, "0.1 mg")
    >>> str(a), a.micrograms
    ('100 µg MK-7', Fraction(100, 1))
    >>> a == Amount("MK-7", "100 mcg") and hash(a) == hash(Amount("mk7", "100 ug"))
    True
    >>> print(a.to("mg"))
    0.1 milligram
    >>> round(float(a.in_units("nmol")), 2)
    154.08
    >>> Amount(MK7, "100 µg") + Amount("MK-4", "100 µg")
    Traceback (most recent call last):
    ...
    vitk2.IncompatibleVitamersError: cannot add 100 µg MK-7 and 100 µg MK-4: ...
    """

    vitamer: Vitamer
    _micrograms: Fraction = attrs.field(alias="micrograms")

    def __init__(self, vitamer: Vitamer | str, mass: MassLike) -> None:
        """Make an amount from a vitamer and a mass (a string such as ``"100 µg"`` or a quantity).

        An amount of substance (``"277 nmol"``) is converted to mass through the molar mass.
        """
        v, parsed = _init_amount(vitamer, mass, what="amount")
        if parsed.per_day:
            msg = (
                f"{mass!r} is an amount per day; use DailyDose({v.key!r}, {mass!r}), "
                "or give a plain amount such as '100 µg'"
            )
            raise UnitParseError(msg)
        ug = _from_parsed(v, parsed)
        _check_nonnegative(ug, brief(mass))
        self.__attrs_init__(v, ug)

    @classmethod
    def from_micrograms(cls, vitamer: Vitamer | str, micrograms: Number | str) -> Amount:
        """Make an amount from an exact number of micrograms, without parsing a unit.

        >>> Amount.from_micrograms("MK-4", 45000)
        Amount('MK-4', '45 mg')
        """
        v = vitamer if isinstance(vitamer, Vitamer) else _vitamer(vitamer)
        if isinstance(micrograms, str):
            from vitk2._units import parse_number  # noqa: PLC0415

            ug = parse_number(micrograms)
        else:
            ug = exact_magnitude(micrograms)
        _check_nonnegative(ug, f"{brief(micrograms)} µg")
        self = object.__new__(cls)
        self.__attrs_init__(v, ug)
        return self

    @classmethod
    def from_moles(cls, vitamer: Vitamer | str, substance: MassLike) -> Amount:
        """Make an amount from an amount of substance (``"277 nmol"``), through the molar mass.

        >>> Amount.from_moles("MK-7", "1 µmol")
        Amount('MK-7', '649.016 µg')
        """
        v, parsed = _init_amount(vitamer, substance, what="amount of substance")
        if parsed.dimension != "substance" or parsed.per_day:
            msg = f"{substance!r} is not an amount of substance such as '277 nmol'"
            raise UnitParseError(msg)
        return cls.from_micrograms(v, _from_parsed(v, parsed))

    def _new(self, micrograms: Fraction) -> Amount:
        return Amount.from_micrograms(self.vitamer, micrograms)

    @property
    def mass(self) -> PlainQuantity[Any]:
        """The mass as a pint quantity in µg (float magnitude; exact: :attr:`micrograms`)."""
        return quantity(self._micrograms, "ug")

    def to(self, unit: str | Any) -> PlainQuantity[Any]:
        """Convert to a mass unit, or to an amount of substance through the molar mass.

        *unit* is text (``"mg"``, ``"mcg"``, ``"nmol"``) or a pint ``Unit`` or ``Quantity``
        from the application registry or from your own registry; the result lives on that
        registry.  The magnitude is a float, as pint, NumPy and format specs expect; the exact
        value is :meth:`in_units`.

        >>> a = Amount("MK-7", "100 mcg")
        >>> print(a.to("mg"))
        0.1 milligram
        >>> f"{a.to('nmol'):.1f~P}"
        '154.1 nmol'
        >>> a.in_units("mg")
        Fraction(1, 10)
        """
        return _convert(self, unit, per_day=False)

    def per_day(self) -> DailyDose:
        """This amount taken every day.

        >>> Amount("MK-7", "180 µg").per_day()
        DailyDose('MK-7', '180 µg/day')
        """
        return DailyDose.from_micrograms_per_day(self.vitamer, self._micrograms)

    def __repr__(self) -> str:
        """``Amount('MK-7', '180 µg')``, which evaluates back to an equal amount."""
        code = self._display_unit()
        return f"Amount({self.vitamer.key!r}, {self._formatted(code, unit_spec(code).symbol)!r})"


def text_spec(spec: str, what: str) -> str:
    """The format spec of a text that shows amounts: ``""`` (exact, as ``str()``) or ``"human"``.

    ``"human"`` shows each amount as ``format(x, "human")`` does: exact where it is a decimal,
    else 3 significant figures marked ``≈``.
    """
    if spec in {"", "human"}:
        return spec
    msg = f"format spec {spec!r} for {what}: give '' (exact values) or 'human' (≈ where inexact)"
    raise UnitParseError(msg)


def _vitamer(name: Vitamer | str) -> Vitamer:
    return vitamer(name)


@final
@attrs.frozen(init=False, repr=False, eq=True, order=False)
class DailyDose(_Exact):
    """An exact mass of one vitamer per day: a different thing from an :class:`Amount`.

    >>> from vitk2 import DailyDose
    >>> d = DailyDose("MK-7", "180 mcg/d")
    >>> str(d), d.ucum
    ('180 µg/day MK-7', '180 ug/d')
    >>> d.amount
    Amount('MK-7', '180 µg')
    >>> DailyDose("MK-7", "180 µg")
    Traceback (most recent call last):
    ...
    vitk2.UnitParseError: '180 µg' is an amount, not an amount per day; ...
    """

    vitamer: Vitamer
    _micrograms: Fraction = attrs.field(alias="micrograms_per_day")
    _suffix = "/day"
    _ucum_suffix = "/d"

    def __init__(self, vitamer: Vitamer | str, per_day: MassLike) -> None:
        """Make a daily dose from a vitamer and a rate such as ``"180 µg/day"`` or a quantity."""
        v, parsed = _init_amount(vitamer, per_day, what="amount per day")
        if not parsed.per_day:
            msg = (
                f"{per_day!r} is an amount, not an amount per day; write e.g. "
                f"'{per_day}/day', or use Amount(...).per_day()"
            )
            raise UnitParseError(msg)
        ug = _from_parsed(v, parsed)
        _check_nonnegative(ug, brief(per_day))
        self.__attrs_init__(v, ug)

    @classmethod
    def from_micrograms_per_day(cls, vitamer: Vitamer | str, micrograms: Number | str) -> DailyDose:
        """Make a daily dose from an exact number of micrograms per day."""
        amount = Amount.from_micrograms(vitamer, micrograms)
        self = object.__new__(cls)
        self.__attrs_init__(amount.vitamer, amount.micrograms)
        return self

    def _new(self, micrograms: Fraction) -> DailyDose:
        return DailyDose.from_micrograms_per_day(self.vitamer, micrograms)

    @property
    def amount(self) -> Amount:
        """The amount taken each day."""
        return Amount.from_micrograms(self.vitamer, self._micrograms)

    @property
    def micrograms_per_day(self) -> Fraction:
        """The exact rate in µg/day."""
        return self._micrograms

    def to(self, unit: str | Any) -> PlainQuantity[Any]:
        """Convert to a per-day unit: ``"mg/day"``, ``"nmol/d"``, or a pint unit.

        A pint unit such as ``ureg.mg / ureg.day`` may come from any registry.  The magnitude is
        a float; the exact value is :meth:`in_units`.

        >>> print(DailyDose("MK-4", "45 mg/day").to("ug/d"))
        45000 microgram / day
        """
        return _convert(self, unit, per_day=True)

    def over(self, days: int | Fraction) -> Amount:
        """The total amount taken over a number of days.

        >>> DailyDose("MK-7", "180 µg/day").over(7)
        Amount('MK-7', '1.26 mg')
        """
        if isinstance(days, bool) or not isinstance(days, int | Fraction) or days < 0:
            msg = f"days must be a non-negative whole number or Fraction, not {days!r}"
            raise InvalidAmountError(msg)
        return Amount.from_micrograms(self.vitamer, self._micrograms * days)

    def __repr__(self) -> str:
        """``DailyDose('MK-7', '180 µg/day')``, which evaluates back to an equal dose."""
        code = self._display_unit()
        text = self._formatted(code, unit_spec(code).symbol)
        return f"DailyDose({self.vitamer.key!r}, {text!r})"


# --- parsing -----------------------------------------------------------------------------

_PER_DAY_PLAIN: Final = re.sub(r"\?P<\w+>", "?:", PER_DAY_TEXT)
_QUANTITY_PART: Final = rf"{NUMBER_TEXT}\s*{UNIT_TEXT}(?:{_PER_DAY_PLAIN})?"
_LEADING_NUMBER: Final = LazyPattern(r"^\s*[+\-\u2212]?[\d.,]")
_SPLIT_FRONT: Final = LazyPattern(
    rf"^\s*(?P<q>{_QUANTITY_PART})(?:\s+(?:of\s+)?|(?=[(\[,;:])|$)(?P<rest>.*)$",
    re.DOTALL,
)
_SPLIT_BACK: Final = LazyPattern(
    rf"^(?P<rest>.*?)[\s,:;]+(?P<q>{_QUANTITY_PART})\s*$",
    re.DOTALL,
)
# "… MK-7 daily", "… menatetrenone, per day": a per-day phrase after the vitamer.
_TRAILING_PER_DAY: Final = LazyPattern(
    r"^(?P<body>.*?)[\s,]+(?:once\s+)?(?:daily|per\s+day|a\s+day|each\s+day|every\s+day)\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# "… 100 mcg 83%": a label line's %DV or %NRV after the amount.
_TRAILING_PERCENT: Final = LazyPattern(r"(?:^|\s)(?P<p>(?:<\s*)?\d[\d.,]*\s*%)\s*$")
#: Inputs longer than this are parsed without being cached, so the cache stays small.
_CACHE_TEXT_LIMIT: Final = 120


def _split(text: str) -> tuple[str, str]:
    """Split ``"100 mcg MK-7"`` (or ``"MK-7 100 mcg"``) into quantity and vitamer text."""
    if _LEADING_NUMBER.match(text):
        m = _SPLIT_FRONT.match(text)
        if m is not None:
            return m.group("q"), m.group("rest").strip(" ,;:")
        return text, ""
    m = _SPLIT_BACK.match(text)
    if m is not None:
        return m.group("q"), m.group("rest").strip(" ,;:")
    return "", text.strip()


def has_amount_text(text: str) -> bool:
    """Whether a dose text has a quantity part at all (``"100 µg MK-7"``, not ``"MK-99"``).

    For a caller that takes a vitamer name alone as well as a dose: when a text that is not a
    known vitamer has no amount either, the unknown vitamer is the problem to report.

    >>> has_amount_text("100 µg/day MK-7"), has_amount_text("MK-99"), has_amount_text("x" * 9999)
    (True, False, False)
    """
    try:
        norm = prepare_text(text).strip()
    except Vitk2Error:
        return False
    return bool(_split(_without_per_day_words(norm)[0])[0])


def _without_per_day_words(norm: str) -> tuple[str, bool]:
    """*norm* without trailing "daily"/"per day" words, and whether it had them."""
    trailing = _TRAILING_PER_DAY.match(norm)
    if trailing is None:
        return norm, False
    return trailing.group("body").strip(), True


def _parse(
    text: str, default: Vitamer | None, decimal: Decimal_ | None = None
) -> tuple[Vitamer, ParsedQuantity]:
    check_decimal(decimal)
    if len(text) <= _CACHE_TEXT_LIMIT:
        return _parse_cached(text, default, decimal)
    return _parse_uncached(text, default, decimal)


def _parse_uncached(
    text: str, default: Vitamer | None, decimal: Decimal_ | None
) -> tuple[Vitamer, ParsedQuantity]:
    norm = prepare_text(text).strip()
    if not norm:
        msg = "'' is empty; give an amount such as '100 µg MK-7'"
        raise UnitParseError(msg)
    special = NON_FINITE.match(norm)
    if special is not None:
        msg = f"{text!r}: an amount must be a finite number, not {special.group(1)!r}"
        raise InvalidAmountError(msg)
    check_frequency_words(norm, text)
    norm, per_day_words = _without_per_day_words(norm)
    q_text, v_text = _split(norm)
    if not q_text:
        msg = _percent_hint(text, norm) or (
            f"{text!r} has no amount; expected e.g. '100 µg MK-7' or '45 mg menatetrenone'"
        )
        raise UnitParseError(msg)
    try:
        parsed = read_prepared_text(q_text, q_text, decimal=decimal)
    except (UnitParseError, InvalidAmountError) as exc:
        if q_text == norm:
            raise
        raise type(exc)(f"in {text!r}: {exc}") from None
    if per_day_words and not parsed.per_day:
        parsed = parsed._replace(per_day=True)
    v = _parsed_vitamer(text, v_text, default, norm)
    _check_nonnegative(_from_parsed(v, parsed), f"in {text!r}")
    return v, parsed


def _parsed_vitamer(text: str, v_text: str, default: Vitamer | None, norm: str) -> Vitamer:
    """The vitamer a dose names (or *default*), refusing a conflict or junk after a name."""
    if v_text:
        try:
            v = vitamer(v_text)
        except NotFoundError as exc:
            hint = _percent_hint(text, norm)
            if not hint and isinstance(exc, UnknownVitamerError):
                _refuse_leftover(text, v_text)
            raise type(exc)(hint or f"in {text!r}: {exc}") from None
        if default is not None and v != default:
            msg = f"{text!r} names {v.key}, but vitamer={default.key} was given"
            raise IncompatibleVitamersError(msg)
    elif default is not None:
        v = default
    else:
        msg = (
            f"{text!r} does not say which vitamer; write e.g. '{norm} MK-7', "
            "or pass vitamer='MK-7'"
        )
        raise UnknownVitamerError(msg)
    return v


def _refuse_leftover(text: str, v_text: str) -> None:
    """Refuse a valid vitamer name with text before or after it (``"MK-7 100 µg"``).

    Without this, the whole leftover would be matched against vitamer names, and a close match
    to the junk (``did you mean 'MK-10'?``) would be suggested.
    """
    words = v_text.split()
    for n in range(len(words) - 1, 0, -1):
        for name, rest, where in (
            (" ".join(words[:n]), " ".join(words[n:]), "after"),
            (" ".join(words[-n:]), " ".join(words[:-n]), "before"),
        ):
            try:
                v = vitamer(name)
            except NotFoundError:
                continue
            named = v.key if name == v.key else f"{v.key} ({name!r})"
            msg = (
                f"in {text!r}: {rest!r} is left over {where} the vitamer {named}; "
                f"a dose is one amount and one vitamer, such as '100 µg {v.key}'"
            )
            raise UnknownVitamerError(msg)  # the class the whole leftover would have raised


_parse_cached: Final = lru_cache(maxsize=4096)(_parse_uncached)


def _percent_hint(text: str, norm: str) -> str | None:
    """What is wrong with a label line given as an amount: its trailing %DV or %NRV."""
    m = _TRAILING_PERCENT.search(norm)
    if m is None:
        return None
    return (
        f"{text!r} ends in a percentage ({m.group('p')!r}); an amount is a number, a unit and "
        "a vitamer, such as '100 µg MK-7'; to check a label line with its %DV or %NRV, "
        "use read_label()"
    )


def _text_arg(text: object, fn: str, example: str) -> str:
    if not isinstance(text, str):
        msg = f"{fn}() takes a string such as {example!r}, not {brief(text)}"
        raise UnitParseError(msg)
    return text


def parse_amount(
    text: str, *, vitamer: Vitamer | str | None = None, decimal: Decimal_ | None = None
) -> Amount:
    """Read an amount as people write it on labels and in papers.

    *decimal* says how the text writes numbers: ``"."`` (``1,000.5 mcg``, US/UK labels) or
    ``","`` (``37,5 µg``, EU labels).  Without it, a comma is read only where it cannot mean
    anything else, and ``1,000`` is refused as ambiguous.

    >>> parse_amount("100 mcg MK-7")
    Amount('MK-7', '100 µg')
    >>> parse_amount("45mg menatetrenone")
    Amount('MK-4', '45 mg')
    >>> parse_amount("0.1 mg vitamin K2 (MK-7)") == parse_amount("100 µg", vitamer="MK-7")
    True
    >>> parse_amount("1e2 ug MK-7"), parse_amount("½ mg K1")
    (Amount('MK-7', '100 µg'), Amount('K1', '500 µg'))
    >>> parse_amount("1,000 mcg MK-7", decimal=".")
    Amount('MK-7', '1 mg')
    >>> parse_amount("100 IU vitamin K1")
    Traceback (most recent call last):
    ...
    vitk2.NoInternationalUnitError: in '100 IU vitamin K1': '100 IU': vitamin K has no ...
    """
    text = _text_arg(text, "parse_amount", "100 µg MK-7")
    default = None if vitamer is None else _vitamer(vitamer)
    v, parsed = _parse(text, default, decimal)
    if parsed.per_day:
        msg = f"{text!r} is an amount per day; use parse_daily_dose() or parse_dose()"
        raise UnitParseError(msg)
    return Amount.from_micrograms(v, _from_parsed(v, parsed))


def parse_daily_dose(
    text: str, *, vitamer: Vitamer | str | None = None, decimal: Decimal_ | None = None
) -> DailyDose:
    """Read a daily dose: ``"180 µg/day MK-7"``, ``"100 µg MK-7 daily"``, ``"45 mg per day MK-4"``.

    Per-day words: ``/day``, ``/d``, ``per day``, ``a day``, ``daily``, ``once daily``.
    ``qd`` is refused: it is on the Joint Commission's "Do Not Use" list.

    >>> parse_daily_dose("180 µg/day MK-7")
    DailyDose('MK-7', '180 µg/day')
    >>> parse_daily_dose("100 µg MK-7 daily")
    DailyDose('MK-7', '100 µg/day')
    >>> parse_daily_dose("mk7 90 mcg/d").micrograms_per_day
    Fraction(90, 1)
    """
    text = _text_arg(text, "parse_daily_dose", "180 µg/day MK-7")
    default = None if vitamer is None else _vitamer(vitamer)
    v, parsed = _parse(text, default, decimal)
    if not parsed.per_day:
        msg = f"{text!r} is an amount, not an amount per day; write e.g. '180 µg/day MK-7'"
        raise UnitParseError(msg)
    return DailyDose.from_micrograms_per_day(v, _from_parsed(v, parsed))


def parse_dose(
    text: str, *, vitamer: Vitamer | str | None = None, decimal: Decimal_ | None = None
) -> Amount | DailyDose:
    """Read label text that may or may not say "per day": a DailyDose if it does, else an Amount.

    >>> parse_dose("180 mcg/d MK-7")
    DailyDose('MK-7', '180 µg/day')
    >>> parse_dose("15 mg menatetrenone")
    Amount('MK-4', '15 mg')
    """
    text = _text_arg(text, "parse_dose", "180 µg/day MK-7")
    default = None if vitamer is None else _vitamer(vitamer)
    v, parsed = _parse(text, default, decimal)
    micrograms = _from_parsed(v, parsed)
    if parsed.per_day:
        return DailyDose.from_micrograms_per_day(v, micrograms)
    return Amount.from_micrograms(v, micrograms)


# --- across vitamers, explicitly ---------------------------------------------------------


@final
@attrs.frozen
class Comparison:
    """How two amounts of (possibly) different vitamers compare, by mass or by moles.

    ``ratio`` is first ÷ second, exactly.

    >>> c = compare(Amount("MK-4", "100 µg"), Amount("MK-7", "100 µg"), by="moles")
    >>> str(c)
    '100 µg MK-4 is 1.46 times 100 µg MK-7 by moles'
    >>> c.ratio
    Fraction(649016, 444659)
    """

    first: Amount | DailyDose
    second: Amount | DailyDose
    by: Basis
    ratio: Fraction

    def __str__(self) -> str:
        """One sentence: how many times larger the first is."""
        return format(self, "")

    def __format__(self, spec: str) -> str:
        """``str()``, or with ``"human"`` the two amounts as people read them (``≈143 µg``)."""
        spec = text_spec(spec, "a comparison")
        rel = "equal to" if self.ratio == 1 else f"{float(self.ratio):.3g} times"
        return f"{self.first:{spec}} is {rel} {self.second:{spec}} by {self.by}"

    @property
    def larger(self) -> Amount | DailyDose | None:
        """The larger of the two on this basis, or ``None`` if they are equal."""
        if self.ratio == 1:
            return None
        return self.first if self.ratio > 1 else self.second


def _basis_value(x: Amount | DailyDose, by: Basis) -> Fraction:
    if by == "mass":
        return x.micrograms
    return x.micrograms * 1000 / x.vitamer.molar_mass_g_per_mol


def _check_basis(by: object) -> Basis:
    if by == "mass":
        return "mass"
    if by == "moles":
        return "moles"
    msg = f"by={by!r}: choose 'mass' or 'moles'"
    raise UnitParseError(msg)


@overload
def compare(first: Amount, second: Amount, *, by: Basis) -> Comparison: ...
@overload
def compare(first: DailyDose, second: DailyDose, *, by: Basis) -> Comparison: ...
def compare(first: Amount | DailyDose, second: Amount | DailyDose, *, by: Basis) -> Comparison:
    """Compare two amounts (or two daily doses) of any vitamers, by mass or by moles.

    An amount and a daily dose are not compared (a type checker says so too).
    """
    basis = _check_basis(by)
    for x in (first, second):
        if not isinstance(x, Amount | DailyDose):
            msg = f"compare() takes Amounts or DailyDoses, not {x!r}"
            raise UnitParseError(msg)
    if type(first) is not type(second):
        msg = f"cannot compare {first} with {second}: an amount is not a daily dose"
        raise IncompatibleVitamersError(msg)
    b = _basis_value(second, basis)
    if b == 0:
        msg = f"cannot compare against zero {second}"
        raise InvalidAmountError(msg)
    return Comparison(first, second, basis, _basis_value(first, basis) / b)


def total(amounts: Iterable[Amount], *, by: Basis) -> PlainQuantity[Any]:
    """Total of amounts of any vitamers, by mass (µg) or by moles (nmol).

    Summed exactly, returned as a pint quantity with a float magnitude (for the exact sum,
    add ``x.micrograms`` or ``x.in_units("nmol")``).

    >>> total([Amount("MK-4", "100 µg"), Amount("MK-7", "100 µg")], by="mass")
    <Quantity(200, 'microgram')>
    """
    basis = _check_basis(by)
    if isinstance(amounts, str | bytes) or not hasattr(amounts, "__iter__"):
        msg = f"total() takes an iterable of Amounts, not {amounts!r}"
        raise UnitParseError(msg)
    items = list(amounts)
    for x in items:
        if not isinstance(x, Amount):
            msg = f"total() takes Amounts, not {x!r}"
            raise UnitParseError(msg)
    value = sum((_basis_value(x, basis) for x in items), Fraction(0))
    return quantity(value, "ug" if basis == "mass" else "nmol")
