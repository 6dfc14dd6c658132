"""Garbage at every public entry point gets a vitk2 error, never a crash from deep inside.

Each public function or method is called with values of the wrong type or shape in each
argument; the only acceptable exceptions are `Vitk2Error` subclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import vitk2
from vitk2 import DailyDose, Vitk2Error

GARBAGE: dict[str, Any] = {
    "None": None,
    "float": 3.5,
    "negative": -1,
    "empty": "",
    "text": "garbage",
    "list": [],
    "dict": {},
    "object": object(),
    "bytes": b"bytes",
    "nan": float("nan"),
}


def _schedule() -> vitk2.Schedule:
    return vitk2.divide(DailyDose("MK-4", "45 mg/day"), 3)


def _unknown() -> vitk2.UnknownEntries:
    return vitk2.Diary.of(("11233", "30 g")).totals().unknown


CALLS: dict[str, Callable[[Any], object]] = {
    "parse_amount": vitk2.parse_amount,
    "parse_daily_dose": vitk2.parse_daily_dose,
    "Amount(vitamer)": lambda x: vitk2.Amount(x, "1 µg"),
    "Amount(mass)": lambda x: vitk2.Amount("MK-7", x),
    "DailyDose(per_day)": lambda x: DailyDose("MK-7", x),
    "Amount.from_micrograms": lambda x: vitk2.Amount.from_micrograms("MK-7", x),
    "Amount.to": lambda x: vitk2.Amount("MK-7", "1 µg").to(x),
    "vitamer": vitk2.vitamer,
    "read_vitamer_phrase": vitk2.read_vitamer_phrase,
    "menaquinone": vitk2.menaquinone,
    "citation": vitk2.citation,
    "compare(by)": lambda x: vitk2.compare(
        vitk2.Amount("MK-7", "1 µg"), vitk2.Amount("MK-4", "1 µg"), by=x
    ),
    "total": lambda x: vitk2.total(x, by="mass"),
    "total([x])": lambda x: vitk2.total([x], by="mass"),
    "food": vitk2.food,
    "food.amount_of(portion)": lambda x: vitk2.food("11233").amount_of("K1", x),
    "food.amount_of(vitamer)": lambda x: vitk2.food("11233").amount_of(x, "30 g"),
    "Diary.of": vitk2.Diary.of,
    "Diary.add(portion)": lambda x: vitk2.Diary().add("11233", x),
    "reference_intake(authority)": lambda x: vitk2.reference_intake(x, age_years=40, sex="male"),
    "reference_intake(age)": lambda x: vitk2.reference_intake("IOM", age_years=x, sex="male"),
    "reference_intake(sex)": lambda x: vitk2.reference_intake("IOM", age_years=40, sex=x),
    "reference_intake(weight)": lambda x: vitk2.reference_intake(
        "EFSA", age_years=40, body_weight=x
    ),
    "upper_limit": vitk2.upper_limit,
    "percent_of_reference": lambda x: vitk2.percent_of_reference(
        x, vitk2.reference_intake("IOM", age_years=40, sex="male")
    ),
    "study": vitk2.study,
    "studies(outcome)": lambda x: vitk2.studies(outcome=x),
    "studies(dose_range)": lambda x: vitk2.studies(dose_range=x),
    "dose_in_context": vitk2.dose_in_context,
    "substance": vitk2.substance,
    "check_interactions(supplement)": lambda x: vitk2.check_interactions(
        ["warfarin"], supplement=x
    ),
    "divide(dose)": lambda x: vitk2.divide(x, 3),
    "divide(times)": lambda x: vitk2.divide(DailyDose("MK-4", "45 mg/day"), x),
    "divide(strengths)": lambda x: vitk2.divide(
        DailyDose("MK-4", "45 mg/day"), 3, unit_strengths=[x]
    ),
    "divide(anchors)": lambda x: vitk2.divide(DailyDose("MK-4", "45 mg/day"), 1, anchors=[x]),
    "Schedule.expand(start)": lambda x: _schedule().expand(x, days=2, tz="Europe/Berlin"),
    "Schedule.expand(tz)": lambda x: _schedule().expand(dt.date(2026, 1, 1), days=2, tz=x),
    "to_event_table(days)": lambda x: vitk2.to_event_table(_schedule(), days=x),
    "pk_model": vitk2.pk_model,
    "to_dict": vitk2.to_dict,
    "from_dict": vitk2.from_dict,
    "from_dict(field)": lambda x: vitk2.from_dict(
        {"type": "Amount", "schema_version": 1, "vitamer": x, "micrograms": "1"}
    ),
    "Amount.from_dict": vitk2.Amount.from_dict,
    "json_default": vitk2.json_default,
    "json_object_hook": vitk2.json_object_hook,
    # issue 16: schedules, exports and diaries
    "Schedule(administrations)": lambda x: vitk2.Schedule(x, DailyDose("MK-4", "45 mg/day")),
    "Schedule(requested)": lambda x: vitk2.Schedule(_schedule().administrations, x),
    "Administration(anchor)": lambda x: vitk2.Administration(x, vitk2.Amount("MK-4", "1 mg")),
    "Administration(amount)": lambda x: vitk2.Administration("after dinner", x),
    "UnitCount(count)": lambda x: vitk2.UnitCount(x, vitk2.Amount("MK-4", "1 mg")),
    "divide(unit_strengths=x)": lambda x: vitk2.divide(
        DailyDose("MK-4", "45 mg/day"), 3, unit_strengths=x
    ),
    "divide(anchors=x)": lambda x: vitk2.divide(DailyDose("MK-4", "45 mg/day"), 1, anchors=x),
    "Schedule.expand(days)": lambda x: _schedule().expand(
        dt.date(2026, 1, 1), days=x, tz="Europe/Berlin"
    ),
    "Schedule.expand(end)": lambda x: _schedule().expand(
        dt.date(2026, 1, 1), x, tz="Europe/Berlin"
    ),
    "Schedule.expand(meal_times)": lambda x: _schedule().expand(
        dt.date(2026, 1, 1), tz="UTC", days=1, meal_times=x
    ),
    "Schedule.expand(meal_times value)": lambda x: _schedule().expand(
        dt.date(2026, 1, 1), tz="UTC", days=1, meal_times={"dinner": x}
    ),
    "to_fhir_dosage": vitk2.to_fhir_dosage,
    "when_code": vitk2.when_code,
    "to_ical(schedule)": lambda x: vitk2.to_ical(x, dt.date(2026, 1, 1), tz="UTC", days=1),
    "to_ical(start)": lambda x: vitk2.to_ical(_schedule(), x, tz="UTC", days=1),
    "to_ical(days)": lambda x: vitk2.to_ical(_schedule(), dt.date(2026, 1, 1), tz="UTC", days=x),
    "to_ical(meal_times)": lambda x: vitk2.to_ical(
        _schedule(), dt.date(2026, 1, 1), tz="UTC", days=1, meal_times=x
    ),
    "to_ical(dtstamp)": lambda x: vitk2.to_ical(
        _schedule(), dt.date(2026, 1, 1), tz="UTC", days=1, dtstamp=x
    ),
    "to_ical(uid_prefix)": lambda x: vitk2.to_ical(
        _schedule(), dt.date(2026, 1, 1), tz="UTC", days=1, uid_prefix=x
    ),
    "to_event_table(schedule)": lambda x: vitk2.to_event_table(x, days=1),
    "to_event_table(unit)": lambda x: vitk2.to_event_table(_schedule(), days=1, unit=x),
    "EventTable(vitamer)": lambda x: vitk2.EventTable((), "mg", x),
    "EventTable(rows)": lambda x: vitk2.EventTable(x, "mg", "MK-4"),
    "Diary(entries)": vitk2.Diary,
    "Diary.extend": lambda x: vitk2.Diary().extend(x),
    "Diary.add(food)": lambda x: vitk2.Diary().add(x, "30 g"),
    "Diary.totals(vitamers)": lambda x: vitk2.Diary().totals(x),
    "DiaryTotals[x]": lambda x: vitk2.Diary().totals()[x],
    "DiaryTotals.unknown[x]": lambda x: _unknown()[x],
    "DiaryTotals.unknown.get(x)": lambda x: _unknown().get(x, ()),
    "x in DiaryTotals.unknown": lambda x: x in _unknown(),
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
@pytest.mark.parametrize("name", sorted(CALLS))
def test_garbage_gets_a_vitk2_error_or_a_valid_answer(name: str, kind: str) -> None:
    message = "no error"
    try:
        CALLS[name](GARBAGE[kind])
    except Vitk2Error as exc:
        message = str(exc)
    assert message, name
