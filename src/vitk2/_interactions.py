"""Interaction checks between vitamin K and medicines, built to fail closed.

:func:`check_interactions` reads a list of medications (names, brand names, salts, ATC codes,
RxCUIs, with or without strength and form text) and an optional vitamin K supplement, and
returns an :class:`InteractionReport`.  Every input yields at least one finding; an input no
catalogue entry matches yields an :attr:`Severity.UNKNOWN` finding ("cannot assess"), never an
empty or "none" report, and an empty list (or an empty or non-text name) is refused: nothing
assessed is never reported as no interaction.  An UNKNOWN finding *ranks as* the worst
severity the same supplement has with any catalogued medicine (never below UNKNOWN, which
itself ranks above MAJOR), and the report's overall level is the highest rank: vitk2 never
treats an unassessed medicine as safe.
Class words ("VKA", "blood thinner") are read as the class they name, trademark signs are
stripped, and a likely misspelling gets a "did you mean" suggestion but stays unassessed.

The work is split by concept, and this module ties it together:

- :mod:`vitk2._medication_names`: reading a medication text (normalisation, "did you mean");
- :mod:`vitk2._interaction_catalogue`: substances, brands, identifiers, classes and lookup
  (``vitk2/data/interactions.json``);
- :mod:`vitk2._interaction_rules`: how a supplement's dose sets the severity, as cited data
  (``vitk2/data/interaction-rules.json``);
- :mod:`vitk2._interaction_report`: findings, the report and its renderings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from vitk2._interaction_catalogue import (
    Direction,
    DrugClass,
    Severity,
    Substance,
    Target,
    all_substances,
    code_index,
    scan_medication,
    substance,
    suggest_names,
)
from vitk2._interaction_report import Finding, InteractionReport
from vitk2._interaction_rules import (
    Supplement,
    SupplementDose,
    assessment,
    read_supplement,
    worst_possible,
)
from vitk2._medication_names import (
    LATIN_TOKEN,
    MAX_INPUT_LENGTH,
    RXCUI_LIMIT,
    RXCUI_TEXT,
    InteractionInputError,
    normalize_medication_name,
    show_input,
)
from vitk2._medication_names import (
    edit_distance as edit_distance,  # noqa: PLC0414 - re-exported: importable here as before the split
)
from vitk2._sources import citation
from vitk2._units import brief

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

def _finding(target: Target, how: str, shown: str, dose: SupplementDose) -> Finding:
    if isinstance(target, DrugClass):
        return _class_finding(target, how, shown, dose)
    rule = target.interaction
    severity, evidence, sources = assessment(rule, dose)
    if severity is Severity.NONE:
        # A documented absence cites the medicine's own label (apixaban's for apixaban), never
        # another drug's, and never a copy of a label on a mirror.
        sources = (*_own_labels(target), *sources)
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


def _own_labels(target: Substance) -> tuple[str, ...]:
    """The medicine's own prescribing documents among its sources, read at the regulator's."""
    labels = []
    for key in target.sources:
        c = citation(key)
        if c.kind == "drug-label" and not (c.note or "").startswith("SECONDARY"):
            labels.append(key)
    return tuple(labels)


def _class_finding(c: DrugClass, how: str, shown: str, dose: SupplementDose) -> Finding:
    """A class word: the class's worst member at this dose, with a note asking which drug."""
    assessed = [(*assessment(rule, dose), rule) for rule in c.members]
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


def _unknown(
    shown: str, why: str, dose: SupplementDose, did_you_mean: tuple[str, ...] = ()
) -> Finding:
    worst, rule = worst_possible(dose)
    ranks_as = max(worst, Severity.UNKNOWN)
    sources = ["violi-2016"]
    if did_you_mean:
        why += f" Did you mean {' or '.join(did_you_mean)}? Until confirmed it stays unknown."
    if ranks_as is not Severity.UNKNOWN:
        evidence, rule_sources = assessment(rule, dose)[1:]
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


def _assess(item: str | int, dose: SupplementDose) -> list[Finding]:
    """The findings for one medication, already checked to be a name or a whole number."""
    shown = show_input(item)
    if isinstance(item, int):
        if not 0 < item < RXCUI_LIMIT:
            why = f"{shown} is not an RxCUI (a whole number of 1 to 9 digits)."
            return [_unknown(shown, why, dose)]
        code = code_index().get(("RxCUI", str(item)))
        if code is None:
            return [_unknown(shown, f"RxCUI {shown} is not in vitk2's catalogue.", dose)]
        return [_finding(code[0], code[1], shown, dose)]
    if len(item) > MAX_INPUT_LENGTH:
        why = f"The text is {len(item)} characters long, more than {MAX_INPUT_LENGTH}."
        return [_unknown(shown, why, dose)]
    rx = RXCUI_TEXT.match(item)
    if rx is not None:
        code = code_index().get(("RxCUI", str(int(rx.group(1)))))
        if code is None:
            why = f"RxCUI {int(rx.group(1))} is not in vitk2's catalogue."
            return [_unknown(shown, why, dose)]
        return [_finding(code[0], code[1], shown, dose)]
    hits, leftover = scan_medication(item)
    findings = [_finding(s, how, shown, dose) for s, how in hits]
    if not hits and not leftover:
        why = "No medicine name is left once strength, dose form and punctuation are removed."
        findings.append(_unknown(shown, why, dose))
    elif leftover:
        odd = sorted({c for w in leftover for c in w if not LATIN_TOKEN.match(c)})
        script = (
            " It contains letters outside the Latin alphabet ("
            + ", ".join(f"{c!r} {unicodedata.name(c, f'U+{ord(c):04X}')}" for c in odd[:3])
            + "); look-alike letters are not folded, so it cannot be matched."
            if odd
            else ""
        )
        what = " ".join(leftover)
        why = f"{what!r} matches no catalogue entry.{script}"
        findings.append(_unknown(shown, why, dose, suggest_names(leftover)))
    return findings


_ACCEPTED_ITEMS: Final = (
    "give each medication as a name (text such as 'warfarin') or an RxCUI (a whole number)"
)


def _check_items(items: list[object]) -> list[str | int]:
    """The items, each a name or a whole number; a list with nothing to check is refused first.

    A report on no medicine would read "none" or nothing, which an app could show as "no
    interaction"; an item that is not a name (``None``, a float) or an empty text names nothing.
    """
    if not items:
        msg = (
            "medications is empty, so there is nothing to check; give at least one medication, "
            "such as ['warfarin'] (vitk2 never reports 'no interaction' for nothing assessed)"
        )
        raise InteractionInputError(msg)
    checked: list[str | int] = []
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, str | int):
            msg = f"medications[{i}] is {brief(item)}, not a medication; {_ACCEPTED_ITEMS}"
            raise InteractionInputError(msg)
        if isinstance(item, str) and not item.strip():
            msg = f"medications[{i}] is {item!r}, an empty name; {_ACCEPTED_ITEMS}"
            raise InteractionInputError(msg)
        checked.append(item)
    return checked


def check_interactions(
    medications: Iterable[object], *, supplement: Supplement = None
) -> InteractionReport:
    """Check medications against vitamin K and return a report that fails closed.

    *medications* is a list (any iterable except a single string) of names, brand names, salts
    with or without strength and form text ("Coumadin 5 mg tablet"), ATC codes ("B01AA03") or
    RxCUIs (``11289`` or ``"RxCUI 11289"``).  A name or number vitk2 does not know gives an
    UNKNOWN finding; nothing is dropped.  An empty list, or an item that is neither text nor a
    whole number (``None``, a float) or is an empty text, raises :class:`InteractionInputError`
    naming it: a report with nothing assessed would read as "no interaction".  *supplement* is a
    :class:`DailyDose`, an :class:`Amount` (assumed taken once a day), a :class:`Vitamer`
    (dose unknown: assessed at the vitamer's most severe tier), a text vitk2 can parse into one
    of these, or None (vitamin K in general).

    >>> from vitk2 import MK4, MK7, DailyDose
    >>> r = check_interactions(["warfarin"], supplement=DailyDose(MK7, "180 µg/day"))
    >>> r.overall
    <Severity.MAJOR: 'major'>
    >>> check_interactions(["warfarin"], supplement=DailyDose(MK4, "45 mg/day")).overall
    <Severity.CONTRAINDICATED: 'contraindicated'>
    >>> check_interactions(["rivaroxaban"]).overall
    <Severity.NONE: 'none'>
    >>> check_interactions(["rivaroxaban", "frobnicillin"]).overall
    <Severity.UNKNOWN: 'unknown'>
    >>> check_interactions([])
    Traceback (most recent call last):
    ...
    vitk2.InteractionInputError: medications is empty, so there is nothing to check; ...

    An unknown ranks as the supplement's worst case; class words are read as their class:

    >>> r = check_interactions(["warfrin", "VKA"], supplement="45 mg/day MK-4")
    >>> [(f.input, f.severity.value, f.ranks_as.value, f.did_you_mean) for f in r.findings]
    [('VKA', 'contraindicated', 'contraindicated', ()),
     ('warfrin', 'unknown', 'contraindicated', ('warfarin',))]
    """
    if isinstance(medications, str | bytes) or not isinstance(medications, Iterable):
        msg = (
            f"medications={medications!r:.60} is not a list of medications; "
            "give a list such as ['warfarin']"
        )
        raise InteractionInputError(msg)
    if isinstance(medications, Mapping):
        msg = "medications is a mapping; give a list of medication names or RxCUIs"
        raise InteractionInputError(msg)
    if hasattr(medications, "units") and hasattr(medications, "magnitude"):
        # A quantity (from any registry) iterates only if it wraps an array, and then yields
        # numbers: it is never a list of medications.
        msg = (
            f"medications={show_input(medications)} is a quantity, not a list of medications; "
            "give a list such as ['warfarin'], and a supplement dose as supplement=..."
        )
        raise InteractionInputError(msg)
    dose = read_supplement(supplement)
    try:
        items = list(medications)
    except (TypeError, ValueError) as e:
        msg = (
            f"medications={show_input(medications)} could not be read as a list ({e}); give a list "
            "such as ['warfarin']"
        )
        raise InteractionInputError(msg) from e
    findings = [f for item in _check_items(items) for f in _assess(item, dose)]
    findings.sort(key=Finding._sort_key)
    overall = max(f.ranks_as for f in findings)
    return InteractionReport(
        findings=tuple(findings),
        overall=overall,
        supplement=dose.shown,
        medications_checked=len(items),
    )
