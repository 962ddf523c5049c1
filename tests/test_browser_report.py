"""The instructor's class report in JupyterLab (headless Chromium, via Playwright).

Opens ``notebooks/instructor/class_report.ipynb``, runs every cell on the committed sample
class (generated learners plus broken and hostile files), and checks that the report shows
its charts and tables, lists each broken file, and renders no learner markup.

Run: ``.venv/bin/python -m pytest tests/test_browser_report.py -m browser -q -p no:nbval``.
"""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = pytest.mark.browser

REPORT = "notebooks/instructor/class_report.ipynb"


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def test_class_report_runs_and_shows_its_tables(lab: support.LabPage):
    lab.open_and_run(REPORT)
    prompts = lab.prompts()
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    errors = [o for o in lab.outputs() if o["mime"] == support.STDERR_MIME]
    assert not errors, errors

    report = lab.panel.locator(".pmc-class-report")
    expect(report).to_have_count(1)
    expect(report.locator("h3")).to_contain_text(re.compile(r"Class report: \d+ learners"))
    captions = report.locator("table.pmc-report-table caption")
    for caption in ("Completion by section", "The room's misconceptions", "Section feedback"):
        expect(captions.filter(has_text=caption)).to_have_count(1)
    expect(report.locator("table.pmc-report-table").first.locator("tbody tr")).not_to_have_count(0)
    images = report.locator("img")
    expect(images).to_have_count(2)
    for i in range(2):
        assert (images.nth(i).get_attribute("alt") or "").startswith("Bar chart")

    # Broken and hostile files are listed by name; their markup shows as text, never runs.
    for name in ("broken-upload.json", "newer-course.json", "markup-name.json"):
        expect(report).to_contain_text(name)
    report.locator("summary", has_text="Reflections shared").click()
    expect(report).to_contain_text("<script>alert('hi')</script>")
    expect(report.locator("script")).to_have_count(0)
    expect(report.locator("img[src='x']")).to_have_count(0)
    expect(report.locator("b", has_text="Bold")).to_have_count(0)

    lab.screenshot("instructor-class_report")
    lab.assert_clean()
