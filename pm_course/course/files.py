"""Safe file writing: a file is either its old self or complete, never half written.

Every file the course writes for a learner (an export of their records, a results file for
the instructor, a certificate) goes through :func:`write_text_atomic`: the text is written to
a temporary file in the same folder, flushed to disk, then renamed over the target in one step.
A crash, a full disk or a kill at any moment leaves the old file (or none) and no temporary one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically; returns the path.

    The folder is created if needed. On any failure the temporary file is removed and the
    error raised; the target keeps its old content.
    """
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return path


def write_json_atomic(path: Path | str, data: object) -> Path:
    """Write ``data`` as JSON (UTF-8, indented) to ``path`` atomically; returns the path."""
    return write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
