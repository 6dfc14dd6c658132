"""Pharmacokinetics: simulation, steady-state metrics and plots for any :class:`PKModel`.

The models themselves (one- and two-compartment, the :class:`PKModel` protocol and the packaged
parameters) live in :mod:`vitk2._pk_models`.  Everything here works through the protocol: a
model's response to one reference dose is a sum of exponentials, and each exponential is one
state carried from dose to dose.  Concentrations are relative: 1.0 is the peak after one dose of
the reference amount (by default the schedule's whole daily dose, so schedules with the same
daily dose compare directly).  The default model is the vitamer's one-compartment model; when
one of its parameters is an assumption rather than a sourced value, the function warns with
:class:`vitk2.AssumptionWarning` (once per call).  An explicitly passed model never warns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, final

import attrs

from vitk2._amounts import Amount
from vitk2._errors import ScheduleError, warn_assumption
from vitk2._optional import require
from vitk2._pk_models import PKModel, pk_model
from vitk2._schedule_timing import MealTimes
from vitk2._schedules import Schedule

if TYPE_CHECKING:
    import datetime as dt

    import numpy as np
    import numpy.typing as npt

__all__ = [
    "PKMetrics",
    "ScheduleComparison",
    "Simulation",
    "accumulation_index",
    "compare_schedules",
    "pk_metrics",
    "plot_concentration",
    "simulate",
]


def _checked(model: object) -> PKModel:
    """*model* if it implements :class:`PKModel` usably, else a clear error (no AttributeError)."""
    from vitk2._pk_models import ExponentialTerm, PKParameter  # noqa: PLC0415

    try:
        terms = getattr(model, "terms", None)
        half_life = getattr(model, "half_life", None)
        ok = (
            isinstance(terms, tuple)
            and len(terms) > 0
            and all(
                isinstance(x, ExponentialTerm) and x.rate > 0 and math.isfinite(x.coefficient)
                for x in terms
            )
            and isinstance(half_life, PKParameter)
            and isinstance(getattr(model, "parameters", None), tuple)
        )
    except (ArithmeticError, TypeError, ValueError):
        ok = False
    if not ok:
        msg = (
            f"model={model!r} is not a pharmacokinetic model: give a vitk2.PKModel (terms as "
            "ExponentialTerm values with rates above 0, a PKParameter half_life and parameters), "
            "such as pk_model('MK-4') or pk_model('MK-4', compartments=2)"
        )
        raise ScheduleError(msg)
    return model  # type: ignore[return-value]


def _models(
    what: str,
    schedules: Sequence[Schedule],
    model: PKModel | Callable[[Schedule], PKModel] | None,
) -> tuple[PKModel, ...]:
    """The model of each schedule; warn once if a default model rests on an assumed parameter.

    Called directly by the public function, so the warning points at the user's line.
    """
    if model is not None:
        return tuple(_checked(_pick(model, s)) for s in schedules)
    models = tuple(pk_model(s.vitamer) for s in schedules)
    assumed: dict[tuple[str, str, float], str] = {}
    for m in models:
        for p in m.parameters:
            if p.assumption is not None:
                assumed.setdefault((m.vitamer.key, p.parameter, p.hours), p.assumption)
    if assumed:
        names = [f"{v} {par} {hours:g} h" for v, par, hours in assumed]
        reasons = list(assumed.values())
        if len(assumed) == 1:
            reason = reasons[0]
        else:
            reason = "; ".join(f"{n}: {r}" for n, r in zip(names, reasons, strict=True))
        vitamers = sorted({v for v, _, _ in assumed})
        accept = (
            f"model=vitk2.pk_model({vitamers[0]!r})"
            if len(vitamers) == 1 and len(schedules) == 1
            else "model=lambda s: vitk2.pk_model(s.vitamer)"
        )
        warn_assumption(
            f"{what} with the default model",
            " and ".join(names),
            reason,
            instead=f"pass model=... to choose (a model of your own, or {accept} to accept it)",
            stacklevel=3,
        )
    return models


def accumulation_index(model: PKModel, interval_hours: float) -> float:
    """The textbook accumulation index 1 / (1 − e^(−kel·τ)) for dosing every τ hours.

    kel is the rate of the model's terminal half-life (t½β for two compartments).

    >>> round(accumulation_index(pk_model("K1"), 8.8), 12)
    2.0
    """
    if not interval_hours > 0:
        msg = f"interval_hours={interval_hours!r}: give a positive dosing interval"
        raise ScheduleError(msg)
    return 1.0 / (1.0 - math.exp(-_checked(model).half_life.rate * interval_hours))


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
    schedule: Schedule,
    reference: Amount | None,
    meal_times: MealTimes | None,
    *,
    calendar: bool = False,
) -> tuple[list[float], list[float], float]:
    """Dose times in hours from the dosing day's midnight (sorted), doses per reference amount.

    With *calendar*, a meal-anchored dose whose offset crosses midnight is placed on the
    neighbouring day, as :meth:`Schedule.expand` places it (hours below 0 or from 24 on);
    without, by time of day only, which is all a periodic steady state needs.
    """
    ref = schedule.daily_dose.amount if reference is None else reference
    if ref.vitamer != schedule.vitamer or ref.micrograms <= 0:
        msg = f"reference {ref} must be an amount of {schedule.vitamer.key} above zero"
        raise ScheduleError(msg)
    shifts = schedule.day_shifts(meal_times) if calendar else (0,) * len(schedule.administrations)
    pairs = sorted(
        (
            24 * shift + t.hour + t.minute / 60 + (t.second + t.microsecond / 1e6) / 3600,
            float(a.amount.micrograms / ref.micrograms),
        )
        for t, shift, a in zip(
            schedule.local_times(meal_times), shifts, schedule.administrations, strict=True
        )
    )
    return [p[0] for p in pairs], [p[1] for p in pairs], float(ref.micrograms)


@final
@attrs.frozen(kw_only=True, eq=False)
class Simulation:
    """Relative concentration over time; 1.0 is the peak after one dose of :attr:`reference`."""

    schedule: Schedule
    model: PKModel
    reference: Amount
    hours: npt.NDArray[np.float64]
    """Time in hours from midnight at the start of the first dosing day (nominal; no
    daylight-saving shift).  A dose that a meal offset moves to the evening before counts from
    before 0, as :meth:`Schedule.expand` places it."""
    concentration: npt.NDArray[np.float64]


def simulate(
    schedule: Schedule,
    days: int,
    step: str | dt.timedelta = "10 min",
    *,
    model: PKModel | None = None,
    reference: Amount | None = None,
    meal_times: MealTimes | None = None,
) -> Simulation:
    """Concentration over *days* days on a grid of *step*, in O(number of time points).

    Each exponential of the model's dose response (two for one compartment: amount left to
    absorb, amount in the body; three for two compartments) is one state, updated at each dose
    and carried in closed form to every grid point after it; past doses are never summed again.
    A meal-anchored dose whose offset crosses midnight lands on the calendar day
    :meth:`Schedule.expand` puts it on.  Needs numpy (``pip install 'vitk2[numpy]'``).
    Without *model* the vitamer's default model is used, with an
    :class:`~vitk2.AssumptionWarning` if one of its parameters is assumed (MK-4, MK-7).

    >>> from vitk2 import DailyDose
    >>> from vitk2._pk_models import pk_model
    >>> from vitk2 import divide
    >>> sim = simulate(divide(DailyDose("MK-7", "180 µg/day"), 1), days=28, step="1 h",
    ...                model=pk_model("MK-7"))
    >>> len(sim.hours), round(float(sim.concentration.max()), 1)
    (672, 4.9)
    """
    require("numpy", "numpy", "simulate()")
    import numpy as np  # noqa: PLC0415

    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        msg = f"days={days!r}: give a whole number of days, at least 1"
        raise ScheduleError(msg)
    dt_h = _step_hours(step)
    day_times, day_doses, ref_ug = _daily_doses(schedule, reference, meal_times, calendar=True)
    (m,) = _models("simulate()", (schedule,), model)  # after the checks: no warning, then error
    ref = Amount.from_micrograms(schedule.vitamer, ref_ug) if reference is None else reference
    terms = m.terms

    # A dose shifted to the next (or previous) calendar day may pass another day's dose, so
    # order all doses before carrying the states.
    all_times = np.add.outer(24.0 * np.arange(days), np.asarray(day_times)).ravel()
    all_doses = np.tile(np.asarray(day_doses), days)
    order = np.argsort(all_times, kind="stable")
    times, doses = all_times[order], all_doses[order]
    gaps = np.diff(times, prepend=times[0])
    states = np.empty((len(terms), len(times)))  # Σ dose·e^(−rate·(t − ti)) just after each dose
    for row, x in enumerate(terms):
        decay = np.exp(-x.rate * gaps).tolist()
        out = states[row]
        state = 0.0
        for j, d in enumerate(doses.tolist()):
            state = state * decay[j] + d
            out[j] = state
    n_points = round(days * 24 / dt_h)
    grid = np.arange(n_points, dtype=np.float64) * dt_h
    idx = np.searchsorted(times, grid, side="right") - 1
    before_first = idx < 0
    idx[before_first] = 0
    since = grid - times[idx]
    since[before_first] = 0.0
    conc = np.zeros_like(grid)
    for row, x in enumerate(terms):
        conc += x.coefficient * (states[row][idx] * np.exp(-x.rate * since))
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
    model: PKModel
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

    def __str__(self) -> str:
        """Sentences: the steady state, how long it takes, and how much rests on an assumption.

        >>> from vitk2 import DailyDose
        >>> from vitk2._pk_models import pk_model
        >>> from vitk2._schedule_divide import divide
        >>> print(pk_metrics(divide(DailyDose("K1", "100 µg/day")), model=pk_model("K1")))
        100 µg K1 once a day with a fat-containing meal; half-life 8.8 h (sourced).
        Steady state: 0.28 to 1.21, average 0.72 (1.0 = peak after one dose of 100 µg K1).
        Before a day's first dose it settles at 1.18 times the first day's; 90 % of that after 29 h (1.2 days).
        """  # noqa: E501
        half_life = self.model.half_life
        kind = "sourced" if half_life.sourced else "assumed, not a sourced value"
        reference = self.schedule.daily_dose.amount
        days = self.time_to_90_percent_hours / 24
        return (
            f"{self.schedule}; half-life {half_life.hours:g} h ({kind}).\n"
            f"Steady state: {self.trough:.2f} to {self.peak:.2f}, average {self.average:.2f} "
            f"(1.0 = peak after one dose of {reference}).\n"
            f"Before a day's first dose it settles at {self.accumulation_ratio:.2f} times the "
            f"first day's; 90 % of that after {self.time_to_90_percent_hours:.0f} h "
            f"({days:.1f} days)."
        )


def pk_metrics(
    schedule: Schedule,
    *,
    model: PKModel | None = None,
    meal_times: MealTimes | None = None,
) -> PKMetrics:
    """Accumulation, time to 90 % of steady state and fluctuation, from the closed form.

    Concentrations are relative to one dose of the schedule's whole daily amount.  Without
    *model* the vitamer's default model is used, with an :class:`~vitk2.AssumptionWarning` if
    one of its parameters is assumed (MK-4, MK-7).

    >>> import warnings
    >>> from vitk2 import AssumptionWarning, DailyDose
    >>> from vitk2 import divide
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     m = pk_metrics(divide(DailyDose("MK-4", "45 mg/day"), 3))
    >>> [w.category is AssumptionWarning for w in caught]
    [True]
    >>> round(m.time_to_90_percent_hours, 1), round(m.fluctuation, 2)
    (58.2, 0.39)
    """
    times, doses, _ = _daily_doses(schedule, None, meal_times)
    (m,) = _models("pk_metrics()", (schedule,), model)
    terms = m.terms

    def states(decay: float, at: float) -> tuple[float, float]:
        """(after one day, steady state) of Σ dose·e^(−rate·(at − t)), for at ≥ 24 h."""
        one_day = sum(d * math.exp(-decay * (at - t)) for t, d in zip(times, doses, strict=True))
        return one_day, one_day / (1 - math.exp(-24 * decay))

    # Pre-dose level just before the second day's first dose, and the same at steady state.
    pre = [states(x.rate, 24 + times[0]) for x in terms]
    trough_day1 = sum(x.coefficient * p[0] for x, p in zip(terms, pre, strict=True))
    trough_ss_pre = sum(x.coefficient * p[1] for x, p in zip(terms, pre, strict=True))
    # Walk one steady-state day on a fine grid from midnight for the peak and trough.
    grid_n = 24 * 120  # 30-second resolution
    level = [states(x.rate, 24)[1] for x in terms]
    t_prev, di = 0.0, 0
    peak, trough = 0.0, math.inf
    for i in range(grid_n + 1):
        t = i * 24 / grid_n
        while di < len(times) and times[di] <= t:
            level = [
                s * math.exp(-x.rate * (times[di] - t_prev)) + doses[di]
                for x, s in zip(terms, level, strict=True)
            ]
            t_prev = times[di]
            di += 1
        c = sum(
            x.coefficient * s * math.exp(-x.rate * (t - t_prev))
            for x, s in zip(terms, level, strict=True)
        )
        peak, trough = max(peak, c), min(trough, c)
    # Cavg = AUC over a day / 24 h; one dose's AUC is Σ coefficient / rate.
    average = sum(doses) * sum(x.coefficient / x.rate for x in terms) / 24
    return PKMetrics(
        schedule=schedule,
        model=m,
        accumulation_ratio=trough_ss_pre / trough_day1,
        time_to_90_percent_hours=-math.log(0.1) / m.half_life.rate,
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
    schedules: Iterable[Schedule],
    *,
    meal_times: MealTimes | None = None,
    model: PKModel | Callable[[Schedule], PKModel] | None = None,
) -> ScheduleComparison:
    """Side-by-side steady-state metrics, each schedule with its vitamer's default model.

    *model* is one model for every schedule, or a function that picks a schedule's model
    (for example ``lambda s: pk_model(s.vitamer, compartments=2)``).  Without it each
    vitamer's default model is used, with one :class:`~vitk2.AssumptionWarning` naming every
    assumed parameter among them.

    >>> from vitk2 import DailyDose
    >>> from vitk2._pk_models import pk_model
    >>> from vitk2 import divide
    >>> dose = DailyDose("MK-4", "45 mg/day")
    >>> table = compare_schedules([divide(dose, 3), divide(dose, 1)], model=pk_model("MK-4"))
    >>> [round(m.fluctuation, 2) for m in table.metrics]
    [0.39, 0.74]
    """
    chosen = tuple(schedules)
    models = _models("compare_schedules()", chosen, model)
    return ScheduleComparison(
        tuple(
            pk_metrics(s, model=m, meal_times=meal_times)
            for s, m in zip(chosen, models, strict=True)
        )
    )


def _pick(model: PKModel | Callable[[Schedule], PKModel] | None, s: Schedule) -> PKModel | None:
    """One model for every schedule, or the model a function picks for *s*."""
    return model(s) if callable(model) else model


def _panels(schedules: Sequence[Schedule]) -> list[tuple[Amount, list[int]]]:
    """Schedules grouped one panel per vitamer, each with the reference amount its curves share.

    A relative curve means something only against its reference: two vitamers have different
    models, and two doses of one vitamer are comparable only against the same amount.  So each
    panel takes the largest daily dose among its schedules as the reference (1.0 = the peak after
    one dose of it), and lists its schedules by position.
    """
    groups: dict[str, list[int]] = {}
    for n, s in enumerate(schedules):
        groups.setdefault(s.vitamer.key, []).append(n)
    panels = []
    for members in groups.values():
        doses = [schedules[n].daily_dose.amount for n in members]
        panels.append((max(doses, key=lambda a: a.micrograms), members))
    return panels


def plot_concentration(
    schedules: Iterable[Schedule],
    path: str | Path,
    *,
    days: int = 14,
    step: str | dt.timedelta = "10 min",
    model: PKModel | Callable[[Schedule], PKModel] | None = None,
) -> Path:
    """Plot normalised concentration over time for one or several schedules to a PNG file.

    The curves are relative, and the figure says so: vitk2's models have no sourced volume of
    distribution or bioavailability, so there is no absolute concentration to draw.  Each
    vitamer gets its own panel, and the schedules in a panel share one reference (1.0 = the
    peak after one dose of the panel's largest daily dose, named in the panel), so a 90 mg
    schedule draws twice as high as a 45 mg one.

    *model* is as for :func:`compare_schedules`: one model, a function of the schedule, or
    ``None`` for each vitamer's default model (warning once if any of them rests on an
    assumed parameter).

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
    models = _models("plot_concentration()", chosen, model)
    panels = _panels(chosen)
    fig = Figure(figsize=(8, 1.5 + 3.5 * len(panels)), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(panels), 1, squeeze=False)[:, 0]
    fig.suptitle(
        "Normalised (relative) concentration, not an absolute level: "
        "no model has a sourced volume of distribution",
        fontsize="medium",
    )
    for ax, (reference, members) in zip(axes, panels, strict=True):
        for n in members:
            sim = simulate(chosen[n], days, step, model=models[n], reference=reference)
            ax.plot(sim.hours / 24, sim.concentration, label=str(chosen[n]))
        ax.set_title(f"{reference.vitamer.key}: 1.0 = peak after one dose of {reference}",
                     fontsize="small")  # fmt: skip
        ax.set_ylabel("relative concentration")
        ax.legend(fontsize="small")
    axes[-1].set_xlabel("days")
    out = Path(path)
    fig.savefig(out, format="png")
    return out
