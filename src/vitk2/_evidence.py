"""Questions to the evidence map: which trials measured an outcome, at which doses, and found what.

:func:`evidence` answers with an :class:`EvidenceAnswer`: the matching trials as rows (one per
arm and outcome), a summary that counts null results as plainly as positive ones, the
meta-analyses that speak to the outcome, and what was left out (retracted trials, or figures
read only in copies when ``require_primary=True``).  What is left out is always said.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Literal, final

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import DailyDose, parse_daily_dose
from vitk2._errors import (
    EvidenceQueryError,
    IncompatibleVitamersError,
    InvalidAmountError,
    UnknownOutcomeError,
)
from vitk2._trials import (
    AREAS,
    POPULATION_TAGS,
    AdverseEvents,
    Area,
    Arm,
    MetaAnalysis,
    OutcomeResult,
    Trial,
    all_meta_analyses,
    all_trials,
)
from vitk2._vitamers import Vitamer

__all__ = [
    "EvidenceAnswer",
    "EvidenceQuery",
    "EvidenceRow",
    "Exclusion",
    "evidence",
]

#: A single dose matches trial arms within ±20 % of it, as :func:`dose_in_context` counts.
DOSE_TOLERANCE: Final = Fraction(1, 5)
#: Words people use for an area, mapped to the area's name.
_AREA_WORDS: Final[dict[str, Area]] = {
    "vascular calcification": "calcification",
    "arterial calcification": "calcification",
    "coronary calcification": "calcification",
    "vascular stiffness": "arterial stiffness",
    "fractures": "fracture",
    "bone mineral density": "bone",
    "bmd": "bone",
}
PrimaryVerdict = Literal[
    "benefit",
    "harm",
    "no significant difference",
    "not tested",
    "no primary outcome stated",
    "no primary outcome here",
]
#: Every verdict, in the order the summary counts them.
_VERDICTS: Final[tuple[PrimaryVerdict, ...]] = (
    "benefit",
    "no significant difference",
    "harm",
    "not tested",
    "no primary outcome stated",
    "no primary outcome here",
)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@final
@attrs.frozen(kw_only=True)
class EvidenceQuery:
    """The question an :class:`EvidenceAnswer` answers, as it was read."""

    outcome: str | None = None
    """An area (``'calcification'``) or a measure (``'cfPWV'``), as vitk2 names it."""
    vitamer: str | None = None
    dose: tuple[DailyDose, DailyDose] | None = None
    """The inclusive range of daily doses asked about."""
    population: str | None = None
    include_retracted: bool = False
    require_primary: bool = False


@final
@attrs.frozen(kw_only=True)
class EvidenceRow:
    """One row of the answer's table: an arm of a trial and one of the trial's results."""

    trial: Trial
    arm: Arm
    result: OutcomeResult

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """Trial, arm, measure, primary or not, direction: the columns of the printed table."""
        primary = {True: "primary", False: "secondary", None: "primary not stated"}[
            self.result.primary
        ]
        if self.result.subgroup:
            primary += " (subgroup)"
        return (
            self.trial.title_short,
            self.arm.label,
            self.result.measure,
            primary,
            self.result.direction,
        )


@final
@attrs.frozen(kw_only=True)
class Exclusion:
    """A record the question matched but the answer leaves out, and why."""

    key: str
    title: str
    reason: str

    def __str__(self) -> str:
        """``'Sato 2005 (retracted): retracted (notice doi:…)'``."""
        return f"{self.title}: {self.reason}"


@final
@attrs.frozen(kw_only=True, repr=False)
class EvidenceAnswer:
    """What the trials in vitk2's evidence map found for one question.

    ``rows`` is the table (one row per trial arm and result); ``trials`` the trials in it;
    ``meta_analyses`` the reviews that pooled this outcome area; ``excluded`` every record the
    question matched but the answer leaves out, with the reason.  The summary properties count
    trials by what they found on their *primary* outcome, nulls included.
    """

    query: EvidenceQuery
    rows: tuple[EvidenceRow, ...]
    trials: tuple[Trial, ...]
    meta_analyses: tuple[MetaAnalysis, ...]
    excluded: tuple[Exclusion, ...]

    @property
    def n_trials(self) -> int:
        """How many trials the answer holds."""
        return len(self.trials)

    @property
    def n_participants(self) -> int:
        """Participants in those trials (randomised, or enrolled in a single-arm trial).

        Two records of one trial (:attr:`~vitk2.evidence.Trial.same_trial`) count its
        participants once.
        """
        seen: set[str] = set()
        total = 0
        for t in self.trials:
            if t.n is not None and not seen.intersection(t.same_trial):
                total += t.n
            seen.add(t.key)
        return total

    @property
    def n_participants_unknown(self) -> int:
        """Trials whose size is not stated (not counted in :attr:`n_participants`)."""
        return sum(1 for t in self.trials if t.n is None)

    def primary_verdict(self, t: Trial) -> PrimaryVerdict:
        """What trial *t* found on its primary outcome(s) within this question's outcome.

        A trial whose paper names no primary outcome is ``"no primary outcome stated"`` when
        it has results here: they are counted apart, never as primary results.
        """
        mine = [r.result for r in self.rows if r.trial is t]
        found = [r for r in mine if r.primary]
        directions = {r.direction for r in found}
        if not directions:
            if any(r.primary is None for r in mine):
                return "no primary outcome stated"
            return "no primary outcome here"
        if "harm" in directions:
            return "harm"
        if "benefit" in directions:
            return "benefit"
        if directions == {"not tested"}:
            return "not tested"
        return "no significant difference"

    @property
    def primary_tally(self) -> dict[PrimaryVerdict, int]:
        """Trials counted by what they found on their primary outcome (zeros included)."""
        tally: dict[PrimaryVerdict, int] = dict.fromkeys(_VERDICTS, 0)
        for t in self.trials:
            tally[self.primary_verdict(t)] += 1
        return tally

    @property
    def dose_ranges(self) -> dict[str, tuple[DailyDose, DailyDose]]:
        """Lowest and highest daily dose in the table, per vitamer."""
        out: dict[str, tuple[DailyDose, DailyDose]] = {}
        for r in self.rows:
            d = r.arm.daily_dose
            if d is None:
                continue
            k = d.vitamer.key
            lo, hi = out.get(k, (d, d))
            out[k] = (min(lo, d), max(hi, d))
        return out

    @property
    def adverse_events(self) -> tuple[tuple[Trial, AdverseEvents], ...]:
        """The adverse events and dropouts the answer's trials reported, with each trial.

        A trial without a report here did not report one *in the text read*: unknown, not none.
        """
        return tuple(
            (t, report)
            for t in self.trials
            for report in (t.adverse_events, t.dropouts)
            if report is not None
        )

    @property
    def summary(self) -> str:
        """Sentences: trials, participants, primary-outcome findings, doses, reviews, exclusions."""
        return "\n".join(self._sentences())

    def _sentences(self) -> list[str]:
        n, t = self.n_participants, self.n_trials
        unknown = self.n_participants_unknown
        size = f"{n} participants" + (f" (size not stated for {unknown})" if unknown else "")
        out = [f"{t} trial{'s' if t != 1 else ''}, {size}."]
        if t:
            tally = self.primary_tally
            out.append(
                f"On their primary outcome: {tally['benefit']} found a significant benefit, "
                f"{tally['no significant difference']} no significant difference, "
                f"{tally['harm']} harm; {tally['not tested']} had no statistics to test against "
                f"control; {tally['no primary outcome stated']} named no primary outcome "
                f"(results counted apart); {tally['no primary outcome here']} had no primary "
                "outcome in this area."
            )
        listed = {r.trial.key for r in self.rows}
        unlisted = [t.title_short for t in self.trials if t.key not in listed]
        if unlisted and self.rows:
            out.append(f"Also about this, with no result recorded in vitk2: {', '.join(unlisted)}.")
        ranges = self.dose_ranges
        if ranges:
            spans = [_range_text(r) for r in ranges.values()]
            out.append(f"Doses: {'; '.join(spans)}.")
        no_dose = sorted({r.arm.label for r in self.rows if r.arm.daily_dose is None})
        if no_dose:
            out.append(f"No daily dose of a named vitamer stated for: {'; '.join(no_dose)}.")
        if t:
            reports = self.adverse_events
            told = {trial.key for trial, _ in reports}
            silent = t - len(told)
            said = "; ".join(f"{trial.title_short}: {r.text}" for trial, r in reports)
            if said:
                out.append(
                    f"Adverse events and dropouts as reported: {said}"
                    + (
                        f"; not reported in the text read for the other {silent}."
                        if silent
                        else "."
                    )
                )
            else:
                out.append("Adverse events and dropouts: not reported in the text read (unknown).")
        if self.meta_analyses:
            area = area_of(self.query.outcome)
            texts = [_meta_text(m, area) for m in self.meta_analyses]
            out.append("Meta-analyses: " + "; ".join(texts) + ".")
        else:
            out.append("Meta-analyses: none in vitk2 for this question.")
        kept = [t.title_short for t in self.trials if t.retracted]
        kept += [m.title_short for m in self.meta_analyses if m.retracted]
        if kept:
            out.append(f"Included although retracted (include_retracted=True): {', '.join(kept)}.")
        if self.excluded:
            out.append("Excluded: " + "; ".join(str(e) for e in self.excluded) + ".")
        else:
            out.append("Excluded: nothing.")
        return out

    def table(self) -> str:
        """The rows as a fixed-width text table."""
        header = ("trial", "arm", "outcome", "role", "direction")
        cells = [header, *(r.cells for r in self.rows)]
        widths = [min(max(len(c[i]) for c in cells), 34) for i in range(5)]
        lines = []
        for c in cells:
            parts = [_clip(c[i], widths[i]).ljust(widths[i]) for i in range(5)]
            lines.append("  ".join(parts).rstrip())
        return "\n".join(lines)

    def __str__(self) -> str:
        """The question, the table, the summary sentences and the not-medical-advice line."""
        q = self.query
        asked = [
            f"{name}={value}"
            for name, value in (
                ("outcome", q.outcome),
                ("vitamer", q.vitamer),
                ("dose", None if q.dose is None else _range_text(q.dose)),
                ("population", q.population),
            )
            if value is not None
        ]
        head = f"Evidence for {', '.join(asked) if asked else 'all outcomes'}"
        if self.rows:
            body = [head, self.table()]
        elif self.trials:
            names = ", ".join(t.title_short for t in self.trials)
            body = [head, f"(no result recorded for this outcome; trials: {names})"]
        else:
            body = [head, "(no trial in vitk2 matches)"]
        return "\n".join([*body, *self._sentences(), NOT_MEDICAL_ADVICE])

    def __repr__(self) -> str:
        """The question and the keys of what was found and excluded."""
        return (
            f"EvidenceAnswer(query={self.query!r}, "
            f"trials={tuple(t.key for t in self.trials)!r}, "
            f"meta_analyses={tuple(m.key for m in self.meta_analyses)!r}, "
            f"excluded={tuple(e.key for e in self.excluded)!r})"
        )


def area_of(outcome: str | None) -> Area | None:
    """The area of an answer's outcome: itself if it is an area, else its measure's area."""
    if outcome is None:
        return None
    for area in AREAS:
        if area == outcome:
            return area
    return next(r.area for t in all_trials() for r in t.outcomes if r.measure == outcome)


def _meta_text(m: MetaAnalysis, area: Area | None) -> str:
    """A review in one clause: its pooled estimates for the area, or its conclusion's gist."""
    pooled = [str(p) for p in m.pooled if area is None or p.area == area]
    what = ", ".join(pooled) if pooled else "no pooled estimate for this outcome"
    caution = "".join(f"; later {n}" for n in m.later_caution)
    return f"{m.title_short} ({what}{caution})"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _range_text(r: tuple[DailyDose, DailyDose]) -> str:
    """``'90–720 µg/day MK-7'``; both ends in full where their units differ."""
    # Exact where it is a decimal, else ≈3 significant figures: 30/7 mg/day reads ≈4.29 mg/day.
    lo, hi = (format(d, "human") for d in r)
    if lo == hi:
        return lo
    lo_num, lo_rest = lo.split(" ", 1)
    hi_rest = hi.split(" ", 1)[1]
    return f"{lo_num}–{hi}" if lo_rest == hi_rest else f"{lo} to {hi}"


def _read_outcome(outcome: object) -> tuple[Area | None, str | None]:
    """An area, or a measure some trial reports; refuse anything else, listing both."""
    if outcome is None:
        return None, None
    if isinstance(outcome, str):
        folded = _fold(outcome)
        for area in AREAS:
            if _fold(area) == folded:
                return area, None
        if folded in _AREA_WORDS:
            return _AREA_WORDS[folded], None
        measures = {_fold(o.measure): o.measure for t in all_trials() for o in t.outcomes}
        if folded in measures:
            return None, measures[folded]
    msg = (
        f"no outcome {outcome!r}; give an area ({', '.join(AREAS)}) or a measure a trial "
        "reports, such as 'cfPWV' or 'Agatston CAC score' (see vitk2.all_trials())"
    )
    raise UnknownOutcomeError(msg)


def _read_dose(
    dose: object, want: Vitamer | None
) -> tuple[tuple[DailyDose, DailyDose] | None, Vitamer | None]:
    if dose is None:
        return None, want
    if isinstance(dose, str):
        dose = parse_daily_dose(dose, vitamer=want)
    if isinstance(dose, DailyDose):
        if dose.micrograms_per_day == 0:
            msg = f"dose={dose} is zero; no trial arm gave none"
            raise InvalidAmountError(msg)
        per_day = dose.micrograms_per_day
        low = DailyDose.from_micrograms_per_day(dose.vitamer, per_day * (1 - DOSE_TOLERANCE))
        high = DailyDose.from_micrograms_per_day(dose.vitamer, per_day * (1 + DOSE_TOLERANCE))
        pair: tuple[DailyDose, DailyDose] = (low, high)
    elif isinstance(dose, tuple) and len(dose) == 2 and all(isinstance(d, DailyDose) for d in dose):
        pair = (dose[0], dose[1])
        if pair[0].vitamer != pair[1].vitamer:
            msg = f"dose range ({pair[0]}, {pair[1]}) mixes vitamers; give one vitamer"
            raise IncompatibleVitamersError(msg)
        if pair[1] < pair[0]:
            msg = f"dose range ({pair[0]}, {pair[1]}) is reversed; give (low, high)"
            raise InvalidAmountError(msg)
    else:
        msg = (
            f"dose={dose!r}: give a daily dose ('180 µg/day MK-7', a DailyDose) "
            "or a (low, high) pair of DailyDoses"
        )
        raise InvalidAmountError(msg)
    if want is not None and want != pair[0].vitamer:
        msg = f"vitamer={want.key} but the dose is of {pair[0].vitamer.key}"
        raise IncompatibleVitamersError(msg)
    return pair, pair[0].vitamer


def _read_population(population: object) -> str | None:
    if population is None:
        return None
    if isinstance(population, str):
        folded = _fold(population).replace("hemodialysis", "haemodialysis")
        for tag in POPULATION_TAGS:
            if tag == folded:
                return tag
    msg = f"population={population!r}: choose one of {', '.join(POPULATION_TAGS)}"
    raise EvidenceQueryError(msg)


def _arm_matches(arm: Arm, want: Vitamer | None, dose: tuple[DailyDose, DailyDose] | None) -> bool:
    if want is not None and arm.vitamer != want:
        return False
    if dose is not None:
        d = arm.daily_dose
        return d is not None and dose[0] <= d <= dose[1]
    return True


def _result_matches(r: OutcomeResult, area: Area | None, measure: str | None) -> bool:
    if area is not None:
        return r.area == area
    if measure is not None:
        return r.measure == measure
    return True


def _speaks_to(t: Trial, area: Area | None, measure: str | None) -> bool:
    """Whether a trial is about the outcome, from its results or (if it has none) its areas.

    A trial with no recorded result and no stated area may be about anything: it matches every
    outcome, so that a retracted one is still named among the exclusions (fail closed).
    """
    if not t.outcomes and not t.outcome_areas:
        return True
    if any(_result_matches(r, area, measure) for r in t.outcomes):
        return True
    return area is not None and area in t.outcome_areas


def _why_excluded(t: Trial, rows: Iterable[EvidenceRow], query: EvidenceQuery) -> str | None:
    if t.retracted and not query.include_retracted:
        return "; ".join(str(n) for n in t.integrity if n.kind == "retracted")
    if query.require_primary and not any(r.result.status == "primary" for r in rows):
        return "its results here were read only in copies (secondary), and require_primary=True"
    return None


def evidence(
    *,
    outcome: str | None = None,
    vitamer: Vitamer | str | None = None,
    dose: DailyDose | str | tuple[DailyDose, DailyDose] | None = None,
    population: str | None = None,
    include_retracted: bool = False,
    require_primary: bool = False,
) -> EvidenceAnswer:
    """The trials (and meta-analyses) in vitk2's evidence map that answer a question.

    ``outcome`` is an area (``'calcification'``, ``'arterial stiffness'``, ``'bone'``,
    ``'fracture'``, ``'vitamin K status'``, …) or a measure (``'cfPWV'``).  ``dose`` is a daily
    dose, matched within ±20 %, or an inclusive ``(low, high)`` pair; it fixes the vitamer.
    ``population`` is a tag from :data:`POPULATION_TAGS`.  Retracted trials are left out unless
    ``include_retracted=True``; ``require_primary=True`` leaves out results read only in copies.
    Either way the answer's ``excluded`` lists what was left out, and its text says so.

    >>> a = evidence(outcome="calcification", vitamer="MK-7")
    >>> [t.key for t in a.trials]
    ['kurnatowska-2015', 'diederichsen-2022', 'zwakenberg-2019', 'oikonomaki-2019']
    >>> a.primary_tally["benefit"], a.primary_tally["no significant difference"]
    (0, 2)
    >>> [e.key for e in evidence(outcome="fracture").excluded]
    ['sato-2002', 'iwamoto-2009']
    """
    from vitk2._vitamers import vitamer as _lookup  # noqa: PLC0415 (the parameter shadows it)

    area, measure = _read_outcome(outcome)
    want = None if vitamer is None else _lookup(vitamer)
    dose_range, want = _read_dose(dose, want)
    tag = _read_population(population)
    query = EvidenceQuery(
        outcome=area or measure,
        vitamer=None if want is None else want.key,
        dose=dose_range,
        population=tag,
        include_retracted=bool(include_retracted),
        require_primary=bool(require_primary),
    )
    rows: list[EvidenceRow] = []
    trials: list[Trial] = []
    excluded: list[Exclusion] = []
    for t in all_trials():
        if tag is not None and tag not in t.population_tags:
            continue
        arms = [a for a in t.active_arms if _arm_matches(a, want, dose_range)]
        if not arms or not _speaks_to(t, area, measure):
            continue
        results = [r for r in t.outcomes if _result_matches(r, area, measure)]
        mine = [EvidenceRow(trial=t, arm=a, result=r) for a in arms for r in results]
        reason = _why_excluded(t, mine, query)
        if reason is not None:
            excluded.append(Exclusion(key=t.key, title=t.title_short, reason=reason))
            continue
        if require_primary:
            mine = [r for r in mine if r.result.status == "primary"]
        rows += mine
        trials.append(t)
    metas: list[MetaAnalysis] = []
    wanted_area = area_of(query.outcome)
    for m in all_meta_analyses():
        if wanted_area is not None and wanted_area not in m.areas:
            continue
        if m.retracted and not include_retracted:
            notices = "; ".join(str(n) for n in m.later_caution if n.kind == "retracted")
            excluded.append(Exclusion(key=m.key, title=m.title_short, reason=notices))
            continue
        if require_primary and m.status != "primary":
            reason = "read only in copies (secondary), and require_primary=True"
            excluded.append(Exclusion(key=m.key, title=m.title_short, reason=reason))
            continue
        metas.append(m)
    return EvidenceAnswer(
        query=query,
        rows=tuple(rows),
        trials=tuple(trials),
        meta_analyses=tuple(metas),
        excluded=tuple(excluded),
    )
