"""The course's content meets the numbers the exercises issue sets, in every module."""

from __future__ import annotations

import subprocess
from collections import defaultdict

import pytest
from support.env import ROOT

from coursekit.content import load_all, module_titles
from coursekit.readings import reading_sections

MODULES = list(module_titles())
SCENARIOS, REFLECTIONS = load_all()
SECTIONS = reading_sections()


def by_module():
    grouped = defaultdict(list)
    for s in SCENARIOS.values():
        grouped[f"module{s.module}"].append(s)
    return grouped


@pytest.mark.parametrize("module", MODULES)
def test_scenario_counts(module):
    scenarios = by_module()[module]
    assert len(scenarios) >= 4, f"{module}: {len(scenarios)} scenarios"
    for s in scenarios:
        where = s.source
        assert len(s.nodes) >= 2, f"{where}: {len(s.nodes)} decision points"
        assert all(len(n.choices) >= 3 for n in s.nodes), where
        assert len(s.endings) >= 2, f"{where}: {len(s.endings)} endings"
        for e in s.endings:
            debriefs = [e.debrief] if isinstance(e.debrief, str) else [v.text for v in e.debrief]
            assert all(d.strip() for d in debriefs) and len(e.questions) >= 2, (
                f"{where}: ending {e.id}"
            )
        for n in s.nodes:
            for c in n.choices:
                assert c.reading, (
                    f"{where}: node {n.id} choice '{c.text}' links to no reading section"
                )
                assert SECTIONS[c.reading].doc == f"book/{module}/reading", (
                    f"{where}: '{c.reading}' is not a section of the {module} reading"
                )


@pytest.mark.parametrize("module", MODULES)
def test_reflection_counts_and_rubrics(module):
    prompts = REFLECTIONS[module].prompts
    assert len(prompts) >= 3, f"{module}: {len(prompts)} prompts"
    for p in prompts:
        assert len(p.rubric) >= 3, p.id
        assert all(len(c.levels) >= 3 for c in p.rubric), p.id
        assert sum(max(lv.points for lv in c.levels) for c in p.rubric) == p.points, p.id
        assert len(p.exemplar.split()) >= 100, p.id


def test_settings_are_varied():
    settings = {s.setting for s in SCENARIOS.values()}
    assert {
        "work",
        "school",
        "online",
        "friends and family",
        "organizing and protest",
        "community group",
    } <= settings


def test_no_sentence_of_the_seeds_is_reused():
    tool = ROOT.parent / "shared" / "tools" / "originality"
    if not tool.exists():
        pytest.skip("../shared/tools/originality is not beside this checkout")
    proc = subprocess.run([str(tool), str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:]
