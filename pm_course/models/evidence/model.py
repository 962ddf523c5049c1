"""Evidence without big traffic: which way of learning fits a small organisation's question.

An A/B test needs thousands of people in each arm (the sample size comes from the A/B model,
:func:`pm_course.models.ab_test.model.sample_size`, not from a copy of it). Most charities do
not have that traffic, and many questions are not about moving a number at all. The planner
takes four things the learner knows:

- how many people reach the product or service each week;
- the question the team needs answered (can people use it, what do they need, would they want
  it, would the service help, did our change move a number);
- what a wrong decision would cost (little: easy to undo; a lot: hard to undo);
- for the A/B comparison: the current rate, the smallest change worth knowing about, and how
  many weeks the team can wait for an answer.

It marks each method as the first choice for the question, worth adding, too slow at this
traffic, or an answer to another question. The facts behind each method:

- usability tests: Jakob Nielsen, "Why You Only Need to Test with 5 Users" (2000): test with
  no more than 5 users and run as many small tests as you can; three rounds of 5 with fixes in
  between beat one study of 15; each distinct group of users needs its own; for numbers, test
  about 20 (Nielsen, "Quantitative Studies: How Many Users to Test?", 2006). GOV.UK Service
  Manual: a session lasts 30 to 60 minutes;
- in-depth interviews: GOV.UK Service Manual: one person at a time, 30 minutes to 2 hours;
- fake-door tests: a button, link or advertisement for something that does not exist yet; the
  click-through rate shows real interest (Kromatic, The Real Startup Book);
- concierge and Wizard of Oz tests: Eric Ries, The Lean Startup (2011): a concierge test is
  done by hand, openly; in a Wizard of Oz test people believe the product is real while people
  do the work behind the scenes;
- before and after with a comparison group (difference in differences): Gertler and others,
  Impact Evaluation in Practice (World Bank, 2nd edition, 2016), chapter 7: the change in the
  group that got the change, minus the change in a similar group that did not, over the same
  time; it assumes both groups would otherwise have moved alike.

Which method is first, and what a costly decision adds, are this course's own rules of thumb.

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ab_test.model import sample_size

#: The most people a week the planner takes.
MAX_WEEKLY = 10_000_000
#: The longest wait, in weeks, the planner takes.
MAX_WEEKS = 52


@dataclass(frozen=True)
class Method:
    """One way of learning: what it answers, whom it needs, what it costs, what it can show."""

    key: str
    name: str
    phrase: str
    answers: str
    people: str
    cost: str
    shows: str
    cannot: str


METHODS: tuple[Method, ...] = (
    Method(
        "usability",
        "Usability test",
        "a usability test",
        "Can people use it?",
        "5 people a round, for each distinct group of users",
        "30 to 60 minutes a session, watching each person try real tasks",
        "where and why people get stuck, in small rounds with fixes between them",
        "how many people share a problem, or whether a number moves (for numbers, about 20 people)",
    ),
    Method(
        "interviews",
        "In-depth interviews",
        "in-depth interviews",
        "What do people need, and why?",
        "a handful of people, one at a time",
        "30 minutes to 2 hours each, plus time to make sense of them",
        "people's circumstances and needs, in their own words",
        "how many people share a need, or whether they would use your answer to it",
    ),
    Method(
        "fake_door",
        "Fake-door test",
        "a fake-door test",
        "Would people want it?",
        "enough visitors passing the button to count the clicks",
        "a button or link, and a page saying honestly that it is not ready yet",
        "real interest: how many people click on something that does not exist yet",
        "whether people would use it, or be helped by it, once it exists",
    ),
    Method(
        "concierge",
        "Concierge test",
        "a concierge test",
        "Would the service help people?",
        "a few people, each served by hand",
        "staff time for every person served",
        "whether the service helps and what people value, face to face; they know a person is "
        "doing the work",
        "whether the work can be automated, or what it costs to run for many people",
    ),
    Method(
        "wizard",
        "Wizard of Oz test",
        "a Wizard of Oz test",
        "Would the service help people?",
        "a few people, with staff doing the work behind the scenes",
        "staff time behind the scenes, and care over what people are told",
        "how people use the service as if it were finished, before the hard part is built",
        "whether the automation can be built, or what it costs to run for many people",
    ),
    Method(
        "before_after",
        "Before and after, with a comparison group",
        "a before-and-after check against a comparison group",
        "Did our change move a number?",
        "the people you already have, in two similar groups (two branches or areas, say)",
        "the figures you already collect, before and after the change, for both groups",
        "the change in the group that got it, minus the change in the group that did not",
        "cause as firmly as random assignment: it assumes both groups would otherwise have "
        "moved alike, and small groups give noisy figures",
    ),
    Method(
        "ab_test",
        "A/B test",
        "an A/B test",
        "Did our change move a number?",
        "as many people in each arm as the sample-size formula gives (see the A/B line)",
        "a tool that splits people at random, and the weeks it takes to reach the size",
        "whether the change caused the difference, with a known false-positive rate",
        "why people behaved as they did, or anything at all if it is too small",
    ),
)
METHOD_KEYS = tuple(m.key for m in METHODS)


@dataclass(frozen=True)
class Question:
    """A question a team needs answered: the methods that answer it first, and the one a costly
    decision adds."""

    key: str
    text: str
    first: tuple[str, ...]
    second: str


QUESTIONS: tuple[Question, ...] = (
    Question("use", "Can people use it?", ("usability",), "interviews"),
    Question("need", "What do people need, and why?", ("interviews",), "concierge"),
    Question("want", "Would people want it?", ("fake_door",), "concierge"),
    Question("help", "Would the service help people?", ("concierge", "wizard"), "interviews"),
    Question("number", "Did our change move a number?", ("before_after",), "interviews"),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)

#: What a wrong decision would cost: the key and the words shown.
COSTS = {"little": "Little: easy to undo", "a lot": "A lot: hard to undo"}

#: The verdicts, from the strongest.
FIRST, ADD, FITS, SLOW, OTHER = (
    "first choice",
    "worth adding",
    "also fits",
    "too slow at your traffic",
    "answers another question",
)


def find_method(key: str) -> Method:
    """One method by key."""
    for m in METHODS:
        if m.key == key:
            return m
    raise ValueError(f"evidence planner: no method {key!r}; use one of {list(METHOD_KEYS)}")


def find_question(key: str) -> Question:
    """One question by key."""
    for q in QUESTIONS:
        if q.key == key:
            return q
    raise ValueError(f"evidence planner: no question {key!r}; use one of {list(QUESTION_KEYS)}")


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"evidence planner: {what} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(
            f"evidence planner: {what} must be from {low:,} to {high:,}, not {value:,}"
        )
    return value


def _percent(value: object, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"evidence planner: {what} must be a number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(
            f"evidence planner: {what} must be from {low:g} to {high:g}, not {value:g}"
        )
    return float(value)


def _people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


def _weeks(n: int) -> str:
    return f"{n:,} {'week' if n == 1 else 'weeks'}"


@dataclass(frozen=True)
class Row:
    """One method with its verdict for this plan."""

    method: Method
    verdict: str


@dataclass(frozen=True)
class Plan:
    """A team's situation and the methods that fit it."""

    weekly: int
    question: str
    cost: str
    baseline: float = 10.0
    effect: float = 1.0
    wait: int = 8

    def __post_init__(self):
        _whole(self.weekly, "the number of people a week", 1, MAX_WEEKLY)
        find_question(self.question)
        if self.cost not in COSTS:
            raise ValueError(
                f"evidence planner: the cost of a wrong decision is one of {list(COSTS)}, "
                f"not {self.cost!r}"
            )
        _percent(self.baseline, "the current rate (%)", 0.5, 90)
        _percent(self.effect, "the smallest change worth knowing (points)", 0.1, 9.5)
        _whole(self.wait, "the weeks you can wait", 1, MAX_WEEKS)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Plan:
        """A plan from the controls' values (keys: the field names)."""
        fields = ("weekly", "question", "cost", "baseline", "effect", "wait")
        return cls(**{k: settings[k] for k in fields if k in settings})

    @property
    def asked(self) -> Question:
        """The question the team needs answered."""
        return find_question(self.question)

    # -- the A/B figure, from the A/B model ---------------------------------------------------

    @property
    def per_arm(self) -> int:
        """People per arm for an A/B test (alpha 0.05 two-sided, power 0.8), rounded up."""
        return math.ceil(sample_size(self.baseline / 100, self.effect / 100))

    @property
    def ab_people(self) -> int:
        """People in both arms together."""
        return 2 * self.per_arm

    @property
    def ab_weeks(self) -> int:
        """Weeks of traffic an A/B test needs, at this many people a week."""
        return math.ceil(self.ab_people / self.weekly)

    @property
    def ab_in_reach(self) -> bool:
        """True if an A/B test would finish within the weeks the team can wait."""
        return self.ab_weeks <= self.wait

    @property
    def ab_line(self) -> str:
        """The A/B test's size, for comparison."""
        verdict = (
            "within the time you can wait"
            if self.ab_in_reach
            else f"far more than the {_weeks(self.wait)} you can wait"
            if self.ab_weeks >= 2 * self.wait
            else f"more than the {_weeks(self.wait)} you can wait"
        )
        return (
            f"An A/B test to detect a rise of {self.effect:g} percentage "
            f"point{'' if self.effect == 1 else 's'} on {self.baseline:g}% needs "
            f"about {self.per_arm:,} people in each arm ({self.ab_people:,} in all): at "
            f"{_people(self.weekly)} a week, {_weeks(self.ab_weeks)}, {verdict}."
        )

    # -- the verdicts -------------------------------------------------------------------------

    @property
    def first(self) -> tuple[str, ...]:
        """The methods to start with."""
        if self.question == "number" and self.ab_in_reach:
            return ("ab_test",)
        return self.asked.first

    @property
    def added(self) -> str | None:
        """The second kind of evidence a costly decision deserves (None for a cheap one)."""
        return self.asked.second if self.cost == "a lot" else None

    def verdict(self, key: str) -> str:
        """What this plan makes of one method."""
        find_method(key)
        if key in self.first:
            return FIRST
        if key == self.added:
            return ADD
        if key == "ab_test":
            return SLOW if self.question == "number" else OTHER
        if key == "before_after" and self.question == "number":
            return FITS
        return OTHER

    def rows(self) -> list[Row]:
        """Every method with its verdict, in the course's order."""
        return [Row(m, self.verdict(m.key)) for m in METHODS]

    # -- in words -----------------------------------------------------------------------------

    @property
    def settings_line(self) -> str:
        """The plan's inputs in one line."""
        return (
            f"{_people(self.weekly)} a week; question: {self.asked.text} A wrong decision would "
            f"cost {COSTS[self.cost].split(':')[0].lower()}; you can wait {_weeks(self.wait)}."
        )

    @property
    def headline(self) -> str:
        """One sentence: what to start with, and why."""
        start = "Start with " + " or ".join(find_method(k).phrase for k in self.first)
        if self.question == "number":
            if self.ab_in_reach:
                return f"{start}: at your traffic it can finish in {_weeks(self.ab_weeks)}."
            return f"{start}: an A/B test would take about {_weeks(self.ab_weeks)} at your traffic."
        return f"{start}, which answers \u201c{self.asked.text}\u201d without big traffic."

    @property
    def cost_line(self) -> str:
        """What the cost of a wrong decision adds."""
        if self.added is None:
            return (
                "A wrong decision is easy to undo: this one kind of evidence is enough to "
                "decide; then keep watching once the change is live."
            )
        return (
            f"A wrong decision is hard to undo: before deciding, add a second kind of evidence, "
            f"{find_method(self.added).phrase}."
        )

    def method_lines(self) -> list[str]:
        """What each method to use can and cannot show."""
        keys = [*self.first, *([self.added] if self.added else [])]
        return [
            f"{m.name}: needs {m.people}; costs {m.cost}. It can show {m.shows}. "
            f"It cannot show {m.cannot}."
            for m in map(find_method, keys)
        ] + ([self.door_line] if "fake_door" in keys else [])

    @property
    def door_line(self) -> str:
        """How many people would pass a fake door in the weeks the team can wait."""
        return (
            f"In {_weeks(self.wait)}, about {_people(self.weekly * self.wait)} would pass the "
            f"button: the share who click is the signal."
        )

    def lines(self) -> list[str]:
        """The settings, the headline, then the reasons, one sentence or so per line."""
        return [
            self.settings_line,
            self.headline,
            self.cost_line,
            *self.method_lines(),
            self.ab_line,
        ]

    def table(self) -> str:
        """A fixed-width table: method, the question it answers, and the verdict."""
        width = max(len(m.name) for m in METHODS)
        answers = max(len(m.answers) for m in METHODS)
        head = f"{'Method':<{width}}  {'Answers':<{answers}}  Verdict"
        body = [
            f"{r.method.name:<{width}}  {r.method.answers:<{answers}}  {r.verdict}"
            for r in self.rows()
        ]
        return "\n".join([head, *body])

    @property
    def text(self) -> str:
        """The whole plan as plain text."""
        return "\n".join(["Evidence planner", *self.lines(), "", self.table()])

    @property
    def markdown(self) -> str:
        """The whole plan as Markdown."""
        rows = [f"| {r.method.name} | {r.method.answers} | {r.verdict} |" for r in self.rows()]
        first, headline, *rest = self.lines()
        return "\n".join(
            [
                "**Evidence planner**",
                "",
                first,
                "",
                f"**{headline}**",
                "",
                *(f"- {x}" for x in rest),
                "",
                "| Method | Answers | Verdict |",
                "|---|---|---|",
                *rows,
            ]
        )


__all__ = [
    "ADD",
    "COSTS",
    "FIRST",
    "FITS",
    "MAX_WEEKLY",
    "MAX_WEEKS",
    "METHODS",
    "METHOD_KEYS",
    "OTHER",
    "QUESTIONS",
    "QUESTION_KEYS",
    "SLOW",
    "Method",
    "Plan",
    "Question",
    "Row",
    "find_method",
    "find_question",
]
