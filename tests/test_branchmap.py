"""The authors' page: a Graphviz map of each scenario with every path as its text alternative."""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from playwright.sync_api import expect
from support.browser import NO_TRANSITIONS, axe_violations
from support.content import good_scenario
from support.roots import sphinx_build

# axe must see colors at rest, not halfway through the theme's fade into dark mode.

CONF = 'extensions = ["myst_parser", "coursekit.sphinx"]\nhtml_theme = "alabaster"\n'
PAYLOAD = '<script>alert(1)</script> "q" \\N <img src=x onerror=alert(2)>'


def test_map_and_paths_show_content_as_text(tmp_path):
    data = copy.deepcopy(good_scenario())
    data["title"] = f"Title {PAYLOAD}"
    data["nodes"][0]["text"] = f"Node {PAYLOAD}"
    data["nodes"][0]["choices"][0]["text"] = f"Choice {PAYLOAD}"
    data["endings"][0]["title"] = f"End {PAYLOAD}"
    src = tmp_path / "src"
    (src / "exercises" / "scenarios" / "module1").mkdir(parents=True)
    (src / "book").mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(
        "# Authors\n\n```{branch-map} module1\n```\n\n```{scenario} m1-test\n```\n"
    )
    (src / "exercises" / "scenarios" / "module1" / "m1-test.yml").write_text(yaml.safe_dump(data))
    out = tmp_path / "html"
    sphinx_build(src, out)
    page = (out / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and 'aria-label="Map of “Title' in svg
    assert "<script" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
    assert "Ending: End &lt;script&gt;" in svg and "choice 1" in svg
    details = re.search(r'<details class="ck-paths">.*?</details>', page, re.S).group(0)
    assert "<script" not in details and "<img" not in details
    assert "Choice 1 of 3: Choice &lt;script&gt;alert(1)&lt;/script&gt;" in details
    assert details.count("<h3>Path ") == 7  # a→b (3 ways on) twice, and a→end-1


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_authors_page_maps_every_scenario_accessibly(site, new_page, scenarios, mode):
    p = new_page()
    p.page.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    p.page.add_init_script(NO_TRANSITIONS)
    p.page.goto(f"{site}/book/authors.html")
    expect(p.page.locator("html")).to_have_attribute("data-theme", mode)
    maps = p.page.locator('svg.ck-branch-map[role="img"]')
    assert maps.count() == len(scenarios)
    assert p.page.locator("details.ck-paths summary").count() == len(scenarios)
    assert axe_violations(p.page) == []
    p.page.locator("details.ck-paths summary").first.click()
    assert axe_violations(p.page) == []
    assert p.errors == [] and p.dialogs == [] and p.foreign_requests(site) == []
