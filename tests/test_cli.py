"""The command line, run as a real console script in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    commands = ["convert", "compare", "check", "food", "diary", "intake", "studies", "schedule"]
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
    assert "90 µg/day" in res.stdout
    assert "200%" in res.stdout
    assert "no upper limit established" in res.stdout
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
    assert table.stdout.splitlines()[1:] == ["time,amt,ii,addl,evid,cmt", "8,100,24,2,1,1"]
    data = json.loads(run("schedule", "180 µg/day MK-7", "--json", "--days", "2", "--start",
                          "2026-01-01").stdout)
    assert len(data["events"]) == 2
    rounded = run("schedule", "180 µg/day MK-7", "--times", "2", "--strength", "100 µg",
                  "--allow-rounding")
    assert "rounded" in rounded.stdout


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
