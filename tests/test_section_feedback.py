"""The section feedback gadget: ratings 1 to 5 and a comment, saved and restored."""

import pytest

import pm_course
from pm_course.classroom import results
from pm_course.classroom.results_view import SectionFeedbackView

SLUG = "01_what_is_product_management"


def test_check_feedback_accepts_one_to_five_and_trims():
    assert results.check_feedback(5, 1, "  good  ") == {"useful": 5, "hard": 1, "comment": "good"}
    assert results.check_feedback(3, 3, None)["comment"] == ""
    assert len(results.check_feedback(3, 3, "x" * 9000)["comment"]) == results.MAX_COMMENT


@pytest.mark.parametrize("useful,hard", [(None, 3), (0, 3), (3, 6), (True, 3), ("4", 3), (2.5, 1)])
def test_check_feedback_refuses_missing_or_out_of_range(useful, hard):
    with pytest.raises(ValueError, match="from 1 to 5"):
        results.check_feedback(useful, hard)


def test_save_and_restore(store):
    view = pm_course.section_feedback("01")
    assert view.useful.value is None and view.section.slug == SLUG
    view.useful.value, view.hard.value, view.comment.value = 4, 2, "Clear <b>examples</b>"
    view.save_button.click()
    assert "Saved: useful 4 of 5, hard 2 of 5" in view.status.value
    assert store.note(results.feedback_key(SLUG)) == {
        "useful": 4,
        "hard": 2,
        "comment": "Clear <b>examples</b>",
    }
    again = SectionFeedbackView("01", store)
    assert (again.useful.value, again.hard.value, again.comment.value) == (
        4,
        2,
        "Clear <b>examples</b>",
    )
    assert "saved feedback is shown" in again.status.value
    assert results.saved_feedback(store, SLUG)["useful"] == 4


def test_missing_rating_gives_a_message_and_keeps_the_comment(store):
    view = SectionFeedbackView("01", store)
    view.hard.value, view.comment.value = 3, "half written"
    view.save_button.click()
    assert "Choose how useful" in view.status.value
    assert view.comment.value == "half written" and store.note(results.feedback_key(SLUG)) is None


def test_damaged_note_is_ignored(store):
    store.save_note(SLUG, results.feedback_key(SLUG), {"useful": 9, "hard": "x"})
    view = SectionFeedbackView("01", store)
    assert view.useful.value is None and results.saved_feedback(store, SLUG) is None


def test_controls_are_keyboard_buttons_with_words(store):
    view = SectionFeedbackView("01", store)
    assert view.useful.options == (("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5))
    assert view.useful.tooltips[0] == "1: not useful" and view.hard.tooltips[4] == "5: very hard"
    assert view.useful.description and view.comment.description == "Comment"


def test_text_fallback_deterministic_and_shows_saved(store):
    a, b = SectionFeedbackView("01", store), SectionFeedbackView("01", store)
    assert repr(a) == repr(b) and "how useful (1 to 5)" in repr(a)
    a.useful.value, a.hard.value = 5, 4
    a.save()
    assert "Saved: useful 5 of 5, hard 4 of 5." in repr(SectionFeedbackView("01", store))


def test_unknown_section_is_a_clear_error(store):
    with pytest.raises(KeyError, match="no section"):
        pm_course.section_feedback("99")
