"""The product life cycle as a live widget: Bass sliders, two charts, stages and Levitt's moves.

Sliders set the innovation coefficient p, the imitation coefficient q and the market size m;
buttons pick a stage, whose product-manager focus is shown; tick boxes switch on Levitt's
life-extension moves. Both charts (PNGs whose alt text states the same facts) and the written
summary follow at once, and the settings are saved. The model lives in ``model``, the drawing
in ``render``; this module only declares the controls.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.charts import LiveChart
from ...ui.model_view import ModelView, refusing
from . import render
from .model import (
    GAP_MAX,
    GAP_MIN,
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

#: Controls' labels are this wide, so the two columns line up.
LABEL = "9rem"

MODELLED = (
    "<details><summary>How the moves are modelled</summary>"
    "<div style='line-height:1.4'>Each move you switch on adds a new wave of "
    "sales shaped like the original one (same p and q), starting in its year; "
    "moves start in the order listed, the first in the year you choose and each "
    f"further one the chosen number of {PERIOD}s later. Each wave starts with a "
    "small step up, because in the Bass model some people (a share p) respond at "
    "once. Sizes:<ul>"
    + "".join(
        f"<li><strong>{escape(mv.title)}</strong>: {escape(mv.rule)}</li>" for mv in MOVES.values()
    )
    + "</ul>These sizes are made up to illustrate the idea; they are not measurements.</div>"
    "</details>"
)


class LifeCycleView(ModelView):
    """Bass sliders, a stage picker and Levitt's moves; two charts and a summary follow."""

    TITLE = "Product life cycle"
    INTRO = (
        "Move the sliders to change how people adopt the product (with the keyboard: Tab to a "
        "slider, then the arrow keys). Pick a stage to see the product manager's focus in it, "
        "and switch on life-extension moves to see the curve extend."
    )
    NOTE = not_running("move the sliders, pick a stage and switch moves on")
    KEY = "life-cycle"
    SECTION = "02_product_life_cycle"

    def __init__(
        self, stage: str = "introduction", moves: tuple[str, ...] = (), *, store=None
    ) -> None:
        """``stage`` is the stage shown first; ``moves`` names moves switched on at the start
        (``"frequent"``, ``"varied"``, ``"new_users"``, ``"new_uses"``)."""
        self.start = LifeCycle(stage=stage, moves=moves)
        self.model = self.start
        self.note_key = cell_key(self.start)
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        start = self.start.settings()
        self.rate_chart, self.cumulative_chart = W.HTML(), W.HTML()
        self.focus, self.summary = W.HTML(), W.HTML()
        self._rate = LiveChart(render.setup_rate, size=render.RATE_SIZE)
        self._cumulative = LiveChart(render.setup_cumulative, size=render.CUMULATIVE_SIZE)
        self.reset_button = self.button(
            "Reset to the starting values",
            lambda: self.put(start),
            icon="undo",
            tooltip="Put every slider, the stage and the moves back as they started",
        )
        bass = [
            W.HTML("<strong>The Bass model</strong>"),
            self._slider(
                "p",
                "Innovation p",
                start,
                P_MIN,
                P_MAX,
                P_STEP,
                readout=".3f",
                tooltip="Coefficient of innovation p: people who adopt on their own",
            ),
            self._slider(
                "q",
                "Imitation q",
                start,
                Q_MIN,
                Q_MAX,
                Q_STEP,
                readout=".2f",
                tooltip="Coefficient of imitation q: people who adopt because others have",
            ),
            self._slider(
                "m",
                f"Market m ({UNIT})",
                start,
                M_MIN,
                M_MAX,
                M_STEP,
                tooltip=f"Market size m: the people who will adopt in the end, in {UNIT}s",
            ),
            W.HBox([self.reset_button]),
        ]
        moves = [
            W.HTML("<strong>Levitt's life-extension moves</strong> (illustrative)"),
            *(
                self.tick(
                    f"move:{key}",
                    f"{mv.title} ({mv.among})",
                    start[f"move:{key}"],
                    tooltip=f"Levitt: {mv.levitt}. Modelled as {mv.rule}.",
                )
                for key, mv in MOVES.items()
            ),
            self._slider(
                "first_move",
                f"First move in {PERIOD}",
                start,
                START_MIN,
                START_MAX,
                tooltip="The year the first move you switch on starts",
            ),
            self._slider(
                "move_gap",
                f"{PERIOD.capitalize()}s between moves",
                start,
                GAP_MIN,
                GAP_MAX,
                tooltip="Each further move starts this many years after the one before",
            ),
        ]
        stage = self.toggles(
            "stage",
            "Stage",
            [(s.title, s.key) for s in STAGES.values()],
            start["stage"],
            tooltips=[f"{s.title}: {s.rule}" for s in STAGES.values()],
            label_width="3.5rem",
        )
        stage.style.button_width = "7.5rem"
        columns = [W.VBox(column, layout=W.Layout(min_width="0")) for column in (bass, moves)]
        return [
            controls.grid(columns, min_width="25rem"),
            self.rate_chart,
            self.cumulative_chart,
            stage,
            self.focus,
            self.summary,
            W.HTML(MODELLED),
        ]

    def _slider(self, name: str, label: str, start: dict, low, high, step=1, **kw):
        control = self.slider(name, label, start[name], low, high, step, label_width=LABEL, **kw)
        return controls.sized(control, "24rem")

    # Each way of calling the view keeps its own settings, so two cells showing the model (the
    # notebook's second starts at maturity) never overwrite each other.

    def restore(self) -> list[str]:
        saved = self.store.note(self.note_key)
        return self.load(saved) if isinstance(saved, dict) else []

    def save(self) -> bool:
        return self.store.save_note(self.SECTION, self.note_key, self.settings)

    def update(self, settings: dict) -> None:
        with refusing():
            self.model = LifeCycle.from_settings(settings)

    def render(self) -> None:
        model, summary = self.model, self.model.summary()
        self._rate.redraw(lambda ax: render.draw_rate(ax, model))
        self._cumulative.redraw(lambda ax: render.draw_cumulative(ax, model))
        self.rate_chart.value = self._rate.html(summary.rate_alt) + render.numbers(model)
        self.cumulative_chart.value = self._cumulative.html(summary.cumulative_alt) + (
            render.numbers(model, cumulative=True)
        )
        self.focus.value = render.focus_html(summary)
        self.summary.value = render.summary_html(summary)

    def describe(self) -> Summary:
        return self.model.summary()


def cell_key(start: LifeCycle) -> str:
    """The note a view's settings are saved under: ``KEY`` when it starts as the default, else
    one that names the stage and moves it starts with ("life-cycle-maturity")."""
    if start.stage == "introduction" and not start.moves:
        return LifeCycleView.KEY
    return "-".join([LifeCycleView.KEY, start.stage, *start.moves])
