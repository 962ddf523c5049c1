"""Grading: the words a learner reads for each kind of answer, including bad input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_course.course.content import course, parse_section
from pm_course.course.feedback import Feedback
from pm_course.course.grading import MIN_REFLECTION_WORDS, answer_text, grade

FILE = """
[section]
title = "T"
minutes = 5

[[questions]]
id = "m"
type = "multiple"
prompt = "Which?"
hints = ["h"]
explanation = "e"
[[questions.options]]
text = "A"
correct = true
feedback = "A is right"
[[questions.options]]
text = "B"
correct = true
feedback = "B is right"
[[questions.options]]
text = "C"
correct = true
feedback = "C is right"
[[questions.options]]
text = "D"
feedback = "D is wrong"

[[questions]]
id = "n"
type = "numeric"
prompt = "How many per arm?"
answer = 14100
tolerance = 300
unit = "users"
hints = ["h"]
explanation = "e"
[questions.feedback]
correct = "yes"
low = "too few"
high = "too many"

[[questions]]
id = "o"
type = "ordering"
prompt = "Order"
hints = ["h"]
explanation = "e"
[[questions.items]]
text = "one"
feedback = "one is first"
[[questions.items]]
text = "two"
feedback = "two is second"
[[questions.items]]
text = "three"
feedback = "three is last"

[[questions]]
id = "c"
type = "categorise"
prompt = "Sort"
categories = ["Output", "Outcome"]
hints = ["h"]
explanation = "e"
[[questions.items]]
text = "a page"
category = "Output"
feedback = "a page is an output"
[[questions.items]]
text = "more donors"
category = "Outcome"
feedback = "more donors is an outcome"

[[questions]]
id = "p"
type = "poll"
prompt = "Guess"
source = "A book, 2020"
explanation = "e"
[[questions.options]]
text = "X"
share = 25
feedback = "fx"
[[questions.options]]
text = "Y"
share = 75
feedback = "fy"

[[questions]]
id = "r"
type = "reflection"
prompt = "Think"
explanation = "model"
"""
Q = {q.id: q for q in parse_section(FILE, "99_test.toml").questions}


def test_multiple_partial_credit_in_words():
    fb = grade(Q["m"], ["A", "B", "D"])
    assert fb.status == "partial"
    assert "2 of 3 right, 1 wrong" in fb.text
    assert fb.text.startswith("◐ Partly right")
    assert fb.score == pytest.approx(1 / 3)
    assert "D is wrong" in fb.details


def test_multiple_all_right():
    fb = grade(Q["m"], ["C", "A", "B"])
    assert fb.correct and fb.score == 1.0
    assert fb.text.startswith("✓ Correct")


def test_multiple_missing_one_says_so_without_naming_it():
    fb = grade(Q["m"], ["A", "B"])
    assert fb.status == "partial"
    assert "1 more right option to find" in fb.text
    assert "C" not in fb.text.replace("Correct", "")


def test_multiple_only_wrong_is_not_quite():
    fb = grade(Q["m"], ["D"])
    assert fb.status == "incorrect" and fb.headline == "Not quite" and fb.score == 0


@pytest.mark.parametrize(
    ("typed", "status", "words"),
    [
        ("14,100", "correct", "yes"),
        (" 14 100 ", "correct", "yes"),
        ("14.1k", "correct", "yes"),
        ("14,350 users", "correct", "yes"),
        ("13000", "incorrect", "13,000 users is too low"),
        ("20k", "incorrect", "too many"),
        ("abc", "invalid", "'abc' is not a number"),
        ("", "empty", "Not attempted"),
    ],
)
def test_numeric(typed, status, words):
    fb = grade(Q["n"], typed)
    assert fb.status == status
    assert words in fb.text


def test_ordering():
    assert grade(Q["o"], ["one", "two", "three"]).correct
    fb = grade(Q["o"], ["one", "three", "two"])
    assert fb.status == "partial" and "1 of 3 in the right place" in fb.text
    assert "one is first" not in fb.details and "three is last" in fb.details
    assert "used twice" in grade(Q["o"], ["one", "one", "two"]).text
    assert "1 position still empty" in grade(Q["o"], ["one", None, "two"]).text
    assert grade(Q["o"], [None, None, None]).status == "empty"


def test_categorise():
    assert grade(Q["c"], {"a page": "Output", "more donors": "Outcome"}).correct
    fb = grade(Q["c"], {"a page": "Outcome", "more donors": "Outcome"})
    assert fb.status == "partial" and "1 of 2 sorted right, 1 wrong" in fb.text
    assert fb.details == ("a page is an output",)
    assert "1 item not placed yet" in grade(Q["c"], {"a page": "Output", "more donors": None}).text
    assert grade(Q["c"], {"a page": None, "more donors": None}).status == "empty"
    assert grade(Q["c"], {"a page": "Impact", "more donors": "Outcome"}).status == "invalid"


def test_poll_and_reflection_are_not_marked():
    fb = grade(Q["p"], "Y")
    assert fb.status == "recorded" and fb.score is None
    assert "the source puts 75% of cases here (a published figure, not other learners' votes)" in (
        fb.text
    )
    assert "chose" not in fb.text
    fb = grade(Q["r"], "We help people find advice.")
    assert fb.status == "saved" and "5 words saved" in fb.text


@pytest.mark.parametrize("text", ["ok", "Good idea", "x" * 500, "a-b-c", "   yes   no  "])
def test_a_reflection_needs_a_real_attempt_before_it_is_saved(text):
    fb = grade(Q["r"], text)
    assert fb.status == "invalid" and fb.score is None
    assert f"at least {MIN_REFLECTION_WORDS} words" in fb.text
    assert "model answer appears once your reflection is saved" in fb.text


def test_a_short_real_reflection_is_saved():
    assert grade(Q["r"], "We run a food bank.").status == "saved"


ODD = [None, "", "  ", [], {}, 0.0, 42, ["x"], {"x": 1}, object(), 10**400, [["A"]], [{"a": 1}]]
ODD += [{"a page": ["Output"]}, "\ud800", ["\udfff"], "9" * 5000, [None, 1, 2.5], float("nan")]


@pytest.mark.parametrize("answer", ODD, ids=lambda a: repr(a)[:20])
@pytest.mark.parametrize("qid", list(Q))
def test_any_input_gives_feedback_never_an_exception(qid, answer):
    fb = grade(Q[qid], answer)
    assert isinstance(fb, Feedback)
    assert fb.headline
    assert fb.status != "correct"


def test_nothing_chosen_is_its_own_state():
    for qid in Q:
        fb = grade(Q[qid], None)
        assert fb.status == "empty" and fb.text.startswith("– Not attempted")


def test_answer_text():
    assert answer_text(Q["n"]) == "14,100 users (within 300 users)"
    assert answer_text(Q["o"]) == "one → two → three"
    assert answer_text(Q["c"]) == "Output: a page; Outcome: more donors"
    assert answer_text(Q["m"]) == "A; B; C"


def test_feedback_html_is_escaped():
    fb = Feedback("incorrect", "<script>x</script>", ("<b>",))
    assert "<script>" not in fb.html and "&lt;script&gt;" in fb.html
    assert "Not quite" in fb.html


# --- grade() never raises, whatever a saved or typed answer holds ------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | st.text()
    | st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
    | st.just("x" * 100_000)
)
_JSONISH = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=6)
    ),
    max_leaves=20,
)
_ALL = [q for s in course() for q in s.questions] + list(Q.values())


def _near(q):
    """Answers close to the right shape for ``q``, with odd values inside."""
    texts = [o.text for o in q.options] + [it.text for it in q.items] + list(q.categories)
    known = st.sampled_from(texts) if texts else st.text()
    return st.one_of(
        known,
        st.lists(known | _JSONISH, max_size=8),
        st.dictionaries(known | st.text(max_size=4), known | _JSONISH, max_size=8),
    )


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("q", _ALL, ids=lambda q: q.id)
def test_grade_never_raises_on_any_json_ish_answer(q, data):
    answer = data.draw(_JSONISH | _near(q))
    fb = grade(q, answer)
    assert isinstance(fb, Feedback) and fb.headline
    assert isinstance(fb.text, str) and isinstance(fb.html, str)
