"""Hostile answers in a real formgrader and on real feedback pages, in headless Chromium.

Two students put HTML, scripts, javascript: links, a remote image, math and a style sheet in
every answer, in an added markdown cell, a raw HTML cell, a code cell with an HTML output,
a cell tag and the notebook's title. After `coursekit autograde`, formgrader's submission
page and the feedback page open no dialog, hold no element the student wrote, request no
other host, and show the student's text as text with the rubric's levels under each prompt."""

from __future__ import annotations

import sqlite3

import nbformat
import pytest
from support.class_of_40 import MODULE, PAYLOADS, build, course_with_release
from support.env import BIN, run, serve
from support.lab import LAB_FLAGS, jupyterlab

from coursekit.content import EXERCISES
from coursekit.grading import load_module

PROMPTS = load_module(EXERCISES, MODULE).prompts
HOSTILE = ["mallory", "trudy"]
INJECTED = """() => document.querySelectorAll(
  '.pwn, iframe[srcdoc], [onerror], [ontoggle], [onmouseover], svg[onload], '
  + 'a[href^="javascript:" i]').length"""


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    course = course_with_release(tmp_path_factory, "hostile")
    tmp = course.parent
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    made = build(release, PROMPTS)
    for student in HOSTILE + ["s01"]:
        folder = course / "submitted" / student / MODULE
        folder.mkdir(parents=True)
        (folder / f"{MODULE}.ipynb").write_text(made[student], encoding="utf-8")
    run([BIN / "python", "-m", "coursekit", "autograde", MODULE], cwd=course)
    run([BIN / "python", "-m", "coursekit", "feedback", MODULE, "--allow-ungraded"], cwd=course)
    return tmp, course


def check_page(p, base):
    page = p.page
    page.wait_for_load_state("load")
    page.wait_for_timeout(
        1500
    )  # give any injected handler (onerror, onload, ontoggle) time to fire
    text = page.inner_text("body")
    assert p.dialogs == [], p.dialogs
    assert page.evaluate(INJECTED) == 0
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    assert "<img src=x onerror=" in text and "<script class=pwn>" in text, (
        "the student's text is shown as text"
    )
    assert "Rubric for this answer" in text
    level = PROMPTS[0].rubric[0].levels[-1].description
    assert " ".join(level.split())[:40] in " ".join(text.split())
    # nothing leaves the machine: not even MathJax, which nbconvert's templates ask cdnjs for
    # (exercises/templates/ replaces that macro for the feedback and formgrade templates)
    assert p.foreign_requests(base) == [], p.foreign_requests(base)
    assert p.errors == [], p.errors


def test_feedback_page_shows_student_html_as_text(hostile_class, new_page):
    _, course = hostile_class
    base, server = serve(course / "feedback")
    try:
        for student in HOSTILE:
            p = new_page()
            p.page.goto(f"{base}/{student}/{MODULE}/{MODULE}.html")
            check_page(p, base)
    finally:
        server.shutdown()
        server.server_close()


def test_formgrader_submission_page_shows_student_html_as_text(hostile_class, new_page):
    tmp, course = hostile_class
    command = [
        BIN / "jupyter",
        "lab",
        *LAB_FLAGS,
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={course}",
        "--ServerApp.allow_root=True",
    ]
    db = sqlite3.connect(course / "gradebook.db")
    ids = dict(
        db.execute(
            "SELECT sa.student_id, sn.id FROM submitted_notebook sn "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id"
        ).fetchall()
    )
    db.close()
    with jupyterlab(command, course, tmp / "lab") as (url, log):
        for student in HOSTILE:
            p = new_page(viewport={"width": 1400, "height": 900})
            p.page.goto(f"{url}/formgrader/submissions/{ids[student]}/", wait_until="load")
            p.page.locator(".score").first.wait_for(timeout=60_000)
            check_page(p, url)
            # formgrade.js selects the first score box (or the next link) once "MathJax" says it has
            # started
            p.page.wait_for_function(
                "document.activeElement && document.activeElement.classList.contains('tabbable')"
            )
        assert "Traceback" not in log.read_text()


def test_every_payload_reached_an_answer():
    assert len(PAYLOADS) >= 6 and all("pwn" in p or "javascript" in p for p in PAYLOADS)
