"""The class report as HTML: charts with alt text and numbers, the tables, and a printable page.

Every table comes from :mod:`pm_course.classroom.report` (one definition each, see
:class:`~pm_course.classroom.table.Table`) and every learner text is escaped there. The
printable page is one self-contained file (charts inline, no script, nothing fetched) whose
print style prints the whole report, every "show all" open. No widgets: the command line uses
this module too.
"""

from __future__ import annotations

import functools
from html import escape
from typing import TYPE_CHECKING

from ..ui import charts
from ..ui.charts import PALETTE, figure_png, img_html, numbers_html
from . import report as cr
from .items import NEGATIVE
from .report import ClassReport
from .table import Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The report's look in the notebook (scoped to the report) and in the printable page.
CSS = """
.pmc-class-report table.pmc-report-table {border-collapse:collapse;margin:4px 0 8px;
  font-size:0.92em;max-width:100%}
.pmc-class-report table.pmc-report-table caption {text-align:left;font-weight:bold;
  padding:4px 0}
.pmc-class-report table.pmc-report-table th {border-bottom:2px solid #767676;padding:3px 10px;
  vertical-align:bottom;line-height:1.25}
.pmc-class-report li {line-height:1.4}
.pmc-class-report table.pmc-report-table td {border-top:1px solid #ddd;padding:3px 10px;
  vertical-align:top;line-height:1.35}
.pmc-class-report .num {text-align:right;white-space:nowrap}
.pmc-class-report .txt {text-align:left}
.pmc-class-report .nowrap {white-space:nowrap}
.pmc-class-report td.wide {min-width:16rem}
.pmc-class-report h3 {margin:8px 0 4px}
.pmc-class-report h4 {margin:20px 0 4px}
.pmc-class-report .pmc-note {margin:2px 0 12px;font-size:0.92em;color:#3d3d3d}
.pmc-class-report .pmc-flag {border-left:4px solid #D55E00;padding:2px 10px;margin:6px 0}
.pmc-class-report summary {cursor:pointer;margin:6px 0}
"""

PRINT_CSS = """
body {font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
  max-width:70rem;margin:1.5rem auto;padding:0 1rem}
img {max-width:100%;height:auto}
@media print {
  @page {size:A4;margin:14mm}
  body {max-width:none;margin:0;padding:0;font-size:10pt}
  details > summary {list-style:none}
  details > summary::-webkit-details-marker {display:none}
  .pmc-class-report table.pmc-report-table {font-size:8.5pt}
  thead {display:table-header-group}
  tr, img, .pmc-flag {break-inside:avoid}
  h3, h4 {break-after:avoid}
  a {color:inherit;text-decoration:none}
}
"""


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- charts -------------------------------------------------------------------------------------


def percent_bars(
    bars: list[tuple[str, float, str]], colour: str, hatch: str, xlabel: str, height: float
) -> bytes:
    """Horizontal bars of percentages, bottom to top: (label, percent, note beside the bar);
    ``height`` is the height of one bar in inches. The same bars are drawn once (a filter
    switched back and forth redraws nothing)."""
    return _percent_bars(tuple(bars), colour, hatch, xlabel, height, charts.STUB)


@functools.lru_cache(maxsize=32)
def _percent_bars(
    bars: tuple[tuple[str, float, str], ...],
    colour: str,
    hatch: str,
    xlabel: str,
    height: float,
    stub: bool,  # part of the cache's key: a stubbed picture is never served for a real one
) -> bytes:
    def draw(ax: Axes) -> None:
        y = range(len(bars))
        ax.barh(list(y), [p for _, p, _ in bars], color=colour, hatch=hatch, edgecolor="white")
        for i, (_, percent, note) in enumerate(bars):
            ax.text(percent + 1, i, note, va="center", fontsize=8)
        ax.set_yticks(list(y), [label for label, _, _ in bars], fontsize=8)
        ax.set_xlim(0, 130)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(9, height * max(len(bars), 1) + 1.2))


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


hardest = cr.hardest


def hardest_png(report: ClassReport) -> bytes:
    """Horizontal bars: right-first-time rate of the hardest questions, labelled with their
    text (cut short) and id."""
    bars = [
        (
            f"{_short(q.prompt, 48)}\n{q.qid}",
            q.rate,
            f"{q.rate:.0f}% ({q.right_first_time} of {q.answered})",
        )
        for q in hardest(report)[::-1]
    ]
    return percent_bars(
        bars, PALETTE[5], "..", "right first time, percent of those who answered", 0.5
    )


def hardest_alt(report: ClassReport) -> str:
    """The hardest-questions chart's facts in words."""
    parts = [
        f"{q.qid}: {q.rate:.0f}% ({q.right_first_time} of {q.answered})" for q in hardest(report)
    ]
    return (
        "Bar chart of the questions fewest learners got right first time, among those answered "
        f"by at least {report.min_answers} learners. " + "; ".join(parts) + "."
    )


def hardest_numbers(report: ClassReport) -> str:
    """The hardest-questions chart's numbers, behind "Show the numbers"."""
    return numbers_html(
        "The questions fewest learners got right first time",
        ("Question", "Id", "Answered", "Right first time", "Rate (%)"),
        ((q.prompt, q.qid, q.answered, q.right_first_time, round(q.rate)) for q in hardest(report)),
    )


def items_png(report: ClassReport) -> bytes:
    """Facility (x) against point-biserial discrimination (y), one dot per analysed question;
    flagged questions drawn as red crosses and named."""
    points = tuple(
        (i.qid, i.facility or 0.0, i.point_biserial or 0.0, i.flagged)
        for i in report.items.items
        if i.point_biserial is not None
    )
    return _items_png(points, charts.STUB)


@functools.lru_cache(maxsize=16)
def _items_png(points: tuple[tuple[str, float, float, bool], ...], stub: bool) -> bytes:
    def draw(ax: Axes) -> None:
        ok = [p for p in points if not p[3]]
        bad = [p for p in points if p[3]]
        ax.axhspan(-1, NEGATIVE, color="#f3d9cc", zorder=0)
        ax.axhline(0.2, color="#767676", linestyle="--", linewidth=0.8)
        ax.axhline(0, color="#1a1a1a", linewidth=0.6)
        for x in (0.3, 0.9):
            ax.axvline(x, color="#767676", linestyle=":", linewidth=0.8)
        ax.scatter(
            [p[1] for p in ok],
            [p[2] for p in ok],
            s=28,
            color=PALETTE[0],
            label="question",
            zorder=3,
        )
        ax.scatter(
            [p[1] for p in bad],
            [p[2] for p in bad],
            s=70,
            marker="X",
            color=PALETTE[5],
            label="flagged question",
            zorder=4,
        )
        for qid, x, y, _ in bad:
            ax.annotate(
                qid,
                (x, y),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=8,
                color="#8a3300",
            )
        ax.set_xlim(-0.03, 1.1)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("facility: share right first time (harder ← → easier)")
        ax.set_ylabel("discrimination (point-biserial)")
        ax.text(1.09, 0.22, "0.2: separates", fontsize=7, ha="right", color="#4d4d4d")
        ax.text(1.09, -0.95, "separates the wrong way", fontsize=8, ha="right", color="#8a3300")
        ax.legend(loc="lower left", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(8, 4.6))


def items_alt(report: ClassReport) -> str:
    """The item-analysis chart's facts in words."""
    analysed = [i for i in report.items.items if i.point_biserial is not None]
    flagged = [i for i in analysed if i.flagged]
    low = [i for i in analysed if (i.point_biserial or 0) < 0.2]
    named = "; ".join(
        f"{i.qid}: facility {i.facility:.2f}, discrimination {i.point_biserial:.2f}"
        for i in flagged
    )
    return (
        f"Scatter plot of {len(analysed)} questions: facility against discrimination. "
        f"{len(low)} separate strong from weak learners poorly (under 0.2). "
        + (f"Flagged: {named}." if flagged else "No question is flagged.")
    )


def items_numbers(report: ClassReport) -> str:
    """The item-analysis chart's numbers, behind "Show the numbers"."""
    return numbers_html(
        "Facility and discrimination of each analysed question",
        ("Id", "Facility", "Point-biserial", "Flagged"),
        (
            (
                i.qid,
                round(i.facility or 0.0, 2),
                round(i.point_biserial or 0.0, 2),
                "yes" if i.flagged else "no",
            )
            for i in report.items.items
            if i.point_biserial is not None
        ),
    )


# --- the page -----------------------------------------------------------------------------------


def _details(summary: str, body: str, open_all: bool) -> str:
    return f"<details{' open' if open_all else ''}><summary>{summary}</summary>{body}</details>"


def _problems(report: ClassReport) -> str:
    """The file problems, first and in a coloured block: the same table the text ends with."""
    if not report.problems:
        return ""
    return (
        "<div style='border-left:4px solid #E69F00;padding:2px 10px;margin:4px 0'>"
        f"{cr.problems_table(report).html()}</div>"
    )


def _guide_link() -> str:
    return (
        f"<p class='pmc-note'>How to read these numbers, and what to do with a flagged "
        f"question: <code>{cr.GUIDE}</code> in the course's folder.</p>"
    )


def report_html(
    report: ClassReport,
    *,
    learner: str | None = None,
    compare: ClassReport | None = None,
    open_all: bool = False,
) -> str:
    """The whole report as HTML (no style sheet: see :data:`CSS`); every text from a learner's
    file is escaped. With ``learner``, that learner's view; with ``compare``, the change per
    question from ``compare`` (before) to ``report`` (after) comes first. ``open_all`` opens
    every "show all" (the printable page)."""
    e = escape
    n = len(report.learners)
    parts = [f"<h3>{e(cr.heading(report))}</h3>", f"<p class='pmc-note'>{e(cr.scope(report))}</p>"]
    parts.append(_problems(report))
    if not n:
        parts.append("<p>No learner files to report on yet.</p>")
        return "".join(parts)
    if learner is not None:
        parts.append(f"<h4>One learner: {e(learner)}</h4>")
        parts += [t.html() for t in cr.learner_tables(report, learner)]
        return "".join(parts)
    if compare is not None:
        parts.append("<h4>Before and after</h4>")
        parts.append(cr.compare_table(compare, report).html())
    parts.append("<h4>How far the class got</h4>")
    parts.append(img_html(completion_png(report), completion_alt(report)))
    parts.append(cr.completion_table(report).html())
    parts.append("<h4>The questions fewest learners got right first time</h4>")
    if cr.hardest(report):
        parts.append(img_html(hardest_png(report), hardest_alt(report)))
        parts.append(hardest_numbers(report) if not open_all else "")
    parts.append(cr.hardest_table(report).html())
    parts.append(cr.misconceptions_table(report).html())
    parts.append(
        _details("Right first time, every question", cr.questions_table(report).html(), open_all)
    )
    parts.append(cr.polls_table(report).html())
    parts.append(cr.feedback_table(report).html())
    comments = cr.comments_table(report)
    if comments.rows:
        parts.append(_details(f"Show all {len(comments.rows)} comments", comments.html(), open_all))
    reflections = cr.reflections_table(report)
    if reflections.rows:
        parts.append(
            _details(f"Reflections shared ({len(reflections.rows)})", reflections.html(), open_all)
        )
    parts.append(_items_html(report, open_all))
    learners = cr.learners_table(report)
    parts.append(_details(f"Learners ({len(learners.rows)})", learners.html(), open_all))
    return "".join(parts)


def _items_html(report: ClassReport, open_all: bool) -> str:
    e = escape
    out = ["<h4>Item analysis: how each question behaved</h4>", _guide_link()]
    flags = cr.flagged_lines(report)
    if flags:
        out.append(
            "<div class='pmc-flag'><strong>Look at these questions</strong><ul>"
            + "".join(f"<li>{e(line)}</li>" for line in flags)
            + "</ul></div>"
        )
    if any(i.point_biserial is not None for i in report.items.items):
        out.append(img_html(items_png(report), items_alt(report)))
        out.append(items_numbers(report) if not open_all else "")
    out.append(cr.items_table(report).html())
    options: Table = cr.options_table(report)
    out.append(_details("Each option's share of first answers", options.html(), open_all))
    return "".join(out)


def printable_html(
    report: ClassReport, *, learner: str | None = None, compare: ClassReport | None = None
) -> str:
    """The report as one self-contained HTML page to print or send: charts inline, every
    "show all" open, a print style that prints the whole report; no script, nothing fetched."""
    body = report_html(report, learner=learner, compare=compare, open_all=True)
    title = escape(cr.heading(report))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{title}</title><style>{CSS}{PRINT_CSS}</style></head>"
        f"<body><main class='pmc-class-report'>{body}</main></body></html>\n"
    )
