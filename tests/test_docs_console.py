"""Every `$ vitk2 ...` line in the documentation runs, and shows what the docs say it shows.

Console blocks in docs/*.md are not doctests, so this test runs them: each command must exit
0 (or 1, for an interaction check that reports a finding), and where the docs print output
under a command, the real output must be the same.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
SCRIPT = shutil.which("vitk2", path=str(Path(sys.executable).parent))


def _examples() -> list[tuple[str, str, list[str]]]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        in_block = False
        current: tuple[str, str, list[str]] | None = None
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("```console"):
                in_block = True
                continue
            if in_block and line.startswith("```"):
                in_block = False
                current = None
                continue
            if not in_block:
                continue
            if line.startswith("$ vitk2 "):
                current = (page.name, line[2:], [])
                found.append(current)
            elif line.startswith("$ "):
                current = None  # setup commands (pip, venv) are not run here
            elif current is not None and line.strip():
                current[2].append(line)
    return found


EXAMPLES = _examples()


def test_docs_have_console_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("page", "command", "expected"), EXAMPLES, ids=lambda x: str(x)[:60])
def test_console_example_runs(page: str, command: str, expected: list[str]) -> None:
    argv = shlex.split(command)[1:]
    exe = [SCRIPT] if SCRIPT else [sys.executable, "-m", "vitk2"]
    res = subprocess.run(
        [*exe, *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert res.returncode in (0, 1), f"{page}: {command}\n{res.stderr}"
    assert "Traceback" not in res.stderr
    assert res.stdout.strip()
    if expected:
        assert res.stdout.splitlines() == expected, f"{page}: {command}"


def _diary_files() -> list[tuple[str, str]]:
    """Every diary file shown in the docs: a ```text block whose first line is a CSV header."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        blocks = page.read_text(encoding="utf-8").split("```text\n")[1:]
        found += [
            (page.name, block.split("```", 1)[0])
            for block in blocks
            if block.startswith(("food,amount", "date,food,amount"))
        ]
    return found


DIARIES = _diary_files()


def test_docs_show_a_diary_file() -> None:
    assert DIARIES


@pytest.mark.parametrize(("page", "text"), DIARIES, ids=lambda x: str(x)[:40])
def test_a_diary_file_in_the_docs_reads_as_written(
    page: str, text: str, tmp_path: Path
) -> None:
    diary = tmp_path / "diary.csv"
    diary.write_text(text, encoding="utf-8")
    exe = [SCRIPT] if SCRIPT else [sys.executable, "-m", "vitk2"]
    res = subprocess.run(
        [*exe, "diary", str(diary)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, f"{page}: {res.stderr}"
    rows = len(text.strip().splitlines()) - 1  # no quoted cell spans lines in these examples
    assert res.stdout.splitlines()[0] == f"{rows} entries", res.stdout
