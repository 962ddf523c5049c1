"""Workshop agendas: timed from the notebooks' timing lines, fitted to 90, 180 or 360 minutes."""

import re
from pathlib import Path

import pytest

from pm_course.authoring.agenda import (
    EXERCISES_TITLE,
    AgendaError,
    Lesson,
    Part,
    build_agenda,
    clock,
    lessons,
    parse_lesson,
    to_markdown,
)
from pm_course.cli import main
from pm_course.course import content

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def elsewhere(tmp_path, monkeypatch):
    """Every test runs from an empty folder: the course folder is always passed."""
    monkeypatch.chdir(tmp_path)


def md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def lesson(slug: str, teaching: list[int], exercises: int) -> Lesson:
    parts = [Part(f"{i}. Part {i}", m, "teaching") for i, m in enumerate(teaching, 1)]
    parts.append(Part(EXERCISES_TITLE, exercises, "exercises"))
    return Lesson(slug, slug.title(), sum(teaching) + exercises, tuple(parts))


#: A small course: 00 (15), then sections of 30 (20 teaching + 10 exercises).
COURSE = (
    lesson("00_start_here", [5, 5], 5),
    lesson("01_one", [10, 10], 10),
    lesson("02_two", [10, 10], 10),
    lesson("03_three", [10, 10], 10),
    lesson("04_four", [10, 10], 10),
)


@pytest.mark.parametrize("minutes", [90, 180, 360])
def test_committed_agendas_are_current(minutes):
    committed = (ROOT / "docs" / f"agenda-{minutes}.md").read_text(encoding="utf-8")
    agenda = build_agenda(minutes, course_dir=ROOT)
    assert committed == to_markdown(agenda, course_dir=ROOT), "run: make agendas"


def test_lessons_follow_the_notebooks_timing_lines():
    found = lessons(ROOT)
    assert found[0].slug == "00_start_here"
    assert [x.slug for x in found] == [
        s.slug for s in content.course() if (ROOT / "notebooks" / f"{s.slug}.ipynb").exists()
    ]
    for x in found:
        assert sum(p.minutes for p in x.parts) == x.minutes == content.section(x.slug).minutes
        assert x.teaching and all(re.match(r"\d+\. ", p.title) for p in x.teaching)
        assert x.parts[-1].title == EXERCISES_TITLE


def test_exercises_are_derived_when_the_checks_carry_no_timing_line():
    cells = [
        md("# 09 · Test"),
        md("## 1. One\n\n*About 4 minutes · time to here: 4 minutes*\n\nText."),
        md("## 2. Two\n\n*About 6 minutes · time to here: 10 minutes*"),
        md("## Check your understanding\n\nNo timing line here."),
        md("## Reflection\n\nNone here either."),
    ]
    x = parse_lesson(cells, slug="09_test", title="Test", minutes=18)
    assert [(p.title, p.minutes, p.kind) for p in x.parts] == [
        ("1. One", 4, "teaching"),
        ("2. Two", 6, "teaching"),
        (EXERCISES_TITLE, 8, "exercises"),
    ]


def test_timed_checks_must_add_up_to_the_section():
    cells = [
        md("## 1. One\n\n*About 4 minutes · time to here: 4 minutes*"),
        md("## Check your understanding\n\n*About 3 minutes · time to here: 7 minutes*"),
    ]
    assert parse_lesson(cells, slug="09_t", title="T", minutes=7).exercise_minutes == 3
    with pytest.raises(AgendaError, match="add up to 7 minutes, but the section says 9"):
        parse_lesson(cells, slug="09_t", title="T", minutes=9)
    with pytest.raises(AgendaError, match=r"'1\. One' has no"):
        parse_lesson([md("## 1. One\n\nno timing")], slug="09_t", title="T", minutes=5)


def test_whole_course_fits_with_nothing_left_out():
    agenda = build_agenda(180, course=COURSE)
    assert agenda.left_out == ()
    sections = [s.section for s in agenda.slots if s.section]
    assert sorted(set(sections), key=sections.index) == [x.slug for x in COURSE]
    assert sum(s.minutes - s.extra for s in agenda.slots if s.kind == "exercises") == 45
    assert agenda.slots[-1].kind == "close" and agenda.slots[-1].minutes >= 5


def test_short_time_keeps_every_key_part_and_drops_the_rest():
    agenda = build_agenda(60, course=COURSE)
    kinds = {(s.section, s.kind) for s in agenda.slots if s.section}
    assert ("00_start_here", "exercises") in kinds, "Start here is always whole"
    assert agenda.slots[0].section == "00_start_here"
    taught = {s.section: s.title for s in agenda.slots if s.kind == "teaching"}
    assert set(taught) == {x.slug for x in COURSE}, "a tour: every section's key part"
    assert all(s.key for s in agenda.slots if s.kind == "teaching" and s.section != COURSE[0].slug)
    left = "\n".join(agenda.left_out)
    assert "2. Part 2" in left and "left for learners to do on their own" in left


def test_a_section_whose_key_part_cannot_fit_is_left_out_whole():
    course = (*COURSE[:2], lesson("02_long", [70, 5], 5))
    agenda = build_agenda(90, course=course)
    assert "02_long" not in {s.section for s in agenda.slots}
    assert any("02_Long (80 min): not covered" in x for x in agenda.left_out)


def test_parts_are_chosen_key_first_then_checks_then_a_part_of_each_section_in_turn():
    agenda = build_agenda(120, course=COURSE)  # 105 minutes to teach: not all of it
    chosen = [(s.section, s.title) for s in agenda.slots if s.section]
    for x in COURSE[1:]:
        assert (x.slug, "1. Part 1") in chosen and (x.slug, EXERCISES_TITLE) in chosen
    seconds = [x.slug for x in COURSE[1:] if (x.slug, "2. Part 2") in chosen]
    assert seconds == [x.slug for x in COURSE[1 : 1 + len(seconds)]] and 0 < len(seconds) < 4


def test_spare_minutes_go_to_discussion_not_to_a_long_close():
    for minutes in (100, 120, 150):
        agenda = build_agenda(minutes, course=COURSE)
        assert agenda.slots[-1].minutes == 5, minutes
        assert sum(s.minutes for s in agenda.slots) == minutes
    agenda = build_agenda(180, course=COURSE)  # the whole course fits, with time to spare
    assert agenda.left_out == ()
    assert all(s.extra > 0 for s in agenda.slots if s.kind == "exercises")
    assert "min discussion" in to_markdown(agenda, COURSE)


def test_real_agendas_touch_every_section_of_the_page():
    """Each committed agenda teaches every notebook docs/coverage.toml maps the page to."""
    import tomllib

    mapped = tomllib.loads((ROOT / "docs" / "coverage.toml").read_text(encoding="utf-8"))
    notebooks = {n for p in mapped["paragraph"] for n in p["notebooks"]}
    course = lessons(ROOT)
    for minutes in (90, 180, 360):
        agenda = build_agenda(minutes, course=course)
        taught = {s.section for s in agenda.slots if s.kind == "teaching"}
        assert notebooks <= taught, (minutes, sorted(notebooks - taught))
        keys = {(s.section, s.title) for s in agenda.slots if s.key}
        for x in course[1:]:
            assert {(x.slug, p.title) for p in x.key_parts} <= keys, (minutes, x.slug)
        if minutes >= 180:
            checks = {s.section for s in agenda.slots if s.kind == "exercises"}
            assert checks == {x.slug for x in course}, "the guide says: keep every check"


def test_every_part_has_a_cue_and_every_section_a_marked_key_part():
    from pm_course.authoring.agenda import key_headings, split_headings

    for x in lessons(ROOT):
        notes = (ROOT / "facilitator" / f"{x.slug}.md").read_text(encoding="utf-8")
        by_heading = dict(split_headings(notes))
        for part in x.teaching:
            assert "Cue:" in by_heading.get(part.title, ""), f"{x.slug}: {part.title} has no cue"
        if x.slug != "00_start_here":
            assert key_headings(notes), f"facilitator/{x.slug}.md marks no 'Key part:'"
            assert all(p.key for p in x.key_parts)


@pytest.mark.parametrize(
    ("start", "lunch_between"),
    [("09:30", ("12:00", "13:00")), ("08:00", ("12:00", "13:00")), ("10:30", ("12:00", "13:15"))],
)
def test_lunch_is_placed_by_the_clock(start, lunch_between):
    agenda = build_agenda(360, start, course_dir=ROOT)
    first = int(start[:2]) * 60 + int(start[3:])
    lunch = [s for s in agenda.slots if s.kind == "lunch"]
    assert len(lunch) == 1
    assert lunch_between[0] <= clock(first + lunch[0].start) <= lunch_between[1]


def test_an_afternoon_day_has_breaks_but_no_lunch():
    agenda = build_agenda(300, "13:30", course_dir=ROOT)
    kinds = [s.kind for s in agenda.slots]
    assert "lunch" not in kinds and kinds.count("break") == 2
    assert "No lunch break: this day does not span 12:30." in to_markdown(agenda, course_dir=ROOT)


def test_sections_choose_what_is_taught():
    agenda = build_agenda(90, course_dir=ROOT, sections="03, 05.3")
    taught = [(s.section, s.title) for s in agenda.slots if s.kind == "teaching"]
    assert {x for x, _ in taught} == {"03_an_experimental_process", "05_value"}
    assert [t for x, t in taught if x == "05_value"] == [
        "3. Building value: choosing what to build with RICE"
    ]
    page = to_markdown(agenda, course_dir=ROOT)
    assert "--sections 03, 05.3" in page and "(key part)" in page


@pytest.mark.parametrize(
    ("sections", "message"),
    [("12", "'12' is not a section"), ("01.9", "has no part 9"), ("one", "'one' is not")],
)
def test_bad_sections_say_what_would_work(sections, message):
    with pytest.raises(AgendaError, match=re.escape(message)):
        build_agenda(90, course_dir=ROOT, sections=sections)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(90, []), (180, [("break", 10)]), (360, [("break", 10), ("lunch", 45), ("break", 10)])],
)
def test_breaks_fall_between_sections_and_times_add_up(minutes, expected):
    agenda = build_agenda(minutes, course_dir=ROOT)
    assert [(s.kind, s.minutes) for s in agenda.slots if s.kind in ("break", "lunch")] == expected
    at = 0
    for i, slot in enumerate(agenda.slots):
        assert slot.start == at and slot.minutes > 0
        at += slot.minutes
        if slot.kind in ("break", "lunch"):
            before, after = agenda.slots[i - 1], agenda.slots[i + 1]
            assert before.section != after.section, "a break never splits a section"
    assert at == minutes


def test_clock_times_start_where_asked():
    agenda = build_agenda(180, start="13:15", course_dir=ROOT)
    page = to_markdown(agenda, course_dir=ROOT)
    assert "13:15–16:15" in page
    assert re.search(r"^\| 13:15 \| 2 \| 00 · Start here", page, re.M)
    assert clock(25 * 60 + 5) == "01:05"


@pytest.mark.parametrize(
    ("minutes", "start", "message"),
    [
        (20, "09:30", "20 minutes is too short for a workshop"),
        (-5, "09:30", "minutes must be positive, not -5"),
        (0, "09:30", "minutes must be positive"),
        (500, "09:30", "more than one day"),
        ("90", "09:30", "whole number"),
        (90, "9.30", "not a time like 09:30"),
        (90, "25:00", "not a time like 09:30"),
    ],
)
def test_bad_input_gives_a_clear_error(minutes, start, message):
    with pytest.raises(AgendaError, match=re.escape(message)):
        build_agenda(minutes, start, course_dir=ROOT)


def test_markdown_says_what_was_left_out():
    page = to_markdown(build_agenda(90, course_dir=ROOT), course_dir=ROOT)
    left = page.split("## Left out", 1)[1]
    assert "left for learners to do on their own" in left and "08 · " in left
    assert "make agendas" in page


def test_cli_agenda(capsys):
    course = ["--course", str(ROOT)]
    assert main(["agenda", "--minutes", "180", "--start", "10:00", *course]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# A 180-minute workshop") and "| 10:00 |" in out
    assert main(["agenda", "--minutes", "20", *course]) == 2
    assert "too short" in capsys.readouterr().err
    assert main(["agenda", "--minutes", "-5", *course]) == 2
    assert "must be positive" in capsys.readouterr().err
    assert main(["agenda", "--minutes", "60", "--sections", "01,06", *course]) == 0
    out = capsys.readouterr().out
    assert "01 · What is product management?" in out and "06 · Conway" in out
    assert "02 · The product life cycle |" not in out
    assert main(["agenda", "--minutes", "60", "--sections", "42", *course]) == 2
    assert "not a section or part" in capsys.readouterr().err


def test_a_folder_without_notebooks_says_so(tmp_path):
    with pytest.raises(AgendaError, match=r"has no notebooks/NN_\*\.ipynb; run it from the course"):
        lessons(tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_elsewhere.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(AgendaError, match=r"none of the notebooks .* is a section"):
        build_agenda(90, course_dir=tmp_path)
