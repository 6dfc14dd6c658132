"""markdown_text: user text in a Markdown report renders as written, escaped only where needed."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vitk2._text import markdown_code, markdown_text

markdown_it = pytest.importorskip("markdown_it")


def rendered(markdown: str) -> str:
    """The text a reader sees: Markdown (CommonMark, with GFM tables and strikethrough) to HTML."""
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return str(md.render(markdown))


def as_written(text: str) -> str:
    return "<p>" + html.escape(" ".join(text.split())).replace("&#x27;", "'") + "</p>\n"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Vitamin K (warfarin)", "Vitamin K (warfarin)"),
        ("{x} + y!", "{x} + y!"),
        ("*100*", "\\*100\\*"),
        ("a_b_", "a\\_b\\_"),
        ("`code`", "\\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("#1 heading", "\\#1 heading"),
        ("a | b", "a \\| b"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("back\\slash", "back\\\\slash"),
        ("a &amp; b & c", "a \\&amp; b & c"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("2) item", "2\\) item"),
        ("---", "\\---"),
        ("1.5 mg - 2 mg", "1.5 mg - 2 mg"),
        ("  two   spaces\nand a line  ", "two spaces and a line"),
    ],
)
def test_markdown_text_escapes_only_syntax(text: str, escaped: str) -> None:
    assert markdown_text(text) == escaped
    assert rendered(markdown_text(text)) == as_written(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .()[]{}*_`#|<>~+-!\\:/=&;", min_size=1, max_size=20))
def test_any_text_renders_as_written(text: str) -> None:
    if not text.split():
        return
    assert rendered(markdown_text(text)) == as_written(text)


@given(st.text(alphabet=st.sampled_from("ab `*_<>"), min_size=1, max_size=30))
@settings(max_examples=200)
def test_a_code_span_shows_its_text_as_written(text: str) -> None:
    line = " ".join(text.split())
    if not line:
        return
    html_out = rendered(markdown_code(text))
    # CommonMark strips one space from each side of a span that has spaces at both ends
    assert html_out == f"<p><code>{html.escape(line, quote=False)}</code></p>\n"
