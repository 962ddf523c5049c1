"""Run a course notebook on a fresh kernel with a throwaway progress store.

Used wherever the course executes its own notebooks (``tools/notebooks.py refresh``,
``pm-course slides``), so a learner's saved answers never leak into stored outputs or decks.

The kernel's connection is encrypted (CurveZMQ, when pyzmq has it, as it does from its
wheels): without it ipykernel 7 prints "Kernel is running over TCP without encryption" for
every notebook run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def kernel_config():
    """The kernel manager's settings: transport encryption where the kernel supports it."""
    import zmq
    from jupyter_client import KernelManager
    from traitlets.config import Config

    config = Config()
    if "transport_encryption" in KernelManager.class_trait_names() and zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"  # used when the kernelspec has it
    return config


def matplotlibrc(rc: Mapping[str, object], folder: Path) -> Path:
    """A ``matplotlibrc`` file in ``folder`` with the given rcParams; returns its path."""
    path = Path(folder, "matplotlibrc")
    path.write_text("".join(f"{key}: {value}\n" for key, value in rc.items()), encoding="utf-8")
    return path


def run_notebook(
    nb,
    path: Path,
    *,
    widget_state: bool = False,
    timeout: int = 300,
    rc: Mapping[str, object] | None = None,
):
    """Execute ``nb`` (read from ``path``) in its folder; returns it with its outputs.

    The kernel gets ``PM_COURSE_HOME`` set to a new temporary folder, removed afterwards;
    this process's environment is not changed. With ``widget_state`` the widgets' final
    state is kept in the notebook's metadata. ``rc`` (matplotlib rcParams, such as larger
    fonts for slides) applies to this run only, through a ``matplotlibrc`` file the kernel
    reads (``MATPLOTLIBRC``); the notebooks and their stored outputs keep the defaults.
    """
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="pm-course-run-") as home:
        env = {**os.environ, "PM_COURSE_HOME": home}
        if rc:
            env["MATPLOTLIBRC"] = str(matplotlibrc(rc, Path(home)))
        NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            shutdown_kernel="immediate",
            store_widget_state=widget_state,
            resources={"metadata": {"path": str(Path(path).parent)}},
            config=kernel_config(),
        ).execute(env=env)
    return nb
