"""jupyter/overrides.json: the news toast stays off, and JupyterLab's notebook command-mode
shortcuts stay off focused widgets, exactly as ``tools/shortcuts.py`` generates them from the
installed JupyterLab. When JupyterLab changes its shortcuts, run
``.venv/bin/python tools/shortcuts.py`` and commit the file. The browser proves the effect
(``test_browser.py``: keys on a focused drop-down, on radio buttons and on a cell)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "jupyter" / "overrides.json"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"

sys.path.insert(0, str(ROOT / "tools"))
import shortcuts as tool  # noqa: E402


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(OVERRIDES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def defaults() -> list[dict]:
    """The default shortcuts of the installed JupyterLab."""
    return tool.read_shortcuts(tool.app_dir())


@pytest.fixture(scope="module")
def overrides(committed) -> list[dict]:
    return committed[tool.PLUGIN]["shortcuts"]


def keyset(shortcut: dict) -> tuple:
    """What JupyterLab matches a disabling shortcut on: command, keys (per platform), selector."""
    keys = tuple(tuple(shortcut.get(f, ())) for f in tool.KEY_FIELDS)
    return shortcut["command"], keys, shortcut["selector"]


def test_committed_overrides_are_what_the_tool_generates_from_the_installed_jupyterlab():
    text = OVERRIDES.read_text(encoding="utf-8")
    expected = tool.dump(tool.generate(json.loads(text), tool.app_dir()))
    assert text == expected, "jupyter/overrides.json is stale: run `python tools/shortcuts.py`"
    assert tool.main(["--check"]) == 0


def test_news_and_update_check_stay_off(committed):
    notification = committed["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


@pytest.mark.parametrize(
    ("command", "keys"),
    [
        ("notebook:change-cell-to-raw", ["R"]),
        ("notebook:change-cell-to-markdown", ["M"]),
        ("notebook:change-cell-to-code", ["Y"]),
        ("notebook:delete-cell", ["D", "D"]),
        ("notebook:cut-cell", ["X"]),
        ("notebook:paste-cell-below", ["V"]),
        ("notebook:insert-cell-above", ["A"]),
        ("notebook:insert-cell-below", ["B"]),
        ("notebook:undo-cell-action", ["Z"]),
        ("notebook:move-cursor-up", ["ArrowUp"]),
        ("notebook:move-cursor-down", ["ArrowDown"]),
        ("notebook:move-cursor-down", ["J"]),
        ("notebook:extend-marked-cells-below", ["Shift ArrowDown"]),
        ("notebook:merge-cells", ["Shift M"]),
        ("kernelmenu:restart", ["0", "0"]),
    ],
)
def test_a_command_mode_shortcut_is_disabled_and_narrowed_to_non_widgets(
    overrides, defaults, command, keys
):
    mine = [s for s in overrides if s["command"] == command and s["keys"] == keys]
    assert len(mine) == 2, f"{command} {keys}: expected a disabled copy and a narrowed one"
    off, narrowed = mine
    assert off["disabled"] is True
    assert keyset(off) in {keyset(d) for d in defaults}, "disables no installed default"
    assert "disabled" not in narrowed
    assert narrowed["selector"] == off["selector"] + tool.NOT_IN_WIDGET


def test_every_override_pairs_an_installed_default_with_a_narrowed_copy(overrides, defaults):
    installed = {keyset(d) for d in defaults}
    assert overrides and len(overrides) % 2 == 0
    for off, narrowed in zip(overrides[::2], overrides[1::2], strict=True):
        assert off["disabled"] is True and keyset(off) in installed, off
        assert {**narrowed, "selector": off["selector"], "disabled": True} == off
        assert narrowed["selector"].endswith(":not(.jupyter-widgets):not(.jupyter-widgets *)")
        assert "," not in narrowed["selector"], "Lumino rejects selectors with commas"


def test_every_plain_command_mode_shortcut_of_the_notebook_is_covered(overrides, defaults):
    covered = {keyset(s) for s in overrides if s.get("disabled")}
    plain = [d for d in defaults if d["selector"] == COMMAND_MODE and tool.plain_keys(d)]
    assert len(plain) >= 25
    missing = [d for d in plain if keyset(d) not in covered]
    assert not missing, f"command-mode shortcuts a focused widget still triggers: {missing}"


@pytest.mark.parametrize(
    ("command", "keys"),
    [
        ("notebook:run-cell-and-select-next", ["Shift Enter"]),  # edit mode
        ("runmenu:run", ["Shift Enter"]),
        ("notebook:enter-command-mode", ["Escape"]),
        ("notebook:enter-edit-mode", ["Enter"]),  # only on the cell itself (.jp-Cell:focus)
        ("docmanager:save", ["Accel S"]),
        ("notebook:run-cell", ["Accel Enter"]),  # a modifier: deliberate, not type-ahead
        ("notebook:change-cell-to-heading-1", ["1"]),  # only on a markdown cell itself
    ],
)
def test_other_shortcuts_are_left_alone(overrides, defaults, command, keys):
    assert any(d["command"] == command and d["keys"] == keys for d in defaults)
    assert not [s for s in overrides if s["command"] == command and s["keys"] == keys]


@pytest.mark.parametrize(
    ("selector", "keys", "touched"),
    [
        (COMMAND_MODE, ["M"], True),
        (COMMAND_MODE, ["Shift ArrowUp"], True),
        (COMMAND_MODE, ["Accel A"], False),
        (COMMAND_MODE, ["Ctrl Shift ArrowUp"], False),
        (COMMAND_MODE, [""], False),
        (".jp-Notebook.jp-mod-commandMode .jp-Cell:focus", ["Enter"], False),
        (".jp-Notebook.jp-mod-editMode", ["Escape"], False),
        ("[data-jp-kernel-user]:not(.jp-mod-readWrite) :focus:not(:read-write)", ["I", "I"], True),
        (".jp-DirListing:focus", ["Delete"], False),
        ("body", ["F11"], False),
    ],
)
def test_which_shortcuts_the_tool_touches(selector, keys, touched):
    shortcut = {"command": "x", "keys": keys, "selector": selector}
    assert bool(tool.affected([shortcut])) is touched


def test_split_selector_keeps_parentheses_whole():
    assert tool.split_selector(".a:not(.b *) :focus:not(.c .d)") == [
        ".a:not(.b *)",
        ":focus:not(.c .d)",
    ]


def test_writing_keeps_other_settings_and_is_idempotent(tmp_path):
    path = tmp_path / "overrides.json"
    path.write_text(json.dumps({"x:y": {"z": 1}, tool.PLUGIN: {"shortcuts": []}}), encoding="utf-8")
    assert tool.main(["--file", str(path)]) == 0
    first = path.read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["x:y"] == {"z": 1} and data[tool.PLUGIN]["shortcuts"]
    assert tool.main(["--file", str(path), "--check"]) == 0
    assert path.read_text(encoding="utf-8") == first
    path.write_text("{}", encoding="utf-8")
    assert tool.main(["--file", str(path), "--check"]) == 1
