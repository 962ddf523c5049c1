"""Conway's law: three small teaching models and the figures of one study.

Melvin Conway's thesis ("How Do Committees Invent?", Datamation, April 1968) is that an
organisation designing a system produces a design that copies the organisation's own
communication structure. This module holds the pure logic of the notebook on it; the widgets
and charts live in ``conway_view``.

1. **Organisation to architecture.** A charity's online service has nine parts: three user
   journeys (donations, events, volunteering), each with screens, logic and data. Within a
   journey the screens need the logic and the logic needs the data (``NEEDS``). An
   :class:`Organisation` says which team builds each part and which teams talk to each other.
   The architecture it produces follows one transparent rule (:meth:`Organisation.architecture`):

   - each team that builds something produces one module, holding all of its parts;
   - inside a module there are no interfaces: a team that owns several parts couples them
     tightly (a module of k parts has k(k-1)/2 internal couplings);
   - a needed dependency between parts of two different teams becomes a dependency between
     their modules. It is an *agreed interface* if the two teams talk, and an *unplanned
     dependency* if they do not.

   The **mirroring score** is the share of module dependencies that follow a communication
   link (agreed interfaces / all module dependencies); it is undefined when there are none.

2. **The inverse Conway manoeuvre.** Given a target architecture (a grouping of the same nine
   parts into modules), the learner assigns each part to a team. By the rule above the teams
   produce one module each, so the distance to the target is the smallest number of parts
   that must move to another team for the teams to match the target's modules (found by
   trying every pairing of teams with target modules).

3. **Conway's compiler example.** In the paper, eight people, five on COBOL and three on
   ALGOL, produced a five-phase COBOL compiler and a three-phase ALGOL compiler. The model
   turns that single anecdote into a toy rule, one phase per person in the group, and counts
   the one-to-one communication channels, n(n-1)/2. It is an illustration, not a law.

4. **The Windows Vista study** (Nagappan, Murphy and Basili, ICSE 2008): the precision and
   recall of five kinds of measure at predicting failure-prone binaries.

The charts of 1 and 2 are graphs on an ellipse (:class:`Graph`): which boxes, which lines and
where they go are worked out here, so the view only draws them.

Pure Python: no widgets and no charts here (see ``view`` and ``render``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations, permutations

from ..common import join_names

# --- the product: nine parts and what they need ------------------------------------------------

JOURNEYS = ("Donations", "Events", "Volunteering")
LAYERS = ("screens", "logic", "data")

#: What each journey and each layer is, in a learner's words.
JOURNEY_NOTES = {
    "Donations": "supporters give money online",
    "Events": "people sign up for a sponsored walk",
    "Volunteering": "people apply to volunteer",
}
LAYER_NOTES = {
    "screens": "what people see and fill in",
    "logic": "the rules that process what they send",
    "data": "the records the charity keeps",
}

#: The nine parts, journey by journey: "Donations screens", "Donations logic", ...
PARTS: tuple[str, ...] = tuple(f"{j} {layer}" for j in JOURNEYS for layer in LAYERS)

#: What the product needs, within each journey: screens use logic, logic uses data.
NEEDS: tuple[tuple[str, str], ...] = tuple(
    pair for j in JOURNEYS for pair in ((f"{j} screens", f"{j} logic"), (f"{j} logic", f"{j} data"))
)

MAX_TEAMS = 5


def journey_of(part: str) -> str:
    """The journey a part belongs to ('Donations screens' -> 'Donations')."""
    check_part(part)
    return part.split(" ", 1)[0]


def check_part(part: object) -> str:
    """Return ``part`` if it is one of the nine parts; otherwise raise ValueError."""
    if part not in PARTS:
        raise ValueError(f"Conway model: {part!r} is not a part; the parts are {', '.join(PARTS)}")
    return part


def channels(people: int) -> int:
    """One-to-one communication channels among ``people`` people: n(n-1)/2."""
    if isinstance(people, bool) or not isinstance(people, int) or people < 0:
        raise ValueError(f"Conway model: {people!r} people; give a whole number, 0 or more")
    return people * (people - 1) // 2


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# --- the graphs the charts draw -----------------------------------------------------------------


@dataclass(frozen=True)
class Graph:
    """Boxes on an ellipse joined by lines, as the charts draw them.

    ``nodes`` are (label, colour) with colour the index of a team in the palette (None: grey),
    or None for an empty place, so two graphs of the same teams keep the same layout. ``edges``
    are (i, j, kind), kind one of "talks", "agreed", "unplanned" or "target".
    """

    nodes: tuple[tuple[str, int | None] | None, ...]
    edges: tuple[tuple[int, int, str], ...]


def ellipse(n: int, cx: float, radius: float) -> list[tuple[float, float]]:
    """``n`` places on an ellipse around (cx, 0), flat side at the top, clockwise."""
    if n == 1:
        return [(cx, 0.0)]
    start = 90 + 180 / n
    return [
        (
            cx + radius * math.cos(math.radians(start - i * 360 / n)),
            radius * 0.8 * math.sin(math.radians(start - i * 360 / n)),
        )
        for i in range(n)
    ]


def gist(parts: tuple[str, ...]) -> str:
    """A few words on what a module holds: 'all screens', 'all of Donations', '2 parts, mixed'."""
    journeys = list(dict.fromkeys(p.split(" ", 1)[0] for p in parts))
    layers = [layer for layer in LAYERS if any(p.endswith(f" {layer}") for p in parts)]
    if len(journeys) == 1 and len(layers) == len(LAYERS):
        return f"all of {journeys[0]}"
    if len(journeys) == 1:
        return f"{journeys[0]} {' + '.join(layers)}"
    if len(layers) == 1 and len(journeys) == len(JOURNEYS):
        return f"all {layers[0]}"
    if len(layers) == 1:
        return f"{layers[0]}: {' + '.join(journeys)}"
    return f"{_plural(len(parts), 'part')}, mixed"


# --- 1. organisation -> architecture ------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    """What one team builds: its parts, coupled tightly together."""

    team: str
    parts: tuple[str, ...]

    @property
    def journeys(self) -> tuple[str, ...]:
        """The journeys whose parts are in this module, in journey order."""
        mine = {journey_of(p) for p in self.parts}
        return tuple(j for j in JOURNEYS if j in mine)

    @property
    def couplings(self) -> int:
        """Internal couplings: every part of the module can reach every other, k(k-1)/2."""
        return channels(len(self.parts))


@dataclass(frozen=True)
class Dependency:
    """A dependency between two modules, and the part dependencies that make it."""

    a: str
    b: str
    needs: tuple[tuple[str, str], ...]
    agreed: bool

    @property
    def kind(self) -> str:
        """'agreed interface' (the teams talk) or 'unplanned dependency' (they do not)."""
        return "agreed interface" if self.agreed else "unplanned dependency"


def _pair_key(teams: tuple[str, ...], a: str, b: str) -> tuple[str, str]:
    return (a, b) if teams.index(a) < teams.index(b) else (b, a)


@dataclass(frozen=True)
class Organisation:
    """Teams, who builds each part (``owners``, in ``PARTS`` order) and who talks to whom."""

    teams: tuple[str, ...]
    owners: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        teams = tuple(self.teams)
        if not 1 <= len(teams) <= MAX_TEAMS:
            raise ValueError(
                f"Conway model: an organisation has 1 to {MAX_TEAMS} teams, not {len(teams)}"
            )
        for team in teams:
            if not isinstance(team, str) or not team.strip():
                raise ValueError("Conway model: every team needs a name")
        if len(set(teams)) != len(teams):
            raise ValueError(f"Conway model: two teams have the same name in {list(teams)}")
        owners = tuple(self.owners)
        if len(owners) != len(PARTS):
            raise ValueError(
                f"Conway model: give a team for each of the {len(PARTS)} parts, not {len(owners)}"
            )
        for part, owner in zip(PARTS, owners, strict=True):
            if owner not in teams:
                raise ValueError(
                    f"Conway model: {part} is built by {owner!r}, which is not one of the "
                    f"teams ({join_names(teams)})"
                )
        links = set()
        for pair in self.links:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise ValueError(f"Conway model: a link joins two teams, not {pair!r}")
            a, b = pair
            for team in (a, b):
                if team not in teams:
                    raise ValueError(
                        f"Conway model: a link names {team!r}, which is not one of the teams "
                        f"({join_names(teams)})"
                    )
            if a == b:
                raise ValueError(f"Conway model: a team cannot have a link to itself ({a})")
            links.add(_pair_key(teams, a, b))
        ordered = tuple(sorted(links, key=lambda p: (teams.index(p[0]), teams.index(p[1]))))
        object.__setattr__(self, "teams", teams)
        object.__setattr__(self, "owners", owners)
        object.__setattr__(self, "links", ordered)

    # -- reading ------------------------------------------------------------------------------

    def owner(self, part: str) -> str:
        """The team that builds ``part``."""
        return self.owners[PARTS.index(check_part(part))]

    def parts_of(self, team: str) -> tuple[str, ...]:
        """The parts a team builds, in ``PARTS`` order."""
        self._check_team(team)
        return tuple(p for p, o in zip(PARTS, self.owners, strict=True) if o == team)

    def talks(self, a: str, b: str) -> bool:
        """True if teams ``a`` and ``b`` have a communication link."""
        self._check_team(a)
        self._check_team(b)
        return a != b and _pair_key(self.teams, a, b) in self.links

    def _check_team(self, team: str) -> None:
        if team not in self.teams:
            raise ValueError(
                f"Conway model: no team called {team!r}; the teams are {join_names(self.teams)}"
            )

    # -- changing (each returns a new organisation) --------------------------------------------

    def with_owner(self, part: str, team: str) -> Organisation:
        """The same organisation with ``part`` built by ``team``."""
        self._check_team(team)
        owners = list(self.owners)
        owners[PARTS.index(check_part(part))] = team
        return Organisation(self.teams, tuple(owners), self.links)

    def with_link(self, a: str, b: str, on: bool = True) -> Organisation:
        """The same organisation with the link between ``a`` and ``b`` made or removed."""
        self._check_team(a)
        self._check_team(b)
        if a == b:
            raise ValueError(f"Conway model: a team cannot have a link to itself ({a})")
        key = _pair_key(self.teams, a, b)
        links = set(self.links) | {key} if on else set(self.links) - {key}
        return Organisation(self.teams, self.owners, tuple(links))

    def with_team_count(self, count: int) -> Organisation:
        """Keep the first ``count`` teams, or add teams called 'Team N' that build nothing yet.

        Parts built by a removed team move to the first team; links of a removed team go.
        """
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_TEAMS:
            raise ValueError(
                f"Conway model: the number of teams is a whole number from 1 to {MAX_TEAMS}, "
                f"not {count!r}"
            )
        teams = list(self.teams[:count])
        n = len(teams)
        while len(teams) < count:
            n += 1
            name = f"Team {n}"
            if name not in teams:
                teams.append(name)
        owners = tuple(o if o in teams else teams[0] for o in self.owners)
        links = tuple(p for p in self.links if p[0] in teams and p[1] in teams)
        return Organisation(tuple(teams), owners, links)

    # -- saving --------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        """A JSON-ready form, for the progress store."""
        return {
            "teams": list(self.teams),
            "owners": dict(zip(PARTS, self.owners, strict=True)),
            "links": [list(p) for p in self.links],
        }

    @classmethod
    def from_dict(cls, data: object) -> Organisation:
        """Rebuild an organisation saved with :meth:`to_dict` (ValueError if it is damaged)."""
        if not isinstance(data, Mapping):
            raise ValueError("Conway model: a saved organisation must be a table of values")
        owners = data.get("owners")
        if not isinstance(owners, Mapping):
            raise ValueError("Conway model: a saved organisation needs the owner of each part")
        missing = [p for p in PARTS if p not in owners]
        if missing:
            raise ValueError(f"Conway model: the saved organisation has no team for {missing[0]}")
        teams, links = data.get("teams"), data.get("links", [])
        if not isinstance(teams, list) or not isinstance(links, list):
            raise ValueError("Conway model: a saved organisation needs lists of teams and links")
        return cls(tuple(teams), tuple(owners[p] for p in PARTS), tuple(map(tuple, links)))

    def with_settings(self, settings: Mapping[str, object]) -> Organisation:
        """This organisation as the simulator's controls now say.

        An example chosen under "preset" replaces it; a new number of "teams" keeps the first
        teams or adds empty ones (:meth:`with_team_count`); otherwise each part's team (under the
        part's name) and each link (under :func:`link_name`) is taken as set. Names of teams
        that do not exist raise ValueError.
        """
        preset = settings.get("preset")
        if isinstance(preset, str) and preset in PRESETS and preset != preset_name(self):
            return PRESETS[preset]
        count = settings.get("teams", len(self.teams))
        if count != len(self.teams):
            return self.with_team_count(count)  # type: ignore[arg-type]
        org = self
        for part in PARTS:
            team = settings.get(part)
            if team and team != org.owner(part):
                org = org.with_owner(part, str(team))
        for i, j in combinations(range(len(self.teams)), 2):
            on = settings.get(link_name(i, j))
            a, b = self.teams[i], self.teams[j]
            if on is not None and bool(on) != org.talks(a, b):
                org = org.with_link(a, b, bool(on))
        return org

    # -- the rule ------------------------------------------------------------------------------

    def architecture(self) -> Architecture:
        """The modules and dependencies this organisation produces (see the module docstring)."""
        return _architecture(self)


def link_name(i: int, j: int) -> str:
    """The setting that says whether the teams in positions ``i`` and ``j`` talk."""
    return f"link:{i}-{j}"


@functools.lru_cache(maxsize=64)
def _architecture(org: Organisation) -> Architecture:
    modules = tuple(Module(t, org.parts_of(t)) for t in org.teams if org.parts_of(t))
    crossing: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for need in NEEDS:
        a, b = org.owner(need[0]), org.owner(need[1])
        if a != b:
            crossing.setdefault(_pair_key(org.teams, a, b), []).append(need)
    order = sorted(crossing, key=lambda p: (org.teams.index(p[0]), org.teams.index(p[1])))
    deps = tuple(Dependency(a, b, tuple(crossing[(a, b)]), org.talks(a, b)) for a, b in order)
    return Architecture(org, modules, deps)


@dataclass(frozen=True)
class Architecture:
    """What an organisation produces by the rule, with everything a learner reads about it."""

    organisation: Organisation
    modules: tuple[Module, ...]
    dependencies: tuple[Dependency, ...]

    @property
    def agreed(self) -> tuple[Dependency, ...]:
        """Module dependencies whose teams talk."""
        return tuple(d for d in self.dependencies if d.agreed)

    @property
    def unplanned(self) -> tuple[Dependency, ...]:
        """Module dependencies whose teams do not talk."""
        return tuple(d for d in self.dependencies if not d.agreed)

    @property
    def mirroring(self) -> float | None:
        """Share of module dependencies that follow a communication link (None if none)."""
        if not self.dependencies:
            return None
        return len(self.agreed) / len(self.dependencies)

    @property
    def idle_teams(self) -> tuple[str, ...]:
        """Teams that build no part."""
        busy = {m.team for m in self.modules}
        return tuple(t for t in self.organisation.teams if t not in busy)

    @property
    def idle_links(self) -> tuple[tuple[str, str], ...]:
        """Links between teams whose modules share no dependency."""
        used = {(d.a, d.b) for d in self.dependencies}
        return tuple(p for p in self.organisation.links if p not in used)

    @property
    def couplings(self) -> int:
        """Internal couplings across all modules."""
        return sum(m.couplings for m in self.modules)

    def journey_teams(self) -> dict[str, tuple[str, ...]]:
        """Per journey: the teams whose modules a change to that journey touches."""
        org = self.organisation
        return {
            j: tuple(
                t for t in org.teams if any(org.owner(f"{j} {layer}") == t for layer in LAYERS)
            )
            for j in JOURNEYS
        }

    @property
    def tangled(self) -> tuple[Module, ...]:
        """Modules that mix parts of more than one journey."""
        return tuple(m for m in self.modules if len(m.journeys) > 1)

    # -- the chart -----------------------------------------------------------------------------

    def organisation_graph(self) -> Graph:
        """The teams (one colour each) and who talks to whom."""
        teams = self.organisation.teams
        index = {t: i for i, t in enumerate(teams)}
        return Graph(
            tuple((t, i) for i, t in enumerate(teams)),
            tuple((index[a], index[b], "talks") for a, b in self.organisation.links),
        )

    def module_graph(self) -> Graph:
        """The modules, each where its team is in :meth:`organisation_graph` and in its colour,
        and the dependencies between them (agreed or unplanned)."""
        teams = self.organisation.teams
        index = {t: i for i, t in enumerate(teams)}
        parts = {m.team: len(m.parts) for m in self.modules}
        return Graph(
            tuple(
                (f"{t}\n{_plural(parts[t], 'part')}", i) if t in parts else None
                for i, t in enumerate(teams)
            ),
            tuple(
                (index[d.a], index[d.b], "agreed" if d.agreed else "unplanned")
                for d in self.dependencies
            ),
        )

    # -- words ---------------------------------------------------------------------------------

    @property
    def score_text(self) -> str:
        """The mirroring score in words."""
        if self.mirroring is None:
            return "Mirroring score: not applicable (no dependencies between modules)"
        return (
            f"Mirroring score: {self.mirroring:.0%} ({len(self.agreed)} of "
            f"{_plural(len(self.dependencies), 'module dependency', 'module dependencies')} "
            f"{'follows' if len(self.agreed) == 1 else 'follow'} a communication link)"
        )

    @property
    def headline(self) -> str:
        """One sentence: how many modules, and how well they mirror the teams' links."""
        n = len(self.modules)
        if not self.dependencies:
            if n == 1:
                return (
                    f"One team builds everything, so the product is one module with "
                    f"{self.modules[0].couplings} internal couplings: no interfaces at all."
                )
            return f"{n} modules with no dependencies between them."
        deps = _plural(len(self.dependencies), "dependency", "dependencies")
        head = f"{_plural(n, 'module')}, {deps}"
        if not self.unplanned:
            return f"{head}: every dependency is an agreed interface, because those teams talk."
        if len(self.unplanned) == 1:
            d = self.unplanned[0]
            return f"{head}: 1 is unplanned, because {d.a} and {d.b} do not talk."
        pairs = "; ".join(f"{d.a} and {d.b}" for d in self.unplanned)
        return (
            f"{head}: {len(self.unplanned)} are unplanned, because these teams do not talk: "
            f"{pairs}."
        )

    def module_lines(self) -> list[str]:
        """One line per module: team, parts and coupling."""
        lines = []
        for m in self.modules:
            tangle = f"; mixes {join_names(m.journeys)}" if len(m.journeys) > 1 else ""
            lines.append(
                f"{m.team}: {_plural(len(m.parts), 'part')} ({', '.join(m.parts)}), "
                f"{_plural(m.couplings, 'internal coupling')}{tangle}"
            )
        lines += [f"{t}: builds nothing, so produces no module" for t in self.idle_teams]
        return lines

    def dependency_lines(self) -> list[str]:
        """One line per module dependency: the two teams, its kind and the part links in it."""
        return [
            f"{d.a} – {d.b}: {d.kind} (" + "; ".join(f"{x} uses {y}" for x, y in d.needs) + ")"
            for d in self.dependencies
        ]

    def readings(self) -> list[str]:
        """What a product manager would notice."""
        out = []
        spread = self.journey_teams()
        counts = {j: len(t) for j, t in spread.items()}
        if len(set(counts.values())) == 1:
            k = next(iter(counts.values()))
            out.append(
                f"A change that runs through all three layers of a journey touches "
                f"{_plural(k, 'team')}"
                + (": it needs hand-offs between teams." if k > 1 else ": no hand-offs needed.")
            )
        else:
            out.append(
                "A change that runs through all three layers of a journey touches: "
                + "; ".join(f"{j} {_plural(c, 'team')}" for j, c in counts.items())
                + "."
            )
        if self.tangled:
            out.append(
                "Journeys tangled in one module, so a change to one can spill into the others: "
                + "; ".join(f"{m.team} ({join_names(m.journeys)})" for m in self.tangled)
                + "."
            )
        if self.unplanned:
            out.append(
                "An unplanned dependency is code that needs a connection nobody agreed: the "
                "place where integration tends to go wrong. Link those teams, or move parts."
            )
        if len(self.idle_links) == 1:
            a, b = self.idle_links[0]
            out.append(
                f"{a} and {b} talk, but their modules share no dependency: that conversation "
                "costs time the product does not need."
            )
        elif self.idle_links:
            pairs = "; ".join(f"{a} and {b}" for a, b in self.idle_links)
            out.append(
                f"These teams talk, but their modules share no dependency: {pairs}. Those "
                "conversations cost time the product does not need."
            )
        return out

    @property
    def text(self) -> str:
        """The whole state as plain text (what nbval compares)."""
        org = self.organisation
        links = join_names(f"{a} – {b}" for a, b in org.links) or "none"
        return "\n".join(
            [
                f"Conway simulator: {self.headline}",
                f"Teams: {join_names(org.teams)}. Communication links: {links}.",
                self.score_text + ".",
                "",
                "Modules (one per team):",
                *(f"  {line}" for line in self.module_lines()),
                "Dependencies between modules:",
                *(f"  {line}" for line in self.dependency_lines() or ["none"]),
                "",
                *self.readings(),
            ]
        )

    @property
    def markdown(self) -> str:
        """The whole state as Markdown."""
        org = self.organisation
        links = join_names(f"{a} – {b}" for a, b in org.links) or "none"
        return "\n".join(
            [
                f"**Conway simulator**: {self.headline}",
                "",
                f"Teams: {join_names(org.teams)}. Communication links: {links}. {self.score_text}.",
                "",
                "Modules (one per team):",
                "",
                *(f"- {line}" for line in self.module_lines()),
                "",
                "Dependencies between modules:",
                "",
                *(f"- {line}" for line in self.dependency_lines() or ["none"]),
                "",
                *(f"- {line}" for line in self.readings()),
            ]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        org = self.organisation
        links = join_names(f"{a} with {b}" for a, b in org.links) or "none"
        mods = "; ".join(f"{m.team}, {_plural(len(m.parts), 'part')}" for m in self.modules)
        deps = "; ".join(f"{d.a} to {d.b}, {d.kind}" for d in self.dependencies) or "none"
        return (
            f"Two graphs side by side. Left, the organisation: {_plural(len(org.teams), 'team')} "
            f"({join_names(org.teams)}); communication links: {links}. Right, the architecture "
            f"it produces: {_plural(len(self.modules), 'module')} ({mods}); module "
            f"dependencies: {deps}. {self.score_text}."
        )


def _org(teams: tuple[str, ...], by: Mapping[str, str], links=()) -> Organisation:
    """Build an organisation from a rule: part -> team, looked up by part, journey or layer."""
    owners = []
    for part in PARTS:
        journey, layer = part.split(" ", 1)
        owners.append(by.get(part) or by.get(journey) or by[layer])
    return Organisation(teams, tuple(owners), tuple(links))


#: The three example organisations, with what each one is.
PRESETS: dict[str, Organisation] = {
    "One team": _org(
        ("Whole team",), {"screens": "Whole team", "logic": "Whole team", "data": "Whole team"}
    ),
    "Component teams": _org(
        ("Front end", "Back end", "Database"),
        {"screens": "Front end", "logic": "Back end", "data": "Database"},
        [("Front end", "Back end"), ("Back end", "Database")],
    ),
    "Stream-aligned teams and a platform team": _org(
        ("Donations team", "Events team", "Volunteering team", "Platform team"),
        {
            "Donations screens": "Donations team",
            "Donations logic": "Donations team",
            "Events screens": "Events team",
            "Events logic": "Events team",
            "Volunteering screens": "Volunteering team",
            "Volunteering logic": "Volunteering team",
            "data": "Platform team",
        },
        [
            ("Donations team", "Platform team"),
            ("Events team", "Platform team"),
            ("Volunteering team", "Platform team"),
        ],
    ),
}
PRESET_NOTES = {
    "One team": "one team builds every part and everyone talks to everyone",
    "Component teams": "a front end, a back end and a database team, each owning one layer "
    "of every journey",
    "Stream-aligned teams and a platform team": "one team per user journey, with a platform "
    "team that runs the shared data",
}
CUSTOM = "Your own"
DEFAULT_PRESET = "Component teams"


def preset_name(org: Organisation) -> str:
    """The name of the example organisation equal to ``org``, or 'Your own'."""
    return next((name for name, p in PRESETS.items() if p == org), CUSTOM)


# --- 2. the inverse Conway manoeuvre ------------------------------------------------------------

TEAM_SLOTS = ("Team 1", "Team 2", "Team 3", "Team 4")


@dataclass(frozen=True)
class Target:
    """A target architecture: named modules, each a group of parts (every part exactly once)."""

    name: str
    note: str
    modules: tuple[tuple[str, tuple[str, ...]], ...]

    def __post_init__(self):
        seen = [p for _, parts in self.modules for p in parts]
        for p in seen:
            check_part(p)
        if sorted(seen) != sorted(PARTS):
            raise ValueError(f"Conway model: target {self.name!r} must hold every part once")

    def module_of(self, part: str) -> str:
        """The name of the target module that holds ``part``."""
        check_part(part)
        return next(name for name, parts in self.modules if part in parts)

    def dependencies(self) -> tuple[tuple[str, str], ...]:
        """Pairs of target modules that depend on each other (from ``NEEDS``)."""
        names = [n for n, _ in self.modules]
        pairs = set()
        for x, y in NEEDS:
            a, b = self.module_of(x), self.module_of(y)
            if a != b:
                pairs.add((a, b) if names.index(a) < names.index(b) else (b, a))
        return tuple(sorted(pairs, key=lambda p: (names.index(p[0]), names.index(p[1]))))


def _target(name: str, note: str, groups: Mapping[str, Iterable[str]]) -> Target:
    return Target(name, note, tuple((m, tuple(parts)) for m, parts in groups.items()))


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        _target(
            "Three independent services, one per journey",
            "each journey is one service with its own screens, logic and data, and no service "
            "depends on another",
            {f"{j} service": [f"{j} {layer}" for layer in LAYERS] for j in JOURNEYS},
        ),
        _target(
            "Journey services on a shared data platform",
            "each journey's screens and logic form one service; all three use one shared "
            "data platform",
            {
                **{f"{j} service": [f"{j} screens", f"{j} logic"] for j in JOURNEYS},
                "Data platform": [f"{j} data" for j in JOURNEYS],
            },
        ),
        _target(
            "Three layers: front end, back end, database",
            "one module per layer, each serving every journey",
            {
                "Front end": [f"{j} screens" for j in JOURNEYS],
                "Back end": [f"{j} logic" for j in JOURNEYS],
                "Database": [f"{j} data" for j in JOURNEYS],
            },
        ),
    )
}
DEFAULT_TARGET = "Three independent services, one per journey"

#: Where the exercise starts: today's component teams (one team per layer).
START_ASSIGNMENT: dict[str, str] = {
    f"{j} {layer}": TEAM_SLOTS[i] for j in JOURNEYS for i, layer in enumerate(LAYERS)
}


def check_assignment(assignment: object) -> dict[str, str]:
    """Return ``assignment`` (part -> team slot) if every part has a known team, else raise."""
    if not isinstance(assignment, Mapping):
        raise ValueError("Conway model: an assignment maps each part to a team")
    out = {}
    for part in PARTS:
        team = assignment.get(part)
        if team in (None, ""):
            raise ValueError(f"Conway model: {part} has no team yet; choose one for every part")
        if team not in TEAM_SLOTS:
            raise ValueError(
                f"Conway model: {part} is given to {team!r}; choose one of {join_names(TEAM_SLOTS)}"
            )
        out[part] = team
    extra = [k for k in assignment if k not in PARTS]
    if extra:
        raise ValueError(f"Conway model: {extra[0]!r} is not a part")
    return out


def _slot(team: str) -> int | None:
    """A team slot's colour (its position), or None for a team that is not a slot."""
    return TEAM_SLOTS.index(team) if team in TEAM_SLOTS else None


@dataclass(frozen=True)
class Move:
    """A part that must change team to reach the target."""

    part: str
    from_team: str
    to_team: str


@dataclass(frozen=True)
class Comparison:
    """How far the architecture a team design produces is from a target architecture."""

    target: Target
    assignment: dict[str, str]
    pairing: tuple[tuple[str, str], ...]  # (target module, team that should build it)
    moves: tuple[Move, ...]

    @property
    def distance(self) -> int:
        """Parts that must move to another team (0: the teams produce the target)."""
        return len(self.moves)

    @property
    def in_place(self) -> int:
        """Parts already with the team that would build their target module."""
        return len(PARTS) - self.distance

    def team_for(self, module: str) -> str:
        """The team paired with a target module."""
        return dict(self.pairing)[module]

    def produced(self) -> Architecture:
        """What the teams would build (assuming they talk wherever their parts depend)."""
        return self._produced

    @functools.cached_property
    def _produced(self) -> Architecture:
        teams = tuple(t for t in TEAM_SLOTS if t in self.assignment.values())
        org = Organisation(teams, tuple(self.assignment[p] for p in PARTS))
        for a, b in combinations(teams, 2):
            org = org.with_link(a, b)
        used = {(d.a, d.b) for d in org.architecture().dependencies}
        return Organisation(teams, org.owners, tuple(used)).architecture()

    def target_graph(self) -> Graph:
        """The target's modules, each in the colour of the team paired with it (grey: a team
        yet to be found), and their dependencies."""
        names = [m for m, _ in self.target.modules]
        index = {m: i for i, m in enumerate(names)}
        return Graph(
            tuple((m.replace(" service", "\nservice"), _slot(self.team_for(m))) for m in names),
            tuple((index[a], index[b], "target") for a, b in self.target.dependencies()),
        )

    def produced_graph(self) -> Graph:
        """The modules the teams would build, in their teams' colours, and their dependencies."""
        produced = self.produced()
        index = {m.team: i for i, m in enumerate(produced.modules)}
        return Graph(
            tuple((f"{m.team}'s module\n{gist(m.parts)}", _slot(m.team)) for m in produced.modules),
            tuple((index[d.a], index[d.b], "target") for d in produced.dependencies),
        )

    @property
    def headline(self) -> str:
        """One sentence: how far from the target."""
        if not self.moves:
            return (
                f"Your teams match the target: each one builds one module of '{self.target.name}'."
            )
        return (
            f"{self.in_place} of {len(PARTS)} parts are in place; move "
            f"{_plural(self.distance, 'part')} to reach '{self.target.name}'."
        )

    def feedback(self) -> list[str]:
        """Advice for the learner, most useful first."""
        out = []
        produced = self.produced()
        if self.moves:
            out += [
                f"Move {m.part} from {m.from_team} to {m.to_team} "
                f"(which would build the {self.target.module_of(m.part)})."
                for m in self.moves
            ]
        want = len(self.target.modules)
        have = len(produced.modules)
        if have < want:
            out.append(
                f"{_plural(have, 'team')} build parts, but the target has "
                f"{_plural(want, 'module')}. Each team produces one module, so the target "
                "needs one team per module."
            )
        elif have > want:
            out.append(
                f"{_plural(have, 'team')} build parts, but the target has only "
                f"{_plural(want, 'module')}. Each team produces one module, so an extra team "
                "splits a target module and adds interfaces the target does not have."
            )
        target_deps = len(self.target.dependencies())
        out.append(
            f"Your teams would produce {_plural(have, 'module')} with "
            f"{_plural(len(produced.dependencies), 'dependency', 'dependencies')} between them; "
            f"the target has {_plural(want, 'module')} with "
            f"{_plural(target_deps, 'dependency', 'dependencies')}."
        )
        if not self.moves:
            out.append(
                "This is the inverse Conway manoeuvre: shape the teams, and the way they talk, "
                "so that the structure you want is the one they naturally build."
            )
        return out

    @property
    def text(self) -> str:
        """The whole comparison as plain text."""
        rows = [
            f"  {j:<13} " + "  ".join(f"{self.assignment[f'{j} {layer}']:<7}" for layer in LAYERS)
            for j in JOURNEYS
        ]
        return "\n".join(
            [
                f"Inverse Conway: {self.headline}",
                f"Target: {self.target.name} ({self.target.note}).",
                "",
                "Who builds each part:",
                f"  {'':<13} " + "  ".join(f"{layer:<7}" for layer in LAYERS),
                *rows,
                "",
                *self.feedback(),
            ]
        )

    @property
    def markdown(self) -> str:
        """The whole comparison as Markdown."""
        rows = [
            f"| {j} | " + " | ".join(self.assignment[f"{j} {layer}"] for layer in LAYERS) + " |"
            for j in JOURNEYS
        ]
        return "\n".join(
            [
                f"**Inverse Conway**: {self.headline}",
                "",
                f"Target: {self.target.name} ({self.target.note}).",
                "",
                "| Journey | " + " | ".join(LAYERS) + " |",
                "|---|---|---|---|",
                *rows,
                "",
                *(f"- {line}" for line in self.feedback()),
            ]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        produced = self.produced()
        target = "; ".join(f"{m}: {', '.join(parts)}" for m, parts in self.target.modules)
        mine = "; ".join(f"{m.team}: {', '.join(m.parts)}" for m in produced.modules)
        return (
            f"Two module graphs side by side. Left, the target architecture "
            f"'{self.target.name}': {target}; "
            f"{_plural(len(self.target.dependencies()), 'dependency', 'dependencies')}. "
            f"Right, what your teams would produce: {mine}; "
            f"{_plural(len(produced.dependencies), 'dependency', 'dependencies')}. "
            f"{self.headline}"
        )


def compare(target: Target | str, assignment: Mapping[str, str]) -> Comparison:
    """Compare the modules a team design produces with a target architecture.

    Teams are paired one-to-one with target modules so that as many parts as possible are
    already with the team paired with their module; every other part must move. A target
    module left without a team is given the first unused team slot.
    """
    if isinstance(target, str):
        if target not in TARGETS:
            raise ValueError(
                f"Conway model: no target called {target!r}; the targets are {join_names(TARGETS)}"
            )
        target = TARGETS[target]
    chosen = check_assignment(assignment)
    modules = [name for name, _ in target.modules]
    slots: list[str | None] = [*TEAM_SLOTS]
    slots += [None] * max(0, len(modules) - len(slots))
    overlap = {
        (m, t): sum(1 for p in parts if chosen[p] == t)
        for m, parts in target.modules
        for t in TEAM_SLOTS
    }
    best, best_score = None, -1
    for perm in permutations(slots, len(modules)):
        score = sum(overlap.get((m, t), 0) for m, t in zip(modules, perm, strict=True) if t)
        if score > best_score:
            best, best_score = perm, score
    assert best is not None
    pairing = tuple((m, t or "a new team") for m, t in zip(modules, best, strict=True))
    team_of = dict(pairing)
    moves = tuple(
        Move(p, chosen[p], team_of[target.module_of(p)])
        for p in PARTS
        if chosen[p] != team_of[target.module_of(p)]
    )
    return Comparison(target, chosen, pairing, moves)


# --- 3. Conway's compiler example ---------------------------------------------------------------

LANGUAGES = ("COBOL", "ALGOL")
#: The paper's split: five people on COBOL, three on ALGOL.
PAPER_SPLIT = {"COBOL": 5, "ALGOL": 3}
MAX_PEOPLE = 10

_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def number_word(n: int) -> str:
    """'five' for 5 (0 to 10), otherwise the digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


@dataclass(frozen=True)
class CompilerPlan:
    """People per language, and what the toy rule (one phase per person) predicts."""

    people: tuple[tuple[str, int], ...]

    def __post_init__(self):
        for language, n in self.people:
            if language not in LANGUAGES:
                raise ValueError(
                    f"Conway model: {language!r} is not a language here; use "
                    f"{join_names(LANGUAGES)}"
                )
            if isinstance(n, bool) or not isinstance(n, int):
                raise ValueError(f"Conway model: {language} has {n!r} people; give a whole number")
            if not 0 <= n <= MAX_PEOPLE:
                raise ValueError(f"Conway model: {language} has {n} people; give 0 to {MAX_PEOPLE}")

    @property
    def phases(self) -> dict[str, int]:
        """Predicted compiler phases per language: one per person in the group."""
        return dict(self.people)

    @property
    def total(self) -> int:
        """Everyone in the organisation."""
        return sum(n for _, n in self.people)

    @property
    def channels_all(self) -> int:
        """One-to-one channels if everyone talks to everyone: n(n-1)/2."""
        return channels(self.total)

    @property
    def channels_inside(self) -> int:
        """One-to-one channels inside the language groups only."""
        return sum(channels(n) for _, n in self.people)

    @property
    def is_paper(self) -> bool:
        """True for the paper's own split, 5 on COBOL and 3 on ALGOL."""
        return self.phases == PAPER_SPLIT

    def prediction(self, language: str) -> str:
        """'a five-phase COBOL compiler', or 'no COBOL compiler'."""
        n = self.phases[language]
        if n == 0:
            return f"no {language} compiler (nobody is working on it)"
        return f"a {number_word(n)}-phase {language} compiler"

    @property
    def headline(self) -> str:
        """One sentence: the split and the predicted compilers."""
        groups = join_names(f"{n} on {lang}" for lang, n in self.people)
        preds = join_names(self.prediction(lang) for lang, _ in self.people)
        return f"{_plural(self.total, 'person', 'people')} ({groups}) → {preds}."

    @property
    def channels_text(self) -> str:
        """The communication channels in words."""
        if self.total < 2:
            return "With fewer than two people there is nobody to talk to: no channels."
        return (
            f"If all {self.total} talked to each other there would be {self.channels_all} "
            f"one-to-one channels; inside the language groups there are {self.channels_inside}."
        )

    @property
    def caveat(self) -> str:
        """What the rule is, and what it is not."""
        paper = (
            "This is the paper's own split and its reported result."
            if self.is_paper
            else "The paper reported only 5 and 3; other splits are the toy rule's guess."
        )
        return (
            "Toy rule: one phase per person in the group, taken from the single example in "
            f"Conway's 1968 paper. It is an anecdote, not a law of nature. {paper}"
        )

    @property
    def text(self) -> str:
        """The whole plan as plain text."""
        return "\n".join([f"Conway's compilers: {self.headline}", self.channels_text, self.caveat])

    @property
    def markdown(self) -> str:
        """The whole plan as Markdown."""
        return "\n\n".join(
            [f"**Conway's compilers**: {self.headline}", self.channels_text, f"_{self.caveat}_"]
        )

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        rows = "; ".join(
            f"{lang}: {_plural(n, 'person', 'people')}, {_plural(n, 'phase')}"
            for lang, n in self.people
        )
        return (
            f"Chart of compiler phases predicted by the toy rule, one row per language, one box "
            f"per phase. {rows}. {self.channels_text}"
        )


def compiler_plan(cobol: int = 5, algol: int = 3) -> CompilerPlan:
    """The plan for ``cobol`` people on COBOL and ``algol`` on ALGOL (default: the paper's)."""
    return CompilerPlan((("COBOL", cobol), ("ALGOL", algol)))


# --- 4. the Windows Vista study -----------------------------------------------------------------


@dataclass(frozen=True)
class Predictor:
    """One kind of measure, and how well it predicted failure-prone binaries (percent)."""

    name: str
    precision: float
    recall: float


#: Nagappan, Murphy and Basili, ICSE 2008 (as reported in Making Software, ch. 23).
VISTA: tuple[Predictor, ...] = (
    Predictor("Organisational structure", 86.2, 84.0),
    Predictor("Code churn", 78.6, 79.9),
    Predictor("Code complexity", 79.3, 66.0),
    Predictor("Dependencies", 74.4, 69.9),
    Predictor("Code coverage", 83.8, 54.4),
)
VISTA_SOURCE = (
    "Nagappan, Murphy and Basili, 'The influence of organizational structure on software "
    "quality', ICSE 2008, pp. 521-530 (Windows Vista)"
)
VISTA_READING = (
    "Precision: of the binaries a model flagged as failure-prone, the share that were. "
    "Recall: of the binaries that were failure-prone, the share the model flagged."
)


def vista_headline() -> str:
    """Which predictor did best, in words."""
    top_p = max(VISTA, key=lambda p: p.precision)
    top_r = max(VISTA, key=lambda p: p.recall)
    if top_p is top_r:
        return (
            f"{top_p.name} measures had both the highest precision ({top_p.precision:.1f}%) "
            f"and the highest recall ({top_r.recall:.1f}%)."
        )
    return f"Highest precision: {top_p.name}; highest recall: {top_r.name}."  # pragma: no cover


def vista_table() -> str:
    """A fixed-width table of the figures."""
    width = max(len(p.name) for p in VISTA)
    lines = [f"{'Predictor':<{width}}  Precision  Recall"]
    lines += [f"{p.name:<{width}}  {p.precision:>8.1f}%  {p.recall:>5.1f}%" for p in VISTA]
    return "\n".join(lines)


def vista_text() -> str:
    """The study's figures as plain text."""
    return "\n".join(
        [
            "Windows Vista: predicting failure-prone binaries",
            vista_table(),
            vista_headline(),
            VISTA_READING,
            f"Source: {VISTA_SOURCE}.",
        ]
    )


def vista_markdown() -> str:
    """The study's figures as Markdown."""
    rows = [f"| {p.name} | {p.precision:.1f}% | {p.recall:.1f}% |" for p in VISTA]
    return "\n".join(
        [
            "**Windows Vista: predicting failure-prone binaries**",
            "",
            "| Predictor | Precision | Recall |",
            "|---|--:|--:|",
            *rows,
            "",
            vista_headline(),
            "",
            VISTA_READING,
            "",
            f"Source: {VISTA_SOURCE}.",
        ]
    )


@dataclass(frozen=True)
class VistaFigures:
    """The study's figures in words: ``.text``, ``.markdown`` and the chart's ``.alt_text``."""

    @property
    def text(self) -> str:
        return vista_text()

    @property
    def markdown(self) -> str:
        return vista_markdown()

    @property
    def alt_text(self) -> str:
        return vista_alt()


def vista_alt() -> str:
    """The chart's facts in words."""
    bars = "; ".join(
        f"{p.name}: precision {p.precision:.1f}%, recall {p.recall:.1f}%" for p in VISTA
    )
    return (
        "Grouped bar chart of precision and recall, in percent, of five kinds of measure at "
        f"predicting failure-prone binaries in Windows Vista. {bars}. {vista_headline()}"
    )


__all__ = [
    "CUSTOM",
    "JOURNEYS",
    "LAYERS",
    "NEEDS",
    "PAPER_SPLIT",
    "PARTS",
    "PRESETS",
    "START_ASSIGNMENT",
    "TARGETS",
    "TEAM_SLOTS",
    "VISTA",
    "Architecture",
    "Comparison",
    "CompilerPlan",
    "Graph",
    "Organisation",
    "Target",
    "VistaFigures",
    "channels",
    "compare",
    "compiler_plan",
    "ellipse",
    "gist",
    "link_name",
    "preset_name",
    "vista_alt",
    "vista_markdown",
    "vista_text",
]
