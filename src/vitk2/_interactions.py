"""Interaction checks between vitamin K and medicines, built to fail closed.

:func:`check_interactions` reads a list of medications (names, brand names, salts, ATC codes,
RxCUIs, with or without strength and form text) and an optional vitamin K supplement, and
returns an :class:`InteractionReport`.  Every input yields at least one finding; an input no
catalogue entry matches yields an :attr:`Severity.UNKNOWN` finding ("cannot assess"), never an
empty or "none" report.  An UNKNOWN finding *ranks as* the worst severity the same supplement has
with any catalogued medicine (never below UNKNOWN, which itself ranks above MAJOR), and the
report's overall level is the highest rank: vitk2 never treats an unassessed medicine as safe.
Class words ("VKA", "blood thinner") are read as the class they name, trademark signs are
stripped, and a likely misspelling gets a "did you mean" suggestion but stays unassessed.

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
from vitk2._errors import NotFoundError, UnitParseError, UnknownVitamerError, Vitk2Error
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
    gives an UNKNOWN finding.  This error is for a wrong container, such as a single string or a
    quantity where a list of names is meant, and for a non-text given to
    :func:`normalize_medication_name`.
    """


InteractionInputError.__module__ = "vitk2"  # tracebacks name the public path

@total_ordering
class Severity(enum.Enum):
    """How much an interaction matters, on an ordered scale.

    From least to most severe: ``NONE`` (a documented absence of interaction), ``INFO`` (for
    information: synergy, or nothing known), ``MINOR``, ``MODERATE``, ``MAJOR``, ``UNKNOWN``
    (cannot assess) and ``CONTRAINDICATED``.  UNKNOWN ranks above MAJOR so that an unassessed
    medicine is never hidden behind a known one; where the supplement is contraindicated with a
    catalogued medicine, an UNKNOWN finding *ranks as* CONTRAINDICATED
    (:attr:`Finding.ranks_as`).

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
    ``substance`` is the catalogue key (None for UNKNOWN findings and for class words such as
    "VKA", whose ``substance_name`` names the class); ``matched_as`` says which name, brand, code
    or class word matched; ``evidence`` says which evidence drove the severity.

    ``ranks_as`` is the severity the finding is ranked by: its ``severity`` for an assessed
    finding; for an UNKNOWN finding, the worst severity the same supplement has with any
    catalogued medicine, and never less than UNKNOWN (an unrecognised name could be a vitamin K
    antagonist).  ``did_you_mean`` lists catalogue names close to an unrecognised word; the
    finding stays UNKNOWN until the name is given as listed.
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
    ranks_as: Severity
    did_you_mean: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations behind this finding."""
        return tuple(citation(k) for k in self.sources)

    def _sort_key(self) -> tuple[int, int, str, str, str]:
        return (
            -self.ranks_as.rank,
            -self.severity.rank,
            self.substance or "~",
            self.input,
            self.matched_as or "",
        )

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
            "ranks_as": self.ranks_as.value,
            "did_you_mean": list(self.did_you_mean),
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

    ``overall`` is the highest :attr:`Finding.ranks_as` (by :attr:`Severity.rank`), so an
    unrecognised medicine taken with a supplement that is contraindicated with a vitamin K
    antagonist makes the report CONTRAINDICATED; with no medications it is ``Severity.NONE`` and
    ``findings`` is empty, which the renderings say in words.
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
            "type": "InteractionReport",
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
            lines += ["", f"- {f.input!s}: {name} [{_headline(f)}]"]
            if f.did_you_mean:
                lines.append(f"  Did you mean: {', '.join(f.did_you_mean)}?")
            lines += [
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
                f"## {_md(f.input)}: {_md(name)} ({_md(_headline(f))})",
                "",
            ]
            if f.did_you_mean:
                lines.append(f"- **Did you mean:** {_md(', '.join(f.did_you_mean))}?")
            lines += [
                f"- **Matched as:** {_md(f.matched_as or '-')}",
                f"- **Direction:** {f.direction.value}",
                f"- **Mechanism:** {_md(f.mechanism)}",
                f"- **What to do:** {_md(f.advice)}",
                f"- **Evidence:** {_md(f.evidence)}",
                f"- **Sources:** {cites}",
            ]
        lines += ["", f"*{_md(NOT_MEDICAL_ADVICE)}*", ""]
        return "\n".join(lines)


def _headline(f: Finding) -> str:
    if f.ranks_as is f.severity:
        return _HEADLINES[f.severity]
    return f"{_HEADLINES[f.severity]}; ranked as {f.ranks_as.value.upper()}"


_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def _md(text: str) -> str:
    """Escape Markdown syntax so that user input renders as text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# --- the catalogue --------------------------------------------------------------------------


@final
@attrs.frozen
class _DrugClass:
    """A class of medicines named by a word ("VKA", "blood thinner") rather than a substance."""

    key: str
    name: str
    members: tuple[Interaction, ...]
    words: tuple[str, ...]
    note: str
    sources: tuple[str, ...]


_Target = Substance | _DrugClass


@cache
def _raw_catalogue() -> dict[str, Any]:
    text = resources.files("vitk2").joinpath("data", "interactions.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


@cache
def _classes() -> tuple[_DrugClass, ...]:
    interactions = _catalogue()[0]
    return tuple(
        _DrugClass(
            key=r["key"],
            name=r["name"],
            members=tuple(interactions[k] for k in r["members"]),
            words=tuple(r["words"]),
            note=r["note"],
            sources=tuple(r["sources"]),
        )
        for r in _raw_catalogue()["classes"]
    )


@cache
def _catalogue() -> tuple[dict[str, Interaction], tuple[Substance, ...]]:
    raw = _raw_catalogue()
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
def _name_index() -> dict[str, tuple[_Target, str]]:
    """Normalised name or class word -> (substance or class, how it matched)."""
    index: dict[str, tuple[_Target, str]] = {}
    entries: list[tuple[_Target, str, str]] = []
    for s in _catalogue()[1]:
        entries.append((s, s.name, s.name))
        entries += [(s, n, f"{n} (synonym of {s.name})") for n in s.synonyms]
        entries += [(s, n, f"{n} (salt of {s.name})") for n in s.salts]
        for b in s.brands:
            where = f"; {', '.join(b.countries)}" if b.countries else ""
            entries.append((s, b.name, f"{b.name} (brand of {s.name}{where}; source {b.status})"))
    for c in _classes():
        entries += [(c, w, f"{w} (class word: {c.name})") for w in c.words]
    for target, name, how in entries:
        norm = normalize_medication_name(name)
        if norm in index and index[norm][0] is not target:
            msg = f"catalogue name {name!r} is claimed twice"
            raise Vitk2Error(msg)
        index.setdefault(norm, (target, how))
    return index


@cache
def _spellings() -> dict[str, str]:
    """Normalised name -> the name as the catalogue spells it (for "did you mean")."""
    out: dict[str, str] = {}
    for s in _catalogue()[1]:
        for name in (s.name, *s.synonyms, *s.salts, *(b.name for b in s.brands)):
            out.setdefault(normalize_medication_name(name), name)
    for c in _classes():
        for w in c.words:
            out.setdefault(normalize_medication_name(w), w)
    return out


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
        code = _code_index().get(("RxCUI", str(name))) if 0 < name < _RXCUI_LIMIT else None
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
            if len(hits) == 1 and not leftover and isinstance(hits[0][0], Substance):
                return hits[0][0]
    shown = repr(_show(name)) if isinstance(name, str) else _show(name)
    msg = (
        f"{shown} is not in vitk2's interaction catalogue; give one substance name, brand, "
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
        "sodica",  # Spanish, as in "warfarina sódica" (AEMPS ficha técnica)
        "sodique",  # French, as in "warfarine sodique" (ANSM RCP)
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
_TRADEMARK_SIGNS: Final = re.compile("[\u2122\u2120\u00ae\u00a9\u24c7\u1d40\u1d39\u1d3f]")
_TRADEMARK_WORDS: Final = re.compile(r"\(\s*(?:tm|r|c|sm)\s*\)")
_ATC: Final = re.compile(r"^[a-z]\d\d[a-z][a-z]\d\d$")
_RXCUI_LIMIT: Final = 10**9  # RxCUIs have at most 9 digits
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

    Trademark signs (``™ ® © ℠`` and ``(TM)``, ``(R)``, ``(C)``, ``(SM)``) are removed, not
    spelled out, and anything but text is refused with :class:`InteractionInputError`:

    >>> normalize_medication_name("Warfarin™ (TM)")
    'warfarin'
    >>> normalize_medication_name(None)
    Traceback (most recent call last):
    ...
    vitk2.InteractionInputError: normalize_medication_name() reads text; got None (NoneType)...
    """
    if not isinstance(text, str):
        msg = (
            f"normalize_medication_name() reads text; got {_show(text)} "
            f"({type(text).__name__}); give a medication name such as 'warfarin 5 mg'"
        )
        raise InteractionInputError(msg)
    # One pass can expose more to remove ("0G." loses its "." and then reads as a strength),
    # so repeat until nothing changes: normalising twice must change nothing.
    result = _normalize_once(text)
    while (again := _normalize_once(result)) != result:
        result = again
    return result


def _normalize_once(text: str) -> str:
    # Signs first (NFKC would spell "™" as "TM" and glue it to the name), then the bracketed
    # forms, which folding may only now have made ASCII ("（ＴＭ）").
    t = _TRADEMARK_SIGNS.sub(" ", text)
    t = _TRADEMARK_WORDS.sub(" ", _fold(t))
    t = _STRENGTH.sub(" ", t)
    t = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in t)
    tokens = [w for w in t.split() if w not in _FORM_WORDS and not w.isdigit()]
    without_salts = [w for w in tokens if w not in _SALT_WORDS]
    return " ".join(without_salts or tokens)


def _scan(text: str) -> tuple[list[tuple[_Target, str]], list[str]]:
    norm = normalize_medication_name(text)
    tokens = norm.split()
    if len(tokens) == 1 and _ATC.match(tokens[0]):
        code = _code_index().get(("ATC", tokens[0]))
        if code is not None:
            return [code], []
        return [], tokens
    index = _name_index()
    used = [False] * len(tokens)
    hits: list[tuple[_Target, str]] = []
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
        if len(supplement) > MAX_INPUT_LENGTH:
            msg = (
                f"supplement text {_show(supplement)!r} is {len(supplement)} characters long, "
                f"more than {MAX_INPUT_LENGTH}; give a dose such as '180 µg/day MK-7'"
            )
            raise UnitParseError(msg)
        # A vitamer name ("MK-7"), else a dose; the dose parser's own error (IU, bare number,
        # unknown unit) then reaches the caller instead of a misleading "not a vitamer".
        try:
            try:
                return _read_supplement(vitamer(supplement))
            except UnknownVitamerError:
                pass
            return _read_supplement(parse_dose(supplement))
        except Vitk2Error:
            raise
        except (ValueError, TypeError, ArithmeticError) as e:
            # Whatever the parser lets through (an over-long number, say) is still a text vitk2
            # cannot read: say so in vitk2's words, never in Python's.
            msg = (
                f"supplement text {_show(supplement)!r} cannot be read as a dose; give a dose "
                "such as '180 µg/day MK-7'"
            )
            raise UnitParseError(msg) from e
    hint = (
        " (a quantity has no vitamer: give Amount(MK7, '100 µg') or DailyDose(...))"
        if hasattr(supplement, "units") and hasattr(supplement, "magnitude")
        else ""
    )
    msg = (
        f"supplement={_show(supplement)} cannot be read{hint}; give an Amount, a DailyDose, a "
        "Vitamer, a text such as '180 µg/day MK-7', or None"
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


def _assessment(rule: Interaction, dose: _Dose) -> tuple[Severity, str, tuple[str, ...]]:
    """Severity, evidence and sources of one interaction rule at this supplement dose."""
    if rule.key == "vitamin-k-antagonist":
        return _vka_assessment(dose)
    return rule.severity, rule.evidence, rule.sources


def _worst_possible(dose: _Dose) -> tuple[Severity, Interaction]:
    """The worst severity this supplement has with any catalogued medicine, and its rule.

    An unrecognised medicine could be any of them, so an UNKNOWN finding ranks at least this high
    (ties go to the rule listed first, the vitamin K antagonists).
    """
    rules = list(_catalogue()[0].values())
    ranked = [(_assessment(r, dose)[0], -i, r) for i, r in enumerate(rules)]
    severity, _, rule = max(ranked, key=lambda x: (x[0].rank, x[1]))
    return severity, rule


def _finding(target: _Target, how: str, shown: str, dose: _Dose) -> Finding:
    if isinstance(target, _DrugClass):
        return _class_finding(target, how, shown, dose)
    rule = target.interaction
    severity, evidence, sources = _assessment(rule, dose)
    return Finding(
        input=shown,
        substance=target.key,
        substance_name=target.name,
        matched_as=how,
        severity=severity,
        direction=rule.direction,
        mechanism=rule.mechanism,
        advice=rule.advice,
        evidence=evidence,
        sources=tuple(dict.fromkeys(sources)),
        ranks_as=severity,
    )


def _class_finding(c: _DrugClass, how: str, shown: str, dose: _Dose) -> Finding:
    """A class word: the class's worst member at this dose, with a note asking which drug."""
    assessed = [(*_assessment(rule, dose), rule) for rule in c.members]
    severity, evidence, sources, rule = max(assessed, key=lambda a: a[0].rank)
    return Finding(
        input=shown,
        substance=None,
        substance_name=c.name,
        matched_as=how,
        severity=severity,
        direction=rule.direction,
        mechanism=rule.mechanism,
        advice=f"{c.note} {rule.advice}",
        evidence=evidence,
        sources=tuple(dict.fromkeys([*c.sources, *sources])),
        ranks_as=severity,
    )


_UNKNOWN_ADVICE: Final = (
    "Cannot assess: ask a pharmacist or clinician to check this medicine against vitamin K. "
    "On a vitamin K antagonist, keep vitamin K intake consistent and have the INR checked after "
    "any change."
)


def _unknown(shown: str, why: str, dose: _Dose, did_you_mean: tuple[str, ...] = ()) -> Finding:
    worst, rule = _worst_possible(dose)
    ranks_as = max(worst, Severity.UNKNOWN)
    sources = ["violi-2016"]
    if did_you_mean:
        why += f" Did you mean {' or '.join(did_you_mean)}? Until confirmed it stays unknown."
    if ranks_as is not Severity.UNKNOWN:
        evidence, rule_sources = _assessment(rule, dose)[1:]
        why += (
            f" Ranked as {ranks_as.value.upper()}, the worst severity this supplement has with a"
            f" medicine in vitk2's catalogue, because the medicine could be one: {evidence}"
        )
        sources += rule_sources
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
        sources=tuple(dict.fromkeys(sources)),
        ranks_as=ranks_as,
        did_you_mean=did_you_mean,
    )


def _show(item: object) -> str:
    if isinstance(item, str):
        return item if len(item) <= 80 else f"{item[:77]}..."
    if isinstance(item, int) and not isinstance(item, bool):
        return str(item) if item.bit_length() <= 200 else f"<int of {item.bit_length()} bits>"
    try:
        text = repr(item)
    except Exception:  # a broken __repr__ must not hide the finding
        text = f"<{type(item).__name__} object>"
    return text if len(text) <= 80 else f"{text[:77]}..."


# --- "did you mean" ---------------------------------------------------------------------------

_SOUNDS_ALIKE: Final = (
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("c", "k"),
    ("y", "i"),
    ("z", "s"),
    ("ou", "u"),
)
_MAX_SUGGESTIONS: Final = 3
_MAX_WORDS_CHECKED: Final = 8


def _sound_key(word: str) -> str:
    """A rough spelling-independent key: 'fenprocoumon' and 'phenprocoumon' share one."""
    for a, b in _SOUNDS_ALIKE:
        word = word.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", word)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance (a swap of neighbours counts once), capped.

    Only the band of cells within *limit* of the diagonal is computed; anything beyond the cap
    comes back as ``limit + 1``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    prev2: list[int] = []
    prev = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        cur = [big] * (len(b) + 1)
        cur[0] = i if i <= limit else big
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = min(best, big)
        if min(cur) > limit:
            return big
        prev2, prev = prev, cur
    return prev[-1]


def _changes_a_short_word(word: str, name: str) -> bool:
    """Whether *name* differs from *word* inside a word of under four letters.

    "vitamin k" is not a typo of "vitamin e", nor "vitamin d3" of "vitamin d2": a short word that
    differs is a different word, so it is never offered as a correction.
    """
    ours, theirs = word.split(), name.split()
    if len(ours) != len(theirs):
        return False
    return any(a != b and min(len(a), len(b)) < 4 for a, b in zip(ours, theirs, strict=True))


@cache
def _suggestion_keys() -> tuple[tuple[str, str, str], ...]:
    """(normalised name, catalogue spelling, sound key) for every name worth suggesting."""
    return tuple((n, s, _sound_key(n)) for n, s in _spellings().items() if len(n) >= 4)


def _suggest(leftover: list[str]) -> tuple[str, ...]:
    """Catalogue names one or two edits (or a sounds-alike spelling) away from unmatched words."""
    words = [w for w in leftover if 4 <= len(w) <= 40][:_MAX_WORDS_CHECKED]
    if 2 <= len(leftover) <= 3:
        words.append(" ".join(leftover))
    found: dict[str, int] = {}
    for word in words:
        limit = 1 if len(word) <= 7 else 2
        key = _sound_key(word)
        for norm, spelled, sound in _suggestion_keys():
            if abs(len(norm) - len(word)) > limit and abs(len(sound) - len(key)) > 1:
                continue
            if _changes_a_short_word(word, norm):
                continue
            d = _distance(word, norm, limit)
            if d > limit and _distance(key, sound, 1) > 1:
                continue
            found[spelled] = min(found.get(spelled, d), d)
    ranked = sorted(found, key=lambda s: (found[s], s.casefold()))
    return tuple(ranked[:_MAX_SUGGESTIONS])


def _assess(item: object, dose: _Dose) -> list[Finding]:
    shown = _show(item)
    if isinstance(item, bool) or not isinstance(item, str | int):
        why = f"{shown} is not a medication name or RxCUI (text or whole number)."
        return [_unknown(shown, why, dose)]
    if isinstance(item, int):
        if not 0 < item < _RXCUI_LIMIT:
            why = f"{shown} is not an RxCUI (a whole number of 1 to 9 digits)."
            return [_unknown(shown, why, dose)]
        code = _code_index().get(("RxCUI", str(item)))
        if code is None:
            return [_unknown(shown, f"RxCUI {shown} is not in vitk2's catalogue.", dose)]
        return [_finding(code[0], code[1], shown, dose)]
    if len(item) > MAX_INPUT_LENGTH:
        why = f"The text is {len(item)} characters long, more than {MAX_INPUT_LENGTH}."
        return [_unknown(shown, why, dose)]
    rx = _RXCUI_TEXT.match(item)
    if rx is not None:
        code = _code_index().get(("RxCUI", str(int(rx.group(1)))))
        if code is None:
            why = f"RxCUI {int(rx.group(1))} is not in vitk2's catalogue."
            return [_unknown(shown, why, dose)]
        return [_finding(code[0], code[1], shown, dose)]
    hits, leftover = _scan(item)
    findings = [_finding(s, how, shown, dose) for s, how in hits]
    if not hits and not leftover:
        why = "No medicine name is left once strength, dose form and punctuation are removed."
        findings.append(_unknown(shown, why, dose))
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
        why = f"{what!r} matches no catalogue entry.{script}"
        findings.append(_unknown(shown, why, dose, _suggest(leftover)))
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

    An unknown ranks as the supplement's worst case; class words are read as their class:

    >>> r = check_interactions(["warfrin", "VKA"], supplement="45 mg/day MK-4")
    >>> [(f.input, f.severity.value, f.ranks_as.value, f.did_you_mean) for f in r.findings]
    [('VKA', 'contraindicated', 'contraindicated', ()),
     ('warfrin', 'unknown', 'contraindicated', ('warfarin',))]
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
    if hasattr(medications, "units") and hasattr(medications, "magnitude"):
        # A quantity (from any registry) iterates only if it wraps an array, and then yields
        # numbers: it is never a list of medications.
        msg = (
            f"medications={_show(medications)} is a quantity, not a list of medications; give a "
            "list such as ['warfarin'], and a supplement dose as supplement=..."
        )
        raise InteractionInputError(msg)
    dose = _read_supplement(supplement)
    try:
        items = list(medications)
    except (TypeError, ValueError) as e:
        msg = (
            f"medications={_show(medications)} could not be read as a list ({e}); give a list "
            "such as ['warfarin']"
        )
        raise InteractionInputError(msg) from e
    findings = [f for item in items for f in _assess(item, dose)]
    findings.sort(key=Finding._sort_key)
    overall = max((f.ranks_as for f in findings), default=Severity.NONE)
    return InteractionReport(
        findings=tuple(findings),
        overall=overall,
        supplement=dose.shown,
        medications_checked=len(items),
    )
