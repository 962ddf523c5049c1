"""pm_course: the helper package of the product management course.

Notebook cells call these functions; each returns an object that shows itself as a live
widget in JupyterLab and as text everywhere else::

    import pm_course
    pm_course.question("wipm-definition")
    pm_course.quiz("01")
    pm_course.progress()

``import pm_course`` is light: ipywidgets and matplotlib load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from .class_report_view import ClassReportView
    from .models.ab_test_view import ABTestView, PeekingView
    from .models.bets_view import SmallBetsView
    from .models.certificate_view import CertificateView
    from .models.conway_view import (
        CompilerView,
        ConwaySimulatorView,
        InverseConwayView,
        VistaChartView,
    )
    from .models.final_check_view import CourseSummaryView, FinalCheckView
    from .models.flashcards_view import FlashcardsView
    from .models.four_risks_view import FourRisksView
    from .models.glossary_view import GlossaryView
    from .models.hypothesis_view import HypothesisCardView
    from .models.life_cycle_view import LifeCycleView
    from .models.metrics_view import HeartView, VanityView
    from .models.rice_view import RiceView
    from .models.roadmap_view import RoadmapView
    from .models.stakeholders_view import ChannelsView, EngagementPlanView, StakeholderMapView
    from .models.strategy_view import ConstraintsView, KernelView
    from .models.user_need_view import UserNeedView
    from .models.value_map_view import ValueMapView
    from .models.vision_view import VisionView
    from .progress_view import ProgressView, ResetView
    from .results_view import ExportResultsView, SectionFeedbackView
    from .summary import CourseMap
    from .widgets import QuestionView, QuizView


def question(qid: str) -> QuestionView:
    """A question from the course content, ready to answer."""
    from .content import question as find
    from .widgets import QuestionView

    return QuestionView(find(qid))


def quiz(section: str, ids: list[str] | None = None, title: str | None = None) -> QuizView:
    """The questions of a section (or the listed ids), numbered under one heading."""
    from .content import question as find
    from .content import section as find_section
    from .widgets import QuizView

    sec = find_section(section)
    questions = [find(i) for i in ids] if ids else list(sec.questions)
    return QuizView(questions, title or f"Check your understanding: {sec.title}")


def course_map() -> CourseMap:
    """The sections of the course with their minutes and the time to reach each one."""
    from .summary import CourseMap

    return CourseMap()


def progress() -> ProgressView:
    """Your progress by section: a table and a chart."""
    from .progress_view import ProgressView

    return ProgressView()


def reset_progress() -> ResetView:
    """A button that deletes your progress after you confirm (a backup is exported first)."""
    from .progress_view import ResetView

    return ResetView()


def export_progress(path: str | None = None) -> Path:
    """Save all of your records to a JSON file; returns its path."""
    from .progress_view import export_progress as export

    return export(path)


def value_map() -> ValueMapView:
    """The value map: score pieces of work for value to the organisation and users' needs met."""
    from .models.value_map_view import ValueMapView

    return ValueMapView()


def four_risks() -> FourRisksView:
    """The four risks check: confidence on value, usability, feasibility and viability."""
    from .models.four_risks_view import FourRisksView

    return FourRisksView()


def stakeholder_map() -> StakeholderMapView:
    """The stakeholder map: place people on the power/interest grid; saved as you go."""
    from .models.stakeholders_view import StakeholderMapView

    return StakeholderMapView()


def engagement_plan() -> EngagementPlanView:
    """A starting engagement plan for your stakeholder map, following it as it changes."""
    from .models.stakeholders_view import EngagementPlanView

    return EngagementPlanView()


def communication_channels(people: int = 5) -> ChannelsView:
    """Communication channels in a team: n(n-1)/2 as the team grows."""
    from .models.stakeholders_view import ChannelsView

    return ChannelsView(people)


def life_cycle(stage: str = "introduction", moves: tuple[str, ...] = ()) -> LifeCycleView:
    """The product life cycle: a Bass adoption curve, its stages and Levitt's extension moves.

    ``stage`` is the stage shown first; ``moves`` names moves switched on at the start
    (``"frequent"``, ``"varied"``, ``"new_users"``, ``"new_uses"``).
    """
    from .models.life_cycle import LifeCycle
    from .models.life_cycle_view import LifeCycleView

    return LifeCycleView(LifeCycle(stage=stage, moves=moves))


def conway_simulator() -> ConwaySimulatorView:
    """Conway's law: set teams and who talks to whom; see the architecture they produce."""
    from .models.conway_view import ConwaySimulatorView

    return ConwaySimulatorView()


def inverse_conway() -> InverseConwayView:
    """The inverse Conway manoeuvre: design teams to build a target architecture."""
    from .models.conway_view import InverseConwayView

    return InverseConwayView()


def conway_compilers() -> CompilerView:
    """Conway's compiler example: split people between two compilers; see the phases."""
    from .models.conway_view import CompilerView

    return CompilerView()


def vista_chart() -> VistaChartView:
    """The Windows Vista study: how well organisational and code measures predicted failures."""
    from .models.conway_view import VistaChartView

    return VistaChartView()


def hypothesis_card() -> HypothesisCardView:
    """The hypothesis card: write an idea as a testable hypothesis; checked and saved."""
    from .models.hypothesis_view import HypothesisCardView

    return HypothesisCardView()


def ab_test() -> ABTestView:
    """The A/B test simulator: power, p-values and the sample size a test needs."""
    from .models.ab_test_view import ABTestView

    return ABTestView()


def peeking() -> PeekingView:
    """The peeking problem: how checking a test early and often inflates false positives."""
    from .models.ab_test_view import PeekingView

    return PeekingView()


def small_bets() -> SmallBetsView:
    """Many small tested bets against one big untested launch, using published win rates."""
    from .models.bets_view import SmallBetsView

    return SmallBetsView()


def user_need_checker() -> UserNeedView:
    """The user-need checker: write "As a ... I need to ... so that ..." and get feedback."""
    from .models.user_need_view import UserNeedView

    return UserNeedView()


def rice_prioritiser() -> RiceView:
    """The RICE prioritiser: an editable backlog ranked by Reach x Impact x Confidence / Effort."""
    from .models.rice_view import RiceView

    return RiceView()


def heart_planner() -> HeartView:
    """The North Star and HEART planner: goals, signals and metrics for a product."""
    from .models.metrics_view import HeartView

    return HeartView()


def vanity_check() -> VanityView:
    """The vanity-metric check: is a metric a running total, only rising, or tied to no decision?"""
    from .models.metrics_view import VanityView

    return VanityView()


def vision_statement() -> VisionView:
    """The vision statement builder: Moore's template, a box per slot, checked and saved."""
    from .models.vision_view import VisionView

    return VisionView()


def strategy_kernel() -> KernelView:
    """Rumelt's kernel (diagnosis, guiding policy, coherent actions) with a bad-strategy check."""
    from .models.strategy_view import KernelView

    return KernelView()


def today_vs_future() -> ConstraintsView:
    """Today's constraints, each marked as one the vision must not inherit or one to plan around."""
    from .models.strategy_view import ConstraintsView

    return ConstraintsView()


def now_next_later() -> RoadmapView:
    """A Now / Next / Later roadmap board of your own items, with a check for stray dates."""
    from .models.roadmap_view import RoadmapView

    return RoadmapView()


def key_phrases() -> GlossaryView:
    """The glossary of key phrases: search as you type, with a link to each phrase's notebook."""
    from .models.glossary_view import GlossaryView

    return GlossaryView()


def flashcards() -> FlashcardsView:
    """Flashcards of the key phrases in five Leitner boxes; your boxes are saved as you go."""
    from .models.flashcards_view import FlashcardsView

    return FlashcardsView()


def final_check() -> FinalCheckView:
    """The final check: 15 marked questions from sections 01 to 07, a new set on request."""
    from .models.final_check_view import FinalCheckView

    return FinalCheckView()


def course_summary() -> CourseSummaryView:
    """Your progress in every section as a chart, with your final-check score in words."""
    from .models.final_check_view import CourseSummaryView

    return CourseSummaryView()


def certificate(path: str | None = None) -> CertificateView:
    """A name box and a button that saves your completion certificate as an HTML page.

    ``path`` is a folder, or an ``.html`` file; by default a dated file in the current folder.
    """
    from .models.certificate_view import CertificateView

    return CertificateView(path)


def section_feedback(section: str) -> SectionFeedbackView:
    """How useful and how hard a section was (1 to 5), and a comment; saved with your progress."""
    from .results_view import SectionFeedbackView

    return SectionFeedbackView(section)


def export_results(folder: str | None = None) -> ExportResultsView:
    """Save a small results file for your instructor: a name or code, reflections if ticked.

    ``folder`` defaults to ``$PM_COURSE_CLASS_DIR`` if your instructor set it, else this folder.
    """
    from .results_view import ExportResultsView

    return ExportResultsView(folder=folder)


def class_results(folder: str | None = None, *, fallback: str | None = None) -> ClassReportView:
    """The class report of a folder of learners' results files (for instructors).

    The folder is ``folder``, else ``$PM_COURSE_CLASS_DIR``, else ``fallback``, else this one.
    """
    import os

    from .class_report_view import ClassReportView

    env = os.environ.get("PM_COURSE_CLASS_DIR", "").strip()
    return ClassReportView(folder or env or fallback or ".")


__all__ = [
    "ab_test",
    "certificate",
    "class_results",
    "communication_channels",
    "conway_compilers",
    "conway_simulator",
    "course_map",
    "course_summary",
    "engagement_plan",
    "export_progress",
    "export_results",
    "final_check",
    "flashcards",
    "four_risks",
    "heart_planner",
    "hypothesis_card",
    "inverse_conway",
    "key_phrases",
    "life_cycle",
    "now_next_later",
    "peeking",
    "progress",
    "question",
    "quiz",
    "reset_progress",
    "rice_prioritiser",
    "section_feedback",
    "small_bets",
    "stakeholder_map",
    "strategy_kernel",
    "today_vs_future",
    "user_need_checker",
    "value_map",
    "vanity_check",
    "vision_statement",
    "vista_chart",
]
