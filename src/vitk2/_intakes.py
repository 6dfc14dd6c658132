"""Reference intakes of vitamin K by authority and life stage, and the (absent) upper limits.

Every value here is for **total vitamin K**, set mainly or only on phylloquinone (K1) evidence:
EFSA sets its adequate intake for phylloquinone only, and no authority vitk2 ships sets a
separate value for K2 (MK-4 or MK-7).  The values are therefore stored as daily doses of K1.
Comparing an MK-7 dose with them is a comparison by mass of different vitamers;
:func:`percent_of_reference` says so in its result.

Only values confirmed against the authority's own document are shipped.  Authorities whose
tables vitk2 could see only in third-party copies (WHO/FAO 2004, NHMRC 2006, Japan) are listed,
but asking them for a value raises :class:`NoReferenceValueError`: unknown is not zero.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final, final

import attrs

from vitk2._amounts import DailyDose
from vitk2._authorities import (
    authority,
    authority_data,
    packaged_authorities,
    registered_authorities,
)
from vitk2._errors import (
    InvalidAmountError,
    InvalidLifeStageError,
    MissingInputError,
    NoReferenceValueError,
    UnknownAuthorityError,
)
from vitk2._intake_records import (
    MONTHS_PER_YEAR,
    Authority,
    Condition,
    LifeStage,
    ReferenceIntake,
    Sex,
    UpperLimit,
)
from vitk2._text import alnum_key
from vitk2._units import exact_magnitude, format_number, read_quantity
from vitk2._vitamers import K1

__all__ = [
    "AUTHORITIES",
    "Authority",
    "InvalidLifeStageError",
    "LifeStage",
    "MissingInputError",
    "NoReferenceValueError",
    "PercentOfReference",
    "ReferenceIntake",
    "UnknownAuthorityError",
    "UpperLimit",
    "all_reference_intakes",
    "authority",
    "percent_of_reference",
    "reference_intake",
    "upper_limit",
]

#: Pregnancy or lactation below this age is refused as implausible input, not looked up.
_MIN_PREGNANCY_AGE_YEARS: Final = 10
_MAX_AGE_YEARS: Final = 130

AUTHORITIES: Final[tuple[Authority, ...]] = packaged_authorities()
"""The packaged authorities, one per file under ``vitk2/data/authorities/`` (read on first use
of the intakes area)."""


def _fold(text: str) -> str:
    return alnum_key(text)


def all_reference_intakes(authority_name: str | None = None) -> tuple[ReferenceIntake, ...]:
    """Every shipped reference value (latest editions), or those of one authority.

    >>> len(all_reference_intakes("IOM"))
    12
    """
    if authority_name is None:
        return tuple(r for a in registered_authorities() for r in authority_data(a).latest.values)
    return authority_data(authority_name).latest.values


# --- lookup ---------------------------------------------------------------------------------


def _age_in_months(age_years: object, age_months: object) -> Fraction:
    if age_years is None and age_months is None:
        msg = "give age_years= (or age_months= for infants); the values depend on age"
        raise MissingInputError(msg)
    if age_years is not None and age_months is not None:
        msg = f"give age_years={age_years!r} or age_months={age_months!r}, not both"
        raise MissingInputError(msg)
    raw, unit = (age_years, "years") if age_years is not None else (age_months, "months")
    if isinstance(raw, bool) or not isinstance(raw, int | float | Fraction | Decimal):
        msg = f"age in {unit} must be a number such as 40, not {raw!r}"
        raise InvalidLifeStageError(msg)
    try:
        value = exact_magnitude(raw)
    except InvalidAmountError:
        msg = f"age {raw!r} {unit} is not a finite number"
        raise InvalidLifeStageError(msg) from None
    if value < 0:
        msg = f"age {raw!r} {unit} is negative; ages are 0 or more"
        raise InvalidLifeStageError(msg)
    months = value * MONTHS_PER_YEAR if unit == "years" else value
    if months > _MAX_AGE_YEARS * MONTHS_PER_YEAR:
        msg = f"age {raw!r} {unit} is out of range; vitk2 accepts ages up to {_MAX_AGE_YEARS} y"
        raise InvalidLifeStageError(msg)
    return months


def _sex(value: object) -> Sex | None:
    if value is None:
        return None
    if isinstance(value, str):
        folded = _fold(value)
        if folded in {"female", "f", "woman", "women"}:
            return "female"
        if folded in {"male", "m", "man", "men"}:
            return "male"
    msg = f"sex={value!r}: give 'female' or 'male' (or leave it out where values do not differ)"
    raise InvalidLifeStageError(msg)


def _condition(
    pregnant: bool, lactating: bool, sex: Sex | None, months: Fraction
) -> Condition | None:
    if not isinstance(pregnant, bool) or not isinstance(lactating, bool):
        msg = f"pregnant={pregnant!r} and lactating={lactating!r} must be True or False"
        raise InvalidLifeStageError(msg)
    if not (pregnant or lactating):
        return None
    if pregnant and lactating:
        msg = "pregnant=True and lactating=True: choose one life stage"
        raise InvalidLifeStageError(msg)
    what = "pregnant" if pregnant else "lactating"
    if sex == "male":
        msg = f"{what}=True with sex='male' is not a life stage; use sex='female' or leave it out"
        raise InvalidLifeStageError(msg)
    if months < _MIN_PREGNANCY_AGE_YEARS * MONTHS_PER_YEAR:
        shown = format_number(months / MONTHS_PER_YEAR)
        msg = (
            f"{what}=True at age {shown} y is not accepted; vitk2 takes pregnancy and lactation "
            f"from {_MIN_PREGNANCY_AGE_YEARS} years"
        )
        raise InvalidLifeStageError(msg)
    return "pregnancy" if pregnant else "lactation"


def _body_weight_kg(body_weight: object) -> Fraction:
    parsed = read_quantity(body_weight, what="body weight")
    if parsed.dimension != "mass" or parsed.per_day:
        msg = f"body_weight={body_weight!r} is not a mass such as '70 kg'"
        raise InvalidLifeStageError(msg)
    kg = parsed.value / 10**9
    if kg <= 0:
        msg = f"body_weight={body_weight!r} must be more than 0 kg"
        raise InvalidLifeStageError(msg)
    return kg


def reference_intake(
    authority_name: str | Authority,
    *,
    age_years: int | float | Fraction | Decimal | None = None,
    age_months: int | float | Fraction | Decimal | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    body_weight: object = None,
) -> ReferenceIntake:
    """The authority's reference value for one person, with its citation.

    Give the age in years (``age_years``) or, for infants, in months (``age_months``).
    ``sex`` is required only where the authority's values differ by sex.  Where the value is
    set per kg body weight and ``body_weight`` (``"70 kg"``) is given, the result is computed
    from it and says which weight it used; for the UK the weight is required.  Records that
    are not set per kg (IOM, D-A-CH) ignore the weight; their ``body_weight_kg`` stays ``None``.

    >>> reference_intake("IOM", age_years=40, sex="male").value
    DailyDose('K1', '120 µg/day')
    >>> reference_intake("efsa", age_years=30, body_weight="82.5 kg").value
    DailyDose('K1', '82.5 µg/day')
    >>> reference_intake("IOM", age_years=40)
    Traceback (most recent call last):
    ...
    vitk2.MissingInputError: IOM's values at 40 y differ by sex ...
    >>> reference_intake("IOM", age_years=9, sex="female", pregnant=True)
    Traceback (most recent call last):
    ...
    vitk2.InvalidLifeStageError: pregnant=True at age 9 y is not accepted; ...
    """
    a = authority(authority_name)
    months = _age_in_months(age_years, age_months)
    sex_ = _sex(sex)
    cond = _condition(pregnant, lactating, sex_, months)
    shown_age = (
        f"{format_number(months)} mo"
        if age_years is None
        else f"{format_number(months / MONTHS_PER_YEAR)} y"
    )
    if not a.shipped:
        shipped = ", ".join(x.key for x in registered_authorities() if x.shipped)
        msg = (
            f"vitk2 ships no {a.key} values: {a.note} The value is unknown to vitk2, not zero; "
            f"authorities with values: {shipped}"
        )
        raise NoReferenceValueError(msg)
    matches = [
        r
        for r in all_reference_intakes(a.key)
        if r.life_stage.condition == cond
        and r.life_stage.contains(months)
        and (sex_ is None or r.life_stage.sex in (None, sex_))
    ]
    stage = shown_age + (f", {cond}" if cond else "")
    if not matches:
        msg = f"{a.key} sets no value vitk2 knows for age {stage}; the value is unknown, not zero"
        raise NoReferenceValueError(msg)
    if len(matches) > 1:
        values = "; ".join(f"{r.life_stage.sex}: {r.value}" for r in matches)
        msg = f"{a.key}'s values at {stage} differ by sex ({values}); give sex='female' or 'male'"
        raise MissingInputError(msg)
    record = matches[0]
    if record.per_kg_body_weight is None or body_weight is None:
        if record.value is None:
            msg = (
                f"{a.key} sets vitamin K per kg body weight "
                f"({format_number(record.per_kg_body_weight or Fraction(0))} µg/kg/day); "
                "give body_weight='70 kg'"
            )
            raise MissingInputError(msg)
        return record
    kg = _body_weight_kg(body_weight)
    value = DailyDose.from_micrograms_per_day(K1, record.per_kg_body_weight * kg)
    return attrs.evolve(record, value=value, body_weight_kg=kg)


# --- upper limits ---------------------------------------------------------------------------


def upper_limit(authority_name: str | Authority) -> UpperLimit:
    """What the authority says about an upper limit: 'not established', never a zero.

    >>> upper_limit("uk").guidance
    DailyDose('K1', '1 mg/day')
    >>> upper_limit("NHMRC").status
    'unknown'
    """
    return authority_data(authority_name).latest.upper_limit


# --- percent of reference -------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class PercentOfReference:
    """A daily dose as an exact percentage of a reference intake, compared by mass.

    ``same_vitamer`` is ``False`` when the dose is not K1: the references are for total vitamin
    K (mostly phylloquinone), so an MK-7 percentage is a comparison by mass of different
    vitamers, and ``note`` says so.

    >>> p = percent_of_reference(DailyDose("MK-7", "180 µg/day"),
    ...                          reference_intake("IOM", age_years=40, sex="female"))
    >>> p.percent, p.same_vitamer
    (Fraction(200, 1), False)
    >>> str(p)
    '180 µg/day MK-7 is 200% of the IOM AI (90 µg/day), by mass of different vitamers'
    """

    dose: DailyDose
    reference: ReferenceIntake
    percent: Fraction
    same_vitamer: bool
    note: str

    def __str__(self) -> str:
        """One sentence with the percentage, rounded for display only."""
        assert self.reference.value is not None
        ref = str(self.reference.value).removesuffix(f" {self.reference.value.vitamer.key}")
        pct = (
            format_number(self.percent)
            if self.percent.denominator in (1, 2, 4, 5)
            else (f"{float(self.percent):.3g}")
        )
        basis = "by mass" if self.same_vitamer else "by mass of different vitamers"
        who = f"{self.reference.authority.key} {self.reference.kind}"
        dose = str(self.dose)
        if len(dose.split(maxsplit=1)[0]) > 8:  # a long exact decimal: round it for reading
            dose = format(self.dose, ".4g")
        return f"{dose} is {pct}% of the {who} ({ref}), {basis}"


def percent_of_reference(dose: DailyDose, reference: ReferenceIntake) -> PercentOfReference:
    """A daily dose as an exact percentage of a reference intake (by mass).

    >>> ref = reference_intake("EFSA", age_years=30)
    >>> percent_of_reference(DailyDose("K1", "35 µg/day"), ref).percent
    Fraction(50, 1)
    """
    if not isinstance(dose, DailyDose):
        msg = f"percent_of_reference() takes a DailyDose such as '180 µg/day' MK-7, not {dose!r}"
        raise InvalidAmountError(msg)
    if not isinstance(reference, ReferenceIntake):
        msg = f"reference must be a ReferenceIntake from reference_intake(...), not {reference!r}"
        raise InvalidAmountError(msg)
    if reference.value is None or reference.value.micrograms_per_day == 0:
        msg = f"{reference} has no daily value; pass body_weight= to reference_intake()"
        raise MissingInputError(msg)
    same = dose.vitamer == reference.value.vitamer
    percent = dose.micrograms_per_day * 100 / reference.value.micrograms_per_day
    note = (
        "Reference intakes are for total vitamin K, set mostly on phylloquinone (K1)."
        if same
        else (
            f"Reference intakes are for total vitamin K, set mostly on phylloquinone (K1); "
            f"this compares {dose.vitamer.key} with them by mass, which says nothing about "
            "equal effect."
        )
    )
    return PercentOfReference(
        dose=dose, reference=reference, percent=percent, same_vitamer=same, note=note
    )
