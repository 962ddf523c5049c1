"""The class report: sums of learners' files, and every broken or hostile file reported."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pm_course.classroom import report as cr
from pm_course.classroom.report_view import ClassReportView, report_html
from pm_course.classroom.results import FORMAT, SCHEMA
from pm_course.cli import main
from pm_course.course.content import question
from pm_course.course.grading import right_answer, wrong_answers

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "notebooks" / "instructor" / "sample-class"
DEF = question("wipm-definition")
WRONG = wrong_answers(DEF)[1]


def learner(name, *, wrong_first=False, exported="2026-03-02T10:00:00+00:00", **extra):
    answers = [WRONG, right_answer(DEF)] if wrong_first else [right_answer(DEF)]
    data = {
        "format": FORMAT,
        "schema": SCHEMA,
        "pseudonym": name,
        "exported": exported,
        "questions": {
            "wipm-definition": {
                "answers": answers,
                "attempts": len(answers),
                "hints": 0,
                "right_first_time": not wrong_first,
                "revealed": False,
                "correct": True,
            }
        },
        "polls": {"start-poll": question("start-poll").options[1].text},
        "reflections_done": [],
        "feedback": {"01_what_is_product_management": {"useful": 4, "hard": 2, "comment": "ok"}},
    }
    data.update(extra)
    return data


def write(folder, name, data):
    folder.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "class"
    write(f, "a.json", learner("ann"))
    write(f, "b.json", learner("bob", wrong_first=True))
    write(f, "c.json", learner("cat", wrong_first=True))
    return f


def problems_of(folder):
    return {p.file: p.message for p in cr.load_folder(folder)[1]}


def test_sums_right_first_time_misconceptions_polls_and_feedback(folder):
    report = cr.class_report(folder)
    assert len(report.learners) == 3 and not report.problems
    row = next(q for q in report.questions if q.qid == "wipm-definition")
    assert (row.answered, row.right_first_time, round(row.rate)) == (3, 1, 33)
    top = report.misconceptions[0]
    assert (top.qid, top.option, top.learners, top.answered) == ("wipm-definition", WRONG, 2, 3)
    assert top.feedback == next(o.feedback for o in DEF.options if o.text == WRONG)
    poll = next(p for p in report.polls if p.qid == "start-poll")
    assert poll.counts[1][1] == 3 and sum(c for _, c, _ in poll.counts) == 3
    [fb] = report.feedback
    assert (fb.responses, fb.useful, fb.hard, len(fb.comments)) == (3, 4.0, 2.0, 3)
    sec = next(s for s in report.sections if s.slug == "01_what_is_product_management")
    assert sec.started == 3 and sec.completed == 0 and 0 < sec.mean_done < 100


def test_malformed_json_is_reported_by_file(folder):
    write(folder, "broken.json", '{"format": "pm-course-res')
    write(folder, "latin.json", "")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00")
    probs = problems_of(folder)
    assert "not valid JSON" in probs["broken.json"] and "not valid JSON" in probs["binary.json"]
    assert "not valid JSON" in probs["latin.json"]
    assert len(cr.load_folder(folder)[0]) == 3


def test_wrong_format_or_schema_is_refused(folder):
    write(folder, "newer.json", learner("dan", schema=SCHEMA + 1))
    write(folder, "other.json", {"format": "pm-course-progress", "schema": 1, "events": []})
    write(folder, "list.json", [1, 2, 3])
    write(folder, "noname.json", learner("   "))
    probs = problems_of(folder)
    assert "schema version 2" in probs["newer.json"]
    assert "not a pm-course results file" in probs["other.json"]
    assert "not a pm-course results file" in probs["list.json"]
    assert "no pseudonym" in probs["noname.json"]


def test_huge_file_is_refused_without_reading_it(folder, monkeypatch):
    huge = folder / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(cr.MAX_BYTES + 1)  # sparse: big on paper, no disk used
    opened = []
    real_open = open
    monkeypatch.setattr(
        "builtins.open", lambda p, *a, **k: opened.append(Path(p).name) or real_open(p, *a, **k)
    )
    learners, problems = cr.load_folder(folder)
    assert "huge.json" not in opened
    assert any(p.file == "huge.json" and "too big" in p.message for p in problems)
    assert len(learners) == 3


def test_size_limit_is_configurable(folder):
    learners, problems = cr.load_folder(folder, max_bytes=10)
    assert not learners and len(problems) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks to devices")
def test_special_files_are_not_read(folder):
    os.symlink("/dev/zero", folder / "zero.json")
    assert "not a regular file" in problems_of(folder)["zero.json"]


def test_deeply_nested_json_is_reported(folder):
    write(folder, "deep.json", "[" * 100_000 + "]" * 100_000)
    assert "deep.json" in problems_of(folder)


def test_same_learner_twice_keeps_both_files_visible_and_says_so(folder):
    # the second file claims a later date: anyone can write one, so it decides nothing
    later = learner("ANN", wrong_first=True, exported="2099-01-01T00:00:00+00:00")
    write(folder, "ann-later.json", later)
    learners, problems = cr.load_folder(folder)
    assert [lr.pseudonym for lr in learners] == [
        "ann (a.json)",
        "ANN (ann-later.json)",
        "bob",
        "cat",
    ]
    [p] = problems
    assert p.file == "ann-later.json" and "a.json" in p.message and "both" in p.message
    report = cr.class_report(folder)
    row = next(q for q in report.questions if q.qid == "wipm-definition")
    assert (row.answered, row.right_first_time) == (4, 1), "both files are counted"
    text = cr.report_text(report)
    assert "Class report: 4 learners" in text
    assert "01       ann (a.json)          ok" in text
    assert "01       ANN (ann-later.json)  ok" in text, "every comment is printed"


def test_unknown_ids_are_reported_and_skipped(folder):
    data = learner("eve")
    data["questions"]["no-such-q"] = data["questions"]["wipm-definition"]
    data["polls"]["no-such-poll"] = "x"
    data["feedback"]["99_nothing"] = {"useful": 3, "hard": 3}
    data["reflections_done"] = ["nope"]
    write(folder, "eve.json", data)
    msg = problems_of(folder)["eve.json"]
    assert "'no-such-q'" in msg and "'no-such-poll'" in msg and "'99_nothing'" in msg
    eve = next(lr for lr in cr.load_folder(folder)[0] if lr.pseudonym == "eve")
    assert list(eve.questions) == ["wipm-definition"]


def test_malformed_parts_are_skipped_not_fatal(folder):
    data = learner("fay")
    data["questions"]["wipm-definition"]["attempts"] = "many"
    data["polls"]["start-poll"] = "not an option"
    data["feedback"]["01_what_is_product_management"] = {"useful": 7, "hard": 1}
    data["reflections"] = ["not", "a", "table"]
    write(folder, "fay.json", data)
    msg = [p.message for p in cr.load_folder(folder)[1] if p.file == "fay.json"]
    assert any("malformed" in m and "wipm-definition" in m for m in msg)
    assert any("not an option" in m for m in msg) and any("'reflections'" in m for m in msg)
    assert any("feedback on '01_what_is_product_management' is malformed" in m for m in msg)
    assert len(cr.load_folder(folder)[0]) == 4


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_markup_in_names_comments_and_reflections_is_always_escaped(folder):
    data = learner(HOSTILE, reflections={"wipm-reflection": HOSTILE})
    data["feedback"]["01_what_is_product_management"]["comment"] = HOSTILE
    write(folder, "evil.json", data)
    write(folder, "<b>evil<i>.json", "{oops")
    html = report_html(cr.class_report(folder))
    assert "<script" not in html and "<img src=x" not in html and "<b>evil" not in html
    assert html.count("&lt;script&gt;") >= 3
    view = ClassReportView(folder)
    assert "<script" not in view.body.value
    assert "<script" not in view._text_markdown()


def test_control_characters_are_removed_from_texts():
    assert cr.clean_text("a\x1b[31mred\x00\u202eb") == "a [31mred  b"
    assert cr.clean_text(["not text"]) == ""
    assert cr.clean_line("a\nb\u2028c\rd") == "a b c d"
    assert cr.file_label("a\x1b[2J\n\udcff.json") == "a\\x1b[2J\\n\\xff.json"


FORGED = "  (none)\nClass report: 99 learners"


@pytest.mark.skipif(sys.platform != "linux", reason="any byte but / in a file name")
def test_the_text_report_prints_no_control_character_and_no_forged_line(folder):
    data = learner("mallory\x1b[2J\n" + FORGED + "\u2028x")
    data["feedback"]["01_what_is_product_management"]["comment"] = "fine\x1b]0;pwned\x07"
    data["reflections"] = {"wipm-reflection": "line\n" + FORGED}
    write(folder, "evil\x1b[31m\n" + FORGED + ".json", data)
    write(folder, "evil\x1b[31m\n" + FORGED + "-again.json", "{broken")
    (folder / os.fsdecode(b"latin-\xe9t\xe9.json")).write_bytes(b"{")  # not UTF-8
    write(folder, "schema.json", learner("sam", schema="\x1b[2J" + "9" * 1000))
    text = cr.report_text(cr.class_report(folder))
    lines = text.splitlines()
    assert not [c for c in text if not c.isprintable() and c != "\n"], "no control character"
    assert lines[0] == "Class report: 4 learners from folder 'class'"
    assert sum(line.startswith("Class report") for line in lines) == 1
    head = lines.index("Problems with files (3)")
    assert len(lines) - head - 3 == 3, "a header, a rule and one line per problem, none forged"
    assert any("evil\\x1b[31m\\n  (none)\\nClass report" in line for line in lines[head:])
    assert any("latin-\\xe9t\\xe9.json" in line for line in lines[head:])
    reflection = next(line for line in lines if "  wipm-reflection  " in line)
    assert reflection.startswith("mallory [2J   (none) Class report: 99 learners x  ")
    assert reflection.endswith("wipm-reflection  line   (none) Class report: 99 learners")
    assert max(map(len, lines)) < 400, "a long value is cut"


def test_the_command_prints_file_names_a_terminal_cannot_show(folder):
    (folder / os.fsdecode(b"bad-\xff.json")).write_bytes(b"{")
    done = subprocess.run(
        [sys.executable, "-m", "pm_course.cli", "class-report", str(folder)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert b"\nbad-\\xff.json  not valid JSON" in done.stdout


def test_missing_or_empty_folder(tmp_path):
    report = cr.class_report(tmp_path / "nope")
    assert report.problems[0].message == "is not a folder"
    empty = cr.class_report(tmp_path)
    assert not empty.learners and "0 learners" in cr.report_text(empty)
    assert "No learner files" in report_html(empty)


def test_view_charts_have_alt_text_and_reload(folder):
    view = ClassReportView(folder)
    assert "alt='Bar chart of completion by section for 3 learners." in view.body.value
    assert "alt='Bar chart of the questions fewest" not in view.body.value, "3 answers: unranked"
    assert "answered by fewer than 5 learners are not ranked" in view.body.value
    view.min_answers.value = 3
    assert "alt='Bar chart of the questions fewest" in view.body.value
    assert "The room&#x27;s misconceptions" in view.body.value
    write(folder, "d.json", learner("dee"))
    view.reload_button.click()
    assert "4 learners" in view.body.value
    view.folder.value = str(folder / "missing")
    view.reload_button.click()
    assert "is not a folder" in view.body.value


def test_text_report_is_deterministic(folder):
    a, b = ClassReportView(folder), ClassReportView(folder)
    assert repr(a) == repr(b)
    text = repr(a)
    assert "Class report: 3 learners" in text and "Right first time, every question" in text
    line = next(x for x in text.splitlines() if x.startswith("wipm-definition") and WRONG[:20] in x)
    assert line.split()[1:3] != [] and "  2         3  " in line, line


def test_sample_class_shows_each_hostile_case():
    report = cr.class_report(SAMPLE)
    files = {p.file for p in report.problems}
    assert {"broken-upload.json", "newer-course.json", "markup-name.json"} <= files
    assert any("same learner" in p.message for p in report.problems)
    assert len(report.learners) >= 5


def test_cli_class_report(folder, capsys):
    assert main(["class-report", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Class report: 3 learners") and "Problems with files (0)" in out


def test_generator_is_seeded_and_answers_real_content(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import make_class
    finally:
        sys.path.pop(0)
    make_class.main(["5", str(tmp_path / "a"), "--seed", "3"])
    make_class.main(["5", str(tmp_path / "b"), "--seed", "3"])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()) and len(names) == 5
    assert all(
        (tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names
    )
    report = cr.class_report(tmp_path / "a")
    assert len(report.learners) == 5 and not report.problems


def test_public_function_survives_its_module_being_imported(folder):
    import pm_course

    first = pm_course.class_results(str(folder))
    second = pm_course.class_results(fallback=str(folder))
    assert repr(first) == repr(second) or "PM_COURSE_CLASS_DIR" in os.environ


# --- a report to act on: question text, minimum answers, filters, CSV, print, compare --------


def many(folder, n, *, wrong_first=0):
    """n learners answering wipm-definition, the first ``wrong_first`` wrong first time."""
    for i in range(n):
        write(folder, f"l{i:02d}.json", learner(f"learner-{i:02d}", wrong_first=i < wrong_first))
    return folder


def test_hardest_questions_need_the_minimum_of_answers_and_show_their_text(tmp_path):
    folder = many(tmp_path / "c", 6, wrong_first=4)
    report = cr.class_report(folder)
    [row] = cr.hardest(report)
    assert (row.qid, row.answered, row.right_first_time) == ("wipm-definition", 6, 2)
    table = cr.hardest_table(report)
    assert table.rows[0][:3] == (1, "wipm-definition", DEF.prompt), (
        "the question text beside its id"
    )
    assert table.note == "Questions answered by fewer than 5 learners are not ranked."
    stricter = cr.class_report(folder, min_answers=7)
    assert not cr.hardest(stricter)
    text = cr.report_text(stricter)
    assert "are not ranked (1 question held back)" in text
    assert "(no question has 7 answers yet)" in text


def test_the_section_filter_narrows_every_table(folder):
    report = cr.class_report(folder, section="1")
    assert [s.slug for s in report.sections] == ["01_what_is_product_management"]
    assert {q.section for q in report.questions} == {"01_what_is_product_management"}
    assert not report.polls, "start-poll is in section 00"
    assert {i.section for i in report.items.items} <= {"01_what_is_product_management"}
    assert "Showing section What is product management?" in cr.report_text(report)
    assert not cr.class_report(folder, section="00").feedback
    with pytest.raises(ValueError, match="no section '42'; the sections are 00, 01"):
        cr.class_report(folder, section="42")


def test_one_learner_view_shows_their_answers_feedback_and_reflections(folder):
    write(folder, "d.json", learner("dee", reflections={"wipm-reflection": "We ask users."}))
    report = cr.class_report(folder)
    answers, feedback, reflections = cr.learner_tables(report, "BOB")
    assert answers.caption == "bob: answers"
    [row] = answers.rows
    assert row[0] == "wipm-definition" and row[2:7] == (2, False, 0, False, True)
    assert row[7] == WRONG, "the first answer, in words"
    assert feedback.rows[0][1:] == (4, 2, "ok")
    assert not reflections.rows
    assert cr.learner_tables(report, "dee")[2].rows == (("wipm-reflection", "We ask users."),)
    with pytest.raises(ValueError, match="no learner 'zed' in this class; the learners are 'ann'"):
        cr.learner_tables(report, "zed")
    text = cr.report_text(report, learner="bob")
    assert "bob: answers" in text and "ann" not in text.split("Problems with files")[0]


EVIL = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "=cmd|'/C calc'!A0"]


def test_csv_export_guards_every_cell_a_spreadsheet_could_run(tmp_path):
    import csv

    from pm_course.classroom.table import write_csv

    folder = tmp_path / "c"
    for i, evil in enumerate(EVIL):
        data = learner(evil + f" {i}", reflections={"wipm-reflection": evil})
        data["feedback"]["01_what_is_product_management"]["comment"] = evil
        write(folder, f"{i}.json", data)
    write(folder, "=evil.json", "{broken")
    report = cr.class_report(folder)
    written = write_csv(cr.tables(report), str(tmp_path / "csv"))
    assert len(written) == len(cr.tables(report)) == 12
    cells = []
    for path in written:
        raw = Path(path).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
        assert len({len(r) for r in rows}) == 1, path
        cells += [c for r in rows for c in r]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not risky, risky
    assert "'=evil.json" in cells, "a file name is guarded too"
    assert sum(c.startswith("'=HYPERLINK") for c in cells) >= 3  # name, comment, reflection
    assert "'+1+1" in cells and "'-2" in cells and "'@SUM(A1)" in cells
    numbers = next(p for p in written if p.endswith("completion.csv"))
    assert ",3,0," in Path(numbers).read_text("utf-8-sig") or ",7,0," in Path(numbers).read_text(
        "utf-8-sig"
    ), "numbers stay numbers"


def test_the_text_version_prints_every_comment_whole(folder):
    long = "Start. " + "word " * 300 + "The end."
    for i in range(6):
        data = learner(f"extra{i}")
        data["feedback"]["01_what_is_product_management"]["comment"] = f"{long} #{i}"
        write(folder, f"x{i}.json", data)
    text = cr.report_text(cr.class_report(folder))
    assert all(f"The end. #{i}" in text for i in range(6)), "no comment is cut"
    assert "more comments" not in text
    html = report_html(cr.class_report(folder))
    assert "<summary>Show all 9 comments</summary>" in html and html.count("The end. #") == 6


def test_the_printable_page_is_one_file_that_prints_everything(folder):
    from pm_course.classroom.report_page import printable_html

    data = learner(HOSTILE, reflections={"wipm-reflection": HOSTILE})
    write(folder, "evil.json", data)
    page = printable_html(cr.class_report(folder, min_answers=1))
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert "src='data:image/png;base64," in page and "src='x" not in page
    assert "<details>" not in page and "<details open><summary>Show all 4 comments" in page
    assert "Show the numbers" not in page, "the tables below each chart hold its numbers"
    assert "default-src 'none'" in page, "nothing is fetched, even if a file said so"


def test_comparing_two_sessions_shows_the_change_per_question(tmp_path):
    before = many(tmp_path / "before", 6, wrong_first=4)
    after = many(tmp_path / "after", 5, wrong_first=1)
    table = cr.compare_table(cr.class_report(before), cr.class_report(after))
    row = next(r for r in table.rows if r[0] == "wipm-definition")
    assert row[2:] == (6, pytest.approx(100 * 2 / 6), 5, 80.0, pytest.approx(80 - 100 * 2 / 6))
    text = cr.report_text(cr.class_report(after), compare=cr.class_report(before))
    assert "'before' (6 learners) then 'after' (5 learners)" in text and "+47" in text
    fewer = cr.compare_table(cr.class_report(before), cr.class_report(after, min_answers=6))
    assert next(r for r in fewer.rows if r[0] == "wipm-definition")[-1] is None


def test_cli_writes_csv_and_a_printable_page_and_explains_bad_options(folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(
            ["class-report", str(folder), "--csv", str(out / "csv"), "--html", str(out / "r.html")]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out == "" and "12 CSV tables in" in captured.err
    assert (out / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (out / "csv").iterdir())[:2] == ["comments.csv", "completion.csv"]
    assert main(["class-report", str(folder), "--learner", "cat", "--section", "01"]) == 0
    assert capsys.readouterr().out.splitlines()[3] == "cat: answers"
    assert main(["class-report", str(folder), "--compare", str(folder), "--min-answers", "2"]) == 0
    assert "Change (points)" in capsys.readouterr().out
    for args, message in (
        (["--section", "99"], "error: no section '99'; the sections are 00,"),
        (["--learner", "zed"], "error: no learner 'zed' in this class"),
        (["--min-answers", "0"], "error: --min-answers must be 1 or more, not 0"),
        (["--compare", str(tmp_path / "nope")], "nope: no such folder"),
        (["--csv", str(out / "r.html")], "r.html: is a file; give a folder for the CSV files"),
        (["--html", str(out)], "out: is a folder; give a file name"),
    ):
        assert main(["class-report", str(folder), *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith(message) or message in err, err
        assert "Traceback" not in err


def test_help_shows_no_raw_markup(capsys):
    for argv in (["--help"], ["class-report", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "``" not in capsys.readouterr().out


def test_the_view_filters_compares_and_saves_without_a_traceback(folder, tmp_path):
    view = ClassReportView(folder)
    view.section.value = "01_what_is_product_management"
    assert "Showing section What is product management?" in view.body.value
    assert [label for label, _ in view.learner.options] == ["The whole class", "ann", "bob", "cat"]
    view.learner.value = "bob"
    assert "One learner: bob" in view.body.value and "bob: answers" in repr(view)
    view.save_to.value = str(tmp_path / "out")
    view.page_button.click()
    assert "Saved the printable report as" in view.saved.value
    assert "One learner: bob" in (tmp_path / "out" / "class-report.html").read_text("utf-8")
    view.csv_button.click()
    assert "Saved 3 CSV tables" in view.saved.value
    view.learner.value = ""
    view.compare.value = str(folder)
    view.reload_button.click()
    assert "Before and after" in view.body.value and "Change (points)" in view.body.value
    view.compare.value = str(tmp_path / "nope")
    view.reload_button.click()
    assert "The folder to compare with" in view.status.value
    (tmp_path / "file").write_text("x")
    view.save_to.value = str(tmp_path / "file")
    view.csv_button.click()
    assert "Could not save the CSV tables" in view.saved.value
    write(folder, "d.json", learner("dee"))
    view.reload_button.click()
    assert "dee" in [label for label, _ in view.learner.options]


def test_one_table_definition_gives_the_same_rows_as_text_html_and_csv():
    import csv
    import io

    from pm_course.classroom.table import Column, Table, percent

    table = Table(
        "demo",
        "A demo",
        (Column("Name"), Column("Rate", percent, number=True), Column("Note")),
        (("<b>ann</b>", 50.0, "=1+1"), ("bob\nsmith", None, "fine")),
        note="A note.",
    )
    assert table.text() == [
        "A demo",
        "Name        Rate  Note",
        "----------  ----  ----",
        "<b>ann</b>   50%  =1+1",
        "bob smith      –  fine",
        "A note.",
    ]
    html = table.html()
    assert "<td class='txt'>&lt;b&gt;ann&lt;/b&gt;</td><td class='num'>50%</td>" in html
    assert "<caption>A demo</caption>" in html and "<p class='pmc-note'>A note.</p>" in html
    assert list(csv.reader(io.StringIO(table.csv(), newline=""))) == [
        ["Name", "Rate", "Note"],
        ["<b>ann</b>", "50.0", "'=1+1"],
        ["bob\nsmith", "", "fine"],
    ]
    with pytest.raises(ValueError, match="a row has 2 cells, not 3"):
        Table("bad", "Bad", table.columns, (("a", 1),))
