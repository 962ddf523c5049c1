"""The RICE prioritiser as a live widget: an editable backlog, ranked as you type.

Each row is an idea: a name, reach (people per quarter), impact and confidence from their
scales, and effort (person-months). A chart of value against effort and a ranked table follow
every change. A row with a bad number stays as typed, with a message, and is left out of the
ranking until it is fixed. Rows come and go: each row's controls are registered with the base
while it is on the table (``add``/``drop``), and the rows are saved as one note,
``{"rows": [...]}``, under ``KEY``. The row rules live in ``model``, the drawing in ``render``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import ipywidgets as W

from ...course.store import Store
from ...course.text import not_running
from ...ui import controls
from ...ui.charts import LiveChart, numbers_in_table_html
from ...ui.model_view import ModelView
from ...ui.parts import COLOURS, html_block, quietly, status_html
from .model import (
    CONFIDENCES,
    IMPACTS,
    MAX_ROWS,
    PRESETS,
    ROW_FIELDS,
    Backlog,
    Idea,
    Reading,
    new_row,
    read_rows,
    row_tooltips,
    saved_rows,
)
from .render import SIZE, draw, ranking_html, setup_chart

#: column -> (heading, least and widest width in rem): in a narrow window the table shrinks
#: every column in proportion, none below its least, and each heading stays over its field.
COLUMNS = {
    "number": ("#", 1.25, 2),
    "name": ("Idea", 4, 15),
    "reach": ("Reach (people per quarter)", 3.25, 7.5),
    "impact": ("Impact", 3.75, 9),
    "confidence": ("Confidence", 3.75, 9),
    "effort": ("Effort (person-months)", 3, 6.5),
    "remove": ("", 6.75, 6.75),  # the least that shows "Remove" whole beside its icon
}
IMPACT_OPTIONS = [(f"{k:g} · {v}", k) for k, v in IMPACTS.items()]
CONFIDENCE_OPTIONS = [(f"{k}% · {v}", k) for k, v in CONFIDENCES.items()]
EMPTY = html_block(
    "<strong>No idea to rank yet.</strong> Press <strong>Add an idea</strong>, or fix the rows "
    "below the messages.",
    COLOURS["empty"],
)


def _text(value: str, placeholder: str) -> W.Text:
    return W.Text(
        value=value,
        placeholder=placeholder,
        continuous_update=False,
        layout=W.Layout(**controls.CELL),
    )


def _menu(options: list, value: object) -> W.Dropdown:
    return W.Dropdown(options=options, value=value, layout=W.Layout(**controls.CELL))


def left_out_html(errors: Sequence[str]) -> str:
    """The rows left out of the ranking, each with why, or nothing."""
    if not errors:
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in errors)
    n = len(errors)
    return html_block(
        f"<strong>{n} row{'s' if n != 1 else ''} left out of the ranking until fixed</strong> "
        f"(what you typed is kept):<ul style='margin:2px 0'>{items}</ul>",
        COLOURS["invalid"],
    )


class _Row:
    """One backlog row: its controls, registered with the view as ``<id>:<field>``."""

    def __init__(self, view: RiceView, key: str, row: dict):
        self.names = [f"{key}:{f}" for f in ROW_FIELDS]
        self.number = W.HTML(layout=W.Layout(**controls.CELL))
        self.name = view.add(self.names[0], _text(row["name"], "Name of the idea"))
        self.reach = view.add(self.names[1], _text(row["reach"], "e.g. 2,000"))
        self.impact = view.add(self.names[2], _menu(IMPACT_OPTIONS, row["impact"]))
        self.confidence = view.add(self.names[3], _menu(CONFIDENCE_OPTIONS, row["confidence"]))
        self.effort = view.add(self.names[4], _text(row["effort"], "e.g. 2"))
        self.remove = view.button("Remove", lambda: view.remove_row(self), icon="trash")
        self.remove.layout = W.Layout(**controls.CELL)

    @property
    def cells(self) -> list[W.Widget]:
        """The row's cells, one per column."""
        return [self.number, *(getattr(self, f) for f in ROW_FIELDS), self.remove]

    def raw(self) -> dict:
        """The row as typed."""
        return {f: getattr(self, f).value for f in ROW_FIELDS}

    def label(self, number: int) -> None:
        """Number the row and name each control after it, for screen readers and tooltips."""
        self.number.value = f"<span style='line-height:2'>{number}</span>"
        for field, tip in row_tooltips(number, self.name.value).items():
            getattr(self, field).tooltip = tip


class RiceView(ModelView):
    """An editable backlog of ideas, ranked live by RICE score, with a chart and a table."""

    TITLE = "RICE prioritiser"
    INTRO = (
        "Each row is an idea for a small charity. Change a number and press <strong>Enter"
        "</strong> (or Tab away), or choose from a menu: the chart and the ranking follow. Reach "
        "counts people per quarter; effort counts person-months. Your rows are saved as you go."
    )
    NOTE = not_running("edit the backlog")
    KEY, SECTION = "value-rice-backlog", "05_value"

    def __init__(self, store: Store | None = None, presets: tuple[Idea, ...] = PRESETS):
        self.presets = presets
        self.rows: list[_Row] = []
        self.reading = Reading(Backlog(()))
        self._made = 0
        self._confirming = False
        super().__init__(store=store)

    def build(self) -> list[W.Widget]:
        self.table = controls.table([(low, high) for _, low, high in COLUMNS.values()])
        self.headings = [
            W.HTML(
                f"<div style='line-height:1.2;padding-bottom:2px'><small><strong>"
                f"{escape(text)}</strong></small></div>",
                layout=W.Layout(margin="0 2px", **controls.CELL),
            )
            for text, _, _ in COLUMNS.values()
        ]
        self.add_button = self.button(
            "Add an idea", self.add_row, icon="plus", tooltip="Add a new row to the backlog"
        )
        self.reset_button = self.button(
            "Reset to the examples",
            self.reset,
            icon="undo",
            tooltip="Replace your rows with the example backlog (asks you to confirm)",
        )
        self.left_out = W.HTML()
        self.chart = W.HTML()
        self.ranking = W.HTML()
        self._chart = LiveChart(setup_chart, size=SIZE)
        self._set_rows([idea.as_row() for idea in self.presets])
        buttons = controls.row(self.add_button, self.reset_button)
        return [self.table, buttons, self.status, self.left_out, self.chart, self.ranking]

    # -- the rows: the settings are {"rows": [...]}, as the note has always kept them ----------

    @property
    def settings(self) -> dict:
        return {"rows": [row.raw() for row in self.rows]}

    def load(self, values: object) -> list[str]:
        rows, problems = saved_rows(values)
        if rows is not None:
            self._set_rows(rows)
        return problems

    def _set_rows(self, rows: list[dict]) -> None:
        for row in self.rows:
            self.drop(*row.names)
        self.rows = []
        for values in rows:
            self._new_row(values)
        self._lay_out()

    def _new_row(self, values: dict) -> None:
        self._made += 1
        self.rows.append(_Row(self, f"row{self._made}", values))

    def _lay_out(self) -> None:
        self.table.children = [*self.headings, *(c for row in self.rows for c in row.cells)]
        self.add_button.disabled = len(self.rows) >= MAX_ROWS

    def add_row(self) -> None:
        """Add a row with starting estimates (low confidence, since it is a new guess)."""
        if len(self.rows) >= MAX_ROWS:
            self.status.value = status_html(
                f"The backlog holds at most {MAX_ROWS} ideas. Remove one first.", "invalid"
            )
            return
        self._new_row(new_row(row.name.value for row in self.rows))
        self._lay_out()
        self.changed()

    def remove_row(self, row: _Row) -> None:
        """Take one row off the table."""
        if row in self.rows:
            self.rows.remove(row)
            self.drop(*row.names)
        self._lay_out()
        self.changed()

    def set_row(self, number: int, **values) -> None:
        """Change fields of one row (1-based), as a learner would by typing: for tests and demos."""
        row = self.rows[number - 1]
        with quietly(self):
            for field, value in values.items():
                getattr(row, field).value = value
        self.changed()

    def reset(self) -> None:
        """First press: ask to confirm. Second press: put the example backlog back."""
        if self._confirming:
            self.put({"rows": [idea.as_row() for idea in self.presets]})
            return
        self._confirming = True
        self.reset_button.description = "Confirm: replace my rows"
        self.reset_button.button_style = "warning"
        self.status.value = status_html(
            "Press the button again to replace your rows with the examples. "
            "Change anything else to cancel.",
            "partial",
        )

    # -- the loop -----------------------------------------------------------------------------

    def update(self, settings: dict) -> None:
        self.reading = read_rows(settings["rows"])

    def render(self) -> None:
        if self._confirming:  # any change cancels a reset waiting to be confirmed
            self._confirming = False
            self.reset_button.description = "Reset to the examples"
            self.reset_button.button_style = ""
        for number, row in enumerate(self.rows, 1):
            row.label(number)
        backlog = self.reading.backlog
        if backlog.ideas:
            draw(self._chart, backlog)
            self.chart.value = self._chart.html(backlog.alt_text) + numbers_in_table_html()
            self.ranking.value = ranking_html(backlog)
        else:
            self.chart.value = ""
            self.ranking.value = EMPTY
        self.left_out.value = left_out_html(self.reading.errors)

    def describe(self) -> Reading:
        return self.reading

    @property
    def backlog(self) -> Backlog:
        """The valid rows, as the ranking shows them."""
        return self.reading.backlog


__all__ = ["RiceView", "left_out_html"]
