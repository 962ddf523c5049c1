"""The ``pm-course`` command: progress from a terminal, without opening a notebook.

Steps: parse the arguments, open the progress store, run the one subcommand, print.

    pm-course where            the progress file in use
    pm-course progress         per-section progress as a text table
    pm-course export [PATH]    all records as JSON (default: a dated file here)
    pm-course reset --yes      delete all records, after exporting a backup
    pm-course check-content    validate every content file
    pm-course export-results [--name N] [--reflections] [--out DIR]   results for the instructor
    pm-course class-report DIR [--section 03] [--learner NAME] [--min-answers 5]
        [--compare BEFORE] [--csv DIR] [--html FILE]   the class report of a folder of
        learners' results files, as text, CSV tables or a printable page
    pm-course agenda --minutes 90 [--start 09:30] [--sections 01,05.3]   a workshop agenda
    pm-course facilitator [--out build/facilitator]  build the facilitator edition
    pm-course slides [--out build/slides]  a reveal.js deck per section, for offline use
    pm-course hub-link --hub URL [--repo URL] [--branch main]   one link for a JupyterHub class
    pm-course binder-link [--repo URL] [--branch main]   the Binder link for a GitHub copy

agenda, facilitator and slides read the course folder (notebooks/, facilitator/): the current
folder, or the one given with --course DIR.

A command that fails says why in one sentence on stderr ("error: ...") and exits non-zero
(1, or 2 for agenda's arguments, 130 when interrupted); --debug shows the traceback instead.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def _store():
    """The learner's store, with its warnings printed."""
    from .course.store import Store

    store = Store()
    for warning in store.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return store


def cmd_where(args) -> int:
    """Print where progress is saved."""
    store = _store()
    print("memory only (no file can be used)" if store.in_memory else store.path)
    return 0


def cmd_progress(args) -> int:
    """Print the progress table."""
    from .course.summary import progress_table, section_progress

    print(progress_table(section_progress(_store())))
    return 0


def cmd_export(args) -> int:
    """Export every record as JSON."""
    from .course.store import export_progress

    print(f"exported to {export_progress(args.path, _store())}")
    return 0


def cmd_reset(args) -> int:
    """Delete every record after a backup; refuses without --yes."""
    if not args.yes:
        print(
            "This deletes all your answers. Run again with --yes to confirm "
            "(a backup is exported first).",
            file=sys.stderr,
        )
        return 2
    from .course.store import StoreError, export_progress

    store = _store()
    path = Path(f"pm-course-backup-{datetime.now():%Y%m%d-%H%M%S}.json")
    try:
        backup = export_progress(path, store)
    except OSError as exc:
        raise Failure(
            f"cannot write the backup {_sentence(exc)}, so nothing was deleted; "
            "run it from a folder you can write to"
        ) from exc
    try:
        count = store.reset()
    except StoreError as exc:
        raise Failure(f"{exc} Your backup is {backup}") from exc
    print(f"backup: {backup}\ndeleted {count} records")
    return 0


def cmd_check_content(args) -> int:
    """Validate the content files; print each section's question count."""
    from .course.content import load_sections

    for s in load_sections():
        print(f"{s.slug}.toml: {len(s.questions)} questions, {s.minutes} minutes")
    return 0


def cmd_agenda(args) -> int:
    """Print a timed workshop agenda (Markdown) for --minutes, from --start."""
    from .authoring.agenda import build_agenda, lessons, to_markdown

    course = lessons(args.course)
    agenda = build_agenda(args.minutes, args.start, course, sections=args.sections)
    print(to_markdown(agenda, course), end="")
    return 0


def cmd_facilitator(args) -> int:
    """Build the facilitator edition of the notebooks into --out."""
    from .authoring.facilitator import build

    written, skipped = build(Path(args.out), args.course)
    print("\n".join(str(p) for p in written))
    for slug in skipped:
        print(f"no notes yet for {slug} (facilitator/{slug}.md): not built", file=sys.stderr)
    return 0


def cmd_slides(args) -> int:
    """Build a reveal.js slide deck per section into --out (works offline)."""
    from .authoring.slides import build

    written = build(Path(args.out), args.course)
    print("\n".join(str(p) for p in written))
    return 0


def _repo(args) -> str:
    """--repo, or the course folder's git remote "origin"."""
    from .authoring.links import git_remote

    return args.repo or git_remote(args.course)


def cmd_hub_link(args) -> int:
    """Print the nbgitpuller link that gives every learner on a JupyterHub their own copy."""
    from .authoring.links import hub_link

    print(hub_link(args.hub, _repo(args), args.branch))
    return 0


def cmd_binder_link(args) -> int:
    """Print the mybinder.org link that opens 00 Start here from a GitHub repository."""
    from .authoring.links import binder_link

    print(binder_link(_repo(args), args.branch))
    return 0


def cmd_export_results(args) -> int:
    """Write your results file for the instructor (no reflections unless --reflections)."""
    from .classroom.results import export_results

    path = export_results(_store(), args.name, reflections=args.reflections, folder=args.out)
    print(f"exported results to {path}")
    return 0


def cmd_class_report(args) -> int:
    """Print the class report of a folder of learners' results files (and save it as CSV
    tables or a printable page)."""
    from .classroom.report import class_report, compare_table, learner_tables, report_text, tables
    from .classroom.table import write_csv

    if args.min_answers < 1:
        raise Failure(f"--min-answers must be 1 or more, not {args.min_answers}")
    options = {"strict": True, "min_answers": args.min_answers, "section": args.section}
    report = class_report(args.dir, **options)
    before = class_report(args.compare, **options) if args.compare else None
    if args.learner is not None:
        shown = learner_tables(report, args.learner)  # fails on a learner not in the class
    else:
        shown = ([compare_table(before, report)] if before else []) + tables(report)
    if args.html:
        from .classroom.report_page import printable_html
        from .course.files import write_text_atomic

        page = printable_html(report, learner=args.learner, compare=before)
        print(f"printable report: {write_text_atomic(Path(args.html), page)}", file=sys.stderr)
    if args.csv:
        written = write_csv(shown, args.csv)
        print(f"{len(written)} CSV tables in {Path(args.csv)}", file=sys.stderr)
    if not (args.html or args.csv) or args.print:
        print(report_text(report, learner=args.learner, compare=before))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "where": cmd_where,
    "progress": cmd_progress,
    "export": cmd_export,
    "reset": cmd_reset,
    "check-content": cmd_check_content,
    "export-results": cmd_export_results,
    "class-report": cmd_class_report,
    "agenda": cmd_agenda,
    "facilitator": cmd_facilitator,
    "slides": cmd_slides,
    "hub-link": cmd_hub_link,
    "binder-link": cmd_binder_link,
}

#: A command's exit status when it fails, if not 1: these commands' failures come from their
#: arguments.
FAILURE_STATUS = {"agenda": 2, "hub-link": 2, "binder-link": 2}


class Failure(Exception):
    """A command cannot do what was asked; the message is the sentence the user reads."""


def run(command: str, args: argparse.Namespace) -> int:
    """Run one command: any failure is one sentence on stderr and a non-zero status.

    The one place failures are caught, so no command copies it; ``--debug`` lets the
    exception through, with its traceback.
    """
    try:
        status = COMMANDS[command](args)
        sys.stdout.flush()  # a pipe closed early fails here, not after main has returned
        return status
    except BrokenPipeError:  # the reader went away (pm-course ... | head): nothing to say
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        sentence = _sentence(exc)
        if not isinstance(exc, OSError | ValueError | RuntimeError | sqlite3.Error | Failure):
            sentence += " (a fault in pm-course: run again with --debug and report it)"
        print(f"error: {sentence}", file=sys.stderr)
        return FAILURE_STATUS.get(command, 1)


def _sentence(exc: BaseException) -> str:
    """An exception in words on one line: ``<path>: <reason>`` for a file system error."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        _, target, why = exc.args[0][0]  # copytree's list of (source, target, reason)
        more = len(exc.args[0]) - 1
        return f"{_printable(target)}: {_line(why)}" + (f" (and {more} more)" if more else "")
    if isinstance(exc, OSError) and exc.strerror:
        reason = _line(exc.strerror[:1].lower() + exc.strerror[1:])
        return f"{_printable(exc.filename)}: {reason}" if exc.filename is not None else reason
    return _line(str(exc).strip() or type(exc).__name__)


def _line(text: object) -> str:
    """A message on one line: line breaks become spaces, other control characters escaped."""
    return _printable(" ".join(str(text).splitlines()))


def _printable(text: object) -> str:
    """Control characters (and undecodable bytes) shown escaped, never sent to the terminal."""
    text = os.fsdecode(text) if isinstance(text, bytes | os.PathLike) else str(text)
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="pm-course", description=__doc__.splitlines()[0].replace("``", "")
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in COMMANDS.items():
        p = sub.add_parser(name, help=func.__doc__)
        p.add_argument("--debug", action="store_true", help="on failure, show the traceback")
        if name == "export":
            p.add_argument("path", nargs="?", help="where to write the JSON file")
        if name == "reset":
            p.add_argument("--yes", action="store_true", help="confirm the deletion")
        if name == "agenda":
            p.add_argument("--minutes", type=int, required=True, help="length, breaks included")
            p.add_argument("--start", default="09:30", help="start time, HH:MM (default 09:30)")
            p.add_argument(
                "--sections",
                help="only these sections or parts, e.g. 01,03,05.3 (default: a tour of all)",
            )
        if name == "facilitator":
            p.add_argument("--out", default="build/facilitator", help="the folder to write to")
        if name == "slides":
            p.add_argument("--out", default="build/slides", help="the folder to write to")
        if name == "hub-link":
            p.add_argument("--hub", required=True, help="the hub's address, https://...")
        if name in ("hub-link", "binder-link"):
            p.add_argument(
                "--repo", help="the course's git URL (default: this clone's remote origin)"
            )
            p.add_argument("--branch", default="main", help="the branch (default main)")
        if name in ("agenda", "facilitator", "slides", "hub-link", "binder-link"):
            p.add_argument(
                "--course",
                default=".",
                metavar="DIR",
                help="the course folder, holding notebooks/ (default: the current folder)",
            )
        if name == "export-results":
            p.add_argument("--name", help="your name or code (default: a random code)")
            p.add_argument("--reflections", action="store_true", help="include your reflections")
            p.add_argument("--out", help="folder to write to (default: $PM_COURSE_CLASS_DIR or .)")
        if name == "class-report":
            p.add_argument("dir", metavar="FOLDER", help="the folder of learners' results files")
            p.add_argument("--section", help="one section only, by number (03) or name")
            p.add_argument("--learner", metavar="NAME", help="one learner's view, by pseudonym")
            p.add_argument(
                "--min-answers",
                type=int,
                default=5,
                metavar="N",
                help="questions answered by fewer learners are not ranked or analysed (default 5)",
            )
            p.add_argument(
                "--compare",
                metavar="BEFORE",
                help="an earlier session's folder: show the change per question",
            )
            p.add_argument("--csv", metavar="DIR", help="write every table as a CSV file in DIR")
            p.add_argument("--html", metavar="FILE", help="write a printable HTML report")
            p.add_argument(
                "--print",
                action="store_true",
                help="print the text report too when writing --csv or --html",
            )
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a name no terminal can show is escaped, not fatal
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    return run(args.command, args)


if __name__ == "__main__":
    sys.exit(main())
