"""Dose rules: how a supplement's vitamer and daily dose set the severity of an interaction.

The rules are cited data (``vitk2/data/interaction-rules.json``), read on first use: named
quantities (thresholds and study figures, each with its sources) and, per vitamer, tiers of
severity, evidence and sources.  Evidence texts name the quantities in braces, so a threshold is
written once and the message is built from the same number the dose is compared with.  An
interaction with no dose rule has the one severity the catalogue gives it.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final, final

import attrs

from vitk2._amounts import Amount, DailyDose, has_amount_text, parse_dose
from vitk2._errors import NotFoundError, UnknownVitamerError, Vitk2Error
from vitk2._interaction_catalogue import Interaction, Severity, load_catalogue
from vitk2._medication_names import InteractionInputError, show_input
from vitk2._sources import citation
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

__all__: list[str] = []

Supplement = Amount | DailyDose | Vitamer | str | None


@attrs.frozen
class SupplementDose:
    vitamer: Vitamer | None
    per_day: DailyDose | None
    assumed_daily: bool
    shown: str | None


def read_supplement(supplement: object) -> SupplementDose:
    if supplement is None:
        return SupplementDose(None, None, assumed_daily=False, shown=None)
    if isinstance(supplement, DailyDose):
        shown = str(supplement)
        return SupplementDose(supplement.vitamer, supplement, assumed_daily=False, shown=shown)
    if isinstance(supplement, Amount):
        per_day = DailyDose.from_micrograms_per_day(supplement.vitamer, supplement.micrograms)
        shown = f"{supplement} (assumed taken once a day)"
        return SupplementDose(supplement.vitamer, per_day, assumed_daily=True, shown=shown)
    if isinstance(supplement, Vitamer):
        return SupplementDose(
            supplement, None, assumed_daily=False, shown=f"{supplement.key} (dose not given)"
        )
    if isinstance(supplement, str):
        # A vitamer name ("MK-7"), else a dose; the dose parser's own error (IU, bare number,
        # unknown unit, over-long text or number) then reaches the caller instead of a
        # misleading "not a vitamer".  Both readers bound their input and raise only vitk2 errors.
        try:
            return read_supplement(vitamer(supplement))
        except UnknownVitamerError as exc:
            unknown = exc
        if not has_amount_text(supplement):
            # No amount either: it was meant as a vitamer alone, which is fine if vitk2 knows it.
            shown = str(unknown)
            msg = (
                f"{shown}{' Or' if shown.endswith('?') else ';'} give a vitamer vitk2 knows "
                "alone (such as 'MK-7') or a dose (such as '100 µg/day MK-7')"
            )
            raise UnknownVitamerError(msg) from None
        return read_supplement(parse_dose(supplement))
    hint = (
        " (a quantity has no vitamer: give Amount(MK7, '100 µg') or DailyDose(...))"
        if hasattr(supplement, "units") and hasattr(supplement, "magnitude")
        else ""
    )
    msg = (
        f"supplement={show_input(supplement)} cannot be read{hint}; give an Amount, a DailyDose, a "
        "Vitamer, a text such as '180 µg/day MK-7', or None"
    )
    raise InteractionInputError(msg)


_PER_DAY_UNITS: Final = {"µg/day": Fraction(1), "mg/day": Fraction(1000)}
"""Units a threshold may be written in, and micrograms per day in one of each."""
_UNITS: Final = frozenset([*_PER_DAY_UNITS, "%"])


@final
@attrs.frozen
class _Quantity:
    """A named, cited figure a rule compares doses with or quotes in its evidence."""

    value: Fraction
    unit: str
    sources: tuple[str, ...]

    @property
    def number(self) -> str:
        """The value alone, as the evidence text shows it ("50")."""
        return format_number(self.value)

    @property
    def micrograms_per_day(self) -> Fraction:
        """The value in µg/day (only for a per-day quantity)."""
        return self.value * _PER_DAY_UNITS[self.unit]

    def __format__(self, spec: str) -> str:
        """Show as the evidence text does: "50 µg/day", "45 mg/day", "40%"."""
        return f"{self.number}{self.unit}" if self.unit == "%" else f"{self.number} {self.unit}"


@final
@attrs.frozen
class _Outcome:
    """A severity with the evidence template that explains it and its sources."""

    severity: Severity
    evidence: str
    sources: tuple[str, ...]


@final
@attrs.frozen
class _Tier:
    """Doses at or above *threshold* (None: every dose) get *outcome*."""

    threshold: str | None
    outcome: _Outcome


@final
@attrs.frozen
class _VitamerRule:
    without_dose: _Outcome
    tiers: tuple[_Tier, ...]


@final
@attrs.frozen
class _DoseRule:
    """The dose rule of one catalogue interaction."""

    interaction: str
    quantities: Mapping[str, _Quantity]
    no_supplement: _Outcome
    vitamers: Mapping[str, _VitamerRule]
    other_vitamers: _Outcome
    assumed_daily_note: str

    def assess(self, dose: SupplementDose) -> tuple[Severity, str, tuple[str, ...]]:
        """Severity, the evidence that drove it, and its sources, at this supplement dose."""
        v, per_day = dose.vitamer, dose.per_day
        if v is None:
            return self._say(self.no_supplement, dose="", vitamer="")
        rule = self.vitamers.get(v.key)
        if rule is None:
            return self._say(self.other_vitamers, dose=v.key, vitamer=v.key)
        if per_day is None:
            return self._say(rule.without_dose, dose=f"{v.key} without a dose", vitamer=v.key)
        d = per_day.micrograms_per_day
        note = f" ({self.assumed_daily_note})" if dose.assumed_daily else ""
        shown = f"{v.key} {format_number(d)} µg/day{note}"
        for tier in rule.tiers:
            if tier.threshold is None or d >= self.quantities[tier.threshold].micrograms_per_day:
                return self._say(tier.outcome, dose=shown, vitamer=v.key)
        raise AssertionError  # pragma: no cover - the loader ends every list with a floor tier

    def _say(
        self, outcome: _Outcome, *, dose: str, vitamer: str
    ) -> tuple[Severity, str, tuple[str, ...]]:
        text = outcome.evidence.format_map({**self.quantities, "dose": dose, "vitamer": vitamer})
        return outcome.severity, text, outcome.sources


def _bad(where: str, what: str) -> Vitk2Error:
    # A defect in packaged (or test) data, not in user input: the base class, as the catalogue.
    return Vitk2Error(f"interaction rule data, {where}: {what}")


def _check_sources(sources: object, where: str) -> None:
    if not isinstance(sources, list) or not sources or not all(isinstance(k, str) for k in sources):
        raise _bad(where, "sources must be a non-empty list of citation keys")
    for key in sources:
        try:
            citation(key)
        except NotFoundError:
            raise _bad(where, f"source {key!r} is not a citation key vitk2 knows") from None


def _outcome(
    raw: Any, where: str, quantities: Mapping[str, _Quantity], *, names_dose: bool = True
) -> _Outcome:
    """Read one outcome; *names_dose* False where there is no supplement for {dose}/{vitamer}."""
    if not isinstance(raw, dict) or set(raw) != {"severity", "evidence", "sources"}:
        raise _bad(where, "give exactly 'severity', 'evidence' and 'sources'")
    try:
        severity = Severity(raw["severity"])
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        raise _bad(where, f"severity {raw['severity']!r} is not one of {known}") from None
    evidence, sources = raw["evidence"], raw["sources"]
    if not isinstance(evidence, str) or not evidence:
        raise _bad(where, "evidence must be a non-empty text")
    _check_sources(sources, where)
    for _, field, spec, conversion in string.Formatter().parse(evidence):
        if field is None:
            continue
        name, _, attribute = field.partition(".")
        supplement_fields = ["dose", "vitamer"] if names_dose else []
        known_field = name in supplement_fields and not attribute
        known_field |= name in quantities and attribute in {"", "number"}
        if not known_field or spec or conversion:
            names = ", ".join([*supplement_fields, *quantities])
            raise _bad(where, f"evidence names {{{field}}}; it may name {names} (or X.number)")
    return _Outcome(severity, evidence, tuple(sources))


def _quantity(raw: Any, where: str) -> _Quantity:
    if not isinstance(raw, dict) or not {"value", "unit", "sources"} <= set(raw):
        raise _bad(where, "give 'value', 'unit' and 'sources'")
    value, unit = raw["value"], raw["unit"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _bad(where, f"value {value!r} is not a number of zero or more")
    if unit not in _UNITS:
        raise _bad(where, f"unit {unit!r} is not one of {', '.join(sorted(_UNITS))}")
    sources = raw["sources"]
    _check_sources(sources, where)
    return _Quantity(Fraction(str(value)), unit, tuple(sources))


def _vitamer_rule(raw: Any, where: str, quantities: Mapping[str, _Quantity]) -> _VitamerRule:
    if not isinstance(raw, dict) or set(raw) != {"without_dose", "tiers"}:
        raise _bad(where, "give exactly 'without_dose' and 'tiers'")
    raw_tiers = raw["tiers"]
    if not isinstance(raw_tiers, list) or not raw_tiers:
        raise _bad(where, "tiers must be a non-empty list")
    tiers: list[_Tier] = []
    for i, t in enumerate(raw_tiers):
        here = f"{where}, tier {i + 1}"
        if not isinstance(t, dict):
            raise _bad(here, "a tier is an object")
        body = {k: v for k, v in t.items() if k != "at_or_above"}
        threshold = t.get("at_or_above")
        last = i == len(raw_tiers) - 1
        if last != (threshold is None):
            raise _bad(here, "every tier but the last names a threshold in 'at_or_above'")
        if threshold is not None:
            q = quantities.get(threshold)
            if q is None or q.unit not in _PER_DAY_UNITS:
                raise _bad(here, f"threshold {threshold!r} is not a per-day quantity of this rule")
            if tiers and tiers[-1].threshold is not None and (
                q.micrograms_per_day >= quantities[tiers[-1].threshold].micrograms_per_day
            ):
                raise _bad(here, "tiers run from the highest threshold down")
        tiers.append(_Tier(threshold, _outcome(body, here, quantities)))
    most_severe = max((t.outcome for t in tiers), key=lambda o: o.severity.rank)
    undosed = raw["without_dose"]
    if undosed == "most-severe-tier":
        without_dose = most_severe
    else:
        without_dose = _outcome(undosed, f"{where}, without_dose", quantities)
    # Fail closed: a supplement of unknown dose is never assessed below its worst dose.
    if without_dose.severity < most_severe.severity:
        raise _bad(where, "without_dose is less severe than the most severe tier")
    return _VitamerRule(without_dose, tuple(tiers))


def _dose_rules_from(raw: Any) -> dict[str, _DoseRule]:
    """Read rule data (the shape of ``interaction-rules.json``), refusing anything unclear."""
    if not isinstance(raw, dict) or raw.get("schema_version") != 1:
        raise _bad("top level", "expected an object with schema_version 1")
    note = raw.get("assumed_daily_note")
    if not isinstance(note, str) or not note:
        raise _bad("top level", "assumed_daily_note must be a non-empty text")
    if not isinstance(raw.get("rules"), dict):
        raise _bad("top level", "'rules' is an object keyed by catalogue interaction")
    rules: dict[str, _DoseRule] = {}
    interactions = load_catalogue()[0]
    for key, r in raw["rules"].items():
        if key not in interactions:
            # A rule nothing would ever apply is a typo, not a choice: refuse it.
            known = ", ".join(interactions)
            raise _bad(key, f"no catalogue interaction has this key; known: {known}")
        keys = {"quantities", "no_supplement", "vitamers", "other_vitamers"}
        if not isinstance(r, dict) or set(r) != keys:
            raise _bad(key, f"give exactly {', '.join(sorted(keys))}")
        if not isinstance(r["quantities"], dict) or not isinstance(r["vitamers"], dict):
            raise _bad(key, "'quantities' and 'vitamers' are objects keyed by name")
        for v in r["vitamers"]:
            try:
                known_vitamer = vitamer(v).key == v
            except Vitk2Error:
                known_vitamer = False
            if not known_vitamer:
                raise _bad(f"{key}, {v}", "not a vitamer key such as 'MK-7', 'K1' or 'MK-4'")
        quantities = {n: _quantity(q, f"{key}, quantity {n}") for n, q in r["quantities"].items()}
        rules[key] = _DoseRule(
            interaction=key,
            quantities=quantities,
            no_supplement=_outcome(
                r["no_supplement"], f"{key}, no_supplement", quantities, names_dose=False
            ),
            vitamers={
                v: _vitamer_rule(vr, f"{key}, {v}", quantities) for v, vr in r["vitamers"].items()
            },
            other_vitamers=_outcome(r["other_vitamers"], f"{key}, other_vitamers", quantities),
            assumed_daily_note=note,
        )
    return rules


@cache
def _dose_rules() -> dict[str, _DoseRule]:
    text = resources.files("vitk2").joinpath("data", "interaction-rules.json").read_text("utf-8")
    return _dose_rules_from(json.loads(text))


def assessment(rule: Interaction, dose: SupplementDose) -> tuple[Severity, str, tuple[str, ...]]:
    """Severity, evidence and sources of one interaction at this supplement dose."""
    dose_rule = _dose_rules().get(rule.key)
    if dose_rule is not None:
        return dose_rule.assess(dose)
    return rule.severity, rule.evidence, rule.sources


def worst_possible(dose: SupplementDose) -> tuple[Severity, Interaction]:
    """The worst severity this supplement has with any catalogued medicine, and its rule.

    An unrecognised medicine could be any of them, so an UNKNOWN finding ranks at least this high
    (ties go to the rule listed first, the vitamin K antagonists).
    """
    rules = list(load_catalogue()[0].values())
    ranked = [(assessment(r, dose)[0], -i, r) for i, r in enumerate(rules)]
    severity, _, rule = max(ranked, key=lambda x: (x[0].rank, x[1]))
    return severity, rule
