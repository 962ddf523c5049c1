"""Safe file writing: a file is either its old self or complete, never half written.

Every file the course writes for a learner (an export of their records, a results file for
the instructor, a certificate) goes through :func:`write_text_atomic`: the text is written to
a temporary file in the same folder (``.<name>.<8 characters>.tmp``), flushed and synced to
disk, renamed over the target in one step, and the folder synced so the rename lasts too.
A failure or an interrupt at any moment leaves the old file (or none) and no temporary one; a
process killed outright (kill -9, a power cut) may leave its temporary file, which the next
write of the same file removes once it is more than a minute old.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path

#: A temporary file is left alone this long: a younger one may belong to a writer still at work.
STALE_SECONDS = 60
_PREFIX, _SUFFIX = ".{name}.", ".tmp"
_RANDOM = r"[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically; returns the path.

    The folder is created if needed. On any failure the temporary file is removed and the
    error raised, an OSError naming ``path`` itself (not the temporary file); the target keeps
    its old content. A target that is a folder is refused (IsADirectoryError).
    """
    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
        _make_folder(path.parent)
        remove_stale_temporary_files(path)
        _write(path, text)
    except OSError as exc:
        if exc.errno is None or exc.filename == str(path) or type(exc).__module__ != "builtins":
            raise
        raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
    _sync_folder(path.parent)
    return path


def write_json_atomic(path: Path | str, data: object) -> Path:
    """Write ``data`` as JSON (UTF-8, indented) to ``path`` atomically; returns the path."""
    return write_text_atomic(path, json_text(data))


def json_text(data: object) -> str:
    """``data`` as the JSON text :func:`write_json_atomic` writes (to measure it first)."""
    return json.dumps(data, ensure_ascii=False, indent=1)


def temporary_pattern(path: Path) -> re.Pattern[str]:
    """The names of the temporary files written on the way to ``path``, and only those."""
    prefix = _PREFIX.format(name=path.name)
    return re.compile(re.escape(prefix) + _RANDOM + re.escape(_SUFFIX))


def remove_stale_temporary_files(path: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove what a killed writer of ``path`` left: its own temporary files, regular files
    untouched for ``older_than`` seconds. Returns what was removed; never raises."""
    pattern = temporary_pattern(path)
    removed: list[Path] = []
    cutoff = time.time() - older_than
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _write(path: Path, text: str) -> None:
    """Temporary file, write, fsync, rename; the temporary file goes on any failure."""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=_PREFIX.format(name=path.name), suffix=_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:  # also KeyboardInterrupt: no temporary file outlives the write
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, syncing each new folder's parent."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        _sync_folder(new.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename or a new entry durable where the system allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
