"""The Now / Next / Later roadmap: the learner's items on a board grouped by certainty.

Janna Bastow (ProdPad) devised the Now/Next/Later roadmap: no dates, just three columns
grouped by how certain the work is. She calls a roadmap "a prototype for your strategy":
something to share, test and change. Hard dates belong only where there is a real
constraint, such as a funding deadline or a law coming into force.

A :class:`Roadmap` is a tuple of :class:`Item` (text, column, and ``fixed`` for a hard
deadline that is a real constraint). Every change returns a new roadmap. :meth:`Roadmap.checks`
flags dates in Next and Later items that are not marked as fixed, and a fixed item that names
no date. Finding a date is a **word heuristic** (``find_dates``): quarters and halves (Q3,
H2), financial years (FY26), month names, years (1950 to 2099), numeric dates (12/10, 1.4.26)
and phrases such as "next month", "by Christmas" or "in 6 weeks". It misses dates written in
other ways, and it flags a capitalised "May" or "March", and a name such as "Jan", even when
they are not dates. Treat a flag as a question.

What the board's view does is here too, as pure functions: each action (``add_item``,
``move_item``, ``toggle_item``, ``remove_item``) returns a :class:`Change` (the board after it
and a sentence for the learner); ``choices`` lists the items for the view's menu; ``read_note``
and ``to_note`` read and write the saved note, with the learner's own board kept aside under
"mine" (``kept_aside``).

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

SECTION = "07_strategy_and_vision"
#: The key the learner's board is saved under with ``Store.save_note``.
NOTE_KEY = "strat-roadmap-board"

COLUMNS = ("now", "next", "later")
TITLES = {"now": "Now", "next": "Next", "later": "Later"}
#: What each column means, in certainty: the further right, the less certain.
CERTAINTY = {
    "now": "being worked on now: the most certain",
    "next": "coming up: the problem is clear, the details are still open",
    "later": "problems and ideas to explore: the least certain",
}
MAX_PER_COLUMN = 8
MAX_CHARS = 100

_MONTHS = r"january|february|april|june|july|august|september|october|november|december"
#: Date-like phrases. Month abbreviations, "May" and "March" count only when capitalised.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?:Q[1-4]|H[12])\b", re.I),
    re.compile(r"\bFY\s?'?\d{2,4}\b", re.I),
    re.compile(rf"\b(?:{_MONTHS})\b", re.I),
    re.compile(r"\b(?:May|March|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"),
    re.compile(r"\b(?:19[5-9]\d|20\d\d)\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"),
    re.compile(
        r"\b(?:next|this|by\s+the\s+end\s+of\s+the|end\s+of\s+the|by\s+next)\s+"
        r"(?:week|month|quarter|year|term|sprint|spring|summer|autumn|winter)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:by|in|before|until|from)\s+(?:the\s+)?"
        r"(?:spring|summer|autumn|winter|christmas|easter|new\s+year)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:in|within|over)\s+(?:the\s+next\s+)?(?:\d+|a|two|three|four|six)\s+"
        r"(?:days?|weeks?|months?|years?)\b",
        re.I,
    ),
    re.compile(r"\b(?:week|sprint)\s+\d+\b", re.I),
)


def find_dates(text: str) -> list[str]:
    """The date-like phrases in a text, as written, each once, in the order they appear."""
    if not isinstance(text, str):
        raise ValueError(f"roadmap: an item is text, not {type(text).__name__}")
    spans: list[tuple[int, int, str]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end, _ in spans):
                continue
            spans.append((m.start(), m.end(), m.group(0).rstrip(".")))
    return [phrase for _, _, phrase in sorted(spans)]


def _column(column: object) -> str:
    key = column.strip().lower() if isinstance(column, str) else column
    if key not in COLUMNS:
        raise ValueError(f"roadmap: no column {column!r}; the columns are Now, Next and Later")
    return key


def clean_text(text: object) -> str:
    """An item's text tidied and checked: words, and at most ``MAX_CHARS`` characters."""
    if not isinstance(text, str):
        raise ValueError(f"roadmap: an item is text, not {type(text).__name__}")
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise ValueError("roadmap: write the item first; the box is empty")
    if not re.search(r"[^\W\d_]", text):
        raise ValueError(f"roadmap: '{text}' has no words; say what the item is")
    if len(text) > MAX_CHARS:
        raise ValueError(
            f"roadmap: the item has {len(text)} characters; keep it to {MAX_CHARS} or fewer "
            "(a roadmap item names a problem or an idea, the detail lives elsewhere)"
        )
    return text


@dataclass(frozen=True)
class Item:
    """One item on the board; ``fixed`` marks a hard deadline that is a real constraint."""

    text: str
    column: str
    fixed: bool = False

    def __post_init__(self):
        object.__setattr__(self, "text", clean_text(self.text))
        object.__setattr__(self, "column", _column(self.column))
        if not isinstance(self.fixed, bool):
            raise ValueError(f"roadmap: 'fixed' is True or False, not {self.fixed!r}")

    @property
    def dates(self) -> list[str]:
        """The date-like phrases in the item."""
        return find_dates(self.text)


@dataclass(frozen=True)
class Check:
    """Something the board's check noticed about one item."""

    item: Item
    kind: str
    message: str


@dataclass(frozen=True)
class Roadmap:
    """The board: items in the order they were added; each change makes a new board."""

    items: tuple[Item, ...] = ()

    def __post_init__(self):
        items = tuple(self.items)
        for it in items:
            if not isinstance(it, Item):
                raise ValueError(f"roadmap: {it!r} is not an Item")
        seen: set[str] = set()
        for it in items:
            if it.text.casefold() in seen:
                raise ValueError(f"roadmap: '{it.text}' is on the board twice")
            seen.add(it.text.casefold())
        for col in COLUMNS:
            if sum(it.column == col for it in items) > MAX_PER_COLUMN:
                raise ValueError(f"roadmap: {TITLES[col]} holds at most {MAX_PER_COLUMN} items")
        object.__setattr__(self, "items", items)

    # -- reading ---------------------------------------------------------------------------------

    def column(self, column: str) -> list[Item]:
        """The items of one column, top to bottom."""
        key = _column(column)
        return [it for it in self.items if it.column == key]

    def counts(self) -> dict[str, int]:
        """How many items each column holds."""
        return {c: len(self.column(c)) for c in COLUMNS}

    def index(self, text: str) -> int:
        """The position of the item with this text (ignoring case)."""
        for i, it in enumerate(self.items):
            if it.text.casefold() == text.strip().casefold():
                return i
        raise ValueError(f"roadmap: no item '{text}' on the board")

    # -- changing --------------------------------------------------------------------------------

    def add(self, text: str, column: str, fixed: bool = False) -> Roadmap:
        """A board with one more item at the bottom of its column."""
        item = Item(text, column, fixed)
        if any(it.text.casefold() == item.text.casefold() for it in self.items):
            raise ValueError(f"roadmap: '{item.text}' is already on the board")
        if len(self.column(item.column)) >= MAX_PER_COLUMN:
            raise ValueError(
                f"roadmap: {TITLES[item.column]} already holds {MAX_PER_COLUMN} items; move or "
                "remove one first (a long column is a sign the board is becoming a backlog)"
            )
        return Roadmap((*self.items, item))

    def _at(self, index: int) -> Item:
        if isinstance(index, bool) or not isinstance(index, int):
            raise ValueError(f"roadmap: choose an item by its number, not {index!r}")
        if not 0 <= index < len(self.items):
            raise ValueError("roadmap: choose an item on the board first")
        return self.items[index]

    def move(self, index: int, step: int) -> Roadmap:
        """A board with one item moved one column later (step 1) or earlier (step -1)."""
        item = self._at(index)
        if step not in (-1, 1):
            raise ValueError("roadmap: an item moves one column at a time (step -1 or 1)")
        target = COLUMNS.index(item.column) + step
        if not 0 <= target < len(COLUMNS):
            edge = "Now, the first" if step < 0 else "Later, the last"
            raise ValueError(f"roadmap: '{item.text}' is already in {edge} column")
        column = COLUMNS[target]
        if len(self.column(column)) >= MAX_PER_COLUMN:
            raise ValueError(f"roadmap: {TITLES[column]} already holds {MAX_PER_COLUMN} items")
        rest = self.items[:index] + self.items[index + 1 :]
        return Roadmap((*rest, replace(item, column=column)))

    def remove(self, index: int) -> Roadmap:
        """A board without one item."""
        self._at(index)
        return Roadmap(self.items[:index] + self.items[index + 1 :])

    def toggle_fixed(self, index: int) -> Roadmap:
        """A board with one item's hard-deadline mark switched."""
        item = self._at(index)
        items = list(self.items)
        items[index] = replace(item, fixed=not item.fixed)
        return Roadmap(tuple(items))

    # -- checking --------------------------------------------------------------------------------

    def checks(self) -> list[Check]:
        """Dates in Next and Later that are not marked as real constraints; fixed items with
        no date; an empty Now."""
        out: list[Check] = []
        for it in self.items:
            dates = it.dates
            if it.fixed and not dates:
                out.append(
                    Check(
                        it,
                        "fixed-no-date",
                        f"'{it.text}' is marked as a hard deadline but names no date: add the "
                        "date, and what fixes it (a funder, a law, a contract).",
                    )
                )
            elif dates and not it.fixed and it.column != "now":
                named = ", ".join(f"'{d}'" for d in dates)
                out.append(
                    Check(
                        it,
                        "date",
                        f"'{it.text}' in {TITLES[it.column]} names a date ({named}). On this "
                        "roadmap the column says how certain the work is, so dates go. Keep a "
                        "date only for a real constraint, such as a funding deadline, and mark "
                        "the item as a hard deadline.",
                    )
                )
        return out

    @property
    def headline(self) -> str:
        """The counts per column and the number of dates to look at."""
        if not self.items:
            return "The board is empty: add an item to Now, Next or Later."
        counts = self.counts()
        board = ", ".join(f"{counts[c]} {TITLES[c]}" for c in COLUMNS)
        dated = sum(c.kind == "date" for c in self.checks())
        other = len(self.checks()) - dated
        parts = []
        if dated:
            parts.append(f"{dated} date{'s' if dated != 1 else ''} to look at")
        if other:
            parts.append(f"{other} hard deadline{'s' if other != 1 else ''} without a date")
        tail = "; ".join(parts) if parts else "no stray dates"
        return f"Board: {board}; {tail}."

    def notes(self) -> list[str]:
        """Gentle prompts about the shape of the board."""
        counts = self.counts()
        out = []
        if self.items and not counts["now"]:
            out.append("Nothing is in Now: what is the team working on today?")
        if counts["now"] > counts["next"] + counts["later"] and counts["now"] >= 4:
            out.append(
                "Most items are in Now. A team can only work on a few things at once; is "
                "everything in Now really being worked on?"
            )
        return out

    def lines(self) -> list[str]:
        """The board as plain-text lines: one block per column, then the checks."""
        out = [self.headline]
        for c in COLUMNS:
            out.append(f"{TITLES[c]} ({CERTAINTY[c]}):")
            items = self.column(c)
            if not items:
                out.append("  (nothing yet)")
            for i, it in enumerate(items, 1):
                mark = " [hard deadline]" if it.fixed else ""
                out.append(f"  {i}. {it.text}{mark}")
        out += [f"Check: {c.message}" for c in self.checks()]
        out += [f"Note: {n}" for n in self.notes()]
        return out

    @property
    def text(self) -> str:
        """The board as plain text."""
        return "\n".join(self.lines())

    # -- saving ----------------------------------------------------------------------------------

    def to_data(self) -> dict:
        """JSON-ready data for ``Store.save_note``."""
        return {
            "items": [{"text": i.text, "column": i.column, "fixed": i.fixed} for i in self.items]
        }

    @classmethod
    def from_data(cls, data: object) -> tuple[Roadmap, list[str]]:
        """A board from saved data, and a message for each entry that could not be read."""
        rows = data.get("items") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            return cls(), ["The saved board could not be read, so it starts empty."]
        board, problems = cls(), []
        for n, row in enumerate(rows, 1):
            try:
                if not isinstance(row, dict):
                    raise ValueError("roadmap: not an item")
                text, column = cast(str, row.get("text")), cast(str, row.get("column"))
                board = board.add(text, column, bool(row.get("fixed", False)))  # the item checks
            except ValueError as exc:
                problems.append(
                    f"Saved item {n} was left out: {str(exc).removeprefix('roadmap: ')}."
                )
        return board, problems


#: A made-up food bank's board: one stray date in Next, and one real deadline.
EXAMPLE = Roadmap(
    (
        Item("Fix the donation form that fails on mobile phones", "now"),
        Item("Interview volunteers who dropped out before a first shift", "now"),
        Item("Let volunteers book single shifts online", "next"),
        Item("Text reminders the day before a shift, launching in Q3", "next"),
        Item(
            "Move supporter records off the old database before its support ends in March 2027",
            "next",
            fixed=True,
        ),
        Item("Explore a monthly giving club for regular supporters", "later"),
        Item("Find out why some volunteers stop after a few months", "later"),
    )
)


# --- what the board's view does --------------------------------------------------------------

#: The menu value that chooses no item.
NONE = -1


def choices(board: Roadmap) -> list[tuple[str, int]]:
    """The items for a menu, column by column ("Next 2. Let volunteers ..."), each with its
    position on the board, after a first entry that chooses none (``NONE``)."""

    def short(text: str) -> str:
        return text if len(text) <= 60 else text[:59] + "…"

    options = [("Choose an item…", NONE)]
    for col in COLUMNS:
        for n, it in enumerate(board.column(col), 1):
            options.append((f"{TITLES[col]} {n}. {short(it.text)}", board.items.index(it)))
    return options


@dataclass(frozen=True)
class Change:
    """What one action did: the board after it, a sentence for the learner and its kind
    ("saved"; "invalid" when the board is unchanged), and the item to keep chosen."""

    board: Roadmap
    message: str
    kind: str = "saved"
    keep: str | None = None


def _refused(board: Roadmap, exc: ValueError) -> Change:
    text = str(exc).removeprefix("roadmap: ")
    return Change(board, text[:1].upper() + text[1:] + ".", "invalid")  # keeps the item's words


def add_item(board: Roadmap, text: str, column: str, fixed: bool = False) -> Change:
    """Add an item to the bottom of its column."""
    try:
        after = board.add(text, column, fixed)
    except ValueError as exc:
        return _refused(board, exc)
    added = after.items[-1]
    return Change(after, f"Added to {TITLES[added.column]}: {added.text}")


def move_item(board: Roadmap, index: int, step: int) -> Change:
    """Move an item one column later (1) or earlier (-1); it stays chosen."""
    try:
        after = board.move(index, step)
    except ValueError as exc:
        return _refused(board, exc)
    moved = after.items[-1]
    return Change(after, f"Moved to {TITLES[moved.column]}: {moved.text}", keep=moved.text)


def toggle_item(board: Roadmap, index: int) -> Change:
    """Mark or unmark an item as a hard deadline; it stays chosen."""
    after = board.toggle_fixed(index)
    item = after.items[index]
    state = "marked as a hard deadline" if item.fixed else "no longer a hard deadline"
    return Change(after, f"'{item.text}' is {state}.", keep=item.text)


def remove_item(board: Roadmap, index: int) -> Change:
    """Take an item off the board."""
    after = board.remove(index)  # refuses a position that is not on the board
    return Change(after, f"Removed: {board.items[index].text}")


def kept_aside(board: Roadmap, mine: Roadmap | None) -> Roadmap | None:
    """What is kept aside when the board is emptied or the example shown: the board on show
    if it is the learner's own (not empty, not the example), else what was kept before."""
    return board if board.items and board != EXAMPLE else mine


def instead(
    board: Roadmap, mine: Roadmap | None, shown: Roadmap, said: str
) -> tuple[Change, Roadmap | None]:
    """Show ``shown`` (an empty board, the example) instead of ``board``: the change, and the
    board kept aside now (the learner's own, if ``board`` was theirs)."""
    mine = kept_aside(board, mine)
    aside = " Your board is kept: press Back to my board." if mine else ""
    return Change(shown, f"{said}{aside}"), mine


#: The heading of the board in words.
TITLE = "Now / Next / Later roadmap"


@dataclass(frozen=True)
class Words:
    """The board in words, under its title: ``.text`` and ``.markdown`` (title in bold)."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join([TITLE, *self.lines])

    @property
    def markdown(self) -> str:
        return "  \n".join([f"**{TITLE}**", *self.lines])


def read_note(note: object) -> tuple[Roadmap, Roadmap | None, list[str]]:
    """The board in a saved note (the example if there is none), the learner's own board kept
    aside under "mine" (None if none, or empty), and a sentence per part left out."""
    if note is None:
        return EXAMPLE, None, []
    board, problems = Roadmap.from_data(note)
    mine = note.get("mine") if isinstance(note, dict) else None
    aside = Roadmap.from_data(mine)[0] if isinstance(mine, dict) else None
    return board, (aside if aside is not None and aside.items else None), problems


def to_note(board: Roadmap, mine: Roadmap | None) -> dict:
    """The note the board is saved as: its items, and "mine" (None or a board's data)."""
    return {**board.to_data(), "mine": None if mine is None else mine.to_data()}


__all__ = [
    "CERTAINTY",
    "COLUMNS",
    "EXAMPLE",
    "MAX_CHARS",
    "MAX_PER_COLUMN",
    "NONE",
    "NOTE_KEY",
    "SECTION",
    "TITLE",
    "TITLES",
    "Change",
    "Check",
    "Item",
    "Roadmap",
    "Words",
    "add_item",
    "choices",
    "clean_text",
    "find_dates",
    "instead",
    "kept_aside",
    "move_item",
    "read_note",
    "remove_item",
    "to_note",
    "toggle_item",
]
