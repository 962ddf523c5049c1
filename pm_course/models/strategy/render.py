"""Rumelt's kernel and "today vs the future" drawn as HTML: the check of each part, and the
summary of what the strategy frees itself from. Learner text is always escaped.
"""

from __future__ import annotations

from html import escape

from ...ui.parts import COLOURS, html_block, ink
from .model import Constraints, KernelCheck, PartCheck, kind_name

#: level -> (symbol, colour, word): the word always carries the meaning.
LEVELS = {
    "problem": ("✗", COLOURS["incorrect"], "Problem"),
    "advice": ("!", COLOURS["partial"], "Suggestion"),
    "good": ("✓", COLOURS["correct"], "Good"),
}
#: Text boxes in these models show prose, so they use the interface font, not monospace.
FONT_STYLE = (
    "<style>.pmc-strategy textarea, .pmc-strategy input[type=text] "
    "{font-family: var(--jp-ui-font-family); font-size: var(--jp-ui-font-size1)}"
    # A long tick-box label wraps in a narrow window (at 200% zoom) instead of being cut short.
    " .pmc-strategy .widget-checkbox label {white-space: normal; height: auto; line-height: 1.3}"
    " .pmc-strategy .widget-checkbox {height: auto}</style>"
)


def _title(finding) -> str:
    """A finding's heading: the level in words, then its title ("Problem · Fluff: ...")."""
    if finding.level == "good":
        return escape(finding.title)
    return f"{LEVELS[finding.level][2]} · {escape(finding.title)}"


def part_html(part: PartCheck, actions: tuple[str, ...] = ()) -> str:
    """One part: its name, what was read, and each finding in words."""
    if part.part == "actions" and actions:
        shown = (
            "<ol style='margin:2px 0'>"
            + "".join(f"<li>{escape(a)}</li>" for a in actions)
            + "</ol>"
        )
    else:
        shown = f"<p style='margin:2px 0'>{escape(part.text) or '<em>empty</em>'}</p>"
    items = "".join(
        f"<li><span aria-hidden='true' style='color:{ink(LEVELS[f.level][1])};font-weight:bold'>"
        f"{LEVELS[f.level][0]}</span> <strong>{_title(f)}</strong>: {escape(f.message)}</li>"
        for f in part.findings
    )
    colour = LEVELS[part.status][1]
    body = (
        f"<p style='margin:2px 0'><strong>{escape(part.label)}</strong></p>{shown}"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    return html_block(body, colour)


def kernel_html(check: KernelCheck, note: str = "") -> str:
    """The headline (the hallmarks found) and one block per part."""
    if check.empty:
        return html_block(escape(check.headline), COLOURS["empty"])
    body = (
        f"<p role='status' aria-live='polite' style='margin:4px 0'><strong>"
        f"{escape(check.headline)}</strong>{note}</p>"
        + "".join(part_html(p, check.actions) for p in check.parts)
    )
    return f"<div style='line-height:1.4'>{body}</div>"


def summary_html(model: Constraints, messages: list[str]) -> str:
    """The headline, what the strategy frees itself from, what it plans around, and notes."""
    if not model.items:
        extra = "".join(f"<li>{escape(m)}</li>" for m in messages)
        body = escape(model.headline) + (f"<ul style='margin:2px 0'>{extra}</ul>" if extra else "")
        return html_block(body, COLOURS["empty"])

    def listing(items, empty: str) -> str:
        if not items:
            return f"<p style='margin:2px 0'><em>{escape(empty)}</em></p>"
        rows = "".join(
            f"<li>{escape(c.text)} <small>({escape(kind_name(c.kind))})</small></li>" for c in items
        )
        return f"<ul style='margin:2px 0;padding-left:1.2em'>{rows}</ul>"

    notes = "".join(f"<li>{escape(n)}</li>" for n in [*messages, *model.notes()])
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>"
        f"{escape(model.headline)}</strong></p>"
        "<p style='margin:6px 0 0'><strong>The strategy frees itself from</strong></p>"
        + listing(model.freed, "nothing yet: tick the constraints the vision must not inherit")
        + "<p style='margin:6px 0 0'><strong>Real constraints to plan around</strong></p>"
        + listing(model.kept, "none")
        + (
            f"<p style='margin:6px 0 0'><strong>Questions to ask</strong></p>"
            f"<ul style='margin:2px 0;padding-left:1.2em'>{notes}</ul>"
            if notes
            else ""
        )
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"
