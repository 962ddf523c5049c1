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


__all__ = ["course_map", "export_progress", "progress", "question", "quiz", "reset_progress"]
