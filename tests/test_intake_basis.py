"""Issue 12: what each reference counts (its basis), editions, grades, and the named equivalents.

Properties first: a vitamer a reference does not count never changes the percentage; the
percentage is additive over what is counted; the equivalents are exact and linear.  Then the
facts: each basis against the text it was read in, each edition's values against the copies
they were read in (see the citations' notes), and the grade filter.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from tests.strategies import adult_ages, daily_doses, daily_doses_of, diary_entries
from vitk2 import (
    K1,
    MK4,
    MK7,
    Amount,
    DailyDose,
    Diary,
    IncompatibleVitamersError,
    InvalidAmountError,
    MissingInputError,
    NoReferenceValueError,
    UnknownAuthorityError,
    all_reference_intakes,
    authority,
    mk4_equivalents,
    percent_of_reference,
    phylloquinone_equivalents,
    reference_basis,
    reference_intake,
)

#: References with a known basis, one per authority and edition that ships adult values.
KNOWN_BASIS = [
    ("IOM", None),
    ("EFSA", None),
    ("Japan", "2025"),
    ("Japan", "2020"),
    ("Japan", "2015"),
]


def _ref(name: str, edition: str | None, age: Fraction) -> vitk2.ReferenceIntake:
    return reference_intake(name, age_years=age, sex="female", edition=edition)


def _uncounted(name: str, edition: str | None) -> st.SearchStrategy[DailyDose]:
    basis = reference_basis(name, edition=edition)
    others = [v for v in vitk2.all_vitamers() if basis.factor(v) is None]
    return st.sampled_from(others).flatmap(daily_doses)


# --- properties ------------------------------------------------------------------------------


@given(st.sampled_from(KNOWN_BASIS), adult_ages, st.data())
def test_adding_an_uncounted_vitamer_never_changes_the_percent(
    which: tuple[str, str | None], age: Fraction, data: st.DataObject
) -> None:
    name, edition = which
    ref = _ref(name, edition, age)
    intake = data.draw(st.lists(daily_doses(), max_size=4))
    extra = data.draw(_uncounted(name, edition))
    before = percent_of_reference(intake, ref)
    after = percent_of_reference([*intake, extra], ref)
    assert after.percent == before.percent
    assert after.counted_micrograms_per_day == before.counted_micrograms_per_day
    if extra.micrograms_per_day:
        assert extra.vitamer in {d.vitamer for d in after.left_out}


@given(st.sampled_from(KNOWN_BASIS), adult_ages, st.lists(daily_doses(), min_size=1, max_size=5))
def test_the_percent_is_the_sum_of_each_counted_part(
    which: tuple[str, str | None], age: Fraction, intake: list[DailyDose]
) -> None:
    ref = _ref(*which, age)
    basis = ref.basis
    assert basis is not None
    assert ref.value is not None
    whole = percent_of_reference(intake, ref)
    parts = sum((percent_of_reference(d, ref).percent for d in intake), Fraction(0))
    assert whole.percent == parts
    expected = sum(
        (d.micrograms_per_day * (basis.factor(d.vitamer) or 0) for d in intake), Fraction(0)
    )
    assert whole.percent == expected * 100 / ref.value.micrograms_per_day
    # What was counted and what was left out make up the intake, vitamer by vitamer.
    assert {d.vitamer for d in whole.counted} | {d.vitamer for d in whole.left_out} == {
        d.vitamer for d in intake
    }


@given(st.lists(daily_doses(), min_size=1, max_size=5), adult_ages)
def test_by_mass_is_the_plain_total_whatever_the_basis(
    intake: list[DailyDose], age: Fraction
) -> None:
    for name, edition in KNOWN_BASIS:
        ref = _ref(name, edition, age)
        assert ref.value is not None
        p = percent_of_reference(intake, ref, by="mass")
        total = sum((d.micrograms_per_day for d in intake), Fraction(0))
        assert p.by == "mass"
        assert p.percent == total * 100 / ref.value.micrograms_per_day
        assert p.left_out == ()


@given(daily_doses_of("K1"), daily_doses_of("MK-4"), daily_doses_of("MK-7"), adult_ages)
def test_japan_counts_mk4_equivalents(
    k1: DailyDose, mk4: DailyDose, mk7: DailyDose, age: Fraction
) -> None:
    ref = reference_intake("Japan", age_years=age)
    p = percent_of_reference([k1, mk4, mk7], ref)
    assert p.counted_micrograms_per_day == mk4_equivalents([k1, mk4, mk7]).micrograms_per_day
    assert p.percent == p.counted_micrograms_per_day * 100 / 150


@given(st.lists(st.sampled_from(["K1", "MK-4", "MK-7"]).flatmap(daily_doses_of), max_size=6))
def test_mk4_equivalents_are_exact_and_linear(doses: list[DailyDose]) -> None:
    if not doses:
        with pytest.raises(InvalidAmountError):
            mk4_equivalents(doses)
        return
    whole = mk4_equivalents(doses)
    assert whole.vitamer == MK4
    assert whole.micrograms_per_day == sum(
        (mk4_equivalents(d).micrograms_per_day for d in doses), Fraction(0)
    )
    for d in doses:
        eq = mk4_equivalents(d).micrograms_per_day
        if d.vitamer == MK7:  # the same number of moles of MK-4, exactly
            assert eq / MK4.molar_mass_g_per_mol == d.micrograms_per_day / MK7.molar_mass_g_per_mol
        else:
            assert eq == d.micrograms_per_day


@given(st.integers(4, 10), st.fractions(min_value=0, max_value=10**6, max_denominator=1000))
def test_phylloquinone_equivalents_are_moles_of_k1(n: int, ug: Fraction) -> None:
    mk = vitk2.menaquinone(n)
    eq = phylloquinone_equivalents(Amount.from_micrograms(mk, ug))
    assert eq.vitamer == K1
    assert eq.in_units("nmol") == Amount.from_micrograms(mk, ug).in_units("nmol")


@given(diary_entries(max_size=5), adult_ages)
def test_a_diary_is_compared_as_its_known_totals(
    pairs: list[tuple[str, Fraction]], age: Fraction
) -> None:
    diary = Diary.of(*((fid, f"{g} g") for fid, g in pairs))
    totals = diary.totals()
    ref = reference_intake("Japan", age_years=age)
    p = percent_of_reference(diary, ref)
    known = [t.known.per_day() for t in totals if t.known is not None]
    assert p.percent == percent_of_reference(known, ref).percent
    unknown = {t.vitamer for t in totals if t.unknown_entries}
    assert set(p.unknown) == {v for v in unknown if ref.basis and ref.basis.factor(v)}
    assert p.is_lower_bound == bool(p.unknown)
    assert percent_of_reference(totals, ref) == p
    assert diary.percent_of_reference(ref) == p
    assert diary.percent_of_reference(ref, by="mass") == percent_of_reference(diary, ref, by="mass")


# --- the facts ---------------------------------------------------------------------------------


def test_each_basis_as_read() -> None:
    # EFSA 2017: "sets AIs for phylloquinone only"; IOM 2001: AIs from phylloquinone intakes.
    for name in ("IOM", "EFSA"):
        b = reference_basis(name)
        assert b.counts is not None
        assert [c.vitamer for c in b.counts] == [K1]
        assert (b.counts[0].rule, b.counts[0].factor) == ("mass", Fraction(1))
        assert b.grade == "primary"
    # Japan 2025 (MHLW report, page mirror): K1 and MK-4 by weight, MK-7 as MK-4 equivalents.
    japan = reference_basis("Japan")
    assert japan.grade == "primary"
    assert japan.factor("K1") == japan.factor("MK-4") == 1
    mk7 = japan.factor("MK-7")
    assert mk7 == MK4.molar_mass_g_per_mol / MK7.molar_mass_g_per_mol
    assert japan.factor("MK-9") is None
    # The factor a copy gives, 444.7/649.0, agrees with vitk2's molar masses to 2 in 10,000.
    assert abs(mk7 / (Fraction("444.7") / Fraction("649.0")) - 1) < Fraction(2, 10_000)
    # 2020 and 2015: the same rule, read only in copies.
    for edition in ("2020", "2015"):
        b = reference_basis("Japan", edition=edition)
        assert b.counts == japan.counts
        assert b.grade == "secondary"
        assert b.copies
    # Not confirmed: unknown, never "everything".
    for name in ("D-A-CH", "UK", "WHO/FAO", "NHMRC", "NNR", "Korea"):
        assert not reference_basis(name).known
        assert reference_basis(name).factor("K1") is None


def test_mk9_from_cheese_is_left_out_against_iom() -> None:
    iom = reference_intake("IOM", age_years=40, sex="male")
    intake = [DailyDose("K1", "60 µg/day"), DailyDose("MK-9", "20 µg/day")]
    p = percent_of_reference(intake, iom)
    assert p.percent == 50
    assert p.left_out == (DailyDose("MK-9", "20 µg/day"),)
    assert "left out: 20 µg/day MK-9" in str(p)
    assert percent_of_reference(intake, iom, by="mass").percent == Fraction(200, 3)


def test_an_unconfirmed_basis_compares_by_mass_and_says_so() -> None:
    ref = reference_intake("D-A-CH", age_years=40, sex="male")
    p = percent_of_reference(DailyDose("MK-7", "70 µg/day"), ref)
    assert p.by == "mass"
    assert p.percent == 100
    assert "does not say which forms" in p.note


@pytest.mark.parametrize(
    ("kwargs", "edition", "ug", "grade"),
    [
        ({"age_years": 40}, "2025", "150", "secondary"),
        ({"age_years": 30, "pregnant": True}, "2025", "150", "secondary"),
        ({"age_years": 30, "lactating": True}, "2025", "150", "secondary"),
        ({"age_years": 1, "sex": "male"}, "2020", "50", "secondary"),
        ({"age_years": 13, "sex": "male"}, "2020", "140", "secondary"),
        ({"age_years": 16, "sex": "male"}, "2020", "160", "secondary"),
        ({"age_years": 16, "sex": "female"}, "2020", "150", "secondary"),
        ({"age_years": 80, "sex": "female"}, "2020", "150", "secondary"),
        ({"age_months": 3}, "2015", "4", "secondary"),
        ({"age_months": 9}, "2015", "7", "secondary"),
        ({"age_years": 7}, "2015", "85", "secondary"),
        ({"age_years": 16}, "2015", "160", "secondary"),
        ({"age_years": 25, "pregnant": True}, "2015", "150", "secondary"),
    ],
)
def test_japan_values_by_edition(
    kwargs: dict[str, object], edition: str, ug: str, grade: str
) -> None:
    r = reference_intake("Japan", edition=edition, **kwargs)  # type: ignore[arg-type]
    assert r.value == DailyDose.from_micrograms_per_day(K1, ug)
    assert (r.edition, r.grade) == (edition, grade)
    assert len(r.copies) >= 2  # a secondary value names two copies that agree


def test_edition_selection() -> None:
    assert authority("Japan").editions == ("2025", "2020", "2015")
    assert reference_intake("Japan", age_years=40).edition == "2025"  # the latest by default
    assert reference_intake("Japan", age_years=40, edition=2020).edition == "2020"
    assert reference_intake("IOM", age_years=40, sex="male", edition="2001").edition == "2001"
    with pytest.raises(
        UnknownAuthorityError, match=r"Japan has no edition '2010'.*2025, 2020, 2015"
    ):
        reference_intake("Japan", age_years=40, edition="2010")
    # A life stage an edition does not cover names the editions that do.
    with pytest.raises(NoReferenceValueError, match="edition 2020 or 2015 has one"):
        reference_intake("Japan", age_years=8)
    # 2020 girls of 1-14 years: the copies disagree, so no value (and no silent boy's value).
    with pytest.raises(NoReferenceValueError, match="unknown, not zero"):
        reference_intake("Japan", age_years=8, sex="female", edition="2020")
    with pytest.raises(MissingInputError, match="only for male"):
        reference_intake("Japan", age_years=8, edition="2020")
    assert vitk2.upper_limit("Japan").status == "not established"
    assert vitk2.upper_limit("Japan", edition="2020").status == "unknown"
    with pytest.raises(MissingInputError, match="needs an authority"):
        all_reference_intakes(edition="2020")


def test_the_grade_filter() -> None:
    for a in vitk2.AUTHORITIES:
        for e in a.editions:
            every = all_reference_intakes(a, edition=e)
            primary = all_reference_intakes(a, edition=e, require_primary=True)
            assert primary == tuple(r for r in every if r.grade == "primary")
            assert all(bool(r.copies) == (r.grade == "secondary") for r in every)
    assert all_reference_intakes("Japan", require_primary=True) == ()
    assert len(all_reference_intakes("IOM", require_primary=True)) == 12
    with pytest.raises(NoReferenceValueError, match="read only in secondary copies"):
        reference_intake("Japan", age_years=40, require_primary=True)
    assert reference_intake("EFSA", age_years=40, require_primary=True).grade == "primary"
    assert "[secondary;" in str(reference_intake("Japan", age_years=40))
    assert "[primary;" in str(reference_intake("EFSA", age_years=40))
    with pytest.raises(vitk2.InvalidLifeStageError, match="require_primary='yes'"):
        reference_intake("EFSA", age_years=40, require_primary="yes")  # type: ignore[arg-type]


def test_equivalents_refuse_what_they_do_not_define() -> None:
    with pytest.raises(IncompatibleVitamersError, match="not for MK-9"):
        mk4_equivalents(Amount("MK-9", "1 µg"))
    with pytest.raises(IncompatibleVitamersError, match="not for MK-11"):
        phylloquinone_equivalents(DailyDose("MK-11", "1 µg/day"))
    with pytest.raises(InvalidAmountError, match="not both"):
        mk4_equivalents([Amount("K1", "1 µg"), DailyDose("K1", "1 µg/day")])  # type: ignore[list-item]
    with pytest.raises(InvalidAmountError):
        phylloquinone_equivalents("100 µg K1")  # type: ignore[arg-type]
    assert mk4_equivalents(Amount("MK-4", "1 µg")) == Amount("MK-4", "1 µg")
    assert phylloquinone_equivalents(DailyDose("K1", "1 µg/day")) == DailyDose("K1", "1 µg/day")


def test_percent_of_reference_refuses_what_it_cannot_read() -> None:
    ref = reference_intake("EFSA", age_years=40)
    with pytest.raises(InvalidAmountError, match="by='weight' is not accepted"):
        percent_of_reference(DailyDose("K1", "1 µg/day"), ref, by="weight")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="a list of them, or a diary"):
        percent_of_reference(["90 µg/day K1"], ref)
    with pytest.raises(InvalidAmountError, match="ReferenceIntake"):
        percent_of_reference(DailyDose("K1", "1 µg/day"), "EFSA")  # type: ignore[arg-type]


# --- the label panel and the command line ---------------------------------------------------------


def test_a_label_panel_is_counted_on_the_reference_basis() -> None:
    panel = (
        "Supplement Facts\nVitamin K1  50 mcg  42%\nVitamin K2 (as MK-7)  100 mcg  83%\n"
        "Vitamin K  30 mcg  25%"
    )
    report = vitk2.read_label(panel)
    iom = reference_intake("IOM", age_years=40, sex="female")
    p = report.percent_of_reference(iom)
    assert p.counted == (DailyDose("K1", "50 µg/day"),)
    assert p.left_out == (DailyDose("MK-7", "100 µg/day"),)
    assert p.unattributed == ("line 4, 30 mcg (form not declared)",)
    assert p.is_lower_bound
    assert p.percent == Fraction(50 * 100, 90)
    by_mass = report.percent_of_reference(iom, by="mass")
    assert by_mass.percent == Fraction(180 * 100, 90)
    assert not by_mass.is_lower_bound
    assert "including parts of unknown form" in str(by_mass)
    assert vitk2.from_dict(vitk2.to_dict(p)) == p
    with pytest.raises(vitk2.LabelError, match="ReferenceIntake"):
        report.percent_of_reference("IOM")  # type: ignore[arg-type]


def test_the_command_line_counts_on_the_basis(tmp_path: Path) -> None:
    from tests.test_cli import run

    diary = tmp_path / "day.csv"
    diary.write_text('food,amount\n"Kale, raw",50 g\n', encoding="utf-8")
    res = run("diary", str(diary), "--reference", "IOM", "--age", "40", "--sex", "male")
    assert res.returncode == 0, res.stderr
    assert "reference: IOM 2001 AI" in res.stdout
    assert "counting K1 by mass" in res.stdout
    data = json.loads(
        run("diary", str(diary), "--reference", "Japan", "--age", "40", "--json").stdout
    )
    assert data["reference"]["grade"] == "secondary"
    assert data["percent_of_reference"]["by"] == "basis"
    res = run("diary", str(diary), "--age", "40")
    assert res.returncode == 2
    assert "need --reference AUTHORITY" in res.stderr
    panel = tmp_path / "panel.txt"
    panel.write_text("Supplement Facts\nVitamin K2 (as MK-7)  100 mcg  83%\n", encoding="utf-8")
    res = run("label", str(panel), "--compare-with", "EFSA", "--age", "40")
    assert res.returncode == 0, res.stderr
    assert "is 0% of the EFSA 2017 AI (70 µg/day), counting K1 by mass" in res.stdout
    data = json.loads(
        run("label", str(panel), "--compare-with", "EFSA", "--age", "40", "--json").stdout
    )
    assert data["ok"] is True
    assert data["percent_of_reference"]["left_out"] == ["100 µg/day MK-7"]
