"""The evidence map's records: trials, their arms and outcome results, meta-analyses, notices.

Records are data, kept in ``vitk2/data/trials/*.json`` (one file per topic: cardiovascular,
bone, anticoagulation, vitamin K status, meta-analyses) and read on first use.  Every record
names a citation key into ``data/sources/*.json`` and says where each figure was read
(``read_in``) and whether that was the paper's own text (``status="primary"``) or only a copy
(``"secondary"``, with the copies named).  Numbers are kept as the strings the paper printed
(``"0.040"``, ``"<0.001"``).

A result's :attr:`~OutcomeResult.direction` must follow from its own published statistics: a
p below 0.05, or a confidence interval that excludes no effect, is a significant result and must
be called ``"benefit"`` or ``"harm"``; otherwise it is ``"no significant difference"``.  The
file is checked when it is read, so a record that contradicts its numbers never loads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from functools import cache
from typing import Any, Final, Literal, final

import attrs

from vitk2._amounts import Amount, DailyDose, parse_daily_dose
from vitk2._errors import NotFoundError, TrialDataError, UnknownTrialError, Vitk2Error
from vitk2._sources import Citation, citation
from vitk2._vitamers import Vitamer, vitamer

__all__ = [
    "AREAS",
    "DIRECTIONS",
    "POPULATION_TAGS",
    "AdverseEvents",
    "Arm",
    "Design",
    "IntegrityNotice",
    "MetaAnalysis",
    "OutcomeResult",
    "PooledEstimate",
    "Trial",
    "all_meta_analyses",
    "all_trials",
    "meta_analysis",
    "trial",
]

Area = Literal[
    "calcification",
    "arterial stiffness",
    "bone",
    "fracture",
    "vitamin K status",
    "anticoagulation",
    "other",
]
#: The outcome areas a result is filed under.
AREAS: Final[tuple[Area, ...]] = (
    "calcification",
    "arterial stiffness",
    "bone",
    "fracture",
    "vitamin K status",
    "anticoagulation",
    "other",
)
Direction = Literal["benefit", "no significant difference", "harm", "mixed", "not tested"]
#: What a result found, read from its published p-value or confidence interval.
#: ``"not tested"`` is for results whose direction cannot be read from published statistics:
#: no comparison at all (a single-arm trial), or a difference printed with no p-value, no
#: confidence interval and no word "significant" (the result's ``note`` then says so).
DIRECTIONS: Final[tuple[Direction, ...]] = (
    "benefit",
    "no significant difference",
    "harm",
    "mixed",
    "not tested",
)
#: The small vocabulary trials' populations are tagged with.
POPULATION_TAGS: Final = (
    "healthy adults",
    "postmenopausal women",
    "older adults",
    "haemodialysis",
    "chronic kidney disease",
    "kidney transplant",
    "type 2 diabetes",
    "coronary artery disease",
    "aortic stenosis",
    "osteoporosis",
    "osteopenia",
    "children",
    "men",
    "women",
    "anticoagulated",
)
Status = Literal["primary", "secondary"]
_STATUSES: Final = ("primary", "secondary")
_NOTICE_KINDS: Final = ("retracted", "expression of concern", "caution")
_BLINDING: Final = ("double", "single", "open", None)
_COMPARATORS: Final = ("placebo", "no treatment", "active", "none")
_RATIO_METRICS: Final = frozenset({"RR", "OR", "HR"})
_SIGNIFICANCE: Final = Fraction(5, 100)
_NUMBER: Final = re.compile(r"^-?\d+(?:\.\d+)?$")
_P_VALUE: Final = re.compile(r"^(?P<op>[<>≤≥=]?)\s*(?P<num>\d*\.?\d+)$")
_KEY_SHAPE: Final = re.compile(r"^[a-z0-9][a-z0-9-]*-\d{4}[a-z0-9-]*$")


def _one_of(allowed: Iterable[object]) -> Any:
    return attrs.validators.in_(tuple(allowed))


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _number(text: str | None, what: str) -> Fraction | None:
    if text is None:
        return None
    if not _NUMBER.match(text):
        msg = f"{what} {text!r} is not a number as printed (e.g. '-0.23', '17')"
        raise TrialDataError(msg)
    return Fraction(text)


def _p_significant(p: str | None) -> bool | None:
    """Whether a printed p-value says p < 0.05: True, False, or None when not given."""
    if p is None:
        return None
    if p.strip().upper() == "NS":
        return False
    m = _P_VALUE.match(p.strip())
    if m is None:
        msg = f"p {p!r} is not a p-value as printed ('0.04', '<0.001', 'NS')"
        raise TrialDataError(msg)
    value = Fraction(m["num"])
    if m["op"] in ("<", "≤"):
        return value <= _SIGNIFICANCE
    if m["op"] in (">", "≥"):
        if value < _SIGNIFICANCE:
            msg = f"p {p!r} bounds the p-value from below by less than 0.05; say what was printed"
            raise TrialDataError(msg)
        return False
    return value < _SIGNIFICANCE


def _ci_significant(
    low: str | None, high: str | None, estimate: str | None, *, ratio: bool, what: str
) -> bool | None:
    """Whether an interval excludes no effect (1 for ratios, 0 otherwise); None when not given."""
    lo, hi = _number(low, f"{what}: ci_low"), _number(high, f"{what}: ci_high")
    if lo is None or hi is None:
        if (lo is None) != (hi is None):
            msg = f"{what}: a confidence interval needs both ends, not {low!r} to {high!r}"
            raise TrialDataError(msg)
        return None
    if lo > hi:
        msg = f"{what}: confidence interval {low} to {high} is reversed"
        raise TrialDataError(msg)
    null = Fraction(1) if ratio else Fraction(0)
    return not (lo <= null <= hi)


def _check_direction(
    direction: str,
    *,
    p: str | None,
    sig_ci: bool | None,
    what: str,
) -> None:
    """Refuse a direction that the published p-value or interval does not support."""
    sig_p = _p_significant(p)
    if sig_p is not None and sig_ci is not None and sig_p != sig_ci:
        msg = f"{what}: p={p} and the confidence interval disagree about significance"
        raise TrialDataError(msg)
    significant = sig_p if sig_p is not None else sig_ci
    if significant is None:
        return
    if direction == "not tested":
        msg = f"{what}: 'not tested' but a p-value or confidence interval is given"
        raise TrialDataError(msg)
    if significant and direction not in ("benefit", "harm"):
        msg = f"{what}: direction {direction!r}, but its p/CI is significant (benefit or harm)"
        raise TrialDataError(msg)
    if not significant and direction != "no significant difference":
        msg = f"{what}: direction {direction!r}, but its p/CI is not significant"
        raise TrialDataError(msg)


def _check_copies(status: str, copies: tuple[str, ...], what: str) -> None:
    if status == "secondary" and not copies:
        msg = f"{what}: status 'secondary' must name the copies it was read in"
        raise TrialDataError(msg)


@final
@attrs.frozen(kw_only=True)
class Design:
    """How a trial was run: randomised or not, blinding, and what the vitamin was compared with.

    ``randomised`` and ``blinding`` are ``None`` where the text read does not say.
    """

    randomised: bool | None
    blinding: Literal["double", "single", "open"] | None = attrs.field(validator=_one_of(_BLINDING))
    comparator: Literal["placebo", "no treatment", "active", "none"] = attrs.field(
        validator=_one_of(_COMPARATORS)
    )
    comparator_detail: str | None = None
    allocation: str | None = None
    """How participants were allocated, in the paper's words, where it does not say "randomised"."""


@final
@attrs.frozen(kw_only=True)
class Arm:
    """One arm of a trial: the vitamer and daily dose given, or the control.

    ``daily_dose`` is exact (a dose given three times a week is averaged over the week) and is
    ``None`` where the paper gives no mass of a known vitamer; ``dose_text`` keeps the words.
    """

    label: str
    vitamer: Vitamer | None
    daily_dose: DailyDose | None
    dose_text: str | None = None
    divided: str | None = None
    """How the dose was split, as published (``'10 mg three times per week'``)."""
    co_supplements: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    n: int | None = None
    control: bool = False
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """A control arm gives no vitamin; a dose belongs to the arm's vitamer."""
        if self.control and (self.vitamer is not None or self.daily_dose is not None):
            msg = f"arm {self.label!r}: a control arm has no vitamer or dose"
            raise TrialDataError(msg)
        if self.daily_dose is not None and self.daily_dose.vitamer != self.vitamer:
            msg = f"arm {self.label!r}: dose {self.daily_dose} is not of vitamer {self.vitamer}"
            raise TrialDataError(msg)

    def __str__(self) -> str:
        """The arm's label, e.g. ``'MK-7 180 µg/day (MenaQ7)'``."""
        return self.label


@final
@attrs.frozen(kw_only=True)
class OutcomeResult:
    """One outcome's result against control, with its statistics exactly as printed.

    ``primary`` is True for an outcome the paper names as primary, False for one it names as
    secondary (or that another outcome was named primary), and ``None`` where the text read
    names no primary outcome at all: not stated, which is not the same as secondary.

    >>> r = trial("lees-2021").outcomes[0]
    >>> r.measure, r.p, r.direction, r.significant
    ('ascending aortic distensibility', '0.377', 'no significant difference', False)
    """

    measure: str
    area: Area = attrs.field(validator=_one_of(AREAS))
    primary: bool | None
    effect: str
    estimate: str | None = None
    unit: str | None = None
    ci_low: str | None = None
    ci_high: str | None = None
    ci_level: str | None = None
    p: str | None = None
    direction: Direction = attrs.field(validator=_one_of(DIRECTIONS))
    quote: str
    status: Status = attrs.field(validator=_one_of(_STATUSES))
    read_in: str
    copies: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    source: str | None = None
    """The citation key of a later paper of the same trial that reported this result."""
    subgroup: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """The direction must follow from the published p-value or interval."""
        what = f"outcome {self.measure!r}"
        _number(self.estimate, f"{what}: estimate")
        _check_direction(self.direction, p=self.p, sig_ci=self._ci_significant(), what=what)
        _check_copies(self.status, self.copies, what)

    def _ci_significant(self) -> bool | None:
        ratio = self.unit in _RATIO_METRICS
        what = f"outcome {self.measure!r}"
        return _ci_significant(self.ci_low, self.ci_high, self.estimate, ratio=ratio, what=what)

    @property
    def significant(self) -> bool | None:
        """True or False from the printed p-value or interval; None where neither was printed."""
        sig = _p_significant(self.p)
        return sig if sig is not None else self._ci_significant()

    def __str__(self) -> str:
        """``measure: direction (effect)``."""
        return f"{self.measure}: {self.direction} ({self.effect})"


@final
@attrs.frozen(kw_only=True)
class AdverseEvents:
    """What a trial reported about adverse events, or (as :attr:`Trial.dropouts`) dropouts."""

    text: str
    quote: str
    status: Status = attrs.field(validator=_one_of(_STATUSES))
    read_in: str
    copies: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        """A secondary report names its copies."""
        _check_copies(self.status, self.copies, f"report {self.text!r}")


@final
@attrs.frozen(kw_only=True)
class IntegrityNotice:
    """A retraction, expression of concern or published caution about a trial or review."""

    kind: Literal["retracted", "expression of concern", "caution"] = attrs.field(
        validator=_one_of(_NOTICE_KINDS)
    )
    notice_doi: str | None
    date: str | None
    quote: str
    read_in: str

    def __str__(self) -> str:
        """E.g. ``'retracted (notice doi:10.1007/s40261-018-0643-3, 2018)'``."""
        where = [f"notice doi:{self.notice_doi}"] if self.notice_doi else []
        where += [self.date] if self.date else []
        return f"{self.kind} ({', '.join(where)})" if where else self.kind


@final
@attrs.frozen(kw_only=True)
class Trial:
    """A published trial of vitamin K: design, arms, outcome results and integrity notices.

    >>> t = trial("diederichsen-2022")
    >>> t.title_short, t.n_randomised, t.registry
    ('Diederichsen 2022 (AVADEC)', 365, 'NCT03243890')
    >>> [str(a.daily_dose) for a in t.active_arms]
    ['720 µg/day MK-7']
    >>> t.primary_outcomes[0].direction
    'no significant difference'
    """

    key: str
    source: str
    """The citation key of the trial's main paper (see :attr:`citation`)."""
    title_short: str
    design: Design
    population: str
    population_tags: tuple[str, ...] = attrs.field(converter=_strings)
    n_randomised: int | None
    n_enrolled: int | None = None
    """For a trial that did not randomise: how many took part."""
    n_analysed: int | None = None
    """How many the paper's results were computed on, where that differs from those randomised."""
    n_randomised_source: str | None = None
    """The citation key of the paper ``n_randomised`` was read in, if not :attr:`source`."""
    same_trial: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    """Keys of other records in the evidence map that report the same trial."""
    duration_weeks: str | None = None
    duration: str | None = None
    """As the paper states it (``'three years'``, ``'270 ± 12 days'``)."""
    registry: str | None = None
    funding: str | None = None
    arms: tuple[Arm, ...]
    outcomes: tuple[OutcomeResult, ...]
    outcome_areas: tuple[Area, ...]
    """Every area the trial speaks to; for a retracted trial, the areas of its title."""
    adverse_events: AdverseEvents | None = None
    dropouts: AdverseEvents | None = None
    integrity: tuple[IntegrityNotice, ...] = ()
    status: Status = attrs.field(validator=_one_of(_STATUSES))
    read_in: tuple[str, ...] = attrs.field(converter=_strings)
    copies: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Tags from the vocabulary; a primary record has only primary figures."""
        bad = [t for t in self.population_tags if t not in POPULATION_TAGS]
        if bad:
            msg = f"trial {self.key!r}: population tags {bad} not in {POPULATION_TAGS}"
            raise TrialDataError(msg)
        if self.status == "primary" and any(o.status != "primary" for o in self.outcomes):
            msg = f"trial {self.key!r} is 'primary' but has figures read only in copies"
            raise TrialDataError(msg)
        _check_copies(self.status, self.copies, f"trial {self.key!r}")
        if len({o.primary is None for o in self.outcomes}) > 1:
            msg = (
                f"trial {self.key!r} names a primary outcome for some results but not others; "
                "primary is null for every result or for none"
            )
            raise TrialDataError(msg)
        if any(a.control for a in self.arms):
            for o in self.outcomes:
                if o.direction == "not tested" and not o.note:
                    msg = (
                        f"trial {self.key!r}: {o.measure!r} is 'not tested' in a controlled "
                        "trial; its note must say why no direction can be read"
                    )
                    raise TrialDataError(msg)
        if not self.arms or all(a.control for a in self.arms):
            msg = f"trial {self.key!r} has no arm that gave vitamin K"
            raise TrialDataError(msg)

    @property
    def citation(self) -> Citation:
        """The trial's main paper."""
        return citation(self.source)

    @property
    def retracted(self) -> bool:
        """Whether a retraction notice applies to this trial."""
        return any(n.kind == "retracted" for n in self.integrity)

    @property
    def active_arms(self) -> tuple[Arm, ...]:
        """The arms that gave vitamin K."""
        return tuple(a for a in self.arms if not a.control)

    @property
    def primary_outcomes(self) -> tuple[OutcomeResult, ...]:
        """The results the paper named as its primary outcome."""
        return tuple(o for o in self.outcomes if o.primary)

    @property
    def primary_stated(self) -> bool:
        """False where the text read names no primary outcome (every result's ``primary`` is None).

        >>> trial("knapen-2007").primary_stated, trial("diederichsen-2022").primary_stated
        (False, True)
        """
        return any(o.primary is not None for o in self.outcomes)

    @property
    def n(self) -> int | None:
        """Participants: randomised, or enrolled where nobody was randomised."""
        return self.n_randomised if self.n_randomised is not None else self.n_enrolled

    def __str__(self) -> str:
        """One line: name, arms, size."""
        n = "n unknown" if self.n is None else f"n={self.n}"
        arms = "; ".join(a.label for a in self.active_arms)
        return f"{self.title_short}: {arms} ({n})"


@final
@attrs.frozen(kw_only=True)
class PooledEstimate:
    """One pooled result of a meta-analysis, exactly as printed."""

    measure: str
    area: Area = attrs.field(validator=_one_of(AREAS))
    estimate: str
    ci_low: str | None
    ci_high: str | None
    ci_level: str | None
    metric: Literal["RR", "OR", "HR", "SMD", "MD"] = attrs.field(
        validator=_one_of(("RR", "OR", "HR", "SMD", "MD"))
    )
    n_trials: int | None
    n_participants: int | None
    quote: str
    status: Status = attrs.field(validator=_one_of(_STATUSES))
    read_in: str
    copies: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        """The estimate lies in its interval; a secondary figure names its copies."""
        what = f"pooled {self.measure!r}"
        est = _number(self.estimate, f"{what}: estimate")
        lo, hi = _number(self.ci_low, f"{what}: ci_low"), _number(self.ci_high, f"{what}: ci_high")
        if lo is not None and hi is not None and est is not None and not lo <= est <= hi:
            msg = f"{what}: estimate {self.estimate} is outside its interval {lo} to {hi}"
            raise TrialDataError(msg)
        _check_copies(self.status, self.copies, what)

    @property
    def significant(self) -> bool | None:
        """Whether the interval excludes no effect (1 for RR/OR/HR, 0 for MD/SMD)."""
        ratio = self.metric in _RATIO_METRICS
        what = f"pooled {self.measure!r}"
        return _ci_significant(self.ci_low, self.ci_high, self.estimate, ratio=ratio, what=what)

    def __str__(self) -> str:
        """E.g. ``'hip fractures: OR 0.23 (95% CI 0.12 to 0.47)'``."""
        ci = ""
        if self.ci_low is not None and self.ci_high is not None:
            level = f"{self.ci_level}% " if self.ci_level else ""
            ci = f" ({level}CI {self.ci_low} to {self.ci_high})"
        return f"{self.measure}: {self.metric} {self.estimate}{ci}"


@final
@attrs.frozen(kw_only=True)
class MetaAnalysis:
    """A systematic review or meta-analysis: what it pooled, its estimates, later cautions.

    >>> m = meta_analysis("cockayne-2006")
    >>> str(m.pooled[1])
    'hip fractures: OR 0.23 (95% CI 0.12 to 0.47)'
    >>> print(*m.later_caution, sep="\\n")
    caution (notice doi:10.1001/jamainternmed.2018.1127, 2018-06)
    caution (notice doi:10.1001/jamainternmed.2018.1140, 2018-06-01)
    """

    key: str
    source: str
    title_short: str
    question: str
    areas: tuple[Area, ...]
    pooled: tuple[PooledEstimate, ...]
    pooled_trials: tuple[str, ...] = attrs.field(converter=_strings)
    """Keys of the trials vitk2 holds, else the review's own words for what it pooled."""
    n_trials: int | None = None
    conclusion: str
    later_caution: tuple[IntegrityNotice, ...] = ()
    status: Status = attrs.field(validator=_one_of(_STATUSES))
    read_in: tuple[str, ...] = attrs.field(converter=_strings)
    copies: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        """A secondary record names its copies."""
        _check_copies(self.status, self.copies, f"meta-analysis {self.key!r}")
        if self.status == "primary" and any(p.status != "primary" for p in self.pooled):
            msg = f"meta-analysis {self.key!r} is 'primary' but has figures read only in copies"
            raise TrialDataError(msg)

    @property
    def citation(self) -> Citation:
        """The review's paper."""
        return citation(self.source)

    @property
    def retracted(self) -> bool:
        """Whether the review itself was retracted."""
        return any(n.kind == "retracted" for n in self.later_caution)

    @property
    def linked_trials(self) -> tuple[Trial, ...]:
        """The pooled trials that vitk2 holds as records."""
        keys = {t.key for t in all_trials()}
        return tuple(trial(k) for k in self.pooled_trials if k in keys)

    def __str__(self) -> str:
        """Name, then each pooled estimate; a later caution is said."""
        parts = [str(p) for p in self.pooled] or [self.conclusion]
        caution = "".join(f" [{n}]" for n in self.later_caution)
        return f"{self.title_short}: {'; '.join(parts)}{caution}"


# --- reading the data files -------------------------------------------------------------------


def _files() -> Iterator[tuple[str, str]]:
    from importlib import resources  # noqa: PLC0415 - read on first use, not at import

    folder = resources.files("vitk2").joinpath("data", "trials")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            yield entry.name, entry.read_text(encoding="utf-8")


def _known_source(key: object, where: str) -> str:
    if not isinstance(key, str):
        msg = f"{where}: citation {key!r} is not a key"
        raise TrialDataError(msg)
    try:
        citation(key)
    except NotFoundError:
        msg = f"{where}: citation key {key!r} is in no data/sources/*.json file"
        raise TrialDataError(msg) from None
    return key


def _notice(raw: Mapping[str, Any]) -> IntegrityNotice:
    return IntegrityNotice(
        kind=raw["kind"],
        notice_doi=raw.get("notice_doi"),
        date=raw.get("date"),
        quote=raw["quote"],
        read_in=raw["read_in"],
    )


def _report(raw: Mapping[str, Any] | None) -> AdverseEvents | None:
    if raw is None:
        return None
    return AdverseEvents(
        text=raw["text"],
        quote=raw["quote"],
        status=raw["status"],
        read_in=raw["read_in"],
        copies=raw.get("copies", ()),
    )


def _arm(raw: Mapping[str, Any], where: str) -> Arm:
    v = None if raw.get("vitamer") is None else vitamer(raw["vitamer"])
    dose: DailyDose | None = None
    text = raw.get("dose_text")
    if raw.get("dose") is not None:
        dose = parse_daily_dose(raw["dose"], vitamer=v)
        text = text or raw["dose"]
    elif raw.get("dose_per_week") is not None:
        if v is None:
            msg = f"{where}: arm {raw['label']!r} gives a weekly dose but no vitamer"
            raise TrialDataError(msg)
        week = Amount(v, raw["dose_per_week"])
        dose = DailyDose.from_micrograms_per_day(v, week.micrograms / 7)
        text = text or f"{raw['dose_per_week']} per week"
    return Arm(
        label=raw["label"],
        vitamer=v,
        daily_dose=dose,
        dose_text=text,
        divided=raw.get("divided"),
        co_supplements=raw.get("co_supplements", ()),
        n=raw.get("n"),
        control=bool(raw.get("control", False)),
        note=raw.get("note"),
    )


def _primary(raw: Mapping[str, Any], where: str) -> bool | None:
    value = raw["primary"]
    if value is not None and not isinstance(value, bool):
        msg = f"{where}: primary {value!r} is not true, false or null (no primary outcome stated)"
        raise TrialDataError(msg)
    return value


def _outcome(raw: Mapping[str, Any], where: str) -> OutcomeResult:
    source = raw.get("citation")
    return OutcomeResult(
        measure=raw["measure"],
        area=raw["area"],
        primary=_primary(raw, where),
        effect=raw["effect"],
        estimate=raw.get("estimate"),
        unit=raw.get("unit"),
        ci_low=raw.get("ci_low"),
        ci_high=raw.get("ci_high"),
        ci_level=raw.get("ci_level"),
        p=raw.get("p"),
        direction=raw["direction"],
        quote=raw["quote"],
        status=raw["status"],
        read_in=raw["read_in"],
        copies=raw.get("copies", ()),
        source=None if source is None else _known_source(source, where),
        subgroup=raw.get("subgroup"),
        note=raw.get("note"),
    )


def _trial(raw: Mapping[str, Any], where: str) -> Trial:
    d = raw["design"]
    outcomes = tuple(_outcome(o, where) for o in raw.get("outcomes", ()))
    areas = list(raw.get("outcome_areas", ()))
    areas += [o.area for o in outcomes if o.area not in areas]
    return Trial(
        key=raw["key"],
        source=_known_source(raw["citation"], where),
        title_short=raw["title_short"],
        design=Design(
            randomised=d.get("randomised"),
            blinding=d.get("blinding"),
            comparator=d["comparator"],
            comparator_detail=d.get("comparator_detail"),
            allocation=d.get("allocation"),
        ),
        population=raw["population"],
        population_tags=raw.get("population_tags", ()),
        n_randomised=raw.get("n_randomised"),
        n_enrolled=raw.get("n_enrolled"),
        n_analysed=raw.get("n_analysed"),
        n_randomised_source=(
            None
            if raw.get("n_randomised_source") is None
            else _known_source(raw["n_randomised_source"], where)
        ),
        same_trial=raw.get("same_trial", ()),
        duration_weeks=raw.get("duration_weeks"),
        duration=raw.get("duration"),
        registry=raw.get("registry"),
        funding=raw.get("funding"),
        arms=tuple(_arm(a, where) for a in raw["arms"]),
        outcomes=outcomes,
        outcome_areas=tuple(areas),
        adverse_events=_report(raw.get("adverse_events")),
        dropouts=_report(raw.get("dropouts")),
        integrity=tuple(_notice(n) for n in raw.get("integrity", ())),
        status=raw["status"],
        read_in=raw.get("read_in", ()),
        copies=raw.get("copies", ()),
        note=raw.get("note"),
    )


def _pooled(raw: Mapping[str, Any]) -> PooledEstimate:
    return PooledEstimate(
        measure=raw["measure"],
        area=raw["area"],
        estimate=raw["estimate"],
        ci_low=raw.get("ci_low"),
        ci_high=raw.get("ci_high"),
        ci_level=raw.get("ci_level"),
        metric=raw["metric"],
        n_trials=raw.get("n_trials"),
        n_participants=raw.get("n_participants"),
        quote=raw["quote"],
        status=raw["status"],
        read_in=raw["read_in"],
        copies=raw.get("copies", ()),
    )


def _meta(raw: Mapping[str, Any], where: str) -> MetaAnalysis:
    pooled = tuple(_pooled(p) for p in raw.get("pooled", ()))
    areas = list(raw.get("areas", ()))
    areas += [p.area for p in pooled if p.area not in areas]
    return MetaAnalysis(
        key=raw["key"],
        source=_known_source(raw["citation"], where),
        title_short=raw["title_short"],
        question=raw["question"],
        areas=tuple(areas),
        pooled=pooled,
        pooled_trials=raw.get("pooled_trials", ()),
        n_trials=raw.get("n_trials"),
        conclusion=raw["conclusion"],
        later_caution=tuple(_notice(n) for n in raw.get("later_caution", ())),
        status=raw["status"],
        read_in=raw.get("read_in", ()),
        copies=raw.get("copies", ()),
    )


@cache
def _records() -> tuple[tuple[Trial, ...], tuple[MetaAnalysis, ...]]:
    trials: list[Trial] = []
    metas: list[MetaAnalysis] = []
    seen: set[str] = set()
    for name, text in _files():
        for raw in json.loads(text):
            where = f"data/trials/{name}: {raw.get('key')!r}"
            try:
                record: Trial | MetaAnalysis
                if raw.get("kind") == "meta-analysis":
                    record = _meta(raw, where)
                    metas.append(record)
                else:
                    record = _trial(raw, where)
                    trials.append(record)
            except TrialDataError:
                raise
            except (Vitk2Error, KeyError, TypeError) as exc:
                msg = f"{where}: {type(exc).__name__}: {exc}"
                raise TrialDataError(msg) from None
            if record.key in seen:
                msg = f"{where}: key {record.key!r} is used twice"
                raise TrialDataError(msg)
            seen.add(record.key)
    trial_keys = {t.key for t in trials}
    by_key = {t.key: t for t in trials}
    for t in trials:
        for k in t.same_trial:
            if k not in trial_keys or t.key not in by_key[k].same_trial:
                msg = f"trial {t.key!r} names {k!r} as the same trial; {k!r} does not name it back"
                raise TrialDataError(msg)
    for m in metas:
        for k in m.pooled_trials:
            if _KEY_SHAPE.match(k) and k not in trial_keys:
                msg = f"meta-analysis {m.key!r} pools {k!r}, which is no trial record"
                raise TrialDataError(msg)
    return tuple(trials), tuple(metas)


def all_trials() -> tuple[Trial, ...]:
    """Every trial record in the evidence map, retracted ones included (they say so).

    >>> len(all_trials()) >= 13
    True
    >>> sorted(t.key for t in all_trials() if t.retracted)
    ['sato-2002', 'sato-2005']
    """
    return _records()[0]


def all_meta_analyses() -> tuple[MetaAnalysis, ...]:
    """Every meta-analysis and systematic review in the evidence map.

    >>> [m.key for m in all_meta_analyses() if m.retracted]
    ['iwamoto-2009']
    """
    return _records()[1]


def _lookup(key: object, pool: tuple[Trial, ...] | tuple[MetaAnalysis, ...], what: str) -> Any:
    for r in pool:
        if r.key == key:
            return r
    import difflib  # noqa: PLC0415 - only for an error message

    keys = [r.key for r in pool]
    close = difflib.get_close_matches(key, keys, n=3) if isinstance(key, str) else []
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    msg = f"no {what} {key!r} in vitk2's evidence map{hint}"
    raise UnknownTrialError(msg)


def trial(key: str) -> Trial:
    """The trial record with this key.

    >>> trial("knapen-2015").design.blinding
    'double'
    >>> trial("knapen-2051")
    Traceback (most recent call last):
    ...
    vitk2.UnknownTrialError: no trial 'knapen-2051' in vitk2's evidence map; did you mean 'knapen-2015', ...?
    """  # noqa: E501
    found: Trial = _lookup(key, all_trials(), "trial")
    return found


def meta_analysis(key: str) -> MetaAnalysis:
    """The meta-analysis or systematic review with this key.

    >>> meta_analysis("lees-2019").pooled[0].significant
    True
    """
    found: MetaAnalysis = _lookup(key, all_meta_analyses(), "meta-analysis")
    return found
