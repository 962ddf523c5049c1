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

**Editing the map.** Each action a learner takes (choose, move, add, rename, remove) is a
:class:`Change`: the map after it, the sentence that tells the learner what happened and who
stays chosen. **The chart's labels** are placed here too (:func:`labels`): beside each spot,
where they overlap the least.

Pure Python (and numpy for the curve): no widgets and no charts here (see ``view`` and
``render``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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

    # -- the learner's actions, in words ---------------------------------------------------------

    def choosing(self, name: str | None) -> Change:
        """Choose a stakeholder to change (``None``: get ready to add a new one)."""
        person = self.find(name) if name else None
        if person is None:
            return Change(
                self,
                "Adding a new stakeholder: type a name, set the sliders, press Add to the map.",
                "recorded",
            )
        return Change(
            self, f"Changing {person.name}: the sliders move them at once.", "recorded", person.name
        )

    def moving(self, name: str, power: int, interest: int) -> Change:
        """Give a stakeholder new scores (what moving the sliders does), saying where they went."""
        before = self.get(name)
        after = self.update(name, power=power, interest=interest)
        person = after.get(name)
        moves = [
            f"{field} {getattr(person, field)}"
            for field in ("power", "interest")
            if getattr(person, field) != getattr(before, field)
        ]
        if not moves:
            return Change(self, "", "recorded", person.name)
        went = person.quadrant
        moved = f"; they move to {went.title.lower()}" if went is not before.quadrant else ""
        return Change(after, f"{person.name}: {' and '.join(moves)}{moved}.", chosen=person.name)

    def adding(self, name: str, power: int, interest: int) -> Change:
        """Add a stakeholder; a map that cannot take them stays as it is and says why."""
        try:
            after = self.add(name, power, interest)
        except ValueError as exc:
            return Change(self, reason(exc), "invalid")
        person = after.stakeholders[-1]
        return Change(
            after,
            f"Added {person.name}: {person.quadrant.title.lower()} "
            f"(power {person.power}, interest {person.interest}).",
        )

    def renaming(self, name: str | None, new_name: str) -> Change:
        """Give the chosen stakeholder a new name (checked as when added)."""
        if name is None:
            return Change(self, CHOOSE_FIRST, "invalid")
        try:
            after = self.update(name, new_name=new_name)
        except ValueError as exc:
            return Change(self, reason(exc), "invalid", name)
        renamed = after.stakeholders[self.names.index(name)].name
        if renamed == name:
            return Change(
                self, f"The name is already {name}; type a new one in the Name box.", "empty", name
            )
        return Change(after, f"Renamed {name} to {renamed}.", chosen=renamed)

    def removing(self, name: str | None) -> Change:
        """Take the chosen stakeholder off the map."""
        if name is None:
            return Change(self, CHOOSE_FIRST, "invalid")
        return Change(self.remove(name), f"Removed {name}. Press Undo to bring them back.")

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
                fields: list[Any] = [row.get(k) for k in ("name", "power", "interest")]
                kept = kept.add(*fields)  # checked there: a bad field is a ValueError
            except ValueError as exc:
                reason = str(exc).removeprefix("stakeholder map: ")
                problems.append(f"A saved stakeholder was left out: {reason}.")
        return kept, problems


# --- what an action did -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What one action on the map did: the map after it, a sentence for the learner and its
    kind ("saved": the map changed; "recorded", "empty" or "invalid": it did not), and the
    stakeholder who stays chosen (None: nobody)."""

    after: StakeholderMap
    message: str
    kind: str = "saved"
    chosen: str | None = None

    @property
    def done(self) -> bool:
        """True if the action did what was asked (a failed one leaves the boxes as typed)."""
        return self.kind in ("saved", "recorded")


CHOOSE_FIRST = "Choose a stakeholder in the list first."
NOTHING_TO_UNDO = "Nothing to undo yet."
UNDONE = "Undone: the map is as it was before your last change."
EXAMPLE_BACK = "The example map is back. Press Undo to return to your own map."
#: Where the sliders start for a new stakeholder.
MIDDLE = 5


def reason(exc: ValueError) -> str:
    """A model's message for a learner: without the model's prefix, as a sentence."""
    text = str(exc).removeprefix("stakeholder map: ")
    return text[:1].upper() + text[1:] + "."


def restored_words(model: StakeholderMap, problems: list[str]) -> tuple[str, str]:
    """What to say when a saved map comes back: the problems met reading it ("invalid"), or
    that it is back ("saved")."""
    if problems:
        return " ".join(problems), "invalid"
    return (
        f"Your saved map is back ({len(model)} stakeholders). "
        "Press Use the example map to start again from the example.",
        "saved",
    )


def team_from(model: StakeholderMap) -> tuple[int | None, str, str]:
    """The team the learner's map makes (its stakeholders plus the learner, at most
    ``MAX_TEAM``; None for an empty map), and what to say about it and its kind."""
    if not model.stakeholders:
        return None, "Your stakeholder map is empty: add stakeholders to it first.", "empty"
    people = min(len(model) + 1, MAX_TEAM)
    pairs = channels(people)
    return (
        people,
        f"Your stakeholder map has {len(model)} stakeholders; with you that makes "
        f"{people} people and {pairs} possible channels. You are one end of "
        f"{people - 1} of them; the other {pairs - people + 1} run between "
        "your stakeholders.",
        "recorded",
    )


# --- where the grid chart writes the names ------------------------------------------------------

#: The grid chart's extent in score units: a margin around the scale, room for labels.
LOW, HIGH = SCORE_MIN - 1.4, SCORE_MAX + 1.4
#: Rough size of label text in score units on the grid chart (font size 8.5, 7 x 4.8 inches).
CHAR_W, LINE_H = 0.15, 0.46
#: Where each quadrant's title goes on the chart (axes fractions) and how it is aligned.
CORNERS: dict[str, tuple[float, float, str, str]] = {
    "manage_closely": (0.99, 0.99, "right", "top"),
    "keep_satisfied": (0.01, 0.99, "left", "top"),
    "keep_informed": (0.99, 0.01, "right", "bottom"),
    "monitor": (0.01, 0.01, "left", "bottom"),
}
#: Candidate label spots around a point: (dx, dy, horizontal alignment, vertical alignment).
_SPOTS = (
    (0.3, 0.0, "left", "center"),
    (-0.3, 0.0, "right", "center"),
    (0.0, 0.35, "center", "bottom"),
    (0.0, -0.35, "center", "top"),
    (0.25, 0.3, "left", "bottom"),
    (0.25, -0.3, "left", "top"),
    (-0.25, 0.3, "right", "bottom"),
    (-0.25, -0.3, "right", "top"),
)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in score units


def box(x: float, y: float, w: float, h: float, ha: str, va: str) -> Box:
    """The box of a text ``w`` wide and ``h`` high anchored at (x, y) with this alignment."""
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return (x0, y0, x0 + w, y0 + h)


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outside(a: Box) -> float:
    """How much of a box lies outside the chart."""
    return (a[2] - a[0]) * (a[3] - a[1]) - overlap(a, (LOW, LOW, HIGH, HIGH))


def label_spots(
    points: Sequence[tuple[float, float, str]], reserved: Sequence[Box] = ()
) -> list[tuple[float, float, str, str]]:
    """Where to write each point's label so labels overlap as little as possible.

    ``points`` are (x, y, text) with text possibly several lines; ``reserved`` are boxes to keep
    clear (such as the quadrant titles). Returns (x, y, ha, va) per point, in order. Greedy and
    deterministic: each label takes the first spot with the least overlap.
    """
    dots = [(x - 0.25, y - 0.25, x + 0.25, y + 0.25) for x, y, _ in points]
    taken: list[Box] = [*reserved]
    out = []
    for x, y, text in points:
        lines = text.split("\n")
        w = CHAR_W * max(len(line) for line in lines)
        h = LINE_H * len(lines)
        best: tuple[float, float, str, str, Box] | None = None
        best_cost = 0.0
        for dx, dy, ha, va in _SPOTS:
            spot = box(x + dx, y + dy, w, h, ha, va)
            cost = 4 * _outside(spot)
            cost += sum(overlap(spot, t) for t in taken)
            cost += sum(overlap(spot, d) for d in dots)
            if best is None or cost < best_cost - 1e-9:
                best, best_cost = (x + dx, y + dy, ha, va, spot), cost
        assert best is not None  # _SPOTS is not empty
        taken.append(best[4])
        out.append(best[:4])
    return out


def corner_boxes(titles: Mapping[str, str]) -> list[Box]:
    """The boxes the quadrant titles take (``titles``: quadrant key -> the text drawn)."""
    boxes = []
    for key, title in titles.items():
        fx, fy, ha, va = CORNERS[key]
        x, y = LOW + fx * (HIGH - LOW), LOW + fy * (HIGH - LOW)
        boxes.append(box(x, y, CHAR_W * 1.1 * len(title), LINE_H, ha, va))
    return boxes


@dataclass(frozen=True)
class Label:
    """The names at one spot of the grid (interest across, power up), and where they are
    written: the text's anchor and its alignment."""

    interest: int
    power: int
    text: str
    x: float
    y: float
    ha: str
    va: str


@functools.lru_cache(maxsize=128)
def labels(
    stakeholders: tuple[Stakeholder, ...], titles: tuple[tuple[str, str], ...] = ()
) -> tuple[Label, ...]:
    """One label per spot on the grid (stakeholders with the same scores share one), placed
    clear of each other, of the points and of the quadrant ``titles`` ((key, text) pairs)."""
    spots: dict[tuple[int, int], list[str]] = {}
    for s in stakeholders:
        spots.setdefault((s.interest, s.power), []).append(s.name)
    points = [(x, y, "\n".join(names)) for (x, y), names in spots.items()]
    placed = label_spots(points, corner_boxes(dict(titles)))
    return tuple(
        Label(x, y, text, *spot) for (x, y, text), spot in zip(points, placed, strict=True)
    )


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

    @property
    def markdown(self) -> str:
        first, *rest = self.lines()
        items = "".join(f"\n- {line}" for line in rest)
        return f"**Communication channels**: {first}\n{items}"

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
    "CORNERS",
    "HIGH",
    "HIGH_FROM",
    "LOW",
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
    "Change",
    "Channels",
    "EngagementPlan",
    "Label",
    "Quadrant",
    "Stakeholder",
    "StakeholderMap",
    "Summary",
    "channels",
    "channels_curve",
    "classify",
    "clean_name",
    "is_high",
    "label_spots",
    "labels",
    "reason",
    "restored_words",
    "team_from",
]
