"""Reference intakes of vitamin K by authority, edition and life stage, and the upper limits.

The authorities are data (one file each under ``vitk2/data/authorities/``, read by
:mod:`vitk2._authorities`).  Each value says what it counts (its :class:`Basis`) and how it was
read (its grade: ``primary`` in the authority's own text, ``secondary`` only in copies, with
the copies named).  Authorities vitk2 could not confirm are listed, and asking them for a value
raises :class:`NoReferenceValueError`: unknown is not zero.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from vitk2._amounts import DailyDose
from vitk2._authorities import (
    authority,
    authority_data,
    packaged_authorities,
    registered_authorities,
)
from vitk2._errors import (
    BareNumberError,
    InvalidAmountError,
    InvalidLifeStageError,
    MissingInputError,
    NoReferenceValueError,
    UnitParseError,
    UnknownAuthorityError,
)
from vitk2._intake_percent import (
    PercentOfReference,
    mk4_equivalents,
    percent_of_reference,
    phylloquinone_equivalents,
)
from vitk2._intake_records import (
    MONTHS_PER_YEAR,
    Authority,
    Basis,
    Condition,
    CountedVitamer,
    LifeStage,
    ReferenceIntake,
    Sex,
    UpperLimit,
)
from vitk2._text import alnum_key
from vitk2._units import brief, exact_magnitude, format_number, read_quantity
from vitk2._vitamers import K1

__all__ = [
    "AUTHORITIES",
    "Authority",
    "Basis",
    "CountedVitamer",
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
    "mk4_equivalents",
    "percent_of_reference",
    "phylloquinone_equivalents",
    "reference_basis",
    "reference_intake",
    "upper_limit",
]

#: Pregnancy or lactation below this age is refused as implausible input, not looked up.
_MIN_PREGNANCY_AGE_YEARS: Final = 10
_MAX_AGE_YEARS: Final = 130
#: Body weights outside this range are refused as typos (``"70 mg"``, ``"7000 kg"``).  The range
#: is a plausibility limit, not a clinical one: wide enough for the smallest surviving newborns
#: (about 0.25 kg) and the heaviest people recorded (about 600 kg).
_MIN_BODY_WEIGHT_KG: Final = Fraction(1, 5)
_MAX_BODY_WEIGHT_KG: Final = 700
#: Units accepted in a body weight written as text.
_BODY_WEIGHT_UNITS: Final = frozenset({"g", "kg"})

AUTHORITIES: Final[tuple[Authority, ...]] = packaged_authorities()
"""The packaged authorities, one per file under ``vitk2/data/authorities/`` (read on first use
of the intakes area)."""


def _fold(text: str) -> str:
    return alnum_key(text)


def all_reference_intakes(
    authority_name: str | Authority | None = None,
    *,
    edition: str | int | None = None,
    require_primary: bool = False,
) -> tuple[ReferenceIntake, ...]:
    """Every shipped reference value of the latest editions, or those of one authority.

    ``edition`` picks another edition of that authority (``"2015"``); ``require_primary=True``
    keeps only values read in the authority's own text.

    >>> len(all_reference_intakes("IOM"))
    12
    >>> len(all_reference_intakes("Japan", edition=2015))
    12
    >>> all_reference_intakes("Japan", require_primary=True)
    ()
    """
    _check_flag(require_primary, "require_primary")
    if authority_name is None:
        if edition is not None:
            msg = f"edition={edition!r} needs an authority: all_reference_intakes('Japan', ...)"
            raise MissingInputError(msg)
        found = tuple(r for a in registered_authorities() for r in authority_data(a).latest.values)
    else:
        found = authority_data(authority_name).edition(edition).values
    return tuple(r for r in found if r.grade == "primary") if require_primary else found


def reference_basis(authority_name: str | Authority, *, edition: str | int | None = None) -> Basis:
    """What the authority's value counts (latest edition unless ``edition`` is given).

    >>> print(reference_basis("IOM"))
    IOM 2001 counts K1 by mass
    >>> reference_basis("D-A-CH").known
    False
    """
    return authority_data(authority_name).edition(edition).basis


def _check_flag(value: object, name: str) -> None:
    if not isinstance(value, bool):
        msg = f"{name}={value!r} must be True or False"
        raise InvalidLifeStageError(msg)


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
    """A body weight in kg: text in kg or g, or a pint mass, within the plausibility range."""
    accepted = (
        f"give it in kg or g, from {format_number(_MIN_BODY_WEIGHT_KG)} kg to "
        f"{_MAX_BODY_WEIGHT_KG} kg, such as '70 kg' (pounds: convert them to kg first)"
    )
    try:
        parsed = read_quantity(body_weight, what="body weight")
    except BareNumberError:
        # The generic message suggests µg; a body weight is in kilograms.
        msg = (
            f"body_weight={brief(body_weight)} is a bare number, and vitk2 never guesses the "
            f"unit; give the body weight with a unit, e.g. '{str(body_weight).strip()[:20]} kg'"
        )
        raise BareNumberError(msg) from None
    except (UnitParseError, InvalidAmountError):
        # The generic messages list the units of a vitamin K amount (µg, nmol, …).
        msg = f"body_weight={brief(body_weight)} is not a body weight; {accepted}"
        raise InvalidLifeStageError(msg) from None
    if parsed.dimension != "mass" or parsed.per_day:
        msg = f"body_weight={brief(body_weight)} is not a mass; {accepted}"
        raise InvalidLifeStageError(msg)
    if isinstance(body_weight, str) and parsed.unit.code not in _BODY_WEIGHT_UNITS:
        msg = (
            f"body_weight={brief(body_weight)} is in {parsed.unit.symbol}, not a unit for a "
            f"person's weight; {accepted}"
        )
        raise InvalidLifeStageError(msg)
    kg = parsed.value / 10**9
    if not _MIN_BODY_WEIGHT_KG <= kg <= _MAX_BODY_WEIGHT_KG:
        msg = (
            f"body_weight={brief(body_weight)} is out of range; vitk2 accepts body weights from "
            f"{format_number(_MIN_BODY_WEIGHT_KG)} kg to {_MAX_BODY_WEIGHT_KG} kg (a plausibility "
            "limit that catches typos, not a clinical one)"
        )
        raise InvalidLifeStageError(msg)
    return kg


def reference_intake(
    authority_name: str | Authority,
    *,
    age_years: int | float | Fraction | Decimal | None = None,
    age_months: int | float | Fraction | Decimal | None = None,
    sex: Sex | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    body_weight: object = None,
    edition: str | int | None = None,
    require_primary: bool = False,
) -> ReferenceIntake:
    """The authority's reference value for one person, with its citation.

    Give the age in years (``age_years``) or, for infants, in months (``age_months``).
    ``sex`` (``"female"`` or ``"male"``, typed so that a type checker catches a misspelling;
    a misspelling is also refused when the call runs) is required only where the authority's
    values differ by sex.  Where the value is
    set per kg body weight and ``body_weight`` (``"70 kg"``) is given, the result is computed
    from it and says which weight it used; for the UK the weight is required.  Records that
    are not set per kg (IOM, D-A-CH) ignore the weight; their ``body_weight_kg`` stays ``None``.
    The weight is checked wherever it is given: text in kg or g (or a pint quantity of mass),
    from 0.2 kg to 700 kg, a plausibility limit that catches typos such as ``"70 mg"`` (as ages
    are accepted up to 130 y), not a clinical one.

    ``edition`` picks an edition (``"2020"``; default: the latest).  Every value has a
    :attr:`~ReferenceIntake.grade`; with ``require_primary=True`` a value read only in
    secondary copies is refused with :class:`NoReferenceValueError`, as an unknown one is.

    >>> reference_intake("IOM", age_years=40, sex="male").value
    DailyDose('K1', '120 µg/day')
    >>> reference_intake("efsa", age_years=30, body_weight="82.5 kg").value
    DailyDose('K1', '82.5 µg/day')
    >>> reference_intake("IOM", age_years=40)
    Traceback (most recent call last):
    ...
    vitk2.MissingInputError: IOM 2001's values at 40 y differ by sex ...
    >>> reference_intake("IOM", age_years=9, sex="female", pregnant=True)
    Traceback (most recent call last):
    ...
    vitk2.InvalidLifeStageError: pregnant=True at age 9 y is not accepted; ...
    >>> reference_intake("EFSA", age_years=30, body_weight="70 mg")
    Traceback (most recent call last):
    ...
    vitk2.InvalidLifeStageError: body_weight='70 mg' is in mg, not a unit for a person's weight; ...
    >>> r = reference_intake("Japan", age_years=40)
    >>> r.value, r.edition, r.grade
    (DailyDose('K1', '150 µg/day'), '2025', 'secondary')
    >>> reference_intake("Japan", age_years=5, edition="2015").value
    DailyDose('K1', '70 µg/day')
    >>> reference_intake("Japan", age_years=40, require_primary=True)
    Traceback (most recent call last):
    ...
    vitk2.NoReferenceValueError: Japan 2025's value at 40 y was read only in secondary copies ...
    """
    _check_flag(require_primary, "require_primary")
    data = authority_data(authority_name)
    a = data.authority
    chosen = data.edition(edition)
    months = _age_in_months(age_years, age_months)
    sex_ = _sex(sex)
    cond = _condition(pregnant, lactating, sex_, months)
    # Checked even where the value is not set per kg: a typo is never silently ignored.
    kg = None if body_weight is None else _body_weight_kg(body_weight)
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

    def matching(values: tuple[ReferenceIntake, ...]) -> list[ReferenceIntake]:
        return [
            r
            for r in values
            if r.life_stage.condition == cond
            and r.life_stage.contains(months)
            and (sex_ is None or r.life_stage.sex in (None, sex_))
        ]

    matches = matching(chosen.values)
    stage = shown_age + (f", {cond}" if cond else "")
    who = f"{a.key} {chosen.edition}"
    if not matches:
        others = [e.edition for e in data.editions if e is not chosen and matching(e.values)]
        hint = f"; edition {' or '.join(others)} has one (edition='{others[0]}')" if others else ""
        msg = f"{who} sets no value vitk2 knows for age {stage}; the value is unknown, not zero"
        raise NoReferenceValueError(msg + hint)
    if len(matches) > 1:
        values = "; ".join(f"{r.life_stage.sex}: {r.value}" for r in matches)
        msg = f"{who}'s values at {stage} differ by sex ({values}); give sex='female' or 'male'"
        raise MissingInputError(msg)
    if sex_ is None and cond is None and matches[0].life_stage.sex is not None:
        msg = (
            f"{who} gives a value at {stage} only for {matches[0].life_stage.sex} (the other is "
            "unknown to vitk2); give sex='female' or 'male'"
        )
        raise MissingInputError(msg)
    record = matches[0]
    if require_primary and record.grade != "primary":
        msg = (
            f"{who}'s value at {stage} was read only in secondary copies "
            f"({'; '.join(record.copies)}); with require_primary=True it is not used"
        )
        raise NoReferenceValueError(msg)
    if record.per_kg_body_weight is None or kg is None:
        if record.value is None:
            msg = (
                f"{a.key} sets vitamin K per kg body weight "
                f"({format_number(record.per_kg_body_weight or Fraction(0))} µg/kg/day); "
                "give body_weight='70 kg'"
            )
            raise MissingInputError(msg)
        return record
    value = DailyDose.from_micrograms_per_day(K1, record.per_kg_body_weight * kg)
    return attrs.evolve(record, value=value, body_weight_kg=kg)


# --- upper limits ---------------------------------------------------------------------------


def upper_limit(authority_name: str | Authority, *, edition: str | int | None = None) -> UpperLimit:
    """What the authority says about an upper limit: 'not established', never a zero.

    >>> upper_limit("uk").guidance
    DailyDose('K1', '1 mg/day')
    >>> upper_limit("NHMRC").status
    'unknown'
    >>> upper_limit("Japan").status, upper_limit("Japan", edition="2015").status
    ('not established', 'unknown')
    """
    return authority_data(authority_name).edition(edition).upper_limit
