"""Course content: load and validate the question files in ``pm_course/content``.

Each section of the course has one TOML file named after its notebook
(``01_what_is_product_management.toml`` for ``01_what_is_product_management.ipynb``).
This module turns those files into frozen :class:`Question` records and refuses
a file that is wrong, with an error that names the file and the question.
It never imports ipywidgets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONTENT_DIR = Path(__file__).parent / "content"

#: The question types, with a one-line description shown in the text fallback.
QUESTION_TYPES = {
    "single": "Single choice",
    "multiple": "Multiple select",
    "numeric": "Number",
    "ordering": "Put in order",
    "categorise": "Sort into groups",
    "reflection": "Reflection",
    "poll": "Poll",
}

#: Types that are marked right or wrong (reflection and poll are not).
GRADED_TYPES = frozenset({"single", "multiple", "numeric", "ordering", "categorise"})


class ContentError(ValueError):
    """A content file is broken; the message names the file and the question."""


@dataclass(frozen=True)
class Option:
    """One choice of a single, multiple or poll question."""

    text: str
    feedback: str
    correct: bool = False
    share: float | None = None  # poll only: percentage in the cited distribution


@dataclass(frozen=True)
class Item:
    """One thing to put in order or to sort into a group."""

    text: str
    feedback: str
    category: str = ""  # categorise only


@dataclass(frozen=True)
class Question:
    """One question, exactly as its content file declares it."""

    id: str
    type: str
    prompt: str
    section: str
    explanation: str
    hints: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    items: tuple[Item, ...] = ()
    categories: tuple[str, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    feedback: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""

    @property
    def graded(self) -> bool:
        """True if the question has a right answer."""
        return self.type in GRADED_TYPES

    @property
    def type_label(self) -> str:
        """Human name of the question type, such as 'Multiple select'."""
        return QUESTION_TYPES[self.type]


@dataclass(frozen=True)
class Section:
    """One section of the course: its notebook's slug, title, minutes and questions."""

    slug: str
    title: str
    minutes: int
    questions: tuple[Question, ...]

    @property
    def number(self) -> str:
        """The two-digit number that starts the slug, such as '01'."""
        return self.slug.split("_", 1)[0]


# --- validation -------------------------------------------------------------------------------


class _Checker:
    """Collects the context (file, question id) for precise error messages."""

    def __init__(self, filename: str, qid: str | None = None):
        self.filename = filename
        self.qid = qid

    def fail(self, message: str) -> ContentError:
        where = f"{self.filename}: question '{self.qid}'" if self.qid else self.filename
        return ContentError(f"{where} {message}")

    def text(self, table: dict, key: str, *, what: str | None = None) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"needs {what or repr(key)} as non-empty text")
        return value.strip()

    def number(self, table: dict, key: str) -> float:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"needs {key!r} as a number")
        return float(value)

    def table_list(self, table: dict, key: str, minimum: int) -> list[dict]:
        value = table.get(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"needs {key!r} as a list of tables ([[questions.{key}]])")
        if len(value) < minimum:
            raise self.fail(f"needs at least {minimum} {key}, has {len(value)}")
        return value

    def unique(self, values: Iterable[str], what: str) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise self.fail(f"has the {what} {value!r} twice")
            seen.add(value)


def _options(check: _Checker, raw: dict, *, poll: bool = False) -> tuple[Option, ...]:
    options = []
    for i, table in enumerate(check.table_list(raw, "options", 2), start=1):
        text = check.text(table, "text", what=f"option {i} text")
        feedback = check.text(table, "feedback", what=f"feedback for option {text!r}")
        correct = table.get("correct", False)
        if not isinstance(correct, bool):
            raise check.fail(f"option {text!r}: 'correct' must be true or false")
        if poll and correct:
            raise check.fail("is a poll, so no option can be correct")
        share = check.number(table, "share") if poll else None
        options.append(Option(text=text, feedback=feedback, correct=correct, share=share))
    check.unique((o.text for o in options), "option")
    return tuple(options)


def _items(check: _Checker, raw: dict, *, categorised: bool) -> tuple[Item, ...]:
    items = []
    for i, table in enumerate(check.table_list(raw, "items", 3 if not categorised else 2), 1):
        text = check.text(table, "text", what=f"item {i} text")
        feedback = check.text(table, "feedback", what=f"feedback for item {text!r}")
        category = (
            check.text(table, "category", what=f"category for item {text!r}") if categorised else ""
        )
        items.append(Item(text=text, feedback=feedback, category=category))
    check.unique((it.text for it in items), "item")
    return tuple(items)


def _single(check: _Checker, raw: dict) -> dict:
    options = _options(check, raw)
    right = [o.text for o in options if o.correct]
    if len(right) != 1:
        count = "no right answer" if not right else f"{len(right)} right answers"
        raise check.fail(f"has {count}; a single-choice question needs exactly one")
    return {"options": options}


def _multiple(check: _Checker, raw: dict) -> dict:
    options = _options(check, raw)
    if not any(o.correct for o in options):
        raise check.fail("has no right answer; mark at least one option correct = true")
    if all(o.correct for o in options):
        raise check.fail("marks every option right; add at least one distractor")
    return {"options": options}


def _numeric(check: _Checker, raw: dict) -> dict:
    tolerance = check.number(raw, "tolerance")
    if tolerance < 0:
        raise check.fail("has a negative tolerance")
    feedback = raw.get("feedback")
    if not isinstance(feedback, dict):
        raise check.fail("needs a [questions.feedback] table with correct, low and high")
    feedback = {
        key: check.text(feedback, key, what=f"feedback.{key}") for key in ("correct", "low", "high")
    }
    unit = raw.get("unit", "")
    if not isinstance(unit, str):
        raise check.fail("needs 'unit' as text")
    return {
        "answer": check.number(raw, "answer"),
        "tolerance": tolerance,
        "unit": unit.strip(),
        "feedback": feedback,
    }


def _ordering(check: _Checker, raw: dict) -> dict:
    return {"items": _items(check, raw, categorised=False)}


def _categorise(check: _Checker, raw: dict) -> dict:
    categories = raw.get("categories")
    if (
        not isinstance(categories, list)
        or len(categories) < 2
        or not all(isinstance(c, str) and c.strip() for c in categories)
    ):
        raise check.fail("needs 'categories' as a list of at least two names")
    categories = tuple(c.strip() for c in categories)
    check.unique(categories, "category")
    items = _items(check, raw, categorised=True)
    for item in items:
        if item.category not in categories:
            raise check.fail(
                f"puts {item.text!r} in {item.category!r}, which is not one of "
                f"its categories {list(categories)}"
            )
    return {"categories": categories, "items": items}


def _reflection(check: _Checker, raw: dict) -> dict:
    return {}


def _poll(check: _Checker, raw: dict) -> dict:
    options = _options(check, raw, poll=True)
    total = sum(o.share or 0 for o in options)
    if abs(total - 100) > 1.5:
        raise check.fail(f"has shares adding up to {total:g}, not 100")
    return {"options": options, "source": check.text(raw, "source")}


#: Per type: how to read its own fields. One table, as nbval keeps its comment markers.
_TYPE_FIELDS: dict[str, Callable[[_Checker, dict], dict]] = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "ordering": _ordering,
    "categorise": _categorise,
    "reflection": _reflection,
    "poll": _poll,
}


def parse_question(raw: dict, *, section: str, filename: str) -> Question:
    """Validate one ``[[questions]]`` table and return its :class:`Question`."""
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise ContentError(f"{filename}: a question has no 'id'")
    check = _Checker(filename, qid)
    qtype = raw.get("type")
    if qtype not in _TYPE_FIELDS:
        raise check.fail(f"has unknown type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}")
    hints = raw.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        raise check.fail("needs 'hints' as a list of texts")
    if qtype in GRADED_TYPES and not 1 <= len(hints) <= 3:
        raise check.fail(f"needs 1 to 3 hints, has {len(hints)}")
    if qtype not in GRADED_TYPES and hints:
        raise check.fail(f"is a {qtype} question, which takes no hints")
    fields = _TYPE_FIELDS[qtype](check, raw)
    return Question(
        id=qid,
        type=qtype,
        prompt=check.text(raw, "prompt"),
        section=section,
        explanation=check.text(raw, "explanation"),
        hints=tuple(h.strip() for h in hints),
        **fields,
    )


def parse_section(text: str, filename: str) -> Section:
    """Parse and validate the TOML text of one content file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{filename}: not valid TOML ({exc})") from None
    check = _Checker(filename)
    meta = data.get("section")
    if not isinstance(meta, dict):
        raise check.fail("needs a [section] table with title and minutes")
    slug = filename.removesuffix(".toml")
    minutes = meta.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise check.fail("needs [section] minutes as a positive whole number")
    raw_questions = data.get("questions", [])
    if not isinstance(raw_questions, list):
        raise check.fail("needs its questions as [[questions]] tables")
    questions = tuple(parse_question(q, section=slug, filename=filename) for q in raw_questions)
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise ContentError(f"{filename}: question '{q.id}' appears twice; ids must be unique")
        seen.add(q.id)
    return Section(slug=slug, title=check.text(meta, "title"), minutes=minutes, questions=questions)


def load_section_file(path: Path) -> Section:
    """Read and validate one content file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path.name}: cannot be read ({exc})") from None
    return parse_section(text, path.name)


def load_sections(directory: Path = CONTENT_DIR) -> tuple[Section, ...]:
    """Load every content file of a folder, in course order; ids must be unique across files."""
    sections = tuple(load_section_file(p) for p in sorted(directory.glob("[0-9][0-9]_*.toml")))
    owner: dict[str, str] = {}
    for section in sections:
        for q in section.questions:
            if q.id in owner:
                raise ContentError(
                    f"{section.slug}.toml: question '{q.id}' is also in "
                    f"{owner[q.id]}.toml; ids must be unique across the course"
                )
            owner[q.id] = section.slug
    return sections


@cache
def course() -> tuple[Section, ...]:
    """The course's sections, loaded once per process."""
    return load_sections()


def section(slug: str) -> Section:
    """One section by its slug or its two-digit number ('01' or '01_what_is_...')."""
    for s in course():
        if slug in (s.slug, s.number):
            return s
    known = ", ".join(s.slug for s in course())
    raise KeyError(f"no section {slug!r}; the sections are: {known}")


def question(qid: str) -> Question:
    """One question by its id, from any section."""
    for s in course():
        for q in s.questions:
            if q.id == qid:
                return q
    raise KeyError(
        f"no question {qid!r} in the course content; check the id in pm_course/content/*.toml"
    )
