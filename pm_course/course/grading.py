"""Grade answers: plain Python, one function per question type, one entry point.

Answers are plain JSON values so the progress store can keep them as they are:

============  ==========================================  ==========================
type          answer                                      example
============  ==========================================  ==========================
single        the chosen option's text                    "Value"
multiple      a list of chosen options' texts             ["A", "C"]
numeric       what the learner typed                      "14,100"
ordering      the items' texts, first to last             ["Discovery", "Alpha", ...]
categorise    item text -> chosen category                {"More sign-ups": "Outcome"}
reflection    free text                                   "Our users need..."
poll          the chosen option's text                    "A third"
============  ==========================================  ==========================

``None`` (or an empty value) always means "not attempted".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .content import Question
from .feedback import Feedback
from .numbers import NumberError, format_number, parse_number


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _is_empty(answer: object) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return all(v in (None, "") for v in answer.values())
    if isinstance(answer, list | tuple | set):
        return all(v in (None, "") for v in answer)
    return False


def _shown(value: object, width: int = 60) -> str:
    """A learner's value quoted for a message, cut short: ``'Valu…'``."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _grade_single(q: Question, answer: object) -> Feedback:
    by_text = {o.text: o for o in q.options}
    if not isinstance(answer, str) or answer not in by_text:
        return Feedback("invalid", "choose one of the options listed.")
    option = by_text[answer]
    status = "correct" if option.correct else "incorrect"
    return Feedback(status, details=(option.feedback,), score=1.0 if option.correct else 0.0)


def _grade_multiple(q: Question, answer: object) -> Feedback:
    if isinstance(answer, str) or not isinstance(answer, list | tuple | set):
        return Feedback("invalid", "choose one or more of the options listed.")
    by_text = {o.text: o for o in q.options}
    unknown = [a for a in answer if not isinstance(a, str) or a not in by_text]
    if unknown:
        return Feedback("invalid", f"{_shown(unknown[0])} is not one of the options.")
    chosen = [o for o in q.options if o.text in set(answer)]
    right = sum(o.correct for o in chosen)
    wrong = len(chosen) - right
    needed = sum(o.correct for o in q.options)
    missed = needed - right
    score = max(0.0, (right - wrong) / needed)
    details = tuple(o.feedback for o in chosen)
    if missed and not wrong:
        details += (
            f"There {'is' if missed == 1 else 'are'} {missed} more right "
            f"{'option' if missed == 1 else 'options'} to find.",
        )
    if right == needed and not wrong:
        return Feedback("correct", f"all {needed} right options chosen.", details, 1.0)
    summary = f"{right} of {needed} right, {wrong} wrong."
    return Feedback("partial" if right else "incorrect", summary, details, score)


def _grade_numeric(q: Question, answer: object) -> Feedback:
    text = answer.strip() if isinstance(answer, str) else answer
    if isinstance(text, str) and q.unit and text.lower().endswith(q.unit.lower()):
        text = text[: -len(q.unit)]
    try:
        value = parse_number(text)
    except NumberError as exc:
        return Feedback("invalid", str(exc))
    except OverflowError:  # an integer too big for a float
        return Feedback("invalid", "that number is too big; type a smaller one.")
    assert q.answer is not None
    shown = format_number(value, q.unit)
    if abs(value - q.answer) <= q.tolerance + 1e-9 * max(1.0, abs(q.answer)):
        return Feedback("correct", f"{shown}.", (q.feedback["correct"],), 1.0)
    side = "low" if value < q.answer else "high"
    return Feedback("incorrect", f"{shown} is too {side}.", (q.feedback[side],), 0.0)


def _grade_ordering(q: Question, answer: object) -> Feedback:
    if isinstance(answer, str) or not isinstance(answer, list | tuple):
        return Feedback("invalid", "put every step in a position.")
    expected = [it.text for it in q.items]
    chosen = [a for a in answer if a is not None and a != ""]
    if len(chosen) < len(expected):
        left = len(expected) - len(chosen)
        return Feedback("invalid", f"{_plural(left, 'position')} still empty; fill every one.")
    for text in chosen:
        if text not in expected:
            return Feedback("invalid", f"{_shown(text)} is not one of the steps.")
        if chosen.count(text) > 1:
            return Feedback("invalid", f"{_shown(text)} is used twice; use each step once.")
    placed = sum(a == b for a, b in zip(chosen, expected, strict=True))
    total = len(expected)
    if placed == total:
        return Feedback("correct", f"all {total} in the right order.", (), 1.0)
    details = tuple(it.feedback for it, got in zip(q.items, chosen, strict=True) if it.text != got)
    status = "partial" if placed else "incorrect"
    return Feedback(status, f"{placed} of {total} in the right place.", details, placed / total)


def _grade_categorise(q: Question, answer: object) -> Feedback:
    if not isinstance(answer, dict):
        return Feedback("invalid", "put each item in a group.")
    unknown = [k for k in answer if k not in {it.text for it in q.items}]
    if unknown:
        return Feedback("invalid", f"{_shown(unknown[0])} is not one of the items.")
    bad = [v for v in answer.values() if v not in (None, "") and v not in q.categories]
    if bad:
        return Feedback("invalid", f"{_shown(bad[0])} is not one of the groups.")
    unplaced = [it.text for it in q.items if not answer.get(it.text)]
    if unplaced:
        return Feedback(
            "invalid",
            f"{_plural(len(unplaced), 'item')} not placed yet; "
            f"place every item, starting with {unplaced[0]!r}.",
        )
    wrong = [it for it in q.items if answer[it.text] != it.category]
    total = len(q.items)
    right = total - len(wrong)
    if not wrong:
        return Feedback("correct", f"all {total} sorted right.", (), 1.0)
    details = tuple(it.feedback for it in wrong)
    status = "partial" if right else "incorrect"
    return Feedback(
        status, f"{right} of {total} sorted right, {len(wrong)} wrong.", details, right / total
    )


#: The fewest words a reflection is saved with: a real attempt, however short, which is what
#: unlocks the model answer (one word, or a few letters, is not yet an attempt).
MIN_REFLECTION_WORDS = 5


def _grade_reflection(q: Question, answer: object) -> Feedback:
    if not isinstance(answer, str):
        return Feedback("invalid", "write your reflection as text.")
    words = len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", answer))
    if words < MIN_REFLECTION_WORDS:
        return Feedback(
            "invalid",
            f"write a little more first: a sentence or two about your own product or service, "
            f"at least {MIN_REFLECTION_WORDS} words (you have {words}). Nothing is marked; the "
            "model answer appears once your reflection is saved, to compare with yours.",
        )
    return Feedback("saved", f"{_plural(words, 'word')} saved on this computer.")


def _grade_poll(q: Question, answer: object) -> Feedback:
    by_text = {o.text: o for o in q.options}
    if not isinstance(answer, str) or answer not in by_text:
        return Feedback("invalid", "choose one of the options listed.")
    option = by_text[answer]
    return Feedback(
        "recorded",
        f"the source puts {option.share:g}% of cases here (a published figure, not other "
        "learners' votes).",
        (option.feedback,),
    )


#: One grader per type: a question's type picks its grader from this table.
GRADERS: dict[str, Callable[[Question, object], Feedback]] = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "categorise": _grade_categorise,
    "reflection": _grade_reflection,
    "poll": _grade_poll,
}

_EMPTY_MESSAGES = {
    "single": "choose an option, then check.",
    "multiple": "tick one or more options, then check.",
    "numeric": "type a number, then check.",
    "ordering": "choose a step for each position, then check.",
    "categorise": "choose a group for each item, then check.",
    "reflection": "write a few sentences, then save.",
    "poll": "choose an option, then vote.",
}


def grade(question: Question, answer: object) -> Feedback:
    """Check ``answer`` against ``question``; never raises for a learner's input."""
    if _is_empty(answer):
        return Feedback("empty", _EMPTY_MESSAGES[question.type])
    return GRADERS[question.type](question, answer)


def right_answer(question: Question) -> object:
    """The answer that grades as fully right (``None`` for reflections and polls)."""
    match question.type:
        case "single":
            return next(o.text for o in question.options if o.correct)
        case "multiple":
            return [o.text for o in question.options if o.correct]
        case "numeric":
            return format_number(question.answer or 0.0)
        case "ordering":
            return [it.text for it in question.items]
        case "categorise":
            return {it.text: it.category for it in question.items}
    return None


def answer_text(question: Question) -> str:
    """The right answer in words, as shown by 'Show answer'."""
    answer = right_answer(question)
    if question.type == "numeric":
        tol = (
            f" (within {format_number(question.tolerance, question.unit)})"
            if question.tolerance
            else ""
        )
        return f"{format_number(question.answer or 0.0, question.unit)}{tol}"
    if isinstance(answer, list):
        sep = " → " if question.type == "ordering" else "; "
        return sep.join(answer)
    if isinstance(answer, dict):
        groups = {c: [t for t, cat in answer.items() if cat == c] for c in question.categories}
        return "; ".join(f"{c}: {', '.join(items)}" for c, items in groups.items() if items)
    return str(answer or "")


def wrong_answers(question: Question) -> list[object]:
    """Answers that must not grade as right: one per distractor (for tests and reports)."""
    answers: list[object] = []
    match question.type:
        case "single":
            answers += [o.text for o in question.options if not o.correct]
        case "multiple":
            right = [o.text for o in question.options if o.correct]
            answers += [[*right, o.text] for o in question.options if not o.correct]
            answers.append(right[:-1])
        case "numeric":
            offset = question.tolerance + max(1.0, abs(question.answer or 0) * 0.5)
            answers += [format_number((question.answer or 0) + s * offset) for s in (-1, 1)]
        case "ordering":
            items = [it.text for it in question.items]
            answers += [items[1:] + items[:1], items[::-1]]
        case "categorise":
            groups = {it.text: it.category for it in question.items}
            for it in question.items:
                other = next(c for c in question.categories if c != it.category)
                answers.append({**groups, it.text: other})
    return answers


__all__ = [
    "GRADERS",
    "MIN_REFLECTION_WORDS",
    "answer_text",
    "grade",
    "right_answer",
    "wrong_answers",
]
