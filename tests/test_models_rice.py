"""RICE: McBride's scales and formula, the ranking, bad input, and the editable backlog widget."""

from __future__ import annotations

import html
import math
import re

import pytest
from chart_support import alt_of
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.rice.model import (
    CONFIDENCES,
    IMPACTS,
    MAX_ROWS,
    PRESETS,
    Backlog,
    Idea,
    effort_text,
    fmt_score,
    guide_scores,
    idea_from_row,
    new_row,
    parse_amount,
    read_rows,
    rice_score,
    row_tooltips,
    saved_rows,
    short_name,
)


def words(markup: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


def row(**fields) -> dict:
    base = {"name": "Idea", "reach": "1000", "impact": 1.0, "confidence": 80, "effort": "2"}
    return base | fields


# --- the published scales and formula ---------------------------------------------------------


def test_the_scales_are_mcbrides():
    assert IMPACTS == {3: "massive", 2: "high", 1: "medium", 0.5: "low", 0.25: "minimal"}
    assert CONFIDENCES == {100: "high", 80: "medium", 50: "low"}


def test_the_worked_example_of_the_lesson_scores_800():
    assert rice_score(2000, 2, 80, 4) == pytest.approx(800)
    idea = Idea("Example", 2000, 2, 80, 4)
    assert idea.value == pytest.approx(3200)
    assert idea.score == pytest.approx(800)


@given(
    st.floats(0, 1e6),
    st.sampled_from(sorted(IMPACTS)),
    st.sampled_from(sorted(CONFIDENCES)),
    st.floats(0.1, 100),
)
def test_score_is_reach_times_impact_times_confidence_over_effort(reach, impact, conf, effort):
    score = rice_score(reach, impact, conf, effort)
    assert score == pytest.approx(reach * impact * conf / 100 / effort)
    assert rice_score(reach, impact, conf, effort * 2) == pytest.approx(score / 2)
    assert rice_score(reach * 2, impact, conf, effort) == pytest.approx(score * 2)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"impact": 4}, r"impact 4 is not on the scale \(3 massive, 2 high"),
        ({"impact": "big"}, "impact 'big' is not on the scale"),
        ({"confidence": 90}, "confidence 90 must be one of 100% high, 80% medium, 50% low"),
        ({"confidence": 0.8}, "give it as a percent, not a fraction"),
        ({"effort": 0}, r"effort must be more than 0 person-months \(the score divides by it\)"),
        ({"effort": -1}, "effort must be more than 0"),
        ({"reach": -5}, "reach cannot be negative"),
        ({"reach": math.nan}, "reach nan must be a number of people per quarter"),
        ({"reach": 2e9}, "is more than 1,000,000,000; a slip"),
        ({"effort": 5000}, "effort 5000 is more than 1200; a slip"),
        ({"name": "  "}, "every idea needs a name"),
    ],
)
def test_bad_estimates_are_refused_with_a_clear_message(fields, message):
    values = {"name": "Chatbot", "reach": 100, "impact": 1, "confidence": 80, "effort": 1} | fields
    with pytest.raises(ValueError, match=message):
        Idea(**values)


def test_a_message_names_the_idea():
    with pytest.raises(ValueError, match=r"^RICE: 'Chatbot': effort"):
        Idea("Chatbot", 100, 1, 80, 0)


@pytest.mark.parametrize(
    ("text", "value"), [("2000", 2000), ("2,000", 2000), (" 2 000 ", 2000), ("1.5k", 1500)]
)
def test_typed_reach_is_read_as_people_type_it(text, value):
    assert parse_amount(text, "reach") == value


@pytest.mark.parametrize(
    ("what", "text", "message"),
    [
        ("reach", "", "type the reach, in people per quarter, such as 2000"),
        ("reach", "lots", "reach 'lots' is not a number; type digits, such as 2000"),
        ("reach", "20%", "reach is a number of people per quarter, not a percentage"),
        ("effort", "two", "effort 'two' is not a number; type digits, such as 2 or 0.5"),
        ("effort", "1,5", "use a point for decimals"),
        ("effort", "0", "effort must be more than 0"),
    ],
)
def test_typed_amounts_that_are_wrong_say_why(what, text, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(text, what, "Chatbot")


def test_a_row_becomes_an_idea_or_a_named_error():
    idea = idea_from_row(row(name=" Gift Aid ", reach="3,000", effort="0.5"))
    assert (idea.name, idea.reach, idea.effort) == ("Gift Aid", 3000, 0.5)
    with pytest.raises(ValueError, match="every idea needs a name"):
        idea_from_row(row(name=""))
    with pytest.raises(ValueError, match="a backlog row must be a table"):
        idea_from_row(["not", "a", "row"])  # type: ignore[arg-type]


def test_as_row_round_trips():
    for idea in PRESETS:
        assert idea_from_row(idea.as_row()) == idea


# --- ranking ----------------------------------------------------------------------------------


def test_the_preset_backlog_ranks_as_the_lesson_says():
    ranked = Backlog(PRESETS).ranked()
    assert [(r.rank, r.idea.name, round(r.idea.score)) for r in ranked] == [
        (1, "Monthly giving prompt", 3840),
        (2, "Gift Aid reminder", 2400),
        (3, "Plain-English advice pages", 1600),
        (4, "Homepage redesign", 833),
        (5, "Volunteer shift sign-up", 400),
        (6, "Advice chatbot", 208),
    ]
    assert Backlog(PRESETS).headline == (
        "Monthly giving prompt comes first, with a score of 3,840; next is Gift Aid reminder, "
        "with 2,400."
    )


def test_the_homepage_climbs_with_medium_impact_and_the_chatbot_barely_with_full_confidence():
    ideas = {i.name: i for i in PRESETS}
    homepage = Idea("Homepage redesign", 20000, 1, 50, 3)
    ranked = Backlog((*[i for i in PRESETS if i.name != homepage.name], homepage)).ranked()
    assert next(r.rank for r in ranked if r.idea.name == homepage.name) == 2
    chatbot = Idea("Advice chatbot", 5000, 0.5, 100, 6)
    ranked = Backlog((*[i for i in PRESETS if i.name != chatbot.name], chatbot)).ranked()
    assert next(r.rank for r in ranked if r.idea.name == chatbot.name) == 5
    assert ideas["Advice chatbot"].score < ideas["Volunteer shift sign-up"].score < chatbot.score


def test_ties_share_a_rank_and_keep_their_order():
    a, b, c = Idea("A", 100, 1, 100, 1), Idea("B", 200, 1, 50, 1), Idea("C", 500, 1, 100, 1)
    assert [(r.rank, r.idea.name) for r in Backlog((a, b, c)).ranked()] == [
        (1, "C"),
        (2, "A"),
        (2, "B"),
    ]
    assert Backlog((a, b)).headline == "A and B tie for first place, with a score of 100."


def test_a_backlog_refuses_two_ideas_with_one_name_and_anything_not_an_idea():
    with pytest.raises(ValueError, match="two ideas are called 'A'"):
        Backlog((Idea("A", 1, 1, 50, 1), Idea("a", 2, 1, 50, 1)))
    with pytest.raises(ValueError, match="is not an Idea"):
        Backlog(("A",))  # type: ignore[arg-type]


def test_an_empty_backlog_says_so():
    assert Backlog(()).headline == "The backlog is empty: add an idea to rank it."
    assert Backlog(()).ranked() == []


def test_alt_text_lists_the_ranking_in_order():
    alt = Backlog(PRESETS).alt_text
    assert alt.startswith("Scatter chart of 6 ideas. Across: effort in person-months")
    positions = [alt.index(f"{n}. ") for n in range(1, 7)]
    assert positions == sorted(positions)
    assert (
        "1. Monthly giving prompt: effort 0.5 person-months, value 1,920, confidence 80%, "
        "score 3,840" in alt
    )
    assert "2. Gift Aid reminder: effort 1 person-month, value 2,400" in alt


def test_table_and_number_formats():
    table = Backlog(PRESETS).table()
    assert table.splitlines()[1] == (
        "   1  Monthly giving prompt         1,200       2         80%     0.5    3,840"
    )
    assert [fmt_score(v) for v in (3840, 833.33, 20.5, 2.5, 0.416, 0)] == [
        "3,840",
        "833",
        "20.5",
        "2.5",
        "0.42",
        "0",
    ]
    assert effort_text(1) == "1 person-month"
    assert effort_text(2.5) == "2.5 person-months"


def test_guide_scores_are_round_and_few():
    assert guide_scores(208, 3840) == [200.0, 500.0, 1000.0, 2000.0, 5000.0]
    assert guide_scores(500, 500) == [500.0]
    for low, high in [(0.3, 9000), (1, 1e6)]:
        found = guide_scores(low, high)
        assert 1 <= len(found) <= 5
        assert found == sorted(found)


# --- the rows a learner edits -------------------------------------------------------------------


def test_a_new_row_takes_the_first_free_name_and_low_confidence():
    assert new_row([]) == {
        "name": "New idea 1",
        "reach": "1,000",
        "impact": 1.0,
        "confidence": 50,
        "effort": "1",
    }
    assert new_row(["New idea 1", " new IDEA 2 ", "Chatbot"])["name"] == "New idea 3"


def test_rows_are_read_into_a_ranking_and_a_message_per_row_left_out():
    reading = read_rows(
        [row(name="A", reach="3,000"), row(name="B", effort="two"), row(name=" a "), row(name="C")]
    )
    assert [i.name for i in reading.backlog.ideas] == ["A", "C"]
    assert reading.errors == (
        "Row 2: 'B': effort 'two' is not a number; type digits, such as 2 or 0.5.",
        "Row 3: another idea is already called 'a'.",
    )
    assert reading.text.endswith(
        "Left out of the ranking until fixed:\n" + "\n".join(reading.errors)
    )
    assert "```" in reading.markdown and "```" not in reading.text
    assert read_rows([]).text.startswith("RICE prioritiser: The backlog is empty")


def test_saved_rows_are_made_safe_and_what_changed_is_said():
    rows, problems = saved_rows(
        {"rows": [{"name": "X", "reach": 5, "impact": 7, "confidence": 33}, 4, {"name": None}]}
    )
    assert rows == [
        {"name": "X", "reach": "5", "impact": 1.0, "confidence": 50, "effort": ""},
        {"name": "", "reach": "", "impact": 1.0, "confidence": 50, "effort": ""},
    ]
    assert problems[:3] == ["saved row 1 impact: 7", "saved row 1 confidence: 33", "saved row 2: 4"]
    assert "saved row 3 name: None" in problems
    assert saved_rows({"rows": [p.as_row() for p in PRESETS]}) == (
        [p.as_row() for p in PRESETS],
        [],
    )
    assert saved_rows({"rows": "junk"}) == (None, ["the saved rows could not be read"])
    assert saved_rows(None) == (None, [])
    many, _ = saved_rows({"rows": [row(name=f"I{n}") for n in range(MAX_ROWS + 3)]})
    assert len(many) == MAX_ROWS


def test_row_tooltips_name_the_row_or_its_idea():
    tips = row_tooltips(3, "  ")
    assert tips["name"] == "Row 3: name of the idea"
    assert tips["reach"] == "row 3: reach, in people per quarter"
    assert row_tooltips(1, "Chatbot")["remove"] == "Remove Chatbot from the backlog"
    assert short_name("x" * 40) == "x" * 27 + "…"
    assert short_name("Short") == "Short"


# --- the view ---------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.rice.view import RiceView

    return RiceView(store)


def names_in_order(view) -> list[str]:
    return [r.idea.name for r in view.backlog.ranked()]


def test_the_view_starts_with_the_example_backlog_ranked(view):
    assert len(view.rows) == len(PRESETS)
    assert names_in_order(view)[0] == "Monthly giving prompt"
    assert "Monthly giving prompt comes first" in words(view.ranking.value)
    alt = alt_of(view.chart.value)
    assert "Ranking by RICE score: 1. Monthly giving prompt" in alt
    assert view.status.value == "" and view.left_out.value == ""


def test_every_control_says_what_it_is_for(view):
    for i, r in enumerate(view.rows, 1):
        name = r.name.value
        assert r.name.tooltip == f"Row {i}: name of the idea"
        assert r.reach.tooltip == f"{name}: reach, in people per quarter"
        assert "person-months" in r.effort.tooltip
        assert r.remove.tooltip == f"Remove {name} from the backlog"
        assert r.impact.options[0][0] == "3 · massive"
        assert [label for label, _ in r.confidence.options] == [
            "100% · high",
            "80% · medium",
            "50% · low",
        ]


def test_headings_and_row_cells_share_one_grid_so_they_stay_aligned(view):
    from pm_course.models.rice.view import COLUMNS

    cells = view.table.children
    columns = len(COLUMNS)
    assert len(view.table.layout.grid_template_columns.split("minmax(")) - 1 == columns
    assert len(cells) == columns * (1 + len(view.rows))
    assert "Reach (people per quarter)" in cells[2].value
    assert "Effort (person-months)" in cells[5].value
    first = cells[columns : 2 * columns]
    assert first[1] is view.rows[0].name and first[5] is view.rows[0].effort
    assert first[6] is view.rows[0].remove
    assert all(c.layout.min_width == "0" for c in cells)  # a column may shrink in a narrow window


def test_editing_a_row_reranks_and_redraws(view):
    homepage = next(r for r in view.rows if r.name.value == "Homepage redesign")
    homepage.impact.value = 1.0
    assert names_in_order(view)[1] == "Homepage redesign"
    assert "2. Homepage redesign: effort 3 person-months, value 10,000" in alt_of(view.chart.value)
    assert "   2  Homepage redesign" in view._text_plain()


@pytest.mark.charts
def test_the_chart_follows_the_rows(view):
    before = view.chart.value
    view.set_row(4, impact=3.0)
    assert view.chart.value != before
    view.set_row(4, impact=2.0)
    assert view.chart.value == before  # the same backlog draws the same picture
    view.set_row(1, name="A much longer name for the gift aid reminder", reach="90,000")
    assert "1. A much longer name for the gift aid reminder" in alt_of(view.chart.value)


def test_a_bad_number_keeps_the_text_shows_a_message_and_leaves_the_row_out(store, view):
    from pm_course.models.rice.view import RiceView

    view.set_row(6, effort="two")
    assert view.rows[5].effort.value == "two"
    message = words(view.left_out.value)
    assert "1 row left out of the ranking until fixed (what you typed is kept)" in message
    assert "Row 6: 'Homepage redesign': effort 'two' is not a number" in message
    assert "Homepage redesign" not in names_in_order(view)
    assert "Left out of the ranking until fixed:" in view._text_plain()
    again = RiceView(store)  # what was typed survives a restart
    assert again.rows[5].effort.value == "two"
    view.set_row(6, effort="3")
    assert view.left_out.value == ""
    assert "Homepage redesign" in names_in_order(view)


def test_typing_in_a_box_redraws_as_pressing_enter_would(view):
    view.rows[0].reach.value = "30,000"
    assert names_in_order(view)[0] == "Gift Aid reminder"
    view.rows[0].name.value = "Gift Aid nudge"
    assert view.rows[0].reach.tooltip == "Gift Aid nudge: reach, in people per quarter"


def test_zero_effort_and_a_percentage_reach_are_explained(view):
    view.set_row(1, effort="0")
    assert "effort must be more than 0 person-months" in words(view.left_out.value)
    view.set_row(1, effort="1", reach="50%")
    assert "not a percentage" in words(view.left_out.value)


def test_two_rows_with_one_name(view):
    view.set_row(2, name="Gift Aid reminder ")
    assert "Row 2: another idea is already called 'Gift Aid reminder'." in words(
        view.left_out.value
    )


def test_add_and_remove_rows_register_their_controls(store, view):
    from pm_course.models.rice.view import RiceView

    assert len(view.controls) == 5 * len(PRESETS)
    view.add_button.click()
    assert len(view.rows) == len(PRESETS) + 1
    assert len(view.controls) == 5 * (len(PRESETS) + 1)
    new = view.rows[-1]
    assert (new.name.value, new.reach.value, new.confidence.value) == ("New idea 1", "1,000", 50)
    assert "New idea 1" in names_in_order(view)
    new.confidence.value = 100  # a new row's controls redraw like the others
    assert view.backlog.ideas[-1].confidence == 100
    view.add_button.click()
    assert view.rows[-1].name.value == "New idea 2"
    gone = view.rows[0]
    gone.remove.click()
    assert "Gift Aid reminder" not in [r.name.value for r in view.rows]
    assert not any(c is gone.name for c in view.controls.values())
    text = view._text_plain()
    gone.reach.value = "5"  # a removed row's box no longer redraws or saves
    assert view._text_plain() == text
    assert view.rows[0].number.value.endswith(">1</span>")
    again = RiceView(store)
    assert [r.name.value for r in again.rows] == [r.name.value for r in view.rows]
    while len(view.rows) < MAX_ROWS:
        view.add_button.click()
    assert view.add_button.disabled
    view.add_row()
    assert len(view.rows) == MAX_ROWS
    assert "at most 12 ideas" in words(view.status.value)


def test_removing_every_row_leaves_a_clear_empty_state(store, view):
    from pm_course.models.rice.view import RiceView

    while view.rows:
        view.rows[0].remove.click()
    assert view.chart.value == ""
    assert "No idea to rank yet." in words(view.ranking.value)
    assert view.controls == {}
    assert RiceView(store).rows == []


def test_reset_asks_first_then_restores_the_examples(view):
    view.set_row(1, name="Mine")
    view.reset_button.click()
    assert view.reset_button.description == "Confirm: replace my rows"
    assert "Press the button again" in words(view.status.value)
    assert view.rows[0].name.value == "Mine"
    view.set_row(1, reach="10")  # any change cancels
    assert view.reset_button.description == "Reset to the examples"
    view.reset_button.click()
    view.reset_button.click()
    assert [r.name.value for r in view.rows] == [i.name for i in PRESETS]
    assert view.reset_button.description == "Reset to the examples"
    assert len(view.controls) == 5 * len(PRESETS)


def test_rows_are_saved_in_the_notes_own_format_and_come_back(store, view):
    from pm_course.models.rice.view import RiceView

    view.set_row(2, reach="2,500", confidence=100)
    saved = store.note(RiceView.KEY)
    assert list(saved) == ["rows"]
    assert saved["rows"][1] == {
        "name": "Monthly giving prompt",
        "reach": "2,500",
        "impact": 2.0,
        "confidence": 100,
        "effort": "0.5",
    }
    assert store.events(RiceView.KEY)[-1].section == "05_value"
    again = RiceView(store)
    assert again.rows[1].reach.value == "2,500"
    assert again._text_plain() == view._text_plain()
    assert again.status.value == ""


def test_a_note_saved_by_the_old_view_comes_back(store):
    from pm_course.models.rice.view import RiceView

    old = {
        "rows": [
            {"name": "Gift Aid reminder", "reach": "3,000", "impact": 1.0, "confidence": 80,
             "effort": "1"},
            {"name": "Text reminders", "reach": "800", "impact": 2.0, "confidence": 50,
             "effort": "0.5"},
        ]
    }  # fmt: skip
    store.save_note("05_value", "value-rice-backlog", old)
    view = RiceView(store)
    assert [r.raw() for r in view.rows] == old["rows"]
    assert names_in_order(view) == ["Gift Aid reminder", "Text reminders"]
    assert view.status.value == ""


def test_a_damaged_note_is_reported_and_the_rest_comes_back(store):
    from pm_course.models.rice.view import RiceView

    store.save_note(RiceView.SECTION, RiceView.KEY, "junk")
    assert len(RiceView(store).rows) == len(PRESETS)
    store.save_note(
        RiceView.SECTION,
        RiceView.KEY,
        {"rows": [{"name": "X", "reach": 5, "impact": 7, "confidence": 33}, 4]},
    )
    again = RiceView(store)
    assert len(again.rows) == 1
    assert (again.rows[0].impact.value, again.rows[0].confidence.value) == (1.0, 50)
    said = words(again.status.value)
    assert "Check the settings" in said
    assert "saved row 1 impact: 7; saved row 1 confidence: 33; saved row 2: 4" in said
    assert "Row 1: 'X': type the effort" in words(again.left_out.value)
    again.set_row(1, effort="2")
    assert "X comes first" in again._text_plain()


def test_text_fallback_is_deterministic_and_free_of_ids(store, view):
    from pm_course.models.rice.view import RiceView

    other = RiceView(store)
    assert view._text_plain() == other._text_plain()
    assert view._text_markdown() == other._text_markdown()
    text = view._text_plain()
    assert text.startswith("RICE prioritiser: Monthly giving prompt comes first")
    assert text.endswith(RiceView.NOTE)
    assert "```" in view._text_markdown()
    assert view.model_id not in text
    assert not re.search(r"0x[0-9a-f]{6,}", text)
    assert view._repr_mimebundle_()["text/plain"] == text
