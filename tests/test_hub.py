"""A class on the course's JupyterHub (deploy/jupyterhub/), all real and on loopback: the
`jupyterhub` command with its npm proxy, PAM logins of Unix accounts made for the test, each
user's JupyterLab started as that user, nbgrader's exchange. Driven through the hub's REST
API (the users' own tokens, their terminals, the Assignments tab's endpoints) and Debian's
Chromium. The accounts are removed afterwards, also when a test fails. Needs root."""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, past_the_words_box

from coursekit.content import EXERCISES
from coursekit.grading import criterion_column, load_module
from coursekit.widget import PROGRESS_FILE

sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
import admin  # noqa: E402
from loopback import HUB_BIN, loopback_hub  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub's users are Unix accounts: run as root"),
]

MODULE, COURSE = "module1", "solidarity-allyship"
PROMPTS = load_module(EXERCISES, MODULE).prompts
SCENARIO = "m1-ally-week"
TAG = secrets.token_hex(3)
TEACHER, ANA, BEN = f"ckt-{TAG}-teach", f"ckt-{TAG}-ana", f"ckt-{TAG}-ben"


@pytest.fixture(scope="module")
def hub():
    """The hub with one instructor (hub group "instructors") and two learners on the roster."""
    top = Path(tempfile.mkdtemp(prefix="ckt-hub-"))
    os.chmod(top, 0o755)  # the learners reach the exchange inside it
    exchange = admin.make_exchange(top / "exchange")
    roster = top / "students.csv"
    roster.write_text(f"id,first_name,last_name,email\n{ANA},Ana,Alvarez,\n{BEN},Ben,Berg,\n")
    passwords = {}
    try:
        for name in (TEACHER, ANA, BEN):
            passwords[name] = admin.add_user(name)
        admin.give_course_folder(TEACHER)
        with loopback_hub(top / "state", roster, [TEACHER], exchange) as h:
            h.passwords, h.exchange, h.roster = passwords, exchange, roster
            yield h
    finally:
        for name in (TEACHER, ANA, BEN):
            admin.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)


def sh(hub, name: str, command: str, timeout: float = 240) -> str:
    status, out = hub.terminal(name, command, timeout=timeout)
    assert status == 0, f"{name}$ {command}\nexited {status}:\n{out[-4000:]}"
    return out


def contents(hub, name: str, path: str) -> dict:
    status, model = hub.user(name, f"/api/contents/{urllib.parse.quote(path)}?content=1")
    assert status == 200, f"{name} cannot read {path}: {status} {model!r}"
    return model


def put_notebook(hub, name: str, path: str, nb) -> None:
    status, body = hub.user(
        name, f"/api/contents/{path}", "PUT", {"type": "notebook", "format": "json", "content": nb}
    )
    assert status in (200, 201), f"{name} cannot save {path}: {status} {body!r}"


def answer(name: str, prompt_id: str) -> str:
    return f"{name} on {prompt_id}: I asked the people affected what help they wanted, and followed it."


def write_answers(hub, name: str) -> None:
    """The learner's answers, saved into the fetched notebook (what JupyterLab's Save does)."""
    nb = contents(hub, name, f"{MODULE}/{MODULE}.ipynb")["content"]
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            cell["source"] = answer(name, meta["grade_id"])
    put_notebook(hub, name, f"{MODULE}/{MODULE}.ipynb", nb)


def assignments(hub, name: str, action: str | None = None) -> list:
    path = f"/assignments/{action}" if action else f"/assignments?course_id={COURSE}"
    form = {"course_id": COURSE, "assignment_id": MODULE} if action else None
    status, body = hub.user(name, path, "POST" if action else "GET", form=form, timeout=180)
    assert status == 200 and body.get("success"), f"{name}: assignments {action}: {status} {body!r}"
    return body["value"]


def log_in(page, hub, name):
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/lab**", timeout=180_000)
    page.locator(".jp-LabShell").wait_for()


def menu_labels(page, name: str) -> list[str]:
    bar = page.locator(".lm-MenuBar")
    if not bar.get_by_role("menuitem", name=name, exact=True).count():
        return []
    bar.get_by_role("menuitem", name=name, exact=True).click()
    labels = page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return labels


def test_learners_see_assignments_but_no_instructor_tools_and_nothing_calls_out(hub, new_page):
    for name in (TEACHER, ANA):
        hub.spawn(name)
    assert hub.user(TEACHER, "/formgrader")[0] == 200
    assert hub.user(ANA, "/formgrader")[0] == 404, "a learner's server has no formgrader"
    p = new_page(viewport={"width": 1280, "height": 900})
    p.page.set_default_timeout(60_000)
    log_in(p.page, hub, ANA)
    page_config = json.loads(p.page.locator("#jupyter-config-data").text_content())
    assert {
        "@jupyterlab/apputils-extension:announcements",
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
    } <= set(page_config["disabledExtensions"]), page_config
    assert page_config["news"] == {"disabled": True}, page_config
    assert hub.user(ANA, "/lab/api/news")[1] == {"news": []}
    assert hub.user(ANA, "/lab/api/update")[1] == {"notification": None}
    assert not p.page.get_by_text("Would you like to get notified").count()
    labels = menu_labels(p.page, "Nbgrader")
    assert "Assignment List" in labels and not {
        "Formgrader",
        "Course List",
        "Create assignment",
    } & set(labels), labels
    assert not p.page.locator('.lm-TabBar-tab[title*="Create Assignment"]').count()
    assert not p.foreign_requests(hub.url), p.foreign_requests(hub.url)
    # The terminal runs as the learner, with the course's tools on its PATH.
    assert sh(hub, ANA, "command -v nbgrader coursekit-absent python; id -un").split() == [
        str(HUB_BIN / "nbgrader"),
        str(HUB_BIN / "python"),
        ANA,
    ]


def test_a_class_releases_fetches_submits_collects_grades_and_returns_feedback(hub, new_page):
    # The instructor: the roster, then release module 1 from ~/exercises.
    hub.spawn(TEACHER)
    sh(
        hub,
        TEACHER,
        f"cd ~/exercises && nbgrader db student import {hub.roster} "
        f"&& nbgrader generate_assignment {MODULE} && nbgrader release_assignment {MODULE}",
    )

    # Ben: fetch, answer and submit through the Assignments tab's own endpoints.
    hub.spawn(BEN)
    assert [a["status"] for a in assignments(hub, BEN)] == ["released"]
    assignments(hub, BEN, "fetch")
    write_answers(hub, BEN)
    assignments(hub, BEN, "submit")

    # Ana, in the browser: log in, fetch in the Assignments list, play a scenario in a
    # notebook of the module's folder (its progress file goes with the work), submit.
    p = new_page(viewport={"width": 1280, "height": 900})
    page = p.page
    page.set_default_timeout(90_000)
    log_in(page, hub, ANA)
    page.locator(".lm-MenuBar").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").filter(
        has_text="Assignment List"
    ).click()
    released = page.locator("#released_assignments_list")
    released.get_by_text(MODULE).wait_for()
    released.get_by_role("button", name="Fetch").click()
    page.locator("#fetched_assignments_list").get_by_text(MODULE).first.wait_for()
    write_answers(hub, ANA)
    play = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("from coursekit.widget import scenario"),
            nbformat.v4.new_code_cell(f"scenario({SCENARIO!r})"),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    put_notebook(hub, ANA, f"{MODULE}/scenarios.ipynb", json.loads(nbformat.writes(play)))
    page.goto(
        f"{hub.url}/user/{ANA}/lab/tree/{MODULE}/scenarios.ipynb?reset"
    )  # ?reset: only this tab
    page.wait_for_function("""() => {
        const kernel = document.querySelector('[data-jp-item-name="kernelName"]')?.innerText.trim();
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
        return document.querySelectorAll('.jp-Cell').length === 2 && kernel && kernel !== 'No Kernel'
            && status === 'idle';
    }""")
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.locator(".lm-MenuBar").get_by_role("menuitem", name="Run", exact=True).click()
    page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").filter(
        has_text="Run All Cells"
    ).first.click()
    try:
        page.locator(".ck-scenario").first.wait_for(timeout=120_000)
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "ckt-hub-scenario.png"))
        raise
    region = page.locator(".ck-scenario").first
    region.get_by_role("button", name="Begin").click()
    region.locator(".ck-choice").or_(region.locator(".ck-words-box")).first.wait_for()
    asked = region.locator(".ck-words-box").count() > 0
    past_the_words_box(region, "What Ana would say first.")
    region.locator(".ck-choice").first.click()
    deadline = time.monotonic() + 30
    while hub.user(ANA, f"/api/contents/{MODULE}/{PROGRESS_FILE}")[0] != 200:
        assert time.monotonic() < deadline, "the choice was never saved in the module's folder"
        time.sleep(0.5)
    saved = json.loads(contents(hub, ANA, f"{MODULE}/{PROGRESS_FILE}")["content"])
    assert len(saved["scenarios"][SCENARIO]["path"]) == 1, saved
    if asked:  # the learner's own words go with the path, into the submission
        assert saved["scenarios"][SCENARIO]["path"][0]["words"] == "What Ana would say first.", (
            saved
        )
    page.locator(".lm-MenuBar").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").filter(
        has_text="Assignment List"
    ).click()
    page.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list").get_by_text(MODULE).first.wait_for()

    # Neither learner can read the other's work: not in the exchange, not in a home.
    inbound = hub.exchange / COURSE / "inbound"
    for me, other in ((BEN, ANA), (ANA, BEN)):
        status, out = hub.terminal(me, f"ls {inbound}")
        assert status != 0 and "Permission denied" in out, out
        status, out = hub.terminal(me, f"cat ~{other}/{MODULE}/{MODULE}.ipynb")
        assert status != 0 and "Permission denied" in out, out
        assert hub.user(me, "/formgrader")[0] == 404

    # The instructor: collect, autograde, grade with the sheet, release feedback.
    collected = sh(hub, TEACHER, f"cd ~/exercises && nbgrader collect {MODULE}")
    assert "cheating" not in collected.lower(), collected
    files = [
        f["name"] for f in contents(hub, TEACHER, f"exercises/submitted/{ANA}/{MODULE}")["content"]
    ]
    assert PROGRESS_FILE in files and f"{MODULE}.ipynb" in files, files
    graded = sh(hub, TEACHER, f"cd ~/exercises && python -m coursekit autograde {MODULE}")
    assert f"{MODULE}: 2 of 2 submissions graded" in graded, graded
    for name in (ANA, BEN):
        assert (
            f"{name}: graded, 0 of 30 points so far; {len(PROMPTS)} answers to grade by hand"
            in graded
        ), graded
    sh(hub, TEACHER, f"cd ~/exercises && python -m coursekit sheet export {MODULE}")
    sheet_path = f"exercises/grading/{MODULE}-sheet.csv"
    rows = list(
        csv.DictReader(io.StringIO(contents(hub, TEACHER, sheet_path)["content"].lstrip("\ufeff")))
    )
    for row in rows:
        prompt = next(p for p in PROMPTS if p.id == row["prompt"])
        for c in prompt.rubric:
            row[criterion_column(prompt, c)] = str(c.levels[-1].points)
        row["comment"] = f"For {row['student']}: clear and specific."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    status, body = hub.user(
        TEACHER,
        f"/api/contents/{sheet_path}",
        "PUT",
        {"type": "file", "format": "text", "content": out.getvalue()},
    )
    assert status == 200, body
    sh(hub, TEACHER, f"cd ~/exercises && python -m coursekit sheet import {MODULE}")
    sh(
        hub,
        TEACHER,
        f"cd ~/exercises && nbgrader generate_feedback {MODULE} && nbgrader release_feedback {MODULE}",
    )

    # Each learner fetches their own feedback, and only their own.
    for me, other in ((ANA, BEN), (BEN, ANA)):
        assignments(hub, me, "fetch_feedback")
        stamps = contents(hub, me, f"{MODULE}/feedback")["content"]
        assert len(stamps) == 1, stamps
        html = contents(hub, me, f"{stamps[0]['path']}/{MODULE}.html")["content"]
        assert answer(me, PROMPTS[0].id) in html and f"For {me}: clear and specific." in html
        assert other not in html
