"""The checklists of ARCHITECTURE.md, held as tests: what a new section or model needs."""

import ast
import re
from pathlib import Path

import pytest

import pm_course
from pm_course.course import content
from pm_course.course.content import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pm_course"
SECTIONS = [s.slug for s in content.course()]
MODELS = sorted(p.name for p in (PACKAGE / "models").iterdir() if (p / "__init__.py").exists())


def test_the_checklists_name_every_kind_of_thing():
    guide = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for heading in ("Add a question", "Add a section", "Add a model", "Add a class-report metric"):
        assert f"### {heading}" in guide


def test_the_section_checklist_names_the_note_under_the_setup_cell():
    guide = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    checklist = guide.split("### Add a section")[1].split("###")[0]
    assert "under the setup cell" in checklist and "run the cells again" in checklist


@pytest.mark.parametrize("slug", SECTIONS)
def test_every_section_has_its_notebook_content_and_facilitator_notes(slug):
    assert (ROOT / "notebooks" / f"{slug}.ipynb").is_file(), "no notebook"
    assert (PACKAGE / "course" / "content" / f"{slug}.toml").is_file(), "no content file"
    assert (ROOT / "facilitator" / f"{slug}.md").is_file(), "no facilitator notes"


@pytest.mark.parametrize("slug", [s for s in SECTIONS if s != "00_start_here"])
def test_every_teaching_section_has_a_coverage_entry(slug):
    coverage = tomllib.loads((ROOT / "docs" / "coverage.toml").read_text(encoding="utf-8"))
    assert any(slug in p["notebooks"] for p in coverage["paragraph"]), (
        f"docs/coverage.toml names no paragraph of the page that {slug} teaches"
    )


def test_every_notebook_has_a_section():
    books = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert books == set(SECTIONS)


@pytest.mark.parametrize("name", MODELS)
def test_every_model_has_a_pure_model_a_view_and_tests(name):
    folder = PACKAGE / "models" / name
    assert (folder / "model.py").is_file()
    assert (folder / "view.py").is_file()
    assert (ROOT / "tests" / f"test_models_{name}.py").is_file()


@pytest.mark.parametrize("name", MODELS)
def test_every_model_is_an_entry_a_notebook_calls(name):
    entries = [e for e, (module, _) in pm_course.ENTRIES.items() if f".models.{name}." in module]
    assert entries, f"no entry in pm_course/__init__.pyi shows the {name} model"
    cells = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks").glob("*.ipynb"))
    for entry in entries:
        assert re.search(rf"pm_course\.{entry}\(", cells), f"no notebook calls {entry}()"


def view_classes(path: Path) -> list[ast.ClassDef]:
    """The public classes named ...View in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.endswith("View")]


@pytest.mark.parametrize("name", MODELS)
def test_every_model_view_is_built_on_the_base(name):
    from pm_course.ui.model_view import ModelView

    module = __import__(f"pm_course.models.{name}.view", fromlist=["*"])
    classes = [getattr(module, c.name) for c in view_classes(PACKAGE / "models" / name / "view.py")]
    assert classes
    for cls in classes:
        assert issubclass(cls, ModelView), f"{cls.__name__} is not built on ModelView"
