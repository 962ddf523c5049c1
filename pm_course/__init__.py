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

    from pm_course.activities.certificate.view import CertificateView
    from pm_course.activities.final_check.view import CourseSummaryView, FinalCheckView
    from pm_course.activities.flashcards.view import FlashcardsView
    from pm_course.activities.glossary.view import GlossaryView
    from pm_course.classroom.report_view import ClassReportView
    from pm_course.classroom.results_view import ExportResultsView, SectionFeedbackView
    from pm_course.course.summary import CourseMap
    from pm_course.models.ab_test.view import ABTestView, PeekingView
    from pm_course.models.bets.view import SmallBetsView
    from pm_course.models.conway.view import (
        CompilerView,
        ConwaySimulatorView,
        InverseConwayView,
        VistaChartView,
    )
    from pm_course.models.four_risks.view import FourRisksView
    from pm_course.models.hypothesis.view import HypothesisCardView
    from pm_course.models.life_cycle.view import LifeCycleView
    from pm_course.models.metrics.view import HeartView, VanityView
    from pm_course.models.rice.view import RiceView
    from pm_course.models.roadmap.view import RoadmapView
    from pm_course.models.stakeholders.view import (
        ChannelsView,
        EngagementPlanView,
        StakeholderMapView,
    )
    from pm_course.models.strategy.view import ConstraintsView, KernelView
    from pm_course.models.user_need.view import UserNeedView
    from pm_course.models.value_map.view import ValueMapView
    from pm_course.models.vision.view import VisionView
    from pm_course.ui.progress import ProgressView, ResetView
    from pm_course.ui.questions import QuestionView, QuizView


def question(qid: str) -> QuestionView:
    """A question from the course content, ready to answer."""
    from pm_course.course.content import question as find
    from pm_course.ui.questions import QuestionView

    return QuestionView(find(qid))


def quiz(section: str, ids: list[str] | None = None, title: str | None = None) -> QuizView:
    """The questions of a section (or the listed ids), numbered under one heading."""
    from pm_course.course.content import question as find
    from pm_course.course.content import section as find_section
    from pm_course.ui.questions import QuizView

    sec = find_section(section)
    questions = [find(i) for i in ids] if ids else list(sec.questions)
    return QuizView(questions, title or f"Check your understanding: {sec.title}")


def course_map() -> CourseMap:
    """The sections of the course with their minutes and the time to reach each one."""
    from pm_course.course.summary import CourseMap

    return CourseMap()


def progress() -> ProgressView:
    """Your progress by section: a table and a chart."""
    from pm_course.ui.progress import ProgressView

    return ProgressView()


def reset_progress() -> ResetView:
    """A button that deletes your progress after you confirm (a backup is exported first)."""
    from pm_course.ui.progress import ResetView

    return ResetView()


def export_progress(path: str | None = None) -> Path:
    """Save all of your records to a JSON file; returns its path."""
    from pm_course.ui.progress import export_progress as export

    return export(path)


def value_map() -> ValueMapView:
    """The value map: score pieces of work for value to the organisation and users' needs met."""
    from pm_course.models.value_map.view import ValueMapView

    return ValueMapView()


def four_risks() -> FourRisksView:
    """The four risks check: confidence on value, usability, feasibility and viability."""
    from pm_course.models.four_risks.view import FourRisksView

    return FourRisksView()


def stakeholder_map() -> StakeholderMapView:
    """The stakeholder map: place people on the power/interest grid; saved as you go."""
    from pm_course.models.stakeholders.view import StakeholderMapView

    return StakeholderMapView()


def engagement_plan() -> EngagementPlanView:
    """A starting engagement plan for your stakeholder map, following it as it changes."""
    from pm_course.models.stakeholders.view import EngagementPlanView

    return EngagementPlanView()


def communication_channels(people: int = 5) -> ChannelsView:
    """Communication channels in a team: n(n-1)/2 as the team grows."""
    from pm_course.models.stakeholders.view import ChannelsView

    return ChannelsView(people)


def life_cycle(stage: str = "introduction", moves: tuple[str, ...] = ()) -> LifeCycleView:
    """The product life cycle: a Bass adoption curve, its stages and Levitt's extension moves.

    ``stage`` is the stage shown first; ``moves`` names moves switched on at the start
    (``"frequent"``, ``"varied"``, ``"new_users"``, ``"new_uses"``).
    """
    from pm_course.models.life_cycle.model import LifeCycle
    from pm_course.models.life_cycle.view import LifeCycleView

    return LifeCycleView(LifeCycle(stage=stage, moves=moves))


def conway_simulator() -> ConwaySimulatorView:
    """Conway's law: set teams and who talks to whom; see the architecture they produce."""
    from pm_course.models.conway.view import ConwaySimulatorView

    return ConwaySimulatorView()


def inverse_conway() -> InverseConwayView:
    """The inverse Conway manoeuvre: design teams to build a target architecture."""
    from pm_course.models.conway.view import InverseConwayView

    return InverseConwayView()


def conway_compilers() -> CompilerView:
    """Conway's compiler example: split people between two compilers; see the phases."""
    from pm_course.models.conway.view import CompilerView

    return CompilerView()


def vista_chart() -> VistaChartView:
    """The Windows Vista study: how well organisational and code measures predicted failures."""
    from pm_course.models.conway.view import VistaChartView

    return VistaChartView()


def hypothesis_card() -> HypothesisCardView:
    """The hypothesis card: write an idea as a testable hypothesis; checked and saved."""
    from pm_course.models.hypothesis.view import HypothesisCardView

    return HypothesisCardView()


def ab_test() -> ABTestView:
    """The A/B test simulator: power, p-values and the sample size a test needs."""
    from pm_course.models.ab_test.view import ABTestView

    return ABTestView()


def peeking() -> PeekingView:
    """The peeking problem: how checking a test early and often inflates false positives."""
    from pm_course.models.ab_test.view import PeekingView

    return PeekingView()


def small_bets() -> SmallBetsView:
    """Many small tested bets against one big untested launch, using published win rates."""
    from pm_course.models.bets.view import SmallBetsView

    return SmallBetsView()


def user_need_checker() -> UserNeedView:
    """The user-need checker: write "As a ... I need to ... so that ..." and get feedback."""
    from pm_course.models.user_need.view import UserNeedView

    return UserNeedView()


def rice_prioritiser() -> RiceView:
    """The RICE prioritiser: an editable backlog ranked by Reach x Impact x Confidence / Effort."""
    from pm_course.models.rice.view import RiceView

    return RiceView()


def heart_planner() -> HeartView:
    """The North Star and HEART planner: goals, signals and metrics for a product."""
    from pm_course.models.metrics.view import HeartView

    return HeartView()


def vanity_check() -> VanityView:
    """The vanity-metric check: is a metric a running total, only rising, or tied to no decision?"""
    from pm_course.models.metrics.view import VanityView

    return VanityView()


def vision_statement() -> VisionView:
    """The vision statement builder: Moore's template, a box per slot, checked and saved."""
    from pm_course.models.vision.view import VisionView

    return VisionView()


def strategy_kernel() -> KernelView:
    """Rumelt's kernel (diagnosis, guiding policy, coherent actions) with a bad-strategy check."""
    from pm_course.models.strategy.view import KernelView

    return KernelView()


def today_vs_future() -> ConstraintsView:
    """Today's constraints, each marked as one the vision must not inherit or one to plan around."""
    from pm_course.models.strategy.view import ConstraintsView

    return ConstraintsView()


def now_next_later() -> RoadmapView:
    """A Now / Next / Later roadmap board of your own items, with a check for stray dates."""
    from pm_course.models.roadmap.view import RoadmapView

    return RoadmapView()


def key_phrases() -> GlossaryView:
    """The glossary of key phrases: search as you type, with a link to each phrase's notebook."""
    from pm_course.activities.glossary.view import GlossaryView

    return GlossaryView()


def flashcards() -> FlashcardsView:
    """Flashcards of the key phrases in five Leitner boxes; your boxes are saved as you go."""
    from pm_course.activities.flashcards.view import FlashcardsView

    return FlashcardsView()


def final_check() -> FinalCheckView:
    """The final check: 15 marked questions from sections 01 to 07, a new set on request."""
    from pm_course.activities.final_check.view import FinalCheckView

    return FinalCheckView()


def course_summary() -> CourseSummaryView:
    """Your progress in every section as a chart, with your final-check score in words."""
    from pm_course.activities.final_check.view import CourseSummaryView

    return CourseSummaryView()


def certificate(path: str | None = None) -> CertificateView:
    """A name box and a button that saves your completion certificate as an HTML page.

    ``path`` is a folder, or an ``.html`` file; by default a dated file in the current folder.
    """
    from pm_course.activities.certificate.view import CertificateView

    return CertificateView(path)


def section_feedback(section: str) -> SectionFeedbackView:
    """How useful and how hard a section was (1 to 5), and a comment; saved with your progress."""
    from pm_course.classroom.results_view import SectionFeedbackView

    return SectionFeedbackView(section)


def export_results(folder: str | None = None) -> ExportResultsView:
    """Save a small results file for your instructor: a name or code, reflections if ticked.

    ``folder`` defaults to ``$PM_COURSE_CLASS_DIR`` if your instructor set it, else this folder.
    """
    from pm_course.classroom.results_view import ExportResultsView

    return ExportResultsView(folder=folder)


def class_results(folder: str | None = None, *, fallback: str | None = None) -> ClassReportView:
    """The class report of a folder of learners' results files (for instructors).

    The folder is ``folder``, else ``$PM_COURSE_CLASS_DIR``, else ``fallback``, else this one.
    """
    import os

    from pm_course.classroom.report_view import ClassReportView

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
