"""`make build` after a data edit: one Python process writes the notebooks from the data and
builds the book (`coursekit build --notebooks`), and make asks for the notebooks only when
the data or the code that writes them is newer than the last build's stamp."""

from __future__ import annotations

import os
import re
import time

import nbformat
import pytest
import yaml
from support.content import good_scenario, tiny_reflections, write_scenario
from support.env import ROOT, coursekit, run

CONFIG = """title: Fixture
only_build_toc_files: true
exclude_patterns: [".*", "_build", "exercises", "notebooks"]
execute:
  execute_notebooks: "off"
sphinx:
  extra_extensions: [coursekit.sphinx]
  config:
    coursekit_book: "."
    html_show_sourcelink: false
"""


def write(path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def planned(folder) -> str:
    """The `coursekit build` line `make -n build` would run in ``folder``."""
    out = run(["make", "-n", "-s", "-f", ROOT / "Makefile", "build"], cwd=folder).stdout
    return next(line for line in out.splitlines() if "-m coursekit build" in line)


def test_make_asks_for_the_notebooks_only_after_the_data_changed(tmp_path):
    for name in ("exercises/course.yml", "exercises/scenarios/module1/m1-test.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "coursekit").mkdir()
    (tmp_path / "coursekit" / "writer.py").write_text("")
    # the installed environment and packages, as make sees them: up to date
    for name in ("requirements.lock", "pyproject.toml", "package.json", "package-lock.json"):
        (tmp_path / name).write_text("")
    for name in (".venv/.installed", "node_modules/.installed"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text("")
    assert "build --notebooks ." in planned(tmp_path)  # never built: notebooks first
    (tmp_path / "_build").mkdir()
    (tmp_path / "_build" / ".generated").write_text("")
    assert "--notebooks" not in planned(tmp_path)  # a page edit
    for edited in ("exercises/scenarios/module1/m1-test.yml", "coursekit/writer.py"):
        time.sleep(0.02)
        (tmp_path / edited).write_text("# edited\n")
        assert "build --notebooks ." in planned(tmp_path), edited
        time.sleep(0.02)
        (tmp_path / "_build" / ".generated").write_text("")


def test_content_read_once_per_process_is_read_again_once_edited(tmp_path):
    """`coursekit build` loads the content once for the check, the notebooks and the book
    (load_valid, parse_yaml): an edit in the same process is seen, even one of the same size
    made within the file system's clock tick, and what one caller adds to the problems it was
    given is not in the next caller's."""
    from coursekit.content.load import load_valid

    path = write_scenario(tmp_path, {**good_scenario(), "title": "Title A"})
    scenarios, _, problems, _ = load_valid(tmp_path)
    assert scenarios["m1-test"].title == "Title A" and problems == []
    problems.append("a caller's own problem")
    assert load_valid(tmp_path)[2] == []  # unchanged: not read again, and not the caller's list
    mtime = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace("Title A", "Title B"), "utf-8")
    os.utime(path, ns=(mtime, mtime))  # same size, same time: only the text differs
    scenarios, _, problems, _ = load_valid(tmp_path)
    assert scenarios["m1-test"].title == "Title B" and problems == []
    path.write_text("id: m1-test\ntitle: [\n", encoding="utf-8")
    scenarios, _, problems, broken = load_valid(tmp_path)
    assert "m1-test" not in scenarios and broken == {"m1-test"}
    assert any("m1-test.yml: line" in p for p in problems)


def book(tmp_path):
    """A small Jupyter Book with a scenario and reflections, and its course folder."""
    root = tmp_path / "book"
    scenarios = root / "exercises" / "scenarios" / "module1"
    scenarios.mkdir(parents=True)
    (root / "exercises" / "reflections").mkdir()
    (root / "exercises" / "course.yml").write_bytes(
        (ROOT / "exercises" / "course.yml").read_bytes()
    )
    write(scenarios / "m1-test.yml", good_scenario())
    write(root / "exercises" / "reflections" / "module1.yml", tiny_reflections())
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (root / "intro.md").write_text(
        "# Intro\n\n```{scenario} m1-test\n```\n\n```{reflections} module1\n```\n"
    )
    return root, scenarios / "m1-test.yml"


def notebook_text(root) -> str:
    return "\n".join(c.source for c in nbformat.read(root / "notebooks" / "module1.ipynb", 4).cells)


@pytest.mark.slow
def test_one_process_writes_the_notebooks_and_builds_the_book_from_the_edited_data(tmp_path):
    root, scenario = book(tmp_path)
    args = ["build", "--notebooks", ".", "-W", "-n", "--keep-going"]
    env = {"COURSEKIT_ROOT": str(root)}
    coursekit(*args, cwd=root, check=True, env=env)
    assert f"### {good_scenario()['title']}" in notebook_text(root)
    assert (root / "exercises" / "source" / "module1" / "module1.ipynb").exists()
    data = {**good_scenario(), "title": "A title, edited"}
    write(scenario, data)
    coursekit(*args, cwd=root, check=True, env=env)
    assert "A title, edited" in notebook_text(root)  # the learner notebook, from the data
    page = (root / "_build" / "html" / "intro.html").read_text(encoding="utf-8")
    assert "A title, edited" in page  # and the book built after it, in the same run
    # A broken file: the author is told which and where, and no book is built from it.
    scenario.write_text("id: m1-test\ntitle: [\n", encoding="utf-8")
    (root / "_build" / "html" / "intro.html").unlink()
    proc = coursekit(*args, cwd=root, env=env)
    assert proc.returncode != 0
    assert re.search(r"m1-test\.yml: line \d+", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (root / "_build" / "html" / "intro.html").exists()
