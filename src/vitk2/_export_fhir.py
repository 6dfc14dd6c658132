"""Export format: FHIR R4 ``Dosage`` elements and a ``MedicationStatement``, as JSON-ready dicts.

No dependency: the tests validate the output with the R4B and R5 models of ``fhir.resources``
and check the codes and the Timing invariants themselves, which those models do not.

Codes, each confirmed in the FHIR specification's own value-set pages:

* route ``26643006`` "Oral route" (SNOMED CT; FHIR value set ``route-codes``,
  https://hl7.org/fhir/R5/valueset-route-codes.html);
* additional instructions ``311504000`` "With or after food" and ``311501008`` "Half to one
  hour before food" (SNOMED CT; value set ``additional-instruction-codes``,
  https://hl7.org/fhir/R4B/valueset-additional-instruction-codes.html);
* meal ``when`` codes from the ``event-timing`` value set (v3 TimingEvent);
* the vitamer as a UNII code, system ``http://fdasis.nlm.nih.gov``
  (https://hl7.org/fhir/R4B/unii.html), where vitk2 has a sourced UNII.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from vitk2._amounts import Amount
from vitk2._errors import ScheduleError
from vitk2._exports import check_schedule
from vitk2._schedule_timing import (
    RELATION_OFFSET,
    Anchor,
    MealAnchor,
    anchor,
    count_dosing_days,
)
from vitk2._schedules import Administration, Schedule
from vitk2._units import format_number

__all__ = [
    "SNOMED_SYSTEM",
    "UCUM_SYSTEM",
    "to_fhir_dosage",
    "to_fhir_medication_statement",
    "when_code",
]

UCUM_SYSTEM: Final = "http://unitsofmeasure.org"
"""The FHIR ``system`` of UCUM unit codes."""

SNOMED_SYSTEM: Final = "http://snomed.info/sct"
"""The FHIR ``system`` of SNOMED CT codes."""

_REFERENCE: Final = re.compile(r"[A-Z][A-Za-z]{1,63}/[A-Za-z0-9.-]{1,64}")
_UNII_SYSTEM: Final = "http://fdasis.nlm.nih.gov"
_ORAL_ROUTE: Final = {"system": SNOMED_SYSTEM, "code": "26643006", "display": "Oral route"}
# SNOMED CT additional dosage instructions for a meal relation; "before" is vitk2's 30 minutes
# (RELATION_OFFSET), inside the code's "half to one hour".
_INSTRUCTION: Final = {
    "before": {"system": SNOMED_SYSTEM, "code": "311501008",
               "display": "Half to one hour before food"},
    "with": {"system": SNOMED_SYSTEM, "code": "311504000", "display": "With or after food"},
    "after": {"system": SNOMED_SYSTEM, "code": "311504000", "display": "With or after food"},
}  # fmt: skip
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


def _offset_minutes(a: MealAnchor) -> int | None:
    """``Timing.repeat.offset`` for a before/after anchor; none for "with" (tim-9 forbids it)."""
    if a.relation == "with":
        return None
    return abs(RELATION_OFFSET[a.relation]) // dt.timedelta(minutes=1)


def _group_key(adm: Administration) -> tuple[Amount, str, int | None]:
    """Administrations that can share one Dosage: one amount, one anchor kind, one offset."""
    a = adm.anchor
    if isinstance(a, MealAnchor):
        return adm.amount, "meal", _offset_minutes(a)
    return adm.amount, "clock", None


def _dosage(amount: Amount, members: list[Administration], sequence: int) -> dict[str, Any]:
    anchors = [adm.anchor for adm in members]
    meals = [a for a in anchors if isinstance(a, MealAnchor)]
    repeat: dict[str, Any] = {"frequency": len(members), "period": 1, "periodUnit": "d"}
    dosage: dict[str, Any] = {"sequence": sequence}
    words = ", ".join(adm.anchor_text for adm in members)
    dosage["text"] = f"{amount} {words}"
    if meals:
        repeat["when"] = [when_code(a) for a in meals]
        offset = _offset_minutes(meals[0])
        if offset is not None:
            repeat["offset"] = offset
        codings = {_INSTRUCTION[a.relation]["code"]: _INSTRUCTION[a.relation] for a in meals}
        dosage["additionalInstruction"] = [{"coding": [c]} for c in codings.values()]
        if any(a.fat_containing for a in meals):
            # SNOMED CT has no "with a fat-containing meal" instruction in the FHIR value set.
            dosage["patientInstruction"] = "Take with a meal that contains fat."
    else:
        repeat["timeOfDay"] = sorted(f"{a:%H:%M:%S}" for a in anchors if isinstance(a, dt.time))
    dosage["timing"] = {"repeat": repeat}
    dosage["route"] = {"coding": [dict(_ORAL_ROUTE)], "text": "oral"}
    dosage["doseAndRate"] = [{"doseQuantity": _dose_quantity(amount)}]
    return dosage


def to_fhir_dosage(schedule: Schedule) -> list[dict[str, Any]]:
    """FHIR R4 ``Dosage`` elements (JSON-ready dicts) for a schedule; valid in R4B and R5 too.

    Administrations of the same amount, anchor kind and meal offset share one Dosage
    (frequency n per 1 d, with ``when`` codes or ``timeOfDay``, never both: tim-10); all
    carry ``sequence`` 1 because they run together.  Every Dosage has ``route`` oral (SNOMED CT
    26643006).  A dose before or after a meal has ``offset`` 30 (minutes, the placement vitk2
    uses); one *with* a meal has none, as invariant tim-9 forbids an offset with the ``C``
    codes.  Meal doses carry the SNOMED CT ``additionalInstruction`` "With or after food" or
    "Half to one hour before food"; a fat-containing meal is said in ``patientInstruction``.

    >>> from vitk2 import DailyDose, divide
    >>> d = to_fhir_dosage(divide(DailyDose("MK-4", "45 mg/day"), 3))
    >>> d[0]["timing"]["repeat"]
    {'frequency': 3, 'period': 1, 'periodUnit': 'd', 'when': ['PCM', 'PCD', 'PCV'], 'offset': 30}
    >>> d[0]["doseAndRate"][0]["doseQuantity"]
    {'value': 15, 'unit': 'mg', 'system': 'http://unitsofmeasure.org', 'code': 'mg'}
    >>> d[0]["route"]["coding"][0]["code"], d[0]["additionalInstruction"][0]["coding"][0]["display"]
    ('26643006', 'With or after food')
    """
    schedule = check_schedule(schedule, "to_fhir_dosage")
    groups: dict[tuple[Amount, str, int | None], list[Administration]] = {}
    for adm in schedule.administrations:
        groups.setdefault(_group_key(adm), []).append(adm)
    return [_dosage(key[0], members, 1) for key, members in groups.items()]


_R4_STATUSES: Final = ("active", "completed", "intended", "on-hold", "stopped", "unknown")


def to_fhir_medication_statement(
    schedule: Schedule,
    *,
    subject: str,
    status: str = "active",
    start: dt.date | None = None,
    days: int | None = None,
) -> dict[str, Any]:
    """A FHIR R4 ``MedicationStatement`` (a JSON-ready dict) for the whole schedule.

    *subject* is a reference such as ``"Patient/123"``; *status* an R4 MedicationStatement
    status (``active``, ``completed``, ``intended``, ``on-hold``, ``stopped``, ``unknown``).
    The vitamer is ``medicationCodeableConcept`` (its name, and its UNII code where vitk2 has
    a sourced one); ``dosage`` is :func:`to_fhir_dosage`.  With *start* (and *days*) the
    statement gets an ``effectivePeriod``.

    >>> from vitk2 import DailyDose, divide
    >>> m = to_fhir_medication_statement(divide(DailyDose("MK-4", "45 mg/day"), 3),
    ...                                  subject="Patient/1", start=dt.date(2026, 3, 1), days=28)
    >>> m["resourceType"], m["status"], m["medicationCodeableConcept"]["coding"][0]["code"]
    ('MedicationStatement', 'active', '27Y876D139')
    >>> m["effectivePeriod"], len(m["dosage"])
    ({'start': '2026-03-01', 'end': '2026-03-28'}, 1)
    """
    schedule = check_schedule(schedule, "to_fhir_medication_statement")
    if not isinstance(subject, str) or not _REFERENCE.fullmatch(subject):
        msg = f"subject={subject!r} is not accepted; give a FHIR reference such as 'Patient/123'"
        raise ScheduleError(msg)
    if status not in _R4_STATUSES:
        msg = f"status={status!r} is not accepted; give one of {', '.join(_R4_STATUSES)}"
        raise ScheduleError(msg)
    v = schedule.vitamer
    medication: dict[str, Any] = {"text": f"{v.name} ({v.key})"}
    if v.identifiers.unii is not None:
        medication["coding"] = [{"system": _UNII_SYSTEM, "code": v.identifiers.unii}]
    statement: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "status": status,
        "medicationCodeableConcept": medication,
        "subject": {"reference": subject},
    }
    if start is not None:
        count = count_dosing_days(start, days=days) if days is not None else None
        period = {"start": start.isoformat()}
        if count is not None:
            period["end"] = (start + dt.timedelta(days=count - 1)).isoformat()
        statement["effectivePeriod"] = period
    elif days is not None:
        msg = f"days={days!r} needs start= (the first day of the course)"
        raise ScheduleError(msg)
    statement["dosage"] = to_fhir_dosage(schedule)
    return statement
