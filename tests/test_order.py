"""Options in an order of each learner's own: stable for them, different between them, and
never what grading depends on; the text fallback lists them in a neutral order."""

from __future__ import annotations

import html
import re

import pytest

from pm_course.course import content
from pm_course.course.grading import grade, right_answer
from pm_course.course.order import (
    SEED_FILE,
    SHUFFLED_TYPES,
    learner_order,
    learner_seed,
    neutral,
)
from pm_course.course.store import Store
from pm_course.course.text import question_markdown, question_plain
from pm_course.ui.questions import QuestionView


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def questions(*types: str) -> list[content.Question]:
    return [q for s in content.course() for q in s.questions if q.type in types]


def shown(view: QuestionView) -> list[str]:
    """The options, steps or items in the order the learner sees them."""
    widget = view.input.widget
    match view.question.type:
        case "single":
            return list(widget.options)
        case "multiple":
            return [box.description for box in widget.children]
        case "ordering":
            return [text for text, value in widget.children[0].options if value]
        case "categorise":
            return [menu.description for menu in widget.children]
    raise AssertionError(view.question.type)


def written(q: content.Question) -> list[str]:
    if q.type in ("single", "multiple", "poll"):
        return [o.text for o in q.options]
    return [it.text for it in q.items]


# --- the pure order ---------------------------------------------------------------------------


def test_the_same_seed_and_question_always_give_the_same_order():
    values = list("ABCDEFG")
    assert learner_order("a1b2c3d4", "q1", values) == learner_order("a1b2c3d4", "q1", values)


def test_the_order_is_fixed_across_python_runs():
    """Not Python's salted hash: a known seed gives a known order on any machine."""
    assert learner_order("0123456789abcdef", "start-single", list("ABCDE")) == learner_order(
        "0123456789abcdef", "start-single", list("ABCDE")
    )
    assert learner_order("0123456789abcdef", "start-single", list("ABCDE")) == list("AEDCB")


def test_learners_and_questions_get_different_orders():
    values = [f"option {i}" for i in range(5)]
    by_learner = {tuple(learner_order(f"{n:016x}", "q", values)) for n in range(40)}
    by_question = {tuple(learner_order("feedfacecafebeef", f"q{n}", values)) for n in range(40)}
    assert len(by_learner) > 20 and len(by_question) > 20


def test_every_position_is_as_likely_for_the_first_option():
    """No length cue, no position cue: over many learners the written first option lands in
    each place about as often."""
    values = list("ABCD")
    places = [learner_order(f"{n:016x}", "q", values).index("A") for n in range(2000)]
    counts = [places.count(i) for i in range(4)]
    assert min(counts) > 400, counts


def test_steps_are_never_shown_in_their_right_order():
    steps = list("ABC")
    for n in range(300):
        assert learner_order(f"{n:016x}", "q", steps, written_is_answer=True) != steps


def test_a_seed_is_made_once_and_kept_beside_the_progress_file(tmp_path):
    first = Store(tmp_path / "learner")
    seed = learner_seed(first)
    assert (tmp_path / "learner" / SEED_FILE).read_text().strip() == seed
    restarted = Store(tmp_path / "learner")  # what a kernel restart opens
    assert learner_seed(restarted) == seed
    assert first.events() == []  # not an answer: never counted, exported or reset


def test_two_learners_get_two_seeds(tmp_path):
    assert learner_seed(Store(tmp_path / "ann")) != learner_seed(Store(tmp_path / "bo"))


def test_a_damaged_seed_file_is_left_alone_and_a_session_seed_used(tmp_path):
    folder = tmp_path / "learner"
    store = Store(folder)
    (folder / SEED_FILE).write_text("not a seed\n")
    seed = learner_seed(store)
    assert re.fullmatch(r"[0-9a-f]{16}", seed)
    assert learner_seed(store) == seed  # stable for the session
    assert (folder / SEED_FILE).read_text() == "not a seed\n"


def test_a_store_in_memory_has_a_seed_for_the_session(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "x")  # a folder that cannot exist: answers kept in memory
    assert store.in_memory
    assert learner_seed(store) == learner_seed(store)


# --- the question view ------------------------------------------------------------------------


@pytest.mark.parametrize("q", questions(*SHUFFLED_TYPES), ids=lambda q: q.id)
def test_the_view_shows_the_learners_order_every_time(q, tmp_path):
    store = Store(tmp_path / "learner")
    view = QuestionView(q, store=store)
    order = shown(view)
    assert sorted(order) == sorted(written(q))
    assert order == learner_order(
        learner_seed(store), q.id, written(q), written_is_answer=q.type == "ordering"
    )
    assert shown(QuestionView(q, store=Store(tmp_path / "learner"))) == order  # a restart


def test_the_author_order_does_not_show_through_for_most_learners(tmp_path):
    q = content.question("start-single")
    orders = {
        tuple(shown(QuestionView(q, store=Store(tmp_path / f"learner{n}")))) for n in range(12)
    }
    assert len(orders) > 3


def test_polls_keep_their_scale_in_order(store):
    for q in questions("poll"):
        assert list(QuestionView(q, store=store).input.widget.options) == written(q)


@pytest.mark.parametrize("q", questions("single", "multiple"), ids=lambda q: q.id)
def test_the_right_answer_is_marked_right_whatever_the_order(q, tmp_path):
    for n in range(3):
        view = QuestionView(q, store=Store(tmp_path / f"learner{n}"))
        view.input.set(right_answer(q))
        assert view.check().correct


def test_a_saved_answer_shows_where_it_was_after_a_restart(tmp_path):
    q = content.question("start-multiple")
    view = QuestionView(q, store=Store(tmp_path / "learner"))
    boxes = view.input.widget.children
    boxes[0].value = boxes[-1].value = True
    ticked = [b.description for b in boxes if b.value]
    view.check_button.click()
    again = QuestionView(q, store=Store(tmp_path / "learner"))
    assert [b.description for b in again.input.widget.children if b.value] == ticked
    assert "your saved answer" in again.status.value


def test_a_multiple_answer_is_saved_in_the_contents_order(store):
    q = content.question("start-multiple")
    view = QuestionView(q, store=store)
    for box in view.input.widget.children:
        box.value = True
    view.check_button.click()
    assert store.state(q.id).answer == written(q)


def test_grading_takes_options_in_any_order():
    q = content.question("start-multiple")
    answer = right_answer(q)
    assert isinstance(answer, list)
    assert grade(q, answer).correct and grade(q, answer[::-1]).correct


# --- the text fallback ------------------------------------------------------------------------


@pytest.mark.parametrize("q", questions("single", "multiple", "categorise"), ids=lambda q: q.id)
def test_the_fallback_lists_choices_a_to_z(q):
    texts = written(q)
    lines = question_plain(q).splitlines()
    listed = [next(line for line in lines if t in line) for t in neutral(texts)]
    assert [lines.index(line) for line in listed] == sorted(lines.index(line) for line in listed)
    assert question_markdown(q) == question_markdown(q)


@pytest.mark.parametrize("q", questions("ordering"), ids=lambda q: q.id)
def test_the_order_fallback_neither_numbers_the_steps_nor_lists_them_in_order(q):
    plain = question_plain(q)
    steps = [it.text for it in q.items]
    positions = [plain.index(s) for s in steps]
    assert positions != sorted(positions)
    assert not re.search(r"^\s*1[.)]", plain, re.MULTILINE)
