"""Evidence: what trials of vitamin K found, by outcome and dose, and the doses they used.

The evidence map: :func:`evidence` (``from vitk2.evidence import evidence``) answers "which
trials measured this outcome, at which doses, and what did they find?" from structured
:class:`Trial` and :class:`MetaAnalysis` records, each figure quoted from and cited to the
paper's own text.  Retracted trials are left out by default, and every answer says what it
left out.  :func:`plot_evidence` draws an answer.

The older catalogue of dose arms (:class:`Study`, :func:`studies`, :func:`dose_in_context`)
places a dose among the doses trials used.

>>> import vitk2
>>> from vitk2 import evidence
>>> evidence.study is vitk2.study
True

Every name here is also importable from the top level, ``vitk2``, except the function
:func:`evidence` itself: at the top level, ``vitk2.evidence`` is this module.
"""

from __future__ import annotations

from vitk2._errors import EvidenceQueryError, TrialDataError, UnknownTrialError
from vitk2._evidence import EvidenceAnswer, EvidenceQuery, EvidenceRow, Exclusion
from vitk2._evidence import evidence as evidence  # noqa: PLC0414 - re-exported, see __all__
from vitk2._evidence_plot import plot_evidence
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
from vitk2._trials import (
    AREAS,
    DIRECTIONS,
    POPULATION_TAGS,
    AdverseEvents,
    Arm,
    Design,
    IntegrityNotice,
    MetaAnalysis,
    OutcomeResult,
    PooledEstimate,
    Trial,
    all_meta_analyses,
    all_trials,
    meta_analysis,
    trial,
)

# `evidence` (the function) is imported from here by name, `from vitk2.evidence import evidence`,
# and is left out of `__all__`: `vitk2.evidence` at the top level is this module, and the star
# import that types the lazy names would make it the function.
__all__ = [
    "AREAS",
    "DIRECTIONS",
    "OUTCOME_AREAS",
    "POPULATION_TAGS",
    "AdverseEvents",
    "Arm",
    "Design",
    "Division",
    "DoseInContext",
    "EvidenceAnswer",
    "EvidenceQuery",
    "EvidenceQueryError",
    "EvidenceRow",
    "Exclusion",
    "IntegrityNotice",
    "MetaAnalysis",
    "OutcomeResult",
    "PooledEstimate",
    "Study",
    "Trial",
    "TrialDataError",
    "UnknownOutcomeError",
    "UnknownTrialError",
    "all_meta_analyses",
    "all_studies",
    "all_trials",
    "dose_in_context",
    "meta_analysis",
    "plot_evidence",
    "studies",
    "study",
    "trial",
]
