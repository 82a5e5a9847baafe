"""System accounts and the shared exchange for a hub on this machine (run as root).

Used by `make hub` (demo.py), tests/test_hub.py and bench/hub_load.py, and by an admin:

    python deploy/jupyterhub/admin.py course /opt/coursekit-hub/course  # the course, readable by all
    python deploy/jupyterhub/admin.py exchange [/usr/local/share/nbgrader/exchange]
    python deploy/jupyterhub/admin.py add ana ben ...      # prints each new password once
    python deploy/jupyterhub/admin.py instructor teacher   # adds ~teacher/exercises
    python deploy/jupyterhub/admin.py remove ana ben ...   # the accounts and their homes
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"  # nbgrader 0.9.6's Exchange.root
# What nbgrader and coursekit write into a course folder: never copied to an instructor.
COURSE_OUTPUTS = {
    "release",
    "submitted",
    "autograded",
    "feedback",
    "downloaded",
    "grading",
    "gradebook.db",
    "grades.csv",
    "__pycache__",
}
# What the hub's users read from the course: the engine, the content, the learner notebooks,
# the hub's own configuration (with the proxy in deploy/jupyterhub/node_modules).
COURSE_PARTS = (
    "coursekit",
    "exercises",
    "notebooks",
    "deploy",
    "pyproject.toml",
    "requirements.txt",
    "README.md",
)
NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def make_exchange(root: str | Path = DEFAULT_EXCHANGE) -> Path:
    """nbgrader's exchange: everyone may write (mode 777) and, with the sticky bit, nobody may
    delete what another user put there. nbgrader itself makes each course's inbound/ folder
    writable but not listable (2733), so learners cannot see one another's submissions."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o777 | stat.S_ISVTX)
    for parent in list(root.parents)[:-1]:  # every user must be able to reach it
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            os.chmod(parent, stat.S_IMODE(mode) | 0o055)
    return root


def copy_course(dst: str | Path) -> Path:
    """The parts of the course the hub's users read, copied where every user can read them
    (the repository may sit in a private folder). Never the class's work or grades."""
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    for parent in [dst, *list(dst.parents)[:-1]]:
        os.chmod(parent, stat.S_IMODE(parent.stat().st_mode) | 0o055)
    skip = lambda folder, names: [
        n
        for n in names
        if n == "__pycache__"
        or n.endswith(".progress.json")
        or (Path(folder) == REPO / "exercises" and n in COURSE_OUTPUTS)
    ]
    for part in COURSE_PARTS:
        src, target = REPO / part, dst / part
        if src.is_dir():
            shutil.rmtree(target, ignore_errors=True)  # a fresh copy: nothing left from before
            shutil.copytree(src, target, ignore=skip, symlinks=True)
        else:
            shutil.copy2(src, target)
    return dst


def add_user(name: str, password: str | None = None) -> str:
    """A Unix account with a private home (mode 700) and a password; returns the password."""
    if not NAME.match(name):
        raise ValueError(
            f"user name {name!r}: use lower-case letters, digits and hyphens, "
            "starting with a letter (it is also the nbgrader student id)"
        )
    if exists(name):
        raise ValueError(f"user name {name!r}: a Unix account of that name exists already")
    password = password or secrets.token_urlsafe(12)
    subprocess.run(
        ["useradd", "--create-home", "--shell", "/bin/bash", name], check=True, timeout=30
    )
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, timeout=30)
    return password


def give_course_folder(name: str) -> Path:
    """A clean copy of the repository's exercises/ as ~name/exercises, owned by name."""
    account = pwd.getpwnam(name)
    src, dst = REPO / "exercises", Path(account.pw_dir) / "exercises"
    shutil.copytree(
        src,
        dst,
        ignore=lambda folder, names: [
            n for n in names if (Path(folder) == src and n in COURSE_OUTPUTS) or n == "__pycache__"
        ],
    )
    subprocess.run(
        ["chown", "-R", f"{account.pw_uid}:{account.pw_gid}", str(dst)], check=True, timeout=60
    )
    return dst


def remove_user(name: str) -> None:
    """The account, its home, and every process it still runs."""
    if not exists(name):
        return
    subprocess.run(["pkill", "-KILL", "-u", name], check=False, timeout=30)
    subprocess.run(
        ["userdel", "--remove", name],
        check=False,
        timeout=60,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if exists(name):
        raise RuntimeError(f"could not remove the account {name!r}")


def main(argv: list[str]) -> int:
    if os.geteuid() != 0:
        print("run as root: the hub's users are Unix accounts", file=sys.stderr)
        return 2
    if len(argv) < 1 or argv[0] not in ("course", "exchange", "add", "instructor", "remove"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if argv[0] == "course":
            if len(argv) != 2:
                print("usage: admin.py course <folder every user can read>", file=sys.stderr)
                return 2
            print(f"course copied to {copy_course(argv[1])}")
        elif argv[0] == "exchange":
            print(
                f"exchange ready: {make_exchange(argv[1] if len(argv) > 1 else DEFAULT_EXCHANGE)}"
            )
        elif argv[0] == "remove":
            for name in argv[1:]:
                remove_user(name)
                print(f"removed {name}")
        else:
            for name in argv[1:]:
                print(f"{name}  password: {add_user(name)}")
                if argv[0] == "instructor":
                    print(f"  course folder: {give_course_folder(name)}")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
