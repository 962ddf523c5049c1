"""The four risks check: the pure model and its widget, without a browser."""

from __future__ import annotations

from html import unescape

import pytest
from chart_support import alt_of
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.four_risks.model import (
    OWNERS,
    PRESETS,
    RISK_KEYS,
    RISKS,
    RiskBoard,
    RiskCheck,
    preset,
    status,
)

scores = st.integers(min_value=0, max_value=10)


# --- the pure model ---------------------------------------------------------------------------


def test_each_risk_has_cagans_owner():
    owners = {r.key: r.owner for r in RISKS}
    assert owners == {
        "value": "Product manager",
        "usability": "Designer",
        "feasibility": "Tech lead",
        "viability": "Product manager",
    }
    assert set(owners.values()) == set(OWNERS)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, "open"), (3, "open"), (4, "partly answered"), (6, "partly answered"), (7, "answered")],
)
def test_status_boundaries(score, expected):
    assert status(score) == expected


@given(scores, scores, scores, scores)
def test_the_biggest_risk_has_the_lowest_score(value, usability, feasibility, viability):
    check = RiskCheck("X", value, usability, feasibility, viability)
    low = min(value, usability, feasibility, viability)
    biggest = check.biggest()
    if low >= 7:
        assert biggest == []
        assert check.headline.startswith("Every risk looks answered")
    else:
        assert biggest and all(r.score == low for r in biggest)
        assert [r.risk.key for r in biggest] == [k for k in RISK_KEYS if check.score(k) == low]


@pytest.mark.parametrize("bad", [-1, 11, 2.5, "3", None, True])
def test_a_bad_confidence_is_refused_with_the_name(bad):
    with pytest.raises(ValueError, match=r"'Chatbot' has .* for usability.*0 to 10"):
        RiskCheck("Chatbot", 5, bad, 5, 5)


def test_bad_names_and_keys_are_refused():
    with pytest.raises(ValueError, match="needs a name"):
        RiskCheck("", 1, 1, 1, 1)
    with pytest.raises(ValueError, match="no risk 'cost'"):
        preset("Chatbot").with_score("cost", 3)
    with pytest.raises(ValueError, match="outside the scale"):
        preset("Chatbot").with_score("value", 12)
    with pytest.raises(ValueError, match="no example called 'Newsletter'"):
        preset("Newsletter")


def test_the_banner_example_reads_as_a_value_risk():
    check = preset("Director's banner")
    assert check.headline == "Biggest risk: value (2 of 10), owned by the product manager."
    assert check.owners_line == "Not yet answered: 2 risks; the product manager owns both of them."
    assert "Value                        2  open             Product manager" in check.text


def test_ties_name_every_risk_and_owner():
    check = RiskCheck("X", 3, 3, 8, 9)
    assert check.headline == (
        "Biggest risks, tied at 3 of 10: value (product manager) and usability (designer)."
    )
    assert len(check.next_steps()) == 2


def test_owners_line_counts_what_is_not_answered():
    assert (
        RiskCheck("X", 9, 5, 9, 9).owners_line == "Not yet answered: 1 risk, owned by the designer."
    )
    assert RiskCheck("X", 9, 5, 2, 9).owners_line.endswith("owns none of them.")
    assert RiskCheck("X", 1, 2, 3, 1).owners_line.endswith("owns 2 of them.")
    assert RiskCheck("X", 9, 9, 9, 9).owners_line == ""


def test_alt_text_states_every_bar():
    check = preset("Online donations")
    for row in check.rows():
        assert f"{row.risk.name}, owned by the {row.risk.owner.lower()}: {row.score}" in (
            check.alt_text
        )


def test_the_presets_show_different_owners_on_top():
    owners = {p.biggest()[0].risk.owner for p in PRESETS}
    assert {"Product manager", "Designer"} <= owners


def test_a_board_keeps_each_piece_of_works_scores():
    board = RiskBoard(PRESETS, "Director's banner")
    edited = board.scored("Director's banner", {**board.check.scores(), "value": 10})
    assert edited.check.value == 10 and board.check.value == 2  # boards are values
    chatbot = edited.scored("Chatbot", preset("Chatbot").scores())
    assert chatbot.check == preset("Chatbot")
    assert chatbot.get("Director's banner").value == 10
    assert chatbot.scores()["Director's banner"]["value"] == 10
    with pytest.raises(ValueError, match="outside the scale"):
        board.scored("Chatbot", {**preset("Chatbot").scores(), "value": 11})
    with pytest.raises(ValueError, match="no piece of work called 'Roadmap'"):
        board.scored("Roadmap", preset("Chatbot").scores())


def test_saved_scores_come_back_and_what_cannot_be_used_is_named():
    board = RiskBoard(PRESETS, "Chatbot")
    saved = {
        "Chatbot": {"value": 9, "usability": "high"},
        "Online donations": {"viability": 11},
        "Gone": {"value": 1},
        "Director's banner": "damaged",
    }
    restored, problems = board.with_saved(saved)
    assert restored.check.value == 9 and restored.check.usability == 3
    assert restored.get("Online donations") == preset("Online donations")
    assert problems == [
        "Director's banner: 'damaged'",
        "Online donations, viability: 11",
        "Chatbot, usability: 'high'",
    ]
    assert board.with_saved(None) == (board, [])
    assert board.with_saved([1, 2]) == (board, ["the kept scores: [1, 2]"])


def test_a_board_needs_its_chosen_piece_of_work_and_distinct_names():
    with pytest.raises(ValueError, match="no piece of work called 'x'"):
        RiskBoard(PRESETS, "x")
    with pytest.raises(ValueError, match="same name"):
        RiskBoard((PRESETS[0], PRESETS[0]), PRESETS[0].name)


# --- the view ---------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.four_risks.view import FourRisksView

    return FourRisksView(store=store)


def sliders(view) -> dict[str, int]:
    return {k: view.controls[k].value for k in RISK_KEYS}


def test_a_menu_then_four_labelled_sliders(view):
    import ipywidgets as W

    assert list(view.controls) == ["work", *RISK_KEYS]
    assert view.controls["work"].options == tuple(c.name for c in PRESETS)
    for risk in RISKS:
        slider = view.controls[risk.key]
        assert isinstance(slider, W.IntSlider)
        assert (slider.min, slider.max, slider.step) == (0, 10, 1)
        assert slider.description == risk.name
        assert risk.question in slider.tooltip


def test_moving_a_slider_moves_the_biggest_risk(view):
    assert "Biggest risk: value" in view.summary.value
    view.controls["value"].value = 8
    assert "Biggest risk: business viability (6 of 10)" in unescape(view.summary.value)
    assert "Value, owned by the product manager: 8, answered" in alt_of(view.chart.value)
    assert "Value                        8  answered" in view._text_plain()


@pytest.mark.charts
def test_the_chart_follows_the_sliders(view):
    before = view.chart.value
    view.controls["viability"].value = 10
    assert view.chart.value != before
    (bar,) = view._chart.artists["bars"]["viability"]
    assert bar.get_width() == 10
    assert view._chart.artists["scores"]["viability"].get_text() == "10"


def test_choosing_another_piece_of_work_loads_its_scores(view):
    view.controls["work"].value = "Online donations"
    assert sliders(view) == preset("Online donations").scores()
    assert "owned by the designer" in view.summary.value
    assert view._text_plain().startswith("Four risks check: Online donations")


def test_each_piece_of_work_keeps_the_learners_scores(view):
    view.controls["value"].value = 10
    view.controls["work"].value = "Chatbot"
    assert sliders(view) == preset("Chatbot").scores()  # the chatbot's own scores
    view.controls["usability"].value = 9
    view.controls["work"].value = "Director's banner"
    assert view.controls["value"].value == 10  # the learner's 10 is kept
    assert "Value                       10  answered" in view._text_plain()
    view.controls["work"].value = "Chatbot"
    assert view.controls["usability"].value == 9


def test_a_score_the_model_refuses_shows_a_message_and_keeps_the_chart(view):
    before = view.chart.value
    view.update = lambda settings: type(view).update(view, {**settings, "value": 11})
    view.changed()
    assert "Check the settings" in view.status.value
    assert "outside the scale" in unescape(view.status.value)
    assert view.check == preset("Director's banner") and view.chart.value == before
    del view.update
    view.controls["value"].value = 4
    assert view.status.value == ""


def test_every_piece_of_works_scores_come_back_when_the_cell_runs_again(view):
    from pm_course.models.four_risks.view import FourRisksView

    view.controls["value"].value = 10
    view.controls["work"].value = "Chatbot"
    view.controls["feasibility"].value = 8
    again = FourRisksView(store=view.store)
    assert again.controls["work"].value == "Chatbot"
    assert again.controls["feasibility"].value == 8
    assert again._text_plain() == view._text_plain() and again.status.value == ""
    again.controls["work"].value = "Director's banner"
    assert again.controls["value"].value == 10


def test_damaged_saved_scores_are_reported_and_the_rest_come_back(store):
    from pm_course.models.four_risks.view import FourRisksView

    scores = {c.name: c.scores() for c in PRESETS}
    scores["Chatbot"] = {**scores["Chatbot"], "value": 7, "usability": "lots"}
    store.save_note(
        FourRisksView.SECTION,
        FourRisksView.KEY,
        {"work": "Chatbot", "value": "lots", "scores": scores},
    )
    view = FourRisksView(store=store)
    assert view.controls["work"].value == "Chatbot"
    assert sliders(view) == {**preset("Chatbot").scores(), "value": 7}
    shown = unescape(view.status.value)
    assert "Check the settings" in shown and "Chatbot, usability: 'lots'" in shown
    assert "Four risks check: Chatbot" in view._text_plain()


def test_a_saved_piece_of_work_no_longer_offered_is_reported(store):
    from pm_course.models.four_risks.view import FourRisksView

    store.save_note(FourRisksView.SECTION, FourRisksView.KEY, {"work": "Gone", "scores": {}})
    view = FourRisksView(store=store)
    assert view.controls["work"].value == "Director's banner"
    assert "Gone" in unescape(view.status.value)
    assert sliders(view) == preset("Director's banner").scores()
