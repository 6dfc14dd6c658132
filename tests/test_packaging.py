"""Packaging: version from metadata, py.typed shipped, a clean public surface."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from importlib import resources

import pytest

import vitk2


def test_version_comes_from_metadata() -> None:
    assert vitk2.__version__ == importlib.metadata.version("vitk2")


def test_py_typed_ships() -> None:
    assert resources.files("vitk2").joinpath("py.typed").is_file()


def test_all_is_static_sorted_and_resolvable() -> None:
    names = vitk2.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(vitk2, name) is not None, name


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="does_not_exist"):
        vitk2.does_not_exist  # noqa: B018


def test_import_loads_little_beyond_pint() -> None:
    # `import vitk2` must not read data or import optional packages: compare with pint alone.
    code = (
        "import sys\n"
        "import pint\n"
        "before = set(sys.modules)\n"
        "import vitk2\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    added = out.stdout.split()
    assert all(m.startswith(ALLOWED) for m in added), added
    lazy = (
        "_food", "_diaries", "_portions", "_interactions", "_interaction", "_medication",
        "_intakes", "_studies", "_schedules", "_pk", "_exports", "_export", "_cli", "_labels",
        "_optional", "_serial",
    )
    assert not any(m.startswith(tuple(f"vitk2.{x}" for x in lazy)) for m in added), added


def test_lazy_names_resolve_and_are_listed() -> None:
    for name in vitk2.__all__:
        assert name in dir(vitk2)
    assert vitk2.check_interactions.__module__ == "vitk2._interactions"


ALLOWED = ("vitk2", "attr", "difflib", "heapq", "_heapq", "unicodedata", "importlib")


def test_not_medical_advice_is_said() -> None:
    assert "not medical advice" in vitk2.NOT_MEDICAL_ADVICE
    assert "not medical advice" in (vitk2.__doc__ or "").lower()


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_lazy_table_matches_each_module() -> None:
    import importlib

    from vitk2 import _LAZY

    modules = set(_LAZY.values())
    for module_name in modules:
        module = importlib.import_module(module_name)
        listed = {name for name, mod in _LAZY.items() if mod == module_name}
        assert listed == set(module.__all__) & listed, module_name
        assert listed <= set(vitk2.__all__), module_name


def test_every_error_class_is_public_and_named_publicly() -> None:
    for name in vitk2.__all__:
        getattr(vitk2, name)  # load every lazy module
    for cls in _subclasses(vitk2.Vitk2Error):
        assert cls.__module__ == "vitk2", cls
        assert getattr(vitk2, cls.__name__) is cls, cls
        assert issubclass(cls, ValueError | LookupError | TypeError | ImportError), cls
