"""Room votes as a class uses them: `python -m coursekit room` started as a facilitator starts
it (on a small course laid out from tests/fixtures), the facilitator's discussion mode on the
projector page it serves, and 14 phones (each its own browser context) voting through the
real server on loopback. Counts exact, a changed vote counted once, the tally's CSV export
carrying the room's counts, a late joiner seeing the decision on screen, a dropped connection
coming back with its vote, lines moderated before the room sees them, and closing discussion
mode ending every phone's page. The phone page: axe finds nothing, light and dark; targets
at least 44 px; a vote confirmed in words; usable by keyboard. No request leaves loopback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading

import pytest
from support.browser import axe_violations
from support.env import ROOT, free_port
from support.room import Cable
from support.roots import lay_out_root

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "has_touch": True}
CHOICES = 3  # the first decision of tests/fixtures/notes-scenario.yml


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The command as the facilitator runs it; yields its facilitator address."""
    src = lay_out_root("facilitator", tmp_path_factory.mktemp("room"), ["notes-scenario.yml"])
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "coursekit", "room", "--port", str(port)],
        cwd=src,
        env={**os.environ, "COURSEKIT_ROOT": str(src)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Facilitator"):
            break
    address = re.search(r"http://\S+", "".join(lines))
    assert address, "".join(lines)
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    yield address.group(0)
    print("".join(lines[-40:]))
    proc.terminate()
    proc.wait(timeout=10)


def counts_on_projector(dialog) -> list[int]:
    return [
        int(n.split()[0]) for n in dialog.locator(".ck-dm-option .ck-dm-number").all_inner_texts()
    ]


def test_a_room_of_phones_votes_through_the_real_server(room, browser, new_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector = new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = projector.page
    page.goto(room)
    page.get_by_role("link", name="The shared notes").click()
    page.get_by_role("button", name="Open discussion mode").click()
    dialog = page.get_by_role("dialog", name="Discussion: The shared notes")
    page.keyboard.press("Enter")  # begin: the situation, and its "in your own words" prompt
    page.keyboard.press("v")  # let the room vote
    panel = dialog.locator(".ck-dm-room")
    panel.locator(".ck-dm-room-code strong").wait_for()
    code = panel.locator(".ck-dm-room-code strong").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert panel.locator("img.ck-dm-qr").get_attribute("src").startswith("data:image/svg+xml")
    address = panel.locator(".ck-dm-room-address strong").inner_text()
    join = f"{address}r/{code}"
    page.screenshot(path=str(SHOTS / "room-projector-join.png"))

    phones = []
    for _ in range(12):
        context = browser.new_context(**PHONE)
        phone = context.new_page()
        phone.goto(join)
        phones.append((context, phone))
    for _, phone in phones:
        phone.get_by_text("The notes are shared with everyone on the team except Ana.").wait_for()
        phone.get_by_label("In your own words (optional)").wait_for()
    assert not phones[0][1].locator(".ck-room-choice").count(), "no option before the screen's"

    # A line in the room's own words reaches the facilitator's list, not the room.
    phones[0][1].get_by_label("In your own words (optional)").fill("I would ask Ana privately.")
    phones[0][1].get_by_role("button", name="Send my line").click()
    phones[0][1].get_by_text("Your line is sent.").wait_for()
    dialog.get_by_text("1 line waiting for you (L)").wait_for()
    assert "I would ask Ana privately." not in dialog.inner_text()
    # Another phone sends a line written to hurt, with markup in it.
    hurt = '<img src=x onerror="document.title=1">Ana brought this on herself'
    phones[1][1].get_by_label("In your own words (optional)").fill(hurt)
    phones[1][1].get_by_role("button", name="Send my line").click()
    phones[1][1].get_by_text("Your line is sent.").wait_for()
    dialog.get_by_text("2 lines waiting for you (L)").wait_for()
    assert "brought this on herself" not in dialog.inner_text()
    page.keyboard.press("v")  # the join box smaller
    page.keyboard.press("l")
    lines = dialog.locator(".ck-dm-lines")
    assert "I would ask Ana privately." in lines.inner_text()
    assert hurt in lines.inner_text(), "markup in a line is shown as text"
    assert not dialog.locator("img:not(.ck-dm-qr)").count() and page.title() != "1"
    kind = lines.locator("li").filter(has_text="I would ask Ana privately.")
    kind.get_by_role("button", name="Show to the room").click()
    dialog.locator(".ck-dm-words").get_by_text("I would ask Ana privately.").wait_for()
    # Leave out by keyboard: the focus is on the list's first button, now the other line's.
    assert page.evaluate("document.activeElement.textContent") == "Show to the room"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    lines.get_by_text("No line is waiting.").wait_for()
    page.keyboard.press("l")
    assert "brought this on herself" not in dialog.locator(".ck-dm-words").inner_text()
    assert not dialog.get_by_text("waiting for you").count()
    for _, phone in phones:  # the phones see no one's line, shown or not
        assert "Ana privately" not in phone.locator("body").inner_text()

    page.keyboard.press("Enter")  # the options: the vote opens on every phone
    for _, phone in phones:
        phone.locator(".ck-room-choice").nth(CHOICES - 1).wait_for()
    expected = [0] * CHOICES
    for i, (_, phone) in enumerate(phones):
        phone.locator(".ck-room-choice").nth(i % CHOICES).click()
        expected[i % CHOICES] += 1
    # One phone changes its mind: counted once, for its new choice.
    phones[0][1].locator(".ck-room-choice").nth(1).click()
    expected[0] -= 1
    expected[1] += 1
    confirm = phones[0][1].locator(".ck-room-status")
    confirm.filter(has_text="Your vote is in: B").wait_for()
    assert phones[0][1].locator(".ck-room-choice").nth(1).get_attribute("aria-pressed") == "true"
    assert "your vote" in phones[0][1].locator(".ck-room-choice").nth(1).inner_text()
    page.wait_for_function(
        "n => document.querySelector('.ck-dm-room-count')?.textContent.includes(n + ' votes')",
        arg=str(sum(expected)),
    )
    assert counts_on_projector(dialog) == expected
    # Back to re-read the situation, then the options again: the vote stayed open throughout.
    page.keyboard.press("Backspace")
    dialog.get_by_text("Decision 1 · the situation").wait_for()
    page.keyboard.press("Enter")
    phones[3][1].locator(".ck-room-choice").nth(2).click()
    phones[3][1].locator(".ck-room-status").filter(has_text="Your vote is in: C").wait_for()
    expected[3 % CHOICES] -= 1
    expected[2] += 1
    page.wait_for_function(
        "n => document.querySelector('.ck-dm-room-count')?.textContent.includes(n + ' votes')",
        arg=str(sum(expected)),
    )
    assert counts_on_projector(dialog) == expected

    # A late joiner sees the decision on screen and can vote.
    late_context = browser.new_context(**PHONE)
    late = late_context.new_page()
    late.goto(join)
    late.locator(".ck-room-choice").nth(2).wait_for()
    assert "Raise it with the whole team" in late.locator("body").inner_text()
    # The phone page by keyboard: Tab to an option, Enter votes.
    for _ in range(8):
        late.keyboard.press("Tab")
        if late.evaluate("document.activeElement.dataset.choice") == "2":
            break
    late.keyboard.press("Enter")
    late.locator(".ck-room-status").filter(has_text="Your vote is in: C").wait_for()
    expected[2] += 1

    # A dropped connection comes back, with its vote and without counting it twice: a phone
    # whose way to the server runs through a cable the test pulls out and plugs back in.
    port = int(re.search(r":(\d+)/", room).group(1))
    cable = Cable(port)
    wifi_context = browser.new_context(**PHONE)
    wifi = wifi_context.new_page()
    wifi.goto(f"http://127.0.0.1:{cable.port}/r/{code}")
    wifi.locator(".ck-room-choice").nth(1).click()
    wifi.locator(".ck-room-status").filter(has_text="Your vote is in: B").wait_for()
    expected[1] += 1
    cable.cut()
    wifi.locator(".ck-room-status").filter(has_text="Connection lost").wait_for()
    cable.mend()
    wifi.locator(".ck-room-status").filter(has_text="Your vote: B").wait_for()
    phones.append((wifi_context, wifi))
    page.wait_for_function(
        "n => document.querySelector('.ck-dm-room-count')?.textContent.includes(n + ' votes')",
        arg=str(sum(expected)),
    )
    assert counts_on_projector(dialog) == expected
    page.screenshot(path=str(SHOTS / "room-projector-votes.png"))

    # The phone page: nothing for axe, light and dark; large targets.
    shot = phones[2][1]
    shot.screenshot(path=str(SHOTS / "room-phone-light.png"))
    assert axe_violations(shot) == []
    for box in [b.bounding_box() for b in shot.locator(".ck-room-choice").all()]:
        assert box["height"] >= 44 and box["width"] >= 44, box
    shot.emulate_media(color_scheme="dark")
    shot.screenshot(path=str(SHOTS / "room-phone-dark.png"))
    assert axe_violations(shot) == []

    # Reveal: the vote closes on every phone; the tally's export has the room's counts.
    page.keyboard.press("r")
    for _, phone in [*phones, (late_context, late)]:
        phone.get_by_text("Voting on this decision is closed.").wait_for()
    with page.expect_download() as download:
        dialog.get_by_role("button", name="Download tally (CSV)").click()
    csv = open(download.value.path(), encoding="utf-8").read()
    assert [int(row.rsplit(",", 1)[1]) for row in csv.splitlines()[1:4]] == expected, csv

    # Closing discussion mode ends the room: every phone's page says so.
    page.keyboard.press("Escape")
    for _, phone in [*phones, (late_context, late)]:
        phone.get_by_role("heading", name="The room has ended").wait_for()
    phones[0][1].screenshot(path=str(SHOTS / "room-phone-ended.png"))
    host = re.match(r"http://[^/]+", room).group(0)
    for _, phone in phones:
        own = re.match(r"http://[^/]+", phone.url).group(0)
        assert not [u for u in requests_of(phone) if not u.startswith(own)], phone.url
    assert not projector.foreign_requests(host), projector.foreign_requests(host)
    assert not projector.errors and not projector.dialogs
    for context, _ in [*phones, (late_context, late)]:
        context.close()
    cable.close()


def requests_of(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def test_without_a_server_discussion_mode_says_how_to_get_phone_votes(tmp_path, new_page):
    """On the static book, V explains; the counts are typed as before; nothing is sent."""
    from support.roots import served_root

    scenarios = ["notes-scenario.yml", "long-scenario.yml"]
    with served_root("facilitator", tmp_path, scenarios) as (base, _):
        p = new_page(viewport={"width": 1920, "height": 1080})
        p.page.goto(f"{base}/index.html")
        p.page.locator(".ck-discuss").first.click()
        dialog = p.page.get_by_role("dialog", name="Discussion: The shared notes")
        p.page.keyboard.press("Enter")
        p.page.keyboard.press("Enter")  # the options
        p.page.keyboard.press("v")
        how = dialog.locator(".ck-dm-how")
        assert "python -m coursekit room" in how.inner_text()
        assert "/services/room/" in how.inner_text()
        p.page.keyboard.press("1")
        assert counts_on_projector(dialog)[0] == 1, "typed counts work as before"
        assert "V phone votes" in dialog.locator(".ck-dm-keys").inner_text()
        assert not p.foreign_requests(base) and not p.errors
        assert not [u for u in p.requests if u.startswith("ws")]
