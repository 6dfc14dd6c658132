"""Sphinx helpers for the API reference: the core page's member list, and attrs defaults.

``vitk2-core`` documents the names of ``vitk2`` that no public area module holds (the areas
each have their own page), computed from the package so the page cannot drift from it.

attrs writes ``__init__`` with defaults spelled ``attr_dict['x'].default``; with
``autodoc_preserve_defaults`` Sphinx would show that text. The handler below shows the real
default instead (``None``, ``()``, ``list()`` for a factory).

``vitk2`` and its area modules (``vitk2.labels``) re-export constants (``K1``,
``LABEL_REFERENCES``, ``MAX_DAYS``) whose documentation is the ``#:`` comment or docstring
where they are defined, which autodoc does not look for: it showed the value's class docstring
(``K1``: the ``Vitamer`` class's) or skipped the constant. ``vitk2-constants`` lists an area's
constants, and a handler takes each constant's text from its defining module (named in the
public module's own imports).
"""

from __future__ import annotations

import ast
import inspect
from importlib import import_module
from typing import Any

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.ext.autodoc.preserve_defaults import DefaultValue
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import vitk2


def core_names() -> list[str]:
    """The top-level names that belong to no public area (amounts, vitamers, errors, JSON)."""
    from vitk2 import _LAZY  # noqa: PLC0415

    return sorted(n for n in vitk2.__all__ if _LAZY.get(n, "vitk2._serial") == "vitk2._serial")


class CoreDirective(SphinxDirective):
    """The core names of ``vitk2``, one autodoc directive each.

    (``automodule:: vitk2`` with an explicit ``:members:`` list documents all of ``__all__``
    under Sphinx 9, so the list is spelled out here.)
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        lines = []
        for name in core_names():
            obj = getattr(vitk2, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                kind = "autoexception"
            elif isinstance(obj, type):
                kind = "autoclass"
            elif callable(obj):
                kind = "autofunction"
            else:
                kind = "autodata"
            lines += [f".. {kind}:: vitk2.{name}", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="vitk2-core"), 0, container)
        return list(container.children)


def _real_attrs_defaults(_app: Sphinx, obj: Any, _bound_method: bool) -> None:
    func = getattr(obj, "__func__", obj)
    code = getattr(func, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return
    fields = {a.alias: a for a in func.__globals__.get("attr_dict", {}).values()}
    func.__dict__.pop("__signature__", None)
    sig = inspect.signature(func)
    params = []
    for p in sig.parameters.values():
        default = p.default
        if default is attrs.NOTHING and p.name in fields:
            factory = fields[p.name].default
            if isinstance(factory, attrs.Factory):  # type: ignore[arg-type]
                default = DefaultValue(f"{getattr(factory.factory, '__name__', 'factory')}()")
        params.append(p.replace(default=default))
    func.__signature__ = sig.replace(parameters=params)


def _defining_module(area: str, name: str) -> str | None:
    """The private module *area* imports *name* from, read from the area module's source."""
    source = inspect.getsource(import_module(area))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
            return node.module
    return None


def _is_public_constant(module: str, name: str) -> bool:
    if module != "vitk2" and not module.startswith("vitk2."):
        return False
    return name.isupper() and name in import_module(module).__all__


class AreaConstantsDirective(SphinxDirective):
    """The constants an area module re-exports (``MAX_DAYS``), one ``autodata`` each.

    ``automodule`` skips them: a constant has no ``__module__`` of its own (an int's is
    ``builtins``), so autodoc takes it for an import from elsewhere.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        module = self.arguments[0]
        lines = []
        for name in import_module(module).__all__:
            if _is_public_constant(module, name):
                lines.append(f".. autodata:: {module}.{name}")
                if len(repr(getattr(import_module(module), name))) > 80:
                    lines.append("   :no-value:")  # a table: its entries are documented
                lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="vitk2-constants"), 0, container)
        return list(container.children)


def _area_constant_docs(
    _app: Sphinx, what: str, name: str, _obj: Any, _options: Any, lines: list[str]
) -> None:
    module, _, attr = name.rpartition(".")
    if what != "data" or not _is_public_constant(module, attr):
        return
    defining = _defining_module(module, attr)
    found = None if defining is None else ModuleAnalyzer.for_module(defining).find_attr_docs()
    text = (found or {}).get(("", attr))
    lines[:] = list(text) if text else []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("vitk2-core", CoreDirective)
    app.add_directive("vitk2-constants", AreaConstantsDirective)
    app.connect("autodoc-before-process-signature", _real_attrs_defaults)
    app.connect("autodoc-process-docstring", _area_constant_docs)
    return {"parallel_read_safe": True}
