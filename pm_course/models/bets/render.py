"""The small-bets chart and summary, drawn from the pure model for ``view``.

The chart is a :class:`~pm_course.ui.charts.LiveChart`: ``setup`` draws the two histograms
(empty), the lines, the labels and the legend once; ``draw`` moves the bars and lines to an
outcome and writes the means into the legend.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ...ui.charts import PALETTE, LiveChart, numbers_html, text_shape, tick_labels
from ...ui.parts import summary_html
from .model import BINS, RUNS, Outcome, share, signed

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SIZE = (7.6, 3.4)


def setup(ax: Axes) -> dict[str, Any]:
    """Both histograms, the line at no change and a line at each strategy's mean, the labels
    and the legend beside the chart; returns the bars, the mean lines and their legend texts."""
    import numpy as np

    empty, bins = np.zeros(0), [i / BINS for i in range(BINS + 1)]
    big, small = (
        ax.hist(
            empty, bins=bins, color=colour, alpha=0.55, hatch=hatch, edgecolor="white", label=label
        )[2]
        for colour, hatch, label in (
            (PALETTE[1], "..", "one big launch (untested)"),
            (PALETTE[0], "//", "many small bets (keep winners)"),
        )
    )
    ax.axvline(0, color="black", lw=1.2)
    small_mean = ax.axvline(0, color=PALETTE[0], lw=2.2, label="small bets mean +0.0%")
    big_mean = ax.axvline(0, color=PALETTE[5], lw=2.2, ls="--", label="big launch mean +0.0%")
    ax.set_xlabel("Total change in the key metric (%)")
    ax.set_ylabel(f"Simulated runs (of {RUNS:,})")
    legend = ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    texts = {t.get_text().split(" mean")[0]: t for t in legend.get_texts()}
    return {
        "bars": (big, small),
        "means": (small_mean, big_mean),
        "labels": (texts["small bets"], texts["big launch"]),
    }


def draw(chart: LiveChart, outcome: Outcome) -> None:
    """Move the bars to the outcome's histograms and the mean lines to its means."""
    import numpy as np

    edges, big, small = outcome.histograms()
    width = np.diff(edges)
    left = (edges[:-1] + 0.5 * width) - width / 2  # where matplotlib's hist puts each bar
    parts = chart.artists
    for bars, counts in zip(parts["bars"], (big, small), strict=True):
        for bar, x, w, n in zip(bars, left, width, counts, strict=True):
            bar.set_bounds(x, 0, w, n)
    means = [float(outcome.small.mean()), float(outcome.big.mean())]
    names = ("small bets", "big launch")
    for line, label, name, mean in zip(parts["means"], parts["labels"], names, means, strict=True):
        line.set_xdata([mean, mean])
        label.set_text(f"{name} mean {signed(mean)}")
    ax = chart.ax
    top = float(max(big.max(), small.max()))
    # The bars span zero and both means, so the lines never widen the view.
    ax.dataLim.update_from_data_xy([(left[0], 0.0), (left[-1] + width[-1], top)], ignore=True)
    ax.autoscale_view()
    # The room around the axes: the tick labels, and the legend beside the chart, whose
    # width follows its labels' shape (a new mean of as many digits needs no measuring).
    chart.fit(
        (
            tick_labels(ax.xaxis),
            tick_labels(ax.yaxis),
            tuple(text_shape(t.get_text()) for t in parts["labels"]),
        )
    )


def outcome_html(outcome: Outcome) -> str:
    """The summary: settings, headline, a line per strategy, then where the win rates come
    from."""
    note = f"<p style='margin:2px 0'><small>Win rates: {escape(outcome.rates.note)}</small></p>"
    return summary_html(outcome.lines(), extra=note)


def numbers(outcome: Outcome) -> str:
    """The chart's numbers as a table (the same facts as its alt text)."""
    rows = []
    for which, name in (("small", "Many small bets"), ("big", "One big launch")):
        s = outcome.stats(which)
        rows.append(
            (name, signed(s["mean"]), signed(s["p10"]), signed(s["p90"]), share(s["worse"]))
        )
    return numbers_html(
        f"Total change in the key metric over {outcome.runs:,} runs",
        ("Strategy", "Mean", "8 in 10 runs from", "to", "Runs that made it worse"),
        rows,
    )
