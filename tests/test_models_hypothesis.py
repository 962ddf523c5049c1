"""The hypothesis card: the checks of each part, their limits, and the saved widget."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.hypothesis.model import (
    EXAMPLE,
    NOTE_KEY,
    SECTION,
    TEMPLATE_TEXT,
    card_from_note,
    check_card,
    check_change,
    check_outcome,
    check_signal,
    clean,
    is_measurable,
    signal_ingredients,
)
from pm_course.models.hypothesis.view import HypothesisCardView


def words(html: str) -> str:
    """What a learner reads in an HTML value: tags removed, entities decoded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the parts ----------------------------------------------------------------------------------


def test_the_template_is_called_a_common_one():
    assert TEMPLATE_TEXT == (
        "We believe [change] will result in [outcome]; we will know when we see "
        "[measurable signal]."
    )


def test_the_worked_example_is_ready_to_test():
    card = check_card(**EXAMPLE)
    assert card.ready
    assert card.headline.startswith("Ready to test")
    assert card.sentence == (
        "We believe adding a one-click monthly gift option to the donation page will result in "
        "more first-time donors choosing to give monthly; we will know when we see the share of "
        "new donors who give monthly rise from 8% to 10% within 6 weeks."
    )


@pytest.mark.parametrize("text", ["", "   ", "[change]", "TBD", "...", "???", "1234", "[x]"])
def test_an_empty_or_placeholder_part_is_missing(text):
    for check in (check_change(text), check_outcome(text), check_signal(text)):
        assert check.status == "missing", (text, check)
        assert check.messages


def test_a_part_of_fewer_than_three_words_needs_work():
    check = check_outcome("happier donors")
    assert check.status == "improve"
    assert check.messages[0].startswith("Only 2 words")


def test_a_change_that_reads_like_a_result_gets_a_tip():
    check = check_change("Increase the number of donations online")
    assert check.status == "improve"
    assert "reads like a result" in check.messages[0]
    assert check_change("adding a monthly gift button").status == "ok"


def test_a_change_that_repeats_the_outcome_gets_a_tip():
    card = check_card("more donors give monthly", "more donors give monthly", EXAMPLE["signal"])
    assert card.change.status == "improve"
    assert "say the same thing" in card.change.messages[0]


def test_an_outcome_must_say_whose_behaviour_changes():
    assert check_outcome("a better donation experience overall").status == "improve"
    ok = check_outcome("more visitors finishing the donation form")
    assert ok.status == "ok" and "'visitors'" in ok.messages[0]


@pytest.mark.parametrize(
    ("signal", "metric", "threshold", "direction", "frame"),
    [
        (
            "the sign-up rate rises by 2 percentage points by the end of March",
            "sign-up rate",
            "2 percentage points",
            "rises",
            "by the end of March",
        ),
        (
            "average time to complete the form falls below 3 minutes within a month",
            "average time",
            "3 minutes",
            "falls",
            "within a month",
        ),
        (
            "donations go up over the next quarter",
            "donations",
            None,
            "go up",
            "over the next quarter",
        ),
        ("12% more sign-ups", "sign-ups", "12%", "more", None),
        ("users like it", None, None, None, None),
        ("volunteers like it", None, None, None, None),
        ("donors are happy with it within a month", None, None, None, "within a month"),
        ("250 volunteers sign on within 3 months", "volunteers", "250", None, "within 3 months"),
        ("more donors give monthly by March", "donors", None, "more", "by March"),
        (
            "the rate rises from 8% to 10% in 6 weeks",
            "rate",
            "from 8% to 10%",
            "rises",
            "in 6 weeks",
        ),
        (
            "the rate rises between 8% and 10% by June",
            "rate",
            "between 8% and 10%",
            "rises",
            "by June",
        ),
        ("conversion rises 5-7% in 2 weeks", "conversion", "5-7%", "rises", "in 2 weeks"),
        ("a 10% increase in monthly donors in Q3", "donors", "10%", "increase", "in Q3"),
    ],
)
def test_the_signal_ingredients_are_recognised(signal, metric, threshold, direction, frame):
    found = signal_ingredients(signal)
    assert found == {
        "metric": metric,
        "threshold": threshold,
        "direction": direction,
        "time frame": frame,
    }


def test_a_number_in_the_time_frame_is_not_a_threshold():
    found = signal_ingredients("monthly donations rise within 6 weeks")
    assert found["threshold"] is None
    assert found["time frame"] == "within 6 weeks"
    check = check_signal("monthly donations rise within 6 weeks")
    assert check.status == "ok"
    assert any("Add a threshold" in m for m in check.messages)


@pytest.mark.parametrize(
    ("signal", "advice"),
    [
        ("people are happier with the service within 4 weeks", "Name a metric"),
        ("the conversion rate within 4 weeks", "Say which way the metric should move"),
        ("the conversion rate rises from 10% to 12%", "Add a time frame"),
    ],
)
def test_each_missing_ingredient_gets_its_own_advice(signal, advice):
    check = check_signal(signal)
    assert check.status == "improve"
    assert any(m.startswith(advice) for m in check.messages), check.messages


def test_measurable_needs_a_metric_a_size_or_direction_and_a_time_frame():
    base = {"metric": "rate", "threshold": "10%", "direction": None, "time frame": "in 4 weeks"}
    assert is_measurable(base)
    assert is_measurable({**base, "threshold": None, "direction": "rises"})
    assert not is_measurable({**base, "threshold": None})
    assert not is_measurable({**base, "metric": None})
    assert not is_measurable({**base, "time frame": None})


def test_the_heuristic_reads_words_not_meaning():
    # A documented limit: nonsense with the right words passes.
    assert check_signal("donations rate rises purple within 2 weeks").status == "ok"


def test_template_words_typed_into_a_box_are_removed():
    assert clean("change", "We believe that adding a button.") == "adding a button"
    assert clean("outcome", " will result in   more   gifts; ") == "more gifts"
    assert clean("signal", "we will know when we see donations rise") == "donations rise"
    assert clean("signal", None) == ""


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="no part called 'impact'"):
        clean("impact", "x")
    with pytest.raises(ValueError, match="the change must be text, not int"):
        check_change(42)


def test_a_long_part_is_kept_but_gets_a_tip():
    long = "adding a monthly gift option " * 20
    check = check_change(long)
    assert check.status == "ok"
    assert any("is long" in m for m in check.messages)
    assert check.text == long.strip()


@given(st.text(max_size=200), st.text(max_size=200), st.text(max_size=200))
def test_any_text_gets_a_verdict_never_an_error(change, outcome, signal):
    card = check_card(change, outcome, signal)
    assert card.headline
    assert all(p.status in ("ok", "improve", "missing") and p.messages for p in card.parts)


def test_an_empty_card_says_so():
    card = check_card("", "", "")
    assert card.empty and not card.ready
    assert card.headline.startswith("The card is empty")
    assert card.sentence.endswith("we will know when we see [signal].")


@pytest.mark.parametrize("note", [None, [], "text", {"change": 3}, {"signal": ["x"]}])
def test_a_damaged_saved_note_reads_back_as_empty_parts(note):
    assert card_from_note(note) == {"change": "", "outcome": "", "signal": ""}


# --- the widget ---------------------------------------------------------------------------------


def fill(view: HypothesisCardView, **parts: str) -> None:
    for part, text in parts.items():
        view.boxes[part].value = text


def test_checking_an_empty_card_asks_for_it_and_never_says_saved(store):
    v = HypothesisCardView(store=store)
    v.check_button.click()
    shown = words(v.feedback.value)
    assert "The card is empty" in shown and "Saved" not in shown


def test_people_alone_are_not_a_metric_in_the_feedback(store):
    v = HypothesisCardView(store=store)
    fill(v, **{**EXAMPLE, "signal": "volunteers like it within a month"})
    v.check_button.click()
    shown = words(v.feedback.value)
    assert "Name a metric you can count or measure" in shown and "metric ‘" not in shown


def test_checking_gives_feedback_per_part_and_saves_the_card(store):
    v = HypothesisCardView(store=store)
    fill(v, **EXAMPLE)
    v.check_button.click()
    shown = words(v.feedback.value)
    assert "Ready to test" in shown
    assert (
        "Recognised: metric ‘share’, threshold ‘from 8% to 10%’, direction ‘rise’, time frame "
        "‘within 6" in shown
    )
    assert "Saved: run this cell again" in shown
    assert store.note(NOTE_KEY) == EXAMPLE
    assert store.events(NOTE_KEY)[-1].section == SECTION


def test_a_new_view_restores_the_saved_card(store):
    v = HypothesisCardView(store=store)
    fill(v, change="adding a chat button", outcome="more visitors asking for help", signal="")
    v.check_button.click()
    again = HypothesisCardView(store=store)
    assert again.card == {
        "change": "adding a chat button",
        "outcome": "more visitors asking for help",
        "signal": "",
    }
    shown = words(again.feedback.value)
    assert "(your saved card)" in shown
    assert "Nearly there: work on the signal" in shown


def test_an_incomplete_card_gets_specific_feedback_and_loses_nothing(store):
    v = HypothesisCardView(store=store)
    fill(v, change="Increase donations", outcome="", signal="users like it")
    v.check_button.click()
    shown = words(v.feedback.value)
    assert "Nearly there: work on the change, the outcome and the signal" in shown
    assert "The outcome (missing)" in shown
    assert "Name a metric" in shown
    assert v.card["signal"] == "users like it"
    assert store.note(NOTE_KEY)["change"] == "Increase donations"


def test_a_card_kept_only_in_memory_says_so(store, monkeypatch):
    monkeypatch.setattr(store, "save_note", lambda *a, **k: False)
    v = HypothesisCardView(store=store)
    fill(v, **EXAMPLE)
    v.check()
    assert "Kept for this session only" in words(v.feedback.value)


def test_a_fault_while_saving_shows_a_message_not_a_traceback(store, monkeypatch, expected_faults):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save_note", broken)
    v = HypothesisCardView(store=store)
    fill(v, **EXAMPLE)
    v.check_button.click()
    assert "Something went wrong : disk full" in words(v.status.value)
    assert v.card == EXAMPLE
    assert expected_faults


def test_the_text_fallback_is_deterministic_and_never_shows_a_saved_card(store):
    first = HypothesisCardView(store=store)._text_plain()
    v = HypothesisCardView(store=store)
    fill(v, change="my private idea about a thing", outcome="x y z", signal="a b c")
    v.check_button.click()
    second = HypothesisCardView(store=store)
    assert second._text_plain() == first == repr(second)
    assert "my private idea" not in first
    assert first.startswith("Hypothesis card. A common template: We believe [change]")
    assert "Ready to test" in first
    assert second._repr_mimebundle_()["text/markdown"].startswith("**Hypothesis card.**")


def test_the_check_reads_the_boxes_as_they_are_now_and_an_edit_clears_the_old_feedback(store):
    v = HypothesisCardView(store=store)
    fill(v, **EXAMPLE)
    v.check_button.click()
    assert "Ready to test" in words(v.feedback.value)
    v.boxes["signal"].value = "users like it"  # the feedback was about the old signal
    assert v.feedback.value == ""
    v.check_button.click()
    shown = words(v.feedback.value)
    assert "Nearly there: work on the signal" in shown
    assert "users like it" in shown
    assert store.note(NOTE_KEY)["signal"] == "users like it"


def test_the_boxes_send_their_text_when_left_not_on_each_key(store):
    v = HypothesisCardView(store=store)
    assert all(not box.continuous_update for box in v.boxes.values())


def test_a_card_not_yet_checked_is_kept_as_it_is_typed(store):
    v = HypothesisCardView(store=store)
    v.boxes["change"].value = "adding a chat button"
    assert v.feedback.value == ""
    again = HypothesisCardView(store=store)
    assert again.card["change"] == "adding a chat button"
    assert "(your saved card)" in words(again.feedback.value)


def test_a_card_saved_before_the_redesign_comes_back(store):
    store.save_note(SECTION, NOTE_KEY, dict(EXAMPLE))  # the format every earlier version saved
    v = HypothesisCardView(store=store)
    assert v.card == EXAMPLE
    assert "Ready to test" in words(v.feedback.value)
    assert v.status.value == ""


@pytest.mark.parametrize(
    ("note", "reported"),
    [
        ({**EXAMPLE, "change": 3}, "We believe…: 3"),
        (["not", "a", "card"], "the saved card could not be read"),
    ],
)
def test_a_damaged_saved_card_is_reported_and_the_rest_comes_back(store, note, reported):
    store.save_note(SECTION, NOTE_KEY, note)
    v = HypothesisCardView(store=store)
    shown = words(v.status.value)
    assert "Check the settings" in shown and reported in shown
    if isinstance(note, dict):
        assert v.card == {**EXAMPLE, "change": ""}
    v.check_button.click()
    assert v.status.value == ""
