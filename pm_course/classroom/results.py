"""Class results without a server: a learner's small results file, and section feedback.

A learner exports one JSON file (:func:`build_results`, written by :func:`write_results`);
the instructor collects the files in a folder and reads them with
:mod:`pm_course.classroom.report`. Nothing here imports ipywidgets.

The file holds a pseudonym (a random code such as ``learner-7f3k`` unless the learner types a
name), per graded question the answers, attempts, hints used, right first time and revealed,
the poll votes, the section feedback and, only if the learner ticks the box, the reflections.

For the item analysis (:mod:`pm_course.classroom.items`) each question also carries, since
the course's 2026-12 release, ``first_choice`` (the options of the first answer, as indices
into the question's options: single and multiple choice only) and ``version`` (a short
fingerprint of the question as answered: :func:`question_version`). Both are optional: files
without them still load (the schema stays 1), and the item analysis says what it had to guess.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path

from ..course.content import Question, course
from ..course.files import json_text, write_text_atomic
from ..course.store import Store

FORMAT = "pm-course-results"
SCHEMA = 1
ENV_CLASS_DIR = "PM_COURSE_CLASS_DIR"
NAME_KEY = "results:name"
FEEDBACK_PREFIX = "feedback:"
MAX_NAME = 60
MAX_COMMENT = 2000
#: The biggest results file the class report reads (512 KB); a bigger one is refused at export.
MAX_BYTES = 512 * 1024
SCALE = (1, 2, 3, 4, 5)
_CODE_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def random_pseudonym() -> str:
    """A random code such as ``learner-7f3k``."""
    return "learner-" + "".join(secrets.choice(_CODE_CHARS) for _ in range(4))


def clean_name(name: object) -> str:
    """The name as it goes into the file: one line, trimmed, at most 60 characters.

    Raises ValueError for an empty or non-text name.
    """
    if not isinstance(name, str) or not " ".join(name.split()):
        raise ValueError("Type a name or code for your results file (any name you like).")
    return " ".join(name.split())[:MAX_NAME]


def class_folder(fallback: str | Path | None = None) -> Path:
    """Where results go by default: ``$PM_COURSE_CLASS_DIR`` if set, else ``fallback``, else
    the current folder."""
    env = os.environ.get(ENV_CLASS_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(fallback).expanduser() if fallback else Path.cwd()


# --- section feedback -------------------------------------------------------------------------


def feedback_key(slug: str) -> str:
    """The store key of a section's feedback, such as ``feedback:01_what_is_product_management``."""
    return FEEDBACK_PREFIX + slug


def check_feedback(useful: object, hard: object, comment: object = "") -> dict:
    """Feedback as it is saved: ``{"useful": 1-5, "hard": 1-5, "comment": str}``.

    Raises ValueError with a sentence for the learner when a rating is missing or out of range.
    """
    for label, value in (("how useful", useful), ("how hard", hard)):
        if isinstance(value, bool) or value not in SCALE:
            raise ValueError(f"Choose {label} the section was, from 1 to 5.")
    text = comment if isinstance(comment, str) else ""
    assert isinstance(useful, int) and isinstance(hard, int)  # both are in SCALE
    return {"useful": useful, "hard": hard, "comment": text.strip()[:MAX_COMMENT]}


def saved_feedback(store: Store, slug: str) -> dict | None:
    """The learner's saved feedback on a section, or None (also for damaged notes)."""
    data = store.note(feedback_key(slug))
    if not isinstance(data, dict):
        return None
    try:
        return check_feedback(data.get("useful"), data.get("hard"), data.get("comment", ""))
    except ValueError:
        return None


# --- the results file -------------------------------------------------------------------------


def question_version(q: Question) -> str:
    """A short fingerprint of what decides a question's marking: its type, options and which are
    right, its number and tolerance, its items and groups. Rewording the prompt, a hint or the
    feedback keeps it; changing the key or an option changes it."""
    what = [
        q.type,
        [(o.text, o.correct) for o in q.options],
        q.answer,
        q.tolerance,
        [(it.text, it.category) for it in q.items],
        list(q.categories),
    ]
    blob = json.dumps(what, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:10]


def choice_indices(q: Question, answer: object) -> list[int] | None:
    """The options an answer chose, as indices into ``q.options`` (sorted), or None when the
    question has no options or the answer names one it does not have."""
    if q.type not in ("single", "multiple"):
        return None
    picks = [answer] if isinstance(answer, str) else answer
    if not isinstance(picks, list | tuple):
        return None
    index = {o.text: i for i, o in enumerate(q.options)}
    if not all(isinstance(p, str) and p in index for p in picks):
        return None
    return sorted({index[p] for p in picks})


def build_results(
    store: Store,
    pseudonym: str,
    *,
    reflections: bool = False,
    now: str | None = None,
) -> dict:
    """The learner's results as a JSON-ready dict (schema :data:`SCHEMA`).

    Only questions of the course content count (not the final check's copies); reflection
    texts are included only when ``reflections`` is True, else only which were written.
    """
    states = store.states()
    questions: dict[str, dict] = {}
    polls: dict[str, object] = {}
    written: dict[str, str] = {}
    feedback: dict[str, dict] = {}
    for section in course():
        fb = saved_feedback(store, section.slug)
        if fb is not None:
            feedback[section.slug] = fb
        for q in section.questions:
            st = states.get(q.id)
            if st is None:
                continue
            if q.type == "poll":
                if st.status == "recorded":
                    polls[q.id] = st.answer
            elif q.type == "reflection":
                if st.status == "saved" and isinstance(st.answer, str):
                    written[q.id] = st.answer
            elif st.attempts or st.hints or st.revealed:
                answers = [
                    e.answer
                    for e in store.events(q.id)
                    if e.kind == "answer" and e.status in ("correct", "partial", "incorrect")
                ]
                entry = {
                    "section": section.slug,
                    "answers": answers,
                    "attempts": st.attempts,
                    "hints": st.hints,
                    "right_first_time": st.right_first_time,
                    "revealed": st.revealed,
                    "correct": st.status == "correct",
                    "version": question_version(q),
                }
                first = choice_indices(q, answers[0]) if answers else None
                if first is not None:
                    entry["first_choice"] = first
                questions[q.id] = entry
    result = {
        "format": FORMAT,
        "schema": SCHEMA,
        "pseudonym": clean_name(pseudonym),
        "exported": now or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "questions": questions,
        "polls": polls,
        "reflections_done": sorted(written),
        "feedback": feedback,
    }
    if reflections:
        result["reflections"] = written
    return result


def results_filename(pseudonym: str) -> str:
    """A safe file name for a pseudonym: ``pm-course-results-<name>.json``."""
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in clean_name(pseudonym).lower())
    return f"pm-course-results-{slug.strip('-') or 'learner'}.json"


def check_size(text: str, reflections: bool) -> None:
    """Refuse (ValueError, a sentence for the learner) a results file the report would not read."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_BYTES:
        return
    fix = (
        "untick 'Include my reflections' or shorten your longest reflections"
        if reflections
        else "shorten your longest answers or section comments"
    )
    raise ValueError(
        f"Your results file is too big to share: {_kb(size)}, and the class report reads "
        f"files up to {_kb(MAX_BYTES)}; {fix}, then export again."
    )


def _kb(size: int) -> str:
    return f"{-(-size // 1024):,} KB"


def write_results(data: dict, folder: str | Path | None = None) -> Path:
    """Write a results dict atomically into ``folder`` (default :func:`class_folder`).

    Raises ValueError, with a sentence for the learner, for a file over :data:`MAX_BYTES`
    (the class report would not read it); nothing is written then.
    """
    text = json_text(data)
    check_size(text, "reflections" in data)
    target = Path(folder).expanduser() if folder else class_folder()
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(target))
    path = write_text_atomic(target / results_filename(data["pseudonym"]), text)
    with contextlib.suppress(OSError):  # a shared class folder: the instructor must read it
        path.chmod(0o644)
    return path


def export_results(
    store: Store,
    name: str | None = None,
    *,
    reflections: bool = False,
    folder: str | Path | None = None,
) -> Path:
    """Build and write the results file; the name (or a new random code) is remembered.

    Raises ValueError (a blank name, a file too big to share) or OSError (the folder cannot
    be written), each with a sentence for the learner; nothing is lost either way.
    """
    pseudonym = clean_name(name) if name else remembered_name(store)
    store.save_note("results", NAME_KEY, pseudonym)
    return write_results(build_results(store, pseudonym, reflections=reflections), folder)


def remembered_name(store: Store) -> str:
    """The name used for the last export, or a new random code."""
    try:
        return clean_name(store.note(NAME_KEY))
    except ValueError:
        return random_pseudonym()
