"""Citations: well-formed, unique, and resolvable from every record that names one."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from vitk2 import Citation, NotFoundError, all_citations, all_vitamers, citation

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")


def test_every_citation_is_well_formed() -> None:
    cites = all_citations()
    assert cites
    for c in cites:
        assert c.doi is None or DOI.match(c.doi), c.key
        assert c.pmid is None or PMID.match(c.pmid), c.key
        assert c.doi or c.pmid or c.url, c.key
        assert c.url is None or c.url.startswith("https://"), c.key
        assert 1900 < c.year <= 2026, c.key
        assert c.authors, c.key
        assert c.title, c.key
        assert c.container, c.key
        assert str(c)
        assert c.link


def test_each_key_is_defined_once_across_files() -> None:
    seen: dict[str, str] = {}
    folder = resources.files("vitk2").joinpath("data", "sources")
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        for raw in json.loads(entry.read_text(encoding="utf-8")):
            assert raw["key"] not in seen, f"{raw['key']} in {entry.name} and {seen[raw['key']]}"
            seen[raw["key"]] = entry.name


def test_vitamer_records_cite_known_sources() -> None:
    for v in all_vitamers():
        assert v.citations, v.key
        for pk in v.pharmacokinetics:
            assert all(isinstance(c, Citation) for c in pk.citations)


def test_unknown_key() -> None:
    with pytest.raises(NotFoundError, match="schurgers-2007"):
        citation("schurgers-2070")


def test_bad_citations_are_refused() -> None:
    from vitk2 import Vitk2Error

    with pytest.raises(Vitk2Error, match="DOI"):
        Citation(key="x-1", kind="journal-article", authors="A", year=2000, title="T",
                 container="J", doi="11.1/x")
    with pytest.raises(Vitk2Error, match="PMID"):
        Citation(key="x-1", kind="journal-article", authors="A", year=2000, title="T",
                 container="J", pmid="0123")
    with pytest.raises(Vitk2Error, match="none of DOI"):
        Citation(key="x-1", kind="journal-article", authors="A", year=2000, title="T",
                 container="J")


def _cited_keys(obj: object, seen: set[int], keys: set[str]) -> None:
    """Collect every citation key reachable from *obj* through attrs fields and containers."""
    import attrs as _attrs

    if id(obj) in seen or isinstance(obj, str | int | float | bool | type(None)):
        return
    seen.add(id(obj))
    if isinstance(obj, tuple | list | set | frozenset):
        for item in obj:
            _cited_keys(item, seen, keys)
    elif isinstance(obj, dict):
        for item in obj.values():
            _cited_keys(item, seen, keys)
    elif _attrs.has(type(obj)):
        for field in _attrs.fields(type(obj)):  # type: ignore[arg-type]
            value = getattr(obj, field.name)
            if field.name.lstrip("_") in {"sources", "source"} and isinstance(value, tuple):
                keys.update(k for k in value if isinstance(k, str))
            elif field.name.lstrip("_") == "source" and isinstance(value, str):
                keys.add(value)
            else:
                _cited_keys(value, seen, keys)


def _all_records() -> list[object]:
    import vitk2
    from vitk2 import _intake_percent

    roots: list[object] = [
        vitk2.all_vitamers(),
        [vitk2.food(fid) for fid in vitk2.all_food_ids()],
        vitk2.all_reference_intakes(),
        [vitk2.all_reference_intakes(a, edition=e) for a in vitk2.AUTHORITIES for e in a.editions],
        [vitk2.reference_basis(a, edition=e) for a in vitk2.AUTHORITIES for e in a.editions],
        [_intake_percent.MK4_EQUIVALENTS, _intake_percent.PHYLLOQUINONE_EQUIVALENTS],
        vitk2.AUTHORITIES,
        [vitk2.upper_limit(a) for a in vitk2.AUTHORITIES],
        vitk2.all_studies(),
        vitk2.all_substances(),
        [vitk2.pk_model(v) for v in ("K1", "MK-4", "MK-7")],
        vitk2.pk_model("MK-4", compartments=2),
        vitk2.trade_names(),
        vitk2.read_vitamer_phrase("all-trans MK-7"),
        vitk2.LABEL_REFERENCES,
        vitk2.PERCENT_ROUNDINGS,
    ]
    # Findings cite the evidence that drove their severity (labels, dose-finding trials), so
    # check every substance against supplements on both sides of every dose threshold.
    names = [s.name for s in vitk2.all_substances()]
    supplements: list[vitk2.DailyDose | vitk2.Vitamer | None] = [
        None,
        vitk2.MK7,
        *(vitk2.DailyDose("MK-7", f"{d} µg/day") for d in (5, 20, 100)),
        *(vitk2.DailyDose("K1", f"{d} µg/day") for d in (90, 200)),
        *(vitk2.DailyDose("MK-4", d) for d in ("1 mg/day", "45 mg/day")),
    ]
    roots += [vitk2.check_interactions(names, supplement=s) for s in supplements]
    roots.append(vitk2.check_interactions(["frobnicillin"]))
    # Class words ("VKA", "blood thinner") cite the sources of their class.
    roots.append(vitk2.check_interactions(["VKA", "blood thinner"]))
    return roots


def test_every_record_cites_a_known_source() -> None:
    keys: set[str] = set()
    _cited_keys(_all_records(), set(), keys)
    known = {c.key for c in all_citations()}
    assert keys, "no citations found: the traversal is broken"
    assert keys <= known, sorted(keys - known)


def test_every_source_is_used() -> None:
    keys: set[str] = set()
    _cited_keys(_all_records(), set(), keys)
    unused = {c.key for c in all_citations()} - keys
    assert not unused, sorted(unused)


@pytest.mark.parametrize("key", [None, 5, ("schurgers-2007",)])
def test_non_string_keys(key: object) -> None:
    with pytest.raises(NotFoundError):
        citation(key)  # type: ignore[arg-type]
