"""Item analysis: how each marked question behaved in the class. No widgets.

For every marked question answered by the class:

- **facility**: the share of learners who got it right first time (0 to 1);
- **discrimination**, two ways: the point-biserial correlation between getting it right first
  time and the learner's score on the *other* questions (the share they got right first time,
  so a learner who reached fewer sections is not counted as weaker), and the upper-lower index:
  facility among the top 27% of learners by that score minus facility among the bottom 27%;
- for single and multiple choice, each option's share of first answers, overall and in the
  upper and lower groups;
- **flags**: a distractor chosen more often than the key by the strongest learners, or a
  question the strongest learners get wrong more often than the weakest (a likely miskeyed,
  ambiguous or misleading question).

Only first answers count (a retry after feedback says little about what a learner knew). A file
exported before the course stored the chosen options (``first_choice``) is read from its first
answer's text, and an answer given to an earlier version of a question (its ``version``
fingerprint differs: the key or an option changed since) is left out; :attr:`ItemAnalysis.notes`
says how many of each. How to read the numbers: ``docs/class-report.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..course.content import Question, course
from .results import choice_indices, question_version

if TYPE_CHECKING:
    from .report import Learner

#: A question answered by fewer learners gets a facility but no discrimination and no flag.
MIN_ANSWERS = 5
#: The share of learners in each of the upper and lower groups (Kelley's 27%).
GROUP = 0.27
#: Discrimination under this reads "separates the wrong way".
NEGATIVE = -0.2
#: A question is flagged as working against the class only when its point-biserial is below
#: ``-Z / sqrt(n - 1)`` (n learners analysed): about a 1% chance for a question that measures
#: nothing, so a class of 20 and 80 questions raises about one false alarm, not a dozen.
Z = 2.33
#: The key must be beaten by this many learners of the upper group at least to flag it,
#: and by more than chance would make of two options they like equally (a one-sided sign test
#: at 5%: ``chose - key >= SIGN_Z * sqrt(chose + key)``).
MIN_UPPER = 3
SIGN_Z = 1.645
#: The upper group needs this many learners whose choice is known (about 19 answers) before
#: the key can be said to be beaten: three strong learners agreeing is too easily chance.
MIN_GROUP = 5

FLAG_KEY = "a distractor beats the key among the strongest learners"
FLAG_NEGATIVE = "the strongest learners get it wrong more often than the weakest"


@dataclass(frozen=True)
class OptionStats:
    """One option of a single or multiple choice question: how often first answers chose it."""

    index: int
    text: str
    correct: bool
    chosen: int
    share: float | None  # of the first answers whose choice is known, 0 to 1
    upper: float | None  # the same within the upper group
    lower: float | None  # and within the lower group


@dataclass(frozen=True)
class Item:
    """One marked question's statistics."""

    qid: str
    section: str
    prompt: str
    type: str
    answered: int
    facility: float | None
    point_biserial: float | None
    upper_lower: float | None
    options: tuple[OptionStats, ...]
    flags: tuple[str, ...]
    reading: str

    @property
    def flagged(self) -> bool:
        """True if a flag asks the instructor to look at the question."""
        return bool(self.flags)

    @property
    def beating(self) -> OptionStats | None:
        """The distractor the upper group chose most, when it beats the key there."""
        if FLAG_KEY not in self.flags:
            return None
        wrong = [o for o in self.options if not o.correct and o.upper is not None]
        return max(wrong, key=lambda o: (o.upper or 0.0, -o.index)) if wrong else None


@dataclass(frozen=True)
class ItemAnalysis:
    """Every analysed question, the class size, and what had to be guessed or left out."""

    items: tuple[Item, ...]
    learners: int
    min_answers: int
    notes: tuple[str, ...]

    @property
    def flagged(self) -> list[Item]:
        """The questions a flag asks the instructor to look at."""
        return [i for i in self.items if i.flagged]


@dataclass
class _Answer:
    right: int  # 1 right first time, 0 not
    choice: tuple[int, ...] | None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None if either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def _first_answers(
    learners: Iterable[Learner], questions: dict[str, Question]
) -> tuple[dict[str, dict[str, _Answer]], dict[str, int]]:
    """Per learner (by position), per question: the first answer; and counts for the notes."""
    versions = {qid: question_version(q) for qid, q in questions.items()}
    counts = {"stale": 0, "from_text": 0, "unknown": 0, "old_files": 0}
    table: dict[str, dict[str, _Answer]] = {}
    for n, learner in enumerate(learners):
        mine: dict[str, _Answer] = {}
        old = False
        for qid, entry in learner.questions.items():
            q = questions.get(qid)
            if q is None or not entry.get("attempts"):
                continue
            version = entry.get("version")
            if version is None:
                old = True
            elif version != versions[qid]:
                counts["stale"] += 1
                continue
            choice: tuple[int, ...] | None = None
            if q.type in ("single", "multiple"):
                stored = entry.get("first_choice")
                if stored is not None:
                    choice = tuple(stored)
                else:
                    answers = entry.get("answers") or []
                    found = choice_indices(q, answers[0]) if answers else None
                    if found is None:
                        counts["unknown"] += 1
                    else:
                        choice = tuple(found)
                        counts["from_text"] += 1
            mine[qid] = _Answer(1 if entry.get("right_first_time") else 0, choice)
        counts["old_files"] += old
        table[str(n)] = mine
    return table, counts


def _notes(counts: dict[str, int]) -> tuple[str, ...]:
    notes = []
    if counts["old_files"]:
        notes.append(
            f"{counts['old_files']} file(s) come from an older export without question "
            "versions or chosen options: their answers are assumed to be to today's questions, "
            f"and {counts['from_text']} first choice(s) were read from the answer text."
        )
    if counts["unknown"]:
        notes.append(
            f"{counts['unknown']} first answer(s) name an option the question no longer has: "
            "they count for facility and discrimination but not for the options' shares."
        )
    if counts["stale"]:
        notes.append(
            f"{counts['stale']} answer(s) were given to an earlier version of their question "
            "(its options or key have changed since) and are left out."
        )
    return tuple(notes)


def negative_line(n: int) -> float:
    """The point-biserial under which a question answered by ``n`` learners is flagged."""
    return -Z / math.sqrt(max(n - 1, 1))


def _reading(answered: int, facility: float | None, r: float | None, minimum: int) -> str:
    if answered < minimum or facility is None:
        return f"too few answers (fewer than {minimum})"
    if facility >= 0.9:
        ease = "easy"
    elif facility <= 0.3:
        ease = "hard"
    else:
        ease = "medium"
    if r is None:
        spread = "no spread to measure"
    elif r >= 0.3:
        spread = "separates well"
    elif r >= 0.15:
        spread = "separates a little"
    elif r > NEGATIVE:
        spread = "does not separate"
    else:
        spread = "separates the wrong way"
    return f"{ease}; {spread}"


def analyse(
    learners: Sequence[Learner],
    *,
    min_answers: int = MIN_ANSWERS,
    sections: Iterable[str] | None = None,
) -> ItemAnalysis:
    """The item analysis of a class (``sections``: slugs to report on, default all; every
    question still counts towards each learner's score)."""
    ordered = [q for s in course() for q in s.questions if q.graded]
    questions = {q.id: q for q in ordered}
    answers, counts = _first_answers(learners, questions)
    keys = list(answers)
    names = [lr.pseudonym for lr in learners]
    totals = {k: (sum(a.right for a in answers[k].values()), len(answers[k])) for k in keys}
    wanted = set(sections) if sections is not None else None
    items = []
    for q in ordered:
        if wanted is not None and q.section not in wanted:
            continue
        took = [k for k in keys if q.id in answers[k]]
        if not took:
            continue
        right = [answers[k][q.id].right for k in took]
        facility = sum(right) / len(took)
        rest = {}
        for k in took:
            total, count = totals[k]
            if count > 1:
                rest[k] = (total - answers[k][q.id].right) / (count - 1)
        scored = [k for k in took if k in rest]
        r_pb = upper_lower = None
        upper: list[str] = []
        lower: list[str] = []
        if len(took) >= min_answers and len(scored) >= 2:
            r_pb = pearson([answers[k][q.id].right for k in scored], [rest[k] for k in scored])
            ranked = sorted(scored, key=lambda k: (-rest[k], names[int(k)].casefold(), k))
            size = max(1, round(GROUP * len(ranked)))
            upper, lower = ranked[:size], ranked[-size:]
            upper_lower = (
                sum(answers[k][q.id].right for k in upper) / size
                - sum(answers[k][q.id].right for k in lower) / size
            )
        options = _options(q, [answers[k][q.id] for k in took], answers, q.id, upper, lower)
        flags = []
        if len(took) >= min_answers and r_pb is not None and r_pb <= 0:
            if _key_beaten(q, options, [k for k in upper if answers[k][q.id].choice is not None]):
                flags.append(FLAG_KEY)
            if r_pb <= negative_line(len(scored)) and (upper_lower or 0.0) < 0:
                flags.append(FLAG_NEGATIVE)
        items.append(
            Item(
                q.id,
                q.section,
                q.prompt,
                q.type,
                len(took),
                facility,
                r_pb,
                upper_lower,
                options,
                tuple(flags),
                _reading(len(took), facility, r_pb, min_answers),
            )
        )
    return ItemAnalysis(tuple(items), len(learners), min_answers, _notes(counts))


def _options(
    q: Question,
    took: list[_Answer],
    answers: dict[str, dict[str, _Answer]],
    qid: str,
    upper: list[str],
    lower: list[str],
) -> tuple[OptionStats, ...]:
    if q.type not in ("single", "multiple"):
        return ()
    known = [a.choice for a in took if a.choice is not None]
    up = [c for k in upper if (c := answers[k][qid].choice) is not None]
    low = [c for k in lower if (c := answers[k][qid].choice) is not None]

    def share(choices: list[tuple[int, ...]], i: int) -> float | None:
        return sum(i in c for c in choices) / len(choices) if choices else None

    return tuple(
        OptionStats(
            i,
            o.text,
            o.correct,
            sum(i in c for c in known),
            share(known, i),
            share(up, i) if upper else None,
            share(low, i) if lower else None,
        )
        for i, o in enumerate(q.options)
    )


def _key_beaten(q: Question, options: tuple[OptionStats, ...], upper: list[str]) -> bool:
    """A wrong option more popular in the upper group than the (least popular) right one."""
    if len(upper) < MIN_GROUP or not options:
        return False
    keys = [o.upper for o in options if o.correct and o.upper is not None]
    wrong = [o for o in options if not o.correct and o.upper is not None]
    if not keys or not wrong:
        return False
    best = max(wrong, key=lambda o: o.upper or 0.0)
    chose = round((best.upper or 0.0) * len(upper))  # learners of the upper group who chose it
    key = round(min(keys) * len(upper))
    # a sign test: more than chance could make of two options the upper group likes equally
    return chose >= MIN_UPPER and chose - key >= SIGN_Z * math.sqrt(chose + key)
