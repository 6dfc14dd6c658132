"""The evidence map: trial records, their citations and statistics, the questions they answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitk2
from tests.strategies import daily_doses_of
from vitk2 import (
    AREAS,
    POPULATION_TAGS,
    DailyDose,
    EvidenceQueryError,
    IncompatibleVitamersError,
    InvalidAmountError,
    OutcomeResult,
    TrialDataError,
    UnknownOutcomeError,
    UnknownTrialError,
    all_citations,
    all_meta_analyses,
    all_trials,
    dose_in_context,
    meta_analysis,
    trial,
)
from vitk2 import _trials as trials_module
from vitk2.evidence import evidence

MEASURES = sorted({o.measure for t in all_trials() for o in t.outcomes})


# --- every record: citation, status, quotes ---------------------------------------------------


def test_every_record_cites_a_known_paper_and_names_where_it_was_read() -> None:
    known = {c.key for c in all_citations()}
    for t in all_trials():
        assert t.source in known, t.key
        assert t.citation.key == t.source
        assert t.status in ("primary", "secondary"), t.key
        assert t.read_in, t.key
        assert (t.status == "secondary") == bool(t.copies), t.key
        for o in t.outcomes:
            assert o.source is None or o.source in known, (t.key, o.measure)
            assert all((o.read_in, o.quote, o.effect)), (t.key, o.measure)
            assert o.status != "secondary" or o.copies, (t.key, o.measure)
        for report in (t.adverse_events, t.dropouts):
            assert report is None or (report.quote and report.read_in), t.key
    for m in all_meta_analyses():
        assert m.source in known, m.key
        assert all((m.read_in, m.conclusion)), m.key
        assert all(p.quote and p.read_in for p in m.pooled), m.key


def test_a_primary_record_holds_only_figures_read_in_the_papers_own_text() -> None:
    for t in all_trials():
        if t.status == "primary":
            assert all(o.status == "primary" for o in t.outcomes), t.key
    for m in all_meta_analyses():
        if m.status == "primary":
            assert all(p.status == "primary" for p in m.pooled), m.key


def _plain(text: str) -> str:
    """Copies print minus signs and hyphens differently; compare them as one."""
    return re.sub(r"[‐‑‒–—−]", "-", text).replace(" ", "")


def test_every_printed_number_is_in_the_quote_or_the_effect() -> None:
    # "exactly as published": each number a record holds must appear in the text it was read in.
    for t in all_trials():
        for o in t.outcomes:
            said = _plain(o.quote + " " + o.effect)
            for name in ("estimate", "ci_low", "ci_high", "p"):
                value = getattr(o, name)
                if value is not None and value != "NS":
                    assert _plain(value).lstrip("<>") in said, (t.key, o.measure, name, value)
    for m in all_meta_analyses():
        for p in m.pooled:
            said = _plain(p.quote)
            for value in (p.estimate, p.ci_low, p.ci_high):
                assert value is None or _plain(value) in said, (m.key, p.measure, value)


# --- directions follow from the published statistics -----------------------------------------


def _p_says_significant(p: str | None) -> bool | None:
    if p is None:
        return None
    if p == "NS":
        return False
    bound, number = (p[0], Fraction(p[1:])) if p[0] in "<>" else ("=", Fraction(p))
    return (
        number <= Fraction(5, 100) if bound == "<" else bound == "=" and number < Fraction(5, 100)
    )


def _ci_says_significant(o: OutcomeResult) -> bool | None:
    if o.ci_low is None or o.ci_high is None:
        return None
    null = 1 if o.unit in ("OR", "RR", "HR") else 0
    return not Fraction(o.ci_low) <= null <= Fraction(o.ci_high)


def test_every_direction_agrees_with_its_published_p_or_interval() -> None:
    checked = 0
    for t in all_trials():
        for o in t.outcomes:
            verdicts = {
                v for v in (_p_says_significant(o.p), _ci_says_significant(o)) if v is not None
            }
            assert len(verdicts) <= 1, (t.key, o.measure)
            if not verdicts:
                continue
            checked += 1
            expected = ("benefit", "harm") if verdicts == {True} else ("no significant difference",)
            assert o.direction in expected, (t.key, o.measure, o.p, o.direction)
            assert o.significant is (verdicts == {True})
    assert checked >= 15
    for m in all_meta_analyses():
        for p in m.pooled:
            null = 1 if p.metric in ("OR", "RR", "HR") else 0
            assert p.ci_low is not None
            assert p.ci_high is not None
            assert p.significant is (not Fraction(p.ci_low) <= null <= Fraction(p.ci_high))


def test_a_single_arm_trial_claims_no_direction() -> None:
    ikari = trial("ikari-2016")
    assert ikari.design.comparator == "none"
    assert not ikari.design.randomised
    assert {o.direction for o in ikari.outcomes} == {"not tested"}


_RESULT = {
    "measure": "cfPWV",
    "area": "arterial stiffness",
    "primary": True,
    "effect": "e",
    "quote": "q",
    "status": "primary",
    "read_in": "r",
}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"p": "0.64", "direction": "benefit"}, "not significant"),
        ({"p": "0.04", "direction": "no significant difference"}, "significant"),
        ({"ci_low": "-86", "ci_high": "53", "direction": "harm"}, "not significant"),
        ({"ci_low": "0.1", "ci_high": "0.5", "p": "0.3", "direction": "benefit"}, "disagree"),
        ({"p": "0.01", "direction": "not tested"}, "not tested"),
        ({"p": "about 0.05", "direction": "benefit"}, "not a p-value"),
        ({"ci_low": "5", "ci_high": "1", "direction": "harm"}, "reversed"),
        ({"ci_low": "5", "direction": "harm"}, "both ends"),
        ({"status": "secondary", "direction": "benefit"}, "copies"),
    ],
)
def test_a_result_that_contradicts_its_statistics_is_refused(
    fields: dict[str, str], message: str
) -> None:
    with pytest.raises(TrialDataError, match=message):
        OutcomeResult(**{**_RESULT, **fields})  # type: ignore[arg-type]


@given(p=st.integers(1, 999))
def test_significance_is_p_below_five_percent(p: int) -> None:
    text = f"0.{p:03d}"
    direction = "benefit" if p < 50 else "no significant difference"
    r = OutcomeResult(**{**_RESULT, "p": text, "direction": direction})  # type: ignore[arg-type]
    assert r.significant is (p < 50)


# --- the loader checks the files ---------------------------------------------------------------


def _trial_json(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = json.loads(
        (Path(vitk2.__file__).parent / "data" / "trials" / "cardiovascular.json").read_text(
            encoding="utf-8"
        )
    )[0]
    raw.update(changes)
    return raw


def _outcome_json(**changes: object) -> dict[str, object]:
    outcomes = _trial_json()["outcomes"]
    assert isinstance(outcomes, list)
    return {**outcomes[0], **changes}


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([_trial_json(citation="nobody-1900")], "in no data/sources"),
        ([_trial_json(n_randomised_source="nobody-1900")], "in no data/sources"),
        ([_trial_json(same_trial=["ghost-2001"])], "does not name it back"),
        ([_trial_json(outcomes=[_outcome_json(primary="yes")])], "true, false or null"),
        (
            [_trial_json(outcomes=[_outcome_json(primary=True), _outcome_json(primary=None)])],
            "primary is null for every result or for none",
        ),
        (
            [_trial_json(outcomes=[_outcome_json(direction="not tested", note=None)])],
            "note must say why",
        ),
        ([_trial_json(), _trial_json()], "used twice"),
        ([_trial_json(population_tags=["astronauts"])], "population tags"),
        ([_trial_json(arms=[{"label": "x", "control": True}])], "no arm that gave"),
        ([_trial_json(status="secondary")], "copies"),
        (
            [
                {
                    "kind": "meta-analysis",
                    "key": "x-2000",
                    "citation": "lees-2019",
                    "title_short": "x",
                    "question": "q",
                    "pooled_trials": ["ghost-1999"],
                    "conclusion": "c",
                    "status": "primary",
                }
            ],
            "no trial record",
        ),
        ([_trial_json(arms=[{"label": "x", "vitamer": "MK-7", "dose": "7 grams"}])], "Error"),
    ],
)
def test_a_bad_file_is_refused_when_read(
    monkeypatch: pytest.MonkeyPatch, records: list[dict[str, object]], message: str
) -> None:
    def files() -> Iterator[tuple[str, str]]:
        yield "bad.json", json.dumps(records)

    monkeypatch.setattr(trials_module, "_files", files)
    trials_module._records.cache_clear()
    try:
        with pytest.raises(TrialDataError, match=message):
            trials_module._records()
    finally:
        trials_module._records.cache_clear()


def test_lookup_by_key() -> None:
    assert trial("diederichsen-2022").registry == "NCT03243890"
    assert meta_analysis("mott-2019").status == "secondary"
    with pytest.raises(UnknownTrialError, match="did you mean 'knapen-2015'"):
        trial("knapen-2016")
    with pytest.raises(UnknownTrialError, match="no meta-analysis"):
        meta_analysis("knapen-2015")


# --- retracted work never appears unannounced --------------------------------------------------


def test_the_retracted_sato_trials_and_the_meta_analysis_built_on_them_are_marked() -> None:
    retracted = {t.key for t in all_trials() if t.retracted}
    assert retracted == {"sato-2002", "sato-2005"}
    for key in retracted:
        (notice,) = trial(key).integrity
        assert notice.notice_doi == "10.1007/s40261-018-0643-3"
        assert "fabrication of the data" in notice.quote
    iwamoto = meta_analysis("iwamoto-2009")
    assert iwamoto.retracted
    assert {t.key for t in iwamoto.linked_trials} == retracted


_queries = st.fixed_dictionaries(
    {
        "outcome": st.sampled_from([None, *AREAS, *MEASURES]),
        "vitamer": st.sampled_from([None, "K1", "MK-4", "MK-7", "K3"]),
        "population": st.sampled_from([None, *POPULATION_TAGS]),
        "require_primary": st.booleans(),
    }
)


@settings(max_examples=150, deadline=None)
@given(query=_queries)
def test_any_answer_names_every_retracted_match_in_excluded(query: dict[str, object]) -> None:
    default = evidence(**query)  # type: ignore[arg-type]
    everything = evidence(**query, include_retracted=True)  # type: ignore[arg-type]
    assert not any(t.retracted for t in default.trials)
    assert not any(m.retracted for m in default.meta_analyses)
    retracted = {t.key for t in everything.trials if t.retracted}
    retracted |= {m.key for m in everything.meta_analyses if m.retracted}
    excluded = {e.key for e in default.excluded}
    assert retracted <= excluded
    text = str(default)
    assert all(e.title in text for e in default.excluded)
    assert "Excluded:" in text
    assert vitk2.NOT_MEDICAL_ADVICE in text


@settings(max_examples=80, deadline=None)
@given(query=_queries)
def test_the_summary_counts_every_trial_once(query: dict[str, object]) -> None:
    a = evidence(**query)  # type: ignore[arg-type]
    assert sum(a.primary_tally.values()) == a.n_trials
    # Records of one trial (same_trial) share their participants: each trial is counted once.
    groups = {frozenset({t.key, *t.same_trial}): t.n or 0 for t in a.trials}
    assert a.n_participants == sum(groups.values())
    assert {r.trial.key for r in a.rows} <= {t.key for t in a.trials}
    if query["require_primary"]:
        assert all(r.result.status == "primary" for r in a.rows)
    if query["vitamer"] is not None:
        assert all(
            r.arm.vitamer is not None and r.arm.vitamer.key == query["vitamer"] for r in a.rows
        )


@settings(max_examples=60, deadline=None)
@given(dose=daily_doses_of("MK-7", max_ug=2000))
def test_a_dose_matches_arms_within_twenty_percent(dose: DailyDose) -> None:
    a = evidence(dose=dose)
    for r in a.rows:
        assert r.arm.daily_dose is not None
        ratio = r.arm.daily_dose.micrograms_per_day / dose.micrograms_per_day
        assert Fraction(4, 5) <= ratio <= Fraction(6, 5)
    expected = {
        t.key
        for t in all_trials()
        if not t.retracted
        and any(
            a_.daily_dose is not None
            and a_.daily_dose.vitamer == dose.vitamer
            and Fraction(4, 5)
            <= a_.daily_dose.micrograms_per_day / dose.micrograms_per_day
            <= Fraction(6, 5)
            for a_ in t.active_arms
        )
    }
    assert {t.key for t in a.trials} == expected


# --- the seed's claims, as the trials have them -------------------------------------------------


def test_mk7_150_to_180_ug_in_cardiovascular_trials() -> None:
    low, high = DailyDose("MK-7", "150 µg/day"), DailyDose("MK-7", "180 µg/day")
    stiffness = evidence(outcome="arterial stiffness", dose=(low, high))
    assert [t.key for t in stiffness.trials] == ["knapen-2015"]
    # Knapen 2015 found cfPWV "significantly decreased", but its abstract names no primary
    # outcome: the result is counted apart, not as a primary benefit.
    assert stiffness.primary_tally["benefit"] == 0
    assert stiffness.primary_tally["no primary outcome stated"] == 1
    (cfpwv,) = [r.result for r in stiffness.rows if r.result.measure == "cfPWV"]
    assert (cfpwv.direction, cfpwv.primary) == ("benefit", None)
    # No calcification trial used that dose: they used 90 to 720 µg/day.
    assert evidence(outcome="calcification", dose=(low, high)).n_trials == 0
    spans = evidence(outcome="calcification", vitamer="MK-7").dose_ranges
    assert [str(d) for d in spans["MK-7"]] == ["90 µg/day MK-7", "720 µg/day MK-7"]


def test_reversal_of_calcification_is_not_established() -> None:
    a = evidence(outcome="calcification")
    # No controlled calcification trial found a significant benefit on its primary outcome ...
    assert a.primary_tally["benefit"] == 0
    assert a.primary_tally["no significant difference"] >= 3
    # ... and every calcification result measured progression, none a regression.
    assert all(r.result.direction != "benefit" or r.result.subgroup for r in a.rows)
    assert {m.key for m in a.meta_analyses} == {"lees-2019", "vlasschaert-2020"}
    assert "does not consistently prevent" in meta_analysis("vlasschaert-2020").conclusion


def test_high_dose_mk4_did_not_stop_coronary_calcium_rising() -> None:
    a = evidence(outcome="Agatston CAC score", vitamer="MK-4")
    (row,) = a.rows
    assert row.trial.key == "ikari-2016"
    assert str(row.arm.daily_dose) == "45 mg/day MK-4"
    assert "+14 %" in row.result.quote
    assert a.primary_verdict(row.trial) == "not tested"


# --- the answer object ---------------------------------------------------------------------------


def test_answer_text_and_repr() -> None:
    a = evidence(outcome="cfPWV", population="haemodialysis")
    assert [t.key for t in a.trials] == ["naiyarakseree-2023"]
    assert repr(a) == (
        "EvidenceAnswer(query=EvidenceQuery(outcome='cfPWV', vitamer=None, dose=None, "
        "population='haemodialysis', include_retracted=False, require_primary=False), "
        "trials=('naiyarakseree-2023',), meta_analyses=('lees-2019', 'vlasschaert-2020'), "
        "excluded=())"
    )
    text = str(a)
    assert text.splitlines()[0] == "Evidence for outcome=cfPWV, population=haemodialysis"
    assert "1 trial, 96 participants." in text
    assert "0 found a significant benefit, 1 no significant difference" in text
    assert "Excluded: nothing." in text


def test_require_primary_says_what_it_left_out() -> None:
    a = evidence(outcome="cfPWV", require_primary=True)
    left_out = {e.key for e in a.excluded}
    assert {"naiyarakseree-2023", "witham-2020"} <= left_out
    assert all("secondary" in e.reason or e.reason.startswith("retracted") for e in a.excluded)
    assert [t.key for t in a.trials] == ["knapen-2015", "mansour-2017"]


def test_nothing_matches() -> None:
    a = evidence(outcome="calcification", population="children")
    assert a.n_trials == 0
    assert not a.rows
    assert "(no trial in vitk2 matches)" in str(a)


def test_outcome_words() -> None:
    assert evidence(outcome="Vascular  Calcification").query.outcome == "calcification"
    assert evidence(outcome="cfpwv").query.outcome == "cfPWV"
    assert evidence(population="Hemodialysis").query.population == "haemodialysis"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"outcome": "happiness"}, UnknownOutcomeError, "no outcome 'happiness'"),
        ({"outcome": 3}, UnknownOutcomeError, "no outcome 3"),
        ({"population": "astronauts"}, EvidenceQueryError, "choose one of"),
        ({"vitamer": "MK-4", "dose": "180 µg/day MK-7"}, IncompatibleVitamersError, "MK-4"),
        ({"dose": "0 µg/day MK-7"}, InvalidAmountError, "zero"),
        ({"dose": 180}, InvalidAmountError, "give a daily dose"),
        (
            {"dose": (DailyDose("MK-7", "200 µg/day"), DailyDose("MK-7", "100 µg/day"))},
            InvalidAmountError,
            "reversed",
        ),
        (
            {"dose": (DailyDose("MK-7", "100 µg/day"), DailyDose("K1", "200 µg/day"))},
            IncompatibleVitamersError,
            "mixes",
        ),
    ],
)
def test_bad_questions(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        evidence(**kwargs)  # type: ignore[arg-type]


# --- dose in context, by outcome -----------------------------------------------------------------


@given(dose=daily_doses_of("MK-7", max_ug=1000), area=st.sampled_from(vitk2.OUTCOME_AREAS))
def test_dose_in_context_by_outcome_compares_only_that_area(dose: DailyDose, area: str) -> None:
    ctx = dose_in_context(dose, outcome=area)
    assert ctx.outcome == area
    assert all(area in s.outcomes and s.vitamer == dose.vitamer for s in ctx.compared)
    everything = dose_in_context(dose)
    assert set(ctx.compared) == {s for s in everything.compared if area in s.outcomes}


def test_dose_in_context_reads_the_evidence_maps_word_for_calcification() -> None:
    ctx = dose_in_context(DailyDose("MK-7", "180 µg/day"), outcome="calcification")
    assert ctx.outcome == "vascular calcification"


# --- the plot ------------------------------------------------------------------------------------


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = vitk2.plot_evidence(evidence(outcome="calcification"), tmp_path / "calc.png")
    assert out.read_bytes().startswith(b"\x89PNG")
    out = vitk2.plot_evidence(evidence(vitamer="MK-7"), tmp_path / "mk7.png")
    assert out.stat().st_size > 10_000


def test_plot_refuses_what_it_cannot_draw(tmp_path: Path) -> None:
    with pytest.raises(EvidenceQueryError, match="nothing to plot"):
        vitk2.plot_evidence(
            evidence(outcome="calcification", population="children"), tmp_path / "x.png"
        )
    with pytest.raises(EvidenceQueryError, match="takes the answer"):
        vitk2.plot_evidence("calcification", tmp_path / "x.png")  # type: ignore[arg-type]


# --- the command line ----------------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str]:
    import io

    from vitk2._cli import main

    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_prints_the_answer() -> None:
    code, text = _cli("evidence", "--outcome", "calcification", "--vitamer", "MK-7")
    assert code == 0
    assert text == str(evidence(outcome="calcification", vitamer="MK-7")) + "\n"


def test_cli_json_holds_every_row_and_what_was_excluded() -> None:
    code, text = _cli("evidence", "--outcome", "fracture", "--json")
    assert code == 0
    data = json.loads(text)
    answer = evidence(outcome="fracture")
    assert len(data["rows"]) == len(answer.rows)
    assert [e["key"] for e in data["excluded"]] == [e.key for e in answer.excluded]
    assert data["summary"]["primary_outcome"] == answer.primary_tally
    assert data["not_medical_advice"] == vitk2.NOT_MEDICAL_ADVICE


def test_cli_dose_range_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "bone.png"
    code, text = _cli(
        "evidence",
        "--outcome",
        "bone",
        "--dose-range",
        "100 µg/day MK-7",
        "200 µg/day",
        "--plot",
        str(png),
    )
    assert code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "Knapen 2013" in text
    assert f"plot written to {png}" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--outcome", "happiness"), "no outcome 'happiness'"),
        (("--dose", "180 µg/day MK-7", "--dose-range", "1 µg/day MK-7", "2 µg/day"), "not both"),
        (("--population", "astronauts"), "choose one of"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _cli("evidence", *argv)
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_adverse_events_are_said_with_their_source_and_silence_is_unknown() -> None:
    a = evidence(outcome="vitamin K status", population="haemodialysis")
    reports = {t.key: r for t, r in a.adverse_events}
    assert "gastrointestinal" in reports["caluwe-2014"].text
    assert reports["caluwe-2014"].read_in
    assert "gastrointestinal side-effects" in a.summary
    silent = a.n_trials - len({t.key for t, _ in a.adverse_events})
    assert f"not reported in the text read for the other {silent}" in a.summary
    quiet = evidence(outcome="cfPWV", population="haemodialysis")
    assert not quiet.adverse_events
    assert "not reported in the text read (unknown)" in quiet.summary


# --- issue 11 second reading: what the published text supports ---------------------------------


def test_two_papers_of_one_trial_are_linked_and_counted_once() -> None:
    shea, booth = trial("shea-2009"), trial("booth-2008")
    assert (shea.n_randomised, shea.n_analysed, shea.n_randomised_source) == (
        452,
        388,
        "booth-2008",
    )
    assert shea.n_randomised == booth.n_randomised
    assert (shea.same_trial, booth.same_trial) == (("booth-2008",), ("shea-2009",))
    for arm in shea.arms:
        assert any(c.startswith("calcium 600 mg") for c in arm.co_supplements)
        assert any(c.startswith("vitamin D 400 IU") for c in arm.co_supplements)
    both = evidence(population="older adults", vitamer="K1")
    assert {"shea-2009", "booth-2008"} <= {t.key for t in both.trials}
    others = sum(t.n or 0 for t in both.trials if t.key not in {"shea-2009", "booth-2008"})
    assert both.n_participants == others + 452


@pytest.mark.parametrize("key", ["knapen-2007", "knapen-2013", "knapen-2015"])
def test_a_paper_naming_no_primary_outcome_is_counted_apart(key: str) -> None:
    t = trial(key)
    assert not t.primary_stated
    assert t.primary_outcomes == ()
    a = evidence(outcome=t.outcomes[0].area)
    assert a.primary_verdict(t) == "no primary outcome stated"
    row = next(r for r in a.rows if r.trial.key == key)
    assert row.cells[3].startswith("primary not stated")
    assert "named no primary outcome" in a.summary


def test_a_difference_printed_without_statistics_is_never_a_benefit() -> None:
    (bmc,) = [o for o in trial("knapen-2007").outcomes if o.measure.startswith("bone mineral")]
    assert (bmc.direction, bmc.p, bmc.significant) == ("not tested", None, None)
    assert bmc.note is not None
    assert "not assessable" in bmc.note
    # Every controlled-trial result called "not tested" says why.
    for t in all_trials():
        if any(a.control for a in t.arms):
            assert all(o.note for o in t.outcomes if o.direction == "not tested"), t.key


def test_cheung_fracture_counts_come_from_a_named_copy_without_a_hazard_ratio() -> None:
    t = trial("cheung-2008")
    (fractures,) = [o for o in t.outcomes if o.area == "fracture"]
    assert (fractures.estimate, fractures.unit, fractures.p) == (None, None, None)
    assert "nine versus 20" in fractures.quote
    assert fractures.status == "secondary"
    assert fractures.copies
    assert not any("supplementai" in c for c in (*fractures.copies, *t.copies))
    for arm in t.arms:
        assert set(arm.co_supplements) == {"calcium supplement", "vitamin D supplement"}


def test_cockayne_caution_and_per_outcome_trial_counts() -> None:
    m = meta_analysis("cockayne-2006")
    assert m.later_caution[0].notice_doi == "10.1001/jamainternmed.2018.1127"
    assert all(p.n_trials is None for p in m.pooled)


def test_avadec_is_not_tagged_aortic_stenosis() -> None:
    t = trial("diederichsen-2022")
    assert "aortic stenosis" not in t.population_tags
    assert t.n_randomised == 365
    assert t.note is not None
    assert "389" in t.note


def test_a_summary_shows_a_weekly_regimen_per_day_as_a_rounded_decimal_not_a_fraction() -> None:
    from vitk2.evidence import evidence

    text = str(evidence(outcome="calcification"))
    doses = next(line for line in text.splitlines() if line.startswith("Doses:"))
    assert "/7" not in doses
    # iPACK-HD: 10 mg K1 three times a week = 30/7 mg/day, shown rounded and marked as such
    assert "≈4.29 mg/day K1" in doses
