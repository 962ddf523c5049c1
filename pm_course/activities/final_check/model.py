"""The final check: 15 marked questions on sections 01 to 07, a new set per attempt.

The questions are fresh: ``course/content/final_check.toml`` holds one parallel question per
learning objective of sections 01 to 07, each a new scenario that no section notebook shows,
so the score measures what the learner can do with an idea, not what they remember of a
question they have already seen explained. Its ids start with ``final-NN-``, where NN is the
section the question parallels.

Every section is represented: 15 questions over 7 sections gives each section 2, and one
section, chosen by the draw, a third. Only marked questions (single, multiple, numeric,
ordering, categorise) are drawn; reflections and polls are not. The draw is seeded by the
attempt number, so attempt 3 is the same set on every machine and every run, and each attempt
is a different set. Within the check, questions come in course order.

Answers are recorded under their own keys (``final:<attempt>:<question id>``) and the section
``08_key_phrases``, so the final check never changes a section notebook's own record.

Pure Python: no widgets here (see ``final_check_view``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from ...course.content import (
    CONTENT_DIR,
    ContentError,
    Question,
    Section,
    course,
    load_section_file,
)
from ...course.store import QuestionState, Store

#: The sections the questions are drawn from, by number.
FINAL_SECTIONS = ("01", "02", "03", "04", "05", "06", "07")
QUESTIONS = 15
SECTION = "08_key_phrases"
#: Where the current attempt is kept (``Store.save_note``).
NOTE_KEY = "final-check"
#: The fresh questions, used by the final check only.
FINAL_FILE = CONTENT_DIR / "final_check.toml"


@cache
def final_questions() -> tuple[Question, ...]:
    """The final check's own questions, each filed under the section it parallels."""
    bank = load_section_file(FINAL_FILE)
    slugs = {s.number: s.slug for s in course()}
    questions = []
    for q in bank.questions:
        found = re.match(r"final-(\d\d)-\w", q.id)
        number = found.group(1) if found else ""
        if number not in FINAL_SECTIONS or number not in slugs:
            raise ContentError(
                f"{FINAL_FILE.name}: question '{q.id}' needs an id starting 'final-NN-', "
                f"where NN is one of sections {', '.join(FINAL_SECTIONS)}"
            )
        questions.append(replace(q, section=slugs[number]))
    return tuple(questions)


def sections_for_check(sections: Iterable[Section] | None = None) -> tuple[Section, ...]:
    """The sections the final check covers (01 to 07), in course order.

    Without ``sections``, each holds the final check's fresh questions on that section;
    given ``sections``, their own questions are the pool (for tests and other courses).
    """
    if sections is None:
        fresh = final_questions()
        pool = tuple(
            replace(s, questions=tuple(q for q in fresh if q.section == s.slug)) for s in course()
        )
    else:
        pool = tuple(sections)
    chosen = tuple(s for s in pool if s.number in FINAL_SECTIONS)
    if not chosen:
        raise ValueError("final check: none of sections 01 to 07 is in the course content")
    return chosen


def _check_attempt(attempt: object) -> int:
    if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
        raise ValueError(f"final check: the attempt must be a whole number from 1, not {attempt!r}")
    return attempt


def draw(
    attempt: int, sections: Iterable[Section] | None = None, size: int = QUESTIONS
) -> tuple[Question, ...]:
    """The questions of one attempt: ``size`` marked questions spread over every section."""
    _check_attempt(attempt)
    chosen = sections_for_check(sections)
    pools = [[q for q in s.questions if q.graded] for s in chosen]
    if isinstance(size, bool) or not isinstance(size, int) or size < len(chosen):
        raise ValueError(
            f"final check: {size!r} questions cannot cover all {len(chosen)} sections; "
            f"ask for at least {len(chosen)}"
        )
    if size > sum(len(p) for p in pools):
        raise ValueError(
            f"final check: {size} questions asked for, but the sections have only "
            f"{sum(len(p) for p in pools)} marked questions"
        )
    rng = random.Random(f"pm-course:final-check:{attempt}")
    want = [min(size // len(chosen), len(p)) for p in pools]
    short = size - sum(want)
    order = rng.sample(range(len(pools)), len(pools))
    while short:  # one more question at a time, to sections in an order the seed decides
        for i in order:
            if short and want[i] < len(pools[i]):
                want[i] += 1
                short -= 1
    picked: list[Question] = []
    for pool, n in zip(pools, want, strict=True):
        indices = sorted(rng.sample(range(len(pool)), n))
        picked += [pool[i] for i in indices]
    return tuple(picked)


def keys(attempt: int, questions: Iterable[Question]) -> list[str]:
    """The record keys of an attempt's questions: ``final:<attempt>:<id>``."""
    _check_attempt(attempt)
    return [f"final:{attempt}:{q.id}" for q in questions]


def attempt_from_note(data: object) -> int:
    """The attempt saved with ``Store.save_note`` (1 if nothing usable was saved)."""
    if isinstance(data, dict):
        value = data.get("attempt")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
    return 1


@dataclass(frozen=True)
class FinalScore:
    """How far a learner is through one attempt, and their score on it."""

    attempt: int
    total: int
    answered: int  # attempted at least once, or answer shown
    right: int  # answered fully right (answer not shown first)
    revealed: int
    score: float  # sum of best scores; a shown answer scores what was earned before it

    @property
    def percent(self) -> float:
        """The score as a percentage of the questions in the set."""
        return 100.0 * self.score / self.total if self.total else 0.0

    @property
    def short(self) -> str:
        """The score in a phrase: '3 of 15 answered, score 2.5 of 15 (17%)'."""
        return (
            f"{self.answered} of {self.total} answered, "
            f"score {self.score:.4g} of {self.total} ({self.percent:.0f}%)"
        )

    @property
    def words(self) -> str:
        """The score in one or two sentences."""
        head = f"Final check, set {self.attempt}"
        if self.answered == 0:
            return f"{head}: none of the {self.total} questions answered yet."
        score = f"{self.score:.4g} of {self.total} ({self.percent:.0f}%)"
        shown = (
            f", {self.revealed} answer{'s' if self.revealed != 1 else ''} shown"
            if self.revealed
            else ""
        )
        if self.answered < self.total:
            return (
                f"{head}: {self.answered} of {self.total} questions answered so far{shown}; "
                f"score {score}."
            )
        return f"{head}: all {self.total} questions answered{shown}; score {score}."


def score(
    states: Mapping[str, QuestionState], attempt: int, questions: Iterable[Question]
) -> FinalScore:
    """The score of an attempt from the learner's question states (keyed as :func:`keys`)."""
    questions = tuple(questions)
    found = [states.get(k, QuestionState()) for k in keys(attempt, questions)]
    return FinalScore(
        attempt=attempt,
        total=len(questions),
        answered=sum(1 for s in found if s.attempts or s.revealed),
        right=sum(1 for s in found if s.status == "correct" and not s.revealed),
        revealed=sum(1 for s in found if s.revealed),
        score=sum(s.score for s in found),
    )


def current_score(store: Store, sections: Iterable[Section] | None = None) -> FinalScore:
    """The score of the learner's current attempt, read from the store."""
    attempt = attempt_from_note(store.note(NOTE_KEY))
    questions = draw(attempt, sections)
    return score(store.states(), attempt, questions)


__all__ = [
    "FINAL_FILE",
    "FINAL_SECTIONS",
    "NOTE_KEY",
    "QUESTIONS",
    "SECTION",
    "FinalScore",
    "attempt_from_note",
    "current_score",
    "draw",
    "final_questions",
    "keys",
    "score",
    "sections_for_check",
]
