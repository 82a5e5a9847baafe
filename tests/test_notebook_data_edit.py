"""The author's data-edit loop on a notebook page: an edited feedback text changes none of a
learner notebook's code cells, so after an incremental build the notebook page shows the new
text (its scenario's data file is the new data, the same file the scenario's book page loads)
without the notebook being executed again."""

from __future__ import annotations

import re
import time

import nbformat
import pytest
import yaml
from support.content import good_scenario
from support.env import BIN, ROOT, run

pytestmark = pytest.mark.slow

CONF = """
extensions = ["myst_nb", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
nb_execution_mode = "force"
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}
"""
# Each run of the notebook adds a line to this file.
COUNT_RUN = 'open({runs!r}, "a").write("run\\n")'


def write(path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def site(tmp_path):
    src = tmp_path / "src"
    (src / "exercises" / "scenarios" / "module1").mkdir(parents=True)
    (src / "exercises" / "reflections").mkdir()
    (src / "notebooks").mkdir()
    (src / "exercises" / "course.yml").write_bytes((ROOT / "exercises" / "course.yml").read_bytes())
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text("# Home\n\n```{toctree}\n:hidden:\na\nnotebooks/module1\n```\n")
    (src / "a.md").write_text("# A\n\n```{scenario} m1-test\n```\n")
    write(src / "exercises" / "scenarios" / "module1" / "m1-test.yml", good_scenario())
    cells = [
        nbformat.v4.new_markdown_cell("# Module 1 notebook"),
        nbformat.v4.new_code_cell(
            COUNT_RUN.format(runs=str(tmp_path / "runs.txt")), metadata={"tags": ["remove-cell"]}
        ),
        nbformat.v4.new_code_cell(
            'from coursekit.widget import scenario\nscenario("m1-test")',
            metadata={"tags": ["remove-input"]},
        ),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), src / "notebooks" / "module1.ipynb")
    return src


def build(src, out) -> None:
    # A process of its own: myst-nb does not register its parser again in a process where
    # myst-parser built a site before (tests/test_notebook_page.py).
    run([BIN / "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", src, out])


def shown_data(out, page: str) -> tuple[str, str]:
    """(the data file the page's scenario mount names, that file's text)."""
    html = (out / page).read_text(encoding="utf-8")
    names = re.findall(r'data-coursekit-scenario="m1-test"[^>]*data-ck-src="([^"]+)"', html)
    assert len(names) == 1, f"{page}: one scenario mount naming its data file"
    src = names[0]
    return src.split("/")[-1], (out / page).parent.joinpath(src).read_text(encoding="utf-8")


def test_a_feedback_edit_shows_on_the_notebook_page_without_running_it(tmp_path):
    src = site(tmp_path)
    out = tmp_path / "html"
    build(src, out)
    runs = tmp_path / "runs.txt"
    assert runs.read_text().count("run") == 1
    data = good_scenario()
    data["nodes"][0]["choices"][0]["feedback"] = "Feedback, edited by the author."
    time.sleep(0.05)  # a later mtime than the last read
    write(src / "exercises" / "scenarios" / "module1" / "m1-test.yml", data)
    build(src, out)
    book_file, book_data = shown_data(out, "a.html")
    notebook_file, notebook_data = shown_data(out, "notebooks/module1.html")
    assert "Feedback, edited by the author." in book_data
    assert notebook_file == book_file and notebook_data == book_data
    assert runs.read_text().count("run") == 1, "the notebook was executed again"


def book_execution_mode() -> str:
    """How the book executes its notebooks (_config.yml), the mode this test builds with."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["execute"]["execute_notebooks"]


def test_a_title_edit_shows_on_both_pages_without_running_the_notebook(tmp_path):
    """A scenario's title is in its learner notebook's text too (a heading cell, which
    `coursekit notebooks` rewrites), so the notebook is read again; but no code cell changed,
    and the book's execution mode keys its executed outputs on the code cells alone."""
    src = site(tmp_path)
    (src / "conf.py").write_text(CONF.replace('"force"', repr(book_execution_mode())))
    notebook = src / "notebooks" / "module1.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell(f"## {good_scenario()['title']}"))
    nbformat.write(nb, notebook)
    out = tmp_path / "html"
    build(src, out)
    runs = tmp_path / "runs.txt"
    assert runs.read_text().count("run") == 1
    data = good_scenario()
    data["title"] = "A title the author changed"
    time.sleep(0.05)  # a later mtime than the last read
    write(src / "exercises" / "scenarios" / "module1" / "m1-test.yml", data)
    nb.cells[2].source = f"## {data['title']}"  # what `coursekit notebooks` writes
    nbformat.write(nb, notebook)
    build(src, out)
    for page in ("a.html", "notebooks/module1.html"):
        _, shown = shown_data(out, page)
        assert "A title the author changed" in shown, f"{page}: the data file has the old title"
        html = (out / page).read_text(encoding="utf-8")
        assert "A title the author changed" in html, f"{page}: the start view has the old title"
    assert runs.read_text().count("run") == 1, "the notebook was executed again"
