"""Time a slider step in JupyterLab, from the key press to the new picture, against the floor.

Steps:
1. copy ``notebooks/`` into a temporary folder beside a one-cell scratch notebook (the floor:
   an ipywidgets Button whose click changes an HTML widget's text) and start ``jupyter lab``
   on 127.0.0.1 serving that folder, with a temporary HOME, PM_COURSE_HOME, settings and
   workspaces (``start_lab`` of ``tests/browser_support.py``; autosave is off there);
2. in headless Chromium (Debian's ``/usr/bin/chromium``; never ``playwright install``), open
   the scratch notebook in one page and each notebook named (default: 01 to 07) in
   another, clear its outputs, Run All and wait for the kernel to be idle;
3. for every output holding a slider and a picture (a live model): focus its first slider
   handle that redraws the picture and press the right and left arrow keys in turn, PRESSES
   times; each time the page itself measures (``performance.now()``, a MutationObserver)
   from the keydown until an ``<img src>`` in that output changes, then the run waits for
   the kernel to be idle again.
   Before each model the floor button is clicked PRESSES times, measured the same way from the
   click until the HTML widget's text changes, so drift hits floor and models alike;
4. print one row per model (median, min and max ms, ratio to the floor) with PASS or FLAG
   against the budget (median at most 150 ms), then stop the browser, the server (by its PID)
   and any kernel it left.

Usage:
    python benchmarks/browser.py [--presses N] [NOTEBOOK ...]

NOTEBOOK is a file name in ``notebooks/`` (or a prefix such as ``02``). Without Chromium (or
Playwright) it prints why and exits 0. The exit status is 0 unless the set-up fails (1): it is
a benchmark, not a test; read the FLAG lines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from text_table import text_table  # benchmarks/text_table.py

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_NOTEBOOKS = ("01", "02", "03", "04", "05", "06", "07")
BUDGET_MS = 150.0
DEFAULT_PRESSES = 10
STEP_TIMEOUT_MS = 10_000
#: Pause after the kernel is idle again, so trailing messages of one press never overlap the next.
SETTLE_MS = 250
FLOOR_NOTEBOOK = "_bench_floor.ipynb"
FLOOR_SOURCE = """\
import ipywidgets as W

shown = W.HTML("0")
press = W.Button(description="Press me")
press.on_click(lambda _: setattr(shown, "value", str(int(shown.value) + 1)))
W.VBox([press, shown], _dom_classes=["pmc-bench-floor"])"""

#: JS: mark each output that holds a slider handle and a picture; return their cells' code.
FIND_MODELS_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const found = [];
  panel.querySelectorAll('.jp-Notebook .jp-CodeCell').forEach((cell, index) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach(out => {
      if (out.querySelector('.noUi-handle') && out.querySelector('img')) {
        const id = `m${found.length}`;
        out.setAttribute('data-pmc-bench', id);
        const code = cell.querySelector('.jp-InputArea-editor .cm-content');
        found.push({id, cell: index + 1, code: code ? code.textContent.trim() : ''});
      }
    });
  });
  return found;
}"""

#: JS: arm one measurement on the output marked ``id``: from the first ``event`` (keydown or
#: click) anywhere in the page until what ``mode`` watches (the pictures' src, or the text)
#: differs from now.
ARM_JS = """([id, event, mode]) => {
  const root = document.querySelector(`[data-pmc-bench="${id}"]`);
  const look = () => mode === 'img'
    ? Array.from(root.querySelectorAll('img')).map(i => i.getAttribute('src')).join('\\n')
    : root.textContent;
  const before = look();
  const s = window.__pmcBench = {t0: null, t1: null};
  document.addEventListener(event, () => { if (s.t0 === null) s.t0 = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (s.t0 !== null && s.t1 === null && look() !== before) {
      s.t1 = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(root, {subtree: true, childList: true, characterData: true,
                          attributes: true, attributeFilter: ['src']});
  s.stop = () => observer.disconnect();
}"""
DONE_JS = "() => window.__pmcBench && window.__pmcBench.t1 !== null"
RESULT_JS = """() => { const s = window.__pmcBench; s.stop();
  return s.t1 === null || s.t0 === null ? null : s.t1 - s.t0; }"""


def support_module(root: Path):
    """``tests/browser_support.py``, serving ``root`` (its ROOT is read when it is imported)."""
    os.environ["PM_COURSE_BROWSER_ROOT"] = str(root)
    sys.path.insert(0, str(ROOT / "tests"))
    import browser_support

    return browser_support


def pick_notebooks(names: list[str]) -> list[Path]:
    """The notebooks named (file names or prefixes in notebooks/), in order."""
    chosen = []
    for name in names or DEFAULT_NOTEBOOKS:
        matches = sorted(NOTEBOOKS.glob(f"{name}*.ipynb")) or [NOTEBOOKS / name]
        if not matches[0].exists():
            raise SystemExit(f"no notebook {name!r} in {NOTEBOOKS}")
        chosen.append(matches[0])
    return chosen


def serve_folder(tmp: Path) -> Path:
    """A folder to serve: a copy of notebooks/ and the floor notebook beside it."""
    root = tmp / "root"
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_*"))
    floor = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": FLOOR_SOURCE,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (root / FLOOR_NOTEBOOK).write_text(json.dumps(floor), encoding="utf-8")
    return root


def open_and_run(lab, relpath: str) -> None:
    """Open a notebook, clear its outputs, Run All and wait until the kernel is idle."""
    lab.page.bring_to_front()
    lab.open_and_run(relpath)


def settle(lab) -> None:
    """Wait until the kernel is idle, then a little more."""
    from playwright.sync_api import expect

    expect(lab.kernel_idle).to_have_count(1, timeout=STEP_TIMEOUT_MS)
    lab.page.wait_for_timeout(SETTLE_MS)


def measure(lab, target: str, event: str, mode: str, act) -> float | None:
    """Milliseconds from ``event`` until the output ``target`` changes; None if it never does."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = lab.page
    page.evaluate(ARM_JS, [target, event, mode])
    act()
    with contextlib.suppress(PlaywrightTimeout):  # never changed: counted as missed
        page.wait_for_function(DONE_JS, timeout=STEP_TIMEOUT_MS, polling=10)
    ms = page.evaluate(RESULT_JS)
    settle(lab)
    return ms


def floor_round(lab, presses: int) -> list[float | None]:
    """Click the floor button ``presses`` times; ms from each click to the new text."""
    lab.page.bring_to_front()
    button = lab.panel.locator(".pmc-bench-floor button")
    return [measure(lab, "floor", "click", "text", button.click) for _ in range(presses)]


def arrows(handle) -> tuple[str, str]:
    """The arrow keys to press in turn: away from the end the handle sits at, then back."""
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    at_top = now is not None and top is not None and float(now) >= float(top)
    return ("ArrowLeft", "ArrowRight") if at_top else ("ArrowRight", "ArrowLeft")


def live_handle(lab, target: str):
    """The model's first slider handle whose press changes its picture; None if none does (a
    model whose sliders edit something chosen from a menu first, such as the stakeholder map)."""
    handles = lab.page.locator(f'[data-pmc-bench="{target}"] .noUi-handle')
    for i in range(handles.count()):
        handle = handles.nth(i)
        handle.scroll_into_view_if_needed()
        there, back = arrows(handle)
        changed = measure(lab, target, "keydown", "img", lambda h=handle, k=there: h.press(k))
        handle.press(back)
        settle(lab)
        if changed is not None:
            return handle
    return None


def model_round(lab, target: str, presses: int) -> list[float | None] | None:
    """Press the arrow keys on the model's first slider handle that redraws its picture; ms
    from each keydown to the new picture (None: no slider redraws a picture by itself)."""
    lab.page.bring_to_front()
    handle = live_handle(lab, target)
    if handle is None:
        return None
    keys = arrows(handle)
    return [
        measure(lab, target, "keydown", "img", lambda k=keys[i % 2]: handle.press(k))
        for i in range(presses)
    ]


def summary(times: list[float | None]) -> tuple[float | None, float | None, float | None, int]:
    """Median, min, max of the measured times, and how many presses changed nothing."""
    got = [t for t in times if t is not None]
    if not got:
        return None, None, None, len(times)
    return statistics.median(got), min(got), max(got), len(times) - len(got)


def table(floor: list[float | None], models: list[dict], presses: int) -> str:
    """The report: the floor, one row per model, then the FLAG lines."""
    base, fmin, fmax, fmiss = summary(floor)
    rows = [("what", "median", "min", "max", "x floor", "missed", "")]
    rows.append(
        (
            "floor: click a Button -> HTML text",
            f"{base:.0f}" if base is not None else "-",
            f"{fmin:.0f}" if fmin is not None else "-",
            f"{fmax:.0f}" if fmax is not None else "-",
            "1.0x",
            str(fmiss),
            "",
        )
    )
    flags, untimed = [], []
    for model in models:
        if model["times"] is None:
            untimed.append(model["name"])
            rows.append((model["name"], "-", "-", "-", "-", "-", "not timed"))
            continue
        mid, low, high, missed = summary(model["times"])
        verdict = "-" if mid is None else "PASS" if mid <= BUDGET_MS and not missed else "FLAG"
        if verdict != "PASS":
            flags.append(
                f"FLAG {model['name']}: median {mid:.0f} ms from key press to new picture "
                f"(budget {BUDGET_MS:.0f} ms, floor {base:.0f} ms)"
                if mid is not None and mid > BUDGET_MS
                else f"FLAG {model['name']}: {missed} of {len(model['times'])} presses changed "
                "no picture"
            )
        rows.append(
            (
                model["name"],
                f"{mid:.0f}" if mid is not None else "-",
                f"{low:.0f}" if low is not None else "-",
                f"{high:.0f}" if high is not None else "-",
                f"{mid / base:.1f}x" if mid is not None and base else "-",
                str(missed),
                verdict,
            )
        )
    lines = text_table(rows, right=range(1, 6))
    lines += [
        "",
        f"ms in the page, {presses} presses per model (arrow right and left in turn on its first "
        f"slider), from the keydown until an <img src> of the model changes; the floor from the "
        f"click until the text changes ({len(floor)} clicks, {presses} before each model). "
        f"Budget: median at most {BUDGET_MS:.0f} ms.",
        *(
            f"not timed {name}: no slider redraws its picture by itself (its sliders edit what "
            "a menu chose first)"
            for name in untimed
        ),
        *flags,
    ]
    over = [m["name"] for m in models if any(f.startswith(f"FLAG {m['name']}:") for f in flags)]
    lines.append(f"over budget: {', '.join(over)}" if over else "every model within budget: PASS")
    return "\n".join(lines)


def run(support, notebooks: list[Path], presses: int, tmp: Path) -> str:
    """Start the server and the browser, measure, stop both; the report."""
    from playwright.sync_api import sync_playwright

    root = serve_folder(tmp)
    started = time.perf_counter()
    server = support.start_lab(tmp)
    print(
        f"jupyter lab (pid {server.process.pid}) at {server.url} serving {root}, "
        f"started in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=support.find_chromium(), args=support.CHROMIUM_ARGS
        )
        try:
            return measure_all(support, browser, server, notebooks, presses, tmp)
        finally:
            browser.close()
    finally:
        playwright.stop()
        support.stop_process(server.process)  # on SIGTERM jupyter shuts its kernels down
        support.stop_leftover_kernels(server.runtime_dir)  # in case it had to be killed


def measure_all(support, browser, server, notebooks: list[Path], presses: int, tmp: Path) -> str:
    """Run the floor notebook and each notebook, time the floor and the models; the report."""
    shots = tmp / "shots"
    floor_lab = support.LabPage(
        browser.new_context(viewport=support.VIEWPORT).new_page(), server, shots
    )
    lab = support.LabPage(browser.new_context(viewport=support.VIEWPORT).new_page(), server, shots)
    open_and_run(floor_lab, FLOOR_NOTEBOOK)
    floor_lab.panel.locator(".pmc-bench-floor").first.wait_for(timeout=STEP_TIMEOUT_MS)
    floor_lab.page.evaluate(
        "() => document.querySelector('.pmc-bench-floor')"
        ".closest('.jp-OutputArea-output').setAttribute('data-pmc-bench', 'floor')"
    )
    floor_round(floor_lab, 3)  # warm-up, not counted
    floor: list[float | None] = []
    models: list[dict] = []
    for path in notebooks:
        started = time.perf_counter()
        open_and_run(lab, f"notebooks/{path.name}")
        found = lab.page.evaluate(FIND_MODELS_JS)
        print(
            f"{path.name}: Run All {time.perf_counter() - started:.1f} s, "
            f"{len(found)} model(s) with a slider and a picture",
            flush=True,
        )
        for model in found:
            model_round(lab, model["id"], 2)  # warm-up, not counted
            floor += floor_round(floor_lab, presses)
            code = (model["code"].splitlines() or ["?"])[-1][:40]
            name = f"{path.stem[:2]} cell {model['cell']}: {code}"
            times = model_round(lab, model["id"], presses)
            models.append({"name": name, "times": times})
            mid = summary(times)[0] if times is not None else None
            print(f"  {name}: " + (f"{mid:.0f} ms" if mid is not None else "no change"), flush=True)
    return table(floor, models, presses)


def main(argv: list[str]) -> int:
    """Measure and print the table; 0 also when skipped, 1 if the set-up failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK")
    parser.add_argument("--presses", type=int, default=DEFAULT_PRESSES, help="per model (10)")
    args = parser.parse_args(argv)
    notebooks = pick_notebooks(args.notebooks)
    with tempfile.TemporaryDirectory(prefix="pm-course-bench-browser-") as name:
        tmp = Path(name)
        support = support_module(tmp / "root")
        return guarded(
            "browser benchmark", support, lambda: run(support, notebooks, args.presses, tmp)
        )


def guarded(label: str, support, work) -> int:
    """Run ``work()`` and print the report it returns (0); say so and return 0 when Chromium or
    Playwright is missing, say why and return 1 when the set-up fails."""
    if support.find_chromium() is None:
        print(
            f"SKIPPED {label}: no Chromium at {support.CHROMIUM} or on PATH "
            "(apt-get install -y chromium; never `playwright install`)"
        )
        return 0
    try:
        import playwright  # noqa: F401
    except ImportError:
        print(f"SKIPPED {label}: Playwright is not installed (pip install -e '.[test]')")
        return 0
    try:
        report = work()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # pytest.fail (browser_support) is a BaseException
        print(f"{label} failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
