"""The user-need checker: parsing, the solution-word heuristic and its limits, and the widget."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.user_need.model import (
    EXAMPLES,
    SOLUTION_TERMS,
    TEMPLATE,
    check_need,
    parse_need,
    solution_words,
)

GOOD = (
    "As a parent of a child with special educational needs, I need to know what support the "
    "school must give my child, so that I can ask for it with confidence."
)


def words(markup: str) -> str:
    """The text a learner reads in an HTML widget value."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def titles(text: str) -> list[str]:
    return [f.title for f in check_need(text).findings]


# --- parsing ----------------------------------------------------------------------------------


def test_a_good_need_is_split_into_its_three_parts_and_passes():
    check = check_need(GOOD)
    assert check.parts == {
        "user": "parent of a child with special educational needs",
        "need": "know what support the school must give my child",
        "reason": "I can ask for it with confidence",
    }
    assert check.verdict == "Reads as a good need"
    assert check.headline == "Reads as a good need."
    assert [f.level for f in check.findings] == ["good"]


def test_such_as_a_inside_the_need_is_not_read_as_the_user():
    parts, _ = parse_need("I need to find help, such as a grant, so that I can pay my rent.")
    assert parts["user"] == ""
    assert parts["need"] == "find help, such as a grant"


def test_spacing_line_breaks_and_curly_quotes_do_not_matter():
    text = "As  an\nadviser,\n I need to  know the rules  so that I can give the right answer."
    assert check_need(text).parts["user"] == "adviser"
    assert check_need("As a carer I’d like to rest so that I stay well").parts["need"] == "rest"


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("I need to know my rights so that I can act.", "Missing: who the user is"),
        ("As a tenant, so that I can act.", "Missing: what they need"),
        ("As a volunteer, I need to see which shifts are free next week.", "Missing: why"),
    ],
)
def test_each_missing_part_is_a_problem_with_advice(text, missing):
    check = check_need(text)
    assert any(f.title.startswith(missing) and f.level == "problem" for f in check.findings)
    assert check.verdict == "Needs work"


def test_nonsense_text_is_missing_all_three_parts():
    check = check_need("hello")
    assert [f.title for f in check.problems] == [
        "Missing: who the user is",
        "Missing: what they need",
        "Missing: why they need it",
    ]
    assert check.headline == "Needs work: 3 problems."


def test_empty_text_asks_for_a_statement_and_is_not_marked():
    for text in ("", "   \n "):
        check = check_need(text)
        assert check.findings == ()
        assert check.headline == "Nothing to check yet: write a statement in the box."
        assert check.lines() == [check.headline]


def test_text_that_is_not_a_string_is_refused_clearly():
    with pytest.raises(ValueError, match="a statement is text, not int"):
        check_need(42)  # type: ignore[arg-type]


# --- the solution-word heuristic --------------------------------------------------------------


@pytest.mark.parametrize(
    "solution",
    [
        *("an app", "a button", "a dashboard", "a chatbot", "a portal", "a new feature", "a page"),
        *("an online form", "AI", "a website", "a drop-down", "a pop-up", "a QR code"),
    ],
)
def test_every_listed_solution_word_is_flagged_in_the_need(solution):
    check = check_need(f"As a donor, I need to use {solution} so that I can give quickly.")
    flagged = [f for f in check.problems if f.title.startswith("Solution word")]
    assert len(flagged) == 1, check.text_block
    word = solution.split(" ", 1)[-1] if solution != "AI" else "AI"
    assert word.split()[-1] in flagged[0].title
    assert "In what they need" in flagged[0].message
    assert check.verdict == "Needs work"


def test_a_longer_phrase_wins_over_its_last_word():
    found = solution_words({"user": "", "need": "fill in an online form", "reason": ""})
    assert [(part, word) for part, word, _ in found] == [("need", "online form")]
    found = solution_words({"user": "", "need": "see the home page", "reason": ""})
    assert [t.label for _, _, t in found] == ["web page"]


def test_a_solution_in_the_reason_or_the_user_is_flagged_with_its_part():
    check = check_need("As an app user, I need to book a shift so that I can use the dashboard.")
    messages = " ".join(f.message for f in check.problems)
    assert "In why they need it, 'dashboard'" in messages
    assert "In who the user is, 'app'" in messages


def test_ai_is_matched_as_a_capitalised_word_only():
    assert check_need("As a carer I need to find aid so that I can rest.").solutions == []
    assert check_need("As a carer I need to ask AI so that I can rest.").solutions == ["AI"]


def test_the_limits_of_a_word_list_are_real():
    """Documented limits: a solution off the list passes; an innocent listed word is flagged."""
    leaflet = check_need("As a tenant, I need to read a leaflet, so that I know my rights.")
    assert leaflet.solutions == []
    innocent = check_need(
        "As a tenant, I need to understand page 3 of my tenancy agreement, so that I know "
        "when my rent can rise."
    )
    assert innocent.solutions == ["page"]


def test_a_need_that_names_a_thing_gets_advice():
    check = check_need("As a donor, I need a receipt so that I can claim tax back.")
    assert "A thing, not a need" in [f.title for f in check.advice]
    assert "I need to find out" in check.advice[0].message


def test_solution_terms_cover_the_words_the_lesson_names():
    labels = {t.label for t in SOLUTION_TERMS}
    lesson = {"app", "button", "dashboard", "chatbot", "portal", "feature", "page", "online form"}
    assert lesson | {"AI", "website"} <= labels


# --- advice -----------------------------------------------------------------------------------


def test_want_and_so_i_can_are_read_with_a_suggestion():
    check = check_need("As a volunteer I want to swap a shift so I can look after my son.")
    assert check.parts["need"] == "swap a shift"
    assert check.parts["reason"] == "I can look after my son"
    assert [f.title for f in check.advice] == ["Want or need?", "Use 'so that'"]
    assert check.verdict == "Nearly there"


def test_parts_out_of_order_are_read_and_reported():
    check = check_need("I need to find an adviser so that I can get help, as a carer of my mum.")
    assert check.parts["user"] == "carer of my mum"
    assert "Parts out of order" in titles(check.text)
    assert TEMPLATE in next(f.message for f in check.advice if f.title == "Parts out of order")


def test_a_vague_user_and_a_very_short_need_get_advice():
    check = check_need("As a user, I need to donate so that I can help.")
    assert [f.title for f in check.advice] == ["Which user?", "Say more about the need"]


def test_problems_come_before_advice():
    levels = [f.level for f in check_need(EXAMPLES[3][1]).findings]
    assert levels == sorted(levels, key=["problem", "advice", "good"].index)


def test_the_examples_range_from_good_to_poor():
    verdicts = [check_need(text).verdict for _, text in EXAMPLES]
    assert verdicts[0] == "Reads as a good need"
    assert all(v == "Needs work" for v in verdicts[1:])
    assert check_need(EXAMPLES[1][1]).solutions == ["chatbot", "website"]


words_st = st.text(
    alphabet=st.characters(whitelist_categories=("Ll",), max_codepoint=0x7A), min_size=3
).filter(lambda w: w not in {"as", "so", "that", "need", "want", "because", "in", "order"})


@given(words_st, words_st, words_st)
def test_any_statement_in_the_template_has_its_three_parts(who, what, why):
    check = check_need(f"As a {who}, I need to {what}, so that {why}.")
    assert check.parts == {"user": who, "need": what, "reason": why}
    assert not any(f.title.startswith("Missing") for f in check.findings)


@given(st.text(max_size=300))
def test_the_checker_never_fails_on_any_text(text):
    check = check_need(text)
    assert check.verdict in ("Needs work", "Nearly there", "Reads as a good need")
    assert isinstance(check.text_block, str)


def test_the_list_rules_are_pure():
    from pm_course.models.user_need.model import MAX_SAVED, add_need, needs_from_note, remove_need

    added = add_need([], check_need(GOOD))
    assert added.saved == (GOOD,) and added.kind == "saved"
    assert added.message == "Saved as need 1 in your list."
    assert add_need([GOOD], check_need(GOOD)).message == "That need is already in your list."
    assert add_need([], check_need("  ")).kind == "empty"
    full = [f"need {i}" for i in range(MAX_SAVED)]
    assert add_need(full, check_need(GOOD)).saved == tuple(full)
    assert remove_need([GOOD, "x"], GOOD).saved == ("x",)
    assert remove_need([GOOD], "").kind == "empty"
    assert needs_from_note({"draft": "d", "saved": ["a", 1, " ", "b"]}) == {
        "draft": "d",
        "saved": ["a", "b"],
    }
    assert needs_from_note(None) == {"draft": "", "saved": []}


# --- the view ---------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.user_need.view import UserNeedView

    return UserNeedView(store=store)


def test_checking_shows_the_parts_the_verdict_and_each_finding(view):
    view.box.value = "As a donor, I need a chatbot on the website so that I can get answers."
    view.check_button.click()
    text = words(view.feedback.value)
    assert "Needs work: 2 problems and 1 suggestion." in text
    assert "Problem, Solution word 'chatbot'" in text
    assert "Suggestion, A thing, not a need" in text
    assert "What they need a chatbot on the website" in text
    assert "role='status'" in view.feedback.value


def test_saving_keeps_the_need_and_a_new_view_restores_it(store, view):
    from pm_course.models.user_need.model import NOTE_KEY
    from pm_course.models.user_need.view import UserNeedView

    view.box.value = GOOD
    view.save_button.click()
    assert "Saved as need 1 in your list." in words(view.status.value)
    assert "My user needs (1)" in words(view.saved_list.value)
    view.box.value = "As a user I need an app"
    view.save_button.click()
    assert "It still has 2 problems to fix." in words(view.status.value)
    again = UserNeedView(store=store)
    assert again.saved == [GOOD, "As a user I need an app"]
    assert again.box.value == "As a user I need an app"
    assert "(needs work)" in words(again.saved_list.value)
    assert store.note(NOTE_KEY)["saved"] == again.saved


def test_the_draft_is_kept_as_it_is_typed(store, view):
    from pm_course.models.user_need.view import UserNeedView

    view.box.value = "As a trustee I need"
    assert UserNeedView(store=store).box.value == "As a trustee I need"


def test_saving_nothing_or_the_same_need_twice_says_so(view):
    view.save_button.click()
    assert "Write a user need in the box before saving it." in words(view.status.value)
    assert view.saved == []
    view.box.value = GOOD
    view.save_button.click()
    view.save_button.click()
    assert "already in your list" in words(view.status.value)
    assert view.saved == [GOOD]


def test_removing_a_saved_need(store, view):
    from pm_course.models.user_need.view import UserNeedView

    view.remove_button.click()
    assert view.remove_button.disabled
    view.box.value = GOOD
    view.save_button.click()
    assert not view.remove_button.disabled
    view.remove_button.click()
    assert "Choose a need in the Remove menu first." in words(view.status.value)
    view.remove_menu.value = GOOD
    view.remove_button.click()
    assert view.saved == []
    assert "Removed from your list." in words(view.status.value)
    assert UserNeedView(store=store).saved == []


def test_the_list_has_a_limit(view):
    from pm_course.models.user_need.model import MAX_SAVED

    for i in range(MAX_SAVED):
        view.box.value = f"As a volunteer number {i}, I need to swap shifts so that I can rest."
        view.save_button.click()
    view.box.value = GOOD
    view.save_button.click()
    assert len(view.saved) == MAX_SAVED
    assert "Remove one to add another" in words(view.status.value)
    assert view.box.value == GOOD  # nothing typed is lost


def test_an_example_is_checked_without_touching_the_box(view):
    view.box.value = "my own words"
    view.example_menu.value = EXAMPLES[1][0]
    assert "Example: A donor and a chatbot" in words(view.example.value)
    assert "Solution word 'chatbot'" in words(view.example.value)
    assert view.box.value == "my own words"
    view.example_menu.value = ""
    assert view.example.value == ""


def test_a_damaged_note_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.user_need.model import NOTE_KEY, SECTION
    from pm_course.models.user_need.view import UserNeedView

    store.save_note(SECTION, NOTE_KEY, ["not", "a", "dict"])
    first = UserNeedView(store=store)
    assert first.saved == []
    assert "the saved user needs could not be read" in words(first.status.value)
    store.save_note(SECTION, NOTE_KEY, {"draft": 3, "saved": ["ok need", 7, ""]})
    again = UserNeedView(store=store)
    assert again.saved == ["ok need"]
    assert again.box.value == ""
    shown = words(again.status.value)
    assert "Check the settings" in shown
    assert "Your need: 3" in shown and "My user needs: ['ok need', 7, '']" in shown
    assert "“ok need”" in words(again.saved_list.value)


def test_a_note_saved_before_the_redesign_comes_back(store):
    from pm_course.models.user_need.model import NOTE_KEY, SECTION
    from pm_course.models.user_need.view import UserNeedView

    store.save_note(SECTION, NOTE_KEY, {"draft": "As a trustee I need", "saved": [GOOD]})
    view = UserNeedView(store=store)
    assert view.box.value == "As a trustee I need"
    assert view.saved == [GOOD]
    assert "My user needs (1)" in words(view.saved_list.value)
    assert view.status.value == ""
    assert not view.remove_button.disabled


def test_the_check_reads_the_box_as_it_is_now_and_an_edit_clears_the_old_analysis(view):
    view.box.value = "As a donor, I need a chatbot on the website so that I can get answers."
    view.check_button.click()
    assert "Solution word 'chatbot'" in words(view.feedback.value)
    view.box.value = GOOD  # the analysis on show was of the previous statement
    assert view.feedback.value == ""
    view.check_button.click()
    assert "Reads as a good need" in words(view.feedback.value)
    assert "chatbot" not in words(view.feedback.value)
    view.box.value = "As a user I need an app"
    view.save_button.click()  # saving checks what the box holds now, not the last check
    assert view.saved == ["As a user I need an app"]
    assert "Solution word 'app'" in words(view.feedback.value)


def test_the_box_sends_its_text_when_left_not_on_each_key(view):
    assert view.box.continuous_update is False


def test_checking_leaves_the_remove_menu_as_chosen(view):
    view.box.value = GOOD
    view.save_button.click()
    view.remove_menu.value = GOOD
    view.check_button.click()
    assert view.remove_menu.value == GOOD


def test_a_fault_in_a_callback_shows_a_message_not_a_traceback(view, monkeypatch, expected_faults):
    import pm_course.models.user_need.view as module

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "check_need", broken)
    view.box.value = GOOD
    view.check_button.click()
    assert "Something went wrong" in words(view.status.value)
    assert view.box.value == GOOD
    view.save_button.click()  # a check that failed adds nothing and leaves the message
    assert view.saved == []
    assert "Something went wrong" in words(view.status.value)
    assert expected_faults


def test_text_fallback_is_deterministic_and_free_of_ids(store, view):
    from pm_course.models.user_need.view import NOTE, UserNeedView

    other = UserNeedView(store=store)
    assert view._text_plain() == other._text_plain()
    assert view._text_markdown() == other._text_markdown()
    text = view._text_plain()
    assert text.startswith("User-need checker\nForm: As a [kind of user]")
    assert "Example (A donor and a chatbot):" in text
    assert "My user needs: 0 saved." in text
    assert text.endswith(NOTE)
    assert view.model_id not in text
    assert not re.search(r"0x[0-9a-f]{6,}", text)
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == text


def test_text_fallback_follows_the_learner(view):
    view.box.value = GOOD
    view.save_button.click()
    text = view._text_plain()
    assert "Your statement, as checked:" in text
    assert f"1. {GOOD} (reads as a good need)" in text
