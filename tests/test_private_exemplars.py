"""An instructor's own exemplars (exercises/reflections-private/): they replace the open
repository's in the source notebooks and the instructors' copy of the book, never reach the
release, the public book or git, and a broken file is named with its field."""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest
from support.content import copy_course
from support.env import BIN, ROOT, coursekit, run

from coursekit.content import EXERCISES
from coursekit.grading import load_module

pytestmark = pytest.mark.slow
MODULE = "module1"
PROMPTS = load_module(EXERCISES, MODULE).prompts
MINE = "My own exemplar: the ally asks the tenants which repairs matter most, then follows."
PRIVATE = f"prompts:\n  - id: {PROMPTS[0].id}\n    exemplar: |\n      {MINE}\n"


def answer_cells(path):
    nb = nbformat.read(path, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def test_own_exemplars_replace_the_courses_in_the_source_and_never_reach_the_release(tmp_path):
    course = copy_course(tmp_path / "exercises")
    (course / "reflections-private").mkdir()
    (course / "reflections-private" / f"{MODULE}.yml").write_text(PRIVATE)
    made = coursekit("sources", cwd=course)
    assert made.returncode == 0, made.stderr
    assert f"wrote {course / 'source' / MODULE / (MODULE + '.ipynb')}" in made.stdout
    assert "1 of its exemplars are your own (reflections-private/)" in made.stdout
    assert "never commit or publish it" in made.stdout
    cells = answer_cells(course / "source" / MODULE / f"{MODULE}.ipynb")
    first = PROMPTS[0].exemplar.strip().splitlines()[0]
    assert MINE in cells[PROMPTS[0].id] and first not in cells[PROMPTS[0].id]
    assert PROMPTS[1].exemplar.strip().splitlines()[0] in cells[PROMPTS[1].id]
    # The repository's own source notebooks are untouched: the command wrote in the course folder.
    assert MINE not in (EXERCISES / "source" / MODULE / f"{MODULE}.ipynb").read_text()
    run([BIN / "nbgrader", "generate_assignment", MODULE], cwd=course, timeout=300)
    assert MINE not in (course / "release" / MODULE / f"{MODULE}.ipynb").read_text()


def test_git_ignores_the_private_folder():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", f"exercises/reflections-private/{MODULE}.yml"], cwd=ROOT
    )
    assert ignored.returncode == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "prompts:\n  - id: m1-nothing\n    exemplar: x\n",
            "reflections-private/module1.yml: prompts[0].id: 'm1-nothing' is no prompt of module1",
        ),
        (
            f"prompts:\n  - id: {PROMPTS[0].id}\n    exemplr: x\n",
            "reflections-private/module1.yml: prompts[0].exemplr:",
        ),
        ("- just a list\n", "reflections-private/module1.yml: file:"),
    ],
)
def test_a_broken_private_file_is_named_with_its_field_and_nothing_is_written(
    tmp_path, text, expected
):
    course = copy_course(tmp_path / "exercises")
    (course / "reflections-private").mkdir()
    (course / "reflections-private" / f"{MODULE}.yml").write_text(text)
    before = (course / "source" / MODULE / f"{MODULE}.ipynb").read_bytes()
    made = coursekit("sources", cwd=course)
    assert made.returncode == 1 and expected in made.stderr, made.stderr
    assert "Traceback" not in made.stderr
    assert (course / "source" / MODULE / f"{MODULE}.ipynb").read_bytes() == before


CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
exclude_patterns = ["exercises"]
"""


def test_the_instructors_book_shows_own_exemplars_and_the_public_book_none(tmp_path):
    src = tmp_path / "src"
    (src / "exercises" / "reflections-private").mkdir(parents=True)
    shutil.copytree(EXERCISES / "reflections", src / "exercises" / "reflections")
    shutil.copy(EXERCISES / "course.yml", src / "exercises" / "course.yml")
    (src / "exercises" / "reflections-private" / f"{MODULE}.yml").write_text(PRIVATE)
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(
        f"# Rubrics\n\n```{{rubrics}} {MODULE}\n```\n\n```{{toctree}}\n:hidden:\nlearners\n```\n"
    )
    modules = sorted(p.stem for p in (EXERCISES / "reflections").glob("*.yml"))
    (src / "learners.md").write_text(
        "# Prompts\n\n" + "".join(f"```{{reflections}} {m}\n```\n\n" for m in modules)
    )
    pages = {}
    for name, flag in (("public", ""), ("instructors", "1")):
        run(
            [BIN / "sphinx-build", "-W", "-q", "-b", "html", src, tmp_path / name],
            env={"COURSEKIT_EXEMPLARS": flag},
        )
        pages[name] = (tmp_path / name / "index.html").read_text(encoding="utf-8")
    assert MINE in pages["instructors"] and MINE not in pages["public"]
    first = PROMPTS[0].exemplar.strip().split("\n")[0][:60]
    assert first not in pages["instructors"], "the course's exemplar is replaced"
