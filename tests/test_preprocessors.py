"""The course's nbgrader preprocessors refuse a broken reflection file loudly: grading stops
and the problem is named (file: field: reason), rather than grading with no rubric and no
answers matched. On the preprocessors themselves, and through `nbgrader autograde`, the
command formgrader's button runs."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
import yaml
from support.env import BIN, ROOT, run

from coursekit.content import ContentError
from coursekit.grading.preprocessors import MatchAnswersByPrompt, ShowForGraders

MODULE = "module1"


def break_reflections(course):
    """The first prompt's points no longer add up to its rubric's: a problem the loader names."""
    path = course / "reflections" / f"{MODULE}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["prompts"][0]["points"] += 1
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("preprocessor", [MatchAnswersByPrompt, ShowForGraders])
def test_a_broken_reflection_file_stops_each_preprocessor(tmp_path, preprocessor):
    course = tmp_path / "exercises"
    (course / "reflections").mkdir(parents=True)
    shutil.copy(
        ROOT / "exercises" / "reflections" / f"{MODULE}.yml",
        course / "reflections" / f"{MODULE}.yml",
    )
    path = break_reflections(course)
    nb = nbformat.v4.new_notebook()
    resources = {"nbgrader": {"assignment": MODULE, "notebook": MODULE}}
    with pytest.raises(ContentError) as info:
        preprocessor(course_root=str(course)).preprocess(nb, resources)
    assert f"{path} is broken; no submission of {MODULE} is graded" in info.value.problems[0]
    assert any(
        p.startswith(f"{path}: prompts[0].rubric: criteria add up to") for p in info.value.problems
    )


@pytest.mark.slow
def test_nbgrader_autograde_refuses_while_the_reflection_file_is_broken(nbgrader_course, tmp_path):
    course = tmp_path / "exercises"
    shutil.copytree(nbgrader_course, course)
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    for cell in release.cells:
        if cell.metadata["nbgrader"]["solution"]:
            cell.source = "My answer."
    handed_in = course / "submitted" / "ana" / MODULE / f"{MODULE}.ipynb"
    handed_in.parent.mkdir(parents=True)
    handed_in.write_text(json.dumps(release), encoding="utf-8")
    path = break_reflections(course)
    proc = run([BIN / "nbgrader", "autograde", MODULE], cwd=course, check=False, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert f"{path} is broken; no submission of {MODULE} is graded" in out, out[-3000:]
    assert "prompts[0].rubric: criteria add up to" in out
    assert not (course / "autograded" / "ana" / MODULE / f"{MODULE}.ipynb").exists()


def test_a_class_run_reads_the_reflection_file_once_and_sees_an_edit(tmp_path, monkeypatch):
    """Every submission of a run goes through both preprocessors: the file is parsed once per
    run, not twice per submission; an edited file (a long-lived formgrader) is read again."""
    import coursekit.grading.preprocessors as pre

    course = tmp_path / "exercises"
    (course / "reflections").mkdir(parents=True)
    path = course / "reflections" / f"{MODULE}.yml"
    shutil.copy(ROOT / "exercises" / "reflections" / f"{MODULE}.yml", path)
    parsed = []
    original = pre.load_reflections
    monkeypatch.setattr(pre, "load_reflections", lambda p: (parsed.append(p), original(p))[1])
    resources = {"nbgrader": {"assignment": MODULE, "notebook": MODULE}}
    for _ in range(5):
        for preprocessor in (MatchAnswersByPrompt, ShowForGraders):
            preprocessor(course_root=str(course)).preprocess(nbformat.v4.new_notebook(), resources)
    assert len(parsed) == 1
    break_reflections(course)
    with pytest.raises(ContentError):
        ShowForGraders(course_root=str(course)).preprocess(nbformat.v4.new_notebook(), resources)
    assert len(parsed) == 2
