"""Time one step of every live control of every entry, against the floor, in one run.

Steps:
1. point ``PM_COURSE_HOME`` at a temporary folder (a throwaway progress store) before
   ``pm_course`` is imported, work in that folder (an entry may write a file there), and draw
   real charts (``pm_course.ui.charts.STUB`` is False);
2. build each entry of ``pm_course.ENTRIES`` as the notebooks call it (the arguments of its
   first call in ``notebooks/``, else none) and find its controls by walking the widget tree's
   ``children``: sliders, menus, toggle buttons, tick boxes and number boxes (text boxes are
   left out: they redraw on a button, not on a change); disabled controls are skipped, and
   widgets displayed inside an ``Output`` widget are not found (they are no ``children``);
3. time each control: set its value to a neighbouring legal value, then back, alternating,
   one step per set, STEPS steps after a warm-up round trip; the floor (an ``HTML`` widget's
   value set plus an empty matplotlib figure saved to PNG: the least a redraw with a picture
   costs) is timed STEPS times before every entry, so drift hits both alike;
4. print one row per entry: its controls, how many of them redraw a picture, the median step
   over its controls, its worst control, and PASS or FLAG against the budget, then a FLAG
   line per control over budget.

A step runs the control's observers synchronously, as the kernel does when the browser sends
the new value; it leaves out the messages to and from the browser (``browser.py`` times those).

Budget: every control's median step at most 100 ms (the issue's "Fast redraws"). A handled
fault during a step (the view's "Something went wrong") is reported as FAULT.

Usage:
    python benchmarks/models.py [--steps N] [NAME ...]

NAME limits the run to those entries. The exit status is always 0: it is a benchmark, not a
test; read the FLAG lines.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from text_table import text_table  # benchmarks/text_table.py

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUDGET_MS = 100.0
DEFAULT_STEPS = 10
#: Widget classes a step changes, by name (ipywidgets 8); matched along the class's MRO.
STEPPED = {
    "_IntRange": "range",
    "_FloatRange": "range",
    "_Int": "number",
    "_Float": "number",
    "_Selection": "choice",
    "_Bool": "bool",
}
#: Widgets of those classes that are no control: they only show a value.
NOT_STEPPED = ("Valid", "IntProgress", "FloatProgress")


# --- the controls ------------------------------------------------------------------------------


def widget_tree(root) -> Iterator:
    """Every widget under root (itself first), depth first, each once."""
    seen, stack = set(), [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        stack.extend(reversed(list(getattr(widget, "children", ()) or ())))


def kind_of(widget) -> str | None:
    """How a widget is stepped ("number", "range", "choice", "bool"), or None if it is not."""
    names = [cls.__name__ for cls in type(widget).__mro__]
    if names[0] in NOT_STEPPED or getattr(widget, "disabled", False):
        return None
    return next((STEPPED[n] for n in names if n in STEPPED), None)


def neighbour(widget, kind: str) -> Callable[[], None] | None:
    """A function that sets the widget to a neighbouring legal value, or None if none exists."""
    if kind == "bool":
        value = not widget.value
        return lambda: setattr(widget, "value", value)
    if kind == "choice":
        count = len(widget.options)
        if count < 2:
            return None
        index = 0 if widget.index is None else widget.index
        index = index + 1 if index + 1 < count else index - 1
        return lambda: setattr(widget, "index", index)
    step = getattr(widget, "step", None) or 1
    high = getattr(widget, "max", None)
    if kind == "range":
        low, top = widget.value
        value = (low, top + step) if high is None or top + step <= high else (low, top - step)
        if value[1] < value[0]:
            return None
    else:
        value = widget.value + step
        if high is not None and value > high:
            value = widget.value - step
        if getattr(widget, "min", None) is not None and value < widget.min:
            return None
    return lambda: setattr(widget, "value", value)


def back(widget, kind: str) -> Callable[[], None]:
    """A function that puts the widget back to its current value."""
    if kind == "choice":
        index = widget.index
        return lambda: setattr(widget, "index", index)
    value = widget.value
    return lambda: setattr(widget, "value", value)


def label_of(widget, names: dict[int, str], index: int) -> str:
    """A control's name: its registered name, label or tooltip, else its class and position."""
    if id(widget) in names:
        return names[id(widget)]
    for attribute in ("description", "tooltip", "placeholder"):
        text = (getattr(widget, attribute, "") or "").strip()
        if text:
            return text[:40]
    return f"{type(widget).__name__}#{index}"


def pictures(view) -> list[str]:
    """The pictures under view: values of ``Image`` widgets and of HTML holding an ``<img``."""
    found = []
    for widget in widget_tree(view):
        value = getattr(widget, "value", None)
        if type(widget).__name__ == "Image" or (isinstance(value, str) and "<img" in value):
            found.append(value)
    return found


def find_controls(view) -> list[tuple[str, object, str]]:
    """The steppable controls under view: (name, widget, kind), named after
    ``view.controls`` where the view has it (the ModelView base)."""
    registered = getattr(view, "controls", None)
    names = {id(w): n for n, w in registered.items()} if isinstance(registered, dict) else {}
    found = []
    for index, widget in enumerate(widget_tree(view)):
        kind = kind_of(widget) if widget is not view else None
        if kind:
            name = label_of(widget, names, index)
            if any(name == other for other, _, _ in found):
                name = f"{name} #{index}"
            found.append((name, widget, kind))
    return found


# --- the entries -------------------------------------------------------------------------------


def notebook_calls(folder: Path = NOTEBOOKS) -> dict[str, tuple[tuple, dict]]:
    """Each entry's first call in the notebooks: name -> (args, kwargs) of literal values."""
    calls: dict[str, tuple[tuple, dict]] = {}
    for path in sorted(folder.rglob("*.ipynb")):
        if path.name.startswith("_") or ".ipynb_checkpoints" in path.parts:
            continue
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            if cell.get("cell_type") != "code" or "pm_course." not in source:
                continue
            try:
                tree = ast.parse(source)
            except SyntaxError:  # a cell magic
                continue
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "pm_course"
                    and node.func.attr not in calls
                ):
                    try:
                        args = tuple(ast.literal_eval(a) for a in node.args)
                        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                    except ValueError:  # not literal values
                        continue
                    calls[node.func.attr] = (args, kwargs)
    return calls


def call_text(name: str, args: tuple, kwargs: dict) -> str:
    """The call as a notebook writes it."""
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


class Faults(logging.Handler):
    """Counts the faults the views' guard logs (``log.exception``) instead of raising."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.count = 0
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.last = record.getMessage() + (
            f": {record.exc_info[1]!r}" if record.exc_info and record.exc_info[1] else ""
        )


# --- timing ------------------------------------------------------------------------------------


def timed(action: Callable[[], None]) -> float:
    """Milliseconds one call of action takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def make_floor() -> Callable[[], None]:
    """One floor step: an empty 7 x 3.5 in figure (100 dpi) saved to PNG, put into an HTML
    widget as an inline ``<img>`` (the chart size and PNG setting the course uses)."""
    import base64

    import ipywidgets as W
    from matplotlib.figure import Figure

    html = W.HTML()

    def step() -> None:
        buffer = io.BytesIO()
        Figure(figsize=(7, 3.5), dpi=100).savefig(
            buffer, format="png", pil_kwargs={"compress_level": 1}
        )
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        html.value = f"<img src='data:image/png;base64,{data}' alt='{len(html.value)}'>"

    return step


@dataclass
class Result:
    """One entry's outcome: its call, build time and each control's step times."""

    call: str
    build_ms: float = 0.0
    steps: dict[str, list[float]] = field(default_factory=dict)
    drawing: set[str] = field(default_factory=set)  # controls whose step changes a picture
    faults: int = 0
    fault: str = ""
    error: str = ""

    def medians(self) -> dict[str, float]:
        """Each control's median step, in ms."""
        return {name: statistics.median(times) for name, times in self.steps.items()}


def bench_entry(name: str, args: tuple, kwargs: dict, steps: int, faults: Faults) -> Result:
    """Build one entry and time steps of each of its controls."""
    import ipywidgets as W

    import pm_course

    result = Result(call_text(name, args, kwargs))
    faults.count = 0
    try:
        start = time.perf_counter()
        view = getattr(pm_course, name)(*args, **kwargs)
        result.build_ms = (time.perf_counter() - start) * 1000
    except Exception as error:  # an entry that cannot be built is reported, not fatal
        result.error = f"{type(error).__name__}: {error}"
        return result
    if not isinstance(view, W.Widget):
        return result
    for control, widget, kind in find_controls(view):
        # Worked out now, not when found: an earlier control may have changed this one.
        there, again = neighbour(widget, kind), back(widget, kind)
        if there is None:
            continue
        before = pictures(view)
        there()  # warm-up round trip, not counted
        if pictures(view) != before:
            result.drawing.add(control)
        again()
        times = [timed(there if i % 2 == 0 else again) for i in range(steps)]
        if steps % 2:
            again()  # leave it as it was
        result.steps[control] = times
    result.faults, result.fault = faults.count, faults.last
    return result


def status(result: Result) -> str:
    """PASS, FLAG (a control over budget), FAULT, ERROR or "-" (no controls)."""
    if result.error:
        return "ERROR"
    if result.faults:
        return "FAULT"
    if not result.steps:
        return "-"
    return "PASS" if max(result.medians().values()) <= BUDGET_MS else "FLAG"


def table(results: dict[str, Result], floor: list[float], steps: int) -> str:
    """The report: the floor, one row per entry with controls, then the FLAG lines."""
    base = statistics.median(floor)
    rows = [
        ("entry", "controls", "redraw", "median", "x floor", "worst control", "worst", "build", "")
    ]
    rows.append(
        ("floor: HTML value + empty figure PNG", "", "", f"{base:.1f}", "1.0x", "", "", "", "")
    )
    for result in results.values():
        if not result.steps and not result.error:
            continue
        medians = result.medians()
        mid = statistics.median(medians.values()) if medians else None
        worst = max(medians, key=medians.get) if medians else ""
        rows.append(
            (
                result.call if len(result.call) <= 36 else result.call[:33] + "...",
                str(len(medians)),
                str(len(result.drawing)),
                f"{mid:.1f}" if mid is not None else "-",
                f"{mid / base:.1f}x" if mid is not None else "-",
                worst[:32],
                f"{medians[worst]:.1f}" if worst else "-",
                f"{result.build_ms:.0f}",
                status(result),
            )
        )
    lines = text_table(rows, right={1, 2, 3, 4, 6, 7})
    lines += [
        "",
        f"ms per step: medians of {steps} steps per control (a neighbouring value, then back); "
        "'median' is the median over the entry's controls, 'worst' its slowest control; "
        "'redraw' counts the controls whose step changes a picture; 'build' is one call of the "
        f"entry. Budget: every control at most {BUDGET_MS:.0f} ms.",
        "no steppable controls: "
        + (", ".join(n for n, r in results.items() if not r.steps and not r.error) or "none"),
    ]
    for name, result in results.items():
        if result.error:
            lines.append(f"ERROR {result.call}: {result.error}")
        if result.faults:
            lines.append(
                f"FAULT {result.call}: {result.faults} handled faults, last: {result.fault}"
            )
        for control, ms in sorted(result.medians().items(), key=lambda kv: -kv[1]):
            if ms > BUDGET_MS:
                lines.append(
                    f"FLAG {name}: control {control!r} {ms:.0f} ms a step (budget "
                    f"{BUDGET_MS:.0f} ms, floor {base:.0f} ms)"
                )
    over = [n for n, r in results.items() if status(r) in ("FLAG", "FAULT", "ERROR")]
    lines.append(f"over budget: {', '.join(over)}" if over else "every entry within budget: PASS")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Measure every entry with controls, print the table; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these entries")
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS, help="steps per control")
    args = parser.parse_args(argv)
    calls = notebook_calls()
    with tempfile.TemporaryDirectory(prefix="pm-course-bench-") as home:
        os.environ["PM_COURSE_HOME"] = home  # before pm_course opens its store
        os.chdir(home)  # export_progress() and friends write into the current folder
        import pm_course
        from pm_course.ui import charts

        charts.STUB = False
        unknown = sorted(set(args.names) - set(pm_course.ENTRIES))
        if unknown:
            print(f"no such entry: {', '.join(unknown)}", file=sys.stderr)
        names = [n for n in sorted(pm_course.ENTRIES) if not args.names or n in args.names]
        faults = Faults()
        logging.getLogger("pm_course").addHandler(faults)
        floor_step = make_floor()
        for _ in range(3):
            floor_step()  # warm-up: fonts, PNG writer
        floor: list[float] = []
        results = {}
        print(f"timing {len(names)} entries, {args.steps} steps per control...", flush=True)
        for name in names:
            floor += [timed(floor_step) for _ in range(args.steps)]
            call_args, call_kwargs = calls.get(name, ((), {}))
            results[name] = bench_entry(name, call_args, call_kwargs, args.steps, faults)
        os.chdir(ROOT)
    print(table(results, floor, args.steps))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > (os.cpu_count() or 1) / 2:
        print(f"NOTE: load average {load:.1f} on {os.cpu_count()} CPUs: times are noisy.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
