"""The vision statement builder: Moore's template, the slot checks and the widget."""

from __future__ import annotations

import pytest

from pm_course.models.vision.model import (
    EXAMPLE,
    NOTE_KEY,
    SECTION,
    SLOT_KEYS,
    SLOTS,
    TEMPLATE_TEXT,
    article,
    assemble,
    check_statement,
    is_missing,
    slots_from_note,
    solution_words,
    tidy,
    vague_claim,
)


def statuses(check) -> dict[str, str]:
    return {c.slot.key: c.status for c in check.checks}


def messages(check, key: str) -> str:
    return " ".join(next(c for c in check.checks if c.slot.key == key).messages)


# --- the template -------------------------------------------------------------------------------


def test_the_slots_follow_moores_template_in_order():
    assert SLOT_KEYS == (
        "customer",
        "need",
        "product",
        "category",
        "benefit",
        "alternative",
        "differentiator",
    )
    assert TEMPLATE_TEXT == (
        "For [target customer] who [need], [product name] is a [category] that [key benefit]. "
        "Unlike [alternative], our product [differentiator]."
    )
    assert check_statement().statement == TEMPLATE_TEXT


def test_the_example_assembles_into_two_sentences_and_passes_every_check():
    check = check_statement(**EXAMPLE)
    assert check.statement == (
        "For people in Leeds with irregular working hours who want to volunteer but cannot "
        "promise the same shift every week, ShiftShare is a volunteer rota service that lets "
        "them pick single shifts at a day's notice. Unlike the paper sign-up sheet in the food "
        "bank, our product shows every free shift on a phone and sends a reminder the evening "
        "before."
    )
    assert set(statuses(check).values()) == {"ok"}
    assert check.headline.startswith("All 7 slots filled, with nothing flagged.")


def test_the_template_words_a_learner_types_are_not_doubled():
    typed = {
        "customer": "For new volunteers",
        "need": "who can't commit to a weekly shift.",
        "product": "ShiftShare",
        "category": "is an online rota",
        "benefit": "that lets them book single shifts",
        "alternative": "Unlike the paper sheet,",
        "differentiator": "our product shows free shifts on a phone",
    }
    statement = check_statement(**typed).statement
    assert statement == (
        "For new volunteers who can't commit to a weekly shift, ShiftShare is an online rota "
        "that lets them book single shifts. Unlike the paper sheet, our product shows free "
        "shifts on a phone."
    )


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("online rota", "an"),
        ("volunteer rota", "a"),
        ("useful tool", "a"),
        ("hourly booking service", "an"),
        ("European network", "a"),
        ("one-stop shop", "a"),
        ("", "a"),
    ],
)
def test_the_article_follows_the_category(category, expected):
    assert article(category) == expected


def test_empty_slots_stay_as_labelled_placeholders():
    statement = assemble({"customer": "carers", "product": "[product name]"})
    assert statement.startswith("For carers who [need], [product name] is a [category] that")


# --- the checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "[need]", "TBD", "...", "?", "123", "n/a"])
def test_empty_or_placeholder_slots_are_missing(text):
    assert is_missing(tidy("need", text))
    check = check_statement(need=text)
    assert statuses(check)["need"] == "missing"
    assert "Fill in the need" in messages(check, "need")


def test_a_long_slot_is_flagged_with_its_word_count_and_limit():
    long_need = " ".join(["word"] * 25)
    check = check_statement(**{**EXAMPLE, "need": long_need})
    assert statuses(check)["need"] == "improve"
    assert "25 words" in messages(check, "need")
    assert "20 words or fewer" in messages(check, "need")
    limits = {s.key: s.max_words for s in SLOTS}
    assert all(len(EXAMPLE[k].split()) <= limits[k] for k in SLOT_KEYS)


@pytest.mark.parametrize(
    ("need", "words"),
    [
        ("need an app to book shifts", ["app"]),
        ("want a dashboard and a chatbot", ["dashboard", "chatbot"]),
        ("need to fill in an online form quickly", ["online form"]),
        ("cannot find out which shifts are free", []),
    ],
)
def test_the_need_must_name_no_solution(need, words):
    assert solution_words(need) == words
    check = check_statement(**{**EXAMPLE, "need": need})
    assert (statuses(check)["need"] == "improve") == bool(words)
    for w in words:
        assert f"'{w}'" in messages(check, "need")


def test_two_solution_words_take_a_plural_verb():
    check = check_statement(**{**EXAMPLE, "need": "want a dashboard and a chatbot"})
    assert "'dashboard' and 'chatbot' name a way" in messages(check, "need")


def test_a_need_that_names_the_product_is_flagged():
    check = check_statement(**{**EXAMPLE, "need": "cannot use ShiftShare on the bus"})
    assert "names the product ('ShiftShare')" in messages(check, "need")


@pytest.mark.parametrize(
    ("differentiator", "flagged"),
    [
        ("is better", ["better"]),
        ("is better and faster", ["better", "faster"]),
        ("is much better than the paper sheet", ["better"]),
        ("is more efficient and easier", ["more efficient", "easier"]),
        ("is faster because volunteers book on their phones", []),
        ("is cheaper by cutting out the agency's fee", []),
        ("shows every free shift on a phone", []),
        ("is free to use and works offline in any food bank", []),
    ],
)
def test_a_differentiator_must_say_how_not_just_better(differentiator, flagged):
    alternative = "the paper sheet"
    assert vague_claim(differentiator, alternative) == flagged
    check = check_statement(
        **{**EXAMPLE, "alternative": alternative, "differentiator": differentiator}
    )
    assert (statuses(check)["differentiator"] == "improve") == bool(flagged)
    if flagged:
        assert "without saying what it is" in messages(check, "differentiator")


@pytest.mark.parametrize("customer", ["everyone", "Users", "the public", "people"])
def test_a_vague_customer_gets_advice(customer):
    check = check_statement(**{**EXAMPLE, "customer": customer})
    assert statuses(check)["customer"] == "improve"
    assert "could be anyone" in messages(check, "customer")


@pytest.mark.parametrize("alternative", ["nothing", "None", "no competitors"])
def test_there_is_always_an_alternative(alternative):
    check = check_statement(**{**EXAMPLE, "alternative": alternative})
    assert "People always have some alternative" in messages(check, "alternative")


def test_the_headline_counts_filled_and_flagged_slots():
    assert check_statement().headline.startswith("Nothing written yet")
    assert check_statement(customer="carers").headline == "1 of 7 slots filled."
    half = check_statement(customer="everyone", need="need an app")
    assert half.headline == "2 of 7 slots filled; 2 slots could be better."
    full = check_statement(**{**EXAMPLE, "differentiator": "is better"})
    assert full.headline == "All 7 slots filled; 1 slot could be better."


def test_bad_input_gives_clear_errors():
    with pytest.raises(ValueError, match="no slot 'price'; the slots are"):
        check_statement(price="free")
    with pytest.raises(ValueError, match="the need is text, not int"):
        check_statement(need=3)
    with pytest.raises(ValueError, match="no slot 'vision'"):
        tidy("vision", "x")


def test_saved_notes_are_read_defensively():
    assert slots_from_note(None) == dict.fromkeys(SLOT_KEYS, "")
    assert slots_from_note({"slots": "broken"}) == dict.fromkeys(SLOT_KEYS, "")
    note = slots_from_note({"slots": {"need": "x", "customer": 4, "other": "y"}})
    assert note["need"] == "x" and note["customer"] == "" and "other" not in note


# --- the view, driven without a browser -------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.vision.view import VisionView

    return VisionView(store=store)


def test_the_view_starts_empty_saves_nothing_and_shows_the_template(view, store):
    assert all(v == "" for v in view.slots.values())
    assert store.note(NOTE_KEY) is None
    assert "[target customer]" in view.preview.value
    assert "Nothing written yet" in view.feedback.value
    assert view.mine_button.disabled
    for box in view.boxes.values():
        assert box.description and box.tooltip and box.placeholder.startswith("e.g. ")


def test_typing_updates_the_preview_checks_and_saved_note(view, store):
    view.boxes["customer"].value = "carers who work nights"
    view.boxes["need"].value = "need an app"
    assert "<strong>carers who work nights</strong>" in view.preview.value
    assert "[product name]" in view.preview.value
    assert "&#x27;app&#x27; names a way" in view.feedback.value
    saved = store.note(NOTE_KEY)
    assert saved["slots"]["need"] == "need an app"
    assert store.events(NOTE_KEY)[-1].section == SECTION


def test_check_says_saved_and_a_new_view_restores_the_statement(view, store):
    view.boxes["product"].value = "CareLine"
    view.check_button.click()
    assert "Saved: run this cell again" in view.feedback.value
    from pm_course.models.vision.view import VisionView

    again = VisionView(store=store)
    assert again.boxes["product"].value == "CareLine"
    assert "your saved statement" in again.feedback.value
    assert "CareLine" in again._text_plain()


def test_the_example_keeps_the_learners_own_statement_aside(view, store):
    view.boxes["customer"].value = "carers who work nights"
    view.example_button.click()
    assert view.slots == EXAMPLE
    assert "Your own statement is kept" in view.status.value
    assert not view.mine_button.disabled
    from pm_course.models.vision.view import VisionView

    again = VisionView(store=store)
    assert not again.mine_button.disabled
    again.mine_button.click()
    assert again.boxes["customer"].value == "carers who work nights"
    assert again.boxes["need"].value == ""
    assert again.mine_button.disabled


def test_clear_empties_the_boxes_but_keeps_the_statement_aside(view):
    view.boxes["need"].value = "cannot find out which shifts are free"
    view.clear_button.click()
    assert all(v == "" for v in view.slots.values())
    view.back_to_mine()
    assert view.boxes["need"].value == "cannot find out which shifts are free"


def test_back_with_nothing_kept_says_so(view):
    view.back_to_mine()
    assert "no statement of yours kept aside" in view.status.value


def test_a_fault_shows_a_message_not_a_traceback(view, monkeypatch, expected_faults):
    import pm_course.models.vision.view as module

    def broken(**_):
        raise RuntimeError("the checker broke")

    monkeypatch.setattr(module, "check_statement", broken)
    view.check_button.click()
    assert "Something went wrong" in view.status.value
    assert "the checker broke" in view.status.value
    assert expected_faults


def test_a_damaged_note_gives_empty_boxes_and_says_so(store):
    from pm_course.models.vision.view import VisionView

    store.save_note(SECTION, NOTE_KEY, ["not", "a", "dict"])
    view = VisionView(store=store)
    assert all(v == "" for v in view.slots.values())
    assert "the saved statement could not be read" in view.status.value


def test_a_damaged_slot_is_reported_and_the_others_come_back(store):
    from pm_course.models.vision.view import VisionView

    slots = {**EXAMPLE, "customer": 4}
    store.save_note(SECTION, NOTE_KEY, {"slots": slots, "mine": "broken"})
    view = VisionView(store=store)
    assert view.slots == {**EXAMPLE, "customer": ""}
    assert "Check the settings" in view.status.value
    assert "Target customer: 4" in view.status.value
    assert view.mine_button.disabled


def test_a_statement_saved_before_the_redesign_comes_back_with_the_one_kept_aside(store):
    from pm_course.models.vision.view import VisionView

    mine = {**dict.fromkeys(SLOT_KEYS, ""), "customer": "carers who work nights"}
    store.save_note(SECTION, NOTE_KEY, {"slots": dict(EXAMPLE), "mine": mine})
    view = VisionView(store=store)
    assert view.slots == EXAMPLE
    assert view.status.value == ""
    assert "your saved statement" in view.feedback.value
    view.mine_button.click()
    assert view.slots == mine
    assert store.note(NOTE_KEY) == {"slots": mine, "mine": None}


def test_a_box_changed_after_a_check_is_checked_again_as_it_is_now(view):
    view.boxes["need"].value = "need an app"
    view.check_button.click()
    assert "Saved: run this cell again" in view.feedback.value
    view.boxes["need"].value = "cannot find out which shifts are free"
    assert "&#x27;app&#x27;" not in view.feedback.value
    assert "Saved: run this cell again" not in view.feedback.value
    assert "<strong>cannot find out which shifts are free</strong>" in view.preview.value
    assert all(not box.continuous_update for box in view.boxes.values())


def test_the_text_fallback_is_deterministic_and_shows_the_example_when_empty(store):
    from pm_course.models.vision.view import VisionView

    a, b = VisionView(store=store), VisionView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    text = a._text_plain()
    assert "The worked example, checked:" in text
    assert "0x" not in text
    bundle = a._repr_mimebundle_()
    assert bundle["text/plain"] == text
    assert "This control is not running. Press Shift+Enter" in bundle["text/markdown"]
