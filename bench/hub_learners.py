"""What one learner does in `make bench-hub` (bench/hub_load.py), on either hub: log in with the
hub's login form, ask for a server and wait until it is ready; on the course's hub also fetch,
answer and submit module 1. And a batch of them at once, stopped cleanly on Ctrl-C."""

from __future__ import annotations

import concurrent.futures
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

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


def ready(hub, name: str, timeout: float = 400) -> float:
    """Seconds from the spawn request until the server answers /lab and /api/status."""
    hub.user_token(name)  # the script's token for the user, made before the clock starts
    start = time.monotonic()
    hub.api(f"/users/{name}/server", "POST")
    while not (answers_200(hub, name, "/api/status") and answers_200(hub, name, "/lab")):
        if STOPPING.is_set():
            raise RuntimeError(f"{name}: stopped")
        if time.monotonic() - start > timeout:
            raise RuntimeError(f"{name}'s server was not ready within {timeout} s; see {hub.log}")
        time.sleep(0.2)
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


def course_learner(hub, name: str, password: str) -> dict:
    times = {"login": log_in(hub.url, name, password), "ready": ready(hub, name)}
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


def stock_learner(hub, name: str, password: str) -> dict:
    return {"login": log_in(hub.url, name, password), "ready": ready(hub, name)}


def stop_servers(hub, names: list[str], timeout: float = 120) -> None:
    for name in names:
        hub.api(f"/users/{name}/server", "DELETE")
    deadline = time.monotonic() + timeout
    while any(hub.api(f"/users/{name}")["servers"] for name in names):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the servers did not stop within {timeout} s; see {hub.log}")
        time.sleep(0.5)


def batch(hub, flow, names: list[str], passwords: dict) -> list[dict]:
    """Every learner of `names` at the same time; their servers are stopped afterwards."""
    pool = concurrent.futures.ThreadPoolExecutor(len(names))
    try:
        results = list(pool.map(lambda n: flow(hub, n, passwords[n]), names))
    except BaseException:
        STOPPING.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    stop_servers(hub, names)
    return results
