"""Room votes on the class's hub: the room server as the hub's service at /services/room/
(deploy/jupyterhub/jupyterhub_config.py), started by the real hub on loopback as the user
nobody. An instructor signs in through the hub and runs discussion mode from the service;
a phone without any account joins the room and votes; a learner signed in to the same hub
cannot open the facilitator's pages. Needs root (the hub's users are Unix accounts)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.env import ROOT

sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
import admin  # noqa: E402
from loopback import loopback_hub  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub's users are Unix accounts: run as root"),
]
TAG = secrets.token_hex(3)
TEACHER, LEARNER = f"ckr-{TAG}-teach", f"ckr-{TAG}-ana"


@pytest.fixture(scope="module")
def hub():
    top = Path(tempfile.mkdtemp(prefix="ckr-hub-"))
    os.chmod(top, 0o755)
    state = top / "state"
    state.mkdir(mode=0o755)
    roster = state / "students.csv"
    roster.write_text(f"id,first_name,last_name,email\n{LEARNER},Ana,Alvarez,\n")
    os.environ["COURSEKIT_HUB_COURSE_FOLDER"] = str(top / "grading")
    try:
        passwords = {
            TEACHER: admin.add_user(TEACHER),
            LEARNER: admin.add_user(LEARNER),
        }
        exchange = admin.make_exchange(top / "exchange")
        with loopback_hub(state, roster, [TEACHER], exchange) as h:
            h.passwords = passwords
            wait_for_room(h)
            yield h
    finally:
        os.environ.pop("COURSEKIT_HUB_COURSE_FOLDER", None)
        for name in (TEACHER, LEARNER):
            admin.remove_user(name)
        shutil.rmtree(top, ignore_errors=True)


def wait_for_room(hub, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{hub.url}/services/room/", timeout=5) as r:
                if b"Join the room" in r.read():
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"/services/room/ never answered; the hub's log: {hub.log}")
        time.sleep(0.5)


def sign_in(page, hub, name: str) -> None:
    page.goto(f"{hub.url}/services/room/sign-in")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")


@contextmanager
def explained(hub, teacher):
    """On a failure, say what the facilitator's page and the hub (with the room service's
    own output, which goes to the hub's log) showed, so a failure explains itself."""
    console: list[str] = []
    teacher.page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    try:
        yield
    except Exception as exc:
        try:
            shown = teacher.page.locator("dialog.ck-projector").inner_text(timeout=2000)[-1500:]
        except Exception:  # the page or its dialog is gone: the rest still explains
            shown = "(no discussion mode on the page)"
        log = "\n".join(hub.log.read_text(errors="replace").splitlines()[-60:])
        pytest.fail(
            f"{type(exc).__name__}: {exc}\npage errors: {teacher.errors}\nconsole: {console[-20:]}"
            f"\ndiscussion mode showed:\n{shown}\nthe hub's log (last 60 lines):\n{log}"
        )


def test_the_room_runs_as_the_hubs_service(hub, browser, new_page):
    teacher = new_page(viewport={"width": 1920, "height": 1080})
    with explained(hub, teacher):
        facilitate_a_vote(hub, browser, teacher)


def facilitate_a_vote(hub, browser, teacher) -> None:
    page = teacher.page
    page.set_default_timeout(60_000)
    sign_in(page, hub, TEACHER)
    page.get_by_role("heading", name="Room votes: choose a scenario").wait_for()
    page.locator(".ck-room-list a").first.click()
    page.get_by_role("button", name="Open discussion mode").click()
    dialog = page.locator("dialog.ck-projector")
    dialog.get_by_text("Keys:").wait_for()  # keys pressed before the dialog is up are lost
    page.keyboard.press("Enter")
    page.keyboard.press("v")
    code = dialog.locator(".ck-dm-room-code strong")
    code.wait_for()
    address = dialog.locator(".ck-dm-room-address strong").inner_text()
    assert address == f"{hub.url}/services/room/", address
    page.keyboard.press("Enter")  # the options: the vote opens

    phone_context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = phone_context.new_page()
    phone.goto(f"{address}r/{code.inner_text()}")  # no account, no sign-in
    phone.locator(".ck-room-choice").nth(1).click()
    phone.locator(".ck-room-status").filter(has_text="Your vote is in: B").wait_for()
    page.wait_for_function(
        "() => document.querySelector('.ck-dm-room-count')?.textContent.includes('1 vote')"
    )
    counts = [
        int(t.split()[0]) for t in dialog.locator(".ck-dm-option .ck-dm-number").all_inner_texts()
    ]
    assert counts[:2] == [0, 1], counts
    page.keyboard.press("Escape")  # closing discussion mode ends the room
    phone.get_by_role("heading", name="The room has ended").wait_for()
    phone_context.close()
    assert not teacher.foreign_requests(hub.url), teacher.foreign_requests(hub.url)


def test_a_learner_gets_no_facilitator_page(hub, new_page):
    learner = new_page()
    sign_in(learner.page, hub, LEARNER)
    learner.page.wait_for_load_state()
    assert not learner.page.get_by_role("heading", name="Room votes: choose a scenario").count()
    body = learner.page.locator("body").inner_text()
    assert re.search(r"403|Forbidden|permission", body), body[:500]
