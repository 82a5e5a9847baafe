"""The fixtures the tests share (the built book, a loopback site, Chromium, an nbgrader course)
and the markers set from them. Helpers are in tests/support/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.browser import CHROMIUM, CHROMIUM_ARGS, Page
from support.content import copy_course
from support.env import BIN, ROOT, run, serve

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


@pytest.fixture(scope="session")
def scenarios() -> dict:
    """Every scenario of the course, loaded once (a broken file fails the tests that use it)."""
    from coursekit.content import load_all

    return load_all(ROOT / "exercises")[0]


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The npm packages of package.json (PurgeCSS, esbuild, lighthouse), as `make test`
    installs them."""
    folder = ROOT / "node_modules"
    if not (folder / ".bin" / "purgecss").exists():
        pytest.fail(f"{folder} lacks the npm packages: run `make test`, which runs `npm ci`")
    return folder


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


@pytest.fixture(scope="session")
def nbgrader_course(tmp_path_factory) -> Path:
    """A temporary copy of the nbgrader course in which `nbgrader generate_assignment <module>`
    (nbgrader's own command, run from the course folder) has made every module's release."""
    from coursekit.grading import reflection_modules

    course = copy_course(tmp_path_factory.mktemp("nbgrader") / "exercises")
    for module in reflection_modules(course):
        run([BIN / "nbgrader", "generate_assignment", module], cwd=course, timeout=300)
    return course
