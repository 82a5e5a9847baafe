"""The learner's arc in headless Chromium (issue 17): confidence before and after with the
chart and its table, the action plan and its calendar reminders (parsed with the `icalendar`
library), the follow-up page they open, and all of it in the journal, its files and imports.
Keyboard use and axe-core on every new page, in light and dark mode."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import icalendar
import pytest
from support.browser import NO_TRANSITIONS, axe_violations, focused, tab_until
from support.journal import JOURNAL, download, import_journal, stored

from coursekit.content import EXERCISES, load_arc

ARC = load_arc(EXERCISES)
M1 = ARC["module1"].confidence
FIRST_PAGE, LAST_PAGE, FOLLOW_UP = (
    "/book/module1/index.html",
    "/book/module1/next-steps.html",
    "/book/follow-up.html",
)
PLAN = {
    "what": "Ask Sam, before the planning meeting, which part of the proposal they want me to "
    "back; then credit "
    "their idea by name, in the meeting – not mine; “quotes”, commas, semi;colons and "
    "a\\backslash.",
    "where": "Tuesday team meeting, room 2",
    "who": "Sam and Priya",
    "by": (dt.date.today() + dt.timedelta(days=30)).isoformat(),  # the learner's own date
}
SHOTS = Path(os.environ.get("COURSEKIT_SHOTS", "")) if os.environ.get("COURSEKIT_SHOTS") else None


def in_mode(new_page, mode):
    p = new_page()
    p.page.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    p.page.add_init_script(NO_TRANSITIONS)
    return p


def rate(page, when, value):
    """Rate every statement of module 1 with `value` (clicking the labels)."""
    form = page.locator('[data-coursekit-arc="confidence-module1"] .ck-confidence-form')
    for s in M1:
        form.locator(f'fieldset[data-statement="{s.id}"] label').nth(value - 1).click()
    form.locator(".ck-status").filter(has_text=f"{len(M1)} of {len(M1)} rated").wait_for()


def fill_plan(page):
    for field, value in PLAN.items():
        page.locator(f'.ck-plan-form [id$="-{field}"]').fill(value)
    page.locator(".ck-plan-form .ck-status").filter(has_text="saved in this browser").wait_for()


def test_confidence_by_keyboard_before_and_after_with_chart_and_table(site, new_page):
    p = in_mode(new_page, "light")
    page = p.page
    page.goto(site + FIRST_PAGE)
    first = tab_until(page, lambda f: f["type"] == "radio")
    assert first["id"].endswith(f"{M1[0].id}-1")
    page.keyboard.press("ArrowRight")  # radios: arrows move and choose within one statement
    assert focused(page)["id"].endswith(f"{M1[0].id}-2")
    for s in M1[1:]:
        tab_until(page, lambda f, s=s: f["type"] == "radio" and f"-{s.id}-" in f["id"], limit=2)
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
    page.locator(".ck-status").filter(has_text=f"{len(M1)} of {len(M1)} rated").wait_for()
    assert stored(page)["coursekit:confidence:module1-before"]["ratings"] == {s.id: 2 for s in M1}
    assert axe_violations(page) == []

    page.goto(site + LAST_PAGE)
    assert page.locator(".ck-chart svg .ck-bar-before").count() == len(M1)
    assert page.locator(".ck-chart svg .ck-bar-after").count() == 0
    rate(page, "after", 4)
    chart = page.locator(".ck-chart")
    assert chart.locator("svg .ck-bar-after").count() == len(M1)
    svg = chart.locator("svg[role=img]")
    assert "before and after" in svg.locator("title").text_content()
    assert "before 2, after 4" in svg.locator("desc").text_content()
    rows = chart.locator("table tbody tr")
    assert rows.count() == len(M1)
    assert rows.first.locator("th").text_content() == M1[0].text
    assert [rows.first.locator("td").nth(i).text_content() for i in (1, 2)] == ["2", "4"]
    assert axe_violations(page) == []
    assert p.foreign_requests(site) == [] and p.errors == []


def test_action_plan_reminders_are_valid_icalendar_and_open_the_follow_up(site, new_page, tmp_path):
    p = new_page()
    page = p.page
    page.goto(site + LAST_PAGE)
    tab_until(
        page, lambda f: f["tag"] == "TEXTAREA" and f["id"].endswith("-what")
    )  # by keyboard alone
    for field in ("what", "where", "who"):
        assert focused(page)["id"].endswith(f"-{field}")
        page.keyboard.type(PLAN[field])
        page.keyboard.press("Tab")
    assert focused(page)["id"].endswith("-by")
    page.locator('.ck-plan-form [id$="-by"]').fill(PLAN["by"])
    tab_until(page, lambda f: f["text"].startswith("Download calendar reminders"), limit=6)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    raw = Path(info.value.path()).read_bytes()
    assert (
        "Open the file to add the 2 reminders"
        in page.locator(".ck-plan-form .ck-status").inner_text()
    )
    assert info.value.suggested_filename == "my-plan-module1.ics"
    lines = raw.split(b"\r\n")
    assert (
        lines[-1] == b"" and b"\n" not in b"".join(lines) and all(len(line) <= 75 for line in lines)
    )
    assert any(line.startswith(b" ") for line in lines)  # the long plan was folded
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2 and cal["VERSION"] == "2.0" and cal["PRODID"]
    # one reminder a week before the learner's own date, and one on it
    by = dt.date.fromisoformat(PLAN["by"])
    assert [e.decoded("DTSTART") for e in events] == [by - dt.timedelta(days=7), by]
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in events] == [dt.timedelta(days=1)] * 2
    assert len({str(e["UID"]) for e in events}) == 2
    for e in events:
        assert (
            isinstance(e.decoded("DTSTAMP"), dt.datetime)
            and e.decoded("DTSTAMP").tzinfo is not None
        )
        assert PLAN["what"] in str(e["DESCRIPTION"]) and f"With whom: {PLAN['who']}" in str(
            e["DESCRIPTION"]
        )
        assert str(e["URL"]) == f"{site}{FOLLOW_UP}#follow-up-module1"
        assert list(e.walk("VALARM"))
    assert str(events[0]["SUMMARY"]).startswith("Your plan is due in 7 days: Ask Sam")
    assert str(events[1]["SUMMARY"]).startswith("Your plan is due today: Ask Sam")

    page.goto(str(events[0]["URL"]))
    section = page.locator('section[data-module="module1"]')
    section.locator("dd").first.wait_for()
    assert section.locator("h2#follow-up-module1").is_visible()  # the link's target
    assert section.locator("dd").first.text_content() == PLAN["what"]
    section.get_by_label("What happened").fill(
        "I asked first. Sam wanted me to second the idea, not present it."
    )
    section.get_by_label("What I would do next").fill("Ask earlier, a day before.")
    section.get_by_label("What I would do next").blur()  # leaving a box saves at once
    page.wait_for_function(
        "JSON.parse(localStorage.getItem('coursekit:followup:module1') || '{}').next"
    )
    saved = stored(page)
    assert saved["coursekit:followup:module1"]["next"] == "Ask earlier, a day before."
    assert saved["coursekit:plan:module1"]["who"] == PLAN["who"]
    assert axe_violations(page) == []
    assert p.foreign_requests(site) == [] and p.errors == []


def reminders(page) -> list:
    """Download the plan's reminders; each event's (start date, summary)."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar reminders (.ics)").click()
    cal = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    return [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")]


def test_reminders_without_a_date_soon_or_past(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + LAST_PAGE)
    page.locator('.ck-plan-form [id$="-what"]').fill("Credit Sam by name.")
    today = dt.date.today()
    days = dt.timedelta(days=1)
    # no date: the fixed ones, in 2 and 6 weeks
    assert [d for d, _ in reminders(page)] == [today + 14 * days, today + 42 * days]
    # a date three days off: tomorrow, and on it
    by = page.locator('.ck-plan-form [id$="-by"]')
    by.fill((today + 3 * days).isoformat())
    assert reminders(page) == [
        (today + days, "Your plan is due in 2 days: Credit Sam by name."),
        (today + 3 * days, "Your plan is due today: Credit Sam by name."),
    ]
    by.fill((today + days).isoformat())  # tomorrow: only the one on it
    assert [d for d, _ in reminders(page)] == [today + days]
    by.fill((today - days).isoformat())  # a date gone by: no file, and why
    page.get_by_role("button", name="Download calendar reminders (.ics)").click()
    status = page.locator(".ck-plan-form .ck-status")
    assert "has passed" in status.inner_text()
    assert focused(page)["id"].endswith("-by")
    assert p.errors == []


def test_fresh_profile_imports_a_journal_with_ratings_plans_and_follow_ups(
    site, new_page, tmp_path
):
    a = new_page()
    page = a.page
    page.goto(site + FIRST_PAGE)
    rate(page, "before", 1)
    page.goto(site + LAST_PAGE)
    rate(page, "after", 3)
    fill_plan(page)
    page.goto(site + FOLLOW_UP)
    page.get_by_label("What happened").first.fill("It went ahead; Sam led.")
    page.get_by_label("What happened").first.blur()
    page.locator('section[data-module="module1"] .ck-status').filter(has_text="Saved").wait_for()
    page.goto(site + JOURNAL)
    arc = page.locator('.ck-arc-summary[data-arc="module1"]')
    assert arc.locator("tbody tr").first.inner_text().split("\t")[-2:] == ["1", "3"]
    assert PLAN["where"] in arc.inner_text() and "It went ahead; Sam led." in arc.inner_text()
    markdown = download(page, "Download as Markdown").read_text(encoding="utf-8")
    assert f"| {M1[0].text} | 1 of 5 | 3 of 5 |" in markdown
    assert f"- **With whom:** {PLAN['who']}" in markdown and "It went ahead; Sam led." in markdown
    path = tmp_path / "arc.json"
    shutil.copy(download(page, "Download as JSON (to import later)"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and set(data["content"]["confidence"]) == {
        "module1-before",
        "module1-after",
    }

    b = new_page()
    b.page.goto(site + JOURNAL)
    message = import_journal(b.page, path).inner_text()
    assert "2 confidence ratings, 1 action plan and 1 follow-up" in message
    assert stored(b.page) == stored(page)
    b.page.goto(site + LAST_PAGE)
    rows = b.page.locator(".ck-chart table tbody tr")
    assert [rows.first.locator("td").nth(i).text_content() for i in (1, 2)] == ["1", "3"]
    assert b.page.locator('.ck-plan-form [id$="-where"]').input_value() == PLAN["where"]
    assert a.errors == [] and b.errors == []


@pytest.mark.parametrize("mode", ("light", "dark"))
def test_new_pages_are_accessible_in_both_modes(site, new_page, mode):
    p = in_mode(new_page, mode)
    page = p.page
    page.goto(site + FIRST_PAGE)
    rate(page, "before", 2)
    page.goto(site + LAST_PAGE)
    rate(page, "after", 4)
    fill_plan(page)
    for url in (FIRST_PAGE, LAST_PAGE, FOLLOW_UP, JOURNAL):
        page.goto(site + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        assert axe_violations(page) == [], f"{url} ({mode})"
    if SHOTS:
        page.goto(site + LAST_PAGE)
        page.wait_for_load_state("networkidle")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".ck-chart").screenshot(path=SHOTS / f"chart-{mode}.png")
        page.locator(".ck-plan-form").screenshot(path=SHOTS / f"plan-{mode}.png")
    assert p.foreign_requests(site) == [] and p.errors == []


def test_new_pages_fit_a_phone_screen(site, new_page):
    p = new_page(viewport={"width": 390, "height": 844})
    page = p.page
    page.goto(site + FIRST_PAGE)
    rate(page, "before", 3)
    page.goto(site + LAST_PAGE)
    fill_plan(page)
    for url in (FIRST_PAGE, LAST_PAGE, FOLLOW_UP, JOURNAL):
        page.goto(site + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
