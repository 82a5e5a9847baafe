"""The Sphinx extension on a tiny site: mount point, assets, broken files, injected HTML."""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from support.content import good_scenario
from support.env import BIN, run, serve
from support.mounts import mounts
from support.roots import sphinx_build

GOOD = good_scenario()

CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
"""
INDEX = """# Tiny

(m1-label)=
## A section

```{scenario} m1-test
```
"""
PLAIN = "# Plain\n\nNo scenario here.\n\n```{toctree}\n:hidden:\nindex\n```\n"
EVIL = "<img src=x onerror=alert(1)>"


def make_site(tmp_path, scenario):
    src = tmp_path / "src"
    (src / "exercises" / "scenarios" / "module1").mkdir(parents=True)
    (src / "exercises" / "reflections").mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(INDEX + "\n```{toctree}\n:hidden:\nplain\n```\n")
    (src / "plain.md").write_text("# Plain\n\nNo scenario here.\n")
    (src / "exercises" / "scenarios" / "module1" / "m1-test.yml").write_text(
        scenario if isinstance(scenario, str) else yaml.safe_dump(scenario)
    )
    return src


def build(src, check=True):
    out = src.parent / "html"
    return out, sphinx_build(src, out, check=check)


def evil_scenario():
    data = copy.deepcopy(GOOD)
    data["title"] = f"Title {EVIL}"
    data["opening"] = f"Opening {EVIL} and </script><script>alert(2)</script>"
    data["nodes"][0]["choices"][0]["text"] = f"Choice {EVIL}"
    data["nodes"][0]["choices"][0]["feedback"] = f"Feedback {EVIL}"
    data["nodes"][0]["choices"][0]["reading"] = "m1-label"
    return data


def test_mount_and_assets_only_where_needed(tmp_path):
    out, _ = build(make_site(tmp_path, GOOD))
    page = (out / "index.html").read_text()
    assert 'data-coursekit-scenario="m1-test"' in page
    assert re.search(r'<script[^>]*type="module"[^>]*src="_static/coursekit/scenario-page.js', page)
    assert "coursekit/scenario.css" in page
    plain = (out / "plain.html").read_text()
    assert "scenario-page.js" not in plain and "scenario.css" not in plain
    assert (out / "_static" / "coursekit" / "scenario.js").exists()


def test_the_notice_for_a_page_opened_from_disk_names_the_port_make_serve_uses(
    tmp_path, monkeypatch
):
    out, _ = build(make_site(tmp_path / "default", GOOD))
    assert "http://127.0.0.1:8000 instead" in (out / "index.html").read_text()
    monkeypatch.setenv("COURSEKIT_SERVE_PORT", "8234")
    out, _ = build(make_site(tmp_path / "chosen", GOOD))
    assert "http://127.0.0.1:8234 instead" in (out / "index.html").read_text()
    # `make serve PORT=8234` builds with that port, then serves on it
    built = run(["make", "-n", "-s", "build", "PORT=8234"]).stdout
    assert re.search(r"COURSEKIT_SERVE_PORT=8234 \S*python -m coursekit build ", built), built
    planned = run(["make", "-n", "-s", "serve", "PORT=8234"]).stdout
    assert re.search(r"coursekit.quietly \S+ .* -- make .*build", planned), planned
    assert re.search(r"coursekit.serve --port 8234", planned), planned


def test_injected_html_stays_inert_in_the_page_source(tmp_path):
    out, _ = build(make_site(tmp_path, evil_scenario()))
    page = (out / "index.html").read_text()
    assert "application/json" not in page  # the data is in its own file, not in the page
    files = list((out / "_static" / "coursekit-data").glob("*.js"))
    assert len(files) == 1  # the player's and discussion mode's data: one file
    text = files[0].read_text()
    assert "<" not in text and ">" not in text and "alert" in text
    [(_, _, data), (_, _, same)] = mounts(out / "index.html")
    assert data == same and data["notes"] is None
    data = data["scenario"]
    assert data["nodes"][0]["choices"][0]["reading"] == {
        "label": "m1-label",
        "title": "A section",
        "doc": "index",
    }


@pytest.mark.parametrize(
    "broken,expected",
    [
        ("id: m1-test\ntitle: [\n", "m1-test.yml: line"),
        (
            yaml.safe_dump({**GOOD, "nodes": []}),
            "m1-test.yml: nodes: must list at least one decision point",
        ),
        (
            yaml.safe_dump({**copy.deepcopy(GOOD), "module": 3}),
            "m1-test.yml: module: is 3 but the file is in folder",
        ),
    ],
)
def test_broken_file_fails_the_build_with_path_and_field(tmp_path, broken, expected):
    out, proc = build(make_site(tmp_path, broken), check=False)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert expected in output, output
    assert "Traceback" not in output


def test_one_broken_file_is_reported_alone_and_mending_it_mends_the_build(tmp_path):
    """A broken file's problem is the only one reported (its valid neighbours still show), and
    once it is mended an incremental build passes: no stale errors, no `make clean`."""
    src = make_site(tmp_path, GOOD)
    other = copy.deepcopy(GOOD)
    other["id"] = "m1-other"
    (src / "exercises" / "scenarios" / "module1" / "m1-other.yml").write_text(yaml.safe_dump(other))
    (src / "index.md").write_text(
        INDEX + "\n```{scenario} m1-other\n```\n\n```{toctree}\n:hidden:\nplain\n```\n"
    )
    broken = copy.deepcopy(GOOD)
    broken["nodes"][0]["choices"][0]["next"] = "nowhere"
    scenario_file = src / "exercises" / "scenarios" / "module1" / "m1-test.yml"
    scenario_file.write_text(yaml.safe_dump(broken))
    out, proc = build(src, check=False)
    assert proc.returncode != 0
    problems = [line for line in proc.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert len(problems) == 1, problems
    assert "m1-test.yml: nodes[0].choices[0].next: 'nowhere' is not the id" in problems[0]
    assert 'data-coursekit-scenario="m1-other"' in (out / "index.html").read_text()

    scenario_file.write_text(yaml.safe_dump(GOOD))
    _, proc = build(src, check=False)  # same output folder: Sphinx builds incrementally
    assert proc.returncode == 0, proc.stderr
    assert 'data-coursekit-scenario="m1-test"' in (out / "index.html").read_text()


def test_unknown_reading_label_fails_the_build(tmp_path):
    data = copy.deepcopy(GOOD)
    data["nodes"][1]["choices"][0]["reading"] = "no-such-section"
    _, proc = build(make_site(tmp_path, data), check=False)
    assert proc.returncode != 0
    assert (
        "nodes[1].choices[0].reading: no reading section is labelled 'no-such-section'"
        in proc.stderr
    )


def test_scenario_on_no_page_is_reported(tmp_path):
    src = make_site(tmp_path, GOOD)
    (src / "index.md").write_text("# Tiny\n\n```{toctree}\n:hidden:\nplain\n```\n")
    _, proc = build(src, check=False)
    assert proc.returncode != 0
    assert "scenario 'm1-test' is on no page" in proc.stderr


def test_injected_html_shows_as_text_in_the_browser(tmp_path, new_page):
    out, _ = build(make_site(tmp_path, evil_scenario()))
    base, server = serve(out)
    try:
        p = new_page()
        p.page.goto(f"{base}/index.html")
        scenario = p.page.locator(".ck-scenario")
        scenario.get_by_text(f"Opening {EVIL}", exact=False).wait_for()
        scenario.get_by_role("button", name="Begin").click()
        scenario.get_by_role("button", name=f"Choice {EVIL}").click()
        scenario.get_by_text(f"Feedback {EVIL}").wait_for()
        assert scenario.locator("img").count() == 0
        assert p.page.locator("img[src=x]").count() == 0
        assert p.dialogs == [] and p.errors == []
        link = scenario.get_by_role("link", name="A section")
        assert link.get_attribute("href") in ("index.html#m1-label", "./index.html#m1-label")
    finally:
        server.shutdown()
        server.server_close()


def test_tampered_progress_is_ignored_not_trusted(tmp_path, new_page):
    out, _ = build(make_site(tmp_path, GOOD))
    base, server = serve(out)
    try:
        p = new_page()
        p.page.goto(f"{base}/index.html")
        p.page.evaluate("""localStorage.setItem('coursekit:scenario:m1-test',
            JSON.stringify({path: [{node: 'a', choice: 0}, {node: 'zzz', choice: 9},
                                   '<b>x</b>']}))""")
        p.page.reload()
        scenario = p.page.locator(".ck-scenario")
        # The valid first step is kept (the player resumes at its feedback); the rest is dropped.
        scenario.get_by_text("You chose: One").wait_for()
        p.page.evaluate("localStorage.setItem('coursekit:scenario:m1-test', 'not json')")
        p.page.reload()
        scenario.get_by_role("button", name="Begin").wait_for()
        assert p.errors == []
    finally:
        server.shutdown()
        server.server_close()


def test_the_sphinx_build_command_itself_reports_a_broken_file_plainly(tmp_path):
    """The other tests call sphinx-build's entry point in-process; this one runs the command."""
    src = make_site(tmp_path, yaml.safe_dump({**GOOD, "nodes": []}))
    proc = run(
        [BIN / "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", src, tmp_path / "html"],
        check=False,
    )
    assert proc.returncode != 0
    assert "m1-test.yml: nodes: must list at least one decision point" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_trimming_the_theme_without_purgecss_says_what_to_install(tmp_path):
    src = make_site(tmp_path, GOOD)
    (src / "conf.py").write_text(CONF + "coursekit_trim_theme = True\n")
    _, proc = build(src, check=False)
    assert proc.returncode != 0
    assert (
        f"coursekit_trim_theme needs PurgeCSS at {src / 'node_modules' / '.bin' / 'purgecss'}: run "
        "`npm ci`" in proc.stderr
    )


def test_trimmed_css_follows_each_build_and_keeps_what_a_new_page_uses(tmp_path, node_tools):
    """Each build trims the theme's stylesheets afresh from the theme's own files, so a rule the
    pages did not use last time (here Sphinx's `div.seealso`) is there once a page uses it."""
    src = make_site(tmp_path, GOOD)
    (src / "conf.py").write_text(
        CONF + "coursekit_trim_theme = True\nexclude_patterns = ['node_modules']\n"
    )
    (src / "node_modules").symlink_to(node_tools)
    out, _ = build(src)
    theme = out / "_static" / "alabaster.css"
    assert "div.seealso" not in theme.read_text() and "div.body" in theme.read_text()
    (src / "plain.md").write_text("# Plain\n\n```{seealso}\nThe index.\n```\n")
    build(src)  # incremental: only plain.md is written again
    assert "div.seealso" in theme.read_text()
