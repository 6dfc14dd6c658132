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
