"""The evidence planner: the pure model and its widget, without a browser."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_course.models.ab_test.model import sample_size
from pm_course.models.evidence.model import (
    ADD,
    FIRST,
    FITS,
    METHOD_KEYS,
    OTHER,
    QUESTION_KEYS,
    SLOW,
    Plan,
    find_method,
)
from pm_course.models.evidence.view import EvidencePlannerView

# --- the pure model ---------------------------------------------------------------------------


def test_the_ab_figure_is_the_ab_models_figure():
    plan = Plan(300, "number", "little")
    assert plan.per_arm == math.ceil(sample_size(0.10, 0.01)) == 14_128
    assert plan.ab_people == 28_256
    assert plan.ab_weeks == 95  # 28,256 / 300 = 94.2, rounded up
    assert "14,128 people in each arm" in plan.ab_line and "95 weeks" in plan.ab_line


def test_halving_the_change_quadruples_the_ab_test():
    full = Plan(300, "number", "little", effect=1.0)
    half = Plan(300, "number", "little", effect=0.5)
    assert half.per_arm == pytest.approx(4 * full.per_arm, rel=0.001)


def test_a_small_charity_is_pointed_away_from_an_ab_test():
    plan = Plan(300, "number", "little")
    assert plan.verdict("ab_test") == SLOW
    assert plan.verdict("before_after") == FIRST
    assert "before-and-after" in plan.headline and "95 weeks" in plan.headline


def test_with_enough_traffic_the_ab_test_comes_first():
    plan = Plan(5000, "number", "little", wait=8)
    assert plan.ab_weeks == 6
    assert plan.verdict("ab_test") == FIRST
    assert plan.verdict("before_after") == FITS
    assert plan.headline.startswith("Start with an A/B test")


def test_the_wait_decides_when_an_ab_test_is_in_reach():
    assert not Plan(3000, "number", "little", wait=9).ab_in_reach  # 10 weeks needed
    assert Plan(3000, "number", "little", wait=10).ab_in_reach


@pytest.mark.parametrize(
    ("asked", "first"),
    [
        ("use", {"usability"}),
        ("need", {"interviews"}),
        ("want", {"fake_door"}),
        ("help", {"concierge", "wizard"}),
        ("number", {"before_after"}),
    ],
)
def test_each_question_has_its_own_first_choice(asked, first):
    plan = Plan(300, asked, "little")
    assert {r.method.key for r in plan.rows() if r.verdict == FIRST} == first
    assert ADD not in {r.verdict for r in plan.rows()}, "a cheap decision adds nothing"


@pytest.mark.parametrize("asked", QUESTION_KEYS)
def test_a_costly_decision_adds_a_second_kind_of_evidence(asked):
    cheap, costly = Plan(300, asked, "little"), Plan(300, asked, "a lot")
    added = [r.method.key for r in costly.rows() if r.verdict == ADD]
    assert len(added) == 1 and added[0] not in cheap.first
    assert "hard to undo" in costly.cost_line and find_method(added[0]).phrase in costly.cost_line
    assert "easy to undo" in cheap.cost_line
    assert find_method(added[0]).name in costly.text


def test_the_ab_test_answers_only_a_question_about_a_number():
    for asked in QUESTION_KEYS:
        if asked != "number":
            assert Plan(1_000_000, asked, "little").verdict("ab_test") == OTHER


def test_a_fake_door_counts_the_people_who_would_pass_it():
    plan = Plan(300, "want", "little", wait=8)
    assert "about 2,400 people would pass the button" in plan.text
    assert "pass the button" not in Plan(300, "use", "little").text


def test_what_each_method_cannot_show_is_said():
    plan = Plan(300, "help", "little")
    assert "they know a person is doing the work" in plan.text  # concierge: openly by hand
    assert "Wizard of Oz test" in plan.text
    assert all("It cannot show" in line for line in plan.method_lines())


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("weekly", 0, "from 1 to 10,000,000"),
        ("weekly", 2.5, "whole number"),
        ("question", "why", "no question 'why'"),
        ("cost", "some", "the cost of a wrong decision"),
        ("wait", 0, "weeks you can wait"),
        ("effect", 0, "smallest change"),
    ],
)
def test_a_setting_it_cannot_use_is_refused_with_a_clear_message(field, value, words):
    settings = {"weekly": 300, "question": "number", "cost": "little"} | {field: value}
    with pytest.raises(ValueError, match=words):
        Plan.from_settings(settings)


@settings(deadline=None)  # a loaded machine (2 cores, many kernels) must not fail it on time
@given(
    st.integers(1, 10_000_000),
    st.sampled_from(QUESTION_KEYS),
    st.sampled_from(["little", "a lot"]),
    st.integers(1, 52),
)
def test_every_plan_has_one_verdict_per_method_and_a_first_choice(weekly, asked, cost, wait):
    plan = Plan(weekly, asked, cost, wait=wait)
    rows = plan.rows()
    assert [r.method.key for r in rows] == list(METHOD_KEYS)
    assert any(r.verdict == FIRST for r in rows)
    assert plan.text.count("\n") > 5 and "Evidence planner" in plan.markdown


# --- the widget -------------------------------------------------------------------------------


def test_the_view_follows_its_controls_and_announces_the_headline(store):
    view = EvidencePlannerView()
    assert "too slow at your traffic" in view.table.value
    assert "role='status'" in view.summary.value and "95 weeks" in view.summary.value
    view.controls["weekly"].value = 5000
    assert "Start with an A/B test" in view.summary.value
    view.controls["question"].value = "use"
    assert "Start with a usability test" in view.summary.value
    view.controls["cost"].value = "little"
    assert "easy to undo" in view.summary.value


def test_every_control_has_a_name(store):
    view = EvidencePlannerView()
    for name, control in view.controls.items():
        assert control.description.strip(), f"{name} has no label"


def test_a_number_it_cannot_use_says_so_and_keeps_the_table(store):
    view = EvidencePlannerView()
    before = view.table.value
    view.controls["weekly"].value = -5
    assert "Check the settings" in view.status.value
    assert "The table still shows the last settings that worked" in view.status.value
    assert view.table.value == before
    view.controls["weekly"].value = 400
    assert view.status.value == ""


def test_settings_survive_a_restart(store):
    view = EvidencePlannerView()
    view.controls["weekly"].value = 120
    view.controls["question"].value = "want"
    view.controls["wait"].value = 12
    again = EvidencePlannerView()
    assert again.controls["weekly"].value == 120
    assert again.controls["question"].value == "want"
    assert again.controls["wait"].value == 12
    assert "about 1,440 people would pass the button" in again.summary.value


def test_a_damaged_saved_setting_is_reported_and_the_others_come_back(store):
    store.save_note(
        "03_an_experimental_process",
        "evidence-planner",
        {"weekly": 80, "question": "no such question", "wait": 4},
    )
    view = EvidencePlannerView()
    assert view.controls["weekly"].value == 80 and view.controls["wait"].value == 4
    assert "could not be used" in view.status.value
