"""The offline copy (`make offline`): unpacked and opened from disk (file://) in Chromium,
every scenario plays, reflections are kept and the journal lists them. The plain build opened
from disk says plainly why its players cannot start and what to do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import icalendar
import pytest
from support.browser import past_the_words_box
from support.roots import KIND_FILES, lay_out_root, sphinx_build

from coursekit.offline import FOLDER, make_zip


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


def test_every_scenario_plays_from_disk(built_book, unpacked, new_page):
    p = new_page()
    page = p.page
    pages = sorted(built_book.glob("book/module*/scenarios.html"))
    assert len(pages) >= 4
    placed = played = 0
    for built in pages:
        placed += built.read_text(encoding="utf-8").count("data-coursekit-scenario=")
        page.goto(f"{unpacked}/{built.relative_to(built_book).as_posix()}")
        mounts = page.locator("[data-coursekit-scenario]")
        assert mounts.count() >= 1
        for i in range(mounts.count()):
            region = mounts.nth(i).locator(".ck-scenario")
            region.get_by_role("button", name="Begin").click()
            past_the_words_box(region)
            region.locator(".ck-choice").first.click()
            assert "You chose" in region.locator('[aria-live="polite"]').inner_text()
            played += 1
    assert played == placed
    page.reload()  # kept in this browser for pages opened from the folder
    assert page.locator(".ck-scenario").first.get_by_text("You chose").count() >= 1
    assert [u for u in p.requests if not u.startswith("file://")] == []
    assert p.errors == []


def test_reflection_and_journal_work_from_disk(unpacked, new_page):
    p = new_page()
    page = p.page
    page.goto(f"{unpacked}/book/module1/reflections.html")
    first = page.locator("[data-coursekit-reflection]").first.get_attribute(
        "data-coursekit-reflection"
    )
    box = page.locator(f'[data-coursekit-reflection="{first}"]')
    box.locator("textarea").fill("Written offline, from a folder on disk.")
    box.locator(".ck-status").filter(has_text="Saved in this browser").wait_for()
    page.reload()
    assert box.locator("textarea").input_value() == "Written offline, from a folder on disk."
    page.goto(f"{unpacked}/book/journal.html")
    entry = page.locator(f'.ck-entry[data-prompt="{first}"]')
    assert (
        entry.locator(".ck-answer-text").text_content() == "Written offline, from a folder on disk."
    )
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


def test_offline_reminders_link_the_published_book_when_its_address_is_set(tmp_path, new_page):
    """A book whose address is configured (_config.yml html.baseurl, Sphinx's html_baseurl):
    the .ics from its offline copy opens the published follow-up page, not a file:// path
    that only this computer can open."""
    src = lay_out_root("kinds", tmp_path, ["good-scenario.yml"], files=KIND_FILES)
    with open(src / "conf.py", "a") as conf:
        conf.write('\nhtml_baseurl = "https://course.example.org/allyship/"\n')
    with open(src / "index.md", "a") as index:
        index.write("\n## Your plan\n\n```{action-plan} module1\n```\n")
    sphinx_build(src, tmp_path / "html")
    archive = make_zip(tmp_path / "html", tmp_path / "course-offline.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "unpacked")
    p = new_page()
    page = p.page
    page.goto((tmp_path / "unpacked" / FOLDER / "index.html").as_uri())
    page.locator('.ck-plan-form [id$="-what"]').fill("Credit Sam by name.")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar reminders (.ics)").click()
    cal = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    urls = {str(e["URL"]) for e in cal.walk("VEVENT")}
    assert urls == {"https://course.example.org/allyship/book/follow-up.html#follow-up-module1"}
    assert [u for u in p.requests if not u.startswith("file://")] == []
