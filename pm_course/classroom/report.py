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

from ..course.content import Question, Section, course
from .results import FORMAT, MAX_BYTES, MAX_COMMENT, MAX_NAME, SCHEMA

__all__ = ["MAX_BYTES", "clean_line", "clean_text", "file_label", "load_folder"]
MAX_TEXT = 4000
COMMENTS_SHOWN = 3


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
    kept = "".join(" " if _control(c) and c != "\n" else c for c in value)
    return kept.strip()[:limit]


def clean_line(value: object, limit: int = MAX_TEXT) -> str:
    """Text from a file made safe to print on one line: no control character, not even a line
    break, at most ``limit`` long (a name, a date, an id quoted in a message)."""
    if not isinstance(value, str):
        return ""
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
    """Everything the instructor sees, derived from the learners' files."""

    folder: str
    learners: list[Learner]
    problems: list[Problem]
    sections: list[SectionRow]
    questions: list[QuestionRow]
    misconceptions: list[Misconception]
    polls: list[PollRow]
    feedback: list[FeedbackRow]
    reflections: list[tuple[str, str, str]]  # pseudonym, question id, text


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


def build_report(
    learners: list[Learner], problems: list[Problem], folder: str = "", top: int = 8
) -> ClassReport:
    """Sum up the learners' results against the course content."""
    sections, questions, misconceptions, polls, feedback = [], [], [], [], []
    for s in course():
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
    reflections = [
        (lr.pseudonym, qid, text) for lr in learners for qid, text in sorted(lr.reflections.items())
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
    )


def class_report(
    folder: str | Path, max_bytes: int = MAX_BYTES, *, strict: bool = False
) -> ClassReport:
    """Load a folder of results files and build the report (``strict``: see :func:`load_folder`)."""
    learners, problems = load_folder(folder, max_bytes, strict=strict)
    return build_report(learners, problems, file_label(Path(folder).name))


# --- text -------------------------------------------------------------------------------------


def _one(text: str) -> str:
    """A learner's text on one line (what :func:`clean_line` makes of it, uncut)."""
    return clean_line(text, len(text))


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(header: tuple[str, ...], rows: list[tuple], right: set[int]) -> list[str]:
    cells = [tuple(str(c) for c in header), *(tuple(str(c) for c in r) for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()

    return [line(cells[0]), "  ".join("-" * w for w in widths), *(line(r) for r in cells[1:])]


def report_text(report: ClassReport) -> str:
    """The report as plain text (the CLI's output and the view's text fallback).

    Every text from a learner's file is printed on one line, free of control characters.
    """
    n = len(report.learners)
    folder = _one(report.folder)
    out = [f"Class report: {n} learner{'s' if n != 1 else ''} from folder '{folder}'"]
    out += ["", "Completion by section"]
    out += _table(
        ("Section", "Started", "Completed", "Done"),
        [
            (_cut(r.title, 40), r.started, r.completed, f"{r.mean_done:.0f}%")
            for r in report.sections
        ],
        {1, 2, 3},
    )
    out += ["", "Right first time, by question"]
    out += _table(
        ("Question", "Answered", "Right 1st", "Rate", "Revealed"),
        [
            (
                r.qid,
                r.answered,
                r.right_first_time,
                f"{r.rate:.0f}%" if r.answered else "-",
                r.revealed,
            )
            for r in report.questions
        ],
        {1, 2, 3, 4},
    )
    out += ["", "Most chosen wrong answers (the room's misconceptions)"]
    if not report.misconceptions:
        out.append("(none yet)")
    for i, m in enumerate(report.misconceptions, 1):
        out.append(f'{i}. {m.qid}: {m.learners} of {m.answered} chose "{_cut(m.option, 90)}"')
        out.append(f"   Feedback: {_cut(m.feedback, 200)}")
    out += ["", "Polls"]
    for p in report.polls:
        total = sum(c for _, c, _ in p.counts)
        out.append(f"{p.qid} ({total} vote{'s' if total != 1 else ''}): {_cut(p.prompt, 80)}")
        for text, count, share in p.counts:
            cited = f"  (cited {share:g}%)" if share is not None else ""
            mine = f"{100 * count / total:.0f}%" if total else "-"
            out.append(f"  {count:>4}  {mine:>4}  {_cut(text, 60)}{cited}")
    out += ["", "Section feedback (1 to 5)"]
    if not report.feedback:
        out.append("(none yet)")
    else:
        out += _table(
            ("Section", "Responses", "Useful", "Hard"),
            [
                (_cut(f.title, 40), f.responses, f"{f.useful:.1f}", f"{f.hard:.1f}")
                for f in report.feedback
            ],
            {1, 2, 3},
        )
        for f in report.feedback:
            for name, comment in f.comments[:COMMENTS_SHOWN]:
                out.append(f"  {f.slug[:2]} {_one(name)}: {_cut(_one(comment), 150)}")
            if len(f.comments) > COMMENTS_SHOWN:
                out.append(f"  {f.slug[:2]} … and {len(f.comments) - COMMENTS_SHOWN} more comments")
    if report.reflections:
        out += ["", "Reflections shared"]
        out += [
            f"  {_one(name)} ({qid}): {_cut(_one(text), 150)}"
            for name, qid, text in report.reflections
        ]
    out += ["", f"Problems with files ({len(report.problems)})"]
    out += [f"  {_one(str(p))}" for p in report.problems] or ["  (none)"]
    return "\n".join(out)
