"""Binder as it really builds and serves the course: repo2docker's plan, postBuild for real,
and (with tests/test_browser.py) the browser tests on Binder's JupyterLab.

These run in a second environment pinned to the versions Binder serves (`make test-binder`,
part of `make test`); the main environment deselects them (marker ``binder``).
"""

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = pytest.mark.binder

ROOT = Path(__file__).resolve().parents[1]
#: What mybinder.org's base image has (repo2docker 2026.4; see the recipes). On these, Run All
#: sometimes left a cell at [*] for good (also with ipykernel 7.1.0), and a box whose parts
#: arrived late showed "model not found" (ipywidgets 8.1.7).
BINDER_IMAGE = {
    "jupyterlab": "4.4.9",
    "jupyter-server": "2.17.0",
    "ipykernel": "7.0.1",
    "ipywidgets": "8.1.7",
}


def environment_floors() -> dict[str, str]:
    """environment.yml's ``name>=version`` entries, by PyPI-style name."""
    import yaml

    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    floors = {}
    for dep in spec["dependencies"]:
        if isinstance(dep, str) and ">=" in dep:
            name, low = dep.split(">=")
            floors[name.strip().replace("_", "-")] = low.strip()
    return floors


def test_binder_upgrades_what_its_image_has_to_the_versions_tested_here():
    """environment.yml's floors are above the image's versions (so Binder's build upgrades
    them) and are exactly what this environment runs (the lowest versions Binder serves)."""
    from packaging.version import Version

    floors = environment_floors()
    for name, image in BINDER_IMAGE.items():
        assert Version(floors[name]) > Version(image), f"{name}: Binder would keep {image}"
        assert Version(version(name)) == Version(floors[name]), f"{name}: not the floor here"


def repository_copy(tmp_path: Path) -> Path:
    """The repository's files as git would hand them to repo2docker (tracked and new, not
    ignored), without the .git folder."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    target = tmp_path / "repo"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_repo2docker_builds_the_environment_before_copying_the_course(tmp_path):
    """Binder caches the conda environment only if it is built before the repository is
    copied in; the course is then installed by postBuild."""
    repo2docker = Path(sys.executable).with_name("repo2docker")
    done = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", "--user-id", "1000",
         "--user-name", "jovyan", str(repository_copy(tmp_path))],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    dockerfile = done.stdout + done.stderr
    environment = dockerfile.index('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    copy = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    post_build = dockerfile.index("RUN ./postBuild")
    assert environment < copy < post_build, "environment first, then the course, then postBuild"


def test_postbuild_installs_the_course_the_settings_and_this_python(tmp_path):
    """Run postBuild for real, as Binder does, in a copy of the repository and into this
    (throwaway) environment; then put the environment back on this checkout."""
    import platform

    repo = repository_copy(tmp_path)
    notebook = repo / "notebooks" / "01_what_is_product_management.ipynb"
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["metadata"]["language_info"]["version"] = "3.0.0"  # as if run with another Python
    notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    env = {**os.environ, "NB_PYTHON_PREFIX": sys.prefix}
    try:
        done = subprocess.run(
            ["bash", "postBuild"], cwd=repo, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-2000:]
        found = subprocess.run(  # from another folder, so only the installed course answers
            [sys.executable, "-c", "import pm_course; print(pm_course.__file__)"],
            cwd=tmp_path, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert Path(found).is_relative_to(repo / "pm_course"), "installed editable, from the copy"
    finally:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)],
            capture_output=True, check=True, timeout=600,
        )  # fmt: skip
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    overrides = json.loads(settings.read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/notebook-extension:tracker"] == {"windowingMode": "none"}
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    for path in (repo / "notebooks").rglob("*.ipynb"):  # opens unchanged with this kernel
        info = json.loads(path.read_text(encoding="utf-8"))["metadata"]["language_info"]
        assert info["version"] == platform.python_version(), path.name
