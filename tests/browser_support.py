"""Fixtures and helpers for the JupyterLab browser tests (``tests/test_browser.py``).

One ``jupyter lab`` server and one headless Chromium serve the whole session; every test gets
a fresh browser context and page. The server runs on a free port on 127.0.0.1 only, with a
random token, a temporary HOME, workspaces folder and user-settings folder, and with
``PM_COURSE_HOME`` pointing at a temporary progress folder, so nothing the tests do touches
the learner's own JupyterLab set-up or progress. Its settings defaults are this repository's
``jupyter/overrides.json`` (news toast off, notebook command-mode shortcuts kept off widgets),
not the copy ``make`` installed into the environment, which may be older. Autosave is switched
off in the temporary user settings, so running the notebooks never writes to ``notebooks/``;
each test checks that the page sent no save (no PUT, PATCH, POST or DELETE to ``/api/contents/``).

Chromium is Debian's (``/usr/bin/chromium``); ``playwright install`` is never needed. Without
it the tests skip, but with ``CI=true`` they fail: CI must not pass by skipping.

``test_browser.py`` loads this module as a pytest plugin (``pytest_plugins``), which makes the
fixtures and the failure-screenshot hook below available.

Environment:
    CI=true                   missing Chromium or Playwright fails instead of skipping
    PM_COURSE_BROWSER_ROOT    serve another checkout instead of this one (it must have a
                              ``notebooks/`` folder); used to check that the tests fail on a
                              deliberately broken notebook
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOT = Path(os.environ.get("PM_COURSE_BROWSER_ROOT") or REPO).resolve()
NOTEBOOKS = ROOT / "notebooks"
#: Screenshots of every notebook, after running it and after interacting with it.
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
OVERRIDES = REPO / "jupyter" / "overrides.json"
INSTALLED_OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
#: Tallest full-notebook screenshot, in CSS pixels (Chromium's texture limit is about 16k).
MAX_SHOT_HEIGHT = 15_000

INSTALL_HINT = (
    "the browser tests need Debian's Chromium: `sudo apt-get install chromium` "
    "(never `playwright install`); Playwright comes with `pip install -e '.[test]'`"
)

# Time limits (milliseconds, as Playwright counts).
SERVER_START_S = 60
PAGE_LOAD_MS = 60_000
KERNEL_IDLE_MS = 60_000
RUN_START_MS = 10_000
RUN_ALL_MS = 180_000
FEEDBACK_MS = 10_000

STDERR_MIME = "application/vnd.jupyter.stderr"


def in_ci() -> bool:
    """True on a CI runner (``CI=true``), where a missing browser is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it on CI."""
    if in_ci():
        pytest.fail(f"CI=true, so not skipping: {reason}", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """Debian's Chromium, or any ``chromium`` on PATH; None if there is none."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def course_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks the browser tests run: ``notebooks/*.ipynb`` except ``_*`` drafts."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def notebook_code_cells(path: Path) -> list[str]:
    """The source of each cell of a notebook (all cell types, in order; '' for non-code)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        cells.append(source if cell.get("cell_type") == "code" else "")
    return cells


def report(config: pytest.Config, line: str) -> None:
    """Write a line to the terminal even while pytest captures output (and with -q)."""
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if terminal is None:
        return
    ctx = capture.global_and_fixture_disabled() if capture else contextlib.nullcontext()
    with ctx:
        terminal.write_line(line)


# --- the Jupyter server ---------------------------------------------------------------------


@dataclass
class LabServer:
    """A running ``jupyter lab``: where it is, its token, and its temporary folders."""

    url: str
    token: str
    root: Path
    progress_dir: Path
    log: Path
    runtime_dir: Path
    process: subprocess.Popen = field(repr=False)

    def notebook_url(self, relpath: str) -> str:
        """URL that opens a notebook in a fresh workspace (``?reset``)."""
        return f"{self.url}/lab/tree/{quote(relpath)}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        """Call the server's REST API (never through a proxy); returns the decoded JSON."""
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with _OPENER.open(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, for error messages."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _server_env(home: Path, progress: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "PYTEST_"))}
    # conftest.py sets MPLBACKEND=agg for nbval; a learner's kernel has the inline backend.
    env.pop("MPLBACKEND", None)
    env.update(
        HOME=str(home),
        PM_COURSE_HOME=str(progress),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / ".local" / "share" / "jupyter" / "runtime"),
        IPYTHONDIR=str(home / ".ipython"),
        PYTHONUNBUFFERED="1",
    )
    return env


def app_settings(tmp: Path) -> Path:
    """A copy of the installed JupyterLab settings folder, with this repo's overrides.json."""
    settings = tmp / "app-settings"
    if INSTALLED_OVERRIDES.parent.is_dir():
        shutil.copytree(INSTALLED_OVERRIDES.parent, settings, dirs_exist_ok=True)
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(OVERRIDES, settings / "overrides.json")
    return settings


def _lab_command(port: int, token: str, tmp: Path) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--LabApp.user_settings_dir={tmp / 'user-settings'}",
        # Checkpoints (made when a notebook is first opened) go to the temporary folder,
        # not to notebooks/.ipynb_checkpoints/.
        f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}",
    ]
    # `make` copies jupyter/overrides.json into the environment (news toast off, command-mode
    # shortcuts kept off widgets); that copy may be older than the file. Serve the file itself:
    # a temporary settings folder with whatever else the installed one holds.
    cmd.append(f"--LabApp.app_settings_dir={app_settings(tmp)}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # jupyter refuses to run as root without it
    return cmd


def stop_process(process: subprocess.Popen, grace: float = 15) -> None:
    """Stop one process by its PID: terminate, wait, then kill."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def stop_leftover_kernels(runtime_dir: Path, grace: float = 5) -> list[int]:
    """Stop kernels of a server that had to be killed (found by their connection files).

    On SIGTERM jupyter shuts its kernels down itself; this is only for the case that it did
    not exit in time. Linux only (reads /proc); returns the PIDs it signalled.
    """
    marker = str(runtime_dir).encode()
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in cmdline and b"ipykernel" in cmdline:
            pids.append(int(proc.name))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
            time.sleep(0.1)
    return pids


def start_lab(tmp: Path, attempts: int = 3) -> LabServer:
    """Start ``jupyter lab`` on a free loopback port; return once /api/status answers."""
    home, progress = tmp / "home", tmp / "progress"
    home.mkdir(parents=True, exist_ok=True)
    progress.mkdir(parents=True, exist_ok=True)
    # Autosave would write the executed notebooks back into notebooks/ after 120 s.
    _write_json(
        tmp
        / "user-settings"
        / "@jupyterlab"
        / "docmanager-extension"
        / "plugin.jupyterlab-settings",
        {"autosave": False},
    )
    env = _server_env(home, progress)
    runtime_dir = Path(env["JUPYTER_RUNTIME_DIR"])
    token = secrets.token_hex(16)
    last_error = ""
    for attempt in range(attempts):
        port = free_port()
        log = tmp / f"jupyter-lab-{attempt}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                _lab_command(port, token, tmp),
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = LabServer(
            f"http://127.0.0.1:{port}", token, ROOT, progress, log, runtime_dir, process
        )
        try:
            _wait_for_status(server)
            return server
        except RuntimeError as exc:  # most likely the port was taken meanwhile: try another
            stop_process(process)
            last_error = str(exc)
    raise RuntimeError(f"jupyter lab did not start in {attempts} attempts:\n{last_error}")


def _wait_for_status(server: LabServer) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with code {server.process.returncode}; its log "
                f"({server.log}) ends with:\n{server.log_tail()}"
            )
        try:
            status = server.api("/api/status")
            if isinstance(status, dict) and "started" in status:
                return
        except (OSError, ValueError):  # not listening yet (URLError is an OSError)
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"jupyter lab gave no /api/status within {SERVER_START_S} s; its log "
                f"({server.log}) ends with:\n{server.log_tail()}"
            )
        time.sleep(0.1)


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of Chromium; skips (fails on CI) when it is missing."""
    path = find_chromium()
    if path is None:
        skip_or_fail(f"Chromium not found at {CHROMIUM} or on PATH; {INSTALL_HINT}")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig: pytest.Config) -> Path:
    """The folder for screenshots, announced on the terminal when the first test starts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob("FAILED-*.png"):  # a failure shot of an earlier run misleads
        stale.unlink(missing_ok=True)
    shown = SCREENSHOTS.relative_to(REPO) if SCREENSHOTS.is_relative_to(REPO) else SCREENSHOTS
    report(pytestconfig, f"\nbrowser tests: screenshots go to {shown}/")
    return SCREENSHOTS


@pytest.fixture(scope="session")
def lab_server(
    chromium_executable: str,
    screenshot_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[LabServer]:
    """One ``jupyter lab`` for the session, always stopped at the end."""
    tmp = tmp_path_factory.mktemp("jupyter-lab")
    server = start_lab(tmp)
    try:
        shown = OVERRIDES.relative_to(REPO) if OVERRIDES.is_relative_to(REPO) else OVERRIDES
        report(
            pytestconfig,
            f"browser tests: jupyter lab at {server.url} (log: {server.log}; "
            f"settings from {shown})",
        )
        yield server
    finally:
        stop_process(server.process)  # on SIGTERM jupyter shuts all its kernels down
        stop_leftover_kernels(server.runtime_dir)  # in case it had to be killed


@pytest.fixture(scope="session")
def chromium_browser(chromium_executable: str) -> Iterator[object]:
    """One headless Chromium for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail(f"Playwright is not installed; {INSTALL_HINT}")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Remember each phase's report, so the page fixture can screenshot a failed test."""
    rep = yield
    item.stash.setdefault(_REPORTS, {})[rep.when] = rep
    return rep


def watched_page(chromium_browser, server: LabServer, screenshot_dir: Path, viewport: dict):
    """A new context and page at ``viewport`` whose requests, console errors, page errors and
    dialogs are recorded on the returned LabPage."""
    context = chromium_browser.new_context(viewport=viewport)
    page = context.new_page()
    lab = LabPage(page, server, screenshot_dir)
    context.on("request", lab._on_request)
    page.on("websocket", lambda ws: lab.requests.append(ws.url))
    page.on("console", lab._on_console)
    page.on("pageerror", lambda e: lab.console_errors.append(f"pageerror: {e}"))
    page.on("dialog", lab._on_dialog)
    return context, lab


@pytest.fixture
def lab(
    chromium_browser, lab_server: LabServer, screenshot_dir: Path, request: pytest.FixtureRequest
) -> Iterator[LabPage]:
    """A fresh browser context and page on the session's JupyterLab, watched for errors."""
    context, lab = watched_page(chromium_browser, lab_server, screenshot_dir, VIEWPORT)
    try:
        yield lab
    finally:
        call = request.node.stash.get(_REPORTS, {}).get("call")
        if call is not None and call.failed:
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            with contextlib.suppress(Exception):
                lab.screenshot(f"FAILED-{name}")
        context.close()


# --- driving JupyterLab -----------------------------------------------------------------------

#: Console errors that have nothing to do with the course (each one says why).
CONSOLE_ALLOWED: list[tuple[re.Pattern[str], str]] = []

KERNEL_IDLE = re.compile(r"\(ipykernel\) \| Idle$")


def _js(source: str) -> str:
    """JavaScript with ``PANEL`` standing for the notebook on screen."""
    return source.replace(
        "PANEL", "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
    )


#: JS: the prompts of the code cells ("[ ]:" not run, "[*]:" queued or running, "[3]:" ran).
_PROMPTS_JS = _js("""() => Array.from(
  PANEL.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')
).map(e => e.textContent.trim())""")

#: JS: Run All has started: some prompt is no longer "[ ]:".
_RUN_STARTED_JS = _js("""() => Array.from(
  PANEL.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')
).some(e => e.textContent.trim() !== '[ ]:')""")

#: JS: the run is over: nothing queued or running, and every cell ran or one failed.
_RUN_OVER_JS = _js("""() => {
  const prompts = Array.from(PANEL.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'))
    .map(e => e.textContent.trim());
  if (prompts.some(p => p === '[*]:')) return false;
  const failed = PANEL.querySelector(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null;
  return failed || prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}""")

#: JS: every output: its cell (1 = the notebook's first cell), mime type and texts.
_OUTPUTS_JS = _js("""() => {
  const out = [];
  PANEL.querySelectorAll('.jp-Notebook .jp-Cell').forEach((cell, index) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach(o => out.push({
      cell: index + 1, mime: o.getAttribute('data-mime-type') || '', text: o.textContent || '',
      rendered_text: Array.from(o.querySelectorAll('.jp-RenderedText'))
        .map(r => r.textContent || '').join('\\n')
        + (o.classList.contains('jp-RenderedText') ? o.textContent : ''),
    }));
  });
  return out;
}""")

#: JS: the notebook's cells: their types ("code", "markdown", "raw") and the active cell's index.
_CELL_STATE_JS = _js("""() => {
  const cells = Array.from(PANEL.querySelectorAll('.jp-Notebook .jp-Cell'));
  const kind = c => c.classList.contains('jp-CodeCell') ? 'code'
    : c.classList.contains('jp-MarkdownCell') ? 'markdown'
    : c.classList.contains('jp-RawCell') ? 'raw' : '?';
  const active = cells.findIndex(c => c.classList.contains('jp-mod-active'));
  return {types: cells.map(kind), active};
}""")

#: JS: the cells are as ``want`` says (``want`` as ``_CELL_STATE_JS`` returns it).
_CELLS_ARE_JS = f"want => JSON.stringify(({_CELL_STATE_JS})()) === JSON.stringify(want)"

#: JS: scroll the notebook to its top; return the viewport height that shows all of it.
_FULL_HEIGHT_JS = _js("""() => {
  const outer = PANEL && PANEL.querySelector('.jp-WindowedPanel-outer');
  const cells = outer ? PANEL.querySelectorAll('.jp-Notebook .jp-Cell') : [];
  if (!cells.length) return window.innerHeight;
  outer.scrollTop = 0;
  const below = window.innerHeight - outer.getBoundingClientRect().bottom;  // status bar
  return Math.ceil(cells[cells.length - 1].getBoundingClientRect().bottom + below + 24);
}""")

#: JS: JupyterLab has laid the notebook out again for a viewport ``h`` pixels high.
_LAID_OUT_JS = _js("""h => {
  const outer = PANEL && PANEL.querySelector('.jp-WindowedPanel-outer');
  return outer !== null && outer.clientHeight > h - 250;
}""")


class LabPage:
    """One browser page on JupyterLab, with what it logged and requested."""

    def __init__(self, page, server: LabServer, screenshot_dir: Path):
        self.page = page
        self.server = server
        self.screenshot_dir = screenshot_dir
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.file_writes: list[str] = []  # saves, renames, deletes through the contents API
        self.dialogs: list[str] = []

    # -- listeners -------------------------------------------------------------------------------

    def _on_request(self, request) -> None:
        self.requests.append(request.url)
        path = urlsplit(request.url).path
        if request.method in ("PUT", "PATCH", "POST", "DELETE") and "/api/contents/" in path:
            if request.method == "POST" and path.endswith("/checkpoints"):
                # Opening a notebook without a checkpoint makes one (in the temporary folder
                # here, see _lab_command), as it does for a learner. Not a change.
                return
            self.file_writes.append(f"{request.method} {path}")

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text}" + (f" ({where})" if where else ""))

    def _on_dialog(self, dialog) -> None:
        # Reloading a page with a changed (unsaved) notebook asks "leave the page?": yes.
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        if dialog.type == "beforeunload":
            dialog.accept()
        else:
            dialog.dismiss()

    # -- locators ----------------------------------------------------------------------------------

    @property
    def panel(self):
        """The notebook on screen."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")

    @property
    def kernel_idle(self):
        """The status bar item that reads 'Python 3 (ipykernel) | Idle'."""
        return self.page.locator(".jp-StatusBar-TextItem").filter(has_text=KERNEL_IDLE)

    def cells(self):
        """Every cell of the notebook on screen (markdown and code), in order."""
        return self.panel.locator(".jp-Notebook .jp-Cell")

    def questions(self):
        """Every question box (``QuestionView``) on screen."""
        return self.panel.locator(".pmc-question")

    # -- actions -----------------------------------------------------------------------------------

    def menu(self, top: str, item: str) -> None:
        """Click a menu bar entry, then the item with exactly this label."""
        from playwright.sync_api import expect

        self.page.locator(
            ".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")
        ).click()
        entry = self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))
        expect(entry).to_be_visible(timeout=5_000)
        entry.click()

    def open(self, relpath: str, *, reload: bool = False) -> None:
        """Open (or reload) a notebook and wait until its kernel is really idle."""
        from playwright.sync_api import expect

        if reload:
            self.page.reload()
        else:
            self.page.goto(self.server.notebook_url(relpath))
        expect(self.panel.locator(".jp-Notebook")).to_be_visible(timeout=PAGE_LOAD_MS)
        # The toolbar says "idle" before a kernel is attached; Run All then runs nothing.
        # Only the status bar's "(ipykernel) | Idle" means the kernel is ready.
        expect(self.kernel_idle).to_have_count(1, timeout=KERNEL_IDLE_MS)

    def prompts(self) -> list[str]:
        """The execution prompts of the code cells, such as ['[1]:', '[ ]:']."""
        return self.page.evaluate(_PROMPTS_JS)

    def clear_outputs(self) -> None:
        """Edit > Clear Outputs of All Cells (stored outputs may hold stale widget copies)."""
        from playwright.sync_api import expect

        self.menu("Edit", "Clear Outputs of All Cells")
        expect(self.panel.locator(".jp-OutputArea-output")).to_have_count(0, timeout=10_000)

    def run_all(self) -> None:
        """Run > Run All Cells, retried if nothing started; wait until the run is over."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import expect

        if not self.prompts():
            return  # no code cells
        for _attempt in range(3):
            self.menu("Run", "Run All Cells")
            try:
                self.page.wait_for_function(_RUN_STARTED_JS, timeout=RUN_START_MS)
                break
            except PlaywrightTimeout:
                continue  # clicked too early: the recipe says Run All then silently does nothing
        else:
            pytest.fail(f"Run All Cells never started a cell; prompts: {self.prompts()}")
        try:
            self.page.wait_for_function(_RUN_OVER_JS, timeout=RUN_ALL_MS, polling=200)
        except PlaywrightTimeout:
            pytest.fail(self._stuck(f"Run All Cells not over after {RUN_ALL_MS // 1000} s"))
        expect(self.kernel_idle).to_have_count(1, timeout=KERNEL_IDLE_MS)

    def _stuck(self, what: str) -> str:
        """Say what the page showed when a run never ended: prompts, status bar, dialogs, log."""
        status = self.page.locator(".jp-StatusBar-TextItem").all_inner_texts()
        dialogs = self.page.locator(".jp-Dialog").all_inner_texts()
        return (
            f"{what}.\nprompts: {self.prompts()}\nstatus bar: {status}\n"
            f"dialogs on the page: {dialogs or 'none'}; browser dialogs: {self.dialogs or 'none'}\n"
            f"console errors: {self.console_errors or 'none'}\n"
            f"server log (end):\n{self.server.log_tail(60)}"
        )

    def open_and_run(self, relpath: str, *, reload: bool = False) -> None:
        """Open a notebook, clear its outputs and run every cell."""
        self.open(relpath, reload=reload)
        self.clear_outputs()
        self.run_all()

    def cell_state(self) -> dict:
        """Cell types and the active cell's index: ``{"types": ["markdown", ...], "active": 3}``."""
        return self.page.evaluate(_CELL_STATE_JS)

    def wait_for_cells(self, want: dict, message: str = "", timeout: float = 5_000) -> None:
        """Wait until ``cell_state()`` is ``want``; else fail, showing the difference."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(_CELLS_ARE_JS, arg=want, timeout=timeout)
        except PlaywrightTimeout:
            got = self.cell_state()
            pairs = enumerate(zip(got["types"], want["types"], strict=False))
            changed = {i: (g, w) for i, (g, w) in pairs if g != w}
            assert got == want, (
                f"{message}: active cell {got['active']} (want {want['active']}), "
                f"{len(got['types'])} cells (want {len(want['types'])}), "
                f"changed types (got, want): {changed}"
            )

    def outputs(self) -> list[dict]:
        """Every output area of the notebook: ``{cell, mime, text, rendered_text}``."""
        return self.page.evaluate(_OUTPUTS_JS)

    def screenshot(self, name: str) -> Path:
        """Screenshot of the whole notebook: the viewport grows to fit it (up to a limit)."""
        path = self.screenshot_dir / f"{name}.png"
        height = VIEWPORT["height"]
        try:
            # Cells off screen have an estimated height until shown: measure until it settles.
            for _ in range(4):
                wanted = max(
                    VIEWPORT["height"], min(self.page.evaluate(_FULL_HEIGHT_JS), MAX_SHOT_HEIGHT)
                )
                if abs(wanted - height) < 8:
                    break
                height = wanted
                self.page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
                self.page.wait_for_function(_LAID_OUT_JS, arg=height, timeout=5_000)
            self.page.screenshot(path=str(path))
        finally:
            if height != VIEWPORT["height"]:
                self.page.set_viewport_size(VIEWPORT)
        return path

    # -- checks --------------------------------------------------------------------------------

    def unexpected_console_errors(self) -> list[str]:
        """Console errors and page errors not in ``CONSOLE_ALLOWED``."""
        return [
            e for e in self.console_errors if not any(p.search(e) for p, _why in CONSOLE_ALLOWED)
        ]

    def foreign_requests(self) -> list[str]:
        """Requests (and websockets) that went anywhere but this machine."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in (
                "127.0.0.1",
                "localhost",
            ):
                continue
            foreign.append(url)
        return foreign

    def assert_clean(self) -> None:
        """No request off this machine, no console errors, no file written, no odd dialog."""
        foreign = self.foreign_requests()
        assert not foreign, "requests left 127.0.0.1:\n" + "\n".join(sorted(set(foreign)))
        errors = self.unexpected_console_errors()
        assert not errors, "errors in the browser console:\n" + "\n".join(errors)
        assert not self.file_writes, f"the page wrote to the course files: {self.file_writes}"
        odd = [d for d in self.dialogs if not d.startswith("beforeunload")]
        assert not odd, f"unexpected browser dialogs: {odd}"


# --- questions on the page ------------------------------------------------------------------


def question_box(lab: LabPage, qid: str):
    """The on-screen box of one question, found by its prompt (exactly one)."""
    from playwright.sync_api import expect

    from pm_course.course import content

    box = lab.questions().filter(has_text=content.question(qid).prompt)
    expect(box).to_have_count(1)
    return box


def feedback(box):
    """The feedback block under a question (``Feedback.html``: 'Correct', 'Not quite', ...)."""
    return box.locator(".pmc-feedback")


# --- another viewport (zoom and reflow, keyboard) ---------------------------------------------


@contextlib.contextmanager
def lab_page_at(
    chromium_browser, server: LabServer, screenshot_dir: Path, viewport: dict[str, int]
) -> Iterator[LabPage]:
    """A fresh context and page at ``viewport`` (a 640-pixel-wide one is 1280 at 200% zoom),
    watched for errors as the ``lab`` fixture's page is."""
    context, lab = watched_page(chromium_browser, server, screenshot_dir, viewport)
    try:
        yield lab
    finally:
        context.close()


def screenshot_at(lab: LabPage, name: str, viewport: dict[str, int]) -> list[Path]:
    """Like ``LabPage.screenshot`` for a page whose viewport is ``viewport``: the whole
    notebook, the viewport growing to fit it. A notebook taller than ``MAX_SHOT_HEIGHT`` comes
    in pieces, scrolled one notebook-height on each: ``<name>.png``, ``<name>-2.png``, ..."""
    height = viewport["height"]
    paths = []
    try:
        full = viewport["height"]
        for _ in range(4):
            full = max(viewport["height"], lab.page.evaluate(_FULL_HEIGHT_JS))
            wanted = min(full, MAX_SHOT_HEIGHT)
            if abs(wanted - height) < 8:
                break
            height = wanted
            lab.page.set_viewport_size({"width": viewport["width"], "height": height})
            lab.page.wait_for_function(_LAID_OUT_JS, arg=height, timeout=5_000)
        outer = lab.panel.locator(".jp-WindowedPanel-outer")
        step = outer.evaluate("o => o.clientHeight") if outer.count() else height
        # Done once the last cell is on screen (below it JupyterLab only leaves blank room).
        at_bottom = """o => {
          const cells = o.querySelectorAll('.jp-Notebook .jp-Cell');
          const last = cells[cells.length - 1];
          return !last || o.scrollTop + o.clientHeight >= o.scrollHeight - 2
            || last.getBoundingClientRect().bottom <= o.getBoundingClientRect().bottom;
        }"""
        for piece in range(1, 9):
            path = lab.screenshot_dir / (f"{name}.png" if piece == 1 else f"{name}-{piece}.png")
            lab.page.screenshot(path=str(path))
            paths.append(path)
            if not outer.count() or outer.evaluate(at_bottom):
                break
            # Scroll on by one screen (cells drawn only now may still grow: measure again).
            outer.evaluate("(o, step) => { o.scrollTop += step; }", step)
            lab.page.wait_for_timeout(400)
    finally:
        if height != viewport["height"]:
            lab.page.set_viewport_size(viewport)
    for stale in lab.screenshot_dir.glob(f"{name}-*.png"):
        if stale not in paths and re.fullmatch(rf"{re.escape(name)}-\d+\.png", stale.name):
            stale.unlink(missing_ok=True)
    return paths


#: JS (async): scroll each output of the notebook on screen into view and list what needs
#: horizontal scrolling (the output, or a box inside it that scrolls sideways), what reaches
#: past the output's sides, and widgets in one box that overlap each other.
_OVERFLOW_JS = _js("""async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const name = e => e.tagName.toLowerCase()
    + (e.className && typeof e.className === 'string'
       ? '.' + e.className.trim().split(/\\s+/).slice(0, 3).join('.') : '')
    + ' "' + (e.textContent || e.getAttribute('alt') || '').trim().slice(0, 40) + '"';
  const shown = r => r.width > 0 && r.height > 0;
  const problems = [];
  const cells = Array.from(PANEL.querySelectorAll('.jp-Notebook .jp-Cell'));
  for (const [index, cell] of cells.entries()) {
    const outputs = cell.querySelectorAll('.jp-OutputArea-output');
    if (!outputs.length) continue;
    cell.scrollIntoView({block: 'start'});
    await frame();
    const where = `cell ${index + 1}`;
    for (const out of outputs) {
      if (out.scrollWidth > out.clientWidth + 1) {
        problems.push(`${where}: the output scrolls sideways (${out.scrollWidth} px of content`
          + ` in ${out.clientWidth})`);
      }
      const box = out.getBoundingClientRect();
      for (const el of out.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (!shown(r)) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        const scrolls = ['auto', 'scroll'].includes(style.overflowX);
        if (scrolls && el.scrollWidth > el.clientWidth + 1 && !el.matches('textarea, select')) {
          const inner = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth;
          const reach = k => k.getBoundingClientRect().right
            + parseFloat(getComputedStyle(k).marginRight || '0');
          const wide = Array.from(el.querySelectorAll('*')).filter(k => reach(k) > inner + 1
            && (k.parentElement === el || reach(k.parentElement) <= inner + 1)).slice(0, 3);
          problems.push(`${where}: ${name(el)} scrolls sideways (${el.scrollWidth} px in `
            + `${el.clientWidth}; too wide: ${wide.map(k => name(k) + ' width '
            + getComputedStyle(k).width + ' margin ' + getComputedStyle(k).margin).join(', ')
            || 'a descendant'})`);
        }
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1
            && (el.textContent || '').trim()) {
          problems.push(`${where}: ${name(el)} is cut short (${el.scrollWidth} px of text in `
            + `${el.clientWidth})`);
        }
        const parent = el.parentElement;
        const pr = parent && parent !== out ? parent.getBoundingClientRect() : box;
        const past = r.right > box.right + 1 || r.left < box.left - 1;
        const parentPast = parent !== out && (pr.right > box.right + 1 || pr.left < box.left - 1);
        if (past && !parentPast) {
          problems.push(`${where}: ${name(el)} reaches past the output `
            + `(${Math.round(r.left - box.left)} to ${Math.round(r.right - box.left)} px `
            + `of ${Math.round(box.width)})`);
        }
      }
      for (const group of out.querySelectorAll('.widget-box, .widget-gridbox')) {
        const kids = Array.from(group.children)
          .filter(k => getComputedStyle(k).display !== 'none')
          .map(k => [k, k.getBoundingClientRect()]).filter(([, r]) => shown(r));
        for (let i = 0; i < kids.length; i++) {
          for (let j = i + 1; j < kids.length; j++) {
            const [a, ra] = kids[i], [b, rb] = kids[j];
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 2 && h > 2) problems.push(`${where}: ${name(a)} overlaps ${name(b)}`);
          }
        }
      }
    }
  }
  return problems;
}""")


def overflow_problems(lab: LabPage) -> list[str]:
    """What in the notebook's outputs needs horizontal scrolling, reaches past its output or
    overlaps a neighbour (every output is scrolled into view first, so windowed cells render)."""
    return lab.page.evaluate(_OVERFLOW_JS)


# --- accessibility audits (tests/test_browser_a11y.py) ----------------------------------------

#: The WCAG levels an audit checks: 2.0, 2.1 and 2.2, A and AA (axe-core's tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: JS: scroll the notebook down by ``step`` pixels; true once its bottom is on screen.
_SCROLL_STEP_JS = _js("""step => {
  const outer = PANEL && PANEL.querySelector('.jp-WindowedPanel-outer');
  if (!outer) return true;
  const before = outer.scrollTop;
  outer.scrollTop = before + step;
  return outer.scrollTop === before || outer.scrollTop + outer.clientHeight >= outer.scrollHeight;
}""")


def render_every_cell(lab: LabPage, pause_ms: int = 150, limit: int = 400) -> None:
    """Scroll the notebook from top to bottom a screen at a time, then back to the top, so
    every cell (windowed, or skipped by ``content-visibility``) has been drawn once."""
    lab.page.evaluate(
        _js(
            "() => { const o = PANEL.querySelector('.jp-WindowedPanel-outer');"
            " if (o) o.scrollTop = 0; }"
        )
    )
    step = int(VIEWPORT["height"] * 0.8)
    for _ in range(limit):
        lab.page.wait_for_timeout(pause_ms)
        if lab.page.evaluate(_SCROLL_STEP_JS, step):
            break
    lab.page.wait_for_timeout(pause_ms)


def axe_source() -> str:
    """axe-core's ``axe.min.js``, as ``axe-playwright-python`` bundles it (never downloaded)."""
    try:
        import axe_playwright_python
    except ImportError:
        skip_or_fail(
            "axe-playwright-python is not installed (it bundles axe-core): "
            "`pip install -e '.[test]'`"
        )
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


#: JS: run axe over ``selector`` with the WCAG tags; each violation with its nodes.
_AXE_RUN_JS = """async ([selector, tags]) => {
  const result = await axe.run({include: [[selector]]},
                               {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
  }));
}"""


def axe_violations(lab: LabPage, selector: str = ".jp-OutputArea-output") -> list[dict]:
    """axe-core's WCAG A and AA violations inside ``selector`` on the page, as
    ``{id, impact, help, nodes: [{target, html, summary}]}``."""
    if not lab.page.evaluate("() => typeof window.axe === 'object'"):
        lab.page.evaluate(axe_source())
    return lab.page.evaluate(_AXE_RUN_JS, [selector, WCAG_TAGS])
