"""Time the class report on generated classes against the floor of reading their files.

Steps:
1. generate a workshop's class (40 learners) and a big one (default 300), seeded, in temporary
   folders with make_class.py;
2. time, alternated round by round, the floor (read every file's bytes and ``json.loads``
   them) and the report (:func:`pm_course.classroom.report.class_report`, item analysis
   included, plus ``report_text``); for the workshop's class also the notebook's HTML with its
   three charts (:func:`pm_course.classroom.report_page.report_html`);
3. print the medians, the ratio, and the verdict against the budgets: a workshop's class loads
   in under 0.5 s, the big one in under 2 s.

Usage:
    python benchmarks/class_report.py [N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import make_class

from pm_course.classroom.report import class_report, report_text
from pm_course.course.content import course

BUDGET_S = 2.0
WORKSHOP = 40
WORKSHOP_BUDGET_S = 0.5


def floor(folder: Path) -> int:
    """Read and decode every file: what no report can beat."""
    return sum(len(json.loads(p.read_bytes())) for p in sorted(folder.glob("*.json")))


def report(folder: Path) -> int:
    """Load, check and sum up the folder, and render the text report."""
    return len(report_text(class_report(folder)))


def html(folder: Path) -> int:
    """Load the folder and draw the notebook's report: tables and the three charts (drawn
    afresh: the view keeps charts it has drawn, which would make every round after the first
    free)."""
    from pm_course.classroom import report_page

    report_page._percent_bars.cache_clear()
    report_page._items_png.cache_clear()
    return len(report_page.report_html(class_report(folder)))


def timed(n: int, repeat: int, funcs: dict) -> tuple[dict[str, float], float]:
    """Median seconds of each function on a generated class of ``n``, and its size in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_class.main([str(n), str(folder)])
        size = sum(p.stat().st_size for p in folder.glob("*.json")) / 1e6
        times: dict[str, list[float]] = {name: [] for name in funcs}
        for _ in range(repeat):
            for name, func in funcs.items():
                start = time.perf_counter()
                func(folder)
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, size


def main(argv: list[str] | None = None) -> int:
    """Generate the classes, time floor and report, print the verdicts; 1 if over budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    course()  # the content is loaded once per process, as in a kernel
    html(Path(tempfile.gettempdir()) / "pm-course-no-such-folder")  # matplotlib loaded once
    ok = True
    for n, budget, funcs in (
        (WORKSHOP, WORKSHOP_BUDGET_S, {"floor": floor, "report": report, "html": html}),
        (args.n, BUDGET_S, {"floor": floor, "report": report}),
    ):
        t, size = timed(n, args.repeat, funcs)
        f, r = t["floor"], t["report"]
        print(f"{n} files, {size:.1f} MB, median of {args.repeat}:")
        print(f"  floor (read + json.loads)        {f:.3f} s")
        print(f"  load + report + item analysis    {r:.3f} s   ({r / f:.1f}x the floor)")
        if "html" in t:
            print(f"  the notebook's HTML, 3 charts    {t['html']:.3f} s")
        verdict = "ok" if r < budget else "OVER BUDGET"
        print(f"  budget {budget:.1f} s: {verdict}")
        ok = ok and r < budget
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
