"""A real JupyterHub: three learners in headless Chromium, one link each, one shared progress
folder, live sharing to a class folder, and a stop and start of every server.

The hub runs ``docs/hub/jupyterhub_config.py`` itself, adding only what a test needs: a login
that takes any password (DummyAuthenticator), learners as local processes with homes in a
temporary folder (SimpleLocalProcessSpawner), ports on 127.0.0.1, a token for the test, and
``PM_COURSE_HOME`` set to ONE folder for the whole class (the set-up that once mixed learners'
answers). JupyterHub and nbgitpuller come from PyPI (the ``hub`` extra), the proxy from npm,
installed by this test into ``build/chp`` on first use. Every process started is stopped by PID.

Run: ``.venv/bin/python -m pytest tests/test_hub.py -q -p no:nbval``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")
import browser_support as support  # noqa: E402

pytest_plugins = ["browser_support"]

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "hub" / "jupyterhub_config.py"
CHP_PREFIX = ROOT / "build" / "chp"
CHP = CHP_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
NOTEBOOK = "01_what_is_product_management.ipynb"
QID = "wipm-definition"
#: Each learner answers with a different option (the first gets it right).
LEARNERS = ("ada", "bo", "cy")
HUB_START_S = 90
SERVER_READY_S = 150


def expect(*args, **kwargs):
    """Playwright's expect, imported late so collection works without Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def proxy() -> str:
    """configurable-http-proxy, installed from npm into build/chp the first time."""
    if not CHP.exists():
        npm = shutil.which("npm")
        if npm is None:
            support.skip_or_fail("npm is needed to install configurable-http-proxy")
        done = subprocess.run(
            [npm, "install", "--prefix", str(CHP_PREFIX), "--no-audit", "--no-fund",
             "configurable-http-proxy@5"],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode:
            support.skip_or_fail(f"npm could not install the proxy: {done.stderr[-500:]}")
    return str(CHP)


@dataclass
class Hub:
    url: str
    token: str
    process: subprocess.Popen
    homes: Path
    shared_home: Path
    class_dir: Path
    log: Path

    def api(self, path: str, method: str = "GET", data: dict | None = None) -> object:
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(
            f"{self.url}/hub/api{path}", data=body, method=method,
            headers={"Authorization": f"token {self.token}"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def server(self, name: str) -> dict | None:
        return self.api(f"/users/{name}")["servers"].get("")  # type: ignore[index]

    def wait_ready(self, name: str) -> dict:
        deadline = time.monotonic() + SERVER_READY_S
        while time.monotonic() < deadline:
            server = self.server(name)
            if server and server.get("ready"):
                return server
            time.sleep(0.5)
        pytest.fail(f"{name}'s server never became ready:\n{self.log_tail()}")

    def wait_stopped(self, name: str) -> None:
        deadline = time.monotonic() + SERVER_READY_S
        while time.monotonic() < deadline:
            if self.server(name) is None:
                return
            time.sleep(0.5)
        pytest.fail(f"{name}'s server never stopped:\n{self.log_tail()}")

    def restart(self, name: str) -> None:
        """Stop and start a learner's server through the REST API."""
        self.api(f"/users/{name}/server", "DELETE")
        self.wait_stopped(name)
        self.api(f"/users/{name}/server", "POST")
        self.wait_ready(name)

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def hub_config(tmp: Path, ports: tuple[int, int, int], token: str) -> str:
    """The hub's config: the documented example, then the test's own login, spawner, ports,
    folders and token."""
    port, hub_port, api_port = ports
    root_args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return f"""
c = get_config()
load_subconfig({str(EXAMPLE)!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy()!r}]
c.JupyterHub.db_url = "sqlite:///{tmp}/hub.sqlite"
c.JupyterHub.cookie_secret_file = {str(tmp / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(tmp / "hub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.admin_users = set()
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp / "homes")!r} + "/{{username}}"
c.Spawner.cmd = [{str(Path(sys.executable).with_name("jupyterhub-singleuser"))!r}]
c.Spawner.args = list(c.Spawner.args) + {root_args!r}
c.Spawner.environment.update({{
    "PM_COURSE_HOME": {str(tmp / "progress")!r},
    "PM_COURSE_CLASS_DIR": {str(tmp / "class")!r},
    "JUPYTERLAB_SETTINGS_DIR": {str(tmp / "lab-settings")!r},
}})
c.JupyterHub.services = list(c.JupyterHub.services) + [{{"name": "tester", "api_token": {token!r}}}]
c.JupyterHub.load_roles = list(c.JupyterHub.load_roles) + [{{
    "name": "tester",
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers",
               "read:hub", "list:users"],
    "services": ["tester"],
}}]
"""


BRANCH = "course"


def course_repository(tmp: Path) -> Path:
    """A bare repository holding this checkout's commit as branch ``course``: what learners
    pull with nbgitpuller (a detached CI checkout has no branch of its own to offer)."""
    target = tmp / "pm-course.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(target)], check=True)
    subprocess.run(
        ["git", "-C", str(target), "fetch", "--quiet", str(ROOT), f"HEAD:refs/heads/{BRANCH}"],
        check=True,
    )
    return target


def our_processes(marker: str) -> list[int]:
    """PIDs of live processes whose command line mentions ``marker`` (our temporary folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environ = (entry / "environ").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline or marker in environ:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory, chromium_executable) -> Hub:
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError:
        support.skip_or_fail("JupyterHub and nbgitpuller are needed: pip install -e '.[hub]'")
    tmp = tmp_path_factory.mktemp("hub")
    for folder in ("homes", "progress", "class", "lab-settings"):
        (tmp / folder).mkdir()
    settings = tmp / "lab-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}', encoding="utf-8")
    ports = (support.free_port(), support.free_port(), support.free_port())
    token = secrets.token_hex(16)
    config = tmp / "jupyterhub_config.py"
    config.write_text(hub_config(tmp, ports, token), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PM_COURSE_HOME", None)
    log = tmp / "hub.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    found = Hub(f"http://127.0.0.1:{ports[0]}", token, process, tmp / "homes",
                tmp / "progress", tmp / "class", log)  # fmt: skip
    deadline = time.monotonic() + HUB_START_S
    while True:
        try:
            found.api("/")
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None or time.monotonic() > deadline:
                support.stop_process(process)
                pytest.fail(f"the hub did not start:\n{found.log_tail()}")
            time.sleep(0.5)
    try:
        yield found
    finally:
        for name in LEARNERS:
            with contextlib.suppress(urllib.error.URLError, OSError):
                found.api(f"/users/{name}/server", "DELETE")
        for name in LEARNERS:
            with contextlib.suppress(BaseException):
                found.wait_stopped(name)
        os.killpg(process.pid, signal.SIGTERM)  # the hub and the proxy it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        for pid in our_processes(str(tmp)):  # anything left over, by PID
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


class HubSeat:
    """What LabPage needs of a server: the URL of a notebook in one learner's copy."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name

    def notebook_url(self, relpath: str) -> str:
        return f"{self.hub.url}/user/{self.name}/lab/tree/pm-course/notebooks/{relpath}"


def log_in_and_follow_the_link(page, hub: Hub, name: str, link: str) -> None:
    page.goto(f"{hub.url}/hub/login", timeout=support.PAGE_LOAD_MS)
    page.fill("#username_input", name)
    page.fill("#password_input", "any password")
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/(hub/spawn-pending|user)/"), timeout=support.PAGE_LOAD_MS)
    hub.wait_ready(name)
    # The spawn page goes on to the learner's server by itself once it is ready: let it, or
    # that navigation would cut the link's short.
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/"), timeout=support.PAGE_LOAD_MS)
    page.goto(link, timeout=support.PAGE_LOAD_MS)
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")).to_be_visible(
        timeout=support.PAGE_LOAD_MS
    )


def options_of(qid: str):
    from pm_course.course import content

    q = content.question(qid)
    right = next(o for o in q.options if o.correct)
    return [right, *[o for o in q.options if not o.correct]]


def answer(lab: support.LabPage, choice_text: str) -> None:
    from pm_course.course import content

    box = lab.questions().filter(has_text=content.question(QID).prompt)
    expect(box).to_have_count(1)
    box.scroll_into_view_if_needed()
    box.get_by_role("radio", name=choice_text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator(".pmc-feedback")).to_contain_text(
        re.compile(r"Correct|Not quite"), timeout=support.FEEDBACK_MS
    )


def share(lab: support.LabPage, name: str) -> None:
    view = lab.panel.locator(".pmc-sharing")
    expect(view).to_have_count(1)
    view.scroll_into_view_if_needed()
    view.get_by_role("textbox", name="Code name").fill(f"code-{name}")
    view.get_by_role("textbox", name="Code name").press("Tab")
    view.get_by_role("button", name="Share my results").click()
    expect(view).to_contain_text(f"Sharing as code-{name}", timeout=support.FEEDBACK_MS)


def test_three_learners_on_one_hub(hub: Hub, chromium_browser, screenshot_dir):
    from pm_course.authoring.links import hub_link
    from pm_course.classroom import report
    from pm_course.course import content

    link = hub_link(hub.url, str(course_repository(hub.homes.parent)), BRANCH)
    choices = options_of(QID)
    seats = []
    for i, name in enumerate(LEARNERS):
        context, lab = support.watched_page(
            chromium_browser, HubSeat(hub, name), screenshot_dir, support.VIEWPORT
        )
        seats.append((name, context, lab))
        log_in_and_follow_the_link(lab.page, hub, name, link)
        assert (hub.homes / name / "pm-course" / "notebooks" / NOTEBOOK).is_file()
        lab.open_and_run(NOTEBOOK)
        answer(lab, choices[i].text)
        share(lab, name)
        if i == 0:
            lab.screenshot("hub-ada-01-answered")

    # The instructor's view, with nobody exporting anything: one live file per learner.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        learners, problems = report.load_folder(hub.class_dir)
        if len(learners) == 3 and all(QID in lr.questions for lr in learners):
            break
        time.sleep(0.5)
    assert sorted(lr.pseudonym for lr in learners) == [f"code-{n}" for n in LEARNERS], problems
    # One shared PM_COURSE_HOME, yet one progress file per learner.
    assert sorted(p.name for p in (hub.shared_home / "users").iterdir()) == sorted(LEARNERS)

    for i, (name, _context, lab) in enumerate(seats):
        hub.restart(name)
        lab.open_and_run(NOTEBOOK)
        box = lab.questions().filter(has_text=content.question(QID).prompt)
        expect(box.get_by_role("radio", name=choices[i].text, exact=True)).to_be_checked()
        for j, other in enumerate(choices[: len(LEARNERS)]):
            if j != i:
                expect(box.get_by_role("radio", name=other.text, exact=True)).not_to_be_checked()
        expect(box).to_contain_text("(your saved answer)")
        if i == 1:
            lab.screenshot("hub-bo-01-after-restart")
        assert not lab.foreign_requests(), lab.foreign_requests()
    for _name, context, _lab in seats:
        context.close()
