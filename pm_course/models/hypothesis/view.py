"""The hypothesis card as a live widget: three boxes, a check with feedback on each part, saved.

The card is saved with ``Store.save_note`` each time it is checked, and filled in again when
the cell is re-run or the kernel restarted. The checking lives in ``hypothesis``.

The text fallback (what nbval compares and what GitHub shows) describes the template and
checks the worked example; it never shows the learner's own card, which differs per learner.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.parts import (
    COLOURS,
    TextFallback,
    html_block,
    safe,
    saved_note,
    verdict_html,
    warnings_html,
)
from ...ui.parts import MARKS as MARKS
from .model import (
    EXAMPLE,
    NOTE_KEY,
    PARTS,
    SECTION,
    TEMPLATE,
    TEMPLATE_TEXT,
    CardCheck,
    PartCheck,
    card_from_note,
    check_card,
)

NOTE = "Run this cell in JupyterLab to write, check and save your own card."

PLACEHOLDERS = {
    "change": "e.g. adding a one-click monthly gift option to the donation page",
    "outcome": "e.g. more first-time donors choosing to give monthly",
    "signal": "e.g. the share of new donors giving monthly rises from 8% to 10% within 6 weeks",
}
HOW_IT_WORKS = (
    "The check reads words, not meaning. A part is missing if it is empty or still a "
    "placeholder, and needs work if it has fewer than three words. The outcome should name "
    "whose behaviour changes (users, donors, visitors and so on). The signal counts as "
    "measurable when it names a metric (a rate, a count, a share, an average, or something "
    "countable such as sign-ups), says by how much or which way it should move, and gives a time "
    "frame. It cannot tell whether you can really collect the metric, or whether the threshold is "
    "sensible, and an unusual metric it has no word for will fail: treat it as a checklist, and "
    "ask a colleague to read the card too."
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


class HypothesisCardView(TextFallback, W.VBox):
    """Write a hypothesis in three parts; the check gives feedback per part and saves the card."""

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self.boxes: dict[str, W.Textarea] = {
            part: W.Textarea(
                placeholder=PLACEHOLDERS[part],
                description=TEMPLATE[part][0] + "…"
                if part == "change"
                else "…" + TEMPLATE[part][0],
                tooltip=f"{TEMPLATE[part][1].capitalize()}: {TEMPLATE[part][2]}",
                rows=2,
                style={"description_width": "13rem"},
                layout=W.Layout(width="100%", max_width="52rem"),
            )
            for part in PARTS
        }
        example = check_card(**EXAMPLE)
        self.check_button = W.Button(
            description="Check and save card",
            button_style="primary",
            icon="check",
            tooltip="Check each part of the card and save it (feedback appears below)",
            layout=W.Layout(width="auto"),
        )
        self.feedback = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        intro = (
            "<h3>Hypothesis card</h3><div style='line-height:1.4'>"
            f"<p style='margin:2px 0'>A common template: <strong>{escape(TEMPLATE_TEXT)}</strong>"
            "</p><p style='margin:2px 0'>Write one idea for your own product in the three "
            "boxes (Tab moves between them), then press <strong>Check and save card</strong>. "
            "Your card is saved on this computer and comes back when you run the cell again."
            f"</p><p style='margin:2px 0'><small>Example: <em>{escape(example.sentence)}</em>"
            "</small></p><details><summary><small>How does the check work, and what can it not "
            f"do?</small></summary><small>{escape(HOW_IT_WORKS)}</small></details></div>"
        )
        super().__init__(
            [
                W.HTML(intro),
                *self.boxes.values(),
                W.HBox([self.check_button]),
                self.feedback,
                self.status,
                self.warning,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.check_button.on_click(lambda _: self.check())
        self._restore()

    @property
    def card(self) -> dict[str, str]:
        """What is in the three boxes now."""
        return {part: box.value for part, box in self.boxes.items()}

    @safe
    def _restore(self) -> None:
        saved = card_from_note(self.store.note(NOTE_KEY))
        for part, box in self.boxes.items():
            box.value = saved[part]
        if any(saved.values()):
            self.feedback.value = card_html(
                check_card(**saved), " <small>(your saved card)</small>"
            )
        self.warning.value = warnings_html(self.store)

    @safe
    def check(self) -> CardCheck:
        """Check the card, show feedback on each part and save it (nothing typed is lost)."""
        card = self.card
        result = check_card(**card)
        kept = self.store.save_note(SECTION, NOTE_KEY, card)
        self.feedback.value = card_html(result, saved_note(kept, "card"))
        self.status.value = ""
        self.warning.value = warnings_html(self.store)
        return result

    def _text_plain(self) -> str:
        example = check_card(**EXAMPLE)
        return "\n".join(
            [
                f"Hypothesis card. A common template: {TEMPLATE_TEXT}",
                "Write your own card in the three boxes; the check gives feedback on each part "
                "and saves the card.",
                "",
                "The worked example, checked:",
                example.text,
                "",
                NOTE,
            ]
        )

    def _text_markdown(self) -> str:
        example = check_card(**EXAMPLE)
        parts = [
            f"- **{p.label.capitalize()}** ({p.verdict}): {' '.join(p.messages)}"
            for p in example.parts
        ]
        return "\n".join(
            [
                f"**Hypothesis card.** A common template: *{TEMPLATE_TEXT}*",
                "",
                f"The worked example, checked: *{example.sentence}*",
                "",
                *parts,
                "",
                f"_{NOTE}_",
            ]
        )
