"""Intakes: reference intakes (AI, RDA) and upper limits, by authority and life stage.

Also the percent of a reference intake that an amount covers.

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
    percent_of_reference,
    reference_intake,
    upper_limit,
)

__all__ = [
    "AUTHORITIES",
    "Authority",
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
    "percent_of_reference",
    "reference_intake",
    "upper_limit",
]
