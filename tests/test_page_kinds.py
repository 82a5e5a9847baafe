"""One way to add a page kind: every mount is a course_mount written by one builder, and a page
gets the loaders and stylesheets of the kinds it holds, each once (coursekit/mount.py KINDS).
On a tiny site with one mount of every kind (tests/roots/test-kinds), built with -W."""

from __future__ import annotations

import re

from support.roots import KIND_FILES as FILES
from support.roots import build_root, lay_out_root, sphinx_build

ASSET = re.compile(r'(?:href|src)="_static/(coursekit/[a-z-]+\.(?:css|js))')


def assets(page) -> list[str]:
    """The course's stylesheets and scripts a page links, in order (print.css is on every page)."""
    return [
        a for a in ASSET.findall(page.read_text(encoding="utf-8")) if a != "coursekit/print.css"
    ]


def test_each_page_gets_the_assets_of_the_mounts_it_holds(tmp_path):
    out, _ = build_root("kinds", tmp_path, ["good-scenario.yml"], files=FILES)
    # The journal's confidence table is styled by arc.css (.ck-arc-table in journal.js).
    assert assets(out / "journal.html") == [
        "coursekit/scenario.css",
        "coursekit/study.css",
        "coursekit/arc.css",
        "coursekit/journal-page.js",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    for mark in (
        'data-coursekit-scenario="m1-test"',
        'data-coursekit-discussion="m1-test" hidden',
        'data-coursekit-reflection="m1-one"',
        'data-coursekit-arc="confidence-module1"',
        'data-coursekit-slides="module1"',
    ):
        assert mark in index, mark
    assert assets(out / "index.html") == [
        "coursekit/scenario.css",
        "coursekit/study.css",
        "coursekit/discussion.css",
        "coursekit/slides.css",
        "coursekit/arc.css",
        "coursekit/scenario-page.js",
        "coursekit/reflection-page.js",
        "coursekit/optout-page.js",
        "coursekit/discussion-page.js",
        "coursekit/slides-page.js",
        "coursekit/arc-page.js",
    ]
    assert assets(out / "rubrics.html") == []


def test_the_course_is_found_beside_conf_py_wherever_sphinx_build_runs(tmp_path, monkeypatch):
    """sphinx-build run from the folder above the site, with relative paths: the rubrics, the
    arc and the content are read from beside conf.py, not from the working folder."""
    lay_out_root("kinds", tmp_path, ["good-scenario.yml"], files=FILES)
    monkeypatch.chdir(tmp_path)
    proc = sphinx_build(tmp_path.joinpath("src").relative_to(tmp_path), tmp_path / "html")
    assert proc.returncode == 0
    rubrics = (tmp_path / "html" / "rubrics.html").read_text(encoding="utf-8")
    assert "Module 1: " in rubrics and "rubric-m1-one" in rubrics
