"""The facilitator's kit in the whole book: notes for every scenario on their own page with
discussion mode; share and skip beside every scenario, skip before every prompt; the
journal counting skipped items; the printed book as one PDF."""

from __future__ import annotations

import unicodedata

import pytest
from support.browser import axe_violations, projector_fit
from support.env import BIN, run

from coursekit.content import load_all
from coursekit.content.paths import all_paths, replay, resolve

pytestmark = pytest.mark.browser


def test_notes_page_has_every_scenario_with_discussion_mode(site, built_book, new_page):
    scenarios, _ = load_all()
    html = (built_book / "book" / "facilitator-notes.html").read_text()
    assert html.count("data-coursekit-discussion=") == len(scenarios)
    p = new_page(viewport={"width": 1280, "height": 900})
    p.page.goto(f"{site}/book/facilitator-notes.html")
    p.page.get_by_role("button", name="Discuss with a group").first.wait_for()
    assert p.page.get_by_role("button", name="Discuss with a group").count() == len(scenarios)
    assert p.page.get_by_role("button", name="Share my path").count() == 0, (
        "learners' tools only beside the player"
    )
    p.page.get_by_role("button", name="Discuss with a group").first.click()
    p.page.get_by_role("dialog").wait_for()
    assert axe_violations(p.page) == []
    assert p.foreign_requests(site) == [] and p.errors == []


def test_skipping_everything_in_a_module_completes_it_in_the_journal(site, new_page):
    scenarios, reflections = load_all()
    p = new_page()
    page = p.page
    page.goto(f"{site}/book/module1/reflections.html")
    boxes = page.get_by_label("Skip this prompt and do the alternative activity instead")
    boxes.first.wait_for()
    assert boxes.count() == len(reflections["module1"].prompts)
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.goto(f"{site}/book/module1/scenarios.html")
    boxes = page.get_by_label("Skip this scenario and do the alternative activity instead")
    boxes.first.wait_for()
    assert boxes.count() == sum(1 for s in scenarios.values() if s.module == 1)
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.goto(f"{site}/book/journal.html")
    status = page.locator(".ck-module-status").first
    status.wait_for()
    assert "Module complete." in status.inner_text()
    assert "Skipped for the alternative activity" in status.inner_text()
    assert "Module complete." not in page.locator(".ck-module-status").nth(1).inner_text()
    assert p.errors == []


@pytest.mark.slow
def test_the_book_as_one_pdf(built_book, tmp_path):
    out = tmp_path / "book.pdf"
    run(
        [BIN / "python", "-m", "coursekit", "book-pdf", "--html", built_book, "--out", out],
        timeout=1500,
    )
    from pypdf import PdfReader

    pages = [unicodedata.normalize("NFKC", pg.extract_text()) for pg in PdfReader(str(out)).pages]
    assert len(pages) > 60
    text = "\n".join(pages)
    for wanted in (
        "Module 1: Solidarity and allyship",
        "Module 4: Intersectionality",
        "Facilitator guide",
        "Interrupting a harmful remark in the room",
        "Glossary",
    ):
        assert wanted in text
    assert "Skip to main content" not in text, "no navigation"
    assert "include what I wrote" not in text and "Skip this scenario" not in text, (
        "no learner's controls on paper"
    )


def covering_paths(scenario) -> list[list[tuple[str, int]]]:
    """Few paths that between them show every decision's every situation text and every
    ending's every text and debrief, as they read on some path."""
    s = scenario.play
    endings = {e.id: e for e in s.endings}
    chosen, seen = [], set()
    for path in all_paths(s):
        steps = replay(s, path)
        shows = {(st.node.id, st.text) for st in steps}
        end = endings[steps[-1].next]
        shows.add((end.id, resolve(end.text, steps[-1].after)))
        shows.add((end.id, resolve(end.debrief, steps[-1].after)))
        if shows - seen:
            chosen.append(path)
            seen |= shows
    return chosen


def test_every_decision_of_the_book_fits_one_projector_screen(site, new_page):
    """Discussion mode at 1920x1080 on the facilitator notes page: along paths that show every
    text of every scenario, each screen (situation, options with counts, each option's
    outcome, ending, debrief) fits without scrolling. Prints the tallest screens."""
    scenarios, _ = load_all()
    p = new_page(viewport={"width": 1920, "height": 1080})
    page = p.page
    page.goto(f"{site}/book/facilitator-notes.html")
    heights, seen = [], set()
    for scenario in sorted(scenarios.values(), key=lambda s: s.id):
        name = f"Discuss with a group: {scenario.title} (projector view)"
        for path in covering_paths(scenario):
            page.get_by_role("button", name=name, exact=True).click()
            dialog = page.get_by_role("dialog")
            dialog.wait_for()
            page.keyboard.press("Enter")
            for step in replay(scenario.play, path):
                where = (scenario.id, step.node.id, step.before)
                new = where not in seen
                seen.add(where)
                if new:
                    heights.append((projector_fit(dialog), *where[:2], "situation"))
                page.keyboard.press("Enter")
                if new:
                    heights.append((projector_fit(dialog), *where[:2], "options"))
                page.keyboard.press("r")
                for k in range(len(step.node.choices) if new else 0):
                    page.keyboard.press(str(k + 1))
                    heights.append((projector_fit(dialog), *where[:2], f"after {k + 1}"))
                page.keyboard.press(str(step.index + 1))
                page.keyboard.press("g")
            heights.append((projector_fit(dialog), scenario.id, step.next, "ending"))
            page.keyboard.press("Enter")
            heights.append((projector_fit(dialog), scenario.id, step.next, "debrief"))
            page.keyboard.press("Escape")
            dialog.wait_for(state="detached")
    heights.sort(reverse=True)
    print(f"{len(heights)} screens; the tallest:", heights[:5])
    assert [h for h in heights if h[0][0] > h[0][1] or h[0][1] != 1080] == []
    assert p.errors == []
