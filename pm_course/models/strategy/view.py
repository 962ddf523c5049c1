"""Rumelt's kernel and "today vs the future" as live widgets.

``KernelView``: three boxes (diagnosis, guiding policy, coherent actions), a check for the
hallmarks of bad strategy with feedback per part, and a bad and a good example to load.
``ConstraintsView``: today's constraints, one per line, each with a tick box for "the vision
must not inherit this", and a summary of what the strategy frees itself from.

Both save with ``Store.save_note`` whenever something changes and come back when the cell is
re-run. Loading an example keeps the learner's own text aside ("Back to my ..." brings it
back), so nothing typed is lost. The logic lives in ``strategy``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.parts import COLOURS, KeptAside, html_block, safe, warnings_html
from .model import (
    CONSTRAINTS_KEY,
    EXAMPLE_CONSTRAINTS,
    EXAMPLE_FREED,
    EXAMPLE_LABELS,
    EXAMPLES,
    HALLMARKS,
    KERNEL_KEY,
    MAX_CONSTRAINTS,
    PART_HELP,
    PART_LABELS,
    PARTS,
    SECTION,
    Constraints,
    KernelCheck,
    PartCheck,
    check_kernel,
    constraints_from_note,
    join_names,
    kernel_from_note,
    kind_name,
    parse_constraints,
)

KERNEL_NOTE = "Run this cell in JupyterLab to write, check and save your own kernel."
CONSTRAINTS_NOTE = "Run this cell in JupyterLab to list and sort your own constraints."

#: level -> (symbol, colour, word): the word always carries the meaning.
LEVELS = {
    "problem": ("✗", COLOURS["incorrect"], "Problem"),
    "advice": ("!", COLOURS["partial"], "Suggestion"),
    "good": ("✓", COLOURS["correct"], "Good"),
}
PLACEHOLDERS = {
    "diagnosis": "e.g. Most people who sign up to volunteer never do a first shift, because ...",
    "policy": "e.g. Get new volunteers to a first shift within a week, by ...",
    "actions": "One action per line, e.g.\nReplace the monthly induction with ...\nPhone every "
    "new volunteer ...",
}
KERNEL_HOW = (
    "The check reads words, not meaning. Fluff is a word from a list of buzzwords (synergy, "
    "world-class, leverage, best-in-class, paradigm and others). A goal is a target such as a "
    "percentage, 'grow ... by', 'double' or 'be the leading ...'; in the policy it counts as a "
    "problem only when no approach goes with it ('by ...ing', 'through', 'focus on', 'instead "
    "of'). A diagnosis with no word pointing at a difficulty (because, but, cannot, few, "
    "falling ...) may be failing to face the challenge. An action that shares no key word with "
    "the policy may not follow from it: that is the roughest check of all, since an action can "
    "fit in other words. None of this can tell whether the diagnosis is true or the policy wise."
)


# --- the kernel ---------------------------------------------------------------------------------


def _title(finding) -> str:
    """A finding's heading: the level in words, then its title ("Problem · Fluff: ...")."""
    if finding.level == "good":
        return escape(finding.title)
    return f"{LEVELS[finding.level][2]} · {escape(finding.title)}"


#: Text boxes in these models show prose, so they use the interface font, not monospace.
FONT_STYLE = (
    "<style>.pmc-strategy textarea, .pmc-strategy input[type=text] "
    "{font-family: var(--jp-ui-font-family); font-size: var(--jp-ui-font-size1)}</style>"
)


def part_html(part: PartCheck, actions: tuple[str, ...] = ()) -> str:
    """One part: its name, what was read, and each finding in words."""
    if part.part == "actions" and actions:
        shown = (
            "<ol style='margin:2px 0'>"
            + "".join(f"<li>{escape(a)}</li>" for a in actions)
            + "</ol>"
        )
    else:
        shown = f"<p style='margin:2px 0'>{escape(part.text) or '<em>empty</em>'}</p>"
    items = "".join(
        f"<li><span aria-hidden='true' style='color:{LEVELS[f.level][1]};font-weight:bold'>"
        f"{LEVELS[f.level][0]}</span> <strong>{_title(f)}</strong>: {escape(f.message)}</li>"
        for f in part.findings
    )
    colour = LEVELS[part.status][1]
    body = (
        f"<p style='margin:2px 0'><strong>{escape(part.label)}</strong></p>{shown}"
        f"<ul style='margin:2px 0;padding-left:1.2em'>{items}</ul>"
    )
    return html_block(body, colour)


def kernel_html(check: KernelCheck, note: str = "") -> str:
    """The headline (the hallmarks found) and one block per part."""
    if check.empty:
        return html_block(escape(check.headline), COLOURS["empty"])
    body = (
        f"<p role='status' aria-live='polite' style='margin:4px 0'><strong>"
        f"{escape(check.headline)}</strong>{note}</p>"
        + "".join(part_html(p, check.actions) for p in check.parts)
    )
    return f"<div style='line-height:1.4'>{body}</div>"


class KernelView(KeptAside, W.VBox):
    """Three boxes for the kernel; the check follows each box and flags bad strategy."""

    NOTE = KERNEL_NOTE
    NOUN = "kernel"

    def __init__(self, store: Store | None = None):
        saved = self._open(store, KERNEL_KEY, kernel_from_note, "parts")
        self.boxes: dict[str, W.Textarea] = {
            part: W.Textarea(
                value=saved[part],
                placeholder=PLACEHOLDERS[part],
                description=PART_LABELS[part],
                tooltip=f"{PART_LABELS[part]}: {PART_HELP[part]}",
                rows=5 if part == "actions" else 3,
                continuous_update=False,
                style={"description_width": "9rem"},
                layout=W.Layout(width="100%", max_width="52rem"),
            )
            for part in PARTS
        }
        self.check_button = W.Button(
            description="Check and save",
            button_style="primary",
            icon="check",
            tooltip="Check the kernel for the hallmarks of bad strategy and save it",
        )
        self.example_buttons = {
            key: W.Button(
                description=f"Load {label}",
                icon="lightbulb-o",
                tooltip=f"Fill the boxes with {label} for a made-up food bank; your own text is "
                "kept aside",
                layout=W.Layout(width="auto"),
            )
            for key, label in EXAMPLE_LABELS.items()
        }
        self.mine_button = self._mine_button()
        self.feedback = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        hallmarks = join_names([h.lower() for h in HALLMARKS.values()])
        intro = (
            FONT_STYLE + "<h3>Strategy kernel check</h3><div style='line-height:1.4'>"
            "<p style='margin:2px 0'>Richard Rumelt's kernel has three parts: a "
            "<strong>diagnosis</strong> (what is going on, and what makes it hard), a "
            "<strong>guiding policy</strong> (the approach chosen to deal with it) and "
            "<strong>coherent actions</strong> (steps that carry the policy out). The check "
            f"looks for his four hallmarks of bad strategy: {escape(hallmarks)}.</p>"
            "<p style='margin:2px 0'>Write a kernel for your own product, or load an example "
            "first. Each box is checked when you leave it; your kernel is saved as you go.</p>"
            "<details><summary><small>How does the check work, and what can it not do?"
            f"</small></summary><small>{escape(KERNEL_HOW)}</small></details></div>"
        )
        super().__init__(
            [
                W.HTML(intro),
                *self.boxes.values(),
                W.HBox(
                    [self.check_button, *self.example_buttons.values(), self.mine_button],
                    layout=W.Layout(flex_flow="row wrap"),
                ),
                self.status,
                self.feedback,
                self.warning,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.add_class("pmc-strategy")
        for box in self.boxes.values():
            box.observe(lambda _: self._changed(), names="value")
        self.check_button.on_click(lambda _: self.check())
        for key, button in self.example_buttons.items():
            button.on_click(self._loader(key))
        self._show(note=" <small>(your saved kernel)</small>" if any(saved.values()) else "")

    def _loader(self, key: str):
        return lambda _: self.load_example(key)

    # -- state -----------------------------------------------------------------------------------

    @property
    def parts(self) -> dict[str, str]:
        """What is in the three boxes now, as typed."""
        return {part: box.value for part, box in self.boxes.items()}

    def _save(self) -> bool:
        return self.store.save_note(SECTION, KERNEL_KEY, {"parts": self.parts, "mine": self._mine})

    def _put(self, parts: dict[str, str]) -> None:
        for part in PARTS:
            self.boxes[part].value = parts.get(part, "")

    def _show(self, note: str = "") -> KernelCheck:
        result = check_kernel(**self.parts)
        self.feedback.value = kernel_html(result, note)
        self.mine_button.disabled = self._mine is None
        self.warning.value = warnings_html(self.store)
        return result

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def check(self) -> KernelCheck:
        """Check the kernel, show feedback on each part and save it."""
        return self._checked()

    @safe
    def load_example(self, key: str) -> None:
        """Fill the boxes with the 'bad' or 'good' example, keeping the learner's own aside."""
        if key not in EXAMPLES:
            self._message(f"There is no example called {key!r}.", "invalid")
            return
        current = self.parts
        if any(v.strip() for v in current.values()) and current not in EXAMPLES.values():
            self._mine = current
        self._load(EXAMPLES[key], f"The boxes hold {EXAMPLE_LABELS[key]}, for a made-up food bank.")

    # -- text forms ------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        current = check_kernel(**self.parts)
        lines = [
            "Strategy kernel check (Rumelt): diagnosis, guiding policy, coherent actions.",
            "",
        ]
        if current.empty:
            for key, label in EXAMPLE_LABELS.items():
                lines += [f"Example, {label}:", *check_kernel(**EXAMPLES[key]).lines(), ""]
            return lines[:-1]
        return [*lines, "Your kernel, as checked:", *current.lines()]


# --- today vs the future ------------------------------------------------------------------------


def summary_html(model: Constraints, messages: list[str]) -> str:
    """The headline, what the strategy frees itself from, what it plans around, and notes."""
    if not model.items:
        extra = "".join(f"<li>{escape(m)}</li>" for m in messages)
        body = escape(model.headline) + (f"<ul style='margin:2px 0'>{extra}</ul>" if extra else "")
        return html_block(body, COLOURS["empty"])

    def listing(items, empty: str) -> str:
        if not items:
            return f"<p style='margin:2px 0'><em>{escape(empty)}</em></p>"
        rows = "".join(
            f"<li>{escape(c.text)} <small>({escape(kind_name(c.kind))})</small></li>" for c in items
        )
        return f"<ul style='margin:2px 0;padding-left:1.2em'>{rows}</ul>"

    notes = "".join(f"<li>{escape(n)}</li>" for n in [*messages, *model.notes()])
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>"
        f"{escape(model.headline)}</strong></p>"
        "<p style='margin:6px 0 0'><strong>The strategy frees itself from</strong></p>"
        + listing(model.freed, "nothing yet: tick the constraints the vision must not inherit")
        + "<p style='margin:6px 0 0'><strong>Real constraints to plan around</strong></p>"
        + listing(model.kept, "none")
        + (
            f"<p style='margin:6px 0 0'><strong>Questions to ask</strong></p>"
            f"<ul style='margin:2px 0;padding-left:1.2em'>{notes}</ul>"
            if notes
            else ""
        )
    )
    return f"<div style='line-height:1.4'>{html_block(body)}</div>"


def _list_from_note(data: object) -> tuple[str, list[str]] | None:
    mine = data.get("mine") if isinstance(data, dict) else None
    text, free = constraints_from_note(mine)
    return (text, free) if text.strip() else None


class ConstraintsView(KeptAside, W.VBox):
    """Today's constraints, one per line, each with a tick box; the summary follows."""

    NOTE = CONSTRAINTS_NOTE
    NOUN = "list"
    BACK = ""

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        note = self.store.note(CONSTRAINTS_KEY)
        text, free = constraints_from_note(note)
        self._mine = _list_from_note(note)
        self.freed: set[str] = {f.casefold() for f in free}
        self._quiet = False
        self.box = W.Textarea(
            value=text,
            placeholder="One constraint per line, e.g.\nEvery new web page needs sign-off from "
            "a monthly committee\nDonations are recorded in a spreadsheet",
            description="Today's constraints",
            tooltip="Ways of working, systems and team structures that shape the work today, "
            "one per line",
            rows=6,
            continuous_update=False,
            style={"description_width": "9rem"},
            layout=W.Layout(width="100%", max_width="52rem"),
        )
        self.ticks = W.VBox(layout=W.Layout(margin="0 0 0 9rem"))
        self.ticks_heading = W.HTML()
        self.summary = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        self.update_button = W.Button(
            description="Update the list",
            button_style="primary",
            icon="refresh",
            tooltip="Read the box again and rebuild the tick boxes (leaving the box does it too)",
        )
        self.example_button = W.Button(
            description="Fill in the example",
            icon="lightbulb-o",
            tooltip="Fill in a made-up charity's constraints; your own list is kept aside",
            layout=W.Layout(width="auto"),
        )
        self.mine_button = self._mine_button()
        intro = (
            FONT_STYLE + "<h3>Today vs the future</h3><div style='line-height:1.4'>"
            "<p style='margin:2px 0'>List what shapes your product's work today, one per line: "
            "ways of working, systems, team structures, rules. Then tick each one the vision "
            "must <strong>not</strong> inherit. What stays unticked is a real constraint to plan "
            "around. The kind shown beside each is a rough guess from key words.</p></div>"
        )
        super().__init__(
            [
                W.HTML(intro),
                self.box,
                W.HBox(
                    [self.update_button, self.example_button, self.mine_button],
                    layout=W.Layout(flex_flow="row wrap"),
                ),
                self.ticks_heading,
                self.ticks,
                self.status,
                self.summary,
                self.warning,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.add_class("pmc-strategy")
        self.box.observe(lambda _: self._changed(), names="value")
        self.update_button.on_click(lambda _: self.update())
        self.example_button.on_click(lambda _: self.fill_example())
        self.checkboxes: dict[str, W.Checkbox] = {}
        self._show()

    # -- state -----------------------------------------------------------------------------------

    @property
    def model(self) -> Constraints:
        """The constraints in the box, each freed or kept as ticked."""
        return Constraints.from_text(self.box.value, frozenset(self.freed))

    def _freed_lines(self) -> list[str]:
        return [c.text for c in self.model.freed]

    def _save(self) -> bool:
        mine = None if self._mine is None else {"text": self._mine[0], "free": self._mine[1]}
        return self.store.save_note(
            SECTION,
            CONSTRAINTS_KEY,
            {"text": self.box.value, "free": self._freed_lines(), "mine": mine},
        )

    def _show(self, note: str = "") -> None:
        """Tick boxes for the lines in the box (ticks are kept by text), then the summary."""
        lines, messages = parse_constraints(self.box.value)
        model = self.model
        boxes = []
        self.checkboxes = {}
        for line, item in zip(lines, model.items, strict=True):
            box = W.Checkbox(
                value=line.casefold() in self.freed,
                description=line,
                tooltip=f"Tick if the vision must not inherit: {line}",
                indent=False,
                layout=W.Layout(width="auto", max_width="40rem"),
            )
            box.observe(self._ticker(line), names="value")
            self.checkboxes[line] = box
            kind = W.HTML(f"<small style='color:#555'>({escape(kind_name(item.kind))})</small>")
            boxes.append(W.HBox([box, kind]))
        self.ticks.children = boxes
        self.ticks_heading.value = (
            f"<p style='margin:6px 0 0 9rem'><strong>Tick each constraint the vision must not "
            f"inherit</strong> (at most {MAX_CONSTRAINTS} are used):</p>"
            if lines
            else ""
        )
        self.summary.value = summary_html(model, messages)
        self.mine_button.disabled = self._mine is None
        self.warning.value = warnings_html(self.store)

    def _ticker(self, line: str):
        return lambda change: self.tick(line, change["new"])

    def _put(self, value: tuple[str, list[str] | frozenset[str]]) -> None:
        text, freed = value
        self.freed = {f.casefold() for f in freed}
        self.box.value = text

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def update(self) -> Constraints:
        """Read the box again, rebuild the tick boxes and the summary, and save."""
        self._save()
        self.status.value = ""
        self._show()
        return self.model

    @safe
    def tick(self, line: str, free: bool) -> None:
        """Mark one constraint as freed from (True) or kept (False), and save."""
        key = line.casefold()
        if free:
            self.freed.add(key)
        else:
            self.freed.discard(key)
        if line in self.checkboxes and self.checkboxes[line].value != free:
            self.checkboxes[line].value = free
            return
        self._save()
        self.summary.value = summary_html(self.model, parse_constraints(self.box.value)[1])

    @safe
    def fill_example(self) -> None:
        """Fill in the example list, keeping the learner's own list aside."""
        if self.box.value.strip() and self.box.value != EXAMPLE_CONSTRAINTS:
            self._mine = (self.box.value, self._freed_lines())
        self._load((EXAMPLE_CONSTRAINTS, EXAMPLE_FREED), "The example list is in the box.")

    # -- text forms ------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        lines = [
            "Today vs the future: list today's constraints, one per line, and tick those the "
            "vision must not inherit.",
            "",
        ]
        model = self.model
        if model.items:
            return [*lines, "Your list:", *model.lines()]
        example = Constraints.from_text(EXAMPLE_CONSTRAINTS, EXAMPLE_FREED)
        return [*lines, "The example, sorted:", *example.lines()]
