"""The command line, run as a real console script in a subprocess."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import BAD_DOSE_TEXTS, dose_texts
from vitk2 import from_dict, parse_dose
from vitk2._cli import build_parser, main

SCRIPT = shutil.which("vitk2", path=str(Path(sys.executable).parent))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `vitk2` console script (falling back to `python -m vitk2`)."""
    cmd = [SCRIPT] if SCRIPT else [sys.executable, "-m", "vitk2"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


def assert_user_error(res: subprocess.CompletedProcess[str]) -> None:
    assert res.returncode == 2, res
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) >= 1
    assert res.stdout == ""


def test_console_script_is_installed() -> None:
    assert SCRIPT is not None


def test_python_dash_m_matches_the_script() -> None:
    a = run("convert", "0.1 mg MK-7", "µg")
    b = subprocess.run(
        [sys.executable, "-m", "vitk2", "convert", "0.1 mg MK-7", "µg"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert a.stdout == b.stdout
    assert a.returncode == b.returncode == 0


def test_help_everywhere() -> None:
    res = run("--help")
    assert res.returncode == 0
    assert "not medical advice" in res.stdout
    commands = [
        "convert", "compare", "check", "food", "diary", "intake", "studies", "schedule", "label"
    ]
    for command in commands:
        assert command in res.stdout
        sub = run(command, "--help")
        assert sub.returncode == 0, command
        assert "examples:" in sub.stdout, command


def test_no_command_prints_help_and_exits_2() -> None:
    res = run()
    assert res.returncode == 2
    assert "COMMAND" in res.stdout


def test_version() -> None:
    res = run("--version")
    assert res.returncode == 0
    assert res.stdout.startswith("vitk2 ")


def test_convert() -> None:
    res = run("convert", "0.1 mg MK-7", "µg")
    assert res.returncode == 0
    assert res.stdout.strip() == "100 µg MK-7 = 100 µg MK-7  (by mass)"
    res = run("convert", "180 mcg MK-7", "nmol", "--json")
    data = json.loads(res.stdout)
    assert data["basis"] == "moles"
    assert abs(data["value"] - 277.3430) < 1e-3
    res = run("convert", "45 mg/day menatetrenone", "ug/d")
    assert "45000 µg/day MK-4" in res.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("convert", "90", "mg"),
        ("convert", "100 IU MK-7", "mg"),
        ("convert", "0.1 mg MK-7", "parsecs"),
        ("convert", "0.1 mg MK-7", "mg/day"),
        ("convert", "0.1 mg K2", "mg"),
        ("compare", "100 µg MK-4", "100 µg/day MK-7"),
        ("compare", "100 µg MK-4", "garbage"),
        ("check", "warfarin", "--supplement", "lots of K2"),
        ("convert",),
        ("frobnicate",),
        ("food", "show", "99999"),
        ("food", "show", "11233", "--portion", "1 bucket"),
        ("food", "show", "11233", "--portion", "-30 g"),
        ("diary", "does-not-exist.csv"),
        ("intake", "IOM", "--age", "-1"),
        ("intake", "IOM", "--age", "9", "--sex", "female", "--pregnant"),
        ("intake", "Atlantis", "--age", "40"),
        ("intake",),
        ("studies", "--around", "180 µg MK-7"),
        ("schedule", "180 µg MK-7"),
        ("schedule", "0 µg/day MK-7"),
        ("schedule", "180 µg/day MK-7", "--times", "0"),
        ("schedule", "180 µg/day MK-7", "--times", "2", "--strength", "100 µg"),
        ("schedule", "180 µg/day MK-7", "--strength", "1 mg"),
        ("schedule", "180 µg/day MK-7", "--json", "--tz", "Mars/Olympus"),
        ("schedule", "180 µg/day MK-7", "--format", "ical", "--start", "yesterday"),
    ],
)
def test_user_errors_are_one_line_exit_2(args: tuple[str, ...]) -> None:
    assert_user_error(run(*args))


def test_compare() -> None:
    res = run("compare", "100 µg MK-4", "100 µg MK-7")
    assert res.returncode == 0
    assert res.stdout.splitlines() == [
        "100 µg MK-4 is equal to 100 µg MK-7 by mass",
        "100 µg MK-4 is 1.46 times 100 µg MK-7 by moles",
    ]
    data = json.loads(run("compare", "45 mg/day MK-4", "180 µg/day MK-7", "--json").stdout)
    assert data["comparisons"][0]["exact_ratio"] == "250"


def test_check_exit_codes_follow_fail_at() -> None:
    res = run("check", "Coumadin 5 mg tablet", "--supplement", "100 µg/day MK-7")
    assert res.returncode == 1
    assert "warfarin" in res.stdout
    assert "not medical advice" in res.stdout
    res = run("check", "apixaban", "--supplement", "MK-7")
    assert res.returncode == 0
    res = run("check", "frobnicillin")
    assert res.returncode == 1  # unknown is never safe
    res = run(
        "check", "Coumadin", "--supplement", "100 µg/day MK-7", "--fail-at", "contraindicated"
    )
    assert res.returncode == 0


def test_check_json_and_markdown() -> None:
    res = run("check", "warfarin", "--supplement", "45 mg/day MK-4", "--json")
    data = json.loads(res.stdout)
    assert data["overall"] == "contraindicated"
    assert data["schema_version"] == 1
    md = run("check", "warfarin", "--format", "markdown").stdout
    assert md.lstrip().startswith("#")


def test_food_search_and_show() -> None:
    res = run("food", "search", "cheddar", "--limit", "3")
    assert res.returncode == 0
    assert "01009" in res.stdout
    res = run("food", "show", "11233", "--portion", "30 g")
    assert "704.8 µg K1 per 100 g" in res.stdout
    assert "211.44 µg K1" in res.stdout
    assert "MK-7: unknown" in res.stdout  # unknown is said, never shown as zero
    data = json.loads(run("food", "show", "Kale, raw", "--json").stdout)
    assert data["per_100g_ug"]["K1"] == 704.8
    assert data["per_100g_ug"]["MK-7"] is None


def test_diary_csv(tmp_path: Path) -> None:
    path = tmp_path / "meals.csv"
    path.write_text("food,amount\n11233,30 g\n01009,1 oz\n", encoding="utf-8")
    res = run("diary", str(path))
    assert res.returncode == 0, res.stderr
    assert "K1:" in res.stdout
    data = json.loads(run("diary", str(path), "--json").stdout)
    assert data["entries"] == 2
    assert data["totals"]["MK-7"]["known_ug"] is None
    for name, content in [
        ("binary.csv", b"\xff\xfe\x00garbage"),
        ("empty.csv", b""),
        ("header.csv", b"name,grams\nkale,30\n"),
        ("short.csv", b"food,amount\n11233\n"),
    ]:
        (tmp_path / name).write_bytes(content)
        assert_user_error(run("diary", str(tmp_path / name)))
    bad = tmp_path / "bad.csv"
    bad.write_text("food,amount\n11233,-3 g\n", encoding="utf-8")
    res = run("diary", str(bad))
    assert_user_error(res)
    assert "line 2" in res.stderr


def test_intake_and_studies() -> None:
    res = run("intake", "IOM", "--age", "40", "--sex", "female", "--dose", "180 µg/day MK-7")
    assert res.returncode == 0, res.stderr
    assert "90 µg/day [primary; counts K1 by mass]" in res.stdout
    assert "is 0% of the IOM 2001 AI (90 µg/day), counting K1 by mass; left out" in res.stdout
    assert "no upper limit established" in res.stdout
    args = ("intake", "IOM", "--age", "40", "--sex", "female", "--dose", "180 µg/day MK-7")
    res = run(*args, "--by", "mass")
    assert "200%" in res.stdout
    assert "a plain total, not what IOM counts" in res.stdout
    data = json.loads(run(*args, "--dose", "45 µg/day K1", "--json").stdout)
    assert data["edition"] == "2001"
    assert data["grade"] == "primary"
    assert data["percent_of_reference"]["percent"] == 50
    assert data["percent_of_reference"]["left_out"] == ["180 µg/day MK-7"]
    res = run("intake", "Japan", "--age", "40", "--require-primary")
    assert res.returncode != 0
    assert "read only in secondary copies" in res.stderr
    res = run("intake", "Japan", "--age", "5", "--edition", "2015")
    assert "Japan 2015 AI, 3 y to under 6 y: 70 µg/day [secondary" in res.stdout
    assert "read only in copies: vitamine.jp" in res.stdout
    res = run("studies", "--around", "180 µg/day MK-7", "--json")
    data = json.loads(res.stdout)
    assert data["about_the_same"]
    res = run("studies", "--vitamer", "MK-4")
    assert "45 mg/day MK-4" in res.stdout


def test_schedule_formats() -> None:
    res = run("schedule", "45 mg/day menatetrenone", "--times", "3", "--strength", "15 mg")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "15 mg MK-4 three times a day after meals"
    fhir = json.loads(
        run("schedule", "45 mg/day MK-4", "--strength", "15 mg", "--format", "fhir").stdout
    )
    assert fhir[0]["timing"]["repeat"]["when"] == ["PCM", "PCD", "PCV"]
    assert fhir[0]["doseAndRate"][0]["doseQuantity"]["code"] == "mg"
    ics = run(
        "schedule", "45 mg/day MK-4", "--format", "ical", "--start", "2026-03-23",
        "--days", "14", "--tz", "Europe/Berlin",
    ).stdout
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "RRULE:FREQ=DAILY;COUNT=14" in ics
    assert "BEGIN:VTIMEZONE" in ics
    table = run("schedule", "100 µg/day MK-7", "--at", "08:00", "--format", "events", "--days", "3")
    assert table.stderr == "vitk2 schedule: MK-7; AMT in ug; TIME and II in h\n"
    assert table.stdout.splitlines() == [
        "ID,TIME,AMT,CMT,EVID,MDV,DV,II,ADDL",
        "1,8,100,1,1,1,0,24,2",
    ]
    data = json.loads(run("schedule", "180 µg/day MK-7", "--json", "--days", "2", "--start",
                          "2026-01-01", "--tz", "UTC").stdout)
    assert len(data["events"]) == 2
    rounded = run("schedule", "180 µg/day MK-7", "--times", "2", "--strength", "100 µg",
                  "--allow-rounding")
    assert "rounded" in rounded.stdout
    assert rounded.stderr == (
        "vitk2 schedule: warning: 180 µg/day MK-7 cannot be given as 2 administrations of whole "
        "units of 100 µg; scheduled 200 µg/day MK-7 instead (+20 µg/day MK-7), as "
        "--allow-rounding allows\n"
    )
    fhir = run("schedule", "180 µg/day MK-7", "--times", "2", "--strength", "100 µg",
               "--allow-rounding", "--format", "fhir")
    assert "--allow-rounding allows" in fhir.stderr  # said even where stdout is machine-read
    assert json.loads(fhir.stdout)[0]["doseAndRate"][0]["doseQuantity"]["value"] == 100
    exact = run("schedule", "200 µg/day MK-7", "--times", "2", "--strength", "100 µg",
                "--allow-rounding")
    assert exact.stderr == ""


# --- convert: many inputs --------------------------------------------------------------------


def run_with_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the console script with *data* on standard input."""
    cmd = [SCRIPT] if SCRIPT else [sys.executable, "-m", "vitk2"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run(
        [*cmd, *args], input=data, capture_output=True, env=env, timeout=120, check=False
    )
    return subprocess.CompletedProcess(
        res.args, res.returncode, res.stdout.decode("utf-8"), res.stderr.decode("utf-8")
    )


def in_process(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the command line in this process (fast enough for property tests)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err):
            status = main(argv, out=out)
    finally:
        sys.stdin = saved
    return status, out.getvalue(), err.getvalue()


def test_convert_many_arguments_with_to() -> None:
    res = run("convert", "--to", "mg", "100 mcg MK-7", "180 mcg/d MK-7", "15 mg menatetrenone")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        "100 µg MK-7 = 0.1 mg MK-7  (by mass)",
        "180 µg/day MK-7 = 0.18 mg/day MK-7  (by mass)",
        "15 mg MK-4 = 15 mg MK-4  (by mass)",
    ]
    assert res.stderr == ""


def test_convert_without_to_the_last_argument_is_the_unit() -> None:
    res = run("convert", "100 mcg MK-7", "1 mg K1", "µg")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        "100 µg MK-7 = 100 µg MK-7  (by mass)",
        "1 mg K1 = 1000 µg K1  (by mass)",
    ]
    # Two amounts and no unit: the last one is read as the unit, and the error says so.
    res = run("convert", "100 mcg MK-7", "200 mcg MK-7")
    assert_user_error(res)
    assert "last argument is the unit" in res.stderr
    assert "--to" in res.stderr


def test_convert_file_skips_blank_lines_and_comments_and_numbers_bad_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "labels.txt"
    path.write_bytes(
        b"\xef\xbb\xbf# products, one per line\r\n"  # BOM, comment, CRLF
        b"100 mcg MK-7\r\n"
        b"\n"
        b"   \t\n"
        b"180 mcg/d MK-7   # the morning capsule\n"
        b"100 IU MK-7\n"
        b"\xff\xfe not UTF-8\n"
        b"  # indented comment\n"
        b"45 mg menatetrenone"  # no newline at the end
    )
    res = run("convert", "--to", "mg", "--file", str(path))
    assert res.returncode == 2
    assert res.stdout.splitlines() == [
        "100 µg MK-7 = 0.1 mg MK-7  (by mass)",
        "180 µg/day MK-7 = 0.18 mg/day MK-7  (by mass)",
        "45 mg MK-4 = 45 mg MK-4  (by mass)",
    ]
    errors = res.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"vitk2 convert: error: {path}, line 6: ")
    assert "International Unit" in errors[0]
    assert errors[1] == (
        f"vitk2 convert: error: {path}, line 7: "
        "this line is not UTF-8 text (save the file as UTF-8)"
    )
    assert "Traceback" not in res.stderr


def test_convert_reads_standard_input() -> None:
    res = run_with_stdin(b"100 mcg MK-7\ngarbage\n0.2 MG MK-7\n", "convert", "--to", "nmol", "-")
    assert res.returncode == 2
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("100 µg MK-7 = ≈154.079 nmol MK-7")
    assert lines[1].startswith("200 µg MK-7 = ≈308.159 nmol MK-7")
    assert res.stderr.startswith("vitk2 convert: error: standard input, line 2: 'garbage'")
    # "-" as an argument is read in its place, between the other arguments; --file - also works.
    res = run_with_stdin(b"2 mg K1\n", "convert", "1 mg K1", "-", "3 mg K1", "mg")
    assert [line.split(" = ")[0] for line in res.stdout.splitlines()] == [
        "1 mg K1", "2 mg K1", "3 mg K1"
    ]
    res = run_with_stdin(b"2 mg K1\n", "convert", "--to", "ug", "--file", "-")
    assert res.stdout == "2 mg K1 = 2000 µg K1  (by mass)\n"
    # Empty input is no error: nothing to convert, nothing printed.
    res = run_with_stdin(b"# nothing yet\n\n", "convert", "--to", "mg", "-")
    assert (res.returncode, res.stdout, res.stderr) == (0, "", "")


def test_convert_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("180 mcg MK-7\nbad line\n45 mg/day MK-4\n", encoding="utf-8")
    res = run("convert", "--to", "nmol", "--json", "-f", str(path))
    assert res.returncode == 2
    objects = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(o["source"], o["line"], o["input"]) for o in objects] == [
        (str(path), 1, "180 mcg MK-7"),
        (str(path), 3, "45 mg/day MK-4"),
    ]
    assert objects[0]["unit"] == "nmol"
    assert objects[1]["unit"] == "nmol/d"
    assert Fraction(objects[0]["exact"]) == parse_dose("180 mcg MK-7").in_units("nmol")
    assert abs(objects[0]["value"] - 277.3430) < 1e-3
    assert f"{path}, line 2: " in res.stderr
    # The single-input form prints JSON Lines too: one object on one line.
    res = run("convert", "277 nmol MK-7", "mg", "--json")
    assert len(res.stdout.splitlines()) == 1
    assert json.loads(res.stdout)["source"] == "arguments"


def test_convert_argument_errors_name_the_argument() -> None:
    res = run("convert", "--to", "mg", "1 mg K1", "x", "2 mg K1")
    assert res.returncode == 2
    assert len(res.stdout.splitlines()) == 2
    assert res.stderr.startswith("vitk2 convert: error: argument 2: 'x'")
    # One argument: no position needed, and the message is as before.
    res = run("convert", "x", "mg")
    assert res.stderr.startswith("vitk2 convert: error: 'x'")
    # One argument and a file: the argument is numbered, as there are several inputs.
    res = run_with_stdin(b"1 mg K1\n", "convert", "x", "--file", "-", "mg")
    assert res.stdout == "1 mg K1 = 1 mg K1  (by mass)\n"
    assert res.stderr.startswith("vitk2 convert: error: argument 1: 'x'")


def test_convert_daily_doses_keep_per_day_and_per_day_units_refuse_amounts() -> None:
    res = run("convert", "45 mg/day MK-4", "ug")
    assert res.stdout == "45 mg/day MK-4 = 45000 µg/day MK-4  (by mass)\n"
    res = run("convert", "--to", "mg/day", "45 mg/day MK-4", "45 mg MK-4")
    assert res.returncode == 2
    assert res.stdout == "45 mg/day MK-4 = 45 mg/day MK-4  (by mass)\n"
    assert "argument 2: '45 mg MK-4' is an amount, not a daily dose" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("convert", "--to", "mg"),  # no inputs
        ("convert", "mg"),  # a unit and nothing to convert
        ("convert", "--to", "parsecs", "100 mcg MK-7"),
        ("convert", "--to", "IU", "100 mcg MK-7"),
        ("convert", "--to", "mg/week", "100 mcg MK-7"),
        ("convert", "--to", "mg", "--file", "does-not-exist.txt"),
        ("convert", "--to", "mg", "-", "--file", "-"),  # standard input twice
        ("convert", "--to", "mg", "100 mcg MK-7", "--file", "does-not-exist.txt"),
    ],
)
def test_convert_usage_errors_print_nothing_and_exit_2(args: tuple[str, ...]) -> None:
    res = run_with_stdin(b"100 mcg MK-7\n", *args)
    assert_user_error(res)
    assert len(res.stderr.strip().splitlines()) == 1


def test_convert_refuses_an_overlong_line_and_goes_on() -> None:
    data = b"1 mg K1 " + b"x" * 5000 + b"\n2 mg K1\n"
    res = run_with_stdin(data, "convert", "--to", "mg", "-")
    assert res.returncode == 2
    assert res.stdout == "2 mg K1 = 2 mg K1  (by mass)\n"
    assert "line 1: this input is 5008 characters long" in res.stderr
    assert len(res.stderr) < 300


units_to = st.sampled_from(["µg", "mg", "ng", "g", "nmol", "µmol", "pmol"])


@given(texts=st.lists(dose_texts(), max_size=12), unit=units_to)
def test_batch_output_lines_match_inputs_one_to_one(texts: list[str], unit: str) -> None:
    stdin = "".join(f"{t}\n" for t in texts).encode("utf-8")
    status, out, err = in_process(["convert", "--to", unit, "--json", "-"], stdin)
    assert (status, err) == (0, "")
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["input"] for o in objects] == texts
    assert [o["line"] for o in objects] == list(range(1, len(texts) + 1))
    for text, o in zip(texts, objects, strict=True):
        x = parse_dose(text)
        assert Fraction(o["exact"]) == x.in_units(o["unit"].removesuffix("/d"))
        assert from_dict(o["dose"]) == x  # the input as read, in vitk2's own JSON form
    # The text form: one line per input, each starting with the input's own reading.
    status, out, _ = in_process(["convert", "--to", unit, "-"], stdin)
    assert [parse_dose(line.split(" = ")[0]) for line in out.splitlines()] == [
        parse_dose(t) for t in texts
    ]


#: Lines a file may hold that are neither an input nor an error.
SKIPPED_LINES = ("", "   ", "\t", "# a comment", "   # an indented comment", "#")


@given(
    lines=st.lists(
        st.one_of(
            dose_texts().map(lambda t: ("good", t)),
            st.tuples(dose_texts(), st.sampled_from(["  # note", "\t#", " #x # y"])).map(
                lambda pair: ("good", pair[0] + pair[1])
            ),
            st.sampled_from(BAD_DOSE_TEXTS).map(lambda t: ("bad", t)),
            st.sampled_from(SKIPPED_LINES).map(lambda t: ("skip", t)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_bad_line_anywhere_never_stops_later_good_lines(lines: list[tuple[str, str]]) -> None:
    stdin = "".join(f"{t}\n" for _, t in lines).encode("utf-8")
    status, out, err = in_process(["convert", "--to", "mg", "--json", "-"], stdin)
    good = [(n, t.split("#")[0].strip()) for n, (kind, t) in enumerate(lines, start=1)
            if kind == "good"]
    bad = [n for n, (kind, _) in enumerate(lines, start=1) if kind == "bad"]
    objects = [json.loads(line) for line in out.splitlines()]
    # Every good line is converted, in order, numbered as in the file (blank and comment
    # lines counted), whatever bad lines stand before it.
    assert [(o["line"], o["input"]) for o in objects] == good
    reported = err.splitlines()
    assert [line.split(", line ")[1].split(":")[0] for line in reported] == [str(n) for n in bad]
    assert all(line.startswith("vitk2 convert: error: standard input, line ") for line in reported)
    assert status == (2 if bad else 0)


def test_the_documented_batch_example(tmp_path: Path) -> None:
    # docs/cli.md, "Converting many inputs": the labels.txt example and what it prints.
    (tmp_path / "labels.txt").write_text(
        "# morning stack, one product per line\n"
        "100 mcg MK-7\n"
        '180 mcg/d MK-7     # the capsule label says "daily"\n'
        "\n"
        "100 IU vitamin K2\n"
        "45 mg menatetrenone\n",
        encoding="utf-8",
    )
    res = run("convert", "--to", "mg", "--file", "labels.txt", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stdout.splitlines() == [
        "100 µg MK-7 = 0.1 mg MK-7  (by mass)",
        "180 µg/day MK-7 = 0.18 mg/day MK-7  (by mass)",
        "45 mg MK-4 = 45 mg MK-4  (by mass)",
    ]
    assert res.stderr.startswith(
        "vitk2 convert: error: labels.txt, line 5: in '100 IU vitamin K2': '100 IU': "
        "vitamin K has no International Unit (IU); "
    )
    assert len(res.stderr.splitlines()) == 1
    doc = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "labels.txt, line 5: in '100 IU vitamin K2': '100 IU': vitamin K has no" in doc


def _modules_loaded_after_import_vitk2(code: str, *args: str) -> set[str]:
    """Modules a fresh interpreter loads while running *code*, after ``import vitk2``."""
    script = (
        "import sys, io\n"
        "import vitk2\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True, text=True, check=True, timeout=120,
    )
    return set(res.stdout.split())


def test_convert_imports_nothing_beyond_vitk2_and_argparse() -> None:
    # A script runs `vitk2 convert` once per process, so its start-up is its cost: beyond
    # `import vitk2` itself it may load only the CLI module and what argparse loads for any
    # parser (and json with --json); no pint, NumPy, foods, interactions or other data modules.
    argparse_alone = _modules_loaded_after_import_vitk2(
        "import argparse\n"
        "p = argparse.ArgumentParser()\n"
        "p.add_argument('x')\n"
        "p.parse_args(['1'])"
    )
    run_convert = "from vitk2._cli import main\nmain(sys.argv[1:], out=io.StringIO())"
    loaded = _modules_loaded_after_import_vitk2(
        run_convert, "convert", "100 mcg MK-7", "180 mcg/d MK-7", "nmol"
    )
    convert_modules = {"vitk2._cli", "vitk2._cli_shared", "vitk2._cli_amounts"}
    assert "vitk2._cli" in loaded
    assert loaded - argparse_alone == convert_modules
    loaded = _modules_loaded_after_import_vitk2(
        run_convert, "convert", "--json", "--to", "mg", "1 mg K1"
    )
    assert "json" in loaded
    # json, and vitk2's JSON form of the dose (which loads datetime for other types' fields).
    json_modules = {"json", "json.decoder", "json.encoder", "json.scanner", "_json",
                    "vitk2._serial", "vitk2._serial_fields", "vitk2._serial_types",
                    "datetime", "_datetime"}
    assert loaded - argparse_alone - json_modules == convert_modules


@given(
    argv=st.lists(
        st.sampled_from(["100 mcg MK-7", "mg", "-", "--json", "--to", "nmol", "-f", "x.txt"]),
        max_size=6,
    )
)
def test_the_convert_only_parser_reads_arguments_as_the_full_parser_does(
    argv: list[str],
) -> None:
    full, only = build_parser(), build_parser(only_convert=True)
    results = []
    for parser in (full, only):
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                results.append(vars(parser.parse_args(["convert", *argv])))
        except SystemExit as exc:
            results.append({"exit": exc.code, "stderr": err.getvalue()})
    assert results[0] == results[1]


def test_convert_decimal_convention() -> None:
    res = run("convert", "--to", "ug", "--decimal", "comma", "37,5 µg MK-7", "1.000 µg K1")
    assert res.returncode == 0, res.stderr
    assert [line.split(" = ")[1] for line in res.stdout.splitlines()] == [
        "37.5 µg MK-7  (by mass)",
        "1000 µg K1  (by mass)",
    ]
    res = run("convert", "--to", "ug", "--decimal", "point", "1,000 mcg MK-7", "1.5 mcg MK-7")
    assert res.stdout.splitlines()[0] == "1 mg MK-7 = 1000 µg MK-7  (by mass)"
    assert res.stdout.splitlines()[1] == "1.5 µg MK-7 = 1.5 µg MK-7  (by mass)"
    # Without a convention, an ambiguous comma is an error that names the option to use.
    res = run("convert", "--to", "ug", "1,000 mcg MK-7", "2 mcg MK-7")
    assert res.returncode == 2
    assert res.stdout == "2 µg MK-7 = 2 µg MK-7  (by mass)\n"
    assert "(--decimal point or --decimal comma)" in res.stderr
    assert "decimal='" not in res.stderr


def test_convert_options_may_stand_between_inputs() -> None:
    res = run("convert", "1 mg K1", "--json", "2,5 mg K1", "--decimal", "comma", "µg")
    assert res.returncode == 0, res.stderr
    assert [json.loads(line)["exact"] for line in res.stdout.splitlines()] == ["1000", "2500"]
def test_diary_streams_a_large_file_and_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = ["11233,30 g", "16113,1 cup", "01009,1 oz", "Butter, salted,1 tbsp"]
    rows[3] = '"Butter, salted",1 tbsp'
    path.write_text("food,amount\n" + "\n".join(rows * 5000) + "\n", encoding="utf-8")
    data = json.loads(run("diary", str(path), "--json").stdout)
    assert data["entries"] == 20_000
    assert len(data["totals"]["MK-7"]["unknown_entries"]) == 15_000  # all but the natto rows
    bad = tmp_path / "bad-late.csv"
    bad.write_text("food,amount\n11233,30 g\n11233,30 g\n11233,1 bucket\n", encoding="utf-8")
    res = run("diary", str(bad))
    assert_user_error(res)
    assert "line 4" in res.stderr
    assert "1 bucket" in res.stderr


# --- no Python internals in any command's output (issue 14) --------------------------------

# What a person at a terminal should never read: argument names, function calls, reprs.
PYTHON_INTERNALS = re.compile(
    r"\b[a-z][a-z0-9_]*=(?=\S)"  # a keyword argument: vitamer=, age_years=
    r"|\b[a-z_][a-z0-9_]*\(\)"  # a function call: search_foods()
    r"|datetime\.|Fraction\(|Decimal\(|Traceback|<class |\bpint\b|dimensionality"
    r"|\b[A-Z][a-zA-Z]*(Error|Exception)\b"  # an exception class name
)

ERROR_PATHS: list[list[str]] = [
    ["convert", "135", "mg"],
    ["convert", "135 ug MK-7", "x"],
    ["convert", "1/0 mg MK-7", "mg"],
    ["convert", "90 IU", "mg"],
    ["convert", "nan mg MK-7", "mg"],
    ["convert", "90 µg MK-99", "mg"],
    ["convert", "90 µg", "nmol"],
    ["compare", "1 mg MK-7", "x"],
    ["compare", "1 mg MK-7", "1 mg K1", "--by", "bananas"],
    ["check", "--supplement", "90", "warfarin"],
    ["check", "--supplement", "90 ug", "warfarin"],
    ["check", "--supplement", "90 bananas MK-7", "warfarin"],
    ["check"],
    ["check", "--supplement", "100 µg/day MK-7", "--json"],
    ["check", ""],
    ["check", "warfarin", "  "],
    ["check", "warfarin", "--supplement", "MK-99"],
    ["food", "show", "zzzzqq"],
    ["food", "show", "Kale, raw", "--portion", "two cups"],
    ["food", "show", "Kale, raw", "--portion", "3"],
    ["food", "search", "zzzzqq"],
    ["diary", "/nonexistent/diary.csv"],
    ["intake"],
    ["intake", "XYZ", "--age", "30"],
    ["intake", "EFSA"],
    ["intake", "EFSA", "--weight", "60"],
    ["intake", "EFSA", "--age", "30", "--weight", "60"],
    ["intake", "EFSA", "--age", "30", "--weight", "60 mg/day"],
    ["intake", "EFSA", "--age", "30", "--weight", "-5 kg"],
    ["intake", "EFSA", "--age", "30", "--weight", "70 mg"],
    ["intake", "EFSA", "--age", "30", "--weight", "7000 kg"],
    ["intake", "EFSA", "--age", "30", "--weight", "70 lb"],
    ["intake", "EFSA", "--age", "135"],
    ["intake", "EFSA", "--age", "-1"],
    ["intake", "EFSA", "--age", "abc"],
    ["intake", "IOM", "--age", "30"],
    ["intake", "IOM", "--age", "30", "--sex", "male", "--pregnant"],
    ["intake", "IOM", "--age", "30", "--sex", "female", "--dose", "90"],
    ["studies", "--vitamer", "MK-99"],
    ["studies", "--outcome", "foo"],
    ["schedule", "45 mg/day"],
    ["schedule", "45 mg/day MK-4", "--times", "0"],
    ["schedule", "45 mg/day MK-4", "--times", "99"],
    ["schedule", "45 mg/day MK-4", "--at", "25:00"],
    ["schedule", "45 mg/day MK-4", "--at", "after tea"],
    ["schedule", "45 mg/day MK-4", "--strength", "7 mg"],
    ["schedule", "45 mg/day MK-4", "--strength", "7"],
    ["schedule", "45 mg/day MK-4", "--start", "2026-13-01"],
    ["schedule", "45 mg/day MK-4", "--days", "0"],
    ["schedule", "45 mg/day MK-4", "--days", "99999999", "--format", "events"],
    ["schedule", "45 mg/day MK-4", "--format", "ical"],
    ["schedule", "45 mg/day MK-4", "--format", "events", "--subjects", "0"],
    ["schedule", "45 mg/day MK-4", "--format", "ical", "--tz", "UTC", "--reminder", "-5"],
    ["schedule", "45 mg/day MK-4", "--format", "ical", "--tz", "UTC", "--reminder", "5000"],
    ["schedule", "45 mg/day MK-4", "--format", "ical", "--tz", "Mars/Olympus"],
    ["schedule", "45 mg/day MK-4", "--json", "--tz", "Mars/Olympus"],
    ["schedule", "180 µg/day MK-7", "--times", "2", "--strength", "100 µg", "--allow-rounding"],
    ["label", "/nonexistent/label.txt"],
]


@pytest.mark.parametrize("argv", ERROR_PATHS, ids=lambda a: " ".join(a)[:50])
def test_no_command_speaks_python(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            status = main(argv, out=out)
        except SystemExit as exc:  # argparse's own errors: a message for people too
            status = int(exc.code or 0)
    text = out.getvalue() + err.getvalue()
    assert text.strip(), argv  # every path says something
    assert not PYTHON_INTERNALS.search(text), text
    if "--allow-rounding" not in argv and argv[:2] != ["food", "search"]:
        assert status == 2, (argv, text)  # a search with no hit is an answer, not an error


def test_the_intake_weight_hint_is_in_kilograms() -> None:
    status, _, err = in_process(["intake", "EFSA", "--age", "30", "--weight", "60"])
    assert status == 2
    assert "'60 kg'" in err
    assert "µg" not in err


@pytest.mark.parametrize(
    ("weight", "says"),
    [("70 mg", "kg or g"), ("7000 kg", "from 0.2 kg to 700 kg"), ("70 lb", "kg or g")],
)
def test_the_intake_weight_is_a_plausible_mass_of_a_person(weight: str, says: str) -> None:
    status, out, err = in_process(["intake", "EFSA", "--age", "30", "--weight", weight])
    assert (status, out) == (2, "")
    assert weight in err
    assert says in err
    assert "nmol" not in err
    assert "body_weight" not in err  # the option is named as on the command line


def test_the_diary_refuses_a_weight_typo_before_any_percentage(tmp_path: Path) -> None:
    path = tmp_path / "meals.csv"
    path.write_text("food,amount\n11233,30 g\n", encoding="utf-8")
    argv = ["diary", str(path), "--reference", "EFSA", "--age", "30", "--weight"]
    status, out, err = in_process([*argv, "70 mg"])
    assert (status, out) == (2, "")
    assert "70 mg" in err
    assert "%" not in err
    status, out, _ = in_process([*argv, "70 kg"])
    assert status == 0
    assert "%" in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["check"], "name at least one medication"),
        (["check", "--json"], "name at least one medication"),
        (["check", "--supplement", "100 µg/day MK-7"], "name at least one medication"),
        (["check", ""], "empty medication name"),
        (["check", "warfarin", " "], "empty medication name"),
    ],
)
def test_check_with_nothing_to_check_is_a_usage_error_never_none(
    argv: list[str], says: str
) -> None:
    status, out, err = in_process(argv)
    assert (status, out) == (2, "")  # no report: nothing assessed is never "none"
    assert says in err


def test_check_names_an_unknown_vitamer_in_the_supplement() -> None:
    status, out, err = in_process(["check", "warfarin", "--supplement", "MK-99"])
    assert (status, out) == (2, "")
    assert "MK-1 to MK-13" in err
    assert "no amount" not in err


def test_the_schedule_needs_a_time_zone_to_put_doses_on_a_calendar() -> None:
    status, _, err = in_process(["schedule", "45 mg/day MK-4", "--format", "ical"])
    assert status == 2
    assert "needs --tz" in err
    status, out, _ = in_process(
        ["schedule", "45 mg/day MK-4", "--format", "ical", "--tz", "Europe/Berlin", "--start",
         "2026-03-01", "--days", "2"]
    )  # fmt: skip
    assert status == 0
    assert "TZID=Europe/Berlin" in out
    assert "VALARM" not in out
    status, out, _ = in_process(
        ["schedule", "45 mg/day MK-4", "--format", "ical", "--tz", "UTC", "--reminder", "15"]
    )
    assert status == 0
    assert out.count("TRIGGER:-PT15M") == 3


def test_the_event_table_for_several_subjects() -> None:
    status, out, err = in_process(
        ["schedule", "100 µg/day MK-7", "--at", "08:00", "--format", "events", "--days", "2",
         "--subjects", "3"]
    )  # fmt: skip
    assert status == 0
    assert out.splitlines()[1:] == [f"{i},8,100,1,1,1,0,24,1" for i in (1, 2, 3)]
    assert err == "vitk2 schedule: MK-7; AMT in ug; TIME and II in h\n"


def test_text_output_shows_inexact_doses_as_people_read_them_json_stays_exact() -> None:
    res = run("studies", "--around", "180 µg/day MK-7")
    assert res.returncode == 0, res.stderr
    assert "Caluwé 2014, 360 µg three times a week: ≈154 µg/day MK-7, 8 wk" in res.stdout
    assert "1080/7" not in res.stdout
    assert "    Knapen 2013: 180 µg/day MK-7, 3 y, n=244" in res.stdout  # a decimal: unchanged
    res = run("studies", "--vitamer", "MK-7")
    assert "≈154 µg/day MK-7" in res.stdout
    assert "1080/7" not in res.stdout
    res = run("schedule", "1000/7 µg/day MK-7")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        "≈143 µg MK-7 once a day with a fat-containing meal",
        "  ≈143 µg MK-7 with a fat-containing meal",
        "total per day: ≈143 µg/day MK-7",
    ]
    res = run("schedule", "1000/7 µg/day MK-7", "--json", "--days", "1", "--tz", "UTC",
              "--start", "2026-01-05")
    assert json.loads(res.stdout)["daily_dose"] == "1000/7 µg/day MK-7"
    res = run("compare", "1000/7 µg MK-7", "100 µg MK-4", "--by", "mass")
    assert res.stdout == "≈143 µg MK-7 is 1.43 times 100 µg MK-4 by mass\n"
    res = run("compare", "1000/7 µg MK-7", "100 µg MK-4", "--json")
    assert json.loads(res.stdout)["first"] == "1000/7 µg MK-7"


def test_convert_a_label_line_with_its_percent_points_to_the_label_command() -> None:
    status, out, err = in_process(["convert", "Vitamin K2 (as MK-7) 100 mcg 83%", "--to", "mg"])
    assert (status, out) == (2, "")
    assert err == (
        "vitk2 convert: error: 'Vitamin K2 (as MK-7) 100 mcg 83%' ends in a percentage "
        "('83%'); an amount is a number, a unit and a vitamer, such as '100 µg MK-7'; to check "
        "a label line with its %DV or %NRV, use vitk2 label FILE\n"
    )


# -- fix-cli: messages in vitk2's words ----------------------------------------------------


_DOSE = "45 mg/day MK-4"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("schedule", _DOSE, "--times", "abc"), "--times 'abc': give a whole number from 1 to 24"),
        (("schedule", _DOSE, "--times", "25"), "--times '25': give a whole number from 1 to 24"),
        (("schedule", _DOSE, "--days", "1.5"), "--days '1.5': give a whole number from 1"),
        (("food", "search", "kale", "--limit", "abc"), "--limit 'abc': give a whole number 1"),
        (("food", "search", "kale", "--limit", "0"), "--limit '0': give a whole number 1 or"),
    ],
)
def test_whole_number_options_are_refused_in_vitk2_words(
    args: tuple[str, ...], message: str
) -> None:
    res = run(*args)
    assert_user_error(res)
    assert message in res.stderr
    assert "invalid int value" not in res.stderr
    assert "argument --" not in res.stderr


def test_whole_number_options_accept_their_bounds() -> None:
    assert run("schedule", _DOSE, "--times", "24", "--allow-rounding").returncode == 0
    assert run("food", "search", "kale", "--limit", "1").returncode == 0


def test_diary_of_a_binary_file_and_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\xff\xfe\x00\x01")
    res = run("diary", str(path))
    assert_user_error(res)
    assert "bin.csv' is not UTF-8 text" in res.stderr
    assert "codec" not in res.stderr
    res = run("diary")
    assert_user_error(res)
    assert "give the diary's FILE.csv" in res.stderr
    assert "required" not in res.stderr


def test_cli_text_names_commands_not_functions() -> None:
    res = run("evidence", "--outcome", "hair")
    assert_user_error(res)
    assert "vitk2 evidence --json" in res.stderr
    assert "all_trials" not in res.stderr
    assert "()" not in res.stderr


def test_food_search_with_no_match_exits_1() -> None:
    res = run("food", "search", "zzqqxx")
    assert res.returncode == 1
    assert "no food matches 'zzqqxx'" in res.stdout
    assert run("food", "search", "zzqqxx", "--json").returncode == 1


def test_compare_help_explains_its_arguments() -> None:
    out = run("compare", "--help").stdout
    assert "an amount or daily dose" in out
    assert "by mass, by moles" in out


def test_food_show_reads_a_metric_mass() -> None:
    res = run("food", "show", "Kale, raw", "--portion", "100 µg")
    assert res.returncode == 0, res.stderr
    assert "household measure" not in res.stderr


def test_a_strength_of_another_vitamer_is_named_as_such() -> None:
    res = run("schedule", _DOSE, "--strength", "15 mg K1")
    assert_user_error(res)
    assert "is K1, but the dose is MK-4" in res.stderr
    assert "is not an amount" not in res.stderr
    res = run("schedule", _DOSE, "--strength", "15 mg MK-4", "--times", "3")
    assert res.returncode == 0, res.stderr
    assert "15 mg MK-4 after breakfast" in res.stdout
    res = run("schedule", _DOSE, "--strength", "15 furlongs")
    assert_user_error(res)
    assert "'furlongs' is not a unit" in res.stderr
