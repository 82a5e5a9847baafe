"""Learner notebooks: generated from the data, executed under nbclient, widget state in Python."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from coursekit.content import load_all, module_titles
from coursekit.notebooks import NOTEBOOKS, learner_notebook
from coursekit.widget import ContentProblem, ScenarioWidget, scenario


def strip(nb):
    return [(c.cell_type, c.source, c.metadata.get("coursekit")) for c in nb.cells]


@pytest.mark.parametrize("module", list(module_titles()))
def test_committed_notebook_matches_the_data(module):
    """Prompts and scenarios are never copied by hand: the notebook is what the data makes."""
    scenarios, reflections = load_all()
    expected = learner_notebook(module, scenarios, reflections, module_titles())
    committed = nbformat.read(NOTEBOOKS / f"{module}.ipynb", as_version=4)
    assert strip(committed) == strip(expected), "run `make notebooks` and commit the result"


@pytest.mark.slow
def test_module1_notebook_executes_and_holds_the_scenarios(tmp_path):
    nb = nbformat.read(NOTEBOOKS / "module1.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    outputs = [
        c
        for c in nb.cells
        if c.cell_type == "code" and (c.metadata.get("coursekit") or {}).get("scenario")
    ]
    assert outputs, "the module 1 notebook plays at least one scenario"
    for cell in outputs:
        data = cell.outputs[0]["data"]
        assert "application/vnd.jupyter.widget-view+json" in data
        assert (
            f'data-coursekit-scenario="{cell.metadata["coursekit"]["scenario"]}"'
            in data["text/html"]
        )


def test_widget_holds_scenario_and_an_empty_path_driven_from_python():
    scenarios, _ = load_all()
    sid = sorted(s for s in scenarios if s.startswith("m1-"))[0]
    w = scenario(sid)
    assert isinstance(w, ScenarioWidget)
    assert w.scenario["id"] == sid and w.path == []
    first = w.scenario["nodes"][0]
    w.path = [{"node": first["id"], "choice": 1}]
    assert w.choices_made() == [first["choices"][1]["text"]]
    state = w.get_state()
    assert state["path"] == [{"node": first["id"], "choice": 1}]
    assert state["scenario"]["title"] == scenarios[sid].title


def test_broken_or_unknown_scenario_shows_a_clear_problem_not_a_traceback():
    shown = scenario("no-such-scenario")
    assert isinstance(shown, ContentProblem)
    assert "no scenario file is named 'no-such-scenario.yml'" in repr(shown)
    assert "<li>" in shown._repr_html_()
