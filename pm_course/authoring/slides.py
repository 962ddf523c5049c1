"""Slide decks: one reveal.js deck per section, built from the notebooks, working offline.

The learner notebooks are read, never written. Steps of :func:`build`:
1. fetch reveal.js, require.js and KaTeX once with ``npm pack`` into a cache folder
   (``build/vendor``) and copy the files the decks load into ``<out>/vendor``;
2. run each notebook on a fresh kernel with a throwaway progress store (as
   ``tools/notebooks.py`` does) and larger chart fonts (:data:`CHART_RC`, matplotlib's
   rcParams for this run only), keeping the widgets' final state;
3. in the executed copy, replace widget views by their text fallbacks and the figures the
   widgets drew (read from the saved widget state), drop cells with nothing to show, split
   long prose, lists and tables, and tag cells for slides: the title and each ``## `` heading
   start a slide, ``### `` a sub-slide, every chart gets a sub-slide of its own, and what
   follows is a fragment while it fits or a new sub-slide; code input is hidden; the
   facilitator notes (``facilitator/<slug>.md``, as in the facilitator edition) become each
   slide's speaker notes;
4. convert with nbconvert's ``SlidesExporter``, every URL pointed at ``vendor/`` or left
   out (no jQuery, MathJax, Mermaid or widget manager: formulas are typeset by KaTeX), and
   write ``<out>/<slug>.slides.html``.

A slide is :data:`WIDTH` by :data:`HEIGHT` pixels, which reveal.js scales by the same factor
to a 16:9 (1280x720) and a 4:3 (1024x768) projector; ``tests/test_browser_slides.py``
checks that every slide fits both. The right arrow visits every slide (reveal's linear
navigation). The notebooks are read from the course folder (``course_dir``, by default the
current folder), and the npm packages are cached in its ``build/vendor``. The output folder
is self-contained: copy it to a USB stick and open any deck in a browser.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..course.text import RUN_AGAIN
from .execute import run_notebook
from .folder import NOTES, course_root, notebook_paths

#: Where the npm packages are kept once fetched, inside the course folder.
CACHE = Path("build", "vendor")
REVEAL_VERSION = "4.6.1"  # nbconvert 7's reveal template is written for reveal.js 4
REQUIREJS_VERSION = "2.3.8"
KATEX_VERSION = "0.16.22"
REVEAL_DIR = f"vendor/reveal.js-{REVEAL_VERSION}"
REQUIRE_JS = f"vendor/requirejs-{REQUIREJS_VERSION}/require.js"
KATEX_DIR = f"vendor/katex-{KATEX_VERSION}"
THEME = "white"  # its font is bundled; "simple" imports Google Fonts
#: Without a network, npm gives up after seconds rather than its default minute of retries.
NPM_QUICK = ("--fetch-retries=1", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=5000")
#: The slide, in CSS pixels: reveal.js scales it by 0.96 on both a 1280x720 and a 1024x768
#: screen (the width of a 4:3 screen and the height of a 16:9 one), so text and charts are as
#: large on either projector.
WIDTH, HEIGHT = 1024, 720
#: The tallest a chart is drawn on its slide, in CSS pixels (the rest is the slide's margin).
FIGURE_HEIGHT = 640
#: matplotlib rcParams while the notebooks run for slides (the notebooks themselves keep
#: matplotlib's defaults): chart text in points that reads at about 18 pixels or more on a
#: 1024x768 projector once a chart is scaled to the slide, and sharper pictures.
CHART_RC = {"font.size": 12, "savefig.dpi": 150}
#: Rough characters of prose that fit one slide before the rest moves to a sub-slide.
SLIDE_CHARS = 1300
#: A bold or heading block starts a new piece of prose after this many characters.
LEAD_CHARS = 200
#: What a chart counts for against SLIDE_CHARS: a whole slide.
IMAGE_CHARS = SLIDE_CHARS
#: Characters of a table row or list item that count as one line of text on a slide.
LINE_CHARS = 80
#: A Markdown link to a course notebook beside this one: it becomes a link to that deck.
NOTEBOOK_LINK = re.compile(r"""(\]\(|href=["'])(\d\d_\w+)\.ipynb""")
#: A gap of three or more spaces inside a line: columns lined up with spaces.
COLUMNS = re.compile(r"\S {3,}\S")
#: The first line of a Markdown list item, or a table row.
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
#: The sentence that ends a control's text fallback (``course.text.not_running``): on a slide
#: nobody can press Shift+Enter, so it is left out.
#: The id of the note under each notebook's setup cell (what to do when controls look broken
#: after a reload or a restart): left off the slides. tests/test_notebooks.py holds the id.
HELP_CELL = "after-setup-help"
NOT_RUNNING = re.compile(
    r"[*_]*This control is not running\. " + re.escape(RUN_AGAIN) + r" to [^\n]*?\.[*_]*"
)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: A figure a widget drew: an inline PNG with its alt text (see pm_course.ui.charts.img_html).
FIGURE = re.compile(r"<img\b[^>]*\bsrc=['\"]data:image/png;base64,[^'\"]+['\"][^>]*>")
TEMPLATE_NAME = "pm_course_slides.html.j2"
#: The reveal template, with every script it would load from a CDN left out or made local.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_jquery -%}{%- endblock html_head_js_jquery -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<link rel="stylesheet" href="KATEX_DIR/katex.min.css">
<style type="text/css">
.reveal .slides section section { text-align: left; }
.reveal .slides section section :is(h1, h2, h3) { text-align: left; text-transform: none; }
.reveal .slides .pmc-figures img {
  display: block; margin: 0 auto; width: auto; height: auto;
  max-width: 100%; max-height: FIGURE_HEIGHTpx;
}
.reveal .slides .katex { font-size: 1.15em; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script>
require.config({paths: {katex: "KATEX_DIR/katex.min"}});
require(
  ["{{ resources.reveal.url_prefix }}/dist/reveal.js",
   "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js",
   "KATEX_DIR/contrib/auto-render.min.js"],
  function (Reveal, RevealNotes, renderMath) {
    // Formulas as the notebooks write them, typeset before reveal.js measures the slides.
    renderMath(document.querySelector(".reveal .slides"), {
      delimiters: [
        {left: "$$", right: "$$", display: true},
        {left: "\\\\[", right: "\\\\]", display: true},
        {left: "\\\\(", right: "\\\\)", display: false},
        {left: "$", right: "$", display: false}
      ],
      ignoredClasses: ["notes"],
      throwOnError: false
    });
    window.Reveal = Reveal;  // for the browser tests and the console
    Reveal.initialize({
      controls: true, progress: true, history: true,
      navigationMode: "linear",  // the right arrow (and a clicker) visits every slide
      transition: "{{ resources.reveal.transition }}",
      slideNumber: "{{ resources.reveal.number }}",
      plugins: [RevealNotes],
      width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }}
    });
  }
);
</script>
{% endblock footer_js %}
""".replace("KATEX_DIR", KATEX_DIR).replace("FIGURE_HEIGHT", str(FIGURE_HEIGHT))


class SlidesError(RuntimeError):
    """The decks cannot be built; the message says what is missing."""


# --- reveal.js, require.js and KaTeX -----------------------------------------------------------


def _npm_pack(package: str, cache: Path) -> Path:
    """The folder of an npm package extracted in ``cache``, fetched with ``npm pack`` if absent."""
    name, version = package.rsplit("@", 1)
    target = cache / f"{name}-{version}"
    if (target / "package.json").exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SlidesError(f"npm is needed once to fetch {package} into {cache}; install Node.js")
    cache.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [npm, "pack", package, "--loglevel=error", "--pack-destination", str(cache), *NPM_QUICK],
        capture_output=True,
        text=True,
        check=False,
    )
    tgz = cache / f"{name}-{version}.tgz"
    if run.returncode != 0 or not tgz.exists():
        why = " / ".join((run.stderr.strip() or run.stdout.strip()).splitlines()[:2])
        raise SlidesError(f"npm pack {package} failed (is the npm registry reachable?): {why}")
    with tempfile.TemporaryDirectory(dir=cache) as tmp, tarfile.open(tgz) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            tar.extractall(tmp, filter="data")
        else:  # pragma: no cover
            tar.extractall(tmp)  # npm's own tarball of a pinned version
        shutil.rmtree(target, ignore_errors=True)
        Path(tmp, "package").rename(target)
    return target


def cache_dir(course_dir: Path | str | None = None) -> Path:
    """The npm cache of a course folder (default: the current folder): ``build/vendor``."""
    return course_root(course_dir) / CACHE


def vendor(out: Path, cache: Path) -> Path:
    """Copy the files the decks load into ``out/vendor`` (fetching them once); returns it."""
    reveal = _npm_pack(f"reveal.js@{REVEAL_VERSION}", cache)
    requirejs = _npm_pack(f"requirejs@{REQUIREJS_VERSION}", cache)
    katex = _npm_pack(f"katex@{KATEX_VERSION}", cache)
    dest = out / REVEAL_DIR
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(reveal / "dist", dest / "dist", ignore=shutil.ignore_patterns("*.map", "*esm*"))
    (dest / "plugin" / "notes").mkdir(parents=True)
    shutil.copy2(reveal / "plugin" / "notes" / "notes.js", dest / "plugin" / "notes")
    shutil.copy2(reveal / "LICENSE", dest)
    (out / REQUIRE_JS).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(requirejs / "require.js", out / REQUIRE_JS)
    dest = out / KATEX_DIR
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "contrib").mkdir(parents=True)
    for name in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js"):
        shutil.copy2(katex / "dist" / name, dest / name)
    shutil.copytree(katex / "dist" / "fonts", dest / "fonts")
    shutil.copy2(katex / "LICENSE", dest)
    return out / "vendor"


# --- the executed, tagged copy ------------------------------------------------------------------


def _text(cell) -> str:
    """A cell's source as one string."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def widget_figures(state: dict, model_id: str) -> list[str]:
    """The ``<img>`` tags (with alt text) in a widget and its children, in display order."""
    figures, seen, todo = [], set(), [model_id]
    while todo:
        mid = todo.pop(0)
        if mid in seen or mid not in state:
            continue
        seen.add(mid)
        values = state[mid].get("state", {})
        if isinstance(values.get("value"), str):
            figures += FIGURE.findall(values["value"])
        children = values.get("children", [])
        todo[0:0] = [c.removeprefix("IPY_MODEL_") for c in children if isinstance(c, str)]
    return figures


def shown_outputs(outputs: list, state: dict | None = None) -> list:
    """The outputs a slide shows: widget views become their text and the figures they drew
    (one output per figure); no stderr, no empties."""
    shown = []
    for output in outputs:
        output = copy.deepcopy(output)
        view = output.get("data", {}).get(WIDGET_MIME)
        figures = widget_figures(state or {}, view.get("model_id", "")) if view else []
        if output.get("output_type") == "stream" and output.get("name") != "stdout":
            continue
        if "data" in output:
            output["data"].pop(WIDGET_MIME, None)
            for mime in ("text/markdown", "text/html"):
                if mime in output["data"]:
                    output["data"][mime] = link_decks(_text({"source": output["data"][mime]}))
            if "text/markdown" in output["data"]:
                markdown = NOT_RUNNING.sub("", output["data"]["text/markdown"]).strip()
                if markdown:
                    output["data"]["text/markdown"] = fence_columns(markdown)
                else:
                    del output["data"]["text/markdown"]
                    output["data"].pop("text/plain", None)
            if not output["data"]:
                continue
        shown.append(output)
        for figure in figures:
            html = f"<div class='pmc-figures'>{figure}</div>"
            shown.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": html},
                }
            )
    return shown


def is_figure(output: dict) -> bool:
    """True for an output that shows a picture (a chart): it gets a slide of its own."""
    data = output.get("data", {})
    return any(m.startswith("image/") for m in data) or "<img" in str(data.get("text/html", ""))


def fence_columns(text: str) -> str:
    """Markdown that is really a table lined up with spaces, kept as such in a code block."""
    aligned = [line for line in text.splitlines() if COLUMNS.search(line.strip())]
    if len(aligned) < 2 or "```" in text:
        return text
    return f"```text\n{text.rstrip()}\n```\n"


def link_decks(text: str) -> str:
    """Markdown or HTML with links to course notebooks pointed at their decks instead."""
    return NOTEBOOK_LINK.sub(r"\1\2.slides.html", text)


def text_size(text: str) -> int:
    """Roughly how much of a slide Markdown fills, in characters: a short line (a list item,
    a table row) counts as half a line of text at least, a heading twice, and the gap
    between two paragraphs as half a line (see :func:`_line_size` for tables)."""
    size = 0
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines:
            size += LINE_CHARS // 2
        for line in lines:
            size += _line_size(line.strip())
    return size


def _line_size(line: str) -> int:
    """What one line of Markdown counts for in :func:`text_size`: a table row as its longest
    cell times the number of cells (its columns are narrow), a table's rule as nothing."""
    if TABLE_RULE.match(line):
        return 0
    if line.startswith("|"):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        return max(max(len(cell) for cell in cells) * len(cells), LINE_CHARS // 2)
    return max(len(line), LINE_CHARS // 2) * (2 if line.startswith("#") else 1)


def _size(cell) -> int:
    """Roughly how much of a slide a cell fills, in characters."""
    if cell.cell_type == "markdown":
        return text_size(_text(cell))
    size = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if is_figure(output):
            size += IMAGE_CHARS
            continue
        text = data.get("text/markdown") or data.get("text/plain") or output.get("text", "")
        size += text_size(text if isinstance(text, str) else "".join(text))
    return size


def split_block(block: str, limit: int) -> list[str]:
    """A Markdown list or table longer than ``limit`` cut between its items or rows (a table's
    header is repeated on each piece); any other block is left whole."""
    lines = block.splitlines()
    header: list[str] = []
    if len(lines) > 2 and lines[0].lstrip().startswith("|") and TABLE_RULE.match(lines[1].strip()):
        header, lines = lines[:2], lines[2:]
        starts = list(range(len(lines)))
    else:
        starts = [i for i, line in enumerate(lines) if LIST_ITEM.match(line)]
        if not starts or starts[0] != 0:
            return [block]
    if text_size(block) <= limit:
        return [block]
    items = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    pieces: list[list[str]] = []
    for item in items:
        if pieces and text_size("\n".join(header + pieces[-1] + item)) <= limit:
            pieces[-1] += item
        else:
            pieces.append(list(item))
    return ["\n".join(header + piece) for piece in pieces]


def split_prose(text: str, limit: int = SLIDE_CHARS) -> list[str]:
    """Markdown cut at blank lines (never in a code fence) into pieces of about ``limit``.

    A heading stays with what follows it; a block that opens with bold or a heading starts a
    new piece once the current one holds ``LEAD_CHARS``; a list or table longer than
    ``limit`` is cut between items or rows.
    """
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.extend(split_block("\n".join(current), limit))
            current = []
        else:
            current.append(line)
    if current:
        blocks.extend(split_block("\n".join(current), limit))
    pieces: list[str] = []
    for block in blocks:
        heading_only = pieces and "\n" not in pieces[-1] and pieces[-1].startswith("#")
        lead = block.startswith(("**", "#")) and pieces and text_size(pieces[-1]) > LEAD_CHARS
        fits = text_size(pieces[-1] + "\n" + block) < limit if pieces else False
        if pieces and (heading_only or (not lead and fits)):
            pieces[-1] += "\n\n" + block
        else:
            pieces.append(block)
    return pieces or [text]


def split_output(cell) -> list:
    """A code cell as the cells of its slides: each chart alone (marked ``pmc_figure``), and
    a long Markdown output cut into pieces."""
    import nbformat

    parts: list = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        markdown = _text({"source": data.get("text/markdown", "")})
        if is_figure(output) or text_size(markdown) <= SLIDE_CHARS or "```" in markdown:
            pieces = [output]
        else:
            pieces = [
                nbformat.v4.new_output("display_data", data={"text/markdown": piece})
                for piece in split_prose(markdown, limit=SLIDE_CHARS)
            ]
        for piece in pieces:
            part = copy.deepcopy(cell)
            part.id = cell.get("id", "cell") + (f"-{len(parts)}" if parts else "")
            part.outputs = [piece]
            if is_figure(piece):
                part.metadata["pmc_figure"] = True
            parts.append(part)
    return parts


def slide_type(cell) -> str | None:
    """'slide' for the title and ``## `` headings, 'subslide' for ``### ``, else None."""
    if cell.cell_type != "markdown":
        return None
    first = _text(cell).lstrip().split("\n", 1)[0]
    if first.startswith(("# ", "## ")):
        return "slide"
    if first.startswith("### "):
        return "subslide"
    return None


def notes_text(cell) -> str:
    """A facilitator cell's text without its marker and banner, for the speaker notes."""
    from .facilitator import BANNER, MARKER

    lines = _text(cell).replace(MARKER, "").strip().splitlines()
    if lines and lines[0].startswith(BANNER):
        lines = lines[1:]
    return "\n".join(lines).strip()


def slide_notebook(nb):
    """A copy of an executed notebook, cut and tagged for reveal.js; code input is hidden later.

    Facilitator cells (see :mod:`pm_course.authoring.facilitator`) become the speaker notes
    of the slide their heading starts."""
    import nbformat

    from .facilitator import is_facilitator_cell

    nb = copy.deepcopy(nb)
    widgets = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    cells: list = []
    after_heading = 0  # where notes go: after the last slide heading and its notes
    for cell in nb.cells:
        if is_facilitator_cell(cell):
            notes = nbformat.v4.new_markdown_cell(notes_text(cell))
            notes.id = cell.get("id", "notes")
            notes.metadata["slideshow"] = {"slide_type": "notes"}
            cells.insert(after_heading, notes)
            after_heading += 1
        elif cell.cell_type == "code":
            cell.outputs = shown_outputs(cell.get("outputs", []), widgets)
            cells += split_output(cell)
        elif cell.get("id") == HELP_CELL:
            continue  # a projected deck has no controls to bring back
        elif cell.cell_type == "markdown":
            pieces = split_prose(link_decks(_text(cell)))
            for n, piece in enumerate(pieces):
                part = nbformat.v4.new_markdown_cell(piece)
                part.id = cell.get("id", "cell") + (f"-{n}" if n else "")
                cells.append(part)
                if slide_type(part) == "slide":
                    after_heading = len(cells)
    filled = 0
    for cell in cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            continue
        kind = slide_type(cell)
        size = _size(cell)
        if kind is None:
            figure = cell.metadata.pop("pmc_figure", False)
            kind = "fragment" if not figure and filled + size <= SLIDE_CHARS else "subslide"
        filled = size if kind != "fragment" else filled + size
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.cells = cells
    return nb


# --- the decks ----------------------------------------------------------------------------------


def exporter():
    """A SlidesExporter with every URL local or unused and code input hidden."""
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    return SlidesExporter(
        extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})],
        template_file=TEMPLATE_NAME,
        reveal_url_prefix=REVEAL_DIR,
        reveal_theme=THEME,
        reveal_width=str(WIDTH),
        reveal_height=str(HEIGHT),
        require_js_url=REQUIRE_JS,
        # Not loaded by the template above; set anyway so no CDN address is left anywhere
        # (formulas are typeset by the local KaTeX instead of MathJax).
        jquery_url="",
        mathjax_url="",
        mermaid_js_url="",
        font_awesome_url="",
        jupyter_widgets_base_url="",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def with_notes(nb, path: Path):
    """The executed notebook with its facilitator notes inserted as the facilitator edition
    has them (``facilitator/<slug>.md`` beside ``notebooks/``), or as it is without notes.

    Notes that do not fit the notebook (a heading naming no part) are left out with a
    warning: the deck is still built (``make facilitator`` stops on the same mistake)."""
    import nbformat

    from ..course.content import section
    from .facilitator import FacilitatorError, facilitator_notebook

    notes_path = path.parent.parent / NOTES / f"{path.stem}.md"
    if not notes_path.exists():
        return nb
    notes = notes_path.read_text(encoding="utf-8")
    try:
        noted = facilitator_notebook(nb, notes, section(path.stem), notes_path.name)
    except (FacilitatorError, LookupError) as exc:
        print(f"{path.stem}: no speaker notes: {exc}", file=sys.stderr, flush=True)
        return nb
    return nbformat.from_dict(noted)


def build_deck(path: Path, out: Path) -> Path:
    """Execute one notebook, tag the copy and write ``out/<slug>.slides.html``."""
    import nbformat

    nb = run_notebook(nbformat.read(path, as_version=4), path, widget_state=True, rc=CHART_RC)
    body, _resources = exporter().from_notebook_node(
        slide_notebook(with_notes(nb, path)), resources={"metadata": {"name": path.stem}}
    )
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def build(
    out: Path,
    course_dir: Path | str | None = None,
    cache: Path | None = None,
    only: Sequence[str] | None = None,
) -> list[Path]:
    """Build a deck per section notebook of ``course_dir`` (default: the current folder), or
    of those whose slug starts with one of ``only``; ``cache`` defaults to its build/vendor."""
    paths = notebook_paths(course_dir, SlidesError)
    if only:
        paths = [path for path in paths if path.stem.startswith(tuple(only))]
        if not paths:
            raise SlidesError(
                f"no notebook in {course_root(course_dir)} starts with {', '.join(only)}"
            )
    out.mkdir(parents=True, exist_ok=True)
    vendor(out, cache_dir(course_dir) if cache is None else cache)
    written = []
    for path in paths:
        print(f"building {path.stem}", file=sys.stderr, flush=True)
        written.append(build_deck(path, out))
    return written
