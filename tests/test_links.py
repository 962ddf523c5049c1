"""Links for a class: the nbgitpuller link for a JupyterHub and the Binder link."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from pm_course.authoring.links import LinkError, binder_link, git_remote, hub_link
from pm_course.cli import main

REPO = "https://github.com/example-charity/pm-course"


def test_hub_link_clones_into_its_own_folder_and_opens_start_here():
    link = hub_link("https://hub.example.org/", REPO, "main")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "hub.example.org",
        "/hub/user-redirect/git-pull",
    )
    assert parse_qs(parts.query) == {
        "repo": [REPO],
        "branch": ["main"],
        "targetpath": ["pm-course"],
        "urlpath": ["lab/tree/pm-course/notebooks/00_start_here.ipynb"],
    }
    assert " " not in link and "%2F" in link, "the query is fully escaped"


def test_a_hub_address_with_a_path_or_hub_suffix_keeps_its_prefix():
    assert hub_link("https://uni.example/jupyter/hub", REPO).startswith(
        "https://uni.example/jupyter/hub/user-redirect/git-pull?"
    )


@pytest.mark.parametrize(
    ("hub", "repo", "branch", "message"),
    [
        ("hub.example.org", REPO, "main", "not a web address"),
        ("ftp://hub.example.org", REPO, "main", "not a web address"),
        ("https://hub.example.org", "", "main", "not a git URL"),
        ("https://hub.example.org", "a repo with spaces", "main", "not a git URL"),
        ("https://hub.example.org", REPO, "../etc", "not a branch name"),
        ("https://hub.example.org", REPO, "main branch", "not a branch name"),
    ],
)
def test_bad_hub_link_values_say_what_is_wrong(hub, repo, branch, message):
    with pytest.raises(LinkError, match=message):
        hub_link(hub, repo, branch)


@pytest.mark.parametrize(
    "repo",
    [REPO, REPO + ".git", "git@github.com:example-charity/pm-course.git", REPO + "/"],
)
def test_binder_link_from_any_form_of_a_github_url(repo):
    assert binder_link(repo) == (
        "https://mybinder.org/v2/gh/example-charity/pm-course/main"
        "?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    )


def test_binder_link_refuses_other_hosts():
    with pytest.raises(LinkError, match="not a GitHub repository"):
        binder_link("https://gitlab.example/x/pm-course")


def write_git_config(folder, text):
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text(text, encoding="utf-8")


def test_the_repository_defaults_to_the_clones_origin(tmp_path, capsys):
    write_git_config(tmp_path, f'[core]\n\tbare = false\n[remote "origin"]\n\turl = {REPO}.git\n')
    assert git_remote(tmp_path) == REPO + ".git"
    assert main(["binder-link", "--course", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().startswith("https://mybinder.org/v2/gh/example-charity/")
    assert main(["hub-link", "--hub", "https://hub.example.org", "--course", str(tmp_path)]) == 0
    assert "repo=https%3A%2F%2Fgithub.com" in capsys.readouterr().out


def test_no_clone_or_no_origin_says_pass_repo(tmp_path, capsys):
    assert main(["binder-link", "--course", str(tmp_path)]) == 2
    assert "pass --repo URL" in capsys.readouterr().err
    write_git_config(tmp_path, "[core]\n\tbare = false\n")
    assert main(["hub-link", "--hub", "https://h.example", "--course", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"no git remote 'origin'; pass --repo URL", err)
    assert main(["hub-link", "--hub", "nope", "--repo", REPO]) == 2
    assert "not a web address" in capsys.readouterr().err
