"""Per-section progress and score, derived from the store (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass

from .content import Section, course
from .store import QuestionState, Store


@dataclass(frozen=True)
class SectionProgress:
    """How far a learner is through one section."""

    slug: str
    title: str
    total: int
    done: int
    graded: int
    score: float  # sum of best scores of graded questions
    right_first_time: int

    @property
    def percent_done(self) -> float:
        """Share of the section's questions done, 0 to 100."""
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def percent_score(self) -> float:
        """Score on the graded questions, 0 to 100."""
        return 100.0 * self.score / self.graded if self.graded else 0.0


def section_progress(
    store: Store, sections: tuple[Section, ...] | None = None
) -> list[SectionProgress]:
    """Progress of every section, in course order."""
    states = store.states()
    rows = []
    for s in sections if sections is not None else course():
        mine = [(q, states.get(q.id, QuestionState())) for q in s.questions]
        graded = [(q, st) for q, st in mine if q.graded]
        rows.append(
            SectionProgress(
                slug=s.slug,
                title=s.title,
                total=len(mine),
                done=sum(st.done for _, st in mine),
                graded=len(graded),
                score=sum(st.score for _, st in graded),
                right_first_time=sum(st.right_first_time for _, st in graded),
            )
        )
    return rows


def progress_table(rows: list[SectionProgress]) -> str:
    """Progress as a fixed-width text table (the text fallback of the progress view)."""
    width = max([len("Section"), *(len(r.title) for r in rows)])
    lines = [
        f"{'Section':<{width}}  {'Done':>9}  {'Score':>6}",
        f"{'-' * width}  {'-' * 9}  {'-' * 6}",
    ]
    for r in rows:
        done = f"{r.done}/{r.total}"
        score = f"{r.percent_score:.0f}%" if r.graded else "-"
        lines.append(f"{r.title:<{width}}  {done:>9}  {score:>6}")
    total_done = sum(r.done for r in rows)
    total = sum(r.total for r in rows)
    lines.append(f"{'All sections':<{width}}  {f'{total_done}/{total}':>9}")
    return "\n".join(lines)


class CourseMap:
    """The course's sections with their minutes and the running total, as Markdown and text."""

    def __init__(self, sections: tuple[Section, ...] | None = None):
        self.sections = sections if sections is not None else course()

    def rows(self) -> list[tuple[str, str, int, int]]:
        """(number, title, minutes, minutes to the end of the section) per section."""
        total, rows = 0, []
        for s in self.sections:
            total += s.minutes
            rows.append((s.number, s.title, s.minutes, total))
        return rows

    def _repr_markdown_(self) -> str:
        lines = ["| # | Section | Minutes | Time to here |", "|---|---|--:|--:|"]
        lines += [
            f"| {n} | [{title}]({s.slug}.ipynb) | {m} | {t} |"
            for (n, title, m, t), s in zip(self.rows(), self.sections, strict=True)
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        width = max([len("Section"), *(len(r[1]) for r in self.rows())])
        lines = [f"#   {'Section':<{width}}  Minutes  Time to here"]
        lines += [f"{n:<3} {title:<{width}}  {m:>7}  {t:>12}" for n, title, m, t in self.rows()]
        return "\n".join(lines)
