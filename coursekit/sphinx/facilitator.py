"""The facilitator's kit in the book: notes per scenario, and discussion mode on any page
that holds a scenario.

Usage in a MyST page::

    ```{facilitator-notes} module1
    ```
    (every scenario of the module: key point, usual choice, misconception, debrief
    questions, alternative activity; each with a "Discuss with a group" button)

Every scenario mount in the book also gets the data discussion mode needs (the scenario as
the player reads it, with the facilitator's notes) in a ``discussion_data`` node beside it,
and its page loads ``discussion-page.js``. All text goes through the safe formatter.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content.review import model_choices
from ..player import player_data, script_json
from ..textformat import to_nodes
from .mounts import course_mount

logger = logging.getLogger(__name__)
NOTE_FIELDS = (
    ("key_point", "Key point"),
    ("usual_choice", "What groups usually choose, and why"),
    ("misconception", "A common misconception"),
)
DISCUSSION_MARK = "data-coursekit-discussion"


class discussion_data(nodes.General, nodes.Element):
    """The data of discussion mode for one scenario: attribute ``data`` (JSON-able)."""


def discussion_payload(scenario: dict, sections: dict) -> dict:
    """The scenario as the player reads it, plus the facilitator's notes (or None)."""
    return {"scenario": player_data(scenario, sections), "notes": scenario.get("facilitator")}


def visit_discussion_html(self, node: discussion_data) -> None:
    data = node["data"]
    self.body.append(
        f'<div class="ck-discussion-data" {DISCUSSION_MARK}="{html.escape(data["scenario"]["id"])}" hidden>'
        f'<script type="application/json">{script_json(data)}</script></div>'
    )
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


def notes_nodes(scenario: dict) -> list[nodes.Node]:
    """The facilitator's notes of one scenario as docutils nodes (safe formatter only)."""
    notes = scenario.get("facilitator")
    if not notes:
        return [nodes.paragraph(text="This scenario has no facilitator notes yet.")] + model_nodes(
            scenario
        )
    out: list[nodes.Node] = []
    for key, label in NOTE_FIELDS:
        out.append(nodes.paragraph("", "", nodes.strong(text=f"{label}. ")))
        out += to_nodes(notes[key])
    out.append(nodes.paragraph("", "", nodes.strong(text="Debrief questions.")))
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for q in notes["questions"]:
        questions += nodes.list_item("", *to_nodes(q))
    out.append(questions)
    out.append(
        nodes.paragraph(
            "", "", nodes.strong(text="Alternative activity (for anyone who opts out). ")
        )
    )
    out += to_nodes(notes["alternative"])
    return out + model_nodes(scenario)


def model_nodes(scenario: dict) -> list[nodes.Node]:
    """The model choices of each decision (author-only data: never on a learner's page);
    nothing when the scenario marks none."""
    if not any(chosen for _, _, chosen in model_choices(scenario)):
        return []
    marks = nodes.bullet_list()
    for number, node_id, chosen in model_choices(scenario):
        said = "; ".join(f"choice {j + 1}, “{text.strip()}”" for j, text in chosen)
        marks += nodes.list_item(
            "", nodes.paragraph(text=f"Decision {number} ({node_id}): {said or 'none marked'}")
        )
    head = nodes.strong(text="Model choices (for the facilitator; learners never see this). ")
    return [nodes.paragraph("", "", head), marks]


class FacilitatorNotesDirective(SphinxDirective):
    """```{facilitator-notes} module1```: the notes of every scenario of a module."""

    required_arguments = 1
    has_content = False

    def run(self):
        for path in getattr(self.env, "coursekit_files", []):
            self.env.note_dependency(path)
        module = self.arguments[0]
        number = module.removeprefix("module")
        scenarios = [
            s
            for s in getattr(self.env, "coursekit_scenarios", {}).values()
            if str(s.get("module")) == number
        ]
        if not scenarios:
            logger.warning(
                f"facilitator-notes: no scenarios for {module!r} (expected module1, module2, ...)",
                location=self.get_location(),
                type="coursekit",
                subtype="facilitator",
            )
            return []
        out = []
        for scenario in sorted(scenarios, key=lambda s: s["id"]):
            block = nodes.container(classes=["ck-facilitator-notes"])
            block += nodes.rubric(text=scenario["title"])
            block += nodes.paragraph(
                text=f"Scenario {scenario['id']}."
                + (
                    " It has a content note."
                    if scenario.get("content_note")
                    else " No content note."
                )
            )
            block += notes_nodes(scenario)
            block += discussion_data(data=discussion_payload(scenario, self.env.coursekit_sections))
            out.append(block)
        return out


def add_discussion_to_scenarios(app, doctree, docname) -> None:
    """Beside every scenario mount: the data discussion mode needs."""
    scenarios = getattr(app.env, "coursekit_scenarios", {})
    for mount in list(doctree.findall(course_mount)):
        if mount["kind"] != "scenario" or mount["id"] not in scenarios:
            continue
        mount.parent.insert(
            mount.parent.index(mount) + 1,
            discussion_data(
                data=discussion_payload(scenarios[mount["id"]], app.env.coursekit_sections)
            ),
        )


def add_discussion_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    scenarios = any(True for _ in doctree.findall(discussion_data))
    prompts = any(m["kind"] == "reflection" for m in doctree.findall(course_mount))
    if scenarios or prompts:
        app.add_css_file("coursekit/discussion.css")
    if scenarios:
        app.add_js_file("coursekit/discussion-page.js", type="module")
    if prompts:  # skip a prompt for an alternative activity
        app.add_js_file("coursekit/optout-page.js", type="module")


def add_print_css(app) -> None:
    app.add_css_file("coursekit/print.css", media="print")


def setup(app) -> None:
    app.add_node(
        discussion_data,
        html=(visit_discussion_html, None),
        **{b: (skip, None) for b in ("latex", "text", "man", "texinfo")},
    )
    app.add_directive("facilitator-notes", FacilitatorNotesDirective)
    app.connect("doctree-resolved", add_discussion_to_scenarios)
    app.connect("html-page-context", add_discussion_assets, priority=900)
    app.connect("builder-inited", add_print_css)
