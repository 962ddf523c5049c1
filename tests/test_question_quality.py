"""Questions that measure learning: no giveaway cues, hints that lead without telling, and a
final check made of fresh questions the learner has not already seen explained.

Each check reads like a reviewer's rule of thumb, so a failure names the question to fix.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from pm_course.activities.final_check.model import FINAL_FILE, final_questions
from pm_course.course import content

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SECTION_QUESTIONS = [q for s in content.course() for q in s.questions]
FINAL = list(final_questions())
EVERY = SECTION_QUESTIONS + FINAL
SINGLE = [q for q in EVERY if q.type == "single"]

#: Words that give a distractor away: real people rarely hold a view this absolute, so the
#: learner can rule the option out without knowing the topic.
ABSOLUTES = (
    "never",
    "always",
    "at once",
    "straight away",
    "impossible",
    "banned",
    "guaranteed",
    "nothing",
    "none",
    "stop talking",
)

#: Questions where an absolute word in an option is the point, each with the reason.
ABSOLUTE_EXEMPT: dict[str, str] = {
    "rel-raci-accountable": "RACI's rule is exactly one Accountable person: 'none' is a real "
    "alternative some teams practise (shared accountability), and the question is about it",
}

STOPWORDS = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "it's",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "they",
        "this",
        "to",
        "was",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower().replace("’", "'"))


def trigrams(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


# --- (a) no length cue ----------------------------------------------------------------------


def key_is_strictly_longest(q) -> bool:
    lengths = [len(o.text) for o in q.options]
    key = next(len(o.text) for o in q.options if o.correct)
    return lengths.count(max(lengths)) == 1 and key == max(lengths)


def test_the_right_option_is_not_usually_the_longest():
    longest = [q.id for q in SINGLE if key_is_strictly_longest(q)]
    assert len(longest) <= len(SINGLE) / 4, (
        f"the key is the strictly longest option in {len(longest)} of {len(SINGLE)} "
        f"single-choice questions (at most a quarter allowed): {longest}"
    )


def test_the_right_options_length_rank_gives_no_cue_either_way():
    """Shorter keys everywhere would be a cue too: no length rank holds over 40% of keys."""
    ranks = Counter(
        sum(len(o.text) > len(k.text) for o in q.options)
        for q in SINGLE
        for k in q.options
        if k.correct
    )
    assert max(ranks.values()) <= 0.4 * len(SINGLE), (
        f"keys by length rank (0 = longest): {sorted(ranks.items())}"
    )


# --- (b) no giveaway absolutes in options -------------------------------------------------------


@pytest.mark.parametrize("q", [q for q in EVERY if q.options], ids=lambda q: q.id)
def test_options_use_no_giveaway_absolutes(q):
    if q.id in ABSOLUTE_EXEMPT:
        return
    found = [
        (o.text, w)
        for o in q.options
        for w in ABSOLUTES
        if re.search(rf"\b{re.escape(w)}\b", o.text, re.IGNORECASE)
    ]
    assert not found, f"{q.id}: giveaway absolutes in options: {found}"


def test_every_exemption_names_a_real_question_and_a_reason():
    known = {q.id for q in EVERY}
    for qid, reason in ABSOLUTE_EXEMPT.items():
        assert qid in known and len(reason) > 20


# --- (c) the last hint leads without telling -------------------------------------------------


def hint_tells(q) -> str | None:
    """Why the last hint gives the answer away, or None."""
    last = q.hints[-1].lower()
    if q.type in ("single", "multiple"):
        others = " ".join([q.prompt] + [o.text for o in q.options if not o.correct])
        common = trigrams(others)
        for option in (o for o in q.options if o.correct):
            if option.text.lower().rstrip(".") in last:
                return f"it contains the right option {option.text!r}"
            told = trigrams(option.text) - common
            said = told & trigrams(last)
            if said:
                return f"it repeats the right option's words {' '.join(sorted(said)[0])!r}"
            own = {w for w in words(option.text) if w not in STOPWORDS and len(w) > 3}
            own -= set(words(others))
            if len(own) >= 2 and len(own & set(words(last))) >= max(2, len(own) * 2 // 3):
                return f"it uses most of the right option's distinctive words {sorted(own)}"
    elif q.type == "ordering":
        named = [i.text for i in q.items if i.text.lower() in last]
        if len(named) > len(q.items) // 2:
            return f"it names {len(named)} of the {len(q.items)} items: {named}"
    elif q.type == "categorise":
        named = [c for c in q.categories if c.lower() in last]
        if len(named) >= 3 and len(named) > len(q.categories) / 2:
            return f"it gives the rule for {len(named)} of {len(q.categories)} groups: {named}"
    elif q.type == "numeric":
        value = q.answer
        forms = {f"{value:g}", f"{value:,.0f}", f"{value:.0f}"} if value == int(value) else set()
        forms |= {f"{value:g}"}
        for form in forms:
            if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", last):
                return f"it states the answer {form}"
    return None


@pytest.mark.parametrize("q", [q for q in EVERY if q.graded], ids=lambda q: q.id)
def test_the_last_hint_does_not_state_the_answer(q):
    assert hint_tells(q) is None, f"{q.id}: the last hint tells the answer: {hint_tells(q)}"


def test_the_hint_check_catches_a_hint_that_tells():
    q = content.question("wipm-viability")
    told = type(q)(**{**q.__dict__, "hints": ("It is the business viability risk.",)})
    assert hint_tells(told)


# --- (d) the final check asks fresh questions ------------------------------------------------


def shown_in_notebooks() -> set[str]:
    """Question ids that the section notebooks show, from their question and quiz calls."""
    shown: set[str] = set()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            shown |= set(re.findall(r"question\(\s*[\"']([\w-]+)[\"']", source))
            for call in re.findall(r"quiz\(([^)]*)\)", source):
                if "ids=" in call:
                    shown |= set(re.findall(r"[\"']([\w-]+)[\"']", call.split("ids=", 1)[1]))
                else:
                    number = re.findall(r"[\"'](\d\d)", call)[0]
                    shown |= {q.id for q in content.section(number).questions}
    return shown


def test_no_final_check_question_is_shown_in_a_section_notebook():
    shown = shown_in_notebooks()
    assert shown, "no question calls found in the notebooks"
    repeated = sorted(q.id for q in FINAL if q.id in shown or q.id in {s.id for s in EVERY[:0]})
    assert not repeated, f"the final check repeats questions the notebooks show: {repeated}"
    section_ids = {q.id for q in SECTION_QUESTIONS}
    assert not {q.id for q in FINAL} & section_ids


def similarity(a: str, b: str) -> float:
    x, y = set(words(a)) - STOPWORDS, set(words(b)) - STOPWORDS
    return len(x & y) / max(1, len(x), len(y))


def same_answer(a, b) -> bool:
    """True if two questions of the same type share their right answer (a copy, not a parallel)."""
    if a.type != b.type:
        return False
    if a.type == "numeric":
        return a.answer == b.answer
    if a.options:
        right = {o.text.lower() for o in a.options if o.correct}
        return bool(right & {o.text.lower() for o in b.options if o.correct})
    shared = {i.text.lower() for i in a.items} & {i.text.lower() for i in b.items}
    return len(shared) * 2 >= len(a.items)


@pytest.mark.parametrize("q", FINAL, ids=lambda q: q.id)
def test_final_check_questions_are_new_scenarios_not_rewordings(q):
    for s in SECTION_QUESTIONS:
        assert not same_answer(q, s), f"{q.id} has the same right answer as {s.id}"
        assert similarity(q.prompt, s.prompt) < 0.9, f"{q.id} reads like a copy of {s.id}"


def notebook_objectives(number: str) -> list[str]:
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## Learning objectives"):
            return [
                line[2:].strip().rstrip(";.")
                for line in source.splitlines()
                if line.startswith("- ")
            ]
    raise AssertionError(f"notebook {number} has no learning objectives")


def test_the_final_check_has_one_fresh_question_per_objective():
    raw = tomllib.loads(FINAL_FILE.read_text(encoding="utf-8"))["questions"]
    by_objective: dict[str, list[str]] = {}
    for q in raw:
        by_objective.setdefault(q["objective"], []).append(q["id"])
    wanted = {
        f"{n}: {o}"
        for n in ("01", "02", "03", "04", "05", "06", "07")
        for o in notebook_objectives(n)
    }
    named = {f"{q['id'][6:8]}: {q['objective']}" for q in raw}
    missing = sorted(wanted - named)
    assert not missing, f"objectives without a fresh question: {missing}"
    doubled = {o: i for o, i in by_objective.items() if len(i) > 1}
    assert not doubled, f"more than one fresh question for an objective: {doubled}"


@pytest.mark.parametrize("q", FINAL, ids=lambda q: q.id)
def test_final_check_questions_grade_like_the_sections(q):
    from pm_course.course.grading import grade, right_answer, wrong_answers

    assert q.graded and 1 <= len(q.hints) <= 3
    assert grade(q, right_answer(q)).status == "correct"
    for answer in wrong_answers(q):
        assert grade(q, answer).status != "correct", answer
    for option in q.options:
        answer = [option.text] if q.type == "multiple" else option.text
        assert option.feedback in grade(q, answer).details
