"""A declared %DV or %NRV checked against its amount, exactly.

Both the amount and the percent on a label are rounded, so a percent is accepted when some
amount that rounds to the printed amount, divided by the reference and rounded the way the
panel rounds, gives the printed percent.  The arithmetic is exact (Fractions).  A percent
that fails is flagged, with what it would fit instead: the same number in µg instead of mg
(or the other way round), or another reference value.  With ``require_primary=True`` a
reference or rounding rule read only in secondary copies is not used: the check says
``unchecked: reference is secondary`` instead of passing or failing.

Reading a printed amount or percent cell (with the panel's decimal mark) is here too, as the
check depends on the precision the label printed.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Final, Literal, NamedTuple, final, get_args

import attrs

from vitk2._amounts import Amount
from vitk2._errors import LabelError, UnitParseError
from vitk2._label_rules import (
    LABEL_REFERENCES,
    PERCENT_ROUNDINGS,
    Grade,
    LabelReference,
    PercentRounding,
    label_reference,
    percent_rounding,
)
from vitk2._units import Decimal_, ParsedQuantity, format_number, read_quantity

__all__ = [
    "DeclaredPercent",
    "PercentCheck",
    "check_percent",
]

CheckStatus = Literal[
    "passed", "flagged", "unchecked: reference is secondary",
    "unchecked: rounding rule is secondary",
]
"""What became of a declared percent: it fits, it contradicts the amount, or (with
``require_primary``) it was not checked because the reference or rounding rule is secondary."""


def json_form(self: object) -> dict[str, Any]:
    """vitk2's JSON form (see :func:`vitk2.to_dict`); the ``to_dict`` method of the records."""
    from vitk2._serial import to_dict  # noqa: PLC0415 - the JSON module loads on first use

    return to_dict(self)


PercentKind = Literal["percent", "less than 1%", "not established"]


@final
@attrs.frozen(kw_only=True)
class DeclaredPercent:
    """A percentage as the label prints it: a number, "Less than 1%", or † (no reference).

    >>> DeclaredPercent.read("83%").value
    Fraction(83, 1)
    >>> DeclaredPercent.read("<1%").kind
    'less than 1%'
    """

    text: str
    kind: PercentKind
    value: Fraction | None = None
    places: int = 0
    """Decimals printed (``66.7%`` has 1): the precision the label claims."""

    def __attrs_post_init__(self) -> None:
        """Refuse a percent that could not have been read from a label."""
        if self.kind == "percent":
            ok = self.value is not None and self.value >= 0 and 0 <= self.places <= 30
        else:
            ok = self.value is None and self.places == 0
        if not ok:
            msg = (
                f"a {self.kind!r} percent has value {self.value!r} and places {self.places!r}; "
                "a number needs a value of 0 or more, '<1%' and '†' none"
            )
            raise LabelError(msg)

    @classmethod
    def read(cls, text: str, *, decimal: Decimal_ | None = None) -> DeclaredPercent:
        """Read a percent cell; raise :class:`LabelError` if it is not one."""
        found = read_percent(text, marks=Marks(check_decimal(decimal), decimal is not None))
        if found is None:
            msg = f"{text!r} is not a percentage (expected e.g. '83%', '<1%' or '†')"
            raise LabelError(msg)
        return found

    def __str__(self) -> str:
        """As printed."""
        return self.text


@final
@attrs.frozen(kw_only=True)
class PercentCheck:
    """A declared percent checked against an amount and a reference value, exactly.

    ``low`` … ``high`` is the range of exact percentages an amount that rounds to the printed
    amount can give; the declared percent passes when its rounding interval meets that range.
    ``status`` says what became of it; with ``require_primary`` a check whose reference or
    rounding rule is only secondary is ``unchecked`` (neither passed nor flagged).

    >>> c = check_percent("100 mcg", "83%")
    >>> c.status, c.reference_grade, c.sources
    ('passed', 'secondary', ('fda-2016-nutrition-labels', 'fda-21cfr101-36'))
    >>> check_percent("100 mcg", "83%", require_primary=True).status
    'unchecked: reference is secondary'
    """

    reference: LabelReference
    rounding: PercentRounding
    declared: DeclaredPercent
    exact_percent: Fraction
    """100 × amount ÷ reference, from the amount as printed."""
    low: Fraction
    high: Fraction
    passed: bool
    """True only when the percent was checked and fits."""
    problem: str | None = None
    """Why it failed or was not checked, in words; ``None`` when it passed."""
    fits: tuple[str, ...] = ()
    """What the declared percent would fit instead (a unit mix-up, another reference)."""
    status: CheckStatus = attrs.field()

    @status.default
    def _status_from_verdict(self) -> CheckStatus:
        return "passed" if self.passed else "flagged"

    def __attrs_post_init__(self) -> None:
        """Refuse a check whose verdict does not follow from its own numbers and grades."""
        if not 0 <= self.low <= self.exact_percent <= self.high:
            msg = (
                f"the exact percent {self.exact_percent} is not within the accepted range "
                f"{self.low} to {self.high}"
            )
            raise LabelError(msg)
        if self.status not in CHECK_STATUSES:
            msg = f"status {self.status!r}: a check is one of {', '.join(CHECK_STATUSES)}"
            raise LabelError(msg)
        if self.status.startswith("unchecked"):
            expected = unchecked_status(self.reference, self.rounding)
            if self.status != expected or self.passed or self.problem is None or self.fits:
                msg = (
                    f"status {self.status!r} does not follow from the grades (reference "
                    f"{self.reference_grade}, rounding {self.rounding_grade}); an unchecked "
                    "check neither passes nor fits anything, and says why"
                )
                raise LabelError(msg)
            return
        passed, _ = _verdict(self.low, self.high, self.declared,
                             Rules(self.reference, self.rounding))
        if (passed != self.passed or (self.problem is None) != passed
                or self.status != ("passed" if passed else "flagged")):
            msg = (
                f"passed={self.passed!r} (status {self.status!r}) does not follow from "
                f"{self.declared.text} against {self.low} to {self.high} ({self.rounding.key})"
            )
            raise LabelError(msg)

    @property
    def flagged(self) -> bool:
        """True when the percent was checked and contradicts the amount."""
        return self.status == "flagged"

    @property
    def checked(self) -> bool:
        """False when the check was not made because a secondary figure was refused."""
        return not self.status.startswith("unchecked")

    @property
    def reference_grade(self) -> Grade:
        """The reference value's grade, read from its citation (``primary``/``secondary``)."""
        return self.reference.grade

    @property
    def rounding_grade(self) -> Grade:
        """The rounding rule's grade, read from its citation (``primary``/``secondary``)."""
        return self.rounding.grade

    @property
    def sources(self) -> tuple[str, ...]:
        """The citation keys of the reference value, then of the rounding rule."""
        return tuple(dict.fromkeys((*self.reference.sources, *self.rounding.sources)))

    to_dict = json_form


def percent_text(value: Fraction) -> str:
    exact = format_number(value)
    if "/" not in exact and len(exact.partition(".")[2]) <= 1:
        return f"{exact}%"
    return f"{float(value):.1f}%"


class Printed(NamedTuple):
    """An amount as a label prints it: exact µg, the rounding slack in µg, its unit and text."""

    micrograms: Fraction
    slack: Fraction
    unit_code: str
    text: str


class Rules(NamedTuple):
    reference: LabelReference
    rounding: PercentRounding


CHECK_STATUSES: Final[tuple[str, ...]] = get_args(CheckStatus)


def unchecked_status(reference: LabelReference, rounding: PercentRounding) -> CheckStatus | None:
    """Why a check may not be made when primary is required (the reference is named first)."""
    if reference.grade == "secondary":
        return "unchecked: reference is secondary"
    if rounding.grade == "secondary":
        return "unchecked: rounding rule is secondary"
    return None


def _interval(
    micrograms: Fraction, slack: Fraction, ref: LabelReference
) -> tuple[Fraction, Fraction]:
    scale = 100 / ref.micrograms
    return max(micrograms - slack, Fraction(0)) * scale, (micrograms + slack) * scale


def _consistent(
    micrograms: Fraction, slack: Fraction, declared: DeclaredPercent, rules: Rules
) -> tuple[bool, str | None]:
    low, high = _interval(micrograms, slack, rules.reference)
    return _verdict(low, high, declared, rules)


def _verdict(
    low: Fraction, high: Fraction, declared: DeclaredPercent, rules: Rules
) -> tuple[bool, str | None]:
    """Whether a declared percent fits exact percentages from *low* to *high*, and why not."""
    reference, rounding = rules
    if declared.kind == "not established":
        return False, (
            f"{declared.text} says no reference value is established, but vitamin K has one "
            f"({reference})"
        )
    if declared.kind == "less than 1%":
        return (low < 1, None)
    assert declared.value is not None
    accepted = rounding.accepted(declared.value, declared.places)
    if accepted is None:
        return False, f"{declared.text} is not on the rounding steps ({rounding.description})"
    return (accepted[0] <= high and low <= accepted[1], None)


def check_printed(
    printed: Printed, declared: DeclaredPercent, rules: Rules, *, require_primary: bool = False
) -> PercentCheck:
    reference = rules.reference
    low, high = _interval(printed.micrograms, printed.slack, reference)
    exact = printed.micrograms * 100 / reference.micrograms
    refused = unchecked_status(reference, rules.rounding) if require_primary else None
    if refused is not None:
        if refused == "unchecked: reference is secondary":
            figure, keys = f"the {reference}", reference.sources
        else:
            figure = f"the rounding rule ({rules.rounding.description})"
            keys = rules.rounding.sources
        why = (
            f"{figure} was read only in secondary copies ({', '.join(keys)}); primary was "
            "required, so the percent was not checked"
        )
        return PercentCheck(
            reference=reference, rounding=rules.rounding, declared=declared, exact_percent=exact,
            low=low, high=high, passed=False, problem=why, status=refused,
        )
    passed, problem = _consistent(printed.micrograms, printed.slack, declared, rules)
    fits: tuple[str, ...] = ()
    if not passed:
        if problem is None:
            problem = (
                f"{declared.text} does not fit {printed.text}, which is {percent_text(exact)} of "
                f"{format_number(reference.micrograms)} µg"
            )
        fits = tuple(_alternatives(printed, declared, rules))
    return PercentCheck(
        reference=reference, rounding=rules.rounding, declared=declared, exact_percent=exact,
        low=low, high=high, passed=passed, problem=problem, fits=fits,
    )


_SWAPS: Final = {"mg": (Fraction(1, 1000), "µg"), "ug": (Fraction(1000), "mg")}


def _alternatives(printed: Printed, declared: DeclaredPercent, rules: Rules) -> Iterator[str]:
    """What a contradicting percent would fit: a µg/mg swap, another reference, or both."""
    if declared.kind == "not established":
        return
    reference = rules.reference
    readings = [(printed.micrograms, printed.slack, "")]
    swap = _SWAPS.get(printed.unit_code)
    if swap is not None:
        factor, symbol = swap
        number = format_number(printed.micrograms / _unit_factor(printed.unit_code))
        mixup = f"{number} {symbol} instead of {printed.text} (a µg/mg mix-up)"
        readings.append((printed.micrograms * factor, printed.slack * factor, mixup))
    others = [r for r in LABEL_REFERENCES.values() if r.key != reference.key]
    for micrograms, slack, mixup in readings:
        if mixup and _consistent(micrograms, slack, declared, rules)[0]:
            yield mixup
        for other in others:
            if _consistent(micrograms, slack, declared, Rules(other, rules.rounding))[0]:
                instead = f"the {other}, instead of {format_number(reference.micrograms)} µg"
                yield f"{mixup}, with {instead}" if mixup else instead


def _unit_factor(code: str) -> Fraction:
    return {"ug": Fraction(1), "mg": Fraction(1000)}[code]


def check_percent(
    amount: str | Amount,
    percent: str | DeclaredPercent,
    *,
    reference: str | LabelReference = "fda-dv-2016",
    rounding: str | PercentRounding | None = None,
    decimal: Decimal_ | None = None,
    require_primary: bool = False,
) -> PercentCheck:
    """Check one declared percent against one amount, exactly.

    A text amount is taken as rounded at the precision it is printed (``100 mcg`` is anything
    from 99.5 to 100.5 µg); an :class:`Amount` is exact.  *rounding* defaults to the whole
    percent for US references and the printed precision for the EU NRV.  *decimal* is the
    decimal mark of the printed numbers (``","`` for ``37,5 µg``), as in :func:`read_label`.
    With *require_primary*, a reference or rounding rule read only in secondary copies is not
    used, and the check's ``status`` says so.

    >>> check_percent("100 mcg", "83%").passed
    True
    >>> c = check_percent("100 mcg", "125%")
    >>> c.passed, c.fits
    (False, ('the pre-2016 FDA Daily Value (1995 rule), 80 µg, instead of 120 µg',))
    >>> check_percent("100 mg", "83%").fits
    ('100 µg instead of 100 mg (a µg/mg mix-up)',)
    >>> check_percent("75 µg", "100%", reference="eu-nrv").passed
    True
    >>> strict = check_percent("75 µg", "100%", reference="eu-nrv", require_primary=True)
    >>> strict.passed, strict.flagged, strict.status
    (False, False, 'unchecked: reference is secondary')
    """
    check_flag(require_primary)
    ref = label_reference(reference)
    if rounding is None:
        rule = PERCENT_ROUNDINGS[
            "fda-supplement-whole-percent" if ref.region == "us" else "printed-precision"
        ]
    else:
        rule = percent_rounding(rounding)
    marks = Marks(check_decimal(decimal), decimal is not None)
    if isinstance(percent, DeclaredPercent):
        declared = percent
    elif isinstance(percent, str):
        found = read_percent(percent, marks=marks)
        if found is None:
            msg = f"{percent!r} is not a percentage (expected e.g. '83%', '<1%' or '†')"
            raise LabelError(msg)
        declared = found
    else:
        msg = f"check_percent() takes a percentage such as '83%', not {percent!r}"
        raise LabelError(msg)
    if isinstance(amount, Amount):
        printed = Printed(amount.micrograms, Fraction(0), "ug", format(amount, "ug"))
    elif isinstance(amount, str):
        printed = read_amount(amount, marks)
    else:
        msg = f"check_percent() takes an amount such as '100 mcg' or an Amount, not {amount!r}"
        raise LabelError(msg)
    return check_printed(printed, declared, Rules(ref, rule), require_primary=require_primary)


def _quantity(text: str, marks: Marks) -> ParsedQuantity:
    """vitk2's own parser, with the panel's decimal mark.

    A mark vitk2 inferred from the region (not one the caller gave) yields to a number that
    is unambiguous the other way: a UK panel prints ``37.5 µg`` under an inferred decimal
    comma.  An ambiguous ``1,000`` is still refused by the parser.
    """
    try:
        return read_quantity(text, what="amount", decimal=marks.decimal)
    except UnitParseError:
        if marks.explicit or marks.decimal is None:
            raise
        first = sys.exc_info()[1]
    try:
        return read_quantity(text, what="amount")
    except UnitParseError:
        assert first is not None
        raise first from None


def _printed_places(digits: str, magnitude: Fraction) -> int:
    """Decimals printed: the power of ten between the written digits and the value read."""
    plain = re.sub(r"[.,]", "", digits)
    if not plain or magnitude <= 0:
        return 0
    ratio = Fraction(int(plain)) / magnitude
    places = 0
    while ratio > 1 and ratio.denominator == 1 and ratio.numerator % 10 == 0 and places < 30:
        ratio /= 10
        places += 1
    return places if ratio == 1 else 0


def read_amount(text: str, marks: Marks | None = None) -> Printed:
    """Exact µg, the half-place rounding slack in µg, and the unit, via vitk2's parser."""
    marks = marks or Marks(None, explicit=False)
    parsed = _quantity(text, marks)
    if parsed.dimension != "mass":
        msg = (
            f"{text!r} is an amount of substance; a label line needs a mass (µg or mg) "
            "to be checked against a reference value in µg"
        )
        raise LabelError(msg)
    number = re.match(r"\s*([\d.,]*)", text)
    digits = number.group(1) if number is not None else ""
    # "37,5 µg" and "37.5 µg" print one decimal; "1,000 mcg" prints none.
    places = _printed_places(digits, parsed.value / parsed.unit.factor)
    slack = Fraction(1, 10**places) / 2 * parsed.unit.factor
    return Printed(parsed.value, slack, parsed.unit.code, text.strip())


_PERCENT: Final = re.compile(
    r"^(?:(?P<lt>(?:<|less\s+than)\s*1\s*%)|(?P<num>\d[\d.,]*)\s*%|(?P<na>[*†‡]+))"
    r"\s*[*†‡]*(?:\s*(?:dv|nrv|ri))?\s*[*†‡]*$",
    re.IGNORECASE,
)


class Marks(NamedTuple):
    """A panel's decimal mark, and whether the caller gave it (or vitk2 inferred it)."""

    decimal: Decimal_ | None
    explicit: bool


_GROUPED: Final = {".": re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$"),
                   ",": re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")}


def _percent_number(number: str, marks: Marks) -> str:
    """The percent's digits with a decimal point, or raise :class:`LabelError` if unclear."""
    point, explicit = marks
    if "," not in number and "." not in number:
        return number
    if point is not None and _GROUPED[point].match(number):
        other = "," if point == "." else "."
        return number.replace(other, "").replace(",", ".")
    separators = set(re.findall(r"[.,]", number))
    if len(separators) == 1 and number.count(next(iter(separators))) == 1:
        mark = next(iter(separators))
        digits_after = len(number.partition(mark)[2])
        if mark == point:
            return number.replace(",", ".")
        # The other mark: unambiguous only when it cannot be a thousands separator, and only
        # when the convention was inferred rather than given.
        if digits_after != 3 and not explicit:
            return number.replace(",", ".")
    convention = "no decimal mark was given" if point is None else f"the decimal mark is {point!r}"
    msg = (
        f"{number}% cannot be read unambiguously ({convention}); give the panel's decimal mark "
        "(decimal='.' or ',', --decimal on the command line)"
    )
    raise LabelError(msg)


def read_percent(text: str, *, marks: Marks) -> DeclaredPercent | None:
    """A percent cell; ``None`` if the cell is not shaped like a percent at all."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _PERCENT.match(t)
    if m is None:
        return None
    if m.group("lt"):
        return DeclaredPercent(text=t, kind="less than 1%")
    if m.group("na"):
        return DeclaredPercent(text=t, kind="not established")
    number = _percent_number(m.group("num"), marks)
    places = len(number.partition(".")[2])
    return DeclaredPercent(text=t, kind="percent", value=Fraction(number), places=places)


def check_decimal(decimal: object) -> Decimal_ | None:
    if decimal is None:
        return None
    if decimal == ".":
        return "."
    if decimal == ",":
        return ","
    msg = f"decimal={decimal!r}: choose '.' (1,000.5) or ',' (1.000,5), or leave it out"
    raise LabelError(msg)


def check_flag(require_primary: object) -> None:
    if not isinstance(require_primary, bool):
        msg = (
            f"require_primary={require_primary!r}: give True (refuse reference values and "
            "rounding rules read only in secondary copies) or False"
        )
        raise LabelError(msg)

