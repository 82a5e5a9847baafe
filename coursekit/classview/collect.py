"""The class's paths through a module's scenarios, read from nbgrader submissions
(``submitted/<student>/<module>/coursekit.progress.json``) and from learners' "share my
path" files. Only the choices are kept: no student name, no date, no learner's words.

A file that cannot be used is reported as ``path: field: reason`` and left out."""

from __future__ import annotations

import json
from pathlib import Path

from ..content import PlayerScenario, Scenario
from ..content.paths import Steps, valid_path
from ..progress import PROGRESS_FILE, PROGRESS_MARK

SHARE_MARK = "coursekit shared path"
MAX_BYTES = 4_000_000


def _read_json(path: Path) -> tuple[object, str]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return (
                None,
                f"{path}: file: larger than any coursekit file ({MAX_BYTES} bytes); left out",
            )
        return json.loads(path.read_text(encoding="utf-8")), ""
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path}: file: cannot be read ({exc.__class__.__name__}); left out"
    except json.JSONDecodeError as exc:
        return None, f"{path}: file: not valid JSON (line {exc.lineno}); left out"


def _steps(scenario: PlayerScenario, path: object, where: str, problems: list[str]) -> Steps | None:
    if not isinstance(path, list):
        problems.append(f"{where}: must be a list of choices; left out")
        return None
    kept = valid_path(scenario, path)
    if len(kept) < len(path):
        problems.append(
            f"{where}: only {len(kept)} of {len(path)} choices fit the scenario; the rest left out"
        )
    return [(step["node"], step["choice"]) for step in kept] or None


def from_submissions(
    submitted: Path, module: str, scenarios: dict[str, PlayerScenario], problems: list[str]
) -> dict[str, list[Steps]]:
    """{scenario id: [path per student who played it]} from nbgrader's submitted folder."""
    found: dict[str, list[Steps]] = {sid: [] for sid in scenarios}
    for progress in sorted(Path(submitted).glob(f"*/{module}/{PROGRESS_FILE}")):
        data, problem = _read_json(progress)
        if problem:
            problems.append(problem)
            continue
        if (
            not isinstance(data, dict)
            or data.get("coursekit") != PROGRESS_MARK
            or not isinstance(data.get("scenarios"), dict)
        ):
            problems.append(
                f'{progress}: coursekit: not a coursekit progress file (no "coursekit": "{PROGRESS_MARK}"); left out'
            )
            continue
        for sid, entry in data["scenarios"].items():
            if sid in scenarios and isinstance(entry, dict):
                steps = _steps(
                    scenarios[sid], entry.get("path"), f"{progress}: scenarios.{sid}.path", problems
                )
                if steps:
                    found[sid].append(steps)
    return found


def from_shared(
    folder: Path,
    scenarios: dict[str, PlayerScenario],
    problems: list[str],
    found: dict[str, list[Steps]],
) -> None:
    """Adds the paths of "share my path" files (*.json in ``folder``) to ``found``."""
    for shared in sorted(Path(folder).glob("*.json")):
        data, problem = _read_json(shared)
        if problem:
            problems.append(problem)
            continue
        if not isinstance(data, dict) or data.get("coursekit") != SHARE_MARK:
            problems.append(
                f'{shared}: coursekit: not a shared path (no "coursekit": "{SHARE_MARK}"); left out'
            )
            continue
        sid = data.get("scenario")
        if sid not in scenarios:
            continue  # another module's scenario, or one no longer in the course
        steps = _steps(scenarios[sid], data.get("path"), f"{shared}: path", problems)
        if steps:
            found[sid].append(steps)


def module_scenarios(all_scenarios: dict[str, Scenario], number: int) -> dict[str, PlayerScenario]:
    return {sid: s.play for sid, s in sorted(all_scenarios.items()) if s.module == number}
