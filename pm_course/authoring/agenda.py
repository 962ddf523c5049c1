"""Timed workshop agendas, read from the timing lines the learners already see.

One source of truth: every numbered part of a notebook (``## 1. ...``) carries
``*About N minutes · time to here: M minutes*``; those minutes are the teaching time.
"Check your understanding" and "Reflection" are the exercises: their own timing lines
when they have them, otherwise the section's minutes minus the numbered parts.
Which parts are a section's *key parts* is the instructor's call, so it lives in the
facilitator notes: a line starting ``Key part:`` under the part's heading. Nothing here is
typed twice: change a notebook's timing line or a notes file and the agendas follow.

Steps of :func:`build_agenda`:
1. read each section's parts (:func:`lessons`), and the sections asked for (:func:`select`);
2. reserve the breaks (one between blocks of about 90 minutes; lunch in a day of 300 minutes
   or more that spans 12:30) and a short close;
3. choose parts in order of worth (:func:`fit`): 00 Start here whole, then every section's key
   part (a tour of the whole page), then each section's "Check your understanding", then the
   other parts, each section's next part in turn, while each fits;
4. spend what is left on discussion after the checks and on longer breaks, not on a long close;
5. place the breaks at the section ends nearest their clock times, lunch nearest 12:30.

The notebooks are read from ``<course_dir>/notebooks`` (by default the current folder's), never
from beside the installed package. No widgets, no notebook execution; the notebooks are read as
JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .folder import NOTEBOOKS, NOTES, course_root, notebook_paths

#: Timing line under a heading, exactly as tests/test_notebooks.py checks it.
TIMING = re.compile(r"^\*About (\d+) minutes? · time to here: (\d+) minutes?\*$", re.M)
#: A numbered teaching part: ``## 3. Your progress``.
NUMBERED = re.compile(r"^(\d+)\. ")
#: Headings whose minutes are exercises, not teaching.
EXERCISE_HEADINGS = ("Check your understanding", "Reflection")
EXERCISES_TITLE = "Check your understanding and reflection"
#: The line in a part's facilitator notes that makes it a key part.
KEY_LINE = re.compile(r"^Key part:", re.M)

BLOCK_MINUTES = 90  # one teaching block between breaks
BREAK_MINUTES = 10
LUNCH_MINUTES = 45
LUNCH_AT = 12 * 60 + 30  # lunch is placed nearest this clock time
FULL_DAY_MINUTES = 300  # from this length on, a day that spans LUNCH_AT has lunch
CLOSE_MINUTES = 5  # questions and what next, at the end
MAX_DISCUSSION = 5  # spare minutes added after one check, at most
MAX_BREAK_EXTRA = 5  # spare minutes added to one break, at most
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
    key: bool = False  # the facilitator notes mark it as the part a short workshop keeps

    @property
    def number(self) -> str:
        """The part's number (``"3"`` for ``3. Your progress``); empty for the exercises."""
        match = NUMBERED.match(self.title)
        return match.group(1) if match else ""


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

    @property
    def key_parts(self) -> tuple[Part, ...]:
        """The parts marked key, or the first numbered part when none is marked."""
        return tuple(p for p in self.teaching if p.key) or self.teaching[:1]


@dataclass(frozen=True)
class Slot:
    """One line of an agenda: a part of a section, a break or the close."""

    start: int  # minutes after the agenda's start
    minutes: int
    title: str
    kind: str  # "teaching", "exercises", "break", "lunch", "close"
    section: str = ""  # the lesson's slug, for teaching and exercises
    key: bool = False  # a key part of its section
    extra: int = 0  # of ``minutes``, those added for discussion (or a longer break)


@dataclass(frozen=True)
class Agenda:
    """A timed plan for one workshop."""

    minutes: int
    start: str
    slots: tuple[Slot, ...]
    left_out: tuple[str, ...]
    sections: str = ""  # the --sections asked for, if any
    notes: tuple[str, ...] = ()  # how breaks were placed, when it needs saying


# --- reading the notebooks --------------------------------------------------------------------


def headings(cells: list[dict]) -> list[tuple[str, str]]:
    """Each ``## `` heading of the markdown cells, with the text that follows it."""
    found = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        found += split_headings(source)
    return found


def split_headings(text: str) -> list[tuple[str, str]]:
    """Each ``## `` heading of a Markdown text, with the text under it."""
    pieces = re.split(r"^## (.+)$", text, flags=re.M)
    return [(pieces[i].strip(), pieces[i + 1]) for i in range(1, len(pieces), 2)]


def parse_lesson(
    cells: list[dict], *, slug: str, title: str, minutes: int, keys: frozenset[str] = frozenset()
) -> Lesson:
    """The timed parts of one notebook's cells; the exercises fill up to ``minutes``;
    the numbered parts whose headings are in ``keys`` are key parts."""
    parts, exercises, timed_exercises = [], 0, False
    for heading, body in headings(cells):
        timing = TIMING.search(body)
        if NUMBERED.match(heading):
            if not timing:
                raise AgendaError(f"{slug}: part {heading!r} has no '*About N minutes ...*' line")
            parts.append(Part(heading, int(timing.group(1)), "teaching", heading in keys))
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


def key_headings(notes: str) -> frozenset[str]:
    """The part headings of a facilitator notes text whose notes hold a ``Key part:`` line."""
    return frozenset(h for h, body in split_headings(notes) if KEY_LINE.search(body))


def read_lesson(path: Path, *, title: str, minutes: int) -> Lesson:
    """Read one notebook file and time its parts; key parts come from the facilitator notes
    beside the notebooks (``facilitator/<slug>.md``), if there are any."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    notes = path.parent.parent / NOTES / f"{path.stem}.md"
    keys = key_headings(notes.read_text(encoding="utf-8")) if notes.exists() else frozenset()
    return parse_lesson(cells, slug=path.stem, title=title, minutes=minutes, keys=keys)


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


# --- choosing sections and parts ----------------------------------------------------------------


def select(course: tuple[Lesson, ...], sections: str | None) -> tuple[Lesson, ...]:
    """The lessons ``sections`` asks for, in course order: a comma-separated list of section
    numbers (``01``, whole sections) and parts (``05.3``, only that part of 05, which
    becomes its key part). None or empty: every section."""
    if not sections or not sections.strip():
        return course
    by_number = {lesson.number: lesson for lesson in course}
    wanted: dict[str, set[str] | None] = {}
    for token in (t.strip() for t in sections.split(",")):
        match = re.fullmatch(r"(\d{1,2})(?:\.(\d{1,2}))?", token)
        number = match and f"{int(match.group(1)):02d}"
        if not match or number not in by_number:
            raise AgendaError(
                f"--sections: {token!r} is not a section or part of this course; use numbers "
                f"like 01 or 05.3 from {', '.join(by_number)}"
            )
        lesson = by_number[number]
        if match.group(2) is None:
            wanted[number] = None
            continue
        part = str(int(match.group(2)))
        if part not in {p.number for p in lesson.teaching}:
            raise AgendaError(
                f"--sections: {lesson.number} · {lesson.title} has no part {part}; its parts "
                f"are {', '.join(p.number for p in lesson.teaching)}"
            )
        if number not in wanted or wanted[number] is not None:
            wanted[number] = (wanted.get(number) or set()) | {part}
    chosen = []
    for lesson in course:
        if lesson.number not in wanted:
            continue
        parts = wanted[lesson.number]
        if parts is not None:
            kept = tuple(
                replace(p, key=p.number in parts)
                for p in lesson.parts
                if p.kind == "exercises" or p.number in parts
            )
            lesson = replace(lesson, parts=kept, minutes=sum(p.minutes for p in kept))
        chosen.append(lesson)
    return tuple(chosen)


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


def has_lunch(minutes: int, first: int) -> bool:
    """A day of FULL_DAY_MINUTES or more has lunch if 12:30 falls an hour or more inside it."""
    return minutes >= FULL_DAY_MINUTES and first + 60 <= LUNCH_AT <= first + minutes - 60


def breaks_for(minutes: int, first: int = 9 * 60 + 30) -> list[tuple[str, int]]:
    """The breaks a workshop of this length starting at ``first`` gets, in order:
    (kind, minutes); the one nearest 12:30 is lunch when the day has lunch."""
    blocks = max(1, int(minutes / BLOCK_MINUTES + 0.5))
    gaps = [("break", BREAK_MINUTES)] * (blocks - 1)
    if gaps and has_lunch(minutes, first):
        at = [first + minutes * (k + 1) / blocks for k in range(len(gaps))]
        nearest = min(range(len(gaps)), key=lambda k: abs(at[k] - LUNCH_AT))
        gaps[nearest] = ("lunch", LUNCH_MINUTES)
    return gaps


#: The order parts are chosen in: 00 whole, key parts, checks, then the rest.
TIERS = ("start", "key", "exercises", "other")


def _tier(lesson: Lesson, part: Part) -> str:
    if lesson.slug == FIRST_SLUG:
        return "start"
    if part.kind == "exercises":
        return "exercises"
    return "key" if part in lesson.key_parts else "other"


def fit(course: tuple[Lesson, ...], budget: int) -> tuple[list[tuple[Lesson, Part]], list[str]]:
    """Choose parts for ``budget`` minutes, in order of worth (see :data:`TIERS`); returns
    the chosen (lesson, part) pairs in course order and what is left out, in words.
    A section whose key parts (or, for 00, whose whole) do not fit is left out whole."""
    chosen: set[tuple[int, int]] = set()
    used = 0
    dropped: set[int] = set()
    for tier in TIERS[:3]:
        for li, lesson in enumerate(course):
            group = [(pi, p) for pi, p in enumerate(lesson.parts) if _tier(lesson, p) == tier]
            if li in dropped or not group:
                continue
            need = sum(p.minutes for _, p in group)
            if used + need <= budget:
                chosen |= {(li, pi) for pi, _ in group}
                used += need
            elif tier != "exercises":
                dropped.add(li)
    # The other parts, a round at a time: each section's next part in turn, so the time is
    # shared across the sections; a section stops at its first part that does not fit, since
    # later parts build on earlier ones.
    queues = {
        li: [pi for pi, p in enumerate(lesson.parts) if _tier(lesson, p) == "other"]
        for li, lesson in enumerate(course)
        if li not in dropped
    }
    while queues:
        for li in list(queues):
            pi = queues[li].pop(0) if queues[li] else None
            if pi is None or used + course[li].parts[pi].minutes > budget:
                del queues[li]
                continue
            chosen.add((li, pi))
            used += course[li].parts[pi].minutes
    starts = [li for li, lesson in enumerate(course) if lesson.slug == FIRST_SLUG]
    keys = [li for li, lesson in enumerate(course) if lesson.slug != FIRST_SLUG]
    if any(li in dropped for li in starts) or (keys and all(li in dropped for li in keys)):
        first = course[starts[0]].minutes if starts else 0
        next_key = sum(p.minutes for p in course[keys[0]].key_parts) if keys else 0
        raise AgendaError(
            f"{'Start here and ' if starts else ''}the key part of the next section need "
            f"{first + next_key} minutes, and only {budget} are left for teaching"
        )
    pairs = [(lesson, part) for li, lesson in enumerate(course)
             for pi, part in enumerate(lesson.parts) if (li, pi) in chosen]  # fmt: skip
    return pairs, _left_out(course, chosen, dropped)


def _left_out(course: tuple[Lesson, ...], chosen: set[tuple[int, int]], dropped: set[int]):
    """What the agenda leaves out, a line per section."""
    left = []
    for li, lesson in enumerate(course):
        name = f"{lesson.number} · {lesson.title}"
        if li in dropped:
            left.append(
                f"{name} ({lesson.minutes} min): not covered; learners can take it on their own"
            )
            continue
        parts = [p for pi, p in enumerate(lesson.parts) if (li, pi) not in chosen]
        if not parts:
            continue
        minutes = sum(p.minutes for p in parts)
        titles = "; ".join(p.title if p.kind == "teaching" else "exercises" for p in parts)
        left.append(f"{name}: {titles} ({minutes} min) left for learners to do on their own")
    return left


def _break_points(ends: list[int], gaps: list[tuple[str, int]], targets: list[float]) -> list[int]:
    """For each gap, the index of the section end it follows: the one whose time (with the
    earlier gaps) is nearest the gap's target, in order, never two at one end."""
    points: list[int] = []
    for k, target in enumerate(targets):
        before = sum(m for _, m in gaps[:k])
        free = [i for i in range(len(ends) - 1) if not points or i > points[-1]]
        if free:
            points.append(min(free, key=lambda i: abs(ends[i] + before - target)))
    return points


def _spread(spare: int, slots: list[Slot], gaps: list[tuple[str, int]]):
    """Spend ``spare`` minutes: discussion after each check, in turn, then longer breaks.
    Returns the extra minutes per slot index and per gap, and what is left for the close."""
    extra_slot = {i: 0 for i, s in enumerate(slots) if s.kind == "exercises"}
    extra_gap = [0] * len(gaps)
    while spare > 0:
        room = [i for i in extra_slot if extra_slot[i] < MAX_DISCUSSION]
        if room:
            for i in room[:spare]:
                extra_slot[i] += 1
                spare -= 1
            continue
        room = [k for k in range(len(gaps)) if extra_gap[k] < MAX_BREAK_EXTRA]
        if not room:
            break
        for k in room[:spare]:
            extra_gap[k] += 1
            spare -= 1
    return extra_slot, extra_gap, spare


def build_agenda(
    minutes: int,
    start: str = "09:30",
    course: tuple[Lesson, ...] | None = None,
    *,
    course_dir: Path | str | None = None,
    sections: str | None = None,
) -> Agenda:
    """A timed agenda of ``minutes`` (breaks included) starting at ``start``, from the lessons
    ``course`` or else the notebooks of ``course_dir`` (default: the current folder), for the
    ``sections`` asked for (see :func:`select`; default: all)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise AgendaError(f"minutes must be a whole number, not {minutes!r}")
    if minutes <= 0:
        raise AgendaError(f"minutes must be positive, not {minutes}")
    if minutes > MAX_MINUTES:
        raise AgendaError(
            f"{minutes} minutes is more than one day ({MAX_MINUTES}); plan several days instead"
        )
    first = parse_clock(start)
    course = select(lessons(course_dir) if course is None else course, sections)
    gaps = breaks_for(minutes, first)
    budget = minutes - CLOSE_MINUTES - sum(m for _, m in gaps)
    try:
        chosen, left = fit(course, budget)
    except AgendaError as exc:
        raise AgendaError(
            f"{minutes} minutes is too short for a workshop "
            f"(after {minutes - budget} minutes of breaks and the close): {exc}"
        ) from None
    parts = [
        Slot(0, p.minutes, p.title, p.kind, lesson.slug, _tier(lesson, p) == "key")
        for lesson, p in chosen
    ]
    extra_slot, extra_gap, _ = _spread(budget - sum(s.minutes for s in parts), parts, gaps)
    parts = [replace(s, minutes=s.minutes + extra_slot.get(i, 0), extra=extra_slot.get(i, 0))
             for i, s in enumerate(parts)]  # fmt: skip
    gaps = [(kind, m + extra_gap[k]) for k, (kind, m) in enumerate(gaps)]
    ends, at, notes = [], 0, []
    for i, slot in enumerate(parts):
        at += slot.minutes
        if i + 1 == len(parts) or parts[i + 1].section != slot.section:
            ends.append((i, at))
    blocks = len(gaps) + 1
    targets = [
        LUNCH_AT - first if kind == "lunch" else minutes * (k + 1) / blocks
        for k, (kind, _) in enumerate(gaps)
    ]
    points = _break_points([e for _, e in ends], gaps, targets)
    after = {ends[p][0]: gaps[k] for k, p in enumerate(points)}
    extras = {ends[p][0]: extra_gap[k] for k, p in enumerate(points)}
    if len(points) < len(gaps):
        notes.append(
            "Fewer sections than breaks: take the missing breaks where the room needs them."
        )
    if minutes >= FULL_DAY_MINUTES and not has_lunch(minutes, first):
        notes.append(f"No lunch break: this day does not span {clock(LUNCH_AT)}.")
    slots, at = [], 0
    for i, slot in enumerate(parts):
        slots.append(replace(slot, start=at))
        at += slot.minutes
        if i in after:
            kind, length = after[i]
            slots.append(Slot(at, length, kind.capitalize(), kind, extra=extras[i]))
            at += length
    slots.append(Slot(at, minutes - at, "Close: questions, and what to do next", "close"))
    return Agenda(
        minutes=minutes,
        start=clock(first),
        slots=tuple(slots),
        left_out=tuple(left),
        sections=sections or "",
        notes=tuple(notes),
    )


# --- Markdown ---------------------------------------------------------------------------------


def _part_cell(slot: Slot) -> str:
    """The Part column of one agenda line."""
    text = slot.title if slot.kind == "teaching" else f"*{slot.title}*"
    if slot.key:
        text += " (key part)"
    if slot.extra:
        text += f" + {slot.extra} min discussion"
    return text


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
    covered = sorted({s.section for s in agenda.slots if s.section})
    command = f"pm-course agenda --minutes {agenda.minutes} --start {agenda.start}"
    if agenda.sections:
        command += f" --sections {agenda.sections}"
    lines = [
        f"# A {agenda.minutes}-minute workshop",
        "",
        f"Generated by `{command}` from the timing lines in the notebooks and the key parts "
        "marked in the facilitator notes (one source of truth: edit a notebook's "
        "*About N minutes* line or a notes file, then run `make agendas`).",
        "",
        f"{clock(first)}–{clock(first + agenda.minutes)}: {len(covered)} sections, "
        f"{taught} minutes of teaching, {practised} of exercises and discussion, "
        f"{rested} of breaks, {agenda.slots[-1].minutes} to close. Parts were chosen in this "
        "order while they fit: *00 Start here* whole, every section's key part, each "
        "section's *Check your understanding*, then the other parts, each section's next part "
        "in turn (key parts are marked; breaks fall between sections).",
        "",
        "| Time | Minutes | Section | Part |",
        "|---|--:|---|---|",
    ]
    previous = None
    for slot in agenda.slots:
        if slot.section:
            section = titles.get(slot.section, slot.section) if slot.section != previous else ""
            previous = slot.section
            part = _part_cell(slot)
        else:
            section, part, previous = f"**{slot.title}**", "", None
            if slot.extra:
                part = f"{slot.minutes - slot.extra} min + {slot.extra} spare"
        lines.append(f"| {clock(first + slot.start)} | {slot.minutes} | {section} | {part} |")
    if agenda.notes:
        lines += ["", *agenda.notes]
    lines += ["", "## Left out", ""]
    lines += [f"- {item}" for item in agenda.left_out] or ["- Nothing: the whole course fits."]
    return "\n".join(lines) + "\n"
