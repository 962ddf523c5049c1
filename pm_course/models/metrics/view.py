"""Choosing metrics as live widgets: a HEART and North Star planner, and a vanity-metric check.

``HeartView`` (a :class:`~pm_course.ui.model_view.ModelView`) shows worked examples, or an
editable plan for the learner's own product, redrawn as each box is left and kept as a note
under ``HEART_KEY`` in the format it has always had. ``VanityView`` (a
:class:`~pm_course.ui.note_view.NoteView`) checks one metric against the rule in
``model.VANITY_RULE`` when Check is pressed; its boxes are kept under ``VANITY_KEY``. The
logic, and the reading and writing of both notes, live in ``model``.
"""

from __future__ import annotations

from html import escape
from typing import ClassVar

import ipywidgets as W

from ...course.store import Store
from ...course.text import not_running
from ...ui import controls
from ...ui.model_view import ModelView
from ...ui.note_view import NoteView
from ...ui.parts import COLOURS, Lines, html_block, ink
from .model import (
    EXAMPLE_METRICS,
    HEART,
    N_INPUTS,
    OWN,
    PLANS,
    STEPS,
    VANITY_RULE,
    Category,
    MetricCheck,
    Plan,
    check_of,
    plan_boxes,
    plan_note,
    plan_on_show,
    review_plan,
    vanity_from_note,
    wording_clues,
)

SECTION = "05_value"
HEART_KEY = "value-heart-plan"
VANITY_KEY = "value-vanity-metric"
HEART_NOTE = not_running("see the other examples or plan your own product")
VANITY_NOTE = not_running("check a metric of your own")

_CELL = "text-align:left;vertical-align:top;padding:3px 12px 3px 0"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def plan_html(p: Plan) -> str:
    """A plan as HTML: the North Star with its inputs, then the HEART table."""
    inputs = "".join(f"<li>{escape(i)}</li>" for i in p.inputs) or "<li><em>none yet</em></li>"
    rows = []
    for c in HEART:
        r = p.row(c.key)
        name = f"<th scope='row' style='{_CELL}'>{c.name}</th>"
        if r is None:
            why = escape(p.skipped) if p.skipped else "not used"
            rows.append(f"<tr>{name}<td colspan='3' style='{_CELL}'><em>{why}</em></td></tr>")
        else:
            cells = "".join(
                f"<td style='{_CELL}'>{escape(t) or '<em>empty</em>'}</td>"
                for t in (r.goal, r.signal, r.metric)
            )
            rows.append(f"<tr>{name}{cells}</tr>")
    head = "".join(f"<th style='{_CELL}'>{h}</th>" for h in ("", "Goal", "Signal", "Metric"))
    north = escape(p.north_star) if p.north_star else "<em>not chosen yet</em>"
    body = (
        f"<p style='margin:2px 0'><strong>{escape(p.product)}</strong>: {escape(p.about)}</p>"
        f"<p style='margin:6px 0 2px'><span aria-hidden='true'>★</span> "
        f"<strong>North Star</strong>: {north}</p>"
        f"<p style='margin:2px 0'>Input metrics that drive it:</p>"
        f"<ul style='margin:2px 0'>{inputs}</ul>"
        f"<table style='margin-top:6px'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def review_html(p: Plan) -> str:
    """The suggestions for a learner's plan, or a word of encouragement."""
    notes = review_plan(p)
    if not notes:
        used = len(p.rows)
        body = (
            f"<strong>A complete plan</strong>: a North Star, its inputs and {used} HEART "
            f"row{'s' if used != 1 else ''}, each from goal to metric. Now try each metric in the "
            "vanity check below."
        )
        return f"<div style='line-height:1.4'>{html_block(body, COLOURS['correct'])}</div>"
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    body = f"<strong>Suggestions</strong> ({len(notes)}):<ul style='margin:2px 0'>{items}</ul>"
    return f"<div style='line-height:1.4'>{html_block(body, COLOURS['partial'])}</div>"


class HeartView(ModelView):
    """Choose a worked example, or plan your own product's North Star and HEART metrics."""

    TITLE = "North Star and HEART planner"
    INTRO = (
        "Pick a worked example to see a North Star with its input metrics, and HEART goals, "
        "signals and metrics. Then choose <em>Your own product</em> to plan yours."
    )
    NOTE = HEART_NOTE
    KEY, SECTION = HEART_KEY, SECTION

    def __init__(self, store: Store | None = None):
        self.plan = PLANS[0]
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.product_menu = self.choice(
            "choice",
            "Product",
            [p.product for p in PLANS] + [OWN],
            tooltip="Choose a worked example, or your own product to plan its metrics",
            label_width="5rem",
        )
        self.product_menu.layout = W.Layout(width="26rem", max_width=controls.FULL)
        self.example = W.HTML()
        self.product_name = self._line("product", "Your product", "e.g. Our online advice service")
        self.north_star = self._line(
            "north_star", "North Star", "The one number that best shows the value people get"
        )
        drives = "A number the team can move that drives the North Star"
        self.inputs = [
            self._line(f"input {i}", f"Input {i}", drives) for i in range(1, N_INPUTS + 1)
        ]
        self.cells = {(c.key, step): self._cell(c, step) for c in HEART for step in STEPS}
        self.review = W.HTML()
        self.editor = W.VBox(
            [
                W.HTML(
                    "<p style='margin:4px 0;line-height:1.4'>Fill in what you can; leave out "
                    "HEART categories that do not fit your product. Work from left to right: "
                    "goal, then signal, then metric. What you type is saved as you go.</p>"
                ),
                self.product_name,
                self.north_star,
                *self.inputs,
                self._grid(),
                self.review,
            ]
        )
        return [self.product_menu, self.example, self.editor]

    def _grid(self) -> W.GridBox:
        """The HEART boxes: a row per category (its name and question, then goal, signal and
        metric), under a heading row."""
        cells = [W.HTML(""), *(W.HTML(f"<strong>{step.capitalize()}</strong>") for step in STEPS)]
        for c in HEART:
            about = (
                f"<div style='line-height:1.3'><strong>{c.name}</strong><br>"
                f"<small>{escape(c.question)}</small></div>"
            )
            cells += [W.HTML(about, layout=W.Layout(min_width="0"))]
            cells += [self.cells[(c.key, step)] for step in STEPS]
        columns = "minmax(8rem, 12rem) 1fr 1fr 1fr"
        return W.GridBox(
            cells,
            layout=W.Layout(grid_template_columns=columns, grid_gap="4px 8px", margin="6px 0"),
        )

    def _line(self, name: str, label: str, placeholder: str) -> W.Text:
        box = self.text(name, label, placeholder=placeholder, label_width="8rem", live=True)
        box.layout.max_width = "44rem"
        return box

    def _cell(self, c: Category, step: str) -> W.Textarea:
        area = self.text(
            f"{c.key} {step}",
            "",
            placeholder=_capital(STEPS[step].split(":", 1)[1].strip()),
            tooltip=f"{c.name}: {step}",
            rows=3,
            live=True,
        )
        area.continuous_update = False  # one redraw when the learner leaves the box
        area.layout = W.Layout(width="auto", min_width="0")
        return area

    # -- the note keeps the plan as it always has: choice, product, north_star, inputs, rows --

    @property
    def settings(self) -> dict:
        return plan_note({name: control.value for name, control in self.controls.items()})

    def load(self, values: object) -> list[str]:
        boxes, problems = plan_boxes(values)
        return problems + super().load(boxes)

    # -- the loop -----------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        self.plan = plan_on_show(settings["choice"], settings)

    def render(self) -> None:
        own = self.product_menu.value == OWN
        self.editor.layout.display = "" if own else "none"
        self.example.value = "" if own else plan_html(self.plan)
        if own:
            self.review.value = review_html(self.plan)

    def describe(self) -> Lines:
        lines = ["North Star and HEART planner", *self.plan.lines()]
        if self.product_menu.value == OWN:
            lines += [f"Suggestion: {n}" for n in review_plan(self.plan)]
        return Lines(tuple(lines))


# --- the vanity check -------------------------------------------------------------------------


def verdict_html(check: MetricCheck, note: str = "") -> str:
    """One metric's verdict with its reasons and what its wording suggests; ``note`` (HTML)
    follows the verdict."""
    colour = COLOURS["incorrect"] if check.vanity else COLOURS["correct"]
    symbol = "✗" if check.vanity else "✓"
    reasons = check.reasons or [
        "It can fall as well as rise, counts a period rather than all time, and would change "
        f"what the team does: {check.decision.strip()}"
    ]
    items = "".join(f"<li>{escape(r)}</li>" for r in reasons)
    clues = "".join(
        f"<li><em>Wording</em>: {escape(c.message)}</li>" for c in wording_clues(check.metric)
    )
    body = (
        f"<p style='margin:2px 0'>“{escape(check.metric.strip())}”</p>"
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<span aria-hidden='true' style='color:{ink(colour)};font-weight:bold'>{symbol}</span> "
        f"<strong>{escape(check.verdict)}</strong>{note}</p>"
        f"<ul style='margin:2px 0'>{items}{clues}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


def examples_html() -> str:
    """The example metrics with the rule's verdict on each."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(m.metric)}</td>"
        f"<td style='{_CELL}'>{'yes' if m.cumulative else 'no'}</td>"
        f"<td style='{_CELL}'>{'no' if m.can_fall else 'yes'}</td>"
        f"<td style='{_CELL}'>{escape(m.decision) or '<em>none</em>'}</td>"
        f"<td style='{_CELL}'><strong>{escape(m.verdict)}</strong></td></tr>"
        for m in EXAMPLE_METRICS
    )
    head = "".join(
        f"<th style='{_CELL}'>{h}</th>"
        for h in ("Metric", "Running total?", "Only goes up?", "Decision tied to it", "Verdict")
    )
    return (
        "<div style='line-height:1.4'><details><summary>Examples, checked by the same rule"
        f"</summary><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        "</details></div>"
    )


class VanityView(NoteView):
    """Name a metric, answer three questions, and see whether the rule flags it as vanity."""

    TITLE = "Vanity-metric check"
    INTRO = (
        f"<strong>The rule</strong>: {escape(VANITY_RULE)} It tests only whether a metric is "
        "actionable; whether it is accessible and auditable is for people to judge."
    )
    NOTE = VANITY_NOTE
    KEY, SECTION = VANITY_KEY, SECTION
    NOUN = "metric"
    LABELS: ClassVar[dict[str, str]] = {"cumulative": "Running total", "only_up": "Only goes up"}

    def __init__(self, store: Store | None = None):
        self.model: MetricCheck | None = None
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.metric = self.text(
            "metric",
            "Metric",
            placeholder="e.g. Total newsletter sign-ups since launch",
            label_width="5rem",
        )
        self.cumulative = self._tick(
            "cumulative", "1. It is a running total: it counts from a start date, such as launch"
        )
        self.only_up = self._tick("only_up", "2. It can only ever go up")
        self.decision = self.text(
            "decision",
            "Decision",
            placeholder="e.g. If it falls, we shorten the sign-up form",
            rows=2,
            label_width="5rem",
        )
        for box in (self.metric, self.decision):
            box.layout.max_width = "44rem"
        question = (
            "<div style='line-height:1.4'>3. If this number moved, what would you do "
            "differently? Leave the box empty if you cannot say.</div>"
        )
        check = self.check_control("Check metric", "Check this metric against the rule")
        return [
            self.metric,
            self.cumulative,
            self.only_up,
            W.HTML(question),
            self.decision,
            check,
            self.feedback,
            self.status,
            W.HTML(examples_html()),
        ]

    def _tick(self, name: str, label: str) -> W.Checkbox:
        """A tick box kept with the note and read by the check (not live)."""
        return self.add(name, controls.tick(label), live=False)

    @property
    def result(self) -> W.HTML:
        """The verdict on the metric last checked."""
        return self.feedback

    def read(self, note: object) -> dict[str, object]:
        return vanity_from_note(note)

    def update(self, settings: dict) -> None:
        self.model = check_of(settings)

    def render(self) -> None:
        said = self.said  # a verdict only once the metric is checked (or comes back saved)
        self.feedback.value = verdict_html(self.model, said) if said and self.model else ""
        if self.model is None and self._moment == "checked":
            self.status.value = html_block(
                "Type a metric first, such as <em>donations this month</em>.", COLOURS["empty"]
            )

    def describe(self) -> Lines:
        lines = ["Vanity-metric check", f"Rule: {VANITY_RULE}", ""]
        if self.model is not None:
            lines += ["Your metric:", *self.model.lines(), ""]
        lines.append("Examples:")
        lines += [f"- {m.metric}: {m.verdict.lower()}" for m in EXAMPLE_METRICS]
        return Lines(tuple(lines))


__all__ = ["HeartView", "VanityView", "examples_html", "plan_html", "verdict_html"]
