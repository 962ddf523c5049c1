"""The value map: the pure model (scores, quadrants, summary) and its widget, without a browser."""

from __future__ import annotations

from html import unescape

import pytest
from chart_support import alt_of, png_of
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.value_map.model import (
    HIGH_FROM,
    PRESETS,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    ValueMap,
    Work,
    classify,
    is_high,
    join_names,
)

scores = st.integers(min_value=SCORE_MIN, max_value=SCORE_MAX)


# --- the pure model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "needs", "key"),
    [
        (10, 10, "sweet_spot"),
        (HIGH_FROM, HIGH_FROM, "sweet_spot"),
        (HIGH_FROM, HIGH_FROM - 1, "organisation_only"),
        (10, 0, "organisation_only"),
        (HIGH_FROM - 1, HIGH_FROM, "users_only"),
        (0, 10, "users_only"),
        (HIGH_FROM - 1, HIGH_FROM - 1, "neither"),
        (0, 0, "neither"),
    ],
)
def test_classify_puts_the_boundary_between_5_and_6(value, needs, key):
    assert classify(value, needs) is QUADRANTS[key]


def test_the_middle_score_counts_as_low():
    assert HIGH_FROM == 6
    assert not is_high(5)
    assert is_high(6)


@given(scores, scores)
def test_only_two_high_scores_make_the_sweet_spot(value, needs):
    quadrant = classify(value, needs)
    assert (quadrant.key == "sweet_spot") == (value >= HIGH_FROM and needs >= HIGH_FROM)
    assert Work("Anything", "", value, needs).quadrant is quadrant


def test_every_quadrant_has_words_for_a_product_manager():
    assert list(QUADRANTS) == ["sweet_spot", "organisation_only", "users_only", "neither"]
    for q in QUADRANTS.values():
        assert q.title and q.where and q.advice and q.reading


def test_the_presets_fill_every_quadrant():
    assert {w.quadrant.key for w in PRESETS} == set(QUADRANTS)
    assert len({w.name for w in PRESETS}) == len(PRESETS)


@pytest.mark.parametrize("bad", [-1, 11, 100])
def test_a_score_off_the_scale_is_refused_with_the_name_and_the_scale(bad):
    with pytest.raises(ValueError, match=r"'Chatbot' has -?\d+ for value to the organisation") as e:
        Work("Chatbot", "", bad, 5)
    assert str(e.value).endswith("outside the scale; scores run from 0 to 10")
    with pytest.raises(ValueError, match=r"'Chatbot' has -?\d+ for how well it meets users' needs"):
        Work("Chatbot", "", 5, bad)


@pytest.mark.parametrize("bad", [5.5, "7", None, True])
def test_a_score_that_is_not_a_whole_number_is_refused(bad):
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        Work("Chatbot", "", bad, 5)


def test_classify_checks_its_scores_too():
    with pytest.raises(ValueError, match="outside the scale"):
        classify(11, 3)
    with pytest.raises(ValueError, match="meets users' needs"):
        classify(3, -2)


def test_a_map_refuses_no_work_duplicate_names_and_unknown_names():
    with pytest.raises(ValueError, match="at least one piece of work"):
        ValueMap(())
    with pytest.raises(ValueError, match="two pieces of work are called 'Chatbot'"):
        ValueMap((Work("Chatbot", "", 1, 1), Work("Chatbot", "", 9, 9)))
    with pytest.raises(ValueError, match=r"no piece of work called 'Newsletter'.*Online donations"):
        ValueMap().rescore("Newsletter", value=3)
    with pytest.raises(ValueError, match="is not a Work"):
        ValueMap(("Chatbot",))
    with pytest.raises(ValueError, match="a piece of work needs a name"):
        Work(" ", "", 1, 1)


def test_rescore_makes_a_new_map_and_checks_the_score():
    start = ValueMap()
    moved = start.rescore("Event sign-up", value=5)
    assert start.work("Event sign-up").value == 7
    assert moved.work("Event sign-up").value == 5
    assert moved.work("Event sign-up").needs == 7
    assert moved.work("Event sign-up").quadrant.key == "users_only"
    with pytest.raises(ValueError, match="outside the scale"):
        start.rescore("Event sign-up", needs=11)


def test_the_preset_summary_reads_as_expected():
    summary = ValueMap().summary()
    assert summary.headline == (
        "2 of 5 pieces of work are in the sweet spot: Online donations and Event sign-up."
    )
    text = summary.text
    assert text.startswith("Value map: 2 of 5")
    assert "Director's banner      7      2  Organisation only" in text
    assert "Neither: Chatbot. Next step: say no, or park it." in text
    assert "| Forum dark theme | 2 | 7 | Users only |" in summary.markdown


@pytest.mark.parametrize(
    ("works", "headline"),
    [
        ((Work("A", "", 1, 1), Work("B", "", 2, 9)), "None of the 2 pieces of work is in"),
        ((Work("A", "", 9, 9), Work("B", "", 6, 6)), "All 2 pieces of work are in"),
        ((Work("A", "", 9, 9), Work("B", "", 1, 9)), "1 of 2 pieces of work is in the sweet spot"),
        ((Work("A", "", 0, 0),), "None of the 1 piece of work is in"),
    ],
)
def test_the_headline_counts_the_sweet_spot(works, headline):
    assert ValueMap(works).summary().headline.startswith(headline)


def test_readings_list_only_quadrants_that_hold_work():
    summary = ValueMap((Work("A", "", 9, 9), Work("B", "", 8, 7))).summary()
    assert summary.readings() == [
        "Sweet spot: A and B. Next step: build it, then check that the value really arrives."
    ]


def test_alt_text_states_every_point_and_the_headline():
    summary = ValueMap().summary()
    alt = summary.alt_text
    for w in PRESETS:
        assert f"{w.name}: needs {w.needs}, value {w.value}, {w.quadrant.title.lower()}" in alt
    assert alt.endswith(summary.headline)


def test_join_names():
    assert join_names([]) == ""
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


# --- the view, driven without a browser -------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.value_map.view import ValueMapView

    return ValueMapView(store=store)


def test_every_piece_of_work_has_two_keyboard_sliders_with_clear_labels(view):
    import ipywidgets as W

    assert len(view.controls) == 2 * len(PRESETS)
    for key, slider in view.controls.items():
        name, field = key.split(":")
        assert isinstance(slider, W.IntSlider)
        assert (slider.min, slider.max, slider.step) == (SCORE_MIN, SCORE_MAX, 1)
        assert slider.value == getattr(view.model.work(name), field)
        assert slider.description in ("Value to organisation", "Meets users' needs")
        assert name in slider.tooltip
        assert not slider.disabled


@pytest.mark.charts
def test_moving_a_slider_changes_the_summary_chart_and_text(view):
    before_text = view._text_plain()
    before_png = png_of(view.chart.value)
    assert "Event sign-up: needs 7, value 7, sweet spot" in alt_of(view.chart.value)

    view.controls["Event sign-up:value"].value = 5

    assert "1 of 5 pieces of work is in the sweet spot: Online donations." in view.summary.value
    alt = alt_of(view.chart.value)
    assert "Event sign-up: needs 7, value 5, users only" in alt
    assert png_of(view.chart.value) != before_png
    text = view._text_plain()
    assert text != before_text
    assert "Event sign-up          5      7  Users only" in text
    assert "Users only: Event sign-up and Forum dark theme." in text


def test_a_point_moves_into_the_sweet_spot_when_a_need_is_found(view):
    view.controls["Director's banner:needs"].value = 8
    assert "Director's banner      7      8  Sweet spot" in view._text_plain()
    assert "Organisation only" not in view.summary.value.split("<tbody>")[1]


def test_reset_puts_every_slider_back(view):
    start_text, start_chart = view._text_plain(), view.chart.value
    view.controls["Chatbot:value"].value = 10
    view.controls["Online donations:needs"].value = 0
    assert view._text_plain() != start_text
    view.reset_button.click()
    assert view._text_plain() == start_text
    assert view.chart.value == start_chart
    assert all(
        s.value == getattr(view.model.work(k.split(":")[0]), k.split(":")[1])
        for k, s in view.controls.items()
    )


@pytest.mark.faults
def test_a_bad_score_shows_a_message_not_a_traceback(view):
    from pm_course.ui.model_view import SettingsProblem

    before = view._text_plain()
    with pytest.raises(SettingsProblem, match="0 to 10"):
        view.update({"Chatbot:value": 11})
    view.model = view.start
    view.update = lambda settings: ValueMap().with_settings({"Chatbot:value": 11})
    view.changed()
    assert "Something went wrong" in view.status.value
    assert "0 to 10" in unescape(view.status.value)
    assert view._text_plain() == before
    del view.update
    view.controls["Chatbot:needs"].value = 4
    assert view.status.value == ""


def test_summary_html_says_in_words_what_colour_and_shape_show(view):
    html = view.summary.value
    for q in QUADRANTS.values():
        if any(w.quadrant is q for w in PRESETS):
            assert q.title in html
    assert "aria-hidden='true'" in html  # the shape characters are decoration only
    assert "role='status'" in html


def test_scores_are_saved_and_come_back_when_the_cell_runs_again(view):
    from pm_course.models.value_map.view import ValueMapView

    view.controls["Chatbot:needs"].value = 9
    again = ValueMapView(store=view.store)
    assert again.controls["Chatbot:needs"].value == 9
    assert again._text_plain() == view._text_plain()
    assert again.status.value == ""


def test_a_damaged_saved_score_is_reported_and_the_rest_come_back(store):
    from pm_course.models.value_map.view import ValueMapView

    store.save_note(
        ValueMapView.SECTION, ValueMapView.KEY, {"Chatbot:value": "high", "Chatbot:needs": 9}
    )
    view = ValueMapView(store=store)
    assert view.controls["Chatbot:needs"].value == 9
    assert "Check the settings" in view.status.value
    assert "high" in unescape(view.status.value)
    assert "Chatbot" in view._text_plain()


def test_the_chart_follows_a_dragged_slider_where_the_model_is_cheap(store):
    """The value map redraws while a slider is dragged (its step takes about 40 ms); the A/B
    simulator, whose step takes about 100 ms, redraws when the handle is let go."""
    from pm_course.models.ab_test.view import ABTestView
    from pm_course.models.value_map.view import ValueMapView

    sliders = [c for c in ValueMapView(store=store).controls.values() if hasattr(c, "min")]
    assert sliders and all(s.continuous_update for s in sliders)
    slow = [c for c in ABTestView(store=store).controls.values() if hasattr(c, "min")]
    assert slow and not any(s.continuous_update for s in slow)
