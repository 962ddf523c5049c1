"""The RICE prioritiser as a live widget: an editable backlog, ranked as you type.

Each row is an idea: a name, reach (people per quarter), impact and confidence from their
scales, and effort (person-months). A chart of value against effort and a ranked table follow
every change. A row with a bad number stays as typed, with a message, and is left out of the
ranking until it is fixed. The rows are kept with ``Store.save_note`` under ``NOTE_KEY``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.charts import PALETTE, figure_png, img_html
from ...ui.parts import COLOURS, TextFallback, html_block, quietly, safe
from .model import (
    CONFIDENCES,
    EFFORT_UNIT,
    IMPACTS,
    PRESETS,
    REACH_UNIT,
    Backlog,
    Idea,
    confidence_label,
    fmt_score,
    idea_from_row,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SECTION = "05_value"
NOTE_KEY = "value-rice-backlog"
NOTE = "Run this cell in JupyterLab to edit the backlog."
MAX_ROWS = 12

#: confidence -> (Okabe-Ito colour, matplotlib marker, the same shape as a character)
CONFIDENCE_STYLES: dict[int, tuple[str, str, str]] = {
    100: (PALETTE[2], "o", "●"),
    80: (PALETTE[0], "s", "■"),
    50: (PALETTE[5], "^", "▲"),
}

#: column -> width; the header and every row share them.
WIDTHS = {
    "number": "2rem",
    "name": "15rem",
    "reach": "7.5rem",
    "impact": "9rem",
    "confidence": "9rem",
    "effort": "6.5rem",
    "remove": "6.5rem",
}
HEADINGS = {
    "number": "#",
    "name": "Idea",
    "reach": "Reach (people per quarter)",
    "impact": "Impact",
    "confidence": "Confidence",
    "effort": "Effort (person-months)",
    "remove": "",
}


def _guide_scores(low: float, high: float) -> list[float]:
    """Round scores (1, 2, 5 x 10^k) between low and high for the lines of equal score."""
    found = []
    k = -2
    while 10**k <= high * 2:
        for m in (1, 2, 5):
            s = m * 10**k
            if low / 1.5 <= s <= high * 1.5:
                found.append(float(s))
        k += 1
    while len(found) > 5:
        found = found[::2]
    return found


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def rice_png(backlog: Backlog) -> bytes:
    """Value (up) against effort (across), one labelled point per idea, lines of equal score."""
    ranked = backlog.ranked()

    def draw(ax: Axes) -> None:
        xmax = max(r.idea.effort for r in ranked) * 1.25
        ymax = max(max(r.idea.value for r in ranked) * 1.2, 1.0)
        scores = [r.idea.score for r in ranked if r.idea.score > 0]
        for s in _guide_scores(min(scores), max(scores)) if scores else []:
            ax.plot([0, xmax], [0, s * xmax], color="#999999", lw=0.8, ls="--", zorder=1)
            x, y = (xmax, s * xmax) if s * xmax <= ymax else (ymax / s, ymax)
            ax.annotate(
                f"score {fmt_score(s)}",
                (x, y),
                xytext=(-3, -3),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=8,
                color="#555555",
            )
        for conf, (colour, marker, _) in CONFIDENCE_STYLES.items():
            members = [r.idea for r in ranked if r.idea.confidence == conf]
            if members:
                ax.scatter(
                    [i.effort for i in members],
                    [i.value for i in members],
                    s=90,
                    marker=marker,
                    color=colour,
                    edgecolors="black",
                    linewidths=0.7,
                    label=confidence_label(conf),
                    zorder=5,
                )
        for r in ranked:
            ax.annotate(
                str(r.rank),
                (r.idea.effort, r.idea.value),
                xytext=(7, 5),
                textcoords="offset points",
                ha="left",
                va="bottom",
                fontsize=10,
                fontweight="bold",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        key = "\n".join(f"{r.rank}. {_short(r.idea.name)}" for r in ranked)
        ax.text(
            1.03,
            0.66,
            f"Ideas by rank\n{key}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=9,
            linespacing=1.5,
        )
        ax.set_xlim(0, xmax)
        ax.set_ylim(0, ymax)
        ax.set_xlabel(f"Effort ({EFFORT_UNIT}) →")
        ax.set_ylabel("Value: reach × impact × confidence →")
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            title="Confidence",
            fontsize=9,
            title_fontsize=9,
        )
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7.4, 4.2))


_CELL = "text-align:left;padding:1px 10px 1px 0"
_NUM = "text-align:right;padding:1px 10px 1px 0"


def ranking_html(backlog: Backlog) -> str:
    """The ranking as a table with the headline above it."""
    rows = "".join(
        f"<tr><td style='{_NUM}'>{r.rank}</td><td style='{_CELL}'>{escape(r.idea.name)}</td>"
        f"<td style='{_NUM}'>{r.idea.reach:,.0f}</td><td style='{_NUM}'>{r.idea.impact:g}</td>"
        f"<td style='{_CELL}'><span aria-hidden='true' "
        f"style='color:{CONFIDENCE_STYLES[r.idea.confidence][0]}'>"
        f"{CONFIDENCE_STYLES[r.idea.confidence][2]}</span> {r.idea.confidence}%</td>"
        f"<td style='{_NUM}'>{r.idea.effort:g}</td>"
        f"<td style='{_NUM}'>{fmt_score(r.idea.value)}</td>"
        f"<td style='{_NUM}'><strong>{fmt_score(r.idea.score)}</strong></td></tr>"
        for r in backlog.ranked()
    )
    heads = ["Rank", "Idea", "Reach", "Impact", "Confidence", "Effort", "Value", "Score"]
    head = "".join(
        f"<th style='{_CELL if h in ('Idea', 'Confidence') else _NUM}'>{h}</th>" for h in heads
    )
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(backlog.headline)}</strong></p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        "<p style='margin:2px 0'><small>Score = reach × impact × confidence ÷ effort. Value is "
        "the top half of that sum: reach × impact × confidence.</small></p>"
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def _impact_options() -> list[tuple[str, float]]:
    return [(f"{k:g} · {v}", k) for k, v in IMPACTS.items()]


def _confidence_options() -> list[tuple[str, int]]:
    return [(f"{k}% · {v}", k) for k, v in CONFIDENCES.items()]


def _clean_row(raw: object) -> dict | None:
    """A saved row made safe to show (values off the scales fall back), or None."""
    if not isinstance(raw, dict):
        return None
    impact = raw.get("impact")
    confidence = raw.get("confidence")
    return {
        "name": raw.get("name") if isinstance(raw.get("name"), str) else "",
        "reach": str(raw.get("reach", "")),
        "impact": float(impact) if isinstance(impact, int | float) and impact in IMPACTS else 1.0,
        "confidence": int(confidence)
        if isinstance(confidence, int | float) and confidence in CONFIDENCES
        else 50,
        "effort": str(raw.get("effort", "")),
    }


class _Row:
    """The widgets of one backlog row."""

    def __init__(self, row: dict):
        self.number = W.HTML(layout=W.Layout(width=WIDTHS["number"]))
        self.name = W.Text(
            value=row["name"],
            placeholder="Name of the idea",
            continuous_update=False,
            layout=W.Layout(width=WIDTHS["name"]),
        )
        self.reach = W.Text(
            value=row["reach"],
            placeholder="e.g. 2,000",
            continuous_update=False,
            layout=W.Layout(width=WIDTHS["reach"]),
        )
        self.impact = W.Dropdown(
            options=_impact_options(), value=row["impact"], layout=W.Layout(width=WIDTHS["impact"])
        )
        self.confidence = W.Dropdown(
            options=_confidence_options(),
            value=row["confidence"],
            layout=W.Layout(width=WIDTHS["confidence"]),
        )
        self.effort = W.Text(
            value=row["effort"],
            placeholder="e.g. 2",
            continuous_update=False,
            layout=W.Layout(width=WIDTHS["effort"]),
        )
        self.remove = W.Button(
            description="Remove", icon="trash", layout=W.Layout(width=WIDTHS["remove"])
        )
        self.box = W.HBox(
            [
                self.number,
                self.name,
                self.reach,
                self.impact,
                self.confidence,
                self.effort,
                self.remove,
            ]
        )

    @property
    def inputs(self) -> list[W.Widget]:
        return [self.name, self.reach, self.impact, self.confidence, self.effort]

    def label(self, number: int) -> None:
        """Number the row and name each control after it, for screen readers and tooltips."""
        self.number.value = f"<span style='line-height:2'>{number}</span>"
        name = self.name.value.strip() or f"row {number}"
        self.name.tooltip = f"Row {number}: name of the idea"
        self.reach.tooltip = f"{name}: reach, in {REACH_UNIT}"
        self.impact.tooltip = f"{name}: impact, from 0.25 (minimal) to 3 (massive)"
        self.confidence.tooltip = f"{name}: confidence, 50%, 80% or 100%"
        self.effort.tooltip = f"{name}: effort, in {EFFORT_UNIT} (more than 0)"
        self.remove.tooltip = f"Remove {name} from the backlog"

    def raw(self) -> dict:
        """The row as typed."""
        return {
            "name": self.name.value,
            "reach": self.reach.value,
            "impact": self.impact.value,
            "confidence": self.confidence.value,
            "effort": self.effort.value,
        }


class RiceView(TextFallback, W.VBox):
    """An editable backlog of ideas, ranked live by RICE score, with a chart and a table."""

    def __init__(self, store: Store | None = None, presets: tuple[Idea, ...] = PRESETS):
        self.store = store or get_store()
        self.presets = presets
        saved = self.store.note(NOTE_KEY)
        rows = None
        if isinstance(saved, dict) and isinstance(saved.get("rows"), list):
            rows = [r for r in map(_clean_row, saved["rows"][:MAX_ROWS]) if r is not None]
        self.rows: list[_Row] = [
            _Row(r) for r in (rows if rows is not None else self._preset_rows())
        ]
        self.backlog = Backlog(())
        self.errors: list[str] = []
        self._quiet = False
        self._confirming = False
        header = W.HBox(
            [
                W.HTML(
                    f"<div style='line-height:1.2;padding-bottom:2px'><small><strong>"
                    f"{escape(text)}</strong></small></div>",
                    layout=W.Layout(width=WIDTHS[key], margin="0 2px"),
                )
                for key, text in HEADINGS.items()
            ]
        )
        self.rows_box = W.VBox()
        self.add_button = W.Button(
            description="Add an idea", icon="plus", tooltip="Add a new row to the backlog"
        )
        self.reset_button = W.Button(
            description="Reset to the examples",
            icon="undo",
            tooltip="Replace your rows with the example backlog (asks you to confirm)",
            layout=W.Layout(width="auto"),
        )
        self.chart = W.HTML()
        self.ranking = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>RICE prioritiser</h3><div style='line-height:1.4'>Each row is an "
                    "idea for a small charity. Change a number and press <strong>Enter</strong> "
                    "(or Tab away), or choose from a menu: the chart and the ranking follow. Reach "
                    "counts people per quarter; effort counts person-months. Your rows are saved "
                    "as you go.</div>"
                ),
                header,
                self.rows_box,
                W.HBox([self.add_button, self.reset_button]),
                self.status,
                self.chart,
                self.ranking,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.add_button.on_click(lambda _: self.add())
        self.reset_button.on_click(lambda _: self.reset())
        for row in self.rows:
            self._wire(row)
        self._layout_rows()
        self.update(save=False)

    def _preset_rows(self) -> list[dict]:
        return [idea.as_row() for idea in self.presets]

    # -- rows ------------------------------------------------------------------------------------

    def _wire(self, row: _Row) -> None:
        for widget in row.inputs:
            widget.observe(lambda _: self._changed(), names="value")
        row.remove.on_click(lambda _: self.remove(row))

    def _layout_rows(self) -> None:
        for i, row in enumerate(self.rows, 1):
            row.label(i)
        self.rows_box.children = [row.box for row in self.rows]
        self.add_button.disabled = len(self.rows) >= MAX_ROWS

    def _changed(self) -> None:
        if not self._quiet:
            self.update()

    def _new_name(self) -> str:
        names = {r.name.value.strip().casefold() for r in self.rows}
        n = 1
        while f"new idea {n}" in names:
            n += 1
        return f"New idea {n}"

    @safe
    def add(self) -> None:
        """Add a row with starting estimates (low confidence, since it is a new guess)."""
        if len(self.rows) >= MAX_ROWS:
            self._message(f"The backlog holds at most {MAX_ROWS} ideas. Remove one first.")
            return
        start = {"reach": "1,000", "impact": 1.0, "confidence": 50, "effort": "1"}
        row = _Row({"name": self._new_name(), **start})
        self.rows.append(row)
        self._wire(row)
        self._layout_rows()
        self.update()

    @safe
    def remove(self, row: _Row) -> None:
        """Remove one row."""
        if row in self.rows:
            self.rows.remove(row)
        self._layout_rows()
        self.update()

    @safe
    def reset(self) -> None:
        """First press: ask to confirm. Second press: put the example backlog back."""
        if not self._confirming:
            self._confirming = True
            self.reset_button.description = "Confirm: replace my rows"
            self.reset_button.button_style = "warning"
            self._message(
                "Press the button again to replace your rows with the examples. "
                "Change anything else to cancel.",
                "partial",
            )
            return
        self.rows = [_Row(r) for r in self._preset_rows()]
        for row in self.rows:
            self._wire(row)
        self._layout_rows()
        self.update()

    def set_row(self, number: int, **values) -> None:
        """Change fields of one row (1-based), as a learner would by typing: for tests and demos."""
        row = self.rows[number - 1]
        with quietly(self):
            for key, value in values.items():
                getattr(row, key).value = value
        self.update()

    # -- drawing ---------------------------------------------------------------------------------

    def _read(self) -> tuple[Backlog, list[str]]:
        ideas: list[Idea] = []
        errors: list[str] = []
        seen: set[str] = set()
        for i, row in enumerate(self.rows, 1):
            try:
                idea = idea_from_row(row.raw())
            except ValueError as exc:
                errors.append(f"Row {i}: {str(exc).removeprefix('RICE: ')}.")
                continue
            if idea.name.casefold() in seen:
                errors.append(f"Row {i}: another idea is already called '{idea.name}'.")
                continue
            seen.add(idea.name.casefold())
            ideas.append(idea)
        return Backlog(tuple(ideas)), errors

    def _message(self, text: str, kind: str = "invalid") -> None:
        self.status.value = html_block(escape(text), COLOURS[kind])

    @safe
    def update(self, save: bool = True) -> None:
        """Read every row, rank the valid ones, redraw, show any problems and save the rows."""
        if self._confirming:
            self._confirming = False
            self.reset_button.description = "Reset to the examples"
            self.reset_button.button_style = ""
        for i, row in enumerate(self.rows, 1):
            row.label(i)
        self.backlog, self.errors = self._read()
        if save:
            self.store.save_note(SECTION, NOTE_KEY, {"rows": [r.raw() for r in self.rows]})
        if self.backlog.ideas:
            self.chart.value = img_html(rice_png(self.backlog), self.backlog.alt_text)
            self.ranking.value = ranking_html(self.backlog)
        else:
            self.chart.value = ""
            self.ranking.value = html_block(
                "<strong>No idea to rank yet.</strong> Press <strong>Add an idea</strong>, or "
                "fix the rows below the messages.",
                COLOURS["empty"],
            )
        if self.errors:
            items = "".join(f"<li>{escape(e)}</li>" for e in self.errors)
            left_out = len(self.errors)
            self.status.value = html_block(
                f"<strong>{left_out} row{'s' if left_out != 1 else ''} left out of the ranking "
                f"until fixed</strong> (what you typed is kept):<ul style='margin:2px 0'>{items}"
                "</ul>",
                COLOURS["invalid"],
            )
        else:
            self.status.value = ""

    # -- text forms ------------------------------------------------------------------------------

    def _parts(self, fence: bool) -> list[str]:
        parts = [
            f"RICE prioritiser: {self.backlog.headline}",
            f"Score = reach ({REACH_UNIT}) × impact × confidence ÷ effort ({EFFORT_UNIT}).",
        ]
        if self.backlog.ideas:
            table = self.backlog.table()
            parts.append(f"```\n{table}\n```" if fence else table)
        if self.errors:
            parts.append("\n".join(["Left out of the ranking until fixed:", *self.errors]))
        return parts

    def _text_plain(self) -> str:
        return "\n\n".join([*self._parts(fence=False), NOTE])

    def _text_markdown(self) -> str:
        return "\n\n".join([*self._parts(fence=True), f"_{NOTE}_"])


__all__ = ["RiceView", "ranking_html", "rice_png"]
