"""Discussion mode on a static page (tests/roots/test-facilitator): opened from the button
beside a scenario, driven by keyboard alone; feedback hidden until revealed; the room's
counts kept in this browser and shown as bars with numbers; the tally downloaded with the
notes; no request to any other host; axe finds nothing. Also: the facilitator notes
rendered on the page, and the page printed (print stylesheet)."""

from __future__ import annotations

import json
import re

import pytest
from support.browser import axe_violations, close_dialog, focused, projector_fit, tab_until
from support.env import ROOT
from support.roots import served_root

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"


def keys_act_on_the_room(page, after: str) -> None:
    """The trap the trial found: after Begin, Go on or Backspace focus sat in a count box,
    where R did nothing and a digit went into the count (4 became 24)."""
    now = focused(page)
    assert now["tag"] not in ("INPUT", "TEXTAREA", "SELECT"), (
        f"after {after}, focus is in a box ({now['id']}): the room's keys would type into it"
    )


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    with served_root(
        "facilitator",
        tmp_path_factory.mktemp("facilitator"),
        ["notes-scenario.yml", "long-scenario.yml"],
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
    assert html.count("data-coursekit-discussion=") == 3, "beside the scenario, and in the notes"


def test_a_whole_discussion_session_by_keyboard_alone(notes_site, new_page):
    """Begin, the situation and the room's own words before any option, counts by digit keys
    (wherever focus is), typed counts as an explicit step, reveal one option at a time, go on,
    back, the ending and its debrief, notes, export, clearing with a question and an undo; each
    screen fits 1920x1080; then a new session starts empty unless the facilitator resumes."""
    base, _ = notes_site
    p = new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = p.page
    page.goto(f"{base}/index.html")
    page.locator(".ck-discuss").first.wait_for()
    tab_until(page, lambda f: f["text"] == "Discuss with a group")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Discussion: The shared notes")
    dialog.wait_for()
    where = dialog.locator(".ck-dm-where")
    shots = []

    def screen(name):
        height, client = projector_fit(dialog)
        assert client == 1080 and height <= client, f"{name}: {height} px tall on a 1080 px screen"
        shots.append(name)
        page.screenshot(path=str(SHOTS / f"discussion-{name}.png"))

    SHOTS.mkdir(parents=True, exist_ok=True)
    assert focused(page)["text"] == "Begin (Enter)"
    screen("opening")
    page.keyboard.press("Enter")
    keys_act_on_the_room(page, "Begin")
    # The situation and the room's own words come first; no option is on screen yet.
    assert "The notes are shared with everyone on the team except Ana." in dialog.inner_text()
    assert "In your own words, before the options" in dialog.inner_text()
    assert "What would you say to Ana first?" in dialog.inner_text()
    assert "Raise it with the whole team" not in dialog.inner_text()
    screen("situation")
    page.keyboard.press("r")
    page.keyboard.press("1")
    assert "the situation" in where.inner_text(), "R and digits do nothing before the options"
    page.keyboard.press("Enter")
    assert "Raise it with the whole team at the meeting." in dialog.inner_text()
    assert "What happens" not in dialog.inner_text(), "feedback is hidden until revealed"
    # Counting by digit keys: one press, one more for that option, wherever focus is.
    for key, times in (("1", 6), ("2", 4), ("3", 1)):
        for _ in range(times):
            page.keyboard.press(key)
    page.keyboard.press("Shift+2")
    numbers = dialog.locator(".ck-dm-number").all_inner_texts()
    assert numbers == ["6 (60%)", "3 (30%)", "1 (10%)"]
    assert dialog.locator(".ck-dm-fill").first.evaluate("e => e.style.width") == "60%"
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert stored == {"counts": {"notice": [6, 3, 1]}, "path": []}
    screen("options")
    # Typing a count is an explicit step (E); only there do digits go into a box.
    page.keyboard.press("e")
    assert focused(page)["tag"] == "INPUT" and "typing the counts" in where.inner_text()
    page.keyboard.press("Control+a")
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "BUTTON"
    assert dialog.locator(".ck-dm-number").all_inner_texts()[0] == "7 (64%)"
    page.keyboard.press("r")
    # The trial's repro: Backspace (hide the outcomes again), then a digit and R act on the
    # room: one more for C (not a digit typed into a count), and the outcomes again.
    page.keyboard.press("Backspace")
    keys_act_on_the_room(page, "Backspace")
    assert "the options" in where.inner_text()
    page.keyboard.press("3")
    assert dialog.locator(".ck-dm-number").all_inner_texts() == ["7 (58%)", "3 (25%)", "2 (17%)"]
    page.keyboard.press("Shift+3")
    page.keyboard.press("r")
    assert "what happens after A" in where.inner_text()
    # One option's outcome at a time: A first, then B by its digit.
    assert "Raising it in public puts the problem on the table" in dialog.inner_text()
    assert "Asking first lets Ana decide" not in dialog.inner_text()
    page.keyboard.press("2")
    assert "Asking first lets Ana decide what happens next." in dialog.inner_text()
    assert "Raising it in public" not in dialog.inner_text()
    screen("revealed")
    assert axe_violations(page) == []
    assert focused(page)["text"] == "Go on with B (G)"
    page.keyboard.press("g")
    keys_act_on_the_room(page, "Go on")
    assert "Decision 2" in where.inner_text()
    assert "Ana tells you she would rather raise it herself" in dialog.inner_text()
    # Back: to the outcome the room had open, then on again.
    page.keyboard.press("Backspace")
    keys_act_on_the_room(page, "Backspace")
    assert "Decision 1" in where.inner_text() and "after B" in where.inner_text()
    page.keyboard.press("g")
    page.keyboard.press("Enter")
    page.keyboard.press("r")
    assert focused(page)["text"] == "Go on with A (G)"
    page.keyboard.press("Enter")
    assert "Because you asked Ana first, she led the change" in dialog.inner_text()
    screen("ending")
    page.keyboard.press("Enter")
    text = dialog.inner_text()
    assert "Asking the person affected first changes who leads the repair." in text
    assert (
        "Who decided what happened here?" in text
        and "When would raising it in public be right?" in text
    )
    screen("debrief")
    page.keyboard.press("n")
    notes_panel = dialog.locator(".ck-dm-notes")
    assert notes_panel.is_visible() and notes_panel.bounding_box()["y"] < 1080, (
        "the notes show on screen"
    )
    assert "Ask the person affected before acting" in notes_panel.inner_text()
    assert axe_violations(page) == []
    page.keyboard.press("n")
    # Export, by keyboard: the counts and the room's path.
    tab_until(page, lambda f: f["text"] == "Download tally and notes (Markdown)")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = open(info.value.path(), encoding="utf-8").read()
    assert "| A | Raise it with the whole team at the meeting. | 7 |" in text
    assert "The room went on with option B." in text and "The room went on with option A." in text
    assert "**Key point.** Ask the person affected before acting" in text
    page.keyboard.press("Tab")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert (
        "m1-notes,notice,B,Ask Ana how she would like it handled.,3"
        in open(info.value.path()).read()
    )
    # Clearing asks first; then it can be undone.
    tab_until(page, lambda f: f["text"] == "Clear the tally")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "No, keep them"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    cleared = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert cleared["counts"] == {}
    assert focused(page)["text"] == "Undo: bring the counts back"
    page.keyboard.press("Enter")
    back = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert back["counts"] == {"notice": [7, 3, 1]}
    assert back["path"] == [{"node": "notice", "choice": 1}, {"node": "later", "choice": 0}]
    close_dialog(page, dialog)
    assert focused(page)["text"] == "Discuss with a group"
    # The next session starts with an empty tally unless the facilitator resumes.
    page.keyboard.press("Enter")
    assert "keeps an earlier session of this scenario: 11 counts" in dialog.inner_text()
    assert focused(page)["text"] == "Begin with an empty tally (Enter)"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert dialog.locator(".ck-dm-number").all_inner_texts() == ["0 (0%)"] * 3
    # A count replaces the saved session; until the view closes, that can be undone (and redone).
    page.keyboard.press("2")
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert stored == {"counts": {"notice": [0, 1, 0]}, "path": []}
    earlier = "Undo the new start: resume the earlier session (11 counts at 1 decision, 2 steps"
    tab_until(page, lambda f: f["text"].startswith(earlier))
    page.keyboard.press("Enter")
    assert "Ending" in where.inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('coursekit:tally:m1-notes'))")
    assert stored["counts"] == {"notice": [7, 3, 1]} and len(stored["path"]) == 2
    assert "The earlier session is back" in dialog.locator(".ck-dm-live").inner_text()
    tab_until(page, lambda f: f["text"].startswith("Back to the new session (1 count at 1"))
    page.keyboard.press("Enter")
    assert dialog.locator(".ck-dm-number").all_inner_texts() == ["0 (0%)", "1 (100%)", "0 (0%)"]
    tab_until(page, lambda f: f["text"].startswith(earlier))
    page.keyboard.press("Enter")
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["text"] == "Resume the saved session")
    page.keyboard.press("Enter")
    assert "Ending" in where.inner_text()
    assert "Because you asked Ana first" in dialog.inner_text()
    assert len(shots) == 6
    assert p.foreign_requests(base) == [] and p.errors == []


def test_each_screen_of_the_longest_texts_fits_1080p(notes_site, new_page):
    """tests/fixtures/long-scenario.yml has texts as long as the course's longest: at 1920x1080,
    and at 1280x720 (150% zoom), every screen (opening, situation, six options with counts,
    each option's outcome, ending, debrief) fits without scrolling, at the projector's type
    size."""
    base, _ = notes_site
    p = new_page(viewport={"width": 1920, "height": 1080})
    page = p.page
    page.goto(f"{base}/index.html")
    page.get_by_role(
        "button", name="Discuss with a group: The garden committee's long evening"
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    size = dialog.locator(".ck-dm-text").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(size.removesuffix("px")) >= 40, "projector type, about 40 px at 1920 wide"
    heights = {}

    def measure(name):
        heights[name] = projector_fit(dialog), 1080
        page.screenshot(path=str(SHOTS / f"discussion-long-{name}.png"))
        # The same projector zoomed to 150% for a large room: the view fits again on resize.
        page.set_viewport_size({"width": 1280, "height": 720})
        heights[f"{name} at 1280x720"] = projector_fit(dialog), 720
        page.set_viewport_size({"width": 1920, "height": 1080})

    SHOTS.mkdir(parents=True, exist_ok=True)
    measure("opening")
    page.keyboard.press("Enter")
    measure("situation")
    page.keyboard.press("Enter")
    for key in "1123456":
        page.keyboard.press(key)
    measure("options")
    page.keyboard.press("r")
    for key in "123456":
        page.keyboard.press(key)
        measure(f"after-{key}")
        # Paragraphs are spaced (the trial read "well.He": paragraphs ran together inline).
        gaps = dialog.locator(".ck-dm-feedback").evaluate("""f => [...f.querySelectorAll('p')]
            .map(p => p.getBoundingClientRect())
            .map((r, i, all) => i ? r.top - all[i - 1].bottom : null).slice(1)""")
        assert len(gaps) == 2 and min(gaps) >= 12, f"after {key}: paragraph gaps {gaps} px"
    page.keyboard.press("1")
    page.keyboard.press("g")
    page.keyboard.press("Enter")
    page.keyboard.press("r")
    page.keyboard.press("g")
    measure("ending")
    page.keyboard.press("Enter")
    measure("debrief")
    print("screen heights (needed, screen) at 1920x1080 and 1280x720:", heights)
    assert {k: v for k, (v, size) in heights.items() if v[0] > v[1] or v[1] != size} == {}
    assert p.errors == []


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
    sharer = shared.pop("sharer")  # the class view counts this browser once (issue 28)
    assert re.fullmatch(r"[0-9a-f]{32}", sharer)
    assert shared == {
        "coursekit": "coursekit shared path",
        "scenario": "m1-notes",
        "path": [{"node": "notice", "choice": 1}],
    }
    page.get_by_label("include what I wrote").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Share my path").click()
    again = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert again["path"][0]["words"] == "MY OWN WORDS" and again["sharer"] == sharer
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
