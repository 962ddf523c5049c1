"""The user-need checker: read an "As a ... I need to ... so that ..." statement and say what
is missing or could be better.

The GOV.UK Service Manual writes user needs in three parts: who the user is ("As a ..."),
what they need ("I need to ..."), and why ("so that ..."). A good need names no solution:
it says what the person is trying to do or find out, and leaves the team free to choose how.

The checker works on words alone, by three rules:

1. **Three parts.** It looks for the markers "As a/an", "I need" and "so that" and takes the
   words between them as the user, the need and the reason. A missing marker is a problem.
   Near-misses ("I want to", "so I can") are read, with a suggestion to use the usual words.
2. **A hidden solution.** It flags words from a fixed list (``SOLUTION_TERMS``) that name a
   way of meeting the need rather than the need itself: app, button, dashboard, chatbot,
   portal, feature, page, website, online form, AI and a few more. It also flags a need that
   names a thing ("I need a ...") rather than something to do or know, as such needs
   often hide a solution.
3. **Advice.** A vague user ("As a user"), a very short need, or parts out of order.

The limits are those of any word list. It cannot understand meaning, so it misses solutions
that are not on the list (a leaflet, a phone line) and flags innocent uses of listed words
(a page of a tenancy agreement). Treat a flag as a question to ask, not a verdict.

The learner's list of needs follows plain rules too (:func:`add_need`, :func:`remove_need`):
no empty statement, no repeat, at most ``MAX_SAVED``.

Pure Python: no widgets here (see ``view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION = "05_value"
#: The key the draft and the list are saved under with ``Store.save_note``.
NOTE_KEY = "value-need-checker"
#: How many statements the list keeps.
MAX_SAVED = 20

#: The parts of a need statement, in order, with the words that introduce each.
PARTS = ("user", "need", "reason")
PART_NAMES = {"user": "who the user is", "need": "what they need", "reason": "why they need it"}
TEMPLATE = "As a [kind of user], I need to [do or know something], so that [the reason]."

# The markers: (pattern, is it the usual wording?). The first match of each part is used.
_MARKERS: dict[str, tuple[tuple[re.Pattern[str], bool], ...]] = {
    "user": (
        (re.compile(r"(?<!such )(?<!well )\bas\s+(?:an?|the)\b", re.I), True),
        (re.compile(r"^\s*as\b", re.I), True),
    ),
    "need": (
        (re.compile(r"\bI\s+(?:really\s+|also\s+)?need(?:\s+to)?\b", re.I), True),
        (
            re.compile(
                r"\bI(?:\s+(?:want|would\s+like|wish|expect)|'d\s+like)(?:\s+to)?\b"
                r"|\bI\s+have\s+to\b",
                re.I,
            ),
            False,
        ),
    ),
    "reason": (
        (re.compile(r"\bso\s+that\b", re.I), True),
        (
            re.compile(r"\b(?:so\s+(?=I\b|we\b|they\b|my\b)|in\s+order\s+to\b|because\b)", re.I),
            False,
        ),
    ),
}

#: Words for the user that say nothing about who they are.
VAGUE_USERS = frozenset(
    {"user", "users", "customer", "customers", "person", "people", "member", "someone", "visitor"}
)

#: Words that start a need naming a thing rather than something to do or know.
_THING = re.compile(r"^(?:a|an|the|some|more|better|new)\b", re.I)


@dataclass(frozen=True)
class SolutionTerm:
    """A word that names a way of meeting a need: the pattern and the word shown."""

    label: str
    pattern: re.Pattern[str]


def _term(label: str, pattern: str, flags: int = re.I) -> SolutionTerm:
    return SolutionTerm(label, re.compile(rf"\b(?:{pattern})\b", flags))


#: The heuristic list of solution words; longer phrases first so "online form" beats "form".
SOLUTION_TERMS: tuple[SolutionTerm, ...] = (
    _term("online form", r"online\s+forms?|web\s+forms?"),
    _term("chatbot", r"chat\s?bots?"),
    _term("AI", r"AI", 0),
    _term("AI", r"artificial\s+intelligence|machine\s+learning"),
    _term("app", r"apps?|mobile\s+app"),
    _term("button", r"buttons?"),
    _term("dashboard", r"dashboards?"),
    _term("portal", r"portals?"),
    _term("feature", r"features?"),
    _term("web page", r"web\s?pages?|landing\s+pages?|home\s?pages?"),
    _term("page", r"pages?"),
    _term("website", r"web\s?sites?"),
    _term("drop-down", r"drop-?\s?downs?"),
    _term("pop-up", r"pop-?\s?ups?"),
    _term("notification", r"notifications?|email\s+alerts?"),
    _term("log in", r"log\s?-?in|sign\s?-?in|log\s+on"),
    _term("search bar", r"search\s+(?:bar|box)"),
    _term("QR code", r"QR\s+codes?"),
    _term("widget", r"widgets?"),
    _term("platform", r"platforms?"),
    _term("database", r"databases?|spreadsheets?"),
)


@dataclass(frozen=True)
class Finding:
    """One thing the checker noticed: ``level`` is 'problem', 'advice' or 'good'."""

    level: str
    title: str
    message: str


@dataclass(frozen=True)
class NeedCheck:
    """A statement, its three parts as read, and what the checker found."""

    text: str
    parts: dict[str, str]
    findings: tuple[Finding, ...]

    @property
    def problems(self) -> list[Finding]:
        """Findings that stop the statement being a good need."""
        return [f for f in self.findings if f.level == "problem"]

    @property
    def advice(self) -> list[Finding]:
        """Findings that would make the statement better."""
        return [f for f in self.findings if f.level == "advice"]

    @property
    def verdict(self) -> str:
        """'Needs work', 'Nearly there' or 'Reads as a good need'."""
        if self.problems:
            return "Needs work"
        return "Nearly there" if self.advice else "Reads as a good need"

    @property
    def headline(self) -> str:
        """The verdict with a count of what was found."""
        if not self.text.strip():
            return "Nothing to check yet: write a statement in the box."
        p, a = len(self.problems), len(self.advice)
        counts = []
        if p:
            counts.append(f"{p} problem{'s' if p != 1 else ''}")
        if a:
            counts.append(f"{a} suggestion{'s' if a != 1 else ''}")
        return f"{self.verdict}" + (f": {' and '.join(counts)}." if counts else ".")

    @property
    def solutions(self) -> list[str]:
        """The solution words found, as written in the statement."""
        return [word for _, word, _ in solution_words(self.parts)]

    def lines(self) -> list[str]:
        """The check as plain-text lines: statement, parts, verdict, findings."""
        if not self.text.strip():
            return [self.headline]
        out = [f'Statement: "{self.text.strip()}"']
        for part in PARTS:
            out.append(f"- {PART_NAMES[part].capitalize()}: {self.parts[part] or '(missing)'}")
        out.append(self.headline)
        marks = {"problem": "✗", "advice": "!", "good": "✓"}
        out += [f"{marks[f.level]} {f.title}: {f.message}" for f in self.findings]
        return out

    @property
    def text_block(self) -> str:
        """The check as plain text."""
        return "\n".join(self.lines())


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _find(part: str, text: str) -> tuple[int, int, bool] | None:
    """The first marker of one part: (start, end, usual wording?), or None."""
    best = None
    for pattern, usual in _MARKERS[part]:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), usual)
    return best


def _clean(part: str) -> str:
    return part.strip(" ,.;:-–—!?\"'").strip()


def parse_need(text: str) -> tuple[dict[str, str], dict[str, tuple[int, int, bool]]]:
    """Split a statement into its parts (empty text for a part not found) and their markers."""
    if not isinstance(text, str):
        raise ValueError(f"user-need checker: a statement is text, not {type(text).__name__}")
    text = _normalise(text)
    found = {p: m for p in PARTS if (m := _find(p, text)) is not None}
    # the reason marker only counts after the need marker (so "so that" inside a role is odd)
    order = sorted(found.items(), key=lambda kv: kv[1][0])
    parts = dict.fromkeys(PARTS, "")
    for i, (part, (_, end, _)) in enumerate(order):
        stop = order[i + 1][1][0] if i + 1 < len(order) else len(text)
        parts[part] = _clean(text[end:stop])
    return parts, found


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z']+", text)


def check_need(text: str) -> NeedCheck:
    """Check a statement against the three rules; see the module's docstring."""
    parts, found = parse_need(text)
    clean = _normalise(text)
    findings: list[Finding] = []
    if not clean:
        return NeedCheck("", parts, ())
    findings += _missing(found)
    findings += _wording(found)
    findings += _order(found)
    findings += _solutions(parts)
    findings += _thing(parts, found)
    findings += _quality(parts, findings)
    if not any(f.level in ("problem", "advice") for f in findings):
        findings.append(
            Finding(
                "good",
                "Three parts, no solution",
                "It says who the user is, what they need and why, and leaves the team free "
                "to choose how to meet the need.",
            )
        )
    order = {"problem": 0, "advice": 1, "good": 2}
    return NeedCheck(clean, parts, tuple(sorted(findings, key=lambda f: order[f.level])))


def _missing(found: dict) -> list[Finding]:
    advice = {
        "user": "Start with who the user is, such as 'As a first-time donor, ...'.",
        "need": "Say what they need to do or know, starting 'I need to ...'.",
        "reason": "Say why they need it, starting 'so that ...': the reason shows what "
        "success looks like for them.",
    }
    return [
        Finding("problem", f"Missing: {PART_NAMES[p]}", advice[p]) for p in PARTS if p not in found
    ]


def _wording(found: dict) -> list[Finding]:
    out = []
    if "need" in found and not found["need"][2]:
        out.append(
            Finding(
                "advice",
                "Want or need?",
                "Write 'I need to', as the GOV.UK format does. Ask whether this is something "
                "the user needs, or something they would merely like.",
            )
        )
    if "reason" in found and not found["reason"][2]:
        out.append(
            Finding(
                "advice",
                "Use 'so that'",
                "The reason reads more clearly introduced by 'so that ...'.",
            )
        )
    return out


def _order(found: dict) -> list[Finding]:
    present = [p for p in PARTS if p in found]
    by_position = sorted(present, key=lambda p: found[p][0])
    if present == by_position:
        return []
    return [
        Finding(
            "advice",
            "Parts out of order",
            f"Put the parts in the usual order, so that readers find them at once: {TEMPLATE}",
        )
    ]


def solution_words(parts: dict[str, str]) -> list[tuple[str, str, SolutionTerm]]:
    """The solution words in the parts: (part, word as written, term), each term once."""
    out: list[tuple[str, str, SolutionTerm]] = []
    labels: set[str] = set()
    for part in ("need", "reason", "user"):
        taken: list[tuple[int, int]] = []
        for term in SOLUTION_TERMS:
            for m in term.pattern.finditer(parts[part]):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                taken.append(m.span())
                if term.label not in labels:
                    labels.add(term.label)
                    out.append((part, m.group(0), term))
    return out


def _solutions(parts: dict[str, str]) -> list[Finding]:
    return [
        Finding(
            "problem",
            f"Solution word '{word}'",
            f"In {PART_NAMES[part]}, '{word}' names one way of meeting the need, not the need "
            "itself. Ask what the user is trying to do or find out, and why. The "
            f"{term.label} may turn out to be part of the answer, but that is for the team to "
            "choose later, once the need is clear.",
        )
        for part, word, term in solution_words(parts)
    ]


def _thing(parts: dict[str, str], found: dict) -> list[Finding]:
    need = parts["need"]
    if "need" not in found or not need or not _THING.match(need):
        return []
    return [
        Finding(
            "advice",
            "A thing, not a need",
            f"'I need {' '.join(need.split()[:3])} ...' names a thing. Needs that name a thing "
            "often hide a solution: say what the user needs to do or know, as in "
            "'I need to find out ...'.",
        )
    ]


def _quality(parts: dict[str, str], earlier: list[Finding]) -> list[Finding]:
    out = []
    user = _words(parts["user"].lower())
    if user and (len(user) == 1 and user[0] in VAGUE_USERS):
        out.append(
            Finding(
                "advice",
                "Which user?",
                f"'{parts['user']}' could be anyone. Name the kind of person, such as "
                "'a volunteer who has never been on a shift'.",
            )
        )
    flagged = any(f.title.startswith(("Solution", "A thing")) for f in earlier)
    if parts["need"] and len(_words(parts["need"])) < 3 and not flagged:
        out.append(
            Finding(
                "advice",
                "Say more about the need",
                f"'{parts['need']}' is very short. What exactly are they trying to do or know?",
            )
        )
    return out


#: Example statements to check, from good to poor.
EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        "A parent asking about school support",
        "As a parent of a child with special educational needs, I need to know what support "
        "the school must give my child, so that I can ask for it with confidence.",
    ),
    (
        "A donor and a chatbot",
        "As a donor, I need a chatbot on the website so that I can get answers quickly.",
    ),
    (
        "A volunteer without a reason",
        "As a volunteer, I need to see which shifts are free next week.",
    ),
    (
        "A user and a portal",
        "As a user I want to log in to the portal so I can see my donations.",
    ),
)


# --- the learner's list -------------------------------------------------------------------------


@dataclass(frozen=True)
class ListChange:
    """What adding or removing did: the list after it, and a message of the given kind
    ('saved', 'recorded', 'empty' or 'invalid')."""

    saved: tuple[str, ...]
    message: str
    kind: str


def add_need(saved: list[str] | tuple[str, ...], check: NeedCheck) -> ListChange:
    """Add a checked statement to the list, unless it is empty, already there, or the list is
    full (then the list is as it was)."""
    kept = tuple(saved)
    if not check.text:
        return ListChange(kept, "Write a user need in the box before saving it.", "empty")
    if check.text in kept:
        return ListChange(kept, "That need is already in your list.", "recorded")
    if len(kept) >= MAX_SAVED:
        return ListChange(
            kept,
            f"Your list holds {MAX_SAVED} needs, the most it keeps. Remove one to add another.",
            "invalid",
        )
    p = len(check.problems)
    still = f" It still has {p} problem{'s' if p != 1 else ''} to fix." if p else ""
    return ListChange(
        (*kept, check.text), f"Saved as need {len(kept) + 1} in your list.{still}", "saved"
    )


def remove_need(saved: list[str] | tuple[str, ...], chosen: str) -> ListChange:
    """Remove the chosen statement from the list ('' means none was chosen)."""
    kept = tuple(saved)
    if not chosen:
        return ListChange(kept, "Choose a need in the Remove menu first.", "empty")
    return ListChange(tuple(s for s in kept if s != chosen), "Removed from your list.", "recorded")


def needs_from_note(note: object) -> dict[str, object]:
    """The draft and the list kept in a saved note ({"draft": str, "saved": [str]}), read back
    safely: anything unreadable is left out."""
    note = note if isinstance(note, dict) else {}
    draft, saved = note.get("draft"), note.get("saved")
    draft = draft if isinstance(draft, str) else ""
    saved = saved if isinstance(saved, list) else []
    return {
        "draft": draft,
        "saved": [s for s in saved if isinstance(s, str) and s.strip()][:MAX_SAVED],
    }


def checker_lines(draft: str, saved: list[str] | tuple[str, ...]) -> list[str]:
    """The checker in words: the statement in the box as checked (or an example when it is
    empty), then the list with each verdict."""
    current = check_need(draft)
    lines = ["User-need checker", f"Form: {TEMPLATE}", ""]
    if current.text:
        lines += ["Your statement, as checked:", *current.lines()]
    else:
        label, text = EXAMPLES[1]
        lines += [f"Example ({label}):", *check_need(text).lines()]
    lines += ["", f"My user needs: {len(saved)} saved."]
    lines += [f"{i}. {s} ({check_need(s).verdict.lower()})" for i, s in enumerate(saved, 1)]
    return lines


__all__ = [
    "EXAMPLES",
    "MAX_SAVED",
    "NOTE_KEY",
    "PARTS",
    "PART_NAMES",
    "SECTION",
    "SOLUTION_TERMS",
    "TEMPLATE",
    "Finding",
    "ListChange",
    "NeedCheck",
    "add_need",
    "check_need",
    "checker_lines",
    "needs_from_note",
    "parse_need",
    "remove_need",
    "solution_words",
]
