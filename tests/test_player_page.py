"""A scenario that remembers, on a static page (Sphinx test root, headless Chromium): the
start view is in the page before the player mounts (no layout shift) and matches what the
player draws; played by keyboard, the ending's text depends on an earlier choice, and the
learner's own words are shown in the path summary and kept across a reload."""

from __future__ import annotations

import json

import pytest
from support.browser import axe_violations, focused, tab_until
from support.roots import served_root

pytestmark = pytest.mark.browser  # builds a test site and starts Chromium

WORDS = "Ana, I saw you were left off the notes. How would you like to handle it?"
# The shape of a subtree: tags, attributes (but ids, which count per page), and its text.
SHAPE = """(el) => {
  const shape = (n) =>
    n.nodeType === Node.TEXT_NODE ? n.textContent : n.nodeType !== Node.ELEMENT_NODE ? '' : {
      tag: n.tagName,
      attrs: [...n.attributes].filter((a) => a.name !== 'id').map((a) => `${a.name}=${a.value}`)
        .sort(),
      kids: [...n.childNodes].map(shape).filter((k) => k !== '')};
  const copy = el.cloneNode(true);
  copy.normalize();
  return shape(copy);
}"""
CLS = """window.__cls = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
})
  .observe({ type: 'layout-shift', buffered: true });"""


@pytest.fixture(scope="module")
def player_site(tmp_path_factory):
    with served_root("player", tmp_path_factory.mktemp("player"), ["player-scenario.yml"]) as site:
        yield site


def stored(page):
    raw = page.evaluate("localStorage.getItem('coursekit:scenario:m1-memory')")
    return json.loads(raw)["path"] if raw else None


def test_start_view_is_written_into_the_page_and_matches_the_player(player_site, new_page):
    base, out = player_site
    html = (out / "index.html").read_text()
    assert '<section class="ck-scenario"' in html and "A colleague, Ana, has been left out" in html
    assert (
        "Practise asking" not in html.split('<div class="ck-stage">')[1].split("</section>")[0]
    ), "the goal is not on the start screen"
    p = new_page()
    p.page.add_init_script(CLS)
    p.page.goto(f"{base}/index.html")
    stage = p.page.locator("[data-coursekit-scenario] .ck-stage")
    stage.get_by_role("button", name="Begin").wait_for()
    p.page.wait_for_function(
        "document.querySelector('.ck-stage > .ck-scenario').dataset.view === 'start'"
    )
    written = p.page.evaluate(
        """async (shape) => {
        const html = await (await fetch(location.href)).text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return eval(shape)(doc.querySelector('.ck-stage > section'));
    }""",
        SHAPE,
    )
    drawn = stage.locator("> section").evaluate(SHAPE)
    assert written == drawn
    assert "Content note: " in json.dumps(drawn)
    assert p.page.evaluate("window.__cls") <= 0.01
    assert axe_violations(p.page, ".ck-scenario") == [], "start"
    stage.get_by_role("button", name="Begin").click()
    stage.get_by_label("What would you say to Ana first?").wait_for()
    assert axe_violations(p.page, ".ck-scenario") == [], "the learner's words"
    stage.get_by_role("button", name="Show the choices").click()
    assert axe_violations(p.page, ".ck-scenario") == [], "choices"
    assert p.dialogs == [] and p.errors == []


def play(page, region, first_choice: int, words: str | None, second_choice: int):
    """By keyboard from the Begin button: at the node that asks, write words (or skip)."""
    tab_until(page, lambda f: f["scenario"] == "m1-memory" and f["text"] == "Begin")
    page.keyboard.press("Enter")
    assert "ck-situation" in focused(page)["cls"]
    assert region.locator(".ck-choice").count() == 0, "the choices wait for the learner's words"
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "TEXTAREA"
    assert region.get_by_label("What would you say to Ana first?").count() == 1
    if words:
        page.keyboard.insert_text(words)
        tab_until(page, lambda f: f["text"] == "Show the choices", limit=3)
    else:
        tab_until(page, lambda f: f["text"] == "Skip", limit=4)
    page.keyboard.press("Enter")
    assert "ck-ask" in focused(page)["cls"]
    for _ in range(first_choice + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Continue"
    page.keyboard.press("Enter")
    situation = region.locator(".ck-situation").inner_text()
    for _ in range(second_choice + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    live = region.locator('[aria-live="polite"]').inner_text()
    assert focused(page)["text"] == "See how it ends"
    page.keyboard.press("Enter")
    return situation, live


def test_memory_and_words_by_keyboard_kept_across_reload(player_site, new_page):
    base, _ = player_site
    p = new_page()
    page = p.page
    page.goto(f"{base}/index.html")
    region = page.locator("[data-coursekit-scenario] .ck-scenario")
    region.get_by_role("button", name="Begin").wait_for()
    assert "Practise asking" not in region.inner_text()

    # Ask Ana first (remembers "asked"), then ask the organiser: the ending speaks to asking.
    situation, live = play(page, region, 1, WORDS, 2)
    assert situation.startswith("Ana tells you she would rather raise it herself")
    assert "You chose: Ask the organiser" in live
    assert region.locator(".ck-title").inner_text() == "Ending: Working it out together"
    assert (
        "Because you asked Ana first, she led the change" in region.locator(".ck-text").inner_text()
    )
    summary = region.locator(".ck-path li")
    assert summary.count() == 2 and f"You wrote: {WORDS}" in summary.first.inner_text()
    assert "Practise asking the person affected" in region.locator(".ck-goal").inner_text()
    assert axe_violations(page, ".ck-scenario") == []
    assert stored(page)[0] == {"node": "notice", "choice": 1, "words": WORDS}

    page.reload()  # at the ending: the ending again
    region.locator(".ck-path").wait_for()
    assert region.locator(".ck-title").inner_text() == "Ending: Working it out together"
    assert f"You wrote: {WORDS}" in region.locator(".ck-path li").first.inner_text()

    # Speak up first instead (remembers "spoke-up"), skip the words: same ending, other text.
    region.get_by_role("button", name="Play again").click()
    situation, _ = play(page, region, 0, None, 2)
    assert situation.startswith("After the meeting, people look to you")
    assert region.locator(".ck-title").inner_text() == "Ending: Working it out together"
    assert "nobody asked her how she wanted it done" in region.locator(".ck-text").inner_text()
    assert "You wrote" not in region.locator(".ck-path").inner_text()
    assert stored(page) == [{"node": "notice", "choice": 0}, {"node": "later", "choice": 2}]
    assert p.dialogs == [] and p.errors == [] and p.foreign_requests(base) == []
