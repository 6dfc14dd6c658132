"""Writes Frida-layout workbooks (.xlsx) with invented values, for the tests of load_frida.

``write_workbook`` builds the parts of an .xlsx by hand (no spreadsheet library), with fixed
zip timestamps, so the same rows always give the same bytes: tests/data/frida-fixture.xlsx is
``write_workbook(path)`` and a test checks that it still is.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

DATA_HEADER = (
    "FoodID",
    "FødevareNavn",
    "FoodName",
    "ParameterID",
    "ParameterNavn",
    "ParameterName",
    "SortKey",
    "ResVal",
    "Min",
    "Max",
    "Median",
    "NumberOfDeterminations",
    "Source",
    "SourceFood",
)

_K = [("164", "K1-vitamin", "Vitamin K1")] + [
    (str(429 + n), f"Menaquinon {n}", f"Menaquinone {n}") for n in range(4, 11)
]


def _row(
    food: str,
    dk: str,
    en: str,
    param: int,
    value: str,
    *,
    low: str = "NULL",
    high: str = "NULL",
    n: str = "2",
    source: str = "9102",
) -> tuple[str, ...]:
    pid, navn, name = _K[param]
    return (
        food,
        dk,
        en,
        pid,
        navn,
        name,
        str(2301 + param),
        value,
        low,
        high,
        "NULL",
        n,
        source,
        "NULL",
    )


CHEESE = ("9001", "Ost, fixture, 45+", "Cheese fixture, 45+")
EGG = ("9002", "Æg, fixture, rå", "Egg fixture, raw")
PIZZA = ("9003", "Pizza, fixture, fast food", "Pizza fixture, fast food")
APPLE = ("9004", "Æble, fixture, råt", "Apple fixture, raw")

DATA_ROWS: tuple[tuple[str, ...], ...] = (
    (*APPLE, "356", "Energi (kcal)", "Energy (kcal)", "1030", "55", *("NULL",) * 4, "1003", "NULL"),
    (*APPLE, "164", "K1-vitamin", "Vitamin K1", "2301", "NULL", *("NULL",) * 4, "1001", "NULL"),
    (*APPLE, "441", "K2-vitamin", "Vitamin K2", "2302", "0", *("NULL",) * 4, "1003", "NULL"),
    _row(*CHEESE, 0, "1.25", low="1.1", high="1.4", source="9101"),
    _row(*CHEESE, 1, "4.5"),
    _row(*CHEESE, 2, "0.25"),
    _row(*CHEESE, 3, "0.35"),
    _row(*CHEESE, 4, "0"),
    _row(*CHEESE, 5, "7.25"),
    _row(*CHEESE, 6, "24.5"),
    _row(*CHEESE, 7, "1.5"),
    (*CHEESE, "441", "K2-vitamin", "Vitamin K2", "2302", "30", *("NULL",) * 4, "1003", "NULL"),
    (*CHEESE, "442", "K-vitamin", "Vitamin K", "2300", "31", *("NULL",) * 4, "1003", "NULL"),
    _row(*EGG, 0, "0.9", n="NULL", source="9101, 9103"),
    _row(*EGG, 1, "29.6", low="20", high="40", n="3"),
    _row(*EGG, 2, "0"),
    _row(*EGG, 3, "NULL"),
    _row(*EGG, 5, "1.52"),
    _row(*PIZZA, 0, "8.45", n="NULL", source="9101"),
    _row(*PIZZA, 4, "0.109875", n="NULL"),
)

FOOD_ROWS = (
    ("FoodID", "FoodName", "FoodGroup"),
    ("9001", "Cheese fixture, 45+", "Cheese, fixture"),
    ("9002", "Egg fixture, raw", "Eggs, fixture"),
    ("9003", "Pizza fixture, fast food", "Fast food, fixture"),
    ("9004", "Apple fixture, raw", "Fruit, fixture"),
)

SOURCE_ROWS = (
    ("SourceID", "TitleEnglish", "Year"),
    ("9101", "Fixture source for phylloquinone", "2020"),
    ("9102", "Fixture source for menaquinones", "2024"),
)

README = "Food data (frida.fooddata.dk), version {version}: vitk2 test fixture, invented values"

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DATE = (1980, 1, 1, 0, 0, 0)


def _column(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _sheet(rows: Sequence[Sequence[str]], strings: dict[str, int], sparse: bool) -> str:
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, text in enumerate(row):
            ref = f"{_column(c)}{r}"
            if sparse and text == "NULL" and r > 1:
                continue  # an empty cell, as a spreadsheet writes it
            if text.replace(".", "", 1).isdigit() and r > 1:
                out.append(f'<c r="{ref}"><v>{text}</v></c>')
            else:
                index = strings.setdefault(text, len(strings))
                out.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_workbook(
    path: Path,
    *,
    version: str = "5.5",
    data_rows: Sequence[Sequence[str]] = DATA_ROWS,
    header: Sequence[str] = DATA_HEADER,
    sparse: bool = True,
) -> Path:
    """A Frida-layout .xlsx at *path*: sheets Readme, Data_Normalised, Food and Source."""
    strings: dict[str, int] = {}
    sheets = {
        "Readme": _sheet([[README.format(version=version)]], strings, sparse),
        "Data_Normalised": _sheet([header, *data_rows], strings, sparse),
        "Food": _sheet(FOOD_ROWS, strings, sparse),
        "Source": _sheet(SOURCE_ROWS, strings, sparse),
    }
    names = list(sheets)
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} '
        f'xmlns:r="{_R}"><sheets>'
        + "".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)
        )
        + "</sheets></workbook>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + f'<Relationship Id="rId{len(names) + 1}" Type="{_R}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    shared = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS} '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>"
    )
    parts = {
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/sharedStrings.xml": shared,
        **{f"xl/worksheets/sheet{i}.xml": sheets[n] for i, n in enumerate(names, 1)},
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return path


if __name__ == "__main__":
    write_workbook(Path(__file__).parent / "data" / "frida-fixture.xlsx")
