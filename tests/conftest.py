"""Shared fixtures: a fresh progress store per test."""

import pytest

from pm_course.course import store as store_module


@pytest.fixture
def store(tmp_path):
    """A progress store in a temporary folder, installed as the kernel's store."""
    fresh = store_module.Store(tmp_path / "progress")
    old = store_module.use_store(fresh)
    yield fresh
    store_module.use_store(old)
