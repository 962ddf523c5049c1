"""The vision statement builder as a live widget: one box per slot of Moore's template, a
preview of the whole statement, and a check of every slot.

What the learner types is saved as a note whenever a box changes, and filled in again when the
cell is re-run or the kernel restarted. Filling in the example or clearing the boxes keeps the
learner's own statement aside ("Back to my statement" brings it back), so nothing typed is
lost. The checking lives in ``model``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.text import not_running
from ...ui.controls import FULL
from ...ui.note_view import NoteView
from ...ui.parts import COLOURS, Lines, html_block, safe, verdict_html
from ...ui.parts import MARKS as MARKS
from .model import (
    EXAMPLE,
    NOTE_KEY,
    SECTION,
    SLOT_BY_KEY,
    SLOTS,
    TEMPLATE_TEXT,
    SlotCheck,
    VisionCheck,
    article,
    builder_lines,
    check_statement,
    is_missing,
    slots_from_note,
)

NOTE = not_running("write, check and save your own vision statement")

HOW_IT_WORKS = (
    "The checks read words, not meaning. A slot is missing when it is empty or still a "
    "placeholder, and too long past a word limit per slot (the whole statement should be quick "
    "to say). The need is checked against a list of solution words (app, website, portal, "
    "dashboard, chatbot and others) and against the product's name. The differentiator is "
    "flagged when it leans on a comparative such as 'better' or 'faster' and gives no reason "
    "or mechanism (no 'because', 'by', 'with' and so on, and little else of substance). The "
    "checks cannot tell whether the customer is the right one or the benefit is true, they "
    "miss words not on their lists, and short nonsense passes: treat each flag as a question."
)


def preview_html(check: VisionCheck) -> str:
    """The statement with each filled slot in bold and each empty slot as a grey [label]."""
    slots = check.slots

    def part(key: str) -> str:
        text = slots[key]
        if is_missing(text):
            label = escape(SLOT_BY_KEY[key].label)
            return f"<span style='color:#666;font-style:italic'>[{label}]</span>"
        return f"<strong>{escape(text)}</strong>"

    a = article(slots["category"]) if not is_missing(slots["category"]) else "a"
    sentence = (
        f"For {part('customer')} who {part('need')}, {part('product')} is {a} "
        f"{part('category')} that {part('benefit')}. Unlike {part('alternative')}, our product "
        f"{part('differentiator')}."
    )
    return (
        "<div style='line-height:1.5'>"
        + html_block(
            "<p style='margin:2px 0'><small>Preview</small></p>"
            f"<p style='margin:2px 0 4px;font-size:1.1em'>{sentence}</p>",
            "#56B4E9",
        )
        + "</div>"
    )


def slot_html(check: SlotCheck) -> str:
    """One slot's verdict and feedback as a list item."""
    return verdict_html(check.status, check.slot.label, check.verdict, check.messages)


def checks_html(check: VisionCheck, note: str = "") -> str:
    """The headline and a line per slot."""
    if check.empty:
        return html_block(escape(check.headline), COLOURS["empty"])
    colour = (
        COLOURS["correct"]
        if not check.flags and check.filled == len(SLOTS)
        else (COLOURS["partial"])
    )
    items = "".join(slot_html(c) for c in check.checks)
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(check.headline)}</strong>{note}</p>"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


class VisionView(NoteView):
    """Seven boxes in the shape of the template; the preview and the checks follow each box."""

    TITLE = "Vision statement builder"
    INTRO = (
        f"<p style='margin:2px 0'>Geoffrey Moore's template: <strong>{escape(TEMPLATE_TEXT)}"
        "</strong></p><p style='margin:2px 0'>Write one slot in each box, for your own "
        "product or service (Tab moves to the next box; the preview and the checks follow "
        "when you leave a box or press Enter). Your statement is saved on this computer and "
        "comes back when you run the cell again.</p>"
        "<details><summary><small>How do the checks work, and what can they not do?"
        f"</small></summary><small>{escape(HOW_IT_WORKS)}</small></details>"
    )
    NOTE = NOTE
    KEY = NOTE_KEY
    SECTION = SECTION
    NOUN = "statement"
    FIELD = "slots"
    ASIDE = True
    EXAMPLES = (EXAMPLE,)

    def build(self) -> list[W.Widget]:
        self.boxes = {slot.key: self._box(slot) for slot in SLOTS}
        rows = [
            W.HBox(
                [
                    W.HTML(
                        f"<div style='text-align:right;font-style:italic'>{escape(s.lead)}</div>",
                        layout=W.Layout(width="6.5rem", min_width="6.5rem"),
                    ),
                    self.boxes[s.key],
                ],
                layout=W.Layout(width=FULL, max_width="52rem"),
            )
            for s in SLOTS
        ]
        self.preview = W.HTML()
        self.check_control(
            "Check and save", "Check every slot and save the statement (feedback appears below)"
        )
        self.example_button = self.button(
            "Fill in the example",
            self.fill_example,
            icon="lightbulb-o",
            tooltip="Fill the boxes with a worked example; your own statement is kept aside",
        )
        self.clear_button = self.button(
            "Clear the boxes",
            self.clear,
            icon="eraser",
            tooltip="Empty every box; your own statement is kept aside",
        )
        buttons = [self.check_button, self.example_button, self.clear_button, self.mine_control()]
        return [
            *rows,
            self.preview,
            W.HBox(buttons, layout=W.Layout(flex_flow="row wrap")),
            self.status,
            self.feedback,
            self.warning,
        ]

    def _box(self, slot) -> W.Text:
        box = self.text(
            slot.key,
            slot.label.capitalize(),
            placeholder=f"e.g. {slot.example}",
            tooltip=f"{slot.label.capitalize()}: {slot.help}",
            label_width="8.5rem",
            live=True,
        )
        box.layout = W.Layout(flex="1 1 auto", width="auto", max_width="44rem")
        return box

    @property
    def slots(self) -> dict[str, str]:
        """What is in the seven boxes now, as typed."""
        return self.own

    def read(self, note: object) -> dict[str, str]:
        return slots_from_note(note)

    def update(self, settings: dict) -> None:
        self.model: VisionCheck = check_statement(**settings["slots"])

    def render(self) -> None:
        self.preview.value = preview_html(self.model)
        self.feedback.value = checks_html(self.model, self.said)

    def describe(self) -> Lines:
        return Lines(tuple(builder_lines(self.slots)))

    @safe
    def fill_example(self) -> None:
        """Fill the boxes with the worked example, keeping the learner's own statement aside."""
        self.show_example(EXAMPLE, "The worked example is in the boxes.")

    @safe
    def clear(self) -> None:
        """Empty the boxes, keeping the learner's own statement aside."""
        self.show_example(
            {}, "The boxes are empty.", " Your statement is kept: press Back to my statement."
        )
