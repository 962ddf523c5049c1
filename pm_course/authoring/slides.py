"""Slide decks: one reveal.js deck per section, built from the notebooks, working offline.

The learner notebooks are read, never written. Steps of :func:`build`:
1. fetch reveal.js and require.js once with ``npm pack`` into a cache folder (``build/vendor``)
   and copy the files the decks load into ``<out>/vendor``;
2. run each notebook on a fresh kernel with a throwaway progress store (as
   ``tools/notebooks.py`` does), keeping the widgets' final state;
3. in the executed copy, replace widget views by their text fallbacks and the figures the
   widgets drew (read from the saved widget state), drop cells with nothing to show, split
   long prose, and tag cells for slides: the title and each ``## `` heading start a slide,
   ``### `` a sub-slide, and what follows is a fragment while it fits or a new sub-slide;
   code input is hidden;
4. convert with nbconvert's ``SlidesExporter``, every URL pointed at ``vendor/`` or left
   out (no jQuery, MathJax, Mermaid or widget manager: the decks need none of them), and
   write ``<out>/<slug>.slides.html``.

The notebooks are read from the course folder (``course_dir``, by default the current folder),
and reveal.js is cached in its ``build/vendor``. The output folder is self-contained: copy it to
a USB stick and open any deck in a browser.
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

from .execute import run_notebook
from .folder import course_root, notebook_paths

#: Where reveal.js and require.js are kept once fetched, inside the course folder.
CACHE = Path("build", "vendor")
REVEAL_VERSION = "4.6.1"  # nbconvert 7's reveal template is written for reveal.js 4
REQUIREJS_VERSION = "2.3.8"
REVEAL_DIR = f"vendor/reveal.js-{REVEAL_VERSION}"
REQUIRE_JS = f"vendor/requirejs-{REQUIREJS_VERSION}/require.js"
THEME = "white"  # its font is bundled; "simple" imports Google Fonts
#: Rough characters of prose that fit one slide before the rest moves to a sub-slide.
SLIDE_CHARS = 700
#: A bold or heading block starts a new piece of prose after this many characters.
LEAD_CHARS = 200
#: What an image counts for against SLIDE_CHARS.
IMAGE_CHARS = 600
#: A Markdown link to a course notebook beside this one: it becomes a link to that deck.
NOTEBOOK_LINK = re.compile(r"""(\]\(|href=["'])(\d\d_\w+)\.ipynb""")
#: A gap of three or more spaces inside a line: columns lined up with spaces.
COLUMNS = re.compile(r"\S {3,}\S")
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
<style type="text/css">
.reveal .slides section section { max-height: 100%; overflow-y: auto; text-align: left; }
.reveal .slides section section :is(h1, h2, h3) { text-align: left; text-transform: none; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script>
require(
  ["{{ resources.reveal.url_prefix }}/dist/reveal.js",
   "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"],
  function (Reveal, RevealNotes) {
    Reveal.initialize({
      controls: true, progress: true, history: true,
      transition: "{{ resources.reveal.transition }}",
      slideNumber: "{{ resources.reveal.number }}",
      plugins: [RevealNotes],
      width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }}
    });
  }
);
</script>
{% endblock footer_js %}
"""


class SlidesError(RuntimeError):
    """The decks cannot be built; the message says what is missing."""


# --- reveal.js and require.js -------------------------------------------------------------------


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
        [npm, "pack", package, "--loglevel=error", "--pack-destination", str(cache)],
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
    dest = out / REVEAL_DIR
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(reveal / "dist", dest / "dist", ignore=shutil.ignore_patterns("*.map", "*esm*"))
    (dest / "plugin" / "notes").mkdir(parents=True)
    shutil.copy2(reveal / "plugin" / "notes" / "notes.js", dest / "plugin" / "notes")
    shutil.copy2(reveal / "LICENSE", dest)
    (out / REQUIRE_JS).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(requirejs / "require.js", out / REQUIRE_JS)
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
    """The outputs a slide shows: widget views become their text and the figures they drew;
    no stderr, no empties."""
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
                output["data"]["text/markdown"] = fence_columns(output["data"]["text/markdown"])
            if not output["data"]:
                continue
        shown.append(output)
        if figures:
            html = "<div class='pmc-figures'>" + "".join(figures) + "</div>"
            shown.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": html},
                }
            )
    return shown


def fence_columns(text: str) -> str:
    """Markdown that is really a table lined up with spaces, kept as such in a code block."""
    aligned = [line for line in text.splitlines() if COLUMNS.search(line.strip())]
    if len(aligned) < 2 or "```" in text:
        return text
    return f"```text\n{text.rstrip()}\n```\n"


def link_decks(text: str) -> str:
    """Markdown or HTML with links to course notebooks pointed at their decks instead."""
    return NOTEBOOK_LINK.sub(r"\1\2.slides.html", text)


def _size(cell) -> int:
    """Roughly how much of a slide a cell fills, in characters."""
    if cell.cell_type == "markdown":
        return len(_text(cell))
    size = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if any(m.startswith("image/") for m in data):
            size += IMAGE_CHARS
        size += IMAGE_CHARS * str(data.get("text/html", "")).count("<img")
        text = data.get("text/markdown") or data.get("text/plain") or output.get("text", "")
        size += len(text if isinstance(text, str) else "".join(text))
    return size


def split_prose(text: str, limit: int = SLIDE_CHARS) -> list[str]:
    """Markdown cut at blank lines (never in a code fence) into pieces of about ``limit``.

    A heading stays with what follows it; a block that opens with bold or a heading starts a
    new piece once the current one holds ``LEAD_CHARS``.
    """
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    pieces: list[str] = []
    for block in blocks:
        heading_only = pieces and "\n" not in pieces[-1] and pieces[-1].startswith("#")
        lead = block.startswith(("**", "#")) and pieces and len(pieces[-1]) > LEAD_CHARS
        if pieces and (heading_only or (not lead and len(pieces[-1]) + len(block) < limit)):
            pieces[-1] += "\n\n" + block
        else:
            pieces.append(block)
    return pieces or [text]


def split_output(cell) -> list:
    """A code cell, or several when its one Markdown output is too long for a slide."""
    import nbformat

    if not cell.outputs:
        return []
    data = cell.outputs[0].get("data", {})
    markdown = _text({"source": data.get("text/markdown", "")})
    if len(cell.outputs) > 1 or len(markdown) <= SLIDE_CHARS or "```" in markdown:
        return [cell]
    if any(m.startswith("image/") for m in data):
        return [cell]
    parts = []
    for n, piece in enumerate(split_prose(markdown, limit=2 * SLIDE_CHARS)):
        part = copy.deepcopy(cell)
        part.id = cell.get("id", "cell") + (f"-{n}" if n else "")
        part.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": piece})]
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


def slide_notebook(nb):
    """A copy of an executed notebook, cut and tagged for reveal.js; code input is hidden later."""
    import nbformat

    nb = copy.deepcopy(nb)
    widgets = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = shown_outputs(cell.get("outputs", []), widgets)
            cells += split_output(cell)
        elif cell.cell_type == "markdown":
            pieces = split_prose(link_decks(_text(cell)))
            for n, piece in enumerate(pieces):
                part = nbformat.v4.new_markdown_cell(piece)
                part.id = cell.get("id", "cell") + (f"-{n}" if n else "")
                cells.append(part)
    filled = 0
    for cell in cells:
        kind = slide_type(cell)
        size = _size(cell)
        if kind is None:
            kind = "fragment" if filled + size <= SLIDE_CHARS else "subslide"
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
        reveal_width="1280",
        reveal_height="800",
        require_js_url=REQUIRE_JS,
        # Not loaded by the template above; set anyway so no CDN address is left anywhere.
        jquery_url="",
        mathjax_url="",
        mermaid_js_url="",
        font_awesome_url="",
        jupyter_widgets_base_url="",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def build_deck(path: Path, out: Path) -> Path:
    """Execute one notebook, tag the copy and write ``out/<slug>.slides.html``."""
    import nbformat

    nb = run_notebook(nbformat.read(path, as_version=4), path, widget_state=True)
    body, _resources = exporter().from_notebook_node(
        slide_notebook(nb), resources={"metadata": {"name": path.stem}}
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
