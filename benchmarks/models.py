"""How long the live models take to compute and draw, against the floor, in one run.

Steps:
1. the floor: a trivial numpy operation and an empty matplotlib figure saved to PNG;
2. each model's computation at the notebook's default size (fresh caches each repeat);
3. print a table of medians with the ratio to the floor, and PASS/FLAG against the issue's
   budget of "well under a second" (0.5 s) per model update.

Usage: python benchmarks/models.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

BUDGET = 0.5  # seconds per model update: feels live


def timed(call: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``call`` over ``repeat`` runs, after one warm-up."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_numpy() -> None:
    """A trivial numpy operation: the least any model costs."""
    import numpy as np

    np.arange(1000).sum()


def floor_figure() -> None:
    """An empty figure saved to PNG: the least any chart costs."""
    from pm_course.ui.charts import figure_png

    figure_png(lambda ax: None)


def cases() -> dict[str, Callable[[], object]]:
    """The models' heavy calls, as the notebooks make them."""
    from pm_course.course.summary import section_progress
    from pm_course.models.ab_test import model as ab_test
    from pm_course.models.bets import model as bets
    from pm_course.models.life_cycle import model as life_cycle
    from pm_course.ui.charts import progress_chart

    def peeking() -> object:
        ab_test._peeking_curve.cache_clear()
        return ab_test.peeking_rates(20, seed=8)

    rows = section_progress(_memory_store())
    return {
        "A/B test: 2,000 simulated experiments": lambda: ab_test.simulate(0.10, 0.01, 14_128),
        "peeking: 1 to 20 looks": peeking,
        "small bets: default portfolio": lambda: bets.simulate(),
        "Bass curve: 30 years": lambda: life_cycle.simulate(0.03, 0.38, 1_000_000, 30),
        "progress chart: 9 sections": lambda: progress_chart(rows),
    }


def _memory_store():
    """A throwaway store in a temporary folder."""
    import tempfile

    from pm_course.course.store import Store

    return Store(tempfile.mkdtemp(prefix="pm-course-bench-"))


def main(argv: list[str]) -> int:
    """Measure and print the table; always exits 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    floors = {"floor: numpy operation": floor_numpy, "floor: empty figure to PNG": floor_figure}
    results = {name: timed(call, args.repeat) for name, call in floors.items()}
    base = results["floor: empty figure to PNG"]
    for name, call in cases().items():
        results[name] = timed(call, args.repeat)
    width = max(map(len, results))
    print(f"{'what':<{width}}  median   vs figure  budget {BUDGET}s")
    for name, seconds in results.items():
        status = "" if name.startswith("floor") else ("PASS" if seconds <= BUDGET else "FLAG")
        print(f"{name:<{width}}  {seconds:6.3f}s  {seconds / base:7.1f}x  {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
