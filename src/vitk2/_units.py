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
import sys
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from numbers import Rational
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, final

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
    "show_number",
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
MAX_TEXT_LENGTH: Final = 500
"""The longest text vitk2 reads as an amount, a unit or a name (a label line is far shorter)."""
MAX_DIGITS: Final = 400
"""The most digits a written number may have (a dose needs a handful)."""

Decimal_ = Literal[".", ","]
"""The decimal separator convention: ``"."`` (US/UK: ``1,000.5``) or ``","`` (EU: ``1.000,5``)."""

# Unicode vulgar fractions, read before NFKC (which would turn "1½" into the misleading "11⁄2").
_VULGAR: Final[Mapping[str, Fraction]] = {
    "½": Fraction(1, 2), "⅓": Fraction(1, 3), "⅔": Fraction(2, 3), "¼": Fraction(1, 4),
    "¾": Fraction(3, 4), "⅕": Fraction(1, 5), "⅖": Fraction(2, 5), "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5), "⅙": Fraction(1, 6), "⅚": Fraction(5, 6), "⅐": Fraction(1, 7),
    "⅛": Fraction(1, 8), "⅜": Fraction(3, 8), "⅝": Fraction(5, 8), "⅞": Fraction(7, 8),
    "⅑": Fraction(1, 9), "⅒": Fraction(1, 10),
}
_VULGAR_TEXT: Final = LazyPattern(r"(?<![\w.,/\-])(\d+)?[ \u00a0]?([½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])(?![\d/⁄])")
# A fraction slash between the digits of a number (not inside a name such as "MK-1⁄2").
_FRACTION_SLASH: Final = LazyPattern(r"(?<![\w.,/\-])(\d+)\s*[⁄∕]\s*(?=\d)")


def prepare_text(text: str, *, shown: object | None = None, what: str = "amount") -> str:
    """Check and normalise user text before any parsing; the one gate every parser uses.

    * longer than :data:`MAX_TEXT_LENGTH` characters: refused (a clear error, not a slow parse);
    * a digit that is not ASCII ``0``–``9`` (superscripts ², circled ①, Arabic-Indic ٣,
      full-width １, …) is refused *before* Unicode normalisation, which would otherwise fold
      ``1²`` into ``12``: vitk2 reads digits only where it cannot misread them;
    * Unicode vulgar fractions (``½``, ``1½``, ``1 ½``) become exact ``a/b`` numbers;
    * then NFKC (so ``µ``/``μ``, full-width letters and no-break spaces read as people mean).

    >>> prepare_text("1½ mg K1")
    '3/2 mg K1'
    >>> prepare_text("1² mg K1")
    Traceback (most recent call last):
    ...
    vitk2.UnitParseError: '1² mg K1': '²' (superscript two) is not a digit vitk2 reads; ...
    """
    original = text if shown is None else shown
    if len(text) > MAX_TEXT_LENGTH:
        msg = (
            f"{text[:40]!r}… is {len(text):,} characters long; an {what} is at most "
            f"{MAX_TEXT_LENGTH} characters"
        )
        raise UnitParseError(msg)
    if not text.isascii():
        for ch in text:
            if ch.isascii() or ch in _VULGAR:
                continue
            if unicodedata.numeric(ch, None) is not None:
                name = unicodedata.name(ch, "a non-ASCII digit").lower()
                msg = (
                    f"{original!r}: {ch!r} ({name}) is not a digit vitk2 reads; write numbers "
                    "with the ASCII digits 0-9 (a fraction may be written ½ or 1/2)"
                )
                raise UnitParseError(msg)
        text = _VULGAR_TEXT.compiled.sub(_vulgar_to_ascii, text)
        stray = next((ch for ch in text if ch in _VULGAR), None)
        if stray is not None:
            name = unicodedata.name(stray).lower()
            msg = (
                f"{original!r}: {stray!r} ({name}, U+{ord(stray):04X}) must stand alone or "
                "follow a whole number, as in '½ mg' or '1½ mg'"
            )
            raise UnitParseError(msg)
        text = unicodedata.normalize("NFKC", text)
        text = _FRACTION_SLASH.compiled.sub(r"\1/", text)
    return text


def _vulgar_to_ascii(m: re.Match[str]) -> str:
    whole = Fraction(int(m.group(1))) if m.group(1) else Fraction(0)
    value = whole + _VULGAR[m.group(2)]
    return f"{value.numerator}/{value.denominator}"


def _separators(t: str, decimal: Decimal_ | None, shown: object) -> str:
    """Remove thousands separators and make the decimal separator a point, by convention.

    With no convention, a comma is read only where it cannot be anything else (``37,5`` is a
    decimal comma, ``1,000,000`` and ``1,000.5`` group thousands); ``1,000`` could be either
    and is refused.
    """
    mantissa, e, exponent = t.partition("e") if "e" in t else t.partition("E")
    if "," not in mantissa and decimal != ",":
        return t
    sign = mantissa[:1] if mantissa[:1] in "+-" else ""
    body = mantissa[len(sign):]
    if decimal is None:
        if "." in body and "," in body:
            decimal = "." if body.rfind(".") > body.rfind(",") else ","
        elif body.count(",") > 1:
            decimal = "."
        else:
            head, _, tail = body.partition(",")
            if len(tail) == 3 and head not in {"", "0"}:
                msg = (
                    f"{brief(shown)}: {brief(t)} could be {head}{tail} (a thousands comma) or "
                    f"{head}.{tail} (a decimal comma); write {head}{tail} or {head}.{tail}, "
                    "or say which convention the text uses (decimal='.' or decimal=',')"
                )
                raise UnitParseError(msg)
            decimal = ","
    group, point = ("," if decimal == "." else "."), decimal
    whole, _, frac = body.partition(point)
    if point in frac:
        msg = f"{brief(shown)}: {brief(t)} has more than one decimal separator {point!r}"
        raise UnitParseError(msg)
    if group in frac:
        msg = (
            f"{brief(shown)}: {brief(t)} has a thousands separator {group!r} "
            f"after the decimal {point!r}"
        )
        raise UnitParseError(msg)
    if group in whole:
        groups = whole.split(group)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            convention = "a decimal point" if decimal == "." else "a decimal comma"
            msg = (
                f"{brief(shown)}: in {brief(t)} the {group!r} does not separate groups of "
                "three digits, "
                f"as thousands separators do with {convention}"
            )
            raise UnitParseError(msg)
        whole = "".join(groups)
    return f"{sign}{whole}.{frac}{e}{exponent}" if frac or point in body else (
        f"{sign}{whole}{e}{exponent}"
    )


def check_decimal(decimal: object) -> None:
    """Refuse a decimal convention other than ``None``, ``"."`` or ``","``."""
    if decimal is not None and decimal not in {".", ","}:
        msg = f"decimal={brief(decimal)}: choose '.' (1,000.5) or ',' (1.000,5)"
        raise UnitParseError(msg)


def parse_number(
    text: str, *, original: object | None = None, decimal: Decimal_ | None = None
) -> Fraction:
    """Read a decimal, scientific (``1e3``) or ``a/b`` number exactly.

    Thousands separators and decimal commas are read by the *decimal* convention (see
    :func:`prepare_text` for what is read without one).

    >>> parse_number("0.1")
    Fraction(1, 10)
    >>> parse_number("1000/3")
    Fraction(1000, 3)
    >>> parse_number("1,000", decimal="."), parse_number("37,5", decimal=",")
    (Fraction(1000, 1), Fraction(75, 2))
    """
    shown = text if original is None else original
    check_decimal(decimal)
    t = text.strip().replace("\u2212", "-")
    if "," in t or decimal == ",":
        t = _separators(t, decimal, shown)
    if not _NUMBER.fullmatch(t):
        if t.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            msg = f"{brief(shown)}: an amount must be a finite number, not {brief(t)}"
            raise InvalidAmountError(msg)
        msg = (
            f"{brief(shown)}: {brief(t)} is not a number "
            "(expected e.g. 100, 0.1, 1e3, ½ or 1000/3)"
        )
        raise UnitParseError(msg)
    digits = sum(ch.isdigit() for ch in t)
    if digits > MAX_DIGITS:
        msg = f"{brief(shown)}: a number of {digits} digits is too long (at most {MAX_DIGITS})"
        raise UnitParseError(msg)
    mantissa, _, exponent = t.lower().partition("e")
    # A cheap guard first (Fraction("1e999999") would build a huge integer), then the rule.
    if exponent and abs(int(exponent)) > _MAX_EXPONENT + MAX_DIGITS:
        raise _out_of_range(shown, t)
    _, slash, den = mantissa.partition("/")
    if slash and int(den) == 0:
        msg = f"{brief(shown)}: division by zero in {brief(t)}"
        raise UnitParseError(msg)
    value = Fraction(t)
    if value and not _SMALLEST <= abs(value) < _SMALLEST_TOO_LARGE:
        raise _out_of_range(shown, t)
    return value


_SMALLEST: Final = Fraction(1, 10**_MAX_EXPONENT)
_SMALLEST_TOO_LARGE: Final = Fraction(10 ** (_MAX_EXPONENT + 1))


def _out_of_range(shown: object, t: str) -> UnitParseError:
    """The one magnitude rule for written numbers, however they are written (digits or ``e``)."""
    return UnitParseError(
        f"{brief(shown)}: {brief(t)} is out of range; vitk2 reads numbers from "
        f"1e-{_MAX_EXPONENT} to below 1e{_MAX_EXPONENT + 1} (an exponent of at most "
        f"±{_MAX_EXPONENT}, however the number is written), or 0"
    )


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
        raise _unknown_unit(brief(text))
    if len(text) > 40:
        raise _unknown_unit(f"{text[:37]}…")
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


def exact_magnitude(value: object, *, what: object | None = None) -> Fraction:
    """Turn a number into an exact :class:`~fractions.Fraction`, refusing NaN and infinities.

    Floats are read as the decimal they print as.

    >>> exact_magnitude(0.1)
    Fraction(1, 10)
    """
    shown = value if what is None else what
    if isinstance(value, bool):
        msg = f"{brief(shown)}: a boolean is not a magnitude"
        raise UnitParseError(msg)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            msg = f"{brief(shown)}: an amount must be a finite number, not {value!r}"
            raise InvalidAmountError(msg)
        if isinstance(value, Decimal):
            return Fraction(value)
        # float(): a subclass such as NumPy 2's float64 has a repr of its own, np.float64(0.1).
        return Fraction(repr(float(value)))
    # NumPy scalars and other numeric types: go through their own float or int.
    for convert in (int, float):
        try:
            as_number = convert(value)  # type: ignore[call-overload,arg-type]
        except (TypeError, ValueError, OverflowError):
            continue
        if as_number == value:
            return exact_magnitude(as_number, what=shown)
    msg = f"{brief(shown)} is not a number vitk2 can use as a magnitude"
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


#: A written number as it may appear in text: digits with separators, an exponent, or a/b.
NUMBER_TEXT: Final = r"[+\-\u2212]?(?:\d[\d,.]*|[.,]\d[\d,.]*)(?:[eE][+\-]?\d+)?(?:/\d+)?"
UNIT_TEXT: Final = r"[A-Za-zµμΜ][A-Za-zµμΜ.]*"
#: "per day" as labels write it, after a quantity or at the end of a dose.
PER_DAY_TEXT: Final = (
    r"(?:\s*/\s*(?P<per_unit>[A-Za-z]+)\b|\s+per\s+(?P<per_word>[A-Za-z]+)\b"
    r"|\s+(?:once\s+)?(?:a|each|every)\s+day\b|\s+(?:once\s+)?daily\b|\s+once\s+per\s+day\b)"
)
_QUANTITY_TEXT: Final = LazyPattern(
    rf"^\s*(?P<num>{NUMBER_TEXT})\s*(?P<unit>{UNIT_TEXT})(?P<per>{PER_DAY_TEXT})?\s*$"
)
NON_FINITE: Final = LazyPattern(r"^[+\-\u2212]?(nan|inf(?:inity)?)\b", re.IGNORECASE)
_IU_TEXT: Final = LazyPattern(
    r"(?:^|[\d\s])(?:iu|i\.u\.?|international\s+units?)(?:$|[\s/])", re.IGNORECASE
)
_DAY_WORDS: Final = frozenset({"d", "day", "days"})
_DO_NOT_USE: Final = LazyPattern(r"(?<![\w.])(q\.?\s?o?\.?\s?d\.?)(?![\w])", re.IGNORECASE)
_FREQUENCY: Final = LazyPattern(
    r"(?<![\w.])(b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|twice|thrice"
    # a vitamer's own number ("MK-7 x") is not a count of doses
    r"|(?<!mk-)(?<!mk )(?<!menaquinone-)"
    r"(?:\d+|two|three|four|five|six)\s*(?:x|×|times)(?:\s+(?:a|per|each|every)\s+day|\s+daily)?"
    r"|(?:x|×)\s*(?:\d+|two|three|four|five|six)(?:\s+(?:a|per|each|every)\s+day|\s+daily)?"
    r"|every\s+other\s+day|weekly|a\s+week|per\s+week)(?![\w])",
    re.IGNORECASE,
)


def check_frequency_words(text: str, shown: object) -> None:
    """Refuse dosing-frequency words that would change what a per-day amount means.

    ``qd``/``q.d.`` (and ``qod``) are on the Joint Commission's "Do Not Use" list because they
    are misread as ``qid`` (four times a day) or each other; ``bid``, ``twice daily`` and the
    like say how often, not how much per day, and vitk2 will not multiply silently.

    >>> check_frequency_words("100 mcg MK-7 qd", "100 mcg MK-7 qd")
    Traceback (most recent call last):
    ...
    vitk2.UnitParseError: '100 mcg MK-7 qd': 'qd' is on the Joint Commission's "Do Not Use" list...
    """
    m = _DO_NOT_USE.search(text)
    if m is not None:
        msg = (
            f"{shown!r}: {m.group(1)!r} is on the Joint Commission's \"Do Not Use\" list of "
            "abbreviations (it is misread as QID, four times a day, or as every other day); "
            "write 'daily' or '/day'"
        )
        raise UnitParseError(msg)
    m = _FREQUENCY.search(text)
    if m is not None:
        msg = (
            f"{shown!r}: {m.group(1)!r} says how often a dose is taken, not how much per day; "
            "give the amount per day (e.g. '200 µg/day MK-7'), or the amount per dose and "
            "build a Schedule with vitk2.divide()"
        )
        raise UnitParseError(msg)


def split_quantity_text(
    text: str, *, original: object | None = None
) -> tuple[str, str, bool] | None:
    """Split ``"180 µg/day"`` into number, unit and per-day flag; ``None`` if not that shape."""
    m = _QUANTITY_TEXT.match(text)
    if m is None:
        return None
    per_unit = m.group("per_unit") or m.group("per_word")
    per_day = m.group("per") is not None
    if per_unit is not None and (
        per_unit.lower() not in _DAY_WORDS
        or (per_unit != per_unit.lower() and per_unit != per_unit.upper())
    ):
        shown = text if original is None else original
        msg = f"{shown!r}: only per-day rates are accepted (µg/day, mcg/d, mg per day)"
        raise UnitParseError(msg)
    return m.group("num"), m.group("unit"), per_day


def read_quantity(
    value: object, *, what: str = "amount", decimal: Decimal_ | None = None
) -> ParsedQuantity:
    """Read a string or a pint quantity (from any registry) exactly.

    Accepts masses, amounts of substance, and either of them per day.

    >>> read_quantity("180 mcg/d")
    ParsedQuantity(value=Fraction(180, 1), dimension='mass', per_day=True, unit=...)
    >>> read_quantity("1e2 ug daily").value
    Fraction(100, 1)
    >>> read_quantity(90)
    Traceback (most recent call last):
    ...
    vitk2.BareNumberError: 90 is a bare number...
    """
    if isinstance(value, str):
        return _read_text(value, what=what, decimal=decimal)
    if is_pint_quantity(value):
        return _read_pint(value)
    if isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
        msg = (
            f"{brief(value)} is a bare number, and vitk2 never guesses µg or mg; "
            f"give the {what} with a unit{_unit_example(brief(value))}"
        )
        raise BareNumberError(msg)
    msg = f"{brief(value)} is not an {what}; give a string such as '100 µg' or a pint quantity"
    raise UnitParseError(msg)


def show_number(value: int | float | Fraction | Decimal) -> str:
    """A number as people write it, for messages: ``-5``, ``1/3``, ``2.5`` (never a repr).

    >>> show_number(Fraction(-5)), show_number(Fraction(1, 3)), show_number(Decimal("2.50"))
    ('-5', '1/3', '2.5')
    >>> show_number(0.1), show_number(float("nan"))
    ('0.1', 'nan')
    """
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, Decimal) and not value.is_finite():
        return str(value)
    return format_number(Fraction(value))


def _unit_example(number: str, decimal: Decimal_ | None = None) -> str:
    """``", e.g. '5 µg'"`` for a bare number, when that example is itself a valid amount.

    A number no amount may have (``-5``, ``1e99``) gets no example but the reason it is refused.
    """
    example = f"{number} µg"
    try:
        _read_text(example, what="amount", decimal=decimal)
    except (UnitParseError, InvalidAmountError) as exc:
        reason = str(exc).removeprefix(f"{example!r}: ").removeprefix(f"{brief(example)}: ")
        return f" such as µg or mg; also, {reason}"
    return f", e.g. {example!r}"


def brief(value: object) -> str:
    """A value for an error message, cut if long (a message names, never floods).

    Numbers are shown as people write them (``1/3``, not ``Fraction(1, 3)``); other values by
    their repr, and pint quantities as people read them (``'90 milliliter'``).
    """
    try:
        if isinstance(value, int | float | Fraction | Decimal) and not isinstance(value, bool):
            text = show_number(value)
        else:
            text = f"'{value}'" if is_pint_quantity(value) else repr(value)
    except Exception:  # a hostile __repr__, or an int beyond Python's digit limit
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= 80 else f"{text[:77]}…"


def is_pint_quantity(value: object) -> bool:
    """True for a pint quantity of any registry, without importing pint.

    If pint has not been imported, nothing can be a pint quantity; otherwise the class check
    is pint's own, with a duck-typed fallback for quantities of a wrapped registry.
    """
    pint = sys.modules.get("pint")
    if pint is None:
        return False
    return isinstance(value, pint.Quantity) or (
        hasattr(value, "to_tuple") and hasattr(value, "_REGISTRY")
    )


def is_pint_unit(value: object) -> bool:
    """True for a pint unit of any registry, without importing pint."""
    pint = sys.modules.get("pint")
    return pint is not None and isinstance(value, pint.Unit)


def _read_text(text: str, *, what: str, decimal: Decimal_ | None = None) -> ParsedQuantity:
    norm = prepare_text(text, what=what).strip()
    return read_prepared_text(norm, text, what=what, decimal=decimal)


def read_prepared_text(
    norm: str, text: str, *, what: str = "amount", decimal: Decimal_ | None = None
) -> ParsedQuantity:
    """:func:`read_quantity` for text that has already been through :func:`prepare_text`.

    *norm* is that prepared, stripped text; *text* is what the user wrote, for messages.  The
    amount parser prepares a whole dose once and reads its quantity part through here.
    """
    if not norm:
        msg = f"{text!r} is empty; give an {what} such as '100 µg'"
        raise UnitParseError(msg)
    if _IU_TEXT.search(norm):
        raise NoInternationalUnitError(_iu_message(text))
    check_frequency_words(norm, text)
    special = NON_FINITE.match(norm)
    if special is not None:
        msg = f"{text!r}: an amount must be a finite number, not {special.group(1)!r}"
        raise InvalidAmountError(msg)
    parts = split_quantity_text(norm, original=text)
    if parts is None:
        try:
            parse_number(norm, original=text, decimal=decimal)
        except InvalidAmountError:
            raise
        except UnitParseError:
            pass
        else:
            msg = (
                f"{text!r} is a bare number, and vitk2 never guesses µg or mg; "
                f"give the {what} with a unit{_unit_example(norm, decimal)}"
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
    magnitude = parse_number(num, original=text, decimal=decimal)
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
        msg = f"{brief(shown)}: an amount cannot be negative"
        raise InvalidAmountError(msg)


def _read_pint(q: Any) -> ParsedQuantity:
    try:
        magnitude, units = q.to_tuple()
    except Exception as exc:  # a broken quantity-like object
        msg = f"{brief(q)} is not a pint quantity vitk2 can read"
        raise UnitParseError(msg) from exc
    if not isinstance(magnitude, int | float | Fraction | Decimal) or isinstance(magnitude, bool):
        try:
            magnitude = exact_magnitude(magnitude, what=q)
        except UnitParseError:
            msg = f"{brief(q)}: only scalar quantities are accepted here, not arrays"
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


def pint_module() -> Any:
    """Import pint on first need (``import vitk2`` alone never loads it).

    The first time, vitk2 also tells pint to hand mixed arithmetic (``quantity + amount``) back
    to vitk2, so that the error is vitk2's and says what to do instead.
    """
    import pint  # noqa: PLC0415 - deliberately lazy: pint is most of an import's cost

    _register_upcast(pint)
    return pint


def _register_upcast(pint: Any) -> None:
    # pint returns NotImplemented for "upcast" types, so Python asks the Amount, which raises a
    # vitk2 error instead of pint's misleading "cannot convert to dimensionless".
    upcast = getattr(getattr(pint, "compat", None), "upcast_type_map", None)
    if isinstance(upcast, dict):
        for name in ("vitk2._amounts.Amount", "vitk2._amounts.DailyDose"):
            upcast.setdefault(name, None)


def app_registry() -> Any:
    """Pint's application registry wrapper (typed loosely: pint's own annotations are partial)."""
    return pint_module().get_application_registry()


def _read_pint_slow(q: Any, value: Fraction) -> ParsedQuantity:
    """Units vitk2 has no exact table for (pounds, grains, µg/week …): convert through pint.

    The conversion factor is pint's float, rounded to 15 significant digits, which recovers
    every exactly-defined factor.
    """
    pint = pint_module()
    reg = app_registry()
    try:
        mine = reg.Quantity.from_tuple((1, q.to_tuple()[1]))
    except pint.errors.UndefinedUnitError as exc:
        msg = f"{brief(q)}: its unit is not defined in pint's application registry"
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
        f"{brief(q)} has dimension {mine.dimensionality}, not a mass or an amount of substance "
        f"(or either per day); vitamin K amounts are given in {ACCEPTED_MASS_UNITS}"
    )
    raise DimensionError(msg)


@cache
def _units_of(reg: Any, code: str) -> PlainUnit:
    # Keyed by the registry object itself (held by the cache, so its id cannot be reused).
    pint_name = _BY_CODE[code].pint_name if code in _BY_CODE else code
    try:
        unit: PlainUnit = reg.Unit(pint_name)
    except pint_module().errors.PintError as exc:
        msg = (
            f"pint's application registry does not define {pint_name!r}; vitk2 needs a registry "
            "with pint's default definitions (grams, moles, days)"
        )
        raise UnitParseError(msg) from exc
    return unit


def quantity(value: Fraction, code: str, registry: Any = None) -> PlainQuantity[Any]:
    """A pint quantity with a plain magnitude, for use with pint, NumPy and formatting.

    *code* is a vitk2 unit code (``"ug"``, ``"nmol"``) or a pint unit expression
    (``"microgram / day"``).  The quantity lives on *registry* (default: pint's application
    registry).  The magnitude is an ``int`` when the exact value is a whole number (as
    ``Quantity(100, "microgram")`` would be), else the nearest ``float``: what pint, NumPy and
    format specs expect.  The exact value stays on the vitk2 object that made it
    (``Amount.in_units``).

    >>> print(quantity(Fraction(1, 10), "mg"), quantity(Fraction(100), "ug"), sep=", ")
    0.1 milligram, 100 microgram
    """
    reg = app_registry().get() if registry is None else registry
    unit = _units_of(reg, code)
    return reg.Quantity(plain_magnitude(value), unit)  # type: ignore[no-any-return]


def plain_magnitude(value: Fraction) -> int | float:
    """``int`` for a whole number that a float holds exactly, else the nearest ``float``.

    >>> plain_magnitude(Fraction(45000)), plain_magnitude(Fraction(1, 3))
    (45000, 0.3333333333333333)
    """
    if value.denominator == 1 and abs(value.numerator) <= 2**53:
        return value.numerator
    return float(value)


def unit_target(unit: object, *, per_day: bool = False) -> tuple[UnitSpec | None, Any]:
    """Resolve a conversion target: a vitk2 unit text, or a pint ``Unit``/``Quantity``.

    Returns the vitk2 spec when the target is one of vitk2's exact units (the registry is then
    the target's, or ``None`` for text), else ``(None, pint_unit)`` for any other pint unit of
    the right dimension, which pint converts.
    """
    if isinstance(unit, str):
        return unit_spec(unit), None
    if is_pint_quantity(unit):
        unit = unit.units  # type: ignore[attr-defined]
    if not is_pint_unit(unit):
        msg = (
            f"{brief(unit)} is not a unit; give a unit such as 'mg' or 'nmol', or a pint "
            "Unit or Quantity (e.g. ureg.mg)"
        )
        raise UnitParseError(msg)
    reg = unit._REGISTRY  # type: ignore[attr-defined]
    items = dict(reg.Quantity(1, unit).to_tuple()[1])
    numer = [name for name, exp in items.items() if exp == 1]
    denom = [(name, exp) for name, exp in items.items() if exp < 0]
    day_ok = denom == [("day", -1)] if per_day else not denom
    if day_ok and len(numer) == 1 and len(items) == len(denom) + 1 and numer[0] in _BY_PINT_NAME:
        return _BY_PINT_NAME[numer[0]], unit
    return None, unit
