"""pm_course: the helper package of the course "What is product management?".

Notebook cells call its entries; each returns an object that shows itself as a live widget in
JupyterLab and as text everywhere else::

    import pm_course
    pm_course.question("wipm-definition")
    pm_course.quiz("01")
    pm_course.progress()

The entries are listed once, in ``__init__.pyi`` beside this file (which type checkers read
too), and each loads on first use (PEP 562), so ``import pm_course`` is light: ipywidgets and
matplotlib load only when a widget is built.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

__version__ = "0.1.0"

_STUB = Path(__file__).with_suffix(".pyi")


def _entry_table() -> dict[str, tuple[str, str]]:
    """The entry table from the stub: public name -> (module, attribute).

    Each line reads ``from .<module> import <attribute> as <name>``; other lines are skipped.
    """
    table: dict[str, tuple[str, str]] = {}
    for line in _STUB.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) == 6 and words[0] == "from" and words[2] == "import" and words[4] == "as":
            table[words[5]] = (f"{__name__}{words[1]}", words[3])
    return table


ENTRIES = _entry_table()
__all__ = sorted(ENTRIES)


def __getattr__(name: str) -> object:
    """Load an entry the first time a notebook asks for it."""
    if name not in ENTRIES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = ENTRIES[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def _share_live(store: object) -> None:
    """Keep this learner's live results file current, if they chose to share it."""
    from .classroom.sharing import attach

    attach(store)  # type: ignore[arg-type]


if os.environ.get("PM_COURSE_CLASS_DIR", "").strip():  # the instructor set a class folder
    from .course.store import ON_OPEN

    ON_OPEN.append(_share_live)


def __dir__() -> list[str]:
    return sorted([*globals(), *ENTRIES])
