"""The four risks check: how sure a team is about each of Marty Cagan's four big risks.

Cagan names four big risks for any piece of product work, each a question with one owner:
value (will people choose to use it? product manager), usability (can they work out how to
use it? designer), feasibility (can the team build it? tech lead) and business viability
(does it work for the organisation? product manager).

The check takes the team's confidence that each answer is "yes", a whole number from 0 to 10,
and reports each risk as open (0 to 3), partly answered (4 to 6) or answered (7 to 10); the
lowest score is the biggest risk, and its owner leads on the next step.

A :class:`RiskBoard` holds every piece of work as the learner has scored it, so choosing
another piece of work and coming back keeps the learner's scores.

Pure Python: no widgets and no charts here (see ``view``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

SCORE_MIN = 0
SCORE_MAX = 10
#: Scores below this are open risks.
PARTLY_FROM = 4
#: Scores from this up count as answered.
ANSWERED_FROM = 7


@dataclass(frozen=True)
class Risk:
    """One of the four big risks: its question, its owner and a first step to reduce it."""

    key: str
    name: str
    question: str
    owner: str
    next_step: str


#: The four risks in Cagan's order.
RISKS: tuple[Risk, ...] = (
    Risk(
        "value",
        "Value",
        "Will people choose to use it?",
        "Product manager",
        "look for evidence that people need it and would choose it, by talking to them",
    ),
    Risk(
        "usability",
        "Usability",
        "Can people work out how to use it?",
        "Designer",
        "put a rough prototype in front of a few users and watch them try it",
    ),
    Risk(
        "feasibility",
        "Feasibility",
        "Can the team build it with what it has?",
        "Tech lead",
        "try out the hardest part early, in a small technical experiment",
    ),
    Risk(
        "viability",
        "Business viability",
        "Does it work for the organisation?",
        "Product manager",
        "check costs, funding and obligations with the colleagues who know them",
    ),
)
RISK_KEYS = tuple(r.key for r in RISKS)
OWNERS = ("Product manager", "Designer", "Tech lead")


def status(score: int) -> str:
    """'open' (0 to 3), 'partly answered' (4 to 6) or 'answered' (7 to 10)."""
    if score < PARTLY_FROM:
        return "open"
    return "partly answered" if score < ANSWERED_FROM else "answered"


def _check(name: str, key: str, score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValueError(
            f"four risks check: '{name}' has {score!r} for {key}; confidence is a whole number "
            f"from {SCORE_MIN} to {SCORE_MAX}"
        )
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValueError(
            f"four risks check: '{name}' has {score} for {key}, outside the scale; confidence "
            f"runs from {SCORE_MIN} to {SCORE_MAX}"
        )
    return score


class Row(NamedTuple):
    """One risk with its score and status."""

    risk: Risk
    score: int
    status: str


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class RiskCheck:
    """A piece of work with the team's confidence on each risk (keys: ``RISK_KEYS``)."""

    name: str
    value: int
    usability: int
    feasibility: int
    viability: int

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("four risks check: a piece of work needs a name")
        for key in RISK_KEYS:
            _check(self.name, key, getattr(self, key))

    def score(self, key: str) -> int:
        """The confidence on one risk."""
        if key not in RISK_KEYS:
            raise ValueError(f"four risks check: no risk {key!r}; use one of {list(RISK_KEYS)}")
        return getattr(self, key)

    def with_score(self, key: str, score: int) -> RiskCheck:
        """A new check with one confidence changed (checked like any score)."""
        self.score(key)
        return RiskCheck(self.name, **(self.scores() | {key: score}))

    def scores(self) -> dict[str, int]:
        """The confidence on each risk, by key."""
        return {k: getattr(self, k) for k in RISK_KEYS}

    def rows(self) -> list[Row]:
        """Every risk in Cagan's order, with its score and status."""
        return [Row(r, self.score(r.key), status(self.score(r.key))) for r in RISKS]

    def biggest(self) -> list[Row]:
        """The risk or risks with the lowest confidence, unless every risk is answered."""
        rows = self.rows()
        low = min(r.score for r in rows)
        if status(low) == "answered":
            return []
        return [r for r in rows if r.score == low]

    @property
    def headline(self) -> str:
        """One sentence: the biggest risk and who leads on it."""
        top = self.biggest()
        if not top:
            return "Every risk looks answered: build it, and keep checking once people use it."
        if len(top) == 1:
            row = top[0]
            return (
                f"Biggest risk: {_lower_first(row.risk.name)} ({row.score} of {SCORE_MAX}), "
                f"owned by the {row.risk.owner.lower()}."
            )
        names = ", ".join(f"{_lower_first(r.risk.name)} ({r.risk.owner.lower()})" for r in top[:-1])
        last = top[-1]
        return (
            f"Biggest risks, tied at {last.score} of {SCORE_MAX}: {names} and "
            f"{_lower_first(last.risk.name)} ({last.risk.owner.lower()})."
        )

    def next_steps(self) -> list[str]:
        """What the owner of each biggest risk might do first."""
        return [f"{r.risk.owner}: {r.risk.next_step}." for r in self.biggest()]

    @property
    def owners_line(self) -> str:
        """Which risks are not yet answered, and how many of them the product manager owns."""
        waiting = [r for r in self.rows() if r.status != "answered"]
        if not waiting:
            return ""
        if len(waiting) == 1:
            return f"Not yet answered: 1 risk, owned by the {waiting[0].risk.owner.lower()}."
        mine = sum(r.risk.owner == "Product manager" for r in waiting)
        share = {0: "none", len(waiting): "all"}.get(mine, str(mine))
        if mine == len(waiting) == 2:
            share = "both"
        return f"Not yet answered: {len(waiting)} risks; the product manager owns {share} of them."

    @property
    def scale(self) -> str:
        """How to read the scores."""
        return (
            f"Confidence that the answer is yes, {SCORE_MIN} to {SCORE_MAX}: "
            f"{SCORE_MIN} to {PARTLY_FROM - 1} open, {PARTLY_FROM} to {ANSWERED_FROM - 1} "
            f"partly answered, {ANSWERED_FROM} to {SCORE_MAX} answered."
        )

    def table(self) -> str:
        """A fixed-width table: risk, confidence, status and owner."""
        width = max(len(r.name) for r in RISKS)
        lines = [f"{'Risk':<{width}}  Confidence  {'Status':<15}  Owner"]
        lines += [
            f"{r.risk.name:<{width}}  {r.score:>10}  {r.status:<15}  {r.risk.owner}"
            for r in self.rows()
        ]
        return "\n".join(lines)

    @property
    def text(self) -> str:
        """The whole check as plain text."""
        steps = [f"Next step for the {s[:1].lower()}{s[1:]}" for s in self.next_steps()]
        return "\n".join(
            [
                f"Four risks check: {self.name}",
                self.scale,
                "",
                self.table(),
                "",
                self.headline,
                *steps,
                *([self.owners_line] if self.owners_line else []),
            ]
        )

    @property
    def markdown(self) -> str:
        """The whole check as Markdown."""
        rows = [f"| {r.risk.name} | {r.score} | {r.status} | {r.risk.owner} |" for r in self.rows()]
        steps = [f"- Next step for the {s[:1].lower()}{s[1:]}" for s in self.next_steps()]
        return "\n".join(
            [
                f"**Four risks check**: {self.name}",
                "",
                self.scale,
                "",
                "| Risk | Confidence | Status | Owner |",
                "|---|--:|---|---|",
                *rows,
                "",
                f"**{self.headline}**",
                "",
                *steps,
                *(["", self.owners_line] if self.owners_line else []),
            ]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        bars = "; ".join(
            f"{r.risk.name}, owned by the {r.risk.owner.lower()}: {r.score}, {r.status}"
            for r in self.rows()
        )
        return (
            f"Bar chart of the team's confidence on each of the four big risks for "
            f"{self.name}, 0 to {SCORE_MAX}, with lines marking open, partly answered and "
            f"answered. {bars}. {self.headline}"
        )


#: Example checks for three pieces of work from the value map; the scores are illustrations.
PRESETS: tuple[RiskCheck, ...] = (
    RiskCheck("Director's banner", value=2, usability=8, feasibility=9, viability=6),
    RiskCheck("Online donations", value=8, usability=5, feasibility=7, viability=8),
    RiskCheck("Chatbot", value=3, usability=3, feasibility=4, viability=2),
)


@dataclass(frozen=True)
class RiskBoard:
    """Every piece of work with the confidences the learner has given it, and the one shown."""

    checks: tuple[RiskCheck, ...]
    chosen: str

    def __post_init__(self):
        names = [c.name for c in self.checks]
        if len(set(names)) != len(names):
            raise ValueError("four risks check: two pieces of work have the same name")
        if self.chosen not in names:
            raise ValueError(
                f"four risks check: no piece of work called {self.chosen!r}; "
                f"the pieces of work are {', '.join(names)}"
            )

    @property
    def check(self) -> RiskCheck:
        """The piece of work shown, with its scores."""
        return self.get(self.chosen)

    def get(self, name: str) -> RiskCheck:
        """One piece of work, as the learner left it."""
        for check in self.checks:
            if check.name == name:
                return check
        raise ValueError(f"four risks check: no piece of work called {name!r}")

    def scored(self, name: str, scores: Mapping[str, Any]) -> RiskBoard:
        """``name`` shown, with these confidences (checked like any score); the other pieces
        of work keep theirs."""
        new = RiskCheck(name, **{k: scores[k] for k in RISK_KEYS})
        return RiskBoard(tuple(new if c.name == name else c for c in self.checks), name)

    def scores(self) -> dict[str, dict[str, int]]:
        """Every piece of work's confidences, by name (JSON-ready: what is saved)."""
        return {c.name: c.scores() for c in self.checks}

    def with_saved(self, saved: object) -> tuple[RiskBoard, list[str]]:
        """The confidences saved with :meth:`scores` put back; a score that cannot be used is
        left out and named, and a piece of work no longer offered is skipped."""
        if not isinstance(saved, Mapping):
            return self, [] if saved is None else [f"the kept scores: {saved!r}"]
        checks, problems = [], []
        for check in self.checks:
            kept = saved.get(check.name)
            if kept is not None and not isinstance(kept, Mapping):
                problems.append(f"{check.name}: {kept!r}")
            for key, score in kept.items() if isinstance(kept, Mapping) else ():
                try:
                    check = check.with_score(key, score)
                except ValueError:
                    problems.append(f"{check.name}, {key}: {score!r}")
            checks.append(check)
        return replace(self, checks=tuple(checks)), problems


def preset(name: str) -> RiskCheck:
    """One of the example checks by name."""
    for check in PRESETS:
        if check.name == name:
            return check
    known = ", ".join(c.name for c in PRESETS)
    raise ValueError(f"four risks check: no example called {name!r}; the examples are {known}")


__all__ = [
    "ANSWERED_FROM",
    "OWNERS",
    "PARTLY_FROM",
    "PRESETS",
    "RISKS",
    "RISK_KEYS",
    "RiskBoard",
    "RiskCheck",
    "preset",
    "status",
]
