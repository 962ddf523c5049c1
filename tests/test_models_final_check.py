"""The final check and the course summary: the draw, the score and the views."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html import unescape

import pytest

from pm_course.activities.final_check.model import (
    FINAL_SECTIONS,
    NOTE_KEY,
    FinalScore,
    attempt_from_note,
    draw,
    final_questions,
    keys,
    score,
    sections_for_check,
)
from pm_course.course import content
from pm_course.course.content import Question, Section
from pm_course.course.grading import right_answer, wrong_answers
from pm_course.course.store import Event, QuestionState


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return unescape(re.sub(r" ([:;,.])", r"\1", text))


def ids(questions) -> list[str]:
    return [q.id for q in questions]


# --- the draw ---------------------------------------------------------------------------------


@pytest.mark.parametrize("attempt", range(1, 31))
def test_every_section_is_represented_with_two_or_three_marked_questions(attempt):
    questions = draw(attempt)
    assert len(questions) == 15
    assert len(set(ids(questions))) == 15
    assert all(q.graded for q in questions)
    per = Counter(q.section.split("_", 1)[0] for q in questions)
    assert set(per) == set(FINAL_SECTIONS)
    assert sorted(per.values()) == [2, 2, 2, 2, 2, 2, 3]


def test_questions_come_in_course_order():
    order = [q.id for q in final_questions()]
    drawn = ids(draw(4))
    assert drawn == sorted(drawn, key=order.index)


def test_the_check_asks_its_own_fresh_questions_never_a_sections_own():
    section_ids = {q.id for s in content.course() for q in s.questions}
    fresh = {q.id for q in final_questions()}
    drawn = set().union(*(ids(draw(a)) for a in range(1, 41)))
    assert drawn <= fresh
    assert not drawn & section_ids
    for q in final_questions():  # filed under the section it parallels, by its id
        assert q.id.startswith(f"final-{q.section[:2]}-")


def test_a_fresh_question_with_a_bad_id_is_refused(tmp_path, monkeypatch):
    from pm_course.activities.final_check import model

    bad = tmp_path / "final_check.toml"
    text = model.FINAL_FILE.read_text(encoding="utf-8")
    bad.write_text(text.replace('id = "final-01-definition"', 'id = "fc-definition"'))
    monkeypatch.setattr(model, "FINAL_FILE", bad)
    model.final_questions.cache_clear()
    try:
        with pytest.raises(content.ContentError, match="'fc-definition' needs an id starting"):
            model.final_questions()
    finally:
        model.final_questions.cache_clear()


def test_the_same_attempt_gives_the_same_set():
    assert ids(draw(7)) == ids(draw(7))


def test_the_same_attempt_gives_the_same_set_in_another_process():
    code = (
        "import json; from pm_course.activities.final_check.model import draw; "
        "print(json.dumps([q.id for q in draw(7)]))"
    )
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(out.stdout) == ids(draw(7))


def test_each_attempt_draws_a_different_set():
    sets = [frozenset(ids(draw(a))) for a in range(1, 41)]
    assert len(set(sets)) == len(sets)
    assert all(a != b for a, b in itertools.pairwise(sets))


def test_every_marked_question_can_come_up():
    seen = set().union(*(ids(draw(a)) for a in range(1, 61)))
    pool = {q.id for s in sections_for_check() for q in s.questions if q.graded}
    assert len(seen) >= 0.9 * len(pool)


def _section(number: str, graded: int) -> Section:
    def question(qid: str, qtype: str) -> Question:
        return Question(id=qid, type=qtype, prompt="?", section=f"{number}_s", explanation="!")

    qs = (
        *(question(f"s{number}-{i}", "single") for i in range(graded)),
        question(f"s{number}-r", "reflection"),
    )
    return Section(slug=f"{number}_s", title=f"S{number}", minutes=5, questions=qs)


def test_a_small_section_gives_what_it_has_and_others_make_up_the_rest():
    sections = (_section("00", 5), _section("01", 1), _section("02", 9), _section("08", 9))
    questions = draw(1, sections, size=6)
    per = Counter(q.section for q in questions)
    assert per["01_s"] == 1 and per["02_s"] == 5
    assert "00_s" not in per and "08_s" not in per  # only sections 01 to 07
    assert not any(q.id.endswith("-r") for q in questions)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attempt": 0}, "whole number from 1"),
        ({"attempt": True}, "whole number from 1"),
        ({"attempt": "2"}, "whole number from 1"),
        ({"attempt": 1, "size": 6}, "cannot cover all 7 sections"),
        ({"attempt": 1, "size": 500}, "only .* marked questions"),
    ],
)
def test_bad_requests_are_refused_clearly(kwargs, message):
    with pytest.raises(ValueError, match=message):
        draw(**kwargs)


def test_a_course_without_sections_01_to_07_is_refused():
    with pytest.raises(ValueError, match="none of sections 01 to 07"):
        sections_for_check((_section("00", 3),))


def test_keys_and_the_saved_attempt():
    questions = draw(2)
    assert keys(2, questions)[0] == f"final:2:{questions[0].id}"
    assert attempt_from_note({"attempt": 4}) == 4
    for bad in (None, {}, {"attempt": 0}, {"attempt": "3"}, {"attempt": True}, [4]):
        assert attempt_from_note(bad) == 1


# --- the score ---------------------------------------------------------------------------------


def test_the_score_in_words():
    questions = draw(1)
    k = keys(1, questions)
    assert score({}, 1, questions).words == (
        "Final check, set 1: none of the 15 questions answered yet."
    )
    states = {
        k[0]: QuestionState(attempts=1, status="correct", score=1.0),
        k[1]: QuestionState(attempts=2, status="partial", score=0.5),
        k[2]: QuestionState(revealed=True),
    }
    result = score(states, 1, questions)
    assert (result.answered, result.right, result.revealed, result.score) == (3, 1, 1, 1.5)
    assert result.words == (
        "Final check, set 1: 3 of 15 questions answered so far, 1 answer shown; "
        "score 1.5 of 15 (10%)."
    )
    full = FinalScore(attempt=2, total=15, answered=15, right=15, revealed=0, score=15.0)
    assert full.words == "Final check, set 2: all 15 questions answered; score 15 of 15 (100%)."
    assert full.short == "15 of 15 answered, score 15 of 15 (100%)"


# --- the views -----------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.activities.final_check.view import FinalCheckView

    return FinalCheckView(store=store)


def test_the_view_shows_the_attempts_questions_under_their_own_keys(view):
    questions = draw(1)
    assert [v.question.id for v in view.quiz.views] == ids(questions)
    assert [v.key for v in view.quiz.views] == keys(1, questions)
    assert {v.record_section for v in view.quiz.views} == {"08_key_phrases"}
    assert "Final check, set 1" in words(view.heading.value)
    assert "questions per section: 01: " in words(view.heading.value)


def test_answers_are_scored_live_and_recorded_apart_from_the_sections(store, view):
    from pm_course.course.summary import section_progress

    first, second = view.quiz.views[0], view.quiz.views[1]
    first.input.set(right_answer(first.question))
    first.check_button.click()
    assert "1 of 15 questions answered so far" in words(view.score.value)
    assert "score 1 of 15 (7%)" in words(view.score.value)
    second.input.set(wrong_answers(second.question)[0])
    second.check_button.click()
    assert "2 of 15 questions answered so far" in words(view.score.value)
    second.reveal_button.click()
    assert "1 answer shown" in words(view.score.value)
    assert store.state(first.question.id).attempts == 0  # the section's own record is untouched
    assert store.state(f"final:1:{first.question.id}").status == "correct"
    assert {e.section for e in store.events()} == {"08_key_phrases"}
    assert all(r.done == 0 for r in section_progress(store))


def test_a_new_set_is_drawn_saved_and_restored(store, view):
    before = ids(draw(1))
    view.quiz.views[0].reveal_button.click()
    view.new_button.click()
    assert view.attempt == 2
    assert [v.question.id for v in view.quiz.views] == ids(draw(2)) != before
    assert store.note(NOTE_KEY) == {"attempt": 2}
    assert "New set drawn: set 2" in words(view.status.value)
    assert "answers to set 1 stay saved (1 of 15 answered" in words(view.status.value)
    assert "none of the 15 questions answered yet" in words(view.score.value)
    from pm_course.activities.final_check.view import FinalCheckView

    again = FinalCheckView(store=store)
    assert again.attempt == 2
    assert [v.key for v in again.quiz.views] == keys(2, draw(2))
    again.quiz.views[0].check_button.click()  # empty answer: nothing recorded
    assert "none of the 15" in words(again.score.value)


def test_the_text_fallback_is_deterministic(store, view):
    from pm_course.activities.final_check.view import FinalCheckView

    text = view._text_plain()
    assert text == FinalCheckView(store=store)._text_plain()
    assert text.startswith("Final check, set 1: 15 marked questions from sections 01 to 07")
    assert "Question 15 of 15" in text
    assert "0x" not in text


def test_the_summary_shows_progress_and_the_final_check(store):
    from pm_course.activities.final_check.view import CourseSummaryView

    summary = CourseSummaryView(store=store)
    assert "Sections completed (every question done): 0 of" in words(summary.words.value)
    assert "Final check, set 1: none of the 15" in words(summary.words.value)
    assert "alt='Bar chart of progress by section." in summary.chart.value
    sec = content.section("01")
    for q in sec.questions:
        store.add(Event(section=sec.slug, question=q.id, kind="reveal"))
    summary.refresh_button.click()
    assert "What is product management?" in words(summary.words.value)
    n = len(sec.questions)
    assert f"What is product management?: {n} of {n} done" in unescape(summary.chart.value)
    text = summary._text_plain()
    assert text == CourseSummaryView(store=store)._text_plain()
    assert "Sections completed (every question done): 1 of" in text
