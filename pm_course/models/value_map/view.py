"""The value map as a live widget: two sliders per piece of work, a chart and a summary.

The sliders change the scores; the chart (a PNG with alt text that states the same facts) and
the written summary follow at once, and the scores are saved. The model lives in ``model``;
this module only declares controls and draws.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.charts import PALETTE, LiveChart, label_points, numbers_in_table_html
from ...ui.model_view import ModelView, SettingsProblem
from ...ui.parts import html_block, ink, quadrant_series
from .model import (
    HIGH_FROM,
    PRESETS,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    Summary,
    ValueMap,
    Work,
    join_names,
    labels,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: quadrant -> (Okabe-Ito colour, matplotlib marker, the same shape as a character).
#: Colour and shape both tell the quadrants apart, and the words always do.
STYLES: dict[str, tuple[str, str, str]] = {
    "sweet_spot": (PALETTE[2], "o", "●"),
    "organisation_only": (PALETTE[0], "s", "■"),
    "users_only": (PALETTE[1], "^", "▲"),
    "neither": (PALETTE[3], "D", "◆"),
}

#: The chart's size (inches at 100 dpi): the plot and its legend under it.
SIZE = (4.8, 4.8)

#: Where each quadrant's title goes on the chart (axes fractions) and how it is aligned.
_CORNERS: dict[str, tuple[float, float, str, str]] = {
    "sweet_spot": (0.99, 0.99, "right", "top"),
    "organisation_only": (0.01, 0.99, "left", "top"),
    "users_only": (0.99, 0.01, "right", "bottom"),
    "neither": (0.01, 0.01, "left", "bottom"),
}


def setup_chart(ax: Axes) -> dict:
    """What never changes (axes, guides, quadrant titles, legend); returns the scatter series
    per quadrant, whose points each redraw moves."""
    mid = HIGH_FROM - 0.5
    low, high = SCORE_MIN - 1.3, SCORE_MAX + 1.3
    ax.fill_between([mid, high], mid, high, color=STYLES["sweet_spot"][0], alpha=0.10, lw=0)
    ax.axvline(mid, color="#555555", lw=1, ls="--")
    ax.axhline(mid, color="#555555", lw=1, ls="--")
    for key, (x, y, ha, va) in _CORNERS.items():
        ax.text(
            x,
            y,
            QUADRANTS[key].title,
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=9,
            fontweight="bold",
            color="#333333",
        )
    series = quadrant_series(ax, STYLES, {k: q.title for k, q in QUADRANTS.items()})
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
    ax.set_yticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
    ax.set_xlabel("Meets users' needs (0 to 10) →")
    ax.set_ylabel("Value to the organisation (0 to 10) →")
    # Under the plot, not beside it: the chart stays narrow, so it shrinks less (and its
    # text stays readable) in a narrow window.
    ax.figure.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return {"series": series, "labels": []}


def draw(chart: LiveChart, summary: Summary) -> None:
    """Move the points to the current scores and write the names beside them."""
    for q, members in summary.groups:
        chart.artists["series"][q.key].set_offsets(
            [(float(w.needs), float(w.value)) for w in members] or [(float("nan"), float("nan"))]
        )
    for old in chart.artists["labels"]:
        old.remove()
    chart.artists["labels"] = label_points(
        chart,
        [(spot.needs, spot.value, spot.text, spot.right) for spot in labels(summary.works)],
        fontsize=9,
        zorder=4,
    )


_CELL = "text-align:left;padding:1px 12px 1px 0"
_NUM = "text-align:right;padding:1px 12px 1px 0"


def summary_html(summary: Summary) -> str:
    """The summary as HTML: headline, a table of the scores and a reading per quadrant."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(w.name)}</td><td style='{_NUM}'>{w.value}</td>"
        f"<td style='{_NUM}'>{w.needs}</td>"
        f"<td style='{_CELL}'><span aria-hidden='true' "
        f"style='color:{ink(STYLES[w.quadrant.key][0])}'>"
        f"{STYLES[w.quadrant.key][2]}</span> {escape(w.quadrant.title)}</td></tr>"
        for w in summary.works
    )
    readings = "".join(
        f"<li><strong>{escape(q.title)}</strong> "
        f"({escape(join_names([w.name for w in members]))}): {escape(q.reading)}</li>"
        for q, members in summary.groups
        if members
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(summary.headline)}</strong></p>"
        f"<p style='margin:2px 0'><small>{escape(summary.scale)}</small></p>"
        f"<table><thead><tr><th style='{_CELL}'>Work</th><th style='{_NUM}'>Value</th>"
        f"<th style='{_NUM}'>Needs</th><th style='{_CELL}'>Quadrant</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"<ul style='margin:4px 0'>{readings}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


class ValueMapView(ModelView):
    """Score each piece of work with two sliders; the chart and the summary follow."""

    TITLE = "Value map"
    INTRO = (
        "Move the sliders by the chart to score each piece of work from 0 to 10 (with the "
        f"keyboard: Tab to a slider, then the arrow keys). A score of {HIGH_FROM} or more "
        "counts as high."
    )
    NOTE = not_running("move the sliders")
    KEY = "value-map"
    SECTION = "01_what_is_product_management"
    DRAG = True  # a step redraws in about 40 ms (benchmarks/models.py): the chart follows the hand

    def __init__(self, works: tuple[Work, ...] = PRESETS, *, store=None):
        self.start = ValueMap(works)
        self.model = self.start
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.chart = W.HTML()
        self.summary = W.HTML()
        self._chart = LiveChart(setup_chart, size=SIZE)
        cards = [
            W.VBox(
                [
                    W.HTML(
                        f"<div style='line-height:1.35;margin-top:4px'><strong>"
                        f"{escape(w.name)}</strong><br><small>{escape(w.detail)}</small>"
                        "</div>"
                    ),
                    self._score(w, "value", "Value to organisation"),
                    self._score(w, "needs", "Meets users' needs"),
                ],
                layout=W.Layout(min_width="0"),
            )
            for w in self.start.works
        ]
        defaults = {f"{w.name}:{f}": getattr(w, f) for w in self.start.works for f in SCORES}
        self.reset_button = self.reset_control(defaults)
        cards_grid = controls.grid(cards)
        cards_grid.layout.flex = "1 1 22rem"
        # The chart keeps its own width (the row wraps rather than shrink it), never wider than
        # the output: its box has no width of its own to give (charts contain their width).
        self.chart.layout.flex = "0 0 auto"
        self.chart.layout.width = f"{round(SIZE[0] * 100)}px"
        self.chart.layout.max_width = "100%"
        # The chart beside the cards where there is room, so it stays in view while a lower
        # card's slider is dragged; above them in a narrow window.
        return [controls.row(self.chart, cards_grid), self.summary, self.reset_button]

    def _score(self, work: Work, field: str, label: str) -> W.IntSlider:
        return self.slider(
            f"{work.name}:{field}",
            label,
            getattr(work, field),
            SCORE_MIN,
            SCORE_MAX,
            tooltip=f"{work.name}: {label.lower()}, {SCORE_MIN} to {SCORE_MAX}",
        )

    def update(self, settings: dict) -> None:
        try:
            self.model = self.start.with_settings(settings)
        except ValueError as exc:
            raise SettingsProblem(str(exc)) from exc

    def render(self) -> None:
        summary = self.model.summary()
        draw(self._chart, summary)
        self.chart.value = self._chart.html(summary.alt_text) + numbers_in_table_html()
        self.summary.value = summary_html(summary)

    def describe(self) -> Summary:
        return self.model.summary()


#: The two scores each piece of work has, as settings name them.
SCORES = ("value", "needs")
