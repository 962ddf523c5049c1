"""The four risks check: the pure model and its widget, without a browser."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.four_risks.model import (
    OWNERS,
    PRESETS,
    RISK_KEYS,
    RISKS,
    RiskCheck,
    preset,
    status,
)

scores = st.integers(min_value=0, max_value=10)


def alt_of(html: str) -> str:
    match = re.search(r"alt='([^']*)'", html)
    assert match, "the chart has no alt text"
    return unescape(match.group(1))


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


# --- the view ---------------------------------------------------------------------------------


@pytest.fixture
def view():
    from pm_course.models.four_risks.view import FourRisksView

    return FourRisksView()


def test_the_public_entry_returns_the_view():
    import pm_course
    from pm_course.models.four_risks.view import FourRisksView

    assert isinstance(pm_course.four_risks(), FourRisksView)


def test_four_labelled_sliders(view):
    import ipywidgets as W

    assert list(view.sliders) == list(RISK_KEYS)
    for risk in RISKS:
        slider = view.sliders[risk.key]
        assert isinstance(slider, W.IntSlider)
        assert slider.description == risk.name
        assert risk.question in slider.tooltip


def test_moving_a_slider_moves_the_biggest_risk(view):
    assert "Biggest risk: value" in view.summary.value
    view.sliders["value"].value = 8
    assert "Biggest risk: business viability (6 of 10)" in unescape(view.summary.value)
    assert "Value, owned by the product manager: 8, answered" in alt_of(view.chart.value)
    assert "Value                        8  answered" in view._text_plain()


def test_choosing_another_piece_of_work_loads_its_scores(view):
    view.sliders["value"].value = 10
    view.work.value = "Online donations"
    assert {k: s.value for k, s in view.sliders.items()} == {
        k: preset("Online donations").score(k) for k in RISK_KEYS
    }
    assert "owned by the designer" in view.summary.value
    assert view._text_plain().startswith("Four risks check: Online donations")
    view.work.value = "Director's banner"
    assert view.sliders["value"].value == 2  # the example's own score, not the learner's 10


def test_a_fault_shows_as_a_message(view):
    view.set_score("value", 11)
    assert "Something went wrong" in view.status.value
    assert view.check == preset("Director's banner")


def test_text_fallback_is_deterministic(view):
    from pm_course.models.four_risks.view import FourRisksView

    other = FourRisksView()
    assert view._text_plain() == other._text_plain()
    assert view._text_markdown() == other._text_markdown()
    assert view.model_id not in view._text_plain()
    assert view._repr_mimebundle_()["text/plain"] == view._text_plain()


def test_the_model_imports_neither_widgets_nor_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, pm_course.models.four_risks.model; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'matplotlib')]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
