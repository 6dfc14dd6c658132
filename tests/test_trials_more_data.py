"""The anticoagulation and vitamin K status trial records (data/trials/anticoagulation.json,
status.json) and their citations (data/sources/trials-more.json).

The general checks (schema, citations, directions against p/CI) run over every trial file in
tests/test_evidence.py and tests/test_trials_bone_data.py; these pin what is particular to
these records: who they are about, that their citations are all used, and that a record read
only in a copy says so down to each result.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from vitk2 import all_trials, trial
from vitk2.evidence import evidence


def _json(*parts: str) -> Any:
    path = resources.files("vitk2").joinpath("data", *parts)
    return json.loads(path.read_text(encoding="utf-8"))


ANTICOAGULATION = _json("trials", "anticoagulation.json")
STATUS = _json("trials", "status.json")
SOURCES = _json("sources", "trials-more.json")


def test_every_new_citation_is_used_and_every_new_record_cites_one_of_them() -> None:
    keys = {s["key"] for s in SOURCES}
    cited = {r["citation"] for r in ANTICOAGULATION + STATUS}
    assert cited == keys


@pytest.mark.parametrize("raw", ANTICOAGULATION, ids=lambda r: r["key"])
def test_anticoagulation_trials_are_of_anticoagulated_people_and_measure_anticoagulation(
    raw: dict[str, Any],
) -> None:
    t = trial(raw["key"])
    assert "anticoagulated" in t.population_tags
    assert t.outcomes
    assert all(o.area == "anticoagulation" for o in t.outcomes)


@pytest.mark.parametrize("raw", ANTICOAGULATION + STATUS, ids=lambda r: r["key"])
def test_a_record_read_in_a_copy_is_secondary_down_to_each_result(raw: dict[str, Any]) -> None:
    t = trial(raw["key"])
    any_secondary = any(o.status == "secondary" for o in t.outcomes)
    assert (t.status == "secondary") == any_secondary
    for o in t.outcomes:
        if o.status == "secondary":
            assert o.copies


def test_require_primary_drops_the_records_read_only_in_copies() -> None:
    everything = evidence(outcome="time in therapeutic range")
    primary = evidence(outcome="time in therapeutic range", require_primary=True)
    dropped = {t.key for t in everything.trials} - {t.key for t in primary.trials}
    assert dropped == {"majeed-2013"}


def test_the_new_keys_do_not_collide_with_the_other_files() -> None:
    keys = [t.key for t in all_trials()]
    assert len(keys) == len(set(keys))
    for raw in ANTICOAGULATION + STATUS:
        assert keys.count(raw["key"]) == 1
