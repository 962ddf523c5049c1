"""Choosing metrics: HEART goals, signals and metrics, a North Star with its inputs, and a
vanity-metric check.

- **HEART** (Kerry Rodden, Hilary Hutchinson and Xin Fu, Google, CHI 2010) names five kinds of
  user-centred measure: Happiness, Engagement, Adoption, Retention and Task success. For each
  kind that matters to a product, a team works from a **goal** (what it wants, in words), to
  **signals** (what people would do or say if the goal were met), to **metrics** (numbers built
  from the signals, tracked over time).
- A **North Star metric** is the one number that best captures the core value a product
  delivers to the people who use it (the term is linked with Sean Ellis; Amplitude's North Star
  Playbook sets out the framework). **Input metrics** are the few numbers a team can move that
  drive it.
- **Vanity metrics** (Eric Ries, The Lean Startup, 2011) look good but guide no decision. Ries
  asks for metrics that are actionable, accessible and auditable.

The vanity check here uses a simple rule (``VANITY_RULE``): a metric is flagged as a likely
vanity metric if it is a running total, if it can only ever go up, or if no decision is tied to
it. It checks only the first of Ries's three tests, actionable; people must judge the other two.

The planner and the check keep what the learner types as notes; reading a note back into the
boxes (``plan_boxes``, ``vanity_from_note``) and the boxes back into a note (``plan_note``)
are here too.

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One HEART category: its key, name and the question it asks."""

    key: str
    name: str
    question: str


HEART: tuple[Category, ...] = (
    Category(
        "happiness",
        "Happiness",
        "How do people feel about it? Attitudes such as satisfaction or ease, often from a survey.",
    ),
    Category("engagement", "Engagement", "How much, and how often, do people use it?"),
    Category("adoption", "Adoption", "How many people start to use it, or a new part of it?"),
    Category("retention", "Retention", "How many people come back, or keep using it, over time?"),
    Category(
        "task_success",
        "Task success",
        "Can people do what they came to do: to the end, quickly and without errors?",
    ),
)
HEART_KEYS = tuple(c.key for c in HEART)
STEPS = {
    "goal": "Goal: what you want for people in this category, in words.",
    "signal": "Signal: what people would do or say if the goal were being met.",
    "metric": "Metric: a number built from the signal and tracked over time, often a rate.",
}


def category(key: str) -> Category:
    """A HEART category by its key."""
    for c in HEART:
        if c.key == key:
            return c
    raise ValueError(f"HEART: no category {key!r}; use one of {list(HEART_KEYS)}")


@dataclass(frozen=True)
class HeartRow:
    """Goal, signal and metric for one HEART category."""

    category: str
    goal: str
    signal: str
    metric: str

    def __post_init__(self):
        category(self.category)
        for name in ("goal", "signal", "metric"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"HEART: the {name} of {self.category} must be text")


@dataclass(frozen=True)
class Plan:
    """A product's metrics: a North Star, its inputs and the HEART rows that apply."""

    product: str
    about: str
    north_star: str
    inputs: tuple[str, ...]
    rows: tuple[HeartRow, ...]
    skipped: str = ""

    def row(self, key: str) -> HeartRow | None:
        """The row for one category, or None if the plan leaves it out."""
        category(key)
        return next((r for r in self.rows if r.category == key), None)

    def lines(self) -> list[str]:
        """The plan as plain text."""
        out = [
            f"{self.product}: {self.about}",
            f"North Star: {self.north_star or '(not chosen yet)'}",
        ]
        out += [f"  input: {i}" for i in self.inputs]
        for c in HEART:
            r = self.row(c.key)
            if r is None:
                out.append(f"{c.name}: not used. {self.skipped}".rstrip())
            else:
                goal, signal, metric = (t or "(empty)" for t in (r.goal, r.signal, r.metric))
                out.append(f"{c.name}: goal: {goal} | signal: {signal} | metric: {metric}")
        return out


#: Worked examples for three charity products; illustrations, not published plans.
PLANS: tuple[Plan, ...] = (
    Plan(
        "Online donations",
        "a charity's online donation form and the thank-you journey after it.",
        "Donors who give again within three months of their first gift, each month",
        (
            "First-time online donors each month",
            "Share of donation forms started that are completed",
            "Share of first-time donors who open the update on what their gift did",
        ),
        (
            HeartRow(
                "happiness",
                "Donors find giving easy and feel their gift mattered",
                "Donors answer a one-question survey after giving",
                "Average rating out of 5, each month",
            ),
            HeartRow(
                "engagement",
                "Donors stay in touch with the work they fund",
                "Donors open the updates on what their gifts did",
                "Share of donors opening at least one update each quarter",
            ),
            HeartRow(
                "adoption",
                "New supporters choose to give online",
                "People make a first online gift",
                "First-time online donors each month",
            ),
            HeartRow(
                "retention",
                "Donors keep giving",
                "First-time donors give a second time",
                "Share of first-time donors who give again within three months",
            ),
            HeartRow(
                "task_success",
                "Anyone who starts to give can finish, quickly",
                "Forms started and finished; errors shown on the way",
                "Completion rate of the form and median time to finish, each week",
            ),
        ),
    ),
    Plan(
        "Housing advice pages",
        "a charity's online advice for people at risk of losing their home.",
        "Visits each week that end with a 'yes' to 'Did you find what you needed?'",
        (
            "Visits from people searching for help with housing",
            "Share of visitors who reach an advice page within three clicks",
            "Share of advice pages checked for plain English in the last year",
        ),
        (
            HeartRow(
                "happiness",
                "People feel more confident about what to do next",
                "Answers to 'Do you feel more confident about what to do next?'",
                "Share answering yes, each month",
            ),
            HeartRow(
                "engagement",
                "People use the advice to act",
                "People download the letter templates and checklists",
                "Template downloads per 100 visits to advice pages",
            ),
            HeartRow(
                "adoption",
                "People who need advice find the pages",
                "First visits to advice pages from search engines",
                "New visitors to advice pages each week",
            ),
            HeartRow(
                "task_success",
                "People find the answer to their question",
                "A 'yes' to 'Did you find what you needed?'",
                "Share of visits with a 'yes', each week",
            ),
        ),
        skipped="Most people need housing advice once; coming back is not the goal.",
    ),
    Plan(
        "Volunteer shifts",
        "online sign-up and booking for a charity's volunteer shifts.",
        "Volunteer shifts completed each month",
        (
            "New volunteers booking a first shift each month",
            "Share of booked shifts that go ahead",
            "Share of new volunteers who book a second shift",
        ),
        (
            HeartRow(
                "happiness",
                "Volunteers enjoy their shifts",
                "Volunteers rate their shift afterwards",
                "Share rating their shift 4 or 5 out of 5, each month",
            ),
            HeartRow(
                "engagement",
                "Volunteers give time regularly",
                "Shifts booked by each volunteer",
                "Average shifts per active volunteer, each month",
            ),
            HeartRow(
                "adoption",
                "People who are interested become volunteers",
                "People book a first shift",
                "New volunteers booking a first shift, each month",
            ),
            HeartRow(
                "retention",
                "Volunteers keep coming back",
                "Volunteers book another shift",
                "Share of new volunteers doing a second shift within two months",
            ),
            HeartRow(
                "task_success",
                "Booking a shift is quick and needs no help",
                "Bookings started and finished; calls to the office for help",
                "Share of bookings finished without help, each week",
            ),
        ),
    ),
)


def plan(product: str) -> Plan:
    """One of the worked examples by its product name."""
    for p in PLANS:
        if p.product == product:
            return p
    known = ", ".join(p.product for p in PLANS)
    raise ValueError(f"HEART: no example called {product!r}; the examples are {known}")


def plan_from_dict(data: object) -> Plan:
    """A learner's plan from its saved form; missing or odd fields become empty text."""
    data = data if isinstance(data, dict) else {}

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    raw_rows = data.get("rows")
    raw_rows = raw_rows if isinstance(raw_rows, dict) else {}
    rows = []
    for key in HEART_KEYS:
        raw = raw_rows.get(key)
        raw = raw if isinstance(raw, dict) else {}
        row = HeartRow(key, text(raw.get("goal")), text(raw.get("signal")), text(raw.get("metric")))
        if row.goal or row.signal or row.metric:
            rows.append(row)
    inputs = data.get("inputs")
    inputs = inputs if isinstance(inputs, list) else []
    return Plan(
        text(data.get("product")) or "My product",
        "your own product.",
        text(data.get("north_star")),
        tuple(t for t in map(text, inputs) if t),
        tuple(rows),
    )


# --- the learner's own plan, as boxes and as a note ----------------------------------------------

#: The planner's menu entry for the learner's own product.
OWN = "Your own product"
#: How many input metrics a learner's plan has boxes for.
N_INPUTS = 3


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def plan_boxes(note: object) -> tuple[dict[str, object], list[str]]:
    """A saved plan as one value per box of the planner ("choice", "product", "north_star",
    "input 1" to "input 3", "happiness goal" ... "task_success metric"), and a few words for
    each part of the note that is not in its shape (a part that is missing is left out)."""
    data = note if isinstance(note, dict) else {}
    boxes = {name: data[name] for name in ("choice", "product", "north_star") if name in data}
    problems = []
    inputs = data.get("inputs", [])
    if isinstance(inputs, list):
        boxes |= {f"input {i}": value for i, value in enumerate(inputs[:N_INPUTS], 1)}
    else:
        problems.append(f"inputs: {_short(inputs)}")
    rows = data.get("rows", {})
    if not isinstance(rows, dict):
        return boxes, [*problems, f"rows: {_short(rows)}"]
    for key in HEART_KEYS:
        row = rows.get(key, {})
        if not isinstance(row, dict):
            problems.append(f"{category(key).name}: {_short(row)}")
            continue
        boxes |= {f"{key} {step}": row[step] for step in STEPS if step in row}
    return boxes, problems


def plan_note(boxes: Mapping[str, object]) -> dict:
    """The planner's boxes as the note keeps them: choice, product, north_star, the inputs as
    a list and the rows by category."""
    return {
        "choice": boxes["choice"],
        "product": boxes["product"],
        "north_star": boxes["north_star"],
        "inputs": [boxes[f"input {i}"] for i in range(1, N_INPUTS + 1)],
        "rows": {key: {step: boxes[f"{key} {step}"] for step in STEPS} for key in HEART_KEYS},
    }


def plan_on_show(choice: str, note: Mapping[str, object]) -> Plan:
    """The plan the planner shows: a worked example, or (``OWN``) the learner's own from its
    note; an unknown choice raises ValueError."""
    return plan_from_dict(note) if choice == OWN else plan(choice)


def review_plan(p: Plan) -> list[str]:
    """Suggestions for a learner's plan, in the order a team would work through them."""
    out = []
    if not p.north_star:
        out.append(
            "Choose a North Star: the one number that best shows the value people get from "
            "the product."
        )
    else:
        out += [
            f"North Star: {c.message}" for c in wording_clues(p.north_star) if c.kind == "total"
        ]
        if not p.inputs:
            out.append("Add two or three input metrics: numbers the team can move that drive it.")
    for c in HEART:
        r = p.row(c.key)
        if r is None:
            continue
        if not r.goal:
            out.append(f"{c.name}: start from the goal; a metric without a goal is hard to act on.")
        elif not r.signal:
            out.append(f"{c.name}: what would people do or say if the goal were being met?")
        elif not r.metric:
            out.append(f"{c.name}: turn the signal into a number you can track over time.")
        out += [
            f"{c.name} metric: {w.message}" for w in wording_clues(r.metric) if w.kind == "total"
        ]
    if not p.rows:
        out.append(
            "Fill in a row for each HEART category that matters to your product, starting with "
            "the goal."
        )
    return out


# --- vanity metrics ---------------------------------------------------------------------------

VANITY_RULE = (
    "A metric is flagged as a likely vanity metric if it is a running total, if it can only "
    "ever go up, or if no decision is tied to it. It passes only if it can fall as well as "
    "rise, counts a period rather than all time, and would change what the team does."
)

#: Answers that tie no decision to a metric.
_NO_DECISION = re.compile(
    r"^(?:|none|nothing|no|n/?a|-+|\?+|not sure|don'?t know|unknown|nothing really|"
    r"we would celebrate|celebrate|report it|put it in the report)$",
    re.I,
)

#: Wording that suggests a running total, with the words shown.
_CUMULATIVE_WORDS = re.compile(
    r"\b(?:total|all[- ]time|cumulative|since (?:launch|we (?:started|launched)|the start)|"
    r"since (?:(?:19|20)\d\d|it (?:launched|started|opened)|(?:the )?(?:site|app|service) "
    r"launched)|to date|so far|ever|lifetime|in total|followers|registered)\b",
    re.I,
)
#: Wording that suggests a rate, share or average, which can fall as well as rise.
_RATE_WORDS = re.compile(
    r"%|\b(?:per ?cent|rate|share of|proportion|ratio|average|median|per \w+|"
    r"(?:each|this|a|per) (?:week|month|quarter|year|day)|within)\b",
    re.I,
)


@dataclass(frozen=True)
class Clue:
    """What the wording of a metric suggests: ``kind`` is 'total' or 'rate'."""

    kind: str
    word: str
    message: str


def wording_clues(metric: str) -> list[Clue]:
    """What the words of a metric suggest (a hint for the answers, never the verdict)."""
    if not isinstance(metric, str):
        raise ValueError("vanity check: a metric is text")
    clues = []
    if m := _CUMULATIVE_WORDS.search(metric):
        clues.append(
            Clue(
                "total",
                m.group(0),
                f"'{m.group(0)}' suggests a running total, which tends to grow over time whatever "
                "the product does. Would the same count for one week or month tell you more?",
            )
        )
    if m := _RATE_WORDS.search(metric):
        clues.append(
            Clue(
                "rate",
                m.group(0),
                f"'{m.group(0)}' suggests a rate, a share or a count for a period, which can "
                "fall as well as rise: a good sign.",
            )
        )
    return clues


def worded_total(metric: str) -> str | None:
    """The words that make ``metric`` a running total by its wording alone (a total with no
    period, such as 'Total donations since 2015'), or None. A total for a period ('total
    donations this month') is not one: its wording names the period."""
    clues = {c.kind: c.word for c in wording_clues(metric)}
    return clues["total"] if "total" in clues and "rate" not in clues else None


def decision_tied(decision: str) -> bool:
    """True if the answer names a decision (three words or more, and not 'none' or similar)."""
    text = re.sub(r"\s+", " ", decision.strip().strip(".!")).strip()
    return not _NO_DECISION.match(text) and len(text.split()) >= 3


@dataclass(frozen=True)
class MetricCheck:
    """A metric with the three answers the rule needs."""

    metric: str
    cumulative: bool
    can_fall: bool
    decision: str = ""

    def __post_init__(self):
        if not isinstance(self.metric, str) or not self.metric.strip():
            raise ValueError("vanity check: name the metric first, such as 'donations this month'")
        for name in ("cumulative", "can_fall"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"vanity check: {name} must be true or false")
        if not isinstance(self.decision, str):
            raise ValueError("vanity check: the decision is text (it may be empty)")

    @property
    def reasons(self) -> list[str]:
        """Why the rule flags the metric (empty if it passes)."""
        out = []
        if self.cumulative:
            out.append(
                "It is a running total: it tends to grow whatever the product does, so a rise "
                "says little about this week's work."
            )
        elif word := worded_total(self.metric):
            out.append(
                f"Its wording ('{word}') makes it a running total, though answer 1 says it is "
                "not: it counts from a start date and names no period, so it tends to grow "
                "whatever the product does. If you meant a period, name it (for example "
                "'this month')."
            )
        if not self.can_fall:
            out.append("It can only go up, so it cannot warn you when something gets worse.")
        if not decision_tied(self.decision):
            out.append(
                "No decision is tied to it: if it moved, you could not say what you would do "
                "differently."
            )
        return out

    @property
    def vanity(self) -> bool:
        """True if the rule flags the metric as a likely vanity metric."""
        return bool(self.reasons)

    @property
    def verdict(self) -> str:
        """'Likely vanity metric' or 'Actionable (by this rule)'."""
        return "Likely vanity metric" if self.vanity else "Actionable (by this rule)"

    def lines(self) -> list[str]:
        """The check as plain text."""
        out = [f"Metric: {self.metric.strip()}", f"Verdict: {self.verdict}"]
        out += [f"- {r}" for r in self.reasons]
        if not self.vanity:
            out.append(
                f"- It can fall as well as rise, counts a period, and is tied to a decision: "
                f"{self.decision.strip()}"
            )
        out += [f"Wording: {c.message}" for c in wording_clues(self.metric)]
        return out


def vanity_from_note(note: object) -> dict[str, object]:
    """The vanity check's boxes in a saved note: the two texts ("" if not text) and the two
    ticks (ticked only if saved as true)."""
    data = note if isinstance(note, dict) else {}
    texts = {k: data[k] if isinstance(data.get(k), str) else "" for k in ("metric", "decision")}
    return {
        **texts,
        "cumulative": data.get("cumulative") is True,
        "only_up": data.get("only_up") is True,
    }


def check_of(boxes: Mapping[str, object]) -> MetricCheck | None:
    """The check of what the boxes hold, or None while there is no metric to check."""
    if not str(boxes["metric"]).strip():
        return None
    return MetricCheck(
        str(boxes["metric"]),
        bool(boxes["cumulative"]),
        not boxes["only_up"],
        str(boxes["decision"]),
    )


#: Example metrics with reasonable answers, for the table under the vanity check.
EXAMPLE_METRICS: tuple[MetricCheck, ...] = (
    MetricCheck("Total app downloads since launch", cumulative=True, can_fall=False),
    MetricCheck("Page views of the advice pages this month", cumulative=False, can_fall=True),
    MetricCheck("Followers on social media", cumulative=True, can_fall=True),
    MetricCheck(
        "Share of first-time donors who give again within three months",
        cumulative=False,
        can_fall=True,
        decision="If it falls, we test a new thank-you email for first gifts",
    ),
    MetricCheck(
        "Share of booked volunteer shifts that go ahead, each month",
        cumulative=False,
        can_fall=True,
        decision="If it drops, we add a reminder text the day before a shift",
    ),
)


__all__ = [
    "EXAMPLE_METRICS",
    "HEART",
    "HEART_KEYS",
    "N_INPUTS",
    "OWN",
    "PLANS",
    "STEPS",
    "VANITY_RULE",
    "Category",
    "Clue",
    "HeartRow",
    "MetricCheck",
    "Plan",
    "category",
    "check_of",
    "decision_tied",
    "plan",
    "plan_boxes",
    "plan_from_dict",
    "plan_note",
    "plan_on_show",
    "review_plan",
    "vanity_from_note",
    "worded_total",
    "wording_clues",
]
