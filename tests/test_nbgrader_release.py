"""The nbgrader course in exercises/, with real nbgrader: source notebooks made from the data,
release versions that leak nothing, validation, damaged submissions named, the JupyterHub
exchange, and the rubrics page with exemplars for instructors only. Every command runs in a
temporary copy."""

from __future__ import annotations

import html
import json
import re
import shutil

import nbformat
import pytest
from support.env import BIN, coursekit, run

from coursekit.content import EXERCISES, module_titles
from coursekit.grading import (
    GRADER_NOTE,
    load_module,
    read_notebook,
    reflection_modules,
    source_notebook,
)
from coursekit.notebook_parts import ANSWER_PLACEHOLDER
from coursekit.textformat import to_markdown

MODULES = reflection_modules()
MODULE = "module1"
PROMPTS = load_module(EXERCISES, MODULE).prompts


def nbgrader_cells(nb):
    return {c.metadata.nbgrader.grade_id: c for c in nb.cells if "nbgrader" in c.metadata}


def exemplar_lines(prompt) -> list[str]:
    return [line.strip() for line in prompt.exemplar.splitlines() if len(line.strip()) >= 20]


# ---------------------------------------------------------------- source and release


@pytest.mark.parametrize("module", MODULES)
def test_committed_source_notebook_matches_the_data(module):
    """Prompts, points and exemplars are never copied by hand into the source notebooks."""
    expected = source_notebook(module, load_module(EXERCISES, module), module_titles()[module])
    committed = nbformat.read(EXERCISES / "source" / module / f"{module}.ipynb", as_version=4)
    strip = lambda nb: [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in nb.cells]
    assert strip(committed) == strip(expected), (
        "run `python -m coursekit sources` and commit the result"
    )


def test_every_module_with_prompts_is_an_assignment():
    data = sorted(p.stem for p in (EXERCISES / "reflections").glob("module*.yml"))
    assert MODULES == data
    assert sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir()) == data


@pytest.mark.parametrize("module", MODULES)
def test_release_holds_locked_prompts_and_graded_answers_but_no_exemplar(nbgrader_course, module):
    source = nbformat.read(nbgrader_course / "source" / module / f"{module}.ipynb", as_version=4)
    release = nbformat.read(nbgrader_course / "release" / module / f"{module}.ipynb", as_version=4)
    cells = nbgrader_cells(release)
    prompts = load_module(EXERCISES, module).prompts
    for p in prompts:
        prompt_cell = cells[f"{p.id}-prompt"]
        assert (
            to_markdown(p.prompt, lists=True) in prompt_cell.source
        )  # as text (coursekit.textformat)
        assert prompt_cell.metadata["nbgrader"]["locked"] is True
        assert (
            prompt_cell.metadata["editable"] is False and prompt_cell.metadata["deletable"] is False
        )
        answer = cells[p.id].metadata["nbgrader"]
        assert (answer["grade"], answer["solution"], answer["points"]) == (True, True, p.points)
        assert cells[p.id].source == ANSWER_PLACEHOLDER
    assert cells["instructions"].metadata["nbgrader"]["locked"] is True

    grader_only = [GRADER_NOTE, "BEGIN SOLUTION", "END SOLUTION", "Exemplar"]
    grader_only += [line for p in prompts for line in exemplar_lines(p)]
    source_text = "\n".join(c.source for c in source.cells)
    assert all(text in source_text for text in grader_only), (
        "the scan looks for text the source holds"
    )
    for i, cell in enumerate(release.cells):
        seen = (
            cell.source
            + json.dumps(cell.get("metadata", {}))
            + json.dumps(cell.get("attachments", {}))
        )
        leaked = [text for text in grader_only if text in seen]
        assert not leaked, f"release cell {i} of {module} holds grader-only text: {leaked[:2]}"
    assert not [t for t in grader_only if t in json.dumps(release.metadata)]


def test_filled_release_copies_validate_and_an_empty_one_does_not(nbgrader_course, tmp_path):
    files = []
    for module in MODULES:
        nb = nbformat.read(nbgrader_course / "release" / module / f"{module}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.metadata["nbgrader"]["solution"]:
                cell.source = f"My answer to {cell.metadata['nbgrader']['grade_id']}."
        nbformat.write(nb, tmp_path / f"{module}.ipynb")
        files.append(tmp_path / f"{module}.ipynb")
    shutil.copy(nbgrader_course / "release" / MODULE / f"{MODULE}.ipynb", tmp_path / "empty.ipynb")
    out = run([BIN / "nbgrader", "validate", *files, tmp_path / "empty.ipynb"], cwd=tmp_path).stdout
    assert out.count("Success! Your notebook passes all the tests.") == len(MODULES), out
    assert (
        f"VALIDATION FAILED ON {len(PROMPTS)} CELL(S)" in out
        and "You did not provide a response" in out
    )


@pytest.mark.parametrize(
    "content,reason",
    [
        ("", "not valid JSON (line 1, column 1"),
        ('{"cells": [', "not valid JSON"),
        ("[1, 2]", "the JSON has no 'cells'"),
        (
            '{"cells": "none", "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
            "not a valid notebook",
        ),
    ],
)
def test_a_damaged_submission_is_named_with_its_reason(tmp_path, content, reason):
    path = tmp_path / "submitted" / "dev" / MODULE / f"{MODULE}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    nb, problem = read_notebook(path, tmp_path)
    assert (
        nb is None
        and problem.startswith(f"submitted/dev/{MODULE}/{MODULE}.ipynb: file: ")
        and reason in problem
    )


# ---------------------------------------------------------------- the class round trip


# ---------------------------------------------------------------- the rubrics page

RUBRICS_CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
exclude_patterns = ["exercises"]
"""


def words(page: str) -> str:
    """The page's text as a reader sees it, with plain quotes and single spaces."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", page)).translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    )
    return " ".join(plain.split())


def plain_fragment(markdown: str) -> str:
    """Twelve words of the first line with no Markdown in it: the same on the page."""
    for line in markdown.splitlines():
        if len(line.split()) >= 12 and not re.search(r"[*_`#>\[\]]|^\s*(\d+\.|-)\s", line):
            return " ".join(line.split()[:12])
    raise AssertionError("no plain line to look for")


@pytest.fixture(scope="module")
def rubrics_site(tmp_path_factory):
    """The course's reflection data on a tiny site: a rubrics page, and the learners' prompts
    (every prompt must be on some page), built as the book is and as `make instructors` does."""
    src = tmp_path_factory.mktemp("rubrics") / "src"
    (src / "exercises").mkdir(parents=True)
    shutil.copytree(EXERCISES / "reflections", src / "exercises" / "reflections")
    shutil.copy(EXERCISES / "course.yml", src / "exercises" / "course.yml")
    (src / "conf.py").write_text(RUBRICS_CONF)
    (src / "index.md").write_text(
        "# Rubrics\n\n```{rubrics}\n```\n\n```{toctree}\n:hidden:\nlearners\n```\n"
    )
    (src / "learners.md").write_text(
        "# Prompts\n\n" + "".join(f"```{{reflections}} {m}\n```\n\n" for m in MODULES)
    )
    pages = {}
    for name, env in (
        ("public", {"COURSEKIT_EXEMPLARS": ""}),
        ("instructors", {"COURSEKIT_EXEMPLARS": "1"}),
    ):
        out = src.parent / name
        run([BIN / "sphinx-build", "-W", "-q", "-b", "html", src, out], env=env)
        pages[name] = words((out / "index.html").read_text(encoding="utf-8"))
    return pages


@pytest.mark.parametrize("module", MODULES)
def test_rubrics_page_shows_every_prompt_criterion_and_level_from_the_data(rubrics_site, module):
    page = rubrics_site["public"]
    assert f"Module {module.removeprefix('module')}: {module_titles()[module]}" in page
    for p in load_module(EXERCISES, module).prompts:
        assert f"{p.title}" in page and f"{p.points} points" in page and f"grade id: {p.id}" in page
        assert plain_fragment(p.prompt) in page
        for c in p.rubric:
            assert f"{' '.join(c.criterion.split())} (up to {c.levels[-1].points})" in page
            for level in c.levels:
                assert " ".join(level.description.split()) in page
        exemplar = plain_fragment(p.exemplar)
        assert exemplar not in page, "the public book never shows an exemplar"
        assert exemplar in rubrics_site["instructors"], "the instructors' copy does"


# ---------------------------------------------------------------- JupyterHub exchange


def test_release_fetch_submit_collect_through_an_exchange(nbgrader_course, tmp_path):
    """On a shared JupyterHub nbgrader moves notebooks through an exchange folder instead of
    an LMS: release, a learner's fetch and submit, collect, then grading as usual."""
    course = tmp_path / "exercises"
    shutil.copytree(nbgrader_course, course)
    exchange, home = tmp_path / "exchange", tmp_path / "learner"
    exchange.mkdir()
    home.mkdir()
    at = [f"--Exchange.root={exchange}"]
    run([BIN / "nbgrader", "release_assignment", MODULE, *at], cwd=course)
    learner = [f"--course={course_id()}", *at]
    run([BIN / "nbgrader", "fetch_assignment", MODULE, *learner], cwd=home)
    fetched = home / MODULE / f"{MODULE}.ipynb"
    nb = nbformat.read(fetched, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "My answer, written after fetching from the exchange."
    nbformat.write(nb, fetched)
    run([BIN / "nbgrader", "submit", MODULE, *learner], cwd=home)
    run([BIN / "nbgrader", "collect", MODULE, *at], cwd=course)
    submitted = list((course / "submitted").glob(f"*/{MODULE}/{MODULE}.ipynb"))
    assert len(submitted) == 1
    assert "My answer, written after fetching" in submitted[0].read_text(encoding="utf-8")
    graded = coursekit("autograde", MODULE, cwd=course)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert f"{len(PROMPTS)} answers to grade by hand" in graded.stdout
    run([BIN / "nbgrader", "generate_feedback", MODULE], cwd=course)
    run([BIN / "nbgrader", "release_feedback", MODULE, *at], cwd=course)
    run([BIN / "nbgrader", "fetch_feedback", MODULE, *learner], cwd=home)
    feedback = list((home / MODULE / "feedback").glob(f"*/{MODULE}.html"))
    assert len(feedback) == 1 and "My answer, written after fetching" in feedback[0].read_text(
        encoding="utf-8"
    )


def course_id() -> str:
    config = (EXERCISES / "nbgrader_config.py").read_text(encoding="utf-8")
    return re.search(r'course_id = "([^"]+)"', config).group(1)
