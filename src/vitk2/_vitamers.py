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
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal, final

import attrs

from vitk2._errors import AmbiguousNameError, ConflictingVitamerNamesError, UnknownVitamerError
from vitk2._sources import Citation, citation
from vitk2._text import alnum_key, describe_character, first_non_ascii_numeral
from vitk2._units import LazyPattern
from vitk2._vitamer_data import (
    NO_DATA,
    Identifiers,
    PharmacokineticValue,
    VitamerData,
    load_vitamer_data,
)

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
    "TradeName",
    "Vitamer",
    "VitamerPhrase",
    "all_vitamers",
    "formula_mass",
    "menaquinone",
    "read_vitamer_phrase",
    "trade_names",
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
    def identifiers(self) -> Identifiers:
        """Registry identifiers confirmed in an authority's record (from ``data/vitamers.json``).

        >>> MK7.identifiers.cas, MK7.identifiers.pubchem_cid
        ('2124-57-4', None)
        """
        return _data().get(self.key, NO_DATA).identifiers

    @property
    def pharmacokinetics(self) -> tuple[PharmacokineticValue, ...]:
        """Sourced pharmacokinetic descriptors, each with its study context (from data).

        >>> [(p.parameter, p.hours) for p in MK4.pharmacokinetics]
        [('time to peak', 3.7), ('half-life', 17.52)]
        """
        return _data().get(self.key, NO_DATA).pharmacokinetics

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


#: Phylloquinone, vitamin K1 (phytonadione, phytomenadione).
K1: Final = Vitamer(
    key="K1",
    name="phylloquinone",
    family="K1",
    formula="C31H46O2",
    isoprenyl_units=None,
    synonyms=("vitamin K1", "phylloquinone", "phytonadione", "phytomenadione", "phytylmenaquinone"),
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
    note = None
    if n == 4:
        synonyms += ["menatetrenone", "vitamin K2 (MK-4)"]
        note = (
            "Menatetrenone is a prescription drug in Japan (Glakay, 45 mg/day in three doses "
            "after meals for osteoporosis). Nutritional doses are barely detectable in serum."
        )
    elif n == 7:
        synonyms += ["vitamin K2 (MK-7)"]
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
    human_supplement=False,
    note=(
        "A synthetic provitamin, converted to MK-4 in tissues; used in animal feed, "
        "not as a human supplement."
    ),
)

_ALL: Final[tuple[Vitamer, ...]] = (K1, DIHYDRO_K1, *_MENAQUINONES, K3)


@cache
def _data() -> dict[str, VitamerData]:
    """Identifiers and pharmacokinetic values by vitamer key, read from data on first use."""
    return load_vitamer_data([v.key for v in _ALL])


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
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    t = text.casefold().replace("vitamin", " ")
    if "vit" in t:  # the abbreviations "Vit K2", "Vit. K2"
        t = _VIT.compiled.sub(" ", t)
    return alnum_key(t)


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
#: Folded names of the vitamin K2 family as a whole: they name no single vitamer.
_K2_FAMILY: Final = frozenset(
    {"k2", "menaquinone", "menaquinones", "mk", "mks", "k2mk", "k2menaquinone", "k2menaquinones"}
)
#: Folded names of vitamin K as a whole ("vitamin K"): K1, K2 or K3, never assumed to be K1.
_K_FAMILY: Final = frozenset({"k"})

#: The longest vitamer name or label phrase vitk2 reads (longer text is refused, not cached).
_MAX_NAME_LENGTH: Final = 200

_Family = Literal["K", "K2"]
#: The most words one name has ("vitamin K2 (MK-7)" is 3); bounds the grouping of words.
_MAX_NAME_WORDS: Final = 6
#: Words that describe a product, not its form ("Natural Vitamin K2 (as MK-7)").
_DESCRIPTORS: Final = frozenset({"natural", "synthetic", "natureidentical"})
_VIT: Final = LazyPattern(r"(?<![a-z])vit(?![a-z])\.?")

# Phrase grammar.  Each pattern runs on NFKC text with dashes made ASCII; IGNORECASE throughout.
_CIS: Final = LazyPattern(r"(?<![a-z])cis(?![a-z])", re.IGNORECASE)
_ALL_TRANS: Final = LazyPattern(r"(?<![a-z])all[\s-]*trans(?![a-z])", re.IGNORECASE)
_TRANS: Final = LazyPattern(r"(?<![a-z])trans(?![a-z])", re.IGNORECASE)
_ORIGIN: Final = LazyPattern(
    r"""(?:(?<![a-z])(?:derived|extracted|obtained|made|produced|fermented)\s+)?
        (?<![a-z])from(?![a-z])\s*
        (?P<origin>[^()\[\]{},;:]*?)\s*
        (?=$|[()\[\]{},;:]|(?<![a-z])as(?![a-z]))""",
    re.IGNORECASE | re.VERBOSE,
)
# "vitamin K2(35)" counts carbons, and "2',3'-dihydro…" has a comma inside a name: shield both
# from the splitting below with characters that the name fold drops.
_K2_CARBON_PAREN: Final = LazyPattern(
    r"(?<![a-z])(k\s*-?\s*2)\s*\(\s*(\d{1,3})\s*\)", re.IGNORECASE
)
_LOCANT_COMMA: Final = LazyPattern(r"(\d')\s*,\s*(\d')")
_SPLIT: Final = LazyPattern(r"[()\[\]{};:+&/|,]")
#: Words that join two names ("K2 as MK-7", "MK-4 and MK-7"): they separate, they name nothing.
_CONNECTORS: Final = frozenset({"as", "and", "with", "plus", "or"})
_HAS_DELIMITER: Final = LazyPattern(r"[()\[\]{};:+&/|,]")
_SHIELD: Final = str.maketrans({"(": "\u27e8", ")": "\u27e9", ",": "\u201a"})
_UNSHIELD: Final = str.maketrans({"\u27e8": "(", "\u27e9": ")", "\u201a": ","})
_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_MARKS: Final = str.maketrans(dict.fromkeys("\u00ae\u2122\u2120\u00a9"))
_EDGE: Final = " \t-.*'\"_"


@final
@attrs.frozen(kw_only=True, eq=False)
class TradeName:
    """An ingredient or drug brand that a cited source ties to exactly one vitamer.

    >>> from vitk2 import trade_names
    >>> menaq7 = next(t for t in trade_names() if t.name == "MenaQ7")
    >>> menaq7.vitamer, menaq7.status, menaq7.sources
    (<Vitamer MK-7 (menaquinone-7)>, 'primary', ('knapen-2015',))
    """

    name: str
    aliases: tuple[str, ...]
    vitamer: Vitamer
    maker: str
    status: Literal["primary", "secondary"]
    """``primary`` if read in the publisher's or maker's own text, else ``secondary``."""
    sources: tuple[str, ...]
    evidence: str
    """What the source says, quoted or paraphrased."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works that tie this name to its vitamer."""
        return tuple(citation(k) for k in self.sources)

    def __repr__(self) -> str:
        """Short repr naming the brand and its vitamer."""
        return f"<TradeName {self.name} ({self.vitamer.key})>"


_Word = Vitamer | _Family | TradeName | Literal["descriptor"]


@final
@attrs.frozen(kw_only=True)
class VitamerPhrase:
    """What a vitamer phrase says, as :func:`read_vitamer_phrase` read it.

    >>> p = read_vitamer_phrase("Vitamin K2 (as all-trans menaquinone-7) from natto")
    >>> p.vitamer, p.form_words, p.isomer, p.origin
    (<Vitamer MK-7 (menaquinone-7)>, ('Vitamin K2', 'menaquinone-7'), 'all-trans', 'natto')
    """

    text: str
    """The phrase as given."""
    vitamer: Vitamer
    form_words: tuple[str, ...]
    """The words that named the vitamer or its family, as written (``'Vitamin K2'``, ``'MK-7'``)."""
    descriptors: tuple[str, ...] = ()
    """Words that describe the product, not the form (``'Natural'``, ``'synthetic'``)."""
    origin: str | None = None
    """Where the vitamer comes from (``'natto'``); it never decides which vitamer it is."""
    trade_name: TradeName | None = None
    isomer: Literal["all-trans"] | None = None
    sources: tuple[str, ...] = ()
    """Citation keys this reading rests on: the trade name's and the isomer statement's."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this reading rests on (empty for a plain name)."""
        return tuple(citation(k) for k in self.sources)


@cache
def _phrase_data() -> tuple[dict[str, TradeName], tuple[TradeName, ...], dict[str, Any]]:
    import json  # noqa: PLC0415 - read on first use, not at import
    from importlib import resources  # noqa: PLC0415

    raw = json.loads(
        resources.files("vitk2").joinpath("data", "vitamer-phrases.json").read_text("utf-8")
    )
    table: dict[str, TradeName] = {}
    ordered: list[TradeName] = []
    for rec in raw["trade_names"]:
        t = TradeName(
            name=rec["name"],
            aliases=tuple(rec["aliases"]),
            vitamer=_names()[_fold(rec["vitamer"])],
            maker=rec["maker"],
            status=rec["status"],
            sources=tuple(rec["sources"]),
            evidence=rec["evidence"],
        )
        ordered.append(t)
        for n in (t.name, *t.aliases):
            table[alnum_key(n)] = t
    return table, tuple(ordered), raw["isomers"]


def trade_names() -> tuple[TradeName, ...]:
    """Every ingredient or drug brand vitk2 reads as a vitamer, each with its source.

    >>> sorted(t.name for t in trade_names())
    ['Glakay', 'K2VITAL', 'Kaytwo', 'MenaQ7']
    >>> vitamer("Vitamin K2 (as MenaQ7®)")
    <Vitamer MK-7 (menaquinone-7)>
    """
    return _phrase_data()[1]


def _lookup(name: str) -> _Word | None:
    """One name on its own: a vitamer, a family, a trade name, or None if vitk2 does not know it."""
    key = alnum_key(name)
    trade = _phrase_data()[0].get(key)
    if trade is not None:
        return trade
    if key in _DESCRIPTORS:
        return "descriptor"
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
    if folded in _K2_FAMILY:
        return "K2"
    if folded in _K_FAMILY:
        return "K"
    return None


def _unknown(name: str, text: str) -> UnknownVitamerError:
    choices = sorted({n for v in _ALL for n in (v.key, v.name, *v.synonyms)})
    folded = _fold(name)
    close = difflib.get_close_matches(name.strip(), choices, n=3, cutoff=0.6)
    if not close:
        close = [c for c in choices if _fold(c) in folded or (folded and folded in _fold(c))][:3]
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    same = name.strip() == text.strip()
    what = f"{text!r} " if same else f"in {text!r}: {name!r} "
    msg = f"{what}is not a vitamer vitk2 knows (K1, dihydro-K1, MK-1 … MK-13, K3){hint}"
    return UnknownVitamerError(msg)


def _pieces(chunk: str, text: str) -> list[tuple[str, _Word]]:
    """Read one chunk as a name, or as names side by side ("K2 MK-7", "natural vitamin K2 MK-7").

    Words are grouped left to right, the longest known name first, so that "vitamin K2 MK-7"
    is the family and the form, while "menaquinone 7" stays one name.
    """
    # str.translate costs microseconds even when nothing changes: only non-ASCII text needs it.
    shown = chunk if chunk.isascii() else chunk.translate(_UNSHIELD)
    whole = _lookup(shown)
    if whole is not None:
        return [(shown, whole)]
    words = shown.split()
    failed: set[int] = set()

    def from_word(i: int) -> list[tuple[str, _Word]] | None:
        if i == len(words):
            return []
        if i in failed:
            return None
        for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
            piece = " ".join(words[i:j])
            what = _lookup(piece)
            if what is not None:
                rest = from_word(j)
                if rest is not None:
                    return [(piece, what), *rest]
        failed.add(i)
        return None

    found = from_word(0) if len(words) > 1 else None
    if found is None:
        raise _unknown(shown, text)
    return found


def _check_text(text: str) -> None:
    if len(text) > _MAX_NAME_LENGTH:
        msg = (
            f"{text[:30]!r}… is {len(text)} characters long; a vitamer name or label phrase "
            f"has at most {_MAX_NAME_LENGTH}"
        )
        raise UnknownVitamerError(msg)
    # U+2044 FRACTION SLASH is what NFKC leaves of a vulgar fraction ('½' becomes '1⁄2'), so a
    # fraction that reached here through a caller's NFKC is refused too ('MK-½' is not MK-12).
    if text.isascii():
        return
    bad = first_non_ascii_numeral(text) or ("\u2044" if "\u2044" in text else None)
    if bad is not None:
        msg = (
            f"{text!r} contains the numeral {describe_character(bad)}; vitk2 reads only the "
            "ASCII digits 0-9 in vitamer names, so that a look-alike is never misread "
            "(write e.g. 'MK-7')"
        )
        raise UnknownVitamerError(msg)


def _conflict(text: str, a: tuple[str, Vitamer | str], b: tuple[str, Vitamer | str]) -> Exception:
    def say(word: str, what: Vitamer | str) -> str:
        if isinstance(what, Vitamer):
            return f"{word!r} is {what.key} ({what.name})"
        return f"{word!r} is the vitamin K2 family (menaquinones)"

    msg = (
        f"{text!r} names two vitamers: {say(*a)} but {say(*b)}; a label line names one form, "
        "such as 'Vitamin K2 (as MK-7)'"
    )
    return ConflictingVitamerNamesError(msg)


def _shield_carbons(m: re.Match[str]) -> str:
    return f"{m.group(1)}({m.group(2)})".translate(_SHIELD)


def _shield_locants(m: re.Match[str]) -> str:
    return f"{m.group(1)},{m.group(2)}".translate(_SHIELD)


@lru_cache(maxsize=2048)
def _read(text: str) -> VitamerPhrase:
    _check_text(text)
    fast = None if _HAS_DELIMITER.search(text) else _names().get(_fold(text))
    if fast is not None:
        return VitamerPhrase(text=text, vitamer=fast, form_words=(text.strip(),))
    norm = text
    if not text.isascii():
        norm = unicodedata.normalize("NFKC", text.translate(_MARKS)).translate(_DASHES)
    # Each pattern runs only when its keyword is there: most phrases need two or three of them.
    low = norm.casefold()
    isomer: Literal["all-trans"] | None = None
    if "trans" in low and _ALL_TRANS.search(norm):
        isomer = "all-trans"
        norm = _ALL_TRANS.compiled.sub(" , ", norm)
    if ("cis" in low or "trans" in low) and (_CIS.search(norm) or _TRANS.search(norm)):
        problem = "names a cis isomer" if _CIS.search(norm) else "says 'trans', not 'all-trans'"
        msg = (
            f"{text!r} {problem}: cis and trans geometric isomers are different substances "
            f"(11 cis/trans isomers of MK-7 are known: {citation('battula-2021').short}), and "
            "vitk2's vitamers are the all-trans forms that labels declare; write 'MK-7' or "
            "'all-trans MK-7'"
        )
        raise UnknownVitamerError(msg)
    origins: list[str] = []

    def take_origin(m: re.Match[str]) -> str:
        origin = " ".join(m.group("origin").split())
        if not origin:
            msg = f"{text!r} says 'from' but not from what; write e.g. 'MK-7 from natto'"
            raise UnknownVitamerError(msg)
        origins.append(origin)
        return " , "

    if "from" in low:
        norm = _ORIGIN.compiled.sub(take_origin, norm)
    if "(" in norm:
        norm = _K2_CARBON_PAREN.compiled.sub(_shield_carbons, norm)
    if "'" in norm:
        norm = _LOCANT_COMMA.compiled.sub(_shield_locants, norm)
    found: list[tuple[str, _Word]] = []
    for part in _SPLIT.compiled.split(norm):
        words: list[str] = []
        for word in (*part.split(), "as"):
            if word.casefold() not in _CONNECTORS:
                words.append(word)
                continue
            chunk = " ".join(words).strip(_EDGE)
            if chunk:
                found += _pieces(chunk, text)
            words = []
    return _combine(text, found, isomer, origins)


def _combine(
    text: str,
    found: list[tuple[str, _Word]],
    isomer: Literal["all-trans"] | None,
    origins: list[str],
) -> VitamerPhrase:
    """Check that the names found agree on one vitamer, and say what the phrase said."""
    trade: TradeName | None = None
    named: tuple[str, Vitamer] | None = None
    family: tuple[str, _Family] | None = None
    descriptors: list[str] = []
    for word, what in found:
        if what == "descriptor":
            descriptors.append(word)
            continue
        if isinstance(what, TradeName):
            trade = what if trade is None or trade.vitamer == what.vitamer else trade
            what = what.vitamer  # noqa: PLW2901 - a trade name stands for its vitamer
        if isinstance(what, Vitamer):
            if named is not None and named[1] != what:
                raise _conflict(text, named, (word, what))
            named = named or (word, what)
        elif family is None or what == "K2":
            family = (word, what)
    if named is not None and family is not None and family[1] == "K2" != named[1].family:
        raise _conflict(text, family, named)
    if named is None:
        raise _no_single_vitamer(text, family, origins)
    v = named[1]
    sources: tuple[str, ...] = trade.sources if trade is not None else ()
    if isomer is not None:
        if v.family != "K2":
            msg = (
                f"{text!r}: 'all-trans' describes the isoprenoid side chain of a menaquinone "
                f"(MK-n), not {v.key} ({v.name}); write {v.key!r} alone"
            )
            raise UnknownVitamerError(msg)
        sources = (*sources, *_phrase_data()[2]["sources"])
    return VitamerPhrase(
        text=text,
        vitamer=v,
        form_words=tuple(w for w, what in found if what != "descriptor"),
        descriptors=tuple(descriptors),
        origin="; ".join(origins) or None,
        trade_name=trade,
        isomer=isomer,
        sources=tuple(dict.fromkeys(sources)),
    )


def _no_single_vitamer(
    text: str, family: tuple[str, _Family] | None, origins: list[str]
) -> Exception:
    origin = (
        f" ({', '.join(repr('from ' + o) for o in origins)} says where it comes from, "
        "not which form)"
        if origins
        else ""
    )
    if family is not None and family[1] == "K2":
        msg = (
            f"{text!r} is ambiguous: vitamin K2 is a family (MK-4, MK-7, MK-9, …); "
            f"name one, such as 'MK-7' or 'menatetrenone'{origin}"
        )
        return AmbiguousNameError(msg)
    if family is not None:
        msg = (
            f"{text!r} does not say which vitamin K: K1 (phylloquinone), K2 (the menaquinones "
            f"MK-4, MK-7, …) or K3 (menadione){origin}; vitk2 never assumes K1. Write the form, "
            "such as 'Vitamin K1' or 'Vitamin K2 (as MK-7)'"
        )
        return AmbiguousNameError(msg)
    msg = f"{text!r} names no vitamer{origin}; write one, such as 'MK-7' or 'Vitamin K1'"
    return UnknownVitamerError(msg)


def read_vitamer_phrase(text: str) -> VitamerPhrase:
    """Read a vitamer phrase as labels and papers write it, and say what each part said.

    Accepted: names and synonyms (``MK-7``, ``menaquinone-7``, ``phytonadione``), the family word
    before the form (``Vitamin K2 (as MK-7)``, ``K2 MK-7``, ``Vitamin K-2``), ``all-trans``,
    an origin (``from natto``, ``derived from Bacillus subtilis natto``) and trade names that a
    source ties to one vitamer (:func:`trade_names`).  Refused, each with its own error: two
    different vitamers in one phrase, a cis isomer, a family with no form (``Vitamin K2``,
    ``Vitamin K``), and numerals other than the ASCII digits.

    >>> p = read_vitamer_phrase("K2 as MK-7 (MenaQ7) derived from Bacillus subtilis natto")
    >>> p.vitamer.key, p.trade_name, p.origin, [c.short for c in p.citations]
    ('MK-7', <TradeName MenaQ7 (MK-7)>, 'Bacillus subtilis natto', ['Knapen et al. 2015'])
    >>> read_vitamer_phrase("Vitamin K1 (as MK-7)")
    Traceback (most recent call last):
    ...
    vitk2.ConflictingVitamerNamesError: 'Vitamin K1 (as MK-7)' names two vitamers: ...
    """
    if not isinstance(text, str):
        msg = f"{text!r} is not a vitamer phrase; give a string such as 'Vitamin K2 (as MK-7)'"
        raise UnknownVitamerError(msg)
    return _read(text)


def vitamer(name: str | Vitamer) -> Vitamer:
    """Look a vitamer up by any of its names or label phrases; forgiving of case, spaces, hyphens.

    The phrase is read by :func:`read_vitamer_phrase`; this returns just the vitamer.

    >>> vitamer("mk7") is vitamer("Menaquinone-7") is vitamer("K2 (MK-7)") is MK7
    True
    >>> vitamer("Vitamin K-2 (as MK-7)") is vitamer("all-trans MK-7") is MK7
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
    return _read(name).vitamer
