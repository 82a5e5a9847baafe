"""The ``{rubrics}`` directive, for the instructors' page of the book.

Usage in a MyST page::

    ```{rubrics}
    ```
    (every module that has reflection prompts; or one module with ```{rubrics} module1```)

Each prompt becomes a section with its points and word guidance, the prompt, and its rubric
as a table (criterion, points, what the level looks like). The data comes from
exercises/reflections/ as loaded by coursekit.sphinx; nothing is copied.

Exemplar answers are for graders only, and the public book is open to learners: they are
added only when ``coursekit_exemplars`` is true, which the environment variable
``COURSEKIT_EXEMPLARS=1`` sets (``make instructors`` builds that private copy of the book),
the instructor's own from exercises/reflections-private/ where they give one.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..content import ContentError, Prompt, module_titles
from ..content.private_exemplars import private_exemplars, private_path
from ..textformat import to_nodes


def _table(prompt: Prompt) -> nodes.table:
    """Criterion | Points | What it looks like; the criterion cell spans its levels."""
    table = nodes.table(classes=["ck-rubric"])
    table += nodes.title(text=f"Rubric: {prompt.title} ({prompt.points} points)")
    group = nodes.tgroup(cols=3)
    table += group
    for width in (30, 10, 60):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for label in ("Criterion", "Points", "What the answer does"):
        row += nodes.entry("", nodes.paragraph(text=label))
    head += row
    group += head
    body = nodes.tbody()
    for criterion in prompt.rubric:
        levels = list(reversed(criterion.levels))  # the highest level first
        for i, level in enumerate(levels):
            row = nodes.row()
            if i == 0:
                row += nodes.entry(
                    "",
                    nodes.paragraph(text=f"{criterion.criterion} (up to {criterion.max})"),
                    morerows=len(levels) - 1,
                )
            row += nodes.entry("", nodes.paragraph(text=str(level.points)))
            row += nodes.entry("", *to_nodes(level.description))
            body += row
    group += body
    return table


class RubricsDirective(SphinxDirective):
    """Rubrics and exemplars of one module's reflection prompts, or of every module's."""

    optional_arguments = 1
    has_content = False

    def run(self):
        reflections = getattr(self.env, "coursekit_reflections", {})
        if self.arguments:
            module = self.arguments[0]
            if module not in reflections:
                known = ", ".join(sorted(reflections)) or "none"
                raise self.error(
                    f"rubrics: no valid reflection file for '{module}' "
                    f"(exercises/reflections/{module}.yml; known: {known})"
                )
            return [
                self.prompt_section(p, reflections[module].source)
                for p in reflections[module].prompts
            ]
        titles = module_titles(Path(self.config.coursekit_exercises))
        sections = []
        for module in [m for m in titles if m in reflections]:
            section = nodes.section(ids=[f"rubrics-{module}"])
            section += nodes.title(text=f"Module {module.removeprefix('module')}: {titles[module]}")
            section += [
                self.prompt_section(p, reflections[module].source)
                for p in reflections[module].prompts
            ]
            sections.append(section)
        return sections

    def prompt_section(self, prompt: Prompt, source: str) -> nodes.section:
        self.env.note_dependency(source)
        section = nodes.section(ids=[f"rubric-{prompt.id}"])
        section += nodes.title(text=prompt.title)
        low, high = prompt.words
        section += nodes.paragraph(
            text=(f"{prompt.points} points · {low}–{high} words · nbgrader grade id: {prompt.id}")
        )
        quote = nodes.block_quote()
        quote += to_nodes(prompt.prompt, lists=True)
        section += quote
        section += _table(prompt)
        if self.config.coursekit_exemplars:
            exemplar = nodes.admonition(classes=["ck-exemplar"])
            exemplar += nodes.title(text="Exemplar answer (for graders only)")
            exemplar += to_nodes(self.exemplar(prompt, source), lists=True)
            section += exemplar
        return section

    def exemplar(self, prompt: Prompt, source: str) -> str:
        """The instructor's own exemplar (reflections-private/<module>.yml), else the course's."""
        module = Path(source).stem
        private = private_path(Path(source).parent.parent, module)
        if not private.exists():
            return prompt.exemplar
        self.env.note_dependency(str(private))
        ids = [p.id for p in getattr(self.env, "coursekit_reflections", {})[module].prompts]
        try:
            return private_exemplars(private.parent.parent, module, ids).get(
                prompt.id, prompt.exemplar
            )
        except ContentError as exc:
            raise self.error("\n".join(exc.problems)) from None
