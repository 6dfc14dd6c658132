"""Export format: FHIR R4 ``Dosage`` elements, as plain JSON-ready dicts (no dependency)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from vitk2._amounts import Amount
from vitk2._errors import ScheduleError
from vitk2._exports import check_schedule
from vitk2._schedule_timing import Anchor, MealAnchor, anchor
from vitk2._schedules import Administration, Schedule
from vitk2._units import format_number

__all__ = ["UCUM_SYSTEM", "to_fhir_dosage", "when_code"]

UCUM_SYSTEM: Final = "http://unitsofmeasure.org"
"""The FHIR ``system`` of UCUM unit codes."""

_MEAL_CODE: Final = {"breakfast": "M", "lunch": "D", "dinner": "V", None: ""}
_RELATION_CODE: Final = {"before": "AC", "with": "C", "after": "PC"}
_UNIT_DISPLAY: Final = {"ug": "µg", "mg": "mg", "ng": "ng"}


def when_code(a: MealAnchor | str) -> str:
    """The FHIR R4 EventTiming code of a meal anchor: ``PCM`` = after breakfast.

    Text is read as by :func:`~vitk2.anchor`.  Codes are from the FHIR R4 value set
    ``event-timing`` (``AC``/``C``/``PC`` before/at/after a meal; ``M``, ``D``, ``V`` for
    breakfast, lunch and dinner).  A clock time has no code (FHIR gives it as ``timeOfDay``).

    >>> when_code(MealAnchor("dinner", "after")), when_code(MealAnchor(None, "with"))
    ('PCV', 'C')
    >>> when_code("after lunch"), when_code("before breakfast"), when_code("with dinner")
    ('PCD', 'ACM', 'CV')
    """
    read = _read_anchor(a)
    if not isinstance(read, MealAnchor):
        msg = (
            f"{a!r} is a clock time, which has no FHIR EventTiming code (FHIR gives it as "
            "timeOfDay); give a meal anchor such as 'after lunch'"
        )
        raise ScheduleError(msg)
    return _RELATION_CODE[read.relation] + _MEAL_CODE[read.meal]


def _read_anchor(a: object) -> Anchor:
    if not isinstance(a, MealAnchor | str | dt.time):
        msg = f"{a!r} is not an anchor; give a MealAnchor or text such as 'after lunch'"
        raise ScheduleError(msg)
    return anchor(a)


def _json_number(value: Fraction) -> int | float:
    if value.denominator == 1:
        return int(value)
    text = format_number(value)
    return float(Decimal(text)) if "/" not in text else float(value)


def _ucum(amount: Amount) -> tuple[Fraction, str]:
    """Magnitude and UCUM code (mg, ug or ng), the unit vitk2 displays the amount in."""
    code = amount.ucum.rsplit(" ", 1)[1]
    return amount.in_units(code), code


def _dose_quantity(amount: Amount) -> dict[str, Any]:
    value, code = _ucum(amount)
    return {
        "value": _json_number(value),
        "unit": _UNIT_DISPLAY[code],
        "system": UCUM_SYSTEM,
        "code": code,
    }


def to_fhir_dosage(schedule: Schedule) -> list[dict[str, Any]]:
    """FHIR R4 ``Dosage`` elements (JSON-ready dicts) for a schedule.

    Administrations of the same amount and anchor kind share one Dosage (frequency n per 1 d,
    with ``when`` codes or ``timeOfDay``); all carry ``sequence`` 1 because they run together.

    >>> from vitk2 import DailyDose, divide
    >>> d = to_fhir_dosage(divide(DailyDose("MK-4", "45 mg/day"), 3))
    >>> d[0]["timing"]["repeat"]
    {'frequency': 3, 'period': 1, 'periodUnit': 'd', 'when': ['PCM', 'PCD', 'PCV']}
    >>> d[0]["doseAndRate"][0]["doseQuantity"]
    {'value': 15, 'unit': 'mg', 'system': 'http://unitsofmeasure.org', 'code': 'mg'}
    """
    schedule = check_schedule(schedule, "to_fhir_dosage")
    groups: dict[tuple[Amount, bool], list[Administration]] = {}
    for adm in schedule.administrations:
        groups.setdefault((adm.amount, isinstance(adm.anchor, MealAnchor)), []).append(adm)
    out: list[dict[str, Any]] = []
    for (amount, is_meal), members in groups.items():
        anchors = [adm.anchor for adm in members]
        repeat: dict[str, Any] = {"frequency": len(members), "period": 1, "periodUnit": "d"}
        if is_meal:
            repeat["when"] = [when_code(a) for a in anchors if isinstance(a, MealAnchor)]
        else:
            repeat["timeOfDay"] = sorted(
                f"{a:%H:%M:%S}" for a in anchors if isinstance(a, dt.time)
            )
        words = ", ".join(adm.anchor_text for adm in members)
        out.append(
            {
                "sequence": 1,
                "text": f"{amount} {words}",
                "timing": {"repeat": repeat},
                "doseAndRate": [{"doseQuantity": _dose_quantity(amount)}],
            }
        )
    return out
