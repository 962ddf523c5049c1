"""The theory of change builder: sort a charity's statements into the five stages of the chain,
then write your own product's chain and have each stage read back.

A theory of change describes the need a charity is trying to address, the changes it wants to
make (its outcomes) and what it plans to do (its activities) (NPC, "Creating your theory of
change", 2014). Its chain has five stages; the definitions follow the Youth Endowment Fund's
glossary:

- **inputs**: the resources the work needs;
- **activities**: the work delivered;
- **outputs**: what the activities produce, observable and countable (how many took part);
- **outcomes**: the effects, measured as change in people;
- **impact**: the intended result the work aims for in the long run.

Two parts:

1. **Sorting** (:func:`check_sorting`): each example statement has one stage, a reason, and
   feedback for the commonest slips, such as calling an output an impact. A count used as a
   proxy ("meals provided") stays an output. The food bank chain is the course's own example
   built on those definitions; the advice service is too.
2. **Your own chain** (:func:`check_chain`): one box per stage. The check is a **word
   heuristic**, not an understanding: an output should say what you would count (a number, or
   words such as "number of", "handed out", "attended"); an outcome should say what changes for
   people (words such as "more", "fewer", "able to", "no longer") and should not be a count of
   delivery; an impact that reads as a count of delivery is flagged as an output; the same words
   in two stages are flagged. It cannot tell whether the chain is true, or whether the
   activities would really lead to the outcomes: that is what evidence is for.

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION = "05_value"
#: The key the learner's sorting and chain are saved under with ``Store.save_note``.
NOTE_KEY = "value-theory-of-change"


@dataclass(frozen=True)
class Stage:
    """One stage of the chain: its key, its name and what belongs in it."""

    key: str
    label: str
    means: str
    example: str


STAGES: tuple[Stage, ...] = (
    Stage("inputs", "Inputs", "the resources the work needs", "staff, volunteers, money, a venue"),
    Stage("activities", "Activities", "the work delivered", "advisers answer calls"),
    Stage(
        "outputs",
        "Outputs",
        "what the activities produce, observable and countable",
        "300 callers advised each month",
    ),
    Stage(
        "outcomes",
        "Outcomes",
        "the change in the people the work reaches",
        "callers agree a plan to pay off their debts",
    ),
    Stage(
        "impact",
        "Impact",
        "the long-term result the work aims for",
        "fewer households in the town in problem debt",
    ),
)
STAGE_KEYS = tuple(s.key for s in STAGES)
STAGE_BY_KEY = {s.key: s for s in STAGES}

#: (the right stage, the stage chosen) -> what that slip usually means.
SLIPS: dict[tuple[str, str], str] = {
    ("outputs", "impact"): (
        "Calling an output an impact: this counts what was delivered, and says nothing about "
        "what changed. Impact is the long-term aim the work serves."
    ),
    ("outputs", "outcomes"): (
        "A count of what was delivered, however large, is an output. An outcome is a change in "
        "the people: what they do, know or have afterwards."
    ),
    ("outputs", "activities"): (
        "This is what the work produced, counted: an output. The activity is the work itself."
    ),
    ("outcomes", "outputs"): (
        "This describes a change in people, not something the team delivered and counted: an "
        "outcome."
    ),
    ("outcomes", "impact"): (
        "This is a change for the people the service works with, which can be seen soon after: "
        "an outcome. Impact is the wider, long-term aim that many outcomes add up to."
    ),
    ("impact", "outcomes"): (
        "This reaches beyond the people the service worked with: the long-term aim, impact. An "
        "outcome is the change in the people it reached."
    ),
    ("inputs", "activities"): (
        "This is what the team has to work with before any work is done: an input."
    ),
    ("activities", "inputs"): ("This is work being done, not a resource: an activity."),
    ("activities", "outputs"): (
        "This describes the work itself; the output is what the work produces that you can count."
    ),
}


@dataclass(frozen=True)
class Statement:
    """One example statement: its text, its stage and why it belongs there."""

    text: str
    stage: str
    why: str


@dataclass(frozen=True)
class Example:
    """A charity's chain as statements to sort, listed out of order."""

    key: str
    title: str
    statements: tuple[Statement, ...]


EXAMPLES: tuple[Example, ...] = (
    Example(
        "food-bank",
        "Food bank",
        (
            Statement(
                "1,200 food parcels handed out this winter",
                "outputs",
                "a count of what was delivered: an output, however large the number.",
            ),
            Statement(
                "Less food poverty in the town",
                "impact",
                "the long-term aim, beyond the families the food bank sees: impact.",
            ),
            Statement(
                "Volunteers sort donations and pack parcels",
                "activities",
                "the work delivered: an activity.",
            ),
            Statement(
                "Families referred to the food bank no longer go hungry",
                "outcomes",
                "a change in the people it works with: an outcome.",
            ),
            Statement(
                "Donated food, a warehouse and 40 volunteers",
                "inputs",
                "the resources the work needs: inputs.",
            ),
            Statement(
                "3,000 meals provided",
                "outputs",
                "a count used to stand for less hunger stays an output: it takes no account of "
                "the hunger people experience.",
            ),
        ),
    ),
    Example(
        "advice",
        "Advice service",
        (
            Statement(
                "Callers agree a plan to pay off their debts",
                "outcomes",
                "a change in what callers do: an outcome.",
            ),
            Statement(
                "Two trained advisers and a grant for the phone line",
                "inputs",
                "the resources the work needs: inputs.",
            ),
            Statement(
                "A new online page for booking a call back",
                "outputs",
                "something the work produced, which you can point to: an output. A new "
                "feature is an output until people use it and something changes.",
            ),
            Statement(
                "Fewer households in the area fall into problem debt",
                "impact",
                "the wider, long-term aim the advice serves: impact.",
            ),
            Statement(
                "Advisers answer calls about debt and benefits",
                "activities",
                "the work delivered: an activity.",
            ),
            Statement(
                "450 callers given advice in three months",
                "outputs",
                "how many people took part, counted: an output.",
            ),
        ),
    ),
)
EXAMPLE_BY_KEY = {e.key: e for e in EXAMPLES}


def place_key(example: str, index: int) -> str:
    """The name a statement's placement is saved under: ``food-bank:1`` (counting from 1)."""
    return f"{example}:{index}"


PLACE_KEYS = tuple(place_key(e.key, i) for e in EXAMPLES for i in range(1, len(e.statements) + 1))


def slip(right: str, chosen: str) -> str:
    """What placing a statement of stage ``right`` in stage ``chosen`` usually means."""
    if (right, chosen) in SLIPS:
        return SLIPS[right, chosen]
    stage = STAGE_BY_KEY[right]
    return f"This belongs in {stage.label.lower()}: {stage.means}."


@dataclass(frozen=True)
class Placement:
    """One statement as the learner placed it ('' when not placed yet)."""

    statement: Statement
    chosen: str

    @property
    def placed(self) -> bool:
        """True once a stage is chosen."""
        return bool(self.chosen)

    @property
    def right(self) -> bool:
        """True when the chosen stage is the statement's own."""
        return self.chosen == self.statement.stage

    @property
    def status(self) -> str:
        """'ok' (right), 'missing' (wrong) or '' (not placed)."""
        if not self.placed:
            return ""
        return "ok" if self.right else "missing"

    @property
    def feedback(self) -> str:
        """What to say about this placement ('' when not placed)."""
        if not self.placed:
            return ""
        chosen = STAGE_BY_KEY[self.chosen].label
        if self.right:
            return f"Right, {chosen.lower()}: {self.statement.why}"
        return f"Not {chosen.lower()}. {slip(self.statement.stage, self.chosen)}"


@dataclass(frozen=True)
class Sorting:
    """An example's statements as placed, and a headline."""

    example: Example
    placements: tuple[Placement, ...]

    @property
    def placed(self) -> int:
        """How many statements have a stage."""
        return sum(p.placed for p in self.placements)

    @property
    def right(self) -> int:
        """How many are in their own stage."""
        return sum(p.right for p in self.placements)

    @property
    def headline(self) -> str:
        """One sentence: how far the sorting has got."""
        total = len(self.placements)
        if not self.placed:
            return f"{self.example.title}: choose a stage for each of the {total} statements."
        if self.right == total:
            return f"{self.example.title}: all {total} statements are in the right stage."
        return (
            f"{self.example.title}: {self.placed} of {total} placed, {self.right} in the right "
            "stage."
        )


def check_sorting(example: str, chosen: dict[str, object]) -> Sorting:
    """The statements of ``example`` as placed in ``chosen`` (``{"food-bank:1": "outputs"}``);
    a missing or unknown stage counts as not placed."""
    if example not in EXAMPLE_BY_KEY:
        known = ", ".join(EXAMPLE_BY_KEY)
        raise ValueError(
            f"theory of change: no example called {example!r}; the examples are {known}"
        )
    ex = EXAMPLE_BY_KEY[example]
    placements = []
    for i, statement in enumerate(ex.statements, 1):
        value = chosen.get(place_key(example, i), "")
        placements.append(Placement(statement, value if value in STAGE_KEYS else ""))
    return Sorting(ex, tuple(placements))


# --- your own chain -------------------------------------------------------------------------

_COUNT = re.compile(
    r"\d|\b(?:number\s+of|how\s+many|handed\s+out|delivered|provided|given|sent|published|"
    r"launched|held|run|attended|answered|took\s+part|taking\s+part|visits?|sessions?|"
    r"calls?|downloads?|sign[-\s]?ups?|parcels?|meals?|workshops?|pages?|leaflets?)\b",
    re.IGNORECASE,
)
_DELIVERY = re.compile(
    r"\b(?:handed\s+out|delivered|provided|given|sent|published|launched|held|run|"
    r"answered|built|made|produced|released)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:more|fewer|less|better|worse|able\s+to|can\s+now|now\s+\w+|no\s+longer|start|"
    r"starts|started|stop|stops|stopped|feel|feels|know|knows|understand|understands|"
    r"confident|keep|keeps|stay|stays|improv\w*|reduc\w*|increas\w*|chang\w*|agree|agrees|"
    r"find|finds|get|gets|move|moves|return|returns|avoid|avoids|manage|manages|choose|"
    r"chooses|use|uses|go|goes|take|takes)\b",
    re.IGNORECASE,
)
_RESULT_FIRST = re.compile(
    r"^(?:more|fewer|less|increas|improv|reduc|better|higher|lower|grow)", re.IGNORECASE
)


@dataclass(frozen=True)
class StageCheck:
    """What the check found in one box: a status ('ok', 'improve', 'missing') and feedback."""

    stage: Stage
    text: str
    status: str
    messages: tuple[str, ...]

    @property
    def verdict(self) -> str:
        """The status in words."""
        return {"ok": "looks right", "improve": "have another look", "missing": "empty"}[
            self.status
        ]


def tidy(text: object) -> str:
    """A box's text with spaces tidied ('' for anything that is not text)."""
    return " ".join(text.split()).strip() if isinstance(text, str) else ""


def _check_one(stage: str, text: str) -> StageCheck:
    info = STAGE_BY_KEY[stage]
    if not text:
        return StageCheck(info, text, "missing", (f"Write {info.means} (e.g. {info.example}).",))
    counted = bool(_COUNT.search(text))
    delivered = bool(_DELIVERY.search(text))
    change = bool(_CHANGE.search(text))
    if stage == "activities" and _RESULT_FIRST.match(text):
        return StageCheck(
            info,
            text,
            "improve",
            ("This reads like a result. An activity is the work your team does; name it.",),
        )
    if stage == "outputs" and not counted:
        return StageCheck(
            info,
            text,
            "improve",
            (
                "Outputs are observable and countable: say what you would count (for example "
                "'300 callers advised each month').",
            ),
        )
    if stage == "outcomes" and delivered and not change:
        return StageCheck(
            info,
            text,
            "improve",
            ("This counts what was delivered: that is an output. Say what changes for people.",),
        )
    if stage == "outcomes" and not change:
        return StageCheck(
            info,
            text,
            "improve",
            (
                "Say what changes for the people you work with: what they do, know or have "
                "afterwards (words such as 'more', 'no longer', 'able to').",
            ),
        )
    if stage == "impact" and delivered:
        return StageCheck(
            info,
            text,
            "improve",
            (
                "Calling an output an impact? This reads as a count of what was delivered. "
                "Impact is the long-term aim the work serves.",
            ),
        )
    return StageCheck(info, text, "ok", (f"Reads as {info.label.lower()}: {info.means}.",))


@dataclass(frozen=True)
class ChainCheck:
    """The learner's chain, each stage checked, and a headline."""

    checks: tuple[StageCheck, ...]

    @property
    def empty(self) -> bool:
        """True when nothing is written."""
        return not any(c.text for c in self.checks)

    @property
    def headline(self) -> str:
        """One sentence: what is left to do."""
        if self.empty:
            return "Your chain is empty: write one line for each stage, from inputs to impact."
        good = sum(c.status == "ok" for c in self.checks)
        if good == len(self.checks):
            return "All five stages read as they should, from inputs to impact."
        return f"{good} of {len(self.checks)} stages read as they should; see the notes below."

    def lines(self) -> list[str]:
        """The chain in words, a line per stage."""
        return [
            f"{c.stage.label} ({c.verdict}): {c.text or '(empty)'}. {' '.join(c.messages)}"
            for c in self.checks
        ]


def check_chain(**boxes: object) -> ChainCheck:
    """Check a chain written as ``inputs=..., activities=..., ..., impact=...``."""
    unknown = set(boxes) - set(STAGE_KEYS)
    if unknown:
        raise ValueError(f"theory of change: no stage called {sorted(unknown)[0]!r}")
    texts = {k: tidy(boxes.get(k, "")) for k in STAGE_KEYS}
    checks = [_check_one(k, texts[k]) for k in STAGE_KEYS]
    seen: dict[str, str] = {}
    for i, c in enumerate(checks):
        same = c.text.lower()
        if same and same in seen:
            first = STAGE_BY_KEY[seen[same]].label.lower()
            checks[i] = StageCheck(
                c.stage,
                c.text,
                "improve",
                (f"The same words are in {first}: each stage says something different.",),
            )
        elif same:
            seen[same] = c.stage.key
    return ChainCheck(tuple(checks))


def note_values(note: object) -> dict[str, str]:
    """The saved placements and boxes in a note; anything unknown or unreadable comes back
    empty (a placement must be one of the stages)."""
    data = note if isinstance(note, dict) else {}
    values: dict[str, str] = {}
    for key in PLACE_KEYS:
        value = data.get(key)
        values[key] = value if isinstance(value, str) and value in STAGE_KEYS else ""
    example = data.get("example")
    values["example"] = example if example in EXAMPLE_BY_KEY else EXAMPLES[0].key
    for key in STAGE_KEYS:
        value = data.get(key)
        values[key] = value if isinstance(value, str) else ""
    return values


def builder_lines() -> list[str]:
    """The builder in words, the same for every learner (the text fallback)."""
    stages = [f"- {s.label}: {s.means} (e.g. {s.example})." for s in STAGES]
    examples = " and ".join(f"{e.title.lower()} ({len(e.statements)})" for e in EXAMPLES)
    return [
        "Theory of change builder. The five stages of the chain:",
        *stages,
        f"Sort the statements of two examples into the stages: {examples}.",
        "Then write your own product's chain, one line per stage, and check it.",
    ]


__all__ = [
    "EXAMPLES",
    "EXAMPLE_BY_KEY",
    "NOTE_KEY",
    "PLACE_KEYS",
    "SECTION",
    "SLIPS",
    "STAGES",
    "STAGE_BY_KEY",
    "STAGE_KEYS",
    "ChainCheck",
    "Example",
    "Placement",
    "Sorting",
    "Stage",
    "StageCheck",
    "Statement",
    "builder_lines",
    "check_chain",
    "check_sorting",
    "note_values",
    "place_key",
    "slip",
    "tidy",
]
