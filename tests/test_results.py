"""The learner's results file: what goes in, what stays out, and how it is written."""

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from pm_course.classroom import report, results
from pm_course.classroom.results_view import ExportResultsView
from pm_course.cli import main
from pm_course.course.content import question
from pm_course.course.grading import grade, right_answer, wrong_answers
from pm_course.course.store import Event

SECTION = "01_what_is_product_management"


def answer(store, qid, value):
    q = question(qid)
    fb = grade(q, value)
    store.add(Event(q.section, qid, "answer", value, fb.status, fb.score))


@pytest.fixture
def worked(store):
    """A learner who got one question wrong then right, one right at once, voted, reflected."""
    q = question("wipm-definition")
    answer(store, q.id, wrong_answers(q)[0])
    store.add(Event(q.section, q.id, "hint", hint=1))
    answer(store, q.id, right_answer(q))
    answer(store, "wipm-sweet-spot", right_answer(question("wipm-sweet-spot")))
    store.add(Event("01_x", "wipm-ddat", "reveal"))
    answer(store, "start-poll", question("start-poll").options[0].text)
    answer(store, "wipm-reflection", "Our app's users need <b>faster</b> booking.")
    store.add(Event("final", "final:wipm-definition", "answer", "x", "incorrect", 0.0))
    store.save_note(
        SECTION, results.feedback_key(SECTION), {"useful": 4, "hard": 2, "comment": "ok"}
    )
    return store


def test_build_results_holds_answers_attempts_hints_and_polls(worked):
    data = results.build_results(worked, "learner-ab12", now="2026-03-02T10:00:00+00:00")
    assert data["format"] == results.FORMAT and data["schema"] == results.SCHEMA
    assert data["pseudonym"] == "learner-ab12"
    d = data["questions"]["wipm-definition"]
    q = question("wipm-definition")
    assert d["answers"] == [wrong_answers(q)[0], right_answer(q)]
    assert (d["attempts"], d["hints"], d["right_first_time"], d["revealed"]) == (2, 1, False, False)
    assert data["questions"]["wipm-sweet-spot"]["right_first_time"] is True
    assert data["questions"]["wipm-ddat"]["revealed"] is True
    assert data["polls"] == {"start-poll": question("start-poll").options[0].text}
    assert data["feedback"] == {SECTION: {"useful": 4, "hard": 2, "comment": "ok"}}
    assert "final:wipm-definition" not in json.dumps(data), "the final check's copies stay out"


def test_reflections_only_when_ticked(worked):
    without = results.build_results(worked, "x")
    assert "reflections" not in without and "faster" not in json.dumps(without)
    assert without["reflections_done"] == ["wipm-reflection"]
    with_ = results.build_results(worked, "x", reflections=True)
    assert with_["reflections"] == {
        "wipm-reflection": "Our app's users need <b>faster</b> booking."
    }


def test_pseudonym_is_random_by_default_and_names_are_cleaned(store):
    a, b = results.random_pseudonym(), results.random_pseudonym()
    assert (a.startswith("learner-") and len(a) == 12 and a != b) or a == b
    assert results.clean_name("  Ada \n Lovelace ") == "Ada Lovelace"
    assert len(results.clean_name("x" * 500)) == results.MAX_NAME
    for bad in ("", "   ", None, 3):
        with pytest.raises(ValueError, match="Type a name"):
            results.clean_name(bad)
    assert results.results_filename("../../etc/<b>") == "pm-course-results-etc--b.json"


def test_export_writes_atomically_and_remembers_the_name(worked, tmp_path):
    out = tmp_path / "out"
    path = results.export_results(worked, "Ada", folder=out)
    assert path == out / "pm-course-results-ada.json"
    assert json.loads(path.read_text())["pseudonym"] == "Ada"
    assert [p.name for p in out.iterdir()] == [path.name], "no temporary file left"
    assert path.stat().st_mode & 0o777 == 0o644, "readable in a shared class folder"
    assert results.remembered_name(worked) == "Ada"
    again = results.export_results(worked, folder=out)
    assert again == path


def test_default_folder_is_the_class_dir_or_here(monkeypatch, tmp_path):
    monkeypatch.delenv(results.ENV_CLASS_DIR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert results.class_folder() == tmp_path
    monkeypatch.setenv(results.ENV_CLASS_DIR, str(tmp_path / "class"))
    assert results.class_folder() == tmp_path / "class"


def test_view_exports_with_a_random_code_by_default(worked, tmp_path):
    view = ExportResultsView(store=worked, folder=tmp_path)
    assert view.name.value.startswith("learner-") and view.reflections.value is False
    view.export_button.click()
    [path] = tmp_path.glob("pm-course-results-*.json")
    data = json.loads(path.read_text())
    assert data["pseudonym"] == view.name.value and "reflections" not in data
    assert "Exported (without reflections)" in view.status.value
    assert ExportResultsView(store=worked, folder=tmp_path).name.value == view.name.value


def test_view_includes_reflections_when_ticked_and_escapes_paths(worked, tmp_path):
    view = ExportResultsView(store=worked, folder=tmp_path / "<b>x")
    view.name.value = "Ada"
    view.reflections.value = True
    view.export_button.click()
    data = json.loads((tmp_path / "<b>x" / "pm-course-results-ada.json").read_text())
    assert "wipm-reflection" in data["reflections"]
    assert "&lt;b&gt;x" in view.status.value and "<b>x" not in view.status.value


def test_view_bad_name_or_folder_gives_a_message_and_keeps_input(worked, tmp_path):
    view = ExportResultsView(store=worked, folder=tmp_path)
    view.name.value = "   "
    view.export_button.click()
    assert "Type a name" in view.status.value and view.name.value == "   "
    blocker = tmp_path / "file"
    blocker.write_text("")
    view.name.value, view.folder.value = "Ada", str(blocker / "sub")
    view.export_button.click()
    assert "Could not write" in view.status.value and view.folder.value == str(blocker / "sub")


def test_view_text_fallback_is_deterministic(store, tmp_path):
    a, b = (
        ExportResultsView(store=store, folder=tmp_path),
        ExportResultsView(store=store, folder=tmp_path / "x"),
    )
    assert repr(a) == repr(b) and "Export your results" in repr(a)


def test_cli_export_results(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PM_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(results.ENV_CLASS_DIR, str(tmp_path / "class"))
    assert main(["export-results"]) == 0
    [path] = (tmp_path / "class").glob("pm-course-results-learner-*.json")
    assert str(path) in capsys.readouterr().out
    assert main(["export-results", "--name", "Bo", "--reflections", "--out", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "pm-course-results-bo.json").read_text())["reflections"] == {}


def test_exports_load_no_widgets_or_charts(tmp_path):
    """The results file and ``pm-course export`` work where ipywidgets is not installed."""
    script = textwrap.dedent(
        """
        import os, sys
        from pm_course.classroom.results import export_results
        from pm_course.course.store import Store

        store = Store(os.environ["PM_COURSE_HOME"])
        export_results(store, "Ada", folder=sys.argv[1])
        from pm_course.cli import main

        assert main(["export", os.path.join(sys.argv[1], "progress.json")]) == 0
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("ipywidgets", "matplotlib")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env={**os.environ, "PM_COURSE_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "pm-course-results-ada.json",
        "progress.json",
    ]


# --- faults at export time: too big, interrupted, killed --------------------------------------


def test_the_size_limit_is_the_one_the_class_report_reads():
    assert results.MAX_BYTES == report.MAX_BYTES == 512 * 1024
    results.check_size("x" * results.MAX_BYTES, reflections=True)
    with pytest.raises(ValueError, match="too big to share"):
        results.check_size("é" * (results.MAX_BYTES // 2 + 1), reflections=True)


def test_a_results_file_too_big_to_share_is_refused_at_export_time(worked, tmp_path):
    answer(worked, "wipm-reflection", "A long reflection. " * 40_000)  # about 760 KB
    out = tmp_path / "out"
    with pytest.raises(ValueError) as caught:
        results.export_results(worked, "Ada", reflections=True, folder=out)
    message = str(caught.value)
    assert message.startswith("Your results file is too big to share: ")
    assert "512 KB" in message and "untick 'Include my reflections'" in message
    assert not out.exists(), "nothing is written"
    path = results.export_results(worked, "Ada", reflections=False, folder=out)
    learners, problems = report.load_folder(out)
    assert [lr.file for lr in learners] == [path.name] and not problems


KILLED_EXPORT = """
import os, stat, sys, time
from pm_course.classroom.results import export_results
from pm_course.course.store import Store

real_fsync = os.fsync

def stuck(fd):  # the text is in the temporary file; the rename never comes
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return real_fsync(fd)
    print("writing", flush=True)
    time.sleep(120)

os.fsync = stuck
export_results(Store(sys.argv[1]), "Ada", reflections=True, folder=sys.argv[2])
"""


def test_a_temporary_file_left_by_a_killed_export_goes_at_the_next_export(worked, tmp_path):
    out = tmp_path / "out"
    home = worked.path.parent
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(home), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        try:
            assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    [left] = out.iterdir()
    target = out / "pm-course-results-ada.json"
    assert re.fullmatch(r"\.pm-course-results-ada\.json\.[a-z0-9_]{8}\.tmp", left.name)
    young = out / ".pm-course-results-ada.json.w0rk1ng_.tmp"  # another writer, still at work
    young.write_text("{", encoding="utf-8")
    results.export_results(worked, "Ada", folder=out)
    assert left.exists(), "a temporary file under a minute old may be another writer's"
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    results.export_results(worked, "Ada", folder=out)
    assert sorted(p.name for p in out.iterdir()) == sorted([target.name, young.name])
    assert json.loads(target.read_text(encoding="utf-8"))["pseudonym"] == "Ada"


def test_a_results_file_too_big_to_share_is_explained_in_the_view(store, tmp_path):
    from pm_course.course.content import course

    reflection = next(q for s in course() for q in s.questions if q.type == "reflection")
    long = "word " * 80_000  # 400,000 characters of a reflection (a one-word one is not saved)
    feedback = grade(reflection, long)
    store.add(Event(reflection.section, reflection.id, "answer", long, feedback.status, 0.0))
    store.add(Event(reflection.section, "strat-reflection", "answer", "y" * 400_000, "saved", 0.0))
    out = tmp_path / "class"
    view = ExportResultsView(store=store, folder=out)
    view.reflections.value = True
    assert view.export() is None
    assert "too big to share" in view.status.value
    assert "Something went wrong" not in view.status.value
    assert not out.exists() or not list(out.iterdir())


def test_each_question_carries_its_version_and_the_options_of_the_first_answer(worked):
    data = results.build_results(worked, "x")
    q = question("wipm-definition")
    entry = data["questions"]["wipm-definition"]
    first = wrong_answers(q)[0]
    assert entry["first_choice"] == [next(i for i, o in enumerate(q.options) if o.text == first)]
    assert entry["version"] == results.question_version(q) and len(entry["version"]) == 10
    assert "first_choice" not in data["questions"]["wipm-ddat"], "revealed, never answered"
    assert data["schema"] == 1, "the new fields are optional: old readers still read the file"


def test_a_question_version_changes_with_its_key_not_its_wording():
    from dataclasses import replace

    q = question("wipm-definition")
    reworded = replace(q, prompt=q.prompt + " (reworded)", explanation="other")
    flipped = replace(q, options=tuple(replace(o, correct=not o.correct) for o in q.options))
    assert results.question_version(reworded) == results.question_version(q)
    assert results.question_version(flipped) != results.question_version(q)
    multiple = next(
        x for x in (question(i) for i in ("wipm-responsibilities",)) if x.type == "multiple"
    )
    picks = [multiple.options[2].text, multiple.options[0].text]
    assert results.choice_indices(multiple, picks) == [0, 2]
    assert results.choice_indices(multiple, ["not an option"]) is None
    assert results.choice_indices(question("start-numeric"), "7") is None
