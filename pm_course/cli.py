"""The ``pm-course`` command: progress from a terminal, without opening a notebook.

Steps: parse the arguments, open the progress store, run the one subcommand, print.

    pm-course where            the progress file in use
    pm-course progress         per-section progress as a text table
    pm-course export [PATH]    all records as JSON (default: a dated file here)
    pm-course reset --yes      delete all records, after exporting a backup
    pm-course check-content    validate every content file
    pm-course export-results [--name N] [--reflections] [--out DIR]   results for the instructor
    pm-course class-report DIR  the class report of a folder of learners' results files
    pm-course agenda --minutes 90 [--start 09:30]   a timed workshop agenda as Markdown
    pm-course facilitator [--out build/facilitator]  build the facilitator edition
    pm-course slides [--out build/slides]  a reveal.js deck per section, for offline use

agenda, facilitator and slides read the course folder (notebooks/, facilitator/): the current
folder, or the one given with --course DIR.
"""

from __future__ import annotations

import argparse
import sys
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
    from .course.store import export_progress

    store = _store()
    backup = export_progress(Path(f"pm-course-backup-{datetime.now():%Y%m%d-%H%M%S}.json"), store)
    print(f"backup: {backup}\ndeleted {store.reset()} records")
    return 0


def cmd_check_content(args) -> int:
    """Validate the content files; print each section's question count."""
    from .course.content import ContentError, load_sections

    try:
        sections = load_sections()
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for s in sections:
        print(f"{s.slug}.toml: {len(s.questions)} questions, {s.minutes} minutes")
    return 0


def cmd_agenda(args) -> int:
    """Print a timed workshop agenda (Markdown) for --minutes, from --start."""
    from .authoring.agenda import AgendaError, build_agenda, lessons, to_markdown

    try:
        course = lessons(args.course)
        print(to_markdown(build_agenda(args.minutes, args.start, course), course), end="")
    except AgendaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_facilitator(args) -> int:
    """Build the facilitator edition of the notebooks into --out."""
    from .authoring.facilitator import FacilitatorError, build

    try:
        written, skipped = build(Path(args.out), args.course)
    except FacilitatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(str(p) for p in written))
    for slug in skipped:
        print(f"no notes yet for {slug} (facilitator/{slug}.md): not built", file=sys.stderr)
    return 0


def cmd_slides(args) -> int:
    """Build a reveal.js slide deck per section into --out (works offline)."""
    from .authoring.slides import SlidesError, build

    try:
        written = build(Path(args.out), args.course)
    except SlidesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(str(p) for p in written))
    return 0


def cmd_export_results(args) -> int:
    """Write your results file for the instructor (no reflections unless --reflections)."""
    from .classroom.results import export_results

    path = export_results(_store(), args.name, reflections=args.reflections, folder=args.out)
    print(f"exported results to {path}")
    return 0


def cmd_class_report(args) -> int:
    """Print the class report of a folder of learners' results files."""
    from .classroom.report import class_report, report_text

    print(report_text(class_report(args.dir)))
    return 0


COMMANDS = {
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
}


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the exit status."""
    parser = argparse.ArgumentParser(prog="pm-course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in COMMANDS.items():
        p = sub.add_parser(name, help=func.__doc__)
        if name == "export":
            p.add_argument("path", nargs="?", help="where to write the JSON file")
        if name == "reset":
            p.add_argument("--yes", action="store_true", help="confirm the deletion")
        if name == "agenda":
            p.add_argument("--minutes", type=int, required=True, help="length, breaks included")
            p.add_argument("--start", default="09:30", help="start time, HH:MM (default 09:30)")
        if name == "facilitator":
            p.add_argument("--out", default="build/facilitator", help="the folder to write to")
        if name == "slides":
            p.add_argument("--out", default="build/slides", help="the folder to write to")
        if name in ("agenda", "facilitator", "slides"):
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
            p.add_argument("dir", help="the folder of learners' results files")
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
