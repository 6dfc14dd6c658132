"""One JSON form for every public value and result object of vitk2.

Every object becomes a JSON object with a stable ``"type"`` (the public class name) and a
``"schema_version"``; exact numbers are strings in vitk2's exact number format (``"22.5"``,
``"1000/3"``), never floats; datetimes are ISO 8601 with their offset and, where they have one,
their IANA zone name in brackets (``"2026-03-29T08:30:00+02:00[Europe/Berlin]"``, RFC 9557).

Catalogue entries (vitamers, foods, authorities, substances) are written in full at the top level,
and by their key (``"MK-7"``, ``"11233"``) inside other objects.  Reading a catalogue entry looks it
up by key and refuses the record if any field differs from this vitk2's data, so an old record is
never silently read as new data.

The registry (:data:`_SPECS`) is keyed by type name and names each class by module and attribute,
so nothing is imported until a type is used; a new module adds its types there, in one place.
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

__all__ = ["from_dict", "json_default", "json_object_hook", "to_dict"]

JSON = Any
"""A value that :func:`json.dumps` can write: dict, list, str, int, float, bool or None."""


def _fail(path: str, value: object, accepted: str) -> SerializationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return SerializationError(f"{path}: {shown} is not accepted; expected {accepted}")


# --- field codecs ---------------------------------------------------------------------------


class _Codec:
    """How one field is written to JSON and read back; ``expects`` says what is accepted."""

    expects = "a value"

    def encode(self, value: Any) -> JSON:
        return value

    def decode(self, value: JSON, path: str) -> Any:
        raise NotImplementedError


@final
class _Str(_Codec):
    expects = "a string"

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, str):
            raise _fail(path, value, self.expects)
        return value


@final
class _Int(_Codec):
    expects = "a whole number"

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(path, value, self.expects)
        return value


@final
class _Bool(_Codec):
    expects = "true or false"

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, bool):
            raise _fail(path, value, self.expects)
        return value


@final
class _Float(_Codec):
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
            raise _fail(path, value, self.expects)
        f = float(value)
        if not math.isfinite(f):
            raise _fail(path, value, self.expects)
        return f


_EXACT_RE: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|-?[0-9]+/[0-9]*[1-9][0-9]*")


@final
class _Exact(_Codec):
    """An exact number as a string: a decimal that terminates (``"22.5"``) or ``"a/b"``."""

    expects = "an exact number as a string, such as \"100\", \"22.5\" or \"1000/3\""

    def encode(self, value: Any) -> JSON:
        from vitk2._units import format_number  # noqa: PLC0415 - keeps pint off import vitk2

        return format_number(Fraction(value))

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, str) or not _EXACT_RE.fullmatch(value):
            raise _fail(path, value, self.expects)
        return Fraction(value)


@final
class _Opt(_Codec):
    def __init__(self, inner: _Codec) -> None:
        self.inner = inner
        self.expects = f"null or {inner.expects}"

    def encode(self, value: Any) -> JSON:
        return None if value is None else self.inner.encode(value)

    def decode(self, value: JSON, path: str) -> Any:
        return None if value is None else self.inner.decode(value, path)


@final
class _List(_Codec):
    """A tuple, written as a JSON array."""

    def __init__(self, inner: _Codec) -> None:
        self.inner = inner
        self.expects = f"an array of {inner.expects}"

    def encode(self, value: Any) -> JSON:
        return [self.inner.encode(v) for v in value]

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, list | tuple):
            raise _fail(path, value, self.expects)
        return tuple(self.inner.decode(v, f"{path}[{i}]") for i, v in enumerate(value))


@final
class _Choice(_Codec):
    """One of a fixed set of strings (a ``Literal`` field)."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expects = "one of " + ", ".join(repr(c) for c in choices)

    def decode(self, value: JSON, path: str) -> Any:
        if value not in self.choices or not isinstance(value, str):
            raise _fail(path, value, self.expects)
        return value


_RESOLVED: dict[tuple[str, str], Any] = {}


def _attr(module: str, name: str) -> Any:
    """``module.name``, imported on first use and remembered."""
    key = (module, name)
    found = _RESOLVED.get(key)
    if found is None:
        found = _RESOLVED[key] = getattr(import_module(module), name)
    return found


@final
class _Enum(_Codec):
    """An enum member, written as its value (``"major"``)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self.expects = f"a {name} value"

    def encode(self, value: Any) -> JSON:
        return value.value

    def decode(self, value: JSON, path: str) -> Any:
        cls = _attr(self.module, self.name)
        if isinstance(value, cls):
            return value
        values = [m.value for m in cls]
        if not isinstance(value, str) or value not in values:
            raise _fail(path, value, "one of " + ", ".join(repr(v) for v in values))
        return cls(value)


@final
class _Ref(_Codec):
    """A catalogue entry inside another object, written as its key (``"MK-7"``, ``"11233"``)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        self.expects = f"the key of a {type_name} as a string"

    def encode(self, value: Any) -> JSON:
        return getattr(value, _SPECS[self.type_name].key_field)

    def decode(self, value: JSON, path: str) -> Any:
        spec = _SPECS[self.type_name]
        if isinstance(value, spec.cls()):
            return value
        if not isinstance(value, str):
            raise _fail(path, value, self.expects)
        return spec.find(value, path)


@final
class _Nested(_Codec):
    """A value object inside another, written with its own ``type`` and ``schema_version``."""

    def __init__(self, *type_names: str) -> None:
        self.type_names = type_names
        self.expects = " or ".join(f"a {t} object" for t in type_names)

    def encode(self, value: Any) -> JSON:
        return to_dict(value)

    def decode(self, value: JSON, path: str) -> Any:
        # json.loads(object_hook=...) decodes inner objects first: accept them as they are.
        for name in self.type_names:
            if isinstance(value, _SPECS[name].cls()):
                return value
        if not isinstance(value, Mapping):
            raise _fail(path, value, self.expects)
        return _decode(value, path, self.type_names)


@final
class _Bare(_Codec):
    """A value object written without a header, as a field of a versioned parent (report v1)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        self.expects = f"a {type_name} object"

    def encode(self, value: Any) -> JSON:
        return _SPECS[self.type_name].encode_fields(value)

    def decode(self, value: JSON, path: str) -> Any:
        if not isinstance(value, Mapping):
            raise _fail(path, value, self.expects)
        spec = _SPECS[self.type_name]
        spec.check_keys(value, path, header=False)
        return spec.build_from(value, path)


_TIME_RE: Final = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{6})?)?")


@final
class _Time(_Codec):
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
            raise _fail(path, value, self.expects)
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise _fail(path, value, self.expects) from None


@final
class _Anchor(_Codec):
    """A schedule anchor: a meal (a MealAnchor object) or a local clock time (``"07:00"``)."""

    expects = "a MealAnchor object or a local time \"HH:MM\""

    def encode(self, value: Any) -> JSON:
        if isinstance(value, dt.time):
            return _Time().encode(value)
        return to_dict(value)

    def decode(self, value: JSON, path: str) -> Any:
        if isinstance(value, str | dt.time):
            return _Time().decode(value, path)
        if isinstance(value, Mapping | _SPECS["MealAnchor"].cls()):
            return _Nested("MealAnchor").decode(value, path)
        raise _fail(path, value, self.expects)


_DATETIME_RE: Final = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?))"
    r"(?:\[(?P<zone>[^\[\]]+)\])?"
)


@final
class _DateTime(_Codec):
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
            raise _fail(path, value, self.expects)
        try:
            stamp = dt.datetime.fromisoformat(m["iso"])
        except ValueError:
            raise _fail(path, value, self.expects) from None
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
class _FloatArray(_Codec):
    """A NumPy float array, written as a JSON array of numbers."""

    expects = "an array of finite numbers"

    def encode(self, value: Any) -> JSON:
        return [_Float().encode(x) for x in value.tolist()]

    def decode(self, value: JSON, path: str) -> Any:
        import numpy as np  # noqa: PLC0415

        if isinstance(value, np.ndarray):
            return value
        items = _List(_Float()).decode(value, path)
        return np.asarray(items, dtype=np.float64)


@final
class _Plain(_Codec):
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
        return _Exact().encode(value)
    if isinstance(value, tuple | list):
        return [_plain_record(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _plain_record(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


@final
class _Citations(_Codec):
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
            raise _fail(path, value, self.expects)
        keys = []
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping) or set(item) != set(self._KEYS):
                raise _fail(where, item, self.expects)
            # short, link and reference are renderings of the key for people; only the key counts.
            key = _Str().decode(item["key"], f"{where}.key")
            for name in ("short", "reference"):
                _Str().decode(item[name], f"{where}.{name}")
            _Opt(_Str()).decode(item["link"], f"{where}.link")
            try:
                citation(key)
            except Vitk2Error as exc:
                raise SerializationError(f"{where}.key: {exc}") from None
            keys.append(key)
        return tuple(keys)


@final
class _SeverityScale(_Codec):
    """InteractionReport schema 1 lists the severity scale; it must be the scale vitk2 knows."""

    expects = "the severity scale of this vitk2"

    def decode(self, value: JSON, path: str) -> Any:
        from vitk2._interactions import Severity  # noqa: PLC0415

        scale = [s.value for s in Severity]
        if not isinstance(value, list | tuple) or list(value) != scale:
            raise _fail(path, value, f"the severity scale {scale}")
        return value


# --- type specs -----------------------------------------------------------------------------

Getter = str | Callable[[Any], Any]


@final
class _Field:
    __slots__ = ("codec", "getter", "name", "optional")

    def __init__(
        self, name: str, codec: _Codec, getter: Getter | None = None, *, optional: bool = False
    ) -> None:
        self.name = name
        self.codec = codec
        self.getter: Getter = name if getter is None else getter
        self.optional = optional

    def get(self, obj: Any) -> Any:
        return getattr(obj, self.getter) if isinstance(self.getter, str) else self.getter(obj)


@final
class _Spec:
    """One serialisable type: its fields, how to build it, and how to check what was read.

    ``build`` receives the decoded fields by JSON name.  ``derive`` types are recomputed from
    their inputs by vitk2 and must then match the record; ``key_field`` types are catalogue
    entries looked up by key (``lookup``) and compared with the record.
    """

    def __init__(
        self,
        name: str,
        module: str,
        fields: Sequence[_Field],
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
        found: type = _attr(self.module, self.cls_name)
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
                f"{', '.join(repr(k) for k in extra)} in a {self.name} "
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
                f"{path}: a {self.name} needs the field{'s' if len(missing) > 1 else ''} "
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
                f"{path}: {key!r} is not the key of a {self.name}; write its key "
                f"{getattr(found, self.key_field)!r}"
            )
            raise SerializationError(msg)
        return found

    def build_from(self, d: Mapping[str, Any], path: str) -> Any:
        if self.lookup is not None:
            key = _Str().decode(d[self.key_field], f"{path}.{self.key_field}")
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
            raise _fail(path, shown, "a string (it is for people, and optional)")
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


def _same_record(spec: _Spec, obj: Any, d: Mapping[str, Any], path: str, where: str) -> None:
    """Refuse a record that differs from what vitk2 holds (catalogue) or recomputes (derived)."""
    expected = spec.encode_fields(obj)
    for f in spec.fields:
        if f.name not in d:
            continue
        given = _plain(d[f.name])
        if given != expected[f.name]:
            msg = (
                f"{path}.{f.name}: the record says {_short(given)}, but this {spec.name} has "
                f"{_short(expected[f.name])} {where}; the record was written from other data "
                "or edited by hand"
            )
            raise SerializationError(msg)


def _short(value: JSON) -> str:
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
    return to_dict(value)


# --- builders and lookups (imported on first use) ---------------------------------------------


def _amount(v: dict[str, Any]) -> Any:
    from vitk2._amounts import Amount  # noqa: PLC0415

    return Amount.from_micrograms(v["vitamer"], v["micrograms"])


def _daily_dose(v: dict[str, Any]) -> Any:
    from vitk2._amounts import DailyDose  # noqa: PLC0415

    return DailyDose.from_micrograms_per_day(v["vitamer"], v["micrograms_per_day"])


def _comparison(v: dict[str, Any]) -> Any:
    from vitk2._amounts import compare  # noqa: PLC0415

    return compare(v["first"], v["second"], by=v["by"])


def _percent(v: dict[str, Any]) -> Any:
    from vitk2._intakes import percent_of_reference  # noqa: PLC0415

    return percent_of_reference(v["dose"], v["reference"])


def _itself(obj: Any) -> Any:
    return obj


def _value(v: dict[str, Any]) -> Any:
    return v["value"]


def _finding(v: dict[str, Any]) -> Any:
    from vitk2._interactions import Finding  # noqa: PLC0415

    fields = {k: x for k, x in v.items() if k != "citations"}
    fields.setdefault("ranks_as", v["severity"])
    return Finding(**fields, sources=v["citations"])


def _report(v: dict[str, Any]) -> Any:
    from vitk2._interactions import InteractionReport, Severity  # noqa: PLC0415

    worst = max((f.ranks_as for f in v["findings"]), default=Severity.NONE)
    if v["overall"] != worst:
        msg = (
            f"InteractionReport.overall: the record says {v['overall'].value!r}, but its worst "
            f"finding is {worst.value!r}; the overall level is always the worst finding"
        )
        raise SerializationError(msg)
    if v["medications_checked"] < 0:
        raise _fail("InteractionReport.medications_checked", v["medications_checked"],
                    "a count of 0 or more")

    return InteractionReport(
        findings=v["findings"],
        overall=v["overall"],
        supplement=v["supplement"],
        medications_checked=v["medications_checked"],
    )


def _dose_event(v: dict[str, Any]) -> Any:
    from vitk2._schedules import DoseEvent  # noqa: PLC0415

    if v["amount"] != v["administration"].amount:
        msg = (
            f"DoseEvent.amount: {v['amount']} is not the amount of its administration "
            f"({v['administration'].amount}); the record contradicts itself"
        )
        raise SerializationError(msg)
    return DoseEvent(v["when"], v["amount"], v["administration"])


def _vitamer_total(v: dict[str, Any]) -> Any:
    from vitk2._diaries import VitamerTotal  # noqa: PLC0415

    for name in ("known", "low", "high"):
        if v[name] is not None and v[name].vitamer != v["vitamer"]:
            msg = f"VitamerTotal.{name}: {v[name]} is not an amount of {v['vitamer'].key}"
            raise SerializationError(msg)
    bad = [i for i in v["unknown_entries"] if not 0 <= i < v["entries"]]
    if bad:
        msg = (
            f"VitamerTotal.unknown_entries: {bad} are not positions in a diary of "
            f"{v['entries']} entries"
        )
        raise SerializationError(msg)
    return VitamerTotal(**v)


def _not_medical_advice(_: object) -> str:
    from vitk2._advice import NOT_MEDICAL_ADVICE  # noqa: PLC0415

    return NOT_MEDICAL_ADVICE


_CHECK_STATUSES: Final = (
    "passed", "flagged", "unchecked: reference is secondary",
    "unchecked: rounding rule is secondary",
)


def _percent_check(v: dict[str, Any]) -> Any:
    from vitk2._labels import PercentCheck  # noqa: PLC0415

    said = {k: v.pop(k) for k in ("reference_grade", "rounding_grade", "sources") if k in v}
    check = PercentCheck(**v)
    for name, given in said.items():
        found = getattr(check, name)
        value = tuple(given) if name == "sources" else given
        if found != value:
            msg = (
                f"PercentCheck.{name}: the record says {value!r}, but this vitk2's citations "
                f"say {found!r}; grades and keys are read from the citations, not stored"
            )
            raise SerializationError(msg)
    return check


def _label_line(v: dict[str, Any]) -> Any:
    from vitk2._labels import VitaminKLine  # noqa: PLC0415

    flagged = v.pop("flagged")
    line = VitaminKLine(**v)
    if line.flagged != flagged:
        msg = (
            f"VitaminKLine.flagged: the record says {flagged!r}, but its check says "
            f"{line.flagged!r}; a line is flagged exactly when its check failed"
        )
        raise SerializationError(msg)
    return line


def _label_report(v: dict[str, Any]) -> Any:
    from vitk2._labels import LabelReport  # noqa: PLC0415

    ok = v.pop("ok")
    v.pop("not_medical_advice")
    report = LabelReport(**v)
    if report.ok != ok:
        msg = (
            f"LabelReport.ok: the record says {ok!r}, but its lines say {report.ok!r}; a report "
            "is ok exactly when no vitamin K line is flagged or unchecked"
        )
        raise SerializationError(msg)
    return report


def _severity_scale(_: object) -> list[str]:
    from vitk2._interactions import Severity  # noqa: PLC0415

    return [s.value for s in Severity]


def _lookup(module: str, function: str) -> Callable[[str], Any]:
    # Resolved on use, so that reading an Amount never imports the food tables.
    def find(key: str) -> Any:
        return _attr(module, function)(key)

    return find


def _trade_name(name: str) -> Any:
    from vitk2._vitamers import trade_names  # noqa: PLC0415

    for t in trade_names():
        if t.name == name:
            return t
    known = ", ".join(t.name for t in trade_names())
    msg = f"{name!r} is not a trade name vitk2 knows; it knows {known}"
    raise SerializationError(msg)


_A: Final = "vitk2._amounts"
_V: Final = "vitk2._vitamers"
_F: Final = "vitk2._food_records"
_FL: Final = "vitk2._food_lookup"
_D: Final = "vitk2._diaries"
_I: Final = "vitk2._intakes"
_S: Final = "vitk2._studies"
_X: Final = "vitk2._interactions"
_SC: Final = "vitk2._schedules"
_PK: Final = "vitk2._pk"
_PKM: Final = "vitk2._pk_models"
_E: Final = "vitk2._export_events"
_L: Final = "vitk2._labels"

_STR: Final = _Str()
_OSTR: Final = _Opt(_STR)
_INT: Final = _Int()
_OINT: Final = _Opt(_INT)
_BOOL: Final = _Bool()
_FLOAT: Final = _Float()
_EXACT: Final = _Exact()
_OEXACT: Final = _Opt(_EXACT)
_STRS: Final = _List(_STR)
_VITAMER: Final = _Ref("Vitamer")
_AMOUNT: Final = _Nested("Amount")
_DOSE: Final = _Nested("DailyDose")
_PARAMETER: Final = _Choice("half-life", "time to peak")
_BASIS: Final = _Choice("mass", "moles")
_PK_MODEL: Final = _Nested("OneCompartmentModel", "TwoCompartmentModel")


def _f(name: str, codec: _Codec, getter: Getter | None = None, *, optional: bool = False) -> _Field:
    return _Field(name, codec, getter, optional=optional)


_SPEC_LIST: Final[tuple[_Spec, ...]] = (
    # amounts -----------------------------------------------------------------------------
    _Spec("Amount", _A, [_f("vitamer", _VITAMER), _f("micrograms", _EXACT)],
          build=_amount, display=True, read_display=_lookup(_A, "parse_amount")),
    _Spec("DailyDose", _A, [_f("vitamer", _VITAMER), _f("micrograms_per_day", _EXACT)],
          build=_daily_dose, display=True, read_display=_lookup(_A, "parse_daily_dose")),
    _Spec("Comparison", _A, [
        _f("first", _Nested("Amount", "DailyDose")), _f("second", _Nested("Amount", "DailyDose")),
        _f("by", _BASIS), _f("ratio", _EXACT),
    ], build=_comparison, derived=True, display=True),
    # vitamers and citations --------------------------------------------------------------
    _Spec("Identifiers", _V, [
        _f("cas", _OSTR), _f("pubchem_cid", _OINT), _f("chebi", _OSTR), _f("unii", _OSTR),
        _f("atc", _OSTR), _f("sources", _STRS),
    ]),
    _Spec("PharmacokineticValue", _V, [
        _f("parameter", _PARAMETER), _f("hours", _FLOAT), _f("low_hours", _FLOAT),
        _f("high_hours", _FLOAT), _f("context", _STR), _f("sources", _STRS), _f("note", _OSTR),
    ]),
    _Spec("Vitamer", _V, [
        _f("key", _STR), _f("name", _STR), _f("family", _STR), _f("formula", _STR),
        _f("isoprenyl_units", _OINT), _f("molar_mass_g_per_mol", _EXACT),
        _f("synonyms", _STRS), _f("identifiers", _Nested("Identifiers")),
        _f("pharmacokinetics", _List(_Nested("PharmacokineticValue"))),
        _f("human_supplement", _BOOL), _f("note", _OSTR), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_V, "vitamer")),
    _Spec("TradeName", _V, [
        _f("name", _STR), _f("aliases", _STRS), _f("vitamer", _VITAMER), _f("maker", _STR),
        _f("status", _Choice("primary", "secondary")), _f("sources", _STRS),
        _f("evidence", _STR),
    ], key_field="name", lookup=_trade_name),
    _Spec("VitamerPhrase", _V, [
        _f("text", _STR), _f("vitamer", _VITAMER), _f("form_words", _STRS),
        _f("descriptors", _STRS), _f("origin", _OSTR), _f("trade_name", _Opt(_Ref("TradeName"))),
        _f("isomer", _Opt(_Choice("all-trans"))), _f("sources", _STRS),
    ]),
    _Spec("Citation", "vitk2._sources", [
        _f("key", _STR), _f("kind", _STR), _f("authors", _STR), _f("year", _INT),
        _f("title", _STR), _f("container", _STR), _f("doi", _OSTR), _f("pmid", _OSTR),
        _f("url", _OSTR), _f("note", _OSTR),
    ]),
    # foods -------------------------------------------------------------------------------
    _Spec("ContentMeasurement", _F, [
        _f("vitamer", _VITAMER), _f("micrograms_per_100g", _EXACT), _f("sources", _STRS),
        _f("data_points", _OINT), _f("source_code", _OSTR), _f("source_meaning", _OSTR),
        _f("derivation_code", _OSTR), _f("derivation_meaning", _OSTR),
        _f("reference_food", _OSTR), _f("sample_min", _OEXACT), _f("sample_max", _OEXACT),
        _f("sample", _OSTR), _f("location", _OSTR), _f("note", _OSTR),
    ]),
    _Spec("FoodContent", _F, [
        _f("food_id", _STR), _f("vitamer", _VITAMER),
        _f("measurements", _List(_Nested("ContentMeasurement"))),
    ]),
    _Spec("HouseholdMeasure", _F, [
        _f("amount", _EXACT), _f("description", _STR), _f("grams", _EXACT),
        _f("data_points", _OINT),
    ]),
    _Spec("Food", _F, [
        _f("id", _STR), _f("description", _STR), _f("short_description", _OSTR),
        _f("common_names", _OSTR), _f("group_code", _OSTR), _f("group", _OSTR),
        _f("measures", _List(_Nested("HouseholdMeasure"))),
        _f("contents", _List(_Nested("FoodContent"))),
        _f("origin", _STR), _f("sources", _STRS),
    ], key_field="id", lookup=_lookup(_FL, "food")),
    _Spec("DiaryEntry", _D, [_f("food", _Ref("Food")), _f("grams", _EXACT), _f("portion", _STR)]),
    _Spec("Diary", _D, [_f("entries", _List(_Nested("DiaryEntry")))]),
    _Spec("VitamerTotal", _D, [
        _f("vitamer", _VITAMER), _f("known", _Opt(_AMOUNT)), _f("low", _Opt(_AMOUNT)),
        _f("high", _Opt(_AMOUNT)), _f("unknown_entries", _List(_INT)), _f("entries", _INT),
    ], build=_vitamer_total),
    _Spec("DiaryTotals", _D, [_f("per_vitamer", _List(_Nested("VitamerTotal")))]),
    # intakes -----------------------------------------------------------------------------
    _Spec("Authority", _I, [
        _f("key", _STR), _f("name", _STR), _f("kinds", _STR), _f("aliases", _STRS),
        _f("shipped", _BOOL), _f("note", _STR),
    ], key_field="key", lookup=_lookup(_I, "authority")),
    _Spec("LifeStage", _I, [
        _f("from_months", _INT), _f("to_months", _OINT),
        _f("sex", _Opt(_Choice("female", "male"))),
        _f("condition", _Opt(_Choice("pregnancy", "lactation"))),
    ]),
    _Spec("ReferenceIntake", _I, [
        _f("authority", _Ref("Authority")), _f("life_stage", _Nested("LifeStage")),
        _f("kind", _STR), _f("value", _Opt(_DOSE)), _f("per_kg_body_weight", _OEXACT),
        _f("body_weight_kg", _OEXACT), _f("sources", _STRS), _f("note", _OSTR),
    ]),
    _Spec("UpperLimit", _I, [
        _f("authority", _Ref("Authority")), _f("status", _Choice("not established", "unknown")),
        _f("guidance", _Opt(_DOSE)), _f("sources", _STRS), _f("note", _STR),
    ]),
    _Spec("PercentOfReference", _I, [
        _f("dose", _DOSE), _f("reference", _Nested("ReferenceIntake")), _f("percent", _EXACT),
        _f("same_vitamer", _BOOL), _f("note", _STR),
    ], build=_percent, derived=True),
    # studies -----------------------------------------------------------------------------
    _Spec("Division", _S, [
        _f("administrations", _INT), _f("per", _Choice("day", "week")), _f("each", _AMOUNT),
    ]),
    _Spec("Study", _S, [
        _f("key", _STR), _f("trial", _STR), _f("sources", _STRS), _f("daily_dose", _DOSE),
        _f("division", _Opt(_Nested("Division"))), _f("duration", _STR),
        _f("population", _STR), _f("n_randomized", _OINT), _f("outcomes", _STRS),
        _f("finding", _STR), _f("note", _OSTR),
    ]),
    _Spec("DoseInContext", _S, [
        _f("dose", _DOSE), _f("by", _Choice("vitamer", "mass", "moles")), _f("tolerance", _EXACT),
        _f("less", _List(_Nested("Study"))), _f("about_same", _List(_Nested("Study"))),
        _f("more", _List(_Nested("Study"))),
    ]),
    # interactions ------------------------------------------------------------------------
    _Spec("Severity", _X, [_f("value", _Enum(_X, "Severity"), _itself)], build=_value),
    _Spec("Direction", _X, [_f("value", _Enum(_X, "Direction"), _itself)], build=_value),
    _Spec("Substance", _X, [
        _f("key", _STR), _f("name", _STR), _f("interaction", _Plain()),
        _f("synonyms", _STRS), _f("salts", _STRS), _f("brands", _Plain()),
        _f("identifiers", _Plain()), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_X, "substance")),
    _Spec("Finding", _X, [
        _f("input", _STR), _f("substance", _OSTR), _f("substance_name", _OSTR),
        _f("matched_as", _OSTR), _f("severity", _Enum(_X, "Severity")),
        _f("direction", _Enum(_X, "Direction")), _f("mechanism", _STR), _f("advice", _STR),
        _f("evidence", _STR),
        # Added to report schema 1 after it first shipped: optional on input (ranks_as then
        # defaults to severity, did_you_mean to none), always written.
        _f("ranks_as", _Enum(_X, "Severity"), optional=True),
        _f("did_you_mean", _STRS, optional=True),
        _f("citations", _Citations(), "sources"),
    ], build=_finding),
    # Schema 1 of InteractionReport predates this module (see InteractionReport.to_dict); its
    # findings carry no header, and it lists the severity scale and the not-medical-advice text.
    _Spec("InteractionReport", _X, [
        _f("overall", _Enum(_X, "Severity")),
        _f("severity_scale", _SeverityScale(), _severity_scale),
        _f("supplement", _OSTR), _f("medications_checked", _INT),
        _f("findings", _List(_Bare("Finding"))),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ], build=_report),
    # schedules ---------------------------------------------------------------------------
    _Spec("MealAnchor", _SC, [
        _f("meal", _Opt(_Choice("breakfast", "lunch", "dinner"))),
        _f("relation", _Choice("before", "with", "after")), _f("fat_containing", _BOOL),
    ]),
    _Spec("UnitCount", _SC, [_f("count", _INT), _f("strength", _AMOUNT)]),
    _Spec("Administration", _SC, [
        _f("anchor", _Anchor()), _f("amount", _AMOUNT), _f("units", _List(_Nested("UnitCount"))),
    ]),
    _Spec("Schedule", _SC, [
        _f("administrations", _List(_Nested("Administration"))), _f("requested", _DOSE),
    ], display=True),
    _Spec("DoseEvent", _SC, [
        _f("when", _DateTime()), _f("amount", _AMOUNT),
        _f("administration", _Nested("Administration")),
    ], build=_dose_event),
    # pharmacokinetics --------------------------------------------------------------------
    _Spec("PKParameter", _PKM, [
        _f("parameter", _PARAMETER), _f("hours", _FLOAT), _f("low_hours", _FLOAT),
        _f("high_hours", _FLOAT), _f("sources", _STRS), _f("assumption", _OSTR),
    ]),
    _Spec("OneCompartmentModel", _PKM, [
        _f("vitamer", _VITAMER), _f("half_life", _Nested("PKParameter")),
        _f("time_to_peak", _Nested("PKParameter")),
    ]),
    _Spec("TwoCompartmentModel", _PKM, [
        _f("vitamer", _VITAMER), _f("distribution_half_life", _Nested("PKParameter")),
        _f("half_life", _Nested("PKParameter")), _f("time_to_peak", _Nested("PKParameter")),
        _f("terminal_fraction", _FLOAT),
    ]),
    _Spec("PKMetrics", _PK, [
        _f("schedule", _Nested("Schedule")), _f("model", _PK_MODEL),
        _f("accumulation_ratio", _FLOAT), _f("time_to_90_percent_hours", _FLOAT),
        _f("peak", _FLOAT), _f("trough", _FLOAT), _f("average", _FLOAT),
    ]),
    _Spec("ScheduleComparison", _PK, [_f("metrics", _List(_Nested("PKMetrics")))]),
    _Spec("Simulation", _PK, [
        _f("schedule", _Nested("Schedule")), _f("model", _PK_MODEL),
        _f("reference", _AMOUNT), _f("hours", _FloatArray()),
        _f("concentration", _FloatArray()),
    ]),
    # exports -----------------------------------------------------------------------------
    _Spec("EventRow", _E, [
        _f("time", _EXACT), _f("amt", _EXACT), _f("ii", _INT), _f("addl", _INT),
        _f("evid", _INT), _f("cmt", _INT),
    ]),
    _Spec("EventTable", _E, [
        _f("rows", _List(_Nested("EventRow"))), _f("amount_unit", _STR), _f("vitamer", _STR),
        _f("time_unit", _STR),
    ]),
    # supplement labels -------------------------------------------------------------------
    _Spec("LabelReference", _L, [
        _f("key", _STR), _f("name", _STR), _f("micrograms", _EXACT), _f("percent_label", _STR),
        _f("region", _Choice("us", "eu")), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_L, "_reference")),
    _Spec("PercentRounding", _L, [
        _f("key", _STR), _f("description", _STR), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_L, "_rounding")),
    _Spec("DeclaredPercent", _L, [
        _f("text", _STR), _f("kind", _Choice("percent", "less than 1%", "not established")),
        _f("value", _OEXACT), _f("places", _INT),
    ]),
    _Spec("PercentCheck", _L, [
        _f("reference", _Ref("LabelReference")), _f("rounding", _Ref("PercentRounding")),
        _f("declared", _Nested("DeclaredPercent")), _f("exact_percent", _EXACT),
        _f("low", _EXACT), _f("high", _EXACT), _f("passed", _BOOL), _f("problem", _OSTR),
        _f("fits", _STRS),
        # Added to schema 1 after it first shipped: optional on input (status then follows
        # from passed; the grades and keys are read from this vitk2's citations), always written.
        _f("status", _Choice(*_CHECK_STATUSES), optional=True),
        _f("reference_grade", _Choice("primary", "secondary"), optional=True),
        _f("rounding_grade", _Choice("primary", "secondary"), optional=True),
        _f("sources", _STRS, optional=True),
    ], build=_percent_check),
    _Spec("VitaminKLine", _L, [
        _f("line_number", _INT), _f("raw", _STR), _f("name", _STR), _f("amount_text", _STR),
        _f("micrograms", _EXACT), _f("vitamer", _Opt(_VITAMER)),
        _f("form_status", _Choice("declared", "mixture", "not declared", "not recognised")),
        _f("form_text", _OSTR), _f("percent", _Opt(_Nested("DeclaredPercent"))),
        _f("check", _Opt(_Nested("PercentCheck"))), _f("sources", _STRS),
        _f("mixture", _List(_VITAMER)), _f("flagged", _BOOL),
    ], build=_label_line),
    _Spec("OtherLine", _L, [
        _f("line_number", _INT), _f("raw", _STR),
        _f("kind", _Choice("title", "header", "serving", "footnote", "nutrient", "ingredients",
                           "text")),
    ]),
    _Spec("UnreadLine", _L, [_f("line_number", _INT), _f("raw", _STR), _f("reason", _STR)]),
    _Spec("LabelReport", _L, [
        _f("region", _Opt(_Choice("us", "eu"))), _f("panel", _OSTR), _f("serving", _OSTR),
        _f("decimal", _Opt(_Choice(".", ","))), _f("reference", _Opt(_Ref("LabelReference"))),
        _f("rounding", _Opt(_Ref("PercentRounding"))), _f("ok", _BOOL),
        _f("vitamin_k", _List(_Nested("VitaminKLine"))), _f("other", _List(_Nested("OtherLine"))),
        _f("unread", _List(_Nested("UnreadLine"))),
        _f("require_primary", _BOOL, optional=True),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ], build=_label_report),
)

_SPECS: Final[dict[str, _Spec]] = {s.name: s for s in _SPEC_LIST}

EXCLUDED: Final[Mapping[str, str]] = {
    "BulkTotals": (
        "the NumPy bulk path's result: float arrays per vitamer for up to millions of rows; "
        "write its arrays with NumPy or pandas, or use Diary for exact, serialisable totals"
    ),
    "BadRow": (
        "one row of a CohortInputError's report (index label, column, value, reason): part of "
        "an error, not a value to store; write the corrected records instead"
    ),
    "UnknownEntries": (
        "a read-only view of DiaryTotals.unknown, rebuilt from the per-vitamer totals; "
        "write the DiaryTotals it belongs to"
    ),
    "ExponentialTerm": (
        "derived from a model's parameters (the model's terms are recomputed from them); "
        "write the OneCompartmentModel or TwoCompartmentModel"
    ),
    "PKModel": (
        "a protocol that models implement, not a value; the packaged models have a JSON form"
    ),
}
"""Public classes deliberately left without a JSON form, and why (errors and warnings aside)."""

_BY_CLASS: dict[type, _Spec] = {}


def _spec_of(obj: object) -> _Spec:
    cls = type(obj)
    spec = _BY_CLASS.get(cls)
    if spec is not None:
        return spec
    for candidate in _SPEC_LIST:
        if candidate.cls_name == cls.__name__ and candidate.cls() is cls:
            _BY_CLASS[cls] = candidate
            return candidate
    msg = (
        f"{type(obj).__name__} {_short(obj)} has no vitk2 JSON form; vitk2 writes its own "
        f"values ({', '.join(sorted(_SPECS))}) and plain JSON values"
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
    return _decode(d, None, None)


def from_dict_as(d: Mapping[str, Any], type_name: str) -> Any:
    """Like :func:`from_dict`, but refuses a record of any other type (for ``Cls.from_dict``)."""
    return _decode(d, None, (type_name,))


def _decode(d: object, path: str | None, expected: Sequence[str] | None) -> Any:
    where = path or "the JSON object"
    if not isinstance(d, Mapping):
        raise _fail(where, d, "a JSON object with 'type' and 'schema_version'")
    name = d.get("type")
    if "type" not in d:
        msg = f"{where}: no 'type' field; vitk2 objects name their type, such as 'Amount'"
        raise SerializationError(msg)
    if not isinstance(name, str) or name not in _SPECS:
        msg = (
            f"{where}: unknown type {name!r}; vitk2 reads: {', '.join(sorted(_SPECS))}"
        )
        raise SerializationError(msg)
    if expected is not None and name not in expected:
        msg = f"{where}: expected {' or '.join(expected)}, not {name}"
        raise SerializationError(msg)
    spec = _SPECS[name]
    path = path or name
    version = d.get("schema_version")
    if "schema_version" not in d:
        msg = f"{path}: no 'schema_version' field; this vitk2 writes {name} version {spec.version}"
        raise SerializationError(msg)
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(f"{path}.schema_version", version, "a whole number")
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
    return tuple(_SPECS)
