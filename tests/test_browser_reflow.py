"""Zoom and reflow: the course at 200% zoom (a 640-pixel-wide window, as 1280 at 200%).

For every notebook, after Run All Cells: no output needs horizontal scrolling (its
``scrollWidth`` is at most its ``clientWidth``, and no box inside it scrolls sideways), nothing
in an output reaches past its sides, no label or button text is cut short with an ellipsis,
and no two widgets of one box overlap. Full-page screenshots of each go to
``test-artifacts/screenshots/<notebook>-640.png`` (a tall notebook in pieces, ``-640-2.png``
...): look at them.

WCAG 2.2, 1.4.10 Reflow: content at 320 CSS px needs no two-dimensional scrolling. The file
browser is closed first (a learner reading at 200% would close it: it takes 250 px); the side
bars' icons, the prompts and the notebook's margins still take their share.

Run: ``.venv/bin/python -m pytest tests/test_browser_reflow.py -m browser -q -p no:nbval``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

NOTEBOOKS = support.course_notebooks()
#: 1280 CSS pixels at 200% zoom.
NARROW = {"width": 640, "height": 900}


def close_the_file_browser(lab: support.LabPage) -> None:
    """Collapse the left side bar, as a learner reading at 200% would: it takes 250 px."""
    current = lab.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current.count():
        current.first.click()
    expect(lab.page.locator("#jp-left-stack")).to_be_hidden()


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_outputs_reflow_at_200_percent_zoom(
    chromium_browser, lab_server: support.LabServer, screenshot_dir: Path, notebook: Path
):
    with support.lab_page_at(chromium_browser, lab_server, screenshot_dir, NARROW) as lab:
        lab.open(notebook.relative_to(support.ROOT).as_posix())
        close_the_file_browser(lab)
        lab.clear_outputs()
        lab.run_all()
        problems = support.overflow_problems(lab)
        support.screenshot_at(lab, f"{notebook.stem}-640", NARROW)
        shown = "\n".join(problems[:60]) + (
            f"\n... and {len(problems) - 60} more" if len(problems) > 60 else ""
        )
        assert not problems, f"{len(problems)} problems at {NARROW['width']} px:\n{shown}"
        assert re.fullmatch(r"\[\d+\]:", lab.prompts()[-1] or ""), "the run did not finish"
        lab.assert_clean()
