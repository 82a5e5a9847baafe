"""Generate the learner notebooks (notebooks/<module>.ipynb) from the content data.

Each notebook holds the module's scenarios as widgets and its reflection prompts, each
followed by an ordinary markdown cell for the answer. Content text reaches the cells as
escaped Markdown (coursekit.textformat): paragraphs, emphasis and lists, never HTML or MyST. ``python -m coursekit notebooks``
rewrites them; a test checks the committed notebooks match the data.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .content import EXERCISES, load_all, load_course
from .textformat import escape_inline, plain_markdown, to_markdown

ROOT = EXERCISES.parent
NOTEBOOKS = ROOT / "notebooks"
ANSWER_PLACEHOLDER = "*Write your answer here, in this cell. Double-click to edit; save the notebook to keep it.*"


def course(root: Path = EXERCISES) -> dict:
    """{title, modules: {module id: title}} in course order, from exercises/course.yml
    (the full model, with numbers and folders, is ``content.load_course``)."""
    data = load_course(root)
    return {"title": data["title"], "modules": {m["id"]: m["title"] for m in data["modules"]}}


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


def rubric_summary(prompt: dict) -> str:
    criteria = "; ".join(escape_inline(c["criterion"]) for c in prompt["rubric"])
    return f"*{prompt['points']} points · about {prompt['words'][0]}–{prompt['words'][1]} words · what is looked for: {criteria}.*"


def learner_notebook(module: str, scenarios: dict, reflections: dict, titles: dict) -> nbformat.NotebookNode:
    number = module.removeprefix("module")
    title = titles[module]
    cells = [
        _md(
            f"# Module {number} notebook: {plain_markdown(title)}\n\n"
            "This notebook holds the module's scenarios and reflection prompts. Run all cells "
            "(*Run → Run All Cells*) to start. Scenarios remember your choices; your reflections "
            "are the markdown cells below each prompt, kept when you save the notebook.\n\n"
            f"Read [the module's reading](../book/{module}/reading.md) first.",
            "intro",
        ),
        _code("from coursekit.widget import scenario", "setup"),
    ]
    module_scenarios = [s for s in scenarios.values() if f"module{s['module']}" == module]
    if module_scenarios:
        cells.append(_md("## Scenarios\n\nEach scenario is a situation with choices. Use the buttons, or *Tab* and *Enter*.", "scenarios"))
    for s in sorted(module_scenarios, key=lambda s: s["source"]):
        # The goal is shown at the scenario's ending ("What this practised"), not before it.
        cells.append(_md(f"### {plain_markdown(s['title'])}", f"about-{s['id']}"))
        cells.append(_code(f'scenario("{s["id"]}")', f"play-{s['id']}", scenario=s["id"]))
    prompts = reflections.get(module, {}).get("prompts", [])
    if prompts:
        cells.append(_md(
            "## Reflections\n\nWrite each answer in the cell under its prompt. No one sees them "
            "unless you hand the notebook in.",
            "reflections",
        ))
    for p in prompts:
        cells.append(_md(f"### {plain_markdown(p['title'])}\n\n{to_markdown(p['prompt'], lists=True)}\n\n{rubric_summary(p)}",
                         f"prompt-{p['id']}", prompt=p["id"]))
        cells.append(_md(ANSWER_PLACEHOLDER, f"answer-{p['id']}", answer=p["id"]))
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
        nbformat.write(nb, path)
        written.append(path)
    return written
