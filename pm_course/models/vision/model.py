"""The vision statement builder: Geoffrey Moore's positioning template, one slot at a time.

In *Crossing the Chasm*, Moore gives a template for saying in two sentences who a product is
for and why they would choose it:

    For [target customer] who [need], [product] is a [category] that [key benefit].
    Unlike [alternative], our product [differentiator].

:func:`check_statement` tidies what the learner typed into each of the seven slots, assembles
the statement (empty slots stay as ``[placeholders]``) and checks every slot. The checks are
**word heuristics**, not an understanding of the text:

- **present**: a slot is *missing* when it is empty, still a placeholder ("[need]", "TBD",
  "...") or has no letters;
- **not too long**: each slot has a word limit (``Slot.max_words``); the statement is meant to
  be said in one breath, so a longer slot gets a suggestion to cut it (nothing is cut);
- **the need names no solution**: the need is checked against the course's list of solution
  words (``user_need.SOLUTION_TERMS``: app, website, portal, dashboard, chatbot, ...) and
  against the product's own name, because a need that names the answer is not a need;
- **the differentiator says how**: a differentiator with a comparative word ("better",
  "faster", "easier", "more efficient", ...) is flagged when it gives no reason or mechanism:
  no "because", "by", "with" and the like, and fewer than three words of substance once the
  comparatives, small words and the alternative's own words are set aside;
- two softer pieces of advice: a target customer of one vague word ("everyone", "users"), and
  an alternative of "nothing" (people always have some alternative, even doing nothing).

What the heuristics cannot do: they cannot judge whether the customer is the right one, whether
the benefit is true, or whether the differentiator matters to anyone. They miss solution words
that are not on the list and comparatives they have no word for, and they pass nonsense that
is short and free of the flagged words. Treat each flag as a question to ask.

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..common import strings_from
from ..user_need.model import SOLUTION_TERMS

SECTION = "07_strategy_and_vision"
#: The key the learner's statement is saved under with ``Store.save_note``.
NOTE_KEY = "strat-vision-statement"


@dataclass(frozen=True)
class Slot:
    """One slot of the template: its key, its name, what goes in it and a word limit."""

    key: str
    label: str
    lead: str
    help: str
    example: str
    max_words: int


#: The seven slots in the order the statement reads.
SLOTS: tuple[Slot, ...] = (
    Slot(
        "customer",
        "target customer",
        "For",
        "a specific group of people the product is for",
        "people in Leeds with irregular working hours",
        15,
    ),
    Slot(
        "need",
        "need",
        "who",
        "what they need or the problem they face, with no solution in it",
        "want to volunteer but cannot promise the same shift every week",
        20,
    ),
    Slot(
        "product",
        "product name",
        "",
        "what the product is called",
        "ShiftShare",
        5,
    ),
    Slot(
        "category",
        "category",
        "is a",
        "the kind of product it is, in words the customer already uses",
        "volunteer rota service",
        6,
    ),
    Slot(
        "benefit",
        "key benefit",
        "that",
        "what the customer gains, the main reason to use it",
        "lets them pick single shifts at a day's notice",
        20,
    ),
    Slot(
        "alternative",
        "alternative",
        "Unlike",
        "what the customer uses or does today instead",
        "the paper sign-up sheet in the food bank",
        15,
    ),
    Slot(
        "differentiator",
        "differentiator",
        "our product",
        "what makes it different from the alternative, and how",
        "shows every free shift on a phone and sends a reminder the evening before",
        25,
    ),
)
SLOT_KEYS = tuple(s.key for s in SLOTS)
SLOT_BY_KEY = {s.key: s for s in SLOTS}
TEMPLATE_TEXT = (
    "For [target customer] who [need], [product name] is a [category] that [key benefit]. "
    "Unlike [alternative], our product [differentiator]."
)
#: A worked example: a made-up product of a made-up food bank.
EXAMPLE: dict[str, str] = {s.key: s.example for s in SLOTS}

#: Words the learner may type that the template already supplies, per slot.
_LEADS = {
    "customer": r"for",
    "need": r"who",
    "product": r"the|our",
    "category": r"(?:is\s+)?(?:an?|the)",
    "benefit": r"that|which",
    "alternative": r"unlike",
    "differentiator": r"our\s+product|it",
}
_PLACEHOLDER = re.compile(r"^\s*(?:\[.*\]|tbd|tbc|todo|to do|xxx+|\.\.\.|…|\?+|-+|n/?a)\s*$", re.I)
_VAGUE_CUSTOMERS = frozenset(
    {"everyone", "everybody", "anyone", "anybody", "users", "user", "people", "customers"}
    | {"customer", "public", "all", "somebody", "someone"}
)
_NOTHING = re.compile(r"^(?:nothing|none|no one|nobody|no alternative|n/?a|no competitors?)$", re.I)
#: Comparative words that claim a difference without saying what it is.
COMPARATIVES = re.compile(
    r"\b(?:better|best|faster|fastest|quicker|cheaper|easier|simpler|smarter|nicer|superior|"
    r"improved|enhanced|modern|innovative|user[- ]friendly|world[- ]class|leading|"
    r"(?:more|less)\s+(?:efficient|effective|modern|innovative|intuitive|reliable|convenient|"
    r"affordable|accessible|powerful|flexible|useful|engaging|seamless|streamlined))\b",
    re.I,
)
#: Words that introduce a reason or a mechanism: the "how" behind a claim.
_HOW = re.compile(
    r"\b(?:because|by|through|using|uses|with|via|since|thanks\s+to|so\s+that|which|"
    r"means|lets|shows|sends|gives|works|runs)\b",
    re.I,
)
_SMALL_WORDS = (
    "a an the is are be it its it's our we they them their this that than then and or but so "
    "to of in on at for much far lot way just simply really even very more less one product "
    "service ours theirs far most"
)
_SMALL = frozenset(_SMALL_WORDS.split())


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def tidy(key: str, text: object) -> str:
    """A slot's text as it goes into the statement: spaces tidied, the template's own words
    and end punctuation removed ("For people ..." in the customer slot gives "people ...")."""
    if key not in SLOT_BY_KEY:
        raise ValueError(f"vision statement: no slot {key!r}; the slots are {list(SLOT_KEYS)}")
    if not isinstance(text, str):
        raise ValueError(
            f"vision statement: the {SLOT_BY_KEY[key].label} is text, not {type(text).__name__}"
        )
    text = _normalise(text)
    text = re.sub(rf"^(?:{_LEADS[key]})\s+", "", text, flags=re.I)
    return text.strip(" ,;:.!").strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def article(category: str) -> str:
    """'a' or 'an' for a category, by its first sound as far as spelling can tell."""
    first = category.split()[0].lower() if category.split() else ""
    if re.match(r"^(?:uni|use|usu|eu|one|once)", first):
        return "a"
    if re.match(r"^(?:hour|honest|honou?r|[aeiou])", first):
        return "an"
    return "a"


def is_missing(text: str) -> bool:
    """True when a slot is empty, a placeholder or has no letters."""
    return not text or bool(_PLACEHOLDER.match(text)) or not re.search(r"[^\W\d_]", text)


@dataclass(frozen=True)
class SlotCheck:
    """One slot as read: its tidied text, a status ('ok', 'improve' or 'missing') and why."""

    slot: Slot
    text: str
    status: str
    messages: tuple[str, ...]

    @property
    def verdict(self) -> str:
        """The status in words."""
        return {"ok": "looks fine", "improve": "could be better", "missing": "missing"}[self.status]


def solution_words(need: str) -> list[str]:
    """The solution words in a need, as written, each once, in the order they appear (the
    list's longer phrases win, so "online form" is one word, not "form")."""
    taken: list[tuple[int, int, str]] = []
    for term in SOLUTION_TERMS:
        for m in term.pattern.finditer(need):
            if any(m.start() < end and start < m.end() for start, end, _ in taken):
                continue
            taken.append((m.start(), m.end(), m.group(0)))
    found: list[str] = []
    for _, _, word in sorted(taken):
        if word.lower() not in (w.lower() for w in found):
            found.append(word)
    return found


def vague_claim(differentiator: str, alternative: str = "") -> list[str]:
    """The comparatives of a differentiator that says "better" without saying how, or []."""
    claims = [m.group(0) for m in COMPARATIVES.finditer(differentiator)]
    if not claims or _HOW.search(differentiator):
        return []
    rest = COMPARATIVES.sub(" ", differentiator)
    other = set(_words(alternative))
    substance = [w for w in _words(rest) if w not in _SMALL and w not in other and len(w) > 2]
    return claims if len(substance) < 3 else []


#: What a slot that passes its checks is told, per slot.
_OK = {
    "need": "Present, short enough, and names no solution from the list.",
    "alternative": "Present, and names something real to compare with.",
    "differentiator": "Present, and does not rest on a bare 'better' or 'faster'.",
}


def quoted(words: list[str]) -> str:
    """'a', 'a' and 'b', 'a', 'b' and 'c': each word in quotes."""
    q = [f"'{w}'" for w in words]
    return q[0] if len(q) == 1 else f"{', '.join(q[:-1])} and {q[-1]}"


def _check_slot(slot: Slot, text: str, slots: dict[str, str]) -> SlotCheck:
    if is_missing(text):
        return SlotCheck(slot, "", "missing", (f"Fill in the {slot.label}: {slot.help}.",))
    messages: list[str] = []
    count = len(text.split())
    if count > slot.max_words:
        messages.append(
            f"{count} words: the statement should be quick to say, so try to keep the "
            f"{slot.label} to {slot.max_words} words or fewer."
        )
    if slot.key == "customer" and set(_words(text)) - {"the", "a", "an"} <= _VAGUE_CUSTOMERS:
        messages.append(
            f"'{text}' could be anyone. Name a group specific enough to picture, such as "
            f"'{SLOT_BY_KEY['customer'].example}'."
        )
    if slot.key == "need":
        words = solution_words(text)
        if words:
            verb = "name" if len(words) > 1 else "names"
            messages.append(
                f"{quoted(words)} {verb} a way of meeting the need, not the need itself. Say "
                "what the customer is trying to do, or what gets in their way; the solution "
                "belongs in the benefit."
            )
        product = slots.get("product", "")
        if product and not is_missing(product) and product.lower() in text.lower():
            messages.append(
                f"The need names the product ('{product}'). Customers had the need before the "
                "product existed: describe it without the product."
            )
    if slot.key == "alternative" and _NOTHING.match(text):
        messages.append(
            "People always have some alternative, even if it is doing nothing, asking a friend "
            "or keeping a spreadsheet. Name what they do today."
        )
    if slot.key == "differentiator":
        claims = vague_claim(text, slots.get("alternative", ""))
        if claims:
            verb = "claim" if len(claims) > 1 else "claims"
            messages.append(
                f"{quoted(claims)} {verb} a difference without saying what it is. Say how: "
                "what does the product do, or have, that the alternative does not?"
            )
    if messages:
        return SlotCheck(slot, text, "improve", tuple(messages))
    return SlotCheck(slot, text, "ok", (_OK.get(slot.key, "Present, and short enough."),))


def assemble(slots: dict[str, str], blank: str = "[{label}]") -> str:
    """The statement from tidied slots; an empty slot shows as ``blank`` with its label."""

    def part(key: str) -> str:
        text = slots.get(key, "")
        return blank.format(label=SLOT_BY_KEY[key].label) if is_missing(text) else text

    category = slots.get("category", "")
    a = article(category) if not is_missing(category) else "a"
    return (
        f"For {part('customer')} who {part('need')}, {part('product')} is {a} "
        f"{part('category')} that {part('benefit')}. Unlike {part('alternative')}, our product "
        f"{part('differentiator')}."
    )


@dataclass(frozen=True)
class VisionCheck:
    """A statement: its slots as read, the assembled text and a check of every slot."""

    slots: dict[str, str]
    checks: tuple[SlotCheck, ...]

    @property
    def statement(self) -> str:
        """The two sentences, with [placeholders] for empty slots."""
        return assemble(self.slots)

    @property
    def filled(self) -> int:
        """How many slots are filled in."""
        return sum(c.status != "missing" for c in self.checks)

    @property
    def empty(self) -> bool:
        """True when no slot is filled in."""
        return self.filled == 0

    @property
    def flags(self) -> list[SlotCheck]:
        """The slots that could be better."""
        return [c for c in self.checks if c.status == "improve"]

    @property
    def headline(self) -> str:
        """How many slots are filled, and how many could be better."""
        total = len(SLOTS)
        if self.empty:
            return f"Nothing written yet: fill in the {total} slots (each box is one slot)."
        flags = len(self.flags)
        flagged = f"{flags} slot{'s' if flags != 1 else ''} could be better"
        if self.filled < total:
            return f"{self.filled} of {total} slots filled" + (f"; {flagged}." if flags else ".")
        if flags:
            return f"All {total} slots filled; {flagged}."
        return (
            f"All {total} slots filled, with nothing flagged. Now read it aloud to someone who "
            "does not know the product, and ask what they would expect it to do."
        )

    def lines(self) -> list[str]:
        """The check as plain-text lines."""
        marks = {"ok": "✓", "improve": "!", "missing": "✗"}
        out = [f"Statement: {self.statement}", self.headline]
        out += [
            f"{marks[c.status]} {c.slot.label.capitalize()} ({c.verdict}): {' '.join(c.messages)}"
            for c in self.checks
        ]
        return out

    @property
    def text(self) -> str:
        """The check as plain text."""
        return "\n".join(self.lines())


def check_statement(**slots: object) -> VisionCheck:
    """Tidy and check the seven slots (keyword arguments named as ``SLOT_KEYS``; any left out
    are empty)."""
    unknown = set(slots) - set(SLOT_KEYS)
    if unknown:
        raise ValueError(
            f"vision statement: no slot {sorted(unknown)[0]!r}; the slots are {list(SLOT_KEYS)}"
        )
    tidied = {key: tidy(key, slots.get(key, "")) for key in SLOT_KEYS}
    checks = tuple(_check_slot(s, tidied[s.key], tidied) for s in SLOTS)
    return VisionCheck(tidied, checks)


def slots_from_note(data: object) -> dict[str, str]:
    """The slots kept in a saved note, as typed; anything unreadable comes back empty."""
    return strings_from(data.get("slots") if isinstance(data, dict) else None, SLOT_KEYS)


def builder_lines(slots: dict[str, str]) -> list[str]:
    """The builder in words: the statement in the boxes as checked, or the worked example when
    the boxes are empty."""
    current = check_statement(**slots)
    lines = [f"Vision statement builder. Geoffrey Moore's template: {TEMPLATE_TEXT}", ""]
    if current.empty:
        return [*lines, "The worked example, checked:", *check_statement(**EXAMPLE).lines()]
    return [*lines, "Your statement, as checked:", *current.lines()]


__all__ = [
    "COMPARATIVES",
    "EXAMPLE",
    "NOTE_KEY",
    "SECTION",
    "SLOTS",
    "SLOT_KEYS",
    "TEMPLATE_TEXT",
    "Slot",
    "SlotCheck",
    "VisionCheck",
    "article",
    "assemble",
    "builder_lines",
    "check_statement",
    "is_missing",
    "slots_from_note",
    "solution_words",
    "tidy",
    "vague_claim",
]
