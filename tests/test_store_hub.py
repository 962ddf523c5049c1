"""Progress on a JupyterHub: each learner's own store, whatever PM_COURSE_HOME says.

Real stores in real folders; the hub is the environment variable JupyterHub sets in every
learner's server (``JUPYTERHUB_USER``), which kernels inherit. tests/test_hub.py runs a real hub.
"""

import getpass
import sqlite3

import pytest

from pm_course.course.store import FILENAME, OWNER_KEY, Event, Store, default_home


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """Set the hub user and a shared PM_COURSE_HOME; returns a function to switch learner."""
    shared = tmp_path / "class"
    monkeypatch.setenv("PM_COURSE_HOME", str(shared))

    def learner(name: str | None):
        if name is None:
            monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
        else:
            monkeypatch.setenv("JUPYTERHUB_USER", name)
        return shared

    return learner


def answer(store: Store, qid: str, value: str) -> None:
    store.add(Event("01_what_is_product_management", qid, "answer", value, "correct", 1.0))


def test_a_shared_home_gives_each_hub_learner_a_folder_of_their_own(hub):
    shared = hub("alice")
    assert default_home() == shared / "users" / "alice"
    hub("bob")
    assert default_home() == shared / "users" / "bob"
    hub(None)
    assert default_home() == shared, "off a hub the variable means what it says"


@pytest.mark.parametrize(
    "pattern", ["{username}", "$JUPYTERHUB_USER", "${JUPYTERHUB_USER}", "{username}/progress"]
)
def test_the_learners_name_in_the_variable_is_expanded(monkeypatch, tmp_path, pattern):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice@example.org")
    monkeypatch.setenv("PM_COURSE_HOME", f"{tmp_path}/homes/{pattern}")
    expected = f"{tmp_path}/homes/{pattern}".replace(pattern.split("/")[0], "alice@example.org")
    assert str(default_home()) == expected


def test_off_a_hub_username_is_the_login_name(monkeypatch, tmp_path):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("PM_COURSE_HOME", f"{tmp_path}/{{username}}")
    assert default_home() == tmp_path / getpass.getuser()


@pytest.mark.parametrize(
    ("name", "folder"), [("a/b", "a%2Fb"), ("..", "%2E%2E"), ("jo bloggs", "jo%20bloggs")]
)
def test_odd_names_stay_one_folder_inside_the_shared_home(hub, name, folder):
    shared = hub(name)
    assert default_home() == shared / "users" / folder
    assert default_home().parent == shared / "users"


def test_two_learners_sharing_a_home_see_only_their_own_answers(hub):
    hub("alice")
    alice = Store()
    answer(alice, "wipm-definition", "alice's answer")
    alice.close()
    hub("bob")
    bob = Store()
    assert bob.events() == [] or all(e.question == OWNER_KEY for e in bob.events())
    answer(bob, "wipm-definition", "bob's answer")
    bob.close()
    hub("alice")
    again = Store()  # alice after a restart
    answers = [e.answer for e in again.events() if e.kind == "answer"]
    assert answers == ["alice's answer"]
    again.close()


def test_a_store_refuses_another_hub_users_file_and_leaves_it_untouched(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    alice = Store(tmp_path)
    answer(alice, "wipm-definition", "alice's answer")
    alice.close()
    before = (tmp_path / FILENAME).read_bytes()

    monkeypatch.setenv("JUPYTERHUB_USER", "bob")  # bob pointed at alice's folder by mistake
    bob = Store(tmp_path)
    assert bob.in_memory and bob.path is None
    warning = " ".join(bob.warnings)
    assert "holds the answers of hub user 'alice', not yours ('bob')" in warning
    assert "give each learner their own PM_COURSE_HOME" in warning
    assert [e for e in bob.events() if e.kind == "answer"] == [], "alice's answers not shown"
    answer(bob, "wipm-definition", "bob's answer")
    assert [e.answer for e in bob.events() if e.kind == "answer"] == ["bob's answer"]
    bob._last_chance(0.1)  # kernel exit: nothing of bob's is left beside alice's file
    bob.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "waiting" in p.name) == []
    conn = sqlite3.connect(tmp_path / FILENAME)
    rows = conn.execute("SELECT answer FROM events WHERE kind = 'answer'").fetchall()
    conn.close()
    assert rows == [('"alice\'s answer"',)]
    assert (tmp_path / FILENAME).read_bytes() == before


def test_the_owner_is_kept_through_a_reset_and_an_instructor_off_the_hub_can_read(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    alice = Store(tmp_path)
    answer(alice, "wipm-definition", "first")
    alice.reset()
    answer(alice, "wipm-definition", "second")
    alice.close()
    monkeypatch.setenv("JUPYTERHUB_USER", "bob")
    assert Store(tmp_path).in_memory, "still alice's after her reset"
    monkeypatch.delenv("JUPYTERHUB_USER")
    reader = Store(tmp_path)
    assert not reader.in_memory
    assert [e.answer for e in reader.events() if e.kind == "answer"] == ["second"]
    reader.close()


def test_the_progress_view_names_the_hub_user_and_the_file(monkeypatch, tmp_path):
    from pm_course.ui.progress import ProgressView

    monkeypatch.setenv("JUPYTERHUB_USER", "ada<b>")
    view = ProgressView(Store(tmp_path))
    assert str(tmp_path / FILENAME) in view.location.value
    assert "for hub user <strong>ada&lt;b&gt;</strong>" in view.location.value
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert "hub user" not in ProgressView(Store(tmp_path / "laptop")).location.value
