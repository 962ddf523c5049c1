"""The user-need checker as a live widget: write a need, check it, keep the good ones.

The draft in the box and the list of needs are saved as one note (``NOTE_KEY``) and come back
when the cell is run again. The checking and the list's rules live in ``model``.
"""

from __future__ import annotations

from html import escape
from typing import ClassVar

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.note_view import NoteView
from ...ui.parts import COLOURS, Lines, html_block, ink, safe
from .model import (
    EXAMPLES,
    NOTE_KEY,
    PART_NAMES,
    PARTS,
    SECTION,
    TEMPLATE,
    ListChange,
    NeedCheck,
    add_need,
    check_need,
    checker_lines,
    needs_from_note,
    remove_need,
)

NOTE = not_running("write and check your own user needs")

#: level -> (colour, symbol, word): the word always carries the meaning.
LEVELS = {
    "problem": (COLOURS["incorrect"], "✗", "Problem"),
    "advice": (COLOURS["partial"], "!", "Suggestion"),
    "good": (COLOURS["correct"], "✓", "Good"),
}
_CELL = "text-align:left;vertical-align:top;padding:1px 12px 1px 0"


def check_html(check: NeedCheck, title: str = "") -> str:
    """A check as HTML: the three parts as read, the verdict and each finding in words."""
    if not check.text:
        return html_block(escape(check.headline), COLOURS["empty"])
    rows = "".join(
        f"<tr><th scope='row' style='{_CELL}'>{escape(PART_NAMES[p].capitalize())}</th>"
        f"<td style='{_CELL}'>{escape(check.parts[p]) or '<em>missing</em>'}</td></tr>"
        for p in PARTS
    )
    items = "".join(
        f"<li><span aria-hidden='true' style='color:{ink(LEVELS[f.level][0])};font-weight:bold'>"
        f"{LEVELS[f.level][1]}</span> <strong>{LEVELS[f.level][2]}, {escape(f.title)}</strong>: "
        f"{escape(f.message)}</li>"
        for f in check.findings
    )
    colour = LEVELS["problem" if check.problems else "advice" if check.advice else "good"][0]
    heading = f"<p style='margin:2px 0'><em>{escape(title)}</em></p>" if title else ""
    body = (
        f"{heading}<p style='margin:2px 0'>“{escape(check.text)}”</p>"
        f"<table style='margin:4px 0'>{rows}</table>"
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(check.headline)}</strong></p>"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


def saved_html(saved: list[str]) -> str:
    """The learner's saved statements, each with its verdict."""
    if not saved:
        return "<p style='margin:2px 0'><em>No statements saved yet.</em></p>"
    items = "".join(
        f"<li>“{escape(s)}” <small>({escape(check_need(s).verdict.lower())})</small></li>"
        for s in saved
    )
    return (
        f"<p style='margin:6px 0 2px'><strong>My user needs</strong> ({len(saved)})</p>"
        f"<ol style='margin:2px 0'>{items}</ol>"
    )


def shortened(text: str, most: int = 50) -> str:
    """``text``, cut to ``most`` characters with an ellipsis."""
    return text if len(text) <= most else text[: most - 1] + "…"


class UserNeedView(NoteView):
    """A box for a need statement, Check and Save buttons, feedback, a saved list, examples."""

    TITLE = "User-need checker"
    INTRO = (
        f"Write one user need in the form <em>{escape(TEMPLATE)}</em> Then press <strong>Check"
        "</strong>. The checker reads the three parts and looks for words that name a solution. "
        "It works on words alone, so treat each flag as a question to ask, not a verdict."
    )
    NOTE = NOTE
    KEY = NOTE_KEY
    SECTION = SECTION
    NOUN = "user needs"
    LABELS: ClassVar[dict[str, str]] = {"saved": "My user needs"}

    def build(self) -> list[W.Widget]:
        self.saved: list[str] = []
        self._listed: tuple[str, ...] | None = None
        self.box = self.text(
            "draft",
            "Your need",
            placeholder=TEMPLATE,
            tooltip="Write one user need: As a ..., I need to ..., so that ...",
            rows=3,
            label_width="6rem",
        )
        self.box.layout.max_width = "48rem"
        check = self.check_control("Check", "Check this need")
        self.save_button = self.button(
            "Save to my list", self.save_to_list, icon="save", tooltip="Keep this need in your list"
        )
        self.remove_menu = controls.choice(
            "Remove",
            [("Choose…", "")],
            "",
            tooltip="Choose a saved need to remove",
            label_width="4rem",
        )
        self.remove_menu.layout.width = "22rem"
        self.remove_button = self.button(
            "Remove", self.remove, icon="trash", tooltip="Remove the chosen need from your list"
        )
        self.example_menu = controls.choice(
            "Check an example",
            [("Choose…", ""), *((label, label) for label, _ in EXAMPLES)],
            "",
            tooltip="Check one of the example needs; your own text stays in the box",
            label_width="9rem",
        )
        self.example_menu.layout.width, self.example_menu.layout.max_width = "30rem", controls.FULL
        self.example_menu.observe(lambda change: self.show_example(change["new"]), names="value")
        self.saved_list = W.HTML()
        self.example = W.HTML()
        return [
            self.box,
            controls.row(check, self.save_button),
            self.feedback,
            self.saved_list,
            controls.row(self.remove_menu, self.remove_button),
            self.example_menu,
            self.example,
        ]

    # -- the note: the draft (the box) and the list -------------------------------------------

    @property
    def own(self) -> dict:
        return {"draft": self.box.value, "saved": list(self.saved)}

    def read(self, note: object) -> dict:
        return needs_from_note(note)

    def fill(self, own) -> None:
        super().fill(own)
        self.saved = list(own.get("saved", []))

    # -- the loop -------------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        self.model: NeedCheck = check_need(settings["draft"])

    def render(self) -> None:
        checked = self.box.value or self._moment == "checked"
        self.feedback.value = check_html(self.model) if checked else ""
        if self._listed != tuple(self.saved):  # the list and the Remove menu only when changed
            self._listed = tuple(self.saved)
            self.saved_list.value = saved_html(self.saved)
            self.remove_menu.options = [
                ("Choose…", ""),
                *((f"{i}. {shortened(s)}", s) for i, s in enumerate(self.saved, 1)),
            ]
            self.remove_menu.value = ""
            self.remove_menu.disabled = self.remove_button.disabled = not self.saved

    def describe(self) -> Lines:
        return Lines(tuple(checker_lines(self.box.value, self.saved)))

    # -- actions --------------------------------------------------------------------------------

    def _apply(self, change: ListChange) -> bool:
        """Take the list as ``change`` leaves it (saving and redrawing if it changed) and say
        its message; True if the list changed."""
        moved = list(change.saved) != self.saved
        if moved:
            self.saved = list(change.saved)
            self.changed()
        self.say(change.message, change.kind)
        return moved

    @safe
    def save_to_list(self) -> bool:
        """Check the statement in the box and add it to the list; True if it was added."""
        result = self.check()
        if result is None:  # the check failed and says so
            return False
        return self._apply(add_need(self.saved, result))

    @safe
    def remove(self) -> bool:
        """Remove the need chosen in the Remove menu; True if one was removed."""
        return self._apply(remove_need(self.saved, self.remove_menu.value))

    @safe
    def show_example(self, label: str) -> None:
        """Show the check of one example beside the learner's own (which is left alone)."""
        texts = dict(EXAMPLES)
        self.example.value = (
            check_html(check_need(texts[label]), f"Example: {label}") if label else ""
        )
