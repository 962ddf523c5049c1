"""The stakeholder models as live widgets: the power/interest map, the engagement plan that
follows it, and the communication channels of a growing team.

- :class:`StakeholderMapView`: add, change, rename and remove stakeholders (a text box, two
  sliders and buttons); the grid (a PNG with alt text stating the same facts) and the written
  summary follow at once. The map is saved as a note and comes back when the cell runs again,
  even after a kernel restart.
- :class:`EngagementPlanView`: the starting plan for the map, as a table; it follows the map
  in the same kernel and can re-read the saved map.
- :class:`ChannelsView`: a team-size slider, the team drawn as a network and n(n-1)/2 drawn
  against the team size.

The models and their words live in ``model``, the drawing in ``render``; this module only
declares the views.
"""

from __future__ import annotations

import weakref
from typing import Any

import ipywidgets as W

from ...course.store import Store
from ...course.text import not_running
from ...ui import controls
from ...ui.charts import numbers_in_table_html
from ...ui.model_view import ModelView
from ...ui.parts import quietly, status_html
from .model import (
    EXAMPLE_BACK,
    HIGH_FROM,
    MAX_NAME,
    MAX_STAKEHOLDERS,
    MAX_TEAM,
    MIDDLE,
    NOTE_KEY,
    NOTHING_TO_UNDO,
    SCORE_MAX,
    SCORE_MIN,
    SECTION,
    UNDONE,
    Change,
    Channels,
    EngagementPlan,
    StakeholderMap,
    Summary,
    restored_words,
    team_from,
)
from .render import (
    channels_charts_html,
    channels_html,
    channels_numbers,
    curve_chart,
    draw_curve,
    draw_grid,
    draw_network,
    grid_chart,
    network_chart,
    plan_html,
    summary_html,
)

NEW = "(new stakeholder)"
#: How wide the map's control labels are.
LABEL = "6rem"

# --- map changes reach the plans --------------------------------------------------------------

#: Live plan views; a map view tells them when the map changes (same store only).
_PLANS: weakref.WeakSet[EngagementPlanView] = weakref.WeakSet()


def _tell_plans(store: Store, model: StakeholderMap) -> None:
    for plan in list(_PLANS):
        plan.follow(store, model)


def saved_map(store: Store) -> tuple[StakeholderMap, list[str], bool]:
    """The learner's saved map (or the example), problems met reading it, and whether saved."""
    data = store.note(NOTE_KEY)
    if data is None:
        return StakeholderMap(), [], False
    model, problems = StakeholderMap.from_data(data)
    return model, problems, True


# --- the map ----------------------------------------------------------------------------------


class StakeholderMapView(ModelView):
    """Add, change and remove stakeholders; the grid, the summary and the saved copy follow.

    The saved note is the map itself (``StakeholderMap.to_data``), not the controls: the
    controls only show and change it.
    """

    TITLE = "Stakeholder map"
    INTRO = (
        "To <strong>add</strong> someone, type a name, set their power and interest with "
        "the sliders and press <em>Add to the map</em>. To <strong>change</strong> someone, "
        "choose them in the <em>Stakeholder</em> list: the sliders then move them at once, "
        "and <em>Rename</em> or <em>Remove</em> act on them. Your map is saved as you go. "
        f"With the keyboard: Tab between controls, arrow keys on a slider. Scores run from "
        f"{SCORE_MIN} to {SCORE_MAX}; {HIGH_FROM} or more counts as high."
    )
    NOTE = not_running("change the map")
    KEY, SECTION = NOTE_KEY, SECTION

    def __init__(self, store: Store | None = None):
        self.model = self._saved = StakeholderMap()
        self._history: list[StakeholderMap] = []
        self._news: tuple[str, str] | None = None
        self._drawn: StakeholderMap | None = None
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.chooser = self.add(
            "stakeholder",
            controls.choice(
                "Stakeholder",
                [NEW, *self.model.names],
                NEW,
                tooltip="Choose a stakeholder to change, or (new stakeholder) to add one",
                label_width=LABEL,
            ),
            live=False,  # choosing fills the boxes first (see _chose), then redraws
        )
        self.chooser.observe(self._chose, names="value")
        self.name = self.text(
            "name",
            "Name",
            placeholder="e.g. Finance director",
            tooltip=f"The stakeholder's name or role, up to {MAX_NAME} characters",
            label_width=LABEL,
        )
        self.power = self._score("power", "Power", "Power: can they shape or stop the work?")
        self.interest = self._score(
            "interest", "Interest", "Interest: how much do they care about it?"
        )
        self.add_button = self.button(
            "Add to the map",
            self.add_stakeholder,
            icon="plus",
            primary=True,
            tooltip="Add a stakeholder with this name, power and interest",
        )
        self.rename_button = self.button(
            "Rename",
            self.rename,
            icon="pencil",
            tooltip="Give the chosen stakeholder the name in the Name box",
        )
        self.remove_button = self.button(
            "Remove",
            self.remove,
            icon="trash",
            tooltip="Take the chosen stakeholder off the map (Undo brings them back)",
        )
        self.undo_button = self.button(
            "Undo", self.undo, icon="undo", tooltip="Undo the last change to the map"
        )
        self.reset_button = self.button(
            "Use the example map",
            self.reset,
            icon="refresh",
            tooltip="Replace the map with the charity example (Undo brings yours back)",
        )
        buttons = (
            self.add_button,
            self.rename_button,
            self.remove_button,
            self.undo_button,
            self.reset_button,
        )
        self.chart = W.HTML()
        self.summary = W.HTML()
        self._chart = grid_chart()
        return [
            self.chooser,
            self.name,
            self.power,
            self.interest,
            W.HBox(list(buttons), layout=W.Layout(flex_flow="row wrap")),
            self.status,
            self.chart,
            self.summary,
        ]

    def _score(self, name: str, label: str, tooltip: str) -> W.IntSlider:
        return self.slider(
            name, label, MIDDLE, SCORE_MIN, SCORE_MAX, tooltip=tooltip, label_width=LABEL
        )

    # -- saving: the map, in the format it has always had ----------------------------------------

    def restore(self) -> list[str]:
        data = self.store.note(NOTE_KEY)
        if data is not None:
            self.model, problems = StakeholderMap.from_data(data)
            self._saved = self.model
            self._news = restored_words(self.model, problems)
            self._show(None)
        return []

    def save(self) -> bool:
        if self.model == self._saved:
            return True
        kept = self.store.save_note(SECTION, NOTE_KEY, self.model.to_data())
        self._saved = self.model
        _tell_plans(self.store, self.model)
        return kept

    # -- the loop ---------------------------------------------------------------------------------

    @property
    def chosen(self) -> str | None:
        """The name chosen in the list, or None while adding a new stakeholder."""
        value = self.chooser.value
        return None if value in (None, NEW) else value

    def update(self, settings: dict[str, Any]) -> None:
        """The sliders move the chosen stakeholder (nobody chosen: they wait for Add)."""
        if self.chosen is not None:
            self._take(self.model.moving(self.chosen, settings["power"], settings["interest"]))

    def render(self) -> None:
        if self.model is not self._drawn:
            summary = self.model.summary()
            draw_grid(self._chart, summary)
            self.chart.value = self._chart.html(summary.alt_text) + numbers_in_table_html()
            self.summary.value = summary_html(summary)
            self._drawn = self.model
        editing = self.chosen is not None
        self.add_button.disabled = editing
        self.rename_button.disabled = not editing
        self.remove_button.disabled = not editing
        self.undo_button.disabled = not self._history
        self.add_button.tooltip = (
            f"The map is full ({MAX_STAKEHOLDERS}); remove someone first"
            if len(self.model) >= MAX_STAKEHOLDERS
            else "Add a stakeholder with this name, power and interest"
        )
        if self._news is not None:
            self.status.value = status_html(*self._news)
            self._news = None

    def describe(self) -> Summary:
        return self.model.summary()

    def _take(self, change: Change) -> None:
        """Make ``change`` the map (the old one goes on the undo list) and say what happened."""
        if change.after != self.model:
            self._history.append(self.model)
            self.model = change.after
        if change.message:
            self._news = (change.message, change.kind)

    def _show(self, chosen: str | None, *, clear: bool = False) -> None:
        """Fill the list from the map and choose ``chosen``: their name and scores go to the
        boxes; with nobody chosen, the name box is emptied if ``clear``."""
        person = self.model.find(chosen) if chosen else None
        with quietly(self):
            self.chooser.options = [NEW, *self.model.names]
            self.chooser.value = person.name if person else NEW
        if person is not None:
            self.load({"name": person.name, "power": person.power, "interest": person.interest})
        elif clear:
            self.load({"name": ""})

    # -- actions ------------------------------------------------------------------------------

    def _act(self, change: Change, *, clear: bool = False) -> None:
        """Take an action's change, show it in the controls, then save and redraw once."""
        self._take(change)
        if change.done:
            self._show(change.chosen, clear=clear)
        self.changed()

    def _chose(self, change: dict) -> None:
        if not self._quiet:
            self._guarded(lambda: self._choose(change["new"]))

    def _choose(self, name: str | None) -> None:
        """Choose a stakeholder to change (their scores go to the sliders), or a new one."""
        choice = self.model.choosing(None if name == NEW else name)
        if choice.chosen is None:
            self.load({"name": "", "power": MIDDLE, "interest": MIDDLE})
        self._act(choice)

    def add_stakeholder(self) -> None:
        """Add a stakeholder from the name box and the sliders; a clear message if it cannot."""
        s = self.settings
        self._act(self.model.adding(s["name"], s["power"], s["interest"]), clear=True)

    def rename(self) -> None:
        """Give the chosen stakeholder the name in the name box."""
        self._act(self.model.renaming(self.chosen, self.name.value))

    def remove(self) -> None:
        """Take the chosen stakeholder off the map."""
        self._act(self.model.removing(self.chosen), clear=True)

    def undo(self) -> None:
        """Go back to the map before the last change."""
        if not self._history:
            self._act(Change(self.model, NOTHING_TO_UNDO, "empty"))
            return
        chosen = self.chosen
        self.model = self._history.pop()
        self._act(Change(self.model, UNDONE, chosen=chosen))

    def reset(self) -> None:
        """Replace the map with the charity example (undoable)."""
        self._act(Change(StakeholderMap(), EXAMPLE_BACK), clear=True)


# --- the engagement plan ----------------------------------------------------------------------


class EngagementPlanView(ModelView):
    """The starting engagement plan for the stakeholder map, redrawn when the map changes."""

    TITLE = "Engagement plan"
    INTRO = (
        "Built from your stakeholder map: each person gets the starting tactics of their "
        "quadrant. Change the map above and this plan follows."
    )
    NOTE = not_running("see the plan follow your map")

    def __init__(self, store: Store | None = None):
        self._store = store
        self.model, _, _ = saved_map(self.store)
        super().__init__(store=self.store)
        _PLANS.add(self)

    def build(self) -> list[W.Widget]:
        self.table = W.HTML()
        self.refresh_button = self.button(
            "Read my saved map again",
            self.reload,
            icon="refresh",
            tooltip="Build the plan from the map saved last (for a map changed in another tab)",
        )
        return [self.table, W.HBox([self.refresh_button])]

    def update(self, settings: dict[str, Any]) -> None:
        """The plan has no controls: the map it follows is set by ``follow`` or ``reload``."""

    def render(self) -> None:
        self.table.value = plan_html(self.model.plan())

    def describe(self) -> EngagementPlan:
        return self.model.plan()

    def follow(self, store: Store, model: StakeholderMap) -> None:
        """A map view changed its map: show the new plan if it is this plan's learner."""
        if store is self.store:
            self.model = model
            self.changed()

    def reload(self) -> None:
        """Read the saved map again and rebuild the plan."""
        self.model, problems, _ = saved_map(self.store)
        self.changed()
        self.status.value = (
            status_html(" ".join(problems), "invalid")
            if problems
            else status_html(
                f"Plan rebuilt from your saved map ({len(self.model)} stakeholders).", "saved"
            )
        )


# --- communication channels -------------------------------------------------------------------


class ChannelsView(ModelView):
    """A team-size slider; the network drawing, the curve and the words follow."""

    TITLE = "Communication channels"
    INTRO = (
        "Move the slider to grow or shrink the team (with the keyboard: Tab to it, then the "
        "arrow keys). Every pair of people is one channel."
    )
    NOTE = not_running("move the slider")
    KEY, SECTION = "rel-communication-channels", SECTION

    def __init__(self, people: int = 5, *, store: Store | None = None):
        self.model = Channels(people)
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        people = self.slider(
            "people",
            "People",
            self.model.people,
            2,
            MAX_TEAM,
            tooltip=f"How many people in the team, 2 to {MAX_TEAM}",
            label_width="5rem",
        )
        people.layout.width = "26rem"
        self.mine_button = self.button(
            "My stakeholder map, plus me",
            self.use_my_map,
            icon="users",
            tooltip="Set the team size to the people on your stakeholder map, plus you",
        )
        self.charts = W.HTML()
        self.words = W.HTML()
        self._network, self._curve = network_chart(), curve_chart()
        return [controls.row(people, self.mine_button), self.charts, self.words]

    def update(self, settings: dict[str, Any]) -> None:
        self.model = Channels(settings["people"])

    def render(self) -> None:
        n = self.model.people
        draw_network(self._network, n)
        draw_curve(self._curve, n)
        self.charts.value = channels_charts_html(
            self._network.html(self.model.network_alt()), self._curve.html(self.model.curve_alt())
        ) + channels_numbers(self.model)
        self.words.value = channels_html(self.model)

    def describe(self) -> Channels:
        return self.model

    def use_my_map(self) -> None:
        """Set the team to everyone on the saved stakeholder map, plus the learner."""
        people, message, kind = team_from(saved_map(self.store)[0])
        if people is not None:
            self.put({"people": people})
        self.status.value = status_html(message, kind)


__all__ = ["ChannelsView", "EngagementPlanView", "StakeholderMapView", "saved_map"]
