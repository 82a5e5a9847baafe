"""Generate the learner notebooks (notebooks/<module>.ipynb) from the content data.

Each notebook holds the module's scenarios as widgets and its reflection prompts, each
followed by an ordinary markdown cell for the answer. Content text reaches the cells as
escaped Markdown (coursekit.textformat): paragraphs, emphasis and lists, never HTML or MyST.
``python -m coursekit notebooks`` rewrites them; a test checks the committed notebooks match the
data.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .content import (
    ARC_FILE,
    EXERCISES,
    ModuleArc,
    Reflections,
    Scenario,
    load_all,
    load_arc,
    module_titles,
)
from .files import write_notebook_if_changed
from .notebook_parts import ANSWER_PLACEHOLDER, notebook_metadata, rubric_summary
from .textformat import escape_inline, plain_markdown, to_markdown

ROOT = EXERCISES.parent
NOTEBOOKS = ROOT / "notebooks"
JUPYTER_ONLY = "remove-cell"  # myst-nb's tag: the cell is left out of the book's web page


# Cells as nbformat.v4's new_*_cell make them, without validating each one: the notebook is
# validated as a whole when it is written (files.py: nbformat.writes).
def _md(text: str, cell_id: str, **meta):
    cell = NotebookNode(id=cell_id, cell_type="markdown", source=text, metadata=NotebookNode())
    if meta:
        cell.metadata["coursekit"] = meta
    return cell


def _code(text: str, cell_id: str, **meta):
    cell = NotebookNode(
        id=cell_id,
        cell_type="code",
        metadata=NotebookNode(),
        execution_count=None,
        source=text,
        outputs=[],
    )
    if meta:
        cell.metadata["coursekit"] = meta
    return cell


def _tagged(cell, tag: str):
    cell.metadata["tags"] = [tag]
    return cell


def arc_cells(module_arc: ModuleArc) -> tuple[list, list]:
    """The learner's arc in the notebook (exercises/arc.yml): a confidence table to fill in at
    the start and the end, and the action plan at the end. Plain markdown the learner edits."""
    rows = "\n".join(f"| {escape_inline(s.text)} | | |" for s in module_arc.confidence)
    # Jupyter-only: on the book's page the module's own pages hold the ratings and the plan.
    start = [
        _tagged(
            _md(
                "## Your confidence, before and after\n\n"
                "Rate each statement from 1 (not at all confident) to 5 (very confident): the "
                "*Before* column now, the *After* column when you finish the module. Double-click "
                "this cell to edit it. Only you see it unless you hand the notebook in.\n\n"
                f"| Statement | Before (1–5) | After (1–5) |\n| --- | --- | --- |\n{rows}",
                "confidence",
                arc="confidence",
            ),
            JUPYTER_ONLY,
        )
    ]
    end = [
        _tagged(
            _md(
                "## Your next step\n\n"
                f"{to_markdown(module_arc.plan_prompt)}\n\n"
                "Double-click this cell and write one concrete commitment. The book's *Looking "
                "back, and your next step* page can also make calendar reminders for it.\n\n"
                "- **What I will do:**\n- **Where:**\n- **With whom:**\n- **By when:**",
                "action-plan",
                arc="plan",
            ),
            JUPYTER_ONLY,
        )
    ]
    return start, end


def learner_notebook(
    module: str,
    scenarios: dict[str, Scenario],
    reflections: dict[str, Reflections],
    titles: dict[str, str],
    arc: dict[str, ModuleArc] | None = None,
) -> nbformat.NotebookNode:
    number = module.removeprefix("module")
    if arc is None:
        arc = load_arc(EXERCISES) if (EXERCISES / ARC_FILE).exists() else {}
    start, end = arc_cells(arc[module]) if module in arc else ([], [])
    title = titles[module]
    # Cells tagged JUPYTER_ONLY say what only Jupyter can do; the book's web copy of the
    # notebook leaves them out (myst-nb's remove-cell) and says what the web page offers.
    cells = [
        _md(
            f"# Module {number} notebook: {plain_markdown(title)}\n\n"
            "This notebook holds the module's scenarios and reflection prompts.\n\n"
            f"Read [the module's reading](../book/{module}/reading.md) first.",
            "intro",
        ),
        _tagged(
            _md(
                "Run all cells (*Run → Run All Cells*) to start. Scenarios remember your choices; "
                "your reflections are the markdown cells below each prompt, kept when you save "
                "the notebook.",
                "in-jupyter",
            ),
            JUPYTER_ONLY,
        ),
        _tagged(_code("from coursekit.widget import scenario", "setup"), JUPYTER_ONLY),
        *start,
    ]
    module_scenarios = [s for s in scenarios.values() if f"module{s.module}" == module]
    if module_scenarios:
        cells.append(
            _md(
                "## Scenarios\n\nEach scenario is a situation with choices. Use the buttons, or "
                "*Tab* and *Enter*.",
                "scenarios",
            )
        )
    for s in sorted(module_scenarios, key=lambda s: s.source):
        # The goal is shown at the scenario's ending ("What this practised"), not before it.
        cells.append(_md(f"### {plain_markdown(s.title)}", f"about-{s.id}"))
        cells.append(
            _tagged(_code(f'scenario("{s.id}")', f"play-{s.id}", scenario=s.id), "remove-input")
        )
    prompts = reflections[module].prompts if module in reflections else []
    if prompts:
        cells.append(_md("## Reflections", "reflections"))
        cells.append(
            _tagged(
                _md(
                    "Write each answer in the cell under its prompt. No one sees them unless you "
                    "hand the notebook in.",
                    "reflections-in-jupyter",
                ),
                JUPYTER_ONLY,
            )
        )
    for p in prompts:
        cells.append(
            _md(
                f"### {plain_markdown(p.title)}\n\n{to_markdown(p.prompt, lists=True)}\n\n"
                f"{rubric_summary(p)}",
                f"prompt-{p.id}",
                prompt=p.id,
            )
        )
        cells.append(_tagged(_md(ANSWER_PLACEHOLDER, f"answer-{p.id}", answer=p.id), JUPYTER_ONLY))
    cells += end
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = notebook_metadata()
    return nb


def write_learner_notebooks(
    root: Path = EXERCISES, out: Path = NOTEBOOKS, content: tuple | None = None
) -> list[Path]:
    """Each module's learner notebook, written where its text changed; ``content``: the
    (scenarios, reflections) of ``root`` when the caller has read them already."""
    scenarios, reflections = content or load_all(root)
    titles = module_titles(root)
    arc = load_arc(root, list(titles)) if (root / ARC_FILE).exists() else {}
    out.mkdir(exist_ok=True)
    written = []
    for module in titles:
        nb = learner_notebook(module, scenarios, reflections, titles, arc)
        path = out / f"{module}.ipynb"
        if write_notebook_if_changed(nb, path):  # unchanged: Sphinx need not execute it again
            written.append(path)
    return written
