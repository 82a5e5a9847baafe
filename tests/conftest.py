"""Shared fixtures: the built book, a loopback web server, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A test that uses one of these fixtures is marked without having to say so:
# `make test-fast` (pytest -m "not browser and not slow") leaves it out. Markers: pyproject.toml.
BROWSER_FIXTURES = {"browser", "new_page", "site", "built_book", "lab", "lab_page", "lab_in_course"}
SLOW_FIXTURES = {
    "nbgrader_course",
    "graded_class",
    "graded",
    "lms_class",
    "sheet",
    "imported",
    "rubrics_site",
    "node_tools",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def good_scenario() -> dict:
    """A fresh copy of tests/fixtures/good-scenario.yml: a small valid scenario (id m1-test)."""
    return yaml.safe_load((FIXTURES / "good-scenario.yml").read_text(encoding="utf-8"))


def scenario_model(data: dict):
    """A scenario as the loader hands it out (a Scenario model), from author-form data."""
    from coursekit.content import Scenario

    return Scenario.model_validate(data)


def memory_scenario():
    """tests/fixtures/memory-scenario.yml as a Scenario: the scenario of path-cases.json."""
    from coursekit.content.yamlfile import read_yaml

    return scenario_model(read_yaml(FIXTURES / "memory-scenario.yml")[0])


def tiny_reflections() -> dict:
    """A fresh copy of tests/fixtures/reflections.yml: a small valid module1 reflection file."""
    return yaml.safe_load((FIXTURES / "reflections.yml").read_text(encoding="utf-8"))


def course_folder(tmp_path: Path) -> Path:
    """An exercises folder in ``tmp_path`` with the real course.yml and no content yet."""
    (tmp_path / "scenarios").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "exercises" / "course.yml", tmp_path / "course.yml")
    return tmp_path


def write_scenario(tmp_path: Path, data, name="m1-test.yml", folder="module1") -> Path:
    """Write a scenario (a dict, or YAML text) into a course folder in ``tmp_path``."""
    path = course_folder(tmp_path) / "scenarios" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
    )
    return path


def content_problems(path: Path, loader=None) -> list[str]:
    """The problems the loader reports for ``path`` (it must refuse the file)."""
    from coursekit.content import ContentError, load_scenario

    with pytest.raises(ContentError) as info:
        (loader or load_scenario)(path)
    return info.value.problems


@pytest.fixture(scope="session")
def scenarios() -> dict:
    """Every scenario of the course, loaded once (a broken file fails the tests that use it)."""
    from coursekit.content import load_all

    return load_all(ROOT / "exercises")[0]


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The npm packages of package.json (PurgeCSS, esbuild, lighthouse), as `make test` installs them."""
    folder = ROOT / "node_modules"
    if not (folder / ".bin" / "purgecss").exists():
        pytest.fail(f"{folder} lacks the npm packages: run `make test`, which runs `npm ci`")
    return folder


def run(cmd, cwd=ROOT, timeout=900, check=True, env=None):
    """Run a command; on failure show its output in the test report."""
    full_env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        **(env or {}),
    }
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, cmd))} exited {proc.returncode}\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"
        )
    return proc


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The whole book, built from a clean output folder with warnings as errors; or, when
    COURSEKIT_BUILT_BOOK names one (a developer's shortcut), that build's html folder."""
    if os.environ.get("COURSEKIT_BUILT_BOOK"):
        return Path(os.environ["COURSEKIT_BUILT_BOOK"]).resolve()
    out = tmp_path_factory.mktemp("book")
    proc = run(
        [BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", "--path-output", out],
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"jupyter-book build failed\n{proc.stdout[-8000:]}\n{proc.stderr[-8000:]}")
    return out / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder on a free loopback port; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site(built_book):
    base, server = serve(built_book)
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A browser page in a fresh profile that records every request and dialog."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign_requests(self, base: str) -> list[str]:
        host = urlparse(base).netloc
        return [
            u
            for u in self.requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != host
        ]


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        contexts.append(context)
        return Page(context)

    yield make
    for c in contexts:
        c.close()


def focused(page) -> dict:
    """What has keyboard focus, and which scenario (if any) it belongs to."""
    return page.evaluate("""() => {
        const a = document.activeElement;
        return {tag: a.tagName, type: a.type || '', id: a.id || '', text: (a.textContent || '').trim(),
                cls: a.className || '', inScenario: !!a.closest('.ck-scenario'),
                scenario: a.closest('[data-coursekit-scenario]')?.dataset.coursekitScenario ?? null};
    }""")


def tab_until(page, wanted, limit=400) -> dict:
    """Press Tab until the focused element satisfies `wanted`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"Tab never reached the wanted element; last focused: {focused(page)}")


def projector_fit(dialog) -> list[int]:
    """[height needed, height of the screen] of the projector view: the first is where its
    last line ends (the stage shrunk to its content), so it fits when it is at most the second."""
    return dialog.evaluate("""d => {
        const stage = d.querySelector('.ck-dm-stage');
        stage.style.flexGrow = '0';
        const end = d.querySelector('.ck-dm-foot').getBoundingClientRect().bottom + d.scrollTop
            - d.getBoundingClientRect().top + parseFloat(getComputedStyle(d).paddingBottom);
        stage.style.flexGrow = '';
        return [Math.max(Math.ceil(end), d.scrollHeight > d.clientHeight ? d.scrollHeight : 0), d.clientHeight];
    }""")


def past_the_words_box(region, words: str = "") -> None:
    """At a decision that asks for the learner's own words first: write `words` and show the
    choices, or skip when `words` is empty. Does nothing at a decision that does not ask."""
    choice, box = region.locator(".ck-choice").first, region.locator(".ck-words-box")
    choice.or_(box).first.wait_for()
    if box.is_visible():
        if words:
            box.fill(words)
            region.get_by_role("button", name="Show the choices").click()
        else:
            region.get_by_role("button", name="Skip", exact=True).click()
    choice.wait_for()


def axe_violations(page, context: str | None = None) -> list[str]:
    """axe-core's violations on the page, or within the elements matching `context`
    (axe-playwright-python ships axe; nothing is fetched)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


# ---- JupyterLab servers started by tests -------------------------------------------------
# What every JupyterLab started here or by `make lab` carries: loopback only, and nothing
# that calls out (no news feed, no update check, no extension manager).
OFFLINE_FLAGS = [
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
]
LAB_FLAGS = ["--no-browser", *OFFLINE_FLAGS]  # for tests that start their own server
# The first-run "get notified about Jupyter news?" toast would cover the notebook.
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group and every kernel it started (kernels run in their own
    sessions), by process id; SIGKILL whatever is left after a grace period."""
    import psutil

    try:
        started = [proc.pid] + [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        started = [proc.pid]
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    for pid in started[1:]:
        try:
            psutil.Process(pid).wait(timeout=5)
        except psutil.NoSuchProcess:
            pass
        except psutil.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def jupyterlab(command: list, root: Path, tmp: Path):
    """Run `command` (a `jupyter lab` command line without a port) on a free loopback port,
    with its own config, settings and runtime folders under `tmp`; yields (url, log path).
    The server and its kernels are stopped on leaving, also when a test fails."""
    (tmp / "config" / "labconfig").mkdir(parents=True)
    (tmp / "config" / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        # the notebooks are copied to a temporary folder: their kernels read this course's data
        "COURSEKIT_ROOT": str(ROOT),
    }
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    with open(log, "w") as out:
        args = [
            str(a) for a in command if not str(a).startswith("--ServerApp.port=")
        ]  # ours is free
        proc = subprocess.Popen(
            [*args, f"--ServerApp.port={port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start on {url}:\n{log.read_text()[-4000:]}")
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield url, log
    finally:
        stop(proc)
    assert proc.poll() is not None


# What nbgrader and coursekit write into a course folder: never copied into a test's course.
COURSE_OUTPUTS = (
    "release",
    "submitted",
    "autograded",
    "feedback",
    "downloaded",
    "grading",
    "gradebook.db",
    "grades.csv",
    "__pycache__",
)


def copy_course(dst: Path) -> Path:
    """A clean copy of exercises/, as a new instructor would start from."""
    src = ROOT / "exercises"
    # Outputs only at the top: templates/feedback/ is part of the course, not an output.
    shutil.copytree(
        src,
        dst,
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == src and n in COURSE_OUTPUTS or n == "__pycache__"
        ],
    )
    return dst


@pytest.fixture(scope="session")
def nbgrader_course(tmp_path_factory) -> Path:
    """A temporary copy of the nbgrader course in which `nbgrader generate_assignment <module>`
    (nbgrader's own command, run from the course folder) has made every module's release."""
    from coursekit.grading import reflection_modules

    course = copy_course(tmp_path_factory.mktemp("nbgrader") / "exercises")
    for module in reflection_modules(course):
        run([BIN / "nbgrader", "generate_assignment", module], cwd=course, timeout=300)
    return course
