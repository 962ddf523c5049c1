"""The layers of ARCHITECTURE.md hold: `lint-imports` keeps the contracts in pyproject.toml,
and mypy finds no error in the package (so `make test`, which CI runs, holds both, not only
`make lint`).

Each layer imports only the layers below it, and the engine and the pure models never import
ipywidgets, matplotlib, IPython or pm_course.ui (imports inside functions count).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    """A command beside this Python (the course's environment), else one on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[dev]'")
    return found


def test_import_contracts_are_kept():
    done = subprocess.run(
        [tool("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout, done.stdout[-6000:]


@pytest.mark.slow
def test_mypy_finds_no_error(tmp_path):
    done = subprocess.run(
        [tool("mypy"), "--cache-dir", str(tmp_path / "mypy")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
