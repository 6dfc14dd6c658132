"""Exports: FHIR R4 Dosage, iCalendar, NONMEM/mrgsolve dosing events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pandas as pd
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]
from fhir.resources.dosage import Dosage as DosageR5
from fhir.resources.R4B.dosage import Dosage
from fhir.resources.R4B.medicationstatement import MedicationStatement as MedicationStatementR4B
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import schedule_dates, time_zones, whole_ng_daily_doses
from vitk2 import (
    SNOMED_SYSTEM,
    UCUM_SYSTEM,
    DailyDose,
    EventRow,
    EventTable,
    MealAnchor,
    Schedule,
    ScheduleError,
    UnknownTimeZoneError,
    Vitk2Error,
    divide,
    to_event_table,
    to_fhir_dosage,
    to_fhir_medication_statement,
    to_ical,
    when_code,
)
from vitk2._csv import csv_text, unneutralise
from vitk2._units import format_number, unit_spec

# FHIR R4: ValueSet event-timing (v3 TimingEvent meal codes) and units-of-time.
MEAL_WHEN = {"C", "CM", "CD", "CV", "AC", "ACM", "ACD", "ACV", "PC", "PCM", "PCD", "PCV"}
UNITS_OF_TIME = {"s", "min", "h", "d", "wk", "mo", "a"}
UCUM_MASS = {"ng": Fraction(1, 1000), "ug": Fraction(1), "mg": Fraction(1000)}

anchor_sets = st.sampled_from(
    [
        None,
        ["after breakfast", "after lunch", "after dinner"],
        ["with a fat-containing meal"],
        ["before breakfast", "with dinner"],
        ["08:00", "20:00"],
        ["07:30", "with lunch", "22:15"],
        ["with a meal"],
    ]
)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    anchors = draw(anchor_sets)
    n = len(anchors) if anchors is not None else draw(st.integers(1, 6))
    dose = draw(whole_ng_daily_doses())
    assume(dose.micrograms_per_day * 1000 >= n)
    return divide(dose, n, anchors=anchors)


# --- FHIR -----------------------------------------------------------------------------------


# SNOMED CT codes, as listed in the FHIR value sets route-codes and additional-instruction-codes.
ORAL_ROUTE = "26643006"
MEAL_INSTRUCTIONS = {"311504000": "With or after food", "311501008": "Half to one hour before food"}
C_CODES = {"C", "CM", "CD", "CV"}


def check_timing_invariants(repeat: dict[str, Any]) -> None:
    """The FHIR Timing.repeat invariants that fhir.resources does not check."""
    assert "duration" not in repeat or "durationUnit" in repeat  # tim-1
    assert "period" not in repeat or "periodUnit" in repeat  # tim-2
    assert repeat.get("offset", 0) >= 0  # unsignedInt
    if "offset" in repeat:  # tim-9: an offset needs a when, and not one of the C codes
        assert repeat.get("when")
        assert not set(repeat["when"]) & C_CODES
    assert not ("timeOfDay" in repeat and "when" in repeat)  # tim-10


@given(schedules())
def test_fhir_dosage_validates_and_adds_up(s: Schedule) -> None:
    dosages = to_fhir_dosage(s)
    total = Fraction(0)
    for d in dosages:
        Dosage.model_validate(d)  # structure, per the R4B models
        DosageR5.model_validate(d)  # and the R5 ones
        check_timing_invariants(d["timing"]["repeat"])
        assert d["route"]["coding"] == [
            {"system": "http://snomed.info/sct", "code": ORAL_ROUTE, "display": "Oral route"}
        ]
        for instruction in d.get("additionalInstruction", []):
            (coding,) = instruction["coding"]
            assert coding["system"] == SNOMED_SYSTEM == "http://snomed.info/sct"
            assert MEAL_INSTRUCTIONS[coding["code"]] == coding["display"]
        assert ("additionalInstruction" in d) == ("when" in d["timing"]["repeat"])
        repeat = d["timing"]["repeat"]
        assert repeat["periodUnit"] in UNITS_OF_TIME
        assert repeat["period"] == 1
        assert ("when" in repeat) != ("timeOfDay" in repeat)  # tim-10: not both
        if "when" in repeat:
            assert set(repeat["when"]) <= MEAL_WHEN
            assert len(repeat["when"]) == repeat["frequency"]
        else:
            assert len(repeat["timeOfDay"]) == repeat["frequency"]
            for t in repeat["timeOfDay"]:
                dt.time.fromisoformat(t)
        (dose_and_rate,) = d["doseAndRate"]
        q = dose_and_rate["doseQuantity"]
        assert q["system"] == UCUM_SYSTEM == "http://unitsofmeasure.org"
        assert q["code"] in UCUM_MASS
        assert "comparator" not in q  # SimpleQuantity
        total += Fraction(Decimal(str(q["value"]))) * UCUM_MASS[q["code"]] * repeat["frequency"]
    assert total == s.daily_dose.micrograms_per_day


def test_fhir_menatetrenone_after_meals() -> None:
    (d,) = to_fhir_dosage(divide(DailyDose("MK-4", "45 mg/day"), 3))
    assert d["timing"]["repeat"] == {
        "frequency": 3,
        "period": 1,
        "periodUnit": "d",
        "when": ["PCM", "PCD", "PCV"],
        "offset": 30,
    }
    assert d["additionalInstruction"] == [
        {
            "coding": [
                {"system": SNOMED_SYSTEM, "code": "311504000", "display": "With or after food"}
            ]
        }
    ]
    assert d["doseAndRate"][0]["doseQuantity"]["code"] == "mg"
    assert d["text"] == "15 mg MK-4 after breakfast, after lunch, after dinner"


def test_fhir_mk7_with_a_meal_in_micrograms() -> None:
    (d,) = to_fhir_dosage(divide(DailyDose("MK-7", "180 µg/day")))
    assert d["timing"]["repeat"]["when"] == ["C"]
    assert d["doseAndRate"][0]["doseQuantity"] == {
        "value": 180,
        "unit": "µg",
        "system": "http://unitsofmeasure.org",
        "code": "ug",
    }


def test_fhir_groups_never_mix_an_offset_with_a_meal_code_that_forbids_it() -> None:
    s = divide(DailyDose("MK-7", "200 µg/day"), 2, anchors=["before breakfast", "with dinner"])
    before, with_dinner = to_fhir_dosage(s)
    assert before["timing"]["repeat"]["when"] == ["ACM"]
    assert before["timing"]["repeat"]["offset"] == 30
    assert before["additionalInstruction"][0]["coding"][0]["code"] == "311501008"
    assert with_dinner["timing"]["repeat"]["when"] == ["CV"]
    assert "offset" not in with_dinner["timing"]["repeat"]
    fat = to_fhir_dosage(
        divide(DailyDose("MK-7", "180 µg/day"), 1, anchors=["with a fat-containing meal"])
    )
    assert fat[0]["patientInstruction"] == "Take with a meal that contains fat."


@given(schedules(), st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)), st.integers(1, 400))
def test_medication_statement_validates_in_r4b(s: Schedule, start: dt.date, days: int) -> None:
    m = to_fhir_medication_statement(s, subject="Patient/example", start=start, days=days)
    parsed = MedicationStatementR4B.model_validate(m)
    assert parsed.status == "active"
    assert m["dosage"] == to_fhir_dosage(s)
    end = dt.date.fromisoformat(m["effectivePeriod"]["end"])
    assert (end - start).days + 1 == days
    unii = s.vitamer.identifiers.unii
    codings = m["medicationCodeableConcept"].get("coding", [])
    assert codings == ([{"system": "http://fdasis.nlm.nih.gov", "code": unii}] if unii else [])


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"subject": "123"}, "subject='123'"),
        ({"subject": "Patient/1", "status": "taken"}, "status='taken'"),
        ({"subject": "Patient/1", "days": 7}, "needs start="),
        ({"subject": "Patient/1", "start": dt.date(2026, 1, 1), "days": 0}, "days=0"),
    ],
)
def test_medication_statement_refuses(kwargs: dict[str, Any], pattern: str) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match=re.escape(pattern)):
        to_fhir_medication_statement(s, **kwargs)


def test_ucum_codes_are_the_units_tables() -> None:
    for code in UCUM_MASS:
        assert unit_spec(code).code == code


# --- iCalendar ------------------------------------------------------------------------------


@given(schedules(), schedule_dates, st.integers(1, 60), time_zones)
def test_ical_parses_back_to_the_expanded_schedule(
    s: Schedule, start: dt.date, days: int, tz: str
) -> None:
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    text = to_ical(s, start, days=days, tz=tz, uid_prefix="test", dtstamp=stamp)
    assert text == to_ical(s, start, days=days, tz=tz, uid_prefix="test", dtstamp=stamp)
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert len(events) == s.times_per_day
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(re.fullmatch(rf"test-[0-9a-f]{{16}}-{i}@vitk2", u) for i, u in enumerate(uids, 1))
    if tz != "UTC":
        assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == [tz]
    occurrences = []
    for e in events:
        assert e.decoded("DTSTAMP") == stamp
        rule: Any = e["RRULE"]
        assert rule["FREQ"] == ["DAILY"]
        assert rule["COUNT"] == [days]
        dtstart = e.decoded("DTSTART")
        occurrences += list(rrulestr(rule.to_ical().decode(), dtstart=dtstart))
    expected = s.expand(start, days=days, tz=tz)
    # dateutil keeps wall-clock times across DST like vitk2 does (except in a spring-forward gap).
    wall = sorted(o.replace(tzinfo=None) for o in occurrences)
    assume(all(e.when.replace(tzinfo=None) in wall for e in expected))
    assert wall == sorted(e.when.replace(tzinfo=None) for e in expected)
    assert all(o.tzinfo is not None and o.utcoffset() == o.astimezone(ZoneInfo(tz)).utcoffset()
               for o in occurrences)  # fmt: skip


def test_ical_until_and_summary() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    text = to_ical(s, dt.date(2026, 3, 1), until=dt.date(2026, 3, 31), tz="UTC")
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    rules: list[Any] = [e["RRULE"] for e in events]
    assert [r["COUNT"] for r in rules] == [[31]] * 3
    assert str(events[0]["SUMMARY"]) == "15 mg MK-4 after breakfast"
    assert "DTSTAMP:20260301T000000Z" in text


def test_ical_bad_input() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    with pytest.raises(UnknownTimeZoneError):
        to_ical(s, dt.date(2026, 1, 1), days=3, tz="Europe/Atlantis")
    with pytest.raises(ScheduleError, match="timezone-aware"):
        to_ical(s, dt.date(2026, 1, 1), days=3, tz="UTC", dtstamp=dt.datetime(2026, 1, 1))
    with pytest.raises(ScheduleError, match="exactly one of"):
        to_ical(s, dt.date(2026, 1, 1), tz="UTC")


DST_ZONES = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "UTC"]
)


@given(
    schedules(),
    st.dates(dt.date(2025, 1, 1), dt.date(2045, 12, 31)),
    st.integers(1, 400),
    DST_ZONES,
)
def test_a_calendar_reader_finds_every_dose_across_dst_changes(
    s: Schedule, start: dt.date, days: int, tz: str
) -> None:
    """recurring_ical_events expands the file to the very instants Schedule.expand gives."""
    cal = icalendar.Calendar.from_ical(to_ical(s, start, days=days, tz=tz))
    window_start = dt.datetime.combine(start - dt.timedelta(days=2), dt.time(0))
    window_end = dt.datetime.combine(start + dt.timedelta(days=days + 2), dt.time(0))
    found = recurring_ical_events.of(cal).between(window_start, window_end)
    read = sorted(e.decoded("DTSTART").astimezone(dt.UTC) for e in found)
    expected = s.expand(start, days=days, tz=tz)
    # A dose on the wall clock: the calendar and vitk2 agree on the instant except where the
    # wall time does not exist (the spring-forward gap), where RFC 5545 and vitk2 both move it
    # by the gap; a meal offset is elapsed time in vitk2 and wall time in a calendar, so only
    # clock-time anchors and doses far from a change are compared instant for instant.
    assert len(read) == len(expected)
    zone = ZoneInfo(tz)
    for got, want in zip(read, sorted(e.when.astimezone(dt.UTC) for e in expected), strict=True):
        near_change = (want - dt.timedelta(hours=3)).astimezone(zone).utcoffset() != (
            want + dt.timedelta(hours=3)
        ).astimezone(zone).utcoffset()
        if not near_change:
            assert got == want


def test_the_time_zone_definition_holds_past_2038() -> None:
    """The VTIMEZONE itself (not the reader's own tz database) gives each dose's offset."""
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    start = dt.date(2037, 6, 1)
    days = 5 * 365
    cal = icalendar.Calendar.from_ical(to_ical(s, start, days=days, tz="Europe/Berlin"))
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert isinstance(vtimezone, icalendar.Timezone)
    from_file = vtimezone.to_tz(lookup_tzid=False)
    berlin = ZoneInfo("Europe/Berlin")
    events = s.expand(start, days=days, tz=berlin)
    assert events[-1].when.year == 2042
    for e in events:
        wall = e.when.replace(tzinfo=None)
        assert wall.replace(tzinfo=from_file).utcoffset() == e.when.utcoffset(), wall
    assert "2042" in str(vtimezone["COMMENT"])  # the span it states covers the course


def test_uids_differ_between_plans_and_survive_a_new_process() -> None:
    start = dt.date(2026, 5, 1)
    mk4 = to_ical(divide(DailyDose("MK-4", "45 mg/day"), 3), start, days=7, tz="UTC")
    mk7 = to_ical(divide(DailyDose("MK-7", "180 µg/day"), 1), start, days=7, tz="UTC")
    later = to_ical(
        divide(DailyDose("MK-4", "45 mg/day"), 3), start + dt.timedelta(days=1), days=7, tz="UTC"
    )

    def uids(text: str) -> set[str]:
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}

    assert len(uids(mk4) | uids(mk7) | uids(later)) == 3 + 1 + 3
    script = (
        "import datetime as dt, vitk2;"
        "print(vitk2.to_ical(vitk2.divide(vitk2.DailyDose('MK-4', '45 mg/day'), 3),"
        " dt.date(2026, 5, 1), days=7, tz='UTC'), end='')"
    )
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert uids(run.stdout) == uids(mk4)


@given(st.integers(0, 24 * 60))
def test_a_reminder_is_an_alarm_that_long_before_each_dose(minutes: int) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    before = dt.timedelta(minutes=minutes)
    text = to_ical(s, dt.date(2026, 3, 1), days=3, tz="Europe/Berlin", reminder=before)
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    alarms = [a for e in events for a in e.walk("VALARM")]
    assert len(alarms) == 3
    assert all(a.decoded("TRIGGER") == -before for a in alarms)
    assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
    assert "VALARM" not in to_ical(s, dt.date(2026, 3, 1), days=3, tz="Europe/Berlin")


@pytest.mark.parametrize(
    "reminder", [dt.timedelta(minutes=-5), dt.timedelta(days=2), 10, "10 min", True]
)
def test_a_reminder_that_is_not_a_span_before_the_dose_is_refused(reminder: object) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match="reminder="):
        to_ical(s, dt.date(2026, 3, 1), days=3, tz="UTC", reminder=reminder)  # type: ignore[arg-type]


def test_a_zone_without_an_iana_name_is_refused() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match="no IANA name"):
        to_ical(s, dt.date(2026, 3, 1), days=3, tz=dt.timezone(dt.timedelta(hours=2)))
    assert "DTSTART:20260301T083000Z" in to_ical(s, dt.date(2026, 3, 1), days=3, tz=dt.UTC)


# --- dosing event table ---------------------------------------------------------------------


@given(schedules(), st.integers(1, 400), st.sampled_from(["mg", "ug", "µg", "ng", "nmol"]))
def test_event_table_adds_up_to_days_times_the_daily_dose(
    s: Schedule, days: int, unit: str
) -> None:
    table = to_event_table(s, days=days, unit=unit)
    assert len(table.rows) == s.times_per_day
    assert {(r.ii, r.addl, r.evid, r.cmt, r.subject) for r in table.rows} == {
        (24, days - 1, 1, 1, 1)
    }
    assert [r.time for r in table.rows] == sorted(r.time for r in table.rows)
    assert all(0 <= r.time < 24 for r in table.rows)
    total = sum(r.amt * (r.addl + 1) for r in table.rows)
    assert total == s.daily_dose.over(days).in_units(unit)
    lines = table.to_csv(comment=True).splitlines()
    assert lines[0].startswith(f"# {s.vitamer.key}; AMT in {table.amount_unit}")
    assert lines[1] == "ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL"
    assert len(lines) == 2 + s.times_per_day
    assert table.to_csv().splitlines()[0] == "ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL"


def _read_with_pandas(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


@given(
    schedules(),
    st.integers(1, 60),
    st.sampled_from(["mg", "ug", "ng", "nmol", "umol"]),
    st.integers(1, 4) | st.lists(st.integers(1, 10**6), min_size=1, max_size=4, unique=True),
)
def test_pandas_reads_the_event_table_as_numbers_that_add_up(
    s: Schedule, days: int, unit: str, subjects: int | list[int]
) -> None:
    """The CSV is what a pharmacometrician loads as it is: numeric columns, one block per ID."""
    table = to_event_table(s, days=days, unit=unit, subjects=subjects)
    frame = _read_with_pandas(table.to_csv())
    assert list(frame.columns) == ["ID", "TIME", "AMT", "CMT", "EVID", "MDV", "DV", "II", "ADDL"]
    assert all(pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns)
    ids = list(range(1, subjects + 1)) if isinstance(subjects, int) else subjects
    assert list(dict.fromkeys(frame["ID"])) == ids  # each ID's rows together, in the given order
    for _, rows in frame.groupby("ID", sort=False):
        assert list(rows["TIME"]) == sorted(rows["TIME"])  # NONMEM: time order within an ID
        total = sum(float(a) * (n + 1) for a, n in zip(rows["AMT"], rows["ADDL"], strict=True))
        assert total == pytest.approx(float(s.daily_dose.over(days).in_units(unit)), rel=1e-9)
    assert set(frame["EVID"]) == {1}
    assert set(frame["MDV"]) == {1}
    assert set(frame["DV"]) == {0}
    assert set(frame["II"]) == {24}
    assert set(frame["ADDL"]) == {days - 1}


def test_event_table_bad_days() -> None:
    with pytest.raises(ScheduleError, match="days="):
        to_event_table(divide(DailyDose("MK-7", "180 µg/day")), days=0)


def test_when_codes() -> None:
    from vitk2 import when_code

    assert when_code(MealAnchor("breakfast", "before")) == "ACM"
    assert when_code(MealAnchor("lunch", "with")) == "CD"
    assert when_code(MealAnchor(None, "after")) == "PC"


# --- only vitk2 errors, and midnight-crossing doses (issue 16) ------------------------------


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda s: to_fhir_dosage(None), r"to_fhir_dosage\(\) needs a Schedule.*got None"),  # type: ignore[arg-type]
        (
            lambda s: to_ical(None, dt.date(2026, 1, 1), days=1, tz="UTC"),  # type: ignore[arg-type]
            r"to_ical\(\) needs a Schedule",
        ),
        (lambda s: to_event_table("x", days=1), r"to_event_table\(\) needs a Schedule"),  # type: ignore[arg-type]
        (
            lambda s: to_ical(s, dt.date(2026, 1, 1), days=10**9, tz="UTC"),
            r"days=1000000000.*36,525",
        ),
        (lambda s: to_event_table(s, days=10**9), r"days=1000000000.*36,525"),
        (
            lambda s: to_ical(
                s, dt.date(2026, 1, 1), days=1, tz="UTC", meal_times={"tea": "16:00"}
            ),
            r"'tea' is not a meal",
        ),
        (
            lambda s: to_ical(s, dt.date(2026, 1, 1), days=1, tz="UTC", dtstamp="2026-01-01"),  # type: ignore[arg-type]
            r"dtstamp='2026-01-01'",
        ),
        (
            lambda s: to_ical(s, dt.date(2026, 1, 1), days=1, tz="UTC", uid_prefix="a\r\nX-EVIL:1"),
            r"uid_prefix=",
        ),
        (lambda s: when_code("at 08:00"), r"clock time.*timeOfDay"),
        (lambda s: when_code(None), r"None is not an anchor"),  # type: ignore[arg-type]
        (lambda s: when_code("after tea"), r"cannot read the anchor 'after tea'"),
    ],
)
def test_bad_export_input_gets_a_vitk2_error(call: Any, pattern: str) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match=pattern):
        call(s)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("after lunch", "PCD"),
        ("before lunch", "ACD"),
        ("with lunch", "CD"),
        ("after breakfast", "PCM"),
        ("before dinner", "ACV"),
        ("with a meal", "C"),
        ("with a fat-containing meal", "C"),
    ],
)
def test_when_code_reads_text(text: str, code: str) -> None:
    assert when_code(text) == code
    assert code in MEAL_WHEN


def test_meal_times_as_text_in_ical_and_event_table() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    start = dt.date(2026, 1, 5)
    as_time = {"breakfast": dt.time(7, 0)}
    as_text = {"breakfast": "07:00"}
    assert to_ical(s, start, days=3, tz="UTC", meal_times=as_time) == to_ical(
        s, start, days=3, tz="UTC", meal_times=as_text
    )
    assert to_event_table(s, days=3, meal_times=as_text).rows[0].time == Fraction(15, 2)


def test_a_late_dinner_dose_is_the_next_day_in_every_export() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 2)  # after breakfast, after dinner
    late = {"dinner": "23:50"}
    cal = icalendar.Calendar.from_ical(
        to_ical(s, dt.date(2026, 1, 5), days=2, tz="UTC", meal_times=late)
    )
    starts = sorted(e.get("dtstart").dt.replace(tzinfo=None) for e in cal.walk("VEVENT"))
    assert starts == [dt.datetime(2026, 1, 5, 8, 30), dt.datetime(2026, 1, 6, 0, 20)]
    table = to_event_table(s, days=2, meal_times=late)
    assert [r.time for r in table.rows] == [Fraction(17, 2), 24 + Fraction(1, 3)]
    early = divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=["before breakfast"])
    with pytest.raises(ScheduleError, match="evening before the first day"):
        to_event_table(early, days=2, meal_times={"breakfast": "00:10"})


# --- CSV: no cell a spreadsheet would run as a formula (issue 16) ----------------------------

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@given(st.lists(st.lists(st.text() | st.integers() | st.fractions(), max_size=5), max_size=5))
def test_csv_text_cells_are_neutralised_and_read_back(rows: list[list[object]]) -> None:
    text = csv_text(rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert [len(r) for r in back] == [len(r) for r in rows]  # an empty row reads back as []
    for row, cells in zip(rows, back, strict=True):
        for value, cell in zip(row, cells, strict=True):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_LEADS), cell
                assert unneutralise(cell) == value
            else:
                assert re.fullmatch(r"-?\d+(\.\d+)?", cell), cell  # a plain decimal, never 1/3
                number = Fraction(value)  # type: ignore[call-overload]
                if "/" not in format_number(number):
                    assert Fraction(cell) == number  # exact, "-5" included
                else:  # no finite decimal form: 12 significant digits
                    assert abs(Fraction(cell) - number) <= abs(number) * Fraction(1, 10**11)


@given(schedules(), st.integers(1, 30))
def test_event_table_csv_cells_are_plain_decimals(s: Schedule, days: int) -> None:
    text = to_event_table(s, days=days, unit="ug").to_csv(comment=False)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["ID", "TIME", "AMT", "CMT", "EVID", "MDV", "DV", "II", "ADDL"]
    for row in rows[1:]:
        for cell in row:
            assert re.fullmatch(r"\d+(\.\d+)?", cell), row


def test_a_clock_time_with_no_finite_decimal_is_written_as_a_decimal() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=["08:20"])
    assert to_event_table(s, days=2).rows[0].time == Fraction(25, 3)  # exact in the table
    assert to_event_table(s, days=2).to_csv().splitlines()[1] == "1,8.33333333333,0.1,1,1,1,0,24,1"


def test_negative_numbers_stay_numbers_and_text_is_neutralised() -> None:
    assert csv_text([[-5, Fraction(-1, 2), "-5", "=1+1", "@SUM(A1)", "+1", "\tx", "ok"]]) == (
        "-5,-0.5,'-5,'=1+1,'@SUM(A1),'+1,'\tx,ok\n"
    )


@given(st.text())
def test_event_table_never_writes_a_formula(text: str) -> None:
    row = EventRow(time=Fraction(17, 2), amt=15, ii=24, addl=6)
    for fields in ({"vitamer": text}, {"amount_unit": text}, {"time_unit": text}):
        kwargs: dict[str, Any] = {"amount_unit": "mg", "vitamer": "MK-4", **fields}
        try:
            table = EventTable((row,), **kwargs)
        except Vitk2Error:
            continue
        for cells in csv.reader(io.StringIO(table.to_csv(comment=True), newline="")):
            assert not any(c.startswith(FORMULA_LEADS) for c in cells), cells


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rows": (EventRow(1, 1, 24, 0),), "amount_unit": "mg", "vitamer": "=HYPERLINK(1)"},
        {"rows": (EventRow(1, 1, 24, 0),), "amount_unit": "=1", "vitamer": "MK-4"},
        {
            "rows": (EventRow(1, 1, 24, 0),),
            "amount_unit": "mg",
            "vitamer": "MK-4",
            "time_unit": "=1",
        },
        {"rows": ("=1+1",), "amount_unit": "mg", "vitamer": "MK-4"},
        {"rows": None, "amount_unit": "mg", "vitamer": "MK-4"},
    ],
)
def test_event_table_refuses_text_it_cannot_write(kwargs: dict[str, Any]) -> None:
    with pytest.raises(Vitk2Error):
        EventTable(**kwargs)


@pytest.mark.parametrize(
    "values",
    [
        ("=1+1", 1, 24, 0),
        (1, -1, 24, 0),
        (1, 1, 1.5, 0),
        (1, 1, 24, True),
        (Decimal("NaN"), 1, 24, 0),
        (1.5, 1, 24, 0),
    ],
)
def test_event_row_refuses_non_numbers(values: tuple[object, ...]) -> None:
    with pytest.raises(ScheduleError, match="is not accepted"):
        EventRow(*values)


@pytest.mark.parametrize(
    "subjects", [0, -1, True, "3", [1, 1], [0], [], [1.5], 10**5, None, {1: 1}]
)
def test_event_table_refuses_subjects_it_cannot_number(subjects: object) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match="subject"):
        to_event_table(s, days=2, subjects=subjects)  # type: ignore[arg-type]


def test_event_table_for_many_subjects_repeats_the_regimen_per_id() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    table = to_event_table(s, days=2, subjects=[7, 3])
    assert [(r.subject, r.time) for r in table.rows] == [
        (7, Fraction(17, 2)),
        (7, 13),
        (7, 19),
        (3, Fraction(17, 2)),
        (3, 13),
        (3, 19),
    ]
    assert table.to_csv().splitlines()[4] == "3,8.5,15,1,1,1,0,24,1"


def test_an_amount_in_nmol_is_a_decimal_not_a_fraction() -> None:
    """45 mg MK-4 a day in three doses is 15 mg = 33 733.715… nmol, never 22500000/81127."""
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    table = to_event_table(s, days=1, unit="nmol")
    amt = pd.read_csv(io.StringIO(table.to_csv()))["AMT"]
    assert float(amt[0]) == pytest.approx(float(table.rows[0].amt), rel=1e-11)
    assert "/" not in table.to_csv()
