"""The path semantics (coursekit.content.paths) against the shared cases that the JS player's
node tests run too (tests/fixtures/path-cases.json), and the loader's author form → player form."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, good_scenario, write_scenario

from coursekit.content import load_scenario
from coursekit.content.paths import all_paths, normalize, walk
from coursekit.player import normalize_scenario

SHARED = json.loads((FIXTURES / "path-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", SHARED["cases"], ids=[c["name"] for c in SHARED["cases"]])
def test_shared_path_case(case):
    got = walk(SHARED["scenario"], case["path"])
    assert got == case["expect"]


def test_normalizing_is_idempotent_and_gives_the_player_form():
    assert normalize(SHARED["scenario"]) == SHARED["scenario"]
    s = normalize(good_scenario())
    choice = s["nodes"][0]["choices"][0]
    assert choice["feedback"] == [{"when": [], "text": "F1"}]
    assert choice["next"] == [{"when": [], "next": "b"}]
    assert choice["remember"] == [] and choice["reading"] is None and s["nodes"][0]["ask"] is None
    author = {"when": "spoke-up", "text": "x"}
    assert normalize(
        {
            **good_scenario(),
            "endings": [{**good_scenario()["endings"][0], "text": [author, {"text": "y"}]}],
        }
    )["endings"][0]["text"] == [{"when": ["spoke-up"], "text": "x"}, {"when": [], "text": "y"}]


def test_every_distinct_path_is_listed_once():
    paths = all_paths(SHARED["scenario"])
    assert len(paths) == len({tuple(p) for p in paths})
    # first: 3 choices; two lead to `second` (3 choices each), one straight to an ending.
    assert len(paths) == 2 * 3 + 1
    ends = {
        walk(SHARED["scenario"], [{"node": n, "choice": c} for n, c in p])["here"] for p in paths
    }
    assert ends == {"warm-end", "mixed-end", "cold-end", "quiet-end"}


def test_the_loader_turns_author_yaml_into_the_shared_form(tmp_path):
    """The same scenario written as an author would (strings, `when` as one fact) loads and
    normalizes to exactly the scenario the shared cases use: Python and JS play the same data."""
    path = write_scenario(
        tmp_path, (FIXTURES / "memory-scenario.yml").read_text(encoding="utf-8"), "t-memory.yml"
    )
    normal = normalize_scenario(load_scenario(path))
    assert {k: normal[k] for k in SHARED["scenario"]} == SHARED["scenario"]
