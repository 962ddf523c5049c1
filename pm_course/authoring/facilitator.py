"""The facilitator edition: each notebook with the instructor's notes inserted as marked cells.

The notes live beside the notebooks in ``facilitator/<slug>.md`` and never reach learners:
the learner notebooks are read, never written. Steps of :func:`build`:
1. read a notebook and its notes file; drop any facilitator cells (a rerun amends);
2. put a "Facilitator notes" cell after the title: the timing of every part (from the same
   timing lines the agendas use) and the notes that belong to no heading;
3. put each ``## <heading>`` of the notes in a cell right after that heading in the notebook;
4. put, after "Check your understanding", every question's right answer, distractors and their
   feedback, read from the content file (so misconceptions are the ones the questions test,
   not guesses);
5. write the copy into the build folder.

Notebooks and notes are read from the course folder (``course_dir``, by default the current
folder); a folder without them stops the build with a message saying so. Notes headings that
look like numbered parts (``## 2. ...``) must match the notebook, or the build stops with the
file and the heading.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from ..course.content import Question, Section, section
from .agenda import AgendaError, parse_lesson
from .folder import NOTES, course_root, notebook_paths, notes_dir

MARKER = "<!-- pm-course:facilitator -->"
TAG = "facilitator"
BANNER = "**Facilitator notes · not for learners**"
CHECK_HEADING = "Check your understanding"


class FacilitatorError(ValueError):
    """A notes file does not fit its notebook; the message names the file and the heading."""


def split_notes(text: str) -> tuple[str, dict[str, str]]:
    """The notes before the first ``## `` heading, and the text under each heading."""
    pieces = re.split(r"^## (.+)$", text, flags=re.M)
    general = re.sub(r"^# .*$", "", pieces[0], count=1, flags=re.M).strip()
    return general, {pieces[i].strip(): pieces[i + 1].strip() for i in range(1, len(pieces), 2)}


def _cell_text(cell: dict) -> str:
    """A cell's source as one string."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _cell(n: int, text: str) -> dict:
    """A marked, tagged facilitator markdown cell."""
    return {
        "cell_type": "markdown",
        "id": f"facilitator-{n:02d}",
        "metadata": {"tags": [TAG]},
        "source": f"{MARKER}\n{text.strip()}\n",
    }


def is_facilitator_cell(cell: dict) -> bool:
    """True for a cell this module inserted."""
    return TAG in cell.get("metadata", {}).get("tags", []) or MARKER in _cell_text(cell)


def _escape(text: str) -> str:
    """Text that is safe in one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _question_rows(q: Question) -> tuple[str, list[tuple[str, str]]]:
    """A header for the question's table and its (wrong choice, feedback) rows."""
    if q.type in ("single", "multiple"):
        return "Distractor", [(o.text, o.feedback) for o in q.options if not o.correct]
    if q.type == "numeric":
        return "Answer", [(f"too low (below {q.answer:g})", q.feedback["low"]),
                          (f"too high (above {q.answer:g})", q.feedback["high"])]  # fmt: skip
    if q.type == "ordering":
        return "Item (put out of place)", [(it.text, it.feedback) for it in q.items]
    if q.type == "categorise":
        rows = [(f"{it.text} (belongs in {it.category})", it.feedback) for it in q.items]
        return "Item (put in the wrong group)", rows
    if q.type == "poll":
        return "Option (no right answer)", [
            (o.text, f"{o.share:g}% in the source") for o in q.options
        ]
    return "", []


def right_answer(q: Question) -> str:
    """The right answer of a graded question, in words; empty for polls and reflections."""
    if q.type == "single":
        return next(o.text for o in q.options if o.correct)
    if q.type == "multiple":
        return "; ".join(o.text for o in q.options if o.correct)
    if q.type == "numeric" and q.answer is not None:
        within = f" (within {q.tolerance:g})" if q.tolerance else ""
        return f"{q.answer:g}{' ' + q.unit if q.unit else ''}{within}"
    if q.type == "ordering":
        return " → ".join(it.text for it in q.items)
    if q.type == "categorise":
        return "; ".join(
            f"{category}: {', '.join(it.text for it in q.items if it.category == category)}"
            for category in q.categories
        )
    return ""


def distractor_table(sec: Section) -> str:
    """Every question of a section with its distractors and their feedback, as Markdown."""
    lines = [
        BANNER,
        "",
        f"**Misconceptions the questions test** (from `pm_course/course/content/{sec.slug}.toml`).",
        "Read the feedback a learner gets for each wrong choice: the common slips of the room.",
    ]
    for q in sec.questions:
        lines += ["", f"*{q.id}* ({q.type_label}): {_escape(q.prompt)}", ""]
        if answer := right_answer(q):
            lines += [f"Right answer: **{_escape(answer)}**", ""]
        header, rows = _question_rows(q)
        if not rows:
            lines.append(
                f"No wrong answer; the model answer learners see: {_escape(q.explanation)}"
            )
            continue
        lines += [f"| {header} | Feedback |", "|---|---|"]
        lines += [f"| {_escape(a)} | {_escape(b)} |" for a, b in rows]
    return "\n".join(lines)


def timing_table(cells: list[dict], sec: Section) -> str:
    """The section's parts with minutes and minute marks, from the notebook's timing lines."""
    try:
        lesson = parse_lesson(cells, slug=sec.slug, title=sec.title, minutes=sec.minutes)
    except AgendaError as exc:
        raise FacilitatorError(str(exc)) from None
    lines = ["| Part | Minutes | Done by |", "|---|--:|--:|"]
    total = 0
    for part in lesson.parts:
        total += part.minutes
        lines.append(f"| {part.title} | {part.minutes} | {total} |")
    return "\n".join(lines)


def facilitator_notebook(nb: dict, notes: str, sec: Section, filename: str = "") -> dict:
    """A copy of ``nb`` with the notes and the distractor table inserted as marked cells."""
    nb = copy.deepcopy(nb)
    cells = [c for c in nb["cells"] if not is_facilitator_cell(c)]
    general, by_heading = split_notes(notes)
    where: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown":
            for heading in re.findall(r"^## (.+)$", _cell_text(cell), flags=re.M):
                where.setdefault(heading.strip(), i)
    for heading in by_heading:
        if re.match(r"\d+\. ", heading) and heading not in where:
            raise FacilitatorError(
                f"{filename or sec.slug}: notes heading '## {heading}' matches no part of "
                f"{sec.slug}.ipynb; its parts are: {', '.join(h for h in where if h[0].isdigit())}"
            )
    top = [BANNER, "", "**Timing** (the learners' own *About N minutes* lines):", ""]
    top += [timing_table(cells, sec)]
    if general:
        top += ["", general]
    for heading, body in by_heading.items():
        if heading not in where:
            top += ["", f"**{heading}**", "", body]
    after: dict[int, list[str]] = {0: ["\n".join(top)]}
    for heading, body in by_heading.items():
        if heading in where:
            after.setdefault(where[heading], []).append(f"{BANNER} · {heading}\n\n{body}")
    if CHECK_HEADING in where:
        after.setdefault(where[CHECK_HEADING], []).append(distractor_table(sec))
    out, n = [], 0
    for i, cell in enumerate(cells):
        out.append(cell)
        for text in after.get(i, []):
            n += 1
            out.append(_cell(n, text))
    nb["cells"] = out
    return nb


def build(out: Path, course_dir: Path | str | None = None) -> tuple[list[Path], list[str]]:
    """Write the facilitator edition of every notebook with notes in ``course_dir`` (default:
    the current folder); returns (written, skipped: the slugs without notes)."""
    notebooks = notebook_paths(course_dir, FacilitatorError)
    notes_folder = notes_dir(course_dir, FacilitatorError)
    todo = [(path, notes_folder / f"{path.stem}.md") for path in notebooks]
    skipped = [path.stem for path, notes_path in todo if not notes_path.exists()]
    if len(skipped) == len(todo):
        raise FacilitatorError(
            f"no notes file in {course_root(course_dir) / NOTES} matches a notebook: "
            f"expected one of {', '.join(f'{slug}.md' for slug in skipped)}"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path, notes_path in todo:
        if not notes_path.exists():
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        notes = notes_path.read_text(encoding="utf-8")
        built = facilitator_notebook(nb, notes, section(path.stem), notes_path.name)
        target = out / path.name
        target.write_text(json.dumps(built, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written, skipped
