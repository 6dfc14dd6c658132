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

import json
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, Literal, final

import attrs

from vitk2._amounts import DailyDose
from vitk2._errors import (
    BareNumberError,
    InvalidAmountError,
    InvalidLifeStageError,
    MissingInputError,
    NoReferenceValueError,
    UnknownAuthorityError,
    Vitk2Error,
)
from vitk2._sources import Citation, citation
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

Sex = Literal["female", "male"]
Condition = Literal["pregnancy", "lactation"]
UpperLimitStatus = Literal["not established", "unknown"]

_MONTHS_PER_YEAR: Final = 12
#: Pregnancy or lactation below this age is refused as implausible input, not looked up.
_MIN_PREGNANCY_AGE_YEARS: Final = 10
_MAX_AGE_YEARS: Final = 130


# --- errors --------------------------------------------------------------------------------


# --- authorities -----------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Authority:
    """A body that publishes vitamin K reference values.

    >>> authority("us").name
    'US/Canada Food and Nutrition Board, Institute of Medicine (2001)'
    """

    key: str
    name: str
    kinds: str
    """The kind of value the authority publishes (AI, RNI, Schätzwert, per-kg guidance)."""
    aliases: tuple[str, ...]
    shipped: bool
    """Whether vitk2 ships values for this authority (``False``: listed, but unconfirmed)."""
    note: str


AUTHORITIES: Final[tuple[Authority, ...]] = (
    Authority(
        key="IOM",
        name="US/Canada Food and Nutrition Board, Institute of Medicine (2001)",
        kinds="AI (adequate intake)",
        aliases=("iom", "iom 2001", "us", "usa", "canada", "us/canada", "nasem", "fnb", "dri"),
        shipped=True,
        note="Adequate intakes for every life stage, including pregnancy and lactation.",
    ),
    Authority(
        key="EFSA",
        name="European Food Safety Authority, NDA Panel (2017)",
        kinds="AI, 1 µg phylloquinone per kg body weight per day",
        aliases=("efsa", "efsa 2017", "eu", "europe"),
        shipped=True,
        note="Tabulated AIs use reference body weights; pass body_weight to apply the per-kg rule.",
    ),
    Authority(
        key="D-A-CH",
        name="DGE, ÖGE and SGE (Germany, Austria, Switzerland)",
        kinds="Schätzwert (estimated adequate intake)",
        aliases=("d-a-ch", "dach", "dge", "germany", "austria", "switzerland"),
        shipped=True,
        note="Estimated values for an adequate intake.",
    ),
    Authority(
        key="UK",
        name="NHS / Department of Health and Social Care (UK)",
        kinds="per-kg guidance (about 1 µg per kg body weight per day for adults)",
        aliases=("uk", "nhs", "dhsc", "united kingdom"),
        shipped=True,
        note="Adults only; the COMA 1991 'safe intake' wording is not confirmed and not shipped.",
    ),
    Authority(
        key="WHO/FAO",
        name="Joint FAO/WHO Expert Consultation (2004)",
        kinds="RNI (recommended nutrient intake)",
        aliases=("who", "fao", "who/fao", "fao/who", "who fao"),
        shipped=False,
        note=(
            "RNI table seen only in third-party copies; the vitamin K chapter of the FAO/WHO "
            "book could not be read to confirm it."
        ),
    ),
    Authority(
        key="NHMRC",
        name="NHMRC, Australia and New Zealand (2006)",
        kinds="AI (adequate intake)",
        aliases=("nhmrc", "australia", "new zealand", "anz", "au/nz", "nrv"),
        shipped=False,
        note=(
            "AI table seen only in third-party copies citing nrv.gov.au; the NHMRC text "
            "could not be read to confirm it."
        ),
    ),
    Authority(
        key="Japan",
        name="Ministry of Health, Labour and Welfare, Japan (Dietary Reference Intakes)",
        kinds="AI (目安量, adequate intake)",
        aliases=("japan", "mhlw", "jp"),
        shipped=False,
        note=(
            "AI tables seen only in secondary copies; the MHLW 2025 report's method text "
            "(no upper limit) was read, its AI table was not."
        ),
    ),
)


def _fold(text: str) -> str:
    """Case-, width- and whitespace-insensitive key: ``' D-A-CH '`` and ``'dach'`` agree."""
    return alnum_key(text)


@cache
def _authority_index() -> dict[str, Authority]:
    index: dict[str, Authority] = {}
    for a in AUTHORITIES:
        for name in (a.key, *a.aliases):
            index[_fold(name)] = a
    return index


def authority(name: str | Authority) -> Authority:
    """Look up an authority by key or alias, ignoring case, spaces and punctuation.

    >>> authority("  efsa ").key
    'EFSA'
    >>> authority("Dach").key
    'D-A-CH'
    >>> authority("Atlantis")
    Traceback (most recent call last):
    ...
    vitk2.UnknownAuthorityError: no authority 'Atlantis'; known: IOM, EFSA, ...
    """
    if isinstance(name, Authority):
        return name
    if not isinstance(name, str):
        msg = f"authority must be a name such as 'IOM' or 'EFSA', not {name!r}"
        raise UnknownAuthorityError(msg)
    found = _authority_index().get(_fold(name))
    if found is None:
        known = ", ".join(a.key for a in AUTHORITIES)
        msg = f"no authority {name!r}; known: {known}"
        raise UnknownAuthorityError(msg)
    return found


# --- records --------------------------------------------------------------------------------


def _age_text(months: int) -> str:
    if months < _MONTHS_PER_YEAR or months % _MONTHS_PER_YEAR:
        return f"{months} mo"
    return f"{months // _MONTHS_PER_YEAR} y"


@final
@attrs.frozen(kw_only=True)
class LifeStage:
    """Who a reference value is for: an age band, a sex, pregnancy or lactation.

    Ages are in whole months, ``from_months`` inclusive and ``to_months`` exclusive
    (``None``: no upper bound).  ``sex=None`` means the value is the same for both sexes.

    >>> str(LifeStage(from_months=228, to_months=None, sex="female", condition=None))
    '19 y and over, female'
    """

    from_months: int = attrs.field(validator=attrs.validators.ge(0))
    to_months: int | None
    sex: Sex | None = None
    condition: Condition | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse an empty band."""
        if self.to_months is not None and self.to_months <= self.from_months:
            msg = f"empty age band {self.from_months}..{self.to_months} months"
            raise InvalidLifeStageError(msg)

    def contains(self, months: Fraction) -> bool:
        """Whether an age in months falls in this band."""
        return self.from_months <= months and (self.to_months is None or months < self.to_months)

    def __str__(self) -> str:
        """Readable, e.g. ``'1 y to under 4 y, male, pregnancy'``."""
        lo = _age_text(self.from_months)
        band = (
            f"{lo} and over"
            if self.to_months is None
            else f"{lo} to under {_age_text(self.to_months)}"
        )
        parts = [band]
        if self.sex is not None:
            parts.append(self.sex)
        if self.condition is not None:
            parts.append(self.condition)
        return ", ".join(parts)


def _check_sources(_inst: object, _attr: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        msg = "a reference value must cite at least one source"
        raise Vitk2Error(msg)


@final
@attrs.frozen(kw_only=True)
class ReferenceIntake:
    """One authority's reference value for vitamin K at one life stage.

    ``value`` is a :class:`~vitk2.DailyDose` of vitamin K1 (the references are for total
    vitamin K, set mostly on phylloquinone).  ``per_kg_body_weight`` is the exact µg/kg/day
    rule where the authority gives one.  A record computed from a body weight says which
    weight it used in ``body_weight_kg``.

    >>> r = reference_intake("IOM", age_years=40, sex="female")
    >>> r.value, r.kind
    (DailyDose('K1', '90 µg/day'), 'AI')
    >>> str(r)
    'IOM AI, 19 y and over, female: 90 µg/day (total vitamin K, as K1)'
    """

    authority: Authority
    life_stage: LifeStage
    kind: str
    value: DailyDose | None
    per_kg_body_weight: Fraction | None = None
    """µg per kg body weight per day, exact, where the value is set per kg."""
    body_weight_kg: Fraction | None = None
    """The body weight used to compute ``value`` from the per-kg rule, if any."""
    sources: tuple[str, ...] = attrs.field(validator=_check_sources)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """A record has a value, a per-kg rule, or both."""
        if self.value is None and self.per_kg_body_weight is None:
            msg = "a reference intake needs a value or a per-kg rule"
            raise Vitk2Error(msg)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The cited sources as :class:`~vitk2.Citation` objects."""
        return tuple(citation(k) for k in self.sources)

    def __str__(self) -> str:
        """One line: authority, kind, life stage and value."""
        head = f"{self.authority.key} {self.kind}, {self.life_stage}"
        if self.value is None:
            rule = format_number(self.per_kg_body_weight or Fraction(0))
            return f"{head}: {rule} µg/kg body weight/day (total vitamin K)"
        shown = str(self.value).removesuffix(f" {self.value.vitamer.key}")
        weight = ""
        if self.body_weight_kg is not None:
            weight = f" for {format_number(self.body_weight_kg)} kg body weight"
        return f"{head}: {shown}{weight} (total vitamin K, as K1)"


@cache
def _records() -> tuple[ReferenceIntake, ...]:
    text = resources.files("vitk2").joinpath("data", "intakes.json").read_text(encoding="utf-8")
    out = []
    for raw in json.loads(text):
        ug = raw["ug_per_day"]
        per_kg = raw["ug_per_kg_per_day"]
        out.append(
            ReferenceIntake(
                authority=authority(raw["authority"]),
                life_stage=LifeStage(
                    from_months=raw["from_months"],
                    to_months=raw["to_months"],
                    sex=raw["sex"],
                    condition=raw["condition"],
                ),
                kind=raw["kind"],
                value=None if ug is None else DailyDose.from_micrograms_per_day(K1, ug),
                per_kg_body_weight=None if per_kg is None else Fraction(per_kg),
                sources=tuple(raw["sources"]),
                note=raw.get("note"),
            )
        )
    return tuple(out)


def all_reference_intakes(authority_name: str | None = None) -> tuple[ReferenceIntake, ...]:
    """Every shipped reference value, or those of one authority.

    >>> len(all_reference_intakes("IOM"))
    12
    """
    recs = _records()
    if authority_name is None:
        return recs
    a = authority(authority_name)
    return tuple(r for r in recs if r.authority == a)


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
    months = value * _MONTHS_PER_YEAR if unit == "years" else value
    if months > _MAX_AGE_YEARS * _MONTHS_PER_YEAR:
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
    if months < _MIN_PREGNANCY_AGE_YEARS * _MONTHS_PER_YEAR:
        shown = format_number(months / _MONTHS_PER_YEAR)
        msg = (
            f"{what}=True at age {shown} y is not accepted; vitk2 takes pregnancy and lactation "
            f"from {_MIN_PREGNANCY_AGE_YEARS} years"
        )
        raise InvalidLifeStageError(msg)
    return "pregnancy" if pregnant else "lactation"


def _body_weight_kg(body_weight: object) -> Fraction:
    try:
        parsed = read_quantity(body_weight, what="body weight")
    except BareNumberError:
        # The generic message suggests µg; a body weight is in kilograms.
        msg = (
            f"body_weight={body_weight!r} is a bare number, and vitk2 never guesses the unit; "
            f"give the body weight with a unit, e.g. '{str(body_weight).strip()[:20]} kg'"
        )
        raise BareNumberError(msg) from None
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
        else f"{format_number(months / _MONTHS_PER_YEAR)} y"
    )
    if not a.shipped:
        msg = (
            f"vitk2 ships no {a.key} values: {a.note} The value is unknown to vitk2, not zero; "
            f"authorities with values: {', '.join(x.key for x in AUTHORITIES if x.shipped)}"
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


@final
@attrs.frozen(kw_only=True)
class UpperLimit:
    """What an authority says about a tolerable upper intake level for vitamin K.

    No authority sets one.  ``status`` is ``"not established"`` where the source says so, and
    ``"unknown"`` where vitk2 has not confirmed what the authority says; it is never a zero.
    ``guidance`` carries a separate advisory amount where one exists (the NHS's 1 mg/day of
    supplements), which is not an upper limit.

    >>> ul = upper_limit("IOM")
    >>> ul.status, ul.established
    ('not established', False)
    >>> str(ul)
    'IOM: no upper limit established for vitamin K'
    """

    authority: Authority
    status: UpperLimitStatus
    guidance: DailyDose | None = None
    sources: tuple[str, ...] = ()
    note: str

    def __attrs_post_init__(self) -> None:
        """A 'not established' statement must cite who says so."""
        if self.status == "not established" and not self.sources:
            msg = f"{self.authority.key}: 'not established' needs a citation"
            raise Vitk2Error(msg)

    @property
    def established(self) -> bool:
        """Always ``False``: no authority has set an upper limit for vitamin K."""
        return False

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The cited sources as :class:`~vitk2.Citation` objects."""
        return tuple(citation(k) for k in self.sources)

    def __str__(self) -> str:
        """One line, e.g. ``'IOM: no upper limit established for vitamin K'``."""
        if self.status == "unknown":
            return f"{self.authority.key}: upper limit unknown to vitk2 (not confirmed)"
        text = f"{self.authority.key}: no upper limit established for vitamin K"
        if self.guidance is not None:
            text += f" (guidance: {self.guidance})"
        return text


_UPPER_LIMITS: Final[dict[str, tuple[UpperLimitStatus, str | None, tuple[str, ...], str]]] = {
    "IOM": (
        "not established",
        None,
        ("iom-2001",),
        "ULs could not be established for lack of suitable data (not determinable).",
    ),
    "EFSA": (
        "not established",
        None,
        ("efsa-2017",),
        "EFSA's 2017 opinion sets adequate intakes only; no tolerable upper intake level.",
    ),
    "UK": (
        "not established",
        "1000",
        ("nhs-vitamin-k",),
        (
            "No upper limit; the NHS says 1 mg or less a day of vitamin K supplements is "
            "unlikely to cause harm. That guidance is about supplements, not an upper limit."
        ),
    ),
    "Japan": (
        "not established",
        None,
        ("mhlw-dri-2025",),
        (
            "No tolerable upper intake level is set, as adverse effects are hardly seen even "
            "at drug doses."
        ),
    ),
    "D-A-CH": ("unknown", None, (), "No statement on an upper limit was confirmed."),
    "WHO/FAO": ("unknown", None, (), "No statement on an upper limit was confirmed."),
    "NHMRC": ("unknown", None, (), "No statement on an upper limit was confirmed."),
}


def upper_limit(authority_name: str | Authority) -> UpperLimit:
    """What the authority says about an upper limit: 'not established', never a zero.

    >>> upper_limit("uk").guidance
    DailyDose('K1', '1 mg/day')
    >>> upper_limit("NHMRC").status
    'unknown'
    """
    a = authority(authority_name)
    status, guidance, sources, note = _UPPER_LIMITS[a.key]
    return UpperLimit(
        authority=a,
        status=status,
        guidance=None if guidance is None else DailyDose.from_micrograms_per_day(K1, guidance),
        sources=sources,
        note=note,
    )


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
