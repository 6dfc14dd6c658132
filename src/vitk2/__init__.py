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
from vitk2._exports import (
    UCUM_SYSTEM,
    EventRow,
    EventTable,
    to_event_table,
    to_fhir_dosage,
    to_ical,
    when_code,
)
from vitk2._pk import (
    MissingPharmacokineticsError,
    OneCompartmentModel,
    PKMetrics,
    PKParameter,
    ScheduleComparison,
    Simulation,
    absorption_rate,
    accumulation_index,
    compare_schedules,
    pk_metrics,
    pk_model,
    plot_concentration,
    simulate,
)
from vitk2._schedules import (
    Administration,
    Anchor,
    DoseEvent,
    InfeasibleScheduleError,
    MealAnchor,
    OptionalDependencyError,
    Schedule,
    ScheduleError,
    UnitCount,
    UnknownTimeZoneError,
    anchor,
    default_anchors,
    divide,
)
from vitk2._sources import Citation, all_citations, citation
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
    "DIHYDRO_K1",
    "K1",
    "K3",
    "MK4",
    "MK7",
    "MK9",
    "NOT_MEDICAL_ADVICE",
    "UCUM_SYSTEM",
    "Administration",
    "AmbiguousNameError",
    "Amount",
    "Anchor",
    "BareNumberError",
    "Citation",
    "Comparison",
    "DailyDose",
    "DimensionError",
    "DoseEvent",
    "EventRow",
    "EventTable",
    "Identifiers",
    "IncompatibleVitamersError",
    "InfeasibleScheduleError",
    "InvalidAmountError",
    "MealAnchor",
    "MissingPharmacokineticsError",
    "NoInternationalUnitError",
    "NotFoundError",
    "OneCompartmentModel",
    "OptionalDependencyError",
    "PKMetrics",
    "PKParameter",
    "PharmacokineticValue",
    "Schedule",
    "ScheduleComparison",
    "ScheduleError",
    "Simulation",
    "UnitCount",
    "UnitParseError",
    "UnknownTimeZoneError",
    "UnknownVitamerError",
    "Vitamer",
    "Vitk2Error",
    "Vitk2Warning",
    "absorption_rate",
    "accumulation_index",
    "all_citations",
    "all_vitamers",
    "anchor",
    "citation",
    "compare",
    "compare_schedules",
    "default_anchors",
    "divide",
    "menaquinone",
    "parse_amount",
    "parse_daily_dose",
    "pk_metrics",
    "pk_model",
    "plot_concentration",
    "simulate",
    "to_event_table",
    "to_fhir_dosage",
    "to_ical",
    "total",
    "vitamer",
    "when_code",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("vitk2")
    msg = f"module 'vitk2' has no attribute {name!r}"
    raise AttributeError(msg)
