"""Colours used for text pass WCAG 2.2 AA contrast (1.4.3: 4.5:1) against white.

The Okabe-Ito colours stay for borders, chart markers and fills (words always carry the
meaning); any word or symbol drawn in one goes through ``parts.ink``, which darkens it to the
same hue at 4.5:1. JupyterLab's dark theme (background #111111) is not covered: one colour
cannot reach 4.5:1 on both white and #111111 unless its luminance lies between 0.20 and 0.18,
which no colour does, and the course's HTML sets no background of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pm_course.ui import parts
from pm_course.ui.charts import PALETTE

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
