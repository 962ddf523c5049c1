"""Test-wide set-up: every test, and every notebook kernel nbval starts, saves progress
to a temporary folder, never to the learner's own progress file."""

import os
import shutil
import tempfile

_HOME = tempfile.mkdtemp(prefix="pm-course-test-")


def pytest_configure(config):
    """Point the progress store at a temporary folder before any kernel starts."""
    os.environ["PM_COURSE_HOME"] = _HOME
    os.environ.setdefault("MPLBACKEND", "agg")


def pytest_unconfigure(config):
    """Remove the temporary progress folder."""
    shutil.rmtree(_HOME, ignore_errors=True)
