"""The files of the course's JupyterHub (deploy/jupyterhub/hubfiles.py), without a running hub:
the modes of the hub's course copy (graders' files closed to learners, nothing of a class's
work, lists or private exemplars copied), and no exchange or copy ever opening a private
folder. Needs root (the hub's group) and `make hub-deps`."""

from __future__ import annotations

import grp
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from support.env import ROOT

sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
import hubfiles  # noqa: E402
from loopback import HUB_HOME  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub's group and file owners: run as root"),
]

MODULE = "module1"
ADMIN = [sys.executable, str(ROOT / "deploy" / "jupyterhub" / "admin.py")]


def _modes(top: Path):
    for path in [top, *top.rglob("*")]:
        if not path.is_symlink():
            yield path, path.relative_to(top), stat.S_IMODE(path.stat().st_mode)


def test_the_hubs_servers_import_no_iri_grammar():
    """`make hub-deps` leaves out rfc3987-syntax, whose import was half a server's start;
    the server's modules import, and jsonschema checks formats, without it."""
    probe = (
        "import sys, jsonschema, jupyter_server.serverapp; "
        "jsonschema.validate('2026-12-08', {'format': 'date'}, "
        "format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER); "
        "sys.exit('rfc3987_syntax' in sys.modules)"
    )
    done = subprocess.run([str(HUB_HOME / "env" / "bin" / "python"), "-c", probe], timeout=120)
    assert done.returncode == 0, "the hub's environment imports rfc3987_syntax"


def test_file_modes_in_the_hubs_course_copy(tmp_path):
    gid = grp.getgrnam(hubfiles.GROUP).gr_gid
    copy = HUB_HOME / "course"
    for path, rel, mode in _modes(copy):
        assert not mode & 0o002, f"{path}: writable by everyone"
        if rel.parts[:2] in {("exercises", p) for p in hubfiles.EXERCISES_GRADERS}:
            assert path.stat().st_gid == gid and not mode & 0o007, f"{path}: {mode:o}"
        else:
            assert mode & 0o004, f"{path}: {mode:o}, but every user must read it"
    assert {p.name for p in (copy / "exercises").iterdir()} <= set(
        hubfiles.EXERCISES_PUBLIC + hubfiles.EXERCISES_GRADERS
    )
    # A clone holding a class's work, lists, keys and private exemplars: none of it is copied.
    src = tmp_path / "clone"
    for part in hubfiles.COURSE_PARTS:
        (src / part).parent.mkdir(parents=True, exist_ok=True)
        (src / part).mkdir() if "." not in part else (src / part).write_text("x")
    for part in hubfiles.EXERCISES_PUBLIC + hubfiles.EXERCISES_GRADERS:
        (src / "exercises" / part).mkdir(parents=True)
    private = ["gradebook.db", "grades.csv", "students.csv", f"{MODULE}-pseudonyms.json"]
    private_dirs = [
        "submitted",
        "autograded",
        "feedback",
        "grading",
        "feedback-journals",
        "reflections-private",
    ]
    for name in private:
        (src / "exercises" / name).write_text("private")
    for name in private_dirs:
        (src / "exercises" / name).mkdir()
        (src / "exercises" / name / "x.json").write_text("private")
    (src / "exercises" / "reflections" / f"{MODULE}.yml").write_text("exemplar: x")
    top = Path(tempfile.mkdtemp(prefix="ckt-copy-"))
    os.chmod(top, 0o755)
    try:
        made = hubfiles.copy_course(top / "course", src)
        copied = {str(rel) for _, rel, _ in _modes(made)}
        assert not any(name in part for part in copied for name in private + private_dirs), copied
        mode = stat.S_IMODE((made / "exercises" / "reflections" / f"{MODULE}.yml").stat().st_mode)
        assert mode == 0o640, f"{mode:o}"
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_exchange_and_copies_never_open_a_private_folder():
    top = Path(tempfile.mkdtemp(prefix="ckt-private-"))
    os.chmod(top, 0o755)
    private = top / "mine"
    private.mkdir()
    os.chmod(private, 0o700)
    try:
        for make in (hubfiles.make_exchange, hubfiles.copy_course, hubfiles.shared_course_folder):
            with pytest.raises(ValueError, match=f"{private} is private"):
                make(private / "inside")
            assert stat.S_IMODE(private.stat().st_mode) == 0o700, make.__name__
            assert not (private / "inside").exists()
        proc = subprocess.run(
            [*ADMIN, "exchange", str(private / "inside")], capture_output=True, text=True
        )
        assert proc.returncode == 1 and "never opens a private folder" in proc.stderr, proc.stderr
    finally:
        shutil.rmtree(top, ignore_errors=True)
