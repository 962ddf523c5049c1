"""Colours used for text pass WCAG 2.2 AA contrast (1.4.3: 4.5:1) against white.

The Okabe-Ito colours stay for borders, chart markers and fills (words always carry the
meaning); any word or symbol drawn in one goes through ``parts.ink``, which darkens it to the
same hue at 4.5:1. The course's HTML text is not covered for JupyterLab's dark theme
(background #111111): one colour cannot reach 4.5:1 on both white and #111111 unless its
luminance lies between 0.20 and 0.18, which no colour does, and the HTML sets no background.

Charts are: they are drawn on a transparent background and turned over in a dark theme
(``charts.DARK_FILTER``), so every chart's text reads at 4.5:1 and every series (a line, a
bar, a point) at 3:1 (WCAG 1.4.11) on white as drawn and on #111111 as turned over
(``charts.on_dark``), checked on the figures of every chart the course draws.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_charts_numbers import CHARTS

import pm_course
from pm_course.ui import charts, parts
from pm_course.ui.charts import DARK_BACKGROUND, GRAPHIC_CONTRAST, PALETTE, on_dark

PACKAGE = Path(parts.__file__).resolve().parents[1]
#: A CSS text colour in the package's HTML: ``color:#555`` (not background-color, edgecolor).
LITERAL = re.compile(r"(?<![\w-])color:\s*(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3})\b")
#: A text colour filled in at run time: ``color:{...}`` in an f-string.
DYNAMIC = re.compile(r"(?<![\w-])color:\{([^}]*)\}")


def test_contrast_ratios_are_wcags():
    assert parts.contrast("#000000") == pytest.approx(21)
    assert parts.contrast("#ffffff") == pytest.approx(1)
    assert parts.contrast("#777777") == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert parts.contrast("#767676") == pytest.approx(4.54, abs=0.01)  # just passes
    assert parts.contrast("#0072B2", "#000") == pytest.approx(parts.contrast("#000", "#0072B2"))
    assert parts.luminance("#fff") == pytest.approx(1)


@pytest.mark.parametrize("colour", sorted({*parts.COLOURS.values(), *PALETTE, "#999999"}))
def test_ink_reads_at_aa_on_white_and_keeps_the_hue(colour):
    shade = parts.ink(colour)
    assert parts.contrast(shade) >= parts.TEXT_CONTRAST
    if parts.contrast(colour) >= parts.TEXT_CONTRAST:
        assert shade == colour.upper()
    else:  # the same hue, only darker: each channel scaled by one factor
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        ink = [int(shade[i : i + 2], 16) for i in (1, 3, 5)]
        scale = max(ink) / max(rgb)
        assert 0 < scale < 1
        assert all(abs(c * scale - i) <= 1 for c, i in zip(rgb, ink, strict=True))


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_literal_text_colour_passes():
    weak = [
        f"{path.relative_to(PACKAGE.parent)}: {m.group(1)} ({parts.contrast(m.group(1)):.2f}:1)"
        for path in sources()
        for m in LITERAL.finditer(path.read_text(encoding="utf-8"))
        if parts.contrast(m.group(1)) < parts.TEXT_CONTRAST
    ]
    assert not weak, "text colours under 4.5:1 on white:\n" + "\n".join(weak)


def test_every_text_colour_filled_in_goes_through_ink():
    found, bare = 0, []
    for path in sources():
        for m in DYNAMIC.finditer(path.read_text(encoding="utf-8")):
            found += 1
            if not m.group(1).startswith("ink("):
                bare.append(f"{path.relative_to(PACKAGE.parent)}: color:{{{m.group(1)}}}")
    assert found >= 8  # the marks, glyphs and symbols beside words
    assert not bare, "text colours not passed through parts.ink:\n" + "\n".join(bare)


def test_checked_part_marks_are_drawn_in_ink():
    for status in parts.MARKS:
        html = parts.verdict_html(status, "part", "verdict", ["a message"])
        colours = LITERAL.findall(html)
        assert colours
        assert all(parts.contrast(c) >= parts.TEXT_CONTRAST for c in colours), html


# --- charts in both themes -----------------------------------------------------------------


def test_on_dark_is_the_css_filter():
    """``invert(1) hue-rotate(180deg)``: black and white swap, greys stay grey, hues stay."""
    assert on_dark("#000000") == "#FFFFFF"
    assert on_dark("#ffffff") == "#000000"
    assert on_dark("#555555") == "#AAAAAA"
    r, g, b = (int(on_dark("#0072B2")[i : i + 2], 16) for i in (1, 3, 5))
    assert b > g > r  # blue stays blue (lighter)
    r, g, b = (int(on_dark(PALETTE[5])[i : i + 2], 16) for i in (1, 3, 5))
    assert r > g > b  # vermillion stays a red-orange
    assert charts.DARK_FILTER in charts.THEME_CSS
    assert "data-jp-theme-light='false'" in charts.THEME_CSS


#: The palette's colours charts draw series in (the sky blue and yellow only tint bands).
SERIES = [PALETTE[i] for i in (0, 1, 2, 3, 5, 7)]


@pytest.mark.parametrize("colour", SERIES)
def test_series_colours_read_at_3_to_1_in_both_themes(colour):
    assert parts.contrast(colour) >= GRAPHIC_CONTRAST
    assert parts.contrast(on_dark(colour), DARK_BACKGROUND) >= GRAPHIC_CONTRAST


def drawn_figures(monkeypatch) -> dict[str, list]:
    """The figures every chart entry draws (charts stay stubbed: built, not rasterised)."""
    figures: dict[str, list] = {}
    current: list = []
    real = charts.png
    monkeypatch.setattr(charts, "png", lambda fig: current.append(fig) or real(fig))
    for entry in CHARTS:
        current.clear()
        getattr(pm_course, entry)()
        figures[entry] = list(dict.fromkeys(current))
    return figures


def weak_in_a_theme(colour, least: float) -> str | None:
    """Why ``colour`` fails ``least`` on white or (turned over) on the dark background."""
    from matplotlib.colors import to_hex

    shade = to_hex(colour).upper()
    light, dark = parts.contrast(shade), parts.contrast(on_dark(shade), DARK_BACKGROUND)
    if min(light, dark) >= least:
        return None
    return f"{shade}: {light:.2f}:1 on white, {dark:.2f}:1 on {DARK_BACKGROUND} ({on_dark(shade)})"


def test_every_chart_reads_in_both_themes(store, monkeypatch):
    """Every text at 4.5:1; every series (a line in the legend or with markers, a scatter
    point, a bar, by its fill or its outline) at 3:1; faint fills and guides (alpha under
    0.5, grid lines) are decoration and not counted."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_rgba
    from matplotlib.container import BarContainer
    from matplotlib.text import Text

    weak = []
    for entry, figures in drawn_figures(monkeypatch).items():
        assert figures, f"{entry} drew no figure"
        for fig in figures:
            for text in fig.findobj(Text):
                if text.get_visible() and text.get_text().strip():
                    why = weak_in_a_theme(text.get_color(), parts.TEXT_CONTRAST)
                    if why:
                        weak.append(f"{entry}: text {text.get_text()[:30]!r} {why}")
            for ax in fig.axes:
                for line in ax.get_lines():
                    named = not line.get_label().startswith("_")
                    marked = line.get_marker() not in (None, "None", "", " ")
                    if (line.get_alpha() or 1) >= 0.5 and (named or marked):
                        why = weak_in_a_theme(line.get_color(), GRAPHIC_CONTRAST)
                        if why:
                            weak.append(f"{entry}: line {line.get_label()[:30]!r} {why}")
                for series in ax.collections:
                    if isinstance(series, PathCollection):
                        for colour in series.get_facecolor():
                            why = weak_in_a_theme(colour, GRAPHIC_CONTRAST)
                            if why:
                                weak.append(f"{entry}: points {series.get_label()!r} {why}")
                for bars in ax.containers:
                    if not isinstance(bars, BarContainer):
                        continue
                    for bar in bars.patches:
                        fill = weak_in_a_theme(bar.get_facecolor(), GRAPHIC_CONTRAST)
                        edge = (
                            weak_in_a_theme(bar.get_edgecolor(), GRAPHIC_CONTRAST)
                            if bar.get_linewidth() >= 1 and to_rgba(bar.get_edgecolor())[3]
                            else "no outline"
                        )
                        if fill and edge:
                            weak.append(f"{entry}: bar {bars.get_label()!r} {fill}")
    assert not weak, "chart colours too faint in a theme:\n" + "\n".join(sorted(set(weak)))
