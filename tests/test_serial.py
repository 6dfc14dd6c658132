"""The JSON form: round trips for every public value type, and every way a record can be bad."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vitk2
from tests import strategies as s
from vitk2 import (
    Amount,
    DailyDose,
    Diary,
    Direction,
    Division,
    EventRow,
    HouseholdMeasure,
    Identifiers,
    LifeStage,
    PKParameter,
    SerializationError,
    Severity,
    UnitCount,
    VitaminKTotal,
    Vitk2Error,
    from_dict,
    json_default,
    json_object_hook,
    to_dict,
)
from vitk2._serial import type_names
from vitk2._serial_types import EXCLUDED

DOCS = Path(__file__).resolve().parent.parent / "docs"

# --- one strategy per type -------------------------------------------------------------------


def _catalogue(values: Callable[[], Any]) -> st.SearchStrategy[Any]:
    """Sample a packaged table, read on first draw (not at collection)."""
    return st.deferred(lambda: st.sampled_from(values()))


def _foods() -> st.SearchStrategy[Any]:
    return s.food_ids().map(vitk2.food)


@st.composite
def _diaries(draw: st.DrawFn) -> Diary:
    from vitk2._units import format_number

    pairs = draw(s.diary_entries(max_size=4))
    return Diary.of(*((fid, f"{format_number(g)} g") for fid, g in pairs))


def _all_editions() -> list[Any]:
    """Every value of every edition of every authority."""
    return [
        r
        for a in vitk2.AUTHORITIES
        for e in a.editions
        for r in vitk2.all_reference_intakes(a, edition=e)
    ]


@st.composite
def _consistency(draw: st.DrawFn) -> Any:
    days = draw(st.lists(_diaries(), min_size=1, max_size=3))
    vitamers = draw(st.lists(st.sampled_from(vitk2.FOOD_VITAMERS), min_size=1, max_size=3))
    share = draw(st.sampled_from(["1", "0.9", "0"]))
    return vitk2.intake_consistency(
        {f"day {i}": d for i, d in enumerate(days)}, vitamers=vitamers, min_coverage=share
    )


@st.composite
def _percent(draw: st.DrawFn) -> Any:
    refs = [r for r in _all_editions() if r.value is not None]
    intake: Any = draw(
        st.one_of(
            s.daily_doses(),
            st.lists(s.daily_doses(), max_size=4),
            _diaries().map(lambda d: d.totals()),
        )
    )
    by: Literal["basis", "mass"] = draw(st.sampled_from(("basis", "mass")))
    return vitk2.percent_of_reference(intake, draw(st.sampled_from(refs)), by=by)


@st.composite
def _dose_in_context(draw: st.DrawFn) -> Any:
    dose = draw(s.daily_doses_of(draw(st.sampled_from(["K1", "MK-4", "MK-7"]))))
    by: Literal["vitamer", "mass", "moles"] = draw(st.sampled_from(["vitamer", "mass", "moles"]))
    outcome = draw(st.sampled_from([None, *vitk2.OUTCOME_AREAS]))
    return vitk2.dose_in_context(dose, by=by, outcome=outcome)


@st.composite
def _evidence_answers(draw: st.DrawFn) -> Any:
    from vitk2.evidence import evidence

    measures = sorted({o.measure for t in vitk2.all_trials() for o in t.outcomes})
    return evidence(
        outcome=draw(st.sampled_from([None, *vitk2.AREAS, *measures])),
        vitamer=draw(st.sampled_from([None, "K1", "MK-4", "MK-7"])),
        population=draw(st.sampled_from([None, *vitk2.POPULATION_TAGS])),
        include_retracted=draw(st.booleans()),
        require_primary=draw(st.booleans()),
    )


def _trial_parts(part: Callable[[Any], Any]) -> st.SearchStrategy[Any]:
    """Sample the records inside the trials (arms, results, notices)."""
    return st.deferred(
        lambda: st.sampled_from([x for t in vitk2.all_trials() for x in part(t)])
    )


@st.composite
def _reports(draw: st.DrawFn) -> Any:
    meds = draw(st.lists(st.one_of(st.sampled_from(s.KNOWN_MEDICATION_NAMES),
                                   s.unknown_names()), min_size=1, max_size=4))
    supplement = draw(st.one_of(st.none(), s.daily_doses(), s.amounts()))
    return vitk2.check_interactions(meds, supplement=supplement)


@st.composite
def _life_stages(draw: st.DrawFn) -> LifeStage:
    start = draw(st.integers(min_value=0, max_value=1200))
    end = draw(st.one_of(st.none(), st.integers(min_value=start + 1, max_value=1500)))
    return LifeStage(
        from_months=start,
        to_months=end,
        sex=draw(st.sampled_from([None, "female", "male"])),
        condition=draw(st.sampled_from([None, "pregnancy", "lactation"])),
    )


def _models() -> st.SearchStrategy[Any]:
    return st.sampled_from(s.SCHEDULE_VITAMER_KEYS).map(vitk2.pk_model)


@st.composite
def _pk_metrics(draw: st.DrawFn) -> Any:
    schedule = draw(s.schedules())
    if schedule.vitamer.key == "MK-4" and draw(st.booleans()):
        return vitk2.pk_metrics(schedule, model=vitk2.pk_model("MK-4", compartments=2))
    # An explicit model: the default one may warn (AssumptionWarning) and is tested in test_pk.
    return vitk2.pk_metrics(schedule, model=vitk2.pk_model(schedule.vitamer))


@st.composite
def _simulations(draw: st.DrawFn) -> Any:
    days = draw(st.integers(min_value=1, max_value=2))
    schedule = draw(s.schedules())
    return vitk2.simulate(
        schedule,
        days,
        step=draw(st.sampled_from(["1 h", "30 min"])),
        model=vitk2.pk_model(schedule.vitamer),
    )


@st.composite
def _event_tables(draw: st.DrawFn) -> Any:
    days = draw(st.integers(min_value=1, max_value=5))
    unit = draw(st.sampled_from(["mg", "ug", "nmol"]))
    return vitk2.to_event_table(draw(s.schedules()), days=days, unit=unit)


#: Label phrases with every part a VitamerPhrase records (trade name, origin, isomer, descriptor).
def _label_reports() -> st.SearchStrategy[Any]:
    """Panels with every kind of line: checked (passing, flagged, unchecked), other, unread."""
    forms = st.sampled_from(["Vitamin K2 (as MK-7)", "Vitamin K", "Vitamin K1 (as phylloquinone)",
                             "Vitamin K (as MK-4, MK-7)", "Vitamin K2 (as MenaQ7)"])
    percents = st.one_of(st.integers(0, 3000).map(lambda n: f"{n}%"),
                         st.sampled_from(["<1%", "†", ""]))
    rows = st.lists(st.tuples(forms, st.integers(1, 5000), st.sampled_from(["mcg", "mg"]),
                              percents), min_size=1, max_size=4)
    regions: st.SearchStrategy[Literal["us", "eu"]] = st.sampled_from(("us", "eu"))
    return st.tuples(rows, regions, st.booleans()).map(
        lambda x: vitk2.read_label(
            "Supplement Facts\nServing Size 1 Softgel\nVitamin K2 (as MK-7)   100 mcg   83%\n"
            + "".join(f"{f}   {n} {u}   {p}\n" for f, n, u, p in x[0])
            + "Vitamin K2   100 IU   83%\n† Daily Value not established.\n",
            region=x[1], require_primary=x[2],
        )
    )


PHRASES = (
    "MK-7",
    "Vitamin K2 (as all-trans menaquinone-7) from natto",
    "K2 as MK-7 (MenaQ7) derived from Bacillus subtilis natto",
    "Natural Vitamin K2 (as MK-7)",
    "phytonadione",
    "Vitamin K-2 (as MK-4)",
)

_texts = st.text(max_size=20)
_fractions = st.fractions(min_value=0, max_value=10**6, max_denominator=10**4)
_hours = st.floats(min_value=0.01, max_value=1000)

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "Amount": s.amounts(),
    "DailyDose": s.daily_doses(),
    "Comparison": s.comparisons(),
    "Identifiers": st.one_of(
        s.vitamers.map(lambda v: v.identifiers),
        st.builds(Identifiers, cas=st.none() | _texts, pubchem_cid=st.none() | st.integers(),
                  sources=st.lists(_texts, max_size=3).map(tuple)),
    ),
    "PharmacokineticValue": _catalogue(
        lambda: [p for v in vitk2.all_vitamers() for p in v.pharmacokinetics]
    ),
    "Vitamer": s.vitamers,
    "Citation": _catalogue(vitk2.all_citations),
    "TradeName": _catalogue(vitk2.trade_names),
    "VitamerPhrase": st.sampled_from(PHRASES).map(vitk2.read_vitamer_phrase),
    "ContentMeasurement": _foods().flatmap(
        lambda f: st.sampled_from([m for c in f.contents for m in c.measurements])
    ),
    "FoodContent": _foods().flatmap(lambda f: st.sampled_from([f.content(v) for v in
                                                               vitk2.FOOD_VITAMERS])),
    "HouseholdMeasure": st.builds(HouseholdMeasure, amount=_fractions, description=_texts,
                                  grams=_fractions, data_points=st.none() | st.integers(0, 99)),
    "VitaminKTotal": st.builds(
        VitaminKTotal,
        food_id=_texts,
        kind=st.sampled_from(["K2", "K"]),
        micrograms_per_100g=_fractions,
        sources=st.lists(_texts, max_size=2).map(tuple),
        note=st.none() | _texts,
    ),
    "Food": _foods(),
    "DiaryEntry": _diaries().filter(len).flatmap(lambda d: st.sampled_from(d.entries)),
    "Diary": _diaries(),
    "VitamerTotal": _diaries().flatmap(lambda d: st.sampled_from(d.totals().per_vitamer)),
    "DiaryTotals": _diaries().map(lambda d: d.totals()),
    "ConsistencyReport": _consistency(),
    "IntakeVariation": _consistency().flatmap(lambda r: st.sampled_from(r.variations)),
    "DayIntake": _consistency().flatmap(
        lambda r: st.sampled_from([d for v in r.variations for d in v.days])
    ),
    "Authority": _catalogue(lambda: vitk2.AUTHORITIES),
    "LifeStage": _life_stages(),
    "ReferenceIntake": _catalogue(_all_editions),
    "Basis": _catalogue(
        lambda: [vitk2.reference_basis(a, edition=e) for a in vitk2.AUTHORITIES for e in a.editions]
    ),
    "CountedVitamer": _catalogue(
        lambda: [c for a in vitk2.AUTHORITIES for c in vitk2.reference_basis(a).counts or ()]
    ),
    "UpperLimit": _catalogue(lambda: [vitk2.upper_limit(a) for a in vitk2.AUTHORITIES]),
    "PercentOfReference": _percent(),
    "Division": st.builds(Division, administrations=st.integers(1, 14),
                          per=st.sampled_from(["day", "week"]), each=s.amounts()),
    "Study": _catalogue(vitk2.all_studies),
    "Trial": _catalogue(vitk2.all_trials),
    "MetaAnalysis": _catalogue(vitk2.all_meta_analyses),
    "Design": _trial_parts(lambda t: [t.design]),
    "Arm": _trial_parts(lambda t: t.arms),
    "OutcomeResult": _trial_parts(lambda t: t.outcomes),
    "AdverseEvents": _trial_parts(lambda t: [r for r in (t.adverse_events, t.dropouts) if r]),
    "IntegrityNotice": st.deferred(
        lambda: st.sampled_from(
            [n for t in vitk2.all_trials() for n in t.integrity]
            + [n for m in vitk2.all_meta_analyses() for n in m.later_caution]
        )
    ),
    "PooledEstimate": st.deferred(
        lambda: st.sampled_from([p for m in vitk2.all_meta_analyses() for p in m.pooled])
    ),
    "EvidenceAnswer": _evidence_answers(),
    "EvidenceQuery": _evidence_answers().map(lambda a: a.query),
    "EvidenceRow": _evidence_answers().filter(lambda a: a.rows).flatmap(
        lambda a: st.sampled_from(a.rows)
    ),
    "Exclusion": _evidence_answers().filter(lambda a: a.excluded).flatmap(
        lambda a: st.sampled_from(a.excluded)
    ),
    "DoseInContext": _dose_in_context(),
    "Severity": st.sampled_from(Severity),
    "Direction": st.sampled_from(Direction),
    "Substance": _catalogue(vitk2.all_substances),
    "Finding": _reports().filter(lambda r: r.findings).flatmap(
        lambda r: st.sampled_from(r.findings)
    ),
    "InteractionReport": _reports(),
    "MealAnchor": s.meal_anchors(),
    "UnitCount": st.builds(
        UnitCount, count=st.integers(1, 10), strength=s.amounts().filter(lambda a: a.micrograms > 0)
    ),
    "Administration": s.schedules().flatmap(lambda x: st.sampled_from(x.administrations)),
    "Schedule": s.schedules(),
    "DoseEvent": s.dose_events(),
    "PKParameter": st.one_of(
        _models().map(lambda m: m.half_life),
        st.builds(PKParameter, parameter=st.sampled_from(["half-life", "time to peak"]),
                  hours=_hours, low_hours=_hours, high_hours=_hours,
                  sources=st.lists(_texts, max_size=2).map(tuple),
                  assumption=st.none() | _texts),
    ),
    "OneCompartmentModel": _models(),
    "TwoCompartmentModel": st.just("MK-4").map(lambda k: vitk2.pk_model(k, compartments=2)),
    "PKMetrics": _pk_metrics(),
    "ScheduleComparison": st.lists(s.schedules(), min_size=1, max_size=3).map(
        lambda ss: vitk2.compare_schedules(ss, model=lambda x: vitk2.pk_model(x.vitamer))
    ),
    "Simulation": _simulations(),
    "EventRow": st.builds(EventRow, time=_fractions, amt=_fractions, ii=st.integers(0, 48),
                          addl=st.integers(0, 100), evid=st.integers(0, 4), cmt=st.integers(1, 3),
                          subject=st.integers(1, 10**6)),
    "EventTable": _event_tables(),
    "LabelReference": _catalogue(lambda: list(vitk2.LABEL_REFERENCES.values())),
    "PercentRounding": _catalogue(lambda: list(vitk2.PERCENT_ROUNDINGS.values())),
    "DeclaredPercent": _label_reports().flatmap(
        lambda r: st.sampled_from([k.percent for k in r.vitamin_k if k.percent is not None])
    ),
    "PercentCheck": _label_reports().flatmap(
        lambda r: st.sampled_from([k.check for k in r.vitamin_k if k.check is not None])
    ),
    "VitaminKLine": _label_reports().flatmap(lambda r: st.sampled_from(r.vitamin_k)),
    "OtherLine": _label_reports().flatmap(lambda r: st.sampled_from(r.other)),
    "UnreadLine": _label_reports().flatmap(lambda r: st.sampled_from(r.unread)),
    "LabelReport": _label_reports(),
}


def _same(x: Any, y: Any) -> bool:
    """Equality, with Simulation (NumPy arrays, no __eq__) compared field by field."""
    if isinstance(x, vitk2.Simulation):
        return (
            x.schedule == y.schedule
            and x.model == y.model
            and x.reference == y.reference
            and np.array_equal(x.hours, y.hours)
            and np.array_equal(x.concentration, y.concentration)
        )
    return bool(x == y)


def test_every_type_has_a_round_trip_strategy() -> None:
    assert set(STRATEGIES) == set(type_names())


#: Types whose JSON form has changed since it first shipped (docs/json.md, CHANGELOG).
SCHEMA_VERSIONS = {"PercentOfReference": 2}


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip(name: str, data: st.DataObject) -> None:
    x = data.draw(STRATEGIES[name])
    d = to_dict(x)
    assert d["type"] == name == type(x).__name__
    assert d["schema_version"] == SCHEMA_VERSIONS.get(name, 1)
    y = from_dict(d)
    assert type(y) is type(x)
    assert _same(x, y)
    assert to_dict(y) == d
    # Through JSON text, inside a mixed structure, with the default and the hook.
    text = json.dumps({"items": [x, 1, "a"], "n": None}, default=json_default)
    back = json.loads(text, object_hook=json_object_hook)
    assert _same(back["items"][0], x)
    assert back["items"][1:] == [1, "a"]
    assert back["n"] is None
    # And from_dict reads the plain JSON text too (without the hook).
    assert _same(from_dict(json.loads(json.dumps(d))), x)


@given(s.amounts())
def test_amount_form_is_exact_text(a: Amount) -> None:
    from vitk2._units import format_number

    d = to_dict(a)
    assert d == {
        "type": "Amount", "schema_version": 1, "vitamer": a.vitamer.key,
        "micrograms": format_number(a.micrograms), "display": str(a),
    }
    assert Fraction(d["micrograms"]) == a.micrograms


def test_amount_display_is_optional_on_input() -> None:
    d = {"type": "Amount", "schema_version": 1, "vitamer": "MK-7", "micrograms": "1000/3"}
    assert from_dict(d) == Amount.from_micrograms("MK-7", Fraction(1000, 3))


def test_derived_record_reads_without_optional_display_fields() -> None:
    c = to_dict(vitk2.compare(Amount("MK-4", "1 mg"), Amount("MK-7", "3 mg"), by="moles"))
    for key in ("first", "second"):
        del c[key]["display"]
    del c["display"]
    back = from_dict(c)
    assert back == vitk2.compare(Amount("MK-4", "1 mg"), Amount("MK-7", "3 mg"), by="moles")


def test_catalogue_entries_come_back_as_the_same_object() -> None:
    f = vitk2.food("11233")
    assert from_dict(to_dict(f)) is f
    assert from_dict(to_dict(vitk2.MK7)) is vitk2.MK7
    inside = to_dict(Diary.of(("11233", "1 cup")))
    assert inside["entries"][0]["food"] == "11233"  # by id inside other objects


def test_interaction_report_keeps_schema_1_shape() -> None:
    r = vitk2.check_interactions(["warfarin", "qzxx"], supplement=DailyDose("MK-7", "100 µg/day"))
    d = to_dict(r)
    assert d["type"] == "InteractionReport"
    assert d == r.to_dict()
    assert from_dict(r.to_dict()) == r
    assert to_dict(r.findings[0]) == {"type": "Finding", "schema_version": 1,
                                      **r.findings[0].to_dict()}


def test_dose_event_datetime_has_offset_and_zone() -> None:
    s_ = vitk2.divide(DailyDose("MK-4", "45 mg/day"), times=3)
    ev = s_.expand(dt.date(2026, 3, 29), days=1, tz="Europe/Berlin")[0]
    assert to_dict(ev)["when"] == "2026-03-29T08:30:00+02:00[Europe/Berlin]"
    fixed = s_.expand(dt.date(2026, 3, 29), days=1, tz=dt.timezone(dt.timedelta(hours=-5)))[0]
    assert to_dict(fixed)["when"] == "2026-03-29T08:30:00-05:00"


def test_repeated_wall_time_keeps_its_fold() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Berlin")
    adm = vitk2.divide(DailyDose("MK-7", "100 µg/day"), times=1).administrations[0]
    for fold in (0, 1):
        when = dt.datetime(2026, 10, 25, 2, 30, tzinfo=zone, fold=fold)
        ev = vitk2.DoseEvent(when, adm.amount, adm)
        back = from_dict(json.loads(json.dumps(to_dict(ev))))
        assert back.when.fold == fold
        assert back.when.utcoffset() == when.utcoffset()
        assert back.when.tzinfo is zone


# --- bad input: one test per kind ------------------------------------------------------------

AMOUNT: dict[str, Any] = {"type": "Amount", "schema_version": 1, "vitamer": "MK-7",
                          "micrograms": "100"}


def _refused(d: object, *words: str) -> SerializationError:
    with pytest.raises(SerializationError) as info:
        from_dict(d)  # type: ignore[arg-type]
    for w in words:
        assert w in str(info.value), (w, str(info.value))
    assert isinstance(info.value, Vitk2Error)
    assert isinstance(info.value, ValueError)
    return info.value


def _with(**changes: Any) -> dict[str, Any]:
    d = dict(AMOUNT)
    for k, v in changes.items():
        if v is ...:
            del d[k]
        else:
            d[k] = v
    return d


def test_not_an_object() -> None:
    _refused(["Amount"], "a JSON object")


def test_missing_type() -> None:
    _refused(_with(type=...), "no 'type' field")


def test_unknown_type() -> None:
    _refused(_with(type="Amonut"), "unknown type 'Amonut'", "Amount", "DailyDose")


def test_type_not_a_string() -> None:
    _refused(_with(type=["Amount"]), "unknown type")


def test_missing_schema_version() -> None:
    _refused(_with(schema_version=...), "schema_version", "version 1")


@pytest.mark.parametrize("version", ["1", True, 1.0, None])
def test_schema_version_of_wrong_type(version: object) -> None:
    _refused(_with(schema_version=version), "Amount.schema_version", "a whole number")


@pytest.mark.parametrize("version", [0, 2, -1])
def test_unsupported_schema_version(version: int) -> None:
    _refused(_with(schema_version=version), f"schema_version {version} is not supported",
             "reads version 1")


def test_extra_field() -> None:
    _refused(_with(mg="0.1"), "unexpected field 'mg'", "vitamer, micrograms")


def test_missing_field() -> None:
    _refused(_with(micrograms=...), "needs the field 'micrograms'")


@pytest.mark.parametrize("value", [100, 0.1, None, True, [], "1e3", "0x10", "1/0", "½", "1,5",
                                   " 100", "abc", "nan"])
def test_exact_number_of_wrong_form(value: object) -> None:
    _refused(_with(micrograms=value), "Amount.micrograms", "exact number as a string")


def test_negative_amount() -> None:
    _refused(_with(micrograms="-1"), "Amount", "negative")


def test_wrong_field_type_is_named_with_its_path() -> None:
    d = to_dict(vitk2.divide(DailyDose("MK-4", "45 mg/day"), times=3))
    d["administrations"][1]["units"] = "none"
    _refused(d, "Schedule.administrations[1].units", "an array of")


def test_unknown_vitamer_key() -> None:
    _refused(_with(vitamer="MK-99"), "Amount.vitamer", "MK-99")


def test_vitamer_synonym_is_not_a_key() -> None:
    _refused(_with(vitamer="menaquinone-7"), "write its key 'MK-7'")


def test_vitamer_of_wrong_type() -> None:
    _refused(_with(vitamer=7), "Amount.vitamer", "the key of a Vitamer")


def test_nested_object_of_the_wrong_type() -> None:
    c = to_dict(vitk2.compare(Amount("MK-4", "1 mg"), Amount("MK-7", "1 mg"), by="mass"))
    c["first"] = {"type": "Severity", "schema_version": 1, "value": "major"}
    _refused(c, "Comparison.first", "expected Amount or DailyDose, not Severity")


@pytest.mark.parametrize("display", ["100 mg MK-7", "100 µg MK-4", "100 µg/day MK-7", "", 100])
def test_display_that_contradicts_the_fields(display: object) -> None:
    _refused(_with(display=display), "Amount.display")


def test_display_is_read_by_value_not_wording() -> None:
    assert from_dict(_with(display="0.1 mg menaquinone-7")) == Amount("MK-7", "100 µg")
    s_ = to_dict(vitk2.divide(DailyDose("MK-7", "100 µg/day"), times=1))
    s_["display"] = "one hundred micrograms every morning"
    assert from_dict(s_) == vitk2.divide(DailyDose("MK-7", "100 µg/day"), times=1)


def test_derived_value_that_does_not_recompute() -> None:
    c = to_dict(vitk2.compare(Amount("MK-4", "1 mg"), Amount("MK-7", "1 mg"), by="mass"))
    c["ratio"] = "2"
    c.pop("display")
    _refused(c, "Comparison.ratio", "'2'", "'1'", "recomputes")


def test_catalogue_record_that_differs_from_the_data() -> None:
    d = to_dict(vitk2.food("11233"))
    d["description"] = "Kale, boiled"
    _refused(d, "Food.description", "Kale, boiled", "other data")


def test_catalogue_entry_by_key_alone() -> None:
    assert from_dict({"type": "Food", "schema_version": 1, "id": "11233"}) is vitk2.food("11233")
    assert from_dict({"type": "Vitamer", "schema_version": 1, "key": "K1"}) is vitk2.K1
    _refused({"type": "Vitamer", "schema_version": 1, "name": "phylloquinone"},
             "needs the field 'key'")
    _refused({"type": "Vitamer", "schema_version": 1, "key": "K1", "formula": "C31H44O2"},
             "Vitamer.formula", "'C31H44O2'", "'C31H46O2'")


def test_unknown_catalogue_key() -> None:
    d = to_dict(vitk2.authority("IOM"))
    d["key"] = "FDA"
    _refused(d, "Authority.key", "FDA")


def test_fields_that_make_no_valid_object() -> None:
    d = to_dict(LifeStage(from_months=12, to_months=48))
    d["to_months"] = 6
    _refused(d, "LifeStage", "do not make a valid LifeStage", "empty age band")


def test_schedule_of_two_vitamers() -> None:
    d = to_dict(vitk2.divide(DailyDose("MK-4", "45 mg/day"), times=3))
    d["administrations"][0]["amount"] = to_dict(Amount("MK-7", "15 mg"))
    d.pop("display")
    _refused(d, "Schedule", "one vitamer")


@pytest.mark.parametrize("value", ["major ", "Major", "severe", 3, None])
def test_enum_value_not_on_the_scale(value: object) -> None:
    _refused({"type": "Severity", "schema_version": 1, "value": value}, "Severity.value",
             "'contraindicated'")


def test_report_whose_overall_level_hides_a_finding() -> None:
    d = to_dict(vitk2.check_interactions(["warfarin"]))
    d["overall"] = "none"
    _refused(d, "InteractionReport.overall", "'none'", "worst finding is 'major'")


def test_dose_event_whose_amount_is_not_its_administrations() -> None:
    s_ = vitk2.divide(DailyDose("MK-4", "45 mg/day"), times=3)
    d = to_dict(s_.expand(dt.date(2026, 3, 29), days=1, tz="UTC")[0])
    d["amount"] = to_dict(Amount("MK-4", "45 mg"))
    _refused(d, "DoseEvent.amount", "contradicts itself")


def test_vitamer_total_with_entries_out_of_range() -> None:
    t = Diary.of(("Natto", "1 cup"), ("Kale, raw", "30 g")).totals()
    d = to_dict(t["MK-7"])
    d["unknown_entries"] = [2]
    _refused(d, "VitamerTotal.unknown_entries", "[2]", "2 entries")
    d = to_dict(t["MK-7"])
    d["known"] = to_dict(Amount("K1", "1 µg"))
    _refused(d, "VitamerTotal.known", "not an amount of MK-7")


def test_report_written_before_ranks_as_still_reads() -> None:
    r = vitk2.check_interactions(["warfarin", "apixaban"])
    d = to_dict(r)
    for f in d["findings"]:
        del f["ranks_as"], f["did_you_mean"]
    back = from_dict(d)
    assert [f.ranks_as for f in back.findings] == [f.severity for f in r.findings]
    assert back.overall == r.overall


def test_report_with_another_severity_scale() -> None:
    d = to_dict(vitk2.check_interactions(["warfarin"]))
    d["severity_scale"] = d["severity_scale"][::-1]
    _refused(d, "InteractionReport.severity_scale", "the severity scale")


def test_finding_citing_an_unknown_source() -> None:
    d = to_dict(vitk2.check_interactions(["warfarin"]).findings[0])
    d["citations"][0]["key"] = "nobody-1999"
    _refused(d, "Finding.citations[0].key", "nobody-1999")


@pytest.mark.parametrize("value", [True, "12", 12.0, None])
def test_whole_number_field_of_wrong_type(value: object) -> None:
    d = to_dict(EventRow(time=Fraction(8), amt=Fraction(15), ii=24, addl=2))
    d["ii"] = value
    _refused(d, "EventRow.ii", "a whole number")


@pytest.mark.parametrize("value", [1, "yes", None])
def test_boolean_field_of_wrong_type(value: object) -> None:
    d = to_dict(vitk2.MealAnchor("lunch", "with"))
    d["fat_containing"] = value
    _refused(d, "MealAnchor.fat_containing", "true or false")


@pytest.mark.parametrize("hours", ["17", None, True, 1e400])
def test_float_field_of_wrong_type(hours: object) -> None:
    d = to_dict(vitk2.pk_model("MK-7").half_life)
    d["hours"] = hours
    _refused(d, "PKParameter.hours", "a finite number")


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("2026-03-29T08:30:00", ("DoseEvent.when", "ISO 8601")),
        ("2026-03-29 08:30:00+02:00", ("DoseEvent.when", "ISO 8601")),
        ("2026-02-30T08:30:00+01:00", ("DoseEvent.when", "ISO 8601")),
        ("2026-03-29T08:30:00+02:00[Mars/Olympus]", ("'Mars/Olympus' is not an IANA",)),
        ("2026-03-29T08:30:00+01:00[Europe/Berlin]", ("contradicts itself",)),
        (1774765800, ("DoseEvent.when",)),
    ],
)
def test_bad_datetimes(when: object, words: tuple[str, ...]) -> None:
    s_ = vitk2.divide(DailyDose("MK-4", "45 mg/day"), times=3)
    d = to_dict(s_.expand(dt.date(2026, 3, 29), days=1, tz="Europe/Berlin")[0])
    d["when"] = when
    _refused(d, *words)


@pytest.mark.parametrize("value", ["8:30", "25:00", "08:30+01:00", "noon", 830])
def test_bad_clock_anchor(value: object) -> None:
    d = to_dict(vitk2.divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=["07:00"]))
    assert d["administrations"][0]["anchor"] == "07:00"
    d["administrations"][0]["anchor"] = value
    d.pop("display")
    _refused(d, "Schedule.administrations[0].anchor")


def test_naive_datetime_cannot_be_written() -> None:
    adm = vitk2.divide(DailyDose("MK-7", "100 µg/day"), times=1).administrations[0]
    # A naive datetime cannot even make a DoseEvent now; neither path lets one be written.
    with pytest.raises((SerializationError, vitk2.ScheduleError), match=r"naive|time zone|aware"):
        to_dict(vitk2.DoseEvent(dt.datetime(2026, 1, 1, 8), adm.amount, adm))


def test_unsupported_object_cannot_be_written() -> None:
    with pytest.raises(SerializationError, match=r"Fraction .* has no vitk2 JSON form"):
        to_dict(Fraction(1, 3))
    with pytest.raises(SerializationError, match="no vitk2 JSON form"):
        json.dumps({"x": {1, 2}}, default=json_default)


def test_hook_leaves_plain_objects_and_refuses_bad_vitk2_ones() -> None:
    plain = '{"type": "note", "text": "hi"}'
    assert json.loads(plain, object_hook=json_object_hook) == {"type": "note", "text": "hi"}
    with pytest.raises(SerializationError, match="unknown type 'note'"):
        json.loads('{"type": "note", "schema_version": 1}', object_hook=json_object_hook)


@settings(max_examples=300, deadline=None)
@given(s.json_values())
def test_any_json_value_is_read_or_refused_cleanly(value: object) -> None:
    try:
        back = from_dict(value)  # type: ignore[arg-type]
    except SerializationError:
        return
    assert _same(from_dict(to_dict(back)), back)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["Amount", "Comparison", "Schedule", "DoseEvent", "ReferenceIntake",
                             "InteractionReport", "Diary", "Study", "EventTable",
                             "LabelReport"]),
       data=st.data())
def test_a_damaged_record_is_read_or_refused_cleanly(name: str, data: st.DataObject) -> None:
    """Replace or drop any one field, at any depth: never a KeyError, TypeError or pint error."""
    d = to_dict(data.draw(STRATEGIES[name]))
    damaged = copy.deepcopy(d)
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((node, i))
                walk(v)

    walk(damaged)
    parent, key = data.draw(st.sampled_from(paths))
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[key]
    else:
        parent[key] = data.draw(s.json_values())
    try:
        back = from_dict(damaged)
    except SerializationError:
        return
    # Accepted: then it is a valid object whose JSON form is canonical (it re-reads to itself).
    assert from_dict(to_dict(back)) == back


# --- coverage of the public surface, laziness, docs --------------------------------------------


def _public_classes() -> set[str]:
    out = set()
    for name in vitk2.__all__:
        obj = getattr(vitk2, name)
        if isinstance(obj, type) and not issubclass(obj, BaseException | Warning):
            out.add(name)
    return out


def test_every_public_class_is_serialisable_or_excluded_with_a_reason() -> None:
    public = _public_classes()
    assert public == set(type_names()) | set(EXCLUDED), (
        public ^ (set(type_names()) | set(EXCLUDED))
    )
    assert not set(type_names()) & set(EXCLUDED)
    assert all(len(reason) > 20 for reason in EXCLUDED.values())


def test_docs_page_lists_every_type_and_every_exclusion() -> None:
    page = (DOCS / "json.md").read_text(encoding="utf-8")
    for name in (*type_names(), *EXCLUDED):
        assert f"`{name}`" in page, name
    assert "json" in (DOCS / "index.md").read_text(encoding="utf-8")


def test_reading_an_amount_loads_neither_pint_nor_the_food_tables() -> None:
    code = (
        "import sys, vitk2\n"
        "before = set(sys.modules)\n"
        "import vitk2._serial\n"
        "added = {m for m in set(sys.modules) - before if m.startswith(('vitk2', 'pint'))}\n"
        "a = vitk2.from_dict({'type': 'Amount', 'schema_version': 1, 'vitamer': 'MK-7',"
        " 'micrograms': '100'})\n"
        "print(sorted(added), any(m.startswith('vitk2._food') for m in sys.modules),"
        " 'vitk2._interactions' in sys.modules,"
        " 'pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = "['vitk2._serial', 'vitk2._serial_fields', 'vitk2._serial_types']"
    assert out.stdout.strip() == f"{loaded} False False False"


@given(s.amounts(), s.daily_doses())
def test_amount_and_daily_dose_methods(a: Amount, d: DailyDose) -> None:
    assert a.to_dict() == to_dict(a)
    assert Amount.from_dict(a.to_dict()) == a
    assert DailyDose.from_dict(d.to_dict()) == d
    with pytest.raises(SerializationError, match="expected Amount, not DailyDose"):
        Amount.from_dict(d.to_dict())
    with pytest.raises(SerializationError, match="expected DailyDose, not Amount"):
        DailyDose.from_dict(a.to_dict())
