"""System accounts, the course copy, the instructors' course folder and the exchange for a hub
on this machine (run as root). Used by `make hub` (demo.py), tests/test_hub.py,
bench/hub_load.py and the admin:

    admin.py course /opt/coursekit-hub/course   # the course every user reads
                                                # (exemplars: instructors only)
    admin.py exchange [/usr/local/share/nbgrader/exchange]
    admin.py add ana ben ...            # one account each; prints each new password once
    admin.py add --roster students.csv  # an account for every id of the roster that has none
    admin.py instructor teacher ta ...  # instructors and assistants: ~/exercises is their
                                        # shared course folder
    admin.py roster [students.csv]      # a copy of the roster in the course folder, for
                                        # `coursekit roster`
    admin.py remove ana ben ...         # the accounts, their homes and their processes
    admin.py remove --roster students.csv

The instructors' shared course folder is $COURSEKIT_HUB_COURSE_FOLDER (/srv/coursekit-grading);
the roster is $COURSEKIT_HUB_ROSTER (/srv/coursekit-hub/students.csv), as jupyterhub_config.py.
"""

from __future__ import annotations

import csv
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from hubfiles import GROUP, copy_course, ensure_group, make_exchange, shared_course_folder

DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"  # nbgrader 0.9.6's Exchange.root
COURSE_FOLDER = Path(os.environ.get("COURSEKIT_HUB_COURSE_FOLDER") or "/srv/coursekit-grading")
STATE = Path(os.environ.get("COURSEKIT_HUB_STATE") or "/srv/coursekit-hub")
ROSTER = Path(os.environ.get("COURSEKIT_HUB_ROSTER") or STATE / "students.csv")
NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def roster_ids(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if rows and "id" not in rows[0]:
        raise ValueError(
            f"{path}: column 'id': missing (the columns are id,first_name,last_name,email)"
        )
    return [row["id"].strip() for row in rows if (row.get("id") or "").strip()]


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


def make_instructor(name: str, folder: Path = COURSE_FOLDER) -> Path:
    """``name`` joins the Unix group of the instructors, which alone reads the exemplars and
    the shared course folder; ~name/exercises is that folder."""
    ensure_group()
    shared_course_folder(folder)
    subprocess.run(["usermod", "-aG", GROUP, name], check=True, timeout=30)
    link = Path(pwd.getpwnam(name).pw_dir) / "exercises"
    if link.is_symlink() or not link.exists():
        link.unlink(missing_ok=True)
        link.symlink_to(folder)
        os.lchown(link, pwd.getpwnam(name).pw_uid, pwd.getpwnam(name).pw_gid)
    return Path(folder)


def share_roster(roster: Path = ROSTER, folder: Path = COURSE_FOLDER) -> Path:
    """A copy of the hub's roster (root's, mode 700 folder) where the instructors read it."""
    target = Path(folder) / "students.csv"
    shutil.copyfile(roster, target)
    os.chown(target, 0, ensure_group())
    os.chmod(target, 0o660)
    return target


def remove_user(name: str) -> None:
    """The account, its home, and every process it still runs."""
    if not exists(name):
        return
    for _ in range(20):  # its JupyterLab may take a moment to end; userdel waits for that
        subprocess.run(["pkill", "-KILL", "-u", name], check=False, timeout=30)
        subprocess.run(
            ["userdel", "--remove", name],
            check=False,
            timeout=60,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not exists(name):
            return
        time.sleep(0.5)
    raise RuntimeError(
        f"could not remove the account {name!r}: userdel refused it (see `ps -u {name}`)"
    )


def _names(args: list[str]) -> list[str]:
    if args[:1] == ["--roster"]:
        if len(args) != 2:
            raise ValueError("usage: --roster <students.csv>")
        return roster_ids(Path(args[1]))
    return args


def main(argv: list[str]) -> int:
    if os.geteuid() != 0:
        print("run as root: the hub's users are Unix accounts", file=sys.stderr)
        return 2
    commands = ("course", "exchange", "add", "instructor", "roster", "remove")
    if len(argv) < 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    try:
        if command == "course":
            if len(args) != 1:
                print("usage: admin.py course <folder every user can read>", file=sys.stderr)
                return 2
            print(f"course copied to {copy_course(args[0])}")
        elif command == "exchange":
            print(f"exchange ready: {make_exchange(args[0] if args else DEFAULT_EXCHANGE)}")
        elif command == "roster":
            print(f"roster copied to {share_roster(Path(args[0]) if args else ROSTER)}")
        elif command == "remove":
            for name in _names(args):
                if not exists(name):
                    print(f"{name}  has no account (removed before?)")
                    continue
                remove_user(name)
                print(f"removed {name}")
        elif command == "add":
            for name in _names(args):
                if args[:1] == ["--roster"] and exists(name):
                    print(f"{name}  has an account already")
                    continue
                print(f"{name}  password: {add_user(name)}")
        else:
            for name in args:
                if not exists(name):
                    print(f"{name}  password: {add_user(name)}")
                make_instructor(name)
                print(
                    f"  {name}: ~{name}/exercises is the instructors' course folder {COURSE_FOLDER}"
                )
            if ROSTER.exists():
                print(f"roster copied to {share_roster()}")
    except (ValueError, OSError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
