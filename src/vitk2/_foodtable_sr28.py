"""The USDA SR28 food table (``data/foods-sr28.json.gz``), read into vitk2's food records.

Every SR28 food with a phylloquinone (K1), dihydrophylloquinone or menaquinone-4 value, with
its household measures and the provenance of each value (data points, source and derivation
codes, min/max).  ``tools/build_foods.py`` regenerates the file from the raw SR28 files.
Ids are SR28's NDB numbers, bare (``"11233"``) as vitk2 always gave them; ``"sr28:11233"``
answers too.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from typing import Any, Final

from vitk2._food_records import (
    ContentMeasurement,
    Food,
    HouseholdMeasure,
    read_data,
    sr28_codes,
)
from vitk2._food_tables import FoodListing, FoodTable, FoodTableData, contents_of
from vitk2._vitamers import Vitamer, vitamer

__all__ = ["TABLE"]

_FILE: Final = "foods-sr28.json.gz"
_SOURCE: Final = "usda-sr28"


class _Reader:
    """SR28's rows by NDB number, built into :class:`Food` records on request."""

    __slots__ = ("derivations", "groups", "nutrients", "rows", "sources")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.groups: dict[str, str] = data["groups"]
        self.sources: dict[str, str] = data["source_codes"]
        self.derivations: dict[str, str] = data["derivation_codes"]
        self.nutrients: dict[str, Vitamer] = {
            number: vitamer(key) for number, key in data["nutrients"].items()
        }
        self.rows: dict[str, Any] = {row[0]: row for row in data["foods"]}

    def listings(self) -> tuple[FoodListing, ...]:
        prepared = frozenset(sr28_codes()["prepared_groups"])
        return tuple(
            FoodListing(id=ndb, description=row[2], common_names=row[4],
                        prepared=row[1] in prepared)
            for ndb, row in self.rows.items()
        )

    def build(self, fid: str) -> Food:
        ndb, group, long_desc, short_desc, common, measures, contents = self.rows[fid]
        by_vitamer: dict[Vitamer, list[ContentMeasurement]] = {}
        for nutr, value, points, src, deriv, ref, lo, hi in contents:
            v = self.nutrients[nutr]
            by_vitamer.setdefault(v, []).append(
                ContentMeasurement(
                    vitamer=v,
                    micrograms_per_100g=Fraction(value),
                    sources=(_SOURCE,),
                    data_points=None if points is None else int(points),
                    source_code=src,
                    source_meaning=None if src is None else self.sources[src],
                    derivation_code=deriv,
                    derivation_meaning=None if deriv is None else self.derivations[deriv],
                    reference_food=ref,
                    sample_min=None if lo is None else Fraction(lo),
                    sample_max=None if hi is None else Fraction(hi),
                )
            )
        return Food(
            id=ndb,
            description=long_desc,
            short_description=short_desc,
            common_names=common,
            group_code=group,
            group=self.groups.get(group),
            measures=tuple(
                HouseholdMeasure(
                    amount=Fraction(a),
                    description=d,
                    grams=Fraction(g),
                    data_points=None if n is None else int(n),
                )
                for a, d, g, n in measures
            ),
            contents=contents_of(ndb, by_vitamer),
            origin=_SOURCE,
            sources=(_SOURCE,),
        )


@cache
def _read() -> FoodTableData:
    reader = _Reader(json.loads(gzip.decompress(read_data(_FILE))))
    return FoodTableData(listings=reader.listings(), build=reader.build)


TABLE: Final = FoodTable(namespace="sr28", read=_read, bare_ids=True)
