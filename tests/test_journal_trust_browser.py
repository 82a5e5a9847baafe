"""What a learner keeps and takes away is text, and nothing replaces it unasked (issue 28,
point 9), in headless Chromium: a backup with damaged entries restores the rest and names
them; an edited backup asks first; an entry dated in the future asks; the Markdown export
carries learner and feedback text as text (rendered here by a CommonMark renderer that lets
raw HTML through); ratings edited by hand draw no broken chart."""

from __future__ import annotations

import json

from markdown_it import MarkdownIt
from support.journal import (
    FIRST,
    JOURNAL,
    PROMPTS,
    download,
    import_journal,
    reflections_url,
    signed,
    stored,
    write_answer,
)
from test_arc_browser import LAST_PAGE, M1
from test_journal_browser import EVIL
from test_journal_import_browser import sealed

SECOND, THIRD = PROMPTS["module1"][1], PROMPTS["module1"][2]
KEY = "coursekit:reflection:{}".format


def entry(text, updated="2026-01-01T10:00:00.000Z"):
    return {"text": text, "checks": [], "updated": updated}


def test_a_backup_with_damaged_entries_restores_the_rest_and_names_them(site, new_page, tmp_path):
    content = {
        "reflections": {
            FIRST.id: entry("First, kept."),
            SECOND.id: entry("Second, kept."),
            THIRD.id: entry(42),
        },
        "plans": {"module1": {"what": "x", "where": "", "who": "", "by": "", "updated": "soon"}},
    }
    path = tmp_path / "backup.json"
    path.write_text(sealed(content), encoding="utf-8")
    p = new_page()
    p.page.goto(site + JOURNAL)
    message = import_journal(p.page, path).inner_text()
    assert "Imported from backup.json: 2 reflections." in message, message
    assert (
        f'Left out 2 damaged entries: content.reflections["{THIRD.id}"].text: must be text; '
        'content.plans["module1"].updated: must be a date and time.' in message
    ), message
    kept = stored(p.page)
    assert kept[KEY(FIRST.id)]["text"] == "First, kept." and KEY(THIRD.id) not in kept
    assert "coursekit:plan:module1" not in kept
    assert p.errors == []


def test_a_backup_edited_after_download_restores_only_when_the_learner_says_so(
    site, new_page, tmp_path
):
    data = json.loads(sealed({"reflections": {FIRST.id: entry("As downloaded.")}}))
    data["content"]["reflections"][FIRST.id]["text"] = "Edited by hand."
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    p = new_page()
    page = p.page
    page.goto(site + JOURNAL)
    for choice in ("Cancel the import", "Restore what fits"):
        page.locator("#ck-journal-import").set_input_files(str(path))
        question = page.locator("dialog.ck-dialog[open] .ck-dialog-title")
        question.wait_for()
        assert "edited.json was changed after it was downloaded, or is damaged" in (
            question.inner_text()
        )
        if choice == "Cancel the import":
            assert KEY(FIRST.id) not in stored(page)
        page.get_by_role("button", name=choice).click()
    page.locator(".ck-message").filter(has_text="Imported from edited.json").wait_for()
    assert stored(page)[KEY(FIRST.id)]["text"] == "Edited by hand."
    assert p.dialogs == [] and p.errors == []


def test_an_entry_dated_in_the_future_replaces_nothing_without_asking(site, new_page, tmp_path):
    path = tmp_path / "future.json"
    path.write_text(
        sealed({"reflections": {FIRST.id: entry("From 2099.", "2099-01-01T00:00:00.000Z")}}),
        encoding="utf-8",
    )
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, "Written here today.")
    page.goto(site + JOURNAL)
    page.locator("#ck-journal-import").set_input_files(str(path))
    question = page.locator("dialog.ck-dialog[open]")
    question.wait_for()
    assert "1 item in future.json is dated in the future" in question.inner_text()
    assert "a date still to come" in question.inner_text()
    page.get_by_role("button", name="Keep my work").click()
    assert stored(page)[KEY(FIRST.id)]["text"] == "Written here today."
    assert p.dialogs == [] and p.errors == []


def feedback_file(feedback: dict) -> str:
    content = {"feedback": feedback}
    return signed(
        content,
        format="coursekit-feedback",
        version=1,
        module="module1",
        student="ada",
        exported="2026-01-01T00:00:00Z",
    )


def test_the_markdown_export_carries_learner_and_feedback_text_never_markup(
    site, new_page, tmp_path
):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, f"# Heading?\n\n1. {EVIL}\n\n[link](javascript:alert(1)) &amp;")
    path = tmp_path / "feedback.json"
    path.write_text(
        feedback_file(
            {
                FIRST.id: {
                    "text": "**Bold?** <img src=x onerror=alert(2)>\n- item",
                    "from": "<img src=x onerror=alert(3)>",
                    "updated": "2026-01-01T00:00:00Z",
                }
            }
        ),
        encoding="utf-8",
    )
    page.goto(site + JOURNAL)
    assert "1 feedback note" in import_journal(page, path).inner_text()
    markdown = download(page, "Download as Markdown").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(markdown)  # raw HTML allowed
    for tag in (
        "<img",
        "<script",
        '<a href="javascript',
        "<li>&lt;script",
        "<strong>Bold",
        "<h1>Heading",
    ):
        assert tag not in html, tag
    for text in (
        "# Heading?",
        "1. &lt;script&gt;alert(1)&lt;/script&gt;",
        "[link](javascript:alert(1)) &amp;amp;",
        "Feedback from &lt;img src=x onerror=alert(3)&gt;:",
        "**Bold?** &lt;img src=x onerror=alert(2)&gt;",
    ):
        assert text in html, (text, html[-3000:])
    assert p.dialogs == [] and p.errors == []


def test_ratings_edited_by_hand_draw_no_broken_chart(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + LAST_PAGE)
    ratings = {M1[0].id: 50, M1[1].id: "abc", M1[2].id: 3}
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
        [
            "coursekit:confidence:module1-before",
            {"ratings": ratings, "updated": "2026-01-01T00:00:00Z"},
        ],
    )
    page.reload()
    chart = page.locator(".ck-chart")
    bars = chart.locator("svg .ck-bar-before")
    assert bars.count() == 1
    width = float(chart.locator("svg").get_attribute("viewBox").split()[2])
    assert 0 < float(bars.first.get_attribute("width")) <= width
    rows = chart.locator("table tbody tr")
    assert [rows.nth(i).locator("td").nth(1).text_content() for i in range(3)] == [
        "not rated",
        "not rated",
        "3",
    ]
    assert "before not rated" in chart.locator("svg desc").text_content()
    page.goto(site + JOURNAL)
    arc = page.locator('.ck-arc-summary[data-arc="module1"] tbody tr')
    assert [arc.nth(i).locator("td").first.text_content() for i in range(3)] == ["–", "–", "3"]
    markdown = download(page, "Download as Markdown").read_text(encoding="utf-8")
    assert "50" not in markdown.split("Confidence to act")[1].split("###")[0]
    assert p.errors == []
