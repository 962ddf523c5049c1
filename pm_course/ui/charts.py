"""Charts: matplotlib figures rendered to PNG with alt text. matplotlib loads only here.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot, no GUI backend), so drawing
never depends on the notebook's backend and nothing is left open.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..course.summary import SectionProgress

#: Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


#: When True, charts are not rasterised: ``png`` returns a 1x1 image (unit tests set this; the
#: figure is still built and updated, so drawing code still runs).
STUB = False
_ONE_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (fast zlib level: the picture is redrawn on every change)."""
    if STUB:
        return _ONE_PIXEL
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def figure_png(draw: Callable[[Axes], None], size: tuple[float, float] = (7, 3.5)) -> bytes:
    """Draw on one fresh axes with ``draw(ax)`` and return the figure as PNG bytes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100, layout="constrained")
    draw(fig.add_subplot())
    return png(fig)


class LiveChart:
    """A figure made once and updated in place, for a chart that follows a slider.

    ``setup(ax)`` draws what never changes (axes, labels, guides) and returns the artists that
    do; each redraw changes those artists (``set_data``, ``set_text``, ...) and calls
    :meth:`html`. The layout is worked out on the first picture and then kept, so a redraw
    costs one rasterisation and nothing else.
    """

    def __init__(self, setup: Callable[[Axes], Any], size: tuple[float, float] = (7, 3.5)):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=size, dpi=100, layout="constrained")
        # A canvas of its own: every picture reuses one renderer and its cache of text sizes.
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self.artists = setup(self.ax)
        self._laid_out = False
        self._drawn: list[Any] = []
        self._fitting = False  # fit() was asked for: the room of each layout is measured
        self._room: tuple[int, ...] | None = None  # the room the last layout gave
        self._fit_key: object = None  # what decided the room when it was last measured

    def relayout(self) -> None:
        """Work the layout out again on the next picture (after labels change size), starting
        where a new figure starts, so the picture is the one a new figure would give."""
        self.figure.set_layout_engine("constrained")
        spec = self.ax.get_subplotspec()
        if spec is not None:
            self.ax.set_subplotspec(spec)
        self._laid_out = False

    def fit(self, key: object = None) -> None:
        """Before a picture: work the layout out again if what sits around the axes (tick
        labels, a legend, a label beside a point) now reaches further than the layout made
        room for. A chart that calls it never clips a label; its layout stays put otherwise
        (costs a measurement, and a new layout only when a label grows). ``key``, if given,
        is all that decides the room (the tick labels, say): while it stays the same, nothing
        is measured."""
        if STUB:
            return
        self._fitting = True
        if not self._laid_out:
            return  # the next picture works the layout out, and measures its room
        if key is not None and key == self._fit_key:
            return
        self._fit_key = key
        room = self._measure()
        if self._room is None:
            self._room = room
        elif any(now > then for now, then in zip(room, self._room, strict=True)):
            self.relayout()

    def _measure(self) -> tuple[int, ...]:
        """How far what the axes draw reaches beyond them (left, below, right, above), in
        whole pixels."""
        renderer = self.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        outer = self.ax.get_tightbbox(renderer, for_layout_only=True)
        inner = self.ax.get_window_extent(renderer)
        if outer is None:  # nothing drawn
            return (0, 0, 0, 0)
        return (
            round(inner.x0 - outer.x0),
            round(inner.y0 - outer.y0),
            round(outer.x1 - inner.x1),
            round(outer.y1 - inner.y1),
        )

    def png(self) -> bytes:
        """The chart now, as PNG bytes."""
        data = png(self.figure)
        if not self._laid_out and not STUB:
            freeze_layout(self.figure)  # keep the layout just computed
            self._laid_out = True
            if self._fitting:
                self._room = self._measure()
        return data

    def redraw(self, draw: Callable[[Axes], None]) -> None:
        """Take away what the last ``redraw`` put on the axes and draw again with ``draw(ax)``.

        For artists that come and go with the settings (labels, markers, a legend whose
        entries change): ``setup`` draws what stays, ``redraw`` what changes. The figure, the
        axes and the layout are kept, so this costs little more than updating in place.
        """
        for artist in self._drawn:
            artist.remove()
        before = set(self.ax.get_children())
        draw(self.ax)
        self._drawn = [a for a in self.ax.get_children() if a not in before]

    def html(self, alt: str) -> str:
        """The chart now, as an ``<img>`` with ``alt`` text."""
        return img_html(self.png(), alt)


def freeze_layout(fig: Figure) -> None:
    """Keep the axes where they are now and drop the figure's layout engine: with any engine,
    even matplotlib's "none" placeholder, every save draws the figure twice."""
    import matplotlib as mpl

    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)


def img_html(png: bytes, alt: str) -> str:
    """An ``<img>`` with the PNG inline (no file, no network) and its alt text."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f"<img src='data:image/png;base64,{data}' alt='{escape(alt, quote=True)}' "
        f"style='max-width:100%;height:auto'>"
    )


#: A table of numbers: small, compact, wrapping in a narrow window.
_TABLE = "border-collapse:collapse;font-size:0.9em;margin:4px 0;max-width:100%"
_TH = "text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid #767676"
_TD = "text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid #e4e4e4"
_NUM = "text-align:right;padding:2px 12px 2px 0;border-bottom:1px solid #e4e4e4"


def numbers_html(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A chart's numbers as a table behind "Show the numbers" (``<details>``), for whoever
    cannot see the picture or tell its colours apart. Build it from the same model data as
    the chart's alt text. Numbers (int, float) are right-aligned; everything is escaped."""

    def cell(value: object) -> str:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return f"<td style='{_NUM if number else _TD}'>{escape(str(value))}</td>"

    head = "".join(f"<th scope='col' style='{_TH}'>{escape(h)}</th>" for h in header)
    body = "".join(f"<tr>{''.join(cell(v) for v in row)}</tr>" for row in rows)
    return (
        "<details style='margin:2px 0'><summary>Show the numbers</summary>"
        f"<table style='{_TABLE}'><caption style='text-align:left'>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def numbers_in_table_html(where: str = "below") -> str:
    """For a chart whose numbers the view already shows in full in a table right ``where``
    ("below" or "above") it: says so, instead of a second copy of the table."""
    return (
        f"<p style='margin:2px 0'><small>The numbers behind this chart are in the table "
        f"{escape(where)}.</small></p>"
    )


def progress_numbers(rows: list[SectionProgress]) -> str:
    """The progress chart's numbers (what ``progress_alt`` says, as a table)."""
    return numbers_html(
        "Progress by section",
        ("Section", "Questions done", "Done (%)", "Score (%)"),
        (
            (r.title, f"{r.done} of {r.total}", round(r.percent_done), round(r.percent_score))
            for r in rows
        ),
    )


def progress_alt(rows: list[SectionProgress]) -> str:
    """Alt text of the progress chart: the same facts in one sentence per section."""
    parts = [f"{r.title}: {r.done} of {r.total} done" for r in rows]
    return "Bar chart of progress by section. " + "; ".join(parts) + "."


def progress_chart(rows: list[SectionProgress]) -> bytes:
    """Horizontal bars: share done and score per section."""

    def draw(ax: Axes) -> None:
        labels = [r.title for r in rows][::-1]
        done = [r.percent_done for r in rows][::-1]
        score = [r.percent_score for r in rows][::-1]
        y = range(len(rows))
        ax.barh([i + 0.2 for i in y], done, height=0.4, color=PALETTE[0], label="Done")
        ax.barh(
            [i - 0.2 for i in y],
            score,
            height=0.4,
            color=PALETTE[1],
            label="Score",
            hatch="//",
            edgecolor="white",
        )
        for i, (d, sc) in enumerate(zip(done, score, strict=True)):
            ax.text(d + 1, i + 0.2, f"{d:.0f}% done", va="center", fontsize=8)
            ax.text(sc + 1, i - 0.2, f"{sc:.0f}% score", va="center", fontsize=8)
        ax.set_yticks(list(y), labels)
        ax.set_xlim(0, 115)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel("percent of the section")
        ax.figure.legend(loc="outside lower center", ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)

    return figure_png(draw, size=(7, 0.6 * len(rows) + 1.4))
