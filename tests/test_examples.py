"""Every script in examples/ runs, from a clean process, and says what it shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    assert any(p.name == "quickstart.py" for p in EXAMPLES)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    header = script.read_text(encoding="utf-8").split('"""')[1]
    assert "What it shows" in header or "shows" in header.lower(), script.name
    env = {**os.environ, "MPLBACKEND": "Agg", "VITK2_EXAMPLE_OUTPUT": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", str(script)],  # vitk2 warnings fail it
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip(), f"{script.name} printed nothing"
    assert "Traceback" not in out.stderr
