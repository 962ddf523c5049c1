"""One report table, three forms: text for a terminal, HTML for the notebook, CSV for a
spreadsheet. No widgets.

A :class:`Table` is defined once (columns, rows of plain values, a caption, a note) and every
form is drawn from that one definition, so the text report, the notebook and the exported files
can never disagree. Cells are data: the HTML escapes them, the text puts each on one line free
of control characters, and the CSV guards against spreadsheet formulas (a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so Excel,
LibreOffice or Google Sheets show it as text instead of running it).
"""

from __future__ import annotations

import csv
import errno
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

#: What a missing value shows as.
NONE = "–"
#: Characters that make a spreadsheet read a cell as a formula (or a DDE command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _control(c: str) -> bool:
    category = unicodedata.category(c)
    return category.startswith("C") or category in ("Zl", "Zp")


def one_line(value: str) -> str:
    """Text on one line: every control character (line breaks too) becomes a space."""
    if value.isprintable():  # no control, format, separator (but space) or unassigned character
        return value.strip()
    return "".join(" " if _control(c) else c for c in value).strip()


def percent(value: object) -> str:
    """0 to 100 as ``33%``."""
    return f"{value:.0f}%" if isinstance(value, int | float) else NONE


def decimal(places: int) -> Callable[[object], str]:
    """A number with ``places`` decimals (``0.42``), signed when it may be negative."""

    def show(value: object) -> str:
        return f"{value:.{places}f}" if isinstance(value, int | float) else NONE

    return show


def signed(value: object) -> str:
    """A change in points: ``+12``, ``-5``, ``0``."""
    return (
        f"{value:+.0f}"
        if isinstance(value, int | float) and value
        else ("0" if value == 0 else NONE)
    )


def yes_no(value: object) -> str:
    """True as ``yes``, False as ``no``."""
    return "yes" if value is True else "no" if value is False else NONE


@dataclass(frozen=True)
class Column:
    """One column: its title, how a value shows (``show``), and how the text form lays it out.

    ``number`` right-aligns it; ``cut`` shortens it in the text form only (with an ellipsis;
    never use it for learners' comments, which the text form prints whole).
    """

    title: str
    show: Callable[[object], str] | None = None
    number: bool = False
    cut: int | None = None
    nowrap: bool = False  # an id: never broken across lines in HTML
    wide: bool = False  # long text (a question): given room in HTML before other columns

    @property
    def css(self) -> str:
        """The HTML class of its cells."""
        if self.number:
            return "num"
        return "txt nowrap" if self.nowrap else "txt wide" if self.wide else "txt"

    def cell(self, value: object) -> str:
        """The value as shown (text and HTML)."""
        if self.show is not None:
            return self.show(value)
        if value is None:
            return NONE
        return str(value)


@dataclass(frozen=True)
class Table:
    """A report table: ``key`` names its CSV file (``<key>.csv``); rows hold plain values
    (text, int, float, bool, None), in the order of ``columns``."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    note: str = ""
    empty: str = "(none yet)"
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        width = len(self.columns)
        bad = [r for r in self.rows if len(r) != width]
        if bad:
            raise ValueError(f"table {self.key}: a row has {len(bad[0])} cells, not {width}")

    # --- text -----------------------------------------------------------------------------

    def text(self) -> list[str]:
        """The table as lines of text: caption, header, rule, rows, then the note."""
        out = [self.caption]
        if not self.rows:
            out.append(self.empty)
        else:
            cells = [[c.title for c in self.columns]]
            for row in self.rows:
                line = []
                for col, value in zip(self.columns, row, strict=True):
                    shown = one_line(col.cell(value))
                    if col.cut and len(shown) > col.cut:
                        shown = shown[: col.cut - 1].rstrip() + "…"
                    line.append(shown)
                cells.append(line)
            last = len(self.columns) - 1
            # the last column is never padded, so a long comment runs on without a wide table
            widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
            if not self.columns[last].number:
                widths[last] = 0

            def draw(r: list[str]) -> str:
                parts = [
                    c.rjust(w) if col.number else c.ljust(w)
                    for c, w, col in zip(r, widths, self.columns, strict=True)
                ]
                return "  ".join(parts).rstrip()

            rule = "  ".join("-" * max(w, len(cells[0][i])) for i, w in enumerate(widths))
            out += [draw(cells[0]), rule, *(draw(r) for r in cells[1:])]
        if self.note:
            out.append(self.note)
        return out

    # --- HTML -----------------------------------------------------------------------------

    def html(self, *, caption: bool = True) -> str:
        """The table as escaped HTML (a ``<table class='pmc-report-table'>``), then its note."""
        if not self.rows:
            head = f"<p><strong>{escape(self.caption)}</strong>: {escape(self.empty)}</p>"
            return head + (f"<p class='pmc-note'>{escape(self.note)}</p>" if self.note else "")
        th = "".join(
            f"<th scope='col' class='{c.css}'>{escape(c.title)}</th>" for c in self.columns
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td class='{col.css}'>{escape(col.cell(v))}</td>"
                for col, v in zip(self.columns, row, strict=True)
            )
            + "</tr>"
            for row in self.rows
        )
        cap = f"<caption>{escape(self.caption)}</caption>" if caption else ""
        note = f"<p class='pmc-note'>{escape(self.note)}</p>" if self.note else ""
        return (
            f"<table class='pmc-report-table' data-table='{escape(self.key)}'>{cap}"
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>{note}"
        )

    # --- CSV ------------------------------------------------------------------------------

    def csv(self) -> str:
        """The table as CSV: a header row, then the raw values (numbers as numbers, a missing
        value empty), every text cell guarded against formulas (:func:`guard`)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([guard(c.title) for c in self.columns])
        for row in self.rows:
            writer.writerow([_csv_cell(v) for v in row])
        return buffer.getvalue()


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value, 4)
    return guard(str(value))


def guard(text: str) -> str:
    """A text cell a spreadsheet will not run: a leading apostrophe before ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return (OWASP's advice on CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(tables: Sequence[Table], folder: str) -> list[str]:
    """Write each table as ``<folder>/<key>.csv`` (UTF-8 with a byte-order mark, which Excel
    needs to read accents); returns the paths written."""
    from pathlib import Path

    from ..course.files import write_text_atomic

    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR, "is a file; give a folder for the CSV files", str(target)
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = write_text_atomic(target / f"{table.key}.csv", "\ufeff" + table.csv())
        written.append(str(path))
    return written
