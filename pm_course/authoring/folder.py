"""The course folder the build tools read: ``notebooks/`` and ``facilitator/`` side by side.

The tools never guess it from where the package is installed (a wheel has no notebooks):
they take it as an argument, by default the current folder, and say plainly when it is not
a course folder.
"""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS = "notebooks"
NOTES = "facilitator"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
NOTES_GLOB = "[0-9][0-9]_*.md"
HINT = "run it from the course folder, or pass --course DIR (course_dir in Python)"


def course_root(course_dir: Path | str | None = None) -> Path:
    """The course folder as an absolute path: ``course_dir``, or the current folder if None."""
    return Path.cwd() if course_dir is None else Path(course_dir).absolute()


def notebook_paths(course_dir: Path | str | None, error: type[Exception]) -> list[Path]:
    """The section notebooks ``notebooks/NN_*.ipynb``, sorted; ``error`` when there are none."""
    root = course_root(course_dir)
    found = sorted((root / NOTEBOOKS).glob(NOTEBOOK_GLOB))
    if not found:
        raise error(f"{root} is not a course folder: it has no {NOTEBOOKS}/NN_*.ipynb; {HINT}")
    return found


def notes_dir(course_dir: Path | str | None, error: type[Exception]) -> Path:
    """The facilitator notes folder ``facilitator/``; ``error`` when it holds no ``NN_*.md``."""
    root = course_root(course_dir)
    folder = root / NOTES
    if not any(folder.glob(NOTES_GLOB)):
        raise error(
            f"{root} has no facilitator notes ({NOTES}/NN_*.md beside {NOTEBOOKS}/); {HINT}"
        )
    return folder
