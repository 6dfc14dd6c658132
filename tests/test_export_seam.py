"""The export seam: formats are modules over Schedule's public timing API.

A test-only format, a plain CSV timeline, is written here on the public API alone (names from
``vitk2``); it must agree with :meth:`Schedule.expand` and with the shipped event table.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import vitk2
from tests.strategies import schedule_dates, time_zones, whole_ng_daily_doses
from vitk2 import (
    MAX_DAYS,
    Administration,
    Amount,
    DailyDose,
    Schedule,
    ScheduleError,
    UnknownTimeZoneError,
    count_dosing_days,
    divide,
    read_time_zone,
    to_event_table,
)

SRC = Path(vitk2.__file__).parent
FORMAT_MODULES = sorted(SRC.glob("_export_*.py"))


# --- the test-only format ---------------------------------------------------------------------


def to_timeline(
    schedule: Schedule,
    start: dt.date,
    *,
    days: int,
    tz: str = "UTC",
    meal_times: Mapping[str, dt.time | str] | None = None,
) -> str:
    """CSV ``date,time,utc_offset,amount_ug,vitamer,when``: one row per dated dose."""
    if not isinstance(schedule, Schedule):
        msg = f"to_timeline() needs a Schedule, got {schedule!r}"
        raise ScheduleError(msg)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "time", "utc_offset", "amount_ug", "vitamer", "when"])
    for e in schedule.expand(start, days=days, tz=read_time_zone(tz), meal_times=meal_times):
        writer.writerow([
            f"{e.when:%Y-%m-%d}",
            f"{e.when:%H:%M}",
            f"{e.when:%z}",
            str(e.amount.micrograms),
            e.amount.vitamer.key,
            e.administration.anchor_text,
        ])
    return out.getvalue()


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@given(whole_ng_daily_doses(), st.integers(1, 6), schedule_dates, st.integers(1, 10), time_zones)
def test_timeline_rows_are_the_expanded_doses(
    dose: DailyDose, times: int, start: dt.date, days: int, tz: str
) -> None:
    assume(dose.micrograms_per_day * 1000 >= times)  # at least 1 ng an administration
    s = divide(dose, times)
    rows = _read(to_timeline(s, start, days=days, tz=tz))
    assert len(rows) == days * times == count_dosing_days(start, days=days) * s.times_per_day
    assert sum(Fraction(r["amount_ug"]) for r in rows) == days * dose.micrograms_per_day
    assert {r["when"] for r in rows} == {a.anchor_text for a in s.administrations}
    assert {r["vitamer"] for r in rows} == {dose.vitamer.key}
    events = s.expand(start, days=days, tz=tz)
    assert [(r["date"], r["time"]) for r in rows] == [
        (f"{e.when:%Y-%m-%d}", f"{e.when:%H:%M}") for e in events
    ]


@given(whole_ng_daily_doses(), st.integers(1, 6), schedule_dates, st.integers(1, 5))
def test_timeline_agrees_with_the_shipped_event_table(
    dose: DailyDose, times: int, start: dt.date, days: int
) -> None:
    # In UTC there is no daylight saving, so wall-clock hours from the first midnight are the
    # event table's nominal hours.
    assume(dose.micrograms_per_day * 1000 >= times)  # at least 1 ng an administration
    s = divide(dose, times)
    rows = _read(to_timeline(s, start, days=days))
    midnight = dt.datetime.combine(start, dt.time(0), tzinfo=dt.UTC)
    hours = sorted(
        Fraction(int((dt.datetime.fromisoformat(f"{r['date']}T{r['time']}+00:00") - midnight)
                     .total_seconds()), 3600)
        for r in rows
    )
    table = to_event_table(s, days=days, unit="ug")
    expected = sorted(row.time + 24 * k for row in table.rows for k in range(row.addl + 1))
    assert hours == expected


def test_timeline_refuses_what_the_shipped_formats_refuse() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    with pytest.raises(ScheduleError, match="to_timeline"):
        to_timeline("45 mg/day", dt.date(2026, 1, 5), days=1)  # type: ignore[arg-type]
    with pytest.raises(UnknownTimeZoneError, match="Europe/Berln"):
        to_timeline(s, dt.date(2026, 1, 5), days=1, tz="Europe/Berln")
    with pytest.raises(ScheduleError, match=r"days=0"):
        to_timeline(s, dt.date(2026, 1, 5), days=0)


# --- the public timing API --------------------------------------------------------------------


@given(whole_ng_daily_doses(), st.integers(1, 24))
def test_anchor_text_is_what_str_says(dose: DailyDose, times: int) -> None:
    assume(dose.micrograms_per_day * 1000 >= times)
    for adm in divide(dose, times).administrations:
        assert str(adm) == f"{adm.amount} {adm.anchor_text}"
        assert adm.anchor_text == (
            f"at {adm.anchor:%H:%M}" if isinstance(adm.anchor, dt.time) else str(adm.anchor)
        )


def test_anchor_text_examples() -> None:
    amount = Amount("MK-7", "100 µg")
    assert Administration("20:00", amount).anchor_text == "at 20:00"
    assert Administration("before lunch", amount).anchor_text == "before lunch"
    fat = Administration("with a fat-containing meal", amount)
    assert fat.anchor_text == "with a fat-containing meal"


@given(schedule_dates, st.integers(0, 400))
def test_count_dosing_days_by_end_or_by_days(start: dt.date, extra: int) -> None:
    end = start + dt.timedelta(days=extra)
    assert count_dosing_days(start, end) == extra + 1 == count_dosing_days(start, days=extra + 1)


@pytest.mark.parametrize(
    ("start", "end", "days", "match"),
    [
        (dt.date(2026, 1, 5), None, None, "exactly one of end= or days="),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 6), 2, "exactly one of end= or days="),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 4), None, "on or after start"),
        (dt.date(2026, 1, 5), None, MAX_DAYS + 1, "days=36526: .* 36,525"),
        (dt.datetime(2026, 1, 5), None, 1, "give a datetime.date"),
        (dt.date.max, None, 1, "runs off the calendar"),
    ],
)
def test_count_dosing_days_refuses(
    start: dt.date, end: dt.date | None, days: int | None, match: str
) -> None:
    with pytest.raises(ScheduleError, match=match):
        count_dosing_days(start, end, days=days)


@given(time_zones)
def test_read_time_zone_reads_names_and_passes_zones(name: str) -> None:
    zone = read_time_zone(name)
    assert isinstance(zone, dt.tzinfo)
    assert read_time_zone(zone) is zone


@pytest.mark.parametrize("bad", ["", "  ", "Mars/Olympus", "../etc/passwd", 3])
def test_read_time_zone_refuses(bad: object) -> None:
    with pytest.raises(UnknownTimeZoneError, match="IANA name"):
        read_time_zone(bad)  # type: ignore[arg-type]


# --- the seam's rules -------------------------------------------------------------------------


def test_there_is_one_module_per_shipped_format() -> None:
    assert [p.stem for p in FORMAT_MODULES] == ["_export_events", "_export_fhir", "_export_ical"]
    import vitk2.export

    for public in ("to_fhir_dosage", "to_ical", "to_event_table"):
        assert getattr(vitk2.export, public).__module__.startswith("vitk2._export_")


@pytest.mark.parametrize("path", FORMAT_MODULES, ids=lambda p: p.stem)
def test_a_format_module_imports_no_private_name(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vitk2"):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{path.name} imports {private} from {node.module}"
            # Formats sit at the top of the layers: they may use anything below, not each other,
            # and nothing above them (pharmacokinetics, the command line, serialisation).
            module = node.module or ""
            assert not module.startswith("vitk2._export_"), path.name
            assert module not in {"vitk2", "vitk2._pk", "vitk2._cli", "vitk2._serial"}, path.name


def test_the_optional_module_sits_at_the_bottom() -> None:
    tree = ast.parse((SRC / "_optional.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "vitk2._errors"}
