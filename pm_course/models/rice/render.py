"""The RICE backlog drawn: a chart of value against effort that follows every change, and the
ranking as a table.

The chart is a :class:`~pm_course.ui.charts.LiveChart`: the axes, labels and a pool of guide
lines are set up once; each redraw moves the points, the lines of equal score and the rank
numbers, and works the layout out again only when something at the edge changes size (the
key of names, the legend, the width of the value labels).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ...ui.charts import PALETTE, LiveChart
from ...ui.parts import html_block, ink
from .model import (
    EFFORT_UNIT,
    Backlog,
    confidence_label,
    fmt_score,
    guide_scores,
    short_name,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: confidence -> (Okabe-Ito colour, matplotlib marker, the same shape as a character)
CONFIDENCE_STYLES: dict[int, tuple[str, str, str]] = {
    100: (PALETTE[2], "o", "●"),
    80: (PALETTE[0], "s", "■"),
    50: (PALETTE[5], "^", "▲"),
}
#: The most lines of equal score a chart shows (``guide_scores`` gives at most this many).
GUIDES = 5
SIZE = (7.4, 4.2)
_NONE = [(float("nan"), float("nan"))]


def setup_chart(ax: Axes) -> dict:
    """What never changes (labels, axes, the pool of guide lines); returns what each redraw
    moves."""
    lines = [
        ax.plot([], [], color="#999999", lw=0.8, ls="--", zorder=1, visible=False)[0]
        for _ in range(GUIDES)
    ]
    notes = [
        ax.annotate(
            "",
            (0, 0),
            xytext=(-3, -3),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8,
            color="#555555",
            visible=False,
        )
        for _ in range(GUIDES)
    ]
    series = {
        conf: ax.scatter(
            [],
            [],
            s=90,
            marker=marker,
            color=colour,
            edgecolors="black",
            linewidths=0.7,
            label=confidence_label(conf),
            zorder=5,
        )
        for conf, (colour, marker, _) in CONFIDENCE_STYLES.items()
    }
    key = ax.text(
        1.03, 0.66, "", transform=ax.transAxes, ha="left", va="top", fontsize=9, linespacing=1.5
    )
    ax.set_xlabel(f"Effort ({EFFORT_UNIT}) →")
    ax.set_ylabel("Value: reach × impact × confidence →")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.spines[["top", "right"]].set_visible(False)
    return {
        "lines": lines,
        "notes": notes,
        "series": series,
        "key": key,
        "ranks": [],
        "shape": None,
    }


def _legend(ax: Axes, series: dict, present: tuple[int, ...]) -> None:
    ax.legend(
        handles=[series[c] for c in present],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        title="Confidence",
        fontsize=9,
        title_fontsize=9,
    )


def draw(chart: LiveChart, backlog: Backlog) -> None:
    """Move everything that follows the backlog: limits, guide lines, points, ranks, key."""
    ax, art = chart.ax, chart.artists
    ranked = backlog.ranked()
    xmax = max(r.idea.effort for r in ranked) * 1.25
    ymax = max(max(r.idea.value for r in ranked) * 1.2, 1.0)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    scores = [r.idea.score for r in ranked if r.idea.score > 0]
    guides = guide_scores(min(scores), max(scores)) if scores else []
    for i, (line, note) in enumerate(zip(art["lines"], art["notes"], strict=True)):
        shown = i < len(guides)
        line.set_visible(shown)
        note.set_visible(shown)
        if shown:
            s = guides[i]
            line.set_data([0, xmax], [0, s * xmax])
            note.xy = (xmax, s * xmax) if s * xmax <= ymax else (ymax / s, ymax)
            note.set_text(f"score {fmt_score(s)}")
    for conf, points in art["series"].items():
        members = [r.idea for r in ranked if r.idea.confidence == conf]
        points.set_offsets([(i.effort, i.value) for i in members] or _NONE)
    for old in art["ranks"]:
        old.remove()
    art["ranks"] = [
        ax.annotate(
            str(r.rank),
            (r.idea.effort, r.idea.value),
            xytext=(7, 5),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        for r in ranked
    ]
    names = [f"{r.rank}. {short_name(r.idea.name)}" for r in ranked]
    art["key"].set_text("Ideas by rank\n" + "\n".join(names))
    present = tuple(c for c in CONFIDENCE_STYLES if any(r.idea.confidence == c for r in ranked))
    shape = (present, len(names), max(map(len, names)), len(f"{ymax:,.0f}"))
    if shape != art["shape"]:  # the edges change size: the layout is worked out again
        _legend(ax, art["series"], present)
        if art["shape"] is not None:
            chart.relayout()
        art["shape"] = shape


_CELL = "text-align:left;padding:1px 6px 1px 0"
_NUM = "text-align:right;padding:1px 6px 1px 0"


def ranking_html(backlog: Backlog) -> str:
    """The ranking as a table with the headline above it."""
    rows = "".join(
        f"<tr><td style='{_NUM}'>{r.rank}</td><td style='{_CELL}'>{escape(r.idea.name)}</td>"
        f"<td style='{_NUM}'>{r.idea.reach:,.0f}</td><td style='{_NUM}'>{r.idea.impact:g}</td>"
        f"<td style='{_CELL}'><span aria-hidden='true' "
        f"style='color:{ink(CONFIDENCE_STYLES[r.idea.confidence][0])}'>"
        f"{CONFIDENCE_STYLES[r.idea.confidence][2]}</span> {r.idea.confidence}%</td>"
        f"<td style='{_NUM}'>{r.idea.effort:g}</td>"
        f"<td style='{_NUM}'>{fmt_score(r.idea.value)}</td>"
        f"<td style='{_NUM}'><strong>{fmt_score(r.idea.score)}</strong></td></tr>"
        for r in backlog.ranked()
    )
    heads = ["Rank", "Idea", "Reach", "Impact", "Confidence", "Effort", "Value", "Score"]
    head = "".join(
        f"<th style='{_CELL if h in ('Idea', 'Confidence') else _NUM}'>{h}</th>" for h in heads
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(backlog.headline)}</strong></p>"
        f"<table style='font-size:0.95em'><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        "<p style='margin:2px 0'><small>Score = reach × impact × confidence ÷ effort. Value is "
        "the top half of that sum: reach × impact × confidence.</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


__all__ = ["CONFIDENCE_STYLES", "draw", "ranking_html", "setup_chart"]
