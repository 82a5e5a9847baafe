"""The content loader: valid files load, broken ones give `path: field: reason (line N)`."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys

import pytest
import yaml
from support.content import content_problems as problems_of
from support.content import course_folder, good_scenario, tiny_reflections
from support.content import write_scenario as write
from support.env import ROOT

from coursekit.content import ContentError, load_all, load_course, load_reflections, load_scenario

GOOD = good_scenario()
REFLECTIONS = tiny_reflections()


def test_good_scenario_loads(tmp_path):
    s = load_scenario(write(tmp_path, GOOD))
    assert [n.id for n in s.nodes] == ["a", "b"]
    assert s.nodes[0].choices[2].next == "end-1"
    assert s.nodes[0].choices[0].reading is None
    assert s.source == str(write(tmp_path, GOOD))


def mutate(fn):
    data = copy.deepcopy(GOOD)
    fn(data)
    return data


BROKEN = [
    ("missing title", lambda d: d.pop("title"), "title: missing"),
    ("empty goal", lambda d: d.update(goal="  "), "goal: must not be empty"),
    ("invisible goal", lambda d: d.update(goal="\u200b\u2060\ufeff "), "goal: must not be empty"),
    ("module as text", lambda d: d.update(module="one"), "module: must be a whole number, got str"),
    ("module out of range", lambda d: d.update(module=7), "module: must be one of 1, 2, 3, 4"),
    ("nodes not a list", lambda d: d.update(nodes={"a": 1}), "nodes: must be a list, got dict"),
    ("no nodes", lambda d: d.update(nodes=[]), "nodes: must list at least one decision point"),
    ("no endings", lambda d: d.update(endings=[]), "endings: must list at least one ending"),
    (
        "empty choices",
        lambda d: d["nodes"][0].update(choices=[]),
        "nodes[0].choices: has 0 choices; at least 3",
    ),
    (
        "two choices",
        lambda d: d["nodes"][1]["choices"].pop(),
        "nodes[1].choices: has 2 choices; at least 3",
    ),
    (
        "choice without feedback",
        lambda d: d["nodes"][0]["choices"][1].pop("feedback"),
        "nodes[0].choices[1].feedback: missing",
    ),
    (
        "misspelled node key",
        lambda d: d["nodes"][0].update(choice="x"),
        "nodes[0].choice: unknown field (did you mean choices?)",
    ),
    (
        "key of another level",
        lambda d: d["nodes"][0].update(content_note="x"),
        "nodes[0].content_note: unknown field (allowed: ask, choices, id, text)",
    ),
    (
        "misspelled top key",
        lambda d: d.update(content_notes="never shown"),
        "content_notes: unknown field (did you mean content_note?)",
    ),
    (
        "misspelled choice key",
        lambda d: d["nodes"][0]["choices"][0].update(readng="m1-x"),
        "nodes[0].choices[0].readng: unknown field (did you mean reading?)",
    ),
    (
        "unknown target",
        lambda d: d["nodes"][0]["choices"][0].update(next="nowhere"),
        "nodes[0].choices[0].next: 'nowhere' is not the id of a node or an ending",
    ),
    ("duplicate node id", lambda d: d["nodes"][1].update(id="a"), "nodes[1].id: duplicate id 'a'"),
    (
        "node and ending share id",
        lambda d: d["endings"][1].update(id="b"),
        "endings[1].id: duplicate id 'b'",
    ),
    (
        "unreachable node",
        lambda d: d["nodes"].append(
            {
                "id": "lost",
                "text": "x",
                "choices": [{"text": c, "feedback": "f", "next": "end-1"} for c in "xyz"],
            }
        ),
        "nodes[2]: 'lost' cannot be reached from the first node",
    ),
    (
        "unreachable ending",
        lambda d: [c.update(next="end-1") for n in d["nodes"] for c in n["choices"]],
        "endings: 'end-2' cannot be reached from the first node",
    ),
    (
        "no ending from a node",
        lambda d: (
            d["nodes"][1].update(
                choices=[{"text": c, "feedback": "f", "next": "c"} for c in "xyz"]
            ),
            d["nodes"].append(
                {
                    "id": "c",
                    "text": "loop",
                    "choices": [{"text": c, "feedback": "f", "next": "b"} for c in "xyz"],
                }
            ),
        ),
        "no ending can be reached from 'b'",
    ),
    (
        "questions not a list",
        lambda d: d["endings"][0].update(questions="why?"),
        "endings[0].questions: must be a list, got str",
    ),
    ("bad id", lambda d: d.update(id="M1-Test"), "id: 'M1-Test' must be lowercase letters"),
    (
        "id with a space",
        lambda d: d["nodes"][0].update(id="a "),
        "nodes[0].id: 'a ' contains a space",
    ),
    (
        "id does not match file",
        lambda d: d.update(id="m1-other"),
        "id: 'm1-other' must match the file name",
    ),
    (
        "choice not a mapping",
        lambda d: d["nodes"][0]["choices"].__setitem__(0, "just text"),
        "nodes[0].choices[0]: must be a mapping",
    ),
    ("bad setting", lambda d: d.update(setting="space"), "setting: 'space' is not one of"),
    (
        "boolean as a number",
        lambda d: d.update(module=True),
        "module: must be a whole number, got bool",
    ),
]


@pytest.mark.parametrize("name,change,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_scenario_names_file_and_field(tmp_path, name, change, expected):
    path = write(tmp_path, mutate(change))
    problems = problems_of(path)
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_problem_names_the_yaml_line(tmp_path):
    text = yaml.safe_dump(GOOD, sort_keys=False).replace(
        "  text: Second.\n", "  text: Second.\n  txet: typo\n"
    )
    path = write(tmp_path, text)
    line = text.splitlines().index("  txet: typo") + 1
    assert problems_of(path) == [
        f"{path}: nodes[1].txet: unknown field (did you mean text?) (line {line})"
    ]


def test_duplicate_yaml_key_is_refused(tmp_path):
    path = write(tmp_path, yaml.safe_dump(GOOD, sort_keys=False) + "title: Again\n")
    (problem,) = problems_of(path)
    assert "duplicate key 'title' (first on line 2)" in problem and problem.startswith(
        f"{path}: line "
    )


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
    write(tmp_path, GOOD)
    write(tmp_path, mutate(lambda d: d.update(module=2)), folder="module2")
    with pytest.raises(ContentError) as info:
        load_all(tmp_path)
    assert any("duplicate scenario id 'm1-test'" in p for p in info.value.problems)


# ---- limits: refused before any work ----------------------------------------------------


def chain(decisions: int) -> dict:
    """A scenario whose every path has ``decisions`` decisions."""
    nodes = [
        {
            "id": f"n{i}",
            "text": "x",
            "choices": [
                {"text": c, "feedback": "f", "next": f"n{i + 1}" if i + 1 < decisions else "end-1"}
                for c in "xyz"
            ],
        }
        for i in range(decisions)
    ]
    nodes[0]["choices"][2]["next"] = "end-2"
    return {**GOOD, "nodes": nodes}


def test_too_many_decisions_on_one_path(tmp_path):
    (problem,) = problems_of(write(tmp_path, chain(995)))
    assert "a path through this scenario has 995 decisions; at most 60" in problem


def test_too_many_paths(tmp_path):
    problems = problems_of(write(tmp_path, chain(8)))  # 2 * 3**7 paths
    assert any("more than 500 distinct paths" in p for p in problems), problems


def test_big_and_deep_files_are_refused_before_parsing(tmp_path):
    big = write(tmp_path, "opening: |\n" + "  words\n" * 40000)
    assert problems_of(big) == [f"{big}: file: is 312 KB; a content file may be at most 256 KB"]
    deep = write(tmp_path, "nodes: " + "[" * 60 + "]" * 60 + "\n")
    (problem,) = problems_of(deep)
    assert "nested deeper than 50 levels" in problem


# ---- reflections and the course --------------------------------------------------------


def write_reflections(tmp_path, data):
    path = course_folder(tmp_path) / "reflections" / "module1.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_good_reflections_load(tmp_path):
    r = load_reflections(write_reflections(tmp_path, REFLECTIONS))
    assert r.prompts[0].rubric[1].max == 2


@pytest.mark.parametrize(
    "change,expected",
    [
        (
            lambda p: p.update(points=5),
            "prompts[0].rubric: criteria add up to 4 points but the prompt is worth 5",
        ),
        (lambda p: p.update(words=[300, 100]), "prompts[0].words: must be [min, max]"),
        (lambda p: p.pop("exemplar"), "prompts[0].exemplar: missing"),
        (
            lambda p: p["rubric"][0]["levels"].reverse(),
            "prompts[0].rubric[0].levels: points must rise",
        ),
        (
            lambda p: p["rubric"][1].update(levels=[{"points": 2, "description": "x"}]),
            "prompts[0].rubric[1].levels: must describe at least two levels",
        ),
        (
            lambda p: p["rubric"][0]["levels"][0].update(points="zero"),
            "prompts[0].rubric[0].levels[0].points: must be a whole number",
        ),
        (
            lambda p: p["rubric"][0].update(critrion="x"),
            "prompts[0].rubric[0].critrion: unknown field (did you mean criterion?)",
        ),
    ],
)
def test_broken_reflections(tmp_path, change, expected):
    data = copy.deepcopy(REFLECTIONS)
    change(data["prompts"][0])
    path = write_reflections(tmp_path, data)
    problems = problems_of(path, load_reflections)
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_course_lists_the_modules_once():
    course = load_course(ROOT / "exercises")
    assert [m.number for m in course.modules] == [1, 2, 3, 4]
    assert all((ROOT / "book" / m.folder).is_dir() for m in course.modules)


def test_broken_course_file(tmp_path):
    (tmp_path / "course.yml").write_text(
        "title: x\nmodules:\n  - {id: module1, number: 1, title: A, foldr: m}\n"
    )
    with pytest.raises(ContentError) as info:
        load_course(tmp_path)
    assert sorted(info.value.problems) == [
        f"{tmp_path / 'course.yml'}: modules[0].folder: missing (line 3)",
        f"{tmp_path / 'course.yml'}: modules[0].foldr: unknown field (did you mean folder?) (line "
        "3)",
    ]


# ---- the command -----------------------------------------------------------------------


def test_check_command_passes_on_the_course_in_strict_mode():
    """The test command holds the course to `coursekit check --strict`: every teaching check
    (consequences, model choices, tells) and every style warning is an error here, so CI fails
    on any of them. An author drafting runs `make check`, where they are warnings."""
    proc = subprocess.run(
        [sys.executable, "-m", "coursekit", "check", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("OK: ")


def test_check_command_failure_is_plain(tmp_path):
    """A broken file: exit 1, the problem as `path: field: reason`, no traceback."""
    shutil.copytree(
        ROOT / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("source")
    )
    broken = tmp_path / "exercises" / "scenarios" / "module1" / "m1-ally-week.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("\ngoal:", "\ngoals:", 1), encoding="utf-8"
    )
    shutil.copytree(ROOT / "book", tmp_path / "book")
    proc = subprocess.run(
        [sys.executable, "-m", "coursekit", "check"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{broken}: goals: unknown field (did you mean goal?)" in proc.stderr
    assert f"{broken}: goal: missing" in proc.stderr


# ---- the JSON Schemas for editors ------------------------------------------------------


def test_committed_editor_schemas_are_current():
    """exercises/schema/ is generated from the models: run `python -m coursekit schema` after
    changing them."""
    from coursekit.content.editor_schema import editor_schemas

    folder = ROOT / "exercises" / "schema"
    assert {
        p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")
    } == editor_schemas()


def test_every_content_file_passes_its_editor_schema():
    import json

    import jsonschema

    folder = ROOT / "exercises"
    schema = {
        name: json.loads((folder / "schema" / f"{name}.schema.json").read_text())
        for name in ("course", "scenario", "reflections")
    }
    files = (
        [("course", folder / "course.yml")]
        + [("scenario", p) for p in folder.glob("scenarios/*/*.yml")]
        + [("reflections", p) for p in folder.glob("reflections/*.yml")]
    )
    for name, path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema[name])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**GOOD, "content_notes": "x"}, schema["scenario"])
