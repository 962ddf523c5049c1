"""The fault table: every fault the progress file meets, injected for real, one test each.

Each test asserts that no answer is lost (after the fault clears, a fresh store sees every
answer, or the export holds every answer) and that no exception reaches the caller.

====================================  =====================================================
fault                                 injected by
====================================  =====================================================
disk full                             a full tmpfs (mounted when we may), and SQLite's
                                      ``max_page_count`` on the store's connection
disk I/O error                        a kernel opening the file on a full tmpfs (SQLite
                                      cannot size its lock file: SQLITE_IOERR_SHMSIZE)
read-only file, read-only folder      chmod, and the store run in a subprocess without root's
                                      capabilities (``setpriv``)
a lock held for seconds               a second process holding ``BEGIN EXCLUSIVE``
a lock at kernel exit                 the same, released during exit or after it
kill -9 of a writer                   SIGKILL to a process saving in a loop
damaged rows                          rows written with raw sqlite3 (bad JSON, a score that
                                      is not a number, an unknown kind, bytes that are not
                                      UTF-8, a hint that is not a number)
newer schema, mid-session             another connection migrating the file to schema 2
newer schema, at opening              the same before the store opens
foreign database                      another program's SQLite file at the path
lone surrogate, numpy values          what a widget or a model hands over
an answer that cannot be stored       an unknown kind, an answer over the size limit
two kernels, one corrupt file         two processes opening it at once, 8 times
corrupt file, truncated file          garbage written, the file cut in half
symlinked progress file               a symlink to a file elsewhere
====================================  =====================================================

(Two processes writing 2 x 500 answers at once, and a file moved aside or deleted by another
kernel, are in ``tests/test_store.py``.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import selectors
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from process_support import without_root

from pm_course.course.store import (
    FILENAME,
    MAX_ANSWER,
    SCHEMA_VERSION,
    Event,
    Store,
    export_progress,
)

SECTION = "00_start_here"


def answer(qid: str, value: object = "A", **fields) -> Event:
    return Event(SECTION, qid, "answer", answer=value, status="correct", score=1.0, **fields)


def questions(events) -> list[str]:
    return [e.question if isinstance(e, Event) else e["question"] for e in events]


def exported(store: Store, folder: Path) -> list[str]:
    """The questions in the learner's export (what the warnings tell them to make)."""
    path = export_progress(folder / "export.json", store)
    return questions(json.loads(path.read_text(encoding="utf-8"))["events"])


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def moved_aside(home: Path) -> list[Path]:
    return sorted(p for p in home.iterdir() if ".corrupt-" in p.name)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- processes -------------------------------------------------------------------------------------


def python(code: str, *args: object, user: list[str] | None = None, cwd: Path | None = None):
    """A Python process running ``code`` (stdin, stdout and stderr are pipes)."""
    return subprocess.Popen(
        [*(user or []), sys.executable, "-c", textwrap.dedent(code), *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def read_line(proc: subprocess.Popen, seconds: float = 30.0) -> str:
    """The next line the process prints; fails the test if none comes in time."""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(seconds):
            proc.kill()
            pytest.fail(f"no answer from the process in {seconds} s")
    line = proc.stdout.readline()
    if not line:
        pytest.fail(f"the process ended: {proc.stderr.read()}")
    return line.strip()


def finish(proc: subprocess.Popen, seconds: float = 30.0) -> str:
    """Wait for the process to end well; its stderr."""
    try:
        _, err = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"the process did not end in {seconds} s")
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    return err


LOCKER = """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    print("released", flush=True)
"""


@contextlib.contextmanager
def lock_held(path: Path) -> Iterator[Callable[[], None]]:
    """Another process holds the file with ``BEGIN EXCLUSIVE`` until ``release()``."""
    locker = python(LOCKER, path)
    assert read_line(locker) == "locked"
    released = False

    def release() -> None:
        nonlocal released
        if not released:
            locker.stdin.write("\n")
            locker.stdin.flush()
            assert read_line(locker) == "released"
            released = True

    try:
        yield release
    finally:
        with contextlib.suppress(Exception):
            release()
        finish(locker)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are private to their owner)."""
    path = Path(tempfile.mkdtemp(prefix="pm-course-faults-"))
    path.chmod(0o755)
    yield path
    for p in (path, *path.rglob("*")):
        with contextlib.suppress(OSError):
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(path, ignore_errors=True)


# -- a full disk -----------------------------------------------------------------------------------


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last block; returns the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)
    return filler


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root, or the max_page_count variant stands in)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); max_page_count runs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


class FullDisk:
    """Fills and frees the disk under a store, one of two real ways."""

    def __init__(self, how: str, home: Path):
        self.how, self.home = how, home
        self.filler: Path | None = None
        self.store: Store | None = None

    def fill(self, store: Store) -> None:
        if self.how == "tmpfs":
            self.filler = fill(self.home)
        else:  # SQLite's own limit; it belongs to one connection, so it is set on the store's
            conn = store._handle.conn
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
            self.store = store

    def free(self) -> None:
        if self.filler is not None:
            self.filler.unlink()
        if self.store is not None:
            self.store._handle.conn.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture(params=["tmpfs", "max_page_count"])
def full_disk(request, tmp_path) -> FullDisk:
    if request.param == "tmpfs":
        return FullDisk("tmpfs", request.getfixturevalue("small_disk"))
    return FullDisk("max_page_count", tmp_path / "home")


def big(qid: str) -> Event:
    """An answer bigger than a page, so saving it needs new room on the disk."""
    return answer(qid, value=qid * 2000)


def test_disk_full_keeps_the_file_and_writes_the_answers_once_there_is_room(full_disk, tmp_path):
    store = Store(full_disk.home)
    assert store.add(big("one")) and store.add(big("two"))
    full_disk.fill(store)
    started = time.monotonic()
    saved = [store.add(big("three")), store.add(big("four"))]
    assert saved == [False, False] and time.monotonic() - started < 2
    assert any("full" in w and "export_progress" in w for w in store.warnings), store.warnings
    assert not store.in_memory and not moved_aside(full_disk.home)
    everything = ["one", "two", "three", "four"]
    assert questions(store.events()) == everything  # reading goes on
    assert exported(store, tmp_path) == everything
    full_disk.free()
    assert wait_for(lambda: store.waiting == 0)  # the background retry; no new answer needed
    assert not store.warnings
    assert questions(Store(full_disk.home).events()) == everything
    assert not moved_aside(full_disk.home)
    store.close()


def test_disk_io_error_when_a_kernel_opens_the_file_shows_every_answer_and_saves_later(
    small_disk, tmp_path
):
    first = Store(small_disk)
    for qid in ("one", "two", "three"):
        assert first.add(answer(qid))
    first.close()  # the last connection: SQLite removes its lock files
    del first
    filler = fill(small_disk)
    store = Store(small_disk)  # a new kernel: no room for SQLite's lock file, "disk I/O error"
    assert questions(store.events()) == ["one", "two", "three"]
    assert store.add(answer("four")) is False
    assert any("disk I/O error" in w for w in store.warnings), store.warnings
    assert exported(store, tmp_path) == ["one", "two", "three", "four"]
    assert not moved_aside(small_disk)
    filler.unlink()
    assert wait_for(lambda: store.waiting == 0)
    assert questions(Store(small_disk).events()) == ["one", "two", "three", "four"]
    assert not moved_aside(small_disk) and not store.warnings
    store.close()


# -- read-only -------------------------------------------------------------------------------------

READ_ONLY_LEARNER = """
    import json, sys, time
    from pm_course.course.store import Event, Store, export_progress

    store = Store(sys.argv[1])
    saved = store.add(Event("00_start_here", "new", "answer", answer="A", status="correct"))
    export = json.loads(export_progress(sys.argv[2], store).read_text(encoding="utf-8"))
    print(json.dumps({
        "saved": saved,
        "shown": [e.question for e in store.events()],
        "exported": [e["question"] for e in export["events"]],
        "warnings": store.warnings,
    }), flush=True)
    sys.stdin.readline()  # the file can be written again
    deadline = time.monotonic() + 15
    while store.waiting and time.monotonic() < deadline:
        time.sleep(0.05)
    print(json.dumps({"waiting": store.waiting, "warnings": store.warnings}), flush=True)
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_store_shows_and_exports_every_answer_and_saves_when_writable(what, open_dir):
    user = without_root()
    home, out = open_dir / "home", open_dir / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    earlier = Store(home)
    for i in range(5):
        assert earlier.add(answer(f"q{i}"))
    earlier.close()
    del earlier
    home.chmod(0o777 if what == "file" else 0o755)  # a folder only its owner (root) writes to
    (home / FILENAME).chmod(0o444 if what == "file" else 0o644)
    learner = python(READ_ONLY_LEARNER, home, out / "export.json", user=user, cwd=out)
    seen = json.loads(read_line(learner))
    everything = [f"q{i}" for i in range(5)] + ["new"]
    assert seen["saved"] is False
    assert seen["shown"] == everything and seen["exported"] == everything
    assert any("read-only" in w or "cannot be opened" in w for w in seen["warnings"]), seen
    home.chmod(0o777)
    for p in home.iterdir():
        p.chmod(0o666)
    learner.stdin.write("\n")
    learner.stdin.flush()
    after = json.loads(read_line(learner))
    finish(learner)
    assert after == {"waiting": 0, "warnings": []}
    assert questions(Store(home).events()) == everything
    assert not moved_aside(home)


# -- locks -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_long_lock_never_freezes_a_click_and_the_answers_are_written_when_it_ends(tmp_path):
    store = Store(tmp_path)
    assert store.add(answer("before"))
    with lock_held(tmp_path / FILENAME) as release:
        took = []
        for qid in ("one", "two", "three"):
            started = time.monotonic()
            assert store.add(answer(qid)) is False
            took.append(time.monotonic() - started)
            time.sleep(2)
        assert max(took) < 1.2, took
        assert any("busy" in w for w in store.warnings)
        assert questions(store.events()) == ["before", "one", "two", "three"]
        release()
        assert wait_for(lambda: store.waiting == 0, 5)  # no new answer needed
    assert not store.warnings
    assert questions(Store(tmp_path).events()) == ["before", "one", "two", "three"]


AT_EXIT_LEARNER = """
    import sys
    from pm_course.course.store import Event, Store

    store = Store(sys.argv[1])
    saved = [
        store.add(Event("00_start_here", q, "answer", answer=q, status="correct"))
        for q in ("one", "two", "three")
    ]
    print(saved, flush=True)
    sys.stdin.readline()  # the notebook is closed: the kernel exits
"""


@pytest.mark.slow
def test_answers_locked_out_are_written_at_kernel_exit(tmp_path):
    with lock_held(tmp_path / FILENAME) as release:
        learner = python(AT_EXIT_LEARNER, tmp_path)
        assert read_line(learner) == "[False, False, False]"
        learner.stdin.write("\n")  # exit while the file is still locked ...
        learner.stdin.flush()
        time.sleep(0.5)
        release()  # ... and free it while the kernel exits
        finish(learner)
    assert not list(tmp_path.glob("*.waiting-*"))
    assert questions(Store(tmp_path).events()) == ["one", "two", "three"]


@pytest.mark.slow
def test_answers_locked_out_past_kernel_exit_are_written_by_the_next_kernel(tmp_path):
    with lock_held(tmp_path / FILENAME):
        learner = python(AT_EXIT_LEARNER, tmp_path)
        assert read_line(learner) == "[False, False, False]"
        learner.stdin.write("\n")
        learner.stdin.flush()
        finish(learner)  # the lock outlasts the exit
        assert len(list(tmp_path.glob(f"{FILENAME}.waiting-*.json"))) == 1
    assert questions(Store(tmp_path).events()) == ["one", "two", "three"]
    assert not list(tmp_path.glob("*.waiting-*"))
    assert questions(Store(tmp_path).events()) == ["one", "two", "three"]  # written once


# -- kill -9 ---------------------------------------------------------------------------------------

WRITER = """
    import sys
    from pm_course.course.store import Event, Store

    store = Store(sys.argv[1])
    i = 0
    while True:
        if store.add(Event("00_start_here", f"k{i}", "answer", answer=i, status="correct")):
            print(i, flush=True)
        i += 1
"""


def test_kill_9_of_a_writer_loses_no_answer_it_confirmed(tmp_path):
    writer = python(WRITER, tmp_path)
    confirmed = [read_line(writer) for _ in range(40)]
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate(timeout=30)
    confirmed += rest.split()
    store = Store(tmp_path)
    saved = set(questions(store.events()))
    assert {f"k{i}" for i in confirmed} <= saved
    conn = sqlite3.connect(tmp_path / FILENAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert store.add(answer("after")) and not store.warnings and not moved_aside(tmp_path)


# -- damaged rows ----------------------------------------------------------------------------------


def damage(path: Path) -> None:
    """Rows no pm-course writes, put in with raw sqlite3."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    insert = "INSERT INTO events (created, section, question, kind, answer, status, score, hint) "
    conn.execute(
        insert + "VALUES ('t', ?, 'start-single', 'answer', '{not json', 'correct', 1, NULL)",
        (SECTION,),
    )
    conn.execute(
        insert + "VALUES ('t', ?, 'start-single', 'answer', '\"B\"', 'correct', 'high', NULL)",
        (SECTION,),
    )
    conn.execute(
        insert + "VALUES ('t', ?, 'start-single', 'bogus', NULL, NULL, NULL, NULL)", (SECTION,)
    )
    conn.execute(
        insert + "VALUES ('t', ?, 'start-single', 'hint', NULL, NULL, NULL, 'two')", (SECTION,)
    )
    conn.execute(
        insert + "VALUES ('t', ?, 'card', 'note', CAST(x'7b22ff22' AS TEXT), NULL, NULL, NULL)",
        (SECTION,),
    )
    conn.execute(insert + "VALUES ('t', ?, 'card', 'note', 'NaN', NULL, NULL, NULL)", (SECTION,))
    conn.close()


def test_damaged_rows_are_skipped_counted_and_the_rest_shown_and_exported(tmp_path):
    from pm_course.course.summary import section_progress

    store = Store(tmp_path)
    assert store.add(answer("start-single", "Melvin Conway"))
    assert store.save_note(SECTION, "card", {"we_believe": "x"})
    damage(tmp_path / FILENAME)
    assert store.add(answer("after"))
    assert questions(store.events()) == ["start-single", "card", "after"]
    assert any("6 damaged records were skipped" in w for w in store.warnings), store.warnings
    assert store.state("start-single").status == "correct"
    assert store.note("card") == {"we_believe": "x"}  # the newest notes are damaged
    assert set(store.states()) == {"start-single", "card", "after"}
    assert exported(store, tmp_path) == ["start-single", "card", "after"]
    assert sum(p.done for p in section_progress(store)) >= 1
    fresh = Store(tmp_path)
    assert questions(fresh.events()) == ["start-single", "card", "after"]
    assert fresh.add(answer("later")) and not moved_aside(tmp_path)


def test_questions_progress_and_exports_work_beside_damaged_rows(store, tmp_path, monkeypatch):
    import pm_course
    from pm_course.cli import main

    store.add(answer("start-single", "Melvin Conway"))
    damage(store.home / FILENAME)
    shown = [pm_course.question("start-single"), pm_course.quiz(SECTION), pm_course.progress()]
    for view in shown:
        assert view._repr_mimebundle_()["text/plain"]
    assert "damaged records were skipped" in shown[0].warning.value
    assert questions(json.loads(export_progress(tmp_path / "x.json").read_text())["events"]) == [
        "start-single"
    ]
    monkeypatch.setenv("PM_COURSE_HOME", str(store.home))
    assert main(["export", str(tmp_path / "cli.json")]) == 0
    assert len(json.loads((tmp_path / "cli.json").read_text())["events"]) == 1


# -- a file that is not ours -----------------------------------------------------------------------


def test_newer_schema_written_mid_session_is_never_modified_and_answers_are_kept(tmp_path):
    store = Store(tmp_path)
    assert store.add(answer("one"))
    newer = sqlite3.connect(tmp_path / FILENAME, isolation_level=None)  # another kernel
    newer.executescript(
        """
        BEGIN;
        ALTER TABLE events ADD COLUMN device TEXT NOT NULL DEFAULT '';
        CREATE TRIGGER needs_device BEFORE INSERT ON events WHEN NEW.device = ''
            BEGIN SELECT RAISE(ABORT, 'schema 2 needs a device'); END;
        PRAGMA user_version = 2;
        COMMIT;
        """
    )
    before = list(newer.iterdump())
    assert store.add(answer("two")) is False
    assert store.save_note(SECTION, "card", {"n": 1}) is False
    assert store.in_memory and any("newer pm-course" in w for w in store.warnings)
    assert list(newer.iterdump()) == before  # never modified
    assert newer.execute("PRAGMA user_version").fetchone()[0] == 2
    newer.close()
    assert questions(store.events()) == ["one", "two", "card"]  # the file is still read
    assert exported(store, tmp_path) == ["one", "two", "card"]
    assert store.note("card") == {"n": 1} and not moved_aside(tmp_path)


def test_newer_schema_at_opening_is_never_modified(tmp_path):
    Store(tmp_path).add(answer("one"))
    conn = sqlite3.connect(tmp_path / FILENAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(tmp_path / FILENAME)
    store = Store(tmp_path)
    assert store.add(answer("two")) is False
    assert store.in_memory and any("newer pm-course" in w for w in store.warnings)
    assert exported(store, tmp_path) == ["one", "two"]
    store.close()
    assert digest(tmp_path / FILENAME) == before


FOREIGN = {
    "other tables": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
    "INSERT INTO notes (body) VALUES ('someone else''s');",
    "an events table of another shape": "CREATE TABLE events (id INTEGER PRIMARY KEY, at REAL);"
    "INSERT INTO events (at) VALUES (1.5);",
}


@pytest.mark.parametrize("holding", FOREIGN)
def test_foreign_database_is_never_modified_and_answers_are_kept(holding, tmp_path):
    conn = sqlite3.connect(tmp_path / FILENAME)
    conn.executescript(FOREIGN[holding])
    conn.commit()
    conn.close()
    before = digest(tmp_path / FILENAME)
    store = Store(tmp_path)
    assert store.add(answer("one")) is False
    assert store.in_memory
    assert any("not a pm-course progress file" in w for w in store.warnings), store.warnings
    assert questions(store.events()) == ["one"]
    assert exported(store, tmp_path) == ["one"]
    store.close()
    assert digest(tmp_path / FILENAME) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", FILENAME]


# -- what a widget or a model hands over -----------------------------------------------------------


def test_a_lone_surrogate_is_cleaned_and_poisons_nothing(tmp_path):
    from pm_course.classroom.results import export_results

    store = Store(tmp_path)
    reflection = Event(
        SECTION, "start-reflection", "answer", answer="caf\ud800 \ud83d\ude00", status="saved"
    )
    assert store.add(reflection)
    assert store.save_note(SECTION, "card", {"k\udc00": ["x\ud800"]})
    assert store.add(answer("later"))
    events = Store(tmp_path).events()
    assert questions(events) == ["start-reflection", "card", "later"]
    assert events[0].answer == "caf\ufffd 😀"  # the lone one replaced, the pair joined
    assert events[1].answer == {"k\ufffd": ["x\ufffd"]}
    assert exported(store, tmp_path) == ["start-reflection", "card", "later"]
    results = export_results(store, "Ada", reflections=True, folder=tmp_path / "results")
    assert json.loads(results.read_text(encoding="utf-8"))
    assert not store.warnings


def test_numpy_values_are_made_plain_and_poison_nothing(tmp_path):
    from pm_course.classroom.results import export_results

    np = pytest.importorskip("numpy")

    class Thing:
        def __str__(self):
            return "a thing"

    store = Store(tmp_path)
    data = {
        "n": np.int64(3),
        "x": np.float32(0.5),
        "cells": np.arange(3),
        "grid": np.eye(2, dtype=int),
        "pair": (1, 2),
        "nan": float("nan"),
        "inf": np.float64("inf"),
        "thing": Thing(),
        np.int64(7): "key",
    }
    assert store.save_note(SECTION, "model", data)
    assert store.add(answer("q", np.int64(2), hint=np.int32(1)))
    assert store.add(answer("later"))
    plain = {
        "n": 3,
        "x": 0.5,
        "cells": [0, 1, 2],
        "grid": [[1, 0], [0, 1]],
        "pair": [1, 2],
        "nan": None,
        "inf": None,
        "thing": "a thing",
        "7": "key",
    }
    assert store.note("model") == plain  # the same before and after a restart
    fresh = Store(tmp_path)
    assert fresh.note("model") == plain
    assert fresh.events("q")[0].answer == 2 and fresh.events("q")[0].hint == 1
    assert exported(store, tmp_path) == ["model", "q", "later"]
    assert export_results(store, "Ada", folder=tmp_path / "results").exists()
    assert not store.warnings


def test_an_answer_that_cannot_be_stored_is_refused_with_a_message_and_blocks_nothing(tmp_path):
    store = Store(tmp_path)
    assert store.add(answer("one"))
    assert store.add(Event(SECTION, "odd", "bogus")) is False
    assert store.add(answer("huge", "x" * (MAX_ANSWER + 1))) is False
    assert sum("could not be saved" in w for w in store.warnings) == 2, store.warnings
    assert store.add(answer("two"))
    assert questions(Store(tmp_path).events()) == ["one", "two"]
    assert not moved_aside(tmp_path)


# -- damaged files ---------------------------------------------------------------------------------

OPENER = """
    import json, sys, time
    from pm_course.course.store import Event, Store

    time.sleep(max(0, float(sys.argv[2]) - time.time()))  # both start at once
    store = Store(sys.argv[1])
    saved = store.add(Event("00_start_here", sys.argv[3], "answer", answer="A", status="correct"))
    print(json.dumps({"saved": saved, "in_memory": store.in_memory}), flush=True)
    print(json.dumps(store.warnings), flush=True)
"""


@pytest.mark.slow
def test_two_kernels_opening_a_corrupt_file_at_once_both_use_the_new_file(tmp_path):
    garbage = b"this is not a database" * 100
    for run in range(8):  # one pair at a time, so that both really open it at once
        home = tmp_path / f"run{run}"
        home.mkdir()
        (home / FILENAME).write_bytes(garbage)
        start = time.time() + 1.0
        kernels = [python(OPENER, home, start, f"{home.name}-{k}") for k in "ab"]
        results = [json.loads(read_line(k, 60)) for k in kernels]
        warnings = [json.loads(read_line(k)) for k in kernels]
        for k in kernels:
            finish(k)
        assert results == [{"saved": True, "in_memory": False}] * 2, (run, results, warnings)
        [aside] = moved_aside(home)
        assert aside.read_bytes() == garbage
        assert sorted(questions(Store(home).events())) == [f"{home.name}-a", f"{home.name}-b"]


def test_corrupt_file_is_moved_aside_whole_and_a_new_one_started(tmp_path):
    (tmp_path / FILENAME).write_bytes(b"garbage" * 500)
    store = Store(tmp_path)
    assert store.add(answer("one")) and not store.in_memory
    assert any("damaged" in w for w in store.warnings)
    [aside] = moved_aside(tmp_path)
    assert aside.read_bytes() == b"garbage" * 500
    assert questions(Store(tmp_path).events()) == ["one"]


def test_truncated_file_is_kept_whole_aside_and_a_new_one_started(tmp_path):
    store = Store(tmp_path)
    for i in range(200):
        store.add(answer(f"q{i}", "x" * 500))
    store.close()
    del store
    data = (tmp_path / FILENAME).read_bytes()
    (tmp_path / FILENAME).write_bytes(data[: len(data) // 2])
    store = Store(tmp_path)
    store.events()
    assert store.add(answer("after")) and not store.in_memory
    [aside] = moved_aside(tmp_path)
    assert aside.read_bytes() == data[: len(data) // 2]  # the earlier answers are in it
    assert questions(Store(tmp_path).events()) == ["after"]


def test_symlinked_progress_file_is_used_where_it_points(tmp_path):
    real = tmp_path / "elsewhere" / "mine.sqlite3"
    real.parent.mkdir()
    Store(real.parent).add(answer("zero"))
    (real.parent / FILENAME).rename(real)
    home = tmp_path / "home"
    home.mkdir()
    (home / FILENAME).symlink_to(real)
    store = Store(home)
    assert store.add(answer("one")) and not store.warnings
    store.close()
    assert (home / FILENAME).is_symlink()
    assert questions(Store(home).events()) == ["zero", "one"]


@pytest.mark.slow
def test_reset_while_another_process_holds_the_file_deletes_nothing_and_says_so(tmp_path):
    from pm_course.ui.progress import ResetView

    store = Store(tmp_path / "home")
    store.add(answer("wipm-definition"))
    view = ResetView(store=store, backup_dir=tmp_path / "backups")
    with lock_held(store.path) as release:
        view.reset()
        release()
    assert "could not be deleted" in view.status.value
    assert "Something went wrong" not in view.status.value
    assert list((tmp_path / "backups").glob("backup-*.json")), "the backup is written first"
    assert questions(Store(tmp_path / "home").events()) == ["wipm-definition"]


@pytest.mark.slow
def test_pm_course_reset_while_the_file_is_held_exits_with_one_sentence(
    tmp_path, monkeypatch, capsys
):
    from pm_course.cli import main

    home = tmp_path / "home"
    Store(home).add(answer("wipm-definition"))
    monkeypatch.setenv("PM_COURSE_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    with lock_held(home / "progress.sqlite3") as release:
        code = main(["reset", "--yes"])
        release()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "could not be deleted" in err and "Traceback" not in err
    assert questions(Store(home).events()) == ["wipm-definition"]
