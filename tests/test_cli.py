"""The pm-course command."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pm_course.authoring import slides
from pm_course.cli import main
from pm_course.course.store import Event, Store

ROOT = Path(__file__).resolve().parents[1]


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


BUILD_COMMANDS = {
    "agenda": (["agenda", "--minutes", "90"], 2),
    "facilitator": (["facilitator", "--out", "out"], 1),
    "slides": (["slides", "--out", "out"], 1),
}


@pytest.mark.parametrize("name", BUILD_COMMANDS)
def test_build_commands_outside_a_course_folder_say_so(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    argv, status = BUILD_COMMANDS[name]
    assert main(argv) == status
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {tmp_path} is not a course folder")
    assert "notebooks/NN_*.ipynb" in captured.err and "--course" in captured.err
    assert not (tmp_path / "out").exists()


def test_the_installed_command_fails_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pm_course.cli", "agenda", "--minutes", "90"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "is not a course folder" in done.stderr


def test_build_commands_read_the_course_given_from_elsewhere(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    course = ["--course", str(ROOT)]
    assert main(["agenda", "--minutes", "90", *course]) == 0
    assert capsys.readouterr().out.startswith("# A 90-minute workshop")
    assert main(["facilitator", "--out", "fac", *course]) == 0
    assert (tmp_path / "fac" / "00_start_here.ipynb").exists()
    capsys.readouterr()

    def fake_deck(path, out):
        return out / f"{path.stem}.slides.html"

    monkeypatch.setattr(slides, "vendor", lambda out, cache: out / "vendor")
    monkeypatch.setattr(slides, "build_deck", fake_deck)
    assert main(["slides", "--out", "decks", *course]) == 0
    decks = capsys.readouterr().out.split()
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert decks == [str(Path("decks", f"{p.stem}.slides.html")) for p in notebooks]
