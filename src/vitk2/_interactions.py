"""Interaction checks between vitamin K and medicines, built to fail closed.

:func:`check_interactions` reads a list of medications (names, brand names, salts, ATC codes,
RxCUIs, with or without strength and form text) and an optional vitamin K supplement, and
returns an :class:`InteractionReport`.  Every input yields at least one finding; an input no
catalogue entry matches yields an :attr:`Severity.UNKNOWN` finding ("cannot assess"), never an
empty or "none" report.  The report's overall level is the worst finding, and UNKNOWN ranks above
MAJOR: vitk2 never treats an unassessed medicine as safe.

The catalogue (substances, brands, identifiers) and the interaction entries are packaged data
(``vitk2/data/interactions.json``), read on first use; every entry cites its sources.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import cache, total_ordering
from importlib import resources
from typing import Any, Final, final

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import Amount, DailyDose, parse_dose
from vitk2._errors import NotFoundError, UnknownVitamerError, Vitk2Error
from vitk2._sources import Citation, citation
from vitk2._text import fold_accents
from vitk2._units import format_number
from vitk2._vitamers import K1, MK4, MK7, Vitamer, vitamer

__all__ = [
    "Direction",
    "Finding",
    "InteractionInputError",
    "InteractionReport",
    "Severity",
    "Substance",
    "all_substances",
    "check_interactions",
    "normalize_medication_name",
    "substance",
]

SCHEMA_VERSION: Final = 1
"""Version of the :meth:`InteractionReport.to_dict` shape; bumped on any incompatible change."""

MAX_INPUT_LENGTH: Final = 500
"""Longer texts are not read as medication names: they give an UNKNOWN finding."""


class InteractionInputError(Vitk2Error, TypeError):
    """The medication list or the supplement is of a type :func:`check_interactions` cannot read.

    Garbage *inside* the list (``None``, numbers, empty strings) is not an error: each such item
    gives an UNKNOWN finding.  This error is for a wrong container, such as a single string
    where a list of names is meant.
    """


InteractionInputError.__module__ = "vitk2"  # tracebacks name the public path

@total_ordering
class Severity(enum.Enum):
    """How much an interaction matters, on an ordered scale.

    From least to most severe: ``NONE`` (a documented absence of interaction), ``INFO`` (for
    information: synergy, or nothing known), ``MINOR``, ``MODERATE``, ``MAJOR``, ``UNKNOWN``
    (cannot assess) and ``CONTRAINDICATED``.  UNKNOWN ranks above MAJOR so that an unassessed
    medicine is never hidden behind a known moderate one; only a definite contraindication
    outranks it.

    >>> Severity.MAJOR < Severity.UNKNOWN < Severity.CONTRAINDICATED
    True
    >>> max([Severity.NONE, Severity.UNKNOWN, Severity.MODERATE])
    <Severity.UNKNOWN: 'unknown'>
    """

    NONE = "none"
    INFO = "info"
    MINOR = "minor"
    MODERATE = "moderate"
    MAJOR = "major"
    UNKNOWN = "unknown"
    CONTRAINDICATED = "contraindicated"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 for NONE to 6 for CONTRAINDICATED."""
        return _RANKS[self]

    def __lt__(self, other: object) -> bool:
        """Order by :attr:`rank`."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __hash__(self) -> int:
        """Hash like the enum member it is."""
        return hash(self.value)


_RANKS: Final = {s: i for i, s in enumerate(Severity)}


class Direction(enum.Enum):
    """Which way an interaction runs.

    >>> Direction("drug-lowers-vitamin-k")
    <Direction.VITAMIN_K_LOWERED: 'drug-lowers-vitamin-k'>
    """

    DRUG_EFFECT_LOWERED = "vitamin-k-lowers-drug-effect"
    """Vitamin K lowers the drug's effect (vitamin K antagonists: the INR falls)."""
    VITAMIN_K_LOWERED = "drug-lowers-vitamin-k"
    """The drug lowers vitamin K absorption or status."""
    SYNERGY = "synergy"
    NONE = "none"
    UNKNOWN = "unknown"


def _keys(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@final
@attrs.frozen
class Brand:
    """A brand name of a substance, with the countries it was seen in and how well it is sourced.

    ``status`` is ``"confirmed"`` (seen in a label or an authority's document) or ``"secondary"``
    (seen only in a secondary source, kept because an unmatched brand would be worse).
    """

    name: str
    countries: tuple[str, ...] = attrs.field(converter=_keys)
    status: str = attrs.field(validator=attrs.validators.in_({"confirmed", "secondary"}))
    sources: tuple[str, ...] = attrs.field(converter=_keys)


@final
@attrs.frozen
class Identifier:
    """A code for a substance in a coding system: ``ATC`` or ``RxCUI``."""

    system: str = attrs.field(validator=attrs.validators.in_({"ATC", "RxCUI"}))
    code: str
    refers_to: str
    sources: tuple[str, ...] = attrs.field(converter=_keys)


@final
@attrs.frozen
class Interaction:
    """What is known about vitamin K and one class of substances."""

    key: str
    direction: Direction = attrs.field(converter=Direction)
    severity: Severity = attrs.field(converter=Severity)
    mechanism: str
    advice: str
    evidence: str
    sources: tuple[str, ...] = attrs.field(converter=_keys)


@final
@attrs.frozen
class Substance:
    """A catalogue entry: a medicine or nutrient that matters for vitamin K.

    >>> w = substance("Coumadin")
    >>> w.name, w.atc
    ('warfarin', 'B01AA03')
    >>> [b.name for b in w.brands][:2]
    ['Coumadin', 'Jantoven']
    """

    key: str
    name: str
    interaction: Interaction
    synonyms: tuple[str, ...] = attrs.field(converter=_keys)
    salts: tuple[str, ...] = attrs.field(converter=_keys)
    brands: tuple[Brand, ...]
    identifiers: tuple[Identifier, ...]
    sources: tuple[str, ...] = attrs.field(converter=_keys)

    @property
    def atc(self) -> str | None:
        """The WHO ATC code, or None where no code was confirmed."""
        codes = [i.code for i in self.identifiers if i.system == "ATC"]
        return codes[0] if codes else None

    @property
    def rxcuis(self) -> tuple[int, ...]:
        """Confirmed RxNorm concept identifiers (ingredient, salts, brands); often empty."""
        return tuple(int(i.code) for i in self.identifiers if i.system == "RxCUI")

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The sources of this entry, its brands and identifiers."""
        keys = dict.fromkeys(
            [
                *self.sources,
                *(k for b in self.brands for k in b.sources),
                *(k for i in self.identifiers for k in i.sources),
            ]
        )
        return tuple(citation(k) for k in keys)


@final
@attrs.frozen
class Finding:
    """One finding: an input, what it matched, and what is known.

    ``input`` is the medication as given (``repr`` for anything that is not text or an RxCUI);
    ``substance`` is the catalogue key (None for UNKNOWN findings); ``matched_as`` says which
    name, brand or code matched; ``evidence`` says which evidence drove the severity.
    """

    input: str
    substance: str | None
    substance_name: str | None
    matched_as: str | None
    severity: Severity
    direction: Direction
    mechanism: str
    advice: str
    evidence: str
    sources: tuple[str, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations behind this finding."""
        return tuple(citation(k) for k in self.sources)

    def _sort_key(self) -> tuple[int, str, str, str]:
        return (-self.severity.rank, self.substance or "~", self.input, self.matched_as or "")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see :meth:`InteractionReport.to_dict`)."""
        return {
            "input": self.input,
            "substance": self.substance,
            "substance_name": self.substance_name,
            "matched_as": self.matched_as,
            "severity": self.severity.value,
            "direction": self.direction.value,
            "mechanism": self.mechanism,
            "advice": self.advice,
            "evidence": self.evidence,
            "citations": [
                {"key": c.key, "short": c.short, "link": c.link, "reference": str(c)}
                for c in self.citations
            ],
        }


_HEADLINES: Final = {
    Severity.NONE: "no interaction (a documented absence)",
    Severity.INFO: "for information",
    Severity.MINOR: "minor",
    Severity.MODERATE: "moderate",
    Severity.MAJOR: "major",
    Severity.UNKNOWN: "UNKNOWN: cannot assess (never treated as safe)",
    Severity.CONTRAINDICATED: "CONTRAINDICATED",
}


@final
@attrs.frozen
class InteractionReport:
    """The result of :func:`check_interactions`: findings and the overall level.

    ``overall`` is the most severe finding (by :attr:`Severity.rank`); with no medications it is
    ``Severity.NONE`` and ``findings`` is empty, which the renderings say in words.
    """

    findings: tuple[Finding, ...]
    overall: Severity
    supplement: str | None
    medications_checked: int

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with a stable, documented shape (``schema_version`` 1).

        >>> mk7 = DailyDose(MK7, "100 µg/day")
        >>> r = check_interactions(["Coumadin 5 mg tablet"], supplement=mk7)
        >>> d = r.to_dict()
        >>> d["schema_version"], d["overall"], d["findings"][0]["substance"]
        (1, 'major', 'warfarin')
        """
        return {
            "schema_version": SCHEMA_VERSION,
            "overall": self.overall.value,
            "severity_scale": [s.value for s in Severity],
            "supplement": self.supplement,
            "medications_checked": self.medications_checked,
            "findings": [f.to_dict() for f in self.findings],
            "not_medical_advice": NOT_MEDICAL_ADVICE,
        }

    def _summary(self) -> str:
        if self.medications_checked == 0:
            return "No medications were given, so none were checked."
        return (
            f"{self.medications_checked} medication entr"
            f"{'y' if self.medications_checked == 1 else 'ies'} checked; "
            f"overall level: {_HEADLINES[self.overall]}."
        )

    def to_text(self) -> str:
        """Plain text for people.

        >>> print(check_interactions([]).to_text())
        Vitamin K interaction check
        Supplement: none given
        No medications were given, so none were checked.
        <BLANKLINE>
        vitk2 is not medical advice. ...
        """
        lines = [
            "Vitamin K interaction check",
            f"Supplement: {self.supplement or 'none given'}",
            self._summary(),
        ]
        for f in self.findings:
            name = f.substance_name or "not recognised"
            lines += [
                "",
                f"- {f.input!s}: {name} [{_HEADLINES[f.severity]}]",
                f"  Matched as: {f.matched_as or '-'}; direction: {f.direction.value}",
                f"  Mechanism: {f.mechanism}",
                f"  What to do: {f.advice}",
                f"  Evidence: {f.evidence}",
                f"  Sources: {'; '.join(str(c) for c in f.citations)}",
            ]
        lines += ["", NOT_MEDICAL_ADVICE]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """Markdown for people.

        >>> md = check_interactions(["apixaban"]).to_markdown()
        >>> md.splitlines()[0]
        '# Vitamin K interaction check'
        >>> "not medical advice" in md
        True
        """
        lines = [
            "# Vitamin K interaction check",
            "",
            f"**Supplement:** {_md(self.supplement or 'none given')}",
            "",
            _md(self._summary()),
        ]
        for f in self.findings:
            name = f.substance_name or "not recognised"
            cites = "; ".join(f"[{_md(c.short)}]({c.link})" for c in f.citations)
            lines += [
                "",
                f"## {_md(f.input)}: {_md(name)} ({_md(_HEADLINES[f.severity])})",
                "",
                f"- **Matched as:** {_md(f.matched_as or '-')}",
                f"- **Direction:** {f.direction.value}",
                f"- **Mechanism:** {_md(f.mechanism)}",
                f"- **What to do:** {_md(f.advice)}",
                f"- **Evidence:** {_md(f.evidence)}",
                f"- **Sources:** {cites}",
            ]
        lines += ["", f"*{_md(NOT_MEDICAL_ADVICE)}*", ""]
        return "\n".join(lines)


_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def _md(text: str) -> str:
    """Escape Markdown syntax so that user input renders as text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# --- the catalogue --------------------------------------------------------------------------


@cache
def _catalogue() -> tuple[dict[str, Interaction], tuple[Substance, ...]]:
    text = resources.files("vitk2").joinpath("data", "interactions.json").read_text("utf-8")
    raw = json.loads(text)
    interactions = {r["key"]: Interaction(**r) for r in raw["interactions"]}
    substances = tuple(
        Substance(
            key=r["key"],
            name=r["name"],
            interaction=interactions[r["interaction"]],
            synonyms=r["synonyms"],
            salts=r["salts"],
            brands=tuple(Brand(**b) for b in r["brands"]),
            identifiers=tuple(Identifier(**i) for i in r["identifiers"]),
            sources=r["sources"],
        )
        for r in raw["substances"]
    )
    return interactions, substances


@cache
def _name_index() -> dict[str, tuple[Substance, str]]:
    """Normalised name -> (substance, how it matched)."""
    index: dict[str, tuple[Substance, str]] = {}
    for s in _catalogue()[1]:
        entries = [(s.name, s.name)]
        entries += [(n, f"{n} (synonym of {s.name})") for n in s.synonyms]
        entries += [(n, f"{n} (salt of {s.name})") for n in s.salts]
        for b in s.brands:
            where = f"; {', '.join(b.countries)}" if b.countries else ""
            entries.append((b.name, f"{b.name} (brand of {s.name}{where}; source {b.status})"))
        for name, how in entries:
            norm = normalize_medication_name(name)
            if norm in index and index[norm][0] is not s:
                msg = f"catalogue name {name!r} is claimed by two substances"
                raise Vitk2Error(msg)
            index.setdefault(norm, (s, how))
    return index


@cache
def _code_index() -> dict[tuple[str, str], tuple[Substance, str]]:
    index: dict[tuple[str, str], tuple[Substance, str]] = {}
    for s in _catalogue()[1]:
        for i in s.identifiers:
            index[(i.system, i.code.casefold())] = (s, f"{i.system} {i.code} ({i.refers_to})")
    return index


def all_substances() -> tuple[Substance, ...]:
    """Every substance in the interaction catalogue, in catalogue order.

    >>> len(all_substances()) >= 25
    True
    """
    return _catalogue()[1]


def substance(name: str | int) -> Substance:
    """Look a catalogue substance up by name, synonym, salt, brand, ATC code or RxCUI.

    Raises :class:`NotFoundError` for anything that does not name exactly one substance.

    >>> substance("warfarin sodium").key
    'warfarin'
    >>> substance("B01AA07").name
    'acenocoumarol'
    >>> substance("aspirin")
    Traceback (most recent call last):
    ...
    vitk2.NotFoundError: 'aspirin' is not in vitk2's interaction catalogue...
    """
    if isinstance(name, int) and not isinstance(name, bool):
        code = _code_index().get(("RxCUI", str(name)))
        if code is not None:
            return code[0]
    elif isinstance(name, str) and len(name) <= MAX_INPUT_LENGTH:
        rx = _RXCUI_TEXT.match(name)
        if rx is not None:
            code = _code_index().get(("RxCUI", str(int(rx.group(1)))))
            if code is not None:
                return code[0]
        else:
            hits, leftover = _scan(name)
            if len(hits) == 1 and not leftover:
                return hits[0][0]
    msg = (
        f"{name!r} is not in vitk2's interaction catalogue; give one substance name, brand, "
        "salt, ATC code or RxCUI (see all_substances())"
    )
    raise NotFoundError(msg)


# --- name normalisation ---------------------------------------------------------------------

_STRENGTH: Final = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s*"
    r"(?:mg|mcg|μg|ug|g|ml|iu|ie|units?|%|mmol|nmol)?"
    r"(?:\s*/\s*(?:day|d|ml|tab|tablet|dose))?(?![\w.,])"
)
_FORM_WORDS: Final = frozenset(
    [
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "oral",
        "solution",
        "suspension",
        "injection",
        "injectable",
        "iv",
        "im",
        "film",
        "coated",
        "filmcoated",
        "mg",
        "mcg",
        "μg",
        "ug",
        "g",
        "ml",
        "iu",
        "daily",
        "once",
        "twice",
        "bid",
        "tid",
        "qid",
        "qd",
        "od",
        "powder",
        "granules",
        "sachet",
        "sachets",
        "syrup",
        "chewable",
        "extended",
        "release",
        "modified",
        "er",
        "xr",
        "sr",
        "soft",
        "hard",
        "gel",
        "softgel",
        "softgels",
        "drops",
        "liquid",
        "for",
        "of",
        "per",
        "day",
        "days",
        "dose",
        "doses",
        "and",
        "with",
        "plus",
        "generic",
        "take",
        "taking",
    ]
)
_SALT_WORDS: Final = frozenset(
    [
        "sodium",
        "potassium",
        "hydrochloride",
        "hcl",
        "tosilate",
        "tosylate",
        "mesilate",
        "mesylate",
        "etexilate",
        "disodium",
        "monohydrate",
        "hydrate",
        "dihydrate",
        "carbonate",
        "citrate",
        "acetate",
        "succinate",
        "maleate",
        "nafate",
    ]
)
_LATIN_TOKEN: Final = re.compile(r"^[a-z0-9]+$")
_ATC: Final = re.compile(r"^[a-z]\d\d[a-z][a-z]\d\d$")
_RXCUI_TEXT: Final = re.compile(r"^\s*(?:rxcui|rxnorm)?\s*[:#]?\s*(\d{1,9})\s*$", re.IGNORECASE)


def _fold(text: str) -> str:
    # Accents are folded (Préviscan = Previscan); letters of other scripts are kept as they are.
    return fold_accents(text)


def normalize_medication_name(text: str) -> str:
    """Reduce a medication text to the words that name the medicine.

    NFKC, case fold, accents removed, punctuation to spaces, strength and dose-form words
    ("5 mg", "tablet") and salt words ("sodium") removed (salt words only when another word
    remains).  Letters from other scripts, such as a Cyrillic ``о`` that looks like a Latin
    ``o``, are kept unchanged, so a look-alike never silently matches a catalogue name.

    >>> normalize_medication_name("  Coumadin® 5 mg Tablet ")
    'coumadin'
    >>> normalize_medication_name("Warfarin Sodium")
    'warfarin'
    >>> normalize_medication_name("PRÉVISCAN 20mg")
    'previscan'
    """
    # One pass can expose more to remove ("0G." loses its "." and then reads as a strength),
    # so repeat until nothing changes: normalising twice must change nothing.
    result = _normalize_once(text)
    while (again := _normalize_once(result)) != result:
        result = again
    return result


def _normalize_once(text: str) -> str:
    t = _fold(text)
    t = _STRENGTH.sub(" ", t)
    t = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in t)
    tokens = [w for w in t.split() if w not in _FORM_WORDS and not w.isdigit()]
    without_salts = [w for w in tokens if w not in _SALT_WORDS]
    return " ".join(without_salts or tokens)


def _scan(text: str) -> tuple[list[tuple[Substance, str]], list[str]]:
    norm = normalize_medication_name(text)
    tokens = norm.split()
    if len(tokens) == 1 and _ATC.match(tokens[0]):
        code = _code_index().get(("ATC", tokens[0]))
        if code is not None:
            return [code], []
        return [], tokens
    index = _name_index()
    used = [False] * len(tokens)
    hits: list[tuple[Substance, str]] = []
    seen: set[str] = set()
    for length in range(min(len(tokens), 5), 0, -1):
        for start in range(len(tokens) - length + 1):
            if any(used[start : start + length]):
                continue
            found = index.get(" ".join(tokens[start : start + length]))
            if found is None:
                continue
            for i in range(start, start + length):
                used[i] = True
            if found[0].key not in seen:
                seen.add(found[0].key)
                hits.append(found)
    leftover = [t for t, u in zip(tokens, used, strict=True) if not u]
    if hits:
        leftover = [t for t in leftover if t not in _SALT_WORDS]
    return hits, leftover


# --- the dose-aware assessment ---------------------------------------------------------------

_MK7_CLINICAL: Final = Fraction(50)
_MK7_LOWEST_TESTED: Final = Fraction(10)
_K1_THRESHOLD: Final = Fraction(150)
_MK4_PHARMACOLOGICAL: Final = Fraction(45_000)

Supplement = Amount | DailyDose | Vitamer | str | None


@attrs.frozen
class _Dose:
    vitamer: Vitamer | None
    per_day: DailyDose | None
    assumed_daily: bool
    shown: str | None


def _read_supplement(supplement: object) -> _Dose:
    if supplement is None:
        return _Dose(None, None, assumed_daily=False, shown=None)
    if isinstance(supplement, DailyDose):
        return _Dose(supplement.vitamer, supplement, assumed_daily=False, shown=str(supplement))
    if isinstance(supplement, Amount):
        per_day = DailyDose.from_micrograms_per_day(supplement.vitamer, supplement.micrograms)
        shown = f"{supplement} (assumed taken once a day)"
        return _Dose(supplement.vitamer, per_day, assumed_daily=True, shown=shown)
    if isinstance(supplement, Vitamer):
        return _Dose(
            supplement, None, assumed_daily=False, shown=f"{supplement.key} (dose not given)"
        )
    if isinstance(supplement, str):
        # A vitamer name ("MK-7"), else a dose; the dose parser's own error (IU, bare number,
        # unknown unit) then reaches the caller instead of a misleading "not a vitamer".
        try:
            return _read_supplement(vitamer(supplement))
        except UnknownVitamerError:
            pass
        return _read_supplement(parse_dose(supplement))
    msg = (
        f"supplement={supplement!r} cannot be read; give an Amount, a DailyDose, a Vitamer, "
        "a text such as '180 µg/day MK-7', or None"
    )
    raise InteractionInputError(msg)


def _micrograms(x: Fraction) -> str:
    return f"{format_number(x)} µg/day"


def _vka_assessment(dose: _Dose) -> tuple[Severity, str, tuple[str, ...]]:
    """Severity, the evidence that drove it, and its sources, for a vitamin K antagonist."""
    v, per_day = dose.vitamer, dose.per_day
    note = (
        " (a single amount was given; vitk2 assumes it is taken once a day)"
        if dose.assumed_daily
        else ""
    )
    if v is None:
        return (
            Severity.MAJOR,
            (
                "No supplement given: vitamin K from any source counteracts a vitamin K "
                "antagonist; "
                "dose thresholds apply once a supplement dose is given (MK-7 from 10 µg/day, "
                "Theuwissen 2013; K1 from 150 µg/day, Schurgers 2004). Consistent intake is the "
                "advice, not avoidance (Violi 2016)."
            ),
            ("violi-2016", "theuwissen-2013", "schurgers-2004"),
        )
    if v == MK7:
        if per_day is None:
            return (
                Severity.MAJOR,
                (
                    "MK-7 without a dose: assessed at its most severe tier; 50 µg/day or more may "
                    "interfere in a clinically relevant way (Schurgers 2007), and 10-20 µg/day "
                    "already "
                    "changed the INR (Theuwissen 2013)."
                ),
                ("schurgers-2007", "theuwissen-2013"),
            )
        d = per_day.micrograms_per_day
        if d >= _MK7_CLINICAL:
            return (
                Severity.MAJOR,
                (
                    f"MK-7 {_micrograms(d)}{note} is at or above 50 µg/day, which may interfere "
                    "with "
                    "oral anticoagulants in a clinically relevant way (Schurgers 2007); 45 µg/day "
                    "lowered the group INR by about 40% (Theuwissen 2013)."
                ),
                ("schurgers-2007", "theuwissen-2013"),
            )
        if d >= _MK7_LOWEST_TESTED:
            return (
                Severity.MAJOR,
                (
                    f"MK-7 {_micrograms(d)}{note} is in the 10-50 µg/day range where 10 and 20 "
                    "µg/day "
                    "lowered the INR in a clinically relevant way in a part of the subjects on "
                    "acenocoumarol (Theuwissen 2013)."
                ),
                ("theuwissen-2013",),
            )
        return (
            Severity.MODERATE,
            (
                f"MK-7 {_micrograms(d)}{note} is below 10 µg/day, the lowest dose studied with a "
                "vitamin K antagonist (Theuwissen 2013): its effect is unknown, not shown to be "
                "safe."
            ),
            ("theuwissen-2013",),
        )
    if v == K1:
        if per_day is None:
            return (
                Severity.MAJOR,
                (
                    "K1 without a dose: assessed at its most severe tier; 150 µg/day or more "
                    "lowered "
                    "the INR significantly (Schurgers 2004)."
                ),
                ("schurgers-2004",),
            )
        d = per_day.micrograms_per_day
        if d >= _K1_THRESHOLD:
            return (
                Severity.MAJOR,
                (
                    f"K1 {_micrograms(d)}{note} is at or above 150 µg/day, the threshold for a "
                    "significant INR decrease (clinically relevant in 25% of subjects; Schurgers "
                    "2004)."
                ),
                ("schurgers-2004",),
            )
        return (
            Severity.MODERATE,
            (
                f"K1 {_micrograms(d)}{note} is below the 150 µg/day threshold; 100 µg/day did not "
                "significantly change the INR (Schurgers 2004). A change of intake still matters."
            ),
            ("schurgers-2004",),
        )
    if v == MK4:
        if per_day is None or per_day.micrograms_per_day >= _MK4_PHARMACOLOGICAL:
            shown = (
                "MK-4 without a dose"
                if per_day is None
                else (f"MK-4 {_micrograms(per_day.micrograms_per_day)}{note}")
            )
            return (
                Severity.CONTRAINDICATED,
                (
                    f"{shown}: menatetrenone (MK-4) at the pharmacological dose of 45 mg/day is "
                    "contraindicated with warfarin on its Japanese label, which says warfarin "
                    "takes "
                    "priority and menatetrenone is stopped. The label names warfarin; the same "
                    "mechanism applies to every vitamin K antagonist."
                ),
                ("pmda-menatetrenone-kaken", "eisai-glakay-pi-2014"),
            )
        return (
            Severity.MAJOR,
            (
                f"MK-4 {_micrograms(per_day.micrograms_per_day)}{note} is below the "
                "pharmacological "
                "45 mg/day; no dose-response study of MK-4 with vitamin K antagonists was found, "
                "and "
                "vitk2 does not extrapolate the MK-7 or K1 thresholds, so it is treated as "
                "clinically "
                "relevant (menatetrenone reduces the effect of warfarin: Japanese label)."
            ),
            ("pmda-menatetrenone-kaken",),
        )
    return (
        Severity.MAJOR,
        (
            f"{v.key}: no dose-response data with vitamin K antagonists; vitk2 assumes the class "
            "effect of vitamin K (Violi 2016)."
        ),
        ("violi-2016",),
    )


def _finding(s: Substance, how: str, shown: str, dose: _Dose) -> Finding:
    rule = s.interaction
    severity, evidence, sources = rule.severity, rule.evidence, rule.sources
    if rule.key == "vitamin-k-antagonist":
        severity, evidence, sources = _vka_assessment(dose)
    return Finding(
        input=shown,
        substance=s.key,
        substance_name=s.name,
        matched_as=how,
        severity=severity,
        direction=rule.direction,
        mechanism=rule.mechanism,
        advice=rule.advice,
        evidence=evidence,
        sources=tuple(dict.fromkeys(sources)),
    )


_UNKNOWN_ADVICE: Final = (
    "Cannot assess: ask a pharmacist or clinician to check this medicine against vitamin K. "
    "On a vitamin K antagonist, keep vitamin K intake consistent and have the INR checked after "
    "any change."
)


def _unknown(shown: str, why: str) -> Finding:
    return Finding(
        input=shown,
        substance=None,
        substance_name=None,
        matched_as=None,
        severity=Severity.UNKNOWN,
        direction=Direction.UNKNOWN,
        mechanism="Not known to vitk2.",
        advice=_UNKNOWN_ADVICE,
        evidence=why,
        sources=("violi-2016",),
    )


def _show(item: object) -> str:
    if isinstance(item, str):
        return item if len(item) <= 80 else f"{item[:77]}..."
    if isinstance(item, int) and not isinstance(item, bool):
        return str(item)
    return repr(item)[:80]


def _assess(item: object, dose: _Dose) -> list[Finding]:
    shown = _show(item)
    if isinstance(item, bool) or not isinstance(item, str | int):
        return [
            _unknown(shown, f"{shown} is not a medication name or RxCUI (text or whole number).")
        ]
    if isinstance(item, int):
        code = _code_index().get(("RxCUI", str(item)))
        if code is None:
            return [_unknown(shown, f"RxCUI {item} is not in vitk2's catalogue.")]
        return [_finding(code[0], code[1], shown, dose)]
    if len(item) > MAX_INPUT_LENGTH:
        why = f"The text is {len(item)} characters long, more than {MAX_INPUT_LENGTH}."
        return [_unknown(shown, why)]
    rx = _RXCUI_TEXT.match(item)
    if rx is not None:
        code = _code_index().get(("RxCUI", str(int(rx.group(1)))))
        if code is None:
            return [_unknown(shown, f"RxCUI {int(rx.group(1))} is not in vitk2's catalogue.")]
        return [_finding(code[0], code[1], shown, dose)]
    hits, leftover = _scan(item)
    findings = [_finding(s, how, shown, dose) for s, how in hits]
    if not hits and not leftover:
        why = "No medicine name is left once strength, dose form and punctuation are removed."
        findings.append(_unknown(shown, why))
    elif leftover:
        odd = sorted({c for w in leftover for c in w if not _LATIN_TOKEN.match(c)})
        script = (
            " It contains letters outside the Latin alphabet ("
            + ", ".join(f"{c!r} {unicodedata.name(c, f'U+{ord(c):04X}')}" for c in odd[:3])
            + "); look-alike letters are not folded, so it cannot be matched."
            if odd
            else ""
        )
        what = " ".join(leftover)
        findings.append(_unknown(shown, f"{what!r} matches no catalogue entry.{script}"))
    return findings


def check_interactions(
    medications: Iterable[object], *, supplement: Supplement = None
) -> InteractionReport:
    """Check medications against vitamin K and return a report that fails closed.

    *medications* is a list (any iterable except a single string) of names, brand names, salts
    with or without strength and form text ("Coumadin 5 mg tablet"), ATC codes ("B01AA03") or
    RxCUIs (``11289`` or ``"RxCUI 11289"``).  Items vitk2 cannot read (``None``, floats, empty
    text, unknown names) each give an UNKNOWN finding; nothing is dropped.  *supplement* is a
    :class:`DailyDose`, an :class:`Amount` (assumed taken once a day), a :class:`Vitamer`
    (dose unknown: assessed at the vitamer's most severe tier), a text vitk2 can parse into one
    of these, or None (vitamin K in general).

    >>> r = check_interactions(["warfarin"], supplement=DailyDose(MK7, "180 µg/day"))
    >>> r.overall
    <Severity.MAJOR: 'major'>
    >>> check_interactions(["warfarin"], supplement=DailyDose(MK4, "45 mg/day")).overall
    <Severity.CONTRAINDICATED: 'contraindicated'>
    >>> check_interactions(["rivaroxaban"]).overall
    <Severity.NONE: 'none'>
    >>> check_interactions(["rivaroxaban", "frobnicillin"]).overall
    <Severity.UNKNOWN: 'unknown'>
    """
    if isinstance(medications, str | bytes) or not isinstance(medications, Iterable):
        msg = (
            f"medications={medications!r:.60} is not a list of medications; "
            "give a list such as ['warfarin'] (an empty list is fine)"
        )
        raise InteractionInputError(msg)
    if isinstance(medications, Mapping):
        msg = "medications is a mapping; give a list of medication names or RxCUIs"
        raise InteractionInputError(msg)
    dose = _read_supplement(supplement)
    items = list(medications)
    findings = [f for item in items for f in _assess(item, dose)]
    findings.sort(key=Finding._sort_key)
    overall = max((f.severity for f in findings), default=Severity.NONE)
    return InteractionReport(
        findings=tuple(findings),
        overall=overall,
        supplement=dose.shown,
        medications_checked=len(items),
    )
