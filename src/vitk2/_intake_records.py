"""The records of reference intakes: authorities, life stages, values, upper limits, bases.

They hold what an authority file under ``vitk2/data/authorities/`` says (read by
:mod:`vitk2._authorities`); looking values up is :mod:`vitk2._intakes`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Final, Literal, final

import attrs

from vitk2._amounts import DailyDose
from vitk2._errors import InvalidLifeStageError, Vitk2Error
from vitk2._sources import Citation, citation
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__ = [
    "MONTHS_PER_YEAR",
    "Authority",
    "Basis",
    "BasisRule",
    "Condition",
    "CountedVitamer",
    "Grade",
    "LifeStage",
    "ReferenceIntake",
    "Sex",
    "UpperLimit",
    "UpperLimitStatus",
]

Sex = Literal["female", "male"]
Condition = Literal["pregnancy", "lactation"]
UpperLimitStatus = Literal["not established", "unknown"]

Grade = Literal["primary", "secondary"]
"""``primary``: read in the authority's own text; ``secondary``: read only in copies."""

MONTHS_PER_YEAR: Final = 12


class _Cited:
    """``citations`` from ``sources``; ``grade`` from ``copies`` (a figure read only in copies)."""

    __slots__ = ()
    sources: tuple[str, ...]
    copies: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The cited sources as :class:`~vitk2.Citation` objects."""
        return tuple(citation(k) for k in self.sources)

    @property
    def grade(self) -> Grade:
        """``"primary"`` if read in the authority's own text, ``"secondary"`` if only in copies."""
        return "secondary" if self.copies else "primary"


@final
@attrs.frozen(kw_only=True)
class Authority:
    """A body that publishes vitamin K reference values.

    >>> from vitk2 import authority
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
    editions: tuple[str, ...] = ()
    """The editions vitk2 knows, latest first (``("2025", "2020", "2015")``); the latest is
    the default of every lookup."""


def _age_text(months: int) -> str:
    if months < MONTHS_PER_YEAR or months % MONTHS_PER_YEAR:
        return f"{months} mo"
    return f"{months // MONTHS_PER_YEAR} y"


@final
@attrs.frozen(kw_only=True)
class LifeStage:
    """Who a reference value is for: an age band, a sex, pregnancy or lactation.

    Ages are in whole months, ``from_months`` inclusive and ``to_months`` exclusive
    (``None``: no upper bound).  ``sex=None`` means the value is the same for both sexes.

    >>> from vitk2 import LifeStage
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
class ReferenceIntake(_Cited):
    """One authority's reference value for vitamin K at one life stage, in one edition.

    ``value`` is a :class:`~vitk2.DailyDose` written as K1 (the references are for "vitamin
    K"; what each one counts is its :attr:`basis`).  ``per_kg_body_weight`` is the exact
    µg/kg/day rule where the authority gives one.  A record computed from a body weight says
    which weight it used in ``body_weight_kg``.  ``copies`` names where a value read only in
    secondary copies was read; :attr:`grade` is ``"secondary"`` then.

    >>> from vitk2 import reference_intake
    >>> r = reference_intake("IOM", age_years=40, sex="female")
    >>> r.value, r.kind, r.edition, r.grade
    (DailyDose('K1', '90 µg/day'), 'AI', '2001', 'primary')
    >>> str(r)
    'IOM 2001 AI, 19 y and over, female: 90 µg/day [primary; counts K1 by mass]'
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
    edition: str = ""
    """The edition the value is from (``"2001"``, ``"2025"``)."""
    copies: tuple[str, ...] = ()
    """Where a value read only in secondary copies was read (empty for a primary value)."""
    basis: Basis | None = None
    """What the authority's number counts (``None`` only for records built by hand)."""

    def __attrs_post_init__(self) -> None:
        """A record has a value, a per-kg rule, or both."""
        if self.value is None and self.per_kg_body_weight is None:
            msg = "a reference intake needs a value or a per-kg rule"
            raise Vitk2Error(msg)

    def __str__(self) -> str:
        """One line: authority, edition, kind, life stage, value, grade and basis."""
        who = " ".join(x for x in (self.authority.key, self.edition) if x)
        head = f"{who} {self.kind}, {self.life_stage}"
        tail = f"[{self.grade}; {_counts_text(self.basis)}]"
        if self.value is None:
            rule = format_number(self.per_kg_body_weight or Fraction(0))
            return f"{head}: {rule} µg/kg body weight/day {tail}"
        shown = str(self.value).removesuffix(f" {self.value.vitamer.key}")
        weight = ""
        if self.body_weight_kg is not None:
            weight = f" for {format_number(self.body_weight_kg)} kg body weight"
        return f"{head}: {shown}{weight} {tail}"


def _counts_text(basis: Basis | None) -> str:
    if basis is None or basis.counts is None:
        return "what it counts is not confirmed"
    return "counts " + basis.counted_text()


@final
@attrs.frozen(kw_only=True)
class UpperLimit(_Cited):
    """What an authority says about a tolerable upper intake level for vitamin K.

    No authority sets one.  ``status`` is ``"not established"`` where the source says so, and
    ``"unknown"`` where vitk2 has not confirmed what the authority says; it is never a zero.
    ``guidance`` carries a separate advisory amount where one exists (the NHS's 1 mg/day of
    supplements), which is not an upper limit.

    >>> from vitk2 import upper_limit
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

    def __str__(self) -> str:
        """One line, e.g. ``'IOM: no upper limit established for vitamin K'``."""
        if self.status == "unknown":
            return f"{self.authority.key}: upper limit unknown to vitk2 (not confirmed)"
        text = f"{self.authority.key}: no upper limit established for vitamin K"
        if self.guidance is not None:
            text += f" (guidance: {self.guidance})"
        return text


BasisRule = Literal["mass", "moles", "factor"]


@final
@attrs.frozen(kw_only=True)
class CountedVitamer:
    """One vitamer an authority's value counts, and how a microgram of it is counted.

    ``factor`` is exact: µg counted per µg of ``vitamer``.  ``rule`` says where it comes from:
    ``"mass"`` (1, counted by weight), ``"moles"`` (the ratio of vitk2's molar masses, so an
    amount counts as the same number of moles of ``as_vitamer``) or ``"factor"`` (a ratio
    the authority writes out).
    """

    vitamer: Vitamer
    rule: BasisRule
    as_vitamer: Vitamer
    factor: Fraction

    def __str__(self) -> str:
        """E.g. ``'MK-7 as MK-4 equivalents (× 4447/6490)'`` or ``'K1 by mass'``."""
        if self.rule == "mass":
            return f"{self.vitamer.key} by mass"
        how = "by moles" if self.rule == "moles" else f"× {self.factor}"
        return f"{self.vitamer.key} as {self.as_vitamer.key} ({how})"


@final
@attrs.frozen(kw_only=True)
class Basis(_Cited):
    """What an authority's reference value counts: which vitamers, and how each is counted.

    ``counts`` is ``None`` where vitk2 has not confirmed what the value counts: unknown, not
    "everything".  ``sources`` cite where the basis was read; ``copies`` name the copies a
    basis read only in secondary copies was read in.

    >>> from vitk2 import reference_basis
    >>> b = reference_basis("EFSA")
    >>> b.counted_text(), b.grade, b.factor("MK-7")
    ('K1 by mass', 'primary', None)
    >>> print(reference_basis("Japan").counted_text())
    K1 and MK-4 by mass, MK-7 as MK-4 (by moles)
    """

    authority: str
    """The authority's key."""
    edition: str
    text: str
    counts: tuple[CountedVitamer, ...] | None
    sources: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        """A known basis cites where it was read."""
        if self.counts is not None and not self.sources:
            msg = f"{self.authority} {self.edition}: the basis {self.text!r} needs a citation"
            raise Vitk2Error(msg)

    @property
    def known(self) -> bool:
        """Whether vitk2 knows what the value counts."""
        return self.counts is not None

    def factor(self, which: Vitamer | str) -> Fraction | None:
        """µg counted per µg of the vitamer, or ``None`` if the value does not count it."""
        v = which if isinstance(which, Vitamer) else vitamer(which)
        for c in self.counts or ():
            if c.vitamer == v:
                return c.factor
        return None

    def counted_text(self) -> str:
        """What is counted, in words: ``'K1 and MK-4 by mass, MK-7 as MK-4 (by moles)'``."""
        if self.counts is None:
            return "not confirmed"
        by_mass = [c.vitamer.key for c in self.counts if c.rule == "mass"]
        parts = []
        if by_mass:
            keys = (
                by_mass[0] if len(by_mass) == 1 else f"{', '.join(by_mass[:-1])} and {by_mass[-1]}"
            )
            parts.append(f"{keys} by mass")
        parts += [str(c) for c in self.counts if c.rule != "mass"]
        return ", ".join(parts)

    def __str__(self) -> str:
        """``'IOM 2001 counts K1 by mass'``."""
        if self.counts is None:
            return f"{self.authority} {self.edition}: what the value counts is not confirmed"
        return f"{self.authority} {self.edition} counts {self.counted_text()}"
