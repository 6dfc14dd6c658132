"""How a field and a type are written to JSON and read back: the vocabulary of the type table.

A field codec (:class:`Codec`) writes one value and reads it back, saying what it accepts; a
:class:`Spec` is one serialisable type: its fields, how to build it, and how to check what was
read.  The table of types (``vitk2._serial_types``) is written with these; the record envelope
(``type``, ``schema_version``) and the public functions are in ``vitk2._serial``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from importlib import import_module
from typing import Any, Final, final

from vitk2._errors import SerializationError, Vitk2Error

JSON = Any
"""A value that :func:`json.dumps` can write: dict, list, str, int, float, bool or None."""


def fail(path: str, value: object, accepted: str) -> SerializationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return SerializationError(f"{path}: {shown} is not accepted; expected {accepted}")


# --- field codecs ---------------------------------------------------------------------------


class Codec:
    """How one field is written to JSON and read back; ``expects`` says what is accepted."""

    expects = "a value"

    def encode(self, value: Any) -> JSON:
        return value

    def decode(self, value: JSON, path: str) -> Any:
        raise NotImplementedError


@final
class Str(Codec):
    expects = "a string"

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, str):
            raise fail(path, value, self.expects)
        return value


@final
class Int(Codec):
    expects = "a whole number"

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(path, value, self.expects)
        return value


@final
class Bool(Codec):
    expects = "true or false"

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, bool):
            raise fail(path, value, self.expects)
        return value


@final
class Float(Codec):
    """A float result (pharmacokinetics): written as a JSON number; repr round-trips exactly."""

    expects = "a finite number"

    def encode(self, value: Any) -> JSON:
        f = float(value)
        if not math.isfinite(f):
            msg = f"{f!r} cannot be written as JSON: JSON numbers are finite"
            raise SerializationError(msg)
        return f

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(path, value, self.expects)
        f = float(value)
        if not math.isfinite(f):
            raise fail(path, value, self.expects)
        return f


_EXACT_RE: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|-?[0-9]+/[0-9]*[1-9][0-9]*")


@final
class Exact(Codec):
    """An exact number as a string: a decimal that terminates (``"22.5"``) or ``"a/b"``."""

    expects = "an exact number as a string, such as \"100\", \"22.5\" or \"1000/3\""

    def encode(self, value: Any) -> JSON:
        from vitk2._units import format_number  # noqa: PLC0415 - keeps pint off import vitk2

        return format_number(Fraction(value))

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, str) or not _EXACT_RE.fullmatch(value):
            raise fail(path, value, self.expects)
        return Fraction(value)


@final
class Opt(Codec):
    def __init__(self, inner: Codec) -> None:
        self.inner = inner
        self.expects = f"null or {inner.expects}"

    def encode(self, value: Any) -> JSON:
        return None if value is None else self.inner.encode(value)

    def decode(self, value: JSON, path: str) -> Any:
        return None if value is None else self.inner.decode(value, path)


@final
class List(Codec):
    """A tuple, written as a JSON array."""

    def __init__(self, inner: Codec) -> None:
        self.inner = inner
        self.expects = f"an array of {inner.expects}"

    def encode(self, value: Any) -> JSON:
        return [self.inner.encode(v) for v in value]

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, list | tuple):
            raise fail(path, value, self.expects)
        return tuple(self.inner.decode(v, f"{path}[{i}]") for i, v in enumerate(value))


@final
class Choice(Codec):
    """One of a fixed set of strings (a ``Literal`` field)."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expects = "one of " + ", ".join(repr(c) for c in choices)

    def decode(self, value: JSON, path: str) -> Any:
        if value not in self.choices or not isinstance(value, str):
            raise fail(path, value, self.expects)
        return value


_RESOLVED: dict[tuple[str, str], Any] = {}


def resolve(module: str, name: str) -> Any:
    """``module.name``, imported on first use and remembered."""
    key = (module, name)
    found = _RESOLVED.get(key)
    if found is None:
        found = _RESOLVED[key] = getattr(import_module(module), name)
    return found


@final
class Enum(Codec):
    """An enum member, written as its value (``"major"``)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self.expects = f"{_a(name)} {name} value"

    def encode(self, value: Any) -> JSON:
        return value.value

    def decode(self, value: JSON, path: str) -> Any:
        cls = resolve(self.module, self.name)
        if isinstance(value, cls):
            return value
        values = [m.value for m in cls]
        if not isinstance(value, str) or value not in values:
            raise fail(path, value, "one of " + ", ".join(repr(v) for v in values))
        return cls(value)


@final
class Ref(Codec):
    """A catalogue entry inside another object, written as its key (``"MK-7"``, ``"11233"``)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        self.expects = f"the key of {_a(type_name)} {type_name} as a string"

    def encode(self, value: Any) -> JSON:
        return getattr(value, _spec(self.type_name).key_field)

    def decode(self, value: JSON, path: str) -> Any:
        spec = _spec(self.type_name)
        if isinstance(value, spec.cls()):
            return value
        if not isinstance(value, str):
            raise fail(path, value, self.expects)
        return spec.find(value, path)


@final
class Nested(Codec):
    """A value object inside another, written with its own ``type`` and ``schema_version``."""

    def __init__(self, *type_names: str) -> None:
        self.type_names = type_names
        self.expects = " or ".join(f"{_a(t)} {t} object" for t in type_names)

    def encode(self, value: Any) -> JSON:
        return _to_dict(value)

    def decode(self, value: JSON, path: str) -> Any:
        # json.loads(object_hook=...) decodes inner objects first: accept them as they are.
        for name in self.type_names:
            if isinstance(value, _spec(name).cls()):
                return value
        if not isinstance(value, Mapping):
            raise fail(path, value, self.expects)
        return _decode_record(value, path, self.type_names)


@final
class Bare(Codec):
    """A value object written without a header, as a field of a versioned parent (report v1)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        self.expects = f"{_a(type_name)} {type_name} object"

    def encode(self, value: Any) -> JSON:
        return _spec(self.type_name).encode_fields(value)

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, Mapping):
            raise fail(path, value, self.expects)
        spec = _spec(self.type_name)
        spec.check_keys(value, path, header=False)
        return spec.build_from(value, path)


_TIME_RE: Final = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{6})?)?")


@final
class Time(Codec):
    expects = "a local time \"HH:MM\" or \"HH:MM:SS\""

    def encode(self, value: Any) -> JSON:
        if value.tzinfo is not None:
            msg = f"{value!r}: an anchor time is a local wall-clock time, without a time zone"
            raise SerializationError(msg)
        return value.isoformat(timespec="minutes" if not value.second and not value.microsecond
                               else "auto")

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, dt.time):
            return value
        if not isinstance(value, str) or not _TIME_RE.fullmatch(value):
            raise fail(path, value, self.expects)
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise fail(path, value, self.expects) from None


@final
class Anchor(Codec):
    """A schedule anchor: a meal (a MealAnchor object) or a local clock time (``"07:00"``)."""

    expects = "a MealAnchor object or a local time \"HH:MM\""

    def encode(self, value: Any) -> JSON:
        if isinstance(value, dt.time):
            return Time().encode(value)
        return _to_dict(value)

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, str | dt.time):
            return Time().decode(value, path)
        if isinstance(value, Mapping | _spec("MealAnchor").cls()):
            return Nested("MealAnchor").decode(value, path)
        raise fail(path, value, self.expects)


_DATETIME_RE: Final = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?))"
    r"(?:\[(?P<zone>[^\[\]]+)\])?"
)


@final
class DateTime(Codec):
    """An aware datetime: ISO 8601 with offset, plus ``[IANA zone]`` when the zone has a name."""

    expects = (
        "an ISO 8601 date and time with offset, optionally followed by an IANA zone name, "
        "such as \"2026-03-29T08:30:00+02:00[Europe/Berlin]\""
    )

    def encode(self, value: Any) -> JSON:
        from zoneinfo import ZoneInfo  # noqa: PLC0415

        if value.tzinfo is None or value.utcoffset() is None:
            msg = f"{value!r}: a naive datetime cannot be written; vitk2 writes aware ones only"
            raise SerializationError(msg)
        text: str = value.isoformat()
        if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key:
            return f"{text}[{value.tzinfo.key}]"
        if isinstance(value.tzinfo, dt.timezone):
            return text
        msg = (
            f"{value!r}: its time zone {value.tzinfo!r} has no IANA name; use zoneinfo.ZoneInfo "
            "or a fixed offset (datetime.timezone)"
        )
        raise SerializationError(msg)

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, dt.datetime):
            return value
        m = _DATETIME_RE.fullmatch(value) if isinstance(value, str) else None
        if m is None:
            raise fail(path, value, self.expects)
        try:
            stamp = dt.datetime.fromisoformat(m["iso"])
        except ValueError:
            raise fail(path, value, self.expects) from None
        if m["zone"] is None:
            return stamp
        zone = _zone(m["zone"], path)
        local = stamp.replace(tzinfo=zone)
        for fold in (0, 1):
            candidate = local.replace(fold=fold)
            if candidate.utcoffset() == stamp.utcoffset():
                return candidate
        msg = (
            f"{path}: {value!r}: the offset {m['iso'][19:]} is not the offset of "
            f"{m['zone']} at that local time ({local.utcoffset()}); the record contradicts itself"
        )
        raise SerializationError(msg)


def _zone(name: str, path: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"{path}: {name!r} is not an IANA time zone name (such as 'Europe/Berlin')"
        raise SerializationError(msg) from None


@final
class FloatArray(Codec):
    """A NumPy float array, written as a JSON array of numbers."""

    expects = "an array of finite numbers"

    def encode(self, value: Any) -> JSON:
        return [Float().encode(x) for x in value.tolist()]

    def decode(self, value: JSON, path: str) -> Any:
        import numpy as np  # noqa: PLC0415

        if isinstance(value, np.ndarray):
            return value
        items = List(Float()).decode(value, path)
        return np.asarray(items, dtype=np.float64)


@final
class Plain(Codec):
    """A non-public record inside a catalogue entry, written field by field (read: compared)."""

    expects = "an object"

    def encode(self, value: Any) -> JSON:
        return _plain_record(value)

    def decode(self, value: JSON, path: str) -> Any:
        # Only catalogue entries hold these; they are looked up and compared, not built.
        return value


def _plain_record(value: Any) -> JSON:
    import enum  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Fraction):
        return Exact().encode(value)
    if isinstance(value, tuple | list):
        return [_plain_record(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _plain_record(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


@final
class Citations(Codec):
    """A finding's citations as InteractionReport schema 1 writes them; read back as keys."""

    expects = "an array of citation objects with 'key', 'short', 'link' and 'reference'"
    _KEYS: Final = ("key", "short", "link", "reference")

    def encode(self, value: Any) -> JSON:
        from vitk2._sources import citation  # noqa: PLC0415

        out = []
        for key in value:
            c = citation(key)
            out.append({"key": c.key, "short": c.short, "link": c.link, "reference": str(c)})
        return out

    def decode(self, value: JSON, path: str) -> Any:
        from vitk2._sources import citation  # noqa: PLC0415

        if not isinstance(value, list | tuple):
            raise fail(path, value, self.expects)
        keys = []
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping) or set(item) != set(self._KEYS):
                raise fail(where, item, self.expects)
            # short, link and reference are renderings of the key for people; only the key counts.
            key = Str().decode(item["key"], f"{where}.key")
            for name in ("short", "reference"):
                Str().decode(item[name], f"{where}.{name}")
            Opt(Str()).decode(item["link"], f"{where}.link")
            try:
                citation(key)
            except Vitk2Error as exc:
                raise SerializationError(f"{where}.key: {exc}") from None
            keys.append(key)
        return tuple(keys)


@final
class SeverityScale(Codec):
    """InteractionReport schema 1 lists the severity scale; it must be the scale vitk2 knows."""

    expects = "the severity scale of this vitk2"

    def decode(self, value: JSON, path: str) -> Any:
        from vitk2._interactions import Severity  # noqa: PLC0415

        scale = [s.value for s in Severity]
        if not isinstance(value, list | tuple) or list(value) != scale:
            raise fail(path, value, f"the severity scale {scale}")
        return value


# --- type specs -----------------------------------------------------------------------------

Getter = str | Callable[[Any], Any]


@final
class Field:
    __slots__ = ("codec", "getter", "name", "optional")

    def __init__(
        self, name: str, codec: Codec, getter: Getter | None = None, *, optional: bool = False
    ) -> None:
        self.name = name
        self.codec = codec
        self.getter: Getter = name if getter is None else getter
        self.optional = optional

    def get(self, obj: Any) -> Any:
        return getattr(obj, self.getter) if isinstance(self.getter, str) else self.getter(obj)


@final
class Spec:
    """One serialisable type: its fields, how to build it, and how to check what was read.

    ``build`` receives the decoded fields by JSON name.  ``derive`` types are recomputed from
    their inputs by vitk2 and must then match the record; ``key_field`` types are catalogue
    entries looked up by key (``lookup``) and compared with the record.
    """

    def __init__(
        self,
        name: str,
        module: str,
        fields: Sequence[Field],
        *,
        cls_name: str | None = None,
        build: Callable[[dict[str, Any]], Any] | None = None,
        version: int = 1,
        supported: tuple[int, ...] = (1,),
        key_field: str | None = None,
        lookup: Callable[[str], Any] | None = None,
        derived: bool = False,
        display: bool = False,
        read_display: Callable[[str], Any] | None = None,
    ) -> None:
        self.name = name
        self.module = module
        self.cls_name = cls_name or name
        self.fields = tuple(fields)
        self.fields_by_name = {f.name: f for f in self.fields}
        self._build = build
        self.version = version
        self.supported = supported
        self.key_field = key_field or ""
        self.lookup = lookup
        self.derived = derived
        self.display = display
        self.read_display = read_display

    def cls(self) -> type:
        found: type = resolve(self.module, self.cls_name)
        return found

    def encode_fields(self, obj: Any) -> dict[str, JSON]:
        out = {f.name: f.codec.encode(f.get(obj)) for f in self.fields}
        if self.display:
            out["display"] = str(obj)
        return out

    def encode(self, obj: Any) -> dict[str, JSON]:
        return {"type": self.name, "schema_version": self.version, **self.encode_fields(obj)}

    def check_keys(self, d: Mapping[str, Any], path: str, *, header: bool) -> None:
        names = [f.name for f in self.fields]
        allowed = {*names, *(("type", "schema_version") if header else ())}
        if self.display:
            allowed.add("display")
        extra = sorted(str(k) for k in d if k not in allowed)
        if extra:
            msg = (
                f"{path}: unexpected field{'s' if len(extra) > 1 else ''} "
                f"{', '.join(repr(k) for k in extra)} in {_a(self.name)} {self.name} "
                f"(schema_version {self.version}); its fields are {', '.join(names)}"
            )
            raise SerializationError(msg)
        # A catalogue entry may be given by its key alone; what else is given must match.
        missing = [
            f.name for f in self.fields
            if f.name not in d and not f.optional
            and (self.lookup is None or f.name == self.key_field)
        ]
        if missing:
            msg = (
                f"{path}: {_a(self.name)} {self.name} needs the "
                f"field{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(k) for k in missing)}"
            )
            raise SerializationError(msg)

    def find(self, key: str, path: str) -> Any:
        assert self.lookup is not None
        try:
            found = self.lookup(key)
        except Vitk2Error as exc:
            raise SerializationError(f"{path}: {exc}") from None
        if getattr(found, self.key_field) != key:
            msg = (
                f"{path}: {key!r} is not the key of {_a(self.name)} {self.name}; write its key "
                f"{getattr(found, self.key_field)!r}"
            )
            raise SerializationError(msg)
        return found

    def build_from(self, d: Mapping[str, Any], path: str) -> Any:
        if self.lookup is not None:
            key = Str().decode(d[self.key_field], f"{path}.{self.key_field}")
            found = self.find(key, f"{path}.{self.key_field}")
            _same_record(self, found, d, path, "in this vitk2's data")
            return found
        values = {
            f.name: f.codec.decode(d[f.name], f"{path}.{f.name}")
            for f in self.fields
            if f.name in d
        }
        try:
            obj = self._build(values) if self._build is not None else self.cls()(**values)
        except SerializationError:
            raise
        except (Vitk2Error, ValueError, TypeError) as exc:
            msg = f"{path}: these fields do not make a valid {self.name}: {exc}"
            raise SerializationError(msg) from None
        if self.derived:
            # Compare what was read (re-encoded, so optional 'display' fields do not matter).
            read = {name: _plain(self.fields_by_name[name].codec.encode(v))
                    for name, v in values.items()}
            _same_record(self, obj, read, path, "when vitk2 recomputes it from its inputs")
        if self.display and "display" in d:
            self._check_display(obj, d["display"], f"{path}.display")
        return obj

    def _check_display(self, obj: Any, shown: JSON, path: str) -> None:
        """``display`` is for people: a string; for amounts, one that reads as the same value.

        Amounts are compared by value, not by wording, so a record written by a vitk2 that
        words amounts differently still reads; other types' display text is not read.
        """
        if not isinstance(shown, str):
            raise fail(path, shown, "a string (it is for people, and optional)")
        if self.read_display is None or shown == str(obj):
            return
        try:
            same = self.read_display(shown) == obj
        except Vitk2Error:
            same = False
        if not same:
            msg = (
                f"{path}: {shown!r} contradicts the fields, which read {str(obj)!r}; "
                "'display' is optional, but if given it must agree"
            )
            raise SerializationError(msg)


def _same_record(spec: Spec, obj: Any, d: Mapping[str, Any], path: str, where: str) -> None:
    """Refuse a record that differs from what vitk2 holds (catalogue) or recomputes (derived)."""
    expected = spec.encode_fields(obj)
    for f in spec.fields:
        if f.name not in d:
            continue
        given = _plain(d[f.name])
        if given != expected[f.name]:
            msg = (
                f"{path}.{f.name}: the record says {short(given)}, but this {spec.name} has "
                f"{short(expected[f.name])} {where}; the record was written from other data "
                "or edited by hand"
            )
            raise SerializationError(msg)


def short(value: JSON) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _plain(value: Any) -> JSON:
    """Undo json_object_hook: objects back to their dicts, tuples to lists."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _to_dict(value)



# --- the table and the envelope, resolved on use ------------------------------------------------
# The table (vitk2._serial_types) is written with the codecs above, and the envelope
# (vitk2._serial) reads the table, so both are imported when a codec first needs them.


def _spec(type_name: str) -> Spec:
    from vitk2._serial_types import SPECS  # noqa: PLC0415 - the table is built from this module

    return SPECS[type_name]


def _to_dict(value: object) -> dict[str, Any]:
    from vitk2._serial import to_dict  # noqa: PLC0415 - the envelope reads the table

    return to_dict(value)


def _decode_record(value: object, path: str, expected: Sequence[str]) -> Any:
    from vitk2._serial import decode_record  # noqa: PLC0415 - the envelope reads the table

    return decode_record(value, path, expected)


def _a(word: str) -> str:
    """The article before *word* in a message: "an Amount", "a Schedule"."""
    return "an" if word[:1] in set("AEIOUaeiou") else "a"

