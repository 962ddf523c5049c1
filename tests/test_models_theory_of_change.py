"""The theory of change builder: the five stages, the sorting with its slips, the chain check
and the widget (driven without a browser)."""

from __future__ import annotations

import pytest

from pm_course.models.theory_of_change.model import (
    EXAMPLES,
    NOTE_KEY,
    PLACE_KEYS,
    SECTION,
    STAGE_KEYS,
    builder_lines,
    check_chain,
    check_sorting,
    note_values,
    place_key,
    slip,
)

GOOD_CHAIN = {
    "inputs": "Two advisers, a phone line and a grant for two years",
    "activities": "Advisers answer calls about debt and benefits",
    "outputs": "300 callers advised each month",
    "outcomes": "Callers agree a plan to pay off their debts",
    "impact": "Fewer households in the town in problem debt",
}


def statuses(chain) -> dict[str, str]:
    return {c.stage.key: c.status for c in chain.checks}


def messages(chain, key: str) -> str:
    return " ".join(next(c for c in chain.checks if c.stage.key == key).messages)


# --- the chain and the examples ---------------------------------------------------------------


def test_the_chain_runs_from_inputs_to_impact():
    assert STAGE_KEYS == ("inputs", "activities", "outputs", "outcomes", "impact")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_each_example_uses_every_stage_and_is_listed_out_of_order(example):
    stages = [s.stage for s in example.statements]
    assert set(stages) == set(STAGE_KEYS)
    assert stages != sorted(stages, key=STAGE_KEYS.index), "listed in the chain's own order"
    texts = [s.text for s in example.statements]
    assert len(set(texts)) == len(texts)


def test_the_food_bank_follows_the_course_worked_example():
    food = {s.text: s.stage for s in EXAMPLES[0].statements}
    assert food["1,200 food parcels handed out this winter"] == "outputs"
    assert food["Families referred to the food bank no longer go hungry"] == "outcomes"
    assert food["Less food poverty in the town"] == "impact"
    assert food["3,000 meals provided"] == "outputs", "a count used as a proxy stays an output"


def test_all_right_and_nothing_placed_have_their_own_headlines():
    example = EXAMPLES[0]
    assert "choose a stage for each of the 6" in check_sorting(example.key, {}).headline
    right = {place_key(example.key, i): s.stage for i, s in enumerate(example.statements, 1)}
    sorting = check_sorting(example.key, right)
    assert sorting.right == 6
    assert sorting.headline == "Food bank: all 6 statements are in the right stage."


def test_calling_an_output_an_impact_gets_the_slip_named():
    sorting = check_sorting("food-bank", {"food-bank:1": "impact", "food-bank:2": "impact"})
    parcels, poverty = sorting.placements[:2]
    assert not parcels.right and parcels.status == "missing"
    assert parcels.feedback.startswith("Not impact. Calling an output an impact")
    assert poverty.right and poverty.feedback.startswith("Right, impact:")
    assert sorting.headline == "Food bank: 2 of 6 placed, 1 in the right stage."
    assert all(p.feedback == "" for p in sorting.placements[2:])


def test_every_wrong_stage_has_feedback_that_names_the_right_one():
    for example in EXAMPLES:
        for statement in example.statements:
            for chosen in STAGE_KEYS:
                if chosen != statement.stage:
                    assert slip(statement.stage, chosen)
    assert "belongs in outcomes" in slip("outcomes", "inputs")


def test_an_unknown_stage_counts_as_not_placed_and_an_unknown_example_is_refused():
    sorting = check_sorting("advice", {"advice:1": "purple", "advice:2": 3})
    assert sorting.placed == 0
    with pytest.raises(ValueError, match="no example called 'zoo'; the examples are food-bank"):
        check_sorting("zoo", {})


# --- your own chain ---------------------------------------------------------------------------


def test_a_good_chain_passes_every_stage():
    chain = check_chain(**GOOD_CHAIN)
    assert set(statuses(chain).values()) == {"ok"}
    assert chain.headline == "All five stages read as they should, from inputs to impact."


def test_an_empty_chain_says_what_to_write():
    chain = check_chain()
    assert chain.empty
    assert chain.headline.startswith("Your chain is empty")
    assert set(statuses(chain).values()) == {"missing"}


def test_an_impact_that_counts_delivery_is_called_an_output():
    chain = check_chain(**{**GOOD_CHAIN, "impact": "500 food parcels handed out"})
    assert statuses(chain)["impact"] == "improve"
    assert "Calling an output an impact" in messages(chain, "impact")
    assert chain.headline == "4 of 5 stages read as they should; see the notes below."


def test_an_outcome_that_counts_delivery_is_an_output():
    chain = check_chain(**{**GOOD_CHAIN, "outcomes": "450 callers given advice"})
    assert "that is an output" in messages(chain, "outcomes")


def test_an_outcome_must_say_what_changes_for_people():
    chain = check_chain(**{**GOOD_CHAIN, "outcomes": "A good service for callers"})
    assert "what changes for the people" in messages(chain, "outcomes")


def test_an_output_must_be_countable():
    chain = check_chain(**{**GOOD_CHAIN, "outputs": "Good advice for everyone"})
    assert "countable" in messages(chain, "outputs")


def test_an_activity_that_reads_as_a_result_gets_a_note():
    chain = check_chain(**{**GOOD_CHAIN, "activities": "More people out of debt"})
    assert "reads like a result" in messages(chain, "activities")


def test_the_same_words_in_two_stages_are_flagged():
    same = "Callers agree a plan to pay off their debts"
    chain = check_chain(**{**GOOD_CHAIN, "impact": "  callers agree a plan to pay off their debts"})
    assert statuses(chain)["impact"] == "improve"
    assert "same words are in outcomes" in messages(chain, "impact")
    assert next(c for c in chain.checks if c.stage.key == "outcomes").text == same


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="no stage called 'results'"):
        check_chain(results="x")


def test_saved_notes_are_read_defensively():
    values = note_values({"food-bank:1": "outputs", "food-bank:2": "magic", "impact": 5})
    assert values["food-bank:1"] == "outputs"
    assert values["food-bank:2"] == "" and values["impact"] == ""
    assert values["example"] == "food-bank"
    assert note_values(["not", "a", "dict"]) == note_values({})
    assert set(note_values({})) == {*PLACE_KEYS, "example", *STAGE_KEYS}


def test_the_text_fallback_names_the_stages_and_no_answers():
    text = "\n".join(builder_lines())
    assert all(s.capitalize() in text for s in STAGE_KEYS)
    assert "1,200 food parcels" not in text


# --- the widget -------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.theory_of_change.view import TheoryOfChangeView

    return TheoryOfChangeView(store=store)


def test_the_view_starts_with_the_food_bank_and_saves_nothing(view, store):
    assert view.example.value == "food-bank"
    assert view.groups["food-bank"].layout.display == ""
    assert view.groups["advice"].layout.display == "none"
    assert "choose a stage for each of the 6" in view.sorted.value
    assert store.note(NOTE_KEY) is None


def test_every_menu_is_named_after_its_statement(view):
    for example in EXAMPLES:
        for i, statement in enumerate(example.statements, 1):
            assert view.menus[place_key(example.key, i)].tooltip.startswith(statement.text)
    assert all(box.description for box in view.boxes.values())


def test_a_placement_gets_feedback_at_once_read_out_and_saved(view, store):
    view.menus["food-bank:1"].value = "impact"
    assert "Calling an output an impact" in view.notes["food-bank:1"].value
    assert "aria-live='polite'" in view.sorted.value
    assert "1,200 food parcels" in view.sorted.value and "Not impact" in view.sorted.value
    view.menus["food-bank:1"].value = "outputs"
    assert "Right, outputs" in view.sorted.value
    assert store.note(NOTE_KEY)["food-bank:1"] == "outputs"
    assert store.events(NOTE_KEY)[-1].section == SECTION


def test_the_other_example_shows_its_own_statements(view):
    view.example.value = "advice"
    assert view.groups["advice"].layout.display == ""
    assert view.groups["food-bank"].layout.display == "none"
    assert "Advice service: choose a stage" in view.sorted.value


def test_the_chain_is_checked_saved_and_comes_back_after_a_restart(view, store):
    from pm_course.models.theory_of_change.view import TheoryOfChangeView

    view.menus["advice:3"].value = "outputs"
    for key, text in GOOD_CHAIN.items():
        view.boxes[key].value = text
    view.boxes["impact"].value = "500 parcels handed out"
    view.check_button.click()
    assert "Calling an output an impact" in view.feedback.value
    assert "Saved: run this cell again" in view.feedback.value
    again = TheoryOfChangeView(store=store)
    assert again.chain == {**GOOD_CHAIN, "impact": "500 parcels handed out"}
    assert again.menus["advice:3"].value == "outputs"
    assert "(your saved chain)" in again.feedback.value


def test_a_damaged_placement_is_reported_and_the_rest_come_back(store):
    from pm_course.models.theory_of_change.view import TheoryOfChangeView

    store.save_note(SECTION, NOTE_KEY, {"food-bank:1": "magic", "advice:2": "inputs", "impact": 7})
    view = TheoryOfChangeView(store=store)
    assert view.menus["food-bank:1"].value == ""
    assert view.menus["advice:2"].value == "inputs"
    assert "Check the settings" in view.status.value
    assert "Food bank, statement 1: &#x27;magic&#x27;; Impact: 7" in view.status.value


def test_a_fault_shows_a_message_not_a_traceback(view, monkeypatch, expected_faults):
    import pm_course.models.theory_of_change.view as module

    def broken(**_):
        raise RuntimeError("the checker broke")

    monkeypatch.setattr(module, "check_chain", broken)
    view.check_button.click()
    assert "Something went wrong" in view.status.value
    assert expected_faults
