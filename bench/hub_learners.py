"""What one learner does in `make bench-hub` (bench/hub_load.py), on either hub: log in with the
hub's login form, ask for a server and wait until it is ready, as the hub's spawn-pending page
waits (its progress event stream, not polling); on the course's hub, once the whole batch is
ready, also fetch, answer and submit module 1. And a batch of them at once, stopped cleanly on
Ctrl-C."""

from __future__ import annotations

import concurrent.futures
import http.cookiejar
import json
import pwd
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psutil

MODULE, COURSE = "module1", "solidarity-allyship"
STOPPING = threading.Event()  # set on Ctrl-C or SIGTERM: the learners' threads give up


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in(url: str, name: str, password: str) -> float:
    """The hub's login form, as a browser sends it (with its _xsrf cookie); returns seconds."""
    start = time.monotonic()
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


def answers_200(hub, name: str, path: str) -> bool:
    """The user's own server answers `path` itself: 200, no redirect to the hub's pages."""
    req = urllib.request.Request(
        f"{hub.url}/user/{name}{path}",
        headers={"Authorization": f"token {hub.user_token(name)}"},
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=30) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_for_progress(hub, name: str, timeout: float) -> None:
    """The hub's progress events for the user's start (what the spawn-pending page listens to),
    until the one that says ready or failed; the hub writes a keep-alive line every few seconds."""
    req = urllib.request.Request(
        f"{hub.url}/hub/api/users/{name}/server/progress",
        headers={"Authorization": f"token {hub.token}"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as events:
        for line in events:
            if STOPPING.is_set():
                raise RuntimeError(f"{name}: stopped")
            if line.startswith(b"data:"):
                event = json.loads(line[5:])
                if event.get("failed"):
                    raise RuntimeError(f"{name}: {event.get('message')}; see {hub.log}")
                if event.get("ready"):
                    return


def ready(hub, name: str, timeout: float = 400) -> float:
    """Seconds from the spawn request until the server answers /lab and /api/status."""
    hub.user_token(name)  # the script's token for the user, made before the clock starts
    start = time.monotonic()
    status, body = hub.request(f"/hub/api/users/{name}/server", "POST", timeout=timeout)
    if status == 202:  # still starting after the hub's slow_spawn_timeout (10 s)
        wait_for_progress(hub, name, timeout)
    elif status != 201:
        raise RuntimeError(f"{name}: the spawn request answered {status} {body!r:.300}")
    while not (answers_200(hub, name, "/api/status") and answers_200(hub, name, "/lab")):
        if STOPPING.is_set():
            raise RuntimeError(f"{name}: stopped")
        if time.monotonic() - start > timeout:
            raise RuntimeError(f"{name}'s server was not ready within {timeout} s; see {hub.log}")
        time.sleep(0.2)
    return time.monotonic() - start


def server_cpu(name: str) -> float:
    """CPU seconds the user's processes (the single-user server) have used so far."""
    uid, total = pwd.getpwnam(name).pw_uid, 0.0
    for proc in psutil.process_iter(["uids", "cpu_times"]):
        if proc.info["uids"] and proc.info["uids"].real == uid and proc.info["cpu_times"]:
            total += proc.info["cpu_times"].user + proc.info["cpu_times"].system
    return total


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


def start(hub, name: str, password: str) -> dict:
    """Log in and have JupyterLab ready: the same on both hubs."""
    return {"login": log_in(hub.url, name, password), "ready": ready(hub, name)}


def submit_work(hub, name: str) -> dict:
    """On the course's hub: fetch module 1 in the Assignments list, answer, submit."""
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
    return {"submit": time.monotonic() - start}


def stop_servers(hub, names: list[str], timeout: float = 120) -> None:
    for name in names:
        hub.api(f"/users/{name}/server", "DELETE")
    deadline = time.monotonic() + timeout
    while any(hub.api(f"/users/{name}")["servers"] for name in names):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the servers did not stop within {timeout} s; see {hub.log}")
        time.sleep(0.5)


def batch(hub, names: list[str], passwords: dict, work: bool) -> list[dict]:
    """Every learner of `names` logging in at the same time, until all have JupyterLab ready
    (and the CPU seconds their servers took for it); then, with `work`, all of them submitting
    at the same time. Their servers are stopped afterwards."""
    pool = concurrent.futures.ThreadPoolExecutor(len(names))
    try:
        results = list(pool.map(lambda n: start(hub, n, passwords[n]), names))
        for name, result in zip(names, results, strict=True):
            result["cpu"] = server_cpu(name)
        if work:
            for result, more in zip(
                results, pool.map(lambda n: submit_work(hub, n), names), strict=True
            ):
                result.update(more)
    except BaseException:
        STOPPING.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    stop_servers(hub, names)
    return results
