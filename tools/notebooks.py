"""Keep the course notebooks in their committed form: the outputs nbval compares, nothing else.

A code cell tagged ``keep_output`` keeps its outputs (minus widget views and images, which
nbval does not compare and which would bloat the file) and an execution count, so nbval
compares them. Every other cell is committed with no outputs and no count: nbval runs it
and fails only on an error. Notebook metadata is reduced to the kernel, the language and
the course's own ``pm_course`` entry, written exactly as JupyterLab writes them when the
kernel starts: anything else (even ``{"name": "python"}`` for the language) makes every
notebook open marked as changed, and closing it untouched asks "Save your work?".

Steps of ``refresh``:
1. run each notebook on a fresh kernel, with the progress store in a temporary folder;
2. keep the outputs of ``keep_output`` cells, number those cells 1, 2, ...;
3. strip everything else and write the notebook back.

Usage:
    python tools/notebooks.py refresh [PATH ...]   run and store the compared outputs
    python tools/notebooks.py strip [PATH ...]     normalise without running
    python tools/notebooks.py check [PATH ...]     exit 1 if any notebook is not normalised
PATH is a notebook or a folder (default: notebooks/).
"""

from __future__ import annotations

import copy
import platform
import re
import sys
from pathlib import Path

import nbformat

from pm_course.authoring.execute import run_notebook

KEEP_TAG = "keep_output"
DROP_MIMETYPES = (
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
    "image/svg+xml",
)
KEPT_METADATA = ("kernelspec", "language_info", "pm_course")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: What an IPython kernel reports as its language (ipykernel's ``IPythonKernel.language_info``)
#: and JupyterLab copies into the notebook, all of it and only it, when the kernel starts.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
VERSION = re.compile(r"3\.\d+\.\d+")


def language_info(nb: nbformat.NotebookNode) -> dict:
    """The language metadata a kernel writes: ipykernel's fields and the Python version. The
    version is the one the notebook was last run with (``refresh`` stores the kernel's), else
    this Python's. A notebook opens unchanged for a learner whose kernel runs that version."""
    version = nb.metadata.get("language_info", {}).get("version", "")
    if not VERSION.fullmatch(str(version)):
        version = platform.python_version()
    return {**LANGUAGE_INFO, "version": version}


def notebook_paths(args: list[str]) -> list[Path]:
    """The notebooks named, or found below the folders named (skipping checkpoints)."""
    paths = []
    for arg in args or ["notebooks"]:
        p = Path(arg)
        found = sorted(p.rglob("*.ipynb")) if p.is_dir() else [p]
        paths += [f for f in found if ".ipynb_checkpoints" not in f.parts]
    return paths


def keeps_output(cell) -> bool:
    """True for a code cell whose outputs are committed and compared by nbval."""
    return KEEP_TAG in cell.get("metadata", {}).get("tags", [])


def _clean_output(output: dict) -> dict | None:
    output = copy.deepcopy(output)
    if "data" in output:
        for mimetype in DROP_MIMETYPES:
            output["data"].pop(mimetype, None)
        if not output["data"]:
            return None
        output["metadata"] = {}
    if "execution_count" in output:
        output["execution_count"] = None
    return output


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The committed form of a notebook (a copy; the input is not changed)."""
    nb = copy.deepcopy(nb)
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEPT_METADATA}
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = language_info(nb)
    count = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        cell["metadata"] = {"tags": tags} if tags else {}
        if cell.cell_type != "markdown":
            cell.pop("attachments", None)
        if cell.cell_type != "code":
            continue
        if keeps_output(cell) and cell.get("outputs"):
            count += 1
            cleaned = (_clean_output(o) for o in cell.outputs)
            cell["outputs"] = [o for o in cleaned if o is not None]
            for o in cell.outputs:
                if "execution_count" in o:
                    o["execution_count"] = count
            cell["execution_count"] = count
        else:
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook the way Jupyter does (one-space indent, trailing newline)."""
    nbformat.validate(nb)
    text = nbformat.writes(nb) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Run the command named in argv; return the exit status."""
    if not argv or argv[0] not in ("refresh", "strip", "check"):
        print(__doc__)
        return 2
    command, paths = argv[0], notebook_paths(argv[1:])
    bad = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if command == "check":
            if nbformat.writes(normalise(nb)) != nbformat.writes(nb):
                bad.append(path)
            continue
        if command == "refresh":
            print(f"running {path}", flush=True)
            nb = run_notebook(nb, path)
        write(normalise(nb), path)
    if bad:
        print("Not in committed form (run: python tools/notebooks.py strip, or make notebooks):")
        print("\n".join(f"  {p}" for p in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
