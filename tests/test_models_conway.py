"""Conway's law: the pure models (simulator, inverse manoeuvre, compilers, Vista) and their
widgets, driven without a browser."""

from __future__ import annotations

import re
from html import unescape
from itertools import combinations

import pytest
from chart_support import alt_of
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_course.models.conway import model as C
from pm_course.models.conway import view as V

# --- helpers ------------------------------------------------------------------------------------


def words(markup: str) -> str:
    """The text a learner reads in an HTML widget value."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
    return unescape(re.sub(r" ([:;,.])", r"\1", text))


def has_png(html: str) -> bool:
    return bool(re.search(r"src='data:image/png;base64,iVBOR[^']+'", html))


def org_from(owners: dict[str, str], links=()) -> C.Organisation:
    teams = tuple(dict.fromkeys(owners[p] for p in C.PARTS))
    return C.Organisation(teams, tuple(owners[p] for p in C.PARTS), tuple(links))


#: One team per journey: the design that builds three independent journey services.
JOURNEY_TEAMS = {
    f"{j} {layer}": f"Team {i}" for i, j in enumerate(C.JOURNEYS, 1) for layer in C.LAYERS
}


@st.composite
def organisations(draw) -> C.Organisation:
    """Any valid organisation: 1 to 5 teams, any owners, any links."""
    n = draw(st.integers(1, C.MAX_TEAMS))
    teams = tuple("ABCDE"[:n])
    owners = tuple(draw(st.sampled_from(teams)) for _ in C.PARTS)
    pairs = list(combinations(teams, 2))
    links = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    return C.Organisation(teams, owners, tuple(links))


assignments = st.fixed_dictionaries({p: st.sampled_from(C.TEAM_SLOTS) for p in C.PARTS})


# --- the product --------------------------------------------------------------------------------


def test_nine_parts_and_six_needs():
    assert len(C.PARTS) == 9
    assert C.PARTS[:3] == ("Donations screens", "Donations logic", "Donations data")
    assert len(C.NEEDS) == 6
    assert ("Events screens", "Events logic") in C.NEEDS
    assert ("Events logic", "Events data") in C.NEEDS
    assert all(C.journey_of(a) == C.journey_of(b) for a, b in C.NEEDS)


@pytest.mark.parametrize(("people", "expected"), [(0, 0), (1, 0), (3, 3), (5, 10), (8, 28)])
def test_channels_is_n_times_n_minus_one_over_two(people, expected):
    assert C.channels(people) == expected


@pytest.mark.parametrize("bad", [-1, 2.5, "8", None, True])
def test_channels_refuses_what_is_not_a_head_count(bad):
    with pytest.raises(ValueError, match="give a whole number, 0 or more"):
        C.channels(bad)


def test_an_unknown_part_is_named_in_the_error():
    with pytest.raises(ValueError, match="'Donations pages' is not a part"):
        C.journey_of("Donations pages")


# --- 1. organisation -> architecture ------------------------------------------------------------


def test_one_team_makes_one_tightly_coupled_module_and_no_score():
    arch = C.PRESETS["One team"].architecture()
    assert [m.team for m in arch.modules] == ["Whole team"]
    assert arch.dependencies == ()
    assert arch.mirroring is None
    assert arch.couplings == 36
    assert "not applicable" in arch.score_text
    assert arch.headline.startswith("One team builds everything")
    assert "touches 1 team: no hand-offs needed" in arch.text


def test_component_teams_make_three_layers_with_agreed_interfaces():
    arch = C.PRESETS["Component teams"].architecture()
    assert [(m.team, len(m.parts)) for m in arch.modules] == [
        ("Front end", 3),
        ("Back end", 3),
        ("Database", 3),
    ]
    assert [(d.a, d.b, d.agreed, len(d.needs)) for d in arch.dependencies] == [
        ("Front end", "Back end", True, 3),
        ("Back end", "Database", True, 3),
    ]
    assert arch.mirroring == 1.0
    assert all(len(t) == 3 for t in arch.journey_teams().values())
    assert len(arch.tangled) == 3
    assert "Mirroring score: 100% (2 of 2 module dependencies follow" in arch.text


def test_stream_aligned_teams_with_a_platform_mirror_the_star():
    arch = C.PRESETS["Stream-aligned teams and a platform team"].architecture()
    assert len(arch.modules) == 4
    assert {(d.a, d.b) for d in arch.dependencies} == {
        ("Donations team", "Platform team"),
        ("Events team", "Platform team"),
        ("Volunteering team", "Platform team"),
    }
    assert arch.mirroring == 1.0
    assert arch.journey_teams()["Events"] == ("Events team", "Platform team")
    assert [m.team for m in arch.tangled] == ["Platform team"]
    assert arch.couplings == 1 + 1 + 1 + 3


def test_removing_a_link_makes_an_unplanned_dependency_and_halves_the_score():
    org = C.PRESETS["Component teams"].with_link("Front end", "Back end", on=False)
    arch = org.architecture()
    assert arch.mirroring == 0.5
    assert [d.kind for d in arch.dependencies] == ["unplanned dependency", "agreed interface"]
    assert arch.headline == (
        "3 modules, 2 dependencies: 1 is unplanned, because Front end and Back end do not talk."
    )
    assert "Mirroring score: 50% (1 of 2 module dependencies follows" in arch.text
    assert "unplanned dependency" in arch.alt_text
    none = org.with_link("Back end", "Database", on=False).architecture()
    assert none.mirroring == 0.0
    assert "2 are unplanned, because these teams do not talk" in none.headline


def test_moving_one_part_creates_a_dependency_between_other_teams():
    org = C.PRESETS["Stream-aligned teams and a platform team"].with_owner(
        "Events data", "Events team"
    )
    arch = org.architecture()
    assert ("Events team", "Platform team") in org.links
    assert ("Events team", "Platform team") not in {(d.a, d.b) for d in arch.dependencies}
    assert arch.idle_links == (("Events team", "Platform team"),)
    assert "Events team and Platform team talk, but their modules share no dependency" in arch.text
    assert arch.mirroring == 1.0


def test_links_are_stored_once_whatever_the_order():
    org = C.PRESETS["Component teams"]
    again = org.with_link("Back end", "Front end")
    assert again == org
    assert org.talks("Back end", "Front end") and org.talks("Front end", "Back end")
    assert not org.talks("Front end", "Database")


def test_team_count_adds_empty_teams_and_folds_removed_ones_into_the_first():
    org = C.PRESETS["Component teams"].with_team_count(5)
    assert org.teams == ("Front end", "Back end", "Database", "Team 4", "Team 5")
    arch = org.architecture()
    assert arch.idle_teams == ("Team 4", "Team 5")
    assert "Team 4: builds nothing, so produces no module" in arch.text
    one = org.with_team_count(1)
    assert one.teams == ("Front end",)
    assert set(one.owners) == {"Front end"}
    assert one.links == ()
    assert C.PRESETS["One team"].with_team_count(2).teams == ("Whole team", "Team 2")


@pytest.mark.parametrize("bad", [0, 6, 2.0, "3", True])
def test_team_count_outside_one_to_five_is_refused(bad):
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        C.PRESETS["One team"].with_team_count(bad)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"teams": ()}, "1 to 5 teams, not 0"),
        ({"teams": tuple("ABCDEF")}, "1 to 5 teams, not 6"),
        ({"teams": ("A", "A")}, "two teams have the same name"),
        ({"teams": ("A", " ")}, "every team needs a name"),
        ({"owners": ("A",) * 8}, "a team for each of the 9 parts, not 8"),
        ({"owners": ("A",) * 8 + ("Z",)}, r"Volunteering data is built by 'Z'"),
        ({"links": (("A", "Z"),)}, "a link names 'Z'"),
        ({"links": (("A", "A"),)}, "cannot have a link to itself"),
        ({"links": (("A",),)}, "a link joins two teams"),
    ],
)
def test_a_broken_organisation_is_refused_with_a_clear_message(kwargs, message):
    fields = {"teams": ("A", "B"), "owners": ("A",) * 9, "links": ()} | kwargs
    with pytest.raises(ValueError, match=message):
        C.Organisation(**fields)


def test_changes_name_unknown_teams_and_parts():
    org = C.PRESETS["Component teams"]
    with pytest.raises(ValueError, match="no team called 'Design'"):
        org.with_owner("Events logic", "Design")
    with pytest.raises(ValueError, match="'Events pages' is not a part"):
        org.with_owner("Events pages", "Back end")
    with pytest.raises(ValueError, match="link to itself"):
        org.with_link("Back end", "Back end")


def test_an_organisation_survives_saving_and_a_damaged_save_is_refused():
    org = C.PRESETS["Stream-aligned teams and a platform team"].with_link(
        "Donations team", "Events team"
    )
    assert C.Organisation.from_dict(org.to_dict()) == org
    with pytest.raises(ValueError, match="must be a table"):
        C.Organisation.from_dict(["teams"])
    with pytest.raises(ValueError, match="owner of each part"):
        C.Organisation.from_dict({"teams": ["A"]})
    data = org.to_dict()
    del data["owners"]["Events logic"]
    with pytest.raises(ValueError, match="no team for Events logic"):
        C.Organisation.from_dict(data)


def test_preset_names_are_recognised():
    for name, org in C.PRESETS.items():
        assert C.preset_name(org) == name
    assert C.preset_name(C.PRESETS["One team"].with_team_count(2)) == C.CUSTOM


@settings(max_examples=150, deadline=None)
@given(organisations())
def test_the_rule_holds_for_any_organisation(org):
    arch = org.architecture()
    assert sorted(p for m in arch.modules for p in m.parts) == sorted(C.PARTS)
    assert {m.team for m in arch.modules} == {o for o in org.owners}
    crossing = [n for n in C.NEEDS if org.owner(n[0]) != org.owner(n[1])]
    assert sorted(n for d in arch.dependencies for n in d.needs) == sorted(crossing)
    for d in arch.dependencies:
        assert d.agreed == org.talks(d.a, d.b)
    if arch.dependencies:
        assert arch.mirroring == len(arch.agreed) / len(arch.dependencies)
        assert 0.0 <= arch.mirroring <= 1.0
    else:
        assert arch.mirroring is None
    assert arch.couplings == sum(len(m.parts) * (len(m.parts) - 1) // 2 for m in arch.modules)
    assert arch.text == org.architecture().text


@settings(max_examples=60, deadline=None)
@given(organisations())
def test_linking_every_team_makes_the_score_100_and_no_links_make_it_0(org):
    linked = org
    for a, b in combinations(org.teams, 2):
        linked = linked.with_link(a, b)
    bare = C.Organisation(org.teams, org.owners, ())
    if org.architecture().dependencies:
        assert linked.architecture().mirroring == 1.0
        assert bare.architecture().mirroring == 0.0


# --- 2. the inverse Conway manoeuvre ------------------------------------------------------------


def test_component_teams_are_six_moves_from_journey_services():
    c = C.compare(C.DEFAULT_TARGET, C.START_ASSIGNMENT)
    assert c.distance == 6
    assert c.in_place == 3
    assert c.headline == (
        "3 of 9 parts are in place; move 6 parts to reach "
        "'Three independent services, one per journey'."
    )
    assert len(c.produced().dependencies) == 2
    assert "the target has 3 modules with 0 dependencies" in c.text


def test_one_team_per_journey_matches_the_journey_target_exactly():
    c = C.compare(C.DEFAULT_TARGET, JOURNEY_TEAMS)
    assert c.distance == 0
    assert c.headline.startswith("Your teams match the target")
    assert any("inverse Conway manoeuvre" in line for line in c.feedback())
    assert c.produced().dependencies == ()


def test_the_layered_target_needs_no_moves_from_component_teams():
    layers = "Three layers: front end, back end, database"
    assert C.compare(layers, C.START_ASSIGNMENT).distance == 0


def test_a_platform_target_moves_the_data_to_the_free_team():
    c = C.compare("Journey services on a shared data platform", JOURNEY_TEAMS)
    assert c.distance == 3
    assert {(m.part, m.to_team) for m in c.moves} == {
        ("Donations data", "Team 4"),
        ("Events data", "Team 4"),
        ("Volunteering data", "Team 4"),
    }
    assert any("the target needs one team per module" in line for line in c.feedback())
    assert len(c.target.dependencies()) == 3


def test_too_many_teams_are_explained():
    split = dict(JOURNEY_TEAMS) | {"Donations data": "Team 4"}
    c = C.compare(C.DEFAULT_TARGET, split)
    assert c.distance == 1
    assert any("an extra team splits a target module" in line for line in c.feedback())


@settings(max_examples=120, deadline=None)
@given(assignments, st.sampled_from(list(C.TARGETS)))
def test_making_the_suggested_moves_reaches_the_target(assignment, target):
    c = C.compare(target, assignment)
    assert 0 <= c.distance <= len(C.PARTS)
    moved = dict(assignment) | {m.part: m.to_team for m in c.moves}
    assert C.compare(target, moved).distance == 0


@settings(max_examples=60, deadline=None)
@given(assignments, st.permutations(C.TEAM_SLOTS))
def test_the_distance_does_not_depend_on_team_names(assignment, order):
    rename = dict(zip(C.TEAM_SLOTS, order, strict=True))
    renamed = {p: rename[t] for p, t in assignment.items()}
    for target in C.TARGETS:
        assert C.compare(target, assignment).distance == C.compare(target, renamed).distance


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("Team 1", "maps each part to a team"),
        ({}, "Donations screens has no team yet"),
        (dict(C.START_ASSIGNMENT) | {"Events logic": ""}, "Events logic has no team yet"),
        (dict(C.START_ASSIGNMENT) | {"Events logic": "Team 9"}, "is given to 'Team 9'"),
        (dict(C.START_ASSIGNMENT) | {"Events pages": "Team 1"}, "'Events pages' is not a part"),
    ],
)
def test_a_broken_assignment_is_refused_with_a_clear_message(assignment, message):
    with pytest.raises(ValueError, match=message):
        C.compare(C.DEFAULT_TARGET, assignment)


def test_an_unknown_target_is_refused():
    with pytest.raises(ValueError, match="no target called 'Microservices'"):
        C.compare("Microservices", C.START_ASSIGNMENT)
    with pytest.raises(ValueError, match="must hold every part once"):
        C.Target("Half", "", (("A", C.PARTS[:4]),))


# --- 3. Conway's compilers ----------------------------------------------------------------------


def test_the_papers_split_gives_a_five_and_a_three_phase_compiler():
    plan = C.compiler_plan()
    assert plan.phases == {"COBOL": 5, "ALGOL": 3}
    assert plan.is_paper
    assert plan.total == 8
    assert (plan.channels_all, plan.channels_inside) == (28, 13)
    assert "a five-phase COBOL compiler and a three-phase ALGOL compiler" in plan.headline
    assert "not a law of nature" in plan.caveat
    assert "paper's own split" in plan.caveat


def test_other_splits_are_called_the_toy_rules_guess():
    plan = C.compiler_plan(0, 7)
    assert not plan.is_paper
    assert "no COBOL compiler" in plan.headline
    assert "a seven-phase ALGOL compiler" in plan.headline
    assert "the toy rule's guess" in plan.caveat
    assert C.compiler_plan(0, 1).channels_text.startswith("With fewer than two people")
    assert C.compiler_plan(10, 10).prediction("COBOL") == "a ten-phase COBOL compiler"


@pytest.mark.parametrize(
    ("cobol", "algol", "message"),
    [
        (-1, 3, "COBOL has -1 people; give 0 to 10"),
        (5, 11, "ALGOL has 11 people; give 0 to 10"),
        (2.5, 3, "COBOL has 2.5 people; give a whole number"),
        (True, 3, "give a whole number"),
        (None, 3, "give a whole number"),
    ],
)
def test_a_bad_head_count_is_refused(cobol, algol, message):
    with pytest.raises(ValueError, match=message):
        C.compiler_plan(cobol, algol)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'FORTRAN' is not a language here"):
        C.CompilerPlan((("FORTRAN", 3),))


# --- 4. the Vista study -------------------------------------------------------------------------


def test_the_vista_figures_are_the_published_ones():
    assert [(p.name, p.precision, p.recall) for p in C.VISTA] == [
        ("Organisational structure", 86.2, 84.0),
        ("Code churn", 78.6, 79.9),
        ("Code complexity", 79.3, 66.0),
        ("Dependencies", 74.4, 69.9),
        ("Code coverage", 83.8, 54.4),
    ]
    assert C.vista_headline() == (
        "Organisational structure measures had both the highest precision (86.2%) and the "
        "highest recall (84.0%)."
    )
    assert "ICSE 2008, pp. 521-530" in C.vista_text()


def test_the_vista_alt_text_states_every_number():
    alt = C.vista_alt()
    for p in C.VISTA:
        assert f"{p.name}: precision {p.precision:.1f}%, recall {p.recall:.1f}%" in alt
    assert "| Code coverage | 83.8% | 54.4% |" in C.vista_markdown()


# --- the views ----------------------------------------------------------------------------------


def test_the_simulator_starts_with_component_teams(store):
    v = V.ConwaySimulatorView()
    assert v.preset.value == "Component teams"
    assert v.team_count.value == 3
    assert v.owners["Events logic"].value == "Back end"
    menu = v.owners["Events logic"]  # no visible label: its title names the part
    assert (menu.description, menu.tooltip) == ("", "Events logic: which team builds it")
    assert has_png(v.chart.value)
    assert "Left, the organisation: 3 teams" in alt_of(v.chart.value)
    assert "Mirroring score: 100%" in words(v.summary.value)
    shown = [(b.description, b.value) for b in v.link_boxes.values() if b.layout.display != "none"]
    assert shown == [
        ("Front end ↔ Back end", True),
        ("Front end ↔ Database", False),
        ("Back end ↔ Database", True),
    ]


def test_the_simulator_follows_the_learner(store):
    v = V.ConwaySimulatorView()
    v.link_boxes[(0, 1)].value = False
    assert "Mirroring score: 50%" in words(v.summary.value)
    assert "Front end to Back end, unplanned dependency" in alt_of(v.chart.value)
    assert v.preset.value == C.CUSTOM
    v.preset.value = "Stream-aligned teams and a platform team"
    assert v.owners["Events logic"].value == "Events team"
    assert list(v.owners["Events logic"].options) == list(
        C.PRESETS["Stream-aligned teams and a platform team"].teams
    )
    v.owners["Events data"].value = "Events team"
    assert "Events team and Platform team talk, but their modules share no dependency" in words(
        v.summary.value
    )
    v.team_count.value = 5
    assert sum(b.layout.display != "none" for b in v.link_boxes.values()) == 10
    assert "Team 5" in v.owners["Events data"].options
    v.team_count.value = 1
    assert sum(b.layout.display != "none" for b in v.link_boxes.values()) == 0
    assert "One team builds everything" in words(v.summary.value)
    assert v.status.value == ""


def test_the_simulator_restores_what_the_learner_built(store):
    v = V.ConwaySimulatorView()
    v.preset.value = "One team"
    v.team_count.value = 2
    v.owners["Donations data"].value = "Team 2"
    again = V.ConwaySimulatorView()
    assert again.org == v.org
    assert again.owners["Donations data"].value == "Team 2"
    assert again.preset.value == C.CUSTOM
    assert repr(again) == repr(v)


def test_a_damaged_saved_organisation_gives_a_message_not_a_traceback(store):
    store.save_note(V.SECTION, V.NOTE_KEYS["simulator"], {"teams": ["A"], "owners": {}})
    v = V.ConwaySimulatorView()
    assert "could not be read" in words(v.status.value)
    assert "starting from the component teams" in words(v.status.value)
    assert v.org == C.PRESETS["Component teams"]


def test_a_fault_in_a_callback_shows_a_message(store, monkeypatch, expected_faults):
    v = V.ConwaySimulatorView()

    def broken(self, part, team):
        raise ValueError(f"Conway model: no team called {team!r}")

    monkeypatch.setattr(C.Organisation, "with_owner", broken)
    v.owners["Events logic"].value = "Database"
    assert "Something went wrong" in words(v.status.value)
    assert "no team called 'Database'" in words(v.status.value)
    assert v.org == C.PRESETS["Component teams"]
    assert expected_faults


def test_the_simulator_text_is_the_same_for_two_views(store):
    first, second = V.ConwaySimulatorView(), V.ConwaySimulatorView()
    assert repr(first) == repr(second) == first._text_plain()
    assert first._text_plain().startswith("Conway simulator: 3 modules, 2 dependencies")
    assert "0x" not in first._text_plain()
    bundle = first._repr_mimebundle_()
    assert bundle["text/plain"] == first._text_plain()
    assert bundle["text/markdown"].startswith("**Conway simulator**")


def test_the_inverse_view_reports_the_distance_and_reaches_the_target(store):
    v = V.InverseConwayView()
    assert "move 6 parts" in words(v.summary.value)
    assert "✗ move to" in words(v.summary.value)
    assert "Left, the target architecture" in alt_of(v.chart.value)
    for part, team in JOURNEY_TEAMS.items():
        v.menus[part].value = team
    assert "Your teams match the target" in words(v.summary.value)
    assert "✗" not in words(v.summary.value)
    v.target.value = "Journey services on a shared data platform"
    assert "move 3 parts" in words(v.summary.value)
    assert "one service; all three use one shared data platform" in words(v.target_note.value)
    v.reset_button.click()
    assert v.assignment == C.START_ASSIGNMENT
    assert "move 3 parts" not in words(v.summary.value)


def test_the_inverse_view_restores_the_team_design(store):
    v = V.InverseConwayView()
    v.target.value = "Three layers: front end, back end, database"
    v.menus["Events data"].value = "Team 4"
    again = V.InverseConwayView()
    assert again.target.value == "Three layers: front end, back end, database"
    assert again.menus["Events data"].value == "Team 4"
    assert repr(again) == repr(v)
    assert "move 1 part " in repr(again)


def test_the_inverse_view_survives_a_damaged_save(store):
    store.save_note(V.SECTION, V.NOTE_KEYS["inverse"], {"target": "Nowhere", "assignment": {}})
    v = V.InverseConwayView()
    assert "Check the settings" in words(v.status.value)
    assert "Target: 'Nowhere'" in words(v.status.value)
    assert v.assignment == C.START_ASSIGNMENT
    assert v.target.value == C.DEFAULT_TARGET


@pytest.mark.parametrize(
    ("saved", "reported"),
    [
        ("teams", "who builds each part: None"),
        ({"target": None, "assignment": []}, "who builds each part: []; Target: None"),
        ({"assignment": {"Events data": None}}, "Events data: None"),
    ],
)
def test_an_unreadable_saved_team_design_is_reported(store, saved, reported):
    store.save_note(V.SECTION, V.NOTE_KEYS["inverse"], saved)
    v = V.InverseConwayView()
    assert reported in words(v.status.value)
    assert "Something went wrong" not in words(v.status.value)
    assert v.assignment == C.START_ASSIGNMENT and v.target.value == C.DEFAULT_TARGET


def test_one_damaged_part_is_reported_and_the_rest_of_the_design_comes_back(store):
    design = dict(JOURNEY_TEAMS) | {"Events data": "Team 9"}
    target = "Three layers: front end, back end, database"
    store.save_note(V.SECTION, V.NOTE_KEYS["inverse"], {"target": target, "assignment": design})
    v = V.InverseConwayView()
    assert "'Team 9'" in words(v.status.value)
    assert v.target.value == target
    assert v.assignment == dict(JOURNEY_TEAMS) | {"Events data": "Team 3"}
    v.menus["Events data"].value = "Team 2"
    assert store.note(V.NOTE_KEYS["inverse"]) == {
        "target": target,
        "assignment": dict(JOURNEY_TEAMS) | {"Events data": "Team 2"},
    }


def test_the_compiler_view_follows_the_sliders_and_resets(store):
    v = V.CompilerView()
    assert "a five-phase COBOL compiler" in words(v.summary.value)
    assert "COBOL: 5 people, 5 phases" in alt_of(v.chart.value)
    v.sliders["COBOL"].value = 4
    v.sliders["ALGOL"].value = 4
    assert "a four-phase COBOL compiler and a four-phase ALGOL compiler" in words(v.summary.value)
    assert "inside the language groups there are 12" in words(v.summary.value)
    assert "toy rule's guess" in words(v.summary.value)
    again = V.CompilerView()
    assert again.plan.phases == {"COBOL": 4, "ALGOL": 4}
    v.reset_button.click()
    assert v.plan.phases == C.PAPER_SPLIT
    assert "paper's own split" in words(v.summary.value)


def test_the_compiler_view_survives_a_damaged_save(store):
    store.save_note(V.SECTION, V.NOTE_KEYS["compilers"], {"COBOL": 50, "ALGOL": 7})
    v = V.CompilerView()
    assert "People on COBOL: 50" in words(v.status.value)
    assert v.plan.phases == {"COBOL": 5, "ALGOL": 7}
    assert "Something went wrong" not in words(v.status.value)


def test_the_compiler_split_is_saved_as_it_always_was(store):
    v = V.CompilerView()
    v.sliders["ALGOL"].value = 6
    assert store.note(V.NOTE_KEYS["compilers"]) == {"COBOL": 5, "ALGOL": 6}


def test_the_vista_view_shows_the_chart_and_the_table():
    v = V.VistaChartView()
    assert has_png(v.chart.value)
    assert alt_of(v.chart.value) == C.vista_alt()
    assert "Code coverage 83.8% 54.4%" in words(v.table.value)
    assert repr(v) == C.vista_text()


def test_the_vista_view_has_no_control_and_no_run_this_cell_note():
    v = V.VistaChartView()
    assert v.controls == {}
    assert v._text_markdown() == C.vista_markdown()
    assert "Run this cell" not in repr(v)


# --- what the charts draw, worked out in the model ----------------------------------------------


def test_the_simulator_graphs_keep_each_team_in_one_place_and_colour():
    arch = C.PRESETS["Component teams"].with_team_count(4).architecture()
    left, right = arch.organisation_graph(), arch.module_graph()
    assert left.nodes == (("Front end", 0), ("Back end", 1), ("Database", 2), ("Team 4", 3))
    assert left.edges == ((0, 1, "talks"), (1, 2, "talks"))
    assert right.nodes[:3] == (
        ("Front end\n3 parts", 0),
        ("Back end\n3 parts", 1),
        ("Database\n3 parts", 2),
    )
    assert right.nodes[3] is None  # Team 4 builds nothing: its place stays empty
    unlinked = C.PRESETS["Component teams"].with_link("Front end", "Back end", on=False)
    assert unlinked.architecture().module_graph().edges == (
        (0, 1, "unplanned"),
        (1, 2, "agreed"),
    )


def test_the_inverse_graphs_colour_modules_by_the_team_paired_with_them():
    c = C.compare("Journey services on a shared data platform", JOURNEY_TEAMS)
    target = c.target_graph()
    assert target.nodes[0] == ("Donations\nservice", 0)
    assert target.nodes[3] == ("Data platform", 3)
    assert len(target.edges) == 3
    produced = c.produced_graph()
    assert produced.nodes == (
        ("Team 1's module\nall of Donations", 0),
        ("Team 2's module\nall of Events", 1),
        ("Team 3's module\nall of Volunteering", 2),
    )
    assert produced.edges == ()


@pytest.mark.parametrize(
    ("parts", "gist"),
    [
        (("Donations screens", "Donations logic", "Donations data"), "all of Donations"),
        (("Donations screens", "Donations logic"), "Donations screens + logic"),
        (("Donations data", "Events data", "Volunteering data"), "all data"),
        (("Donations data", "Events data"), "data: Donations + Events"),
        (("Donations data", "Events logic"), "2 parts, mixed"),
    ],
)
def test_a_module_is_summed_up_in_a_few_words(parts, gist):
    assert C.gist(parts) == gist


def test_the_places_on_the_ellipse():
    assert C.ellipse(1, 1.5, 1.0) == [(1.5, 0.0)]
    left, right = C.ellipse(2, 0.0, 1.0)
    assert left == pytest.approx((-1.0, 0.0)) and right == pytest.approx((1.0, 0.0))
    assert all(abs(y) <= 0.8 + 1e-9 for _, y in C.ellipse(5, -1.5, 1.0))


def test_the_controls_settings_change_the_organisation():
    org = C.PRESETS["Component teams"]
    assert org.with_settings({}) == org
    assert org.with_settings({"preset": "One team"}) == C.PRESETS["One team"]
    assert org.with_settings({"preset": C.CUSTOM}) == org
    assert org.with_settings({"teams": 4}).teams[-1] == "Team 4"
    moved = org.with_settings({"Events data": "Back end", C.link_name(0, 2): True})
    assert moved.owner("Events data") == "Back end"
    assert moved.talks("Front end", "Database")
    assert org.with_settings({C.link_name(3, 4): True}) == org  # a box of teams not there
    with pytest.raises(ValueError, match="no team called 'Design'"):
        org.with_settings({"Events data": "Design"})


def test_the_architecture_of_an_organisation_is_worked_out_once():
    org = C.PRESETS["Stream-aligned teams and a platform team"]
    assert org.architecture() is org.architecture()
    c = C.compare(C.DEFAULT_TARGET, C.START_ASSIGNMENT)
    assert c.produced() is c.produced()


# --- the simulator's controls and its saved note ------------------------------------------------


def test_choosing_your_own_keeps_the_organisation_and_the_menu(store):
    v = V.ConwaySimulatorView()
    v.preset.value = C.CUSTOM
    assert v.org == C.PRESETS["Component teams"]
    assert v.preset.value == C.CUSTOM
    v.preset.value = "Component teams"
    assert v.org == C.PRESETS["Component teams"]


def test_the_organisation_is_saved_as_it_always_was(store):
    v = V.ConwaySimulatorView()
    v.link_boxes[(0, 2)].value = True
    saved = store.note(V.NOTE_KEYS["simulator"])
    assert saved == {
        "teams": ["Front end", "Back end", "Database"],
        "owners": dict(zip(C.PARTS, C.PRESETS["Component teams"].owners, strict=True)),
        "links": [["Front end", "Back end"], ["Front end", "Database"], ["Back end", "Database"]],
    }
    assert C.Organisation.from_dict(saved) == V.ConwaySimulatorView().org


# --- real charts ------------------------------------------------------------------------------


@pytest.mark.charts
def test_the_charts_draw_real_pictures(store):
    from base64 import b64decode

    def png_size(html: str) -> tuple[int, int]:
        data = b64decode(re.search(r"base64,([^']+)'", html).group(1))
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")

    sim = V.ConwaySimulatorView()
    assert png_size(sim.chart.value) == (880, 400)
    sim.team_count.value = 5
    sim.owners["Events data"].value = "Team 5"
    assert png_size(sim.chart.value) == (880, 400)
    comp = V.CompilerView()
    comp.sliders["COBOL"].value = 10
    comp.sliders["ALGOL"].value = 0
    assert png_size(comp.chart.value) == (750, 240)
    assert png_size(V.InverseConwayView().chart.value) == (880, 400)
    assert png_size(V.VistaChartView().chart.value) == (750, 360)
