"""The progress store: every answer, hint and reveal, saved at once in a local SQLite file.

Where: ``$PM_COURSE_HOME/progress.sqlite3`` if that variable is set, else the user data
folder that platformdirs names (``~/.local/share/pm-course`` on Linux).

The store is an append-only log of events; what a learner has done with a question
(attempts, hints, best score) is derived from it. Appending never conflicts, so two
notebooks (two kernels) can write at once. Faults never lose an answer:

- a corrupt file is moved aside (``progress.sqlite3.corrupt-<time>``) and a fresh one made;
- a locked file is retried; if it stays locked, the event waits in memory and is written
  with the next one;
- a folder that cannot be written means working in memory, with a warning.

Every fault adds a sentence to :attr:`Store.warnings`, which the widgets show.

A store opens its file once and keeps that one connection (WAL mode lets other kernels read
and write meanwhile); before each use it checks that the file at its path is still the one it
opened, so a file moved aside or deleted by another kernel is followed, not written behind.
:func:`export_progress` writes all of a learner's records to a JSON file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from .feedback import ATTEMPT_STATUSES
from .files import write_json_atomic

SCHEMA_VERSION = 1
FILENAME = "progress.sqlite3"
ENV_HOME = "PM_COURSE_HOME"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        created  TEXT NOT NULL,
        section  TEXT NOT NULL,
        question TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('answer', 'hint', 'reveal', 'note')),
        answer   TEXT,
        status   TEXT,
        score    REAL,
        hint     INTEGER
    )""",
    "CREATE INDEX IF NOT EXISTS events_question ON events (question)",
)

_COLUMNS = ("created", "section", "question", "kind", "answer", "status", "score", "hint")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM events"
_INSERT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"

BUSY = (
    "The progress file is busy (is another notebook saving?). "
    "Answers are kept and saved as soon as it is free."
)

T = TypeVar("T")


def default_home() -> Path:
    """The folder of the progress file: ``$PM_COURSE_HOME`` or the user data folder."""
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("pm-course", appauthor=False))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Event:
    """One thing a learner did: answered, asked for a hint, revealed the answer, or saved a
    note (what a live model keeps, such as a hypothesis card; ``answer`` holds its data)."""

    section: str
    question: str
    kind: str
    answer: object = None
    status: str | None = None
    score: float | None = None
    hint: int | None = None
    created: str = field(default_factory=_now)

    def row(self) -> tuple:
        answer = None if self.answer is None else json.dumps(self.answer, ensure_ascii=False)
        return (
            self.created,
            self.section,
            self.question,
            self.kind,
            answer,
            self.status,
            self.score,
            self.hint,
        )

    @classmethod
    def from_row(cls, row: Iterable) -> Event:
        values = dict(zip(_COLUMNS, row, strict=True))
        if values["answer"] is not None:
            values["answer"] = json.loads(values["answer"])
        return cls(**values)


@dataclass
class QuestionState:
    """What a learner has done with one question, derived from its events."""

    attempts: int = 0
    hints: int = 0
    revealed: bool = False
    answer: object = None
    status: str | None = None
    score: float = 0.0
    right_first_time: bool = False
    last_changed: str = ""

    @property
    def done(self) -> bool:
        """Answered right, answer revealed, or (reflection, poll) submitted."""
        return self.status in ("correct", "saved", "recorded") or self.revealed

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> QuestionState:
        state = cls()
        for e in events:
            state.apply(e)
        return state

    def apply(self, e: Event) -> QuestionState:
        """Take one more event into account (the next one, in order); returns this state."""
        self.last_changed = e.created
        if e.kind == "hint":
            self.hints = max(self.hints, e.hint or 0)
        elif e.kind == "reveal":
            self.revealed = True
        elif e.kind == "answer" and e.status not in (None, "empty", "invalid"):
            if e.status in ATTEMPT_STATUSES:
                self.attempts += 1
                if self.attempts == 1 and not self.revealed:
                    self.right_first_time = e.status == "correct"
            self.answer, self.status = e.answer, e.status
            if not self.revealed:
                self.score = max(self.score, e.score or 0.0)
        return self


class StoreError(RuntimeError):
    """The progress file could not be used; the message says what the learner can do."""


class _Handle:
    """The store's one open connection, and which file (device, inode) it was opened on."""

    def __init__(self) -> None:
        self.conn: sqlite3.Connection | None = None
        self.file: tuple[int, int] | None = None

    def close(self) -> None:
        conn, self.conn, self.file = self.conn, None, None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()


def _file_id(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device and inode), or None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Store:
    """Progress kept in a SQLite file, or in memory when no file can be used.

    The file is opened once, on creation, and the connection kept until :meth:`close` (or
    until the store is garbage-collected); a store that was closed opens the file again on
    its next use.
    """

    def __init__(self, home: Path | str | None = None, *, timeout: float = 5.0, retries: int = 3):
        self.home = Path(home) if home is not None else default_home()
        self.path: Path | None = self.home / FILENAME
        self.timeout = timeout
        self.retries = retries
        self.warnings: list[str] = []
        self._pending: list[Event] = []
        self._memory: list[Event] = []  # used only when no file can be used
        self._handle = _Handle()
        self._lock = threading.RLock()
        weakref.finalize(self, self._handle.close)
        self._open()

    # -- opening -------------------------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        """True when answers are kept only until the kernel stops."""
        return self.path is None

    def close(self) -> None:
        """Close the progress file (a later read or write opens it again)."""
        with self._lock:
            self._handle.close()

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _connect(self) -> sqlite3.Connection:
        """Open the file: WAL mode, the schema made or checked, every row read once (a
        damaged file fails here, not in the middle of a lesson)."""
        assert self.path is not None
        conn = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer pm-course "
                    f"(schema {version}); update the course to use it."
                )
            if version < SCHEMA_VERSION:
                conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            conn.execute("SELECT count(*) FROM events").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connection(self) -> sqlite3.Connection:
        """The open connection: opened on first use, and again when the file at the path is
        no longer the one it was opened on (moved aside or deleted by another kernel)."""
        assert self.path is not None
        handle = self._handle
        if handle.conn is not None and handle.file != _file_id(self.path):
            handle.close()
        if handle.conn is None:
            handle.conn = self._connect()
            handle.file = _file_id(self.path)
        return handle.conn

    def _retrying(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """``op(connection)``; while the file is locked, wait and try again (``retries``
        times, waits doubling from 0.05 s). Other errors, and the last lock, are raised."""
        with self._lock:
            attempt = 0
            while True:
                try:
                    return op(self._connection())
                except sqlite3.OperationalError as exc:
                    if not _is_locked(exc) or attempt >= self.retries:
                        raise
                time.sleep(0.05 * 2**attempt)
                attempt += 1

    def _open(self) -> None:
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._use_memory(
                f"cannot create the progress folder {self.home} ({exc.strerror or exc})"
            )
        if not os.access(self.home, os.W_OK):
            return self._use_memory(f"the progress folder {self.home} is read-only")
        try:
            self._retrying(lambda conn: None)
        except (sqlite3.Error, StoreError) as exc:
            self._fault(exc)
        return None

    def _fault(self, exc: Exception) -> None:
        """Carry on after an error on the file: a lock is waited out (events stay pending);
        a newer schema or a file that cannot be written means memory; anything else means
        the file is damaged, so it is moved aside and a new one started."""
        if _is_locked(exc):
            return self._warn(BUSY)
        self._handle.close()
        if isinstance(exc, StoreError):
            return self._use_memory(str(exc))
        if "readonly" in str(exc) or "unable to open" in str(exc):
            return self._use_memory(f"the progress file {self.path} cannot be written ({exc})")
        return self._move_aside(exc)

    def _use_memory(self, reason: str) -> None:
        self._handle.close()
        self.path = None
        self._warn(
            f"Progress is NOT being saved: {reason}. Your answers are kept until the "
            f"kernel stops; set {ENV_HOME} to a folder you can write to, or export "
            f"them with pm_course.export_progress()."
        )

    def _move_aside(self, exc: Exception) -> None:
        assert self.path is not None
        self._handle.close()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    part.replace(Path(f"{aside}{suffix}"))
            self._connection()
        except (OSError, sqlite3.Error) as again:
            return self._use_memory(
                f"the progress file was damaged and could not be replaced ({again})"
            )
        self._warn(
            f"The progress file was damaged ({exc}), so it was moved to {aside.name} "
            f"and a new one started. Earlier answers are in that file."
        )
        return None

    # -- writing -------------------------------------------------------------------------------

    def add(self, event: Event) -> bool:
        """Save one event at once. Returns False if it is (for now) kept only in memory."""
        with self._lock:
            if self.path is None:
                self._memory.append(event)
                return False
            self._pending.append(event)
            return self._flush()

    def _flush(self, again: bool = True) -> bool:
        """Write every pending event in one transaction. After a fault (file moved aside),
        try once more, to the new file; if in memory now, the events go there."""
        try:
            self._retrying(lambda conn: _write(conn, _INSERT, [e.row() for e in self._pending]))
        except (sqlite3.Error, StoreError) as exc:
            self._fault(exc)
            if self.path is None:
                self._memory.extend(self._pending)
                self._pending.clear()
                return False
            if _is_locked(exc) or not again:
                return False
            return self._flush(again=False)
        self._pending.clear()
        self.warnings = [w for w in self.warnings if w != BUSY]
        return True

    # -- reading -------------------------------------------------------------------------------

    def _read(self, sql: str, args: tuple) -> list[tuple]:
        """The rows of one query; on an error, none, with a warning (the file is opened
        again on the next use)."""
        try:
            return self._retrying(lambda conn: conn.execute(sql, args).fetchall())
        except (sqlite3.Error, StoreError) as exc:
            if not _is_locked(exc):
                self._handle.close()
            self._warn(f"Saved progress could not be read just now ({exc}).")
            return []

    def _unsaved(self, question: str | None) -> list[Event]:
        """Events not (yet) in the file, oldest first."""
        return [
            e for e in (*self._memory, *self._pending) if question is None or e.question == question
        ]

    def events(self, question: str | None = None) -> list[Event]:
        """Every event (of one question), oldest first, including unsaved ones."""
        with self._lock:
            rows: list[tuple] = []
            if self.path is not None:
                if question is None:
                    rows = self._read(_SELECT + " ORDER BY id", ())
                else:
                    rows = self._read(_SELECT + " WHERE question = ? ORDER BY id", (question,))
            return [Event.from_row(r) for r in rows] + self._unsaved(question)

    def state(self, question: str) -> QuestionState:
        """What the learner has done with one question."""
        return QuestionState.from_events(self.events(question))

    def states(self) -> dict[str, QuestionState]:
        """Every question the learner has touched -> its state."""
        by_question: dict[str, list[Event]] = {}
        for e in self.events():
            by_question.setdefault(e.question, []).append(e)
        return {q: QuestionState.from_events(evs) for q, evs in by_question.items()}

    def save_note(self, section: str, key: str, data: object) -> bool:
        """Save what a model wants kept (JSON-ready ``data``) under ``key``; newest wins."""
        return self.add(Event(section=section, question=key, kind="note", answer=data))

    def note(self, key: str, default: object = None) -> object:
        """The newest data saved under ``key`` with :meth:`save_note`, or ``default``.

        Reads one row: the newest unsaved note if any, else the newest in the file.
        """
        with self._lock:
            for e in reversed(self._unsaved(key)):
                if e.kind == "note":
                    return e.answer
            if self.path is None:
                return default
            rows = self._read(
                _SELECT + " WHERE question = ? AND kind = 'note' ORDER BY id DESC LIMIT 1", (key,)
            )
            return Event.from_row(rows[0]).answer if rows else default

    def export(self) -> dict:
        """All of the learner's records as a JSON-ready dict."""
        return {
            "format": "pm-course-progress",
            "schema": SCHEMA_VERSION,
            "exported": _now(),
            "events": [asdict(e) for e in self.events()],
        }

    def reset(self) -> int:
        """Delete every record; returns how many events were deleted."""
        with self._lock:
            count = len(self.events())
            self._memory.clear()
            self._pending.clear()
            if self.path is not None:
                self._retrying(lambda conn: _write(conn, "DELETE FROM events", [()]))
            return count


def _write(conn: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
    """Run ``sql`` once per row in one write transaction: all of it is saved, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _is_locked(exc: Exception) -> bool:
    """True for "the file is in use just now" (wait and try again), not a real fault."""
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc)
    )


_STORE: Store | None = None


def get_store() -> Store:
    """The store of this kernel, opened on first use."""
    global _STORE
    if _STORE is None:
        _STORE = Store()
    return _STORE


def use_store(store: Store | None) -> Store | None:
    """Replace the kernel's store (tests, or a new ``PM_COURSE_HOME``); returns the old one."""
    global _STORE
    old, _STORE = _STORE, store
    return old


def export_progress(path: str | Path | None = None, store: Store | None = None) -> Path:
    """Save all of your records as JSON (default: a dated file in the current folder)."""
    store = store or get_store()
    if path is None:
        path = Path(f"pm-course-progress-{datetime.now():%Y%m%d-%H%M%S}.json")
    return write_json_atomic(path, store.export())
