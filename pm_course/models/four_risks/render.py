"""The four risks chart and words, drawn from the pure model for ``view``.

The chart is a :class:`~pm_course.ui.charts.LiveChart`: ``setup`` draws the bands, one bar per
risk (patterned by owner), the labels and the legend once; ``draw`` sets each bar's length and
the score written beside it.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ...ui.charts import PALETTE, LiveChart, numbers_html
from ...ui.parts import html_block
from .model import ANSWERED_FROM, OWNERS, PARTLY_FROM, RISKS, SCORE_MAX, RiskCheck

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SIZE = (7.0, 3.0)

#: owner -> (Okabe-Ito colour, hatch): owners differ by colour and by pattern, and are named.
OWNER_STYLES: dict[str, tuple[str, str]] = {
    "Product manager": (PALETTE[0], ""),
    "Designer": (PALETTE[1], "//"),
    "Tech lead": (PALETTE[2], ".."),
}


def setup(ax: Axes) -> dict[str, Any]:
    """The open band, the lines between statuses and their names, a bar and a score label per
    risk (the first risk at the top), the axes and the owners' legend."""
    ax.axvspan(0, PARTLY_FROM - 0.5, color="#D55E00", alpha=0.07, lw=0)
    for x in (PARTLY_FROM - 0.5, ANSWERED_FROM - 0.5):
        ax.axvline(x, color="#555555", lw=1, ls="--")
    for x, label in (
        ((PARTLY_FROM - 0.5) / 2, "open"),
        ((PARTLY_FROM + ANSWERED_FROM - 1) / 2, "partly\nanswered"),
        ((ANSWERED_FROM - 0.5 + SCORE_MAX) / 2, "answered"),
    ):
        ax.text(
            x, 1.02, label, transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=9
        )
    risks = RISKS[::-1]
    bars, scores = {}, {}
    for i, risk in enumerate(risks):
        colour, hatch = OWNER_STYLES[risk.owner]
        bars[risk.key] = ax.barh(
            i,
            0,
            height=0.6,
            color=colour,
            hatch=hatch,
            edgecolor="white" if hatch else colour,
            label=risk.owner,
        )
        scores[risk.key] = ax.text(
            0.15,
            i,
            "0",
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    ax.set_yticks(range(len(risks)), [r.name for r in risks])
    ax.set_xlim(0, SCORE_MAX + 0.6)
    ax.set_ylim(-0.5, len(risks) - 0.5)
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
    return {"bars": bars, "scores": scores}


def draw(chart: LiveChart, check: RiskCheck) -> None:
    """Each risk's bar as long as its score, with the score beside it."""
    for row in check.rows():
        (bar,) = chart.artists["bars"][row.risk.key]
        bar.set_width(row.score)
        label = chart.artists["scores"][row.risk.key]
        label.set_x(row.score + 0.15)
        label.set_text(str(row.score))


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


def numbers(check: RiskCheck) -> str:
    """The chart's numbers as a table (the same facts as its alt text)."""
    return numbers_html(
        f"Confidence on each big risk for {check.name}, 0 to {SCORE_MAX}",
        ("Risk", "Owner", "Confidence", "Status"),
        ((r.risk.name, r.risk.owner, r.score, r.status) for r in check.rows()),
    )
