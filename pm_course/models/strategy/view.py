"""Rumelt's kernel and "today vs the future" as live widgets.

``KernelView``: three boxes (diagnosis, guiding policy, coherent actions), a check for the
hallmarks of bad strategy with feedback per part, and a bad and a good example to load.
``ConstraintsView``: today's constraints, one per line, each with a tick box for "the vision
must not inherit this", and a summary of what the strategy frees itself from.

Both save a note whenever something changes and come back when the cell is re-run. Loading an
example keeps the learner's own text aside ("Back to my ..." brings it back), so nothing typed
is lost. The logic lives in ``model``, the HTML in ``render``.
"""

from __future__ import annotations

import functools
from html import escape
from typing import ClassVar

import ipywidgets as W

from ...course.text import not_running
from ...ui.controls import FULL
from ...ui.note_view import NoteView
from ...ui.parts import Lines, quietly, safe
from .model import (
    CONSTRAINTS_KEY,
    EXAMPLE_CONSTRAINTS,
    EXAMPLE_FREED,
    EXAMPLE_LABELS,
    EXAMPLES,
    HALLMARKS,
    KERNEL_KEY,
    MAX_CONSTRAINTS,
    PART_HELP,
    PART_LABELS,
    PARTS,
    SECTION,
    Constraints,
    KernelCheck,
    check_kernel,
    constraints_from_note,
    constraints_lines,
    join_names,
    kernel_from_note,
    kernel_lines,
    kind_name,
    parse_constraints,
)
from .render import FONT_STYLE, kernel_html, summary_html

KERNEL_NOTE = not_running("write, check and save your own kernel")
CONSTRAINTS_NOTE = not_running("list and sort your own constraints")

PLACEHOLDERS = {
    "diagnosis": "e.g. Most people who sign up to volunteer never do a first shift, because ...",
    "policy": "e.g. Get new volunteers to a first shift within a week, by ...",
    "actions": "One action per line, e.g.\nReplace the monthly induction with ...\nPhone every "
    "new volunteer ...",
}
KERNEL_HOW = (
    "The check reads words, not meaning. Fluff is a word from a list of buzzwords (synergy, "
    "world-class, leverage, best-in-class, paradigm and others). A goal is a target such as a "
    "percentage, 'grow ... by', 'double' or 'be the leading ...'; in the policy it counts as a "
    "problem only when no approach goes with it ('by ...ing', 'through', 'focus on', 'instead "
    "of'). A diagnosis with no word pointing at a difficulty (because, but, cannot, few, "
    "falling ...) may be failing to face the challenge. An action that shares no key word with "
    "the policy may not follow from it: that is the roughest check of all, since an action can "
    "fit in other words. None of this can tell whether the diagnosis is true or the policy wise."
)


class _ProseView(NoteView):
    """A note view whose boxes hold prose, so they show in the interface font."""

    SECTION = SECTION
    ASIDE = True

    def __init__(self, *, store=None):
        super().__init__(store=store)
        self.add_class("pmc-strategy")


# --- the kernel ---------------------------------------------------------------------------------


class KernelView(_ProseView):
    """Three boxes for the kernel; the check follows each box and flags bad strategy."""

    TITLE = "Strategy kernel check"
    INTRO = (
        FONT_STYLE + "<p style='margin:2px 0'>Richard Rumelt's kernel has three parts: a "
        "<strong>diagnosis</strong> (what is going on, and what makes it hard), a "
        "<strong>guiding policy</strong> (the approach chosen to deal with it) and "
        "<strong>coherent actions</strong> (steps that carry the policy out). The check "
        "looks for his four hallmarks of bad strategy: "
        f"{escape(join_names([h.lower() for h in HALLMARKS.values()]))}.</p>"
        "<p style='margin:2px 0'>Write a kernel for your own product, or load an example "
        "first. Each box is checked when you leave it; your kernel is saved as you go.</p>"
        "<details><summary><small>How does the check work, and what can it not do?"
        f"</small></summary><small>{escape(KERNEL_HOW)}</small></details>"
    )
    NOTE = KERNEL_NOTE
    KEY = KERNEL_KEY
    NOUN = "kernel"
    FIELD = "parts"
    EXAMPLES = tuple(EXAMPLES.values())

    def build(self) -> list[W.Widget]:
        self.boxes = {
            part: self.text(
                part,
                PART_LABELS[part],
                placeholder=PLACEHOLDERS[part],
                tooltip=f"{PART_LABELS[part]}: {PART_HELP[part]}",
                rows=5 if part == "actions" else 3,
                label_width="9rem",
                live=True,
            )
            for part in PARTS
        }
        self.check_control(
            "Check and save", "Check the kernel for the hallmarks of bad strategy and save it"
        )
        self.example_buttons = {
            key: self.button(
                f"Load {label}",
                functools.partial(self.load_example, key),
                icon="lightbulb-o",
                tooltip=f"Fill the boxes with {label} for a made-up food bank; your own text is "
                "kept aside",
            )
            for key, label in EXAMPLE_LABELS.items()
        }
        buttons = [self.check_button, *self.example_buttons.values(), self.mine_control()]
        return [
            *self.boxes.values(),
            W.HBox(buttons, layout=W.Layout(flex_flow="row wrap")),
            self.status,
            self.feedback,
            self.warning,
        ]

    @property
    def parts(self) -> dict[str, str]:
        """What is in the three boxes now, as typed."""
        return self.own

    def read(self, note: object) -> dict[str, str]:
        return kernel_from_note(note)

    def update(self, settings: dict) -> None:
        self.model: KernelCheck = check_kernel(**settings["parts"])

    def render(self) -> None:
        self.feedback.value = kernel_html(self.model, self.said)

    def describe(self) -> Lines:
        return Lines(tuple(kernel_lines(self.parts)))

    @safe
    def load_example(self, key: str) -> None:
        """Fill the boxes with the 'bad' or 'good' example, keeping the learner's own aside."""
        if key not in EXAMPLES:
            self.say(f"There is no example called {key!r}.", "invalid")
            return
        self.show_example(
            EXAMPLES[key], f"The boxes hold {EXAMPLE_LABELS[key]}, for a made-up food bank."
        )


# --- today vs the future ------------------------------------------------------------------------


class ConstraintsView(_ProseView):
    """Today's constraints, one per line, each with a tick box; the summary follows."""

    TITLE = "Today vs the future"
    INTRO = (
        FONT_STYLE + "<p style='margin:2px 0'>List what shapes your product's work today, one "
        "per line: ways of working, systems, team structures, rules. Then tick each one the "
        "vision must <strong>not</strong> inherit. What stays unticked is a real constraint to "
        "plan around. The kind shown beside each is a rough guess from key words.</p>"
    )
    NOTE = CONSTRAINTS_NOTE
    KEY = CONSTRAINTS_KEY
    NOUN = "list"
    BACK = ""
    LABELS: ClassVar[dict[str, str]] = {"free": "Ticked constraints"}

    def build(self) -> list[W.Widget]:
        self.freed: set[str] = set()
        self.checkboxes: dict[str, W.Checkbox] = {}
        self._ticked_lines: tuple[str, ...] | None = None
        self.box = self.text(
            "text",
            "Today's constraints",
            placeholder="One constraint per line, e.g.\nEvery new web page needs sign-off from "
            "a monthly committee\nDonations are recorded in a spreadsheet",
            tooltip="Ways of working, systems and team structures that shape the work today, "
            "one per line",
            rows=6,
            label_width="9rem",
            live=True,
        )
        self.ticks = W.VBox(layout=W.Layout(margin="0 0 0 9rem"))
        self.ticks_heading = W.HTML()
        self.summary = W.HTML()
        self.update_button = self.button(
            "Update the list",
            self.refresh,
            icon="refresh",
            tooltip="Read the box again and rebuild the tick boxes (leaving the box does it too)",
            primary=True,
        )
        self.example_button = self.button(
            "Fill in the example",
            self.fill_example,
            icon="lightbulb-o",
            tooltip="Fill in a made-up charity's constraints; your own list is kept aside",
        )
        buttons = [self.update_button, self.example_button, self.mine_control()]
        return [
            self.box,
            W.HBox(buttons, layout=W.Layout(flex_flow="row wrap")),
            self.ticks_heading,
            self.ticks,
            self.status,
            self.summary,
            self.warning,
        ]

    # -- the note: the box's text and the ticked lines ----------------------------------------

    @property
    def own(self) -> dict:
        text = self.box.value
        return {
            "text": text,
            "free": [c.text for c in Constraints.from_text(text, self.freed).freed],
        }

    def read(self, note: object) -> dict:
        text, free = constraints_from_note(note)
        return {"text": text, "free": free}

    def fill(self, own) -> None:
        self.freed = {f.casefold() for f in own.get("free", [])}
        super().fill(own)

    def is_example(self, own) -> bool:
        return own["text"] == EXAMPLE_CONSTRAINTS

    # -- the loop -------------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        self.model = Constraints.from_text(settings["text"], frozenset(self.freed))
        self.messages = parse_constraints(settings["text"])[1]

    def render(self) -> None:
        lines = tuple(c.text for c in self.model.items)
        if lines != self._ticked_lines:  # new tick boxes only when the lines change
            self._ticked_lines = lines
            self._tick_boxes()
        with quietly(self):
            for item in self.model.items:
                self.checkboxes[item.text].value = item.free
        self.summary.value = summary_html(self.model, self.messages)

    def _tick_boxes(self) -> None:
        rows = []
        self.checkboxes = {}
        for item in self.model.items:
            box = W.Checkbox(
                value=item.free,
                description=item.text,
                tooltip=f"Tick if the vision must not inherit: {item.text}",
                indent=False,
                layout=W.Layout(width="auto", max_width=f"min(40rem, {FULL})"),
            )
            box.observe(self._ticker(item.text), names="value")
            self.checkboxes[item.text] = box
            kind = W.HTML(f"<small style='color:#555'>({escape(kind_name(item.kind))})</small>")
            rows.append(W.HBox([box, kind], layout=W.Layout(flex_flow="row wrap")))
        self.ticks.children = rows
        self.ticks_heading.value = (
            f"<p style='margin:6px 0 0 9rem'><strong>Tick each constraint the vision must not "
            f"inherit</strong> (at most {MAX_CONSTRAINTS} are used):</p>"
            if rows
            else ""
        )

    def _ticker(self, line: str):
        return lambda change: None if self._quiet else self.set_free(line, change["new"])

    def describe(self) -> Lines:
        return Lines(tuple(constraints_lines(self.model)))

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def set_free(self, line: str, free: bool) -> None:
        """Mark one constraint as freed from (True) or kept (False); save and redraw."""
        if free:
            self.freed.add(line.casefold())
        else:
            self.freed.discard(line.casefold())
        self.changed()

    @safe
    def refresh(self) -> Constraints:
        """Read the box again, rebuild the tick boxes and the summary, and save."""
        self.changed()
        return self.model

    @safe
    def fill_example(self) -> None:
        """Fill in the example list, keeping the learner's own list aside."""
        example = {"text": EXAMPLE_CONSTRAINTS, "free": sorted(EXAMPLE_FREED)}
        self.show_example(example, "The example list is in the box.")
