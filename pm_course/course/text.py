"""Text fallbacks: what a question looks like where widgets cannot run.

GitHub, nbviewer, static HTML, screen readers and nbval see these forms. They show the
question and its choices, never the answer, and are the same on every run.
"""

from __future__ import annotations

import random

from .content import Question

#: How to start a control that is not running, in words that read right wherever its text
#: shows: JupyterLab before the cell has run (or after a reload or a kernel restart), GitHub
#: and nbviewer. Every text fallback of a control ends with :func:`not_running`.
RUN_AGAIN = "Press Shift+Enter on this cell (or Kernel > Restart Kernel and Run All Cells)"


def not_running(purpose: str) -> str:
    """The sentence that ends a control's text fallback: it is not running, and how to run it
    to do ``purpose`` (e.g. ``"move the sliders"``)."""
    return f"This control is not running. {RUN_AGAIN} to {purpose}."


NOTE = not_running("answer")


def shuffled(question: Question, values: list[str]) -> list[str]:
    """The values in an order fixed by the question id (the same on every run and machine)."""
    out = list(values)
    rng = random.Random(f"pm-course:{question.id}")
    for _ in range(5):  # never show the right order as the starting order
        rng.shuffle(out)
        if out != values or len(values) < 2:
            break
    return out


def _choices(question: Question) -> tuple[str, list[str]]:
    """A one-line instruction and the choice lines of a question (no answer in them)."""
    match question.type:
        case "single" | "poll":
            return "Choose one.", [f"( ) {o.text}" for o in question.options]
        case "multiple":
            return "Choose all that apply.", [f"[ ] {o.text}" for o in question.options]
        case "numeric":
            unit = f" (in {question.unit})" if question.unit else ""
            return f"Type a number{unit}.", []
        case "ordering":  # listed A to Z: no order here can read like the answer
            return (
                "Put these in order, first to last (listed here A to Z).",
                sorted((it.text for it in question.items), key=str.casefold),
            )
        case "categorise":
            groups = ", ".join(question.categories)
            return (
                f"Sort each item into one group: {groups}.",
                [f"{it.text} → ?" for it in question.items],
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
