"""Generate a class of fake learners' results files that answer the real course content.

Steps:
1. for each learner (seeded: the same N and seed give the same files), draw a skill and how
   far through the course they got;
2. answer every graded question they reached: right first time with a chance that grows with
   skill, else one of the question's wrong answers (each question has a favourite one, as a
   real misconception would), then retry or reveal; vote in polls after the cited shares;
   write some reflections and section feedback;
3. write one ``pm-course-results-<code>.json`` per learner with pm_course.classroom.results' writer;
4. with ``--hostile``, add broken files a real class folder may hold: malformed JSON, a newer
   schema, the same learner twice, markup in a name and a reflection, unknown question ids.

Usage:
    python benchmarks/make_class.py N DIR [--seed S] [--hostile]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from pm_course.classroom.results import (
    FORMAT,
    SCHEMA,
    choice_indices,
    question_version,
    write_results,
)
from pm_course.course.content import course
from pm_course.course.grading import right_answer, wrong_answers

COMMENTS = (
    "The live model made it click.",
    "A bit long; the second half dragged.",
    "More examples from public services, please.",
    "Clear, but the quiz felt harder than the text.",
    "",
    "",
)
REFLECTION = "On our booking service we would start by asking users what they need."


def learner(rng: random.Random, index: int, when: str) -> dict:
    """One fake learner's results dict."""
    skill = rng.uniform(0.35, 0.95)
    reach = rng.choices(range(1, len(course()) + 1), weights=range(1, len(course()) + 1))[0]
    questions, polls, done, feedback = {}, {}, [], {}
    for s in course()[:reach]:
        for q in s.questions:
            if q.type == "poll":
                polls[q.id] = rng.choices(
                    [o.text for o in q.options], [o.share or 1 for o in q.options]
                )[0]
            elif q.type == "reflection":
                if rng.random() < 0.6:
                    done.append(q.id)
            else:
                questions[q.id] = _answer(rng, q, skill, s.slug)
        if rng.random() < 0.7:
            feedback[s.slug] = {
                "useful": rng.choices(range(1, 6), (1, 2, 4, 6, 4))[0],
                "hard": rng.choices(range(1, 6), (1, 3, 6, 3, 1))[0],
                "comment": rng.choice(COMMENTS),
            }
    code = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(4))
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "pseudonym": f"learner-{code}{index:03d}",
        "exported": when,
        "questions": questions,
        "polls": polls,
        "reflections_done": sorted(done),
        "feedback": feedback,
    }


def _answer(rng: random.Random, q, skill: float, slug: str) -> dict:
    """Attempts at one graded question, with a favourite wrong answer per question."""
    ease = random.Random(q.id).uniform(0.6, 1.1)
    wrong = wrong_answers(q) or [None]
    favourite = random.Random(q.id + "!").randrange(len(wrong))
    weights = [4 if i == favourite else 1 for i in range(len(wrong))]
    answers, hints, revealed = [], 0, False
    for attempt in range(3):
        if rng.random() < min(0.97, skill * ease + 0.15 * attempt):
            answers.append(right_answer(q))
            break
        answers.append(rng.choices(wrong, weights)[0])
        hints = min(len(q.hints), hints + (rng.random() < 0.5))
    else:
        revealed = rng.random() < 0.7
    correct = answers[-1] == right_answer(q)
    entry = {
        "section": slug,
        "answers": answers,
        "attempts": len(answers),
        "hints": hints,
        "right_first_time": len(answers) == 1 and correct,
        "revealed": revealed,
        "correct": correct,
        "version": question_version(q),
    }
    first = choice_indices(q, answers[0])
    if first is not None:
        entry["first_choice"] = first
    return entry


def hostile(folder: Path, sample: dict) -> None:
    """Files a real class folder may hold, each broken or hostile in one way."""
    (folder / "broken-upload.json").write_text('{"format": "pm-course-results", "sch', "utf-8")
    newer = {**sample, "schema": SCHEMA + 1, "pseudonym": "from-the-future"}
    (folder / "newer-course.json").write_text(json.dumps(newer), "utf-8")
    again = {**sample, "exported": "2026-01-01T00:00:00+00:00", "questions": {}}
    (folder / "same-learner-older.json").write_text(json.dumps(again), "utf-8")
    markup = {
        **sample,
        "pseudonym": "<script>alert('hi')</script><b>Bold</b>",
        "questions": {**sample["questions"], "no-such-question": {"attempts": 1}},
        "reflections": {"wipm-reflection": "<img src=x onerror=alert(1)> I <em>think</em> so."},
    }
    (folder / "markup-name.json").write_text(json.dumps(markup), "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write N learners' files (and, with --hostile, the broken ones) into DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many learners")
    parser.add_argument("dir", type=Path, help="the folder to write into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", action="store_true", help="add broken and hostile files")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    args.dir.mkdir(parents=True, exist_ok=True)
    people = [learner(rng, i, f"2026-03-02T10:{i % 60:02d}:00+00:00") for i in range(args.n)]
    for data in people:
        write_results(data, args.dir)
    if args.hostile and people:
        hostile(args.dir, people[0])
    print(f"wrote {args.n} learners{' and 4 hostile files' if args.hostile else ''} to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
