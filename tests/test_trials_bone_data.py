"""Bone, fracture and MK-4 trial records (data/trials/bone.json), checked with plain json.

These tests read the packaged JSON directly, so they hold whatever code later loads it: every
record has the shared trial-schema fields, cites a known source, states a direction its own
published p-value or CI allows, and gives doses the library can read.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2.evidence
from vitk2 import parse_daily_dose

TRIAL_FIELDS = {
    "key",
    "citation",
    "title_short",
    "design",
    "population",
    "population_tags",
    "n_randomised",
    "duration_weeks",
    "registry",
    "funding",
    "arms",
    "outcomes",
    "adverse_events",
    "dropouts",
    "integrity",
    "status",
    "read_in",
    "copies",
}
DESIGN_FIELDS = {"randomised", "blinding", "comparator", "comparator_detail"}
ARM_FIELDS = {"label", "vitamer", "dose", "divided", "co_supplements", "n", "control"}
OUTCOME_FIELDS = {
    "measure",
    "area",
    "primary",
    "effect",
    "estimate",
    "unit",
    "ci_low",
    "ci_high",
    "ci_level",
    "p",
    "direction",
    "quote",
    "status",
    "read_in",
}
NOTE_FIELDS = {"text", "quote", "status", "read_in"}
INTEGRITY_FIELDS = {"kind", "notice_doi", "date", "quote", "read_in"}

BLINDING = {"double", "single", "open", None}
COMPARATORS = {"placebo", "no treatment", "active", "none"}
AREAS = set(vitk2.evidence.AREAS)
DIRECTIONS = set(vitk2.evidence.DIRECTIONS)
STATUSES = {"primary", "secondary"}
INTEGRITY_KINDS = {"retracted", "expression of concern", "caution"}
VITAMERS = {"K1", "MK-4", "MK-7"}
POPULATION_TAGS = set(vitk2.evidence.POPULATION_TAGS)
RATIO_UNITS = {"HR", "OR", "RR"}
ALPHA = Decimal("0.05")

Record = dict[str, Any]


def _json(*parts: str) -> Any:
    return json.loads(resources.files("vitk2").joinpath("data", *parts).read_text("utf-8"))


def _trials() -> list[Record]:
    data = _json("trials", "bone.json")
    assert isinstance(data, list)
    return data


def _sources() -> dict[str, Record]:
    folder = resources.files("vitk2").joinpath("data", "sources")
    out: dict[str, Record] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            for raw in json.loads(entry.read_text("utf-8")):
                out[raw["key"]] = raw
    return out


TRIALS = _trials()
IDS = [t["key"] for t in TRIALS]


def significance(p: str) -> bool | None:
    """Whether a published p-value text says p < 0.05: True, False, or None when it cannot tell.

    "NS" and "n.s." mean not significant; "<x" is significant when x <= 0.05; ">x" is not
    significant when x >= 0.05; a bare number is significant when below 0.05.
    """
    text = p.strip().replace(" ", "")
    if text.lower().rstrip(".") in {"ns", "n.s"}:
        return False
    op = text[0] if text[:1] in {"<", ">", "=", "≤", "≥"} else "="
    try:
        value = Decimal(text.lstrip("<>=≤≥"))
    except InvalidOperation:
        return None
    if op in {"<", "≤"}:
        return True if value <= ALPHA else None
    if op in {">", "≥"}:
        return False if value >= ALPHA else None
    return value < ALPHA


# --- the classifier itself ----------------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=1, places=4))
def test_significance_reads_bare_and_bounded_p_values(value: Decimal) -> None:
    text = format(value, "f")
    assert significance(text) is (value < ALPHA)
    assert significance("<" + text) is (True if value <= ALPHA else None)
    assert significance("> " + text) is (False if value >= ALPHA else None)


@pytest.mark.parametrize(("text", "expected"), [("NS", False), ("n.s.", False), ("P=.037", None)])
def test_significance_words(text: str, expected: bool | None) -> None:
    assert significance(text) is expected
    assert significance(".037") is True


# --- records --------------------------------------------------------------------------------------


def test_there_are_records_and_keys_are_unique_across_trial_files() -> None:
    assert len(TRIALS) >= 15
    seen: dict[str, str] = {}
    folder = resources.files("vitk2").joinpath("data", "trials")
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            for raw in json.loads(entry.read_text("utf-8")):
                assert raw["key"] not in seen, (
                    f"{raw['key']} in {entry.name} and {seen[raw['key']]}"
                )
                seen[raw["key"]] = entry.name


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_record_has_the_schema_fields(t: Record) -> None:
    assert set(t) >= TRIAL_FIELDS, TRIAL_FIELDS - set(t)
    assert set(t["design"]) >= DESIGN_FIELDS
    assert isinstance(t["design"]["randomised"], bool)
    assert t["design"]["blinding"] in BLINDING
    assert t["design"]["comparator"] in COMPARATORS
    assert t["key"] == t["key"].lower()
    assert " " not in t["key"]
    assert t["title_short"]
    assert t["population"]
    assert set(t["population_tags"]) <= POPULATION_TAGS
    assert t["n_randomised"] is None or (
        isinstance(t["n_randomised"], int) and t["n_randomised"] > 0
    )
    assert t["duration_weeks"] is None or Decimal(t["duration_weeks"]) > 0
    assert t["status"] in STATUSES
    assert t["read_in"]
    assert all(isinstance(r, str) and r for r in t["read_in"])
    assert isinstance(t["copies"], list)


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_arms_are_well_formed_and_doses_parse(t: Record) -> None:
    assert t["arms"]
    for a in t["arms"]:
        assert set(a) >= ARM_FIELDS
        assert isinstance(a["control"], bool)
        assert isinstance(a["co_supplements"], list)
        if a["control"]:
            assert a["vitamer"] is None, a["label"]
            assert a["dose"] is None, a["label"]
        else:
            assert a["vitamer"] in VITAMERS, a["label"]
        if a["dose"] is not None:
            dose = parse_daily_dose(a["dose"], vitamer=a["vitamer"])
            assert str(dose.vitamer) == a["vitamer"]
            assert dose.micrograms_per_day > 0
    assert any(not a["control"] for a in t["arms"])
    counts = [a["n"] for a in t["arms"]]
    if t["n_randomised"] is not None and all(isinstance(n, int) for n in counts):
        assert sum(counts) == t["n_randomised"], t["key"]


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_every_citation_exists(t: Record) -> None:
    sources = _sources()
    assert t["citation"] in sources, t["citation"]
    dois = {s.get("doi") for s in sources.values()}
    for notice in t["integrity"]:
        assert notice["notice_doi"] is None or notice["notice_doi"] in dois, notice["notice_doi"]


def test_every_new_source_is_used() -> None:
    cited = {t["citation"] for t in TRIALS}
    notices = {n["notice_doi"] for t in TRIALS for n in t["integrity"]}
    for s in _json("sources", "trials-bone.json"):
        assert s["key"] in cited or s.get("doi") in notices, s["key"]


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_outcomes_follow_their_published_statistics(t: Record) -> None:
    for o in t["outcomes"]:
        assert set(o) >= OUTCOME_FIELDS
        assert o["area"] in AREAS
        assert o["direction"] in DIRECTIONS
        assert o["status"] in STATUSES
        # null: the paper names no primary outcome (then for every result of the trial).
        assert o["primary"] is None or isinstance(o["primary"], bool)
        assert (o["primary"] is None) == (t["outcomes"][0]["primary"] is None), t["key"]
        if o["direction"] == "not tested":
            # No statistic to read a direction from, and the record says why.
            assert (o["p"], o["ci_low"], o["ci_high"]) == (None, None, None), t["key"]
            assert o.get("note"), (t["key"], o["measure"])
        for text in ("measure", "effect", "quote", "read_in"):
            assert o[text], (t["key"], text)
        for field in ("estimate", "ci_low", "ci_high", "ci_level", "p"):
            assert o[field] is None or isinstance(o[field], str), (field, o[field])
        if o["p"] is not None:
            significant = significance(o["p"])
            if significant is True:
                assert o["direction"] in {"benefit", "harm", "mixed"}, (t["key"], o["measure"])
            elif significant is False:
                assert o["direction"] in {"no significant difference", "mixed"}, (
                    t["key"],
                    o["measure"],
                )
        if o["ci_low"] is not None and o["ci_high"] is not None:
            null = Decimal(1) if o["unit"] in RATIO_UNITS else Decimal(0)
            low, high = Decimal(o["ci_low"]), Decimal(o["ci_high"])
            assert low <= high
            if low <= null <= high:
                assert o["direction"] in {"no significant difference", "mixed"}
            else:
                assert o["direction"] in {"benefit", "harm", "mixed"}


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_status_words_agree_with_what_was_read(t: Record) -> None:
    parts = [*t["outcomes"], *(x for x in (t["adverse_events"], t["dropouts"]) if x)]
    for part in (t["adverse_events"], t["dropouts"]):
        if part is not None:
            assert set(part) >= NOTE_FIELDS
            assert part["status"] in STATUSES
            assert part["quote"]
    for part in parts:
        if part["status"] == "secondary":
            assert part.get("copies"), f"{t['key']}: a secondary figure names no copy"
    if t["status"] == "primary":
        assert all(p["status"] == "primary" for p in parts), t["key"]
        assert not t["copies"]
    else:
        # Secondary: some value (an outcome, or a dose or id in the design) came from a copy.
        assert t["copies"], f"{t['key']} is secondary but names no copy"


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_integrity_notices_are_complete(t: Record) -> None:
    for notice in t["integrity"]:
        assert set(notice) >= INTEGRITY_FIELDS
        assert notice["kind"] in INTEGRITY_KINDS
        assert notice["quote"]
        assert notice["read_in"]
        if notice["kind"] == "retracted":
            # A retraction must name its notice; a caution may come from a letter or repository
            # record whose DOI was not seen, and then read_in must say where it was read.
            assert notice["notice_doi"].startswith("10.")
        elif notice["notice_doi"] is None:
            assert "https://" in notice["read_in"]


def test_the_retracted_sato_trials_carry_the_notice() -> None:
    by_key = {t["key"]: t for t in TRIALS}
    for key in ("sato-2005", "sato-2002"):
        kinds = {(n["kind"], n["notice_doi"]) for n in by_key[key]["integrity"]}
        assert ("retracted", "10.1007/s40261-018-0643-3") in kinds


def test_inoue_reports_more_adverse_events_with_menatetrenone() -> None:
    inoue = next(t for t in TRIALS if t["key"] == "inoue-2009")
    assert "more frequent in the combined therapy group" in inoue["adverse_events"]["quote"]
    primary = [o for o in inoue["outcomes"] if o["primary"]]
    assert [o["direction"] for o in primary] == ["no significant difference"]


def _printed(number: str) -> str:
    """The digits of a printed figure, without its sign or comparison ('<0.001' -> '0.001')."""
    return number.strip().lstrip("<>=≤≥ ").lstrip("-−")


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_every_figure_appears_in_its_quote(t: Record) -> None:
    """Estimates, interval ends and p-values are transcribed from the quoted sentence itself."""
    for o in t["outcomes"]:
        quote = o["quote"].replace("−", "-")
        for field in ("estimate", "ci_low", "ci_high", "p"):
            value = o[field]
            if value is None or value.upper() == "NS":
                continue
            assert _printed(value) in quote, (t["key"], o["measure"], field, value)


@pytest.mark.parametrize("t", TRIALS, ids=IDS)
def test_arms_without_a_daily_dose_keep_the_printed_text(t: Record) -> None:
    """A vitamin K arm whose dose was not printed per day keeps the printed words instead."""
    for a in t["arms"]:
        if not a["control"] and a["dose"] is None:
            assert isinstance(a.get("dose_text"), str), (t["key"], a["label"])
            assert a["dose_text"], (t["key"], a["label"])
