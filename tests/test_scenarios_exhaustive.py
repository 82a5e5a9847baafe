"""On the built book, every choice of every scenario is taken and every ending reached,
by clicking the player's buttons in headless Chromium."""
from __future__ import annotations

from collections import deque

import pytest

from coursekit.content import load_all

SCENARIOS, _ = load_all()


def routes(scenario):
    """Paths (lists of choice indexes) that together take every choice and reach every ending:
    for each choice, the shortest way to its node, the choice, then the shortest way out."""
    nodes = {n["id"]: n for n in scenario["nodes"]}
    endings = {e["id"] for e in scenario["endings"]}
    to_node = {scenario["nodes"][0]["id"]: []}
    queue = deque([scenario["nodes"][0]["id"]])
    while queue:
        here = queue.popleft()
        for i, c in enumerate(nodes[here]["choices"]):
            if c["next"] in nodes and c["next"] not in to_node:
                to_node[c["next"]] = to_node[here] + [(here, i)]
                queue.append(c["next"])

    def way_out(node_id):
        best = {e: [] for e in endings}
        changed = True
        while changed:  # shortest remaining path to some ending, by relaxation (no cycles)
            changed = False
            for nid, node in nodes.items():
                for i, c in enumerate(node["choices"]):
                    if c["next"] in best and (nid not in best or len(best[c["next"]]) + 1 < len(best[nid])):
                        best[nid] = [(nid, i)] + best[c["next"]]
                        changed = True
        return best[node_id]

    out = []
    for nid, node in nodes.items():
        for i, c in enumerate(node["choices"]):
            out.append(to_node[nid] + [(nid, i)] + (way_out(c["next"]) if c["next"] in nodes else []))
    return out


def expected_ending(scenario, route):
    nodes = {n["id"]: n for n in scenario["nodes"]}
    last_node, last_choice = route[-1]
    ending_id = nodes[last_node]["choices"][last_choice]["next"]
    return next(e for e in scenario["endings"] if e["id"] == ending_id)


def test_routes_cover_every_choice_and_ending():
    for s in SCENARIOS.values():
        rs = routes(s)
        taken = {step for r in rs for step in r}
        assert taken == {(n["id"], i) for n in s["nodes"] for i in range(len(n["choices"]))}
        assert {expected_ending(s, r)["id"] for r in rs} == {e["id"] for e in s["endings"]}


@pytest.mark.parametrize("module", ["module1", "module2", "module3", "module4"])
def test_every_choice_and_ending_on_the_page(site, new_page, module):
    p = new_page()
    page = p.page
    page.goto(f"{site}/book/{module}/scenarios.html")
    for s in sorted((s for s in SCENARIOS.values() if f"module{s['module']}" == module), key=lambda s: s["id"]):
        region = page.locator(f'[data-coursekit-scenario="{s["id"]}"] .ck-scenario')
        nodes = {n["id"]: n for n in s["nodes"]}
        for route in routes(s):
            region.get_by_role("button", name="Begin").click()
            for node_id, index in route:
                choice = nodes[node_id]["choices"][index]
                region.locator(".ck-choice").nth(index).click()
                live = region.locator('[aria-live="polite"]')
                assert live.locator(".ck-chose").inner_text() == f"You chose: {choice['text']}"
                assert live.locator(".ck-reading a").get_attribute("href").endswith(f"reading.html#{choice['reading']}")
                region.get_by_role("button", name="See how it ends" if choice["next"] not in nodes else "Continue").click()
            ending = expected_ending(s, route)
            assert region.locator(".ck-title").inner_text() == f"Ending: {ending['title']}"
            assert region.locator(".ck-questions li").count() == len(ending["questions"])
            region.get_by_role("button", name="Play again").click()
    assert p.errors == []
    assert p.foreign_requests(site) == []
