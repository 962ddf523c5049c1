"""Safe file writing: a file is its old self or complete, and no temporary file is left."""

from __future__ import annotations

import json
import os

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
    assert results.write_json_atomic is store.write_json_atomic is files.write_json_atomic
