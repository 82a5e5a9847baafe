"""The author's data-edit loop: after a scenario file is edited, Sphinx reads again the pages
that show that scenario and no other page with a course widget; while a file is broken, every
such page depends on every file, so mending it brings its scenario back. `make build`
regenerates notebooks and builds the book in one process (tests/test_make_build.py)."""

from __future__ import annotations

import time

import yaml
from support.content import good_scenario, tiny_reflections
from support.env import ROOT
from support.roots import sphinx_build

CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
"""
PAGES = {
    "a": "# A\n\n```{scenario} m1-test\n```\n",
    "b": "# B\n\n```{scenario} m1-other\n```\n",
    "r": "# R\n\n```{reflections} module1\n```\n",
}


def write(path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def site(tmp_path):
    src = tmp_path / "src"
    scenarios = src / "exercises" / "scenarios" / "module1"
    scenarios.mkdir(parents=True)
    (src / "exercises" / "reflections").mkdir()
    (src / "exercises" / "course.yml").write_bytes((ROOT / "exercises" / "course.yml").read_bytes())
    (src / "conf.py").write_text(CONF)
    toc = "\n```{toctree}\n:hidden:\na\nb\nr\n```\n"
    (src / "index.md").write_text("# Home\n" + toc)
    for name, text in PAGES.items():
        (src / f"{name}.md").write_text(text)
    write(scenarios / "m1-test.yml", good_scenario())
    write(scenarios / "m1-other.yml", {**good_scenario(), "id": "m1-other", "title": "Other"})
    write(src / "exercises" / "reflections" / "module1.yml", tiny_reflections())
    return src, scenarios


def written(out) -> dict[str, int]:
    """When each page with a course widget was last written (the home page, whose table of
    contents names the edited page, is written again by Sphinx itself)."""
    return {name: (out / f"{name}.html").stat().st_mtime_ns for name in PAGES}


def rebuild(src, out, check=True):
    time.sleep(0.02)  # a later mtime than the last read, on any file system clock
    return sphinx_build(src, out, check=check)


def test_a_scenario_edit_reads_again_only_the_page_that_shows_it(tmp_path):
    src, scenarios = site(tmp_path)
    out = tmp_path / "html"
    sphinx_build(src, out)
    before = written(out)
    data = good_scenario()
    data["title"] = "A test, edited"
    time.sleep(0.02)
    write(scenarios / "m1-test.yml", data)
    rebuild(src, out)
    after = written(out)
    assert [p for p in before if before[p] != after[p]] == ["a"]
    assert "A test, edited" in (out / "a.html").read_text()
    # A broken file: its page loses the scenario (the build says why) ...
    (scenarios / "m1-test.yml").write_text("id: m1-test\ntitle: [\n")
    proc = rebuild(src, out, check=False)
    assert "m1-test.yml: line" in proc.stderr
    # ... and once it is mended, the page shows it again.
    write(scenarios / "m1-test.yml", {**data, "title": "A test, mended"})
    rebuild(src, out)
    assert "A test, mended" in (out / "a.html").read_text()
