"""Many small bets or one big launch, as a live widget: win rates, ideas, power; two histograms.

The simulation and its assumptions live in ``bets``; this module builds widgets and draws.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import (
    TextFallback,
    html_block,
    quietly,
    safe,
    settings_problem_html,
    titled_markdown,
    titled_plain,
)
from .model import (
    EFFECT_RANGE,
    MAX_IDEAS,
    NEUTRAL,
    PRESETS,
    REFERENCE_GAIN,
    Outcome,
    WinRates,
    custom_rates,
    signed,
    simulate,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE = "Run this cell in JupyterLab to change the win rates, the number of ideas and the power."
CUSTOM = "Your own shares"
LABEL_WIDTH = "13rem"
ASSUMPTIONS = (
    f"Each idea is positive, neutral or negative with the shares above. A positive idea changes "
    f"the key metric by +{EFFECT_RANGE[0]:g}% to +{EFFECT_RANGE[1]:g}%, a negative one by "
    f"-{EFFECT_RANGE[0]:g}% to -{EFFECT_RANGE[1]:g}%, a neutral one by a sliver between "
    f"-{NEUTRAL:g}% and +{NEUTRAL:g}%. Effects simply add up. Each small bet is an A/B test that "
    f"ships the idea only if its measured gain is significant; the test's noise is set so that "
    f"a +{REFERENCE_GAIN:g}% gain is found with the chosen power. The big launch ships every "
    "idea, untested. For Google and Bing the source gives only the positive share (about "
    "10-20%); the model uses 15% and splits the rest equally between neutral and negative. "
    "These numbers are ours, chosen to illustrate; they are not measurements."
)


def bets_png(outcome: Outcome) -> bytes:
    """Overlaid histograms of the total change under each strategy, with their means."""
    import numpy as np

    small, big = outcome.small, outcome.big
    low = float(min(small.min(), big.min(), 0.0))
    high = float(max(small.max(), big.max(), 0.0))
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    edges = np.linspace(low, high, 41)

    def draw(ax: Axes) -> None:
        ax.hist(
            big,
            bins=edges,
            color=PALETTE[1],
            alpha=0.55,
            hatch="..",
            edgecolor="white",
            label="one big launch (untested)",
        )
        ax.hist(
            small,
            bins=edges,
            color=PALETTE[0],
            alpha=0.55,
            hatch="//",
            edgecolor="white",
            label="many small bets (keep winners)",
        )
        ax.axvline(0, color="black", lw=1.2)
        ax.axvline(
            float(small.mean()),
            color=PALETTE[0],
            lw=2.2,
            label=f"small bets mean {signed(float(small.mean()))}",
        )
        ax.axvline(
            float(big.mean()),
            color=PALETTE[5],
            lw=2.2,
            ls="--",
            label=f"big launch mean {signed(float(big.mean()))}",
        )
        ax.set_xlabel("Total change in the key metric (%)")
        ax.set_ylabel(f"Simulated runs (of {outcome.runs:,})")
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.6, 3.4))


def outcome_html(outcome: Outcome) -> str:
    """The summary: settings, headline, a line per strategy and what the failures did."""
    first, headline, *rest = outcome.lines()
    items = "".join(f"<li>{escape(x)}</li>" for x in rest)
    body = (
        f"<p style='margin:2px 0'><small>{escape(first)}</small></p>"
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(headline)}</strong></p>"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
        f"<p style='margin:2px 0'><small>Win rates: {escape(outcome.rates.note)}</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


class SmallBetsView(TextFallback, W.VBox):
    """Compare many small tested bets with one big untested launch."""

    def __init__(
        self, preset: str = "Microsoft overall", ideas: int = 20, power: float = 0.8, seed: int = 1
    ):
        style = {"description_width": LABEL_WIDTH}
        wide = W.Layout(width="32rem", max_width="100%")
        self.preset = W.Dropdown(
            options=[*PRESETS, CUSTOM],
            value=preset,
            description="Win rates",
            tooltip="Whose published win rates to use, or your own shares",
            style=style,
            layout=wide,
        )
        self.positive = W.FloatSlider(
            min=0,
            max=100,
            step=0.5,
            description="Positive ideas (%)",
            readout_format=".1f",
            continuous_update=False,
            style=style,
            layout=wide,
            tooltip="Share of ideas that really improve the key metric",
        )
        self.negative = W.FloatSlider(
            min=0,
            max=100,
            step=0.5,
            description="Negative ideas (%)",
            readout_format=".1f",
            continuous_update=False,
            style=style,
            layout=wide,
            tooltip="Share of ideas that really harm the key metric (the rest are neutral)",
        )
        self.ideas = W.IntSlider(
            value=ideas,
            min=1,
            max=min(50, MAX_IDEAS),
            description="Ideas",
            continuous_update=False,
            style=style,
            layout=wide,
            tooltip="How many ideas the team has to ship this year",
        )
        self.power = W.FloatSlider(
            value=power,
            min=0.5,
            max=0.95,
            step=0.05,
            readout_format=".0%",
            description=f"Test power (+{REFERENCE_GAIN:g}% gain)",
            continuous_update=False,
            style=style,
            layout=wide,
            tooltip=f"The chance that one small test finds a real +{REFERENCE_GAIN:g}% gain",
        )
        self.seed = W.IntText(
            value=seed,
            description="Random seed",
            style=style,
            layout=W.Layout(width="22rem"),
            tooltip="The same seed always gives the same simulated runs",
        )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.outcome: Outcome | None = None
        self._quiet = False
        super().__init__(
            [
                W.HTML(
                    "<h3>Many small bets or one big launch?</h3><div style='line-height:1.4'>"
                    "A team has a number of ideas. <strong>Small bets</strong>: test each one "
                    "and ship only the winners. <strong>Big launch</strong>: ship them all "
                    "together, untested. Each run of the simulation draws which ideas are "
                    "really good, neutral or bad from the win rates you choose.</div>"
                ),
                self.preset,
                self.positive,
                self.negative,
                self.ideas,
                self.power,
                self.seed,
                self.status,
                self.chart,
                self.summary,
                W.HTML(
                    "<details><summary><small>Modelling assumptions</small></summary>"
                    "<div style='line-height:1.4;font-size:0.9em'>"
                    f"{escape(ASSUMPTIONS)}</div></details>"
                ),
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self._show_shares(PRESETS.get(preset))
        self.preset.observe(lambda change: self.choose(change["new"]), names="value")
        for slider in (self.positive, self.negative):
            slider.observe(lambda _change: self.shares_moved(), names="value")
        for control in (self.ideas, self.power, self.seed):
            control.observe(lambda _change: self.redraw(), names="value")
        self.redraw()

    def _show_shares(self, rates: WinRates | None) -> None:
        if rates is None:
            return
        with quietly(self):
            self.positive.value = round(rates.positive * 100, 1)
            self.negative.value = round(rates.negative * 100, 1)

    def rates(self) -> WinRates:
        """The chosen preset, or the sliders' shares."""
        if self.preset.value in PRESETS:
            return PRESETS[self.preset.value]
        return custom_rates(self.positive.value, self.negative.value)

    @safe
    def choose(self, name: str) -> None:
        """A preset sets the two share sliders; 'Your own shares' keeps them as they are."""
        self._show_shares(PRESETS.get(name))
        self.redraw()

    @safe
    def shares_moved(self) -> None:
        """Moving a share slider switches to 'Your own shares'."""
        if self._quiet:
            return
        if self.preset.value != CUSTOM:
            with quietly(self):
                self.preset.value = CUSTOM
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Simulate for the current settings and redraw."""
        if self._quiet:
            return
        try:
            outcome = simulate(
                self.rates(), self.ideas.value, self.power.value, seed=self.seed.value
            )
        except ValueError as exc:
            self.status.value = settings_problem_html(
                str(exc).removeprefix("small bets: "),
                "The chart still shows the last settings that worked.",
            )
            return
        self.outcome = outcome
        self.chart.value = img_html(bets_png(outcome), outcome.alt_text)
        self.summary.value = outcome_html(outcome)
        self.status.value = ""

    def _text_plain(self) -> str:
        body = self.outcome.text if self.outcome else "The simulation could not run."
        return titled_plain("Many small bets or one big launch?", body, NOTE)

    def _text_markdown(self) -> str:
        lines = self.outcome.lines() if self.outcome else ["The simulation could not run."]
        return titled_markdown("Many small bets or one big launch?", lines, NOTE)
