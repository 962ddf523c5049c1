"""The product life cycle: the Bass curve, its stages, Levitt's moves and the widget, no browser."""

from __future__ import annotations

import itertools
import math
import re
from html import unescape

import numpy as np
import pytest
from chart_support import alt_of, png_of
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_course.course import content
from pm_course.models.life_cycle.model import (
    DECLINE_SHARE,
    INTRO_SHARE,
    LIFE_SHARE,
    MOVES,
    STAGES,
    LifeCycle,
    adoption_rate,
    check_coefficients,
    cumulative_share,
    peak_rate,
    peak_share,
    peak_time,
    simulate,
    stage_at,
    stage_bounds,
    time_to_share,
)

ps = st.floats(min_value=0.001, max_value=0.1)
qs = st.floats(min_value=0.0, max_value=1.0)


def words(markup: str) -> str:
    """The text a learner reads in an HTML widget value."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))).strip()


# --- the Bass curve -------------------------------------------------------------------------


@pytest.mark.parametrize(("p", "q"), [(0.03, 0.38), (0.02, 0.40), (0.01, 0.9), (0.05, 0.1)])
def test_the_peak_formula_matches_the_top_of_the_closed_form_curve(p, q):
    t = np.linspace(0, 60, 600_001)
    top = t[np.argmax(adoption_rate(t, p, q))]
    assert peak_time(p, q) == pytest.approx(math.log(q / p) / (p + q))
    assert top == pytest.approx(peak_time(p, q), abs=2e-4)
    assert float(adoption_rate(top, p, q)) == pytest.approx(peak_rate(p, q), rel=1e-9)
    assert float(cumulative_share(peak_time(p, q), p, q)) == pytest.approx(peak_share(p, q))


@given(ps, qs)
@settings(max_examples=60, deadline=None)
def test_the_peak_is_the_highest_point_for_any_coefficients(p, q):
    t = np.linspace(0, time_to_share(0.999, p, q), 20_001)
    rate = adoption_rate(t, p, q)
    best = float(adoption_rate(peak_time(p, q), p, q))
    assert best >= rate.max() * (1 - 1e-9)
    assert (peak_time(p, q) > 0) == (q > p)


@pytest.mark.parametrize(("p", "q"), [(0.03, 0.38), (0.02, 0.40), (0.04, 0.2)])
def test_a_fine_step_by_step_simulation_agrees_with_the_closed_form(p, q):
    m = 100.0
    times, per_period, cumulative = simulate(p, q, m, horizon=30, dt=0.001)
    assert np.max(np.abs(cumulative - m * cumulative_share(times, p, q))) < 0.05
    assert times[np.argmax(per_period)] == pytest.approx(peak_time(p, q), abs=0.01)


def test_bass_discrete_form_starts_with_p_times_m_and_its_peak_converges_to_t_star():
    times, per_period, cumulative = simulate(0.03, 0.38, 100, horizon=20, dt=1.0)
    assert per_period[0] == pytest.approx(3.0)  # first period: p m
    assert per_period[1] == pytest.approx((0.03 + 0.38 * 0.03) * 97)
    assert cumulative[-1] == pytest.approx(100, abs=0.5)
    errors = []
    for dt in (1.0, 0.1, 0.01):
        times, per_period, _ = simulate(0.03, 0.38, 100, horizon=20, dt=dt)
        errors.append(abs(times[np.argmax(per_period)] - peak_time(0.03, 0.38)))
    assert errors[0] <= 2.0  # yearly steps lag the continuous peak by under two years
    assert errors[0] > errors[1] > errors[2] and errors[2] < 0.05


@given(ps, qs)
@settings(max_examples=60, deadline=None)
def test_the_adoption_rate_is_the_slope_of_the_s_curve_and_obeys_the_bass_hazard(p, q):
    t = np.linspace(0, time_to_share(0.99, p, q), 4001)
    big_f, small_f = cumulative_share(t, p, q), adoption_rate(t, p, q)
    slope = np.gradient(big_f, t)
    assert np.allclose(slope[1:-1], small_f[1:-1], rtol=1e-3, atol=1e-6)
    assert np.allclose(small_f / (1 - big_f), p + q * big_f, rtol=1e-9)
    assert np.all(np.diff(big_f) >= 0)
    assert big_f[0] == 0 and small_f[0] == pytest.approx(p)


@given(ps, qs, st.floats(min_value=0.0, max_value=0.99))
def test_time_to_share_inverts_the_s_curve(p, q, share):
    assert float(cumulative_share(time_to_share(share, p, q), p, q)) == pytest.approx(
        share, abs=1e-9
    )


def test_the_curve_is_zero_before_launch():
    assert float(cumulative_share(-1, 0.03, 0.38)) == 0
    assert float(adoption_rate(-0.5, 0.03, 0.38)) == 0


def test_the_numeric_question_matches_the_model():
    q = content.question("plc-peak-time")
    assert abs(peak_time(0.02, 0.40) - q.answer) <= q.tolerance
    assert round(peak_time(0.02, 0.40), 1) == 7.1


def test_the_q_question_matches_the_model():
    before, after = LifeCycle(q=0.38), LifeCycle(q=0.50)
    assert after.peak_time < before.peak_time
    assert after.peak_sales > before.peak_sales
    assert round(before.peak_time, 1) == 6.2 and round(after.peak_time, 1) == 5.3


# --- stages -----------------------------------------------------------------------------------


def test_the_default_stages():
    b = stage_bounds(0.03, 0.38)
    assert list(b) == list(STAGES) == ["introduction", "growth", "maturity", "decline"]
    assert [round(b[k][1], 1) for k in ("introduction", "growth", "maturity")] == [2.3, 6.2, 11.8]
    assert b["decline"][1] == math.inf
    assert float(cumulative_share(b["introduction"][1], 0.03, 0.38)) == pytest.approx(INTRO_SHARE)
    assert float(cumulative_share(b["decline"][0], 0.03, 0.38)) == pytest.approx(DECLINE_SHARE)
    assert b["growth"][1] == peak_time(0.03, 0.38)


@given(ps, qs)
def test_stages_are_contiguous_and_in_order(p, q):
    spans = list(stage_bounds(p, q).values())
    assert spans[0][0] == 0
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end == start
    assert all(start <= end for start, end in spans)


def test_stage_at():
    assert stage_at(0, 0.03, 0.38).key == "introduction"
    assert stage_at(4, 0.03, 0.38).key == "growth"
    assert stage_at(8, 0.03, 0.38).key == "maturity"
    assert stage_at(50, 0.03, 0.38).key == "decline"
    with pytest.raises(ValueError, match="cannot be negative"):
        stage_at(-1, 0.03, 0.38)


def test_without_imitation_stronger_than_innovation_there_is_no_growth_stage():
    c = LifeCycle(q=0.02)
    assert not c.has_growth and c.peak_time == 0 and c.peak_share == 0
    assert c.peak_sales == pytest.approx(c.m * c.p)
    s = c.summary()
    assert "highest at launch" in s.headline
    assert s.stage_span("growth").startswith("none")
    assert s.stage_span("introduction").startswith("none")
    assert s.stage_span("maturity").startswith("launch to year")


def test_a_peak_before_ten_percent_leaves_growth_empty_and_says_why():
    c = LifeCycle(p=0.05, q=0.06)  # F(t*) = 1/2 - p/2q, about 8%
    assert c.has_growth and c.peak_share < INTRO_SHARE
    assert c.summary().stage_span("growth") == (
        "none: adoption peaks before 10% of the market has adopted"
    )


def test_every_stage_has_a_rule_a_curve_and_a_focus():
    for s in STAGES.values():
        assert s.title and s.rule and s.curve and len(s.focus) == 3


# --- Levitt's moves ---------------------------------------------------------------------------


def test_moves_start_in_levitts_order_one_gap_apart_with_the_stated_sizes():
    c = LifeCycle(moves=("new_uses", "frequent"), first_move=8, move_gap=3)
    waves = c.waves()
    assert [w.move.key for w in waves] == ["frequent", "new_uses"]
    assert [w.start for w in waves] == [8, 11]
    adopted_by_8 = 100 * float(cumulative_share(8, 0.03, 0.38))
    assert waves[0].size == pytest.approx(MOVES["frequent"].size * adopted_by_8)
    assert waves[1].size == pytest.approx(MOVES["new_uses"].size * 100)
    assert c.cumulative(1000) == pytest.approx(100 + waves[0].size + waves[1].size)


def test_moves_add_sales_and_extend_the_life():
    base = LifeCycle()
    assert base.life(with_moves=False) == base.life()
    assert round(base.life(), 1) == 13.2
    t = np.linspace(0, 40, 401)
    last = base
    for key in MOVES:
        more = last.with_(moves=(*last.moves, key))
        assert np.all(more.rate(t) >= last.rate(t) - 1e-12)
        assert more.life() >= last.life()
        last = more
    assert last.life() > base.life() + 10
    assert last.life(with_moves=False) == base.life()
    assert np.allclose(last.rate(t, with_moves=False), base.rate(t))


def test_the_life_is_where_sales_last_cross_a_fifth_of_the_peak():
    c = LifeCycle(moves=("frequent", "new_users"))
    life = c.life()
    threshold = LIFE_SHARE * c.peak_sales
    assert float(c.rate(life)) == pytest.approx(threshold, rel=1e-6)
    assert np.all(c.rate(np.linspace(life + 0.01, life + 50, 500)) < threshold)


def test_a_move_among_current_users_is_small_when_it_starts_early():
    early = LifeCycle(moves=("frequent",), first_move=1).waves()[0]
    late = LifeCycle(moves=("frequent",), first_move=10).waves()[0]
    assert early.size < late.size / 5


def test_the_horizon_covers_the_last_wave_within_limits():
    assert LifeCycle().horizon == 20
    assert LifeCycle(moves=tuple(MOVES), first_move=30, move_gap=10).horizon == 80
    assert LifeCycle(p=0.001, q=0.0).horizon == 80


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p": 0}, "p must be more than 0"),
        ({"p": -0.1}, "p must be more than 0"),
        ({"q": -0.1}, "q cannot be negative"),
        ({"p": float("nan")}, "must be a finite number"),
        ({"q": "0.4"}, "q must be a number; got '0.4'"),
        ({"p": True}, "p must be a number"),
        ({"m": 0}, "market size m must be more than 0"),
        ({"stage": "launch"}, "no stage called 'launch'; the stages are introduction, growth"),
        ({"moves": ("discounts",)}, "no move called 'discounts'; the moves are frequent"),
        ({"moves": ("frequent", "frequent")}, "only once"),
        ({"moves": "frequent"}, "not one string"),
        ({"move_gap": 0}, "years between moves must be more than 0"),
        ({"first_move": -2}, "cannot start before launch"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        LifeCycle(**kwargs)


def test_bad_arguments_to_the_functions_are_refused():
    with pytest.raises(ValueError, match="up to"):
        time_to_share(1.0, 0.03, 0.38)
    with pytest.raises(ValueError, match="more than 0"):
        simulate(0.03, 0.38, 100, horizon=10, dt=0)
    with pytest.raises(ValueError, match="too many steps"):
        simulate(0.03, 0.38, 100, horizon=1e6, dt=0.001)
    with pytest.raises(ValueError, match="p must be more than 0"):
        peak_time(0, 0.3)
    assert check_coefficients(np.float64(0.03), 1) == (0.03, 1.0)


# --- the summary ------------------------------------------------------------------------------


def test_the_default_summary_reads_as_expected():
    s = LifeCycle().summary()
    assert s.headline == (
        "Adoption per year peaks in year 6.2 at 11.1 thousand, when 46% of the market has adopted."
    )
    text = s.text
    assert text.startswith(
        "Product life cycle (Bass model): p = 0.030, q = 0.38, market size m = 100 thousand"
    )
    assert "  Growth        year 2.3 to year 6.2" in text
    assert "  Decline       from year 11.8" in text
    assert "Stage chosen: Introduction (launch to year 2.3)" in text
    assert text.endswith("until year 13.2.")
    assert "| Maturity | year 6.2 to year 11.8 |" in s.markdown


def test_the_summary_lists_moves_and_the_years_gained():
    s = LifeCycle(moves=("frequent", "new_uses"), stage="maturity").summary()
    assert "1. More frequent use from year 8.0 (+32.6 thousand sales)" in s.text
    assert "2. New uses from year 11.0 (+40.0 thousand sales)" in s.text
    gained = r"until year 13\.2 without the moves and until year [\d.]+ with them \(\+"
    assert re.search(gained, s.text)


def test_alt_texts_state_the_facts_of_the_charts():
    c = LifeCycle(moves=("new_users",), stage="growth")
    s = c.summary()
    assert "peaks in year 6.2" in s.rate_alt
    assert "introduction launch to year 2.3; growth year 2.3 to year 6.2" in s.rate_alt
    assert "The growth stage is highlighted." in s.rate_alt
    assert "1. New users from year 8.0" in s.rate_alt
    assert "S-shaped: 10% of the market by year 2.3, 46% at the peak in year 6.2" in (
        s.cumulative_alt
    )
    assert "90% by year 11.8" in s.cumulative_alt
    assert "cumulative sales reach 130" in s.cumulative_alt


def test_the_settings_round_trip_and_name_one_tick_box_per_move():
    c = LifeCycle(p=0.02, q=0.5, m=300, stage="growth", moves=("new_uses",), first_move=5)
    settings = c.settings()
    assert settings["move:new_uses"] is True and settings["move:frequent"] is False
    assert LifeCycle.from_settings(settings) == c
    with pytest.raises(ValueError, match="p must be more than 0"):
        LifeCycle.from_settings({**settings, "p": 0})


def test_bands_leave_out_empty_stages_and_stand_titles_upright_when_narrow():
    bands = LifeCycle(stage="growth").bands()
    assert [b.stage.key for b in bands] == list(STAGES)
    assert [b.chosen for b in bands] == [False, True, False, False]
    assert [b.shade for b in bands] == [0, 1, 0, 1]
    assert bands[-1].end == LifeCycle().horizon
    assert [b.narrow for b in bands] == [True, False, False, False]  # 2.3 of 20 years
    no_growth = LifeCycle(q=0.02).bands()
    assert [b.stage.key for b in no_growth] == ["maturity", "decline"]
    assert [b.shade for b in no_growth] == [0, 1]


def test_repeated_questions_to_the_model_give_the_same_answers():
    c = LifeCycle(moves=tuple(MOVES))
    assert c.life() == c.life() and c.life(with_moves=False) == LifeCycle().life()
    assert c.curves() is c.curves()
    assert c.curves(points=11).t.shape == (11,)
    assert c.waves() == c.waves() and c.waves() is not c.waves()


# --- the view, driven without a browser -------------------------------------------------------


@pytest.fixture(scope="module")
def view_class():
    from pm_course.models.life_cycle.view import LifeCycleView

    return LifeCycleView


@pytest.fixture
def view(view_class, store):
    return view_class(store=store)


def test_the_public_entry_returns_the_view_with_the_stage_and_moves_asked_for(view_class, store):
    import pm_course

    v = pm_course.life_cycle(stage="maturity", moves=["new_uses"])
    assert isinstance(v, view_class)
    assert v.controls["stage"].value == "maturity" and v.controls["move:new_uses"].value
    assert "Stage chosen: Maturity" in repr(v)
    with pytest.raises(ValueError, match="no stage called"):
        pm_course.life_cycle(stage="Maturity")


def test_controls_are_labelled_keyboard_widgets_on_the_models_scales(view):
    import ipywidgets as W

    c = view.controls
    assert isinstance(c["p"], W.FloatSlider) and (c["p"].min, c["p"].max) == (0.001, 0.1)
    assert isinstance(c["q"], W.FloatSlider) and (c["q"].min, c["q"].max) == (0.0, 1.0)
    assert isinstance(c["m"], W.IntSlider)
    assert (c["p"].value, c["q"].value, c["m"].value) == (0.03, 0.38, 100)
    assert (c["p"].readout_format, c["q"].readout_format) == (".3f", ".2f")
    for name in ("p", "q", "m", "first_move", "move_gap"):
        assert c[name].description and c[name].tooltip and not c[name].continuous_update
    assert [v for _, v in c["stage"].options] == list(STAGES)
    assert len(c["stage"].tooltips) == len(STAGES)
    for key, move in MOVES.items():
        box = c[f"move:{key}"]
        assert isinstance(box, W.Checkbox)
        assert move.title in box.description and "Levitt" in box.tooltip


def test_the_controls_come_in_the_order_a_learner_reads_them(view):
    import ipywidgets as W

    def described(widget):
        if isinstance(widget, W.ValueWidget) and getattr(widget, "description", ""):
            yield widget.description
        for child in getattr(widget, "children", ()):
            yield from described(child)

    assert list(described(view)) == [
        "Innovation p",
        "Imitation q",
        "Market m (thousand)",
        *(f"{mv.title} ({mv.among})" for mv in MOVES.values()),
        "First move in year",
        "Years between moves",
        "Stage",
    ]


@pytest.mark.charts
def test_raising_q_moves_the_peak_earlier_and_redraws_everything(view):
    before_text, before_png = view._text_plain(), png_of(view.rate_chart.value)
    view.controls["q"].value = 0.5
    assert "peaks in year 5.3" in words(view.summary.value)
    assert "peaks in year 5.3" in alt_of(view.rate_chart.value)
    assert "at the peak in year 5.3" in alt_of(view.cumulative_chart.value)
    assert png_of(view.rate_chart.value) != before_png
    assert view._text_plain() != before_text
    assert "q = 0.50" in view._text_plain()


@pytest.mark.charts
def test_a_chart_after_steps_is_the_chart_drawn_fresh(view_class, store):
    stepped = view_class(store=store)
    for name, value in [("q", 0.02), ("move:frequent", True), ("stage", "decline"), ("q", 0.5)]:
        stepped.controls[name].value = value
    fresh = view_class("decline", ("frequent",), store=type(store)(store.home / "other"))
    fresh.controls["q"].value = 0.5
    assert png_of(stepped.rate_chart.value) == png_of(fresh.rate_chart.value)
    assert png_of(stepped.cumulative_chart.value) == png_of(fresh.cumulative_chart.value)


def test_setting_q_below_p_says_there_is_no_growth_stage(view):
    view.controls["q"].value = 0.02
    text = words(view.summary.value)
    assert "highest at launch" in text
    assert "Growth none: adoption per year is highest at launch" in text
    assert view.status.value == ""


def test_a_stage_button_shows_that_stages_focus(view):
    view.controls["stage"].value = "decline"
    focus = words(view.focus.value)
    assert focus.startswith("Decline (from year 11.8)")
    assert "tell its users" in focus
    assert "The decline stage is highlighted." in alt_of(view.rate_chart.value)
    assert "Stage chosen: Decline" in view._text_plain()


def test_switching_moves_on_and_off_extends_and_restores_the_curve(view):
    start_text = view._text_plain()
    view.controls["move:frequent"].value = True
    view.controls["move:new_users"].value = True
    assert view.model.moves == ("frequent", "new_users")
    alt = alt_of(view.rate_chart.value)
    assert "1. More frequent use from year 8.0; 2. New users from year 11.0" in alt
    assert "with them" in words(view.summary.value)
    view.controls["first_move"].value = 5
    view.controls["move_gap"].value = 2
    assert "2. New users from year 7.0" in alt_of(view.rate_chart.value)
    view.controls["move:frequent"].value = False
    view.controls["move:new_users"].value = False
    view.controls["first_move"].value, view.controls["move_gap"].value = 8, 3
    assert view._text_plain() == start_text


def test_reset_puts_every_control_back(view):
    c = view.controls
    start_text, start_chart = view._text_plain(), view.rate_chart.value
    c["p"].value, c["q"].value, c["m"].value = 0.05, 0.7, 500
    c["stage"].value = "growth"
    c["move:new_uses"].value = True
    c["first_move"].value = 20
    assert view._text_plain() != start_text
    view.reset_button.click()
    assert view._text_plain() == start_text
    assert view.rate_chart.value == start_chart
    assert not c["move:new_uses"].value and c["stage"].value == "introduction"
    assert (c["p"].value, c["q"].value, c["m"].value, c["first_move"].value) == (
        0.03,
        0.38,
        100,
        8,
    )


def test_reset_goes_back_to_the_stage_and_moves_the_view_started_with(view_class, store):
    v = view_class("maturity", ("new_uses",), store=store)
    v.controls["stage"].value = "growth"
    v.controls["move:new_uses"].value = False
    v.reset_button.click()
    assert v.controls["stage"].value == "maturity" and v.controls["move:new_uses"].value


def test_a_setting_the_model_refuses_shows_a_message_and_keeps_the_model(view):
    from pm_course.ui.model_view import SettingsProblem

    good, before = view.model, view._text_plain()
    with pytest.raises(SettingsProblem, match="p must be more than 0"):
        view.update({**view.settings, "p": 0})
    view.model = good
    view.update = lambda settings: type(view).update(view, {**settings, "p": 0})
    view.changed()
    assert "Check the settings" in words(view.status.value)
    assert "p must be more than 0" in words(view.status.value)
    assert view.model == good and view._text_plain() == before
    del view.update
    view.controls["q"].value = 0.4
    assert view.status.value == ""


def test_settings_are_saved_and_come_back_when_the_cell_runs_again(view_class, view):
    view.controls["q"].value = 0.5
    view.controls["move:varied"].value = True
    view.controls["stage"].value = "growth"
    again = view_class(store=view.store)
    assert again.controls["q"].value == 0.5 and again.controls["move:varied"].value
    assert again.controls["stage"].value == "growth"
    assert again._text_plain() == view._text_plain()
    assert again.status.value == ""


def test_each_way_of_calling_the_view_keeps_its_own_settings(view_class, store):
    first = view_class(store=store)
    first.controls["stage"].value = "decline"
    maturity = view_class(stage="maturity", store=store)
    assert maturity.controls["stage"].value == "maturity"
    maturity.controls["q"].value = 0.6
    assert view_class(store=store).controls["q"].value == 0.38
    assert view_class(stage="maturity", store=store).controls["q"].value == 0.6
    assert store.note("life-cycle-maturity")["stage"] == "maturity"


def test_a_damaged_saved_setting_is_reported_and_the_rest_come_back(view_class, store):
    store.save_note(
        view_class.SECTION, view_class.KEY, {"q": "steep", "m": 400, "move:frequent": True}
    )
    v = view_class(store=store)
    assert v.controls["m"].value == 400 and v.controls["move:frequent"].value
    assert v.controls["q"].value == 0.38
    status = words(v.status.value)
    assert "Check the settings" in status and "steep" in status
    assert "market size m = 400" in v._text_plain()
