"""Time the class report on a generated class against the floor of reading its files.

Steps:
1. generate N learners' files (default 300, seeded) in a temporary folder with make_class.py;
2. time, alternated round by round, the floor (read every file's bytes and ``json.loads``
   them) and the report (:func:`pm_course.classroom.report.class_report` plus ``report_text``);
3. print the medians, the ratio, and the verdict against the budget (report under 2 s).

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


def floor(folder: Path) -> int:
    """Read and decode every file: what no report can beat."""
    return sum(len(json.loads(p.read_bytes())) for p in sorted(folder.glob("*.json")))


def report(folder: Path) -> int:
    """Load, check and sum up the folder, and render the text report."""
    return len(report_text(class_report(folder)))


def main(argv: list[str] | None = None) -> int:
    """Generate the class, time floor and report, print the verdict; 1 if over budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    course()  # the content is loaded once per process, as in a kernel
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_class.main([str(args.n), str(folder)])
        size = sum(p.stat().st_size for p in folder.glob("*.json"))
        times: dict[str, list[float]] = {"floor": [], "report": []}
        for _ in range(args.repeat):
            for name, func in (("floor", floor), ("report", report)):
                start = time.perf_counter()
                func(folder)
                times[name].append(time.perf_counter() - start)
    f, r = statistics.median(times["floor"]), statistics.median(times["report"])
    print(f"{args.n} files, {size / 1e6:.1f} MB, median of {args.repeat}:")
    print(f"  floor (read + json.loads)   {f:.3f} s")
    print(f"  load + report               {r:.3f} s   ({r / f:.1f}x the floor)")
    verdict = "ok" if r < BUDGET_S else "OVER BUDGET"
    print(f"  budget {BUDGET_S:.1f} s: {verdict}")
    return 0 if r < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
