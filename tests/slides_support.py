"""The slide decks of every section, built once per test session (a pytest plugin).

``tests/test_slides.py`` and ``tests/test_browser_slides.py`` load it with ``pytest_plugins``,
so one build (about half a minute) serves both. Building needs npm and the npm registry once,
to fetch reveal.js, require.js and KaTeX (unless ``build/vendor`` already holds them);
without them the tests that need the decks skip, but with ``CI=true`` they fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser_support import skip_or_fail  # a missing tool fails on CI, skips elsewhere

from pm_course.authoring import slides

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def vendored(cache: Path) -> bool:
    """True when the cache already holds every npm package the decks load (no network)."""
    return all(
        (cache / f"{name}-{version}" / "package.json").exists()
        for name, version in (
            ("reveal.js", slides.REVEAL_VERSION),
            ("requirejs", slides.REQUIREJS_VERSION),
            ("katex", slides.KATEX_VERSION),
        )
    )


@pytest.fixture(scope="session")
def all_decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every section's deck in a temporary folder; skips without npm (fails on CI)."""
    cache = slides.cache_dir(ROOT)
    if not vendored(cache):
        if shutil.which("npm") is None:
            skip_or_fail("npm is not installed: the decks need it once for reveal.js and KaTeX")
        cache = tmp_path_factory.mktemp("vendor-cache")  # the course folder is left alone
    out = tmp_path_factory.mktemp("slides")
    try:
        slides.build(out, ROOT, cache=cache)
    except slides.SlidesError as exc:
        skip_or_fail(f"cannot fetch the decks' npm packages (no registry?): {exc}")
    return out
