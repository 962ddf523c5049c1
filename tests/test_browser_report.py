"""The instructor's class report in JupyterLab (headless Chromium, via Playwright).

Opens ``notebooks/instructor/class_report.ipynb``, runs every cell on the committed sample
class (generated learners plus broken and hostile files), and checks that the report shows
its charts and tables, lists each broken file, and renders no learner markup; then uses it as
an instructor would: narrows it to a section, opens one learner's view, opens "Show all"
comments, reads the item analysis and its numbers, and saves the printable page and the CSV
tables (into a temporary folder typed in "Save to").

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
SAMPLE = "notebooks/instructor/sample-class"


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
    for caption in (
        "Completion by section",
        "The questions fewest learners got right first time",
        "The room's misconceptions",
        "Section feedback",
        "Item analysis: facility, discrimination and flags",
    ):
        expect(captions.filter(has_text=caption)).to_have_count(1)
    expect(report.locator("table.pmc-report-table").first.locator("tbody tr")).not_to_have_count(0)
    expect(report).to_contain_text("questions answered by fewer than 5 learners are not ranked")
    images = report.locator("img")
    expect(images).to_have_count(3)
    alts = [images.nth(i).get_attribute("alt") or "" for i in range(3)]
    assert [a.split(" of ")[0] for a in alts] == ["Bar chart", "Bar chart", "Scatter plot"], alts

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


def menu(report, label: str):
    """The <select> of the report's drop-down menu labelled ``label``."""
    return report.locator(".widget-dropdown", has_text=label).locator("select")


def test_an_instructor_filters_reads_and_saves_the_report(lab: support.LabPage, tmp_path):
    lab.open_and_run(REPORT)
    report = lab.panel.locator(".pmc-class-report")
    expect(report.locator("h3")).to_contain_text(re.compile(r"Class report: \d+ learners"))

    # Every comment, whole, behind "Show all"; the hardest chart's numbers behind a button.
    summary = report.locator("summary", has_text=re.compile(r"Show all \d+ comments"))
    summary.click()
    comments = report.locator("table[data-table='comments']")
    expect(comments).to_be_visible()
    expect(comments.locator("tbody tr")).not_to_have_count(0)
    expect(comments).to_contain_text("<script>alert('hi')</script><b>Bold</b>")

    # Item analysis: the guide, the table, and the plot's numbers in a table.
    items = report.locator("table[data-table='items']")
    expect(items.locator("tbody tr")).not_to_have_count(0)
    expect(report).to_contain_text("docs/class-report.md")
    numbers = report.locator("details", has_text="Facility and discrimination of each")
    numbers.locator("summary").click()
    expect(numbers.locator("table tbody tr")).not_to_have_count(0)
    lab.screenshot("instructor-class_report-items")

    # One section: every table narrows to it.
    menu(report, "Section").select_option(label="02 The product life cycle")
    expect(report).to_contain_text("Showing section The product life cycle")
    expect(report.locator("table[data-table='completion'] tbody tr")).to_have_count(1)
    expect(items).not_to_contain_text("wipm-definition")

    # One learner, by pseudonym.
    learner = menu(report, "Learner")
    name = learner.locator("option").nth(2).inner_text()
    learner.select_option(label=name)
    expect(report.locator("h4", has_text="One learner")).to_contain_text(name)
    answers = report.locator("table[data-table='learner-answers']")
    expect(answers.locator("caption")).to_have_text(f"{name}: answers")
    expect(answers.locator("tbody tr")).not_to_have_count(0)
    expect(report.locator("img")).to_have_count(0)
    lab.screenshot("instructor-class_report-learner")

    # Save the printable page and the CSV tables into a folder of our own.
    box = report.locator(".widget-text", has_text="Save to").locator("input")
    box.fill(str(tmp_path))
    box.press("Enter")
    report.get_by_role("button", name="Save printable report").click()
    expect(report).to_contain_text("Saved the printable report as")
    report.get_by_role("button", name="Save CSV tables").click()
    expect(report).to_contain_text("Saved 3 CSV tables")
    page = (tmp_path / "class-report.html").read_text("utf-8")
    assert f"One learner: {name}" in page and "@media print" in page
    assert sorted(p.name for p in (tmp_path / "class-report-csv").iterdir()) == [
        "learner-answers.csv",
        "learner-feedback.csv",
        "learner-reflections.csv",
    ]
    lab.assert_clean()


@pytest.mark.charts
def test_the_printable_page_prints_the_whole_report_offline(
    chromium_browser, screenshot_dir, tmp_path
):
    """The page ``pm-course class-report --html`` writes, opened from disk: nothing is fetched,
    every "show all" is open, and printing makes many A4 pages (the whole report), not one."""
    from pm_course.classroom.report import class_report
    from pm_course.classroom.report_page import printable_html

    path = tmp_path / "class-report.html"
    path.write_text(printable_html(class_report(support.ROOT / SAMPLE)), encoding="utf-8")
    context = chromium_browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        expect(page.locator("h3")).to_contain_text("Class report: 22 learners")
        expect(page.locator("img")).to_have_count(3)
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        page.screenshot(path=str(screenshot_dir / "instructor-printable-report.png"))
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "() => [...document.querySelectorAll('table, img')]"
            ".filter(e => !e.getClientRects().length).length"
        )
        assert hidden == 0, "a table or chart would not print"
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages >= 10, pages
    finally:
        context.close()
