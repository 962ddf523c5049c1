"""Live sharing: a learner's results file in the instructor's class folder, kept up to date.

When the instructor sets ``PM_COURSE_CLASS_DIR`` to a folder every learner can write to (a
shared folder on a JupyterHub), each learner chooses once whether to share (:func:`agree`) and
may change their mind at any time (:func:`withdraw`, which deletes their file). A learner who
agrees has one file, ``pm-course-live-<id>.json``, where ``<id>`` is a random code kept with
their progress: it names nobody, and no other learner's file can have the same name. The file
is the same results file an export makes (:func:`pm_course.classroom.results.build_results`),
so the class report reads both the one way, and it is rewritten atomically a moment after each
answer (:class:`Publisher`, a store listener), so the report is current without anyone
exporting. Reflections go in only if the learner ticks the box. Nothing here imports ipywidgets.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..course.files import json_text, write_text_atomic
from ..course.store import Event, Store
from . import results

CONSENT_KEY = "sharing:consent"
LIVE_PREFIX = "pm-course-live-"
#: Seconds to wait after an answer before rewriting the file: a burst of answers, one write.
DELAY = 1.0
#: Events that change the results file (notes only for section feedback).
_KINDS = ("answer", "hint", "reveal")


@dataclass(frozen=True)
class Consent:
    """What the learner chose: to share or not, with their reflections or not, under which
    name; ``id`` is their file's random code."""

    share: bool
    reflections: bool
    name: str
    id: str


def class_dir() -> Path | None:
    """The instructor's class folder (``$PM_COURSE_CLASS_DIR``), or None when none is set."""
    env = os.environ.get(results.ENV_CLASS_DIR, "").strip()
    return Path(env).expanduser() if env else None


def consent(store: Store) -> Consent | None:
    """The learner's last choice, or None if they have not chosen (or the note is damaged)."""
    data = store.note(CONSENT_KEY)
    if not isinstance(data, dict):
        return None
    code = data.get("id")
    if not isinstance(code, str) or not code.isalnum():
        return None
    try:
        name = results.clean_name(data.get("name"))
    except ValueError:
        name = results.random_pseudonym()
    return Consent(bool(data.get("share")), bool(data.get("reflections")), name, code)


def live_path(folder: Path, code: str) -> Path:
    """The learner's live results file in ``folder``."""
    return folder / f"{LIVE_PREFIX}{code}.json"


def publish(store: Store, folder: Path | None = None) -> Path | None:
    """Rewrite the learner's live file if they share (atomically: the report never reads half
    a file); returns its path, or None if they do not share or no class folder is set.
    Raises OSError (the folder cannot be written) or ValueError (too big to share)."""
    folder = folder or class_dir()
    chosen = consent(store)
    if folder is None or chosen is None or not chosen.share:
        return None
    data = results.build_results(store, chosen.name, reflections=chosen.reflections)
    text = json_text(data)
    results.check_size(text, chosen.reflections)
    if not folder.is_dir():
        raise FileNotFoundError(2, "the class folder does not exist", str(folder))
    path = write_text_atomic(live_path(folder, chosen.id), text)
    with contextlib.suppress(OSError):  # the instructor must be able to read it
        path.chmod(0o644)
    return path


def agree(
    store: Store, *, reflections: bool = False, name: str | None = None, folder: Path | None = None
) -> Path | None:
    """Share from now on (``name`` or the remembered code; reflections only if asked) and
    write the file at once. Raises ValueError for a bad name; OSError or ValueError from
    :func:`publish` leave the choice saved, so the next answer tries again."""
    before = consent(store)
    pseudonym = results.clean_name(name) if name else results.remembered_name(store)
    code = before.id if before else secrets.token_hex(6)
    store.save_note("results", results.NAME_KEY, pseudonym)
    store.save_note(
        "results",
        CONSENT_KEY,
        {"share": True, "reflections": bool(reflections), "name": pseudonym, "id": code},
    )
    return publish(store, folder)


def withdraw(store: Store, folder: Path | None = None) -> bool:
    """Stop sharing and delete the learner's file; True if a file was deleted. Raises OSError
    if the file exists and cannot be deleted (the choice is saved anyway)."""
    before = consent(store)
    code = before.id if before else secrets.token_hex(6)
    name = before.name if before else results.remembered_name(store)
    store.save_note(
        "results", CONSENT_KEY, {"share": False, "reflections": False, "name": name, "id": code}
    )
    folder = folder or class_dir()
    if folder is None or before is None:
        return False
    try:
        live_path(folder, code).unlink()
    except FileNotFoundError:
        return False
    return True


class Publisher:
    """Keeps a store's live file current: after each answer, hint, reveal or section feedback
    it rewrites the file once things are quiet for :data:`DELAY` seconds (in a thread, so an
    answer never waits). ``problem`` holds the last failure in words, for the view; ``last``
    the time of the last good write."""

    def __init__(self, store: Store, folder: Path | None = None, delay: float = DELAY):
        self.store = store
        self.folder = folder if folder is not None else class_dir()  # fixed for the kernel
        self.delay = delay
        self.problem: str | None = None
        self.last: datetime | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        store.listeners.append(self.changed)

    def changed(self, event: Event) -> None:
        """A store event: schedule a rewrite if it changes the results."""
        relevant = event.kind in _KINDS or (
            event.kind == "note" and event.question.startswith(results.FEEDBACK_PREFIX)
        )
        if not relevant:
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.write)
            self._timer.daemon = True
            self._timer.start()

    def write(self) -> Path | None:
        """Rewrite the file now; a failure is kept in ``problem`` rather than raised."""
        try:
            path = publish(self.store, self.folder)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.problem = f"Your results could not be shared just now ({reason})."
            return None
        self.problem = None
        if path is not None:
            self.last = datetime.now()
        return path

    def flush(self) -> Path | None:
        """Write now if a rewrite is waiting (tests, kernel exit)."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is None:
            return None
        timer.cancel()
        return self.write()

    def stop(self) -> None:
        """Stop listening (a waiting rewrite is dropped)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
        with contextlib.suppress(ValueError):
            self.store.listeners.remove(self.changed)


_PUBLISHERS: dict[int, Publisher] = {}
_GUARD = threading.Lock()


def stop_all() -> None:
    """Stop every publisher of this process (tests)."""
    with _GUARD:
        found = list(_PUBLISHERS.values())
        _PUBLISHERS.clear()
    for one in found:
        one.stop()


def publisher(store: Store) -> Publisher:
    """The one publisher of a store (made on first use)."""
    with _GUARD:
        found = _PUBLISHERS.get(id(store))
        if found is None or found.store is not store:
            found = _PUBLISHERS[id(store)] = Publisher(store)
            atexit.register(found.flush)  # an answer just before the kernel stops is shared
        elif found.changed not in store.listeners:  # stopped, then shared again
            store.listeners.append(found.changed)
        return found


def attach(store: Store) -> Publisher | None:
    """At kernel start: if the learner shares and a class folder is set, keep their file
    current from this kernel too (every notebook runs its own kernel)."""
    chosen = consent(store)
    if class_dir() is None or chosen is None or not chosen.share:
        return None
    return publisher(store)
