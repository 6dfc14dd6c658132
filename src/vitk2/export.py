"""Export: a schedule as FHIR (Dosage, MedicationStatement), an iCalendar file, or an event table.

>>> import vitk2
>>> from vitk2 import export
>>> export.to_fhir_dosage is vitk2.to_fhir_dosage
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._export_events import (
    EventRow,
    EventTable,
    to_event_table,
)
from vitk2._export_fhir import (
    SNOMED_SYSTEM,
    UCUM_SYSTEM,
    to_fhir_dosage,
    to_fhir_medication_statement,
    when_code,
)
from vitk2._export_ical import to_ical

__all__ = [
    "SNOMED_SYSTEM",
    "UCUM_SYSTEM",
    "EventRow",
    "EventTable",
    "to_event_table",
    "to_fhir_dosage",
    "to_fhir_medication_statement",
    "to_ical",
    "when_code",
]
