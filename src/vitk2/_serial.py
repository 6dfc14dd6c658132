"""One JSON form for every public value and result object of vitk2: the public functions.

Every object becomes a JSON object with a stable ``"type"`` (the public class name) and a
``"schema_version"``; exact numbers are strings in vitk2's exact number format (``"22.5"``,
``"1000/3"``), never floats; datetimes are ISO 8601 with their offset and, where they have one,
their IANA zone name in brackets (``"2026-03-29T08:30:00+02:00[Europe/Berlin]"``, RFC 9557).

Catalogue entries (vitamers, foods, authorities, substances) are written in full at the top level,
and by their key (``"MK-7"``, ``"11233"``) inside other objects.  Reading a catalogue entry looks it
up by key and refuses the record if any field differs from this vitk2's data, so an old record is
never silently read as new data.

This module writes and checks the envelope (``type``, ``schema_version``) and finds a value's
type.  The types are one row each in ``vitk2._serial_types`` (keyed by type name, naming each
class by module and attribute, so nothing is imported until a type is used); how a field is
written and read is ``vitk2._serial_fields``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vitk2._errors import SerializationError
from vitk2._serial_fields import Spec, fail, short
from vitk2._serial_types import SPEC_LIST, SPECS

__all__ = ["from_dict", "json_default", "json_object_hook", "to_dict"]


_BY_CLASS: dict[type, Spec] = {}


def _spec_of(obj: object) -> Spec:
    cls = type(obj)
    spec = _BY_CLASS.get(cls)
    if spec is not None:
        return spec
    for candidate in SPEC_LIST:
        if candidate.cls_name == cls.__name__ and candidate.cls() is cls:
            _BY_CLASS[cls] = candidate
            return candidate
    msg = (
        f"{type(obj).__name__} {short(obj)} has no vitk2 JSON form; vitk2 writes its own "
        f"values ({', '.join(sorted(SPECS))}) and plain JSON values"
    )
    raise SerializationError(msg)


def to_dict(obj: object) -> dict[str, Any]:
    """The JSON form of a vitk2 value or result: a dict with ``type`` and ``schema_version``.

    Exact numbers are strings in vitk2's exact format; ``display`` (where present) is for people.

    >>> import vitk2
    >>> d = vitk2.to_dict(vitk2.parse_amount("0.1 mg MK-7"))
    >>> d["type"], d["schema_version"], d["vitamer"], d["micrograms"], d["display"]
    ('Amount', 1, 'MK-7', '100', '100 µg MK-7')
    >>> vitk2.to_dict(object())
    Traceback (most recent call last):
    ...
    vitk2.SerializationError: object <object object at ...> has no vitk2 JSON form; ...
    """
    return _spec_of(obj).encode(obj)


def from_dict(d: Mapping[str, Any]) -> Any:
    """Read back what :func:`to_dict` wrote; every field is checked, nothing is guessed.

    >>> import vitk2
    >>> vitk2.from_dict({"type": "Amount", "schema_version": 1, "vitamer": "MK-7",
    ...                  "micrograms": "1000/3"})
    Amount('MK-7', '1000/3 µg')
    >>> vitk2.from_dict({"type": "Amount", "schema_version": 1, "vitamer": "MK-7",
    ...                  "micrograms": 100})
    Traceback (most recent call last):
    ...
    vitk2.SerializationError: Amount.micrograms: 100 is not accepted; expected an exact number ...
    """
    return decode_record(d, None, None)


def from_dict_as(d: Mapping[str, Any], type_name: str) -> Any:
    """Like :func:`from_dict`, but refuses a record of any other type (for ``Cls.from_dict``)."""
    return decode_record(d, None, (type_name,))


def decode_record(d: object, path: str | None, expected: Sequence[str] | None) -> Any:
    where = path or "the JSON object"
    if not isinstance(d, Mapping):
        raise fail(where, d, "a JSON object with 'type' and 'schema_version'")
    name = d.get("type")
    if "type" not in d:
        msg = f"{where}: no 'type' field; vitk2 objects name their type, such as 'Amount'"
        raise SerializationError(msg)
    if not isinstance(name, str) or name not in SPECS:
        msg = (
            f"{where}: unknown type {name!r}; vitk2 reads: {', '.join(sorted(SPECS))}"
        )
        raise SerializationError(msg)
    if expected is not None and name not in expected:
        msg = f"{where}: expected {' or '.join(expected)}, not {name}"
        raise SerializationError(msg)
    spec = SPECS[name]
    path = path or name
    version = d.get("schema_version")
    if "schema_version" not in d:
        msg = f"{path}: no 'schema_version' field; this vitk2 writes {name} version {spec.version}"
        raise SerializationError(msg)
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail(f"{path}.schema_version", version, "a whole number")
    if version not in spec.supported:
        readable = ", ".join(str(v) for v in spec.supported)
        msg = (
            f"{path}.schema_version: {name} schema_version {version} is not supported; "
            f"this vitk2 reads version {readable}"
        )
        raise SerializationError(msg)
    spec.check_keys(d, path, header=True)
    return spec.build_from(d, path)


def json_default(obj: object) -> dict[str, Any]:
    """``default=`` for :func:`json.dumps`: writes any vitk2 value inside a mixed structure.

    >>> import json, vitk2
    >>> text = json.dumps({"dose": vitk2.DailyDose("MK-7", "180 µg/day"), "n": 3},
    ...                   default=vitk2.json_default)
    >>> json.loads(text, object_hook=vitk2.json_object_hook)
    {'dose': DailyDose('MK-7', '180 µg/day'), 'n': 3}
    """
    return to_dict(obj)


def json_object_hook(d: dict[str, Any]) -> Any:
    """``object_hook=`` for :func:`json.loads`: turns vitk2 objects back into values.

    A JSON object with both ``type`` and ``schema_version`` is read as a vitk2 object (and
    refused with :class:`~vitk2.SerializationError` if it is not a valid one); any other object
    is returned unchanged.

    >>> import json, vitk2
    >>> json.loads('[{"a": 1}, {"type": "Severity", "schema_version": 1, "value": "major"}]',
    ...            object_hook=vitk2.json_object_hook)
    [{'a': 1}, <Severity.MAJOR: 'major'>]
    """
    if isinstance(d, Mapping) and "type" in d and "schema_version" in d:
        return from_dict(d)
    return d


def type_names() -> tuple[str, ...]:
    """Every type name vitk2 writes and reads (for tests and docs)."""
    return tuple(SPECS)
