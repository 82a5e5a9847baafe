"""A learner notebook's web page (tiny Sphinx site, the book's theme): it says what the page
offers instead of Jupyter's instructions, links the .ipynb to download, and links the course's
JupyterHub only when `launch_buttons.jupyterhub_url` is set."""

from __future__ import annotations

import nbformat
import pytest
from support.env import BIN, run

CONF = """
extensions = ["myst_nb", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "sphinx_book_theme"
nb_execution_mode = "off"
html_theme_options = {HUB}
"""


def site(tmp_path, hub: str):
    src = tmp_path / "src"
    for folder in ("exercises/scenarios", "exercises/reflections", "notebooks"):
        (src / folder).mkdir(parents=True)
    # The theme's own launch button needs the repository too (Jupyter Book: `repository: url:`).
    options = (
        {
            "launch_buttons": {"jupyterhub_url": hub},
            "repository_url": "https://github.com/example/course",
        }
        if hub
        else {}
    )
    (src / "conf.py").write_text(CONF.replace("{HUB}", repr(options)))
    (src / "index.md").write_text(
        "# Tiny\n\nA tiny book with one notebook.\n\n```{toctree}\nnotebooks/module1\n```\n"
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# Module 1 notebook\n\nThe module's scenarios and prompts."
            ),
            nbformat.v4.new_markdown_cell(
                "Run all cells (*Run → Run All Cells*) to start.",
                metadata={"tags": ["remove-cell"]},
            ),
        ]
    )
    nbformat.write(nb, src / "notebooks" / "module1.ipynb")
    out = tmp_path / "html"
    # A process of its own: myst-nb does not register its parser again in a process where
    # myst-parser built a site before (the other tests build in-process: tests/roots.py).
    run([BIN / "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", src, out])
    return (out / "notebooks" / "module1.html").read_text(encoding="utf-8"), out


@pytest.mark.parametrize("hub", ["", "https://hub.example.org/"])
def test_notebook_page_offers_download_and_hub(tmp_path, hub):
    page, out = site(tmp_path, hub)
    note = page[page.index('class="admonition note ck-notebook-web"') :]
    note = note[: note.index("</div>")]
    assert (
        "Run All" not in page and "Run all cells" not in page
    )  # the Jupyter-only cell is left out
    assert "scenarios play here" in note
    assert 'href="../_sources/notebooks/module1.ipynb" download="module1.ipynb"' in note
    assert (out / "_sources" / "notebooks" / "module1.ipynb").exists()
    launch = "https://hub.example.org/hub/user-redirect/lab/tree/notebooks/module1.ipynb"
    assert (launch in note) == bool(hub)
    assert (
        "git-pull?repo=https%3A//github.com/example/course" in page
        or "git-pull?repo=https://github.com/example/course" in page
    ) == bool(hub)
    assert page.index("ck-notebook-web") > page.index("<h1")  # under the page's title
