"""The authority seam: one data file per authority, read on first use and checked when read.

An *authority file* (``vitk2/data/authorities/<name>.json``) holds everything vitk2 knows about
one body that publishes vitamin K reference values: its key, name, aliases and kind of value,
and one entry per edition with the edition's **basis** (what its number counts), its statement
on an **upper limit**, and its **values** by life stage, each citing its sources::

    {"schema_version": 1, "key": "IOM", "name": "...", "kinds": "AI (adequate intake)",
     "aliases": ["iom", "us"], "note": "...",
     "editions": [{"edition": "2001",
                   "basis": {"counts": [{"vitamer": "K1", "by": "mass"}],
                             "text": "...", "sources": ["iom-2001"]},
                   "upper_limit": {"status": "not established", "guidance_ug_per_day": null,
                                   "sources": ["iom-2001"], "note": "..."},
                   "values": [{"from_months": 0, "to_months": 6, "sex": null,
                               "condition": null, "kind": "AI", "ug_per_day": "2.0",
                               "ug_per_kg_per_day": null, "sources": ["iom-2001"]}]}]}

Files are found, not listed: every ``*.json`` in that folder is an authority.  Adding an
authority is its file and its sources entry in ``data/sources/*.json`` — nothing else.  An
authority with no confirmed values keeps ``"values": []``: it is listed, and asking it for a
value raises :class:`~vitk2.NoReferenceValueError`.  A file can also be registered at run time
with :func:`register_authority_file` (tests use this for an authority defined in the test).

Editions are named by their year (``"2025"``); the latest is the default.  Basis rules:
``"mass"`` counts a vitamer by weight, ``"moles"`` counts it as the same number of moles of the
vitamer named in ``"as"`` (vitk2's molar masses), ``"factor"`` multiplies by an exact ratio the
authority writes out (``"444.7/649.0"``).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Final, final

import attrs

from vitk2._amounts import DailyDose
from vitk2._errors import NotFoundError, UnknownAuthorityError, Vitk2Error
from vitk2._intake_records import (
    Authority,
    Basis,
    CountedVitamer,
    LifeStage,
    ReferenceIntake,
    UpperLimit,
)
from vitk2._sources import citation
from vitk2._text import alnum_key
from vitk2._vitamers import K1, vitamer

__all__ = [
    "AuthorityData",
    "Edition",
    "authority",
    "authority_data",
    "packaged_authorities",
    "read_authority",
    "register_authority_file",
    "registered_authorities",
    "unregister_authority",
]

_SCHEMA_VERSION: Final = 1
_EDITION: Final = re.compile(r"^[0-9]{4}$")
_TOP_KEYS: Final = frozenset(
    {"schema_version", "key", "name", "kinds", "aliases", "note", "editions"}
)
_EDITION_KEYS: Final = frozenset({"edition", "basis", "upper_limit", "values"})
#: A value read only in copies must name two that agree (issue 12); a basis names at least one.
_MIN_COPIES_FOR_A_VALUE: Final = 2
_VALUE_KEYS: Final = frozenset(
    {
        "from_months",
        "to_months",
        "sex",
        "condition",
        "kind",
        "ug_per_day",
        "ug_per_kg_per_day",
        "sources",
    }
)


@final
@attrs.frozen(kw_only=True)
class Edition:
    """One edition of an authority's values: its basis, upper-limit statement and values.

    ``note`` says what the edition's data leave out (life stages not confirmed).
    """

    edition: str
    basis: Basis
    upper_limit: UpperLimit
    values: tuple[ReferenceIntake, ...]
    note: str | None = None


@final
@attrs.frozen(kw_only=True)
class AuthorityData:
    """An authority file, read and checked: the authority and its editions, latest first."""

    authority: Authority
    editions: tuple[Edition, ...]

    @property
    def latest(self) -> Edition:
        """The latest edition, the default of every lookup."""
        return self.editions[0]

    def edition(self, name: object = None) -> Edition:
        """The edition called *name* (``"2020"`` or ``2020``); ``None``: the latest."""
        if name is None:
            return self.latest
        if isinstance(name, int) and not isinstance(name, bool):
            name = str(name)
        for e in self.editions:
            if isinstance(name, str) and e.edition == name.strip():
                return e
        known = ", ".join(e.edition for e in self.editions)
        msg = f"{self.authority.key} has no edition {name!r} in vitk2; editions: {known}"
        raise UnknownAuthorityError(msg)


def _bad(where: str, what: str) -> Vitk2Error:
    # A defect in an authority file, not in user input: the base class, named by place.
    return Vitk2Error(f"{where}: {what}")


def _keys(
    raw: object, where: str, required: frozenset[str], optional: frozenset[str] = frozenset()
) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise _bad(where, "expected an object")
    missing = required - raw.keys()
    extra = raw.keys() - required - optional
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(sorted(missing))}")
        if extra:
            parts.append(f"unknown {', '.join(sorted(extra))}")
        raise _bad(where, "; ".join(parts))
    return raw


def _text(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _bad(where, f"{raw!r} is not a non-empty text")
    return raw


def _sources(raw: object, where: str, *, required: bool) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise _bad(where, "sources must be a list of citation keys")
    if required and not raw:
        raise _bad(where, "sources must name at least one citation key")
    for key in raw:
        try:
            citation(key)
        except NotFoundError:
            msg = f"source {key!r} is not a citation key in data/sources/*.json"
            raise _bad(where, msg) from None
    return tuple(raw)


def _copies(raw: object, where: str, *, at_least: int) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise _bad(where, "secondary must be a list naming the copies the figure was read in")
    if len(raw) < at_least:
        msg = f"a figure read only in copies must name {at_least} or more; {len(raw)} named"
        raise _bad(where, msg)
    return tuple(raw)


def _micrograms(raw: object, where: str) -> Fraction | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise _bad(where, f'{raw!r} must be a decimal number written as text, such as "2.5"')
    try:
        value = Fraction(Decimal(raw))
    except (InvalidOperation, ValueError):
        raise _bad(where, f"{raw!r} is not a finite decimal number") from None
    if value <= 0:
        raise _bad(where, f"{raw!r} must be more than 0 (unknown is left out, not 0)")
    return value


def _ratio(raw: object, where: str) -> Fraction:
    top, sep, bottom = raw.partition("/") if isinstance(raw, str) else ("", "", "")
    a, b = _micrograms(top or None, where), _micrograms(bottom or None, where)
    if not sep or a is None or b is None:
        raise _bad(where, f'factor {raw!r} must be a ratio of decimals such as "444.7/649.0"')
    return a / b


def _vitamer(raw: object, where: str) -> Any:
    try:
        return vitamer(_text(raw, where))
    except NotFoundError:
        raise _bad(where, f"{raw!r} is not a vitamer key such as 'K1', 'MK-4' or 'MK-7'") from None


def _counted(raw: object, where: str) -> CountedVitamer:
    if not isinstance(raw, dict):
        raise _bad(where, "a counted vitamer is an object")
    rule = raw.get("by")
    if rule == "mass":
        r = _keys(raw, where, frozenset({"vitamer", "by"}))
        v = _vitamer(r["vitamer"], where)
        return CountedVitamer(vitamer=v, rule="mass", as_vitamer=v, factor=Fraction(1))
    if rule == "moles":
        r = _keys(raw, where, frozenset({"vitamer", "by", "as"}))
        v, as_v = _vitamer(r["vitamer"], where), _vitamer(r["as"], where)
        factor = as_v.molar_mass_g_per_mol / v.molar_mass_g_per_mol
        return CountedVitamer(vitamer=v, rule="moles", as_vitamer=as_v, factor=factor)
    if rule == "factor":
        r = _keys(raw, where, frozenset({"vitamer", "by", "as", "factor"}))
        v, as_v = _vitamer(r["vitamer"], where), _vitamer(r["as"], where)
        factor = _ratio(r["factor"], where)
        return CountedVitamer(vitamer=v, rule="factor", as_vitamer=as_v, factor=factor)
    raise _bad(where, f"by={rule!r}: give 'mass', 'moles' (with 'as') or 'factor' (with 'as')")


def _basis(raw: object, where: str, a: str, edition: str) -> Basis:
    r = _keys(raw, where, frozenset({"counts", "text", "sources"}), frozenset({"secondary"}))
    counts = r["counts"]
    terms: tuple[CountedVitamer, ...] | None = None
    if counts is not None:
        if not isinstance(counts, list) or not counts:
            msg = "counts must be a non-empty list, or null where the basis is unknown"
            raise _bad(where, msg)
        terms = tuple(_counted(c, f"{where}, counts[{i}]") for i, c in enumerate(counts))
        seen = [t.vitamer.key for t in terms]
        if len(set(seen)) != len(seen):
            raise _bad(where, f"a vitamer is counted twice: {', '.join(seen)}")
    return Basis(
        authority=a,
        edition=edition,
        text=_text(r["text"], where),
        counts=terms,
        sources=_sources(r["sources"], where, required=terms is not None),
        copies=_copies(r.get("secondary"), where, at_least=1),
    )


def _upper_limit(raw: object, where: str, a: Authority) -> UpperLimit:
    r = _keys(raw, where, frozenset({"status", "guidance_ug_per_day", "sources", "note"}))
    status = r["status"]
    if status not in ("not established", "unknown"):
        raise _bad(where, f"status {status!r} is not 'not established' or 'unknown'")
    sources = _sources(r["sources"], where, required=status == "not established")
    guidance = _micrograms(r["guidance_ug_per_day"], where)
    return UpperLimit(
        authority=a,
        status=status,
        guidance=None if guidance is None else DailyDose.from_micrograms_per_day(K1, guidance),
        sources=sources,
        note=_text(r["note"], where),
    )


def _months(raw: object, where: str, *, optional: bool) -> int | None:
    if raw is None and optional:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise _bad(where, f"{raw!r} is not a whole number of months, 0 or more")
    return raw


def _value(raw: object, where: str, a: Authority, edition: str) -> ReferenceIntake:
    r = _keys(raw, where, _VALUE_KEYS, frozenset({"note", "secondary"}))
    sex, condition = r["sex"], r["condition"]
    if sex not in (None, "female", "male"):
        raise _bad(where, f"sex {sex!r} is not null, 'female' or 'male'")
    if condition not in (None, "pregnancy", "lactation"):
        raise _bad(where, f"condition {condition!r} is not null, 'pregnancy' or 'lactation'")
    if condition is not None and sex != "female":
        raise _bad(where, f"condition {condition!r} needs sex 'female'")
    from_months = _months(r["from_months"], f"{where}, from_months", optional=False)
    to_months = _months(r["to_months"], f"{where}, to_months", optional=True)
    assert from_months is not None
    if to_months is not None and to_months <= from_months:
        raise _bad(where, f"empty age band {from_months}..{to_months} months")
    ug = _micrograms(r["ug_per_day"], f"{where}, ug_per_day")
    per_kg = _micrograms(r["ug_per_kg_per_day"], f"{where}, ug_per_kg_per_day")
    if ug is None and per_kg is None:
        raise _bad(where, "give ug_per_day, ug_per_kg_per_day or both")
    note = r.get("note")
    return ReferenceIntake(
        authority=a,
        life_stage=LifeStage(
            from_months=from_months, to_months=to_months, sex=sex, condition=condition
        ),
        kind=_text(r["kind"], f"{where}, kind"),
        value=None if ug is None else DailyDose.from_micrograms_per_day(K1, ug),
        per_kg_body_weight=per_kg,
        sources=_sources(r["sources"], where, required=True),
        note=None if note is None else _text(note, f"{where}, note"),
        edition=edition,
        copies=_copies(r.get("secondary"), where, at_least=_MIN_COPIES_FOR_A_VALUE),
    )


def _overlapping(
    values: tuple[ReferenceIntake, ...],
) -> tuple[ReferenceIntake, ReferenceIntake] | None:
    """Two values whose life stages a person could fall in at once, or None."""
    for i, r in enumerate(values):
        for s in values[i + 1 :]:
            x, y = r.life_stage, s.life_stage
            if x.condition != y.condition or (None not in (x.sex, y.sex) and x.sex != y.sex):
                continue
            ends = [e for e in (x.to_months, y.to_months) if e is not None]
            if not ends or max(x.from_months, y.from_months) < min(ends):
                return r, s
    return None


def _edition(raw: object, where: str, a: Authority) -> Edition:
    r = _keys(raw, where, _EDITION_KEYS, frozenset({"note"}))
    name = r["edition"]
    if not isinstance(name, str) or not _EDITION.match(name):
        raise _bad(where, f'edition {name!r} must be the year of the edition as text, e.g. "2025"')
    where = f"edition {name}"
    if not isinstance(r["values"], list):
        raise _bad(where, "values must be a list (empty where none is confirmed)")
    values = tuple(_value(v, f"{where}, values[{i}]", a, name) for i, v in enumerate(r["values"]))
    clash = _overlapping(values)
    if clash is not None:
        raise _bad(where, f"life stages overlap: {clash[0].life_stage} and {clash[1].life_stage}")
    basis = _basis(r["basis"], f"{where}, basis", a.key, name)
    note = r.get("note")
    return Edition(
        edition=name,
        basis=basis,
        upper_limit=_upper_limit(r["upper_limit"], f"{where}, upper_limit", a),
        values=tuple(attrs.evolve(v, basis=basis) for v in values),
        note=None if note is None else _text(note, f"{where}, note"),
    )


def _read(raw: object) -> AuthorityData:
    r = _keys(raw, "top level", _TOP_KEYS)
    if r["schema_version"] != _SCHEMA_VERSION:
        raise _bad("top level", f"schema_version {r['schema_version']!r} is not {_SCHEMA_VERSION}")
    aliases = r["aliases"]
    if not isinstance(aliases, list) or not all(isinstance(x, str) and x.strip() for x in aliases):
        raise _bad("aliases", "must be a list of non-empty texts")
    editions_raw = r["editions"]
    if not isinstance(editions_raw, list) or not editions_raw:
        raise _bad("editions", "must be a non-empty list")
    a = Authority(
        key=_text(r["key"], "key"),
        name=_text(r["name"], "name"),
        kinds=_text(r["kinds"], "kinds"),
        aliases=tuple(aliases),
        shipped=any(isinstance(e, dict) and e.get("values") for e in editions_raw),
        note=_text(r["note"], "note"),
    )
    names = [e.get("edition") if isinstance(e, dict) else None for e in editions_raw]
    if len(set(names)) != len(names):
        raise _bad("editions", f"an edition is given twice: {', '.join(map(str, names))}")
    if all(isinstance(n, str) for n in names):
        a = attrs.evolve(a, editions=tuple(sorted(names, reverse=True)))  # type: ignore[arg-type]
    editions = [_edition(e, f"editions[{i}]", a) for i, e in enumerate(editions_raw)]
    editions.sort(key=lambda e: e.edition, reverse=True)
    return AuthorityData(authority=a, editions=tuple(editions))


def read_authority(text: str, *, name: str = "<text>") -> AuthorityData:
    """Read and check one authority file's JSON text; errors name the file and the place."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        msg = f"authority file {name}: not JSON ({e.msg} at line {e.lineno})"
        raise Vitk2Error(msg) from None
    try:
        return _read(raw)
    except Vitk2Error as e:
        msg = f"authority file {name}, {e}"
        raise Vitk2Error(msg) from None


# --- the registry ------------------------------------------------------------------------------

_lock: Final = threading.RLock()
_state: dict[str, Any] = {}


def _fold(text: str) -> str:
    """Case-, width- and whitespace-insensitive key: ``' D-A-CH '`` and ``'dach'`` agree."""
    return alnum_key(text)


def _packaged() -> tuple[AuthorityData, ...]:
    found = _state.get("packaged")
    if found is None:
        folder = resources.files("vitk2").joinpath("data", "authorities")
        files = [e for e in folder.iterdir() if e.name.endswith(".json")]
        read = (read_authority(e.read_text(encoding="utf-8"), name=e.name) for e in files)
        found = tuple(sorted(read, key=lambda d: d.authority.key.casefold()))
        _index(found)  # names must not clash among the packaged files either
        _state["packaged"] = found
    return found


def _index(data: tuple[AuthorityData, ...]) -> dict[str, AuthorityData]:
    index: dict[str, AuthorityData] = {}
    for d in data:
        for spelled in (d.authority.key, *d.authority.aliases):
            folded = _fold(spelled)
            other = index.get(folded)
            if other is not None and other is not d:
                key, taken = d.authority.key, other.authority.key
                msg = f"authority {key}: name {spelled!r} is taken by {taken}"
                raise Vitk2Error(msg)
            index[folded] = d
    return index


def _all() -> tuple[AuthorityData, ...]:
    return (*_packaged(), *_state.get("extra", ()))


def _current_index() -> dict[str, AuthorityData]:
    found = _state.get("index")
    if found is None:
        with _lock:
            found = _state["index"] = _index(_all())
    return found


def packaged_authorities() -> tuple[Authority, ...]:
    """The authorities of the packaged files, in alphabetical order of their keys."""
    return tuple(d.authority for d in _packaged())


def registered_authorities() -> tuple[Authority, ...]:
    """The packaged authorities, then those added with :func:`register_authority_file`."""
    return (*packaged_authorities(), *(d.authority for d in _state.get("extra", ())))


def authority_data(name: str | Authority) -> AuthorityData:
    """The data of the authority called *name* (key or alias, any case and spacing)."""
    if isinstance(name, Authority):
        name = name.key
    if not isinstance(name, str):
        msg = f"authority must be a name such as 'IOM' or 'EFSA', not {name!r}"
        raise UnknownAuthorityError(msg)
    found = _current_index().get(_fold(name))
    if found is None:
        known = ", ".join(a.key for a in registered_authorities())
        msg = f"no authority {name!r}; known: {known}"
        raise UnknownAuthorityError(msg)
    return found


def authority(name: str | Authority) -> Authority:
    """Look up an authority by key or alias, ignoring case, spaces and punctuation.

    >>> from vitk2 import authority
    >>> authority("  efsa ").key
    'EFSA'
    >>> authority("Dach").key
    'D-A-CH'
    >>> authority("Atlantis")
    Traceback (most recent call last):
    ...
    vitk2.UnknownAuthorityError: no authority 'Atlantis'; known: D-A-CH, EFSA, IOM, ...
    """
    return authority_data(name).authority


def register_authority_file(path: str | Path) -> Authority:
    """Add the authority in the file at *path*; it answers every lookup as a packaged one does.

    The file is read and checked now; if it does not fit (a name taken, a bad value, an
    unknown citation key) this raises and nothing is registered.
    """
    file = Path(path)
    data = read_authority(file.read_text(encoding="utf-8"), name=file.name)
    with _lock:
        merged = (*_all(), data)
        index = _index(merged)
        _state["extra"] = (*_state.get("extra", ()), data)
        _state["index"] = index
    return data.authority


def unregister_authority(key: str) -> None:
    """Remove an authority added with :func:`register_authority_file` (packaged ones stay)."""
    with _lock:
        extra = _state.get("extra", ())
        kept = tuple(d for d in extra if d.authority.key != key)
        if len(kept) == len(extra):
            msg = f"no registered authority file has key {key!r}"
            raise Vitk2Error(msg)
        _state["extra"] = kept
        _state.pop("index", None)
