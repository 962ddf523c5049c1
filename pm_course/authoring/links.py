"""Links that put the course in front of a class: an nbgitpuller link for a JupyterHub, and a
Binder link.

An nbgitpuller link (``<hub>/hub/user-redirect/git-pull?...``) makes each learner's server clone
the course repository into a folder of its own the first time and pull updates later (keeping
the learner's own edits), then opens *00 Start here*. A Binder link builds the repository on
mybinder.org and opens the same notebook. Neither fetches anything now: they are only strings.

The repository defaults to this folder's git remote ``origin``, read from ``.git/config``
(no git process, no network).
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .folder import HINT, course_root

START = "notebooks/00_start_here.ipynb"
TARGET = "pm-course"  # the folder each learner's copy goes into
GITHUB = re.compile(r"^(?:https?://|git@|ssh://git@)github\.com[/:]([^/]+)/(.+?)(?:\.git)?/?$")


class LinkError(ValueError):
    """A link cannot be made; the message says which value is wrong and what would work."""


def _http_url(value: str, what: str) -> str:
    """``value`` as an http(s) URL without a trailing slash, or a LinkError naming ``what``."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise LinkError(f"{what} {value!r} is not a web address like https://hub.example.org")
    return value.rstrip("/")


def git_remote(course_dir: Path | str | None = None, remote: str = "origin") -> str:
    """The URL of ``remote`` in the course folder's ``.git/config``, or a LinkError."""
    config_path = course_root(course_dir) / ".git" / "config"
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        raise LinkError(
            f"{course_root(course_dir)} is not a git clone of the course; pass --repo URL, "
            f"or {HINT}"
        ) from None
    section = f'remote "{remote}"'
    if not parser.has_option(section, "url"):
        raise LinkError(
            f"this clone has no git remote {remote!r}; pass --repo URL (for example "
            "https://github.com/OWNER/pm-course)"
        )
    return parser.get(section, "url").strip()


def hub_link(hub: str, repo: str, branch: str = "main", target: str = TARGET) -> str:
    """The nbgitpuller link that clones ``repo`` (``branch``) into ``target`` in each learner's
    home on the JupyterHub at ``hub`` and opens *00 Start here* in JupyterLab."""
    hub = _http_url(hub, "the hub address")
    if hub.endswith("/hub"):
        hub = hub[: -len("/hub")]
    repo, branch = repo.strip(), branch.strip()
    if not repo or any(c.isspace() for c in repo):
        raise LinkError(f"the repository {repo!r} is not a git URL")
    if not re.fullmatch(r"[\w./-]+", branch) or ".." in branch:
        raise LinkError(f"the branch {branch!r} is not a branch name like main")
    if not re.fullmatch(r"[\w.-]+", target) or target in (".", ".."):
        raise LinkError(f"the folder {target!r} must be one plain folder name like pm-course")
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": target,
            "urlpath": f"lab/tree/{target}/{START}",
        },
        quote_via=quote,
        safe="",
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(repo: str, branch: str = "main") -> str:
    """The mybinder.org link for a GitHub ``repo`` that opens *00 Start here* in JupyterLab."""
    match = GITHUB.match(repo.strip())
    if not match:
        raise LinkError(
            f"{repo!r} is not a GitHub repository; Binder links here are made for "
            "https://github.com/OWNER/NAME (other hosts: see mybinder.org)"
        )
    owner, name = match.groups()
    branch = branch.strip()
    if not re.fullmatch(r"[\w./-]+", branch) or ".." in branch:
        raise LinkError(f"the branch {branch!r} is not a branch name like main")
    return (
        f"https://mybinder.org/v2/gh/{quote(owner)}/{quote(name)}/{quote(branch, safe='')}"
        f"?urlpath={quote(f'lab/tree/{START}', safe='/')}"
    )
