"""The vision statement builder as a live widget: one box per slot of Moore's template, a
preview of the whole statement, and a check of every slot.

What the learner types is saved with ``Store.save_note`` whenever a box changes, and filled in
again when the cell is re-run or the kernel restarted. Filling in the example or clearing the
boxes keeps the learner's own statement aside ("Back to my statement" brings it back), so
nothing typed is lost. The checking lives in ``vision``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store
from ...ui.parts import COLOURS, KeptAside, html_block, safe, verdict_html, warnings_html
from ...ui.parts import MARKS as MARKS
from .model import (
    EXAMPLE,
    NOTE_KEY,
    SECTION,
    SLOT_BY_KEY,
    SLOT_KEYS,
    SLOTS,
    TEMPLATE_TEXT,
    SlotCheck,
    VisionCheck,
    article,
    check_statement,
    is_missing,
    slots_from_note,
)

NOTE = "Run this cell in JupyterLab to write, check and save your own vision statement."

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


class VisionView(KeptAside, W.VBox):
    """Seven boxes in the shape of the template; the preview and the checks follow each box."""

    NOTE = NOTE
    NOUN = "statement"

    def __init__(self, store: Store | None = None):
        saved = self._open(store, NOTE_KEY, slots_from_note, "slots")
        self.boxes: dict[str, W.Text] = {}
        rows = []
        for slot in SLOTS:
            box = W.Text(
                value=saved[slot.key],
                placeholder=f"e.g. {slot.example}",
                description=slot.label.capitalize(),
                tooltip=f"{slot.label.capitalize()}: {slot.help}",
                continuous_update=False,
                style={"description_width": "8.5rem"},
                layout=W.Layout(flex="1 1 auto", width="auto", max_width="44rem"),
            )
            self.boxes[slot.key] = box
            lead = W.HTML(
                f"<div style='text-align:right;font-style:italic'>{escape(slot.lead)}</div>",
                layout=W.Layout(width="6.5rem", min_width="6.5rem"),
            )
            rows.append(W.HBox([lead, box], layout=W.Layout(width="100%", max_width="52rem")))
        self.preview = W.HTML()
        self.feedback = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        self.check_button = W.Button(
            description="Check and save",
            button_style="primary",
            icon="check",
            tooltip="Check every slot and save the statement (feedback appears below)",
        )
        self.example_button = W.Button(
            description="Fill in the example",
            icon="lightbulb-o",
            tooltip="Fill the boxes with a worked example; your own statement is kept aside",
            layout=W.Layout(width="auto"),
        )
        self.clear_button = W.Button(
            description="Clear the boxes",
            icon="eraser",
            tooltip="Empty every box; your own statement is kept aside",
            layout=W.Layout(width="auto"),
        )
        self.mine_button = self._mine_button()
        intro = (
            "<h3>Vision statement builder</h3><div style='line-height:1.4'>"
            f"<p style='margin:2px 0'>Geoffrey Moore's template: <strong>{escape(TEMPLATE_TEXT)}"
            "</strong></p><p style='margin:2px 0'>Write one slot in each box, for your own "
            "product or service (Tab moves to the next box; the preview and the checks follow "
            "when you leave a box or press Enter). Your statement is saved on this computer and "
            "comes back when you run the cell again.</p>"
            "<details><summary><small>How do the checks work, and what can they not do?"
            f"</small></summary><small>{escape(HOW_IT_WORKS)}</small></details></div>"
        )
        super().__init__(
            [
                W.HTML(intro),
                *rows,
                self.preview,
                W.HBox(
                    [self.check_button, self.example_button, self.clear_button, self.mine_button],
                    layout=W.Layout(flex_flow="row wrap"),
                ),
                self.status,
                self.feedback,
                self.warning,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        for box in self.boxes.values():
            box.observe(lambda _: self._changed(), names="value")
        self.check_button.on_click(lambda _: self.check())
        self.example_button.on_click(lambda _: self.fill_example())
        self.clear_button.on_click(lambda _: self.clear())
        self._show(note="" if not any(saved.values()) else " <small>(your saved statement)</small>")

    # -- state -----------------------------------------------------------------------------------

    @property
    def slots(self) -> dict[str, str]:
        """What is in the seven boxes now, as typed."""
        return {key: box.value for key, box in self.boxes.items()}

    def _save(self) -> bool:
        return self.store.save_note(SECTION, NOTE_KEY, {"slots": self.slots, "mine": self._mine})

    def _put(self, slots: dict[str, str]) -> None:
        for key in SLOT_KEYS:
            self.boxes[key].value = slots.get(key, "")

    def _keep_mine(self) -> None:
        """Keep the learner's own statement aside before the boxes are replaced."""
        current = self.slots
        if any(v.strip() for v in current.values()) and current != EXAMPLE:
            self._mine = current

    def _show(self, note: str = "") -> VisionCheck:
        result = check_statement(**self.slots)
        self.preview.value = preview_html(result)
        self.feedback.value = checks_html(result, note)
        self.mine_button.disabled = self._mine is None
        self.warning.value = warnings_html(self.store)
        return result

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def check(self) -> VisionCheck:
        """Check every slot, show the feedback and save the statement."""
        return self._checked()

    @safe
    def fill_example(self) -> None:
        """Fill the boxes with the worked example, keeping the learner's own statement aside."""
        self._keep_mine()
        self._load(EXAMPLE, "The worked example is in the boxes.")

    @safe
    def clear(self) -> None:
        """Empty the boxes, keeping the learner's own statement aside."""
        self._keep_mine()
        self._load(
            {}, "The boxes are empty.", " Your statement is kept: press Back to my statement."
        )

    # -- text forms ------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        current = check_statement(**self.slots)
        lines = [f"Vision statement builder. Geoffrey Moore's template: {TEMPLATE_TEXT}", ""]
        if current.empty:
            lines += ["The worked example, checked:", *check_statement(**EXAMPLE).lines()]
        else:
            lines += ["Your statement, as checked:", *current.lines()]
        return lines
