"""An accessibility audit of what the course shows: axe-core in JupyterLab, after Run All.

Every notebook in ``notebooks/`` (not ``_*`` drafts) and the instructor's
``notebooks/instructor/class_report.ipynb`` is opened, cleared and run once (Run All Cells),
scrolled from top to bottom so that every cell has been drawn, and then audited by axe-core
(``axe.min.js`` as ``axe-playwright-python`` bundles it, injected into the page) over the
course's outputs only (``.jp-OutputArea-output``, not JupyterLab's own menus and toolbars),
against WCAG 2.0, 2.1 and 2.2 at levels A and AA. The goal is no violation of any impact; the
test prints each rule and each element it finds, so a failure says what to fix.

One rule is known to fail for a reason outside the course (``UPSTREAM``): ipywidgets 8.1 gives
a slider's handle (``role="slider"``) no accessible name. The audit prints those elements too
but does not fail on them; a strict xfail below fails as soon as ipywidgets names them, so the
exception can go. On ``02_product_life_cycle`` (sliders, toggle buttons and every kind of
question) further tests check what axe cannot: that feedback after Check, Hint and Show answer
is in a polite live region and the focus stays on the button pressed, that sliders read out the
value they show, and (strict xfails, for what ipywidgets 8.1 cannot do) group labels for a
question's options and a pressed state for toggle buttons.

Run: ``.venv/bin/python -m pytest tests/test_browser_a11y.py -m browser -q -p no:nbval``.
The statement that reports these results to learners: ``docs/accessibility.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

INSTRUCTOR = support.ROOT / "notebooks" / "instructor" / "class_report.ipynb"
AUDITED = [*support.course_notebooks(), INSTRUCTOR]
#: The notebook of the finer checks: sliders, toggle buttons and every kind of question.
LIFE_CYCLE = "notebooks/02_product_life_cycle.ipynb"

SLIDER_NAME_REASON = (
    "ipywidgets 8.1: SliderView creates its noUiSlider without handleAttributes, so the handle "
    "(role=slider) gets no aria-label or aria-labelledby, and the slider's description is a "
    "<label> with no for= (DescriptionView); no trait reaches the handle. axe: "
    "aria-input-field-name."
)
#: Violations that only ipywidgets can fix: (rule, what the element's HTML starts with) -> why.
UPSTREAM: dict[tuple[str, str], str] = {
    ("aria-input-field-name", '<div class="noUi-handle'): SLIDER_NAME_REASON,
}


def upstream(rule: str, node: dict) -> bool:
    """True for a violation in ``UPSTREAM`` (an ipywidgets limitation the course cannot fix)."""
    return any(rule == r and node["html"].startswith(start) for r, start in UPSTREAM)


def ours(violations: list[dict]) -> list[dict]:
    """The violations without the ``UPSTREAM`` ones (rules left with no element dropped)."""
    kept = []
    for v in violations:
        nodes = [n for n in v["nodes"] if not upstream(v["id"], n)]
        if nodes:
            kept.append({**v, "nodes": nodes})
    return kept


#: JS (after axe is injected): every control in the outputs that has a visible label (a
#: widget's description, a button's or a tick box's own words) with its accessible name, as
#: axe computes it (the accessible name and description specification).
_NAMES_JS = """() => {
  axe.setup(document);
  try {
    const name = el => axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el));
    const seen = [];
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    const words = el => (el.textContent || '').replace(/\\s+/g, ' ').trim();
    const outputs = document.querySelectorAll('.jp-OutputArea-output');
    for (const out of outputs) {
      for (const w of out.querySelectorAll('.widget-inline-hbox, .widget-inline-vbox')) {
        const label = w.querySelector(':scope > label.widget-label');
        const control = w.querySelector(
          ':scope select, :scope input, :scope textarea, :scope [role=slider]');
        if (!label || !control || !shown(label) || !words(label)) continue;
        if (control.type === 'checkbox') continue;  // a tick box is named below
        seen.push({kind: control.getAttribute('role') || control.tagName.toLowerCase(),
                   label: words(label), name: name(control)});
      }
      for (const b of out.querySelectorAll('button.jupyter-button, .widget-checkbox label')) {
        if (!shown(b) || !words(b)) continue;
        const control = b.tagName === 'BUTTON' ? b : b.querySelector('input');
        seen.push({kind: control.tagName.toLowerCase(), label: words(b), name: name(control)});
      }
    }
    return seen;
  } finally {
    axe.teardown();
  }
}"""


def misnamed(controls: list[dict]) -> list[dict]:
    """Controls whose accessible name does not contain their visible label (WCAG 2.5.3),
    leaving out slider handles, which ipywidgets 8.1 cannot name (see ``UPSTREAM``)."""
    squash = lambda text: " ".join(text.split()).casefold()  # noqa: E731
    return [
        c for c in controls if c["kind"] != "slider" and squash(c["label"]) not in squash(c["name"])
    ]


def describe(violations: list[dict]) -> list[str]:
    """Each rule axe found, then each element it found it on (one line each)."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} element(s)")
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {node['html'][:200]}")
            lines.append(f"        {summary[:300]}")
    return lines


@pytest.mark.parametrize("notebook", AUDITED, ids=[p.stem for p in AUDITED])
def test_axe_finds_no_violation_in_the_outputs(
    lab: support.LabPage, notebook: Path, pytestconfig: pytest.Config
):
    lab.open_and_run(notebook.relative_to(support.ROOT).as_posix())
    support.render_every_cell(lab)
    outputs = lab.page.locator(".jp-OutputArea-output").count()
    assert outputs, "the notebook shows no output to audit"
    found = support.axe_violations(lab)
    violations = ours(found)
    count = sum(len(v["nodes"]) for v in violations)
    known = sum(len(v["nodes"]) for v in found) - count
    named = lab.page.evaluate(_NAMES_JS)
    support.report(
        pytestconfig,
        f"\naxe, {notebook.stem}: {count} violation(s) in {outputs} outputs, "
        f"{len(named)} labelled controls"
        + (f" (and {known} slider handle(s) ipywidgets leaves unnamed)" if known else "")
        + "".join(f"\n  {line}" for line in describe(found)),
    )
    assert not violations, f"axe-core found {count} violation(s):\n" + "\n".join(
        describe(violations)
    )
    wrong = misnamed(named)
    assert not wrong, (
        f"controls whose accessible name lacks their visible label ({len(wrong)} of "
        f"{len(named)}):\n" + "\n".join(f"  {c}" for c in wrong)
    )
    lab.assert_clean()


# --- finer checks on one notebook, run once -----------------------------------------------


@pytest.fixture(scope="module")
def life_cycle(chromium_browser, lab_server, screenshot_dir):
    """02_product_life_cycle, run once for the tests below (each leaves it as it found it,
    or changes only the question it answers)."""
    context = chromium_browser.new_context(viewport=support.VIEWPORT)
    page = context.new_page()
    lab = support.LabPage(page, lab_server, screenshot_dir)
    context.on("request", lab._on_request)
    page.on("console", lab._on_console)
    page.on("pageerror", lambda e: lab.console_errors.append(f"pageerror: {e}"))
    page.on("dialog", lab._on_dialog)
    try:
        lab.open_and_run(LIFE_CYCLE)
        support.render_every_cell(lab)
        yield lab
        lab.assert_clean()
    finally:
        context.close()


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


#: JS: each slider on the page: its description, what its readout shows, and its handle's ARIA.
_SLIDERS_JS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output .widget-slider'))
  .map(s => {
    const h = s.querySelector('.noUi-handle');
    return {
      label: (s.querySelector('.widget-label') || {}).textContent || '',
      readout: (s.querySelector('.widget-readout') || {}).textContent || '',
      now: h.getAttribute('aria-valuenow'), text: h.getAttribute('aria-valuetext'),
      name: h.getAttribute('aria-label') || h.getAttribute('aria-labelledby')
        || h.getAttribute('title') || '',
    };
  })"""


def sliders(lab: support.LabPage) -> list[dict]:
    """Each slider: ``label``, ``readout``, the handle's ``now``, ``text`` and ``name``, and
    ``int``: whether it shows a whole number."""
    found = lab.page.evaluate(_SLIDERS_JS)
    for s in found:
        s["int"] = re.fullmatch(r"-?\d+", s["readout"].strip()) is not None
    return found


def test_feedback_is_announced_and_the_focus_stays_on_the_button(life_cycle):
    """Check, Hint and Show answer with the keyboard: each one's words appear in a polite live
    region (role=status), and the focus stays on the button, ready for the next press."""
    page = life_cycle.page
    box = (
        life_cycle.questions()
        .filter(has=page.get_by_role("radio"))
        .filter(has=page.get_by_role("button", name="Show answer"))  # not a poll
        .first
    )
    box.scroll_into_view_if_needed()
    box.get_by_role("radio").first.check()
    status = box.get_by_role("status")
    hint_name = re.compile(r"Hint \(|No more hints")  # its label changes as hints are shown
    for name, words in (
        ("Check answer", re.compile(r"Correct|Not quite")),
        (hint_name, re.compile(r"Hint 1")),
        ("Show answer", re.compile(r"Answer")),
    ):
        button = box.get_by_role("button", name=name)
        button.focus()
        page.keyboard.press("Enter")
        region = status.filter(has_text=words)
        expect(region).to_have_count(1, timeout=support.FEEDBACK_MS)
        expect(region).to_have_attribute("aria-live", "polite")
        expect(button).to_be_focused()
    # The last hint: the button stays enabled (a disabled one drops the focus to the page).
    hint = box.get_by_role("button", name=hint_name)
    hint.focus()
    for _ in range(5):
        if (hint.text_content() or "").startswith("No more hints"):
            break
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
    expect(hint).to_have_text(re.compile("No more hints"))
    expect(hint).to_be_focused()
    life_cycle.screenshot("02_product_life_cycle-feedback-by-keyboard")


def test_whole_number_sliders_read_out_the_value_they_show(life_cycle):
    """A screen reader reads aria-valuetext: for a whole-number slider it is the readout."""
    found = sliders(life_cycle)
    whole = [s for s in found if s["int"]]
    assert whole, f"no whole-number slider found among {found}"
    wrong = [s for s in whole if s["text"] != s["readout"] or float(s["now"]) != int(s["readout"])]
    assert not wrong, f"sliders that read out another value than they show: {wrong}"


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="ipywidgets 8.1: FloatSliderView's noUiSlider formats aria-valuetext with the raw "
    "value (format.to is the identity), ignoring readout_format, and noUiSlider rounds "
    "aria-valuenow to one decimal place: a slider showing 0.030 reads '0.03' (valuenow 0.0), "
    "one showing 80% reads '0.8'.",
)
def test_decimal_sliders_read_out_the_value_they_show(life_cycle):
    decimal = [s for s in sliders(life_cycle) if not s["int"]]
    assert decimal, "no decimal slider found"
    wrong = [s for s in decimal if s["text"] != s["readout"]]
    assert not wrong, f"sliders that read out another value than they show: {wrong}"


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=SLIDER_NAME_REASON)
def test_every_slider_has_an_accessible_name(life_cycle):
    found = sliders(life_cycle)
    assert found, "no slider found"
    unnamed = [s["label"] for s in found if not s["name"]]
    assert not unnamed, f"slider handles with no accessible name (their labels): {unnamed}"


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="ipywidgets 8.1: RadioButtonsView puts its <input type=radio> in a plain <div> (no "
    "role=radiogroup, no name attribute, no fieldset/legend), and a group of Checkboxes is a "
    "plain VBox; Box has no role or aria trait, so a question's options get no group label.",
)
def test_the_options_of_a_question_have_a_group_label(life_cycle):
    page = life_cycle.page
    for role, control in (("radiogroup", "radio"), ("group", "checkbox")):
        boxes = life_cycle.questions().filter(has=page.get_by_role(control))
        assert boxes.count(), f"no question with {control} options"
        for i in range(boxes.count()):
            group = boxes.nth(i).get_by_role(role)
            assert group.count() == 1, f"a question's {control} options have no {role}"
            assert group.get_attribute("aria-label") or group.get_attribute("aria-labelledby")


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="ipywidgets 8.1: ToggleButtonsView marks the chosen button with the CSS class "
    "mod-active only (no aria-pressed, no radiogroup), so a screen reader cannot tell which "
    "one is chosen.",
)
def test_toggle_buttons_say_which_one_is_chosen(life_cycle):
    chosen = life_cycle.page.locator(".jp-OutputArea-output .widget-toggle-button.mod-active")
    assert chosen.count(), "no toggle buttons found"
    pressed = [chosen.nth(i).get_attribute("aria-pressed") for i in range(chosen.count())]
    assert pressed == ["true"] * chosen.count(), f"aria-pressed of the chosen buttons: {pressed}"
