"""The vitamers' registry identifiers and pharmacokinetic descriptors, read from data.

The values live in ``data/vitamers.json``, by vitamer key, each with the citation keys it was
read in; the file is read on first use (``import vitk2`` does not touch it) and checked when
read: a misspelt field, a value of the wrong kind, a range that does not hold its typical value
or an unknown citation key is refused with the place it was found, never passed on.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, Final, Literal, NamedTuple, final

import attrs

from vitk2._errors import NotFoundError, Vitk2Error
from vitk2._sources import Citation, citation

__all__ = ["Identifiers", "PharmacokineticValue"]


@final
@attrs.frozen(kw_only=True)
class Identifiers:
    """Registry identifiers of a vitamer; ``None`` where vitk2 could not confirm one."""

    cas: str | None = None
    pubchem_cid: int | None = None
    chebi: str | None = None
    unii: str | None = None
    atc: str | None = None
    sources: tuple[str, ...] = ()


@final
@attrs.frozen(kw_only=True)
class PharmacokineticValue:
    """A sourced pharmacokinetic descriptor: a typical value in hours and the reported range.

    Study conditions differ (dose, route, formulation, meal); the ``context`` says which, and
    values from different studies are kept apart, not pooled.
    """

    parameter: Literal["half-life", "time to peak"]
    hours: float
    low_hours: float
    high_hours: float
    context: str
    sources: tuple[str, ...]
    note: str | None = None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this value was read in."""
        return tuple(citation(k) for k in self.sources)


class VitamerData(NamedTuple):
    """What ``data/vitamers.json`` holds for one vitamer."""

    identifiers: Identifiers
    pharmacokinetics: tuple[PharmacokineticValue, ...]


NO_DATA: Final = VitamerData(Identifiers(), ())
"""A vitamer the file does not list: no identifier confirmed, no sourced value."""

# The forms of the identifiers (CAS RN with its hyphens, FDA UNII, WHO ATC, ChEBI), so that a
# value typed into the wrong field is caught when the file is read.
_ID_FORMS: Final[Mapping[str, tuple[re.Pattern[str], str]]] = {
    "cas": (re.compile(r"[1-9][0-9]{1,6}-[0-9]{2}-[0-9]"), "a CAS RN such as 84-80-0"),
    "chebi": (re.compile(r"CHEBI:[1-9][0-9]*"), "a ChEBI id: CHEBI: and digits"),
    "unii": (re.compile(r"[0-9A-Z]{10}"), "a UNII: 10 capital letters and digits"),
    "atc": (re.compile(r"[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}"), "an ATC code such as B02BA01"),
}
_PARAMETERS: Final = ("half-life", "time to peak")
_PK_FIELDS: Final = ("parameter", "hours", "low_hours", "high_hours", "context", "sources")


def _bad(where: str, what: str) -> Vitk2Error:
    # A defect in packaged (or test) data, not in user input: the base class, as for the other
    # data files.
    return Vitk2Error(f"vitamer data, {where}: {what}")


def _fields(raw: object, where: str, required: Collection[str], optional: Collection[str]) -> None:
    if not isinstance(raw, dict):
        raise _bad(where, f"{raw!r} is not an object")
    unknown = sorted(set(raw) - {*required, *optional})
    missing = [k for k in required if k not in raw]
    if unknown or missing:
        allowed = ", ".join(repr(k) for k in (*required, *optional))
        said = "unknown field" if unknown else "missing field"
        raise _bad(where, f"{said} {(unknown or missing)[0]!r}; the fields are {allowed}")


def _sources(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(k, str) for k in raw):
        raise _bad(where, "sources must be a non-empty list of citation keys")
    for key in raw:
        try:
            citation(key)
        except NotFoundError:
            raise _bad(where, f"source {key!r} is not a citation key vitk2 knows") from None
    return tuple(raw)


def _identifiers(raw: object, where: str) -> Identifiers:
    _fields(raw, where, ("sources",), ("cas", "pubchem_cid", *_ID_FORMS))
    assert isinstance(raw, dict)
    for name, (form, accepted) in _ID_FORMS.items():
        value = raw.get(name)
        if value is not None and not (isinstance(value, str) and form.fullmatch(value)):
            raise _bad(f"{where}.{name}", f"{value!r} is not {accepted}")
    cas = raw.get("cas")
    if cas is not None and not _cas_check_digit_holds(cas):
        raise _bad(f"{where}.cas", f"{cas!r} fails the CAS check digit (a mistyped digit?)")
    cid = raw.get("pubchem_cid")
    if cid is not None and (isinstance(cid, bool) or not isinstance(cid, int) or cid < 1):
        raise _bad(f"{where}.pubchem_cid", f"{cid!r} is not a PubChem CID (a whole number)")
    if len(raw) == 1:
        raise _bad(where, "no identifier given; leave the vitamer's identifiers out instead")
    return Identifiers(**{**raw, "sources": _sources(raw["sources"], f"{where}.sources")})


def _cas_check_digit_holds(cas: str) -> bool:
    """CAS's own check: the digits before the last, weighted 1, 2, 3 … from the right, mod 10.

    >>> _cas_check_digit_holds("84-80-0"), _cas_check_digit_holds("84-80-1")
    (True, False)
    """
    digits = cas.replace("-", "")
    total = sum(i * int(d) for i, d in enumerate(reversed(digits[:-1]), start=1))
    return total % 10 == int(digits[-1])


def _hours(raw: object, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 < raw < 1e6:
        raise _bad(where, f"{raw!r} is not a number of hours above zero")
    return float(raw)


def _value(raw: object, where: str) -> PharmacokineticValue:
    _fields(raw, where, _PK_FIELDS, ("note",))
    assert isinstance(raw, dict)
    if raw["parameter"] not in _PARAMETERS:
        known = " or ".join(repr(p) for p in _PARAMETERS)
        raise _bad(f"{where}.parameter", f"{raw['parameter']!r} is not {known}")
    hours, low, high = (_hours(raw[k], f"{where}.{k}") for k in _PK_FIELDS[1:4])
    if not low <= hours <= high:
        raise _bad(where, f"the range {low} to {high} h does not hold the typical {hours} h")
    for name in ("context", "note"):
        text = raw.get(name, "")
        if not isinstance(text, str) or (name == "context" and not text.strip()):
            raise _bad(f"{where}.{name}", f"{text!r} is not a text")
    return PharmacokineticValue(
        parameter=raw["parameter"],
        hours=hours,
        low_hours=low,
        high_hours=high,
        context=raw["context"],
        sources=_sources(raw["sources"], f"{where}.sources"),
        note=raw.get("note"),
    )


def read_vitamer_data(raw: object, keys: Collection[str]) -> dict[str, VitamerData]:
    """The contents of ``data/vitamers.json`` (parsed), checked; *keys* are the known vitamers.

    >>> data = read_vitamer_data({"vitamers": {"K3": {"identifiers": {
    ...     "atc": "B02BA02", "sources": ["fda-gsrs"]}}}}, ["K1", "K3"])
    >>> data["K3"].identifiers.atc, data["K3"].pharmacokinetics
    ('B02BA02', ())
    >>> read_vitamer_data({"vitamers": {"K-3": {}}}, ["K1", "K3"])
    Traceback (most recent call last):
    ...
    vitk2.Vitk2Error: vitamer data, vitamers: 'K-3' is not a vitamer key; the keys are K1, K3
    """
    _fields(raw, "the file", ("vitamers",), ("about",))
    assert isinstance(raw, dict)
    records = raw["vitamers"]
    if not isinstance(records, dict):
        raise _bad("vitamers", "give an object of records by vitamer key")
    out: dict[str, VitamerData] = {}
    for key, record in records.items():
        if key not in keys:
            raise _bad("vitamers", f"{key!r} is not a vitamer key; the keys are {', '.join(keys)}")
        _fields(record, key, (), ("identifiers", "pharmacokinetics"))
        assert isinstance(record, dict)
        values = record.get("pharmacokinetics", [])
        if not isinstance(values, list):
            raise _bad(f"{key}.pharmacokinetics", "give a list of values")
        ids = record.get("identifiers")
        out[key] = VitamerData(
            Identifiers() if ids is None else _identifiers(ids, f"{key}.identifiers"),
            tuple(_value(v, f"{key}.pharmacokinetics[{i}]") for i, v in enumerate(values)),
        )
    return out


def load_vitamer_data(keys: Collection[str]) -> dict[str, VitamerData]:
    """``data/vitamers.json``, read and checked (the caller caches it)."""
    import json  # noqa: PLC0415 - read on first use, not at import
    from importlib import resources  # noqa: PLC0415

    text = resources.files("vitk2").joinpath("data", "vitamers.json").read_text("utf-8")
    data: Any = json.loads(text)
    return read_vitamer_data(data, keys)
