"""The product life cycle: the Bass adoption curve, its stages, and Levitt's life-extension moves.

**The Bass model** (Frank Bass, "A New Product Growth for Model Consumer Durables", Management
Science 15(5), 1969) describes when people first adopt a new kind of product. Of the people in
a market of size ``m`` who have not yet adopted, a share ``p + q F(t)`` adopts in each moment,
where ``F(t)`` is the share of the market that has already adopted: ``p`` is the coefficient of
innovation (people who adopt on their own) and ``q`` the coefficient of imitation (people who
adopt because others have). The closed form is::

    F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))          cumulative share, S-shaped
    f(t) = dF/dt = ((p+q)^2 / p) exp(-(p+q) t) / (1 + (q/p) exp(-(p+q) t))^2

Adoption per period, ``m f(t)``, peaks at ``t* = ln(q/p) / (p+q)`` when ``q > p`` (the
inflection point of the S-curve, where ``F(t*) = 1/2 - p/(2q)``); when ``q <= p`` it is
highest at launch. In the base model each adopter buys once, so sales equal adoptions.

**Stages** follow a stated convention, not a law: introduction runs from launch until
``INTRO_SHARE`` (10%) of the market has adopted, growth until adoption per period peaks,
maturity until ``DECLINE_SHARE`` (90%) has adopted, and decline after that. A stage can have
no length (with ``q <= p`` there is no growth stage).

**Life-extension moves** follow Theodore Levitt ("Exploit the Product Life Cycle", Harvard
Business Review, 1965): more frequent use and more varied use among current users, new users
and new uses. Each move switched on adds a new wave of sales shaped like the original (same
``p`` and ``q``) from its start year; its size is a fixed share of the people who have adopted
by then (moves among current users) or of the original market (moves that reach new people).
The sizes are illustrative, not empirical.

Pure Python and numpy: no widgets and no charts here (see ``view``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

#: The ranges the live model offers (the pure functions accept any p > 0, q >= 0, m > 0).
P_MIN, P_MAX, P_STEP = 0.001, 0.1, 0.001
Q_MIN, Q_MAX, Q_STEP = 0.0, 1.0, 0.01
M_MIN, M_MAX, M_STEP = 10, 1000, 10
START_MIN, START_MAX = 1, 30
GAP_MIN, GAP_MAX = 1, 10

#: The convention for the stages: introduction ends when this share of the market has adopted
#: (or at the peak, if that comes first); decline starts when DECLINE_SHARE has adopted.
INTRO_SHARE = 0.10
DECLINE_SHARE = 0.90
#: "Life" of the product: until sales per period last fall below this share of the first peak.
LIFE_SHARE = 0.20
#: The chart runs until the last wave has reached this share of its size (at most MAX_HORIZON).
HORIZON_SHARE = 0.99
MIN_HORIZON, MAX_HORIZON = 10.0, 80.0

UNIT = "thousand"
PERIOD = "year"


# --- the Bass curve --------------------------------------------------------------------------


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"life cycle: {name} must be a number; got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"life cycle: {name} must be a finite number; got {value}")
    return value


def check_coefficients(p: object, q: object) -> tuple[float, float]:
    """Return ``(p, q)`` as floats if ``p > 0`` and ``q >= 0``; otherwise raise ValueError."""
    p = _number(p, "the innovation coefficient p")
    q = _number(q, "the imitation coefficient q")
    if p <= 0:
        raise ValueError(
            f"life cycle: the innovation coefficient p must be more than 0 (with p = 0 nobody "
            f"adopts first, so nobody ever adopts); got {p:g}"
        )
    if q < 0:
        raise ValueError(f"life cycle: the imitation coefficient q cannot be negative; got {q:g}")
    return p, q


def check_market(m: object) -> float:
    """Return the market size ``m`` as a float if it is more than 0; otherwise raise ValueError."""
    m = _number(m, "the market size m")
    if m <= 0:
        raise ValueError(f"life cycle: the market size m must be more than 0; got {m:g}")
    return m


def cumulative_share(t: object, p: float, q: float) -> np.ndarray:
    """F(t): the share of the market that has adopted by time ``t`` (0 before launch)."""
    p, q = check_coefficients(p, q)
    t = np.asarray(t, dtype=float)
    e = np.exp(-(p + q) * np.clip(t, 0.0, None))
    return np.where(t > 0, (1 - e) / (1 + (q / p) * e), 0.0)


def adoption_rate(t: object, p: float, q: float) -> np.ndarray:
    """f(t) = dF/dt: the share of the market adopting per period at time ``t`` (0 before launch)."""
    p, q = check_coefficients(p, q)
    t = np.asarray(t, dtype=float)
    e = np.exp(-(p + q) * np.clip(t, 0.0, None))
    return np.where(t >= 0, ((p + q) ** 2 / p) * e / (1 + (q / p) * e) ** 2, 0.0)


def peak_time(p: float, q: float) -> float:
    """t* = ln(q/p) / (p+q), when adoption per period peaks; 0 (launch) when q <= p."""
    p, q = check_coefficients(p, q)
    return math.log(q / p) / (p + q) if q > p else 0.0


def peak_share(p: float, q: float) -> float:
    """F(t*): the share of the market that has adopted at the peak (1/2 - p/(2q), or 0)."""
    p, q = check_coefficients(p, q)
    return 0.5 - p / (2 * q) if q > p else 0.0


def peak_rate(p: float, q: float) -> float:
    """f(t*): the highest share of the market adopting per period ((p+q)^2 / 4q, or p)."""
    p, q = check_coefficients(p, q)
    return (p + q) ** 2 / (4 * q) if q > p else p


def time_to_share(share: float, p: float, q: float) -> float:
    """When ``share`` of the market has adopted: ln((1 + share q/p) / (1 - share)) / (p+q)."""
    p, q = check_coefficients(p, q)
    share = _number(share, "the share")
    if not 0 <= share < 1:
        raise ValueError(
            f"life cycle: a share of the market runs from 0 up to (not including) 1; got {share:g}"
        )
    return math.log((1 + share * q / p) / (1 - share)) / (p + q)


def simulate(p: float, q: float, m: float, horizon: float, dt: float = 1.0) -> tuple:
    """Step the model forward in steps of ``dt``: adopters in a step = (p + q N/m)(m - N) dt.

    With ``dt = 1`` this is Bass's own discrete (period-by-period) form; as ``dt`` shrinks it
    approaches the closed form. Returns ``(times, adopters per period, cumulative adopters)``,
    the times being the end of each step.
    """
    p, q = check_coefficients(p, q)
    m = check_market(m)
    horizon, dt = _number(horizon, "the horizon"), _number(dt, "the step dt")
    if dt <= 0 or horizon <= 0:
        raise ValueError("life cycle: the horizon and the step dt must both be more than 0")
    steps = round(horizon / dt)
    if steps > 1_000_000:
        raise ValueError("life cycle: too many steps; use a larger dt or a shorter horizon")
    per_period = np.empty(steps)
    cumulative = np.empty(steps)
    adopted = 0.0
    for k in range(steps):
        new = (p + q * adopted / m) * (m - adopted) * dt
        adopted += new
        per_period[k] = new / dt
        cumulative[k] = adopted
    times = dt * np.arange(1, steps + 1)
    return times, per_period, cumulative


# --- stages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """One stage of the life cycle: how this course marks it, and a product manager's focus."""

    key: str
    title: str
    rule: str
    curve: str
    focus: tuple[str, ...]


STAGES: dict[str, Stage] = {
    s.key: s
    for s in (
        Stage(
            "introduction",
            "Introduction",
            f"from launch until {INTRO_SHARE:.0%} of the market has adopted",
            "few people know the product yet; most who adopt do so on their own (p)",
            (
                "Learn whether the product really meets a need: watch what the first users do "
                "and talk to them.",
                "Fix whatever stops people adopting or coming back, since later word of mouth "
                "depends on these first users being happy.",
                "Agree what success looks like and start measuring it.",
            ),
        ),
        Stage(
            "growth",
            "Growth",
            "until adoption per year peaks (the steepest point of the S-curve)",
            "adoption per year climbs fast, pushed by people who follow others (q)",
            (
                "Keep the product working well for the many new users; they bring needs the "
                "first users did not have.",
                "Check that the value the organisation expects is arriving, not only the users.",
                "Plan the life-extension moves now, while growth is strong: Levitt's advice was "
                "to plan them in advance.",
            ),
        ),
        Stage(
            "maturity",
            "Maturity",
            f"until {DECLINE_SHARE:.0%} of the market has adopted",
            "most people who will adopt have done so; new adopters get fewer each year",
            (
                "Keep improving the product for the people who already use it, and watch for "
                "falling use.",
                "Look after the costs of running it, so it stays worth running.",
                "Launch the life-extension moves you planned: more frequent use, more varied "
                "use, new users, new uses.",
            ),
        ),
        Stage(
            "decline",
            "Decline",
            f"after {DECLINE_SHARE:.0%} of the market has adopted",
            "few people are left to adopt, so sales fall towards zero",
            (
                "Decide, with evidence, whether to extend the product, keep it running more "
                "cheaply, or retire it.",
                "Keep meeting the needs of the people who still rely on it.",
                "If it is retired: tell its users, help them meet their needs another way, and "
                "deal with their data properly.",
            ),
        ),
    )
}


def check_stage(key: object) -> Stage:
    """The stage called ``key``; otherwise ValueError naming the stages."""
    if key not in STAGES:
        known = ", ".join(STAGES)
        raise ValueError(f"life cycle: no stage called {key!r}; the stages are {known}")
    return STAGES[key]


def stage_bounds(p: float, q: float) -> dict[str, tuple[float, float]]:
    """(start, end) of each stage in periods after launch, by the course's convention.

    Introduction ends when INTRO_SHARE has adopted or at the peak, whichever is first; growth
    ends at the peak; maturity ends when DECLINE_SHARE has adopted; decline has no end.
    """
    peak = peak_time(p, q)
    intro_end = min(time_to_share(INTRO_SHARE, p, q), peak)
    decline = max(time_to_share(DECLINE_SHARE, p, q), peak)
    return {
        "introduction": (0.0, intro_end),
        "growth": (intro_end, peak),
        "maturity": (peak, decline),
        "decline": (decline, math.inf),
    }


def stage_at(t: float, p: float, q: float) -> Stage:
    """The stage a time ``t`` (0 or later) falls in."""
    t = _number(t, "the time t")
    if t < 0:
        raise ValueError(
            f"life cycle: the time t counts from launch, so it cannot be negative: {t}"
        )
    for key, (start, end) in stage_bounds(p, q).items():
        if start <= t < end:
            return STAGES[key]
    return STAGES["decline"]  # pragma: no cover - decline has no end


# --- Levitt's moves --------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One of Levitt's life-extension moves and how this model represents it."""

    key: str
    title: str
    levitt: str
    among: str
    size: float
    basis: str  # "adopters": share of those who have adopted by the start; "market": share of m

    @property
    def rule(self) -> str:
        """How the move is modelled, in words."""
        whom = (
            "of the people who have adopted by its start"
            if self.basis == "adopters"
            else "of the original market"
        )
        return f"a new wave of sales the size of {self.size:.0%} {whom}"


MOVES: dict[str, Move] = {
    mv.key: mv
    for mv in (
        Move(
            "frequent",
            "More frequent use",
            "promote more frequent use of the product among current users",
            "current users",
            0.5,
            "adopters",
        ),
        Move(
            "varied",
            "More varied use",
            "develop more varied use of the product among current users",
            "current users",
            0.3,
            "adopters",
        ),
        Move(
            "new_users",
            "New users",
            "create new users for the product by widening the market",
            "new people",
            0.3,
            "market",
        ),
        Move(
            "new_uses",
            "New uses",
            "find new uses for the basic material",
            "new people",
            0.4,
            "market",
        ),
    )
}


class Wave(NamedTuple):
    """A move switched on: when its wave of sales starts and how big it is (same unit as m)."""

    move: Move
    start: float
    size: float


class Curves(NamedTuple):
    """The model's curves on a grid of times (sales in the unit of m, per period)."""

    t: np.ndarray
    base_rate: np.ndarray
    base_cumulative: np.ndarray
    total_rate: np.ndarray
    total_cumulative: np.ndarray


def _round_up(x: float, step: float = 5.0) -> float:
    return step * math.ceil(x / step - 1e-9)


def _year(t: float) -> str:
    return f"{t:.1f}"


def _amount(x: float) -> str:
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def _last_crossing(rate, threshold: float, end: float) -> float:
    """The last time the vectorised function ``rate`` is at or above ``threshold`` (up to end)."""
    grid = np.linspace(0.0, end, 20_001)
    above = np.nonzero(rate(grid) >= threshold)[0]
    if not len(above):
        return 0.0
    k = above[-1]
    if k == len(grid) - 1:
        return end
    lo, hi = grid[k], grid[k + 1]
    for _ in range(60):
        mid = (lo + hi) / 2
        if rate(np.array([mid]))[0] >= threshold:
            lo = mid
        else:
            hi = mid
    return lo


@dataclass(frozen=True)
class LifeCycle:
    """A product's adoption curve with its stages, a chosen stage and any moves switched on."""

    p: float = 0.03
    q: float = 0.38
    m: float = 100.0
    stage: str = "introduction"
    moves: tuple[str, ...] = ()
    first_move: float = 8.0
    move_gap: float = 3.0

    def __post_init__(self):
        p, q = check_coefficients(self.p, self.q)
        object.__setattr__(self, "p", p)
        object.__setattr__(self, "q", q)
        object.__setattr__(self, "m", check_market(self.m))
        check_stage(self.stage)
        if isinstance(self.moves, str):
            raise ValueError("life cycle: moves must be a list of move names, not one string")
        moves = tuple(self.moves)
        for key in moves:
            if key not in MOVES:
                known = ", ".join(MOVES)
                raise ValueError(f"life cycle: no move called {key!r}; the moves are {known}")
        if len(set(moves)) != len(moves):
            raise ValueError("life cycle: a move can be switched on only once")
        object.__setattr__(self, "moves", tuple(k for k in MOVES if k in moves))
        first = _number(self.first_move, "the first move's year")
        gap = _number(self.move_gap, "the years between moves")
        if first < 0:
            raise ValueError(f"life cycle: the first move cannot start before launch; got {first}")
        if gap <= 0:
            raise ValueError(f"life cycle: the years between moves must be more than 0; got {gap}")
        object.__setattr__(self, "first_move", first)
        object.__setattr__(self, "move_gap", gap)

    def with_(self, **changes) -> LifeCycle:
        """A new life cycle with some settings changed (checked like any)."""
        return replace(self, **changes)

    # -- the base curve --------------------------------------------------------------------------

    @property
    def peak_time(self) -> float:
        """When adoption per period peaks: ln(q/p)/(p+q), or 0 when q <= p."""
        return peak_time(self.p, self.q)

    @property
    def peak_share(self) -> float:
        """The share of the market that has adopted at the peak."""
        return peak_share(self.p, self.q)

    @property
    def peak_sales(self) -> float:
        """The highest adoption per period of the original product, in the unit of m."""
        return self.m * peak_rate(self.p, self.q)

    @property
    def has_growth(self) -> bool:
        """False when q <= p: adoption per period is highest at launch."""
        return self.q > self.p

    def bounds(self) -> dict[str, tuple[float, float]]:
        """(start, end) of each stage of the original product."""
        return stage_bounds(self.p, self.q)

    # -- moves -----------------------------------------------------------------------------------

    def waves(self) -> list[Wave]:
        """The moves switched on, in Levitt's order, each ``move_gap`` after the one before."""
        return list(self._waves)

    @cached_property
    def _waves(self) -> tuple[Wave, ...]:
        out = []
        for i, key in enumerate(self.moves):
            move = MOVES[key]
            start = self.first_move + i * self.move_gap
            base = self.m * float(cumulative_share(start, self.p, self.q))
            size = move.size * (base if move.basis == "adopters" else self.m)
            out.append(Wave(move, start, size))
        return tuple(out)

    def rate(self, t: object, with_moves: bool = True) -> np.ndarray:
        """Sales per period at times ``t``: the original wave plus, if asked, the moves' waves."""
        t = np.asarray(t, dtype=float)
        total = self.m * adoption_rate(t, self.p, self.q)
        if with_moves:
            for w in self._waves:
                total = total + w.size * adoption_rate(t - w.start, self.p, self.q)
        return total

    def cumulative(self, t: object, with_moves: bool = True) -> np.ndarray:
        """Cumulative sales by times ``t``."""
        t = np.asarray(t, dtype=float)
        total = self.m * cumulative_share(t, self.p, self.q)
        if with_moves:
            for w in self._waves:
                total = total + w.size * cumulative_share(t - w.start, self.p, self.q)
        return total

    @property
    def horizon(self) -> float:
        """How many periods the charts show: until the last wave is nearly complete."""
        last = max([0.0, *(w.start for w in self.waves())])
        end = last + time_to_share(HORIZON_SHARE, self.p, self.q)
        return min(MAX_HORIZON, max(MIN_HORIZON, _round_up(end)))

    def curves(self, points: int = 601) -> Curves:
        """The curves on ``points`` evenly spaced times from launch to the horizon."""
        return self._curves if points == 601 else self._curves_on(points)

    @cached_property
    def _curves(self) -> Curves:
        return self._curves_on(601)

    def _curves_on(self, points: int) -> Curves:
        t = np.linspace(0.0, self.horizon, points)
        return Curves(
            t,
            self.rate(t, with_moves=False),
            self.cumulative(t, with_moves=False),
            self.rate(t),
            self.cumulative(t),
        )

    def life(self, with_moves: bool = True) -> float:
        """When sales per period last fall below LIFE_SHARE of the original peak."""
        if with_moves and self.moves:
            return self._life_with_moves
        return self._life_without_moves

    @cached_property
    def _life_with_moves(self) -> float:
        return self._life(True)

    @cached_property
    def _life_without_moves(self) -> float:
        return self._life(False)

    def _life(self, with_moves: bool) -> float:
        last = max([0.0, *(w.start for w in self._waves)]) if with_moves else 0.0
        end = last + time_to_share(0.9999, self.p, self.q)
        return _last_crossing(
            lambda t: self.rate(t, with_moves), LIFE_SHARE * self.peak_sales * (1 - 1e-12), end
        )

    def bands(self) -> list[Band]:
        """The stages the charts shade: those with a length that start before the horizon."""
        out = []
        for i, (key, (start, end)) in enumerate(self.bounds().items()):
            end = min(end, self.horizon)
            if end - start > 1e-9 and start < self.horizon:
                narrow = (end - start) / self.horizon < NARROW_BAND
                out.append(Band(STAGES[key], start, end, key == self.stage, i % 2, narrow))
        return out

    def settings(self) -> dict[str, Any]:
        """The settings as the live model names them (one tick box per move)."""
        return {
            "p": self.p,
            "q": self.q,
            "m": round(self.m),
            **{f"move:{key}": key in self.moves for key in MOVES},
            "first_move": round(self.first_move),
            "move_gap": round(self.move_gap),
            "stage": self.stage,
        }

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LifeCycle:
        """The life cycle for the live model's settings (see :meth:`settings`)."""
        return cls(
            p=settings["p"],
            q=settings["q"],
            m=settings["m"],
            stage=settings["stage"],
            moves=tuple(key for key in MOVES if settings[f"move:{key}"]),
            first_move=settings["first_move"],
            move_gap=settings["move_gap"],
        )

    def summary(self) -> Summary:
        """What the model shows, in words."""
        return Summary(self)


#: A stage shorter than this share of the chart has its title written upright.
NARROW_BAND = 0.13


class Band(NamedTuple):
    """A stage as the charts shade it: its span on the chart and how it is drawn."""

    stage: Stage
    start: float
    end: float
    chosen: bool
    shade: int  # 0 or 1, alternating by the stage's place, so neighbours differ
    narrow: bool  # too narrow for its title written across


@dataclass(frozen=True)
class Summary:
    """The life cycle in words: for the text fallback, the alt texts and the HTML summary."""

    model: LifeCycle

    @property
    def settings(self) -> str:
        """The coefficients and the market size."""
        c = self.model
        return f"p = {c.p:.3f}, q = {c.q:.2f}, market size m = {c.m:,.0f} {UNIT} people"

    @property
    def headline(self) -> str:
        """When adoption per year peaks, how high, and how much of the market has adopted."""
        c = self.model
        if not c.has_growth:
            return (
                f"Adoption per {PERIOD} is highest at launch ({_amount(c.peak_sales)} {UNIT}) and "
                f"falls from then on: imitation (q = {c.q:.2f}) is no stronger than innovation "
                f"(p = {c.p:.3f}), so the curve has no peak after launch."
            )
        return (
            f"Adoption per {PERIOD} peaks in {PERIOD} {_year(c.peak_time)} at "
            f"{_amount(c.peak_sales)} {UNIT}, when {c.peak_share:.0%} of the market has adopted."
        )

    @property
    def convention(self) -> str:
        """How the stages are marked."""
        return (
            f"Stages of the original product, by this course's convention: introduction until "
            f"{INTRO_SHARE:.0%} of the market has adopted, growth until the peak, maturity until "
            f"{DECLINE_SHARE:.0%} has adopted, decline after."
        )

    def stage_span(self, key: str) -> str:
        """A stage's span in words: 'launch to year 2.3', 'from year 11.8' or 'none ...'."""
        start, end = self.model.bounds()[key]
        if math.isinf(end):
            return "from launch" if start == 0 else f"from {PERIOD} {_year(start)}"
        if end - start < 1e-9:
            if key == "growth" and self.model.has_growth:
                return f"none: adoption peaks before {INTRO_SHARE:.0%} of the market has adopted"
            return "none: adoption per year is highest at launch"
        begin = "launch" if start == 0 else f"{PERIOD} {_year(start)}"
        return f"{begin} to {PERIOD} {_year(end)}"

    def stage_rows(self) -> list[tuple[Stage, str]]:
        """Each stage with its span."""
        return [(s, self.stage_span(k)) for k, s in STAGES.items()]

    @property
    def chosen(self) -> Stage:
        """The stage the learner picked."""
        return STAGES[self.model.stage]

    @property
    def moves_line(self) -> str:
        """The moves switched on, and how long sales last with and without them."""
        waves = self.model.waves()
        if not waves:
            return f"No life-extension moves switched on. {self.life_line}"
        listed = "; ".join(
            f"{i}. {w.move.title} from {PERIOD} {_year(w.start)} (+{_amount(w.size)} {UNIT} sales)"
            for i, w in enumerate(waves, 1)
        )
        return f"Moves switched on: {listed}. {self.life_line}"

    # -- alt texts ---------------------------------------------------------------------------------

    def _bands(self) -> str:
        parts = [f"{s.title.lower()} {span}" for s, span in self.stage_rows()]
        return "Shaded bands mark the stages: " + "; ".join(parts) + "."

    @property
    def rate_alt(self) -> str:
        """Alt text of the adoption-per-year chart."""
        c = self.model
        cv = c.curves()
        text = [
            f"Line chart of sales per {PERIOD} ({UNIT}) over {c.horizon:.0f} {PERIOD}s "
            "from launch.",
            f"Original product (solid line): {_amount(c.m * c.p)} at launch, "
            f"{_amount(float(cv.base_rate[-1]))} by {PERIOD} {c.horizon:.0f}.",
            self.headline,
            self._bands(),
            f"The {self.chosen.title.lower()} stage is highlighted.",
        ]
        waves = c.waves()
        if waves:
            starts = "; ".join(
                f"{i}. {w.move.title} from {PERIOD} {_year(w.start)}"
                for i, w in enumerate(waves, 1)
            )
            text.append(
                f"With the life-extension moves (dashed line), each move adds a new wave of sales "
                f"from its start, marked with a numbered triangle on the time axis: {starts}."
            )
        text.append(self.life_line)
        return " ".join(text)

    @property
    def life_line(self) -> str:
        """How long sales stay above a fifth of the first peak (the dotted line)."""
        c = self.model
        without = c.life(with_moves=False)
        line = (
            f"Sales stay above a fifth of the first peak (the dotted line) until "
            f"{PERIOD} {_year(without)}"
        )
        if not c.waves():
            return line + "."
        with_moves = c.life(with_moves=True)
        return (
            f"{line} without the moves and until {PERIOD} {_year(with_moves)} with them "
            f"({with_moves - without:+.1f} {PERIOD}s)."
        )

    @property
    def cumulative_alt(self) -> str:
        """Alt text of the cumulative chart."""
        c = self.model
        cv = c.curves()
        bounds = c.bounds()
        intro, decline = bounds["introduction"][1], bounds["decline"][0]
        points = [
            f"{float(cumulative_share(intro, c.p, c.q)):.0%} of the market by {PERIOD} "
            f"{_year(intro)}"
        ]
        if c.has_growth:
            points.append(
                f"{c.peak_share:.0%} at the peak in {PERIOD} {_year(c.peak_time)} (the steepest "
                f"point, marked with a diamond)"
            )
        points.append(f"{DECLINE_SHARE:.0%} by {PERIOD} {_year(decline)}")
        points.append(f"{float(cv.base_cumulative[-1]) / c.m:.0%} by {PERIOD} {c.horizon:.0f}")
        text = [
            f"Line chart of cumulative adopters ({UNIT}) over {c.horizon:.0f} {PERIOD}s from "
            f"launch, with the market size m = {c.m:,.0f} as a dashed line.",
            f"The original product's curve (solid) is S-shaped: {', '.join(points[:-1])} and "
            f"{points[-1]}.",
        ]
        if c.waves():
            text.append(
                f"With the moves (dashed), cumulative sales reach "
                f"{_amount(float(cv.total_cumulative[-1]))} {UNIT} by {PERIOD} {c.horizon:.0f}."
            )
        return " ".join(text)

    # -- whole summary -----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The whole summary as plain text."""
        width = max(len(s.title) for s in STAGES.values())
        rows = [f"  {s.title:<{width}}  {span}" for s, span in self.stage_rows()]
        chosen = self.chosen
        return "\n".join(
            [
                f"Product life cycle (Bass model): {self.settings}.",
                self.headline,
                "",
                self.convention,
                *rows,
                "",
                f"Stage chosen: {chosen.title} ({self.stage_span(chosen.key)}): {chosen.curve}.",
                "The product manager's focus:",
                *(f"  - {f}" for f in chosen.focus),
                "",
                self.moves_line,
            ]
        )

    @property
    def markdown(self) -> str:
        """The whole summary as Markdown."""
        chosen = self.chosen
        return "\n".join(
            [
                f"**Product life cycle (Bass model)**: {self.settings}.",
                "",
                self.headline,
                "",
                self.convention,
                "",
                "| Stage | When |",
                "|---|---|",
                *(f"| {s.title} | {span} |" for s, span in self.stage_rows()),
                "",
                f"**Stage chosen: {chosen.title}** ({self.stage_span(chosen.key)}): "
                f"{chosen.curve}. The product manager's focus:",
                "",
                *(f"- {f}" for f in chosen.focus),
                "",
                self.moves_line,
            ]
        )


__all__ = [
    "DECLINE_SHARE",
    "INTRO_SHARE",
    "LIFE_SHARE",
    "MOVES",
    "STAGES",
    "Band",
    "Curves",
    "LifeCycle",
    "Move",
    "Stage",
    "Summary",
    "Wave",
    "adoption_rate",
    "check_coefficients",
    "cumulative_share",
    "peak_rate",
    "peak_share",
    "peak_time",
    "simulate",
    "stage_at",
    "stage_bounds",
    "time_to_share",
]
