"""Time the course against its floors and check the performance budgets.

Steps:
1. time fresh interpreters, alternated round by round so drift hits all alike:
   ``python -c pass`` (the baseline), ``python -c "import ipywidgets"`` (the floor) and
   ``python -c "import pm_course"``; check which heavy modules ``import pm_course`` loads;
2. run, alternated round by round, a one-cell trivial notebook (the floor), a one-cell
   notebook importing the libraries the course draws with (a reference, to read the flags by)
   and every course notebook, each on a fresh kernel with the progress store in a temporary
   folder; a probe cell appended to every in-memory copy reports the kernel's peak memory
   (its resident high-water mark);
3. print a table of medians, ratios and each budget's verdict; optionally write JSON.

Budgets:
- ``import pm_course`` takes at most 1.2x the wall time of ``import ipywidgets``: medians of
  the whole commands. The import time over the baseline (paired per round) is printed beside
  it for information, it is not the budget.
- every notebook's Run All (a fresh kernel, every cell, shut down) takes at most the floor
  notebook's time plus 1.5 s, both medians of this run (the issue's "Fast redraws"). A
  notebook over it is flagged (FLAG), not failed; the ratio to the floor is printed beside it
  for information.

Usage:
    python benchmarks/run.py [--repeat N] [--json PATH] [--strict] [--timeout S] [PATH ...]

PATH is a notebook or a folder (default: notebooks/ and notebooks/instructor/); names that
start with "_" are skipped. --repeat N runs each notebook N times (default 5) and each
interpreter command max(7, 3N) times. The exit status is 0, or with --strict 1 when a budget
fails or a notebook raises (2 for a PATH that does not exist).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from text_table import text_table  # benchmarks/text_table.py

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT / "notebooks", ROOT / "notebooks" / "instructor")
MIN_IMPORT_RUNS = 7
IMPORT_BUDGET = 1.2
#: Seconds a notebook may take over the floor notebook (both medians of the same run).
NOTEBOOK_MARGIN_S = 1.5
HEAVY_MODULES = ("ipywidgets", "matplotlib", "numpy")
COMMANDS = {
    "baseline": "pass",
    "floor": "import ipywidgets",
    "pm_course": "import pm_course",
}
PROBE_MARKER = "PM_COURSE_BENCH_MAXRSS"
# Peak memory of the kernel process: Linux's VmHWM. Not ru_maxrss: on Linux that survives
# fork and exec, so a kernel would report this script's own peak whenever that is higher.
# Elsewhere ru_maxrss is the fallback (bytes on macOS, KiB on other systems).
PROBE_SOURCE = f"""\
import sys
try:
    with open("/proc/self/status") as _f:
        _hwm = [int(_l.split()[1]) * 1024 for _l in _f if _l.startswith("VmHWM:")]
    print("{PROBE_MARKER}", _hwm[0])
except (OSError, IndexError):
    try:
        import resource
        _rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("{PROBE_MARKER}", _rss if sys.platform == "darwin" else _rss * 1024)
    except ImportError:
        print("{PROBE_MARKER}", -1)"""
FLOOR_SOURCE = "1 + 1"
REFERENCE_SOURCE = "import ipywidgets\nimport matplotlib.figure"
REFERENCES = {
    "floor": ("notebook: 1 trivial cell (floor)", FLOOR_SOURCE),
    "reference": ("notebook: import ipywidgets, matplotlib.figure", REFERENCE_SOURCE),
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def rotated(items: list, shift: int) -> list:
    """The items, rotated left by shift (so each takes each place in turn)."""
    shift %= len(items) if items else 1
    return items[shift:] + items[:shift]


def time_command(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``python -c code`` in the repository."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def loaded_modules() -> dict:
    """Which heavy modules a fresh ``import pm_course`` loads, and where pm_course comes from."""
    code = (
        "import json, sys, pm_course; "
        f"print(json.dumps({{'file': pm_course.__file__, 'loaded': "
        f"{{m: m in sys.modules for m in {HEAVY_MODULES!r}}}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def bench_imports(runs: int) -> dict:
    """Time the interpreter commands, alternated; return runs and medians per command."""
    names = list(COMMANDS)
    for name in names:  # warm-up: byte-compile and fill the disk cache
        time_command(COMMANDS[name])
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        for name in rotated(names, round_):
            times[name].append(time_command(COMMANDS[name]))
    result = {}
    for name in names:
        deltas = [t - b for t, b in zip(times[name], times["baseline"], strict=True)]
        result[name] = {
            "command": f'python -c "{COMMANDS[name]}"',
            "runs": times[name],
            "median": median(times[name]),
            "min": min(times[name]),
            "delta_median": median(deltas),
        }
    return result


def notebook_paths(args: list[str]) -> list[Path]:
    """The notebooks named, or found in the folders named (not recursing, skipping "_*")."""
    found = []
    for p in [Path(a) for a in args] if args else DEFAULT_DIRS:
        found += sorted(p.glob("*.ipynb")) if p.is_dir() else [p] if p.exists() else []
    return [p for p in found if not p.name.startswith("_")]


def display_name(path: Path) -> str:
    """The path relative to the repository when inside it, else as given."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def one_cell_notebook(source: str):
    """A notebook of one code cell."""
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])


def with_probe(nb):
    """A copy of nb with the peak-memory probe cell appended."""
    import nbformat

    nb = copy.deepcopy(nb)
    probe = nbformat.v4.new_code_cell(PROBE_SOURCE, metadata={"tags": ["pm-course-bench"]})
    nb.cells.append(probe)
    return nb


def probe_rss(nb) -> int | None:
    """The kernel's peak resident memory in bytes, as the probe cell printed it."""
    for output in nb.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(PROBE_MARKER):
                value = int(line.split()[1])
                return value if value >= 0 else None
    return None


@contextlib.contextmanager
def env_var(name: str, value: str):
    """Set an environment variable (inherited by kernels started meanwhile), then restore it."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def run_notebook(nb, cwd: Path, timeout: int) -> tuple[float, int | None]:
    """Run nb (with the probe) on a fresh kernel; return seconds and peak memory in bytes.

    The kernel's own log goes to a file, quoted in the error if the kernel fails.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = with_probe(nb)
    with (
        tempfile.TemporaryDirectory(prefix="pm-course-bench-") as home,
        env_var("PM_COURSE_HOME", home),
        open(Path(home) / "kernel.log", "w+", encoding="utf-8") as log,
    ):
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(cwd)}},
        )
        start = time.perf_counter()
        try:
            client.execute(stderr=log)
        except CellExecutionError as error:
            raise RuntimeError(first_line(error)) from error
        except Exception as error:
            log.seek(0)
            raise RuntimeError(f"{first_line(error)} (kernel: {last_line(log.read())})") from error
        elapsed = time.perf_counter() - start
    return elapsed, probe_rss(nb)


def last_line(text: str) -> str:
    """The last non-blank line of text, without colour codes, at most 160 characters."""
    lines = [line for line in ANSI.sub("", text).splitlines() if line.strip()]
    return lines[-1].strip()[:160] if lines else ""


def first_line(error: Exception) -> str:
    """A one-line description of an error, for the table."""
    return f"{type(error).__name__}: {last_line(str(error))}"


def bench_notebooks(paths: list[Path], repeat: int, timeout: int) -> dict:
    """Run the floor, the reference and each notebook repeat times, alternated; their stats."""
    import nbformat

    items = {name: (one_cell_notebook(src), ROOT) for name, (_, src) in REFERENCES.items()}
    for path in paths:
        items[display_name(path)] = (nbformat.read(path, as_version=4), path.resolve().parent)
    stats = {name: {"runs": [], "peak_rss": [], "error": None} for name in items}
    for round_ in range(repeat + 1):  # round 0 warms up and is not counted
        for name in rotated(list(items), round_):
            if stats[name]["error"]:
                continue
            nb, cwd = items[name]
            try:
                seconds, rss = run_notebook(nb, cwd, timeout)
            except Exception as error:  # a notebook that raises is reported, not fatal
                stats[name]["error"] = str(error)
                continue
            if round_:
                stats[name]["runs"].append(seconds)
                if rss is not None:
                    stats[name]["peak_rss"].append(rss)
    for entry in stats.values():
        entry["median"] = median(entry["runs"])
        entry["min"] = min(entry["runs"], default=None)
        entry["peak_rss"] = max(entry["peak_rss"], default=None)
    return stats


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, or None when either is missing."""
    return value / floor if value is not None and floor else None


def over_floor(value: float | None, floor: float | None) -> float | None:
    """value - floor in seconds, or None when either is missing."""
    return value - floor if value is not None and floor is not None else None


def verdicts(imports: dict, notebooks: dict) -> list[dict]:
    """Each budget with its measured ratio and status (PASS, FAIL, FLAG or ERROR)."""
    ipyw, pm = imports["floor"], imports["pm_course"]
    total = ratio(pm["median"], ipyw["median"])
    checks = [
        {
            "what": "import pm_course vs import ipywidgets (whole command)",
            "ratio": total,
            "budget": IMPORT_BUDGET,
            "delta_ratio": ratio(pm["delta_median"], ipyw["delta_median"]),
            "status": "PASS" if total <= IMPORT_BUDGET else "FAIL",
        }
    ]
    for name in REFERENCES:
        if notebooks[name]["error"]:
            checks.append({"what": f"{name} notebook", "status": "ERROR"})
    floor = notebooks["floor"]["median"]
    for name, entry in notebooks.items():
        if name in REFERENCES:
            continue
        over = over_floor(entry["median"], floor)
        if entry["error"] or over is None:
            status = "ERROR" if entry["error"] else "-"
        else:
            status = "PASS" if over <= NOTEBOOK_MARGIN_S else "FLAG"
        checks.append(
            {
                "what": name,
                "ratio": ratio(entry["median"], floor),
                "over_floor": over,
                "budget": f"floor + {NOTEBOOK_MARGIN_S:g} s",
                "status": status,
            }
        )
    return checks


def fmt(value: float | None, unit: str = "s", digits: int = 3) -> str:
    """A number for the table, or a dash."""
    if value is None:
        return "-"
    return f"{value:.{digits}f}{unit}" if unit != "x" else f"{value:.2f}x"


def table(imports: dict, modules: dict, notebooks: dict, checks: list[dict]) -> str:
    """The human-readable report."""
    rows = [("what", "median", "min", "ratio", "over floor", "budget", "status", "peak mem")]
    ipyw = imports["floor"]["median"]
    for name, label in (
        ("baseline", 'python -c "pass" (baseline)'),
        ("floor", 'python -c "import ipywidgets" (floor)'),
        ("pm_course", 'python -c "import pm_course"'),
    ):
        entry = imports[name]
        is_pm = name == "pm_course"
        rows.append(
            (
                label,
                fmt(entry["median"]),
                fmt(entry["min"]),
                fmt(ratio(entry["median"], ipyw), "x") if name != "baseline" else "",
                "",
                f"<={IMPORT_BUDGET}x" if is_pm else "",
                checks[0]["status"] if is_pm else "",
                "",
            )
        )
    floor = notebooks.get("floor", {}).get("median")
    by_name = {c["what"]: c for c in checks}
    for name, entry in notebooks.items():
        is_reference = name in REFERENCES
        rss = entry["peak_rss"]
        rows.append(
            (
                REFERENCES[name][0] if is_reference else f"notebook: {name}",
                fmt(entry["median"]),
                fmt(entry["min"]),
                fmt(ratio(entry["median"], floor), "x"),
                "" if name == "floor" else fmt(over_floor(entry["median"], floor), " s", 2),
                "" if is_reference else f"<=+{NOTEBOOK_MARGIN_S:g} s",
                "" if is_reference else by_name[name]["status"],
                fmt(rss / 2**20, " MiB", 0) if rss else "-",
            )
        )
    lines = text_table(rows)
    pm, ipyw_entry = imports["pm_course"], imports["floor"]
    lines += [
        "",
        "import time over the baseline (median of per-round differences): "
        f"pm_course {fmt(pm['delta_median'])}, ipywidgets {fmt(ipyw_entry['delta_median'])}, "
        f"ratio {fmt(checks[0]['delta_ratio'], 'x')}. The budget uses whole commands.",
        "in a fresh interpreter, import pm_course loads "
        + ", ".join(f"{m}: {'YES' if yes else 'no'}" for m, yes in modules["loaded"].items())
        + f" (from {modules['file']})",
    ]
    for name, entry in notebooks.items():
        if entry["error"]:
            lines.append(f"{name}: {entry['error']}")
    for check in checks:
        if check["status"] == "FLAG":
            lines.append(
                f"FLAG {check['what']}: Run All {fmt(check['over_floor'], ' s', 2)} over the "
                f"floor notebook (budget {NOTEBOOK_MARGIN_S:g} s; the reference row shows what "
                "loading the widget and chart libraries alone costs)"
            )
    return "\n".join(lines)


def load_note() -> str:
    """A warning when other work is loading the CPUs (the 1-minute load average), else ""."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return ""
    cpus = os.cpu_count() or 1
    if load <= cpus / 2:
        return ""
    return f"NOTE: load average {load:.1f} on {cpus} CPUs: other work is running, times are noisy."


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", metavar="PATH", help="notebooks or folders")
    parser.add_argument("--repeat", type=int, default=5, help="runs per notebook (default 5)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget fails")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (300)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str]) -> int:
    """Measure, print the table, write JSON if asked; return the exit status."""
    args = parse_args(argv)
    missing = [a for a in args.paths if not Path(a).exists()]
    if missing:
        print(f"no such notebook or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    paths = notebook_paths(args.paths)
    import_runs = max(MIN_IMPORT_RUNS, 3 * args.repeat)
    print(
        f"timing imports ({import_runs} alternated runs each) and {len(paths)} notebook(s) "
        f"plus 2 reference notebooks ({args.repeat} alternated runs each, after a warm-up)...",
        flush=True,
    )
    notes = [load_note()]
    imports = bench_imports(import_runs)
    modules = loaded_modules()
    notebooks = bench_notebooks(paths, args.repeat, args.timeout)
    checks = verdicts(imports, notebooks)
    notes.append(load_note())
    print(table(imports, modules, notebooks, checks))
    if any(notes):
        print(next(n for n in reversed(notes) if n))
    failed = any(c["status"] in ("FAIL", "ERROR") for c in checks)
    if args.json:
        report = {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "repeat": args.repeat,
            "import_runs": import_runs,
            "imports": imports,
            "pm_course_import": modules,
            "notebooks": notebooks,
            "budgets": checks,
            "failed": failed,
            "notes": [n for n in notes if n],
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
