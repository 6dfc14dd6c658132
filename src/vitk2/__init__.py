"""vitk2: unit-safe, cited, typed vitamin K2 (and K1, K3) amounts.

Not medical advice: vitk2 converts, compares and cites; it does not prescribe.

>>> import vitk2
>>> vitk2.parse_amount("0.1 mg MK-7").to("ug")
<Quantity(100, 'microgram')>
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

if TYPE_CHECKING:
    from vitk2._foods import (
        FOOD_VITAMERS,
        AmbiguousMeasureError,
        BulkTotals,
        ContentMeasurement,
        Diary,
        DiaryEntry,
        DiaryTotals,
        Food,
        FoodContent,
        FoodInputError,
        HouseholdMeasure,
        UnknownFoodError,
        UnknownMeasureError,
        VitamerTotal,
        all_food_ids,
        bulk_totals,
        food,
        search_foods,
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

# Names whose modules load on first use, so that `import vitk2` stays as cheap as `import pint`
# (the food tables and the interaction catalogue are read only when first used).
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "FOOD_VITAMERS",
            "AmbiguousMeasureError",
            "BulkTotals",
            "ContentMeasurement",
            "Diary",
            "DiaryEntry",
            "DiaryTotals",
            "Food",
            "FoodContent",
            "FoodInputError",
            "HouseholdMeasure",
            "UnknownFoodError",
            "UnknownMeasureError",
            "VitamerTotal",
            "all_food_ids",
            "bulk_totals",
            "food",
            "search_foods",
        ),
        "vitk2._foods",
    ),
    **dict.fromkeys(
        (
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
        ),
        "vitk2._interactions",
    ),
}

__all__ = [
    "AUTHORITIES",
    "DIHYDRO_K1",
    "FOOD_VITAMERS",
    "K1",
    "K3",
    "MK4",
    "MK7",
    "MK9",
    "NOT_MEDICAL_ADVICE",
    "OUTCOME_AREAS",
    "AmbiguousMeasureError",
    "AmbiguousNameError",
    "Amount",
    "Authority",
    "BareNumberError",
    "BulkTotals",
    "Citation",
    "Comparison",
    "ContentMeasurement",
    "DailyDose",
    "Diary",
    "DiaryEntry",
    "DiaryTotals",
    "DimensionError",
    "Direction",
    "Division",
    "DoseInContext",
    "Finding",
    "Food",
    "FoodContent",
    "FoodInputError",
    "HouseholdMeasure",
    "Identifiers",
    "IncompatibleVitamersError",
    "InteractionInputError",
    "InteractionReport",
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
    "Severity",
    "Study",
    "Substance",
    "UnitParseError",
    "UnknownAuthorityError",
    "UnknownFoodError",
    "UnknownMeasureError",
    "UnknownOutcomeError",
    "UnknownVitamerError",
    "UpperLimit",
    "Vitamer",
    "VitamerTotal",
    "Vitk2Error",
    "Vitk2Warning",
    "all_citations",
    "all_food_ids",
    "all_reference_intakes",
    "all_studies",
    "all_substances",
    "all_vitamers",
    "authority",
    "bulk_totals",
    "check_interactions",
    "citation",
    "compare",
    "dose_in_context",
    "food",
    "menaquinone",
    "normalize_medication_name",
    "parse_amount",
    "parse_daily_dose",
    "percent_of_reference",
    "reference_intake",
    "search_foods",
    "studies",
    "study",
    "substance",
    "total",
    "upper_limit",
    "vitamer",
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
