"""coursekit as a package: its wheel builds without warnings, installs into a fresh
environment, and builds a tiny book that lives outside this repository."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig

import pytest
import yaml
from support.content import good_scenario
from support.env import ROOT

CONF = (
    'extensions = ["coursekit.sphinx"]\nproject = "Tiny"\nexclude_patterns = ["exercises", '
    '"_build"]\n'
)
INDEX = "Tiny\n====\n\n.. scenario:: m1-test\n"


@pytest.mark.slow
def test_wheel_installs_and_builds_a_book_elsewhere(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "coursekit", src / "coursekit", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", src)
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import setuptools.build_meta as b, sys; print(b.build_wheel(sys.argv[1]))",
            tmp_path / "dist",
        ],
        cwd=src,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )  # its notice is no warning
    assert build.returncode == 0, build.stderr
    assert "warning" not in (build.stdout + build.stderr).lower(), build.stderr
    wheel = tmp_path / "dist" / build.stdout.split()[-1]

    # A fresh environment: coursekit from the wheel only; its dependencies are borrowed from
    # this environment's site-packages through a .pth (offline and fast). The .pth adds the
    # folder without running its own .pth files, so the editable install here stays out.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (tmp_path / "venv" / purelib.split(str(venv) + "/")[1] / "borrowed.pth").write_text(
        "\n".join([sysconfig.get_paths()["purelib"], *site.getsitepackages()]) + "\n"
    )
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            wheel,
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr

    book = tmp_path / "tiny"
    (book / "exercises" / "scenarios" / "module1").mkdir(parents=True)
    (book / "book").mkdir()
    shutil.copy(ROOT / "exercises" / "course.yml", book / "exercises")
    (book / "exercises" / "scenarios" / "module1" / "m1-test.yml").write_text(
        yaml.safe_dump(good_scenario())
    )
    (book / "conf.py").write_text(CONF)
    (book / "index.rst").write_text(INDEX)
    where = subprocess.run(
        [python, "-c", "import coursekit; print(coursekit.__file__)"],
        cwd=book,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(purelib), where
    proc = subprocess.run(
        [python, "-m", "sphinx", "-W", "-q", "-b", "html", book, book / "_build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    page = (book / "_build" / "index.html").read_text(encoding="utf-8")
    assert 'data-coursekit-scenario="m1-test"' in page
    assert (book / "_build" / "_static" / "coursekit" / "scenario.js").exists()
