"""Intakes: reference intakes (AI, RDA) and upper limits, by authority, edition and life stage.

Also what each reference counts (its basis), the percent of a reference that an intake covers
counted on that basis, and the named equivalents (MK-4 equivalents, phylloquinone equivalents).

>>> import vitk2
>>> import vitk2.intakes
>>> vitk2.intakes.authority is vitk2.authority
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._intakes import (
    AUTHORITIES,
    Authority,
    Basis,
    CountedVitamer,
    InvalidLifeStageError,
    LifeStage,
    MissingInputError,
    NoReferenceValueError,
    PercentOfReference,
    ReferenceIntake,
    UnknownAuthorityError,
    UpperLimit,
    all_reference_intakes,
    authority,
    mk4_equivalents,
    percent_of_reference,
    phylloquinone_equivalents,
    reference_basis,
    reference_intake,
    upper_limit,
)

__all__ = [
    "AUTHORITIES",
    "Authority",
    "Basis",
    "CountedVitamer",
    "InvalidLifeStageError",
    "LifeStage",
    "MissingInputError",
    "NoReferenceValueError",
    "PercentOfReference",
    "ReferenceIntake",
    "UnknownAuthorityError",
    "UpperLimit",
    "all_reference_intakes",
    "authority",
    "mk4_equivalents",
    "percent_of_reference",
    "phylloquinone_equivalents",
    "reference_basis",
    "reference_intake",
    "upper_limit",
]
