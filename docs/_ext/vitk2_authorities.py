"""Sphinx directive ``vitk2-authorities``: the authorities × life stages × basis table.

Every row is read from vitk2's own data (``vitk2/data/authorities/*.json``, through the public
API), so the page and the package can never disagree: one section per authority, one table per
edition, with what the edition counts, its grade, its values by life stage and what is missing.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

import vitk2
from vitk2._authorities import authority_data


def _table(header: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for cells, section in ((header, head), *((r, body) for r in rows)):
        row = nodes.row()
        for text in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text=text)
            row += entry
        section.append(row)
    return table


def _value(r: Any) -> str:
    if r.value is None:
        return f"{r.per_kg_body_weight} µg/kg body weight/day"
    shown = str(r.value).removesuffix(f" {r.value.vitamer.key}")
    if r.per_kg_body_weight is not None:
        shown += f" ({r.per_kg_body_weight} µg/kg)"
    return shown


class AuthoritiesDirective(Directive):
    """Render every authority vitk2 lists, with each edition's basis and values."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        shipped = 0
        for a in vitk2.AUTHORITIES:
            section = nodes.section(ids=[f"authority-{a.key.lower().replace('/', '-')}"])
            section += nodes.title(text=f"{a.key}: {a.name}")
            section += nodes.paragraph(text=f"Kind of value: {a.kinds}. {a.note}")
            for edition in a.editions:
                values = vitk2.all_reference_intakes(a, edition=edition)
                basis = vitk2.reference_basis(a, edition=edition)
                shipped += len(values)
                para = nodes.paragraph()
                para += nodes.strong(text=f"Edition {edition}. ")
                counts = basis.counted_text() if basis.known else "not confirmed"
                grade = (
                    f" ({basis.grade}; read in: {'; '.join(basis.copies)})" if basis.copies else ""
                )
                para += nodes.Text(
                    f"Counts: {counts}{grade}. {basis.text[:1].upper()}{basis.text[1:]}. "
                )
                para += nodes.Text(f"Upper limit: {vitk2.upper_limit(a, edition=edition)}.")
                section += para
                if values:
                    rows = [
                        [str(r.life_stage), r.kind, _value(r), r.grade, ", ".join(r.sources)]
                        for r in values
                    ]
                    section += _table(["life stage", "kind", "µg/day", "grade", "sources"], rows)
                else:
                    section += nodes.paragraph(
                        text="No value confirmed: asking for one raises NoReferenceValueError."
                    )
                missing = authority_data(a).edition(edition).note
                if missing:
                    section += nodes.paragraph(text=f"Not shipped: {missing}")
            out.append(section)
        summary = nodes.paragraph(
            text=f"{len(vitk2.AUTHORITIES)} authorities, {shipped} values in all editions, "
            "read from the installed package."
        )
        return [summary, *out]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("vitk2-authorities", AuthoritiesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
