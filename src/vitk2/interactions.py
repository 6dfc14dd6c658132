"""Interactions: vitamin K and medications, checked fail-closed, with a cited report.

Warfarin and the other vitamin K antagonists, and the other substances of the catalogue.

>>> import vitk2
>>> from vitk2 import interactions
>>> interactions.check_interactions is vitk2.check_interactions
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._interaction_catalogue import (
    Direction,
    Severity,
    Substance,
    all_substances,
    substance,
)
from vitk2._interaction_report import (
    Finding,
    InteractionReport,
)
from vitk2._interactions import check_interactions
from vitk2._medication_names import (
    InteractionInputError,
    normalize_medication_name,
)

__all__ = [
    "Direction",
    "Finding",
    "InteractionInputError",
    "InteractionReport",
    "Severity",
    "Substance",
    "all_substances",
    "check_interactions",
    "normalize_medication_name",
    "substance",
]
