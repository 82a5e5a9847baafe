"""The offline copy (`make offline`): unpacked and opened from disk (file://) in Chromium,
every scenario plays, reflections are kept and the journal lists them. The plain build opened
from disk says plainly why its players cannot start and what to do."""
from __future__ import annotations

import zipfile

import pytest

from coursekit.offline import FOLDER, make_zip
from coursekit.schema import load_all

SCENARIOS, REFLECTIONS = load_all()


@pytest.fixture(scope="module")
def unpacked(built_book, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("offline")
    archive = make_zip(built_book, tmp / "course-offline.zip")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "README.txt" in names and f"{FOLDER}/index.html" in names
        assert not [n for n in names if n.endswith(".map") or n.endswith("fontawesome.js")]
        zf.extractall(tmp / "unpacked")
    return (tmp / "unpacked" / FOLDER).as_uri()


def test_every_scenario_plays_from_disk(unpacked, new_page):
    p = new_page()
    page = p.page
    played = 0
    for module in sorted({f"module{s['module']}" for s in SCENARIOS.values()}):
        page.goto(f"{unpacked}/book/{module}/scenarios.html")
        mounts = page.locator("[data-coursekit-scenario]")
        assert mounts.count() >= 1
        for i in range(mounts.count()):
            region = mounts.nth(i).locator(".ck-scenario")
            region.get_by_role("button", name="Begin").click()
            region.locator(".ck-choice").first.click()
            assert "You chose" in region.locator('[aria-live="polite"]').inner_text()
            played += 1
    assert played == len(SCENARIOS)
    page.reload()  # kept in this browser for pages opened from the folder
    assert page.locator(".ck-scenario").first.get_by_text("You chose").count() >= 1
    assert [u for u in p.requests if not u.startswith("file://")] == []
    assert p.errors == []


def test_reflection_and_journal_work_from_disk(unpacked, new_page):
    p = new_page()
    page = p.page
    first = REFLECTIONS["module1"]["prompts"][0]
    page.goto(f"{unpacked}/book/module1/reflections.html")
    box = page.locator(f'[data-coursekit-reflection="{first["id"]}"]')
    box.locator("textarea").fill("Written offline, from a folder on disk.")
    box.locator(".ck-status").filter(has_text="Saved in this browser").wait_for()
    page.reload()
    assert box.locator("textarea").input_value() == "Written offline, from a folder on disk."
    page.goto(f"{unpacked}/book/journal.html")
    entry = page.locator(f'.ck-entry[data-prompt="{first["id"]}"]')
    assert entry.locator(".ck-answer-text").text_content() == "Written offline, from a folder on disk."
    page.goto(f"{unpacked}/index.html")
    page.wait_for_url("**/book/intro.html")
    assert [u for u in p.requests if not u.startswith("file://")] == []
    assert p.errors == []


def test_plain_build_opened_from_disk_says_why_and_what_to_do(built_book, new_page):
    p = new_page()
    page = p.page
    page.goto((built_book / "book" / "module1" / "scenarios.html").as_uri())
    notice = page.locator(".ck-file-notice")
    notice.first.wait_for(timeout=10000)
    assert "make offline" in notice.first.inner_text() and "make serve" in notice.first.inner_text()
