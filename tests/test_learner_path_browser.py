"""A learner's first hour on the built book, in headless Chromium (issue 27): every text box of
every page keeps its text on a reload, a scenario left at a decision or an ending comes back
there, the journal's table and the confidence chart read well on a 390 px phone, and the
keyboard moves from one scenario to the next in a few presses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.browser import NO_TRANSITIONS, focused
from support.mounts import mount_data

SHOTS = Path(os.environ["COURSEKIT_SHOTS"]) if os.environ.get("COURSEKIT_SHOTS") else None
PHONE = {"width": 390, "height": 844}
# Every box a learner types into: text inputs, dates and text areas (the theme's search box
# excepted: a search field is not work to keep).
TEXT_BOXES = (
    "input:is([type=text], [type=date], :not([type])):not(.bd-search input, [type=search]),"
    " textarea"
)


def shot(locator, name):
    """A screenshot of this part of the page, to look at (COURSEKIT_SHOTS=<folder>)."""
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(SHOTS / f"{name}.png"))


def visible_boxes(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # the page loaders have drawn their widgets
    boxes = page.locator(TEXT_BOXES)
    return [boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).is_visible()]


def test_every_text_box_on_every_page_keeps_its_text_on_a_reload(built_book, site, new_page):
    p = new_page()
    page = p.page
    pages = sorted(
        path.relative_to(built_book).as_posix()
        for path in built_book.rglob("*.html")
        if path.name not in ("search.html", "genindex.html") and "_static" not in path.parts
    )
    typed_on = {}
    for rel in pages:
        page.goto(f"{site}/{rel}")
        boxes = visible_boxes(page)
        if not boxes:
            continue
        written = []
        for i, box in enumerate(boxes):
            value = "2027-01-15" if box.get_attribute("type") == "date" else f"{rel} box {i}: mine"
            box.click()
            if value[0].isdigit():
                box.fill(value)
            else:
                page.keyboard.type(value)
            written.append(value)
        page.keyboard.press("Tab")  # leaving a box saves at once
        page.wait_for_timeout(800)  # and typing saves within 600 ms
        page.reload()
        kept = [box.input_value() for box in visible_boxes(page)]
        assert kept == written, f"{rel}: after a reload the boxes hold {kept}, not {written}"
        typed_on[rel] = len(written)
    # the pages with boxes: reflections, plans, follow-ups and the journal's share form
    assert "book/journal.html" in typed_on, typed_on
    assert {"book/module1/reflections.html", "book/module1/next-steps.html"} <= set(typed_on)
    assert p.errors == [] and p.foreign_requests(site) == []


def scenarios_on(built_book, page: str) -> list[dict]:
    """The scenarios a built page plays, in page order, from the data files it names."""
    return [data["scenario"] for data in mount_data(built_book / page, "scenario")]


def test_a_reload_comes_back_to_the_words_being_written_and_to_the_ending(
    built_book, site, new_page
):
    p = new_page()
    page = p.page
    page.goto(site + "/book/module1/scenarios.html")
    asking = [
        s["id"]
        for s in scenarios_on(built_book, "book/module1/scenarios.html")
        if s["nodes"][0].get("ask")
    ]
    assert asking, "no scenario of module 1 asks for the learner's words first"
    scenario_id = asking[0]
    region = page.locator(f'[data-coursekit-scenario="{scenario_id}"] .ck-scenario')
    region.get_by_role("button", name="Begin").click()
    words = "I would thank her, and ask what she wants from me."
    region.locator(".ck-words-box").click()
    page.keyboard.type(words)
    page.reload()
    region = page.locator(f'[data-coursekit-scenario="{scenario_id}"] .ck-scenario')
    assert region.locator(".ck-words-box").input_value() == words
    region.get_by_role("button", name="Show the choices").click()
    page.reload()  # the choices, under what the learner wrote
    assert words in region.locator(".ck-your-words").inner_text()
    while True:
        region.locator(".ck-choice").first.click()
        region.get_by_text("You chose:").wait_for()
        page.reload()  # at a feedback: the feedback
        region.get_by_text("You chose:").wait_for()
        onward = region.get_by_role("button", name="Continue").or_(
            region.get_by_role("button", name="See how it ends")
        )
        last = onward.inner_text() == "See how it ends"
        onward.click()
        if last:
            break
        page.reload()  # at the next decision: that decision
        region.locator(".ck-situation").wait_for()
        box = region.locator(".ck-words-box")
        if box.count():
            region.get_by_role("button", name="Skip", exact=True).click()
    ending = region.locator(".ck-title").inner_text()
    assert ending.startswith("Ending: ")
    page.reload()
    region.locator(".ck-path").wait_for()
    assert region.locator(".ck-title").inner_text() == ending
    assert words in region.locator(".ck-path").inner_text()
    region.get_by_role("button", name="Play again").click()
    page.reload()
    region.get_by_role("button", name="Begin").wait_for()
    assert p.errors == []


def line_boxes(cell) -> int:
    """How many lines the text of a table cell takes."""
    return cell.evaluate("""c => {
        const r = document.createRange(); r.selectNodeContents(c);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
    }""")


def rated_profile(new_page, site, viewport):
    """A profile that rated module 1 before (2) and after (4), on a page of this viewport."""
    p = new_page(viewport=viewport)
    p.page.add_init_script(NO_TRANSITIONS)
    page = p.page
    for when, value in (("index", 2), ("next-steps", 4)):
        page.goto(f"{site}/book/module1/{when}.html")
        form = page.locator('[data-coursekit-arc^="confidence-module1"] .ck-confidence-form')
        for fieldset in form.locator("fieldset").all():
            fieldset.locator("label").nth(value - 1).click()
        form.locator(".ck-status").filter(has_text="rated").wait_for()
    return p


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desk"])
def test_journal_table_and_confidence_chart_read_well(site, new_page, viewport):
    p = rated_profile(new_page, site, viewport)
    page = p.page
    name = "phone" if viewport is PHONE else "desk"
    # The chart: its labels at 12 px or more as drawn, on the phone too.
    chart = page.locator(".ck-chart svg")
    chart.wait_for()
    sizes = chart.evaluate("""svg => [...svg.querySelectorAll('text')].map((t) =>
        parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
    assert sizes and min(sizes) >= 12, f"chart labels drawn at {min(sizes):.1f} px"
    fits = chart.evaluate("s => s.getBoundingClientRect().right <= innerWidth")
    assert fits and page.evaluate(
        "scrollX === 0 && document.documentElement.scrollWidth <= innerWidth"
    )
    shot(page.locator(".ck-chart"), f"{name}-chart")
    # The journal: its confidence table (arc.css: no header broken mid-word).
    page.goto(site + "/book/journal.html")
    table = page.locator(".ck-journal .ck-arc-table").first
    table.wait_for()
    # arc.css's rules are on the page (linked, or written into its <style> by mounts.py)
    assert page.evaluate("""() => [...document.styleSheets].some((s) =>
        [...s.cssRules].some((r) => (r.selectorText || '').includes('.ck-arc-table')))""")
    for header in ("Before", "After"):
        cell = table.locator("thead th", has_text=header)
        assert line_boxes(cell) == 1, f"the journal's {header!r} header breaks over lines"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    shot(page.locator(".ck-arc-summary").first, f"{name}-journal")
    assert p.errors == [] and p.foreign_requests(site) == []


def test_the_keyboard_skips_from_one_scenario_to_the_next(built_book, site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + "/book/module3/scenarios.html")
    mounts = page.locator("[data-coursekit-scenario]")
    ids = [mounts.nth(i).get_attribute("data-coursekit-scenario") for i in range(mounts.count())]
    titles = {s["id"]: s["title"] for s in scenarios_on(built_book, "book/module3/scenarios.html")}
    assert len(ids) >= 3 and list(titles) == ids
    # Plain Tab from the first scenario's Begin to the second's, for the record.
    mounts.first.get_by_role("button", name="Begin").focus()
    tabs = 0
    while not (focused(page)["scenario"] == ids[1] and focused(page)["text"] == "Begin"):
        page.keyboard.press("Tab")
        tabs += 1
        assert tabs < 40
    print(f"Tab presses from one scenario's Begin to the next: {tabs}")
    # With the skip links: from the first scenario to the third in a few presses.
    mounts.first.get_by_role("button", name="Begin").focus()
    presses = []
    page.keyboard.press("Shift+Tab")
    presses.append("Shift+Tab")
    assert focused(page)["text"] == f"Skip to the next scenario: {titles[ids[1]]}"
    assert page.locator(".ck-skip-next").first.is_visible()  # shown while it has focus
    for _ in range(2):
        page.keyboard.press("Enter")
        presses.append("Enter")
    assert focused(page)["scenario"] == ids[2], focused(page)
    page.keyboard.press("Tab")
    presses.append("Tab")
    now = focused(page)
    assert now["scenario"] == ids[2] and now["text"] == "Begin", now
    assert len(presses) <= 4, presses
    assert page.locator(f'[data-coursekit-scenario="{ids[2]}"]').evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }"
    )
    # The opt-out checkbox has a gap before its label.
    gap = page.locator(".ck-optout p").first.evaluate("""p => {
        const box = p.querySelector('input').getBoundingClientRect();
        const r = document.createRange(); r.selectNodeContents(p.querySelector('label'));
        return r.getClientRects()[0].left - box.right;
    }""")
    assert gap >= 4, f"{gap:.1f} px between the checkbox and its label"
    assert p.errors == []
