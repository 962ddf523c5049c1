"""The README tells the truth: its section list matches the course, its commands exist."""

import re
from pathlib import Path

from pm_course.course import content

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_section_table_matches_the_content():
    rows = re.findall(
        r"^\| (\d\d) \| \[(.+?)\]\((notebooks/.+?\.ipynb)\) \| (\d+) \|$", README, re.M
    )
    expected = [
        (s.number, s.title, f"notebooks/{s.slug}.ipynb", str(s.minutes)) for s in content.course()
    ]
    assert rows == expected


def test_quick_start_is_two_make_commands():
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make lab", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "test-unit", "test-notebooks", "test-browser", "lint", "bench"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_layout_names_folders_that_exist():
    block = README.split("## Layout", 1)[1].split("```", 2)[1]
    names = re.findall(r"^\s*([\w./<>_-]+/)", block, re.M)
    assert len(names) >= 10
    parent = ROOT
    for line in block.splitlines():
        match = re.match(r"^(\s*)([\w._-]+)/", line)
        if not match:
            continue
        folder = (ROOT if not match.group(1) else parent) / match.group(2)
        assert folder.is_dir(), (
            f"README's layout names {folder.relative_to(ROOT)}, which is missing"
        )
        if not match.group(1):
            parent = folder


def test_accessibility_statement_is_linked_and_has_the_public_sector_parts():
    assert "](docs/accessibility.md)" in README
    statement = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", statement, re.M)
    for part in (
        "How accessible this course is",
        "Reporting accessibility problems with this course",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert part in headings, part
    assert (
        "tests/test_browser_a11y.py" in statement and (ROOT / "tests/test_browser_a11y.py").exists()
    )
