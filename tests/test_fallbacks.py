"""What a control shows when it is not running: before its cell has run, after a page reload or
a kernel restart (in JupyterLab), on GitHub and in nbviewer. The text must say what to do, in
words that read right in all of those places, and never hint at an answer."""

from __future__ import annotations

from html import unescape

import ipywidgets as W
import pytest
from test_entries import WIDGETS, build, text_forms, tree

from pm_course.course import content
from pm_course.course.text import RUN_AGAIN, not_running, question_markdown, question_plain

#: Widget entries with nothing to press, move or type in: their text is the whole story.
NO_CONTROL = {"vista_chart"}


#: Words that are wrong for a learner who is already in JupyterLab.
WRONG_THERE = ("in JupyterLab", "Run this cell")


def controls_in(widget) -> list[W.Widget]:
    """The widgets in ``widget`` that a learner acts on."""
    shown = W.HTML | W.HTMLMath | W.Label
    return [
        w
        for w in tree(widget)
        if isinstance(w, W.Button | W.ValueWidget) and not isinstance(w, shown)
    ]


def test_the_sentence_says_the_control_is_not_running_and_how_to_start_it():
    note = not_running("move the sliders")
    assert note == (
        "This control is not running. Press Shift+Enter on this cell "
        "(or Kernel > Restart Kernel and Run All Cells) to move the sliders."
    )
    assert RUN_AGAIN in note


@pytest.mark.parametrize("name", WIDGETS)
def test_every_control_says_what_to_do_when_it_is_not_running(name, store):
    widget = build(name)
    if name in NO_CONTROL:
        assert not controls_in(widget), f"{name} has a control now: take it out of NO_CONTROL"
        return
    assert controls_in(widget)
    for form, text in text_forms(widget).items():
        text = unescape(text)  # the class report's Markdown is an escaped <pre> block
        assert "This control is not running. " + RUN_AGAIN in text, f"{name} {form}"
        for wrong in WRONG_THERE:
            assert wrong not in text, f"{name} {form} says {wrong!r}"


@pytest.mark.parametrize(
    "question",
    [q for s in content.course() for q in s.questions if q.type == "ordering"],
    ids=lambda q: q.id,
)
def test_a_put_in_order_question_lists_its_steps_a_to_z_without_numbers(question):
    steps = [it.text for it in question.items]
    plain = question_plain(question)
    lines = plain.splitlines()
    shown = [ln.strip() for ln in lines if ln.strip() in steps]
    assert shown == sorted(steps, key=str.casefold), "listed A to Z, not in a shuffled order"
    assert "A to Z" in plain
    for step in steps:
        assert f"1. {step}" not in plain and f"2. {step}" not in plain
    markdown = question_markdown(question)
    assert [ln[2:] for ln in markdown.splitlines() if ln.startswith("- ")] == [
        s.replace("(", r"\(").replace(")", r"\)") for s in shown
    ]
