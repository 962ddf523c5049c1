"""Flashcards with spaced repetition: the Leitner system over the glossary's phrases.

Every phrase is a card in one of five boxes. A new card starts in box 1, due at once. When
the learner knows a card it moves up one box (box 5 is the top); when they do not, it goes
back to box 1. A card in box n is due again ``INTERVALS[n]`` days after it was answered:

======  ===========================
box     due again after
======  ===========================
1       1 day
2       2 days
3       4 days
4       8 days
5       16 days
======  ===========================

So a card that is known every time it is seen comes back after 1, 2, 4, 8 and then every 16
days, and the cards a learner finds hard come back daily until they stick.

"Today" is always passed in (a :class:`datetime.date`), so tests can move the clock. The
cards due on a day come in a fixed order for that day: lowest box first, then a shuffle seeded
by the date, so the order is the same all day and changes from one day to the next.

The deck is kept with ``Store.save_note`` as plain JSON (see :meth:`Deck.to_note`). Pure
Python: no widgets here (see ``flashcards_view``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

#: Box -> days until a card in that box is due again.
INTERVALS: dict[int, int] = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
BOXES = tuple(INTERVALS)
TOP_BOX = max(BOXES)
#: Where the deck is kept (``Store.save_note``) and under which section it is recorded.
NOTE_KEY = "flashcards"
SECTION = "08_key_phrases"
NOTE_VERSION = 1


@dataclass(frozen=True)
class Card:
    """One phrase's place in the boxes: its box and the day it is next due."""

    phrase: str
    box: int = 1
    due: date | None = None  # None: a new card, due at once

    def __post_init__(self):
        if isinstance(self.box, bool) or self.box not in BOXES:
            raise ValueError(
                f"flashcards: card {self.phrase!r} is in box {self.box!r}; boxes run from "
                f"{BOXES[0]} to {TOP_BOX}"
            )
        if self.due is not None and not isinstance(self.due, date):
            raise ValueError(f"flashcards: card {self.phrase!r} has a due date that is not a date")

    def is_due(self, today: date) -> bool:
        """True if the card should be shown on ``today``."""
        return self.due is None or self.due <= today


def _check_day(today: object) -> date:
    if not isinstance(today, date):
        raise ValueError(f"flashcards: 'today' must be a date, not {today!r}")
    return today


def interval(box: int) -> int:
    """Days until a card in ``box`` is due again."""
    if isinstance(box, bool) or box not in INTERVALS:
        raise ValueError(f"flashcards: no box {box!r}; boxes run from {BOXES[0]} to {TOP_BOX}")
    return INTERVALS[box]


def _day_order(today: date, phrase: str) -> str:
    return hashlib.sha256(f"{today.isoformat()}|{phrase}".encode()).hexdigest()


@dataclass(frozen=True)
class Answer:
    """What happened to a card when it was answered."""

    phrase: str
    known: bool
    old_box: int
    new_box: int
    due: date

    @property
    def sentence(self) -> str:
        """One sentence for the learner, such as 'Moved up to box 3: due again on ...'."""
        when = long_date(self.due)
        if not self.known:
            return f"Back to box 1: {self.phrase} comes back tomorrow, {when}."
        if self.old_box == self.new_box:
            return f"Still in box {TOP_BOX}, the top box: {self.phrase} comes back on {when}."
        return f"Moved up to box {self.new_box}: {self.phrase} comes back on {when}."


class Deck:
    """The cards of a set of phrases. Answering returns a new deck; a deck never changes."""

    def __init__(self, phrases: Iterable[str], cards: Mapping[str, Card] | None = None):
        self.phrases = tuple(dict.fromkeys(phrases))
        if not self.phrases:
            raise ValueError("flashcards: a deck needs at least one phrase")
        cards = cards or {}
        self.cards = {p: cards.get(p) or Card(p) for p in self.phrases}

    # -- reading -----------------------------------------------------------------------------

    def card(self, phrase: str) -> Card:
        """One phrase's card."""
        if phrase not in self.cards:
            raise ValueError(f"flashcards: no card for {phrase!r} in this deck")
        return self.cards[phrase]

    def due(self, today: date) -> list[str]:
        """The phrases due on ``today``, in that day's order (lowest box first)."""
        _check_day(today)
        due = [c for c in self.cards.values() if c.is_due(today)]
        return [c.phrase for c in sorted(due, key=lambda c: (c.box, _day_order(today, c.phrase)))]

    def counts(self) -> dict[int, int]:
        """How many cards are in each box."""
        counts = dict.fromkeys(BOXES, 0)
        for c in self.cards.values():
            counts[c.box] += 1
        return counts

    def next_due(self, today: date) -> date | None:
        """The first day after ``today`` on which a card is due (None if one is due today)."""
        _check_day(today)
        if self.due(today):
            return None
        return min(c.due for c in self.cards.values() if c.due is not None)

    def due_on(self, day: date) -> int:
        """How many cards are due on ``day`` (including any overdue by then)."""
        return len(self.due(day))

    # -- answering ---------------------------------------------------------------------------

    def answer(self, phrase: str, known: bool, today: date) -> tuple[Deck, Answer]:
        """The deck after answering one card, and what happened to the card.

        Known: up one box (staying in the top box). Not known: back to box 1. Either way the
        card is due again after its new box's interval, counted from ``today``.
        """
        _check_day(today)
        if not isinstance(known, bool):
            raise ValueError(f"flashcards: 'known' must be True or False, not {known!r}")
        old = self.card(phrase)
        box = min(old.box + 1, TOP_BOX) if known else 1
        due = today + timedelta(days=interval(box))
        cards = dict(self.cards)
        cards[phrase] = Card(phrase, box, due)
        return Deck(self.phrases, cards), Answer(phrase, known, old.box, box, due)

    # -- saving ------------------------------------------------------------------------------

    def to_note(self) -> dict:
        """The deck as JSON-ready data for ``Store.save_note``; new cards are left out."""
        return {
            "version": NOTE_VERSION,
            "cards": {
                c.phrase: {"box": c.box, "due": c.due.isoformat()}
                for c in self.cards.values()
                if c.due is not None
            },
        }

    @classmethod
    def from_note(cls, phrases: Iterable[str], data: object) -> Deck:
        """A deck restored from :meth:`to_note` data (None: a fresh deck).

        Phrases no longer in ``phrases`` are dropped, and phrases new to the glossary start in
        box 1. Data that is not a saved deck raises ``ValueError`` saying what is wrong.
        """
        phrases = tuple(phrases)
        if data is None:
            return cls(phrases)
        if not isinstance(data, dict) or not isinstance(data.get("cards"), dict):
            raise ValueError("flashcards: the saved cards are not in the expected form")
        if data.get("version") != NOTE_VERSION:
            raise ValueError(
                f"flashcards: the saved cards have version {data.get('version')!r}, "
                f"not {NOTE_VERSION}"
            )
        cards = {}
        for phrase, raw in data["cards"].items():
            if phrase not in phrases:
                continue
            if not isinstance(raw, dict):
                raise ValueError(
                    f"flashcards: the saved card {phrase!r} is not in the expected form"
                )
            try:
                due = date.fromisoformat(str(raw["due"]))
            except (KeyError, TypeError, ValueError):
                raise ValueError(
                    f"flashcards: the saved card {phrase!r} has no valid due date"
                ) from None
            cards[phrase] = Card(phrase, raw.get("box", 0), due)
        return cls(phrases, cards)

    # -- words -------------------------------------------------------------------------------

    def summary(self) -> str:
        """The boxes in words, without dates (the same on every day and machine)."""
        counts = self.counts()
        boxes = "; ".join(f"box {b} (every {_days(INTERVALS[b])}): {counts[b]}" for b in BOXES)
        return f"{len(self.phrases)} cards. {boxes}."


def _days(n: int) -> str:
    return "day" if n == 1 else f"{n} days"


def long_date(day: date) -> str:
    """A date as learners read it: 'Tuesday 4 June 2024'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def interval_table() -> str:
    """The intervals as one line: 'box 1: 1 day, box 2: 2 days, ...'."""
    return ", ".join(f"box {b}: {_days(d) if d > 1 else '1 day'}" for b, d in INTERVALS.items())


__all__ = [
    "BOXES",
    "INTERVALS",
    "NOTE_KEY",
    "SECTION",
    "TOP_BOX",
    "Answer",
    "Card",
    "Deck",
    "interval",
    "interval_table",
    "long_date",
]
