"""The facilitator's kit in the whole book: notes for every scenario on their own page with
discussion mode; share and skip beside every scenario, skip before every prompt; the
journal counting skipped items; the printed book as one PDF."""

from __future__ import annotations

import re
import unicodedata

import pytest
from support.browser import axe_violations, close_dialog, projector_fit
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
    # Every scenario in full: each decision's situation, every option and its outcome, every
    # ending with its debrief; no "cannot start here" box; the arc as forms to fill in.
    flat = " ".join(text.split())
    scenarios, _ = load_all()
    missing = []
    for s in scenarios.values():
        play = s.play
        wanted = [play.title, *(end.title for end in play.endings)]
        for node in play.nodes:
            wanted += [node.text[-1].text, *(c.text for c in node.choices)]
            wanted += [c.feedback[-1].text for c in node.choices]
        wanted += [end.debrief[-1].text for end in play.endings]
        missing += [f"{s.id}: {w[:60]!r}" for w in wanted if plain(w) not in flat]
    assert missing == [], missing[:10]
    assert "cannot start here" not in text
    assert "Tick one box for each statement" in flat and "By when" in flat
    # No page for learners or facilitators names a make target (in the print copies' HTML,
    # a command is code: <span class="pre">make</span>).
    for copy in sorted((out.parent / "book-pages").glob("*.html")):
        if copy.stem.startswith(("book-instructor", "book-deploy", "book-authors", "book-rubrics")):
            continue  # the guides for whoever runs the course name its commands
        assert '<span class="pre">make</span>' not in copy.read_text(encoding="utf-8"), copy.name


def plain(text: str) -> str:
    """The first words of a content text as the PDF reads them: no emphasis marks."""
    return " ".join(re.sub(r"[*_]", "", text).split())[:50]


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
            close_dialog(page, dialog)
    heights.sort(reverse=True)
    print(f"{len(heights)} screens; the tallest:", heights[:5])
    assert [h for h in heights if h[0][0] > h[0][1] or h[0][1] != 1080] == []
    assert p.errors == []


def test_session_slides_in_the_book(site, new_page):
    """The slides page of the real book: every module's slides as a handout, the support
    information sheet, and the projector view; axe finds nothing on the page or in the view."""
    p = new_page(viewport={"width": 1920, "height": 1080})
    page = p.page
    page.goto(f"{site}/book/session-slides.html")
    buttons = page.get_by_role("button", name="Show the slides")
    buttons.first.wait_for()
    assert buttons.count() == 4
    assert "Support information for:" in page.inner_text("main")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Show the slides: Module 3: Accountability").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    page.keyboard.press("End")
    assert axe_violations(page) == []
    assert p.foreign_requests(site) == [] and p.errors == []
