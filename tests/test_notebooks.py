"""Every notebook follows the lesson anatomy, uses real question ids and is committed clean."""

import ast
import json
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from pm_course.course import content

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ALL_NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
ANATOMY = [
    "Overview",
    "Learning objectives",
    "Prerequisites",
    "Time to learn",
    "Setup",
    "Check your understanding",
    "Reflection",
    "Key points",
    "What next",
    "Sources",
]
TIMING = re.compile(r"^\*About (\d+) minutes? · time to here: (\d+) minutes?\*$", re.M)

sys.path.insert(0, str(ROOT / "tools"))
import notebooks as nbtool  # noqa: E402


def read(path):
    return nbformat.read(path, as_version=4)


def h2(nb):
    return [
        m.group(1).strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for m in re.finditer(r"^## (.+)$", c.source, re.M)
    ]


def used_questions(nb) -> set[str]:
    """Question ids a notebook shows, read from its pm_course.question / quiz calls."""
    ids = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            if node.func.attr == "question":
                ids.add(args[0])
            elif node.func.attr == "quiz":
                chosen = kwargs.get("ids") or (args[1] if len(args) > 1 else None)
                ids |= set(chosen or [q.id for q in content.section(args[0]).questions])
    return ids


def test_there_are_notebooks_with_content_files():
    assert NOTEBOOKS
    slugs = {s.slug for s in content.course()}
    assert {p.stem for p in NOTEBOOKS} == slugs


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, ROOT / "notebooks/_template.ipynb"], ids=lambda p: p.name
)
def test_lesson_anatomy(path):
    nb = read(path)
    headings = h2(nb)
    assert nb.cells[0].source.startswith("# "), "the first cell is the title"
    present = [h for h in headings if h in ANATOMY]
    assert present == ANATOMY, f"missing or out of order: {set(ANATOMY) - set(present)}"
    numbered = [h for h in headings if re.match(r"\d+\. ", h)]
    assert numbered, "at least one numbered teaching section"
    setup = headings.index("Setup")
    check = headings.index("Check your understanding")
    assert all(setup < headings.index(h) < check for h in numbered)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_the_setup_cell_says_what_to_do_when_controls_break(path):
    """Right under ``import pm_course``: after a reload or a restart, run the cells again."""
    nb = read(path)
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert nb.cells[setup].source.strip() == "import pm_course", "the first code cell is setup"
    after = nb.cells[setup + 1]
    assert after.cell_type == "markdown", "a line of help right under the setup cell"
    for words in ("reload", "restart", "Shift+Enter", "Kernel > Restart Kernel and Run All Cells"):
        assert words in after.source, f"the help under the setup cell names {words!r}"
    assert not after.source.lstrip().startswith("#"), "a note, not a heading"
    assert after.get("id") == "after-setup-help", "the id the slide decks leave out"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_times_add_up(path):
    nb = read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    timings = [(int(a), int(b)) for a, b in TIMING.findall(text)]
    assert len(timings) >= len([h for h in h2(nb) if re.match(r"\d+\. ", h)])
    total = 0
    for minutes, to_here in timings:
        total += minutes
        assert to_here == total, f"'time to here' should be {total}, says {to_here}"
    declared = re.search(r"About \*\*(\d+) minutes\*\*", text)
    assert declared, "Time to learn says 'About **N minutes**'"
    section = content.section(path.stem)
    assert int(declared.group(1)) == section.minutes == total


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_question_ids_exist(path):
    known = {q.id for s in content.course() for q in s.questions}
    missing = used_questions(read(path)) - known
    assert not missing


def test_every_question_is_used_by_a_notebook():
    used = set().union(*(used_questions(read(p)) for p in NOTEBOOKS))
    unused = {q.id for s in content.course() for q in s.questions} - used
    assert not unused


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_committed_clean(path):
    nb = read(path)
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata
    assert nbformat.writes(nbtool.normalise(nb)) == nbformat.writes(nb), (
        "run: python tools/notebooks.py strip (or make notebooks)"
    )
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.outputs:
            assert "keep_output" in cell.metadata.get("tags", [])
            for out in cell.outputs:
                assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


def test_the_language_metadata_is_what_the_kernel_reports():
    """JupyterLab copies the kernel's language_info into a notebook when the kernel starts: a
    notebook committed with anything else opens marked as changed ("Save your work?")."""
    from ipykernel.ipkernel import IPythonKernel

    reported = dict(IPythonKernel.language_info)
    assert reported.pop("version") == platform.python_version()
    assert reported == nbtool.LANGUAGE_INFO
    versions = {read(p).metadata.language_info.version for p in ALL_NOTEBOOKS}
    assert len(versions) == 1, f"run every notebook with one Python (make notebooks): {versions}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_thin_cells_and_prose_first(path):
    nb = read(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert 1 <= len(lines) <= 3, f"cell {i} has {len(lines)} lines"
        assert not any(ln.lstrip().startswith("#") for ln in lines), f"cell {i}: no comments"
        assert "import *" not in cell.source and "globals()" not in cell.source
        assert nb.cells[i - 1].cell_type == "markdown", f"cell {i} has no prose before it"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_images_have_alt_text(path):
    nb = read(path)
    for cell in nb.cells:
        text = cell.source + json.dumps(cell.get("outputs", []))
        assert not re.search(r"!\[\s*\]\(", text), "a Markdown image without alt text"
        for tag in re.findall(r"<img\b[^>]*>", text):
            assert re.search(r"alt=\\?['\"][^'\"]+", tag), tag[:80]


@pytest.mark.slow
def test_nbval_compares_stored_outputs(tmp_path):
    """Tampering with one stored output makes nbval fail; the untouched copy passes."""
    source = ROOT / "notebooks" / "00_start_here.ipynb"
    nb = read(source)
    kept = [c for c in nb.cells if c.cell_type == "code" and c.outputs]
    assert kept, "00_start_here stores outputs for nbval to compare"
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    shutil.copy(source, good)
    data = kept[0].outputs[0]["data"]
    data["text/plain"] = data["text/plain"].replace("Section", "Sectoin", 1)
    nbformat.write(nb, bad)

    def nbval(path):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--nbval",
                "-q",
                "-p",
                "no:cacheprovider",
                "-o",
                "addopts=",
                "-o",
                "testpaths=",
                str(path),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert nbval(good).returncode == 0
    result = nbval(bad)
    assert result.returncode != 0
    assert "Sectoin" in result.stdout


#: The page's two key quotations, whole, as their sources give them (pm-facts, section 19):
#: notebook -> (sentences that must stand in one block quote, the attribution's name).
QUOTATIONS = {
    "01_what_is_product_management": (
        (
            "Product Management is the development of something which delivers value to your "
            "organisation, by meeting the needs of your users. This value is realised through "
            "ongoing iteration and should consider the entire end to end journey of this value "
            "exchange.",
        ),
        "James Gadsby Peet",
    ),
    "06_conways_law": (
        (
            "The basic thesis of this article is that organizations which design systems (in the "
            "broad sense used here) are constrained to produce designs which are copies of the "
            "communication structures of these organizations.",
            "The larger an organization is, the less flexibility it has and the more pronounced "
            "is the phenomenon.",
        ),
        "Melvin E. Conway",
    ),
}


@pytest.mark.parametrize("slug", QUOTATIONS)
def test_the_pages_key_quotations_are_shown_whole_and_attributed(slug):
    sentences, name = QUOTATIONS[slug]
    text = "\n".join(c.source for c in read(ROOT / "notebooks" / f"{slug}.ipynb").cells)
    quoted = " ".join(
        line[1:].strip() for line in text.splitlines() if line.startswith(">")
    )  # every block-quote line, joined
    for sentence in sentences:
        assert sentence in quoted, f"not shown whole in a block quote: {sentence[:50]}..."
    assert re.search(rf"^> — .*{name}", text, re.M), f"no attribution line naming {name}"
