"""The author-only `model: true` mark: on the facilitator's notes and cards and in the review
copies, never on a learner's page or in a learner's notebook. The site test builds the whole
book from a copy of the course in which every decision has a marked model choice, then reads
every learner page, every notebook and the data each page embeds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from support.content import scenario_model
from support.env import BIN, ROOT, run
from support.mounts import data_file, mounts

from coursekit.pack.cards import notes_card, scenario_cards

MARK = re.compile(r"model choice", re.I)
STAFF_CAPTION = "For facilitators and instructors"


def unmarked(scenario: dict) -> dict:
    """The scenario with every author mark taken off (the course's own files carry some)."""
    for node in scenario["nodes"]:
        for choice in node["choices"]:
            choice.pop("model", None)
    return scenario


def marked(scenario: dict) -> dict:
    """Each decision's model choice: a different position from one decision to the next."""
    for i, node in enumerate(unmarked(scenario)["nodes"]):
        node["choices"][i % len(node["choices"])]["model"] = True
    return scenario


def keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_cards_show_the_model_choices_only_on_the_facilitator_notes(scenarios):
    s = scenario_model(marked(scenarios["m1-ally-week"].model_dump()))
    notes = notes_card(s)
    assert "Model choices (not for the group's cards)" in notes
    first = s.nodes[0].choices[0].text.split()
    assert f"<li>Decision 1: A. {' '.join(first[:4])}" in notes
    assert "<li>Decision 2: B. " in notes
    assert not any(MARK.search(card) for card in scenario_cards(s))
    plain = scenario_model(unmarked(scenarios["m1-ally-week"].model_dump()))
    assert "Model choices" not in notes_card(plain)  # nothing to show when nothing is marked


def staff_pages() -> set[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    (part,) = [p for p in toc["parts"] if p.get("caption") == STAFF_CAPTION]
    return {f"{c['file']}.html" for c in part["chapters"]}


@pytest.fixture(scope="module")
def marked_book(tmp_path_factory) -> Path:
    """The whole book built (warnings as errors, notebooks executed) from a copy of the course
    whose every decision has a model choice marked."""
    src = tmp_path_factory.mktemp("marked") / "course"
    src.mkdir()
    for name in ("_config.yml", "_toc.yml", "book", "notebooks", "exercises"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, src / name)
    shutil.rmtree(src / "exercises" / "source", ignore_errors=True)
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    for path in (src / "exercises" / "scenarios").glob("*/*.yml"):
        data = marked(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    env = {"COURSEKIT_ROOT": str(src)}
    run([BIN / "python", "-m", "coursekit", "notebooks"], cwd=src, env=env)
    run([BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going"], cwd=src, env=env)
    return src


@pytest.mark.slow
def test_no_learner_page_or_notebook_shows_the_model_mark(marked_book):
    html = marked_book / "_build" / "html"
    staff = staff_pages()
    notes = (html / "book" / "facilitator-notes.html").read_text(encoding="utf-8")
    assert "Model choices (for the facilitator; learners never see this)" in notes
    assert "(model choice)" in (html / "book" / "authors.html").read_text(encoding="utf-8")
    learner = [p for p in html.rglob("*.html") if p.relative_to(html).as_posix() not in staff]
    assert len(learner) > 20 and any(p.name == "scenarios.html" for p in learner)
    embedded = 0
    for page in learner:
        text = page.read_text(encoding="utf-8")
        assert not MARK.search(text), f"{page.relative_to(html)} names the model choice"
        for kind, _, data in mounts(page):
            embedded += kind == "scenario"
            assert "model" not in keys(data), f"{page.relative_to(html)} embeds it"
    assert embedded >= 22 * 2  # every scenario on its module page and its notebook page
    for path in (html / "_static" / "coursekit-data").glob("*.js"):  # facilitator notes too
        assert "model" not in keys(data_file(path)), f"{path.name} holds it"
    notebooks = [
        *(marked_book / "notebooks").glob("*.ipynb"),
        *(html / "_sources").rglob("*.ipynb"),
        *(marked_book / "_build" / "jupyter_execute").rglob("*.ipynb"),
    ]
    assert len(notebooks) >= 3 * 4
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        nbformat.reads(text, as_version=4)
        assert not MARK.search(text) and '\\"model\\"' not in text and '"model":' not in text, (
            f"{path.relative_to(marked_book)} carries the model mark"
        )
