"""Conway's law as live widgets: the simulator, the inverse manoeuvre, the compilers, Vista.

Each view builds its controls, assigns its children once, then wires the callbacks (wrapped
in ``safe``). Charts are PNGs with alt text that states the same facts; the written summary
under each chart says the same again. What a learner builds is saved with
``Store.save_note`` and comes back when the cell is run again. The logic lives in ``conway``.
"""

from __future__ import annotations

from html import escape
from itertools import combinations
from typing import TYPE_CHECKING

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import DescribedText, TextFallback, html_block, quietly, safe
from .model import (
    CUSTOM,
    DEFAULT_PRESET,
    DEFAULT_TARGET,
    JOURNEYS,
    LAYERS,
    MAX_PEOPLE,
    MAX_TEAMS,
    PAPER_SPLIT,
    PARTS,
    PRESET_NOTES,
    PRESETS,
    START_ASSIGNMENT,
    TARGETS,
    TEAM_SLOTS,
    VISTA,
    VISTA_READING,
    VISTA_SOURCE,
    Architecture,
    Comparison,
    CompilerPlan,
    Organisation,
    compare,
    compiler_plan,
    preset_name,
    vista_alt,
    vista_headline,
    vista_markdown,
    vista_text,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SECTION = "06_conways_law"
#: Keys under which the views keep what the learner built (see ``Store.save_note``).
NOTE_KEYS = {
    "simulator": "conway-model-organisation",
    "inverse": "conway-model-inverse",
    "compilers": "conway-model-compilers",
}
NOTE = "Run this cell in JupyterLab to change the model."
BOX = W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0")
GREY = "#999999"
VERMILLION = "#D55E00"

# --- drawing ------------------------------------------------------------------------------------


def _tint(colour: str, keep: float = 0.25) -> tuple[float, float, float]:
    """``colour`` mixed with white (``keep`` of the colour), for a light box behind text."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (1 - keep + keep * r, 1 - keep + keep * g, 1 - keep + keep * b)


def _circle(n: int, cx: float, radius: float) -> list[tuple[float, float]]:
    """``n`` points on an ellipse around (cx, 0), flat side at the top, clockwise."""
    import math

    if n == 1:
        return [(cx, 0.0)]
    start = 90 + 180 / n
    return [
        (
            cx + radius * math.cos(math.radians(start - i * 360 / n)),
            radius * 0.8 * math.sin(math.radians(start - i * 360 / n)),
        )
        for i in range(n)
    ]


#: edge style -> (colour, line style, width, legend label)
EDGES = {
    "talks": ("#555555", "-", 2.0, "teams talk"),
    "agreed": ("#000000", "-", 2.6, "agreed interface (teams talk)"),
    "unplanned": (VERMILLION, "--", 2.6, "unplanned dependency (teams do not talk)"),
    "target": ("#000000", "-", 2.6, "dependency"),
}


def _graph(
    ax: Axes,
    cx: float,
    title: str,
    nodes: list[tuple[str, str] | None],
    edges: list[tuple[int, int, str]],
    radius: float = 1.05,
    label_unplanned: bool = False,
) -> None:
    """One graph on an ellipse: ``nodes`` are (label, colour), or None for an empty place
    (so two graphs of the same teams keep the same layout); ``edges`` are (i, j, style).
    Unplanned edges can carry the word "unplanned" as well as their dashes and colour."""
    where = _circle(len(nodes), cx, radius)
    for i, j, style in edges:
        colour, ls, lw, _ = EDGES[style]
        (x0, y0), (x1, y1) = where[i], where[j]
        ax.plot([x0, x1], [y0, y1], color=colour, ls=ls, lw=lw, zorder=1, solid_capstyle="round")
        if label_unplanned and style == "unplanned":
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
    for node, (x, y) in zip(nodes, where, strict=True):
        if node is None:
            continue
        label, colour = node
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
    ax.text(cx, 1.12, title, ha="center", va="bottom", fontsize=11, fontweight="bold")


def _two_graphs(draw_left, draw_right, legend: list[str]) -> bytes:
    """Two graphs side by side with an arrow between them and a legend of line styles."""
    from matplotlib.lines import Line2D

    def draw(ax: Axes) -> None:
        draw_left(ax)
        draw_right(ax)
        ax.annotate(
            "",
            xy=(0.25, 1.18),
            xytext=(-0.25, 1.18),
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1.5},
        )
        ax.axvline(0, ymin=0.02, ymax=0.86, color="#dddddd", lw=1)
        handles = [
            Line2D([], [], color=EDGES[k][0], ls=EDGES[k][1], lw=EDGES[k][2]) for k in legend
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

    return figure_png(draw, size=(8.8, 4.0))


def _team_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def simulator_png(arch: Architecture) -> bytes:
    """The organisation (teams and links) beside the modules and dependencies it produces."""
    org = arch.organisation
    colour = {t: _team_colour(i) for i, t in enumerate(org.teams)}

    def left(ax: Axes) -> None:
        index = {t: i for i, t in enumerate(org.teams)}
        _graph(
            ax,
            -1.5,
            "Organisation: who talks to whom",
            [(t, colour[t]) for t in org.teams],
            [(index[a], index[b], "talks") for a, b in org.links],
        )

    def right(ax: Axes) -> None:
        index = {t: i for i, t in enumerate(org.teams)}
        parts = {m.team: len(m.parts) for m in arch.modules}
        _graph(
            ax,
            1.5,
            "Architecture it produces",
            [
                (f"{t}\n{_plural(parts[t], 'part')}", colour[t]) if t in parts else None
                for t in org.teams
            ],
            [
                (index[d.a], index[d.b], "agreed" if d.agreed else "unplanned")
                for d in arch.dependencies
            ],
            label_unplanned=True,
        )

    return _two_graphs(left, right, ["talks", "agreed", "unplanned"])


def _gist(parts: tuple[str, ...]) -> str:
    """A few words on what a module holds: 'all screens', 'all of Donations', '2 parts, mixed'."""
    journeys = list(dict.fromkeys(p.split(" ", 1)[0] for p in parts))
    layers = [layer for layer in LAYERS if any(p.endswith(f" {layer}") for p in parts)]
    if len(journeys) == 1 and len(layers) == len(LAYERS):
        return f"all of {journeys[0]}"
    if len(journeys) == 1:
        return f"{journeys[0]} {' + '.join(layers)}"
    if len(layers) == 1 and len(journeys) == len(JOURNEYS):
        return f"all {layers[0]}"
    if len(layers) == 1:
        return f"{layers[0]}: {' + '.join(journeys)}"
    return f"{_plural(len(parts), 'part')}, mixed"


def inverse_png(comparison: Comparison) -> bytes:
    """The target architecture beside the one the learner's teams would produce."""
    produced = comparison.produced()
    slot_colour = {t: _team_colour(i) for i, t in enumerate(TEAM_SLOTS)}

    def left(ax: Axes) -> None:
        names = [m for m, _ in comparison.target.modules]
        index = {m: i for i, m in enumerate(names)}
        _graph(
            ax,
            -1.5,
            "Target architecture",
            [
                (m.replace(" service", "\nservice"), slot_colour.get(comparison.team_for(m), GREY))
                for m in names
            ],
            [(index[a], index[b], "target") for a, b in comparison.target.dependencies()],
        )

    def right(ax: Axes) -> None:
        index = {m.team: i for i, m in enumerate(produced.modules)}
        _graph(
            ax,
            1.5,
            "What your teams would build",
            [
                (f"{m.team}'s module\n{_gist(m.parts)}", slot_colour[m.team])
                for m in produced.modules
            ],
            [(index[d.a], index[d.b], "target") for d in produced.dependencies],
        )

    return _two_graphs(left, right, ["target"])


def compilers_png(plan: CompilerPlan) -> bytes:
    """One row per language, one box per predicted phase."""
    from matplotlib.patches import Rectangle

    styles = {"COBOL": (PALETTE[0], ""), "ALGOL": (PALETTE[1], "//")}

    def draw(ax: Axes) -> None:
        rows = list(plan.people)
        for row, (language, n) in enumerate(rows):
            y = len(rows) - 1 - row
            colour, hatch = styles[language]
            for i in range(n):
                ax.add_patch(
                    Rectangle(
                        (i + 0.05, y - 0.32),
                        0.9,
                        0.64,
                        facecolor=_tint(colour, 0.45),
                        edgecolor=colour,
                        hatch=hatch,
                        lw=1.5,
                    )
                )
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
        ax.set_yticks(
            range(len(rows)),
            [f"{lang}\n{_plural(n, 'person', 'people')}" for lang, n in reversed(rows)],
        )
        ax.set_xlim(0, MAX_PEOPLE + 2)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xticks([])
        ax.set_xlabel("Compiler phases, run one after another (toy rule: one per person)")
        ax.spines[["top", "right", "bottom"]].set_visible(False)

    return figure_png(draw, size=(7.5, 2.4))


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


# --- HTML pieces --------------------------------------------------------------------------------

_CELL = "text-align:left;padding:1px 12px 1px 0;vertical-align:top"


def _list(items: list[str]) -> str:
    return "<ul style='margin:2px 0'>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def simulator_html(arch: Architecture) -> str:
    """The simulator's state in words: headline, score, modules, dependencies, readings."""
    colour = {t: _team_colour(i) for i, t in enumerate(arch.organisation.teams)}
    modules = "".join(
        f"<tr><td style='{_CELL}'><span aria-hidden='true' style='color:{colour[m.team]}'>■"
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
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(arch.headline)}</strong></p>"
        f"<p style='margin:2px 0'>{escape(arch.score_text)}.</p>"
        f"<table><thead><tr><th style='{_CELL}'>Module (team)</th><th style='{_CELL}'>Parts</th>"
        f"<th style='{_CELL}'>Coupling inside</th></tr></thead><tbody>{modules}{idle}</tbody>"
        f"</table><p style='margin:4px 0 0'><strong>Dependencies between modules</strong></p>"
        f"{_list(deps)}<p style='margin:4px 0 0'><strong>What a product manager would notice"
        f"</strong></p>{_list(arch.readings())}"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


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
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(comparison.headline)}</strong></p>"
        f"<table><thead><tr><th style='{_CELL}'>Journey</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{_list(comparison.feedback())}"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def compilers_html(plan: CompilerPlan) -> str:
    """The plan in words."""
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(plan.headline)}</strong></p>"
        f"<p style='margin:2px 0'>{escape(plan.channels_text)}</p>"
        f"<p style='margin:2px 0'><small>{escape(plan.caveat)}</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def vista_html() -> str:
    """The Vista figures as a table, with how to read them and the source."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(p.name)}</td><td style='text-align:right;"
        f"padding:1px 12px'>{p.precision:.1f}%</td><td style='text-align:right;padding:1px 12px'>"
        f"{p.recall:.1f}%</td></tr>"
        for p in VISTA
    )
    body = (
        f"<p style='margin:2px 0'><strong>{escape(vista_headline())}</strong></p>"
        f"<table><thead><tr><th style='{_CELL}'>Predictor</th><th style='padding:1px 12px'>"
        f"Precision</th><th style='padding:1px 12px'>Recall</th></tr></thead><tbody>{rows}"
        f"</tbody></table><p style='margin:2px 0'><small>{escape(VISTA_READING)}</small></p>"
        f"<p style='margin:2px 0'><small>Source: {escape(VISTA_SOURCE)}.</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def _part_menu(part: str, teams: tuple[str, ...], value: str) -> W.Dropdown:
    """A menu of teams for one part. It has no visible label (the matrix's row and column
    headings give it), so its tooltip, which becomes the menu's title, names the part."""
    return W.Dropdown(
        options=list(teams),
        value=value,
        description="",
        tooltip=f"{part}: which team builds it",
        layout=W.Layout(width="100%", min_width="0"),
    )


def _part_matrix(menus: dict[str, W.Dropdown]) -> W.GridBox:
    """The part menus as a matrix: one row per journey, one column per layer."""
    cell = "<div style='padding:4px 8px 0 0'>{}</div>"
    heads = [W.HTML(cell.format("<strong>Journey</strong>"))] + [
        W.HTML(cell.format(f"<strong>{escape(layer.capitalize())}</strong>")) for layer in LAYERS
    ]
    rows = []
    for j in JOURNEYS:
        rows.append(W.HTML(cell.format(escape(j))))
        rows += [menus[f"{j} {layer}"] for layer in LAYERS]
    return W.GridBox(
        heads + rows,
        layout=W.Layout(
            grid_template_columns="minmax(5.5rem, 7rem) repeat(3, minmax(6.5rem, 11.5rem))",
            grid_gap="2px 4px",
        ),
    )


def _intro(title: str, text: str) -> W.HTML:
    return W.HTML(f"<h3>{escape(title)}</h3><div style='line-height:1.4'>{text}</div>")


def _restore_failed(what: str, exc: Exception, fallback: str) -> str:
    return html_block(
        f"<strong>Your saved {escape(what)} could not be read</strong> ({escape(str(exc))}); "
        f"starting from {escape(fallback)}.",
        "#E69F00",
    )


# --- 1. the simulator ---------------------------------------------------------------------------


class ConwaySimulatorView(DescribedText, W.VBox):
    """Choose or edit an organisation; see the architecture it produces beside it."""

    NOTE = NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self._quiet = False
        self.org, restored = self._restore()
        self.preset = W.Dropdown(
            options=[*PRESETS, CUSTOM],
            value=preset_name(self.org),
            description="Organisation",
            tooltip="Choose an example organisation",
            style={"description_width": "8.5rem"},
            layout=W.Layout(width="32rem", max_width="100%"),
        )
        self.preset_note = W.HTML()
        self.team_count = W.IntSlider(
            value=len(self.org.teams),
            min=1,
            max=MAX_TEAMS,
            step=1,
            description="Number of teams",
            tooltip="Number of teams (new teams start with no parts)",
            continuous_update=False,
            style={"description_width": "8.5rem"},
            layout=W.Layout(width="24rem"),
        )
        self.owners = {p: _part_menu(p, self.org.teams, self.org.owner(p)) for p in PARTS}
        self.link_boxes: dict[tuple[int, int], W.Checkbox] = {
            pair: W.Checkbox(
                value=False, description="", indent=False, layout=W.Layout(width="auto")
            )
            for pair in combinations(range(MAX_TEAMS), 2)
        }
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML(restored)
        super().__init__(
            [
                _intro(
                    "Conway simulator: from organisation to architecture",
                    "A charity's online service has three journeys (donations, events, "
                    "volunteering), each with screens, logic and data: nine parts. Choose an "
                    "organisation, or change it below: who builds each part, and which teams "
                    "talk. The rule: each team produces one module holding its parts; a "
                    "dependency between two teams' parts is an <em>agreed interface</em> if the "
                    "teams talk and an <em>unplanned dependency</em> if they do not.",
                ),
                W.HBox([self.preset, self.team_count], layout=W.Layout(flex_flow="row wrap")),
                self.preset_note,
                self.chart,
                W.HTML("<strong>Who builds each part</strong>"),
                _part_matrix(self.owners),
                W.HTML(
                    "<strong>Which teams talk to each other</strong> (tick a pair to link them)"
                ),
                W.GridBox(
                    list(self.link_boxes.values()),
                    layout=W.Layout(
                        grid_template_columns="repeat(auto-fill, minmax(19rem, 1fr))",
                        grid_gap="0 16px",
                    ),
                ),
                self.summary,
                self.status,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        self.preset.observe(lambda c: self.choose(c["new"]), names="value")
        self.team_count.observe(lambda c: self.set_team_count(c["new"]), names="value")
        for part, menu in self.owners.items():
            menu.observe(self._owner_observer(part), names="value")
        for pair, box in self.link_boxes.items():
            box.observe(self._link_observer(pair), names="value")
        self._sync()
        self.redraw()

    # -- saving and restoring ------------------------------------------------------------------

    def _restore(self) -> tuple[Organisation, str]:
        saved = self.store.note(NOTE_KEYS["simulator"])
        if saved is None:
            return PRESETS[DEFAULT_PRESET], ""
        try:
            return Organisation.from_dict(saved), ""
        except (ValueError, TypeError) as exc:
            return PRESETS[DEFAULT_PRESET], _restore_failed(
                "organisation", exc, f"the {DEFAULT_PRESET.lower()}"
            )

    def _save(self) -> None:
        self.store.save_note(SECTION, NOTE_KEYS["simulator"], self.org.to_dict())

    # -- callbacks -----------------------------------------------------------------------------

    def _owner_observer(self, part: str):
        return lambda change: self.set_owner(part, change["new"])

    def _link_observer(self, pair: tuple[int, int]):
        return lambda change: self.set_link(pair, change["new"])

    @safe
    def choose(self, name: str) -> None:
        """Switch to an example organisation ('Your own' keeps the current one)."""
        if self._quiet or name == CUSTOM:
            return
        self._change(PRESETS[name])

    @safe
    def set_team_count(self, count: int) -> None:
        """Keep the first ``count`` teams, or add new teams that build nothing yet."""
        if not self._quiet:
            self._change(self.org.with_team_count(count))

    @safe
    def set_owner(self, part: str, team: str) -> None:
        """Give ``part`` to ``team``."""
        if not self._quiet and team:
            self._change(self.org.with_owner(part, team))

    @safe
    def set_link(self, pair: tuple[int, int], on: bool) -> None:
        """Link (or unlink) the two teams in positions ``pair``."""
        if self._quiet:
            return
        i, j = pair
        teams = self.org.teams
        if j >= len(teams):
            return
        self._change(self.org.with_link(teams[i], teams[j], on))

    def _change(self, org: Organisation) -> None:
        self.org = org
        self._sync()
        self._save()
        self.status.value = ""
        self.redraw()

    def _sync(self) -> None:
        """Set every control to the current organisation, without firing callbacks."""
        org = self.org
        with quietly(self):
            self.preset.value = preset_name(org)
            self.team_count.value = len(org.teams)
            for part, menu in self.owners.items():
                if list(menu.options) != list(org.teams):
                    menu.options = list(org.teams)
                menu.value = org.owner(part)
            for (i, j), box in self.link_boxes.items():
                shown = j < len(org.teams)
                box.layout.display = None if shown else "none"
                if shown:
                    a, b = org.teams[i], org.teams[j]
                    box.description = f"{a} ↔ {b}"
                    box.value = org.talks(a, b)
                else:
                    box.description = ""
                    box.value = False
        note = PRESET_NOTES.get(preset_name(org), "your own organisation")
        self.preset_note.value = f"<small>{escape(note[:1].upper() + note[1:])}.</small>"

    @safe
    def redraw(self) -> None:
        """Draw the two graphs and write the summary for the current organisation."""
        arch = self.org.architecture()
        self.chart.value = img_html(simulator_png(arch), arch.alt_text)
        self.summary.value = simulator_html(arch)

    def _described(self):
        return self.org.architecture()


# --- 2. the inverse Conway manoeuvre ------------------------------------------------------------


class InverseConwayView(DescribedText, W.VBox):
    """Pick a target architecture, then decide which team builds each part."""

    NOTE = NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self._quiet = False
        target, assignment, restored = self._restore()
        self.target = W.Dropdown(
            options=list(TARGETS),
            value=target,
            description="Target",
            tooltip="The architecture you want",
            style={"description_width": "4rem"},
            layout=W.Layout(width="32rem", max_width="100%"),
        )
        self.target_note = W.HTML()
        self.menus = {p: _part_menu(p, TEAM_SLOTS, assignment[p]) for p in PARTS}
        self.reset_button = W.Button(
            description="Start again from component teams",
            icon="undo",
            tooltip="Put every part back with today's component teams",
            layout=W.Layout(width="auto"),
        )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML(restored)
        self.comparison = compare(target, assignment)
        super().__init__(
            [
                _intro(
                    "Inverse Conway manoeuvre: design the teams for the architecture you want",
                    "Today the charity has component teams: Team 1 builds every journey's "
                    "screens, Team 2 the logic, Team 3 the data, and Team 4 is free. Choose a "
                    "target, then use the menus to decide which team builds each part. By the "
                    "simulator's rule each team produces one module; the model counts how many "
                    "parts must change team for your teams to build the target.",
                ),
                self.target,
                self.target_note,
                W.HTML("<strong>Who builds each part</strong>"),
                _part_matrix(self.menus),
                W.HBox([self.reset_button]),
                self.chart,
                self.summary,
                self.status,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        self.target.observe(lambda c: self.set_target(c["new"]), names="value")
        for part, menu in self.menus.items():
            menu.observe(self._observer(part), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.redraw()

    def _restore(self) -> tuple[str, dict[str, str], str]:
        saved = self.store.note(NOTE_KEYS["inverse"])
        if saved is None:
            return DEFAULT_TARGET, dict(START_ASSIGNMENT), ""
        try:
            if not isinstance(saved, dict):
                raise ValueError("it is not a table of values")
            compare(saved.get("target", ""), saved.get("assignment"))
            return saved["target"], dict(saved["assignment"]), ""
        except (ValueError, TypeError) as exc:
            return (
                DEFAULT_TARGET,
                dict(START_ASSIGNMENT),
                _restore_failed("team design", exc, "today's component teams"),
            )

    def _observer(self, part: str):
        return lambda change: self.set_team(part, change["new"])

    @property
    def assignment(self) -> dict[str, str]:
        """Part -> team, as the menus show it."""
        return {part: menu.value for part, menu in self.menus.items()}

    @safe
    def set_target(self, name: str) -> None:
        """Compare with another target architecture."""
        if not self._quiet:
            self._update()

    @safe
    def set_team(self, part: str, team: str) -> None:
        """Give ``part`` to ``team``."""
        if not self._quiet:
            self._update()

    @safe
    def reset(self) -> None:
        """Put every part back with today's component teams."""
        with quietly(self):
            for part, menu in self.menus.items():
                menu.value = START_ASSIGNMENT[part]
        self._update()

    def _update(self) -> None:
        self.comparison = compare(self.target.value, self.assignment)
        self.store.save_note(
            SECTION,
            NOTE_KEYS["inverse"],
            {"target": self.target.value, "assignment": self.assignment},
        )
        self.status.value = ""
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw the two module graphs and write the comparison."""
        c = self.comparison
        self.target_note.value = (
            f"<small>{escape(c.target.note[:1].upper() + c.target.note[1:])}.</small>"
        )
        self.chart.value = img_html(inverse_png(c), c.alt_text)
        self.summary.value = inverse_html(c)

    def _described(self):
        return self.comparison


# --- 3. Conway's compilers ----------------------------------------------------------------------


class CompilerView(DescribedText, W.VBox):
    """Split people between COBOL and ALGOL; see the phases the toy rule predicts."""

    NOTE = NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self._quiet = False
        self.plan, restored = self._restore()
        self.sliders = {
            language: W.IntSlider(
                value=self.plan.phases[language],
                min=0,
                max=MAX_PEOPLE,
                step=1,
                description=f"People on {language}",
                tooltip=f"How many people work on the {language} compiler",
                continuous_update=False,
                style={"description_width": "8rem"},
                layout=W.Layout(width="26rem"),
            )
            for language in PAPER_SPLIT
        }
        self.reset_button = W.Button(
            description="Back to the paper's split (5 and 3)",
            icon="undo",
            tooltip="Five people on COBOL and three on ALGOL, as in the paper",
            layout=W.Layout(width="auto"),
        )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML(restored)
        super().__init__(
            [
                _intro(
                    "Conway's compilers",
                    "Move the sliders to split the people between the two compilers (with the "
                    "keyboard: Tab to a slider, then the arrow keys). The toy rule predicts one "
                    "compiler phase per person in the group, as in the paper's single example.",
                ),
                *self.sliders.values(),
                W.HBox([self.reset_button]),
                self.chart,
                self.summary,
                self.status,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        for language, slider in self.sliders.items():
            slider.observe(self._observer(language), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.redraw()

    def _restore(self) -> tuple[CompilerPlan, str]:
        saved = self.store.note(NOTE_KEYS["compilers"])
        if saved is None:
            return compiler_plan(), ""
        try:
            if not isinstance(saved, dict):
                raise ValueError("it is not a table of values")
            return compiler_plan(saved.get("COBOL"), saved.get("ALGOL")), ""
        except (ValueError, TypeError) as exc:
            return compiler_plan(), _restore_failed("split", exc, "the paper's 5 and 3")

    def _observer(self, language: str):
        return lambda change: self.set_people(language, change["new"])

    @safe
    def set_people(self, language: str, people: int) -> None:
        """Put ``people`` people on ``language``."""
        if self._quiet:
            return
        counts = {lang: s.value for lang, s in self.sliders.items()} | {language: people}
        self._change(compiler_plan(counts["COBOL"], counts["ALGOL"]))

    @safe
    def reset(self) -> None:
        """Back to five on COBOL and three on ALGOL."""
        with quietly(self):
            for language, slider in self.sliders.items():
                slider.value = PAPER_SPLIT[language]
        self._change(compiler_plan())

    def _change(self, plan: CompilerPlan) -> None:
        self.plan = plan
        self.store.save_note(SECTION, NOTE_KEYS["compilers"], plan.phases)
        self.status.value = ""
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw the phases and write the prediction."""
        self.chart.value = img_html(compilers_png(self.plan), self.plan.alt_text)
        self.summary.value = compilers_html(self.plan)

    def _described(self):
        return self.plan


# --- 4. the Vista study -------------------------------------------------------------------------


class VistaChartView(TextFallback, W.VBox):
    """The Windows Vista figures: a grouped bar chart and the same numbers as a table."""

    def __init__(self):
        self.status = W.HTML()
        self.chart = W.HTML()
        self.table = W.HTML()
        super().__init__(
            [
                _intro(
                    "Windows Vista: what predicted failure-prone binaries?",
                    "Precision and recall of five kinds of measure. Precision bars are plain, "
                    "recall bars are hatched; each bar carries its value.",
                ),
                self.chart,
                self.table,
                self.status,
            ],
            layout=BOX,
        )
        self.add_class("pmc-model")
        self.redraw()

    @safe
    def redraw(self) -> None:
        """Draw the chart and the table."""
        self.chart.value = img_html(vista_png(), vista_alt())
        self.table.value = vista_html()

    def _text_plain(self) -> str:
        return vista_text()

    def _text_markdown(self) -> str:
        return vista_markdown()


__all__ = ["CompilerView", "ConwaySimulatorView", "InverseConwayView", "VistaChartView"]
