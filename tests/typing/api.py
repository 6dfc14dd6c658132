"""Pins vitk2's public typing surface.  Type-checked by mypy --strict in CI; NEVER executed.

If a change to vitk2 breaks a line here, the public API changed: update this file on purpose.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal

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
pk_values: tuple[vitk2.PharmacokineticValue, ...] = v.pharmacokinetics
hl: float = MK4.half_life[0].hours
cites: tuple[Citation, ...] = v.citations
phrase: vitk2.VitamerPhrase = vitk2.read_vitamer_phrase("Vitamin K2 (as MK-7) from natto")
v = phrase.vitamer
origin: str | None = phrase.origin
words: tuple[str, ...] = phrase.form_words
brand: vitk2.TradeName | None = phrase.trade_name
brands: tuple[vitk2.TradeName, ...] = vitk2.trade_names()
conflict: type[LookupError] = vitk2.ConflictingVitamerNamesError

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
c = compare(d, DailyDose(MK4, "1 mg/day"), by="mass")
compare(a, d, by="mass")  # type: ignore[call-overload]  # an amount is not a daily dose
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
two: vitk2.TwoCompartmentModel = vitk2.pk_model("MK-4", compartments=2)
alpha_: vitk2.PKParameter = two.distribution_half_life
rate_: float = alpha_.rate
any_model: vitk2.PKModel = two
any_model = model
terms_: tuple[vitk2.ExponentialTerm, ...] = any_model.terms
params_: tuple[vitk2.PKParameter, ...] = any_model.parameters
sim2: vitk2.Simulation = vitk2.simulate(sched, 7, model=two)
metrics2: vitk2.PKMetrics = vitk2.pk_metrics(sched, model=two)
table2 = vitk2.compare_schedules([sched], model=lambda s: vitk2.pk_model(s.vitamer, compartments=2))
index_: float = vitk2.accumulation_index(two, 24)
curve: Any = vitk2.dose_response(two, [0.0, 1.0, 2.0])
fhir: list[dict[str, Any]] = vitk2.to_fhir_dosage(sched)
statement: dict[str, Any] = vitk2.to_fhir_medication_statement(
    sched, subject="Patient/1", status="active", start=_dt.date(2026, 1, 1), days=7
)
snomed: str = vitk2.SNOMED_SYSTEM
alarmed: str = vitk2.to_ical(
    sched, _dt.date(2026, 1, 1), days=7, tz="UTC", reminder=_dt.timedelta(minutes=5)
)
many: vitk2.EventTable = vitk2.to_event_table(sched, days=7, subjects=[1, 2])
subject_id: int = many.rows[0].subject
ical: str = vitk2.to_ical(sched, _dt.date(2026, 1, 1), days=7, tz="Europe/Berlin")
events_table: vitk2.EventTable = vitk2.to_event_table(sched, days=7, unit="ug")
# The public timing API export formats are built on.
said: str = adm.anchor_text
zone: _dt.tzinfo = vitk2.read_time_zone("Europe/Berlin")
n_days: int = vitk2.count_dosing_days(_dt.date(2026, 1, 1), _dt.date(2026, 1, 28))
n_days = vitk2.count_dosing_days(_dt.date(2026, 1, 1), days=28)
n_days = vitk2.check_days(28)
longest: int = vitk2.MAX_DAYS
try:
    vitk2.to_ical(sched, _dt.date(2026, 1, 1), days=7, tz="Europe/Berlin")
except vitk2.OptionalDependencyError as missing:
    install_hint: str = str(missing)

# Interactions: the fail-closed ranking and suggestions are part of the typed surface.
report: vitk2.InteractionReport = vitk2.check_interactions(["warfarin"], supplement="MK-4")
worst: vitk2.Severity = report.overall
first: vitk2.Finding = report.findings[0]
rank: vitk2.Severity = first.ranks_as
hints: tuple[str, ...] = first.did_you_mean
name: str = vitk2.normalize_medication_name("Warfarin™ 5 mg")

# --- JSON -------------------------------------------------------------------------------------
as_json: dict[str, Any] = vitk2.to_dict(sched)
back: object = vitk2.from_dict(as_json)
a = Amount.from_dict(a.to_dict())
dd: DailyDose = DailyDose.from_dict(DailyDose("K1", "90 µg/day").to_dict())
ser_err: type[ValueError] = vitk2.SerializationError
encoded: dict[str, Any] = vitk2.json_default(a)
hooked: object = vitk2.json_object_hook({"a": 1})

# --- supplement labels ------------------------------------------------------------------------
label: vitk2.LabelReport = vitk2.read_label("Vitamin K  100 mcg  83%", region="us")
label = vitk2.read_label("Vitamin K  75 µg  100%", region="eu", decimal=",", reference="eu-nrv")
label_ok: bool = label.ok
k_lines: tuple[vitk2.VitaminKLine, ...] = label.vitamin_k
flagged_lines: tuple[vitk2.VitaminKLine, ...] = label.flagged
k_form: vitk2.Vitamer | None = k_lines[0].vitamer
k_ug: Fraction = k_lines[0].micrograms
k_amount: Amount | None = k_lines[0].amount
k_check: vitk2.PercentCheck | None = k_lines[0].check
others: tuple[vitk2.OtherLine, ...] = label.other
unread: tuple[vitk2.UnreadLine, ...] = label.unread
pc: vitk2.PercentCheck = vitk2.check_percent("100 mcg", "83%", reference="fda-dv-2016")
pc = vitk2.check_percent(Amount("MK-7", "100 µg"), vitk2.DeclaredPercent.read("83%"))
fits: tuple[str, ...] = pc.fits
ref_: vitk2.LabelReference = vitk2.LABEL_REFERENCES["eu-nrv"]
rule: vitk2.PercentRounding = vitk2.PERCENT_ROUNDINGS["printed-precision"]
label_err: type[ValueError] = vitk2.LabelError
late: tuple[vitk2.DoseEvent, ...] = sched.expand(
    _dt.date(2026, 1, 1),
    tz="Europe/Berlin",
    days=2,
    meal_times={"dinner": "23:50", "lunch": _dt.time(13, 0)},
)
shifts: tuple[int, ...] = sched.day_shifts({"dinner": "23:50"})
code: str = vitk2.when_code("after lunch")
diary: vitk2.Diary = vitk2.Diary().add("11233", "30 g")
unknown: vitk2.UnknownEntries = diary.totals().unknown
positions: tuple[int, ...] | None = unknown.get("MK-7")
strict_label = vitk2.read_label("Vitamin K  100 mcg  83%", region="us", require_primary=True)
unchecked_lines: tuple[vitk2.VitaminKLine, ...] = strict_label.unchecked
strict_pc = vitk2.check_percent("100 mcg", "83%", require_primary=True)
pc_status: str = strict_pc.status
pc_grade: Literal["primary", "secondary"] = strict_pc.reference_grade
ref_grade: Literal["primary", "secondary"] = ref_.grade
rule_grade: Literal["primary", "secondary"] = rule.grade
pc_sources: tuple[str, ...] = strict_pc.sources

# The public areas: the same names, from their own modules.
import vitk2.evidence  # noqa: E402
import vitk2.export  # noqa: E402
import vitk2.foods as foods  # noqa: E402, PLR0402 -- the spelling users write
from vitk2 import intakes, interactions, labels, pk, schedules  # noqa: E402

area_diary: foods.Diary = foods.Diary().add("11233", "30 g")
area_food: foods.Food = foods.food("11233")
area_ri: intakes.ReferenceIntake = intakes.reference_intake("IOM", age_years=40, sex="male")
# sex is a Literal: a misspelling is a type error (the ignore is "unused" if that is lost).
intakes.reference_intake("IOM", age_years=40, sex="femal")  # type: ignore[arg-type]
area_report: interactions.InteractionReport = interactions.check_interactions(["warfarin"])
area_label: labels.LabelReport = labels.read_label("Vitamin K  100 mcg  83%")
area_sched: schedules.Schedule = sched
area_model: pk.PKModel = pk.pk_model("MK-7")
area_study: vitk2.evidence.Study = vitk2.evidence.all_studies()[0]
area_fhir: list[dict[str, Any]] = vitk2.export.to_fhir_dosage(sched)

# The evidence map (issue 11).
import pathlib  # noqa: E402

from vitk2.evidence import evidence  # noqa: E402

answer: vitk2.evidence.EvidenceAnswer = evidence(
    outcome="calcification",
    vitamer="MK-7",
    dose=(vitk2.DailyDose("MK-7", "90 µg/day"), vitk2.DailyDose("MK-7", "720 µg/day")),
    population="haemodialysis",
    include_retracted=False,
    require_primary=True,
)
answer_by_text: vitk2.EvidenceAnswer = evidence(dose="180 µg/day MK-7")
ev_trials: tuple[vitk2.Trial, ...] = answer.trials
ev_rows: tuple[vitk2.EvidenceRow, ...] = answer.rows
ev_cells: tuple[str, str, str, str, str] = ev_rows[0].cells
ev_excluded: tuple[vitk2.Exclusion, ...] = answer.excluded
ev_tally: int = answer.primary_tally["benefit"]
ev_ranges: dict[str, tuple[vitk2.DailyDose, vitk2.DailyDose]] = answer.dose_ranges
ev_summary: str = answer.summary
ev_ae: tuple[tuple[vitk2.Trial, vitk2.AdverseEvents], ...] = answer.adverse_events
ev_query: vitk2.EvidenceQuery = answer.query
ev_trial: vitk2.Trial = vitk2.trial("knapen-2015")
ev_arm: vitk2.Arm = ev_trial.active_arms[0]
ev_arm_dose: vitk2.DailyDose | None = ev_arm.daily_dose
ev_design: vitk2.Design = ev_trial.design
ev_result: vitk2.OutcomeResult = ev_trial.outcomes[0]
ev_primary: bool | None = ev_result.primary
ev_stated: bool = ev_trial.primary_stated
ev_analysed: int | None = ev_trial.n_analysed
ev_n_source: str | None = ev_trial.n_randomised_source
ev_same: tuple[str, ...] = ev_trial.same_trial
ev_allocation: str | None = ev_trial.design.allocation
ev_stated_count: int = answer.primary_tally["no primary outcome stated"]
ev_sig: bool | None = ev_result.significant
ev_notices: tuple[vitk2.IntegrityNotice, ...] = ev_trial.integrity
ev_dropouts: vitk2.AdverseEvents | None = ev_trial.dropouts
ev_meta: vitk2.MetaAnalysis = vitk2.meta_analysis("lees-2019")
ev_pooled: tuple[vitk2.PooledEstimate, ...] = ev_meta.pooled
ev_all: tuple[vitk2.Trial, ...] = vitk2.all_trials()
ev_all_meta: tuple[vitk2.MetaAnalysis, ...] = vitk2.all_meta_analyses()
ev_png: pathlib.Path = vitk2.plot_evidence(answer, "evidence.png")
ev_ctx: vitk2.DoseInContext = vitk2.dose_in_context(
    vitk2.DailyDose("MK-7", "180 µg/day"), outcome="arterial stiffness"
)
ev_areas: tuple[str, ...] = vitk2.AREAS

# Cross-table views, rankings, typo-forgiving search, coverage and consistency (issue 13).
view: foods.FoodAcrossTables = foods.food_across_tables("Cheese, cheddar")
k1_range: foods.CrossTableContent = view.content("K1")
k1_low: Fraction | None = k1_range.low
k1_values: tuple[foods.TableValue, ...] = view.content("MK-9").values
value_table: str = k1_values[0].table
sr28_only: tuple[foods.CrossTableContent, ...] = view.in_table("sr28")
ranking: foods.FoodRanking = foods.richest_foods("K1", per="serving", limit=5, tables=["sr28"])
top_food: foods.RankedFood = ranking.foods[0]
per_serving: vitk2.Amount | None = top_food.per_serving
measured: int = top_food.measured + top_food.imputed + ranking.unknown
typo_hits: tuple[foods.Food, ...] = foods.search_foods("brocolli", limit=3, fuzzy=True)
read_as: dict[str, tuple[str, ...]] = foods.corrected_words("kael")
coverage: Fraction | None = diary.totals()["K1"].coverage
consistency: foods.ConsistencyReport = foods.intake_consistency(
    {"Mon": diary, "Tue": diary}, vitamers=["K1"], min_coverage="0.95"
)
dated: foods.ConsistencyReport = foods.intake_consistency([(_dt.date(2026, 1, 1), diary)])
variation: foods.IntakeVariation = consistency["K1"]
spread: Fraction | None = variation.spread
days_k1: tuple[foods.DayIntake, ...] = variation.days
change: tuple[Fraction, str, str] | None = variation.largest_change

# Food tables: a user's NEVO download, and totals of several forms (never a vitamer).
nevo_ids: tuple[str, ...] = vitk2.load_nevo("NEVO2021.csv")
nevo_totals: tuple[vitk2.VitaminKTotal, ...] = area_food.total("K2")
nevo_all_totals: tuple[foods.VitaminKTotal, ...] = area_food.totals
nevo_ug: Fraction = nevo_totals[0].micrograms_in(Fraction(30))
nevo_mg: Any = nevo_totals[0].to("mg")
nevo_kinds: Mapping[str, str] = foods.VITAMIN_K_TOTALS
vitk2.unload_nevo()
frida_ids: tuple[str, ...] = vitk2.load_frida("Frida_5.5_Dataset.xlsx")
frida_area_ids: tuple[str, ...] = foods.load_frida("Frida_5.5_Dataset.xlsx")
vitk2.unload_frida()
nevo_error: type[ValueError] = vitk2.NotOneVitamerError
nevo_file_error: type[ValueError] = vitk2.FoodTableFileError

# Reference intakes: editions, grades, what each reference counts, and the equivalents (issue 12).
ri: vitk2.ReferenceIntake = vitk2.reference_intake(
    "Japan", age_years=40, edition="2025", require_primary=False
)
ri_edition: str = ri.edition
ri_grade: Literal["primary", "secondary"] = ri.grade
ri_copies: tuple[str, ...] = ri.copies
ri_basis: vitk2.Basis | None = ri.basis
editions: tuple[str, ...] = vitk2.authority("Japan").editions
basis: vitk2.Basis = vitk2.reference_basis("Japan", edition=2020)
basis_known: bool = basis.known
basis_factor: Fraction | None = basis.factor("MK-7")
counted_vitamers: tuple[vitk2.CountedVitamer, ...] | None = basis.counts
all_ri: tuple[vitk2.ReferenceIntake, ...] = vitk2.all_reference_intakes(
    "Japan", edition="2015", require_primary=True
)
pct: vitk2.PercentOfReference = vitk2.percent_of_reference(
    [DailyDose("K1", "60 µg/day"), DailyDose("MK-7", "180 µg/day")], ri, by="basis"
)
pct = vitk2.percent_of_reference(vitk2.Diary().add("11233", "30 g"), ri, by="mass")
pct_left: tuple[DailyDose, ...] = pct.left_out
pct_unknown: tuple[Vitamer, ...] = pct.unknown
pct_counted: Fraction = pct.counted_micrograms_per_day
pct_by: Literal["basis", "mass"] = pct.by
mk4eq: Amount = vitk2.mk4_equivalents([Amount("K1", "1 µg"), Amount("MK-7", "1 µg")])
mk4eq_daily: DailyDose = vitk2.mk4_equivalents(DailyDose("MK-7", "1 µg/day"))
pkeq: Amount = vitk2.phylloquinone_equivalents(Amount("MK-9", "1 µg"))
pkeq_daily: DailyDose = vitk2.phylloquinone_equivalents([DailyDose("MK-4", "1 µg/day")])
ul_edition: vitk2.UpperLimit = vitk2.upper_limit("Japan", edition="2015")
diary_pct: vitk2.PercentOfReference = vitk2.Diary().percent_of_reference(ri, by="mass")
label_pct: vitk2.PercentOfReference = vitk2.read_label("Vitamin K  1 mcg").percent_of_reference(ri)
pct_unattributed: tuple[str, ...] = label_pct.unattributed

# Cohort totals (vitk2.cohort): frames in and out are pandas, Polars or Dask objects (Any).
from vitk2 import cohort  # noqa: E402

cohort_out: Any = cohort.cohort_totals(
    object(), by=["person", "day"], food="food", amount="amount", reference=area_ri
)
cohort_out = vitk2.cohort_totals(object(), by="person", reference=ri, counting="mass")
cohort_rows: tuple[str, ...] = cohort.COHORT_ROWS
cohort_vitamers: tuple[vitk2.Vitamer, ...] = vitk2.COHORT_VITAMERS
bad_row: vitk2.BadRow = vitk2.BadRow(row=3, column="food", value="kale", reason="unknown")
bad_label: object = bad_row.row
bad_rows: tuple[vitk2.BadRow, ...] = vitk2.CohortInputError("m", bad_rows=(bad_row,)).bad_rows
cohort_error_is_value_error: ValueError = vitk2.CohortInputError("m")
bad_out: Any = vitk2.bad_records(object(), by=["person"], food="food", amount="amount")
