"""Divided-dose schedules: exact splitting, unit strengths, anchors, expansion over dates."""

from __future__ import annotations

import datetime as dt
import warnings
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
    Administration,
    Amount,
    DailyDose,
    InfeasibleScheduleError,
    MealAnchor,
    RoundingWarning,
    Schedule,
    ScheduleError,
    UnitCount,
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
        with pytest.warns(RoundingWarning) as caught:
            rounded = divide(dose, n, unit_strengths="100 µg", allow_rounding=True)
        assert len(caught) == 1
        said = str(caught[0].message)
        plural = "administration" if n == 1 else "administrations"
        assert said.startswith(f"{dose} cannot be given as {n} {plural} of whole units of 100 µg")
        assert f"scheduled {rounded.daily_dose} instead" in said
        assert caught[0].filename == __file__  # points at the caller's line
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
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an exact schedule warns of nothing
            assert divide(dose, n, unit_strengths="100 µg", allow_rounding=True) == result


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
    events = s.expand(
        dt.date(2026, 1, 5), days=1, meal_times={"breakfast": dt.time(6, 0)}, tz="Europe/Berlin"
    )
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
    with pytest.raises(ScheduleError, match="is MK-4, but the dose is MK-7"):
        divide(DailyDose("MK-7", "180 µg/day"), 1, unit_strengths=[Amount(MK4, "90 µg")])
    # a strength text naming another vitamer says so, not "is not an amount"
    with pytest.raises(ScheduleError, match="15 mg K1 is K1, but the dose is MK-4"):
        divide(DailyDose("MK-4", "45 mg/day"), 3, unit_strengths="15 mg K1")
    named = divide(DailyDose("MK-4", "45 mg/day"), 3, unit_strengths="15 mg MK-4")
    assert named == divide(DailyDose("MK-4", "45 mg/day"), 3, unit_strengths="15 mg")


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
        s.expand(dt.date(2026, 1, 1), **kwargs, tz="Europe/Berlin")  # type: ignore[arg-type]


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


# --- meal offsets that cross midnight (issue 16) ------------------------------------------


def test_after_a_late_dinner_is_the_next_morning_not_before_breakfast() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 2)  # after breakfast, after dinner
    events = s.expand(
        dt.date(2026, 1, 5), days=2, meal_times={"dinner": dt.time(23, 50)}, tz="Europe/Berlin"
    )
    assert [e.when.strftime("%Y-%m-%d %H:%M") for e in events] == [
        "2026-01-05 08:30",
        "2026-01-06 00:20",  # day 1's after-dinner dose, after midnight
        "2026-01-06 08:30",
        "2026-01-07 00:20",
    ]
    assert [str(e.administration.anchor) for e in events] == ["after breakfast", "after dinner"] * 2
    assert s.day_shifts({"dinner": "23:50"}) == (0, 1)
    assert s.local_times({"dinner": "23:50"}) == (dt.time(8, 30), dt.time(0, 20))


def test_before_a_breakfast_just_after_midnight_is_the_evening_before() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=["before breakfast"])
    events = s.expand(
        dt.date(2026, 1, 5), days=2, meal_times={"breakfast": "00:10"}, tz="Europe/Berlin"
    )
    assert [e.when.strftime("%Y-%m-%d %H:%M") for e in events] == [
        "2026-01-04 23:40",
        "2026-01-05 23:40",
    ]
    assert s.day_shifts({"breakfast": "00:10"}) == (-1,)


def test_midnight_crossing_counts_elapsed_time_across_daylight_saving() -> None:
    # America/Santiago changes its clocks at midnight: 2026-09-06 00:00 -> 01:00, and
    # 2026-04-05 00:00 -> 2026-04-04 23:00.  "After dinner" is 30 minutes of real time after it.
    s = divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=["after dinner"])
    zone = ZoneInfo("America/Santiago")
    spring = s.expand(dt.date(2026, 9, 5), days=1, tz="America/Santiago",
                      meal_times={"dinner": "23:50"})
    assert spring[0].when.isoformat() == "2026-09-06T01:20:00-03:00"
    dinner = dt.datetime(2026, 9, 5, 23, 50, tzinfo=zone)
    assert spring[0].when.astimezone(dt.UTC) - dinner.astimezone(dt.UTC) == dt.timedelta(
        minutes=30
    )
    autumn = s.expand(dt.date(2026, 4, 4), days=1, tz="America/Santiago",
                      meal_times={"dinner": "23:50"})
    dinner = dt.datetime(2026, 4, 4, 23, 50, tzinfo=zone)  # fold=0: the first 23:50
    assert autumn[0].when.astimezone(dt.UTC) - dinner.astimezone(dt.UTC) == dt.timedelta(
        minutes=30
    )


@given(
    st.tuples(
        st.sampled_from(["breakfast", "lunch", "dinner"]),
        st.sampled_from(["before", "with", "after"]),
    ),
    st.times(),
    schedule_dates,
    st.integers(1, 5),
    time_zones,
)
def test_every_meal_dose_is_its_offset_from_that_days_meal(
    meal_and_relation: tuple[str, str], meal_time: dt.time, start: dt.date, days: int, tz: str
) -> None:
    meal, relation = meal_and_relation
    s = divide(DailyDose("MK-4", "45 mg/day"), 1, anchors=[f"{relation} {meal}"])
    events = s.expand(start, days=days, tz=tz, meal_times={meal: meal_time})
    offset = {"before": -30, "with": 0, "after": 30}[relation]
    zone = ZoneInfo(tz)
    assert len(events) == days
    for i, e in enumerate(events):
        # A repeated wall time is its first occurrence (fold=0), as Schedule.expand documents,
        # whatever fold the caller's time carries.
        meal_at = dt.datetime.combine(
            start + dt.timedelta(i), meal_time.replace(fold=0), tzinfo=zone
        )
        meal_at = meal_at.astimezone(dt.UTC).astimezone(zone)  # nonexistent times move forward
        elapsed = e.when.astimezone(dt.UTC) - meal_at.astimezone(dt.UTC)
        assert elapsed == dt.timedelta(minutes=offset)
    utc = [e.when.astimezone(dt.UTC) for e in events]
    assert utc == sorted(utc)


@given(st.times(), st.sampled_from(["breakfast", "lunch", "dinner"]), schedule_dates)
def test_meal_times_as_text_or_time_give_the_same_schedule(
    t: dt.time, meal: str, start: dt.date
) -> None:
    t = t.replace(second=0, microsecond=0)
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    as_time, as_text = {meal: t}, {meal: f"{t:%H:%M}"}
    assert s.expand(start, days=2, meal_times=as_time, tz="Europe/Berlin") == s.expand(
        start, days=2, meal_times=as_text, tz="Europe/Berlin"
    )
    assert s.local_times(as_time) == s.local_times(as_text)
    assert s.day_shifts(as_time) == s.day_shifts(as_text)


@pytest.mark.parametrize(
    ("meal_times", "pattern"),
    [
        ({"diner": "19:00"}, "'diner' is not a meal"),
        ({"dinner": "7pm"}, r"meal_times\['dinner'\]='7pm' is not a meal time"),
        ({"dinner": "25:00"}, "is not a meal time"),
        ({"dinner": 19}, "is not a meal time"),
        ({"dinner": dt.time(19, tzinfo=dt.UTC)}, "without a time zone"),
        ("19:00", "is not a mapping"),
    ],
)
def test_bad_meal_times(meal_times: object, pattern: str) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    for call in (
        lambda: s.expand(dt.date(2026, 1, 1), days=1, meal_times=meal_times, tz="Europe/Berlin"),  # type: ignore[arg-type]
        lambda: s.local_times(meal_times),  # type: ignore[arg-type]
    ):
        with pytest.raises(ScheduleError, match=pattern):
            call()


# --- a Schedule is a frozen, validated value (issue 16) -----------------------------------


def test_schedule_freezes_a_callers_list() -> None:
    dose = DailyDose("MK-7", "100 µg/day")
    administrations = list(divide(dose, 2).administrations)
    s = Schedule(administrations, dose)
    administrations.pop()
    assert isinstance(s.administrations, tuple)
    assert s.daily_dose == dose
    assert hash(s) == hash(Schedule(tuple(s.administrations), dose))


@pytest.mark.parametrize(
    ("requested", "pattern"),
    [
        (None, r"requested=None is not accepted"),
        ("100 µg/day MK-7", r"requested='100 µg/day MK-7' is not accepted"),
        (Amount("MK-7", "100 µg"), r"requested=.* is not accepted; give the DailyDose"),
        (DailyDose("K1", "100 µg/day"), r"is not MK-7"),
        (DailyDose("MK-7", "0 µg/day"), r"above zero"),
    ],
)
def test_schedule_refuses_a_bad_requested_dose(requested: object, pattern: str) -> None:
    administrations = divide(DailyDose("MK-7", "100 µg/day"), 2).administrations
    with pytest.raises(ScheduleError, match=pattern):
        Schedule(administrations, requested)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "administrations", [(None,), [None], None, "after dinner", 5, {"a": 1}, ()]
)
def test_schedule_refuses_bad_administrations(administrations: object) -> None:
    with pytest.raises(ScheduleError, match="administration"):
        Schedule(administrations, DailyDose("MK-7", "100 µg/day"))


def test_administration_checks_its_values() -> None:
    mg15 = Amount("MK-4", "15 mg")
    assert Administration("after dinner", mg15).anchor == MealAnchor("dinner", "after")
    assert Administration("20:00", mg15, [UnitCount(1, mg15)]).units == (
        UnitCount(1, mg15),
    )
    with pytest.raises(ScheduleError, match="anchor=None"):
        Administration(None, mg15)
    with pytest.raises(ScheduleError, match="amount=None"):
        Administration("after dinner", None)  # type: ignore[arg-type]
    with pytest.raises(ScheduleError, match="do not make up"):
        Administration("after dinner", mg15, (UnitCount(2, mg15),))
    with pytest.raises(ScheduleError, match="count=0"):
        UnitCount(0, mg15)
    with pytest.raises(ScheduleError, match="strength="):
        UnitCount(1, "15 mg")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("strengths", "pattern"),
    [
        (15, r"unit_strengths=15 is not accepted"),
        ([15], r"unit_strengths=\[15\] is not accepted"),
        ([None], r"is not accepted"),
        ({"15 mg": 1}, r"is not accepted"),
    ],
)
def test_divide_refuses_bad_unit_strengths(strengths: object, pattern: str) -> None:
    with pytest.raises(ScheduleError, match=pattern):
        divide(DailyDose("MK-4", "45 mg/day"), 3, unit_strengths=strengths)  # type: ignore[arg-type]


def test_divide_reads_one_anchor_given_as_text() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 1, anchors="after dinner")
    assert str(s) == "100 µg MK-7 once a day after dinner"
    with pytest.raises(ScheduleError, match="anchors=5"):
        divide(DailyDose("MK-7", "100 µg/day"), 1, anchors=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("days", [0, 36_526, 10**9, -1, 2.0, True])
def test_days_are_bounded(days: object) -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 1)
    with pytest.raises(ScheduleError, match="days="):
        s.expand(dt.date(2026, 1, 1), days=days, tz="Europe/Berlin")  # type: ignore[arg-type]


def test_a_span_off_the_calendar_is_refused() -> None:
    s = divide(DailyDose("MK-7", "100 µg/day"), 1)
    assert len(s.expand(dt.date(2026, 1, 1), days=36_525, tz="Europe/Berlin")) == 36_525
    with pytest.raises(ScheduleError, match="runs off the calendar"):
        s.expand(dt.date(9999, 12, 1), days=31, tz="Europe/Berlin")
    with pytest.raises(ScheduleError, match="at most 36,525 days"):
        s.expand(dt.date(2026, 1, 1), dt.date(2226, 1, 1), tz="Europe/Berlin")


def test_a_meal_time_with_fold_1_in_a_gap_is_the_same_as_its_text() -> None:
    # Found by Hypothesis: datetime.time(2, 0, fold=1) on the spring-forward night read the wall
    # time with the offset after the change (01:30 after breakfast), "02:00" with the one before.
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    start = dt.date(2028, 3, 25)
    folded = s.expand(
        start, days=2, meal_times={"breakfast": dt.time(2, 0, fold=1)}, tz="Europe/Berlin"
    )
    text = s.expand(start, days=2, meal_times={"breakfast": "02:00"}, tz="Europe/Berlin")
    assert folded == text
    assert f"{folded[3].when:%d %H:%M}" == "26 03:30"
