"""The type table: every public class vitk2 writes to JSON, one row each.

Each row (a :class:`~vitk2._serial_fields.Spec`) names its class by module and attribute, so
nothing is imported until the type is used; its fields with a codec each; and, where the class
cannot be built from its fields directly, a builder that checks what was read.  Adding a type is
one row here (and a strategy in ``tests/test_serial.py``); a public class without a row is listed
in :data:`EXCLUDED` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from vitk2._errors import SerializationError
from vitk2._serial_fields import (
    Anchor,
    Bare,
    Bool,
    Choice,
    Citations,
    Codec,
    DateTime,
    Enum,
    Exact,
    Field,
    Float,
    FloatArray,
    Getter,
    Int,
    List,
    Nested,
    Opt,
    Plain,
    Ref,
    SeverityScale,
    Spec,
    Str,
    fail,
    resolve,
)

# --- builders and lookups (imported on first use) ---------------------------------------------


def _amount(v: dict[str, Any]) -> Any:
    from vitk2._amounts import Amount  # noqa: PLC0415

    return Amount.from_micrograms(v["vitamer"], v["micrograms"])


def _daily_dose(v: dict[str, Any]) -> Any:
    from vitk2._amounts import DailyDose  # noqa: PLC0415

    return DailyDose.from_micrograms_per_day(v["vitamer"], v["micrograms_per_day"])


def _comparison(v: dict[str, Any]) -> Any:
    from vitk2._amounts import compare  # noqa: PLC0415

    return compare(v["first"], v["second"], by=v["by"])


def _percent(v: dict[str, Any]) -> Any:
    from vitk2._intake_percent import compare_doses  # noqa: PLC0415

    return compare_doses(
        tuple(v["intake"]),
        tuple(v["unknown"]),
        v["reference"],
        v["by"],
        unattributed=tuple(v["unattributed"]),
        unattributed_micrograms_per_day=v["unattributed_micrograms_per_day"],
    )


def _itself(obj: Any) -> Any:
    return obj


def _value(v: dict[str, Any]) -> Any:
    return v["value"]


def _finding(v: dict[str, Any]) -> Any:
    from vitk2._interactions import Finding  # noqa: PLC0415

    fields = {k: x for k, x in v.items() if k != "citations"}
    fields.setdefault("ranks_as", v["severity"])
    return Finding(**fields, sources=v["citations"])


def _report(v: dict[str, Any]) -> Any:
    from vitk2._interactions import InteractionReport  # noqa: PLC0415

    if not v["findings"]:
        raise fail("InteractionReport.findings", v["findings"],
                   "at least one finding (a report on no medicine would read as no interaction)")
    worst = max(f.ranks_as for f in v["findings"])
    if v["overall"] != worst:
        msg = (
            f"InteractionReport.overall: the record says {v['overall'].value!r}, but its worst "
            f"finding is {worst.value!r}; the overall level is always the worst finding"
        )
        raise SerializationError(msg)
    if v["medications_checked"] < 1:
        raise fail("InteractionReport.medications_checked", v["medications_checked"],
                    "a count of 1 or more")

    return InteractionReport(
        findings=v["findings"],
        overall=v["overall"],
        supplement=v["supplement"],
        medications_checked=v["medications_checked"],
    )


def _dose_event(v: dict[str, Any]) -> Any:
    from vitk2._schedules import DoseEvent  # noqa: PLC0415

    if v["amount"] != v["administration"].amount:
        msg = (
            f"DoseEvent.amount: {v['amount']} is not the amount of its administration "
            f"({v['administration'].amount}); the record contradicts itself"
        )
        raise SerializationError(msg)
    return DoseEvent(v["when"], v["amount"], v["administration"])


def _vitamer_total(v: dict[str, Any]) -> Any:
    from vitk2._diaries import VitamerTotal  # noqa: PLC0415

    for name in ("known", "low", "high"):
        if v[name] is not None and v[name].vitamer != v["vitamer"]:
            msg = f"VitamerTotal.{name}: {v[name]} is not an amount of {v['vitamer'].key}"
            raise SerializationError(msg)
    bad = [i for i in v["unknown_entries"] if not 0 <= i < v["entries"]]
    if bad:
        msg = (
            f"VitamerTotal.unknown_entries: {bad} are not positions in a diary of "
            f"{v['entries']} entries"
        )
        raise SerializationError(msg)
    grams, unknown = v.get("grams", 0), v.get("unknown_grams", 0)
    if not 0 <= unknown <= grams or (unknown and not v["unknown_entries"]):
        msg = (
            f"VitamerTotal.unknown_grams: {unknown} is not the weight of unknown entries "
            f"{v['unknown_entries']} out of {grams} g; give 0 to grams"
        )
        raise SerializationError(msg)
    return VitamerTotal(**v)


def _intake_variation(v: dict[str, Any]) -> Any:
    from vitk2._diary_consistency import IntakeVariation  # noqa: PLC0415

    days = v["days"]
    enough = len(days) >= 2 and all(
        d.coverage is None or d.coverage >= v["min_coverage"] for d in days
    )
    if v["assessed"] != enough:
        msg = (
            f"IntakeVariation.assessed: {v['assessed']} contradicts its days' coverage "
            f"against min_coverage {v['min_coverage']}"
        )
        raise SerializationError(msg)
    bad = [d.day for d in days if d.coverage is not None and not 0 <= d.coverage <= 1]
    if bad or not 0 <= v["min_coverage"] <= 1:
        msg = f"IntakeVariation: coverage of {bad or 'min_coverage'} is not a share from 0 to 1"
        raise SerializationError(msg)
    return IntakeVariation(**v)


def _not_medical_advice(_: object) -> str:
    from vitk2._advice import NOT_MEDICAL_ADVICE  # noqa: PLC0415

    return NOT_MEDICAL_ADVICE


_CHECK_STATUSES: Final = (
    "passed", "flagged", "unchecked: reference is secondary",
    "unchecked: rounding rule is secondary",
)


def _percent_check(v: dict[str, Any]) -> Any:
    from vitk2._label_check import PercentCheck  # noqa: PLC0415

    said = {k: v.pop(k) for k in ("reference_grade", "rounding_grade", "sources") if k in v}
    check = PercentCheck(**v)
    for name, given in said.items():
        found = getattr(check, name)
        value = tuple(given) if name == "sources" else given
        if found != value:
            msg = (
                f"PercentCheck.{name}: the record says {value!r}, but this vitk2's citations "
                f"say {found!r}; grades and keys are read from the citations, not stored"
            )
            raise SerializationError(msg)
    return check


def _label_line(v: dict[str, Any]) -> Any:
    from vitk2._label_report import VitaminKLine  # noqa: PLC0415

    flagged = v.pop("flagged")
    line = VitaminKLine(**v)
    if line.flagged != flagged:
        msg = (
            f"VitaminKLine.flagged: the record says {flagged!r}, but its check says "
            f"{line.flagged!r}; a line is flagged exactly when its check failed"
        )
        raise SerializationError(msg)
    return line


def _label_report(v: dict[str, Any]) -> Any:
    from vitk2._label_report import LabelReport  # noqa: PLC0415

    ok = v.pop("ok")
    v.pop("not_medical_advice")
    report = LabelReport(**v)
    if report.ok != ok:
        msg = (
            f"LabelReport.ok: the record says {ok!r}, but its lines say {report.ok!r}; a report "
            "is ok exactly when no vitamin K line is flagged or unchecked"
        )
        raise SerializationError(msg)
    return report


def _severity_scale(_: object) -> list[str]:
    from vitk2._interactions import Severity  # noqa: PLC0415

    return [s.value for s in Severity]


def _evidence_query(v: dict[str, Any]) -> Any:
    from vitk2._evidence import EvidenceQuery  # noqa: PLC0415

    dose = v.get("dose")
    return EvidenceQuery(**{**v, "dose": None if dose is None else tuple(dose)})


def _evidence_answer(v: dict[str, Any]) -> Any:
    # Asked again: the answer must be the one this vitk2's data gives to the same question.
    from vitk2._evidence import evidence  # noqa: PLC0415

    q = v["query"]
    return evidence(
        outcome=q.outcome,
        vitamer=q.vitamer,
        dose=q.dose,
        population=q.population,
        include_retracted=q.include_retracted,
        require_primary=q.require_primary,
    )


def _lookup(module: str, function: str) -> Callable[[str], Any]:
    # Resolved on use, so that reading an Amount never imports the food tables.
    def find(key: str) -> Any:
        return resolve(module, function)(key)

    return find


def _trade_name(name: str) -> Any:
    from vitk2._vitamers import trade_names  # noqa: PLC0415

    for t in trade_names():
        if t.name == name:
            return t
    known = ", ".join(t.name for t in trade_names())
    msg = f"{name!r} is not a trade name vitk2 knows; it knows {known}"
    raise SerializationError(msg)


_A: Final = "vitk2._amounts"
_V: Final = "vitk2._vitamers"
_VD: Final = "vitk2._vitamer_data"
_F: Final = "vitk2._food_records"
_FL: Final = "vitk2._food_lookup"
_D: Final = "vitk2._diaries"
_DC: Final = "vitk2._diary_consistency"
_I: Final = "vitk2._intakes"
_S: Final = "vitk2._studies"
_T: Final = "vitk2._trials"
_EV: Final = "vitk2._evidence"
_X: Final = "vitk2._interactions"
_SC: Final = "vitk2._schedules"
_ST: Final = "vitk2._schedule_timing"
_PK: Final = "vitk2._pk"
_PKM: Final = "vitk2._pk_models"
_E: Final = "vitk2._export_events"
_LR: Final = "vitk2._label_rules"
_LC: Final = "vitk2._label_check"
_LP: Final = "vitk2._label_report"

_STR: Final = Str()
_OSTR: Final = Opt(_STR)
_INT: Final = Int()
_OINT: Final = Opt(_INT)
_BOOL: Final = Bool()
_FLOAT: Final = Float()
_EXACT: Final = Exact()
_OEXACT: Final = Opt(_EXACT)
_STRS: Final = List(_STR)
_VITAMER: Final = Ref("Vitamer")
_AMOUNT: Final = Nested("Amount")
_DOSE: Final = Nested("DailyDose")
_STATUS: Final = Choice("primary", "secondary")
_PARAMETER: Final = Choice("half-life", "time to peak")
_BASIS: Final = Choice("mass", "moles")
_PK_MODEL: Final = Nested("OneCompartmentModel", "TwoCompartmentModel")


def _f(name: str, codec: Codec, getter: Getter | None = None, *, optional: bool = False) -> Field:
    return Field(name, codec, getter, optional=optional)


SPEC_LIST: Final[tuple[Spec, ...]] = (
    # amounts -----------------------------------------------------------------------------
    Spec("Amount", _A, [_f("vitamer", _VITAMER), _f("micrograms", _EXACT)],
          build=_amount, display=True, read_display=_lookup(_A, "parse_amount")),
    Spec("DailyDose", _A, [_f("vitamer", _VITAMER), _f("micrograms_per_day", _EXACT)],
          build=_daily_dose, display=True, read_display=_lookup(_A, "parse_daily_dose")),
    Spec("Comparison", _A, [
        _f("first", Nested("Amount", "DailyDose")), _f("second", Nested("Amount", "DailyDose")),
        _f("by", _BASIS), _f("ratio", _EXACT),
    ], build=_comparison, derived=True, display=True),
    # vitamers and citations --------------------------------------------------------------
    Spec("Identifiers", _VD, [
        _f("cas", _OSTR), _f("pubchem_cid", _OINT), _f("chebi", _OSTR), _f("unii", _OSTR),
        _f("atc", _OSTR), _f("sources", _STRS),
    ]),
    Spec("PharmacokineticValue", _VD, [
        _f("parameter", _PARAMETER), _f("hours", _FLOAT), _f("low_hours", _FLOAT),
        _f("high_hours", _FLOAT), _f("context", _STR), _f("sources", _STRS), _f("note", _OSTR),
    ]),
    Spec("Vitamer", _V, [
        _f("key", _STR), _f("name", _STR), _f("family", _STR), _f("formula", _STR),
        _f("isoprenyl_units", _OINT), _f("molar_mass_g_per_mol", _EXACT),
        _f("synonyms", _STRS), _f("identifiers", Nested("Identifiers")),
        _f("pharmacokinetics", List(Nested("PharmacokineticValue"))),
        _f("human_supplement", _BOOL), _f("note", _OSTR), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_V, "vitamer")),
    Spec("TradeName", _V, [
        _f("name", _STR), _f("aliases", _STRS), _f("vitamer", _VITAMER), _f("maker", _STR),
        _f("status", Choice("primary", "secondary")), _f("sources", _STRS),
        _f("evidence", _STR),
    ], key_field="name", lookup=_trade_name),
    Spec("VitamerPhrase", _V, [
        _f("text", _STR), _f("vitamer", _VITAMER), _f("form_words", _STRS),
        _f("descriptors", _STRS), _f("origin", _OSTR), _f("trade_name", Opt(Ref("TradeName"))),
        _f("isomer", Opt(Choice("all-trans"))), _f("sources", _STRS),
    ]),
    Spec("Citation", "vitk2._sources", [
        _f("key", _STR), _f("kind", _STR), _f("authors", _STR), _f("year", _INT),
        _f("title", _STR), _f("container", _STR), _f("doi", _OSTR), _f("pmid", _OSTR),
        _f("url", _OSTR), _f("note", _OSTR),
    ]),
    # foods -------------------------------------------------------------------------------
    Spec("ContentMeasurement", _F, [
        _f("vitamer", _VITAMER), _f("micrograms_per_100g", _EXACT), _f("sources", _STRS),
        _f("data_points", _OINT), _f("source_code", _OSTR), _f("source_meaning", _OSTR),
        _f("derivation_code", _OSTR), _f("derivation_meaning", _OSTR),
        _f("reference_food", _OSTR), _f("sample_min", _OEXACT), _f("sample_max", _OEXACT),
        _f("sample", _OSTR), _f("location", _OSTR), _f("note", _OSTR),
    ]),
    Spec("FoodContent", _F, [
        _f("food_id", _STR), _f("vitamer", _VITAMER),
        _f("measurements", List(Nested("ContentMeasurement"))),
    ]),
    Spec("HouseholdMeasure", _F, [
        _f("amount", _EXACT), _f("description", _STR), _f("grams", _EXACT),
        _f("data_points", _OINT),
    ]),
    Spec("VitaminKTotal", _F, [
        _f("food_id", _STR), _f("kind", Choice("K2", "K")), _f("micrograms_per_100g", _EXACT),
        _f("sources", _STRS), _f("note", _OSTR),
    ]),
    Spec("Food", _F, [
        _f("id", _STR), _f("description", _STR), _f("short_description", _OSTR),
        _f("common_names", _OSTR), _f("group_code", _OSTR), _f("group", _OSTR),
        _f("measures", List(Nested("HouseholdMeasure"))),
        _f("contents", List(Nested("FoodContent"))),
        _f("origin", _STR), _f("sources", _STRS),
        _f("totals", List(Nested("VitaminKTotal"))),
    ], key_field="id", lookup=_lookup(_FL, "food")),
    Spec("DiaryEntry", _D, [_f("food", Ref("Food")), _f("grams", _EXACT), _f("portion", _STR)]),
    Spec("Diary", _D, [_f("entries", List(Nested("DiaryEntry")))]),
    Spec("VitamerTotal", _D, [
        _f("vitamer", _VITAMER), _f("known", Opt(_AMOUNT)), _f("low", Opt(_AMOUNT)),
        _f("high", Opt(_AMOUNT)), _f("unknown_entries", List(_INT)), _f("entries", _INT),
        # Added to schema 1 after it first shipped: optional on input (coverage then unknown).
        _f("grams", _EXACT, optional=True), _f("unknown_grams", _EXACT, optional=True),
    ], build=_vitamer_total),
    Spec("DiaryTotals", _D, [_f("per_vitamer", List(Nested("VitamerTotal")))]),
    Spec("DayIntake", _DC, [_f("day", _STR), _f("value", _OEXACT), _f("coverage", _OEXACT)]),
    Spec("IntakeVariation", _DC, [
        _f("basis", _STR), _f("unit", Choice("µg", "nmol")), _f("days", List(Nested("DayIntake"))),
        _f("min_coverage", _EXACT), _f("assessed", _BOOL), _f("reason", _STR),
    ], build=_intake_variation),
    Spec("ConsistencyReport", _DC, [
        _f("days", _STRS), _f("variations", List(Nested("IntakeVariation"))),
        _f("min_coverage", _EXACT), _f("threshold", _STR), _f("sources", _STRS),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ]),
    # intakes -----------------------------------------------------------------------------
    Spec("Authority", _I, [
        _f("key", _STR), _f("name", _STR), _f("kinds", _STR), _f("aliases", _STRS),
        _f("shipped", _BOOL), _f("note", _STR),
        # Added to schema 1 after it first shipped: optional on input, always written.
        _f("editions", _STRS, optional=True),
    ], key_field="key", lookup=_lookup(_I, "authority")),
    Spec("CountedVitamer", _I, [
        _f("vitamer", _VITAMER), _f("rule", Choice("mass", "moles", "factor")),
        _f("as_vitamer", _VITAMER), _f("factor", _EXACT),
    ]),
    Spec("Basis", _I, [
        _f("authority", _STR), _f("edition", _STR), _f("text", _STR),
        _f("counts", Opt(List(Nested("CountedVitamer")))), _f("sources", _STRS),
        _f("copies", _STRS),
    ]),
    Spec("LifeStage", _I, [
        _f("from_months", _INT), _f("to_months", _OINT),
        _f("sex", Opt(Choice("female", "male"))),
        _f("condition", Opt(Choice("pregnancy", "lactation"))),
    ]),
    Spec("ReferenceIntake", _I, [
        _f("authority", Ref("Authority")), _f("life_stage", Nested("LifeStage")),
        _f("kind", _STR), _f("value", Opt(_DOSE)), _f("per_kg_body_weight", _OEXACT),
        _f("body_weight_kg", _OEXACT), _f("sources", _STRS), _f("note", _OSTR),
        # Added to schema 1 after it first shipped: optional on input, always written.
        _f("edition", _STR, optional=True), _f("copies", _STRS, optional=True),
        _f("basis", Opt(Nested("Basis")), optional=True),
    ]),
    Spec("UpperLimit", _I, [
        _f("authority", Ref("Authority")), _f("status", Choice("not established", "unknown")),
        _f("guidance", Opt(_DOSE)), _f("sources", _STRS), _f("note", _STR),
    ]),
    Spec("PercentOfReference", _I, [
        _f("intake", List(_DOSE)), _f("reference", Nested("ReferenceIntake")),
        _f("by", Choice("basis", "mass")), _f("percent", _EXACT), _f("counted", List(_DOSE)),
        _f("counted_micrograms_per_day", _EXACT), _f("left_out", List(_DOSE)),
        _f("unknown", List(_VITAMER)), _f("unattributed", _STRS),
        _f("unattributed_micrograms_per_day", _EXACT), _f("note", _STR),
        # Version 2: counted on the reference's basis (version 1 had one dose, by mass).
    ], build=_percent, derived=True, version=2, supported=(2,)),
    # studies -----------------------------------------------------------------------------
    Spec("Division", _S, [
        _f("administrations", _INT), _f("per", Choice("day", "week")), _f("each", _AMOUNT),
    ]),
    Spec("Study", _S, [
        _f("key", _STR), _f("trial", _STR), _f("sources", _STRS), _f("daily_dose", _DOSE),
        _f("division", Opt(Nested("Division"))), _f("duration", _STR),
        _f("population", _STR), _f("n_randomized", _OINT), _f("outcomes", _STRS),
        _f("finding", _STR), _f("note", _OSTR),
    ]),
    Spec("DoseInContext", _S, [
        _f("dose", _DOSE), _f("by", Choice("vitamer", "mass", "moles")), _f("tolerance", _EXACT),
        _f("less", List(Nested("Study"))), _f("about_same", List(Nested("Study"))),
        _f("more", List(Nested("Study"))), _f("outcome", _OSTR, optional=True),
    ]),
    # the evidence map --------------------------------------------------------------------
    Spec("Design", _T, [
        _f("randomised", Opt(_BOOL)), _f("blinding", Opt(Choice("double", "single", "open"))),
        _f("comparator", Choice("placebo", "no treatment", "active", "none")),
        _f("comparator_detail", _OSTR),
        # Added to schema 1 after it first shipped: optional on input, always written.
        _f("allocation", _OSTR, optional=True),
    ]),
    Spec("Arm", _T, [
        _f("label", _STR), _f("vitamer", Opt(_VITAMER)), _f("daily_dose", Opt(_DOSE)),
        _f("dose_text", _OSTR), _f("divided", _OSTR), _f("co_supplements", _STRS),
        _f("n", _OINT), _f("control", _BOOL), _f("note", _OSTR),
    ]),
    Spec("OutcomeResult", _T, [
        _f("measure", _STR), _f("area", _STR), _f("primary", Opt(_BOOL)), _f("effect", _STR),
        _f("estimate", _OSTR), _f("unit", _OSTR), _f("ci_low", _OSTR), _f("ci_high", _OSTR),
        _f("ci_level", _OSTR), _f("p", _OSTR), _f("direction", _STR), _f("quote", _STR),
        _f("status", _STATUS), _f("read_in", _STR), _f("copies", _STRS),
        _f("source", _OSTR), _f("subgroup", _OSTR), _f("note", _OSTR),
    ]),
    Spec("AdverseEvents", _T, [
        _f("text", _STR), _f("quote", _STR), _f("status", _STATUS), _f("read_in", _STR),
        _f("copies", _STRS),
    ]),
    Spec("IntegrityNotice", _T, [
        _f("kind", Choice("retracted", "expression of concern", "caution")),
        _f("notice_doi", _OSTR), _f("date", _OSTR), _f("quote", _STR), _f("read_in", _STR),
    ]),
    Spec("PooledEstimate", _T, [
        _f("measure", _STR), _f("area", _STR), _f("estimate", _STR), _f("ci_low", _OSTR),
        _f("ci_high", _OSTR), _f("ci_level", _OSTR),
        _f("metric", Choice("RR", "OR", "HR", "SMD", "MD")), _f("n_trials", _OINT),
        _f("n_participants", _OINT), _f("quote", _STR), _f("status", _STATUS),
        _f("read_in", _STR), _f("copies", _STRS),
    ]),
    Spec("Trial", _T, [
        _f("key", _STR), _f("source", _STR), _f("title_short", _STR),
        _f("design", Nested("Design")), _f("population", _STR),
        _f("population_tags", _STRS), _f("n_randomised", _OINT), _f("n_enrolled", _OINT),
        _f("duration_weeks", _OSTR), _f("duration", _OSTR), _f("registry", _OSTR),
        _f("funding", _OSTR), _f("arms", List(Nested("Arm"))),
        _f("outcomes", List(Nested("OutcomeResult"))), _f("outcome_areas", _STRS),
        _f("adverse_events", Opt(Nested("AdverseEvents"))),
        _f("dropouts", Opt(Nested("AdverseEvents"))),
        _f("integrity", List(Nested("IntegrityNotice"))), _f("status", _STATUS),
        _f("read_in", _STRS), _f("copies", _STRS), _f("note", _OSTR),
        # Added to schema 1 after it first shipped: optional on input, always written.
        _f("n_analysed", _OINT, optional=True), _f("n_randomised_source", _OSTR, optional=True),
        _f("same_trial", _STRS, optional=True),
    ], key_field="key", lookup=_lookup(_T, "trial")),
    Spec("MetaAnalysis", _T, [
        _f("key", _STR), _f("source", _STR), _f("title_short", _STR), _f("question", _STR),
        _f("areas", _STRS), _f("pooled", List(Nested("PooledEstimate"))),
        _f("pooled_trials", _STRS), _f("n_trials", _OINT), _f("conclusion", _STR),
        _f("later_caution", List(Nested("IntegrityNotice"))), _f("status", _STATUS),
        _f("read_in", _STRS), _f("copies", _STRS),
    ], key_field="key", lookup=_lookup(_T, "meta_analysis")),
    Spec("EvidenceQuery", _EV, [
        _f("outcome", _OSTR), _f("vitamer", _OSTR), _f("dose", Opt(List(_DOSE))),
        _f("population", _OSTR), _f("include_retracted", _BOOL), _f("require_primary", _BOOL),
    ], build=_evidence_query),
    Spec("EvidenceRow", _EV, [
        _f("trial", Nested("Trial")), _f("arm", Nested("Arm")),
        _f("result", Nested("OutcomeResult")),
    ]),
    Spec("Exclusion", _EV, [_f("key", _STR), _f("title", _STR), _f("reason", _STR)]),
    Spec("EvidenceAnswer", _EV, [
        _f("query", Nested("EvidenceQuery")), _f("rows", List(Nested("EvidenceRow"))),
        _f("trials", List(Nested("Trial"))), _f("meta_analyses", List(Nested("MetaAnalysis"))),
        _f("excluded", List(Nested("Exclusion"))),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ], build=_evidence_answer, derived=True),
    # interactions ------------------------------------------------------------------------
    Spec("Severity", _X, [_f("value", Enum(_X, "Severity"), _itself)], build=_value),
    Spec("Direction", _X, [_f("value", Enum(_X, "Direction"), _itself)], build=_value),
    Spec("Substance", _X, [
        _f("key", _STR), _f("name", _STR), _f("interaction", Plain()),
        _f("synonyms", _STRS), _f("salts", _STRS), _f("brands", Plain()),
        _f("identifiers", Plain()), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_X, "substance")),
    Spec("Finding", _X, [
        _f("input", _STR), _f("substance", _OSTR), _f("substance_name", _OSTR),
        _f("matched_as", _OSTR), _f("severity", Enum(_X, "Severity")),
        _f("direction", Enum(_X, "Direction")), _f("mechanism", _STR), _f("advice", _STR),
        _f("evidence", _STR),
        # Added to report schema 1 after it first shipped: optional on input (ranks_as then
        # defaults to severity, did_you_mean to none), always written.
        _f("ranks_as", Enum(_X, "Severity"), optional=True),
        _f("did_you_mean", _STRS, optional=True),
        _f("citations", Citations(), "sources"),
    ], build=_finding),
    # Schema 1 of InteractionReport predates this module (see InteractionReport.to_dict); its
    # findings carry no header, and it lists the severity scale and the not-medical-advice text.
    Spec("InteractionReport", _X, [
        _f("overall", Enum(_X, "Severity")),
        _f("severity_scale", SeverityScale(), _severity_scale),
        _f("supplement", _OSTR), _f("medications_checked", _INT),
        _f("findings", List(Bare("Finding"))),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ], build=_report),
    # schedules ---------------------------------------------------------------------------
    Spec("MealAnchor", _ST, [
        _f("meal", Opt(Choice("breakfast", "lunch", "dinner"))),
        _f("relation", Choice("before", "with", "after")), _f("fat_containing", _BOOL),
    ]),
    Spec("UnitCount", _SC, [_f("count", _INT), _f("strength", _AMOUNT)]),
    Spec("Administration", _SC, [
        _f("anchor", Anchor()), _f("amount", _AMOUNT), _f("units", List(Nested("UnitCount"))),
    ]),
    Spec("Schedule", _SC, [
        _f("administrations", List(Nested("Administration"))), _f("requested", _DOSE),
    ], display=True),
    Spec("DoseEvent", _SC, [
        _f("when", DateTime()), _f("amount", _AMOUNT),
        _f("administration", Nested("Administration")),
    ], build=_dose_event),
    # pharmacokinetics --------------------------------------------------------------------
    Spec("PKParameter", _PKM, [
        _f("parameter", _PARAMETER), _f("hours", _FLOAT), _f("low_hours", _FLOAT),
        _f("high_hours", _FLOAT), _f("sources", _STRS), _f("assumption", _OSTR),
    ]),
    Spec("OneCompartmentModel", _PKM, [
        _f("vitamer", _VITAMER), _f("half_life", Nested("PKParameter")),
        _f("time_to_peak", Nested("PKParameter")),
    ]),
    Spec("TwoCompartmentModel", _PKM, [
        _f("vitamer", _VITAMER), _f("distribution_half_life", Nested("PKParameter")),
        _f("half_life", Nested("PKParameter")), _f("time_to_peak", Nested("PKParameter")),
        _f("terminal_fraction", _FLOAT),
    ]),
    Spec("PKMetrics", _PK, [
        _f("schedule", Nested("Schedule")), _f("model", _PK_MODEL),
        _f("accumulation_ratio", _FLOAT), _f("time_to_90_percent_hours", _FLOAT),
        _f("peak", _FLOAT), _f("trough", _FLOAT), _f("average", _FLOAT),
    ]),
    Spec("ScheduleComparison", _PK, [_f("metrics", List(Nested("PKMetrics")))]),
    Spec("Simulation", _PK, [
        _f("schedule", Nested("Schedule")), _f("model", _PK_MODEL),
        _f("reference", _AMOUNT), _f("hours", FloatArray()),
        _f("concentration", FloatArray()),
    ]),
    # exports -----------------------------------------------------------------------------
    Spec("EventRow", _E, [
        _f("time", _EXACT), _f("amt", _EXACT), _f("ii", _INT), _f("addl", _INT),
        _f("evid", _INT), _f("cmt", _INT), _f("subject", _INT, optional=True),
    ]),
    Spec("EventTable", _E, [
        _f("rows", List(Nested("EventRow"))), _f("amount_unit", _STR), _f("vitamer", _STR),
        _f("time_unit", _STR),
    ]),
    # supplement labels -------------------------------------------------------------------
    Spec("LabelReference", _LR, [
        _f("key", _STR), _f("name", _STR), _f("micrograms", _EXACT), _f("percent_label", _STR),
        _f("region", Choice("us", "eu")), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_LR, "label_reference")),
    Spec("PercentRounding", _LR, [
        _f("key", _STR), _f("description", _STR), _f("sources", _STRS),
    ], key_field="key", lookup=_lookup(_LR, "percent_rounding")),
    Spec("DeclaredPercent", _LC, [
        _f("text", _STR), _f("kind", Choice("percent", "less than 1%", "not established")),
        _f("value", _OEXACT), _f("places", _INT),
    ]),
    Spec("PercentCheck", _LC, [
        _f("reference", Ref("LabelReference")), _f("rounding", Ref("PercentRounding")),
        _f("declared", Nested("DeclaredPercent")), _f("exact_percent", _EXACT),
        _f("low", _EXACT), _f("high", _EXACT), _f("passed", _BOOL), _f("problem", _OSTR),
        _f("fits", _STRS),
        # Added to schema 1 after it first shipped: optional on input (status then follows
        # from passed; the grades and keys are read from this vitk2's citations), always written.
        _f("status", Choice(*_CHECK_STATUSES), optional=True),
        _f("reference_grade", Choice("primary", "secondary"), optional=True),
        _f("rounding_grade", Choice("primary", "secondary"), optional=True),
        _f("sources", _STRS, optional=True),
    ], build=_percent_check),
    Spec("VitaminKLine", _LP, [
        _f("line_number", _INT), _f("raw", _STR), _f("name", _STR), _f("amount_text", _STR),
        _f("micrograms", _EXACT), _f("vitamer", Opt(_VITAMER)),
        _f("form_status", Choice("declared", "mixture", "not declared", "not recognised")),
        _f("form_text", _OSTR), _f("percent", Opt(Nested("DeclaredPercent"))),
        _f("check", Opt(Nested("PercentCheck"))), _f("sources", _STRS),
        _f("mixture", List(_VITAMER)), _f("flagged", _BOOL),
    ], build=_label_line),
    Spec("OtherLine", _LP, [
        _f("line_number", _INT), _f("raw", _STR),
        _f("kind", Choice("title", "header", "serving", "footnote", "nutrient", "ingredients",
                           "text")),
    ]),
    Spec("UnreadLine", _LP, [_f("line_number", _INT), _f("raw", _STR), _f("reason", _STR)]),
    Spec("LabelReport", _LP, [
        _f("region", Opt(Choice("us", "eu"))), _f("panel", _OSTR), _f("serving", _OSTR),
        _f("decimal", Opt(Choice(".", ","))), _f("reference", Opt(Ref("LabelReference"))),
        _f("rounding", Opt(Ref("PercentRounding"))), _f("ok", _BOOL),
        _f("vitamin_k", List(Nested("VitaminKLine"))), _f("other", List(Nested("OtherLine"))),
        _f("unread", List(Nested("UnreadLine"))),
        _f("require_primary", _BOOL, optional=True),
        _f("not_medical_advice", _STR, _not_medical_advice),
    ], build=_label_report),
)

SPECS: Final[dict[str, Spec]] = {s.name: s for s in SPEC_LIST}

EXCLUDED: Final[Mapping[str, str]] = {
    "BulkTotals": (
        "the NumPy bulk path's result: float arrays per vitamer for up to millions of rows; "
        "write its arrays with NumPy or pandas, or use Diary for exact, serialisable totals"
    ),
    "BadRow": (
        "one row of a CohortInputError's report (index label, column, value, reason): part of "
        "an error, not a value to store; write the corrected records instead"
    ),
    "UnknownEntries": (
        "a read-only view of DiaryTotals.unknown, rebuilt from the per-vitamer totals; "
        "write the DiaryTotals it belongs to"
    ),
    "ExponentialTerm": (
        "derived from a model's parameters (the model's terms are recomputed from them); "
        "write the OneCompartmentModel or TwoCompartmentModel"
    ),
    "FoodAcrossTables": (
        "a view of the packaged tables around one food, rebuilt by food_across_tables(id); "
        "write the Food records it shows"
    ),
    "CrossTableContent": (
        "one vitamer of a FoodAcrossTables view, rebuilt with it; write the Food records"
    ),
    "TableValue": (
        "one value of a FoodAcrossTables view (a ContentMeasurement and its table's name), "
        "rebuilt with it; write the ContentMeasurement"
    ),
    "FoodRanking": (
        "a ranking of the packaged tables, rebuilt by richest_foods() with the same arguments; "
        "write the Food records it ranks"
    ),
    "RankedFood": (
        "one place in a FoodRanking, rebuilt with it; write the Food record"
    ),
    "PKModel": (
        "a protocol that models implement, not a value; the packaged models have a JSON form"
    ),
}
"""Public classes deliberately left without a JSON form, and why (errors and warnings aside)."""
