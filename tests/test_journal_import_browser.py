"""Nothing hidden, nothing replaced without a question (issue 17, point 5), in headless
Chromium: storage already full when a page opens, an import whose answer has the same time as
this browser's, keys that would reach an object's prototype, and a version-1 journal file."""

from __future__ import annotations

import json
import shutil

from support.journal import (
    FIRST,
    JOURNAL,
    box,
    download,
    import_journal,
    reflections_url,
    signed,
    stored,
    write_answer,
)

FULL_STORAGE = """Storage.prototype.setItem = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""


def sealed(content: dict, version: int = 2) -> str:
    """A journal file around `content`, with the checksum journal-format.js writes."""
    return signed(
        content,
        format="coursekit-journal",
        version=version,
        course="x",
        exported="2026-01-01T00:00:00Z",
    )


def test_storage_full_when_the_page_opens_still_shows_and_backs_up_saved_work(
    site, new_page, tmp_path
):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, "Saved before the disk filled up.")
    p.context.add_init_script(FULL_STORAGE)  # every page opened from now on finds storage full
    # The book theme's own scripts throw when they cannot store its settings; ours must add nothing.
    page.goto(site + "/book/intro.html")
    page.wait_for_load_state("load")
    theme_errors = list(p.errors)
    p.errors.clear()
    page.goto(site + reflections_url("module1"))
    assert box(page, FIRST).locator("textarea").input_value() == "Saved before the disk filled up."
    page.goto(site + JOURNAL)
    entry = page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text')
    assert entry.text_content() == "Saved before the disk filled up."
    backup = json.loads(
        download(page, "Download as JSON (to import later)").read_text(encoding="utf-8")
    )
    assert backup["content"]["reflections"][FIRST.id]["text"] == "Saved before the disk filled up."
    assert "Saved before the disk filled up." in download(page, "Download as Markdown").read_text(
        encoding="utf-8"
    )
    assert p.errors == theme_errors * 2  # two pages opened, each with only the theme's own errors


def test_an_answer_from_the_same_time_is_replaced_only_when_the_learner_says_so(
    site, new_page, tmp_path
):
    a = new_page()
    a.page.goto(site + reflections_url("module1"))
    write_answer(a.page, FIRST, "The file's answer.")
    a.page.goto(site + JOURNAL)
    path = tmp_path / "same-time.json"
    shutil.copy(download(a.page, "Download as JSON (to import later)"), path)
    mine = stored(a.page)[f"coursekit:reflection:{FIRST.id}"]

    b = new_page()
    page = b.page
    page.goto(site + JOURNAL)
    # This browser holds a different answer saved at exactly the same time as the file's.
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
        [f"coursekit:reflection:{FIRST.id}", {**mine, "text": "Mine, same time."}],
    )
    page.reload()
    answer = page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text')
    page.locator("#ck-journal-import").set_input_files(str(path))
    question = page.locator("dialog.ck-dialog[open] .ck-dialog-title")
    question.wait_for()
    assert "as new or newer in this browser than in same-time.json" in question.inner_text()
    page.get_by_role("button", name="Keep my work").click()
    assert answer.text_content() == "Mine, same time."
    page.locator("#ck-journal-import").set_input_files(str(path))
    page.get_by_role("button", name="Replace with the file’s").click()
    assert answer.text_content() == "The file's answer."
    assert b.dialogs == [] and b.errors == []


def test_keys_that_reach_a_prototype_are_refused_with_a_clear_message(site, new_page, tmp_path):
    entry = {"text": "x", "checks": [], "updated": "2026-01-01T00:00:00Z"}
    files = {
        "proto.json": (
            sealed({"reflections": {"__proto__": entry}}),
            'content.reflections["__proto__"]: is a name',
        ),
        "constructor.json": (
            sealed({"reflections": {"constructor": entry}}),
            'content.reflections["constructor"]: is a name',
        ),
        "deep.json": (
            sealed({"reflections": {FIRST.id: {**entry, "prototype": {"polluted": True}}}}),
            f'content.reflections.{FIRST.id}["prototype"]: is a name',
        ),
    }
    p = new_page()
    page = p.page
    page.goto(site + JOURNAL)
    for name, (text, reason) in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        message = import_journal(page, path)
        page.locator(".ck-message.ck-error").filter(has_text=name).wait_for()
        assert (
            f"{name}: {reason}" in message.inner_text()
            and "Nothing was imported" in message.inner_text()
        )
    assert stored(page) == {}
    assert page.evaluate(
        "() => ({}).polluted === undefined && Object.prototype.polluted === undefined"
    )
    assert p.errors == []


def test_a_version_1_journal_still_imports(site, new_page, tmp_path):
    content = {
        "reflections": {
            FIRST.id: {
                "text": "From an old file.",
                "checks": [],
                "title": FIRST.title,
                "module": 1,
                "updated": "2025-06-01T10:00:00Z",
            }
        },
        "scenarios": {},
    }
    path = tmp_path / "old.json"
    path.write_text(sealed(content, version=1), encoding="utf-8")
    p = new_page()
    p.page.goto(site + JOURNAL)
    assert "Imported from old.json: 1 reflection." in import_journal(p.page, path).inner_text()
    assert (
        p.page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-answer-text').text_content()
        == "From an old file."
    )
    assert p.errors == []


def test_words_a_learner_gave_at_a_step_show_in_the_journal_and_its_exports(
    site, new_page, tmp_path
):
    """Scenario steps may carry the learner's own words ({node, choice, words}): shown,
    exported, imported."""
    from coursekit.content import load_all

    scenario = sorted((s for s in load_all()[0].values() if s.module == 1), key=lambda s: s.source)[
        0
    ]
    step = {
        "node": scenario.nodes[0].id,
        "choice": 0,
        "words": "I would say: <b>can I help</b>, quietly.",
    }
    content = {
        "reflections": {},
        "scenarios": {
            scenario.id: {
                "path": [step],
                "title": scenario.title,
                "module": 1,
                "updated": "2026-11-01T10:00:00.000Z",
            }
        },
    }
    path = tmp_path / "words.json"
    path.write_text(sealed(content), encoding="utf-8")
    p = new_page()
    page = p.page
    page.goto(site + JOURNAL)
    assert "1 scenario result" in import_journal(page, path).inner_text()
    item = page.locator(f'li[data-scenario="{scenario.id}"] .ck-words')
    assert "in your own words: “I would say: <b>can I help</b>, quietly.”" in item.inner_text()
    assert page.locator(".ck-words b").count() == 0
    # In the Markdown file as text a renderer shows as written (journal-markdown.js, mdText).
    assert r"In my own words: I would say: \<b\>can I help\</b\>, quietly." in download(
        page, "Download as Markdown"
    ).read_text(encoding="utf-8")
    again = json.loads(
        download(page, "Download as JSON (to import later)").read_text(encoding="utf-8")
    )
    assert again["content"]["scenarios"][scenario.id]["path"] == [step]
    assert p.errors == []
