"""The glossary as a live widget: a search box that filters as you type, a choice of notebook,
and every phrase with its definition and a link to the notebook that teaches it.

The loading, checking and searching live in ``pm_course.course.glossary``; this module only builds
widgets and writes HTML.
"""

from __future__ import annotations

import re
from html import escape

import ipywidgets as W

from ...course.content import section
from ...course.glossary import Term, glossary, search, sort_terms
from ...course.text import not_running
from ...ui import controls
from ...ui.parts import FRAME, TextFallback, html_block, safe

NOTE = not_running("search the glossary as you type")
#: Links look like links inside a widget too (JupyterLab's widget CSS does not style them).
LINK = "color:#0072B2;text-decoration:underline"


def notebook_label(slug: str) -> str:
    """'02 · The product life cycle' for '02_product_life_cycle'."""
    sec = section(slug)
    return f"{sec.number} · {sec.title}"


def notebook_link(slug: str) -> str:
    """A relative link to a notebook of the course, labelled with its number and title."""
    return (
        f"<a href='{escape(slug, quote=True)}.ipynb' style='{LINK}'>"
        f"{escape(notebook_label(slug))}</a>"
    )


def _highlight(text: str, query: str) -> str:
    """The text, escaped, with each word of the query marked where it appears."""
    words = sorted({w for w in re.split(r"[\W_]+", query) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def term_html(term: Term, query: str = "") -> str:
    """One phrase: the phrase, its definition, where it is taught and related phrases."""
    also = f" See also: {escape(', '.join(term.see_also))}." if term.see_also else ""
    return (
        "<li style='margin:8px 0 0 0'>"
        f"<strong style='display:block'>{_highlight(term.phrase, query)}</strong>"
        f"<div style='margin:2px 0 0 1.2em;line-height:1.4'>{_highlight(term.definition, query)}"
        f"<br><small>Taught in {notebook_link(term.notebook)}.{also}</small></div></li>"
    )


def results_html(found: list[Term], query: str, total: int) -> str:
    """The matching phrases as a definition list, or what to do when nothing matches."""
    if not found:
        shown = " ".join(query.split())
        return html_block(
            f"No phrase matches <strong>{escape(shown)}</strong>. Try a shorter search, such "
            "as the first few letters of one word, or choose <em>All notebooks</em>.",
            "#E69F00",
        )
    items = "".join(term_html(t, query) for t in found)
    return (
        "<div role='region' aria-label='Matching phrases' tabindex='0' "
        "style='max-height:30rem;overflow-y:auto;border:1px solid #ddd;padding:0 10px 6px'>"
        f"<ul style='list-style:none;margin:4px 0;padding:0;max-width:48rem'>{items}</ul></div>"
    )


class GlossaryView(TextFallback, W.VBox):
    """Search the key phrases as you type; each result links to the notebook that teaches it."""

    def __init__(self, terms: tuple[Term, ...] | None = None):
        self.terms = sort_terms(terms if terms is not None else glossary())
        slugs = sorted({t.notebook for t in self.terms})
        self.query = controls.text(
            "Search",
            placeholder="part of a phrase or of a definition, e.g. metric",
            tooltip="Type to filter the phrases; the list changes as you type",
            continuous=True,
            label_width="5rem",
            width="28rem",
        )
        self.notebook = controls.choice(
            "Taught in",
            [("All notebooks", ""), *((notebook_label(s), s) for s in slugs)],
            "",
            tooltip="Show only the phrases one notebook teaches",
            label_width="5rem",
            width="28rem",
        )
        self.count = W.HTML()
        self.results = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Key phrases for product managers</h3><div style='line-height:1.4'>"
                    "Type in the box to filter the phrases as you type; matches in a phrase come "
                    "before matches in a definition. Each phrase links to the notebook that "
                    "teaches it.</div>"
                ),
                W.VBox([self.query, self.notebook]),
                self.count,
                self.results,
                self.status,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-model")
        self.query.observe(lambda _: self.update(), names="value")
        self.notebook.observe(lambda _: self.update(), names="value")
        self.update()

    @property
    def found(self) -> list[Term]:
        """The phrases that match the search and the chosen notebook."""
        return search(self.terms, self.query.value, self.notebook.value or None)

    @safe
    def update(self) -> None:
        """Filter the phrases for what is in the box and the notebook chosen."""
        found = self.found
        total = len(self.terms)
        self.count.value = (
            f"<p role='status' aria-live='polite' style='margin:4px 0'><strong>{len(found)} of "
            f"{total} phrases</strong></p>"
        )
        self.results.value = results_html(found, self.query.value, total)
        self.status.value = ""

    def _text_plain(self) -> str:
        lines = [f"Key phrases for product managers: {len(self.terms)} phrases, A to Z.", ""]
        for t in self.terms:
            lines.append(f"{t.phrase}: {t.definition} (taught in {notebook_label(t.notebook)})")
        return "\n".join([*lines, "", NOTE])

    def _text_markdown(self) -> str:
        lines = [f"**Key phrases for product managers**: {len(self.terms)} phrases, A to Z.", ""]
        for t in self.terms:
            lines.append(
                f"- **{t.phrase}**: {t.definition} "
                f"(taught in [{notebook_label(t.notebook)}]({t.notebook}.ipynb))"
            )
        return "\n".join([*lines, "", f"_{NOTE}_"])
