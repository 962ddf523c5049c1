"""Choosing metrics as live widgets: a HEART and North Star planner, and a vanity-metric check.

``HeartView`` shows worked examples, or an editable plan for the learner's own product (kept
with ``Store.save_note`` under ``HEART_KEY``). ``VanityView`` checks one metric against the
rule in ``metrics.VANITY_RULE`` (kept under ``VANITY_KEY``). The logic lives in ``metrics``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.parts import COLOURS, LinesText, html_block, safe
from .model import (
    EXAMPLE_METRICS,
    HEART,
    HEART_KEYS,
    PLANS,
    STEPS,
    VANITY_RULE,
    MetricCheck,
    Plan,
    plan_from_dict,
    review_plan,
    wording_clues,
)

SECTION = "05_value"
HEART_KEY = "value-heart-plan"
VANITY_KEY = "value-vanity-metric"
OWN = "Your own product"
N_INPUTS = 3
HEART_NOTE = "Run this cell in JupyterLab to see the other examples or plan your own product."
VANITY_NOTE = "Run this cell in JupyterLab to check a metric of your own."

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


class HeartView(LinesText, W.VBox):
    """Choose a worked example, or plan your own product's North Star and HEART metrics."""

    NOTE = HEART_NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        saved = self.store.note(HEART_KEY, default={})
        saved = saved if isinstance(saved, dict) else {}
        choices = [p.product for p in PLANS] + [OWN]
        start = saved.get("choice") if saved.get("choice") in choices else choices[0]
        own = plan_from_dict(saved)
        self._quiet = True
        self.product_menu = W.Dropdown(
            options=choices,
            value=start,
            description="Product",
            tooltip="Choose a worked example, or your own product to plan its metrics",
            style={"description_width": "5rem"},
            layout=W.Layout(width="26rem", max_width="100%"),
        )
        self.example = W.HTML()
        wide = {"description_width": "8rem"}
        self.product_name = W.Text(
            value=own.product if own.product != "My product" else "",
            placeholder="e.g. Our online advice service",
            description="Your product",
            continuous_update=False,
            style=wide,
            layout=W.Layout(width="100%", max_width="44rem"),
        )
        self.north_star = W.Text(
            value=own.north_star,
            placeholder="The one number that best shows the value people get",
            description="North Star",
            continuous_update=False,
            style=wide,
            layout=W.Layout(width="100%", max_width="44rem"),
        )
        inputs = list(own.inputs) + [""] * N_INPUTS
        self.inputs = [
            W.Text(
                value=inputs[i],
                placeholder="A number the team can move that drives the North Star",
                description=f"Input {i + 1}",
                continuous_update=False,
                style=wide,
                layout=W.Layout(width="100%", max_width="44rem"),
            )
            for i in range(N_INPUTS)
        ]
        self.cells: dict[tuple[str, str], W.Textarea] = {}
        grid = [W.HTML("")] + [
            W.HTML(f"<strong>{step.capitalize()}</strong>") for step in ("goal", "signal", "metric")
        ]
        for c in HEART:
            row = own.row(c.key)
            grid.append(
                W.HTML(
                    f"<div style='line-height:1.3'><strong>{c.name}</strong><br>"
                    f"<small>{escape(c.question)}</small></div>",
                    layout=W.Layout(min_width="0"),
                )
            )
            for step in ("goal", "signal", "metric"):
                area = W.Textarea(
                    value=getattr(row, step) if row else "",
                    placeholder=_capital(STEPS[step].split(":", 1)[1].strip()),
                    rows=3,
                    continuous_update=False,
                    tooltip=f"{c.name}: {step}",
                    layout=W.Layout(width="auto", min_width="0"),
                )
                self.cells[(c.key, step)] = area
                grid.append(area)
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
                W.GridBox(
                    grid,
                    layout=W.Layout(
                        grid_template_columns="minmax(8rem, 12rem) 1fr 1fr 1fr",
                        grid_gap="4px 8px",
                        margin="6px 0",
                    ),
                ),
                self.review,
            ]
        )
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>North Star and HEART planner</h3><div style='line-height:1.4'>Pick a "
                    "worked example to see a North Star with its input metrics, and HEART goals, "
                    "signals and metrics. Then choose <em>Your own product</em> to plan yours."
                    "</div>"
                ),
                self.product_menu,
                self.example,
                self.editor,
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.product_menu.observe(lambda _: self.redraw(), names="value")
        for widget in [self.product_name, self.north_star, *self.inputs, *self.cells.values()]:
            widget.observe(lambda _: self._edited(), names="value")
        self._quiet = False
        self.redraw(save=False)

    def own_data(self) -> dict:
        """The learner's plan as typed, in its saved form."""
        return {
            "choice": self.product_menu.value,
            "product": self.product_name.value,
            "north_star": self.north_star.value,
            "inputs": [w.value for w in self.inputs],
            "rows": {
                key: {step: self.cells[(key, step)].value for step in ("goal", "signal", "metric")}
                for key in HEART_KEYS
            },
        }

    @property
    def plan(self) -> Plan:
        """The plan on show: a worked example or the learner's own."""
        if self.product_menu.value == OWN:
            return plan_from_dict(self.own_data())
        return next(p for p in PLANS if p.product == self.product_menu.value)

    def _edited(self) -> None:
        if not self._quiet:
            self.redraw()

    @safe
    def redraw(self, save: bool = True) -> None:
        """Show the chosen plan, or the editor with its suggestions; save the learner's plan."""
        own = self.product_menu.value == OWN
        self.editor.layout.display = "" if own else "none"
        if own:
            self.example.value = ""
            self.review.value = review_html(self.plan)
        else:
            self.example.value = plan_html(self.plan)
        if save:
            self.store.save_note(SECTION, HEART_KEY, self.own_data())
        self.status.value = ""

    def _lines(self) -> list[str]:
        lines = ["North Star and HEART planner", *self.plan.lines()]
        if self.product_menu.value == OWN:
            lines += [f"Suggestion: {n}" for n in review_plan(self.plan)]
        return lines


# --- the vanity check -------------------------------------------------------------------------


def verdict_html(check: MetricCheck) -> str:
    """One metric's verdict with its reasons and what its wording suggests."""
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
        f"<span aria-hidden='true' style='color:{colour};font-weight:bold'>{symbol}</span> "
        f"<strong>{escape(check.verdict)}</strong></p>"
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


class VanityView(LinesText, W.VBox):
    """Name a metric, answer three questions, and see whether the rule flags it as vanity."""

    NOTE = VANITY_NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        saved = self.store.note(VANITY_KEY, default={})
        saved = saved if isinstance(saved, dict) else {}

        def text(key: str) -> str:
            return saved.get(key) if isinstance(saved.get(key), str) else ""

        def flag(key: str) -> bool:
            return saved.get(key) is True

        self.metric = W.Text(
            value=text("metric"),
            placeholder="e.g. Total newsletter sign-ups since launch",
            description="Metric",
            continuous_update=False,
            style={"description_width": "5rem"},
            layout=W.Layout(width="100%", max_width="44rem"),
        )
        self.cumulative = W.Checkbox(
            value=flag("cumulative"),
            description="1. It is a running total: it counts from a start date, such as launch",
            indent=False,
            layout=W.Layout(width="auto"),
        )
        self.only_up = W.Checkbox(
            value=flag("only_up"),
            description="2. It can only ever go up",
            indent=False,
            layout=W.Layout(width="auto"),
        )
        self.decision = W.Textarea(
            value=text("decision"),
            placeholder="e.g. If it falls, we shorten the sign-up form",
            description="Decision",
            rows=2,
            continuous_update=False,
            style={"description_width": "5rem"},
            layout=W.Layout(width="100%", max_width="44rem"),
        )
        self.check_button = W.Button(
            description="Check metric",
            button_style="primary",
            icon="check",
            tooltip="Check this metric against the rule",
        )
        self.result = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Vanity-metric check</h3><div style='line-height:1.4'>"
                    f"<strong>The rule</strong>: {escape(VANITY_RULE)} It tests only whether a "
                    "metric is actionable; whether it is accessible and auditable is for people "
                    "to judge.</div>"
                ),
                self.metric,
                self.cumulative,
                self.only_up,
                W.HTML(
                    "<div style='line-height:1.4'>3. If this number moved, what would you do "
                    "differently? Leave the box empty if you cannot say.</div>"
                ),
                self.decision,
                self.check_button,
                self.result,
                self.status,
                W.HTML(examples_html()),
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.check_button.on_click(lambda _: self.check())
        for w in (self.metric, self.cumulative, self.only_up, self.decision):
            w.observe(lambda _: self._keep(), names="value")
        if self.metric.value.strip():
            self.result.value = verdict_html(self._current())

    def _current(self) -> MetricCheck:
        return MetricCheck(
            self.metric.value, self.cumulative.value, not self.only_up.value, self.decision.value
        )

    def _keep(self) -> None:
        self.store.save_note(
            SECTION,
            VANITY_KEY,
            {
                "metric": self.metric.value,
                "cumulative": self.cumulative.value,
                "only_up": self.only_up.value,
                "decision": self.decision.value,
            },
        )

    @safe
    def check(self) -> MetricCheck | None:
        """Check the metric in the box; a message instead if there is none."""
        self._keep()
        if not self.metric.value.strip():
            self.result.value = ""
            self.status.value = html_block(
                "Type a metric first, such as <em>donations this month</em>.", COLOURS["empty"]
            )
            return None
        result = self._current()
        self.result.value = verdict_html(result)
        self.status.value = ""
        return result

    def _lines(self) -> list[str]:
        lines = ["Vanity-metric check", f"Rule: {VANITY_RULE}", ""]
        if self.metric.value.strip():
            lines += ["Your metric:", *self._current().lines(), ""]
        lines.append("Examples:")
        lines += [f"- {m.metric}: {m.verdict.lower()}" for m in EXAMPLE_METRICS]
        return lines


__all__ = ["HeartView", "VanityView", "examples_html", "plan_html", "verdict_html"]
