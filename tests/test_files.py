"""Safe file writing: a file is its old self or complete, and no temporary file is left."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from pm_course.course import files
from pm_course.course.files import write_json_atomic, write_text_atomic


def test_text_is_written_and_no_temporary_file_is_left(tmp_path):
    target = tmp_path / "deep" / "c.html"
    assert write_text_atomic(target, "é <p>\n") == target
    assert target.read_bytes() == "é <p>\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["c.html"]


def test_a_path_may_be_text_and_start_with_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert write_text_atomic("~/notes.txt", "x") == tmp_path / "notes.txt"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x"


def test_the_text_reaches_the_disk_before_the_rename(tmp_path, monkeypatch):
    steps = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: steps.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: steps.append("replace") or real_replace(a, b))
    write_text_atomic(tmp_path / "a.txt", "x")
    assert steps[:2] == ["fsync", "replace"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one(tmp_path, monkeypatch, step):
    target = tmp_path / "c.html"
    target.write_text("old", encoding="utf-8")

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, step, broken)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.html"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(tmp_path / "c.txt", "new")
    assert list(tmp_path.iterdir()) == []


def test_json_keeps_unicode_and_reads_back(tmp_path):
    data = {"events": [{"answer": "Ünïcode ✓", "score": 0.5}]}
    path = write_json_atomic(tmp_path / "out.json", data)
    assert json.loads(path.read_text(encoding="utf-8")) == data
    assert "Ünïcode ✓" in path.read_text(encoding="utf-8")


def test_data_that_is_not_json_writes_nothing(tmp_path):
    (tmp_path / "out.json").write_text("{}", encoding="utf-8")
    with pytest.raises(TypeError):
        write_json_atomic(tmp_path / "out.json", {"when": object()})
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "{}"


def test_one_writer_for_the_whole_course():
    from pm_course.activities.certificate import view
    from pm_course.classroom import results
    from pm_course.course import store

    assert view.write_text_atomic is files.write_text_atomic
    assert results.write_text_atomic is files.write_text_atomic
    assert store.write_json_atomic is files.write_json_atomic


def _fsyncs(monkeypatch) -> list[str]:
    """Record each fsync ("file" or "folder") and replace, in order."""
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        steps.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", lambda a, b: steps.append("replace") or real_replace(a, b))
    return steps


@pytest.mark.skipif(os.name != "posix", reason="folders are synced on POSIX only")
def test_the_file_is_synced_before_the_rename_and_its_folder_after(tmp_path, monkeypatch):
    steps = _fsyncs(monkeypatch)
    write_text_atomic(tmp_path / "a.txt", "x")
    assert steps == ["file", "replace", "folder"]
    steps.clear()
    write_text_atomic(tmp_path / "new" / "b.txt", "x")
    assert steps == ["folder", "file", "replace", "folder"], "a new folder's entry is synced too"


def test_a_target_that_is_a_folder_is_refused_and_left_alone(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(IsADirectoryError) as caught:
        write_text_atomic(tmp_path / "out", "x")
    assert caught.value.filename == str(tmp_path / "out") and "folder" in caught.value.strerror
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["keep.txt", "out"]


def test_a_failure_names_the_target_not_the_temporary_file(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(OSError) as caught:
        write_text_atomic(tmp_path / "file" / "out.json", "x")  # its folder is a file
    assert caught.value.filename == str(tmp_path / "file" / "out.json")
    assert ".tmp" not in str(caught.value)


def test_only_the_writers_own_stale_temporary_files_are_removed(tmp_path):
    target = tmp_path / "out.json"
    old = time.time() - files.STALE_SECONDS - 5
    stale, young = tmp_path / ".out.json.k3j_9x0a.tmp", tmp_path / ".out.json.abcdefgh.tmp"
    others = [
        tmp_path / ".other.json.k3j_9x0a.tmp",  # another file's writer
        tmp_path / ".out.json.notes.tmp",  # not the random part mkstemp makes
        tmp_path / "out.json.k3j_9x0a.tmp",  # no leading dot
    ]
    for path in [stale, young, *others]:
        path.write_text("half", encoding="utf-8")
    folder_like = tmp_path / ".out.json.zzzzzzzz.tmp"
    folder_like.mkdir()
    link = tmp_path / ".out.json.llllllll.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    for path in [stale, *others, folder_like]:
        os.utime(path, (old, old))
    write_text_atomic(target, "new")
    left = {p.name for p in tmp_path.iterdir()}
    assert stale.name not in left
    assert {young.name, folder_like.name, link.name, *(p.name for p in others)} <= left
    assert target.read_text(encoding="utf-8") == "new"
