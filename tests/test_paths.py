"""The path semantics (coursekit.content.paths) against the shared cases that the JS player's
node tests run too (tests/fixtures/path-cases.json), and the loader's author form → player form."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from support.content import good_scenario, memory_scenario, scenario_model, write_scenario
from support.env import FIXTURES

from coursekit.content import load_scenario
from coursekit.content.paths import all_paths, walk
from coursekit.player import normalize_scenario

SHARED = json.loads((FIXTURES / "path-cases.json").read_text(encoding="utf-8"))
MEMORY = memory_scenario()  # the same scenario as SHARED's, as an author writes it


@pytest.mark.parametrize("case", SHARED["cases"], ids=[c["name"] for c in SHARED["cases"]])
def test_shared_path_case(case):
    got = walk(MEMORY.play, case["path"])
    assert asdict(got) == case["expect"]


def test_the_player_form_has_every_text_as_variants():
    s = scenario_model(good_scenario()).play
    choice = s.nodes[0].choices[0]
    assert [v.model_dump() for v in choice.feedback] == [{"when": [], "text": "F1"}]
    assert [v.model_dump() for v in choice.next] == [{"when": [], "next": "b"}]
    assert choice.remember == [] and choice.reading is None and s.nodes[0].ask is None
    author = {"when": "spoke-up", "text": "x"}
    varied = scenario_model(
        {
            **good_scenario(),
            "endings": [{**good_scenario()["endings"][0], "text": [author, {"text": "y"}]}],
        }
    )
    assert [v.model_dump() for v in varied.play.endings[0].text] == [
        {"when": ["spoke-up"], "text": "x"},
        {"when": [], "text": "y"},
    ]


def test_the_player_form_is_made_once_per_scenario():
    s = scenario_model(good_scenario())
    assert s.play is s.play
    retitled = s.model_copy(update={"title": "Another title"})
    assert retitled.play.title == "Another title" and s.play.title != "Another title"


def test_every_distinct_path_is_listed_once():
    paths = all_paths(MEMORY.play)
    assert len(paths) == len({tuple(p) for p in paths})
    # first: 3 choices; two lead to `second` (3 choices each), one straight to an ending.
    assert len(paths) == 2 * 3 + 1
    ends = {walk(MEMORY.play, [{"node": n, "choice": c} for n, c in p]).here for p in paths}
    assert ends == {"warm-end", "mixed-end", "cold-end", "quiet-end"}


def test_the_loader_turns_author_yaml_into_the_shared_form(tmp_path):
    """The same scenario written as an author would (strings, `when` as one fact) loads and
    normalizes to exactly the scenario the shared cases use: Python and JS play the same data."""
    path = write_scenario(
        tmp_path, (FIXTURES / "memory-scenario.yml").read_text(encoding="utf-8"), "t-memory.yml"
    )
    normal = normalize_scenario(load_scenario(path))
    assert {k: normal[k] for k in SHARED["scenario"]} == SHARED["scenario"]
