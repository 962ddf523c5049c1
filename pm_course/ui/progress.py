"""Widgets for the learner's own records: progress view, reset (with confirmation), export.

``export_progress`` lives in the engine (``pm_course.course.store``); it is imported here for
the buttons and so stays importable from this module too.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as W

from ..course.store import Store, StoreError, export_progress, get_store
from ..course.summary import progress_table, section_progress
from ..course.text import not_running
from . import controls
from .charts import img_html, numbers_in_table_html, progress_alt, progress_chart
from .parts import COLOURS, TextFallback, html_block, safe, warnings_html

CELL = "style='text-align:right;padding-left:1.5em'"
#: What the score means (a score of 100% after wrong tries and every hint surprised learners).
SCORE_MEANS = (
    "Score: your best answer to each marked question, so a right answer after a wrong one or a "
    "hint counts in full; a shown answer scores nothing."
)
#: What the column beside it counts.
FIRST_TRY_MEANS = (
    "Right first try: the marked questions you got right at your first attempt (hints allowed)."
)


class ProgressView(TextFallback, W.VBox):
    """Per-section completion and score: a table, a chart with alt text, a refresh button."""

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        self.table = W.HTML()
        self.chart = W.HTML()
        self.status = W.HTML()
        self.refresh_button = controls.button(
            "Refresh", self.refresh, icon="refresh", tooltip="Read your progress again"
        )
        self.export_button = controls.button(
            "Export my records",
            self.export,
            icon="download",
            tooltip="Save all your records as a JSON file in this folder",
        )
        where = "memory only (not saved)" if self.store.in_memory else str(self.store.path)
        user = self.store.owner  # on a JupyterHub: whose progress this is
        whose = f" for hub user <strong>{escape(user)}</strong>" if user else ""
        self.location = W.HTML(f"<small>Saved in: <code>{escape(where)}</code>{whose}</small>")
        super().__init__(
            [
                W.HTML("<h3>Your progress</h3>"),
                self.table,
                self.chart,
                controls.row(self.refresh_button, self.export_button),
                self.location,
                self.status,
            ]
        )
        self.add_class("pmc-progress")
        self.refresh()

    @safe
    def refresh(self) -> None:
        """Read the store again and redraw."""
        rows = section_progress(self.store)
        body = "".join(
            f"<tr><td>{escape(r.title)}</td><td {CELL}>{r.done} of {r.total}"
            f"</td><td {CELL}>"
            f"{f'{r.percent_score:.0f}%' if r.graded else '–'}</td><td {CELL}>"
            f"{f'{r.right_first_time} of {r.graded}' if r.graded else '–'}</td></tr>"
            for r in rows
        )
        self.table.value = (
            f"<table><thead><tr><th style='text-align:left'>Section</th><th {CELL}>Done</th>"
            f"<th {CELL}>Score</th><th {CELL}>Right first try</th></tr>"
            f"</thead><tbody>{body}</tbody></table>"
            f"<p style='margin:4px 0;line-height:1.4'><small>{escape(SCORE_MEANS)} "
            f"{escape(FIRST_TRY_MEANS)}</small></p>"
        )
        self.chart.value = img_html(progress_chart(rows), progress_alt(rows))
        self.chart.value += numbers_in_table_html("above")
        self.status.value = warnings_html(self.store)
        self.rows = rows

    @safe
    def export(self, path: Path | None = None) -> Path:
        """Export every record to a JSON file (in the notebook's folder by default)."""
        written = export_progress(path, self.store)
        self.status.value = html_block(
            f"Exported to <code>{escape(str(written))}</code>. "
            "It stays on this computer unless you share it.",
            "#009E73",
        )
        return written

    def _text_plain(self) -> str:
        table = progress_table(section_progress(self.store))
        return f"Your progress\n{table}\n{SCORE_MEANS}\n\n{not_running('read your progress again')}"


class ResetView(TextFallback, W.VBox):
    """Delete every answer, but only after a second, explicit confirmation and a backup."""

    def __init__(self, store: Store | None = None, backup_dir: Path | None = None):
        self.store = store or get_store()
        self.backup_dir = backup_dir
        self.start = controls.button("Reset my progress…", self.ask, icon="trash", style="warning")
        self.confirm = controls.button("Yes, delete all my answers", self.reset, style="danger")
        self.cancel = controls.button("Cancel", self.abort)
        self.confirm_row = W.HBox([self.confirm, self.cancel], layout=W.Layout(display="none"))
        self.status = W.HTML()
        super().__init__([W.HBox([self.start]), self.confirm_row, self.status])

    @safe
    def ask(self) -> None:
        """Show what would be deleted and the confirm and cancel buttons."""
        count = len(self.store.events())
        self.status.value = html_block(
            f"This deletes <strong>{count}</strong> saved records (answers, hints, reveals and "
            "reflections). A backup copy is exported first. Are you sure?",
            "#D55E00",
        )
        self.confirm_row.layout.display = "flex"

    @safe
    def reset(self) -> None:
        """Export a backup, then delete."""
        folder = self.backup_dir or (self.store.home if not self.store.in_memory else Path.cwd())
        backup = export_progress(folder / f"backup-{datetime.now():%Y%m%d-%H%M%S}.json", self.store)
        try:
            count = self.store.reset()
        except StoreError as exc:  # the file cannot be changed: nothing was deleted
            self.confirm_row.layout.display = "none"
            self.status.value = html_block(
                f"{escape(str(exc))} A backup is in <code>{escape(str(backup))}</code>.",
                COLOURS["invalid"],
            )
            return
        self.confirm_row.layout.display = "none"
        self.status.value = html_block(
            f"Deleted {count} records. A backup is in <code>{escape(str(backup))}</code>.",
            "#009E73",
        )

    @safe
    def abort(self) -> None:
        """Hide the confirmation; nothing is deleted."""
        self.confirm_row.layout.display = "none"
        self.status.value = html_block("Nothing was deleted.", "#0072B2")

    def _text_plain(self) -> str:
        return (
            "Reset progress: click 'Reset my progress…' and confirm. A backup is exported "
            "first.\n" + not_running("reset your progress")
        )
