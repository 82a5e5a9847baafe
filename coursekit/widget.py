"""The scenario as a Jupyter widget: an anywidget whose front end is scenario.js."""
from __future__ import annotations

import html
from pathlib import Path

import anywidget
import traitlets

from .player import SCENARIO_CSS, SCENARIO_JS, mount_html, player_data
from .schema import EXERCISES, ContentError, load_scenario, scenario_paths


class ScenarioWidget(anywidget.AnyWidget):
    """Plays one scenario. ``path`` is the learner's choices: [{"node": id, "choice": i}]."""

    _esm = SCENARIO_JS
    _css = SCENARIO_CSS
    scenario = traitlets.Dict().tag(sync=True)
    path = traitlets.List().tag(sync=True)
    book_root = traitlets.Unicode("").tag(sync=True)

    def choices_made(self) -> list[str]:
        """The text of each choice on the learner's path, in order."""
        nodes = {n["id"]: n for n in self.scenario["nodes"]}
        return [nodes[s["node"]]["choices"][s["choice"]]["text"] for s in self.path]

    def _repr_mimebundle_(self, **kwargs):
        # The book page shows text/html (our own player, no ipywidgets manager); Jupyter
        # shows the widget view.
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/html"] = mount_html(self.scenario)
        return bundle


def find_scenario(scenario_id: str, root: Path = EXERCISES) -> Path:
    for path in scenario_paths(root):
        if path.stem == scenario_id:
            return path
    raise ContentError([f"{root / 'scenarios'}: id: no scenario file is named '{scenario_id}.yml'"])


class ContentProblem:
    """Shown in place of a scenario whose file is broken: the problems, as plain text."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def __repr__(self) -> str:
        return "This scenario cannot be shown:\n" + "\n".join(self.problems)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
        return f'<div role="alert"><p>This scenario cannot be shown:</p><ul>{items}</ul></div>'


def scenario(scenario_id: str) -> ScenarioWidget | ContentProblem:
    """The widget for a scenario id (its file is exercises/scenarios/<module>/<id>.yml),
    or, if the file is broken, a clear list of what is wrong with it."""
    try:
        return ScenarioWidget(scenario=player_data(load_scenario(find_scenario(scenario_id))))
    except ContentError as exc:
        return ContentProblem(exc.problems)
