"""A learner's session without surprises, in JupyterLab (headless Chromium, via Playwright).

- Every notebook, the instructor's class report too, opens clean: no "unsaved" mark on its tab
  once the kernel has started, so closing it untouched never asks "Save your work?".
- After a kernel restart, and after a page reload, the note under the setup cell says what to
  do (run the cells again), and once the cells have run again the learner's answer is back.

Screenshots of the page after the restart and after the reload, before anything runs again,
go to ``test-artifacts/screenshots/`` (``session-after-restart``, ``session-after-reload``).

Run: ``.venv/bin/python -m pytest tests/test_browser_session.py -m browser -q -p no:nbval``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

from pm_course.course import content  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

START = "notebooks/00_start_here.ipynb"
REPORT = "notebooks/instructor/class_report.ipynb"
#: The note right under every notebook's setup cell.
NOTE = re.compile(r"Controls missing, or showing an error\?|Report missing, or showing an error\?")
#: A notebook as it was committed before: JupyterLab rewrote this when the kernel started.
OLD_LANGUAGE_INFO = {"name": "python"}
#: How long after the kernel is idle a notebook whose metadata JupyterLab rewrites turns
#: dirty at the latest (the control case below must turn dirty within it).
SETTLE_S = 5.0

_DIRTY_TABS_JS = """() => Array.from(
  document.querySelectorAll('#jp-main-dock-panel .lm-TabBar-tab.jp-mod-dirty')
).map(t => t.textContent.trim())"""


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def dirty_within(lab: support.LabPage, seconds: float) -> tuple[list[str], float]:
    """The tabs marked as changed at the first moment within ``seconds`` that any was, and
    when that was (in seconds); ``([], seconds)`` if none was."""
    start = time.monotonic()
    while (waited := time.monotonic() - start) < seconds:
        dirty = lab.page.evaluate(_DIRTY_TABS_JS)
        if dirty:
            return dirty, waited
        lab.page.wait_for_timeout(100)
    return [], seconds


def dirty_over(lab: support.LabPage, seconds: float) -> set[str]:
    """Every tab marked as changed at any moment within ``seconds``."""
    seen: set[str] = set()
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        seen.update(lab.page.evaluate(_DIRTY_TABS_JS))
        lab.page.wait_for_timeout(100)
    return seen


def open_from_file_browser(lab: support.LabPage, name: str) -> None:
    """Double-click ``name`` in the file browser (no page load, as a learner opens the next
    notebook); for a notebook, wait until it is the current tab and its kernel is idle."""
    item = lab.page.locator(".jp-DirListing-item").filter(
        has=lab.page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(name)}$"))
    )
    expect(item).to_have_count(1)
    item.dblclick()
    if name.endswith(".ipynb"):
        tab = lab.page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
        expect(tab).to_contain_text(name, timeout=support.PAGE_LOAD_MS)
        expect(lab.kernel_idle).to_have_count(1, timeout=support.KERNEL_IDLE_MS)


def close_tab(lab: support.LabPage, name: str) -> None:
    """Close the notebook ``name`` with its tab's close icon (JupyterLab then shows a Launcher
    in an empty main area)."""
    tab = lab.page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=name)
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    expect(tab).to_have_count(0)


def shut_kernels_down(lab: support.LabPage) -> None:
    """End every kernel session on the server (one notebook after another would pile them up)."""
    for session in lab.server.api("/api/sessions") or []:
        lab.server.api(f"/api/sessions/{session['id']}", method="DELETE")


@pytest.mark.slow
def test_every_notebook_opens_without_an_unsaved_mark(lab: support.LabPage):
    # The control case: a copy of 00 with the metadata the notebooks used to have turns dirty
    # as soon as its kernel starts. It proves the wait below is long enough to see it.
    old = json.loads((support.ROOT / START).read_text(encoding="utf-8"))
    old["metadata"]["language_info"] = OLD_LANGUAGE_INFO
    folder = support.ROOT / "test-artifacts" / "session"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "old-metadata.ipynb"
    copy.write_text(json.dumps(old, indent=1), encoding="utf-8")
    try:
        lab.open(copy.relative_to(support.ROOT).as_posix())
        dirty, took = dirty_within(lab, SETTLE_S)
        assert dirty == ["old-metadata.ipynb"], (
            "the control case never turned dirty: the check below would prove nothing"
        )
        shut_kernels_down(lab)
    finally:
        copy.unlink(missing_ok=True)
    lab.file_writes.clear()  # the control copy's kernel start is not a save, but be sure

    books = [p.name for p in support.course_notebooks()]
    assert len(books) >= 9
    # Open them all, one after another as a learner would (each until its kernel is idle),
    # then watch every tab three times as long as the control case took to turn dirty: the
    # last one opened is watched that long, the others longer.
    watch = min(SETTLE_S, max(1.0, 3 * took))
    opened = []
    lab.open(f"notebooks/{books[0]}")
    for name in [*books, "instructor", Path(REPORT).name]:
        if name != books[0]:
            open_from_file_browser(lab, name)
        if name.endswith(".ipynb"):  # else a folder
            opened.append(name)
    marked = dirty_over(lab, watch)
    assert not marked, f"opened and left alone, yet marked as changed: {sorted(marked)}"
    for name in opened:
        close_tab(lab, name)
    shut_kernels_down(lab)
    lab.assert_clean()


def answer_right(lab: support.LabPage, qid: str) -> None:
    """Choose the right option of a single-choice question and check it."""
    question = content.question(qid)
    right = next(o for o in question.options if o.correct)
    box = lab.questions().filter(has_text=question.prompt)
    expect(box).to_have_count(1)
    box.scroll_into_view_if_needed()
    box.get_by_role("radio", name=right.text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator(".pmc-feedback")).to_contain_text(re.compile(r"^\W*Correct"))


def expect_answer_back(lab: support.LabPage, qid: str) -> None:
    """The question shows the saved right answer, chosen and marked correct."""
    question = content.question(qid)
    right = next(o for o in question.options if o.correct)
    box = lab.questions().filter(has_text=question.prompt)
    expect(box).to_contain_text("(your saved answer)")
    expect(box.get_by_role("radio", name=right.text, exact=True)).to_be_checked()
    expect(box.locator(".pmc-feedback")).to_contain_text(re.compile(r"^\W*Correct"))


def expect_the_note(lab: support.LabPage) -> None:
    """The note under the setup cell is on the page, right after the setup cell."""
    note = lab.panel.locator(".jp-MarkdownCell").filter(has_text=NOTE)
    expect(note).to_have_count(1)
    expect(note).to_be_visible()
    expect(note).to_contain_text("Kernel > Restart Kernel and Run All Cells")
    expect(note).to_contain_text("Shift+Enter")
    cells = lab.cells()
    setup = next(
        i
        for i in range(cells.count())
        if "jp-CodeCell" in (cells.nth(i).get_attribute("class") or "")
    )
    expect(cells.nth(setup + 1)).to_contain_text(NOTE)


def restart_kernel(lab: support.LabPage) -> None:
    """Kernel > Restart Kernel…, confirmed; wait until the new kernel is idle."""
    lab.menu("Kernel", "Restart Kernel…")
    lab.page.locator(".jp-Dialog-button.jp-mod-accept").click()
    expect(lab.page.locator(".jp-Dialog")).to_have_count(0)
    expect(lab.kernel_idle).to_have_count(1, timeout=support.KERNEL_IDLE_MS)


def test_after_a_kernel_restart_the_page_says_what_to_do_and_the_answer_comes_back(
    lab: support.LabPage,
):
    lab.open_and_run(START)
    answer_right(lab, "start-single")

    restart_kernel(lab)
    expect_the_note(lab)
    lab.page.locator(".jp-MarkdownCell").filter(has_text=NOTE).scroll_into_view_if_needed()
    lab.screenshot("session-after-restart")

    lab.run_all()
    expect_answer_back(lab, "start-single")
    lab.assert_clean()


def test_after_a_page_reload_the_page_says_what_to_do_and_the_answer_comes_back(
    lab: support.LabPage,
):
    lab.open_and_run(START)
    answer_right(lab, "start-single")

    lab.open(START, reload=True)
    expect_the_note(lab)
    lab.page.locator(".jp-MarkdownCell").filter(has_text=NOTE).scroll_into_view_if_needed()
    lab.screenshot("session-after-reload")

    lab.clear_outputs()
    lab.run_all()
    expect_answer_back(lab, "start-single")
    lab.assert_clean()
