"""Text-box models on the ModelView base: write, press Check, read the feedback; kept as a note.

A :class:`NoteView` is a :class:`~pm_course.ui.model_view.ModelView` whose settings are what
the learner writes in text boxes (made with ``self.text``). It adds what every such view needs:

- **Check**: :meth:`check` reads what the boxes hold at that moment, updates the model, saves
  the note and redraws; while it renders, :attr:`said` is the line that follows the feedback's
  headline ("Saved: run this cell again ..." or "Kept for this session only"). After a restart
  :attr:`said` is "(your saved ...)". ``self.check_control(...)`` makes the button.
- **No stale feedback**: every box sends its text once, when the learner leaves it (not on each
  key, which queued updates behind a button press). A box that is not live then keeps the draft
  and clears the feedback, which was about the old text, until Check is pressed again. Enter in
  a one-line box checks, as the button does.
- **The note's own format**: ``FIELD`` nests the boxes in the note (``{"slots": {...}}``) and
  :meth:`read` turns a saved note into the boxes' values (a view whose note holds more than
  text, such as a list, overrides it with its model's reader). What the reader has to leave out
  is reported ("Check the settings") and the rest restored.
- **Kept aside** (``ASIDE``): loading an example or clearing the boxes keeps the learner's own
  text under "mine" in the note; :meth:`back_to_mine` (``self.mine_control()``) puts it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import ipywidgets as W

from ..course.store import Store
from . import controls
from .model_view import ModelView
from .parts import quietly, safe, saved_note, status_html, warnings_html


def written(own: Mapping[str, Any]) -> bool:
    """True when any box in ``own`` holds more than spaces."""
    return any(isinstance(v, str) and v.strip() for v in own.values())


def _short(value: object, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


class NoteView(ModelView):
    """Text boxes checked with a button, saved as one note under ``KEY``."""

    #: What the learner writes ("card", "statement", "kernel", "list").
    NOUN: ClassVar[str] = ""
    #: Where "Back to my ..." puts it (" in the boxes", or "" for a single box).
    BACK: ClassVar[str] = " in the boxes"
    #: The key the boxes sit under in the note (None: at its top level).
    FIELD: ClassVar[str | None] = None
    #: True: examples keep the learner's own text aside under "mine" in the note.
    ASIDE: ClassVar[bool] = False
    #: The examples' boxes: what the learner has not written, so it is never kept aside.
    EXAMPLES: ClassVar[tuple[Mapping[str, Any], ...]] = ()
    #: Words for what the note keeps beside the boxes (a list, say), as problems name it.
    LABELS: ClassVar[Mapping[str, str]] = {}

    def __init__(self, *, store: Store | None = None):
        self.feedback = W.HTML()
        self.mine: dict[str, Any] | None = None
        self.kept: bool | None = True
        self._moment = "edited"
        self.enters: dict[str, controls.Enter] = {}  # one-line boxes in which Enter checks
        self._checked: dict[str, Any] | None = None  # the boxes as last checked
        self._waiting = controls.Waiting(self.check)  # Check pressed, new text on its way
        super().__init__(store=store)
        for name, control in self.controls.items():
            if name not in self._live and name not in self.enters:
                control.observe(self._on_edit, names="value")

    # -- building ---------------------------------------------------------------------------

    def text(self, name: str, label: str, value: str = "", *, live: bool = False, **kw):
        """A registered text box that sends its text when the learner leaves it; in a one-line
        box, Enter checks (once, on the text typed: see :class:`~pm_course.ui.controls.Enter`)."""
        box = super().text(name, label, value, live=live, **kw)
        box.continuous_update = False
        if isinstance(box, W.Text) and not live:
            self.enters[name] = controls.Enter(box, self.check, lambda: self._on_edit({}))
        return box

    def check_control(self, label: str, tooltip: str) -> W.Button:
        """The Check button (``self.check_button``): check the boxes now, save and say so."""
        self.check_button = self.button(
            label, self._pressed, icon="check", tooltip=tooltip, primary=True
        )
        return self.check_button

    def mine_control(self) -> W.Button:
        """The "Back to my ..." button (``self.mine_button``)."""
        self.mine_button = self.button(
            f"Back to my {self.NOUN}",
            self.back_to_mine,
            icon="undo",
            tooltip=f"Put your own {self.NOUN} back{self.BACK}",
        )
        return self.mine_button

    # -- the note -----------------------------------------------------------------------------

    @property
    def own(self) -> dict[str, Any]:
        """What the learner wrote: each box's text (a view adds what else its note keeps)."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def settings(self) -> dict[str, Any]:
        """The note as saved: the boxes (under ``FIELD``), and what is kept aside."""
        own = self.own
        note: dict[str, Any] = {self.FIELD: own} if self.FIELD else dict(own)
        if self.ASIDE:
            note["mine"] = self.mine
        return note

    def read(self, note: object) -> dict[str, Any]:
        """The boxes' values in a saved note; anything unreadable comes back empty."""
        boxes = note.get(self.FIELD) if self.FIELD and isinstance(note, dict) else note
        boxes = boxes if isinstance(boxes, dict) else {}
        return {k: boxes[k] if isinstance(boxes.get(k), str) else "" for k in self.controls}

    def fill(self, own: Mapping[str, Any]) -> None:
        """Put ``own`` (as :meth:`read` gives it) in the boxes without redrawing; a box it
        leaves out is emptied."""
        with quietly(self):
            for name, control in self.controls.items():
                control.value = own.get(name, "")

    def restore(self) -> list[str]:
        if self.KEY is None:
            return []
        note = self.store.note(self.KEY)
        if note is None:
            return []
        problems = self.load(note)
        if written(self.own):
            self._moment = "restored"
        return problems

    def load(self, values: object) -> list[str]:
        """Fill the boxes from a saved note without redrawing; returns what could not be used."""
        own = self.read(values)
        self.fill(own)
        if self.ASIDE:
            self.mine = self._aside_in(values)
        return self._dropped(values, own)

    def _dropped(self, note: object, own: Mapping[str, Any]) -> list[str]:
        """What :meth:`read` had to leave out of a saved note, in words."""
        unreadable = [f"the saved {self.NOUN} could not be read"]
        if not isinstance(note, dict):
            return unreadable
        boxes = note.get(self.FIELD) if self.FIELD else note
        if boxes is None:
            return []
        if not isinstance(boxes, dict):
            return unreadable
        return [
            f"{self._label(name)}: {_short(boxes[name])}"
            for name, value in own.items()
            if name in boxes and boxes[name] != value
        ]

    def _label(self, name: str) -> str:
        control = self.controls.get(name)
        return self.LABELS.get(name) or (control.description if control else "") or name

    def _aside_in(self, note: object) -> dict[str, Any] | None:
        mine = note.get("mine") if isinstance(note, dict) else None
        if not isinstance(mine, dict):
            return None
        own = self.read({self.FIELD: mine} if self.FIELD else mine)
        return own if written(own) else None

    def save(self) -> bool:
        self.kept = super().save()
        return self.kept

    # -- the change path ------------------------------------------------------------------------

    def changed(self, *, save: bool = True, moment: str | None = None) -> None:
        """Update, save and redraw (see the base); ``moment`` ("checked") is what :attr:`said`
        reports while it renders."""
        if moment:
            self._moment = moment
        try:
            super().changed(save=save)
        finally:
            self._moment = "edited"
        if self.ASIDE:
            self.mine_button.disabled = self.mine is None

    @property
    def said(self) -> str:
        """HTML that follows the feedback's headline: saved just now, or restored."""
        if self._moment == "checked":
            return saved_note(bool(self.kept), self.NOUN)
        if self._moment == "restored":
            return f" <small>(your saved {self.NOUN})</small>"
        return ""

    def _pressed(self) -> None:
        """The Check button. Boxes that still hold what was checked last may have new text on
        its way (held back behind a box's previous message): check it as it lands, or after a
        moment if none comes."""
        if self._checked is not None and self.own == self._checked:
            self._waiting.arm()
        else:
            self.check()

    @safe
    def check(self) -> Any:
        """Check what the boxes hold now, save it and say so; returns the model (None if the
        check could not be made)."""
        self._checked = self.own
        self.kept = None
        self.changed(moment="checked")
        return None if self.kept is None else self.model

    def _on_edit(self, _change: dict) -> None:
        if not self._quiet and not self._waiting.arrived():
            self.edited()

    @safe
    def edited(self) -> None:
        """A box that is not live changed: keep the draft, and clear the feedback on the old
        text (it comes back when Check is pressed)."""
        self.save()
        self.feedback.value = ""
        self.warning.value = warnings_html(self.store)

    # -- examples and the learner's own text ------------------------------------------------------

    def say(self, text: str, kind: str) -> None:
        """A one-line status message (see :func:`~pm_course.ui.parts.status_html`)."""
        self.status.value = status_html(text, kind)

    def is_example(self, own: Mapping[str, Any]) -> bool:
        """True when ``own`` is one of the examples (so it is not the learner's own)."""
        return own in self.EXAMPLES

    def show_example(self, own: Mapping[str, Any], text: str, aside: str | None = None) -> None:
        """Fill the boxes with ``own`` (an example, or nothing), keeping the learner's own text
        aside; save, redraw and say ``text``."""
        current = self.own
        if written(current) and not self.is_example(current):
            self.mine = current
        self.fill(own)
        self.changed()
        if self.status.value:  # a fault is showing: leave it
            return
        if aside is None:
            aside = f" Your own {self.NOUN} is kept: press Back to my {self.NOUN}."
        self.say(f"{text}{aside if self.mine else ''}", "recorded")

    @safe
    def back_to_mine(self) -> None:
        """Put the learner's own text back."""
        if self.mine is None:
            self.say(f"There is no {self.NOUN} of yours kept aside.", "empty")
            return
        mine, self.mine = self.mine, None
        self.fill(mine)
        self.changed()
        self.say(f"Your own {self.NOUN} is back{self.BACK}.", "saved")
