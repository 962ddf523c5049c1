"""The Now / Next / Later roadmap: the board, the date check and the widget."""

from __future__ import annotations

import pytest

from pm_course.models.roadmap.model import (
    COLUMNS,
    EXAMPLE,
    MAX_CHARS,
    MAX_PER_COLUMN,
    NONE,
    NOTE_KEY,
    SECTION,
    Item,
    Roadmap,
    Words,
    add_item,
    choices,
    find_dates,
    instead,
    kept_aside,
    move_item,
    read_note,
    remove_item,
    to_note,
    toggle_item,
)

# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Text reminders, launching in Q3", ["Q3"]),
        ("H2 review of the helpline", ["H2"]),
        ("FY26 budget bid", ["FY26"]),
        ("Relaunch the shop in September", ["September"]),
        ("May launch of the app", ["May"]),
        ("Ship it in Oct. or Nov", ["Oct", "Nov"]),
        ("The 2027 relaunch", ["2027"]),
        ("Go live 12/10", ["12/10"]),
        ("Go live 1.4.26", ["1.4.26"]),
        ("Ready next month", ["next month"]),
        ("Done by the end of the year", ["by the end of the year"]),
        ("Live by Christmas", ["by Christmas"]),
        ("Pilot in 6 weeks", ["in 6 weeks"]),
        ("Demo at sprint 14", ["sprint 14"]),
        ("We may explore a club", []),
        ("Version 2.0 of the form", []),
        ("Let volunteers book single shifts online", []),
    ],
)
def test_find_dates(text, dates):
    assert find_dates(text) == dates


def test_find_dates_refuses_what_is_not_text():
    with pytest.raises(ValueError, match="an item is text, not int"):
        find_dates(3)


# --- the board -----------------------------------------------------------------------------------


def test_the_columns_are_now_next_later_in_order_of_certainty():
    assert COLUMNS == ("now", "next", "later")


def test_the_example_board_reads_as_expected():
    assert EXAMPLE.counts() == {"now": 2, "next": 3, "later": 2}
    assert EXAMPLE.headline == "Board: 2 Now, 3 Next, 2 Later; 1 date to look at."
    checks = EXAMPLE.checks()
    assert [c.item.text for c in checks] == [
        "Text reminders the day before a shift, launching in Q3"
    ]
    assert "Keep a date only for a real constraint" in checks[0].message
    text = EXAMPLE.text
    assert "Next (coming up: the problem is clear, the details are still open):" in text
    assert "March 2027 [hard deadline]" in text


def test_dates_in_now_and_fixed_deadlines_are_not_flagged():
    board = Roadmap(
        (
            Item("Finish the form fix by Friday 12/10", "now"),
            Item("Meet the funder's report deadline, 31 March 2027", "later", fixed=True),
        )
    )
    assert board.checks() == []


def test_a_hard_deadline_without_a_date_is_flagged():
    board = Roadmap((Item("Move off the old database", "next", fixed=True),))
    [check] = board.checks()
    assert check.kind == "fixed-no-date"
    assert "names no date" in check.message
    assert board.headline.endswith("1 hard deadline without a date.")


def test_add_move_toggle_and_remove_return_new_boards():
    board = Roadmap().add("  Book shifts   online ", "Next")
    assert board.items == (Item("Book shifts online", "next"),)
    later = board.move(0, 1)
    assert later.items[0].column == "later"
    assert board.items[0].column == "next"
    assert later.move(0, -1).move(0, -1).items[0].column == "now"
    fixed = later.toggle_fixed(0)
    assert fixed.items[0].fixed and not later.items[0].fixed
    assert fixed.remove(0).items == ()


def test_a_moved_item_goes_to_the_bottom_of_its_new_column():
    board = Roadmap().add("A", "now").add("B", "next").add("C", "now")
    moved = board.move(0, 1)
    assert [i.text for i in moved.column("next")] == ["B", "A"]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda b: b.add("", "now"), "the box is empty"),
        (lambda b: b.add("!!!", "now"), "has no words"),
        (lambda b: b.add("x" * (MAX_CHARS + 1), "now"), f"keep it to {MAX_CHARS} or fewer"),
        (lambda b: b.add("New", "soon"), "no column 'soon'"),
        (lambda b: b.add("fix the donation form that fails on mobile phones", "later"), "already"),
        (lambda b: b.move(0, -1), "already in Now, the first column"),
        (lambda b: b.move(6, 1), "already in Later, the last column"),
        (lambda b: b.move(0, 2), "one column at a time"),
        (lambda b: b.remove(99), "choose an item on the board first"),
        (lambda b: b.remove(True), "choose an item by its number"),
        (lambda b: b.index("Nothing"), "no item 'Nothing'"),
    ],
)
def test_bad_changes_give_clear_errors(action, message):
    with pytest.raises(ValueError, match=message):
        action(EXAMPLE)


def test_a_column_holds_at_most_eight_items():
    board = Roadmap()
    for n in range(MAX_PER_COLUMN):
        board = board.add(f"Item {n}", "later")
    with pytest.raises(ValueError, match="Later already holds 8 items"):
        board.add("One more", "later")
    with pytest.raises(ValueError, match="Later already holds 8 items"):
        board.add("Next one", "next").move(MAX_PER_COLUMN, 1)
    with pytest.raises(ValueError, match="twice"):
        Roadmap((Item("A", "now"), Item("a", "next")))


def test_saved_data_round_trips_and_bad_entries_are_left_out_one_by_one():
    board, problems = Roadmap.from_data(EXAMPLE.to_data())
    assert board == EXAMPLE and problems == []
    data = {"items": [{"text": "Fine", "column": "now"}, {"text": "", "column": "now"}, "junk"]}
    board, problems = Roadmap.from_data(data)
    assert [i.text for i in board.items] == ["Fine"]
    assert problems[0].startswith("Saved item 2 was left out: write the item first")
    assert problems[1] == "Saved item 3 was left out: not an item."
    empty, problems = Roadmap.from_data("broken")
    assert empty.items == () and "could not be read" in problems[0]


def test_notes_about_the_shape_of_the_board():
    assert "Nothing is in Now" in Roadmap().add("Idea", "later").notes()[0]
    crowded = Roadmap()
    for n in range(5):
        crowded = crowded.add(f"Work {n}", "now")
    assert "Most items are in Now" in crowded.notes()[0]
    assert Roadmap().headline.startswith("The board is empty")


def test_the_menu_lists_items_column_by_column_with_their_place_on_the_board():
    board = Roadmap().add("A", "later").add("B", "now").add("x" * 80, "now")
    assert choices(board) == [
        ("Choose an item…", NONE),
        ("Now 1. B", 1),
        ("Now 2. " + "x" * 59 + "…", 2),
        ("Later 1. A", 0),
    ]


def test_each_action_says_what_it_did_and_a_refusal_leaves_the_board():
    added = add_item(EXAMPLE, "Supporter club", "later")
    assert (added.message, added.kind) == ("Added to Later: Supporter club", "saved")
    refused = add_item(EXAMPLE, "", "now")
    assert refused.board is EXAMPLE
    assert (refused.message, refused.kind) == ("Write the item first; the box is empty.", "invalid")
    moved = move_item(EXAMPLE, 2, -1)
    assert moved.message == "Moved to Now: Let volunteers book single shifts online"
    assert moved.keep == "Let volunteers book single shifts online"
    assert move_item(EXAMPLE, 0, -1).kind == "invalid"
    assert toggle_item(EXAMPLE, 3).message.endswith("is marked as a hard deadline.")
    assert toggle_item(EXAMPLE, 4).message.endswith("is no longer a hard deadline.")
    assert remove_item(EXAMPLE, 0).message == (
        "Removed: Fix the donation form that fails on mobile phones"
    )


def test_the_learners_own_board_is_kept_aside_but_never_the_example_or_an_empty_board():
    mine = Roadmap().add("Mine", "now")
    assert kept_aside(mine, None) == mine
    assert kept_aside(EXAMPLE, mine) == mine
    assert kept_aside(Roadmap(), None) is None
    change, aside = instead(mine, None, Roadmap(), "The board is empty.")
    assert change.message == "The board is empty. Your board is kept: press Back to my board."
    assert aside == mine and change.board == Roadmap()
    assert instead(EXAMPLE, None, Roadmap(), "Empty.")[0].message == "Empty."


def test_the_note_round_trips_with_the_board_kept_aside():
    mine = Roadmap().add("Mine", "next")
    assert read_note(to_note(EXAMPLE, mine)) == (EXAMPLE, mine, [])
    assert to_note(EXAMPLE, None)["mine"] is None
    assert read_note(None) == (EXAMPLE, None, [])
    assert read_note({"items": [], "mine": {"items": []}}) == (Roadmap(), None, [])
    words = Words(("Board: 1 Now",))
    assert words.text == "Now / Next / Later roadmap\nBoard: 1 Now"
    assert words.markdown == "**Now / Next / Later roadmap**  \nBoard: 1 Now"


# --- the view, driven without a browser -------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.roadmap.view import RoadmapView

    return RoadmapView(store=store)


def choose(view, text: str) -> None:
    view.chooser.value = next(v for label, v in view.chooser.options if text in label)


def test_the_view_starts_with_the_example_board_and_saves_nothing(view, store):
    assert view.board == EXAMPLE
    html = view.board_view.value
    for title in ("Now", "Next", "Later"):
        assert f"aria-label='{title}'" in html
    assert "⚠ date: 'Q3'" in html
    assert "◆ hard deadline" in html
    assert "1 date to look at" in view.checks.value
    assert store.note(NOTE_KEY) is None
    for button in (view.earlier_button, view.remove_button, view.mine_button):
        assert not button.disabled  # a disabled button would drop the keyboard focus
    view.remove_button.click()
    assert "Choose an item in the Item menu first." in view.status.value
    view.mine_button.click()
    assert "There is no board of yours kept aside." in view.status.value
    assert view.board == EXAMPLE


def test_adding_an_item_shows_it_checks_it_and_saves_the_board(view, store):
    view.new_text.value = "Supporter club launch in Q4"
    view.new_column.value = "later"
    view.add_button.click()
    assert view.new_text.value == ""
    assert "Supporter club launch in Q4" in view.board_view.value
    assert "2 dates to look at" in view.checks.value
    assert "Added to Later" in view.status.value
    saved = store.note(NOTE_KEY)
    assert saved["items"][-1] == {
        "text": "Supporter club launch in Q4",
        "column": "later",
        "fixed": False,
    }
    assert store.events(NOTE_KEY)[-1].section == SECTION


def test_a_bad_item_gives_a_message_and_keeps_the_text(view, store):
    view.new_text.value = "x" * 150
    view.add_button.click()
    assert "keep it to 100 or fewer" in view.status.value
    assert view.new_text.value == "x" * 150
    assert store.note(NOTE_KEY) is None


def test_moving_marking_and_removing_the_chosen_item(view, store):
    choose(view, "Let volunteers book")
    assert not view.earlier_button.disabled
    view.earlier_button.click()
    assert view.board.items[-1].column == "now"
    assert "Moved to Now" in view.status.value
    assert "Let volunteers book" in view.chooser.label
    view.earlier_button.click()  # already in Now: it says so, and the button keeps the focus
    assert not view.earlier_button.disabled
    assert view.board.items[-1].column == "now"
    assert "Let volunteers book single shifts online&#x27; is already in Now" in view.status.value
    choose(view, "launching in Q3")
    view.fixed_button.click()
    assert "0 dates" not in view.checks.value and "no stray dates" in view.checks.value
    view.remove_button.click()
    assert "launching in Q3" not in view.board_view.value
    from pm_course.models.roadmap.view import RoadmapView

    again = RoadmapView(store=store)
    assert again.board == view.board
    assert "Let volunteers book" in again._text_plain().split("Next (")[0]


def test_buttons_without_a_chosen_item_say_what_to_do(view):
    view.move(1)
    assert "Choose an item in the Item menu first" in view.status.value
    view.toggle_fixed()
    view.remove()
    assert view.board == EXAMPLE


def test_an_empty_board_and_the_example_keep_the_learners_board_aside(view, store):
    view.new_text.value = "My own item"
    view.add_button.click()
    view.empty_button.click()
    assert view.board.items == ()
    assert "Your board is kept" in view.status.value
    assert "Nothing yet." in view.board_view.value
    view.example_button.click()
    assert view.board == EXAMPLE
    from pm_course.models.roadmap.view import RoadmapView

    again = RoadmapView(store=store)
    assert again.board == EXAMPLE
    again.mine_button.click()
    assert "My own item" in again.board_view.value
    again.mine_button.click()
    assert "There is no board of yours kept aside." in again.status.value


def test_a_damaged_saved_board_starts_empty_with_a_message(store):
    from pm_course.models.roadmap.view import RoadmapView

    store.save_note(SECTION, NOTE_KEY, {"items": "broken"})
    view = RoadmapView(store=store)
    assert view.board.items == ()
    assert "could not be read" in view.status.value


def test_a_damaged_saved_item_is_reported_and_the_rest_come_back(store):
    from pm_course.models.roadmap.view import RoadmapView

    items = [{"text": "Fine", "column": "now"}, {"text": "Lost", "column": "soon"}, "junk"]
    store.save_note(SECTION, NOTE_KEY, {"items": items, "mine": None})
    view = RoadmapView(store=store)
    assert [i.text for i in view.board.items] == ["Fine"]
    assert "Saved item 2 was left out: no column &#x27;soon&#x27;" in view.status.value
    assert "Saved item 3 was left out: not an item." in view.status.value
    assert "Fine" in view._text_plain()


def test_a_board_saved_by_the_old_view_comes_back_with_the_board_kept_aside(store):
    from pm_course.models.roadmap.view import RoadmapView

    old = {
        "items": EXAMPLE.to_data()["items"],
        "mine": {"items": [{"text": "My own item", "column": "later", "fixed": False}]},
    }
    store.save_note(SECTION, NOTE_KEY, old)
    view = RoadmapView(store=store)
    assert view.board == EXAMPLE
    assert view.status.value == ""
    view.mine_button.click()
    assert [i.text for i in view.board.items] == ["My own item"]
    assert store.note(NOTE_KEY) == {"items": old["mine"]["items"], "mine": None}


def test_a_fault_shows_a_message_not_a_traceback(view, monkeypatch, expected_faults):
    import pm_course.models.roadmap.view as module

    monkeypatch.setattr(module, "board_html", lambda board: 1 / 0)
    view.new_text.value = "Anything"
    view.add_button.click()
    assert "Something went wrong" in view.status.value
    assert "Added to" not in view.status.value
    assert isinstance(expected_faults[0].exc_info[1], ZeroDivisionError)


def test_controls_are_labelled(view):
    for button in (
        view.add_button,
        view.earlier_button,
        view.later_button,
        view.fixed_button,
        view.remove_button,
        view.empty_button,
        view.example_button,
        view.mine_button,
    ):
        assert button.description and button.tooltip
    assert view.new_text.description == "New item"
    assert view.chooser.description == "Item"


def test_the_text_fallback_is_deterministic(store):
    from pm_course.models.roadmap.view import RoadmapView

    a, b = RoadmapView(store=store), RoadmapView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    assert a._text_plain().startswith("Now / Next / Later roadmap\nBoard: 2 Now, 3 Next, 2 Later")
    assert "0x" not in a._text_plain()


@pytest.mark.parametrize(
    ("button", "column"),
    [
        ("later_button", "now"),
        ("earlier_button", "later"),
        ("fixed_button", "next"),
        ("later_button", "later"),  # nowhere to go: a message, and still no disabling
        ("earlier_button", "now"),
        ("remove_button", "next"),
    ],
)
def test_a_pressed_button_is_never_disabled(view, button, column):
    """A button disabled even for a moment loses the keyboard focus to the top of the page:
    no button of the board is ever disabled; one that cannot act says why."""
    view.chooser.value = next(i for i, it in enumerate(view.board.items) if it.column == column)
    pressed = getattr(view, button)
    assert not pressed.disabled
    seen = []
    pressed.observe(lambda change: seen.append(change["new"]), names="disabled")
    pressed.click()
    assert seen == [] and not pressed.disabled, f"disabled went {seen} while the board redrew"
