"""Running a command as a learner would, in tests: without root's power over files."""

from __future__ import annotations

import os
import shutil

import pytest

#: Run as 'nobody' without root's capabilities, so a read-only folder is read-only for real.
SETPRIV = [
    "setpriv",
    "--reuid=65534",
    "--regid=65534",
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
]


def without_root() -> list[str]:
    """The prefix that runs a command without the power to ignore file permissions: nothing
    for a user who has no such power, ``setpriv`` as 'nobody' for root (skips if missing)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop root")
    return list(SETPRIV)
