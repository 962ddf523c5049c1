"""Charts readable without sight or colour, in either theme: every chart keeps its alt text,
carries the rule that turns it over in a dark theme, and has its numbers beside it, as a
table behind "Show the numbers" (``charts.numbers_html``), or a line saying that the table
right under (or above) the chart holds them (``charts.numbers_in_table_html``).
"""

from __future__ import annotations

import re

import ipywidgets as W
import pytest

import pm_course
from pm_course.ui import charts

#: Entries that draw a chart (each HTML widget holding an <img> is one chart, or two side by
#: side). The class report's charts live in pm_course/classroom (tested there).
CHARTS = [
    "value_map",
    "four_risks",
    "life_cycle",
    "ab_test",
    "peeking",
    "small_bets",
    "stakeholder_map",
    "communication_channels",
    "rice_prioritiser",
    "conway_compilers",
    "conway_simulator",
    "vista_chart",
    "inverse_conway",
    "progress",
    "course_summary",
]
IMG = re.compile(r"<img [^>]*alt='([^']*)'")


def html_values(widget: W.Widget) -> list[str]:
    """The value of every HTML widget inside ``widget``."""
    if isinstance(widget, W.HTML):
        return [widget.value]
    if isinstance(widget, W.Box):
        return [v for child in widget.children for v in html_values(child)]
    return []


def test_numbers_html_is_a_disclosed_table_with_everything_escaped():
    html = charts.numbers_html("Caption <b>", ("Name", "Count"), [("<i>x</i>", 3), ("y", 2.5)])
    assert html.startswith("<details") and html.endswith("</details>")
    assert "<summary>Show the numbers</summary>" in html
    assert "<caption style='text-align:left'>Caption &lt;b&gt;</caption>" in html
    assert html.count("<th scope='col'") == 2
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "<i>" not in html
    assert html.count("text-align:right") == 2  # the two numbers, not the texts
    assert "<tr>" in html and html.count("<tr>") == 3


@pytest.mark.parametrize("entry", CHARTS)
def test_every_chart_has_alt_text_and_its_numbers(store, entry):
    view = getattr(pm_course, entry)()
    with_charts = [v for v in html_values(view) if "<img" in v]
    assert with_charts, f"{entry} draws no chart"
    for value in with_charts:
        alts = IMG.findall(value)
        assert alts and all(len(a) > 20 for a in alts), f"{entry}: a chart without alt text"
        # Every chart follows the theme: it carries the dark-theme rule and its class.
        assert charts.THEME_CSS in value, f"{entry}: a chart without the dark-theme rule"
        assert value.count("<img ") == value.count("<img class='pmc-chart'"), entry
        tables = value.count("<summary>Show the numbers</summary>")
        below = "The numbers behind this chart are in the table" in value
        assert tables or below, f"{entry}: a chart without its numbers"


def test_life_cycle_numbers_follow_the_model(store):
    view = pm_course.life_cycle()
    table = next(v for v in html_values(view) if "Show the numbers" in v)
    assert "market size m = " in table
    rows = table.count("<tr>") - 1
    assert rows >= 10
