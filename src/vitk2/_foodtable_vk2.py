"""vitk2's curated food table (``data/foods-curated.json``): published values SR28 lacks.

Such as natto's MK-7 or the menaquinones of cheeses, each with its citation.  A value is
attached to an SR28 food when it is the same food (``"food": "16113"``), else to a food of this
table, whose ids are ``vk2:<name>``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache
from typing import Any, Final

from vitk2._food_records import ContentMeasurement, Food, HouseholdMeasure, read_data
from vitk2._food_tables import FoodListing, FoodTable, FoodTableData
from vitk2._vitamers import vitamer

__all__ = ["TABLE"]

_FILE: Final = "foods-curated.json"


def _build(rows: Mapping[str, Mapping[str, Any]], fid: str) -> Food:
    row = rows[fid]
    return Food(
        id=fid,
        description=row["description"],
        common_names=row.get("common_names"),
        group=row.get("group"),
        measures=tuple(
            HouseholdMeasure(amount=Fraction(a), description=d, grams=Fraction(g))
            for a, d, g in row.get("measures", [])
        ),
        origin="curated",
        sources=tuple(row["sources"]),
    )


@cache
def _read() -> FoodTableData:
    data = json.loads(read_data(_FILE))
    rows: dict[str, Mapping[str, Any]] = {entry["id"]: entry for entry in data["foods"]}
    measurements: dict[str, list[ContentMeasurement]] = {}
    for m in data["measurements"]:
        measurements.setdefault(m["food"], []).append(
            ContentMeasurement(
                vitamer=vitamer(m["vitamer"]),
                micrograms_per_100g=Fraction(m["value"]),
                sources=tuple(m["sources"]),
                sample=m.get("sample"),
                location=m.get("location"),
                note=m.get("note"),
            )
        )
    own: Mapping[str, Sequence[ContentMeasurement]] = measurements
    return FoodTableData(
        listings=tuple(
            FoodListing(id=fid, description=row["description"],
                        common_names=row.get("common_names"))
            for fid, row in rows.items()
        ),
        build=lambda fid: _build(rows, fid),
        measurements=own,
    )


TABLE: Final = FoodTable(namespace="vk2", read=_read)
