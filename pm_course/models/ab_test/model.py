"""A/B tests: how many users a test needs, what one test can show, and why peeking misleads.

The statistics follow Kohavi, Tang and Xu, *Trustworthy Online Controlled Experiments*
(Cambridge University Press, 2020): users are randomised to control (A) or treatment (B);
alpha is the false-positive rate (0.05 here) and power the chance of detecting a real effect
of a given size (0.8 here).

- :func:`sample_size`: users per arm, n = 2 sigma^2 (z_{1-alpha/2} + z_{1-beta})^2 / delta^2 with
  sigma^2 = p(1 - p) for a conversion rate p. With alpha 0.05 (two-sided) and power 0.8 the
  factor 2 (z + z)^2 is 15.70, hence the rule of thumb n ~ 16 sigma^2 / delta^2. A 10% baseline
  and a lift of 1 percentage point need about 14,100 users per arm.
- :func:`simulate`: many A/B tests of the same change, each with fresh random users; each is
  judged with a two-proportion z-test. The share of significant tests estimates the power,
  which :func:`power` computes directly.
- :func:`peeking_rates`: A/A tests (no real difference) checked at k equally spaced looks,
  stopping at the first p < 0.05. Armitage, McPherson and Rowe (1969) showed that such
  repeated tests inflate the false-positive rate well above 5%.

z values come from the standard library's ``statistics.NormalDist``; random work uses numpy's
``default_rng(seed)``, so a seed always gives the same results.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

ALPHA = 0.05
POWER = 0.8
_N = NormalDist()
#: The most users per arm the simulator takes (beyond that it is no longer a small test).
MAX_USERS = 10_000_000
MAX_EXPERIMENTS = 20_000
MAX_LOOKS = 50
#: A/A tests simulated per number of looks in :func:`peeking_rates`.
PEEKING_RUNS = 40_000


def z_value(q: float) -> float:
    """The standard normal quantile: z such that P(Z <= z) = q (0 < q < 1)."""
    _check_probability(q, "the quantile")
    return _N.inv_cdf(q)


def _check_probability(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"A/B test: {what} must be a number between 0 and 1, not {value!r}")
    if not 0 < value < 1 or math.isnan(value):
        raise ValueError(f"A/B test: {what} must be between 0 and 1 (exclusive), not {value!r}")
    return float(value)


def _check_count(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"A/B test: {what} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"A/B test: {what} must be from {low:,} to {high:,}, not {value:,}")
    return value


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"A/B test: the seed must be a whole number, 0 or more, not {seed!r}")
    return seed


def check_rates(baseline: float, lift: float) -> tuple[float, float]:
    """The control and treatment rates; both must lie strictly between 0 and 1."""
    p1 = _check_probability(baseline, "the baseline rate")
    if isinstance(lift, bool) or not isinstance(lift, int | float) or math.isnan(lift):
        raise ValueError(f"A/B test: the lift must be a number, not {lift!r}")
    p2 = p1 + lift
    if not 0 < p2 < 1:
        raise ValueError(
            f"A/B test: a baseline of {p1:.1%} with a lift of {lift * 100:+.1f} points gives a "
            f"treatment rate of {p2:.1%}; rates must stay between 0% and 100%"
        )
    return p1, p2


def sample_size(baseline: float, delta: float, alpha: float = ALPHA, power: float = POWER) -> float:
    """Users per arm to detect an absolute change ``delta`` in a rate with the given power.

    n = 2 sigma^2 (z_{1-alpha/2} + z_{1-beta})^2 / delta^2, with sigma^2 = baseline (1 - baseline).
    Not rounded: round up for a plan.
    """
    p = _check_probability(baseline, "the baseline rate")
    _check_probability(alpha, "alpha")
    _check_probability(power, "the power")
    if isinstance(delta, bool) or not isinstance(delta, int | float) or math.isnan(delta):
        raise ValueError(f"A/B test: the effect to detect must be a number, not {delta!r}")
    if delta == 0:
        raise ValueError(
            "A/B test: an effect of 0 cannot be detected with any number of users; "
            "choose the smallest change worth knowing about"
        )
    factor = 2 * (z_value(1 - alpha / 2) + z_value(power)) ** 2
    return factor * p * (1 - p) / delta**2


def rule_of_thumb_factor(alpha: float = ALPHA, power: float = POWER) -> float:
    """2 (z_{1-alpha/2} + z_{1-beta})^2: 15.70 for alpha 0.05 and power 0.8."""
    return 2 * (z_value(1 - alpha / 2) + z_value(power)) ** 2


def power(baseline: float, lift: float, users: int, alpha: float = ALPHA) -> float:
    """The chance that a two-proportion z-test (two-sided) is significant, for a true lift.

    Under the treatment the pooled z statistic is close to normal with mean lift / se1 and
    standard deviation se1 / se0 (se0: pooled, as the test assumes; se1: the true spread).
    """
    p1, p2 = check_rates(baseline, lift)
    n = _check_count(users, "the number of users per arm", 2, MAX_USERS)
    z = z_value(1 - alpha / 2)
    pooled = (p1 + p2) / 2
    se0 = math.sqrt(2 * pooled * (1 - pooled) / n)
    se1 = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    diff = p2 - p1
    return _N.cdf((diff - z * se0) / se1) + _N.cdf((-diff - z * se0) / se1)


def z_test(conv_a, conv_b, users: int):
    """Two-proportion z-test with a pooled standard error: (z, two-sided p), element-wise.

    ``conv_a`` and ``conv_b`` are conversions (counts) in arms of ``users`` each.
    """
    import numpy as np

    a = np.asarray(conv_a, dtype=float)
    b = np.asarray(conv_b, dtype=float)
    pooled = (a + b) / (2 * users)
    se = np.sqrt(2 * pooled * (1 - pooled) / users)
    diff = (b - a) / users
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, diff / np.where(se > 0, se, 1), 0.0)
    p = _two_sided_p(z)
    return z, p


def _two_sided_p(z: np.ndarray) -> np.ndarray:
    """2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2), element-wise."""
    import numpy as np

    erfc = np.frompyfunc(math.erfc, 1, 1)
    return erfc(np.abs(z) / math.sqrt(2)).astype(float)


@dataclass(frozen=True)
class Simulation:
    """Many A/B tests of one change: what each observed and whether it was significant."""

    baseline: float
    lift: float
    users: int
    seed: int
    observed: np.ndarray  # observed lift (treatment minus control rate), one per experiment
    p_values: np.ndarray
    alpha: float = ALPHA

    @property
    def experiments(self) -> int:
        """How many experiments were simulated."""
        return int(self.observed.size)

    @property
    def significant(self) -> np.ndarray:
        """True where p < alpha."""
        return self.p_values < self.alpha

    @property
    def significant_count(self) -> int:
        """How many experiments were significant."""
        return int(self.significant.sum())

    @property
    def simulated_power(self) -> float:
        """Share of experiments that were significant (the power if the lift is real)."""
        return self.significant_count / self.experiments

    @property
    def analytic_power(self) -> float:
        """The power computed from the formula, for comparison."""
        return power(self.baseline, self.lift, self.users, self.alpha)

    @property
    def needed(self) -> float | None:
        """Users per arm for 80% power at this lift (None for no lift)."""
        if self.lift == 0:
            return None
        return sample_size(self.baseline, self.lift, self.alpha, POWER)

    @property
    def wrong_sign(self) -> int:
        """Significant results pointing the wrong way (a real lift seen as a loss)."""
        if self.lift == 0:
            return 0
        wrong = (self.observed * self.lift) < 0
        return int((wrong & self.significant).sum())

    @property
    def mean_significant(self) -> float | None:
        """The average observed lift among significant experiments (None if there are none)."""
        if not self.significant_count:
            return None
        return float(self.observed[self.significant].mean())

    @property
    def headline(self) -> str:
        """One sentence: how many tests were significant, against the analytic power."""
        share = self.simulated_power
        if self.lift == 0:
            return (
                f"With no real difference, {self.significant_count:,} of {self.experiments:,} "
                f"tests ({share:.1%}) were significant: false positives, close to the "
                f"{self.alpha:.0%} that alpha allows."
            )
        return (
            f"{self.significant_count:,} of {self.experiments:,} tests ({share:.1%}) found the "
            f"real lift of {self.lift * 100:+.1f} points significant; the formula gives a power "
            f"of {self.analytic_power:.1%}."
        )

    def lines(self) -> list[str]:
        """The summary, one sentence per line."""
        out = [
            f"Baseline {self.baseline:.1%}, true lift {self.lift * 100:+.1f} percentage points, "
            f"{self.users:,} users per arm, {self.experiments:,} simulated tests (seed "
            f"{self.seed}), two-sided z-test at alpha {self.alpha:g}.",
            self.headline,
        ]
        if self.needed is not None:
            n = self.needed
            if self.users < n:
                verdict = f"this test has {self.users / n:.0%} of that."
            elif self.analytic_power < POWER:
                verdict = (
                    "this test has that many. Its power is still a little under 80%, because the "
                    "formula uses the baseline's variance for both arms, which here is too small."
                )
            else:
                verdict = "this test is big enough."
            out.append(
                f"To detect {self.lift * 100:+.1f} points with 80% power you need about "
                f"{n:,.0f} users per arm: {verdict}"
            )
            mean_sig = self.mean_significant
            if mean_sig is not None:
                out.append(
                    f"Among the significant tests the average observed lift was "
                    f"{mean_sig * 100:+.2f} points, against a true {self.lift * 100:+.2f}"
                    + (
                        ": small tests that happen to pass overstate the effect."
                        if abs(mean_sig) > 1.15 * abs(self.lift)
                        else "."
                    )
                )
            if self.wrong_sign:
                out.append(
                    f"{self.wrong_sign:,} significant tests pointed the wrong way: "
                    "the change looked harmful although it helps."
                )
        return out

    @property
    def text(self) -> str:
        """The summary as plain text."""
        return "\n".join(self.lines())

    @property
    def planned_users(self) -> int | None:
        """Users per arm for 80% power at this lift, rounded up for a plan (None for no lift)."""
        return None if self.needed is None else math.ceil(self.needed)

    @property
    def lifts_alt(self) -> str:
        """The lift chart's facts in words."""
        points = self.observed * 100
        low, high = float(points.min()), float(points.max())
        return (
            f"Histogram of the observed lift in {self.experiments:,} simulated tests, from "
            f"{low:+.2f} to {high:+.2f} percentage points, centred on the true lift of "
            f"{self.lift * 100:+.1f} (a solid line); a dotted line marks no difference. "
            f"Significant tests (blue, hatched) number {self.significant_count:,} "
            f"({self.simulated_power:.1%}); the rest are grey."
        )

    @property
    def p_values_alt(self) -> str:
        """The p-value chart's facts in words."""
        return (
            f"Histogram of the p-values of {self.experiments:,} simulated tests in bars 0.05 "
            f"wide. The first bar, p below {ALPHA:g} (blue, hatched), holds "
            f"{self.significant_count:,} tests ({self.simulated_power:.1%})"
            + (
                "; with no real difference the bars are roughly level."
                if self.lift == 0
                else "; the more power, the more tests pile up in that bar."
            )
        )

    def p_value_counts(self) -> np.ndarray:
        """How many tests had a p-value in each step of 0.05 from 0 to 1 (20 counts)."""
        import numpy as np

        counts, _ = np.histogram(self.p_values, bins=P_BINS, range=(0, 1))
        return counts

    def histogram(self, bins: int = 30) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Bin edges (points) and counts of observed lifts: (edges, significant, not)."""
        import numpy as np

        points = self.observed * 100
        low, high = float(points.min()), float(points.max())
        if low == high:
            low, high = low - 0.5, high + 0.5
        edges = np.linspace(low, high, bins + 1)
        sig, _ = np.histogram(points[self.significant], edges)
        non, _ = np.histogram(points[~self.significant], edges)
        return edges, sig, non


def simulate(
    baseline: float, lift: float, users: int, experiments: int = 2000, seed: int = 1
) -> Simulation:
    """Simulate ``experiments`` A/B tests of one change, each with ``users`` users per arm."""
    import numpy as np

    p1, p2 = check_rates(baseline, lift)
    n = _check_count(users, "the number of users per arm", 2, MAX_USERS)
    runs = _check_count(experiments, "the number of simulated experiments", 1, MAX_EXPERIMENTS)
    rng = np.random.default_rng(_check_seed(seed))
    conv_a = rng.binomial(n, p1, size=runs)
    conv_b = rng.binomial(n, p2, size=runs)
    _, p = z_test(conv_a, conv_b, n)
    observed = (conv_b - conv_a) / n
    return Simulation(p1, p2 - p1, n, seed, observed, p)


#: The p-value chart's bars: steps of 0.05 from 0 to 1.
P_BINS = 20


def simulate_settings(settings: Mapping[str, Any]) -> Simulation:
    """The simulation for the live model's settings: the baseline in percent and the lift in
    points (as the sliders show them, to 4 decimals), users per arm, tests and the seed."""
    return simulate(
        round(settings["baseline"], 4) / 100,
        round(settings["lift"], 4) / 100,
        settings["users"],
        settings["experiments"],
        settings["seed"],
    )


# --- peeking ----------------------------------------------------------------------------------


def naive_peeking_rate(looks: int, alpha: float = ALPHA) -> float:
    """1 - (1 - alpha)^k: right only if the k looks used separate data. It overstates peeking."""
    k = _check_count(looks, "the number of looks", 1, MAX_LOOKS)
    return 1 - (1 - alpha) ** k


@lru_cache(maxsize=8)
def _peeking_curve(max_looks: int, runs: int, seed: int, alpha: float) -> tuple[float, ...]:
    import numpy as np

    rng = np.random.default_rng(seed)
    z = np.float32(z_value(1 - alpha / 2))
    rates = []
    for k in range(1, max_looks + 1):
        # One standard normal increment per batch of users between looks: the running sum over
        # j batches, divided by sqrt(j), is the z statistic of all the data seen at look j.
        steps = rng.standard_normal((runs, k), dtype=np.float32)
        zs = np.cumsum(steps, axis=1) / np.sqrt(np.arange(1, k + 1, dtype=np.float32))
        rates.append(float((np.abs(zs) > z).any(axis=1).mean()))
    return tuple(rates)


def peeking_rates(
    max_looks: int = 20, runs: int = PEEKING_RUNS, seed: int = 1, alpha: float = ALPHA
) -> list[float]:
    """False-positive rate of A/A tests checked at 1, 2, ..., ``max_looks`` equally spaced looks.

    Each test has no real difference. At each look the z-test uses all the data so far; the
    test "wins" at the first look with p < alpha. Monte Carlo with ``runs`` tests per k.
    """
    k = _check_count(max_looks, "the number of looks", 1, MAX_LOOKS)
    n = _check_count(runs, "the number of simulated tests", 100, 200_000)
    _check_probability(alpha, "alpha")
    return list(_peeking_curve(k, n, _check_seed(seed), float(alpha)))


@dataclass(frozen=True)
class Peeking:
    """The peeking curve and one chosen number of looks, explained."""

    looks: int
    rates: tuple[float, ...]  # simulated, for 1..len(rates) looks
    runs: int
    seed: int
    alpha: float = ALPHA

    @property
    def rate(self) -> float:
        """The simulated false-positive rate at the chosen number of looks."""
        return self.rates[self.looks - 1]

    @property
    def naive(self) -> float:
        """1 - 0.95^k at the chosen number of looks."""
        return naive_peeking_rate(self.looks, self.alpha)

    @property
    def headline(self) -> str:
        """One sentence on the chosen number of looks."""
        k = self.looks
        if k == 1:
            return (
                f"With 1 look, at the planned end, {self.rate:.1%} of the A/A tests were "
                f"false positives: the {self.alpha:.0%} you planned for."
            )
        return (
            f"With {k} looks, {self.rate:.1%} of the A/A tests showed p < {self.alpha:g} at some "
            f"look: {self.rate / self.alpha:.1f} times the {self.alpha:.0%} you planned for."
        )

    def lines(self) -> list[str]:
        """The summary, one sentence per line."""
        out = [
            f"Peeking: {self.runs:,} simulated A/A tests (no real difference) per number of "
            f"looks, equally spaced, stopping at the first p < {self.alpha:g} (seed {self.seed}).",
            self.headline,
        ]
        if self.looks > 1:
            out.append(
                f"The naive formula 1 - 0.95^{self.looks} gives {self.naive:.1%}: too high, "
                "because the looks share data (each look reuses every user seen before it), "
                "so their results are not independent."
            )
        marks = [k for k in (1, 2, 5, 10, 20) if k <= len(self.rates)]
        out.append(
            "Simulated: "
            + "; ".join(f"{k} look{'s' if k > 1 else ''} {self.rates[k - 1]:.1%}" for k in marks)
            + "."
        )
        return out

    @property
    def text(self) -> str:
        """The summary as plain text."""
        return "\n".join(self.lines())

    @property
    def alt_text(self) -> str:
        """The chart's facts in words."""
        marks = [k for k in (1, 2, 5, 10, 20) if k <= len(self.rates)]
        points = "; ".join(
            f"{k} looks: simulated {self.rates[k - 1]:.1%}, naive {naive_peeking_rate(k):.1%}"
            for k in marks
        )
        return (
            f"Line chart of the false-positive rate against the number of looks, 1 to "
            f"{len(self.rates)}. The simulated rate (circles, solid line) rises more slowly than "
            f"the naive formula 1 - 0.95^k (squares, dashed line); a dotted line marks the "
            f"planned 5%. {points}. Chosen: {self.headline}"
        )


def peeking(looks: int = 5, seed: int = 1, max_looks: int = 20) -> Peeking:
    """The peeking curve up to ``max_looks`` with ``looks`` chosen."""
    top = _check_count(max_looks, "the most looks shown", 1, MAX_LOOKS)
    k = _check_count(looks, "the number of looks", 1, top)
    rates = peeking_rates(top, PEEKING_RUNS, seed)
    return Peeking(k, tuple(rates), PEEKING_RUNS, seed)


__all__ = [
    "ALPHA",
    "POWER",
    "Peeking",
    "Simulation",
    "check_rates",
    "naive_peeking_rate",
    "peeking",
    "peeking_rates",
    "power",
    "rule_of_thumb_factor",
    "sample_size",
    "simulate",
    "simulate_settings",
    "z_test",
    "z_value",
]
