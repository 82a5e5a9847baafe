"""The built book in headless Chromium: scenarios played by keyboard, progress kept,
accessibility checked with axe-core, and no request to any other host."""

from __future__ import annotations

import json

import pytest
from support.browser import NO_TRANSITIONS, axe_violations, focused, past_the_words_box, tab_until

SCENARIO_PAGE = "/book/module1/scenarios.html"
NOTEBOOK_PAGE = "/notebooks/module1.html"


def stored_path(page, scenario_id):
    raw = page.evaluate(f"localStorage.getItem('coursekit:scenario:{scenario_id}')")
    return json.loads(raw)["path"] if raw else None


def play_to_ending_by_keyboard(page, region, scenario_id):
    """From a start screen whose Begin button has focus, always take the first choice."""
    page.keyboard.press("Enter")  # Begin
    steps = 0
    while True:
        assert region.locator(".ck-situation").evaluate("e => e === document.activeElement")
        if region.locator(".ck-words-box").count():  # the learner's own words first, typed
            tab_until(page, lambda f: f["inScenario"] and "ck-words-box" in f["cls"], limit=5)
            page.keyboard.type(f"My words at decision {steps + 1}.")
            tab_until(page, lambda f: f["inScenario"] and f["text"] == "Show the choices", limit=3)
            page.keyboard.press("Enter")
            assert region.locator(".ck-ask").evaluate("e => e === document.activeElement")
        now = tab_until(page, lambda f: f["inScenario"] and "ck-choice" in f["cls"], limit=5)
        chosen = now["text"]
        page.keyboard.press("Enter")
        steps += 1
        live = region.locator('[aria-live="polite"]')
        assert chosen in live.inner_text()
        assert "You chose" in live.inner_text() and len(live.inner_text()) > len(chosen) + 40
        assert focused(page)["text"] in ("Continue", "See how it ends")
        ending = focused(page)["text"] == "See how it ends"
        assert len(stored_path(page, scenario_id)) == steps
        page.keyboard.press("Enter")
        if ending:
            return steps, chosen


def test_scenario_by_keyboard_reload_restart_offline(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + SCENARIO_PAGE)
    first = page.locator("[data-coursekit-scenario]").first
    scenario_id = first.get_attribute("data-coursekit-scenario")
    region = first.locator(".ck-scenario")
    now = tab_until(page, lambda f: f["scenario"] == scenario_id and f["text"] == "Begin")
    assert now["tag"] == "BUTTON"
    assert axe_violations(page) == []

    steps, _last_choice = play_to_ending_by_keyboard(page, region, scenario_id)
    assert steps >= 1
    assert region.locator(".ck-title").first.inner_text().startswith("Ending: ")
    assert region.locator(".ck-path li").count() == steps
    assert region.locator(".ck-debrief").inner_text().strip()
    assert region.locator(".ck-questions li").count() >= 2
    assert axe_violations(page) == []

    ending = region.locator(".ck-title").first.inner_text()
    page.reload()  # a reload at the ending shows the ending, not the feedback before it
    region = page.locator(f'[data-coursekit-scenario="{scenario_id}"] .ck-scenario')
    region.locator(".ck-path").wait_for()
    assert region.locator(".ck-title").first.inner_text() == ending
    assert region.locator(".ck-path li").count() == steps
    assert len(stored_path(page, scenario_id)) == steps
    assert not region.get_by_role("button", name="See how it ends").count()

    tab_until(page, lambda f: f["scenario"] == scenario_id and f["text"] == "Play again")
    page.keyboard.press("Enter")
    region.get_by_role("button", name="Begin").wait_for()
    assert stored_path(page, scenario_id) == []
    assert p.foreign_requests(site) == []
    assert p.errors == []


def test_back_returns_to_the_decision(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + SCENARIO_PAGE)
    region = page.locator(".ck-scenario").first
    region.get_by_role("button", name="Begin").click()
    past_the_words_box(region)
    choices = region.locator(".ck-choice")
    assert choices.count() >= 3
    second = choices.nth(1).inner_text()
    choices.nth(1).click()
    region.get_by_text(f"You chose: {second}").wait_for()
    region.get_by_role("button", name="Back").click()
    past_the_words_box(region)
    assert region.locator(".ck-choice").count() == choices.count()
    assert "Decision 1 of" in region.locator(".ck-bar").inner_text()


MODES = ("light", "dark")  # the book theme's color modes, kept in localStorage["mode"]


# axe must see colors at rest, not halfway through the theme's fade into dark mode.


def in_mode(new_page, mode, **kwargs):
    p = new_page(**kwargs)
    p.page.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    p.page.add_init_script(NO_TRANSITIONS)
    return p


@pytest.mark.parametrize("mode", MODES)
def test_every_page_with_course_widgets_is_accessible(site, new_page, mode):
    p = in_mode(new_page, mode)
    pages = [
        f"/book/module{m}/{kind}.html"
        for m in (1, 2, 3, 4)
        for kind in ("scenarios", "reflections")
    ]
    pages += [f"/notebooks/module{m}.html" for m in (1, 2, 3, 4)] + [
        "/book/journal.html",
        "/book/intro.html",
    ]
    for url in pages:
        p.page.goto(site + url)
        p.page.wait_for_load_state("networkidle")
        assert p.page.evaluate("document.documentElement.dataset.theme") == mode
        assert axe_violations(p.page) == [], f"{url} ({mode})"
    assert p.foreign_requests(site) == []


@pytest.mark.parametrize("mode", MODES)
def test_every_screen_of_the_player_is_accessible(site, new_page, mode):
    """Start, decision, feedback (with its link to the reading) and ending, in both modes."""
    p = in_mode(new_page, mode)
    page = p.page
    page.goto(site + SCENARIO_PAGE)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    region = page.locator(".ck-scenario").first
    assert axe_violations(page) == [], "start"
    region.get_by_role("button", name="Begin").click()
    region.locator(".ck-recall summary").click()  # the opening, opened again
    assert axe_violations(page) == [], "decision"
    while True:
        past_the_words_box(region, "What I would say, in my own words.")
        region.locator(".ck-choice").first.click()
        assert region.locator(".ck-reading a").count() == 1
        assert axe_violations(page) == [], "feedback"
        ending = region.get_by_role("button", name="See how it ends")
        if ending.count():
            ending.click()
            break
        region.get_by_role("button", name="Continue").click()
    assert axe_violations(page) == [], "ending"


@pytest.mark.parametrize(
    "url",
    [
        "/book/journal.html",
        "/book/module1/scenarios.html",
        "/book/module1/reflections.html",
        "/notebooks/module1.html",
        "/book/module1/reading.html",
    ],
)
def test_pages_fit_a_phone_screen(site, new_page, url):
    p = new_page(viewport={"width": 390, "height": 844})
    p.page.goto(site + url)
    p.page.wait_for_load_state("networkidle")
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_notebook_page_plays_with_our_player_offline(site, built_book, new_page):
    html = (built_book / NOTEBOOK_PAGE.lstrip("/")).read_text()
    assert (
        "widget-state+json" not in html and "html-manager" not in html and "require.js" not in html
    )
    p = new_page()
    p.page.goto(site + NOTEBOOK_PAGE)
    region = p.page.locator(".ck-scenario").first
    region.get_by_role("button", name="Begin").click()
    past_the_words_box(region)
    region.locator(".ck-choice").first.click()
    assert "You chose" in region.locator('[aria-live="polite"]').inner_text()
    assert p.foreign_requests(site) == []
    assert p.errors == []
