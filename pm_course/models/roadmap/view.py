"""The Now / Next / Later roadmap as a live widget: add items, move them, check for dates.

The board starts with a made-up food bank's items (or the learner's saved board) and is saved
with ``Store.save_note`` after every change. Starting an empty board or loading the example
keeps the learner's own board aside ("Back to my board" brings it back). The model lives in
``roadmap``.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ...course.store import Store, get_store
from ...ui.charts import PALETTE
from ...ui.parts import COLOURS, TextFallback, html_block, safe, status_html, warnings_html
from .model import (
    CERTAINTY,
    COLUMNS,
    EXAMPLE,
    MAX_CHARS,
    NOTE_KEY,
    SECTION,
    TITLES,
    Roadmap,
)

NOTE = "Run this cell in JupyterLab to build your own Now / Next / Later board."
NONE = -1

#: column -> (Okabe-Ito colour, border style): colour and line style both tell the columns
#: apart (solid for the most certain, dotted for the least), and the headings always do.
COLUMN_STYLES = {
    "now": (PALETTE[2], "solid"),
    "next": (PALETTE[0], "dashed"),
    "later": (PALETTE[3], "dotted"),
}


def board_html(board: Roadmap) -> str:
    """The board as three columns of ordered lists; it reads in order as text too."""
    flagged = {c.item.text: c for c in board.checks()}
    columns = []
    for col in COLUMNS:
        colour, style = COLUMN_STYLES[col]
        rows = []
        for it in board.column(col):
            marks = []
            if it.fixed:
                marks.append("<strong>◆ hard deadline</strong>")
            check = flagged.get(it.text)
            if check is not None and check.kind == "date":
                dates = ", ".join(f"'{escape(d)}'" for d in it.dates)
                marks.append(f"<strong style='color:#A0430A'>⚠ date: {dates}</strong>")
            elif check is not None:
                marks.append("<strong style='color:#A0430A'>⚠ no date given</strong>")
            extra = f"<br><small>{' · '.join(marks)}</small>" if marks else ""
            rows.append(f"<li style='margin:2px 0'>{escape(it.text)}{extra}</li>")
        listing = (
            f"<ol style='margin:4px 0;padding-left:1.4em'>{''.join(rows)}</ol>"
            if rows
            else "<p style='margin:4px 0'><em>Nothing yet.</em></p>"
        )
        count = len(board.column(col))
        columns.append(
            f"<section aria-label='{TITLES[col]}' style='flex:1 1 13rem;min-width:13rem;"
            f"border:2px {style} {colour};border-top-width:6px;border-radius:4px;"
            f"padding:4px 10px;background:#fff'>"
            f"<h4 style='margin:4px 0 0'>{TITLES[col]} <small>({count} "
            f"item{'s' if count != 1 else ''})</small></h4>"
            f"<p style='margin:0 0 4px;color:#444'><small><em>{escape(CERTAINTY[col])}</em>"
            f"</small></p>{listing}</section>"
        )
    return (
        "<div style='display:flex;flex-wrap:wrap;gap:10px;line-height:1.35;margin:6px 0'>"
        + "".join(columns)
        + "</div>"
    )


def checks_html(board: Roadmap) -> str:
    """The headline, each date or deadline flag, and notes about the board's shape."""
    items = [*(c.message for c in board.checks()), *board.notes()]
    colour = COLOURS["partial"] if board.checks() else COLOURS["correct"]
    if not board.items:
        colour = COLOURS["empty"]
    listing = "".join(f"<li>{escape(i)}</li>" for i in items)
    body = (
        f"<p role='status' aria-live='polite' style='margin:2px 0'><strong>"
        f"{escape(board.headline)}</strong></p>"
        + (f"<ul style='margin:2px 0;padding-left:1.2em'>{listing}</ul>" if listing else "")
    )
    return f"<div style='line-height:1.4'>{html_block(body, colour)}</div>"


class RoadmapView(TextFallback, W.VBox):
    """A Now / Next / Later board: add, move, mark and remove items; saved as you go."""

    def __init__(self, store: Store | None = None):
        self.store = store or get_store()
        saved = self.store.note(NOTE_KEY)
        problems: list[str] = []
        if saved is None:
            self.board = EXAMPLE
        else:
            self.board, problems = Roadmap.from_data(saved)
        mine = saved.get("mine") if isinstance(saved, dict) else None
        self._mine = Roadmap.from_data(mine)[0] if isinstance(mine, dict) else None
        if self._mine is not None and not self._mine.items:
            self._mine = None
        self.new_text = W.Text(
            placeholder="e.g. Let supporters change a regular gift themselves",
            description="New item",
            tooltip=f"A problem to solve or an idea, in {MAX_CHARS} characters or fewer",
            continuous_update=True,
            style={"description_width": "5.5rem"},
            layout=W.Layout(width="36rem", max_width="100%"),
        )
        self.new_column = W.Dropdown(
            options=[(TITLES[c], c) for c in COLUMNS],
            value="now",
            description="Column",
            tooltip="Now, Next or Later: how certain is this work?",
            style={"description_width": "5.5rem"},
            layout=W.Layout(width="12.5rem"),
        )
        self.new_fixed = W.Checkbox(
            value=False,
            description="Hard deadline (a real constraint)",
            tooltip="Tick only for a date fixed from outside: a funder, a law, a contract",
            indent=False,
            layout=W.Layout(width="auto"),
        )
        self.add_button = W.Button(
            description="Add to the board",
            button_style="primary",
            icon="plus",
            tooltip="Add the new item to the bottom of its column",
            layout=W.Layout(width="auto"),
        )
        self.chooser = W.Dropdown(
            options=self._options(),
            value=NONE,
            description="Item",
            tooltip="Choose an item to move, mark or remove",
            style={"description_width": "5.5rem"},
            layout=W.Layout(width="36rem", max_width="100%"),
        )
        self.earlier_button = W.Button(
            description="Move earlier",
            icon="arrow-left",
            tooltip="Move the chosen item one column towards Now",
            layout=W.Layout(width="auto"),
        )
        self.later_button = W.Button(
            description="Move later",
            icon="arrow-right",
            tooltip="Move the chosen item one column towards Later",
            layout=W.Layout(width="auto"),
        )
        self.fixed_button = W.Button(
            description="Hard deadline on/off",
            icon="thumb-tack",
            tooltip="Mark or unmark the chosen item as a hard deadline (a real constraint)",
            layout=W.Layout(width="auto"),
        )
        self.remove_button = W.Button(
            description="Remove",
            icon="trash",
            tooltip="Remove the chosen item from the board",
            layout=W.Layout(width="auto"),
        )
        self.empty_button = W.Button(
            description="Start an empty board",
            icon="file-o",
            tooltip="Clear the board; your own board is kept aside",
            layout=W.Layout(width="auto"),
        )
        self.example_button = W.Button(
            description="Load the example",
            icon="lightbulb-o",
            tooltip="Show a made-up food bank's board; your own board is kept aside",
            layout=W.Layout(width="auto"),
        )
        self.mine_button = W.Button(
            description="Back to my board",
            icon="undo",
            tooltip="Put your own board back",
            layout=W.Layout(width="auto"),
        )
        self.board_view = W.HTML()
        self.checks = W.HTML()
        self.status = W.HTML()
        self.warning = W.HTML()
        wrap = W.Layout(flex_flow="row wrap", align_items="center")
        intro = (
            "<h3>Now / Next / Later roadmap</h3><div style='line-height:1.4'>"
            "<p style='margin:2px 0'>Three columns, grouped by how certain the work is, and no "
            "dates. The board starts with a made-up food bank's items: change them into your "
            "own, or start an empty board. Add an item with its column; choose an item to move "
            "it, mark it or remove it. Your board is saved after every change.</p></div>"
        )
        super().__init__(
            [
                W.HTML(intro),
                self.board_view,
                self.checks,
                W.HTML("<p style='margin:8px 0 2px'><strong>Add an item</strong></p>"),
                self.new_text,
                W.HBox([self.new_column, self.new_fixed, self.add_button], layout=wrap),
                W.HTML("<p style='margin:8px 0 2px'><strong>Change an item</strong></p>"),
                self.chooser,
                W.HBox(
                    [
                        self.earlier_button,
                        self.later_button,
                        self.fixed_button,
                        self.remove_button,
                    ],
                    layout=wrap,
                ),
                W.HTML("<p style='margin:8px 0 2px'><strong>The whole board</strong></p>"),
                W.HBox([self.empty_button, self.example_button, self.mine_button], layout=wrap),
                self.status,
                self.warning,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px", margin="8px 0"),
        )
        self.add_class("pmc-model")
        self.add_button.on_click(lambda _: self.add())
        self.earlier_button.on_click(lambda _: self.move(-1))
        self.later_button.on_click(lambda _: self.move(1))
        self.fixed_button.on_click(lambda _: self.toggle_fixed())
        self.remove_button.on_click(lambda _: self.remove())
        self.empty_button.on_click(lambda _: self.start_empty())
        self.example_button.on_click(lambda _: self.load_example())
        self.mine_button.on_click(lambda _: self.back_to_mine())
        self.chooser.observe(lambda _: self._enable(), names="value")
        self._show()
        if problems:
            self._message(" ".join(problems), "invalid")

    # -- state -----------------------------------------------------------------------------------

    def _options(self) -> list[tuple[str, int]]:
        def short(text: str) -> str:
            return text if len(text) <= 60 else text[:59] + "…"

        options = [("Choose an item…", NONE)]
        for col in COLUMNS:
            for n, it in enumerate(self.board.column(col), 1):
                options.append((f"{TITLES[col]} {n}. {short(it.text)}", self.board.items.index(it)))
        return options

    def _enable(self) -> None:
        chosen = self.chooser.value
        none = chosen == NONE or chosen is None
        column = None if none else self.board.items[chosen].column
        self.earlier_button.disabled = none or column == COLUMNS[0]
        self.later_button.disabled = none or column == COLUMNS[-1]
        self.fixed_button.disabled = self.remove_button.disabled = none
        self.add_button.disabled = False
        self.mine_button.disabled = self._mine is None

    def _show(self, keep: str | None = None) -> None:
        """Redraw the board and the checks; choose the item called ``keep`` if given."""
        self.board_view.value = board_html(self.board)
        self.checks.value = checks_html(self.board)
        options = self._options()
        self.chooser.options = options
        value = NONE
        if keep is not None:
            for _, index in options:
                if index != NONE and self.board.items[index].text == keep:
                    value = index
        self.chooser.value = value
        self._enable()
        self.warning.value = warnings_html(self.store)

    def _save(self) -> bool:
        data = self.board.to_data()
        data["mine"] = None if self._mine is None else self._mine.to_data()
        return self.store.save_note(SECTION, NOTE_KEY, data)

    def _message(self, text: str, kind: str) -> None:
        self.status.value = status_html(text, kind)

    def _change(self, board: Roadmap, keep: str | None, message: str) -> None:
        self.board = board
        self._save()
        self._show(keep)
        self._message(message, "saved")

    def _chosen(self) -> int | None:
        chosen = self.chooser.value
        if chosen == NONE or chosen is None:
            self._message("Choose an item in the Item menu first.", "empty")
            return None
        return chosen

    # -- actions ---------------------------------------------------------------------------------

    @safe
    def add(self) -> bool:
        """Add the new item to its column; a clear message (and the text kept) if it cannot."""
        try:
            board = self.board.add(self.new_text.value, self.new_column.value, self.new_fixed.value)
        except ValueError as exc:
            self._message(str(exc).removeprefix("roadmap: ").capitalize() + ".", "invalid")
            return False
        added = board.items[-1]
        self.new_text.value = ""
        self.new_fixed.value = False
        self._change(board, None, f"Added to {TITLES[added.column]}: {added.text}")
        return True

    @safe
    def move(self, step: int) -> bool:
        """Move the chosen item one column later (1) or earlier (-1)."""
        index = self._chosen()
        if index is None:
            return False
        item = self.board.items[index]
        try:
            board = self.board.move(index, step)
        except ValueError as exc:
            self._message(str(exc).removeprefix("roadmap: ").capitalize() + ".", "invalid")
            return False
        column = TITLES[board.items[-1].column]
        self._change(board, item.text, f"Moved to {column}: {item.text}")
        return True

    @safe
    def toggle_fixed(self) -> bool:
        """Mark or unmark the chosen item as a hard deadline."""
        index = self._chosen()
        if index is None:
            return False
        board = self.board.toggle_fixed(index)
        item = board.items[index]
        state = "marked as a hard deadline" if item.fixed else "no longer a hard deadline"
        self._change(board, item.text, f"'{item.text}' is {state}.")
        return True

    @safe
    def remove(self) -> bool:
        """Remove the chosen item."""
        index = self._chosen()
        if index is None:
            return False
        item = self.board.items[index]
        self._change(self.board.remove(index), None, f"Removed: {item.text}")
        return True

    def _keep_mine(self) -> None:
        if self.board.items and self.board != EXAMPLE:
            self._mine = self.board

    @safe
    def start_empty(self) -> None:
        """Clear the board, keeping the learner's own board aside."""
        self._keep_mine()
        aside = " Your board is kept: press Back to my board." if self._mine else ""
        self._change(Roadmap(), None, f"The board is empty.{aside}")

    @safe
    def load_example(self) -> None:
        """Show the example board, keeping the learner's own board aside."""
        self._keep_mine()
        aside = " Your board is kept: press Back to my board." if self._mine else ""
        self._change(EXAMPLE, None, f"The example board is back.{aside}")

    @safe
    def back_to_mine(self) -> None:
        """Put the learner's own board back."""
        if self._mine is None:
            self._message("There is no board of yours kept aside.", "empty")
            return
        mine, self._mine = self._mine, None
        self._change(mine, None, "Your own board is back.")

    # -- text forms ------------------------------------------------------------------------------

    def _text_plain(self) -> str:
        return "\n".join(["Now / Next / Later roadmap", *self.board.lines(), "", NOTE])

    def _text_markdown(self) -> str:
        return "\n\n".join(
            ["  \n".join(["**Now / Next / Later roadmap**", *self.board.lines()]), f"_{NOTE}_"]
        )
