"""The four risks check as a live widget: pick a piece of work, set four confidences, read
which risk is biggest and who owns it.

The model lives in ``model``, the chart and words in ``render``; this module declares the
controls. Each piece of work keeps the scores the learner gave it (choosing another one and
coming back brings them back), and all of them are saved.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W

from ...course.text import not_running
from ...ui import controls
from ...ui.charts import LiveChart
from ...ui.model_view import ModelView, refusing
from . import render
from .model import PRESETS, RISKS, SCORE_MAX, SCORE_MIN, RiskBoard, RiskCheck


class FourRisksView(ModelView):
    """A drop-down of example pieces of work and one slider per risk; chart and words follow."""

    TITLE = "Four risks check"
    INTRO = (
        "Choose a piece of work, then set how sure the team is that each answer is yes, from 0 "
        "(no idea) to 10 (sure, with evidence)."
    )
    NOTE = not_running("choose a piece of work and move the sliders")
    KEY, SECTION = "four-risks", "01_what_is_product_management"

    def __init__(self, checks: tuple[RiskCheck, ...] = PRESETS, *, store=None):
        self.board = RiskBoard(tuple(checks), checks[0].name)
        super().__init__(store=store)

    @property
    def check(self) -> RiskCheck:
        """The piece of work shown, with its scores."""
        return self.board.check

    def build(self) -> list[W.Widget]:
        self.chart, self.summary = W.HTML(), W.HTML()
        self._chart = LiveChart(render.setup, size=render.SIZE)
        work = self.choice(
            "work",
            "Piece of work",
            [c.name for c in self.board.checks],
            self.board.chosen,
            label_width="initial",
        )
        # Another piece of work brings back its own scores before the one redraw.
        work.observe(self._work_chosen, names="value")
        rows = [
            controls.row(
                controls.sized(
                    self.slider(
                        risk.key,
                        risk.name,
                        self.check.score(risk.key),
                        SCORE_MIN,
                        SCORE_MAX,
                        tooltip=f"Confidence on {risk.name.lower()}: {risk.question}",
                        label_width="9rem",
                    ),
                    "22rem",
                ),
                W.HTML(
                    f"<small>{escape(risk.question)} Owner: {escape(risk.owner.lower())}.</small>"
                ),
            )
            for risk in RISKS
        ]
        return [work, *rows, self.chart, self.summary]

    def _work_chosen(self, change: dict) -> None:
        if not self._quiet:
            self.load(self.board.get(change["new"]).scores())

    @property
    def settings(self) -> dict[str, Any]:
        """The controls' values and every piece of work's scores (kept while another shows)."""
        return {**super().settings, "scores": self.board.scores()}

    def restore(self) -> list[str]:
        """Every piece of work's saved scores, then the piece of work shown, with its scores on
        the sliders."""
        saved = self.store.note(self.KEY)
        if not isinstance(saved, dict):
            return []
        self.board, problems = self.board.with_saved(saved.get("scores"))
        problems += self.load({"work": saved["work"]} if "work" in saved else {})
        return problems + self.load(self.board.get(self.controls["work"].value).scores())

    def update(self, settings: dict) -> None:
        with refusing("four risks check: ", "The chart shows the last scores that worked."):
            self.board = self.board.scored(settings["work"], settings)

    def render(self) -> None:
        render.draw(self._chart, self.check)
        self.chart.value = self._chart.html(self.check.alt_text) + render.numbers(self.check)
        self.summary.value = render.check_html(self.check)

    def describe(self) -> RiskCheck:
        return self.check
