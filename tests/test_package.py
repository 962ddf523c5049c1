"""Package-wide promises: a light import, grading apart from widgets, no answers in notebooks."""

import json
import subprocess
import sys
from pathlib import Path

from pm_course.course import content

ROOT = Path(__file__).resolve().parents[1]


def loaded_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    listing = "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    probe = f"{code}\nimport sys, json\n{listing}"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_is_light():
    loaded = loaded_after("import pm_course")
    assert not loaded & {"matplotlib", "numpy", "ipywidgets", "IPython", "nbformat"}


def test_grading_and_store_never_import_widgets():
    code = (
        "from pm_course.course import content, grading, store, summary, numbers\n"
        "q = content.course()[0].questions[0]\n"
        "grading.grade(q, grading.right_answer(q))"
    )
    assert not loaded_after(code) & {"ipywidgets", "matplotlib", "IPython"}


def test_no_notebook_contains_an_answer_key():
    secrets = set()
    for section in content.course():
        for q in section.questions:
            secrets.add(q.explanation)
            secrets |= {o.feedback for o in q.options}
            secrets |= {it.feedback for it in q.items}
            secrets |= set(q.feedback.values())
    for path in (ROOT / "notebooks").rglob("*.ipynb"):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        leaked = [s for s in secrets if json.dumps(s, ensure_ascii=False)[1:-1] in text]
        assert not leaked, f"{path.name} contains answer text: {leaked[0][:60]}"
