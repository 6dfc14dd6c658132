"""Sphinx directive ``vitk2-food-tables``: every food table vitk2 reads, with its counts.

Counted from the installed package's tables when the documentation is built (the same counts as
``vitk2 food tables``), so the listing in docs/foods.md can never drift from the data.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

from vitk2._food_records import FOOD_VITAMERS
from vitk2._food_views import table_summaries
from vitk2._sources import citation

_COLUMNS = (
    "table",
    "foods",
    "foods with its values",
    *(v.key for v in FOOD_VITAMERS),
    "values for other tables' foods",
    "totals of several forms",
    "cited links",
    "sources",
)


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


class FoodTablesDirective(Directive):
    """Render one row per food table: foods, values per vitamer, links and sources."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        summaries = table_summaries()
        table = nodes.table()
        group = nodes.tgroup(cols=len(_COLUMNS))
        table += group
        for _ in _COLUMNS:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += _row(list(_COLUMNS))
        group += head
        body = nodes.tbody()
        for t in summaries:
            per_vitamer = [str(t.values.get(v.key, 0)) for v in FOOD_VITAMERS]
            cited = "; ".join(citation(k).short for k in t.sources)
            body += _row(
                [
                    t.namespace,
                    f"{t.foods:,}",
                    f"{t.foods_with_values:,}",
                    *per_vitamer,
                    str(t.for_other_tables),
                    ", ".join(f"{kind} {n:,}" for kind, n in t.totals.items()) or "none",
                    str(t.links),
                    cited,
                ]
            )
        group += body
        values = sum(sum(t.values.values()) for t in summaries)
        note = nodes.paragraph(
            text=(
                f"{len(summaries)} tables, {values:,} values in all, counted from the installed "
                "package. A 0 is a count of values, not a content: a food without a value for a "
                "vitamer has unknown content."
            )
        )
        return [note, table]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("vitk2-food-tables", FoodTablesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
