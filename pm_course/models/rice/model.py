"""RICE prioritisation: score ideas by Reach x Impact x Confidence / Effort and rank them.

Sean McBride, of Intercom, described RICE as a way to compare ideas on four factors:

- **Reach**: how many people the idea affects in a period (here, per quarter);
- **Impact**: how much it affects each of them, on a fixed scale: 3 massive, 2 high,
  1 medium, 0.5 low, 0.25 minimal (``IMPACTS``);
- **Confidence**: how sure the team is of the other estimates: 100% high, 80% medium,
  50% low (``CONFIDENCES``);
- **Effort**: the total work it needs, in person-months (more than 0).

score = reach x impact x confidence / effort. The numerator, reach x impact x confidence, is
called *value* here: the expected benefit per quarter, before the cost is taken into account.
A higher score means more value for each person-month spent.

The backlog a learner edits is a list of *rows* as typed (``ROW_FIELDS``); the row rules live
here too: what a new row holds (``new_row``), how a saved row is made safe to show
(``saved_rows``), and how rows are read into a ranked backlog with a message for each row left
out (``read_rows``).

Pure Python: no widgets and no charts here (see ``view`` and ``render``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ...course.numbers import NumberError, format_number, parse_number

#: Impact scale: value -> word.
IMPACTS: dict[float, str] = {
    3.0: "massive",
    2.0: "high",
    1.0: "medium",
    0.5: "low",
    0.25: "minimal",
}
#: Confidence scale: percent -> word.
CONFIDENCES: dict[int, str] = {100: "high", 80: "medium", 50: "low"}
REACH_UNIT = "people per quarter"
EFFORT_UNIT = "person-months"
#: The largest numbers accepted, to catch slips of the keyboard.
MAX_REACH = 1e9
MAX_EFFORT = 1200.0


def _number_text(value: float) -> str:
    return format_number(value)


def effort_text(effort: float) -> str:
    """'1 person-month', '2.5 person-months'."""
    return f"{effort:g} person-month{'' if effort == 1 else 's'}"


def impact_label(impact: float) -> str:
    """'2 (high)'."""
    return f"{impact:g} ({IMPACTS[impact]})"


def confidence_label(confidence: int) -> str:
    """'80% (medium)'."""
    return f"{confidence}% ({CONFIDENCES[confidence]})"


def check_impact(impact: object, name: str = "") -> float:
    """Return ``impact`` as a float if it is on the scale; otherwise raise ValueError."""
    who = f"'{name}': " if name else ""
    scale = ", ".join(f"{k:g} {v}" for k, v in IMPACTS.items())
    try:
        value = float(impact)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"RICE: {who}impact {impact!r} is not on the scale ({scale})") from None
    if isinstance(impact, bool) or value not in IMPACTS:
        raise ValueError(f"RICE: {who}impact {impact!r} is not on the scale ({scale})")
    return value


def check_confidence(confidence: object, name: str = "") -> int:
    """Return ``confidence`` (a percent) if it is 100, 80 or 50; otherwise raise ValueError."""
    who = f"'{name}': " if name else ""
    allowed = ", ".join(f"{k}% {v}" for k, v in CONFIDENCES.items())
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise ValueError(f"RICE: {who}confidence {confidence!r} must be one of {allowed}")
    if confidence not in CONFIDENCES:
        hint = " (give it as a percent, not a fraction)" if 0 < confidence <= 1 else ""
        raise ValueError(f"RICE: {who}confidence {confidence:g} must be one of {allowed}{hint}")
    return int(confidence)


def check_reach(reach: object, name: str = "") -> float:
    """Return ``reach`` if it is a number of people from 0 up; otherwise raise ValueError."""
    who = f"'{name}': " if name else ""
    if isinstance(reach, bool) or not isinstance(reach, int | float) or not math.isfinite(reach):
        raise ValueError(f"RICE: {who}reach {reach!r} must be a number of {REACH_UNIT}")
    if reach < 0:
        raise ValueError(f"RICE: {who}reach cannot be negative; it counts {REACH_UNIT}")
    if reach > MAX_REACH:
        raise ValueError(f"RICE: {who}reach {reach:,.0f} is more than {MAX_REACH:,.0f}; a slip?")
    return float(reach)


def check_effort(effort: object, name: str = "") -> float:
    """Return ``effort`` if it is more than 0 person-months; otherwise raise ValueError."""
    who = f"'{name}': " if name else ""
    if isinstance(effort, bool) or not isinstance(effort, int | float) or not math.isfinite(effort):
        raise ValueError(f"RICE: {who}effort {effort!r} must be a number of {EFFORT_UNIT}")
    if effort <= 0:
        raise ValueError(
            f"RICE: {who}effort must be more than 0 {EFFORT_UNIT} (the score divides by it); "
            "even a small job takes some time, such as 0.25"
        )
    if effort > MAX_EFFORT:
        raise ValueError(f"RICE: {who}effort {effort:g} is more than {MAX_EFFORT:g}; a slip?")
    return float(effort)


def rice_score(reach: float, impact: float, confidence: int, effort: float) -> float:
    """Reach x Impact x Confidence / Effort, with confidence as a percent (80 means 0.8)."""
    reach = check_reach(reach)
    impact = check_impact(impact)
    confidence = check_confidence(confidence)
    effort = check_effort(effort)
    return reach * impact * (confidence / 100) / effort


@dataclass(frozen=True)
class Idea:
    """One idea in the backlog with its four estimates."""

    name: str
    reach: float
    impact: float
    confidence: int
    effort: float

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("RICE: every idea needs a name")
        object.__setattr__(self, "name", self.name.strip())
        object.__setattr__(self, "reach", check_reach(self.reach, self.name))
        object.__setattr__(self, "impact", check_impact(self.impact, self.name))
        object.__setattr__(self, "confidence", check_confidence(self.confidence, self.name))
        object.__setattr__(self, "effort", check_effort(self.effort, self.name))

    @property
    def value(self) -> float:
        """Reach x Impact x Confidence: the expected benefit per quarter."""
        return self.reach * self.impact * self.confidence / 100

    @property
    def score(self) -> float:
        """The RICE score: value per person-month of effort."""
        return self.value / self.effort

    def as_row(self) -> dict[str, object]:
        """The idea as the raw row a view edits and a note keeps."""
        return {
            "name": self.name,
            "reach": _number_text(self.reach),
            "impact": self.impact,
            "confidence": self.confidence,
            "effort": _number_text(self.effort),
        }


def parse_amount(text: object, what: str, name: str = "") -> float:
    """Read a typed reach or effort ('2,000', '1.5', '2k'); raise ValueError that says why not."""
    who = f"'{name}': " if name else ""
    unit = REACH_UNIT if what == "reach" else EFFORT_UNIT
    example = "2000 or 2,000" if what == "reach" else "2 or 0.5"
    if isinstance(text, str) and "%" in text:
        raise ValueError(f"RICE: {who}{what} is a number of {unit}, not a percentage")
    try:
        value = parse_number(text)
    except NumberError as exc:
        if isinstance(text, str) and not text.strip():
            raise ValueError(f"RICE: {who}type the {what}, in {unit}, such as {example}") from None
        if "use a point" in str(exc):
            raise ValueError(f"RICE: {who}{what}: {exc}") from None
        raise ValueError(
            f"RICE: {who}{what} {text!r} is not a number; type digits, such as {example}"
        ) from None
    return check_reach(value, name) if what == "reach" else check_effort(value, name)


def idea_from_row(row: dict) -> Idea:
    """An idea from a raw row (typed text for reach and effort); ValueError names the problem."""
    if not isinstance(row, dict):
        raise ValueError("RICE: a backlog row must be a table of name, reach, impact, ...")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("RICE: every idea needs a name")
    name = name.strip()
    return Idea(
        name,
        parse_amount(row.get("reach"), "reach", name),
        check_impact(row.get("impact"), name),
        check_confidence(row.get("confidence"), name),
        parse_amount(row.get("effort"), "effort", name),
    )


@dataclass(frozen=True)
class Ranked:
    """An idea with its rank (ties share a rank: 1, 2, 2, 4)."""

    rank: int
    idea: Idea


@dataclass(frozen=True)
class Backlog:
    """A list of ideas; ranked by RICE score, highest first, ties in the order entered."""

    ideas: tuple[Idea, ...]

    def __post_init__(self):
        ideas = tuple(self.ideas)
        for idea in ideas:
            if not isinstance(idea, Idea):
                raise ValueError(f"RICE: {idea!r} is not an Idea")
        names = [i.name.casefold() for i in ideas]
        for idea in ideas:
            if names.count(idea.name.casefold()) > 1:
                raise ValueError(
                    f"RICE: two ideas are called {idea.name!r}; give each its own name"
                )
        object.__setattr__(self, "ideas", ideas)

    def ranked(self) -> list[Ranked]:
        """The ideas, highest score first, with competition ranks."""
        order = sorted(self.ideas, key=lambda i: -i.score)
        out: list[Ranked] = []
        for pos, idea in enumerate(order, 1):
            same = out and math.isclose(out[-1].idea.score, idea.score, rel_tol=1e-12)
            out.append(Ranked(out[-1].rank if same else pos, idea))
        return out

    @property
    def headline(self) -> str:
        """One sentence: which idea comes first, and by how much."""
        ranked = self.ranked()
        if not ranked:
            return "The backlog is empty: add an idea to rank it."
        top = [r for r in ranked if r.rank == 1]
        if len(top) > 1:
            names = " and ".join(r.idea.name for r in top)
            return f"{names} tie for first place, with a score of {fmt_score(top[0].idea.score)}."
        first = ranked[0]
        text = f"{first.idea.name} comes first, with a score of {fmt_score(first.idea.score)}"
        if len(ranked) > 1:
            second = ranked[1].idea
            text += f"; next is {second.name}, with {fmt_score(second.score)}"
        return text + "."

    def table(self) -> str:
        """A fixed-width table of the ranking."""
        width = max([len("Idea"), *(len(i.name) for i in self.ideas)])
        head = f"Rank  {'Idea':<{width}}  {'Reach':>7}  Impact  Confidence  Effort  {'Score':>7}"
        lines = [head]
        for r in self.ranked():
            i = r.idea
            lines.append(
                f"{r.rank:>4}  {i.name:<{width}}  {_number_text(i.reach):>7}  {i.impact:>6g}  "
                f"{i.confidence:>9}%  {i.effort:>6g}  {fmt_score(i.score):>7}"
            )
        return "\n".join(lines)

    @property
    def alt_text(self) -> str:
        """The chart's facts in words: axes, then every idea in rank order."""
        points = "; ".join(
            f"{r.rank}. {r.idea.name}: effort {effort_text(r.idea.effort)}, value "
            f"{fmt_score(r.idea.value)}, confidence {r.idea.confidence}%, score "
            f"{fmt_score(r.idea.score)}"
            for r in self.ranked()
        )
        return (
            f"Scatter chart of {len(self.ideas)} ideas. Across: effort in {EFFORT_UNIT}; up: "
            "value, reach times impact times confidence. Dashed lines from the origin join "
            "points of equal score; a steeper line means a higher score. Marker shape shows "
            f"confidence, and each point is numbered with its rank. Ranking by RICE score: "
            f"{points}."
        )


def fmt_score(value: float) -> str:
    """A score or a value as people read it: 1,600 or 2.5 or 0.42."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


# --- the rows a learner edits ---------------------------------------------------------------

#: The most ideas the backlog holds.
MAX_ROWS = 12
#: A row's fields, as a view shows them and a note keeps them.
ROW_FIELDS = ("name", "reach", "impact", "confidence", "effort")
#: A new row's estimates: low confidence, since it is a new guess.
NEW_ROW = {"reach": "1,000", "impact": 1.0, "confidence": 50, "effort": "1"}
#: What a saved value off its scale falls back to.
FALLBACK = {"impact": 1.0, "confidence": 50}


def new_row(names: Iterable[str]) -> dict[str, object]:
    """A row for a new idea, named "New idea <n>" with the first n that no row uses."""
    taken = {n.strip().casefold() for n in names}
    n = 1
    while f"new idea {n}" in taken:
        n += 1
    return {"name": f"New idea {n}", **NEW_ROW}


def _saved_value(field: str, value: object) -> object:
    """A saved field as a row shows it; ValueError if it cannot be shown."""
    if field in FALLBACK:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError
        scale = IMPACTS if field == "impact" else CONFIDENCES
        if value not in scale:
            raise ValueError
        return float(value) if field == "impact" else int(value)
    if isinstance(value, str):
        return value
    if field != "name" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError


def saved_rows(data: object) -> tuple[list[dict] | None, list[str]]:
    """The rows in a saved note (``{"rows": [...]}``, at most ``MAX_ROWS``), made safe to show,
    and what had to change, in words. A row that is not a table is left out; a value that
    cannot be shown falls back (impact 1, confidence 50, empty text). None if the note holds no
    list of rows."""
    raw = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return None, ([] if data is None or raw is None else ["the saved rows could not be read"])
    rows, problems = [], []
    for n, saved in enumerate(raw[:MAX_ROWS], 1):
        if not isinstance(saved, dict):
            problems.append(f"saved row {n}: {saved!r:.40}")
            continue
        row = {}
        for field in ROW_FIELDS:
            value = saved.get(field, "")
            try:
                row[field] = _saved_value(field, value)
            except ValueError:
                row[field] = FALLBACK.get(field, "")
                problems.append(f"saved row {n} {field}: {value!r:.40}")
        rows.append(row)
    return rows, problems


@dataclass(frozen=True)
class Reading:
    """The rows as read: the valid ideas as a backlog, and a message for each row left out."""

    backlog: Backlog
    errors: tuple[str, ...] = ()

    def _parts(self, fence: bool) -> list[str]:
        parts = [
            f"RICE prioritiser: {self.backlog.headline}",
            f"Score = reach ({REACH_UNIT}) × impact × confidence ÷ effort ({EFFORT_UNIT}).",
        ]
        if self.backlog.ideas:
            table = self.backlog.table()
            parts.append(f"```\n{table}\n```" if fence else table)
        if self.errors:
            parts.append("\n".join(["Left out of the ranking until fixed:", *self.errors]))
        return parts

    @property
    def text(self) -> str:
        """The ranking in words, with the rows left out."""
        return "\n\n".join(self._parts(fence=False))

    @property
    def markdown(self) -> str:
        """The same, with the table fenced."""
        return "\n\n".join(self._parts(fence=True))


def read_rows(rows: Iterable[dict]) -> Reading:
    """Read rows as typed: each valid row is an idea; a row with a bad value, or with a name
    an earlier row has, is left out with a message that names the row and says why."""
    ideas: list[Idea] = []
    errors: list[str] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, 1):
        try:
            idea = idea_from_row(row)
        except ValueError as exc:
            errors.append(f"Row {i}: {str(exc).removeprefix('RICE: ').rstrip('.')}.")
            continue
        if idea.name.casefold() in seen:
            errors.append(f"Row {i}: another idea is already called '{idea.name}'.")
            continue
        seen.add(idea.name.casefold())
        ideas.append(idea)
    return Reading(Backlog(tuple(ideas)), tuple(errors))


def row_tooltips(number: int, name: str) -> dict[str, str]:
    """What each control of row ``number`` says it is for (``name`` as typed, may be empty)."""
    name = name.strip() or f"row {number}"
    return {
        "name": f"Row {number}: name of the idea",
        "reach": f"{name}: reach, in {REACH_UNIT}",
        "impact": f"{name}: impact, from 0.25 (minimal) to 3 (massive)",
        "confidence": f"{name}: confidence, 50%, 80% or 100%",
        "effort": f"{name}: effort, in {EFFORT_UNIT} (more than 0)",
        "remove": f"Remove {name} from the backlog",
    }


# --- what a chart of the backlog needs ----------------------------------------------------------


def guide_scores(low: float, high: float) -> list[float]:
    """Round scores (1, 2, 5 x 10^k) between low and high for the lines of equal score."""
    found = []
    k = -2
    while 10**k <= high * 2:
        for m in (1, 2, 5):
            s = m * 10**k
            if low / 1.5 <= s <= high * 1.5:
                found.append(float(s))
        k += 1
    while len(found) > 5:
        found = found[::2]
    return found


def short_name(name: str, limit: int = 28) -> str:
    """A name cut to ``limit`` characters with an ellipsis, for a chart's key."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


#: A small charity's backlog; the estimates are illustrations, not data.
PRESETS: tuple[Idea, ...] = (
    Idea("Gift Aid reminder", reach=3000, impact=1, confidence=80, effort=1),
    Idea("Monthly giving prompt", reach=1200, impact=2, confidence=80, effort=0.5),
    Idea("Advice chatbot", reach=5000, impact=0.5, confidence=50, effort=6),
    Idea("Volunteer shift sign-up", reach=400, impact=2, confidence=100, effort=2),
    Idea("Plain-English advice pages", reach=8000, impact=1, confidence=80, effort=4),
    Idea("Homepage redesign", reach=20000, impact=0.25, confidence=50, effort=3),
)


__all__ = [
    "CONFIDENCES",
    "EFFORT_UNIT",
    "IMPACTS",
    "MAX_ROWS",
    "NEW_ROW",
    "PRESETS",
    "REACH_UNIT",
    "ROW_FIELDS",
    "Backlog",
    "Idea",
    "Ranked",
    "Reading",
    "check_confidence",
    "check_effort",
    "check_impact",
    "check_reach",
    "confidence_label",
    "effort_text",
    "fmt_score",
    "guide_scores",
    "idea_from_row",
    "impact_label",
    "new_row",
    "parse_amount",
    "read_rows",
    "rice_score",
    "row_tooltips",
    "saved_rows",
    "short_name",
]
