"""On the built book, every choice of every scenario is taken and every ending reached,
by clicking the player's buttons in headless Chromium."""

from __future__ import annotations

import pytest
from support.browser import past_the_words_box
from support.env import ROOT

from coursekit.content import load_course
from coursekit.content.paths import all_paths, replay, resolve

MODULES = [m.id for m in load_course(ROOT / "exercises").modules]


def covered(s, steps) -> set:
    """What one path shows: every choice taken, the ending, and which variant of each text."""
    items = set()
    for st in replay(s, steps):
        node_id = st.node.id
        items.add(("choice", node_id, st.index))
        items.add(("text", node_id, _variant(st.node.text, st.text)))
        items.add(("feedback", node_id, st.index, _variant(st.choice.feedback, st.feedback)))
    last = replay(s, steps)[-1]
    ending = next(e for e in s.endings if e.id == last.next)
    items.add(("ending", ending.id))
    for key in ("text", "debrief"):
        items.add(
            (
                f"ending-{key}",
                ending.id,
                _variant(getattr(ending, key), resolve(getattr(ending, key), last.after)),
            )
        )
    return items


def _variant(variants, shown) -> int:
    return next(i for i, v in enumerate(variants) if v.text == shown)


def routes(scenario):
    """Whole paths (lists of (node id, choice index)) that together take every choice, reach
    every ending and show every variant of every text that some path shows: greedily, the path
    that shows the most not yet shown, until nothing new is left."""
    s = scenario.play
    candidates = [(steps, covered(s, steps)) for steps in all_paths(s)]
    seen, out = set(), []
    while True:
        steps, items = max(candidates, key=lambda c: len(c[1] - seen))
        if not items - seen:
            return out
        out.append(steps)
        seen |= items


def test_routes_cover_every_choice_ending_and_variant(scenarios):
    for scenario in scenarios.values():
        s = scenario.play
        rs = routes(scenario)
        shown = set().union(*(covered(s, r) for r in rs))
        assert {i[1:] for i in shown if i[0] == "choice"} == {
            (n.id, i) for n in s.nodes for i in range(len(n.choices))
        }
        assert {i[1] for i in shown if i[0] == "ending"} == {e.id for e in s.endings}
        assert shown == set().union(*(covered(s, p) for p in all_paths(s)))


@pytest.mark.browser
@pytest.mark.parametrize("module", MODULES)
def test_every_choice_and_ending_on_the_page(site, new_page, scenarios, module):
    p = new_page()
    page = p.page
    page.goto(f"{site}/book/{module}/scenarios.html")
    for s in sorted(
        (s for s in scenarios.values() if f"module{s.module}" == module), key=lambda s: s.id
    ):
        region = page.locator(f'[data-coursekit-scenario="{s.id}"] .ck-scenario')
        nodes = {n.id: n for n in s.nodes}
        for route in routes(s):
            played = replay(s.play, route)
            region.get_by_role("button", name="Begin").click()
            for (node_id, index), step in zip(route, played, strict=True):
                choice = nodes[node_id].choices[index]
                past_the_words_box(region)  # skipped: the learner's words are optional
                region.locator(".ck-choice").nth(index).click()
                live = region.locator('[aria-live="polite"]')
                assert live.locator(".ck-chose").inner_text() == f"You chose: {choice.text}"
                assert (
                    live.locator(".ck-reading a")
                    .get_attribute("href")
                    .endswith(f"reading.html#{choice.reading}")
                )
                region.get_by_role(
                    "button", name="See how it ends" if step.next not in nodes else "Continue"
                ).click()
            ending = next(e for e in s.endings if e.id == played[-1].next)
            assert region.locator(".ck-title").inner_text() == f"Ending: {ending.title}"
            assert region.locator(".ck-questions li").count() == len(ending.questions)
            region.get_by_role("button", name="Play again").click()
    assert p.errors == []
    assert p.foreign_requests(site) == []
