"""Test configuration: Hypothesis profiles.

``ci`` is deterministic (derandomized, no deadline) so a CI run is reproducible; ``dev`` is the
default for local runs.  Select with ``HYPOTHESIS_PROFILE=ci``; CI sets it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=150,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
# tools/mutation.py: deterministic and small, so one mutant's test run takes seconds.
settings.register_profile(
    "mutation", derandomize=True, deadline=None, max_examples=10, database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _no_cached_parses_under_mutation() -> None:
    """Under mutmut (tools/mutation.py), start each test with empty parse caches.

    mutmut forks each mutant's run from a process that has already run the tests once, so a
    result cached by the unmutated code would hide the mutant.
    """
    if "MUTANT_UNDER_TEST" in os.environ:
        from vitk2 import _amounts, _units

        _amounts._parse_cached.cache_clear()
        _units._lookup_unit.cache_clear()
        _units._units_of.cache_clear()


def with_sources(monkeypatch: pytest.MonkeyPatch, entries: list[dict[str, Any]]) -> Iterator[None]:
    """For a fixture: *entries* as a sources file beside the packaged ones, while it lasts."""
    from vitk2 import _sources

    packaged = list(_sources._files())

    def files() -> Iterator[tuple[str, str]]:
        yield from packaged
        yield "fixture.json", json.dumps(entries)

    _sources._registry.cache_clear()
    monkeypatch.setattr(_sources, "_files", files)
    yield
    _sources._registry.cache_clear()


# tests/typing/api.py pins the typing surface for mypy; it is never executed.
collect_ignore = ["typing"]
