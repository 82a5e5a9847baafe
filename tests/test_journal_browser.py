"""Self-paced study on the page, in headless Chromium: reflection boxes that keep their text,
the journal (download, import, clear), refused journal files, injected markup kept as text,
a browser that will not store, keyboard use and axe-core, and no exemplar on any page of the
built book. The directives on a tiny site: test_reflection_directives.py."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
from support.browser import axe_violations, focused, tab_until
from support.journal import (
    FIRST,
    JOURNAL,
    PROMPTS,
    box,
    checksum,
    download,
    import_journal,
    play,
    reflections_url,
    stored,
    stored_work,
    write_answer,
)

ANSWER = "My answer, first line.\n\nA second paragraph: who decides, and who gives? Both ways."
EVIL = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""


def test_reflection_kept_through_reload_and_new_tab_and_listed_in_journal(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    mine = box(page, FIRST)
    tab_until(
        page,
        lambda f: f["tag"] == "TEXTAREA" and f["id"].startswith(f"ck-reflection-{FIRST.id}-"),
    )
    page.keyboard.type(ANSWER)
    words = len(ANSWER.split())
    assert mine.locator(".ck-count").inner_text().startswith(f"{words} words")
    now = tab_until(page, lambda f: f["type"] == "checkbox", limit=3)  # leaving the box saves it
    page.keyboard.press("Space")
    assert page.locator(f"#{now['id']}").is_checked()
    mine.locator(".ck-status").filter(has_text="Saved in this browser").wait_for()

    # Typed and left at once: the page-hide save keeps it.
    second = PROMPTS["module1"][1]
    box(page, second).locator("textarea").press_sequentially("Quick note")
    page.reload()
    assert mine.locator("textarea").input_value() == ANSWER
    assert mine.locator("input[type=checkbox]").first.is_checked()
    assert box(page, second).locator("textarea").input_value() == "Quick note"

    tab = p.context.new_page()
    tab.goto(site + reflections_url("module1"))
    assert box(tab, FIRST).locator("textarea").input_value() == ANSWER

    tab.goto(site + JOURNAL)
    entry = tab.locator(f'.ck-entry[data-prompt="{FIRST.id}"]')
    assert entry.locator(".ck-answer-text").text_content() == ANSWER
    assert FIRST.rubric[0].criterion in entry.inner_text()
    status = tab.locator(".ck-module").first.locator(".ck-module-status").inner_text()
    assert f"Reflections: 2 of {len(PROMPTS['module1'])} written" in status
    assert p.foreign_requests(site) == [] and p.errors == []


def test_journal_downloads_and_imports_into_a_fresh_profile(site, new_page, tmp_path):
    a = new_page()
    page = a.page
    later = PROMPTS["module3"][0]
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, ANSWER, tick=2)
    page.goto(site + reflections_url("module3"))
    write_answer(page, later, "Module three answer.\nWith a line break.")
    page.goto(site + "/book/module1/scenarios.html")
    ids = page.locator("[data-coursekit-scenario]").evaluate_all(
        "els => els.map(e => e.dataset.coursekitScenario)"
    )
    play(page, ids[0])
    play(page, ids[1], decisions=1)

    page.goto(site + JOURNAL)
    finished = page.locator(f'li[data-scenario="{ids[0]}"]')
    assert finished.get_attribute("data-state") == "finished"
    assert (
        page.locator(f'li[data-scenario="{ids[1]}"]').get_attribute("data-state") == "in progress"
    )
    markdown = download(page, "Download as Markdown").read_text(encoding="utf-8")
    assert ANSWER in markdown and "Module three answer.\nWith a line break." in markdown
    assert f"#### {FIRST.title}" in markdown and f"- [x] {FIRST.rubric[1].criterion}" in markdown
    assert (
        finished.inner_text().split(": ", 1)[1] in markdown
    )  # "Finished: reached the ending “…” after n decisions."
    journal_file = tmp_path / "journal.json"
    shutil.copy(download(page, "Download as JSON (to import later)"), journal_file)
    before = stored_work(page)
    assert len(before) == 4

    b = new_page()
    b.page.goto(site + JOURNAL)
    assert (
        "Imported from journal.json: 2 reflections and 2 scenario results."
        in import_journal(b.page, journal_file).inner_text()
    )
    assert stored_work(b.page) == before
    assert b.page.locator(f'li[data-scenario="{ids[0]}"]').inner_text() == finished.inner_text()
    b.page.goto(site + reflections_url("module1"))
    assert box(b.page, FIRST).locator("textarea").input_value() == ANSWER
    assert box(b.page, FIRST).locator("input[type=checkbox]").nth(1).is_checked()
    assert a.foreign_requests(site) == [] and b.foreign_requests(site) == []
    assert a.errors == [] and b.errors == []


def test_journal_files_work_where_the_browser_offers_no_crypto_subtle(site, new_page, tmp_path):
    """A book served over plain http gets no crypto.subtle: the journal's own SHA-256 is used,
    and its files check out against Python's hashlib and import as usual."""
    no_subtle = "Object.defineProperty(globalThis.crypto, 'subtle', {value: undefined});"
    a = new_page()
    a.page.add_init_script(no_subtle)
    a.page.goto(site + reflections_url("module1"))
    write_answer(a.page, FIRST, "Written on a plain http page. Ünïcödé and emoji 🙂 too.")
    a.page.goto(site + JOURNAL)
    assert a.page.evaluate("globalThis.crypto.subtle") is None
    path = tmp_path / "journal.json"
    shutil.copy(download(a.page, "Download as JSON (to import later)"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sha256"] == checksum(data["content"])
    b = new_page()
    b.page.add_init_script(no_subtle)
    b.page.goto(site + JOURNAL)
    assert "Imported from journal.json" in import_journal(b.page, path).inner_text()
    assert stored(b.page) == stored(a.page)
    assert a.errors == [] and b.errors == []


@pytest.fixture
def exported(site, new_page, tmp_path):
    """A genuine journal file with one answer, downloaded from the journal page."""
    p = new_page()
    p.page.goto(site + reflections_url("module1"))
    write_answer(p.page, FIRST, "Answer from the file.")
    p.page.goto(site + JOURNAL)
    path = tmp_path / "journal.json"
    shutil.copy(download(p.page, "Download as JSON (to import later)"), path)
    return json.loads(path.read_text(encoding="utf-8"))


def variants(good):
    tampered = copy.deepcopy(good)  # and nothing left that can be restored
    tampered["content"]["reflections"][FIRST.id]["text"] = 42
    newer = copy.deepcopy(good)
    newer["version"] = 3
    bad_field = copy.deepcopy(good)
    bad_field["content"]["reflections"][FIRST.id]["text"] = 42
    bad_field["sha256"] = checksum(bad_field["content"])
    return {
        "tampered.json": (
            json.dumps(tampered),
            f'content.reflections["{FIRST.id}"].text: must be text',
        ),
        "newer.json": (json.dumps(newer), "version: is 3; this page reads versions 1 to 2"),
        "fields.json": (
            json.dumps(bad_field),
            f'content.reflections["{FIRST.id}"].text: must be text',
        ),
        "notes.json": ('{"format": "something-else"}', "format: must be"),
        "broken.json": ("{ not json", "file: is not valid JSON"),
    }


def test_tampered_wrong_version_or_broken_journal_is_refused(site, new_page, exported, tmp_path):
    # The checksum journal.js writes is SHA-256 over the canonical content; check it here.
    assert exported["sha256"] == checksum(exported["content"])
    p = new_page()
    p.page.goto(site + reflections_url("module1"))
    write_answer(p.page, FIRST, "My own answer in this browser.")
    p.page.goto(site + JOURNAL)
    before = stored(p.page)
    for name, (text, reason) in variants(exported).items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        message = import_journal(p.page, path)
        p.page.locator(".ck-message.ck-error").filter(has_text=name).wait_for()
        assert (
            f"{name}: {reason}" in message.inner_text()
            and "Nothing was imported" in message.inner_text()
        )
        assert stored(p.page) == before, name
    entry = p.page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text')
    assert entry.text_content() == "My own answer in this browser."
    assert p.errors == []


def test_newer_answer_is_replaced_only_when_the_learner_says_so(site, new_page, exported, tmp_path):
    path = tmp_path / "older.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, "A newer answer, written after the file.")
    page.goto(site + JOURNAL)
    answer = page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text')
    for choice, expected in [
        ("Cancel the import", "A newer answer, written after the file."),
        ("Keep my work", "A newer answer, written after the file."),
        ("Replace with the file’s", "Answer from the file."),
    ]:
        page.locator("#ck-journal-import").set_input_files(str(path))
        question = page.locator(".ck-dialog-title")
        question.wait_for()
        assert "as new or newer in this browser than in older.json" in question.inner_text()
        assert focused(page)["id"] == "ck-ask-title"
        assert (
            stored(page)[f"coursekit:reflection:{FIRST.id}"]["text"]
            == "A newer answer, written after the file."
        )
        tab_until(page, lambda f, choice=choice: f["text"] == choice, limit=4)
        page.keyboard.press("Enter")
        assert page.locator(".ck-dialog").count() == 0
        assert answer.text_content() == expected
    assert p.dialogs == [] and p.errors == []


def test_injected_markup_stays_text_through_export_and_import(site, new_page, tmp_path):
    a = new_page()
    page = a.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, EVIL)
    page.reload()
    assert box(page, FIRST).locator("textarea").input_value() == EVIL
    page.goto(site + JOURNAL)
    entry = page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text')
    assert entry.text_content() == EVIL
    path = tmp_path / "evil.json"
    shutil.copy(download(page, "Download as JSON (to import later)"), path)

    b = new_page()
    b.page.goto(site + JOURNAL)
    import_journal(b.page, path)
    assert (
        b.page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text').text_content()
        == EVIL
    )
    for view in (page, b.page):
        assert view.locator("img[src=x]").count() == 0
        assert view.locator(".ck-journal script:not([type='application/json'])").count() == 0
    b.page.goto(site + reflections_url("module1"))
    assert box(b.page, FIRST).locator("textarea").input_value() == EVIL
    b.page.wait_for_timeout(200)
    assert a.dialogs == [] and b.dialogs == []
    assert a.errors == [] and b.errors == []


def test_storage_turned_off_warns_and_typing_still_works(site, new_page):
    p = new_page()
    p.context.add_init_script(BLOCK_STORAGE)
    page = p.page
    # The book theme's own scripts throw when storage is blocked, on every page; ours must add
    # nothing.
    page.goto(site + "/book/intro.html")
    page.wait_for_load_state("load")
    theme_errors = list(p.errors)
    p.errors.clear()
    page.goto(site + reflections_url("module1"))
    warning = page.locator(".ck-reflection-warning [role=alert]")
    assert "not saving your work" in warning.inner_text()
    assert page.locator(".ck-reflection-warning").count() == 1
    mine = box(page, FIRST)
    mine.locator("textarea").press_sequentially("Still typing. ")
    mine.locator("textarea").blur()
    assert mine.locator("textarea").input_value() == "Still typing. "
    assert "Not saved" in mine.locator(".ck-status").inner_text()
    assert "2 words" in mine.locator(".ck-count").inner_text()
    markdown = download(page, "Download this page's answers (Markdown)").read_text(encoding="utf-8")
    assert "Still typing." in markdown and FIRST.title in markdown

    assert p.errors == theme_errors
    p.errors.clear()
    page.goto(site + JOURNAL)
    assert "not saving your work" in page.locator(".ck-journal [role=alert]").inner_text()
    page.get_by_role("button", name="Download as Markdown").click()
    assert p.errors == theme_errors


def test_storage_that_fills_up_while_typing_warns(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module2"))
    assert page.locator(".ck-reflection-warning").count() == 0
    page.evaluate(
        "() => { Storage.prototype.setItem = () => { throw new DOMException('full', "
        "'QuotaExceededError'); }; }"
    )
    prompt = PROMPTS["module2"][0]
    box(page, prompt).locator("textarea").fill("Written when the disk was full.")
    box(page, prompt).locator("textarea").blur()
    page.locator(".ck-reflection-warning [role=alert]").wait_for()
    assert "Not saved" in box(page, prompt).locator(".ck-status").inner_text()
    assert box(page, prompt).locator("textarea").input_value() == "Written when the disk was full."
    assert p.errors == []


def test_journal_by_keyboard_alone_downloads_and_clears(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, ANSWER)
    page.goto(site + JOURNAL)
    tab_until(page, lambda f: f["text"] == "Download as Markdown")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert ANSWER in Path(info.value.path()).read_text(encoding="utf-8")
    tab_until(page, lambda f: f["text"].startswith("Download as JSON"), limit=1)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert (
        json.loads(Path(info.value.path()).read_text())["content"]["reflections"][FIRST.id]["text"]
        == ANSWER
    )
    tab_until(page, lambda f: f["type"] == "file", limit=1)
    tab_until(page, lambda f: f["text"].startswith("Clear my work"), limit=1)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "ck-ask-title"
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert focused(page)["text"].startswith("Clear my work")
    assert "Nothing was deleted" in page.locator(".ck-message").inner_text()
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["text"] == "Delete everything", limit=3)
    page.keyboard.press("Enter")
    assert "deleted from this browser" in page.locator(".ck-message").inner_text()
    assert stored(page) == {}
    assert (
        page.locator(f'.ck-entry[data-prompt="{FIRST.id}"]')
        .inner_text()
        .endswith("Not written yet.")
    )
    assert p.dialogs == [] and p.errors == []


def test_reflection_pages_and_journal_are_accessible_and_offline(site, new_page):
    p = new_page()
    for module, prompts in sorted(PROMPTS.items()):
        p.page.goto(site + reflections_url(module))
        assert p.page.locator(".ck-reflection textarea").count() == len(prompts)
        write_answer(p.page, prompts[0], "An answer to check the page with.")
        assert axe_violations(p.page) == [], module
    p.page.goto(site + JOURNAL)
    p.page.locator(".ck-answer-text").first.wait_for()
    assert axe_violations(p.page) == []
    assert p.foreign_requests(site) == []


def test_no_exemplar_reaches_the_site(built_book):
    """A plain-words stretch of every exemplar is in no file of the built site (pages, search
    index, scripts); the same test finds the prompts' own words, so it would notice a leak."""
    pages = [f for f in built_book.rglob("*") if f.suffix in (".html", ".js", ".json", ".txt")]
    assert built_book / "book" / "journal.html" in pages
    site_text = " ".join(
        re.sub(r"\s+", " ", f.read_text(encoding="utf-8", errors="replace")) for f in pages
    )

    def fragment(text):
        return max(re.findall(r"[A-Za-z ,]{30,}", re.sub(r"\s+", " ", text)), key=len).strip()

    for prompts in PROMPTS.values():
        for prompt in prompts:
            assert fragment(prompt.prompt) in site_text, prompt.id
            assert fragment(prompt.exemplar) not in site_text, prompt.id


# ---- the directives on a tiny site ----------------------------------------------------------
