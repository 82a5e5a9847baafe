"""`make hub`: the course's hub on http://127.0.0.1:8000 for an instructor to try, with one
instructor and two learners (Unix accounts; their passwords are printed once, here).
`make hub-clean` removes the accounts, their homes and the demo's state. Run as root.

    python deploy/jupyterhub/demo.py start [--port 8000]
    python deploy/jupyterhub/demo.py clean
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import threading

import admin
from loopback import HUB_HOME, HubError, loopback_hub

INSTRUCTOR = "demo-instructor"
LEARNERS = ["demo-learner1", "demo-learner2"]
STATE = HUB_HOME / "demo"
GRADING = HUB_HOME / "demo-grading"  # the instructor's ~/exercises (outside STATE, which is 0700)
EXCHANGE = admin.DEFAULT_EXCHANGE
COURSE_ID = "solidarity-allyship"


def clean() -> None:
    for name in [INSTRUCTOR, *LEARNERS]:
        admin.remove_user(name)
        print(f"removed the account {name} and its home")
    shutil.rmtree(STATE, ignore_errors=True)
    shutil.rmtree(GRADING, ignore_errors=True)
    shutil.rmtree(os.path.join(EXCHANGE, COURSE_ID), ignore_errors=True)
    for folder in (EXCHANGE, os.path.dirname(EXCHANGE)):  # only if nothing else is in them
        with contextlib.suppress(OSError):
            os.rmdir(folder)
    print(f"removed {STATE}, {GRADING} and the course's folder in {EXCHANGE}")


def start(port: int) -> int:
    STATE.mkdir(parents=True, exist_ok=True)
    roster = STATE / "students.csv"
    roster.write_text(
        "id,first_name,last_name,email\n"
        + "".join(f"{n},Learner,{i},\n" for i, n in enumerate(LEARNERS, 1))
    )
    admin.make_exchange(EXCHANGE)
    passwords = {}
    for name in [INSTRUCTOR, *LEARNERS]:
        if admin.exists(name):  # from an earlier `make hub`: a new password
            admin.remove_user(name)
        passwords[name] = admin.add_user(name)
    shutil.rmtree(GRADING, ignore_errors=True)  # a fresh course folder for a fresh demo
    admin.make_instructor(INSTRUCTOR, GRADING)
    admin.share_roster(roster, GRADING)  # ~/exercises/students.csv, for `coursekit roster`
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        with loopback_hub(STATE, roster, [INSTRUCTOR], EXCHANGE, port=port) as hub:
            print(f"\nThe course's hub is on {hub.url} (this machine only). Log in as:\n")
            for name, password in passwords.items():
                role = (
                    "instructor (formgrader; course folder ~/exercises)"
                    if name == INSTRUCTOR
                    else "learner"
                )
                print(f"  {name:16} password {password}   {role}")
            print(
                "\nThe passwords are shown only now. Learners find the notebooks in course/ and the"
                "\nAssignments list under Nbgrader. Ctrl-C stops the hub; `make hub-clean` removes"
                "\nthe demo's accounts.",
                flush=True,
            )
            while not stopped.wait(1):
                pass
    except KeyboardInterrupt:
        pass
    except HubError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\nThe hub stopped. `make hub-clean` removes the demo's accounts and their homes.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["start", "clean"])
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("run as root: the demo's users are Unix accounts", file=sys.stderr)
        return 2
    if args.action == "clean":
        clean()
        return 0
    return start(args.port)


if __name__ == "__main__":
    sys.exit(main())
