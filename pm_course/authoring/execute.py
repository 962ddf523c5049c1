"""Run a course notebook on a fresh kernel with a throwaway progress store.

Used wherever the course executes its own notebooks (``tools/notebooks.py refresh``,
``pm-course slides``), so a learner's saved answers never leak into stored outputs or decks.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def run_notebook(nb, path: Path, *, widget_state: bool = False, timeout: int = 300):
    """Execute ``nb`` (read from ``path``) in its folder; returns it with its outputs.

    The kernel gets ``PM_COURSE_HOME`` set to a new temporary folder, removed afterwards;
    this process's environment is not changed. With ``widget_state`` the widgets' final
    state is kept in the notebook's metadata.
    """
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="pm-course-run-") as home:
        NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            shutdown_kernel="immediate",
            store_widget_state=widget_state,
            resources={"metadata": {"path": str(Path(path).parent)}},
        ).execute(env={**os.environ, "PM_COURSE_HOME": home})
    return nb
