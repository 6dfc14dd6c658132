"""Pharmacokinetic models: the :class:`PKModel` protocol and the one- and two-compartment models.

A model says how the relative concentration responds to one reference dose taken at time 0, as a
sum of exponentials ``Σ coefficient·e^(−rate·t)`` (:attr:`PKModel.terms`).  Every linear
compartment model with first-order absorption has that form, and it is all the simulation and
the steady-state metrics need: each term is one state carried from dose to dose.

Absolute volumes of distribution and oral bioavailability of vitamin K forms are not known well
enough, so concentrations are *relative*: 1.0 is the peak after one reference dose.

Each parameter says whether it is a sourced value or an explicit assumption, with the range and
the reason.  The values live in ``data/pk-models.json`` (read on first use); sourced values are
read from the vitamer records (:attr:`vitk2.Vitamer.pharmacokinetics`) where they are kept.

* K1 — plasma half-time 8.8 h from a ¹³C-kale study (Novotny 2010); peak 4 h after 1 mg
  (Schurgers 2007).
* MK-4 — peak 3.7 h after 30 mg oral syrup (Kaytwo label).  After 10 mg intravenously the
  plasma level falls in two phases, t½α 0.71 h and t½β 17.52 h (Kaytwo N label).  The
  one-compartment model *assumes* t½β for oral doses; the two-compartment model uses both
  phases.  At nutritional doses MK-4 is barely detectable in serum (Sato 2012).
* MK-7 — peak 4 h after 1 mg (Schurgers 2007).  The half-life is "very long" (Schurgers 2007)
  and serum MK-7 is still raised at 24-48 h (Knapen 2014, Sato 2012), but the figure of about
  3 days (68-72 h) was found only in secondary sources; the model *assumes* 72 h.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, Protocol, final, overload

import attrs

from vitk2._errors import MissingPharmacokineticsError, ScheduleError
from vitk2._sources import Citation, citation
from vitk2._vitamers import PharmacokineticValue, Vitamer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "ExponentialTerm",
    "MissingPharmacokineticsError",
    "OneCompartmentModel",
    "PKModel",
    "PKParameter",
    "TwoCompartmentModel",
    "absorption_rate",
    "dose_response",
    "pk_model",
]


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

    @property
    def rate(self) -> float:
        """For a half-life, the first-order rate ln 2 / t½ in 1/h."""
        return math.log(2) / self.hours

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


@final
@attrs.frozen
class ExponentialTerm:
    """One term ``coefficient·e^(−rate·t)`` of a model's response to one reference dose."""

    rate: float
    """Per hour, above zero."""
    coefficient: float


class PKModel(Protocol):
    """What :func:`vitk2.simulate`, :func:`vitk2.pk_metrics` and the comparison table need.

    A model must be *linear* in dose (superposition holds) and its response to one reference
    dose taken at time 0 must be a sum of decaying exponentials, :attr:`terms`, scaled so the
    peak is 1.0.  :class:`OneCompartmentModel` and :class:`TwoCompartmentModel` implement it;
    any class with these four attributes does too (see the pharmacokinetics page).
    """

    @property
    def vitamer(self) -> Vitamer:
        """The vitamer modelled."""
        ...

    @property
    def half_life(self) -> PKParameter:
        """The terminal (slowest) half-life: accumulation and time to steady state follow it."""
        ...

    @property
    def parameters(self) -> tuple[PKParameter, ...]:
        """Every parameter of the model, each sourced or flagged as an assumption."""
        ...

    @property
    def terms(self) -> tuple[ExponentialTerm, ...]:
        """The response to one reference dose at t ≥ 0 as Σ coefficient·e^(−rate·t)."""
        ...


def _response(terms: Sequence[ExponentialTerm], hours: float) -> float:
    if hours <= 0:
        return 0.0
    return sum(x.coefficient * math.exp(-x.rate * hours) for x in terms)


def dose_response(model: PKModel, hours: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Relative concentration at each of *hours* after one reference dose taken at 0 (0 before it).

    Vectorised over a NumPy array of times; needs numpy.

    >>> import numpy as np
    >>> [round(float(c), 6) for c in dose_response(pk_model("MK-4"), np.array([-1, 0, 3.7]))]
    [0.0, 0.0, 1.0]
    """
    from vitk2._optional import require  # noqa: PLC0415

    require("numpy", "numpy", "dose_response()")
    import numpy as np  # noqa: PLC0415

    t = np.asarray(hours, dtype=np.float64)
    after = np.maximum(t, 0.0)
    out = np.zeros_like(after)
    for x in model.terms:
        out += x.coefficient * np.exp(-x.rate * after)
    return np.where(t >= 0, out, 0.0)


def _peak_time(derivative: Callable[[float], float], start: float) -> float:
    """The first time the derivative turns negative, found on a log grid and refined."""
    lo, hi = 0.0, start
    while derivative(hi) > 0:
        lo, hi = hi, hi * 2
        if hi > 1e7:
            msg = "the dose response has no peak within 10 million hours"
            raise ScheduleError(msg)
    for _ in range(200):
        mid = (lo + hi) / 2
        if derivative(mid) > 0:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-13 * hi:
            break
    return (lo + hi) / 2


def _solve_rate(
    time_to_peak: float, peak_of: Callable[[float], float], floor: float, ceiling: float
) -> float:
    """The absorption rate between *floor* and *ceiling* that peaks at *time_to_peak*.

    The peak time falls as ka rises.
    """
    lo, hi = floor * (1 + 1e-9), ceiling
    for _ in range(200):  # bisection on a log scale
        mid = math.sqrt(lo * hi)
        if peak_of(mid) > time_to_peak:
            lo = mid
        else:
            hi = mid
        if hi / lo < 1 + 1e-15:
            break
    return math.sqrt(lo * hi)


def absorption_rate(time_to_peak_hours: float, elimination_rate: float) -> float:
    """The absorption rate ka (1/h) that puts the one-compartment peak at *time_to_peak_hours*.

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
    return _solve_rate(
        time_to_peak_hours, lambda ka: math.log(ka / kel) / (ka - kel), kel, kel * 1e9
    )


def _time_to_steady_state(half_life: PKParameter, fraction: float) -> float:
    if not 0 < fraction < 1:
        msg = f"fraction={fraction!r}: give a number between 0 and 1"
        raise ScheduleError(msg)
    return -math.log(1 - fraction) / half_life.rate


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
    def parameters(self) -> tuple[PKParameter, ...]:
        """The half-life and the time to peak."""
        return (self.half_life, self.time_to_peak)

    @property
    def elimination_rate(self) -> float:
        """The elimination rate kel = ln 2 / t½, in 1/h."""
        return self.half_life.rate

    @property
    def absorption_rate(self) -> float:
        """The absorption rate ka in 1/h, solved from the time to peak and kel."""
        return absorption_rate(self.time_to_peak.hours, self.elimination_rate)

    @property
    def _scale(self) -> float:
        """1 / (unnormalised peak), so a single reference dose peaks at 1.0."""
        k, ka, t = self.elimination_rate, self.absorption_rate, self.time_to_peak.hours
        return 1.0 / (math.exp(-k * t) - math.exp(-ka * t))

    @property
    def terms(self) -> tuple[ExponentialTerm, ...]:
        """scale·(e^(−kel·t) − e^(−ka·t)), peak 1.0 at the time to peak."""
        scale = self._scale
        return (
            ExponentialTerm(self.elimination_rate, scale),
            ExponentialTerm(self.absorption_rate, -scale),
        )

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
        return _time_to_steady_state(self.half_life, fraction)


def _oral_two_phase(
    alpha: float, beta: float, terminal_fraction: float, ka: float
) -> tuple[tuple[float, float], ...]:
    """Unnormalised (rate, coefficient) pairs: first-order absorption into A·e^(−αt) + B·e^(−βt).

    The convolution of ka·e^(−ka·t) with the intravenous curve, intercepts A + B = 1.
    """
    a = ka * (1 - terminal_fraction) / (ka - alpha)
    b = ka * terminal_fraction / (ka - beta)
    return ((alpha, a), (beta, b), (ka, -(a + b)))


def _peak_of(pairs: Sequence[tuple[float, float]]) -> float:
    fastest = max(rate for rate, _ in pairs)
    return _peak_time(
        lambda t: sum(-rate * c * math.exp(-rate * t) for rate, c in pairs), 0.1 / fastest
    )


@lru_cache(maxsize=256)
def _two_phase(
    alpha: float, beta: float, fraction: float, time_to_peak: float
) -> tuple[float, tuple[ExponentialTerm, ...]]:
    """(ka, terms) of the oral two-compartment response peaking at *time_to_peak*, peak 1.0."""

    def peak(ka: float) -> float:
        return _peak_of(_oral_two_phase(alpha, beta, fraction, ka))

    # The peak time falls as ka rises and grows without bound as ka → 0, so search above a
    # tiny floor (ka need not exceed α or β; exact equality with either has measure zero).
    floor, ceiling = beta * 1e-6, alpha * 1e9
    if not peak(ceiling) < time_to_peak < peak(floor):
        msg = f"no absorption rate puts the peak at {time_to_peak} h"
        raise ScheduleError(msg)
    ka = _solve_rate(time_to_peak, peak, floor, ceiling)
    pairs = _oral_two_phase(alpha, beta, fraction, ka)
    scale = 1.0 / sum(c * math.exp(-rate * time_to_peak) for rate, c in pairs)
    return ka, tuple(ExponentialTerm(rate, scale * c) for rate, c in pairs)


@final
@attrs.frozen(kw_only=True)
class TwoCompartmentModel:
    """First-order absorption into a two-phase (distribution, elimination) disposition.

    After an intravenous dose the level falls as A·e^(−αt) + B·e^(−βt): a fast distribution
    phase (:attr:`distribution_half_life`, t½α) and the terminal phase (:attr:`half_life`,
    t½β); :attr:`terminal_fraction` is B / (A + B).  An oral dose is absorbed at the first-order
    rate ka that puts the peak at :attr:`time_to_peak`.

    >>> m = pk_model("MK-4", compartments=2)
    >>> m.distribution_half_life.hours, m.half_life.hours, m.half_life.sourced
    (0.71, 17.52, True)
    >>> round(m.terminal_fraction, 4), round(m.absorption_rate, 4), round(m.single_dose(3.7), 9)
    (0.0595, 0.0833, 1.0)
    """

    vitamer: Vitamer
    distribution_half_life: PKParameter
    half_life: PKParameter
    time_to_peak: PKParameter
    terminal_fraction: float = attrs.field()

    @terminal_fraction.validator
    def _check_fraction(self, _: object, value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            msg = f"terminal_fraction={value!r}: give the terminal phase's share, between 0 and 1"
            raise ScheduleError(msg)

    def __attrs_post_init__(self) -> None:
        """Refuse parameters of the wrong kind, and a distribution phase not faster than β."""
        for name in ("distribution_half_life", "half_life", "time_to_peak"):
            value = getattr(self, name)
            if not isinstance(value, PKParameter):
                msg = f"{name}={value!r}: give a PKParameter (hours, range, sources or assumption)"
                raise ScheduleError(msg)
        if not self.distribution_half_life.hours < self.half_life.hours:
            msg = (
                f"distribution half-life {self.distribution_half_life.hours} h must be shorter "
                f"than the terminal half-life {self.half_life.hours} h"
            )
            raise ScheduleError(msg)

    @property
    def parameters(self) -> tuple[PKParameter, ...]:
        """The distribution and terminal half-lives and the time to peak."""
        return (self.distribution_half_life, self.half_life, self.time_to_peak)

    @property
    def absorption_rate(self) -> float:
        """The absorption rate ka in 1/h whose oral peak falls at the time to peak."""
        return _two_phase(*self._key)[0]

    @property
    def terms(self) -> tuple[ExponentialTerm, ...]:
        """Three exponentials (α, β, ka), scaled so one reference dose peaks at 1.0."""
        return _two_phase(*self._key)[1]

    @property
    def _key(self) -> tuple[float, float, float, float]:
        return (
            self.distribution_half_life.rate,
            self.half_life.rate,
            self.terminal_fraction,
            self.time_to_peak.hours,
        )

    def single_dose(self, hours: float) -> float:
        """Relative concentration *hours* after one reference dose (peak 1.0)."""
        return _response(self.terms, hours)

    def time_to_steady_state(self, fraction: float = 0.9) -> float:
        """Hours until the pre-dose level nears *fraction* of steady state, from t½β.

        >>> round(pk_model("MK-4", compartments=2).time_to_steady_state(0.5), 6)
        17.52
        """
        return _time_to_steady_state(self.half_life, fraction)


# --- the packaged models ----------------------------------------------------------------------


@cache
def _data() -> Mapping[str, Any]:
    from importlib import resources  # noqa: PLC0415

    text = resources.files("vitk2").joinpath("data", "pk-models.json").read_text("utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data


def _parameter(
    v: Vitamer, name: Literal["half-life", "time to peak"], raw: Mapping[str, Any]
) -> PKParameter:
    if "from" in raw:
        values = [x for x in v.pharmacokinetics if x.parameter == name]
        chosen = next(x for x in values if raw["from"] in x.sources)
        p = PKParameter.from_value(chosen)
        span = raw.get("range", "own")
        if span == "all":
            low, high = min(x.low_hours for x in values), max(x.high_hours for x in values)
        elif span == "point":
            low = high = chosen.hours
        else:
            low, high = p.low_hours, p.high_hours
        return attrs.evolve(p, low_hours=low, high_hours=high, assumption=raw.get("assumption"))
    return PKParameter(
        parameter=name,
        hours=raw["hours"],
        low_hours=raw["low_hours"],
        high_hours=raw["high_hours"],
        sources=tuple(raw["sources"]),
        assumption=raw.get("assumption"),
    )


def _terminal_fraction(
    alpha: float, beta: float, points: Iterable[Mapping[str, float]]
) -> float:
    """B / (A + B) of A·e^(−αt) + B·e^(−βt) through two measured (time, level) points."""
    (t1, c1), (t2, c2) = ((p["hours"], p["ug_per_ml"]) for p in points)
    # Two linear equations in A and B (Cramer's rule).
    det = math.exp(-alpha * t1 - beta * t2) - math.exp(-alpha * t2 - beta * t1)
    a = (c1 * math.exp(-beta * t2) - c2 * math.exp(-beta * t1)) / det
    b = (c2 * math.exp(-alpha * t1) - c1 * math.exp(-alpha * t2)) / det
    return b / (a + b)


@overload
def pk_model(vitamer: Vitamer | str, compartments: Literal[1] = 1) -> OneCompartmentModel: ...


@overload
def pk_model(vitamer: Vitamer | str, compartments: Literal[2]) -> TwoCompartmentModel: ...


def pk_model(
    vitamer: Vitamer | str, compartments: Literal[1, 2] = 1
) -> OneCompartmentModel | TwoCompartmentModel:
    """The packaged model of a vitamer, from its data plus labelled assumptions.

    One compartment (the default) for K1, MK-4 and MK-7; two compartments for MK-4, whose
    intravenous label gives both phases.

    >>> m = pk_model("MK-7")
    >>> m.half_life.hours, m.half_life.sourced, m.time_to_peak.hours
    (72.0, False, 4.0)
    >>> pk_model("MK-9")
    Traceback (most recent call last):
    ...
    vitk2.MissingPharmacokineticsError: no pharmacokinetic model for MK-9: ...
    >>> pk_model("K1", compartments=2)
    Traceback (most recent call last):
    ...
    vitk2.MissingPharmacokineticsError: no two-compartment model for K1: ...
    """
    from vitk2._vitamers import vitamer as lookup  # noqa: PLC0415

    v = lookup(vitamer)
    if isinstance(compartments, bool) or compartments not in (1, 2):
        msg = f"compartments={compartments!r}: give 1 or 2"
        raise ScheduleError(msg)
    kind = "one-compartment" if compartments == 1 else "two-compartment"
    models = _data()[kind]
    if v.key not in models:
        have = ", ".join(models)
        if compartments == 1:
            msg = (
                f"no pharmacokinetic model for {v.key}: vitk2 has parameters for {have}; "
                "build a OneCompartmentModel with your own PKParameter values"
            )
        else:
            msg = (
                f"no two-compartment model for {v.key}: vitk2 has one for {have} only; "
                "build a TwoCompartmentModel with your own PKParameter values"
            )
        raise MissingPharmacokineticsError(msg)
    raw = models[v.key]
    tmax = _parameter(v, "time to peak", raw["time to peak"])
    half_life = _parameter(v, "half-life", raw["half-life"])
    if compartments == 1:
        return OneCompartmentModel(vitamer=v, half_life=half_life, time_to_peak=tmax)
    distribution = _parameter(v, "half-life", raw["distribution half-life"])
    iv = raw["intravenous concentrations"]
    return TwoCompartmentModel(
        vitamer=v,
        distribution_half_life=distribution,
        half_life=half_life,
        time_to_peak=tmax,
        terminal_fraction=_terminal_fraction(distribution.rate, half_life.rate, iv["points"]),
    )
