"""The theory of change builder as a live widget: sort an example's statements into the five
stages with a menu each, then write your own product's chain in five boxes.

Every placement and every box is saved as one note (``NOTE_KEY``) when it changes, and comes
back when the cell is run again or the kernel restarted. The feedback on each placement, and
the latest one read out by a screen reader, follow each menu at once; the chain's check follows
each box when the learner leaves it (or presses Check and save). The rules live in ``model``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.note_view import NoteView
from ...ui.parts import COLOURS, MARKS, Lines, html_block, ink, live, verdict_html
from .model import (
    EXAMPLE_BY_KEY,
    EXAMPLES,
    NOTE_KEY,
    PLACE_KEYS,
    SECTION,
    STAGE_KEYS,
    STAGES,
    ChainCheck,
    Placement,
    Sorting,
    builder_lines,
    check_chain,
    check_sorting,
    note_values,
    place_key,
)

NOTE = not_running("sort the examples and write your own chain")
CHOOSE = "Choose a stage…"
STAGE_OPTIONS = [(CHOOSE, ""), *((s.label, s.key) for s in STAGES)]
#: Each menu's name in a report of a saved placement that could not be used.
LABELS = {
    place_key(e.key, i): f"{e.title}, statement {i}"
    for e in EXAMPLES
    for i in range(1, len(e.statements) + 1)
}

HOW_IT_WORKS = (
    "The sorting has one right stage for each statement, from the definitions above. The check "
    "of your own chain reads words, not meaning: an output should say what you would count (a "
    "number, or words such as 'number of', 'handed out', 'attended'); an outcome should say what "
    "changes for people ('more', 'fewer', 'no longer', 'able to' and the like) and not count "
    "what was delivered; an impact that reads as a count of delivery is flagged; the same words "
    "in two boxes are flagged. It cannot tell whether your chain is true, or whether your "
    "activities really lead to your outcomes: treat each note as a question to ask."
)

PLACEHOLDERS = {
    "inputs": "e.g. two advisers, a phone line, a grant for two years",
    "activities": "e.g. advisers answer calls about debt and benefits",
    "outputs": "e.g. 300 callers advised each month",
    "outcomes": "e.g. callers agree a plan to pay off their debts",
    "impact": "e.g. fewer households in the town in problem debt",
}


def placement_html(placement: Placement) -> str:
    """The feedback under one statement, or nothing until a stage is chosen."""
    if not placement.placed:
        return ""
    symbol, colour = MARKS[placement.status]
    return (
        f"<div style='margin:0 0 4px 1.2em;line-height:1.35'><span aria-hidden='true' "
        f"style='color:{ink(colour)};font-weight:bold'>{symbol}</span> "
        f"<small>{escape(placement.feedback)}</small></div>"
    )


def sorting_html(sorting: Sorting, latest: Placement | None) -> str:
    """The headline and the latest placement's feedback, read out when they change."""
    colour = COLOURS["correct"] if sorting.right == len(sorting.placements) else "#0072B2"
    said = (
        f" <span>“{escape(latest.statement.text)}”: {escape(latest.feedback)}</span>"
        if latest is not None and latest.placed
        else ""
    )
    return live(html_block(f"<strong>{escape(sorting.headline)}</strong>{said}", colour))


def chain_html(chain: ChainCheck, note: str = "") -> str:
    """The check of the learner's chain: a headline and a line per stage."""
    if chain.empty:
        return live(html_block(escape(chain.headline) + note, COLOURS["empty"]))
    good = all(c.status == "ok" for c in chain.checks)
    items = "".join(
        verdict_html(
            c.status,
            c.stage.label,
            c.verdict,
            c.messages,
            f"<br><small>You wrote: “{escape(c.text)}”</small>" if c.text else "",
        )
        for c in chain.checks
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(chain.headline)}</strong>{note}</p>"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    colour = COLOURS["correct"] if good else COLOURS["partial"]
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


class TheoryOfChangeView(NoteView):
    """Sort two charities' statements into the chain, then write and check your own chain."""

    TITLE = "Theory of change builder"
    INTRO = (
        "<p style='margin:2px 0'><strong>1. Sort an example.</strong> Choose a charity, then "
        "choose a stage for each statement from its menu (with the keyboard: Tab to a menu, "
        "then the arrow keys). Each choice gets feedback at once.</p>"
        "<p style='margin:2px 0'><strong>2. Write your own chain.</strong> One line per stage "
        "for your own product or service (Tab moves to the next box). The check follows when "
        "you leave a box or press <strong>Check and save</strong>. Everything is saved on this "
        "computer and comes back when you run the cell again.</p>"
        "<details><summary><small>How does the check work, and what can it not do?</small>"
        f"</summary><small>{escape(HOW_IT_WORKS)}</small></details>"
    )
    NOTE = NOTE
    KEY = NOTE_KEY
    SECTION = SECTION
    NOUN = "chain"
    LABELS = LABELS

    def build(self) -> list[W.Widget]:
        self._before: dict[str, str] = {}
        self.latest: Placement | None = None
        self.example = self.toggles(
            "example",
            "Example",
            [(e.title, e.key) for e in EXAMPLES],
            EXAMPLES[0].key,
            tooltips=[f"Sort the {e.title.lower()}'s statements" for e in EXAMPLES],
            label_width="5rem",
        )
        self.menus: dict[str, W.Dropdown] = {}
        self.notes: dict[str, W.HTML] = {}
        self.groups: dict[str, W.VBox] = {}
        for example in EXAMPLES:
            rows = []
            for i, statement in enumerate(example.statements, 1):
                key = place_key(example.key, i)
                menu = self.add(
                    key,
                    controls.choice(
                        "",
                        STAGE_OPTIONS,
                        "",
                        tooltip=f"{statement.text}: which stage?",
                        width="11rem",
                    ),
                )
                self.menus[key] = menu
                self.notes[key] = W.HTML()
                text = W.HTML(
                    f"<div style='line-height:1.35;padding-top:4px'>{i}. "
                    f"{escape(statement.text)}</div>",
                    layout=W.Layout(flex="1 1 18rem", min_width="0", max_width="30rem"),
                )
                rows += [controls.row(text, menu), self.notes[key]]
            self.groups[example.key] = W.VBox(rows)
        self.sorted = W.HTML()
        self.boxes = {
            stage.key: self.text(
                stage.key,
                stage.label,
                placeholder=PLACEHOLDERS[stage.key],
                tooltip=f"Your {stage.label.lower()}: {stage.means}",
                label_width="6.5rem",
                live=True,
            )
            for stage in STAGES
        }
        self.check_control(
            "Check and save", "Check each stage of your chain and save it (feedback appears below)"
        )
        return [
            W.HTML("<h4 style='margin:8px 0 2px'>1. Sort an example</h4>"),
            self.example,
            *self.groups.values(),
            self.sorted,
            W.HTML("<h4 style='margin:12px 0 2px'>2. Your own product's chain</h4>"),
            *self.boxes.values(),
            controls.row(self.check_button),
            self.status,
            self.feedback,
            self.warning,
        ]

    # -- the note -----------------------------------------------------------------------------

    def read(self, note: object) -> dict[str, str]:
        return note_values(note)

    # -- the loop -----------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        placements = {k: settings[k] for k in PLACE_KEYS}
        changed = [k for k in PLACE_KEYS if self._before and placements[k] != self._before[k]]
        self._before = placements
        self.sorting: Sorting = check_sorting(settings["example"], placements)
        self.latest = None
        prefix = settings["example"] + ":"
        if changed and changed[-1].startswith(prefix):
            index = int(changed[-1].split(":")[1]) - 1
            self.latest = self.sorting.placements[index]
        self.model: ChainCheck = check_chain(**{k: settings[k] for k in STAGE_KEYS})

    def render(self) -> None:
        shown = self.sorting.example.key
        for key, group in self.groups.items():
            group.layout.display = "" if key == shown else "none"
        for i, placement in enumerate(self.sorting.placements, 1):
            self.notes[place_key(shown, i)].value = placement_html(placement)
        self.sorted.value = sorting_html(self.sorting, self.latest)
        self.feedback.value = chain_html(self.model, self.said)

    def describe(self) -> Lines:
        return Lines(tuple(builder_lines()))

    @property
    def chain(self) -> dict[str, str]:
        """What is in the five boxes now."""
        return {k: self.boxes[k].value for k in STAGE_KEYS}


__all__ = [
    "EXAMPLE_BY_KEY",
    "TheoryOfChangeView",
    "chain_html",
    "placement_html",
    "sorting_html",
]
