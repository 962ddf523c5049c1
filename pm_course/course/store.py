"""The progress store: every answer, hint and reveal, saved at once in a local SQLite file.

Where: ``$PM_COURSE_HOME/progress.sqlite3`` if that variable is set, else the user data
folder that platformdirs names (``~/.local/share/pm-course`` on Linux).

The store is an append-only log of events; what a learner has done with a question
(attempts, hints, best score) is derived from it. Appending never conflicts, so two
notebooks (two kernels) can write at once. No fault loses an answer:

- **A passing fault** (the file is busy, the disk is full, a disk or network I/O error, a
  read-only file): the file stays where it is. New events wait in memory, with a warning
  that names the cause, and are written as soon as they can be: by a background retry (one
  daemon thread on a timer, ending when nothing waits), with the next event, and at kernel
  exit. Events still waiting then go to a ``progress.sqlite3.waiting-*.json`` file beside
  it, which the next store to open the file writes in. No call waits more than ``timeout``
  seconds (under one) for a busy file.
- **Reading goes on** whatever happens to writing: a read-only or full file still shows
  every earlier answer, plus those waiting in memory.
- **Only a corrupt file is moved aside** (``progress.sqlite3.corrupt-<time>``) and a fresh one
  made; of two kernels finding it at once, exactly one moves it, and both use the new file.
- **A file that is not ours** (another program's database, or one a newer pm-course wrote,
  even in the middle of a session) is never modified: new events are kept in memory, with a
  warning; a newer file's events are still read.
- **A folder or file that cannot be opened at all** means working in memory, with a warning.
- **No event can poison the others**: what cannot be stored as given is cleaned (unpaired
  surrogates replaced, numpy numbers and arrays made plain, tuples made lists, infinities
  and NaN made ``None``, other objects made text) or refused with a warning.
- **Damaged rows** (an answer that is not JSON, a score that is not a number, an unknown
  kind) are skipped and counted in a warning; everything else is read.

Every fault adds a sentence to :attr:`Store.warnings`, which the widgets show.

A store opens its file once and keeps that one connection (WAL mode lets other kernels read
and write meanwhile); before each use it checks that the file at its path is still the one it
opened, so a file moved aside or deleted by another kernel is followed, not written behind.
:func:`export_progress` writes all of a learner's records to a JSON file.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import numbers
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from .feedback import ATTEMPT_STATUSES
from .files import write_json_atomic

_LOG = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FILENAME = "progress.sqlite3"
ENV_HOME = "PM_COURSE_HOME"
KINDS = ("answer", "hint", "reveal", "note")
#: The longest answer (characters of JSON) one event may hold.
MAX_ANSWER = 1_000_000

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
_TABLE_COLUMNS = frozenset(("id", *_COLUMNS))
_SELECT = f"SELECT id, {', '.join(_COLUMNS)} FROM events"
_INSERT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"

#: Background retry: the first wait, doubling up to the last (seconds); how long one
#: attempt may wait for a busy file; how long kernel exit may wait for all of them.
RETRY_FIRST, RETRY_LAST, RETRY_WAIT, EXIT_WAIT = 0.25, 2.0, 0.1, 2.0

BUSY = (
    "The progress file is busy (is another notebook saving?). "
    "Answers are kept and saved as soon as it is free."
)
_EXPORT = "export them with pm_course.export_progress()"

T = TypeVar("T")


ENV_HUB_USER = "JUPYTERHUB_USER"
#: In a ``$PM_COURSE_HOME`` shared by a hub's learners, each one's folder is ``users/<name>``.
USERS = "users"
#: The note that names the hub user a progress file belongs to.
OWNER_KEY = "store:owner"
#: The placeholders ``$PM_COURSE_HOME`` may hold for the learner's name.
PLACEHOLDERS = ("{username}", "${JUPYTERHUB_USER}", "$JUPYTERHUB_USER")


def hub_user() -> str | None:
    """The JupyterHub user this kernel runs for (``$JUPYTERHUB_USER``), or None off a hub."""
    return os.environ.get(ENV_HUB_USER, "").strip() or None


def folder_name(user: str) -> str:
    """``user`` as one safe folder name: letters, digits and ``@ . - _ +`` kept, anything
    else (a slash, a space) percent-encoded, so two names never share a folder."""
    from urllib.parse import quote

    name = quote(user, safe="@.-_+")
    return name if name not in (".", "..") else name.replace(".", "%2E")


def default_home() -> Path:
    """The folder of the progress file: ``$PM_COURSE_HOME`` or the user data folder.

    On a JupyterHub the folder is always the learner's own: ``{username}``,
    ``$JUPYTERHUB_USER`` or ``${JUPYTERHUB_USER}`` in the variable become the learner's name
    (some spawners pass the variable on unexpanded), and a variable without any of them,
    which may be one folder for the whole class, gets a ``users/<name>`` folder inside it.
    Off a hub, ``{username}`` is the login name."""
    env = os.environ.get(ENV_HOME, "").strip()
    if not env:
        from platformdirs import user_data_dir

        return Path(user_data_dir("pm-course", appauthor=False))
    user = hub_user()
    if user is None and PLACEHOLDERS[0] in env:
        import getpass

        with contextlib.suppress(Exception):
            user = getpass.getuser()
    if user is None:
        return Path(env).expanduser()
    expanded = env
    for placeholder in PLACEHOLDERS:
        expanded = expanded.replace(placeholder, folder_name(user))
    home = Path(expanded).expanduser()
    return home if expanded != env or hub_user() is None else home / USERS / folder_name(user)


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
        answer = (
            None
            if self.answer is None
            else json.dumps(self.answer, ensure_ascii=False, allow_nan=False)
        )
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
        """The event a row holds; ``ValueError`` if the row is damaged."""
        values = dict(zip(_COLUMNS, row, strict=True))
        problem = _row_problem(values)
        if problem:
            raise ValueError(problem)
        if values["answer"] is not None:
            try:
                values["answer"] = json.loads(values["answer"], parse_constant=_no_constant)
            except RecursionError as exc:
                raise ValueError("the answer is nested too deeply") from exc
        if values["score"] is not None:
            values["score"] = float(values["score"])
        return cls(**values)


def _row_problem(values: dict) -> str | None:
    """What is wrong with a row read from the file, or None."""
    for name in ("created", "section", "question"):
        if not isinstance(values[name], str):
            return f"{name} is not text"
    if values["kind"] not in KINDS:
        return f"unknown kind {values['kind']!r}"
    for name in ("answer", "status"):
        if values[name] is not None and not isinstance(values[name], str):
            return f"{name} is not text"
    score = values["score"]
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score)
    ):
        return "the score is not a number"
    hint = values["hint"]
    if hint is not None and (isinstance(hint, bool) or not isinstance(hint, int)):
        return "the hint is not a whole number"
    return None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a value JSON allows")


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


class _Refused(StoreError):
    """The file is not one this store may write: another program's, or a newer schema's."""

    def __init__(self, message: str, *, readable: bool):
        super().__init__(message)
        self.readable = readable


class _Unusable(StoreError):
    """No progress file can be opened at all (not even to read)."""


class _Unstorable(ValueError):
    """An event that cannot be stored, even cleaned."""


# -- cleaning what is given to store ---------------------------------------------------------------

_MAX_DEPTH = 100
_INT64 = 2**63


def _cleaned(event: Event) -> Event:
    """The event as it can be stored and read back unchanged (see the module docstring);
    ``_Unstorable`` if it cannot be."""
    if event.kind not in KINDS:
        raise _Unstorable(f"unknown kind {event.kind!r}")
    answer = _plain(event.answer, 0)
    if answer is not None:
        size = len(json.dumps(answer, ensure_ascii=False, allow_nan=False))
        if size > MAX_ANSWER:
            raise _Unstorable(f"it is too big: {size:,} characters, the most is {MAX_ANSWER:,}")
    return Event(
        section=_text(event.section),
        question=_text(event.question),
        kind=event.kind,
        answer=answer,
        status=None if event.status is None else _text(event.status),
        score=_number(event.score),
        hint=_whole(event.hint),
        created=_text(event.created),
    )


def _text(value: object) -> str:
    """Text that UTF-8 can hold: paired surrogates joined, unpaired ones made U+FFFD."""
    text = str(value) if not isinstance(value, str) else str.__str__(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _unwrapped(value: object) -> object:
    """A numpy array or scalar (anything with ``tolist`` or ``item``) as plain Python; else
    the value itself. Duck-typed: numpy is never imported."""
    for name in ("tolist", "item"):
        method = getattr(value, name, None)
        if callable(method):
            try:
                plain = method()
            except Exception:  # not the method we hoped for
                continue
            if type(plain) is not type(value):
                return plain
    return value


def _plain(value: object, depth: int) -> object:
    """``value`` as plain JSON data (see :func:`_cleaned`)."""
    if depth > _MAX_DEPTH:
        raise _Unstorable("it is nested too deeply")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {_key(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    plain = _unwrapped(value)
    if plain is not value:
        return _plain(plain, depth + 1)
    if isinstance(value, numbers.Real):  # fractions, and numbers like numpy's without numpy
        with contextlib.suppress(TypeError, ValueError, OverflowError):
            return _plain(float(value), depth + 1)
    try:
        return _text(value)
    except Exception:  # an object whose str() fails still leaves a trace
        return f"<{type(value).__name__}>"


def _key(key: object) -> str:
    """A dict key as JSON writes it (so the data reads back as it was given)."""
    if isinstance(key, str):
        return _text(key)
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)  # true, null, 1, 1.5: as json.dumps writes such keys
    plain = _unwrapped(key)
    return _key(plain) if plain is not key else _text(key)


def _number(value: object) -> float | None:
    """A finite number, or None."""
    value = _unwrapped(value)
    if value is None or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _whole(value: object) -> int | None:
    """A whole number SQLite can hold, or None."""
    value = _unwrapped(value)
    if not isinstance(value, numbers.Integral) and not (
        isinstance(value, float) and value.is_integer()
    ):
        return None
    whole = int(value)
    return whole if -_INT64 <= whole < _INT64 else None


# -- what goes wrong, in words ---------------------------------------------------------------------

#: SQLite's primary result codes -> the kind of fault.
_CODES = {
    3: "readonly",  # SQLITE_PERM
    5: "busy",
    6: "busy",  # SQLITE_LOCKED
    8: "readonly",
    10: "io",
    11: "corrupt",
    13: "full",
    14: "cantopen",
    23: "readonly",  # SQLITE_AUTH
    26: "corrupt",  # SQLITE_NOTADB
}
#: The same from the message (Python before 3.11 gives no code).
_MESSAGES = (
    (("locked", "busy"), "busy"),
    (("disk is full",), "full"),
    (("disk i/o error",), "io"),
    (("readonly", "read-only", "permission denied"), "readonly"),
    (("unable to open",), "cantopen"),
    (("malformed", "not a database"), "corrupt"),
)

_WHAT = {
    "full": ("the disk holding the progress file is full", "free some space"),
    "io": (
        "a disk or network folder problem stops the progress file being written",
        "check the disk or the network folder",
    ),
    "readonly": (
        "the progress file is read-only",
        f"make it writable or set {ENV_HOME} to a folder you can write to",
    ),
    "cantopen": (
        "the progress file cannot be opened to write",
        f"set {ENV_HOME} to a folder you can write to",
    ),
}


def _cause(exc: BaseException) -> str:
    """What kind of fault: busy, full, io, readonly, cantopen, corrupt or other."""
    if not isinstance(exc, sqlite3.Error):
        return "other"
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _CODES:
        return _CODES[code & 0xFF]
    message = str(exc).lower()
    for words, cause in _MESSAGES:
        if any(w in message for w in words):
            return cause
    return "other"


def _is_locked(exc: BaseException) -> bool:
    """True for "the file is in use just now" (wait and try again), not a real fault."""
    return _cause(exc) == "busy"


def _waiting(cause: str, exc: BaseException, path: Path) -> str:
    """The warning while events wait in memory for a passing fault."""
    if cause == "busy":
        return BUSY
    what, fix = _WHAT.get(
        cause, ("the progress file cannot be written just now", "if this lasts, restart")
    )
    return (
        f"Your answers are not being saved just now: {what} ({exc}, in {path}). New answers "
        f"are kept in memory and saved as soon as the file can be written; {fix}, and to be "
        f"safe {_EXPORT}."
    )


def _in_memory(reason: str) -> str:
    """The warning when no file is used for new answers."""
    return (
        f"Progress is NOT being saved: {reason}. Your answers are kept until the kernel "
        f"stops; set {ENV_HOME} to a folder you can write to, or {_EXPORT}."
    )


# -- the file --------------------------------------------------------------------------------------


class _Handle:
    """The store's one open connection, which file (device, inode) it was opened on, and
    whether it may write (read-write, on a file checked to be ours)."""

    def __init__(self) -> None:
        self.conn: sqlite3.Connection | None = None
        self.file: tuple[int, int] | None = None
        self.writable = False
        self.empty = False  # opened read-only on a file with no table yet
        self.cookie: tuple[int, int] | None = None  # (user_version, schema_version) checked
        self.busy_ms = -1

    def close(self) -> None:
        conn, self.conn, self.file = self.conn, None, None
        self.writable = self.empty = False
        self.cookie, self.busy_ms = None, -1
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


def _decoded(data: bytes) -> str:
    """Text read from the file; bytes that are not UTF-8 (a damaged row) become U+FFFD."""
    return data.decode("utf-8", "replace")


def _sqlite(target: str | Path, *, uri: bool = False, busy: float = 0.1) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, uri=uri, timeout=busy, isolation_level=None, check_same_thread=False
    )
    conn.text_factory = _decoded
    return conn


def _cookie(conn: sqlite3.Connection) -> tuple[int, int]:
    """(user_version, schema_version): both change when another program changes the file."""
    return (
        conn.execute("PRAGMA user_version").fetchone()[0],
        conn.execute("PRAGMA schema_version").fetchone()[0],
    )


def _inspect(conn: sqlite3.Connection, path: Path) -> tuple[str, str]:
    """What the file holds: ("new", "") when empty, ("ours", ""), ("newer", why) and
    ("newer-unreadable", why), or ("foreign", why). Read in one transaction, so a file
    another kernel is making just then is seen before or after, never half made."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        things = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    finally:
        if own:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")
    tables = sorted(name for kind, name in things if kind == "table")
    if version > SCHEMA_VERSION:
        why = (
            f"{path} was written by a newer pm-course (schema {version}); update the course "
            "to use it. The file is left untouched"
        )
        return ("newer", why) if columns >= _TABLE_COLUMNS else ("newer-unreadable", why)
    if version == SCHEMA_VERSION and columns == _TABLE_COLUMNS:
        return "ours", ""
    if version == 0 and not things:
        return "new", ""
    if "events" in tables:
        detail = "its events table has other columns" if columns != _TABLE_COLUMNS else ""
        detail = detail or f"it has no pm-course schema version ({version})"
    else:
        shown = ", ".join(repr(t) for t in tables[:5]) + (", ..." if len(tables) > 5 else "")
        detail = f"it holds other tables: {shown}" if tables else "it holds other data"
    return "foreign", f"{path} is not a pm-course progress file ({detail}), so it is left untouched"


def _owner(conn: sqlite3.Connection) -> str | None:
    """The hub user a progress file belongs to, or None when it names none (a file made off a
    hub, or before owners were recorded)."""
    row = conn.execute(
        "SELECT answer FROM events WHERE kind = 'note' AND question = ? ORDER BY id LIMIT 1",
        (OWNER_KEY,),
    ).fetchone()
    try:
        owner = json.loads(row[0]).get("hub_user") if row and row[0] else None
    except (ValueError, AttributeError):
        owner = None
    return owner if isinstance(owner, str) else None


class _NotYours(_Refused):
    """Another hub user's progress file: nothing of this learner's may be left beside it."""


def _not_yours(path: Path, owner: str, user: str) -> _Refused:
    """The refusal of another hub user's progress file: neither read nor written."""
    return _NotYours(
        f"{path} holds the answers of hub user {owner!r}, not yours ({user!r}), so it is "
        "neither shown nor changed. Ask your instructor to give each learner their own "
        "PM_COURSE_HOME (see docs/jupyterhub.md)",
        readable=False,
    )


@contextlib.contextmanager
def _moving(path: Path, wait: float = 2.0) -> Iterator[None]:
    """Hold the lock file that lets one kernel at a time move a damaged file aside (a lock
    file left by a killed kernel is taken over after 10 s)."""
    lock = path.with_name(f"{path.name}.moving")
    deadline = time.monotonic() + wait
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > 10:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise TimeoutError(f"another kernel is moving {path.name} aside") from None
            time.sleep(0.01)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def _aside_name(path: Path) -> Path:
    """A free name for a damaged file: ``<name>.corrupt-<time>`` (``-2``, ``-3`` ... if taken)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside, n = path.with_name(f"{path.name}.corrupt-{stamp}"), 1
    while any(Path(f"{aside}{s}").exists() for s in ("", "-wal", "-shm")):
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return aside


# -- the background retry and kernel exit ----------------------------------------------------------

#: Stores with events waiting to be written (kept alive until they are, or the kernel exits).
_WAITING: set[Store] = set()
_WAITING_GUARD = threading.Lock()


class _Retrier:
    """Writes a store's waiting events in the background: one daemon thread that wakes on a
    timer (``RETRY_FIRST`` seconds, doubling up to ``RETRY_LAST``), never spins, and ends
    when nothing waits, when the store is closed, or at kernel exit."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, store: Store) -> None:
        with self._guard:
            if self._thread is not None:
                return
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=self._run,
                args=(store, self._stop),
                name="pm-course-progress-retry",
                daemon=True,
            )
            self._thread.start()

    def stop(self) -> None:
        with self._guard:
            thread, self._thread = self._thread, None
            self._stop.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self, store: Store, stop: threading.Event) -> None:
        delay = RETRY_FIRST
        while not stop.wait(delay):
            try:
                done = store._retry()
            except Exception:  # the thread ends quietly; the events stay
                done = False
            with self._guard:
                if self._thread is not threading.current_thread():
                    return  # stopped meanwhile
                if done and not store._has_work():
                    self._thread = None
                    return
            delay = RETRY_FIRST if done else min(delay * 2, RETRY_LAST)


def _at_exit() -> None:
    """At kernel exit, write what still waits (within ``EXIT_WAIT`` seconds in all), and put
    the rest in a file beside the progress file, for the next store to write in."""
    deadline = time.monotonic() + EXIT_WAIT
    with _WAITING_GUARD:
        stores = [s for s in _WAITING if s._pid == os.getpid()]
    for store in stores:
        store._retrier.stop()
    for store in stores:
        with contextlib.suppress(Exception):
            store._last_chance(max(0.05, deadline - time.monotonic()))


atexit.register(_at_exit)


def _stop_and_close(retrier: _Retrier, handle: _Handle) -> None:
    retrier.stop()
    handle.close()


# -- the store -------------------------------------------------------------------------------------


class Store:
    """Progress kept in a SQLite file, or in memory when no file can be used.

    The file is opened once, on creation, and the connection kept until :meth:`close` (or
    until the store is garbage-collected); a store that was closed opens the file again on
    its next use. ``timeout`` is the most (seconds) one call waits for a busy file, over
    ``retries`` further tries; events that could not be written then wait in memory.
    """

    def __init__(self, home: Path | str | None = None, *, timeout: float = 0.8, retries: int = 2):
        self.home = Path(home) if home is not None else default_home()
        self.timeout = timeout
        self.retries = retries
        self._file = self.home / FILENAME
        self._pending: list[Event] = []  # not (yet) in the file, oldest first
        self._handle = _Handle()
        self._lock = threading.RLock()
        self._retrier = _Retrier()
        self._opened: tuple[int, int] | None = None  # the file last connected to
        self._write_failed = False  # a read-only or I/O fault: open again to write
        self._busy = 0.1  # how long the current try may wait for a busy file (seconds)
        self._notes: list[str] = []  # lasting warnings
        self._waiting_for: str | None = None  # why events wait (a passing fault)
        self._no_file: str | None = None  # why no file can be opened at all
        self._refused: str | None = None  # why the file is never written
        self._refused_readable = False
        self._unreadable: str | None = None  # why the file could not be read just now
        self._damaged: set[tuple[tuple[int, int] | None, int]] = set()
        self._pid = os.getpid()  # a forked process leaves this store's events to its parent
        self.owner = hub_user()  # on a hub, the learner the file must belong to
        self._not_yours = False  # the file is another hub user's: leave nothing beside it
        #: Called with each event the learner adds (after it is saved or kept waiting), for
        #: layers above the engine, such as the live results file; their faults are logged.
        self.listeners: list[Callable[[Event], None]] = []
        finalizer = weakref.finalize(self, _stop_and_close, self._retrier, self._handle)
        finalizer.atexit = False  # at exit, _at_exit writes what waits first
        self._open()

    # -- what the learner is told ------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The progress file, or None when new answers are kept only in memory."""
        return None if self.in_memory else self._file

    @property
    def in_memory(self) -> bool:
        """True when new answers are kept only until the kernel stops (no file can be used,
        or the file is not one this store may write)."""
        return self._no_file is not None or self._refused is not None

    @property
    def waiting(self) -> int:
        """How many events wait in memory to be written."""
        return len(self._pending)

    @property
    def warnings(self) -> list[str]:
        """What the learner should know about their progress file, one sentence each."""
        found = list(self._notes)
        if self._refused is not None:
            found.append(self._refused)
        elif self._no_file is not None:
            found.append(self._no_file)
        elif self._waiting_for is not None:
            found.append(self._waiting_for)
        if self._unreadable is not None:
            found.append(self._unreadable)
        if self._damaged:
            n = len(self._damaged)
            found.append(
                f"{n} damaged record{'s were' if n != 1 else ' was'} skipped: "
                f"{'they stay' if n != 1 else 'it stays'} in {self._file}, and everything "
                "else is shown and exported."
            )
        return found

    def _note(self, message: str) -> None:
        if message not in self._notes:
            self._notes.append(message)

    # -- opening -----------------------------------------------------------------------------------

    def close(self) -> None:
        """Try once more to write what waits, stop the background retry and close the file
        (a later read or write opens it again; events still waiting stay in memory)."""
        self._retrier.stop()
        with self._lock:
            if self._pending:
                self._flush(RETRY_WAIT)
            self._handle.close()

    def _open(self) -> None:
        """Open the file to write, else to read, else work in memory."""
        with self._lock:
            for again in (True, False):
                try:
                    self._retrying(lambda conn: None, write=True)
                    return
                except (sqlite3.Error, StoreError, OSError) as exc:
                    if not (self._fault(exc) and again):
                        break
            self._rows("SELECT 1 FROM events LIMIT 0", ())

    def _connection(self, write: bool) -> sqlite3.Connection:
        """The open connection: opened on first use, and again when the file at the path is
        no longer the one it was opened on (moved aside or deleted by another kernel), or
        when writing needs the read-write connection a fault closed."""
        handle = self._handle
        if handle.conn is not None and handle.file != _file_id(self._file):
            handle.close()
        if write and self._write_failed:  # opened again: the fault may have passed
            self._write_failed = False
            handle.close()
        if handle.conn is None or (write and not handle.writable):
            self._connect(write)
        assert handle.conn is not None
        self._opened = handle.file
        return handle.conn

    def _connect(self, write: bool) -> None:
        """Open the file read-write, the schema made or checked; to read, if that fails (or
        the file is a newer pm-course's), read-only. Raises what went wrong."""
        handle = self._handle
        handle.close()
        if self._refused is not None:
            if write or not self._refused_readable:
                raise _Refused(self._refused, readable=self._refused_readable)
            return self._connect_read_only(_Refused(self._refused, readable=True))
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Unusable(
                f"cannot create the progress folder {self.home} ({exc.strerror or exc})"
            ) from exc
        self._opened = _file_id(self._file)  # the file a fault here is about
        try:
            conn = _sqlite(self._file, busy=self._busy)
            try:
                self._prepare(conn)
            except BaseException:
                conn.close()
                raise
        except _Refused as exc:
            self._refuse(exc)
            if write or not exc.readable:
                raise
            return self._connect_read_only(exc)
        except sqlite3.Error as exc:
            if write or _cause(exc) in ("busy", "corrupt"):
                raise
            return self._connect_read_only(exc)
        self._connected(conn, _file_id(self._file), writable=True)
        self._take_waiting_files(conn)
        return None

    def _connect_read_only(self, why: BaseException) -> None:
        """Open the file to read only: shared (``mode=ro``), else as a file nobody writes
        (``immutable``: needs no lock file, so it works in a read-only or full folder)."""
        self._opened = _file_id(self._file)
        uri = self._file.absolute().as_uri()
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = _sqlite(f"{uri}?{options}", uri=True, busy=self._busy)
            except sqlite3.Error:
                continue
            try:
                verdict, reason = _inspect(conn, self._file)
            except sqlite3.Error as exc:
                conn.close()
                if _cause(exc) in ("busy", "corrupt"):
                    raise  # never read a file being written without its lock
                continue
            owner = _owner(conn) if verdict in ("ours", "newer") and self.owner else None
            if verdict in ("foreign", "newer-unreadable") or (owner and owner != self.owner):
                conn.close()
                refusal = (
                    _Refused(reason, readable=False)
                    if verdict in ("foreign", "newer-unreadable")
                    else _not_yours(self._file, owner or "", self.owner or "")
                )
                self._refuse(refusal)
                raise refusal
            self._connected(conn, _file_id(self._file), writable=False)
            self._handle.empty = verdict == "new"
            return
        if isinstance(why, StoreError):
            raise why
        if self._file.exists():
            reason = f"the progress file {self._file} cannot be read ({why})"
        elif not os.access(self.home, os.W_OK):
            reason = f"the progress folder {self.home} is read-only"
        else:
            reason = f"the progress file {self._file} cannot be made ({why})"
        raise _Unusable(reason) from why

    def _connected(self, conn: sqlite3.Connection, fid: tuple[int, int] | None, *, writable: bool):
        handle = self._handle
        self._damaged = {d for d in self._damaged if d[0] == fid}  # counted per file
        handle.conn, handle.file, handle.writable = conn, fid, writable
        self._opened = fid
        self._no_file = None

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Check what the file holds (a new file gets the schema), in WAL mode, every table
        read once (a damaged file fails here, not in the middle of a lesson)."""
        verdict, reason = _inspect(conn, self._file)
        if verdict == "new":
            conn.execute("BEGIN IMMEDIATE")
            try:
                verdict, reason = _inspect(conn, self._file)  # another kernel may have made it
                if verdict == "new":
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    verdict = "ours"
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        if verdict != "ours":
            raise _Refused(reason, readable=verdict == "newer")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("SELECT count(*) FROM events").fetchone()
        if self.owner:
            owner = _owner(conn)
            if owner is None:  # the first hub user to write a file is its owner
                mark = Event("00_start_here", OWNER_KEY, "note", {"hub_user": self.owner})
                _write(conn, _INSERT, [mark.row()])
            elif owner != self.owner:
                raise _not_yours(self._file, owner, self.owner)
        self._handle.cookie = _cookie(conn)

    def _retrying(
        self, op: Callable[[sqlite3.Connection], T], *, write: bool, wait: float | None = None
    ) -> T:
        """``op(connection)``; while the file is busy, wait and try again, ``wait`` seconds in
        all (``timeout`` unless given), shared among ``retries`` + 1 tries. Other errors, and
        the last busy one, are raised."""
        wait = self.timeout if wait is None else wait
        deadline = time.monotonic() + wait
        with self._lock:
            attempt = 0
            while True:
                left = max(0.0, deadline - time.monotonic())
                self._busy = left / max(1, self.retries + 1 - attempt)  # this try's share
                try:
                    conn = self._connection(write)
                    self._busy_timeout(conn, self._busy)
                    return op(conn)
                except sqlite3.OperationalError as exc:
                    if not _is_locked(exc) or deadline - time.monotonic() < 0.01:
                        raise
                time.sleep(min(0.05 * 2**attempt, max(0.0, deadline - time.monotonic()) / 2))
                attempt += 1

    def _busy_timeout(self, conn: sqlite3.Connection, seconds: float) -> None:
        ms = max(1, int(seconds * 1000))
        if ms != self._handle.busy_ms:
            conn.execute(f"PRAGMA busy_timeout = {ms}")
            self._handle.busy_ms = ms

    # -- faults ------------------------------------------------------------------------------------

    def _fault(self, exc: BaseException) -> bool:
        """Carry on after an error on the file. A passing fault (busy, full, I/O, read-only)
        leaves the file where it is and events waiting; a file that is not ours is never
        written; only a damaged file is moved aside. True if it was: try again."""
        if isinstance(exc, _Refused):
            self._refuse(exc)
            return False
        if isinstance(exc, _Unusable):
            self._handle.close()
            self._no_file = _in_memory(str(exc))
            return False
        cause = _cause(exc)
        if cause == "corrupt":
            return self._move_aside(exc)
        if cause not in ("busy", "full"):
            self._handle.close()
            self._write_failed = True  # the next write opens the file again
        self._waiting_for = _waiting(cause, exc, self._file)
        return False

    def _refuse(self, exc: _Refused) -> None:
        if self._refused is None:
            self._handle.close()
        self._refused = _in_memory(str(exc))
        self._refused_readable = exc.readable
        self._not_yours = isinstance(exc, _NotYours)

    def _move_aside(self, exc: BaseException) -> bool:
        """Move the damaged file aside, unless another kernel already did (then use the
        one it started). True when the path is free for a new file."""
        damaged = self._opened
        self._handle.close()
        try:
            with _moving(self._file):
                if _file_id(self._file) != damaged:
                    return True  # another kernel moved it (and maybe started a new one)
                aside = _aside_name(self._file)
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        Path(f"{self._file}{suffix}").replace(Path(f"{aside}{suffix}"))
        except OSError as again:
            self._waiting_for = (
                f"The progress file {self._file} is damaged ({exc}) and could not be moved "
                f"aside ({again.strerror or again}). New answers are kept in memory; "
                f"{_EXPORT}."
            )
            return False
        self._note(
            f"The progress file was damaged ({exc}), so it was moved to {aside.name} "
            f"and a new one started. Earlier answers are in that file."
        )
        return True

    # -- writing -----------------------------------------------------------------------------------

    def add(self, event: Event) -> bool:
        """Save one event at once. Returns False if it is (for now) kept only in memory, or
        cannot be stored at all (a warning says why)."""
        try:
            event = _cleaned(event)
        except _Unstorable as exc:
            with self._lock:
                self._note(
                    f"An answer to {_text(event.question)!r} could not be saved ({exc}); "
                    "your other answers are saved as usual."
                )
            return False
        with self._lock:
            self._pending.append(event)
            if self._refused is not None:
                self._keep_waiting()
                saved = False
            else:
                # While a fault lasts the background retry writes; a click only tries quickly.
                refused = self._flush(RETRY_WAIT if self._retrier.running else self.timeout)
                if refused is None:
                    self._keep_waiting()
                saved = refused is not None and all(e is not event for e in refused)
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception:  # a listener's fault never loses or blocks an answer
                _LOG.exception("a progress listener failed on %s", event.question)
        return saved

    def flush(self, wait: float | None = None) -> bool:
        """Write the events waiting in memory now; True when none waits."""
        with self._lock:
            if self._pending and self._refused is None:
                self._flush(self.timeout if wait is None else wait)
            if self._pending:
                self._keep_waiting()
            return not self._pending

    def _has_work(self) -> bool:
        return bool(self._pending) and self._refused is None

    def _keep_waiting(self) -> None:
        with _WAITING_GUARD:
            _WAITING.add(self)
        if self._refused is None:
            self._retrier.start(self)

    def _retry(self) -> bool:
        """One try of the background retry; True when nothing is left to do."""
        with self._lock:
            if not self._has_work():
                return True
            return self._flush(RETRY_WAIT) is not None

    def _flush(self, wait: float) -> list[Event] | None:
        """Write every waiting event in one transaction; after a damaged file was moved
        aside, try once more, to the new file. Returns the events the file refused (each
        reported), or None if they still wait."""
        batch = list(self._pending)
        if not batch:
            return []
        for again in (True, False):
            try:
                refused = self._retrying(
                    lambda conn: self._insert(conn, batch), write=True, wait=wait
                )
            except (sqlite3.Error, StoreError, OSError) as exc:
                if self._fault(exc) and again:
                    continue
                return None
            del self._pending[: len(batch)]
            self._waiting_for = None
            if not self._pending:
                with _WAITING_GUARD:
                    _WAITING.discard(self)
            for e, why in refused:
                self._note(
                    f"An answer to {e.question!r} could not be saved ({why}); "
                    "your other answers are saved as usual."
                )
            return [e for e, _ in refused]
        return None

    def _insert(self, conn: sqlite3.Connection, events: list[Event]) -> list[tuple[Event, str]]:
        """Write ``events`` in one transaction, first checking that the file is still ours
        (another program, or a newer pm-course, may have changed it meanwhile). An event
        the file refuses is left out, not the others; returns those left out."""
        refused: list[tuple[Event, str]] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _cookie(conn) != self._handle.cookie:
                verdict, reason = _inspect(conn, self._file)
                if verdict != "ours":
                    raise _Refused(reason, readable=verdict == "newer")
                self._handle.cookie = _cookie(conn)
            for e in events:
                try:
                    conn.execute(_INSERT, e.row())
                except (
                    sqlite3.IntegrityError,
                    sqlite3.InterfaceError,
                    sqlite3.ProgrammingError,
                    sqlite3.DataError,
                    ValueError,
                    OverflowError,
                ) as exc:
                    refused.append((e, str(exc)))
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        return refused

    # -- kernel exit -------------------------------------------------------------------------------

    def _last_chance(self, wait: float) -> None:
        """At kernel exit: write what waits; if it cannot be, put it in a file beside the
        progress file (``progress.sqlite3.waiting-<time>-<pid>.json``)."""
        with self._lock:
            if not self._has_work():
                return
            self._flush(wait)
            if not self._pending or self._no_file is not None or self._not_yours:
                return
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            spill = self._file.with_name(f"{FILENAME}.waiting-{stamp}-{os.getpid()}.json")
            with contextlib.suppress(OSError, ValueError):
                write_json_atomic(
                    spill,
                    {"format": "pm-course-waiting", "events": [asdict(e) for e in self._pending]},
                )

    def _take_waiting_files(self, conn: sqlite3.Connection) -> None:
        """Write in the events a kernel left waiting at exit (skipping any already written,
        and notes older than one saved since), then delete their files."""
        for spill in sorted(self.home.glob(f"{FILENAME}.waiting-*.json")):
            try:
                data = json.loads(spill.read_text(encoding="utf-8"))
                events = [_cleaned(Event(**fields)) for fields in data["events"]]
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for e in events:
                        if not _already_there(conn, e):
                            conn.execute(_INSERT, e.row())
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
            except (sqlite3.Error, OSError):
                continue  # tried again when the file is next opened
            except (ValueError, TypeError, KeyError, RecursionError):
                self._note(f"{spill} could not be read; it is left where it is.")
                continue
            with contextlib.suppress(OSError):
                spill.unlink()

    # -- reading -----------------------------------------------------------------------------------

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        """The rows of one query on the file; none, with a warning, if it cannot be read
        (in memory, or a file that is not ours and not readable)."""
        with self._lock:
            if self._refused is not None and not self._refused_readable:
                return []
            for again in (True, False):
                try:
                    rows = self._retrying(lambda conn: self._query(conn, sql, args), write=False)
                except (sqlite3.Error, StoreError, OSError) as exc:
                    if isinstance(exc, (_Refused, _Unusable)):
                        self._fault(exc)
                        return []
                    cause = _cause(exc)
                    if cause == "corrupt" and self._move_aside(exc) and again:
                        continue
                    if cause not in ("busy", "corrupt"):
                        self._handle.close()
                        if again:
                            continue
                    self._unreadable = f"Saved progress could not be read just now ({exc})."
                    return []
                self._unreadable = None
                return rows
            return []

    def _query(self, conn: sqlite3.Connection, sql: str, args: tuple) -> list[tuple]:
        if self._handle.empty:
            return []
        return conn.execute(sql, args).fetchall()

    def _decode(self, rows: list[tuple]) -> list[Event]:
        """The events the rows hold; damaged rows are skipped and counted."""
        events = []
        for rid, *values in rows:
            try:
                events.append(Event.from_row(values))
            except (ValueError, TypeError):
                self._damaged.add((self._handle.file, rid))
        return events

    def _unsaved(self, question: str | None) -> list[Event]:
        """Events not (yet) in the file, oldest first."""
        return [e for e in self._pending if question is None or e.question == question]

    def events(self, question: str | None = None) -> list[Event]:
        """Every event (of one question), oldest first, including unsaved ones."""
        with self._lock:
            if question is None:
                rows = self._rows(_SELECT + " ORDER BY id", ())
            else:
                rows = self._rows(_SELECT + " WHERE question = ? ORDER BY id", (question,))
            return self._decode(rows) + self._unsaved(question)

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

        Reads one row: the newest unsaved note if any, else the newest in the file (if that
        one is damaged, the newest undamaged one).
        """
        with self._lock:
            for e in reversed(self._unsaved(key)):
                if e.kind == "note":
                    return e.answer
            newest = _SELECT + " WHERE question = ? AND kind = 'note' ORDER BY id DESC"
            rows = self._rows(newest + " LIMIT 1", (key,))
            found = self._decode(rows)
            if not found and rows:
                for row in self._rows(newest + " LIMIT -1 OFFSET 1", (key,)):
                    found = self._decode([row])
                    if found:
                        break
            return found[0].answer if found else default

    def export(self) -> dict:
        """All of the learner's records as a JSON-ready dict."""
        return {
            "format": "pm-course-progress",
            "schema": SCHEMA_VERSION,
            "exported": _now(),
            "events": [asdict(e) for e in self.events()],
        }

    def reset(self) -> int:
        """Delete every record; returns how many events were deleted. Raises
        :class:`StoreError` (and deletes nothing) if the file cannot be changed."""
        with self._lock:
            count = len(self._pending) if self.in_memory else len(self.events())
            if not self.in_memory:
                try:
                    self._retrying(self._wipe, write=True)
                except (sqlite3.Error, StoreError, OSError) as exc:
                    raise StoreError(
                        f"Your records could not be deleted ({exc}); nothing was deleted."
                    ) from exc
                self._damaged.clear()
            self._pending.clear()
            self._waiting_for = None
            with _WAITING_GUARD:
                _WAITING.discard(self)
            return count

    def _wipe(self, conn: sqlite3.Connection) -> None:
        """Delete every event in one transaction, keeping the file's owner (on a hub)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM events")
            if self.owner:
                mark = Event("00_start_here", OWNER_KEY, "note", {"hub_user": self.owner})
                conn.execute(_INSERT, mark.row())
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def _already_there(conn: sqlite3.Connection, e: Event) -> bool:
    """True if the file holds this event already, or (for a note) a newer note."""
    if e.kind == "note":
        newer = conn.execute(
            "SELECT 1 FROM events WHERE question = ? AND kind = 'note' AND created >= ? LIMIT 1",
            (e.question, e.created),
        ).fetchone()
        if newer:
            return True
    row = e.row()
    return (
        conn.execute(
            "SELECT 1 FROM events WHERE question = ? AND created = ? AND kind = ? "
            "AND answer IS ? LIMIT 1",
            (e.question, e.created, e.kind, row[4]),
        ).fetchone()
        is not None
    )


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


_STORE: Store | None = None


#: Called with the kernel's store when :func:`get_store` first opens it: how a layer above the
#: engine joins in (the live results file, registered by ``pm_course/__init__.py``) without
#: the engine importing it. A hook's fault is logged; the store works on.
ON_OPEN: list[Callable[[Store], None]] = []


def get_store() -> Store:
    """The store of this kernel, opened on first use."""
    global _STORE
    if _STORE is None:
        _STORE = Store()
        for hook in list(ON_OPEN):
            try:
                hook(_STORE)
            except Exception:
                _LOG.exception("a store hook failed")
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
