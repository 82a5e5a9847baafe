"""A scenario's data is not in its page: the page holds each scenario's start view and names the
data's file, so the HTML that must arrive before the first paint does not grow with the data.
A site with twice the scenarios, each copy on the same page, grows that page by the copies'
start views alone; the player and discussion mode read one file per scenario."""

from __future__ import annotations

import gzip
import shutil

import yaml
from support.env import ROOT
from support.mounts import mounts
from support.roots import sphinx_build

from coursekit.content import load_scenario
from coursekit.player import stage_html

CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
"""
MODULE1 = sorted((ROOT / "exercises" / "scenarios" / "module1").glob("*.yml"))
# What a page holds besides its start views: the theme, the mounts' markup, the notes for
# browsers without JavaScript. Fixed, whatever the number of scenarios.
PAGE_WITHOUT_START_VIEWS = 12_000


def without_readings(data: dict) -> dict:
    """The tiny site has none of the book's reading sections a choice may link to."""
    for node in data["nodes"]:
        for choice in node["choices"]:
            choice.pop("reading", None)
    return data


def site(tmp_path, copies: int):
    """module1's scenarios, and each ``copies`` more times under a new id, all on one page."""
    src = tmp_path / "src"
    folder = src / "exercises" / "scenarios" / "module1"
    folder.mkdir(parents=True)
    (src / "exercises" / "reflections").mkdir()
    shutil.copy(ROOT / "exercises" / "course.yml", src / "exercises" / "course.yml")
    (src / "conf.py").write_text(CONF)
    ids = []
    for path in MODULE1:
        for n in range(copies + 1):
            data = without_readings(yaml.safe_load(path.read_text(encoding="utf-8")))
            if n:
                data["id"] = f"{data['id']}-copy{n}"
                data["title"] = f"{data['title']} (copy {n})"
            (folder / f"{data['id']}.yml").write_text(
                yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
            ids.append(data["id"])
    body = "".join(f"\n```{{scenario}} {sid}\n```\n" for sid in ids)
    (src / "index.md").write_text(f"# Scenarios\n{body}", encoding="utf-8")
    out = tmp_path / "html"
    sphinx_build(src, out)
    return out, [load_scenario(folder / f"{sid}.yml") for sid in ids]


def start_views(scenarios) -> int:
    return sum(len(stage_html(s.play).encode()) for s in scenarios)


def test_twice_the_scenarios_grow_the_page_by_their_start_views_alone(tmp_path):
    sizes = {}
    for copies in (0, 1):
        out, scenarios = site(tmp_path / f"x{copies + 1}", copies)
        page = out / "index.html"
        html = page.read_bytes()
        assert b"application/json" not in html
        assert len(html) - start_views(scenarios) < PAGE_WITHOUT_START_VIEWS, copies
        found = mounts(page)
        assert [sid for kind, sid, _ in found if kind == "scenario"] == [s.id for s in scenarios]
        # The player and discussion mode of a scenario read the same file, one per scenario.
        files = sorted((out / "_static" / "coursekit-data").glob("*.js"))
        assert len(files) == len(scenarios)
        for kind, sid, data in found:
            assert data["scenario"]["id"] == sid, kind
        data_bytes = sum(len(gzip.compress(f.read_bytes())) for f in files)
        sizes[copies] = (len(gzip.compress(html)), data_bytes)
    (one_gz, one_data), (two_gz, two_data) = sizes[0], sizes[1]
    assert two_data > 1.8 * one_data  # the data doubled ...
    assert two_gz < 1.5 * one_gz  # ... the page's HTML did not
