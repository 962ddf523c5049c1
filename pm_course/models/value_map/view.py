"""The value map as a live widget: two sliders per piece of work, a chart and a summary.

The sliders change the scores; the chart (a PNG with alt text that states the same facts)
and the written summary are redrawn at once. The model lives in ``value_map``; this module
only builds widgets and draws.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import DescribedText, html_block, names_by_spot, quietly, safe, scatter_quadrants
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
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE = "Run this cell in JupyterLab to move the sliders."

#: quadrant -> (Okabe-Ito colour, matplotlib marker, the same shape as a character).
#: Colour and shape both tell the quadrants apart, and the words always do.
STYLES: dict[str, tuple[str, str, str]] = {
    "sweet_spot": (PALETTE[2], "o", "●"),
    "organisation_only": (PALETTE[0], "s", "■"),
    "users_only": (PALETTE[1], "^", "▲"),
    "neither": (PALETTE[3], "D", "◆"),
}

#: Where each quadrant's title goes on the chart (axes fractions) and how it is aligned.
_CORNERS: dict[str, tuple[float, float, str, str]] = {
    "sweet_spot": (0.99, 0.99, "right", "top"),
    "organisation_only": (0.01, 0.99, "left", "top"),
    "users_only": (0.99, 0.01, "right", "bottom"),
    "neither": (0.01, 0.01, "left", "bottom"),
}


def value_map_png(summary: Summary) -> bytes:
    """The map as a scatter chart: needs across, value up, quadrants shaded and labelled."""
    works = summary.works
    mid = HIGH_FROM - 0.5
    low, high = SCORE_MIN - 1.3, SCORE_MAX + 1.3

    def draw(ax: Axes) -> None:
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
        scatter_quadrants(ax, summary.groups, STYLES, "needs", "value")
        for (x, y), names in names_by_spot(works, "needs", "value").items():
            right = x <= SCORE_MAX - 3
            ax.annotate(
                "\n".join(names),
                (x, y),
                xytext=(9 if right else -9, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=9,
                zorder=4,
            )
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_xticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
        ax.set_yticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
        ax.set_xlabel("Meets users' needs (0 to 10) →")
        ax.set_ylabel("Value to the organisation (0 to 10) →")
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            title="Quadrant",
            fontsize=9,
            title_fontsize=9,
        )
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.0, 4.3))


_CELL = "text-align:left;padding:1px 12px 1px 0"
_NUM = "text-align:right;padding:1px 12px 1px 0"


def summary_html(summary: Summary) -> str:
    """The summary as HTML: headline, a table of the scores and a reading per quadrant."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(w.name)}</td><td style='{_NUM}'>{w.value}</td>"
        f"<td style='{_NUM}'>{w.needs}</td>"
        f"<td style='{_CELL}'><span aria-hidden='true' style='color:{STYLES[w.quadrant.key][0]}'>"
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


class ValueMapView(DescribedText, W.VBox):
    """Score each piece of work with two sliders; the chart and the summary follow."""

    NOTE = NOTE

    def __init__(self, works: tuple[Work, ...] = PRESETS):
        self.model = ValueMap(works)
        self._start = self.model
        self._quiet = False
        self.sliders: dict[tuple[str, str], W.IntSlider] = {}
        cards = []
        for w in self.model.works:
            value = self._slider(w, "value", "Value to organisation")
            needs = self._slider(w, "needs", "Meets users' needs")
            about = W.HTML(
                f"<div style='line-height:1.35;margin-top:4px'><strong>{escape(w.name)}</strong>"
                f"<br><small>{escape(w.detail)}</small></div>"
            )
            cards.append(W.VBox([about, value, needs], layout=W.Layout(min_width="0")))
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.reset_button = W.Button(
            description="Reset to the examples",
            icon="undo",
            tooltip="Put every slider back to the example scores",
            layout=W.Layout(width="auto"),
        )
        controls = W.GridBox(
            cards,
            layout=W.Layout(
                grid_template_columns="repeat(auto-fill, minmax(22rem, 1fr))",
                grid_gap="4px 24px",
            ),
        )
        super().__init__(
            [
                W.HTML(
                    "<h3>Value map</h3><div style='line-height:1.4'>Move the sliders under the "
                    "chart to score each piece of work from 0 to 10 (with the keyboard: Tab to a "
                    f"slider, then the arrow keys). A score of {HIGH_FROM} or more counts as "
                    "high.</div>"
                ),
                self.chart,
                controls,
                self.summary,
                W.HBox([self.reset_button]),
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        for (name, field), slider in self.sliders.items():
            slider.observe(self._observer(name, field), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.redraw()

    def _slider(self, work: Work, field: str, label: str) -> W.IntSlider:
        slider = W.IntSlider(
            value=getattr(work, field),
            min=SCORE_MIN,
            max=SCORE_MAX,
            step=1,
            description=label,
            tooltip=f"{work.name}: {label.lower()}, {SCORE_MIN} to {SCORE_MAX}",
            continuous_update=False,
            style={"description_width": "10.5rem"},
            layout=W.Layout(width="100%"),
        )
        self.sliders[(work.name, field)] = slider
        return slider

    def _observer(self, name: str, field: str):
        return lambda change: self.set_score(name, field, change["new"])

    @safe
    def set_score(self, name: str, field: str, score: int) -> None:
        """Change one score (``field`` is 'value' or 'needs') and redraw."""
        self.model = self.model.rescore(name, **{field: score})
        if not self._quiet:
            self.redraw()

    @safe
    def reset(self) -> None:
        """Put every slider back to its starting score and redraw once."""
        with quietly(self):
            for w in self._start.works:
                self.sliders[(w.name, "value")].value = w.value
                self.sliders[(w.name, "needs")].value = w.needs
        self.model = self._start
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw the chart and write the summary for the current scores."""
        summary = self.model.summary()
        self.chart.value = img_html(value_map_png(summary), summary.alt_text)
        self.summary.value = summary_html(summary)
        self.status.value = ""

    def _described(self):
        return self.model.summary()
