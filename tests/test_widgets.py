"""Questions driven as a learner would, without a browser: set values, click, read the words."""

import html
import re

import pytest

import pm_course
from pm_course.course import content
from pm_course.course.grading import right_answer, wrong_answers
from pm_course.course.store import Store
from pm_course.ui.model_view import problem_html
from pm_course.ui.parts import live, status_html
from pm_course.ui.progress import ProgressView, ResetView
from pm_course.ui.questions import INPUTS, QuestionView


def words(markup: str) -> str:
    """The text a learner reads in an HTML widget value."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def view(qid, store):
    return QuestionView(content.question(qid), store=store)


def test_single_right_and_wrong(store):
    v = view("start-single", store)
    assert v.input.get() is None  # nothing chosen to begin with
    v.check_button.click()
    assert "Not attempted" in words(v.status.value)
    assert store.events() == []
    v.input.widget.value = "Melvin Conway"
    v.check_button.click()
    assert "Not quite" in words(v.status.value)
    assert "top tip" in words(v.status.value)  # that option's own feedback
    assert "1 attempt" in words(v.attempts.value)
    assert v.explanation.value == ""  # no explanation after a wrong answer
    v.input.widget.value = "James Gadsby Peet"
    v.check_button.click()
    assert "Correct" in words(v.status.value)
    assert "2 attempts" in words(v.attempts.value)
    assert "Why" in words(v.explanation.value)
    assert [e.status for e in store.events()] == ["incorrect", "correct"]


def test_double_click_is_not_counted_twice(store):
    v = view("start-single", store)
    v.input.widget.value = "Srini Sekaran"
    v.check_button.click()
    v.check_button.click()
    assert "not counted again" in words(v.status.value)
    assert store.state("start-single").attempts == 1


def test_hints_one_level_at_a_time(store):
    v = view("start-single", store)
    q = v.question
    assert v.hint_button.description == f"Hint (1 of {len(q.hints)})"
    v.hint_button.click()
    assert q.hints[0] in words(v.hints.value) and q.hints[1] not in words(v.hints.value)
    v.hint_button.click()
    assert q.hints[1] in words(v.hints.value)
    # Not disabled: a disabled button would drop the keyboard focus to the top of the page.
    assert not v.hint_button.disabled and v.hint_button.description == "No more hints"
    v.hint_button.click()  # one more click changes nothing
    assert store.state(q.id).hints == len(q.hints)
    assert f"{len(q.hints)} of {len(q.hints)} hints used" in words(v.attempts.value)


LIVE = re.compile(r"^<div role='status' aria-live='polite'>.*</div>$", re.S)


@pytest.mark.parametrize("action", ["check", "hint", "reveal", "same answer"])
def test_feedback_hints_and_answer_appear_in_a_polite_live_region(store, action):
    """A screen reader reads out what Check, Hint and Show answer put on screen."""
    v = view("start-single", store)
    assert v.status.value == v.hints.value == v.explanation.value == ""  # nothing to announce
    v.input.widget.value = "Melvin Conway"
    if action == "hint":
        v.hint_button.click()
        shown = v.hints.value
    elif action == "reveal":
        v.reveal_button.click()
        shown = v.explanation.value
    else:
        v.check_button.click()
        if action == "same answer":
            v.check_button.click()
            assert "not counted again" in words(v.status.value)
        shown = v.status.value
        assert "Not quite" in words(shown)
    assert LIVE.match(shown), shown
    assert shown.count("role='status'") == 1  # one region, not one inside another


def test_show_answer(store):
    v = view("start-ordering", store)
    v.reveal_button.click()
    text = words(v.explanation.value)
    assert "Answer: Read the question → Choose or type your answer" in text
    assert "Why" in text
    assert store.state("start-ordering").revealed
    assert "answer shown" in words(v.attempts.value)


@pytest.mark.parametrize("qtype", sorted(content.GRADED_TYPES))
def test_every_marked_type_right_and_wrong_through_the_widget(store, qtype):
    q = next(q for s in content.course() for q in s.questions if q.type == qtype)
    v = QuestionView(q, store=store)
    v.input.set(wrong_answers(q)[0])
    v.check_button.click()
    assert re.search("Not quite|Partly right", words(v.status.value))
    v.input.set(right_answer(q))
    assert v.input.get() == right_answer(q) or qtype == "multiple"
    v.check_button.click()
    assert "Correct" in words(v.status.value), words(v.status.value)
    assert store.state(q.id).status == "correct"


def test_numeric_bad_input_is_explained_and_not_counted(store):
    v = view("start-numeric", store)
    v.input.set("seven")
    v.check_button.click()
    assert "'seven' is not a number" in words(v.status.value)
    assert store.state("start-numeric").attempts == 0
    v.input.set(" 7 ")
    v.check_button.click()
    assert "Correct" in words(v.status.value)


def test_ordering_dropdowns_start_empty_and_catch_repeats(store):
    v = view("start-ordering", store)
    menus = v.input.widget.children
    assert all(m.label == "Choose…" for m in menus)
    assert v.input.get() == [None] * len(menus)
    menus[0].value = menus[1].value = "Read the question"
    v.check_button.click()
    assert "still empty" in words(v.status.value)
    for m in menus:
        m.value = "Read the question"
    v.check_button.click()
    assert "used twice" in words(v.status.value)


def test_reflection_is_saved_and_shows_the_model_answer(store):
    v = view("start-reflection", store)
    assert v.check_button.description == "Save reflection"
    assert v.hint_button not in v.children[2].children
    v.check_button.click()
    assert "Not attempted" in words(v.status.value)
    v.input.set("I run a helpline's web chat.")
    v.check_button.click()
    assert "Saved" in words(v.status.value)
    assert "Model answer" in words(v.explanation.value)
    assert store.state("start-reflection").answer == "I run a helpline's web chat."


def test_poll_compares_with_the_cited_distribution(store):
    v = view("start-poll", store)
    v.input.set("It makes no real difference")
    v.check_button.click()
    assert "Vote recorded" in words(v.status.value)
    shown = words(v.explanation.value)
    assert "your vote" in shown and "33.3%" in shown and "Kohavi" in shown


def test_rerunning_the_cell_restores_everything(store):
    v = view("start-multiple", store)
    v.input.set(["Your answers", "A copy sent to the course authors"])
    v.check_button.click()
    v.hint_button.click()
    again = view("start-multiple", store)  # the cell run again, or the kernel restarted
    assert again.input.get() == ["Your answers", "A copy sent to the course authors"]
    assert "1 of 3 right, 1 wrong" in words(again.status.value)
    assert "your saved answer" in words(again.status.value)
    assert "Hint 1" in words(again.hints.value)
    assert "1 attempt, 1 of 2 hints used" in words(again.attempts.value)


def test_same_question_shown_twice_both_work(store):
    a, b = view("start-single", store), view("start-single", store)
    a.input.set("Melvin Conway")
    a.check_button.click()
    b.input.set("James Gadsby Peet")
    b.check_button.click()
    assert "2 attempts" in words(b.attempts.value)


@pytest.mark.faults
def test_a_fault_shows_a_message_not_a_traceback(store, monkeypatch):
    v = view("start-single", store)
    v.input.set("Melvin Conway")

    def broken(event):
        raise OSError("disk full")

    monkeypatch.setattr(store, "add", broken)
    v.check_button.click()  # must not raise
    assert "Something went wrong" in words(v.status.value) and "disk full" in words(v.status.value)
    assert LIVE.match(v.status.value)  # read out by a screen reader
    assert v.input.get() == "Melvin Conway"


def test_store_warnings_are_visible(tmp_path):
    from pm_course.course.store import Store

    blocker = tmp_path / "f"
    blocker.write_text("")
    v = view("start-single", Store(blocker / "x"))
    assert "NOT being saved" in words(v.warning.value)


def test_text_fallback_is_deterministic_and_hides_the_answer(store):
    for section in content.course():
        for q in section.questions:
            first, second = QuestionView(q, store=store), QuestionView(q, store=store)
            bundle = first._repr_mimebundle_()
            assert bundle["text/plain"] == second._repr_mimebundle_()["text/plain"]
            assert bundle["text/markdown"] == second._repr_mimebundle_()["text/markdown"]
            assert "application/vnd.jupyter.widget-view+json" in bundle
            for text in (bundle["text/plain"], bundle["text/markdown"]):
                assert q.prompt in text or q.prompt.replace("(", r"\(") in text
                assert q.explanation not in text
                assert not re.search(r"0x[0-9a-f]{6,}|model_id", text)
                for option in q.options:
                    assert option.feedback not in text
                for item in q.items:
                    assert item.feedback not in text
                    assert not item.category or f"{item.category}:" not in text
            if q.type == "ordering":
                shown = [
                    line.split(". ", 1)[1]
                    for line in bundle["text/plain"].splitlines()
                    if re.match(r"\s+\d\. ", line)
                ]
                assert shown != [it.text for it in q.items]


def test_every_type_has_an_input():
    assert set(INPUTS) == set(content.QUESTION_TYPES)


def test_quiz_numbers_its_questions(store):
    quiz = pm_course.quiz("00", ids=["start-single", "start-numeric"])
    text = quiz._repr_mimebundle_()["text/plain"]
    assert "Question 1 of 2 (Single choice)" in text and "Question 2 of 2 (Number)" in text


def test_progress_view_counts_and_draws(store):
    pv = ProgressView(store)
    assert "0 of 7" in words(pv.table.value)
    view("start-single", store).input.set("James Gadsby Peet")
    v = view("start-single", store)
    v.input.set("James Gadsby Peet")
    v.check_button.click()
    pv.refresh_button.click()
    assert "1 of 7" in words(pv.table.value)
    assert (
        "alt='Bar chart of progress by section. Start here: how this course works: 1 of 7"
        in pv.chart.value
    )
    assert "1/7" in pv._repr_mimebundle_()["text/plain"]


def test_export_button_writes_json(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view("start-single", store).hint_button.click()
    pv = ProgressView(store)
    pv.export_button.click()
    [path] = tmp_path.glob("pm-course-progress-*.json")
    assert '"hint"' in path.read_text() and path.name in words(pv.status.value)


def test_reset_asks_first_and_keeps_a_backup(store, tmp_path):
    v = view("start-single", store)
    v.hint_button.click()
    r = ResetView(store, backup_dir=tmp_path)
    assert r.confirm_row.layout.display == "none"
    r.start.click()
    assert "1 saved records" in words(r.status.value) and r.confirm_row.layout.display == "flex"
    r.cancel.click()
    assert "Nothing was deleted" in words(r.status.value) and len(store.events()) == 1
    r.start.click()
    r.confirm.click()
    assert store.events() == []
    [backup] = tmp_path.glob("backup-*.json")
    assert '"hint"' in backup.read_text() and "Deleted 1 records" in words(r.status.value)


def test_a_question_asked_again_elsewhere_keeps_its_own_record(store):
    q = content.question("start-single")
    first = QuestionView(q, store=store)
    first.input.set("James Gadsby Peet")
    first.check_button.click()
    again = QuestionView(q, store=store, key="final:1:start-single", section="08_key_phrases")
    assert again.input.get() is None and "attempt" in words(again.attempts.value)
    again.input.set("Melvin Conway")
    again.check_button.click()
    assert store.state("start-single").status == "correct"
    assert store.state("final:1:start-single").status == "incorrect"
    assert store.events("final:1:start-single")[0].section == "08_key_phrases"


class CountingStore(Store):
    """A real store that counts how often the question's events are read."""

    def __init__(self, *args, **kwargs):
        self.reads = 0
        super().__init__(*args, **kwargs)

    def events(self, question=None):
        self.reads += 1
        return super().events(question)


def test_each_click_reads_the_store_once(tmp_path):
    store = CountingStore(tmp_path)
    v = view("start-single", store)
    assert store.reads == 1
    shown = []
    for press in (
        lambda: v.check_button.click(),  # nothing chosen
        lambda: v.input.set("Melvin Conway"),
        lambda: v.check_button.click(),  # wrong
        lambda: v.check_button.click(),  # the same again
        lambda: v.hint_button.click(),
        lambda: v.input.set("James Gadsby Peet"),
        lambda: v.check_button.click(),  # right: feedback, explanation, attempts
        lambda: v.reveal_button.click(),
    ):
        store.reads = 0
        press()
        shown.append(store.reads)
    assert shown == [1, 0, 1, 1, 1, 0, 1, 1]
    seen = words(v.attempts.value)
    assert "2 attempts, 1 of" in seen and "answer shown" in seen
    assert "Why" in words(v.explanation.value) and "Answer" in words(v.explanation.value)
    fresh = view("start-single", Store(tmp_path))  # what a restarted kernel shows
    assert fresh.attempts.value == v.attempts.value
    assert fresh.explanation.value == v.explanation.value


def test_the_number_box_has_a_label_that_stays_when_the_example_goes(store):
    """Its label (and so its accessible name) is "Your answer", not only the placeholder."""
    box, _unit = view("start-numeric", store).input.widget.children
    assert box.description == "Your answer" and box.placeholder.startswith("Type a number")


def test_status_messages_and_setting_problems_are_read_out():
    """What a model or a note view says after a change is a polite live region too."""
    assert LIVE.match(status_html("Saved: run this cell again", "saved"))
    assert LIVE.match(problem_html("the shares add up to 120%", "The picture stays."))
    assert live("") == ""  # an empty area announces nothing
