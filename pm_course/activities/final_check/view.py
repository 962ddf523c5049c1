"""The final check and the course summary as live widgets.

:class:`FinalCheckView` shows the current attempt's 15 questions with the course's own
:class:`~pm_course.ui.questions.QuizView`, records them apart from the section notebooks, keeps a
running score, and starts a new set on request (the attempt is saved with ``Store.save_note``).
:class:`CourseSummaryView` shows progress per section as a chart, with the final-check score
in words. The drawing of questions lives in ``final_check``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.content import Section
from ...course.store import Store, get_store
from ...course.summary import SectionProgress, progress_table, section_progress
from ...course.text import not_running
from ...ui import controls
from ...ui.charts import img_html, progress_alt, progress_chart, progress_numbers
from ...ui.parts import COLOURS, FRAME, TextFallback, html_block, safe, warnings_html
from ...ui.questions import QuizView
from .model import (
    FINAL_SECTIONS,
    NOTE_KEY,
    QUESTIONS,
    SECTION,
    FinalScore,
    attempt_from_note,
    draw,
    keys,
    score,
    sections_for_check,
)

NOTE = not_running("answer the questions")


class FinalCheckView(TextFallback, W.VBox):
    """Fifteen questions from sections 01 to 07, a running score and a new set on request."""

    def __init__(self, store: Store | None = None, sections: tuple[Section, ...] | None = None):
        self.store = store or get_store()
        self.sections = sections_for_check(sections)
        self.attempt = attempt_from_note(self.store.note(NOTE_KEY))
        self.heading = W.HTML()
        self.new_button = controls.button(
            "New set of questions",
            self.new_set,
            icon="refresh",
            tooltip="Draw a new set of 15 questions; the answers to this set stay saved",
        )
        self.quiz_box = W.VBox()
        self.score = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [self.heading, self.quiz_box, self.score, W.HBox([self.new_button]), self.status],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-model")
        self._build()

    @property
    def questions(self):
        """The questions of the current attempt."""
        return draw(self.attempt, self.sections)

    def _title(self) -> str:
        return f"Final check, set {self.attempt}"

    @safe
    def _build(self) -> None:
        questions = self.questions
        per = {s.number: sum(q.section == s.slug for q in questions) for s in self.sections}
        spread = ", ".join(f"{n}: {c}" for n, c in per.items())
        self.heading.value = (
            f"<h3>{escape(self._title())}</h3><div style='line-height:1.4'>"
            f"{len(questions)} marked questions on sections "
            f"{FINAL_SECTIONS[0]} to {FINAL_SECTIONS[-1]} (questions per section: {spread}). "
            "They are new: each asks about a learning objective in a situation you have not "
            "met in the notebooks, so your score shows what you can do with the ideas. "
            "Your answers here are recorded apart from the section notebooks. The score below "
            "updates as you answer.</div>"
        )
        self.quiz = QuizView(
            list(questions),
            self._title(),
            store=self.store,
            keys=keys(self.attempt, questions),
            section=SECTION,
        )
        for view in self.quiz.views:
            view.check_button.on_click(lambda _: self.refresh())
            view.reveal_button.on_click(lambda _: self.refresh())
        self.quiz_box.children = (self.quiz,)
        self.refresh()

    def current(self) -> FinalScore:
        """The score of the current set."""
        return score(self.store.states(), self.attempt, self.questions)

    @safe
    def refresh(self) -> None:
        """Write the running score of the current set."""
        result = self.current()
        colour = COLOURS["correct"] if result.answered == result.total else "#0072B2"
        self.score.value = html_block(
            f"<p role='status' aria-live='polite' style='margin:2px 0'>"
            f"<strong>{escape(result.words)}</strong></p>",
            colour,
        ) + warnings_html(self.store)

    @safe
    def new_set(self) -> None:
        """Draw the next set of questions and save the attempt number."""
        before = self.current()
        self.attempt += 1
        self.store.save_note(SECTION, NOTE_KEY, {"attempt": self.attempt})
        self._build()
        self.status.value = html_block(
            f"New set drawn: set {self.attempt}. Your answers to set {before.attempt} stay "
            f"saved ({escape(before.short)}).",
            "#0072B2",
        )

    def _text_plain(self) -> str:
        return "\n\n".join(
            [
                f"{self._title()}: {QUESTIONS} marked questions from sections "
                f"{FINAL_SECTIONS[0]} to {FINAL_SECTIONS[-1]}, every section represented. "
                "Press 'New set of questions' for a different set.",
                self.current().words,
                self.quiz._text_plain(),
            ]
        )


def _completed(rows: list[SectionProgress]) -> list[SectionProgress]:
    return [r for r in rows if r.total and r.done == r.total]


def summary_words(rows: list[SectionProgress], final: FinalScore) -> str:
    """The course summary in words: sections completed, questions done, the final check."""
    done = sum(r.done for r in rows)
    total = sum(r.total for r in rows)
    completed = _completed(rows)
    return (
        f"Sections completed (every question done): {len(completed)} of {len(rows)}. "
        f"Questions done across the course: {done} of {total}. {final.words}"
    )


class CourseSummaryView(TextFallback, W.VBox):
    """Progress per section as a chart, with the final-check score in words."""

    def __init__(self, store: Store | None = None, sections: tuple[Section, ...] | None = None):
        self.store = store or get_store()
        self.sections = sections
        self.words = W.HTML()
        self.chart = W.HTML()
        self.status = W.HTML()
        self.refresh_button = controls.button(
            "Refresh",
            self.refresh,
            icon="refresh",
            tooltip="Read your progress and final-check score again",
        )
        super().__init__(
            [
                W.HTML("<h3>Your course summary</h3>"),
                self.words,
                self.chart,
                W.HBox([self.refresh_button]),
                self.status,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-model")
        self.refresh()

    def _rows(self) -> list[SectionProgress]:
        return section_progress(self.store, self.sections)

    def _final(self) -> FinalScore:
        attempt = attempt_from_note(self.store.note(NOTE_KEY))
        questions = draw(attempt, self.sections)
        return score(self.store.states(), attempt, questions)

    @safe
    def refresh(self) -> None:
        """Read the store again and redraw."""
        rows = self._rows()
        final = self._final()
        completed = _completed(rows)
        names = ", ".join(r.title for r in completed) if completed else "none yet"
        done = sum(r.done for r in rows)
        total = sum(r.total for r in rows)
        self.words.value = html_block(
            "<div role='status' aria-live='polite'>"
            "<ul style='margin:2px 0;line-height:1.5'>"
            f"<li><strong>Sections completed</strong> (every question done): {len(completed)} "
            f"of {len(rows)}: {escape(names)}.</li>"
            f"<li><strong>Questions done</strong> across the course: {done} of {total}.</li>"
            f"<li><strong>{escape(final.words)}</strong></li></ul></div>",
            "#0072B2",
        )
        self.chart.value = img_html(progress_chart(rows), progress_alt(rows)) + (
            progress_numbers(rows)
        )
        self.status.value = warnings_html(self.store)

    def _text_plain(self) -> str:
        rows = self._rows()
        return "\n".join(
            [
                "Your course summary",
                progress_table(rows),
                "",
                summary_words(rows, self._final()),
                "",
                not_running("read your summary again"),
            ]
        )
