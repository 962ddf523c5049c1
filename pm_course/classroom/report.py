"""The class report: read a folder of learners' results files and sum them up. No widgets.

Steps: :func:`load_folder` reads every ``*.json`` file of a folder, refusing what is too big,
not JSON, of another format or schema; a learner who appears in two files is counted once per
file, as ``name (file)``, and reported (a date inside a file proves nothing, so neither is
chosen); :func:`build_report` sums the files up against the course content;
:func:`report_text` prints it. Every problem is kept as a :class:`Problem` naming its file,
never raised (only a folder that cannot be read at all raises, when asked to: the command line).

Files come from learners' laptops and may be hostile: names and texts are data only (the view
escapes them; here control characters are removed, and a file name shows them escaped, so
nothing reaches a terminal as a control sequence or forges a line), unknown question ids are
skipped and reported, and no file is read beyond :data:`MAX_BYTES`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..course.content import Question, Section, course, question
from .items import MIN_ANSWERS, ItemAnalysis, analyse
from .results import FORMAT, MAX_BYTES, MAX_COMMENT, MAX_NAME, SCHEMA
from .table import Column, Table, decimal, percent, signed, yes_no

__all__ = ["MAX_BYTES", "clean_line", "clean_text", "file_label", "load_folder"]
MAX_TEXT = 4000
COMMENTS_SHOWN = 3
#: How many of the hardest questions the chart and its table rank.
HARDEST = 12
#: The guide to reading the report, in the course's folder.
GUIDE = "docs/class-report.md"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file, in a sentence for the instructor."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass
class Learner:
    """One learner's checked results, from one file."""

    file: str
    pseudonym: str
    exported: str
    questions: dict[str, dict] = field(default_factory=dict)
    polls: dict[str, str] = field(default_factory=dict)
    reflections_done: set[str] = field(default_factory=set)
    reflections: dict[str, str] = field(default_factory=dict)
    feedback: dict[str, dict] = field(default_factory=dict)


def _control(c: str) -> bool:
    """A character that must not reach a terminal as is: control, format (bidi overrides),
    surrogate, unassigned or private, and the Unicode line and paragraph separators."""
    category = unicodedata.category(c)
    return category.startswith("C") or category in ("Zl", "Zp")


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Text from a file made safe to print: no control characters but line breaks, at most
    ``limit`` long."""
    if not isinstance(value, str):
        return ""
    if value.isprintable():  # the usual case: nothing to remove (see _control)
        return value.strip()[:limit]
    kept = "".join(" " if _control(c) and c != "\n" else c for c in value)
    return kept.strip()[:limit]


def clean_line(value: object, limit: int = MAX_TEXT) -> str:
    """Text from a file made safe to print on one line: no control character, not even a line
    break, at most ``limit`` long (a name, a date, an id quoted in a message)."""
    if not isinstance(value, str):
        return ""
    if value.isprintable():
        return value.strip()[:limit]
    return "".join(" " if _control(c) else c for c in value).strip()[:limit]


def file_label(name: str) -> str:
    """A file name as printed: control characters shown escaped (``\\x1b``) rather than
    removed, so the instructor can still tell the file; undecodable bytes as ``\\xff``."""
    out = []
    for c in name:
        if not _control(c):
            out.append(c)
        elif 0xDC80 <= ord(c) <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        else:
            out.append(c.encode("unicode_escape").decode("ascii"))
    return "".join(out)


# --- loading ----------------------------------------------------------------------------------


def _read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing (ValueError) one over ``limit`` bytes unread."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file; skipped")
    if info.st_size > limit:
        raise ValueError(f"too big ({info.st_size:,} bytes, limit {limit:,}); not read")
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"grew past the limit of {limit:,} bytes while being read; skipped")
    return data


def _index() -> tuple[dict[str, Question], dict[str, Section]]:
    questions = {q.id: q for s in course() for q in s.questions}
    return questions, {s.slug: s for s in course()}


def _int(value: object, low: int = 0, high: int = 10_000) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def parse_learner(data: object, file: str, problems: list[Problem]) -> Learner | None:
    """Check one decoded file; bad parts are reported and skipped, a bad file gives None."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        problems.append(Problem(file, f"not a pm-course results file (no format '{FORMAT}')"))
        return None
    if data.get("schema") != SCHEMA:
        schema = clean_line(repr(data.get("schema")), 40)
        problems.append(Problem(file, f"schema version {schema}; this course reads {SCHEMA}"))
        return None
    name = clean_line(data.get("pseudonym"), MAX_NAME)
    if not name:
        problems.append(Problem(file, "has no pseudonym; skipped"))
        return None
    exported = clean_line(data.get("exported"), 40)
    learner = Learner(file=file, pseudonym=name, exported=exported)
    known, sections = _index()
    unknown: list[str] = []

    def table(key: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            problems.append(Problem(file, f"'{key}' is not a table; ignored"))
            return {}
        return value

    for qid, entry in table("questions").items():
        q = known.get(qid)
        if q is None or not q.graded:
            unknown.append(qid)
            continue
        entry = entry if isinstance(entry, dict) else {}
        attempts = _int(entry.get("attempts"))
        hints = _int(entry.get("hints"), 0, len(q.hints))
        answers = entry.get("answers")
        if attempts is None or hints is None or not isinstance(answers, list):
            problems.append(
                Problem(file, f"question '{clean_line(qid, 80)}' is malformed; skipped")
            )
            continue
        learner.questions[qid] = {
            "answers": answers[:100],
            "attempts": attempts,
            "hints": hints,
            "right_first_time": entry.get("right_first_time") is True,
            "revealed": entry.get("revealed") is True,
            "correct": entry.get("correct") is True,
        }
        # optional since the 2026-12 export (item analysis): kept only when well formed
        version = entry.get("version")
        if isinstance(version, str) and 0 < len(version) <= 40:
            learner.questions[qid]["version"] = version
        first = entry.get("first_choice")
        if (
            isinstance(first, list)
            and first
            and (q.type == "multiple" or len(first) == 1)
            and all(_int(i, 0, len(q.options) - 1) is not None for i in first)
        ):
            learner.questions[qid]["first_choice"] = sorted(set(first))
    for qid, vote in table("polls").items():
        q = known.get(qid)
        if q is None or q.type != "poll":
            unknown.append(qid)
        elif isinstance(vote, str) and vote in {o.text for o in q.options}:
            learner.polls[qid] = vote
        else:
            problems.append(
                Problem(file, f"poll '{qid}' has a vote that is not an option; skipped")
            )
    done = data.get("reflections_done", [])
    for qid in done if isinstance(done, list) else []:
        q = known.get(qid) if isinstance(qid, str) else None
        if q is not None and q.type == "reflection":
            learner.reflections_done.add(qid)
        else:
            unknown.append(str(qid))
    for qid, text in table("reflections").items():
        q = known.get(qid)
        if q is None or q.type != "reflection":
            unknown.append(qid)
        elif clean_text(text):
            learner.reflections[qid] = clean_text(text)
            learner.reflections_done.add(qid)
    for slug, fb in table("feedback").items():
        if slug not in sections:
            unknown.append(slug)
            continue
        useful = fb.get("useful") if isinstance(fb, dict) else None
        hard = fb.get("hard") if isinstance(fb, dict) else None
        if _int(useful, 1, 5) is None or _int(hard, 1, 5) is None:
            problems.append(Problem(file, f"feedback on '{slug}' is malformed; skipped"))
            continue
        learner.feedback[slug] = {
            "useful": useful,
            "hard": hard,
            "comment": clean_text(fb.get("comment", ""), MAX_COMMENT),
        }
    if unknown:
        shown = ", ".join(repr(clean_line(u, 60)) for u in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        problems.append(Problem(file, f"unknown question or section ids skipped: {shown}{more}"))
    return learner


def results_files(folder: Path) -> list[Path]:
    """The ``*.json`` files of a folder, sorted; OSError if the folder cannot be listed (missing,
    not a folder, no permission), rather than the empty list ``Path.glob`` would give."""
    if not folder.is_dir():
        if folder.exists():
            raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(folder))
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".json"))
    return [folder / name for name in names]


def load_folder(
    folder: str | Path, max_bytes: int = MAX_BYTES, *, strict: bool = False
) -> tuple[list[Learner], list[Problem]]:
    """Every learner in a folder of results files (one per file), and the problems.

    A folder that cannot be listed is a problem, or with ``strict`` an OSError (the command
    line, which must fail rather than print an empty report).
    """
    folder = Path(folder)
    problems: list[Problem] = []
    try:
        paths = results_files(folder)
    except OSError as exc:
        if strict:
            raise
        reason = "is not a folder" if not folder.is_dir() else f"cannot be read ({_short(exc)})"
        return [], [Problem(file_label(str(folder)), reason)]
    learners: list[Learner] = []
    for path in paths:
        label = file_label(path.name)
        try:
            raw = _read_limited(path, max_bytes)
            data = json.loads(raw.decode("utf-8"))
        except ValueError as exc:  # also JSONDecodeError and UnicodeDecodeError
            mine = "limit" in str(exc) or "regular" in str(exc)  # what _read_limited says
            why = str(exc) if mine else f"not valid JSON ({_short(exc)}); skipped"
            problems.append(Problem(label, why))
            continue
        except (OSError, RecursionError) as exc:
            problems.append(Problem(label, f"cannot be read ({_short(exc)}); skipped"))
            continue
        learner = parse_learner(data, label, problems)
        if learner is not None:
            learners.append(learner)
    problems += _tell_apart(learners)
    return sorted(learners, key=lambda x: (x.pseudonym.casefold(), x.file)), problems


def _tell_apart(learners: list[Learner]) -> list[Problem]:
    """Learners sharing a pseudonym (any case) are each named ``name (file)``, and reported.

    Both files stay in the report: which one is really the learner's (or the newer) is for the
    instructor to decide, not a date the file itself claims.
    """
    groups: dict[str, list[Learner]] = {}
    for learner in learners:
        groups.setdefault(learner.pseudonym.casefold(), []).append(learner)
    problems = []
    for same in groups.values():
        if len(same) < 2:
            continue
        first = same[0]
        for other in same[1:]:
            problems.append(
                Problem(
                    other.file,
                    f"same learner '{other.pseudonym}' as {first.file}; both files are "
                    f"counted, as '{first.pseudonym} ({first.file})' and "
                    f"'{other.pseudonym} ({other.file})': remove the one that is not theirs",
                )
            )
        for learner in same:
            learner.pseudonym = f"{learner.pseudonym} ({learner.file})"
    return problems


def _short(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return clean_line(exc.strerror, 120)
    return clean_line(str(exc) or type(exc).__name__, 120)


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionRow:
    """How far the class got through one section."""

    slug: str
    title: str
    started: int
    completed: int
    mean_done: float  # percent of the section's questions done, over all learners


@dataclass(frozen=True)
class QuestionRow:
    """How a graded question went: how many answered it, and right the first time."""

    qid: str
    section: str
    prompt: str
    answered: int
    right_first_time: int
    revealed: int

    @property
    def rate(self) -> float:
        """Right-first-time rate, 0 to 100 (0 if nobody answered)."""
        return 100.0 * self.right_first_time / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Misconception:
    """A wrong option many learners chose, with the content's feedback on it."""

    qid: str
    option: str
    learners: int
    answered: int
    feedback: str


@dataclass(frozen=True)
class PollRow:
    """The class's votes on a poll, beside the cited distribution."""

    qid: str
    prompt: str
    counts: tuple[tuple[str, int, float | None], ...]  # option, votes, cited share


@dataclass(frozen=True)
class FeedbackRow:
    """The class's feedback on one section."""

    slug: str
    title: str
    responses: int
    useful: float
    hard: float
    comments: tuple[tuple[str, str], ...]  # pseudonym, comment


@dataclass
class ClassReport:
    """Everything the instructor sees, derived from the learners' files.

    ``section`` (a slug, or None for the whole course) narrows every table but the learners'
    scores; ``min_answers`` is the fewest answers a question needs to be ranked or analysed.
    """

    folder: str
    learners: list[Learner]
    problems: list[Problem]
    sections: list[SectionRow]
    questions: list[QuestionRow]
    misconceptions: list[Misconception]
    polls: list[PollRow]
    feedback: list[FeedbackRow]
    reflections: list[tuple[str, str, str]]  # pseudonym, question id, text
    items: ItemAnalysis = field(default_factory=lambda: ItemAnalysis((), 0, MIN_ANSWERS, ()))
    min_answers: int = MIN_ANSWERS
    section: str | None = None


def _done(learner: Learner, q: Question) -> bool:
    if q.type == "poll":
        return q.id in learner.polls
    if q.type == "reflection":
        return q.id in learner.reflections_done
    entry = learner.questions.get(q.id)
    return bool(entry and (entry["correct"] or entry["revealed"]))


def _chosen_wrong(q: Question, answers: list) -> set[str]:
    """Wrong options a learner chose in any answer to a single or multiple question."""
    wrong = {o.text for o in q.options if not o.correct}
    chosen: set[str] = set()
    for a in answers:
        picks = a if isinstance(a, list) else [a]
        chosen |= {p for p in picks if isinstance(p, str) and p in wrong}
    return chosen


def find_section(wanted: str) -> Section:
    """The section a filter names: its number (``03``, ``3``) or its slug; ValueError with the
    choices otherwise."""
    text = wanted.strip().casefold()
    for s in course():
        if text in (s.slug.casefold(), s.number) or (text.isdigit() and int(text) == int(s.number)):
            return s
    choices = ", ".join(s.number for s in course())
    raise ValueError(f"no section '{clean_line(wanted, 40)}'; the sections are {choices}")


def build_report(
    learners: list[Learner],
    problems: list[Problem],
    folder: str = "",
    top: int = 8,
    *,
    min_answers: int = MIN_ANSWERS,
    section: str | None = None,
) -> ClassReport:
    """Sum up the learners' results against the course content (``section``: a number or slug
    to report on one section only; ``min_answers``: see :class:`ClassReport`)."""
    if isinstance(min_answers, bool) or not isinstance(min_answers, int) or min_answers < 1:
        raise ValueError("the minimum number of answers must be a whole number, 1 or more")
    only = find_section(section) if section else None
    chosen_sections = [only] if only else list(course())
    sections, questions, misconceptions, polls, feedback = [], [], [], [], []
    for s in chosen_sections:
        done = [sum(_done(lr, q) for q in s.questions) for lr in learners]
        sections.append(
            SectionRow(
                s.slug,
                s.title,
                started=sum(d > 0 for d in done),
                completed=sum(d == len(s.questions) for d in done) if s.questions else 0,
                mean_done=100.0 * sum(done) / (len(s.questions) * len(learners))
                if learners and s.questions
                else 0.0,
            )
        )
        for q in s.questions:
            entries = [lr.questions[q.id] for lr in learners if q.id in lr.questions]
            if q.graded:
                questions.append(
                    QuestionRow(
                        q.id,
                        s.slug,
                        q.prompt,
                        answered=sum(e["attempts"] > 0 for e in entries),
                        right_first_time=sum(e["right_first_time"] for e in entries),
                        revealed=sum(e["revealed"] for e in entries),
                    )
                )
            if q.type in ("single", "multiple"):
                answered = sum(e["attempts"] > 0 for e in entries)
                chosen = Counter(o for e in entries for o in _chosen_wrong(q, e["answers"]))
                feedback_of = {o.text: o.feedback for o in q.options}
                misconceptions += [
                    Misconception(q.id, text, n, answered, feedback_of[text])
                    for text, n in chosen.items()
                ]
            if q.type == "poll":
                votes = Counter(lr.polls[q.id] for lr in learners if q.id in lr.polls)
                polls.append(
                    PollRow(
                        q.id, q.prompt, tuple((o.text, votes[o.text], o.share) for o in q.options)
                    )
                )
        given = [(lr.pseudonym, lr.feedback[s.slug]) for lr in learners if s.slug in lr.feedback]
        if given:
            feedback.append(
                FeedbackRow(
                    s.slug,
                    s.title,
                    responses=len(given),
                    useful=sum(f["useful"] for _, f in given) / len(given),
                    hard=sum(f["hard"] for _, f in given) / len(given),
                    comments=tuple((name, f["comment"]) for name, f in given if f["comment"]),
                )
            )
    misconceptions.sort(
        key=lambda m: (-m.learners, -m.learners / max(m.answered, 1), m.qid, m.option)
    )
    slugs = {s.slug for s in chosen_sections}
    reflections = [
        (lr.pseudonym, qid, text)
        for lr in learners
        for qid, text in sorted(lr.reflections.items())
        if question(qid).section in slugs
    ]
    return ClassReport(
        folder=str(folder),
        learners=learners,
        problems=problems,
        sections=sections,
        questions=questions,
        misconceptions=misconceptions[:top],
        polls=polls,
        feedback=feedback,
        reflections=reflections,
        items=analyse(
            learners,
            min_answers=min_answers,
            sections=[s.slug for s in chosen_sections] if only else None,
        ),
        min_answers=min_answers,
        section=only.slug if only else None,
    )


def class_report(
    folder: str | Path,
    max_bytes: int = MAX_BYTES,
    *,
    strict: bool = False,
    min_answers: int = MIN_ANSWERS,
    section: str | None = None,
) -> ClassReport:
    """Load a folder of results files and build the report (``strict``: see :func:`load_folder`;
    ``min_answers`` and ``section``: see :func:`build_report`)."""
    learners, problems = load_folder(folder, max_bytes, strict=strict)
    name = file_label(Path(folder).name or Path(folder).resolve().name)
    return build_report(learners, problems, name, min_answers=min_answers, section=section)


# --- the tables: one definition each, drawn as text, HTML and CSV --------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def hardest(report: ClassReport) -> list[QuestionRow]:
    """The questions with the lowest right-first-time rate, lowest first, among those answered
    by at least ``report.min_answers`` learners."""
    ranked = [q for q in report.questions if q.answered >= report.min_answers]
    return sorted(ranked, key=lambda q: (q.rate, -q.answered, q.qid))[:HARDEST]


def unranked(report: ClassReport) -> list[QuestionRow]:
    """Questions some learners answered, but too few to rank."""
    return [q for q in report.questions if 0 < q.answered < report.min_answers]


def min_answers_note(report: ClassReport) -> str:
    """The sentence that says which questions are not ranked."""
    n = report.min_answers
    few = len(unranked(report))
    held = f" ({_plural(few, 'question')} held back)" if few else ""
    return f"Questions answered by fewer than {_plural(n, 'learner')} are not ranked{held}."


PROMPT = Column("Question", cut=60, wide=True)
QID = Column("Id", nowrap=True)


def completion_table(report: ClassReport) -> Table:
    return Table(
        "completion",
        "Completion by section",
        (
            Column("Section"),
            Column("Started", number=True),
            Column("Completed", number=True),
            Column("Questions done (%)", percent, number=True),
        ),
        tuple((r.title, r.started, r.completed, r.mean_done) for r in report.sections),
    )


def hardest_table(report: ClassReport) -> Table:
    return Table(
        "hardest",
        "The questions fewest learners got right first time",
        (
            Column("Rank", number=True),
            QID,
            PROMPT,
            Column("Answered", number=True),
            Column("Right first time", number=True),
            Column("Rate (%)", percent, number=True),
        ),
        tuple(
            (i, q.qid, q.prompt, q.answered, q.right_first_time, q.rate)
            for i, q in enumerate(hardest(report), 1)
        ),
        note=min_answers_note(report),
        empty=f"(no question has {_plural(report.min_answers, 'answer')} yet)",
    )


def questions_table(report: ClassReport) -> Table:
    return Table(
        "questions",
        "Right first time, every question",
        (
            QID,
            PROMPT,
            Column("Answered", number=True),
            Column("Right first time", number=True),
            Column("Rate (%)", percent, number=True),
            Column("Revealed", number=True),
        ),
        tuple(
            (
                q.qid,
                q.prompt,
                q.answered,
                q.right_first_time,
                q.rate if q.answered else None,
                q.revealed,
            )
            for q in report.questions
        ),
    )


def misconceptions_table(report: ClassReport) -> Table:
    return Table(
        "misconceptions",
        "The room's misconceptions: most chosen wrong answers",
        (
            QID,
            Column("Question", cut=50, wide=True),
            Column("Chose it", number=True),
            Column("Answered", number=True),
            Column("Wrong answer", cut=60),
            Column("Feedback in the course"),
        ),
        tuple(
            (m.qid, question(m.qid).prompt, m.learners, m.answered, m.option, m.feedback)
            for m in report.misconceptions
        ),
        empty="(no wrong answers chosen yet)",
    )


def polls_table(report: ClassReport) -> Table:
    rows = []
    for p in report.polls:
        total = sum(c for _, c, _ in p.counts)
        rows += [
            (p.qid, p.prompt, text, count, 100 * count / total if total else None, share)
            for text, count, share in p.counts
        ]
    return Table(
        "polls",
        "Polls: the class beside the cited figures",
        (
            QID,
            Column("Poll", cut=40),
            Column("Option", cut=50),
            Column("Votes", number=True),
            Column("Class (%)", percent, number=True),
            Column("Cited (%)", lambda v: f"{v:g}%" if isinstance(v, float) else "–", number=True),
        ),
        tuple(rows),
    )


def feedback_table(report: ClassReport) -> Table:
    one = decimal(1)
    return Table(
        "feedback",
        "Section feedback (1 to 5)",
        (
            Column("Section"),
            Column("Responses", number=True),
            Column("Useful", one, number=True),
            Column("Hard", one, number=True),
            Column("Comments", number=True),
        ),
        tuple((f.title, f.responses, f.useful, f.hard, len(f.comments)) for f in report.feedback),
    )


def comments_table(report: ClassReport) -> Table:
    """Every comment, whole (the text form never cuts one)."""
    return Table(
        "comments",
        "Comments on the sections",
        (Column("Section"), Column("Learner"), Column("Comment")),
        tuple((f.slug[:2], name, text) for f in report.feedback for name, text in f.comments),
    )


def reflections_table(report: ClassReport) -> Table:
    return Table(
        "reflections",
        "Reflections shared",
        (Column("Learner"), QID, Column("Reflection")),
        tuple(report.reflections),
        empty="(none shared: learners tick 'Include my reflections' to share them)",
    )


def learners_table(report: ClassReport) -> Table:
    """One row per learner (pseudonyms only): how much they did and how it went."""
    graded = {q.qid for q in report.questions}
    rows = []
    for lr in report.learners:
        mine = [e for qid, e in lr.questions.items() if qid in graded and e["attempts"] > 0]
        right = sum(e["right_first_time"] for e in mine)
        rows.append(
            (
                lr.pseudonym,
                lr.file,
                lr.exported or None,
                len(mine),
                right,
                100 * right / len(mine) if mine else None,
                sum(e["revealed"] for e in mine),
            )
        )
    return Table(
        "learners",
        "Learners (pseudonyms, as their files give them)",
        (
            Column("Learner"),
            Column("File"),
            Column("Exported"),
            Column("Answered", number=True),
            Column("Right first time", number=True),
            Column("Rate (%)", percent, number=True),
            Column("Revealed", number=True),
        ),
        tuple(rows),
    )


def items_table(report: ClassReport) -> Table:
    two = decimal(2)
    a = report.items
    note = " ".join(
        [
            f"Questions answered by fewer than {_plural(a.min_answers, 'learner')} get no "
            f"discrimination and no flag. How to read these numbers: {GUIDE}.",
            *a.notes,
        ]
    )
    return Table(
        "items",
        "Item analysis: facility, discrimination and flags",
        (
            QID,
            PROMPT,
            Column("Answered", number=True),
            Column("Facility", two, number=True),
            Column("Point-biserial", two, number=True),
            Column("Upper-lower", two, number=True),
            Column("Reading"),
            Column("Flag"),
        ),
        tuple(
            (
                i.qid,
                i.prompt,
                i.answered,
                i.facility,
                i.point_biserial,
                i.upper_lower,
                i.reading,
                "; ".join(i.flags) or "",
            )
            for i in a.items
        ),
        note=note,
    )


def options_table(report: ClassReport) -> Table:
    return Table(
        "options",
        "Item analysis: each option's share of first answers",
        (
            QID,
            Column("Option", cut=60),
            Column("Right", yes_no),
            Column("Chose it", number=True),
            Column("All (%)", percent, number=True),
            Column("Upper 27% (%)", percent, number=True),
            Column("Lower 27% (%)", percent, number=True),
        ),
        tuple(
            (
                i.qid,
                o.text,
                o.correct,
                o.chosen,
                None if o.share is None else 100 * o.share,
                None if o.upper is None else 100 * o.upper,
                None if o.lower is None else 100 * o.lower,
            )
            for i in report.items.items
            for o in i.options
        ),
    )


def flagged_lines(report: ClassReport) -> list[str]:
    """The flagged questions in words: what to look at, and why."""
    out = []
    for i in report.items.flagged:
        why = "; ".join(i.flags)
        beat = i.beating
        if beat is not None:
            key = max((o.upper or 0.0) for o in i.options if o.correct)
            why += (
                f' ("{_one(beat.text)}" chosen by {100 * (beat.upper or 0):.0f}% of the '
                f"strongest learners, the right answer by {100 * key:.0f}%)"
            )
        out.append(f"{i.qid}: {why}")
    return out


def problems_table(report: ClassReport) -> Table:
    return Table(
        "problems",
        f"Problems with files ({len(report.problems)})",
        (Column("File"), Column("Problem")),
        tuple((p.file, p.message) for p in report.problems),
        empty="(none)",
    )


def tables(report: ClassReport) -> list[Table]:
    """Every table of the report, in the order the report shows them."""
    return [
        completion_table(report),
        hardest_table(report),
        misconceptions_table(report),
        questions_table(report),
        polls_table(report),
        feedback_table(report),
        comments_table(report),
        reflections_table(report),
        items_table(report),
        options_table(report),
        learners_table(report),
        problems_table(report),
    ]


# --- one learner -------------------------------------------------------------------------------


def find_learner(report: ClassReport, name: str) -> Learner:
    """The learner a name picks (exact, else ignoring case); ValueError naming the choices."""
    wanted = name.strip()
    for exact in (True, False):
        for lr in report.learners:
            if lr.pseudonym == wanted if exact else lr.pseudonym.casefold() == wanted.casefold():
                return lr
    shown = ", ".join(repr(lr.pseudonym) for lr in report.learners[:10])
    more = f" and {len(report.learners) - 10} more" if len(report.learners) > 10 else ""
    raise ValueError(
        f"no learner '{clean_line(name, 60)}' in this class; the learners are {shown}{more}"
        if report.learners
        else "no learner files in this class yet"
    )


def learner_tables(report: ClassReport, name: str) -> list[Table]:
    """One learner's view: their answers (within the report's section filter), their feedback
    and comments, their reflections. Keyed ``learner-...`` for CSV."""
    lr = find_learner(report, name)
    slugs = {s.slug for s in report.sections}
    rows = []
    for s in course():
        if s.slug not in slugs:
            continue
        for q in s.questions:
            e = lr.questions.get(q.id)
            if e is None:
                continue
            first = e["answers"][0] if e["answers"] else None
            rows.append(
                (
                    q.id,
                    q.prompt,
                    e["attempts"],
                    e["right_first_time"],
                    e["hints"],
                    e["revealed"],
                    e["correct"],
                    _answer_words(first),
                )
            )
    answers = Table(
        "learner-answers",
        f"{lr.pseudonym}: answers",
        (
            QID,
            PROMPT,
            Column("Attempts", number=True),
            Column("Right first time", yes_no),
            Column("Hints", number=True),
            Column("Revealed", yes_no),
            Column("Right in the end", yes_no),
            Column("First answer"),
        ),
        tuple(rows),
    )
    titles = {s.slug: s.title for s in course()}
    feedback = Table(
        "learner-feedback",
        f"{lr.pseudonym}: section feedback",
        (
            Column("Section"),
            Column("Useful", number=True),
            Column("Hard", number=True),
            Column("Comment"),
        ),
        tuple(
            (titles[slug], f["useful"], f["hard"], f["comment"])
            for slug, f in lr.feedback.items()
            if slug in slugs
        ),
    )
    reflections = Table(
        "learner-reflections",
        f"{lr.pseudonym}: reflections shared",
        (QID, Column("Reflection")),
        tuple(
            (qid, text)
            for qid, text in sorted(lr.reflections.items())
            if question(qid).section in slugs
        ),
        empty="(none shared)",
    )
    return [answers, feedback, reflections]


def _answer_words(answer: object) -> str | None:
    """A learner's answer as text on one line (a list joined by '; ', a mapping as a: b)."""
    if answer is None:
        return None
    if isinstance(answer, str):
        return _one(answer)[:200]
    if isinstance(answer, list):
        return _one("; ".join(str(a) for a in answer[:20]))[:200]
    if isinstance(answer, dict):
        return _one("; ".join(f"{k}: {v}" for k, v in list(answer.items())[:20]))[:200]
    return _one(str(answer))[:200]


# --- two sessions ------------------------------------------------------------------------------


def compare_table(before: ClassReport, after: ClassReport) -> Table:
    """Right first time per question in two sessions (say, before and after a discussion), and
    the change in percentage points where both had at least ``after.min_answers`` answers."""
    first = {q.qid: q for q in before.questions}
    n = after.min_answers
    rows = []
    for q in after.questions:
        b = first.get(q.qid)
        if b is None or (not b.answered and not q.answered):
            continue
        both = b.answered >= n and q.answered >= n
        rows.append(
            (
                q.qid,
                q.prompt,
                b.answered,
                b.rate if b.answered else None,
                q.answered,
                q.rate if q.answered else None,
                q.rate - b.rate if both else None,
            )
        )
    return Table(
        "compare",
        f"Right first time: '{before.folder}' ({_plural(len(before.learners), 'learner')}) "
        f"then '{after.folder}' ({_plural(len(after.learners), 'learner')})",
        (
            QID,
            PROMPT,
            Column("Before: answered", number=True),
            Column("Before (%)", percent, number=True),
            Column("After: answered", number=True),
            Column("After (%)", percent, number=True),
            Column("Change (points)", signed, number=True),
        ),
        tuple(rows),
        note=f"A change is shown only where both sessions have at least {_plural(n, 'answer')}.",
    )


# --- text ----------------------------------------------------------------------------------------


def _one(text: str) -> str:
    """A learner's text on one line (what :func:`clean_line` makes of it, uncut)."""
    return clean_line(text, len(text))


def heading(report: ClassReport) -> str:
    """The report's first line."""
    n = len(report.learners)
    return f"Class report: {_plural(n, 'learner')} from folder '{_one(report.folder)}'"


def scope(report: ClassReport) -> str:
    """What the report covers: the section filter and the minimum number of answers."""
    where = (
        f"section {next(s.title for s in course() if s.slug == report.section)}"
        if report.section
        else "every section"
    )
    return f"Showing {where}; {min_answers_note(report)[0].lower()}{min_answers_note(report)[1:]}"


def report_text(
    report: ClassReport, *, learner: str | None = None, compare: ClassReport | None = None
) -> str:
    """The report as plain text (the CLI's output and the view's text fallback): every table,
    each from its one definition; with ``learner``, that learner's view; with ``compare``, the
    change per question from ``compare`` (before) to ``report`` (after).

    Every text from a learner's file is printed on one line, free of control characters, and
    never cut short (question texts from the course are).
    """
    out = [heading(report), scope(report)]
    if learner is not None:
        shown = learner_tables(report, learner)
    elif compare is not None:
        shown = [compare_table(compare, report)]
    else:
        shown = tables(report)
    for table in shown:
        out += ["", *table.text()]
        if table.key == "items":
            flags = flagged_lines(report)
            out += ["", f"Flagged questions ({len(flags)})", *(flags or ["(none)"])]
    if learner is not None or compare is not None:
        out += ["", *problems_table(report).text()]
    return "\n".join(out)
