"""Generate the learner notebooks (notebooks/<module>.ipynb) from the content data.

Each notebook holds the module's scenarios as widgets and its reflection prompts, each
followed by an ordinary markdown cell for the answer. ``python -m coursekit notebooks``
rewrites them; a test checks the committed notebooks match the data.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

from .files import write_notebook_if_changed
from .schema import EXERCISES, load_all

ROOT = EXERCISES.parent
NOTEBOOKS = ROOT / "notebooks"
JUPYTER_ONLY = "remove-cell"  # myst-nb's tag: the cell is left out of the book's web page
ANSWER_PLACEHOLDER = "*Write your answer here, in this cell. Double-click to edit; save the notebook to keep it.*"


def course(root: Path = EXERCISES) -> dict:
    return yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))


def _md(text: str, cell_id: str, **meta):
    cell = nbformat.v4.new_markdown_cell(text, id=cell_id)
    if meta:
        cell.metadata["coursekit"] = meta
    return cell


def _code(text: str, cell_id: str, **meta):
    cell = nbformat.v4.new_code_cell(text, id=cell_id)
    if meta:
        cell.metadata["coursekit"] = meta
    return cell


def _tagged(cell, tag: str):
    cell.metadata["tags"] = [tag]
    return cell


def rubric_summary(prompt: dict) -> str:
    criteria = "; ".join(c["criterion"] for c in prompt["rubric"])
    return f"*{prompt['points']} points · about {prompt['words'][0]}–{prompt['words'][1]} words · what is looked for: {criteria}.*"


def learner_notebook(module: str, scenarios: dict, reflections: dict, titles: dict) -> nbformat.NotebookNode:
    number = module.removeprefix("module")
    title = titles[module]
    # Cells tagged JUPYTER_ONLY say what only Jupyter can do; the book's web copy of the
    # notebook leaves them out (myst-nb's remove-cell) and says what the web page offers.
    cells = [
        _md(
            f"# Module {number} notebook: {title}\n\n"
            "This notebook holds the module's scenarios and reflection prompts.\n\n"
            f"Read [the module's reading](../book/{module}/reading.md) first.",
            "intro",
        ),
        _tagged(_md(
            "Run all cells (*Run → Run All Cells*) to start. Scenarios remember your choices; your "
            "reflections are the markdown cells below each prompt, kept when you save the notebook.",
            "in-jupyter"), JUPYTER_ONLY),
        _tagged(_code("from coursekit.widget import scenario", "setup"), JUPYTER_ONLY),
    ]
    module_scenarios = [s for s in scenarios.values() if f"module{s['module']}" == module]
    if module_scenarios:
        cells.append(_md("## Scenarios\n\nEach scenario is a situation with choices. Use the buttons, or *Tab* and *Enter*.", "scenarios"))
    for s in sorted(module_scenarios, key=lambda s: s["source"]):
        cells.append(_md(f"### {s['title']}\n\n**Goal:** {s['goal'].strip()}", f"about-{s['id']}"))
        cells.append(_tagged(_code(f'scenario("{s["id"]}")', f"play-{s['id']}", scenario=s["id"]), "remove-input"))
    prompts = reflections.get(module, {}).get("prompts", [])
    if prompts:
        cells.append(_md("## Reflections", "reflections"))
        cells.append(_tagged(_md(
            "Write each answer in the cell under its prompt. No one sees them unless you hand the "
            "notebook in.", "reflections-in-jupyter"), JUPYTER_ONLY))
    for p in prompts:
        cells.append(_md(f"### {p['title']}\n\n{p['prompt'].strip()}\n\n{rubric_summary(p)}", f"prompt-{p['id']}", prompt=p["id"]))
        cells.append(_tagged(_md(ANSWER_PLACEHOLDER, f"answer-{p['id']}", answer=p["id"]), JUPYTER_ONLY))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return nb


def write_learner_notebooks(root: Path = EXERCISES, out: Path = NOTEBOOKS) -> list[Path]:
    scenarios, reflections = load_all(root)
    titles = course(root)["modules"]
    out.mkdir(exist_ok=True)
    written = []
    for module in titles:
        nb = learner_notebook(module, scenarios, reflections, titles)
        path = out / f"{module}.ipynb"
        if write_notebook_if_changed(nb, path):  # unchanged: Sphinx need not execute it again
            written.append(path)
    return written
