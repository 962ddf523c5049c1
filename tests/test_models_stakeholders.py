"""The stakeholder models: the grid, the engagement plan and n(n-1)/2, and their widgets
driven without a browser (set values, click, read what a learner reads)."""

from __future__ import annotations

import html
import re

import pytest
from chart_support import alts_of
from hypothesis import given
from hypothesis import strategies as st

from pm_course.models.stakeholders.model import (
    CHAR_W,
    HIGH_FROM,
    LINE_H,
    MAX_NAME,
    MAX_STAKEHOLDERS,
    NOTE_KEY,
    PLAYBOOK,
    PRESETS,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    SECTION,
    TACTICS,
    Channels,
    EngagementPlan,
    Stakeholder,
    StakeholderMap,
    box,
    channels,
    channels_curve,
    classify,
    clean_name,
    corner_boxes,
    is_high,
    label_spots,
    labels,
    overlap,
)

scores = st.integers(min_value=SCORE_MIN, max_value=SCORE_MAX)


def words(markup: str) -> str:
    """The text a learner reads in an HTML widget value."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return html.unescape(re.sub(r" ([:;,.])", r"\1", text))


# --- the grid ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("power", "interest", "key"),
    [
        (10, 10, "manage_closely"),
        (HIGH_FROM, HIGH_FROM, "manage_closely"),
        (HIGH_FROM, HIGH_FROM - 1, "keep_satisfied"),
        (10, 0, "keep_satisfied"),
        (HIGH_FROM - 1, HIGH_FROM, "keep_informed"),
        (0, 10, "keep_informed"),
        (HIGH_FROM - 1, HIGH_FROM - 1, "monitor"),
        (0, 0, "monitor"),
    ],
)
def test_classify_puts_the_boundary_between_5_and_6(power, interest, key):
    assert classify(power, interest) is QUADRANTS[key]


@given(scores, scores)
def test_power_and_interest_decide_the_quadrant(power, interest):
    q = classify(power, interest)
    expected = {
        (True, True): "manage_closely",
        (True, False): "keep_satisfied",
        (False, True): "keep_informed",
        (False, False): "monitor",
    }[(power >= HIGH_FROM, interest >= HIGH_FROM)]
    assert q.key == expected
    assert Stakeholder("Anyone", power, interest).quadrant is q


def test_the_quadrants_have_the_published_strategies():
    assert [q.title for q in QUADRANTS.values()] == [
        "Manage closely",
        "Keep satisfied",
        "Keep informed",
        "Monitor",
    ]
    assert QUADRANTS["keep_satisfied"].where == "high power, low interest"
    assert QUADRANTS["keep_informed"].where == "low power, high interest"
    assert not is_high(5) and is_high(6)


def test_the_example_fills_every_quadrant_twice():
    counts = {k: sum(s.quadrant.key == k for s in PRESETS) for k in QUADRANTS}
    assert counts == dict.fromkeys(QUADRANTS, 2)


@pytest.mark.parametrize("bad", [-1, 11, 5.5, "7", None, True])
def test_a_score_off_the_scale_or_not_whole_is_refused_with_the_name(bad):
    with pytest.raises(ValueError, match=r"'Funder' has .* for power"):
        Stakeholder("Funder", bad, 5)
    with pytest.raises(ValueError, match=r"'Funder' has .* for interest"):
        Stakeholder("Funder", 5, bad)


def test_names_are_tidied_and_checked():
    assert clean_name("  Head   of\tfinance\n") == "Head of finance"
    assert clean_name("Board\x00 chair") == "Board chair"
    assert Stakeholder(" Volunteers ", 2, 7).name == "Volunteers"
    with pytest.raises(ValueError, match="type a name"):
        clean_name("   ")
    with pytest.raises(ValueError, match="must be text"):
        clean_name(None)
    with pytest.raises(ValueError, match=f"at most {MAX_NAME} characters"):
        clean_name("x" * (MAX_NAME + 1))
    assert clean_name("x" * MAX_NAME) == "x" * MAX_NAME


def test_adding_refuses_a_duplicate_whatever_its_case_or_spacing():
    start = StakeholderMap()
    with pytest.raises(ValueError, match="'Volunteers' is already on the map"):
        start.add("  volunteers ", 3, 3)
    with pytest.raises(ValueError, match="two stakeholders are called 'A'"):
        StakeholderMap((Stakeholder("A", 1, 1), Stakeholder("a", 2, 2)))


def test_the_map_holds_at_most_twelve():
    full = StakeholderMap(tuple(Stakeholder(f"P{i}", 1, 1) for i in range(MAX_STAKEHOLDERS)))
    with pytest.raises(ValueError, match=f"at most {MAX_STAKEHOLDERS} stakeholders"):
        full.add("One more", 5, 5)
    with pytest.raises(ValueError, match="at most 12"):
        StakeholderMap((*full.stakeholders, Stakeholder("Extra", 1, 1)))


def test_update_rename_and_remove_return_new_maps():
    start = StakeholderMap()
    moved = start.update("Board of trustees", interest=8)
    assert start.get("Board of trustees").quadrant.key == "keep_satisfied"
    assert moved.get("board of trustees").quadrant.key == "manage_closely"
    renamed = start.update("Volunteers", new_name="Volunteer drivers")
    assert "Volunteer drivers" in renamed.names and "Volunteers" not in renamed.names
    assert renamed.names.index("Volunteer drivers") == start.names.index("Volunteers")
    assert start.update("Volunteers", new_name="VOLUNTEERS").get("volunteers").name == "VOLUNTEERS"
    with pytest.raises(ValueError, match="'Chief executive' is already on the map"):
        start.update("Volunteers", new_name="chief executive")
    smaller = start.remove("Local newspaper")
    assert len(smaller) == len(start) - 1 and smaller.find("Local newspaper") is None
    with pytest.raises(ValueError, match=r"no stakeholder called 'Mayor'; the map has Chief"):
        start.remove("Mayor")
    with pytest.raises(ValueError, match="the map has nobody yet"):
        StakeholderMap(()).get("Anyone")
    with pytest.raises(ValueError, match="outside the scale"):
        start.update("Volunteers", power=12)
    with pytest.raises(ValueError, match="is not a Stakeholder"):
        StakeholderMap(("Volunteers",))


def test_saved_data_round_trips():
    start = StakeholderMap().add("Data protection officer", 6, 4)
    again, problems = StakeholderMap.from_data(start.to_data())
    assert again == start and problems == []
    assert start.to_data()["stakeholders"][-1] == {
        "name": "Data protection officer",
        "power": 6,
        "interest": 4,
    }


@pytest.mark.parametrize("data", [None, "map", [], {"stakeholders": "x"}, {"version": 1}])
def test_unreadable_saved_data_gives_the_example_and_says_so(data):
    model, problems = StakeholderMap.from_data(data)
    assert model == StakeholderMap()
    assert problems == ["Your saved map could not be read, so the example map is shown."]


def test_bad_saved_entries_are_left_out_one_by_one():
    data = {
        "stakeholders": [
            {"name": "Funder", "power": 8, "interest": 2},
            {"name": "funder", "power": 1, "interest": 1},
            {"name": "", "power": 1, "interest": 1},
            {"name": "Mayor", "power": 99, "interest": 1},
            "not a row",
        ]
    }
    model, problems = StakeholderMap.from_data(data)
    assert model.names == ["Funder"]
    assert len(problems) == 4
    assert "'Funder' is already on the map" in problems[0]
    assert "outside the scale" in problems[2]
    assert all(p.startswith("A saved stakeholder was left out") for p in problems)


def test_the_example_summary_reads_as_expected():
    summary = StakeholderMap().summary()
    assert summary.headline == (
        "8 stakeholders: 2 to manage closely, 2 to keep satisfied, 2 to keep informed "
        "and 2 to monitor."
    )
    text = summary.text
    assert "Board of trustees           9         3  Keep satisfied" in text
    assert text.count("\n") == len(PRESETS) + 8
    assert "Keep informed (Volunteer coordinators and Volunteers): tell them" in text
    assert "| Local newspaper | 1 | 1 | Monitor |" in summary.markdown


def test_an_empty_map_says_so():
    summary = StakeholderMap(()).summary()
    assert summary.headline.startswith("No stakeholders on the map yet")
    assert "(no stakeholders)" in summary.text
    assert summary.alt_text.endswith("No stakeholders are on it yet.")
    assert EngagementPlan(()).headline.startswith("No stakeholders yet, so no plan")


def test_alt_text_states_every_point_and_the_quadrant_layout():
    alt = StakeholderMap().summary().alt_text
    for s in PRESETS:
        assert (
            f"{s.name}: power {s.power}, interest {s.interest}, {s.quadrant.title.lower()}" in alt
        )
    assert "manage closely at the top right" in alt and "monitor at the bottom left" in alt


def test_markdown_escapes_what_a_learner_types():
    md = StakeholderMap((Stakeholder("A|B *C*", 9, 9),)).summary().markdown
    assert r"| A\|B \*C\* | 9 | 9 |" in md


# --- the engagement plan ----------------------------------------------------------------------


def test_the_playbook_uses_every_page_tactic_and_covers_every_quadrant():
    assert set(PLAYBOOK) == set(QUADRANTS)
    used = {key for actions in PLAYBOOK.values() for key, _ in actions}
    assert used == set(TACTICS)
    assert [t.name for t in TACTICS.values()] == [
        "Review meeting",
        "Advisory board",
        "1-2-1 catch-up",
        "Regular update",
        "Training for new features",
    ]


def test_the_example_plan_counts_contacts_a_year():
    plan = StakeholderMap().plan()
    loads = {load.tactic.key: load for load in plan.loads()}
    assert loads["one_to_one"].per_year == 2 * 26 + 2 * 4
    assert loads["one_to_one"].people == 4
    assert loads["review"].per_year == 12
    assert loads["advisory"].per_year == 4
    assert loads["updates"].per_year == 26 and loads["updates"].people == 8
    assert loads["training"].per_year is None
    assert plan.contacts == 60 + 12 + 4 + 26
    assert plan.headline.startswith("This plan asks for about 102 scheduled contacts a year; 60")
    assert "(59%)" in plan.headline


def test_plan_rows_are_grouped_closest_contact_first():
    plan = StakeholderMap().plan()
    assert [r.quadrant.key for r in plan.rows] == [k for k in QUADRANTS for _ in range(2)]
    row = plan.rows[0]
    assert [a.text for a in row.actions] == [
        "1-2-1 catch-up, every two weeks",
        "Review meeting, monthly",
        "Regular update, every two weeks",
    ]


def test_adding_a_key_player_adds_26_catch_ups():
    before = StakeholderMap().plan().contacts
    after = StakeholderMap().add("Finance director", 8, 8).plan().contacts
    assert after - before == 26


def test_a_plan_without_catch_ups_says_so_and_every_plan_says_it_is_a_starting_point():
    plan = StakeholderMap((Stakeholder("Press", 1, 1), Stakeholder("Users", 2, 9))).plan()
    assert plan.headline == (
        "This plan asks for about 26 scheduled contacts a year, none of them 1-2-1 catch-ups."
    )
    assert "a starting point, not a rule" in plan.text
    assert "a starting point, not a rule" in plan.markdown
    assert "Training for new features: at each release" in plan.text


# --- communication channels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"), [(0, 0), (1, 0), (2, 1), (3, 3), (4, 6), (5, 10), (10, 45), (30, 435)]
)
def test_channels_are_n_times_n_minus_1_over_2(n, expected):
    assert channels(n) == expected


@given(st.integers(min_value=0, max_value=10_000))
def test_each_new_person_adds_one_channel_per_person_already_there(n):
    assert channels(n + 1) - channels(n) == n


def test_the_curve_is_vectorised_and_matches():
    curve = channels_curve(range(31))
    assert curve.tolist() == [channels(n) for n in range(31)]
    assert channels_curve([]).tolist() == []


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True, None])
def test_bad_team_sizes_are_refused(bad):
    with pytest.raises(ValueError, match="channels"):
        channels(bad)
    with pytest.raises(ValueError, match="channels"):
        Channels(bad)


@pytest.mark.parametrize("bad", [[-1, 2], [2.5], [True, False]])
def test_the_curve_refuses_bad_sizes(bad):
    with pytest.raises(ValueError, match="channels: group sizes"):
        channels_curve(bad)


def test_channels_in_words():
    assert Channels(10).text.splitlines() == [
        "Communication channels",
        "A team of 10 people has 45 communication channels (10 × 9 ÷ 2), one for each pair.",
        "The 10th person added 9 of them, one to each person already there.",
        "Doubling the team to 20 would give 190 channels, 4.2 times as many.",
        "If every message went through one person, 10 people would need only 9 channels, "
        "but that person would carry every conversation.",
    ]
    assert Channels(1).lines() == ["A group of 1 has no channels: there is nobody to talk to."]
    assert "The 2nd person added 1" in Channels(2).text
    assert "The 3rd person" in Channels(3).text
    assert "The 11th person" in Channels(11).text
    assert "The 22nd person" in Channels(22).text
    assert "Marked: 12 people, 66 channels." in Channels(12).curve_alt()
    assert "10 people 45, 20 people 190, 30 people 435" in Channels(12).curve_alt()
    assert Channels(7).network_alt().endswith("every pair: 21 lines.")


# --- drawing ----------------------------------------------------------------------------------


def test_labels_of_the_example_do_not_overlap_each_other():
    points = [(s.interest, s.power, s.name) for s in PRESETS]
    spots = label_spots(points)
    assert spots == label_spots(points)
    boxes = [
        box(x, y, CHAR_W * len(text), LINE_H, ha, va)
        for (x, y, ha, va), (_, _, text) in zip(spots, points, strict=True)
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert overlap(a, b) == 0


def test_a_label_at_the_right_edge_goes_to_the_left():
    [(x, _, ha, _)] = label_spots([(10, 5, "A long stakeholder name here")])
    assert ha == "right" and x < 10


def test_labels_share_a_spot_and_keep_clear_of_the_quadrant_titles():
    titles = (("manage_closely", "Manage closely ●"),)
    crowd = (Stakeholder("A", 10, 10), Stakeholder("B", 10, 10), Stakeholder("C", 2, 2))
    placed = labels(crowd, titles)
    assert [(lab.interest, lab.power, lab.text) for lab in placed] == [
        (10, 10, "A\nB"),
        (2, 2, "C"),
    ]
    [title] = corner_boxes(dict(titles))
    top = placed[0]
    assert overlap(box(top.x, top.y, CHAR_W, 2 * LINE_H, top.ha, top.va), title) == 0
    assert labels(crowd, titles) is placed  # cached: a redraw with the same map costs nothing


@pytest.mark.charts
def test_charts_draw_awkward_names_and_an_empty_map():
    from pm_course.models.stakeholders import render

    odd = StakeholderMap(
        (
            Stakeholder("$x$ and $y$ donors", 9, 9),
            Stakeholder(r"C:\shared \n", 9, 9),
            Stakeholder("<b>bold</b> & co", 2, 2),
        )
    )
    grid = render.grid_chart()
    for summary in (odd.summary(), StakeholderMap(()).summary(), odd.summary()):
        render.draw_grid(grid, summary)
        assert grid.png().startswith(b"\x89PNG")
    assert grid.artists["empty"].get_visible() is False
    network, curve = render.network_chart(), render.curve_chart()
    for n in (2, 30):
        render.draw_network(network, n)
        render.draw_curve(curve, n)
        assert network.png().startswith(b"\x89PNG") and curve.png().startswith(b"\x89PNG")
    assert network.ax.get_title() == "30 people, 435 channels"
    assert curve.artists["note"].get_text() == "30 people: 435 channels"


# --- the views, driven without a browser ------------------------------------------------------


@pytest.fixture
def view(store):
    from pm_course.models.stakeholders.view import StakeholderMapView

    return StakeholderMapView(store=store)


def add(view, name, power, interest):
    view.chooser.value = "(new stakeholder)"
    view.name.value = name
    view.power.value = power
    view.interest.value = interest
    view.add_button.click()


def test_the_public_entries_return_the_views(store):
    import pm_course
    from pm_course.models.stakeholders.view import (
        ChannelsView,
        EngagementPlanView,
        StakeholderMapView,
    )

    assert isinstance(pm_course.stakeholder_map(), StakeholderMapView)
    assert isinstance(pm_course.engagement_plan(), EngagementPlanView)
    assert isinstance(pm_course.communication_channels(), ChannelsView)
    assert pm_course.communication_channels(8).model.people == 8
    assert ChannelsView(7, store=store).controls["people"].value == 7


def test_the_view_starts_with_the_example_and_saves_nothing(view, store):
    assert view.model == StakeholderMap()
    assert view.chooser.options[0] == "(new stakeholder)"
    assert list(view.chooser.options[1:]) == [s.name for s in PRESETS]
    assert "8 stakeholders" in words(view.summary.value)
    assert any("Chief executive: power 9" in a for a in alts_of(view.chart.value))
    assert store.note(NOTE_KEY) is None
    assert not view.add_button.disabled and view.remove_button.disabled
    assert view.undo_button.disabled


def test_controls_are_labelled_and_keyboard_sliders(view):
    import ipywidgets as W

    for slider in (view.power, view.interest):
        assert isinstance(slider, W.IntSlider)
        assert (slider.min, slider.max, slider.step) == (SCORE_MIN, SCORE_MAX, 1)
        assert slider.description and slider.tooltip
    assert view.name.description == "Name" and view.chooser.description == "Stakeholder"
    for button in (view.add_button, view.rename_button, view.remove_button, view.undo_button):
        assert button.description and button.tooltip


def test_adding_a_stakeholder_updates_everything_and_is_saved(view, store):
    from pm_course.models.stakeholders.view import StakeholderMapView

    before = view._text_plain()
    add(view, "Data protection officer", 7, 8)
    assert "Added Data protection officer: manage closely" in words(view.status.value)
    assert "9 stakeholders: 3 to manage closely" in words(view.summary.value)
    assert any(
        "Data protection officer: power 7, interest 8" in a for a in alts_of(view.chart.value)
    )
    assert view._text_plain() != before
    assert view.name.value == ""
    assert "Data protection officer" in view.chooser.options
    saved = store.note(NOTE_KEY)
    assert saved["stakeholders"][-1] == {
        "name": "Data protection officer",
        "power": 7,
        "interest": 8,
    }
    assert store.events(NOTE_KEY)[-1].section == SECTION
    again = StakeholderMapView(store=store)
    assert again.model == view.model
    assert again._text_plain() == view._text_plain()
    assert "Your saved map is back (9 stakeholders)" in words(again.status.value)


def test_bad_input_gives_a_message_and_keeps_what_was_typed(view, store):
    add(view, "   ", 5, 5)
    assert "Type a name for the stakeholder first." in words(view.status.value)
    add(view, "  VOLUNTEERS ", 5, 5)
    assert "'Volunteers' is already on the map" in words(view.status.value)
    assert view.name.value == "  VOLUNTEERS "
    long = "A" * (MAX_NAME + 5)
    add(view, long, 5, 5)
    assert f"at most {MAX_NAME} characters" in words(view.status.value)
    assert view.name.value == long
    assert "Something went wrong" not in view.status.value
    assert view.model == StakeholderMap()
    assert store.note(NOTE_KEY) is None


def test_html_in_a_name_is_shown_as_typed_never_run(view):
    add(view, "<img src=x onerror=alert(1)> <b>Bob</b>", 3, 9)
    assert "Added" in words(view.status.value)
    for markup in (view.summary.value, view.status.value, view.chart.value):
        assert "<img src=x" not in markup and "<b>Bob" not in markup
    assert "<img src=x onerror=alert(1)> <b>Bob</b>" in words(view.summary.value)
    assert any("<b>Bob</b>: power 3" in a for a in alts_of(view.chart.value))


def test_choosing_a_stakeholder_lets_the_sliders_move_them(view, store):
    view.chooser.value = "Board of trustees"
    assert (view.power.value, view.interest.value) == (9, 3)
    assert view.name.value == "Board of trustees"
    assert view.add_button.disabled and not view.remove_button.disabled
    view.interest.value = 7
    assert view.model.get("Board of trustees").quadrant.key == "manage_closely"
    assert "Board of trustees: interest 7; they move to manage closely." in words(view.status.value)
    assert "Board of trustees           9         7  Manage closely" in view._text_plain()
    assert store.note(NOTE_KEY)["stakeholders"][2]["interest"] == 7
    view.chooser.value = "(new stakeholder)"
    view.power.value = 0
    assert view.model.get("Board of trustees").power == 9


def test_rename_checks_the_new_name(view):
    view.chooser.value = "Volunteers"
    view.name.value = "Chief Executive"
    view.rename_button.click()
    assert "'Chief executive' is already on the map" in words(view.status.value)
    assert view.name.value == "Chief Executive"
    view.name.value = "Volunteers"
    view.rename_button.click()
    assert "type a new one" in words(view.status.value)
    view.name.value = "Volunteer drivers"
    view.rename_button.click()
    assert "Renamed Volunteers to Volunteer drivers." in words(view.status.value)
    assert view.chooser.value == "Volunteer drivers"
    assert "Volunteers" not in view.chooser.options


def test_remove_then_undo_then_reset(view, store):
    view.chooser.value = "Local newspaper"
    view.remove_button.click()
    assert "Removed Local newspaper" in words(view.status.value)
    assert view.model.find("Local newspaper") is None
    assert len(store.note(NOTE_KEY)["stakeholders"]) == 7
    assert not view.undo_button.disabled
    view.undo_button.click()
    assert view.model == StakeholderMap()
    assert len(store.note(NOTE_KEY)["stakeholders"]) == 8
    add(view, "Mayor", 8, 1)
    view.reset_button.click()
    assert view.model == StakeholderMap()
    assert "Press Undo to return to your own map" in words(view.status.value)
    view.undo_button.click()
    assert view.model.find("Mayor") is not None
    view.undo_button.click()
    view.undo_button.click()
    assert view.undo_button.disabled
    view.undo_button.click()
    assert "Nothing to undo yet." in words(view.status.value)


def test_a_full_map_refuses_one_more(view):
    for i in range(MAX_STAKEHOLDERS - len(PRESETS)):
        add(view, f"Extra {i}", 5, 5)
    assert len(view.model) == MAX_STAKEHOLDERS
    add(view, "One too many", 5, 5)
    assert "holds at most 12 stakeholders" in words(view.status.value)
    assert view.name.value == "One too many"


def test_removing_everyone_leaves_an_empty_map_that_still_draws(view):
    for name in list(view.model.names):
        view.chooser.value = name
        view.remove_button.click()
    assert len(view.model) == 0
    assert "No stakeholders on the map yet" in words(view.summary.value)
    assert alts_of(view.chart.value)[0].endswith("No stakeholders are on it yet.")


def test_a_damaged_saved_map_gives_the_example_and_a_message(store):
    from pm_course.models.stakeholders.view import StakeholderMapView

    store.save_note(SECTION, NOTE_KEY, {"stakeholders": "broken"})
    v = StakeholderMapView(store=store)
    assert v.model == StakeholderMap()
    assert "could not be read" in words(v.status.value)


@pytest.mark.faults
def test_a_fault_in_a_callback_shows_a_message_not_a_traceback(view, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(StakeholderMap, "add", boom)
    add(view, "Anyone", 5, 5)
    assert "Something went wrong" in view.status.value
    assert "disk on fire" in words(view.status.value)


def test_the_text_fallback_is_deterministic(store):
    from pm_course.models.stakeholders.view import (
        ChannelsView,
        EngagementPlanView,
        StakeholderMapView,
    )

    for cls in (StakeholderMapView, EngagementPlanView, ChannelsView):
        a, b = cls(store=store), cls(store=store)
        assert a._text_plain() == b._text_plain() == repr(a)
        assert not re.search(r"0x[0-9a-f]{6,}|\d{4}-\d\d-\d\dT", a._text_plain())
        bundle = a._repr_mimebundle_()
        assert bundle["text/plain"] == a._text_plain()


# --- the plan view ----------------------------------------------------------------------------


def test_the_plan_follows_the_map_of_the_same_learner_only(store, tmp_path):
    from pm_course.course.store import Store
    from pm_course.models.stakeholders.view import (
        EngagementPlanView,
        StakeholderMapView,
    )

    mapview = StakeholderMapView(store=store)
    plan = EngagementPlanView(store=store)
    other = EngagementPlanView(store=Store(tmp_path / "other"))
    assert "about 102 scheduled contacts" in words(plan.table.value)
    assert "a starting point, not a rule" in words(plan.table.value)
    add(mapview, "Finance director", 8, 8)
    assert "about 128 scheduled contacts" in words(plan.table.value)
    assert "Finance director" in plan._text_plain()
    assert "Finance director" not in other._text_plain()
    assert "about 102 scheduled contacts" in words(other.table.value)


def test_the_plan_table_lists_tactics_and_cadences(store):
    from pm_course.models.stakeholders.view import EngagementPlanView

    plan = EngagementPlanView(store=store)
    text = words(plan.table.value)
    assert "Chief executive ● Manage closely 1-2-1 catch-up (every two weeks)" in text
    assert "Training for new features (at each release)" in text
    assert "1-2-1 catch-up: 60 a year (4 people, each on their own)" in text
    assert "Monitor" in text


def test_the_plan_reads_the_saved_map_again(store):
    from pm_course.models.stakeholders.view import EngagementPlanView

    plan = EngagementPlanView(store=store)
    store.save_note(SECTION, NOTE_KEY, StakeholderMap().remove("Chief executive").to_data())
    assert "Chief executive" in plan._text_plain()
    plan.refresh_button.click()
    assert "Chief executive" not in plan._text_plain()
    assert "Plan rebuilt from your saved map (7 stakeholders)." in words(plan.status.value)


def test_an_empty_map_gives_an_empty_plan(store):
    from pm_course.models.stakeholders.view import EngagementPlanView

    store.save_note(SECTION, NOTE_KEY, {"version": 1, "stakeholders": []})
    plan = EngagementPlanView(store=store)
    assert "No stakeholders yet, so no plan" in words(plan.table.value)
    assert plan._text_plain().startswith("Engagement plan: No stakeholders yet")


# --- the channels view ------------------------------------------------------------------------


def test_the_slider_redraws_both_charts_and_the_words(store):
    from pm_course.models.stakeholders.view import ChannelsView

    v = ChannelsView(store=store)
    slider = v.controls["people"]
    assert slider.value == 5 and (slider.min, slider.max) == (2, 30)
    assert "A team of 5 people has 10 communication channels" in words(v.words.value)
    slider.value = 10
    assert "A team of 10 people has 45 communication channels" in words(v.words.value)
    alts = alts_of(v.charts.value)
    assert len(alts) == 2
    assert alts[0].endswith("every pair: 45 lines.")
    assert "Marked: 10 people, 45 channels." in alts[1]
    assert "45 communication channels" in v._text_plain()
    assert v._text_markdown().startswith("**Communication channels**: A team of 10 people")
    assert "\n- Doubling the team to 20 would give 190 channels" in v._text_markdown()


def test_my_map_sets_the_team_size(store):
    from pm_course.models.stakeholders.view import ChannelsView

    v = ChannelsView(store=store)
    v.mine_button.click()
    assert v.controls["people"].value == len(PRESETS) + 1
    assert "Your stakeholder map has 8 stakeholders; with you that makes 9 people and 36" in words(
        v.status.value
    )
    assert "You are one end of 8 of them; the other 28 run between" in words(v.status.value)
    store.save_note(SECTION, NOTE_KEY, {"version": 1, "stakeholders": []})
    v.mine_button.click()
    assert "Your stakeholder map is empty" in words(v.status.value)
    assert v.controls["people"].value == 9


def test_the_team_size_is_saved_and_comes_back(store):
    from pm_course.models.stakeholders.view import ChannelsView

    v = ChannelsView(store=store)
    v.controls["people"].value = 12
    again = ChannelsView(store=store)
    assert again.controls["people"].value == 12
    assert again._text_plain() == v._text_plain()
    assert again.status.value == ""


@pytest.mark.parametrize("saved", [{"people": 99}, {"people": "many"}, {"people": 2.5}])
def test_a_damaged_saved_team_size_is_reported_not_raised(store, saved):
    from pm_course.models.stakeholders.view import ChannelsView

    store.save_note(SECTION, ChannelsView.KEY, saved)
    v = ChannelsView(store=store)
    assert v.controls["people"].value == 5
    assert "Check the settings" in v.status.value
    assert repr(saved["people"]) in html.unescape(v.status.value)
    assert "A team of 5 people" in v._text_plain()


# --- the map's saved note and its undo ----------------------------------------------------------


def test_choosing_someone_saves_nothing_and_moving_them_saves_the_map(view, store):
    view.chooser.value = "Volunteers"
    view.chooser.value = "(new stakeholder)"
    assert store.note(NOTE_KEY) is None
    assert (view.power.value, view.interest.value, view.name.value) == (5, 5, "")
    assert "Adding a new stakeholder" in words(view.status.value)
    view.chooser.value = "Volunteers"
    view.power.value = 3
    assert store.note(NOTE_KEY)["stakeholders"][5] == {
        "name": "Volunteers",
        "power": 3,
        "interest": 7,
    }


def test_undo_puts_the_sliders_back_with_the_map(view):
    view.chooser.value = "Board of trustees"
    view.interest.value = 8
    view.undo_button.click()
    assert view.model == StakeholderMap()
    assert view.chooser.value == "Board of trustees"
    assert (view.power.value, view.interest.value) == (9, 3)
    view.power.value = 8
    assert view.model.get("Board of trustees").interest == 3


def test_a_map_saved_before_the_redesign_still_comes_back(store):
    from pm_course.models.stakeholders.view import StakeholderMapView

    old = {
        "version": 1,
        "stakeholders": [
            {"name": "Funder", "power": 8, "interest": 2},
            {"name": "Mayor", "power": 99, "interest": 1},
            {"name": "Press", "power": 1, "interest": 1},
        ],
    }
    store.save_note(SECTION, NOTE_KEY, old)
    v = StakeholderMapView(store=store)
    assert v.model.names == ["Funder", "Press"]
    assert "A saved stakeholder was left out: 'Mayor' has 99" in words(v.status.value)
    assert list(v.chooser.options) == ["(new stakeholder)", "Funder", "Press"]
    assert "Something went wrong" not in v.status.value
    assert store.note(NOTE_KEY) == old  # nothing is saved until the learner changes the map
