"""Every question of every content file, and the precise errors of broken files."""

import pytest

from pm_course.course import content
from pm_course.course.content import ContentError, parse_section
from pm_course.course.grading import grade, right_answer, wrong_answers

QUESTIONS = [q for s in content.course() for q in s.questions]
IDS = [q.id for q in QUESTIONS]
GRADED = [q for q in QUESTIONS if q.graded]


def test_there_is_content():
    assert len(content.course()) >= 1
    assert {q.type for q in QUESTIONS} == set(content.QUESTION_TYPES)


def test_ids_are_unique_across_the_course():
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("q", GRADED, ids=lambda q: q.id)
def test_right_answer_is_graded_correct(q):
    fb = grade(q, right_answer(q))
    assert fb.status == "correct", fb.text
    assert fb.score == 1.0


@pytest.mark.parametrize("q", GRADED, ids=lambda q: q.id)
def test_every_distractor_is_graded_wrong(q):
    wrongs = wrong_answers(q)
    assert wrongs
    for answer in wrongs:
        fb = grade(q, answer)
        assert fb.status != "correct", (answer, fb.text)
        assert fb.headline in ("Not quite", "Partly right", "Not attempted")


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_feedback_hints_and_explanation_are_present(q):
    assert q.prompt and q.explanation
    for option in q.options:
        assert option.feedback.strip()
    for item in q.items:
        assert item.feedback.strip()
    if q.graded:
        assert 1 <= len(q.hints) <= 3
    if q.type == "numeric":
        assert set(q.feedback) == {"correct", "low", "high"}


@pytest.mark.parametrize(
    "q", [q for q in QUESTIONS if q.type in ("single", "multiple", "poll")], ids=lambda q: q.id
)
def test_each_option_returns_its_own_feedback(q):
    for option in q.options:
        answer = [option.text] if q.type == "multiple" else option.text
        assert option.feedback in grade(q, answer).details


def test_sections_find_by_number_and_slug():
    first = content.course()[0]
    assert content.section(first.number) is first
    assert content.section(first.slug) is first
    with pytest.raises(KeyError, match="no section 'zz'"):
        content.section("zz")
    with pytest.raises(KeyError, match="no question 'nope'"):
        content.question("nope")


GOOD = """
[section]
title = "Test"
minutes = 5

[[questions]]
id = "t-1"
type = "single"
prompt = "Pick"
hints = ["h"]
explanation = "e"
[[questions.options]]
text = "A"
correct = true
feedback = "fa"
[[questions.options]]
text = "B"
feedback = "fb"
"""


def test_a_good_file_loads():
    section = parse_section(GOOD, "05_value.toml")
    assert section.slug == "05_value"
    assert section.questions[0].options[0].correct


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('text = "B"\nfeedback = "fb"', 'text = "B"\ncorrect = true\nfeedback = "fb"'),
            "05_value.toml: question 't-1' has 2 right answers; a single-choice question needs "
            "exactly one",
        ),
        (('type = "single"', 'type = "essay"'), "question 't-1' has unknown type 'essay'"),
        (('feedback = "fb"', ""), "question 't-1' needs feedback for option 'B' as non-empty text"),
        (('hints = ["h"]', "hints = []"), "question 't-1' needs 1 to 3 hints, has 0"),
        (('explanation = "e"', ""), "question 't-1' needs 'explanation'"),
        (("minutes = 5", 'minutes = "five"'), "05_value.toml needs \\[section\\] minutes"),
        (('title = "Test"', 'title = "Test'), "05_value.toml: not valid TOML"),
        (('text = "B"', 'text = "A"'), "question 't-1' has the option 'A' twice"),
    ],
)
def test_broken_files_give_precise_errors(change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(ContentError, match=message):
        parse_section(GOOD.replace(old, new, 1), "05_value.toml")


def test_duplicate_ids_are_named():
    doubled = GOOD + GOOD[GOOD.index("[[questions]]") :]
    with pytest.raises(ContentError, match=r"05_value\.toml: question 't-1' appears twice"):
        parse_section(doubled, "05_value.toml")


def test_duplicate_ids_across_files_are_named(tmp_path):
    (tmp_path / "01_a.toml").write_text(GOOD)
    (tmp_path / "02_b.toml").write_text(GOOD)
    with pytest.raises(ContentError, match=r"02_b\.toml: question .t-1. is also in 01_a\.toml"):
        content.load_sections(tmp_path)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('type = "numeric"\nanswer = 3\ntolerance = -1', "negative tolerance"),
        ('type = "numeric"\nanswer = 3\ntolerance = 0', "needs a \\[questions.feedback\\]"),
        ('type = "categorise"\ncategories = ["X"]', "at least two names"),
        ('type = "poll"\nsource = "s"', "is a poll, so no option can be correct"),
        ('type = "multiple"', None),
    ],
)
def test_type_specific_checks(extra, message):
    text = GOOD.replace('type = "single"', extra)
    if "poll" in extra:
        text = text.replace('hints = ["h"]', "")
    if message is None:
        assert parse_section(text, "x.toml").questions[0].type == "multiple"
        return
    with pytest.raises(ContentError, match=message):
        parse_section(text, "x.toml")


def test_unreadable_file_is_named(tmp_path):
    bad = tmp_path / "03_bad.toml"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ContentError, match=r"03_bad\.toml: cannot be read"):
        content.load_section_file(bad)
