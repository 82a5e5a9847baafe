"""Sphinx test roots (tests/roots/test-<name>/) built into a temporary folder, and the one way
the tests build a small Sphinx site: sphinx-build's own entry point, run in this process."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sphinx.cmd.build import build_main

from coursekit.content import load_course

from .env import FIXTURES, ROOT, serve

ROOTS = ROOT / "tests" / "roots"
# The data of the tiny site with one mount of every page kind (tests/roots/test-kinds)
KIND_FILES = {
    "exercises/reflections/module1.yml": FIXTURES / "reflections.yml",
    "exercises/arc.yml": ROOT / "exercises" / "arc.yml",
    "exercises/sessions.yml": ROOT / "exercises" / "sessions.yml",
}


def build_root(
    name: str,
    tmp_path: Path,
    scenarios: list[str] = (),
    check: bool = True,
    files: dict[str, Path] | None = None,
):
    """Copy tests/roots/test-<name> and give it a course as an author lays one out: the course's
    exercises/course.yml and each named scenario of tests/fixtures/ at
    exercises/scenarios/<module folder>/<id>.yml, so the content loader reads and checks it like
    any other; ``files``: more files, {path in the site: file to copy}. Build with
    sphinx-build -W; returns (html folder, finished build)."""
    src = lay_out_root(name, tmp_path, scenarios, files)
    out = tmp_path / "html"
    return out, sphinx_build(src, out, check=check)


def lay_out_root(
    name: str, tmp_path: Path, scenarios: list[str] = (), files: dict[str, Path] | None = None
) -> Path:
    """The site of ``build_root`` in tmp_path/src, not built."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{name}", src)
    for target, source in (files or {}).items():
        (src / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, src / target)
    exercises = src / "exercises"
    (exercises / "reflections").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "exercises" / "course.yml", exercises / "course.yml")
    folders = {m.number: m.folder for m in load_course(exercises).modules}
    for fixture in scenarios:
        data = yaml.safe_load((FIXTURES / fixture).read_text(encoding="utf-8"))
        target = exercises / "scenarios" / folders[data["module"]] / f"{data['id']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, target)
    (exercises / "scenarios").mkdir(exist_ok=True)
    return src


@contextlib.contextmanager
def served_root(name: str, tmp_path: Path, scenarios: list[str] = ()):
    """build_root, then serve the site on a free loopback port; yields (base url, html folder)."""
    out, _ = build_root(name, tmp_path, scenarios)
    base, server = serve(out)
    try:
        yield base, out
    finally:
        server.shutdown()
        server.server_close()


def sphinx_build(src: Path, out: Path, check: bool = True) -> subprocess.CompletedProcess:
    """`sphinx-build -W --keep-going -q -b html src out`, through the function the command calls
    (sphinx.cmd.build.build_main) in this process: the same options, exit status, warnings and
    error messages, without starting a Python for each small site. A failed build fails the test
    when `check`; the result has returncode, stdout and stderr like a finished command."""
    args = ["-W", "--keep-going", "-q", "-b", "html", str(src), str(out)]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = build_main(args)
    proc = subprocess.CompletedProcess(
        ["sphinx-build", *args], code, stdout.getvalue(), stderr.getvalue()
    )
    if check and code != 0:
        pytest.fail(
            f"sphinx-build {src} exited {code}\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"
        )
    return proc
