"""Scenarios that remember (format 2): facts, conditions and variants, and what the loader
checks about them."""

from __future__ import annotations

import copy

import pytest
from support.content import content_problems as problems_of
from support.content import good_scenario
from support.content import write_scenario as write

from coursekit.content import load_scenario

GOOD = good_scenario()


def remembering(**changes):
    data = copy.deepcopy(GOOD)
    data["nodes"][0]["choices"][0]["remember"] = ["spoke-up"]
    data["endings"][0]["text"] = [
        {"when": "spoke-up", "text": "You spoke."},
        {"text": "You did not."},
    ]
    for fn in changes.values():
        fn(data)
    return data


def test_variants_and_facts_load(tmp_path):
    s = load_scenario(write(tmp_path, remembering()))
    assert s.endings[0].text[0].model_dump() == {"when": "spoke-up", "text": "You spoke."}
    assert s.nodes[0].choices[0].remember == ["spoke-up"]
    assert s.play.endings[0].text[0].when == ["spoke-up"]


FACT_PROBLEMS = [
    (
        "fact never set",
        lambda d: d["endings"][0]["text"][0].update(when="not asked"),
        "endings[0].text[0].when: fact 'asked' is remembered by no choice",
    ),
    (
        "fact set but unused",
        lambda d: d["nodes"][0]["choices"][1].update(remember="waited"),
        "nodes[0].choices[1].remember: fact 'waited' is used by no condition",
    ),
    (
        "fact used before it is set",
        lambda d: d["nodes"][0].update(
            text=[{"when": "spoke-up", "text": "?"}, {"text": "First."}]
        ),
        "nodes[0].text[0].when: fact 'spoke-up' is remembered on no path before this point",
    ),
    (
        "no default variant",
        lambda d: d["endings"][0]["text"][1].update(when="not spoke-up"),
        "endings[0].text: the last variant must have no 'when'",
    ),
    (
        "default not last",
        lambda d: d["endings"][0]["text"].reverse(),
        "endings[0].text: variant 0 has no 'when'",
    ),
    (
        "bad condition",
        lambda d: d["endings"][0]["text"][0].update(when="spoke up"),
        "endings[0].text[0].when: 'spoke up' must be a fact name",
    ),
    (
        "conditional next to nowhere",
        lambda d: d["nodes"][0]["choices"][0].update(
            next=[{"when": "spoke-up", "next": "nowhere"}, {"next": "b"}]
        ),
        "nodes[0].choices[0].next[0].next: 'nowhere' is not the id of a node or an ending",
    ),
    (
        "misspelled variant key",
        lambda d: d["endings"][0]["text"][0].update(wen="x"),
        "endings[0].text[0].wen: unknown field (did you mean when?)",
    ),
]


@pytest.mark.parametrize("name,change,expected", FACT_PROBLEMS, ids=[f[0] for f in FACT_PROBLEMS])
def test_fact_and_variant_problems(tmp_path, name, change, expected):
    path = write(tmp_path, remembering(change=change))
    problems = problems_of(path)
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_conditions_that_never_lead_somewhere(tmp_path):
    data = remembering(
        change=lambda d: d["nodes"][0]["choices"][1].update(
            next=[{"when": "spoke-up", "next": "end-2"}, {"next": "b"}]
        )
    )
    data["nodes"][0]["choices"][0]["next"] = "b"
    for c in data["nodes"][1]["choices"]:
        c["next"] = "end-1"
    problems = problems_of(write(tmp_path, data))
    assert any("'end-2' is reached on no path" in p for p in problems), problems
