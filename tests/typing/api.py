"""Pins vitk2's public typing surface.  Type-checked by mypy --strict in CI; NEVER executed.

If a change to vitk2 breaks a line here, the public API changed: update this file on purpose.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pint.facets.plain import PlainQuantity

import vitk2
from vitk2 import (
    MK4,
    MK7,
    Amount,
    Citation,
    Comparison,
    DailyDose,
    Vitamer,
    compare,
    parse_amount,
    parse_daily_dose,
    total,
    vitamer,
)

v: Vitamer = vitamer("MK-7")
v = vitk2.menaquinone(7)
key: str = v.key
mm: Fraction = v.molar_mass_g_per_mol
mmq: PlainQuantity[Any] = v.molar_mass
cas: str | None = v.identifiers.cas
hl: float = MK4.half_life[0].hours
cites: tuple[Citation, ...] = v.citations

a: Amount = Amount(MK7, "100 µg")
a = Amount("MK-7", a.to("mg"))
a = Amount.from_micrograms(MK7, 100)
a = Amount.from_micrograms(MK7, Fraction(1, 3))
a = Amount.from_moles(MK7, "1 µmol")
a = parse_amount("100 mcg MK-7")
a = parse_amount("100 mcg", vitamer="MK-7")
ug: Fraction = a.micrograms
mg: Fraction = a.in_units("mg")
q: PlainQuantity[Any] = a.to("nmol")
a = a + a
a = a - a
a = a * 2
a = 2 * a
a = a * Fraction(1, 2)
a = a / 3
ratio: Fraction = a / a
ordered: bool = a < Amount(MK7, "1 mg")
text: str = str(a) + a.ucum + format(a, "ucum")

d: DailyDose = DailyDose(MK7, "180 µg/day")
d = parse_daily_dose("180 µg/day MK-7")
either: Amount | DailyDose = vitk2.parse_dose("180 µg/day MK-7")
d = a.per_day()
d = DailyDose.from_micrograms_per_day(MK7, 180)
per_day: Fraction = d.micrograms_per_day
a = d.amount
a = d.over(7)
d = d / 3
dq: PlainQuantity[Any] = d.to("mg/day")

c: Comparison = compare(a, Amount(MK4, "1 mg"), by="moles")
r: Fraction = c.ratio
t: PlainQuantity[Any] = total([a, Amount(MK4, "1 mg")], by="mass")

try:
    vitamer("K2")
except vitk2.AmbiguousNameError as exc:
    lookup: LookupError = exc
except vitk2.Vitk2Error as exc2:
    base: Exception = exc2
err: type[ValueError] = vitk2.UnitParseError

# --- schedules, pharmacokinetics, exports ---------------------------------------------------
import datetime as _dt  # noqa: E402

sched: vitk2.Schedule = vitk2.divide(DailyDose("MK-4", "45 mg/day"), 3, unit_strengths=["15 mg"])
sched = vitk2.divide(DailyDose("MK-7", "180 µg/day"), anchors=["with a fat-containing meal"])
adm: vitk2.Administration = sched.administrations[0]
anc: vitk2.Anchor = adm.anchor
units: tuple[vitk2.UnitCount, ...] = adm.units
diff: Fraction = sched.difference
events: tuple[vitk2.DoseEvent, ...] = sched.expand(_dt.date(2026, 1, 1), days=7, tz="UTC")
when: _dt.datetime = events[0].when
model: vitk2.OneCompartmentModel = vitk2.pk_model("MK-7")
half: vitk2.PKParameter = model.half_life
sourced: bool = half.sourced
sim: vitk2.Simulation = vitk2.simulate(sched, 7, "10 min", model=model)
metrics: vitk2.PKMetrics = vitk2.pk_metrics(sched)
ratio_: float = metrics.accumulation_ratio
table: vitk2.ScheduleComparison = vitk2.compare_schedules([sched])
fhir: list[dict[str, Any]] = vitk2.to_fhir_dosage(sched)
ical: str = vitk2.to_ical(sched, _dt.date(2026, 1, 1), days=7)
events_table: vitk2.EventTable = vitk2.to_event_table(sched, days=7, unit="ug")
late: tuple[vitk2.DoseEvent, ...] = sched.expand(
    _dt.date(2026, 1, 1), days=2, meal_times={"dinner": "23:50", "lunch": _dt.time(13, 0)}
)
shifts: tuple[int, ...] = sched.day_shifts({"dinner": "23:50"})
code: str = vitk2.when_code("after lunch")
diary: vitk2.Diary = vitk2.Diary().add("11233", "30 g")
unknown: vitk2.UnknownEntries = diary.totals().unknown
positions: tuple[int, ...] | None = unknown.get("MK-7")
