"""The Now / Next / Later board drawn as HTML: three columns of ordered lists, and the checks.

Colour and line style both tell the columns apart, and the headings always do; every item's
text is escaped.
"""

from __future__ import annotations

from html import escape

from ...ui.charts import PALETTE
from ...ui.parts import COLOURS, html_block
from .model import CERTAINTY, COLUMNS, TITLES, Roadmap

#: column -> (Okabe-Ito colour, border style): colour and line style both tell the columns
#: apart (solid for the most certain, dotted for the least), and the headings always do.
COLUMN_STYLES = {
    "now": (PALETTE[2], "solid"),
    "next": (PALETTE[0], "dashed"),
    "later": (PALETTE[3], "dotted"),
}


def board_html(board: Roadmap) -> str:
    """The board as three columns of ordered lists; it reads in order as text too."""
    flagged = {c.item.text: c for c in board.checks()}
    columns = []
    for col in COLUMNS:
        colour, style = COLUMN_STYLES[col]
        rows = []
        for it in board.column(col):
            marks = []
            if it.fixed:
                marks.append("<strong>◆ hard deadline</strong>")
            check = flagged.get(it.text)
            if check is not None and check.kind == "date":
                dates = ", ".join(f"'{escape(d)}'" for d in it.dates)
                marks.append(f"<strong style='color:#A0430A'>⚠ date: {dates}</strong>")
            elif check is not None:
                marks.append("<strong style='color:#A0430A'>⚠ no date given</strong>")
            extra = f"<br><small>{' · '.join(marks)}</small>" if marks else ""
            rows.append(f"<li style='margin:2px 0'>{escape(it.text)}{extra}</li>")
        listing = (
            f"<ol style='margin:4px 0;padding-left:1.4em'>{''.join(rows)}</ol>"
            if rows
            else "<p style='margin:4px 0'><em>Nothing yet.</em></p>"
        )
        count = len(board.column(col))
        columns.append(
            f"<section aria-label='{TITLES[col]}' style='flex:1 1 13rem;min-width:13rem;"
            f"border:2px {style} {colour};border-top-width:6px;border-radius:4px;"
            f"padding:4px 10px;background:#fff'>"
            f"<h4 style='margin:4px 0 0'>{TITLES[col]} <small>({count} "
            f"item{'s' if count != 1 else ''})</small></h4>"
            f"<p style='margin:0 0 4px;color:#444'><small><em>{escape(CERTAINTY[col])}</em>"
            f"</small></p>{listing}</section>"
        )
    return (
        "<div style='display:flex;flex-wrap:wrap;gap:10px;line-height:1.35;margin:6px 0'>"
        + "".join(columns)
        + "</div>"
    )


def checks_html(board: Roadmap) -> str:
    """The headline, each date or deadline flag, and notes about the board's shape."""
    items = [*(c.message for c in board.checks()), *board.notes()]
    colour = COLOURS["partial"] if board.checks() else COLOURS["correct"]
    if not board.items:
        colour = COLOURS["empty"]
    listing = "".join(f"<li>{escape(i)}</li>" for i in items)
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>"
        f"{escape(board.headline)}</strong></p>"
        + (f"<ul style='margin:2px 0;padding-left:1.2em'>{listing}</ul>" if listing else "")
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


__all__ = ["COLUMN_STYLES", "board_html", "checks_html"]
