"""Dose rules are cited data: the data drives severities and messages, and cites known sources."""

from __future__ import annotations

import copy
import json
import re
import string
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vitk2 import (
    MK4,
    MK7,
    DailyDose,
    Severity,
    Vitk2Error,
    all_citations,
    check_interactions,
    vitamer,
)
from vitk2 import _interaction_rules as rules_module
from vitk2._interaction_catalogue import load_catalogue
from vitk2._interaction_rules import _dose_rules_from


def _packaged() -> dict[str, Any]:
    text = resources.files("vitk2").joinpath("data", "interaction-rules.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


def _vka(raw: dict[str, Any]) -> dict[str, Any]:
    rule: dict[str, Any] = raw["rules"]["vitamin-k-antagonist"]
    return rule


def _outcomes(rule: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield rule["no_supplement"]
    yield rule["other_vitamers"]
    for v in rule["vitamers"].values():
        if isinstance(v["without_dose"], dict):
            yield v["without_dose"]
        yield from v["tiers"]


@pytest.fixture
def use_rules(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, Any]], None]:
    """Make check_interactions read the given rule data instead of the packaged file."""

    def use(raw: dict[str, Any]) -> None:
        rules = _dose_rules_from(raw)
        monkeypatch.setattr(rules_module, "_dose_rules", lambda: rules)

    return use


# --- the packaged data --------------------------------------------------------------------


def test_every_rule_cites_known_sources() -> None:
    known = {c.key for c in all_citations()}
    raw = _packaged()
    assert raw["rules"], "no rules: the check below would pass vacuously"
    for key, rule in raw["rules"].items():
        cited = [k for q in rule["quantities"].values() for k in q["sources"]]
        cited += [k for o in _outcomes(rule) for k in o["sources"]]
        assert cited, key
        assert set(cited) <= known, (key, sorted(set(cited) - known))
        # The catalogue entry of the interaction cites what its rule quotes (bar the label's
        # English translation, which the catalogue entry reaches through the MK-4 tier).
        assert key in load_catalogue()[0]
        for name in rule["vitamers"]:
            assert vitamer(name).key == name


def test_every_quantity_is_quoted_or_compared() -> None:
    for key, rule in _packaged()["rules"].items():
        used: set[str] = set()
        for o in _outcomes(rule):
            used |= {
                field.partition(".")[0]
                for _, field, _, _ in string.Formatter().parse(o["evidence"])
                if field
            }
        for v in rule["vitamers"].values():
            used |= {t["at_or_above"] for t in v["tiers"] if "at_or_above" in t}
        assert set(rule["quantities"]) <= used, (key, set(rule["quantities"]) - used)


# Digits left in an evidence text once the named quantities are taken out may only be citation
# years, vitamer names and "vitk2": a dose or percentage written out is a number written twice.
_ALLOWED_DIGITS = re.compile(r"\b(?:19|20)\d\d\b|\bMK-\d+\b|\bK[123]\b|\bvitk2\b")


def test_no_number_is_written_twice() -> None:
    for rule in _packaged()["rules"].values():
        for o in _outcomes(rule):
            literal = "".join(text for text, *_ in string.Formatter().parse(o["evidence"]))
            assert not re.search(r"\d", _ALLOWED_DIGITS.sub("", literal)), o["evidence"]


def test_the_packaged_file_is_what_check_interactions_reads() -> None:
    mk7 = _vka(_packaged())["quantities"]["mk7_clinical"]
    f = check_interactions(["warfarin"], supplement=DailyDose(MK7, "90 µg/day")).findings[0]
    assert f"at or above {mk7['value']} {mk7['unit']}" in f.evidence


# --- the data drives the messages -----------------------------------------------------------


@given(threshold=st.integers(11, 10_000), dose=st.integers(10, 20_000))
def test_a_moved_threshold_moves_severity_and_message(threshold: int, dose: int) -> None:
    raw = copy.deepcopy(_packaged())
    vka = _vka(raw)
    vka["quantities"]["mk7_clinical"]["value"] = threshold
    # Fail closed: an undosed MK-7 must stay at least as severe as its worst tier.
    vka["vitamers"]["MK-7"]["tiers"][0]["severity"] = "contraindicated"
    vka["vitamers"]["MK-7"]["without_dose"]["severity"] = "contraindicated"
    with pytest.MonkeyPatch.context() as mp:
        rules = _dose_rules_from(raw)
        mp.setattr(rules_module, "_dose_rules", lambda: rules)
        report = check_interactions(
            ["warfarin", "frobnicillin"], supplement=DailyDose(MK7, f"{dose} µg/day")
        )
    known = next(f for f in report.findings if f.substance == "warfarin")
    unknown = next(f for f in report.findings if f.substance is None)
    if dose >= threshold:
        assert known.severity is Severity.CONTRAINDICATED
        assert f"MK-7 {dose} µg/day is at or above {threshold} µg/day" in known.evidence
        # An unknown medicine ranks as the supplement's new worst case.
        assert unknown.ranks_as is Severity.CONTRAINDICATED
        assert report.overall is Severity.CONTRAINDICATED
    else:
        assert known.severity is Severity.MAJOR
        assert f"is in the 10-{threshold} µg/day range" in known.evidence
        assert unknown.ranks_as is Severity.UNKNOWN
    # The no-dose finding quotes the moved threshold too.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rules_module, "_dose_rules", lambda: rules)
        undosed = check_interactions(["warfarin"], supplement=MK7).findings[0]
    assert undosed.severity is Severity.CONTRAINDICATED
    assert f"{threshold} µg/day or more may interfere" in undosed.evidence


def test_a_threshold_in_another_unit_is_compared_exactly(
    use_rules: Callable[[dict[str, Any]], None],
) -> None:
    raw = copy.deepcopy(_packaged())
    _vka(raw)["quantities"]["mk4_pharmacological"].update(value=0.03, unit="mg/day")
    use_rules(raw)
    at = check_interactions(["warfarin"], supplement=DailyDose(MK4, "30 µg/day")).findings[0]
    below = check_interactions(["warfarin"], supplement=DailyDose(MK4, "29.999 µg/day"))
    assert at.severity is Severity.CONTRAINDICATED
    assert "pharmacological dose of 0.03 mg/day" in at.evidence
    assert below.findings[0].severity is Severity.MAJOR
    assert "below the pharmacological 0.03 mg/day" in below.findings[0].evidence


def test_a_new_rule_is_data_only(use_rules: Callable[[dict[str, Any]], None]) -> None:
    # A second dose rule, on an interaction that has none today: nothing but data changes.
    raw = copy.deepcopy(_packaged())
    label = ["dailymed-eliquis"]
    raw["rules"]["direct-oral-anticoagulant"] = {
        "quantities": {"big": {"value": 1, "unit": "mg/day", "sources": ["kampouraki-2017"]}},
        "no_supplement": {"severity": "none", "evidence": "Nothing given.", "sources": label},
        "vitamers": {
            "MK-7": {
                "without_dose": "most-severe-tier",
                "tiers": [
                    {
                        "at_or_above": "big",
                        "severity": "minor",
                        "evidence": "{dose} reaches {big} ({big.number} in mg).",
                        "sources": ["kampouraki-2017"],
                    },
                    {"severity": "none", "evidence": "{dose}: fine.", "sources": label},
                ],
            }
        },
        "other_vitamers": {"severity": "none", "evidence": "{vitamer}: none.", "sources": label},
    }
    use_rules(raw)
    high = check_interactions(["apixaban"], supplement=DailyDose(MK7, "2 mg/day")).findings[0]
    assert (high.severity, high.evidence) == (
        Severity.MINOR,
        "MK-7 2000 µg/day reaches 1 mg/day (1 in mg).",
    )
    assert high.sources == ("kampouraki-2017",)
    low = check_interactions(["apixaban"], supplement=DailyDose(MK7, "1 µg/day")).findings[0]
    assert (low.severity, low.evidence) == (Severity.NONE, "MK-7 1 µg/day: fine.")
    undosed = check_interactions(["apixaban"], supplement=MK7).findings[0]
    assert undosed.severity is Severity.MINOR
    assert undosed.evidence == "MK-7 without a dose reaches 1 mg/day (1 in mg)."
    other = check_interactions(["apixaban"], supplement="K1").findings[0]
    assert other.evidence == "K1: none."


# --- unreadable rule data is refused, naming the place --------------------------------------


def _broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    raw = copy.deepcopy(_packaged())
    change(raw)
    return raw


def _mk7(raw: dict[str, Any]) -> dict[str, Any]:
    rule: dict[str, Any] = _vka(raw)["vitamers"]["MK-7"]
    return rule


BROKEN: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("schema", lambda r: r.update(schema_version=2), "schema_version 1"),
    ("unknown field", lambda r: _mk7(r)["tiers"][0].update(
        evidence="{dose} is {mk7_clinicl}"), r"\{mk7_clinicl\}"),
    ("no dose without a supplement", lambda r: _vka(r)["no_supplement"].update(
        evidence="{dose} is none"), r"no_supplement: evidence names \{dose\}"),
    ("format spec", lambda r: _mk7(r)["tiers"][0].update(evidence="{dose:>9}"), r"\{dose\}"),
    ("tiers out of order", lambda r: _mk7(r)["tiers"].reverse(), "tier 1"),
    ("no floor", lambda r: _mk7(r)["tiers"].pop(), "tier 2"),
    ("bad severity", lambda r: _mk7(r)["tiers"][0].update(severity="severe"), "'severe'"),
    ("bad unit", lambda r: _vka(r)["quantities"]["mk7_clinical"].update(unit="IU"), "'IU'"),
    ("bad value", lambda r: _vka(r)["quantities"]["mk7_clinical"].update(value="50"), "'50'"),
    ("negative", lambda r: _vka(r)["quantities"]["mk7_clinical"].update(value=-1), "-1"),
    ("threshold in %", lambda r: _mk7(r)["tiers"][0].update(at_or_above="mk7_group_inr_drop"),
     "not a per-day"),
    ("no sources", lambda r: _mk7(r)["tiers"][0].update(sources=[]), "sources"),
    ("unknown source", lambda r: _mk7(r)["tiers"][0].update(sources=["schurgers-2077"]),
     "'schurgers-2077'"),
    ("undosed milder", lambda r: _mk7(r)["without_dose"].update(severity="minor"), "less severe"),
    ("unknown interaction", lambda r: r["rules"].update(
        {"vitamin-k-antagonists": r["rules"]["vitamin-k-antagonist"]}), "no catalogue"),
    ("unknown vitamer", lambda r: _vka(r)["vitamers"].update(MK7=_mk7(r)), "not a vitamer"),
    ("extra key", lambda r: _mk7(r)["tiers"][0].update(severty="major"), "exactly"),
]


@pytest.mark.parametrize(("change", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_unreadable_rule_data_is_refused(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    with pytest.raises(Vitk2Error, match=message):
        _dose_rules_from(_broken(change))


def test_the_packaged_rules_read_cleanly() -> None:
    rules = _dose_rules_from(_packaged())
    assert set(rules) == {"vitamin-k-antagonist"}
    assert set(rules["vitamin-k-antagonist"].vitamers) == {"MK-7", "K1", "MK-4"}


# --- the layout: each concept imports only the ones below it --------------------------------

_LAYERS = (
    "vitk2._medication_names",
    "vitk2._interaction_catalogue",
    "vitk2._interaction_report",
    "vitk2._interaction_rules",
    "vitk2._interactions",
)


def _imports(module: str) -> set[str]:
    import ast

    path = resources.files("vitk2").joinpath(f"{module.rpartition('.')[2]}.py")
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }


def test_interaction_modules_import_only_downward() -> None:
    for i, module in enumerate(_LAYERS):
        above = set(_LAYERS[i:])
        assert not _imports(module) & above, module
    # The check reads real imports: the facade does use every layer below it.
    assert set(_LAYERS[:-1]) <= _imports(_LAYERS[-1])
