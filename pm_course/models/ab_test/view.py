"""Live widgets for A/B tests: the simulator (power and sample size) and the peeking curve.

The statistics live in ``ab_test``; this module builds widgets and draws. Every chart is a PNG
with alt text stating the same facts, in Okabe-Ito colours with hatches, markers and labels,
so nothing depends on telling colours apart.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import (
    TextFallback,
    html_block,
    safe,
    settings_problem_html,
    titled_markdown,
    titled_plain,
)
from .model import ALPHA, PEEKING_RUNS, Peeking, Simulation, naive_peeking_rate, peeking, simulate

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE_AB = "Run this cell in JupyterLab to change the settings and run new simulated tests."
NOTE_PEEK = "Run this cell in JupyterLab to move the slider."
EXPERIMENT_CHOICES = (500, 1000, 2000, 5000)
BOX = W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0")
LABEL_WIDTH = "11rem"


def problem_html(message: str) -> str:
    """A clear message about a setting that cannot be used (never a traceback)."""
    return settings_problem_html(
        message.removeprefix("A/B test: "), "The charts still show the last settings that worked."
    )


def lines_html(lines: list[str]) -> str:
    """A summary: the first line small, the second (the headline) bold, the rest as a list."""
    first, headline, *rest = lines
    items = "".join(f"<li>{escape(x)}</li>" for x in rest)
    body = (
        f"<p style='margin:2px 0'><small>{escape(first)}</small></p>"
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(headline)}</strong></p>"
        + (f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>" if items else "")
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def seed_box(seed: int) -> W.IntText:
    """The random seed box both simulators share."""
    return W.IntText(
        value=seed,
        description="Random seed",
        style={"description_width": LABEL_WIDTH},
        layout=W.Layout(width="20rem"),
        tooltip="The same seed always gives the same simulated tests",
    )


def side_by_side(*images: str) -> str:
    """Images next to each other when there is room, one under the other when not."""
    cells = "".join(f"<div style='flex:1 1 22rem;min-width:0'>{img}</div>" for img in images)
    return f"<div style='display:flex;flex-wrap:wrap;gap:8px'>{cells}</div>"


# --- the simulator ------------------------------------------------------------------------------


def lifts_png(sim: Simulation) -> bytes:
    """Histogram of observed lifts, significant tests hatched, the true lift and zero marked."""
    edges, sig, non = sim.histogram()
    width = edges[1] - edges[0]
    left = edges[:-1]

    def draw(ax: Axes) -> None:
        ax.bar(
            left,
            non,
            width=width,
            align="edge",
            color="#BBBBBB",
            edgecolor="white",
            label="not significant",
        )
        ax.bar(
            left,
            sig,
            width=width,
            align="edge",
            bottom=non,
            color=PALETTE[0],
            hatch="//",
            edgecolor="white",
            label="significant (p < 0.05)",
        )
        ax.axvline(sim.lift * 100, color="black", lw=2, label=f"true lift {sim.lift * 100:+.1f}")
        ax.axvline(0, color=PALETTE[5], lw=1.5, ls=":", label="no difference")
        ax.set_xlabel("Observed lift (percentage points)")
        ax.set_ylabel("Simulated tests")
        ax.set_title("What each test observed", fontsize=10)
        ax.legend(
            fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2
        )
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(4.6, 3.9))


def p_values_png(sim: Simulation) -> bytes:
    """Histogram of p-values in steps of 0.05; the first bar (p < 0.05) hatched."""
    import numpy as np

    counts, edges = np.histogram(sim.p_values, bins=20, range=(0, 1))

    def draw(ax: Axes) -> None:
        colours = [PALETTE[0]] + ["#BBBBBB"] * 19
        hatches = ["//"] + [""] * 19
        for i in range(20):
            ax.bar(
                edges[i],
                counts[i],
                width=0.05,
                align="edge",
                color=colours[i],
                hatch=hatches[i],
                edgecolor="white",
            )
        ax.axvline(ALPHA, color="black", lw=1.5, ls="--")
        ax.annotate(
            f"p < {ALPHA:g}: {counts[0]:,} tests",
            (ALPHA, counts[0]),
            xytext=(8, -2),
            textcoords="offset points",
            fontsize=8,
            va="top",
        )
        ax.set_xlim(0, 1)
        ax.set_xlabel("p-value (two-proportion z-test)")
        ax.set_ylabel("Simulated tests")
        ax.set_title("How surprising each result was", fontsize=10)
        ax.text(
            0.5,
            -0.2,
            "Blue, hatched: p < 0.05 (significant)\ngrey: not significant",
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=8,
        )
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(4.6, 3.9))


def lifts_alt(sim: Simulation) -> str:
    """The lift chart's facts in words."""
    points = sim.observed * 100
    low, high = float(points.min()), float(points.max())
    return (
        f"Histogram of the observed lift in {sim.experiments:,} simulated tests, from "
        f"{low:+.2f} to {high:+.2f} percentage points, centred on the true lift of "
        f"{sim.lift * 100:+.1f} (a solid line); a dotted line marks no difference. "
        f"Significant tests (blue, hatched) number {sim.significant_count:,} "
        f"({sim.simulated_power:.1%}); the rest are grey."
    )


def p_values_alt(sim: Simulation) -> str:
    """The p-value chart's facts in words."""
    return (
        f"Histogram of the p-values of {sim.experiments:,} simulated tests in bars 0.05 wide. "
        f"The first bar, p below {ALPHA:g} (blue, hatched), holds {sim.significant_count:,} "
        f"tests ({sim.simulated_power:.1%})"
        + (
            "; with no real difference the bars are roughly level."
            if sim.lift == 0
            else "; the more power, the more tests pile up in that bar."
        )
    )


class ABTestView(TextFallback, W.VBox):
    """Set a baseline, a true lift and a test size; see what many simulated tests would show."""

    def __init__(
        self,
        baseline: float = 10.0,
        lift: float = 1.0,
        users: int = 5000,
        experiments: int = 2000,
        seed: int = 1,
    ):
        style = {"description_width": LABEL_WIDTH}
        self.baseline = W.FloatSlider(
            value=baseline,
            min=1,
            max=50,
            step=0.5,
            description="Baseline rate (%)",
            tooltip="The control group's conversion rate, in percent",
            readout_format=".1f",
            continuous_update=False,
            style=style,
            layout=W.Layout(width="30rem", max_width="100%"),
        )
        self.lift = W.FloatSlider(
            value=lift,
            min=-3,
            max=3,
            step=0.1,
            description="True lift (points)",
            tooltip="The real effect of the change, in percentage points (0: no effect)",
            readout_format="+.1f",
            continuous_update=False,
            style=style,
            layout=W.Layout(width="30rem", max_width="100%"),
        )
        self.users = W.IntText(
            value=users,
            description="Users per arm",
            step=100,
            style=style,
            tooltip="How many users see each version (A and B)",
            layout=W.Layout(width="20rem"),
        )
        self.fit_button = W.Button(
            description="Use the size for 80% power",
            icon="calculator",
            tooltip="Set users per arm to what the sample-size formula needs for this lift",
            layout=W.Layout(width="auto"),
        )
        self.experiments = W.Dropdown(
            options=[(f"{n:,}", n) for n in EXPERIMENT_CHOICES],
            value=experiments,
            description="Simulated tests",
            style=style,
            layout=W.Layout(width="20rem"),
        )
        self.seed = seed_box(seed)
        self.charts = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.sim: Simulation | None = None
        self._quiet = False
        super().__init__(
            [
                W.HTML(
                    "<h3>A/B test simulator</h3><div style='line-height:1.4'>Each simulated "
                    "test shows version A to one group of users and version B to another, then "
                    "runs a two-proportion z-test. Change a setting and thousands of tests are "
                    "run again. Sliders move with the arrow keys; type a number in a box and "
                    "press Enter.</div>"
                ),
                self.baseline,
                self.lift,
                W.HBox([self.users, self.fit_button], layout=W.Layout(flex_flow="row wrap")),
                self.experiments,
                self.seed,
                self.status,
                self.charts,
                self.summary,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        for control in (self.baseline, self.lift, self.users, self.experiments, self.seed):
            control.observe(lambda _change: self.redraw(), names="value")
        self.fit_button.on_click(lambda _: self.use_needed_size())
        self.redraw()

    def settings(self) -> dict:
        """The controls as the model's arguments (rates as fractions)."""
        return {
            "baseline": round(self.baseline.value, 4) / 100,
            "lift": round(self.lift.value, 4) / 100,
            "users": self.users.value,
            "experiments": self.experiments.value,
            "seed": self.seed.value,
        }

    @safe
    def redraw(self) -> None:
        """Run the simulated tests for the current settings and redraw."""
        if self._quiet:
            return
        try:
            sim = simulate(**self.settings())
        except ValueError as exc:
            self.status.value = problem_html(str(exc))
            return
        self.sim = sim
        self.charts.value = side_by_side(
            img_html(lifts_png(sim), lifts_alt(sim)), img_html(p_values_png(sim), p_values_alt(sim))
        )
        self.summary.value = lines_html(sim.lines())
        self.status.value = ""
        self.fit_button.disabled = sim.lift == 0

    @safe
    def use_needed_size(self) -> None:
        """Set users per arm to the sample size the formula gives for 80% power."""
        sim = self.sim
        if sim is None or sim.needed is None:
            self.status.value = problem_html(
                "with a true lift of 0 there is nothing to detect, so no size is enough; "
                "set a lift first"
            )
            return
        self.users.value = math.ceil(sim.needed)

    def _text_plain(self) -> str:
        body = self.sim.text if self.sim else "The simulator could not run with these settings."
        return titled_plain("A/B test simulator", body, NOTE_AB)

    def _text_markdown(self) -> str:
        lines = self.sim.lines() if self.sim else ["The simulator could not run."]
        return titled_markdown("A/B test simulator", lines, NOTE_AB)


# --- peeking ------------------------------------------------------------------------------------


def peeking_png(model: Peeking) -> bytes:
    """Simulated false-positive rate and the naive formula against the number of looks."""
    ks = list(range(1, len(model.rates) + 1))
    simulated = [r * 100 for r in model.rates]
    naive = [naive_peeking_rate(k) * 100 for k in ks]

    def draw(ax: Axes) -> None:
        ax.axhline(ALPHA * 100, color="#555555", lw=1, ls=":")
        ax.text(len(ks), ALPHA * 100 + 0.8, "planned 5%", ha="right", va="bottom", fontsize=8)
        ax.plot(
            ks,
            naive,
            color=PALETTE[1],
            ls="--",
            marker="s",
            ms=4,
            label="naive 1 − 0.95$^k$ (assumes independent looks)",
        )
        ax.plot(
            ks,
            simulated,
            color=PALETTE[0],
            marker="o",
            ms=5,
            lw=2,
            label="simulated (looks share data)",
        )
        k = model.looks
        ax.plot([k], [model.rate * 100], marker="o", ms=13, mfc="none", mec="black", mew=2)
        ax.annotate(
            f"{k} look{'s' if k > 1 else ''}: {model.rate:.1%}",
            (k, model.rate * 100),
            xytext=(10, -16),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
        )
        ax.set_xlim(0.5, len(ks) + 0.5)
        ax.set_ylim(0, max(naive) * 1.05)
        ax.set_xticks([x for x in (1, 2, 5, 10, 15, 20) if x <= len(ks)])
        ax.set_xlabel("Number of looks (equally spaced), stopping at the first p < 0.05")
        ax.set_ylabel("False-positive rate (%)")
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.0, 3.6))


class PeekingView(TextFallback, W.VBox):
    """Choose how often to look at an A/A test; see how often it shows a 'significant' result."""

    def __init__(self, looks: int = 5, seed: int = 8):
        style = {"description_width": LABEL_WIDTH}
        self.looks = W.IntSlider(
            value=looks,
            min=1,
            max=20,
            step=1,
            description="Number of looks",
            tooltip="How many times the test is checked, equally spaced, up to its planned size",
            continuous_update=False,
            style=style,
            layout=W.Layout(width="30rem", max_width="100%"),
        )
        self.seed = seed_box(seed)
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.model: Peeking | None = None
        super().__init__(
            [
                W.HTML(
                    "<h3>The peeking problem</h3><div style='line-height:1.4'>"
                    f"{PEEKING_RUNS:,} simulated A/A tests for each number of looks: both groups "
                    "see the same version, so every 'significant' result is a false positive. "
                    "Move the slider (arrow keys work) to choose how many times the test is "
                    "checked.</div>"
                ),
                self.looks,
                self.seed,
                self.status,
                self.chart,
                self.summary,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        self.looks.observe(lambda _change: self.redraw(), names="value")
        self.seed.observe(lambda _change: self.redraw(), names="value")
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Simulate (or reuse) the curve for the seed and redraw for the chosen looks."""
        try:
            model = peeking(self.looks.value, self.seed.value)
        except ValueError as exc:
            self.status.value = problem_html(str(exc))
            return
        self.model = model
        self.chart.value = img_html(peeking_png(model), model.alt_text)
        self.summary.value = lines_html(model.lines())
        self.status.value = ""

    def _text_plain(self) -> str:
        body = self.model.text if self.model else "The simulation could not run."
        return titled_plain("The peeking problem", body, NOTE_PEEK)

    def _text_markdown(self) -> str:
        lines = self.model.lines() if self.model else ["The simulation could not run."]
        return titled_markdown("The peeking problem", lines, NOTE_PEEK)
