"""Stakeholders: the power/interest grid, an engagement plan drawn from it, and the number of
communication channels in a group.

**The grid.** Each stakeholder gets two whole-number scores from 0 to 10: **power** (how much
they can shape or stop the work) and **interest** (how much they care about it). A score of 6
or more counts as high (``HIGH_FROM``), so the middle score, 5, counts as low. The two scores
place a stakeholder in one of four quadrants, each with an engagement strategy: manage closely
(high power, high interest), keep satisfied (high power, low interest), keep informed (low
power, high interest) and monitor (low power, low interest). Mendelow presented stakeholder
mapping at ICIS in 1981, relating power to how dynamic the environment is; the power/interest
grid in this form was popularised by Johnson and Scholes' *Exploring Corporate Strategy*.

**The plan.** Each quadrant gets a starting set of the source page's tactics (review meetings,
an advisory board, 1-2-1 catch-ups, regular updates, training for new features), each with a
cadence (``PLAYBOOK``). The cadences are this course's suggestion, not a published rule. The
plan also counts the contacts a year it asks for: a 1-2-1 counts once per person; a shared
format (a meeting, a board, an update) counts once per date, at the most
frequent cadence anyone invited needs.

**The channels.** A group of n people has n(n-1)/2 pairs who might talk to each other.

Pure Python (and numpy for the curve): no widgets and no charts here (see
``stakeholders_view``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import common as _pure
from ..common import HIGH_FROM, SCORE_MAX, SCORE_MIN, join_names

#: The most stakeholders one map holds (a map is for the key people, not everyone).
MAX_STAKEHOLDERS = 12
#: The longest name, in characters.
MAX_NAME = 40
#: The largest team the channels model draws.
MAX_TEAM = 30

#: The course section that owns the saved map, and the key it is saved under.
SECTION = "04_relationships"
NOTE_KEY = "rel-stakeholder-map"
DATA_VERSION = 1


# --- the grid ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quadrant:
    """One quarter of the power/interest grid and its engagement strategy."""

    key: str
    title: str
    where: str
    strategy: str


#: The quadrants in report order: the most engagement first.
QUADRANTS: dict[str, Quadrant] = {
    q.key: q
    for q in (
        Quadrant(
            "manage_closely",
            "Manage closely",
            "high power, high interest",
            "they are the key players, so involve them early, consult them before decisions "
            "and keep in regular two-way contact",
        ),
        Quadrant(
            "keep_satisfied",
            "Keep satisfied",
            "high power, low interest",
            "meet their concerns without burying them in detail, and consult them on what "
            "touches their interests, because their interest can rise quickly",
        ),
        Quadrant(
            "keep_informed",
            "Keep informed",
            "low power, high interest",
            "tell them regularly what is happening and why; they often spot problems early "
            "and can become the product's champions",
        ),
        Quadrant(
            "monitor",
            "Monitor",
            "low power, low interest",
            "keep a light touch with a short general update, and watch for changes in their "
            "power or interest",
        ),
    )
}


def check_score(score: object, what: str, name: str = "") -> int:
    """Return ``score`` if it is a whole number from 0 to 10; otherwise raise ValueError."""
    return _pure.check_score(score, what, name, "stakeholder map")


def is_high(score: int) -> bool:
    """True for a score of ``HIGH_FROM`` (6) or more."""
    return check_score(score, "a score") >= HIGH_FROM


def classify(power: int, interest: int) -> Quadrant:
    """The quadrant of a stakeholder from their power and interest (each 0 to 10)."""
    check_score(power, "power")
    check_score(interest, "interest")
    order = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
    return _pure.corner(is_high(power), is_high(interest), [QUADRANTS[k] for k in order])


_SPACES = re.compile(r"\s+")


def clean_name(name: object) -> str:
    """A name with its spaces tidied; ValueError if it is empty, too long or not text."""
    if not isinstance(name, str):
        raise ValueError(f"stakeholder map: a name must be text, not {name!r}")
    tidy = _SPACES.sub(" ", "".join(ch if ch.isprintable() else " " for ch in name)).strip()
    if not tidy:
        raise ValueError("stakeholder map: type a name for the stakeholder first")
    if len(tidy) > MAX_NAME:
        raise ValueError(
            f"stakeholder map: a name can be at most {MAX_NAME} characters; "
            f"'{tidy[:20]}…' has {len(tidy)}"
        )
    return tidy


@dataclass(frozen=True)
class Stakeholder:
    """A person or group with a stake in the product, scored for power and interest."""

    name: str
    power: int
    interest: int

    def __post_init__(self):
        object.__setattr__(self, "name", clean_name(self.name))
        check_score(self.power, "power", self.name)
        check_score(self.interest, "interest", self.name)

    @property
    def quadrant(self) -> Quadrant:
        """Where the two scores place this stakeholder."""
        return classify(self.power, self.interest)


#: A small charity launching an online booking service for its volunteers.
PRESETS: tuple[Stakeholder, ...] = (
    Stakeholder("Chief executive", 9, 7),
    Stakeholder("Head of volunteering", 7, 9),
    Stakeholder("Board of trustees", 9, 3),
    Stakeholder("Main grant funder", 7, 2),
    Stakeholder("Volunteer coordinators", 4, 9),
    Stakeholder("Volunteers", 2, 7),
    Stakeholder("IT support contractor", 4, 3),
    Stakeholder("Local newspaper", 1, 1),
)


def _key(name: str) -> str:
    return name.casefold()


@dataclass(frozen=True)
class StakeholderMap:
    """Stakeholders on the grid (names unique, ignoring case); changes return a new map."""

    stakeholders: tuple[Stakeholder, ...] = PRESETS

    def __post_init__(self):
        people = tuple(self.stakeholders)
        for s in people:
            if not isinstance(s, Stakeholder):
                raise ValueError(f"stakeholder map: {s!r} is not a Stakeholder")
        if len(people) > MAX_STAKEHOLDERS:
            raise ValueError(
                f"stakeholder map: at most {MAX_STAKEHOLDERS} stakeholders, not {len(people)}"
            )
        seen: dict[str, str] = {}
        for s in people:
            if _key(s.name) in seen:
                raise ValueError(
                    f"stakeholder map: two stakeholders are called '{seen[_key(s.name)]}'"
                )
            seen[_key(s.name)] = s.name
        object.__setattr__(self, "stakeholders", people)

    def __len__(self) -> int:
        return len(self.stakeholders)

    @property
    def names(self) -> list[str]:
        """The stakeholders' names, in map order."""
        return [s.name for s in self.stakeholders]

    def find(self, name: str) -> Stakeholder | None:
        """The stakeholder with this name (ignoring case and extra spaces), or None."""
        try:
            wanted = _key(clean_name(name))
        except ValueError:
            return None
        return next((s for s in self.stakeholders if _key(s.name) == wanted), None)

    def get(self, name: str) -> Stakeholder:
        """The stakeholder with this name; ValueError naming the map's stakeholders if none."""
        found = self.find(name)
        if found is None:
            known = join_names(self.names) or "nobody yet"
            raise ValueError(
                f"stakeholder map: no stakeholder called '{name}'; the map has {known}"
            )
        return found

    def add(self, name: str, power: int, interest: int) -> StakeholderMap:
        """A new map with one more stakeholder."""
        new = Stakeholder(name, power, interest)
        clash = self.find(new.name)
        if clash is not None:
            raise ValueError(
                f"stakeholder map: '{clash.name}' is already on the map; choose it in the list "
                "to change it, or use another name"
            )
        if len(self) >= MAX_STAKEHOLDERS:
            raise ValueError(
                f"stakeholder map: the map holds at most {MAX_STAKEHOLDERS} stakeholders; "
                "remove one before adding another"
            )
        return StakeholderMap((*self.stakeholders, new))

    def update(
        self,
        name: str,
        *,
        power: int | None = None,
        interest: int | None = None,
        new_name: str | None = None,
    ) -> StakeholderMap:
        """A new map with one stakeholder's scores or name changed (checked as when added)."""
        old = self.get(name)
        renamed = old.name if new_name is None else clean_name(new_name)
        clash = self.find(renamed)
        if clash is not None and clash is not old:
            raise ValueError(
                f"stakeholder map: '{clash.name}' is already on the map; choose another name"
            )
        new = Stakeholder(
            renamed,
            old.power if power is None else power,
            old.interest if interest is None else interest,
        )
        return StakeholderMap(tuple(new if s is old else s for s in self.stakeholders))

    def remove(self, name: str) -> StakeholderMap:
        """A new map without one stakeholder."""
        old = self.get(name)
        return StakeholderMap(tuple(s for s in self.stakeholders if s is not old))

    def summary(self) -> Summary:
        """What the map shows, in words."""
        return Summary(self.stakeholders)

    def plan(self) -> EngagementPlan:
        """A starting engagement plan for everyone on the map."""
        return EngagementPlan(self.stakeholders)

    # -- saving ----------------------------------------------------------------------------------

    def to_data(self) -> dict:
        """The map as JSON-ready data (what the progress store keeps)."""
        return {
            "version": DATA_VERSION,
            "stakeholders": [
                {"name": s.name, "power": s.power, "interest": s.interest}
                for s in self.stakeholders
            ],
        }

    @classmethod
    def from_data(cls, data: object) -> tuple[StakeholderMap, list[str]]:
        """A map from saved data, and a sentence for each entry that had to be left out.

        Never raises: unreadable data gives the example map and says so.
        """
        rows = data.get("stakeholders") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            return cls(), ["Your saved map could not be read, so the example map is shown."]
        kept, problems = cls(()), []
        for i, row in enumerate(rows, 1):
            try:
                if not isinstance(row, dict):
                    raise ValueError(f"entry {i} is not a stakeholder")
                kept = kept.add(row.get("name"), row.get("power"), row.get("interest"))
            except ValueError as exc:
                reason = str(exc).removeprefix("stakeholder map: ")
                problems.append(f"A saved stakeholder was left out: {reason}.")
        return kept, problems


# --- the summary ------------------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Summary:
    """The map in words: a headline, a table, one line per quadrant, the chart's alt text."""

    stakeholders: tuple[Stakeholder, ...]

    @property
    def groups(self) -> list[tuple[Quadrant, list[Stakeholder]]]:
        """Every quadrant in report order, with its stakeholders (possibly none)."""
        return _pure.groups(self.stakeholders, QUADRANTS.values())

    @property
    def headline(self) -> str:
        """How many stakeholders, and how many in each quadrant."""
        if not self.stakeholders:
            return "No stakeholders on the map yet: add one to see where they sit."
        parts = [f"{len(people)} to {q.title.lower()}" for q, people in self.groups if people]
        return (
            f"{_count(len(self.stakeholders), 'stakeholder', 'stakeholders')}: {join_names(parts)}."
        )

    @property
    def scale(self) -> str:
        """How to read the scores."""
        return (
            f"Power (can they shape or stop the work?) and interest (how much do they care?) "
            f"each run from {SCORE_MIN} to {SCORE_MAX}; {HIGH_FROM} or more counts as high."
        )

    def table(self) -> str:
        """A fixed-width table: name, power, interest and strategy."""
        if not self.stakeholders:
            return "(no stakeholders)"
        rows = [(s.name, s.power, s.interest, s.quadrant.title) for s in self.stakeholders]
        return _pure.score_table(("Stakeholder", "Power", "Interest", "Strategy"), rows)

    def readings(self) -> list[str]:
        """One line per quadrant that holds someone: its strategy and who is in it."""
        return [
            f"{q.title} ({join_names([s.name for s in people])}): {q.strategy}."
            for q, people in self.groups
            if people
        ]

    @property
    def text(self) -> str:
        """The whole summary as plain text."""
        return _pure.summary_text(
            "Stakeholder map", self.headline, self.scale, self.table(), self.readings()
        )

    @property
    def markdown(self) -> str:
        """The whole summary as Markdown."""
        rows = [
            f"| {_md(s.name)} | {s.power} | {s.interest} | {s.quadrant.title} |"
            for s in self.stakeholders
        ]
        table = ["| Stakeholder | Power | Interest | Strategy |", "|---|--:|--:|---|", *rows]
        return "\n".join(
            [
                f"**Stakeholder map**: {_md(self.headline)}",
                "",
                self.scale,
                "",
                *(table if rows else []),
                "",
                *(f"- {_md(line)}" for line in self.readings()),
            ]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words, for screen readers and anyone who cannot see it."""
        grid = (
            f"Power/interest grid. Across: interest, {SCORE_MIN} to {SCORE_MAX}; up: power, "
            f"{SCORE_MIN} to {SCORE_MAX}. Lines between 5 and {HIGH_FROM} make four quadrants: "
            "manage closely at the top right, keep satisfied at the top left, keep informed at "
            "the bottom right and monitor at the bottom left."
        )
        if not self.stakeholders:
            return f"{grid} No stakeholders are on it yet."
        points = "; ".join(
            f"{s.name}: power {s.power}, interest {s.interest}, {s.quadrant.title.lower()}"
            for s in self.stakeholders
        )
        return f"{grid} {points}. {self.headline}"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


# --- the engagement plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class Tactic:
    """One of the source page's ways of engaging stakeholders."""

    key: str
    name: str
    per_person: bool
    purpose: str


@dataclass(frozen=True)
class Cadence:
    """How often: a label and the dates a year (None: triggered by an event, not a calendar)."""

    label: str
    per_year: int | None


FORTNIGHTLY = Cadence("every two weeks", 26)
MONTHLY = Cadence("monthly", 12)
QUARTERLY = Cadence("quarterly", 4)
AT_RELEASE = Cadence("at each release", None)

#: The page's tactics, in the order the page names them.
TACTICS: dict[str, Tactic] = {
    t.key: t
    for t in (
        Tactic("review", "Review meeting", False, "review progress together and agree decisions"),
        Tactic("advisory", "Advisory board", False, "seek advice and challenge on direction"),
        Tactic("one_to_one", "1-2-1 catch-up", True, "hear concerns early, one person at a time"),
        Tactic("updates", "Regular update", False, "say what changed, what comes next and why"),
        Tactic("training", "Training for new features", False, "help people use what is new"),
    )
}

#: A starting point per quadrant: (tactic key, cadence) pairs, the closest contact first.
PLAYBOOK: dict[str, tuple[tuple[str, Cadence], ...]] = {
    "manage_closely": (
        ("one_to_one", FORTNIGHTLY),
        ("review", MONTHLY),
        ("updates", FORTNIGHTLY),
    ),
    "keep_satisfied": (
        ("advisory", QUARTERLY),
        ("one_to_one", QUARTERLY),
        ("updates", MONTHLY),
    ),
    "keep_informed": (
        ("updates", FORTNIGHTLY),
        ("training", AT_RELEASE),
    ),
    "monitor": (("updates", QUARTERLY),),
}


@dataclass(frozen=True)
class Action:
    """One tactic at one cadence."""

    tactic: Tactic
    cadence: Cadence

    @property
    def text(self) -> str:
        return f"{self.tactic.name}, {self.cadence.label}"


def actions_for(quadrant: Quadrant) -> tuple[Action, ...]:
    """The starting tactics and cadences for a quadrant."""
    return tuple(Action(TACTICS[key], cadence) for key, cadence in PLAYBOOK[quadrant.key])


@dataclass(frozen=True)
class PlanRow:
    """One stakeholder's starting plan."""

    stakeholder: Stakeholder
    actions: tuple[Action, ...]

    @property
    def quadrant(self) -> Quadrant:
        return self.stakeholder.quadrant


@dataclass(frozen=True)
class Load:
    """Contacts a year for one tactic: how many, and with how many people."""

    tactic: Tactic
    people: int
    per_year: int | None

    @property
    def text(self) -> str:
        who = _count(self.people, "person", "people")
        if self.per_year is None:
            return f"{self.tactic.name}: at each release, not on a calendar (reaching {who})"
        if self.tactic.per_person:
            return f"{self.tactic.name}: {self.per_year} a year ({who}, each on their own)"
        return f"{self.tactic.name}: {self.per_year} a year (reaching {who})"


NOT_A_RULE = (
    "This plan is a starting point, not a rule. Change a cadence or a tactic when you know "
    "the person: how they like to hear news, how busy they are, what is at stake for them "
    "right now. Review the map and the plan regularly, because power and interest change."
)
COUNTING = (
    "How contacts are counted: a 1-2-1 counts once per person; a meeting, a board or an update "
    "counts once per date, at the most frequent cadence anyone it reaches needs; training "
    "follows releases, so it is not counted."
)


@dataclass(frozen=True)
class EngagementPlan:
    """Every stakeholder with the starting tactics of their quadrant, and the effort a year."""

    stakeholders: tuple[Stakeholder, ...]

    @property
    def rows(self) -> list[PlanRow]:
        """One row per stakeholder, grouped by quadrant (closest contact first)."""
        order = list(QUADRANTS)
        people = sorted(self.stakeholders, key=lambda s: order.index(s.quadrant.key))
        return [PlanRow(s, actions_for(s.quadrant)) for s in people]

    def loads(self) -> list[Load]:
        """Contacts a year per tactic used by the plan, in the page's order."""
        out = []
        for tactic in TACTICS.values():
            cadences = [a.cadence for row in self.rows for a in row.actions if a.tactic is tactic]
            if not cadences:
                continue
            dated = [c.per_year for c in cadences if c.per_year is not None]
            if not dated:
                per_year = None
            elif tactic.per_person:
                per_year = sum(dated)
            else:
                per_year = max(dated)
            out.append(Load(tactic, len(cadences), per_year))
        return out

    @property
    def contacts(self) -> int:
        """Scheduled contacts a year (event-triggered training not counted)."""
        return sum(load.per_year or 0 for load in self.loads())

    @property
    def headline(self) -> str:
        """The effort the plan asks for, and how much of it is 1-2-1s."""
        if not self.stakeholders:
            return "No stakeholders yet, so no plan: add people to the map above."
        total = self.contacts
        ones = next((x.per_year or 0 for x in self.loads() if x.tactic.key == "one_to_one"), 0)
        line = f"This plan asks for about {total} scheduled contacts a year"
        if ones:
            share = round(100 * ones / total)
            return (
                f"{line}; {ones} of them ({share}%) are 1-2-1 catch-ups, which grow with every "
                "person you add to manage closely or keep satisfied."
            )
        return f"{line}, none of them 1-2-1 catch-ups."

    def table(self) -> str:
        """A fixed-width table: stakeholder, strategy and tactics."""
        if not self.stakeholders:
            return "(no stakeholders)"
        width = max([len("Stakeholder"), *(len(s.name) for s in self.stakeholders)])
        swidth = max(len(q.title) for q in QUADRANTS.values())
        lines = [f"{'Stakeholder':<{width}}  {'Strategy':<{swidth}}  Tactics"]
        lines += [
            f"{r.stakeholder.name:<{width}}  {r.quadrant.title:<{swidth}}  "
            + "; ".join(a.text for a in r.actions)
            for r in self.rows
        ]
        return "\n".join(lines)

    @property
    def text(self) -> str:
        """The whole plan as plain text."""
        if not self.stakeholders:
            return f"Engagement plan: {self.headline}"
        return "\n".join(
            [
                f"Engagement plan: {self.headline}",
                "",
                self.table(),
                "",
                "Contacts a year:",
                *(f"  {load.text}" for load in self.loads()),
                COUNTING,
                "",
                NOT_A_RULE,
            ]
        )

    @property
    def markdown(self) -> str:
        """The whole plan as Markdown."""
        if not self.stakeholders:
            return f"**Engagement plan**: {_md(self.headline)}"
        rows = [
            f"| {_md(r.stakeholder.name)} | {r.quadrant.title} | "
            + "; ".join(a.text for a in r.actions)
            + " |"
            for r in self.rows
        ]
        return "\n".join(
            [
                f"**Engagement plan**: {_md(self.headline)}",
                "",
                "| Stakeholder | Strategy | Tactics |",
                "|---|---|---|",
                *rows,
                "",
                *(f"- {load.text}" for load in self.loads()),
                "",
                COUNTING,
                "",
                NOT_A_RULE,
            ]
        )


# --- communication channels -------------------------------------------------------------------


def _check_people(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"channels: {n!r} is not a number of people; use a whole number")
    if n < 0:
        raise ValueError(f"channels: {n} people is impossible; use 0 or more")
    return n


def channels(n: int) -> int:
    """Pairs of people who might talk in a group of ``n``: n(n-1)/2."""
    n = _check_people(n)
    return n * (n - 1) // 2


def channels_curve(sizes: Iterable[int]):
    """n(n-1)/2 for many group sizes at once, as a numpy array of integers."""
    import numpy as np

    values = np.asarray(list(sizes))
    if values.size == 0:
        return values.astype(np.int64)
    if not np.issubdtype(values.dtype, np.integer):
        raise ValueError("channels: group sizes must be whole numbers")
    if (values < 0).any():
        raise ValueError("channels: group sizes must be 0 or more")
    values = values.astype(np.int64)
    return values * (values - 1) // 2


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Channels:
    """The communication channels of a group of people, in words."""

    people: int

    def __post_init__(self):
        _check_people(self.people)

    @property
    def channels(self) -> int:
        return channels(self.people)

    @property
    def via_hub(self) -> int:
        """Channels if every message went through one person: n - 1."""
        return max(self.people - 1, 0)

    @property
    def headline(self) -> str:
        n, c = self.people, self.channels
        if n < 2:
            return f"A group of {n} has no channels: there is nobody to talk to."
        return (
            f"A team of {n} people has {c} communication channels "
            f"({n} × {n - 1} ÷ 2), one for each pair."
        )

    def lines(self) -> list[str]:
        """The headline, then what the next person and a doubled team would do."""
        n, c = self.people, self.channels
        out = [self.headline]
        if n < 2:
            return out
        out.append(
            f"The {_ordinal(n)} person added {n - 1} of them, one to each person already there."
        )
        doubled = channels(2 * n)
        out.append(
            f"Doubling the team to {2 * n} would give {doubled} channels, "
            f"{doubled / c:.1f} times as many."
        )
        out.append(
            f"If every message went through one person, {n} people would need only "
            f"{self.via_hub} channels, but that person would carry every conversation."
        )
        return out

    @property
    def text(self) -> str:
        return "\n".join(["Communication channels", *self.lines()])

    def curve_alt(self, top: int = MAX_TEAM) -> str:
        """Alt text of the channels-against-people chart."""
        marks = [m for m in (5, 10, 20, 30) if m <= top]
        points = ", ".join(f"{m} people {channels(m)}" for m in marks)
        return (
            f"Line chart of communication channels against team size, from 1 to {top} people. "
            f"The curve n(n-1)/2 bends upwards: {points}. A dashed straight line shows n-1, the "
            f"channels if everyone talks through one person. Marked: {self.people} people, "
            f"{self.channels} channels."
        )

    def network_alt(self) -> str:
        """Alt text of the drawing of the team as a network."""
        return (
            f"Network drawing of {self.people} people as dots on a circle, with a line between "
            f"every pair: {self.channels} lines."
        )


__all__ = [
    "HIGH_FROM",
    "MAX_NAME",
    "MAX_STAKEHOLDERS",
    "MAX_TEAM",
    "NOTE_KEY",
    "PLAYBOOK",
    "PRESETS",
    "QUADRANTS",
    "SCORE_MAX",
    "SCORE_MIN",
    "SECTION",
    "TACTICS",
    "Channels",
    "EngagementPlan",
    "Quadrant",
    "Stakeholder",
    "StakeholderMap",
    "Summary",
    "channels",
    "channels_curve",
    "classify",
    "clean_name",
    "is_high",
]
