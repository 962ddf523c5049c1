"""Flashcards as a live widget: one due phrase at a time, its definition on request, then
"I knew it" or "Not yet". The boxes are shown as text and as bars; the deck is saved after
every answer and restored when the cell is run again. The scheduling lives in ``flashcards``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as W

from ...course.content import section
from ...course.glossary import Term, glossary
from ...course.store import Store, get_store
from ...course.text import not_running
from ...ui import controls
from ...ui.charts import PALETTE
from ...ui.parts import COLOURS, FRAME, TextFallback, html_block, safe, warnings_html
from .model import (
    BOXES,
    INTERVALS,
    NOTE_KEY,
    SECTION,
    Deck,
    interval_table,
    long_date,
)

NOTE = not_running("review the cards; your boxes are saved as you go")
#: One Okabe-Ito colour per box; every bar is also labelled with its box and count.
BOX_COLOURS = dict(
    zip(BOXES, (PALETTE[5], PALETTE[1], PALETTE[4], PALETTE[0], PALETTE[2]), strict=True)
)


def _every(box: int) -> str:
    days = INTERVALS[box]
    return "every day" if days == 1 else f"every {days} days"


def boxes_html(deck: Deck) -> str:
    """Cards per box as labelled bars (the words carry the numbers, the bars only add to them)."""
    counts = deck.counts()
    total = max(1, len(deck.phrases))
    rows = []
    for box in BOXES:
        n = counts[box]
        width = 0 if n == 0 else max(2.0, 100 * n / total)
        rows.append(
            "<tr>"
            f"<th scope='row' style='text-align:left;font-weight:normal;padding:1px 10px 1px 0;"
            f"white-space:nowrap'>Box {box} <small>({_every(box)})</small></th>"
            f"<td style='width:18rem;padding:1px 0'><div aria-hidden='true' style='height:0.9em;"
            f"width:{width:.1f}%;background:{BOX_COLOURS[box]};border:1px solid #333;"
            f"display:{'block' if n else 'none'}'></div></td>"
            f"<td style='text-align:right;padding:1px 0 1px 10px;white-space:nowrap'>"
            f"{n} card{'' if n == 1 else 's'}</td></tr>"
        )
    return (
        "<table style='border-collapse:collapse;margin:4px 0'>"
        "<caption style='text-align:left;caption-side:top;padding-bottom:2px'>"
        "<strong>Your boxes</strong></caption>"
        f"{''.join(rows)}</table>"
    )


class FlashcardsView(TextFallback, W.VBox):
    """Review the glossary's phrases in Leitner boxes, one due card at a time."""

    def __init__(
        self,
        terms: tuple[Term, ...] | None = None,
        store: Store | None = None,
        today: date | Callable[[], date] | None = None,
    ):
        self.terms = {t.phrase: t for t in (terms if terms is not None else glossary())}
        self.store = store or get_store()
        self._today = today
        self.shown = False
        self.card = W.HTML()
        self.definition = W.HTML()
        self.show_button = controls.button(
            "Show definition",
            self.show,
            icon="eye",
            style="primary",
            tooltip="Show the definition of this phrase (Enter or Space)",
        )
        self.knew_button = controls.button(
            "I knew it",
            lambda: self.answer(True),
            icon="check",
            style="success",
            tooltip="Move this card up a box; it comes back later",
        )
        self.not_yet_button = controls.button(
            "Not yet",
            lambda: self.answer(False),
            icon="undo",
            style="warning",
            tooltip="Put this card back in box 1; it comes back tomorrow",
        )
        self.boxes = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Flashcards</h3><div style='line-height:1.4'>Read the phrase and say "
                    "its meaning to yourself, then press <strong>Show definition</strong>. "
                    "Be honest: <strong>I knew it</strong> moves the card up a box, so it comes "
                    "back less often; <strong>Not yet</strong> puts it back in box 1, for "
                    "tomorrow. A card comes back "
                    f"{escape(', '.join(str(d) for d in INTERVALS.values()))} days later, "
                    "from box 1 to box 5.</div>"
                ),
                self.card,
                self.definition,
                controls.row(self.show_button, self.knew_button, self.not_yet_button),
                self.status,
                self.boxes,
                self.warning,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-model")
        self.deck = Deck(self.terms)
        self._restore()

    # -- state -------------------------------------------------------------------------------

    def today(self) -> date:
        """The day the cards are scheduled for (injectable for tests)."""
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    @safe
    def _restore(self) -> None:
        try:
            self.deck = Deck.from_note(self.terms, self.store.note(NOTE_KEY))
        except ValueError as exc:
            self.deck = Deck(self.terms)
            self.status.value = html_block(
                f"Your saved cards could not be read ({escape(str(exc))}), so every card starts "
                "again in box 1. They are saved afresh after your next answer.",
                COLOURS["invalid"],
            )
        self.redraw()

    @property
    def current(self) -> str | None:
        """The phrase on show, or None when no card is due today."""
        due = self.deck.due(self.today())
        return due[0] if due else None

    # -- actions -----------------------------------------------------------------------------

    @safe
    def show(self) -> None:
        """Show the definition of the card on show."""
        phrase = self.current
        if phrase is None:
            return
        self.shown = True
        term = self.terms[phrase]
        title = section(term.notebook).title
        self.definition.value = html_block(
            f"<p style='margin:2px 0;line-height:1.4'>{escape(term.definition)}</p>"
            f"<p style='margin:2px 0'><small>Taught in {term.number} · {escape(title)}."
            "</small></p>",
            "#56B4E9",
        )
        self._buttons()

    @safe
    def answer(self, known: bool) -> None:
        """Record the answer to the card on show, save the deck and show the next card."""
        phrase = self.current
        if phrase is None:
            return
        if not self.shown:
            self.status.value = html_block(
                "Press <strong>Show definition</strong> first, so you can check yourself.",
                COLOURS["invalid"],
            )
            return
        self.deck, result = self.deck.answer(phrase, known, self.today())
        saved = self.store.save_note(SECTION, NOTE_KEY, self.deck.to_note())
        colour = COLOURS["correct"] if known else COLOURS["partial"]
        note = "" if saved else " <small>(kept in memory only: see the warning below)</small>"
        self.status.value = html_block(escape(result.sentence) + note, colour)
        self.redraw()

    # -- drawing -----------------------------------------------------------------------------

    def _buttons(self) -> None:
        done = self.current is None
        self.show_button.disabled = done or self.shown
        self.knew_button.disabled = done or not self.shown
        self.not_yet_button.disabled = done or not self.shown

    @safe
    def redraw(self) -> None:
        """Show the next due card (definition hidden) and the boxes."""
        today = self.today()
        due = self.deck.due(today)
        self.shown = False
        self.definition.value = ""
        if due:
            card = self.deck.card(due[0])
            self.card.value = (
                "<div role='status' aria-live='polite' style='border:2px solid #0072B2;"
                "border-radius:6px;padding:10px 14px;margin:6px 0;max-width:40rem'>"
                f"<small>Box {card.box} · {len(due)} card{'' if len(due) == 1 else 's'} "
                "due today</small>"
                f"<div style='font-size:1.5em;font-weight:bold;margin-top:4px'>"
                f"{escape(due[0])}</div></div>"
            )
        else:
            nxt = self.deck.next_due(today)
            assert nxt is not None  # no card is due today, so one is due later
            count = self.deck.due_on(nxt)
            when = f"<strong>{escape(long_date(nxt))}</strong>, when {count} " + (
                "card is due." if count == 1 else "cards are due."
            )
            self.card.value = html_block(
                f"<p role='status' aria-live='polite' style='margin:2px 0'>No cards due today: "
                f"well done. Come back on {when}</p>",
                COLOURS["correct"],
            )
        self.boxes.value = boxes_html(self.deck)
        self.warning.value = warnings_html(self.store)
        self._buttons()

    # -- text forms --------------------------------------------------------------------------

    def _text_plain(self) -> str:
        return "\n".join(
            [
                "Flashcards: the glossary's phrases in five Leitner boxes.",
                f"Cards come back after {interval_table()}.",
                f"Known cards move up a box; cards not yet known go back to box {BOXES[0]}.",
                self.deck.summary(),
                "",
                NOTE,
            ]
        )
