"""The Dutch food table NEVO (RIVM), read from the user's own download into vitk2's food records.

vitk2 does not ship NEVO: RIVM keeps all rights to the Dutch Food Composition Database and
allows its information to be used unmodified, with its source and version named (docs/foods.md,
"NEVO").  :func:`load_nevo` reads the pipe-separated export of NEVO-online 2021 (version 7.0)
that RIVM provides for download and registers it as the food table ``nevo`` (ids
``nevo:<NEVO-code>``), through the same seam as the packaged tables.

Per food it keeps phylloquinone (``VITK1``) as the vitamer K1, and NEVO's ``VITK2`` and
``VITK`` as what they are — totals of several forms (:class:`~vitk2.VitaminKTotal`), never a
vitamer, never MK-7, never moles.  ``NULL`` is unknown, ``0`` is zero.  Foods NEVO gives per
100 ml are left out: vitk2's values are per 100 g and NEVO gives no density to convert them.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator, Mapping
from fractions import Fraction
from functools import cache
from typing import Final

from vitk2._errors import FoodTableFileError
from vitk2._food_records import ContentMeasurement, Food, VitaminKTotal
from vitk2._food_tables import (
    FoodListing,
    FoodTable,
    FoodTableData,
    contents_of,
    discard_food_table,
    replace_food_table,
)
from vitk2._vitamers import K1

__all__ = ["NEVO_NAMESPACE", "load_nevo", "read_nevo", "unload_nevo"]

NEVO_NAMESPACE: Final = "nevo"
_VERSIONS: Final[Mapping[str, str]] = {"NEVO-Online 2021 7.0": "rivm-nevo-2021"}
"""NEVO versions vitk2 reads, with the citation key of each (data/sources/foods.json)."""

_VERSION: Final = "NEVO-versie/NEVO-version"
_GROUP: Final = "Food group"
_CODE: Final = "NEVO-code"
_DUTCH: Final = "Voedingsmiddelnaam/Dutch food name"
_ENGLISH: Final = "Engelse naam/Food name"
_SYNONYM: Final = "Synoniem"
_QUANTITY: Final = "Hoeveelheid/Quantity"
_K1: Final = "VITK1 (µg)"
_K2: Final = "VITK2 (µg)"
_K: Final = "VITK (µg)"
_COLUMNS: Final = (_VERSION, _GROUP, _CODE, _DUTCH, _ENGLISH, _SYNONYM, _QUANTITY, _K1, _K2, _K)
_PER_100G: Final = "per 100g"
_NUMBER: Final = re.compile(r"^\d+(,\d+)?$")
_PREPARED_GROUPS: Final = frozenset(
    {
        "Mixed dishes",
        "Pastry and biscuits",
        "Savoury bread spreads",
        "Savoury sauces",
        "Savoury snacks",
        "Soups",
        "Sugar, sweets and sweet sauces",
    }
)
"""NEVO food groups of prepared or composite foods, which a search ranks after plain ones."""
_MAX_BYTES: Final = 64 * 1024 * 1024


def _value(text: str, where: str) -> Fraction | None:
    """A NEVO cell: ``NULL`` (or empty) is unknown, else a number with a decimal comma."""
    if text in {"NULL", ""}:
        return None
    if not _NUMBER.match(text):
        msg = f"{where}: {text!r} is not a NEVO value; expected a number such as '63,7' or NULL"
        raise FoodTableFileError(msg)
    return Fraction(text.replace(",", "."))


def _rows(text: str, shown: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="|")
    header = next(reader, None)
    if header is None:
        msg = f"{shown} is empty; expected NEVO-online's pipe-separated export (NEVO2021.csv)"
        raise FoodTableFileError(msg)
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        msg = (
            f"{shown} is not a NEVO-online 2021 export: it lacks the column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(repr(c) for c in missing)}"
        )
        raise FoodTableFileError(msg)
    for line, cells in enumerate(reader, start=2):
        if not cells:
            continue
        if len(cells) != len(header):
            msg = f"{shown}, line {line}: {len(cells)} fields, the header has {len(header)}"
            raise FoodTableFileError(msg)
        yield line, dict(zip(header, cells, strict=True))


def _food(row: Mapping[str, str], where: str) -> Food | None:
    """The food record of one NEVO row, or None if NEVO gives it no vitamin K per 100 g."""
    version = row[_VERSION]
    source = _VERSIONS.get(version)
    if source is None:
        accepted = ", ".join(repr(v) for v in _VERSIONS)
        msg = f"{where}: NEVO version {version!r} is not one vitk2 reads; it reads {accepted}"
        raise FoodTableFileError(msg)
    if row[_QUANTITY] != _PER_100G:
        return None
    k1, k2, k = (_value(row[c], f"{where}, {c}") for c in (_K1, _K2, _K))
    if k1 is None and k2 is None and k is None:
        return None
    code = row[_CODE]
    if not code.isdigit():
        msg = f"{where}: NEVO-code {code!r} is not a number"
        raise FoodTableFileError(msg)
    fid = f"{NEVO_NAMESPACE}:{int(code)}"
    sources = (source,)
    by_vitamer = {}
    if k1 is not None:
        by_vitamer[K1] = [ContentMeasurement(vitamer=K1, micrograms_per_100g=k1, sources=sources)]
    totals = tuple(
        VitaminKTotal(food_id=fid, kind=kind, micrograms_per_100g=v, sources=sources)
        for kind, v in (("K2", k2), ("K", k))
        if v is not None
    )
    names = [n for n in (row[_DUTCH], row[_SYNONYM]) if n not in {"", "NULL"}]
    return Food(
        id=fid,
        description=f"{row[_ENGLISH]} (NEVO)",
        common_names=", ".join(names) or None,
        group=row[_GROUP],
        contents=contents_of(fid, by_vitamer),
        origin="nevo",
        sources=sources,
        totals=totals,
    )


def _read_text(text: str, shown: str) -> FoodTableData:
    foods: dict[str, Food] = {}
    for line, row in _rows(text, shown):
        found = _food(row, f"{shown}, line {line}")
        if found is None:
            continue
        if found.id in foods:
            msg = f"{shown}, line {line}: NEVO-code {row[_CODE]} appears twice"
            raise FoodTableFileError(msg)
        foods[found.id] = found
    return FoodTableData(
        listings=tuple(
            FoodListing(
                id=f.id,
                description=f.description,
                common_names=f.common_names,
                prepared=f.group in _PREPARED_GROUPS,
            )
            for f in foods.values()
        ),
        build=foods.__getitem__,
    )


def read_nevo(path: str | os.PathLike[str]) -> FoodTable:
    """The NEVO table in *path* (NEVO-online 2021's ``NEVO2021.csv``), read now, not registered.

    Use :func:`load_nevo` to make its foods available to :func:`~vitk2.food`, search and
    diaries; this reads and checks the file only (a file that is not NEVO-online 2021's export
    raises :class:`~vitk2.FoodTableFileError` naming the line).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "empty.csv").write_text("")
    0
    >>> read_nevo(folder / "empty.csv")
    Traceback (most recent call last):
    ...
    vitk2.FoodTableFileError: ...empty.csv is empty; expected NEVO-online's pipe-separated ...
    """
    shown = os.fspath(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(_MAX_BYTES + 1)
    except OSError as exc:
        msg = f"cannot read the NEVO file {shown!r}: {exc.strerror or exc}"
        raise FoodTableFileError(msg) from None
    if len(raw) > _MAX_BYTES:
        msg = f"{shown} is larger than {_MAX_BYTES // 2**20} MiB; NEVO2021.csv is about 2 MiB"
        raise FoodTableFileError(msg)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        msg = f"{shown} is not UTF-8 text; expected NEVO-online's export (NEVO2021.csv)"
        raise FoodTableFileError(msg) from None
    data = _read_text(text, shown)
    return FoodTable(namespace=NEVO_NAMESPACE, read=cache(lambda: data))


def load_nevo(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """Read the user's NEVO download and make its foods available everywhere (ids ``nevo:…``).

    vitk2 does not ship NEVO (RIVM's terms allow using it unmodified with source and version;
    see docs/foods.md): download NEVO-online 2021 (version 7.0) from RIVM and give the path of
    its ``NEVO2021.csv``.  Loading again replaces the table loaded before.  Each value cites
    NEVO-online 2021 (RIVM).  K1 is the vitamer K1; NEVO's vitamin K2 and total vitamin K are
    :class:`~vitk2.VitaminKTotal` values (``food.total("K2")``), never a vitamer.  Returns the
    ids of the foods loaded: those NEVO gives per 100 g with at least one vitamin K value.

    >>> import pathlib, tempfile, vitk2
    >>> header = ('"NEVO-versie/NEVO-version"|"Food group"|"NEVO-code"|'
    ...           '"Voedingsmiddelnaam/Dutch food name"|"Engelse naam/Food name"|"Synoniem"|'
    ...           '"Hoeveelheid/Quantity"|"VITK (µg)"|"VITK1 (µg)"|"VITK2 (µg)"')
    >>> row = ('"NEVO-Online 2021 7.0"|"Cheese"|9001|"Kaas proef"|"Cheese test"|NULL|'
    ...        '"per 100g"|"50,5"|"2,5"|"48"')
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "NEVO2021.csv"
    >>> _ = path.write_text(header + "\\n" + row + "\\n", encoding="utf-8")
    >>> vitk2.load_nevo(path)
    ('nevo:9001',)
    >>> cheese = vitk2.food("nevo:9001")
    >>> cheese.description, str(cheese.content("K1")), str(cheese.content("MK-7"))
    ('Cheese test (NEVO)', '2.5 µg K1 per 100 g', 'MK-7 unknown')
    >>> [str(t) for t in cheese.total("K2")]
    ['48 µg vitamin K2 (total of menaquinones) per 100 g']
    >>> vitk2.unload_nevo()
    """
    return replace_food_table(read_nevo(path))


def unload_nevo() -> None:
    """Remove the NEVO table :func:`load_nevo` registered (nothing happens if none is loaded).

    >>> unload_nevo()
    """
    discard_food_table(NEVO_NAMESPACE)
