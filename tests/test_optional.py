"""Optional dependencies: a missing package is a clear vitk2 error naming the extra."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from vitk2 import DailyDose, OptionalDependencyError, Vitk2Error, divide, to_ical
from vitk2._optional import require


def _hide(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = importlib.util.find_spec

    def find_spec(module: str, *args: Any) -> Any:
        return None if module == name else real(module, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def test_the_error_is_public_and_both_a_vitk2_and_an_import_error() -> None:
    assert vitk2.OptionalDependencyError is OptionalDependencyError
    assert issubclass(OptionalDependencyError, Vitk2Error)
    assert issubclass(OptionalDependencyError, ImportError)
    assert OptionalDependencyError.__module__ == "vitk2"


def test_an_installed_package_passes() -> None:
    require("json", "none", "a test")  # no error


FEATURES = st.from_regex(r"[a-z]{3,10}\(\)", fullmatch=True)


@given(st.sampled_from(["ical", "numpy", "plot"]), FEATURES)
def test_a_missing_package_names_the_extra_and_the_feature(extra: str, feature: str) -> None:
    with pytest.raises(OptionalDependencyError) as caught:
        require("vitk2_no_such_package", extra, feature)
    text = str(caught.value)
    assert text.startswith(f"{feature} needs the optional package 'vitk2_no_such_package'")
    assert f"pip install 'vitk2[{extra}]'" in text


def test_to_ical_without_icalendar_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    schedule = divide(DailyDose("MK-4", "45 mg/day"), 3)
    _hide(monkeypatch, "icalendar")
    with pytest.raises(OptionalDependencyError, match=r"to_ical\(\).*vitk2\[ical\]"):
        to_ical(schedule, dt.date(2026, 1, 5), days=2, tz="UTC")
