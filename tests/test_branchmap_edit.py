"""The authors' page in the author's data-edit loop: after one scenario file is edited, the
page shows the edit, and only that scenario's map is drawn again (Graphviz's own `dot`, run
through a wrapper that notes each call). The review copy of every path is on the page but not
in the site's search index; the maps' titles are."""

from __future__ import annotations

import os
import shutil
import time

import yaml
from support.content import good_scenario
from support.env import ROOT
from support.roots import sphinx_build

CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
"""


def write(path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def counting_dot(tmp_path, monkeypatch):
    """`dot` on PATH as a wrapper of the real one that appends a line to a log per call."""
    real = shutil.which("dot")
    assert real, "Graphviz's dot is needed (make graphviz)"
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "dot-calls.log"
    wrapper = folder / "dot"
    wrapper.write_text(f'#!/bin/sh\necho call >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


def test_an_edit_redraws_only_its_scenario_and_shows_on_the_page(tmp_path, monkeypatch):
    calls = counting_dot(tmp_path, monkeypatch)
    src = tmp_path / "src"
    scenarios = src / "exercises" / "scenarios" / "module1"
    scenarios.mkdir(parents=True)
    (src / "exercises" / "course.yml").write_bytes((ROOT / "exercises" / "course.yml").read_bytes())
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(
        "# Authors\n\n```{branch-map} all\n```\n\n```{toctree}\n:hidden:\na\nb\n```\n"
    )
    (src / "a.md").write_text("# A\n\n```{scenario} m1-test\n```\n")
    (src / "b.md").write_text("# B\n\n```{scenario} m1-other\n```\n")
    write(scenarios / "m1-test.yml", good_scenario())
    write(scenarios / "m1-other.yml", {**good_scenario(), "id": "m1-other", "title": "Other"})
    out = tmp_path / "html"
    sphinx_build(src, out)
    assert calls.read_text().count("call") == 2
    search = (out / "searchindex.js").read_text(encoding="utf-8").lower()
    assert "other (module 1, m1-other)" in search  # a map's title is found by search
    assert "f3" not in search  # a feedback text, only in the review copy, is not
    data = good_scenario()
    data["nodes"][0]["choices"][0]["feedback"] = "Feedback, edited by the author."
    time.sleep(0.02)  # a later mtime than the last read
    write(scenarios / "m1-test.yml", data)
    sphinx_build(src, out)
    assert calls.read_text().count("call") == 3  # m1-test's map only
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("Feedback: Feedback, edited by the author.") >= 1
    assert page.count("<svg ") == 2 and page.count('<details class="ck-paths">') == 2
