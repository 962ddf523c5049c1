"""Many small bets or one big launch, as a live widget: win rates, ideas, power; two histograms.

The simulation and its assumptions live in ``model``, the chart in ``render``; this module
declares the controls. The settings are saved.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.charts import LiveChart
from ...ui.model_view import ModelView, refusing
from ...ui.parts import Titled
from . import render
from .model import (
    CUSTOM,
    EFFECT_RANGE,
    MAX_IDEAS,
    NEUTRAL,
    PRESETS,
    REFERENCE_GAIN,
    Outcome,
    simulate_settings,
)

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


class SmallBetsView(ModelView):
    """Compare many small tested bets with one big untested launch."""

    TITLE = "Many small bets or one big launch?"
    INTRO = (
        "A team has a number of ideas. <strong>Small bets</strong>: test each one and ship only "
        "the winners. <strong>Big launch</strong>: ship them all together, untested. Each run "
        "of the simulation draws which ideas are really good, neutral or bad from the win "
        "rates you choose."
    )
    NOTE = not_running("change the win rates, the number of ideas and the power")
    KEY, SECTION = "small-bets", "03_an_experimental_process"

    def __init__(
        self,
        preset: str = "Microsoft overall",
        ideas: int = 20,
        power: float = 0.8,
        seed: int = 1,
        *,
        store=None,
    ):
        shares = PRESETS[preset].percents if preset in PRESETS else (0.0, 0.0)
        self.start: dict[str, Any] = {
            "preset": preset,
            "positive": shares[0],
            "negative": shares[1],
            "ideas": ideas,
            "power": power,
            "seed": seed,
        }
        self.outcome: Outcome | None = None
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        start = self.start
        self.chart, self.summary = W.HTML(), W.HTML()
        self._chart = LiveChart(render.setup, size=render.SIZE)
        preset = self._wide(
            self.choice(
                "preset",
                "Win rates",
                [*PRESETS, CUSTOM],
                start["preset"],
                tooltip="Whose published win rates to use, or your own shares",
                label_width=LABEL_WIDTH,
            )
        )
        shares = [
            self._share("positive", "Positive ideas (%)", "really improve the key metric"),
            self._share(
                "negative",
                "Negative ideas (%)",
                "really harm the key metric (the rest are neutral)",
            ),
        ]
        # A preset puts its shares on the sliders; moving a slider makes them your own. These
        # run before the redraw, so one change draws once.
        preset.observe(self._preset_chosen, names="value")
        for slider in shares:
            slider.observe(self._share_moved, names="value")
        return [
            preset,
            *shares,
            self._wide(
                self.slider(
                    "ideas",
                    "Ideas",
                    start["ideas"],
                    1,
                    min(50, MAX_IDEAS),
                    tooltip="How many ideas the team has to ship this year",
                    label_width=LABEL_WIDTH,
                )
            ),
            self._wide(
                self.slider(
                    "power",
                    f"Test power (+{REFERENCE_GAIN:g}% gain)",
                    start["power"],
                    0.5,
                    0.95,
                    0.05,
                    readout=".0%",
                    tooltip="The chance that one small test finds a real "
                    f"+{REFERENCE_GAIN:g}% gain",
                    label_width=LABEL_WIDTH,
                )
            ),
            self.add(
                "seed",
                controls.whole(
                    "Random seed",
                    start["seed"],
                    tooltip="The same seed always gives the same simulated runs",
                    width="22rem",
                    label_width=LABEL_WIDTH,
                ),
            ),
            self.status,
            self.chart,
            self.summary,
            W.HTML(
                "<details><summary><small>Modelling assumptions</small></summary>"
                "<div style='line-height:1.4;font-size:0.9em'>"
                f"{escape(ASSUMPTIONS)}</div></details>"
            ),
        ]

    @staticmethod
    def _wide(control: W.Widget) -> W.Widget:
        return controls.sized(control, "32rem")

    def _share(self, name: str, label: str, what: str) -> W.FloatSlider:
        return self._wide(
            self.slider(
                name,
                label,
                self.start[name],
                0.0,
                100.0,
                0.5,
                readout=".1f",
                tooltip=f"Share of ideas that {what}",
                label_width=LABEL_WIDTH,
            )
        )

    def _preset_chosen(self, change: dict) -> None:
        if not self._quiet and change["new"] in PRESETS:
            positive, negative = PRESETS[change["new"]].percents
            self.load({"positive": positive, "negative": negative})

    def _share_moved(self, _change: dict) -> None:
        if not self._quiet:
            self.load({"preset": CUSTOM})

    def update(self, settings: dict) -> None:
        with refusing("small bets: ", "The chart still shows the last settings that worked."):
            self.outcome = simulate_settings(settings)

    def render(self) -> None:
        outcome = self.outcome
        assert outcome is not None
        render.draw(self._chart, outcome)
        self.chart.value = self._chart.html(outcome.alt_text) + render.numbers(outcome)
        self.summary.value = render.outcome_html(outcome)

    def describe(self) -> Titled:
        lines = self.outcome.lines() if self.outcome else ["The simulation could not run."]
        return Titled(self.TITLE, tuple(lines))
