"""The facilitator's kit in the book: notes per scenario, and discussion mode on any page
that holds a scenario.

Usage in a MyST page::

    ```{facilitator-notes} module1
    ```
    (every scenario of the module: key point, usual choice, misconception, debrief
    questions, alternative activity; each with a "Discuss with a group" button)

Every scenario mount on a book page (not a notebook's) also gets a ``course_mount`` of kind
``discussion`` beside it, so its page loads ``discussion-page.js`` (coursekit.mount.KINDS).
Both name the same data file (the scenario as the player reads it, with the facilitator's
notes): the data is written once.
All text goes through the safe formatter.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

from ..content import Scenario, Section
from ..content.review import model_choices
from ..player import discussion_payload
from ..textformat import to_nodes
from .directives import CourseDirective
from .mounts import course_mount

logger = logging.getLogger(__name__)


def discussion_mount(scenario: Scenario, sections: dict[str, Section]) -> course_mount:
    return course_mount(
        kind="discussion", id=scenario.id, data=discussion_payload(scenario, sections)
    )


def notes_nodes(scenario: Scenario) -> list[nodes.Node]:
    """The facilitator's notes of one scenario as docutils nodes (safe formatter only)."""
    notes = scenario.facilitator
    if not notes:
        return [nodes.paragraph(text="This scenario has no facilitator notes yet.")] + model_nodes(
            scenario
        )
    out: list[nodes.Node] = []
    for label, text in (
        ("Key point", notes.key_point),
        ("What groups usually choose, and why", notes.usual_choice),
        ("A common misconception", notes.misconception),
    ):
        out.append(nodes.paragraph("", "", nodes.strong(text=f"{label}. ")))
        out += to_nodes(text)
    out.append(nodes.paragraph("", "", nodes.strong(text="Debrief questions.")))
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for q in notes.questions:
        questions += nodes.list_item("", *to_nodes(q))
    out.append(questions)
    out.append(
        nodes.paragraph(
            "", "", nodes.strong(text="Alternative activity (for anyone who opts out). ")
        )
    )
    out += to_nodes(notes.alternative)
    return out + model_nodes(scenario)


def model_nodes(scenario: Scenario) -> list[nodes.Node]:
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


class FacilitatorNotesDirective(CourseDirective):
    """```{facilitator-notes} module1```: the notes of every scenario of a module."""

    def run(self):
        module = self.arguments[0]
        number = module.removeprefix("module")
        scenarios = [
            s
            for s in getattr(self.env, "coursekit_scenarios", {}).values()
            if str(s.module) == number
        ]
        # Read again when one of these scenarios changes (any file, while one is broken).
        self.depend_on_content(*(s.source for s in scenarios))
        if not scenarios:
            logger.warning(
                f"facilitator-notes: no scenarios for {module!r} (expected module1, module2, ...)",
                location=self.get_location(),
                type="coursekit",
                subtype="facilitator",
            )
            return []
        out = []
        for scenario in sorted(scenarios, key=lambda s: s.id):
            block = nodes.container(classes=["ck-facilitator-notes"])
            block += nodes.rubric(text=scenario.title)
            block += nodes.paragraph(
                text=f"Scenario {scenario.id}."
                + (" It has a content note." if scenario.content_note else " No content note.")
            )
            block += notes_nodes(scenario)
            block += discussion_mount(scenario, self.env.coursekit_sections)
            out.append(block)
        return out


def add_discussion_to_scenarios(app, doctree, docname) -> None:
    """Beside every scenario mount: the data discussion mode needs."""
    scenarios = getattr(app.env, "coursekit_scenarios", {})
    for mount in list(doctree.findall(course_mount)):
        if mount["kind"] != "scenario" or mount["id"] not in scenarios or mount.get("notebook"):
            continue
        beside = discussion_mount(scenarios[mount["id"]], app.env.coursekit_sections)
        mount.parent.insert(mount.parent.index(mount) + 1, beside)


def add_print_css(app) -> None:
    app.add_css_file("coursekit/print.css", media="print")


def setup(app) -> None:
    app.add_directive("facilitator-notes", FacilitatorNotesDirective)
    app.connect("doctree-resolved", add_discussion_to_scenarios)
    app.connect("builder-inited", add_print_css)
