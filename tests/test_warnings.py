"""vitk2's warnings: one family under Vitk2Warning, each raised where vitk2 departs from a request
or rests on an assumption, and each documented on the warnings page."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from vitk2 import AssumptionWarning, DailyDose, RoundingWarning, Vitk2Warning, divide
from vitk2._errors import warn_assumption

DOCS = Path(__file__).parent.parent / "docs" / "warnings.md"
WORDS = st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30)


def _warning_classes() -> set[type]:
    found: set[type] = set()
    todo: list[type] = [Vitk2Warning]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_the_family() -> None:
    assert issubclass(Vitk2Warning, UserWarning)
    for cls in (AssumptionWarning, RoundingWarning):
        assert issubclass(cls, Vitk2Warning)
        assert cls.__module__ == "vitk2"
        assert getattr(vitk2, cls.__name__) is cls
    assert not issubclass(AssumptionWarning, RoundingWarning)
    assert not issubclass(RoundingWarning, AssumptionWarning)


def test_every_warning_class_is_documented_on_the_warnings_page() -> None:
    text = DOCS.read_text(encoding="utf-8")
    headed = set(re.findall(r"^## `vitk2\.(\w+)`", text, flags=re.MULTILINE))
    assert headed == {cls.__name__ for cls in _warning_classes()}


@given(WORDS, WORDS, WORDS, WORDS)
def test_warn_assumption_names_the_value_the_reason_and_the_way_out(
    what: str, value: str, reason: str, instead: str
) -> None:
    with pytest.warns(AssumptionWarning) as caught:
        warn_assumption(what, value, reason, instead=instead)
    assert len(caught) == 1
    said = str(caught[0].message)
    assert said.startswith(f"{what} uses an assumed value, {value}, not a sourced one: ")
    assert said.endswith(f"{reason}; to avoid the assumption, {instead}")


def _library_function() -> None:
    warn_assumption("f()", "x", "y", instead="z")  # stacklevel=2: the caller of this function


def test_warn_assumption_points_at_the_users_line() -> None:
    with pytest.warns(AssumptionWarning) as caught:
        _library_function()  # this line
    assert caught[0].filename == __file__
    first = test_warn_assumption_points_at_the_users_line.__code__.co_firstlineno
    assert caught[0].lineno == first + 2


def test_one_filter_on_the_base_class_silences_or_escalates_them_all() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Vitk2Warning)
        divide(DailyDose("MK-7", "180 µg/day"), 2, unit_strengths="100 µg", allow_rounding=True)
        warn_assumption("f()", "x", "y", instead="z")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Vitk2Warning)
        with pytest.raises(RoundingWarning, match="scheduled 200 µg/day MK-7 instead"):
            divide(DailyDose("MK-7", "180 µg/day"), 2, unit_strengths="100 µg",
                   allow_rounding=True)
