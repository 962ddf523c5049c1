"""Inputs that cannot race: type fast, press Enter or the button at once, read the feedback.

In JupyterLab (headless Chromium), on a small notebook of its own (a number question, the
user-need checker and the vanity check), each test types with no pause between keys and
presses Enter or clicks the button straight after the last key, as a quick learner does, with
the kernel idle and with it busy for a moment (a long cell, a slow model). The feedback must be
about what was typed, never about the value before it: ipywidgets sends a click at once, while
a box that sent its value on every key could still have keys queued behind the kernel's last
reply, and Enter sends "submit" before the box's new text.

Run: ``.venv/bin/python -m pytest tests/test_browser_inputs.py -m browser -q -p no:nbval``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

#: The notebook the tests write (under the served folder, in the ignored test-artifacts/).
FOLDER = "test-artifacts/inputs"
#: A button that keeps the kernel busy for a moment, as a long cell or a slow model does: what
#: the page sends meanwhile waits in a queue, where a click used to overtake the typed keys.
BUSY = (
    "import time\n"
    "import ipywidgets as W\n"
    "busy = W.Button(description='Keep the kernel busy')\n"
    "busy.on_click(lambda _: time.sleep(BUSY_S))\n"
    "busy"
)
BUSY_S = 1.5
CELLS = [
    f"import pm_course\nBUSY_S = {BUSY_S}",
    BUSY,
    'pm_course.question("start-numeric")',
    "pm_course.user_need_checker()",
    "pm_course.vanity_check()",
]


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def _notebook(cells: list[str]) -> dict:
    return {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": s,
                "outputs": [],
                "execution_count": None,
            }
            for s in cells
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.fixture(scope="module")
def race_notebook() -> Iterator[str]:
    """A notebook with a number question and the user-need checker; its path on the server."""
    folder = support.ROOT / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "race.ipynb"
    path.write_text(json.dumps(_notebook(CELLS)), encoding="utf-8")
    try:
        yield str(Path(FOLDER) / path.name)
    finally:
        path.unlink(missing_ok=True)


@pytest.fixture
def ran(lab: support.LabPage, race_notebook: str) -> support.LabPage:
    lab.open_and_run(race_notebook)
    return lab


def _question(lab: support.LabPage):
    return lab.questions().first


def _keep_busy(lab: support.LabPage) -> None:
    lab.panel.get_by_role("button", name="Keep the kernel busy").click()


@pytest.mark.parametrize("busy", [False, True], ids=["idle", "busy"])
@pytest.mark.parametrize("press", ["Enter", "button"])
def test_number_question_checks_what_was_typed(
    ran: support.LabPage, press: str, busy: bool
) -> None:
    question = _question(ran)
    box = question.get_by_role("textbox", name="Your answer")
    button = question.get_by_role("button", name="Check answer")
    for typed, said in (("abc", "'abc'"), ("12", "12 is too high"), ("7", "Correct")):
        box.fill("")
        if busy:
            _keep_busy(ran)
            box.click()
        box.press_sequentially(typed, delay=0)
        if press == "Enter":
            box.press("Enter")
        else:
            button.click()
        expect(question).to_contain_text(said, timeout=support.FEEDBACK_MS)
    ran.assert_clean()


@pytest.mark.parametrize("busy", [False, True], ids=["idle", "busy"])
def test_user_need_checker_checks_the_statement_typed(ran: support.LabPage, busy: bool) -> None:
    checker = ran.panel.locator(".jp-OutputArea-output").filter(has_text="User-need checker")
    box = checker.get_by_role("textbox", name="Your need")
    button = checker.get_by_role("button", name=re.compile(r"^\W*Check$"))
    for need in (
        "As a carer, I need to book respite care, so that I can rest",
        "As a volunteer, I need to see my shifts, so that I can plan my week",
    ):
        box.fill("")
        if busy:
            _keep_busy(ran)
            box.click()
        box.press_sequentially(need, delay=0)
        button.click()
        expect(checker).to_contain_text(f"“{need}”", timeout=support.FEEDBACK_MS)
    ran.assert_clean()


@pytest.mark.parametrize("busy", [False, True], ids=["idle", "busy"])
def test_enter_in_the_vanity_checks_metric_box_checks_what_was_typed(
    ran: support.LabPage, busy: bool
) -> None:
    check = ran.panel.locator(".jp-OutputArea-output").filter(has_text="Vanity-metric check")
    box = check.get_by_role("textbox", name="Metric")
    for metric, verdict in (
        ("Total donations since 2015", "Likely vanity metric"),
        ("Followers on social media", "Likely vanity metric"),
    ):
        box.fill("")
        if busy:
            _keep_busy(ran)
            box.click()
        box.press_sequentially(metric, delay=0)
        box.press("Enter")
        expect(check).to_contain_text(f"“{metric}”", timeout=support.FEEDBACK_MS)
        expect(check).to_contain_text(verdict)
    ran.assert_clean()
