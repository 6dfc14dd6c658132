"""Divided-dose schedules: exact splitting, unit strengths, anchors, expansion over dates."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    schedule_dates,
    time_zones,
    times_per_day,
    unit_strength_micrograms,
    whole_ng_daily_doses,
)
from vitk2 import (
    MK4,
    MK7,
    Amount,
    DailyDose,
    InfeasibleScheduleError,
    MealAnchor,
    Schedule,
    ScheduleError,
    UnknownTimeZoneError,
    Vitk2Error,
    anchor,
    divide,
)

# --- properties: splitting ----------------------------------------------------------------


def _divide_or_error(
    dose: DailyDose, n: int, strengths: list[Amount] | str
) -> Schedule | InfeasibleScheduleError:
    try:
        return divide(dose, n, unit_strengths=strengths)
    except InfeasibleScheduleError as err:
        return err


@given(whole_ng_daily_doses(), times_per_day)
def test_parts_sum_exactly_and_differ_by_at_most_one_nanogram(dose: DailyDose, n: int) -> None:
    assume(dose.micrograms_per_day * 1000 >= n)
    s = divide(dose, n)
    parts = [a.amount.micrograms for a in s.administrations]
    assert len(parts) == n
    assert sum(parts) == dose.micrograms_per_day
    assert s.daily_dose == dose
    assert s.is_exact
    assert max(parts) - min(parts) <= Fraction(1, 1000)
    assert all(p > 0 for p in parts)


@given(st.fractions(min_value=1, max_value=10**6, max_denominator=997), times_per_day)
def test_non_nanogram_doses_split_into_equal_exact_parts(ug: Fraction, n: int) -> None:
    dose = DailyDose.from_micrograms_per_day(MK7, ug)
    s = divide(dose, n)
    parts = {a.amount.micrograms for a in s.administrations}
    if (ug * 1000).denominator != 1:
        assert parts == {ug / n}
    assert sum(a.amount.micrograms for a in s.administrations) == ug


@given(unit_strength_micrograms, st.integers(1, 60), times_per_day)
def test_single_strength_whole_units_differ_by_at_most_one_unit(
    strength: Fraction, k: int, n: int
) -> None:
    assume(k >= n)
    dose = DailyDose.from_micrograms_per_day(MK7, strength * k)
    s = divide(dose, n, unit_strengths=[Amount.from_micrograms(MK7, strength)])
    counts = []
    for adm in s.administrations:
        assert len(adm.units) == 1
        (u,) = adm.units
        assert u.strength.micrograms == strength
        assert u.count * strength == adm.amount.micrograms
        counts.append(u.count)
    assert sum(counts) == k
    assert max(counts) - min(counts) <= 1
    assert s.daily_dose == dose


@given(
    st.lists(unit_strength_micrograms, min_size=1, max_size=3, unique=True),
    st.integers(1, 3000).map(lambda x: Fraction(x * 5)),
    st.integers(1, 4),
)
def test_several_strengths_give_whole_units_or_bracketing_options(
    strengths: list[Fraction], ug: Fraction, n: int
) -> None:
    assume(max(strengths) <= ug)
    dose = DailyDose.from_micrograms_per_day(MK7, ug)
    given_strengths = [Amount.from_micrograms(MK7, s) for s in strengths]
    result = _divide_or_error(dose, n, given_strengths)
    if isinstance(result, Schedule):
        assert result.daily_dose == dose
        schedules: tuple[Schedule, ...] = (result,)
    else:
        err = result
        schedules = err.nearest
        totals = [s.daily_dose.micrograms_per_day for s in schedules]
        assert totals, "an infeasible dose lists at least one feasible schedule"
        assert all(t != ug for t in totals)
        assert len([t for t in totals if t < ug]) <= 1
        assert len([t for t in totals if t > ug]) <= 1
        assert str(dose) in str(err)
        assert "nearest feasible" in str(err)
    for s in schedules:
        assert s.times_per_day == n
        for adm in s.administrations:
            assert adm.units
            assert all(u.strength.micrograms in strengths and u.count >= 1 for u in adm.units)
            assert sum(u.count * u.strength.micrograms for u in adm.units) == (
                adm.amount.micrograms
            )


@given(st.integers(1, 40), st.integers(1, 3))
def test_allow_rounding_takes_the_nearest_and_states_the_difference(k: int, n: int) -> None:
    # Tablets of 100 µg; a dose of k × 30 µg is rarely a multiple.
    dose = DailyDose.from_micrograms_per_day(MK7, 100 * n + 30 * k)
    result = _divide_or_error(dose, n, "100 µg")
    if isinstance(result, InfeasibleScheduleError):
        err = result
        rounded = divide(dose, n, unit_strengths="100 µg", allow_rounding=True)
        assert rounded.requested == dose
        assert rounded.difference == (
            rounded.daily_dose.micrograms_per_day - dose.micrograms_per_day
        )
        assert rounded.difference != 0
        assert not rounded.is_exact
        assert abs(rounded.difference) == min(abs(s.difference) for s in err.nearest)
        assert "rounded" in str(rounded)
        assert rounded.daily_dose.micrograms_per_day % 100 == 0
    else:
        assert result.is_exact


# --- facts ----------------------------------------------------------------------------------


def test_menatetrenone_label_regimen() -> None:
    # Glakay / menatetrenone capsules 15 mg: 45 mg a day in three divided doses after meals.
    s = divide(DailyDose("MK-4", "45 mg/day"), unit_strengths=["15 mg"])
    assert str(s) == "15 mg MK-4 three times a day after meals"
    assert [str(a.anchor) for a in s.administrations] == [
        "after breakfast",
        "after lunch",
        "after dinner",
    ]
    assert all(str(a.units[0]) == "1 × 15 mg" for a in s.administrations)


def test_mk7_default_is_once_daily_with_a_fat_containing_meal() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    assert str(s) == "180 µg MK-7 once a day with a fat-containing meal"


def test_unequal_parts_are_listed() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 3, anchors=["08:00", "14:00", "20:00"])
    assert str(s) == (
        "33.334 µg MK-7 at 08:00, 33.333 µg MK-7 at 14:00, 33.333 µg MK-7 at 20:00"
    )


def test_mixed_strengths_prefer_fewest_units() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"), 1, unit_strengths=["100 µg", "50 µg", "10 µg"])
    (adm,) = s.administrations
    assert [str(u) for u in adm.units] == ["1 × 100 µg", "1 × 50 µg", "3 × 10 µg"]


def test_anchor_parsing() -> None:
    assert anchor("before dinner") == MealAnchor("dinner", "before")
    assert anchor("With a fat-containing meal") == MealAnchor(None, "with", fat_containing=True)
    assert anchor("7:05") == dt.time(7, 5)
    assert anchor(dt.time(9)) == dt.time(9)


# --- expansion ------------------------------------------------------------------------------


@given(whole_ng_daily_doses(), st.integers(1, 4), schedule_dates, st.integers(1, 40), time_zones)
def test_expansion_gives_d_times_n_events_summing_to_d_daily_doses(
    dose: DailyDose, n: int, start: dt.date, days: int, tz: str
) -> None:
    assume(dose.micrograms_per_day * 1000 >= n)
    s = divide(dose, n)
    events = s.expand(start, days=days, tz=tz)
    assert len(events) == days * n
    assert sum(e.amount.micrograms for e in events) == days * dose.micrograms_per_day
    assert all(e.when.tzinfo is not None for e in events)
    assert [e.when for e in events] == sorted(e.when for e in events)
    assert {e.when.date() for e in events} == {start + dt.timedelta(d) for d in range(days)}
    assert s.expand(start, start + dt.timedelta(days - 1), tz=tz) == events


@given(schedule_dates, st.sampled_from(["Europe/Berlin", "America/New_York"]))
def test_wall_clock_times_survive_daylight_saving_changes(start: dt.date, tz: str) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    events = s.expand(start, days=10, tz=tz)
    wall = sorted(s.local_times())
    for i, e in enumerate(events):
        assert e.when.time() == wall[i % 3]
        # The aware datetime names a real instant that reads back as the same wall time.
        assert e.when.astimezone(dt.UTC).astimezone(ZoneInfo(tz)) == e.when


def test_nonexistent_time_moves_forward_by_the_gap() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"), 1, anchors=["02:30"])
    events = s.expand(dt.date(2026, 3, 28), days=3, tz="Europe/Berlin")
    assert [e.when.isoformat() for e in events] == [
        "2026-03-28T02:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
        "2026-03-30T02:30:00+02:00",
    ]
    # 24 h apart except across the change, where the day is 23 h long.
    assert events[2].when - events[1].when == dt.timedelta(hours=23)


def test_meal_times_can_be_given() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    events = s.expand(dt.date(2026, 1, 5), days=1, meal_times={"breakfast": dt.time(6, 0)})
    assert events[0].when.time() == dt.time(6, 30)


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("times", [0, -1, 25, 1.5, True, "3"])
def test_bad_times(times: object) -> None:
    with pytest.raises(ScheduleError, match=r"times="):
        divide(DailyDose("MK-4", "45 mg/day"), times)  # type: ignore[arg-type]


def test_zero_dose() -> None:
    with pytest.raises(ScheduleError, match="above zero"):
        divide(DailyDose("MK-7", "0 µg/day"), 1)


def test_not_a_daily_dose() -> None:
    with pytest.raises(ScheduleError, match="DailyDose"):
        divide(Amount("MK-7", "180 µg"), 1)  # type: ignore[arg-type]


def test_unit_strength_larger_than_the_dose() -> None:
    with pytest.raises(ScheduleError, match=r"15 mg is larger than the whole daily dose"):
        divide(DailyDose("MK-7", "180 µg/day"), 1, unit_strengths="15 mg")


def test_unit_strength_of_another_vitamer() -> None:
    with pytest.raises(ScheduleError, match="not MK-7"):
        divide(DailyDose("MK-7", "180 µg/day"), 1, unit_strengths=[Amount(MK4, "90 µg")])


def test_too_few_units_for_the_times() -> None:
    with pytest.raises(InfeasibleScheduleError) as info:
        divide(DailyDose("MK-4", "30 mg/day"), 3, unit_strengths="15 mg")
    assert [str(s.daily_dose) for s in info.value.nearest] == ["45 mg/day MK-4"]


def test_unknown_time_zone() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus_Mons"):
        s.expand(dt.date(2026, 1, 1), days=2, tz="Mars/Olympus_Mons")
    with pytest.raises(LookupError):
        s.expand(dt.date(2026, 1, 1), days=2, tz="")


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"days": 0}, "days=0"),
        ({}, "exactly one of"),
        ({"days": 2, "end": dt.date(2026, 1, 5)}, "exactly one of"),
        ({"end": dt.date(2025, 12, 31)}, "on or after"),
    ],
)
def test_bad_expansion_range(kwargs: dict[str, object], pattern: str) -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    with pytest.raises(ScheduleError, match=pattern):
        s.expand(dt.date(2026, 1, 1), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["after tea", "25:00", "", "noonish"])
def test_bad_anchor(text: str) -> None:
    with pytest.raises(ScheduleError, match="cannot read the anchor"):
        anchor(text)


def test_anchor_count_must_match_times() -> None:
    with pytest.raises(ScheduleError, match="one anchor per administration"):
        divide(DailyDose("MK-4", "45 mg/day"), 3, anchors=["08:00"])


def test_errors_are_vitk2_and_builtin() -> None:
    assert issubclass(ScheduleError, Vitk2Error)
    assert issubclass(ScheduleError, ValueError)
    assert issubclass(UnknownTimeZoneError, LookupError)
    assert MK7.key == "MK-7"


@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True),
    st.integers(1, 40),
    st.integers(1, 3),
)
def test_split_spread_is_minimal_against_brute_force(
    strengths: list[int], total: int, n: int
) -> None:
    import itertools

    assume(max(strengths) <= total)
    representable = {0}
    for _ in range(total):
        representable |= {r + s for r in representable for s in strengths if r + s <= total}
    values = sorted(representable - {0})
    spreads = [
        max(c) - min(c)
        for c in itertools.combinations_with_replacement(values, n)
        if sum(c) == total
    ]
    dose = DailyDose.from_micrograms_per_day(MK7, total)
    units = [Amount.from_micrograms(MK7, s) for s in strengths]
    if not spreads:
        with pytest.raises(InfeasibleScheduleError):
            divide(dose, n, unit_strengths=units)
        return
    s = divide(dose, n, unit_strengths=units)
    parts = [a.amount.micrograms for a in s.administrations]
    assert max(parts) - min(parts) == min(spreads)
