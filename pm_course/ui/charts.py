"""Charts: matplotlib figures rendered to PNG with alt text. matplotlib loads only here.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot, no GUI backend), so drawing
never depends on the notebook's backend and nothing is left open.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..course.summary import SectionProgress

#: Okabe-Ito palette: distinguishable with the common colour-vision deficiencies. The orange
#: is Okabe-Ito's #E69F00 darkened to the same hue at 3:1 on white (WCAG 1.4.11, for a line or
#: a bar), as the blue, green, purple and vermillion already are; turned over for a dark theme
#: (``on_dark``) each of those reads at 3:1 on JupyterLab's dark background too.
PALETTE = ("#0072B2", "#BD8200", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: The least contrast of a chart's lines, markers and bars with the background (WCAG 1.4.11).
GRAPHIC_CONTRAST = 3.0

#: A chart is dark ink on a transparent background. In JupyterLab's dark themes (``<body
#: data-jp-theme-light='false'>``) the page turns its pixels over: ``invert`` makes the ink
#: light and the colours their opposites, ``hue-rotate`` turns the hues back, so blue stays
#: blue and orange orange, only lighter where they were dark. Nothing is drawn twice and the
#: kernel never needs to know the theme; the rule below comes with every chart.
DARK_FILTER = "invert(1) hue-rotate(180deg)"
THEME_CSS = (
    "<style>body[data-jp-theme-light='false'] img.pmc-chart{filter:" + DARK_FILTER + "}</style>"
)
#: JupyterLab's dark background (``--jp-layout-color0`` of "JupyterLab Dark").
DARK_BACKGROUND = "#111111"
#: CSS ``hue-rotate(180deg)`` as the Filter Effects spec defines it (rows: red, green, blue).
_HUE_ROTATE_180 = (
    (-0.574, 1.430, 0.144),
    (0.426, 0.430, 0.144),
    (0.426, 1.430, -0.856),
)


def on_dark(colour: str) -> str:
    """The colour ``#rrggbb`` turns into in a dark theme (``DARK_FILTER``), as ``#RRGGBB``."""
    inverted = [1 - int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    turned = (sum(m * c for m, c in zip(row, inverted, strict=True)) for row in _HUE_ROTATE_180)
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in turned)


#: When True, charts are not rasterised: ``png`` returns a 1x1 image (unit tests set this; the
#: figure is still built and updated, so drawing code still runs).
STUB = False
_ONE_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes, on a transparent background (the page's own shows through, in
    any theme), at a fast zlib level: the picture is redrawn on every change."""
    if STUB:
        return _ONE_PIXEL
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", transparent=True, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def figure_png(draw: Callable[[Axes], None], size: tuple[float, float] = (7, 3.5)) -> bytes:
    """Draw on one fresh axes with ``draw(ax)`` and return the figure as PNG bytes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100, layout="constrained")
    draw(fig.add_subplot())
    return png(fig)


#: The most keys a live chart remembers as fitting its layout (see ``LiveChart.fit``).
FIT_KEYS_KEPT = 64
_DIGIT = re.compile(r"\d")


def tick_labels(axis: Any) -> tuple[str, ...]:
    """The tick labels an axis shows now (with ``text_shape``, a ``fit`` key)."""
    return tuple(t.get_text() for t in axis.get_majorticklabels())


def text_shape(text: str) -> str:
    """The text with every digit made 0: in the charts' font (DejaVu Sans) all digits are
    equally wide, so texts of one shape are one width (a ``fit`` key for a changing label)."""
    return _DIGIT.sub("0", text)


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
        #: The keys (see ``fit``) measured since the last layout whose labels fit in it.
        self._fitting_keys: set[object] = set()
        self._fixed: tuple[object, list[Box]] | None = None  # see fixed_boxes

    def relayout(self) -> None:
        """Work the layout out again on the next picture (after labels change size), starting
        where a new figure starts, so the picture is the one a new figure would give."""
        self.figure.set_layout_engine("constrained")
        spec = self.ax.get_subplotspec()
        if spec is not None:
            self.ax.set_subplotspec(spec)
        self._laid_out = False
        self._fitting_keys.clear()  # measured against the old layout

    def fit(self, key: object = None) -> None:
        """Before a picture: work the layout out again if what sits around the axes (tick
        labels, a legend, a label beside a point) now reaches further than the layout made
        room for. A chart that calls it never clips a label; its layout stays put otherwise
        (costs a measurement, and a new layout only when a label grows). ``key``, if given,
        is all that decides the room (the tick labels, say): a key measured once since the
        layout was last worked out is not measured again (a slider moved to and fro between
        two scales costs no measuring)."""
        if STUB:
            return
        self._fitting = True
        if not self._laid_out:
            return  # the next picture works the layout out, and measures its room
        if key is not None and key in self._fitting_keys:
            return
        room = self._measure()
        if self._room is None:
            self._room = room
        elif any(now > then for now, then in zip(room, self._room, strict=True)):
            self.relayout()
            return
        if key is not None:
            if len(self._fitting_keys) >= FIT_KEYS_KEPT:
                self._fitting_keys.clear()
            self._fitting_keys.add(key)

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

    def settle(self) -> None:
        """Work the layout out now if the next picture would, so that where things sit in
        pixels is where the picture will show them (before placing labels by what they
        would cover: ``place_label``)."""
        if STUB or self._laid_out:
            return
        self.figure.draw_without_rendering()  # runs the layout engine, paints nothing
        freeze_layout(self.figure)
        self._laid_out = True
        if self._fitting:
            self._room = self._measure()

    def fixed_boxes(self) -> list[Box]:
        """The boxes of the texts on the axes and of its legend, measured once per layout:
        for a chart whose labels come and go (removed before this is asked) while these
        stay."""
        renderer = self.renderer()
        key = (tuple(self.ax.get_window_extent(renderer).extents), len(self.ax.texts))
        if self._fixed is None or self._fixed[0] != key:
            boxes = [Box.of(t.get_window_extent(renderer)) for t in self.ax.texts]
            legend = self.ax.get_legend()
            if legend is not None:
                boxes.append(Box.of(legend.get_window_extent(renderer)))
            self._fixed = (key, boxes)
        return self._fixed[1]

    def renderer(self) -> Any:
        """The renderer the pictures are drawn with (and text is measured with)."""
        return self.figure.canvas.get_renderer()  # type: ignore[attr-defined]

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


#: Where a label can sit beside its point: (dx, dy) in points, horizontal and vertical
#: alignment. ``place_label`` tries them in the order given.
BESIDE: dict[str, tuple[float, float, str, str]] = {
    "right": (9, 0, "left", "center"),
    "left": (-9, 0, "right", "center"),
    "above": (0, 8, "center", "bottom"),
    "below": (0, -8, "center", "top"),
    "above right": (6, 6, "left", "bottom"),
    "below right": (6, -6, "left", "top"),
    "above left": (-6, 6, "right", "bottom"),
    "below left": (-6, -6, "right", "top"),
}
#: Room kept clear around a label, in pixels.
_CLEAR = 2


class Box(NamedTuple):
    """A rectangle in pixels (plain floats: placing labels measures many)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, bbox: Any) -> Box:
        """A matplotlib ``Bbox`` as a Box."""
        return cls(bbox.x0, bbox.y0, bbox.x1, bbox.y1)

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)

    def shared(self, other: Box) -> float:
        """The area this box and ``other`` share."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


#: What a label pays for covering an obstacle: a box (a text, a point) more than a line, and
#: leaving the axes most (per pixel of area outside); 0 is a clear spot.
_TEXT_COST, _LINE_COST, _OUTSIDE_COST = 1000.0, 500.0, 10.0


def _covered(box: Box, obstacle: Any) -> float:
    """What covering ``obstacle`` costs ``box``: for a box, ``_TEXT_COST`` and the area they
    share; for a line (``Line2D``) that crosses it, ``_LINE_COST``; else 0."""
    if isinstance(obstacle, Box):
        shared = box.shared(obstacle)
        return _TEXT_COST + shared if shared else 0.0
    from matplotlib.transforms import Bbox

    if not obstacle.get_visible():
        return 0.0
    path = obstacle.get_transform().transform_path(obstacle.get_path())
    return _LINE_COST if path.intersects_bbox(Bbox.from_extents(*box), filled=False) else 0.0


def place_label(
    chart: LiveChart, label: Any, spots: Iterable[str | tuple[float, float, str, str]], avoid: list
) -> Box:
    """Put ``label`` (an annotation of a point in data coordinates, offset in points from it)
    at the first of ``spots`` (names in ``BESIDE``, or their tuples) where it stays inside the
    axes and covers nothing in ``avoid`` (``Box``es, or lines); if every spot covers
    something, where it costs least (a line rather than a text, a small overlap rather than
    a large one). Returns the box it takes, for the next label to avoid.
    Call ``chart.settle()`` first. The text is measured once: each spot's box is that box
    moved."""
    renderer = chart.renderer()
    frame = Box.of(chart.ax.get_window_extent(renderer))
    size = label.get_window_extent(renderer)
    width, height = size.width, size.height
    x, y = chart.ax.transData.transform(label.xy)  # the point, in pixels
    scale = chart.figure.dpi / 72
    best: tuple[float, tuple[float, float, str, str], Box] | None = None
    for spot in spots:
        dx, dy, ha, va = BESIDE[spot] if isinstance(spot, str) else spot
        left = x + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha] - _CLEAR
        bottom = y + dy * scale - {"bottom": 0, "center": height / 2, "top": height}[va] - _CLEAR
        box = Box(left, bottom, left + width + 2 * _CLEAR, bottom + height + 2 * _CLEAR)
        cost = (box.area - box.shared(frame)) * _OUTSIDE_COST
        for obstacle in avoid:
            cost += _covered(box, obstacle)
        if best is None or cost < best[0]:
            best = (cost, (dx, dy, ha, va), box)
        if cost == 0:
            break
    assert best is not None, "place_label: no spots"
    _, (dx, dy, ha, va), box = best
    label.xyann = (dx, dy)
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)
    return box


def marker_boxes(chart: LiveChart) -> list[Box]:
    """A box around every point of every scatter series on the chart's axes."""
    from matplotlib.collections import PathCollection

    boxes = []
    for series in chart.ax.collections:
        if not isinstance(series, PathCollection) or not series.get_visible():
            continue
        sizes = series.get_sizes()
        radius = (float(sizes.max()) ** 0.5 / 2 if len(sizes) else 3) * chart.figure.dpi / 72
        for x, y in series.get_offset_transform().transform(series.get_offsets()):
            if x == x and y == y:  # not NaN (an empty series holds one NaN point)
                boxes.append(Box(x - radius, y - radius, x + radius, y + radius))
    return boxes


def label_points(
    chart: LiveChart, points: Iterable[tuple[float, float, str, bool]], **style: Any
) -> list:
    """A label beside each point ``(x, y, text, right)``, each where it covers no other
    label, no point, no line, no text already on the axes and no legend, and stays inside
    the axes (to the right of its point first if ``right``, else to the left; then above,
    below and the corners). Returns the labels (annotations), for the next redraw to remove them
    first."""
    chart.settle()
    lines = [line for line in chart.ax.get_lines() if line.get_visible()]
    avoid: list = [*marker_boxes(chart), *chart.fixed_boxes(), *lines]
    made = []
    for x, y, text, right in points:
        label = chart.ax.annotate(text, (x, y), xytext=(9, 0), textcoords="offset points", **style)
        first, second = ("right", "left") if right else ("left", "right")
        spots = [first, second, *(k for k in BESIDE if k not in (first, second))]
        avoid.append(place_label(chart, label, spots, avoid))
        made.append(label)
    return made


def freeze_layout(fig: Figure) -> None:
    """Keep the axes where they are now and drop the figure's layout engine: with any engine,
    even matplotlib's "none" placeholder, every save draws the figure twice."""
    import matplotlib as mpl

    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)


#: The least width a chart shrinks to in a narrow window (its text stays readable); an output
#: narrower still scrolls the chart sideways, as one area (its box, which never widens what
#: holds it: ``contain:inline-size``).
MIN_WIDTH = "21rem"


def img_html(png: bytes, alt: str) -> str:
    """An ``<img>`` with the PNG inline (no file, no network) and its alt text, and the rule
    that turns it over in a dark theme (``THEME_CSS``). It shrinks with the window down to
    ``MIN_WIDTH`` (or its own width, if smaller), and never grows past its own width."""
    data = base64.b64encode(png).decode("ascii")
    width = int.from_bytes(png[16:20], "big")  # the PNG's IHDR chunk: width, in pixels
    return (
        f"{THEME_CSS}<div style='overflow-x:auto;contain:inline-size'>"
        f"<img class='pmc-chart' src='data:image/png;base64,{data}' "
        f"alt='{escape(alt, quote=True)}' "
        f"style='width:{width}px;max-width:100%;min-width:min({width}px,{MIN_WIDTH});"
        f"height:auto;display:block'></div>"
    )


#: A table of numbers: small, compact, wrapping in a narrow window.
_TABLE = "border-collapse:collapse;font-size:0.9em;margin:4px 0;max-width:100%"
_TH = "text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid #767676"
_TD = "text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid rgba(128,128,128,0.3)"
_NUM = "text-align:right;padding:2px 12px 2px 0;border-bottom:1px solid rgba(128,128,128,0.3)"


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


def progress_label(row: SectionProgress) -> str:
    """What the progress chart writes beside a section: how much is done and the score, or
    that it is not started (once, not a "0%" for each bar)."""
    if not row.done:
        return "not started"
    done = f"{row.done} of {row.total} done"
    return f"{done}, score {row.percent_score:.0f}%" if row.graded else done


#: The progress chart's height per section and around the bars (inches).
PROGRESS_ROW = 0.36
PROGRESS_MARGIN = 0.9


def progress_chart(rows: list[SectionProgress]) -> bytes:
    """Horizontal bars, two per section: the share done and the score, on an axis that ends
    at 100%; one label per section to the right of the axis."""
    return figure_png(
        lambda ax: draw_progress(ax, rows),
        size=(7, PROGRESS_ROW * len(rows) + PROGRESS_MARGIN),
    )


def draw_progress(ax: Axes, rows: list[SectionProgress]) -> None:
    """The progress chart on ``ax`` (``progress_chart`` gives it a figure of its height)."""
    from matplotlib.transforms import blended_transform_factory

    shown = rows[::-1]
    y = range(len(shown))
    done = [r.percent_done for r in shown]
    score = [r.percent_score if r.graded else 0.0 for r in shown]
    ax.barh([i + 0.19 for i in y], done, height=0.36, color=PALETTE[0], label="Done")
    ax.barh(
        [i - 0.19 for i in y],
        score,
        height=0.36,
        color=PALETTE[1],
        label="Score",
        hatch="//",
        edgecolor="white",
    )
    beside = blended_transform_factory(ax.transAxes, ax.transData)
    for i, r in enumerate(shown):
        ax.text(1.02, i, progress_label(r), transform=beside, va="center", fontsize=8)
    ax.set_yticks(list(y), [r.title for r in shown], fontsize=9)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25), [f"{x}%" for x in range(0, 101, 25)], fontsize=8)
    ax.figure.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
