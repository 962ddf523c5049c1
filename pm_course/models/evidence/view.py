"""The evidence planner as a live widget: say how many people you reach, the question you need
answered and what a wrong decision would cost; see which ways of learning fit, beside the size
an A/B test would need.

The methods, the verdicts and the words live in ``model``; this module declares the controls
and lays the plan out as a table. No chart: the table is the picture.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.model_view import ModelView, refusing
from ...ui.parts import COLOURS, html_block, ink, live
from .model import ADD, COSTS, FIRST, FITS, MAX_WEEKS, METHODS, QUESTIONS, SLOW, Plan

LABEL_WIDTH = "14rem"
STILL = "The table still shows the last settings that worked."
#: How each verdict is marked in the table (a symbol and a colour beside the words).
MARKS = {
    FIRST: ("●", COLOURS["correct"]),
    ADD: ("◐", COLOURS["recorded"]),
    FITS: ("○", "#555555"),
    SLOW: ("✕", COLOURS["incorrect"]),
}


class EvidencePlannerView(ModelView):
    """Weekly reach, the question and the cost of a wrong decision in; the methods that fit out."""

    TITLE = "Evidence planner"
    INTRO = (
        "Say how many people reach your product or service each week, the question you need "
        "answered and what a wrong decision would cost. The table shows which ways of learning "
        "fit; the last line shows what an A/B test would need. Type a number and press Enter; "
        "sliders move with the arrow keys."
    )
    NOTE = not_running("change the settings")
    KEY, SECTION = "evidence-planner", "03_an_experimental_process"

    def __init__(
        self,
        weekly: int = 300,
        question: str = "number",
        cost: str = "a lot",
        *,
        store=None,
    ):
        self.start: dict[str, Any] = {
            "weekly": weekly,
            "question": question,
            "cost": cost,
            "baseline": 10.0,
            "effect": 1.0,
            "wait": 8,
        }
        self.plan = Plan(weekly, question, cost)
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        start = self.start
        self.summary, self.table = W.HTML(), W.HTML()
        weekly = self.add(
            "weekly",
            controls.whole(
                "People a week",
                start["weekly"],
                step=50,
                tooltip="How many people reach your product or service each week",
                label_width=LABEL_WIDTH,
            ),
        )
        asked = self.choice(
            "question",
            "The question you need answered",
            [(q.text, q.key) for q in QUESTIONS],
            start["question"],
            label_width=LABEL_WIDTH,
            width="34rem",
        )
        cost = self.toggles(
            "cost",
            "A wrong decision would cost",
            [(text, key) for key, text in COSTS.items()],
            start["cost"],
            tooltips=[
                "A wrong decision is cheap and quick to undo",
                "A wrong decision is costly or slow to undo",
            ],
            label_width=LABEL_WIDTH,
        )
        ab = W.HTML("<strong>For the A/B comparison</strong>")
        sliders = [
            controls.sized(
                self.slider(
                    "baseline",
                    "Current rate (%)",
                    start["baseline"],
                    1.0,
                    50.0,
                    0.5,
                    readout=".1f",
                    tooltip="The share of people who do the thing you measure today, in percent",
                    label_width=LABEL_WIDTH,
                ),
                "32rem",
            ),
            controls.sized(
                self.slider(
                    "effect",
                    "Smallest change (points)",
                    start["effect"],
                    0.5,
                    5.0,
                    0.5,
                    readout=".1f",
                    tooltip="The smallest rise, in percentage points, that would change your "
                    "decision",
                    label_width=LABEL_WIDTH,
                ),
                "32rem",
            ),
            controls.sized(
                self.slider(
                    "wait",
                    "Weeks you can wait",
                    start["wait"],
                    1,
                    MAX_WEEKS,
                    tooltip="How long the team can wait for an answer, in weeks",
                    label_width=LABEL_WIDTH,
                ),
                "32rem",
            ),
        ]
        return [weekly, asked, cost, ab, *sliders, self.status, self.summary, self.table]

    def update(self, settings: dict) -> None:
        with refusing("evidence planner: ", STILL):
            self.plan = Plan.from_settings(settings)

    def render(self) -> None:
        self.summary.value = summary_html(self.plan)
        self.table.value = table_html(self.plan)

    def describe(self) -> Plan:
        return self.plan


def summary_html(plan: Plan) -> str:
    """The headline, announced when it changes, then the reasons as a list."""
    first, headline, *rest = plan.lines()
    items = "".join(f"<li>{escape(x)}</li>" for x in rest)
    return html_block(
        f"<p style='margin:2px 0'><small>{escape(first)}</small></p>"
        + live(f"<p style='margin:2px 0'><strong>{escape(headline)}</strong></p>")
        + f"<ul style='margin:2px 0;padding-left:1.2em;line-height:1.4'>{items}</ul>"
    )


def table_html(plan: Plan) -> str:
    """Every method, the question it answers, whom it needs and the verdict, as a table."""
    rows = []
    cell = "style='text-align:left;vertical-align:top;padding:2px 8px'"
    for row in plan.rows():
        mark, colour = MARKS.get(row.verdict, ("", "#555555"))
        verdict = escape(row.verdict)
        if mark:
            verdict = (
                f"<span aria-hidden='true' style='color:{ink(colour)}'>{mark}</span> "
                f"<strong style='color:{ink(colour)}'>{verdict}</strong>"
            )
        rows.append(
            "<tr>"
            f"<th scope='row' {cell}>{escape(row.method.name)}</th>"
            f"<td {cell}>{escape(row.method.answers)}</td>"
            f"<td {cell}>{escape(row.method.people)}</td>"
            f"<td {cell}>{verdict}</td>"
            "</tr>"
        )
    head = "".join(
        f"<th scope='col' style='text-align:left;padding:2px 8px'>{h}</th>"
        for h in ("Method", "Answers", "People it needs", "For your plan")
    )
    return (
        "<table style='border-collapse:collapse;margin:4px 0;font-size:0.95em'>"
        "<caption style='text-align:left;caption-side:top'>Ways of learning, and what your "
        "plan makes of each</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


__all__ = ["METHODS", "EvidencePlannerView", "summary_html", "table_html"]
