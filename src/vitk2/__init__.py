"""vitk2: unit-safe, cited, typed vitamin K2 (and K1, K3) amounts.

Not medical advice: vitk2 converts, compares and cites; it does not prescribe.

>>> import vitk2
>>> print(vitk2.parse_amount("0.1 mg MK-7").to("mg"))
0.1 milligram
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import (
    Amount,
    Comparison,
    DailyDose,
    compare,
    parse_amount,
    parse_daily_dose,
    parse_dose,
    total,
)
from vitk2._errors import (
    AmbiguousNameError,
    AssumptionWarning,
    BareNumberError,
    ConflictingVitamerNamesError,
    DimensionError,
    IncompatibleVitamersError,
    InvalidAmountError,
    LabelError,
    NoInternationalUnitError,
    NotFoundError,
    OperandError,
    RoundingWarning,
    SerializationError,
    UnitParseError,
    UnknownVitamerError,
    Vitk2Error,
    Vitk2Warning,
)
from vitk2._optional import OptionalDependencyError
from vitk2._sources import Citation, all_citations, citation
from vitk2._vitamers import (
    DIHYDRO_K1,
    K1,
    K3,
    MK4,
    MK7,
    MK9,
    Identifiers,
    PharmacokineticValue,
    TradeName,
    Vitamer,
    VitamerPhrase,
    all_vitamers,
    menaquinone,
    read_vitamer_phrase,
    trade_names,
    vitamer,
)

if TYPE_CHECKING:
    from vitk2._serial import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.cohort import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.evidence import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.export import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.foods import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.intakes import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.interactions import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.labels import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.pk import *  # noqa: F403 -- the static __all__ of each area
    from vitk2.schedules import *  # noqa: F403 -- the static __all__ of each area

# The areas load on first use, so that `import vitk2` stays as cheap as `import pint` (the food
# tables and the interaction catalogue are read only when first used). Each area's names are
# written once, in the static `__all__` of its public module (vitk2.foods, ...); the JSON form
# (vitk2._serial) has no public module and stays at the top level. Those lists are read from the
# modules' source, without importing them.
_LAZY_MODULES = (
    "vitk2.cohort",
    "vitk2.evidence",
    "vitk2.export",
    "vitk2.foods",
    "vitk2.intakes",
    "vitk2.interactions",
    "vitk2.labels",
    "vitk2.pk",
    "vitk2.schedules",
    "vitk2._serial",
)


def _static_all(module: str) -> list[str]:
    """The names in *module*'s literal ``__all__``, read from its source without importing it."""
    import os  # noqa: PLC0415 - already loaded by the interpreter; importlib.resources costs ~8 ms
    from ast import literal_eval  # noqa: PLC0415
    from importlib import import_module  # noqa: PLC0415

    source = os.path.join(os.path.dirname(__file__), module.rpartition(".")[2] + ".py")
    if not os.path.isfile(source):  # installed without sources: import the module instead
        return list(import_module(module).__all__)
    # Only the `__all__ = [...]` statement is parsed: parsing whole modules would cost ~10 ms.
    with open(source, encoding="utf-8") as f:
        text = f.read()
    start = text.find("\n__all__ = [")
    end = text.find("]\n", start)
    if start < 0 or end < 0:  # a packaging defect, caught by tests/test_packaging.py
        msg = f"{module} has no literal __all__"
        raise ImportError(msg)
    return list(literal_eval(text[start + len("\n__all__ = ") : end + 1]))


_LAZY: dict[str, str] = {name: module for module in _LAZY_MODULES for name in _static_all(module)}

__all__ = [  # the eagerly imported core; the areas' names are added below
    "DIHYDRO_K1",
    "K1",
    "K3",
    "MK4",
    "MK7",
    "MK9",
    "NOT_MEDICAL_ADVICE",
    "AmbiguousNameError",
    "Amount",
    "AssumptionWarning",
    "BareNumberError",
    "Citation",
    "Comparison",
    "ConflictingVitamerNamesError",
    "DailyDose",
    "DimensionError",
    "Identifiers",
    "IncompatibleVitamersError",
    "InvalidAmountError",
    "LabelError",
    "NoInternationalUnitError",
    "NotFoundError",
    "OperandError",
    "OptionalDependencyError",
    "PharmacokineticValue",
    "RoundingWarning",
    "SerializationError",
    "TradeName",
    "UnitParseError",
    "UnknownVitamerError",
    "Vitamer",
    "VitamerPhrase",
    "Vitk2Error",
    "Vitk2Warning",
    "all_citations",
    "all_vitamers",
    "citation",
    "compare",
    "menaquinone",
    "parse_amount",
    "parse_daily_dose",
    "parse_dose",
    "read_vitamer_phrase",
    "total",
    "trade_names",
    "vitamer",
]
__all__ += _LAZY  # noqa: PLE0605 -- the areas' static lists, read above


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("vitk2")
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if f"vitk2.{name}" in _LAZY_MODULES and not name.startswith("_"):
        # An area is reachable as `vitk2.foods` after a plain `import vitk2`, like attrs.validators.
        from importlib import import_module  # noqa: PLC0415

        return import_module(f"vitk2.{name}")
    msg = f"module 'vitk2' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
