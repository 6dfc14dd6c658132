"""The authority seam: one data file per authority, checked when read, and one defined here.

The test-only authority below is a file with its own sources entry, as a new authority would
have them; registering it must make it answer every lookup with no change anywhere else.
"""

from __future__ import annotations

import ast
import copy
import json
from collections.abc import Iterator
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from tests.conftest import with_sources
from vitk2 import (
    AUTHORITIES,
    K1,
    DailyDose,
    NoReferenceValueError,
    UnknownAuthorityError,
    Vitk2Error,
    all_reference_intakes,
    authority,
    percent_of_reference,
    reference_intake,
    upper_limit,
)
from vitk2._authorities import (
    read_authority,
    register_authority_file,
    registered_authorities,
    unregister_authority,
)
from vitk2._text import alnum_key

FIXTURE_SOURCE: dict[str, Any] = {
    "key": "fixture-authority-2026",
    "kind": "authority-document",
    "authors": "vitk2 test suite",
    "year": 2026,
    "title": "Reference values of Fixtureland (invented values, for tests only)",
    "container": "vitk2 tests",
    "url": "https://example.org/vitk2-fixture-authority",
}

SRC = [FIXTURE_SOURCE["key"]]


def _row(lo: int, hi: int | None, ug: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "from_months": lo,
        "to_months": hi,
        "sex": None,
        "condition": None,
        "kind": "AI",
        "ug_per_day": ug,
        "ug_per_kg_per_day": None,
        "sources": SRC,
    }
    row.update(extra)
    return row


FIXTURE: dict[str, Any] = {
    "schema_version": 1,
    "key": "FX",
    "name": "Fixtureland Nutrition Council",
    "kinds": "AI (adequate intake)",
    "aliases": ["fixtureland", "fx council"],
    "note": "A test-only authority.",
    "editions": [
        {
            "edition": "2019",
            "basis": {"counts": [{"vitamer": "K1", "by": "mass"}], "text": "K1", "sources": SRC},
            "upper_limit": {
                "status": "unknown",
                "guidance_ug_per_day": None,
                "sources": [],
                "note": "Not confirmed.",
            },
            "values": [_row(0, 216, "40"), _row(216, None, "80")],
        },
        {
            "edition": "2024",
            "basis": {
                "counts": [
                    {"vitamer": "K1", "by": "mass"},
                    {"vitamer": "MK-4", "by": "mass"},
                    {"vitamer": "MK-7", "by": "moles", "as": "MK-4"},
                ],
                "text": "K1 and MK-4 by mass, MK-7 as MK-4 by moles",
                "sources": SRC,
            },
            "upper_limit": {
                "status": "not established",
                "guidance_ug_per_day": "500",
                "sources": SRC,
                "note": "None set.",
            },
            "values": [
                _row(0, 216, "50"),
                _row(216, None, "100", sex="male"),
                _row(216, None, "90", sex="female"),
                _row(216, None, "95", sex="female", condition="pregnancy"),
            ],
        },
    ],
}


@pytest.fixture
def fixture_sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fixture authority's sources entry, beside the packaged ones."""
    yield from with_sources(monkeypatch, [FIXTURE_SOURCE])


def _write(tmp_path: Path, data: dict[str, Any], name: str = "fixtureland.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def fixtureland(fixture_sources: None, tmp_path: Path) -> Iterator[vitk2.Authority]:
    found = register_authority_file(_write(tmp_path, FIXTURE))
    try:
        yield found
    finally:
        unregister_authority("FX")


# ------------------------------------------------------------------------------------------
# The packaged files
# ------------------------------------------------------------------------------------------


def _packaged_files() -> list[str]:
    folder = resources.files("vitk2").joinpath("data", "authorities")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".json"))


def test_every_packaged_file_is_one_authority() -> None:
    assert len(_packaged_files()) == len(AUTHORITIES)
    keys = [a.key for a in AUTHORITIES]
    assert keys == sorted(keys, key=str.casefold)
    assert {"IOM", "EFSA", "D-A-CH", "UK", "WHO/FAO", "NHMRC", "Japan"} <= set(keys)


@pytest.mark.parametrize("name", _packaged_files())
def test_every_packaged_file_reads_on_its_own(name: str) -> None:
    text = resources.files("vitk2").joinpath("data", "authorities", name).read_text("utf-8")
    data = read_authority(text, name=name)
    assert data.authority in AUTHORITIES
    assert data.authority.shipped == any(e.values for e in data.editions)
    years = [e.edition for e in data.editions]
    assert years == sorted(years, reverse=True)


def test_the_code_holds_no_authority() -> None:
    """Authorities are data: no key or alias of one is a string in the intakes code."""
    names = {alnum_key(spelled) for a in AUTHORITIES for spelled in (a.key, *a.aliases)}
    for module in ("_intakes.py", "_authorities.py", "_intake_records.py"):
        tree = ast.parse((Path(vitk2.__file__).parent / module).read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                assert alnum_key(node.value) not in names, (module, node.value)


# ------------------------------------------------------------------------------------------
# The seam, used
# ------------------------------------------------------------------------------------------


def test_a_registered_authority_answers_every_lookup(fixtureland: vitk2.Authority) -> None:
    assert authority(" FX council ") is fixtureland
    assert fixtureland.shipped
    assert fixtureland in registered_authorities()
    r = reference_intake("fixtureland", age_years=40, sex="female")
    assert r.value == DailyDose.from_micrograms_per_day(K1, 90)  # the latest edition
    assert [c.key for c in r.citations] == ["fixture-authority-2026"]
    assert reference_intake("fx", age_years=30, pregnant=True).value == DailyDose("K1", "95 µg/day")
    assert len(all_reference_intakes("FX")) == 4
    assert set(all_reference_intakes("FX")) <= set(all_reference_intakes())
    ul = upper_limit("FX")
    assert (ul.status, ul.guidance) == ("not established", DailyDose("K1", "500 µg/day"))
    p = percent_of_reference(DailyDose("K1", "45 µg/day"), r)
    assert p.percent == 50
    # Its basis (latest edition) counts MK-7 by moles as MK-4; the older one counts only K1.
    mk7 = DailyDose("MK-7", "100 µg/day")
    assert percent_of_reference(mk7, r).counted == (mk7,)
    old = reference_intake("fx", age_years=40, edition="2019")
    assert (old.value, old.grade) == (DailyDose("K1", "80 µg/day"), "primary")
    assert percent_of_reference(mk7, old).left_out == (mk7,)
    assert fixtureland.editions == ("2024", "2019")


def test_unregistering_restores_every_answer(fixture_sources: None, tmp_path: Path) -> None:
    before = (registered_authorities(), all_reference_intakes())
    register_authority_file(_write(tmp_path, FIXTURE))
    assert len(all_reference_intakes()) == len(before[1]) + 4
    unregister_authority("FX")
    assert (registered_authorities(), all_reference_intakes()) == before
    with pytest.raises(UnknownAuthorityError, match="no authority 'fixtureland'; known: "):
        authority("fixtureland")
    with pytest.raises(Vitk2Error, match="no registered authority file has key 'IOM'"):
        unregister_authority("IOM")


def test_an_authority_without_values_is_listed_and_unknown(
    fixture_sources: None, tmp_path: Path
) -> None:
    data = copy.deepcopy(FIXTURE)
    for e in data["editions"]:
        e["values"] = []
    register_authority_file(_write(tmp_path, data))
    try:
        assert not authority("FX").shipped
        with pytest.raises(NoReferenceValueError, match="not zero"):
            reference_intake("FX", age_years=40, sex="male")
        assert all_reference_intakes("FX") == ()
    finally:
        unregister_authority("FX")


def _broken(path: str, value: Any) -> dict[str, Any]:
    """FIXTURE with the item at *path* (dot-separated keys and indexes) replaced or removed."""
    data = copy.deepcopy(FIXTURE)
    *parents, last = path.split(".")
    node: Any = data
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    key: Any = int(last) if isinstance(node, list) else last
    if value is _DROP:
        del node[key]
    else:
        node[key] = value
    return data


_DROP = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("schema_version", 2, "top level: schema_version 2 is not 1"),
        ("aliases", [""], "aliases: must be a list of non-empty texts"),
        ("note", _DROP, "top level: missing note"),
        ("editions", [], "editions: must be a non-empty list"),
        ("editions.0.edition", "new", "edition 'new' must be the year"),
        ("editions.1.edition", "2019", "an edition is given twice"),
        ("editions.0.values.0.ug_per_day", "0", "'0' must be more than 0"),
        ("editions.0.values.0.ug_per_day", 40, "must be a decimal number written as text"),
        ("editions.0.values.0.ug_per_day", "forty", "'forty' is not a finite decimal number"),
        ("editions.0.values.0.to_months", 300, "life stages overlap"),
        ("editions.0.values.0.to_months", 0, "empty age band 0..0 months"),
        ("editions.0.values.0.from_months", -1, "-1 is not a whole number of months"),
        ("editions.0.values.0.sex", "x", "sex 'x' is not null, 'female' or 'male'"),
        ("editions.0.values.0.condition", "pregnancy", "condition 'pregnancy' needs sex"),
        ("editions.0.values.0.sources", ["nobody-1999"], "'nobody-1999' is not a citation key"),
        ("editions.0.values.0.sources", [], "sources must name at least one citation key"),
        ("editions.0.values.0.colour", "red", "edition 2019, values[0]: unknown colour"),
        ("editions.0.basis.counts", [], "counts must be a non-empty list, or null"),
        ("editions.0.basis.counts.0.by", "weight", "by='weight': give 'mass', 'moles'"),
        ("editions.0.basis.counts.0.vitamer", "K2", "'K2' is not a vitamer key"),
        ("editions.0.basis.sources", [], "sources must name at least one citation key"),
        ("editions.1.basis.counts.1.vitamer", "K1", "a vitamer is counted twice"),
        ("editions.1.upper_limit.status", "none", "status 'none' is not"),
        ("editions.1.upper_limit.sources", [], "sources must name at least one citation key"),
        ("editions.0.values.0.secondary", ["one copy"], "must name 2 or more; 1 named"),
        ("editions.0.values.0.secondary", "a copy", "secondary must be a list naming the copies"),
        ("editions.0.basis.secondary", [], "must name 1 or more; 0 named"),
        ("editions.0.note", "", "'' is not a non-empty text"),
        ("key", "IOM", "name 'IOM' is taken by IOM"),
        ("aliases", ["us"], "name 'us' is taken by IOM"),
    ],
)
def test_a_bad_file_is_refused_by_place_and_nothing_changes(
    fixture_sources: None, tmp_path: Path, path: str, value: Any, message: str
) -> None:
    before = (registered_authorities(), all_reference_intakes())
    with pytest.raises(Vitk2Error, match=r"authority file fixtureland\.json|is taken by") as e:
        register_authority_file(_write(tmp_path, _broken(path, value)))
    assert message in str(e.value)
    assert (registered_authorities(), all_reference_intakes()) == before


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(Vitk2Error, match=r"authority file x.json: not JSON \(.* at line 1\)"):
        read_authority("{", name="x.json")


# ------------------------------------------------------------------------------------------
# Any well-formed file: every value is found at every age in its band
# ------------------------------------------------------------------------------------------


@st.composite
def _bands(draw: st.DrawFn) -> list[tuple[int, int | None, str]]:
    cuts = sorted(draw(st.sets(st.integers(1, 1500), min_size=0, max_size=6)))
    edges: list[int | None] = [0, *cuts, None]
    ugs = draw(
        st.lists(
            st.decimals(min_value="0.1", max_value="2000", places=1),
            min_size=len(edges) - 1,
            max_size=len(edges) - 1,
        )
    )
    out = []
    for i, ug in enumerate(ugs):
        lo = edges[i]
        assert lo is not None
        out.append((lo, edges[i + 1], str(ug)))
    return out


@settings(max_examples=40)
@given(_bands(), st.data())
def test_any_well_formed_file_answers_at_every_age_in_each_band(
    bands: list[tuple[int, int | None, str]], data: st.DataObject
) -> None:
    raw = copy.deepcopy(FIXTURE)
    raw["editions"] = raw["editions"][:1]
    raw["editions"][0]["values"] = [_row(lo, hi, ug) for lo, hi, ug in bands]
    raw["editions"][0]["basis"]["sources"] = ["iom-2001"]
    for v in raw["editions"][0]["values"]:
        v["sources"] = ["iom-2001"]
    got = read_authority(json.dumps(raw)).latest.values
    assert len(got) == len(bands)
    for r, (lo, hi, ug) in zip(got, bands, strict=True):
        age = data.draw(st.fractions(min_value=lo, max_value=(hi or lo + 400)))
        if hi is not None and age == hi:
            continue
        assert [x for x in got if x.life_stage.contains(age)] == [r]
        assert r.value is not None
        assert r.value.micrograms_per_day == Fraction(ug)
