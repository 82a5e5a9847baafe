"""The built text of every scenario: each of its paths, as a learner reads it (the review copy
of `coursekit paths`), is the same in the data (exercises/scenarios/), on the book's pages that
mount it (module page and notebook page), in the learner notebook's widget, and in the
notebook a learner downloads. Nothing is lost or altered on the way to any medium."""

from __future__ import annotations

import nbformat
from support.env import ROOT
from support.mounts import mounts

from coursekit.content import PlayerScenario, Section, load_course
from coursekit.content.review import review_markdown
from coursekit.readings import reading_sections
from coursekit.widget import scenario as notebook_scenario


def read_back(data: dict) -> tuple[PlayerScenario, dict[str, Section]]:
    """The JSON a page or the widget plays, read back as the player form and the reading
    sections its links name (title and page as the page has them). The facilitator's notes
    and the model marks are never sent, so they are left empty."""
    links = {}
    for node in data["nodes"]:
        for choice in node["choices"]:
            link = choice["reading"]
            if link:
                links[link["label"]] = Section(doc=link["doc"], title=link["title"])
            choice["reading"] = link["label"] if link else None
            choice["model"] = False
    return PlayerScenario.model_validate({**data, "facilitator": None}), links


def mounted(html_folder) -> dict:
    """{scenario id: {page: the scenario data the page plays}} for every page of the site."""
    found: dict = {}
    for page in sorted(html_folder.rglob("*.html")):
        for kind, sid, data in mounts(page):
            if kind == "scenario":
                found.setdefault(sid, {})[page.relative_to(html_folder).as_posix()] = data[
                    "scenario"
                ]
    return found


def test_every_path_of_every_scenario_reads_the_same_in_every_medium(built_book, scenarios):
    found = mounted(built_book)
    assert sorted(found) == sorted(scenarios), (
        "every scenario, and nothing else, is on the book's pages"
    )
    folders = {m.number: m for m in load_course(ROOT / "exercises").modules}
    sections = reading_sections()

    def learner_copy(scenario, links):  # the review copy without the author's model marks
        return review_markdown(scenario, links, author=False)

    for sid, data in scenarios.items():
        expected = learner_copy(data, sections)
        module = folders[data.module]
        pages = found[sid]
        assert f"book/{module.folder}/scenarios.html" in pages, (
            f"{sid}: not on its module's scenario page"
        )
        assert f"notebooks/{module.id}.html" in pages, f"{sid}: not on its module's notebook page"
        for page, shown in pages.items():
            assert learner_copy(*read_back(shown)) == expected, (
                f"{sid}: {page} reads differently from the data"
            )
        widget = notebook_scenario(sid)
        assert learner_copy(*read_back(widget.scenario)) == expected, (
            f"{sid}: the notebook widget reads differently"
        )
        for notebook in (
            ROOT / "notebooks" / f"{module.id}.ipynb",
            built_book / "_sources" / "notebooks" / f"{module.id}.ipynb",
        ):
            cells = nbformat.read(notebook, as_version=4).cells
            assert any(c.cell_type == "code" and f'scenario("{sid}")' in c.source for c in cells), (
                f"{sid}: {notebook.relative_to(notebook.parents[1])} does not play it"
            )
