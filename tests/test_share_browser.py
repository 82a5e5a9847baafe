"""Sharing with an instructor, by consent (issue 17, point 4), from the journal page in headless
Chromium to the grading sheet and back: only the ticked answers go into the submission file,
`sheet import-journals` puts them in the sheet, `sheet journal-feedback` writes the feedback
file, and the journal page imports it."""

from __future__ import annotations

import json
import shutil

from support.browser import axe_violations
from support.content import copy_course
from support.env import BIN, run
from support.journal import (
    FIRST,
    JOURNAL,
    PROMPTS,
    checksum,
    download,
    import_journal,
    reflections_url,
    write_answer,
)

from coursekit.grading import criterion_column, load_module, sheet_columns
from coursekit.grading.cells import read_csv, write_csv
from coursekit.grading.sheets import RUBRIC_ROW

SECOND = PROMPTS["module1"][1]


def test_ticked_answers_reach_the_sheet_and_feedback_comes_back(site, new_page, tmp_path):
    p = new_page()
    page = p.page
    page.goto(site + reflections_url("module1"))
    write_answer(page, FIRST, "Shared with my instructor.")
    write_answer(page, SECOND, "Kept to myself.")
    page.goto(site + JOURNAL)
    share = page.locator(".ck-share")
    group = share.locator('fieldset[data-module="1"]')
    assert group.locator("input[type=checkbox]").count() == 2
    group.get_by_label(FIRST.title).check()
    button = group.get_by_role("button", name="Download a submission for")
    button.click()
    assert "name or student id" in page.locator(".ck-message.ck-error").inner_text()
    share.get_by_label("Your name or student id, as your instructor knows you").fill("ada.l")
    assert axe_violations(page) == []
    with page.expect_download() as info:
        button.click()
    folder = tmp_path / "submissions"
    folder.mkdir()
    path = folder / info.value.suggested_filename
    shutil.copy(info.value.path(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["module"], data["student"]) == (
        "coursekit-submission",
        "module1",
        "ada.l",
    )
    assert list(data["content"]["reflections"]) == [FIRST.id]  # only what was ticked
    assert data["sha256"] == checksum(data["content"])

    course = copy_course(tmp_path / "exercises")
    proc = run(
        [
            BIN / "python",
            "-m",
            "coursekit",
            "sheet",
            "import-journals",
            "module1",
            folder,
            "--course",
            course,
        ]
    )
    assert "1 journal submission of module1 imported" in proc.stdout
    sheet = course / "grading" / "module1-sheet.csv"
    rows = read_csv(sheet, ["student"])[1]
    answers = [r for r in rows if r["student"] != RUBRIC_ROW]
    assert [(r["student"], r["prompt"], r["answer"]) for r in answers] == [
        ("ada.l", FIRST.id, "Shared with my instructor.")
    ]
    prompt = next(pr for pr in load_module(course, "module1").prompts if pr.id == FIRST.id)
    for c in prompt.rubric:
        answers[0][criterion_column(prompt, c)] = str(c.max)
    answers[0]["comment"] = "Specific and honest."
    write_csv(sheet, sheet_columns(load_module(course, "module1")), rows)
    run(
        [
            BIN / "python",
            "-m",
            "coursekit",
            "sheet",
            "journal-feedback",
            "module1",
            "--course",
            course,
        ]
    )
    feedback = course / "feedback-journals" / "module1" / "ada.l-module1-feedback.json"

    assert (
        "Imported from ada.l-module1-feedback.json: 1 feedback note."
        in import_journal(page, feedback).inner_text()
    )
    entry = page.locator(f'.ck-entry[data-prompt="{FIRST.id}"] .ck-feedback')
    assert "Specific and honest." in entry.inner_text()
    assert "Specific and honest." in download(page, "Download as Markdown").read_text(
        encoding="utf-8"
    )
    assert axe_violations(page) == []
    assert p.foreign_requests(site) == [] and p.errors == [] and p.dialogs == []
