"""vitk2: unit-safe, cited, typed vitamin K2 (and K1, K3) amounts.

Not medical advice: vitk2 converts, compares and cites; it does not prescribe.

>>> import vitk2
>>> vitk2.parse_amount("0.1 mg MK-7").to("ug")
<Quantity(100, 'microgram')>
"""

from __future__ import annotations

from typing import Any

from vitk2._amounts import (
    Amount,
    Comparison,
    DailyDose,
    compare,
    parse_amount,
    parse_daily_dose,
    total,
)
from vitk2._errors import (
    AmbiguousNameError,
    BareNumberError,
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    NoInternationalUnitError,
    NotFoundError,
    UnitParseError,
    UnknownVitamerError,
    Vitk2Error,
    Vitk2Warning,
)
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
from vitk2._sources import Citation, all_citations, citation
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
from vitk2._vitamers import (
    DIHYDRO_K1,
    K1,
    K3,
    MK4,
    MK7,
    MK9,
    Identifiers,
    PharmacokineticValue,
    Vitamer,
    all_vitamers,
    menaquinone,
    vitamer,
)

NOT_MEDICAL_ADVICE = (
    "vitk2 is not medical advice. It converts, compares and cites published figures; "
    "decisions about doses and medicines belong to a clinician who knows the patient."
)

__all__ = [
    "AUTHORITIES",
    "DIHYDRO_K1",
    "K1",
    "K3",
    "MK4",
    "MK7",
    "MK9",
    "NOT_MEDICAL_ADVICE",
    "OUTCOME_AREAS",
    "AmbiguousNameError",
    "Amount",
    "Authority",
    "BareNumberError",
    "Citation",
    "Comparison",
    "DailyDose",
    "DimensionError",
    "Division",
    "DoseInContext",
    "Identifiers",
    "IncompatibleVitamersError",
    "InvalidAmountError",
    "InvalidLifeStageError",
    "LifeStage",
    "MissingInputError",
    "NoInternationalUnitError",
    "NoReferenceValueError",
    "NotFoundError",
    "PercentOfReference",
    "PharmacokineticValue",
    "ReferenceIntake",
    "Study",
    "UnitParseError",
    "UnknownAuthorityError",
    "UnknownOutcomeError",
    "UnknownVitamerError",
    "UpperLimit",
    "Vitamer",
    "Vitk2Error",
    "Vitk2Warning",
    "all_citations",
    "all_reference_intakes",
    "all_studies",
    "all_vitamers",
    "authority",
    "citation",
    "compare",
    "dose_in_context",
    "menaquinone",
    "parse_amount",
    "parse_daily_dose",
    "percent_of_reference",
    "reference_intake",
    "studies",
    "study",
    "total",
    "upper_limit",
    "vitamer",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("vitk2")
    msg = f"module 'vitk2' has no attribute {name!r}"
    raise AttributeError(msg)
