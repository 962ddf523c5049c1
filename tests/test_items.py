"""Item analysis on generated classes whose answer is known: a miskeyed question is flagged, an
easy one has facility near 1, a discriminating one clearly positive discrimination, a random
one near 0; old files still load and the analysis says what it had to guess."""

import json
import math
import random

import pytest

from pm_course.classroom import items as ia
from pm_course.classroom import report as cr
from pm_course.classroom.report_page import items_alt, printable_html, report_html
from pm_course.classroom.results import FORMAT, SCHEMA, question_version, write_results
from pm_course.course.content import course

SINGLES = [q for s in course() for q in s.questions if q.type == "single" and len(q.options) >= 3]
EASY, SHARP, RANDOM, MISKEYED = (q.id for q in SINGLES[:4])
FILLERS = SINGLES[4:24]
N = 60


def _pick(rng, q, right: bool, prefer: int | None = None) -> int:
    key = next(i for i, o in enumerate(q.options) if o.correct)
    if right:
        return key
    if prefer is not None:
        return prefer
    return rng.choice([i for i, o in enumerate(q.options) if not o.correct])


def simulated_class(seed: int = 7) -> list[dict]:
    """N learners of evenly spread ability; what each question measures is known."""
    rng = random.Random(seed)
    by_id = {q.id: q for q in SINGLES}
    miskeyed = by_id[MISKEYED]
    favourite = next(i for i, o in enumerate(miskeyed.options) if not o.correct)
    files = []
    for j in range(N):
        a = j / (N - 1)
        first: dict[str, int] = {}
        for q in FILLERS:
            first[q.id] = _pick(rng, q, rng.random() < 1 / (1 + math.exp(-8 * (a - 0.5))))
        first[EASY] = _pick(rng, by_id[EASY], j != 3)  # all but one right first time
        first[SHARP] = _pick(rng, by_id[SHARP], rng.random() < 1 / (1 + math.exp(-12 * (a - 0.5))))
        first[RANDOM] = _pick(rng, by_id[RANDOM], rng.random() < 0.5)
        # the "right" answer in the content is what weak learners guess; strong ones know better
        strong_pick = rng.random() < 0.85 if a > 0.5 else rng.random() < 0.2
        first[MISKEYED] = _pick(rng, miskeyed, not strong_pick, favourite)
        questions = {}
        for qid, index in first.items():
            q = by_id.get(qid) or next(f for f in FILLERS if f.id == qid)
            right = q.options[index].correct
            questions[qid] = {
                "section": q.section,
                "answers": [q.options[index].text],
                "attempts": 1,
                "hints": 0,
                "right_first_time": right,
                "revealed": False,
                "correct": right,
                "version": question_version(q),
                "first_choice": [index],
            }
        files.append(
            {
                "format": FORMAT,
                "schema": SCHEMA,
                "pseudonym": f"sim-{j:02d}",
                "exported": "2026-12-01T10:00:00+00:00",
                "questions": questions,
                "polls": {},
                "reflections_done": [],
                "feedback": {},
            }
        )
    return files


def write_class(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for data in files:
        write_results(data, folder)
    return folder


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = write_class(tmp_path_factory.mktemp("sim") / "class", simulated_class())
    report = cr.class_report(folder)
    return report, {i.qid: i for i in report.items.items}


def test_the_miskeyed_question_is_flagged_and_no_other_is(analysed):
    report, by_id = analysed
    bad = by_id[MISKEYED]
    assert ia.FLAG_KEY in bad.flags and ia.FLAG_NEGATIVE in bad.flags
    assert bad.point_biserial < -0.3 and bad.upper_lower < -0.3
    beat = bad.beating
    assert beat is not None and not beat.correct and beat.upper > 0.6
    assert [i.qid for i in report.items.flagged] == [MISKEYED]
    assert f"{MISKEYED}: {ia.FLAG_KEY}" in "\n".join(cr.flagged_lines(report))


def test_easy_sharp_and_random_items_read_as_built(analysed):
    _, by_id = analysed
    easy, sharp, rand = by_id[EASY], by_id[SHARP], by_id[RANDOM]
    assert easy.facility == pytest.approx(59 / 60) and easy.reading.startswith("easy")
    assert sharp.point_biserial > 0.5 and sharp.upper_lower > 0.7
    assert sharp.reading.endswith("separates well")
    assert abs(rand.point_biserial) < 0.25 and abs(rand.upper_lower) < 0.35
    assert 0.3 < rand.facility < 0.7
    assert not easy.flags and not sharp.flags and not rand.flags


def test_option_shares_add_up_and_groups_are_27_percent(analysed):
    _, by_id = analysed
    item = by_id[MISKEYED]
    assert sum(o.chosen for o in item.options) == N
    assert sum(o.share for o in item.options) == pytest.approx(1.0)
    assert sum(o.upper for o in item.options) == pytest.approx(1.0)
    key = next(o for o in item.options if o.correct)
    assert key.lower > key.upper, "weak learners pick the key, strong ones the distractor"


def test_a_question_with_too_few_answers_gets_no_discrimination_or_flag(tmp_path):
    files = simulated_class()[:4]
    report = cr.class_report(write_class(tmp_path / "few", files))
    item = next(i for i in report.items.items if i.qid == MISKEYED)
    assert item.answered == 4 and item.point_biserial is None and not item.flags
    assert item.reading == "too few answers (fewer than 5)"
    report = cr.class_report(tmp_path / "few", min_answers=3)
    assert next(i for i in report.items.items if i.qid == MISKEYED).point_biserial is not None


def test_old_files_load_and_the_analysis_says_what_it_guessed(tmp_path, analysed):
    _, new = analysed
    files = simulated_class()
    for data in files:
        for entry in data["questions"].values():
            del entry["version"], entry["first_choice"]
    report = cr.class_report(write_class(tmp_path / "old", files))
    assert not report.problems
    old = {i.qid: i for i in report.items.items}
    assert old[MISKEYED].flags == new[MISKEYED].flags
    assert old[SHARP].point_biserial == pytest.approx(new[SHARP].point_biserial)
    [note] = report.items.notes
    assert note.startswith(f"{N} file(s) come from an older export")
    assert f"{N * 24} first choice(s) were read from the answer text" in note
    assert note in cr.report_text(report)


def test_answers_to_an_earlier_version_of_a_question_are_left_out(tmp_path):
    files = simulated_class()
    for data in files[:10]:
        data["questions"][EASY]["version"] = "0123456789"
        data["questions"][SHARP]["first_choice"] = [99]  # not an option: dropped on load
    report = cr.class_report(write_class(tmp_path / "stale", files))
    by_id = {i.qid: i for i in report.items.items}
    assert by_id[EASY].answered == N - 10
    assert any("10 answer(s) were given to an earlier version" in n for n in report.items.notes)
    assert by_id[SHARP].answered == N, "a bad first_choice falls back to the answer text"


def test_the_report_shows_the_analysis_with_a_plot_alt_text_and_numbers(analysed):
    report, _ = analysed
    html = report_html(report)
    assert "Item analysis: facility, discrimination and flags" in html
    assert f"Flagged: {MISKEYED}: facility" in items_alt(report)
    assert "alt='Scatter plot of 24 questions" in html
    assert "Facility and discrimination of each analysed question" in html, "numbers table"
    assert "docs/class-report.md" in html
    page = printable_html(report)
    assert "<details open><summary>Each option" in page
    text = cr.report_text(report)
    assert "Flagged questions (1)" in text and "Item analysis: each option's share" in text


def test_pearson_is_the_textbook_correlation():
    assert ia.pearson([0, 1, 0, 1], [1.0, 2.0, 1.0, 2.0]) == pytest.approx(1.0)
    assert ia.pearson([0, 1, 0, 1], [2.0, 1.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert ia.pearson([1, 1, 1], [1.0, 2.0, 3.0]) is None
    assert ia.pearson([1], [1.0]) is None


def test_the_export_round_trips_into_the_analysis(tmp_path):
    files = simulated_class()[:6]
    folder = write_class(tmp_path / "rt", files)
    loaded = json.loads(next(folder.glob("*.json")).read_text("utf-8"))
    entry = loaded["questions"][MISKEYED]
    assert set(entry) >= {"version", "first_choice"}


def test_a_generated_class_with_nothing_wrong_raises_no_false_alarm(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import make_class
    finally:
        sys.path.pop(0)
    make_class.main(["40", str(tmp_path / "c"), "--seed", "1"])
    report = cr.class_report(tmp_path / "c")
    assert len(report.items.items) > 50 and not report.items.notes
    assert not report.items.flagged, cr.flagged_lines(report)


def test_three_strong_learners_agreeing_is_not_enough_to_doubt_the_key(tmp_path):
    files = simulated_class()[::5]  # 12 learners, the same spread of ability
    report = cr.class_report(write_class(tmp_path / "small", files))
    item = next(i for i in report.items.items if i.qid == MISKEYED)
    assert item.answered == 12 and ia.FLAG_KEY not in item.flags
    beaten = [o for o in item.options if not o.correct and (o.upper or 0) > 0.5]
    assert beaten, "the upper group did prefer the distractor: the data alone is too thin"
