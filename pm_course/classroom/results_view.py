"""Widgets for class results: the section feedback gadget and the results export."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as W

from ..course.content import section as find_section
from ..course.store import Store, get_store
from ..course.text import not_running
from ..ui import controls
from ..ui.parts import COLOURS, FRAME, TextFallback, html_block, safe, warnings_html
from . import results

USEFUL = ("not useful", "a little useful", "useful", "very useful", "extremely useful")
HARD = ("very easy", "easy", "about right", "hard", "very hard")
#: Opens a block of small print with room between its lines (close with </small></div>).
SMALL = "<div style='line-height:1.4'><small>"


def _scale(label: str, words: tuple[str, ...]) -> W.ToggleButtons:
    """Five keyboard-focusable buttons 1 to 5, each with a tooltip in words."""
    return W.ToggleButtons(
        options=[(str(n), n) for n in results.SCALE],
        value=None,
        description=label,
        tooltips=[f"{n}: {w}" for n, w in zip(results.SCALE, words, strict=True)],
        style={"description_width": "9rem", "button_width": "3rem"},
    )


class SectionFeedbackView(TextFallback, W.VBox):
    """How useful and how hard a section was (1 to 5), and a comment; saved and restored."""

    def __init__(self, slug: str, store: Store | None = None):
        self.section = find_section(slug)
        self.store = store or get_store()
        self.useful = _scale("How useful? (1–5)", USEFUL)
        self.hard = _scale("How hard? (1–5)", HARD)
        self.scale_words = W.HTML(
            "<small>1 = not useful · 5 = extremely useful; 1 = very easy · 5 = very hard</small>"
        )
        self.comment = controls.text(
            "Comment",
            placeholder="Optional: what helped, what was unclear…",
            rows=2,
            label_width="initial",
            width="48rem",
        )
        self.save_button = controls.button(
            "Save feedback",
            self.save,
            primary=True,
            tooltip="Save your feedback on this section (kept with your progress)",
        )
        self.status = W.HTML()
        from .sharing_view import share_results  # it builds on ExportResultsView below

        #: At the close of every section: the results for the instructor (live sharing on a
        #: hub with a class folder, else the export), so any agenda's last section has it.
        self.results = share_results(self.store)
        super().__init__(
            [
                W.HTML(f"<strong>Feedback on “{escape(self.section.title)}”</strong>"),
                self.useful,
                self.hard,
                self.scale_words,
                self.comment,
                W.HBox([self.save_button]),
                self.status,
                self.results,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-feedback")
        self._restore()

    def _restore(self) -> None:
        saved = results.saved_feedback(self.store, self.section.slug)
        if saved:
            self.useful.value = saved["useful"]
            self.hard.value = saved["hard"]
            self.comment.value = saved["comment"]
            self.status.value = html_block("Your saved feedback is shown.", COLOURS["saved"])
        self.status.value += warnings_html(self.store)

    @safe
    def save(self) -> dict | None:
        """Check and save the feedback; a missing rating gives a message, nothing is lost."""
        try:
            data = results.check_feedback(self.useful.value, self.hard.value, self.comment.value)
        except ValueError as exc:
            self.status.value = html_block(escape(str(exc)), COLOURS["invalid"])
            return None
        self.store.save_note(self.section.slug, results.feedback_key(self.section.slug), data)
        self.status.value = html_block(
            f"✓ Saved: useful {data['useful']} of 5, hard {data['hard']} of 5. "
            "It goes to your instructor only in your results file, if you export or share it.",
            COLOURS["saved"],
        ) + warnings_html(self.store)
        return data

    def _text_plain(self) -> str:
        saved = results.saved_feedback(self.store, self.section.slug)
        lines = [
            f"Feedback on '{self.section.title}': how useful (1 to 5), how hard (1 to 5), "
            "and an optional comment. " + not_running("answer")
        ]
        if saved:
            lines.append(f"Saved: useful {saved['useful']} of 5, hard {saved['hard']} of 5.")
        lines.append(self.results._text_plain())
        return "\n".join(lines)


class ExportResultsView(TextFallback, W.VBox):
    """A name box, an 'include my reflections' tick box, a folder and an Export button."""

    def __init__(self, folder: str | Path | None = None, store: Store | None = None):
        """``folder`` defaults to ``$PM_COURSE_CLASS_DIR`` if your instructor set it, else this
        folder."""
        self.store = store or get_store()
        self.name = controls.text(
            "Name or code",
            results.remembered_name(self.store),
            tooltip="A random code keeps you anonymous; you may type a name you choose",
            label_width="9rem",
            width="28rem",
        )
        self.reflections = controls.tick("Include my reflections (your own written answers)")
        self.folder = controls.text(
            "Folder",
            str(Path(folder) if folder else results.class_folder()),
            tooltip="Where the results file is saved",
            label_width="9rem",
            width="40rem",
        )
        self.export_button = controls.button(
            "Export my results",
            self.export,
            icon="download",
            primary=True,
            tooltip="Save a small JSON file of your results for your instructor",
        )
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    f"<strong>Share your results with your instructor</strong>{SMALL}"
                    "The file holds your answers, attempts, hints, poll votes and section "
                    "feedback. Your reflections go in only if you tick the box.</small></div>"
                ),
                self.name,
                self.reflections,
                self.folder,
                W.HBox([self.export_button]),
                self.status,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-export-results")

    @safe
    def export(self) -> Path | None:
        """Write the results file; a bad name or folder gives a message, nothing is lost."""
        try:
            name = results.clean_name(self.name.value)
        except ValueError as exc:
            self.status.value = html_block(escape(str(exc)), COLOURS["invalid"])
            return None
        folder = self.folder.value.strip() or str(results.class_folder())
        try:
            path = results.export_results(
                self.store, name, reflections=self.reflections.value, folder=folder
            )
        except OSError as exc:
            self.status.value = html_block(
                f"Could not write to the folder <code>{escape(folder)}</code> "
                f"({escape(exc.strerror or str(exc))}). Choose another folder and try again.",
                COLOURS["invalid"],
            )
            return None
        except ValueError as exc:  # too big to share: the message says what to untick
            self.status.value = html_block(escape(str(exc)), COLOURS["invalid"])
            return None
        with_refl = "with" if self.reflections.value else "without"
        self.status.value = html_block(
            f"✓ Exported ({with_refl} reflections) to <code>{escape(str(path))}</code>. "
            "Hand this file to your instructor.",
            COLOURS["saved"],
        )
        return path

    def _text_plain(self) -> str:
        return (
            "Export your results: check the name (a random code "
            "unless you type one), tick 'Include my reflections' if you wish, and click "
            "'Export my results'. Or from a terminal: pm-course export-results.\n"
            + not_running("export your results")
        )
