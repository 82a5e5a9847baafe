"""nbgrader's formgrader for this course, opened from JupyterLab's Nbgrader menu in headless
Chromium. JupyterLab runs on a free loopback port, with no token, from a temporary copy of
the course in which every module's release was generated; it is stopped in the fixture's
teardown, also when the test fails."""

from __future__ import annotations

import shutil

import pytest
from support.env import BIN
from support.lab import LAB_FLAGS, jupyterlab

from coursekit.grading import reflection_modules


@pytest.fixture(scope="module")
def lab_in_course(nbgrader_course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formgrader")
    root = tmp / "exercises"
    shutil.copytree(nbgrader_course, root)
    command = [
        BIN / "jupyter",
        "lab",
        *LAB_FLAGS,
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",
    ]
    with jupyterlab(command, root, tmp) as (url, log):
        yield url, log


def test_formgrader_opens_from_the_nbgrader_menu_and_lists_every_module(lab_in_course, new_page):
    url, log = lab_in_course
    p = new_page(viewport={"width": 1400, "height": 900})
    page = p.page
    page.goto(f"{url}/lab", wait_until="domcontentloaded")
    page.get_by_role("menuitem", name="Nbgrader").click(timeout=60_000)
    page.get_by_role("menuitem", name="Formgrader", exact=True).click()
    formgrader = page.frame_locator("iframe[src*='formgrader']")
    table = formgrader.locator("#main-table")
    for module in reflection_modules():
        table.get_by_role("link", name=module, exact=True).wait_for(timeout=30_000)
    assert formgrader.get_by_text("Manage Assignments").first.is_visible()
    assert not p.foreign_requests(url), p.foreign_requests(url)
    assert "Traceback" not in log.read_text()
