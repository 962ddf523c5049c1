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

    from .models.four_risks_view import FourRisksView
    from .models.stakeholders_view import ChannelsView, EngagementPlanView, StakeholderMapView
    from .models.value_map_view import ValueMapView
    from .progress_view import ProgressView, ResetView
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


__all__ = [
    "communication_channels",
    "course_map",
    "engagement_plan",
    "export_progress",
    "four_risks",
    "progress",
    "question",
    "quiz",
    "reset_progress",
    "stakeholder_map",
    "value_map",
]
