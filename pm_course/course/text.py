"""Text fallbacks: what a question looks like where widgets cannot run.

GitHub, nbviewer, static HTML, screen readers and nbval see these forms. They show the
question and its choices, never the answer, and are the same on every run: choices are listed
A to Z (a poll's in its scale's order), since the author's order could give the answer away and
a learner's own shuffled order (:mod:`pm_course.course.order`) differs per learner.
"""

from __future__ import annotations

from .content import Question
from .order import neutral

#: How to start a control that is not running, in words that read right wherever its text
#: shows: JupyterLab before the cell has run (or after a reload or a kernel restart), GitHub
#: and nbviewer. Every text fallback of a control ends with :func:`not_running`.
RUN_AGAIN = "Press Shift+Enter on this cell (or Kernel > Restart Kernel and Run All Cells)"


def not_running(purpose: str) -> str:
    """The sentence that ends a control's text fallback: it is not running, and how to run it
    to do ``purpose`` (e.g. ``"move the sliders"``)."""
    return f"This control is not running. {RUN_AGAIN} to {purpose}."


NOTE = not_running("answer")


def _choices(question: Question) -> tuple[str, list[str]]:
    """A one-line instruction and the choice lines of a question (no answer in them)."""
    match question.type:
        case "single":
            return "Choose one.", [f"( ) {t}" for t in neutral(o.text for o in question.options)]
        case "poll":  # a poll's options are a scale: their own order
            return "Choose one.", [f"( ) {o.text}" for o in question.options]
        case "multiple":
            texts = neutral(o.text for o in question.options)
            return "Choose all that apply.", [f"[ ] {t}" for t in texts]
        case "numeric":
            unit = f" (in {question.unit})" if question.unit else ""
            return f"Type a number{unit}.", []
        case "ordering":  # listed A to Z: no order here can read like the answer
            return (
                "Put these in order, first to last (listed here A to Z).",
                neutral(it.text for it in question.items),
            )
        case "categorise":
            groups = ", ".join(question.categories)
            return (
                f"Sort each item into one group: {groups}.",
                [f"{t} → ?" for t in neutral(it.text for it in question.items)],
            )
        case "reflection":
            return "Write your answer in a few sentences; it is saved, not marked.", []
    raise ValueError(f"question '{question.id}' has unknown type {question.type!r}")


def question_plain(question: Question, label: str = "Question") -> str:
    """The question as plain text."""
    instruction, lines = _choices(question)
    head = f"{label} ({question.type_label}): {question.prompt}"
    body = [head, instruction, *(f"  {line}" for line in lines)]
    if question.hints:
        body.append(f"{len(question.hints)} hint(s) available.")
    body.append(NOTE)
    return "\n".join(body)


def question_markdown(question: Question, label: str = "Question") -> str:
    """The question as Markdown."""
    instruction, lines = _choices(question)
    parts = [f"**{label}** · *{question.type_label}*", "", question.prompt, "", f"*{instruction}*"]
    if lines:
        parts += ["", *(f"- {_escape_md(line)}" for line in lines)]
    parts += ["", f"_{NOTE}_"]
    return "\n".join(parts)


def _escape_md(line: str) -> str:
    return line.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")
