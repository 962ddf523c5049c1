"""Flashcards: the Leitner scheduling and the view, without a browser."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.activities.flashcards.model import (
    BOXES,
    INTERVALS,
    NOTE_KEY,
    Card,
    Deck,
    interval,
    long_date,
)
from pm_course.course.glossary import Term, glossary

DAY = date(2024, 6, 3)  # a Monday
PHRASES = ("Pivot", "Backlog", "RICE", "Persona")


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return unescape(re.sub(r" ([:;,.])", r"\1", text))


# --- the pure model ---------------------------------------------------------------------------


def test_the_intervals_double_from_one_day():
    assert INTERVALS == {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
    assert BOXES == (1, 2, 3, 4, 5)
    assert [interval(b) for b in BOXES] == [1, 2, 4, 8, 16]


def test_a_new_deck_has_every_card_in_box_1_and_due_now():
    deck = Deck(PHRASES)
    assert deck.counts() == {1: 4, 2: 0, 3: 0, 4: 0, 5: 0}
    assert sorted(deck.due(DAY)) == sorted(PHRASES)
    assert deck.next_due(DAY) is None


def test_a_known_card_climbs_the_boxes_and_waits_longer_each_time():
    deck, day = Deck(PHRASES), DAY
    expected = [(2, 2), (3, 4), (4, 8), (5, 16), (5, 16)]
    for box, wait in expected:
        deck, result = deck.answer("Pivot", True, day)
        assert (result.new_box, deck.card("Pivot").box) == (box, box)
        assert deck.card("Pivot").due == day + timedelta(days=wait)
        assert "Pivot" not in deck.due(day + timedelta(days=wait - 1))
        day += timedelta(days=wait)
        assert "Pivot" in deck.due(day)
    assert result.sentence.startswith("Still in box 5, the top box")


def test_a_card_not_known_goes_back_to_box_1_for_tomorrow():
    deck = Deck(PHRASES)
    for _ in range(3):
        deck, _ = deck.answer("RICE", True, DAY)
    assert deck.card("RICE").box == 4
    deck, result = deck.answer("RICE", False, DAY)
    assert deck.card("RICE") == Card("RICE", 1, DAY + timedelta(days=1))
    assert result.sentence == "Back to box 1: RICE comes back tomorrow, Tuesday 4 June 2024."


def test_answering_never_changes_the_old_deck():
    deck = Deck(PHRASES)
    after, _ = deck.answer("Pivot", True, DAY)
    assert deck.card("Pivot").box == 1
    assert after.card("Pivot").box == 2


def test_due_cards_come_lowest_box_first_in_a_fixed_order_for_the_day():
    deck = Deck([t.phrase for t in glossary()])
    deck, _ = deck.answer("Pivot", True, DAY - timedelta(days=2))  # box 2, due on DAY
    order = deck.due(DAY)
    assert order[-1] == "Pivot"
    assert order == Deck.from_note(deck.phrases, deck.to_note()).due(DAY)
    assert deck.due(DAY + timedelta(days=1)) != order  # another day, another order


@given(st.lists(st.booleans(), min_size=1, max_size=30))
def test_boxes_stay_in_range_and_cards_are_never_lost(answers):
    deck, day = Deck(PHRASES), DAY
    for known in answers:
        due = deck.due(day)
        if not due:
            day = deck.next_due(day)
            due = deck.due(day)
        deck, result = deck.answer(due[0], known, day)
        assert result.new_box == (min(result.old_box + 1, 5) if known else 1)
        assert deck.card(due[0]).due == day + timedelta(days=INTERVALS[result.new_box])
    assert sum(deck.counts().values()) == len(PHRASES)


def test_next_due_and_due_on_look_ahead():
    deck = Deck(("Pivot", "RICE"))
    deck, _ = deck.answer("Pivot", True, DAY)  # box 2: in 2 days
    deck, _ = deck.answer("RICE", False, DAY)  # box 1: tomorrow
    assert deck.due(DAY) == []
    assert deck.next_due(DAY) == DAY + timedelta(days=1)
    assert deck.due_on(DAY + timedelta(days=1)) == 1
    assert deck.due_on(DAY + timedelta(days=5)) == 2


def test_the_deck_round_trips_through_a_note_and_follows_the_glossary():
    deck, _ = Deck(PHRASES).answer("Pivot", True, DAY)
    note = deck.to_note()
    assert note == {"version": 1, "cards": {"Pivot": {"box": 2, "due": "2024-06-05"}}}
    again = Deck.from_note(("Pivot", "Kano model"), note | {"cards": note["cards"] | {"Gone": {}}})
    assert again.card("Pivot") == Card("Pivot", 2, date(2024, 6, 5))
    assert again.card("Kano model") == Card("Kano model")  # new phrase, box 1
    assert Deck.from_note(PHRASES, None).counts()[1] == 4


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ([1, 2], "not in the expected form"),
        ({"cards": []}, "not in the expected form"),
        ({"version": 9, "cards": {}}, "version 9"),
        ({"version": 1, "cards": {"Pivot": 3}}, "'Pivot' is not in the expected form"),
        ({"version": 1, "cards": {"Pivot": {"box": 2, "due": "soon"}}}, "no valid due date"),
        ({"version": 1, "cards": {"Pivot": {"box": 7, "due": "2024-06-05"}}}, "box 7"),
        ({"version": 1, "cards": {"Pivot": {"box": True, "due": "2024-06-05"}}}, "box True"),
    ],
)
def test_a_bad_note_is_refused_with_a_clear_message(note, message):
    with pytest.raises(ValueError, match=message):
        Deck.from_note(PHRASES, note)


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="at least one phrase"):
        Deck([])
    with pytest.raises(ValueError, match="'today' must be a date"):
        Deck(PHRASES).due("2024-06-03")
    with pytest.raises(ValueError, match="True or False"):
        Deck(PHRASES).answer("Pivot", "yes", DAY)
    with pytest.raises(ValueError, match="no card for 'Synergy'"):
        Deck(PHRASES).answer("Synergy", True, DAY)
    with pytest.raises(ValueError, match="no box 6"):
        interval(6)


def test_dates_read_as_words():
    assert long_date(DAY) == "Monday 3 June 2024"
    assert "box 1 (every day): 4" in Deck(PHRASES).summary()


# --- the view ---------------------------------------------------------------------------------

TERMS = (
    Term("Pivot", "A change of course.", "03_an_experimental_process"),
    Term("Backlog", "The list of work a team might do.", "05_value"),
)


class Clock:
    """A date the test can move."""

    def __init__(self, day: date = DAY):
        self.day = day

    def __call__(self) -> date:
        return self.day


def make(store, clock):
    from pm_course.activities.flashcards.view import FlashcardsView

    return FlashcardsView(TERMS, store=store, today=clock)


def test_the_public_entry_returns_the_view(store):
    import pm_course
    from pm_course.activities.flashcards.view import FlashcardsView

    view = pm_course.flashcards()
    assert isinstance(view, FlashcardsView)
    assert len(view.deck.phrases) == len(glossary())


def test_a_card_shows_its_phrase_then_its_definition(store):
    clock = Clock()
    view = make(store, clock)
    first = view.current
    assert first in ("Pivot", "Backlog")
    assert first in words(view.card.value)
    assert "2 cards due today" in words(view.card.value)
    assert view.definition.value == ""
    assert view.knew_button.disabled and view.not_yet_button.disabled
    assert not view.show_button.disabled
    view.show_button.click()
    term = {t.phrase: t for t in TERMS}[first]
    assert term.definition in words(view.definition.value)
    assert "Taught in" in words(view.definition.value)
    assert not view.knew_button.disabled and view.show_button.disabled


def test_answering_before_showing_is_refused_without_losing_anything(store):
    view = make(store, Clock())
    view.knew_button.click()  # a disabled button in the browser; a direct click changes nothing
    assert "Show definition" in words(view.status.value)
    assert store.note(NOTE_KEY) is None
    assert view.deck.counts()[1] == 2


def test_working_through_the_cards_saves_them_and_says_when_to_come_back(store):
    clock = Clock()
    view = make(store, clock)
    first = view.current
    view.show_button.click()
    view.knew_button.click()
    assert words(view.status.value) == (
        f"Moved up to box 2: {first} comes back on Wednesday 5 June 2024."
    )
    assert "Box 1 (every day) 1 card" in words(view.boxes.value)
    assert "Box 2 (every 2 days) 1 card" in words(view.boxes.value)
    second = view.current
    assert second != first
    view.show_button.click()
    view.not_yet_button.click()
    assert view.current is None
    assert words(view.card.value) == (
        "No cards due today: well done. Come back on Tuesday 4 June 2024, when 1 card is due."
    )
    assert view.show_button.disabled and view.knew_button.disabled
    saved = store.note(NOTE_KEY)
    assert saved["cards"][first] == {"box": 2, "due": "2024-06-05"}
    assert saved["cards"][second] == {"box": 1, "due": "2024-06-04"}
    clock.day = DAY + timedelta(days=1)
    view.redraw()
    assert view.current == second


def test_the_boxes_come_back_in_a_new_view(store):
    view = make(store, Clock())
    first = view.current
    view.show_button.click()
    view.knew_button.click()
    again = make(store, Clock())
    assert again.deck.card(first).box == 2
    assert again.current != first
    assert again._text_plain() == view._text_plain()


def test_a_damaged_note_starts_afresh_with_a_message(store):
    store.save_note("08_key_phrases", NOTE_KEY, {"version": 1, "cards": {"Pivot": {"box": 9}}})
    view = make(store, Clock())
    assert "could not be read" in words(view.status.value)
    assert view.deck.counts()[1] == 2
    view.show_button.click()
    view.knew_button.click()
    assert make(store, Clock()).deck.counts()[2] == 1


def test_the_text_fallback_is_the_same_on_any_day(store):
    text = make(store, Clock())._text_plain()
    assert text == make(store, Clock(DAY + timedelta(days=40)))._text_plain()
    assert "2 cards. box 1 (every day): 2" in text
    assert "2024" not in text and "0x" not in text


def test_bars_state_counts_in_words_and_hide_empty_boxes(store):
    from pm_course.activities.flashcards.view import boxes_html

    html = boxes_html(Deck(PHRASES))
    assert "Box 1 (every day) 4 cards" in words(html)
    assert "Box 5 (every 16 days) 0 cards" in words(html)
    assert html.count("display:none") == 4
    assert "aria-hidden='true'" in html
