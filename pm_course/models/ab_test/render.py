"""The A/B test charts, drawn from the pure model for ``view``: set up once, updated in place.

Each chart is a :class:`~pm_course.ui.charts.LiveChart`: ``setup_*`` draws every artist once
(empty bars, lines, labels, the legend) and returns the ones that change; ``draw_*`` moves them
to the model's numbers. Okabe-Ito colours with hatches, markers and labels, so nothing depends
on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...ui.charts import PALETTE, Box, LiveChart, numbers_html, place_label, text_shape, tick_labels
from .model import ALPHA, P_BINS, Peeking, Simulation, naive_peeking_rate

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Bars of the observed-lift histogram (``Simulation.histogram``'s default).
LIFT_BINS = 30
SIZE = (4.6, 3.9)
PEEKING_SIZE = (5.2, 3.8)
#: Bars of tests that were not significant: a mid grey, 3:1 on white and, turned over, on
#: a dark theme's background (a light grey vanishes there).
GREY = "#8C8C8C"
#: The p-value chart's count axis reaches this much above its tallest bar: the room at the top
#: where the "p < 0.05: n tests" label sits, above every bar.
HEADROOM = 1.25


def side_by_side(*images: str) -> str:
    """Images next to each other when there is room, one under the other when not."""
    cells = "".join(f"<div style='flex:1 1 22rem;min-width:0'>{img}</div>" for img in images)
    return f"<div style='display:flex;flex-wrap:wrap;gap:8px'>{cells}</div>"


def _rescale(
    chart: LiveChart,
    bars: tuple[float, float, float],
    xs: tuple = (),
    key: Callable[[], object] | None = None,
) -> None:
    """Fit the axes to the bars (from x0 to x1, up to a height), then to each vertical line
    at ``xs`` that falls outside, in turn, as matplotlib does when the lines are drawn after
    the bars; then make room for the labels if they need more (``key``: see ``fit``)."""
    ax = chart.ax
    x0, x1, top = bars
    ax.dataLim.update_from_data_xy([(x0, 0.0), (x1, top)], ignore=True)
    ax.autoscale_view()
    for x in xs:
        low, high = ax.get_xbound()
        ax.dataLim.update_from_data_xy([(x, 0.0)], ignore=False, updatey=False)
        if not low <= x <= high:
            ax.autoscale_view()
    chart.fit(key() if key else None)


# --- the simulator ------------------------------------------------------------------------------


def setup_lifts(ax: Axes) -> dict[str, Any]:
    """The observed-lift histogram's bars (not significant, and significant stacked on them),
    the true lift and zero lines, the labels and the legend."""
    zeros, xs = [0] * LIFT_BINS, list(range(LIFT_BINS))
    non = ax.bar(
        xs,
        zeros,
        width=1,
        align="edge",
        color=GREY,
        edgecolor="white",
        label="not significant",
    )
    sig = ax.bar(
        xs,
        zeros,
        width=1,
        align="edge",
        bottom=zeros,
        color=PALETTE[0],
        hatch="//",
        edgecolor="white",
        label="significant (p < 0.05)",
    )
    true = ax.axvline(0, color="black", lw=2, label="true lift +0.0")
    ax.axvline(0, color=PALETTE[5], lw=1.5, ls=":", label="no difference")
    ax.set_xlabel("Observed lift (percentage points)")
    ax.set_ylabel("Simulated tests")
    ax.set_title("What each test observed", fontsize=10)
    legend = ax.legend(
        fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2
    )
    ax.spines[["top", "right"]].set_visible(False)
    (label,) = [t for t in legend.get_texts() if t.get_text().startswith("true lift")]
    return {"non": non, "sig": sig, "true": true, "label": label}


def draw_lifts(chart: LiveChart, sim: Simulation) -> None:
    """Move the bars to the simulation's histogram and the solid line to its true lift."""
    edges, sig, non = sim.histogram(LIFT_BINS)
    width = float(edges[1] - edges[0])
    parts = chart.artists
    for x, n, s, low, high in zip(edges[:-1], non, sig, parts["non"], parts["sig"], strict=True):
        low.set_bounds(x, 0, width, n)
        high.set_bounds(x, n, width, s)
        high.sticky_edges.y[:] = [n]
    right = float(edges[-2]) + width  # where the last bar ends, as matplotlib works it out
    lift = sim.lift * 100
    parts["true"].set_xdata([lift, lift])
    label = f"true lift {lift:+.1f}"
    parts["label"].set_text(label)
    # The tick labels and the legend's width decide the room around the axes: a new lift
    # alone (same ticks, a label of the same shape) needs no measuring.
    _rescale(
        chart,
        (float(edges[0]), right, float((non + sig).max())),
        (lift, 0.0),
        key=lambda: (tick_labels(chart.ax.xaxis), tick_labels(chart.ax.yaxis), text_shape(label)),
    )


def setup_p_values(ax: Axes) -> dict[str, Any]:
    """The p-value bars (the first, p < 0.05, blue and hatched), the alpha line, the labels."""
    width = 1 / P_BINS
    bars = [
        ax.bar(
            i * width,
            0,
            width=width,
            align="edge",
            color=PALETTE[0] if i == 0 else GREY,
            hatch="//" if i == 0 else "",
            edgecolor="white",
        )[0]
        for i in range(P_BINS)
    ]
    ax.axvline(ALPHA, color="black", lw=1.5, ls="--")
    # At the top of the axes, just right of the 0.05 line: in the headroom, above every bar.
    note = ax.annotate(
        "",
        (ALPHA, 1),
        xycoords=("data", "axes fraction"),
        xytext=(5, -2),
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
    return {"bars": bars, "note": note}


def draw_p_values(chart: LiveChart, sim: Simulation) -> None:
    """Set the bars to the counts and say how many tests were significant."""
    counts = sim.p_value_counts()
    for bar, count in zip(chart.artists["bars"], counts, strict=True):
        bar.set_height(count)
    note = chart.artists["note"]
    note.set_text(f"← p < {ALPHA:g}: {counts[0]:,} tests")
    # Only the count axis's labels change what sits around this chart.
    top = float(counts.max()) * HEADROOM
    _rescale(chart, (0.0, 1.0, top), key=lambda: tick_labels(chart.ax.yaxis))


# --- peeking ------------------------------------------------------------------------------------


def setup_peeking(ax: Axes, looks: int) -> dict[str, Any]:
    """The planned 5%, the naive curve (it never changes), the simulated curve, the circle on
    the chosen number of looks and its label, for curves over 1 to ``looks`` looks."""
    ks = list(range(1, looks + 1))
    naive = [naive_peeking_rate(k) * 100 for k in ks]
    planned = ax.axhline(ALPHA * 100, color="#555555", lw=1, ls=":")
    ax.text(len(ks), ALPHA * 100 + 0.8, "planned 5%", ha="right", va="bottom", fontsize=8)
    (naive_line,) = ax.plot(
        ks,
        naive,
        color=PALETTE[1],
        ls="--",
        marker="s",
        ms=4,
        label="naive 1 − 0.95$^k$ (assumes independent looks)",
    )
    (simulated,) = ax.plot(
        ks, naive, color=PALETTE[0], marker="o", ms=5, lw=2, label="simulated (looks share data)"
    )
    (chosen,) = ax.plot([1], [0], marker="o", ms=13, mfc="none", mec="black", mew=2)
    note = ax.annotate(
        "", (1, 0), xytext=(10, -16), textcoords="offset points", fontsize=9, fontweight="bold"
    )
    ax.set_xlim(0.5, len(ks) + 0.5)
    ax.set_ylim(0, max(naive) * 1.05)
    ax.set_xticks([x for x in (1, 2, 5, 10, 15, 20) if x <= len(ks)])
    ax.set_xlabel("Number of looks (equally spaced), stopping at the first p < 0.05")
    ax.set_ylabel("False-positive rate (%)")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return {
        "simulated": simulated,
        "chosen": chosen,
        "note": note,
        "lines": [planned, naive_line, simulated],
    }


#: Where the peeking chart's "k looks: x%" label may go, in this order: below and to the right
#: of the circle (under the curves), just below it (between the planned 5% and the axis, for
#: one look), above and to the left, right, above, below and to the left.
PEEKING_SPOTS = (
    (10, -16, "left", "top"),
    (10, -5, "left", "top"),
    (-10, 12, "right", "bottom"),
    (14, 0, "left", "center"),
    (0, 14, "center", "bottom"),
    (-10, -16, "right", "top"),
)


def draw_peeking(chart: LiveChart, model: Peeking) -> None:
    """The simulated curve for the seed, and the circle and label on the chosen looks."""
    parts, k, rate = chart.artists, model.looks, model.rate * 100
    parts["simulated"].set_ydata([r * 100 for r in model.rates])
    parts["chosen"].set_data([k], [rate])
    parts["note"].set_text(f"{k} look{'s' if k > 1 else ''}: {model.rate:.1%}")
    parts["note"].xy = (k, rate)
    # Beside the circle, where it covers no curve, no other text and no axis: it never
    # reaches out of the axes, so the layout never needs to make room for it (no ``fit``)
    # and the plot keeps its size for every number of looks.
    chart.settle()
    renderer, ax = chart.renderer(), chart.ax
    others = [t for t in ax.texts if t is not parts["note"]]
    avoid = [*parts["lines"], *(Box.of(t.get_window_extent(renderer)) for t in others)]
    avoid += [Box.of(legend.get_window_extent(renderer)) for legend in [ax.get_legend()] if legend]
    avoid.append(Box.of(parts["chosen"].get_window_extent(renderer)))
    place_label(chart, parts["note"], PEEKING_SPOTS, avoid)


def lifts_numbers(sim: Simulation) -> str:
    """The lift histogram's numbers as a table (its bars, counted as the alt text counts)."""
    edges, significant, other = sim.histogram()
    return numbers_html(
        f"Observed lift in {sim.experiments:,} simulated tests (true lift "
        f"{sim.lift * 100:+.1f} points; {sim.significant_count:,} significant)",
        ("Observed lift from (points)", "to", "Significant tests", "Other tests"),
        (
            (f"{lo:+.2f}", f"{hi:+.2f}", int(s), int(o))
            for lo, hi, s, o in zip(edges[:-1], edges[1:], significant, other, strict=True)
        ),
    )


def p_values_numbers(sim: Simulation) -> str:
    """The p-value histogram's numbers as a table."""
    counts = sim.p_value_counts()
    step = 1 / P_BINS
    return numbers_html(
        f"p-values of {sim.experiments:,} simulated tests ({sim.significant_count:,} below "
        f"{ALPHA:g})",
        ("p-value from", "to", "Tests"),
        ((f"{i * step:.2f}", f"{(i + 1) * step:.2f}", int(n)) for i, n in enumerate(counts)),
    )


def peeking_numbers(model: Peeking) -> str:
    """The peeking chart's numbers as a table: each number of looks, simulated and naive."""
    return numbers_html(
        "False-positive rate by the number of looks (planned: 5%)",
        ("Looks", "Simulated", "Naive formula 1 - 0.95^k"),
        (
            (k, f"{rate:.1%}", f"{naive_peeking_rate(k):.1%}")
            for k, rate in enumerate(model.rates, 1)
        ),
    )
