"""Live sharing: the learner's results file in the instructor's class folder, kept current.

Real stores, real folders, real files; faults injected for real (a class folder that is not
a folder). tests/test_hub.py shows the same through a real JupyterHub.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from pm_course.classroom import report, sharing
from pm_course.classroom.results_view import ExportResultsView
from pm_course.classroom.sharing_view import LiveSharingView, share_results
from pm_course.course.content import question
from pm_course.course.grading import grade, right_answer, wrong_answers
from pm_course.course.store import Event, Store


def answer(store, qid, value):
    q = question(qid)
    fb = grade(q, value)
    store.add(Event(q.section, qid, "answer", value, fb.status, fb.score))


@pytest.fixture(autouse=True)
def _publishers_stopped():
    """No test's waiting rewrite may fire in a later test."""
    yield
    sharing.stop_all()


@pytest.fixture
def room(tmp_path, monkeypatch):
    """An instructor's class folder, set as a hub would set it."""
    folder = tmp_path / "class"
    folder.mkdir()
    monkeypatch.setenv("PM_COURSE_CLASS_DIR", str(folder))
    return folder


def live_files(folder):
    return sorted(p for p in folder.iterdir() if p.name.startswith(sharing.LIVE_PREFIX))


def test_nothing_is_shared_until_the_learner_agrees(store, room):
    answer(store, "wipm-definition", right_answer(question("wipm-definition")))
    assert sharing.consent(store) is None and sharing.publish(store) is None
    assert list(room.iterdir()) == []


def test_agreeing_writes_a_pseudonymous_file_the_class_report_reads(store, room):
    answer(store, "wipm-definition", wrong_answers(question("wipm-definition"))[0])
    answer(store, "wipm-reflection", "A private thought about our booking app.")
    path = sharing.agree(store, name="Kestrel")
    assert live_files(room) == [path] and path.name.startswith("pm-course-live-")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["pseudonym"] == "Kestrel" and "wipm-definition" in data["questions"]
    assert "reflections" not in data, "reflections only if ticked"
    learners, problems = report.load_folder(room)
    assert [lr.pseudonym for lr in learners] == ["Kestrel"] and problems == []
    sharing.agree(store, name="Kestrel", reflections=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["reflections"] == {"wipm-reflection": "A private thought about our booking app."}


def test_each_answer_updates_the_file_a_moment_later(store, room):
    sharing.agree(store)
    publisher = sharing.publisher(store)
    publisher.delay = 0.01
    answer(store, "wipm-sweet-spot", right_answer(question("wipm-sweet-spot")))
    publisher.flush()
    (path,) = live_files(room)
    assert "wipm-sweet-spot" in json.loads(path.read_text(encoding="utf-8"))["questions"]
    assert publisher.last is not None and publisher.problem is None


def test_stopping_deletes_the_file_and_further_answers_share_nothing(store, room):
    sharing.agree(store)
    publisher = sharing.publisher(store)
    assert sharing.withdraw(store) is True
    publisher.stop()
    answer(store, "wipm-definition", right_answer(question("wipm-definition")))
    publisher.flush()
    assert live_files(room) == []
    assert sharing.consent(store).share is False
    assert sharing.withdraw(store) is False, "nothing left to delete"


def test_two_learners_with_the_same_name_never_overwrite_each_other(tmp_path, room):
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    answer(one, "wipm-definition", right_answer(question("wipm-definition")))
    answer(two, "wipm-definition", wrong_answers(question("wipm-definition"))[0])
    assert sharing.agree(one, name="Sam") != sharing.agree(two, name="Sam")
    learners, _ = report.load_folder(room)
    assert len(learners) == 2
    one.close()
    two.close()


def test_a_class_folder_that_cannot_be_written_loses_no_answer(store, tmp_path, monkeypatch):
    broken = tmp_path / "not-a-folder"
    broken.write_text("a file where the class folder should be", encoding="utf-8")
    monkeypatch.setenv("PM_COURSE_CLASS_DIR", str(broken))
    with pytest.raises(OSError):
        sharing.agree(store)
    assert sharing.consent(store).share, "the choice is kept: the next answer tries again"
    publisher = sharing.publisher(store)
    answer(store, "wipm-definition", right_answer(question("wipm-definition")))
    assert publisher.write() is None
    assert "could not be shared just now" in publisher.problem
    assert store.state("wipm-definition").status == "correct"


def test_the_view_asks_then_shares_then_stops(store, room):
    view = share_results(store)
    assert isinstance(view, LiveSharingView)
    assert "You have not chosen yet" in view.status.value
    assert "role='status'" in view.status.value, "announced"
    view.name.value = "Otter"
    view.reflections.value = True
    view.share_button.click()
    assert "Sharing as <strong>Otter</strong> (with reflections)" in view.status.value
    assert len(live_files(room)) == 1
    view.stop_button.click()
    assert "Your file was deleted." in view.status.value and live_files(room) == []
    again = LiveSharingView(store)  # after a restart: the choice is shown as it was left
    assert "Not sharing" in again.status.value and again.name.value == "Otter"
    assert "You do not share your results." in repr(again)


def test_a_blank_name_is_refused_with_a_message(store, room):
    view = LiveSharingView(store)
    view.name.value = "   "
    view.share_button.click()
    assert live_files(room) == [] and "name" in view.status.value.lower()


def test_without_a_class_folder_the_learner_exports_a_file(store, monkeypatch):
    monkeypatch.delenv("PM_COURSE_CLASS_DIR", raising=False)
    assert isinstance(share_results(store), ExportResultsView)


def test_every_kernel_keeps_the_file_current_once_the_learner_agreed(tmp_path, room):
    """A new kernel (another notebook, or after a restart) shares the learner's answers
    without the consent control being shown again: import pm_course is enough."""
    home = tmp_path / "home"
    first = Store(home)
    sharing.agree(first, name="Heron")
    first.close()
    script = textwrap.dedent(
        """
        import pm_course
        from pm_course.course.content import question
        from pm_course.course.grading import right_answer
        from pm_course.course.store import Event, get_store
        q = question("wipm-sweet-spot")
        get_store().add(Event(q.section, q.id, "answer", right_answer(q), "correct", 1.0))
        """
    )
    env = {**os.environ, "PM_COURSE_HOME": str(home), "PM_COURSE_CLASS_DIR": str(room)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    (path,) = live_files(room)
    assert "wipm-sweet-spot" in json.loads(path.read_text(encoding="utf-8"))["questions"]


def test_a_name_with_markup_shows_escaped(store, room):
    view = LiveSharingView(store)
    view.name.value = "<script>alert(1)</script>"
    view.share_button.click()
    assert "&lt;script&gt;" in view.status.value and "<script>" not in view.status.value
