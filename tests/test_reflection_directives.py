"""The reflection directives on a tiny site: the data decides which prompts a page shows, and
an unknown or unplaced prompt fails the build with a clear message."""

from __future__ import annotations

import copy
import re

import yaml
from support.content import tiny_reflections
from support.mounts import mount_data
from support.roots import sphinx_build

TINY_REFLECTIONS = tiny_reflections()
TINY_CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
project = "Tiny course"
"""


def tiny_site(tmp_path, index, reflections):
    src = tmp_path / "src"
    (src / "exercises" / "scenarios").mkdir(parents=True, exist_ok=True)
    (src / "exercises" / "reflections").mkdir(exist_ok=True)
    (src / "conf.py").write_text(TINY_CONF)
    (src / "index.md").write_text(index + "\n```{toctree}\n:hidden:\njournal\n```\n")
    (src / "journal.md").write_text("# Journal\n\n```{journal}\n```\n")
    (src / "exercises" / "reflections" / "module1.yml").write_text(yaml.safe_dump(reflections))
    out = tmp_path / "html"
    return out, sphinx_build(src, out, check=False)


def page_prompts(html):
    return re.findall(r'data-coursekit-reflection="([^"]+)"', html)


def test_the_data_decides_which_prompts_a_page_shows(tmp_path):
    data = copy.deepcopy(TINY_REFLECTIONS)
    index = "# Tiny\n\n```{reflections} module1\n```\n"
    out, proc = tiny_site(tmp_path, index, data)
    assert proc.returncode == 0, proc.stderr
    assert page_prompts((out / "index.html").read_text()) == ["m1-one"]

    added = {
        **copy.deepcopy(data["prompts"][0]),
        "id": "m1-two",
        "title": "Two",
        "exemplar": "Only graders see this.",
    }
    data["prompts"].append(added)
    out, proc = tiny_site(tmp_path, index, data)  # the page is unchanged; only the data grew
    assert proc.returncode == 0, proc.stderr
    page = (out / "index.html").read_text()
    assert page_prompts(page) == ["m1-one", "m1-two"]
    assert '<section id="m1-two">' in page and "Only graders see this" not in page
    journal = (out / "journal.html").read_text()
    assert "coursekit/journal-page.js" in journal and "reflection-page.js" not in journal
    [course] = mount_data(out / "journal.html", "journal")
    assert [(p["id"], p["href"]) for p in course["modules"][0]["prompts"]] == [
        ("m1-one", "index.html#m1-one"),
        ("m1-two", "index.html#m1-two"),
    ]
    assert "Only graders see this" not in journal


def test_unknown_prompt_or_unplaced_prompt_fails_the_build_clearly(tmp_path):
    _, proc = tiny_site(
        tmp_path / "a", "# Tiny\n\n```{reflection} m1-nope\n```\n", TINY_REFLECTIONS
    )
    assert proc.returncode != 0
    assert "reflection: no valid reflection prompt has the id 'm1-nope'" in proc.stderr
    _, proc = tiny_site(tmp_path / "b", "# Tiny\n\nNo prompts here.\n", TINY_REFLECTIONS)
    assert proc.returncode != 0
    assert "module1.yml: prompts[0].id: reflection prompt 'm1-one' is on no page" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
