"""The interaction catalogue: substances, brands, identifiers, drug classes and their lookup.

The catalogue is packaged data (``vitk2/data/interactions.json``), read on first use; every
entry cites its sources.  :func:`substance` and :func:`scan_medication` find entries by name,
synonym, salt, brand, class word, ATC code or RxCUI, after :func:`normalize_medication_name`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from functools import cache, total_ordering
from importlib import resources
from typing import Any, Final, final

import attrs

from vitk2._errors import NotFoundError, Vitk2Error
from vitk2._medication_names import (
    ATC_CODE_TEXT,
    MAX_INPUT_LENGTH,
    RXCUI_LIMIT,
    RXCUI_TEXT,
    is_salt_word,
    normalize_medication_name,
    show_input,
    suggest_close,
    suggestion_keys,
)
from vitk2._sources import Citation, citation

__all__ = [
    "Direction",
    "Severity",
    "Substance",
    "all_substances",
    "substance",
]


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


# --- the catalogue --------------------------------------------------------------------------


@final
@attrs.frozen
class DrugClass:
    """A class of medicines named by a word ("VKA", "blood thinner") rather than a substance."""

    key: str
    name: str
    members: tuple[Interaction, ...]
    words: tuple[str, ...]
    note: str
    sources: tuple[str, ...]


Target = Substance | DrugClass


@cache
def _raw_catalogue() -> dict[str, Any]:
    text = resources.files("vitk2").joinpath("data", "interactions.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


@cache
def _classes() -> tuple[DrugClass, ...]:
    interactions = load_catalogue()[0]
    return tuple(
        DrugClass(
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
def load_catalogue() -> tuple[dict[str, Interaction], tuple[Substance, ...]]:
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
def _name_index() -> dict[str, tuple[Target, str]]:
    """Normalised name or class word -> (substance or class, how it matched)."""
    index: dict[str, tuple[Target, str]] = {}
    entries: list[tuple[Target, str, str]] = []
    for s in load_catalogue()[1]:
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
    for s in load_catalogue()[1]:
        for name in (s.name, *s.synonyms, *s.salts, *(b.name for b in s.brands)):
            out.setdefault(normalize_medication_name(name), name)
    for c in _classes():
        for w in c.words:
            out.setdefault(normalize_medication_name(w), w)
    return out


@cache
def code_index() -> dict[tuple[str, str], tuple[Substance, str]]:
    index: dict[tuple[str, str], tuple[Substance, str]] = {}
    for s in load_catalogue()[1]:
        for i in s.identifiers:
            index[(i.system, i.code.casefold())] = (s, f"{i.system} {i.code} ({i.refers_to})")
    return index


def all_substances() -> tuple[Substance, ...]:
    """Every substance in the interaction catalogue, in catalogue order.

    >>> len(all_substances()) >= 25
    True
    """
    return load_catalogue()[1]


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
        code = code_index().get(("RxCUI", str(name))) if 0 < name < RXCUI_LIMIT else None
        if code is not None:
            return code[0]
    elif isinstance(name, str) and len(name) <= MAX_INPUT_LENGTH:
        rx = RXCUI_TEXT.match(name)
        if rx is not None:
            code = code_index().get(("RxCUI", str(int(rx.group(1)))))
            if code is not None:
                return code[0]
        else:
            hits, leftover = scan_medication(name)
            if len(hits) == 1 and not leftover and isinstance(hits[0][0], Substance):
                return hits[0][0]
    shown = repr(show_input(name)) if isinstance(name, str) else show_input(name)
    msg = (
        f"{shown} is not in vitk2's interaction catalogue; give one substance name, brand, "
        "salt, ATC code or RxCUI (see all_substances())"
    )
    raise NotFoundError(msg)



def scan_medication(text: str) -> tuple[list[tuple[Target, str]], list[str]]:
    norm = normalize_medication_name(text)
    tokens = norm.split()
    if len(tokens) == 1 and ATC_CODE_TEXT.match(tokens[0]):
        code = code_index().get(("ATC", tokens[0]))
        if code is not None:
            return [code], []
        return [], tokens
    index = _name_index()
    used = [False] * len(tokens)
    hits: list[tuple[Target, str]] = []
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
        leftover = [t for t in leftover if not is_salt_word(t)]
    return hits, leftover



@cache
def _catalogue_suggestion_keys() -> tuple[tuple[str, str, str], ...]:
    return suggestion_keys(_spellings())


def suggest_names(leftover: list[str]) -> tuple[str, ...]:
    """Catalogue names close to words no entry matched ("did you mean")."""
    return suggest_close(leftover, _catalogue_suggestion_keys())
