"""Timed workshop agendas, read from the timing lines the learners already see.

One source of truth: every numbered part of a notebook (``## 1. ...``) carries
``*About N minutes · time to here: M minutes*``; those minutes are the teaching time.
"Check your understanding" and "Reflection" are the exercises: their own timing lines
when they have them, otherwise the section's minutes minus the numbered parts.
Nothing here is typed twice: change a notebook's timing line and the agendas follow.

Steps of :func:`build_agenda`:
1. read each section's parts (:func:`lessons`);
2. reserve the breaks (10 minutes between 90-minute blocks, 45 for lunch in a full day)
   and a closing slot;
3. keep the longest run of sections, in course order, whose teaching fits, with
   00 Start here always first and always whole;
4. give exercises back to the kept sections, in course order, while time allows;
5. place the breaks at the section boundaries nearest the block ends, and give clock times.

The notebooks are read from ``<course_dir>/notebooks`` (by default the current folder's), never
from beside the installed package. No widgets, no notebook execution; the notebooks are read as
JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .folder import NOTEBOOKS, course_root, notebook_paths

#: Timing line under a heading, exactly as tests/test_notebooks.py checks it.
TIMING = re.compile(r"^\*About (\d+) minutes? · time to here: (\d+) minutes?\*$", re.M)
#: A numbered teaching part: ``## 3. Your progress``.
NUMBERED = re.compile(r"^\d+\. ")
#: Headings whose minutes are exercises, not teaching.
EXERCISE_HEADINGS = ("Check your understanding", "Reflection")
EXERCISES_TITLE = "Check your understanding and reflection"

BLOCK_MINUTES = 90  # one teaching block between breaks
BREAK_MINUTES = 10
LUNCH_MINUTES = 45
FULL_DAY_MINUTES = 300  # from this length on, the middle break is lunch
CLOSE_MINUTES = 5  # questions and what next, at the end
MAX_MINUTES = 480
FIRST_SLUG = "00_start_here"


class AgendaError(ValueError):
    """An agenda cannot be built; the message says why and what would work."""


@dataclass(frozen=True)
class Part:
    """One timed part of a notebook: a numbered teaching part or the exercises."""

    title: str
    minutes: int
    kind: str  # "teaching" or "exercises"


@dataclass(frozen=True)
class Lesson:
    """One section's notebook, as a list of timed parts."""

    slug: str
    title: str
    minutes: int
    parts: tuple[Part, ...]

    @property
    def number(self) -> str:
        """The two-digit number that starts the slug."""
        return self.slug.split("_", 1)[0]

    @property
    def teaching(self) -> tuple[Part, ...]:
        """The numbered parts only."""
        return tuple(p for p in self.parts if p.kind == "teaching")

    @property
    def teaching_minutes(self) -> int:
        """Minutes of the numbered parts."""
        return sum(p.minutes for p in self.teaching)

    @property
    def exercise_minutes(self) -> int:
        """Minutes of the check and the reflection."""
        return self.minutes - self.teaching_minutes


@dataclass(frozen=True)
class Slot:
    """One line of an agenda: a part of a section, a break or the close."""

    start: int  # minutes after the agenda's start
    minutes: int
    title: str
    kind: str  # "teaching", "exercises", "break", "lunch", "close"
    section: str = ""  # the lesson's slug, for teaching and exercises


@dataclass(frozen=True)
class Agenda:
    """A timed plan for one workshop."""

    minutes: int
    start: str
    slots: tuple[Slot, ...]
    left_out: tuple[str, ...]


# --- reading the notebooks --------------------------------------------------------------------


def headings(cells: list[dict]) -> list[tuple[str, str]]:
    """Each ``## `` heading of the markdown cells, with the text that follows it."""
    found = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        pieces = re.split(r"^## (.+)$", source, flags=re.M)
        found += [(pieces[i].strip(), pieces[i + 1]) for i in range(1, len(pieces), 2)]
    return found


def parse_lesson(cells: list[dict], *, slug: str, title: str, minutes: int) -> Lesson:
    """The timed parts of one notebook's cells; the exercises fill up to ``minutes``."""
    parts, exercises, timed_exercises = [], 0, False
    for heading, body in headings(cells):
        timing = TIMING.search(body)
        if NUMBERED.match(heading):
            if not timing:
                raise AgendaError(f"{slug}: part {heading!r} has no '*About N minutes ...*' line")
            parts.append(Part(heading, int(timing.group(1)), "teaching"))
        elif heading in EXERCISE_HEADINGS and timing:
            exercises += int(timing.group(1))
            timed_exercises = True
    if not parts:
        raise AgendaError(f"{slug}: no numbered parts ('## 1. ...') to time")
    teaching = sum(p.minutes for p in parts)
    if not timed_exercises:
        exercises = minutes - teaching
    if teaching + exercises != minutes:
        raise AgendaError(
            f"{slug}: the timing lines add up to {teaching + exercises} minutes, "
            f"but the section says {minutes}"
        )
    if exercises < 0:
        raise AgendaError(f"{slug}: the numbered parts take {teaching} of {minutes} minutes")
    if exercises:
        parts.append(Part(EXERCISES_TITLE, exercises, "exercises"))
    return Lesson(slug=slug, title=title, minutes=minutes, parts=tuple(parts))


def read_lesson(path: Path, *, title: str, minutes: int) -> Lesson:
    """Read one notebook file and time its parts."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return parse_lesson(cells, slug=path.stem, title=title, minutes=minutes)


def lessons(course_dir: Path | str | None = None) -> tuple[Lesson, ...]:
    """Every section with a notebook in ``course_dir`` (default: the current folder), in
    course order, titled from its content file."""
    from ..course.content import course

    present = {path.stem: path for path in notebook_paths(course_dir, AgendaError)}
    found = tuple(
        read_lesson(present[s.slug], title=s.title, minutes=s.minutes)
        for s in course()
        if s.slug in present
    )
    if not found:
        raise AgendaError(
            f"none of the notebooks in {course_root(course_dir) / NOTEBOOKS} is a section "
            f"of this course ({', '.join(sorted(present))})"
        )
    return found


# --- fitting ----------------------------------------------------------------------------------


def parse_clock(start: str) -> int:
    """Minutes after midnight of an ``HH:MM`` time."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", start.strip())
    if not match:
        raise AgendaError(f"start time {start!r} is not a time like 09:30")
    return int(match.group(1)) * 60 + int(match.group(2))


def clock(minutes: int) -> str:
    """``HH:MM`` for minutes after midnight."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def breaks_for(minutes: int) -> list[tuple[str, int]]:
    """The breaks a workshop of this length gets, in order: (kind, minutes)."""
    blocks = max(1, int(minutes / BLOCK_MINUTES + 0.5))
    gaps = [("break", BREAK_MINUTES)] * (blocks - 1)
    if minutes >= FULL_DAY_MINUTES and gaps:
        gaps[(len(gaps) - 1) // 2] = ("lunch", LUNCH_MINUTES)
    return gaps


def fit(course: tuple[Lesson, ...], budget: int) -> tuple[list[tuple[Lesson, bool]], list[str]]:
    """Choose sections for ``budget`` minutes: (lesson, with exercises) pairs and what is left."""
    if not course or course[0].slug != FIRST_SLUG:
        raise AgendaError(f"the course must start with {FIRST_SLUG}")
    kept, used = [course[0]], course[0].minutes
    for lesson in course[1:]:
        if used + lesson.teaching_minutes > budget:
            break
        kept.append(lesson)
        used += lesson.teaching_minutes
    if len(kept) < 2:
        need = course[0].minutes + course[1].teaching_minutes if len(course) > 1 else 0
        raise AgendaError(
            f"Start here and the teaching of the next section need {need} minutes, "
            f"and only {budget} are left for teaching"
        )
    chosen = [(kept[0], True)]
    for lesson in kept[1:]:
        whole = used + lesson.exercise_minutes <= budget
        used += lesson.exercise_minutes if whole else 0
        chosen.append((lesson, whole))
    left = [
        f"{lesson.number} · {lesson.title}: exercises ({lesson.exercise_minutes} min) "
        "left for learners to do after the workshop"
        for lesson, whole in chosen
        if not whole and lesson.exercise_minutes
    ]
    left += [
        f"{lesson.number} · {lesson.title} ({lesson.minutes} min): not covered; "
        "learners can take it on their own"
        for lesson in course[len(kept) :]
    ]
    return chosen, left


def _break_points(ends: list[int], count: int, teaching: int) -> list[int]:
    """Indexes of the section ends nearest to each block's end in teaching time."""
    points: list[int] = []
    for k in range(1, count + 1):
        target = teaching * k / (count + 1)
        free = [i for i in range(len(ends) - 1) if not points or i > points[-1]]
        if free:
            points.append(min(free, key=lambda i: abs(ends[i] - target)))
    return points


def build_agenda(
    minutes: int,
    start: str = "09:30",
    course: tuple[Lesson, ...] | None = None,
    *,
    course_dir: Path | str | None = None,
) -> Agenda:
    """A timed agenda of ``minutes`` (breaks included) starting at ``start``, from the lessons
    ``course`` or else the notebooks of ``course_dir`` (default: the current folder)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise AgendaError(f"minutes must be a whole number, not {minutes!r}")
    if minutes <= 0:
        raise AgendaError(f"minutes must be positive, not {minutes}")
    if minutes > MAX_MINUTES:
        raise AgendaError(
            f"{minutes} minutes is more than one day ({MAX_MINUTES}); plan several days instead"
        )
    first = parse_clock(start)
    course = lessons(course_dir) if course is None else course
    gaps = breaks_for(minutes)
    budget = minutes - CLOSE_MINUTES - sum(m for _, m in gaps)
    try:
        chosen, left = fit(course, budget)
    except AgendaError as exc:
        raise AgendaError(
            f"{minutes} minutes is too short for a workshop "
            f"(after {minutes - budget} minutes of breaks and the close): {exc}"
        ) from None
    ends, total = [], 0
    for lesson, whole in chosen:
        total += lesson.minutes if whole else lesson.teaching_minutes
        ends.append(total)
    points = _break_points(ends, len(gaps), total)
    slots, at = [], 0
    for i, (lesson, whole) in enumerate(chosen):
        for part in lesson.parts:
            if part.kind == "exercises" and not whole:
                continue
            slots.append(Slot(at, part.minutes, part.title, part.kind, lesson.slug))
            at += part.minutes
        if i in points:
            kind, length = gaps[points.index(i)]
            slots.append(Slot(at, length, kind.capitalize(), kind))
            at += length
    slots.append(Slot(at, minutes - at, "Close: questions, and what to do next", "close"))
    return Agenda(minutes=minutes, start=clock(first), slots=tuple(slots), left_out=tuple(left))


# --- Markdown ---------------------------------------------------------------------------------


def to_markdown(
    agenda: Agenda,
    course: tuple[Lesson, ...] | None = None,
    *,
    course_dir: Path | str | None = None,
) -> str:
    """The agenda as a Markdown page: a table with clock times, then what was left out.
    Sections are titled from ``course``, or else the notebooks of ``course_dir``."""
    course = lessons(course_dir) if course is None else course
    titles = {lesson.slug: f"{lesson.number} · {lesson.title}" for lesson in course}
    first = parse_clock(agenda.start)
    taught = sum(s.minutes for s in agenda.slots if s.kind == "teaching")
    practised = sum(s.minutes for s in agenda.slots if s.kind == "exercises")
    rested = sum(s.minutes for s in agenda.slots if s.kind in ("break", "lunch"))
    lines = [
        f"# A {agenda.minutes}-minute workshop",
        "",
        f"Generated by `pm-course agenda --minutes {agenda.minutes} --start {agenda.start}` "
        "from the timing lines in the notebooks (one source of truth: edit a notebook's "
        "*About N minutes* line, then run `make agendas`).",
        "",
        f"{clock(first)}–{clock(first + agenda.minutes)}: {taught} minutes of teaching, "
        f"{practised} of exercises, {rested} of breaks, "
        f"{agenda.slots[-1].minutes} to close.",
        "",
        "| Time | Minutes | Section | Part |",
        "|---|--:|---|---|",
    ]
    previous = None
    for slot in agenda.slots:
        if slot.section:
            section = titles.get(slot.section, slot.section) if slot.section != previous else ""
            previous = slot.section
            part = slot.title if slot.kind == "teaching" else f"*{slot.title}*"
        else:
            section, part, previous = f"**{slot.title}**", "", None
        lines.append(f"| {clock(first + slot.start)} | {slot.minutes} | {section} | {part} |")
    lines += ["", "## Left out", ""]
    lines += [f"- {item}" for item in agenda.left_out] or ["- Nothing: the whole course fits."]
    return "\n".join(lines) + "\n"
