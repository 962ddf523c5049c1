"""The hypothesis card as a live widget: three boxes, a check with feedback on each part, saved.

The card is saved as a note each time a box is left or the card is checked, and filled in
again when the cell is re-run or the kernel restarted. The checking lives in ``model``.

The text fallback (what nbval compares and what GitHub shows) describes the template and
checks the worked example; it never shows the learner's own card, which differs per learner.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.text import not_running
from ...ui.note_view import NoteView
from ...ui.parts import COLOURS, html_block, verdict_html
from ...ui.parts import MARKS as MARKS
from .model import (
    EXAMPLE,
    NOTE_KEY,
    PARTS,
    SECTION,
    TEMPLATE,
    TEMPLATE_TEXT,
    CardCheck,
    Introduction,
    PartCheck,
    card_from_note,
    check_card,
    introduction,
)

NOTE = not_running("write, check and save your own card")

PLACEHOLDERS = {
    "change": "e.g. adding a one-click monthly gift option to the donation page",
    "outcome": "e.g. more first-time donors choosing to give monthly",
    "signal": "e.g. the share of new donors giving monthly rises from 8% to 10% within 6 weeks",
}
HOW_IT_WORKS = (
    "The check reads words, not meaning. A part is missing if it is empty or still a "
    "placeholder, and needs work if it has fewer than three words. The outcome should name "
    "whose behaviour changes (users, donors, visitors and so on). The signal counts as "
    "measurable when it names a metric (a rate, a count, a share, an average, something "
    "countable such as sign-ups, or people counted, such as '250 volunteers' or 'more donors'), "
    "says by how much or which way it should move (a number, or a range such as 8% to 10%), and "
    "gives a time frame. It cannot tell whether you can really collect the metric, or whether "
    "the threshold is sensible, and an unusual metric it has no word for will fail: treat it as "
    "a checklist, and ask a colleague to read the card too."
)


def part_html(check: PartCheck) -> str:
    """One part's verdict and feedback as a list item."""
    found = ""
    if check.found:
        items = ", ".join(f"{escape(k)} ‘{escape(v)}’" for k, v in check.found)
        found = f"<br><small>Recognised: {items}</small>"
    return verdict_html(check.status, check.label, check.verdict, check.messages, found)


def card_html(card: CardCheck, note: str = "") -> str:
    """The whole check: headline, the card as one sentence, and feedback per part."""
    colour = COLOURS["correct"] if card.ready else COLOURS["partial"]
    sentence = (
        ""
        if card.empty
        else f"<p style='margin:4px 0;font-size:1.05em'><em>{escape(card.sentence)}</em></p>"
    )
    items = "".join(part_html(p) for p in card.parts)
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(card.headline)}</strong>{note}</p>{sentence}"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


class HypothesisCardView(NoteView):
    """Write a hypothesis in three parts; the check gives feedback per part and saves the card."""

    TITLE = "Hypothesis card"
    INTRO = (
        f"<p style='margin:2px 0'>A common template: <strong>{escape(TEMPLATE_TEXT)}</strong>"
        "</p><p style='margin:2px 0'>Write one idea for your own product in the three "
        "boxes (Tab moves between them), then press <strong>Check and save card</strong>. "
        "Your card is saved on this computer and comes back when you run the cell again."
        f"</p><p style='margin:2px 0'><small>Example: <em>{escape(check_card(**EXAMPLE).sentence)}"
        "</em></small></p><details><summary><small>How does the check work, and what can it not "
        f"do?</small></summary><small>{escape(HOW_IT_WORKS)}</small></details>"
    )
    NOTE = NOTE
    KEY = NOTE_KEY
    SECTION = SECTION
    NOUN = "card"

    def build(self) -> list[W.Widget]:
        self.boxes = {
            part: self.text(
                part,
                f"{lead}…" if part == "change" else f"…{lead}",
                placeholder=PLACEHOLDERS[part],
                tooltip=f"{label.capitalize()}: {does}",
                rows=2,
                label_width="13rem",
            )
            for part, (lead, label, does) in TEMPLATE.items()
        }
        check = self.check_control(
            "Check and save card",
            "Check each part of the card and save it (feedback appears below)",
        )
        return [*self.boxes.values(), W.HBox([check]), self.feedback]

    @property
    def card(self) -> dict[str, str]:
        """What is in the three boxes now."""
        return {part: self.boxes[part].value for part in PARTS}

    def read(self, note: object) -> dict[str, str]:
        return card_from_note(note)

    def update(self, settings: dict) -> None:
        self.model: CardCheck = check_card(**{part: settings[part] for part in PARTS})

    def render(self) -> None:
        said = self.said  # feedback only once the card is checked (or comes back saved)
        if not said:
            self.feedback.value = ""
        elif self.model.empty:  # nothing written: nothing was saved, so never "Saved"
            self.feedback.value = card_html(self.model)
        else:
            self.feedback.value = card_html(self.model, said)

    def describe(self) -> Introduction:
        return introduction()
