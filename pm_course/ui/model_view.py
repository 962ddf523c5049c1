"""The one way to build a live model: declare the controls, update a pure model, render.

Every model view repeats one loop: restore the learner's saved settings, build the controls,
observe them, and on each change update the model, save the settings quietly and redraw. This
base class owns that loop, so a view only declares what is its own::

    class ValueMapView(ModelView):
        TITLE = "Value map"
        KEY, SECTION = "value-map", "01_what_is_product_management"
        NOTE = not_running("move the sliders")

        def build(self):                 # the body, made with the control factories
            return [self.chart, self.slider("needs:A", "Meets users' needs", 5, 0, 10)]

        def update(self, settings):      # the controls' values -> the pure model
            self.model = ValueMap.from_settings(settings)

        def render(self):                # the pure model -> the outputs
            self.chart.value = ...

        def describe(self):              # the text fallback: .text and .markdown
            return self.model.summary()

What the base does for every view:

- **Save and restore**: with a ``KEY``, the controls' values are saved as one note after each
  change and put back when the cell runs again (a value that no longer fits a control is
  skipped and reported, never raised).
- **One change path**: :meth:`changed` reads the settings, calls ``update`` and ``render``. A
  :class:`SettingsProblem` (a learner's impossible setting) shows "Check the settings" and
  keeps the last good picture; any other fault shows "Something went wrong" (see
  :func:`~pm_course.ui.parts.safe`). Neither is ever a traceback.
- **Quiet syncing**: :meth:`put` sets controls from code (reset, examples) and redraws once.
- **Text fallback**: ``describe()`` followed by ``NOTE``, deterministic, for nbval and GitHub.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from html import escape
from typing import Any, ClassVar

import ipywidgets as W
import traitlets

from ..course.store import Store, get_store
from . import controls
from .parts import (
    COLOURS,
    FRAME,
    TextFallback,
    html_block,
    live,
    quietly,
    safe,
    warnings_html,
)

#: What a view goes on showing after a setting it cannot use, unless it says otherwise.
STILL = "The picture shows the last settings that worked."


class SettingsProblem(ValueError):
    """A setting the model cannot use (the learner's, not a bug): shown as "Check the settings".

    ``still`` says what the view goes on showing.
    """

    def __init__(self, message: str, still: str = STILL):
        super().__init__(message)
        self.still = still


@contextmanager
def refusing(prefix: str = "", still: str = STILL) -> Iterator[None]:
    """In ``update``: the pure model's ValueError (a setting it cannot use) becomes a
    :class:`SettingsProblem`, with ``prefix`` (the model's name, "small bets: ") taken off."""
    try:
        yield
    except SettingsProblem:
        raise
    except ValueError as exc:
        raise SettingsProblem(str(exc).removeprefix(prefix), still) from exc


def problem_html(text: str, still: str) -> str:
    """A clear message about a setting that cannot be used; ``still`` says what stays shown
    (read out by a screen reader when it appears)."""
    return live(
        html_block(
            f"<strong>Check the settings</strong>: {escape(text[:1].upper() + text[1:])}. "
            f"{escape(still)}",
            COLOURS["invalid"],
        )
    )


class ModelView(TextFallback, W.VBox):
    """A live model: controls, a pure model they update, and outputs rendered from it."""

    #: Heading above the model.
    TITLE: ClassVar[str] = ""
    #: HTML under the heading: what to do, and how with the keyboard.
    INTRO: ClassVar[str] = ""
    #: The sentence that ends the text fallback, ``course.text.not_running("<what to do>")``
    #: (empty for a view with nothing to change: the fallback is its description alone).
    NOTE: ClassVar[str] = ""
    #: Note key the settings are saved under (None: nothing is saved).
    KEY: ClassVar[str | None] = None
    #: The section the saved note belongs to.
    SECTION: ClassVar[str] = ""
    #: Sliders redraw while dragged, not only when let go: only for a model whose step takes
    #: well under 100 ms (``benchmarks/models.py``), so the picture follows the hand.
    DRAG: ClassVar[bool] = False

    def __init__(self, *, store: Store | None = None):
        self._store = store
        self._quiet = False
        self.controls: dict[str, W.ValueWidget] = {}
        self._live: set[str] = set()
        self._wired = False
        self.status = W.HTML()
        self.warning = W.HTML()
        body = self.build()
        head = [W.HTML(self._heading())] if self.TITLE or self.INTRO else []
        tail = [w for w in (self.status, self.warning) if not any(w is b for b in body)]
        super().__init__([*head, *body, *tail], layout=W.Layout(**FRAME))
        self.add_class("pmc-model")
        self.restored = self.restore()
        for name in self._live:
            self.controls[name].observe(self._on_change, names="value")
        self._wired = True
        self.changed(save=False)
        if self.restored:
            self.status.value = problem_html(
                "some saved settings could not be used (" + "; ".join(self.restored) + ")",
                "The others are back as you left them.",
            )

    # -- what a view declares ---------------------------------------------------------------

    def build(self) -> list[W.Widget]:
        """The view's body (between the heading and the status line; a view that wants
        ``self.status`` or ``self.warning`` elsewhere puts it in the body itself)."""
        raise NotImplementedError

    def update(self, settings: dict[str, Any]) -> None:
        """Set the model from the controls' values; raise SettingsProblem if it cannot."""
        raise NotImplementedError

    def render(self) -> None:
        """Redraw the outputs from the model."""
        raise NotImplementedError

    def describe(self) -> Any:
        """The model in words: an object with ``.text`` and ``.markdown``."""
        raise NotImplementedError

    # -- the store --------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The progress store: the one given, else the kernel's (opened on first use)."""
        if self._store is None:
            self._store = get_store()
        return self._store

    # -- control factories: each registers its control under ``name`` -------------------------

    def add(self, name: str, control: W.ValueWidget, *, live: bool = True) -> W.ValueWidget:
        """Register a control: its value is a setting, saved and restored. A ``live`` control
        redraws on every change; any other waits for the view to call :meth:`changed` (a
        "Check" button beside text boxes, say)."""
        if name in self.controls:
            raise ValueError(f"{type(self).__name__}: two controls are named {name!r}")
        self.controls[name] = control
        if live:
            self._live.add(name)
            if self._wired:  # added after the view was built (a new row): observed at once
                control.observe(self._on_change, names="value")
        return control

    def drop(self, *names: str) -> None:
        """Unregister controls (a removed row's, say): no longer settings, saved or observed."""
        for name in names:
            control = self.controls.pop(name)
            if name in self._live:
                self._live.discard(name)
                if self._wired:
                    control.unobserve(self._on_change, names="value")

    def slider(
        self, name: str, label: str, value: float, low: float, high: float, step: float = 1, **kw
    ):
        """A registered slider (see :func:`pm_course.ui.controls.slider`); it redraws while
        dragged if the view says so (:attr:`DRAG`)."""
        kw.setdefault("continuous", self.DRAG)
        return self.add(name, controls.slider(label, value, low, high, step, **kw))

    def choice(self, name: str, label: str, options: Sequence, value: object = None, **kw):
        """A registered drop-down menu (see :func:`pm_course.ui.controls.choice`)."""
        return self.add(name, controls.choice(label, options, value, **kw))

    def toggles(self, name: str, label: str, options: Sequence, value: object = None, **kw):
        """A registered row of toggle buttons (see :func:`pm_course.ui.controls.toggles`)."""
        return self.add(name, controls.toggles(label, options, value, **kw))

    def tick(self, name: str, label: str, value: bool = False, **kw):
        """A registered tick box (see :func:`pm_course.ui.controls.tick`)."""
        return self.add(name, controls.tick(label, value, **kw))

    def number(
        self, name: str, label: str, value: float, low: float, high: float, step: float = 1, **kw
    ):
        """A registered number box (see :func:`pm_course.ui.controls.number`)."""
        return self.add(name, controls.number(label, value, low, high, step, **kw))

    def text(self, name: str, label: str, value: str = "", *, live: bool = False, **kw):
        """A registered text box (see :func:`pm_course.ui.controls.text`); not live unless
        asked, so typing never redraws half a word."""
        return self.add(name, controls.text(label, value, **kw), live=live)

    def button(self, label: str, action: Callable[[], object], **kw) -> W.Button:
        """A button running ``action`` inside the fault guard (not a setting)."""
        return controls.button(label, lambda: self._guarded(action), **kw)

    def reset_control(
        self, defaults: Mapping[str, Any], label: str = "Reset to the examples"
    ) -> W.Button:
        """A button that puts the controls back to ``defaults`` and redraws once."""
        return self.button(
            label,
            lambda: self.put(defaults),
            icon="undo",
            tooltip="Put every control back to where it started",
        )

    # -- the loop -----------------------------------------------------------------------------

    @property
    def settings(self) -> dict[str, Any]:
        """The controls' values, JSON-ready (tuples as lists)."""
        return {
            name: list(c.value) if isinstance(c.value, tuple) else c.value
            for name, c in self.controls.items()
        }

    def restore(self) -> list[str]:
        """Put the saved settings back into the controls; returns what could not be used."""
        if self.KEY is None:
            return []
        saved = self.store.note(self.KEY)
        return self.load(saved) if isinstance(saved, dict) else []

    def load(self, values: Mapping[str, Any]) -> list[str]:
        """Set controls from ``values`` without redrawing; returns the names that did not fit.

        A value a control would change to fit (a slider clamps 50 to its top, 2.5 to 2) does not
        fit either: the control keeps its value.
        """
        problems = []
        with quietly(self):
            for name, value in values.items():
                control = self.controls.get(name)
                if control is None:
                    continue
                before = control.value
                try:
                    wanted = tuple(value) if isinstance(before, tuple) else value
                    control.value = wanted
                    if control.value != wanted:
                        raise ValueError("changed to fit")
                except (traitlets.TraitError, TypeError, ValueError):
                    control.value = before
                    problems.append(f"{control.description or name}: {value!r}")
        return problems

    def put(self, values: Mapping[str, Any]) -> None:
        """Set controls from code (reset, an example), then update, save and redraw once."""
        self.load(values)
        self.changed()

    def save(self) -> bool:
        """Save the settings under ``KEY``; False when they are kept for this session only."""
        if self.KEY is None:
            return True
        return self.store.save_note(self.SECTION, self.KEY, self.settings)

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.changed()

    @safe
    def changed(self, *, save: bool = True) -> None:
        """The one change path: update the model, save the settings, redraw."""
        try:
            self.update(self.settings)
        except SettingsProblem as problem:
            self.status.value = problem_html(str(problem), problem.still)
            return
        if save:
            self.save()
        self.status.value = ""
        self.render()
        if self.KEY is not None:
            self.warning.value = warnings_html(self.store)

    @safe
    def _guarded(self, action: Callable[[], object]) -> None:
        action()

    # -- text fallback ------------------------------------------------------------------------

    def _heading(self) -> str:
        title = f"<h3>{escape(self.TITLE)}</h3>" if self.TITLE else ""
        intro = f"<div style='line-height:1.4'>{self.INTRO}</div>" if self.INTRO else ""
        return title + intro

    def _text_plain(self) -> str:
        text = self.describe().text
        return f"{text}\n\n{self.NOTE}" if self.NOTE else text

    def _text_markdown(self) -> str:
        markdown = self.describe().markdown
        return f"{markdown}\n\n_{self.NOTE}_" if self.NOTE else markdown
