"""The widget layer: render questions with ipywidgets. It holds no question text of its own.

One view class serves every question type. What differs per type (the input control,
how to read and restore its value, the button's label) lives in the ``INPUTS`` table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import ipywidgets as W

from ..course import content
from ..course.feedback import ATTEMPT_STATUSES, Feedback
from ..course.grading import answer_text, grade
from ..course.order import SHUFFLED_TYPES, learner_order, learner_seed
from ..course.store import Event, QuestionState, Store, get_store
from ..course.text import question_markdown, question_plain
from . import controls
from .parts import (
    COLOURS,
    FRAME,
    TextFallback,
    html_block,
    live,
    quietly,
    safe,
    warnings_html,
)

CHOOSE = "Choose…"
#: Long drop-down labels wrap instead of being cut off with an ellipsis.
STYLE = (
    "<style>.pmc-question .widget-dropdown > label {white-space: normal; overflow: visible;"
    " text-overflow: clip; line-height: 1.25; height: auto; align-self: center}"
    " .pmc-question .widget-dropdown {height: auto; min-height: var(--jp-widgets-inline-height);"
    " margin-bottom: 4px}"
    " .pmc-question .widget-dropdown > select {height: var(--jp-widgets-inline-height)}"
    " .pmc-question .widget-radio-box label, .pmc-question .widget-checkbox label"
    " {white-space: normal; height: auto; line-height: 1.3; margin: 2px 0}"
    " .pmc-question .widget-checkbox {height: auto}"
    # ipywidgets floats a radio button after its text: a wrapped option put it on a line of its
    # own (a narrow window, 200% zoom). Put it first, beside the text's first line.
    " .pmc-question .widget-radio-box label {display: flex; align-items: baseline}"
    " .pmc-question .widget-radio-box input {order: -1; float: none; flex: none}</style>"
)
FULL = W.Layout(width="auto", max_width="48rem")


# --- per-type inputs --------------------------------------------------------------------------


@dataclass
class Input:
    """One question's input control: the widget, and how to read and restore its answer.

    ``watched`` are the widgets whose ``value`` is the answer (a change makes the feedback
    stale); ``entry`` is a one-line box in which Enter checks the answer.
    """

    widget: W.Widget
    get: Callable[[], object]
    set: Callable[[object], None]
    watched: list[W.Widget] = field(default_factory=list)
    entry: W.Text | None = None


#: Puts a question's options (texts) in the order this learner sees them.
Order = Callable[[list[str]], list[str]]


def _as_written(values: list[str]) -> list[str]:
    return list(values)


def _choice(q: content.Question, order: Order = _as_written) -> Input:
    radio = W.RadioButtons(
        options=order([o.text for o in q.options]),
        index=None,
        layout=FULL,
        description="",
        style={"description_width": "0px"},
    )

    def set_(value):
        radio.value = value if value in radio.options else None

    return Input(radio, lambda: radio.value, set_, [radio])


def _multiple(q: content.Question, order: Order = _as_written) -> Input:
    texts = [o.text for o in q.options]
    boxes = [
        W.Checkbox(value=False, description=t, indent=False, layout=FULL) for t in order(texts)
    ]

    def get():  # in the content's order, whatever order the boxes are shown in
        ticked = {b.description for b in boxes if b.value}
        return [t for t in texts if t in ticked]

    def set_(value):
        for box in boxes:
            box.value = isinstance(value, list) and box.description in value

    return Input(W.VBox(boxes), get, set_, boxes)


def _numeric(q: content.Question, order: Order = _as_written) -> Input:
    # A visible label that stays when the example in the box has gone (its accessible name).
    # The box sends its text on Enter or when it is left (before a click on Check lands), never
    # key by key: keys queued behind the kernel's reply let a click check the text before them.
    box = controls.text(
        "Your answer",
        placeholder="Type a number, e.g. 1,200 or 12% (Enter checks it)",
        tooltip="Your answer, as a number: press Enter or Check answer",
        label_width="6.5rem",
        width="22.5rem",
    )
    unit = W.HTML(escape(q.unit))

    def set_(value):
        box.value = value if isinstance(value, str) else ""

    return Input(W.HBox([box, unit]), lambda: box.value, set_, [], box)


def _dropdowns(labels: list[str], choices: list[str]) -> list[W.Dropdown]:
    """One drop-down per label, aligned, each starting on "Choose…" (read back as None)."""
    label_rem = min(22.0, 0.6 * max(len(label) for label in labels) + 1)
    menu_rem = min(30.0, 0.6 * max(len(c) for c in [CHOOSE, *choices]) + 3)
    return [
        W.Dropdown(
            options=[(CHOOSE, ""), *((c, c) for c in choices)],
            value="",
            description=label,
            tooltip=label,
            style={"description_width": f"{label_rem:.1f}rem"},
            layout=W.Layout(width=f"{label_rem + menu_rem:.1f}rem", max_width=controls.FULL),
        )
        for label in labels
    ]


def _menu_values(menus: list[W.Dropdown]) -> list[str | None]:
    return [m.value or None for m in menus]


def _set_menu(menu: W.Dropdown, value: object) -> None:
    menu.value = value if value in [v for _, v in menu.options] and value else ""


def _ordering(q: content.Question, order: Order = _as_written) -> Input:
    steps = order([it.text for it in q.items])
    menus = _dropdowns([f"{i}." for i in range(1, len(steps) + 1)], steps)

    def set_(value):
        values = value if isinstance(value, list) else []
        for i, menu in enumerate(menus):
            _set_menu(menu, values[i] if i < len(values) else None)

    return Input(W.VBox(menus), lambda: _menu_values(menus), set_, menus)


def _categorise(q: content.Question, order: Order = _as_written) -> Input:
    items = order([it.text for it in q.items])  # the groups keep their own order
    menus = _dropdowns(items, list(q.categories))

    def set_(value):
        for item, menu in zip(items, menus, strict=True):
            _set_menu(menu, value.get(item) if isinstance(value, dict) else None)

    return Input(
        W.VBox(menus), lambda: dict(zip(items, _menu_values(menus), strict=True)), set_, menus
    )


def _reflection(q: content.Question, order: Order = _as_written) -> Input:
    area = W.Textarea(
        placeholder="Write a few sentences about your own product or service…",
        rows=5,
        # sent when the box is left (before a click on Save lands), not key by key
        continuous_update=False,
        layout=W.Layout(width=controls.FULL, max_width="48rem"),
    )

    def set_(value):
        area.value = value if isinstance(value, str) else ""

    return Input(area, lambda: area.value, set_, [area])


#: type -> (input builder, label of the main button)
INPUTS: dict[str, tuple[Callable[[content.Question, Order], Input], str]] = {
    "single": (_choice, "Check answer"),
    "multiple": (_multiple, "Check answer"),
    "numeric": (_numeric, "Check answer"),
    "ordering": (_ordering, "Check order"),
    "categorise": (_categorise, "Check groups"),
    "reflection": (_reflection, "Save reflection"),
    "poll": (_choice, "Vote"),
}


# --- the question view ------------------------------------------------------------------------


def _same(a: object, b: object) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


class QuestionView(TextFallback, W.VBox):
    """A question: prompt, input, buttons, feedback, hints, explanation and attempts."""

    def __init__(
        self,
        question: content.Question,
        *,
        label: str = "Question",
        store: Store | None = None,
        key: str | None = None,
        section: str | None = None,
    ):
        """Show ``question``; its records are kept under ``key`` (default: the question id)
        and ``section`` (default: the question's own), so a question can be asked again
        elsewhere, as in a final check, without mixing the two records."""
        self.question = question
        self.key = key or question.id
        self.record_section = section or question.section
        self.label = label
        self.store = store or get_store()
        build, action = INPUTS[question.type]
        self.input = build(question, self._order)
        self.prompt = W.HTML(
            STYLE + f"<strong>{escape(label)}</strong> · <em>{question.type_label}</em>"
            f"<p style='font-size:1.05em'>{escape(question.prompt)}</p>"
        )
        self.check_button = controls.button(
            action, self._pressed, primary=True, tooltip=f"{action} (feedback appears below)"
        )
        self.hint_button = controls.button(
            "Hint", self.next_hint, icon="lightbulb-o", tooltip="Show the next hint"
        )
        self.reveal_button = controls.button(
            "Show answer", self.reveal, icon="eye", tooltip="Show the answer and the explanation"
        )
        buttons = [self.check_button]
        if question.graded:
            buttons += [self.hint_button, self.reveal_button]
        self.status = W.HTML()
        self.hints = W.HTML()
        self.explanation = W.HTML()
        self.attempts = W.HTML()
        self.warning = W.HTML()
        super().__init__(
            [
                self.prompt,
                self.input.widget,
                controls.row(*buttons),
                self.status,
                self.hints,
                self.explanation,
                self.attempts,
                self.warning,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-question")
        self._quiet = False
        self._checked: object = None  # the answer last checked
        self.enter: controls.Enter | None = None
        self._restore()
        if self.input.entry is not None:
            self.enter = controls.Enter(self.input.entry, self.check, self._stale)
        for widget in self.input.watched:
            widget.observe(lambda _change: self._stale(), names="value")

    # -- state shown from the store --------------------------------------------------------------

    # Each action reads the question's state from the store once, then keeps it up to date
    # itself (QuestionState.apply) as it records, and passes it on to what it shows.

    @property
    def state(self) -> QuestionState:
        """What the learner has done with this question so far (read from the store)."""
        return self.store.state(self.key)

    def _order(self, values: list[str]) -> list[str]:
        """``values`` (options, steps or items) in the order this learner sees them: shuffled
        by their seed and the question id, the same on every run (a saved answer shows where
        it was). The order of a poll's scale is its own."""
        if self.question.type not in SHUFFLED_TYPES:
            return list(values)
        return learner_order(
            learner_seed(self.store),
            self.question.id,
            values,
            written_is_answer=self.question.type == "ordering",
        )

    def _record(self, state: QuestionState, kind: str, **fields) -> None:
        """Save one event and take it into ``state``."""
        event = Event(section=self.record_section, question=self.key, kind=kind, **fields)
        self.store.add(event)
        state.apply(event)

    def _restore(self) -> None:
        state = self.state
        if state.answer is not None:
            with quietly(self):
                self.input.set(state.answer)
            self._show_feedback(grade(self.question, state.answer), previous=True)
        self._show_hints(state.hints)
        if state.done:
            self._show_explanation(state)
        self._refresh(state)

    def _refresh(self, state: QuestionState | None = None) -> None:
        if state is None:
            state = self.state
        q = self.question
        if q.graded:
            shown = "answer shown" if state.revealed else ""
            tries = f"{state.attempts} attempt{'s' if state.attempts != 1 else ''}"
            hints = f"{state.hints} of {len(q.hints)} hints used"
            self.attempts.value = (
                f"<small>{', '.join(x for x in (tries, hints, shown) if x)}</small>"
            )
            left = len(q.hints) - state.hints
            # Never disabled: a disabled button loses the keyboard focus (to the page's top).
            self.hint_button.description = (
                f"Hint ({state.hints + 1} of {len(q.hints)})" if left else "No more hints"
            )
            self.hint_button.tooltip = "Show the next hint" if left else "Every hint is shown"
        self.warning.value = warnings_html(self.store)

    def _show_feedback(self, fb: Feedback, previous: bool = False, note: str = "") -> None:
        """The feedback, in a live region: a screen reader reads "Correct" or "Not quite" and
        the text after Check, while the focus stays on the button that was pressed."""
        if previous:
            note = " <small>(your saved answer)</small>"
        self.status.value = live(html_block(fb.html + note, COLOURS[fb.status]))

    def _stale(self) -> None:
        """The answer changed since the feedback: the feedback was about the old one, so it
        goes (Check brings it back for the new one)."""
        if not self._quiet:
            self.status.value = ""

    def _show_hints(self, count: int) -> None:
        hints = self.question.hints[:count]
        if hints:
            items = "".join(
                f"<li><strong>Hint {i}</strong>: {escape(h)}</li>" for i, h in enumerate(hints, 1)
            )
            self.hints.value = live(html_block(f"<ul style='margin:0'>{items}</ul>", "#F0E442"))
        else:
            self.hints.value = ""

    def _show_explanation(self, state: QuestionState, reveal: bool = False) -> None:
        q = self.question
        parts = []
        if reveal or (q.graded and state.revealed):
            parts.append(f"<p><strong>Answer</strong>: {escape(answer_text(q))}</p>")
        title = "Model answer" if q.type == "reflection" else "Why"
        parts.append(f"<p><strong>{title}</strong>: {escape(q.explanation)}</p>")
        if q.type == "poll":
            parts.append(_poll_bars(q, self.input.get()))
        self.explanation.value = live(html_block("".join(parts), "#56B4E9"))

    # -- actions -----------------------------------------------------------------------------------

    def _pressed(self) -> None:
        """The main button: check the answer. If the box still holds the answer checked last,
        the text just typed may be held back behind the box's previous message: wait a moment
        for it (checked as it lands), as Enter does."""
        if self.enter is not None and _same(self.input.get(), self._checked):
            self.enter.arm()
        else:
            self.check()

    @safe
    def check(self) -> Feedback:
        """Grade what is in the input now, save it and show the feedback."""
        answer = self._checked = self.input.get()
        fb = grade(self.question, answer)
        state = self.state
        if fb.status in ("empty", "invalid"):
            self._show_feedback(fb)
            return fb
        if state.answer is not None and _same(state.answer, answer) and (state.status == fb.status):
            self._show_feedback(
                fb, note=" <small>Same answer as before; not counted again.</small>"
            )
            return fb
        self._record(state, "answer", answer=answer, status=fb.status, score=fb.score)
        self._show_feedback(fb)
        if fb.status not in ATTEMPT_STATUSES or fb.correct:
            self._show_explanation(state)
        self._refresh(state)
        return fb

    @safe
    def next_hint(self) -> str | None:
        """Reveal the next hint (at most as many as the question has)."""
        state = self.state
        used = state.hints
        if used >= len(self.question.hints):
            self._refresh(state)
            return None
        self._record(state, "hint", hint=used + 1)
        self._show_hints(used + 1)
        self._refresh(state)
        return self.question.hints[used]

    @safe
    def reveal(self) -> str:
        """Show the right answer and the explanation (recorded, so the score keeps it honest)."""
        state = self.state
        if not state.revealed:
            self._record(state, "reveal")
        self._show_explanation(state, reveal=True)
        self._refresh(state)
        return answer_text(self.question)

    # -- text forms --------------------------------------------------------------------------------

    def _text_plain(self) -> str:
        return question_plain(self.question, self.label)

    def _text_markdown(self) -> str:
        return question_markdown(self.question, self.label)


def _poll_bars(q: content.Question, chosen: object) -> str:
    """The cited distribution of a poll as text bars, the learner's choice marked."""
    rows = []
    for o in q.options:
        mine = " ← your vote" if o.text == chosen else ""
        width = max(1, round((o.share or 0) * 2))
        rows.append(
            f"<tr><td>{escape(o.text)}</td><td><span style='display:inline-block;"
            f"width:{width}px;height:0.8em;background:#0072B2'></span> "
            f"{o.share:g}%<strong>{escape(mine)}</strong></td></tr>"
        )
    return f"<table>{''.join(rows)}</table><p><small>Source: {escape(q.source)}</small></p>"


class QuizView(TextFallback, W.VBox):
    """Several questions under one heading, numbered."""

    def __init__(
        self,
        questions: list[content.Question],
        title: str,
        store: Store | None = None,
        keys: list[str] | None = None,
        section: str | None = None,
    ):
        self.title = title
        total = len(questions)
        keys = keys or [q.id for q in questions]
        self.views = [
            QuestionView(q, label=f"Question {i} of {total}", store=store, key=k, section=section)
            for i, (q, k) in enumerate(zip(questions, keys, strict=True), 1)
        ]
        super().__init__([W.HTML(f"<h3>{escape(title)}</h3>"), *self.views])

    def _text_plain(self) -> str:
        return "\n\n".join([self.title, *(v._text_plain() for v in self.views)])

    def _text_markdown(self) -> str:
        return "\n\n".join([f"### {self.title}", *(v._text_markdown() for v in self.views)])


def question(qid: str) -> QuestionView:
    """A question from the course content, ready to answer."""
    return QuestionView(content.question(qid))


def quiz(section: str, ids: list[str] | None = None, title: str | None = None) -> QuizView:
    """The questions of a section (or the listed ids), numbered under one heading."""
    sec = content.section(section)
    questions = [content.question(i) for i in ids] if ids else list(sec.questions)
    return QuizView(questions, title or f"Check your understanding: {sec.title}")
