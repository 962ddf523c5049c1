"""The hypothesis card: write a product idea as a test, and check that each part is there.

Hypothesis-driven development (Barry O'Reilly, ThoughtWorks) treats a feature as an
experiment. A common template for it (O'Reilly's exact original wording is not verified) is:

    We believe [change] will result in [outcome]; we will know when we see [measurable signal].

:func:`check_card` reads the three parts and gives specific feedback on each. It is a
**keyword heuristic**, not an understanding of the text:

- a part is *missing* if it is empty, still a placeholder ("[change]", "TBD", "..."), or has no
  letters; it needs *work* if it is shorter than three words;
- the **change** should be something the team will do; a change that starts with "increase",
  "improve" or the like reads as an outcome, so it gets a tip;
- the **outcome** should say whose behaviour changes; if it names no people (users, donors,
  visitors, ...) it gets a tip;
- the **signal** is *measurable* when it names a **metric** (a rate, a count, a share, an
  average, a countable thing such as sign-ups or donations, or people counted: "250
  volunteers", "more donors", never people alone, as in "volunteers like it"), says **how
  much** (a number, a range such as "from 8% to 10%", or a threshold) **or which way** (rises,
  falls, more, fewer), and gives a **time frame** ("within 4 weeks", "by March", "over the
  next quarter"). A number counts as a threshold only when it is not part of the time frame.

What the heuristic cannot do: it cannot tell whether the team can actually collect the metric,
whether the threshold is sensible, or whether the words make sense together ("donations rate
rises purple within 2 weeks" passes). An unusual metric it has no word for fails. It helps you
notice a missing piece; a colleague's reading is still the real test.

Pure Python: no widgets here (see ``hypothesis_view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common import strings_from

SECTION = "03_an_experimental_process"
#: The key the learner's card is saved under with ``Store.save_note``.
NOTE_KEY = "exp-hypothesis-card"
PARTS = ("change", "outcome", "signal")
#: Longest part, in characters, before the checker suggests shortening it (nothing is cut).
LONG = 300
MIN_WORDS = 3

#: Each part's words in the template, its label, and what a good one does.
TEMPLATE = {
    "change": ("We believe", "the change", "something the team will build or do"),
    "outcome": ("will result in", "the outcome", "a change in what people do"),
    "signal": ("we will know when we see", "the signal", "a measurable sign, with a time frame"),
}
TEMPLATE_TEXT = (
    "We believe [change] will result in [outcome]; we will know when we see [measurable signal]."
)

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundred|thousand|a|an|a few|several"
)
_UNITS = r"days?|weeks?|fortnights?|months?|quarters?|years?|terms?|sprints?"
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME_FRAME = re.compile(
    rf"""\b(?:
        (?:within|over|after|in|for|during|by|before|inside)\s+(?:the\s+)?
            (?:(?:next|first|coming|following)\s+)?(?:\d+(?:\.\d+)?|{_NUMBER_WORDS})?\s*
            (?:{_UNITS})\b
      | (?:within|over|after|in|for|during)\s+(?:the\s+)?(?:next|first|coming|following)\s+
            (?:{_UNITS})\b
      | (?:by|before|until|in)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?
            (?:{_MONTHS}|q[1-4]|spring|summer|autumn|fall|winter|christmas|\d{{4}}
              |(?:next|this)\s+(?:week|month|quarter|year|term)|(?:week|month|quarter|year|term))\b
      | (?:next|this)\s+(?:week|month|quarter|year|term)\b
      | \d+[-\s](?:day|week|month)s?[-\s](?:period|trial|test|window|pilot|experiment)\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_METRIC = re.compile(
    r"""(?:\b(?:
        rates?|ratios?|percent(?:age)?s?|per\s+cent|proportions?|shares?|number\s+of|count|
        counts|averages?|mean|median|totals?|conversions?|sign[-\s]?ups?|registrations?|
        donations?|gifts?|revenue|income|sales|orders|purchases|bookings?|completions?|
        retention|churn|clicks?|click[-\s]?through|visits?|sessions?|views|page\s?views|
        downloads?|installs?|referrals?|enquiries|inquiries|calls|complaints|tickets|
        applications|renewals|subscriptions?|
        time\s+(?:on|to|spent|taken)|minutes|seconds|hours|score|nps|satisfaction|
        bounce|abandonment|drop[-\s]?off|uptake|take[-\s]?up|usage|active\s+users|
        repeat|returning|cost|spend|value|amount
    )(?:\s+(?:rates?|counts?|ratios?|times?))?\b|[£$€]\s?\d(?:[\d,.]*\d)?)""",
    re.VERBOSE | re.IGNORECASE,
)
#: People are a metric only when they are counted: "250 volunteers", "more donors", "fewer
#: members" ("volunteers like it" names people, not a measure). Counting words such as "number
#: of" or "share of" are metrics of their own (``_METRIC``).
_COUNTED_PEOPLE = re.compile(
    r"""(?:\b(?:\d[\d,.]*\s*(?:k\s+)?|more\s+|fewer\s+|extra\s+|additional\s+)
        |\b(?:increase|rise|growth|fall|drop|decline|reduction|change)\s+in\s+)
        (?:[\w-]+\s+)?(?P<people>subscribers|members|volunteers|donors|supporters|users|
        visitors|customers|clients|callers|applicants|fundraisers|participants|attendees|
        people)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"""(?<![\w-])(?:
        increases?|increased|increasing|rises?|rising|rose|grows?|growing|grew|goes\s+up|
        go\s+up|up|higher|more|doubles?|doubled|triples?|improves?|improved|
        decreases?|decreased|decreasing|falls?|falling|fell|drops?|dropped|dropping|
        goes\s+down|go\s+down|down|lower|fewer|less|reduces?|reduced|reduction|halves|halved|halve|
        shrinks?|at\s+least|at\s+most|above|below|over|under|exceeds?|from\s+\S+\s+to
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_THRESHOLD = re.compile(
    r"\d|\b(?:half|halve[sd]?|double[sd]?|twice|triple[sd]?|a\s+third|a\s+quarter|one\s+in\s+\w+)\b",
    re.IGNORECASE,
)
_NUMBER_WITH_UNIT = (
    r"[£$€]?\d[\d,.]*\d?\s*(?:%|per\s+cent|percentage\s+points?|points?|pp\b|k\b|minutes?|"
    r"seconds?|hours?|pounds?|clicks?)?"
)
#: A range such as "from 8% to 10%" or "5-7%": the threshold is the whole of it.
_RANGE = re.compile(
    rf"(?:from\s+)?{_NUMBER_WITH_UNIT}\s*(?:to|-|–)\s*{_NUMBER_WITH_UNIT}"
    rf"|between\s+{_NUMBER_WITH_UNIT}\s+and\s+{_NUMBER_WITH_UNIT}",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"""\b(?:
        users?|people|persons?|visitors?|donors?|supporters?|customers?|clients?|volunteers?|
        members?|staff|colleagues|employees|residents?|patients?|students?|learners?|pupils?|
        beneficiaries|families|parents?|carers?|callers?|applicants?|readers?|subscribers?|
        fundraisers?|participants?|attendees?|buyers?|shoppers?|guests?|citizens?|they|them|
        everyone|anyone|teams?|managers?|agents?|advisers?|advisors?|partners?|funders?|
        young\s+people|older\s+people|someone|audiences?
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_OUTCOME_FIRST = re.compile(
    r"^(?:increas|improv|rais|reduc|grow|boost|more\b|fewer\b|higher\b|lower\b|better\b|"
    r"decreas|maximi[sz]|minimi[sz])",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"^\W*(?:\[[^\]]*\]|tbd|tbc|todo|to\s+do|xxx+|n/?a|none|\?+|\.\.\.|…|change|outcome|"
    r"signal|measurable\s+signal)\W*$",
    re.IGNORECASE,
)
#: Template words a learner may have typed into a box; removed before checking.
_LEADS = {
    "change": re.compile(r"^\s*we\s+believe\s+(?:that\s+)?", re.IGNORECASE),
    "outcome": re.compile(r"^\s*(?:(?:it|this)\s+)?will\s+result\s+in\s+", re.IGNORECASE),
    "signal": re.compile(
        r"^\s*(?:we\s+will\s+know\s+(?:we\s+have\s+succeeded\s+)?when\s+we\s+see\s+)",
        re.IGNORECASE,
    ),
}


def clean(part: str, text: object) -> str:
    """The text of one part with spaces tidied and any template words typed into it removed."""
    if part not in PARTS:
        raise ValueError(f"hypothesis card: no part called {part!r}; the parts are {PARTS}")
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValueError(f"hypothesis card: the {part} must be text, not {type(text).__name__}")
    tidy = " ".join(text.split())
    tidy = _LEADS[part].sub("", tidy)
    return tidy.strip().rstrip(".;,:").strip()


def words(text: str) -> list[str]:
    """The words of a text (runs of letters, digits, apostrophes and hyphens)."""
    return re.findall(r"[\w'’%£$€-]+", text)


@dataclass(frozen=True)
class PartCheck:
    """What the checker found in one part: a status and the feedback sentences."""

    part: str
    text: str
    status: str  # "ok", "improve" or "missing"
    messages: tuple[str, ...]
    found: tuple[tuple[str, str], ...] = ()  # (ingredient, the words recognised), signal only

    @property
    def label(self) -> str:
        """The part's name as learners read it, such as 'the signal'."""
        return TEMPLATE[self.part][1]

    @property
    def verdict(self) -> str:
        """The status in words."""
        return {"ok": "looks good", "improve": "needs work", "missing": "missing"}[self.status]


def _basic(part: str, text: str) -> PartCheck | None:
    """A 'missing' or 'improve' check for an empty, placeholder or too short part, else None."""
    if not text:
        return PartCheck(
            part, text, "missing", (f"Write {TEMPLATE[part][1]}: {TEMPLATE[part][2]}.",)
        )
    if _PLACEHOLDER.match(text) or not re.search(r"[^\W\d_]", text):
        return PartCheck(
            part,
            text,
            "missing",
            (f"This is still a placeholder. Replace it with {TEMPLATE[part][2]}.",),
        )
    if len(words(text)) < MIN_WORDS:
        return PartCheck(
            part,
            text,
            "improve",
            (
                f"Only {len(words(text))} word{'s' if len(words(text)) != 1 else ''}: say more, "
                f"so that someone outside the team could act on it ({TEMPLATE[part][2]}).",
            ),
        )
    return None


def _length_tip(text: str) -> tuple[str, ...]:
    if len(text) > LONG:
        return (f"At {len(text)} characters this is long; a card works best as one short line.",)
    return ()


def check_change(text: str, outcome: str = "") -> PartCheck:
    """Check the change: present, at least three words, an action rather than a result."""
    text = clean("change", text)
    basic = _basic("change", text)
    if basic:
        return basic
    if outcome and text.lower() == clean("outcome", outcome).lower():
        return PartCheck(
            "change",
            text,
            "improve",
            (
                "The change and the outcome say the same thing. The change is what you will do; "
                "the outcome is what you expect people to do differently as a result.",
            ),
        )
    if _OUTCOME_FIRST.match(text):
        return PartCheck(
            "change",
            text,
            "improve",
            (
                "This reads like a result rather than something the team will do. Name what "
                "you will build or change, for example 'adding a one-click monthly gift option'.",
                *_length_tip(text),
            ),
        )
    return PartCheck(
        "change", text, "ok", ("A concrete change the team can make.", *_length_tip(text))
    )


def check_outcome(text: str) -> PartCheck:
    """Check the outcome: present, at least three words, and whose behaviour changes."""
    text = clean("outcome", text)
    basic = _basic("outcome", text)
    if basic:
        return basic
    if not _PEOPLE.search(text):
        return PartCheck(
            "outcome",
            text,
            "improve",
            (
                "Say whose behaviour changes: an outcome is something people do differently "
                "(for example 'more first-time visitors giving monthly').",
                *_length_tip(text),
            ),
        )
    who = _PEOPLE.search(text).group(0)  # type: ignore[union-attr]
    return PartCheck(
        "outcome",
        text,
        "ok",
        (f"It says whose behaviour changes ('{who}').", *_length_tip(text)),
    )


def signal_ingredients(text: str) -> dict[str, str | None]:
    """The words recognised as metric, threshold, direction and time frame (None if absent)."""
    frame = _TIME_FRAME.search(text)
    rest = _TIME_FRAME.sub(" ", text)
    metric = _METRIC.search(rest)
    counted = None if metric else _COUNTED_PEOPLE.search(rest)
    threshold = _THRESHOLD.search(rest)
    direction = _DIRECTION.search(rest)
    if threshold:  # report the whole number or range, such as '12%' or '8% to 10%', not '1'
        number = _RANGE.search(rest) or re.search(_NUMBER_WITH_UNIT, rest, re.IGNORECASE)
        threshold_text = number.group(0).strip() if number else threshold.group(0)
    return {
        "metric": metric.group(0) if metric else counted.group("people") if counted else None,
        "threshold": threshold_text if threshold else None,
        "direction": direction.group(0) if direction else None,
        "time frame": frame.group(0) if frame else None,
    }


def is_measurable(found: dict[str, str | None]) -> bool:
    """A metric, a threshold or a direction, and a time frame: the heuristic's test."""
    return bool(
        found["metric"] and (found["threshold"] or found["direction"]) and found["time frame"]
    )


def check_signal(text: str) -> PartCheck:
    """Check the signal: a metric, how much or which way, and a time frame."""
    text = clean("signal", text)
    basic = _basic("signal", text)
    if basic:
        return basic
    found = signal_ingredients(text)
    recognised = tuple((k, v) for k, v in found.items() if v)
    messages: list[str] = []
    if not found["metric"]:
        messages.append(
            "Name a metric you can count or measure, such as 'the sign-up rate', 'the number "
            "of monthly donors' or 'the average time to complete the form'."
        )
    if not (found["threshold"] or found["direction"]):
        messages.append(
            "Say which way the metric should move, and ideally by how much "
            "(for example 'rises from 10% to 12%')."
        )
    elif not found["threshold"]:
        messages.append(
            "Add a threshold: how big a change would count? Deciding it in advance stops you "
            "reading success into any small wobble, and tells you how many users the test needs."
        )
    if not found["time frame"]:
        messages.append(
            "Add a time frame, such as 'within 4 weeks' or 'by the end of March', so you know "
            "when to stop and decide."
        )
    if is_measurable(found):
        head = "Measurable: it names a metric, " + (
            "a threshold" if found["threshold"] else "a direction"
        )
        messages.insert(0, head + " and a time frame.")
        status = "ok"
    else:
        status = "improve"
    return PartCheck("signal", text, status, (*messages, *_length_tip(text)), recognised)


@dataclass(frozen=True)
class CardCheck:
    """The whole card: its three parts, each checked, and a verdict."""

    change: PartCheck
    outcome: PartCheck
    signal: PartCheck

    @property
    def parts(self) -> tuple[PartCheck, PartCheck, PartCheck]:
        """The three checks in template order."""
        return (self.change, self.outcome, self.signal)

    @property
    def empty(self) -> bool:
        """True when nothing has been written at all."""
        return not any(p.text for p in self.parts)

    @property
    def ready(self) -> bool:
        """True when every part looks good."""
        return all(p.status == "ok" for p in self.parts)

    @property
    def headline(self) -> str:
        """One sentence: ready to test, or what is left to do."""
        if self.empty:
            return "The card is empty: write the three parts, then check it."
        if self.ready:
            return "Ready to test: every part is there and the signal looks measurable."
        todo = [p.label for p in self.parts if p.status != "ok"]
        return f"Nearly there: work on {_join(todo)}."

    @property
    def sentence(self) -> str:
        """The card as one sentence in the template, with gaps shown as [part]."""
        c, o, s = (p.text or f"[{p.part}]" for p in self.parts)
        return f"We believe {c} will result in {o}; we will know when we see {s}."

    @property
    def text(self) -> str:
        """The check as plain text."""
        lines = [f"Hypothesis card: {self.headline}"]
        if not self.empty:
            lines.append(self.sentence)
        for p in self.parts:
            lines.append(f"- {p.label.capitalize()} ({p.verdict}): {' '.join(p.messages)}")
            if p.found:
                lines.append("  Recognised: " + "; ".join(f"{k} '{v}'" for k, v in p.found))
        return "\n".join(lines)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def check_card(change: str, outcome: str, signal: str) -> CardCheck:
    """Check the three parts of a hypothesis card."""
    return CardCheck(check_change(change, outcome), check_outcome(outcome), check_signal(signal))


#: A worked example (a charity's donation page), shown beside the card.
EXAMPLE = {
    "change": "adding a one-click monthly gift option to the donation page",
    "outcome": "more first-time donors choosing to give monthly",
    "signal": "the share of new donors who give monthly rise from 8% to 10% within 6 weeks",
}


def card_from_note(note: object) -> dict[str, str]:
    """A saved card read back safely: three strings, whatever the note holds."""
    return strings_from(note, PARTS)


@dataclass(frozen=True)
class Introduction:
    """The template and the worked example, checked: what the card shows in words (never a
    learner's own card, which differs per learner)."""

    example: CardCheck

    @property
    def text(self) -> str:
        """Plain text."""
        return "\n".join(
            [
                f"Hypothesis card. A common template: {TEMPLATE_TEXT}",
                "Write your own card in the three boxes; the check gives feedback on each part "
                "and saves the card.",
                "",
                "The worked example, checked:",
                self.example.text,
            ]
        )

    @property
    def markdown(self) -> str:
        """Markdown."""
        parts = [
            f"- **{p.label.capitalize()}** ({p.verdict}): {' '.join(p.messages)}"
            for p in self.example.parts
        ]
        return "\n".join(
            [
                f"**Hypothesis card.** A common template: *{TEMPLATE_TEXT}*",
                "",
                f"The worked example, checked: *{self.example.sentence}*",
                "",
                *parts,
            ]
        )


def introduction() -> Introduction:
    """The card in words: the template and the worked example, checked."""
    return Introduction(check_card(**EXAMPLE))


__all__ = [
    "EXAMPLE",
    "NOTE_KEY",
    "PARTS",
    "SECTION",
    "TEMPLATE",
    "TEMPLATE_TEXT",
    "CardCheck",
    "Introduction",
    "PartCheck",
    "card_from_note",
    "check_card",
    "check_change",
    "check_outcome",
    "check_signal",
    "clean",
    "introduction",
    "is_measurable",
    "signal_ingredients",
]
