"""The completion certificate as a live widget: a name box and a button that writes the page.

The page is built by ``certificate.certificate_html`` from the learner's progress (sections
completed, read with ``pm_course.course.summary.section_progress``) and the final-check score, and
written atomically into the current folder (or the folder given). The name is kept with
``Store.save_note`` so it is there when the cell is run again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

import ipywidgets as W

from ...course.content import Section
from ...course.files import write_text_atomic
from ...course.store import Store, get_store
from ...course.summary import section_progress
from ...course.text import not_running
from ...ui import controls
from ...ui.parts import COLOURS, FRAME, TextFallback, html_block, safe, warnings_html
from ..final_check.model import current_score
from .model import (
    NAME_MAX,
    NOTE_KEY,
    SECTION,
    certificate_html,
    clean_name,
    default_path,
)

NOTE = not_running("type your name and press 'Save my certificate'")


class CertificateView(TextFallback, W.VBox):
    """Type a name, press the button: a dated, printable HTML certificate is written."""

    def __init__(
        self,
        path: Path | str | None = None,
        store: Store | None = None,
        sections: tuple[Section, ...] | None = None,
        today: date | Callable[[], date] | None = None,
    ):
        self.store = store or get_store()
        self.path = path
        self.sections = sections
        self._today = today
        saved = self.store.note(NOTE_KEY)
        self.name = controls.text(
            "Your name",
            saved if isinstance(saved, str) else "",
            placeholder="as you want it printed on the certificate",
            tooltip=f"Your name as it should be printed, up to {NAME_MAX} characters "
            "(Enter saves the certificate)",
            label_width="6rem",
            width="30rem",
            submit=self.save,
        )
        self.save_button = controls.button(
            "Save my certificate",
            self.save,
            icon="certificate",
            primary=True,
            tooltip="Write the certificate as an HTML file in this folder",
        )
        self.contents = W.HTML()
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    "<h3>Your certificate</h3><div style='line-height:1.4'>Type your name and "
                    "press <strong>Save my certificate</strong>. It writes one HTML page, with "
                    "nothing to download and nothing sent anywhere, that you can open in a "
                    "browser and print or save as PDF.</div>"
                ),
                self.contents,
                controls.row(self.name, self.save_button),
                self.status,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-model")
        self.refresh()

    def today(self) -> date:
        """The date printed on the certificate (injectable for tests)."""
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def _facts(self) -> tuple[list[tuple[str, str]], int, str]:
        rows = section_progress(self.store, self.sections)
        done = [(r.slug.split("_", 1)[0], r.title) for r in rows if r.total and r.done == r.total]
        return done, len(rows), current_score(self.store).words

    @safe
    def refresh(self) -> None:
        """Say what the certificate will show, from the progress saved so far."""
        done, total, score = self._facts()
        listed = ", ".join(f"{n} {t}" for n, t in done) if done else "none yet"
        self.contents.value = (
            "<div style='line-height:1.4;margin:4px 0'><small>It will show: sections "
            f"completed ({len(done)} of {total}): {escape(listed)}. {escape(score)}</small></div>"
        )

    def target(self) -> Path:
        """The file the certificate is written to."""
        if self.path is not None and Path(self.path).suffix.lower() == ".html":
            return Path(self.path).expanduser()
        return default_path(self.today(), self.path)

    @safe
    def save(self) -> Path | None:
        """Check the name, build the page and write it; say where it went."""
        self.refresh()
        try:
            name = clean_name(self.name.value)
        except ValueError as exc:
            message = str(exc).removeprefix("certificate: ")
            self.status.value = html_block(
                escape(message[:1].upper() + message[1:]) + ".", COLOURS["invalid"]
            )
            return None
        done, total, score = self._facts()
        page = certificate_html(name, done, score, self.today(), total)
        written = write_text_atomic(self.target(), page)
        self.store.save_note(SECTION, NOTE_KEY, name)
        self.status.value = html_block(
            f"Saved your certificate to <code>{escape(str(written.resolve()))}</code>. "
            "Open it from the file browser on the left (right-click, then <em>Open in New "
            "Browser Tab</em>) and print it, or save it as PDF.",
            COLOURS["saved"],
        ) + warnings_html(self.store)
        return written

    def _text_plain(self) -> str:
        return (
            "Your certificate: type your name and press 'Save my certificate'. It writes a "
            "self-contained HTML page with your name, the sections you have completed, your "
            "final-check score and the date, into this folder.\n\n" + NOTE
        )
