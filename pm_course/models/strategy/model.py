"""Strategy: Rumelt's kernel with a bad-strategy check, and today's constraints sorted.

**The kernel.** In *Good Strategy/Bad Strategy* (2011), Richard Rumelt says the core of a
strategy, its kernel, has three parts: a **diagnosis** of the challenge, a **guiding policy**
for dealing with it, and **coherent actions** that carry the policy out. He names four
hallmarks of bad strategy: **fluff**, **failure to face the challenge**, **mistaking goals for
strategy** and **bad strategic objectives**.

:func:`check_kernel` reads the three parts and gives feedback on each. It is a **word
heuristic**, not an understanding of the text:

- **fluff**: words and phrases from a fixed list of buzzwords (``FLUFF``: synergy, world-class,
  leverage, best-in-class, paradigm, ...);
- **failure to face the challenge**: no diagnosis, or a diagnosis with no word that points at
  an obstacle (because, but, cannot, few, falling, lack, ...: ``CHALLENGE_WORDS``);
- **mistaking goals for strategy**: a part that states a target (a percentage, "grow ... by",
  "double", "be the leading ...") and, for the diagnosis and the policy, gives no approach
  ("by ...ing", "through", "focus on", "instead of", ...);
- **bad strategic objectives**: an action that is a wish rather than a step ("be more
  innovative"), or a list so long that it reads as everything the organisation does;
- **actions that do not follow from the policy**: fewer than two actions, or an action that
  shares no key word with the policy. Key words are the words left once small words are set
  aside, with endings trimmed ("volunteers" and "volunteering" match). This is the roughest
  check of all: an action can fit a policy in other words, and share a word by chance.

What the heuristics cannot do: judge whether the diagnosis is true, whether the policy is a
wise choice, or whether the actions are enough. Nonsense free of the listed words passes.

**Today vs the future.** The source page's top tip: a good product strategy is never bound to
the current operational set-up; it is derived from a vision of how things could be. The
learner lists today's constraints (one per line) and ticks those the vision must not inherit;
:class:`Constraints` sorts them into what the strategy frees itself from and the real
constraints to plan around, with a rough kind for each (``KINDS``, by key words).

Pure Python: no widgets here (see ``view`` and ``render``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common import join_names, strings_from

SECTION = "07_strategy_and_vision"
#: The keys the learner's kernel and constraints are saved under with ``Store.save_note``.
KERNEL_KEY = "strat-kernel-draft"
CONSTRAINTS_KEY = "strat-constraints-list"

PARTS = ("diagnosis", "policy", "actions")
PART_LABELS = {
    "diagnosis": "Diagnosis",
    "policy": "Guiding policy",
    "actions": "Coherent actions",
}
PART_HELP = {
    "diagnosis": "what is going on, and what makes it hard",
    "policy": "the overall approach chosen to deal with the diagnosis",
    "actions": "co-ordinated steps that carry the policy out, one per line",
}
HALLMARKS = {
    "fluff": "Fluff",
    "challenge": "Failure to face the challenge",
    "goals": "Mistaking goals for strategy",
    "objectives": "Bad strategic objectives",
}
#: A list longer than this reads as a wish list rather than co-ordinated steps.
MAX_ACTIONS = 7
MIN_ACTIONS = 2
MAX_CONSTRAINTS = 12
MAX_CHARS = 200

# --- word helpers ------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[ \t]+", " ", text).strip()


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.I)


#: Buzzwords that sound strategic and say little. Longer phrases first.
FLUFF: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, _phrase(pattern))
    for label, pattern in (
        ("best-in-class", r"best[- ]in[- ]class"),
        ("best of breed", r"best[- ]of[- ]breed"),
        ("world-class", r"world[- ]class"),
        ("cutting-edge", r"cutting[- ]edge"),
        ("state-of-the-art", r"state[- ]of[- ]the[- ]art"),
        ("next-generation", r"next[- ]gen(?:eration)?"),
        ("game-changing", r"game[- ]chang(?:ing|er|ers)"),
        ("paradigm", r"paradigms?(?:[- ]shifts?)?"),
        ("synergy", r"synerg(?:y|ies|istic)"),
        ("leverage", r"leverag(?:e|es|ed|ing)"),
        ("holistic", r"holistic(?:ally)?"),
        ("seamless", r"seamless(?:ly)?"),
        ("transformational", r"transformation(?:al)?|transformative"),
        ("disruptive", r"disrupt(?:ive|ion)"),
        ("revolutionary", r"revolutionar(?:y|ise|ize)"),
        ("excellence", r"excellence"),
        ("empower", r"empower(?:s|ed|ing|ment)?"),
        ("thought leadership", r"thought[- ]lead(?:er|ers|ership)"),
        ("move the needle", r"move\s+the\s+needle"),
        ("value-add", r"value[- ]add(?:ed|ing)?"),
        ("win-win", r"win[- ]win"),
        ("going forward", r"going\s+forward"),
        ("step change", r"step[- ]change"),
        ("unlock potential", r"unlock(?:ing)?\s+(?:our\s+|the\s+|their\s+)?(?:full\s+)?potential"),
        ("ecosystem", r"ecosystems?"),
        ("drive growth", r"driv(?:e|es|ing)\s+growth"),
        ("optimise", r"optimi[sz](?:e|es|ed|ing|ation)"),
    )
)

CHALLENGE_WORDS = _phrase(
    r"because|but|however|although|though|yet|problems?|challenges?|obstacles?|barriers?|"
    r"struggl\w*|cannot|can't|can not|don't|doesn't|won't|isn't|aren't|unable|lack\w*|few|fewer|"
    r"less|fall\w*|fell|drop\w*|declin\w*|los[et]\w*|only|too|hard|difficult\w*|never|not|no|"
    r"slow\w*|risks?|threat\w*|compet\w*|costly|expensive|gaps?|shortage|stuck|fail\w*|behind|"
    r"wait\w*|leav\w*|quit\w*|miss\w*|short of|instead|while|whereas|rarely|seldom"
)
#: Statements of a target: what you want to reach, not how.
GOAL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:grow|increase|raise|boost|reach|achieve|hit|deliver|generate|maximi[sz]e)\b"
        r"[^.\n]{0,40}?\b(?:by|to)\s+(?:£|\$|€)?\d[\d,.]*\d?\s?(?:%|per\s?cent|percent|k\b|m\b|"
        r"million\b|thousand\b)?",
        re.I,
    ),
    re.compile(
        r"\b(?:be|become|remain|stay|being)\s+(?:the\s+|a\s+|an\s+)?"
        r"(?:(?:uk|uk's|world's|sector's|region's|country's)\s+)?"
        r"(?:leading|leader|number\s+one|no\.?\s?1|#1|best|biggest|largest|top|first\s+choice|"
        r"go-to|preferred|most\s+\w+)\b",
        re.I,
    ),
    _phrase(r"(?:market|sector|industry)[- ]lead(?:er|ers|ing|ership)"),
    re.compile(r"\b(?:reach|raise|hit|achieve)\s+(?:£|\$|€)?\d[\d,.]*\s?(?:k|m|million)?\b", re.I),
    _phrase(r"double|triple|treble|quadruple|halve"),
    re.compile(r"\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)", re.I),
    re.compile(
        r"^\s*(?:to\s+)?(?:grow|increase|maximi[sz]e|improve|boost)\s+(?:our\s+|the\s+)?"
        r"(?:income|revenue|impact|reach|market\s+share|profits?|donations|sales|users|members|"
        r"growth|engagement|performance)\b",
        re.I,
    ),
)
#: Words that say how: an approach, a focus, a choice.
APPROACH = _phrase(
    r"by\s+\w+ing|through|focus(?:ing|ed)?\s+on|concentrat\w*\s+on|instead\s+of|rather\s+than|"
    r"only|stop\w*|so\s+that|by\s+making|by\s+moving|using|via"
)
#: Actions that are wishes, not steps someone can take.
_WISH = re.compile(
    r"^\s*(?:to\s+)?(?:be|become|get|stay|remain)\s+(?:more|better|the|a|an)\b"
    r"|^\s*(?:improve|enhance|strengthen|optimi[sz]e)\s+\w+\s*$"
    r"|^\s*(?:think|work)\s+(?:smarter|harder|better)\b",
    re.I,
)

_STOP_WORDS = """a an the and or but nor so yet if then than that this these those there here it its
    we us our ours you your they them their he she his her i me my mine who whom whose which
    what when where why how all any each every both few more most other some such no not only
    own same too very just also again ever of in on at by for with without within into onto
    from to up down out over under about after before between through during as is are was
    were be been being am have has had do does did doing will would shall should can could
    may might must make makes made making get gets got getting use uses used using new one two
    three first next last per via able work works working help helps helping need needs
    want wants people thing things way ways much many lot lots well"""
_STOP = frozenset(_STOP_WORDS.split())


def stem(word: str) -> str:
    """A rough stem: lower case, common endings trimmed ('volunteering' -> 'volunt')."""
    word = word.lower().replace("'s", "")
    for _ in range(2):
        for ending in ("ings", "ing", "ers", "er", "ed", "es", "s", "ly"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def key_words(text: str) -> set[str]:
    """The stems of the words that carry meaning (small words set aside)."""
    words = re.findall(r"[a-z][a-z'-]*", text.lower())
    return {stem(w) for w in words if w not in _STOP and len(w) > 2}


def fluff_in(text: str) -> list[str]:
    """The buzzwords in a text, each once, in the list's order."""
    return [label for label, pattern in FLUFF if pattern.search(text)]


def goals_in(text: str) -> list[str]:
    """The phrases of a text that state a target, as written."""
    found: list[str] = []
    for pattern in GOAL_PATTERNS:
        for m in pattern.finditer(text):
            phrase = m.group(0).strip()
            if not any(phrase in f or f in phrase for f in found):
                found.append(phrase)
    return found


def quoted(words: list[str]) -> str:
    """'a', 'a' and 'b', 'a', 'b' and 'c': each word in quotes."""
    q = [f"'{w}'" for w in words]
    if not q:
        return ""
    return q[0] if len(q) == 1 else f"{', '.join(q[:-1])} and {q[-1]}"


def action_lines(text: str) -> list[str]:
    """The actions in a box: one per line, bullets and numbers removed, blanks skipped."""
    if not isinstance(text, str):
        raise ValueError(f"strategy kernel: the actions are text, not {type(text).__name__}")
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•·–]|\d+[.)])\s*", "", _normalise(line))
        if re.search(r"[^\W\d_]", line):
            out.append(line.rstrip(" ;,."))
    return out


# --- the kernel ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing the check noticed: ``level`` is 'problem', 'advice' or 'good'; ``hallmark`` is
    a key of ``HALLMARKS``, 'coherence', or ''."""

    level: str
    hallmark: str
    title: str
    message: str


@dataclass(frozen=True)
class PartCheck:
    """One part of the kernel, as read, with what the check found."""

    part: str
    text: str
    findings: tuple[Finding, ...]

    @property
    def label(self) -> str:
        """The part's name."""
        return PART_LABELS[self.part]

    @property
    def status(self) -> str:
        """'problem', 'advice' or 'good': the worst finding."""
        levels = {f.level for f in self.findings}
        return next(lv for lv in ("problem", "advice", "good") if lv in levels or lv == "good")


def _fluff(text: str) -> list[Finding]:
    words = fluff_in(text)
    if not words:
        return []
    return [
        Finding(
            "problem",
            "fluff",
            f"Fluff: {quoted(words)}",
            "Words like these sound strategic but add little. Say plainly what you mean: what "
            "will be different, for whom, and why.",
        )
    ]


def _check_diagnosis(text: str) -> list[Finding]:
    if not text:
        return [
            Finding(
                "problem",
                "challenge",
                "No diagnosis",
                "Without a diagnosis there is no challenge to face, so nothing to judge the "
                "policy against. Say what is going on and what makes it hard.",
            )
        ]
    out = _fluff(text)
    goals = goals_in(text)
    if goals:
        out.append(
            Finding(
                "problem",
                "goals",
                f"A target, not a diagnosis: {quoted(goals)}",
                "A diagnosis says what is happening and why it is hard, not what you want to "
                "reach. What stands in the way of the target?",
            )
        )
    if not CHALLENGE_WORDS.search(text):
        out.append(
            Finding(
                "advice",
                "challenge",
                "Where is the obstacle?",
                "No word here points at a difficulty (such as because, but, cannot, few or "
                "falling). Name the obstacle: a strategy is a way through a difficulty.",
            )
        )
    if len(text.split()) < 8 and not goals:
        out.append(
            Finding(
                "advice",
                "",
                "Say more",
                "A diagnosis usually needs a sentence or two: what is happening, to whom, and why.",
            )
        )
    return out


def _check_policy(text: str, diagnosis: str) -> list[Finding]:
    if not text:
        return [
            Finding(
                "problem",
                "",
                "No guiding policy",
                "Say the overall approach: what you will focus on, and so what you will not do.",
            )
        ]
    out = _fluff(text)
    goals = goals_in(text)
    if goals and not APPROACH.search(text):
        out.append(
            Finding(
                "problem",
                "goals",
                f"A goal, not a policy: {quoted(goals)}",
                "A target says where you want to be; the guiding policy says how you will get "
                "there. Keep the target as a measure, and write the approach.",
            )
        )
    elif goals:
        out.append(
            Finding(
                "advice",
                "goals",
                f"A target inside the policy: {quoted(goals)}",
                "The policy also says how, which is what matters. Consider moving the target "
                "out, to the measures you will watch.",
            )
        )
    if diagnosis and not key_words(text) & key_words(diagnosis):
        out.append(
            Finding(
                "advice",
                "coherence",
                "Does it answer the diagnosis?",
                "The policy shares no key word with the diagnosis. It may still answer it in "
                "other words (this is a rough check), but make sure it deals with the obstacle "
                "you named.",
            )
        )
    return out


def _check_actions(actions: list[str], policy: str) -> list[Finding]:
    if not actions:
        return [
            Finding(
                "problem",
                "objectives",
                "No actions",
                "List the steps that carry out the policy, one per line.",
            )
        ]
    out = _fluff(" ".join(actions))
    if len(actions) < MIN_ACTIONS:
        out.append(
            Finding(
                "problem",
                "coherence",
                "Only one action",
                "Coherent actions are several steps that work together. List at least two, "
                "one per line.",
            )
        )
    if len(actions) > MAX_ACTIONS:
        out.append(
            Finding(
                "advice",
                "objectives",
                f"{len(actions)} actions",
                "A long list can be everything the organisation already does, relabelled. Keep "
                "the few steps that matter most to this policy.",
            )
        )
    policy_words = key_words(policy)
    for i, action in enumerate(actions, 1):
        goals = goals_in(action)
        if goals:
            out.append(
                Finding(
                    "problem",
                    "goals",
                    f"Action {i} is a target",
                    f"'{action}' says what you want, not what anyone will do. Write the step "
                    "that would move the number.",
                )
            )
        elif _WISH.search(action):
            out.append(
                Finding(
                    "problem",
                    "objectives",
                    f"Action {i} is a wish",
                    f"'{action}' is not something a person can start on Monday. What exactly "
                    "will someone do?",
                )
            )
        elif policy_words and not key_words(action) & policy_words:
            out.append(
                Finding(
                    "advice",
                    "coherence",
                    f"Action {i} may not follow from the policy",
                    f"'{action}' shares no key word with the guiding policy. That is a rough "
                    "check: it may fit in other words, but ask how it carries the policy out.",
                )
            )
    return out


#: What a part with nothing flagged is told.
_GOOD = {
    "diagnosis": "It names a situation and an obstacle, with no target or buzzword.",
    "policy": "It states an approach rather than a target, and connects to the diagnosis.",
    "actions": "Several steps, each sharing key words with the policy, none a bare target.",
}


@dataclass(frozen=True)
class KernelCheck:
    """A kernel as read: its three parts, the actions as a list, and what was found."""

    diagnosis: str
    policy: str
    actions: tuple[str, ...]
    parts: tuple[PartCheck, ...]

    @property
    def empty(self) -> bool:
        """True when all three parts are empty."""
        return not (self.diagnosis or self.policy or self.actions)

    @property
    def findings(self) -> list[Finding]:
        """Every finding, part by part."""
        return [f for p in self.parts for f in p.findings]

    @property
    def hallmarks(self) -> list[str]:
        """The hallmarks of bad strategy found, in Rumelt's order, by name."""
        seen = {f.hallmark for f in self.findings if f.level in ("problem", "advice")}
        return [name for key, name in HALLMARKS.items() if key in seen]

    @property
    def headline(self) -> str:
        """The hallmarks found, or that none were."""
        if self.empty:
            return "Nothing to check yet: write a diagnosis, a guiding policy and some actions."
        keys = set(HALLMARKS)
        other = [
            f for f in self.findings if f.level in ("problem", "advice") and f.hallmark not in keys
        ]
        more = f"{len(other)} other thing{'s' if len(other) != 1 else ''} to look at"
        if not self.hallmarks:
            if other:
                return f"No hallmark of bad strategy found, but {more} below."
            return (
                "No hallmark of bad strategy found by the check. It reads words only: ask "
                "whether the diagnosis is true and the policy is a real choice."
            )
        names = join_names([h.lower() for h in self.hallmarks])
        n = len(self.hallmarks)
        tail = f"; and {more}." if other else "."
        return f"Hallmark{'s' if n != 1 else ''} of bad strategy to look at: {names}{tail}"

    def lines(self) -> list[str]:
        """The check as plain-text lines."""
        marks = {"problem": "✗", "advice": "!", "good": "✓"}
        out = [self.headline]
        if self.empty:
            return out
        for p in self.parts:
            shown = "; ".join(self.actions) if p.part == "actions" else p.text
            out.append(f"{p.label}: {shown or '(empty)'}")
            out += [f"  {marks[f.level]} {f.title}: {f.message}" for f in p.findings]
        return out

    @property
    def text(self) -> str:
        """The check as plain text."""
        return "\n".join(self.lines())


def check_kernel(diagnosis: str = "", policy: str = "", actions: str = "") -> KernelCheck:
    """Check a kernel: diagnosis and policy as text, actions as text with one per line."""
    for name, value in (("diagnosis", diagnosis), ("guiding policy", policy)):
        if not isinstance(value, str):
            raise ValueError(f"strategy kernel: the {name} is text, not {type(value).__name__}")
    diagnosis, policy = _normalise(diagnosis), _normalise(policy)
    steps = action_lines(actions)
    found = {
        "diagnosis": _check_diagnosis(diagnosis),
        "policy": _check_policy(policy, diagnosis),
        "actions": _check_actions(steps, policy),
    }
    text = {"diagnosis": diagnosis, "policy": policy, "actions": "\n".join(steps)}
    parts = tuple(
        PartCheck(
            part,
            text[part],
            tuple(found[part])
            or (() if not text[part] else (Finding("good", "", "Looks fine", _GOOD[part]),)),
        )
        for part in PARTS
    )
    return KernelCheck(diagnosis, policy, tuple(steps), parts)


#: Two kernels for one made-up food bank: one with every hallmark, one without.
EXAMPLES: dict[str, dict[str, str]] = {
    "bad": {
        "diagnosis": "We want to be the leading volunteer charity in the region.",
        "policy": "Leverage our world-class people and synergies to grow volunteer numbers by "
        "20% this year.",
        "actions": "Be more innovative\nIncrease volunteer sign-ups by 20%",
    },
    "good": {
        "diagnosis": "Most people who sign up to volunteer never do a first shift. They drop "
        "out in the weeks between applying and their induction, because the only induction is "
        "a monthly evening session in the city centre.",
        "policy": "Get new volunteers to a first shift within a week, by making the induction "
        "short, local and possible to do at once.",
        "actions": "Replace the monthly evening induction with a 20-minute online induction\n"
        "Let each food bank give the safety briefing on a new volunteer's first shift\n"
        "Phone every new volunteer within two days to book their first shift\n"
        "Stop the monthly city-centre induction once the new one works",
    },
}
EXAMPLE_LABELS = {"bad": "a bad kernel", "good": "a good kernel"}


def kernel_from_note(data: object) -> dict[str, str]:
    """The three parts kept in a saved note, as typed; anything unreadable comes back empty."""
    return strings_from(data.get("parts") if isinstance(data, dict) else None, PARTS)


# --- today vs the future ------------------------------------------------------------------------

#: kind -> (name, key words). The first kind whose words match wins, so the order matters.
KINDS: dict[str, tuple[str, re.Pattern[str]]] = {
    "limit": (
        "legal or funding limit",
        _phrase(
            r"laws?|legal\w*|legislation|regulat\w*|regulators?|gdpr|data\s+protection|"
            r"safeguarding|charity\s+commission|complian\w*|statutory|funders?|funding|grants?|"
            r"budgets?|contracts?|licen[cs]e\w*|tax|gift\s+aid|insurance|audit\w*"
        ),
    ),
    "team": (
        "team structure",
        _phrase(
            r"teams?|departments?|directorates?|silos?|reporting\s+lines?|line\s+managers?|"
            r"managers?|structure|org\s+chart|staff|roles?|headcount|sit\s+in|report\s+to"
        ),
    ),
    "system": (
        "system",
        _phrase(
            r"systems?|crm|databases?|software|platforms?|websites?|spreadsheets?|excel|servers?|"
            r"tools?|apps?|legacy|salesforce|sharepoint|supplier|vendor|email\s+tool|"
            r"intranet|records?\s+are\s+kept"
        ),
    ),
    "way": (
        "way of working",
        _phrase(
            r"process\w*|approv\w*|sign[- ]?off|meetings?|committees?|always|every|weekly|"
            r"monthly|annual\w*|paper|forms?|manual\w*|by\s+hand|rules?|habits?|have\s+to|must|"
            r"reviews?|only|printed|post|phone"
        ),
    ),
}
OTHER = "other"


def kind_of(text: str) -> str:
    """A rough kind for a constraint, by key words: a key of ``KINDS`` or 'other'."""
    for key, (_, pattern) in KINDS.items():
        if pattern.search(text):
            return key
    return OTHER


def kind_name(key: str) -> str:
    """A kind in words."""
    return KINDS[key][0] if key in KINDS else "other"


@dataclass(frozen=True)
class Constraint:
    """One of today's constraints; ``free`` is True when the vision must not inherit it."""

    text: str
    free: bool = False

    @property
    def kind(self) -> str:
        """Its rough kind (see ``kind_of``)."""
        return kind_of(self.text)


def parse_constraints(text: str) -> tuple[list[str], list[str]]:
    """The constraints in a box (one per line) and messages about lines left out."""
    if not isinstance(text, str):
        raise ValueError(f"today vs the future: the list is text, not {type(text).__name__}")
    lines: list[str] = []
    messages: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"^\s*(?:[-*•·–]|\d+[.)])\s*", "", _normalise(raw)).rstrip(" ;,.")
        if not line:
            continue
        if not re.search(r"[^\W\d_]", line):
            messages.append(f"Line {number} has no words, so it is left out.")
            continue
        key = line.casefold()
        if key in seen:
            messages.append(f"Line {number} repeats line {seen[key]}, so it is counted once.")
            continue
        if len(lines) >= MAX_CONSTRAINTS:
            messages.append(
                f"Only the first {MAX_CONSTRAINTS} constraints are used; line {number} and any "
                "after it are left out (they stay in the box)."
            )
            break
        if len(line) > MAX_CHARS:
            messages.append(
                f"Line {number} is long ({len(line)} characters): a short phrase is easier to "
                "weigh up. It is shown shortened."
            )
            line = line[: MAX_CHARS - 1].rstrip() + "…"
        seen[key] = number
        lines.append(line)
    return lines, messages


@dataclass(frozen=True)
class Constraints:
    """Today's constraints, each marked as freed from (True) or planned around (False)."""

    items: tuple[Constraint, ...] = ()

    @classmethod
    def from_text(cls, text: str, freed: set[str] | frozenset[str] = frozenset()) -> Constraints:
        """Constraints from a box (one per line); a line is freed when its text, ignoring case,
        is in ``freed``."""
        lines, _ = parse_constraints(text)
        folded = {f.casefold() for f in freed}
        return cls(tuple(Constraint(line, line.casefold() in folded) for line in lines))

    @property
    def freed(self) -> list[Constraint]:
        """What the strategy frees itself from."""
        return [c for c in self.items if c.free]

    @property
    def kept(self) -> list[Constraint]:
        """The real constraints to plan around."""
        return [c for c in self.items if not c.free]

    @property
    def headline(self) -> str:
        """How many are freed and how many kept."""
        n = len(self.items)
        if not n:
            return "No constraints listed yet: write today's constraints, one per line."
        return (
            f"Of {n} constraint{'s' if n != 1 else ''} today, the vision frees itself from "
            f"{len(self.freed)} and plans around {len(self.kept)}."
        )

    def sentences(self) -> list[str]:
        """The summary: what the strategy frees itself from, and what it plans around."""
        if not self.items:
            return []
        out = []
        if self.freed:
            out.append(
                "The strategy frees itself from: "
                + "; ".join(f"{c.text} ({kind_name(c.kind)})" for c in self.freed)
                + "."
            )
        else:
            out.append("The strategy frees itself from nothing yet.")
        if self.kept:
            out.append(
                "Real constraints to plan around: "
                + "; ".join(f"{c.text} ({kind_name(c.kind)})" for c in self.kept)
                + "."
            )
        else:
            out.append("It plans around no constraint.")
        return out

    def notes(self) -> list[str]:
        """Questions the choices raise (word heuristics; each a prompt, not a verdict)."""
        if not self.items:
            return []
        out = []
        if len(self.items) >= 2 and not self.freed:
            out.append(
                "Every constraint is kept. The page's tip warns against limiting your "
                "aspirations to the current ways of working: which of these is a habit rather "
                "than a fixed limit?"
            )
        for c in self.freed:
            if c.kind == "limit":
                out.append(
                    f"'{c.text}' sounds like a legal or funding limit. A strategy can change "
                    "how you meet such a limit, but it cannot ignore it: is it really one to "
                    "leave behind?"
                )
        teams = [c.text for c in self.kept if c.kind == "team"]
        if teams:
            out.append(
                f"You keep a team structure ({quoted(teams)}). By Conway's law the product will "
                "tend to mirror it; the inverse Conway manoeuvre changes the teams on purpose."
            )
        if self.items and not self.kept:
            out.append(
                "Nothing is kept. Are any of these truly fixed, such as the law, safeguarding "
                "or a funder's conditions? Those are the constraints to plan around."
            )
        return out

    def lines(self) -> list[str]:
        """The summary as plain-text lines."""
        return [self.headline, *self.sentences(), *(f"Note: {n}" for n in self.notes())]

    @property
    def text(self) -> str:
        """The summary as plain text."""
        return "\n".join(self.lines())


#: A made-up charity's constraints today, and which ones its vision leaves behind.
EXAMPLE_CONSTRAINTS = (
    "Every new web page needs sign-off from the monthly communications committee\n"
    "Donations are recorded in a spreadsheet\n"
    "The digital team and the fundraising team sit in different directorates\n"
    "Supporter data must be handled under UK data protection law\n"
    "We only contact supporters through the printed quarterly magazine"
)
EXAMPLE_FREED = frozenset(
    {
        "Every new web page needs sign-off from the monthly communications committee",
        "Donations are recorded in a spreadsheet",
        "The digital team and the fundraising team sit in different directorates",
        "We only contact supporters through the printed quarterly magazine",
    }
)


def kernel_lines(parts: dict[str, str]) -> list[str]:
    """The kernel check in words: the kernel in the boxes as checked, or both examples when the
    boxes are empty."""
    current = check_kernel(**parts)
    lines = ["Strategy kernel check (Rumelt): diagnosis, guiding policy, coherent actions.", ""]
    if current.empty:
        for key, label in EXAMPLE_LABELS.items():
            lines += [f"Example, {label}:", *check_kernel(**EXAMPLES[key]).lines(), ""]
        return lines[:-1]
    return [*lines, "Your kernel, as checked:", *current.lines()]


def constraints_lines(model: Constraints) -> list[str]:
    """Today vs the future in words: the learner's list sorted, or the example when it is
    empty."""
    lines = [
        "Today vs the future: list today's constraints, one per line, and tick those the "
        "vision must not inherit.",
        "",
    ]
    if model.items:
        return [*lines, "Your list:", *model.lines()]
    example = Constraints.from_text(EXAMPLE_CONSTRAINTS, EXAMPLE_FREED)
    return [*lines, "The example, sorted:", *example.lines()]


def constraints_from_note(data: object) -> tuple[str, list[str]]:
    """The box's text and the freed lines kept in a saved note; unreadable parts are empty."""
    if not isinstance(data, dict):
        return "", []
    text, free = data.get("text"), data.get("free")
    return (
        text if isinstance(text, str) else "",
        [f for f in free if isinstance(f, str)] if isinstance(free, list) else [],
    )


__all__ = [
    "CONSTRAINTS_KEY",
    "EXAMPLES",
    "EXAMPLE_CONSTRAINTS",
    "EXAMPLE_FREED",
    "FLUFF",
    "HALLMARKS",
    "KERNEL_KEY",
    "KINDS",
    "PARTS",
    "PART_LABELS",
    "SECTION",
    "Constraint",
    "Constraints",
    "Finding",
    "KernelCheck",
    "PartCheck",
    "action_lines",
    "check_kernel",
    "constraints_from_note",
    "constraints_lines",
    "fluff_in",
    "goals_in",
    "kernel_from_note",
    "kernel_lines",
    "key_words",
    "kind_of",
    "parse_constraints",
    "stem",
]
