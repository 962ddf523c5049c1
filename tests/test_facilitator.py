"""The facilitator edition: notes inserted into copies, never into the learner notebooks."""

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pm_course.authoring.facilitator import (
    MARKER,
    TAG,
    FacilitatorError,
    _escape,
    build,
    facilitator_notebook,
    is_facilitator_cell,
    right_answer,
)
from pm_course.cli import main
from pm_course.course import content

ROOT = Path(__file__).resolve().parents[1]
LEARNER = [
    p for p in sorted((ROOT / "notebooks").rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts
]
NOTES = sorted((ROOT / "facilitator").glob("*.md"))
NBVAL_OPTIONS = ("-p", "no:cacheprovider", "-o", "addopts=", "-o", "testpaths=")
REQUIRED = ("Discussion prompts", "When the room is ahead", "When the room is behind", "Reflection")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in LEARNER}
    out = tmp_path_factory.mktemp("facilitator")
    written, skipped = build(out, ROOT)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in LEARNER}
    assert before == after, "building must not change the learner notebooks"
    return out, written, skipped


def test_every_notes_file_has_a_notebook_and_the_needed_parts():
    assert NOTES
    slugs = {s.slug for s in content.course()}
    for path in NOTES:
        assert path.stem in slugs and (ROOT / "notebooks" / f"{path.stem}.ipynb").exists()
        notes = path.read_text(encoding="utf-8")
        for heading in REQUIRED:
            assert re.search(rf"^## {heading}$", notes, re.M), f"{path.name}: ## {heading}"


def test_build_writes_one_edition_per_notes_file(built):
    out, written, skipped = built
    assert [p.name for p in written] == [f"{p.stem}.ipynb" for p in NOTES]
    assert all(p.parent == out for p in written)
    assert set(skipped).isdisjoint(p.stem for p in NOTES)


@pytest.mark.parametrize("notes", NOTES, ids=lambda p: p.stem)
def test_edition_holds_notes_timing_and_every_distractor(built, notes):
    out, _, _ = built
    learner = load(ROOT / "notebooks" / f"{notes.stem}.ipynb")
    edition = load(out / f"{notes.stem}.ipynb")
    extra = [c for c in edition["cells"] if is_facilitator_cell(c)]
    assert [c for c in edition["cells"] if not is_facilitator_cell(c)] == learner["cells"]
    assert is_facilitator_cell(edition["cells"][1]), "the notes follow the title"
    assert all(TAG in c["metadata"]["tags"] and text(c).startswith(MARKER) for c in extra)
    assert "| Part | Minutes | Done by |" in text(edition["cells"][1])
    assert len({c["id"] for c in edition["cells"]}) == len(edition["cells"])
    joined = "\n".join(text(c) for c in extra)
    for heading in re.findall(r"^## (\d+\. .+)$", notes.read_text(encoding="utf-8"), re.M):
        assert f"· {heading}" in joined
    for q in content.section(notes.stem).questions:
        assert f"*{q.id}*" in joined
        if q.graded:
            assert f"Right answer: **{_escape(right_answer(q))}**" in joined, q.id
        for option in q.options:
            if not option.correct and q.type != "poll":
                assert " ".join(option.feedback.split()).replace("|", "\\|") in joined


def test_a_rerun_amends_rather_than_duplicates(built):
    out, _, _ = built
    slug = NOTES[0].stem
    edition = load(out / f"{slug}.ipynb")
    again = facilitator_notebook(
        edition, NOTES[0].read_text(encoding="utf-8"), content.section(slug)
    )
    assert again == edition


def test_notes_for_a_part_that_does_not_exist_stop_the_build():
    nb = load(ROOT / "notebooks" / "00_start_here.ipynb")
    with pytest.raises(FacilitatorError, match=r"x.md: notes heading '## 9\. Nowhere'"):
        facilitator_notebook(nb, "## 9. Nowhere\n\ntext", content.section("00"), "x.md")


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.name)
def test_no_learner_notebook_contains_facilitator_text(path):
    nb = load(path)
    assert not any(is_facilitator_cell(c) for c in nb["cells"])
    body = "\n".join(text(c) for c in nb["cells"])
    assert "Facilitator notes" not in body and MARKER not in body
    for notes in NOTES:
        for line in notes.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            line = line.strip("- ").strip()
            if len(line) > 40:
                assert line not in body, f"{notes.name} text in {path.name}: {line[:60]}"


def test_cli_facilitator(tmp_path, capsys):
    assert main(["facilitator", "--out", str(tmp_path), "--course", str(ROOT)]) == 0
    assert str(tmp_path / "00_start_here.ipynb") in capsys.readouterr().out


def test_a_folder_without_notebooks_or_notes_says_so(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(FacilitatorError, match=r"has no notebooks/NN_\*\.ipynb; run it from"):
        build(out, tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_start_here.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(FacilitatorError, match=r"has no facilitator notes \(facilitator/NN_\*\.md"):
        build(out, tmp_path)
    (tmp_path / "facilitator").mkdir()
    (tmp_path / "facilitator" / "01_other.md").write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(FacilitatorError, match=r"no notes file in .* matches a notebook"):
        build(out, tmp_path)
    assert not out.exists(), "nothing is written when nothing can be built"


@pytest.mark.slow
def test_nbval_runs_the_facilitator_edition(built, tmp_path):
    """The built notebooks still pass nbval: the inserted cells change no compared output."""
    out, _, _ = built
    names = ["00_start_here.ipynb", "01_what_is_product_management.ipynb"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-q", *NBVAL_OPTIONS, *names],
        cwd=out,
        env={**os.environ, "PM_COURSE_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"\d+ passed", result.stdout)
