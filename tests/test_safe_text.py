"""Content text is text everywhere (issue 10, item 3): hostile strings in every field of a
scenario and a reflection file reach the scenario, reflections, rubrics (with exemplars),
journal and notebook pages, and the learner notebook's cells, as plain text. Nothing runs,
nothing is injected, no file of the build machine is published."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
import yaml
from support.env import BIN, run, serve
from support.roots import ROOTS

from coursekit.content import load_all
from coursekit.notebooks import learner_notebook

pytestmark = pytest.mark.browser  # builds a test site and starts Chromium

SECRET = "SECRET-FILE-CONTENT-42"
LINE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> [link](javascript:alert(4)) "
    "![pic](http://127.0.0.2/x.png) {eval-rst}`x` $x^2$"
)
TEXT = (
    f"Text {LINE}\n\n```{{include}} ../secret.txt\n```\n\n```{{include}} /etc/passwd\n```\n\n"
    "```{eval-rst}\n.. raw:: html\n\n   "
    "<script>alert(3)</script>\n```\n\n:::{note}\nnote\n:::\n\n<b onclick=alert(5)>b</b>"
)
TITLE = f"T {LINE}"


def payload_scenario() -> dict:
    choice = lambda n, nxt: {"text": f"{TITLE} {n}", "feedback": TEXT, "next": nxt}
    ending = lambda i: {
        "id": f"end-{i}",
        "title": TITLE,
        "text": TEXT,
        "debrief": TEXT,
        "questions": [TITLE, TITLE],
    }
    return {
        "id": "m1-payload",
        "title": TITLE,
        "module": 1,
        "goal": TEXT,
        "content_note": TITLE,
        "opening": TEXT,
        "nodes": [
            {
                "id": "a",
                "text": TEXT,
                "choices": [choice(1, "b"), choice(2, "end-1"), choice(3, "end-2")],
            },
            {
                "id": "b",
                "text": TEXT,
                "choices": [choice(4, "end-1"), choice(5, "end-2"), choice(6, "end-2")],
            },
        ],
        "endings": [ending(1), ending(2)],
    }


def payload_reflections() -> dict:
    levels = [
        {"points": 0, "description": TEXT},
        {"points": 1, "description": TEXT},
        {"points": 2, "description": TEXT},
    ]
    return {
        "module": 1,
        "title": TITLE,
        "prompts": [
            {
                "id": "m1-payload",
                "title": TITLE,
                "prompt": TEXT,
                "points": 4,
                "words": [100, 200],
                "exemplar": TEXT,
                "rubric": [
                    {"criterion": TITLE, "levels": levels},
                    {"criterion": f"{TITLE} B", "levels": levels},
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("payloads")
    (tmp / "secret.txt").write_text(SECRET)
    src = tmp / "src"
    shutil.copytree(ROOTS / "test-payloads", src)
    exercises = src / "exercises"
    (exercises / "scenarios" / "module1").mkdir(parents=True)
    (exercises / "reflections").mkdir()
    (exercises / "course.yml").write_text(
        yaml.safe_dump(
            {
                "title": "T",
                "modules": [{"id": "module1", "number": 1, "title": TITLE, "folder": "module1"}],
            }
        )
    )
    (exercises / "scenarios" / "module1" / "m1-payload.yml").write_text(
        yaml.safe_dump(payload_scenario())
    )
    (exercises / "reflections" / "module1.yml").write_text(yaml.safe_dump(payload_reflections()))
    scenarios, reflections = load_all(exercises)
    notebook = learner_notebook("module1", scenarios, reflections, {"module1": TITLE})
    nbformat.write(notebook, src / "notebook.ipynb")
    out = tmp / "html"
    run([BIN / "sphinx-build", "--keep-going", "-q", "-b", "html", src, out])
    base, server = serve(out)
    yield base, out, notebook
    server.shutdown()
    server.server_close()


def test_no_file_of_the_build_machine_is_published(payload_site):
    _, out, _ = payload_site
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert SECRET not in text and "root:x:0:0" not in text, page.name


def test_notebook_cells_hold_content_as_escaped_markdown(payload_site):
    *_, notebook = payload_site
    prompt = next(c for c in notebook.cells if (c.metadata.get("coursekit") or {}).get("prompt"))
    for raw in (
        "<script>",
        "<img",
        "](javascript",
        "```{include}",
        "```{eval-rst}",
        "{note}",
        "$x",
    ):
        assert not re.search(r"(?<!\\)" + re.escape(raw), prompt.source), raw  # only ever escaped
    assert "\\<script\\>" in prompt.source and "\\`\\`\\`\\{include\\}" in prompt.source


INJECTED = """() => ({
  scripts: [...document.scripts]
    .filter((s) => s.type !== 'application/json' && /alert\\(/.test(s.textContent)).length,
  images: document.querySelectorAll('img[src="x"], img[src*="127.0.0.2"]').length,
  handlers: [...document.querySelectorAll('*')]
    .filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  links: document.querySelectorAll('a[href^="javascript"]').length,
  bold: document.querySelectorAll('b').length,
  // .ck-notebook-web is ours: the notebook page's own note
  notes: document.querySelectorAll('.admonition.note:not(.ck-notebook-web)').length,
  math: document.querySelectorAll('.math, mjx-container').length,
})"""
NOTHING = {"scripts": 0, "images": 0, "handlers": 0, "links": 0, "bold": 0, "notes": 0, "math": 0}


def play_every_screen(page):
    region = page.locator(".ck-scenario")
    region.get_by_role("button", name="Begin").click()
    region.locator(".ck-choice").first.click()
    region.get_by_role("button", name="Continue").click()
    region.locator(".ck-choice").first.click()
    region.get_by_role("button", name="See how it ends").click()
    region.locator(".ck-path").wait_for()


@pytest.mark.parametrize("url", ["index.html", "rubrics.html", "journal.html", "notebook.html"])
def test_hostile_text_stays_text_on_every_page(payload_site, new_page, url):
    base, *_ = payload_site
    p = new_page()
    p.page.goto(f"{base}/{url}")
    p.page.wait_for_load_state("load")
    if url == "index.html":
        p.page.locator(".ck-reflection textarea").wait_for()
        assert p.page.evaluate(INJECTED) == NOTHING, "start"
        play_every_screen(p.page)
    if url == "journal.html":
        p.page.locator(".ck-journal button").first.wait_for()
    assert p.page.evaluate(INJECTED) == NOTHING
    body = p.page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body, "the text itself is shown, as text"
    assert p.dialogs == [] and p.errors == [], (p.dialogs, p.errors)
    assert p.foreign_requests(base) == []
