"""The contract every public entry keeps, checked once for all of ``pm_course.ENTRIES``.

Each entry is called as a notebook cell calls it, and:

- builds with a throwaway store, never touching the learner's own progress file;
- shows as text (text/plain, text/markdown, repr) the same way on two builds, with no widget
  id or memory address in it (what nbval compares);
- shows learner text and saved notes holding markup escaped, never as raw HTML;
- shows a fault (the store or a chart failing) as a message in the view, never a traceback;
- loads on first use: ``import pm_course`` stays light.

A model's own behaviour (its numbers, its controls, its words) is tested beside the model.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as W
import pytest

import pm_course
from pm_course.course import store as store_module

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CLASS = ROOT / "notebooks" / "instructor" / "sample-class"

#: The arguments a notebook passes, for the entries that need any.
ARGS: dict[str, tuple] = {
    "class_results": (str(SAMPLE_CLASS),),
    "question": ("wipm-reflection",),
    "quiz": ("01",),
    "section_feedback": ("01",),
}

#: Entries that are not widgets, and what they are instead.
NOT_WIDGETS = {
    "course_map": "a table that shows as Markdown and as text",
    "export_progress": "a function that writes the learner's records and returns the path",
}
WIDGETS = [name for name in pm_course.ENTRIES if name not in NOT_WIDGETS]
SHOWN = [name for name in pm_course.ENTRIES if name != "export_progress"]

#: What ``import pm_course`` must not load.
HEAVY = ("ipywidgets", "matplotlib", "numpy", "IPython", "traitlets", "nbformat")

#: A widget id, a memory address or a widget's repr: nothing nbval could compare twice.
UNSTABLE = re.compile(r"0x[0-9a-fA-F]{6,}| object at |IPY_MODEL_|[0-9a-f]{32}|Widget\(")

HOSTILE = "<script>alert(1)</script>"

#: Entries whose HTML shows what the learner typed, a saved note, or the class's own files:
#: markup must arrive there escaped (not dropped, which would make the check say nothing).
ECHOES = {
    "class_results",
    "export_results",
    "hypothesis_card",
    "inverse_conway",
    "key_phrases",
    "now_next_later",
    "rice_prioritiser",
    "share_results",
    "stakeholder_map",
    "strategy_kernel",
    "theory_of_change",
    "today_vs_future",
    "user_need_checker",
    "vanity_check",
    "vision_statement",
}

#: Entries with no control at all: there is no action to fail.
NOTHING_TO_ACT_ON = {"vista_chart": "a fixed chart of a published study"}

#: Entries whose actions touch neither the store nor a chart, and the function that fails
#: instead (module, attribute).
FAULT_POINTS = {"key_phrases": ("pm_course.activities.glossary.view", "search")}

#: Single cases that fail today: (test, entry) -> why. Each is a bug to fix; the case is an
#: expected failure until then, and fails loudly once fixed, to be taken out of this table.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def cases(test: str, names) -> list:
    """``names`` as parameters of ``test``, those in :data:`KNOWN_FAILURES` marked as strict
    expected failures."""
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[test, n]))
        if (test, n) in KNOWN_FAILURES
        else n
        for n in names
    ]


def build(name: str, tmp_path: Path | None = None):
    """Call the entry ``name`` as a notebook cell does."""
    entry = getattr(pm_course, name)
    if name == "export_progress":
        return entry(tmp_path / "my-progress.json")
    return entry(*ARGS.get(name, ()))


def tree(widget) -> Iterator[W.Widget]:
    """``widget`` and every widget inside it, in the order they are shown."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def html_values(widget) -> list[str]:
    """The HTML of every HTML widget in the tree."""
    return [w.value for w in tree(widget) if isinstance(w, W.HTML | W.HTMLMath)]


def text_forms(result) -> dict[str, str]:
    """What a notebook saves of ``result`` as text: text/plain, text/markdown, repr."""
    forms = {"repr": repr(result)}
    if isinstance(result, W.Widget):
        bundle = result._repr_mimebundle_()
        forms |= {k: bundle[k] for k in ("text/plain", "text/markdown") if k in bundle}
    elif hasattr(result, "_repr_markdown_"):
        forms["text/markdown"] = result._repr_markdown_()
    return forms


def with_markup(data):
    """``data`` with every string replaced by markup."""
    if isinstance(data, str):
        return HOSTILE
    if isinstance(data, list):
        return [with_markup(x) for x in data]
    if isinstance(data, dict):
        return {k: with_markup(v) for k, v in data.items()}
    return data


def act(widget) -> bool:
    """Do what a learner does with ``widget`` (press it, move it, pick another option, type in
    an empty box); False if there is nothing to do with it."""
    if getattr(widget, "disabled", False):
        return False
    if isinstance(widget, W.Button):
        widget.click()
    elif isinstance(widget, W.Text | W.Textarea):
        if widget.value.strip():
            return False  # text already there (a folder, a saved draft) is the learner's
        widget.value = "Ada's own words"
    elif isinstance(widget, W.Checkbox | W.ToggleButton):
        widget.value = not widget.value
    elif isinstance(widget, W.Dropdown | W.RadioButtons | W.ToggleButtons | W.Select):
        if len(widget.options) < 2:
            return False
        widget.index = ((widget.index or 0) + 1) % len(widget.options)
    elif isinstance(widget, W.IntSlider | W.FloatSlider | W.BoundedIntText | W.BoundedFloatText):
        up = widget.value + widget.step
        widget.value = up if up <= widget.max else widget.value - widget.step
    elif isinstance(widget, W.IntText | W.FloatText):
        widget.value += 1
    else:
        return False
    return True


# --- the entry table --------------------------------------------------------------------------


def test_every_from_line_of_the_stub_is_an_entry():
    stub = Path(pm_course.__file__).with_suffix(".pyi").read_text(encoding="utf-8")
    lines = [line for line in stub.splitlines() if line.startswith("from")]
    assert len(lines) == len(pm_course.ENTRIES), "a 'from' line of __init__.pyi was skipped"
    for line in lines:
        match = re.fullmatch(r"from (\.[\w.]+) import (\w+) as (\w+)", line)
        assert match, f"__init__.pyi: {line!r} is not 'from .<module> import <name> as <entry>'"
        module, attribute, name = match.groups()
        assert pm_course.ENTRIES[name] == (f"pm_course{module}", attribute), line
    assert pm_course.__all__ == sorted(pm_course.ENTRIES)


@pytest.mark.parametrize("name", cases("entry", pm_course.ENTRIES))
def test_every_entry_resolves_has_a_docstring_and_is_listed(name):
    module, attribute = pm_course.ENTRIES[name]
    entry = getattr(pm_course, name)
    assert entry is getattr(sys.modules[module], attribute)
    assert callable(entry)
    assert (inspect.getdoc(entry) or "").strip(), f"pm_course.{name} has no docstring"
    assert name in dir(pm_course)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'no_such_entry'"):
        pm_course.no_such_entry  # noqa: B018


def loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter has loaded after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_import_and_the_entry_table_load_nothing_heavy():
    assert loaded_after("import pm_course") == []
    assert loaded_after("import pm_course\nassert len(pm_course.ENTRIES) > 30") == []
    assert loaded_after("import pm_course\nsorted(dir(pm_course)); pm_course.__all__") == []


# --- every entry ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", cases("build", pm_course.ENTRIES))
def test_builds_with_a_throwaway_store(name, store, tmp_path):
    own_file = store_module.default_home() / store_module.FILENAME
    before = own_file.stat().st_mtime_ns if own_file.exists() else None
    result = build(name, tmp_path)
    if name in NOT_WIDGETS:
        assert not isinstance(result, W.Widget), NOT_WIDGETS[name]
    else:
        assert isinstance(result, W.Widget)
        assert getattr(result, "store", store) is store
    assert store_module.get_store() is store
    after = own_file.stat().st_mtime_ns if own_file.exists() else None
    assert after == before, "the entry wrote to the default progress file"


def test_export_progress_writes_the_store_as_json(store, tmp_path):
    store.save_note("01_what_is_product_management", "a-note", {"words": HOSTILE})
    path = build("export_progress", tmp_path)
    again = pm_course.export_progress(tmp_path / "again.json")
    assert path == tmp_path / "my-progress.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "pm-course-progress"
    assert [e["answer"] for e in data["events"]] == [{"words": HOSTILE}]
    other = json.loads(again.read_text(encoding="utf-8"))
    assert {**data, "exported": ""} == {**other, "exported": ""}


@pytest.mark.parametrize("name", cases("text", SHOWN))
def test_text_fallback_is_deterministic_and_free_of_ids(name, store, tmp_path):
    first, second = build(name, tmp_path), build(name, tmp_path)
    forms = text_forms(first)
    assert forms == text_forms(second)
    assert "text/markdown" in forms, "no Markdown form"
    if isinstance(first, W.Widget):
        assert forms["text/plain"] == forms["repr"]
    ids = {w.model_id for w in (*tree(first), *tree(second)) if isinstance(w, W.Widget)}
    for kind, text in forms.items():
        assert text.strip(), f"{kind} is empty"
        assert not any(i in text for i in ids), f"{kind} holds a widget id"
        assert not UNSTABLE.search(text), f"{kind}: {UNSTABLE.search(text).group()!r}"


@pytest.mark.parametrize("name", cases("markup", WIDGETS))
def test_markup_in_learner_text_and_saved_notes_shows_escaped(name, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # buttons that export write here
    view = build(name)
    shown = html_values(view)
    for widget in list(tree(view)):  # the learner types markup in every box, presses everything
        if isinstance(widget, W.Text | W.Textarea) and not widget.disabled:
            widget.value = HOSTILE
        elif not (isinstance(widget, W.Button) and act(widget)):
            continue
        shown += html_values(view)
    shown += html_values(build(name))  # the cell runs again: what was saved comes back
    for event in [e for e in store.events() if e.kind == "note"]:  # an edited progress file
        store.save_note(event.section, event.question, with_markup(event.answer))
    shown += html_values(build(name))
    raw = [h for h in shown if "<script" in h.lower()]
    assert not raw, f"raw markup in the HTML: {raw[0][:200]}"
    if name in ECHOES:
        assert any("&lt;script&gt;" in h for h in shown), "the learner's text is not shown"


def test_the_sample_class_holds_markup():
    files = "".join(p.read_text(encoding="utf-8") for p in SAMPLE_CLASS.glob("*.json"))
    assert "<script>" in files


class Broken(Exception):
    """A fault a test puts in on purpose."""


class BrokenStore(store_module.Store):
    """A store that fails, once ``broken`` is set, on every read and every write."""

    broken = False


def _failing_when_broken(method: str):
    def wrapper(self, *args, **kwargs):
        if self.broken:
            raise Broken("the progress store failed")
        return getattr(store_module.Store, method)(self, *args, **kwargs)

    wrapper.__name__ = method
    return wrapper


for _method in ("add", "save_note", "events", "note", "state", "states", "export", "reset"):
    setattr(BrokenStore, _method, _failing_when_broken(_method))


@pytest.mark.parametrize("name", cases("fault", WIDGETS))
def test_a_fault_shows_as_a_message_not_a_traceback(name, tmp_path, monkeypatch, expected_faults):
    from pm_course.ui import charts

    monkeypatch.chdir(tmp_path)
    broken = BrokenStore(tmp_path / "progress")
    old = store_module.use_store(broken)
    try:
        view = build(name)
        broken.broken = True

        def failing(*args, **kwargs):
            raise Broken("drawing failed")

        monkeypatch.setattr(charts, "png", failing)
        if name in FAULT_POINTS:
            module, attribute = FAULT_POINTS[name]
            monkeypatch.setattr(importlib.import_module(module), attribute, failing)
        acted = 0
        for widget in list(tree(view)):  # in the order a learner meets them
            acted += act(widget)  # a fault that escapes fails the test here
            if any("Something went wrong" in h for h in html_values(view)):
                break
    finally:
        store_module.use_store(old)
    if name in NOTHING_TO_ACT_ON:
        assert not acted, NOTHING_TO_ACT_ON[name]
        return
    assert any("Something went wrong" in h for h in html_values(view)), "no fault was shown"
    assert any(isinstance(r.exc_info[1], Broken) for r in expected_faults if r.exc_info)
