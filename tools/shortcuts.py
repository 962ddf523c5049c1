"""Keep JupyterLab's notebook command-mode shortcuts off the course's widgets.

In command mode JupyterLab binds single keys and arrows (M, R, D D, A, B, X, V, Z, J, K,
ArrowUp, ArrowDown, Shift+ArrowDown, ...) to *any focused element* in a notebook: their
selector is ``.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus``. A focused
ipywidgets control (radio button, drop-down, check box, button) is such an element, so
ArrowDown on a drop-down selects the next cell instead of the next option, and a letter
typed on it (type-ahead) turns the cell into Markdown (M) or raw (R), or deletes it (D D).
Text boxes are spared: JupyterLab adds ``jp-mod-readWrite`` to the notebook while an editable
element has the focus.

Lumino runs a key binding when its selector matches the event target or one of its
ancestors. Each such shortcut is therefore switched off (``"disabled": true`` with the same
command, keys and selector) and added again with a selector whose ``:focus`` part also says
``:not(.jupyter-widgets):not(.jupyter-widgets *)``: it no longer matches a focused widget
(every ipywidgets view has the class ``jupyter-widgets``) nor anything inside one, so the key
goes to the control. With the cell itself focused the shortcuts work as before. Lumino
forbids commas in a key binding's selector, hence two ``:not()`` instead of one list.

JupyterLab merges the ``shortcuts`` of ``@jupyterlab/shortcuts-extension:shortcuts`` given in
``overrides.json`` into its default shortcuts, and a disabled default silently drops an
enabled one with the same keys and selector (jupyterlab/jupyterlab#9858). No front-end
extension is needed; a learner's own shortcut settings still win.

Steps:
1. read ``jupyter.lab.shortcuts`` from every settings schema of the installed JupyterLab
   (``<app dir>/schemas``, and ``schemas`` of the prebuilt extensions in ``labextensions``);
2. keep the shortcuts whose selector ends in a ``:focus`` compound below a notebook in command
   mode (``.jp-mod-commandMode``) or below a kernel user (``[data-jp-kernel-user]``: I I
   interrupts, 0 0 restarts the kernel), and whose keys use no modifier but Shift;
3. for each, write a disabled copy and a copy with the narrowed selector;
4. put the list into ``jupyter/overrides.json`` as ``@jupyterlab/shortcuts-extension:shortcuts``
   -> ``shortcuts``, keeping every other setting in the file (the news and update check).

Usage:
    python tools/shortcuts.py            write jupyter/overrides.json
    python tools/shortcuts.py --check    exit 1 if jupyter/overrides.json is not up to date
    python tools/shortcuts.py --print    print what would be written
Run it with the course's environment (``.venv/bin/python``) after JupyterLab changes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OVERRIDES = REPO / "jupyter" / "overrides.json"
PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
#: Appended to the ``:focus`` compound: not a widget, not inside one.
NOT_IN_WIDGET = ":not(.jupyter-widgets):not(.jupyter-widgets *)"
#: Scopes (the part before `` :focus``) that mean "in a notebook in command mode".
SCOPES = (".jp-mod-commandMode", "[data-jp-kernel-user]")
KEY_FIELDS = ("keys", "winKeys", "macKeys", "linuxKeys")
MODIFIERS = {"Accel", "Alt", "Cmd", "Ctrl", "Shift"}


def app_dir() -> Path:
    """JupyterLab's application folder, as ``jupyterlab.commands.get_app_dir`` finds it."""
    if os.environ.get("JUPYTERLAB_DIR"):
        return Path(os.environ["JUPYTERLAB_DIR"]).resolve()
    return Path(sys.prefix) / "share" / "jupyter" / "lab"


def schema_files(lab: Path) -> list[tuple[str, Path]]:
    """Every settings schema as (plugin id, path): core plugins, then prebuilt extensions."""
    found = []
    roots = [lab / "schemas"]
    roots += sorted((lab.parent / "labextensions").glob("**/schemas"))
    for root in roots:
        for path in sorted(root.rglob("*.json")):
            package = path.parent.relative_to(root).as_posix()
            found.append((f"{package}:{path.stem}", path))
    return found


def read_shortcuts(lab: Path) -> list[dict]:
    """All default shortcuts of the installed JupyterLab, in schema order."""
    shortcuts = []
    for _plugin, path in schema_files(lab):
        schema = json.loads(path.read_text(encoding="utf-8"))
        shortcuts += schema.get("jupyter.lab.shortcuts", [])
    if not shortcuts:
        raise SystemExit(f"no shortcuts found in {lab}/schemas: is JupyterLab installed there?")
    return shortcuts


def split_selector(selector: str) -> list[str]:
    """The compound selectors of a selector, split at top-level whitespace."""
    parts, depth, current = [], 0, ""
    for char in selector.strip():
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current] if current else parts


def targets_focused_widgets(selector: str) -> bool:
    """True if the selector matches any focused element below a notebook in command mode."""
    parts = split_selector(selector)
    return (
        len(parts) >= 2
        and parts[-1].startswith(":focus")
        and any(scope in " ".join(parts[:-1]) for scope in SCOPES)
    )


def plain_keys(shortcut: dict) -> bool:
    """True if the shortcut has keys and none uses a modifier other than Shift."""
    strokes = [s for field in KEY_FIELDS for s in shortcut.get(field, []) if s.strip()]
    for stroke in strokes:
        modifiers = set(stroke.split()[:-1])
        if modifiers - {"Shift"} or not modifiers <= MODIFIERS:
            return False
    return bool(strokes)


def affected(shortcuts: list[dict]) -> list[dict]:
    """The command-mode single-key and arrow shortcuts that a focused widget would trigger."""
    return [
        s
        for s in shortcuts
        if targets_focused_widgets(s["selector"]) and plain_keys(s) and not s.get("disabled")
    ]


def narrowed(selector: str) -> str:
    """The selector with its ``:focus`` compound excluding widgets and their contents."""
    return selector + NOT_IN_WIDGET


def override_shortcuts(shortcuts: list[dict]) -> list[dict]:
    """For each affected default: a disabled copy, then a copy with the narrowed selector."""
    result, seen = [], set()
    for shortcut in affected(shortcuts):
        key = json.dumps(shortcut, sort_keys=True)
        if key in seen:  # a default listed twice needs one override
            continue
        seen.add(key)
        result.append({**shortcut, "disabled": True})
        result.append({**shortcut, "selector": narrowed(shortcut["selector"])})
    return result


def generate(current: dict, lab: Path) -> dict:
    """The overrides: the current settings, with the shortcut list (re)generated."""
    data = dict(current)
    plugin = dict(data.get(PLUGIN, {}))
    plugin["shortcuts"] = override_shortcuts(read_shortcuts(lab))
    data[PLUGIN] = plugin
    return data


def dump(data: dict) -> str:
    """The file's text: two-space JSON, one shortcut per line, a final newline."""
    plugin = data.get(PLUGIN, {})
    lines = {f"@@shortcut {i}@@": json.dumps(s) for i, s in enumerate(plugin.get("shortcuts", []))}
    text = json.dumps({**data, PLUGIN: {**plugin, "shortcuts": list(lines)}}, indent=2)
    for mark, line in lines.items():
        text = text.replace(json.dumps(mark), line, 1)
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write, check or print jupyter/overrides.json; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if the file is not current")
    mode.add_argument("--print", action="store_true", help="print instead of writing")
    parser.add_argument("--file", type=Path, default=OVERRIDES, help="the overrides.json")
    parser.add_argument("--app-dir", type=Path, default=None, help="JupyterLab's app folder")
    args = parser.parse_args(argv)

    lab = args.app_dir or app_dir()
    old = args.file.read_text(encoding="utf-8") if args.file.is_file() else "{}"
    new = dump(generate(json.loads(old), lab))
    new_shortcuts = json.loads(new)[PLUGIN]["shortcuts"]
    count = len(new_shortcuts) // 2
    if args.print:
        sys.stdout.write(new)
    elif args.check:
        if new != old:
            print(f"{args.file} is out of date: run `python tools/shortcuts.py`", file=sys.stderr)
            return 1
        print(f"{args.file} is up to date ({count} shortcuts kept off widgets)")
    else:
        args.file.write_text(new, encoding="utf-8")
        commands = sorted({s["command"] for s in new_shortcuts})
        print(f"wrote {args.file}: {count} shortcuts kept off widgets ({', '.join(commands)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
