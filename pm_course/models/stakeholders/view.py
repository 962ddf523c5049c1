"""The stakeholder models as live widgets: the power/interest map, the engagement plan that
follows it, and the communication channels of a growing team.

- :class:`StakeholderMapView`: add, change, rename and remove stakeholders (a text box, two
  sliders and buttons); the grid (a PNG with alt text stating the same facts) and the written
  summary follow at once. Every change is saved with ``Store.save_note`` and restored when
  the cell runs again, even after a kernel restart.
- :class:`EngagementPlanView`: the starting plan for the map, as a table; it follows the map
  in the same kernel and can re-read the saved map.
- :class:`ChannelsView`: a team-size slider, the team drawn as a network and n(n-1)/2 drawn
  against the team size.

The models live in ``stakeholders``; this module only builds widgets and draws.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import (
    DescribedText,
    TextFallback,
    html_block,
    names_by_spot,
    quietly,
    safe,
    scatter_quadrants,
    warnings_html,
)
from ...ui.parts import status_html as _message
from .model import (
    COUNTING,
    HIGH_FROM,
    MAX_NAME,
    MAX_STAKEHOLDERS,
    MAX_TEAM,
    NOT_A_RULE,
    NOTE_KEY,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    SECTION,
    Channels,
    EngagementPlan,
    StakeholderMap,
    Summary,
    channels_curve,
    join_names,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NOTE = "Run this cell in JupyterLab to change the map."
PLAN_NOTE = "Run this cell in JupyterLab to see the plan follow your map."
CHANNELS_NOTE = "Run this cell in JupyterLab to move the slider."
NEW = "(new stakeholder)"
#: Where the sliders start for a new stakeholder.
MIDDLE = 5

#: quadrant -> (Okabe-Ito colour, matplotlib marker, the same shape as a character).
#: Colour and shape both tell the quadrants apart, and the words always do.
STYLES: dict[str, tuple[str, str, str]] = {
    "manage_closely": (PALETTE[5], "o", "●"),
    "keep_satisfied": (PALETTE[0], "s", "■"),
    "keep_informed": (PALETTE[2], "^", "▲"),
    "monitor": (PALETTE[3], "D", "◆"),
}

#: Where each quadrant's title goes (axes fractions) and how it is aligned.
_CORNERS: dict[str, tuple[float, float, str, str]] = {
    "manage_closely": (0.99, 0.99, "right", "top"),
    "keep_satisfied": (0.01, 0.99, "left", "top"),
    "keep_informed": (0.99, 0.01, "right", "bottom"),
    "monitor": (0.01, 0.01, "left", "bottom"),
}

# --- the grid chart ---------------------------------------------------------------------------

LOW, HIGH = SCORE_MIN - 1.4, SCORE_MAX + 1.4
#: Rough size of label text in data units on the grid chart (font size 8.5, 7 x 4.8 inches).
CHAR_W, LINE_H = 0.15, 0.46
#: Candidate label spots around a point: (dx, dy, horizontal alignment, vertical alignment).
_SPOTS = (
    (0.3, 0.0, "left", "center"),
    (-0.3, 0.0, "right", "center"),
    (0.0, 0.35, "center", "bottom"),
    (0.0, -0.35, "center", "top"),
    (0.25, 0.3, "left", "bottom"),
    (0.25, -0.3, "left", "top"),
    (-0.25, 0.3, "right", "bottom"),
    (-0.25, -0.3, "right", "top"),
)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in data units


def _box(x: float, y: float, w: float, h: float, ha: str, va: str) -> Box:
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return (x0, y0, x0 + w, y0 + h)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outside(a: Box) -> float:
    """How much of a box lies outside the chart."""
    inner = (LOW, LOW, HIGH, HIGH)
    return (a[2] - a[0]) * (a[3] - a[1]) - _overlap(a, inner)


def label_spots(
    points: Sequence[tuple[float, float, str]], reserved: Sequence[Box] = ()
) -> list[tuple[float, float, str, str]]:
    """Where to write each point's label so labels overlap as little as possible.

    ``points`` are (x, y, text) with text possibly several lines; ``reserved`` are boxes to keep
    clear (such as the quadrant titles). Returns (x, y, ha, va) per point, in order. Greedy and
    deterministic: each label takes the first spot with the least overlap.
    """
    dots = [(x - 0.25, y - 0.25, x + 0.25, y + 0.25) for x, y, _ in points]
    taken: list[Box] = [*reserved]
    out = []
    for x, y, text in points:
        lines = text.split("\n")
        w = CHAR_W * max(len(line) for line in lines)
        h = LINE_H * len(lines)
        best, best_cost = None, None
        for dx, dy, ha, va in _SPOTS:
            box = _box(x + dx, y + dy, w, h, ha, va)
            cost = 4 * _outside(box)
            cost += sum(_overlap(box, t) for t in taken)
            cost += sum(_overlap(box, d) for d in dots)
            if best_cost is None or cost < best_cost - 1e-9:
                best, best_cost = (x + dx, y + dy, ha, va, box), cost
        assert best is not None
        taken.append(best[4])
        out.append(best[:4])
    return out


def _mpl_text(text: str) -> str:
    """Text that matplotlib shows as typed (a '$' would otherwise start mathematics)."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def grid_png(summary: Summary) -> bytes:
    """The power/interest grid: interest across, power up, quadrants labelled, points named."""
    people = summary.stakeholders
    mid = HIGH_FROM - 0.5

    def draw(ax: Axes) -> None:
        ax.fill_between([mid, HIGH], mid, HIGH, color=STYLES["manage_closely"][0], alpha=0.08, lw=0)
        ax.axvline(mid, color="#555555", lw=1, ls="--")
        ax.axhline(mid, color="#555555", lw=1, ls="--")
        reserved: list[Box] = []
        for key, (fx, fy, ha, va) in _CORNERS.items():
            title = f"{QUADRANTS[key].title} {STYLES[key][2]}"
            ax.text(
                fx,
                fy,
                title,
                transform=ax.transAxes,
                ha=ha,
                va=va,
                fontsize=9.5,
                fontweight="bold",
                color="#222222",
            )
            x = LOW + fx * (HIGH - LOW)
            y = LOW + fy * (HIGH - LOW)
            reserved.append(_box(x, y, CHAR_W * 1.1 * len(title), LINE_H, ha, va))
        scatter_quadrants(ax, summary.groups, STYLES, "interest", "power")
        spots = names_by_spot(people, "interest", "power")
        points = [(x, y, "\n".join(names)) for (x, y), names in spots.items()]
        for (x, y, text), (tx, ty, ha, va) in zip(
            points, label_spots(points, reserved), strict=True
        ):
            ax.annotate(
                _mpl_text(text),
                (x, y),
                xytext=(tx, ty),
                ha=ha,
                va=va,
                fontsize=8.5,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        if not people:
            ax.text(
                5,
                5,
                "No stakeholders yet:\nadd one below the chart",
                ha="center",
                va="center",
                fontsize=11,
                color="#555555",
            )
        ax.set_xlim(LOW, HIGH)
        ax.set_ylim(LOW, HIGH)
        ax.set_xticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
        ax.set_yticks(range(SCORE_MIN, SCORE_MAX + 1, 2))
        ax.set_xlabel("Interest: how much do they care? (0 to 10) →")
        ax.set_ylabel("Power: can they shape or stop the work? (0 to 10) →")
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.0, 4.8))


_CELL = "text-align:left;padding:3px 14px 3px 0;vertical-align:top;border-bottom:1px solid #e4e4e4"
_NUM = "text-align:right;padding:3px 14px 3px 0;vertical-align:top;border-bottom:1px solid #e4e4e4"


def _strategy_cell(key: str) -> str:
    colour, _, glyph = STYLES[key]
    return (
        f"<td style='{_CELL}'><span aria-hidden='true' style='color:{colour}'>{glyph}</span> "
        f"{escape(QUADRANTS[key].title)}</td>"
    )


def summary_html(summary: Summary) -> str:
    """The map as HTML: headline, a table of scores and strategies, a line per quadrant."""
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(s.name)}</td><td style='{_NUM}'>{s.power}</td>"
        f"<td style='{_NUM}'>{s.interest}</td>{_strategy_cell(s.quadrant.key)}</tr>"
        for s in summary.stakeholders
    )
    table = (
        f"<table style='border-collapse:collapse'><thead><tr>"
        f"<th style='{_CELL}'>Stakeholder</th><th style='{_NUM}'>Power</th>"
        f"<th style='{_NUM}'>Interest</th><th style='{_CELL}'>Strategy</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    readings = "".join(
        f"<li><strong>{escape(q.title)}</strong> "
        f"({escape(join_names([s.name for s in people]))}): {escape(q.strategy)}.</li>"
        for q, people in summary.groups
        if people
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(summary.headline)}</strong></p>"
        f"<p style='margin:2px 0'><small>{escape(summary.scale)}</small></p>"
        f"{table}" + (f"<ul style='margin:4px 0'>{readings}</ul>" if readings else "")
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


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


class StakeholderMapView(DescribedText, W.VBox):
    """Add, change and remove stakeholders; the grid, the summary and the saved copy follow."""

    NOTE = NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self.model, problems, restored = saved_map(self.store)
        self._history: list[StakeholderMap] = []
        self._quiet = False
        self.chart = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        self.chooser = W.Dropdown(
            options=[NEW],
            value=NEW,
            description="Stakeholder",
            tooltip="Choose a stakeholder to change, or (new stakeholder) to add one",
            style={"description_width": "6rem"},
            layout=W.Layout(width="24rem"),
        )
        self.name = W.Text(
            value="",
            placeholder="e.g. Finance director",
            description="Name",
            tooltip=f"The stakeholder's name or role, up to {MAX_NAME} characters",
            style={"description_width": "6rem"},
            layout=W.Layout(width="24rem"),
        )
        self.power = self._slider("Power", "Power: can they shape or stop the work?")
        self.interest = self._slider("Interest", "Interest: how much do they care about it?")
        self.add_button = W.Button(
            description="Add to the map",
            icon="plus",
            button_style="primary",
            tooltip="Add a stakeholder with this name, power and interest",
            layout=W.Layout(width="auto"),
        )
        self.rename_button = W.Button(
            description="Rename",
            icon="pencil",
            tooltip="Give the chosen stakeholder the name in the Name box",
            layout=W.Layout(width="auto"),
        )
        self.remove_button = W.Button(
            description="Remove",
            icon="trash",
            tooltip="Take the chosen stakeholder off the map (Undo brings them back)",
            layout=W.Layout(width="auto"),
        )
        self.undo_button = W.Button(
            description="Undo",
            icon="undo",
            tooltip="Undo the last change to the map",
            layout=W.Layout(width="auto"),
        )
        self.reset_button = W.Button(
            description="Use the example map",
            icon="refresh",
            tooltip="Replace the map with the charity example (Undo brings yours back)",
            layout=W.Layout(width="auto"),
        )
        intro = W.HTML(
            "<h3>Stakeholder map</h3><div style='line-height:1.4'>"
            "To <strong>add</strong> someone, type a name, set their power and interest with "
            "the sliders and press <em>Add to the map</em>. To <strong>change</strong> someone, "
            "choose them in the <em>Stakeholder</em> list: the sliders then move them at once, "
            "and <em>Rename</em> or <em>Remove</em> act on them. Your map is saved as you go. "
            f"With the keyboard: Tab between controls, arrow keys on a slider. Scores run from "
            f"{SCORE_MIN} to {SCORE_MAX}; {HIGH_FROM} or more counts as high.</div>"
        )
        controls = W.VBox(
            [
                self.chooser,
                self.name,
                self.power,
                self.interest,
                W.HBox(
                    [
                        self.add_button,
                        self.rename_button,
                        self.remove_button,
                        self.undo_button,
                        self.reset_button,
                    ],
                    layout=W.Layout(flex_flow="row wrap"),
                ),
                self.status,
            ]
        )
        super().__init__(
            [intro, controls, self.chart, self.summary, self.warning],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.chooser.observe(lambda change: self.choose(change["new"]), names="value")
        self.power.observe(lambda change: self.move("power", change["new"]), names="value")
        self.interest.observe(lambda change: self.move("interest", change["new"]), names="value")
        self.add_button.on_click(lambda _: self.add())
        self.rename_button.on_click(lambda _: self.rename())
        self.remove_button.on_click(lambda _: self.remove())
        self.undo_button.on_click(lambda _: self.undo())
        self.reset_button.on_click(lambda _: self.reset())
        self._refresh_controls()
        self.redraw()
        if problems:
            self.status.value = _message(" ".join(problems), "invalid")
        elif restored:
            self.status.value = _message(
                f"Your saved map is back ({len(self.model)} stakeholders). "
                "Press Use the example map to start again from the example.",
                "saved",
            )

    def _slider(self, label: str, tooltip: str) -> W.IntSlider:
        return W.IntSlider(
            value=MIDDLE,
            min=SCORE_MIN,
            max=SCORE_MAX,
            step=1,
            description=label,
            tooltip=tooltip,
            continuous_update=False,
            style={"description_width": "6rem"},
            layout=W.Layout(width="24rem"),
        )

    # -- state -----------------------------------------------------------------------------------

    @property
    def chosen(self) -> str | None:
        """The name chosen in the list, or None while adding a new stakeholder."""
        value = self.chooser.value
        return None if value in (None, NEW) else value

    def _refresh_controls(self, choose: str | None = None) -> None:
        """Fill the list from the model and enable the buttons that apply."""
        with quietly(self):
            self.chooser.options = [NEW, *self.model.names]
            self.chooser.value = choose if choose in self.model.names else NEW
        editing = self.chosen is not None
        self.add_button.disabled = editing
        self.rename_button.disabled = not editing
        self.remove_button.disabled = not editing
        self.undo_button.disabled = not self._history

    def _change(self, model: StakeholderMap, choose: str | None = None) -> None:
        """Make ``model`` the map: remember the old one, save, redraw and tell the plans."""
        self._history.append(self.model)
        self.model = model
        self._save()
        self._refresh_controls(choose)

    def _save(self) -> None:
        self.store.save_note(SECTION, NOTE_KEY, self.model.to_data())
        self.redraw()
        _tell_plans(self.store, self.model)

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def choose(self, name: str | None) -> None:
        """Choose a stakeholder to change (their scores go to the sliders), or a new one."""
        if self._quiet:
            return
        self._refresh_controls(name)
        person = self.model.find(name) if name not in (None, NEW) else None
        if person is None:
            with quietly(self):
                self.name.value = ""
                self.power.value = self.interest.value = MIDDLE
            self.status.value = _message(
                "Adding a new stakeholder: type a name, set the sliders, press Add to the map.",
                "recorded",
            )
            return
        with quietly(self):
            self.name.value = person.name
            self.power.value = person.power
            self.interest.value = person.interest
        self.status.value = _message(
            f"Changing {person.name}: the sliders move them at once.", "recorded"
        )

    @safe
    def move(self, field: str, score: int) -> None:
        """A slider moved: if a stakeholder is chosen, change their score at once."""
        if self._quiet or self.chosen is None:
            return
        name = self.chosen
        before = self.model.get(name).quadrant
        self._change(self.model.update(name, **{field: score}), choose=name)
        after = self.model.get(name).quadrant
        moved = f"; they move to {after.title.lower()}" if after is not before else ""
        self.status.value = _message(f"{name}: {field} {score}{moved}.", "saved")

    @safe
    def add(self) -> None:
        """Add a stakeholder from the name box and the sliders; a clear message if it cannot."""
        try:
            model = self.model.add(self.name.value, self.power.value, self.interest.value)
        except ValueError as exc:
            self.status.value = _message(_reason(exc), "invalid")
            return
        person = model.stakeholders[-1]
        self._change(model)
        self.name.value = ""
        self.status.value = _message(
            f"Added {person.name}: {person.quadrant.title.lower()} "
            f"(power {person.power}, interest {person.interest}).",
            "saved",
        )

    @safe
    def rename(self) -> None:
        """Give the chosen stakeholder the name in the name box."""
        name = self.chosen
        if name is None:
            self.status.value = _message("Choose a stakeholder in the list first.", "invalid")
            return
        try:
            model = self.model.update(name, new_name=self.name.value)
        except ValueError as exc:
            self.status.value = _message(_reason(exc), "invalid")
            return
        new_name = model.stakeholders[self.model.names.index(name)].name
        if new_name == name:
            self.status.value = _message(
                f"The name is already {name}; type a new one in the Name box.", "empty"
            )
            return
        self._change(model, choose=new_name)
        self.status.value = _message(f"Renamed {name} to {new_name}.", "saved")

    @safe
    def remove(self) -> None:
        """Take the chosen stakeholder off the map."""
        name = self.chosen
        if name is None:
            self.status.value = _message("Choose a stakeholder in the list first.", "invalid")
            return
        self._change(self.model.remove(name))
        self.name.value = ""
        self.status.value = _message(f"Removed {name}. Press Undo to bring them back.", "saved")

    @safe
    def undo(self) -> None:
        """Go back to the map before the last change."""
        if not self._history:
            self.status.value = _message("Nothing to undo yet.", "empty")
            self._refresh_controls()
            return
        self.model = self._history.pop()
        self._save()
        self._refresh_controls(self.chosen)
        self.status.value = _message(
            "Undone: the map is as it was before your last change.", "saved"
        )

    @safe
    def reset(self) -> None:
        """Replace the map with the charity example (undoable)."""
        self._change(StakeholderMap())
        self.name.value = ""
        self.status.value = _message(
            "The example map is back. Press Undo to return to your own map.", "saved"
        )

    @safe
    def redraw(self) -> None:
        """Draw the grid and write the summary for the current map."""
        summary = self.model.summary()
        self.chart.value = img_html(grid_png(summary), summary.alt_text)
        self.summary.value = summary_html(summary)
        full = len(self.model) >= MAX_STAKEHOLDERS
        self.add_button.tooltip = (
            f"The map is full ({MAX_STAKEHOLDERS}); remove someone first"
            if full
            else "Add a stakeholder with this name, power and interest"
        )
        self.warning.value = warnings_html(self.store)

    def _described(self):
        return self.model.summary()


def _reason(exc: ValueError) -> str:
    """A model's message for a learner: without the model's prefix, as a sentence."""
    text = str(exc).removeprefix("stakeholder map: ")
    return text[:1].upper() + text[1:] + "."


# --- the engagement plan ----------------------------------------------------------------------


def plan_html(plan: EngagementPlan) -> str:
    """The plan as HTML: headline, one row per stakeholder, contacts a year and the caveat."""
    if not plan.stakeholders:
        return html_block(
            f"<p role='status' aria-live='polite'><strong>{escape(plan.headline)}</strong></p>"
        )
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(r.stakeholder.name)}</td>"
        f"{_strategy_cell(r.quadrant.key)}"
        f"<td style='{_CELL}'>"
        + "<br>".join(
            f"{escape(a.tactic.name)} <small>({escape(a.cadence.label)})</small>" for a in r.actions
        )
        + "</td></tr>"
        for r in plan.rows
    )
    loads = "".join(f"<li>{escape(load.text)}</li>" for load in plan.loads())
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(plan.headline)}</strong></p>"
        f"<table style='border-collapse:collapse'><thead><tr><th style='{_CELL}'>Stakeholder</th>"
        f"<th style='{_CELL}'>Strategy</th><th style='{_CELL}'>Tactics (cadence)</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"<p style='margin:6px 0 0 0'><strong>Contacts a year</strong></p>"
        f"<ul style='margin:2px 0'>{loads}</ul>"
        f"<p style='margin:2px 0'><small>{escape(COUNTING)}</small></p>"
    )
    caveat = html_block(f"<strong>A starting point</strong>: {escape(NOT_A_RULE)}", "#E69F00")
    return f"<div style='line-height:1.4'>{html_block(body)}{caveat}</div>"


class EngagementPlanView(DescribedText, W.VBox):
    """The starting engagement plan for the stakeholder map, redrawn when the map changes."""

    NOTE = PLAN_NOTE

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self.model, _, _ = saved_map(self.store)
        self.table = W.HTML()
        self.status = W.HTML()
        self.refresh_button = W.Button(
            description="Read my saved map again",
            icon="refresh",
            tooltip="Build the plan from the map saved last (for a map changed in another tab)",
            layout=W.Layout(width="auto"),
        )
        super().__init__(
            [
                W.HTML(
                    "<h3>Engagement plan</h3><div style='line-height:1.4'>Built from your "
                    "stakeholder map: each person gets the starting tactics of their quadrant. "
                    "Change the map above and this plan follows.</div>"
                ),
                self.table,
                W.HBox([self.refresh_button]),
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.refresh_button.on_click(lambda _: self.reload())
        _PLANS.add(self)
        self.redraw()

    def follow(self, store: Store, model: StakeholderMap) -> None:
        """A map view changed its map: show the new plan if it is this plan's learner."""
        if store is self.store:
            self.model = model
            self.redraw()

    @safe
    def reload(self) -> None:
        """Read the saved map again and rebuild the plan."""
        self.model, problems, _ = saved_map(self.store)
        self.redraw()
        self.status.value = (
            _message(" ".join(problems), "invalid")
            if problems
            else _message(
                f"Plan rebuilt from your saved map ({len(self.model)} stakeholders).", "saved"
            )
        )

    @safe
    def redraw(self) -> None:
        """Write the plan for the current map."""
        self.table.value = plan_html(self.model.plan())
        self.status.value = ""

    def _described(self):
        return self.model.plan()


# --- communication channels -------------------------------------------------------------------


def network_png(people: int) -> bytes:
    """The team as dots on a circle with a line between every pair."""
    import numpy as np
    from matplotlib.collections import LineCollection

    def draw(ax: Axes) -> None:
        angles = np.pi / 2 - 2 * np.pi * np.arange(people) / max(people, 1)
        xy = np.column_stack([np.cos(angles), np.sin(angles)])
        i, j = np.triu_indices(people, 1)
        width = 1.2 if people <= 10 else 0.6 if people <= 20 else 0.35
        ax.add_collection(
            LineCollection(np.stack([xy[i], xy[j]], axis=1), colors=PALETTE[0], linewidths=width)
        )
        ax.scatter(xy[:, 0], xy[:, 1], s=60, color=PALETTE[1], edgecolors="black", zorder=3)
        ax.set_title(f"{people} people, {len(i)} channels", fontsize=11)
        ax.set_xlim(-1.2, 1.2)
        ax.set_ylim(-1.2, 1.2)
        ax.set_aspect("equal")
        ax.axis("off")

    return figure_png(draw, size=(3.4, 3.6))


def curve_png(people: int, top: int = MAX_TEAM) -> bytes:
    """Channels against team size, n(n-1)/2 beside n-1, with the chosen size marked."""
    import numpy as np

    def draw(ax: Axes) -> None:
        sizes = np.arange(1, top + 1)
        ax.plot(
            sizes,
            channels_curve(sizes),
            color=PALETTE[0],
            marker="o",
            markersize=3,
            label="everyone with everyone: n(n-1)/2",
        )
        ax.plot(sizes, sizes - 1, color=PALETTE[1], ls="--", label="all through one person: n-1")
        chosen = int(channels_curve([people])[0])
        ax.scatter([people], [chosen], s=120, color=PALETTE[5], edgecolors="black", zorder=4)
        ax.annotate(
            f"{people} people: {chosen} channels",
            (people, chosen),
            xytext=(0.04, 0.66),
            textcoords="axes fraction",
            ha="left",
            va="center",
            fontsize=10,
            fontweight="bold",
            arrowprops={"arrowstyle": "->", "color": "#333333", "lw": 1, "shrinkB": 8},
            zorder=5,
        )
        ax.set_xlim(0, top + 1)
        ax.set_ylim(0, int(channels_curve([top])[0]) * 1.08)
        ax.set_xlabel("People in the team")
        ax.set_ylabel("Communication channels")
        ax.legend(loc="upper left", frameon=False, fontsize=9)
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(5.2, 3.6))


class ChannelsView(TextFallback, W.VBox):
    """A team-size slider; the network drawing, the curve and the words follow."""

    def __init__(self, people: int = 5, store: Store | None = None):
        self.store = store or get_store()
        self.model = Channels(people)
        self.slider = W.IntSlider(
            value=people,
            min=2,
            max=MAX_TEAM,
            step=1,
            description="People",
            tooltip=f"How many people in the team, 2 to {MAX_TEAM}",
            continuous_update=False,
            style={"description_width": "5rem"},
            layout=W.Layout(width="26rem"),
        )
        self.mine_button = W.Button(
            description="My stakeholder map, plus me",
            icon="users",
            tooltip="Set the team size to the people on your stakeholder map, plus you",
            layout=W.Layout(width="auto"),
        )
        self.charts = W.HTML()
        self.words = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Communication channels</h3><div style='line-height:1.4'>Move the "
                    "slider to grow or shrink the team (with the keyboard: Tab to it, then the "
                    "arrow keys). Every pair of people is one channel.</div>"
                ),
                W.HBox([self.slider, self.mine_button], layout=W.Layout(flex_flow="row wrap")),
                self.charts,
                self.words,
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.slider.observe(lambda change: self.set_people(change["new"]), names="value")
        self.mine_button.on_click(lambda _: self.use_my_map())
        self.redraw()

    @safe
    def set_people(self, people: int) -> None:
        """Change the team size and redraw."""
        self.model = Channels(people)
        self.redraw()

    @safe
    def use_my_map(self) -> None:
        """Set the team to everyone on the saved stakeholder map, plus the learner."""
        model, _, _ = saved_map(self.store)
        if not model.stakeholders:
            self.status.value = _message(
                "Your stakeholder map is empty: add stakeholders to it first.", "empty"
            )
            return
        size = min(len(model) + 1, MAX_TEAM)
        self.slider.value = size
        if self.model.people != size:
            self.set_people(size)
        self.status.value = _message(
            f"Your stakeholder map has {len(model)} stakeholders; with you that makes "
            f"{size} people and {self.model.channels} possible channels. You are one end of "
            f"{size - 1} of them; the other {self.model.channels - size + 1} run between "
            "your stakeholders.",
            "recorded",
        )

    @safe
    def redraw(self) -> None:
        """Draw both charts and write the words for the current team size."""
        n = self.model.people
        network = img_html(network_png(n), self.model.network_alt())
        curve = img_html(curve_png(n), self.model.curve_alt())
        self.charts.value = (
            "<div style='display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start'>"
            f"<div style='flex:0 1 340px'>{network}</div>"
            f"<div style='flex:1 1 420px'>{curve}</div></div>"
        )
        lines = self.model.lines()
        body = html_block(
            f"<p role='status' aria-live='polite' style='margin:2px 0'>"
            f"<strong>{escape(lines[0])}</strong></p>"
            + "".join(f"<p style='margin:2px 0'>{escape(line)}</p>" for line in lines[1:])
        )
        self.words.value = f"<div style='line-height:1.4'>{body}</div>"
        self.status.value = ""

    def _text_plain(self) -> str:
        return f"{self.model.text}\n\n{CHANNELS_NOTE}"

    def _text_markdown(self) -> str:
        first, *rest = self.model.lines()
        items = "".join(f"\n- {line}" for line in rest)
        return f"**Communication channels**: {first}\n{items}\n\n_{CHANNELS_NOTE}_"


__all__ = [
    "ChannelsView",
    "EngagementPlanView",
    "StakeholderMapView",
    "curve_png",
    "grid_png",
    "label_spots",
    "network_png",
    "plan_html",
    "summary_html",
]
