"""The Danish food table Frida (DTU Food), read from the user's own download into food records.

Frida (frida.fooddata.dk, DTU National Food Institute) gives, for about a hundred foods,
phylloquinone *and each menaquinone from MK-4 to MK-10* per 100 g — the per-form values no
other table vitk2 reads has for cheese, cream, meat, fish and eggs.  :func:`load_frida` reads
the workbook DTU publishes for download (``Frida_5.5_Dataset.xlsx``; version 5.4 too) and
registers it as the food table ``frida`` (ids ``frida:<FoodID>``, descriptions ending in
"(Frida)"), through the same seam as the packaged tables.

From the sheet ``Data_Normalised`` it keeps, per food, the vitamers K1 and MK-4 … MK-10 with
Frida's number of determinations, minimum and maximum and, in the note, the Frida source the
value comes from (titled from the sheet ``Source``).  A cell Frida leaves empty or ``NULL`` is
unknown; ``0`` is kept as 0, which in Frida means no natural content *or* traces too small to
matter (DTU's documentation).  Frida's "Vitamin K2" and "Vitamin K" rows are not read: DTU
calculates them (source 1003), and in the copy of version 5.4 that was read the K2 row of some
foods is smaller than their MK-4 alone, so they are not a total of the forms Frida gives.

vitk2 does not ship Frida's values: the one copy of the workbook that could be read was a
third-party conversion, not DTU's file (docs/foods.md, "Frida, the Danish food table").
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cache
from typing import Final
from xml.etree import ElementTree as ET

from vitk2._errors import FoodTableFileError
from vitk2._food_names import fold_name
from vitk2._food_records import ContentMeasurement, Food
from vitk2._food_tables import (
    FoodListing,
    FoodTable,
    FoodTableData,
    contents_of,
    discard_food_table,
    replace_food_table,
)
from vitk2._vitamers import K1, Vitamer, menaquinone

__all__ = ["FRIDA_NAMESPACE", "load_frida", "read_frida", "unload_frida"]

FRIDA_NAMESPACE: Final = "frida"
_VERSIONS: Final[Mapping[str, str]] = {"5.4": "dtu-frida-2025-may", "5.5": "dtu-frida-2025-nov"}
"""Frida versions vitk2 reads, with the citation key of each (data/sources/foods.json)."""

_PARAMETERS: Final[Mapping[str, Vitamer]] = {
    "Vitamin K1": K1,
    "K1-vitamin": K1,
    **{f"Menaquinone {n}": menaquinone(n) for n in range(4, 11)},
    **{f"Menaquinon {n}": menaquinone(n) for n in range(4, 11)},
}
"""Frida's parameter names (English and Danish) of the vitamers vitk2 reads."""

_DATA: Final = "Data_Normalised"
_FOODS: Final = "Food"
_SOURCES: Final = "Source"
_COLUMNS: Final = ("FoodID", "FødevareNavn", "FoodName", "ParameterName", "ResVal", "Source")
_VERSION: Final = re.compile(r"\bversion\s+(\d+\.\d+)\b", re.IGNORECASE)
_NUMBER: Final = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_UNKNOWN: Final = frozenset({"", "NULL"})
_ZERO_NOTE: Final = (
    "Frida gives 0: no natural content, or traces too small to matter (DTU's documentation)."
)
_PREPARED_WORDS: Final = ("fast food", "takeaway", "industrially", "canned")
_MAX_BYTES: Final = 128 * 1024 * 1024
_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


# ------------------------------------------------------------------------------------------
# The workbook: a zip of XML parts (ECMA-376); only the parts a Frida download uses are read.
# ------------------------------------------------------------------------------------------


class _Workbook:
    """The sheets of an .xlsx file, by name, each read on request as rows of text cells."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        targets = {
            rel.get("Id"): rel.get("Target", "")
            for rel in self._xml("xl/_rels/workbook.xml.rels").iter(_PKG_REL)
        }
        self.sheets: dict[str, str] = {}
        for sheet in self._xml("xl/workbook.xml").iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(_DOC_REL), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            self.sheets[sheet.get("name", "")] = part
        self.strings: list[str] = []
        if "xl/sharedStrings.xml" in archive.namelist():
            self.strings = [
                "".join(t.text or "" for t in si.iter(f"{_MAIN}t"))
                for si in self._xml("xl/sharedStrings.xml").iter(f"{_MAIN}si")
            ]

    def _xml(self, part: str) -> ET.Element:
        try:
            return ET.fromstring(self.archive.read(part))
        except KeyError:
            msg = f"{self.shown} is not a spreadsheet workbook: it has no part {part!r}"
            raise FoodTableFileError(msg) from None
        except ET.ParseError as exc:
            msg = f"{self.shown}: the workbook part {part!r} is not well-formed XML ({exc})"
            raise FoodTableFileError(msg) from None

    def rows(self, sheet: str) -> Iterator[tuple[int, list[str]]]:
        """The rows of *sheet* as (row number, cells as text), empty cells as ``""``.

        Streamed: Frida's data sheet has some 140,000 rows, too many to hold as XML elements.
        """
        part = self.sheets[sheet]
        try:
            stream = self.archive.open(part)
        except KeyError:
            msg = f"{self.shown} is not a spreadsheet workbook: it has no part {part!r}"
            raise FoodTableFileError(msg) from None
        cell_tag, row_tag = f"{_MAIN}c", f"{_MAIN}row"
        columns: dict[str, int] = {}
        cells: list[str] = []
        with stream:
            try:
                for _, element in ET.iterparse(stream):
                    tag = element.tag
                    if tag == cell_tag:
                        letters = element.get("r", "").rstrip("0123456789")
                        column = columns.get(letters)
                        if column is None:
                            column = columns[letters] = _column(letters, len(cells))
                        if column > len(cells):
                            cells.extend([""] * (column - len(cells)))
                        cells.append(self._text(element))
                    elif tag == row_tag:
                        yield int(element.get("r", "0")), cells
                        cells = []
                        element.clear()
            except ET.ParseError as exc:
                msg = f"{self.shown}: the workbook part {part!r} is not well-formed XML ({exc})"
                raise FoodTableFileError(msg) from None

    def _text(self, cell: ET.Element) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
        value = cell.find(f"{_MAIN}v")
        text = "" if value is None or value.text is None else value.text
        if kind == "s" and text:
            return self.strings[int(text)]
        return text


def _column(ref: str, default: int) -> int:
    """The 0-based column of a cell reference such as ``"C12"`` (*default* if none)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    if not letters:
        return default
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number - 1


def _table(book: _Workbook, sheet: str, needed: Sequence[str]) -> Iterator[dict[str, str]]:
    """The rows of *sheet* below its header, as {column: text}, with *needed* checked."""
    rows = book.rows(sheet)
    _, header = next(rows, (0, []))
    missing = [c for c in needed if c not in header]
    if missing:
        msg = (
            f"{book.shown}: sheet {sheet!r} lacks the column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(repr(c) for c in missing)}"
        )
        raise FoodTableFileError(msg)
    for _, cells in rows:
        padded = cells + [""] * (len(header) - len(cells))
        yield dict(zip(header, padded, strict=False))


# ------------------------------------------------------------------------------------------
# Frida's sheets into food records
# ------------------------------------------------------------------------------------------


def _version(book: _Workbook) -> str:
    """The citation key of the Frida version the workbook's first sheet (its Readme) names."""
    first = next(iter(book.sheets), None)
    texts = [] if first is None else [c for _, row in book.rows(first) for c in row]
    for text in texts:
        found = _VERSION.search(text)
        if found:
            if found.group(1) not in _VERSIONS:
                accepted = ", ".join(_VERSIONS)
                msg = (
                    f"{book.shown} is Frida version {found.group(1)}; "
                    f"vitk2 reads versions {accepted}"
                )
                raise FoodTableFileError(msg)
            return _VERSIONS[found.group(1)]
    msg = f"{book.shown}: its first sheet (Frida's Readme) names no Frida version"
    raise FoodTableFileError(msg)


def _number(text: str, where: str) -> Fraction | None:
    """A numeric cell exactly as written (``NULL`` or empty is unknown)."""
    text = text.strip()
    if text in _UNKNOWN:
        return None
    if not _NUMBER.match(text):
        msg = f"{where}: {text!r} is not a number; expected a value such as '0.857502' or NULL"
        raise FoodTableFileError(msg)
    return Fraction(text)


def _source_titles(book: _Workbook) -> dict[str, str]:
    if _SOURCES not in book.sheets:
        return {}
    titles = {}
    for row in _table(book, _SOURCES, ("SourceID", "TitleEnglish")):
        title = row["TitleEnglish"].strip()
        year = row.get("Year", "").strip()
        if title and title != "NULL":
            titles[row["SourceID"].strip()] = f"{title} ({year})" if year not in _UNKNOWN else title
    return titles


def _groups(book: _Workbook) -> dict[str, str]:
    if _FOODS not in book.sheets:
        return {}
    return {
        row["FoodID"].strip(): row["FoodGroup"].strip()
        for row in _table(book, _FOODS, ("FoodID", "FoodGroup"))
        if row["FoodGroup"].strip() not in _UNKNOWN
    }


def _note(value: Fraction, sources: str, titles: Mapping[str, str]) -> str:
    named = [s.strip() for s in sources.split(",") if s.strip() not in _UNKNOWN]
    parts = [
        f"Frida source {s}: {titles[s]}." if s in titles else f"Frida source {s}." for s in named
    ]
    if value == 0:
        parts.append(_ZERO_NOTE)
    return " ".join(parts)


def _read_book(book: _Workbook) -> FoodTableData:
    if _DATA not in book.sheets:
        msg = f"{book.shown} is not a Frida download: it has no sheet {_DATA!r}"
        raise FoodTableFileError(msg)
    cite = (_version(book),)
    titles = _source_titles(book)
    groups = _groups(book)
    names: dict[str, tuple[str, str]] = {}
    values: dict[str, dict[Vitamer, list[ContentMeasurement]]] = {}
    for line, row in enumerate(_table(book, _DATA, _COLUMNS), start=2):
        v = _PARAMETERS.get(row["ParameterName"].strip())
        if v is None:
            continue
        where = f"{book.shown}, sheet {_DATA!r}, row {line}"
        code = row["FoodID"].strip()
        if not code.isdigit():
            msg = f"{where}: FoodID {code!r} is not a number"
            raise FoodTableFileError(msg)
        value = _number(row["ResVal"], f"{where}, ResVal")
        if value is None:
            continue
        if value < 0:
            msg = f"{where}: ResVal {row['ResVal']!r} is negative; a content is at least 0"
            raise FoodTableFileError(msg)
        fid = f"{FRIDA_NAMESPACE}:{int(code)}"
        names.setdefault(fid, (row["FoodName"].strip(), row["FødevareNavn"].strip()))
        found = values.setdefault(fid, {})
        if v in found:
            msg = f"{where}: food {code} has a second {row['ParameterName'].strip()!r} value"
            raise FoodTableFileError(msg)
        low, high = (_number(row.get(c, ""), f"{where}, {c}") for c in ("Min", "Max"))
        count = row.get("NumberOfDeterminations", "").strip()
        found[v] = [
            ContentMeasurement(
                vitamer=v,
                micrograms_per_100g=value,
                sources=cite,
                data_points=int(count) if count.isdigit() and int(count) > 0 else None,
                sample_min=low,
                sample_max=high,
                note=_note(value, row["Source"], titles) or None,
            )
        ]
    # Frida names a few foods alike in English (two "Sausage, salami"); those carry their id.
    seen = Counter(fold_name(english) for english, _ in names.values())
    foods = {
        fid: Food(
            id=fid,
            description=(
                f"{english} (Frida)"
                if seen[fold_name(english)] == 1
                else f"{english} (Frida {fid.partition(':')[2]})"
            ),
            common_names=danish or None,
            group=groups.get(fid.partition(":")[2]),
            contents=contents_of(fid, values[fid]),
            origin="frida",
            sources=cite,
        )
        for fid, (english, danish) in names.items()
    }
    return FoodTableData(
        listings=tuple(
            FoodListing(
                id=f.id,
                description=f.description,
                common_names=f.common_names,
                prepared=any(w in f.description.casefold() for w in _PREPARED_WORDS),
            )
            for f in foods.values()
        ),
        build=foods.__getitem__,
    )


def read_frida(path: str | os.PathLike[str]) -> FoodTable:
    """The Frida table in *path* (DTU's ``Frida_5.5_Dataset.xlsx``), read now, not registered.

    Use :func:`load_frida` to make its foods available to :func:`~vitk2.food`, search and
    diaries; this reads and checks the file only (a file that is not a Frida workbook raises
    :class:`~vitk2.FoodTableFileError` naming what is wrong).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "Frida.xlsx"
    >>> _ = path.write_text("FoodID;FoodName")
    >>> read_frida(path)
    Traceback (most recent call last):
    ...
    vitk2.FoodTableFileError: ...Frida.xlsx is not an .xlsx workbook (a zip file); download ...
    """
    shown = os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > _MAX_BYTES:
            msg = f"{shown} is larger than {_MAX_BYTES // 2**20} MiB; Frida's workbook is ~12 MiB"
            raise FoodTableFileError(msg)
        with zipfile.ZipFile(path) as archive:
            data = _read_book(_Workbook(archive, shown))
    except zipfile.BadZipFile:
        msg = (
            f"{shown} is not an .xlsx workbook (a zip file); download Frida's dataset as "
            "Excel (.xlsx) from DTU"
        )
        raise FoodTableFileError(msg) from None
    except OSError as exc:
        msg = f"cannot read the Frida file {shown!r}: {exc.strerror or exc}"
        raise FoodTableFileError(msg) from None
    return FoodTable(namespace=FRIDA_NAMESPACE, read=cache(lambda: data))


def load_frida(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """Read the user's Frida download and make its foods available everywhere (``frida:…``).

    Download the Frida dataset (version 5.5, Excel) from DTU — frida.fooddata.dk or DTU Data,
    doi:10.11583/DTU.29500682 — and give the path of its ``.xlsx``.  Loading again replaces
    the table loaded before.  Each value cites the Frida version read and names, in its note,
    the Frida source it comes from.  Returns the ids of the foods loaded: those with a K1 or a
    menaquinone value.

    >>> import vitk2
    >>> vitk2.load_frida("tests/data/frida-fixture.xlsx")
    ('frida:9001', 'frida:9002', 'frida:9003')
    >>> cheese = vitk2.food("frida:9001")
    >>> cheese.description, str(cheese.content("MK-9")), str(cheese.content("MK-7"))
    ('Cheese fixture, 45+ (Frida)', '24.5 µg MK-9 per 100 g', '0 µg MK-7 per 100 g')
    >>> vitk2.unload_frida()
    """
    return replace_food_table(read_frida(path))


def unload_frida() -> None:
    """Remove the Frida table :func:`load_frida` registered (nothing happens if none is loaded).

    >>> unload_frida()
    """
    discard_food_table(FRIDA_NAMESPACE)
