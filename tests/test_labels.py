"""Supplement Facts and nutrition panels: reading, and the exact %DV / %NRV cross-check."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitk2
from vitk2 import (
    LABEL_REFERENCES,
    Amount,
    LabelError,
    Vitk2Error,
    _label_check,
    _label_rules,
    check_percent,
    read_label,
)
from vitk2._sources import Citation
from vitk2._units import format_number

from .test_cli import assert_user_error, in_process, run

US_PANEL = """\
Supplement Facts
Serving Size 1 Softgel
Servings Per Container 60
Amount Per Serving                      % Daily Value
Vitamin D3 (as cholecalciferol)   25 mcg        125%
Vitamin K1 (as phylloquinone)     90 mcg         75%
Vitamin K2 (as MK-7)             100 mcg         83%
† Daily Value not established.
Other ingredients: olive oil, gelatin, glycerin.
"""

MG_ERROR_PANEL = """\
Supplement Facts
Serving Size 1 Capsule
Amount Per Serving      % Daily Value
Vitamin K2 (as menaquinone-7)   100 mg   83%
"""

PRE_2016_PANEL = """\
Supplement Facts
Serving Size 1 Tablet
Amount Per Serving   %DV
Vitamin K (as phytonadione)   100 mcg   125%
"""

UNDECLARED_PANEL = """\
Supplement Facts
Serving Size 2 Capsules
Amount Per Serving   % Daily Value
Vitamin K    180 mcg   150%
Vitamin K2   90 mcg    75%
"""

EU_PANEL = """\
Nutrition information | per capsule | %NRV*
Vitamin K2 (as menaquinone-7) | 75 µg | 100%
Vitamin D3 | 25 µg | 500%
*NRV = Nutrient Reference Value
"""

UK_PANEL = """\
NUTRITION INFORMATION
Typical values          Per tablet      %RI*
Vitamin K1 (phylloquinone)   50µg    67%
Vitamin K2 (as MK-7)         90µg    120%
*RI = Reference intake of an average adult
"""


def _percent_text(value: Fraction) -> str:
    """A correctly rounded whole percent (half up), as a US Supplement Facts panel prints it."""
    if value < 1:
        return "<1%"
    return f"{math.floor(value + Fraction(1, 2))}%"


# --- real-looking panels ---------------------------------------------------------------------


def test_us_panel_with_k1_and_k2() -> None:
    r = read_label(US_PANEL)
    assert r.region == "us"
    assert r.panel == "Supplement Facts"
    assert r.serving == "Serving Size 1 Softgel"
    assert r.reference is LABEL_REFERENCES["fda-dv-2016"]
    assert r.rounding is not None
    assert r.rounding.key == "fda-supplement-whole-percent"
    k1, k2 = r.vitamin_k
    assert (k1.vitamer, k1.micrograms, k1.form_status) == (vitk2.K1, Fraction(90), "declared")
    assert (k2.vitamer, k2.micrograms) == (vitk2.MK7, Fraction(100))
    assert k2.amount == Amount("MK-7", "100 µg")
    assert k1.percent is not None
    assert k1.percent.value == 75
    assert k2.check is not None
    assert k2.check.exact_percent == Fraction(250, 3)
    assert r.ok
    assert not r.flagged
    assert not r.unread
    kinds = [(o.line_number, o.kind) for o in r.other]
    assert kinds == [
        (1, "title"), (2, "serving"), (3, "serving"), (4, "header"), (5, "nutrient"),
        (8, "footnote"), (9, "ingredients"),
    ]


def test_mg_for_mcg_is_flagged_and_says_what_it_would_fit() -> None:
    r = read_label(MG_ERROR_PANEL)
    (k,) = r.vitamin_k
    assert k.micrograms == 100_000
    assert k.flagged
    assert not r.ok
    assert k.check is not None
    assert k.check.fits == ("100 µg instead of 100 mg (a µg/mg mix-up)",)
    assert "83%" in (k.check.problem or "")
    assert "µg/mg mix-up" in r.to_text()


def test_pre_2016_daily_value_is_recognised() -> None:
    r = read_label(PRE_2016_PANEL)
    (k,) = r.vitamin_k
    assert k.vitamer is vitk2.K1
    assert k.flagged
    assert k.check is not None
    assert k.check.fits == ("the pre-2016 FDA Daily Value (1995 rule), 80 µg, instead of 120 µg",)
    # Checked against the old value on purpose, the same panel passes.
    old = read_label(PRE_2016_PANEL, reference="fda-rdi-1995")
    assert old.ok
    assert old.reference is LABEL_REFERENCES["fda-rdi-1995"]


def test_undeclared_form_is_never_guessed() -> None:
    r = read_label(UNDECLARED_PANEL)
    assert [k.vitamer for k in r.vitamin_k] == [None, None]
    assert [k.form_status for k in r.vitamin_k] == ["not declared", "not declared"]
    assert [k.amount for k in r.vitamin_k] == [None, None]
    assert [k.micrograms for k in r.vitamin_k] == [180, 90]
    assert r.ok
    assert "form not declared" in r.to_text()
    assert r.to_dict()["vitamin_k"][0]["vitamer"] is None


def test_unrecognised_form_is_said_not_guessed() -> None:
    r = read_label("Supplement Facts\nVitamin K2 (as Frobnoquinone)  50 mcg  42%")
    (k,) = r.vitamin_k
    assert k.vitamer is None
    assert k.form_status == "not recognised"
    assert k.form_text == "Frobnoquinone"
    assert "not recognised" in k.describe_form()


def test_eu_panel_checks_the_nrv() -> None:
    r = read_label(EU_PANEL)
    assert r.region == "eu"
    assert r.decimal == ","
    assert r.reference is LABEL_REFERENCES["eu-nrv"]
    (k,) = r.vitamin_k
    assert k.vitamer is vitk2.MK7
    assert k.micrograms == 75
    assert k.check is not None
    assert k.check.passed
    assert k.check.exact_percent == 100
    assert [o.kind for o in r.other] == ["title", "nutrient", "footnote"]


def test_uk_panel_with_reference_intake() -> None:
    r = read_label(UK_PANEL)
    assert r.region == "eu"
    k1, k2 = r.vitamin_k
    assert (k1.vitamer, k2.vitamer) == (vitk2.K1, vitk2.MK7)
    assert r.ok  # 50/75 = 66.7 -> 67 %; 90/75 = 120 %


def test_eu_percent_with_a_decimal_comma_and_two_amount_columns() -> None:
    panel = (
        "Nutrition information | per 100 g | per capsule | %NRV\n"
        "Vitamin K1 | 9000 µg | 37 µg | 49,3 %\n"
    )
    (k,) = read_label(panel).vitamin_k
    assert k.micrograms == 37  # the percent belongs to the per-capsule column before it
    assert k.percent is not None
    assert k.percent.value == Fraction("49.3")
    assert k.check is not None
    assert k.check.passed
    wrong = read_label(panel.replace("49,3", "51,0"))  # 37 ± 0.5 µg is at most 50 %
    assert wrong.flagged


def test_nutrition_facts_panel_uses_the_2_5_10_percent_steps() -> None:
    head = "Nutrition Facts\nServing size 1 cup (85g)\n"
    assert read_label(head + "Vitamin K 10mcg 8%").ok  # 8.3 % -> 8 %
    assert read_label(head + "Vitamin K 25mcg 20%").ok  # 20.8 % -> 20 %
    off_step = read_label(head + "Vitamin K 25mcg 21%")
    assert off_step.flagged
    assert off_step.rounding is not None
    assert off_step.rounding.key == "fda-food-steps"
    check = off_step.vitamin_k[0].check
    assert check is not None
    assert "rounding steps" in (check.problem or "")


def test_less_than_one_percent() -> None:
    head = "Supplement Facts\nAmount Per Serving   % Daily Value\n"
    assert read_label(head + "Vitamin K (as MK-7)  1 mcg  <1%").ok
    assert read_label(head + "Vitamin K (as MK-7)  1 mcg  Less than 1%").ok
    assert read_label(head + "Vitamin K (as MK-7)  2 mcg  <1%").flagged  # 1.67 %


def test_dagger_on_vitamin_k_is_flagged() -> None:
    r = read_label(
        "Supplement Facts\nVitamin K2 (as MK-4)  45 mcg  †\n† Daily Value not established"
    )
    (k,) = r.vitamin_k
    assert k.percent is not None
    assert k.percent.kind == "not established"
    assert k.flagged
    assert k.check is not None
    assert "vitamin K has one" in (k.check.problem or "")


def test_no_percent_is_not_a_flag() -> None:
    r = read_label("Supplement Facts\nVitamin K2 (as MK-7)   100 mcg")
    (k,) = r.vitamin_k
    assert k.percent is None
    assert k.check is None
    assert r.ok


def test_single_spaces_and_pipes_are_read() -> None:
    a = read_label("Supplement Facts\nVitamin K2 (as MK-7) 100 mcg 83%")
    b = read_label("Supplement Facts\n| Vitamin K2 (as MK-7) | 100 mcg | 83% |")
    c = read_label("Supplement Facts\nVitamin K2 (as MK-7)\t100 mcg\t83%")
    for r in (a, b, c):
        (k,) = r.vitamin_k
        assert k.vitamer is vitk2.MK7
        assert k.micrograms == 100
        assert k.percent is not None
        assert k.percent.text == "83%"


def test_lines_that_cannot_be_read_are_kept_with_a_reason() -> None:
    panel = (
        "Supplement Facts\n"
        "Vitamin K2  100 IU  83%\n"
        "Vitamin K1 (as MK-7)  45 mcg  38%\n"
        "Vitamin K2 (as MK-7)\n"
    )
    r = read_label(panel)
    assert not r.vitamin_k
    reasons = [u.reason for u in r.unread]
    assert [u.line_number for u in r.unread] == [2, 3, 4]
    assert "International Unit" in reasons[0]
    assert "names two vitamers" in reasons[1]
    assert "MK-7" in reasons[1]
    assert "no amount" in reasons[2]
    assert "could not read" in r.to_text()


def test_region_must_be_clear_when_percents_are_declared() -> None:
    with pytest.raises(LabelError, match="US %DV or EU/UK %NRV"):
        read_label("Vitamin K2 (as MK-7)  100 mcg  83%")
    assert read_label("Vitamin K2 (as MK-7)  100 mcg  83%", region="us").ok
    assert read_label("Vitamin K2 (as MK-7)  75 mcg  100%", region="eu").ok
    with pytest.raises(LabelError, match="both a US Daily Value and an EU/UK"):
        read_label("Supplement Facts\n%NRV\nVitamin K  75 mcg  100%")


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("",), {}, "empty"),
        (("  \n\t\n",), {}, "empty"),
        ((b"Vitamin K 100 mcg",), {}, "as text"),
        (("Vitamin K 100 mcg",), {"region": "jp"}, "region='jp'"),
        (("Vitamin K 100 mcg",), {"decimal": ";"}, "decimal=';'"),
        (("Vitamin K 100 mcg",), {"reference": "who"}, "reference='who'"),
    ],
)
def test_bad_input_is_a_vitk2_error(args: tuple[object, ...], kwargs: dict[str, object],
                                    match: str) -> None:
    with pytest.raises(LabelError, match=match):
        read_label(*args, **kwargs)  # type: ignore[arg-type]


def test_check_percent_refuses_bad_input() -> None:
    with pytest.raises(LabelError, match="not a percentage"):
        check_percent("100 mcg", "eighty")
    with pytest.raises(LabelError, match="amount of substance"):
        check_percent("100 nmol", "83%")
    with pytest.raises(LabelError, match="rounding="):
        check_percent("100 mcg", "83%", rounding="nearest")
    with pytest.raises(LabelError, match="not 100"):
        check_percent(100, "83%")  # type: ignore[arg-type]
    with pytest.raises(Vitk2Error, match="bare number"):
        check_percent("100", "83%")


def test_label_error_is_exported_like_the_others() -> None:
    assert issubclass(LabelError, Vitk2Error)
    assert issubclass(LabelError, ValueError)
    assert LabelError.__module__ == "vitk2"


def test_renderings_carry_the_advice_line_and_escape_markdown() -> None:
    r = read_label(MG_ERROR_PANEL)
    assert vitk2.NOT_MEDICAL_ADVICE in r.to_text()
    assert str(r) == r.to_text()
    md = r.to_markdown()
    assert md.startswith("# Label check")
    assert "Vitamin K2 (as menaquinone-7)" in md  # parentheses are not Markdown syntax
    d = r.to_dict()
    assert d["schema_version"] == 1
    assert d["ok"] is False
    assert d["not_medical_advice"] == vitk2.NOT_MEDICAL_ADVICE
    assert json.loads(json.dumps(d)) == d
    assert d["vitamin_k"][0]["check"]["fits"] == ["100 µg instead of 100 mg (a µg/mg mix-up)"]


def test_references_cite_their_sources() -> None:
    for ref in LABEL_REFERENCES.values():
        assert ref.citations
        assert all(c.link for c in ref.citations)
    assert {r.micrograms for r in LABEL_REFERENCES.values()} == {120, 80, 75}


# --- the tolerance boundary, exactly ---------------------------------------------------------


def test_boundary_of_the_whole_percent_tolerance_is_exact() -> None:
    # 84 % covers exact percentages in [83.5, 84.5]; 84.5 % of 120 µg is exactly 101.4 µg.
    top = Amount.from_micrograms("MK-7", Fraction("101.4"))
    assert check_percent(top, "84%").passed
    just_over = Amount.from_micrograms("MK-7", Fraction("101.4") + Fraction(1, 10**9))
    assert not check_percent(just_over, "84%").passed
    bottom = Amount.from_micrograms("MK-7", Fraction("100.2"))  # 83.5 % exactly
    assert check_percent(bottom, "84%").passed
    assert not check_percent(
        Amount.from_micrograms("MK-7", Fraction("100.2") - Fraction(1, 10**9)), "84%"
    ).passed


def test_printed_amount_is_taken_as_rounded() -> None:
    # "101 mcg" is anything from 100.5 to 101.5 µg: 83.75 % to 84.58 %, which print as 84 %
    # or 85 %, not 83 % or 86 %.
    c = check_percent("101 mcg", "84%")
    assert c.passed
    assert c.low == Fraction("83.75")
    assert c.high == Fraction(1015, 12)
    assert check_percent("101 mcg", "85%").passed
    assert not check_percent("101 mcg", "83%").passed
    assert not check_percent("101 mcg", "86%").passed
    # One more printed decimal narrows the range.
    assert check_percent("101.0 mcg", "84%").passed
    assert not check_percent("101.0 mcg", "85%").passed


# --- properties ------------------------------------------------------------------------------

whole_micrograms = st.integers(min_value=1, max_value=500_000)


@given(whole_micrograms)
def test_a_correctly_rounded_percent_always_passes(ug: int) -> None:
    for key in ("fda-dv-2016", "fda-rdi-1995", "eu-nrv"):
        ref = LABEL_REFERENCES[key]
        exact = Fraction(ug * 100) / ref.micrograms
        assert check_percent(f"{ug} mcg", _percent_text(exact), reference=key).passed
        # Round half to even is also correct rounding, and also passes.
        assert check_percent(f"{ug} mcg", f"{round(exact)}%" if exact >= 1 else "<1%",
                             reference=key).passed
    # A whole panel with the same line passes too.
    exact = Fraction(ug * 100, 120)
    panel = f"Supplement Facts\nVitamin K2 (as MK-7)  {ug} mcg  {_percent_text(exact)}"
    assert read_label(panel).ok


@given(whole_micrograms, st.integers(min_value=0, max_value=10**6), st.booleans())
def test_a_percent_outside_the_tolerance_is_flagged(ug: int, extra: int, above: bool) -> None:
    c = check_percent(f"{ug} mcg", "50%")  # just to learn the accepted range for this amount
    if above:
        declared = math.floor(c.high + Fraction(1, 2)) + 1 + extra
    else:
        declared = math.ceil(c.low - Fraction(1, 2)) - 1 - extra
        if declared < 1:
            return
    assert not check_percent(f"{ug} mcg", f"{declared}%").passed


@given(st.integers(min_value=1, max_value=2_000), st.sampled_from(["fda-dv-2016", "eu-nrv"]))
def test_a_mg_ug_swap_of_a_consistent_line_is_always_flagged(n: int, key: str) -> None:
    ref = LABEL_REFERENCES[key]
    percent = _percent_text(Fraction(n * 100) / ref.micrograms)
    assert check_percent(f"{n} mcg", percent, reference=key).passed
    swapped = check_percent(f"{n} mg", percent, reference=key)
    assert not swapped.passed
    assert f"{n} µg instead of {n} mg (a µg/mg mix-up)" in swapped.fits
    # The other way round: a line consistent in mg, printed in µg.
    percent_mg = _percent_text(Fraction(n * 100_000) / ref.micrograms)
    assert check_percent(f"{n} mg", percent_mg, reference=key).passed
    back = check_percent(f"{n} mcg", percent_mg, reference=key)
    assert not back.passed
    assert f"{n} mg instead of {n} mcg (a µg/mg mix-up)" in back.fits


@given(st.fractions(min_value=0, max_value=10**6, max_denominator=1000),
       st.integers(min_value=0, max_value=5000))
def test_exact_amounts_pass_exactly_when_within_half_a_percent(ug: Fraction, declared: int) -> None:
    amount = Amount.from_micrograms("K1", ug)
    exact = ug * 100 / 120
    expected = abs(exact - declared) <= Fraction(1, 2)
    assert check_percent(amount, f"{declared}%").passed is expected


line_texts = st.text(
    alphabet=st.sampled_from(list("Vitamin K2 (as MK-7) 100 mcg mg µg IU 83% <1 † | \t,.")),
    max_size=40,
)


@given(st.lists(line_texts, min_size=1, max_size=8))
def test_every_line_is_accounted_for_and_errors_are_vitk2_errors(lines: list[str]) -> None:
    text = "Supplement Facts\n" + "\n".join(lines)
    try:
        r = read_label(text)
    except LabelError:
        return
    seen = sorted(
        [k.line_number for k in r.vitamin_k]
        + [o.line_number for o in r.other]
        + [u.line_number for u in r.unread]
    )
    expected = [i for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    assert seen == expected
    json.dumps(r.to_dict())


@given(whole_micrograms)
def test_exact_percent_is_exact(ug: int) -> None:
    c = check_percent(f"{ug} µg", "1%")
    assert c.exact_percent == Fraction(ug * 100, 120)
    assert Fraction(c.to_dict()["exact_percent"]) == c.exact_percent
    assert format_number(c.exact_percent) == c.to_dict()["exact_percent"]


def test_a_panel_without_percents_does_not_claim_its_percents_fit() -> None:
    r = read_label("Supplement Facts\nVitamin K2 (as MK-7) 100 mcg\nVitamin K1 50 mcg")
    assert r.ok  # nothing contradicts the amounts
    head = str(r).splitlines()[1]
    assert head == "No vitamin K percent is declared, so none was checked against its amount."
    mixed = read_label("Supplement Facts\nVitamin K2 (as MK-7) 100 mcg 83%\nVitamin K1 50 mcg")
    assert str(mixed).splitlines()[1] == "Every declared vitamin K percent fits its amount."


# --- command line ----------------------------------------------------------------------------


def test_cli_passes_with_exit_0(tmp_path: Path) -> None:
    f = tmp_path / "panel.txt"
    f.write_text(US_PANEL, encoding="utf-8")
    res = run("label", str(f))
    assert res.returncode == 0, res
    assert "Every declared vitamin K percent fits its amount." in res.stdout
    assert "not medical advice" in res.stdout


def test_cli_flags_with_exit_1_and_json(tmp_path: Path) -> None:
    f = tmp_path / "panel.txt"
    f.write_text(MG_ERROR_PANEL, encoding="utf-8")
    res = run("label", str(f))
    assert res.returncode == 1, res
    assert "FLAGGED" in res.stdout
    assert "µg/mg mix-up" in res.stdout
    res = run("label", str(f), "--json")
    assert res.returncode == 1
    data = json.loads(res.stdout)
    assert data["ok"] is False
    assert data["vitamin_k"][0]["flagged"] is True
    md = run("label", str(f), "--format", "markdown")
    assert md.returncode == 1
    assert md.stdout.startswith("# Label check")


def test_cli_reads_standard_input_and_options(tmp_path: Path) -> None:
    import subprocess
    import sys

    res = subprocess.run(
        [sys.executable, "-m", "vitk2", "label", "-", "--region", "eu"],
        input="Vitamin K2 (as MK-7)  75 µg  100%\n", capture_output=True, text=True,
        check=False, encoding="utf-8",
    )
    assert res.returncode == 0, res
    assert "EU/UK" in res.stdout
    f = tmp_path / "old.txt"
    f.write_text(PRE_2016_PANEL, encoding="utf-8")
    assert run("label", str(f)).returncode == 1
    assert run("label", str(f), "--reference", "fda-rdi-1995").returncode == 0


def test_cli_user_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    assert_user_error(run("label", str(tmp_path / "missing.txt")))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    res = run("label", str(empty))
    assert_user_error(res)
    assert "empty" in res.stderr
    unclear = tmp_path / "unclear.txt"
    unclear.write_text("Vitamin K  100 mcg  83%\n", encoding="utf-8")
    res = run("label", str(unclear))
    assert_user_error(res)
    assert "--region us" in res.stderr
    assert "region=" not in res.stderr
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    assert_user_error(run("label", str(binary)))
    assert_user_error(run("label", str(unclear), "--region", "jp"))


def test_the_how_to_shows_the_real_output() -> None:
    page = Path(__file__).parent.parent / "docs" / "howto" / "read-a-supplement-label.md"
    text = page.read_text(encoding="utf-8")
    shown = text.split("The first prints", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    panel = Path(__file__).parent.parent / "examples" / "panels" / "mg-error.txt"
    report = read_label(panel.read_text(encoding="utf-8"))
    assert shown == report.to_text() + "\n"


def test_source_phrases_ingredients_and_dv_suffix() -> None:
    r = read_label(
        "Supplement Facts\n"
        "Vitamin K2 (from fermented soybeans)   100 mcg   83% DV\n"
        "Vitamin K2 as MK-7 (from fermented soybeans)   50 mcg   42%\n"
        "Other ingredients: vitamin K2 (as MK-7), olive oil.\n"
    )
    first, second = r.vitamin_k
    assert first.form_status == "not declared"  # a source is not a form
    assert first.percent is not None
    assert first.percent.value == 83
    assert second.vitamer is vitk2.MK7
    assert [o.kind for o in r.other] == ["title", "ingredients"]
    assert r.ok


def test_percent_thousands_separators_and_decimal_marks() -> None:
    us = "Supplement Facts\nVitamin K1 (as phylloquinone)   1500 mcg   1,250%\n"
    (k,) = read_label(us).vitamin_k
    assert k.percent is not None
    assert k.percent.value == 1250
    assert read_label(us).ok
    eu = "Nutrition information | per capsule | %NRV\nVitamin K1 | 1500 µg | 2.000%\n"
    (e,) = read_label(eu).vitamin_k
    assert e.percent is not None
    assert e.percent.value == 2000
    # UK panels print a decimal point; with the mark inferred (not given), 66.7 is unambiguous.
    uk = "Nutrition information | per capsule | %RI\nVitamin K1 | 50 µg | 66.7%\n"
    (u,) = read_label(uk).vitamin_k
    assert u.percent is not None
    assert u.percent.value == Fraction("66.7")
    assert read_label(uk).ok
    # Given explicitly, a mark that contradicts it is not guessed: the line is kept, unread.
    strict = read_label(uk, decimal=",")
    assert not strict.vitamin_k
    assert "unambiguously" in strict.unread[0].reason


def test_an_ambiguous_percent_is_never_guessed() -> None:
    panel = "Vitamin K1   1500 mcg   1,250%\n"
    assert read_label(panel, region="us").ok  # a US panel groups thousands with commas
    # Told that the comma is the decimal mark, vitk2 reads 1.25 % and flags it.
    (k,) = read_label(panel, region="us", decimal=",").vitamin_k
    assert k.percent is not None
    assert k.percent.value == Fraction("1.25")
    assert k.flagged
    with pytest.raises(LabelError, match="unambiguously"):
        vitk2.DeclaredPercent.read("1,250%")
    assert vitk2.DeclaredPercent.read("1,250%", decimal=".").value == 1250
    assert vitk2.DeclaredPercent.read("1,250%", decimal=",").value == Fraction("1.25")


# --- numbers as each convention writes them --------------------------------------------------


def test_eu_decimal_comma_and_thousands_point() -> None:
    panel = (
        "Nutrition information | per 100 g | per capsule | %NRV*\n"
        "Vitamin K2 (as menaquinone-7) | 1.500 µg | 37,5 µg | 50 %\n"
        "*NRV = Nutrient Reference Value\n"
    )
    r = read_label(panel)
    assert r.decimal == ","
    (k,) = r.vitamin_k
    assert k.micrograms == Fraction(75, 2)
    assert k.amount == Amount("MK-7", "37.5 µg")
    assert r.ok
    assert check_percent("37,5 µg", "50%", reference="eu-nrv", decimal=",").passed
    # 37,5 is printed to a tenth: 37.45 to 37.55 µg, 49.93 % to 50.07 %.
    c = check_percent("37,5 µg", "50%", reference="eu-nrv", decimal=",")
    assert (c.low, c.high) == (Fraction("37.45") * 4 / 3, Fraction("37.55") * 4 / 3)


def test_us_thousands_comma() -> None:
    panel = "Supplement Facts\nVitamin K1 (as phylloquinone)   1,000 mcg   833%\n"
    r = read_label(panel)
    (k,) = r.vitamin_k
    assert k.micrograms == 1000
    assert r.ok
    assert read_label(panel.replace("1,000 mcg", "1,000 mg")).flagged


def test_uk_decimal_point_under_an_inferred_comma_and_a_strict_explicit_one() -> None:
    panel = "Nutrition information | per tablet | %RI\nVitamin K1 | 37.5µg | 50%\n"
    (k,) = read_label(panel).vitamin_k  # inferred "," yields to an unambiguous 37.5
    assert k.micrograms == Fraction(75, 2)
    strict = read_label(panel, decimal=",")  # given explicitly, it does not
    assert not strict.vitamin_k
    assert "37.5" in strict.unread[0].reason


def test_an_ambiguous_amount_with_no_convention_is_unread_not_guessed() -> None:
    r = read_label("Vitamin K1 (as phylloquinone)   1,000 mcg")
    assert r.region is None
    assert not r.vitamin_k
    (u,) = r.unread
    assert "could be 1000" in u.reason


@given(st.integers(min_value=10, max_value=10**7))
def test_decimal_comma_amounts_are_read_exactly_and_check_as_printed(tenths: int) -> None:
    whole, tenth = divmod(tenths, 10)
    amount = f"{whole:,}".replace(",", ".") + f",{tenth} µg"  # 1.234,5 µg
    exact = Fraction(tenths, 10) * 100 / 75
    shown = math.floor(exact + Fraction(1, 2))
    panel = f"Nutrition information | per capsule | %NRV\nVitamin K1 | {amount} | {shown} %\n"
    r = read_label(panel)
    (k,) = r.vitamin_k
    assert k.micrograms == Fraction(tenths, 10)
    assert r.ok


@given(st.integers(min_value=1, max_value=10**9))
def test_thousands_commas_on_us_panels_are_read_exactly(n: int) -> None:
    panel = f"Supplement Facts\nVitamin K2 (as MK-7)   {n:,} mcg\n"
    (k,) = read_label(panel).vitamin_k
    assert k.micrograms == n


def test_hostile_amounts_and_sizes_are_vitk2_errors() -> None:
    r = read_label("Supplement Facts\nVitamin K  NaN mcg  83%\nVitamin K  -5 mcg  0%\n")
    assert [u.line_number for u in r.unread] == [2, 3]
    assert "finite" in r.unread[0].reason
    with pytest.raises(LabelError, match="at most 100,000 characters"):
        read_label("Vitamin K  100 mcg\n" * 10_000)


any_lines = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda n, u, p: f"Vitamin K2 (as MK-7)  {n} {u}  {p}",
        st.text(alphabet="0123456789.,½e-+/ ", max_size=12),
        st.sampled_from(["mcg", "mg", "µg", "IU", "nmol", "g", "ml", ""]),
        st.text(alphabet="0123456789.,%<† lesthan", max_size=10),
    ),
)


@given(st.lists(any_lines, min_size=1, max_size=6), st.sampled_from([None, "us", "eu"]),
       st.sampled_from([None, ".", ","]))
def test_any_text_gives_a_report_or_a_label_error(
    lines: list[str], region: str | None, decimal: str | None
) -> None:
    try:
        r = read_label("\n".join(lines), region=region, decimal=decimal)  # type: ignore[arg-type]
    except LabelError:
        return
    json.dumps(r.to_dict())
    assert r.to_text()
    assert r.to_markdown()


def test_a_mixup_and_an_old_reference_together_are_named() -> None:
    c = check_percent("100 mg", "125%")
    assert not c.passed
    assert c.fits == (
        ("100 µg instead of 100 mg (a µg/mg mix-up), with the pre-2016 FDA Daily Value "
        "(1995 rule), 80 µg, instead of 120 µg"),
    )
    assert check_percent("100 mg", "9%").fits == ()  # fits nothing vitk2 knows


@pytest.mark.parametrize(
    ("amount", "percent", "ok"),
    [
        ("14 mcg", "10%", True),  # 11.7 % is above 10 %: nearest 5 % step is 10 %
        ("15 mcg", "10%", True),  # 12.5 %: the top of that step, included
        ("15.1 mcg", "10%", False),
        ("2 mcg", "0%", True),  # under 2 % may be declared as zero
        ("3 mcg", "0%", False),  # 2.5 %
        ("65 mcg", "50%", True),  # 54.2 % rounds down to 50 % on 10 % steps
        ("67 mcg", "50%", False),  # 55.8 %
        ("67 mcg", "60%", True),
    ],
)
def test_nutrition_facts_steps_at_their_edges(amount: str, percent: str, ok: bool) -> None:
    assert check_percent(amount, percent, rounding="fda-food-steps").passed is ok


def test_a_percent_cell_that_cannot_be_read_keeps_the_line_unread() -> None:
    r = read_label("Nutrition information\nVitamin K1 | 1500 µg | 83 % (DV)\n")
    assert not r.vitamin_k
    assert "not a percentage" in r.unread[0].reason
    (k,) = read_label("Nutrition information\nVitamin K1 | 937.500 µg | 1.250.000 %\n").vitamin_k
    assert k.percent is not None
    assert k.percent.value == 1_250_000


def test_trade_names_are_read_with_their_sources() -> None:
    (k,) = read_label("Supplement Facts\nVitamin K2 (as MenaQ7®)   90 mcg   75%").vitamin_k
    assert k.vitamer is vitk2.MK7
    assert k.form_status == "declared"
    assert k.sources
    assert all(vitk2.citation(key).link for key in k.sources)
    assert k.to_dict()["sources"] == list(k.sources)


def test_a_declared_mixture_keeps_its_total_and_is_checked() -> None:
    r = read_label(
        "Supplement Facts\n"
        "Vitamin K (as phylloquinone, menaquinone-4, menaquinone-7)  2.1 mg  1750%\n"
        "Vitamin K2 (as MK-4 and MK-7)  200 mcg  167%\n"
        "Vitamin K2 (as phylloquinone and MK-7)  200 mcg  167%\n"
    )
    mix, k2 = r.vitamin_k
    assert mix.form_status == "mixture"
    assert mix.mixture == (vitk2.K1, vitk2.MK4, vitk2.MK7)
    assert mix.vitamer is None
    assert mix.amount is None
    assert mix.micrograms == 2100
    assert mix.describe_form() == "mixture of K1, MK-4, MK-7"
    assert k2.mixture == (vitk2.MK4, vitk2.MK7)
    assert not r.flagged
    # A K2 heading over a K1 form is a contradiction, not a mixture: the line is not read,
    # so the panel is not ok.
    (u,) = r.unread
    assert u.line_number == 4
    assert "names two vitamers" in u.reason
    assert not r.ok


def test_bare_numbers_in_a_percent_column() -> None:
    panel = (
        "NUTRITIONAL INFORMATION\n"
        "Typical Values        Per Tablet   %NRV**\n"
        "Vitamin K2 (Menaquinone-7) 100µg 133\n"
        "Vitamin K1 | 50 µg | 67\n"
        "Vitamin K1   50 µg   90\n"
        "**NRV = Nutrient Reference Value\n"
    )
    r = read_label(panel)
    assert [k.micrograms for k in r.vitamin_k] == [100, 50, 50]
    assert [str(k.percent) for k in r.vitamin_k] == ["133", "67", "90"]
    assert [k.flagged for k in r.vitamin_k] == [False, False, True]
    # Without a percent column a trailing number is not taken for a percent.
    r = read_label("Supplement Facts\nVitamin K2 (as MK-7)   100 mcg   83\n")
    assert not r.vitamin_k
    assert r.unread


def test_references_and_roundings_may_be_given_as_objects() -> None:
    old = LABEL_REFERENCES["fda-rdi-1995"]
    assert check_percent("100 mcg", "125%", reference=old).passed
    assert read_label(PRE_2016_PANEL, reference=old).ok
    steps = vitk2.PERCENT_ROUNDINGS["fda-food-steps"]
    assert not check_percent("25 mcg", "21%", rounding=steps).passed
    fake = vitk2.LabelReference(key="fda-dv-2016", name="made up", micrograms=Fraction(1),
                                percent_label="%DV", region="us", sources=())
    with pytest.raises(LabelError, match="reference="):
        check_percent("100 mcg", "83%", reference=fake)


def test_report_json_reads_back_and_damage_is_refused() -> None:
    r = read_label(MG_ERROR_PANEL)
    d = r.to_dict()
    assert d["type"] == "LabelReport"
    assert vitk2.LabelReport.from_dict(d) == r
    assert vitk2.from_dict(json.loads(json.dumps(d))) == r
    lie = json.loads(json.dumps(d))
    lie["ok"] = True
    with pytest.raises(vitk2.SerializationError, match="ok"):
        vitk2.from_dict(lie)
    lie = json.loads(json.dumps(d))
    lie["vitamin_k"][0]["check"]["passed"] = True
    with pytest.raises(vitk2.SerializationError):
        vitk2.from_dict(lie)
    lie = json.loads(json.dumps(d))
    lie["vitamin_k"][0]["micrograms"] = "100"  # the check was of 100 mg
    with pytest.raises(vitk2.SerializationError):
        vitk2.from_dict(lie)


# --- grades and require_primary ----------------------------------------------------------------

_ALL_KEYS = sorted({k for r in LABEL_REFERENCES.values() for k in r.sources}
                   | {k for r in vitk2.PERCENT_ROUNDINGS.values() for k in r.sources})


def _graded(primary: set[str]) -> Callable[[str], Citation]:
    """vitk2's citations, with the notes of *primary* keys rewritten as read in the original."""
    real = vitk2.citation

    def lookup(key: str) -> Citation:
        c = real(key)
        if key in primary:
            return attrs.evolve(c, note="Read in the authority's own text (test double).")
        return c

    return lookup


@contextmanager
def _primary(*keys: str) -> Iterator[None]:
    """Pretend the figures cited by *keys* were read in the authority's own text."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_label_rules, "citation", _graded(set(keys)))
        yield


def test_every_shipped_label_figure_is_graded_from_its_citation() -> None:
    figures: list[vitk2.LabelReference | vitk2.PercentRounding] = [
        *LABEL_REFERENCES.values(), *vitk2.PERCENT_ROUNDINGS.values()]
    for figure in figures:
        notes = [vitk2.citation(k).note or "" for k in figure.sources]
        expected = "secondary" if any(n.startswith("SECONDARY") for n in notes) else "primary"
        assert figure.grade == expected
    # As shipped, none of the six figures was read in the authority's own text.
    assert {r.grade for r in LABEL_REFERENCES.values()} == {"secondary"}
    with _primary("eu-1169-2011"):
        assert LABEL_REFERENCES["eu-nrv"].grade == "primary"
        assert LABEL_REFERENCES["fda-dv-2016"].grade == "secondary"


def test_every_check_shows_its_grades_and_citation_keys() -> None:
    report = read_label(US_PANEL)
    for k in report.vitamin_k:
        assert k.check is not None
        assert k.check.reference_grade == "secondary"
        assert k.check.sources == ("fda-2016-nutrition-labels", "fda-21cfr101-36")
        d = k.check.to_dict()
        assert (d["reference_grade"], d["rounding_grade"], d["status"]) == (
            "secondary", "secondary", "passed")
        assert d["sources"] == ["fda-2016-nutrition-labels", "fda-21cfr101-36"]
    text = report.to_text()
    assert text.count("sources: reference secondary (fda-2016-nutrition-labels); rounding "
                      "secondary (fda-21cfr101-36)") == 2
    assert "sources: reference secondary" in report.to_markdown()


def test_require_primary_leaves_secondary_checks_unchecked() -> None:
    loose, strict = read_label(MG_ERROR_PANEL), read_label(MG_ERROR_PANEL, require_primary=True)
    assert len(loose.flagged) == 1
    assert not loose.ok
    assert strict.flagged == ()
    assert len(strict.unchecked) == 1
    assert not strict.ok
    for k in strict.vitamin_k:
        assert k.check is not None
        assert k.check.status == "unchecked: reference is secondary"
        assert not k.check.passed
        assert not k.flagged
        assert k.unchecked
        assert k.check.fits == ()
        assert "fda-2016-nutrition-labels" in (k.check.problem or "")
    text = strict.to_text()
    assert "primary sources required" in text
    assert "1 vitamin K line not checked" in text
    assert "UNCHECKED: the FDA Daily Value (2016 rule), 120 µg was read only" in text
    assert "FLAGGED" not in text
    # The amount is still read exactly; only the verdict is withheld.
    assert [k.micrograms for k in strict.vitamin_k] == [k.micrograms for k in loose.vitamin_k]
    # A panel with no percent to check is unaffected.
    bare = read_label("Supplement Facts\nVitamin K2 (as MK-7)  100 mcg", require_primary=True)
    assert bare.ok
    assert bare.unchecked == ()


def test_a_secondary_rounding_rule_is_refused_even_when_the_reference_is_primary() -> None:
    with _primary("fda-2016-nutrition-labels"):
        c = check_percent("100 mcg", "83%", require_primary=True)
        assert c.status == "unchecked: rounding rule is secondary"
        assert c.reference_grade == "primary"
        assert c.rounding_grade == "secondary"
        assert "fda-21cfr101-36" in (c.problem or "")
    with _primary("fda-2016-nutrition-labels", "fda-21cfr101-36"):
        c = check_percent("100 mcg", "83%", require_primary=True)
        assert c.status == "passed"
        assert c.passed
        bad = check_percent("100 mg", "83%", require_primary=True)
        assert bad.status == "flagged"
        assert bad.fits


@given(st.integers(0, 10**6), st.integers(0, 5000),
       st.sampled_from(["fda-dv-2016", "fda-rdi-1995", "eu-nrv"]))
def test_require_primary_changes_nothing_when_everything_is_primary(
    ug: int, pct: int, key: str
) -> None:
    with _primary(*_ALL_KEYS):
        loose = check_percent(f"{ug} µg", f"{pct}%", reference=key)
        strict = check_percent(f"{ug} µg", f"{pct}%", reference=key, require_primary=True)
        assert strict.reference_grade == strict.rounding_grade == "primary"
    assert strict == loose
    assert strict.status == ("passed" if loose.passed else "flagged")


@given(st.integers(0, 10**6), st.integers(0, 5000),
       st.sampled_from(["fda-dv-2016", "fda-rdi-1995", "eu-nrv"]))
def test_require_primary_never_passes_or_flags_a_secondary_figure(
    ug: int, pct: int, key: str
) -> None:
    loose = check_percent(f"{ug} µg", f"{pct}%", reference=key)
    strict = check_percent(f"{ug} µg", f"{pct}%", reference=key, require_primary=True)
    assert not strict.passed
    assert not strict.flagged
    assert not strict.checked
    assert strict.status == "unchecked: reference is secondary"
    # Same arithmetic, no verdict: the exact percentage is still there to read.
    assert (strict.exact_percent, strict.low, strict.high) == (
        loose.exact_percent, loose.low, loose.high)
    assert loose.status in {"passed", "flagged"}


@given(st.lists(st.tuples(st.integers(1, 5000), st.sampled_from(["mcg", "mg"]),
                          st.integers(0, 3000)), min_size=1, max_size=5),
       st.booleans())
def test_a_strict_report_is_ok_exactly_when_nothing_was_left_to_check(
    rows: list[tuple[int, str, int]], with_percent: bool
) -> None:
    panel = "Supplement Facts\n" + "".join(
        f"Vitamin K2 (as MK-7)   {n} {u}   {p if with_percent else ''}"
        f"{'%' if with_percent else ''}\n" for n, u, p in rows
    )
    strict = read_label(panel, require_primary=True)
    assert strict.flagged == ()
    assert strict.ok == (not with_percent)
    assert len(strict.unchecked) == (len(rows) if with_percent else 0)
    assert vitk2.LabelReport.from_dict(json.loads(json.dumps(strict.to_dict()))) == strict


def test_grades_and_statuses_cannot_be_forged() -> None:
    d = read_label(MG_ERROR_PANEL).to_dict()
    for field, lie in (("reference_grade", "primary"), ("rounding_grade", "primary"),
                       ("sources", ["fda-1995-rdi"]),
                       ("status", "unchecked: reference is secondary")):
        forged = json.loads(json.dumps(d))
        forged["vitamin_k"][0]["check"][field] = lie
        with pytest.raises(vitk2.SerializationError):
            vitk2.from_dict(forged)
    strict = read_label(MG_ERROR_PANEL, require_primary=True).to_dict()
    forged = json.loads(json.dumps(strict))
    forged["require_primary"] = False  # the lines say otherwise
    with pytest.raises(vitk2.SerializationError):
        vitk2.from_dict(forged)
    forged = json.loads(json.dumps(strict))
    forged["vitamin_k"][0]["check"]["status"] = "flagged"
    with pytest.raises(vitk2.SerializationError):
        vitk2.from_dict(forged)
    with _primary("fda-2016-nutrition-labels"):
        forged = json.loads(json.dumps(strict))  # the reference is primary now
        with pytest.raises(vitk2.SerializationError):
            vitk2.from_dict(forged)


def test_a_record_written_before_grades_still_reads() -> None:
    d = read_label(MG_ERROR_PANEL).to_dict()
    old = json.loads(json.dumps(d))
    for k in old["vitamin_k"]:
        for field in ("status", "reference_grade", "rounding_grade", "sources"):
            del k["check"][field]
    del old["require_primary"]
    assert vitk2.from_dict(old) == read_label(MG_ERROR_PANEL)


def test_require_primary_must_be_a_bool() -> None:
    with pytest.raises(LabelError, match="require_primary="):
        read_label(US_PANEL, require_primary="yes")  # type: ignore[arg-type]
    with pytest.raises(LabelError, match="require_primary="):
        check_percent("100 mcg", "83%", require_primary=1)  # type: ignore[arg-type]


def test_cli_require_primary(tmp_path: Path) -> None:
    f = tmp_path / "panel.txt"
    f.write_text(US_PANEL, encoding="utf-8")
    assert run("label", str(f)).returncode == 0
    res = run("label", str(f), "--require-primary")
    assert res.returncode == 1, res
    assert "UNCHECKED" in res.stdout
    assert "not checked" in res.stdout
    res = run("label", str(f), "--require-primary", "--json")
    data = json.loads(res.stdout)
    assert data["require_primary"] is True
    assert data["ok"] is False
    assert {k["check"]["status"] for k in data["vitamin_k"]} == {
        "unchecked: reference is secondary"}


def test_the_how_to_shows_the_real_require_primary_output() -> None:
    page = Path(__file__).parent.parent / "docs" / "howto" / "read-a-supplement-label.md"
    text = page.read_text(encoding="utf-8")
    after = text.split("--require-primary\n```\n\nIt prints", 1)[1]
    shown = after.split("```text\n", 1)[1].split("```", 1)[0]
    panel = Path(__file__).parent.parent / "examples" / "panels" / "us-supplement-facts.txt"
    report = read_label(panel.read_text(encoding="utf-8"), require_primary=True)
    assert shown == report.to_text() + "\n"


def test_the_json_form_knows_every_check_status() -> None:
    from vitk2 import _serial_types

    assert _serial_types._CHECK_STATUSES == _label_check.CHECK_STATUSES
    assert len(set(_label_check.CHECK_STATUSES)) == 4


# --- a vitamin K line that cannot be read: the report fails closed ----------------------------

UNREADABLE_K_LINES = [
    ("Vitamin K2 (as MK-7) 100 Mg 83%", "'100 Mg': 'Mg' is not a unit"),
    ("Vitamin K2 (as MK-7) 1000 IU 83%", "'1000 IU': vitamin K has no International Unit"),
    ("Vitamin K2 (as MK-7) -100 mcg 83%", "'-100 mcg': an amount cannot be negative"),
    ("Vitamin K1 (as MK-7) 100 mcg 83%", "names two vitamers"),
]


def _us_panel(*rows: str) -> str:
    return "Supplement Facts\nAmount Per Serving  % Daily Value\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize(("row", "reason"), UNREADABLE_K_LINES)
def test_an_unreadable_vitamin_k_line_makes_the_report_not_ok(row: str, reason: str) -> None:
    r = read_label(_us_panel(row))
    assert not r.vitamin_k
    (u,) = r.unread
    assert (u.line_number, u.raw) == (3, row)
    assert reason in u.reason
    assert not r.ok
    assert r.to_dict()["ok"] is False
    text = r.to_text()
    assert text.splitlines()[1] == "1 vitamin K line could not be read, so it was not checked."
    assert "No vitamin K line found" not in text
    assert "fits its amount" not in text
    md = r.to_markdown()
    assert "**1 vitamin K line could not be read, so it was not checked.**" in md
    assert "No vitamin K line found" not in md


@pytest.mark.parametrize(("row", "reason"), UNREADABLE_K_LINES)
def test_cli_an_unreadable_vitamin_k_line_exits_1(row: str, reason: str) -> None:
    panel = _us_panel(row).encode()
    status, out, err = in_process(["label", "-"], panel)
    assert (status, err) == (1, "")
    assert "1 vitamin K line could not be read" in out
    assert f"- line 3: could not read {row!r}: " in out
    assert reason in out
    assert "No vitamin K line found" not in out
    status, out, err = in_process(["label", "-", "--json"], panel)
    assert (status, err) == (1, "")
    data = json.loads(out)
    assert data["ok"] is False
    assert [u["line_number"] for u in data["unread"]] == [3]
    assert data["vitamin_k"] == []


def test_a_panel_without_vitamin_k_is_still_ok() -> None:
    r = read_label(_us_panel("Vitamin D3 25 mcg 125%", "Vitamin D3 (as cholecalciferol) 25 Mg"))
    assert r.ok
    assert not r.unread
    assert r.to_text().splitlines()[1] == "No vitamin K line found."
    assert [o.kind for o in r.other] == ["title", "header", "nutrient", "nutrient"]
    assert in_process(["label", "-"], _us_panel("Vitamin D3 25 mcg 125%").encode())[0] == 0


MIXED_PANEL = _us_panel(
    "Vitamin D3 25 mcg 125%",
    "Vitamin K2 (as MK-7) 100 Mg 83%",
    "Vitamin K1  100 mcg  83%",
    "Vitamin K1 (as MK-7) 100 mcg 83%",
    "Vitamin K2 (as MK-4)  100 mcg  83%",
)


def test_a_mixed_panel_lists_every_vitamin_k_line_in_line_order() -> None:
    r = read_label(MIXED_PANEL)
    assert [k.line_number for k in r.vitamin_k] == [5, 7]
    assert not r.flagged
    assert [u.line_number for u in r.unread] == [4, 6]
    assert not r.ok
    lines = r.to_text().splitlines()
    assert lines[1] == "2 vitamin K lines could not be read, so they were not checked."
    listed = [line.split(":")[0] for line in lines if line.startswith("- line ")]
    assert listed == ["- line 4", "- line 5", "- line 6", "- line 7"]
    assert "could not read" in lines[2]
    assert "fits its amount" not in r.to_text()
    md = r.to_markdown()
    assert md.index("- line 5:") < md.index("- line 7:") < md.index("- line 4:") < md.index(
        "- line 6:"
    )
    status, out, _ = in_process(["label", "-"], MIXED_PANEL.encode())
    assert status == 1
    assert out == r.to_text().rstrip("\n") + "\n"


def test_a_report_built_out_of_order_is_still_listed_in_line_order() -> None:
    r = read_label(MIXED_PANEL)
    shuffled = attrs.evolve(r, vitamin_k=r.vitamin_k[::-1], unread=r.unread[::-1])
    assert shuffled.to_text() == r.to_text()
    assert shuffled.to_markdown() == r.to_markdown()


def test_unread_lines_are_counted_with_flagged_and_unchecked_ones() -> None:
    panel = _us_panel("Vitamin K2 (as MK-7)  100 mg  83%", "Vitamin K2 (as MK-7) 100 Mg 83%")
    assert read_label(panel).to_text().splitlines()[1] == (
        "1 vitamin K line could not be read, so it was not checked. "
        "1 vitamin K line flagged: the percent contradicts the amount."
    )
    strict = read_label(_us_panel("Vitamin K1  100 mcg  83%", "Vitamin K 1000 IU 83%"),
                        require_primary=True)
    assert strict.to_text().splitlines()[1] == (
        "1 vitamin K line could not be read, so it was not checked. "
        "1 vitamin K line not checked: primary was required, and the reference or rounding "
        "rule was read only in secondary copies."
    )


def test_a_record_that_says_ok_with_an_unread_line_is_refused() -> None:
    d = read_label(MIXED_PANEL).to_dict()
    assert vitk2.LabelReport.from_dict(d).ok is False
    with pytest.raises(Vitk2Error, match="ok"):
        vitk2.LabelReport.from_dict({**d, "ok": True})


def test_a_panel_with_an_unread_vitamin_k_line_is_not_totalled() -> None:
    iom = vitk2.reference_intake("IOM", age_years=40, sex="female")
    unread = r"^line 4 names vitamin K but could not be read \('100 Mg'"
    with pytest.raises(LabelError, match=unread):
        read_label(MIXED_PANEL).percent_of_reference(iom)
    with pytest.raises(LabelError, match="cannot be totalled"):
        read_label(MIXED_PANEL).percent_of_reference(iom, by="mass")
    readable = _us_panel("Vitamin D3 25 mcg 125%", "Vitamin K1  100 mcg  83%")
    assert read_label(readable).percent_of_reference(iom).counted_micrograms_per_day == 100
    status, out, err = in_process(
        ["label", "-", "--compare-with", "IOM", "--age", "40", "--sex", "female"],
        MIXED_PANEL.encode(),
    )
    assert (status, out) == (2, "")
    assert err.startswith("vitk2 label: error: line 4 names vitamin K but could not be read")
