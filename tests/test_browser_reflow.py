"""Window widths, zoom, reflow and a steady page: the course in a laptop window (1280 px, the
file browser open), a narrow window (800 px) and at 200% zoom (a 640-pixel-wide window, as
1280 at 200%), both with the file browser closed; and no cell that grows or shrinks when a
model's slider moves (the page below would jump).

For every notebook, after Run All Cells, at each width: no output needs horizontal scrolling (its
``scrollWidth`` is at most its ``clientWidth``, and no box inside it scrolls sideways), nothing
in an output reaches past its sides, no label or button text is cut short with an ellipsis,
and no two widgets of one box overlap. Full-page screenshots of each go to
``test-artifacts/screenshots/<notebook>-<width>.png`` (a tall notebook in pieces,
``-640-2.png`` ...): look at them.

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


#: Each window a learner may have, and whether the file browser is open in it (it takes
#: 250 px): a laptop with the file browser open, a narrow window beside another (800 px) and
#: 1280 at 200% zoom (reflow), each with it closed. (An 800-pixel window WITH the file browser
#: leaves the notebook 370 px, a phone's width: not a layout the course promises.)
WINDOWS = (
    ("1280", {"width": 1280, "height": 900}, True),
    ("800", {"width": 800, "height": 900}, False),
    ("640", NARROW, False),
)


def open_the_file_browser(lab: support.LabPage) -> None:
    """Show the file browser in the left side bar, as JupyterLab does at first."""
    if lab.page.locator("#jp-left-stack").is_hidden():
        lab.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab").first.click()
    expect(lab.page.locator("#jp-left-stack")).to_be_visible()


#: The most a model's cell may grow or shrink when one of its sliders moves (pixels).
STEADY_PX = 4
#: JS: the cell's height once it has settled: every picture in it decoded (a chart's height
#: follows its image), then two frames for the layout.
SETTLED_HEIGHT_JS = """async c => {
  await Promise.all(Array.from(c.querySelectorAll('img')).map(i => i.decode().catch(() => null)));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return c.getBoundingClientRect().height;
}"""


def jumps(lab: support.LabPage) -> list[str]:
    """Press every model slider right, then back; report a cell whose height differs between
    the two values by more than STEADY_PX (the page below would jump as the learner moves it).
    A slider that adds or removes controls (the number of teams, say) changes what there is to
    show, not a summary's length: skipped."""
    problems = []
    handles = lab.panel.locator(".pmc-model .noUi-handle")
    for i in range(handles.count()):
        handle = handles.nth(i)
        handle.scroll_into_view_if_needed()
        cell = handle.locator("xpath=ancestor::div[contains(@class,'jp-Cell')][1]")
        model = handle.locator("xpath=ancestor::div[contains(@class,'pmc-model')][1]")
        shown = (
            "m => Array.from(m.querySelectorAll('.jupyter-widgets'))"
            ".filter(w => w.offsetParent !== null).length"
        )
        parts = {model.evaluate(shown)}
        heights = [cell.evaluate(SETTLED_HEIGHT_JS)]
        at_top = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        for key in ("ArrowLeft", "ArrowRight") if at_top else ("ArrowRight", "ArrowLeft"):
            handle.press(key)
            # The key reaches the kernel, which turns busy, within this; then idle means its
            # replies (they come before the idle status) have reached the page.
            lab.page.wait_for_timeout(100)
            expect(lab.kernel_idle).to_have_count(1, timeout=support.KERNEL_IDLE_MS)
            heights.append(cell.evaluate(SETTLED_HEIGHT_JS))
            parts.add(model.evaluate(shown))
        if len(parts) > 1:
            continue
        # A notice shown until the first change ("Your saved map is back") may go once; what
        # must not happen is the height following the value: compare the two moved states.
        if abs(heights[1] - heights[2]) > STEADY_PX:
            label = handle.evaluate(
                "h => h.closest('.widget-slider')?.querySelector('.widget-label')?.textContent"
            )
            problems.append(
                f"slider {label!r}: its cell jumps ({', '.join(f'{h:.0f}' for h in heights)} px)"
            )
    return problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_outputs_fit_every_window_width(
    chromium_browser, lab_server: support.LabServer, screenshot_dir: Path, notebook: Path
):
    """Run once; move every model slider and back (no cell may jump); then look at the notebook
    in each window of :data:`WINDOWS`, widest first (the outputs reflow as the window
    narrows, as they do when a learner resizes it)."""
    problems = []
    with support.lab_page_at(chromium_browser, lab_server, screenshot_dir, WINDOWS[0][1]) as lab:
        lab.open(notebook.relative_to(support.ROOT).as_posix())
        open_the_file_browser(lab)
        lab.clear_outputs()
        lab.run_all()
        assert re.fullmatch(r"\[\d+\]:", lab.prompts()[-1] or ""), "the run did not finish"
        problems += [f"steady: {p}" for p in jumps(lab)]
        for name, viewport, file_browser in WINDOWS:
            lab.page.set_viewport_size(viewport)
            if file_browser:
                open_the_file_browser(lab)
            else:
                close_the_file_browser(lab)
            lab.page.wait_for_timeout(300)  # JupyterLab lays the panels out again
            found = support.overflow_problems(lab)
            problems += [f"{name} px: {p}" for p in found]
            support.screenshot_at(lab, f"{notebook.stem}-{name}", viewport)
        lab.assert_clean()
    shown = "\n".join(problems[:60]) + (
        f"\n... and {len(problems) - 60} more" if len(problems) > 60 else ""
    )
    assert not problems, f"{len(problems)} problems:\n{shown}"
