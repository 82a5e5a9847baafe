"""The course's hub (jupyterhub_config.py) on free loopback ports, and what scripts do with it
through the hub's REST API: start a user's server, call it with the user's token, and type
commands into the user's JupyterLab terminal. Used by `make hub` (demo.py), tests/test_hub.py
and bench/hub_load.py. Run as root."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

# Where `make hub-deps` installs what the hub's users run: a copy of the course and its
# environment, both readable by every user (the repository and its .venv may not be).
HUB_HOME = Path(os.environ.get("COURSEKIT_HUB_HOME") or "/opt/coursekit-hub")
HUB_BIN = HUB_HOME / "env" / "bin"
CONFIG = HUB_HOME / "course" / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = CONFIG.parent / "node_modules" / ".bin" / "configurable-http-proxy"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubError(RuntimeError):
    pass


class Hub:
    def __init__(self, url: str, token: str, log: Path):
        self.url, self.token, self.log = url, token, log
        self.user_tokens: dict[str, str] = {}

    # ---- HTTP with a token
    def request(
        self,
        path: str,
        method: str = "GET",
        data=None,
        token: str | None = None,
        form: dict | None = None,
        timeout: float = 60,
    ):
        body, headers = None, {"Authorization": f"token {token or self.token}"}
        if form is not None:
            body, headers["Content-Type"] = (
                urllib.parse.urlencode(form).encode(),
                "application/x-www-form-urlencoded",
            )
        elif data is not None:
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                try:  # nbgrader's endpoints answer JSON as text/html
                    return r.status, json.loads(raw) if raw else None
                except ValueError:
                    return r.status, raw
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def api(self, path: str, method: str = "GET", data=None):
        status, body = self.request(f"/hub/api{path}", method, data)
        if status >= 400:
            raise HubError(f"{method} /hub/api{path}: {status} {body[:500]!r}")
        return body

    def user_token(self, name: str) -> str:
        if name not in self.user_tokens:
            self.user_tokens[name] = self.api(
                f"/users/{name}/tokens", "POST", {"note": "coursekit script"}
            )["token"]
        return self.user_tokens[name]

    def spawn(self, name: str, timeout: float = 180) -> float:
        """Start the user's server and wait until it answers; returns the seconds it took."""
        start = time.monotonic()
        if self.api(f"/users/{name}")["servers"].get("", {}).get("ready"):
            return 0.0
        self.api(f"/users/{name}/server", "POST")
        while True:
            user = self.api(f"/users/{name}")
            if user["servers"].get("", {}).get("ready"):
                break
            if time.monotonic() - start > timeout:
                raise HubError(f"{name}'s server did not start within {timeout} s; see {self.log}")
            time.sleep(0.3)
        return time.monotonic() - start

    def user(
        self, name: str, path: str, method: str = "GET", data=None, form=None, timeout: float = 120
    ):
        """A request to the user's own server, with the user's own token."""
        return self.request(
            f"/user/{name}{path}",
            method,
            data,
            token=self.user_token(name),
            form=form,
            timeout=timeout,
        )

    def terminal(self, name: str, command: str, timeout: float = 120) -> tuple[int, str]:
        """Type `command` into a new terminal of the user's JupyterLab; returns (status, output)."""
        status, term = self.user(name, "/api/terminals", "POST")
        if status >= 400:
            raise HubError(f"{name}: cannot open a terminal: {status} {term!r}")
        try:  # in a thread of its own: the caller may run an event loop (Playwright does)
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                return pool.submit(
                    asyncio.run, asyncio.wait_for(self._type(name, term["name"], command), timeout)
                ).result()
        except TimeoutError:
            raise HubError(f"{name}: `{command}` did not finish within {timeout} s") from None
        finally:
            self.user(name, f"/api/terminals/{term['name']}", "DELETE")

    async def _type(self, name: str, term: str, command: str) -> tuple[int, str]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.url.replace("http", "ws", 1) + f"/user/{name}/terminals/websocket/{term}"
        ws = await websocket_connect(
            HTTPRequest(url, headers={"Authorization": f"token {self.user_token(name)}"})
        )
        mark = secrets.token_hex(4)
        # The quotes split the marker, so the echo of the typed line never looks like the result.
        ws.write_message(json.dumps(["stdin", f"{command}; echo 'ck-''{mark}' $?\r"]))
        out = ""
        try:
            while f"ck-{mark} " not in out or not out.split(f"ck-{mark} ")[-1].strip():
                msg = await ws.read_message()
                if msg is None:
                    raise HubError(f"{name}: the terminal closed")
                kind, *rest = json.loads(msg)
                if kind == "stdout":
                    out += rest[0]
        finally:
            ws.close()
        before, after = out.rsplit(f"ck-{mark} ", 1)
        typed = before.find(f"ck-''{mark}")
        output = before[before.find("\n", typed) + 1 :] if typed >= 0 else before
        return int(after.split()[0]), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", output)


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise HubError(f"JupyterHub did not start on {url}:\n{log.read_text()[-4000:]}")
        try:
            urllib.request.urlopen(f"{url}/hub/api/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)


def stop(proc: subprocess.Popen, state: Path) -> None:
    """Stop the hub (it stops the proxy and every user's server), by process group; then the
    proxy by its pid file, in case the hub died before it could (the proxy has its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=45)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    with contextlib.suppress(OSError, ValueError):
        pid = int((state / "proxy.pid").read_text())
        if "configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_text():
            os.kill(pid, signal.SIGTERM)


@contextlib.contextmanager
def loopback_hub(
    state: Path,
    roster: Path,
    instructors: list[str],
    exchange: Path,
    port: int | None = None,
    extra_env: dict | None = None,
    config: Path = CONFIG,
    hub_bin: Path = HUB_BIN,
):
    """The course's hub on loopback ports (free ones unless `port` is given); yields a Hub.
    The hub, its proxy and every user's server are stopped on leaving, also after an error.
    `config` and `hub_bin` run another hub the same way (bench/hub_load.py's stock reference)."""
    for needed in (hub_bin / "jupyterhub", config, PROXY):
        if not needed.exists():
            raise HubError(f"{needed} is missing: run `make hub-deps`")
    port = port or free_port()
    token = secrets.token_hex(24)
    env = {
        **os.environ,
        "PATH": f"{hub_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "COURSEKIT_HUB_STATE": str(state),
        "COURSEKIT_HUB_ROSTER": str(roster),
        "COURSEKIT_HUB_INSTRUCTORS": " ".join(instructors),
        "COURSEKIT_HUB_EXCHANGE": str(exchange),
        "COURSEKIT_HUB_PORT": str(port),
        "COURSEKIT_HUB_API_PORT": str(free_port()),
        "COURSEKIT_HUB_PROXY_API_PORT": str(free_port()),
        "COURSEKIT_HUB_ROOM_PORT": str(free_port()),
        "COURSEKIT_HUB_SERVICE_TOKEN": token,
        "COURSEKIT_HUB_PROXY": str(PROXY),
        **(extra_env or {}),
    }
    state.mkdir(parents=True, exist_ok=True)
    log = state / "jupyterhub.log"
    url = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(hub_bin / "jupyterhub"), "-f", str(config)],
            cwd=state,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(url, proc, log)
        yield Hub(url, token, log)
    finally:
        stop(proc, state)
