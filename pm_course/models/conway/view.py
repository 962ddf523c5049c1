"""Conway's law as live widgets: the simulator, the inverse manoeuvre, the compilers, Vista.

Each view declares its controls on the :class:`~pm_course.ui.model_view.ModelView` base,
which restores, observes, saves and redraws. Charts are PNGs with alt text that states the
same facts; the written summary under each chart says the same again. What a learner builds
is saved as a note under the key it has always had, in the format it has always had, and comes
back when the cell is run again. The logic lives in ``model``, the drawing in ``render``.
"""

from __future__ import annotations

from html import escape
from itertools import combinations
from typing import Any

import ipywidgets as W

from ...course.store import Store
from ...course.text import not_running
from ...ui import controls
from ...ui.charts import img_html, numbers_in_table_html
from ...ui.model_view import ModelView
from ...ui.parts import html_block, quietly
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
    Architecture,
    Comparison,
    CompilerPlan,
    Organisation,
    VistaFigures,
    compare,
    compiler_plan,
    link_name,
    preset_name,
)
from .render import (
    compilers_chart,
    compilers_html,
    compilers_numbers,
    draw_compilers,
    draw_inverse,
    draw_simulator,
    inverse_chart,
    inverse_html,
    simulator_chart,
    simulator_html,
    target_note_html,
    vista_html,
    vista_png,
)

SECTION = "06_conways_law"
#: Keys under which the views keep what the learner built (see ``Store.save_note``).
NOTE_KEYS = {
    "simulator": "conway-model-organisation",
    "inverse": "conway-model-inverse",
    "compilers": "conway-model-compilers",
}
NOTE = not_running("change the model")
#: The pairs of team positions a link box can join.
PAIRS = tuple(combinations(range(MAX_TEAMS), 2))


def _part_menu(part: str, teams: tuple[str, ...], value: str) -> W.Dropdown:
    """A menu of teams for one part. It has no visible label (the matrix's row and column
    headings give it), so its tooltip, which becomes the menu's title, names the part."""
    return W.Dropdown(
        options=list(teams),
        value=value,
        description="",
        tooltip=f"{part}: which team builds it",
        layout=W.Layout(width=controls.FULL, min_width="0"),
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


def _restore_failed(what: str, exc: Exception, fallback: str) -> str:
    return html_block(
        f"<strong>Your saved {escape(what)} could not be read</strong> ({escape(str(exc))}); "
        f"starting from {escape(fallback)}.",
        "#E69F00",
    )


# --- 1. the simulator ---------------------------------------------------------------------------


class ConwaySimulatorView(ModelView):
    """Choose or edit an organisation; see the architecture it produces beside it.

    The controls show the organisation and change it (:meth:`Organisation.with_settings`);
    the saved note is the organisation itself (``Organisation.to_dict``).
    """

    TITLE = "Conway simulator: from organisation to architecture"
    INTRO = (
        "A charity's online service has three journeys (donations, events, "
        "volunteering), each with screens, logic and data: nine parts. Choose an "
        "organisation, or change it below: who builds each part, and which teams "
        "talk. The rule: each team produces one module holding its parts; a "
        "dependency between two teams' parts is an <em>agreed interface</em> if the "
        "teams talk and an <em>unplanned dependency</em> if they do not."
    )
    NOTE = NOTE
    KEY, SECTION = NOTE_KEYS["simulator"], SECTION

    def __init__(self, store: Store | None = None):
        self.org = PRESETS[DEFAULT_PRESET]
        self._shown: Organisation | None = None  # what the controls show
        self._drawn: Organisation | None = None  # what the chart and the summary show
        self._unread = ""
        super().__init__(store=store)
        if self._unread:
            self.status.value = self._unread

    def build(self) -> list[W.Widget]:
        self.preset = self.choice(
            "preset",
            "Organisation",
            [*PRESETS, CUSTOM],
            preset_name(self.org),
            tooltip="Choose an example organisation",
            label_width="8.5rem",
        )
        controls.sized(self.preset, "32rem")
        self.team_count = self.slider(
            "teams",
            "Number of teams",
            len(self.org.teams),
            1,
            MAX_TEAMS,
            tooltip="Number of teams (new teams start with no parts)",
            label_width="8.5rem",
        )
        self.team_count.layout.width = "24rem"
        self.preset_note = W.HTML()
        self.owners = {
            p: self.add(p, _part_menu(p, self.org.teams, self.org.owner(p))) for p in PARTS
        }
        self.link_boxes = {(i, j): self.add(link_name(i, j), controls.tick("")) for i, j in PAIRS}
        self.chart = W.HTML()
        self.summary = W.HTML()
        self._chart = simulator_chart()
        return [
            controls.row(self.preset, self.team_count),
            self.preset_note,
            self.chart,
            W.HTML("<strong>Who builds each part</strong>"),
            _part_matrix(self.owners),
            W.HTML("<strong>Which teams talk to each other</strong> (tick a pair to link them)"),
            W.GridBox(
                list(self.link_boxes.values()),
                layout=W.Layout(
                    grid_template_columns="repeat(auto-fill, minmax(19rem, 1fr))",
                    grid_gap="0 16px",
                ),
            ),
            self.summary,
        ]

    # -- saving: the organisation, in the format it has always had -------------------------------

    def restore(self) -> list[str]:
        saved = self.store.note(self.KEY)
        if saved is not None:
            try:
                self.org = Organisation.from_dict(saved)
            except (ValueError, TypeError) as exc:
                self._unread = _restore_failed("organisation", exc, f"the {DEFAULT_PRESET.lower()}")
        self._sync()
        return []

    def save(self) -> bool:
        return self.store.save_note(SECTION, self.KEY, self.org.to_dict())

    # -- the loop ---------------------------------------------------------------------------------

    def update(self, settings: dict[str, Any]) -> None:
        self.org = self.org.with_settings(settings)

    def render(self) -> None:
        # The picture first: it is what the learner watches; the menus and boxes follow.
        if self.org != self._drawn:  # else "Your own" chosen, or a hidden box ticked
            arch = self.org.architecture()
            draw_simulator(self._chart, arch)
            self.chart.value = self._chart.html(arch.alt_text) + numbers_in_table_html()
            self.summary.value = simulator_html(arch)
            self._drawn = self.org
        if self.org != self._shown:
            self._sync()

    def describe(self) -> Architecture:
        return self.org.architecture()

    def _sync(self) -> None:
        """Set every control to the current organisation (menus of its teams, boxes of its
        pairs), without firing callbacks."""
        org = self._shown = self.org
        with quietly(self):
            self.preset.value = preset_name(org)
            self.team_count.value = len(org.teams)
            # Each widget's changes go to the page in one message (hold_sync), not one each.
            for part, menu in self.owners.items():
                with menu.hold_sync():
                    if list(menu.options) != list(org.teams):
                        menu.options = list(org.teams)
                    menu.value = org.owner(part)
            for (i, j), box in self.link_boxes.items():
                shown = j < len(org.teams)
                box.layout.display = None if shown else "none"
                with box.hold_sync():
                    box.description = f"{org.teams[i]} ↔ {org.teams[j]}" if shown else ""
                    box.value = shown and org.talks(org.teams[i], org.teams[j])
        note = PRESET_NOTES.get(preset_name(org), "your own organisation")
        self.preset_note.value = f"<small>{escape(note[:1].upper() + note[1:])}.</small>"


# --- 2. the inverse Conway manoeuvre ------------------------------------------------------------


class InverseConwayView(ModelView):
    """Pick a target architecture, then decide which team builds each part.

    Saved as ``{"target": ..., "assignment": {part: team}}``, as it always was.
    """

    TITLE = "Inverse Conway manoeuvre: design the teams for the architecture you want"
    INTRO = (
        "Today the charity has component teams: Team 1 builds every journey's "
        "screens, Team 2 the logic, Team 3 the data, and Team 4 is free. Choose a "
        "target, then use the menus to decide which team builds each part. By the "
        "simulator's rule each team produces one module; the model counts how many "
        "parts must change team for your teams to build the target."
    )
    NOTE = NOTE
    KEY, SECTION = NOTE_KEYS["inverse"], SECTION

    def build(self) -> list[W.Widget]:
        self.target = self.choice(
            "target",
            "Target",
            list(TARGETS),
            DEFAULT_TARGET,
            tooltip="The architecture you want",
            label_width="4rem",
        )
        controls.sized(self.target, "32rem")
        self.target_note = W.HTML()
        self.menus = {p: self.add(p, _part_menu(p, TEAM_SLOTS, START_ASSIGNMENT[p])) for p in PARTS}
        self.reset_button = self.button(
            "Start again from component teams",
            lambda: self.put(START_ASSIGNMENT),
            icon="undo",
            tooltip="Put every part back with today's component teams",
        )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self._chart = inverse_chart()
        return [
            self.target,
            self.target_note,
            W.HTML("<strong>Who builds each part</strong>"),
            _part_matrix(self.menus),
            W.HBox([self.reset_button]),
            self.chart,
            self.summary,
        ]

    @property
    def assignment(self) -> dict[str, str]:
        """Part -> team, as the menus show it."""
        return {part: menu.value for part, menu in self.menus.items()}

    def restore(self) -> list[str]:
        saved = self.store.note(self.KEY)
        if saved is None:
            return []
        note = saved if isinstance(saved, dict) else {}
        assignment = note.get("assignment")
        values = {"target": note.get("target", DEFAULT_TARGET)}
        if isinstance(assignment, dict):
            values |= assignment
            problems = []
        else:
            problems = [f"who builds each part: {assignment!r}"]
        # a menu takes None as "nothing chosen", never as a saved target or team
        problems += [
            f"{self.controls[name].description or name}: None"
            for name, value in values.items()
            if value is None and name in self.controls
        ]
        return problems + self.load({n: v for n, v in values.items() if v is not None})

    def save(self) -> bool:
        return self.store.save_note(
            SECTION, self.KEY, {"target": self.target.value, "assignment": self.assignment}
        )

    def update(self, settings: dict[str, Any]) -> None:
        self.comparison = compare(settings["target"], {p: settings[p] for p in PARTS})

    def render(self) -> None:
        c = self.comparison
        self.target_note.value = target_note_html(c)
        draw_inverse(self._chart, c)
        self.chart.value = self._chart.html(c.alt_text) + numbers_in_table_html()
        self.summary.value = inverse_html(c)

    def describe(self) -> Comparison:
        return self.comparison


# --- 3. Conway's compilers ----------------------------------------------------------------------


class CompilerView(ModelView):
    """Split people between COBOL and ALGOL; see the phases the toy rule predicts.

    Saved as ``{"COBOL": n, "ALGOL": m}``: the sliders' settings, as it always was.
    """

    TITLE = "Conway's compilers"
    INTRO = (
        "Move the sliders to split the people between the two compilers (with the "
        "keyboard: Tab to a slider, then the arrow keys). The toy rule predicts one "
        "compiler phase per person in the group, as in the paper's single example."
    )
    NOTE = NOTE
    KEY, SECTION = NOTE_KEYS["compilers"], SECTION

    def build(self) -> list[W.Widget]:
        self.sliders = {
            language: self.slider(
                language,
                f"People on {language}",
                people,
                0,
                MAX_PEOPLE,
                tooltip=f"How many people work on the {language} compiler",
                label_width="8rem",
            )
            for language, people in PAPER_SPLIT.items()
        }
        for slider in self.sliders.values():
            slider.layout.width = "26rem"
        self.reset_button = self.button(
            "Back to the paper's split (5 and 3)",
            lambda: self.put(PAPER_SPLIT),
            icon="undo",
            tooltip="Five people on COBOL and three on ALGOL, as in the paper",
        )
        self.chart = W.HTML()
        self.summary = W.HTML(layout=W.Layout(min_height="112px"))  # its longest: no jumps
        self._chart = compilers_chart()
        return [*self.sliders.values(), W.HBox([self.reset_button]), self.chart, self.summary]

    def update(self, settings: dict[str, Any]) -> None:
        self.plan = compiler_plan(settings["COBOL"], settings["ALGOL"])

    def render(self) -> None:
        draw_compilers(self._chart, self.plan)
        self.chart.value = self._chart.html(self.plan.alt_text) + compilers_numbers(self.plan)
        self.summary.value = compilers_html(self.plan)

    def describe(self) -> CompilerPlan:
        return self.plan


# --- 4. the Vista study -------------------------------------------------------------------------


class VistaChartView(ModelView):
    """The Windows Vista figures: a grouped bar chart and the same numbers as a table (no
    controls: the figures are the study's)."""

    TITLE = "Windows Vista: what predicted failure-prone binaries?"
    INTRO = (
        "Precision and recall of five kinds of measure. Precision bars are plain, "
        "recall bars are hatched; each bar carries its value."
    )

    def build(self) -> list[W.Widget]:
        self.chart = W.HTML()
        self.table = W.HTML()
        return [self.chart, self.table]

    def update(self, settings: dict[str, Any]) -> None:
        """Nothing to update: the figures are fixed."""

    def render(self) -> None:
        figures = VistaFigures()
        self.chart.value = img_html(vista_png(), figures.alt_text) + numbers_in_table_html()
        self.table.value = vista_html()

    def describe(self) -> VistaFigures:
        return VistaFigures()


__all__ = ["CompilerView", "ConwaySimulatorView", "InverseConwayView", "VistaChartView"]
