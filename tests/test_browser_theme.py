"""Charts follow JupyterLab's theme: in "JupyterLab Dark" a chart is no bright white panel.

For the value map (01), the A/B test simulator (03) and the progress chart (00): run the
notebook in the light theme, switch to "JupyterLab Dark" with Settings > Theme, as a learner
would, and look at the chart's pixels in both themes (a screenshot of the chart itself):

- light: the chart is light (mean luminance near white) with dark ink;
- dark: the chart's mean luminance is far below white (the page's dark background shows
  through) and its ink is light: the lightest pixels read at 4.5:1 or more on the darkest;
- in both: the chart keeps its alt text and its "Show the numbers" (or "the numbers are in
  the table") line.

Screenshots (look at them): ``test-artifacts/screenshots/theme-<notebook>-light.png`` and
``-dark.png`` (the notebook), ``theme-<notebook>-chart-light.png`` and ``-dark.png`` (the
chart). The theme is set back to light at the end, whatever happens: the server is shared.

Run: ``.venv/bin/python -m pytest tests/test_browser_theme.py -m browser -q -p no:nbval``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"
#: notebook -> the text of the output whose chart is looked at.
CASES = {
    "00_start_here.ipynb": "Your progress",
    "01_what_is_product_management.ipynb": "Value map",
    "03_an_experimental_process.ipynb": "A/B test simulator",
}
THEME_MS = 20_000


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def choose_theme(lab: support.LabPage, name: str) -> None:
    """Settings > Theme > ``name``; wait until the page and its charts have taken it."""
    lab.page.keyboard.press("Escape")
    lab.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Settings$")).click()
    submenu = lab.page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Theme$"))
    expect(submenu).to_be_visible(timeout=5_000)
    submenu.hover()
    item = lab.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(name)}$"))
    expect(item).to_be_visible(timeout=5_000)
    item.click()
    body = lab.page.locator("body")
    expect(body).to_have_attribute("data-jp-theme-name", name, timeout=THEME_MS)
    light = "true" if name == LIGHT else "false"
    expect(body).to_have_attribute("data-jp-theme-light", light, timeout=THEME_MS)
    # The theme's stylesheet has loaded: the notebook's background is the theme's own.
    lab.page.wait_for_function(
        """light => {
          const bg = getComputedStyle(document.querySelector('.jp-NotebookPanel'))
            .backgroundColor.match(/\\d+/g).map(Number);
          const level = (bg[0] + bg[1] + bg[2]) / 3;
          return light ? level > 200 : level < 60;
        }""",
        arg=name == LIGHT,
        timeout=THEME_MS,
    )


def luminance(rgb) -> object:
    """WCAG relative luminance of an array of sRGB pixels (0 to 255), 0 to 1."""
    import numpy as np

    c = np.asarray(rgb, dtype=float) / 255
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def chart_pixels(lab: support.LabPage, chart, name: str) -> dict[str, float]:
    """Screenshot the chart (into ``<name>.png``) and measure it: mean luminance (0 to 1), and
    the contrast of its ink (its 0.5% of pixels furthest from the background) with its
    background (its most common level)."""
    import numpy as np
    from PIL import Image

    chart.scroll_into_view_if_needed()
    path = lab.screenshot_dir / f"{name}.png"
    shot = chart.screenshot(path=str(path))
    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).reshape(-1, 3)
    level = luminance(pixels)
    background = float(np.median(level))
    far = np.abs(level - background)
    ink = float(np.mean(level[far >= np.quantile(far, 0.995)]))
    bright, dim = max(ink, background), min(ink, background)
    return {
        "mean": float(level.mean()),
        "background": background,
        "ink_contrast": (bright + 0.05) / (dim + 0.05),
    }


def the_chart(lab: support.LabPage, title: str):
    """The first chart of the output that holds ``title``."""
    output = lab.panel.locator(".jp-OutputArea-output", has_text=title).first
    chart = output.locator("img.pmc-chart").first
    expect(chart).to_be_visible(timeout=support.FEEDBACK_MS)
    return output, chart


def assert_described(output, chart, notebook: str) -> None:
    """The chart keeps its alt text and its numbers in either theme."""
    alt = chart.get_attribute("alt") or ""
    assert len(alt) > 20, f"{notebook}: the chart lost its alt text"
    text = output.inner_text()
    assert "Show the numbers" in text or "The numbers behind this chart" in text, notebook


def redraw_with_a_slider(lab: support.LabPage, output) -> dict[str, float]:
    """Press the right arrow on the output's first slider (in the dark theme) and measure the
    chart it draws anew; then press the left arrow, to leave the setting as it was."""
    chart = output.locator("img.pmc-chart").first
    before = chart.get_attribute("src")
    output.locator(".noUi-handle").first.focus()
    lab.page.keyboard.press("ArrowRight")
    expect(chart).not_to_have_attribute("src", before or "", timeout=support.FEEDBACK_MS)
    expect(chart).to_have_css("filter", re.compile("invert"), timeout=THEME_MS)
    stem = "01_what_is_product_management"
    measured = chart_pixels(lab, chart, f"theme-{stem}-chart-dark-redrawn")
    # Back to the example's score (the server, and its saved settings, serve other tests).
    moved = chart.get_attribute("src")
    output.locator(".noUi-handle").first.focus()
    lab.page.keyboard.press("ArrowLeft")
    expect(chart).not_to_have_attribute("src", moved or "", timeout=support.FEEDBACK_MS)
    expect(lab.kernel_idle).to_have_count(1, timeout=support.KERNEL_IDLE_MS)
    return measured


@pytest.mark.parametrize("notebook", list(CASES), ids=[n[:2] for n in CASES])
def test_charts_follow_the_dark_theme(lab: support.LabPage, notebook: str):
    stem = Path(notebook).stem
    lab.open_and_run(f"notebooks/{notebook}")
    output, chart = the_chart(lab, CASES[notebook])
    assert chart.evaluate("img => getComputedStyle(img).filter") == "none"
    light = chart_pixels(lab, chart, f"theme-{stem}-chart-light")
    lab.screenshot(f"theme-{stem}-light")
    try:
        choose_theme(lab, DARK)
        output, chart = the_chart(lab, CASES[notebook])
        expect(chart).to_have_css("filter", re.compile("invert"), timeout=THEME_MS)
        dark = chart_pixels(lab, chart, f"theme-{stem}-chart-dark")
        lab.screenshot(f"theme-{stem}-dark")
        assert_described(output, chart, notebook)
        redrawn = redraw_with_a_slider(lab, output) if notebook.startswith("01") else None
    finally:
        choose_theme(lab, LIGHT)
    if redrawn is not None:
        assert redrawn["mean"] < 0.15, f"{notebook}: a redrawn chart turns bright: {redrawn}"
    assert light["mean"] > 0.75, f"{notebook}: the light chart is not light: {light}"
    assert light["ink_contrast"] >= 4.5, f"{notebook}: light chart's ink is faint: {light}"
    assert dark["mean"] < 0.15, f"{notebook}: a bright panel in the dark theme: {dark}"
    assert dark["background"] < 0.05, f"{notebook}: the chart's background is not dark: {dark}"
    assert dark["ink_contrast"] >= 4.5, f"{notebook}: the dark chart's ink is faint: {dark}"
    lab.assert_clean()


# --- a narrow window ------------------------------------------------------------------------

#: An 800-pixel window with the file browser open, as on a small laptop.
NARROW = {"width": 800, "height": 900}
#: The least share of its own width a chart may be shrunk to: the value map's 9-point text
#: (12.5 px at 100 dpi) stays at 8.75 px or more.
LEAST_SCALE = 0.7


def test_a_chart_keeps_a_readable_size_in_a_narrow_window(
    chromium_browser, lab_server: support.LabServer, screenshot_dir: Path
):
    with support.lab_page_at(chromium_browser, lab_server, screenshot_dir, NARROW) as lab:
        lab.open_and_run("notebooks/01_what_is_product_management.ipynb")
        expect(lab.page.locator("#jp-left-stack")).to_be_visible()  # the file browser is open
        _output, chart = the_chart(lab, "Value map")
        chart.scroll_into_view_if_needed()
        size = chart.evaluate(
            """img => ({shown: img.getBoundingClientRect().width, own: img.naturalWidth,
                        box: img.parentElement.clientWidth,
                        scrolls: img.parentElement.scrollWidth > img.parentElement.clientWidth + 1,
                        output: img.closest('.jp-OutputArea-output').clientWidth})"""
        )
        chart.screenshot(path=str(screenshot_dir / "narrow-800-value-map.png"))
        assert size["shown"] >= LEAST_SCALE * size["own"], f"the chart shrinks too far: {size}"
        assert not size["scrolls"], f"the chart scrolls sideways at 800 px: {size}"
        lab.assert_clean()
