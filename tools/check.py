"""Run every check CI runs, in the order CI runs them: ruff, mypy --strict, docs, pytest.

Usage: ``python tools/check.py`` from the repository root, inside the project's environment.
Each step runs even if an earlier one failed; the exit status is non-zero if any step failed.
pytest runs last, so its summary line closes the output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

STEPS: list[tuple[str, list[str]]] = [
    (
        "ruff",
        [PY, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks", "tools", "docs"],
    ),
    ("mypy --strict", [PY, "-m", "mypy", "--strict", "src", "tests"]),
    (
        "docs (warnings are errors)",
        [PY, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", "docs/_build/html"],
    ),
    ("pytest", [PY, "-m", "pytest", "-p", "no:cacheprovider"]),
]


def main() -> int:
    """Run the steps; return the number of failed steps (capped at 1 for the exit status)."""
    env = dict(os.environ)
    if env.get("CI"):
        env.setdefault("HYPOTHESIS_PROFILE", "ci")
    shutil.rmtree(ROOT / "docs" / "_build", ignore_errors=True)
    failed: list[str] = []
    for name, cmd in STEPS:
        start = time.perf_counter()
        print(f"==> {name}", flush=True)
        rc = subprocess.call(cmd, cwd=ROOT, env=env)
        print(f"<== {name}: {'ok' if rc == 0 else f'FAILED ({rc})'} "
              f"in {time.perf_counter() - start:.1f} s", flush=True)
        if rc != 0:
            failed.append(name)
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
