"""Many small bets or one big launch: the win rates, the simulation and the widget."""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pytest

from pm_course.models.bets.model import (
    CUSTOM,
    EFFECT_RANGE,
    GOOGLE_BING,
    MICROSOFT,
    PRESETS,
    WinRates,
    custom_rates,
    rates_for,
    share,
    signed,
    simulate,
    simulate_settings,
)
from pm_course.models.bets.view import SmallBetsView


def words(html: str) -> str:
    """What a learner reads in an HTML value: tags removed, entities decoded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the published win rates --------------------------------------------------------------------


def test_microsoft_is_a_third_each_way():
    assert MICROSOFT.positive == MICROSOFT.neutral == MICROSOFT.negative == pytest.approx(1 / 3)
    assert "Kohavi and Thomke, 2017" in MICROSOFT.note


def test_google_and_bing_are_kept_distinct_from_microsoft():
    assert 0.10 <= GOOGLE_BING.positive <= 0.20
    assert GOOGLE_BING.positive != MICROSOFT.positive
    assert "10-20%" in GOOGLE_BING.note and "assumption of ours" in GOOGLE_BING.note
    assert list(PRESETS) == ["Microsoft overall", "Google and Bing"]


def test_shares_must_add_up_to_100_percent():
    with pytest.raises(ValueError, match=r"must add up to 100%, not 90.0%"):
        WinRates("x", 0.3, 0.3, 0.3, "")
    with pytest.raises(ValueError, match="the negative share must be from 0 to 1"):
        WinRates("x", 0.5, 0.6, -0.1, "")


def test_custom_rates_put_the_rest_in_neutral():
    rates = custom_rates(20, 30)
    assert (rates.positive, rates.neutral, rates.negative) == pytest.approx((0.2, 0.5, 0.3))
    assert rates.note == "20% positive, 50% neutral, 30% negative (your choice)."


@pytest.mark.parametrize(
    ("positive", "negative", "message"),
    [
        (80, 40, "80% positive and 40% negative add up to more than 100%"),
        (-5, 10, "the positive share must be from 0% to 100%"),
        (10, 120, "the negative share must be from 0% to 100%"),
        ("ten", 10, "the positive share must be from 0% to 100%"),
    ],
)
def test_impossible_custom_shares_are_refused(positive, negative, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        custom_rates(positive, negative)


# --- the simulation -----------------------------------------------------------------------------


def test_a_seed_always_gives_the_same_runs():
    a, b = simulate(seed=5), simulate(seed=5)
    assert np.array_equal(a.small, b.small) and np.array_equal(a.big, b.big)
    assert not np.array_equal(a.small, simulate(seed=6).small)
    assert a.text == b.text


def test_the_big_launch_is_a_gamble_around_zero_with_microsoft_rates():
    out = simulate(MICROSOFT, ideas=20, seed=1)
    big = out.stats("big")
    assert big["mean"] == pytest.approx(0, abs=0.3)
    assert 0.4 < big["worse"] < 0.6
    assert out.stats("small")["mean"] > 5
    assert out.stats("small")["worse"] < 0.01


def test_the_big_launch_mean_matches_the_expected_value():
    # Expected total = ideas x (positive - negative) x the mean effect size (neutral averages 0).
    mean_size = sum(EFFECT_RANGE) / 2
    out = simulate(GOOGLE_BING, ideas=20, seed=2)
    expected = 20 * (GOOGLE_BING.positive - GOOGLE_BING.negative) * mean_size
    assert out.stats("big")["mean"] == pytest.approx(expected, abs=0.3)
    assert out.stats("big")["worse"] > 0.9


@pytest.mark.parametrize("rates", [MICROSOFT, GOOGLE_BING])
def test_small_bets_beat_the_big_launch_on_average(rates):
    out = simulate(rates, ideas=20, seed=3)
    assert out.stats("small")["mean"] > out.stats("big")["mean"] + 3
    assert out.big_beats_small < 0.05


def test_most_small_bets_fail_and_are_not_shipped():
    out = simulate(MICROSOFT, ideas=20, power=0.8, seed=4)
    assert 4 < out.mean_shipped < 7
    assert (out.shipped <= 20).all()
    assert "experiments 'failed' and were not shipped" in out.text


def test_more_power_ships_more_winners():
    low = simulate(MICROSOFT, power=0.5, seed=1)
    high = simulate(MICROSOFT, power=0.95, seed=1)
    assert high.mean_shipped > low.mean_shipped
    assert high.stats("small")["mean"] > low.stats("small")["mean"]


def test_with_no_good_ideas_small_bets_stay_near_zero():
    out = simulate(custom_rates(0, 50), ideas=10, seed=1)
    assert out.stats("small")["mean"] == pytest.approx(0, abs=0.05)
    assert out.stats("big")["mean"] < -5


def test_one_idea_works():
    out = simulate(MICROSOFT, ideas=1, seed=1)
    assert out.runs == 4000 and out.small.shape == (4000,)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ideas": 0}, "the number of ideas must be from 1 to 100"),
        ({"ideas": 2.5}, "the number of ideas must be a whole number"),
        ({"power": 1.0}, "the power must be between 0 and 1"),
        ({"power": 0}, "the power must be between 0 and 1"),
        ({"seed": -1}, "the seed must be from 0"),
        ({"rates": "Microsoft"}, "rates must be WinRates"),
        ({"runs": 0}, "the number of runs must be from 1"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        simulate(**kwargs)


def test_numbers_are_written_without_false_zeros():
    assert signed(-0.04) == "+0.0%"
    assert signed(7.36) == "+7.4%"
    assert signed(-6.25) == "-6.2%" or signed(-6.25) == "-6.3%"
    assert share(1 / 3) == "33.3%"
    assert share(0.15) == "15%"
    assert share(0.004) == "0.4%"
    assert share(0.0002) == "under 0.1%"
    assert share(0.0) == "0%"


def test_the_summary_states_the_settings_and_both_strategies():
    text = simulate(seed=1).text
    assert text.startswith(
        "Small bets vs one big launch: 20 ideas, Microsoft overall win rates (33.3% positive, "
        "33.3% neutral, 33.3% negative), tests with 80% power to find a +1% gain"
    )
    assert "Small bets: +" in text and "Big launch: " in text
    assert "it cannot tell which of its ideas helped" in text


def test_the_same_settings_give_the_same_outcome_once_and_it_cannot_be_changed():
    a = simulate(MICROSOFT, ideas=12, seed=9)
    assert simulate(MICROSOFT, ideas=12, power=0.8, seed=9) is a
    with pytest.raises(ValueError, match="read-only"):
        a.small[0] = 0


def test_the_live_settings_name_a_preset_or_your_own_shares():
    assert rates_for("Google and Bing", 1, 2) is GOOGLE_BING
    assert rates_for(CUSTOM, 20, 30) == custom_rates(20, 30)
    with pytest.raises(ValueError, match="no win rates called 'Apple'"):
        rates_for("Apple", 1, 2)
    settings = {"preset": CUSTOM, "positive": 20, "negative": 30, "ideas": 5, "power": 0.8}
    out = simulate_settings({**settings, "seed": 2})
    assert out.rates.name == CUSTOM and out.ideas == 5 and out.seed == 2
    assert MICROSOFT.percents == (33.3, 33.3) and GOOGLE_BING.percents == (15.0, 42.5)


def test_the_histograms_count_every_run_on_bins_that_include_zero():
    out = simulate(GOOGLE_BING, ideas=20, seed=2)
    edges, big, small = out.histograms()
    assert len(edges) == 41 and big.sum() == small.sum() == out.runs
    assert edges[0] <= min(out.small.min(), out.big.min(), 0) and edges[-1] >= 0


# --- the widget ---------------------------------------------------------------------------------


@pytest.fixture
def view(store):
    return SmallBetsView(store=store)


def test_the_widget_draws_a_chart_with_alt_text_and_a_summary(view):
    alt = unescape(re.search(r"alt='([^']*)'", view.chart.value).group(1))
    assert alt.startswith("Two overlaid histograms of the total change in the key metric")
    assert "hatched with diagonal lines" in alt and "dotted hatching" in alt
    shown = words(view.summary.value)
    assert "On average the small bets changed the key metric by +7.4%" in shown
    assert "Kohavi and Thomke, 2017" in shown


def test_the_controls_come_in_order_with_the_status_above_the_chart(view):
    assert list(view.controls) == ["preset", "positive", "negative", "ideas", "power", "seed"]
    assert view.controls["preset"].options == (*PRESETS, CUSTOM)
    body = list(view.children)
    assert body.index(view.status) < body.index(view.chart) < body.index(view.summary)


def test_a_preset_sets_the_share_sliders(view):
    c = view.controls
    assert (c["positive"].value, c["negative"].value) == (33.3, 33.3)
    c["preset"].value = "Google and Bing"
    assert (c["positive"].value, c["negative"].value) == (15.0, 42.5)
    assert "Google and Bing win rates (15% positive" in words(view.summary.value)


def test_moving_a_share_slider_switches_to_your_own_shares(view):
    c = view.controls
    c["positive"].value = 50.0
    assert c["preset"].value == CUSTOM
    assert "Your own shares win rates (50% positive" in words(view.summary.value)
    c["preset"].value = "Microsoft overall"
    assert c["positive"].value == 33.3
    c["preset"].value = CUSTOM  # your own shares start from what the sliders show
    assert "(33.3% positive, 33.4% neutral, 33.3% negative)" in words(view.summary.value)


def test_impossible_shares_show_a_message_and_keep_the_sliders(view):
    c = view.controls
    chart = view.chart.value
    c["positive"].value = 80.0
    c["negative"].value = 40.0
    shown = words(view.status.value)
    assert "Check the settings" in shown and "add up to more than 100%" in shown
    assert (c["positive"].value, c["negative"].value) == (80.0, 40.0)
    assert view.chart.value == chart  # 80% with the preset's 33.3% was already too many
    c["negative"].value = 10.0
    assert view.status.value == ""


def test_the_other_controls_redraw(view):
    c = view.controls
    c["ideas"].value = 3
    assert "3 ideas" in words(view.summary.value)
    c["power"].value = 0.5
    assert "tests with 50% power" in words(view.summary.value)
    c["seed"].value = -4
    assert "the seed must be from 0" in words(view.status.value).lower()


@pytest.mark.charts
def test_the_chart_follows_the_settings_and_its_legend_gives_the_means(view):
    from pm_course.models.bets import render

    before = view.chart.value
    view.controls["ideas"].value = 50
    assert view.chart.value != before
    small, big = (t.get_text() for t in view._chart.artists["labels"])
    assert small == f"small bets mean {signed(float(view.outcome.small.mean()))}"
    assert big.startswith("big launch mean ")
    chart = view._chart
    outer = chart.ax.get_tightbbox(chart.figure.canvas.get_renderer(), for_layout_only=True)
    assert outer.x1 <= chart.figure.bbox.width and outer.x0 >= 0
    assert len(chart.artists["bars"][0]) == render.BINS


def test_the_text_fallback_is_deterministic(store):
    a, b = SmallBetsView(store=store), SmallBetsView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    assert a._text_plain().startswith("Many small bets or one big launch?\nSmall bets vs one")
    assert a._repr_mimebundle_()["text/markdown"].startswith("**Many small bets")


def test_the_settings_come_back_when_the_cell_runs_again(view):
    c = view.controls
    c["positive"].value, c["negative"].value = 40.0, 20.0
    c["ideas"].value, c["power"].value, c["seed"].value = 30, 0.9, 3
    again = SmallBetsView(store=view.store)
    assert again.settings == view.settings and again.controls["preset"].value == CUSTOM
    assert again._text_plain() == view._text_plain()
    assert again.status.value == ""


def test_a_saved_preset_comes_back_with_its_shares(view):
    view.controls["preset"].value = "Google and Bing"
    again = SmallBetsView(store=view.store)
    assert again.controls["preset"].value == "Google and Bing"
    assert (again.controls["positive"].value, again.controls["negative"].value) == (15.0, 42.5)


def test_a_damaged_saved_setting_is_reported_and_the_rest_come_back(store):
    store.save_note(
        SmallBetsView.SECTION,
        SmallBetsView.KEY,
        {"preset": "Apple", "ideas": 7, "power": "high", "seed": 2},
    )
    v = SmallBetsView(store=store)
    assert v.controls["ideas"].value == 7 and v.controls["seed"].value == 2
    assert v.controls["preset"].value == "Microsoft overall" and v.controls["power"].value == 0.8
    shown = words(v.status.value)
    assert "Check the settings" in shown and "Apple" in shown and "high" in shown
    assert "7 ideas" in v._text_plain()
