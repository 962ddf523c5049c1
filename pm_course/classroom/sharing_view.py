"""Results for the instructor, one control for every set-up: live sharing when the instructor
set a class folder (a JupyterHub), else the results file export (laptops, Binder)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as W

from ..course.store import Store, get_store
from ..course.text import not_running
from ..ui import controls
from ..ui.parts import COLOURS, FRAME, TextFallback, html_block, live, safe
from . import results, sharing
from .results_view import SMALL, ExportResultsView

WHAT = (
    "They see a code name (not your login), your answers, attempts, hints, poll votes and "
    "section feedback; your reflections only if you tick the box."
)


class LiveSharingView(TextFallback, W.VBox):
    """The consent choice: share my results with my instructor, or stop (deleting my file)."""

    def __init__(self, store: Store | None = None, folder: str | Path | None = None):
        self.store = store or get_store()
        self.folder = Path(folder) if folder else sharing.class_dir()
        chosen = sharing.consent(self.store)
        self.name = controls.text(
            "Code name",
            chosen.name if chosen else results.remembered_name(self.store),
            tooltip="A random code keeps you anonymous; you may type a name you choose",
            label_width="9rem",
            width="28rem",
        )
        self.reflections = controls.tick(
            "Include my reflections (your own written answers)",
            bool(chosen and chosen.reflections),
        )
        self.share_button = controls.button(
            "Share my results",
            self.share,
            icon="share",
            primary=True,
            tooltip="Keep a results file for your instructor, updated as you answer",
        )
        self.stop_button = controls.button(
            "Stop sharing",
            self.stop,
            tooltip="Stop sharing and delete your results file from the class folder",
        )
        self.status = W.HTML()
        super().__init__(
            [
                W.HTML(
                    f"<strong>Share your results with your instructor?</strong>{SMALL}"
                    "Your instructor has set up a class folder. If you agree, your results "
                    f"file there is kept up to date as you answer. {WHAT} You can change "
                    "your mind at any time: stopping deletes your file.</small></div>"
                ),
                self.name,
                self.reflections,
                controls.row(self.share_button, self.stop_button),
                self.status,
            ],
            layout=W.Layout(**FRAME),
        )
        self.add_class("pmc-sharing")
        self._show(chosen)

    def _show(self, chosen: sharing.Consent | None, note: str = "") -> None:
        """The status line: what is chosen now, and any problem."""
        colour = COLOURS["recorded"]
        if chosen is None:
            text = "You have not chosen yet: nothing is shared."
        elif chosen.share:
            extra = "with" if chosen.reflections else "without"
            text = (
                f"✓ Sharing as <strong>{escape(chosen.name)}</strong> ({extra} reflections): "
                "your file is updated a moment after each answer."
            )
            colour = COLOURS["saved"]
        else:
            text = "Not sharing: the class folder holds no file of yours."
        problem = sharing.publisher(self.store).problem if chosen and chosen.share else None
        body = html_block(text + (f" {note}" if note else ""), colour)
        if problem:
            body += html_block(escape(problem) + " It is tried again at your next answer.",
                               COLOURS["invalid"])  # fmt: skip
        self.status.value = live(body)

    @safe
    def share(self) -> Path | None:
        """Agree to share (or change the name or the reflections choice)."""
        try:
            path = sharing.agree(
                self.store,
                reflections=self.reflections.value,
                name=self.name.value,
                folder=self.folder,
            )
        except ValueError as exc:  # a blank name, or too big to share
            self.status.value = live(html_block(escape(str(exc)), COLOURS["invalid"]))
            return None
        except OSError as exc:
            sharing.publisher(self.store)  # the choice is saved: later answers try again
            self.status.value = live(
                html_block(
                    f"Your choice is saved, but the class folder <code>{escape(str(self.folder))}"
                    f"</code> cannot be written just now ({escape(exc.strerror or str(exc))}). "
                    "Tell your instructor; your next answer tries again.",
                    COLOURS["invalid"],
                )
            )
            return None
        sharing.publisher(self.store)
        self._show(sharing.consent(self.store))
        return path

    @safe
    def stop(self) -> bool:
        """Stop sharing and delete the file."""
        try:
            deleted = sharing.withdraw(self.store, self.folder)
        except OSError as exc:
            self.status.value = live(
                html_block(
                    "You are no longer sharing, but your old file could not be deleted "
                    f"({escape(exc.strerror or str(exc))}): ask your instructor to delete it.",
                    COLOURS["invalid"],
                )
            )
            return False
        sharing.publisher(self.store).stop()
        self._show(sharing.consent(self.store), "Your file was deleted." if deleted else "")
        return deleted

    def _text_plain(self) -> str:
        chosen = sharing.consent(self.store)
        now = (
            "You share your results."
            if chosen and chosen.share
            else "You do not share your results."
        )
        return (
            "Share your results with your instructor: your instructor has set up a class "
            f"folder. {WHAT} {now} " + not_running("choose")
        )


def share_results(store: Store | None = None) -> W.Widget:
    """The one control for results: live sharing on a hub with a class folder, else export."""
    if sharing.class_dir() is not None:
        return LiveSharingView(store)
    return ExportResultsView(store=store)
