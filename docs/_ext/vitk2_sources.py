"""Sphinx directive ``vitk2-citations``: the data-sources page, generated from vitk2's own data.

Every citation is rendered from ``vitk2/data/sources/*.json``, grouped by the file (subject) that
defines it, so the page and the package can never disagree.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

import vitk2


class CitationsDirective(Directive):
    """Render every citation vitk2 ships, grouped by subject."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        folder = resources.files("vitk2").joinpath("data", "sources")
        out: list[nodes.Node] = []
        total = 0
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".json"):
                continue
            keys = [raw["key"] for raw in json.loads(entry.read_text(encoding="utf-8"))]
            subject = entry.name.removesuffix(".json").replace("-", " ").capitalize()
            section = nodes.section(ids=[f"sources-{entry.name.removesuffix('.json')}"])
            section += nodes.title(text=f"{subject} ({len(keys)})")
            items = nodes.bullet_list()
            for key in sorted(keys):
                c = vitk2.citation(key)
                para = nodes.paragraph()
                para += nodes.literal(text=c.key)
                para += nodes.Text(f" — {c.authors} ({c.year}). {c.title}. {c.container}. ")
                link = c.link
                if link:
                    label = f"doi:{c.doi}" if c.doi else (f"PMID {c.pmid}" if c.pmid else link)
                    para += nodes.reference(text=label, refuri=link)
                if c.pmid and c.doi:
                    para += nodes.Text(" · ")
                    para += nodes.reference(
                        text=f"PMID {c.pmid}", refuri=f"https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/"
                    )
                if c.note:
                    para += nodes.Text(f" Note: {c.note}")
                items += nodes.list_item("", para)
                total += 1
            section += items
            out.append(section)
        summary = nodes.paragraph(text=f"{total} sources in all, read from the installed package.")
        return [summary, *out]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("vitk2-citations", CitationsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
