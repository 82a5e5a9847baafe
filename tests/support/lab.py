"""JupyterLab servers started by tests: the flags that keep them offline, and a server on a
free loopback port with its own folders, stopped with its kernels on leaving; and driving a
notebook there: the menu bar, Run All, playing a scenario by mouse or keyboard, a new cell."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from .browser import focused, past_the_words_box, tab_until
from .env import BIN, ROOT, free_port, stop

# The page config every hub user gets (its announcements plugin off: no "get notified about
# Jupyter news?" question), which `make lab` reads as its app settings too.
LAB_SETTINGS = ROOT / "deploy" / "jupyterhub" / "jupyter" / "everyone" / "labconfig"
# What every JupyterLab started here or by `make lab` carries: loopback only, and nothing
# that calls out or asks to (no news feed or question, no update check, no extension manager).
OFFLINE_FLAGS = [
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    f"--LabApp.app_settings_dir={LAB_SETTINGS}",
]
LAB_FLAGS = ["--no-browser", *OFFLINE_FLAGS]  # for tests that start their own server


@contextlib.contextmanager
def jupyterlab(command: list, root: Path, tmp: Path):
    """Run `command` (a `jupyter lab` command line without a port) on a free loopback port,
    with its own config, settings and runtime folders under `tmp`; yields (url, log path).
    The server and its kernels are stopped on leaving, also when a test fails."""
    (tmp / "config").mkdir(parents=True)
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


# ---- Driving a notebook in JupyterLab or Notebook 7 ---------------------------------------
def menu(page, *names):
    """Click through the application's menu bar, e.g. menu(page, "Run", "Run All Cells")."""
    page.locator(".lm-MenuBar").get_by_role("menuitem", name=names[0], exact=True).click()
    for name in names[1:]:  # submenus (Settings > Theme) have no menuitem role: match labels
        page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").filter(
            has_text=re.compile(f"^{re.escape(name)}$")
        ).click()


def run_all(page, notebook: Path, expected: int):
    """Wait until the notebook is loaded and its kernel idle, run all cells from the menu,
    and wait for every scenario player."""
    cells = len(nbformat.read(notebook, as_version=4).cells)
    page.wait_for_function(
        """([cells]) => {
        const kernel = document.querySelector('[data-jp-item-name="kernelName"]')?.innerText.trim();
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
        return document.querySelectorAll('.jp-Cell').length === cells && kernel
            && kernel !== 'No Kernel' && status === 'idle';
    }""",
        arg=[cells],
    )
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(f"document.querySelectorAll('.ck-scenario').length === {expected}")
    return page.locator(".ck-scenario")


def play_by_clicking(region, choice_index=1) -> list[str]:
    """Begin, then at each decision click the choice at choice_index (or the last one)."""
    region.get_by_role("button", name="Begin").click()
    chosen = []
    while True:
        past_the_words_box(region)  # skip the learner's-words box where a decision has one
        choices = region.locator(".ck-choice")
        choices.first.wait_for()
        pick = choices.nth(min(choice_index, choices.count() - 1))
        chosen.append(pick.inner_text())
        pick.click()
        region.get_by_text(f"You chose: {chosen[-1]}", exact=True).wait_for()
        ending = region.get_by_role("button", name="See how it ends")
        if ending.count():
            ending.click()
            region.locator(".ck-path").wait_for()
            return chosen
        region.get_by_role("button", name="Continue").click()


def play_by_keyboard(page, region) -> list[str]:
    """From the start screen: Begin, then always Tab to the first choice and press Enter."""
    region.get_by_role("button", name="Begin").focus()
    page.keyboard.press("Enter")
    chosen = []
    while True:
        region.locator(".ck-choice").or_(region.locator(".ck-words-box")).first.wait_for()
        if region.locator(".ck-words-box").count():  # the learner's own words first, typed
            tab_until(page, lambda f: f["inScenario"] and "ck-words-box" in f["cls"], limit=5)
            page.keyboard.type("What I would say.")
            tab_until(page, lambda f: f["inScenario"] and f["text"] == "Show the choices", limit=3)
            page.keyboard.press("Enter")
        now = tab_until(page, lambda f: f["inScenario"] and "ck-choice" in f["cls"], limit=5)
        chosen.append(now["text"])
        page.keyboard.press("Enter")
        region.get_by_text(f"You chose: {chosen[-1]}", exact=True).wait_for()
        label = focused(page)["text"]
        assert label in ("Continue", "See how it ends"), f"focus after a choice is on {label!r}"
        page.keyboard.press("Enter")
        if label == "See how it ends":
            region.locator(".ck-path").wait_for()
            return chosen


def add_cell_at_end_and_run(page, code: str):
    """Select the last cell, insert a code cell below it (command mode "b"), type, run it
    in place (Ctrl+Enter); returns the cell's output."""
    page.locator(".jp-Notebook .jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    page.keyboard.press("Control+Enter")
    return (
        page.locator(".jp-CodeCell")
        .filter(has_text=code.splitlines()[-1])
        .locator(".jp-OutputArea-output")
    )


def fits_width(region) -> bool:
    return region.evaluate("""e => {
        const out = e.closest('.jp-OutputArea-output').getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return e.scrollWidth <= e.clientWidth && r.left >= out.left - 1 && r.right <= out.right + 1;
    }""")
