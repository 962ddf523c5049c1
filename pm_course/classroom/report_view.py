"""The class report as a widget: the folder, filters (section, one learner), the minimum number
of answers, a second folder to compare with, and buttons that save the CSV tables and the
printable page. The HTML itself is :mod:`pm_course.classroom.report_page`'s."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as W

from ..course.content import course
from ..course.text import not_running
from ..ui import controls
from ..ui.parts import COLOURS, TextFallback, html_block, live, safe
from . import report as cr
from .items import MIN_ANSWERS
from .report import ClassReport, class_report, report_text
from .report_page import (  # noqa: F401  (the view's HTML, also imported from here)
    CSS,
    completion_alt,
    completion_png,
    hardest,
    hardest_alt,
    hardest_png,
    percent_bars,
    printable_html,
    report_html,
)
from .results import class_folder
from .table import write_csv

STYLE = f"<style>{CSS}</style>"
WHOLE_CLASS = "The whole class"
ALL_SECTIONS = "Every section"
#: Where the Save buttons write, under the chosen folder.
CSV_FOLDER = "class-report-csv"
PAGE = "class-report.html"


class ClassReportView(TextFallback, W.VBox):
    """A folder box, filters, Reload, Save, and the report of the results files in that folder."""

    def __init__(self, folder: str | Path | None = None, *, fallback: str | Path | None = None):
        """``folder``, else ``$PM_COURSE_CLASS_DIR``, else ``fallback``, else this folder."""
        start = Path(folder) if folder else class_folder(fallback)
        self.folder = controls.text(
            "Class folder",
            str(start),
            tooltip="The folder holding the learners' results files",
            label_width="9rem",
            width="40rem",
        )
        self.reload_button = controls.button(
            "Reload", self.reload, icon="refresh", tooltip="Read the folder again"
        )
        self.section = controls.choice(
            "Section",
            [(ALL_SECTIONS, "")] + [(f"{s.number} {s.title}", s.slug) for s in course()],
            "",
            tooltip="Show one section only",
            label_width="9rem",
            width="30rem",
        )
        self.learner = controls.choice(
            "Learner",
            [(WHOLE_CLASS, "")],
            "",
            tooltip="One learner's answers, by their pseudonym",
            label_width="9rem",
            width="30rem",
        )
        self.min_answers = controls.number(
            "Minimum answers",
            MIN_ANSWERS,
            1,
            1000,
            tooltip="A question answered by fewer learners is not ranked or analysed",
            label_width="9rem",
        )
        self.compare = controls.text(
            "Compare with",
            "",
            tooltip="Another folder of results files (an earlier session): type it, then Reload",
            label_width="9rem",
            width="40rem",
        )
        self.save_to = controls.text(
            "Save to",
            str(Path.cwd()),
            tooltip="The folder the CSV tables and the printable page are written to",
            label_width="9rem",
            width="40rem",
        )
        self.csv_button = controls.button(
            "Save CSV tables", self.save_csv, icon="table", tooltip="One CSV file per table"
        )
        self.page_button = controls.button(
            "Save printable report",
            self.save_page,
            icon="print",
            tooltip="One HTML file that prints the whole report",
        )
        self.body = W.HTML()
        self.status = W.HTML()
        self.saved = W.HTML()
        super().__init__(
            [
                controls.row(self.folder, self.reload_button),
                self.section,
                self.learner,
                self.min_answers,
                self.compare,
                self.save_to,
                controls.row(self.csv_button, self.page_button),
                self.saved,
                self.status,
                self.body,
            ]
        )
        self.add_class("pmc-class-report")
        self.report: ClassReport | None = None
        self.before: ClassReport | None = None
        self._busy = False
        self.reload()
        for control in (self.section, self.learner, self.min_answers):
            control.observe(self._changed, "value")

    def _changed(self, change) -> None:
        if not self._busy:
            self.reload()

    @safe
    def reload(self, *_) -> ClassReport:
        """Read the folder (and the one to compare with) again and redraw."""
        self.status.value = ""
        folder = self.folder.value.strip() or "."
        section = self.section.value or None
        minimum = int(self.min_answers.value)
        self.report = class_report(folder, min_answers=minimum, section=section)
        other = self.compare.value.strip()
        self.before = class_report(other, min_answers=minimum, section=section) if other else None
        names = [lr.pseudonym for lr in self.report.learners]
        self._busy = True
        try:
            keep = self.learner.value if self.learner.value in names else ""
            self.learner.options = [(WHOLE_CLASS, "")] + [(n, n) for n in names]
            self.learner.value = keep
        finally:
            self._busy = False
        self.body.value = STYLE + report_html(
            self.report, learner=self.learner.value or None, compare=self.before
        )
        if self.before is not None and self.before.problems and not self.before.learners:
            self.status.value = live(
                html_block(
                    f"The folder to compare with: {escape(str(self.before.problems[0]))}",
                    COLOURS["invalid"],
                )
            )
        return self.report

    def _target(self) -> Path:
        return Path(self.save_to.value.strip() or ".").expanduser()

    def _tables(self) -> list:
        assert self.report is not None
        if self.learner.value:
            return cr.learner_tables(self.report, self.learner.value)
        extra = [cr.compare_table(self.before, self.report)] if self.before else []
        return extra + cr.tables(self.report)

    @safe
    def save_csv(self, *_) -> list[str]:
        """Write every table shown as a CSV file into the Save to folder."""
        try:
            written = write_csv(self._tables(), str(self._target() / CSV_FOLDER))
        except OSError as exc:
            self._said(f"Could not save the CSV tables: {exc.strerror or exc}.", "invalid")
            return []
        self._said(
            f"Saved {len(written)} CSV tables in <code>{escape(str(self._target() / CSV_FOLDER))}"
            "</code> (cells a spreadsheet could run as a formula start with an apostrophe).",
            "correct",
            html=True,
        )
        return written

    @safe
    def save_page(self, *_) -> Path | None:
        """Write the printable page into the Save to folder."""
        from ..course.files import write_text_atomic

        assert self.report is not None
        page = printable_html(self.report, learner=self.learner.value or None, compare=self.before)
        try:
            path = write_text_atomic(self._target() / PAGE, page)
        except OSError as exc:
            self._said(f"Could not save the printable report: {exc.strerror or exc}.", "invalid")
            return None
        self._said(
            f"Saved the printable report as <code>{escape(str(path))}</code>: open it in a "
            "browser and print it (every table and comment is in it).",
            "correct",
            html=True,
        )
        return path

    def _said(self, text: str, kind: str, *, html: bool = False) -> None:
        self.saved.value = live(html_block(text if html else escape(text), COLOURS[kind]))

    def _text_plain(self) -> str:
        if not self.report:
            shown = "Class report: not loaded."
        else:
            learner = self.learner.value or None
            shown = report_text(self.report, learner=learner, compare=self.before)
        return f"{shown}\n\n{not_running('read a class folder')}"

    def _text_markdown(self) -> str:
        """The text report in a ``<pre>`` block, escaped: learners' texts never render."""
        return f"<pre>{escape(self._text_plain())}</pre>"
