"""An intake as a percentage of a reference intake, counted on the reference's own basis.

A reference intake counts some vitamers and not others (IOM 2001 and EFSA 2017 count
phylloquinone; Japan counts K1 and MK-4 by mass and MK-7 as MK-4 equivalents).
:func:`percent_of_reference` counts exactly what the reference counts, with its conversion,
and says what it counted, what it left out and what was unknown; ``by="mass"`` is the plain
total by mass of every form, labelled as such.

Also the named equivalents, as exact conversions: MK-4 equivalents (Japan's DRIs) and
phylloquinone equivalents by moles ("PKeq", Jensen et al. 2025).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final, Literal, final, overload

import attrs

from vitk2._amounts import Amount, DailyDose
from vitk2._errors import IncompatibleVitamersError, InvalidAmountError, MissingInputError
from vitk2._intake_records import ReferenceIntake
from vitk2._sources import citation
from vitk2._units import format_number
from vitk2._vitamers import K1, MK4, Vitamer

__all__ = [
    "MK4_EQUIVALENTS",
    "PHYLLOQUINONE_EQUIVALENTS",
    "Counting",
    "Equivalent",
    "PercentOfReference",
    "compare_doses",
    "mk4_equivalents",
    "percent_of_reference",
    "phylloquinone_equivalents",
]

Counting = Literal["basis", "mass"]


def _join(doses: Iterable[DailyDose]) -> str:
    return " + ".join(_short(d) for d in doses) or "nothing"


def _short(dose: DailyDose) -> str:
    text = str(dose)
    if len(text.split(maxsplit=1)[0]) > 8:  # a long exact decimal: round it for reading
        text = format(dose, ".4g")
    return text


def _percent_text(p: Fraction) -> str:
    if p.denominator in (1, 2, 4, 5):
        return format_number(p)
    return f"{float(p):.0f}" if p >= 100 else f"{float(p):.3g}"


def _parts(doses: tuple[DailyDose, ...]) -> str:
    """A few doses in full; more as their vitamers (with something in them) only."""
    shown = tuple(d for d in doses if d.micrograms_per_day) or doses
    if len(shown) <= 2:
        return _join(shown)
    return ", ".join(d.vitamer.key for d in shown)


@final
@attrs.frozen(kw_only=True)
class PercentOfReference:
    """An intake as an exact percentage of a reference intake, and what was counted.

    ``intake`` is what was compared, one daily dose per vitamer.  ``by="basis"`` counts what
    the reference counts (:attr:`ReferenceIntake.basis`), with its conversion: ``counted``
    are the parts it counts, ``counted_micrograms_per_day`` their total as the reference
    counts it, ``left_out`` the parts it does not count.  ``unknown`` are counted vitamers
    whose amount was unknown (a diary entry without a value): the percentage is then a lower
    bound.  ``by="mass"`` is the plain total by mass of every form.  Where the reference's
    basis is not confirmed, the comparison is by mass, and ``by`` and ``note`` say so.

    >>> from vitk2 import DailyDose, reference_intake
    >>> ref = reference_intake("IOM", age_years=40, sex="female")
    >>> p = percent_of_reference([DailyDose("K1", "45 µg/day"), DailyDose("MK-7", "180 µg/day")], ref)
    >>> p.percent, [str(d) for d in p.left_out]
    (Fraction(50, 1), ['180 µg/day MK-7'])
    >>> print(p)
    45 µg/day K1 + 180 µg/day MK-7 is 50% of the IOM 2001 AI (90 µg/day), counting K1 by mass; left out: 180 µg/day MK-7
    """  # noqa: E501

    intake: tuple[DailyDose, ...]
    reference: ReferenceIntake
    by: Counting
    percent: Fraction
    counted: tuple[DailyDose, ...]
    counted_micrograms_per_day: Fraction
    left_out: tuple[DailyDose, ...] = ()
    unknown: tuple[Vitamer, ...] = ()
    unattributed: tuple[str, ...] = ()
    """Parts whose form is not known (a label line that declares no single form), described."""
    unattributed_micrograms_per_day: Fraction = Fraction(0)
    """Their mass: added by mass; not counted on a basis, which makes the percent a bound."""
    note: str

    @property
    def is_lower_bound(self) -> bool:
        """True when a counted amount, or the form of a part, was unknown: it may be higher."""
        return bool(self.unknown) or (self.by == "basis" and bool(self.unattributed))

    @property
    def dose(self) -> DailyDose | None:
        """The intake when it is one vitamer (as before intakes could be lists), else ``None``."""
        return self.intake[0] if len(self.intake) == 1 else None

    @property
    def same_vitamer(self) -> bool:
        """Whether the intake is all K1, the vitamer the reference values are written in."""
        return all(d.vitamer == K1 for d in self.intake)

    def __str__(self) -> str:
        """One sentence: the percentage (rounded for display only) and how it was counted."""
        ref = self.reference
        assert ref.value is not None
        value = str(ref.value).removesuffix(f" {ref.value.vitamer.key}")
        who = " ".join(x for x in (ref.authority.key, ref.edition) if x) + f" {ref.kind}"
        at_least = "at least " if self.is_lower_bound else ""
        what = (
            _parts(self.intake) if len(self.intake) <= 2 else f"An intake of {_parts(self.intake)}"
        )
        head = f"{what} is {at_least}{_percent_text(self.percent)}% of the {who}"
        head += f" ({value})"
        if self.by == "mass":
            how = "by mass" if self.same_vitamer else "by mass of different vitamers"
            if self.unattributed:
                how += f", including parts of unknown form ({'; '.join(self.unattributed)})"
            if ref.basis is None or not ref.basis.known or self.same_vitamer:
                return f"{head}, {how}"
            return f"{head}, {how} (a plain total, not what {ref.authority.key} counts)"
        assert ref.basis is not None
        text = f"{head}, counting {ref.basis.counted_text()}"
        if len(self.intake) > 2:
            counted = DailyDose.from_micrograms_per_day(K1, self.counted_micrograms_per_day)
            text += f" ({_short(counted).removesuffix(' K1')} counted)"
        if any(d.micrograms_per_day for d in self.left_out):
            text += f"; left out: {_parts(self.left_out)}"
        if self.unknown:
            text += f"; unknown: {', '.join(v.key for v in self.unknown)}"
        if self.unattributed:
            text += f"; form not known for: {'; '.join(self.unattributed)}"
        return text


def _daily(x: object) -> DailyDose:
    if isinstance(x, DailyDose):
        return x
    if isinstance(x, Amount):  # an amount eaten: read as one day's intake, as a diary is
        return x.per_day()
    msg = (
        f"percent_of_reference() takes a DailyDose such as DailyDose('MK-7', '180 µg/day'), "
        f"amounts eaten in a day, a list of them, or a diary; not {x!r}"
    )
    raise InvalidAmountError(msg)


def _read_intake(intake: object) -> tuple[tuple[DailyDose, ...], tuple[Vitamer, ...]]:
    """The intake as one daily dose per vitamer (in first-seen order) and the unknown vitamers."""
    totals = getattr(intake, "totals", None)
    if callable(totals) and not isinstance(intake, Amount | DailyDose):
        intake = totals()  # a Diary: its totals
    per_vitamer = getattr(intake, "per_vitamer", None)
    items: list[DailyDose] = []
    unknown: list[Vitamer] = []
    if per_vitamer is not None:  # diary totals: known parts, and vitamers with unknown entries
        for t in per_vitamer:
            if t.known is not None:
                items.append(_daily(t.known))
            if t.unknown_entries:
                unknown.append(t.vitamer)
    elif isinstance(intake, Amount | DailyDose):
        items.append(_daily(intake))
    elif isinstance(intake, Iterable) and not isinstance(intake, str | bytes):
        items.extend(_daily(x) for x in intake)
    else:
        items.append(_daily(intake))
    summed: dict[Vitamer, Fraction] = {}
    for d in items:
        summed[d.vitamer] = summed.get(d.vitamer, Fraction(0)) + d.micrograms_per_day
    doses = tuple(DailyDose.from_micrograms_per_day(v, ug) for v, ug in summed.items())
    return doses, tuple(unknown)


def _check_by(by: object) -> Counting:
    if by == "basis":
        return "basis"
    if by == "mass":
        return "mass"
    msg = f"by={by!r} is not accepted; give by='basis' (what the reference counts) or by='mass'"
    raise InvalidAmountError(msg)


def percent_of_reference(
    intake: object, reference: ReferenceIntake, *, by: Counting = "basis"
) -> PercentOfReference:
    """An intake as an exact percentage of a reference intake, counted on its basis.

    *intake* is a :class:`~vitk2.DailyDose`, an :class:`~vitk2.Amount` or a list of them
    (amounts are read as one day's intake), or a :class:`~vitk2.Diary` or its totals.
    ``by="basis"`` (the default) counts what the reference counts, with its conversion;
    ``by="mass"`` is the plain total by mass of every form.

    >>> from vitk2 import DailyDose, reference_intake
    >>> ref = reference_intake("EFSA", age_years=30)
    >>> percent_of_reference(DailyDose("K1", "35 µg/day"), ref).percent
    Fraction(50, 1)
    >>> mk7 = DailyDose("MK-7", "180 µg/day")
    >>> percent_of_reference(mk7, ref).percent, percent_of_reference(mk7, ref, by="mass").percent
    (Fraction(0, 1), Fraction(1800, 7))
    >>> japan = reference_intake("Japan", age_years=40)
    >>> print(percent_of_reference(mk7, japan))
    180 µg/day MK-7 is 82.2% of the Japan 2025 AI (150 µg/day), counting K1 and MK-4 by mass, MK-7 as MK-4 (by moles)
    """  # noqa: E501
    if not isinstance(reference, ReferenceIntake):
        msg = f"reference must be a ReferenceIntake from reference_intake(...), not {reference!r}"
        raise InvalidAmountError(msg)
    asked = _check_by(by)
    doses, unknown = _read_intake(intake)
    known = reference.basis is not None and reference.basis.known
    return compare_doses(doses, unknown, reference, asked if known else "mass")


def compare_doses(
    doses: tuple[DailyDose, ...],
    unknown: tuple[Vitamer, ...],
    reference: ReferenceIntake,
    by: Counting,
    *,
    unattributed: tuple[str, ...] = (),
    unattributed_micrograms_per_day: Fraction = Fraction(0),
) -> PercentOfReference:
    """The comparison itself, from one daily dose per vitamer (also rebuilds one read from JSON).

    *unattributed* describes parts of the intake whose form is not known, of total mass
    *unattributed_micrograms_per_day*: a total by mass adds them; a basis cannot count them.
    """
    if reference.value is None or reference.value.micrograms_per_day == 0:
        msg = f"{reference} has no daily value; pass body_weight= to reference_intake()"
        raise MissingInputError(msg)
    basis = reference.basis
    who = reference.authority.key
    counted: tuple[DailyDose, ...] = doses
    left_out: tuple[DailyDose, ...] = ()
    by_mass = sum((d.micrograms_per_day for d in doses), unattributed_micrograms_per_day)
    if basis is None or not basis.known:
        by = "mass"
        total = by_mass
        note = (
            f"{who} does not say which forms of vitamin K its value counts (not confirmed "
            "by vitk2), so this is a plain total by mass of every form."
        )
    elif by == "mass":
        total = by_mass
        note = (
            f"A plain total by mass of every form; {who} {basis.edition} counts "
            f"{basis.counted_text()}."
        )
    else:
        counted = tuple(d for d in doses if basis.factor(d.vitamer) is not None)
        left_out = tuple(d for d in doses if basis.factor(d.vitamer) is None)
        total = sum(
            (d.micrograms_per_day * (basis.factor(d.vitamer) or 0) for d in counted), Fraction(0)
        )
        unknown = tuple(v for v in unknown if basis.factor(v) is not None)
        note = f"Counted as {who} {basis.edition} counts: {basis.counted_text()} ({basis.text})."
    return PercentOfReference(
        intake=doses,
        reference=reference,
        by=by,
        percent=total * 100 / reference.value.micrograms_per_day,
        counted=counted,
        counted_micrograms_per_day=total,
        left_out=left_out,
        unknown=unknown,
        unattributed=unattributed,
        unattributed_micrograms_per_day=unattributed_micrograms_per_day,
        note=note,
    )


# --- named equivalents ------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Equivalent:
    name: str
    as_vitamer: Vitamer
    by_mass: frozenset[str]
    by_moles: frozenset[str]
    sources: tuple[str, ...]

    def factor(self, v: Vitamer) -> Fraction:
        if v.key in self.by_mass:
            return Fraction(1)
        if v.key in self.by_moles:
            return self.as_vitamer.molar_mass_g_per_mol / v.molar_mass_g_per_mol
        known = ", ".join(sorted(self.by_mass | self.by_moles))
        where = "; ".join(citation(k).short for k in self.sources)
        msg = f"{self.name} are defined for {known} ({where}), not for {v.key}"
        raise IncompatibleVitamersError(msg)


#: MHLW (Japan) DRIs, 2025 report (read in a page mirror): K1 and MK-4 by weight, MK-7
#: converted to MK-4 by the ratio of molar masses.  Other menaquinones are not defined there.
MK4_EQUIVALENTS: Final = Equivalent(
    name="MK-4 equivalents",
    as_vitamer=MK4,
    by_mass=frozenset({"K1", "MK-4"}),
    by_moles=frozenset({"MK-7"}),
    sources=("mhlw-dri-2025",),
)
#: Jensen et al. 2025 (Food Chem 464:141651): 'PKeq' compensates for molecular weight, MK-4
#: at 445 g/mol up to MK-10 at 853 g/mol, i.e. K1 and MK-4 to MK-10 by moles, as K1.
PHYLLOQUINONE_EQUIVALENTS: Final = Equivalent(
    name="phylloquinone equivalents (PKeq)",
    as_vitamer=K1,
    by_mass=frozenset({"K1"}),
    by_moles=frozenset({f"MK-{n}" for n in range(4, 11)}),
    sources=("jensen-2025",),
)


@overload
def _convert(x: Amount | Iterable[Amount], eq: Equivalent) -> Amount: ...
@overload
def _convert(x: DailyDose | Iterable[DailyDose], eq: Equivalent) -> DailyDose: ...


def _convert(x: Any, eq: Equivalent) -> Amount | DailyDose:
    items = [x] if isinstance(x, Amount | DailyDose) else x
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        msg = f"{eq.name}: give an Amount, a DailyDose or a list of them, not {x!r}"
        raise InvalidAmountError(msg)
    items = list(items)
    kinds = {type(i) for i in items}
    if not items or not kinds <= {Amount, DailyDose} or len(kinds) > 1:
        msg = f"{eq.name}: give Amounts or DailyDoses (not both, and at least one), not {x!r}"
        raise InvalidAmountError(msg)
    ug = sum((i.micrograms * eq.factor(i.vitamer) for i in items), Fraction(0))
    if kinds == {DailyDose}:
        return DailyDose.from_micrograms_per_day(eq.as_vitamer, ug)
    return Amount.from_micrograms(eq.as_vitamer, ug)


@overload
def mk4_equivalents(intake: Amount | Iterable[Amount]) -> Amount: ...
@overload
def mk4_equivalents(intake: DailyDose | Iterable[DailyDose]) -> DailyDose: ...


def mk4_equivalents(intake: Any) -> Amount | DailyDose:
    """MK-4 equivalents, as Japan's DRIs count vitamin K: K1 and MK-4 by mass, MK-7 by moles.

    Exact: MK-7 is multiplied by the ratio of vitk2's molar masses of MK-4 and MK-7.  Other
    vitamers have no MK-4 equivalent in that definition and raise
    :class:`~vitk2.IncompatibleVitamersError`.

    >>> from vitk2 import Amount
    >>> mk4_equivalents(Amount("MK-7", "100 µg")).micrograms
    Fraction(11116475, 162254)
    >>> print(format(mk4_equivalents([Amount("K1", "100 µg"), Amount("MK-7", "100 µg")]), ".4g"))
    ≈168.5 µg MK-4
    """
    found: Amount | DailyDose = _convert(intake, MK4_EQUIVALENTS)
    return found


@overload
def phylloquinone_equivalents(intake: Amount | Iterable[Amount]) -> Amount: ...
@overload
def phylloquinone_equivalents(intake: DailyDose | Iterable[DailyDose]) -> DailyDose: ...


def phylloquinone_equivalents(intake: Any) -> Amount | DailyDose:
    """Phylloquinone equivalents by moles ("PKeq", Jensen et al. 2025): K1, MK-4 to MK-10.

    Each menaquinone counts as the same number of moles of K1, exactly (vitk2's molar
    masses).  Vitamers outside K1 and MK-4 to MK-10 raise
    :class:`~vitk2.IncompatibleVitamersError`.

    >>> from vitk2 import DailyDose
    >>> print(format(phylloquinone_equivalents(DailyDose("MK-9", "10 µg/day")), ".4g"))
    ≈5.74 µg/day K1
    """
    found: Amount | DailyDose = _convert(intake, PHYLLOQUINONE_EQUIVALENTS)
    return found
