"""Pieces every view shares: colours, the frame, bordered blocks, the guard that turns a fault
into a message, text fallbacks, status lines and checked-part verdicts. (Text boxes saved as a
note, with the learner's own text kept aside while an example shows:
:mod:`pm_course.ui.note_view`.)

For views only: pure modules must not import it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

from ..course.store import Store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # faults show in the widget; logging is opt-in

#: Okabe-Ito colours (safe for colour-blind readers); words always carry the meaning.
COLOURS = {
    "correct": "#009E73",
    "saved": "#009E73",
    "recorded": "#0072B2",
    "revealed": "#0072B2",
    "partial": "#E69F00",
    "incorrect": "#D55E00",
    "invalid": "#CC79A7",
    "empty": "#999999",
}


#: WCAG 2.2 AA: the least contrast ratio for text (1.4.3).
TEXT_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """The WCAG relative luminance of a ``#rrggbb`` (or ``#rgb``) colour, 0 (black) to 1."""
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    channels = [int(hexes[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two colours (1 to 21), by default against white."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@functools.cache
def ink(colour: str) -> str:
    """``colour`` for text: itself if it reads at 4.5:1 on white, else the same hue darkened
    until it does (the Okabe-Ito orange #E69F00 becomes a brown). Borders, chart markers and
    glyphs beside words keep the bright colour; a word or symbol drawn in it uses ``ink``."""
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    rgb = [int(hexes[i : i + 2], 16) for i in (0, 2, 4)]
    scale = 1.0
    shade = f"#{hexes.upper()}"
    while contrast(shade) < TEXT_CONTRAST:
        scale -= 0.01
        shade = "#" + "".join(f"{round(c * scale):02X}" for c in rgb)
    return shade


#: The frame every view sits in (a model, a question, the flashcards ...): ``W.Layout(**FRAME)``.
FRAME = {"border": "1px solid #ccc", "padding": "8px", "margin": "8px 0"}


def html_block(body: str, colour: str = "#0072B2") -> str:
    """A bordered block of HTML, as feedback, hints and warnings use."""
    return f"<div style='border-left:4px solid {colour};padding:2px 10px;margin:4px 0'>{body}</div>"


def live(html: str) -> str:
    """``html`` in a polite live region: a screen reader reads it out when it appears or
    changes, after what it is saying now ('' stays '', so an empty area announces nothing)."""
    return f"<div role='status' aria-live='polite'>{html}</div>" if html else ""


def warnings_html(store: Store) -> str:
    """The store's warnings as a visible block, or nothing."""
    if not store.warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in store.warnings)
    return html_block(f"<strong>⚠ Progress warning</strong><ul>{items}</ul>", "#E69F00")


def safe(handler: Callable) -> Callable:
    """Wrap a callback so a fault shows as a message in the view, never as a traceback."""

    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except Exception as exc:  # a learner must never see a traceback
            log.exception("pm_course: %s failed", handler.__name__)
            self.status.value = live(
                html_block(
                    f"<strong>Something went wrong</strong>: "
                    f"{escape(str(exc) or type(exc).__name__)}. "
                    "Nothing you entered is lost; try again.",
                    COLOURS["invalid"],
                )
            )

    return wrapper


class TextFallback:
    """Mixin: a widget that also shows as plain text and Markdown (what nbval compares)."""

    def _text_plain(self) -> str:
        raise NotImplementedError

    def _text_markdown(self) -> str:
        return self._text_plain()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self._text_plain()
        bundle["text/markdown"] = self._text_markdown()
        return bundle

    def __repr__(self) -> str:
        return self._text_plain()


@contextmanager
def quietly(view) -> Iterator[None]:
    """Set ``view._quiet`` while widgets are set from code, so their observers stand aside."""
    view._quiet = True
    try:
        yield
    finally:
        view._quiet = False


#: A checked part's status -> (symbol, colour): the words always say the same.
MARKS = {
    "ok": ("✓", COLOURS["correct"]),
    "improve": ("✎", COLOURS["partial"]),
    "missing": ("✗", COLOURS["incorrect"]),
}


def verdict_html(status: str, label: str, verdict: str, messages, extra: str = "") -> str:
    """One checked part as a list item: its mark, label, verdict and feedback (then ``extra``,
    already HTML)."""
    symbol, colour = MARKS[status]
    return (
        f"<li><span aria-hidden='true' style='color:{ink(colour)};font-weight:bold'>"
        f"{symbol}</span> "
        f"<strong>{escape(label.capitalize())}</strong> ({escape(verdict)}): "
        f"{escape(' '.join(messages))}{extra}</li>"
    )


def status_html(text: str, kind: str) -> str:
    """A one-line status message (``text`` escaped) in the colour for ``kind``, read out by a
    screen reader when it appears."""
    return live(f"<div style='line-height:1.4'>{html_block(escape(text), COLOURS[kind])}</div>")


def saved_note(kept: bool, noun: str) -> str:
    """What follows a check's headline: saved for next time, or kept for this session only."""
    if kept:
        return f" <small>Saved: run this cell again and your {noun} comes back.</small>"
    return " <small>Kept for this session only (see the warning below).</small>"


def lines_plain(lines: list[str], note: str) -> str:
    """Plain text: the lines, a blank line and the note."""
    return "\n".join([*lines, "", note])


def lines_markdown(lines: list[str], note: str) -> str:
    """Markdown: the lines with hard breaks, then the note in italics."""
    return "\n\n".join(["  \n".join(lines), f"_{note}_"])


@dataclass(frozen=True)
class Lines:
    """Lines of text as a view's ``describe()``: ``.text`` one per line, ``.markdown`` with hard
    breaks (so a :class:`~pm_course.ui.model_view.ModelView` shows what :class:`LinesText`
    shows)."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def markdown(self) -> str:
        return "  \n".join(self.lines)


@dataclass(frozen=True)
class Titled:
    """A model in words under a title, as a view's ``describe()``: ``.text`` the title line and
    then the lines, ``.markdown`` the title in bold and the lines as a list."""

    title: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.lines])

    @property
    def markdown(self) -> str:
        return "\n".join([f"**{self.title}**", "", *(f"- {x}" for x in self.lines)])


def summary_html(lines: list[str], extra: str = "") -> str:
    """A summary: the first line (the settings) small, the second (the headline) bold and
    announced when it changes, the rest as a list, then ``extra`` (already HTML)."""
    first, headline, *rest = lines
    items = "".join(f"<li>{escape(x)}</li>" for x in rest)
    body = (
        f"<p style='margin:2px 0'><small>{escape(first)}</small></p>"
        f"<p role='status' aria-live='polite' style='margin:2px 0'>"
        f"<strong>{escape(headline)}</strong></p>"
        + (f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>" if items else "")
        + extra
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def quadrant_series(ax, styles: dict, titles: dict[str, str]) -> dict:
    """One empty scatter series per quadrant of a 2x2 grid, for a live chart to move
    (``set_offsets``): ``styles`` maps a quadrant key to (colour, marker, glyph) and ``titles``
    maps it to the series' label. Returns the series by quadrant key."""
    return {
        key: ax.scatter(
            [],
            [],
            s=110,
            marker=marker,
            color=colour,
            edgecolors="black",
            linewidths=0.7,
            label=titles[key],
            zorder=3,
        )
        for key, (colour, marker, _) in styles.items()
    }
