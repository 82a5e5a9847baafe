"""The scenario as a Jupyter widget: an anywidget whose front end is scenario.js.

In a kernel, the learner's path is kept beside the notebook (the kernel's working folder)
in ``coursekit.progress.json``, so re-running a scenario cell after a kernel restart, or on
reopening the notebook, resumes where the learner left off; the file travels with an
nbgrader submission. A damaged or foreign file is never trusted and never a crash: it is
ignored with a note shown above the player, and kept aside rather than overwritten.
"""
from __future__ import annotations

import html
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import anywidget
import traitlets

from .player import SCENARIO_CSS, SCENARIO_JS, mount_html, player_data
from .content import EXERCISES, ContentError, load_scenario, scenario_paths

PROGRESS_FILE = "coursekit.progress.json"
PROGRESS_MARK = "coursekit scenario progress"


def valid_path(scenario: dict, path) -> list[dict]:
    """The path cut at the first step that does not fit the scenario (as validPath() in
    scenario.js): stale or tampered progress is dropped from that point, never trusted."""
    nodes = {n["id"]: n for n in scenario["nodes"]}
    endings = {e["id"] for e in scenario["endings"]}
    kept: list[dict] = []
    here = scenario["nodes"][0]["id"] if scenario["nodes"] else None
    for step in path if isinstance(path, list) else []:
        node = nodes.get(here)
        if not node or not isinstance(step, dict) or step.get("node") != here:
            break
        choice = step.get("choice")
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(node["choices"]):
            break
        kept.append({"node": here, "choice": choice})
        here = node["choices"][choice]["next"]
        if here in endings:
            break
    return kept


class ProgressFile:
    """``{"coursekit": PROGRESS_MARK, "scenarios": {id: {"title", "path", "updated"}}}``.

    Problems come back as one-line notes for the learner that name the file and field."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / PROGRESS_FILE
        self.unreadable = ""  # why the file on disk cannot be used, if it cannot

    def _read(self) -> dict:
        self.unreadable = ""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as exc:
            self.unreadable = f"cannot be read ({exc.__class__.__name__})"
            return {}
        except json.JSONDecodeError as exc:
            self.unreadable = f"is not valid JSON (line {exc.lineno})"
            return {}
        if not isinstance(data, dict) or data.get("coursekit") != PROGRESS_MARK:
            self.unreadable = f'coursekit: is not a coursekit progress file (no "coursekit": "{PROGRESS_MARK}")'
            return {}
        if not isinstance(data.get("scenarios"), dict):
            self.unreadable = "scenarios: must be an object of scenario ids"
            return {}
        return data["scenarios"]

    def load(self, scenario: dict) -> tuple[list[dict], str]:
        """(the saved path that still fits the scenario, a note for the learner or "")."""
        sid = scenario["id"]
        entry = self._read().get(sid)
        if self.unreadable:
            return [], (f"{self.path.name}: {self.unreadable}. Your saved progress is ignored and this "
                        "scenario starts from the beginning; the file is kept aside when you make a choice.")
        if entry is None:
            return [], ""
        saved = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(saved, list):
            return [], f"{self.path.name}: scenarios.{sid}.path: must be a list of choices; ignored, this scenario starts from the beginning."
        kept = valid_path(scenario, saved)
        if len(kept) < len(saved):
            return kept, (f"{self.path.name}: scenarios.{sid}.path: only {len(kept)} of the {len(saved)} saved "
                          "choices still fit this scenario (it has changed); you resume from there.")
        return kept, ""

    def save(self, scenario: dict, path: list[dict]) -> tuple[bool, str]:
        """Write this scenario's path, keeping every other scenario's: (saved, "" or a note)."""
        scenarios = self._read()
        aside = None
        try:
            if self.unreadable:  # never overwrite what we cannot read: keep it for the learner
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                aside = self.path.with_name(f"coursekit-unreadable-{stamp}.progress.json")
                os.replace(self.path, aside)
            scenarios[scenario["id"]] = {
                "title": scenario["title"],
                "path": path,
                "updated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
            text = json.dumps({"coursekit": PROGRESS_MARK, "scenarios": scenarios}, indent=1, ensure_ascii=False)
            fd, tmp = tempfile.mkstemp(prefix=".coursekit-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            os.replace(tmp, self.path)
        except OSError as exc:
            return False, (f"{self.path}: your choices cannot be saved ({exc.strerror or exc}). The scenario "
                           "still works, but your place will be lost when the kernel restarts.")
        if aside:
            return True, (f"{self.path.name}: {self.unreadable}; it is kept as {aside.name}, "
                          "and your progress is now saved afresh.")
        return True, ""


class ScenarioWidget(anywidget.AnyWidget):
    """Plays one scenario. ``path`` is the learner's choices: [{"node": id, "choice": i}].
    ``notice`` is a note shown above the player (e.g. saved progress that was ignored)."""

    _esm = SCENARIO_JS
    _css = SCENARIO_CSS
    scenario = traitlets.Dict().tag(sync=True)
    path = traitlets.List().tag(sync=True)
    book_root = traitlets.Unicode("").tag(sync=True)
    notice = traitlets.Unicode("").tag(sync=True)

    def __init__(self, progress: ProgressFile | None = None, **kwargs):
        super().__init__(**kwargs)
        self.progress = progress
        self._save_failed = False  # the notice shown is a failed save, to clear once one works
        if progress is not None:
            self.path, self.notice = progress.load(self.scenario)
            self.observe(self._save_path, names="path")

    def _save_path(self, change) -> None:
        kept = valid_path(self.scenario, change["new"])
        saved, note = self.progress.save(self.scenario, kept)
        if note or self._save_failed:
            self.notice = note
        self._save_failed = not saved

    def choices_made(self) -> list[str]:
        """The text of each choice on the learner's path, in order."""
        nodes = {n["id"]: n for n in self.scenario["nodes"]}
        return [nodes[s["node"]]["choices"][s["choice"]]["text"] for s in valid_path(self.scenario, self.path)]

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
        data = player_data(load_scenario(find_scenario(scenario_id)))
    except ContentError as exc:
        return ContentProblem(exc.problems)
    if not _in_kernel():
        return ScenarioWidget(scenario=data)
    key = (scenario_id, Path.cwd())
    widget = _live.get(key)
    if widget is None or widget.comm is None or widget.scenario != data:
        widget = _live[key] = ScenarioWidget(scenario=data, progress=ProgressFile(Path.cwd()))
    return widget
