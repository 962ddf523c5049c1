"""The pm-course command."""

import json
import re

from pm_course.cli import main
from pm_course.course.store import Event, Store


def test_progress_export_and_reset(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    Store().add(
        Event("00_start_here", "start-single", "answer", "James Gadsby Peet", "correct", 1.0)
    )
    assert main(["where"]) == 0
    assert str(tmp_path / "home") in capsys.readouterr().out
    assert main(["progress"]) == 0
    assert re.search(r"Start here: how this course works\s+1/7", capsys.readouterr().out)
    assert main(["export", "out.json"]) == 0
    assert json.loads((tmp_path / "out.json").read_text())["events"][0]["status"] == "correct"
    assert main(["reset"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert len(Store().events()) == 1
    assert main(["reset", "--yes"]) == 0
    assert "deleted 1 records" in capsys.readouterr().out
    assert Store().events() == [] and list(tmp_path.glob("pm-course-backup-*.json"))


def test_check_content(capsys):
    assert main(["check-content"]) == 0
    assert "00_start_here.toml: 7 questions, 15 minutes" in capsys.readouterr().out
