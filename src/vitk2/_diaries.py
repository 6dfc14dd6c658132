"""Diaries: foods eaten in portions, totalled exactly per vitamer, honest about unknowns."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, final, overload

import attrs

from vitk2._amounts import Amount
from vitk2._errors import FoodInputError, NotFoundError, Vitk2Error
from vitk2._food_lookup import food
from vitk2._food_records import FOOD_VITAMERS, Food, FoodContent
from vitk2._portions import CACHED_TEXT, portion_grams, portion_text
from vitk2._units import format_number
from vitk2._vitamers import Vitamer, vitamer

if TYPE_CHECKING:
    from vitk2._intake_percent import PercentOfReference
    from vitk2._intake_records import ReferenceIntake

__all__ = [
    "Diary",
    "DiaryEntry",
    "DiaryTotals",
    "UnknownEntries",
    "VitamerTotal",
]

_T = TypeVar("_T")
_HUNDRED: Final = Fraction(100)


@final
@attrs.frozen(kw_only=True)
class DiaryEntry:
    """One food eaten in a portion, with its exact weight in grams."""

    food: Food = attrs.field()
    grams: Fraction = attrs.field()
    portion: str = attrs.field()
    """The portion as given (``"1 cup"``, ``"30 g"``)."""

    @food.validator
    def _check_food(self, _: object, value: object) -> None:
        if not isinstance(value, Food):
            msg = f"food={value!r} is not a Food; look one up with food('11233')"
            raise FoodInputError(msg)

    @grams.validator
    def _check_grams(self, _: object, value: object) -> None:
        if not isinstance(value, Fraction) or value.numerator < 0:
            msg = f"grams={value!r} is not accepted; give a Fraction of grams, not negative"
            raise FoodInputError(msg)

    @portion.validator
    def _check_portion(self, _: object, value: object) -> None:
        if not isinstance(value, str):
            msg = f"portion={value!r} is not accepted; give the portion text, such as '30 g'"
            raise FoodInputError(msg)

    def __str__(self) -> str:
        """``1 cup (175 g) Natto``."""
        return f"{self.portion} ({format_number(self.grams)} g) {self.food.description}"


@final
@attrs.frozen(kw_only=True)
class VitamerTotal:
    """The total of one vitamer over a diary, honest about entries whose content is unknown.

    ``known`` sums the entries with a value (``None`` when no entry has one); when some
    entries are unknown it is a lower bound (``is_lower_bound``).  ``low`` and ``high`` sum the
    lowest and highest source values of each known entry.
    """

    vitamer: Vitamer
    known: Amount | None
    low: Amount | None
    high: Amount | None
    unknown_entries: tuple[int, ...]
    """Positions (0-based) of the diary entries whose content of this vitamer is unknown."""
    entries: int

    @property
    def is_complete(self) -> bool:
        """True when every entry's content is known, so ``known`` is the total."""
        return not self.unknown_entries

    @property
    def is_lower_bound(self) -> bool:
        """True when some entries are unknown and others known: the total is at least ``known``."""
        return bool(self.unknown_entries) and self.known is not None

    def __str__(self) -> str:
        """``at least 12.5 µg MK-4 (unknown for 1 of 3 entries)``."""
        n = len(self.unknown_entries)
        if self.known is None:
            return f"{self.vitamer.key} unknown ({n} of {self.entries} entries unknown)"
        if n:
            return f"at least {self.known} (unknown for {n} of {self.entries} entries)"
        return str(self.known)


@final
@attrs.frozen(kw_only=True)
class DiaryTotals:
    """Totals per vitamer of a :class:`Diary`; index it by vitamer (or its name).

    Iterating gives the :class:`VitamerTotal` of each vitamer; ``in`` answers for a vitamer,
    its name, or a :class:`VitamerTotal`, consistently with indexing.

    >>> t = Diary.of(("Natto", "1 cup"), ("Kale, raw", "30 g")).totals()
    >>> str(t["K1"]), str(t["MK-7"])
    ('251.865 µg K1', 'at least 1.64325 mg MK-7 (unknown for 1 of 2 entries)')
    >>> t.unknown["MK-7"], t.unknown.get("MK-7"), "MK-7" in t.unknown, "K1" in t.unknown
    ((1,), (1,), True, False)
    """

    per_vitamer: tuple[VitamerTotal, ...]

    def _find(self, key: object) -> VitamerTotal | None:
        v = _vitamer_or_none(key)
        for t in self.per_vitamer:
            if t.vitamer == v:
                return t
        return None

    def __getitem__(self, key: Vitamer | str) -> VitamerTotal:
        """The total for a vitamer."""
        found = self._find(key)
        if found is None:
            v = vitamer(key)  # an unknown name raises UnknownVitamerError, with suggestions
            tracked = ", ".join(t.vitamer.key for t in self.per_vitamer)
            msg = f"{v.key} is not tracked by these totals; they track {tracked}"
            raise NotFoundError(msg)
        return found

    def __contains__(self, key: object) -> bool:
        """True for a tracked vitamer (or its name), or for one of the totals."""
        if isinstance(key, VitamerTotal):
            return key in self.per_vitamer
        return self._find(key) is not None

    def __iter__(self) -> Iterator[VitamerTotal]:
        """Iterate over the per-vitamer totals."""
        return iter(self.per_vitamer)

    def __len__(self) -> int:
        """The number of vitamers totalled."""
        return len(self.per_vitamer)

    @property
    def unknown(self) -> UnknownEntries:
        """Which entries were unknown, by vitamer (only vitamers with unknown entries)."""
        return UnknownEntries(
            {t.vitamer: t.unknown_entries for t in self.per_vitamer if t.unknown_entries}
        )


def _vitamer_or_none(key: object) -> Vitamer | None:
    """The vitamer *key* names, or None for anything that names none (for ``in`` and get)."""
    if isinstance(key, Vitamer):
        return key
    if not isinstance(key, str):
        return None
    try:
        return vitamer(key)
    except Vitk2Error:
        return None


@final
class UnknownEntries(Mapping[Vitamer, tuple[int, ...]]):
    """An immutable mapping from vitamer to the positions of entries with unknown content.

    Keys are :class:`Vitamer` objects; any name :func:`~vitk2.vitamer` reads works for
    ``[]``, ``get`` and ``in`` alike, so the mapping answers the same whichever way it is asked.
    A vitamer without unknown entries is not a key: ``[]`` raises :class:`NotFoundError`
    (a :class:`LookupError`), ``get`` gives the default and ``in`` is False.

    >>> u = Diary.of(("Natto", "1 cup"), ("Kale, raw", "30 g")).totals().unknown
    >>> u[vitamer("MK-7")] == u["MK-7"] == u.get("menaquinone-7") == (1,)
    True
    >>> "K1" in u, u.get("K1"), u.get("K1", ())
    (False, None, ())
    """

    __slots__ = ("_data",)
    _data: dict[Vitamer, tuple[int, ...]]

    def __init__(self, data: Mapping[Vitamer, tuple[int, ...]] | None = None) -> None:
        """Freeze *data* (vitamer -> positions) into the mapping."""
        frozen: dict[Vitamer, tuple[int, ...]] = {}
        for k, v in (data or {}).items():
            if not isinstance(k, Vitamer):
                msg = f"key {k!r} is not a Vitamer; give vitk2 vitamers such as vitamer('MK-7')"
                raise FoodInputError(msg)
            positions = tuple(v)
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in positions):
                msg = f"{k.key}: {v!r} are not entry positions; give whole numbers"
                raise FoodInputError(msg)
            frozen[k] = positions
        object.__setattr__(self, "_data", frozen)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: the mapping is immutable."""
        msg = f"UnknownEntries is immutable; cannot set {name!r}"
        raise AttributeError(msg)

    def __getitem__(self, key: object) -> tuple[int, ...]:
        """The positions for a vitamer (or its name) with unknown entries."""
        v = _vitamer_or_none(key)
        if v is not None and v in self._data:
            return self._data[v]
        if v is None and isinstance(key, str):
            vitamer(key)  # raises UnknownVitamerError with suggestions
        have = ", ".join(k.key for k in self._data) or "none"
        msg = f"{key!r} has no unknown entries here; vitamers with unknown entries: {have}"
        raise NotFoundError(msg)

    @overload
    def get(self, key: object, /) -> tuple[int, ...] | None: ...
    @overload
    def get(self, key: object, /, default: tuple[int, ...] | _T) -> tuple[int, ...] | _T: ...

    def get(self, key: object, /, default: object = None) -> object:
        """The positions for *key*, or *default* when it has none."""
        v = _vitamer_or_none(key)
        return self._data.get(v, default) if v is not None else default

    def __contains__(self, key: object) -> bool:
        """True when *key* (a vitamer or its name) has unknown entries."""
        v = _vitamer_or_none(key)
        return v is not None and v in self._data

    def __iter__(self) -> Iterator[Vitamer]:
        """The vitamers with unknown entries."""
        return iter(self._data)

    def __len__(self) -> int:
        """The number of vitamers with unknown entries."""
        return len(self._data)

    def __hash__(self) -> int:
        """Hash of the frozen contents (equal mappings hash equal)."""
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        """``UnknownEntries({'MK-7': (1,)})``."""
        return f"UnknownEntries({ {k.key: v for k, v in self._data.items()} !r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by contents."""
        return (UnknownEntries, (self._data,))


def _food_of(item: Food | str | int) -> Food:
    return item if isinstance(item, Food) else food(item)


_ENTRY_CACHE_SIZE: Final = 65_536
_entry_cache: dict[tuple[int, str], DiaryEntry] = {}


def _entry(f: Food, portion: object) -> DiaryEntry:
    """The diary entry for *portion* of *f*, shared by repeats of the same (food, portion).

    Entries are values, and diaries repeat their rows: sharing saves time and memory on large
    files.  Keyed by the food object, as for the measure cache.
    """
    if not isinstance(portion, str) or len(portion) > CACHED_TEXT:
        return DiaryEntry(food=f, grams=portion_grams(f, portion), portion=portion_text(portion))
    key = (id(f), portion)
    hit = _entry_cache.get(key)
    if hit is not None and hit.food is f:
        return hit
    entry = DiaryEntry(food=f, grams=portion_grams(f, portion), portion=portion_text(portion))
    if len(_entry_cache) >= _ENTRY_CACHE_SIZE:
        _entry_cache.clear()
    _entry_cache[key] = entry
    return entry


class _Buffer:
    """The append-only list behind a chain of diaries; each diary sees a prefix of it."""

    __slots__ = ("items", "lock")

    def __init__(self, items: list[DiaryEntry]) -> None:
        self.items = items
        self.lock = threading.Lock()


@final
class Diary:
    """A meal or a food diary: (food, portion) entries, totalled per vitamer.

    Diaries are values: :meth:`add` and :meth:`extend` return a new diary and leave this one
    as it was.  Building is linear: a diary shares its entries with the diaries made from it,
    so ``d = d.add(...)`` in a loop costs O(1) per entry (amortised), not a copy of the diary.

    >>> d = Diary().add("01009", "1 oz").add(food("Butter, salted"), "1 tbsp")
    >>> len(d), str(d.totals()["MK-4"])
    (2, 'at least 2.43805898875 µg MK-4 (unknown for 1 of 2 entries)')
    >>> Diary().add("11233", "30 g") == Diary.of(("11233", "30 g"))
    True
    """

    __slots__ = ("_buffer", "_entries", "_length")
    _buffer: _Buffer
    _length: int
    _entries: tuple[DiaryEntry, ...] | None

    def __init__(self, entries: Iterable[DiaryEntry] = ()) -> None:
        """A diary of :class:`DiaryEntry` values (use :meth:`of` or :meth:`add` for pairs)."""
        if isinstance(entries, str | bytes | Mapping) or not isinstance(entries, Iterable):
            msg = f"entries={entries!r} is not accepted; give DiaryEntry values, or use Diary.of()"
            raise FoodInputError(msg)
        items = tuple(entries)
        for e in items:
            if not isinstance(e, DiaryEntry):
                msg = (
                    f"{e!r} is not a DiaryEntry; give DiaryEntry values, or (food, portion) "
                    "pairs to Diary.of()"
                )
                raise FoodInputError(msg)
        self._set(_Buffer(list(items)), len(items), items)

    def _set(self, buffer: _Buffer, length: int, entries: tuple[DiaryEntry, ...] | None) -> None:
        object.__setattr__(self, "_buffer", buffer)
        object.__setattr__(self, "_length", length)
        object.__setattr__(self, "_entries", entries)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a diary is a value; :meth:`add` returns a new one."""
        msg = f"a Diary is immutable; cannot set {name!r} (add() returns a new diary)"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Refuse: a diary is a value."""
        msg = f"a Diary is immutable; cannot delete {name!r}"
        raise AttributeError(msg)

    @property
    def entries(self) -> tuple[DiaryEntry, ...]:
        """The entries, in the order they were added."""
        if self._entries is None:
            with self._buffer.lock:
                entries = tuple(self._buffer.items[: self._length])
            object.__setattr__(self, "_entries", entries)
            return entries
        return self._entries

    @classmethod
    def of(cls, *pairs: tuple[Food | str | int, object]) -> Diary:
        """A diary from (food, portion) pairs.

        >>> len(Diary.of(("11233", "1 cup"), ("16113", "85 g")))
        2
        """
        return cls().extend(pairs)

    def add(self, item: Food | str | int, portion: object) -> Diary:
        """A new diary with one more entry; the food is looked up as by :func:`food`."""
        return self._with([_entry(_food_of(item), portion)])

    def extend(self, pairs: Iterable[tuple[Food | str | int, object]]) -> Diary:
        """A new diary with more entries; nothing is added if any entry is bad.

        >>> Diary().extend([("11233", "30 g"), ("11233", "-1 g")])
        Traceback (most recent call last):
        ...
        vitk2.InvalidAmountError: ...
        """
        if isinstance(pairs, str | bytes | Mapping) or not isinstance(pairs, Iterable):
            msg = f"{pairs!r} is not accepted; give (food, portion) pairs like [('11233', '30 g')]"
            raise FoodInputError(msg)
        new = []
        for pair in pairs:
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                msg = f"diary entry {pair!r} is not a (food, portion) pair like ('11233', '30 g')"
                raise FoodInputError(msg)
            item, portion = pair
            new.append(_entry(_food_of(item), portion))
        return self._with(new)

    def _with(self, new: list[DiaryEntry]) -> Diary:
        """This diary plus *new*: appended in place when this diary is the buffer's newest."""
        buffer = self._buffer
        with buffer.lock:
            if len(buffer.items) == self._length:
                buffer.items.extend(new)
            else:  # an older diary grows a new branch: copy its prefix once
                buffer = _Buffer([*buffer.items[: self._length], *new])
        out = object.__new__(Diary)
        out._set(buffer, self._length + len(new), None)
        return out

    def __len__(self) -> int:
        """The number of entries."""
        return self._length

    def __eq__(self, other: object) -> bool:
        """Diaries are equal when their entries are."""
        if isinstance(other, Diary):
            return self._length == other._length and self.entries == other.entries
        return NotImplemented

    def __hash__(self) -> int:
        """Hash of the entries."""
        return hash(self.entries)

    def __repr__(self) -> str:
        """``Diary(entries=(...))``."""
        return f"Diary(entries={self.entries!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by entries."""
        return (Diary, (self.entries,))

    def percent_of_reference(
        self, reference: ReferenceIntake, *, by: Literal["basis", "mass"] = "basis"
    ) -> PercentOfReference:
        """This diary, read as one day's eating, as a percentage of a reference intake.

        Counted as the reference counts (``by="basis"``: its vitamers, with its conversion;
        what it does not count is ``left_out``, and a counted vitamer whose content is unknown
        for an entry makes the percentage a lower bound), or as a plain total by mass
        (``by="mass"``).  The same as :func:`~vitk2.percent_of_reference` with the diary.

        >>> from vitk2 import reference_intake
        >>> day = Diary.of(("Kale, raw", "50 g"), ("Cheese, cheddar", "1 oz"))
        >>> p = day.percent_of_reference(reference_intake("IOM", age_years=40, sex="male"))
        >>> f"{float(p.percent):.1f}", [d.vitamer.key for d in p.left_out][:3]
        ('294.2', ['dihydro-K1', 'MK-4', 'MK-5'])
        """
        from vitk2._intake_percent import percent_of_reference  # noqa: PLC0415 - another area

        return percent_of_reference(self, reference, by=by)

    def totals(self, vitamers: Iterable[Vitamer | str] | str = FOOD_VITAMERS) -> DiaryTotals:
        """Exact totals per vitamer, with the entries whose content is unknown.

        Linear in the number of entries: grams are summed exactly per food first, then
        multiplied by each food's content once.

        >>> Diary().totals()["K1"].known
        Amount('K1', '0 µg')
        >>> str(Diary.of(("11233", "30 g")).totals("K1")["K1"])
        '211.44 µg K1'
        """
        if isinstance(vitamers, str):
            vitamers = (vitamers,)
        if isinstance(vitamers, Mapping) or not isinstance(vitamers, Iterable):
            msg = f"vitamers={vitamers!r} is not accepted; give vitamers such as ['K1', 'MK-7']"
            raise FoodInputError(msg)
        keys = tuple(dict.fromkeys(vitamer(k) for k in vitamers))
        entries = self.entries
        unknown: list[list[int]] = [[] for _ in keys]
        # Per food object (not id: a caller's own Food may share a catalogue id): the lists its
        # entries are unknown in, and its grams as integer numerators per denominator.
        targets: dict[int, tuple[list[int], ...]] = {}
        grams_by_food: dict[int, dict[int, int]] = {}
        contents: dict[int, list[FoodContent | None]] = {}
        for i, e in enumerate(entries):
            key = id(e.food)
            lists = targets.get(key)
            if lists is None:
                by_vitamer = {c.vitamer: c for c in e.food.contents if c.known}
                known_here = contents[key] = [by_vitamer.get(v) for v in keys]
                grams_by_food[key] = {}
                lists = targets[key] = tuple(
                    unknown[j] for j, c in enumerate(known_here) if c is None
                )
            for positions in lists:
                positions.append(i)
            g = e.grams
            sums = grams_by_food[key]
            sums[g.denominator] = sums.get(g.denominator, 0) + g.numerator
        # known, low and high per vitamer, as integer numerators per denominator (exact)
        acc: list[tuple[dict[int, int], ...]] = [({}, {}, {}) for _ in keys]
        for key, known_here in contents.items():
            grams = _exact_sum(grams_by_food[key])
            for j, c in enumerate(known_here):
                if c is None:
                    continue
                ug = c.micrograms_per_100g
                assert ug is not None
                assert c.low is not None
                assert c.high is not None
                for value, into in zip((ug, c.low, c.high), acc[j], strict=True):
                    den = value.denominator * grams.denominator
                    into[den] = into.get(den, 0) + value.numerator * grams.numerator
        out = []
        for j, v in enumerate(keys):
            known, low, high = (_exact_sum(a) / _HUNDRED for a in acc[j])
            none_known = len(unknown[j]) == len(entries) and bool(entries)
            out.append(
                VitamerTotal(
                    vitamer=v,
                    known=None if none_known else Amount.from_micrograms(v, known),
                    low=None if none_known else Amount.from_micrograms(v, low),
                    high=None if none_known else Amount.from_micrograms(v, high),
                    unknown_entries=tuple(unknown[j]),
                    entries=len(entries),
                )
            )
        return DiaryTotals(per_vitamer=tuple(out))


def _exact_sum(numerators: Mapping[int, int]) -> Fraction:
    """The exact sum of numerator/denominator terms given as {denominator: summed numerator}."""
    if not numerators:
        return Fraction(0)
    common = math.lcm(*numerators)
    return Fraction(sum(n * (common // d) for d, n in numerators.items()), common)


