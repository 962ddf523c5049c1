"""The value map: pieces of work placed by value to the organisation and users' needs met.

James Gadsby Peet defines product management as developing something that delivers value to
your organisation by meeting your users' needs. The value map turns that sentence into two
scores per piece of work, each a whole number from 0 to 10:

- **value**: how much value it would deliver to the organisation;
- **needs**: how well it would meet its users' needs.

A score of 6 or more counts as high (``HIGH_FROM``); 5, the middle, counts as low, because a
piece of work should clearly clear the middle before it is called valuable. The two scores
place the work in one of four quadrants (``QUADRANTS``); only "both high" is the sweet spot
the definition describes. Each quadrant carries a short reading for a product manager.

Pure Python: no widgets and no charts here (see ``view``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import common as _pure
from ..common import HIGH_FROM, SCORE_MAX, SCORE_MIN, join_names

#: The two scores, as learners read them.
SCORE_NAMES = {"value": "value to the organisation", "needs": "how well it meets users' needs"}


@dataclass(frozen=True)
class Quadrant:
    """One quarter of the map, with what it means for a product manager."""

    key: str
    title: str
    where: str
    advice: str
    reading: str


#: The quadrants in the order they are reported: the sweet spot first.
QUADRANTS: dict[str, Quadrant] = {
    q.key: q
    for q in (
        Quadrant(
            "sweet_spot",
            "Sweet spot",
            "high value to the organisation and meets users' needs",
            "build it, then check that the value really arrives",
            "This is product management as the definition describes it: the organisation gains "
            "because users' needs are met. Build it, then measure whether the value arrives.",
        ),
        Quadrant(
            "organisation_only",
            "Organisation only",
            "valuable to the organisation, but meets few users' needs",
            "find the user need before building",
            "The value depends on users choosing to use it, which they may not do: Marty Cagan "
            "calls this the value risk. Look for a real user need behind the request, or "
            "challenge it, before the team builds anything.",
        ),
        Quadrant(
            "users_only",
            "Users only",
            "meets users' needs, but adds little for the organisation",
            "find the value to the organisation, or explain why it waits",
            "Users would welcome it, but the organisation gains little, so it may not be viable "
            "to build and run. Look for the link to the organisation's goals or mission, or "
            "explain to users why it waits.",
        ),
        Quadrant(
            "neither",
            "Neither",
            "low value to the organisation and meets few users' needs",
            "say no, or park it",
            "Neither the organisation nor its users gain much. Say no, or park it until "
            "something changes, and spend the team's time elsewhere.",
        ),
    )
}


def check_score(score: object, what: str = "a score", name: str = "") -> int:
    """Return ``score`` if it is a whole number from 0 to 10; otherwise raise ValueError."""
    return _pure.check_score(score, what, name, "value map")


def is_high(score: int) -> bool:
    """True for a score of ``HIGH_FROM`` (6) or more."""
    return check_score(score) >= HIGH_FROM


def classify(value: int, needs: int) -> Quadrant:
    """The quadrant of a piece of work from its two scores (each 0 to 10)."""
    check_score(value, SCORE_NAMES["value"])
    check_score(needs, SCORE_NAMES["needs"])
    order = ("sweet_spot", "organisation_only", "users_only", "neither")
    return _pure.corner(is_high(value), is_high(needs), [QUADRANTS[k] for k in order])


@dataclass(frozen=True)
class Work:
    """A candidate piece of work with its two scores."""

    name: str
    detail: str
    value: int
    needs: int

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("value map: a piece of work needs a name")
        check_score(self.value, SCORE_NAMES["value"], self.name)
        check_score(self.needs, SCORE_NAMES["needs"], self.name)

    @property
    def quadrant(self) -> Quadrant:
        """Where the two scores place this piece of work."""
        return classify(self.value, self.needs)


#: A small charity's candidate pieces of work, with one reasonable scoring each.
PRESETS: tuple[Work, ...] = (
    Work("Online donations", "Let supporters give online in a few simple steps.", 9, 8),
    Work("Event sign-up", "Online sign-up for the charity's sponsored walk.", 7, 7),
    Work(
        "Director's banner",
        "A large homepage banner a senior stakeholder has asked for.",
        7,
        2,
    ),
    Work(
        "Forum dark theme",
        "A dark colour theme that some members of the online community asked for.",
        2,
        7,
    ),
    Work("Chatbot", "A chatbot on the website, because other charities have one.", 3, 2),
)


@dataclass(frozen=True)
class Summary:
    """What the map shows, in words: a headline, one row per piece of work, one line per group."""

    works: tuple[Work, ...]

    @property
    def groups(self) -> list[tuple[Quadrant, list[Work]]]:
        """Every quadrant in report order, with its pieces of work (possibly none)."""
        return _pure.groups(self.works, QUADRANTS.values())

    @property
    def sweet_spot(self) -> list[Work]:
        """The pieces of work in the sweet spot."""
        return [w for w in self.works if w.quadrant.key == "sweet_spot"]

    @property
    def headline(self) -> str:
        """One sentence: how many pieces of work are in the sweet spot, and which."""
        total, sweet = len(self.works), self.sweet_spot
        noun = "piece of work" if total == 1 else "pieces of work"
        if not sweet:
            return f"None of the {total} {noun} is in the sweet spot."
        if len(sweet) == total:
            return f"All {total} {noun} are in the sweet spot."
        verb = "is" if len(sweet) == 1 else "are"
        names = join_names([w.name for w in sweet])
        return f"{len(sweet)} of {total} {noun} {verb} in the sweet spot: {names}."

    @property
    def scale(self) -> str:
        """How to read the scores."""
        return (
            f"Each piece of work is scored from {SCORE_MIN} to {SCORE_MAX} for its value to the "
            f"organisation and for how well it meets users' needs; {HIGH_FROM} or more counts "
            "as high."
        )

    def table(self) -> str:
        """A fixed-width table: name, the two scores and the quadrant."""
        rows = [(w.name, w.value, w.needs, w.quadrant.title) for w in self.works]
        return _pure.score_table(("Work", "Value", "Needs", "Quadrant"), rows)

    def readings(self) -> list[str]:
        """One line per quadrant that holds work: its title, its work and the next step."""
        return [
            f"{q.title}: {join_names([w.name for w in works])}. Next step: {q.advice}."
            for q, works in self.groups
            if works
        ]

    @property
    def text(self) -> str:
        """The whole summary as plain text."""
        return _pure.summary_text(
            "Value map", self.headline, self.scale, self.table(), self.readings()
        )

    @property
    def markdown(self) -> str:
        """The whole summary as Markdown."""
        rows = [f"| {w.name} | {w.value} | {w.needs} | {w.quadrant.title} |" for w in self.works]
        return "\n".join(
            [
                f"**Value map**: {self.headline}",
                "",
                self.scale,
                "",
                "| Work | Value | Needs | Quadrant |",
                "|---|--:|--:|---|",
                *rows,
                "",
                *(f"- {line}" for line in self.readings()),
            ]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words, for screen readers and anyone who cannot see it."""
        points = "; ".join(
            f"{w.name}: needs {w.needs}, value {w.value}, {w.quadrant.title.lower()}"
            for w in self.works
        )
        return (
            f"Scatter chart of {len(self.works)} pieces of work. Across: how well each meets "
            f"users' needs, 0 to 10; up: its value to the organisation, 0 to 10. Lines between "
            f"5 and {HIGH_FROM} split the chart into four quadrants, with the sweet spot at the "
            f"top right. {points}. {self.headline}"
        )


@dataclass(frozen=True)
class ValueMap:
    """A set of pieces of work, each scored; build a new map to change a score."""

    works: tuple[Work, ...] = PRESETS

    def __post_init__(self):
        works = tuple(self.works)
        if not works:
            raise ValueError("value map: needs at least one piece of work")
        for w in works:
            if not isinstance(w, Work):
                raise ValueError(f"value map: {w!r} is not a Work")
        names = [w.name for w in works]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"value map: two pieces of work are called {name!r}")
        object.__setattr__(self, "works", works)

    def work(self, name: str) -> Work:
        """One piece of work by its name."""
        for w in self.works:
            if w.name == name:
                return w
        known = ", ".join(w.name for w in self.works)
        raise ValueError(f"value map: no piece of work called {name!r}; the map has {known}")

    def rescore(self, name: str, *, value: int | None = None, needs: int | None = None) -> ValueMap:
        """A new map with one piece of work's scores changed (checked like any score)."""
        old = self.work(name)
        new = replace(
            old,
            value=old.value if value is None else value,
            needs=old.needs if needs is None else needs,
        )
        return ValueMap(tuple(new if w.name == name else w for w in self.works))

    def summary(self) -> Summary:
        """What the map shows, in words."""
        return Summary(self.works)

    def with_settings(self, settings: dict) -> ValueMap:
        """This map rescored from saved or live settings ``"<name>:value"``/``"<name>:needs"``;
        scores that are missing keep their value, and a bad score raises ValueError."""
        works = self
        for w in self.works:
            works = works.rescore(
                w.name, value=settings.get(f"{w.name}:value"), needs=settings.get(f"{w.name}:needs")
            )
        return works


@dataclass(frozen=True)
class Label:
    """Where a chart writes the names of the work at one spot, and on which side."""

    needs: int
    value: int
    text: str
    right: bool


def labels(works: tuple[Work, ...]) -> list[Label]:
    """One label per spot on the map (works with the same scores share one), written to the
    right of the point unless that would run off the chart."""
    spots: dict[tuple[int, int], list[str]] = {}
    for w in works:
        spots.setdefault((w.needs, w.value), []).append(w.name)
    return [Label(x, y, "\n".join(names), x <= SCORE_MAX - 3) for (x, y), names in spots.items()]


__all__ = [
    "HIGH_FROM",
    "PRESETS",
    "QUADRANTS",
    "SCORE_MAX",
    "SCORE_MIN",
    "Quadrant",
    "Summary",
    "ValueMap",
    "Work",
    "classify",
    "is_high",
    "labels",
]
