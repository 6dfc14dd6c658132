"""The units policy of vitk2, in one module.

* Quantities live on pint's *application registry*.  vitk2 never builds a registry of its own
  and never ``define()``s anything on the shared one; it only needs grams, moles and days, which
  every pint registry has.
* Nothing pint-related is cached at import.  Unit objects are cached per registry (keyed by the
  registry's identity), so a user who swaps the application registry with
  :func:`pint.set_application_registry` gets quantities on the new one.
* Quantities from any registry are accepted at the public boundary: vitk2 reads them through
  the public ``to_tuple()`` API and converts with exact factors of its own, never through
  floating-point conversion factors.
* Magnitudes are exact: :class:`fractions.Fraction`.  A float is read as the decimal it prints as
  (``0.1`` is one tenth), which is what a person typing it meant.
* A bare number is never an amount.  ``IU`` is refused with its own error, because vitamin K has
  no International Unit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from numbers import Rational
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, final

import pint

from vitk2._errors import (
    BareNumberError,
    DimensionError,
    InvalidAmountError,
    NoInternationalUnitError,
    UnitParseError,
)

if TYPE_CHECKING:
    from pint.facets.plain import PlainQuantity, PlainUnit

__all__ = [
    "ACCEPTED_MASS_UNITS",
    "ACCEPTED_SUBSTANCE_UNITS",
    "Dimension",
    "LazyPattern",
    "ParsedQuantity",
    "UnitSpec",
    "exact_magnitude",
    "format_number",
    "parse_number",
    "quantity",
    "read_quantity",
    "unit_spec",
]

Dimension = Literal["mass", "substance"]


@final
class LazyPattern:
    """A regular expression compiled on first use rather than at ``import vitk2``.

    Import time is part of vitk2's budget (it must stay close to ``import pint`` alone), and
    most programs use only a few of the patterns.
    """

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        """Remember the pattern; compile nothing yet."""
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once, on first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.match`."""
        return self.compiled.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.search`."""
        return self.compiled.search(text)


class UnitSpec(NamedTuple):
    """One unit vitk2 knows, with its exact factor to the dimension's base.

    The base is the microgram for mass and the nanomole for amount of substance.
    """

    code: str
    """UCUM code, also vitk2's canonical id (``ug``, ``mg``, ``nmol`` …)."""
    symbol: str
    """Symbol for people (``µg``)."""
    pint_name: str
    dimension: Dimension
    factor: Fraction


_SPECS: Final[tuple[UnitSpec, ...]] = (
    UnitSpec("pg", "pg", "picogram", "mass", Fraction(1, 1_000_000)),
    UnitSpec("ng", "ng", "nanogram", "mass", Fraction(1, 1000)),
    UnitSpec("ug", "µg", "microgram", "mass", Fraction(1)),
    UnitSpec("mg", "mg", "milligram", "mass", Fraction(1000)),
    UnitSpec("g", "g", "gram", "mass", Fraction(1_000_000)),
    UnitSpec("kg", "kg", "kilogram", "mass", Fraction(1_000_000_000)),
    UnitSpec("pmol", "pmol", "picomole", "substance", Fraction(1, 1000)),
    UnitSpec("nmol", "nmol", "nanomole", "substance", Fraction(1)),
    UnitSpec("umol", "µmol", "micromole", "substance", Fraction(1000)),
    UnitSpec("mmol", "mmol", "millimole", "substance", Fraction(1_000_000)),
    UnitSpec("mol", "mol", "mole", "substance", Fraction(1_000_000_000)),
)
_BY_CODE: Final[Mapping[str, UnitSpec]] = {s.code: s for s in _SPECS}
_BY_PINT_NAME: Final[Mapping[str, UnitSpec]] = {s.pint_name: s for s in _SPECS}

# Symbols are matched case-sensitively, in lower case or (as on labels) all upper case:
# ``MG`` is a milligram, ``Mg`` is magnesium and refused.  Words match in any case.
_MICRO: Final = ("µ", "μ", "u", "mc")
_SYMBOLS: Final[Mapping[str, str]] = {
    "pg": "pg",
    "ng": "ng",
    **{f"{m}g": "ug" for m in _MICRO},
    "mg": "mg",
    "g": "g",
    "kg": "kg",
    "pmol": "pmol",
    "nmol": "nmol",
    **{f"{m}mol": "umol" for m in _MICRO},
    "mmol": "mmol",
    "mol": "mol",
}
_WORDS: Final[Mapping[str, str]] = {
    "picogram": "pg",
    "nanogram": "ng",
    "microgram": "ug",
    "milligram": "mg",
    "gram": "g",
    "kilogram": "kg",
    "picomole": "pmol",
    "nanomole": "nmol",
    "micromole": "umol",
    "millimole": "mmol",
    "mole": "mol",
}
_IU: Final = frozenset(
    {"iu", "i.u.", "ui", "u.i.", "ie", "i.e.", "internationalunit", "internationalunits"}
)

ACCEPTED_MASS_UNITS: Final = "pg, ng, µg (also μg, ug, mcg, microgram), mg, g, kg"
ACCEPTED_SUBSTANCE_UNITS: Final = "pmol, nmol, µmol (also μmol, umol), mmol, mol"

# Time units for rates, as the exact number of days.
_DAYS: Final[Mapping[str, Fraction]] = {
    "day": Fraction(1),
    "hour": Fraction(1, 24),
    "minute": Fraction(1, 1440),
    "second": Fraction(1, 86400),
    "week": Fraction(7),
}

_NUMBER: Final = LazyPattern(
    r"[+\-]?(?:\d+/\d+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\-]?\d+)?)"
)
_MAX_EXPONENT: Final = 30


def unit_spec(text: str) -> UnitSpec:
    """Return the unit named by *text*, in any of the spellings vitk2 accepts.

    >>> unit_spec("mcg").code
    'ug'
    >>> unit_spec("MG").code
    'mg'
    >>> unit_spec("Mg")
    Traceback (most recent call last):
    ...
    vitk2.UnitParseError: 'Mg' is not a unit vitk2 accepts...
    """
    if not isinstance(text, str):
        raise _unknown_unit(repr(text))
    spec = _lookup_unit(text)
    if spec is None:
        raise _unknown_unit(text)
    return spec


@lru_cache(maxsize=1024)
def _lookup_unit(text: str) -> UnitSpec | None:
    token = unicodedata.normalize("NFKC", text).strip()
    lower = token.lower()
    if lower.replace(" ", "") in _IU:
        raise NoInternationalUnitError(_iu_message(text))
    if token in _SYMBOLS or (token == token.upper() and lower in _SYMBOLS):
        return _BY_CODE[_SYMBOLS[lower]]
    word = lower.removesuffix("s") if len(lower) > 3 else lower
    if word in _WORDS:
        return _BY_CODE[_WORDS[word]]
    if token in _BY_CODE:
        return _BY_CODE[token]
    return None


def _iu_message(value: object) -> str:
    return (
        f"{value!r}: vitamin K has no International Unit (IU); give the amount by mass "
        f"({ACCEPTED_MASS_UNITS}) or by moles ({ACCEPTED_SUBSTANCE_UNITS})"
    )


def _unknown_unit(text: str, whole: str | None = None) -> UnitParseError:
    prefix = f"{whole!r}: " if whole is not None and whole != text else ""
    return UnitParseError(
        f"{prefix}{text!r} is not a unit vitk2 accepts; use a mass ({ACCEPTED_MASS_UNITS}) "
        f"or an amount of substance ({ACCEPTED_SUBSTANCE_UNITS}); symbols are lower case "
        "or all upper case (MG, not Mg)"
    )


def parse_number(text: str, *, original: object | None = None) -> Fraction:
    """Read a decimal or ``a/b`` number exactly.

    >>> parse_number("0.1")
    Fraction(1, 10)
    >>> parse_number("1000/3")
    Fraction(1000, 3)
    """
    shown = text if original is None else original
    t = text.strip().replace("\u2212", "-")
    if not _NUMBER.fullmatch(t):
        if t.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            msg = f"{shown!r}: an amount must be a finite number, not {t!r}"
            raise InvalidAmountError(msg)
        if "," in t:
            msg = f"{shown!r}: write numbers with a decimal point and no thousands separator"
            raise UnitParseError(msg)
        msg = f"{shown!r}: {t!r} is not a number (expected e.g. 100, 0.1, 1e3 or 1000/3)"
        raise UnitParseError(msg)
    mantissa, _, exponent = t.lower().partition("e")
    if exponent and abs(int(exponent)) > _MAX_EXPONENT:
        msg = f"{shown!r}: exponent {exponent} is out of range (at most ±{_MAX_EXPONENT})"
        raise UnitParseError(msg)
    _, slash, den = mantissa.partition("/")
    if slash and int(den) == 0:
        msg = f"{shown!r}: division by zero in {t!r}"
        raise UnitParseError(msg)
    return Fraction(t)


def exact_magnitude(value: object, *, what: object | None = None) -> Fraction:
    """Turn a number into an exact :class:`~fractions.Fraction`, refusing NaN and infinities.

    Floats are read as the decimal they print as.

    >>> exact_magnitude(0.1)
    Fraction(1, 10)
    """
    shown = value if what is None else what
    if isinstance(value, bool):
        msg = f"{shown!r}: a boolean is not a magnitude"
        raise UnitParseError(msg)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            msg = f"{shown!r}: an amount must be a finite number, not {value!r}"
            raise InvalidAmountError(msg)
        if isinstance(value, Decimal):
            return Fraction(value)
        return Fraction(repr(value))
    # NumPy scalars and other numeric types: go through their own float or int.
    for convert in (int, float):
        try:
            as_number = convert(value)  # type: ignore[call-overload,arg-type]
        except (TypeError, ValueError, OverflowError):
            continue
        if as_number == value:
            return exact_magnitude(as_number, what=shown)
    msg = f"{shown!r} is not a number vitk2 can use as a magnitude"
    raise UnitParseError(msg)


def format_number(value: Fraction) -> str:
    """Print a Fraction exactly: as a decimal if it terminates, else as ``a/b``.

    >>> format_number(Fraction(45, 2))
    '22.5'
    >>> format_number(Fraction(1000, 3))
    '1000/3'
    """
    num, den = value.numerator, value.denominator
    if den == 1:
        return str(num)
    d, twos, fives = den, 0, 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{num}/{den}"
    places = max(twos, fives)
    scaled = abs(num) * 10**places // den
    sign = "-" if num < 0 else ""
    digits = str(scaled).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}".rstrip("0").rstrip(".")


class ParsedQuantity(NamedTuple):
    """An exact reading of a quantity: magnitude in the dimension's base, and per-day flag."""

    value: Fraction
    """In µg (mass) or nmol (substance); per day if ``per_day``."""
    dimension: Dimension
    per_day: bool
    unit: UnitSpec
    """The unit the quantity was written in (its numerator, for rates)."""


_QUANTITY_TEXT: Final = LazyPattern(
    r"""^\s*(?P<num>[^\sA-Za-zµμΜ]+?)\s*(?P<unit>[A-Za-zµμΜ.]+)
        (?:\s*(?P<per>/\s*(?P<per_unit>[A-Za-z]+)|\s+per\s+(?P<per_word>[A-Za-z]+)
           |\s+a\s+day|\s+daily))?\s*$""",
    re.VERBOSE,
)
_NON_FINITE: Final = LazyPattern(r"^[+\-\u2212]?(nan|inf(?:inity)?)\b", re.IGNORECASE)
_IU_TEXT: Final = LazyPattern(
    r"(?:^|[\d\s])(?:iu|i\.u\.?|international\s+units?)(?:$|[\s/])", re.IGNORECASE
)
_DAY_WORDS: Final = frozenset({"d", "day", "days"})


def split_quantity_text(text: str, *, original: str | None = None) -> tuple[str, str, bool] | None:
    """Split ``"180 µg/day"`` into number, unit and per-day flag; ``None`` if not that shape."""
    m = _QUANTITY_TEXT.match(text)
    if m is None:
        return None
    per_unit = m.group("per_unit") or m.group("per_word")
    per_day = m.group("per") is not None or m.group(0).rstrip().lower().endswith(("a day", "daily"))
    if per_unit is not None:
        if per_unit.lower() not in _DAY_WORDS or (
            per_unit != per_unit.lower() and per_unit != per_unit.upper()
        ):
            shown = text if original is None else original
            msg = f"{shown!r}: only per-day rates are accepted (µg/day, mcg/d, mg per day)"
            raise UnitParseError(msg)
        per_day = True
    return m.group("num"), m.group("unit"), per_day


def read_quantity(value: object, *, what: str = "amount") -> ParsedQuantity:
    """Read a string or a pint quantity (from any registry) exactly.

    Accepts masses, amounts of substance, and either of them per day.

    >>> read_quantity("180 mcg/d")
    ParsedQuantity(value=Fraction(180, 1), dimension='mass', per_day=True, unit=...)
    >>> read_quantity(90)
    Traceback (most recent call last):
    ...
    vitk2.BareNumberError: 90 is a bare number...
    """
    if isinstance(value, str):
        return _read_text(value, what=what)
    if isinstance(value, pint.Quantity) or _looks_like_quantity(value):
        return _read_pint(value)
    if isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
        msg = (
            f"{value!r} is a bare number, and vitk2 never guesses µg or mg; "
            f"give the {what} with a unit, e.g. '{value} µg'"
        )
        raise BareNumberError(msg)
    msg = f"{value!r} is not an {what}; give a string such as '100 µg' or a pint quantity"
    raise UnitParseError(msg)


def _looks_like_quantity(value: object) -> bool:
    return hasattr(value, "to_tuple") and hasattr(value, "_REGISTRY")


def _read_text(text: str, *, what: str) -> ParsedQuantity:
    norm = unicodedata.normalize("NFKC", text).strip()
    if not norm:
        msg = f"{text!r} is empty; give an {what} such as '100 µg'"
        raise UnitParseError(msg)
    if _IU_TEXT.search(norm):
        raise NoInternationalUnitError(_iu_message(text))
    parts = split_quantity_text(norm, original=text)
    special = _NON_FINITE.match(norm)
    if special is not None:
        msg = f"{text!r}: an amount must be a finite number, not {special.group(1)!r}"
        raise InvalidAmountError(msg)
    if parts is None:
        try:
            parse_number(norm, original=text)
        except InvalidAmountError:
            raise
        except UnitParseError:
            pass
        else:
            msg = (
                f"{text!r} is a bare number, and vitk2 never guesses µg or mg; "
                f"give the {what} with a unit, e.g. '{norm} µg'"
            )
            raise BareNumberError(msg)
        msg = (
            f"{text!r} is not an {what}; expected a number and a unit such as '100 µg', "
            f"'0.1 mg', '180 mcg/day' or '277 nmol'"
        )
        raise UnitParseError(msg)
    num, unit_text, per_day = parts
    try:
        spec = _lookup_unit(unit_text)
    except NoInternationalUnitError:
        raise NoInternationalUnitError(_iu_message(text)) from None
    if spec is None:
        if _looks_like_other_dimension(unit_text):
            msg = (
                f"{text!r}: {unit_text!r} is not a mass or an amount of substance; "
                f"vitamin K amounts are given in {ACCEPTED_MASS_UNITS} "
                f"or {ACCEPTED_SUBSTANCE_UNITS}"
            )
            raise DimensionError(msg)
        raise _unknown_unit(unit_text, text)
    magnitude = parse_number(num, original=text)
    _check_sign(magnitude, text)
    return ParsedQuantity(magnitude * spec.factor, spec.dimension, per_day, spec)


_OTHER_DIMENSIONS: Final = frozenset(
    {"ml", "l", "dl", "cl", "ul", "µl", "μl", "mcl", "tsp", "tbsp", "cup", "cups", "oz", "floz",
     "m", "cm", "mm", "h", "hr", "min", "s", "kcal", "cal", "kj", "%", "ppm"}
)


def _looks_like_other_dimension(unit_text: str) -> bool:
    return unit_text.lower().replace(".", "") in _OTHER_DIMENSIONS


def _check_sign(value: Fraction, shown: object) -> None:
    if value < 0:
        msg = f"{shown!r}: an amount cannot be negative"
        raise InvalidAmountError(msg)


def _read_pint(q: Any) -> ParsedQuantity:
    try:
        magnitude, units = q.to_tuple()
    except Exception as exc:  # a broken quantity-like object
        msg = f"{q!r} is not a pint quantity vitk2 can read"
        raise UnitParseError(msg) from exc
    if not isinstance(magnitude, int | float | Fraction | Decimal) or isinstance(magnitude, bool):
        try:
            magnitude = exact_magnitude(magnitude, what=q)
        except UnitParseError:
            msg = f"{q!r}: only scalar quantities are accepted here, not arrays"
            raise UnitParseError(msg) from None
    value = exact_magnitude(magnitude, what=q)
    dims = dict(units)
    numer = [(name, exp) for name, exp in dims.items() if exp > 0]
    denom = [(name, exp) for name, exp in dims.items() if exp < 0]
    per_day = False
    factor: Fraction | None = None
    spec: UnitSpec | None = None
    if len(numer) == 1 and numer[0][1] == 1 and numer[0][0] in _BY_PINT_NAME:
        spec = _BY_PINT_NAME[numer[0][0]]
        factor = spec.factor
        if not denom:
            per_day = False
        elif len(denom) == 1 and denom[0][1] == -1 and denom[0][0] in _DAYS:
            per_day = True
            factor = factor / _DAYS[denom[0][0]]
        else:
            factor = None
    if factor is None or spec is None:
        return _read_pint_slow(q, value)
    _check_sign(value, q)
    return ParsedQuantity(value * factor, spec.dimension, per_day, spec)


def app_registry() -> Any:
    """Pint's application registry wrapper (typed loosely: pint's own annotations are partial)."""
    return pint.get_application_registry()  # type: ignore[no-untyped-call]


def _read_pint_slow(q: Any, value: Fraction) -> ParsedQuantity:
    """Units vitk2 has no exact table for (pounds, grains, µg/week …): convert through pint.

    The conversion factor is pint's float, rounded to 15 significant digits, which recovers
    every exactly-defined factor.
    """
    reg = app_registry()
    try:
        mine = reg.Quantity.from_tuple((1, q.to_tuple()[1]))
    except pint.errors.UndefinedUnitError as exc:
        msg = f"{q!r}: its unit is not defined in pint's application registry"
        raise UnitParseError(msg) from exc
    for dimension, base, per_day in (
        ("mass", "microgram", False),
        ("substance", "nanomole", False),
        ("mass", "microgram / day", True),
        ("substance", "nanomole / day", True),
    ):
        if mine.check(reg.Quantity(1, base).dimensionality):
            factor = Fraction(f"{float(mine.to(base).magnitude):.15g}")
            _check_sign(value, q)
            code = "ug" if dimension == "mass" else "nmol"
            return ParsedQuantity(value * factor, dimension, per_day, _BY_CODE[code])  # type: ignore[arg-type]
    msg = (
        f"{q!r} has dimension {mine.dimensionality}, not a mass or an amount of substance "
        f"(or either per day); vitamin K amounts are given in {ACCEPTED_MASS_UNITS}"
    )
    raise DimensionError(msg)


@cache
def _units_of(reg: Any, code: str) -> PlainUnit:
    # Keyed by the registry object itself (held by the cache, so its id cannot be reused).
    pint_name = _BY_CODE[code].pint_name if code in _BY_CODE else code
    try:
        unit: PlainUnit = reg.Unit(pint_name)
    except pint.errors.PintError as exc:
        msg = (
            f"pint's application registry does not define {pint_name!r}; vitk2 needs a registry "
            "with pint's default definitions (grams, moles, days)"
        )
        raise UnitParseError(msg) from exc
    return unit


def quantity(value: Fraction, code: str) -> PlainQuantity[Any]:
    """Build a quantity on the current application registry from an exact magnitude.

    *code* is a vitk2 unit code (``"ug"``, ``"nmol"``) or a pint unit expression
    (``"microgram / day"``).
    """
    reg = app_registry().get()
    unit = _units_of(reg, code)
    return reg.Quantity(value, unit)  # type: ignore[no-any-return]
