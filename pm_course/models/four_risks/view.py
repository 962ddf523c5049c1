"""The four risks check as a live widget: pick a piece of work, set four confidences, read
which risk is biggest and who owns it. The model lives in ``four_risks``."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import DescribedText, html_block, quietly, safe
from .model import (
    ANSWERED_FROM,
    OWNERS,
    PARTLY_FROM,
    PRESETS,
    RISKS,
    SCORE_MAX,
    RiskCheck,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE = "Run this cell in JupyterLab to choose a piece of work and move the sliders."

#: owner -> (Okabe-Ito colour, hatch): owners differ by colour and by pattern, and are named.
OWNER_STYLES: dict[str, tuple[str, str]] = {
    "Product manager": (PALETTE[0], ""),
    "Designer": (PALETTE[1], "//"),
    "Tech lead": (PALETTE[2], ".."),
}


def four_risks_png(check: RiskCheck) -> bytes:
    """Horizontal bars of confidence per risk, coloured and patterned by owner."""
    rows = check.rows()[::-1]  # the first risk at the top

    def draw(ax: Axes) -> None:
        ax.axvspan(0, PARTLY_FROM - 0.5, color="#D55E00", alpha=0.07, lw=0)
        for x in (PARTLY_FROM - 0.5, ANSWERED_FROM - 0.5):
            ax.axvline(x, color="#555555", lw=1, ls="--")
        for x, label in (
            ((PARTLY_FROM - 0.5) / 2, "open"),
            ((PARTLY_FROM + ANSWERED_FROM - 1) / 2, "partly\nanswered"),
            ((ANSWERED_FROM - 0.5 + SCORE_MAX) / 2, "answered"),
        ):
            ax.text(
                x,
                1.02,
                label,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=9,
            )
        for i, row in enumerate(rows):
            colour, hatch = OWNER_STYLES[row.risk.owner]
            ax.barh(
                i,
                row.score,
                height=0.6,
                color=colour,
                hatch=hatch,
                edgecolor="white" if hatch else colour,
                label=row.risk.owner,
            )
            ax.text(
                row.score + 0.15,
                i,
                str(row.score),
                va="center",
                fontsize=9,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
        ax.set_yticks(range(len(rows)), [r.risk.name for r in rows])
        ax.set_xlim(0, SCORE_MAX + 0.6)
        ax.set_ylim(-0.5, len(rows) - 0.5)
        ax.set_xticks(range(0, SCORE_MAX + 1, 2))
        ax.set_xlabel("Confidence that the answer is yes (0 to 10)")
        handles = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
        ax.legend(
            [handles[o] for o in OWNERS if o in handles],
            [o for o in OWNERS if o in handles],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            title="Owner",
        )
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.0, 3.0))


def check_html(check: RiskCheck) -> str:
    """The check in words: headline, next steps and the owners line."""
    steps = "".join(f"<li>{escape(s)}</li>" for s in check.next_steps())
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(check.headline)}</strong></p>"
        + (f"<ul style='margin:2px 0'>{steps}</ul>" if steps else "")
        + f"<p style='margin:2px 0'>{escape(check.owners_line)}</p>"
        f"<p style='margin:2px 0'><small>{escape(check.scale)}</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


class FourRisksView(DescribedText, W.VBox):
    """A drop-down of example pieces of work and one slider per risk; chart and words follow."""

    NOTE = NOTE

    def __init__(self, checks: tuple[RiskCheck, ...] = PRESETS):
        self.checks = {c.name: c for c in checks}
        self.check = checks[0]
        self._quiet = False
        self.work = W.Dropdown(
            options=list(self.checks),
            value=self.check.name,
            description="Piece of work",
            style={"description_width": "initial"},
        )
        self.sliders: dict[str, W.IntSlider] = {}
        rows = []
        for risk in RISKS:
            slider = W.IntSlider(
                value=self.check.score(risk.key),
                min=0,
                max=SCORE_MAX,
                step=1,
                description=risk.name,
                tooltip=f"Confidence on {risk.name.lower()}: {risk.question}",
                continuous_update=False,
                style={"description_width": "9rem"},
                layout=W.Layout(width="22rem"),
            )
            self.sliders[risk.key] = slider
            rows.append(
                W.HBox(
                    [
                        slider,
                        W.HTML(
                            f"<small>{escape(risk.question)} Owner: "
                            f"{escape(risk.owner.lower())}.</small>"
                        ),
                    ]
                )
            )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Four risks check</h3><div style='line-height:1.4'>Choose a piece of "
                    "work, then set how sure the team is that each answer is yes, from 0 (no "
                    "idea) to 10 (sure, with evidence).</div>"
                ),
                self.work,
                *rows,
                self.chart,
                self.summary,
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        for key, slider in self.sliders.items():
            slider.observe(self._observer(key), names="value")
        self.work.observe(lambda change: self.choose(change["new"]), names="value")
        self.redraw()

    def _observer(self, key: str):
        return lambda change: self.set_score(key, change["new"])

    @safe
    def set_score(self, key: str, score: int) -> None:
        """Change the confidence on one risk and redraw."""
        self.check = self.check.with_score(key, score)
        if not self._quiet:
            self.redraw()

    @safe
    def choose(self, name: str) -> None:
        """Show another example piece of work, with its own scores."""
        chosen = self.checks[name]
        with quietly(self):
            for key, slider in self.sliders.items():
                slider.value = chosen.score(key)
        self.check = chosen
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw the chart and write the words for the current scores."""
        self.chart.value = img_html(four_risks_png(self.check), self.check.alt_text)
        self.summary.value = check_html(self.check)
        self.status.value = ""

    def _described(self):
        return self.check
