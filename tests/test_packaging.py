"""Packaging: version from metadata, py.typed shipped, a clean public surface."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import vitk2


def test_version_comes_from_metadata() -> None:
    assert vitk2.__version__ == importlib.metadata.version("vitk2")


def test_py_typed_ships() -> None:
    assert resources.files("vitk2").joinpath("py.typed").is_file()


def test_all_is_static_sorted_and_resolvable() -> None:
    names = vitk2.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(vitk2, name) is not None, name


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="does_not_exist"):
        vitk2.does_not_exist  # noqa: B018


def test_import_loads_little_beyond_pint() -> None:
    # `import vitk2` must not read data or import optional packages: compare with pint alone.
    code = (
        "import sys\n"
        "import pint\n"
        "before = set(sys.modules)\n"
        "import vitk2\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    added = out.stdout.split()
    assert all(m.startswith(ALLOWED) for m in added), added
    lazy = (
        "_food", "_diaries", "_portions", "_interactions", "_interaction", "_medication",
        "_intakes", "_studies", "_schedule", "_pk", "_exports", "_export", "_cli", "_label",
        "_serial", "_trials", "_evidence", *(area.removeprefix("vitk2.") for area in AREAS),
    )
    assert not any(m.startswith(tuple(f"vitk2.{x}" for x in lazy)) for m in added), added


def test_lazy_names_resolve_and_are_listed() -> None:
    for name in vitk2.__all__:
        assert name in dir(vitk2)
    assert vitk2.check_interactions.__module__ == "vitk2._interactions"


ALLOWED = ("vitk2", "attr", "difflib", "heapq", "_heapq", "unicodedata", "importlib")


def test_not_medical_advice_is_said() -> None:
    assert "not medical advice" in vitk2.NOT_MEDICAL_ADVICE
    assert "not medical advice" in (vitk2.__doc__ or "").lower()


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_lazy_table_matches_each_module() -> None:
    import importlib

    from vitk2 import _LAZY

    modules = set(_LAZY.values())
    for module_name in modules:
        module = importlib.import_module(module_name)
        listed = {name for name, mod in _LAZY.items() if mod == module_name}
        assert listed == set(module.__all__) & listed, module_name
        assert listed <= set(vitk2.__all__), module_name


def test_every_error_class_is_public_and_named_publicly() -> None:
    for name in vitk2.__all__:
        getattr(vitk2, name)  # load every lazy module
    for cls in _subclasses(vitk2.Vitk2Error):
        assert cls.__module__ == "vitk2", cls
        assert getattr(vitk2, cls.__name__) is cls, cls
        assert issubclass(cls, ValueError | LookupError | TypeError | ImportError), cls


# --- the public areas -------------------------------------------------------------------------

AREAS = (
    "vitk2.cohort",
    "vitk2.evidence",
    "vitk2.export",
    "vitk2.foods",
    "vitk2.intakes",
    "vitk2.interactions",
    "vitk2.labels",
    "vitk2.pk",
    "vitk2.schedules",
)

# vitk2.__all__ before the areas existed: the areas moved nothing, so this set must not shrink.
NAMES_BEFORE_AREAS = frozenset(
    """
    AUTHORITIES DIHYDRO_K1 FOOD_VITAMERS K1 K3 LABEL_REFERENCES MAX_DAYS MK4 MK7 MK9
    NOT_MEDICAL_ADVICE OUTCOME_AREAS PERCENT_ROUNDINGS UCUM_SYSTEM Administration
    AmbiguousMeasureError AmbiguousNameError Amount Anchor AssumptionWarning Authority
    BareNumberError BulkTotals Citation Comparison ConflictingVitamerNamesError
    ContentMeasurement DailyDose DeclaredPercent Diary DiaryEntry DiaryTotals DimensionError
    Direction Division DoseEvent DoseInContext EventRow EventTable ExponentialTerm Finding Food
    FoodContent FoodInputError HouseholdMeasure Identifiers IncompatibleVitamersError
    InfeasibleScheduleError InteractionInputError InteractionReport InvalidAmountError
    InvalidLifeStageError LabelError LabelReference LabelReport LifeStage MealAnchor
    MissingInputError MissingPharmacokineticsError NoInternationalUnitError NoReferenceValueError
    NotFoundError OneCompartmentModel OperandError OptionalDependencyError OtherLine PKMetrics
    PKModel PKParameter PercentCheck PercentOfReference PercentRounding PharmacokineticValue
    ReferenceIntake RoundingWarning Schedule ScheduleComparison ScheduleError SerializationError
    Severity Simulation Study Substance TradeName TwoCompartmentModel UnitCount UnitParseError
    UnknownAuthorityError UnknownEntries UnknownFoodError UnknownMeasureError UnknownOutcomeError
    UnknownTimeZoneError UnknownVitamerError UnreadLine UpperLimit Vitamer VitamerPhrase
    VitamerTotal VitaminKLine Vitk2Error Vitk2Warning absorption_rate accumulation_index
    all_citations all_food_ids all_reference_intakes all_studies all_substances all_vitamers
    anchor authority bulk_totals check_days check_interactions check_percent citation compare
    compare_schedules count_dosing_days default_anchors divide dose_in_context dose_response food
    from_dict json_default json_object_hook menaquinone normalize_medication_name parse_amount
    parse_daily_dose parse_dose percent_of_reference pk_metrics pk_model plot_concentration
    read_label read_time_zone read_vitamer_phrase reference_intake search_foods simulate studies
    study substance to_dict to_event_table to_fhir_dosage to_ical total trade_names upper_limit
    vitamer when_code
    """.split()  # noqa: SIM905 -- a compact snapshot, 150 names
)
# Names added since, by issue: the snapshot above must not shrink, and every addition is listed.
NAMES_ADDED = frozenset(
    {
        # issue 13: cross-table views, rankings, forgiving search, diary consistency
        "ConsistencyReport",
        "CrossTableContent",
        "DayIntake",
        "FoodAcrossTables",
        "FoodRanking",
        "IntakeVariation",
        "RankedFood",
        "TableValue",
        "corrected_words",
        "food_across_tables",
        "intake_consistency",
        "richest_foods",
        # issue 13: tables read from the user's own download, totals of several forms
        "FoodTableFileError",
        "NotOneVitamerError",
        "VITAMIN_K_TOTALS",
        "VitaminKTotal",
        "load_frida",
        "load_nevo",
        "unload_frida",
        "unload_nevo",
        # issue 14: FHIR route and MedicationStatement
        "SNOMED_SYSTEM",
        "to_fhir_medication_statement",
        # issue 11: the evidence map (trials, meta-analyses, questions, the plot)
        "AREAS",
        "DIRECTIONS",
        "POPULATION_TAGS",
        "AdverseEvents",
        "Arm",
        "Design",
        "EvidenceAnswer",
        "EvidenceQuery",
        "EvidenceQueryError",
        "EvidenceRow",
        "Exclusion",
        "IntegrityNotice",
        "MetaAnalysis",
        "OutcomeResult",
        "PooledEstimate",
        "Trial",
        "TrialDataError",
        "UnknownTrialError",
        "all_meta_analyses",
        "all_trials",
        "meta_analysis",
        "plot_evidence",
        "trial",
        # issue 12: what each reference counts, and the named equivalents
        "Basis",
        "CountedVitamer",
        "mk4_equivalents",
        "phylloquinone_equivalents",
        "reference_basis",
        # issue 15: cohort totals
        "COHORT_ROWS",
        "COHORT_VITAMERS",
        "BadRow",
        "CohortInputError",
        "bad_records",
        "cohort_totals",
    }
)


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.parametrize("area", AREAS)
def test_area_names_are_the_top_level_objects(area: str) -> None:
    import importlib

    module = importlib.import_module(area)
    assert module.__doc__, area
    assert module.__all__ == sorted(module.__all__, key=lambda n: (not n.isupper(), n)), area
    for name in module.__all__:
        assert getattr(module, name) is getattr(vitk2, name), (area, name)


# Public in an area but not in its __all__, each with its reason: vitk2.evidence.evidence shares
# its area's name, and `vitk2.evidence` at the top level must stay the module.
OUTSIDE_ALL = {"vitk2.evidence": {"evidence"}}


@pytest.mark.parametrize("area", AREAS)
def test_an_area_is_a_thin_module(area: str) -> None:
    # Re-exports and a docstring, nothing else: no logic, no stray public names.
    import importlib

    module = importlib.import_module(area)
    public = {n for n in vars(module) if not n.startswith("_")} - {"annotations"}
    assert public == set(module.__all__) | OUTSIDE_ALL.get(area, set()), area
    for name in module.__all__:
        defined_in = getattr(getattr(module, name), "__module__", None)
        assert defined_in is None or defined_in != area, (area, name)


@pytest.mark.parametrize("area", AREAS)
def test_an_area_imports_in_a_fresh_interpreter_and_loads_only_its_own(area: str) -> None:
    code = (
        "import sys\n"
        f"import {area}\n"
        f"print({area}.__all__[0] in dir({area}))\n"
        "print(' '.join(m for m in sys.modules if m.startswith('vitk2.')))\n"
    )
    found, loaded = _fresh(code).splitlines()
    assert found == "True"
    others = [a for a in AREAS if a != area]
    assert not set(loaded.split()) & set(others), loaded


def test_the_static_lists_are_the_modules_lists() -> None:
    # vitk2 reads each area's __all__ from its source without importing it: it must read it right.
    import importlib

    from vitk2 import _LAZY_MODULES, _static_all

    assert set(_LAZY_MODULES) == {*AREAS, "vitk2._serial"}
    for module in _LAZY_MODULES:
        assert _static_all(module) == list(importlib.import_module(module).__all__), module


def test_areas_and_core_make_up_the_top_level_exactly() -> None:
    import importlib

    core = set(
        _fresh(
            "import vitk2\nprint(' '.join(n for n in vitk2.__all__ if n in vars(vitk2)))"
        ).split()
    )
    areas: list[str] = []
    for area in (*AREAS, "vitk2._serial"):
        areas += importlib.import_module(area).__all__
    assert len(areas) == len(set(areas)), "a name is in two areas"
    assert not core & set(areas), core & set(areas)
    assert core | set(areas) == set(vitk2.__all__)


def test_top_level_names_and_dir_are_unchanged_by_the_areas() -> None:
    names = NAMES_BEFORE_AREAS | NAMES_ADDED
    assert set(vitk2.__all__) == names
    shown = _fresh("import vitk2\nprint(' '.join(dir(vitk2)))").split()
    assert {n for n in shown if not n.startswith("_")} == names | {
        "Any",
        "TYPE_CHECKING",
        "annotations",
    }


def test_a_module_without_a_literal_all_is_a_clear_error() -> None:
    from vitk2 import _static_all

    assert _static_all("vitk2._advice") == ["NOT_MEDICAL_ADVICE"]  # a one-line list reads too
    with pytest.raises(ImportError, match=r"vitk2\.__main__ has no literal __all__"):
        _static_all("vitk2.__main__")


@pytest.mark.parametrize("area", AREAS)
def test_each_area_has_its_reference_page(area: str) -> None:
    docs = Path(__file__).parent.parent / "docs"
    stem = area.removeprefix("vitk2.")
    page = (docs / "api" / f"{stem}.md").read_text(encoding="utf-8")
    assert f".. automodule:: {area}\n" in page
    # automodule skips re-exported constants (MAX_DAYS, LABEL_REFERENCES); this lists them
    assert f".. vitk2-constants:: {area}\n" in page
    assert f"\napi/{stem}\n" in (docs / "api.md").read_text(encoding="utf-8")


def test_an_area_is_an_attribute_of_vitk2_after_a_plain_import() -> None:
    code = (
        "import sys\n"
        "import vitk2\n"
        "print('vitk2.labels' in sys.modules, vitk2.labels.read_label is vitk2.read_label)\n"
        "print('vitk2.foods' in sys.modules)\n"
    )
    assert _fresh(code).split() == ["False", "True", "False"]
    with pytest.raises(AttributeError, match="_serial"):
        vitk2.__getattr__("_serial")


def test_every_error_and_warning_class_is_defined_in_the_errors_module() -> None:
    import vitk2._errors as errors

    public = [getattr(vitk2, name) for name in vitk2.__all__]
    classes = [
        c for c in public
        if isinstance(c, type) and issubclass(c, vitk2.Vitk2Error | vitk2.Vitk2Warning)
    ]
    assert len(classes) >= 30
    for cls in classes:
        assert getattr(errors, cls.__name__, None) is cls, f"{cls.__name__} is defined elsewhere"
        assert cls.__module__ == "vitk2", cls


def test_no_module_imports_a_private_name_from_another() -> None:
    # A name another module needs is part of its module's interface, so it is written without
    # the underscore; `_name` stays private to the module that defines it (a seam holds only if
    # what crosses it is named as crossing it).
    src = Path(vitk2.__file__).parent
    crossings = []
    for path in sorted(src.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vitk2"):
                names = [a.name for a in node.names]
                if node.module == "vitk2":  # `from vitk2 import _cli_foods` imports a module
                    names = [n for n in names if not (src / f"{n}.py").is_file()]
                crossings += [f"{path.name}: {n} from {node.module}" for n in names
                              if n.startswith("_") and n != "*"]
    assert not crossings, crossings
