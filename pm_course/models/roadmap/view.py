"""The Now / Next / Later roadmap as a live widget: add items, move them, check for dates.

The board starts with a made-up food bank's items (or the learner's saved board) and is saved
after every change as one note under ``KEY``, in the format it has always had: the board's
items, and the learner's own board kept aside under "mine" while an empty board or the example
is shown ("Back to my board" brings it back). The board, its checks and what each action does
live in ``model``; the HTML in ``render``.
"""

from __future__ import annotations

import ipywidgets as W

from ...course.store import Store
from ...course.text import not_running
from ...ui import controls
from ...ui.model_view import ModelView
from ...ui.parts import status_html
from .model import (
    COLUMNS,
    EXAMPLE,
    MAX_CHARS,
    NONE,
    NOTE_KEY,
    SECTION,
    TITLE,
    TITLES,
    Change,
    Roadmap,
    Words,
    add_item,
    choices,
    instead,
    move_item,
    read_note,
    remove_item,
    to_note,
    toggle_item,
)
from .render import board_html, checks_html

LABEL = "5.5rem"
WIDE = {"width": "36rem", "max_width": controls.FULL}
#: button -> (label, icon, tooltip), in the order they are shown.
BUTTONS = {
    "add": ("Add to the board", "plus", "Add the new item to the bottom of its column"),
    "earlier": ("Move earlier", "arrow-left", "Move the chosen item one column towards Now"),
    "later": ("Move later", "arrow-right", "Move the chosen item one column towards Later"),
    "fixed": (
        "Hard deadline on/off",
        "thumb-tack",
        "Mark or unmark the chosen item as a hard deadline (a real constraint)",
    ),
    "remove": ("Remove", "trash", "Remove the chosen item from the board"),
    "empty": ("Start an empty board", "file-o", "Clear the board; your own board is kept aside"),
    "example": (
        "Load the example",
        "lightbulb-o",
        "Show a made-up food bank's board; your own board is kept aside",
    ),
    "mine": ("Back to my board", "undo", "Put your own board back"),
}


def _heading(text: str) -> W.HTML:
    return W.HTML(f"<p style='margin:8px 0 2px'><strong>{text}</strong></p>")


def _row(*children: W.Widget) -> W.HBox:
    return W.HBox(list(children), layout=W.Layout(flex_flow="row wrap", align_items="center"))


class RoadmapView(ModelView):
    """A Now / Next / Later board: add, move, mark and remove items; saved as you go."""

    TITLE = TITLE
    INTRO = (
        "<p style='margin:2px 0'>Three columns, grouped by how certain the work is, and no "
        "dates. The board starts with a made-up food bank's items: change them into your "
        "own, or start an empty board. Add an item with its column; choose an item to move "
        "it, mark it or remove it. Your board is saved after every change.</p>"
    )
    NOTE = not_running("build your own Now / Next / Later board")
    KEY, SECTION = NOTE_KEY, SECTION

    def __init__(self, store: Store | None = None):
        self.board: Roadmap = EXAMPLE
        self.mine: Roadmap | None = None  # the learner's own board, kept aside
        self._keep: str | None = None  # the item to keep chosen after a change
        self._news: tuple[str, str] | None = None  # what the next picture says, and its kind
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.board_view, self.checks = W.HTML(), W.HTML()
        self.new_text = controls.text(
            "New item",
            placeholder="e.g. Let supporters change a regular gift themselves",
            tooltip=f"A problem to solve or an idea, in {MAX_CHARS} characters or fewer "
            "(Enter adds it)",
            label_width=LABEL,
            submit=self.add_new_item,
        )
        self.new_text.continuous_update = True  # Add reads the box as it is
        self.new_text.layout = W.Layout(**WIDE)
        self.new_column = controls.choice(
            "Column",
            [(TITLES[c], c) for c in COLUMNS],
            "now",
            tooltip="Now, Next or Later: how certain is this work?",
            label_width=LABEL,
        )
        self.new_column.layout = W.Layout(width="12.5rem")
        self.new_fixed = controls.tick(
            "Hard deadline (a real constraint)",
            tooltip="Tick only for a date fixed from outside: a funder, a law, a contract",
        )
        self.chooser = controls.choice(
            "Item",
            choices(self.board),
            NONE,
            tooltip="Choose an item to move, mark or remove",
            label_width=LABEL,
        )
        self.chooser.layout = W.Layout(**WIDE)
        self._buttons()
        return [
            self.board_view,
            self.checks,
            _heading("Add an item"),
            self.new_text,
            _row(self.new_column, self.new_fixed, self.add_button),
            _heading("Change an item"),
            self.chooser,
            _row(self.earlier_button, self.later_button, self.fixed_button, self.remove_button),
            _heading("The whole board"),
            _row(self.empty_button, self.example_button, self.mine_button),
        ]

    def _buttons(self) -> None:
        actions = {
            "add": self.add_new_item,
            "earlier": lambda: self.move(-1),
            "later": lambda: self.move(1),
            "fixed": self.toggle_fixed,
            "remove": self.remove,
            "empty": self.start_empty,
            "example": self.load_example,
            "mine": self.back_to_mine,
        }
        made = [
            self.button(label, actions[key], icon=icon, tooltip=tip, primary=key == "add")
            for key, (label, icon, tip) in BUTTONS.items()
        ]
        (
            self.add_button,
            self.earlier_button,
            self.later_button,
            self.fixed_button,
            self.remove_button,
            self.empty_button,
            self.example_button,
            self.mine_button,
        ) = made

    # -- the note is the board itself (and the learner's own, kept aside), not the controls ---

    @property
    def settings(self) -> dict:
        return to_note(self.board, self.mine)

    def restore(self) -> list[str]:
        self.board, self.mine, problems = read_note(self.store.note(self.KEY))
        if problems:  # said in the board's own words, as it always has been
            self._news = (" ".join(problems), "invalid")
        return []

    # -- the loop -----------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        """Nothing to do: the board is the model, and each action changes it."""

    def render(self) -> None:
        news, self._news = self._news, None
        self.board_view.value = board_html(self.board)
        self.checks.value = checks_html(self.board)
        options = choices(self.board)
        self.chooser.options = options
        self.chooser.value = next(
            (i for _, i in options if i != NONE and self.board.items[i].text == self._keep),
            NONE,
        )
        if news:
            self.say(*news)

    def describe(self) -> Words:
        return Words(tuple(self.board.lines()))

    def say(self, text: str, kind: str) -> None:
        """A one-line status message (see :func:`~pm_course.ui.parts.status_html`)."""
        self.status.value = status_html(text, kind)

    # -- actions ------------------------------------------------------------------------------

    def _apply(self, change: Change) -> bool:
        """Show, save and say what an action did; only say it if the board is unchanged."""
        if change.kind == "invalid":
            self.say(change.message, change.kind)
            return False
        self.board, self._keep = change.board, change.keep
        self._news = (change.message, change.kind)
        self.changed()
        return True

    def _chosen(self) -> int | None:
        chosen = self.chooser.value
        if chosen == NONE or chosen is None:
            self.say("Choose an item in the Item menu first.", "empty")
            return None
        return chosen

    def add_new_item(self) -> bool:
        """Add the new item to its column; a clear message (and the text kept) if it cannot."""
        new = (self.new_text.value, self.new_column.value, self.new_fixed.value)
        change = add_item(self.board, *new)
        if change.kind != "invalid":
            self.new_text.value, self.new_fixed.value = "", False
        return self._apply(change)

    def move(self, step: int) -> bool:
        """Move the chosen item one column later (1) or earlier (-1)."""
        index = self._chosen()
        return index is not None and self._apply(move_item(self.board, index, step))

    def toggle_fixed(self) -> bool:
        """Mark or unmark the chosen item as a hard deadline."""
        index = self._chosen()
        return index is not None and self._apply(toggle_item(self.board, index))

    def remove(self) -> bool:
        """Remove the chosen item."""
        index = self._chosen()
        return index is not None and self._apply(remove_item(self.board, index))

    def start_empty(self) -> None:
        """Clear the board, keeping the learner's own board aside."""
        change, self.mine = instead(self.board, self.mine, Roadmap(), "The board is empty.")
        self._apply(change)

    def load_example(self) -> None:
        """Show the example board, keeping the learner's own board aside."""
        change, self.mine = instead(self.board, self.mine, EXAMPLE, "The example board is back.")
        self._apply(change)

    def back_to_mine(self) -> None:
        """Put the learner's own board back."""
        if self.mine is None:
            self.say("There is no board of yours kept aside.", "empty")
            return
        mine, self.mine = self.mine, None
        self._apply(Change(mine, "Your own board is back."))


__all__ = ["RoadmapView"]
