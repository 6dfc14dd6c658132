"""Pharmacokinetics: parameters and their sources, simulation, metrics, plots."""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.strategies import meal_anchors, schedules, times_per_day, whole_ng_daily_doses
from vitk2 import (
    K1,
    MK4,
    MK7,
    Administration,
    Amount,
    AssumptionWarning,
    DailyDose,
    ExponentialTerm,
    MissingPharmacokineticsError,
    OneCompartmentModel,
    PKModel,
    PKParameter,
    Schedule,
    ScheduleError,
    TwoCompartmentModel,
    Vitamer,
    absorption_rate,
    accumulation_index,
    all_citations,
    all_vitamers,
    compare_schedules,
    divide,
    dose_response,
    pk_metrics,
    pk_model,
    plot_concentration,
    simulate,
)

MODELLED = (K1, MK4, MK7)


def _model(half_life: float, tmax: float) -> OneCompartmentModel:
    return OneCompartmentModel(
        vitamer=MK7,
        half_life=PKParameter(
            parameter="half-life", hours=half_life, low_hours=half_life, high_hours=half_life,
            assumption="test model",
        ),
        time_to_peak=PKParameter(
            parameter="time to peak", hours=tmax, low_hours=tmax, high_hours=tmax,
            assumption="test model",
        ),
    )  # fmt: skip


models = st.builds(
    lambda h, f: _model(h, f * h / math.log(2)),  # tmax below 1/kel so a peak exists
    st.floats(min_value=0.5, max_value=200),
    st.floats(min_value=0.02, max_value=0.9),
)

# --- parameters and sources ----------------------------------------------------------------


def test_every_parameter_cites_known_sources_and_assumptions_are_flagged() -> None:
    known = {c.key for c in all_citations()}
    for v in MODELLED:
        m = pk_model(v)
        for p in (m.half_life, m.time_to_peak):
            assert set(p.sources) <= known
            assert p.sources, f"{v.key} {p.parameter} cites nothing"
            assert p.sourced == (p.assumption is None)
            assert p.low_hours <= p.hours <= p.high_hours


def test_sourced_values_come_from_the_vitamer_data() -> None:
    # Novotny 2010: plasma half-time 8.8 h; Schurgers 2007: peak at 4 h (K1 and MK-7);
    # Kaytwo syrup label: tmax 3.7 h after 30 mg menatetrenone.
    k1, mk4, mk7 = (pk_model(v) for v in MODELLED)
    assert (k1.half_life.hours, k1.half_life.sources, k1.half_life.sourced) == (
        8.8,
        ("novotny-2010",),
        True,
    )
    assert (k1.time_to_peak.hours, k1.time_to_peak.sources) == (4.0, ("schurgers-2007",))
    assert (mk4.time_to_peak.hours, mk4.time_to_peak.sources) == (3.7, ("eisai-kaytwo-syrup",))
    assert mk7.time_to_peak.hours == 4.0
    for v, p in ((K1, k1.half_life), (K1, k1.time_to_peak), (MK4, mk4.time_to_peak)):
        assert any(p.hours == x.hours and p.sources == x.sources for x in v.pharmacokinetics)


def test_thin_evidence_is_an_assumption_not_a_fact() -> None:
    mk4, mk7 = pk_model(MK4), pk_model(MK7)
    assert not mk4.half_life.sourced
    assert mk4.half_life.hours == 17.52
    assert "intravenous" in (mk4.half_life.assumption or "")
    assert not mk7.half_life.sourced
    assert (mk7.half_life.low_hours, mk7.half_life.high_hours) == (68.0, 72.0)
    assert "secondary" in (mk7.half_life.assumption or "")


def test_vitamers_without_data_have_no_model() -> None:
    for v in all_vitamers():
        if v in MODELLED:
            continue
        with pytest.raises(MissingPharmacokineticsError, match=v.key):
            pk_model(v)


@given(st.floats(min_value=1e-3, max_value=5), st.floats(min_value=0.01, max_value=0.99))
def test_absorption_rate_reproduces_time_to_peak(kel: float, fraction: float) -> None:
    tmax = fraction / kel
    ka = absorption_rate(tmax, kel)
    assert ka > kel
    assert math.log(ka / kel) / (ka - kel) == pytest.approx(tmax, rel=1e-9)


@given(models)
def test_single_dose_peaks_at_one_at_tmax(m: OneCompartmentModel) -> None:
    t = m.time_to_peak.hours
    assert m.single_dose(t) == pytest.approx(1.0, rel=1e-9)
    for dt_ in (0.99, 1.01):
        assert m.single_dose(t * dt_) <= 1.0 + 1e-12
    assert m.single_dose(0) == 0.0


# --- simulation ------------------------------------------------------------------------------


def _naive(
    m: OneCompartmentModel | TwoCompartmentModel,
    hours: np.ndarray,
    doses: list[tuple[float, float]],
) -> np.ndarray:
    out = np.zeros_like(hours)
    for t0, d in doses:
        out += d * np.array([m.single_dose(t - t0) for t in hours])
    return out


@given(whole_ng_daily_doses(), st.integers(1, 4), st.integers(1, 3), models)
def test_simulation_agrees_with_direct_superposition(
    dose: DailyDose, n: int, days: int, m: OneCompartmentModel
) -> None:
    assume(dose.micrograms_per_day * 1000 >= n)
    s = divide(dose, n)
    m = OneCompartmentModel(vitamer=s.vitamer, half_life=m.half_life, time_to_peak=m.time_to_peak)
    sim = simulate(s, days, "20 min", model=m)
    local = s.local_times()
    doses = [
        (24 * day + t.hour + t.minute / 60, float(a.amount.micrograms / dose.micrograms_per_day))
        for day in range(days)
        for t, a in zip(local, s.administrations, strict=True)
    ]
    np.testing.assert_allclose(sim.concentration, _naive(m, sim.hours, doses), atol=1e-9, rtol=1e-9)


@given(whole_ng_daily_doses(vitamer="MK-4"), times_per_day, st.integers(2, 7))
def test_simulation_is_linear_in_dose(dose: DailyDose, n: int, factor: int) -> None:
    assume(dose.micrograms_per_day * 1000 >= n)
    reference = Amount("MK-4", "1 mg")
    base = divide(dose, n)
    scaled = Schedule(
        tuple(Administration(a.anchor, a.amount * factor) for a in base.administrations),
        dose * factor,
    )
    m = pk_model(MK4)
    one = simulate(base, 3, "30 min", model=m, reference=reference)
    many = simulate(scaled, 3, "30 min", model=m, reference=reference)
    np.testing.assert_allclose(many.concentration, factor * one.concentration, rtol=1e-12)


@given(models)
def test_accumulation_matches_the_textbook_index(m: OneCompartmentModel) -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"), 1)
    metrics = pk_metrics(s, model=m)
    k, ka, tau = m.elimination_rate, m.absorption_rate, 24.0
    # Exact trough ratio for first-order absorption; it tends to 1/(1 − e^(−kτ)) as e^(−ka·τ) → 0.
    exact = (
        math.exp(-k * tau) / (1 - math.exp(-k * tau))
        - math.exp(-ka * tau) / (1 - math.exp(-ka * tau))
    ) / (math.exp(-k * tau) - math.exp(-ka * tau))
    assert metrics.accumulation_ratio == pytest.approx(exact, rel=1e-9)
    if math.exp(-ka * tau) < 1e-9 * math.exp(-k * tau):
        assert metrics.accumulation_ratio == pytest.approx(accumulation_index(m, tau), rel=1e-6)


def test_mk7_accumulates_and_mk4_split_dosing_smooths_levels() -> None:
    mk4 = DailyDose("MK-4", "45 mg/day")
    three, one = compare_schedules([divide(mk4, 3), divide(mk4, 1)], model=pk_model(MK4)).metrics
    assert three.fluctuation < one.fluctuation
    assert three.average == pytest.approx(one.average)
    mk7 = pk_metrics(divide(DailyDose("MK-7", "180 µg/day")), model=pk_model(MK7))
    assert mk7.accumulation_ratio == pytest.approx(accumulation_index(pk_model(MK7), 24), rel=1e-6)
    assert mk7.accumulation_ratio > 4 * three.accumulation_ratio / 2
    assert mk7.time_to_90_percent_hours == pytest.approx(math.log(10) / math.log(2) * 72)


def test_metrics_agree_with_a_long_simulation() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    m = pk_metrics(s, model=pk_model(MK4))
    sim = simulate(s, 40, "1 min", model=pk_model(MK4))
    last_day = sim.concentration[-24 * 60 :]
    assert float(last_day.max()) == pytest.approx(m.peak, rel=1e-4)
    assert float(last_day.min()) == pytest.approx(m.trough, rel=1e-4)
    assert float(last_day.mean()) == pytest.approx(m.average, rel=1e-3)


def test_comparison_table_marks_assumptions() -> None:
    with pytest.warns(AssumptionWarning, match="MK-7 half-life 72 h"):
        text = str(compare_schedules([divide(DailyDose("MK-7", "180 µg/day"))]))
    assert "72*" in text
    assert "assumed half-life" in text


def test_plot_writes_a_png(tmp_path: Path) -> None:
    with pytest.warns(AssumptionWarning, match="plot_concentration.*MK-4 half-life") as caught:
        out = plot_concentration(
            [divide(DailyDose("MK-4", "45 mg/day"), 3), divide(DailyDose("MK-4", "45 mg/day"), 1)],
            tmp_path / "mk4.png",
            days=5,
            step="30 min",
        )
    assert len(caught) == 1  # once per call, not once per schedule or per simulate()
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    two = plot_concentration(
        [divide(DailyDose("MK-4", "45 mg/day"), 3)],
        tmp_path / "two.png",
        days=3,
        model=pk_model("MK-4", compartments=2),
    )
    assert two.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ScheduleError, match="is not a pharmacokinetic model"):
        plot_concentration([divide(DailyDose("MK-4", "45 mg/day"))], tmp_path / "x.png",
                           model="two")  # type: ignore[arg-type]  # fmt: skip


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, -2, 1.5, True])
def test_bad_days(days: object) -> None:
    with pytest.raises(ScheduleError, match="days="):
        simulate(divide(DailyDose("MK-7", "180 µg/day")), days)  # type: ignore[arg-type]


@pytest.mark.parametrize("step", ["0 min", "fast", "", "-1 h", 5])
def test_bad_step(step: object) -> None:
    with pytest.raises(ScheduleError, match="step="):
        simulate(divide(DailyDose("MK-7", "180 µg/day")), 2, step)  # type: ignore[arg-type]


def test_step_may_be_a_timedelta() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    a = simulate(s, 2, dt.timedelta(minutes=15), model=pk_model(MK7))
    b = simulate(s, 2, "15 min", model=pk_model(MK7))
    np.testing.assert_array_equal(a.concentration, b.concentration)


def test_reference_of_another_vitamer() -> None:
    with pytest.raises(ScheduleError, match="reference"):
        simulate(divide(DailyDose("MK-7", "180 µg/day")), 2, reference=Amount("K1", "1 mg"))


def test_no_model_for_mk9_schedule() -> None:
    with pytest.raises(MissingPharmacokineticsError):
        simulate(divide(DailyDose("MK-9", "100 µg/day")), 2)


def test_time_to_peak_must_precede_one_over_kel() -> None:
    with pytest.raises(ScheduleError, match="not shorter than"):
        absorption_rate(20.0, 0.1)
    with pytest.raises(ScheduleError, match="fraction="):
        pk_model(K1).time_to_steady_state(1.0)
    with pytest.raises(ScheduleError, match="interval_hours="):
        accumulation_index(pk_model(K1), 0)


def test_every_packaged_model_builds_from_data_that_cites_known_sources() -> None:
    import json
    from importlib import resources

    data = json.loads(
        resources.files("vitk2").joinpath("data", "pk-models.json").read_text("utf-8")
    )
    known = {c.key for c in all_citations()}

    def cited(node: object) -> set[str]:
        if isinstance(node, dict):
            keys = set(node.get("sources", ())) | ({node["from"]} if "from" in node else set())
            return keys.union(*(cited(v) for v in node.values()))
        return set()

    assert cited(data) <= known
    for kind, compartments in (("one-compartment", 1), ("two-compartment", 2)):
        for key in data[kind]:
            m = pk_model(key, compartments=compartments)  # type: ignore[call-overload]
            assert m.vitamer.key == key
            assert all(p.sources for p in m.parameters)


# --- the model seam --------------------------------------------------------------------------


def _param(name: str, hours: float) -> PKParameter:
    return PKParameter(parameter=name, hours=hours, low_hours=hours, high_hours=hours,  # type: ignore[arg-type]
                       assumption="test model")  # fmt: skip


def _two(
    vitamer: Vitamer, alpha_h: float, beta_h: float, tmax: float, f: float
) -> TwoCompartmentModel:
    return TwoCompartmentModel(
        vitamer=vitamer,
        distribution_half_life=_param("half-life", alpha_h),
        half_life=_param("half-life", beta_h),
        time_to_peak=_param("time to peak", tmax),
        terminal_fraction=f,
    )


two_models = st.builds(
    lambda a, r, t, f: _two(MK4, a, a * r, t, f),
    st.floats(min_value=0.2, max_value=3),  # t½α
    st.floats(min_value=3, max_value=60),  # t½β / t½α
    st.floats(min_value=0.5, max_value=8),  # time to peak
    st.floats(min_value=0.01, max_value=0.9),  # terminal fraction
)


@attrs.frozen
class IVBolus:
    """A second implementation written only against the protocol: one exponential, no absorption."""

    vitamer: Vitamer
    half_life: PKParameter

    @property
    def parameters(self) -> tuple[PKParameter, ...]:
        return (self.half_life,)

    @property
    def terms(self) -> tuple[ExponentialTerm, ...]:
        return (ExponentialTerm(self.half_life.rate, 1.0),)


@attrs.frozen
class Relabelled:
    """Any model seen only through the protocol (proves the functions use nothing else)."""

    inner: PKModel
    vitamer: Vitamer
    half_life: PKParameter
    parameters: tuple[PKParameter, ...]
    terms: tuple[ExponentialTerm, ...]


def _through_protocol(m: PKModel) -> Relabelled:
    return Relabelled(m, m.vitamer, m.half_life, m.parameters, m.terms)


def test_the_packaged_models_implement_the_protocol() -> None:
    models: list[PKModel] = [pk_model(v) for v in MODELLED]
    models.append(pk_model(MK4, compartments=2))
    for m in models:
        assert m.half_life in m.parameters
        assert all(x.rate > 0 for x in m.terms)
        assert sum(x.coefficient for x in m.terms) == pytest.approx(0.0, abs=1e-9)  # 0 at t=0
        assert m.half_life.rate == pytest.approx(min(x.rate for x in m.terms), rel=1e-12)


@given(schedules(), st.sampled_from(["one", "two"]), st.integers(1, 3))
def test_functions_see_a_model_only_through_the_protocol(
    s: Schedule, kind: str, days: int
) -> None:
    base: PKModel = pk_model("MK-7") if kind == "one" else pk_model("MK-4", compartments=2)
    direct = simulate(s, days, "30 min", model=base)
    seen = simulate(s, days, "30 min", model=_through_protocol(base))
    np.testing.assert_array_equal(direct.concentration, seen.concentration)
    a, b = pk_metrics(s, model=base), pk_metrics(s, model=_through_protocol(base))
    assert (a.peak, a.trough, a.average, a.accumulation_ratio) == (
        b.peak, b.trough, b.average, b.accumulation_ratio
    )  # fmt: skip


@given(st.floats(min_value=0.5, max_value=100), st.integers(1, 3))
def test_a_model_written_outside_vitk2_plugs_in(half_life: float, days: int) -> None:
    bolus = IVBolus(MK4, _param("half-life", half_life))
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    sim = simulate(s, days, "15 min", model=bolus)
    local = s.local_times()
    doses = [(24 * d + t.hour + t.minute / 60, 1 / 3) for d in range(days) for t in local]
    expected = sum(
        (dose * np.where(sim.hours >= t0, np.exp(-bolus.half_life.rate * (sim.hours - t0)), 0.0)
         for t0, dose in doses),
        np.zeros_like(sim.hours),
    )  # fmt: skip
    np.testing.assert_allclose(sim.concentration, expected, rtol=1e-9, atol=1e-12)
    metrics = pk_metrics(s, model=bolus)
    k = bolus.half_life.rate
    assert metrics.average == pytest.approx(1 / k / 24, rel=1e-12)  # AUC of one day's doses / 24 h
    assert accumulation_index(bolus, 24) == pytest.approx(1 / (1 - math.exp(-24 * k)))
    table = compare_schedules([s], model=bolus)
    assert table.metrics[0].model is bolus


# --- the two-compartment model ---------------------------------------------------------------


def test_two_compartment_mk4_is_read_from_the_iv_label() -> None:
    m = pk_model("MK-4", compartments=2)
    iv = next(x for x in MK4.half_life if "pmda-kaytwo-n-iv" in x.sources)
    # Kaytwo N label: biphasic after 10 mg IV, t½α 0.71 h, t½β 17.52 h (the vitamer record).
    assert (m.distribution_half_life.hours, m.half_life.hours) == (iv.low_hours, iv.hours)
    assert "t½α 0.71 h" in iv.context
    assert "t½β 17.52 h" in iv.context
    assert all(p.sourced for p in m.parameters)
    cited = {k for p in m.parameters for k in p.sources}
    assert cited == {"pmda-kaytwo-n-iv", "eisai-kaytwo-syrup"}
    # The phase split reproduces the label's mean levels: 2.76 µg/mL at 6 min, 0.57 µg/mL at 2 h.
    alpha, beta, f = m.distribution_half_life.rate, m.half_life.rate, m.terminal_fraction

    def iv_curve(t: float) -> float:
        return (1 - f) * math.exp(-alpha * t) + f * math.exp(-beta * t)

    assert iv_curve(2.0) / iv_curve(0.1) == pytest.approx(0.57 / 2.76, rel=1e-12)
    assert m.single_dose(3.7) == pytest.approx(1.0, rel=1e-12)


@given(two_models)
def test_two_compartment_peaks_at_one_at_tmax(m: TwoCompartmentModel) -> None:
    t = m.time_to_peak.hours
    assert m.single_dose(t) == pytest.approx(1.0, rel=1e-9)
    grid = np.linspace(0, 10 * t, 2001)
    assert float(dose_response(m, grid).max()) <= 1.0 + 1e-9
    assert m.single_dose(0) == 0.0
    assert dose_response(m, np.array([-1.0, 0.0]))[0] == 0.0


@given(whole_ng_daily_doses(vitamer="MK-4"), st.integers(1, 4), st.integers(1, 3), two_models)
def test_two_compartment_simulation_agrees_with_direct_superposition(
    dose: DailyDose, n: int, days: int, m: TwoCompartmentModel
) -> None:
    assume(dose.micrograms_per_day * 1000 >= n)
    s = divide(dose, n)
    sim = simulate(s, days, "20 min", model=m)
    local = s.local_times()
    doses = [
        (24 * day + t.hour + t.minute / 60, float(a.amount.micrograms / dose.micrograms_per_day))
        for day in range(days)
        for t, a in zip(local, s.administrations, strict=True)
    ]
    np.testing.assert_allclose(sim.concentration, _naive(m, sim.hours, doses), atol=1e-9, rtol=1e-9)


def test_two_compartment_metrics_agree_with_a_long_simulation() -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    m = pk_model("MK-4", compartments=2)
    metrics = pk_metrics(s, model=m)
    last_day = simulate(s, 40, "1 min", model=m).concentration[-24 * 60 :]
    assert float(last_day.max()) == pytest.approx(metrics.peak, rel=1e-4)
    assert float(last_day.min()) == pytest.approx(metrics.trough, rel=1e-4)
    assert float(last_day.mean()) == pytest.approx(metrics.average, rel=1e-3)
    assert metrics.time_to_90_percent_hours == pytest.approx(math.log(10) / math.log(2) * 17.52)
    table = str(compare_schedules([s, s], model=lambda x: pk_model(x.vitamer, compartments=2)))
    assert "17.52*" not in table  # t½β is a sourced parameter of the two-compartment model


def test_bad_two_compartment_models_are_refused() -> None:
    with pytest.raises(ScheduleError, match="terminal_fraction="):
        _two(MK4, 0.7, 17.5, 3.7, 1.0)
    with pytest.raises(ScheduleError, match="shorter than the terminal"):
        _two(MK4, 17.5, 0.7, 3.7, 0.5)
    with pytest.raises(MissingPharmacokineticsError, match="two-compartment model for K1"):
        pk_model("K1", compartments=2)
    for bad in (0, 3, True):
        with pytest.raises(ScheduleError, match="compartments="):
            pk_model("MK-4", compartments=bad)  # type: ignore[call-overload]


# --- meal doses that cross midnight (issue 16) ------------------------------------------------

#: Clock times, often within half an hour of midnight, where a meal offset crosses into
#: another day.
meal_clock = st.one_of(
    st.builds(dt.time, st.integers(0, 23), st.integers(0, 59)),
    st.builds(dt.time, st.just(23), st.integers(30, 59)),
    st.builds(dt.time, st.just(0), st.integers(0, 29)),
)
meal_times = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(("breakfast", "lunch", "dinner"), meal_clock)
)


@st.composite
def meal_schedules(draw: st.DrawFn) -> Schedule:
    """Schedules whose doses are all meal-anchored (any schedule half the time)."""
    if draw(st.booleans()):
        return draw(schedules())
    n = draw(st.integers(1, 4))
    dose = draw(whole_ng_daily_doses().filter(lambda d: d.micrograms * 1000 >= n))
    return divide(dose, n, anchors=draw(st.lists(meal_anchors(), min_size=n, max_size=n)))


@given(
    meal_schedules(),
    meal_times,
    st.integers(1, 3),
)
def test_simulation_places_doses_where_expand_does(
    s: Schedule, meals: dict[str, dt.time], days: int
) -> None:
    meal_times = meals
    m = attrs.evolve(pk_model("MK-7"), vitamer=s.vitamer)
    sim = simulate(s, days, "20 min", model=m, meal_times=meal_times)
    start = dt.date(2026, 1, 5)
    midnight = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    events = s.expand(start, days=days, tz="UTC", meal_times=meal_times)
    doses = [
        ((e.when - midnight).total_seconds() / 3600,
         float(e.amount.micrograms / s.daily_dose.micrograms_per_day))
        for e in events
    ]  # fmt: skip
    np.testing.assert_allclose(sim.concentration, _naive(m, sim.hours, doses), atol=1e-9, rtol=1e-9)


def test_after_a_late_dinner_the_dose_is_taken_after_midnight() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"), anchors=["after dinner"])
    sim = simulate(s, 2, "10 min", model=pk_model(MK7), meal_times={"dinner": "23:50"})
    # The dose is at 00:20 on the next day, so nothing is in the body on the first day.
    assert float(sim.concentration[sim.hours < 24.3].max()) == 0.0
    assert float(sim.concentration[sim.hours > 24.4].min()) > 0.0


@pytest.mark.parametrize(
    "bad",
    ["MK-4", 17.52, object(), IVBolus(MK4, _param("half-life", 1.0)).terms,
     attrs.evolve(_through_protocol(pk_model("K1")), terms=()),
     attrs.evolve(_through_protocol(pk_model("K1")), terms=(ExponentialTerm(0.0, 1.0),)),
     attrs.evolve(_through_protocol(pk_model("K1")), half_life=8.8)],  # type: ignore[arg-type]
)  # fmt: skip
def test_something_that_is_not_a_model_is_refused_clearly(bad: object) -> None:
    s = divide(DailyDose("MK-4", "45 mg/day"), 3)
    for call in (
        lambda: simulate(s, 2, model=bad),  # type: ignore[arg-type]
        lambda: pk_metrics(s, model=bad),  # type: ignore[arg-type]
        lambda: accumulation_index(bad, 24),  # type: ignore[arg-type]
        lambda: compare_schedules([s], model=bad),  # type: ignore[arg-type]
    ):
        with pytest.raises(ScheduleError, match="is not a pharmacokinetic model"):
            call()


@pytest.mark.parametrize(
    ("field", "value"),
    [("terminal_fraction", "0.5"), ("terminal_fraction", True), ("terminal_fraction", 0.0),
     ("half_life", 17.52), ("distribution_half_life", "0.71 h"), ("time_to_peak", None)],
)  # fmt: skip
def test_two_compartment_fields_of_the_wrong_kind(field: str, value: object) -> None:
    good = pk_model("MK-4", compartments=2)
    with pytest.raises(ScheduleError, match=field):
        attrs.evolve(good, **{field: value})  # type: ignore[arg-type]


# --- a default model that rests on an assumption warns ------------------------------------

_Pick = Callable[[Schedule], PKModel] | None


def _one(model: _Pick, s: Schedule) -> PKModel | None:
    return None if model is None else model(s)


def _plot(ss: list[Schedule], model: _Pick) -> object:
    with tempfile.TemporaryDirectory() as d:
        return plot_concentration(ss, Path(d) / "p.png", days=1, step="2 h", model=model)


#: Each public PK function that takes model=None, called on schedules (the single-schedule ones
#: on the first), with model=None or a function picking each schedule's model.
PK_CALLS: dict[str, Callable[[list[Schedule], _Pick], object]] = {
    "simulate()": lambda ss, m: simulate(ss[0], 1, "1 h", model=_one(m, ss[0])),
    "pk_metrics()": lambda ss, m: pk_metrics(ss[0], model=_one(m, ss[0])),
    "compare_schedules()": lambda ss, m: compare_schedules(ss, model=m),
    "plot_concentration()": _plot,
}


@pytest.mark.parametrize("what", sorted(PK_CALLS))
@settings(max_examples=15, deadline=None)
@given(ss=st.lists(schedules(), min_size=1, max_size=3))
def test_a_default_model_warns_once_exactly_when_it_rests_on_an_assumption(
    what: str, ss: list[Schedule]
) -> None:
    used = ss if what in ("compare_schedules()", "plot_concentration()") else ss[:1]
    assumed = {
        (s.vitamer.key, p.parameter, p.hours, p.assumption)
        for s in used
        for p in pk_model(s.vitamer).parameters
        if p.assumption is not None
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        PK_CALLS[what](ss, None)
    ours = [w for w in caught if issubclass(w.category, AssumptionWarning)]
    if not assumed:
        assert ours == []
        return
    assert len(ours) == 1, [str(w.message) for w in ours]
    message = str(ours[0].message)
    assert message.startswith(f"{what} with the default model uses an assumed value")
    for key, parameter, hours, assumption in assumed:
        assert f"{key} {parameter} {hours:g} h" in message
        assert assumption in message
    assert "pass model=... to choose" in message
    assert ours[0].filename == __file__  # points at the caller, not at vitk2


@pytest.mark.parametrize("what", sorted(PK_CALLS))
@settings(max_examples=15, deadline=None)
@given(ss=st.lists(schedules(), min_size=1, max_size=3), two=st.booleans())
def test_an_explicit_model_never_warns(what: str, ss: list[Schedule], two: bool) -> None:
    def pick(s: Schedule) -> PKModel:
        if two and s.vitamer.key == "MK-4":
            return pk_model("MK-4", compartments=2)
        return pk_model(s.vitamer)  # the default model, chosen: the caller accepts it

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        PK_CALLS[what](ss, pick)


def test_the_mk7_default_warns_with_its_value_and_how_to_choose() -> None:
    s = divide(DailyDose("MK-7", "180 µg/day"))
    with pytest.warns(AssumptionWarning) as caught:
        pk_metrics(s)
    assert str(caught[0].message).startswith(
        "pk_metrics() with the default model uses an assumed value, MK-7 half-life 72 h, "
        "not a sourced one: no primary numeric half-life was confirmed"
    )
    assert str(caught[0].message).endswith(
        "to avoid the assumption, pass model=... to choose (a model of your own, or "
        "model=vitk2.pk_model('MK-7') to accept it)"
    )


# --- the plot says it is normalised; one panel per vitamer, one reference per panel (issue 14)


@given(st.lists(schedules(), min_size=1, max_size=5))
def test_plot_panels_share_one_reference_per_vitamer(chosen: list[Schedule]) -> None:
    from vitk2._pk import _panels

    panels = _panels(chosen)
    seen = sorted(n for _, members in panels for n in members)
    assert seen == list(range(len(chosen)))  # every schedule drawn once
    assert len(panels) == len({x.vitamer.key for x in chosen})
    for reference, members in panels:
        assert {chosen[n].vitamer.key for n in members} == {reference.vitamer.key}
        assert reference.micrograms == max(chosen[n].daily_dose.micrograms_per_day for n in members)


def test_a_double_dose_draws_twice_as_high_against_the_shared_reference(tmp_path: Path) -> None:
    from vitk2._pk import _panels

    low, high = divide(DailyDose("MK-7", "90 µg/day")), divide(DailyDose("MK-7", "180 µg/day"))
    ((reference, members),) = _panels([low, high])
    assert members == [0, 1]
    model = pk_model("MK-7")
    peaks = [
        float(simulate(x, 10, "1 h", model=model, reference=reference).concentration.max())
        for x in (low, high)
    ]
    assert peaks[1] == pytest.approx(2 * peaks[0])
    k1 = divide(DailyDose("K1", "100 µg/day"))
    out = plot_concentration([low, high, k1], tmp_path / "two-panels.png", days=3,
                             model=lambda x: pk_model(x.vitamer))  # fmt: skip
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@given(schedules())
def test_pk_metrics_read_as_sentences(schedule: Schedule) -> None:
    model = pk_model(schedule.vitamer.key)
    m = pk_metrics(schedule, model=model)
    text = str(m)
    assert text.startswith(f"{schedule}; half-life {model.half_life.hours:g} h")
    assert ("assumed" in text) == (not model.half_life.sourced)
    assert f"{m.peak:.2f}" in text
    assert f"peak after one dose of {schedule.daily_dose.amount}" in text
    assert repr(m).startswith("PKMetrics(schedule=Schedule(")
