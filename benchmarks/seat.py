"""The memory one learner's seat costs: a JupyterLab server and its kernels, with the course
open, against a bare seat measured in the same run.

Steps:
1. serve a copy of ``notebooks/`` and a one-cell floor notebook (an ipywidgets button, as in
   ``benchmarks/browser.py``) with ``jupyter lab`` on 127.0.0.1 (``start_lab`` of
   ``tests/browser_support.py``: temporary HOME, PM_COURSE_HOME and settings);
2. the floor: open the floor notebook in headless Chromium, Run All, wait until the kernel is
   idle and a little more, then add up the resident memory (VmRSS) of the server and every
   process under it (the kernel);
3. stop that server (by its PID), start a fresh one and do the same with notebook 01 (a
   learner's seat with one notebook open), then open 03 beside it (what one more open notebook
   adds);
4. print the figures: the course's seat is meant to stay within the floor plus 30 MiB (PASS or
   FLAG), and stop everything by PID.

On a JupyterHub a seat is the same server and kernels; docs/jupyterhub.md turns these figures
into learners per GiB.

Usage:
    python benchmarks/seat.py

Without Chromium (or Playwright) it prints why and exits 0; 1 if the set-up fails.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser as bench  # benchmarks/browser.py: the floor notebook, the server

BUDGET_MIB = 30.0
SETTLE_S = 3.0
FIRST, SECOND = "01", "03"


def rss_mib(pid: int) -> float:
    """Resident memory of one process, in MiB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        one = todo.pop()
        found.append(one)
        todo += children.get(one, [])
    return found


def seat(server) -> tuple[float, int]:
    """The server and its kernels: MiB resident, and how many processes."""
    time.sleep(SETTLE_S)
    pids = tree(server.process.pid)
    return sum(rss_mib(p) for p in pids), len(pids)


def measure(support, browser, tmp: Path, relpaths: list[str]) -> list[tuple[float, int]]:
    """Start a server, open and run each notebook in turn; the seat after each; stop it."""
    server = support.start_lab(tmp)
    try:
        figures = []
        context = browser.new_context(viewport=support.VIEWPORT)
        for relpath in relpaths:
            lab = support.LabPage(context.new_page(), server, tmp / "shots")
            lab.open_and_run(relpath)
            figures.append(seat(server))
        context.close()
        return figures
    finally:
        support.stop_process(server.process)
        support.stop_leftover_kernels(server.runtime_dir)


def run(support, tmp: Path) -> str:
    from playwright.sync_api import sync_playwright

    bench.serve_folder(tmp)
    first = f"notebooks/{bench.pick_notebooks([FIRST])[0].name}"
    second = f"notebooks/{bench.pick_notebooks([SECOND])[0].name}"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=support.find_chromium(), args=support.CHROMIUM_ARGS
        )
        try:
            ((floor, n_floor),) = measure(support, browser, tmp / "a", [bench.FLOOR_NOTEBOOK])
            (one, n_one), (two, _) = measure(support, browser, tmp / "b", [first, second])
        finally:
            browser.close()
    finally:
        playwright.stop()
    over = one - floor
    verdict = "PASS" if over <= BUDGET_MIB else "FLAG"
    return "\n".join(
        [
            "Seat memory (server + kernels, resident), one learner:",
            f"  floor: JupyterLab + a one-button notebook   {floor:7.1f} MiB ({n_floor} processes)",
            f"  the course, {FIRST} open and run              {one:7.1f} MiB ({n_one} processes)",
            f"  {verdict}: {over:+.1f} MiB over the floor (budget {BUDGET_MIB:.0f} MiB)",
            f"  one more notebook open ({SECOND})             {two - one:+7.1f} MiB",
        ]
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pm-course-bench-seat-") as name:
        tmp = Path(name)
        for sub in ("a", "b"):
            (tmp / sub).mkdir()
        support = bench.support_module(tmp / "root")
        return bench.guarded("seat benchmark", support, lambda: run(support, tmp))


if __name__ == "__main__":
    sys.exit(main())
