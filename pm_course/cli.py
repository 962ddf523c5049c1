"""The ``pm-course`` command: progress from a terminal, without opening a notebook.

Steps: parse the arguments, open the progress store, run the one subcommand, print.

    pm-course where            the progress file in use
    pm-course progress         per-section progress as a text table
    pm-course export [PATH]    all records as JSON (default: a dated file here)
    pm-course reset --yes      delete all records, after exporting a backup
    pm-course check-content    validate every content file
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path


def _store():
    """The learner's store, with its warnings printed."""
    from .store import Store

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
    from .summary import progress_table, section_progress

    print(progress_table(section_progress(_store())))
    return 0


def cmd_export(args) -> int:
    """Export every record as JSON."""
    from .progress_view import export_progress

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
    from .progress_view import export_progress

    store = _store()
    backup = export_progress(Path(f"pm-course-backup-{datetime.now():%Y%m%d-%H%M%S}.json"), store)
    print(f"backup: {backup}\ndeleted {store.reset()} records")
    return 0


def cmd_check_content(args) -> int:
    """Validate the content files; print each section's question count."""
    from .content import ContentError, load_sections

    try:
        sections = load_sections()
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for s in sections:
        print(f"{s.slug}.toml: {len(s.questions)} questions, {s.minutes} minutes")
    return 0


COMMANDS = {
    "where": cmd_where,
    "progress": cmd_progress,
    "export": cmd_export,
    "reset": cmd_reset,
    "check-content": cmd_check_content,
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
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
