"""The layers of ARCHITECTURE.md hold: `lint-imports` keeps the contracts in pyproject.toml.

Each layer imports only the layers below it, and the engine and the pure models never import
ipywidgets, matplotlib, IPython or pm_course.ui (imports inside functions count).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> str:
    """The lint-imports beside this Python (the course's environment), else one on PATH."""
    beside = Path(sys.executable).with_name("lint-imports")
    if beside.exists():
        return str(beside)
    found = shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed: pip install -e '.[dev]'")
    return found


def test_import_contracts_are_kept():
    done = subprocess.run(
        [lint_imports(), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout, done.stdout[-6000:]
