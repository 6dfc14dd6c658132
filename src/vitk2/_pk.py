"""Pharmacokinetics: a one-compartment model with first-order absorption and elimination.

Absolute volumes of distribution and oral bioavailability of vitamin K forms are not known well
enough, so concentrations are *relative*: 1.0 is the peak after one dose of the reference amount
(by default the schedule's whole daily dose, so schedules with the same daily dose compare
directly).  The model is linear in dose.

Each parameter says whether it is a sourced value (read in :attr:`vitk2.Vitamer.pharmacokinetics`)
or an explicit assumption, with the range and the reason.  The evidence is thin:

* K1 — plasma half-time 8.8 h from a ¹³C-kale study (Novotny 2010); peak 4 h after 1 mg
  (Schurgers 2007).
* MK-4 — peak 3.7 h after 30 mg oral syrup (Kaytwo label).  No oral half-life was found in a
  primary source; the model *assumes* the intravenous terminal half-life (t½β 17.52 h, Kaytwo N
  label).  At nutritional doses MK-4 is barely detectable in serum (Sato 2012).
* MK-7 — peak 4 h after 1 mg (Schurgers 2007).  The half-life is "very long" (Schurgers 2007)
  and serum MK-7 is still raised at 24-48 h (Knapen 2014, Sato 2012), but the figure of about
  3 days (68-72 h) was found only in secondary sources; the model *assumes* 72 h.

Other vitamers have no parameters; give a :class:`OneCompartmentModel` yourself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, final

import attrs

from vitk2._amounts import Amount
from vitk2._errors import NotFoundError
from vitk2._optional import require
from vitk2._schedules import MealTimes, Schedule, ScheduleError
from vitk2._sources import Citation, citation
from vitk2._vitamers import K1, MK4, MK7, PharmacokineticValue, Vitamer

if TYPE_CHECKING:
    import datetime as dt

    import numpy as np
    import numpy.typing as npt

__all__ = [
    "MissingPharmacokineticsError",
    "OneCompartmentModel",
    "PKMetrics",
    "PKParameter",
    "ScheduleComparison",
    "Simulation",
    "absorption_rate",
    "accumulation_index",
    "compare_schedules",
    "pk_metrics",
    "pk_model",
    "plot_concentration",
    "simulate",
]


class MissingPharmacokineticsError(NotFoundError):
    """vitk2 has no pharmacokinetic parameters for this vitamer."""


MissingPharmacokineticsError.__module__ = "vitk2"


@final
@attrs.frozen(kw_only=True)
class PKParameter:
    """A model parameter in hours: the value used, the range, and where it comes from.

    When :attr:`assumption` is set the value is an assumption (the text says why), not a
    sourced fact; :attr:`sources` then lists works that support it only qualitatively or by
    analogy.
    """

    parameter: Literal["half-life", "time to peak"]
    hours: float = attrs.field(validator=attrs.validators.gt(0))
    low_hours: float
    high_hours: float
    sources: tuple[str, ...] = ()
    assumption: str | None = None

    @property
    def sourced(self) -> bool:
        """True when the value was read in a primary source, False for an assumption."""
        return self.assumption is None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The cited works."""
        return tuple(citation(k) for k in self.sources)

    @classmethod
    def from_value(cls, value: PharmacokineticValue) -> PKParameter:
        """A sourced parameter taken from a vitamer's pharmacokinetic record."""
        return cls(
            parameter=value.parameter,
            hours=value.hours,
            low_hours=value.low_hours,
            high_hours=value.high_hours,
            sources=value.sources,
        )


def absorption_rate(time_to_peak_hours: float, elimination_rate: float) -> float:
    """The absorption rate ka (1/h) that puts the peak at *time_to_peak_hours*.

    Solves tmax = ln(ka/kel) / (ka − kel) for the root with ka > kel.

    >>> kel = math.log(2) / 17.52
    >>> ka = absorption_rate(3.7, kel)
    >>> round(math.log(ka / kel) / (ka - kel), 9)
    3.7
    """
    kel = elimination_rate
    if not (kel > 0 and time_to_peak_hours > 0):
        msg = f"need kel > 0 and tmax > 0, got kel={kel!r}, tmax={time_to_peak_hours!r}"
        raise ScheduleError(msg)
    if time_to_peak_hours * kel >= 1:
        msg = (
            f"time to peak {time_to_peak_hours} h is not shorter than 1/kel = {1 / kel:.4g} h; "
            "no absorption rate faster than elimination gives that peak"
        )
        raise ScheduleError(msg)

    def tmax(ka: float) -> float:
        return math.log(ka / kel) / (ka - kel)

    lo, hi = kel * (1 + 1e-9), kel * 1e9
    for _ in range(200):  # bisection on a log scale; tmax(ka) falls as ka rises
        mid = math.sqrt(lo * hi)
        if tmax(mid) > time_to_peak_hours:
            lo = mid
        else:
            hi = mid
        if hi / lo < 1 + 1e-15:
            break
    return math.sqrt(lo * hi)


@final
@attrs.frozen(kw_only=True)
class OneCompartmentModel:
    """First-order absorption and elimination for one vitamer (Bateman function).

    >>> m = pk_model("MK-4")
    >>> m.half_life.hours, m.half_life.sourced, m.time_to_peak.sourced
    (17.52, False, True)
    >>> round(m.single_dose(3.7), 12)
    1.0
    """

    vitamer: Vitamer
    half_life: PKParameter
    time_to_peak: PKParameter

    @property
    def elimination_rate(self) -> float:
        """The elimination rate kel = ln 2 / t½, in 1/h."""
        return math.log(2) / self.half_life.hours

    @property
    def absorption_rate(self) -> float:
        """The absorption rate ka in 1/h, solved from the time to peak and kel."""
        return absorption_rate(self.time_to_peak.hours, self.elimination_rate)

    @property
    def _scale(self) -> float:
        """1 / (unnormalised peak), so a single reference dose peaks at 1.0."""
        k, ka, t = self.elimination_rate, self.absorption_rate, self.time_to_peak.hours
        return 1.0 / (math.exp(-k * t) - math.exp(-ka * t))

    def single_dose(self, hours: float) -> float:
        """Relative concentration *hours* after one reference dose (peak 1.0)."""
        if hours <= 0:
            return 0.0
        k, ka = self.elimination_rate, self.absorption_rate
        return self._scale * (math.exp(-k * hours) - math.exp(-ka * hours))

    def time_to_steady_state(self, fraction: float = 0.9) -> float:
        """Hours until the pre-dose level reaches *fraction* of steady state: −ln(1−f)/kel.

        >>> round(pk_model("K1").time_to_steady_state(0.5), 6)
        8.8
        """
        if not 0 < fraction < 1:
            msg = f"fraction={fraction!r}: give a number between 0 and 1"
            raise ScheduleError(msg)
        return -math.log(1 - fraction) / self.elimination_rate


def _tmax_range(
    values: Sequence[PharmacokineticValue], chosen: PharmacokineticValue
) -> PKParameter:
    lows = [v.low_hours for v in values]
    highs = [v.high_hours for v in values]
    return attrs.evolve(
        PKParameter.from_value(chosen), low_hours=min(lows), high_hours=max(highs)
    )


def _value(values: Iterable[PharmacokineticValue], source: str) -> PharmacokineticValue:
    return next(v for v in values if source in v.sources)


_MK7_HALF_LIFE: Final = PKParameter(
    parameter="half-life",
    hours=72.0,
    low_hours=68.0,
    high_hours=72.0,
    sources=("schurgers-2007", "sato-2012", "knapen-2014"),
    assumption=(
        "no primary numeric half-life was confirmed; 68-72 h ('about 3 days') appears only in "
        "secondary sources. 72 h is assumed because it agrees with the 'very long half-life' "
        "and 7- to 8-fold higher levels on daily intake (Schurgers 2007) and with MK-7 still "
        "raised at 24 h (Knapen 2014) and detectable at 48 h (Sato 2012)"
    ),
)


def pk_model(vitamer: Vitamer | str) -> OneCompartmentModel:
    """The default model of K1, MK-4 or MK-7, from the vitamer's data plus labelled assumptions.

    >>> m = pk_model("MK-7")
    >>> m.half_life.hours, m.half_life.sourced, m.time_to_peak.hours
    (72.0, False, 4.0)
    >>> pk_model("MK-9")
    Traceback (most recent call last):
    ...
    vitk2.MissingPharmacokineticsError: no pharmacokinetic model for MK-9: ...
    """
    from vitk2._vitamers import vitamer as lookup  # noqa: PLC0415

    v = lookup(vitamer)
    if v == K1:
        return OneCompartmentModel(
            vitamer=v,
            half_life=PKParameter.from_value(_value(v.half_life, "novotny-2010")),
            time_to_peak=_tmax_range(v.time_to_peak, _value(v.time_to_peak, "schurgers-2007")),
        )
    if v == MK4:
        iv = _value(v.half_life, "pmda-kaytwo-n-iv")
        return OneCompartmentModel(
            vitamer=v,
            half_life=PKParameter(
                parameter="half-life",
                hours=iv.hours,
                low_hours=iv.hours,
                high_hours=iv.hours,
                sources=iv.sources,
                assumption=(
                    "no oral half-life was found in a primary source; the intravenous terminal "
                    "half-life (t½β 17.52 h after 10 mg IV) is assumed for oral doses, since "
                    "elimination does not depend on the route in a linear model"
                ),
            ),
            time_to_peak=PKParameter.from_value(_value(v.time_to_peak, "eisai-kaytwo-syrup")),
        )
    if v == MK7:
        return OneCompartmentModel(
            vitamer=v,
            half_life=_MK7_HALF_LIFE,
            time_to_peak=_tmax_range(v.time_to_peak, _value(v.time_to_peak, "schurgers-2007")),
        )
    msg = (
        f"no pharmacokinetic model for {v.key}: vitk2 has parameters for K1, MK-4 and MK-7; "
        "build a OneCompartmentModel with your own PKParameter values"
    )
    raise MissingPharmacokineticsError(msg)


def accumulation_index(model: OneCompartmentModel, interval_hours: float) -> float:
    """The textbook accumulation index 1 / (1 − e^(−kel·τ)) for dosing every τ hours.

    >>> round(accumulation_index(pk_model("K1"), 8.8), 12)
    2.0
    """
    if not interval_hours > 0:
        msg = f"interval_hours={interval_hours!r}: give a positive dosing interval"
        raise ScheduleError(msg)
    return 1.0 / (1.0 - math.exp(-model.elimination_rate * interval_hours))


# --- simulation -------------------------------------------------------------------------------

_STEP: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|min|h|hour|hours|d|day|days)\s*$")
_SECONDS: Final = {"s": 1, "sec": 1, "min": 60, "h": 3600, "hour": 3600, "hours": 3600,
                   "d": 86400, "day": 86400, "days": 86400}  # fmt: skip


def _step_hours(step: str | dt.timedelta) -> float:
    import datetime as dt  # noqa: PLC0415

    if isinstance(step, dt.timedelta):
        hours = step.total_seconds() / 3600
    elif isinstance(step, str) and (m := _STEP.match(step)):
        hours = float(m.group(1)) * _SECONDS[m.group(2)] / 3600
    else:
        msg = f"step={step!r}: give a duration such as '1 min', '0.5 h' or a datetime.timedelta"
        raise ScheduleError(msg)
    if not hours > 0:
        msg = f"step={step!r} must be longer than zero"
        raise ScheduleError(msg)
    return hours


def _daily_doses(
    schedule: Schedule, reference: Amount | None, meal_times: MealTimes | None
) -> tuple[list[float], list[float], float]:
    """Dose times within the day (h, sorted) and doses relative to the reference amount."""
    ref = schedule.daily_dose.amount if reference is None else reference
    if ref.vitamer != schedule.vitamer or ref.micrograms <= 0:
        msg = f"reference {ref} must be an amount of {schedule.vitamer.key} above zero"
        raise ScheduleError(msg)
    pairs = sorted(
        (t.hour + t.minute / 60 + t.second / 3600, float(a.amount.micrograms / ref.micrograms))
        for t, a in zip(schedule.local_times(meal_times), schedule.administrations, strict=True)
    )
    return [p[0] for p in pairs], [p[1] for p in pairs], float(ref.micrograms)


@final
@attrs.frozen(kw_only=True, eq=False)
class Simulation:
    """Relative concentration over time; 1.0 is the peak after one dose of :attr:`reference`."""

    schedule: Schedule
    model: OneCompartmentModel
    reference: Amount
    hours: npt.NDArray[np.float64]
    """Time in hours from midnight before the first dose (nominal; no daylight-saving shift)."""
    concentration: npt.NDArray[np.float64]


def simulate(
    schedule: Schedule,
    days: int,
    step: str | dt.timedelta = "10 min",
    *,
    model: OneCompartmentModel | None = None,
    reference: Amount | None = None,
    meal_times: MealTimes | None = None,
) -> Simulation:
    """Concentration over *days* days on a grid of *step*, in O(number of time points).

    The two exponential states (amount left to absorb, amount in the body) are updated at each
    dose and carried in closed form to every grid point after it; past doses are never summed
    again.  Needs numpy (``pip install 'vitk2[numpy]'``).

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> sim = simulate(divide(DailyDose("MK-7", "180 µg/day"), 1), days=28, step="1 h")
    >>> len(sim.hours), round(float(sim.concentration.max()), 1)
    (672, 4.9)
    """
    require("numpy", "numpy", "simulate()")
    import numpy as np  # noqa: PLC0415

    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        msg = f"days={days!r}: give a whole number of days, at least 1"
        raise ScheduleError(msg)
    m = pk_model(schedule.vitamer) if model is None else model
    dt_h = _step_hours(step)
    day_times, day_doses, ref_ug = _daily_doses(schedule, reference, meal_times)
    ref = Amount.from_micrograms(schedule.vitamer, ref_ug) if reference is None else reference
    k, ka, scale = m.elimination_rate, m.absorption_rate, m._scale

    n_doses = days * len(day_times)
    times = np.empty(n_doses)
    body = np.empty(n_doses)  # Σ dose·e^(−k(t−ti)) just after each dose
    gut = np.empty(n_doses)  # Σ dose·e^(−ka(t−ti))
    e_state = a_state = 0.0
    last = 0.0
    j = 0
    for day in range(days):
        for h, d in zip(day_times, day_doses, strict=True):
            t = 24.0 * day + h
            e_state = e_state * math.exp(-k * (t - last)) + d
            a_state = a_state * math.exp(-ka * (t - last)) + d
            times[j], body[j], gut[j] = t, e_state, a_state
            last = t
            j += 1
    n_points = round(days * 24 / dt_h)
    grid = np.arange(n_points, dtype=np.float64) * dt_h
    idx = np.searchsorted(times, grid, side="right") - 1
    before_first = idx < 0
    idx[before_first] = 0
    since = grid - times[idx]
    since[before_first] = 0.0
    conc = scale * (body[idx] * np.exp(-k * since) - gut[idx] * np.exp(-ka * since))
    conc[before_first] = 0.0
    return Simulation(schedule=schedule, model=m, reference=ref, hours=grid, concentration=conc)


# --- metrics ----------------------------------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class PKMetrics:
    """Steady-state behaviour of a schedule under a model (relative concentrations).

    ``accumulation_ratio`` is the level just before the day's first dose at steady state over
    the same level on the second day (after one day of dosing); for once-daily dosing with fast
    absorption it approaches the textbook index 1 / (1 − e^(−kel·24 h)).  ``fluctuation`` is
    (Cmax − Cmin) / Cavg at steady state.
    """

    schedule: Schedule
    model: OneCompartmentModel
    accumulation_ratio: float
    time_to_90_percent_hours: float
    peak: float
    trough: float
    average: float

    @property
    def fluctuation(self) -> float:
        """Peak-to-trough fluctuation at steady state, (Cmax − Cmin) / Cavg."""
        return (self.peak - self.trough) / self.average

    @property
    def swing(self) -> float:
        """Cmax / Cmin at steady state."""
        return self.peak / self.trough


def pk_metrics(
    schedule: Schedule,
    *,
    model: OneCompartmentModel | None = None,
    meal_times: MealTimes | None = None,
) -> PKMetrics:
    """Accumulation, time to 90 % of steady state and fluctuation, from the closed form.

    Concentrations are relative to one dose of the schedule's whole daily amount.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> m = pk_metrics(divide(DailyDose("MK-4", "45 mg/day"), 3))
    >>> round(m.time_to_90_percent_hours, 1), round(m.fluctuation, 2)
    (58.2, 0.39)
    """
    m = pk_model(schedule.vitamer) if model is None else model
    k, ka, scale = m.elimination_rate, m.absorption_rate, m._scale
    times, doses, _ = _daily_doses(schedule, None, meal_times)

    def states(decay: float, at: float) -> tuple[float, float]:
        """(after one day, steady state) of Σ dose·e^(−rate·(at − t)), for at ≥ 24 h."""
        one_day = sum(d * math.exp(-decay * (at - t)) for t, d in zip(times, doses, strict=True))
        return one_day, one_day / (1 - math.exp(-24 * decay))

    # Pre-dose level just before the second day's first dose, and the same at steady state.
    e1, e_pre = states(k, 24 + times[0])
    a1, a_pre = states(ka, 24 + times[0])
    trough_day1 = scale * (e1 - a1)
    trough_ss_pre = scale * (e_pre - a_pre)
    e_ss, a_ss = states(k, 24)[1], states(ka, 24)[1]
    # Walk one steady-state day on a fine grid from midnight for the peak and trough.
    grid_n = 24 * 120  # 30-second resolution
    e, a, t_prev, di = e_ss, a_ss, 0.0, 0
    peak, trough = 0.0, math.inf
    for i in range(grid_n + 1):
        t = i * 24 / grid_n
        while di < len(times) and times[di] <= t:
            e = e * math.exp(-k * (times[di] - t_prev)) + doses[di]
            a = a * math.exp(-ka * (times[di] - t_prev)) + doses[di]
            t_prev = times[di]
            di += 1
        c = scale * (e * math.exp(-k * (t - t_prev)) - a * math.exp(-ka * (t - t_prev)))
        peak, trough = max(peak, c), min(trough, c)
    # Cavg = AUC over a day / 24 h; one dose's AUC is scale·(1/k − 1/ka).
    average = scale * sum(doses) * (1 / k - 1 / ka) / 24
    return PKMetrics(
        schedule=schedule,
        model=m,
        accumulation_ratio=trough_ss_pre / trough_day1,
        time_to_90_percent_hours=m.time_to_steady_state(0.9),
        peak=peak,
        trough=trough,
        average=average,
    )


@final
@attrs.frozen
class ScheduleComparison:
    """Metrics of several schedules side by side; ``str()`` gives a table."""

    metrics: tuple[PKMetrics, ...]

    def __str__(self) -> str:
        """A plain-text table, one row per schedule."""
        header = ("schedule", "t½ (h)", "accumulation", "t90 (h)", "fluctuation", "Cmax/Cmin")
        rows = [header] + [
            (
                str(x.schedule),
                f"{x.model.half_life.hours:g}" + ("*" if not x.model.half_life.sourced else ""),
                f"{x.accumulation_ratio:.2f}",
                f"{x.time_to_90_percent_hours:.0f}",
                f"{x.fluctuation:.2f}",
                f"{x.swing:.2f}",
            )
            for x in self.metrics
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
        if any(not x.model.half_life.sourced for x in self.metrics):
            lines.append("* assumed half-life, not a sourced value (see vitk2.pk_model)")
        return "\n".join(lines)


def compare_schedules(
    schedules: Iterable[Schedule], *, meal_times: MealTimes | None = None
) -> ScheduleComparison:
    """Side-by-side steady-state metrics, each schedule with its vitamer's default model.

    >>> from vitk2 import DailyDose
    >>> from vitk2._schedules import divide
    >>> dose = DailyDose("MK-4", "45 mg/day")
    >>> table = compare_schedules([divide(dose, 3), divide(dose, 1)])
    >>> [round(m.fluctuation, 2) for m in table.metrics]
    [0.39, 0.74]
    """
    return ScheduleComparison(tuple(pk_metrics(s, meal_times=meal_times) for s in schedules))


def plot_concentration(
    schedules: Iterable[Schedule],
    path: str | Path,
    *,
    days: int = 14,
    step: str | dt.timedelta = "10 min",
) -> Path:
    """Plot relative concentration over time for one or several schedules to a PNG file.

    Needs matplotlib (``pip install 'vitk2[plot]'``); the Agg backend is used without changing
    pyplot's global state.  Returns the path written.
    """
    require("matplotlib", "plot", "plot_concentration()")
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    chosen = list(schedules)
    if not chosen:
        msg = "plot_concentration() needs at least one schedule"
        raise ScheduleError(msg)
    fig = Figure(figsize=(8, 4.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for s in chosen:
        sim = simulate(s, days, step)
        ax.plot(sim.hours / 24, sim.concentration, label=str(s))
    ax.set_xlabel("days")
    ax.set_ylabel("relative concentration (1 = peak of one daily-dose)")
    ax.legend(fontsize="small")
    out = Path(path)
    fig.savefig(out, format="png")
    return out
