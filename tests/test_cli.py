"""The pm-course command."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from process_support import without_root

from pm_course import cli
from pm_course.authoring import slides
from pm_course.classroom import results
from pm_course.cli import main
from pm_course.course.content import question
from pm_course.course.grading import grade
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


# --- every failure: one sentence on stderr, a non-zero status, nothing lost ---------------------


@pytest.fixture
def place():
    """Folders outside pytest's own (which 'nobody' cannot enter): a home holding one answer,
    a read-only folder, a plain folder, a locked folder and a file, each with something in it."""
    prefix = without_root()
    root = Path(tempfile.mkdtemp(prefix="pm-course-faults-"))
    root.chmod(0o777)
    home = root / "home"
    store = Store(home)
    store.add(Event("00_start_here", "start-single", "answer", "Value", "correct", 1.0))
    store.close()
    for name in ("ro", "folder", "locked"):
        (root / name).mkdir()
        (root / name / "keep.txt").write_text("mine", encoding="utf-8")
    (root / "file.txt").write_text("mine", encoding="utf-8")
    if prefix:
        for path in [home, *home.rglob("*"), root / "folder"]:
            os.chown(path, 65534, 65534)
    (root / "ro").chmod(0o555)
    (root / "locked").chmod(0o000)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_COURSE")}
    env.update(PM_COURSE_HOME=str(home), HOME=str(root))
    yield SimpleNamespace(root=root, home=home, prefix=prefix, env=env)
    for name in ("ro", "locked"):
        (root / name).chmod(0o755)
    shutil.rmtree(root)


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (but the store's own) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "home" not in p.relative_to(root).parts
    }


FAILURES = {
    "export to a read-only folder": (["export", "{ro}/progress.json"], "{ro}/progress.json: "),
    "export onto a folder": (["export", "{folder}"], "{folder}: is a folder"),
    "export-results to a read-only folder": (["export-results", "--out", "{ro}"], "{ro}/"),
    "export-results into a file": (["export-results", "--out", "{file}"], "is not a folder"),
    "export-results with a blank name": (["export-results", "--name", "  "], "Type a name"),
    "facilitator to a read-only folder": (
        ["facilitator", "--course", str(ROOT), "--out", "{ro}/fac"],
        "{ro}/fac: permission denied",
    ),
    "slides to a read-only folder": (
        ["slides", "--course", str(ROOT), "--out", "{ro}/decks"],
        "{ro}/decks: permission denied",
    ),
    "reset in a read-only folder": (["reset", "--yes"], "so nothing was deleted"),
    "class-report of a missing folder": (["class-report", "{root}/nope"], "no such folder"),
    "class-report of a locked folder": (["class-report", "{locked}"], "permission denied"),
    "class-report of a file": (["class-report", "{file}"], "{file}: is not a folder"),
}


@pytest.mark.parametrize("case", FAILURES)
def test_a_failure_is_one_sentence_and_loses_nothing(case, place):
    argv, expected = FAILURES[case]
    names = {"root": str(place.root)}
    names |= {p.stem: str(p) for p in place.root.iterdir()}
    before = _snapshot(place.root)
    done = subprocess.run(
        [*place.prefix, sys.executable, "-m", "pm_course.cli", *(a.format(**names) for a in argv)],
        cwd=place.root / "ro" if case.startswith("reset") else place.root,
        env=place.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ") and expected.format(**names) in line
    assert _snapshot(place.root) == before, "nothing written, nothing removed, no temporary file"
    store = Store(place.home)
    answers = [e.question for e in store.events() if e.kind == "answer"]
    assert answers == ["start-single"], "the answer is still there"
    store.close()


def test_debug_shows_the_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "home"))
    with pytest.raises(IsADirectoryError):
        main(["export", str(tmp_path), "--debug"])


def test_a_fault_in_the_package_is_one_sentence_too(monkeypatch, capsys):
    def broken(args):
        raise TypeError("unsupported operand")

    monkeypatch.setitem(cli.COMMANDS, "progress", broken)
    assert main(["progress"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "error: unsupported operand (a fault in pm-course: run again with --debug and report it)\n"
    )


def test_control_characters_in_an_error_never_reach_the_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "home"))
    odd = tmp_path / "a\x1b[2J\nerror: forged"
    odd.mkdir()
    assert main(["export", str(odd)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "\x1b" not in line and "\\x1b[2J\\nerror: forged: is a folder" in line


def test_a_reader_that_goes_away_is_not_an_error_message(tmp_path):
    read, write = os.pipe()
    os.close(read)  # pm-course class-report ... | head, once head has gone
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pm_course.cli", "class-report", str(tmp_path)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == 1 and done.stderr == ""


def test_a_class_report_of_a_missing_folder_fails(tmp_path, capsys):
    assert main(["class-report", str(tmp_path / "nope")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"error: {tmp_path / 'nope'}: no such folder\n"


def test_cli_says_in_one_line_that_the_results_are_too_big(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "home"))
    store = Store()
    store.add(Event("01_x", "wipm-reflection", "answer", "word " * 150_000, "saved"))
    store.close()
    assert main(["export-results", "--reflections", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Your results file is too big to share") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_interrupted_export_leaves_the_old_file_and_no_temporary_one(
    store, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("PM_COURSE_HOME", str(store.path.parent))
    q = question("wipm-definition")
    store.add(Event(q.section, q.id, "answer", "x", grade(q, "x").status))
    out = tmp_path / "out"
    old = results.export_results(store, "Ada", folder=out)
    before = old.read_bytes()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["export-results", "--name", "Ada", "--reflections", "--out", str(out)]) == 130
    assert capsys.readouterr().err == "error: interrupted\n"
    assert [p.name for p in out.iterdir()] == [old.name] and old.read_bytes() == before
