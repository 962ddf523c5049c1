"""Control factories: every slider, menu, box and button of a view is made here.

Each factory takes the visible label first and gives the control its description (what a screen
reader announces with it), a tooltip that says the range or purpose, and a layout that wraps in
a narrow window. A model view asks :class:`~pm_course.ui.model_view.ModelView` for controls; the
base calls these and registers the result under a name. A view built by hand (flashcards, the
certificate, the results export, the progress view ...) calls them directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import ipywidgets as W

#: How wide a control's label is, unless a view asks otherwise.
LABEL_WIDTH = "10.5rem"
#: The whole width of a control's box: ipywidgets keeps a 2px margin (``MARGIN_PX``) on either
#: side of every widget, so a control 100% wide pokes 4px out and its box scrolls sideways in a
#: narrow window (or at 200% zoom).
FULL = "calc(100% - 4px)"
#: A row control stretches to its box but never beyond a readable width.
ROW = {"width": FULL, "max_width": "36rem"}
#: A text box fills its box up to a readable line length.
TEXT = {"width": FULL, "max_width": "52rem"}
#: The looks a button can take (``button_style``): "" plain, or a colour with a meaning.
BUTTON_STYLES = ("", "primary", "success", "info", "warning", "danger")


def _style(label_width: str | None) -> dict[str, str]:
    return {"description_width": label_width or LABEL_WIDTH}


def _width(width: str | None, default: dict[str, str]) -> W.Layout:
    """A control's layout: ``width`` if given (never wider than its box), else ``default``."""
    return W.Layout(width=width, max_width=FULL) if width else W.Layout(**default)


def slider(
    label: str,
    value: float,
    low: float,
    high: float,
    step: float = 1,
    *,
    tooltip: str = "",
    readout: str | None = None,
    label_width: str | None = None,
    continuous: bool = False,
) -> W.IntSlider | W.FloatSlider:
    """A slider: whole numbers if ``value``, ``low``, ``high`` and ``step`` are all ints.

    ``readout`` is a format such as ``".2f"`` or ``".0%"``; the value changes when the handle
    is let go (or an arrow key pressed), so one move is one redraw; ``continuous`` sends it
    while the handle is dragged too (ipywidgets sends the newest value once the kernel has
    taken the last), for a model that redraws fast enough to follow the hand.
    """
    whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (value, low, high, step))
    kind = W.IntSlider if whole else W.FloatSlider
    extra = {"readout_format": readout} if readout else {}
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        tooltip=tooltip or f"{label}: {low} to {high}",
        continuous_update=continuous,
        style=_style(label_width),
        layout=W.Layout(**ROW),
        **extra,
    )


def choice(
    label: str,
    options: Sequence[str] | Sequence[tuple[str, object]],
    value: object = None,
    *,
    tooltip: str = "",
    label_width: str | None = None,
    width: str | None = None,
) -> W.Dropdown:
    """A drop-down menu of ``options`` (texts, or (text, value) pairs); ``width`` fixes its
    width (never wider than its box) instead of stretching it to a row."""
    menu = W.Dropdown(
        options=list(options),
        description=label,
        tooltip=tooltip or label,
        style=_style(label_width),
        layout=_width(width, ROW),
    )
    if value is not None:
        menu.value = value
    return menu


def toggles(
    label: str,
    options: Sequence[str] | Sequence[tuple[str, object]],
    value: object = None,
    *,
    tooltips: Sequence[str] = (),
    label_width: str | None = None,
) -> W.ToggleButtons:
    """A row of toggle buttons, one of which is pressed."""
    buttons = W.ToggleButtons(
        options=list(options),
        description=label,
        tooltips=list(tooltips),
        style={**_style(label_width), "button_width": "auto"},
        layout=W.Layout(width="auto", max_width=FULL),
    )
    if value is not None:
        buttons.value = value
    return buttons


def tick(label: str, value: bool = False, *, tooltip: str = "") -> W.Checkbox:
    """A tick box whose label is its own text."""
    return W.Checkbox(
        value=value,
        description=label,
        tooltip=tooltip or label,
        indent=False,
        layout=W.Layout(width="auto", max_width=FULL),
    )


def number(
    label: str,
    value: float,
    low: float,
    high: float,
    step: float = 1,
    *,
    tooltip: str = "",
    label_width: str | None = None,
) -> W.BoundedIntText | W.BoundedFloatText:
    """A number box that keeps its value between ``low`` and ``high``."""
    whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (value, low, high, step))
    kind = W.BoundedIntText if whole else W.BoundedFloatText
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        tooltip=tooltip or f"{label}: {low} to {high}",
        style=_style(label_width),
        layout=W.Layout(width="18rem", max_width=FULL),
    )


def whole(
    label: str,
    value: int,
    *,
    step: int = 1,
    tooltip: str = "",
    width: str = "20rem",
    label_width: str | None = None,
) -> W.IntText:
    """A box for any whole number (type it and press Enter): the model checks it, so a number
    it cannot use gets a clear message instead of being changed without a word."""
    return W.IntText(
        value=value,
        step=step,
        description=label,
        tooltip=tooltip or label,
        style=_style(label_width),
        layout=W.Layout(width=width, max_width=FULL),
    )


def sized(control: W.Widget, width: str) -> W.Widget:
    """``control`` at a fixed ``width``, but never wider than its box (a narrow window)."""
    control.layout.width, control.layout.max_width = width, FULL
    return control


def text(
    label: str,
    value: str = "",
    *,
    placeholder: str = "",
    tooltip: str = "",
    rows: int = 0,
    label_width: str | None = None,
    width: str | None = None,
    continuous: bool = False,
    submit: Callable[[], object] | None = None,
) -> W.Text | W.Textarea:
    """A text box (``rows`` > 0: a box of that many lines). Saved as typed.

    A box sends its text when the learner leaves it (or, in a one-line box, presses Enter);
    ``continuous`` sends it on every key instead (a search that filters as you type: never
    beside a button that reads the box, see :class:`Enter`). ``submit`` is run when Enter is
    pressed in a one-line box, once, after the box has sent what was typed. ``width`` fixes
    its width (never wider than its box) instead of filling the row.
    """
    common = {
        "value": value,
        "placeholder": placeholder,
        "description": label,
        "tooltip": tooltip or label,
        "style": _style(label_width),
        "layout": _width(width, TEXT),
    }
    if rows:
        return W.Textarea(rows=rows, continuous_update=continuous, **common)
    box = W.Text(continuous_update=continuous, **common)
    if submit is not None:
        Enter(box, submit)
    return box


#: How long Enter waits for the typed text to arrive, in seconds, when it does not come at once
#: (it never comes when the box already held that text: Enter pressed twice, or after a Tab).
ENTER_GRACE_S = 0.3


class Waiting:
    """An action that waits a moment for a value still on its way from the page.

    ipywidgets sends a click, or Enter's "submit", at once, but holds a box's new text while
    the kernel has not yet answered the box's last message: so the text can land just after the
    click. :meth:`arm` runs the action when the text lands (:meth:`arrived`), or after
    :data:`ENTER_GRACE_S` if none comes; outside a kernel's event loop it runs at once.
    """

    def __init__(self, action: Callable[[], object]):
        self.action = action
        self.armed = False
        self._timer: asyncio.TimerHandle | None = None

    def arm(self) -> None:
        """Run the action once the text lands, or after a moment if none comes."""
        self.armed = True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop (a script): the text is already here
            self._fire()
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_later(ENTER_GRACE_S, self._due)

    def arrived(self) -> bool:
        """A value landed: run the action now if it waits for one (True), else False."""
        if not self.armed:
            return False
        self._fire()
        return True

    def _due(self) -> None:
        self._timer = None
        if self.armed:
            self._fire()

    def _fire(self) -> None:
        self.armed = False
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.action()


class Enter(Waiting):
    """Enter in a one-line box runs ``action`` once, on the text that was typed.

    Pressing Enter sends two messages, in this order: "submit" (ipywidgets 8 dropped
    ``on_submit`` but still sends it), then the box's new text, which only comes if the text
    changed since the box last sent it. So "submit" arms the action (:meth:`Waiting.arm`) and
    the text that follows fires it. A change of text that Enter did not send (the learner left
    the box) goes to ``on_change`` instead: a view clears its feedback on the old text there.

    A button beside the box sends the box's text first (the box loses the focus to the button
    before the click, and ``continuous_update`` is off, so no key is left queued behind the
    kernel's reply); a button that finds the text it checked last can :meth:`arm` too, in case
    the new text is still held back behind the box's previous message.
    """

    def __init__(
        self,
        box: W.Text,
        action: Callable[[], object],
        on_change: Callable[[], object] | None = None,
    ):
        super().__init__(action)
        self.box, self.on_change = box, on_change
        box.continuous_update = False
        box.on_msg(self._on_msg)
        box.observe(self._on_value, names="value")

    def _on_msg(self, _widget: W.Widget, content: dict, _buffers: list) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self.arm()

    def _on_value(self, _change: dict) -> None:
        if not self.arrived() and self.on_change is not None:
            self.on_change()


def button(
    label: str,
    action: Callable[[], object],
    *,
    icon: str = "",
    tooltip: str = "",
    primary: bool = False,
    style: str = "",
) -> W.Button:
    """A button that runs ``action()`` when pressed (by mouse, Enter or Space).

    ``style`` is one of :data:`BUTTON_STYLES` ("success" for I knew it, "warning" before a
    step that deletes, "danger" for the step itself); ``primary=True`` is ``style="primary"``.
    """
    if style not in BUTTON_STYLES:
        raise ValueError(f"button {label!r}: style {style!r} is not one of {BUTTON_STYLES}")
    made = W.Button(
        description=label,
        icon=icon,
        tooltip=tooltip or label,
        button_style=style or ("primary" if primary else ""),
        # its own width, even in a column, and never squeezed by its row (a row wraps instead:
        # squeezed, "Check answer" lost its last letters in an 800-pixel window); only a
        # label wider than the whole box is cut short
        layout=W.Layout(width="auto", max_width=FULL, align_self="flex-start", flex="0 0 auto"),
    )
    made.on_click(lambda _: action())
    return made


def row(*children: W.Widget) -> W.Box:
    """Controls side by side, wrapping onto the next line in a narrow window."""
    # ipywidgets 8 has no ``gap`` trait; ``grid_gap`` sets CSS grid-gap, an alias of gap
    return W.Box(list(children), layout=W.Layout(flex_flow="row wrap", grid_gap="4px 16px"))


def grid(children: Sequence[W.Widget], min_width: str = "22rem") -> W.GridBox:
    """Cards in as many columns as fit, each at least ``min_width`` wide."""
    return W.GridBox(
        list(children),
        layout=W.Layout(
            grid_template_columns=f"repeat(auto-fill, minmax(min({min_width}, 100%), 1fr))",
            grid_gap="4px 24px",
        ),
    )


#: The layout of a control in a :func:`table` cell: it fills its cell and may shrink with it.
CELL = {"width": "auto", "min_width": "0"}
#: The margin ipywidgets keeps around every widget, in px (``--jp-widgets-margin``).
MARGIN_PX = 2


def table(columns: Sequence[tuple[float, float]]) -> W.GridBox:
    """An empty table of controls: set its ``children`` to the headings, then each row's cells,
    row after row (each with the ``CELL`` layout), and every cell stays under its heading.

    ``columns`` are each column's (least, widest) width in rem, the widest not counting the
    widget's margins. A wide window shows every column at its widest; a narrower one shrinks
    them all in proportion, none below its least, so the last ones never fall off screen.
    """
    margins = 2 * MARGIN_PX
    # A column's share of the free width is its widest width in px (1rem = 16px), margins
    # included; the table is never wider than all columns at their widest.
    tracks = " ".join(f"minmax({low:g}rem, {high * 16 + margins:g}fr)" for low, high in columns)
    widest = f"calc({sum(high for _, high in columns):g}rem + {margins * len(columns)}px)"
    return W.GridBox(layout=W.Layout(grid_template_columns=tracks, max_width=widest))
