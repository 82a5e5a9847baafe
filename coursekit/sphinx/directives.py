"""The course's directives and the assets that bring them to life.

Usage in a MyST page::

    ```{scenario} m1-shared-kitchen
    ```

    ```{reflections} module1
    ```
    (every prompt of exercises/reflections/module1.yml, in the file's order; or one prompt
    with ```{reflection} m1-partnership```)

    ```{journal}
    ```
    (the learner's journal: every reflection and scenario outcome, download and import)

Each directive returns a mount node holding its data (mounts.py), and content text as
docutils text nodes (coursekit.textformat: paragraphs, emphasis, lists; never HTML or MyST).
A reflection's exemplar never reaches a page. A broken content file fails the build with
``path: field: reason``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content import (
    Prompt,
    Reflections,
    Scenario,
    Section,
    arc_data,
    content_files,
    load_valid,
)
from ..player import ASSETS, discussion_payload, stage_html
from ..readings import reading_sections, unknown_reading_labels
from ..textformat import to_nodes
from .mounts import course_mount, section_of

logger = logging.getLogger(__name__)
# What the journal keeps of a scenario (JSON): what it takes to name the ending a path
# reaches, with remember and conditional next as the player reads them.
JOURNAL_GRAPH: dict[str, Any] = {
    "nodes": {"__all__": {"id": True, "choices": {"__all__": {"text", "remember", "next"}}}},
    "endings": {"__all__": {"id", "title"}},
}
# Where each scenario, reflection prompt and journal is placed: {id: docname}.
PLACEMENTS = ("coursekit_placed", "coursekit_placed_prompts", "coursekit_journals")


def placed(env: Any, name: str) -> dict[str, str]:
    """One of the PLACEMENTS of the build environment: {id: docname}."""
    found: dict[str, str] = getattr(env, name)
    return found


def load_content(app) -> None:
    """Load and check every content file once per build. A broken file is reported as
    `path: field: reason` and left out; the valid ones are used as usual."""
    env = app.env
    root = Path(app.config.coursekit_exercises)  # absolute: default_folders
    scenarios, reflections, problems, broken = load_valid(root)
    sections = reading_sections(Path(app.config.coursekit_book), root=Path(app.srcdir))
    problems += unknown_reading_labels(scenarios, sections)
    for problem in problems:
        logger.warning(problem, type="coursekit", subtype="content")
    env.coursekit_scenarios, env.coursekit_reflections, env.coursekit_sections = (
        scenarios,
        reflections,
        sections,
    )
    env.coursekit_broken = broken
    env.coursekit_files = [str(p) for p in content_files(root)]


class CourseDirective(SphinxDirective):
    """A directive that shows course content. Its page is read again when a file it shows
    changes, and only then: the author's data-edit loop re-reads the pages of that data, not
    every page with a widget."""

    required_arguments = 1
    has_content = False

    def depend_on_content(self, *shown: str) -> None:
        """Depend on the files ``shown`` (and course.yml); on every content file when none is
        named or some file is broken, so the page is read again once it is mended."""
        files = getattr(self.env, "coursekit_files", [])
        if shown and not getattr(self.env, "coursekit_broken", set()):
            files = [f for f in files if Path(f).name == "course.yml"] + list(shown)
        for path in files:
            self.env.note_dependency(path)

    def missing(self, kind: str, name: str | None, hint: str) -> list:
        """Nothing for content whose file is broken (its problem is already reported; with
        name None, whenever some file is); otherwise an error naming what was asked for."""
        broken: set[str] = getattr(self.env, "coursekit_broken", set())
        if name in broken or (name is None and broken):
            return []
        raise self.error(f"{kind}: {hint}")


class ScenarioDirective(CourseDirective):
    """Play the scenario with the given id on this page."""

    def run(self):
        scenario_id = self.arguments[0]
        scenario = getattr(self.env, "coursekit_scenarios", {}).get(scenario_id)
        self.depend_on_content(*([scenario.source] if scenario else []))
        if scenario is None:
            return self.missing(
                "scenario",
                scenario_id,
                f"no valid scenario has the id '{scenario_id}' (see exercises/scenarios/)",
            )
        self.env.coursekit_placed[scenario_id] = self.env.docname
        return [scenario_mount(scenario, self.env.coursekit_sections)]


def scenario_mount(scenario: Scenario, sections: dict[str, Section]) -> course_mount:
    """A scenario's mount: its start view in the page, its data in the file that discussion
    mode reads too (the same data, so the same file: player.discussion_payload)."""
    return course_mount(
        kind="scenario",
        id=scenario.id,
        title=scenario.title,
        data=discussion_payload(scenario, sections),
        view=stage_html(scenario.play),
    )


def reflection_data(prompt: Prompt, module: int) -> dict[str, Any]:
    """A prompt as the page's reflection box reads it (JSON). Fields are picked one by one, so
    the exemplar (for graders only) never reaches the page."""
    return {
        "id": prompt.id,
        "module": module,
        "title": prompt.title,
        "prompt": prompt.prompt,
        "words": list(prompt.words),
        "criteria": [
            {"criterion": c.criterion, "meets": c.levels[-1].description} for c in prompt.rubric
        ],
    }


class ReflectionDirective(CourseDirective):
    """One reflection prompt, by id: its title as a heading, the prompt, and an answer box."""

    def run(self):
        self.depend_on_reflections()
        prompt_id = self.arguments[0]
        for reflections in getattr(self.env, "coursekit_reflections", {}).values():
            for prompt in reflections.prompts:
                if prompt.id == prompt_id:
                    return [self.prompt_section(reflections, prompt)]
        return self.missing(
            "reflection",
            None,
            f"no valid reflection prompt has the id '{prompt_id}' (see exercises/reflections/)",
        )

    def depend_on_reflections(self) -> None:
        found = getattr(self.env, "coursekit_reflections", {}).values()
        self.depend_on_content(*(r.source for r in found))

    def prompt_section(self, reflections: Reflections, prompt: Prompt) -> nodes.section:
        placed(self.env, "coursekit_placed_prompts")[prompt.id] = self.env.docname
        section = nodes.section(ids=[prompt.id])
        section += nodes.title(text=prompt.title)
        section += to_nodes(prompt.prompt, lists=True)
        section += course_mount(
            kind="reflection", id=prompt.id, data=reflection_data(prompt, reflections.module)
        )
        return section


class ReflectionsDirective(ReflectionDirective):
    """Every prompt of one module's reflection file (``module1``), in the file's order: the
    data decides which prompts a page has."""

    def run(self):
        self.depend_on_reflections()
        module = self.arguments[0]
        reflections = getattr(self.env, "coursekit_reflections", {}).get(module)
        if reflections is None:
            known = ", ".join(sorted(getattr(self.env, "coursekit_reflections", {}))) or "none"
            return self.missing(
                "reflections",
                module,
                f"no valid reflection file for '{module}' "
                f"(exercises/reflections/{module}.yml; known: {known})",
            )
        return [self.prompt_section(reflections, prompt) for prompt in reflections.prompts]


class journal_placeholder(nodes.General, nodes.Element):
    """Where the journal goes; filled once every page is read (see fill_journals)."""


class JournalDirective(SphinxDirective):
    """The learner's journal: every reflection and scenario outcome of the course."""

    has_content = False

    def run(self):
        self.env.coursekit_journals[self.env.docname] = self.env.docname
        return [journal_placeholder()]


def chapter_title(env, docname: str, fallback: str) -> str:
    """The title of the page whose table of contents includes ``docname`` (its module)."""
    for parent, children in env.toctree_includes.items():
        if docname in children and parent in env.titles:
            return env.titles[parent].astext()
    return fallback


def journal_data(app, docname: str) -> dict[str, Any]:
    """What the journal needs (JSON): per module, its prompts and scenarios with links to where
    they are placed; scenarios keep only what it takes to name the ending a path reaches."""
    env, builder = app.env, app.builder

    def link(placed: str, anchor: str = "") -> str:
        return builder.get_relative_uri(docname, placed) + (f"#{anchor}" if anchor else "")

    first_placed: dict[int, str] = {}  # module number -> the first page that holds its work
    prompts: dict[int, list[dict[str, Any]]] = {}
    scenarios: dict[int, list[dict[str, Any]]] = {}
    for reflections in env.coursekit_reflections.values():
        for prompt in reflections.prompts:
            placed = env.coursekit_placed_prompts.get(prompt.id)
            if placed:
                first_placed.setdefault(reflections.module, placed)
                prompts.setdefault(reflections.module, []).append(
                    {**reflection_data(prompt, reflections.module), "href": link(placed, prompt.id)}
                )
    doctrees: dict[str, Any] = {}  # a page's doctree unpickled once, not once per scenario
    for scenario in sorted(env.coursekit_scenarios.values(), key=lambda s: s.source):
        placed = env.coursekit_placed.get(scenario.id)
        if placed:
            if placed not in doctrees:
                doctrees[placed] = env.get_doctree(placed)
            anchor = section_of(doctrees[placed], "scenario", scenario.id)
            first_placed.setdefault(scenario.module, placed)
            scenarios.setdefault(scenario.module, []).append(
                {
                    "id": scenario.id,
                    "title": scenario.title,
                    "module": scenario.module,
                    "href": link(placed, anchor),
                    **scenario.play.model_dump(include=JOURNAL_GRAPH),
                }
            )
    # Jupyter Book sets html_title from _config.yml's title; `project` it leaves unset.
    return {
        "title": app.config.html_title or app.config.project,
        "modules": [
            {
                "module": n,
                "title": chapter_title(env, first_placed[n], f"Module {n}"),
                "prompts": prompts.get(n, []),
                "scenarios": scenarios.get(n, []),
            }
            for n in sorted(first_placed)
        ],
        "arc": arc_data(getattr(env, "coursekit_arc", {})),  # confidence statements, sphinx/arc.py
    }


def fill_journals(app, doctree, docname) -> None:
    for node in doctree.findall(journal_placeholder):
        data = journal_data(app, docname)
        node.replace_self(course_mount(kind="journal", id="", data=data))


def start_placements(app) -> None:
    for name in PLACEMENTS:
        if not isinstance(getattr(app.env, name, None), dict):
            setattr(app.env, name, {})


def purge_placements(app, env, docname) -> None:
    for name in PLACEMENTS:
        placed = getattr(env, name, {})
        for key in [k for k, doc in placed.items() if doc == docname]:
            del placed[key]


def merge_placements(app, env, docnames, other) -> None:
    for name in PLACEMENTS:
        getattr(env, name).update(
            {k: doc for k, doc in getattr(other, name, {}).items() if doc in docnames}
        )


def journals_always_outdated(app, env, added, changed, removed) -> list[str]:
    """A journal shows the whole course: rebuild it whenever anything is built."""
    return [doc for doc in env.coursekit_journals if doc not in removed]


def check_all_placed(app, env) -> None:
    """An author who adds a scenario or a reflection prompt but puts it on no page is told so."""
    placed = getattr(env, "coursekit_placed", {})
    for scenario_id, scenario in sorted(getattr(env, "coursekit_scenarios", {}).items()):
        if scenario_id not in placed:
            logger.warning(
                f"{scenario.source}: id: scenario '{scenario_id}' is on no page; "
                f"add a {{scenario}} {scenario_id} directive to its module's scenarios page",
                type="coursekit",
                subtype="content",
            )
    placed_prompts = getattr(env, "coursekit_placed_prompts", {})
    for module, reflections in sorted(getattr(env, "coursekit_reflections", {}).items()):
        for i, prompt in enumerate(reflections.prompts):
            if prompt.id not in placed_prompts:
                logger.warning(
                    f"{reflections.source}: prompts[{i}].id: reflection prompt '{prompt.id}' "
                    "is on no page; "
                    f"add a {{reflections}} {module} directive to its module's reflections page",
                    type="coursekit",
                    subtype="content",
                )


# Each directive of this file under its name in the pages (sphinx/__init__.py registers them all):
# a new page kind's directive is a class above and a row here.
DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "scenario": ScenarioDirective,
    "reflection": ReflectionDirective,
    "reflections": ReflectionsDirective,
    "journal": JournalDirective,
}


def add_static_path(app) -> None:
    # At builder-inited: Jupyter Book sets html_static_path after config-inited.
    if str(ASSETS) not in app.config.html_static_path:
        app.config.html_static_path.append(str(ASSETS))
