"""Every slide of every deck fits a 16:9 and a 4:3 projector, and the right arrow visits them all.

The decks are built once per session (``slides_support.all_decks``) and opened from
``file://`` in the session's headless Chromium (``browser_support.chromium_browser``). The
fit test goes through every slide, horizontal and vertical, with reveal.js's own API
(``window.Reveal``, which the deck template exposes) at 1280x720 and 1024x768, and measures
what each shows against the slide box (and the size of chart text, and any raw TeX); the
navigation test presses the right arrow only; the speaker-view test presses S. Contact sheets
of two decks at both sizes go to ``test-artifacts/screenshots/slides/``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pm_course.authoring import slides

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support", "slides_support"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = ({"width": 1280, "height": 720}, {"width": 1024, "height": 768})
#: Decks whose every slide is photographed at both sizes: charts, a formula and tables.
PHOTOGRAPHED = ("02", "06")
SHEETS = support.SCREENSHOTS / "slides"
#: The smallest chart text allowed on a projector, in screen pixels: matplotlib's default
#: size (``font.size`` in points, at ``savefig.dpi``) as the picture is scaled on the slide.
CHART_TEXT_PX = 17.5
#: How far content may reach past the slide's edge before it counts (rounding), in pixels.
SLACK = 1

#: Go to one slide (every fragment shown) and measure what it shows against the slide box:
#: how far its content reaches past any edge, raw TeX left in its text, and how large
#: matplotlib's default-size text is drawn in each chart (in screen pixels).
MEASURE = """async ([index, pt, dpi]) => {
  const R = window.Reveal;
  const slide = R.getSlides()[index];
  const {h, v} = R.getIndices(slide);
  R.slide(h, v, 1e6);
  const images = Array.from(slide.querySelectorAll("img"));
  await Promise.all(images.map((img) => img.decode().catch(() => 0)));
  const box = document.querySelector(".reveal .slides").getBoundingClientRect();
  const scale = R.getScale();
  let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
  for (const el of slide.querySelectorAll("*")) {
    if (el.closest("aside.notes")) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    left = Math.min(left, r.left); right = Math.max(right, r.right);
  }
  const raw = [];
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (node.parentElement.closest(".katex, aside.notes, script, style")) continue;
    if (/\\$\\$|\\\\\\(|\\\\\\[|\\\\frac/.test(text)) raw.push(text.trim().slice(0, 60));
  }
  const charts = images.map((img) =>
    pt * dpi / 72 * img.getBoundingClientRect().width / img.naturalWidth);
  const first = slide.querySelector("h1, h2, h3, p, li, td");
  const over = top === Infinity ? 0 : Math.max(
    bottom - box.bottom, box.top - top, right - box.right, box.left - left, 0);
  return {
    where: `${h}/${v}`,
    title: (first ? first.textContent : images.length ? images[0].alt : "")
      .replace("\u00b6", "").trim().slice(0, 50),
    over: Math.round(over / scale),
    height: top === Infinity ? 0 : Math.round((bottom - top) / scale),
    raw, charts,
  };
}"""
#: MEASURE for every slide of the deck, in one call.
MEASURE_ALL = (
    "async (args) => { const measure = "
    + MEASURE
    + "; const out = []; for (let i = 0; i < Reveal.getSlides().length; i++) "
    + "out.push(await measure([i, ...args])); return out; }"
)
#: No transition of slides or fragments, so a screenshot shows the slide as it ends up.
STILL = ".reveal .slides *, .reveal .slides { transition: none !important; }"

READY = "() => window.Reveal && window.Reveal.isReady()"


def open_deck(browser, deck: Path, viewport: dict):
    """A new page at ``viewport`` showing ``deck`` once reveal.js is ready, its errors kept."""
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(deck.as_uri())
    page.wait_for_function(READY, timeout=30_000)
    return page, errors


def contact_sheet(shots: list[tuple[str, bytes]], path: Path, columns: int = 4) -> None:
    """Screenshots of slides as a grid of thumbnails, each labelled h/v, saved to ``path``."""
    from PIL import Image, ImageDraw

    images = [(label, Image.open(io.BytesIO(png)).convert("RGB")) for label, png in shots]
    w, h = images[0][1].size
    tw, th = w * 2 // 5, h * 2 // 5
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * (tw + 8), rows * (th + 26)), "#777777")
    draw = ImageDraw.Draw(sheet)
    for n, (label, image) in enumerate(images):
        x, y = (n % columns) * (tw + 8), (n // columns) * (th + 26)
        sheet.paste(image.resize((tw, th)), (x, y + 22))
        draw.text((x + 4, y + 5), label, fill="white")
    sheet.save(path)


def test_every_slide_fits_both_projectors_with_readable_charts_and_no_raw_formula(
    all_decks: Path, chromium_browser
):
    decks = sorted(all_decks.glob("*.slides.html"))
    assert len(decks) == len(list(support.course_notebooks())), decks
    pt, dpi = slides.CHART_RC["font.size"], slides.CHART_RC["savefig.dpi"]
    SHEETS.mkdir(parents=True, exist_ok=True)
    problems, counted, charts = [], 0, []
    for deck in decks:
        slug = deck.name.split(".")[0]
        page, errors = open_deck(chromium_browser, deck, SIZES[0])
        try:
            page.evaluate("() => Reveal.configure({transition: 'none'})")
            page.add_style_tag(content=STILL)
            for viewport in SIZES:
                size = f"{viewport['width']}x{viewport['height']}"
                page.set_viewport_size(viewport)
                page.evaluate("() => Reveal.layout()")
                if slug.startswith(PHOTOGRAPHED):
                    measured, shots = [], []
                    for index in range(page.evaluate("() => Reveal.getSlides().length")):
                        measured.append(page.evaluate(MEASURE, [index, pt, dpi]))
                        shots.append((measured[-1]["where"], page.screenshot(type="jpeg")))
                    contact_sheet(shots, SHEETS / f"{slug}-{size}.png")
                else:
                    measured = page.evaluate(MEASURE_ALL, [pt, dpi])
                for m in measured:
                    counted += 1
                    name = f"{slug} slide {m['where']} ({m['title']!r})"
                    if m["over"] > SLACK:
                        problems.append(
                            f"{size} {name}: content {m['height']} px tall, reaches "
                            f"{m['over']} px past the {slides.WIDTH}x{slides.HEIGHT} slide"
                        )
                    problems += [f"{size} {name}: raw formula {text!r}" for text in m["raw"]]
                    charts += [(px, f"{size} {name}") for px in m["charts"]]
        finally:
            page.close()
        problems += [f"{slug}: console: {e}" for e in errors]
    assert counted > 2 * len(decks) * 10, counted
    assert charts, "no chart on any slide"
    small = [f"{where}: chart text {px:.1f} px" for px, where in charts if px < CHART_TEXT_PX]
    assert not problems + small, f"{len(problems + small)} problems:\n" + "\n".join(
        problems + small
    )


def test_the_right_arrow_visits_every_slide_of_every_deck(all_decks: Path, chromium_browser):
    missed = []
    for deck in sorted(all_decks.glob("*.slides.html")):
        page, errors = open_deck(chromium_browser, deck, SIZES[1])
        try:
            total, steps = page.evaluate(
                """() => {
                  window.visited = new Set(["0/0"]);
                  Reveal.on("slidechanged", (e) => window.visited.add(`${e.indexh}/${e.indexv}`));
                  return [Reveal.getTotalSlides(),
                          Reveal.getTotalSlides() + document.querySelectorAll(".fragment").length];
                }"""
            )
            for _ in range(steps):  # enough for every slide and fragment; more does nothing
                page.keyboard.press("ArrowRight")
            visited = page.evaluate("() => window.visited.size")
            at_end = page.evaluate("() => Reveal.isLastSlide()")
        finally:
            page.close()
        assert not errors, f"{deck.name}: " + "\n".join(errors)
        if visited != total or not at_end:
            missed.append(f"{deck.name}: the right arrow visits {visited} of {total} slides")
    assert not missed, "\n".join(missed)


def test_the_speaker_view_shows_the_facilitator_notes_of_the_part(
    all_decks: Path, chromium_browser
):
    import re

    slug = "01_what_is_product_management"
    notes = (support.REPO / "facilitator" / f"{slug}.md").read_text(encoding="utf-8")
    part = re.search(r"^## (1\. .+)\n\n(.+)$", notes, re.M)
    assert part, "part 1 of the notes moved; change this test"
    page, errors = open_deck(chromium_browser, all_decks / f"{slug}.slides.html", SIZES[1])
    try:
        found = page.evaluate(
            """(title) => {
              const slide = Reveal.getSlides().find((s) =>
                (s.querySelector("h2") || {textContent: ""}).textContent.startsWith(title));
              if (!slide) return false;
              const {h, v} = Reveal.getIndices(slide);
              Reveal.slide(h, v);
              return true;
            }""",
            part.group(1),
        )
        assert found, f"no slide starts with {part.group(1)!r}"
        with page.context.expect_page(timeout=15_000) as opened:
            page.keyboard.press("s")
        speaker = opened.value
        first_words = " ".join(part.group(2).split()[:8]).replace("*", "")
        speaker.locator(".speaker-controls-notes").get_by_text(first_words).wait_for(timeout=15_000)
        speaker.close()
    finally:
        page.close()
    assert not errors, "\n".join(errors)
