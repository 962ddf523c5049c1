"""Many small bets or one big launch: what testing ideas one by one does to the total outcome.

Kohavi and Thomke ("The Surprising Power of Online Experiments", Harvard Business Review,
September-October 2017) report how often experiments succeed: across Microsoft about a third
are positive, a third neutral and a third negative; at Google and Bing only about 10-20% are
positive. This model asks what that means for a team with ``ideas`` ideas to ship.

- **Small bets**: each idea is tested on its own in an A/B test and shipped only if the test
  shows a significant win.
- **Big launch**: every idea is bundled into one launch and shipped without a test.

Modelling assumptions (ours, for illustration; none of them comes from the source):

- each idea is positive, neutral or negative with the chosen shares; a positive idea changes
  the key metric by +0.5% to +2.0% (uniformly at random), a negative one by -0.5% to -2.0%, and
  a neutral one by a sliver too small to matter, -0.2% to +0.2%;
- effects add up, with no interactions between ideas, and testing costs nothing but time;
- a test measures an idea's effect with normal noise and ships it when the measured gain is
  significant (one side of a two-sided test at alpha 0.05). The noise is set so that a gain of
  +1% is found with the chosen ``power``: smaller gains are missed more often, neutral ideas
  slip through now and then, and a harmful idea almost never does;
- the "Google and Bing" preset takes 15% positive (the middle of 10-20%) and splits the rest
  equally between neutral and negative: the source gives only the positive share.

Pure numpy: no widgets here (see ``view``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

ALPHA = 0.05
#: Size of a non-neutral idea's effect on the key metric, in percent: uniform on this range.
EFFECT_RANGE = (0.5, 2.0)
#: A neutral idea's effect, in percent: uniform from -NEUTRAL to +NEUTRAL.
NEUTRAL = 0.2
#: The gain (in percent) that a test finds with the chosen power.
REFERENCE_GAIN = 1.0
RUNS = 4000
MAX_IDEAS = 100
#: Bars of the chart's histograms.
BINS = 40


@dataclass(frozen=True)
class WinRates:
    """Shares of ideas that turn out positive, neutral and negative (they add up to 1)."""

    name: str
    positive: float
    neutral: float
    negative: float
    note: str

    def __post_init__(self):
        for what in ("positive", "neutral", "negative"):
            value = getattr(self, what)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ValueError(f"small bets: the {what} share must be from 0 to 1, not {value!r}")
        total = self.positive + self.neutral + self.negative
        if abs(total - 1) > 1e-9:
            raise ValueError(
                f"small bets: the shares must add up to 100%, not {total:.1%} "
                f"({self.positive:.0%} positive, {self.neutral:.0%} neutral, "
                f"{self.negative:.0%} negative)"
            )

    @property
    def percents(self) -> tuple[float, float]:
        """The positive and negative shares in percent, to one decimal (as the sliders show)."""
        return round(self.positive * 100, 1), round(self.negative * 100, 1)


MICROSOFT = WinRates(
    "Microsoft overall",
    1 / 3,
    1 / 3,
    1 / 3,
    "About a third positive, a third neutral, a third negative (Kohavi and Thomke, 2017).",
)
GOOGLE_BING = WinRates(
    "Google and Bing",
    0.15,
    0.425,
    0.425,
    "Only about 10-20% positive (Kohavi and Thomke, 2017); the model uses 15% and splits the "
    "rest equally between neutral and negative, an assumption of ours.",
)
PRESETS = {p.name: p for p in (MICROSOFT, GOOGLE_BING)}


def signed(value: float) -> str:
    """A change in percent with its sign, never '-0.0%'."""
    rounded = round(value, 1)
    return f"{rounded if rounded else 0.0:+.1f}%"


def share(value: float) -> str:
    """A share as a percentage: '50%', '33.3%', '0.4%', 'under 0.1%' (never a false '0%')."""
    if 0 < value < 0.001:
        return "under 0.1%"
    if 0 < value < 0.01:
        return f"{value:.1%}"
    return f"{value * 100:.3g}%"


#: The choice of win rates that reads the two share sliders.
CUSTOM = "Your own shares"


def rates_for(choice: str, positive_percent: float, negative_percent: float) -> WinRates:
    """A preset's win rates, or (for :data:`CUSTOM`) the ones the two percentages give."""
    if choice in PRESETS:
        return PRESETS[choice]
    if choice != CUSTOM:
        raise ValueError(f"small bets: no win rates called {choice!r}")
    return custom_rates(positive_percent, negative_percent)


def custom_rates(positive_percent: float, negative_percent: float) -> WinRates:
    """Win rates from two percentages; the rest of the ideas are neutral."""
    for what, value in (("positive", positive_percent), ("negative", negative_percent)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ValueError(f"small bets: the {what} share must be from 0% to 100%, not {value!r}")
    if positive_percent + negative_percent > 100:
        raise ValueError(
            f"small bets: {positive_percent:g}% positive and {negative_percent:g}% negative "
            "add up to more than 100%; lower one of them"
        )
    neutral = 100 - positive_percent - negative_percent
    return WinRates(
        CUSTOM,
        positive_percent / 100,
        neutral / 100,
        negative_percent / 100,
        f"{positive_percent:g}% positive, {neutral:g}% neutral, {negative_percent:g}% negative "
        "(your choice).",
    )


@dataclass(frozen=True)
class Outcome:
    """The simulated runs: total change in the key metric (%) under each strategy."""

    rates: WinRates
    ideas: int
    power: float
    seed: int
    small: np.ndarray  # total change per run, small bets
    big: np.ndarray  # total change per run, big launch
    shipped: np.ndarray  # ideas shipped per run, small bets

    @property
    def runs(self) -> int:
        """How many runs were simulated."""
        return int(self.small.size)

    def stats(self, which: str) -> dict[str, float]:
        """Mean, 10th and 90th percentiles and the share of runs that made things worse."""
        return self._stats[which]

    @cached_property
    def _stats(self) -> dict[str, dict[str, float]]:
        import numpy as np

        out = {}
        for which, values in (("small", self.small), ("big", self.big)):
            low, high = np.percentile(values, [10, 90])
            out[which] = {
                "mean": float(values.mean()),
                "p10": float(low),
                "p90": float(high),
                "worse": float((values < 0).mean()),
            }
        return out

    def histograms(self, bins: int = BINS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Bin edges spanning both strategies' totals and zero, then the counts per bin of the
        big launch and of the small bets."""
        import numpy as np

        low = float(min(self.small.min(), self.big.min(), 0.0))
        high = float(max(self.small.max(), self.big.max(), 0.0))
        if high - low < 1e-9:
            low, high = low - 0.5, high + 0.5
        edges = np.linspace(low, high, bins + 1)
        big, _ = np.histogram(self.big, edges)
        small, _ = np.histogram(self.small, edges)
        return edges, big, small

    @property
    def mean_shipped(self) -> float:
        """Average number of ideas the small bets shipped."""
        return float(self.shipped.mean())

    @property
    def big_beats_small(self) -> float:
        """Share of runs in which the big launch did better than the small bets."""
        return float((self.big > self.small).mean())

    @property
    def headline(self) -> str:
        """One sentence comparing the two strategies on average."""
        s, b = self.stats("small"), self.stats("big")
        return (
            f"On average the small bets changed the key metric by {signed(s['mean'])} and the "
            f"big launch by {signed(b['mean'])}; the big launch made things worse in "
            f"{share(b['worse'])} of runs, the small bets in {share(s['worse'])}."
        )

    def lines(self) -> list[str]:
        """The summary, one sentence per line."""
        s, b = self.stats("small"), self.stats("big")
        failed = self.ideas - self.mean_shipped
        rates = self.rates
        return [
            f"Small bets vs one big launch: {self.ideas} ideas, {rates.name} win rates "
            f"({share(rates.positive)} positive, {share(rates.neutral)} neutral, "
            f"{share(rates.negative)} negative), tests with {share(self.power)} power to find "
            f"a +{REFERENCE_GAIN:g}% gain, {self.runs:,} simulated runs (seed {self.seed}).",
            self.headline,
            f"Small bets: {signed(s['mean'])} on average; in 8 runs out of 10 between "
            f"{signed(s['p10'])} and {signed(s['p90'])}.",
            f"Big launch: {signed(b['mean'])} on average; in 8 runs out of 10 between "
            f"{signed(b['p10'])} and {signed(b['p90'])}.",
            f"The small bets shipped {self.mean_shipped:.1f} of {self.ideas} ideas on average: "
            f"{failed:.1f} experiments 'failed' and were not shipped, and that is what kept "
            "the losers out.",
            f"The big launch beat the small bets in {share(self.big_beats_small)} of runs: it "
            "can get lucky, but it cannot tell which of its ideas helped.",
        ]

    @property
    def text(self) -> str:
        """The summary as plain text."""
        return "\n".join(self.lines())

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        s, b = self.stats("small"), self.stats("big")
        return (
            f"Two overlaid histograms of the total change in the key metric over {self.runs:,} "
            f"runs. Small bets (blue bars hatched with diagonal lines, solid line at the mean): "
            f"mean {signed(s['mean'])}, 8 in 10 runs between {signed(s['p10'])} and "
            f"{signed(s['p90'])}. Big launch (orange bars with dotted hatching, dashed line at "
            f"the mean): mean {signed(b['mean'])}, 8 in 10 runs between {signed(b['p10'])} and "
            f"{signed(b['p90'])}. A black line marks no change. {self.headline}"
        )


def _check_int(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"small bets: {what} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"small bets: {what} must be from {low} to {high}, not {value}")
    return value


def simulate(
    rates: WinRates = MICROSOFT,
    ideas: int = 20,
    power: float = 0.8,
    runs: int = RUNS,
    seed: int = 1,
) -> Outcome:
    """Simulate ``runs`` teams, each with ``ideas`` ideas, under both strategies.

    The same settings give the same (shared, read-only) outcome, worked out once."""
    if not isinstance(rates, WinRates):
        raise ValueError(f"small bets: rates must be WinRates, not {rates!r}")
    n = _check_int(ideas, "the number of ideas", 1, MAX_IDEAS)
    r = _check_int(runs, "the number of runs", 1, 100_000)
    s = _check_int(seed, "the seed", 0, 2**32 - 1)
    if isinstance(power, bool) or not isinstance(power, int | float) or not 0 < power < 1:
        raise ValueError(f"small bets: the power must be between 0 and 1, not {power!r}")
    return _simulate(rates, n, float(power), r, s)


@lru_cache(maxsize=16)
def _simulate(rates: WinRates, n: int, power: float, r: int, s: int) -> Outcome:
    import numpy as np

    rng = np.random.default_rng(s)
    kind = rng.choice(3, size=(r, n), p=[rates.positive, rates.neutral, rates.negative])
    size = rng.uniform(*EFFECT_RANGE, size=(r, n))
    sliver = rng.uniform(-NEUTRAL, NEUTRAL, size=(r, n))
    effect = np.select([kind == 0, kind == 2], [size, -size], sliver)
    z = NormalDist().inv_cdf(1 - ALPHA / 2)
    noise = REFERENCE_GAIN / (z + NormalDist().inv_cdf(power))
    measured = effect + noise * rng.standard_normal((r, n))
    ship = measured > z * noise
    arrays = (effect * ship).sum(axis=1), effect.sum(axis=1), ship.sum(axis=1)
    for array in arrays:
        array.flags.writeable = False
    small, big, shipped = arrays
    return Outcome(rates, n, power, s, small, big, shipped)


def simulate_settings(settings: Mapping[str, Any]) -> Outcome:
    """The outcome for the live model's settings: the win rates chosen (a preset, or
    :data:`CUSTOM` with the two shares in percent), the ideas, the power and the seed."""
    rates = rates_for(settings["preset"], settings["positive"], settings["negative"])
    return simulate(rates, settings["ideas"], settings["power"], seed=settings["seed"])


__all__ = [
    "CUSTOM",
    "EFFECT_RANGE",
    "GOOGLE_BING",
    "MICROSOFT",
    "NEUTRAL",
    "PRESETS",
    "REFERENCE_GAIN",
    "Outcome",
    "WinRates",
    "custom_rates",
    "rates_for",
    "share",
    "signed",
    "simulate",
    "simulate_settings",
]
