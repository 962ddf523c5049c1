"""Reading a chart's HTML in tests: its alt text and its inline PNG (``ui.charts.img_html``)."""

from __future__ import annotations

import re
from html import unescape


def alt_of(markup: str) -> str:
    """The alt text of the one <img> in a chart's HTML (the first, if there are more)."""
    match = re.search(r"alt='([^']*)'", markup)
    assert match, "the chart has no alt text"
    return unescape(match.group(1))


def alts_of(markup: str) -> list[str]:
    """The alt texts of every <img> in the HTML."""
    found = re.findall(r"alt='([^']*)'", markup)
    assert found, "the chart has no alt text"
    return [unescape(a) for a in found]


def png_of(markup: str) -> str:
    """The base64 PNG data of the one <img> in a chart's HTML."""
    match = re.search(r"src='data:image/png;base64,([^']+)'", markup)
    assert match, "the chart has no inline PNG"
    return match.group(1)
