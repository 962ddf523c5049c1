"""Feedback: what grading returns, with a plain-text and an HTML form."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

#: status -> (symbol, headline). Words always; the symbol and colour only add to them.
STATUSES = {
    "correct": ("✓", "Correct"),
    "partial": ("◐", "Partly right"),
    "incorrect": ("✗", "Not quite"),
    "invalid": ("!", "Check your answer"),
    "empty": ("–", "Not attempted"),
    "saved": ("✓", "Saved"),
    "recorded": ("✓", "Vote recorded"),
    "revealed": ("ⓘ", "Answer shown"),
}

#: Statuses that count as an attempt at a graded question.
ATTEMPT_STATUSES = frozenset({"correct", "partial", "incorrect"})


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``summary`` follows the headline ("2 of 3 right, 1 wrong"); ``details`` are the
    feedback texts of what the learner chose; ``score`` is 0 to 1 for graded questions.
    """

    status: str
    summary: str = ""
    details: tuple[str, ...] = ()
    score: float | None = None

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown feedback status {self.status!r}")

    @property
    def headline(self) -> str:
        """The status in words, such as 'Not quite'."""
        return STATUSES[self.status][1]

    @property
    def correct(self) -> bool:
        """True only for a fully right answer."""
        return self.status == "correct"

    @property
    def text(self) -> str:
        """Plain text: headline, summary, then one line per detail."""
        symbol, headline = STATUSES[self.status]
        first = f"{symbol} {headline}" + (f": {self.summary}" if self.summary else "")
        return "\n".join([first, *(f"  - {d}" for d in self.details)])

    @property
    def html(self) -> str:
        """HTML for the widget: the same words, escaped, with a status class for colour."""
        symbol, headline = STATUSES[self.status]
        summary = f": {escape(self.summary)}" if self.summary else ""
        items = "".join(f"<li>{escape(d)}</li>" for d in self.details)
        details = f"<ul class='pmc-details'>{items}</ul>" if items else ""
        return (
            f"<div class='pmc-feedback pmc-{self.status}'>"
            f"<span aria-hidden='true'>{symbol}</span> <strong>{headline}</strong>"
            f"{summary}{details}</div>"
        )

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text
