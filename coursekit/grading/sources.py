"""The nbgrader source notebook of a module, made from its reflection data.

One locked cell per prompt, one manually graded markdown answer cell per prompt, whose
``grade_id`` is the prompt's id and whose points come from the data; the exemplar sits in a
solution region that ``nbgrader generate_assignment`` removes. nbformat is imported by the
functions that write notebooks, so importing the grading package stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..content import Reflections, module_titles
from ..content.models import Prompt
from ..content.private_exemplars import private_exemplars
from ..notebook_parts import notebook_metadata, rubric_summary
from ..textformat import plain_markdown, to_markdown
from .common import EXERCISES, load_module, reflection_modules

if TYPE_CHECKING:
    import nbformat

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
GRADER_NOTE = "**For graders only** (nbgrader removes this from the release version)."


def _nbgrader(grade_id: str, *, locked=False, solution=False, grade=False, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


def _cell(text: str, grade_id: str, **nbgrader_meta):
    import nbformat

    cell = nbformat.v4.new_markdown_cell(text, id=grade_id)
    cell.metadata["nbgrader"] = _nbgrader(grade_id, **nbgrader_meta)
    return cell


def prompt_cell_id(prompt_id: str) -> str:
    return f"{prompt_id}-prompt"


def answer_source(prompt: Prompt) -> str:
    """The source notebook's answer cell: only the placeholder survives into the release."""
    return "\n".join(
        [
            SOLUTION_BEGIN,
            GRADER_NOTE
            + " Score this answer with the rubric (grading sheet or the book's *Rubrics* page).",
            "",
            "**Exemplar:**",
            "",
            prompt.exemplar.strip(),
            SOLUTION_END,
        ]
    )


def source_notebook(
    module: str, reflections: Reflections, module_title: str
) -> nbformat.NotebookNode:
    import nbformat

    number = module.removeprefix("module")
    prompts = reflections.prompts
    total = sum(p.points for p in prompts)
    cells = [
        _cell(
            f"# Module {number} reflections: {plain_markdown(module_title)}\n\n"
            f"This assignment has {len(prompts)} written reflections, worth {total} points in all. "
            "Write each answer in the cell under its prompt (double-click the cell to edit it), "
            "then save the notebook and hand it in.\n\n"
            "The instruction and prompt cells are locked: please leave them as they are. "
            "You do not need to share anything personal; an example you have read about or "
            "imagined is just as good.",
            "instructions",
            locked=True,
        )
    ]
    for p in prompts:
        cells.append(
            _cell(
                f"## {plain_markdown(p.title)}\n\n{to_markdown(p.prompt, lists=True)}\n\n"
                f"{rubric_summary(p)}",
                prompt_cell_id(p.id),
                locked=True,
            )
        )
        cells.append(_cell(answer_source(p), p.id, solution=True, grade=True, points=p.points))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = notebook_metadata()
    return nb


def write_source_notebooks(root: Path = EXERCISES) -> list[tuple[Path, int]]:
    """Each module's source notebook, with the instructor's own exemplars where
    reflections-private/<module>.yml gives them: [(path, how many exemplars were private)].
    A broken private file raises ContentError naming its file and field."""
    import nbformat

    titles = module_titles(root)
    written = []
    for module in reflection_modules(root):
        reflections = load_module(root, module)
        mine = private_exemplars(root, module, [p.id for p in reflections.prompts])
        prompts = [
            p.model_copy(update={"exemplar": mine[p.id]}) if p.id in mine else p
            for p in reflections.prompts
        ]
        own = reflections.model_copy(update={"prompts": prompts})
        path = root / "source" / module / f"{module}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(source_notebook(module, own, titles[module]), path)
        written.append((path, len(mine)))
    return written
