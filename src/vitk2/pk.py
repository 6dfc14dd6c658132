"""Pharmacokinetics: cited one- and two-compartment models and simulated schedules.

Also PK metrics (Cmax, AUC, accumulation) and the comparison of two schedules.

>>> import vitk2
>>> from vitk2 import pk
>>> pk.simulate is vitk2.simulate
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._pk import (
    PKMetrics,
    ScheduleComparison,
    Simulation,
    accumulation_index,
    compare_schedules,
    pk_metrics,
    plot_concentration,
    simulate,
)
from vitk2._pk_models import (
    ExponentialTerm,
    MissingPharmacokineticsError,
    OneCompartmentModel,
    PKModel,
    PKParameter,
    TwoCompartmentModel,
    absorption_rate,
    dose_response,
    pk_model,
)

__all__ = [
    "ExponentialTerm",
    "MissingPharmacokineticsError",
    "OneCompartmentModel",
    "PKMetrics",
    "PKModel",
    "PKParameter",
    "ScheduleComparison",
    "Simulation",
    "TwoCompartmentModel",
    "absorption_rate",
    "accumulation_index",
    "compare_schedules",
    "dose_response",
    "pk_metrics",
    "pk_model",
    "plot_concentration",
    "simulate",
]
