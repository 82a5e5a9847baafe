"""The content loader: valid files load, broken ones give `path: field: reason`."""
from __future__ import annotations

import copy
import subprocess
import sys

import pytest
import yaml

from coursekit.schema import ContentError, load_all, load_reflections, load_scenario

from conftest import ROOT

GOOD = {
    "id": "m1-test",
    "title": "A test",
    "module": 1,
    "goal": "Practise.",
    "opening": "You arrive.",
    "nodes": [
        {"id": "a", "text": "First.", "choices": [
            {"text": "One", "feedback": "F1", "next": "b"},
            {"text": "Two", "feedback": "F2", "next": "b"},
            {"text": "Three", "feedback": "F3", "next": "end-1"},
        ]},
        {"id": "b", "text": "Second.", "choices": [
            {"text": "One", "feedback": "F1", "next": "end-1"},
            {"text": "Two", "feedback": "F2", "next": "end-2"},
            {"text": "Three", "feedback": "F3", "next": "end-2"},
        ]},
    ],
    "endings": [
        {"id": "end-1", "title": "E1", "text": "T", "debrief": "D", "questions": ["Q1", "Q2"]},
        {"id": "end-2", "title": "E2", "text": "T", "debrief": "D", "questions": ["Q1", "Q2"]},
    ],
}


def write(tmp_path, data, name="m1-test.yml", folder="module1"):
    path = tmp_path / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def problems_of(path, loader=load_scenario):
    with pytest.raises(ContentError) as info:
        loader(path)
    return info.value.problems


def test_good_scenario_loads(tmp_path):
    s = load_scenario(write(tmp_path, GOOD))
    assert [n["id"] for n in s["nodes"]] == ["a", "b"]
    assert s["nodes"][0]["choices"][2]["next"] == "end-1"


def mutate(fn):
    data = copy.deepcopy(GOOD)
    fn(data)
    return data


BROKEN = [
    ("missing title", lambda d: d.pop("title"), "title: missing"),
    ("empty goal", lambda d: d.update(goal="  "), "goal: must not be empty"),
    ("module as text", lambda d: d.update(module="one"), "module: must be a whole number, got str"),
    ("module out of range", lambda d: d.update(module=7), "module: must be 1, 2, 3 or 4"),
    ("nodes not a list", lambda d: d.update(nodes={"a": 1}), "nodes: must be a list, got dict"),
    ("no nodes", lambda d: d.update(nodes=[]), "nodes: must list at least one decision point"),
    ("no endings", lambda d: d.update(endings=[]), "endings: must list at least one ending"),
    ("empty choices", lambda d: d["nodes"][0].update(choices=[]), "nodes[0].choices: has 0 choices; at least 3"),
    ("two choices", lambda d: d["nodes"][1]["choices"].pop(), "nodes[1].choices: has 2 choices; at least 3"),
    ("choice without feedback", lambda d: d["nodes"][0]["choices"][1].pop("feedback"),
     "nodes[0].choices[1].feedback: missing"),
    ("unknown target", lambda d: d["nodes"][0]["choices"][0].update(next="nowhere"),
     "nodes[0].choices[0].next: 'nowhere' is not the id of a node or an ending"),
    ("duplicate node id", lambda d: d["nodes"][1].update(id="a"), "nodes[1].id: duplicate id 'a'"),
    ("node and ending share id", lambda d: d["endings"][1].update(id="b"), "endings[1].id: duplicate id 'b'"),
    ("unreachable node", lambda d: d["nodes"].append({"id": "lost", "text": "x", "choices": [
        {"text": c, "feedback": "f", "next": "end-1"} for c in "xyz"]}),
     "nodes[2]: 'lost' cannot be reached from the first node"),
    ("unreachable ending", lambda d: [c.update(next="end-1") for n in d["nodes"] for c in n["choices"]],
     "endings: 'end-2' cannot be reached from the first node"),
    ("no ending from a node", lambda d: (d["nodes"][1].update(choices=[
        {"text": c, "feedback": "f", "next": "c"} for c in "xyz"]), d["nodes"].append(
        {"id": "c", "text": "loop", "choices": [{"text": c, "feedback": "f", "next": "b"} for c in "xyz"]})),
     "no ending can be reached from 'b'"),
    ("questions not a list", lambda d: d["endings"][0].update(questions="why?"),
     "endings[0].questions: must be a list, got str"),
    ("bad id", lambda d: d.update(id="M1 Test"), "id: 'M1 Test' must be lowercase letters"),
    ("id does not match file", lambda d: d.update(id="m1-other"), "id: 'm1-other' must match the file name"),
    ("choice not a mapping", lambda d: d["nodes"][0]["choices"].__setitem__(0, "just text"),
     "nodes[0].choices[0]: must be a mapping"),
    ("bad setting", lambda d: d.update(setting="space"), "setting: 'space' is not one of"),
]


@pytest.mark.parametrize("name,change,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_scenario_names_file_and_field(tmp_path, name, change, expected):
    path = write(tmp_path, mutate(change))
    problems = problems_of(path)
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_cycle_is_refused(tmp_path):
    data = mutate(lambda d: d["nodes"][1]["choices"][2].update(next="a"))
    problems = problems_of(write(tmp_path, data))
    assert any("lead round in a circle: a -> b -> a" in p for p in problems), problems


def test_not_yaml_and_not_a_mapping(tmp_path):
    bad = write(tmp_path, "id: [unclosed\n")
    assert any("line" in p and "not valid YAML" in p for p in problems_of(bad))
    listy = write(tmp_path, "- just\n- a list\n")
    assert problems_of(listy) == [f"{listy}: file: must be a YAML mapping of fields"]


def test_module_must_match_folder(tmp_path):
    path = write(tmp_path, GOOD, folder="module2")
    assert any("module: is 1 but the file is in folder 'module2'" in p for p in problems_of(path))


def test_duplicate_scenario_ids_across_files(tmp_path):
    write(tmp_path / "scenarios", GOOD)
    write(tmp_path / "scenarios", mutate(lambda d: d.update(module=2)), folder="module2")
    with pytest.raises(ContentError) as info:
        load_all(tmp_path)
    assert any("duplicate scenario id 'm1-test'" in p for p in info.value.problems)


REFLECTIONS = {
    "module": 1,
    "title": "Module 1 reflections",
    "prompts": [{
        "id": "m1-one", "title": "One", "prompt": "Why?", "points": 4, "words": [100, 200],
        "exemplar": "Because.",
        "rubric": [
            {"criterion": "A", "levels": [{"points": 0, "description": "no"}, {"points": 1, "description": "some"},
                                          {"points": 2, "description": "yes"}]},
            {"criterion": "B", "levels": [{"points": 0, "description": "no"}, {"points": 1, "description": "some"},
                                          {"points": 2, "description": "yes"}]},
        ],
    }],
}


def test_good_reflections_load(tmp_path):
    r = load_reflections(write(tmp_path, REFLECTIONS, name="module1.yml", folder="reflections"))
    assert r["prompts"][0]["rubric"][1]["max"] == 2


@pytest.mark.parametrize("change,expected", [
    (lambda p: p.update(points=5), "prompts[0].rubric: criteria add up to 4 points but the prompt is worth 5"),
    (lambda p: p.update(words=[300, 100]), "prompts[0].words: must be [min, max]"),
    (lambda p: p.pop("exemplar"), "prompts[0].exemplar: missing"),
    (lambda p: p["rubric"][0]["levels"].reverse(), "prompts[0].rubric[0].levels: points must rise"),
    (lambda p: p["rubric"][1].update(levels=[{"points": 2, "description": "x"}]),
     "prompts[0].rubric[1].levels: must describe at least two levels"),
    (lambda p: p["rubric"][0]["levels"][0].update(points="zero"),
     "prompts[0].rubric[0].levels[0].points: must be a whole number"),
])
def test_broken_reflections(tmp_path, change, expected):
    data = copy.deepcopy(REFLECTIONS)
    change(data["prompts"][0])
    path = write(tmp_path, data, name="module1.yml", folder="reflections")
    problems = problems_of(path, load_reflections)
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_check_command_reports_without_traceback(tmp_path, monkeypatch):
    """`python -m coursekit check` on the real course passes; its failure output is plain."""
    proc = subprocess.run([sys.executable, "-m", "coursekit", "check"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: ")
    assert "Traceback" not in proc.stderr
