"""The product life cycle as a live widget: Bass sliders, two charts, stages and Levitt's moves.

Sliders set the innovation coefficient p, the imitation coefficient q and the market size m;
buttons pick a stage, whose product-manager focus is shown; check boxes switch on Levitt's
life-extension moves. Both charts (PNGs whose alt text states the same facts) and the written
summary are redrawn at once. The model lives in ``life_cycle``; this module only builds
widgets and draws.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import DescribedText, html_block, quietly, safe
from .model import (
    DECLINE_SHARE,
    GAP_MAX,
    GAP_MIN,
    INTRO_SHARE,
    LIFE_SHARE,
    M_MAX,
    M_MIN,
    M_STEP,
    MOVES,
    P_MAX,
    P_MIN,
    P_STEP,
    PERIOD,
    Q_MAX,
    Q_MIN,
    Q_STEP,
    STAGES,
    START_MAX,
    START_MIN,
    UNIT,
    LifeCycle,
    Summary,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE = "Run this cell in JupyterLab to move the sliders, pick a stage and switch moves on."

BASE_STYLE = {"color": PALETTE[0], "lw": 2.2, "ls": "-"}
TOTAL_STYLE = {"color": PALETTE[5], "lw": 2.2, "ls": "--"}
#: Background of the stages: plain greys, the chosen one in sky blue with hatching.
BAND_GREYS = ("#f4f4f4", "#e8e8e8")
CHOSEN_BAND = PALETTE[4]


def _bands(ax: Axes, model: LifeCycle, labels: bool) -> None:
    """Shade each stage (the chosen one blue and hatched) and, if asked, name it at the top."""
    horizon = model.horizon
    for i, (key, (start, end)) in enumerate(model.bounds().items()):
        end = min(end, horizon)
        if end - start <= 1e-9 or start >= horizon:
            continue
        chosen = key == model.stage
        ax.axvspan(
            start,
            end,
            facecolor=CHOSEN_BAND if chosen else BAND_GREYS[i % 2],
            alpha=0.35 if chosen else 1.0,
            hatch="//" if chosen else None,
            edgecolor="#56B4E9" if chosen else "none",
            lw=0,
            zorder=0,
        )
        if start > 0:
            ax.axvline(start, color="#777777", lw=0.8, ls=(0, (4, 3)), zorder=1)
        if labels:
            narrow = (end - start) / horizon < 0.13
            ax.text(
                (start + end) / 2,
                0.97,
                STAGES[key].title,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                rotation=90 if narrow else 0,
                fontsize=8.5,
                fontweight="bold" if chosen else "normal",
                color="#222222",
                zorder=5,
            )


#: Fixed margins in inches, so both charts share the same plotting width and their time axes
#: line up one above the other; the legend sits under the axis.
MARGINS = {"left": 0.95, "right": 1.0, "top": 0.12, "bottom": 0.85}
WIDTH = 8.0


def _finish(ax: Axes, model: LifeCycle, ylabel: str) -> None:
    """Axis labels, a legend under the chart and the fixed margins."""
    fig = ax.figure
    fig.set_layout_engine("none")
    width, height = fig.get_size_inches()
    left, bottom = MARGINS["left"] / width, MARGINS["bottom"] / height
    right, top = 1 - MARGINS["right"] / width, 1 - MARGINS["top"] / height
    ax.set_position([left, bottom, right - left, top - bottom])
    ax.set_xlim(0, model.horizon)
    ax.set_xlabel(f"{PERIOD.capitalize()}s since launch")
    ax.set_ylabel(ylabel)
    handles, _ = ax.get_legend_handles_labels()
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 0.02),
        bbox_transform=fig.transFigure,
        ncols=max(1, len(handles)),
        columnspacing=1.5,
        frameon=False,
        fontsize=8.5,
    )
    ax.spines[["top", "right"]].set_visible(False)


def rate_png(model: LifeCycle) -> bytes:
    """Sales per year: the original wave, the total with moves, the stages and the peak."""
    cv = model.curves()
    waves = model.waves()

    def draw(ax: Axes) -> None:
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
            label=f"Peak: {PERIOD} {model.peak_time:.1f}"
            if model.has_growth
            else "Highest: at launch",
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
        _finish(ax, model, f"Sales per {PERIOD}\n({UNIT})")

    return figure_png(draw, size=(WIDTH, 3.9))


def cumulative_png(model: LifeCycle) -> bytes:
    """Cumulative adopters: the S-curve, the market size and the 10% / 90% lines."""
    cv = model.curves()

    def draw(ax: Axes) -> None:
        _bands(ax, model, labels=False)
        ax.plot(cv.t, cv.base_cumulative, label="Original product", zorder=3, **BASE_STYLE)
        if model.waves():
            ax.plot(
                cv.t,
                cv.total_cumulative,
                label="With life-extension moves",
                zorder=4,
                **TOTAL_STYLE,
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
        _finish(ax, model, f"Cumulative sales\n({UNIT})")

    return figure_png(draw, size=(WIDTH, 3.1))


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


class LifeCycleView(DescribedText, W.VBox):
    """Bass sliders, a stage picker and Levitt's moves; two charts and a summary follow."""

    NOTE = NOTE

    def __init__(self, stage: str = "introduction", moves: tuple[str, ...] = ()):
        """``stage`` is the stage shown first; ``moves`` names moves switched on at the start
        (``"frequent"``, ``"varied"``, ``"new_users"``, ``"new_uses"``)."""
        self.model = LifeCycle(stage=stage, moves=moves)
        self._start = self.model
        self._quiet = False
        wide = {"description_width": "9rem"}
        row = W.Layout(width="24rem", max_width="100%")
        self.p = W.FloatSlider(
            value=self.model.p,
            min=P_MIN,
            max=P_MAX,
            step=P_STEP,
            readout_format=".3f",
            description="Innovation p",
            tooltip="Coefficient of innovation p: people who adopt on their own",
            continuous_update=False,
            style=wide,
            layout=row,
        )
        self.q = W.FloatSlider(
            value=self.model.q,
            min=Q_MIN,
            max=Q_MAX,
            step=Q_STEP,
            readout_format=".2f",
            description="Imitation q",
            tooltip="Coefficient of imitation q: people who adopt because others have",
            continuous_update=False,
            style=wide,
            layout=row,
        )
        self.m = W.IntSlider(
            value=round(self.model.m),
            min=M_MIN,
            max=M_MAX,
            step=M_STEP,
            description=f"Market m ({UNIT})",
            tooltip=f"Market size m: the people who will adopt in the end, in {UNIT}s",
            continuous_update=False,
            style=wide,
            layout=row,
        )
        self.stage = W.ToggleButtons(
            options=[(s.title, s.key) for s in STAGES.values()],
            value=self.model.stage,
            description="Stage",
            tooltips=[f"{s.title}: {s.rule}" for s in STAGES.values()],
            style={"description_width": "3.5rem", "button_width": "7.5rem"},
        )
        self.moves = {
            key: W.Checkbox(
                value=key in self.model.moves,
                description=f"{mv.title} ({mv.among})",
                tooltip=f"Levitt: {mv.levitt}. Modelled as {mv.rule}.",
                indent=False,
                layout=W.Layout(width="auto"),
            )
            for key, mv in MOVES.items()
        }
        self.first_move = W.IntSlider(
            value=round(self.model.first_move),
            min=START_MIN,
            max=START_MAX,
            description=f"First move in {PERIOD}",
            tooltip="The year the first move you switch on starts",
            continuous_update=False,
            style=wide,
            layout=row,
        )
        self.move_gap = W.IntSlider(
            value=round(self.model.move_gap),
            min=GAP_MIN,
            max=GAP_MAX,
            description=f"{PERIOD.capitalize()}s between moves",
            tooltip="Each further move starts this many years after the one before",
            continuous_update=False,
            style=wide,
            layout=row,
        )
        self.reset_button = W.Button(
            description="Reset to the starting values",
            icon="undo",
            tooltip="Put every slider, the stage and the moves back as they started",
            layout=W.Layout(width="auto"),
        )
        self.rate_chart = W.HTML()
        self.cumulative_chart = W.HTML()
        self.focus = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        moves_rules = "".join(
            f"<li><strong>{escape(mv.title)}</strong>: {escape(mv.rule)}</li>"
            for mv in MOVES.values()
        )
        bass_box = W.VBox(
            [
                W.HTML("<strong>The Bass model</strong>"),
                self.p,
                self.q,
                self.m,
                W.HBox([self.reset_button]),
            ],
            layout=W.Layout(min_width="0"),
        )
        moves_box = W.VBox(
            [
                W.HTML("<strong>Levitt's life-extension moves</strong> (illustrative)"),
                *self.moves.values(),
                self.first_move,
                self.move_gap,
            ],
            layout=W.Layout(min_width="0"),
        )
        controls = W.GridBox(
            [bass_box, moves_box],
            layout=W.Layout(
                grid_template_columns="repeat(auto-fill, minmax(25rem, 1fr))", grid_gap="4px 24px"
            ),
        )
        super().__init__(
            [
                W.HTML(
                    "<h3>Product life cycle</h3><div style='line-height:1.4'>Move the sliders to "
                    "change how people adopt the product (with the keyboard: Tab to a slider, "
                    "then the arrow keys). Pick a stage to see the product manager's focus in "
                    "it, and switch on life-extension moves to see the curve extend.</div>"
                ),
                controls,
                self.rate_chart,
                self.cumulative_chart,
                self.stage,
                self.focus,
                self.summary,
                W.HTML(
                    "<details><summary>How the moves are modelled</summary>"
                    "<div style='line-height:1.4'>Each move you switch on adds a new wave of "
                    "sales shaped like the original one (same p and q), starting in its year; "
                    "moves start in the order listed, the first in the year you choose and each "
                    f"further one the chosen number of {PERIOD}s later. Each wave starts with a "
                    "small step up, because in the Bass model some people (a share p) respond at "
                    "once. Sizes:<ul>"
                    f"{moves_rules}</ul>These sizes are made up to illustrate the idea; they "
                    "are not measurements.</div></details>"
                ),
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        for name in ("p", "q", "m", "first_move", "move_gap"):
            getattr(self, name).observe(self._observer(name), names="value")
        self.stage.observe(self._observer("stage"), names="value")
        for key, box in self.moves.items():
            box.observe(lambda change, key=key: self.switch(key, change["new"]), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.redraw()

    def _observer(self, name: str):
        return lambda change: self.set(**{name: change["new"]})

    @safe
    def set(self, **changes) -> None:
        """Change settings of the model (p, q, m, stage, first_move, move_gap) and redraw."""
        self.model = self.model.with_(**changes)
        if not self._quiet:
            self.redraw()

    @safe
    def switch(self, key: str, on: bool) -> None:
        """Switch one of Levitt's moves on or off and redraw."""
        moves = [k for k in self.model.moves if k != key] + ([key] if on else [])
        self.set(moves=tuple(moves))

    @safe
    def reset(self) -> None:
        """Put every control back to its starting value and redraw once."""
        start = self._start
        with quietly(self):
            self.p.value, self.q.value, self.m.value = start.p, start.q, round(start.m)
            self.stage.value = start.stage
            for key, box in self.moves.items():
                box.value = key in start.moves
            self.first_move.value = round(start.first_move)
            self.move_gap.value = round(start.move_gap)
        self.model = start
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw both charts and write the focus and the summary for the current settings."""
        summary = self.model.summary()
        self.rate_chart.value = img_html(rate_png(self.model), summary.rate_alt)
        self.cumulative_chart.value = img_html(cumulative_png(self.model), summary.cumulative_alt)
        self.focus.value = focus_html(summary)
        self.summary.value = summary_html(summary)
        self.status.value = ""

    def _described(self):
        return self.model.summary()
