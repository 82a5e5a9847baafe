"""Discussion mode on a static page (tests/roots/test-facilitator): opened from the button
beside a scenario, driven by keyboard alone; feedback hidden until revealed; the room's
counts kept in this browser and shown as bars with numbers; the tally downloaded with the
notes; no request to any other host; axe finds nothing. Also: the facilitator notes
rendered on the page, and the page printed (print stylesheet)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, axe_violations, focused, tab_until
from roots import served_root

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    with served_root(
        "facilitator", tmp_path_factory.mktemp("facilitator"), ["notes-scenario.yml"]
    ) as site:
        yield site


def test_notes_are_rendered_as_text(notes_site):
    _, out = notes_site
    html = (out / "index.html").read_text()
    for text in (
        "Key point.",
        "Ask the person affected before acting",
        "Debrief questions.",
        "When would raising it in public be right?",
        "Alternative activity",
        "Speaking up is always the ally move.",
    ):
        assert text in html
    assert html.count("data-coursekit-discussion=") == 2, "beside the scenario, and in the notes"


def test_discussion_mode_by_keyboard_reveal_and_tally(notes_site, new_page):
    base, _ = notes_site
    p = new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = p.page
    page.goto(f"{base}/index.html")
    page.locator(".ck-discuss").first.wait_for()
    tab_until(page, lambda f: f["text"] == "Discuss with a group")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Discussion: The shared notes")
    dialog.wait_for()
    assert focused(page)["text"] == "Begin (Enter)"
    page.keyboard.press("Enter")
    assert "The notes are shared with everyone on the team except Ana." in dialog.inner_text()
    assert "Say it aloud first" in dialog.inner_text()
    assert "What happens" not in dialog.inner_text(), "feedback is hidden until revealed"
    # The facilitator types the room's counts; focus starts on the first count.
    assert focused(page)["tag"] == "INPUT"
    for count in ("6", "3", "1"):
        page.keyboard.press("Control+a")
        page.keyboard.type(count)
        page.keyboard.press("Tab")
    numbers = dialog.locator(".ck-dm-number").all_inner_texts()
    assert numbers == ["6 (60%)", "3 (30%)", "1 (10%)"]
    width = dialog.locator(".ck-dm-fill").first.evaluate("e => e.style.width")
    assert width == "60%"
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert stored == {"notice": [6, 3, 1]}
    page.locator("dialog h2").focus()
    page.keyboard.press("r")
    assert "Raising it in public puts the problem on the table" in dialog.inner_text()
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "projector-1920x1080.png"))
    assert axe_violations(page) == []
    # The room goes on with B (asked): the next decision shows the variant for that path.
    assert focused(page)["text"] == "Go on with A (1)"
    page.keyboard.press("2")
    assert "Ana tells you she would rather raise it herself" in dialog.inner_text()
    assert "Decision 2" in dialog.locator(".ck-dm-where").inner_text()
    page.locator("dialog h2").focus()
    page.keyboard.press("n")
    assert dialog.locator(".ck-dm-notes").is_visible()
    assert "Ask the person affected before acting" in dialog.locator(".ck-dm-notes").inner_text()
    # The tally survives closing and reopening.
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert focused(page)["text"] == "Discuss with a group"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert dialog.locator(".ck-dm-number").all_inner_texts()[0] == "6 (60%)"
    with page.expect_download() as info:
        dialog.get_by_role("button", name="Download tally and notes (Markdown)").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "| A | Raise it with the whole team at the meeting. | 6 |" in text
    assert "**Key point.** Ask the person affected before acting" in text
    with page.expect_download() as info:
        dialog.get_by_role("button", name="Download tally (CSV)").click()
    assert (
        "m1-notes,notice,B,Ask Ana how she would like it handled.,3"
        in open(info.value.path()).read()
    )
    assert p.foreign_requests(base) == [] and p.errors == []


def test_a_scenario_page_prints_without_navigation(notes_site, new_page):
    base, out = notes_site
    p = new_page()
    page = p.page
    page.goto(f"{base}/index.html")
    page.locator(".ck-discuss").first.wait_for()
    page.emulate_media(media="print")
    assert page.locator(".ck-discuss").first.is_hidden()
    assert page.locator(".ck-facilitator-notes").first.is_visible()
    assert (
        page.locator(".ck-facilitator-notes").first.evaluate("e => getComputedStyle(e).breakInside")
        == "avoid"
    )
    pdf = out / "print.pdf"
    pdf.write_bytes(page.pdf())
    from pypdf import PdfReader

    text = "".join(pg.extract_text() for pg in PdfReader(str(pdf)).pages)
    assert "Ask the person affected before acting" in text and "Discuss with a group" not in text


def test_share_my_path_and_skip_the_scenario(notes_site, new_page):
    base, _ = notes_site
    p = new_page(accept_downloads=True)
    page = p.page
    page.goto(f"{base}/index.html")
    player = page.locator("[data-coursekit-scenario] .ck-stage")
    player.get_by_role("button", name="Begin").click()
    player.get_by_role("textbox").fill("MY OWN WORDS")
    player.get_by_role("button", name="Show the choices").click()
    player.locator(".ck-choice", has_text="Ask Ana how she would like it handled.").click()
    page.wait_for_function("localStorage.getItem('coursekit:scenario:m1-notes')")
    with page.expect_download() as info:
        page.get_by_role("button", name="Share my path").click()
    shared = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert shared == {
        "coursekit": "coursekit shared path",
        "scenario": "m1-notes",
        "path": [{"node": "notice", "choice": 1}],
    }
    page.get_by_label("include what I wrote").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Share my path").click()
    assert (
        json.loads(open(info.value.path(), encoding="utf-8").read())["path"][0]["words"]
        == "MY OWN WORDS"
    )
    # Skipping shows the alternative activity and is kept in this browser.
    skip = page.get_by_label("Skip this scenario and do the alternative activity instead")
    alternative = page.locator(".ck-alternative").first
    assert alternative.is_hidden()
    skip.focus()
    page.keyboard.press("Space")
    assert "List three ways to find out what Ana wants" in alternative.inner_text()
    assert (
        page.evaluate(
            "JSON.parse(localStorage.getItem('coursekit:skipped:scenario:m1-notes')).skipped"
        )
        is True
    )
    page.reload()
    assert page.get_by_label(
        "Skip this scenario and do the alternative activity instead"
    ).is_checked()
    assert axe_violations(page, ".ck-facilitator-tools") == []
    assert p.foreign_requests(base) == [] and p.errors == []
