"""The user-need checker as a live widget: write a need, check it, keep the good ones.

What the learner types and saves is kept with ``Store.save_note`` under ``NOTE_KEY`` and comes
back when the cell is run again. The checking lives in ``user_need``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.parts import COLOURS, TextFallback, html_block, safe
from .model import EXAMPLES, PART_NAMES, PARTS, TEMPLATE, NeedCheck, check_need

SECTION = "05_value"
NOTE_KEY = "value-need-checker"
NOTE = "Run this cell in JupyterLab to write and check your own user needs."
#: How many statements the list keeps.
MAX_SAVED = 20

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
        f"<li><span aria-hidden='true' style='color:{LEVELS[f.level][0]};font-weight:bold'>"
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


class UserNeedView(TextFallback, W.VBox):
    """A box for a need statement, Check and Save buttons, feedback, a saved list, examples."""

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        note = self.store.note(NOTE_KEY, default={})
        note = note if isinstance(note, dict) else {}
        draft = note.get("draft") if isinstance(note.get("draft"), str) else ""
        saved = note.get("saved") if isinstance(note.get("saved"), list) else []
        self.saved: list[str] = [s for s in saved if isinstance(s, str) and s.strip()][:MAX_SAVED]
        self.box = W.Textarea(
            value=draft,
            placeholder=TEMPLATE,
            rows=3,
            continuous_update=False,
            description="Your need",
            tooltip="Write one user need: As a ..., I need to ..., so that ...",
            style={"description_width": "6rem"},
            layout=W.Layout(width="100%", max_width="48rem"),
        )
        self.check_button = W.Button(
            description="Check", button_style="primary", icon="check", tooltip="Check this need"
        )
        self.save_button = W.Button(
            description="Save to my list", icon="save", tooltip="Keep this need in your list"
        )
        self.remove_menu = W.Dropdown(
            options=self._remove_options(),
            value="",
            description="Remove",
            tooltip="Choose a saved need to remove",
            style={"description_width": "4rem"},
            layout=W.Layout(width="22rem"),
        )
        self.remove_button = W.Button(
            description="Remove", icon="trash", tooltip="Remove the chosen need from your list"
        )
        self.example_menu = W.Dropdown(
            options=[("Choose…", ""), *((label, label) for label, _ in EXAMPLES)],
            value="",
            description="Check an example",
            tooltip="Check one of the example needs; your own text stays in the box",
            style={"description_width": "9rem"},
            layout=W.Layout(width="30rem", max_width="100%"),
        )
        self.feedback = W.HTML()
        self.saved_list = W.HTML()
        self.example = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>User-need checker</h3><div style='line-height:1.4'>Write one user need "
                    f"in the form <em>{escape(TEMPLATE)}</em> Then press <strong>Check"
                    "</strong>. The checker reads the three parts and looks for words that name "
                    "a solution. It works on words alone, so treat each flag as a question to "
                    "ask, not a verdict.</div>"
                ),
                self.box,
                W.HBox([self.check_button, self.save_button]),
                self.feedback,
                self.saved_list,
                W.HBox([self.remove_menu, self.remove_button]),
                self.example_menu,
                self.example,
                self.status,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.check_button.on_click(lambda _: self.check())
        self.save_button.on_click(lambda _: self.save())
        self.remove_button.on_click(lambda _: self.remove())
        self.box.observe(lambda _: self._keep(), names="value")
        self.example_menu.observe(lambda change: self.show_example(change["new"]), names="value")
        self._show()

    # -- state ----------------------------------------------------------------------------------

    def _remove_options(self) -> list[tuple[str, str]]:
        def short(s: str) -> str:
            return s if len(s) <= 50 else s[:49] + "…"

        return [("Choose…", ""), *((f"{i}. {short(s)}", s) for i, s in enumerate(self.saved, 1))]

    def _keep(self) -> None:
        """Save the draft and the list, so nothing typed is lost."""
        self.store.save_note(SECTION, NOTE_KEY, {"draft": self.box.value, "saved": self.saved})

    def _show(self) -> None:
        self.feedback.value = check_html(check_need(self.box.value)) if self.box.value else ""
        self.saved_list.value = saved_html(self.saved)
        self.remove_menu.options = self._remove_options()
        self.remove_menu.value = ""
        self.remove_menu.disabled = self.remove_button.disabled = not self.saved
        self.status.value = ""

    def _message(self, text: str, kind: str = "invalid") -> None:
        self.status.value = html_block(escape(text), COLOURS[kind])

    # -- actions --------------------------------------------------------------------------------

    @safe
    def check(self) -> NeedCheck:
        """Check what is in the box and show the findings."""
        result = check_need(self.box.value)
        self._keep()
        self.feedback.value = check_html(result)
        self.status.value = ""
        return result

    @safe
    def save(self) -> bool:
        """Add the statement in the box to the list (checked first); True if it was added."""
        result = self.check()
        if result is None or not result.text:
            self._message("Write a user need in the box before saving it.", "empty")
            return False
        if result.text in self.saved:
            self._message("That need is already in your list.", "recorded")
            return False
        if len(self.saved) >= MAX_SAVED:
            self._message(
                f"Your list holds {MAX_SAVED} needs, the most it keeps. Remove one to add another."
            )
            return False
        self.saved.append(result.text)
        self._keep()
        self._show()
        note = (
            f" It still has {len(result.problems)} problem"
            f"{'s' if len(result.problems) != 1 else ''} to fix."
            if result.problems
            else ""
        )
        self._message(f"Saved as need {len(self.saved)} in your list.{note}", "saved")
        return True

    @safe
    def remove(self) -> bool:
        """Remove the need chosen in the Remove menu."""
        chosen = self.remove_menu.value
        if not chosen:
            self._message("Choose a need in the Remove menu first.", "empty")
            return False
        self.saved = [s for s in self.saved if s != chosen]
        self._keep()
        self._show()
        self._message("Removed from your list.", "recorded")
        return True

    @safe
    def show_example(self, label: str) -> None:
        """Show the check of one example beside the learner's own (which is left alone)."""
        texts = dict(EXAMPLES)
        if not label:
            self.example.value = ""
            return
        self.example.value = check_html(check_need(texts[label]), f"Example: {label}")

    # -- text forms -----------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        current = check_need(self.box.value)
        lines = ["User-need checker", f"Form: {TEMPLATE}", ""]
        if current.text:
            lines += ["Your statement, as checked:", *current.lines()]
        else:
            label, text = EXAMPLES[1]
            lines += [f"Example ({label}):", *check_need(text).lines()]
        lines += ["", f"My user needs: {len(self.saved)} saved."]
        lines += [
            f"{i}. {s} ({check_need(s).verdict.lower()})" for i, s in enumerate(self.saved, 1)
        ]
        return lines

    def _text_plain(self) -> str:
        return "\n".join([*self._lines(), "", NOTE])

    def _text_markdown(self) -> str:
        return "\n\n".join(["\n".join(self._lines()).replace("\n", "  \n"), f"_{NOTE}_"])
