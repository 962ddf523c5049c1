"""Drawing for the Conway views: the two graphs side by side (simulator and inverse manoeuvre),
the compiler phases (each a :class:`~pm_course.ui.charts.LiveChart`: what stays is drawn once,
what changes is drawn again on the same figure), the Vista bars, and the HTML summaries.

Which boxes and lines a graph has comes from ``model`` (:class:`~.model.Graph`); this module
only draws.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from ...ui.charts import PALETTE, LiveChart, figure_png, numbers_html
from ...ui.parts import html_block, ink
from .model import (
    JOURNEYS,
    LAYERS,
    MAX_PEOPLE,
    VISTA,
    VISTA_READING,
    VISTA_SOURCE,
    Architecture,
    Comparison,
    CompilerPlan,
    Graph,
    ellipse,
    vista_headline,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GREY = "#999999"
VERMILLION = "#D55E00"

#: edge kind -> (colour, line style, width, legend label)
EDGES = {
    "talks": ("#555555", "-", 2.0, "teams talk"),
    "agreed": ("#000000", "-", 2.6, "agreed interface (teams talk)"),
    "unplanned": (VERMILLION, "--", 2.6, "unplanned dependency (teams do not talk)"),
    "target": ("#000000", "-", 2.6, "dependency"),
}


def _colour(index: int | None) -> str:
    """A team's colour by its position (None: grey)."""
    return GREY if index is None else PALETTE[index % len(PALETTE)]


def _tint(colour: str, keep: float = 0.25) -> tuple[float, float, float]:
    """``colour`` ("#rrggbb") mixed with white (``keep`` of the colour), for a light box."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - keep + keep * r, 1 - keep + keep * g, 1 - keep + keep * b)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# --- two graphs side by side --------------------------------------------------------------------


def _draw_graph(ax: Axes, cx: float, graph: Graph, label_unplanned: bool = False) -> None:
    """One graph on an ellipse around (cx, 0). Unplanned edges carry the word "unplanned" as
    well as their dashes and colour if ``label_unplanned``."""
    where = ellipse(len(graph.nodes), cx, 1.05)
    for i, j, kind in graph.edges:
        colour, ls, lw, _ = EDGES[kind]
        (x0, y0), (x1, y1) = where[i], where[j]
        ax.plot([x0, x1], [y0, y1], color=colour, ls=ls, lw=lw, zorder=1, solid_capstyle="round")
        if label_unplanned and kind == "unplanned":
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                "unplanned",
                ha="center",
                va="center",
                fontsize=9,
                color=colour,
                style="italic",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                zorder=2,
            )
    for node, (x, y) in zip(graph.nodes, where, strict=True):
        if node is None:
            continue
        label, index = node
        colour = _colour(index)
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=10,
            linespacing=1.15,
            bbox={
                "boxstyle": "round,pad=0.45",
                "facecolor": _tint(colour),
                "edgecolor": colour,
                "linewidth": 2,
            },
            zorder=3,
        )


def _two_graphs_frame(titles: tuple[str, str], legend: list[str]) -> Callable[[Axes], None]:
    """The setup of a two-graph chart: the titles, the arrow between them, the divider and a
    legend of the line kinds in ``legend``."""

    def setup(ax: Axes) -> None:
        for cx, title in zip((-1.5, 1.5), titles, strict=True):
            ax.text(cx, 1.12, title, ha="center", va="bottom", fontsize=11, fontweight="bold")
        ax.annotate(
            "",
            xy=(0.25, 1.18),
            xytext=(-0.25, 1.18),
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1.5},
        )
        ax.axvline(0, ymin=0.02, ymax=0.86, color="#dddddd", lw=1)
        handles = [
            ax.plot([], [], color=EDGES[k][0], ls=EDGES[k][1], lw=EDGES[k][2])[0] for k in legend
        ]
        ax.legend(
            handles,
            [EDGES[k][3] for k in legend],
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=len(legend),
            frameon=False,
            fontsize=10,
            handlelength=3,
        )
        ax.set_xlim(-3.0, 3.0)
        ax.set_ylim(-1.05, 1.28)
        ax.set_aspect("equal")
        ax.set_axis_off()

    return setup


def simulator_chart() -> LiveChart:
    """The organisation beside the architecture it produces."""
    frame = _two_graphs_frame(
        ("Organisation: who talks to whom", "Architecture it produces"),
        ["talks", "agreed", "unplanned"],
    )
    return LiveChart(frame, size=(8.8, 4.0))


def inverse_chart() -> LiveChart:
    """The target architecture beside the one the learner's teams would produce."""
    frame = _two_graphs_frame(("Target architecture", "What your teams would build"), ["target"])
    return LiveChart(frame, size=(8.8, 4.0))


def draw_graphs(chart: LiveChart, left: Graph, right: Graph, label_unplanned: bool = False):
    """Draw the two graphs again (the frame stays)."""

    def draw(ax: Axes) -> None:
        _draw_graph(ax, -1.5, left)
        _draw_graph(ax, 1.5, right, label_unplanned)

    chart.redraw(draw)


def draw_simulator(chart: LiveChart, arch: Architecture) -> None:
    """The organisation and the architecture it produces."""
    draw_graphs(chart, arch.organisation_graph(), arch.module_graph(), label_unplanned=True)


def draw_inverse(chart: LiveChart, comparison: Comparison) -> None:
    """The target and what the teams would build."""
    draw_graphs(chart, comparison.target_graph(), comparison.produced_graph())


# --- the compilers ------------------------------------------------------------------------------

#: language -> (colour, hatch)
LANGUAGE_STYLES = {"COBOL": (PALETTE[0], ""), "ALGOL": (PALETTE[1], "//")}


def setup_compilers(ax: Axes) -> dict:
    """What stays on the compilers chart: its extent and the axis words. Returns the width of
    the row labels the layout was made for (none yet)."""
    ax.set_xlim(0, MAX_PEOPLE + 2)
    ax.set_ylim(-0.6, len(LANGUAGE_STYLES) - 0.4)
    ax.set_xticks([])
    ax.set_xlabel("Compiler phases, run one after another (toy rule: one per person)")
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return {"widest": None}


def compilers_chart() -> LiveChart:
    """One row per language, one box per predicted phase."""
    return LiveChart(setup_compilers, size=(7.5, 2.4))


def draw_compilers(chart: LiveChart, plan: CompilerPlan) -> None:
    """One box per phase in each language's row, numbered, and the count at the end."""
    rows = list(plan.people)
    ticks = [f"{lang}\n{_plural(n, 'person', 'people')}" for lang, n in reversed(rows)]
    widest = max(len(line) for tick in ticks for line in tick.split("\n"))
    if widest != chart.artists["widest"]:
        if chart.artists["widest"] is not None:
            chart.relayout()  # the row labels changed width: make room again
        chart.artists["widest"] = widest
    chart.ax.set_yticks(range(len(rows)), ticks)

    def draw(ax: Axes) -> None:
        for row, (language, n) in enumerate(rows):
            y = len(rows) - 1 - row
            colour, hatch = LANGUAGE_STYLES[language]
            if n:
                ax.barh(
                    [y] * n,
                    [0.9] * n,
                    height=0.64,
                    left=[i + 0.05 for i in range(n)],
                    color=_tint(colour, 0.45),
                    edgecolor=colour,
                    hatch=hatch,
                    lw=1.5,
                )
            for i in range(n):
                ax.text(
                    i + 0.5,
                    y,
                    str(i + 1),
                    ha="center",
                    va="center",
                    fontsize=10,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
                )
            label = _plural(n, "phase") if n else "no compiler"
            ax.text(max(n, 0) + 0.2, y, label, va="center", fontsize=10)

    chart.redraw(draw)


# --- the Vista study ----------------------------------------------------------------------------


def vista_png() -> bytes:
    """Grouped bars of precision and recall by predictor, with the values written on them."""

    def draw(ax: Axes) -> None:
        x = range(len(VISTA))
        width = 0.38
        for offset, key, colour, hatch, label in (
            (-width / 2, "precision", PALETTE[0], "", "Precision"),
            (width / 2, "recall", PALETTE[1], "//", "Recall"),
        ):
            values = [getattr(p, key) for p in VISTA]
            ax.bar(
                [i + offset for i in x],
                values,
                width=width,
                color=colour,
                hatch=hatch,
                edgecolor="white" if hatch else colour,
                label=label,
            )
            for i, v in zip(x, values, strict=True):
                ax.text(i + offset, v + 1.2, f"{v:.1f}", ha="center", va="bottom", fontsize=8.5)
        ax.set_xticks(list(x), [p.name.replace(" ", "\n", 1) for p in VISTA])
        ax.set_ylim(0, 100)
        ax.set_ylabel("percent")
        ax.legend(loc="upper right", bbox_to_anchor=(1.0, 1.12), ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.5, 3.6))


# --- HTML ---------------------------------------------------------------------------------------

_CELL = "text-align:left;padding:1px 12px 1px 0;vertical-align:top"


def _list(items: list[str]) -> str:
    return "<ul style='margin:2px 0'>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _block(body: str) -> str:
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def _headline(text: str) -> str:
    return (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>{escape(text)}"
        "</strong></p>"
    )


def simulator_html(arch: Architecture) -> str:
    """The simulator's state in words: headline, score, modules, dependencies, readings."""
    colour = {t: _colour(i) for i, t in enumerate(arch.organisation.teams)}
    modules = "".join(
        f"<tr><td style='{_CELL}'><span aria-hidden='true' style='color:{ink(colour[m.team])}'>■"
        f"</span> <strong>{escape(m.team)}</strong></td>"
        f"<td style='{_CELL}'>{escape(', '.join(m.parts))}</td>"
        f"<td style='{_CELL}'>{_plural(m.couplings, 'internal coupling')}</td></tr>"
        for m in arch.modules
    )
    idle = "".join(
        f"<tr><td style='{_CELL}'>{escape(t)}</td><td style='{_CELL}' colspan='2'>"
        "builds nothing, so produces no module</td></tr>"
        for t in arch.idle_teams
    )
    deps = [
        ("✓ " if d.agreed else "✗ ")
        + f"{d.a} – {d.b}: {d.kind} ("
        + "; ".join(f"{x} uses {y}" for x, y in d.needs)
        + ")"
        for d in arch.dependencies
    ] or ["No dependencies between modules."]
    return _block(
        f"{_headline(arch.headline)}"
        f"<p style='margin:2px 0'>{escape(arch.score_text)}.</p>"
        f"<table><thead><tr><th style='{_CELL}'>Module (team)</th><th style='{_CELL}'>Parts</th>"
        f"<th style='{_CELL}'>Coupling inside</th></tr></thead><tbody>{modules}{idle}</tbody>"
        f"</table><p style='margin:4px 0 0'><strong>Dependencies between modules</strong></p>"
        f"{_list(deps)}<p style='margin:4px 0 0'><strong>What a product manager would notice"
        f"</strong></p>{_list(arch.readings())}"
    )


def inverse_html(comparison: Comparison) -> str:
    """The comparison in words: headline, who builds each part (with moves) and advice."""
    moves = {m.part: m for m in comparison.moves}
    head = "".join(f"<th style='{_CELL}'>{layer.capitalize()}</th>" for layer in LAYERS)
    rows = []
    for j in JOURNEYS:
        cells = []
        for layer in LAYERS:
            part = f"{j} {layer}"
            team = comparison.assignment[part]
            mark = f"✗ move to {escape(moves[part].to_team)}" if part in moves else "✓ in place"
            cells.append(f"<td style='{_CELL}'>{escape(team)} <small>({mark})</small></td>")
        rows.append(f"<tr><th style='{_CELL}'>{escape(j)}</th>{''.join(cells)}</tr>")
    return _block(
        f"{_headline(comparison.headline)}"
        f"<table><thead><tr><th style='{_CELL}'>Journey</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{_list(comparison.feedback())}"
    )


def compilers_html(plan: CompilerPlan) -> str:
    """The plan in words."""
    return _block(
        f"{_headline(plan.headline)}"
        f"<p style='margin:2px 0'>{escape(plan.channels_text)}</p>"
        f"<p style='margin:2px 0'><small>{escape(plan.caveat)}</small></p>"
    )


def vista_html() -> str:
    """The Vista figures as a table, with how to read them and the source."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(p.name)}</td><td style='text-align:right;"
        f"padding:1px 12px'>{p.precision:.1f}%</td><td style='text-align:right;padding:1px 12px'>"
        f"{p.recall:.1f}%</td></tr>"
        for p in VISTA
    )
    return _block(
        f"<p style='margin:2px 0'><strong>{escape(vista_headline())}</strong></p>"
        f"<table><thead><tr><th style='{_CELL}'>Predictor</th><th style='padding:1px 12px'>"
        f"Precision</th><th style='padding:1px 12px'>Recall</th></tr></thead><tbody>{rows}"
        f"</tbody></table><p style='margin:2px 0'><small>{escape(VISTA_READING)}</small></p>"
        f"<p style='margin:2px 0'><small>Source: {escape(VISTA_SOURCE)}.</small></p>"
    )


def target_note_html(comparison: Comparison) -> str:
    """What the chosen target is, under the menu."""
    note = comparison.target.note
    return f"<small>{escape(note[:1].upper() + note[1:])}.</small>"


def compilers_numbers(plan: CompilerPlan) -> str:
    """The compiler chart's numbers as a table: people and predicted phases per language."""
    return numbers_html(
        "Compiler phases predicted by the toy rule (one phase per person)",
        ("Language", "People", "Phases"),
        ((language, n, plan.phases[language]) for language, n in plan.people),
    )
