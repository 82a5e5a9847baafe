"""The scenario as a Jupyter widget: an anywidget whose front end is scenario.js.

In a kernel the learner's path (with what they wrote at nodes that ask) is kept beside the
notebook in ``coursekit.progress.json`` (progress.py). Each change of path from the player
carries a revision that the kernel echoes once it has saved it; a player whose kernel no
longer answers (restarted or stopped) says so and pauses instead of losing choices.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from .book_link import book_url
from .content import EXERCISES, ContentError, Scenario, Section, load_scenario, scenario_paths
from .mount import mount_html
from .player import SCENARIO_CSS, player_data, player_esm, stage_html

# PROGRESS_FILE and PROGRESS_MARK are re-exported: tests import them from here
from .progress import PROGRESS_FILE, PROGRESS_MARK, ProgressFile, valid_path  # noqa: F401


class ScenarioWidget(anywidget.AnyWidget):
    """Plays one scenario. Its state is JSON: ``scenario`` as the front end reads it
    (player.player_data); ``path`` the learner's steps, [{"node": id, "choice": i,
    "words"?: text}]; ``notice`` a note shown above the player (e.g. saved progress that was
    ignored). Python reads the scenario itself, ``content``."""

    _esm = player_esm()
    _css = SCENARIO_CSS
    scenario = traitlets.Dict().tag(sync=True)
    path: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    book_root = traitlets.Unicode("").tag(sync=True)
    notice = traitlets.Unicode("").tag(sync=True)
    # Set by the player with each change it makes; echoed once the kernel has saved it.
    confirm_saves = traitlets.Bool(False).tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)
    saved_revision = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        content: Scenario,
        progress: ProgressFile | None = None,
        sections: dict[str, Section] | None = None,
        **kwargs: Any,
    ):
        super().__init__(scenario=player_data(content, sections), **kwargs)
        self.content = content
        self.progress = progress
        self._save_failed = False  # the notice shown is a failed save, to clear once one works
        if progress is not None:
            try:
                self.path, self.notice = progress.load(content.play)
            except Exception as exc:  # noqa: BLE001
                # whatever is on disk: never a traceback in the cell
                self.path, self.notice = (
                    [],
                    (
                        f"{progress.path.name}: could not be read ({exc.__class__.__name__}); "
                        "this scenario starts from the beginning."
                    ),
                )
            self.confirm_saves = True
            self.observe(self._save_path, names=["path", "revision"])

    def _save_path(self, change: object) -> None:
        if self.progress is None:
            return
        kept = valid_path(self.content.play, self.path)
        saved, note = self.progress.save(self.content.play, kept)
        if note or self._save_failed:
            self.notice = note
        self._save_failed = not saved
        self.saved_revision = self.revision  # the kernel answered (a failed save is in the notice)

    def choices_made(self) -> list[str]:
        """The text of each choice on the learner's path, in order."""
        nodes = {n.id: n for n in self.content.play.nodes}
        return [
            nodes[s["node"]].choices[s["choice"]].text
            for s in valid_path(self.content.play, self.path)
        ]

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # The book page shows text/html (our own player, no ipywidgets manager); Jupyter
        # shows the widget view.
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if data is None:
            return bundle
        play = self.content.play
        # The data as the book's pages hold it (the book turns this into its own mount,
        # sphinx/notebook_pages.py).
        data["text/html"] = mount_html(
            "scenario",
            play.id,
            {"scenario": self.scenario, "notes": None},
            stage_html(play),
            play.title,
        )
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


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


# One live widget per scenario and folder in this kernel: re-running a cell, or asking
# scenario(id) again to read the path from Python, gives the widget the learner is playing.
_live: dict[tuple[str, Path], ScenarioWidget] = {}


def scenario(scenario_id: str) -> ScenarioWidget | ContentProblem:
    """The widget for a scenario id (its file is exercises/scenarios/<module>/<id>.yml),
    or, if the file is broken, a clear list of what is wrong with it. In a kernel the
    learner's path is kept in coursekit.progress.json in the working folder."""
    try:
        content = load_scenario(find_scenario(scenario_id))
    except ContentError as exc:
        return ContentProblem(exc.problems)
    if not _in_kernel():
        return ScenarioWidget(content)
    key = (scenario_id, Path.cwd())
    widget = _live.get(key)
    if widget is None or widget.comm is None or widget.scenario != player_data(content):
        widget = _live[key] = ScenarioWidget(content, progress=ProgressFile(Path.cwd()))
    widget.book_root = book_url()  # "In the reading: …" links to the book (book_link.py)
    return widget
