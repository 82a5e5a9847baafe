"""Shared fixtures: the built book, a loopback web server, and Debian's Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def run(cmd, cwd=ROOT, timeout=900, check=True, env=None):
    """Run a command; on failure show its output in the test report."""
    full_env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env or {})}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env)
    if check and proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}")
    return proc


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The whole book, built from a clean output folder with warnings as errors."""
    out = tmp_path_factory.mktemp("book")
    proc = run([BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", "--path-output", out], check=False)
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
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != host]


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


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".venv", "_build", "__pycache__", ".git"))
    return dst


# What nbgrader and coursekit write into a course folder: never copied into a test's course.
COURSE_OUTPUTS = ("release", "submitted", "autograded", "feedback", "downloaded", "grading",
                  "gradebook.db", "grades.csv", "__pycache__")


def copy_course(dst: Path) -> Path:
    """A clean copy of exercises/, as a new instructor would start from."""
    shutil.copytree(ROOT / "exercises", dst, ignore=shutil.ignore_patterns(*COURSE_OUTPUTS))
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
