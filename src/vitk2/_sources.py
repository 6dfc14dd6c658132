"""Citations: where every packaged value comes from.

Every data record in vitk2 names one or more citation keys (``"schurgers-2007"``).  The
citations themselves are data, kept in ``vitk2/data/sources/*.json`` (one file per subject, so
that chemistry, foods, intakes, studies and interactions can be curated independently) and read
on first use.  A key that appears in two files must describe the same work in both.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Final, final

import attrs

from vitk2._errors import NotFoundError, Vitk2Error
from vitk2._units import LazyPattern

__all__ = ["Citation", "all_citations", "citation"]

# Compiled on first use: `import vitk2` reads no citation and should compile nothing.
_DOI: Final = LazyPattern(r"^10\.\d{4,9}/\S+$")
_PMID: Final = LazyPattern(r"^[1-9]\d{0,8}$")
_KEY: Final = LazyPattern(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
_KINDS: Final = frozenset(
    {"journal-article", "authority-document", "drug-label", "database", "book", "report"}
)


def _check_doi(_inst: object, _attr: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _DOI.match(value):
        msg = f"DOI {value!r} is not of the form '10.NNNN/suffix'"
        raise Vitk2Error(msg)


def _check_key(_inst: object, _attr: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _KEY.match(value):
        msg = f"citation key {value!r} is not lower-case words joined by hyphens"
        raise Vitk2Error(msg)


def _check_pmid(_inst: object, _attr: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _PMID.match(value):
        msg = f"PMID {value!r} is not a positive integer of at most 9 digits"
        raise Vitk2Error(msg)


@final
@attrs.frozen(kw_only=True)
class Citation:
    """A published source: a paper, an authority's document, a drug label or a database.

    Whichever of DOI, PMID and official URL exist are given; at least one of them is.

    >>> from vitk2 import citation
    >>> c = citation("prohaska-2022")
    >>> c.doi
    '10.1515/pac-2019-0603'
    >>> c.short
    'Prohaska et al. 2022'
    """

    key: str = attrs.field(validator=_check_key)
    kind: str = attrs.field(validator=attrs.validators.in_(_KINDS))
    authors: str
    year: int
    title: str
    container: str
    """Journal with volume and pages, or the issuing authority."""
    doi: str | None = attrs.field(default=None, validator=_check_doi)
    pmid: str | None = attrs.field(default=None, validator=_check_pmid)
    url: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse a citation nobody could follow."""
        if self.doi is None and self.pmid is None and self.url is None:
            msg = f"citation {self.key!r} has none of DOI, PMID or URL"
            raise Vitk2Error(msg)

    @property
    def short(self) -> str:
        """Author-year label, e.g. ``Schurgers et al. 2007``."""
        first = self.authors.split(",")[0].strip()
        if self.kind != "journal-article":
            return f"{first} {self.year}"
        surname = first.split(" ")[0]
        many = "," in self.authors or " and " in self.authors
        return f"{surname}{' et al.' if many else ''} {self.year}"

    @property
    def link(self) -> str | None:
        """The most durable link: DOI, else PubMed, else the official URL."""
        if self.doi is not None:
            return f"https://doi.org/{self.doi}"
        if self.pmid is not None:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url

    def __str__(self) -> str:
        """Render as a one-line reference."""
        parts = [f"{self.authors} ({self.year}). {self.title}. {self.container}."]
        if self.doi:
            parts.append(f"doi:{self.doi}")
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        if self.url and not self.doi:
            parts.append(self.url)
        return " ".join(parts)


def _files() -> Iterator[tuple[str, str]]:
    from importlib import resources  # noqa: PLC0415 - read on first use, not at import

    folder = resources.files("vitk2").joinpath("data", "sources")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            yield entry.name, entry.read_text(encoding="utf-8")


@cache
def _registry() -> dict[str, Citation]:
    import json  # noqa: PLC0415 - read on first use, not at import

    found: dict[str, Citation] = {}
    for name, text in _files():
        for raw in json.loads(text):
            c = Citation(**raw)
            if c.key in found and found[c.key] != c:
                msg = f"citation {c.key!r} in {name} differs from the one with that key elsewhere"
                raise Vitk2Error(msg)
            found[c.key] = c
    return found


def citation(key: str) -> Citation:
    """Return the citation with this key.

    >>> citation("prohaska-2022").year
    2022
    >>> citation("nobody-1900")
    Traceback (most recent call last):
    ...
    vitk2.NotFoundError: no citation 'nobody-1900' ...
    """
    reg = _registry()
    if not isinstance(key, str):
        msg = f"citation keys are strings such as 'schurgers-2007', not {key!r}"
        raise NotFoundError(msg)
    try:
        return reg[key]
    except KeyError:
        import difflib  # noqa: PLC0415 - only for an error message

        close = difflib.get_close_matches(key, list(reg), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        msg = f"no citation {key!r} in vitk2's sources{hint}"
        raise NotFoundError(msg) from None


def all_citations() -> tuple[Citation, ...]:
    """Every citation vitk2 ships, sorted by key."""
    reg = _registry()
    return tuple(reg[k] for k in sorted(reg))
