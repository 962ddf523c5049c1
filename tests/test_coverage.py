"""Every paragraph of the source page is taught: docs/coverage.toml maps it to notebooks and
questions, and this test holds the map to the notebooks as they are."""

import os
import re
import sys
from pathlib import Path

import nbformat
import pytest

from pm_course.course import content
from pm_course.course.content import tomllib

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = tomllib.loads((ROOT / "docs" / "coverage.toml").read_text(encoding="utf-8"))
PARAGRAPHS = COVERAGE["paragraph"]

sys.path.insert(0, str(Path(__file__).parent))
from test_notebooks import used_questions  # noqa: E402


def notebook(slug):
    return nbformat.read(ROOT / "notebooks" / f"{slug}.ipynb", as_version=4)


def prose(nb) -> str:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


@pytest.mark.parametrize("para", PARAGRAPHS, ids=lambda p: p["opens"][:40])
def test_paragraph_is_taught(para):
    assert para["notebooks"], "each paragraph is taught in at least one notebook"
    books = [notebook(slug) for slug in para["notebooks"]]
    text = " ".join(prose(nb) for nb in books)
    missing = [k for k in para["keywords"] if k.lower() not in text]
    assert not missing, f"the notebooks never mention {missing}"
    shown = set().union(*(used_questions(nb) for nb in books))
    for qid in para["questions"]:
        content.question(qid)  # exists
        assert qid in shown, f"{qid} is not shown in {para['notebooks']}"


IMPLIED = COVERAGE.get("implied", [])


def sources(nb) -> str:
    """The text of a notebook's Sources part."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return text.split("## Sources", 1)[1] if "## Sources" in text else ""


def test_the_charity_context_the_page_implies_is_listed():
    assert len(IMPLIED) >= 5, "docs/coverage.toml lists the charity context the page implies"


@pytest.mark.parametrize("entry", IMPLIED, ids=lambda e: e["topic"][:40])
def test_implied_context_is_taught_with_a_question_and_cited(entry):
    books = [notebook(slug) for slug in entry["notebooks"]]
    text = " ".join(prose(nb) for nb in books)
    missing = [k for k in entry["keywords"] if k.lower().replace("’", "'") not in text]
    assert not missing, f"the notebooks never mention {missing}"
    shown = set().union(*(used_questions(nb) for nb in books))
    assert entry["questions"], "each topic comes with a question"
    for qid in entry["questions"]:
        content.question(qid)  # exists
        assert qid in shown, f"{qid} is not shown in {entry['notebooks']}"
    cited = " ".join(sources(nb) for nb in books)
    uncited = [s for s in entry["sources"] if s not in cited]
    assert not uncited, f"the Sources of {entry['notebooks']} never cite {uncited}"


def test_every_section_is_mapped():
    mapped = {slug for p in PARAGRAPHS for slug in p["notebooks"]}
    sections = {s.slug for s in content.course()} - {"00_start_here"}
    assert sections <= mapped, f"sections no paragraph leads to: {sections - mapped}"


@pytest.mark.skipif(
    not os.environ.get("PM_COURSE_SOURCE_PAGE"),
    reason="set PM_COURSE_SOURCE_PAGE to a text copy of the source page",
)
def test_every_paragraph_of_the_page_is_listed():
    page = Path(os.environ["PM_COURSE_SOURCE_PAGE"]).read_text(encoding="utf-8")
    page = page.replace("’", "'").replace("“", '"').replace("”", '"')
    headings = {
        "What is Product Management?",
        "The role of product management",
        "Top tips to remember as a product manager",
        "Last updated",
    }
    paragraphs = [p.strip().strip("'\"") for p in page.split("\n\n") if p.strip()]
    unlisted = [
        p[:60]
        for p in paragraphs
        if p not in headings and not any(p.startswith(entry["opens"]) for entry in PARAGRAPHS)
    ]
    assert not unlisted
