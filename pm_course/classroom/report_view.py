"""The class report as a widget: charts with alt text, tables, and every learner text escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as W

from ..course.content import question
from ..ui import controls
from ..ui.charts import PALETTE, figure_png, img_html
from ..ui.parts import TextFallback, html_block, safe
from .report import ClassReport, class_report, report_text
from .results import class_folder

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TD = "style='padding:3px 10px;text-align:right;vertical-align:top;white-space:nowrap'"
TL = "style='padding:3px 10px;text-align:left;vertical-align:top'"
STYLE = (
    "<style>.pmc-class-report table.pmc-report-table {border-collapse:collapse;margin:4px 0 16px}"
    " .pmc-class-report table.pmc-report-table td {border-top:1px solid #ddd;line-height:1.35}"
    " .pmc-class-report table.pmc-report-table th {border-bottom:2px solid #999}"
    " .pmc-class-report h4 {margin:18px 0 4px}</style>"
)
HARDEST = 12


def _short(text: str, width: int = 90) -> str:
    """Text cut to ``width`` characters, with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(header: list[str], rows: list[list[str]], right: set[int], caption: str) -> str:
    """An HTML table; cells must be escaped already."""
    head = "".join(f"<th {TD if i in right else TL}>{h}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>"
        + "".join(f"<td {TD if i in right else TL}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return (
        f"<table class='pmc-report-table'><caption style='text-align:left;font-weight:bold'>"
        f"{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def percent_bars(
    bars: list[tuple[str, float, str]], colour: str, hatch: str, xlabel: str, height: float
) -> bytes:
    """Horizontal bars of percentages, bottom to top: (label, percent, note beside the bar);
    ``height`` is the height of one bar in inches."""

    def draw(ax: Axes) -> None:
        y = range(len(bars))
        ax.barh(list(y), [p for _, p, _ in bars], color=colour, hatch=hatch, edgecolor="white")
        for i, (_, percent, note) in enumerate(bars):
            ax.text(percent + 1, i, note, va="center", fontsize=8)
        ax.set_yticks(list(y), [label for label, _, _ in bars])
        ax.set_xlim(0, 130)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(8, height * max(len(bars), 1) + 1.2))


def completion_png(report: ClassReport) -> bytes:
    """Horizontal bars: share of the section's questions done, over the class."""
    bars = [
        (r.title, r.mean_done, f"{r.mean_done:.0f}% ({r.completed} completed)")
        for r in report.sections[::-1]
    ]
    return percent_bars(bars, PALETTE[0], "//", "questions done, percent (over all learners)", 0.42)


def completion_alt(report: ClassReport) -> str:
    """The completion chart's facts in words."""
    parts = [
        f"{r.title}: {r.mean_done:.0f}% done, {r.completed} completed" for r in report.sections
    ]
    return (
        f"Bar chart of completion by section for {len(report.learners)} learners. "
        + "; ".join(parts)
        + "."
    )


def hardest(report: ClassReport) -> list:
    """The answered questions with the lowest right-first-time rate, lowest first."""
    answered = [q for q in report.questions if q.answered]
    return sorted(answered, key=lambda q: (q.rate, q.qid))[:HARDEST]


def hardest_png(report: ClassReport) -> bytes:
    """Horizontal bars: right-first-time rate of the hardest questions."""
    bars = [
        (q.qid, q.rate, f"{q.rate:.0f}% ({q.right_first_time} of {q.answered})")
        for q in hardest(report)[::-1]
    ]
    return percent_bars(
        bars, PALETTE[5], "..", "right first time, percent of those who answered", 0.36
    )


def hardest_alt(report: ClassReport) -> str:
    """The hardest-questions chart's facts in words."""
    parts = [
        f"{q.qid}: {q.rate:.0f}% ({q.right_first_time} of {q.answered})" for q in hardest(report)
    ]
    return (
        "Bar chart of the questions fewest learners got right first time. " + "; ".join(parts) + "."
    )


def report_html(report: ClassReport) -> str:
    """The whole report as HTML: every text from a learner's file is escaped."""
    e = escape
    n = len(report.learners)
    parts = [
        STYLE,
        f"<h3>Class report: {n} learner{'s' if n != 1 else ''} "
        f"<small>(folder <code>{e(report.folder)}</code>)</small></h3>",
    ]
    if report.problems:
        items = "".join(
            f"<li><code>{e(p.file)}</code>: {e(p.message)}</li>" for p in report.problems
        )
        parts.append(
            html_block(
                f"<strong>{len(report.problems)} file problem(s)</strong><ul>{items}</ul>",
                "#E69F00",
            )
        )
    if not n:
        parts.append("<p>No learner files to report on yet.</p>")
        return "".join(parts)
    parts.append("<h4>How far the class got</h4>")
    parts.append(img_html(completion_png(report), completion_alt(report)))
    parts.append(
        _table(
            ["Section", "Started", "Completed", "Questions done"],
            [
                [e(r.title), str(r.started), str(r.completed), f"{r.mean_done:.0f}%"]
                for r in report.sections
            ],
            {1, 2, 3},
            "Completion by section",
        )
    )
    parts.append("<h4>The questions fewest learners got right first time</h4>")
    parts.append(img_html(hardest_png(report), hardest_alt(report)))
    misc = [
        [
            f"{e(m.qid)}<br><small>{e(_short(question(m.qid).prompt))}</small>",
            f"{m.learners} of {m.answered}",
            e(m.option),
            e(m.feedback),
        ]
        for m in report.misconceptions
    ]
    parts.append(
        _table(
            ["Question", "Chose it", "Wrong answer", "Feedback in the course"],
            misc,
            {1},
            "The room's misconceptions: most chosen wrong answers",
        )
        if misc
        else "<p>No wrong answers chosen yet.</p>"
    )
    rft = [
        [
            e(q.qid),
            str(q.answered),
            str(q.right_first_time),
            f"{q.rate:.0f}%" if q.answered else "–",
            str(q.revealed),
        ]
        for q in report.questions
    ]
    parts.append(
        "<details><summary>Right first time, every question</summary>"
        + _table(
            ["Question", "Answered", "Right first time", "Rate", "Revealed"], rft, {1, 2, 3, 4}, ""
        )
        + "</details>"
    )
    for p in report.polls:
        total = sum(c for _, c, _ in p.counts)
        rows = [
            [
                e(t),
                str(c),
                f"{100 * c / total:.0f}%" if total else "–",
                f"{s:g}%" if s is not None else "–",
            ]
            for t, c, s in p.counts
        ]
        parts.append(
            _table(
                ["Option", "Votes", "Class", "Cited"],
                rows,
                {1, 2, 3},
                f"Poll {e(p.qid)}: {e(p.prompt)}",
            )
        )
    if report.feedback:
        rows = [
            [e(f.title), str(f.responses), f"{f.useful:.1f}", f"{f.hard:.1f}"]
            for f in report.feedback
        ]
        parts.append(
            _table(
                ["Section", "Responses", "Useful (1–5)", "Hard (1–5)"],
                rows,
                {1, 2, 3},
                "Section feedback",
            )
        )
        for f in report.feedback:
            if f.comments:
                items = "".join(f"<li>{e(name)}: {e(text)}</li>" for name, text in f.comments)
                parts.append(
                    f"<details><summary>Comments on {e(f.title)} ({len(f.comments)})</summary>"
                    f"<ul>{items}</ul></details>"
                )
    if report.reflections:
        items = "".join(
            f"<li><strong>{e(name)}</strong> ({e(qid)}): {e(text)}</li>"
            for name, qid, text in report.reflections
        )
        count = len(report.reflections)
        parts.append(
            f"<details><summary>Reflections shared ({count})</summary><ul>{items}</ul></details>"
        )
    return "".join(parts)


class ClassReportView(TextFallback, W.VBox):
    """A folder box, a Reload button and the report of the results files in that folder."""

    def __init__(self, folder: str | Path | None = None, *, fallback: str | Path | None = None):
        """``folder``, else ``$PM_COURSE_CLASS_DIR``, else ``fallback``, else this folder."""
        start = Path(folder) if folder else class_folder(fallback)
        self.folder = controls.text(
            "Class folder",
            str(start),
            tooltip="The folder holding the learners' results files",
            label_width="7rem",
            width="40rem",
        )
        self.reload_button = controls.button(
            "Reload", self.reload, icon="refresh", tooltip="Read the folder again"
        )
        self.body = W.HTML()
        self.status = W.HTML()
        super().__init__([W.HBox([self.folder, self.reload_button]), self.status, self.body])
        self.add_class("pmc-class-report")
        self.report: ClassReport | None = None
        self.reload()

    @safe
    def reload(self) -> ClassReport:
        """Read the folder again and redraw."""
        self.report = class_report(self.folder.value.strip() or ".")
        self.body.value = report_html(self.report)
        self.status.value = ""
        return self.report

    def _text_plain(self) -> str:
        return report_text(self.report) if self.report else "Class report: not loaded."

    def _text_markdown(self) -> str:
        """The text report in a ``<pre>`` block, escaped: learners' texts never render."""
        return f"<pre>{escape(self._text_plain())}</pre>"
