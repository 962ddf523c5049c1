"""The progress view says what its score means, and shows first-try correctness beside it."""

from __future__ import annotations

import html
import re

from pm_course.course import content
from pm_course.ui.progress import FIRST_TRY_MEANS, SCORE_MEANS, ProgressView
from pm_course.ui.questions import QuestionView


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def answer(store, qid: str, *answers: object, hints: int = 0) -> None:
    view = QuestionView(content.question(qid), store=store)
    for _ in range(hints):
        view.hint_button.click()
    for given in answers:
        view.input.set(given)
        view.check_button.click()


def start_here(pv: ProgressView) -> str:
    row = re.search(r"<tr><td>Start here.*?</tr>", pv.table.value)
    assert row, pv.table.value
    return words(row.group(0))


def test_a_full_score_after_wrong_tries_and_hints_is_explained_beside_first_try(store):
    answer(store, "start-single", "Melvin Conway", "James Gadsby Peet", hints=2)
    answer(store, "start-numeric", "7")
    pv = ProgressView(store)
    graded = pv.rows[0].graded
    # both count in full in the score (2 of the marked questions); only one was right first
    assert start_here(pv).endswith(f"{200 / graded:.0f}% 1 of {graded}")
    shown = words(pv.table.value)
    assert "Right first try" in shown
    assert "a right answer after a wrong one or a hint counts in full" in shown
    assert SCORE_MEANS in pv._repr_mimebundle_()["text/plain"]
    assert FIRST_TRY_MEANS in shown
