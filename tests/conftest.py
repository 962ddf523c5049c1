"""Shared fixtures: a fresh progress store per test, charts stubbed, and no fault unnoticed.

Three promises hold in every test unless it opts out:

- **A throwaway store**: the ``store`` fixture installs a store in a temporary folder.
- **Charts are stubbed**: ``pm_course.ui.charts.STUB`` is set, so a chart is built and updated
  but not rasterised (its PNG is one pixel). A test about real chart images opts out with
  ``@pytest.mark.charts``.
- **A logged fault fails the test**: an error logged on the ``pm_course`` logger (what
  :func:`pm_course.ui.parts.safe` does when it catches a fault in a callback) fails the test at
  teardown. A test that triggers a fault on purpose says so with ``@pytest.mark.faults`` or by
  taking the ``expected_faults`` fixture (the records logged, to assert on).
"""

from __future__ import annotations

import logging

import pytest

from pm_course.course import store as store_module


@pytest.fixture
def store(tmp_path):
    """A progress store in a temporary folder, installed as the kernel's store."""
    fresh = store_module.Store(tmp_path / "progress")
    old = store_module.use_store(fresh)
    yield fresh
    store_module.use_store(old)


@pytest.fixture(autouse=True)
def _stub_charts(request, monkeypatch):
    """Charts are built but not rasterised, unless the test is marked ``charts``."""
    if request.node.get_closest_marker("charts") is None:
        from pm_course.ui import charts  # light: matplotlib loads only when a figure is made

        monkeypatch.setattr(charts, "STUB", True)


class _Records(logging.Handler):
    """Keeps every record it is given."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _logged_faults(request):
    """Fail the test at teardown if it logged an error it did not expect."""
    handler = _Records()
    logger = logging.getLogger("pm_course")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
    expected = (
        request.node.get_closest_marker("faults") is not None
        or "expected_faults" in request.fixturenames
    )
    if handler.records and not expected:
        faults = "\n".join(
            f"  {r.name}: {r.getMessage()}"
            + (f" ({r.exc_info[0].__name__}: {r.exc_info[1]})" if r.exc_info else "")
            for r in handler.records
        )
        pytest.fail(
            "an unexpected fault was logged (a widget callback caught an exception):\n"
            f"{faults}\nIf the test triggers it on purpose, mark it @pytest.mark.faults "
            "or take the expected_faults fixture.",
            pytrace=False,
        )


@pytest.fixture
def expected_faults(_logged_faults) -> list[logging.LogRecord]:
    """The errors logged during the test, which it triggers on purpose (so they do not fail it)."""
    return _logged_faults
