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
    assert sum(s.minutes for s in agenda.slots if s.kind == "exercises") == 45
    assert agenda.slots[-1].kind == "close" and agenda.slots[-1].minutes >= 5


def test_short_time_trims_exercises_then_drops_sections_in_course_order():
    agenda = build_agenda(90, course=COURSE)
    kinds = {(s.section, s.kind) for s in agenda.slots if s.section}
    assert ("00_start_here", "exercises") in kinds, "Start here is always whole"
    assert agenda.slots[0].section == "00_start_here"
    taught = [x.slug for x in COURSE if (x.slug, "teaching") in kinds]
    assert taught == [x.slug for x in COURSE[: len(taught)]], "a prefix of the course"
    assert len(taught) < len(COURSE)
    left = "\n".join(agenda.left_out)
    for x in COURSE[len(taught) :]:
        assert f"{x.title} ({x.minutes} min): not covered" in left
    for x in COURSE[1 : len(taught)]:
        if (x.slug, "exercises") not in kinds:
            assert f"{x.title}: exercises ({x.exercise_minutes} min)" in left


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
    assert "not covered" in left and "08 · " in left
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


def test_a_folder_without_notebooks_says_so(tmp_path):
    with pytest.raises(AgendaError, match=r"has no notebooks/NN_\*\.ipynb; run it from the course"):
        lessons(tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_elsewhere.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(AgendaError, match=r"none of the notebooks .* is a section"):
        build_agenda(90, course_dir=tmp_path)
