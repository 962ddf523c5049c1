"""Drawing for the stakeholder views: the power/interest grid, the team as a network, the
channels curve (each a :class:`~pm_course.ui.charts.LiveChart`, set up once and updated in
place), and the HTML of the summary, the plan and the channels in words.

The words, the label placement and the numbers come from ``model``; this module only draws.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import numpy as np

from ...ui.charts import PALETTE, LiveChart, numbers_html
from ...ui.parts import html_block, ink, quadrant_series
from .model import (
    CORNERS,
    COUNTING,
    HIGH,
    HIGH_FROM,
    LOW,
    MAX_TEAM,
    NOT_A_RULE,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    Channels,
    EngagementPlan,
    Summary,
    channels,
    channels_curve,
    join_names,
    labels,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: quadrant -> (Okabe-Ito colour, matplotlib marker, the same shape as a character).
#: Colour and shape both tell the quadrants apart, and the words always do.
STYLES: dict[str, tuple[str, str, str]] = {
    "manage_closely": (PALETTE[5], "o", "●"),
    "keep_satisfied": (PALETTE[0], "s", "■"),
    "keep_informed": (PALETTE[2], "^", "▲"),
    "monitor": (PALETTE[3], "D", "◆"),
}
#: The quadrant titles as the grid chart writes them: (key, title and shape) pairs.
TITLES: tuple[tuple[str, str], ...] = tuple(
    (key, f"{QUADRANTS[key].title} {STYLES[key][2]}") for key in CORNERS
)
_NOWHERE = [(float("nan"), float("nan"))]

# --- the grid ----------------------------------------------------------------------------------


def setup_grid(ax: Axes) -> dict:
    """What never changes on the grid (guides, quadrant titles, axes); returns the scatter
    series per quadrant and the "no stakeholders yet" text, which each redraw updates."""
    mid = HIGH_FROM - 0.5
    ax.fill_between([mid, HIGH], mid, HIGH, color=STYLES["manage_closely"][0], alpha=0.08, lw=0)
    ax.axvline(mid, color="#555555", lw=1, ls="--")
    ax.axhline(mid, color="#555555", lw=1, ls="--")
    for key, title in TITLES:
        fx, fy, ha, va = CORNERS[key]
        ax.text(
            fx,
            fy,
            title,
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=9.5,
            fontweight="bold",
            color="#222222",
        )
    series = quadrant_series(ax, STYLES, {key: q.title for key, q in QUADRANTS.items()})
    empty = ax.text(
        5,
        5,
        "No stakeholders yet:\nadd one below the chart",
        ha="center",
        va="center",
        fontsize=11,
        color="#555555",
        visible=False,
    )
    ax.set_xlim(LOW, HIGH)
    ax.set_ylim(LOW, HIGH)
    ax.set_xticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
    ax.set_yticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
    ax.set_xlabel("Interest: how much do they care? (0 to 10) →")
    ax.set_ylabel("Power: can they shape or stop the work? (0 to 10) →")
    ax.spines[["top", "right"]].set_visible(False)
    return {"series": series, "empty": empty}


def grid_chart() -> LiveChart:
    """The power/interest grid: interest across, power up, quadrants titled."""
    return LiveChart(setup_grid, size=(7.0, 4.8))


def _mpl_text(text: str) -> str:
    """Text that matplotlib shows as typed (a '$' would otherwise start mathematics)."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def draw_grid(chart: LiveChart, summary: Summary) -> None:
    """Move the points to the map's scores and write the names beside them."""
    for q, people in summary.groups:
        chart.artists["series"][q.key].set_offsets(
            [(s.interest, s.power) for s in people] or _NOWHERE
        )
    chart.artists["empty"].set_visible(not summary.stakeholders)

    def names(ax: Axes) -> None:
        for label in labels(summary.stakeholders, TITLES):
            ax.annotate(
                _mpl_text(label.text),
                (label.interest, label.power),
                xytext=(label.x, label.y),
                ha=label.ha,
                va=label.va,
                fontsize=8.5,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            ).set_in_layout(False)

    chart.redraw(names)


_CELL = "text-align:left;padding:3px 14px 3px 0;vertical-align:top;border-bottom:1px solid #e4e4e4"
_NUM = "text-align:right;padding:3px 14px 3px 0;vertical-align:top;border-bottom:1px solid #e4e4e4"


def _strategy_cell(key: str) -> str:
    colour, _, glyph = STYLES[key]
    return (
        f"<td style='{_CELL}'><span aria-hidden='true' style='color:{ink(colour)}'>{glyph}</span> "
        f"{escape(QUADRANTS[key].title)}</td>"
    )


def _status_line(text: str) -> str:
    return (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>{escape(text)}"
        "</strong></p>"
    )


def summary_html(summary: Summary) -> str:
    """The map as HTML: headline, a table of scores and strategies, a line per quadrant."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(s.name)}</td><td style='{_NUM}'>{s.power}</td>"
        f"<td style='{_NUM}'>{s.interest}</td>{_strategy_cell(s.quadrant.key)}</tr>"
        for s in summary.stakeholders
    )
    table = (
        f"<table style='border-collapse:collapse'><thead><tr>"
        f"<th style='{_CELL}'>Stakeholder</th><th style='{_NUM}'>Power</th>"
        f"<th style='{_NUM}'>Interest</th><th style='{_CELL}'>Strategy</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    readings = "".join(
        f"<li><strong>{escape(q.title)}</strong> "
        f"({escape(join_names([s.name for s in people]))}): {escape(q.strategy)}.</li>"
        for q, people in summary.groups
        if people
    )
    body = (
        f"{_status_line(summary.headline)}"
        f"<p style='margin:2px 0'><small>{escape(summary.scale)}</small></p>"
        f"{table}" + (f"<ul style='margin:4px 0'>{readings}</ul>" if readings else "")
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


# --- the engagement plan -----------------------------------------------------------------------


def plan_html(plan: EngagementPlan) -> str:
    """The plan as HTML: headline, one row per stakeholder, contacts a year and the caveat."""
    if not plan.stakeholders:
        return html_block(
            f"<p role='status' aria-live='polite'><strong>{escape(plan.headline)}</strong></p>"
        )
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(r.stakeholder.name)}</td>"
        f"{_strategy_cell(r.quadrant.key)}"
        f"<td style='{_CELL}'>"
        + "<br>".join(
            f"{escape(a.tactic.name)} <small>({escape(a.cadence.label)})</small>" for a in r.actions
        )
        + "</td></tr>"
        for r in plan.rows
    )
    loads = "".join(f"<li>{escape(load.text)}</li>" for load in plan.loads())
    body = (
        f"{_status_line(plan.headline)}"
        f"<table style='border-collapse:collapse'><thead><tr><th style='{_CELL}'>Stakeholder</th>"
        f"<th style='{_CELL}'>Strategy</th><th style='{_CELL}'>Tactics (cadence)</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"<p style='margin:6px 0 0 0'><strong>Contacts a year</strong></p>"
        f"<ul style='margin:2px 0'>{loads}</ul>"
        f"<p style='margin:2px 0'><small>{escape(COUNTING)}</small></p>"
    )
    caveat = html_block(f"<strong>A starting point</strong>: {escape(NOT_A_RULE)}", "#E69F00")
    return f"<div style='line-height:1.4'>{html_block(body)}{caveat}</div>"


# --- communication channels --------------------------------------------------------------------


def setup_network(ax: Axes) -> dict:
    """The frame of the team drawing; returns the lines (every pair, one artist) and the dots."""
    lines = ax.plot([], [], color=PALETTE[0], lw=1.2, solid_capstyle="butt")[0]
    dots = ax.scatter([], [], s=60, color=PALETTE[1], edgecolors="black", zorder=3)
    ax.set_title(" ", fontsize=11)
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"lines": lines, "dots": dots}


def network_chart() -> LiveChart:
    """The team as dots on a circle with a line between every pair."""
    return LiveChart(setup_network, size=(3.4, 3.6))


def draw_network(chart: LiveChart, people: int) -> None:
    """Put ``people`` dots on the circle and join every pair."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(people) / max(people, 1)
    xy = np.column_stack([np.cos(angles), np.sin(angles)])
    i, j = np.triu_indices(people, 1)
    gap = np.full(len(i), np.nan)
    chart.artists["lines"].set_data(
        np.column_stack([xy[i, 0], xy[j, 0], gap]).ravel(),
        np.column_stack([xy[i, 1], xy[j, 1], gap]).ravel(),
    )
    chart.artists["lines"].set_linewidth(1.2 if people <= 10 else 0.6 if people <= 20 else 0.35)
    chart.artists["dots"].set_offsets(xy if people else _NOWHERE)
    chart.ax.set_title(f"{people} people, {len(i)} channels", fontsize=11)


def setup_curve(ax: Axes, top: int = MAX_TEAM) -> dict:
    """Channels against team size, n(n-1)/2 beside n-1; returns the mark and its note."""
    sizes = np.arange(1, top + 1)
    ax.plot(
        sizes,
        channels_curve(sizes),
        color=PALETTE[0],
        marker="o",
        markersize=3,
        label="everyone with everyone: n(n-1)/2",
    )
    ax.plot(sizes, sizes - 1, color=PALETTE[1], ls="--", label="all through one person: n-1")
    mark = ax.scatter([], [], s=120, color=PALETTE[5], edgecolors="black", zorder=4)
    note = ax.annotate(
        " ",
        (1, 0),
        xytext=(0.04, 0.66),
        textcoords="axes fraction",
        ha="left",
        va="center",
        fontsize=10,
        fontweight="bold",
        arrowprops={"arrowstyle": "->", "color": "#333333", "lw": 1, "shrinkB": 8},
        zorder=5,
    )
    ax.set_xlim(0, top + 1)
    ax.set_ylim(0, int(channels_curve([top])[0]) * 1.08)
    ax.set_xlabel("People in the team")
    ax.set_ylabel("Communication channels")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.grid(alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return {"mark": mark, "note": note}


def curve_chart() -> LiveChart:
    """Channels against team size, with the chosen size marked."""
    return LiveChart(setup_curve, size=(5.2, 3.6))


def draw_curve(chart: LiveChart, people: int) -> None:
    """Mark ``people`` on the curve and say how many channels that is."""
    chosen = int(channels_curve([people])[0])
    chart.artists["mark"].set_offsets([(people, chosen)])
    chart.artists["note"].xy = (people, chosen)
    chart.artists["note"].set_text(f"{people} people: {chosen} channels")


def channels_charts_html(network: str, curve: str) -> str:
    """The two channel charts side by side, wrapping in a narrow window."""
    return (
        "<div style='display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start'>"
        f"<div style='flex:0 1 340px'>{network}</div>"
        f"<div style='flex:1 1 420px'>{curve}</div></div>"
    )


def channels_html(model: Channels) -> str:
    """The channels in words: the headline, then what growing the team does."""
    first, *rest = model.lines()
    body = html_block(
        _status_line(first)
        + "".join(f"<p style='margin:2px 0'>{escape(line)}</p>" for line in rest)
    )
    return f"<div style='line-height:1.4'>{body}</div>"


def channels_numbers(model: Channels, top: int = MAX_TEAM) -> str:
    """The channel charts' numbers as a table: channels for each team size (the curve and
    the straight line), the chosen size marked."""
    return numbers_html(
        f"Communication channels by team size (chosen: {model.people} people)",
        ("People", "Channels, everyone talks to everyone: n(n-1)/2", "Through one person: n-1"),
        (
            (f"{n} (chosen)" if n == model.people else n, channels(n), max(n - 1, 0))
            for n in range(1, top + 1)
        ),
    )
