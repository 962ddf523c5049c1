"""Choosing metrics: HEART, North Star plans, the vanity rule, and their two widgets."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.metrics.model import (
    EXAMPLE_METRICS,
    HEART,
    HEART_KEYS,
    PLANS,
    VANITY_RULE,
    HeartRow,
    MetricCheck,
    category,
    check_of,
    decision_tied,
    plan,
    plan_boxes,
    plan_from_dict,
    plan_note,
    plan_on_show,
    review_plan,
    vanity_from_note,
    worded_total,
    wording_clues,
)

DECISION = "If it falls, we test a new thank-you email"


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


# --- HEART and the plans ----------------------------------------------------------------------


def test_heart_has_rodden_hutchinson_and_fus_five_categories_in_order():
    assert [c.name for c in HEART] == [
        "Happiness",
        "Engagement",
        "Adoption",
        "Retention",
        "Task success",
    ]
    assert "".join(c.name[0] for c in HEART) == "HEART"
    assert category("retention").name == "Retention"
    with pytest.raises(ValueError, match="no category 'loyalty'"):
        category("loyalty")


def test_every_example_plan_has_a_north_star_inputs_and_complete_rows():
    for p in PLANS:
        assert p.north_star
        assert 2 <= len(p.inputs) <= 3
        for r in p.rows:
            assert r.goal and r.signal and r.metric
            assert not [c for c in wording_clues(r.metric) if c.kind == "total"], r.metric
        assert not [c for c in wording_clues(p.north_star) if c.kind == "total"]


def test_the_advice_example_leaves_out_retention_and_says_why():
    advice = plan("Housing advice pages")
    assert advice.row("retention") is None
    assert "Retention: not used. Most people need housing advice once" in "\n".join(advice.lines())
    with pytest.raises(ValueError, match="no example called 'Shop'"):
        plan("Shop")


def test_a_row_checks_its_category_and_fields():
    with pytest.raises(ValueError, match="no category 'joy'"):
        HeartRow("joy", "", "", "")
    with pytest.raises(ValueError, match="the goal of happiness must be text"):
        HeartRow("happiness", None, "", "")  # type: ignore[arg-type]


def test_a_learners_plan_is_read_safely_from_anything():
    empty = plan_from_dict("junk")
    assert (empty.product, empty.north_star, empty.inputs, empty.rows) == ("My product", "", (), ())
    p = plan_from_dict(
        {
            "product": " Advice line ",
            "north_star": "Callers helped each week",
            "inputs": ["", "Calls answered within 5 minutes", 3],
            "rows": {"adoption": {"goal": "New callers find us", "metric": 7}, "nope": {}},
        }
    )
    assert p.product == "Advice line"
    assert p.inputs == ("Calls answered within 5 minutes",)
    assert p.row("adoption") == HeartRow("adoption", "New callers find us", "", "")
    assert [r.category for r in p.rows] == ["adoption"]


def test_review_works_through_a_plan_in_order():
    assert review_plan(plan_from_dict({})) == [
        "Choose a North Star: the one number that best shows the value people get from the "
        "product.",
        "Fill in a row for each HEART category that matters to your product, starting with the "
        "goal.",
    ]
    notes = review_plan(
        plan_from_dict(
            {
                "north_star": "Total donations since launch",
                "rows": {
                    "happiness": {"metric": "Average rating"},
                    "retention": {"goal": "Donors keep giving"},
                    "task_success": {"goal": "Finish", "signal": "Forms completed"},
                    "adoption": {"goal": "g", "signal": "s", "metric": "All-time sign-ups"},
                },
            }
        )
    )
    assert notes[0].startswith("North Star: 'Total' suggests a running total")
    assert notes[1].startswith("Add two or three input metrics")
    assert "Happiness: start from the goal" in notes[2]
    assert notes[3].startswith("Adoption metric: 'All-time' suggests a running total")
    assert "Retention: what would people do or say" in notes[4]
    assert "Task success: turn the signal into a number" in notes[5]
    assert review_plan(PLANS[0]) == []


def test_a_plan_note_becomes_one_value_per_box_and_back():
    note = {
        "choice": "Your own product",
        "product": "Advice line",
        "north_star": "Callers helped",
        "inputs": ["a", "b", "c"],
        "rows": {k: {"goal": k, "signal": "", "metric": ""} for k in HEART_KEYS},
    }
    boxes, problems = plan_boxes(note)
    assert problems == []
    assert boxes["input 2"] == "b" and boxes["task_success goal"] == "task_success"
    assert len(boxes) == 3 + 3 + 3 * len(HEART_KEYS)
    assert plan_note(boxes) == note
    assert plan_boxes("junk") == ({}, [])
    assert plan_boxes({"inputs": 3, "rows": []})[1] == ["inputs: 3", "rows: []"]
    assert plan_on_show("Your own product", note).product == "Advice line"
    assert plan_on_show("Volunteer shifts", note) == plan("Volunteer shifts")


# --- the vanity rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cumulative", "can_fall", "decision", "flags"),
    [
        (False, True, DECISION, []),
        (True, True, DECISION, ["running total"]),
        (False, False, DECISION, ["only go up"]),
        (False, True, "", ["No decision"]),
        (True, False, "", ["running total", "only go up", "No decision"]),
    ],
)
def test_the_rule_flags_each_condition_on_its_own(cumulative, can_fall, decision, flags):
    check = MetricCheck("Repeat donors this month", cumulative, can_fall, decision)
    assert len(check.reasons) == len(flags)
    for flag, reason in zip(flags, check.reasons, strict=True):
        assert flag in reason
    assert check.vanity == bool(flags)
    assert check.verdict == ("Likely vanity metric" if flags else "Actionable (by this rule)")


@pytest.mark.parametrize(
    ("answer", "tied"),
    [
        ("", False),
        ("none", False),
        ("N/A", False),
        ("Don't know.", False),
        ("we would celebrate", False),
        ("report it", False),
        ("change things", False),
        ("If it falls we rewrite the page", True),
        ("  Test a shorter form  ", True),
    ],
)
def test_a_decision_must_say_what_would_change(answer, tied):
    assert decision_tied(answer) is tied


@pytest.mark.parametrize(
    ("metric", "kinds"),
    [
        ("Total app downloads since launch", ["total"]),
        ("Followers on social media", ["total"]),
        ("All-time money raised", ["total"]),
        ("Share of donors who give again within 3 months", ["rate"]),
        ("Page views this month", ["rate"]),
        ("Downloads per 100 visits", ["rate"]),
        ("Conversion %", ["rate"]),
        ("Total donations each month", ["total", "rate"]),
        ("Every donor counts", []),
        ("Newsletter readers", []),
    ],
)
def test_wording_clues(metric, kinds):
    assert [c.kind for c in wording_clues(metric)] == kinds


def test_the_examples_show_each_verdict():
    verdicts = {m.metric: m.vanity for m in EXAMPLE_METRICS}
    assert verdicts["Total app downloads since launch"] is True
    assert verdicts["Page views of the advice pages this month"] is True  # no decision
    assert verdicts["Share of first-time donors who give again within three months"] is False
    assert sum(not v for v in verdicts.values()) == 2


def test_bad_checks_are_refused_clearly():
    with pytest.raises(ValueError, match="name the metric first"):
        MetricCheck("  ", False, True)
    with pytest.raises(ValueError, match="cumulative must be true or false"):
        MetricCheck("x", "yes", True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="the decision is text"):
        MetricCheck("x", False, True, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a metric is text"):
        wording_clues(3)  # type: ignore[arg-type]


@given(st.text(min_size=1).filter(str.strip), st.booleans(), st.booleans(), st.text())
def test_the_rule_passes_a_metric_only_when_no_condition_holds(metric, cumulative, fall, decision):
    check = MetricCheck(metric, cumulative, fall, decision)
    total = worded_total(metric) is not None
    assert check.vanity == (cumulative or total or not fall or not decision_tied(decision))
    assert check.lines()[1] == f"Verdict: {check.verdict}"


def test_the_vanity_boxes_are_read_safely_and_checked_only_with_a_metric():
    assert vanity_from_note({"metric": "M", "cumulative": "yes", "only_up": True}) == {
        "metric": "M",
        "decision": "",
        "cumulative": False,
        "only_up": True,
    }
    assert vanity_from_note(None)["metric"] == ""
    assert check_of({"metric": "  ", "cumulative": False, "only_up": False, "decision": ""}) is None
    check = check_of({"metric": "M", "cumulative": True, "only_up": True, "decision": DECISION})
    assert (check.cumulative, check.can_fall, check.decision) == (True, False, DECISION)


def test_the_rule_is_stated_in_words():
    for part in ("running total", "only ever go up", "no decision"):
        assert part in VANITY_RULE


# --- the HEART planner view -------------------------------------------------------------------


@pytest.fixture
def heart(store):
    from pm_course.models.metrics.view import HeartView

    return HeartView(store)


def test_the_planner_starts_on_the_first_example(heart):
    assert heart.product_menu.value == "Online donations"
    assert heart.editor.layout.display == "none"
    text = words(heart.example.value)
    assert "North Star: Donors who give again within three months" in text
    for c in HEART:
        assert c.name in text


def test_choosing_an_example_shows_it(heart):
    heart.product_menu.value = "Housing advice pages"
    assert "Most people need housing advice once" in words(heart.example.value)
    assert "Housing advice pages" in heart._text_plain()


def test_planning_your_own_product_is_saved_and_restored(store, heart):
    from pm_course.models.metrics.view import OWN, HeartView

    heart.product_menu.value = OWN
    assert heart.editor.layout.display == ""
    assert heart.example.value == ""
    assert "Choose a North Star" in words(heart.review.value)
    heart.product_name.value = "Advice line"
    heart.north_star.value = "Callers helped each week"
    heart.inputs[0].value = "Calls answered within five minutes"
    heart.cells[("task_success", "goal")].value = "Callers get an answer"
    heart.cells[("task_success", "signal")].value = "Callers say their question was answered"
    heart.cells[("task_success", "metric")].value = "Share of calls answered in full, each week"
    assert "A complete plan" in words(heart.review.value)
    again = HeartView(store)
    assert again.product_menu.value == OWN
    assert again.north_star.value == "Callers helped each week"
    assert again.cells[("task_success", "metric")].value.startswith("Share of calls")
    assert again._text_plain() == heart._text_plain()
    assert "Task success: goal: Callers get an answer" in again._text_plain()


def test_a_running_total_in_your_plan_is_pointed_out(heart):
    from pm_course.models.metrics.view import OWN

    heart.product_menu.value = OWN
    heart.cells[("adoption", "metric")].value = "Total sign-ups so far"
    assert "Adoption metric: 'Total' suggests a running total" in words(heart.review.value)
    assert "Adoption: start from the goal" in words(heart.review.value)


def test_every_box_of_the_grid_is_labelled(heart):
    assert set(heart.cells) == {(k, s) for k in HEART_KEYS for s in ("goal", "signal", "metric")}
    for (key, step), area in heart.cells.items():
        assert area.tooltip == f"{category(key).name}: {step}"
        assert area.placeholder


def test_planner_text_fallback_is_deterministic_and_free_of_ids(store, heart):
    from pm_course.models.metrics.view import HEART_NOTE, HeartView

    other = HeartView(store)
    assert heart._text_plain() == other._text_plain()
    assert heart._text_markdown() == other._text_markdown()
    text = heart._text_plain()
    assert text.startswith("North Star and HEART planner\nOnline donations:")
    assert text.endswith(HEART_NOTE)
    assert heart.model_id not in text


# --- the vanity check view --------------------------------------------------------------------


@pytest.fixture
def vanity(store):
    from pm_course.models.metrics.view import VanityView

    return VanityView(store)


def test_checking_with_no_metric_asks_for_one(vanity):
    vanity.check_button.click()
    assert "Type a metric first" in words(vanity.status.value)
    assert vanity.result.value == ""


def test_a_running_total_is_flagged_with_its_reasons(vanity):
    vanity.metric.value = "Total newsletter sign-ups since launch"
    vanity.cumulative.value = True
    vanity.only_up.value = True
    vanity.check_button.click()
    text = words(vanity.result.value)
    assert "Likely vanity metric" in text
    assert "It is a running total" in text
    assert "It can only go up" in text
    assert "No decision is tied to it" in text
    assert "Wording: 'Total' suggests a running total" in text


def test_an_actionable_metric_passes_and_says_why(store, vanity):
    from pm_course.models.metrics.view import VanityView

    vanity.metric.value = "Share of new volunteers doing a second shift"
    vanity.decision.value = "If it drops, we call new volunteers after their first shift"
    vanity.check_button.click()
    assert "Actionable (by this rule)" in words(vanity.result.value)
    assert vanity.status.value == ""
    again = VanityView(store)
    assert again.decision.value.startswith("If it drops")
    assert "Actionable (by this rule)" in words(again.result.value)
    assert "Your metric:" in again._text_plain()


@pytest.mark.parametrize(
    "metric", ["Total donations since 2015", "Money raised online since 2015", "Followers"]
)
def test_a_metric_worded_as_a_running_total_is_never_called_actionable(vanity, metric):
    """The verdict and the wording note agree, as the vanity question in 05 does."""
    vanity.metric.value = metric
    vanity.decision.value = "If it falls, we change the thank-you email"
    vanity.check_button.click()
    text = words(vanity.result.value)
    assert "Likely vanity metric" in text and "Actionable" not in text
    assert "makes it a running total, though answer 1 says it is not" in text
    assert "suggests a running total" in text


def test_a_total_for_a_period_can_still_be_actionable(vanity):
    vanity.metric.value = "Total donations each month"
    vanity.decision.value = "If it falls, we change the thank-you email"
    vanity.check_button.click()
    assert "Actionable (by this rule)" in words(vanity.result.value)


def test_the_examples_table_lists_every_example(vanity):
    from pm_course.models.metrics.view import examples_html

    table = words(examples_html())
    for m in EXAMPLE_METRICS:
        assert m.metric in table
    assert "<details>" in examples_html()


def test_a_note_saved_by_the_old_planner_comes_back_and_keeps_its_format(store):
    from pm_course.models.metrics.view import HEART_KEY, OWN, SECTION, HeartView

    old = {
        "choice": OWN,
        "product": "Advice line",
        "north_star": "Callers helped each week",
        "inputs": ["Calls answered within five minutes", "", ""],
        "rows": {key: {"goal": "", "signal": "", "metric": ""} for key in HEART_KEYS}
        | {"retention": {"goal": "Callers come back", "signal": "", "metric": ""}},
    }
    store.save_note(SECTION, HEART_KEY, old)
    heart = HeartView(store)
    assert heart.product_menu.value == OWN
    assert heart.inputs[0].value == "Calls answered within five minutes"
    assert heart.cells[("retention", "goal")].value == "Callers come back"
    assert heart.status.value == ""
    assert "Retention: goal: Callers come back | signal: (empty)" in heart._text_plain()
    heart.cells[("retention", "signal")].value = "Callers ring again"
    saved = store.note(HEART_KEY)
    assert saved == old | {
        "rows": old["rows"]
        | {"retention": {"goal": "Callers come back", "signal": "Callers ring again", "metric": ""}}
    }


def test_a_damaged_planner_note_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.metrics.view import HEART_KEY, OWN, SECTION, HeartView

    store.save_note(SECTION, HEART_KEY, [1, 2])
    assert HeartView(store).status.value == ""  # not a plan at all: the examples, as before
    store.save_note(SECTION, HEART_KEY, {"choice": "Nowhere", "rows": "x", "north_star": "Kept"})
    heart = HeartView(store)
    assert heart.product_menu.value == "Online donations"
    assert heart.north_star.value == "Kept"
    said = words(heart.status.value)
    assert "Check the settings" in said
    assert "rows: 'x'" in said and "Product: 'Nowhere'" in said
    store.save_note(
        SECTION,
        HEART_KEY,
        {"choice": OWN, "inputs": "one", "rows": {"adoption": {"goal": 7}, "retention": "r"}},
    )
    heart = HeartView(store)
    assert heart.product_menu.value == OWN
    said = words(heart.status.value)
    assert "inputs: 'one'" in said and "Retention: 'r'" in said and "adoption goal: 7" in said


def test_a_damaged_vanity_note_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.metrics.view import SECTION, VANITY_KEY, VanityView

    store.save_note(SECTION, VANITY_KEY, [1, 2])
    vanity = VanityView(store)
    assert vanity.metric.value == ""
    assert "could not be read" in words(vanity.status.value)
    store.save_note(
        SECTION,
        VANITY_KEY,
        {"metric": "Repeat donors each month", "cumulative": "yes", "decision": 3},
    )
    vanity = VanityView(store)
    assert vanity.metric.value == "Repeat donors each month"
    assert vanity.cumulative.value is False
    said = words(vanity.status.value)
    assert "Running total: 'yes'" in said and "Decision: 3" in said
    assert "Likely vanity metric" in words(vanity.result.value)  # no decision tied to it


def test_a_note_saved_by_the_old_check_comes_back(store):
    from pm_course.models.metrics.view import SECTION, VANITY_KEY, VanityView

    old = {"metric": "Total sign-ups", "cumulative": True, "only_up": True, "decision": ""}
    store.save_note(SECTION, VANITY_KEY, old)
    vanity = VanityView(store)
    assert (vanity.cumulative.value, vanity.only_up.value) == (True, True)
    assert "Likely vanity metric" in words(vanity.result.value)
    assert vanity.status.value == ""
    vanity.only_up.value = False
    assert store.note(VANITY_KEY) == old | {"only_up": False}


def test_what_is_typed_is_kept_before_the_check_and_an_edit_clears_the_old_verdict(store, vanity):
    from pm_course.models.metrics.view import VanityView

    vanity.metric.value = "Donations this month"
    vanity.check_button.click()
    assert "Saved: run this cell again" in vanity.result.value
    vanity.decision.value = "If it falls, we test a shorter form"
    assert vanity.result.value == ""  # the verdict was about the old answers
    again = VanityView(store)
    assert again.decision.value == "If it falls, we test a shorter form"
    assert "Actionable (by this rule)" in words(again.result.value)
    assert "(your saved metric)" in again.result.value


def test_vanity_text_fallback_is_deterministic_and_free_of_ids(store, vanity):
    from pm_course.models.metrics.view import VANITY_NOTE, VanityView

    other = VanityView(store)
    assert vanity._text_plain() == other._text_plain()
    text = vanity._text_plain()
    assert text.startswith("Vanity-metric check\nRule: A metric is flagged")
    assert "- Total app downloads since launch: likely vanity metric" in text
    assert text.endswith(VANITY_NOTE)
    assert vanity.model_id not in text
