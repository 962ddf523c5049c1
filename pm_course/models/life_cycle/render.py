"""The life cycle's two charts and its HTML: drawn from the pure model, for ``view``.

Each chart is a :class:`~pm_course.ui.charts.LiveChart`: ``setup_*`` draws what never changes
(the fixed margins, the axis labels) once, and ``draw_*`` redraws what follows the settings
(the stages, the curves, the markers, the legend) on the same figure.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, cast

from ...ui.charts import PALETTE, numbers_html
from ...ui.parts import html_block
from .model import DECLINE_SHARE, INTRO_SHARE, LIFE_SHARE, PERIOD, UNIT, LifeCycle, Summary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BASE_STYLE: dict[str, Any] = {"color": PALETTE[0], "lw": 2.2, "ls": "-"}
TOTAL_STYLE: dict[str, Any] = {"color": PALETTE[5], "lw": 2.2, "ls": "--"}
#: Background of the stages: plain greys, the chosen one in sky blue with hatching.
BAND_GREYS = ("#f4f4f4", "#e8e8e8")
CHOSEN_BAND = PALETTE[4]

#: Fixed margins in inches, so both charts share the same plotting width and their time axes
#: line up one above the other; the legend sits under the axis.
MARGINS = {"left": 0.95, "right": 1.0, "top": 0.12, "bottom": 0.85}
WIDTH = 8.0
RATE_SIZE = (WIDTH, 3.9)
CUMULATIVE_SIZE = (WIDTH, 3.1)


def _setup(ax: Axes, ylabel: str) -> None:
    """The fixed margins, the axis labels and the spines: what every picture shares."""
    fig = cast("Figure", ax.figure)
    fig.set_layout_engine(None)
    width, height = fig.get_size_inches()
    left, bottom = MARGINS["left"] / width, MARGINS["bottom"] / height
    right, top = 1 - MARGINS["right"] / width, 1 - MARGINS["top"] / height
    ax.set_position((left, bottom, right - left, top - bottom))
    ax.set_xlabel(f"{PERIOD.capitalize()}s since launch")
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)


def setup_rate(ax: Axes) -> None:
    """What the sales-per-year chart always shows."""
    _setup(ax, f"Sales per {PERIOD}\n({UNIT})")


def setup_cumulative(ax: Axes) -> None:
    """What the cumulative chart always shows."""
    _setup(ax, f"Cumulative sales\n({UNIT})")


def _bands(ax: Axes, model: LifeCycle, labels: bool) -> None:
    """Shade each stage (the chosen one blue and hatched) and, if asked, name it at the top."""
    for band in model.bands():
        chosen = band.chosen
        ax.axvspan(
            band.start,
            band.end,
            facecolor=CHOSEN_BAND if chosen else BAND_GREYS[band.shade],
            alpha=0.35 if chosen else 1.0,
            hatch="//" if chosen else None,
            edgecolor="#56B4E9" if chosen else "none",
            lw=0,
            zorder=0,
        )
        if band.start > 0:
            ax.axvline(band.start, color="#777777", lw=0.8, ls=(0, (4, 3)), zorder=1)
        if labels:
            ax.text(
                (band.start + band.end) / 2,
                0.97,
                band.stage.title,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                rotation=90 if band.narrow else 0,
                fontsize=8.5,
                fontweight="bold" if chosen else "normal",
                color="#222222",
                zorder=5,
            )


def _finish(ax: Axes, model: LifeCycle) -> None:
    """The time axis and a legend under the chart."""
    ax.set_xlim(0, model.horizon)
    handles, _ = ax.get_legend_handles_labels()
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 0.02),
        bbox_transform=ax.figure.transFigure,
        ncols=max(1, len(handles)),
        columnspacing=1.5,
        frameon=False,
        fontsize=8.5,
    )


def draw_rate(ax: Axes, model: LifeCycle) -> None:
    """Sales per year: the original wave, the total with moves, the stages and the peak."""
    cv = model.curves()
    waves = model.waves()
    _bands(ax, model, labels=True)
    ax.plot(cv.t, cv.base_rate, label="Original product", zorder=3, **BASE_STYLE)
    if waves:
        ax.plot(cv.t, cv.total_rate, label="With life-extension moves", zorder=4, **TOTAL_STYLE)
    top = max(float(cv.total_rate.max()), model.peak_sales)
    ax.axhline(LIFE_SHARE * model.peak_sales, color="#444444", lw=1, ls=":", zorder=2)
    ax.text(
        model.horizon,
        LIFE_SHARE * model.peak_sales,
        " a fifth of\n the first peak",
        va="center",
        ha="left",
        fontsize=7.5,
        color="#444444",
    )
    ax.plot(
        [model.peak_time],
        [model.peak_sales],
        marker="D",
        color="black",
        ms=7,
        ls="none",
        label=f"Peak: {PERIOD} {model.peak_time:.1f}" if model.has_growth else "Highest: at launch",
        zorder=6,
        clip_on=False,
    )
    for i, w in enumerate(waves, 1):
        if w.start > model.horizon:
            continue
        ax.plot(
            [w.start],
            [0],
            marker="^",
            ms=10,
            color=PALETTE[5],
            mec="black",
            ls="none",
            label="Start of a move" if i == 1 else None,
            zorder=6,
            clip_on=False,
        )
        ax.annotate(
            str(i),
            (w.start, 0),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            fontweight="bold",
        )
    ax.set_ylim(0, top * 1.28)
    _finish(ax, model)


def draw_cumulative(ax: Axes, model: LifeCycle) -> None:
    """Cumulative adopters: the S-curve, the market size and the 10% / 90% lines."""
    cv = model.curves()
    _bands(ax, model, labels=False)
    ax.plot(cv.t, cv.base_cumulative, label="Original product", zorder=3, **BASE_STYLE)
    if model.waves():
        ax.plot(
            cv.t, cv.total_cumulative, label="With life-extension moves", zorder=4, **TOTAL_STYLE
        )
    ax.axhline(model.m, color="#444444", lw=1.2, ls="--", zorder=2)
    for share in (INTRO_SHARE, DECLINE_SHARE):
        ax.axhline(share * model.m, color="#777777", lw=0.8, ls=":", zorder=2)
    for y, label, va in (
        (model.m, " market size m", "bottom"),
        (INTRO_SHARE * model.m, f" {INTRO_SHARE:.0%}", "center"),
        (DECLINE_SHARE * model.m, f" {DECLINE_SHARE:.0%}", "top"),
    ):
        ax.text(model.horizon, y, label, va=va, ha="left", fontsize=7.5, color="#444444")
    if model.has_growth:
        ax.plot(
            [model.peak_time],
            [model.peak_share * model.m],
            marker="D",
            color="black",
            ms=7,
            ls="none",
            label="Steepest point (the peak)",
            zorder=6,
        )
    top = max(float(cv.total_cumulative.max()), model.m)
    ax.set_ylim(0, top * 1.08)
    _finish(ax, model)


def focus_html(summary: Summary) -> str:
    """The chosen stage: when it runs, what the curve does, and the product manager's focus."""
    stage = summary.chosen
    items = "".join(f"<li>{escape(f)}</li>" for f in stage.focus)
    body = (
        f"<p style='margin:2px 0'><strong>{escape(stage.title)}</strong> "
        f"({escape(summary.stage_span(stage.key))}): {escape(stage.curve)}.</p>"
        f"<p style='margin:2px 0'>The product manager's focus:</p>"
        f"<ul style='margin:2px 0'>{items}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body, CHOSEN_BAND)}</div>"


_CELL = "text-align:left;padding:1px 14px 1px 0"


def summary_html(summary: Summary) -> str:
    """The headline, the stages table and the moves, as HTML."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{'<strong>' if s.key == summary.model.stage else ''}"
        f"{escape(s.title)}{'</strong>' if s.key == summary.model.stage else ''}</td>"
        f"<td style='{_CELL}'>{escape(span)}</td><td style='{_CELL}'>{escape(s.rule)}</td></tr>"
        for s, span in summary.stage_rows()
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(summary.headline)}</strong></p>"
        f"<table style='margin:4px 0'><thead><tr><th style='{_CELL}'>Stage</th>"
        f"<th style='{_CELL}'>When</th><th style='{_CELL}'>Marked as (a convention)</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"<p style='margin:2px 0'>{escape(summary.moves_line)}</p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def numbers(model: LifeCycle, cumulative: bool = False) -> str:
    """A chart's numbers as a table: sales per period (or, ``cumulative``, adopters so far) at
    each whole period (every second one past 30), without and with the moves switched on."""
    import numpy as np

    last = int(model.horizon)
    step = 1 if last <= 30 else 2
    t = np.arange(0, last + 1, step, dtype=float)
    curve = model.cumulative if cumulative else model.rate
    what = f"Cumulative adopters ({UNIT})" if cumulative else f"Sales per {PERIOD} ({UNIT})"
    columns = [curve(t, with_moves=False)]
    header = [PERIOD.capitalize(), what]
    if model.waves():
        columns.append(curve(t))
        header.append("With the moves")
    rows = ((int(year), *(f"{float(c[i]):,.1f}" for c in columns)) for i, year in enumerate(t))
    return numbers_html(f"{what}, market size m = {model.m:,.0f} {UNIT}", header, rows)
