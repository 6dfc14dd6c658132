"""vitk2: unit-safe, cited, typed vitamin K2 (and K1, K3) amounts.

Not medical advice: vitk2 converts, compares and cites; it does not prescribe.

>>> import vitk2
>>> print(vitk2.parse_amount("0.1 mg MK-7").to("mg"))
0.1 milligram
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import (
    Amount,
    Comparison,
    DailyDose,
    compare,
    parse_amount,
    parse_daily_dose,
    parse_dose,
    total,
)
from vitk2._errors import (
    AmbiguousNameError,
    AssumptionWarning,
    BareNumberError,
    ConflictingVitamerNamesError,
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    LabelError,
    NoInternationalUnitError,
    NotFoundError,
    OperandError,
    RoundingWarning,
    SerializationError,
    UnitParseError,
    UnknownVitamerError,
    Vitk2Error,
    Vitk2Warning,
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
    TradeName,
    Vitamer,
    VitamerPhrase,
    all_vitamers,
    menaquinone,
    read_vitamer_phrase,
    trade_names,
    vitamer,
)

if TYPE_CHECKING:
    from vitk2._diaries import Diary, DiaryEntry, DiaryTotals, UnknownEntries, VitamerTotal
    from vitk2._export_events import EventRow, EventTable, to_event_table
    from vitk2._export_fhir import UCUM_SYSTEM, to_fhir_dosage, when_code
    from vitk2._export_ical import to_ical
    from vitk2._food_bulk import BulkTotals, bulk_totals
    from vitk2._food_errors import (
        AmbiguousMeasureError,
        FoodInputError,
        UnknownFoodError,
        UnknownMeasureError,
    )
    from vitk2._food_lookup import all_food_ids, food
    from vitk2._food_records import (
        FOOD_VITAMERS,
        ContentMeasurement,
        Food,
        FoodContent,
        HouseholdMeasure,
    )
    from vitk2._food_search import search_foods
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
    from vitk2._interactions import (
        Direction,
        Finding,
        InteractionInputError,
        InteractionReport,
        Severity,
        Substance,
        all_substances,
        check_interactions,
        normalize_medication_name,
        substance,
    )
    from vitk2._labels import (
        LABEL_REFERENCES,
        PERCENT_ROUNDINGS,
        DeclaredPercent,
        LabelReference,
        LabelReport,
        OtherLine,
        PercentCheck,
        PercentRounding,
        UnreadLine,
        VitaminKLine,
        check_percent,
        read_label,
    )
    from vitk2._optional import OptionalDependencyError
    from vitk2._pk import (
        PKMetrics,
        ScheduleComparison,
        Simulation,
        accumulation_index,
        compare_schedules,
        pk_metrics,
        plot_concentration,
        simulate,
    )
    from vitk2._pk_models import (
        ExponentialTerm,
        MissingPharmacokineticsError,
        OneCompartmentModel,
        PKModel,
        PKParameter,
        TwoCompartmentModel,
        absorption_rate,
        dose_response,
        pk_model,
    )
    from vitk2._schedules import (
        MAX_DAYS,
        Administration,
        Anchor,
        DoseEvent,
        InfeasibleScheduleError,
        MealAnchor,
        Schedule,
        ScheduleError,
        UnitCount,
        UnknownTimeZoneError,
        anchor,
        check_days,
        count_dosing_days,
        default_anchors,
        divide,
        read_time_zone,
    )
    from vitk2._serial import from_dict, json_default, json_object_hook, to_dict
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

# Names whose modules load on first use, so that `import vitk2` stays as cheap as `import pint`
# (the food tables and the interaction catalogue are read only when first used; schedules,
# pharmacokinetics and exports are imported on first use too).
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
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
        ),
        "vitk2._intakes",
    ),
    **dict.fromkeys(
        (
            "OUTCOME_AREAS",
            "Division",
            "DoseInContext",
            "Study",
            "UnknownOutcomeError",
            "all_studies",
            "dose_in_context",
            "studies",
            "study",
        ),
        "vitk2._studies",
    ),
    **dict.fromkeys(
        (
            "FOOD_VITAMERS",
            "ContentMeasurement",
            "Food",
            "FoodContent",
            "HouseholdMeasure",
        ),
        "vitk2._food_records",
    ),
    **dict.fromkeys(
        (
            "AmbiguousMeasureError",
            "FoodInputError",
            "UnknownFoodError",
            "UnknownMeasureError",
        ),
        "vitk2._food_errors",
    ),
    **dict.fromkeys(
        (
            "BulkTotals",
            "bulk_totals",
        ),
        "vitk2._food_bulk",
    ),
    **dict.fromkeys(
        (
            "Diary",
            "DiaryEntry",
            "DiaryTotals",
            "UnknownEntries",
            "VitamerTotal",
        ),
        "vitk2._diaries",
    ),
    **dict.fromkeys(
        (
            "all_food_ids",
            "food",
        ),
        "vitk2._food_lookup",
    ),
    **dict.fromkeys(
        (
            "search_foods",
        ),
        "vitk2._food_search",
    ),
    **dict.fromkeys(
        ("Direction", "Severity", "Substance", "all_substances", "substance"),
        "vitk2._interaction_catalogue",
    ),
    **dict.fromkeys(("Finding", "InteractionReport"), "vitk2._interaction_report"),
    **dict.fromkeys(
        ("InteractionInputError", "normalize_medication_name"), "vitk2._medication_names"
    ),
    "check_interactions": "vitk2._interactions",
    **dict.fromkeys(("UCUM_SYSTEM", "to_fhir_dosage", "when_code"), "vitk2._export_fhir"),
    "to_ical": "vitk2._export_ical",
    **dict.fromkeys(("EventRow", "EventTable", "to_event_table"), "vitk2._export_events"),
    **dict.fromkeys(
        (
            "LABEL_REFERENCES",
            "PERCENT_ROUNDINGS",
            "DeclaredPercent",
            "LabelReference",
            "LabelReport",
            "OtherLine",
            "PercentCheck",
            "PercentRounding",
            "UnreadLine",
            "VitaminKLine",
            "check_percent",
            "read_label",
        ),
        "vitk2._labels",
    ),
    **dict.fromkeys(
        (
            "PKMetrics",
            "ScheduleComparison",
            "Simulation",
            "accumulation_index",
            "compare_schedules",
            "pk_metrics",
            "plot_concentration",
            "simulate",
        ),
        "vitk2._pk",
    ),
    **dict.fromkeys(
        (
            "ExponentialTerm",
            "MissingPharmacokineticsError",
            "OneCompartmentModel",
            "PKModel",
            "PKParameter",
            "TwoCompartmentModel",
            "absorption_rate",
            "dose_response",
            "pk_model",
        ),
        "vitk2._pk_models",
    ),
    **dict.fromkeys(
        (
            "Administration",
            "Anchor",
            "DoseEvent",
            "InfeasibleScheduleError",
            "MealAnchor",
            "Schedule",
            "ScheduleError",
            "UnitCount",
            "UnknownTimeZoneError",
            "MAX_DAYS",
            "anchor",
            "check_days",
            "count_dosing_days",
            "default_anchors",
            "divide",
            "read_time_zone",
        ),
        "vitk2._schedules",
    ),
    "OptionalDependencyError": "vitk2._optional",
    **dict.fromkeys(("from_dict", "json_default", "json_object_hook", "to_dict"), "vitk2._serial"),
}

__all__ = [
    "AUTHORITIES",
    "DIHYDRO_K1",
    "FOOD_VITAMERS",
    "K1",
    "K3",
    "LABEL_REFERENCES",
    "MAX_DAYS",
    "MK4",
    "MK7",
    "MK9",
    "NOT_MEDICAL_ADVICE",
    "OUTCOME_AREAS",
    "PERCENT_ROUNDINGS",
    "UCUM_SYSTEM",
    "Administration",
    "AmbiguousMeasureError",
    "AmbiguousNameError",
    "Amount",
    "Anchor",
    "AssumptionWarning",
    "Authority",
    "BareNumberError",
    "BulkTotals",
    "Citation",
    "Comparison",
    "ConflictingVitamerNamesError",
    "ContentMeasurement",
    "DailyDose",
    "DeclaredPercent",
    "Diary",
    "DiaryEntry",
    "DiaryTotals",
    "DimensionError",
    "Direction",
    "Division",
    "DoseEvent",
    "DoseInContext",
    "EventRow",
    "EventTable",
    "ExponentialTerm",
    "Finding",
    "Food",
    "FoodContent",
    "FoodInputError",
    "HouseholdMeasure",
    "Identifiers",
    "IncompatibleVitamersError",
    "InfeasibleScheduleError",
    "InteractionInputError",
    "InteractionReport",
    "InvalidAmountError",
    "InvalidLifeStageError",
    "LabelError",
    "LabelReference",
    "LabelReport",
    "LifeStage",
    "MealAnchor",
    "MissingInputError",
    "MissingPharmacokineticsError",
    "NoInternationalUnitError",
    "NoReferenceValueError",
    "NotFoundError",
    "OneCompartmentModel",
    "OperandError",
    "OptionalDependencyError",
    "OtherLine",
    "PKMetrics",
    "PKModel",
    "PKParameter",
    "PercentCheck",
    "PercentOfReference",
    "PercentRounding",
    "PharmacokineticValue",
    "ReferenceIntake",
    "RoundingWarning",
    "Schedule",
    "ScheduleComparison",
    "ScheduleError",
    "SerializationError",
    "Severity",
    "Simulation",
    "Study",
    "Substance",
    "TradeName",
    "TwoCompartmentModel",
    "UnitCount",
    "UnitParseError",
    "UnknownAuthorityError",
    "UnknownEntries",
    "UnknownFoodError",
    "UnknownMeasureError",
    "UnknownOutcomeError",
    "UnknownTimeZoneError",
    "UnknownVitamerError",
    "UnreadLine",
    "UpperLimit",
    "Vitamer",
    "VitamerPhrase",
    "VitamerTotal",
    "VitaminKLine",
    "Vitk2Error",
    "Vitk2Warning",
    "absorption_rate",
    "accumulation_index",
    "all_citations",
    "all_food_ids",
    "all_reference_intakes",
    "all_studies",
    "all_substances",
    "all_vitamers",
    "anchor",
    "authority",
    "bulk_totals",
    "check_days",
    "check_interactions",
    "check_percent",
    "citation",
    "compare",
    "compare_schedules",
    "count_dosing_days",
    "default_anchors",
    "divide",
    "dose_in_context",
    "dose_response",
    "food",
    "from_dict",
    "json_default",
    "json_object_hook",
    "menaquinone",
    "normalize_medication_name",
    "parse_amount",
    "parse_daily_dose",
    "parse_dose",
    "percent_of_reference",
    "pk_metrics",
    "pk_model",
    "plot_concentration",
    "read_label",
    "read_time_zone",
    "read_vitamer_phrase",
    "reference_intake",
    "search_foods",
    "simulate",
    "studies",
    "study",
    "substance",
    "to_dict",
    "to_event_table",
    "to_fhir_dosage",
    "to_ical",
    "total",
    "trade_names",
    "upper_limit",
    "vitamer",
    "when_code",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("vitk2")
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module 'vitk2' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
