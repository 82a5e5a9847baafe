"""`python -m coursekit check` as an author runs it on a course: warnings while drafting, errors
under --strict, a broken checks.yml named with its field, and agreement with the independent
walker ../shared/tools/scenario-structure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.content import write_scenario
from support.env import ROOT
from support.teaching import fixed_by_last, inert, model_first, teaching


def coursekit(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coursekit", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"COURSEKIT_ROOT": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_check_warns_and_strict_fails(tmp_path):
    root = tmp_path / "course"
    write_scenario(root / "exercises", teaching(), name="m1-teach.yml")
    ok = coursekit(root, "check", "--strict")
    assert ok.returncode == 0 and ok.stderr == "", ok.stderr
    assert "m1-teach: 9 paths; ending fixed by the last decision: no" in ok.stdout
    write_scenario(root / "exercises", model_first(teaching()), name="m1-teach.yml")
    drafting = coursekit(root, "check")
    assert drafting.returncode == 0 and "warnings (errors under --strict)" in drafting.stdout
    assert drafting.stderr.count("warning: ") == 3 and "Traceback" not in drafting.stderr
    strict = coursekit(root, "check", "--strict")
    assert strict.returncode == 1 and strict.stderr.count("error: ") == 3
    assert "FAILED (--strict): 3 problems" in strict.stderr
    (root / "exercises" / "checks.yml").write_text("marker_word: [ask]\n", encoding="utf-8")
    broken = coursekit(root, "check")
    assert broken.returncode == 1 and broken.stderr.strip() == (
        f"{root / 'exercises' / 'checks.yml'}: marker_word: unknown field (did you mean "
        "marker_words?) (line 1)"
    )


def test_check_agrees_with_the_independent_walker(tmp_path):
    """../shared/tools/scenario-structure reads the YAML by itself: on scenarios built each way,
    it and `coursekit check` agree on "fixed by the last decision" and on whether an earlier
    decision changes the route."""
    tool = ROOT.parent / "shared" / "tools" / "scenario-structure"
    if not tool.exists():
        pytest.skip("../shared/tools/scenario-structure is not beside this checkout")
    root = tmp_path / "course"
    built = (
        ("m1-teach", teaching()),
        ("m1-fixed", fixed_by_last(teaching())),
        ("m1-inert", inert(teaching())),
    )
    for name, data in built:
        write_scenario(root / "exercises", {**data, "id": name}, name=f"{name}.yml")
    walker = subprocess.run([tool, root], capture_output=True, text=True, check=True).stdout
    theirs = {
        row.split(":")[0]: ("fixed-by-last-decision=True" in row, "changes-route=True" in row)
        for row in walker.splitlines()
        if "paths=" in row
    }
    ours = {
        row.split(":")[0]: ("by the last decision: yes" in row, "later: none" not in row)
        for row in coursekit(root, "check").stdout.splitlines()
        if "paths;" in row
    }
    assert (
        ours
        == theirs
        == {
            "m1-fixed": (True, True),
            "m1-inert": (True, False),
            "m1-teach": (False, True),
        }
    )


def test_text_an_edit_left_broken_is_named_with_its_line(tmp_path):
    """A double space where a sentence was cut, ", ." where a clause went missing and a word
    said twice are errors under --strict, each with its file, field and line; quoted speech
    may repeat a word."""
    root = tmp_path / "course"
    data = teaching()
    data["nodes"][0]["choices"][0]["feedback"] = "The rota was yours, . She noticed.  Then left."
    data["nodes"][0]["text"] = 'Kai writes "sorry sorry" and then the the rota is due.'
    path = write_scenario(root / "exercises", data, name="m1-teach.yml")
    strict = coursekit(root, "check", "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr, strict.stderr
    errors = [line for line in strict.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, strict.stderr
    feedback = f"error: {path}: nodes[0].choices[0].feedback: "
    assert any(e.startswith(feedback + "punctuation with nothing between") for e in errors)
    assert any(e.startswith(feedback + "two spaces inside a line") for e in errors)
    assert any(
        e.startswith(f"error: {path}: nodes[0].text: a word said twice: ") and "the the" in e
        for e in errors
    ), errors
    assert all(re.search(r"\(line \d+\)$", e) for e in errors), errors
