"""Rumelt's kernel check and "today vs the future": the pure model and both widgets."""

from __future__ import annotations

import pytest

from pm_course.models.strategy.model import (
    CONSTRAINTS_KEY,
    EXAMPLE_CONSTRAINTS,
    EXAMPLE_FREED,
    EXAMPLES,
    HALLMARKS,
    KERNEL_KEY,
    MAX_CONSTRAINTS,
    SECTION,
    Constraints,
    action_lines,
    check_kernel,
    constraints_from_note,
    fluff_in,
    goals_in,
    kernel_from_note,
    key_words,
    kind_of,
    parse_constraints,
    stem,
)

GOOD = EXAMPLES["good"]


def titles(check, part: str) -> list[str]:
    return [f.title for p in check.parts if p.part == part for f in p.findings]


def hallmarks_of(check, part: str) -> set[str]:
    return {f.hallmark for p in check.parts if p.part == part for f in p.findings}


# --- the kernel: Rumelt's parts and hallmarks -------------------------------------------------


def test_the_kernel_has_rumelts_three_parts_and_four_hallmarks():
    check = check_kernel(**GOOD)
    assert [p.label for p in check.parts] == ["Diagnosis", "Guiding policy", "Coherent actions"]
    assert list(HALLMARKS.values()) == [
        "Fluff",
        "Failure to face the challenge",
        "Mistaking goals for strategy",
        "Bad strategic objectives",
    ]


def test_the_bad_example_shows_all_four_hallmarks():
    check = check_kernel(**EXAMPLES["bad"])
    assert check.hallmarks == list(HALLMARKS.values())
    assert check.headline == (
        "Hallmarks of bad strategy to look at: fluff, failure to face the challenge, mistaking "
        "goals for strategy and bad strategic objectives."
    )
    one = check_kernel(GOOD["diagnosis"], "Leverage synergies", "Phone volunteers")
    assert one.headline == (
        "Hallmark of bad strategy to look at: fluff; and 3 other things to look at."
    )


def test_the_good_example_passes_and_says_what_the_check_cannot_do():
    check = check_kernel(**GOOD)
    assert check.hallmarks == []
    assert all(p.status == "good" for p in check.parts)
    assert "It reads words only" in check.headline
    assert len(check.actions) == 4


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Leverage our world-class synergies", ["world-class", "synergy", "leverage"]),
        (
            "A best in class, cutting edge paradigm shift",
            ["best-in-class", "cutting-edge", "paradigm"],
        ),
        ("We will move the needle going forward", ["move the needle", "going forward"]),
        ("Phone every new volunteer within two days", []),
    ],
)
def test_fluff_is_found_by_its_buzzwords(text, words):
    assert fluff_in(text) == words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Grow income by 20% this year", ["Grow income by 20%"]),
        ("We want to be the leading youth charity", ["be the leading"]),
        ("Become the UK's number one food bank", ["Become the UK's number one"]),
        ("Double our reach", ["Double"]),
        ("Raise £2m", ["Raise £2m"]),
        ("Grow our impact", ["Grow our impact"]),
        ("Get new volunteers to a first shift within a week", []),
        ("Replace the monthly induction with a 20-minute online induction", []),
    ],
)
def test_goals_are_found_as_targets(text, found):
    assert goals_in(text) == found


def test_a_policy_that_is_only_a_target_is_a_problem_and_with_an_approach_is_advice():
    only_goal = check_kernel(GOOD["diagnosis"], "Grow volunteer numbers by 30%", GOOD["actions"])
    assert "A goal, not a policy: 'Grow volunteer numbers by 30%'" in titles(only_goal, "policy")
    assert only_goal.parts[1].status == "problem"
    with_how = check_kernel(
        GOOD["diagnosis"],
        "Grow first shifts by 30% by making the induction short and local",
        GOOD["actions"],
    )
    assert with_how.parts[1].status == "advice"
    assert any(t.startswith("A target inside the policy") for t in titles(with_how, "policy"))


def test_a_diagnosis_must_face_the_challenge():
    empty = check_kernel("", GOOD["policy"], GOOD["actions"])
    assert titles(empty, "diagnosis") == ["No diagnosis"]
    assert "challenge" in hallmarks_of(empty, "diagnosis")
    no_obstacle = check_kernel(
        "Our volunteers are a lovely group of people who enjoy meeting each other weekly.",
        GOOD["policy"],
        GOOD["actions"],
    )
    assert "Where is the obstacle?" in titles(no_obstacle, "diagnosis")
    target = check_kernel("We must double income", GOOD["policy"], GOOD["actions"])
    assert "goals" in hallmarks_of(target, "diagnosis")


def test_actions_must_be_several_steps_that_follow_the_policy():
    one = check_kernel(GOOD["diagnosis"], GOOD["policy"], "Phone every new volunteer")
    assert "Only one action" in titles(one, "actions")
    off_topic = check_kernel(
        GOOD["diagnosis"], GOOD["policy"], GOOD["actions"] + "\nRedesign the charity's logo"
    )
    assert "Action 5 may not follow from the policy" in titles(off_topic, "actions")
    assert off_topic.parts[2].status == "advice"
    assert off_topic.headline == (
        "No hallmark of bad strategy found, but 1 other thing to look at below."
    )
    wishes = check_kernel(GOOD["diagnosis"], GOOD["policy"], "Be more innovative\nImprove comms")
    assert titles(wishes, "actions") == ["Action 1 is a wish", "Action 2 is a wish"]
    targets = check_kernel(GOOD["diagnosis"], GOOD["policy"], "Double sign-ups\nPhone volunteers")
    assert "Action 1 is a target" in titles(targets, "actions")


def test_a_long_list_of_actions_reads_as_a_wish_list():
    many = "\n".join(f"Run induction session {n} for new volunteers" for n in range(1, 10))
    check = check_kernel(GOOD["diagnosis"], GOOD["policy"], many)
    assert "9 actions" in titles(check, "actions")
    assert "objectives" in hallmarks_of(check, "actions")


def test_actions_are_read_one_per_line_without_bullets():
    assert action_lines("- Phone volunteers\n\n2. Publish answers;\n• Stop it.\n  \n---") == [
        "Phone volunteers",
        "Publish answers",
        "Stop it",
    ]


def test_key_words_match_across_word_endings_and_skip_small_words():
    assert stem("volunteers") == stem("volunteering") == stem("volunteer")
    assert stem("inductions") == stem("induction")
    assert key_words("Get the new volunteers to a first shift") == {"volunt", "shift"}


def test_an_empty_kernel_says_so_and_nothing_more():
    check = check_kernel()
    assert check.empty
    assert check.lines() == [
        "Nothing to check yet: write a diagnosis, a guiding policy and some actions."
    ]


def test_bad_kernel_input_gives_clear_errors():
    with pytest.raises(ValueError, match="the diagnosis is text, not int"):
        check_kernel(diagnosis=3)
    with pytest.raises(ValueError, match="the guiding policy is text, not list"):
        check_kernel(policy=["x"])
    with pytest.raises(ValueError, match="the actions are text, not NoneType"):
        check_kernel(actions=None)


def test_kernel_notes_are_read_defensively():
    assert kernel_from_note("broken") == {"diagnosis": "", "policy": "", "actions": ""}
    assert kernel_from_note({"parts": {"policy": "x", "actions": 7}})["policy"] == "x"


# --- today vs the future ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Supporter data must be handled under UK data protection law", "limit"),
        ("Our funder's grant pays only for face-to-face work", "limit"),
        ("The digital and fundraising teams sit in different directorates", "team"),
        ("Donations are recorded in a spreadsheet", "system"),
        ("Every page needs sign-off from a monthly committee", "way"),
        ("Nobody likes change", "other"),
    ],
)
def test_constraints_get_a_rough_kind(text, kind):
    assert kind_of(text) == kind


def test_the_example_frees_four_and_keeps_the_law():
    model = Constraints.from_text(EXAMPLE_CONSTRAINTS, EXAMPLE_FREED)
    assert model.headline == (
        "Of 5 constraints today, the vision frees itself from 4 and plans around 1."
    )
    assert [c.text for c in model.kept] == [
        "Supporter data must be handled under UK data protection law"
    ]
    assert model.sentences()[1] == (
        "Real constraints to plan around: Supporter data must be handled under UK data "
        "protection law (legal or funding limit)."
    )
    assert model.notes() == []


def test_keeping_everything_and_keeping_a_team_structure_raise_questions():
    kept_all = Constraints.from_text(EXAMPLE_CONSTRAINTS)
    notes = " ".join(kept_all.notes())
    assert "Every constraint is kept" in notes
    assert "Conway's law" in notes


def test_freeing_a_legal_limit_or_everything_raises_questions():
    lines = EXAMPLE_CONSTRAINTS.splitlines()
    freed_all = Constraints.from_text(EXAMPLE_CONSTRAINTS, frozenset(lines))
    notes = " ".join(freed_all.notes())
    assert "sounds like a legal or funding limit" in notes
    assert "Nothing is kept" in notes


def test_ticks_follow_the_text_whatever_its_case_or_order():
    model = Constraints.from_text("B thing\nA thing", frozenset({"a THING"}))
    assert [(c.text, c.free) for c in model.items] == [("B thing", False), ("A thing", True)]


def test_the_list_is_parsed_with_clear_messages_and_nothing_lost():
    lines, messages = parse_constraints("- One\n\n123\none\n" + "x" * 250)
    assert lines[0] == "One"
    assert lines[1].endswith("…") and len(lines[1]) == 200
    assert "Line 3 has no words" in messages[0]
    assert "Line 4 repeats line 1" in messages[1]
    assert "Line 5 is long (250 characters)" in messages[2]
    many = "\n".join(f"Constraint {n}" for n in range(1, 16))
    lines, messages = parse_constraints(many)
    assert len(lines) == MAX_CONSTRAINTS
    assert "line 13 and any after it are left out" in messages[-1]
    with pytest.raises(ValueError, match="the list is text, not int"):
        parse_constraints(5)


def test_an_empty_list_says_so():
    assert Constraints().headline.startswith("No constraints listed yet")
    assert Constraints().lines() == [Constraints().headline]


def test_constraint_notes_are_read_defensively():
    assert constraints_from_note(None) == ("", [])
    assert constraints_from_note({"text": 3, "free": "x"}) == ("", [])
    assert constraints_from_note({"text": "a", "free": ["a", 1]}) == ("a", ["a"])


# --- the kernel view ---------------------------------------------------------------------------


@pytest.fixture
def kernel(store):
    from pm_course.models.strategy.view import KernelView

    return KernelView(store=store)


def test_the_kernel_view_starts_empty_and_saves_nothing(kernel, store):
    assert all(v == "" for v in kernel.parts.values())
    assert "Nothing to check yet" in kernel.feedback.value
    assert store.note(KERNEL_KEY) is None
    assert kernel.mine_button.disabled


def test_loading_the_bad_example_shows_the_hallmarks_per_part(kernel):
    kernel.example_buttons["bad"].click()
    html = kernel.feedback.value
    assert "Hallmarks of bad strategy to look at" in html
    assert "Fluff: &#x27;world-class&#x27;" in html
    assert "Action 1 is a wish" in html
    assert "a bad kernel" in kernel.status.value


def test_typing_is_checked_and_saved_and_restored_by_a_new_view(kernel, store):
    kernel.boxes["diagnosis"].value = "Calls go unanswered because one team takes every call."
    kernel.boxes["policy"].value = "Leverage synergies"
    assert "Fluff" in kernel.feedback.value
    assert store.note(KERNEL_KEY)["parts"]["policy"] == "Leverage synergies"
    assert store.events(KERNEL_KEY)[-1].section == SECTION
    kernel.check_button.click()
    assert "Saved: run this cell again" in kernel.feedback.value
    from pm_course.models.strategy.view import KernelView

    again = KernelView(store=store)
    assert again.boxes["policy"].value == "Leverage synergies"
    assert "your saved kernel" in again.feedback.value


def test_an_example_keeps_the_learners_kernel_aside(kernel, store):
    kernel.boxes["diagnosis"].value = "My own diagnosis"
    kernel.example_buttons["good"].click()
    assert kernel.parts == GOOD
    assert "Your own kernel is kept" in kernel.status.value
    kernel.example_buttons["bad"].click()
    from pm_course.models.strategy.view import KernelView

    again = KernelView(store=store)
    again.mine_button.click()
    assert again.boxes["diagnosis"].value == "My own diagnosis"
    assert "back in the boxes" in again.status.value
    again.back_to_mine()
    assert "no kernel of yours" in again.status.value


def test_an_unknown_example_gives_a_message(kernel):
    kernel.load_example("ugly")
    assert "no example called" in kernel.status.value


def test_the_kernel_view_escapes_html_and_shows_faults_as_messages(
    kernel, monkeypatch, expected_faults
):
    kernel.boxes["diagnosis"].value = "<b>bold</b> because it is hard"
    assert "<b>bold</b>" not in kernel.feedback.value
    import pm_course.models.strategy.view as module

    monkeypatch.setattr(module, "check_kernel", lambda **_: 1 / 0)
    kernel.check_button.click()
    assert "Something went wrong" in kernel.status.value
    assert expected_faults


def test_a_box_changed_after_a_check_is_checked_again_as_it_is_now(kernel, store):
    kernel.boxes["policy"].value = "Leverage synergies"
    kernel.check_button.click()
    assert "Saved: run this cell again" in kernel.feedback.value
    kernel.boxes["policy"].value = "Get new volunteers to a first shift within a week"
    assert "Fluff" not in kernel.feedback.value
    assert "Saved: run this cell again" not in kernel.feedback.value
    assert store.note(KERNEL_KEY)["parts"]["policy"].startswith("Get new volunteers")
    assert all(not box.continuous_update for box in kernel.boxes.values())


def test_a_kernel_saved_before_the_redesign_comes_back_with_the_one_kept_aside(store):
    from pm_course.models.strategy.view import KernelView

    mine = {"diagnosis": "My own diagnosis", "policy": "", "actions": ""}
    store.save_note(SECTION, KERNEL_KEY, {"parts": dict(GOOD), "mine": mine})
    view = KernelView(store=store)
    assert view.parts == GOOD
    assert "your saved kernel" in view.feedback.value
    assert view.status.value == ""
    view.mine_button.click()
    assert view.parts == mine
    assert store.note(KERNEL_KEY) == {"parts": mine, "mine": None}


def test_a_damaged_kernel_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.strategy.view import KernelView

    store.save_note(SECTION, KERNEL_KEY, {"parts": {**GOOD, "policy": ["x"]}, "mine": 3})
    view = KernelView(store=store)
    assert view.parts == {**GOOD, "policy": ""}
    assert "Guiding policy: [&#x27;x&#x27;]" in view.status.value
    assert view.mine_button.disabled


def test_the_kernel_text_fallback_is_deterministic(store):
    from pm_course.models.strategy.view import KernelView

    a, b = KernelView(store=store), KernelView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    assert "Example, a bad kernel:" in a._text_plain()
    assert "Example, a good kernel:" in a._text_plain()


# --- the constraints view ----------------------------------------------------------------------


@pytest.fixture
def constraints(store):
    from pm_course.models.strategy.view import ConstraintsView

    return ConstraintsView(store=store)


def test_the_constraints_view_starts_empty(constraints, store):
    assert constraints.box.value == ""
    assert constraints.ticks.children == ()
    assert "No constraints listed yet" in constraints.summary.value
    assert store.note(CONSTRAINTS_KEY) is None


def test_typing_lines_builds_one_tick_box_each_and_ticking_updates_the_summary(constraints, store):
    constraints.box.value = "Every page needs committee sign-off\nData protection law"
    assert [c.description for c in constraints.checkboxes.values()] == [
        "Every page needs committee sign-off",
        "Data protection law",
    ]
    assert "plans around 2" in constraints.summary.value
    constraints.checkboxes["Every page needs committee sign-off"].value = True
    assert "frees itself from 1 and plans around 1" in constraints.summary.value
    assert store.note(CONSTRAINTS_KEY)["free"] == ["Every page needs committee sign-off"]


def test_ticks_survive_editing_the_box_and_a_new_view(constraints, store):
    constraints.box.value = "Paper forms\nMonthly committee"
    constraints.set_free("Paper forms", True)
    constraints.box.value = "Monthly committee\nPaper forms\nA new one"
    assert constraints.checkboxes["Paper forms"].value is True
    assert constraints.checkboxes["A new one"].value is False
    from pm_course.models.strategy.view import ConstraintsView

    again = ConstraintsView(store=store)
    assert again.box.value == "Monthly committee\nPaper forms\nA new one"
    assert again.checkboxes["Paper forms"].value is True
    assert "Paper forms" in again._text_plain()


def test_the_example_and_back_to_my_list(constraints):
    constraints.box.value = "My constraint"
    constraints.example_button.click()
    assert constraints.box.value == EXAMPLE_CONSTRAINTS
    assert "frees itself from 4 and plans around 1" in constraints.summary.value
    assert "Your own list is kept" in constraints.status.value
    constraints.mine_button.click()
    assert constraints.box.value == "My constraint"
    assert constraints.mine_button.disabled


def test_bad_lines_give_messages_and_the_box_keeps_what_was_typed(constraints):
    typed = "Paper forms\n!!!\npaper forms"
    constraints.box.value = typed
    constraints.update_button.click()
    assert constraints.box.value == typed
    assert "Line 2 has no words" in constraints.summary.value
    assert "Line 3 repeats line 1" in constraints.summary.value


def test_ticking_keeps_the_same_tick_boxes_so_focus_stays(constraints):
    constraints.box.value = "Paper forms\nMonthly committee"
    before, rows = dict(constraints.checkboxes), constraints.ticks.children
    constraints.checkboxes["Paper forms"].value = True
    assert constraints.checkboxes == before
    assert constraints.ticks.children == rows
    assert "frees itself from 1" in constraints.summary.value
    constraints.set_free("Paper forms", False)
    assert before["Paper forms"].value is False


def test_a_list_saved_before_the_redesign_comes_back_with_the_one_kept_aside(store):
    from pm_course.models.strategy.view import ConstraintsView

    free = sorted(EXAMPLE_FREED)
    note = {"text": EXAMPLE_CONSTRAINTS, "free": free, "mine": {"text": "Paper forms", "free": []}}
    store.save_note(SECTION, CONSTRAINTS_KEY, note)
    view = ConstraintsView(store=store)
    assert view.box.value == EXAMPLE_CONSTRAINTS
    assert sorted(line for line, box in view.checkboxes.items() if box.value) == free
    assert view.status.value == ""
    view.mine_button.click()
    assert view.box.value == "Paper forms"
    assert store.note(CONSTRAINTS_KEY) == {"text": "Paper forms", "free": [], "mine": None}


def test_a_damaged_list_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.strategy.view import ConstraintsView

    store.save_note(SECTION, CONSTRAINTS_KEY, {"text": "Paper forms", "free": ["Paper forms", 2]})
    view = ConstraintsView(store=store)
    assert view.box.value == "Paper forms"
    assert view.checkboxes["Paper forms"].value is True
    assert "Ticked constraints: [&#x27;Paper forms&#x27;, 2]" in view.status.value


def test_the_constraints_text_fallback_is_deterministic(store):
    from pm_course.models.strategy.view import ConstraintsView

    a, b = ConstraintsView(store=store), ConstraintsView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    assert "The example, sorted:" in a._text_plain()
