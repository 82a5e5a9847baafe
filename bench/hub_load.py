"""Many learners at once on the course's hub on this machine (`make bench-hub`, as root).

Makes an instructor and N learner accounts (removed at the end, also after an error), starts
the hub on loopback, and the instructor releases module 1. Then every learner at the same
time: logs in with the hub's login form, starts their JupyterLab, fetches module 1, writes
the answers and submits through the Assignments list's endpoints. Prints login, spawn and
submit times (median and worst) and checks that the instructor collects every submission.
A benchmark, not a test: bounded by timeouts, never by the figures.

    python bench/hub_load.py [--learners 12]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
import admin  # noqa: E402
from loopback import loopback_hub  # noqa: E402

MODULE, COURSE = "module1", "solidarity-allyship"


def log_in(url: str, name: str, password: str) -> float:
    """The hub's login form, as a browser sends it (with its _xsrf cookie); returns seconds."""
    start = time.monotonic()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(f"{url}/hub/login", timeout=120).read().decode()
    field = re.search(r'name="_xsrf" value="([^"]+)"', page)
    xsrf = field.group(1) if field else next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode({"username": name, "password": password, "_xsrf": xsrf}).encode()
    try:
        opener.open(f"{url}/hub/login", data=form, timeout=300)
        raise RuntimeError(f"{name}: the login form did not redirect (wrong password?)")
    except urllib.error.HTTPError as e:
        if e.code != 302:
            raise RuntimeError(f"{name}: login answered {e.code}") from None
    return time.monotonic() - start


def action(hub, name: str, what: str) -> None:
    status, body = hub.user(
        name,
        f"/assignments/{what}",
        "POST",
        form={"course_id": COURSE, "assignment_id": MODULE},
        timeout=300,
    )
    if status != 200 or not isinstance(body, dict) or not body.get("success"):
        raise RuntimeError(f"{name}: {what}: {status} {str(body)[:300]}")


def learner(hub, name: str, password: str) -> dict:
    times = {"login": log_in(hub.url, name, password), "spawn": hub.spawn(name, timeout=400)}
    action(hub, name, "fetch")
    status, model = hub.user(name, f"/api/contents/{MODULE}/{MODULE}.ipynb?content=1")
    nb = model["content"]
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            cell["source"] = f"{name}'s answer, written under load."
    hub.user(
        name,
        f"/api/contents/{MODULE}/{MODULE}.ipynb",
        "PUT",
        {"type": "notebook", "format": "json", "content": nb},
    )
    start = time.monotonic()
    action(hub, name, "submit")
    times["submit"] = time.monotonic() - start
    return times


def summary(label: str, values: list[float]) -> str:
    return f"{label:8} median {statistics.median(values):6.1f} s   worst {max(values):6.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=12)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("run as root: the hub's users are Unix accounts", file=sys.stderr)
        return 2
    tag = secrets.token_hex(2)
    teacher = f"ckb-{tag}-teach"
    learners = [f"ckb-{tag}-{i:02d}" for i in range(1, args.learners + 1)]
    top = Path(tempfile.mkdtemp(prefix="ckt-bench-"))
    os.chmod(top, 0o755)
    roster = top / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(f"{n},,,\n" for n in learners))
    passwords = {}
    try:
        for name in [teacher, *learners]:
            passwords[name] = admin.add_user(name)
        admin.make_instructor(teacher, top / "grading")
        exchange = admin.make_exchange(top / "exchange")
        with loopback_hub(top / "state", roster, [teacher], exchange) as hub:
            hub.spawn(teacher, timeout=300)
            status, out = hub.terminal(
                teacher,
                f"cd ~/exercises && nbgrader generate_assignment {MODULE} "
                f"&& nbgrader release_assignment {MODULE}",
                timeout=300,
            )
            if status:
                raise RuntimeError(f"release failed:\n{out[-2000:]}")
            print(
                f"{len(learners)} learners at once on {os.cpu_count()} cores: log in, start "
                f"JupyterLab, fetch {MODULE}, answer, submit",
                flush=True,
            )
            start = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(len(learners)) as pool:
                results = list(pool.map(lambda n: learner(hub, n, passwords[n]), learners))
            wall = time.monotonic() - start
            for key in ("login", "spawn", "submit"):
                print(summary(key, [r[key] for r in results]))
            print(f"all {len(learners)} done in {wall:.1f} s")
            status, out = hub.terminal(
                teacher,
                f"cd ~/exercises && nbgrader collect {MODULE} >/dev/null 2>&1; ls submitted",
                timeout=300,
            )
            arrived = set(out.split()) & set(learners)
            print(
                f"collected: {len(arrived)} of {len(learners)} submissions arrived"
                + (
                    ""
                    if len(arrived) == len(learners)
                    else f"; missing {sorted(set(learners) - arrived)}"
                )
            )
            return 0 if len(arrived) == len(learners) else 1
    finally:
        for name in [teacher, *learners]:
            admin.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
