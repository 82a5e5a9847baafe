"""The hub's files and who may read them: the course copy every user reads, with the graders'
part (exemplars) for the instructors group only; the instructors' shared course folder; the
exchange. Used by admin.py. Run as root.

Modes are set here, never taken from the clone (which may be private, or made with another
umask), and no parent folder is ever widened: a folder every user must reach has to sit
where every user can already reach it, or the command stops and says which parent is closed.
"""

from __future__ import annotations

import grp
import os
import shutil
import stat
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
GROUP = "coursekit-instructors"  # the Unix group of the hub's instructors and assistants
# What the hub's users read from the course: the engine, the learner notebooks, the hub's own
# configuration (with the proxy in deploy/jupyterhub/node_modules), and from exercises/ only
# the parts listed below: never a class's work, grades, lists, keys or private exemplars.
COURSE_PARTS = (
    "coursekit",
    "notebooks",
    "deploy",
    "pyproject.toml",
    "requirements.txt",
    "README.md",
)
EXERCISES_PUBLIC = (
    "course.yml",
    "arc.yml",
    "scenarios",
    "schema",
    "templates",
    "nbgrader_config.py",
    "README.md",
)
EXERCISES_GRADERS = ("reflections", "source")  # the exemplars: the instructors group only
SKIP = ("__pycache__", ".ipynb_checkpoints")


def ensure_group() -> int:
    subprocess.run(["groupadd", "-f", GROUP], check=True, timeout=30)
    return grp.getgrnam(GROUP).gr_gid


def closed_parent(path: Path) -> Path | None:
    """The first folder above ``path`` that other users cannot pass through, if any."""
    for parent in reversed(Path(path).resolve().parents):
        if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
            return parent
    return None


def require_reachable(path: Path, what: str) -> None:
    closed = closed_parent(path)
    if closed is not None:
        mode = stat.S_IMODE(closed.stat().st_mode)
        raise ValueError(
            f"{path}: {what} must be reachable by every hub user, but {closed} is private "
            f"(mode {mode:o}); this command never opens a private folder: choose a place such "
            "as /opt or /srv, or open that folder yourself (chmod o+x) if you mean to"
        )


def make_dirs(path: Path, mode: int = 0o755) -> None:
    """``path`` and the parents it lacks, each new one with ``mode`` (whatever the umask)."""
    for folder in [*reversed(Path(path).parents), Path(path)]:
        if not folder.exists():
            folder.mkdir()
            os.chmod(folder, mode)


def _copy(src: Path, dst: Path, dir_mode: int, file_mode: int, gid: int = 0) -> None:
    """``src`` to ``dst`` with the given modes (files keep their execute bits as 0o111 & mode)."""
    if src.is_symlink():
        dst.symlink_to(os.readlink(src))
        return
    if src.is_dir():
        dst.mkdir(exist_ok=True)
        for child in sorted(src.iterdir()):
            if child.name not in SKIP and not child.name.endswith(".progress.json"):
                _copy(child, dst / child.name, dir_mode, file_mode, gid)
        mode = dir_mode
    else:
        shutil.copyfile(src, dst)
        mode = file_mode | (0o111 & dir_mode if src.stat().st_mode & stat.S_IXUSR else 0)
    os.chown(dst, 0, gid, follow_symlinks=False)
    os.chmod(dst, mode)


def copy_course(dst: str | Path, src: Path = REPO) -> Path:
    """The course the hub's users read, in ``dst``: public parts 0755/0644, the exemplars
    (reflections/ and source/) 2750/0640 for the group GROUP. A fresh copy every time."""
    dst = Path(dst)
    require_reachable(dst, "the course copy")
    gid = ensure_group()
    shutil.rmtree(dst, ignore_errors=True)
    make_dirs(dst)
    for part in COURSE_PARTS:
        _copy(src / part, dst / part, 0o755, 0o644)
    (dst / "exercises").mkdir()
    os.chmod(dst / "exercises", 0o755)
    for part in EXERCISES_PUBLIC:
        if (src / "exercises" / part).exists():
            _copy(src / "exercises" / part, dst / "exercises" / part, 0o755, 0o644)
    for part in EXERCISES_GRADERS:
        _copy(src / "exercises" / part, dst / "exercises" / part, 0o2750, 0o640, gid)
    return dst


def shared_course_folder(folder: str | Path, src: Path = REPO) -> Path:
    """The course folder every instructor and assistant grades in (their ~/exercises): a copy
    of the course's exercises/ (no class outputs), for the group GROUP only (2770/0660, so
    what one of them writes the others can change); made once, never over a class's work."""
    folder = Path(folder)
    require_reachable(folder, "the instructors' course folder")
    gid = ensure_group()
    if folder.exists():
        return folder
    make_dirs(folder.parent)
    folder.mkdir()
    for part in EXERCISES_PUBLIC + EXERCISES_GRADERS:
        if (src / "exercises" / part).exists():
            _copy(src / "exercises" / part, folder / part, 0o2770, 0o660, gid)
    # SQLite makes a database 0644 whatever the umask: an empty one made here, group-writable,
    # is what nbgrader fills, so every grader can write the grades (its journal files follow it).
    (folder / "gradebook.db").touch()
    for path in (folder, folder / "gradebook.db"):
        os.chown(path, 0, gid)
    os.chmod(folder / "gradebook.db", 0o660)
    os.chmod(folder, 0o2770)
    return folder


def make_exchange(root: str | Path) -> Path:
    """nbgrader's exchange: everyone may write (mode 777) and, with the sticky bit, nobody may
    delete what another user put there. nbgrader itself makes each course's inbound/ folder
    writable but not listable (2733), so learners cannot see one another's submissions."""
    root = Path(root)
    require_reachable(root, "the exchange")
    make_dirs(root)
    os.chmod(root, 0o777 | stat.S_ISVTX)
    return root
