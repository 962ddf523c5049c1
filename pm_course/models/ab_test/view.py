"""Live widgets for A/B tests: the simulator (power and sample size) and the peeking curve.

The statistics live in ``model``, the charts in ``render``; this module declares the controls.
Every chart is a PNG with alt text stating the same facts. Both views save their settings.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.charts import LiveChart
from ...ui.model_view import ModelView, problem_html, refusing
from ...ui.parts import Titled, summary_html
from . import render
from .model import PEEKING_RUNS, Peeking, Simulation, peeking, simulate_settings

SECTION = "03_an_experimental_process"
EXPERIMENT_CHOICES = (500, 1000, 2000, 5000)
LABEL_WIDTH = "11rem"
#: What stays shown when a setting cannot be used.
STILL = "The charts still show the last settings that worked."


class _Seeded(ModelView):
    """A simulation with a seed box: the same seed always gives the same simulated tests."""

    def seed_box(self, seed: int) -> W.IntText:
        return self.add(
            "seed",
            controls.whole(
                "Random seed",
                seed,
                tooltip="The same seed always gives the same simulated tests",
                label_width=LABEL_WIDTH,
            ),
        )

    def wide_slider(self, name: str, label: str, value: float, low, high, step, **kw):
        control = self.slider(name, label, value, low, high, step, label_width=LABEL_WIDTH, **kw)
        return controls.sized(control, "30rem")


class ABTestView(_Seeded):
    """Set a baseline, a true lift and a test size; see what many simulated tests would show."""

    TITLE = "A/B test simulator"
    INTRO = (
        "Each simulated test shows version A to one group of users and version B to another, "
        "then runs a two-proportion z-test. Change a setting and thousands of tests are run "
        "again. Sliders move with the arrow keys; type a number in a box and press Enter."
    )
    NOTE = not_running("change the settings and run new simulated tests")
    KEY, SECTION = "ab-test", SECTION

    def __init__(
        self,
        baseline: float = 10.0,
        lift: float = 1.0,
        users: int = 5000,
        experiments: int = 2000,
        seed: int = 1,
        *,
        store=None,
    ):
        self.start: dict[str, Any] = {
            "baseline": baseline,
            "lift": lift,
            "users": users,
            "experiments": experiments,
            "seed": seed,
        }
        self.sim: Simulation | None = None
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        start = self.start
        self.charts, self.summary = W.HTML(), W.HTML()
        # Room for the longest summary (a test big enough, but under 80% power, says why),
        # so moving a slider never makes the page below jump.
        self.summary.layout.min_height = "130px"
        self._lifts = LiveChart(render.setup_lifts, size=render.SIZE)
        self._p_values = LiveChart(render.setup_p_values, size=render.SIZE)
        return [
            self.wide_slider(
                "baseline",
                "Baseline rate (%)",
                start["baseline"],
                1.0,
                50.0,
                0.5,
                readout=".1f",
                tooltip="The control group's conversion rate, in percent",
            ),
            self.wide_slider(
                "lift",
                "True lift (points)",
                start["lift"],
                -3.0,
                3.0,
                0.1,
                readout="+.1f",
                tooltip="The real effect of the change, in percentage points (0: no effect)",
            ),
            self._users_row(start["users"]),
            controls.sized(
                self.choice(
                    "experiments",
                    "Simulated tests",
                    [(f"{n:,}", n) for n in EXPERIMENT_CHOICES],
                    start["experiments"],
                    label_width=LABEL_WIDTH,
                ),
                "20rem",
            ),
            self.seed_box(start["seed"]),
            self.status,
            self.charts,
            self.summary,
        ]

    def _users_row(self, users: int) -> W.Box:
        """The users-per-arm box and the button that fills in the size the formula needs."""
        box = self.add(
            "users",
            controls.whole(
                "Users per arm",
                users,
                step=100,
                tooltip="How many users see each version (A and B)",
                label_width=LABEL_WIDTH,
            ),
        )
        self.fit_button = self.button(
            "Use the size for 80% power",
            self.use_needed_size,
            icon="calculator",
            tooltip="Set users per arm to what the sample-size formula needs for this lift",
        )
        return controls.row(box, self.fit_button)

    def update(self, settings: dict) -> None:
        with refusing("A/B test: ", STILL):
            self.sim = simulate_settings(settings)

    def render(self) -> None:
        sim = self.sim
        assert sim is not None
        render.draw_lifts(self._lifts, sim)
        render.draw_p_values(self._p_values, sim)
        self.charts.value = render.side_by_side(
            self._lifts.html(sim.lifts_alt) + render.lifts_numbers(sim),
            self._p_values.html(sim.p_values_alt) + render.p_values_numbers(sim),
        )
        self.summary.value = summary_html(sim.lines())
        self.fit_button.disabled = sim.lift == 0

    def use_needed_size(self) -> None:
        """Set users per arm to the sample size the formula gives for 80% power."""
        planned = self.sim.planned_users if self.sim else None
        if planned is None:
            self.status.value = problem_html(
                "with a true lift of 0 there is nothing to detect, so no size is enough; "
                "set a lift first",
                STILL,
            )
            return
        self.controls["users"].value = planned

    def describe(self) -> Titled:
        lines = self.sim.lines() if self.sim else ["The simulator could not run."]
        return Titled(self.TITLE, tuple(lines))


class PeekingView(_Seeded):
    """Choose how often to look at an A/A test; see how often it shows a 'significant' result."""

    TITLE = "The peeking problem"
    INTRO = (
        f"{PEEKING_RUNS:,} simulated A/A tests for each number of looks: both groups see the "
        "same version, so every 'significant' result is a false positive. Move the slider "
        "(arrow keys work) to choose how many times the test is checked."
    )
    NOTE = not_running("move the slider")
    KEY, SECTION = "peeking", SECTION
    #: The most looks the slider offers (and the curve shows).
    MOST = 20

    def __init__(self, looks: int = 5, seed: int = 8, *, store=None):
        self.start = {"looks": looks, "seed": seed}
        self.model: Peeking | None = None
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.chart, self.summary = W.HTML(), W.HTML()
        self._chart = LiveChart(
            lambda ax: render.setup_peeking(ax, self.MOST), size=render.PEEKING_SIZE
        )
        return [
            self.wide_slider(
                "looks",
                "Number of looks",
                self.start["looks"],
                1,
                self.MOST,
                1,
                tooltip="How many times the test is checked, equally spaced, up to its "
                "planned size",
            ),
            self.seed_box(self.start["seed"]),
            self.status,
            self.chart,
            self.summary,
        ]

    def update(self, settings: dict) -> None:
        with refusing("A/B test: ", STILL):
            self.model = peeking(settings["looks"], settings["seed"], self.MOST)

    def render(self) -> None:
        model = self.model
        assert model is not None
        render.draw_peeking(self._chart, model)
        self.chart.value = self._chart.html(model.alt_text) + render.peeking_numbers(model)
        self.summary.value = summary_html(model.lines())

    def describe(self) -> Titled:
        lines = self.model.lines() if self.model else ["The simulation could not run."]
        return Titled(self.TITLE, tuple(lines))
