"""The slide decks (``pm_course/authoring/slides.py``): built from the notebooks, and fully offline.

The decks are built once per session (``slides_support.all_decks``, shared with
``test_browser_slides.py``, which measures every slide in headless Chromium); building needs
npm and the npm registry once (unless ``build/vendor`` already holds the packages), and
without them the build tests skip, but with ``CI=true`` they fail. The browser test here
opens a deck from ``file://`` and records every request the page makes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from pm_course.authoring import slides
from pm_course.course import content
from pm_course.course.text import not_running

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support", "slides_support"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
DECKS = ("00", "03")  # 00 is linked from the others; 03 has every kind of question
SHOWN = "03_an_experimental_process"

#: src="..." / href="..." attributes and url(...) in CSS.
ATTRIBUTE = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]*)["']?\s*\)|@import\s+["']([^"']+)["']""", re.I)


@pytest.fixture(scope="module")
def decks(all_decks: Path) -> Path:
    """Every section's deck (built once per session)."""
    return all_decks


def references(path: Path) -> list[tuple[Path, str]]:
    """Every src, href, url() and @import of an HTML or CSS file: (the file, the reference)."""
    text = path.read_text(encoding="utf-8")
    found = [m.group(1) or m.group(2) or "" for m in CSS_URL.finditer(text)]
    if path.suffix == ".html":
        found += ATTRIBUTE.findall(text)
    return [(path, ref.strip()) for ref in found]


def local_target(source: Path, ref: str) -> Path | None:
    """The file a relative reference points at, or None for data:, blob: and #anchors."""
    parts = urlsplit(ref)
    if not ref or ref.startswith("#") or parts.scheme in ("data", "blob"):
        return None
    return (source.parent / unquote(parts.path)).resolve()


def test_a_folder_without_notebooks_says_so_before_fetching_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(slides, "vendor", lambda *a: pytest.fail("fetched reveal.js"))
    with pytest.raises(slides.SlidesError, match=r"has no notebooks/NN_\*\.ipynb; run it from"):
        slides.build(tmp_path / "out", tmp_path)
    with pytest.raises(slides.SlidesError, match=r"no notebook in .* starts with 99"):
        slides.build(tmp_path / "out", ROOT, only=["99"])


def test_long_markdown_is_cut_at_blank_lines_and_keeps_headings_with_text():
    text = "## 1. A part\n\n" + "\n\n".join(f"Paragraph {i}. " + "x" * 300 for i in range(5))
    pieces = slides.split_prose(text, limit=700)
    assert pieces[0].startswith("## 1. A part\n\nParagraph 0.")
    assert len(pieces) > 1
    assert "\n\n".join(pieces) == text


def test_slide_tags_follow_the_headings_and_drop_widget_views():
    import nbformat

    nb = nbformat.v4.new_notebook()
    widget = {"model_id": "x", "version_major": 2, "version_minor": 0}
    view = nbformat.v4.new_output(
        "display_data",
        data={
            slides.WIDGET_MIME: widget,
            "text/markdown": "**Question** · text",
            "text/plain": "Q",
        },
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 03 · Title"),
        nbformat.v4.new_code_cell("import pm_course"),
        nbformat.v4.new_markdown_cell("## 1. Part\n\nShort."),
        nbformat.v4.new_markdown_cell("Lead-in."),
        nbformat.v4.new_code_cell("pm_course.question('x')", outputs=[view]),
        nbformat.v4.new_markdown_cell("### Smaller"),
    ]
    nb.metadata["widgets"] = {"state": {}}
    tagged = slides.slide_notebook(nb)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in tagged.cells]
    assert kinds == ["slide", "slide", "fragment", "fragment", "subslide"]
    assert "widgets" not in tagged.metadata
    assert slides.WIDGET_MIME not in tagged.cells[3].outputs[0]["data"]
    assert "widgets" in nb.metadata  # the input is not changed


def test_the_note_on_broken_controls_is_left_off_the_slides():
    import nbformat

    nb = nbformat.v4.new_notebook()
    help_cell = nbformat.v4.new_markdown_cell("> **Controls missing?** Run the cells again.")
    help_cell.id = slides.HELP_CELL
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 03 · Title"),
        nbformat.v4.new_code_cell("import pm_course"),
        help_cell,
        nbformat.v4.new_markdown_cell("## 1. Part\n\nShort."),
    ]
    texts = [c.source for c in slides.slide_notebook(nb).cells]
    assert not any("Controls missing" in t for t in texts) and "## 1. Part\n\nShort." in texts


def test_a_long_list_or_table_is_cut_between_items_and_each_table_piece_keeps_its_header():
    items = "\n".join(f"- **Term {i}**: " + "a definition " * 12 for i in range(12))
    pieces = slides.split_prose("Intro.\n\n" + items, limit=700)
    assert len(pieces) > 2
    assert all(slides.text_size(piece) <= 700 for piece in pieces)
    assert "\n\n".join(pieces).count("- **Term") == 12
    rows = "\n".join(f"| Phase {i} | " + "what happens " * 8 + "|" for i in range(8))
    table = "| Phase | What happens |\n|---|---|\n" + rows
    pieces = slides.split_prose(table, limit=700)
    assert len(pieces) > 1
    for piece in pieces:
        assert piece.startswith("| Phase | What happens |\n|---|---|\n| Phase ")
    assert sum(piece.count("| Phase ") - 1 for piece in pieces) == 8


def test_each_chart_gets_a_slide_of_its_own_and_no_slide_asks_to_run_a_cell():
    import nbformat

    img = "<img src='data:image/png;base64,AAAA' alt='A chart of something'>"
    state = {
        "box": {"state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"]}},
        "a": {"state": {"value": f"<p>one</p>{img}"}},
        "b": {"state": {"value": img.replace("something", "something else")}},
    }
    text = "**The model**: p = 0.03.\n\n*" + not_running("move the sliders") + "*"
    view = nbformat.v4.new_output(
        "display_data",
        data={slides.WIDGET_MIME: {"model_id": "box"}, "text/markdown": text, "text/plain": "x"},
    )
    question = nbformat.v4.new_output(
        "display_data", data={"text/markdown": not_running("answer"), "text/plain": "Q"}
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## 2. A model\n\nTry it."),
        nbformat.v4.new_code_cell("model()", outputs=[view]),
        nbformat.v4.new_code_cell("question()", outputs=[question]),
    ]
    nb.metadata["widgets"] = {slides.WIDGET_STATE: {"state": state}}
    cells = slides.slide_notebook(nb).cells
    kinds = [c.metadata["slideshow"]["slide_type"] for c in cells]
    assert kinds == ["slide", "fragment", "subslide", "subslide"]
    assert "something'" in cells[2].outputs[0]["data"]["text/html"]
    assert "something else" in cells[3].outputs[0]["data"]["text/html"]
    shown = json.dumps([c.get("outputs", c.get("source")) for c in cells])
    assert "not running" not in shown
    assert "p = 0.03" in shown


def test_facilitator_notes_are_the_speaker_notes_of_their_part():
    import nbformat

    path = NOTEBOOKS / "01_what_is_product_management.ipynb"
    notes = (ROOT / "facilitator" / f"{path.stem}.md").read_text(encoding="utf-8")
    cue = re.search(r"^## 1\. The definition\n\n(.+)$", notes, re.M)
    assert cue, "the notes of part 1 moved; change this test"
    cells = slides.slide_notebook(slides.with_notes(nbformat.read(path, as_version=4), path)).cells
    kinds = [c.metadata["slideshow"]["slide_type"] for c in cells]
    spoken = [i for i, kind in enumerate(kinds) if kind == "notes"]
    assert len(spoken) >= 5
    assert kinds[0] == "slide" and kinds[1] == "notes"  # the timing and the general notes
    assert "| Part | Minutes |" in cells[1].source
    part = next(i for i, c in enumerate(cells) if c.source.startswith("## 1. The definition"))
    assert kinds[part + 1] == "notes" and cue.group(1) in cells[part + 1].source
    assert "not for learners" not in cells[part + 1].source  # the banner is for notebooks
    check = next(i for i, c in enumerate(cells) if c.source.startswith("## Check your"))
    assert "Misconceptions the questions test" in "".join(
        c.source
        for c in cells[check + 1 : check + 4]
        if c.metadata["slideshow"]["slide_type"] == "notes"
    )


def test_notes_that_do_not_fit_their_notebook_leave_the_deck_without_notes_and_say_so(
    tmp_path, capsys
):
    import shutil

    import nbformat

    slug = "01_what_is_product_management"
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "facilitator").mkdir()
    path = tmp_path / "notebooks" / f"{slug}.ipynb"
    shutil.copy(NOTEBOOKS / path.name, path)
    (tmp_path / "facilitator" / f"{slug}.md").write_text("## 9. No such part\n\nSay this.\n")
    nb = nbformat.read(path, as_version=4)
    assert slides.with_notes(nb, path) is nb
    err = capsys.readouterr().err
    assert f"{slug}: no speaker notes:" in err and "9. No such part" in err
    (tmp_path / "facilitator" / f"{slug}.md").unlink()
    assert slides.with_notes(nb, path) is nb  # no notes file: no notes, nothing said
    assert not capsys.readouterr().err


@pytest.mark.slow
def test_chart_settings_reach_the_kernel_and_it_prints_no_warning(capfd):
    import nbformat

    from pm_course.authoring.execute import run_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import matplotlib as m; print(m.rcParams['font.size'])")]
    run_notebook(nb, NOTEBOOKS / "x.ipynb", rc={"font.size": 17})
    assert nb.cells[0].outputs[0]["text"].strip() == "17.0"
    run_notebook(nb, NOTEBOOKS / "x.ipynb")
    assert nb.cells[0].outputs[0]["text"].strip() == "10.0"  # matplotlib's own default
    assert "WARNING" not in capfd.readouterr().err


@pytest.mark.slow
def test_decks_navigate_linearly_typeset_formulas_and_carry_speaker_notes(decks: Path):
    for deck in sorted(decks.glob("*.slides.html")):
        html = deck.read_text(encoding="utf-8")
        assert 'navigationMode: "linear"' in html, deck.name
        assert f"width: {slides.WIDTH}, height: {slides.HEIGHT}" in html, deck.name
        assert "katex.min.css" in html and "auto-render.min.js" in html, deck.name
        notes = ROOT / "facilitator" / deck.name.replace(".slides.html", ".md")
        if notes.exists():
            headings = re.findall(r"^## ", notes.read_text(encoding="utf-8"), re.M)
            assert html.count('<aside class="notes">') > len(headings) // 2, deck.name
    katex = decks / slides.KATEX_DIR
    assert (katex / "katex.min.js").exists() and any((katex / "fonts").glob("*.woff2"))


@pytest.mark.slow
def test_decks_show_the_section_and_its_questions(decks: Path):
    for number in DECKS:
        sec = next(s for s in content.course() if s.number == number)
        html = (decks / f"{sec.slug}.slides.html").read_text(encoding="utf-8")
        assert sec.title in html, sec.slug
        assert sec.questions, sec.slug
        shown = [q.id for q in sec.questions if _escaped(q.prompt) in html]
        assert shown, f"{sec.slug}: no question's text is on a slide"
        assert 'type="application/vnd.jupyter.widget-view+json"' not in html
        assert "pm_course.question(" not in html, "code input is shown"


@pytest.mark.slow
def test_decks_show_the_figures_models_drew_with_their_alt_text(decks: Path):
    html = (decks / f"{SHOWN}.slides.html").read_text(encoding="utf-8")
    figures = re.findall(r"<img\b[^>]*src=.data:image/png;base64,[^>]*>", html)
    assert len(figures) >= 3, "the A/B test, peeking and small-bets charts are on slides"
    for tag in figures:
        assert re.search(r"alt=.[A-Z][^'\"]{20,}", tag), tag[:120]


def _escaped(text: str) -> str:
    """Text as nbconvert writes it into HTML (quotes and ampersands escaped)."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")[:60]


@pytest.mark.slow
def test_decks_load_nothing_from_the_network(decks: Path):
    """Every src/href/url()/@import of the decks and of the CSS they load is local and exists."""
    to_scan = sorted(decks.glob("*.slides.html"))
    assert len(to_scan) == len(list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    scanned, remote, missing = set(), [], []
    while to_scan:
        path = to_scan.pop()
        if path in scanned:
            continue
        scanned.add(path)
        for source, ref in references(path):
            if urlsplit(ref).scheme not in ("", "data", "blob") or ref.startswith("//"):
                remote.append(f"{source.name}: {ref}")
                continue
            target = local_target(source, ref)
            if target is None:
                continue
            if target.name.endswith(".slides.html") and target.parent == decks:
                # a link to another section's deck: built with the others by `make slides`
                if not (NOTEBOOKS / target.name.replace(".slides.html", ".ipynb")).exists():
                    missing.append(f"{source.name}: {ref}")
                continue
            if not target.exists():
                missing.append(f"{source.name}: {ref}")
            elif target.suffix == ".css":
                to_scan.append(target)
    assert not remote, "remote references:\n" + "\n".join(remote)
    assert not missing, "references to missing files:\n" + "\n".join(missing)
    html = (decks / f"{SHOWN}.slides.html").read_text(encoding="utf-8")
    for cdn in ("unpkg.com", "cdnjs", "jsdelivr", "mathjax", "mermaid", "jquery"):
        assert cdn not in html.lower(), cdn


@pytest.mark.slow
@pytest.mark.browser
def test_deck_runs_in_chromium_from_file_with_no_request_off_the_machine(
    decks: Path, chromium_browser
):
    # the session's one Chromium (browser_support): a second sync Playwright cannot start
    deck = decks / f"{SHOWN}.slides.html"
    requests, errors = [], []

    def record(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.route("**/*", record)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.goto(deck.as_uri())
        page.wait_for_function("() => document.querySelector('.reveal.ready')", timeout=15_000)
        sections = page.locator(".reveal .slides section").count()
        page.keyboard.press("ArrowRight")  # to "Overview"
        page.wait_for_function(
            "() => document.querySelectorAll('.reveal .slides > section')[1]"
            ".classList.contains('present')",
            timeout=5_000,
        )
        page.wait_for_timeout(1_000)  # the slide transition, before the screenshot
        title = page.locator(".reveal .slides section.present h2").first.text_content() or ""
        support.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(support.SCREENSHOTS / f"slides-{SHOWN}.png"))
    finally:
        page.close()
    assert requests, "the route saw no request at all"
    off_machine = [u for u in requests if not u.startswith("file://")]
    assert not off_machine, "requests left file://:\n" + "\n".join(off_machine)
    assert sections > 3, f"reveal.js shows only {sections} sections"
    assert "Overview" in title
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
    assert json.dumps(requests).count("require.js") == 1
