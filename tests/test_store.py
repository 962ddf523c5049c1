"""The progress store: answers survive, faults are survived, nothing is lost."""

import json
import multiprocessing
import os
import sqlite3
import time
from pathlib import Path

import pytest

from pm_course.course import store as store_module
from pm_course.course.store import (
    FILENAME,
    SCHEMA_VERSION,
    Event,
    QuestionState,
    Store,
    export_progress,
)


def answer(qid="q1", status="incorrect", score=0.0, value="A", section="00_start_here"):
    return Event(
        section=section, question=qid, kind="answer", answer=value, status=status, score=score
    )


def test_saved_at_once_and_read_by_a_new_store(tmp_path):
    first = Store(tmp_path)
    assert first.add(answer(value={"x": ["é", 1]}))
    second = Store(tmp_path)  # a restarted kernel
    [event] = second.events()
    assert event.answer == {"x": ["é", 1]}
    assert (tmp_path / FILENAME).exists()
    assert not first.warnings and not second.warnings


def test_schema_is_versioned_and_in_wal_mode(tmp_path):
    Store(tmp_path)
    conn = sqlite3.connect(tmp_path / FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_state_is_derived_from_events(tmp_path):
    store = Store(tmp_path)
    store.add(answer(status="incorrect"))
    store.add(Event("s", "q1", "hint", hint=1))
    store.add(Event("s", "q1", "hint", hint=2))
    store.add(answer(status="correct", score=1.0, value="B"))
    state = store.state("q1")
    assert (state.attempts, state.hints, state.status, state.answer) == (2, 2, "correct", "B")
    assert state.score == 1.0 and state.done and not state.right_first_time
    assert store.state("other") == QuestionState()


def test_revealed_answers_score_nothing(tmp_path):
    store = Store(tmp_path)
    store.add(Event("s", "q1", "reveal"))
    store.add(answer(status="correct", score=1.0))
    state = store.state("q1")
    assert state.done and state.revealed and state.score == 0.0 and not state.right_first_time


def _write_many(home, tag, count):
    store = Store(home, timeout=30)
    for i in range(count):
        store.add(answer(qid=f"{tag}-{i}"))
    assert not store._pending, store.warnings


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    Store(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_many, args=(tmp_path, tag, 500)) for tag in "ab"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    events = Store(tmp_path).events()
    assert len(events) == 1000
    assert len({e.question for e in events}) == 1000


def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path):
    (tmp_path / FILENAME).write_bytes(b"this is not a database" * 100)
    store = Store(tmp_path)
    assert any("damaged" in w for w in store.warnings)
    aside = [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside and (tmp_path / aside[0]).read_bytes().startswith(b"this is not")
    assert store.add(answer())
    assert len(Store(tmp_path).events()) == 1


def test_file_corrupted_while_open_keeps_the_answer(tmp_path):
    store = Store(tmp_path)
    store.add(answer(qid="before"))
    for suffix in ("", "-wal", "-shm"):
        path = tmp_path / f"{FILENAME}{suffix}"
        if path.exists():
            path.write_bytes(b"garbage" * 200)
    store.add(answer(qid="after"))
    assert any("damaged" in w for w in store.warnings)
    assert [e.question for e in store.events()] == ["after"]


def test_missing_folder_is_created(tmp_path):
    store = Store(tmp_path / "a" / "b")
    assert store.add(answer()) and not store.in_memory


def test_folder_that_cannot_exist_keeps_answers_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "progress")  # a folder inside a file: cannot be made
    assert store.in_memory
    assert any("NOT being saved" in w for w in store.warnings)
    assert store.add(answer()) is False
    assert len(store.events()) == 1 and store.state("q1").attempts == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_keeps_answers_in_memory(tmp_path):
    tmp_path.chmod(0o500)
    try:
        store = Store(tmp_path)
        assert store.in_memory and any("read-only" in w for w in store.warnings)
        store.add(answer())
        assert len(store.events()) == 1
    finally:
        tmp_path.chmod(0o700)


def test_read_only_file_shows_earlier_answers_and_keeps_new_ones_waiting(tmp_path, monkeypatch):
    Store(tmp_path).add(answer(qid="old"))
    real = store_module._sqlite

    def read_only(target, *, uri=False, **options):  # a read-only mount, another user's file
        if not uri:
            target, uri = f"{Path(target).absolute().as_uri()}?mode=ro", True
        return real(target, uri=uri, **options)

    monkeypatch.setattr(store_module, "_sqlite", read_only)
    store = Store(tmp_path)
    assert store.add(answer(qid="new")) is False
    assert not store.in_memory and any("read-only" in w for w in store.warnings)
    assert [e.question for e in store.events()] == ["old", "new"]
    monkeypatch.undo()  # the file can be written again
    assert store.flush() and not store.warnings
    assert [e.question for e in Store(tmp_path).events()] == ["old", "new"]


def test_locked_file_retries_then_keeps_the_answer_and_saves_it_later(tmp_path):
    store = Store(tmp_path, timeout=0.05, retries=1)
    locker = sqlite3.connect(tmp_path / FILENAME, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert store.add(answer(qid="while-locked")) is False
        assert any("busy" in w for w in store.warnings)
        assert [e.question for e in store.events()] == ["while-locked"]
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert store.add(answer(qid="after"))
    assert not store.warnings
    assert [e.question for e in Store(tmp_path).events()] == ["while-locked", "after"]


@pytest.fixture
def locked(tmp_path):
    """Another connection holds the progress file (``BEGIN EXCLUSIVE``) until the test ends."""
    Store(tmp_path)
    locker = sqlite3.connect(tmp_path / FILENAME, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    yield locker
    if locker.in_transaction:
        locker.execute("ROLLBACK")
    locker.close()


def test_the_background_retry_wakes_on_a_timer_and_ends_when_nothing_waits(
    tmp_path, locked, monkeypatch
):
    monkeypatch.setattr(store_module, "RETRY_FIRST", 0.05)
    monkeypatch.setattr(store_module, "RETRY_LAST", 0.4)
    tries = []
    real = Store._retry
    monkeypatch.setattr(Store, "_retry", lambda self: tries.append(1) or real(self))
    store = Store(tmp_path, timeout=0.05)
    assert store.add(answer(qid="waiting")) is False and store._retrier.running
    time.sleep(1)
    assert 2 <= len(tries) <= 8  # 0.05, 0.1, 0.2, 0.4, 0.4 s apart: never a busy loop
    locked.execute("ROLLBACK")
    deadline = time.monotonic() + 5
    while store._retrier.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not store._retrier.running and store.waiting == 0 and not store.warnings
    assert [e.question for e in Store(tmp_path).events()] == ["waiting"]


def test_close_stops_the_background_retry_and_keeps_what_waits(tmp_path, locked):
    store = Store(tmp_path, timeout=0.05)
    assert store.add(answer(qid="waiting")) is False
    store.close()
    assert not store._retrier.running and store.waiting == 1
    assert [e.question for e in store.events()] == ["waiting"]
    locked.execute("ROLLBACK")
    assert store.flush() and store.waiting == 0
    assert [e.question for e in Store(tmp_path).events()] == ["waiting"]


def test_newer_schema_is_not_touched(tmp_path):
    Store(tmp_path)
    conn = sqlite3.connect(tmp_path / FILENAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    store = Store(tmp_path)
    assert store.in_memory and any("newer pm-course" in w for w in store.warnings)


def test_export_and_reset(tmp_path):
    store = Store(tmp_path)
    store.add(answer(value="Ünïcode"))
    data = json.loads(json.dumps(store.export()))
    assert data["format"] == "pm-course-progress" and data["schema"] == SCHEMA_VERSION
    assert data["events"][0]["answer"] == "Ünïcode"
    assert store.reset() == 1
    assert store.events() == [] and Store(tmp_path).events() == []


def test_environment_variable_picks_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "hub"))
    assert Store().path == tmp_path / "hub" / FILENAME


def test_notes_keep_the_newest_data(tmp_path):
    store = Store(tmp_path)
    assert store.note("card", default={}) == {}
    store.save_note("03_an_experimental_process", "card", {"we_believe": "x"})
    store.save_note("03_an_experimental_process", "card", {"we_believe": "y"})
    assert Store(tmp_path).note("card") == {"we_believe": "y"}
    assert store.state("card").attempts == 0


# --- one connection, kept open ------------------------------------------------------------------


@pytest.fixture
def connects(monkeypatch):
    """Count sqlite3.connect calls (each still opens the file for real)."""
    calls = []
    real = sqlite3.connect

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting)
    return calls


def test_one_connection_serves_every_read_and_write(tmp_path, connects):
    store = Store(tmp_path)
    for i in range(50):
        store.add(answer(qid=f"q{i % 5}"))
        store.save_note("s", "card", {"n": i})
        store.state(f"q{i % 5}")
        store.note("card")
    store.states(), store.export()
    assert len(connects) == 1
    assert len(store.events()) == 100 and store.note("card") == {"n": 49}


def test_closed_store_opens_again_on_next_use(tmp_path, connects):
    store = Store(tmp_path)
    store.add(answer(qid="before"))
    store.close()
    store.close()  # twice is harmless
    assert store.add(answer(qid="after"))
    assert [e.question for e in store.events()] == ["before", "after"]
    assert len(connects) == 2


def test_two_open_stores_see_each_others_writes(tmp_path):
    first, second = Store(tmp_path), Store(tmp_path)  # two kernels, both open
    first.add(answer(qid="from-first"))
    second.save_note("s", "card", "from second")
    assert [e.question for e in second.events()] == ["from-first", "card"]
    assert first.note("card") == "from second"
    first.save_note("s", "card", "newer, from first")
    assert second.note("card") == "newer, from first"


def test_file_moved_aside_by_another_kernel_is_followed(tmp_path):
    mine = Store(tmp_path)
    mine.add(answer(qid="old"))
    for suffix in ("", "-wal", "-shm"):  # what another kernel's "move aside" does
        part = tmp_path / f"{FILENAME}{suffix}"
        if part.exists():
            part.rename(tmp_path / f"aside{suffix}")
    other = Store(tmp_path)
    other.add(answer(qid="theirs"))
    assert mine.add(answer(qid="mine"))
    assert [e.question for e in Store(tmp_path).events()] == ["theirs", "mine"]
    assert [e.question for e in mine.events()] == ["theirs", "mine"]
    assert not mine.warnings


def test_file_deleted_while_open_is_made_again(tmp_path):
    store = Store(tmp_path)
    store.add(answer(qid="old"))
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"{FILENAME}{suffix}").unlink(missing_ok=True)
    assert store.add(answer(qid="new"))
    assert [e.question for e in Store(tmp_path).events()] == ["new"]


# --- notes read one row -------------------------------------------------------------------------


@pytest.fixture
def decoded(monkeypatch):
    """Count the rows turned into events."""
    rows = []
    real = Event.from_row.__func__

    def counting(cls, row):
        rows.append(row)
        return real(cls, row)

    monkeypatch.setattr(Event, "from_row", classmethod(counting))
    return rows


def test_note_reads_only_the_newest_row(tmp_path, decoded):
    store = Store(tmp_path)
    for i in range(300):
        store.save_note("s", "card", {"version": i})
        store.save_note("s", "other", i)
        store.add(answer(qid="card", value=i))  # not a note: never the answer
    decoded.clear()
    assert store.note("card") == {"version": 299}
    assert len(decoded) == 1
    assert store.note("missing", default="none") == "none"
    assert len(decoded) == 1


def test_note_waiting_to_be_saved_is_the_newest(tmp_path):
    store = Store(tmp_path, timeout=0.05, retries=0)
    store.save_note("s", "card", "saved")
    locker = sqlite3.connect(tmp_path / FILENAME, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert store.save_note("s", "card", "waiting") is False
        assert store.note("card") == "waiting"
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert store.note("card") == "waiting"


def test_note_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "progress")
    store.save_note("s", "card", 1)
    store.save_note("s", "card", 2)
    assert store.in_memory and store.note("card") == 2


# --- exporting ----------------------------------------------------------------------------------


def test_export_progress_writes_a_dated_file_here_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    store = Store(tmp_path / "home")
    store.add(answer(value="Ünïcode"))
    path = export_progress(store=store)
    assert path.parent == Path(".") and path.name.startswith("pm-course-progress-")
    assert json.loads(path.read_text(encoding="utf-8"))["events"][0]["answer"] == "Ünïcode"
    assert export_progress("~/x.json", store) == tmp_path / "x.json"


def test_export_progress_is_still_importable_from_the_progress_widgets():
    from pm_course.ui import progress

    assert progress.export_progress is export_progress
