"""The course as a learner meets it: JupyterLab in headless Chromium (Debian's), via Playwright.

- Every notebook in ``notebooks/`` (not ``_*`` drafts) runs with Run All Cells: every code cell
  gets a number, no cell shows an error, every question and progress view renders as a live
  widget, the console stays free of errors and no request leaves 127.0.0.1.
- On ``00_start_here.ipynb`` a learner answers with the mouse (a hint, one wrong, then right;
  shows an answer) and with the keyboard only (Tab, Shift+Tab, Space, Enter), then reloads the
  page, runs it again and finds the answers kept and counted in the progress view.
- Keys pressed on a focused widget stay with the widget: JupyterLab's command-mode shortcuts
  (M, R, D D, arrows, ...) are kept off widgets by ``jupyter/overrides.json`` (written by
  ``tools/shortcuts.py``), and still work when the cell itself has the focus. Arrow keys move
  the choice in a list of options and in a drop-down.
- Arrow keys leaving a question's options at the first or last one (ipywidgets gives the radio
  buttons no ``name``, so they form no group) are a known failure: strict xfail, so the test
  turns red as soon as ipywidgets fixes it and the marker can go.

Run: ``.venv/bin/python -m pytest tests/test_browser.py -m browser -x -q -p no:nbval``
(or ``make test-browser``). Screenshots go to ``test-artifacts/screenshots/``.
Fixtures and helpers: ``tests/browser_support.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pm_course.course import content
from pm_course.course.grading import answer_text

# browser_support is a plugin (fixtures, a report hook); let pytest rewrite its asserts too.
pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402
from browser_support import feedback, question_box  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

NOTEBOOKS = support.course_notebooks()
START = "notebooks/00_start_here.ipynb"

#: Text that means a traceback or an exception in an output.
ERROR_TEXT = re.compile(r"Traceback|\b\w*Error\b")
#: stderr output that is harmless (each with its reason).
STDERR_ALLOWED: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^\s*Matplotlib is building the font cache; this may take a moment\.\s*$"),
        "matplotlib's one-off notice on a fresh HOME when building its font cache takes > 5 s",
    ),
]
#: What a widget shows when something behind it failed.
WIDGET_FAULTS = (
    "Something went wrong",  # pm_course.ui.parts.safe caught an exception in a callback
    "Progress warning",  # the store could not save (pm_course.ui.parts.warnings_html)
    "Progress is NOT being saved",
    "Error displaying widget",  # JupyterLab's widget manager could not render a view
)


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def relpath(path: Path) -> str:
    return path.relative_to(support.ROOT).as_posix()


# --- every notebook ---------------------------------------------------------------------------


def error_outputs(outputs: list[dict]) -> list[str]:
    """Outputs a learner would read as an error: tracebacks, exceptions, stray stderr."""
    bad = []
    for out in outputs:
        where = f"cell {out['cell']}"
        if out["mime"] == support.STDERR_MIME:
            if ERROR_TEXT.search(out["text"]) or not any(
                p.search(out["text"]) for p, _why in STDERR_ALLOWED
            ):
                bad.append(f"{where} (stderr): {out['text'][:1500]}")
        elif ERROR_TEXT.search(out["rendered_text"]):
            bad.append(f"{where}: {out['rendered_text'][:1500]}")
    return bad


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_cleanly_in_jupyterlab(lab: support.LabPage, notebook: Path):
    lab.open_and_run(relpath(notebook))
    lab.screenshot(notebook.stem)

    prompts = lab.prompts()
    unrun = [
        f"code cell {i + 1}: {p}" for i, p in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", p)
    ]
    errors = error_outputs(lab.outputs())
    assert not errors, "cells show errors:\n" + "\n".join(errors)
    assert not unrun, f"cells without an execution count after Run All: {unrun}"

    # Each cell that shows a question, a quiz or the progress view shows it as a live widget.
    sources = support.notebook_code_cells(notebook)
    cells = lab.cells()
    expect(cells).to_have_count(len(sources))
    for index, source in enumerate(sources):
        output = cells.nth(index).locator(".jp-OutputArea-output")
        if "pm_course.question(" in source or "pm_course.quiz(" in source:
            expect(output.locator(".pmc-question").first).to_be_attached()
            expect(
                output.locator("button", has_text=re.compile(r"^(Check|Save|Vote)"))
            ).not_to_have_count(0)
        if "pm_course.progress()" in source:
            expect(output).to_contain_text("Your progress")
            expect(output.locator("table")).to_contain_text("Section")
    text = lab.panel.text_content() or ""
    faults = [f for f in WIDGET_FAULTS if f in text]
    assert not faults, f"widgets show faults: {faults}"
    # The "Jupyter news" toast must not cover the course (jupyter/overrides.json turns it off).
    expect(lab.page.locator(".Toastify__toast", has_text=re.compile("news", re.I))).to_have_count(0)
    lab.assert_clean()


# --- answering on 00_start_here ---------------------------------------------------------------


def option(qid: str, *, correct: bool) -> content.Option:
    """The first right (or wrong) option of a choice question, from the content file."""
    return next(o for o in content.question(qid).options if o.correct == correct)


def answer_with_the_mouse(lab: support.LabPage) -> None:
    """Single choice: a hint, a wrong answer, then the right one. Number: show the answer."""
    question = content.question("start-single")
    right, wrong = option("start-single", correct=True), option("start-single", correct=False)
    box = question_box(lab, question.id)
    box.scroll_into_view_if_needed()

    box.get_by_role("button", name="Hint (1 of 2)").click()
    expect(box).to_contain_text(question.hints[0])
    expect(box.get_by_role("button", name="Hint (2 of 2)")).to_be_visible()

    box.get_by_role("radio", name=wrong.text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(feedback(box)).to_contain_text(re.compile(r"^\W*Not quite"), timeout=support.FEEDBACK_MS)
    expect(feedback(box)).to_contain_text(wrong.feedback)
    expect(box).not_to_contain_text("Why:")  # the explanation waits for a right answer

    box.get_by_role("radio", name=right.text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(feedback(box)).to_contain_text(re.compile(r"^\W*Correct"), timeout=support.FEEDBACK_MS)
    expect(feedback(box)).to_contain_text(right.feedback)
    expect(box).to_contain_text("Why:")
    expect(box).to_contain_text("2 attempts, 1 of 2 hints used")

    numeric = content.question("start-numeric")
    box = question_box(lab, numeric.id)
    box.get_by_role("button", name="Show answer").click()
    expect(box).to_contain_text(f"Answer: {answer_text(numeric)}", timeout=support.FEEDBACK_MS)
    expect(box).to_contain_text("answer shown")


def answer_with_the_keyboard(lab: support.LabPage) -> None:
    """Multiple select and a poll, with Tab, Shift+Tab, Space and Enter only."""
    page = lab.page

    # Multiple select (in the quiz): Shift+Tab back from the button, Space ticks, Enter checks.
    question = content.question("start-multiple")
    box = question_box(lab, question.id)
    by_text = {o.text: o for o in question.options}
    shown = box.get_by_role("checkbox").evaluate_all(  # each learner's own order
        "els => els.map(e => e.closest('label').innerText.replace(/\\u00a0/g, ' ').trim())"
    )
    options = [by_text[text] for text in shown]
    boxes = [box.get_by_role("checkbox", name=o.text, exact=True) for o in options]
    button = box.get_by_role("button", name="Check answer")
    button.focus()  # where Tab from the controls above would land
    for _ in options:
        page.keyboard.press("Shift+Tab")
    for opt, checkbox in zip(options, boxes, strict=True):
        expect(checkbox).to_be_focused()
        if opt.correct:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    for opt, checkbox in zip(options, boxes, strict=True):
        if opt.correct:
            expect(checkbox).to_be_checked()
        else:
            expect(checkbox).not_to_be_checked()
    expect(feedback(box)).to_contain_text(re.compile(r"^\W*Correct"), timeout=support.FEEDBACK_MS)

    # Poll (radio buttons): Shift+Tab into the options, Space chooses, Tab, Space votes.
    question = content.question("start-poll")
    choice = question.options[-1]
    box = question_box(lab, question.id)
    radio = box.get_by_role("radio", name=choice.text, exact=True)
    vote = box.get_by_role("button", name="Vote")
    vote.focus()
    page.keyboard.press("Shift+Tab")  # none is chosen yet, so this lands on the last option
    expect(radio).to_be_focused()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()
    page.keyboard.press("Tab")
    expect(vote).to_be_focused()
    page.keyboard.press("Space")
    expect(feedback(box)).to_contain_text(
        re.compile(r"^\W*Vote recorded"), timeout=support.FEEDBACK_MS
    )
    expect(feedback(box)).to_contain_text(choice.feedback)
    # The cited distribution, with my vote marked.
    expect(box.locator("tr", has_text=choice.text)).to_contain_text("← your vote")


def test_arrow_keys_move_the_choice_in_a_radio_group(lab: support.LabPage):
    """What 00_start_here promises: 'the arrow keys move the choice up or down the list'.

    Before jupyter/overrides.json kept JupyterLab's command-mode ArrowUp/ArrowDown off
    widgets, they selected another cell and the focus left the question.
    """
    lab.open_and_run(START)
    box = question_box(lab, "start-single")
    radios = box.get_by_role("radio")
    count = radios.count()
    assert count >= 3
    box.get_by_role("button", name="Check answer").focus()
    lab.page.keyboard.press("Shift+Tab")  # into the options: the chosen one, else the last
    focused = radios.evaluate_all("rs => rs.indexOf(document.activeElement)")
    assert focused == count - 1, "Shift+Tab from the button did not reach the last option"
    cell = lab.cell_state()["active"]
    for key, index in (("ArrowUp", count - 2), ("ArrowUp", count - 3), ("ArrowDown", count - 2)):
        lab.page.keyboard.press(key)
        expect(radios.nth(index), f"{key} did not move the choice").to_be_focused(timeout=2_000)
        expect(radios.nth(index)).to_be_checked(timeout=2_000)
        for other in range(count):  # the view keeps one choice, though the browser sees no group
            if other != index:
                expect(radios.nth(other)).not_to_be_checked()
    assert lab.cell_state()["active"] == cell, "the arrow keys selected another cell"
    lab.assert_clean()


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="ipywidgets 8.1: RadioButtonsView gives its <input type=radio> no name attribute, so a "
    "question's options form no radio group. Chromium then moves the arrow keys through every "
    "unnamed radio button on the page: past the first or last option the focus, and the choice, "
    "move into the neighbouring question. Needs a fix in ipywidgets (a name per view).",
)
def test_arrow_keys_stay_within_one_question(lab: support.LabPage):
    """In a real radio group ArrowUp on the first option wraps round to the last one."""
    lab.open_and_run(START)
    box = question_box(lab, "start-single")
    radios = box.get_by_role("radio")
    assert radios.evaluate_all("rs => rs.map(r => r.name)") == [""] * radios.count(), (
        "the radio buttons have a name now: check whether the xfail can go"
    )
    radios.first.focus()
    lab.page.keyboard.press("ArrowUp")
    expect(radios.last, "ArrowUp left the question").to_be_focused(timeout=2_000)
    expect(radios.last).to_be_checked()
    lab.assert_clean()


def progress_row(lab: support.LabPage, title: str):
    """The row of one section in the progress view's table."""
    heading = lab.page.get_by_role("heading", name="Your progress", exact=True)
    view = lab.panel.locator(".jp-OutputArea-output", has=heading)
    expect(view).to_have_count(1)
    return view.locator("tbody tr", has=lab.page.locator("td", has_text=title))


def test_answers_by_mouse_and_keyboard_are_kept_after_reload(lab: support.LabPage):
    assert (support.ROOT / START).is_file(), f"{START} is missing"
    section = content.section("00")
    answered = ("start-single", "start-numeric", "start-multiple", "start-poll")
    of_total = f"{len(answered)} of {len(section.questions)}"  # all four count as done

    lab.open_and_run(START)
    for qid in answered:  # a fresh progress folder: nothing saved yet
        expect(question_box(lab, qid)).not_to_contain_text("(your saved answer)")
    answer_with_the_mouse(lab)
    answer_with_the_keyboard(lab)

    row = progress_row(lab, section.title)
    expect(row).to_have_count(1)
    lab.panel.get_by_role("button", name="Refresh").click()  # the view was drawn before
    expect(row).to_contain_text(of_total)
    lab.screenshot("00_start_here-answered")

    # Same server, so the same progress folder: reload the page and run everything again.
    lab.open_and_run(START, reload=True)
    for qid in ("start-single", "start-multiple", "start-poll"):
        expect(question_box(lab, qid)).to_contain_text("(your saved answer)")
    single = question_box(lab, "start-single")
    expect(feedback(single)).to_contain_text(re.compile(r"^\W*Correct"))
    right = option("start-single", correct=True)
    expect(single.get_by_role("radio", name=right.text, exact=True)).to_be_checked()
    poll = content.question("start-poll")
    expect(
        question_box(lab, poll.id).get_by_role("radio", name=poll.options[-1].text, exact=True)
    ).to_be_checked()
    numeric = content.question("start-numeric")
    expect(question_box(lab, numeric.id)).to_contain_text(f"Answer: {answer_text(numeric)}")
    expect(progress_row(lab, section.title)).to_contain_text(of_total)
    lab.screenshot("00_start_here-after-reload")
    lab.assert_clean()


# --- keys on a focused control stay with it (jupyter/overrides.json) -------------------------

#: Keys JupyterLab binds in command mode to any focused element of a notebook. Typed on a
#: drop-down (type-ahead) they would turn the cell raw (R), Markdown (M) or code (Y), add (A, B,
#: V), cut or delete it (X, D D), undo (Z), merge (Shift+M), select other cells (J, K,
#: Shift+ArrowDown) or ask to restart the kernel (0 0). ``tools/shortcuts.py`` keeps them off
#: widgets.
TYPE_AHEAD_KEYS = (
    "r", "m", "y", "a", "b", "c", "v", "x", "z", "d", "d",
    "Shift+M", "Shift+Z", "j", "k", "Shift+ArrowDown", "Shift+ArrowUp", "0", "0",
)  # fmt: skip
#: Lumino runs a pending chord's shorter match (D, then nothing) after 1 s: wait past it.
CHORD_WAIT_MS = 1_200


def test_keys_on_a_focused_drop_down_stay_with_the_drop_down(lab: support.LabPage):
    lab.open_and_run(START)
    expect(lab.cells()).to_have_count(len(support.notebook_code_cells(support.ROOT / START)))
    before = lab.cell_state()
    for qid in ("start-ordering", "start-categorise"):
        box = question_box(lab, qid)
        menus = box.get_by_role("combobox")
        count = menus.count()
        assert count >= 2
        menu = menus.first
        menu.scroll_into_view_if_needed()
        menu.focus()
        cell = lab.cell_state()["active"]
        for key in TYPE_AHEAD_KEYS:
            lab.page.keyboard.press(key)
            expect(menu, f"{key} took the focus off the drop-down").to_be_focused()
        lab.page.wait_for_timeout(CHORD_WAIT_MS)
        expect(menu).to_be_focused()
        assert lab.cell_state() == {"types": before["types"], "active": cell}, (
            "keys typed on a drop-down changed, added, deleted or selected cells"
        )
        expect(lab.page.locator(".jp-Dialog")).to_have_count(0)  # 0 0: "Restart Kernel?"
        expect(menus).to_have_count(count)  # the question is still there, whole

        # On a closed drop-down ArrowDown and ArrowUp choose the next and the previous option.
        menu.select_option(index=0)  # "Choose…"
        menu.focus()
        for key, index in (("ArrowDown", 1), ("ArrowDown", 2), ("ArrowUp", 1)):
            lab.page.keyboard.press(key)
            expect(menu, f"{key} did not choose option {index}").to_have_js_property(
                "selectedIndex", index
            )
            expect(menu).to_be_focused()
        assert lab.cell_state()["active"] == cell, "the arrow keys selected another cell"

        # Enter opens the whole list (and does not open the cell's editor); there the arrow
        # keys move and Enter confirms.
        lab.page.keyboard.press("Enter")
        is_open = "s => s.matches(':open')"
        lab.page.wait_for_function(is_open, arg=menu.element_handle(), timeout=2_000)
        lab.page.keyboard.press("ArrowDown")
        lab.page.keyboard.press("Enter")
        expect(menu).to_have_js_property("selectedIndex", 2)
        assert not menu.evaluate(is_open)
        expect(menu).to_be_focused()
        expect(lab.panel.locator(".jp-Notebook.jp-mod-commandMode")).to_have_count(1)
    lab.assert_clean()


def test_command_mode_shortcuts_still_work_on_the_cell_itself(lab: support.LabPage):
    """With the cell (not a control in it) focused, M, Y, J, K and the arrows act on cells."""
    lab.open(START)
    sources = support.notebook_code_cells(support.ROOT / START)
    index = next(i for i, source in enumerate(sources) if source.strip())  # "import pm_course"
    expect(lab.cells()).to_have_count(len(sources))  # every cell is there, not only the first
    types = lab.cell_state()["types"]
    assert types[index] == "code" and types[index + 1] == "markdown"

    lab.cells().nth(index).locator(".jp-InputArea-editor").click()  # edit mode
    lab.page.keyboard.press("Escape")  # command mode, the cell focused
    expect(lab.cells().nth(index)).to_be_focused()
    steps = [
        ("m", "markdown", index),
        ("y", "code", index),
        ("j", "code", index + 1),
        ("k", "code", index),
        ("ArrowDown", "code", index + 1),
        ("ArrowUp", "code", index),
    ]
    for key, kind, active in steps:
        lab.page.keyboard.press(key)
        want = {"types": [*types[:index], kind, *types[index + 1 :]], "active": active}
        lab.wait_for_cells(want, f"{key} on cell {index}")
    assert lab.cell_state() == {"types": types, "active": index}
    lab.assert_clean()
