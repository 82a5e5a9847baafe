"""A class logging in at once, on the course's hub beside a stock JupyterHub on this machine
(`make bench-hub`, as root).

Both hubs run side by side on loopback with the same authenticator (PAM, Unix accounts), the
same spawner (LocalProcessSpawner) and the same proxy; the stock one (bench/stock_hub_config.py)
starts stock JupyterLab from a plain environment with the course environment's versions of
jupyterhub and jupyterlab, and nothing of the course. Every batch is N fresh accounts logging
in at once on one hub; the batches alternate course/stock, stock/course (ABBA), and each
batch's servers are stopped before the next. "Ready" is the time from the spawn request until
the learner's server answers /user/<name>/lab with 200 and its /api/status; the learners wait
for it as the hub's spawn-pending page does (the progress event stream), and the CPU seconds
each server took to get there are counted too (less moved by other work than the seconds). Once
a course batch is all ready, every learner also fetches module 1 (released by an instructor),
answers and submits through the Assignments list's endpoints at once, and the instructor
collects: no work may be lost. That work comes after the timed start, so both hubs' batches
time the same thing. Prints medians and worsts per hub, ours / stock via bench/aims.py, and the
load average.
A benchmark, not a test: bounded by timeouts, never by the figures. The accounts and files
are removed at the end, also after an error, Ctrl-C or SIGTERM.

    python bench/hub_load.py [--learners 10] [--rounds 2] [--logs DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
sys.path.insert(0, str(ROOT / "bench"))
import admin  # noqa: E402
from aims import aim  # noqa: E402
from hub_learners import (  # noqa: E402
    MODULE,
    STOPPING,
    batch,
    ready,
    stop_servers,
)
from loopback import HUB_HOME, loopback_hub  # noqa: E402

STOCK_BIN = HUB_HOME / "stock" / "bin"
STOCK_CONFIG = ROOT / "bench" / "stock_hub_config.py"
READY_WITHIN = 60.0  # the aim: a class of 30 all ready within a minute on two cores


def summary(label: str, values: list[float]) -> str:
    return f"  {label:7} median {statistics.median(values):6.2f} s   worst {max(values):6.2f} s"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10, help="learners per batch")
    parser.add_argument("--rounds", type=int, default=2, help="batches per hub (ABBA order)")
    parser.add_argument("--logs", type=Path, help="keep both hubs' logs in this folder")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("run as root: the hub's users are Unix accounts", file=sys.stderr)
        return 2
    if not (STOCK_BIN / "jupyterhub-singleuser").exists():
        print(f"{STOCK_BIN}: no stock environment: run `make bench-hub`", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    tag = secrets.token_hex(2)
    teacher = f"ckb-{tag}-teach"
    order = [("course", "stock") if r % 2 == 0 else ("stock", "course") for r in range(args.rounds)]
    batches = [
        (kind, [f"ckb-{tag}-{kind[0]}{r}-{i:02d}" for i in range(1, args.learners + 1)])
        for r, kinds in enumerate(order, 1)
        for kind in kinds
    ]
    warm = {"course": f"ckb-{tag}-cw", "stock": f"ckb-{tag}-sw"}  # one start each, not timed
    every = {k: [warm[k], *(n for kind, ns in batches if kind == k for n in ns)] for k in warm}
    users = [teacher, *every["course"], *every["stock"]]
    top = Path(tempfile.mkdtemp(prefix="ckt-bench-"))
    os.chmod(top, 0o755)
    passwords: dict[str, str] = {}
    made: list[str] = []  # the accounts to remove, also one whose making failed half-way
    try:
        for name in users:
            made.append(name)
            passwords[name] = admin.add_user(name)
        admin.make_instructor(teacher, top / "grading")
        exchange = admin.make_exchange(top / "exchange")
        for kind in every:
            (top / kind).mkdir()
            (top / kind / "students.csv").write_text(
                "id,first_name,last_name,email\n" + "".join(f"{n},,,\n" for n in every[kind])
            )
        with contextlib.ExitStack() as stack:
            hubs = {
                "course": stack.enter_context(
                    loopback_hub(
                        top / "course", top / "course" / "students.csv", [teacher], exchange
                    )
                ),
                "stock": stack.enter_context(
                    loopback_hub(
                        top / "stock",
                        top / "stock" / "students.csv",
                        [],
                        exchange,
                        config=STOCK_CONFIG,
                        hub_bin=STOCK_BIN,
                    )
                ),
            }
            if args.logs:  # the logs outlive the run: copied as each hub stops
                args.logs.mkdir(parents=True, exist_ok=True)
                for kind, hub in hubs.items():
                    stack.callback(shutil.copy, hub.log, args.logs / f"{kind}-jupyterhub.log")
            course = hubs["course"]
            course.spawn(teacher, timeout=300)
            status, out = course.terminal(
                teacher,
                f"cd ~/exercises && nbgrader generate_assignment {MODULE} "
                f"&& nbgrader release_assignment {MODULE}",
                timeout=300,
            )
            if status:
                raise RuntimeError(f"release failed:\n{out[-2000:]}")
            stop_servers(course, [teacher])
            for kind, hub in hubs.items():
                ready(hub, warm[kind])
                stop_servers(hub, [warm[kind]])
            print(
                f"{args.learners} learners at once per batch on {os.cpu_count()} cores, "
                f"{len(batches)} batches ({', '.join(k for k, _ in batches)}); course: log in, "
                f"JupyterLab ready, fetch {MODULE}, answer, submit; stock: log in, JupyterLab ready"
            )
            print(f"before: {uptime()}", flush=True)
            results: dict[str, list[dict]] = {"course": [], "stock": []}
            for kind, names in batches:
                start = time.monotonic()
                got = batch(hubs[kind], names, passwords, work=kind == "course")
                results[kind] += got
                print(
                    f"{kind:6} batch: all {len(names)} done in {time.monotonic() - start:5.1f} s, "
                    f"ready median {statistics.median(r['ready'] for r in got):5.1f} s, "
                    f"worst {max(r['ready'] for r in got):5.1f} s; {uptime()}",
                    flush=True,
                )
            for kind, got in results.items():
                print(f"{kind} hub ({len(got)} learners):")
                for key in ("login", "ready", "cpu", "submit"):
                    if key in got[0]:
                        print(summary(key, [r[key] for r in got]))
            ready_of = {k: [r["ready"] for r in got] for k, got in results.items()}
            aim(
                "hub: a learner's JupyterLab ready, median",
                statistics.median(ready_of["course"]),
                statistics.median(ready_of["stock"]),
                "s",
                "stock hub",
                1.1,
            )
            aim("hub: the last learner's JupyterLab ready", max(ready_of["course"]),
                max(ready_of["stock"]), "s", "stock hub", None)  # fmt: skip
            aim(
                "hub: CPU seconds of a learner's server until ready, median",
                statistics.median(r["cpu"] for r in results["course"]),
                statistics.median(r["cpu"] for r in results["stock"]),
                "s",
                "stock hub",
                None,
            )
            for kind in results:
                aim(
                    f"hub: all {args.learners} at once ready within {READY_WITHIN:g} s, {kind}",
                    max(ready_of[kind]),
                    READY_WITHIN,
                    "s",
                    "the limit",
                    1.0,
                )
            print(f"after: {uptime()}")
            course.spawn(teacher, timeout=300)
            status, out = course.terminal(
                teacher,
                f"cd ~/exercises && nbgrader collect {MODULE} >/dev/null 2>&1; ls submitted",
                timeout=300,
            )
            learners = [n for kind, ns in batches if kind == "course" for n in ns]
            lost = sorted(set(learners) - set(out.split()))
            print(
                f"collected: {len(learners) - len(lost)} of {len(learners)} submissions arrived"
                + (f"; missing {lost}" if lost else "")
            )
            return 1 if lost else 0
    finally:
        STOPPING.set()
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the clean-up itself is not cut short
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for name in made:
            admin.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
