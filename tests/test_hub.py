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
import stat
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest
from support.browser import past_the_words_box
from support.env import ROOT
from support.hub import contents, log_in, menu_labels, put_notebook, sh

from coursekit.content import EXERCISES
from coursekit.grading import criterion_column, load_module
from coursekit.widget import PROGRESS_FILE

sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
import admin  # noqa: E402
from loopback import HUB_BIN, HUB_HOME, loopback_hub  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub's users are Unix accounts: run as root"),
]

MODULE, COURSE = "module1", "solidarity-allyship"
PROMPTS = load_module(EXERCISES, MODULE).prompts
SCENARIO = "m1-ally-week"
TAG = secrets.token_hex(3)
TEACHER, TA = f"ckt-{TAG}-teach", f"ckt-{TAG}-ta"
ANA, BEN = f"ckt-{TAG}-ana", f"ckt-{TAG}-ben"
ADMIN = [sys.executable, str(ROOT / "deploy" / "jupyterhub" / "admin.py")]


def admin_cli(*args, env=None) -> str:
    """deploy/jupyterhub/admin.py as the deploy guide runs it."""
    proc = subprocess.run(
        [*ADMIN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, f"admin.py {' '.join(args)}: {proc.stdout}{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def hub():
    """The hub as the deploy guide sets it up: the roster in the hub's private state folder
    (which existed before, readable by all), accounts made from it, an instructor and a
    teaching assistant sharing one course folder, the exchange."""
    top = Path(tempfile.mkdtemp(prefix="ckt-hub-"))
    os.chmod(top, 0o755)  # the learners reach the exchange inside it
    state, grading = top / "state", top / "grading"
    state.mkdir(mode=0o755)
    roster = state / "students.csv"
    roster.write_text(f"id,first_name,last_name,email\n{ANA},Ana,Alvarez,\n{BEN},Ben,Berg,\n")
    env = {"COURSEKIT_HUB_STATE": str(state), "COURSEKIT_HUB_COURSE_FOLDER": str(grading)}
    passwords = {}
    try:
        exchange = Path(admin_cli("exchange", str(top / "exchange")).split(": ", 1)[1].strip())
        for line in admin_cli("add", "--roster", str(roster), env=env).splitlines():
            name, _, password = line.partition("  password: ")
            passwords[name] = password
        for line in admin_cli("instructor", TEACHER, TA, env=env).splitlines():
            if "  password: " in line:
                name, _, password = line.partition("  password: ")
                passwords[name] = password
        assert set(passwords) == {TEACHER, TA, ANA, BEN}, passwords
        with loopback_hub(state, roster, [TEACHER, TA], exchange) as h:
            h.passwords, h.exchange, h.roster, h.top = passwords, exchange, roster, top
            h.state, h.grading = state, grading
            yield h
    finally:
        for name in (TEACHER, TA, ANA, BEN):
            admin.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)


def answer(name: str, prompt_id: str) -> str:
    return (
        f"{name} on {prompt_id}: I asked the people affected what help they wanted, and followed "
        "it."
    )


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


def test_a_learners_server_loads_nbgrader_on_the_assignments_lists_first_request(hub):
    """A learner's server starts without nbgrader's extensions (coursekit/hub_assignments.py:
    their import is ~15% of a start), and the Assignments list's first request loads them."""
    loading = "Loading the assignment_list nbgrader serverextension"
    before = hub.log.read_text().count(loading)
    hub.spawn(BEN)
    assert "nbgrader's extensions load on its first request" in hub.log.read_text()
    assert hub.log.read_text().count(loading) == before, "nbgrader loaded at the start"
    assert assignments(hub, BEN) == [], "nothing released yet"
    assert hub.log.read_text().count(loading) == before + 1
    status, body = hub.user(BEN, "/nbgrader_version?version=0.9.6")
    assert status == 200 and body == {"success": True}, body
    assert hub.log.read_text().count(loading) == before + 1, "loaded once"


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
    # The instructor: the roster the admin copied in (admin.py instructor), then release
    # module 1 from ~/exercises, the course folder shared with the assistant.
    hub.spawn(TEACHER)
    imported = sh(hub, TEACHER, "cd ~/exercises && python -m coursekit roster students.csv")
    assert "students.csv: 2 students in the gradebook" in imported, imported
    sh(
        hub,
        TEACHER,
        f"cd ~/exercises && nbgrader generate_assignment {MODULE} && nbgrader release_assignment "
        f"{MODULE}",
    )

    # Ben: fetch, answer and submit through the Assignments tab's own endpoints.
    hub.spawn(BEN)
    assert [a["status"] for a in assignments(hub, BEN)] == ["released"]
    assignments(hub, BEN, "fetch")
    write_answers(hub, BEN)
    # The notebook's Validate button (nbgrader's validate_assignment extension)
    status, checked = hub.user(
        BEN, "/assignments/validate", "POST", form={"path": f"{MODULE}/{MODULE}.ipynb"}
    )
    assert status == 200 and checked["success"], checked
    assignments(hub, BEN, "submit")

    # Ana, in the browser: log in, fetch in the Assignments list, play a scenario in a copy
    # of her course/module1.ipynb saved in the module's folder, as the deploy guide says (its
    # progress file goes with the work), submit.
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
    sh(hub, ANA, f"cp course/{MODULE}.ipynb {MODULE}/scenarios.ipynb")
    page.goto(
        f"{hub.url}/user/{ANA}/lab/tree/{MODULE}/scenarios.ipynb?reset"
    )  # ?reset: only this tab
    page.wait_for_function("""() => {
        const kernel = document.querySelector('[data-jp-item-name="kernelName"]')?.innerText.trim();
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
        return document.querySelectorAll('.jp-Cell').length > 2 && kernel && kernel !== 'No Kernel'
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
    # The instructor grades Ana's answers, the assistant Ben's, in the same gradebook.
    for grader, learner, path in (
        (TA, BEN, f"exercises/grading/{MODULE}-ta.csv"),
        (TEACHER, ANA, sheet_path),
    ):
        mine = [dict(r) for r in rows]
        for row in mine:
            if row["student"] != learner:
                continue
            prompt = next(p for p in PROMPTS if p.id == row["prompt"])
            for c in prompt.rubric:
                row[criterion_column(prompt, c)] = str(c.levels[-1].points)
            row["comment"] = f"For {row['student']}: clear and specific."
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(mine)
        hub.spawn(grader)
        status, body = hub.user(
            grader,
            f"/api/contents/{path}",
            "PUT",
            {"type": "file", "format": "text", "content": out.getvalue()},
        )
        assert status in (200, 201), body
        done = sh(
            hub,
            grader,
            f"cd ~/exercises && python -m coursekit sheet import {MODULE} "
            f"{path.removeprefix('exercises/')}",
        )
        assert f"{len(PROMPTS)} answers graded" in done, done
    status = sh(hub, TA, f"cd ~/exercises && python -m coursekit status {MODULE}")
    assert f"{MODULE}: 2 students: 2 graded" in status, status
    sh(
        hub,
        TEACHER,
        f"cd ~/exercises && nbgrader generate_feedback {MODULE} && nbgrader release_feedback "
        f"{MODULE}",
    )

    # Each learner fetches their own feedback, and only their own.
    for me, other in ((ANA, BEN), (BEN, ANA)):
        assignments(hub, me, "fetch_feedback")
        stamps = contents(hub, me, f"{MODULE}/feedback")["content"]
        assert len(stamps) == 1, stamps
        html = contents(hub, me, f"{stamps[0]['path']}/{MODULE}.html")["content"]
        assert answer(me, PROMPTS[0].id) in html and f"For {me}: clear and specific." in html
        assert other not in html


def test_a_learner_cannot_read_the_exemplars_journal_feedback_or_gradebook(hub):
    """After the class above: the graders' files exist, hold what they should, and a learner
    gets nothing from them with cat, python, ls or curl (their own token)."""
    course = HUB_HOME / "course" / "exercises"
    source = course / "source" / MODULE / f"{MODULE}.ipynb"
    reflections = course / "reflections" / f"{MODULE}.yml"
    feedback = hub.grading / "feedback-journals" / MODULE / f"{BEN}-{MODULE}-feedback.json"
    sh(hub, TEACHER, f'mkdir -p {feedback.parent} && echo \'{{"for": "{BEN}"}}\' > {feedback}')
    counts = sh(hub, TA, f"grep -c 'BEGIN SOLUTION' {source}; grep -c 'exemplar:' {reflections}")
    assert [int(n) for n in counts.split()[-2:]] == [len(PROMPTS)] * 2, "the graders read them"
    sh(
        hub,
        ANA,
        f"cat {course / 'course.yml'} {course / 'scenarios' / MODULE / (SCENARIO + '.yml')} "
        ">/dev/null",
    )
    for command in (
        f"cat {source}",
        f"cat {reflections}",
        f"ls {course / 'source'}",
        f"python -c 'open(\"{reflections}\").read()'",
        f"cat {feedback}",
        f"ls {hub.grading}",
        f"cat {hub.grading / 'gradebook.db'}",
        f"cat {hub.grading / 'grading' / (MODULE + '-sheet.csv')}",
        f"cat ~{TEACHER}/exercises/gradebook.db",
        f"ls {hub.state}",
    ):
        status, out = hub.terminal(ANA, command)
        assert status != 0 and ("Permission denied" in out or "PermissionError" in out), (
            command,
            out,
        )
    outside = os.path.relpath(source, Path("/home") / ANA)
    for path in (
        f"/user/{TEACHER}/files/exercises/source/{MODULE}/{MODULE}.ipynb",
        f"/user/{TEACHER}/api/contents/exercises/gradebook.db",
        f"/user/{TEACHER}/api/contents/exercises/grading/{MODULE}-sheet.csv",
        f"/user/{TEACHER}/api/contents/exercises/feedback-journals/{MODULE}",
        f"/user/{ANA}/files/{urllib.parse.quote(outside, safe='')}",
        f"/hub/api/users/{TEACHER}",
    ):
        status, out = hub.terminal(
            ANA,
            "curl -s -o /dev/null -w 'HTTP=%{http_code}\\n' "
            f'-H "Authorization: token $JUPYTERHUB_API_TOKEN" {hub.url}{path}',
        )
        code = out.rsplit("HTTP=", 1)[-1][:3]
        assert code in ("403", "404"), (path, out)


def test_the_hubs_state_folder_is_private_though_it_existed_before(hub):
    assert stat.S_IMODE(hub.state.stat().st_mode) == 0o700, "the test made it 0755 before the hub"
    assert (hub.state / "jupyterhub.sqlite").exists()


def test_end_of_term_clean_up_as_the_deploy_guide_says(hub):
    out = admin_cli("remove", "--roster", str(hub.roster))
    assert f"removed {ANA}" in out and f"removed {BEN}" in out
    admin_cli("remove", TEACHER, TA)
    assert admin_cli("remove", ANA) == f"{ANA}  has no account (removed before?)\n"
    assert not any(admin.exists(n) for n in (TEACHER, TA, ANA, BEN))
    assert not any(Path("/home", n).exists() for n in (TEACHER, TA, ANA, BEN))
