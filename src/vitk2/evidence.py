"""Evidence: the catalogue of vitamin K studies, their doses, outcomes and divisions.

Also a dose put in the context of the doses those studies used.

>>> import vitk2
>>> from vitk2 import evidence
>>> evidence.study is vitk2.study
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._studies import (
    OUTCOME_AREAS,
    Division,
    DoseInContext,
    Study,
    UnknownOutcomeError,
    all_studies,
    dose_in_context,
    studies,
    study,
)

__all__ = [
    "OUTCOME_AREAS",
    "Division",
    "DoseInContext",
    "Study",
    "UnknownOutcomeError",
    "all_studies",
    "dose_in_context",
    "studies",
    "study",
]
