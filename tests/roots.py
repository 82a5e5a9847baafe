"""Sphinx test roots (tests/roots/test-<name>/) built into a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import BIN, ROOT, run

ROOTS = ROOT / "tests" / "roots"
FIXTURES = ROOT / "tests" / "fixtures"


def build_root(name: str, tmp_path: Path, fixtures: list[str] = (), check: bool = True):
    """Copy tests/roots/test-<name> (with the named files of tests/fixtures/ in its fixtures/
    folder and an empty exercises/ course) and build it with sphinx-build -W; (html, process)."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{name}", src)
    (src / "fixtures").mkdir(exist_ok=True)
    for fixture in fixtures:
        shutil.copy(FIXTURES / fixture, src / "fixtures" / fixture)
    for folder in ("exercises/scenarios", "exercises/reflections"):
        (src / folder).mkdir(parents=True, exist_ok=True)
    out = tmp_path / "html"
    proc = run([BIN / "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", src, out], check=check)
    return out, proc
