"""Inputs that cannot race, without a browser: Enter checks once, on the text typed; feedback on
an old answer goes when the answer changes.

Enter in a one-line box sends "submit" and then the new text, in that order (as JupyterLab
does); the tests send the same two messages, in the same order, inside a running event loop
as the kernel has. ``tests/test_browser_inputs.py`` does the same in a real JupyterLab.
"""

from __future__ import annotations

import asyncio
import html
import re
import threading

import pm_course
from pm_course.course import content
from pm_course.ui import controls
from pm_course.ui.questions import QuestionView


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def press_enter(box, typed: str | None = None) -> None:
    """What the page sends on Enter: "submit", then the text if it changed."""
    box._handle_custom_msg({"event": "submit"}, [])
    if typed is not None:
        box.value = typed


def on_a_fresh_thread(work) -> None:
    """Run ``work()`` on a thread of its own: no event loop is running there, whatever the
    test session runs on this one (Playwright's sync API keeps a loop running here once a
    browser test has started)."""
    failed: list[BaseException] = []

    def target():
        try:
            work()
        except BaseException as exc:  # handed back to the test below
            failed.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    if failed:
        raise failed[0]


def in_a_loop(steps, wait: float = controls.ENTER_GRACE_S + 0.2):
    """Run ``steps()`` inside a running event loop (as in a kernel), then let timers fire."""

    async def run():
        steps()
        await asyncio.sleep(wait)

    on_a_fresh_thread(lambda: asyncio.run(run()))


def numeric(store) -> QuestionView:
    return QuestionView(content.question("start-numeric"), store=store)


def test_the_number_box_sends_its_text_on_enter_or_leaving_not_key_by_key(store):
    v = numeric(store)
    assert v.input.entry is not None and v.input.entry.continuous_update is False


def test_enter_checks_the_text_typed_not_the_text_before(store):
    v = numeric(store)
    box = v.input.entry
    in_a_loop(lambda: press_enter(box, "abc"))
    assert "'abc' is not a number" in words(v.status.value)
    in_a_loop(lambda: press_enter(box, "12"))
    assert "12 is too high" in words(v.status.value)
    assert store.state("start-numeric").attempts == 1


def test_enter_checks_exactly_once(store):
    v = numeric(store)
    checks = []
    v.enter.action = lambda: checks.append(v.check())
    in_a_loop(lambda: press_enter(v.input.entry, "6"))
    assert len(checks) == 1 and "6 is too low" in words(v.status.value)


def test_enter_on_text_already_sent_checks_it_after_a_moment(store):
    """Tab out (the text is sent), come back and press Enter: no text follows "submit"."""
    v = numeric(store)
    v.input.entry.value = "7"  # sent when the learner left the box
    assert v.status.value == ""
    in_a_loop(lambda: press_enter(v.input.entry))
    assert "Correct" in words(v.status.value)
    in_a_loop(lambda: press_enter(v.input.entry))  # Enter again: not counted twice
    assert "not counted again" in words(v.status.value)
    assert store.state("start-numeric").attempts == 1


def test_enter_outside_a_kernel_checks_at_once(store):
    v = numeric(store)
    v.input.entry.value = "9"
    on_a_fresh_thread(lambda: press_enter(v.input.entry))
    assert "9 is too high" in words(v.status.value)


def test_button_checks_the_value_in_the_box(store):
    v = numeric(store)
    v.input.entry.value = "abc"
    v.check_button.click()
    assert "'abc' is not a number" in words(v.status.value)


def test_feedback_on_an_old_answer_goes_when_the_answer_changes(store):
    v = numeric(store)
    v.input.entry.value = "12"
    v.check_button.click()
    assert "too high" in words(v.status.value)
    v.input.entry.value = "7"  # sent when the learner leaves the box
    assert v.status.value == ""
    v.check_button.click()
    assert "Correct" in words(v.status.value)


def test_a_new_choice_clears_the_feedback_on_the_old_one(store):
    q = content.question("start-single")
    v = QuestionView(q, store=store)
    wrong = next(o.text for o in q.options if not o.correct)
    right = next(o.text for o in q.options if o.correct)
    v.input.set(wrong)
    v.check_button.click()
    assert "Not quite" in words(v.status.value)
    v.input.set(right)
    assert v.status.value == ""


def test_a_saved_answer_comes_back_with_its_feedback(store):
    v = numeric(store)
    v.input.entry.value = "12"
    v.check_button.click()
    again = numeric(store)
    assert again.input.entry.value == "12"
    assert "too high" in words(again.status.value) and "your saved answer" in again.status.value


def test_the_reflection_box_sends_its_text_when_left_not_key_by_key(store):
    v = QuestionView(content.question(reflection_id()), store=store)
    assert v.input.widget.continuous_update is False


def reflection_id() -> str:
    return next(q.id for s in content.course() for q in s.questions if q.type == "reflection")


def test_the_factory_wires_enter_to_an_action():
    done = []
    box = controls.text("Name", submit=lambda: done.append(box.value))
    in_a_loop(lambda: press_enter(box, "Ada"))
    assert done == ["Ada"]


def test_the_user_need_checker_reads_the_box_when_check_is_pressed(store):
    v = pm_course.user_need_checker()
    v.box.value = "As a carer, I need to book respite care, so that I can rest"
    v.check_button.click()
    assert "“As a carer, I need to book respite care" in v.feedback.value
    v.box.value = "As a volunteer, I need to see my shifts, so that I can plan"
    assert v.feedback.value == ""  # about the old statement: gone
    v.check_button.click()
    assert "As a volunteer" in v.feedback.value and "As a carer" not in v.feedback.value


def test_enter_in_a_notes_one_line_box_checks_it_once_on_the_text_typed(store):
    """The vanity check's Metric box: Enter checks, as its button does."""
    v = pm_course.vanity_check()
    checks = []
    enter = v.enters["metric"]
    enter.action = lambda: checks.append(v.check())
    in_a_loop(lambda: press_enter(v.metric, "Total donations since 2015"))
    assert len(checks) == 1
    assert "“Total donations since 2015”" in v.result.value
    assert "Likely vanity metric" in words(v.result.value)


def test_leaving_a_notes_one_line_box_clears_the_old_verdict(store):
    v = pm_course.vanity_check()
    v.metric.value = "Followers"
    v.check_button.click()
    assert "Followers" in v.result.value
    v.metric.value = "Share of donors who give again each month"  # sent when the box is left
    assert v.result.value == ""


def test_a_click_that_lands_before_the_new_text_checks_the_new_text(store):
    """The box's new text can be held back behind its previous message, so the click comes
    first: the view sees the answer it checked last, waits, and checks the text as it lands."""
    v = numeric(store)
    v.input.entry.value = "abc"
    v.check_button.click()
    assert "'abc' is not a number" in words(v.status.value)

    def click_then_text():
        v.check_button.click()  # still "abc": waits
        assert "'abc' is not a number" in words(v.status.value)
        v.input.entry.value = "12"

    in_a_loop(click_then_text)
    assert "12 is too high" in words(v.status.value)
    assert store.state("start-numeric").attempts == 1


def test_a_second_click_on_the_same_answer_still_answers(store):
    v = numeric(store)
    v.input.entry.value = "12"
    v.check_button.click()
    in_a_loop(v.check_button.click)
    assert "not counted again" in words(v.status.value)
    assert store.state("start-numeric").attempts == 1


def test_a_notes_check_waits_for_text_still_on_its_way(store):
    v = pm_course.user_need_checker()
    v.box.value = "As a carer, I need to book respite care, so that I can rest"
    v.check_button.click()

    def click_then_text():
        v.check_button.click()
        v.box.value = "As a volunteer, I need to see my shifts, so that I can plan"

    in_a_loop(click_then_text)
    assert "As a volunteer" in v.feedback.value and "As a carer" not in v.feedback.value


def test_enter_in_the_roadmaps_new_item_box_adds_the_item_once(store):
    """The roadmap's New item box: Enter adds the item typed, as Add does, once."""
    from pm_course.models.roadmap.view import RoadmapView

    v = RoadmapView(store=store)
    before = len(v.board.items)
    in_a_loop(lambda: press_enter(v.new_text, "Let supporters pause a regular gift"))
    assert len(v.board.items) == before + 1
    assert "Let supporters pause a regular gift" in v.board_view.value
    assert v.new_text.value == ""  # ready for the next item


def test_enter_in_the_certificates_name_box_saves_the_certificate(store, tmp_path):
    """The certificate's name box: Enter saves, as the button does; a bad name says why."""
    from pm_course.activities.certificate.view import CertificateView

    path = tmp_path / "certificate.html"
    v = CertificateView(path, store=store)
    in_a_loop(lambda: press_enter(v.name, "   "))
    assert not path.exists() and "name" in words(v.status.value).lower()
    in_a_loop(lambda: press_enter(v.name, "Ada Lovelace"))
    assert "Ada Lovelace" in path.read_text(encoding="utf-8")
    assert "Saved your certificate" in words(v.status.value)
