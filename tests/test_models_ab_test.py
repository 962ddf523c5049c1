"""A/B tests: sample size, power, the z-test, the simulator, peeking, and both widgets."""

from __future__ import annotations

import math
import re
from html import unescape
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.ab_test import model as ab
from pm_course.models.ab_test.model import (
    naive_peeking_rate,
    peeking,
    peeking_rates,
    power,
    rule_of_thumb_factor,
    sample_size,
    simulate,
    z_test,
    z_value,
)
from pm_course.models.ab_test.view import ABTestView, PeekingView


def words(html: str) -> str:
    """What a learner reads in an HTML value: tags removed, entities decoded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def alts(html: str) -> list[str]:
    """The alt texts of the <img> tags in some HTML."""
    return [unescape(a) for a in re.findall(r"alt='([^']*)'", html)]


# --- sample size --------------------------------------------------------------------------------


def test_the_published_example_needs_about_14100_users_per_arm():
    n = sample_size(0.10, 0.01)
    assert 14_000 < n < 14_200
    assert round(n, -2) == 14_100
    assert math.ceil(n) == 14_128


def test_the_rule_of_thumb_factor_is_15_7():
    assert rule_of_thumb_factor() == pytest.approx(15.70, abs=0.005)
    assert round(rule_of_thumb_factor()) == 16


def test_z_values_come_from_the_normal_distribution():
    assert z_value(0.975) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(0.8) == pytest.approx(0.841621, abs=1e-6)


def test_halving_the_effect_quadruples_the_sample():
    assert sample_size(0.10, 0.005) == pytest.approx(4 * sample_size(0.10, 0.01), rel=1e-12)
    assert sample_size(0.10, 0.005) == pytest.approx(56_512, abs=1)


@given(
    st.floats(min_value=0.01, max_value=0.99),
    st.floats(min_value=0.001, max_value=0.5),
)
def test_sample_size_scales_with_one_over_delta_squared(p, delta):
    n = sample_size(p, delta)
    assert sample_size(p, delta / 2) == pytest.approx(4 * n, rel=1e-9)
    assert sample_size(p, -delta) == pytest.approx(n, rel=1e-12)
    assert n == pytest.approx(rule_of_thumb_factor() * p * (1 - p) / delta**2, rel=1e-12)


def test_more_power_or_a_stricter_alpha_needs_more_users():
    base = sample_size(0.10, 0.01)
    assert sample_size(0.10, 0.01, power=0.9) > base
    assert sample_size(0.10, 0.01, alpha=0.01) > base


def test_an_effect_of_zero_cannot_be_detected():
    with pytest.raises(ValueError, match="an effect of 0 cannot be detected"):
        sample_size(0.10, 0)


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, "0.1", None, True, float("nan")])
def test_a_baseline_outside_0_to_1_is_refused(bad):
    with pytest.raises(ValueError, match="the baseline rate must be"):
        sample_size(bad, 0.01)


@pytest.mark.parametrize("bad", ["0.01", None, float("nan")])
def test_a_delta_that_is_not_a_number_is_refused(bad):
    with pytest.raises(ValueError, match="the effect to detect must be a number"):
        sample_size(0.1, bad)


# --- power and the z-test -----------------------------------------------------------------------


def test_power_at_the_planned_size_is_close_to_80_percent():
    # The formula uses the baseline's variance in both arms; the treatment's is a bit larger.
    assert power(0.10, 0.01, 14_128) == pytest.approx(0.783, abs=0.005)
    assert power(0.10, 0.01, 20_000) > 0.9


def test_power_grows_with_the_sample_and_is_alpha_with_no_effect():
    sizes = [1000, 5000, 14_128, 40_000]
    values = [power(0.10, 0.01, n) for n in sizes]
    assert values == sorted(values)
    assert power(0.10, 0.0, 5000) == pytest.approx(0.05, abs=1e-9)


def test_z_test_matches_a_hand_calculation():
    z, p = z_test([100], [120], 1000)
    pooled = 220 / 2000
    se = math.sqrt(2 * pooled * (1 - pooled) / 1000)
    assert z[0] == pytest.approx(0.02 / se)
    assert p[0] == pytest.approx(2 * (1 - NormalDist().cdf(0.02 / se)))
    assert p[0] == pytest.approx(0.1529, abs=1e-4)


def test_z_test_with_no_conversions_at_all_gives_p_1_not_nan():
    z, p = z_test([0, 1000], [0, 1000], 1000)
    assert list(z) == [0.0, 0.0]
    assert list(p) == [1.0, 1.0]


@pytest.mark.parametrize(
    ("baseline", "lift", "message"),
    [
        (0.01, -0.03, "gives a treatment rate of -2.0%"),
        (0.99, 0.02, "rates must stay between 0% and 100%"),
        (0.10, "x", "the lift must be a number"),
    ],
)
def test_rates_that_leave_0_to_100_percent_are_refused(baseline, lift, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        simulate(baseline, lift, 1000)


# --- the simulator ------------------------------------------------------------------------------


def test_a_seed_always_gives_the_same_tests():
    a = simulate(0.10, 0.01, 5000, 1000, seed=7)
    b = simulate(0.10, 0.01, 5000, 1000, seed=7)
    c = simulate(0.10, 0.01, 5000, 1000, seed=8)
    assert np.array_equal(a.observed, b.observed) and np.array_equal(a.p_values, b.p_values)
    assert not np.array_equal(a.observed, c.observed)
    assert a.text == b.text


@pytest.mark.parametrize(("lift", "users"), [(0.01, 5000), (0.01, 14_128), (0.02, 3000)])
def test_simulated_power_agrees_with_the_formula(lift, users):
    sim = simulate(0.10, lift, users, 5000, seed=3)
    se = math.sqrt(sim.analytic_power * (1 - sim.analytic_power) / 5000)
    assert abs(sim.simulated_power - sim.analytic_power) < 4 * se


def test_with_no_effect_about_5_percent_are_false_positives():
    sim = simulate(0.10, 0.0, 5000, 5000, seed=2)
    assert sim.simulated_power == pytest.approx(0.05, abs=0.012)
    assert sim.needed is None and sim.wrong_sign == 0
    assert "false positives" in sim.headline
    assert len(sim.lines()) == 2


def test_small_significant_tests_overstate_the_effect():
    sim = simulate(0.10, 0.01, 2000, 5000, seed=4)
    assert sim.mean_significant > 1.5 * 0.01
    assert "overstate the effect" in sim.text


def test_the_summary_gives_the_needed_size_and_the_histogram_counts_every_test():
    sim = simulate(0.10, 0.01, 5000, 2000, seed=1)
    assert "you need about 14,128 users per arm: this test has 35% of that" in sim.text
    edges, sig, non = sim.histogram()
    assert sig.sum() + non.sum() == 2000
    assert sig.sum() == sim.significant_count
    assert len(edges) == 31
    planned = simulate(0.10, 0.01, 14_128, 500, seed=1)
    assert "this test has that many. Its power is still a little under 80%" in planned.text
    big = simulate(0.10, 0.01, 20_000, 500, seed=1)
    assert "this test is big enough" in big.text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"users": 0}, "users per arm must be from 2"),
        ({"users": -5}, "users per arm must be from 2"),
        ({"users": 1.5}, "users per arm must be a whole number"),
        ({"users": 10**9}, "users per arm must be from 2 to 10,000,000"),
        ({"experiments": 0}, "simulated experiments must be from 1"),
        ({"seed": -1}, "the seed must be a whole number, 0 or more"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(kwargs, message):
    settings = {"baseline": 0.1, "lift": 0.01, "users": 1000, "experiments": 100, "seed": 1}
    with pytest.raises(ValueError, match=re.escape(message)):
        simulate(**{**settings, **kwargs})


# --- peeking ------------------------------------------------------------------------------------

#: Published Monte Carlo rates (looks -> rate) and a tolerance of about 3.5 standard errors.
PEEKING = {1: 0.050, 2: 0.082, 5: 0.141, 10: 0.193, 20: 0.247}


@pytest.mark.parametrize("seed", [8, 1, 12345])
def test_peeking_reproduces_the_published_rates(seed):
    rates = peeking_rates(20, seed=seed)
    for k, expected in PEEKING.items():
        tolerance = 3.5 * math.sqrt(expected * (1 - expected) / ab.PEEKING_RUNS)
        assert rates[k - 1] == pytest.approx(expected, abs=tolerance), (k, rates[k - 1])
    chosen = [rates[k - 1] for k in PEEKING]
    assert chosen == sorted(chosen)


def test_the_naive_formula_overstates_peeking():
    assert naive_peeking_rate(1) == pytest.approx(0.05)
    assert naive_peeking_rate(5) == pytest.approx(0.2262, abs=1e-4)
    rates = peeking_rates(20, seed=8)
    for k in range(2, 21):
        assert rates[k - 1] < naive_peeking_rate(k)


def test_peeking_is_deterministic():
    # speed is measured by benchmarks/models.py, not asserted here
    def fresh():
        ab._peeking_curve.cache_clear()
        return peeking_rates(20, seed=777)

    first = fresh()
    assert fresh() == first


def test_the_peeking_summary_explains_the_naive_formula():
    model = peeking(5, seed=8)
    assert model.rate == pytest.approx(0.141, abs=0.006)
    text = model.text
    assert "With 5 looks, 14." in text
    assert "1 - 0.95^5 gives 22.6%: too high, because the looks share data" in text
    assert "5 looks: simulated 14." in model.alt_text and "naive 22.6%" in model.alt_text
    one = peeking(1, seed=8)
    assert "the 5% you planned for" in one.headline and "naive" not in one.text.split("\n")[2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: peeking(0), "the number of looks must be from 1"),
        (lambda: peeking(21), "the number of looks must be from 1 to 20"),
        (lambda: peeking_rates(51), "the number of looks must be from 1 to 50"),
        (lambda: peeking_rates(5, runs=10), "simulated tests must be from 100"),
        (lambda: peeking(5, seed=-3), "the seed must be a whole number"),
        (lambda: naive_peeking_rate(2.5), "the number of looks must be a whole number"),
    ],
)
def test_bad_peeking_settings_are_refused(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


# --- the widgets --------------------------------------------------------------------------------


@pytest.fixture
def ab_view(store):
    return ABTestView(store=store)


@pytest.fixture
def peek_view(store):
    return PeekingView(store=store)


def test_the_simulator_widget_shows_charts_with_alt_text_and_a_summary(ab_view):
    texts = alts(ab_view.charts.value)
    assert len(texts) == 2
    assert "Histogram of the observed lift in 2,000 simulated tests" in texts[0]
    assert "Significant tests (blue, hatched) number 696 (34.8%)" in texts[0]
    assert "The first bar, p below 0.05 (blue, hatched), holds 696 tests" in texts[1]
    assert "data:image/png;base64," in ab_view.charts.value
    shown = words(ab_view.summary.value)
    assert "696 of 2,000 tests (34.8%) found the real lift" in shown
    assert "14,128 users per arm" in shown


def test_the_simulator_controls_come_in_order_with_the_status_above_the_charts(ab_view):
    import ipywidgets as W

    c = ab_view.controls
    assert list(c) == ["baseline", "lift", "users", "experiments", "seed"]
    assert isinstance(c["users"], W.IntText) and isinstance(c["seed"], W.IntText)
    assert (c["baseline"].min, c["baseline"].max, c["baseline"].step) == (1, 50, 0.5)
    assert (c["lift"].min, c["lift"].max, c["lift"].readout_format) == (-3, 3, "+.1f")
    assert [v for _, v in c["experiments"].options] == [500, 1000, 2000, 5000]
    body = list(ab_view.children)
    assert body.index(ab_view.status) < body.index(ab_view.charts) < body.index(ab_view.summary)


def test_the_fit_button_sets_the_size_the_formula_needs(ab_view):
    v = ab_view
    v.fit_button.click()
    assert v.controls["users"].value == 14_128
    assert "this test has that many" in words(v.summary.value)
    v.controls["lift"].value = 0.0
    assert v.fit_button.disabled
    assert "false positives" in words(v.summary.value)
    v.use_needed_size()
    assert "nothing to detect" in words(v.status.value)


def test_bad_settings_show_a_message_keep_the_charts_and_lose_nothing(ab_view):
    v, c = ab_view, ab_view.controls
    before = v.charts.value
    c["users"].value = -5
    shown = words(v.status.value)
    assert "Check the settings" in shown
    assert "The number of users per arm must be from 2 to 10,000,000, not -5" in shown
    assert c["users"].value == -5 and v.charts.value == before
    c["users"].value = 3000
    assert v.status.value == ""
    c["baseline"].value = 1.0
    c["lift"].value = -3.0
    assert "rates must stay between 0% and 100%" in words(v.status.value)
    c["lift"].value = 0.5
    assert v.status.value == ""
    c["seed"].value = -1
    assert "the seed must be a whole number" in words(v.status.value).lower()


@pytest.mark.charts
def test_the_charts_follow_the_settings_and_never_clip_a_label(ab_view):
    from pm_course.models.ab_test import render

    before = ab_view.charts.value
    ab_view.controls["experiments"].value = 5000  # counts gain a digit: the layout makes room
    ab_view.controls["lift"].value = 3.0
    assert ab_view.charts.value != before
    for chart in (ab_view._lifts, ab_view._p_values):
        outer = chart.ax.get_tightbbox(chart.figure.canvas.get_renderer(), for_layout_only=True)
        width, height = chart.figure.bbox.width, chart.figure.bbox.height
        assert outer.x0 >= 0 and outer.y0 >= 0 and outer.x1 <= width and outer.y1 <= height
    assert len(ab_view._lifts.artists["sig"]) == render.LIFT_BINS


def test_the_simulator_text_fallback_is_deterministic(store):
    a, b = ABTestView(store=store), ABTestView(store=store)
    assert a._text_plain() == b._text_plain() == repr(a)
    assert "0x" not in a._text_plain()
    assert a._text_plain().startswith("A/B test simulator\nBaseline 10.0%")
    bundle = a._repr_mimebundle_()
    assert bundle["text/plain"] == a._text_plain()
    assert bundle["text/markdown"].startswith("**A/B test simulator**")


def test_the_simulator_settings_come_back_when_the_cell_runs_again(ab_view):
    c = ab_view.controls
    c["baseline"].value, c["lift"].value, c["users"].value = 20.0, 2.0, 8000
    c["experiments"].value, c["seed"].value = 500, 4
    again = ABTestView(store=ab_view.store)
    assert again.settings == ab_view.settings
    assert again._text_plain() == ab_view._text_plain()
    assert again.status.value == ""


def test_a_setting_the_simulator_refuses_is_not_saved(ab_view):
    ab_view.controls["users"].value = 4000
    ab_view.controls["users"].value = -5
    assert ABTestView(store=ab_view.store).controls["users"].value == 4000


def test_a_damaged_saved_setting_is_reported_and_the_rest_come_back(store):
    store.save_note(
        ABTestView.SECTION, ABTestView.KEY, {"users": "many", "lift": 2.0, "experiments": 7}
    )
    v = ABTestView(store=store)
    assert v.controls["lift"].value == 2.0
    assert v.controls["users"].value == 5000 and v.controls["experiments"].value == 2000
    shown = words(v.status.value)
    assert "Check the settings" in shown and "many" in shown and "7" in shown
    assert "true lift +2.0" in v._text_plain()


def test_the_peeking_widget_follows_the_slider(peek_view):
    v = peek_view
    assert "With 5 looks, 14.1%" in words(v.summary.value)
    v.controls["looks"].value = 10
    assert "With 10 looks" in words(v.summary.value)
    (alt,) = alts(v.chart.value)
    assert "Chosen: With 10 looks" in alt and "circles, solid line" in alt
    v.controls["seed"].value = -2
    assert "the seed must be a whole number" in words(v.status.value).lower()
    assert v.controls["seed"].value == -2


@pytest.mark.charts
def test_the_peeking_label_on_the_last_look_is_not_clipped(peek_view):
    peek_view.controls["looks"].value = 20
    chart = peek_view._chart
    label = chart.artists["note"].get_window_extent(chart.figure.canvas.get_renderer())
    assert label.x1 <= chart.figure.bbox.width
    assert chart.artists["note"].get_text() == "20 looks: 24.9%"


def test_the_peeking_text_fallback_is_deterministic(store):
    a, b = PeekingView(store=store), PeekingView(store=store)
    assert a._text_plain() == b._text_plain()
    assert "Simulated: 1 look 5.0%; 2 looks 8.2%; 5 looks 14.1%" in a._text_plain()


def test_the_looks_come_back_when_the_cell_runs_again(peek_view):
    peek_view.controls["looks"].value = 12
    again = PeekingView(store=peek_view.store)
    assert again.controls["looks"].value == 12 and again.controls["seed"].value == 8
    assert "With 12 looks" in again._text_plain()


def test_a_damaged_saved_look_is_reported_and_the_seed_comes_back(store):
    store.save_note(PeekingView.SECTION, PeekingView.KEY, {"looks": 99, "seed": 3})
    v = PeekingView(store=store)
    assert v.controls["looks"].value == 5 and v.controls["seed"].value == 3
    assert "Check the settings" in words(v.status.value) and "99" in words(v.status.value)
    assert "(seed 3)" in v._text_plain()
