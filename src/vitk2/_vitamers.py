"""The vitamers: phylloquinone (K1), the menaquinones MK-1 … MK-13 (K2) and menadione (K3).

Molar masses are computed from each formula with the IUPAC conventional standard atomic weights
(Prohaska et al. 2022), never typed in.  Identifiers are given only where they were confirmed in
an authority's record; an identifier vitk2 could not confirm is absent (``None``), not guessed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal, final

import attrs

from vitk2._errors import AmbiguousNameError, UnknownVitamerError
from vitk2._sources import Citation, citation
from vitk2._text import alnum_key
from vitk2._units import LazyPattern

if TYPE_CHECKING:
    from pint.facets.plain import PlainQuantity

__all__ = [
    "ATOMIC_WEIGHTS",
    "DIHYDRO_K1",
    "K1",
    "K3",
    "MK4",
    "MK7",
    "MK9",
    "Identifiers",
    "PharmacokineticValue",
    "Vitamer",
    "all_vitamers",
    "formula_mass",
    "menaquinone",
    "vitamer",
]

ATOMIC_WEIGHTS: Final[Mapping[str, Fraction]] = {
    # IUPAC 2021 conventional values (Prohaska et al. 2022, doi:10.1515/pac-2019-0603).
    "C": Fraction("12.011"),
    "H": Fraction("1.008"),
    "O": Fraction("15.999"),
}
_FORMULA: Final = re.compile(r"([A-Z][a-z]?)(\d*)")


def formula_mass(formula: str) -> Fraction:
    """Molar mass in g/mol of a Hill formula, exactly, from standard atomic weights.

    >>> float(formula_mass("C46H64O2"))
    649.016
    """
    total = Fraction(0)
    pos = 0
    for m in _FORMULA.finditer(formula):
        if m.start() != pos or m.group(1) not in ATOMIC_WEIGHTS:
            msg = f"cannot read formula {formula!r} (elements known: C, H, O)"
            raise ValueError(msg)
        total += ATOMIC_WEIGHTS[m.group(1)] * int(m.group(2) or 1)
        pos = m.end()
    if pos != len(formula) or not formula:
        msg = f"cannot read formula {formula!r}"
        raise ValueError(msg)
    return total


@final
@attrs.frozen(kw_only=True)
class Identifiers:
    """Registry identifiers of a vitamer; ``None`` where vitk2 could not confirm one."""

    cas: str | None = None
    pubchem_cid: int | None = None
    chebi: str | None = None
    unii: str | None = None
    atc: str | None = None
    sources: tuple[str, ...] = ()


@final
@attrs.frozen(kw_only=True)
class PharmacokineticValue:
    """A sourced pharmacokinetic descriptor: a typical value in hours and the reported range.

    Study conditions differ (dose, route, formulation, meal); the ``context`` says which, and
    values from different studies are kept apart, not pooled.
    """

    parameter: Literal["half-life", "time to peak"]
    hours: float
    low_hours: float
    high_hours: float
    context: str
    sources: tuple[str, ...]
    note: str | None = None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this value was read in."""
        return tuple(citation(k) for k in self.sources)


@final
@attrs.frozen(kw_only=True, eq=False)
class Vitamer:
    """One form of vitamin K.

    Two vitamers are equal when their keys are; look them up with :func:`vitamer`.

    >>> MK7.key, MK7.formula, round(float(MK7.molar_mass_g_per_mol), 3)
    ('MK-7', 'C46H64O2', 649.016)
    >>> MK7.molar_mass
    <Quantity(649.016, 'gram / mole')>
    """

    key: str
    """Short name used everywhere in vitk2: ``K1``, ``MK-4``, ``MK-7``, ``K3``."""
    name: str
    family: Literal["K1", "K2", "K3"]
    formula: str
    isoprenyl_units: int | None
    """n of MK-n; ``None`` for phylloquinone, whose phytyl chain is mostly saturated."""
    synonyms: tuple[str, ...] = ()
    identifiers: Identifiers = Identifiers()
    pharmacokinetics: tuple[PharmacokineticValue, ...] = ()
    human_supplement: bool = True
    """False for menadione (K3), which is not used as a human supplement."""
    note: str | None = None
    sources: tuple[str, ...] = ("prohaska-2022",)
    molar_mass_g_per_mol: Fraction = attrs.field(init=False)

    @molar_mass_g_per_mol.default
    def _mass(self) -> Fraction:
        return formula_mass(self.formula)

    @property
    def molar_mass(self) -> PlainQuantity[Any]:
        """Molar mass as a pint quantity in g/mol (float; exact: :attr:`molar_mass_g_per_mol`)."""
        from vitk2._units import quantity  # noqa: PLC0415 - keeps pint off the import path

        return quantity(self.molar_mass_g_per_mol, "gram / mole")

    @property
    def half_life(self) -> tuple[PharmacokineticValue, ...]:
        """Sourced half-lives (possibly several phases or studies; empty if none confirmed)."""
        return tuple(p for p in self.pharmacokinetics if p.parameter == "half-life")

    @property
    def time_to_peak(self) -> tuple[PharmacokineticValue, ...]:
        """Sourced times to peak plasma concentration after an oral dose."""
        return tuple(p for p in self.pharmacokinetics if p.parameter == "time to peak")

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Sources of the vitamer's chemistry and identifiers."""
        keys = dict.fromkeys((*self.sources, *self.identifiers.sources))
        return tuple(citation(k) for k in keys)

    def __eq__(self, other: object) -> bool:
        """Vitamers are equal when their keys are."""
        if isinstance(other, Vitamer):
            return self.key == other.key
        return NotImplemented

    def __hash__(self) -> int:
        """Hash by key, consistent with equality."""
        return hash(("Vitamer", self.key))

    def __str__(self) -> str:
        """The key, as vitk2 prints it in amounts: ``MK-7``."""
        return self.key

    def __repr__(self) -> str:
        """Short repr naming the key."""
        return f"<Vitamer {self.key} ({self.name})>"

    def __reduce__(self) -> tuple[Any, ...]:
        """Unpickle to the catalogue's instance."""
        return (vitamer, (self.key,))


_PK_SCHURGERS_TMAX: Final = PharmacokineticValue(
    parameter="time to peak",
    hours=4.0,
    low_hours=4.0,
    high_hours=4.0,
    context="single oral dose of 1 mg with a standardized breakfast, healthy volunteers",
    sources=("schurgers-2007",),
)

#: Phylloquinone, vitamin K1 (phytonadione, phytomenadione).
K1: Final = Vitamer(
    key="K1",
    name="phylloquinone",
    family="K1",
    formula="C31H46O2",
    isoprenyl_units=None,
    synonyms=("vitamin K1", "phylloquinone", "phytonadione", "phytomenadione", "phytylmenaquinone"),
    identifiers=Identifiers(
        cas="84-80-0", pubchem_cid=5284607, unii="A034SE7857", atc="B02BA01", sources=("fda-gsrs",)
    ),
    pharmacokinetics=(
        _PK_SCHURGERS_TMAX,
        PharmacokineticValue(
            parameter="time to peak",
            hours=8.0,
            low_hours=6.0,
            high_hours=10.0,
            context="13C-labelled phylloquinone in 400 g kale with 30 g oil, n=7",
            sources=("novotny-2010",),
        ),
        PharmacokineticValue(
            parameter="half-life",
            hours=8.8,
            low_hours=8.8,
            high_hours=8.8,
            context="plasma half-time in a compartmental model of 13C-phylloquinone from kale",
            sources=("novotny-2010",),
            note="the same model gives a tissue half-time of 215 h",
        ),
    ),
)

#: 2',3'-Dihydrophylloquinone, from hydrogenated plant oils (USDA nutrient 429).
DIHYDRO_K1: Final = Vitamer(
    key="dihydro-K1",
    name="2',3'-dihydrophylloquinone",
    family="K1",
    formula="C31H48O2",
    isoprenyl_units=None,
    synonyms=("dihydrophylloquinone", "dihydro-vitamin K1", "dK"),
    note=(
        "Formed when oils rich in phylloquinone are hydrogenated; reported by USDA SR28 as "
        "nutrient 429. Formula is phylloquinone with the side-chain double bond saturated."
    ),
    sources=("prohaska-2022", "usda-sr28"),
)


def _menaquinone(n: int) -> Vitamer:
    carbon_chain = 5 * n
    synonyms = [f"menaquinone-{n}", f"MK-{n}", f"vitamin K2({carbon_chain})"]
    identifiers = Identifiers()
    pk: tuple[PharmacokineticValue, ...] = ()
    note = None
    if n == 4:
        synonyms += ["menatetrenone", "vitamin K2 (MK-4)"]
        identifiers = Identifiers(cas="863-61-6", unii="27Y876D139", sources=("fda-gsrs",))
        pk = (
            PharmacokineticValue(
                parameter="time to peak",
                hours=3.7,
                low_hours=3.7,
                high_hours=3.7,
                context="menatetrenone 30 mg as oral syrup, healthy men, n=6 (Kaytwo label)",
                sources=("eisai-kaytwo-syrup",),
            ),
            PharmacokineticValue(
                parameter="half-life",
                hours=17.52,
                low_hours=0.71,
                high_hours=17.52,
                context="intravenous menatetrenone 10 mg: t½α 0.71 h, t½β 17.52 h (Kaytwo N label)",
                sources=("pmda-kaytwo-n-iv",),
                note=(
                    "no oral half-life was found in a primary source; at nutritional doses "
                    "(420 µg once, 60 µg/day for 7 days) MK-4 was not detectable in serum"
                ),
            ),
        )
        note = (
            "Menatetrenone is a prescription drug in Japan (Glakay, 45 mg/day in three doses "
            "after meals for osteoporosis). Nutritional doses are barely detectable in serum."
        )
    elif n == 7:
        synonyms += ["vitamin K2 (MK-7)"]
        identifiers = Identifiers(cas="2124-57-4", unii="8427BML8NY", sources=("fda-gsrs",))
        pk = (
            _PK_SCHURGERS_TMAX,
            PharmacokineticValue(
                parameter="time to peak",
                hours=6.0,
                low_hours=6.0,
                high_hours=6.0,
                context="single oral dose of 420 µg with breakfast, healthy Japanese women",
                sources=("sato-2012",),
            ),
            PharmacokineticValue(
                parameter="time to peak",
                hours=4.0,
                low_hours=2.0,
                high_hours=6.0,
                context="capsules 2-4 h, tablets 6 h; several carriers, healthy volunteers",
                sources=("knapen-2014",),
            ),
        )
        note = (
            "Very long half-life with 7- to 8-fold accumulation on daily intake (Schurgers 2007); "
            "a numeric half-life was not confirmed in a primary source, so none is given here."
        )
    return Vitamer(
        key=f"MK-{n}",
        name=f"menaquinone-{n}",
        family="K2",
        formula=f"C{11 + 5 * n}H{8 + 8 * n}O2",
        isoprenyl_units=n,
        synonyms=tuple(synonyms),
        identifiers=identifiers,
        pharmacokinetics=pk,
        note=note,
    )


_MENAQUINONES: Final[tuple[Vitamer, ...]] = tuple(_menaquinone(n) for n in range(1, 14))
#: Menaquinone-4, menatetrenone, vitamin K2(20).
MK4: Final = _MENAQUINONES[3]
#: Menaquinone-7, vitamin K2(35), the natto-derived form in most K2 supplements.
MK7: Final = _MENAQUINONES[6]
#: Menaquinone-9, found with MK-8 in hard cheeses.
MK9: Final = _MENAQUINONES[8]

#: Menadione, vitamin K3: a synthetic provitamin, not a human supplement.
K3: Final = Vitamer(
    key="K3",
    name="menadione",
    family="K3",
    formula="C11H8O2",
    isoprenyl_units=0,
    synonyms=("vitamin K3", "menadione", "menaphthone", "menaquinone-0", "MK-0"),
    identifiers=Identifiers(unii="723JX6CXY5", atc="B02BA02", sources=("fda-gsrs",)),
    human_supplement=False,
    note=(
        "A synthetic provitamin, converted to MK-4 in tissues; used in animal feed, "
        "not as a human supplement."
    ),
)

_ALL: Final[tuple[Vitamer, ...]] = (K1, DIHYDRO_K1, *_MENAQUINONES, K3)


def all_vitamers() -> tuple[Vitamer, ...]:
    """Every vitamer vitk2 knows: K1, dihydro-K1, MK-1 … MK-13 and K3."""
    return _ALL


def menaquinone(n: int) -> Vitamer:
    """MK-*n* for n = 1 … 13.

    >>> menaquinone(7) is MK7
    True
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 13:
        msg = f"menaquinone({n!r}): n must be a whole number from 1 to 13"
        raise UnknownVitamerError(msg)
    return _MENAQUINONES[n - 1]


def _fold(text: str) -> str:
    """Case-, width-, punctuation- and space-insensitive form of a name, without "vitamin"."""
    return alnum_key(unicodedata.normalize("NFKC", text).casefold().replace("vitamin", " "))


@cache
def _names() -> dict[str, Vitamer]:
    table: dict[str, Vitamer] = {}
    for v in _ALL:
        for name in (v.key, v.name, *v.synonyms):
            table[_fold(name)] = v
        if v.family == "K2":
            table[f"k2{_fold(v.key)}"] = v
            table[f"k2{_fold(v.name)}"] = v
    return table


_MK_PATTERN: Final = LazyPattern(r"^(?:k2)?(?:mk|menaquinone)0*(\d{1,3})$")
_K2_CARBONS: Final = LazyPattern(r"^k2(\d{1,3})$")
_AMBIGUOUS: Final = frozenset({"k2", "k", "menaquinone", "menaquinones", "mk", "k2mk"})


def vitamer(name: str | Vitamer) -> Vitamer:
    """Look a vitamer up by any of its names; forgiving of case, spaces and hyphens.

    >>> vitamer("mk7") is vitamer("Menaquinone-7") is vitamer("K2 (MK-7)") is MK7
    True
    >>> vitamer("menatetrenone")
    <Vitamer MK-4 (menaquinone-4)>
    >>> vitamer("K2")
    Traceback (most recent call last):
    ...
    vitk2.AmbiguousNameError: 'K2' is ambiguous: vitamin K2 is a family ...
    """
    if isinstance(name, Vitamer):
        return name
    if not isinstance(name, str):
        msg = f"{name!r} is not a vitamer name; give a string such as 'MK-7' or a Vitamer"
        raise UnknownVitamerError(msg)
    folded = _fold(name)
    found = _names().get(folded)
    if found is not None:
        return found
    m = _MK_PATTERN.match(folded) or _K2_CARBONS.match(folded)
    if m is not None:
        n = int(m.group(1))
        if m.re is _K2_CARBONS.compiled:
            if n % 5:
                msg = f"{name!r}: vitamin K2(x) counts side-chain carbons, a multiple of 5"
                raise UnknownVitamerError(msg)
            n //= 5
        if 1 <= n <= 13:
            return _MENAQUINONES[n - 1]
        msg = f"{name!r}: vitk2 knows menaquinones MK-1 to MK-13"
        raise UnknownVitamerError(msg)
    if folded in _AMBIGUOUS:
        msg = (
            f"{name!r} is ambiguous: vitamin K2 is a family (MK-4, MK-7, MK-9, …); "
            "name one, such as 'MK-7' or 'menatetrenone'"
        )
        raise AmbiguousNameError(msg)
    choices = sorted({n for v in _ALL for n in (v.key, v.name, *v.synonyms)})
    close = difflib.get_close_matches(name.strip(), choices, n=3, cutoff=0.6)
    if not close:
        close = [c for c in choices if _fold(c) in folded or (folded and folded in _fold(c))][:3]
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    msg = (
        f"{name!r} is not a vitamer vitk2 knows (K1, dihydro-K1, MK-1 … MK-13, K3){hint}"
    )
    raise UnknownVitamerError(msg)
