"""nbgrader's formgrader for this course, opened from JupyterLab's Nbgrader menu in headless
Chromium. JupyterLab runs on a free loopback port, with no token, from a temporary copy of
the course in which every module's release was generated; it is stopped in the fixture's
teardown, also when the test fails."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.request

import pytest

from conftest import BIN
from coursekit.grading import reflection_modules
from test_jupyterlab import LAB_FLAGS, PAGE_CONFIG, free_port, stop


@pytest.fixture(scope="module")
def lab_in_course(nbgrader_course, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formgrader")
    root = tmp / "exercises"
    shutil.copytree(nbgrader_course, root)
    (tmp / "config" / "labconfig").mkdir(parents=True)
    (tmp / "config" / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [BIN / "jupyter", "lab", *LAB_FLAGS, f"--ServerApp.port={port}", "--IdentityProvider.token=",
             "--ServerApp.password=", f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
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
